/* dl-pipeline-goals.h — the pipeline's goals, for Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DL_TYPE_PIPELINE_GOALS (dl_pipeline_goals_get_type ())

G_DECLARE_FINAL_TYPE (DlPipelineGoals, dl_pipeline_goals, DL, PIPELINE_GOALS, AdwPreferencesGroup)

G_END_DECLS

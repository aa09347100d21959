/* dl-stage.h — a pipeline column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changed only through the store (rename, move, ...).
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_STAGE (dl_stage_get_type ())

G_DECLARE_FINAL_TYPE (DlStage, dl_stage, DL, STAGE, GObject)

DlStage     *dl_stage_new             (void);
DlStage     *dl_stage_copy            (DlStage *self);
gint64       dl_stage_get_id          (DlStage *self);
const char  *dl_stage_get_name        (DlStage *self);
guint        dl_stage_get_position    (DlStage *self);
DlStageKind  dl_stage_get_kind        (DlStage *self);
guint        dl_stage_get_probability (DlStage *self);
guint        dl_stage_get_stale_days  (DlStage *self);

G_END_DECLS

/* dl-pipeline-column.h — one stage of the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_PIPELINE_COLUMN (dl_pipeline_column_get_type ())

G_DECLARE_FINAL_TYPE (DlPipelineColumn, dl_pipeline_column, DL, PIPELINE_COLUMN, GtkWidget)

typedef gboolean (*DlProspectMatch) (DlProspect *prospect,
                                     DlStage    *stage,
                                     gpointer    user_data);

GtkWidget  *dl_pipeline_column_new          (DlStore          *store,
                                             DlStage          *stage);
DlStage    *dl_pipeline_column_get_stage    (DlPipelineColumn *self);
/* The cards shown, after the filter. */
GListModel *dl_pipeline_column_get_model    (DlPipelineColumn *self);
/* Every card of the stage, filter or not. */
guint       dl_pipeline_column_get_n_total  (DlPipelineColumn *self);
/* match NULL shows every card (a joined stage still hides members who
 * joined more than 30 days ago). */
void        dl_pipeline_column_set_match    (DlPipelineColumn *self,
                                             DlProspectMatch   match,
                                             gpointer          user_data);
/* Scrolls to the card of person_id and gives it the keyboard focus. */
void        dl_pipeline_column_focus_card   (DlPipelineColumn *self,
                                             gint64            person_id);
/* Opens the inline "new prospect" entry. */
void        dl_pipeline_column_start_quick_add (DlPipelineColumn *self);
/* Says under the quick-add entry why the name typed was refused (a
 * ::add-requested handler calls it, and the entry keeps the text); NULL
 * hides it. */
void        dl_pipeline_column_show_add_error  (DlPipelineColumn *self,
                                                const char       *message);

/* The day the column judges its cards on: the 30 days a joined card
 * stays, stale flags, follow-up chips. */
void        dl_pipeline_column_set_today  (DlPipelineColumn *self,
                                           DlDay             today);

G_END_DECLS

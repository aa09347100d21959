/* dl-pipeline-view.h — the prospect pipeline: a board of stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_PIPELINE_VIEW (dl_pipeline_view_get_type ())

G_DECLARE_FINAL_TYPE (DlPipelineView, dl_pipeline_view, DL, PIPELINE_VIEW, GtkWidget)

GtkWidget *dl_pipeline_view_new          (DlStore        *store);
DlStore   *dl_pipeline_view_get_store    (DlPipelineView *self);
void       dl_pipeline_view_set_store    (DlPipelineView *self,
                                          DlStore        *store);
/* The columns, in stage order (for tests and the benchmark). */
guint      dl_pipeline_view_get_n_columns (DlPipelineView *self);
GtkWidget *dl_pipeline_view_get_column   (DlPipelineView *self,
                                          guint           index);
/* Takes back the last change; FALSE when there is nothing to undo. */
gboolean   dl_pipeline_view_undo         (DlPipelineView *self);

/* Scrolls to the prospect's card and focuses it; FALSE when they are not
 * on the board. */
gboolean   dl_pipeline_view_show_prospect (DlPipelineView *self,
                                           gint64          person_id);

G_END_DECLS

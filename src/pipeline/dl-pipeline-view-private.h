/* dl-pipeline-view-private.h — what the board's parts ask of the view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-pipeline-view.h"
#include "dl-prospect-card.h"

G_BEGIN_DECLS

/* The one path every stage change takes, whichever way it started
 * (drag, keyboard, menu): asks what a joined or not-now stage needs,
 * writes, and offers undo. */
void dl_pipeline_view_request_move   (DlPipelineView *self,
                                      gint64          person_id,
                                      gint64          stage_id,
                                      guint           position);
void dl_pipeline_view_quick_add      (DlPipelineView *self,
                                      gint64          stage_id,
                                      const char     *name,
                                      GtkWidget      *error_label);
void dl_pipeline_view_edit_prospect  (DlPipelineView *self,
                                      gint64          person_id);
void dl_pipeline_view_show_card_menu (DlPipelineView *self,
                                      DlProspectCard *card,
                                      double          x,
                                      double          y);
/* The card's context menu: Move To ▸, Edit…, Export as vCard…
 * (transfer.export-vcard with the person's id), Remove. */
GMenuModel *dl_pipeline_view_card_menu_model (DlPipelineView *self,
                                              DlProspect     *prospect);
void dl_pipeline_view_edit_stage     (DlPipelineView *self,
                                      gint64          stage_id);
void dl_pipeline_view_toast          (DlPipelineView *self,
                                      AdwToast       *toast);
/* Auto-scroll of the board while a card is dragged near its edges. */
void dl_pipeline_view_drag_at        (DlPipelineView *self,
                                      GtkWidget      *widget,
                                      double          x,
                                      double          y);
void dl_pipeline_view_drag_done      (DlPipelineView *self);

/* The clock the board reads "today" from (local time; a new reference
 * each call).  The board judges stale flags and the 30 days a joined
 * card stays by it, and looks again at each local midnight.  Tests set
 * one; NULL puts back the real clock. */
typedef GDateTime *(*DlPipelineNowFunc) (gpointer user_data);

void  dl_pipeline_view_set_now_func  (DlPipelineView    *self,
                                      DlPipelineNowFunc  now_func,
                                      gpointer           user_data);
DlDay dl_pipeline_view_get_today     (DlPipelineView    *self);

/* What the board area shows: "board", "empty" (no prospect at all) or
 * "no-match" (a search or filter nobody matches). */
const char *dl_pipeline_view_get_board_page (DlPipelineView *self);

G_END_DECLS

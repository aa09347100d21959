/* dl-pipeline-view-private.h — the board's paths, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The functions first below are the paths every change takes; the
 * view's files and tests call them.  The columns do not: they emit
 * signals (DlPipelineColumn::move-requested and the others) that the
 * view answers with these.  The view itself is in three files, which share its instance and what
 * follows it: dl-pipeline-view.c (filters, the numbers bar, the day,
 * the columns, the GObject), dl-pipeline-view-changes.c (every change
 * the board makes, with its undo) and dl-pipeline-view-actions.c (the
 * focused card, the keys and actions, auto-scroll).  Not installed.
 */

#pragma once

#include "dl-pipeline-column.h"
#include "dl-pipeline-view.h"
#include "dl-prospect-card.h"
#include "dl-undo-stack.h"

G_BEGIN_DECLS

/* The one path every stage change takes, whichever way it started
 * (drag, keyboard, menu): asks what a joined or not-now stage needs,
 * writes, and offers undo. */
void dl_pipeline_view_request_move   (DlPipelineView *self,
                                      gint64          person_id,
                                      gint64          stage_id,
                                      guint           position);
/* Adds a prospect by a whole name split as every import splits one;
 * FALSE with error (saying why, for the user) when refused. */
gboolean dl_pipeline_view_quick_add  (DlPipelineView  *self,
                                      gint64           stage_id,
                                      const char      *name,
                                      GError         **error);
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

/* The view's parts ---------------------------------------------------- */

/* A change the board made, with what undoes it. */
typedef struct _DlPipelineUndoStep DlPipelineUndoStep;

struct _DlPipelineView
{
  GtkWidget        parent_instance;

  DlStore         *store;
  GListModel      *stages;
  GPtrArray       *columns;      /* DlPipelineColumn, in stage order */
  DlUndoStack     *undo_stack;   /* the window's, or the view's own */
  DlPipelineUndoStep *pending;   /* made, not yet on the stack */
  guint            numbers_source;
  guint            scroll_source;
  GtkAdjustment   *scroll_adjustment;
  double           scroll_delta;
  GtkAdjustment   *hscroll_delta_adj;
  DlPipelineNowFunc now_func;
  gpointer         now_data;
  DlDay            today;
  guint            midnight_source;

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkToggleButton *product_toggle;
  GtkToggleButton *business_toggle;
  GtkToggleButton *overdue_toggle;
  GtkToggleButton *stale_toggle;
  GtkLabel        *pipeline_label;
  GtkLevelBar     *pipeline_bar;
  GtkLabel        *today_label;
  GtkLabel        *week_label;
  GtkLabel        *conversion_label;
  GtkLabel        *forecast_label;
  GtkScrolledWindow *board_scroller;
  GtkBox          *columns_box;
  GtkStack        *board_stack;
};

/* dl-pipeline-view.c */

/* An error, as a toast of the undo stack. */
void              dl_pipeline_view_toast_error        (DlPipelineView *self,
                                                       const GError   *error);
/* The column of stage_id (its place in *index, if not NULL), or NULL. */
DlPipelineColumn *dl_pipeline_view_column_for_stage   (DlPipelineView *self,
                                                       gint64          stage_id,
                                                       guint          *index);

/* dl-pipeline-view-changes.c */

/* Frees a step: one made but never pushed, or an entry the undo stack
 * lets go. */
void              dl_pipeline_view_undo_step_free     (gpointer        data);
/* Gives the card of person_id in stage_id's column the focus. */
void              dl_pipeline_view_refocus            (DlPipelineView *self,
                                                       gint64          person_id,
                                                       gint64          stage_id);
/* Removes the prospect from the board, with Undo. */
void              dl_pipeline_view_remove_prospect    (DlPipelineView *self,
                                                       gint64          person_id);

/* dl-pipeline-view-actions.c */

/* Installs the board's actions; once, at class init. */
void              dl_pipeline_view_actions_class_init (GtkWidgetClass *widget_class);
/* Adds the keys of the board and its cards; once, at init. */
void              dl_pipeline_view_actions_init       (DlPipelineView *self);

G_END_DECLS

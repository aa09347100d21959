/* dl-pipeline-view.c — the prospect pipeline: a board of stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per stage in a horizontal scroller, a numbers bar above,
 * and one path (dl_pipeline_view_request_move) for every stage change,
 * whether it began as a drag, a shortcut or the card's menu.  Each
 * change keeps a snapshot of the prospect from before, so Undo puts
 * back exactly what was there (dl_store_restore_prospect).
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-pipeline-column.h"
#include "dl-pipeline-dialogs.h"
#include "dl-pipeline-stats.h"
#include "dl-pipeline-view-private.h"
#include "dl-rules.h"
#include "dl-settings.h"
#include "dl-stage-change.h"
#include "dl-today-actions.h"
#include "dl-today-log-popover.h"
#include "dl-name.h"
#include "dl-toast.h"
#include "dl-undo-toasts.h"
#include "dl-validate.h"

#define EDGE 48          /* px from an edge where a drag scrolls */
#define EDGE_STEP 14     /* px per frame */

typedef enum
{
  UNDO_PROSPECT,        /* a move, join, park or removal: restore snapshot */
  UNDO_ADDED,           /* a new prospect: remove added_id again */
  UNDO_EDIT,            /* the edit dialog: save person and snapshot back */
  UNDO_STAGE,           /* a stage added, changed or deleted */
} UndoKind;

typedef struct
{
  UndoKind       kind;
  DlProspect    *snapshot;
  gint64         added_id;
  gboolean       drop_member;
  DlPerson      *person;        /* UNDO_EDIT: the person as they were */
  DlStageChange *stage_change;  /* UNDO_STAGE */
  DlStore       *store;
  GWeakRef       view;          /* to show the card again */
} UndoStep;

struct _DlPipelineView
{
  GtkWidget        parent_instance;

  DlStore         *store;
  GListModel      *stages;
  GPtrArray       *columns;      /* DlPipelineColumn, in stage order */
  DlUndoStack     *undo_stack;   /* the window's, or the view's own */
  UndoStep        *pending;      /* made, not yet on the stack */
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

G_DEFINE_FINAL_TYPE (DlPipelineView, dl_pipeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
undo_step_free (gpointer data)
{
  UndoStep *step = data;

  g_clear_object (&step->snapshot);
  g_clear_object (&step->person);
  g_clear_pointer (&step->stage_change, dl_stage_change_free);
  g_clear_object (&step->store);
  g_weak_ref_clear (&step->view);
  g_free (step);
}

void
dl_pipeline_view_toast (DlPipelineView *self,
                        AdwToast       *toast)
{
  dl_toast_show (self->toast_overlay, toast);
}

static void
toast_error (DlPipelineView *self,
             const GError   *error)
{
  dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
}

static DlPipelineColumn *
column_for_stage (DlPipelineView *self,
                  gint64          stage_id,
                  guint          *index)
{
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      DlPipelineColumn *column = g_ptr_array_index (self->columns, i);

      if (dl_stage_get_id (dl_pipeline_column_get_stage (column)) == stage_id)
        {
          if (index != NULL)
            *index = i;
          return column;
        }
    }

  return NULL;
}

static void refocus (DlPipelineView *self,
                     gint64          person_id,
                     gint64          stage_id);

static UndoStep *
push_step (DlPipelineView *self,
           UndoKind        kind)
{
  UndoStep *step = g_new0 (UndoStep, 1);

  step->kind = kind;
  step->store = g_object_ref (self->store);
  g_weak_ref_init (&step->view, self);
  g_clear_pointer (&self->pending, undo_step_free);
  self->pending = step;

  return step;
}

static void
push_undo (DlPipelineView *self,
           DlProspect     *snapshot,
           gint64          added_id,
           gboolean        drop_member)
{
  UndoStep *step = push_step (self, snapshot ? UNDO_PROSPECT : UNDO_ADDED);

  step->snapshot = snapshot ? g_object_ref (snapshot) : NULL;
  step->added_id = added_id;
  step->drop_member = drop_member;
}

static gboolean
undo_step_run (gpointer   data,
               GError   **error)
{
  UndoStep *step = data;
  g_autoptr(DlPipelineView) view = g_weak_ref_get (&step->view);
  gboolean ok;

  switch (step->kind)
    {
    case UNDO_PROSPECT:
      ok = dl_store_restore_prospect (step->store, step->snapshot, step->drop_member, error);
      break;
    case UNDO_ADDED:
      ok = dl_store_unadd_prospect (step->store, step->added_id, error);
      break;
    case UNDO_EDIT:
      ok = dl_store_save_prospect (step->store, step->person, step->snapshot, error);
      break;
    case UNDO_STAGE:
      ok = dl_stage_change_undo (step->stage_change, step->store, error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (ok && view != NULL && step->snapshot != NULL)
    refocus (view, dl_prospect_get_id (step->snapshot), dl_prospect_get_stage_id (step->snapshot));

  return ok;
}

/* The step made last goes on the undo stack, titled; with a toast of
 * its own unless the caller shows another (the join's "Write Welcome
 * Letter"); Ctrl+Z undoes it either way. */
/* Returns the undo stack's token of the step. */
static guint64
commit_step (DlPipelineView *self,
             const char     *title,
             gboolean        toast)
{
  UndoStep *step = g_steal_pointer (&self->pending);

  g_return_val_if_fail (step != NULL, 0);

  if (toast)
    return dl_undo_stack_push (self->undo_stack, title, undo_step_run, step, undo_step_free);
  return dl_undo_stack_push_quiet (self->undo_stack, title, undo_step_run, step, undo_step_free);
}

static void
toast_with_undo (DlPipelineView *self,
                 const char     *title)
{
  commit_step (self, title, TRUE);
}

static void
refocus (DlPipelineView *self,
         gint64          person_id,
         gint64          stage_id)
{
  DlPipelineColumn *column = column_for_stage (self, stage_id, NULL);

  if (column != NULL)
    dl_pipeline_column_focus_card (column, person_id);
}

/* ---- the one move path ---------------------------------------------- */

typedef struct
{
  DlPipelineView *view;
  DlProspect     *snapshot;
  gint64          person_id;
  gint64          stage_id;
  guint           position;
} MoveRequest;

static void
move_request_free (gpointer data)
{
  MoveRequest *request = data;

  g_clear_object (&request->view);
  g_clear_object (&request->snapshot);
  g_free (request);
}

static void
on_join_undo_clicked_cb (GtkButton      *button,
                         DlPipelineView *self)
{
  const guint64 *token = g_object_get_data (G_OBJECT (button), "dl-undo-token");
  AdwToast *toast;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  if (token != NULL)
    dl_undo_stack_undo (self->undo_stack, *token, NULL);
  toast = g_object_get_data (G_OBJECT (button), "dl-toast");
  if (toast != NULL)
    {
      adw_toast_set_action_name (toast, NULL);
      adw_toast_set_button_label (toast, NULL);
    }
}

static void
on_join_answered_cb (gpointer             user_data,
                     const DlJoinAnswers *answers)
{
  MoveRequest *request = user_data;
  DlPipelineView *self = request->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  if (!dl_store_join_prospect (self->store, request->person_id, request->stage_id,
                               request->position, answers->sponsor_id, answers->role,
                               answers->member_number, answers->joined_on, &error))
    {
      toast_error (self, error);
      return;
    }

  push_undo (self, request->snapshot, 0, TRUE);
  person = dl_store_get_person (self->store, request->person_id);
  title = g_strdup_printf (_("%s joined your downline"), person ? dl_person_get_name (person) : "");
  toast = dl_toast_new (title);
  adw_toast_set_button_label (toast, _("Write _Welcome Letter"));
  /* the window opens Letters on the right welcome letter for them */
  adw_toast_set_action_name (toast, "win.write-welcome");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (request->person_id));
  adw_toast_set_timeout (toast, 10);
  /* a toast has one button in libadwaita 1.2: Undo goes in its title,
   * and undoes exactly this join on the view's undo stack (the window's) */
  {
    guint64 token = commit_step (self, title, FALSE);
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    GtkWidget *label = gtk_label_new (title);
    GtkWidget *undo = gtk_button_new_with_mnemonic (_("_Undo"));

    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    gtk_widget_add_css_class (label, "heading");
    gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
    g_object_set_data_full (G_OBJECT (undo), "dl-undo-token", g_memdup2 (&token, sizeof token), g_free);
    g_signal_connect_object (undo, "clicked", G_CALLBACK (on_join_undo_clicked_cb), self, 0);
    gtk_box_append (GTK_BOX (box), label);
    gtk_box_append (GTK_BOX (box), undo);
    adw_toast_set_custom_title (toast, box);
    /* once undone, nobody is to be welcomed */
    g_object_set_data (G_OBJECT (undo), "dl-toast", toast);
  }
  dl_pipeline_view_toast (self, toast);
  refocus (self, request->person_id, request->stage_id);
}

static void
on_not_now_answered_cb (gpointer    user_data,
                        const char *reason,
                        DlDay       revisit_on)
{
  MoveRequest *request = user_data;
  DlPipelineView *self = request->view;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;

  if (!dl_store_park_prospect (self->store, request->person_id, request->stage_id,
                               request->position, reason, revisit_on, &error))
    {
      toast_error (self, error);
      return;
    }

  push_undo (self, request->snapshot, 0, FALSE);
  person = dl_store_get_person (self->store, request->person_id);
  title = g_strdup_printf (_("%s: not now, ask again later"), person ? dl_person_get_name (person) : "");
  toast_with_undo (self, title);
  refocus (self, request->person_id, request->stage_id);
}

void
dl_pipeline_view_request_move (DlPipelineView *self,
                               gint64          person_id,
                               gint64          stage_id,
                               guint           position)
{
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(DlStage) from = NULL;
  g_autoptr(DlStage) to = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  MoveRequest *request;

  g_return_if_fail (DL_IS_PIPELINE_VIEW (self));

  if (self->store == NULL)
    return;

  prospect = dl_store_get_prospect (self->store, person_id);
  to = dl_store_get_stage (self->store, stage_id);
  if (prospect == NULL || to == NULL)
    return;
  from = dl_store_get_stage (self->store, dl_prospect_get_stage_id (prospect));

  if (dl_prospect_get_stage_id (prospect) == stage_id
      && dl_prospect_get_position (prospect) == position)
    return;

  /* a member is not un-joined by a drag: Undo takes a join back */
  if (from != NULL && dl_stage_get_kind (from) == DL_STAGE_JOINED
      && dl_stage_get_kind (to) != DL_STAGE_JOINED)
    {
      g_autofree char *message = g_strdup_printf (_("%s is a member now and stays in “%s”."),
                                                  dl_person_get_name (dl_prospect_get_person (prospect)),
                                                  dl_stage_get_name (from));
      dl_pipeline_view_toast (self, dl_toast_new (message));
      return;
    }

  request = g_new0 (MoveRequest, 1);
  request->view = g_object_ref (self);
  request->snapshot = dl_prospect_copy (prospect);
  request->person_id = person_id;
  request->stage_id = stage_id;
  request->position = position;

  if (dl_stage_get_kind (to) == DL_STAGE_JOINED
      && (from == NULL || dl_stage_get_kind (from) != DL_STAGE_JOINED))
    {
      dl_pipeline_ask_join (GTK_WIDGET (self), self->store, dl_prospect_get_person (prospect),
                            on_join_answered_cb, request, move_request_free);
      return;
    }

  if (dl_stage_get_kind (to) == DL_STAGE_NOT_NOW
      && (from == NULL || dl_stage_get_kind (from) != DL_STAGE_NOT_NOW))
    {
      dl_pipeline_ask_not_now (GTK_WIDGET (self), dl_prospect_get_person (prospect),
                               on_not_now_answered_cb, request, move_request_free);
      return;
    }

  if (!dl_store_move_prospect (self->store, person_id, stage_id, position, &error))
    {
      toast_error (self, error);
      move_request_free (request);
      return;
    }

  push_undo (self, request->snapshot, 0, FALSE);
  if (dl_prospect_get_stage_id (request->snapshot) != stage_id)
    title = g_strdup_printf (_("%s moved to “%s”"),
                             dl_person_get_name (dl_prospect_get_person (prospect)),
                             dl_stage_get_name (to));
  else
    title = g_strdup_printf (_("%s moved within “%s”"),
                             dl_person_get_name (dl_prospect_get_person (prospect)),
                             dl_stage_get_name (to));
  toast_with_undo (self, title);
  refocus (self, person_id, stage_id);
  move_request_free (request);
}

gboolean
dl_pipeline_view_undo (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), FALSE);

  /* a step that cannot be taken (one transaction: nothing half done) is
   * dropped after the stack says why, so it does not block the ones
   * before */
  return dl_undo_stack_undo_last (self->undo_stack, NULL);
}

/* ---- adding and editing --------------------------------------------- */

void
dl_pipeline_view_quick_add (DlPipelineView *self,
                            gint64          stage_id,
                            const char     *name,
                            GtkWidget      *error_label)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *title = NULL;

  /* split as every import splits a whole name (dl-name.h) */
  dl_name_split (name, &first, &last);
  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, last);

  if (!dl_validate_name (dl_person_get_first_name (draft), dl_person_get_last_name (draft), &error)
      || !dl_validate_length (_("Name"), name, &error)
      || (prospect = dl_store_add_prospect (self->store, draft, stage_id, &error)) == NULL)
    {
      gtk_label_set_text (GTK_LABEL (error_label), error->message);
      gtk_widget_set_visible (error_label, TRUE);
      return;
    }

  gtk_widget_set_visible (error_label, FALSE);
  push_undo (self, NULL, dl_prospect_get_id (prospect), FALSE);
  title = g_strdup_printf (_("%s added"), dl_person_get_name (dl_prospect_get_person (prospect)));
  toast_with_undo (self, title);
}

typedef struct
{
  DlPipelineView *view;
  DlProspect     *snapshot;   /* NULL for a new prospect */
} EditRequest;

static void
edit_request_free (gpointer data)
{
  EditRequest *request = data;

  g_clear_object (&request->view);
  g_clear_object (&request->snapshot);
  g_free (request);
}

static void
on_prospect_edited_cb (gpointer    user_data,
                       DlPerson   *person,
                       DlProspect *prospect,
                       gint64      stage_id)
{
  EditRequest *request = user_data;
  DlPipelineView *self = request->view;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;

  if (request->snapshot == NULL)
    {
      gint64 id = dl_store_create_prospect (self->store, person, prospect, stage_id, &error);

      if (id == 0)
        {
          toast_error (self, error);
          return;
        }
      push_undo (self, NULL, id, FALSE);
      title = g_strdup_printf (_("%s added"), dl_person_get_name (person));
      toast_with_undo (self, title);
      refocus (self, id, stage_id);
      return;
    }

  {
    g_autoptr(DlPerson) live = dl_store_get_person (self->store, dl_prospect_get_id (request->snapshot));
    g_autoptr(DlPerson) person_before = live ? dl_person_copy (live) : NULL;

    if (!dl_store_save_prospect (self->store, person, prospect, &error))
      {
        toast_error (self, error);
        return;
      }

    if (person_before != NULL)
      {
        UndoStep *step = push_step (self, UNDO_EDIT);

        step->snapshot = g_object_ref (request->snapshot);
        step->person = g_steal_pointer (&person_before);
        /* Translators: toast after the edit dialog saved */
        title = g_strdup_printf (_("%s saved"), dl_person_get_name (person));
        toast_with_undo (self, title);
      }
  }
}

void
dl_pipeline_view_edit_prospect (DlPipelineView *self,
                                gint64          person_id)
{
  g_autoptr(DlProspect) prospect = NULL;
  EditRequest *request;

  if (self->store == NULL)
    return;

  if (person_id != 0)
    {
      prospect = dl_store_get_prospect (self->store, person_id);
      if (prospect == NULL)
        return;
    }

  request = g_new0 (EditRequest, 1);
  request->view = g_object_ref (self);
  request->snapshot = prospect ? dl_prospect_copy (prospect) : NULL;
  dl_pipeline_edit_prospect (GTK_WIDGET (self), self->store, prospect,
                             on_prospect_edited_cb, request, edit_request_free);
}

static void
on_stage_edited_cb (gpointer  user_data,
                    DlStage  *before,
                    gint64    stage_id,
                    gboolean  deleted)
{
  DlPipelineView *self = user_data;
  UndoStep *step;

  if (self->store == NULL)
    return;

  step = push_step (self, UNDO_STAGE);
  step->stage_change = dl_stage_change_new (self->store, before, stage_id, deleted);
  toast_with_undo (self, dl_stage_change_get_title (step->stage_change));
}

void
dl_pipeline_view_edit_stage (DlPipelineView *self,
                             gint64          stage_id)
{
  if (self->store != NULL)
    dl_pipeline_edit_stage (GTK_WIDGET (self), self->store, stage_id,
                            on_stage_edited_cb, g_object_ref (self), g_object_unref);
}

static void
remove_prospect (DlPipelineView *self,
                 gint64          person_id)
{
  g_autoptr(DlProspect) prospect = dl_store_get_prospect (self->store, person_id);
  g_autoptr(DlProspect) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (prospect == NULL)
    return;

  snapshot = dl_prospect_copy (prospect);
  if (!dl_store_remove_prospect (self->store, person_id, &error))
    {
      toast_error (self, error);
      return;
    }

  push_undo (self, snapshot, 0, FALSE);
  title = g_strdup_printf (_("%s removed from the pipeline"),
                           dl_person_get_name (dl_prospect_get_person (snapshot)));
  toast_with_undo (self, title);
}

/* ---- the focused card and the keyboard ------------------------------ */

static DlProspect *
focused_prospect (DlPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  card = DL_IS_PROSPECT_CARD (focus) ? focus : gtk_widget_get_ancestor (focus, DL_TYPE_PROSPECT_CARD);
  if (card == NULL)
    card = gtk_widget_get_first_child (focus);
  if (!DL_IS_PROSPECT_CARD (card))
    return NULL;

  return dl_prospect_card_get_prospect (DL_PROSPECT_CARD (card));
}

static void
move_focused (DlPipelineView *self,
              int             columns,
              int             rows)
{
  DlProspect *prospect = focused_prospect (self);
  guint index;
  int position;

  if (prospect == NULL
      || column_for_stage (self, dl_prospect_get_stage_id (prospect), &index) == NULL)
    return;

  if (columns != 0)
    {
      int target = (int) index + columns;
      DlPipelineColumn *column;

      if (target < 0 || target >= (int) self->columns->len)
        return;
      column = g_ptr_array_index (self->columns, target);
      /* to the top of the next stage: the card just arrived there */
      dl_pipeline_view_request_move (self, dl_prospect_get_id (prospect),
                                     dl_stage_get_id (dl_pipeline_column_get_stage (column)), 0);
      return;
    }

  position = (int) dl_prospect_get_position (prospect) + rows;
  if (position < 0)
    return;
  dl_pipeline_view_request_move (self, dl_prospect_get_id (prospect),
                                 dl_prospect_get_stage_id (prospect), position);
}

/* Left and Right on a card: the keyboard goes to the card at about the
 * same height in the next column that shows any (Up and Down stay
 * within a column: its list's own).  FALSE, and the key goes on to
 * whoever has it, when the focus is not on a card (the search entry). */
static gboolean
focus_across (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  int step = GPOINTER_TO_INT (user_data);
  DlProspect *prospect = focused_prospect (self);
  DlPipelineColumn *column;
  GListModel *shown;
  guint index, row = 0;

  if (prospect == NULL
      || (column = column_for_stage (self, dl_prospect_get_stage_id (prospect), &index)) == NULL)
    return FALSE;

  shown = dl_pipeline_column_get_model (column);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DlProspect) other = g_list_model_get_item (shown, i);

      if (dl_prospect_get_id (other) == dl_prospect_get_id (prospect))
        row = i;
    }

  for (int target = (int) index + step; target >= 0 && target < (int) self->columns->len; target += step)
    {
      DlPipelineColumn *next = g_ptr_array_index (self->columns, target);
      GListModel *cards = dl_pipeline_column_get_model (next);
      guint n = g_list_model_get_n_items (cards);
      g_autoptr(DlProspect) there = NULL;

      if (n == 0)
        continue;
      there = g_list_model_get_item (cards, MIN (row, n - 1));
      dl_pipeline_column_focus_card (next, dl_prospect_get_id (there));
      return TRUE;
    }
  /* the first or last column: the focus stays */
  return TRUE;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);

  if (g_str_equal (action_name, "pipeline.move-left"))
    move_focused (self, -1, 0);
  else if (g_str_equal (action_name, "pipeline.move-right"))
    move_focused (self, 1, 0);
  else if (g_str_equal (action_name, "pipeline.move-up"))
    move_focused (self, 0, -1);
  else
    move_focused (self, 0, 1);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gint64 person_id, stage_id;

  g_variant_get (parameter, "(xx)", &person_id, &stage_id);
  /* the top of the stage, as for the keyboard */
  dl_pipeline_view_request_move (DL_PIPELINE_VIEW (widget), person_id, stage_id, 0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* Ctrl+Z while typing undoes the typing, not the last card moved */
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    {
      gtk_widget_activate_action (focus, "text.undo", NULL);
      return;
    }

  dl_pipeline_view_undo (DL_PIPELINE_VIEW (widget));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  dl_pipeline_view_edit_prospect (DL_PIPELINE_VIEW (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  gint64 id = parameter ? g_variant_get_int64 (parameter) : 0;

  if (id == 0)
    {
      DlProspect *prospect = focused_prospect (self);

      id = prospect ? dl_prospect_get_id (prospect) : 0;
    }
  if (id != 0)
    dl_pipeline_view_edit_prospect (self, id);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id == 0)
    {
      DlProspect *prospect = focused_prospect (self);

      id = prospect ? dl_prospect_get_id (prospect) : 0;
    }
  if (id != 0)
    remove_prospect (self, id);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
edit_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  dl_pipeline_view_edit_stage (DL_PIPELINE_VIEW (widget),
                               parameter ? g_variant_get_int64 (parameter) : 0);
}

static void
quick_add_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlPipelineColumn *column = column_for_stage (DL_PIPELINE_VIEW (widget),
                                               g_variant_get_int64 (parameter), NULL);

  if (column != NULL)
    dl_pipeline_column_start_quick_add (column);
}

GMenuModel *
dl_pipeline_view_card_menu_model (DlPipelineView *self,
                                  DlProspect     *prospect)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) rest = g_menu_new ();
  gint64 id = dl_prospect_get_id (prospect);

  for (guint i = 0; i < self->columns->len; i++)
    {
      DlStage *stage = dl_pipeline_column_get_stage (g_ptr_array_index (self->columns, i));
      g_autoptr(GMenuItem) item = NULL;

      if (dl_stage_get_id (stage) == dl_prospect_get_stage_id (prospect))
        continue;
      item = g_menu_item_new (dl_stage_get_name (stage), NULL);
      g_menu_item_set_action_and_target (item, "pipeline.move-to", "(xx)", id, dl_stage_get_id (stage));
      g_menu_append_item (move, item);
    }
  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (move));

  {
    g_autoptr(GMenuItem) log = g_menu_item_new (_("_Log Contact…"), NULL);
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove From Pipeline"), NULL);

    g_autoptr(GMenuItem) vcard = g_menu_item_new (_("E_xport as vCard…"), NULL);

    g_menu_item_set_action_and_target (log, "pipeline.log-contact", "x", id);
    g_menu_item_set_action_and_target (edit, "pipeline.edit", "x", id);
    g_menu_item_set_action_and_target (remove, "pipeline.remove", "x", id);
    /* the window's export, given the one person of this card */
    g_menu_item_set_action_and_target_value (vcard, "transfer.export-vcard",
                                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1,
                                                                        sizeof (gint64)));
    g_menu_append_item (rest, log);
    g_menu_append_item (rest, edit);
    g_menu_append_item (rest, vcard);
    g_menu_append_item (rest, remove);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (rest));
  }

  return G_MENU_MODEL (menu);
}

static gboolean
unparent_idle_cb (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);

  return G_SOURCE_REMOVE;
}

/* GTK 4.8 closes a popover menu before it activates the item clicked:
 * a popover unparented on ::closed is out of the widget tree by then,
 * its actions no longer resolve, and the click does nothing.  It goes
 * once the main loop is idle again. */
static void
on_card_menu_closed_cb (GtkPopover *popover)
{
  g_idle_add (unparent_idle_cb, g_object_ref (popover));
}

void
dl_pipeline_view_show_card_menu (DlPipelineView *self,
                                 DlProspectCard *card,
                                 double          x,
                                 double          y)
{
  g_autoptr(GMenuModel) menu = dl_pipeline_view_card_menu_model (self, dl_prospect_card_get_prospect (card));
  GtkWidget *popover;

  popover = gtk_popover_menu_new_from_model (menu);
  gtk_widget_set_parent (popover, GTK_WIDGET (card));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (on_card_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* The card of person_id on screen, or NULL. */
static GtkWidget *
find_card (GtkWidget *widget,
           gint64     person_id)
{
  if (DL_IS_PROSPECT_CARD (widget)
      && dl_prospect_get_id (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (widget))) == person_id)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card (child, person_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_card_log_cb (GtkWidget  *popover,
                guint       kind,
                const char *summary,
                GDateTime  *at,
                gpointer    user_data)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (user_data);
  gint64 person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "dl-person-id"));
  g_autoptr(DlPerson) person = self->store != NULL ? dl_store_get_person (self->store, person_id) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DlTodayUndo *undo;

  if (person == NULL)
    return;
  undo = dl_today_log_contact (self->store, person_id, kind, at, summary, &error);
  if (undo == NULL)
    {
      dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
      return;
    }
  /* Translators: a toast; %s is a person's name */
  title = g_strdup_printf (_("Contact with %s logged"), dl_person_get_name (person));
  dl_today_undo_push (self->undo_stack, self->store, title, undo);
}

/* A contact logged from the card (its menu, or Ctrl+L on it), not only
 * once the prospect is due in Today: the same popover as Today's. */
static void
log_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  gint64 person_id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;
  g_autoptr(DlPerson) person = NULL;
  GtkWidget *card, *popover;

  if (person_id == 0)
    {
      DlProspect *focused = focused_prospect (self);

      person_id = focused != NULL ? dl_prospect_get_id (focused) : 0;
    }
  card = person_id != 0 ? find_card (widget, person_id) : NULL;
  if (card == NULL || self->store == NULL
      || (person = dl_store_get_person (self->store, person_id)) == NULL)
    return;

  popover = dl_today_log_popover_new (dl_person_get_name (person));
  g_object_set_data (G_OBJECT (popover), "dl-person-id", GSIZE_TO_POINTER (person_id));
  gtk_widget_set_parent (popover, card);
  g_signal_connect_object (popover, "log", G_CALLBACK (on_card_log_cb), self, 0);
  g_signal_connect (popover, "closed", G_CALLBACK (on_card_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focused_prospect (self) == NULL)
    return;

  card = gtk_widget_get_ancestor (focus, DL_TYPE_PROSPECT_CARD);
  if (card == NULL)
    card = gtk_widget_get_first_child (focus);
  dl_pipeline_view_show_card_menu (self, DL_PROSPECT_CARD (card), 20, 20);
}

/* ---- auto-scroll ----------------------------------------------------- */

static gboolean
scroll_tick_cb (gpointer user_data)
{
  DlPipelineView *self = user_data;
  double value;

  if (self->scroll_adjustment == NULL || self->scroll_delta == 0)
    {
      self->scroll_source = 0;
      return G_SOURCE_REMOVE;
    }

  value = gtk_adjustment_get_value (self->scroll_adjustment) + self->scroll_delta;
  gtk_adjustment_set_value (self->scroll_adjustment, value);
  if (self->hscroll_delta_adj != NULL)
    gtk_adjustment_set_value (self->hscroll_delta_adj, value);

  return G_SOURCE_CONTINUE;
}

static double
edge_delta (double at,
            double size)
{
  if (at < EDGE)
    return -EDGE_STEP * (1 - MAX (at, 0) / EDGE);
  if (at > size - EDGE)
    return EDGE_STEP * (1 - MAX (size - at, 0) / EDGE);
  return 0;
}

void
dl_pipeline_view_drag_at (DlPipelineView *self,
                          GtkWidget      *widget,
                          double          x,
                          double          y)
{
  GtkWidget *scroller;
  graphene_point_t in_board;
  double dy, dx;

  if (self == NULL)
    return;

  self->hscroll_delta_adj = NULL;
  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  dy = scroller ? edge_delta (y - 0, gtk_widget_get_height (scroller)) : 0;

  if (gtk_widget_compute_point (widget, GTK_WIDGET (self->board_scroller),
                                &GRAPHENE_POINT_INIT (x, y), &in_board))
    dx = edge_delta (in_board.x, gtk_widget_get_width (GTK_WIDGET (self->board_scroller)));
  else
    dx = 0;

  if (dx != 0)
    {
      self->scroll_adjustment = gtk_scrolled_window_get_hadjustment (self->board_scroller);
      self->scroll_delta = dx;
    }
  else if (dy != 0)
    {
      self->scroll_adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      self->scroll_delta = dy;
    }
  else
    self->scroll_delta = 0;

  if (self->scroll_delta != 0 && self->scroll_source == 0)
    self->scroll_source = g_timeout_add (16, scroll_tick_cb, self);
}

void
dl_pipeline_view_drag_done (DlPipelineView *self)
{
  if (self == NULL)
    return;

  self->scroll_delta = 0;
  self->scroll_adjustment = NULL;
  g_clear_handle_id (&self->scroll_source, g_source_remove);
}

/* ---- search and filters --------------------------------------------- */

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
match_cb (DlProspect *prospect,
          DlStage    *stage,
          gpointer    user_data)
{
  DlPipelineView *self = user_data;
  DlPerson *person = dl_prospect_get_person (prospect);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  DlInterest interest = dl_prospect_get_interest (prospect);
  DlDay today = self->today;

  if (text[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (text, -1);

      if (!contains (dl_person_get_name (person), needle)
          && !contains (dl_person_get_notes (person), needle)
          && !contains (dl_person_get_category (person), needle)
          && !contains (dl_person_get_source (person), needle))
        return FALSE;
    }

  if (gtk_toggle_button_get_active (self->product_toggle)
      && interest != DL_INTEREST_PRODUCT && interest != DL_INTEREST_BOTH)
    return FALSE;
  if (gtk_toggle_button_get_active (self->business_toggle)
      && interest != DL_INTEREST_BUSINESS && interest != DL_INTEREST_BOTH)
    return FALSE;

  if (gtk_toggle_button_get_active (self->overdue_toggle)
      && dl_pipeline_follow_up_state (dl_prospect_get_next_follow_up (prospect), today)
         != DL_FOLLOW_UP_OVERDUE)
    return FALSE;

  if (gtk_toggle_button_get_active (self->stale_toggle))
    {
      GDateTime *entered = dl_prospect_get_entered_stage_at (prospect);
      GDateTime *contact = dl_person_get_last_contact (person);
      DlProspectFacts facts = {
        .stage_kind = dl_stage_get_kind (stage),
        .stale_after_days = dl_stage_get_stale_days (stage),
        .entered_stage_on = entered ? dl_day_from_date_time (entered) : DL_DAY_NONE,
        .last_contact = contact ? dl_day_from_date_time (contact) : DL_DAY_NONE,
        .next_follow_up = dl_prospect_get_next_follow_up (prospect),
        .revisit_on = dl_prospect_get_revisit_on (prospect),
      };

      if (!dl_rules_prospect_is_stale (&facts, today))
        return FALSE;
    }

  return TRUE;
}

static gboolean
filter_active (DlPipelineView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0'
         || gtk_toggle_button_get_active (self->product_toggle)
         || gtk_toggle_button_get_active (self->business_toggle)
         || gtk_toggle_button_get_active (self->overdue_toggle)
         || gtk_toggle_button_get_active (self->stale_toggle);
}

/* No prospect at all: a page that says how to start.  A search or filter
 * nobody matches: a page that says so, rather than empty columns. */
static void
update_empty_state (DlPipelineView *self)
{
  guint total = 0, shown = 0;
  const char *page = "board";

  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      DlPipelineColumn *column = g_ptr_array_index (self->columns, i);

      total += dl_pipeline_column_get_n_total (column);
      shown += g_list_model_get_n_items (dl_pipeline_column_get_model (column));
    }

  if (self->store != NULL && self->columns != NULL && self->columns->len > 0 && total == 0)
    page = "empty";
  else if (shown == 0 && total > 0 && filter_active (self))
    page = "no-match";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->board_stack), page) != 0)
    gtk_stack_set_visible_child_name (self->board_stack, page);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->product_toggle, FALSE);
  gtk_toggle_button_set_active (self->business_toggle, FALSE);
  gtk_toggle_button_set_active (self->overdue_toggle, FALSE);
  gtk_toggle_button_set_active (self->stale_toggle, FALSE);
}

/* The first stage with a card left in view: a search for someone in the
 * sixth stage is not answered by five columns of "0 of …". */
static void
scroll_to_first_match (DlPipelineView *self)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->board_scroller);

  for (guint i = 0; i < self->columns->len; i++)
    {
      GtkWidget *column = g_ptr_array_index (self->columns, i);
      graphene_rect_t bounds;
      double value = gtk_adjustment_get_value (h);
      double page = gtk_adjustment_get_page_size (h);

      if (g_list_model_get_n_items (dl_pipeline_column_get_model (DL_PIPELINE_COLUMN (column))) == 0)
        continue;
      if (!gtk_widget_compute_bounds (column, gtk_widget_get_parent (column), &bounds))
        return;
      if (bounds.origin.x < value || bounds.origin.x + bounds.size.width > value + page)
        gtk_adjustment_set_value (h, MAX (0, bounds.origin.x - 12));
      return;
    }
}

static void
on_filter_changed_cb (DlPipelineView *self)
{
  gboolean active = filter_active (self);

  for (guint i = 0; i < self->columns->len; i++)
    dl_pipeline_column_set_match (g_ptr_array_index (self->columns, i),
                                  active ? match_cb : NULL, self);
  update_empty_state (self);
  if (active)
    scroll_to_first_match (self);
}

/* ---- the numbers bar ------------------------------------------------ */

static gboolean
update_numbers_cb (gpointer user_data)
{
  DlPipelineView *self = user_data;
  DlPipelineCounts counts;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (DlForecastStage));
  g_autoptr(GString) forecast_tip = g_string_new (NULL);
  guint n_history = 0;
  double expected;
  g_autofree char *pipeline = NULL;
  g_autofree char *today = NULL;
  g_autofree char *week = NULL;
  g_autofree char *conversion = NULL;
  g_autofree char *forecast = NULL;
  /* the one settings object: Insights reads the same goals */
  guint goal = MAX (1, dl_settings_get_pipeline_goal (dl_settings_get_default ()));
  guint daily = MAX (1, dl_settings_get_daily_contacts_goal (dl_settings_get_default ()));
  int percent;

  self->numbers_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (!dl_store_get_pipeline_counts (self->store, self->today, &counts, &error))
    {
      g_warning ("The pipeline's numbers could not be read: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      DlPipelineColumn *column = g_ptr_array_index (self->columns, i);
      DlStage *stage = dl_pipeline_column_get_stage (column);
      DlStageHistory history = { 0, 0, -1 };
      DlForecastStage f = { 0, };
      gboolean from_history;
      double chance;
      g_autofree char *line = NULL;

      if (dl_stage_get_kind (stage) != DL_STAGE_OPEN)
        continue;
      if (!dl_store_get_stage_history (self->store, dl_stage_get_id (stage), &history, &error))
        {
          g_warning ("The history of a stage could not be read: %s", error->message);
          g_clear_error (&error);
        }
      f.prospects = dl_pipeline_column_get_n_total (column);
      f.default_percent = dl_stage_get_probability (stage);
      f.decided = history.decided;
      f.joined = history.joined;
      f.days_to_join = history.days_to_join;
      g_array_append_val (stages, f);

      /* one line per stage in the tooltip, saying where the chance came from */
      chance = dl_pipeline_stage_chance (&f, &from_history);
      if (from_history)
        /* Translators: forecast tooltip line: stage, chance, how many decided */
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s: %.0f %% from your last %u outcome",
                                             "%s: %.0f %% from your last %u outcomes", f.decided),
                                dl_stage_get_name (stage), chance * 100, f.decided);
      else
        /* Translators: forecast tooltip line: stage, its set chance, outcomes so far, needed */
        line = g_strdup_printf (_("%s: %u %% as set (%u of %u outcomes needed to learn from)"),
                                dl_stage_get_name (stage), MIN (f.default_percent, 100),
                                f.decided, DL_PIPELINE_HISTORY_MIN);
      g_string_append_printf (forecast_tip, "\n%s", line);
    }

  /* Translators: prospects in open stages and the user's goal */
  pipeline = g_strdup_printf (_("%u in the pipeline · goal %u"), counts.open, goal);
  gtk_label_set_text (self->pipeline_label, pipeline);
  gtk_level_bar_set_value (self->pipeline_bar, MIN (1.0, (double) counts.open / goal));

  today = g_strdup_printf (_("%u of %u new today"), counts.added_today, daily);
  gtk_label_set_text (self->today_label, today);
  if (counts.added_today >= daily)
    gtk_widget_add_css_class (GTK_WIDGET (self->today_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->today_label), "success");
  week = g_strdup_printf (_("%u of %u this week"), counts.added_this_week, daily * 7);
  gtk_label_set_text (self->week_label, week);

  percent = dl_pipeline_conversion_percent (counts.joined_90, counts.not_now_90);
  if (percent < 0)
    conversion = g_strdup (_("No conversions yet (90 days)"));
  else
    /* Translators: conversion rate, e.g. "33 % converted (90 days)" */
    conversion = g_strdup_printf (_("%d %% converted (90 days)"), percent);
  gtk_label_set_text (self->conversion_label, conversion);

  expected = dl_pipeline_forecast_month ((DlForecastStage *) (gpointer) stages->data, stages->len,
                                         self->today, &n_history);
  /* Translators: expected joins in the rest of this month */
  forecast = g_strdup_printf (_("Forecast: %.1f joins this month"), expected);
  gtk_label_set_text (self->forecast_label, forecast);
  {
    /* Translators: the forecast's tooltip, before one line per stage;
     * %u is how many outcomes a stage needs before its own history counts */
    g_autofree char *intro = g_strdup_printf (_("Prospects in each open stage × their chance of joining, "
                                                "counted for the part of the stage’s usual time to join "
                                                "that fits in the days left this month. A stage’s chance "
                                                "is learned from your own history once %u prospects have "
                                                "left it with a known outcome; until then it is the "
                                                "chance set for the stage."),
                                              DL_PIPELINE_HISTORY_MIN);

    g_string_prepend (forecast_tip, intro);
  }
  {
    const char *old_tip = gtk_widget_get_tooltip_text (GTK_WIDGET (self->forecast_label));

    /* setting a tooltip costs a round trip to the X server */
    if (g_strcmp0 (old_tip, forecast_tip->str) != 0)
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->forecast_label), forecast_tip->str);
  }

  return G_SOURCE_REMOVE;
}

static void
queue_numbers (DlPipelineView *self)
{
  if (self->numbers_source == 0)
    self->numbers_source = g_idle_add (update_numbers_cb, self);
}

/* ---- the day -------------------------------------------------------- */

static GDateTime *
real_now (gpointer user_data)
{
  return g_date_time_new_now_local ();
}

static GDateTime *
now (DlPipelineView *self)
{
  return self->now_func ? self->now_func (self->now_data) : real_now (NULL);
}

static void arm_midnight (DlPipelineView *self);

/* Reads the day from the clock; on a new day, every column and the
 * numbers judge again. */
static void
update_today (DlPipelineView *self)
{
  g_autoptr(GDateTime) time = now (self);
  DlDay today = dl_day_from_date_time (time);

  if (today == self->today)
    return;

  self->today = today;
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    dl_pipeline_column_set_today (g_ptr_array_index (self->columns, i), today);
  on_filter_changed_cb (self);
  queue_numbers (self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  DlPipelineView *self = user_data;

  self->midnight_source = 0;
  update_today (self);
  arm_midnight (self);

  return G_SOURCE_REMOVE;
}

/* A timeout to the next local midnight, or in a minute if that is
 * sooner: timeouts run on the monotonic clock, which stops while the
 * computer sleeps, so after a night suspended the board would otherwise
 * judge by yesterday for hours.  The day is read again each time. */
static void
arm_midnight (DlPipelineView *self)
{
  g_autoptr(GDateTime) time = now (self);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  midnight = g_date_time_new_local (g_date_time_get_year (time), g_date_time_get_month (time),
                                    g_date_time_get_day_of_month (time), 0, 0, 0);
  next = midnight ? g_date_time_add_days (midnight, 1) : NULL;
  wait = next ? g_date_time_difference (next, time) : G_TIME_SPAN_HOUR;
  /* a millisecond past midnight, so the clock then reads the new day */
  self->midnight_source = g_timeout_add (MIN (MAX (wait / 1000, 0) + 1, 60 * 1000), midnight_cb, self);
}

void
dl_pipeline_view_set_now_func (DlPipelineView    *self,
                               DlPipelineNowFunc  now_func,
                               gpointer           user_data)
{
  g_return_if_fail (DL_IS_PIPELINE_VIEW (self));

  self->now_func = now_func;
  self->now_data = user_data;
  update_today (self);
  arm_midnight (self);
}

const char *
dl_pipeline_view_get_board_page (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->board_stack);
}

DlDay
dl_pipeline_view_get_today (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), DL_DAY_NONE);

  return self->today;
}

/* ---- columns -------------------------------------------------------- */

static void
rebuild_columns (DlPipelineView *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  g_ptr_array_set_size (self->columns, 0);

  if (self->stages == NULL)
    return;

  n = g_list_model_get_n_items (self->stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (self->stages, i);
      GtkWidget *column = dl_pipeline_column_new (self->store, stage);

      dl_pipeline_column_set_today (DL_PIPELINE_COLUMN (column), self->today);
      g_signal_connect_object (dl_pipeline_column_get_model (DL_PIPELINE_COLUMN (column)), "items-changed",
                               G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->columns_box, column);
      g_ptr_array_add (self->columns, column);
    }

  on_filter_changed_cb (self);
  queue_numbers (self);
}

static void
on_store_changed_cb (DlPipelineView *self,
                     DlStoreEntity   entity,
                     gint64          id,
                     DlStore        *store)
{
  /* templates and letters count in none of the numbers (a letter sent
   * is logged as a contact, which comes as a change of its own) */
  if (entity == DL_STORE_ENTITY_TEMPLATES || entity == DL_STORE_ENTITY_LETTERS)
    return;
  queue_numbers (self);
}

/* A backup replaced everything: the undo steps describe a database that
 * is gone, and would write it back over the restored one. */
static void
on_store_restored_cb (DlPipelineView *self)
{
  dl_undo_stack_clear (self->undo_stack);
}

void
dl_pipeline_view_set_store (DlPipelineView *self,
                            DlStore        *store)
{
  g_return_if_fail (DL_IS_PIPELINE_VIEW (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->stages != NULL)
    g_signal_handlers_disconnect_by_data (self->stages, self);
  g_clear_object (&self->stages);
  g_set_object (&self->store, store);
  dl_undo_stack_clear (self->undo_stack);

  if (store != NULL)
    {
      self->stages = dl_store_get_stages (store);
      g_signal_connect_swapped (self->stages, "items-changed", G_CALLBACK (rebuild_columns), self);
      g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      g_signal_connect_swapped (store, "restored", G_CALLBACK (on_store_restored_cb), self);
    }

  rebuild_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
on_goal_changed_cb (DlPipelineView *self)
{
  queue_numbers (self);
}

static void
dl_pipeline_view_dispose (GObject *object)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);
  GtkWidget *child;

  dl_pipeline_view_set_store (self, NULL);
  g_clear_handle_id (&self->numbers_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PIPELINE_VIEW);
  /* the template's root is not a bound child: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dl_pipeline_view_parent_class)->dispose (object);
}

static void
dl_pipeline_view_finalize (GObject *object)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->pending, undo_step_free);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (dl_pipeline_view_parent_class)->finalize (object);
}

static void
dl_pipeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_pipeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_pipeline_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      if (g_value_get_object (value) != NULL)
        g_set_object (&self->undo_stack, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_shortcut_full (GtkEventController *controller,
                   const char         *accel,
                   const char         *action,
                   GVariant           *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

static void
add_shortcut (GtkEventController *controller,
              const char         *accel,
              const char         *action)
{
  add_shortcut_full (controller, accel, action, NULL);
}

static void
dl_pipeline_view_class_init (DlPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_pipeline_view_dispose;
  object_class->finalize = dl_pipeline_view_finalize;
  object_class->get_property = dl_pipeline_view_get_property;
  object_class->set_property = dl_pipeline_view_set_property;

  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, DL_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, product_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, business_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, stale_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, pipeline_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, pipeline_bar);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, today_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, week_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, conversion_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, board_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "pipeline.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "pipeline.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "pipeline.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "pipeline.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-to", "(xx)", move_to_action);
  gtk_widget_class_install_action (widget_class, "pipeline.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "pipeline.edit-focused", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "pipeline.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "pipeline.card-menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "pipeline.log-contact", "x", log_contact_action);
  gtk_widget_class_install_action (widget_class, "pipeline.edit-stage", "x", edit_stage_action);
  gtk_widget_class_install_action (widget_class, "pipeline.add-stage", NULL, edit_stage_action);
  gtk_widget_class_install_action (widget_class, "pipeline.quick-add", "x", quick_add_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dl_pipeline_view_init (DlPipelineView *self)
{
  GtkEventController *global;
  GtkEventController *local;
  GtkEventController *across;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new ();
  /* alone (in a test) the view shows its own undo toasts; in the window
   * it gets the window's stack */
  self->undo_stack = dl_undo_stack_new ();
  dl_undo_toasts_attach (self->undo_stack, self->toast_overlay);
  self->today = DL_DAY_NONE;
  update_today (self);
  arm_midnight (self);

  g_signal_connect_object (dl_settings_get_default (), "changed::pipeline-goal",
                           G_CALLBACK (on_goal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dl_settings_get_default (), "changed::daily-contacts-goal",
                           G_CALLBACK (on_goal_changed_cb), self, G_CONNECT_SWAPPED);

  /* while the board shows, wherever the focus is */
  global = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (global), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (global, "<Control>n", "pipeline.new");
  add_shortcut (global, "<Control>f", "pipeline.search");
  gtk_widget_add_controller (GTK_WIDGET (self), global);

  /* on a card */
  local = gtk_shortcut_controller_new ();
  add_shortcut (local, "<Alt>Left", "pipeline.move-left");
  add_shortcut (local, "<Alt>Right", "pipeline.move-right");
  add_shortcut (local, "<Alt>Up", "pipeline.move-up");
  add_shortcut (local, "<Alt>Down", "pipeline.move-down");
  add_shortcut_full (local, "Delete", "pipeline.remove", g_variant_new_int64 (0));
  add_shortcut (local, "<Shift>F10|Menu", "pipeline.card-menu");
  add_shortcut_full (local, "<Control>l", "pipeline.log-contact", g_variant_new_int64 (0));
  gtk_widget_add_controller (GTK_WIDGET (self), local);

  /* before the column's grid, which would take Left and Right for its
   * own (one-column) rows */
  across = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (across, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (across),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Left|KP_Left"),
                                                          gtk_callback_action_new (focus_across, GINT_TO_POINTER (-1), NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (across),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Right|KP_Right"),
                                                          gtk_callback_action_new (focus_across, GINT_TO_POINTER (1), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), across);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

GtkWidget *
dl_pipeline_view_new (DlStore *store)
{
  return g_object_new (DL_TYPE_PIPELINE_VIEW, "store", store, NULL);
}

DlStore *
dl_pipeline_view_get_store (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), NULL);

  return self->store;
}

guint
dl_pipeline_view_get_n_columns (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), 0);

  return self->columns->len;
}

GtkWidget *
dl_pipeline_view_get_column (DlPipelineView *self,
                             guint           index)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, index);
}

gboolean
dl_pipeline_view_show_prospect (DlPipelineView *self,
                                gint64          person_id)
{
  g_autoptr(DlProspect) prospect = NULL;

  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  prospect = dl_store_get_prospect (self->store, person_id);
  if (prospect == NULL || column_for_stage (self, dl_prospect_get_stage_id (prospect), NULL) == NULL)
    return FALSE;

  refocus (self, person_id, dl_prospect_get_stage_id (prospect));
  return TRUE;
}

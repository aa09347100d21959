/* dl-pipeline-view-changes.c — every change the board makes, each with
 * its undo: the one move path (joined and not-now stages ask first),
 * adding, editing and removing prospects, and editing stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each change keeps a snapshot of the prospect from before, so Undo puts
 * back exactly what was there (dl_store_restore_prospect).
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-pipeline-column.h"
#include "dl-pipeline-dialogs.h"
#include "dl-pipeline-view-private.h"
#include "dl-stage-change.h"
#include "dl-name.h"
#include "dl-toast.h"
#include "dl-validate.h"

/* ---- undo steps ----------------------------------------------------- */

typedef enum
{
  UNDO_PROSPECT,        /* a move, join, park or removal: restore snapshot */
  UNDO_ADDED,           /* a new prospect: remove added_id again */
  UNDO_EDIT,            /* the edit dialog: save person and snapshot back */
  UNDO_STAGE,           /* a stage added, changed or deleted */
} UndoKind;

struct _DlPipelineUndoStep
{
  UndoKind       kind;
  DlProspect    *snapshot;
  gint64         added_id;
  gboolean       drop_member;
  DlPerson      *person;        /* UNDO_EDIT: the person as they were */
  DlStageChange *stage_change;  /* UNDO_STAGE */
  DlStore       *store;
  GWeakRef       view;          /* to show the card again */
};

void
dl_pipeline_view_undo_step_free (gpointer data)
{
  DlPipelineUndoStep *step = data;

  g_clear_object (&step->snapshot);
  g_clear_object (&step->person);
  g_clear_pointer (&step->stage_change, dl_stage_change_free);
  g_clear_object (&step->store);
  g_weak_ref_clear (&step->view);
  g_free (step);
}

static DlPipelineUndoStep *
push_step (DlPipelineView *self,
           UndoKind        kind)
{
  DlPipelineUndoStep *step = g_new0 (DlPipelineUndoStep, 1);

  step->kind = kind;
  step->store = g_object_ref (self->store);
  g_weak_ref_init (&step->view, self);
  g_clear_pointer (&self->pending, dl_pipeline_view_undo_step_free);
  self->pending = step;

  return step;
}

static void
push_undo (DlPipelineView *self,
           DlProspect     *snapshot,
           gint64          added_id,
           gboolean        drop_member)
{
  DlPipelineUndoStep *step = push_step (self, snapshot ? UNDO_PROSPECT : UNDO_ADDED);

  step->snapshot = snapshot ? g_object_ref (snapshot) : NULL;
  step->added_id = added_id;
  step->drop_member = drop_member;
}

static gboolean
undo_step_run (gpointer   data,
               GError   **error)
{
  DlPipelineUndoStep *step = data;
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
    dl_pipeline_view_refocus (view, dl_prospect_get_id (step->snapshot), dl_prospect_get_stage_id (step->snapshot));

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
  DlPipelineUndoStep *step = g_steal_pointer (&self->pending);

  g_return_val_if_fail (step != NULL, 0);

  if (toast)
    return dl_undo_stack_push (self->undo_stack, title, undo_step_run, step, dl_pipeline_view_undo_step_free);
  return dl_undo_stack_push_quiet (self->undo_stack, title, undo_step_run, step, dl_pipeline_view_undo_step_free);
}

static void
toast_with_undo (DlPipelineView *self,
                 const char     *title)
{
  commit_step (self, title, TRUE);
}

void
dl_pipeline_view_refocus (DlPipelineView *self,
                          gint64          person_id,
                          gint64          stage_id)
{
  DlPipelineColumn *column = dl_pipeline_view_column_for_stage (self, stage_id, NULL);

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
      dl_pipeline_view_toast_error (self, error);
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
  dl_pipeline_view_refocus (self, request->person_id, request->stage_id);
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
      dl_pipeline_view_toast_error (self, error);
      return;
    }

  push_undo (self, request->snapshot, 0, FALSE);
  person = dl_store_get_person (self->store, request->person_id);
  title = g_strdup_printf (_("%s: not now, ask again later"), person ? dl_person_get_name (person) : "");
  toast_with_undo (self, title);
  dl_pipeline_view_refocus (self, request->person_id, request->stage_id);
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
      dl_pipeline_view_toast_error (self, error);
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
  dl_pipeline_view_refocus (self, person_id, stage_id);
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

gboolean
dl_pipeline_view_quick_add (DlPipelineView  *self,
                            gint64           stage_id,
                            const char      *name,
                            GError         **error)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlProspect) prospect = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *title = NULL;

  /* split as every import splits a whole name (dl-name.h) */
  dl_name_split (name, &first, &last);
  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, last);

  if (!dl_validate_name (dl_person_get_first_name (draft), dl_person_get_last_name (draft), error)
      || !dl_validate_length (_("Name"), name, error)
      || (prospect = dl_store_add_prospect (self->store, draft, stage_id, error)) == NULL)
    return FALSE;

  push_undo (self, NULL, dl_prospect_get_id (prospect), FALSE);
  title = g_strdup_printf (_("%s added"), dl_person_get_name (dl_prospect_get_person (prospect)));
  toast_with_undo (self, title);
  return TRUE;
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
          dl_pipeline_view_toast_error (self, error);
          return;
        }
      push_undo (self, NULL, id, FALSE);
      title = g_strdup_printf (_("%s added"), dl_person_get_name (person));
      toast_with_undo (self, title);
      dl_pipeline_view_refocus (self, id, stage_id);
      return;
    }

  {
    g_autoptr(DlPerson) live = dl_store_get_person (self->store, dl_prospect_get_id (request->snapshot));
    g_autoptr(DlPerson) person_before = live ? dl_person_copy (live) : NULL;

    if (!dl_store_save_prospect (self->store, person, prospect, &error))
      {
        dl_pipeline_view_toast_error (self, error);
        return;
      }

    if (person_before != NULL)
      {
        DlPipelineUndoStep *step = push_step (self, UNDO_EDIT);

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
  DlPipelineUndoStep *step;

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

void
dl_pipeline_view_remove_prospect (DlPipelineView *self,
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
      dl_pipeline_view_toast_error (self, error);
      return;
    }

  push_undo (self, snapshot, 0, FALSE);
  title = g_strdup_printf (_("%s removed from the pipeline"),
                           dl_person_get_name (dl_prospect_get_person (snapshot)));
  toast_with_undo (self, title);
}

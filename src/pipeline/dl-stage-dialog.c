/* dl-stage-dialog.c — a stage's name, kind, chance, stale days and place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save stays off while the name is wrong, with the reason under the
 * rows.  The dialog writes the stage itself (several small writes, each
 * checked by the store) and hands a copy of the stage from before to
 * done, so the board can offer Undo.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-stage-dialog.h"
#include "dl-validate.h"

struct _DlStageDialog
{
  AdwMessageDialog  parent_instance;

  DlStore          *store;
  gint64            stage_id;     /* 0: a new stage */
  gboolean          touched;      /* no red before the first keystroke */
  DlStageDone       done;
  gpointer          user_data;
  GDestroyNotify    destroy;

  /* template children */
  AdwEntryRow      *name_row;
  AdwComboRow      *kind_row;
  GtkSpinButton    *probability_spin;
  GtkSpinButton    *stale_spin;
  GtkSpinButton    *position_spin;
  GtkAdjustment    *position_adjustment;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (DlStageDialog, dl_stage_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
show_error (DlStageDialog *self,
            const GError  *error)
{
  GtkWidget *dialog = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                              _("The Stage Was Not Changed"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
check_name (DlStageDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  if (name[0] == '\0')
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("A stage needs a name."));
  else
    dl_validate_length (_("Name"), name, &error);

  if (error != NULL && self->touched)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && self->touched);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", error == NULL);
}

static void
on_name_changed_cb (DlStageDialog *self)
{
  self->touched = TRUE;
  check_name (self);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                DlStageDialog    *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStage) before = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  DlStageKind kind = adw_combo_row_get_selected (self->kind_row);
  guint probability = gtk_spin_button_get_value_as_int (self->probability_spin);
  guint stale = gtk_spin_button_get_value_as_int (self->stale_spin);
  guint position = gtk_spin_button_get_value_as_int (self->position_spin) - 1;
  gint64 id = self->stage_id;

  if (id != 0)
    {
      g_autoptr(DlStage) stage = dl_store_get_stage (self->store, id);

      before = stage ? dl_stage_copy (stage) : NULL;
    }

  if (g_str_equal (response, "delete"))
    {
      if (!dl_store_delete_stage (self->store, id, &error))
        show_error (self, error);
      else if (self->done != NULL && before != NULL)
        self->done (self->user_data, before, id, TRUE);
      return;
    }

  /* a refused form writes nothing, however the answer came */
  if (!g_str_equal (response, "save")
      || !adw_message_dialog_get_response_enabled (dialog, "save"))
    return;

  if (id == 0)
    {
      g_autoptr(DlStage) stage = dl_store_add_stage (self->store, name, kind, &error);

      if (stage == NULL)
        {
          show_error (self, error);
          return;
        }
      id = dl_stage_get_id (stage);
      /* the new stage is there whatever follows: its undo deletes it */
      if (!dl_store_update_stage (self->store, id, name, kind, probability, stale, position, &error))
        show_error (self, error);
    }
  /* all or nothing: a refused edit leaves the stage as it was */
  else if (!dl_store_update_stage (self->store, id, name, kind, probability, stale, position, &error))
    {
      show_error (self, error);
      return;
    }

  if (self->done != NULL)
    self->done (self->user_data, before, id, FALSE);
}

static void
dl_stage_dialog_dispose (GObject *object)
{
  DlStageDialog *self = DL_STAGE_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  self->destroy = NULL;
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_STAGE_DIALOG);

  G_OBJECT_CLASS (dl_stage_dialog_parent_class)->dispose (object);
}

static void
dl_stage_dialog_class_init (DlStageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_stage_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-stage-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, stale_spin);
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, position_spin);
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, position_adjustment);
  gtk_widget_class_bind_template_child (widget_class, DlStageDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
dl_stage_dialog_init (DlStageDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlStageDialog *
dl_stage_dialog_new (GtkWindow      *parent,
                     DlStore        *store,
                     gint64          stage_id,
                     DlStageDone     done,
                     gpointer        user_data,
                     GDestroyNotify  destroy)
{
  g_autoptr(DlStage) stage = NULL;
  g_autoptr(GListModel) stages = NULL;
  DlStageDialog *self;
  guint n;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  stage = stage_id ? dl_store_get_stage (store, stage_id) : NULL;
  stages = dl_store_get_stages (store);
  n = g_list_model_get_n_items (stages);

  self = g_object_new (DL_TYPE_STAGE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", stage ? _("Edit Stage") : _("New Stage"),
                       NULL);
  self->store = g_object_ref (store);
  self->stage_id = stage ? stage_id : 0;
  self->done = done;
  self->user_data = user_data;
  self->destroy = destroy;

  if (stage != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "delete", _("_Delete Stage"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "delete",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Add"));

  /* the values first, then a check that does not count as typing */
  gtk_adjustment_set_upper (self->position_adjustment, stage ? n : n + 1);
  g_signal_handlers_block_by_func (self->name_row, on_name_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), stage ? dl_stage_get_name (stage) : "");
  g_signal_handlers_unblock_by_func (self->name_row, on_name_changed_cb, self);
  adw_combo_row_set_selected (self->kind_row, stage ? dl_stage_get_kind (stage) : DL_STAGE_OPEN);
  gtk_spin_button_set_value (self->probability_spin, stage ? dl_stage_get_probability (stage) : 10);
  gtk_spin_button_set_value (self->stale_spin, stage ? dl_stage_get_stale_days (stage) : 7);
  gtk_spin_button_set_value (self->position_spin, stage ? dl_stage_get_position (stage) + 1 : n + 1);
  check_name (self);

  return self;
}

/* dl-pipeline-goals.c — the pipeline's goals, for Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A preferences group bound straight to GSettings, so the numbers bar
 * follows a change at once, and the stages of the board, each with an
 * Edit button.  The stages need the store: Preferences opens over the
 * main window, whose "store" property gives it.  A stage edit made
 * here is offered for undo in a toast of the Preferences window, as the
 * board does for one made from a column.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-pipeline-dialogs.h"
#include "dl-pipeline-goals.h"
#include "dl-settings.h"
#include "dl-stage-change.h"
#include "dl-store.h"
#include "dl-toast.h"

struct _DlPipelineGoals
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;
  DlStore             *store;
  GListModel          *stages;
  AdwToast            *undo_toast;   /* the last edit's, while shown */

  /* template children */
  GtkSpinButton       *pipeline_spin;
  GtkSpinButton       *daily_spin;
  AdwExpanderRow      *stages_row;
  GPtrArray           *stage_rows;
};

G_DEFINE_FINAL_TYPE (DlPipelineGoals, dl_pipeline_goals, ADW_TYPE_PREFERENCES_GROUP)

static const char *
kind_text (DlStageKind kind)
{
  switch (kind)
    {
    case DL_STAGE_JOINED:
      return C_("stage kind", "Joined");
    case DL_STAGE_NOT_NOW:
      return C_("stage kind", "Not now");
    case DL_STAGE_OPEN:
    default:
      return C_("stage kind", "Open");
    }
}

/* Takes toast; FALSE when there is no Preferences window to show it. */
static gboolean
add_toast (DlPipelineGoals *self,
           AdwToast        *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), toast);
      return TRUE;
    }
  g_object_unref (toast);   /* an AdwToast is not floating */
  return FALSE;
}

/* Only the last edit can be undone from here: an older one's toast
 * goes, and so does the last one's when a backup replaces everything. */
static void
forget_undo (DlPipelineGoals *self)
{
  AdwToast *toast = g_steal_pointer (&self->undo_toast);

  if (toast != NULL)
    adw_toast_dismiss (toast);
}

static void
on_undo_toast_dismissed_cb (AdwToast        *toast,
                            DlPipelineGoals *self)
{
  if (self->undo_toast == toast)
    self->undo_toast = NULL;
}

static void
on_undo_clicked_cb (AdwToast        *toast,
                    DlPipelineGoals *self)
{
  DlStageChange *change = g_object_get_data (G_OBJECT (toast), "dl-stage-change");
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || change == NULL)
    return;
  if (!dl_stage_change_undo (change, self->store, &error))
    {
      AdwToast *failed = dl_toast_new (error->message);

      adw_toast_set_timeout (failed, 6);
      add_toast (self, failed);
    }
}

static void
on_stage_edited_cb (gpointer  user_data,
                    DlStage  *before,
                    gint64    stage_id,
                    gboolean  deleted)
{
  DlPipelineGoals *self = user_data;
  DlStageChange *change;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  forget_undo (self);
  change = dl_stage_change_new (self->store, before, stage_id, deleted);
  toast = dl_toast_new (dl_stage_change_get_title (change));
  g_object_set_data_full (G_OBJECT (toast), "dl-stage-change", change, (GDestroyNotify) dl_stage_change_free);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed_cb), self, 0);
  if (add_toast (self, toast))
    self->undo_toast = toast;
}

static void
edit_stage (DlPipelineGoals *self,
            gint64           stage_id)
{
  if (self->store != NULL)
    dl_pipeline_edit_stage (GTK_WIDGET (self), self->store, stage_id,
                            on_stage_edited_cb, g_object_ref (self), g_object_unref);
}

static void
on_edit_clicked_cb (GtkButton       *button,
                    DlPipelineGoals *self)
{
  edit_stage (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "dl-stage-id")));
}

static void
rebuild_stages (DlPipelineGoals *self)
{
  guint n = self->stages ? g_list_model_get_n_items (self->stages) : 0;

  for (guint i = 0; i < self->stage_rows->len; i++)
    adw_expander_row_remove (self->stages_row, g_ptr_array_index (self->stage_rows, i));
  g_ptr_array_set_size (self->stage_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (self->stages, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Edit…"));

      /* Translators: a stage's kind, its chance of joining and when it goes stale */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u %% chance · stale after %u day",
                                               "%s · %u %% chance · stale after %u days",
                                               dl_stage_get_stale_days (stage)),
                                  kind_text (dl_stage_get_kind (stage)),
                                  dl_stage_get_probability (stage),
                                  dl_stage_get_stale_days (stage));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dl_stage_get_name (stage));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (button), "dl-stage-id", GSIZE_TO_POINTER (dl_stage_get_id (stage)));
      g_signal_connect (button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (self->stages_row, row);
      g_ptr_array_add (self->stage_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->stages_row), self->store != NULL);
}

static void
on_add_stage_cb (DlPipelineGoals *self)
{
  edit_stage (self, 0);
}

static void
on_store_changed_cb (DlPipelineGoals *self)
{
  rebuild_stages (self);
}

/* Preferences opens over the main window; its store is the one to edit. */
static void
on_root_cb (DlPipelineGoals *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *main_window = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  GParamSpec *pspec = main_window ? g_object_class_find_property (G_OBJECT_GET_CLASS (main_window), "store") : NULL;
  g_autoptr(DlStore) store = NULL;

  if (pspec != NULL && pspec->value_type == DL_TYPE_STORE)
    g_object_get (main_window, "store", &store, NULL);

  if (store == self->store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  forget_undo (self);
  g_clear_object (&self->stages);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->stages = dl_store_get_stages (store);
      g_signal_connect_swapped (store, "changed::stages", G_CALLBACK (on_store_changed_cb), self);
      g_signal_connect_swapped (store, "restored", G_CALLBACK (forget_undo), self);
    }
  rebuild_stages (self);
}

static void
dl_pipeline_goals_dispose (GObject *object)
{
  DlPipelineGoals *self = DL_PIPELINE_GOALS (object);

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  self->undo_toast = NULL;
  g_clear_object (&self->stages);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_pipeline_goals_parent_class)->dispose (object);
}

static void
dl_pipeline_goals_class_init (DlPipelineGoalsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_pipeline_goals_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-pipeline-goals.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPipelineGoals, pipeline_spin);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineGoals, daily_spin);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineGoals, stages_row);
  gtk_widget_class_bind_template_callback (widget_class, on_add_stage_cb);
}

static void
dl_pipeline_goals_init (DlPipelineGoals *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->stage_rows = g_ptr_array_new ();
  g_signal_connect (self, "map", G_CALLBACK (on_root_cb), NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->stages_row), FALSE);

  self->settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));
  g_settings_bind (self->settings, "pipeline-goal",
                   gtk_spin_button_get_adjustment (self->pipeline_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "daily-contacts-goal",
                   gtk_spin_button_get_adjustment (self->daily_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
}

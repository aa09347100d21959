/* dl-join-dialog.c — a prospect joins: role, sponsor, number, date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main response stays off while the number is too long, the date
 * is not a real day up to today or no sponsor is chosen, with the first
 * problem said under the rows.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-join-dialog.h"
#include "dl-person-row.h"
#include "dl-store-downline.h"
#include "dl-validate.h"

struct _DlJoinDialog
{
  AdwMessageDialog  parent_instance;

  gboolean          touched;      /* no red before the first keystroke */
  DlJoinDone        done;
  gpointer          user_data;
  GDestroyNotify    destroy;

  DlStore          *store;

  /* template children */
  AdwComboRow      *role_row;
  AdwActionRow     *sponsor_row;
  GtkDropDown      *sponsor_drop_down;
  AdwEntryRow      *number_row;
  AdwEntryRow      *date_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (DlJoinDialog, dl_join_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
mark_field (gpointer field,
            gboolean wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (field), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field), "error");
}

/* The join day, or DL_DAY_NONE with the first problem in error. */
static DlDay
check (DlJoinDialog  *self,
       GError       **error)
{
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  DlDay day;
  gboolean date_ok = TRUE;

  if (!dl_validate_length (_("Member number"), number, error))
    {
      mark_field (self->number_row, TRUE);
      return DL_DAY_NONE;
    }
  mark_field (self->number_row, FALSE);

  day = dl_validate_date (date, error);
  if (day == DL_DAY_NONE)
    date_ok = FALSE;
  else if (day > dl_day_today ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The join date cannot be in the future."));
      date_ok = FALSE;
    }
  mark_field (self->date_row, !date_ok);

  if (!date_ok)
    return DL_DAY_NONE;

  if (gtk_drop_down_get_selected_item (self->sponsor_drop_down) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose a sponsor."));
      return DL_DAY_NONE;
    }

  return day;
}

static void
report (DlJoinDialog *self)
{
  g_autoptr(GError) error = NULL;

  check (self, &error);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && self->touched);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "join", error == NULL);
}

/* Which of several people of one name the chosen sponsor is, under
 * the row's title: the closed drop-down shows the name alone. */
static void
describe_sponsor (DlJoinDialog *self)
{
  DlMember *sponsor = gtk_drop_down_get_selected_item (self->sponsor_drop_down);
  g_autofree char *text = NULL;

  if (sponsor != NULL && self->store != NULL)
    text = dl_store_describe_member (self->store, dl_member_get_id (sponsor));
  adw_action_row_set_subtitle (self->sponsor_row, text != NULL ? text : "");
}

static void
on_changed_cb (DlJoinDialog *self)
{
  self->touched = TRUE;
  describe_sponsor (self);
  report (self);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                DlJoinDialog     *self)
{
  DlJoinAnswers answers = { 0, };
  DlMember *sponsor;
  DlDay day;

  if (!g_str_equal (response, "join") || self->done == NULL)
    return;

  day = check (self, NULL);
  sponsor = gtk_drop_down_get_selected_item (self->sponsor_drop_down);
  if (day == DL_DAY_NONE || sponsor == NULL)
    return;

  answers.role = adw_combo_row_get_selected (self->role_row) == 1 ? DL_ROLE_CUSTOMER : DL_ROLE_DISTRIBUTOR;
  answers.sponsor_id = dl_member_get_id (sponsor);
  answers.member_number = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  answers.joined_on = day;
  self->done (self->user_data, &answers);
}

/* Enter on the Role row joins with what is shown, as Enter anywhere
 * else in the dialog does; Space and a click still open the choices (a
 * row's own activation opened them on Enter too). */
static gboolean
on_role_key_pressed_cb (GtkEventControllerKey *keys,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        DlJoinDialog          *self)
{
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter)
    return FALSE;
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  /* the default response's button, as Enter in a text field presses it */
  gtk_widget_activate_action (GTK_WIDGET (self), "default.activate", NULL);
  return TRUE;
}

static char *
member_name_cb (DlMember *member,
                gpointer  user_data)
{
  return member ? g_strdup (dl_person_get_name (dl_member_get_person (member))) : g_strdup ("");
}

static void
dl_join_dialog_dispose (GObject *object)
{
  DlJoinDialog *self = DL_JOIN_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  self->destroy = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_JOIN_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_join_dialog_parent_class)->dispose (object);
}

static void
dl_join_dialog_class_init (DlJoinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_join_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-join-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlJoinDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, DlJoinDialog, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, DlJoinDialog, sponsor_drop_down);
  gtk_widget_class_bind_template_child (widget_class, DlJoinDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, DlJoinDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, DlJoinDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
dl_join_dialog_init (DlJoinDialog *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_role_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->role_row), keys);
}

DlJoinDialog *
dl_join_dialog_new (GtkWindow      *parent,
                    DlStore        *store,
                    DlPerson       *person,
                    DlJoinDone      done,
                    gpointer        user_data,
                    GDestroyNotify  destroy)
{
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GtkListItemFactory) rows = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *today = NULL;
  GtkExpression *name;
  DlJoinDialog *self;
  gint64 user_id;
  guint n;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (DL_IS_PERSON (person), NULL);

  heading = g_strdup_printf (_("%s Joined"), dl_person_get_name (person));
  self = g_object_new (DL_TYPE_JOIN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       NULL);
  self->done = done;
  self->store = g_object_ref (store);
  self->user_data = user_data;
  self->destroy = destroy;

  /* the values first, then a check that does not count as typing */
  g_signal_handlers_block_by_func (self->sponsor_drop_down, on_changed_cb, self);
  g_signal_handlers_block_by_func (self->date_row, on_changed_cb, self);

  members = dl_store_get_members (store);
  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                      G_CALLBACK (member_name_cb), NULL, NULL);
  gtk_drop_down_set_expression (self->sponsor_drop_down, name);
  gtk_expression_unref (name);
  /* people of one name told apart by number, city and sponsor */
  rows = dl_person_row_factory_new (store);
  gtk_drop_down_set_list_factory (self->sponsor_drop_down, rows);
  gtk_drop_down_set_model (self->sponsor_drop_down, members);
  user_id = dl_store_get_user_id (store);
  n = g_list_model_get_n_items (members);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlMember) member = g_list_model_get_item (members, i);

      if (dl_member_get_id (member) == user_id)
        {
          gtk_drop_down_set_selected (self->sponsor_drop_down, i);
          break;
        }
    }

  today = dl_day_to_iso (dl_day_today ());
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today);

  g_signal_handlers_unblock_by_func (self->date_row, on_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->sponsor_drop_down, on_changed_cb, self);
  describe_sponsor (self);
  report (self);

  return self;
}

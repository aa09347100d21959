/* dl-member-edit-dialog.c — editing a member from the Downline view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person fields and the member fields the store can update, checked
 * as they are typed (dl-validate), saved as one change: a refusal (a
 * member number already taken, say) is shown in the dialog and nothing
 * is saved.  The member's own check-in interval is saved with them.
 */

#define G_LOG_DOMAIN "dl-member-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-cadence-group.h"
#include "dl-clock.h"
#include "dl-day.h"
#include "dl-member-edit-dialog.h"
#include "dl-search-window.h"
#include "dl-store-delete.h"
#include "dl-store-downline.h"
#include "dl-validate.h"

struct _DlMemberEditDialog
{
  AdwWindow    parent_instance;

  DlStore     *store;
  DlMember    *member;   /* a copy: what the member was when opened */
  DlPerson    *person;   /* a copy, likewise */

  /* template */
  GtkButton   *save_button;
  GtkLabel    *error_label;
  GtkWidget   *error_group;
  AdwEntryRow *first_name_row;
  AdwEntryRow *last_name_row;
  AdwEntryRow *email_row;
  AdwEntryRow *phone_row;
  AdwEntryRow *best_time_row;
  AdwEntryRow *city_row;
  AdwEntryRow *member_number_row;
  AdwEntryRow *rank_row;
  AdwComboRow *role_row;
  AdwActionRow *sponsor_row;
  GtkButton   *sponsor_button;
  AdwComboRow *status_row;
  AdwActionRow *snooze_row;
  GtkButton   *cancel_snooze_button;
  AdwActionRow *welcome_row;
  GtkSwitch   *welcome_switch;
  GtkWidget   *delete_group;
  DlCadenceGroup *cadence_group;
  GtkTextView *notes_view;

  /* what is saved for the rows that are not typed in */
  gint64       sponsor_id;
  DlDay        snoozed_until;
  /* adding someone new rather than editing (member and person NULL) */
  gboolean     adding;
  gboolean     needs_welcome;
  DlTodayUndo *logged_welcome;
};

G_DEFINE_FINAL_TYPE (DlMemberEditDialog, dl_member_edit_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_SAVED,
  SIGNAL_ADDED,
  SIGNAL_DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define N_ENTRY_ROWS 8

static guint
entry_rows (DlMemberEditDialog *self,
            AdwEntryRow       **rows)
{
  rows[0] = self->first_name_row;
  rows[1] = self->last_name_row;
  rows[2] = self->email_row;
  rows[3] = self->phone_row;
  rows[4] = self->best_time_row;
  rows[5] = self->city_row;
  rows[6] = self->member_number_row;
  rows[7] = self->rank_row;
  return N_ENTRY_ROWS;
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
notes_text (DlMemberEditDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_error (DlMemberEditDialog *self,
            const char         *message)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), GTK_TYPE_SCROLLED_WINDOW);

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  gtk_widget_set_visible (self->error_group, message != NULL);
  /* the message stands at the top: a Delete Member refused at the
   * bottom of the page said why out of sight */
  if (message != NULL && scroller != NULL)
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (v, gtk_adjustment_get_lower (v));
    }
}

static void
mark (AdwEntryRow *row,
      gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Marks every field in error and shows the first message.  TRUE when
 * everything can be saved. */
static gboolean
validate (DlMemberEditDialog *self)
{
  g_autoptr(GError) first = NULL;
  g_autofree char *notes = notes_text (self);
  AdwEntryRow *rows[N_ENTRY_ROWS];
  guint n = entry_rows (self, rows);

  for (guint k = 0; k < n; k++)
    mark (rows[k], FALSE);

  {
    g_autoptr(GError) error = NULL;

    if (!dl_validate_name (text_of (self->first_name_row), text_of (self->last_name_row), &error))
      {
        mark (self->first_name_row, TRUE);
        mark (self->last_name_row, TRUE);
        g_propagate_error (&first, g_steal_pointer (&error));
      }
  }
  {
    g_autoptr(GError) error = NULL;

    if (!dl_validate_email (text_of (self->email_row), &error))
      {
        mark (self->email_row, TRUE);
        if (first == NULL)
          g_propagate_error (&first, g_steal_pointer (&error));
      }
  }
  {
    g_autoptr(GError) error = NULL;

    if (!dl_validate_phone (text_of (self->phone_row), &error))
      {
        mark (self->phone_row, TRUE);
        if (first == NULL)
          g_propagate_error (&first, g_steal_pointer (&error));
      }
  }
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GError) error = NULL;

      if (!dl_validate_length (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (rows[k])),
                               text_of (rows[k]), &error))
        {
          mark (rows[k], TRUE);
          if (first == NULL)
            g_propagate_error (&first, g_steal_pointer (&error));
        }
    }
  {
    g_autoptr(GError) error = NULL;

    if (!dl_validate_length (_("Notes"), notes, &error) && first == NULL)
      g_propagate_error (&first, g_steal_pointer (&error));
  }

  show_error (self, first != NULL ? first->message : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), first == NULL);
  return first == NULL;
}

static void
on_row_changed_cb (DlMemberEditDialog *self)
{
  if (self->member != NULL || self->adding)
    validate (self);
}

static void
show_sponsor (DlMemberEditDialog *self)
{
  g_autoptr(DlPerson) sponsor = self->sponsor_id != 0 ? dl_store_get_person (self->store, self->sponsor_id) : NULL;

  adw_action_row_set_subtitle (self->sponsor_row,
                               sponsor != NULL ? dl_person_get_name (sponsor) : _("Nobody: at the top of the downline"));
}

static void
show_snooze (DlMemberEditDialog *self)
{
  g_autofree char *until = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->snooze_row), self->snoozed_until != DL_DAY_NONE);
  if (self->snoozed_until == DL_DAY_NONE)
    return;
  until = dl_day_format_short (self->snoozed_until);
  /* Translators: %s is a day, as in “12 Dec 2026” */
  subtitle = g_strdup_printf (_("Until %s: no check-in reminders before then"), until);
  adw_action_row_set_subtitle (self->snooze_row, subtitle);
}

static void
show_status_since (DlMemberEditDialog *self)
{
  DlMemberStatus chosen = adw_combo_row_get_selected (self->status_row);
  g_autofree char *since = NULL;
  g_autofree char *subtitle = NULL;

  if (self->member == NULL || chosen != dl_member_get_status (self->member))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), _("From today"));
      return;
    }
  if (dl_member_get_status_since (self->member) == DL_DAY_NONE)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), NULL);
      return;
    }
  since = dl_day_format_short (dl_member_get_status_since (self->member));
  /* Translators: %s is a day, as in “12 Dec 2026” */
  subtitle = g_strdup_printf (_("Since %s"), since);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), subtitle);
}

static void
on_status_changed_cb (DlMemberEditDialog *self)
{
  show_status_since (self);
}

static void
on_cancel_snooze_cb (DlMemberEditDialog *self)
{
  self->snoozed_until = DL_DAY_NONE;
  show_snooze (self);
}

static void
on_sponsor_chosen_cb (DlMemberEditDialog *self,
                      gint64              person_id,
                      const char         *name)
{
  self->sponsor_id = person_id;
  show_sponsor (self);
  show_error (self, NULL);
}

/* The search window picks the new sponsor: namesakes are told apart by
 * number, city and sponsor there.  A loop is refused on saving. */
static void
on_change_sponsor_cb (DlMemberEditDialog *self)
{
  DlSearchWindow *picker = dl_search_window_new_picker (GTK_WINDOW (self), self->store,
                                                        _("Choose the Sponsor"));

  g_signal_connect_object (picker, "chosen", G_CALLBACK (on_sponsor_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (picker));
}

static void
show_welcome (DlMemberEditDialog *self)
{
  gboolean on = gtk_switch_get_active (self->welcome_switch);

  if (!self->needs_welcome)
    adw_action_row_set_subtitle (self->welcome_row, _("Contacts since they joined count as their welcome"));
  else if (on)
    adw_action_row_set_subtitle (self->welcome_row, _("Saving logs their welcome as of today"));
  else
    adw_action_row_set_subtitle (self->welcome_row, _("Not yet: Today lists them until a welcome is logged"));
}

static void
on_welcome_toggled_cb (DlMemberEditDialog *self)
{
  show_welcome (self);
}

/* No question first: the toast's Undo brings them back whole. */
static void
on_delete_clicked_cb (DlMemberEditDialog *self)
{
  g_autoptr(DlDeletedPerson) deleted = NULL;
  g_autoptr(GError) error = NULL;

  if (self->member == NULL)
    return;
  deleted = dl_store_delete_person_keeping (self->store, dl_member_get_id (self->member), &error);
  if (deleted == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_DELETED], 0, deleted);
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_save_clicked_cb (DlMemberEditDialog *self)
{
  if (dl_member_edit_dialog_save (self))
    gtk_window_close (GTK_WINDOW (self));
}

static void
dl_member_edit_dialog_dispose (GObject *object)
{
  DlMemberEditDialog *self = DL_MEMBER_EDIT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->member);
  g_clear_object (&self->person);
  g_clear_pointer (&self->logged_welcome, dl_today_undo_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_MEMBER_EDIT_DIALOG);

  G_OBJECT_CLASS (dl_member_edit_dialog_parent_class)->dispose (object);
}

static void
dl_member_edit_dialog_class_init (DlMemberEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_member_edit_dialog_dispose;

  g_type_ensure (DL_TYPE_CADENCE_GROUP);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DL_TYPE_PERSON, DL_TYPE_MEMBER);
  /* after Delete Member: what was deleted, for the undo */
  signals[SIGNAL_DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DL_TYPE_DELETED_PERSON);
  /* adding: the new member, once in the file */
  signals[SIGNAL_ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DL_TYPE_MEMBER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/downline/dl-member-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, best_time_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, member_number_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, rank_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, role_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, cadence_group);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, sponsor_button);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, snooze_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, cancel_snooze_button);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, welcome_row);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, welcome_switch);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, delete_group);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_delete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_sponsor_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_snooze_cb);
  gtk_widget_class_bind_template_child (widget_class, DlMemberEditDialog, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
}

static void
dl_member_edit_dialog_init (DlMemberEditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

DlMemberEditDialog *
dl_member_edit_dialog_new (DlStore *store,
                           gint64   person_id)
{
  g_autoptr(DlMember) member = NULL;
  DlMemberEditDialog *self;
  DlPerson *person;
  g_autofree char *title = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  member = dl_store_get_member (store, person_id);
  person = member != NULL ? dl_member_get_person (member) : NULL;
  if (person == NULL)
    return NULL;

  self = g_object_new (DL_TYPE_MEMBER_EDIT_DIALOG, NULL);
  self->store = g_object_ref (store);
  set_text (self->first_name_row, dl_person_get_first_name (person));
  set_text (self->last_name_row, dl_person_get_last_name (person));
  set_text (self->email_row, dl_person_get_email (person));
  set_text (self->phone_row, dl_person_get_phone (person));
  set_text (self->best_time_row, dl_person_get_best_time (person));
  set_text (self->city_row, dl_person_get_city (person));
  set_text (self->member_number_row, dl_member_get_member_number (member));
  set_text (self->rank_row, dl_member_get_rank (member));
  adw_combo_row_set_selected (self->role_row, dl_member_get_role (member) == DL_ROLE_CUSTOMER ? 1 : 0);
  dl_cadence_group_set_days (self->cadence_group, dl_member_get_cadence_days (member));
  {
    const char *notes = dl_person_get_notes (person);

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes != NULL ? notes : "", -1);
  }
  /* Copies, so that what is undone is what was there when opened. */
  self->member = dl_member_copy (member);
  self->person = dl_person_copy (person);
  self->sponsor_id = dl_member_get_sponsor_id (member);
  self->snoozed_until = dl_member_get_snoozed_until (member);
  /* the user is the root: no sponsor to change, nobody to welcome, not
   * to be deleted */
  gtk_widget_set_visible (GTK_WIDGET (self->sponsor_row), person_id != dl_store_get_user_id (store));
  gtk_widget_set_visible (self->delete_group, person_id != dl_store_get_user_id (store));
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_row), FALSE);
  show_sponsor (self);
  show_snooze (self);
  adw_combo_row_set_selected (self->status_row, dl_member_get_status (member));
  show_status_since (self);
  /* Translators: the title of the dialog editing a member: their name */
  title = g_strdup_printf (_("Edit %s"), dl_person_get_name (person));
  gtk_window_set_title (GTK_WINDOW (self), title);
  validate (self);

  return self;
}

DlMemberEditDialog *
dl_member_edit_dialog_new_for_add (DlStore *store,
                                   gint64   sponsor_id)
{
  DlMemberEditDialog *self;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  self = g_object_new (DL_TYPE_MEMBER_EDIT_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->adding = TRUE;
  self->sponsor_id = sponsor_id != 0 ? sponsor_id : dl_store_get_user_id (store);
  self->snoozed_until = DL_DAY_NONE;
  show_sponsor (self);
  show_snooze (self);
  /* someone who just signed up is active, from today; Today asks for
   * their welcome */
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_row), FALSE);
  gtk_widget_set_visible (self->delete_group, FALSE);
  gtk_window_set_title (GTK_WINDOW (self), _("Add Member"));
  gtk_button_set_label (self->save_button, _("_Add"));
  gtk_button_set_use_underline (self->save_button, TRUE);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));

  return self;
}

static gboolean
add_member (DlMemberEditDialog *self)
{
  g_autoptr(DlPerson) person = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = notes_text (self);
  g_autofree char *number = g_strstrip (g_strdup (text_of (self->member_number_row)));
  g_autofree char *rank = g_strstrip (g_strdup (text_of (self->rank_row)));
  guint cadence = dl_cadence_group_get_days (self->cadence_group);
  gint64 id;

  dl_person_set_first_name (person, text_of (self->first_name_row));
  dl_person_set_last_name (person, text_of (self->last_name_row));
  dl_person_set_email (person, text_of (self->email_row));
  dl_person_set_phone (person, text_of (self->phone_row));
  dl_person_set_best_time (person, text_of (self->best_time_row));
  dl_person_set_city (person, text_of (self->city_row));
  dl_person_set_notes (person, notes);

  /* one change: the member, then their rank and rhythm; if any part is
   * refused, none of it stays */
  member = dl_store_add_member (self->store, person, self->sponsor_id, number, dl_clock_get_today (dl_clock_get_default ()),
                                adw_combo_row_get_selected (self->role_row) == 1
                                ? DL_ROLE_CUSTOMER : DL_ROLE_DISTRIBUTOR,
                                &error);
  if (member == NULL)
    {
      show_error (self, error->message);
      return FALSE;
    }
  id = dl_member_get_id (member);
  if (*rank != '\0' || cadence != 0)
    {
      g_autoptr(DlMember) draft = dl_member_copy (member);

      dl_member_set_rank (draft, rank);
      if (!dl_store_update_member (self->store, draft, &error) ||
          (cadence != 0 && !dl_store_set_member_cadence (self->store, id, cadence, &error)))
        {
          dl_store_delete_person (self->store, id, NULL);
          show_error (self, error->message);
          return FALSE;
        }
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_ADDED], 0, member);
  return TRUE;
}

gboolean
dl_member_edit_dialog_save (DlMemberEditDialog *self)
{
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *number = NULL;
  g_autofree char *rank = NULL;
  guint cadence;

  g_return_val_if_fail (DL_IS_MEMBER_EDIT_DIALOG (self), FALSE);

  if (!validate (self))
    return FALSE;
  if (self->adding)
    return add_member (self);

  notes = notes_text (self);
  person = dl_person_copy (self->person);
  dl_person_set_first_name (person, text_of (self->first_name_row));
  dl_person_set_last_name (person, text_of (self->last_name_row));
  dl_person_set_email (person, text_of (self->email_row));
  dl_person_set_phone (person, text_of (self->phone_row));
  dl_person_set_best_time (person, text_of (self->best_time_row));
  dl_person_set_city (person, text_of (self->city_row));
  dl_person_set_notes (person, notes);

  number = g_strstrip (g_strdup (text_of (self->member_number_row)));
  member = dl_member_copy (self->member);
  dl_member_set_member_number (member, number);
  rank = g_strstrip (g_strdup (text_of (self->rank_row)));
  dl_member_set_rank (member, rank);
  dl_member_set_role (member, adw_combo_row_get_selected (self->role_row) == 1
                              ? DL_ROLE_CUSTOMER : DL_ROLE_DISTRIBUTOR);
  dl_member_set_sponsor_id (member, self->sponsor_id);
  dl_member_set_snoozed_until (member, self->snoozed_until);
  if (adw_combo_row_get_selected (self->status_row) != dl_member_get_status (self->member))
    {
      dl_member_set_status (member, adw_combo_row_get_selected (self->status_row));
      dl_member_set_status_since (member, dl_clock_get_today (dl_clock_get_default ()));
    }

  /* the interval first: when it is refused, nothing else was written;
   * when the rest is refused, it is put back */
  cadence = dl_cadence_group_get_days (self->cadence_group);
  if (cadence != dl_member_get_cadence_days (self->member)
      && !dl_store_set_member_cadence (self->store, dl_member_get_id (member), cadence, &error))
    {
      show_error (self, error->message);
      return FALSE;
    }

  if (!dl_store_save_member_edit (self->store, person, member, &error))
    {
      if (cadence != dl_member_get_cadence_days (self->member))
        dl_store_set_member_cadence (self->store, dl_member_get_id (member),
                                     dl_member_get_cadence_days (self->member), NULL);
      show_error (self, error->message);
      return FALSE;
    }

  g_clear_pointer (&self->logged_welcome, dl_today_undo_free);
  if (self->needs_welcome && gtk_switch_get_active (self->welcome_switch))
    {
      /* the save stands; the switch says what is still to do */
      self->logged_welcome = dl_today_mark_welcomed (self->store, dl_member_get_id (member), &error);
      if (self->logged_welcome == NULL)
        g_warning ("Could not log the welcome of %s: %s", dl_person_get_name (person), error->message);
    }

  show_error (self, NULL);
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, self->person, self->member);
  return TRUE;
}

void
dl_member_edit_dialog_set_needs_welcome (DlMemberEditDialog *self,
                                         gboolean            needs_welcome)
{
  g_return_if_fail (DL_IS_MEMBER_EDIT_DIALOG (self));

  if (self->member == NULL)
    return;
  self->needs_welcome = needs_welcome;
  gtk_switch_set_active (self->welcome_switch, !needs_welcome);
  gtk_widget_set_sensitive (GTK_WIDGET (self->welcome_switch), needs_welcome);
  gtk_widget_set_visible (GTK_WIDGET (self->welcome_row), TRUE);
  show_welcome (self);
}

DlTodayUndo *
dl_member_edit_dialog_steal_logged_welcome (DlMemberEditDialog *self)
{
  g_return_val_if_fail (DL_IS_MEMBER_EDIT_DIALOG (self), NULL);

  return g_steal_pointer (&self->logged_welcome);
}

GtkEditable *
dl_member_edit_dialog_get_field (DlMemberEditDialog *self,
                                 const char         *field)
{
  static const char *names[] = { "first-name", "last-name", "email", "phone", "best-time",
                                 "city", "member-number", "rank" };
  AdwEntryRow *rows[N_ENTRY_ROWS];
  guint n;

  g_return_val_if_fail (DL_IS_MEMBER_EDIT_DIALOG (self), NULL);

  n = entry_rows (self, rows);
  for (guint k = 0; k < n; k++)
    if (g_strcmp0 (field, names[k]) == 0)
      return GTK_EDITABLE (rows[k]);
  return NULL;
}

const char *
dl_member_edit_dialog_get_error (DlMemberEditDialog *self)
{
  g_return_val_if_fail (DL_IS_MEMBER_EDIT_DIALOG (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

void
dl_member_edit_dialog_set_default_cadence (DlMemberEditDialog *self,
                                           guint               days)
{
  g_return_if_fail (DL_IS_MEMBER_EDIT_DIALOG (self));

  dl_cadence_group_set_default_days (self->cadence_group, days);
}

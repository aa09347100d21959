/* dl-letters-view-actions.c — the Letters view's actions: templates
 * added, renamed, deleted and restored (undone on the window's undo
 * stack), finding, moving between panes, and sending
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-letters"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-letters-send.h"
#include "dl-letters-view-private.h"
#include "dl-settings.h"
#include "dl-store-downline.h"
#include "dl-toast.h"
#include "dl-undo-stack.h"

/* Undo --------------------------------------------------------------- */

/* What one entry on the undo stack puts back: a template deleted or
 * overwritten by its default (a copy from before), or letters sent.
 * The view is only told, when it is still there and on that store. */
typedef struct
{
  GWeakRef    view;
  DlStore    *store;
  DlTemplate *template;
  GArray     *sent;           /* DlSentLetter */
} LettersUndo;

static LettersUndo *
letters_undo_new (DlLettersView *self)
{
  LettersUndo *undo = g_new0 (LettersUndo, 1);

  g_weak_ref_init (&undo->view, self);
  undo->store = g_object_ref (self->store);
  return undo;
}

static void
letters_undo_free (gpointer data)
{
  LettersUndo *undo = data;

  g_weak_ref_clear (&undo->view);
  g_clear_object (&undo->store);
  g_clear_object (&undo->template);
  g_clear_pointer (&undo->sent, g_array_unref);
  g_free (undo);
}

/* The view that made the entry, if it still shows the entry's store. */
static DlLettersView *
letters_undo_get_view (LettersUndo *undo)
{
  DlLettersView *view = g_weak_ref_get (&undo->view);

  if (view != NULL && view->store != undo->store)
    g_clear_object (&view);
  return view;
}

static gboolean
undo_delete_run (gpointer   data,
                 GError   **error)
{
  LettersUndo *undo = data;
  g_autoptr(DlTemplate) added = dl_store_add_template (undo->store, undo->template, error);
  g_autoptr(DlLettersView) self = NULL;

  if (added == NULL)
    return FALSE;
  self = letters_undo_get_view (undo);
  if (self != NULL)
    {
      gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
      dl_letters_view_select_row_of (self, added);
    }
  return TRUE;
}

static gboolean
undo_restore_default_run (gpointer   data,
                          GError   **error)
{
  LettersUndo *undo = data;
  g_autoptr(DlLettersView) self = NULL;

  if (!dl_store_update_template (undo->store, undo->template, error))
    return FALSE;
  self = letters_undo_get_view (undo);
  if (self != NULL && self->current != NULL
      && dl_template_get_id (self->current) == dl_template_get_id (undo->template))
    {
      g_autoptr(DlTemplate) current = g_object_ref (self->current);

      g_clear_object (&self->current);
      dl_letters_view_load_template (self, current);
    }
  return TRUE;
}

static gboolean
undo_sent_run (gpointer   data,
               GError   **error)
{
  LettersUndo *undo = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DlLettersView) self = NULL;
  guint undone = 0;

  for (guint i = 0; i < undo->sent->len; i++)
    {
      DlSentLetter *s = &g_array_index (undo->sent, DlSentLetter, i);

      if (dl_store_unrecord_letter (undo->store, s->letter_id, s->interaction_id,
                                    local_error ? NULL : &local_error))
        undone++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self = letters_undo_get_view (undo);
  if (self != NULL)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u letter taken out of the history",
                                                             "%u letters taken out of the history",
                                                             undone),
                                                undone);

      dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_NORMAL, title);
    }
  return TRUE;
}

/* Template actions --------------------------------------------------- */

static void
add_template (DlLettersView *self,
              DlTemplate    *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTemplate) added = dl_store_add_template (self->store, draft, &error);

  if (added == NULL)
    {
      dl_letters_view_toast_error (self, error);
      return;
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  dl_letters_view_select_row_of (self, added);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) draft = dl_template_new ();

  if (self->store == NULL)
    return;
  dl_template_set_name (draft, _("New Letter"));
  dl_template_set_kind (draft, self->current ? dl_template_get_kind (self->current)
                                             : DL_TEMPLATE_OTHER);
  dl_template_set_subject (draft, "");
  /* TRANSLATORS: the start of a new letter template; keep {{first_name}} */
  dl_template_set_body (draft, _("Hi {{first_name}},\n\n"));
  add_template (self, draft);
  dl_letters_view_show_letter (self, FALSE);
  gtk_widget_activate_action (widget, "letters.rename", NULL);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) draft = NULL;
  g_autofree char *name = NULL;

  if (self->current == NULL)
    return;
  dl_letters_view_save_edits (self);
  draft = dl_template_new ();
  /* TRANSLATORS: the name of a duplicated template */
  name = g_strdup_printf (_("%s (Copy)"), dl_template_get_name (self->current));
  dl_template_set_name (draft, name);
  dl_template_set_kind (draft, dl_template_get_kind (self->current));
  dl_template_set_subject (draft, dl_template_get_subject (self->current));
  dl_template_set_body (draft, dl_template_get_body (self->current));
  add_template (self, draft);
}

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DlLettersView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  DlTemplate *template = g_object_get_data (G_OBJECT (dialog), "template");
  g_autoptr(DlTemplate) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  draft = dl_template_copy (template);
  dl_template_set_name (draft, gtk_editable_get_text (entry));
  if (!dl_store_update_template (self->store, draft, &error))
    {
      dl_letters_view_toast_error (self, error);
      return;
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  dl_letters_view_select_row_of (self, self->current);
}

static void
on_rename_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", name[0] != '\0');
}

static void
on_rename_entry_activate_cb (GtkEntry         *entry,
                             AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "rename"))
    adw_message_dialog_response (dialog, "rename");
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->current == NULL)
    return;

  dl_letters_view_save_edits (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Rename Template"), NULL));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), dl_template_get_name (self->current));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Template name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "template", g_object_ref (self->current), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_rename_entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  LettersUndo *undo;

  if (self->current == NULL)
    return;

  dl_letters_view_save_edits (self);
  copy = dl_template_copy (self->current);
  if (!dl_store_delete_template (self->store, dl_template_get_id (self->current), &error))
    {
      dl_letters_view_toast_error (self, error);
      return;
    }

  undo = letters_undo_new (self);
  undo->template = g_steal_pointer (&copy);
  title = g_strdup_printf (_("“%s” deleted"), dl_template_get_name (undo->template));
  dl_undo_stack_push (self->undo_stack, title, undo_delete_run, undo, letters_undo_free);
}

static void
restore_default_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) before = NULL;
  g_autoptr(GError) error = NULL;
  LettersUndo *undo;

  if (self->current == NULL)
    return;

  dl_letters_view_save_edits (self);
  before = dl_template_copy (self->current);
  if (!dl_store_restore_default_template (self->store, dl_template_get_id (self->current), &error))
    {
      dl_letters_view_toast_error (self, error);
      return;
    }

  undo = letters_undo_new (self);
  undo->template = g_steal_pointer (&before);
  /* The shared item now holds the default text: show it. */
  {
    g_autoptr(DlTemplate) current = g_object_ref (self->current);

    g_clear_object (&self->current);
    dl_letters_view_load_template (self, current);
  }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  dl_letters_view_select_row_of (self, self->current);
  dl_undo_stack_push (self->undo_stack, _("Default text restored"),
                      undo_restore_default_run, undo, letters_undo_free);
}

static void
install_defaults_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !dl_store_install_default_templates (self->store, &error))
    dl_letters_view_toast_error (self, error);
}

static void
goto_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  GtkTextIter iter;

  if (!self->has_error)
    return;
  if (self->error_in_subject)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_entry));
      if (self->error_where.column > 0)
        gtk_editable_set_position (GTK_EDITABLE (self->subject_entry), self->error_where.column - 1);
      return;
    }
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &iter,
                                           MAX (self->error_where.line, 1) - 1,
                                           MAX (self->error_where.column, 1) - 1);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  dl_letters_view_find (DL_LETTERS_VIEW (widget), g_str_equal (action_name, "letters.find-next"));
}

static void
show_preview_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  dl_letters_view_show_letter (DL_LETTERS_VIEW (widget), TRUE);
}

/* Folded: from the preview to the letter, from the letter to the list. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  GtkListBoxRow *row;

  if (self->showing_preview)
    {
      dl_letters_view_show_letter (self, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
      return;
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "templates");
  row = gtk_list_box_get_selected_row (self->template_list);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Sending ------------------------------------------------------------ */

static void
on_letters_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DlLettersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sent = dl_letters_send_finish (result, &error);
  g_autofree char *title = NULL;
  LettersUndo *undo;

  if (sent == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dl_letters_view_toast_error (self, error);
      return;
    }
  /* nothing went out, or the view went (disposed) while it did */
  if (sent->len == 0 || self->store == NULL || self->undo_stack == NULL)
    return;

  if (sent->len == 1)
    {
      g_autoptr(DlPerson) person =
        dl_store_get_person (self->store, g_array_index (sent, DlSentLetter, 0).person_id);

      title = g_strdup_printf (_("Letter to %s saved in their history"),
                               person ? dl_person_get_name (person) : "");
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u letter saved in your members’ histories",
                                          "%u letters saved in your members’ histories",
                                          sent->len),
                             sent->len);
  undo = letters_undo_new (self);
  undo->sent = g_array_ref (sent);
  dl_undo_stack_push (self->undo_stack, title, undo_sent_run, undo, letters_undo_free);
}

/* How many of the members a filter finds are shown under it. */
#define MATCHES_SHOWN 6

/* Who "Members matching…" would write to, each with what tells them
 * apart from others of the same name: six "Bao Vu" are six letters. */
static void
update_matches (DlLettersView *self)
{
  const char *filter = gtk_editable_get_text (GTK_EDITABLE (self->audience_filter_entry));
  g_autoptr(GArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audience_matches))) != NULL)
    gtk_list_box_remove (self->audience_matches, child);
  if (self->store == NULL || gtk_drop_down_get_selected (self->audience_dropdown) != AUDIENCE_MATCHING
      || *filter == '\0' || (found = dl_store_find_members_matching (self->store, filter, NULL)) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->audience_matches), FALSE);
      return;
    }

  for (guint i = 0; i < MIN (found->len, MATCHES_SHOWN); i++)
    {
      gint64 id = g_array_index (found, gint64, i);
      g_autoptr(DlPerson) person = dl_store_get_person (self->store, id);
      g_autofree char *subtitle = dl_store_describe_member (self->store, id);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person != NULL ? dl_person_get_name (person) : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->audience_matches, row);
    }
  if (found->len == 0 || found->len > MATCHES_SHOWN)
    {
      g_autofree char *text = found->len == 0 ? g_strdup (_("Nobody matches"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                        found->len - MATCHES_SHOWN),
                           found->len - MATCHES_SHOWN);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->audience_matches, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->audience_matches), TRUE);
}

static void
on_audience_changed_cb (DlLettersView *self)
{
  gboolean matching = gtk_drop_down_get_selected (self->audience_dropdown) == AUDIENCE_MATCHING;

  gtk_widget_set_visible (GTK_WIDGET (self->audience_filter_entry), matching);
  if (matching)
    gtk_widget_grab_focus (GTK_WIDGET (self->audience_filter_entry));
  update_matches (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  DlSentVia via;
  guint audience;

  if (self->current == NULL || self->store == NULL)
    return;

  if (g_str_equal (action_name, "letters.email"))
    via = DL_SENT_EMAIL;
  else if (g_str_equal (action_name, "letters.copy"))
    via = DL_SENT_COPY;
  else if (g_str_equal (action_name, "letters.save"))
    via = DL_SENT_FILE;
  else
    via = DL_SENT_PRINT;

  dl_letters_view_save_edits (self);
  dl_letters_view_update_preview (self);
  if (self->has_error)
    {
      AdwToast *t = dl_toast_new (_("Fix the error in the letter before sending it"));

      adw_toast_set_button_label (t, _("_Show"));
      adw_toast_set_action_name (t, "letters.goto-error");
      dl_toast_show (self->toast_overlay, t);
      return;
    }

  audience = gtk_drop_down_get_selected (self->audience_dropdown);
  if (audience == 0)
    {
      DlPerson *person = dl_letters_view_selected_recipient (self);
      gint64 id;

      if (person == NULL)
        {
          dl_letters_view_toast (self, _("Choose a member to write to first"));
          return;
        }
      id = dl_person_get_id (person);
      g_array_append_val (ids, id);
    }
  else
    {
      g_autoptr(GArray) found = NULL;

      if (audience == AUDIENCE_MATCHING)
        found = dl_store_find_members_matching (self->store,
                                                gtk_editable_get_text (GTK_EDITABLE (self->audience_filter_entry)),
                                                &error);
      else
        {
          DlDay today = dl_clock_get_today (dl_clock_get_default ());

          found = dl_store_find_audience (self->store, audience - 1, today,
                                          dl_settings_get_first_use (dl_settings_get_default (),
                                                                     dl_store_get_path (self->store),
                                                                     today, FALSE),
                                          &error);
        }

      if (found == NULL)
        {
          dl_letters_view_toast_error (self, error);
          return;
        }
      if (found->len == 0)
        {
          dl_letters_view_toast (self, _("Nobody matches this choice right now"));
          return;
        }
      g_array_append_vals (ids, found->data, found->len);
    }

  body = dl_letters_view_buffer_text (self);
  dl_letters_send_async (GTK_WIDGET (self), self->store, self->current,
                         gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)), body,
                         ids, via, NULL, on_letters_sent_cb, g_object_ref (self));
}

/* Setting up --------------------------------------------------------- */

/* The view's actions and their keys: called from
 * dl_letters_view_class_init (). */
void
dl_letters_view_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "letters.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "letters.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "letters.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "letters.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "letters.restore-default", NULL, restore_default_action);
  gtk_widget_class_install_action (widget_class, "letters.install-defaults", NULL, install_defaults_action);
  gtk_widget_class_install_action (widget_class, "letters.show-preview", NULL, show_preview_action);
  gtk_widget_class_install_action (widget_class, "letters.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "letters.goto-error", NULL, goto_error_action);
  gtk_widget_class_install_action (widget_class, "letters.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "letters.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "letters.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "letters.email", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "letters.copy", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "letters.save", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "letters.print", NULL, send_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "letters.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "letters.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "letters.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "letters.email", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letters.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "letters.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "letters.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "letters.new", NULL);
}

/* The audience dropdown: called once, from dl_letters_view_init (). */
void
dl_letters_view_actions_init (DlLettersView *self)
{
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);

  /* The order matches DlAudience, after "the member shown". */
  gtk_string_list_append (audiences, _("The member shown"));
  gtk_string_list_append (audiences, _("Everyone not welcomed yet"));
  gtk_string_list_append (audiences, _("Second level, joined this month"));
  gtk_string_list_append (audiences, _("Everyone who joined this month"));
  gtk_string_list_append (audiences, _("Your personal recruits"));
  /* the last choice: any members, found by what is typed */
  gtk_string_list_append (audiences, _("Members matching…"));
  gtk_drop_down_set_model (self->audience_dropdown, G_LIST_MODEL (audiences));
  g_signal_connect_object (self->audience_dropdown, "notify::selected",
                           G_CALLBACK (on_audience_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience_filter_entry, "search-changed",
                           G_CALLBACK (update_matches), self, G_CONNECT_SWAPPED);
}

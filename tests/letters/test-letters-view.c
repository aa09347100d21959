/* test-letters-view.c — the Letters view under Xvfb: edit the template,
 * see the preview change, errors in the editor, save as you type,
 * delete, restore the default and send, each undone from its toast or
 * the undo stack, a letter sent and logged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "dl-day.h"
#include "dl-letter-fields.h"
#include "dl-letters-view.h"
#include "dl-person-row.h"
#include "dl-store.h"
#include "dl-store-export.h"
#include "dl-store-testing.h"
#include "dl-undo-stack.h"
#include "dl-undo-toasts.h"
#include "downline-resources.h"
#include "../dl-test-files.h"
#include "../dl-test-widgets.h"

/* Under AddressSanitizer: full stacks for allocations, so the
 * suppression of GLib's deliberately kept quark block (allocated in a
 * library constructor, see tests/lsan.supp) can match.  Ignored in
 * builds without the sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

typedef struct
{
  char *dir;
  DlStore *store;
  GtkWindow *window;
  DlLettersView *view;
  gint64 bea, carl;
} Fixture;

static gint64
add_member (DlStore    *store,
            const char *first,
            const char *last,
            const char *email,
            gint64      sponsor,
            DlDay       joined)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) p = dl_person_new ();
  g_autoptr(DlMember) m = NULL;

  dl_person_set_first_name (p, first);
  dl_person_set_last_name (p, last);
  dl_person_set_email (p, email);
  m = dl_store_add_member (store, p, sponsor, NULL, joined, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  return m ? dl_member_get_id (m) : 0;
}

/* Runs the main loop until cond holds or two seconds pass. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < _end) \
      g_main_context_iteration (NULL, FALSE); \
  } G_STMT_END

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* A toast below widget whose text contains text. */
typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Toast;

/* Whether the toast offers its Undo (or other) button. */
static gboolean
toast_has_button (gpointer data)
{
  Toast *toast = data;

  return dl_test_find_toast_button (toast->widget, toast->text) != NULL;
}

static gboolean
toast_lost_button (gpointer data)
{
  return !toast_has_button (data);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();
  DlDay today = dl_day_today ();

  f->dir = g_dir_make_tmp ("downline-letters-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "downline.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);

  dl_person_set_first_name (me, "Ana");
  dl_person_set_last_name (me, "Pereira");
  dl_person_set_email (me, "ana@example.org");
  dl_profile_set_person (profile, me);
  dl_profile_set_company (profile, "Green Leaf");
  g_assert_true (dl_store_save_profile (f->store, profile, &error));

  f->bea = add_member (f->store, "Bea", "Ortiz", "bea@example.org", dl_store_get_user_id (f->store),
                       today - 5);
  /* The newest member: the preview's default recipient. */
  f->carl = add_member (f->store, "Carl", "Nyström", "carl@example.org", f->bea, today);

  f->window = GTK_WINDOW (gtk_window_new ());
  /* data: the window's width, when the test wants a narrow one */
  gtk_window_set_default_size (f->window, data != NULL ? GPOINTER_TO_INT (data) : 1200, data != NULL ? 720 : 800);
  f->view = DL_LETTERS_VIEW (dl_letters_view_new (f->store));
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dl_test_assert_last_ref (f->window);
  dl_test_assert_last_ref (g_steal_pointer (&f->store));
  dl_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
set_body (Fixture    *f,
          const char *text)
{
  gtk_text_buffer_set_text (dl_letters_view_get_body_buffer (f->view), text, -1);
}

static void
test_preview_follows_edits (Fixture       *f,
                            gconstpointer  data)
{
  DlTemplate *current = dl_letters_view_get_template (f->view);
  g_autoptr(DlTemplate) stored = NULL;

  /* Opens on the Welcome letter, for the newest member. */
  g_assert_nonnull (current);
  g_assert_cmpstr (dl_template_get_builtin (current), ==, "welcome");
  g_assert_cmpint (dl_letters_view_get_recipient (f->view), ==, f->carl);
  g_assert_nonnull (strstr (dl_letters_view_get_preview_body (f->view), "Hi Carl,"));

  set_body (f, "Dear {{first_name}} of {{me.company}}");
  WAIT_FOR (g_str_equal (dl_letters_view_get_preview_body (f->view), "Dear Carl of Green Leaf"));
  g_assert_cmpstr (dl_letters_view_get_preview_body (f->view), ==, "Dear Carl of Green Leaf");
  g_assert_cmpstr (dl_letters_view_get_error_text (f->view), ==, "");

  gtk_editable_set_text (dl_letters_view_get_subject_editable (f->view), "For {{name}}");
  WAIT_FOR (g_str_equal (dl_letters_view_get_preview_subject (f->view), "For Carl Nyström"));
  g_assert_cmpstr (dl_letters_view_get_preview_subject (f->view), ==, "For Carl Nyström");

  /* Another recipient, the same letter. */
  dl_letters_view_set_recipient (f->view, f->bea);
  WAIT_FOR (g_str_equal (dl_letters_view_get_preview_body (f->view), "Dear Bea of Green Leaf"));
  g_assert_cmpstr (dl_letters_view_get_preview_body (f->view), ==, "Dear Bea of Green Leaf");

  /* Saved as you type: the store has it after the pause, not only on exit. */
  stored = dl_store_get_template (f->store, dl_template_get_id (current));
  WAIT_FOR (g_str_equal (dl_template_get_body (stored), "Dear {{first_name}} of {{me.company}}")
            && g_str_equal (dl_template_get_subject (stored), "For {{name}}"));
  g_assert_cmpstr (dl_template_get_body (stored), ==, "Dear {{first_name}} of {{me.company}}");
  g_assert_cmpstr (dl_template_get_subject (stored), ==, "For {{name}}");
}

static void
test_errors_in_editor (Fixture       *f,
                       gconstpointer  data)
{
  const char *error_text;
  GtkWidget *source = dl_test_find_descendant (GTK_WIDGET (f->view), GTK_SOURCE_TYPE_VIEW);
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (source)));

  /* shown, the body highlights its placeholders in the colours of the
   * style and marks errors in the gutter (set up at the first showing) */
  g_assert_nonnull (gtk_source_buffer_get_language (buffer));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "downline-letter");
  g_assert_true (gtk_source_buffer_get_highlight_syntax (buffer));
  g_assert_nonnull (gtk_source_buffer_get_style_scheme (buffer));
  g_assert_true (gtk_source_view_get_show_line_marks (GTK_SOURCE_VIEW (source)));

  set_body (f, "Dear {{first_name}},\nsee you {{soon}}");
  WAIT_FOR (dl_letters_view_get_error_text (f->view)[0] != '\0');
  error_text = dl_letters_view_get_error_text (f->view);
  g_assert_true (g_str_has_prefix (error_text, "Line 2, column 9:"));
  g_assert_nonnull (strstr (error_text, "soon"));
  /* The preview keeps the last good letter, never broken text. */
  g_assert_null (strstr (dl_letters_view_get_preview_body (f->view), "{{"));
  g_assert_null (strstr (dl_letters_view_get_preview_body (f->view), "soon"));

  set_body (f, "Dear {{#first_name}}you");
  WAIT_FOR (strstr (dl_letters_view_get_error_text (f->view), "never closed") != NULL);
  g_assert_nonnull (strstr (dl_letters_view_get_error_text (f->view), "never closed"));

  set_body (f, "Dear {{first_name}}.");
  WAIT_FOR (dl_letters_view_get_error_text (f->view)[0] == '\0');
  g_assert_cmpstr (dl_letters_view_get_error_text (f->view), ==, "");
  g_assert_cmpstr (dl_letters_view_get_preview_body (f->view), ==, "Dear Carl.");
}

/* Clicks the Undo of the toast whose text holds text, below widget, as
 * a person would; FALSE when there is no such toast or button. */
static gboolean
click_toast_undo (GtkWidget  *widget,
                  const char *text)
{
  Toast toast = { widget, text };
  GtkWidget *button = NULL;

  WAIT_FOR ((button = dl_test_find_toast_button (widget, text)) != NULL);
  if (button == NULL)
    return FALSE;
  dl_test_click_toast_button (button);
  /* the change is undone: its toast no longer offers it */
  return dl_test_wait_for (toast_lost_button, &toast);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GListModel) templates = dl_store_get_templates (f->store);
  guint before = g_list_model_get_n_items (templates);
  g_autofree char *name = g_strdup (dl_template_get_name (dl_letters_view_get_template (f->view)));
  g_autofree char *toast = g_strdup_printf ("“%s” deleted", name);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "letters.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before - 1);
  g_assert_true (click_toast_undo (GTK_WIDGET (f->window), toast));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before);
  g_assert_cmpstr (dl_template_get_name (dl_letters_view_get_template (f->view)), ==, name);
  /* undone, nothing is left to undo */
  {
    g_autoptr(DlUndoStack) undo = NULL;

    g_object_get (f->view, "undo-stack", &undo, NULL);
    g_assert_nonnull (undo);
    g_assert_false (dl_undo_stack_can_undo (undo));
  }
}

/* Restore Default overwrites an edited built-in letter; the toast's
 * Undo writes the edit back, and the editor shows it again. */
static void
test_restore_default_and_undo (Fixture       *f,
                               gconstpointer  data)
{
  DlTemplate *current = dl_letters_view_get_template (f->view);
  const DlLetterDefault *welcome = dl_letter_default_lookup ("welcome");
  g_autoptr(DlTemplate) stored = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  g_assert_nonnull (current);
  g_assert_nonnull (welcome);
  if (current == NULL || welcome == NULL)
    return;
  id = dl_template_get_id (current);
  set_body (f, "Dear {{first_name}}, my own words.");
  dl_letters_view_save_now (f->view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "letters.restore-default", NULL));
  stored = dl_store_get_template (f->store, id);
  g_assert_cmpstr (dl_template_get_body (stored), ==, welcome->body);
  g_object_get (dl_letters_view_get_body_buffer (f->view), "text", &text, NULL);
  g_assert_cmpstr (text, ==, welcome->body);
  g_clear_pointer (&text, g_free);
  g_clear_object (&stored);

  g_assert_true (click_toast_undo (GTK_WIDGET (f->window), "Default text restored"));
  stored = dl_store_get_template (f->store, id);
  g_assert_cmpstr (dl_template_get_body (stored), ==, "Dear {{first_name}}, my own words.");
  g_assert_cmpint (dl_template_get_id (dl_letters_view_get_template (f->view)), ==, id);
  g_object_get (dl_letters_view_get_body_buffer (f->view), "text", &text, NULL);
  g_assert_cmpstr (text, ==, "Dear {{first_name}}, my own words.");
}

static gboolean
nothing_to_undo (gpointer undo)
{
  return !dl_undo_stack_can_undo (undo);
}

/* Hosted as the window hosts it: the view pushes on the window's one
 * undo stack, whose toasts show above it; Ctrl+Z (the newest entry)
 * undoes a deletion, each toast undoes its own change and no other, and
 * a backup restored leaves nothing to undo. */
static void
test_window_undo_stack (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlUndoStack) undo = dl_undo_stack_new ();
  g_autoptr(GListModel) templates = dl_store_get_templates (f->store);
  g_autofree char *backup = g_build_filename (f->dir, "before.db", NULL);
  guint before = g_list_model_get_n_items (templates);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  DlLettersView *view = DL_LETTERS_VIEW (g_object_new (DL_TYPE_LETTERS_VIEW, "undo-stack", undo,
                                                       "store", f->store, NULL));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *toast = NULL;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));
  dl_undo_toasts_attach (undo, ADW_TOAST_OVERLAY (overlay));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (view)));
  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);

  /* Ctrl+Z is the window's undo of the newest entry */
  first = g_strdup (dl_template_get_name (dl_letters_view_get_template (view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "letters.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before - 1);
  g_assert_true (dl_undo_stack_can_undo (undo));
  g_assert_true (dl_undo_stack_undo_last (undo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before);
  g_assert_cmpstr (dl_template_get_name (dl_letters_view_get_template (view)), ==, first);
  g_assert_false (dl_undo_stack_can_undo (undo));

  /* two deletions, each with its toast: the second's Undo brings back
   * the second template, not the first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "letters.delete", NULL));
  toast = g_strdup_printf ("“%s” deleted", first);
  {
    Toast shown = { window, toast };

    g_assert_true (dl_test_wait_for (toast_has_button, &shown));
  }
  g_clear_pointer (&toast, g_free);
  second = g_strdup (dl_template_get_name (dl_letters_view_get_template (view)));
  g_assert_cmpstr (second, !=, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "letters.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before - 2);
  toast = g_strdup_printf ("“%s” deleted", second);
  g_assert_true (click_toast_undo (window, toast));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before - 1);
  g_assert_cmpstr (dl_template_get_name (dl_letters_view_get_template (view)), ==, second);
  /* the first deletion waits on the stack for Ctrl+Z */
  g_assert_true (dl_undo_stack_can_undo (undo));

  /* a restore makes it describe another database: nothing to undo */
  g_assert_true (dl_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (dl_test_wait_for (nothing_to_undo, undo));
  g_assert_false (dl_undo_stack_can_undo (undo));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, before);

  dl_test_assert_last_ref (window);
}

static void
test_copy_is_logged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GListModel) letters = dl_store_get_letters (f->store, f->carl);
  g_autoptr(GListModel) log = dl_store_get_interactions (f->store, f->carl);
  g_autoptr(DlLetter) letter = NULL;
  g_autoptr(DlInteraction) contact = NULL;

  gtk_editable_set_text (dl_letters_view_get_subject_editable (f->view), "Hello {{first_name}}");
  set_body (f, "Dear {{first_name}}, welcome.");
  dl_letters_view_save_now (f->view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "letters.copy", NULL));
  WAIT_FOR (g_list_model_get_n_items (letters) == 1);
  g_assert_cmpuint (g_list_model_get_n_items (letters), ==, 1);
  letter = g_list_model_get_item (letters, 0);
  g_assert_cmpstr (dl_letter_get_subject (letter), ==, "Hello Carl");
  g_assert_cmpstr (dl_letter_get_body (letter), ==, "Dear Carl, welcome.");
  g_assert_cmpint (dl_letter_get_sent_via (letter), ==, DL_SENT_COPY);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);
  contact = g_list_model_get_item (log, 0);
  g_assert_cmpint (dl_interaction_get_kind (contact), ==, DL_CONTACT_LETTER);

  /* The toast's Undo takes the letter and its contact back out (the
   * view learns what went out when the send finishes, an idle later). */
  g_assert_true (click_toast_undo (GTK_WIDGET (f->window), "Letter to Carl Nyström saved in their history"));
  g_assert_cmpuint (g_list_model_get_n_items (letters), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 0);
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* Answers the "Send N letters?" question the way a person would. */
static gboolean
answer_send_dialog (void)
{
  if (!dl_test_wait_for (dialog_shown, NULL))
    return FALSE;
  adw_message_dialog_response (find_dialog (), "send");
  return TRUE;
}

/* A letter to every member a filter finds, each logged in their history */
static void
test_send_to_matching (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListModel) to_carl = dl_store_get_letters (f->store, f->carl);
  g_autoptr(GListModel) to_bea = dl_store_get_letters (f->store, f->bea);
  g_autoptr(DlLetter) letter = NULL;
  Toast both_sent = { GTK_WIDGET (f->window), "2 letters saved" };
  Toast carl_sent = { GTK_WIDGET (f->window), "Letter to Carl Nyström saved" };

  gtk_editable_set_text (dl_letters_view_get_subject_editable (f->view), "News for {{first_name}}");
  set_body (f, "Hello {{first_name}}.");
  dl_letters_view_save_now (f->view);

  /* both have an example.org address; the user (also there) is not a recipient */
  dl_letters_view_send_to_matching (f->view, "example.org");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "letters.copy", NULL));
  g_assert_true (answer_send_dialog ());
  WAIT_FOR (g_list_model_get_n_items (to_bea) == 1 && g_list_model_get_n_items (to_carl) == 1);
  g_assert_cmpuint (g_list_model_get_n_items (to_bea), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (to_carl), ==, 1);
  letter = g_list_model_get_item (to_carl, 0);
  g_assert_cmpstr (dl_letter_get_subject (letter), ==, "News for Carl");
  /* the send has finished: its toast offers to undo it */
  g_assert_true (dl_test_wait_for (toast_has_button, &both_sent));

  /* a filter that finds Carl alone writes to Carl alone */
  dl_letters_view_send_to_matching (f->view, "nyström");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "letters.copy", NULL));
  WAIT_FOR (g_list_model_get_n_items (to_carl) == 2);
  g_assert_cmpuint (g_list_model_get_n_items (to_carl), ==, 2);
  g_assert_true (dl_test_wait_for (toast_has_button, &carl_sent));
  g_assert_cmpuint (g_list_model_get_n_items (to_bea), ==, 1);
}

static gint64
add_namesake (Fixture    *f,
              const char *city,
              const char *number,
              gint64      sponsor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) p = dl_person_new ();
  g_autoptr(DlMember) m = NULL;

  dl_person_set_first_name (p, "Bao");
  dl_person_set_last_name (p, "Vu");
  dl_person_set_city (p, city);
  m = dl_store_add_member (f->store, p, sponsor, number, dl_day_today () - 20, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  return m ? dl_member_get_id (m) : 0;
}

/* Every "title|subtitle" of the action rows titled title under widget
 * that are shown. */
static void
collect_action_rows (GtkWidget  *widget,
                     const char *title,
                     GString    *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (ADW_IS_ACTION_ROW (widget)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    g_string_append_printf (out, "%s|%s\n", title, adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_action_rows (c, title, out);
}

static gboolean
both_namesakes_found (gpointer view)
{
  g_autoptr(GString) found = g_string_new (NULL);

  collect_action_rows (view, "Bao Vu", found);
  return strstr (found->str, "Lyon") != NULL && strstr (found->str, "Hanoi") != NULL;
}

/* Every "name|subtitle" of the person rows under widget. */
static void
collect_person_rows (GtkWidget *widget,
                     GString   *out)
{
  const char *subtitle = dl_person_row_get_subtitle (widget);

  if (subtitle != NULL)
    g_string_append_printf (out, "%s|%s\n",
                            gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (widget))), subtitle);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_person_rows (c, out);
}

/* The widget the label whose text is text names (its mnemonic widget). */
static GtkWidget *
labelled_by (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = labelled_by (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_of_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The drop-down's popover is shown, its list laid out down to the
 * namesakes' rows. */
static gboolean
picker_lists_namesakes (gpointer recipients)
{
  GtkWidget *popover = find_of_type (recipients, GTK_TYPE_POPOVER);
  g_autoptr(GString) picker = g_string_new (NULL);

  if (popover == NULL || !gtk_widget_get_mapped (popover))
    return FALSE;
  collect_person_rows (popover, picker);
  return strstr (picker->str, "Lyon") != NULL && strstr (picker->str, "Hanoi") != NULL;
}

/* Two members of one name: the preview's recipient picker and the
 * members a filter finds say which is which, by number, city and
 * sponsor. */
static void
test_namesakes_told_apart (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GString) picker = g_string_new (NULL);
  GtkWidget *recipients, *popover;

  add_namesake (f, "Lyon", "10002345", f->bea);
  add_namesake (f, "Hanoi", "10007777", dl_store_get_user_id (f->store));

  /* typed into the filter: the search waits for a pause in the typing */
  dl_letters_view_send_to_matching (f->view, "bao");
  /* until both rows are there: under the sanitizers on a busy machine
   * half a second was not always enough */
  g_assert_true (dl_test_wait_for (both_namesakes_found, f->view));
  collect_action_rows (GTK_WIDGET (f->view), "Bao Vu", found);
  g_assert_nonnull (strstr (found->str, "Bao Vu|#10002345 · Lyon · sponsor Bea Ortiz\n"));
  g_assert_nonnull (strstr (found->str, "Bao Vu|#10007777 · Hanoi · your own recruit\n"));

  /* the preview's recipient, picked from the drop-down's list (opened
   * as a click on its button does) */
  recipients = labelled_by (GTK_WIDGET (f->view), "_Preview for");
  g_assert_true (GTK_IS_DROP_DOWN (recipients));
  g_signal_emit_by_name (find_of_type (recipients, GTK_TYPE_TOGGLE_BUTTON), "clicked");
  g_assert_true (dl_test_wait_for (picker_lists_namesakes, recipients));
  popover = find_of_type (recipients, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  collect_person_rows (popover, picker);
  g_assert_nonnull (strstr (picker->str, "Bao Vu|#10002345 · Lyon · sponsor Bea Ortiz\n"));
  g_assert_nonnull (strstr (picker->str, "Bao Vu|#10007777 · Hanoi · your own recruit\n"));
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
test_welcome_for_new_member (Fixture       *f,
                             gconstpointer  data)
{
  gint64 dora;

  /* A personal recruit gets the sponsor's own welcome. */
  dl_letters_view_write_welcome (f->view, f->bea);
  g_assert_cmpstr (dl_template_get_builtin (dl_letters_view_get_template (f->view)), ==, "welcome");
  g_assert_cmpint (dl_letters_view_get_recipient (f->view), ==, f->bea);

  /* Someone joins deeper down while the view is hidden (another view is
   * on screen); showing it opens the upline welcome for them. */
  gtk_widget_set_visible (GTK_WIDGET (f->view), FALSE);
  dora = add_member (f->store, "Dora", "Lind", "dora@example.org", f->carl, dl_day_today ());
  gtk_widget_set_visible (GTK_WIDGET (f->view), TRUE);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
  g_assert_cmpstr (dl_template_get_builtin (dl_letters_view_get_template (f->view)), ==, "upline-welcome");
  g_assert_cmpint (dl_letters_view_get_recipient (f->view), ==, dora);
  WAIT_FOR (strstr (dl_letters_view_get_preview_body (f->view), "Hi Dora,") != NULL);
  g_assert_nonnull (strstr (dl_letters_view_get_preview_body (f->view), "Hi Dora,"));
  /* It points Dora to Carl, her own sponsor, first. */
  g_assert_nonnull (strstr (dl_letters_view_get_preview_body (f->view), "Carl Nyström enrolled you"));
}

static gboolean
preview_greets_ana (gpointer view)
{
  return strstr (dl_letters_view_get_preview_body (view), "Hi Ana,") != NULL;
}

/* With no member yet, the preview is written to the user: their own
 * fields read as they will, not "My name is ." */
static void
test_preview_without_members (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_delete_person (f->store, f->carl, &error));
  g_assert_true (dl_store_delete_person (f->store, f->bea, &error));
  g_assert_no_error (error);
  /* the preview, after its pause, greets the user in the members' place */
  g_assert_true (dl_test_wait_for (preview_greets_ana, f->view));

  set_body (f, "I am {{me.first_name}} of {{me.company}}, writing to {{first_name}}.");
  WAIT_FOR (strstr (dl_letters_view_get_preview_body (f->view), "I am Ana") != NULL);
  g_assert_cmpstr (dl_letters_view_get_preview_body (f->view), ==, "I am Ana of Green Leaf, writing to Ana.");
  g_assert_cmpstr (dl_letters_view_get_error_text (f->view), ==, "");
}

/* The shown widget under root bound to action_name: the one a person
 * could click. */
static GtkWidget *
find_mapped_actionable (GtkWidget  *root,
                        const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_mapped_actionable (c, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The list box whose rows are the templates. */
static GtkListBox *
find_template_list (GtkWidget *widget)
{
  GtkListBoxRow *row;

  if (GTK_IS_LIST_BOX (widget) && (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0)) != NULL
      && g_object_get_data (G_OBJECT (row), "template") != NULL)
    return GTK_LIST_BOX (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkListBox *found = find_template_list (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
leaflet_settled (AdwLeaflet *leaflet)
{
  return !adw_leaflet_get_child_transition_running (leaflet);
}

/* A phone-wide window: the view fits it, one pane at a time, and a
 * person gets from the templates to the letter, to its preview and back
 * with the buttons on screen. */
static void
test_narrow_one_pane (Fixture       *f,
                      gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_of_type (GTK_WIDGET (f->view), ADW_TYPE_LEAFLET));
  GtkListBox *templates = find_template_list (GTK_WIDGET (leaflet));
  GtkTextView *editor = GTK_TEXT_VIEW (find_of_type (GTK_WIDGET (leaflet), GTK_TYPE_TEXT_VIEW));
  GtkListBoxRow *row;
  DlTemplate *chosen;
  GtkWidget *button;
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (f->view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 340)
    dl_test_print_wide_widgets (GTK_WIDGET (f->view), 320, 0);
  g_assert_cmpint (min, <=, 340);

  WAIT_FOR (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  /* the window opened wide for a moment: the folding's animation ends
   * with the editor off screen */
  g_assert_true (dl_test_wait_for (unmapped, editor));
  g_assert_nonnull (templates);
  /* one pane: the list of templates first */
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "templates");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  dl_test_save_png (GTK_WIDGET (f->window), "letters-narrow-templates.png");

  /* a template chosen (a tap on its row) opens it in the editor */
  row = gtk_list_box_get_row_at_index (templates, 1);
  g_assert_nonnull (row);
  chosen = g_object_get_data (G_OBJECT (row), "template");
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  WAIT_FOR (leaflet_settled (leaflet) && gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "letter");
  g_assert_true (dl_letters_view_get_template (f->view) == chosen);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (templates)));
  dl_test_save_png (GTK_WIDGET (f->window), "letters-narrow-editor.png");

  /* the Preview button shows the letter as the member reads it, alone */
  button = find_mapped_actionable (GTK_WIDGET (f->view), "letters.show-preview");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  button = find_mapped_actionable (GTK_WIDGET (f->view), "letters.copy");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_ancestor (button, GTK_TYPE_PANED) != NULL);
  dl_test_save_png (GTK_WIDGET (f->window), "letters-narrow-preview.png");

  /* back: to the letter, then to the list */
  button = find_mapped_actionable (GTK_WIDGET (f->view), "letters.back");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (editor)));
  g_assert_null (find_mapped_actionable (GTK_WIDGET (f->view), "letters.copy"));

  button = find_mapped_actionable (GTK_WIDGET (f->view), "letters.back");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate (button));
  WAIT_FOR (leaflet_settled (leaflet) && gtk_widget_get_mapped (GTK_WIDGET (templates)));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "templates");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (templates)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (editor)));
}

/* Wide, all three panes side by side, as before: no back buttons. */
static void
test_wide_all_panes (Fixture       *f,
                     gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (find_of_type (GTK_WIDGET (f->view), ADW_TYPE_LEAFLET));
  GtkWidget *editor = find_of_type (GTK_WIDGET (leaflet), GTK_TYPE_TEXT_VIEW);

  g_assert_true (dl_test_wait_for (mapped, editor));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_nonnull (find_mapped_actionable (GTK_WIDGET (f->view), "letters.copy"));
  g_assert_null (find_mapped_actionable (GTK_WIDGET (f->view), "letters.back"));
  g_assert_null (find_mapped_actionable (GTK_WIDGET (f->view), "letters.show-preview"));
  dl_test_save_png (GTK_WIDGET (f->window), "letters-wide.png");
}

/* Replaces the letter from inside a frame, before GTK has measured the
 * new lines: what a busy machine does when the frame clock runs first. */
static gboolean
replace_body_in_frame (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       data)
{
  set_body (data, "Hi {{first_name}}.");
  return G_SOURCE_REMOVE;
}

/* A long letter replaced by a short one while its scrollbar shows: the
 * scrollbar goes in the frame that shows the short letter, never drawn
 * with the long letter's allocation (a fatal warning here). */
static void
test_short_letter_in_a_frame (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *editor = find_of_type (GTK_WIDGET (f->view), GTK_TYPE_TEXT_VIEW);
  GtkAdjustment *vadj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (editor));
  GtkWidget *scrolled = gtk_widget_get_ancestor (editor, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled));

  /* the Welcome letter is longer than the editor */
  WAIT_FOR (gtk_adjustment_get_upper (vadj) > gtk_adjustment_get_page_size (vadj)
            && gtk_widget_get_mapped (scrollbar));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj));
  g_assert_true (gtk_widget_get_mapped (scrollbar));

  /* scrolled a little and back: the (overlay) scrollbar fades in */
  gtk_adjustment_set_value (vadj, 1);
  gtk_adjustment_set_value (vadj, 0);
  WAIT_FOR (gtk_widget_get_opacity (scrollbar) >= 1.0);
  g_assert_cmpfloat (gtk_widget_get_opacity (scrollbar), >=, 1.0);

  gtk_widget_add_tick_callback (editor, replace_body_in_frame, f, NULL);
  WAIT_FOR (!gtk_widget_get_mapped (scrollbar)
            && g_str_equal (dl_letters_view_get_preview_body (f->view), "Hi Carl."));
  g_assert_false (gtk_widget_get_mapped (scrollbar));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), ==, gtk_adjustment_get_page_size (vadj));
  g_assert_cmpstr (dl_letters_view_get_preview_body (f->view), ==, "Hi Carl.");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();
  downline_register_resource ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/letters/view/preview-follows-edits", test_preview_follows_edits);
  ADD ("/letters/view/errors-in-editor", test_errors_in_editor);
  ADD ("/letters/view/delete-and-undo", test_delete_and_undo);
  ADD ("/letters/view/restore-default-and-undo", test_restore_default_and_undo);
  ADD ("/letters/view/window-undo-stack", test_window_undo_stack);
  ADD ("/letters/view/copy-is-logged", test_copy_is_logged);
  ADD ("/letters/view/send-to-matching", test_send_to_matching);
  ADD ("/letters/view/welcome-for-new-member", test_welcome_for_new_member);
  ADD ("/letters/view/preview-without-members", test_preview_without_members);
  ADD ("/letters/view/namesakes-told-apart", test_namesakes_told_apart);
  ADD ("/letters/view/wide-all-panes", test_wide_all_panes);
  g_test_add ("/letters/view/narrow-one-pane", Fixture, GINT_TO_POINTER (360),
              fixture_set_up, test_narrow_one_pane, fixture_tear_down);
  ADD ("/letters/view/short-letter-in-a-frame", test_short_letter_in_a_frame);

  return g_test_run ();
}

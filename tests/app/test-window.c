/* test-window.c — the main window, first run and preferences under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../dl-test-cli.h"
#include "../dl-test-widgets.h"
#include "../dl-test-damage.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "dl-application.h"
#include "dl-preferences-window.h"
#include "dl-profile-form.h"
#include "dl-prospect-dialog.h"
#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-letters-view.h"
#include "dl-tree-canvas.h"
#include "dl-today-view.h"
#include "dl-store.h"
#include "dl-store-export.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "dl-window.h"
#include "dl-clock.h"
#include "dl-settings.h"
#include "dl-today-log-popover.h"
#include "dl-today-item.h"
#include "dl-today-row.h"
#include "dl-toast.h"

static DlApplication *app;
static char *tmp_dir;

static DlStore *
new_store (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
save_profile (DlStore    *store,
              const char *first_name)
{
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) person = dl_person_new ();
  g_autoptr(GError) error = NULL;

  g_object_set (person, "first-name", first_name, "last-name", "Tester", NULL);
  dl_profile_set_person (profile, person);
  g_assert_true (dl_store_save_profile (store, profile, &error));
  g_assert_no_error (error);
}

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

/* Presents window and waits until it is on screen. */
static void
present (gpointer window)
{
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (mapped, window));
}

/* The window's mode (views, welcome, error) is Mode.mode. */
typedef struct
{
  DlWindow   *window;
  const char *mode;
} Mode;

static gboolean
mode_is (gpointer data)
{
  Mode *mode = data;

  return g_strcmp0 (dl_window_get_mode (mode->window), mode->mode) == 0;
}

/* The window shows the view View.name, on screen. */
typedef struct
{
  DlWindow   *window;
  const char *name;
} View;

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first widget of type whose GtkBuildable id or label text matches. */
static GtkWidget *
find_button_with_label (GtkWidget  *widget,
                        const char *label)
{
  if (GTK_IS_BUTTON (widget))
    {
      const char *text = gtk_button_get_label (GTK_BUTTON (widget));

      if (text != NULL && g_str_equal (text, label))
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AdwStatusPage *
find_mapped_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget))
    return ADW_STATUS_PAGE (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = find_mapped_status_page (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_label_text (GtkWidget  *widget,
                const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label_text (child, text))
      return TRUE;

  return FALSE;
}

/* Closes window, and checks nothing holds it then. */
static void
close_window (GtkWidget *window)
{
  dl_test_assert_last_ref (window);
}

static gboolean
view_shown (gpointer data)
{
  View *view = data;
  AdwViewStack *stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (view->window), ADW_TYPE_VIEW_STACK));
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, view->name);

  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), view->name) == 0
         && child != NULL && gtk_widget_get_mapped (child);
}

/* The error page on screen, alone (past the crossfade). */
static gboolean
error_page_shown (gpointer window)
{
  AdwStatusPage *page = find_mapped_status_page (window);

  return page != NULL && g_str_equal (adw_status_page_get_title (page), _("Your Database Could Not Be Opened"));
}

/* Every view, with a business of 300 in it, fits a window as narrow as
 * a phone (it was 1,178 pixels: the board's numbers, the tree's toolbar,
 * Letters' panes and Today's rows would not shrink).  NARROW_LIMIT: the
 * width GNOME Calendar and Contacts allow. */
#define NARROW_LIMIT 360

static void
test_window_narrow (void)
{
  g_autoptr(DlStore) store = new_store ("narrow.db");
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary;
  DlWindow *window;
  static const char *views[] = { "today", "pipeline", "downline", "letters", "insights" };

  g_assert_true (dl_store_fill_sample (store, 300, 3, dl_day_today (), &summary, &error));
  g_assert_no_error (error);
  window = dl_window_new (app, store);
  present (window);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      int min = 0;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", views[i]);
      g_assert_true (dl_test_wait_for (view_shown, &(View) { window, views[i] }));
      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > NARROW_LIMIT)
        {
          g_test_message ("showing %s, the window is at least %d px wide:", views[i], min);
          dl_test_print_wide_widgets (GTK_WIDGET (window), NARROW_LIMIT - 20, 0);
        }
      g_assert_cmpint (min, <=, NARROW_LIMIT);
    }
  close_window (GTK_WIDGET (window));
}

static void
test_window_views (void)
{
  g_autoptr(DlStore) store = new_store ("views.db");
  AdwViewStack *stack;
  GtkSelectionModel *pages;
  DlWindow *window;
  const char *names[] = { "today", "pipeline", "downline", "letters", "insights" };

  save_profile (store, "Vera");
  window = dl_window_new (app, store);
  present (window);

  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_cmpstr (dl_window_get_mode (window), ==, "views");
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), GTK_TYPE_HEADER_BAR));
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));

  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, names[i]);
      g_assert_nonnull (adw_view_stack_page_get_title (page));
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      /* the same action the Alt+number shortcuts run */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", names[i]);
      g_assert_true (dl_test_wait_for (view_shown, &(View) { window, names[i] }));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, names[i]);
      g_assert_true (gtk_widget_get_mapped (adw_view_stack_page_get_child (page)));
    }
  g_object_unref (pages);

  /* a view that does not exist changes nothing */
  g_test_expect_message ("downline", G_LOG_LEVEL_WARNING, "*No view called*");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "nonsense");
  g_test_assert_expected_messages ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "insights");

  close_window (GTK_WIDGET (window));
}

static void
test_window_remembers_view (void)
{
  g_autoptr(DlStore) store = new_store ("remember.db");
  GSettings *settings = dl_application_get_settings (app);
  DlWindow *window;
  AdwViewStack *stack;

  save_profile (store, "Rita");
  window = dl_window_new (app, store);
  present (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "downline");
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (dl_test_pointer_cleared, &window));

  {
    g_autofree char *last_view = g_settings_get_string (settings, "last-view");

    g_assert_cmpstr (last_view, ==, "downline");
  }

  window = dl_window_new (app, store);
  present (window);
  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "downline");
  close_window (GTK_WIDGET (window));
  g_settings_reset (settings, "last-view");
}

static AdwEntryRow *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  GtkWidget *row = find_titled_row (widget, ADW_TYPE_ENTRY_ROW, title);

  return row != NULL ? ADW_ENTRY_ROW (row) : NULL;
}

/* Whether the keyboard focus is in widget. */
static gboolean
has_focus (gpointer widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
focus_left (gpointer widget)
{
  return !has_focus (widget);
}

/* Whether widget is marked as in error. */
static gboolean
marked (gpointer widget)
{
  return gtk_widget_has_css_class (widget, "error");
}

static gboolean
revealed (gpointer revealer)
{
  return gtk_revealer_get_reveal_child (revealer);
}

/* The New Prospect dialog on screen, or NULL. */
static GtkWidget *
find_prospect_dialog (void)
{
  return dl_test_find_window (DL_TYPE_PROSPECT_DIALOG);
}

static void
test_first_run_profile (void)
{
  g_autoptr(DlStore) store = new_store ("first-run.db");
  g_autoptr(DlProfile) profile = NULL;
  GtkWidget *start;
  AdwEntryRow *first, *email;
  DlWindow *window;

  g_assert_true (dl_store_is_empty (store));
  window = dl_window_new (app, store);
  present (window);

  g_assert_cmpstr (dl_window_get_mode (window), ==, "welcome");
  g_assert_true (has_label_text (GTK_WIDGET (window), _("Welcome to Downline")));

  start = find_button_with_label (GTK_WIDGET (window), _("_Set Up Your Profile"));
  g_assert_nonnull (start);
  first = find_entry_row (GTK_WIDGET (window), _("First name"));
  email = find_entry_row (GTK_WIDGET (window), _("Email"));
  g_assert_nonnull (first);
  g_assert_nonnull (email);
  /* the first field has the keyboard: a new user types at once */
  g_assert_true (dl_test_wait_for (has_focus, first));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (focus == GTK_WIDGET (first) || gtk_widget_is_ancestor (focus, GTK_WIDGET (first)));
  }

  /* no name: refused, the row is marked, nothing is saved */
  g_signal_emit_by_name (start, "clicked");
  g_assert_true (dl_test_wait_for (marked, first));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (first), "error"));
  g_assert_true (dl_store_is_empty (store));
  g_assert_cmpstr (dl_window_get_mode (window), ==, "welcome");

  /* a bad email address: refused with its own message */
  gtk_editable_set_text (GTK_EDITABLE (first), "Maria");
  gtk_editable_set_text (GTK_EDITABLE (email), "maria-at-example");
  g_signal_emit_by_name (start, "clicked");
  g_assert_true (dl_test_wait_for (marked, email));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (first), "error"));
  g_assert_true (dl_store_is_empty (store));

  /* Enter in a field submits, as the button does (its text field
   * emits the row's ::entry-activated) */
  gtk_editable_set_text (GTK_EDITABLE (email), "  maria@example.com ");
  g_signal_emit_by_name (email, "entry-activated");
  g_assert_true (dl_test_wait_for (mode_is, &(Mode) { window, "views" }));
  g_assert_false (dl_store_is_empty (store));
  g_assert_cmpstr (dl_window_get_mode (window), ==, "views");

  profile = dl_store_get_profile (store);
  g_assert_nonnull (profile);
  g_assert_cmpstr (dl_person_get_first_name (dl_profile_get_person (profile)), ==, "Maria");
  /* what people type around an address is not part of it */
  g_assert_cmpstr (dl_person_get_email (dl_profile_get_person (profile)), ==, "maria@example.com");
  g_assert_cmpint (dl_store_get_user_id (store), >, 0);

  /* nobody else yet: Today says how to begin, not "All Caught Up" */
  {
    GtkWidget *today = find_descendant (GTK_WIDGET (window), DL_TYPE_TODAY_VIEW);
    GtkStack *today_stack = GTK_STACK (find_descendant (today, GTK_TYPE_STACK));
    AdwViewStack *views = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
    GtkWidget *import = find_button_with_label (today, _("_Import Your Downline…"));
    GtkWidget *add = find_button_with_label (today, _("_Add Your First Prospect…"));
    GtkWidget *dialog;

    adw_view_stack_set_visible_child_name (views, "today");
    g_assert_true (dl_test_wait_for (view_shown, &(View) { window, "today" }));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (today_stack), ==, "start");
    g_assert_nonnull (import);
    g_assert_nonnull (add);
    g_assert_true (import != NULL && gtk_widget_is_sensitive (import));
    if (add == NULL)
      return;

    /* the tree shows the user alone, with the same offer above it */
    {
      GtkWidget *downline = find_descendant (GTK_WIDGET (window), DL_TYPE_DOWNLINE_VIEW);
      GtkRevealer *offer = GTK_REVEALER (gtk_widget_get_template_child (downline, DL_TYPE_DOWNLINE_VIEW,
                                                                       "start_offer"));

      adw_view_stack_set_visible_child_name (views, "downline");
      g_assert_true (dl_test_wait_for (revealed, offer));
      g_assert_true (gtk_revealer_get_reveal_child (offer));
      g_assert_nonnull (find_button_with_label (GTK_WIDGET (offer), _("_Add Member…")));
      adw_view_stack_set_visible_child_name (views, "today");
      g_assert_true (dl_test_wait_for (view_shown, &(View) { window, "today" }));
    }

    /* the second goes to the board with its New Prospect dialog open */
    g_signal_emit_by_name (add, "clicked");
    g_assert_true (dl_test_wait_for (dl_test_window_shown, GSIZE_TO_POINTER (DL_TYPE_PROSPECT_DIALOG)));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "pipeline");
    dialog = find_prospect_dialog ();
    g_assert_nonnull (dialog);
    if (dialog != NULL)
      gtk_window_destroy (GTK_WINDOW (dialog));
  }

  close_window (GTK_WIDGET (window));
}

/* The window of app's on path, or NULL. */
static DlWindow *
find_app_window (gboolean exploring)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (DL_IS_WINDOW (l->data) && dl_window_get_store (l->data) != NULL &&
        dl_window_is_exploring (l->data) == exploring)
      return l->data;

  return NULL;
}

/* Only the exploring window of app is open. */
static gboolean
exploring_alone (gpointer data)
{
  return find_app_window (TRUE) != NULL && find_app_window (FALSE) == NULL;
}

/* Only the real database's window of app is open. */
static gboolean
real_alone (gpointer data)
{
  return find_app_window (TRUE) == NULL && find_app_window (FALSE) != NULL;
}

/* Try With Sample Data opens an invented business in a file of its own
 * and leaves the person's database empty; Start for Real goes back to
 * it and throws the invented one away. */
static void
test_first_run_sample_data (void)
{
  g_autoptr(DlStore) store = new_store ("first-run-sample.db");
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sample_path = g_build_filename (g_get_user_cache_dir (), APP_ID, "sample-business.db", NULL);
  GtkWidget *sample;
  GtkWidget *start;
  DlWindow *window;
  DlWindow *exploring;
  DlWindow *real;

  window = dl_window_new (app, store);
  present (window);
  g_assert_cmpstr (dl_window_get_mode (window), ==, "welcome");

  sample = find_button_with_label (GTK_WIDGET (window), _("_Try With Sample Data"));
  g_assert_nonnull (sample);
  g_signal_emit_by_name (sample, "clicked");
  g_assert_true (dl_test_wait_for (exploring_alone, NULL));

  /* the real database is untouched, and its first-run window gone */
  g_assert_true (dl_store_is_empty (store));
  g_assert_null (dl_store_get_profile (store));
  g_assert_null (find_app_window (FALSE));

  exploring = find_app_window (TRUE);
  g_assert_nonnull (exploring);
  if (exploring == NULL)
    return;
  g_assert_cmpstr (dl_window_get_mode (exploring), ==, "views");
  g_assert_true (has_label_text (GTK_WIDGET (exploring), _("You are exploring an invented business")));
  g_assert_true (g_file_test (sample_path, G_FILE_TEST_EXISTS));
  tree = dl_store_load_tree (dl_window_get_store (exploring), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), >, 100);

  start = find_button_with_label (GTK_WIDGET (exploring), _("_Start for Real"));
  g_assert_nonnull (start);
  g_signal_emit_by_name (start, "clicked");
  g_assert_true (dl_test_wait_for (real_alone, NULL));

  g_assert_null (find_app_window (TRUE));
  real = find_app_window (FALSE);
  g_assert_nonnull (real);
  if (real != NULL)
    {
      g_assert_cmpstr (dl_store_get_path (dl_window_get_store (real)), ==, dl_store_get_path (store));
      g_assert_cmpstr (dl_window_get_mode (real), ==, "welcome");
      close_window (GTK_WIDGET (real));
    }
  g_assert_false (g_file_test (sample_path, G_FILE_TEST_EXISTS));
  g_assert_true (dl_store_is_empty (store));
}

static void
test_error_window (void)
{
  g_autoptr(GError) error = g_error_new_literal (G_FILE_ERROR, G_FILE_ERROR_FAILED,
                                                 "The file is not a Downline database.");
  AdwStatusPage *page;
  DlWindow *window;

  window = dl_window_new_for_error (app, "/tmp/elsewhere/broken.db", error);
  present (window);

  g_assert_cmpstr (dl_window_get_mode (window), ==, "error");
  g_assert_null (dl_window_get_store (window));
  g_assert_true (dl_test_wait_for (error_page_shown, window));
  page = find_mapped_status_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("Your Database Could Not Be Opened"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "not a Downline database"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "/tmp/elsewhere/broken.db"));

  close_window (GTK_WIDGET (window));
}

/* A file too big to check before showing it is checked behind the
 * window; damage found then replaces the views with the error page.  A
 * backup restored from the menu there brings the views back. */
static void
test_damaged_after_open (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "damaged-later.db", NULL);
  g_autofree char *backup = g_build_filename (tmp_dir, "damaged-later-backup.db", NULL);
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary;
  AdwStatusPage *page;
  DlWindow *window;

  store = dl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 2000, 5, dl_day_today (), &summary, &error));
  g_assert_true (dl_store_backup (store, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  damage_middle_page (path);

  dl_store_set_sync_check_limit (0);
  store = dl_store_open (path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;

  window = dl_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (mode_is, &(Mode) { window, "error" }));

  g_assert_cmpstr (dl_window_get_mode (window), ==, "error");
  /* past the crossfade, only the error page is on screen */
  g_assert_true (dl_test_wait_for (error_page_shown, window));
  page = find_mapped_status_page (GTK_WIDGET (window));
  g_assert_nonnull (page);
  if (page != NULL)
    {
      g_assert_cmpstr (adw_status_page_get_title (page), ==, _("Your Database Could Not Be Opened"));
      g_assert_nonnull (strstr (adw_status_page_get_description (page), "damaged-later.db"));
    }

  g_assert_true (dl_store_restore (store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (dl_test_wait_for (mode_is, &(Mode) { window, "views" }));
  g_assert_cmpstr (dl_window_get_mode (window), ==, "views");

  close_window (GTK_WIDGET (window));
}

/* A label holding text inside a widget of the type named type_name
 * (the toast overlay's "AdwToastWidget"), or NULL. */
static GtkWidget *
find_label_in (GtkWidget  *widget,
               const char *type_name,
               const char *text,
               gboolean    inside)
{
  inside = inside || g_str_equal (G_OBJECT_TYPE_NAME (widget), type_name);
  if (inside && GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_in (child, type_name, text, inside);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
read_only_toast_shown (gpointer window)
{
  return find_label_in (window, "AdwToastWidget", "is open read-only", FALSE) != NULL;
}

/* A file Downline may only read opens with a banner over the views
 * naming it; the New Prospect dialog's save then says why nothing was
 * saved, and nothing is. */
static void
test_read_only_banner (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "biz.db", NULL);
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;
  DlSampleSummary summary;
  GtkWidget *banner, *pipeline, *toast_label;
  AdwMessageDialog *dialog;
  GtkWidget *first, *last;
  guint n_people;
  DlWindow *window;

  store = dl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 20, 3, dl_day_today (), &summary, &error));
  dl_store_close (store);
  g_clear_object (&store);

  store = dl_store_open_full (path, DL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;
  g_assert_true (dl_store_is_read_only (store));
  people = dl_store_get_people (store);
  n_people = g_list_model_get_n_items (people);

  window = dl_window_new (app, store);
  present (window);
  g_assert_cmpstr (dl_window_get_mode (window), ==, "views");

  banner = find_label_in (GTK_WIDGET (window), "GtkRevealer", "“biz.db” is read-only", FALSE);
  g_assert_nonnull (banner);
  if (banner != NULL)
    {
      GtkWidget *revealer = gtk_widget_get_ancestor (banner, GTK_TYPE_REVEALER);

      g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
      g_assert_true (gtk_widget_get_mapped (banner));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (banner)), ==,
                       "“biz.db” is read-only — you can look, but changes cannot be saved");
      /* and why, in the store's words */
      g_assert_nonnull (find_label_in (revealer, "GtkRevealer", "opened for reading only", FALSE));
    }

  /* New Prospect, typed and saved as a person would */
  pipeline = adw_view_stack_get_child_by_name (ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window),
                                                                                ADW_TYPE_VIEW_STACK)),
                                               "pipeline");
  g_assert_nonnull (pipeline);
  g_assert_true (gtk_widget_activate_action (pipeline, "pipeline.new", NULL));
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  first = find_titled_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "First name");
  last = find_titled_row (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Last name");
  g_assert_nonnull (first);
  g_assert_nonnull (last);
  if (first == NULL || last == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (first), "Read");
  gtk_editable_set_text (GTK_EDITABLE (last), "Only");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the window's toasts: every view's messages go there */
  g_assert_true (dl_test_wait_for (read_only_toast_shown, window));
  toast_label = find_label_in (GTK_WIDGET (window), "AdwToastWidget", "is open read-only", FALSE);
  g_assert_nonnull (toast_label);
  if (toast_label != NULL)
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (toast_label)), "biz.db"));
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, n_people);

  close_window (GTK_WIDGET (window));
}

/* A file that can be written shows no banner. */
static void
test_writable_no_banner (void)
{
  g_autoptr(DlStore) store = new_store ("writable.db");
  GtkWidget *revealer;
  DlWindow *window;

  save_profile (store, "Wren");
  window = dl_window_new (app, store);
  present (window);
  revealer = find_descendant (GTK_WIDGET (window), GTK_TYPE_REVEALER);
  g_assert_nonnull (revealer);
  if (revealer != NULL)
    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  close_window (GTK_WIDGET (window));
}

/* The person selected in the tree canvas draws, or 0. */
static gint64
selected_in (DlTreeCanvas *canvas)
{
  DlTree *drawn = dl_tree_canvas_get_tree (canvas);
  gint64 selected = dl_tree_canvas_get_selected (canvas);

  return drawn != NULL && selected >= 0 ? dl_tree_get_node (drawn, selected)->person_id : 0;
}

typedef struct
{
  DlTreeCanvas *canvas;
  gint64        person;
} Selected;

static gboolean
selected_is (gpointer data)
{
  Selected *selected = data;

  return selected_in (selected->canvas) == selected->person;
}

/* Today's "Show in Tree" lands on the member, selected, in the tree. */
static void
test_show_person_from_today (void)
{
  g_autoptr(DlStore) store = new_store ("show-person.db");
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary;
  DlDownlineView *downline;
  DlTreeCanvas *canvas;
  GtkWidget *today;
  DlWindow *window;
  gint64 person;
  gint64 shown;

  g_assert_true (dl_store_fill_sample (store, 200, 11, dl_day_today (), &summary, &error));
  tree = dl_store_load_tree (store, &error);
  g_assert_no_error (error);
  /* someone deep down, not the user */
  person = dl_tree_get_node (tree, dl_tree_get_n_nodes (tree) - 1)->person_id;

  window = dl_window_new (app, store);
  present (window);
  today = find_descendant (GTK_WIDGET (window), DL_TYPE_TODAY_VIEW);
  downline = DL_DOWNLINE_VIEW (find_descendant (GTK_WIDGET (window), DL_TYPE_DOWNLINE_VIEW));
  g_assert_nonnull (today);
  g_assert_nonnull (downline);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "downline");
  g_signal_emit_by_name (today, "show-person", person, "downline");

  canvas = dl_downline_view_get_canvas (downline);
  g_assert_true (dl_test_wait_for (selected_is, &(Selected) { canvas, person }));
  shown = selected_in (canvas);
  g_assert_cmpint (shown, ==, person);

  close_window (GTK_WIDGET (window));
}

/* "Write Welcome Letter" (after a prospect joins) lands in Letters with
 * that member and the welcome template. */
static void
test_write_welcome (void)
{
  g_autoptr(DlStore) store = new_store ("write-welcome.db");
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;
  DlLettersView *letters;
  AdwViewStack *stack;
  DlWindow *window;

  save_profile (store, "Wendy");
  dl_person_set_first_name (draft, "Newton");
  member = dl_store_add_member (store, draft, dl_store_get_user_id (store), NULL,
                                dl_day_today (), DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);

  window = dl_window_new (app, store);
  present (window);
  stack = ADW_VIEW_STACK (find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  letters = DL_LETTERS_VIEW (find_descendant (GTK_WIDGET (window), DL_TYPE_LETTERS_VIEW));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "pipeline");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.write-welcome", "x", dl_member_get_id (member));
  g_assert_true (dl_test_wait_for (view_shown, &(View) { window, "letters" }));

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "letters");
  g_assert_cmpint (dl_letters_view_get_recipient (letters), ==, dl_member_get_id (member));
  g_assert_nonnull (dl_letters_view_get_template (letters));
  if (dl_letters_view_get_template (letters) != NULL)
    g_assert_cmpint (dl_template_get_kind (dl_letters_view_get_template (letters)), ==, DL_TEMPLATE_WELCOME);

  close_window (GTK_WIDGET (window));
}

static gboolean
forced_dark (gpointer data)
{
  return adw_style_manager_get_color_scheme (adw_style_manager_get_default ()) == ADW_COLOR_SCHEME_FORCE_DARK;
}

static gboolean
first_style (gpointer row)
{
  return adw_combo_row_get_selected (row) == 0;
}

static void
test_preferences (void)
{
  g_autoptr(DlStore) store = new_store ("prefs.db");
  g_autoptr(DlProfile) profile = NULL;
  GSettings *settings = dl_application_get_settings (app);
  DlPreferencesWindow *prefs;
  AdwComboRow *style;
  AdwEntryRow *website, *company;

  save_profile (store, "Pablo");
  prefs = dl_preferences_window_new (app, store);
  present (prefs);

  /* the style row writes the setting the application follows */
  style = ADW_COMBO_ROW (find_descendant (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  g_assert_nonnull (style);
  adw_combo_row_set_selected (style, 2);
  {
    g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");

    g_assert_cmpstr (scheme, ==, "dark");
  }
  g_assert_true (dl_test_wait_for (forced_dark, NULL));
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_reset (settings, "color-scheme");
  g_assert_true (dl_test_wait_for (first_style, style));
  g_assert_cmpuint (adw_combo_row_get_selected (style), ==, 0);

  /* the profile page shows the stored profile and saves on apply */
  website = find_entry_row (GTK_WIDGET (prefs), _("Website"));
  company = find_entry_row (GTK_WIDGET (prefs), _("Company"));
  g_assert_nonnull (website);
  g_assert_nonnull (company);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (GTK_WIDGET (prefs), _("First name")))),
                   ==, "Pablo");

  gtk_editable_set_text (GTK_EDITABLE (company), "Evergreen");
  gtk_editable_set_text (GTK_EDITABLE (website), "not a website");
  g_signal_emit_by_name (website, "apply");
  profile = dl_store_get_profile (store);
  g_assert_cmpstr (dl_profile_get_company (profile), ==, "");
  g_clear_object (&profile);

  gtk_editable_set_text (GTK_EDITABLE (website), "evergreen.example.com");
  g_signal_emit_by_name (website, "apply");
  profile = dl_store_get_profile (store);
  g_assert_cmpstr (dl_profile_get_company (profile), ==, "Evergreen");
  g_assert_cmpstr (dl_profile_get_website (profile), ==, "evergreen.example.com");

  close_window (GTK_WIDGET (prefs));
}

static void
test_preferences_without_store (void)
{
  DlPreferencesWindow *prefs = dl_preferences_window_new (app, NULL);

  present (prefs);
  /* nothing to edit: no profile rows */
  g_assert_null (find_entry_row (GTK_WIDGET (prefs), _("First name")));
  g_assert_nonnull (find_descendant (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW));
  close_window (GTK_WIDGET (prefs));
}

typedef struct
{
  DlStore    *store;
  gint64      id;
  const char *name;
} StageName;

static gboolean
stage_named (gpointer data)
{
  StageName *stage_name = data;
  g_autoptr(DlStage) stage = dl_store_get_stage (stage_name->store, stage_name->id);

  return stage != NULL && g_strcmp0 (dl_stage_get_name (stage), stage_name->name) == 0;
}

/* A stage renamed from Preferences (over the main window, which gives
 * it the store) is offered for undo in Preferences' own toast, and the
 * Undo there puts the name back. */
static void
test_preferences_stage_undo (void)
{
  g_autoptr(DlStore) store = new_store ("prefs-stages.db");
  g_autoptr(GListModel) stages = dl_store_get_stages (store);
  g_autoptr(DlStage) first = g_list_model_get_item (stages, 0);
  g_autofree char *name = g_strdup (dl_stage_get_name (first));
  gint64 id = dl_stage_get_id (first);
  DlPreferencesWindow *prefs;
  AdwMessageDialog *dialog;
  AdwEntryRow *entry;
  GtkWidget *row;
  GtkWidget *edit;
  GtkWidget *undo;
  DlWindow *window;

  save_profile (store, "Pablo");
  window = dl_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  prefs = dl_preferences_window_new (app, store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  present (prefs);

  row = find_titled_row (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, name);
  g_assert_nonnull (row);
  edit = row != NULL ? find_button_with_label (row, _("_Edit…")) : NULL;
  g_assert_nonnull (edit);
  if (edit == NULL)
    goto out;
  g_signal_emit_by_name (edit, "clicked");
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  entry = dialog != NULL ? find_entry_row (GTK_WIDGET (dialog), _("Name")) : NULL;
  g_assert_nonnull (entry);
  if (entry == NULL)
    goto out;
  gtk_editable_set_text (GTK_EDITABLE (entry), "Called back");
  adw_message_dialog_response (dialog, "save");
  g_assert_true (dl_test_wait_for (stage_named, &(StageName) { store, id, "Called back" }));
  {
    g_autoptr(DlStage) renamed = dl_store_get_stage (store, id);

    g_assert_cmpstr (dl_stage_get_name (renamed), ==, "Called back");
  }

  /* the toast is Preferences', where the person is */
  g_assert_true (has_label_text (GTK_WIDGET (prefs), "Stage “Called back” changed"));
  undo = find_button_with_label (GTK_WIDGET (prefs), _("_Undo"));
  g_assert_nonnull (undo);
  if (undo == NULL)
    goto out;
  dl_test_click_toast_button (undo);
  g_assert_true (dl_test_wait_for (stage_named, &(StageName) { store, id, name }));
  {
    g_autoptr(DlStage) back = dl_store_get_stage (store, id);

    g_assert_cmpstr (dl_stage_get_name (back), ==, name);
  }

out:
  close_window (GTK_WIDGET (prefs));
  close_window (GTK_WIDGET (window));
}

/* Toasts name people and stages: their text is never read as markup. */
static guint
n_contacts (DlStore *store,
            gint64   person_id)
{
  g_autoptr(GListModel) log = dl_store_get_interactions (store, person_id);

  return g_list_model_get_n_items (log);
}

typedef struct
{
  DlStore *store;
  gint64   person_id;
  guint    n;
} Contacts;

static gboolean
contacts_are (gpointer data)
{
  Contacts *contacts = data;

  return n_contacts (contacts->store, contacts->person_id) == contacts->n;
}

typedef struct
{
  DlLettersView *letters;
  gint64         person_id;
} Recipient;

static gboolean
recipient_is (gpointer data)
{
  Recipient *recipient = data;

  return dl_letters_view_get_recipient (recipient->letters) == recipient->person_id;
}

/* Logs a call from the first row of Today through its log popover, as a
 * person does; FALSE (and a failed check) when the popover is not there. */
static gboolean
log_on_first_row (GtkWidget *today_view)
{
  GtkWidget *row = find_descendant (today_view, DL_TYPE_TODAY_ROW);
  GtkWidget *popover;
  g_autoptr(GtkWidget) hold = NULL;

  gtk_widget_activate_action (row, "row.log", NULL);
  popover = find_descendant (row, DL_TYPE_TODAY_LOG_POPOVER);
  g_assert_nonnull (popover);
  if (popover == NULL)
    return FALSE;
  /* held: once the call is logged Today may make its rows again, and
   * the popover goes with its row while the waits below look at it */
  hold = g_object_ref (popover);
  g_assert_true (dl_test_wait_for (mapped, popover));
  g_signal_emit_by_name (gtk_widget_get_template_child (popover, DL_TYPE_TODAY_LOG_POPOVER, "log_button"),
                         "clicked");
  /* logged, it closes, and the keyboard leaves it */
  g_assert_true (dl_test_wait_for (unmapped, popover));
  g_assert_true (dl_test_wait_for (focus_left, popover));
  return TRUE;
}

/* A row, from the plan of now: a plan still to come could make the
 * rows again under the test (a popover freed while it was waited for
 * crashed this test once). */
static gboolean
today_row_shown (gpointer today_view)
{
  return dl_today_model_is_current (dl_today_view_get_model (today_view))
         && find_descendant (today_view, DL_TYPE_TODAY_ROW) != NULL;
}

static gboolean
next_check_in_shown (gpointer downline)
{
  return find_titled_row (downline, ADW_TYPE_ACTION_ROW, "Next check-in") != NULL;
}

/* Today and the tree read one settings object and one clock, and every
 * view's changes go on the window's one undo stack.  With personal
 * check-ins every 10 days (not the 14 of the built-in rhythm), a
 * recruit last called 12 days ago is 2 days late in Today and in the
 * tree's details alike; a contact logged on Today offers Undo in the
 * window's toast, whose button takes it back out; the window's Ctrl+Z
 * undoes the next one. */
static void
test_services_agree (void)
{
  g_autoptr(DlStore) store = new_store ("services.db");
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) bea = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings = dl_settings_get_gsettings (dl_settings_get_default ());
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  g_autofree char *due = dl_day_format_short (today - 2);
  DlDownlineView *downline;
  GtkWidget *today_view, *row, *button;
  DlWindow *window;
  gint64 id;

  save_profile (store, "Una");
  g_settings_set_uint (settings, "cadence-personal-every", 10);
  dl_person_set_first_name (draft, "Bea");
  dl_person_set_last_name (draft, "Rhythm");
  bea = dl_store_add_member (store, draft, dl_store_get_user_id (store), NULL, today - 200,
                             DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  id = dl_member_get_id (bea);
  {
    g_autoptr(GDateTime) now = dl_clock_get_now (dl_clock_get_default ());
    g_autoptr(GDateTime) then = g_date_time_add_days (now, -12);
    g_autoptr(DlInteraction) call = dl_store_add_interaction (store, id, DL_CONTACT_CALL, then, "Talked", &error);

    g_assert_no_error (error);
    g_assert_nonnull (call);
  }
  window = dl_window_new (app, store);
  present (window);

  /* Today: two days late (Today reads the downline in a thread) */
  today_view = find_descendant (GTK_WIDGET (window), DL_TYPE_TODAY_VIEW);
  g_assert_true (dl_test_wait_for (today_row_shown, today_view));
  row = find_descendant (today_view, DL_TYPE_TODAY_ROW);
  g_assert_nonnull (row);
  if (row == NULL)
    goto out;
  g_assert_cmpstr (dl_today_item_get_reason (dl_today_row_get_item (DL_TODAY_ROW (row))), ==,
                   "Check-in 2 days late — last contact 12 days ago, every 10 days");

  /* the row's menu writes the letter that suits a check-in, to her */
  {
    GtkWidget *more = GTK_WIDGET (gtk_widget_get_template_child (row, DL_TYPE_TODAY_ROW, "more_button"));
    GtkWidget *menu, *item;
    g_autoptr(GtkWidget) hold = NULL;
    DlLettersView *letters = DL_LETTERS_VIEW (find_descendant (GTK_WIDGET (window), DL_TYPE_LETTERS_VIEW));

    g_assert_nonnull (more);
    if (more == NULL)
      goto out;
    gtk_menu_button_popup (GTK_MENU_BUTTON (more));
    menu = dl_test_find_descendant (more, GTK_TYPE_POPOVER_MENU);
    /* held: should its row go meanwhile, the wait fails, not crashes */
    hold = menu != NULL ? g_object_ref (menu) : NULL;
    g_assert_true (menu != NULL && dl_test_wait_for (mapped, menu));
    item = menu != NULL ? dl_test_find_menu_item (menu, "Write Letter") : NULL;
    g_assert_nonnull (item);
    if (item == NULL)
      goto out;
    g_signal_emit_by_name (item, "clicked");
    g_assert_true (dl_test_wait_for (recipient_is, &(Recipient) { letters, id }));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (
                       gtk_widget_get_ancestor (GTK_WIDGET (letters), ADW_TYPE_VIEW_STACK))), ==, "letters");
    g_assert_cmpint (dl_letters_view_get_recipient (letters), ==, id);
    g_assert_nonnull (dl_letters_view_get_template (letters));
    g_assert_cmpstr (dl_template_get_builtin (dl_letters_view_get_template (letters)), ==, "check-in");
  }

  /* the tree's details: due two days ago too */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "downline");
  downline = DL_DOWNLINE_VIEW (find_descendant (GTK_WIDGET (window), DL_TYPE_DOWNLINE_VIEW));
  {
    GtkWidget *fact;

    /* shown once the tree is read */
    dl_downline_view_show_person (downline, id);
    g_assert_true (dl_test_wait_for (next_check_in_shown, downline));
    fact = find_titled_row (GTK_WIDGET (downline), ADW_TYPE_ACTION_ROW, "Next check-in");
    g_assert_nonnull (fact);
    if (fact != NULL)
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (fact)), ==, due);
  }

  /* log a call on Today, then the toast's Undo button */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.view", "s", "today");
  g_assert_true (dl_test_wait_for (view_shown, &(View) { window, "today" }));
  if (!log_on_first_row (today_view))
    goto out;
  g_assert_cmpuint (n_contacts (store, id), ==, 2);
  button = dl_test_find_toast_button (GTK_WIDGET (window), "Contact with Bea Rhythm logged");
  g_assert_nonnull (button);
  if (button == NULL)
    goto out;
  g_assert_true (gtk_widget_is_sensitive (button));
  dl_test_click_toast_button (button);
  g_assert_true (dl_test_wait_for (contacts_are, &(Contacts) { store, id, 1 }));
  g_assert_cmpuint (n_contacts (store, id), ==, 1);

  /* again, and Ctrl+Z's action on the window */
  if (!log_on_first_row (today_view))
    goto out;
  g_assert_cmpuint (n_contacts (store, id), ==, 2);
  g_assert_true (dl_undo_stack_can_undo (dl_window_get_undo_stack (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-last", NULL));
  g_assert_true (dl_test_wait_for (contacts_are, &(Contacts) { store, id, 1 }));
  g_assert_cmpuint (n_contacts (store, id), ==, 1);
  g_assert_false (dl_undo_stack_can_undo (dl_window_get_undo_stack (window)));

out:
  g_settings_reset (settings, "cadence-personal-every");
  close_window (GTK_WIDGET (window));
}

static void
test_toast_plain_text (void)
{
  g_autoptr(AdwToast) toast = dl_toast_new ("Stage “R&D <new>” added");
  g_autoptr(AdwToast) formatted = dl_toast_new_format ("%s saved", "Ann & <b>Bo</b>");
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

  g_assert_cmpstr (adw_toast_get_title (toast), ==, "Stage “R&amp;D &lt;new&gt;” added");
  g_assert_cmpstr (adw_toast_get_title (formatted), ==, "Ann &amp; &lt;b&gt;Bo&lt;/b&gt; saved");
  /* and what the toast shows, parsed as it parses it, is the text itself */
  gtk_label_set_markup (GTK_LABEL (label), adw_toast_get_title (formatted));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "Ann & <b>Bo</b> saved");
  g_object_unref (label);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-window-XXXXXX", &error);
  g_assert_no_error (error);
  /* the sample business of Try With Sample Data goes among the caches */
  {
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  /* a real application, registered, but not unique: tests may run in parallel */
  app = dl_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  /* the private test bus has no notification server: the notifier would
   * (rightly) warn once a window lived long enough for its catch-up */
  g_settings_set_boolean (dl_application_get_settings (app), "notifications-enabled", FALSE);

  g_test_add_func ("/window/toast-plain-text", test_toast_plain_text);
  g_test_add_func ("/window/views", test_window_views);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/remembers-view", test_window_remembers_view);
  g_test_add_func ("/window/first-run/profile", test_first_run_profile);
  g_test_add_func ("/window/first-run/sample-data", test_first_run_sample_data);
  g_test_add_func ("/window/error", test_error_window);
  g_test_add_func ("/window/damaged-after-open", test_damaged_after_open);
  g_test_add_func ("/window/read-only/banner-and-save", test_read_only_banner);
  g_test_add_func ("/window/read-only/writable-no-banner", test_writable_no_banner);
  g_test_add_func ("/window/show-person-from-today", test_show_person_from_today);
  g_test_add_func ("/window/write-welcome", test_write_welcome);
  g_test_add_func ("/window/services-agree", test_services_agree);
  g_test_add_func ("/preferences/settings-and-profile", test_preferences);
  g_test_add_func ("/preferences/without-store", test_preferences_without_store);
  g_test_add_func ("/preferences/stage-undo", test_preferences_stage_undo);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

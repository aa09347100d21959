/* test-changes-window.c — the month's changes again, from the primary
 * menu, after the import assistant has closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DL_SCREENSHOT_DIR set, saves transfer-changes.png there.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dl-application.h"
#include "dl-changes-window.h"
#include "dl-csv-import.h"
#include "dl-downline-view.h"
#include "dl-import-events.h"
#include "dl-store-import.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"
#include "dl-tree-canvas.h"
#include "dl-window.h"
#include "../dl-test-widgets.h"

static DlApplication *app;
static char *tmp_dir;

#define HEADER "Member ID,Sponsor ID,First Name,Last Name,Join Date,Paid Rank,Status,PV,Autoship\r\n"

static const char october[] =
  HEADER
  "72001,,Dana,Root,2024-01-10,Gold,Active,200,Yes\r\n"
  "72002,72001,Leo,Park,2024-09-14,Silver,Active,130,Yes\r\n"
  "72003,72001,Mia,Chen,2025-02-11,Bronze,Active,100,Yes\r\n"
  "72004,72001,Sam,Ortiz,2025-04-30,Member,Active,80,Yes\r\n";
/* Leo is paid at Bronze, Mia leaves, Sam cancels his autoship */
static const char november[] =
  HEADER
  "72001,,Dana,Root,2024-01-10,Gold,Active,200,Yes\r\n"
  "72002,72001,Leo,Park,2024-09-14,Bronze,Active,95,Yes\r\n"
  "72003,72001,Mia,Chen,2025-02-11,Bronze,Terminated,0,No\r\n"
  "72004,72001,Sam,Ortiz,2025-04-30,Member,Active,80,No\r\n";

/* Leo is paid at Silver again */
static const char december[] =
  HEADER
  "72001,,Dana,Root,2024-01-10,Gold,Active,200,Yes\r\n"
  "72002,72001,Leo,Park,2024-09-14,Silver,Active,95,Yes\r\n"
  "72003,72001,Mia,Chen,2025-02-11,Bronze,Terminated,0,No\r\n"
  "72004,72001,Sam,Ortiz,2025-04-30,Member,Active,80,No\r\n";

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

/* Imports text as the back office's export of year-month, as the
 * command line's --import-csv --period does. */
static void
import_month (DlStore    *store,
              const char *text,
              int         year,
              int         month)
{
  g_autofree char *path = g_build_filename (tmp_dir, "month.csv", NULL);
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  table = dl_csv_table_new_from_file (path, &error);
  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  result = dl_csv_import_validate (table, mapping, dl_csv_guess_date_order (table, mapping, NULL, NULL),
                                   DL_UNKNOWN_SPONSOR_USER, dl_store_has_member_number, store, &error);
  g_assert_no_error (error);
  result->period = dl_period_from_ym (year, month);
  g_assert_true (dl_store_import_members (store, result, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static DlChangesWindow *
find_changes_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (DL_IS_CHANGES_WINDOW (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return DL_CHANGES_WINDOW (w);
    }
  return NULL;
}

/* The header bar's button of the primary menu. */
static GtkWidget *
find_primary_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_visible (widget)
      && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), "open-menu-symbolic") == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_primary_menu_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Chooses the primary menu's item labelled text, as a click does. */
static gboolean
click_menu_item (DlWindow   *window,
                 const char *text)
{
  GtkWidget *button = find_primary_menu_button (GTK_WIDGET (window));
  GtkWidget *menu;
  GtkWidget *item;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  if (!GTK_IS_MENU_BUTTON (button))
    return FALSE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  menu = dl_test_find_descendant (button, GTK_TYPE_POPOVER_MENU);
  g_assert_true (GTK_IS_POPOVER_MENU (menu));
  if (menu == NULL)
    return FALSE;
  g_assert_true (dl_test_wait_for (mapped, menu));
  item = dl_test_find_menu_item (menu, text);
  g_assert_nonnull (item);
  if (item == NULL)
    return FALSE;
  g_signal_emit_by_name (item, "clicked");
  /* the item closes its menu */
  g_assert_true (dl_test_wait_for (unmapped, menu));
  return TRUE;
}

/* The expander row titled title under widget, opened as a click on its
 * header does. */
static GtkWidget *
open_change (GtkWidget  *widget,
             const char *title)
{
  GtkWidget *expander = find_titled_row (widget, ADW_TYPE_EXPANDER_ROW, title);
  GtkWidget *header;

  g_assert_nonnull (expander);
  if (expander == NULL)
    return NULL;
  header = dl_test_find_descendant (expander, ADW_TYPE_ACTION_ROW);
  g_assert_true (GTK_IS_LIST_BOX_ROW (header));
  g_assert_true (gtk_widget_activate (header));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  return expander;
}

static gint64
selected_in_tree (DlWindow *window)
{
  DlDownlineView *downline = DL_DOWNLINE_VIEW (dl_test_find_descendant (GTK_WIDGET (window),
                                                                         DL_TYPE_DOWNLINE_VIEW));
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (downline);
  DlTree *drawn = dl_tree_canvas_get_tree (canvas);
  gint64 selected = dl_tree_canvas_get_selected (canvas);

  return drawn != NULL && selected >= 0 ? dl_tree_get_node (drawn, selected)->person_id : 0;
}

/* Whether the Downline view's tree has Person.id selected. */
typedef struct
{
  DlWindow *window;
  gint64    id;
} Person;

static gboolean
selected_in_tree_is (gpointer data)
{
  Person *person = data;

  return selected_in_tree (person->window) == person->id;
}

static gboolean
shows_december (gpointer changes)
{
  return dl_changes_window_get_period (changes) == dl_period_from_ym (2026, 12);
}

/* Monthly Changes in the primary menu lists the newest month's changes
 * after the assistant is gone; a person chosen there is selected in the
 * Downline view, and the list stays open for the next one.  Asked for
 * again, the same window comes back. */
static void
test_from_menu (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "changes.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(GString) labels = g_string_new (NULL);
  DlChangesWindow *changes;
  GtkWidget *expander;
  GtkWidget *mia;
  DlWindow *window;
  gint64 mia_id = 0;

  g_assert_no_error (error);
  import_month (store, october, 2026, 10);
  import_month (store, november, 2026, 11);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (dl_store_get_handle (store), "SELECT person_id FROM member WHERE member_number = '72003'",
                        -1, &stmt, NULL);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      mia_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  g_assert_cmpint (mia_id, >, 0);

  window = dl_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (mapped, window));
  g_assert_null (find_changes_window ());

  if (!click_menu_item (window, "Monthly Changes"))
    goto out;
  changes = find_changes_window ();
  g_assert_nonnull (changes);
  if (changes == NULL)
    goto out;
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (changes)) == GTK_WINDOW (window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (changes)));
  g_assert_cmpint (dl_changes_window_get_period (changes), ==, dl_period_from_ym (2026, 11));
  dl_test_collect_labels (GTK_WIDGET (changes), labels);
  g_assert_nonnull (strstr (labels->str, "|Changes Since October 2026|"));
  g_assert_nonnull (strstr (labels->str, "|November 2026|"));

  expander = open_change (GTK_WIDGET (changes), "1 left the business");
  mia = expander != NULL ? find_titled_row (expander, ADW_TYPE_ACTION_ROW, "Mia Chen") : NULL;
  g_assert_nonnull (mia);
  if (mia == NULL)
    goto out;
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (mia)), ==, "Also cancelled autoship · 72003");
  g_assert_true (gtk_widget_activate (mia));
  g_assert_true (dl_test_wait_for (selected_in_tree_is, &(Person) { window, mia_id }));
  g_assert_cmpint (selected_in_tree (window), ==, mia_id);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (
                     dl_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK))), ==, "downline");
  /* the list is still open where it was */
  g_assert_true (find_changes_window () == changes);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  dl_test_save_png (GTK_WIDGET (changes), "transfer-changes.png");

  /* next month's import while it is open: December comes up */
  import_month (store, december, 2026, 12);
  g_assert_true (dl_test_wait_for (shows_december, changes));
  g_assert_cmpint (dl_changes_window_get_period (changes), ==, dl_period_from_ym (2026, 12));
  g_string_truncate (labels, 0);
  dl_test_collect_labels (GTK_WIDGET (changes), labels);
  g_assert_nonnull (strstr (labels->str, "|Changes Since November 2026|"));
  g_assert_nonnull (find_titled_row (GTK_WIDGET (changes), ADW_TYPE_EXPANDER_ROW, "1 reached a higher rank"));

  /* asked for again: the same window, not a second one */
  if (!click_menu_item (window, "Monthly Changes"))
    goto out;
  g_assert_true (find_changes_window () == changes);
  dl_test_assert_last_ref (changes);

out:
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

/* A database without monthly figures says how they come, rather than an
 * empty list. */
static void
test_no_months (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-months.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(GString) labels = g_string_new (NULL);
  DlChangesWindow *changes;
  DlWindow *window;

  g_assert_no_error (error);
  window = dl_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (mapped, window));
  if (!click_menu_item (window, "Monthly Changes"))
    goto out;
  changes = find_changes_window ();
  g_assert_nonnull (changes);
  if (changes == NULL)
    goto out;
  g_assert_cmpint (dl_changes_window_get_period (changes), ==, DL_PERIOD_NONE);
  dl_test_collect_labels (GTK_WIDGET (changes), labels);
  g_assert_nonnull (strstr (labels->str, "|No Monthly Figures Yet|"));
  dl_test_assert_last_ref (changes);

out:
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-changes-XXXXXX", &error);
  g_assert_no_error (error);
  {
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  app = dl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  g_settings_set_boolean (dl_application_get_settings (app), "notifications-enabled", FALSE);

  g_test_add_func ("/changes-window/from-menu", test_from_menu);
  g_test_add_func ("/changes-window/no-months", test_no_months);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* test-import-assistant.c — the import assistant driven as a person
 * would: a file, the mapping, the report, the import, Cancel, and what
 * the month changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DL_SCREENSHOT_DIR set, saves transfer.png (the report step) and
 * transfer-events.png (the done page's changes) there.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dl-application.h"
#include "dl-backup-preferences.h"
#include "dl-clock.h"
#include "dl-day.h"
#include "dl-import-assistant.h"
#include "dl-import-events.h"
#include "dl-preferences-window.h"
#include "dl-settings.h"
#include "dl-store-import.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "dl-transfer-actions.h"
#include "dl-window.h"
#include "../dl-test-widgets.h"

static DlApplication *app;
static char *tmp_dir;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the assistant shows step, or 30 s. */
static gboolean
wait_for_step (DlImportAssistant *assistant,
               const char        *step)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  while (!timed_out && !g_str_equal (dl_import_assistant_get_step (assistant), step))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_test_message ("step %s", dl_import_assistant_get_step (assistant));
  return !timed_out;
}

/* Whether window is no longer among the toplevels: closed for good. */
static gboolean
window_closed (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if ((gpointer) w == window)
        return FALSE;
    }
  return TRUE;
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static GtkButton *
find_button (GtkWidget  *widget,
             const char *label_prefix)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (widget)), label_prefix))
    return GTK_BUTTON (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found = find_button (child, label_prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (DlImportAssistant *assistant,
       const char        *label_prefix)
{
  GtkButton *button = find_button (GTK_WIDGET (assistant), label_prefix);

  g_assert_nonnull (button);
  if (button != NULL)
    {
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
      g_signal_emit_by_name (button, "clicked");
    }
}

/* Clicks the button that closes the assistant (Done, Cancel), and
 * checks it closes. */
static void
click_closing (DlImportAssistant *assistant,
               const char        *label_prefix)
{
  click (assistant, label_prefix);
  g_assert_true (dl_test_wait_for (window_closed, assistant));
}

/* Runs the main loop until the report's Import button can be pressed
 * (what changes has been read), or 30 s. */
static gboolean
wait_for_plan (DlImportAssistant *assistant)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, timeout_cb, &timed_out);
  GtkButton *button;

  while (!timed_out && ((button = find_button (GTK_WIDGET (assistant), "_Import")) == NULL
                        || !gtk_widget_get_sensitive (GTK_WIDGET (button))))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static GtkWidget *
find_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether widget has had its first size. */
static gboolean
laid_out (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

/* Whether widget is laid out and the slide between steps has ended (or
 * there is no stack). */
static gboolean
at_rest (gpointer widget)
{
  GtkWidget *stack = find_stack (widget);

  return laid_out (widget) && (stack == NULL || !gtk_stack_get_transition_running (GTK_STACK (stack)));
}

/* With DL_SCREENSHOT_DIR set, saves what widget draws as name there.
 * The page is laid out and a slide between steps finishes first, shot or
 * not: the tests go on from a page at rest. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_assert_true (dl_test_wait_for (at_rest, widget));
  dl_test_save_png (widget, name);
}

static int
count (DlStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  sqlite3_prepare_v2 (dl_store_get_handle (store), sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static DlStore *
sample_store (const char *name,
              guint       n_members)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, n_members, 3, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* A new assistant over window, at its report step on file, the plan
 * read. */
static DlImportAssistant *
open_report (GtkWidget *window,
             DlStore   *store,
             GFile     *file)
{
  DlImportAssistant *assistant = dl_import_assistant_new (GTK_WINDOW (window), store);

  gtk_window_present (GTK_WINDOW (assistant));
  dl_import_assistant_open_file (assistant, file);
  g_assert_true (wait_for_step (assistant, "map"));
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  g_assert_true (wait_for_plan (assistant));
  return assistant;
}

static DlImportAssistant *
open_assistant (GtkWidget  *window,
                DlStore    *store,
                const char *file_name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, file_name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DlImportAssistant *assistant = dl_import_assistant_new (GTK_WINDOW (window), store);

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_cmpstr (dl_import_assistant_get_step (assistant), ==, "choose");
  dl_import_assistant_open_file (assistant, file);
  g_assert_true (wait_for_step (assistant, "map"));
  return assistant;
}

static gboolean
risk_model_learned (gpointer store)
{
  return count (store, "SELECT count(*) FROM risk_model") > 0;
}

/* The import assistant on screen (the newest), or NULL. */
static DlImportAssistant *
find_assistant (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours to free */
  DlImportAssistant *assistant = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (DL_IS_IMPORT_ASSISTANT (w))
        assistant = DL_IMPORT_ASSISTANT (w);
    }
  return assistant;
}

static gboolean
assistant_shown (gpointer data)
{
  return find_assistant () != NULL;
}

/* The primary menu's item opens the assistant on the window's store.
 * (A plain window: DlWindow installs the same group in setup(), and its
 * views would push GLib's quark table past the size LSan misreports.) */
static void
test_menu_actions (void)
{
  g_autoptr(DlStore) store = sample_store ("menu.db", 50);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;

  dl_transfer_actions_install (GTK_WINDOW (window), store, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "transfer.import-csv", NULL));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "transfer.no-such-thing", NULL));
  /* the views' entry point: an empty selection does nothing */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "transfer.export-vcard",
                                                     g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, NULL, 0,
                                                                                sizeof (gint64))));
  g_assert_true (dl_test_wait_for (assistant_shown, NULL));
  assistant = find_assistant ();
  g_assert_nonnull (assistant);
  if (assistant != NULL)
    {
      g_assert_cmpstr (dl_import_assistant_get_step (assistant), ==, "choose");
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (assistant));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_import_with_rejected_rows (void)
{
  g_autoptr(DlStore) store = sample_store ("assistant.db", 200);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  GtkButton *next;
  int members = count (store, "SELECT count(*) FROM member");

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "bad-rows.csv");
  save_screenshot (GTK_WIDGET (assistant), "transfer-mapping.png");

  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  save_screenshot (GTK_WIDGET (assistant), "transfer.png");

  next = find_button (GTK_WIDGET (assistant), "_Import the Other 5");
  g_assert_nonnull (next);
  /* nothing is written before the person says so */
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, members);

  /* the sample's model goes, so the refit after the import is seen */
  g_assert_cmpint (sqlite3_exec (dl_store_get_handle (store), "DELETE FROM risk_model", NULL, NULL, NULL), ==, SQLITE_OK);
  click (assistant, "_Import the Other 5");
  g_assert_true (wait_for_step (assistant, "done"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, members + 5);
  g_assert_cmpint (count (store, "SELECT count(*) FROM member WHERE member_number = '50013'"), ==, 1);
  /* the dropout risk learns again, in a worker, after every import */
  g_assert_true (dl_test_wait_for (risk_model_learned, store));
  g_assert_cmpint (count (store, "SELECT count(*) FROM risk_model"), ==, 1);

  click_closing (assistant, "_Done");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_ambiguous_dates_ask (void)
{
  g_autoptr(DlStore) store = sample_store ("dates.db", 20);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  GtkButton *next;
  AdwComboRow *order = NULL;

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "ambiguous-dates.csv");

  /* Next waits for the person to say how the dates are written */
  next = find_button (GTK_WIDGET (assistant), "_Next");
  g_assert_nonnull (next);
  g_assert_false (next != NULL && gtk_widget_get_sensitive (GTK_WIDGET (next)));

  for (GtkWidget *w = GTK_WIDGET (assistant); w != NULL && order == NULL;)
    {
      /* the date-order row is the visible combo row with three choices */
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (ADW_IS_COMBO_ROW (w) && gtk_widget_get_visible (w) &&
          g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (w))) == 3)
        order = ADW_COMBO_ROW (w);
      else if (child != NULL)
        w = child;
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (order);
  if (order != NULL)
    adw_combo_row_set_selected (order, 1);   /* day/month/year */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (next)));

  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  click (assistant, "_Import 2 Members");
  g_assert_true (wait_for_step (assistant, "done"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM member WHERE joined_on = '2023-04-03'"), ==, 1);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancel while writing: back to the report, the database as it was. */
static void
test_cancel (void)
{
  g_autoptr(DlStore) store = sample_store ("cancel.db", 20);
  g_autofree char *big = g_build_filename (tmp_dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Member ID,Sponsor ID,Name,Join Date\n");
  g_autoptr(GFile) file = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  int members = count (store, "SELECT count(*) FROM member");

  for (guint i = 1; i <= 60000; i++)
    g_string_append_printf (text, "%u,%u,Person %u,2023-01-%02u\n", 500000 + i, i > 1 ? 500000 + i / 2 : 0, i, i % 28 + 1);
  g_assert_true (g_file_set_contents (big, text->str, (gssize) text->len, NULL));
  file = g_file_new_for_path (big);

  gtk_window_present (GTK_WINDOW (window));
  assistant = dl_import_assistant_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (assistant));
  dl_import_assistant_open_file (assistant, file);
  g_assert_true (wait_for_step (assistant, "map"));
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));

  click (assistant, "_Import 60000");
  g_assert_cmpstr (dl_import_assistant_get_step (assistant), ==, "progress");
  click (assistant, "_Cancel");
  g_assert_true (wait_for_step (assistant, "report"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, members);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Other parts of the window warn about what a headless session lacks
 * (a notification server); that is theirs to test, not a failure here. */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        data)
{
  return g_strcmp0 (log_domain, "dl-notifier") != 0;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
on_daily_backup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_transfer_daily_backup_finish (DL_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The daily backup files in dir, sorted. */
static GPtrArray *
list_daily (const char *dir)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "downline-") && g_str_has_suffix (name, ".db"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
add_old_backups (const char *dir,
                 guint       n)
{
  for (guint i = 1; i <= n; i++)
    {
      char iso[16];
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;

      dl_day_format_iso (dl_day_today () - (DlDay) i, iso);
      name = g_strdup_printf ("downline-%s.db", iso);
      path = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_set_contents (path, "old", -1, NULL));
    }
}

static void
run_daily_backup (DlStore    *store,
                  const char *dir)
{
  gboolean done = FALSE;

  dl_transfer_daily_backup_async (store, dir, on_daily_backup_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* How many daily backups the automatic backup keeps is the
 * "backups-kept" setting, which Preferences edits. */
static void
test_backups_kept (void)
{
  g_autoptr(DlStore) store = sample_store ("kept.db", 20);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir = g_build_filename (tmp_dir, "daily", NULL);
  g_autoptr(GPtrArray) names = NULL;
  GtkWidget *window;
  GtkWidget *spin;
  char today[16];
  g_autofree char *newest = NULL;

  dl_day_format_iso (dl_day_today (), today);
  newest = g_strdup_printf ("downline-%s.db", today);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  /* the default stays a week */
  g_assert_cmpuint (g_settings_get_uint (settings, "backups-kept"), ==, 7);

  g_settings_set_uint (settings, "backups-kept", 3);
  add_old_backups (dir, 10);
  run_daily_backup (store, dir);
  names = list_daily (dir);
  g_assert_cmpuint (names->len, ==, 3);
  /* today's is made, and the oldest went */
  g_assert_cmpstr (names->pdata[names->len - 1], ==, newest);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* Preferences shows the setting and changes it */
  window = GTK_WIDGET (dl_preferences_window_new (app, store));
  gtk_window_present (GTK_WINDOW (window));
  spin = find_type (find_type (window, DL_TYPE_BACKUP_PREFERENCES), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  if (spin != NULL)
    {
      g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 3);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 12);
      g_assert_cmpuint (g_settings_get_uint (settings, "backups-kept"), ==, 12);
      /* the range is the schema's: 1 to 60 */
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 500);
      g_assert_cmpuint (g_settings_get_uint (settings, "backups-kept"), ==, 60);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 12);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  /* the next backup keeps the new number */
  add_old_backups (dir, 20);
  run_daily_backup (store, dir);
  names = list_daily (dir);
  g_assert_cmpuint (names->len, ==, 12);
  g_assert_cmpstr (names->pdata[names->len - 1], ==, newest);

  g_settings_reset (settings, "backups-kept");
}

static gboolean
same_accel (const char *a,
            const char *b)
{
  guint key_a = 0, key_b = 0;
  GdkModifierType mods_a = 0, mods_b = 0;

  gtk_accelerator_parse (a, &key_a, &mods_a);
  gtk_accelerator_parse (b, &key_b, &mods_b);
  return key_a != 0 && key_a == gdk_keyval_to_lower (key_b) && mods_a == mods_b;
}

/* The menu items have keys, set through the application, that no other
 * shortcut of the app uses, and the shortcuts window lists them. */
static void
test_shortcuts (void)
{
  static const char *const actions[] = {
    "transfer.import-csv", "transfer.import-vcard", "transfer.export-csv", "transfer.backup", "transfer.restore",
  };
  g_autoptr(DlStore) store = sample_store ("keys.db", 5);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/gtk/help-overlay.ui");
  g_autoptr(GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);    /* others' accelerators */
  GSList *objects = gtk_builder_get_objects (builder);
  GtkWidget *window = gtk_window_new ();
  guint n_listed = 0;

  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (app));
  dl_transfer_actions_install (GTK_WINDOW (window), store, NULL, NULL);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action, NULL);
      if (action != NULL && g_str_has_prefix (action, "transfer."))
        n_listed++;
      else if (accelerator != NULL)
        {
          g_auto(GStrv) keys = g_strsplit (accelerator, " ", -1);

          for (guint k = 0; keys[k] != NULL; k++)
            g_ptr_array_add (listed, g_strdup (keys[k]));
        }
      else if (action != NULL)
        {
          g_auto(GStrv) keys = gtk_application_get_accels_for_action (GTK_APPLICATION (app), action);

          for (guint k = 0; keys[k] != NULL; k++)
            g_ptr_array_add (listed, g_strdup (keys[k]));
        }
    }
  g_slist_free (objects);
  g_assert_cmpuint (n_listed, ==, G_N_ELEMENTS (actions));
  g_assert_cmpuint (listed->len, >, 10);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      g_assert_nonnull (accels[0]);
      for (guint k = 0; accels[k] != NULL; k++)
        {
          g_auto(GStrv) users = gtk_application_get_actions_for_accel (GTK_APPLICATION (app), accels[k]);

          g_assert_cmpuint (g_strv_length (users), ==, 1);
          for (guint j = 0; j < listed->len; j++)
            if (same_accel (accels[k], listed->pdata[j]))
              g_error ("%s for %s is also %s in the shortcuts window", accels[k], actions[i],
                       (char *) listed->pdata[j]);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first row under widget whose title starts with prefix. */
static AdwPreferencesRow *
find_row (GtkWidget  *widget,
          const char *prefix)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_visible (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
      g_autofree char *text = NULL;

      /* the text as shown, whether it was given as markup or not */
      if (!adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (widget)) ||
          !pango_parse_markup (title, -1, 0, NULL, &text, NULL, NULL))
        text = g_strdup (title);
      g_test_message ("row “%s”", text);
      if (g_str_has_prefix (text, prefix))
        return ADW_PREFERENCES_ROW (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwPreferencesRow *found = find_row (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Next month's export: the report says what changes and who is missing
 * before anything is written, and applying it keeps the notes. */
static void
test_reimport_summary (void)
{
  static const char next_month[] =
    "Member ID,Sponsor ID,First Name,Last Name,Join Date,Rank,Status,Email,Phone,Last Order Date\r\n"
    "10001,90000,Grace,Okafor,2023-01-14,Gold,Active,,+1 555 0101,2024-03-28\r\n"
    "10002,10001,\"Tom \"\"Tommy\"\"\",Reyes,2023-02-03,Gold,Active,tom.reyes@example.com,+1 555 0102,2024-03-01\r\n"
    "10003,10001,Priya,\"Nair, MD\",2023-03-22,Bronze,Active,priya@example.com,,2023-11-30\r\n"
    "10004,10001,Anne,Dubois,2023-05-09,Member,Active,,,\r\n"
    "10006,10004,Kofi,Boateng,2024-03-10,Member,Active,kofi@example.com,,\r\n";
  g_autoptr(DlStore) store = sample_store ("reimport.db", 20);
  g_autofree char *first_path = g_build_filename (TEST_DATA_DIR, "backoffice-en.csv", NULL);
  g_autofree char *next_path = g_build_filename (tmp_dir, "next-month.csv", NULL);
  g_autoptr(GFile) next_file = g_file_new_for_path (next_path);
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) tom = NULL;
  g_autoptr(DlPerson) draft = NULL;
  g_autofree char *missing_title = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  int members;
  int missing;
  gint64 tom_id;

  /* last month's file, through the store */
  table = dl_csv_table_new_from_file (first_path, &error);
  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  first = dl_csv_import_validate (table, mapping, dl_csv_guess_date_order (table, mapping, NULL, NULL),
                                  DL_UNKNOWN_SPONSOR_USER, dl_store_has_member_number, store, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_import_members (store, first, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  tom_id = count (store, "SELECT person_id FROM member WHERE member_number = '10002'");
  tom = dl_store_get_person (store, tom_id);
  draft = dl_person_copy (tom);
  dl_person_set_notes (draft, "Prefers calls after 6 pm");
  g_assert_true (dl_store_update_person (store, draft, &error));
  g_assert_no_error (error);

  members = count (store, "SELECT count(*) FROM member");
  /* everyone numbered but the user, who is never "missing" */
  missing = count (store, "SELECT count(*) FROM member WHERE member_number IS NOT NULL AND member_number "
                          "NOT IN ('10001', '10002', '10003', '10004', '10006') "
                          "AND person_id <> (SELECT person_id FROM profile)");
  g_assert_true (g_file_set_contents (next_path, next_month, -1, NULL));

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_report (window, store, next_file);

  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "1 new member"));
  /* every change, one row each, in words */
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "10002 Tom \"Tommy\" Reyes: rank Silver → Gold"));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "10003 Priya Nair, MD: status"));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "10004 Anne Dubois: sponsor"));
  missing_title = g_strdup_printf ("%d members are not in the file", missing);
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), missing_title));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "10005 Luis Ortega"));
  /* nothing is written before the person says so */
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, members);
  g_assert_cmpint (count (store, "SELECT count(*) FROM member WHERE member_number = '10002' AND rank = 'Gold'"), ==, 0);

  click (assistant, "_Import 5 Members");
  g_assert_true (wait_for_step (assistant, "done"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, members + 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM member WHERE member_number = '10002' AND rank = 'Gold'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM person WHERE notes = 'Prefers calls after 6 pm'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT person_id FROM member WHERE member_number = '10002'"), ==, tom_id);

  click_closing (assistant, "_Done");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A date column the mapping does not read is said before importing. */
static void
test_unread_date_column (void)
{
  g_autoptr(DlStore) store = sample_store ("unread-date.db", 5);
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "real-world", "unread-date-column.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *row;

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_report (window, store, file);

  row = find_row (GTK_WIDGET (assistant), "Check the mapping");
  g_assert_nonnull (row);
  if (row != NULL)
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                              "The column “Enroll Dt” holds dates but is not read as the join date"));
  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Downline's first use on store's file, as seen on today, is day. */
typedef struct
{
  DlStore *store;
  DlDay    today;
  DlDay    day;
} FirstUse;

static gboolean
first_use_is (gpointer data)
{
  FirstUse *first_use = data;

  return dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (first_use->store),
                                    first_use->today, FALSE) == first_use->day;
}

/* Members who joined in the last weeks but before Downline's first use
 * on the file: the report says Today counts them as welcomed, and its
 * switch moves the first use back so Today plans their welcomes. */
static void
test_welcomed_already (void)
{
  g_autoptr(DlStore) store = sample_store ("welcomed.db", 5);
  g_autofree char *csv = g_build_filename (g_get_tmp_dir (), "downline-welcomed-XXXXXX.csv", NULL);
  g_autoptr(GFile) file = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *row;
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  FirstUse first_use = { store, today, 0 };
  g_autofree char *ten_days = dl_day_to_iso (today - 10);
  g_autofree char *text = g_strdup_printf ("Member ID,Name,Join Date\n"
                                           "9001,Newer One,%s\n"
                                           "9002,Old Timer,2020-01-10\n", ten_days);
  int fd = g_mkstemp (csv);

  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (csv, text, -1, NULL));
  file = g_file_new_for_path (csv);
  /* Downline first used on this file today */
  dl_settings_set_first_use (dl_settings_get_default (), dl_store_get_path (store), today);

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_report (window, store, file);

  /* one of the two: the other joined years ago, past any welcome */
  row = find_row (GTK_WIDGET (assistant), "1 member joined in the last weeks, before you started with Downline");
  g_assert_nonnull (row);
  if (row != NULL)
    {
      /* a switch moves at once, not at the end of its animation */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      adw_action_row_activate (ADW_ACTION_ROW (row));
      first_use.day = today - 30;
      g_assert_true (dl_test_wait_for (first_use_is, &first_use));
      g_assert_cmpint (dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (store), today, FALSE),
                       ==, today - 30);
      adw_action_row_activate (ADW_ACTION_ROW (row));
      first_use.day = today;
      g_assert_true (dl_test_wait_for (first_use_is, &first_use));
      g_assert_cmpint (dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (store), today, FALSE),
                       ==, today);
    }
  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (csv);
}

static AdwMessageDialog *
find_import_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)), "Importing Contacts…") == 0)
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static int
count_prospects (DlStore *store)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  sqlite3_prepare_v2 (dl_store_get_handle (store), "SELECT count(*) FROM prospect", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The vCard import runs behind a dialog with a progress bar and
 * Cancel; cancelled, it adds nobody. */
static void
test_vcard_import_progress (void)
{
  g_autoptr(DlStore) store = sample_store ("vcard-progress.db", 5);
  g_autofree char *path = g_build_filename (tmp_dir, "many.vcf", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  AdwMessageDialog *dialog;
  int before = count_prospects (store);
  gboolean timed_out = FALSE;
  guint id;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "BEGIN:VCARD\nN:Card%u;Ann\nEMAIL:card%u@example.org\nEND:VCARD\n", i, i);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  gtk_window_present (GTK_WINDOW (window));

  /* cancelled at once: the dialog goes, and nobody is added */
  dl_transfer_import_vcard_file (GTK_WINDOW (window), store, path);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (GTK_IS_PROGRESS_BAR (dialog ? adw_message_dialog_get_extra_child (dialog) : NULL));
  if (dialog != NULL)
    adw_message_dialog_response (dialog, "cancel");
  /* it hides at once; the import, stopped, destroys it */
  g_assert_true (dl_test_wait_for (window_closed, dialog));
  g_assert_null (find_import_dialog ());
  g_assert_cmpint (count_prospects (store), ==, before);

  /* left alone, all 20,000 come in and the dialog goes */
  dl_transfer_import_vcard_file (GTK_WINDOW (window), store, path);
  g_assert_nonnull (find_import_dialog ());
  id = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  while (!timed_out && (find_import_dialog () != NULL || count_prospects (store) == before))
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
  g_assert_cmpint (count_prospects (store), ==, before + 20000);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The shown status page titled title below widget. */
static GtkWidget *
find_status_page (GtkWidget  *widget,
                  GType       type,
                  const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_is_visible (widget)
      && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_status_page (c, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A back office's monthly export: the report offers "Figures of the
 * Month" on last month because the file has volumes; importing keeps
 * each row's figures for that month and says so.  Without volumes the
 * row is off and no figures are kept. */
static void
test_figures_of_the_month (void)
{
  static const char monthly[] =
    "Member ID,Sponsor ID,First Name,Last Name,Join Date,Status,PV,Autoship\r\n"
    "70001,,Mara,Quinn,2025-02-01,Active,120,Yes\r\n"
    "70002,70001,Omar,Haddad,2025-06-11,Active,\"1,250.50\",No\r\n"
    "70003,70001,Ines,Vidal,2025-09-30,Inactive,0,No\r\n";
  static const char plain[] =
    "Member ID,Sponsor ID,First Name,Last Name,Join Date\r\n"
    "80001,,Lea,Brandt,2025-02-01\r\n";
  g_autofree char *db_path = g_build_filename (tmp_dir, "month.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (db_path, NULL);
  g_autofree char *monthly_path = g_build_filename (tmp_dir, "monthly.csv", NULL);
  g_autofree char *plain_path = g_build_filename (tmp_dir, "plain.csv", NULL);
  g_autoptr(GFile) monthly_file = g_file_new_for_path (monthly_path);
  g_autoptr(GFile) plain_file = g_file_new_for_path (plain_path);
  DlPeriod last_month = dl_period_of_day (dl_clock_get_today (dl_clock_get_default ())) - 1;
  g_autofree char *expected = NULL;
  g_autofree char *in_month = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *row;
  char iso[8];

  dl_period_format (last_month, iso);
  g_assert_true (g_file_set_contents (monthly_path, monthly, -1, NULL));
  g_assert_true (g_file_set_contents (plain_path, plain, -1, NULL));
  gtk_window_present (GTK_WINDOW (window));

  assistant = dl_import_assistant_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (assistant));
  dl_import_assistant_open_file (assistant, monthly_file);
  g_assert_true (wait_for_step (assistant, "map"));
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  row = find_row (GTK_WIDGET (assistant), "Figures of the Month");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);

  click (assistant, "_Import 3 Members");
  g_assert_true (wait_for_step (assistant, "done"));
  in_month = g_strdup_printf ("SELECT count(*) FROM period_figures WHERE period = '%s'", iso);
  g_assert_cmpint (count (store, in_month), ==, 3);
  g_assert_cmpint (count (store, "SELECT count(*) FROM period_figures f JOIN member m ON m.person_id = f.member_id "
                                 "WHERE m.member_number = '70002' AND f.pv = 1250.5 AND f.autoship = 0"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM period_figures f JOIN member m ON m.person_id = f.member_id "
                                 "WHERE m.member_number = '70003' AND f.status = 'inactive'"), ==, 1);
  {
    g_autofree char *month = dl_day_format_month_long (last_month / 12, last_month % 12 + 1);

    expected = g_strdup_printf ("Kept 3 members’ figures for %s.", month);
  }
  {
    AdwStatusPage *done = ADW_STATUS_PAGE (find_status_page (GTK_WIDGET (assistant), ADW_TYPE_STATUS_PAGE, "Import Complete"));

    g_assert_nonnull (done);
    g_assert_nonnull (strstr (adw_status_page_get_description (done), expected));
  }
  click_closing (assistant, "_Done");

  /* a plain member list: not a monthly export, nothing kept */
  assistant = dl_import_assistant_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (assistant));
  dl_import_assistant_open_file (assistant, plain_file);
  g_assert_true (wait_for_step (assistant, "map"));
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  row = find_row (GTK_WIDGET (assistant), "Figures of the Month");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  click (assistant, "_Import 1 Member");
  g_assert_true (wait_for_step (assistant, "done"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM period_figures"), ==, 3);
  click_closing (assistant, "_Done");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file whose only tree column is "Sponsor": the mapping step asks
 * once what it means; answered "Placement" through the question's own
 * row, the column follows and the import fills the placement table. */
static void
test_sponsor_means_question (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "sponsor-means.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *question;
  AdwPreferencesRow *column;
  AdwPreferencesRow *leg;
  int min = 0;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "real-world/sponsor-only.csv");
  gtk_window_set_default_size (GTK_WINDOW (assistant), 360, 640);
  g_assert_true (dl_test_wait_for (laid_out, assistant));

  question = find_row (GTK_WIDGET (assistant), "The “Sponsor” Column");
  column = find_row (GTK_WIDGET (assistant), "Sponsor");
  leg = find_row (GTK_WIDGET (assistant), "Leg");
  g_assert_true (ADW_IS_COMBO_ROW (question));
  g_assert_true (ADW_IS_COMBO_ROW (column));
  g_assert_true (ADW_IS_COMBO_ROW (leg));
  if (!ADW_IS_COMBO_ROW (question) || !ADW_IS_COMBO_ROW (column) || !ADW_IS_COMBO_ROW (leg))
    {
      gtk_window_destroy (GTK_WINDOW (assistant));
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  /* every field can be chosen for a column, the new ones too */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (leg))), ==, DL_CSV_N_FIELDS);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (leg)), ==, DL_CSV_FIELD_SIDE);

  /* the enroller unless the person says otherwise */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (question)), ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (column)), ==, DL_CSV_FIELD_SPONSOR_NUMBER);

  /* it fits a phone's width */
  gtk_widget_measure (GTK_WIDGET (question), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 336)
    dl_test_print_wide_widgets (GTK_WIDGET (question), 336, 0);
  g_assert_cmpint (min, <=, 336);

  adw_combo_row_set_selected (ADW_COMBO_ROW (question), 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (column)), ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  /* the question stays, answered */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (question)));

  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  click (assistant, "_Import 4 Members");
  g_assert_true (wait_for_step (assistant, "done"));

  g_assert_cmpint (count (store, "SELECT count(*) FROM placement pc JOIN member m ON m.person_id = pc.member_id "
                                 "JOIN member p ON p.person_id = pc.parent_id "
                                 "WHERE m.member_number = '2004' AND p.member_number = '2003' AND pc.side = 'left'"),
                   ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM placement"), ==, 3);
  /* no enroller column: the new members are enrolled by their placement parent */
  g_assert_cmpint (count (store, "SELECT count(*) FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                                 "WHERE m.member_number = '2004' AND s.member_number = '2003'"), ==, 1);
  /* kept for next time */
  g_assert_cmpint (count (store, "SELECT count(*) FROM snapshot WHERE file_name = 'sponsor-only.csv'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (assistant));

  /* next month's file of this layout: the columns as answered, no asking again */
  assistant = open_assistant (window, store, "real-world/sponsor-only.csv");
  g_assert_true (dl_test_wait_for (laid_out, assistant));
  question = find_row (GTK_WIDGET (assistant), "The “Sponsor” Column");
  column = find_row (GTK_WIDGET (assistant), "Sponsor");
  g_assert_true (ADW_IS_COMBO_ROW (column));
  if (ADW_IS_COMBO_ROW (column))
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (column)), ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  if (ADW_IS_COMBO_ROW (question))
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (question)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Beside an "Enroller ID" column the file says what "Sponsor ID" is:
 * no question. */
static void
test_no_sponsor_question (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-question.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "real-world/enroller-and-sponsor.csv");
  g_assert_null (find_row (GTK_WIDGET (assistant), "The “Sponsor"));

  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  click (assistant, "_Import 5 Members");
  g_assert_true (wait_for_step (assistant, "done"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM placement"), ==, 4);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
user_row_gone (gpointer data)
{
  DlImportAssistant *assistant = data;

  return g_str_equal (dl_import_assistant_get_step (assistant), "report")
         && find_button (GTK_WIDGET (assistant), "_That’s Me") == NULL;
}

/* A first import on a new profile: the top of the file is offered as
 * the user, and "That's Me" makes it so before anything is imported. */
static void
test_that_is_me (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "that-is-me.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlProfile) saved = NULL;
  g_autoptr(DlPerson) me = dl_person_new ();
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  gint64 user_id;

  g_assert_no_error (error);
  dl_person_set_first_name (me, "María");
  dl_person_set_last_name (me, "García");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (store, profile, &error));
  user_id = dl_store_get_user_id (store);

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "backoffice-es.csv");
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "Are You María García López (20001)?"));
  /* as one more member under the user, until they say otherwise */
  g_assert_nonnull (find_button (GTK_WIDGET (assistant), "_Import 4 Members"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, 1);
  save_screenshot (GTK_WIDGET (assistant), "transfer-that-is-me.png");

  click (assistant, "_That’s Me");
  g_assert_true (dl_test_wait_for (user_row_gone, assistant));
  saved = dl_store_get_profile (store);
  g_assert_cmpstr (dl_profile_get_member_number (saved), ==, "20001");
  g_string_truncate (labels, 0);
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "3 new members"));

  click (assistant, "_Import 4 Members");
  g_assert_true (wait_for_step (assistant, "done"));
  /* the user's own row filled them in; their recruits are their personal ones */
  g_assert_cmpint (count (store, "SELECT count(*) FROM member"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM member m JOIN profile p ON m.sponsor_id = p.person_id"), ==, 2);
  g_assert_cmpint (dl_store_get_user_id (store), ==, user_id);

  click_closing (assistant, "_Done");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file whose names are only beside the numbers ("800001 (Ana Root)"):
 * the user is offered by that name, not as a blank. */
static void
test_that_is_me_name_in_cell (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "that-is-me-cell.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;

  g_assert_no_error (error);
  dl_person_set_first_name (me, "Ana");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (store, profile, &error));

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "real-world/names-in-member-cells.csv");
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "Are You Ana Root (800001)?"));

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Once the user's number is known, nobody is offered */
static void
test_user_known_no_question (void)
{
  g_autoptr(DlStore) store = sample_store ("user-known.db", 30);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;

  gtk_window_present (GTK_WINDOW (window));
  assistant = open_assistant (window, store, "backoffice-es.csv");
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  g_assert_null (find_button (GTK_WIDGET (assistant), "_That’s Me"));
  click_closing (assistant, "_Cancel");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------ */
/* What the month changed, on the done page                            */

#define MONTHLY_HEADER "Member ID,Sponsor ID,First Name,Last Name,Join Date,Status,PV,Autoship\r\n"

/* Imports path through the assistant over window as the figures of the
 * month chosen in the report (1 last month, 2 the month before); the
 * assistant on its done step. */
static DlImportAssistant *
import_month (GtkWidget  *window,
              DlStore    *store,
              const char *path,
              guint       choice)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  DlImportAssistant *assistant = dl_import_assistant_new (GTK_WINDOW (window), store);
  AdwPreferencesRow *row;

  gtk_window_present (GTK_WINDOW (assistant));
  dl_import_assistant_open_file (assistant, file);
  g_assert_true (wait_for_step (assistant, "map"));
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  row = find_row (GTK_WIDGET (assistant), "Figures of the Month");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  if (ADW_IS_COMBO_ROW (row))
    adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice);
  /* another month is compared again before Import can be pressed */
  g_assert_true (wait_for_plan (assistant));
  click (assistant, "_Import");
  g_assert_true (wait_for_step (assistant, "done"));
  return assistant;
}

static char *
write_month (const char *name,
             const char *rows)
{
  g_autofree char *text = g_strconcat (MONTHLY_HEADER, rows, NULL);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
collect_change_rows (GtkWidget *widget,
                     GString   *out)
{
  if (ADW_IS_EXPANDER_ROW (widget) && gtk_widget_is_visible (widget))
    {
      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_change_rows (c, out);
}

/* The titles of the change rows on the done page, in order, joined by
 * "|". */
static char *
change_rows (DlImportAssistant *assistant)
{
  GtkWidget *events = dl_test_find_descendant (GTK_WIDGET (assistant), DL_TYPE_IMPORT_EVENTS);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (events);
  if (events != NULL)
    collect_change_rows (events, out);
  return g_string_free (out, FALSE);
}

/* What a click or Enter on a row does: the list box activates it. */
static void
activate_row (GtkWidget *row)
{
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  if (GTK_IS_LIST_BOX_ROW (row))
    {
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_true (gtk_widget_activate (row));
    }
}

/* Opens the change row titled title the way a person does, on the row
 * that shows it. */
static GtkWidget *
open_change (DlImportAssistant *assistant,
             const char        *title)
{
  AdwPreferencesRow *expander = find_row (GTK_WIDGET (assistant), title);

  g_assert_true (ADW_IS_EXPANDER_ROW (expander));
  if (!ADW_IS_EXPANDER_ROW (expander))
    return NULL;
  /* the expander's own header row takes the click */
  activate_row (dl_test_find_descendant (GTK_WIDGET (expander), ADW_TYPE_ACTION_ROW));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
  return GTK_WIDGET (expander);
}

/* The rows under widget whose title starts with prefix. */
static guint
count_rows (GtkWidget  *widget,
            const char *prefix)
{
  guint n = 0;

  if (ADW_IS_ACTION_ROW (widget) && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix))
    n++;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_rows (c, prefix);
  return n;
}

static void
set_december_2026 (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 12, 5, 10, 0, 0);

  /* the report offers months counted from today */
  dl_clock_set_now (dl_clock_get_default (), now);
}

static const char october_rows[] =
  "70001,,Mara,Quinn,2025-02-01,Active,120,Yes\r\n"
  "70002,70001,Omar,Haddad,2025-06-11,Active,100,Yes\r\n"
  "70003,70001,Ines,Vidal,2025-09-30,Active,80,No\r\n";
/* Omar cancels his autoship, Ines stops, Noor and Ravi join */
static const char november_rows[] =
  "70001,,Mara,Quinn,2025-02-01,Active,120,Yes\r\n"
  "70002,70001,Omar,Haddad,2025-06-11,Active,100,No\r\n"
  "70003,70001,Ines,Vidal,2025-09-30,Inactive,0,No\r\n"
  "70004,70001,Noor,Aziz,2026-11-12,Active,60,Yes\r\n"
  "70005,70004,Ravi,Menon,2026-11-20,Active,40,No\r\n";

/* October, then November: the first month is the baseline, said, not
 * a list of everyone "joined"; November lists each change with its
 * count, only the ones that happened, their names not read before a
 * row is opened; a December like November has none. */
static void
test_events_after_import (void)
{
  g_autofree char *db_path = g_build_filename (tmp_dir, "events.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (db_path, NULL);
  g_autofree char *october = write_month ("october.csv", october_rows);
  g_autofree char *november = write_month ("november.csv", november_rows);
  g_autofree char *december = write_month ("december.csv", november_rows);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *first_rows = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *last_rows = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  GtkWidget *expander;

  set_december_2026 ();
  gtk_window_present (GTK_WINDOW (window));

  assistant = import_month (window, store, october, 2);
  first_rows = change_rows (assistant);
  g_assert_cmpstr (first_rows, ==, "");
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "|No figures of September 2026 to compare with: "
                                         "from next month’s import on, the changes show here.|"));
  click_closing (assistant, "_Done");

  assistant = import_month (window, store, november, 1);
  rows = change_rows (assistant);
  g_assert_cmpstr (rows, ==, "2 joined|1 became inactive|1 cancelled autoship");
  g_string_truncate (labels, 0);
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "|Changes Since October 2026|"));
  /* the names wait for their row to open */
  g_assert_null (find_row (GTK_WIDGET (assistant), "Omar Haddad"));
  expander = open_change (assistant, "1 cancelled autoship");
  g_assert_nonnull (expander);
  if (expander != NULL)
    {
      g_assert_cmpuint (count_rows (expander, "Omar Haddad"), ==, 1);
      g_assert_cmpuint (count_rows (expander, "Ines Vidal"), ==, 0);
    }
  save_screenshot (GTK_WIDGET (assistant), "transfer-events.png");
  click_closing (assistant, "_Done");

  assistant = import_month (window, store, december, 13);
  last_rows = change_rows (assistant);
  g_assert_cmpstr (last_rows, ==, "");
  g_string_truncate (labels, 0);
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "|No changes since November 2026.|"));
  click_closing (assistant, "_Done");

  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_show_person_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  GVariant **shown = data;

  g_clear_pointer (shown, g_variant_unref);
  *shown = g_variant_ref (parameter);
}

/* A person of a change, activated: the window is asked to show them in
 * its Downline view, and the list stays as it was, open on their row,
 * with the window below usable beside it (no longer modal), so the next
 * person of the list is one click away. */
static void
test_events_show_person (void)
{
  g_autofree char *db_path = g_build_filename (tmp_dir, "events-person.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (db_path, NULL);
  g_autofree char *october = write_month ("october.csv", october_rows);
  g_autofree char *november = write_month ("november.csv", november_rows);
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) show = g_simple_action_new ("show-person", G_VARIANT_TYPE ("(xs)"));
  g_autoptr(GVariant) shown = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *omar;
  GtkWidget *expander;
  gint64 omar_id;

  /* DlWindow's action, as the assistant reaches it on its parent */
  g_signal_connect (show, "activate", G_CALLBACK (on_show_person_cb), &shown);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (show));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (win));

  set_december_2026 ();
  gtk_window_present (GTK_WINDOW (window));
  assistant = import_month (window, store, october, 2);
  click_closing (assistant, "_Done");
  assistant = import_month (window, store, november, 1);
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  omar_id = count (store, "SELECT person_id FROM member WHERE member_number = '70002'");

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (assistant)) == FALSE);
  expander = open_change (assistant, "1 cancelled autoship");
  g_assert_nonnull (expander);
  omar = find_row (GTK_WIDGET (assistant), "Omar Haddad");
  g_assert_nonnull (omar);
  g_assert_null (shown);
  if (omar != NULL)
    activate_row (GTK_WIDGET (omar));
  g_assert_true (dl_test_wait_for (pointer_set, &shown));

  g_assert_nonnull (shown);
  if (shown != NULL)
    {
      gint64 id;
      const char *view;

      g_variant_get (shown, "(x&s)", &id, &view);
      g_assert_cmpint (id, ==, omar_id);
      g_assert_cmpstr (view, ==, "downline");
    }
  /* the list is still there, as it was */
  g_assert_nonnull (assistant);
  if (assistant != NULL)
    {
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (assistant)));
      g_assert_cmpstr (dl_import_assistant_get_step (assistant), ==, "done");
      if (expander != NULL)
        g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)));
      g_assert_true (find_row (GTK_WIDGET (assistant), "Omar Haddad") == omar);
      /* where to find it again, once closed */
      g_string_truncate (labels, 0);
      dl_test_collect_labels (GTK_WIDGET (assistant), labels);
      g_assert_nonnull (strstr (labels->str, "|These changes stay in Monthly Changes, in the main menu.|"));
      click (assistant, "_Done");
      g_assert_true (dl_test_wait_for (dl_test_pointer_cleared, &assistant));
    }
  g_assert_null (assistant);

  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

#define RANKED_HEADER "Member ID,Sponsor ID,First Name,Last Name,Join Date,Paid Rank,Status,PV,Autoship\r\n"

static const char ranked_october_rows[] =
  "71001,,Dana,Root,2024-01-10,Gold,Active,200,Yes\r\n"
  "71002,71001,Leo,Park,2024-09-14,Silver,Active,130,Yes\r\n"
  "71003,71001,Mia,Chen,2025-02-11,Bronze,Active,100,Yes\r\n"
  "71004,71001,Sam,Ortiz,2025-04-30,Member,Active,80,Yes\r\n"
  "71005,71001,Cara,Bell,2024-05-19,Bronze,Active,110,Yes\r\n";
/* Leo is paid at Bronze, Cara at Silver; Mia cancels her autoship and
 * leaves, and is paid at no higher rank; Sam cancels his autoship */
static const char ranked_november_rows[] =
  "71001,,Dana,Root,2024-01-10,Gold,Active,200,Yes\r\n"
  "71002,71001,Leo,Park,2024-09-14,Bronze,Active,95,Yes\r\n"
  "71003,71001,Mia,Chen,2025-02-11,Member,Terminated,0,No\r\n"
  "71004,71001,Sam,Ortiz,2025-04-30,Member,Active,80,No\r\n"
  "71005,71001,Cara,Bell,2024-05-19,Silver,Active,120,Yes\r\n";

static char *
write_ranked_month (const char *name,
                    const char *rows)
{
  g_autofree char *text = g_strconcat (RANKED_HEADER, rows, NULL);
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* October and November of a file with the paid rank, through the
 * assistant; the assistant on November's done page. */
static DlImportAssistant *
import_ranked_months (GtkWidget  *window,
                      const char *db_name,
                      DlStore   **store_out)
{
  g_autofree char *db_path = g_build_filename (tmp_dir, db_name, NULL);
  g_autofree char *october = write_ranked_month ("ranked-october.csv", ranked_october_rows);
  g_autofree char *november = write_ranked_month ("ranked-november.csv", ranked_november_rows);
  DlStore *store = dl_store_open (db_path, NULL);
  DlImportAssistant *assistant;

  set_december_2026 ();
  assistant = import_month (window, store, october, 2);
  click_closing (assistant, "_Done");
  *store_out = store;
  return import_month (window, store, november, 1);
}

/* A rank change says from which rank to which, beside the name: a count
 * of "1 dropped a rank" does not say how far. */
static void
test_events_rank_change (void)
{
  g_autoptr(DlStore) store = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *row;

  gtk_window_present (GTK_WINDOW (window));
  assistant = import_ranked_months (window, "events-rank.db", &store);

  g_assert_nonnull (open_change (assistant, "1 dropped a rank"));
  row = find_row (GTK_WIDGET (assistant), "Leo Park");
  g_assert_nonnull (row);
  if (row != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Silver → Bronze · 71002");
  g_assert_nonnull (open_change (assistant, "1 reached a higher rank"));
  row = find_row (GTK_WIDGET (assistant), "Cara Bell");
  g_assert_nonnull (row);
  if (row != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Bronze → Silver · 71005");
  /* elsewhere the number alone, as before */
  g_assert_nonnull (open_change (assistant, "1 cancelled autoship"));
  row = find_row (GTK_WIDGET (assistant), "Sam Ortiz");
  g_assert_nonnull (row);
  if (row != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "71004");

  save_screenshot (GTK_WIDGET (assistant), "transfer-events-ranks.png");
  click_closing (assistant, "_Done");
  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* One who cancelled autoship and left is one person who left: counted
 * and listed once, under "left", with the autoship as part of it; the
 * autoship row counts only Sam, who is still there. */
static void
test_events_left_once (void)
{
  g_autoptr(DlStore) store = NULL;
  g_autofree char *rows = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *row;
  GtkWidget *expander;

  gtk_window_present (GTK_WINDOW (window));
  assistant = import_ranked_months (window, "events-left.db", &store);

  rows = change_rows (assistant);
  g_assert_cmpstr (rows, ==, "1 left the business|1 reached a higher rank|1 dropped a rank|1 cancelled autoship");

  g_assert_nonnull (open_change (assistant, "1 left the business"));
  row = find_row (GTK_WIDGET (assistant), "Mia Chen");
  g_assert_nonnull (row);
  if (row != NULL)
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                     "Also dropped a rank and cancelled autoship · 71003");
  expander = open_change (assistant, "1 cancelled autoship");
  g_assert_nonnull (expander);
  if (expander != NULL)
    {
      g_assert_cmpuint (count_rows (expander, "Sam Ortiz"), ==, 1);
      g_assert_cmpuint (count_rows (expander, "Mia Chen"), ==, 0);
    }
  expander = open_change (assistant, "1 dropped a rank");
  g_assert_nonnull (expander);
  if (expander != NULL)
    {
      g_assert_cmpuint (count_rows (expander, "Leo Park"), ==, 1);
      g_assert_cmpuint (count_rows (expander, "Mia Chen"), ==, 0);
    }

  click_closing (assistant, "_Done");
  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A month that changes 250 members' PV: the report's list of changes
 * shows the first 200 and says how many more there are. */
static void
test_changes_long_list (void)
{
  g_autofree char *db_path = g_build_filename (tmp_dir, "changes-long.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (db_path, NULL);
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *october = NULL;
  g_autofree char *november = NULL;
  g_autoptr(GFile) file = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *changes;

  for (guint i = 1; i <= 250; i++)
    {
      g_string_append_printf (before, "%u,,Pat,Lee%03u,2025-02-01,Active,100,Yes\r\n", 80000 + i, i);
      g_string_append_printf (after, "%u,,Pat,Lee%03u,2025-02-01,Active,120,Yes\r\n", 80000 + i, i);
    }
  october = write_month ("changes-october.csv", before->str);
  november = write_month ("changes-november.csv", after->str);
  file = g_file_new_for_path (november);

  set_december_2026 ();
  gtk_window_present (GTK_WINDOW (window));
  assistant = import_month (window, store, october, 2);
  click_closing (assistant, "_Done");

  assistant = open_report (window, store, file);

  changes = find_row (GTK_WIDGET (assistant), "250 members change");
  g_assert_true (ADW_IS_EXPANDER_ROW (changes));
  if (!ADW_IS_EXPANDER_ROW (changes))
    return;
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (changes), TRUE);
  g_assert_cmpuint (count_rows (GTK_WIDGET (changes), "80"), ==, 200);
  g_assert_nonnull (find_row (GTK_WIDGET (changes), "80001 Pat Lee001: PV 100 → 120"));
  g_assert_nonnull (find_row (GTK_WIDGET (changes), "80200 Pat Lee200: PV 100 → 120"));
  g_assert_null (find_row (GTK_WIDGET (changes), "80201 Pat Lee201"));
  g_assert_nonnull (find_row (GTK_WIDGET (changes), "…and 50 more"));

  gtk_window_destroy (GTK_WINDOW (assistant));
  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 120 cancel their autoship: 50 names, then a row that brings the next
 * ones, until all are there; the keyboard lands on the first new one. */
static void
test_events_long_list (void)
{
  g_autofree char *db_path = g_build_filename (tmp_dir, "events-long.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (db_path, NULL);
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autofree char *october = NULL;
  g_autofree char *november = NULL;
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  GtkWidget *expander;
  AdwPreferencesRow *more;

  for (guint i = 1; i <= 120; i++)
    {
      g_string_append_printf (before, "%u,,Pat,Lee%03u,2025-02-01,Active,100,Yes\r\n", 80000 + i, i);
      g_string_append_printf (after, "%u,,Pat,Lee%03u,2025-02-01,Active,100,No\r\n", 80000 + i, i);
    }
  october = write_month ("long-october.csv", before->str);
  november = write_month ("long-november.csv", after->str);

  set_december_2026 ();
  gtk_window_present (GTK_WINDOW (window));
  assistant = import_month (window, store, october, 2);
  click_closing (assistant, "_Done");
  assistant = import_month (window, store, november, 1);

  expander = open_change (assistant, "120 cancelled autoship");
  g_assert_nonnull (expander);
  if (expander == NULL)
    return;
  g_assert_cmpuint (count_rows (expander, "Pat Lee"), ==, 50);
  g_assert_nonnull (find_row (expander, "Pat Lee050"));
  g_assert_null (find_row (expander, "Pat Lee051"));
  more = find_row (expander, "…and 70 more");
  g_assert_nonnull (more);
  if (more != NULL)
    activate_row (GTK_WIDGET (more));
  g_assert_cmpuint (count_rows (expander, "Pat Lee"), ==, 100);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (assistant)) == GTK_WIDGET (find_row (expander, "Pat Lee051")));

  more = find_row (expander, "…and 20 more");
  g_assert_nonnull (more);
  if (more != NULL)
    activate_row (GTK_WIDGET (more));
  g_assert_cmpuint (count_rows (expander, "Pat Lee"), ==, 120);
  g_assert_null (find_row (expander, "…and"));

  click_closing (assistant, "_Done");
  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The report of next month's export compares its figures too: one whose
 * paid rank, PV or autoship changed is not "the same", and the earlier
 * import is named by its month, as the person knows their exports,
 * not by the day it was made.  Another month chosen compares again. */
static void
test_report_figures_changed (void)
{
  g_autofree char *db_path = g_build_filename (tmp_dir, "report-figures.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (db_path, NULL);
  g_autofree char *october = write_ranked_month ("figures-october.csv", ranked_october_rows);
  g_autofree char *november = write_ranked_month ("figures-november.csv", ranked_november_rows);
  g_autoptr(GFile) file = g_file_new_for_path (november);
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *window = gtk_window_new ();
  DlImportAssistant *assistant;
  AdwPreferencesRow *row;

  set_december_2026 ();
  gtk_window_present (GTK_WINDOW (window));
  assistant = import_month (window, store, october, 2);
  click_closing (assistant, "_Done");

  assistant = dl_import_assistant_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (assistant));
  dl_import_assistant_open_file (assistant, file);
  g_assert_true (wait_for_step (assistant, "map"));
  dl_test_collect_labels (GTK_WIDGET (assistant), labels);
  g_assert_nonnull (strstr (labels->str, "\nThe columns as in the October 2026 export, a file laid out the same way|"));
  click (assistant, "_Next");
  g_assert_true (wait_for_step (assistant, "report"));
  g_assert_true (wait_for_plan (assistant));

  /* Dana alone is as she was */
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "1 member is the same as in the October 2026 export"));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "4 members change"));
  /* the one rank column is the paid rank: said once */
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "71002 Leo Park: rank Silver → Bronze"));
  g_assert_null (find_row (GTK_WIDGET (assistant), "71002 Leo Park: paid rank"));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "71002 Leo Park: PV 130 → 95"));
  g_assert_nonnull (find_row (GTK_WIDGET (assistant), "71004 Sam Ortiz: autoship cancelled"));
  save_screenshot (GTK_WIDGET (assistant), "transfer-report-figures.png");

  /* not a month's export: no figures are kept, none compared, and
   * Sam, whose autoship alone changed, is the same */
  row = find_row (GTK_WIDGET (assistant), "Figures of the Month");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  if (ADW_IS_COMBO_ROW (row))
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
      g_assert_true (wait_for_plan (assistant));
      g_assert_nonnull (find_row (GTK_WIDGET (assistant), "2 members are the same"));
      g_assert_null (find_row (GTK_WIDGET (assistant), "71004 Sam Ortiz: autoship cancelled"));
      /* and back */
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
      g_assert_true (wait_for_plan (assistant));
      g_assert_nonnull (find_row (GTK_WIDGET (assistant), "1 member is the same as in the October 2026 export"));
    }

  click (assistant, "_Import 5 Members");
  g_assert_true (wait_for_step (assistant, "done"));
  g_assert_cmpint (count (store, "SELECT count(*) FROM period_figures WHERE period = '2026-11'"), ==, 5);
  click_closing (assistant, "_Done");
  dl_clock_set_now (dl_clock_get_default (), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
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
  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  /* structured warnings bypass that handler: keep criticals fatal only */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  tmp_dir = g_dir_make_tmp ("downline-test-assistant-XXXXXX", &error);
  g_assert_no_error (error);

  app = dl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  /* the steps change at once rather than slide: under the sanitizers a
   * slide's frames came so slowly that waiting for one to end took more
   * than ten seconds */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/import-assistant/menu-actions", test_menu_actions);
  g_test_add_func ("/import-assistant/rejected-rows", test_import_with_rejected_rows);
  g_test_add_func ("/import-assistant/ambiguous-dates", test_ambiguous_dates_ask);
  g_test_add_func ("/import-assistant/cancel", test_cancel);
  g_test_add_func ("/import-assistant/reimport-summary", test_reimport_summary);
  g_test_add_func ("/import-assistant/backups-kept", test_backups_kept);
  g_test_add_func ("/import-assistant/shortcuts", test_shortcuts);
  g_test_add_func ("/import-assistant/vcard-progress", test_vcard_import_progress);
  g_test_add_func ("/import-assistant/unread-date-column", test_unread_date_column);
  g_test_add_func ("/import-assistant/welcomed-already", test_welcomed_already);
  g_test_add_func ("/import-assistant/figures-of-the-month", test_figures_of_the_month);
  g_test_add_func ("/import-assistant/sponsor-means-question", test_sponsor_means_question);
  g_test_add_func ("/import-assistant/no-sponsor-question", test_no_sponsor_question);
  g_test_add_func ("/import-assistant/that-is-me", test_that_is_me);
  g_test_add_func ("/import-assistant/that-is-me-name-in-cell", test_that_is_me_name_in_cell);
  g_test_add_func ("/import-assistant/user-known-no-question", test_user_known_no_question);
  g_test_add_func ("/import-assistant/events-after-import", test_events_after_import);
  g_test_add_func ("/import-assistant/events-show-person", test_events_show_person);
  g_test_add_func ("/import-assistant/events-long-list", test_events_long_list);
  g_test_add_func ("/import-assistant/changes-long-list", test_changes_long_list);
  g_test_add_func ("/import-assistant/events-rank-change", test_events_rank_change);
  g_test_add_func ("/import-assistant/events-left-once", test_events_left_once);
  g_test_add_func ("/import-assistant/report-figures-changed", test_report_figures_changed);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

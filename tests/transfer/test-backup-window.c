/* test-backup-window.c — what a person sees of the daily backup: a
 * damaged database says so at once and offers the newest sound backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-export.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-transfer-actions.h"
#include "../dl-test-damage.h"
#include "../dl-test-files.h"

static char *tmp_dir;

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The first toplevel of type whose title is title, or NULL. */
static GtkWindow *
find_toplevel (GType       type,
               const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!G_TYPE_CHECK_INSTANCE_TYPE (window, type) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      if (title == NULL ||
          (ADW_IS_MESSAGE_DIALOG (window) &&
           g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), title) == 0) ||
          g_strcmp0 (gtk_window_get_title (window), title) == 0)
        return window;
    }

  return NULL;
}

/* Runs the main loop until such a toplevel shows, or for seconds. */
static GtkWindow *
wait_for_toplevel (GType       type,
                   const char *title,
                   guint       seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);
  GtkWindow *window;

  while ((window = find_toplevel (type, title)) == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return window;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static DlStore *
make_business (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 300, 5, dl_day_from_ymd (2026, 11, 1), NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
close_windows (void)
{
  GtkWindow *window;

  while ((window = find_toplevel (GTK_TYPE_WINDOW, NULL)) != NULL)
    gtk_window_destroy (window);
}

/* Yesterday's backup is sound; today the database is found damaged
 * (a large file's check runs after opening): the window says so, names
 * yesterday's backup, and one click opens Restore From Backup. */
static void
test_damaged_offers_backup (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "damaged.db", NULL);
  g_autofree char *dir = dl_transfer_get_daily_backup_dir ();
  g_autoptr(DlStore) store = make_business (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *good_name = NULL;
  GtkWindow *window;
  GtkWindow *dialog;
  GtkWidget *restore;

  g_assert_true (dl_store_backup_daily (store, dir, 7, dl_day_today () - 1, NULL, &error));
  g_assert_no_error (error);
  good = dl_store_find_good_backup (dir);
  g_assert_nonnull (good);
  good_name = g_path_get_basename (good);
  g_clear_object (&store);

  damage_middle_page (path);
  dl_store_set_sync_check_limit (0);
  store = dl_store_open (path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (window);
  dl_transfer_actions_install (window, store, NULL, path);

  dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG, "Your Database Is Damaged", 60);
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), good_name));
  /* nothing was rotated away, and no damaged copy was kept */
  {
    g_autofree char *still = dl_store_find_good_backup (dir);

    g_assert_cmpstr (still, ==, good);
  }

  restore = find_button (GTK_WIDGET (dialog), "_Restore From Backup…");
  g_assert_nonnull (restore);
  if (restore == NULL)
    return;
  gtk_widget_activate (restore);
  g_assert_nonnull (wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG, "Restore From Backup", 30));

  close_windows ();
}

/* A sound database makes today's backup and shows nothing. */
static void
test_sound_makes_backup (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "sound.db", NULL);
  g_autofree char *dir = dl_transfer_get_daily_backup_dir ();
  g_autoptr(DlStore) store = make_business (path);
  g_autofree char *expected = NULL;
  g_autofree char *found = NULL;
  char iso[16];
  GtkWindow *window;
  gboolean done = FALSE;
  guint id;

  dl_test_remove_tree (dir);
  dl_day_format_iso (dl_day_today (), iso);
  expected = g_strdup_printf ("%s/downline-%s.db", dir, iso);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (window);
  dl_transfer_actions_install (window, store, NULL, path);

  id = g_timeout_add_seconds (60, timeout_cb, &done);
  while (!done && (found = dl_store_find_good_backup (dir)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!done)
    g_source_remove (id);
  g_assert_cmpstr (found, ==, expected);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, NULL));

  close_windows ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-backup-window-XXXXXX", &error);
  g_assert_no_error (error);
  /* the daily backups go under the data folder: a private one */
  data_home = g_build_filename (tmp_dir, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_init ();
  adw_init ();

  g_test_add_func ("/backup-window/damaged-offers-backup", test_damaged_offers_backup);
  g_test_add_func ("/backup-window/sound-makes-backup", test_sound_makes_backup);

  status = g_test_run ();
  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* test-i18n.c — the app speaks Spanish when asked to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "dl-application.h"
#include "dl-store.h"
#include "dl-window.h"
#include "../dl-test-widgets.h"

static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

static gboolean
welcome_shown (gpointer window)
{
  return find_label (window, "Bienvenido a Downline");
}

static void
test_spanish_window (void)
{
  g_autoptr(DlApplication) app = dl_application_new ();
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("downline-test-i18n-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "es.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  AdwViewStack *stack;
  DlWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  /* no notification server on the test bus; see test-window */
  g_settings_set_boolean (dl_application_get_settings (app), "notifications-enabled", FALSE);

  store = dl_store_open (path, &error);
  g_assert_no_error (error);

  window = dl_window_new (app, store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (welcome_shown, window));

  /* the first-run page, from a template */
  g_assert_true (find_label (GTK_WIDGET (window), "Bienvenido a Downline"));
  g_assert_false (find_label (GTK_WIDGET (window), "Welcome to Downline"));

  /* the view titles, and the default stages written by the store */
  stack = NULL;
  {
    GtkSelectionModel *pages;
    GtkWidget *w = GTK_WIDGET (window);
    GQueue queue = G_QUEUE_INIT;

    g_queue_push_tail (&queue, w);
    while ((w = g_queue_pop_head (&queue)) != NULL)
      {
        if (ADW_IS_VIEW_STACK (w))
          {
            stack = ADW_VIEW_STACK (w);
            break;
          }
        for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
          g_queue_push_tail (&queue, c);
      }
    g_queue_clear (&queue);
    g_assert_nonnull (stack);

    pages = adw_view_stack_get_pages (stack);
    {
      g_autoptr(AdwViewStackPage) today = g_list_model_get_item (G_LIST_MODEL (pages), 0);
      g_autoptr(AdwViewStackPage) letters = g_list_model_get_item (G_LIST_MODEL (pages), 3);

      g_assert_cmpstr (adw_view_stack_page_get_title (today), ==, "Hoy");
      g_assert_cmpstr (adw_view_stack_page_get_title (letters), ==, "Cartas");
    }
    g_object_unref (pages);
  }

  {
    g_autoptr(GListModel) stages = dl_store_get_stages (store);
    g_autoptr(DlStage) first = g_list_model_get_item (stages, 0);

    g_assert_cmpstr (dl_stage_get_name (first), ==, "Nuevo contacto");
  }

  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* as a person whose desktop is in Spanish would start it */
  g_setenv ("LANGUAGE", "es", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/i18n/spanish-window", test_spanish_window);

  return g_test_run ();
}

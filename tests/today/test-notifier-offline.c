/* test-notifier-offline.c — no notification server, or no session bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built twice: with NO_BUS the session bus address points nowhere; without
 * it a private bus runs with no notification server on it.  Either way
 * the app keeps working: one warning (GTest makes any second one fatal),
 * no critical, "available" turns FALSE and the Today view shows its
 * banner; logging from Today still works.
 */

#include "config.h"

#include <adwaita.h>

#include "downline-resources.h"
#include "dl-notifier.h"
#include "dl-today-view.h"
#include "private-bus.h"
#include "today-fixture.h"

static void
test_offline (TodayFixture  *f,
              gconstpointer  data)
{
  g_autoptr(DlNotifier) notifier = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *window;
  GtkWidget *view;

  today_add_member (f, "Bea", f->user, 200, 20);
  today_add_member (f, "Cal", f->user, 200, 30);

  notifier = dl_notifier_get_for_store (f->store);
  g_test_expect_message ("dl-notifier", G_LOG_LEVEL_WARNING, "*notifications are not available*");
  dl_notifier_start (notifier, 0);
  /* once the plan is worked out, in a thread */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while ((!dl_today_model_is_current (dl_notifier_get_model (notifier)) || g_main_context_pending (NULL))
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
  }
  g_test_assert_expected_messages ();
  g_assert_false (dl_notifier_get_available (notifier));

  /* trying again later warns no more, and still sends nothing */
  g_settings_reset (settings, "notified");
  g_assert_cmpuint (dl_notifier_notify_due (notifier), ==, 0);

  /* the view shares the store's notifier and shows the banner instead */
  view = dl_today_view_new (f->store);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_today_view_get_banner_visible (DL_TODAY_VIEW (view)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dl_today_view_get_model (DL_TODAY_VIEW (view)))), ==, 2);
  gtk_widget_activate_action (view, "today.dismiss-banner", NULL);
  g_assert_false (dl_today_view_get_banner_visible (DL_TODAY_VIEW (view)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  GSubprocess *daemon = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
#ifdef NO_BUS
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/downline-test-bus", TRUE);
#else
  daemon = private_bus_up ();
#endif
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  downline_register_resource ();
  g_test_set_nonfatal_assertions ();

  g_test_add ("/today/notifier/offline", TodayFixture, NULL,
              today_fixture_set_up, test_offline, today_fixture_tear_down);

  status = g_test_run ();
  if (daemon != NULL)
    private_bus_down (daemon);
  return status;
}

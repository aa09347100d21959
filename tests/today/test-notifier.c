/* test-notifier.c — reminders through a real D-Bus notification server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A private session bus (private-bus.h) with python3-dbusmock's
 * notification_daemon template on it: every Notify call is logged by the
 * mock and read back with its GetCalls method; ActionInvoked is emitted
 * through the mock as a notification server would, and the test checks
 * that the contact is logged or the check-in snoozed in the real store.
 */

#include "config.h"

#include <gio/gio.h>

#include "dl-notifier.h"
#include "dl-today-actions.h"
#include "private-bus.h"
#include "today-fixture.h"

#define BUS_NAME "org.freedesktop.Notifications"
#define OBJ_PATH "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

static GDBusConnection *bus;
/* the mock numbers notifications 1, 2, … over its whole life */
static guint32 notify_calls_seen;

typedef struct
{
  char     *summary;
  char     *body;
  char     *icon;
  char     *app_name;
  GStrv     actions;
  GVariant *hints;
  guint32   id;
} NotifyCall;

static void
notify_call_free (NotifyCall *call)
{
  g_free (call->summary);
  g_free (call->body);
  g_free (call->icon);
  g_free (call->app_name);
  g_strfreev (call->actions);
  g_clear_pointer (&call->hints, g_variant_unref);
  g_free (call);
}

static GVariant *
mock_call (const char *method,
           GVariant   *args)
{
  g_autoptr(GError) error = NULL;
  GVariant *ret = g_dbus_connection_call_sync (bus, BUS_NAME, OBJ_PATH, MOCK_IFACE, method, args,
                                               NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);

  g_assert_no_error (error);
  return ret;
}

/* The Notify calls since the last ClearCalls, and clears them. */
static GPtrArray *
take_notify_calls (void)
{
  g_autoptr(GVariant) ret = mock_call ("GetCalls", NULL);
  g_autoptr(GVariant) calls = g_variant_get_child_value (ret, 0);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) notify_call_free);
  GVariantIter iter;
  const char *method;
  GVariant *args;
  guint64 stamp;

  g_variant_iter_init (&iter, calls);
  while (g_variant_iter_next (&iter, "(t&s@av)", &stamp, &method, &args))
    {
      if (g_str_equal (method, "Notify"))
        {
          NotifyCall *call = g_new0 (NotifyCall, 1);
          g_autoptr(GVariant) v = NULL;

#define ARG(i) (g_variant_get_variant (g_variant_get_child_value (args, i)))
          v = ARG (0); call->app_name = g_variant_dup_string (v, NULL); g_clear_pointer (&v, g_variant_unref);
          v = ARG (2); call->icon = g_variant_dup_string (v, NULL); g_clear_pointer (&v, g_variant_unref);
          v = ARG (3); call->summary = g_variant_dup_string (v, NULL); g_clear_pointer (&v, g_variant_unref);
          v = ARG (4); call->body = g_variant_dup_string (v, NULL); g_clear_pointer (&v, g_variant_unref);
          v = ARG (5); call->actions = g_variant_dup_strv (v, NULL); g_clear_pointer (&v, g_variant_unref);
          call->hints = ARG (6);
#undef ARG
          call->id = ++notify_calls_seen;
          g_ptr_array_add (out, call);
        }
      g_variant_unref (args);
    }
  g_variant_unref (mock_call ("ClearCalls", NULL));
  return out;
}

/* How many Notify calls the mock has logged since the last ClearCalls,
 * without clearing them: GetCalls and ClearCalls are two calls, and a
 * notification sent between them by another process would be lost. */
static guint
count_notify_calls (void)
{
  g_autoptr(GVariant) ret = mock_call ("GetCalls", NULL);
  g_autoptr(GVariant) calls = g_variant_get_child_value (ret, 0);
  GVariantIter iter;
  const char *method;
  guint n = 0;

  g_variant_iter_init (&iter, calls);
  while (g_variant_iter_next (&iter, "(t&s@av)", NULL, &method, NULL))
    if (g_str_equal (method, "Notify"))
      n++;
  return n;
}

static void
emit_action (guint32     id,
             const char *action)
{
  GVariantBuilder args;

  g_variant_builder_init (&args, G_VARIANT_TYPE ("av"));
  g_variant_builder_add (&args, "v", g_variant_new_uint32 (id));
  g_variant_builder_add (&args, "v", g_variant_new_string (action));
  g_variant_unref (mock_call ("EmitSignal", g_variant_new ("(sssav)", BUS_NAME, "ActionInvoked", "us", &args)));
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static gboolean
plan_is_current (gpointer data)
{
  return dl_today_model_is_current (dl_notifier_get_model (data));
}

/* The timers notify from the plan of now, worked out in a thread: until
 * it is shown, and what it sends with it. */
static void
wait_planned (DlNotifier *notifier)
{
  spin_until (plan_is_current, notifier);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The test's clock */
static GDateTime *fake_now;

static GDateTime *
fake_clock (gpointer user_data)
{
  return g_date_time_ref (fake_now);
}

static void
set_clock (DlDay day,
           int   hour,
           int   minute)
{
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  g_clear_pointer (&fake_now, g_date_time_unref);
  fake_now = g_date_time_new_local (y, m, d, hour, minute, 0);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "notified");
  g_settings_reset (settings, "notifications-enabled");
  g_settings_reset (settings, "reminder-minutes");
  g_ptr_array_unref (take_notify_calls ());
}

static const NotifyCall *
find_call (GPtrArray  *calls,
           const char *summary)
{
  for (guint i = 0; i < calls->len; i++)
    if (g_str_equal (((NotifyCall *) g_ptr_array_index (calls, i))->summary, summary))
      return g_ptr_array_index (calls, i);
  return NULL;
}

typedef struct
{
  DlStore *store;
  gint64   person;
  guint    n;
} LogWait;

static gboolean
log_has_n (gpointer data)
{
  LogWait *w = data;
  g_autoptr(GListModel) log = dl_store_get_interactions (w->store, w->person);

  return g_list_model_get_n_items (log) == w->n;
}

static gboolean
member_snoozed (gpointer data)
{
  LogWait *w = data;
  g_autoptr(DlMember) member = dl_store_get_member (w->store, w->person);

  return dl_member_get_snoozed_until (member) != DL_DAY_NONE;
}

static void
test_single (TodayFixture  *f,
             gconstpointer  data)
{
  g_autoptr(DlNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  const char *expected_actions[] = { "log", "Log Contact", "snooze", "Snooze 1 Day",
                                     "open", "Open", "default", "Open", NULL };
  const NotifyCall *bea, *dan;
  guint32 bea_notification, dan_notification;
  gint64 bea_id, dan_id;
  guint8 urgency;
  const char *entry;
  LogWait wait;

  reset_settings ();
  bea_id = today_add_member (f, "Bea", f->user, 200, 20);
  dan_id = today_add_member (f, "Dan <b>", f->user, 0, -1);
  today_add_member (f, "Eli", f->user, 300, 3);   /* not due */

  notifier = dl_notifier_new (f->store);
  set_clock (f->today, 10, 0);
  dl_notifier_set_clock (notifier, fake_clock, NULL);
  dl_notifier_start (notifier, 0);
  /* the catch-up waits for the plan, worked out off the window's
   * thread, rather than reading the downline there */
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_false (dl_today_model_is_current (dl_notifier_get_model (notifier)));
  g_clear_pointer (&calls, g_ptr_array_unref);
  wait_planned (notifier);

  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 2);
  bea = find_call (calls, "Bea Test");
  dan = find_call (calls, "Dan <b> Test");
  g_assert_nonnull (bea);
  g_assert_nonnull (dan);
  if (bea == NULL || dan == NULL)
    return;

  /* the reason says why and why now, as in the plan */
  g_assert_cmpstr (bea->body, ==, "Check-in 6 days late — last contact 20 days ago, every 14 days");
  /* a name is text, never markup, whatever the server makes of the body */
  g_assert_cmpstr (dan->body, ==, "Joined today — welcome them within 72 hours (3 days left)");
  g_assert_cmpstr (bea->icon, ==, APP_ID);
  g_assert_cmpstr (bea->app_name, ==, "Downline");
  g_assert_cmpstrv (bea->actions, expected_actions);
  g_assert_true (g_variant_lookup (bea->hints, "desktop-entry", "&s", &entry));
  g_assert_cmpstr (entry, ==, APP_ID);
  g_assert_true (g_variant_lookup (bea->hints, "urgency", "y", &urgency));
  /* reminders are routine: normal urgency, never critical for a risk */
  g_assert_cmpuint (urgency, ==, 1);
  g_assert_true (dl_notifier_get_available (notifier));
  bea_notification = bea->id;
  dan_notification = dan->id;

  /* never twice a day: not again at start-up, nor at the reminder time */
  g_assert_cmpuint (dl_notifier_notify_due (notifier), ==, 0);
  dl_notifier_check_now (notifier);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);

  /* "Log Contact" on Bea's notification logs a contact */
  emit_action (bea_notification, "log");
  wait = (LogWait) { f->store, bea_id, 2 };
  spin_until (log_has_n, &wait);

  /* "Snooze 1 Day" on Dan's snoozes him until tomorrow */
  emit_action (dan_notification, "snooze");
  wait = (LogWait) { f->store, dan_id, 0 };
  spin_until (member_snoozed, &wait);
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, dan_id);

    g_assert_cmpint (dl_member_get_snoozed_until (member), ==, dl_day_today () + 1);
  }
}

static void
on_open_person_cb (DlNotifier *notifier,
                   gint64      person_id,
                   gpointer    user_data)
{
  *(gint64 *) user_data = person_id;
}

static gboolean
opened (gpointer data)
{
  return *(gint64 *) data != -1;
}

static void
test_digest (TodayFixture  *f,
             gconstpointer  data)
{
  g_autoptr(DlNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  const char *expected_actions[] = { "open", "Open", "default", "Open", NULL };
  const NotifyCall *call;
  gint64 opened_id = -1;

  reset_settings ();
  /* overdue by 13, 10, 6 and 2 days, then one due today (16 days late
   * would have expired into the catch-up line) */
  today_add_member (f, "Ana", f->user, 300, 27);
  today_add_member (f, "Ben", f->user, 300, 24);
  today_add_member (f, "Cy", f->user, 300, 20);
  today_add_member (f, "Di", f->user, 300, 16);
  today_add_member (f, "Ed", f->user, 300, 14);

  notifier = dl_notifier_new (f->store);
  set_clock (f->today, 12, 0);
  dl_notifier_set_clock (notifier, fake_clock, NULL);
  g_assert_cmpuint (dl_notifier_notify_due (notifier), ==, 5);

  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 1);
  if (calls->len != 1)
    return;
  call = g_ptr_array_index (calls, 0);
  /* the digest names what it counts */
  g_assert_cmpstr (call->summary, ==, "Today: 5 check-ins");
  g_assert_cmpstr (call->body, ==, "Ana Test, Ben Test and 3 more");
  {
    guint8 urgency = 0;

    g_assert_true (g_variant_lookup (call->hints, "urgency", "y", &urgency));
    g_assert_cmpuint (urgency, ==, 1);
  }
  g_assert_cmpstrv (call->actions, expected_actions);

  g_signal_connect (notifier, "open-person", G_CALLBACK (on_open_person_cb), &opened_id);
  emit_action (call->id, "default");
  spin_until (opened, &opened_id);
  g_assert_cmpint (opened_id, ==, 0);
}

/* Catch-up at start, nothing before the reminder time, the digest when
 * it comes, only what is new; the next day everything again. */
static void
test_reminder_time (TodayFixture  *f,
                    gconstpointer  data)
{
  g_autoptr(DlNotifier) notifier = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GPtrArray *calls;

  reset_settings ();
  g_settings_set_uint (settings, "reminder-minutes", 9 * 60 + 30);
  /* 6 days late: within her interval, so in the plan (not rolled up) */
  today_add_member (f, "Ana", f->user, 300, 20);

  notifier = dl_notifier_new (f->store);
  dl_notifier_set_clock (notifier, fake_clock, NULL);
  set_clock (f->today, 8, 0);
  dl_notifier_start (notifier, 0);
  wait_planned (notifier);
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 1);
  g_ptr_array_unref (calls);

  /* a new member joins; at 9:29 nothing, at 9:30 the digest has only him */
  today_add_member (f, "Bob", f->user, 0, -1);
  set_clock (f->today, 9, 29);
  dl_notifier_check_now (notifier);
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);
  g_ptr_array_unref (calls);

  set_clock (f->today, 9, 30);
  dl_notifier_check_now (notifier);
  wait_planned (notifier);
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 1);
  if (calls->len == 1)
    g_assert_cmpstr (((NotifyCall *) g_ptr_array_index (calls, 0))->summary, ==, "Bob Test");
  g_ptr_array_unref (calls);

  /* the next day, after midnight: nothing until the reminder time */
  set_clock (f->today + 1, 0, 1);
  dl_notifier_check_now (notifier);
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 0);
  g_ptr_array_unref (calls);

  set_clock (f->today + 1, 10, 0);
  dl_notifier_check_now (notifier);
  wait_planned (notifier);
  calls = take_notify_calls ();
  g_assert_cmpuint (calls->len, ==, 2);
  g_ptr_array_unref (calls);

  /* turned off: nothing at all */
  g_settings_set_boolean (settings, "notifications-enabled", FALSE);
  g_settings_reset (settings, "notified");
  g_assert_cmpuint (dl_notifier_notify_due (notifier), ==, 0);
}

/* Start at login runs "downline --background": no window, the catch-up
 * reminders at once, and the process stays to send the next ones. */
static void
test_background (TodayFixture  *f,
                 gconstpointer  data)
{
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  gint64 deadline;

  reset_settings ();
  today_add_member (f, "Bea", f->user, 200, 20);
  /* 11 days late on 14: still in the plan */
  today_add_member (f, "Cal", f->user, 200, 25);

  app = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                          DOWNLINE_BIN, "--db", f->path, "--background", NULL);
  g_assert_no_error (error);
  if (app == NULL)
    return;

  /* generous, yet well inside the test's own time limit, so that a
   * failure says what went wrong: a sanitizer build on a busy machine
   * starts slowly */
  deadline = g_get_monotonic_time () + 40 * G_USEC_PER_SEC;
  while (count_notify_calls () < 2 && g_get_monotonic_time () < deadline
         && g_subprocess_get_identifier (app) != NULL)
    g_usleep (100000);
  calls = take_notify_calls ();
  if (g_subprocess_get_identifier (app) == NULL)
    {
      g_subprocess_wait (app, NULL, NULL);
      g_test_message ("downline --background ended early, status %d", g_subprocess_get_status (app));
    }
  else if (calls->len < 2)
    g_test_message ("downline --background sent %u notifications in 40 s", calls->len);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_nonnull (find_call (calls, "Bea Test"));
  g_assert_nonnull (find_call (calls, "Cal Test"));

  /* still running, with nothing on screen to keep it (the identifier
   * goes once GLib has reaped the process) */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (g_subprocess_get_identifier (app));
  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);
}

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GVariant) ret = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                         "org.freedesktop.DBus", "NameHasOwner",
                                                         g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                                         G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean owned = FALSE;

  if (ret != NULL)
    g_variant_get (ret, "(b)", &owned);
  return owned;
}

int
main (int   argc,
      char *argv[])
{
  GSubprocess *daemon;
  g_autoptr(GSubprocess) mock = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  daemon = private_bus_up ();
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* libnotify keeps this shared connection for good: stopping the bus at
   * the end must not end the test */
  g_dbus_connection_set_exit_on_close (bus, FALSE);

  /* the mock logs every call on stdout, which is the TAP stream here */
  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                           "/usr/bin/python3", "-m", "dbusmock", "--template", "notification_daemon", NULL);
  g_assert_no_error (error);
  for (int i = 0; i < 100 && !name_has_owner (BUS_NAME); i++)
    g_usleep (100000);
  g_assert_true (name_has_owner (BUS_NAME));

  g_test_add ("/today/notifier/single", TodayFixture, NULL,
              today_fixture_set_up, test_single, today_fixture_tear_down);
  g_test_add ("/today/notifier/digest", TodayFixture, NULL,
              today_fixture_set_up, test_digest, today_fixture_tear_down);
  g_test_add ("/today/notifier/reminder-time", TodayFixture, NULL,
              today_fixture_set_up, test_reminder_time, today_fixture_tear_down);
  g_test_add ("/today/notifier/background", TodayFixture, NULL,
              today_fixture_set_up, test_background, today_fixture_tear_down);

  status = g_test_run ();

  g_subprocess_force_exit (mock);
  g_subprocess_wait (mock, NULL, NULL);
  g_clear_object (&bus);
  private_bus_down (daemon);
  g_clear_pointer (&fake_now, g_date_time_unref);
  return status;
}

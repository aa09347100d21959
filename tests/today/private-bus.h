/* private-bus.h — a session bus of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTestDBus waits at the end for every connection to the bus to go, but
 * libnotify keeps its connection for the life of the process; so the
 * tests start a dbus-daemon of their own (with no service activation) and
 * stop it at the end.  DISPLAY stays as it is, for the GTK tests.
 */

#pragma once

#include <gio/gio.h>

static inline GSubprocess *
private_bus_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *address = NULL;
  GSubprocess *daemon;

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             "dbus-daemon", "--config-file=" SESSION_CONF, "--nofork",
                             "--print-address=1", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_strstrip (address), TRUE);
  return daemon;
}

static inline void
private_bus_down (GSubprocess *daemon)
{
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  /* the shared connection closes with the daemon: that must not end us */
  if (bus != NULL)
    g_dbus_connection_set_exit_on_close (bus, FALSE);
  g_clear_object (&bus);
  g_subprocess_force_exit (daemon);
  g_subprocess_wait (daemon, NULL, NULL);
  g_object_unref (daemon);
}

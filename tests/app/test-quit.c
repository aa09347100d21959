/* test-quit.c — however the app ends, the .db file alone holds every change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy, a sync or an e-mail of "the database" takes the .db file and
 * leaves its -wal behind.  Each test runs the real executable on a file,
 * puts a change into the file's log only (a second process writes it and
 * dies without closing, while the app keeps the file open, so SQLite
 * leaves the log alone), ends the app one way, and opens a copy of the
 * .db alone somewhere else.
 */

#include "config.h"

#include "../dl-test-cli.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dl-store.h"
#include "dl-store-testing.h"

static char *tmp_dir;

typedef enum
{
  END_QUIT_ACTION,  /* Ctrl+Q: app.quit */
  END_SIGTERM,
  END_SIGINT,
  END_SIGHUP,
} EndHow;

/* The paths the running app publishes as open (its "open-databases"
 * state), or NULL when it does not answer. */
static char **
open_databases (GDBusConnection *bus)
{
  g_autofree char *object_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) states = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) state = NULL;

  reply = g_dbus_connection_call_sync (bus, APP_ID, object_path, "org.gtk.Actions", "Describe",
                                       g_variant_new ("(s)", "open-databases"),
                                       G_VARIANT_TYPE ("((bgav))"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 1000, NULL, NULL);
  if (reply == NULL)
    return NULL;
  g_variant_get (reply, "((bg@av))", NULL, NULL, &states);
  if (g_variant_n_children (states) == 0)
    return NULL;
  boxed = g_variant_get_child_value (states, 0);
  state = g_variant_get_variant (boxed);
  return g_variant_dup_strv (state, NULL);
}

static gboolean
app_has_open (GDBusConnection *bus,
              const char      *path)
{
  g_auto(GStrv) paths = open_databases (bus);

  return paths != NULL && g_strv_contains ((const char *const *) paths, path);
}

static char *self_path;

/* In the writer process (this executable run again with --write-and-die
 * PATH NAME): writes a person named NAME into PATH and dies without
 * closing, so the change is in the -wal only.  A fresh process, not a
 * fork: the test holds a D-Bus connection whose thread may own a lock at
 * the moment of a fork, and a forked child that then allocates can wait
 * for that lock for ever. */
static int
write_and_die_main (const char *path,
                    const char *name)
{
  DlStore *store = dl_store_open (path, NULL);
  DlPerson *draft = dl_person_new ();
  DlPerson *added;

  dl_person_set_first_name (draft, name);
  dl_person_set_last_name (draft, "Quitter");
  added = store != NULL ? dl_store_add_person (store, draft, NULL) : NULL;
  _exit (added != NULL ? 0 : 3);
}

static void
write_and_die (const char *path,
               const char *name)
{
  const char *argv[] = { self_path, "--write-and-die", path, name, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* Waits up to seconds for pid to end.  When it does not, its threads'
 * stacks go into the test log (where gdb is installed) before it is
 * killed: a hang becomes a failure that says where, not a time-out. */
static gboolean
wait_for_exit (GPid  pid,
               guint seconds,
               int  *status)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  g_autofree char *pid_text = g_strdup_printf ("%d", (int) pid);
  g_autofree char *gdb = NULL;
  g_autofree char *stacks = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      pid_t done = waitpid (pid, status, WNOHANG);

      if (done == pid)
        return TRUE;
      if (done < 0)
        return FALSE;
      g_usleep (50 * 1000);
    }

  gdb = g_find_program_in_path ("gdb");
  if (gdb != NULL)
    {
      const char *argv[] = { gdb, "-batch", "-p", pid_text, "-ex", "thread apply all bt", NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &stacks, NULL, NULL, NULL);
      g_test_message ("the app did not end within %u s; its threads:\n%s", seconds,
                      stacks != NULL ? stacks : "(gdb printed nothing)");
    }
  else
    g_test_message ("the app did not end within %u s", seconds);
  kill (pid, SIGKILL);
  waitpid (pid, status, 0);
  return FALSE;
}

/* Whether a copy of the .db file alone (no -wal, no -shm) holds a person
 * with the first name. */
static gboolean
db_alone_has_person (const char *db,
                     const char *name)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "copy-XXXXXX", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gboolean found = FALSE;

  g_assert_nonnull (g_mkdtemp (dir));
  copy = g_build_filename (dir, "copy.db", NULL);
  g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));

  /* a .db whose every page is still in the log may be empty, or older
   * than this build: a new database is made of it, with nobody in it */
  store = dl_store_open (copy, &error);
  g_assert_no_error (error);
  if (store == NULL)
    return FALSE;
  people = dl_store_get_people (store);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(DlPerson) person = g_list_model_get_item (people, i);

      if (g_strcmp0 (dl_person_get_first_name (person), name) == 0)
        found = TRUE;
    }
  dl_store_close (store);
  remove_dir (dir);
  return found;
}

static goffset
size_of (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : -1;
}

static void
test_end (gconstpointer data)
{
  EndHow how = GPOINTER_TO_INT (data);
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *name = g_strdup_printf ("end-%d", how);
  g_autofree char *db = g_strdup_printf ("%s/%s.db", tmp_dir, name);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { DOWNLINE_BIN, "--db", db, NULL };
  GPid pid = 0;
  int status = 0;
  gint64 deadline;

  if (bus == NULL)
    {
      g_test_fail_printf ("no session bus: run the test under dbus-run-session");
      return;
    }

  g_spawn_async (tmp_dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  /* up to two minutes by the clock (each question may itself wait a
   * second for a busy app): under the sanitizers, on a loaded machine,
   * the app takes far longer to start than the 15 s this once allowed,
   * and a failed assertion here must not leave the app running with the
   * test's output open, which the runner reports as a time-out */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && !app_has_open (bus, db))
    g_usleep (50 * 1000);
  if (!app_has_open (bus, db))
    {
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
      g_spawn_close_pid (pid);
      g_test_fail_printf ("the app did not show %s as open within two minutes", db);
      return;
    }

  write_and_die (db, name);
  /* the change is in the log only: what the app must fold in */
  g_assert_cmpint (size_of (wal), >, 0);
  g_assert_false (db_alone_has_person (db, name));

  switch (how)
    {
    case END_QUIT_ACTION:
      {
        g_autofree char *object_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
        g_autoptr(GVariant) reply = NULL;

        reply = g_dbus_connection_call_sync (bus, APP_ID, object_path, "org.gtk.Actions", "Activate",
                                             g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                                             NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, &error);
        g_assert_no_error (error);
      }
      break;
    case END_SIGTERM:
      kill (pid, SIGTERM);
      break;
    case END_SIGINT:
      kill (pid, SIGINT);
      break;
    case END_SIGHUP:
    default:
      kill (pid, SIGHUP);
      break;
    }

  g_assert_true (wait_for_exit (pid, 120, &status));
  g_spawn_close_pid (pid);
  /* it ended on its own terms, not killed by the signal */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  g_assert_cmpint (size_of (wal), <=, 0);
  g_assert_true (db_alone_has_person (db, name));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (argc == 4 && g_str_equal (argv[1], "--write-and-die"))
    return write_and_die_main (argv[2], argv[3]);

  self_path = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-quit-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/quit/app-quit", GINT_TO_POINTER (END_QUIT_ACTION), test_end);
  g_test_add_data_func ("/quit/sigterm", GINT_TO_POINTER (END_SIGTERM), test_end);
  g_test_add_data_func ("/quit/sigint", GINT_TO_POINTER (END_SIGINT), test_end);
  g_test_add_data_func ("/quit/sighup", GINT_TO_POINTER (END_SIGHUP), test_end);

  status = g_test_run ();
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  g_free (self_path);
  return status;
}

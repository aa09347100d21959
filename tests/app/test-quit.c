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

/* Writes a person named name into path from a child process that then
 * dies without closing: the change is in the -wal only. */
static void
write_and_die (const char *path,
               const char *name)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      DlStore *store = dl_store_open (path, NULL);
      DlPerson *draft = dl_person_new ();
      DlPerson *added;

      dl_person_set_first_name (draft, name);
      dl_person_set_last_name (draft, "Quitter");
      added = store != NULL ? dl_store_add_person (store, draft, NULL) : NULL;
      _exit (added != NULL ? 0 : 3);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
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

  if (bus == NULL)
    {
      g_test_fail_printf ("no session bus: run the test under dbus-run-session");
      return;
    }

  g_spawn_async (tmp_dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  /* up to two minutes: under the sanitizers, on a loaded machine, the
   * app takes far longer to start than the 15 s this once allowed (and
   * a failed assertion here leaves the app running with the test's
   * output open, which the runner reports as a time-out) */
  for (guint i = 0; i < 2400 && !app_has_open (bus, db); i++)
    g_usleep (50 * 1000);
  if (!app_has_open (bus, db))
    {
      kill (pid, SIGKILL);
      waitpid (pid, NULL, 0);
    }
  g_assert_true (app_has_open (bus, db));

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

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
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
  return status;
}

/* test-cli.c — the downline command line, run as a person or a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../dl-test-cli.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dl-store.h"

static char *tmp_dir;

/* Runs the real executable in tmp_dir with the arguments, NULL-terminated. */
static void
run_downline (Run        *run,
              const char *first,
              ...)
{
  va_list args;

  va_start (args, first);
  run_downline_in (run, tmp_dir, first, args);
  va_end (args);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_downline (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "downline " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_downline (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--db=FILE"));
  g_assert_nonnull (strstr (run.out, "--sample-data"));
  g_assert_nonnull (strstr (run.out, "--version"));
}

static void
test_usage_errors (void)
{
  static const struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--frobnicate", NULL }, "--frobnicate" },
    { { "--db", NULL }, "--db" },
    { { "stray-argument", NULL }, "stray-argument" },
    { { "--sample-data", NULL }, "--db" },
    { { "--sample-data=lots", "--db=x.db" }, "lots" },
    { { "--sample-data=0", "--db=x.db" }, "--sample-data" },
    { { "--seed=4", NULL }, "--sample-data" },
    { { "--sample-data", "--seed=-3", "--db=x.db" }, "--seed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *db = g_build_filename (tmp_dir, "x.db", NULL);

      run_downline (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_assert_nonnull (strstr (run.err, "--help"));
      /* a usage error touches nothing */
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

static void
test_db_in_missing_folder (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "downline.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);

  run_downline (&run, "--db", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, folder));
  g_assert_nonnull (strstr (run.err, "does not exist"));
  g_assert_null (strstr (run.err, "CRITICAL"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_db_in_unwritable_folder (void)
{
  g_auto(Run) run = { 0 };

  /* /proc refuses new files even to root, which a chmod-ed folder does not */
  run_downline (&run, "--db", "/proc/downline-test.db", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "/proc"));
  g_assert_null (strstr (run.err, "CRITICAL"));
}

static void
test_db_is_a_folder (void)
{
  g_auto(Run) run = { 0 };

  run_downline (&run, "--db", tmp_dir, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "folder"));
}

static void
test_db_foreign_file (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *path = g_build_filename (tmp_dir, "notes.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (path, "Shopping list: eggs, milk, tea.\n", -1, NULL));
  before = checksum_of (path);

  run_downline (&run, "--db", path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, path));
  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_sample_data (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "sample.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_auto(Run) run = { 0 };

    run_downline (&run, "--db", path, "--sample-data=120", "--seed=7", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, path));
    g_assert_nonnull (strstr (run.out, "120 members"));
    /* one line */
    g_assert_cmpint (strchr (run.out, '\n') - run.out, ==, strlen (run.out) - 1);
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  }

  /* a second time: refused, the file unchanged */
  before = checksum_of (path);
  {
    g_auto(Run) run = { 0 };

    run_downline (&run, "--db", path, "--sample-data", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, path));
  }
  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* A second launch hands its command line to the running instance and
 * returns at once, instead of becoming a second app on the same files. */
static void
test_single_instance (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autofree char *first = g_build_filename (tmp_dir, "first.db", NULL);
  g_autofree char *second = g_build_filename (tmp_dir, "second.db", NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { DOWNLINE_BIN, "--db", first, NULL };
  GPid pid = 0;

  if (bus == NULL)
    {
      g_test_fail_printf ("no session bus: run the suite under dbus-run-session");
      return;
    }

  g_spawn_async (tmp_dir, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 200 && !name_has_owner (bus, APP_ID); i++)
    g_usleep (50 * 1000);
  g_assert_true (name_has_owner (bus, APP_ID));

  {
    g_auto(Run) run = { 0 };

    /* were it not forwarded, this launch would open a window and stay */
    run_downline (&run, "--db", second, NULL);
    g_assert_cmpint (run.status, ==, 0);
    /* the running instance opened the file it was handed */
    g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  }

  {
    g_auto(Run) run = { 0 };
    g_autofree char *missing = g_build_filename (tmp_dir, "nowhere", "x.db", NULL);

    /* errors found by the running instance still reach this terminal */
    run_downline (&run, "--db", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "does not exist"));
  }

  /* a command on a file the window has open leaves it alone; on
   * another file it runs */
  {
    g_auto(Run) open_one = { 0 };
    g_auto(Run) sample = { 0 };
    g_auto(Run) other = { 0 };
    g_autofree char *third = g_build_filename (tmp_dir, "third.db", NULL);
    g_autofree char *out = g_build_filename (tmp_dir, "exported", NULL);
    g_autofree char *members = g_build_filename (out, "members.csv", NULL);

    g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
    run_downline (&open_one, "--db", first, "--export-csv", out, NULL);
    g_assert_cmpint (open_one.status, ==, 1);
    g_assert_nonnull (strstr (open_one.err, "is open in Downline"));
    g_assert_false (g_file_test (members, G_FILE_TEST_EXISTS));

    run_downline (&sample, "--db", third, "--sample-data=5", NULL);
    g_assert_cmpint (sample.status, ==, 0);
    run_downline (&other, "--db", third, "--export-csv", out, NULL);
    g_assert_cmpint (other.status, ==, 0);
    g_assert_true (g_file_test (members, G_FILE_TEST_EXISTS));
    g_unlink (members);

    /* another name for the same file is the same file: a hard link and
     * a symbolic link to the database the window has open */
    {
      g_autofree char *hard = g_build_filename (tmp_dir, "hard-link.db", NULL);
      g_autofree char *soft = g_build_filename (tmp_dir, "soft-link.db", NULL);
      const char *aliases[] = { hard, soft };

      g_assert_cmpint (link (first, hard), ==, 0);
      g_assert_cmpint (symlink (first, soft), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
        {
          g_auto(Run) alias = { 0 };

          run_downline (&alias, "--db", aliases[i], "--export-csv", out, NULL);
          g_assert_cmpint (alias.status, ==, 1);
          g_assert_nonnull (strstr (alias.err, "is open in Downline"));
          g_assert_false (g_file_test (members, G_FILE_TEST_EXISTS));
        }
    }

    /* a backup is not written over a database a window has open, by
     * its own name or another; the file stays byte for byte */
    {
      g_autofree char *hard = g_build_filename (tmp_dir, "hard-link.db", NULL);
      const char *targets[] = { first, hard };
      g_autofree char *before = NULL;

      /* the window's own idle checkpoint is done here, so nothing but the
       * command could change the file meanwhile */
      {
        g_autoptr(DlStore) store = dl_store_open (first, &error);

        g_assert_no_error (error);
        g_assert_true (store != NULL && dl_store_checkpoint (store, &error));
        g_assert_no_error (error);
        if (store != NULL)
          dl_store_close (store);
      }
      before = checksum_of (first);
      g_assert_nonnull (before);

      for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
        {
          g_auto(Run) backup = { 0 };
          g_autofree char *after = NULL;

          run_downline (&backup, "--db", third, "--backup", targets[i], NULL);
          g_assert_cmpint (backup.status, ==, 1);
          g_assert_nonnull (strstr (backup.err, "is open in Downline"));
          g_assert_nonnull (strstr (backup.err, "backup"));
          after = checksum_of (first);
          g_assert_cmpstr (after, ==, before);
        }
    }
  }

  g_assert_true (name_has_owner (bus, APP_ID));
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/db/missing-folder", test_db_in_missing_folder);
  g_test_add_func ("/cli/db/unwritable-folder", test_db_in_unwritable_folder);
  g_test_add_func ("/cli/db/is-a-folder", test_db_is_a_folder);
  g_test_add_func ("/cli/db/foreign-file", test_db_foreign_file);
  g_test_add_func ("/cli/sample-data", test_sample_data);
  g_test_add_func ("/cli/single-instance", test_single_instance);

  status = g_test_run ();
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

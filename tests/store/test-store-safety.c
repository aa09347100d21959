/* test-store-safety.c — the ordinary ways a business file used to be
 * lost: locks dropped by the process's own file I/O, a log left after
 * closing, foreign files written to, paths as people have them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dl-store-private.h"
#include "dl-store-testing.h"
#include "../dl-test-files.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("downline-safety-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "biz.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
add_person (DlStore    *store,
            const char *name)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  dl_person_set_first_name (draft, name);
  person = dl_store_add_person (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
}

/* What another program sees: the sqlite3 shell, a process of its own
 * with SQLite's ordinary locks, counting people named name. */
static int
outside_count_full (const char *path,
                    const char *name,
                    gboolean    may_lack_schema)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM person WHERE first_name = '%s';", name);
  const char *argv[] = { "sqlite3", path, sql, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  /* a bare .db whose schema is still in the log has no tables yet */
  if (may_lack_schema && strstr (err, "no such table: person") != NULL)
    return 0;
  g_assert_cmpstr (err, ==, "");
  return atoi (out);
}

static int
outside_count (const char *path,
               const char *name)
{
  return outside_count_full (path, name, FALSE);
}

/* The .db file alone, copied elsewhere without anything beside it: what
 * an e-mail, a USB stick or a sync service carries. */
static int
count_in_copy (const char *path,
               const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("downline-copy-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  int n;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  n = outside_count_full (copy, name, TRUE);
  dl_test_remove_tree (dir);
  return n;
}

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

static void
assert_no_side_files (const char *path)
{
  g_assert_false (side_file_exists (path, "-wal"));
  g_assert_false (side_file_exists (path, "-shm"));
  g_assert_false (side_file_exists (path, "-journal"));
}

/* A file chooser, a thumbnailer or a content-type sniff opens and closes
 * the database inside the process; then the sqlite3 shell reads it.
 * With process-wide POSIX locks the close dropped Downline's locks, the
 * shell took itself for the last user and deleted the live log: the
 * second person never reached the file. */
static void
test_lock_survives_foreign_close (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (f->path, &error);
  int fd;

  g_assert_no_error (error);
  g_assert_true (dl_store_locks_installed ());
  add_person (store, "First");

  fd = open (f->path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (close (fd), ==, 0);
  g_assert_cmpint (outside_count (f->path, "First"), ==, 1);

  add_person (store, "Second");
  g_assert_cmpint (outside_count (f->path, "Second"), ==, 1);

  /* the same through the -shm, which a folder listing opens too */
  {
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

    fd = open (shm, O_RDONLY | O_CLOEXEC);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (close (fd), ==, 0);
  }
  g_assert_cmpint (outside_count (f->path, "Second"), ==, 1);
  add_person (store, "Third");
  g_assert_cmpint (outside_count (f->path, "Third"), ==, 1);

  dl_store_close (store);
  g_assert_cmpint (count_in_copy (f->path, "First"), ==, 1);
  g_assert_cmpint (count_in_copy (f->path, "Second"), ==, 1);
  g_assert_cmpint (count_in_copy (f->path, "Third"), ==, 1);
}

/* Quit: the .db alone holds everything and no log is left beside it. */
static void
test_close_leaves_whole_file (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (f->path, &error);
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;

  g_assert_no_error (error);
  add_person (store, "Kept");
  g_assert_cmpint (count_in_copy (f->path, "Kept"), ==, 0);

  dl_store_close (store);
  g_assert_false (side_file_exists (f->path, "-wal"));
  g_assert_false (side_file_exists (f->path, "-shm"));
  g_assert_cmpint (count_in_copy (f->path, "Kept"), ==, 1);

  /* closed means closed: a late write says so and writes nothing */
  dl_person_set_first_name (draft, "Late");
  person = dl_store_add_person (store, draft, &error);
  g_assert_null (person);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CLOSED);
  dl_store_close (store);
  g_assert_cmpint (outside_count (f->path, "Late"), ==, 0);
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* While the app runs (background mode for days): a few seconds after a
 * change, the .db alone has it. */
static void
test_idle_checkpoint (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (f->path, &error);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 deadline;

  g_assert_no_error (error);
  add_person (store, "Idle");
  g_assert_cmpint (count_in_copy (f->path, "Idle"), ==, 0);

  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (count_in_copy (f->path, "Idle") == 0 && g_get_monotonic_time () < deadline)
    {
      g_timeout_add (200, quit_loop_cb, loop);
      g_main_loop_run (loop);
    }
  g_assert_cmpint (count_in_copy (f->path, "Idle"), ==, 1);
  g_assert_true (dl_store_checkpoint (store, &error));
  g_assert_no_error (error);
}

/* Another program's SQLite file that happens to carry a schema version:
 * refused before anything is written, byte-identical, nothing beside. */
static void
make_foreign (const char *path,
              int         version,
              gboolean    wal)
{
  g_autofree char *sql = g_strdup_printf ("%s"
                                          "CREATE TABLE song (title TEXT);"
                                          "INSERT INTO song VALUES ('la');"
                                          "PRAGMA user_version = %d;",
                                          wal ? "PRAGMA journal_mode = WAL;" : "", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_foreign_versioned (Fixture       *f,
                        gconstpointer  data)
{
  for (int version = 1; version <= 2; version++)
    for (int wal = 0; wal <= 1; wal++)
      {
        g_autofree char *name = g_strdup_printf ("other-%d-%d.db", version, wal);
        g_autofree char *path = g_build_filename (f->dir, name, NULL);
        g_autofree char *before = NULL;
        g_autofree char *after = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(DlStore) store = NULL;

        make_foreign (path, version, wal);
        before = dl_test_checksum (path);
        store = dl_store_open (path, &error);
        g_assert_null (store);
        g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE);
        g_assert_nonnull (error != NULL ? strstr (error->message, name) : NULL);
        after = dl_test_checksum (path);
        g_assert_cmpstr (before, ==, after);
        assert_no_side_files (path);
      }
}

/* A symbolic link in the folders (a linked home) and on the file. */
static void
test_symlinks (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *real = g_build_filename (f->dir, "real", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link", NULL);
  g_autofree char *via_link = g_build_filename (link, "biz.db", NULL);
  g_autofree char *file_link = g_build_filename (f->dir, "shortcut.db", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlStore) again = NULL;

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (symlink (real, link), ==, 0);
  expected = g_build_filename (real, "biz.db", NULL);

  store = dl_store_open (via_link, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (dl_store_get_path (store), ==, expected);
  add_person (store, "Linked");
  dl_store_close (store);

  g_assert_cmpint (symlink (via_link, file_link), ==, 0);
  again = dl_store_open (file_link, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpstr (dl_store_get_path (again), ==, expected);
  g_assert_true (dl_store_file_is_open (file_link));
  g_assert_true (dl_store_file_is_open (via_link));
  dl_store_close (again);
  g_assert_cmpint (count_in_copy (expected, "Linked"), ==, 1);
}

/* The same file by another name is the same file. */
static void
test_hard_link (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->dir, "other-name.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (link (f->path, other), ==, 0);
  g_assert_true (dl_store_file_is_open (other));
  dl_store_close (store);
  g_assert_false (dl_store_file_is_open (other));
  g_assert_false (dl_store_file_is_open (f->path));
}

/* A FIFO, a folder or a device is refused at once, unopened (a FIFO's
 * open would wait forever for a writer). */
static void
test_not_regular (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.db", NULL);
  const char *paths[] = { fifo, folder, "/dev/null" };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    for (guint flags = 0; flags <= DL_STORE_OPEN_EXISTING; flags++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(DlStore) store = dl_store_open_full (paths[i], flags, &error);

        g_assert_null (store);
        g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO);
        g_test_message ("%s", error != NULL ? error->message : "");
        if (i < 2)
          assert_no_side_files (paths[i]);
      }
}

/* Read-only commands on a file that is not there, or is empty: they say
 * so and create nothing. */
static void
test_existing_only (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) missing = NULL;
  g_autoptr(DlStore) empty = NULL;
  GStatBuf st;

  missing = dl_store_open_full (f->path, DL_STORE_OPEN_EXISTING, &error);
  g_assert_null (missing);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  assert_no_side_files (f->path);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  empty = dl_store_open_full (f->path, DL_STORE_OPEN_EXISTING, &error);
  g_assert_null (empty);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  assert_no_side_files (f->path);
}

/* What a read-only store does: shows what is there, refuses every write
 * with the file's name and why, and leaves the file as it was. */
static void
check_read_only_store (const char       *path,
                       DlStoreOpenFlags  flags,
                       const char       *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autofree char *before = dl_test_checksum (path);
  g_autofree char *after = NULL;
  g_autofree char *base = g_path_get_basename (path);

  store = dl_store_open_full (path, flags, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;
  g_assert_true (dl_store_is_read_only (store));

  people = dl_store_get_people (store);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);

  dl_person_set_first_name (draft, "Blocked");
  person = dl_store_add_person (store, draft, &error);
  g_assert_null (person);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (error != NULL ? strstr (error->message, base) : NULL);
  g_assert_nonnull (error != NULL ? strstr (error->message, reason) : NULL);

  g_clear_object (&people);
  g_clear_object (&store);
  after = dl_test_checksum (path);
  g_assert_cmpstr (before, ==, after);
  assert_no_side_files (path);
}

static void
make_closed_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);

  g_assert_no_error (error);
  add_person (store, "Reader");
  dl_store_close (store);
  assert_no_side_files (path);
}

static void
test_read_only_flag (Fixture       *f,
                     gconstpointer  data)
{
  make_closed_database (f->path);
  check_read_only_store (f->path, DL_STORE_OPEN_READ_ONLY, "reading only");
}

/* By permissions, as a person (not root, whom permissions do not stop)
 * has them: in a child process that gives up root where it has it. */
static void
test_read_only_permissions (Fixture       *f,
                            gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("DL_TEST_READ_ONLY_PATH");

      if (getuid () == 0)
        {
          g_assert_cmpint (setgid (65534), ==, 0);
          g_assert_cmpint (setuid (65534), ==, 0);
        }
      check_read_only_store (path, DL_STORE_OPEN_CREATE, "permissions allow reading only");
      return;
    }

  make_closed_database (f->path);
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_setenv ("DL_TEST_READ_ONLY_PATH", f->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  assert_no_side_files (f->path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/safety/lock-survives-foreign-close", test_lock_survives_foreign_close);
  ADD ("/store/safety/close-leaves-whole-file", test_close_leaves_whole_file);
  ADD ("/store/safety/idle-checkpoint", test_idle_checkpoint);
  ADD ("/store/safety/foreign-versioned", test_foreign_versioned);
  ADD ("/store/safety/symlinks", test_symlinks);
  ADD ("/store/safety/hard-link", test_hard_link);
  ADD ("/store/safety/not-regular", test_not_regular);
  ADD ("/store/safety/existing-only", test_existing_only);
  ADD ("/store/safety/read-only-flag", test_read_only_flag);
  ADD ("/store/safety/read-only-permissions", test_read_only_permissions);

#undef ADD

  return g_test_run ();
}

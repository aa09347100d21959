/* test-store-open.c — what dl_store_open accepts, refuses and leaves alone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
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

  f->dir = g_dir_make_tmp ("downline-open-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "downline.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 0777;
}

static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (",", (char **) names->pdata);
}

/* A real Downline file with some rows, closed cleanly (no -wal left). */
static void
make_database (const char *path,
               guint       n_people)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (dl_store_begin (store, &error));
  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(DlPerson) draft = dl_person_new ();
      g_autofree char *first = g_strdup_printf ("Person %u", i);

      dl_person_set_first_name (draft, first);
      dl_person_set_notes (draft, "Some words so that rows fill more than one page of the file.");
      g_assert_cmpint (dl_store_insert_person (store, draft, &error), >, 0);
    }
  g_assert_true (dl_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Opening path must fail with code, name the file, and change nothing:
 * not a byte of it, and no file appears or goes in its folder. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *before = file_checksum (path);
  g_autofree char *listing = list_dir (dir);
  guint mode = file_mode (path);
  g_autofree char *after = NULL;
  g_autofree char *listing_after = NULL;

  store = dl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DL_STORE_ERROR, code);
  g_test_message ("refused: %s", error ? error->message : "(no error)");
  g_assert_nonnull (error ? strstr (error->message, base) : NULL);

  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  listing_after = list_dir (dir);
  g_assert_cmpstr (listing, ==, listing_after);
  g_assert_cmpuint (file_mode (path), ==, mode);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "data", "Downline", NULL);
  g_autofree char *path = g_build_filename (nested, "downline.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  mode_t old_umask;

  /* The most permissive umask: the modes must not depend on it. */
  old_umask = umask (0);
  store = dl_store_open (path, &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  {
    g_autoptr(DlPerson) draft = dl_person_new ();
    g_autoptr(DlPerson) person = NULL;

    dl_person_set_first_name (draft, "Private");
    person = dl_store_add_person (store, draft, &error);
    g_assert_no_error (error);
  }

  g_assert_cmpuint (file_mode (nested), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

static void
test_existing_mode_kept (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;

  make_database (f->path, 3);
  g_assert_cmpint (g_chmod (f->path, 0640), ==, 0);

  store = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (file_mode (f->path), ==, 0640);
}

static void
test_empty_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;

  /* An empty file is a new database (what a file chooser's "New" makes). */
  g_assert_true (g_file_set_contents (f->path, "", 0, &error));
  store = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (dl_store_is_empty (store));
}

static void
test_foreign_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *text = "first_name,last_name\nAna,Pereira\n";

  g_assert_true (g_file_set_contents (f->path, text, -1, &error));
  assert_refused (f->path, DL_STORE_ERROR_NOT_DATABASE);
}

static void
test_foreign_png (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* A complete 1x1 PNG. */
  static const guint8 png[] = {
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99,
    0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
  };

  g_assert_true (g_file_set_contents (f->path, (const char *) png, sizeof png, &error));
  assert_refused (f->path, DL_STORE_ERROR_NOT_DATABASE);
}

static void
test_foreign_sqlite (Fixture       *f,
                     gconstpointer  data)
{
  /* Another program's database: never "migrated" into ours. */
  raw_exec (f->path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');");
  assert_refused (f->path, DL_STORE_ERROR_NOT_DATABASE);

  raw_exec (f->path, "PRAGMA application_id = 1234; PRAGMA user_version = 1;");
  assert_refused (f->path, DL_STORE_ERROR_NOT_DATABASE);
}

static void
test_too_new (Fixture       *f,
              gconstpointer  data)
{
  make_database (f->path, 3);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  assert_refused (f->path, DL_STORE_ERROR_TOO_NEW);
}

static void
test_too_new_wal (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* As a newer Downline leaves it: still in WAL mode. */
  make_database (f->path, 3);
  raw_exec (f->path, "PRAGMA user_version = 99;");
  before = file_checksum (f->path);

  store = dl_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "99"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

/* Overwrites len bytes at offset with a pattern, as a failing disk or a
 * stray program would. */
static void
damage (const char *path,
        goffset     offset,
        gsize       len)
{
  FILE *file = fopen (path, "r+b");
  g_autofree guint8 *junk = g_malloc (len);

  for (gsize i = 0; i < len; i++)
    junk[i] = (guint8) (0x5a ^ (i * 7));

  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, offset, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, len, file), ==, len);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db = NULL;
  int page_size, n_pages;
  GStatBuf st;

  make_database (f->path, 2000);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE");

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT 1", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  page_size = 4096;
  n_pages = st.st_size / page_size;
  g_assert_cmpint (n_pages, >, 10);

  /* The middle of a page deep in the person table: the header still
   * reads as SQLite, so only the integrity check can tell. */
  damage (f->path, (goffset) (n_pages / 2) * page_size + 16, 512);
  assert_refused (f->path, DL_STORE_ERROR_DAMAGED);
}

static void
test_damaged_header_page (Fixture       *f,
                          gconstpointer  data)
{
  make_database (f->path, 200);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE");

  /* The schema page (after the 100-byte file header). */
  damage (f->path, 100, 300);
  assert_refused (f->path, DL_STORE_ERROR_DAMAGED);
}

/* Runs the main context until *error is set or store is verified, for at
 * most 30 s so that a lost report fails instead of hanging. */
static void
spin_until (GError  **error,
            DlStore  *store)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (g_get_monotonic_time () < deadline)
    {
      if (error != NULL && *error != NULL)
        return;
      if (store != NULL && dl_store_is_verified (store))
        return;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
on_damaged (DlStore *store,
            GError  *error,
            GError **out)
{
  g_assert_null (*out);
  *out = g_error_copy (error);
}

static void
test_damaged_large (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reported = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GStatBuf st;

  make_database (f->path, 2000);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  damage (f->path, (goffset) (st.st_size / 4096 / 2) * 4096 + 16, 512);
  before = file_checksum (f->path);

  /* As for a file too big to check before showing it: it opens, the
   * check runs behind, and the first write waits for its verdict. */
  dl_store_set_sync_check_limit (0);
  store = dl_store_open (f->path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;
  g_signal_connect (store, "damaged", G_CALLBACK (on_damaged), &reported);

  dl_person_set_first_name (draft, "Never");
  person = dl_store_add_person (store, draft, &error);
  g_assert_null (person);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED);
  g_assert_nonnull (error ? strstr (error->message, f->path) : NULL);
  g_assert_false (dl_store_is_verified (store));

  /* The verdict arrives through the main context, not from the thread. */
  g_assert_null (reported);
  spin_until (&reported, NULL);
  g_assert_error (reported, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED);

  g_clear_object (&store);
  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_verified_large (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;

  make_database (f->path, 500);

  dl_store_set_sync_check_limit (0);
  store = dl_store_open (f->path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);

  spin_until (NULL, store);
  g_assert_true (dl_store_is_verified (store));

  dl_person_set_first_name (draft, "Fine");
  person = dl_store_add_person (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
}

static void
test_abandoned_check (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlStore *store;

  /* Closing before the check ends interrupts it; nothing leaks or
   * reports to a store that is gone. */
  make_database (f->path, 2000);
  dl_store_set_sync_check_limit (0);
  store = dl_store_open (f->path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_directory_missing (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "downline.db", NULL);

  /* A folder that cannot be made: under /proc, or under a plain file. */
  store = dl_store_open ("/proc/downline-no-such-dir/sub/downline.db", &error);
  g_assert_null (store);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO);
  g_test_message ("%s", error ? error->message : "");
  g_assert_nonnull (error ? strstr (error->message, "/proc/downline-no-such-dir") : NULL);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (file, "x", -1, &error));
  store = dl_store_open (under_file, &error);
  g_assert_null (store);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO);
  g_assert_nonnull (error ? strstr (error->message, "plain-file") : NULL);
  g_clear_error (&error);

  /* A folder where the file should be. */
  store = dl_store_open (f->dir, &error);
  g_assert_null (store);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO);
}

static void
test_directory_not_writable (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = NULL;

  /* root may write into a read-only folder; nobody may create files in
   * /proc, so that stands in for it there */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      g_free (locked);
      locked = g_strdup ("/proc");
    }
  path = g_build_filename (locked, "downline.db", NULL);

  store = dl_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO);
  g_assert_nonnull (error ? strstr (error->message, locked) : NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Another program holds the write lock for a moment. */
static gpointer
release_later (gpointer data)
{
  sqlite3 *db = data;

  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);

  return NULL;
}

static void
test_busy_waits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(GThread) thread = NULL;
  sqlite3 *other = NULL;
  gint64 start;

  store = dl_store_open (f->path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE; INSERT INTO person "
                                 "(first_name, created_at, updated_at) VALUES ('Other', '', '')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("holder", release_later, other);

  start = g_get_monotonic_time ();
  dl_person_set_first_name (draft, "Waiting");
  person = dl_store_add_person (store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * G_TIME_SPAN_MILLISECOND);

  g_thread_join (g_steal_pointer (&thread));
  sqlite3_close (other);

  {
    g_autoptr(GListModel) people = dl_store_get_people (store);

    g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
  }
}

static gpointer
open_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (data, &error);

  if (store == NULL)
    g_printerr ("open failed: %s\n", error->message);

  return store;
}

static void
test_concurrent_first_open (Fixture       *f,
                            gconstpointer  data)
{
  GThread *threads[4];
  DlStore *stores[4];

  /* Two windows (or processes) creating the same new file at once: one
   * migrates, the others wait and find it done. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("opener", open_in_thread, f->path);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    stores[i] = g_thread_join (threads[i]);

  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    {
      g_autoptr(GListModel) stages = NULL;

      g_assert_nonnull (stores[i]);
      if (stores[i] == NULL)
        continue;
      stages = dl_store_get_stages (stores[i]);
      g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 7);
    }
  for (guint i = 0; i < G_N_ELEMENTS (stores); i++)
    g_clear_object (&stores[i]);
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/permissions", test_permissions);
  ADD ("/store/open/existing-mode-kept", test_existing_mode_kept);
  ADD ("/store/open/empty-file", test_empty_file);
  ADD ("/store/open/foreign-text", test_foreign_text);
  ADD ("/store/open/foreign-png", test_foreign_png);
  ADD ("/store/open/foreign-sqlite", test_foreign_sqlite);
  ADD ("/store/open/too-new", test_too_new);
  ADD ("/store/open/too-new-wal", test_too_new_wal);
  ADD ("/store/open/damaged", test_damaged);
  ADD ("/store/open/damaged-schema-page", test_damaged_header_page);
  ADD ("/store/open/damaged-large", test_damaged_large);
  ADD ("/store/open/verified-large", test_verified_large);
  ADD ("/store/open/abandoned-check", test_abandoned_check);
  ADD ("/store/open/directory-missing", test_directory_missing);
  ADD ("/store/open/directory-not-writable", test_directory_not_writable);
  ADD ("/store/open/busy-waits", test_busy_waits);
  ADD ("/store/open/concurrent-first-open", test_concurrent_first_open);

#undef ADD

  return g_test_run ();
}

/* test-backup.c — backups while the database is written, restore, the
 * daily backup, and CSV exports that read back in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dl-store-export.h"
#include "dl-store-import.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "../dl-test-damage.h"
#include "../dl-test-files.h"

typedef struct
{
  char    *dir;
  char    *path;
  DlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("downline-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (f->store, 300, 5, dl_day_from_ymd (2026, 11, 1), NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static int
count_in (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Another connection, as another process would, writes a person and two
 * contacts per transaction until told to stop. */
typedef struct
{
  const char *path;
  gint        stop;
  gint        written;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  sqlite3 *db = NULL;

  sqlite3_open_v2 (w->path, &db, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_busy_timeout (db, 10000);
  while (!g_atomic_int_get (&w->stop))
    {
      int rc = sqlite3_exec (db,
                             "BEGIN IMMEDIATE;"
                             "INSERT INTO person (first_name, last_name, created_at, updated_at) "
                             "  VALUES ('Writer', 'Thread', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z');"
                             "INSERT INTO interaction (person_id, kind, at, summary) "
                             "  VALUES (last_insert_rowid (), 'call', '2026-11-01T10:00:00', 'one');"
                             "INSERT INTO interaction (person_id, kind, at, summary) "
                             "  VALUES ((SELECT max (id) FROM person), 'note', '2026-11-01T10:05:00', 'two');"
                             "COMMIT;",
                             NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      else
        g_atomic_int_inc (&w->written);
    }
  sqlite3_close (db);
  return NULL;
}

static void
test_backup_while_writing (Fixture       *f,
                           gconstpointer  data)
{
  Writer w = { f->path, 0, 0 };
  GThread *thread;
  int last_count = 0;

  thread = g_thread_new ("writer", writer_thread, &w);
  while (g_atomic_int_get (&w.written) < 20)
    g_usleep (1000);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("backup-%u.db", i);
      g_autofree char *dest = g_build_filename (f->dir, name, NULL);
      g_autoptr(DlStore) copy = NULL;
      int n;

      g_assert_true (dl_store_backup (f->store, dest, &error));
      g_assert_no_error (error);

      /* every transaction whole or not at all */
      g_assert_cmpint (count_in (dest,
                                 "SELECT count(*) FROM person p WHERE p.first_name = 'Writer' AND "
                                 "(SELECT count(*) FROM interaction i WHERE i.person_id = p.id) <> 2"), ==, 0);
      n = count_in (dest, "SELECT count(*) FROM person WHERE first_name = 'Writer'");
      g_assert_cmpint (n, >=, last_count);
      g_assert_cmpint (n, >, 0);
      last_count = n;

      /* a file Downline opens and checks like any other */
      g_assert_true (dl_store_check_backup (dest, &error));
      g_assert_no_error (error);
      copy = dl_store_open (dest, &error);
      g_assert_no_error (error);
      g_assert_nonnull (copy);
      g_usleep (5000);
    }

  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  g_test_message ("%d transactions written during the backups", g_atomic_int_get (&w.written));

  /* Restored, a copy made mid-write is what the database was between
   * two transactions: whole, sound, and writable again. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *last = g_build_filename (f->dir, "backup-4.db", NULL);
    g_autoptr(DlPerson) draft = dl_person_new ();
    g_autoptr(DlPerson) added = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE first_name = 'Writer'"), >, last_count);
    g_assert_true (dl_store_restore (f->store, last, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE first_name = 'Writer'"), ==, last_count);
    g_assert_cmpint (count_in (f->path,
                               "SELECT count(*) FROM person p WHERE p.first_name = 'Writer' AND "
                               "(SELECT count(*) FROM interaction i WHERE i.person_id = p.id) <> 2"), ==, 0);
    g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

    sqlite3_prepare_v2 (dl_store_get_handle (f->store), "PRAGMA integrity_check", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);

    dl_person_set_first_name (draft, "After");
    added = dl_store_add_person (f->store, draft, &error);
    g_assert_no_error (error);
    g_assert_nonnull (added);
  }
}

static void
on_backup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_backup_finish (DL_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* The app's main thread keeps writing while a worker backs up. */
static void
test_backup_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *dest = g_build_filename (f->dir, "async.db", NULL);
  gboolean done = FALSE;
  guint writes = 0;

  dl_store_backup_async (f->store, dest, NULL, on_backup_done_cb, &done);
  while (!done)
    {
      g_autoptr(DlPerson) draft = dl_person_new ();
      g_autoptr(DlPerson) person = NULL;

      dl_person_set_first_name (draft, "Main");
      person = dl_store_add_person (f->store, draft, NULL);
      g_assert_nonnull (person);
      writes++;
      g_main_context_iteration (NULL, FALSE);
    }
  g_test_message ("%u writes while backing up", writes);
  g_assert_true (dl_store_check_backup (dest, NULL));
}

static void
test_backup_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "x.db", NULL);
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_false (dl_store_backup (f->store, missing, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "just some text", -1, NULL));
  g_assert_false (dl_store_check_backup (text, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE);
  g_clear_error (&error);

  sqlite3_open (other, &db);
  sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_false (dl_store_restore_file (other, f->path, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE);
  /* and the database is untouched */
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM member"), ==, 301);
  g_clear_error (&error);
}

/* A backup never lands on the database itself, nor on a file of some
 * other kind that has the name; over an older backup it may.  Backups
 * and exports are owner-only, as the database is, whatever the umask. */
/* "--db old.db --backup downline.db", the two paths swapped: the target
 * is a real business (closed, or open here), and it must survive. */
static void
test_backup_never_over_database (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other = g_build_filename (f->dir, "downline.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DlStore) other_store = dl_store_open (other, &error);
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;

  g_assert_no_error (error);
  dl_person_set_first_name (draft, "Precious");
  person = dl_store_add_person (other_store, draft, &error);
  g_assert_no_error (error);

  /* open in this process (a window has it): refused */
  g_assert_false (dl_store_backup (f->store, other, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_in (other, "SELECT count(*) FROM person WHERE first_name = 'Precious'"), ==, 1);

  /* closed: still a database, not a backup, so refused byte for byte */
  dl_store_close (other_store);
  before = dl_test_checksum (other);
  g_assert_false (dl_store_backup (f->store, other, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dl_store_backup_as_is (f->store, other, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  after = dl_test_checksum (other);
  g_assert_cmpstr (before, ==, after);
}

/* A backup carries its own mark; it replaces only what has that mark; a
 * log left beside an older backup is removed, never replayed onto the
 * new one; opened for writing, a backup becomes a database. */
static void
test_backup_mark_and_stale_log (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "kept.db", NULL);
  g_autofree char *wal = g_strconcat (backup, "-wal", NULL);
  g_autofree char *journal = g_strconcat (backup, "-journal", NULL);
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlStore) opened = NULL;
  int people;

  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (backup, "PRAGMA application_id"), ==, 0x446c6e62);

  dl_person_set_first_name (draft, "Newer");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_no_error (error);
  people = count_in (f->path, "SELECT count(*) FROM person");

  /* a copy killed half-way earlier left its hidden temporary file */
  {
    g_autofree char *part = g_build_filename (f->dir, ".kept.db.part-12345", NULL);

    g_assert_true (g_file_set_contents (part, "half a copy", -1, NULL));
    g_assert_true (dl_store_backup (f->store, backup, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  }
  g_assert_true (g_file_set_contents (wal, "stale log of an older copy", -1, NULL));
  g_assert_true (g_file_set_contents (journal, "stale journal", -1, NULL));
  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_in (backup, "SELECT count(*) FROM person"), ==, people);

  opened = dl_store_open (backup, &error);
  g_assert_no_error (error);
  dl_store_close (opened);
  g_assert_cmpint (count_in (backup, "PRAGMA application_id"), ==, 0x446c6e65);
  /* now a database: no backup replaces it */
  g_assert_false (dl_store_backup (f->store, backup, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

static void
list_names (const char *dir,
            GString    *out)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s ", (char *) names->pdata[i]);
}

/* Seven days of backups, then the database is damaged: today's copy
 * fails its check, nothing is rotated away, and the message names the
 * newest sound backup, which dl_store_find_good_backup finds too. */
static void
test_daily_damaged_keeps_good (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "daily", NULL);
  g_autofree char *newest = g_build_filename (dir, "downline-2026-11-07.db", NULL);
  g_autofree char *good = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  DlDay day = dl_day_from_ymd (2026, 11, 1);
  gboolean made = TRUE;

  for (guint i = 0; i < 7; i++)
    {
      g_assert_true (dl_store_backup_daily (f->store, dir, 7, day + (DlDay) i, NULL, &error));
      g_assert_no_error (error);
    }
  list_names (dir, before);
  g_assert_cmpstr (before->str, ==,
                   "downline-2026-11-01.db downline-2026-11-02.db downline-2026-11-03.db "
                   "downline-2026-11-04.db downline-2026-11-05.db downline-2026-11-06.db "
                   "downline-2026-11-07.db ");

  g_clear_object (&f->store);
  damage_middle_page (f->path);
  /* opened as a large file is: checked in the background, so the daily
   * backup runs before any verdict */
  dl_store_set_sync_check_limit (0);
  f->store = dl_store_open (f->path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  if (f->store == NULL)
    return;

  g_assert_false (dl_store_backup_daily (f->store, dir, 7, day + 7, &made, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED);
  g_assert_false (made);
  g_assert_nonnull (error != NULL ? strstr (error->message, "downline-2026-11-07.db") : NULL);
  list_names (dir, after);
  g_assert_cmpstr (after->str, ==, before->str);

  good = dl_store_find_good_backup (dir);
  g_assert_cmpstr (good, ==, newest);
}

/* A backup copied while it was being written has a hot journal beside
 * it: it is recovered in a private copy and restored; the backup and its
 * journal stay byte for byte as they were. */
static void
test_restore_hot_journal (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "hot.db", NULL);
  g_autofree char *journal = g_strconcat (backup, "-journal", NULL);
  g_autofree char *backup_sum = NULL;
  g_autofree char *journal_sum = NULL;
  g_autofree char *backup_after = NULL;
  g_autofree char *journal_after = NULL;
  int members;
  pid_t pid;
  int status = 0;

  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  members = count_in (backup, "SELECT count(*) FROM member");

  /* a writer that dies half-way through a big change */
  pid = fork ();
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      sqlite3_open (backup, &db);
      sqlite3_exec (db, "PRAGMA cache_size = 2; BEGIN; DELETE FROM interaction; DELETE FROM letter;"
                        "UPDATE person SET notes = hex (randomblob (300));", NULL, NULL, NULL);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  backup_sum = dl_test_checksum (backup);
  journal_sum = dl_test_checksum (journal);

  g_assert_true (dl_store_check_backup (backup, &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM member"), ==, members);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE length (notes) = 600"), ==, 0);

  backup_after = dl_test_checksum (backup);
  journal_after = dl_test_checksum (journal);
  g_assert_cmpstr (backup_sum, ==, backup_after);
  g_assert_cmpstr (journal_sum, ==, journal_after);
}

static void
test_backup_destinations (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "members.csv", NULL);
  g_autofree char *older = g_build_filename (f->dir, "older.db", NULL);
  g_autofree char *exports = g_build_filename (f->dir, "exports", NULL);
  g_autofree char *members_csv = g_build_filename (exports, "members.csv", NULL);
  g_autofree char *contents = NULL;
  mode_t old_mask = umask (022);
  GStatBuf st;

  g_assert_false (dl_store_backup (f->store, f->path, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM member"), ==, 301);

  g_assert_true (g_file_set_contents (text, "Member ID,Name\n1,Ann\n", -1, NULL));
  g_assert_false (dl_store_backup (f->store, text, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (text, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "Member ID,Name\n1,Ann\n");

  g_assert_true (dl_store_backup (f->store, older, &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_backup (f->store, older, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (older, "SELECT count(*) FROM member"), ==, 301);
  g_assert_cmpint (g_stat (older, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_cmpint (g_mkdir (exports, 0700), ==, 0);
  g_assert_true (dl_store_export_csv (f->store, exports, NULL, dl_day_today (), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (members_csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  umask (old_mask);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "before.db", NULL);
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlStore) reopened = NULL;
  int people;

  people = count_in (f->path, "SELECT count(*) FROM person");
  g_assert_true (dl_store_backup (f->store, dest, &error));
  g_assert_no_error (error);

  dl_person_set_first_name (draft, "After");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_nonnull (person);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person"), ==, people + 1);

  /* the caller closes its store first */
  g_clear_object (&person);
  g_clear_object (&f->store);
  g_assert_true (dl_store_restore_file (dest, f->path, &error));
  g_assert_no_error (error);

  reopened = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person"), ==, people);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE first_name = 'After'"), ==, 0);
  g_assert_cmpint (count_in (f->path, "PRAGMA application_id"), ==, DL_STORE_APPLICATION_ID);
}

/* Restoring into the running store: views keep their store and see the
 * backup's data at once. */
static void
test_restore_live (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "live.db", NULL);
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlPerson) again = NULL;
  g_autoptr(GListModel) people = NULL;
  guint n_people;

  g_assert_true (dl_store_backup (f->store, dest, &error));
  people = dl_store_get_people (f->store);
  n_people = g_list_model_get_n_items (people);

  dl_person_set_first_name (draft, "Gone");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_nonnull (person);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, n_people + 1);

  g_assert_true (dl_store_restore (f->store, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE first_name = 'Gone'"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, n_people);
  again = dl_store_get_person (f->store, dl_person_get_id (person));
  g_assert_null (again);

  /* the store goes on working, and the file stays in WAL mode */
  g_clear_object (&draft);
  draft = dl_person_new ();
  dl_person_set_first_name (draft, "After");
  g_clear_object (&person);
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE first_name = 'After'"), ==, 1);
}

static void
on_flag_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
}

/* A large file found damaged by the check after opening refuses every
 * write.  A backup restored into it live makes it sound again: verified,
 * said so, and written to, without opening it again. */
static void
test_restore_over_damaged (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "good.db", NULL);
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  gboolean damaged = FALSE;
  gboolean verified = FALSE;

  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  damage_middle_page (f->path);

  dl_store_set_sync_check_limit (0);
  f->store = dl_store_open (f->path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  if (f->store == NULL)
    return;
  g_signal_connect_swapped (f->store, "damaged", G_CALLBACK (on_flag_cb), &damaged);
  g_signal_connect_swapped (f->store, "notify::verified", G_CALLBACK (on_flag_cb), &verified);

  dl_person_set_first_name (draft, "Lost");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_null (person);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  while (!damaged)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dl_store_is_verified (f->store));

  g_assert_true (dl_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  g_assert_true (verified);
  g_assert_true (dl_store_is_verified (f->store));

  dl_person_set_first_name (draft, "Kept");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person WHERE first_name = 'Kept'"), ==, 1);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"),
                   ==, 1);
}

/* A backup written by the first release (schema version 1) restores into
 * this one, live and as a file, and the backup stays as it was. */
static void
test_restore_older (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old = g_build_filename (f->dir, "version-1.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlStore) reopened = NULL;
  gsize before_len, after_len;
  sqlite3 *db = NULL;
  int people;

  /* this version's file, taken back to version 1: version 5 added the
   * search index, version 4 the risk model, version 3 the monthly
   * figures, version 2 the stage history */
  g_assert_true (dl_store_backup (f->store, old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (old, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TRIGGER person_search_person_insert;"
                                 "DROP TRIGGER person_search_person_update;"
                                 "DROP TRIGGER person_search_person_delete;"
                                 "DROP TRIGGER person_search_member_insert;"
                                 "DROP TRIGGER person_search_member_number;"
                                 "DROP TRIGGER person_search_member_delete;"
                                 "DROP TRIGGER person_search_contact_insert;"
                                 "DROP TRIGGER person_search_contact_update;"
                                 "DROP TRIGGER person_search_contact_delete;"
                                 "DROP TABLE person_name_search; DROP TABLE person_search;"
                                 "DROP TABLE person_search_state; DROP TABLE person_search_pending;"
                                 "DROP TABLE risk_model;"
                                 "DROP TABLE event; DROP TABLE period_figures; DROP TABLE snapshot;"
                                 "DROP TABLE placement;"
                                 "ALTER TABLE member DROP COLUMN highest_rank;"
                                 "ALTER TABLE member DROP COLUMN first_order;"
                                 "ALTER TABLE member DROP COLUMN last_order;"
                                 "ALTER TABLE member DROP COLUMN autoship;"
                                 "ALTER TABLE member DROP COLUMN next_autoship;"
                                 "ALTER TABLE member DROP COLUMN renewal_on;"
                                 "DROP TABLE stage_exit; PRAGMA user_version = 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (old, &before, &before_len, NULL));
  people = count_in (f->path, "SELECT count(*) FROM person");

  dl_person_set_first_name (draft, "Gone");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_nonnull (person);

  /* live */
  g_assert_true (dl_store_restore (f->store, old, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_in (f->path, "PRAGMA user_version"), ==, DL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person"), ==, people);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM stage_exit"), ==, 0);
  g_clear_object (&person);
  g_clear_object (&draft);
  draft = dl_person_new ();
  dl_person_set_first_name (draft, "After");
  person = dl_store_add_person (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  g_assert_true (g_file_get_contents (old, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
  {
    g_autofree char *staged = g_strconcat (f->path, ".restoring", NULL);

    g_assert_false (g_file_test (staged, G_FILE_TEST_EXISTS));
  }

  /* as a file, opened afterwards */
  g_clear_object (&person);
  g_clear_object (&f->store);
  g_assert_true (dl_store_restore_file (old, f->path, &error));
  g_assert_no_error (error);
  reopened = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reopened);
  g_assert_cmpint (count_in (f->path, "PRAGMA user_version"), ==, DL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM person"), ==, people);
}

static void
test_daily (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (f->dir, "daily", NULL);
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  DlDay day = dl_day_from_ymd (2026, 11, 1);
  g_autofree char *stray = NULL;
  gboolean made = FALSE;
  guint n = 0;
  const char *name;

  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (dl_store_backup_daily (f->store, dir, 3, day + (DlDay) i, &made, &error));
      g_assert_no_error (error);
      g_assert_true (made);
    }
  /* twice the same day: one backup */
  g_assert_true (dl_store_backup_daily (f->store, dir, 3, day + 5, &made, &error));
  g_assert_false (made);

  stray = g_build_filename (dir, "my-own-copy.db", NULL);
  g_assert_true (g_file_set_contents (stray, "x", -1, NULL));
  g_assert_true (dl_store_backup_daily (f->store, dir, 3, day + 6, &made, &error));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_test_message ("%s", name);
      n++;
    }
  /* the last three, and the user's own file left alone */
  g_assert_cmpuint (n, ==, 4);
  g_assert_true (g_file_test (stray, G_FILE_TEST_EXISTS));
  {
    g_autofree char *newest = g_build_filename (dir, "downline-2026-11-07.db", NULL);
    g_autofree char *oldest = g_build_filename (dir, "downline-2026-11-05.db", NULL);
    g_autofree char *gone = g_build_filename (dir, "downline-2026-11-04.db", NULL);

    g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (oldest, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  }
}

/* members.csv goes into a fresh database through the import and gives
 * the same downline: the user's own row first, so even the members they
 * enrolled and the placements under them come back. */
static void
test_export_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *members = g_build_filename (f->dir, "members.csv", NULL);
  g_autofree char *prospects = g_build_filename (f->dir, "prospects.csv", NULL);
  g_autofree char *contacts = g_build_filename (f->dir, "contacts.csv", NULL);
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlStore) fresh = NULL;
  const char *edges =
    "SELECT count(*) FROM member m JOIN member s ON s.person_id = m.sponsor_id "
    "WHERE m.member_number IS NOT NULL AND s.member_number IS NOT NULL";
  const char *placed =
    "SELECT count(*) FROM placement p JOIN member m ON m.person_id = p.member_id "
    "JOIN member s ON s.person_id = p.parent_id";
  g_autofree char *user_number = NULL;

  g_assert_true (dl_store_export_csv (f->store, f->dir, NULL, dl_day_today (), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (prospects, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (contacts, G_FILE_TEST_EXISTS));

  table = dl_csv_table_new_from_file (members, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, 302);   /* header, the user, 300 */
  g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==,
                    (guint) count_in (f->path, "SELECT count(*) FROM member") + 1);
  {
    g_autoptr(DlProfile) profile = dl_store_get_profile (f->store);

    user_number = g_strdup (dl_profile_get_member_number (profile));
  }
  g_assert_cmpstr (user_number, !=, "");
  g_assert_cmpstr (dl_csv_table_get (table, 1, 0), ==, user_number);

  fresh = dl_store_open (fresh_path, &error);
  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  result = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_NONE,
                                   dl_store_has_member_number, fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_true (dl_store_import_members (fresh, result, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (count_in (fresh_path, "SELECT count(*) FROM member"), ==, 301);
  /* every sponsor and placement, those of the user included; the
   * user's row is the one top */
  g_assert_cmpint (count_in (fresh_path, edges), ==, count_in (f->path, edges));
  g_assert_cmpint (count_in (fresh_path, edges), ==, 300);
  g_assert_cmpint (count_in (fresh_path, placed), ==, count_in (f->path, placed));
  g_assert_cmpint (count_in (fresh_path, placed), ==, 300);
  g_assert_cmpint (count_in (fresh_path, "SELECT count(*) FROM member WHERE sponsor_id IS NULL"), ==, 1);
  g_assert_cmpint (count_in (fresh_path, "SELECT count(*) FROM member WHERE status = 'dropped'"), ==,
                   count_in (f->path, "SELECT count(*) FROM member WHERE status = 'dropped'"));
  /* customers come back as customers (the sample has some) */
  g_assert_cmpint (count_in (f->path, "SELECT count(*) FROM member WHERE role = 'customer'"), >, 0);
  g_assert_cmpint (count_in (fresh_path, "SELECT count(*) FROM member WHERE role = 'customer'"), ==,
                   count_in (f->path, "SELECT count(*) FROM member WHERE role = 'customer'"));

  g_assert_false (dl_store_export_csv (f->store, "/no/such/folder", NULL, dl_day_today (), &error));
  g_assert_nonnull (error);
}

/* Cells a spreadsheet would run as a formula leave as text (OWASP: a
 * leading quote before =, +, -, @, tab, CR) and read back unchanged. */
static void
test_export_formula_guard (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) person = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autofree char *members = g_build_filename (f->dir, "members.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlStore) fresh = NULL;
  gboolean found = FALSE;

  dl_person_set_first_name (person, "=HYPERLINK(\"http://evil.example\",\"Ann\")");
  dl_person_set_last_name (person, "@SUM(1+1)");
  dl_person_set_phone (person, "+34 600 111 222");
  dl_person_set_city (person, "-Lima");
  member = dl_store_add_member (f->store, person, 0, "F-1", dl_day_from_ymd (2026, 1, 5),
                                DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);

  g_assert_true (dl_store_export_csv (f->store, f->dir, NULL, dl_day_today (), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (members, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "F-1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Ann\"\")\","
                                  "'@SUM(1+1),,'+34 600 111 222,,,2026-01-05,"));
  g_assert_nonnull (strstr (text, ",'-Lima,"));
  g_assert_null (strstr (text, ",=HYPERLINK"));
  g_assert_null (strstr (text, ",@SUM"));

  /* and the import takes the guard off again */
  table = dl_csv_table_new_from_file (members, &error);
  g_assert_no_error (error);
  fresh = dl_store_open (fresh_path, &error);
  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  result = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_NONE,
                                   dl_store_has_member_number, fresh, &error);
  g_assert_no_error (error);
  for (guint i = 0; result != NULL && i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

      if (g_strcmp0 (row->member_number, "F-1") != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (row->first_name, ==, "=HYPERLINK(\"http://evil.example\",\"Ann\")");
      g_assert_cmpstr (row->last_name, ==, "@SUM(1+1)");
      g_assert_cmpstr (row->phone, ==, "+34 600 111 222");
      g_assert_cmpstr (row->city, ==, "-Lima");
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/while-writing", test_backup_while_writing);
  ADD ("/backup/async", test_backup_async);
  ADD ("/backup/errors", test_backup_errors);
  ADD ("/backup/destinations", test_backup_destinations);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-live", test_restore_live);
  ADD ("/backup/restore-over-damaged", test_restore_over_damaged);
  ADD ("/backup/restore-older", test_restore_older);
  ADD ("/backup/daily", test_daily);
  ADD ("/backup/never-over-database", test_backup_never_over_database);
  ADD ("/backup/mark-and-stale-log", test_backup_mark_and_stale_log);
  ADD ("/backup/daily-damaged-keeps-good", test_daily_damaged_keeps_good);
  ADD ("/backup/restore-hot-journal", test_restore_hot_journal);
  ADD ("/backup/export-round-trip", test_export_round_trip);
  ADD ("/backup/export-formula-guard", test_export_formula_guard);
#undef ADD

  return g_test_run ();
}

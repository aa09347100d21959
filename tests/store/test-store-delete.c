/* test-store-delete.c — a deleted member comes back whole with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test compares the whole file, table by table, before a delete
 * and after its undo: whatever the delete took (the member row, the
 * contacts, the monthly figures, a placement under them) is back as it
 * was, and nothing else moved.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "dl-store-delete.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"

static char *tmp_dir;

static int
sort_lines (const char **a,
            const char **b)
{
  return strcmp (*a, *b);
}

/* The first line where two dumps differ, for the message. */
static void
assert_same (const char *before,
             const char *after)
{
  g_auto(GStrv) a = g_strsplit (before, "\n", -1);
  g_auto(GStrv) b = g_strsplit (after, "\n", -1);

  for (guint i = 0; a[i] != NULL || b[i] != NULL; i++)
    if (a[i] == NULL || b[i] == NULL || !g_str_equal (a[i], b[i]))
      {
        g_test_message ("line %u: before “%s”, after “%s”", i,
                        a[i] != NULL ? a[i] : "(end)", b[i] != NULL ? b[i] : "(end)");
        g_test_fail ();
        return;
      }
}

/* Every row of every table but the search index (rebuilt from the rows
 * in the background), as text. */
static char *
dump (DlStore *store)
{
  sqlite3 *db = dl_store_get_handle (store);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'person_search%' "
                                       "AND name NOT LIKE 'person_name_search%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      /* in no order: the lines are sorted below */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, t));

      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

      g_string_append_printf (out, "== %s\n", (char *) g_ptr_array_index (tables, t));
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *line = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (line, "%s|", text != NULL ? text : "NULL");
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      sqlite3_finalize (stmt);
      /* a row put back in a table without an id of its own gets a new
       * rowid: its place in the table is no part of what is kept */
      g_ptr_array_sort (lines, (GCompareFunc) sort_lines);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
query_int (DlStore    *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (dl_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
exec (DlStore    *store,
      const char *sql)
{
  g_assert_cmpint (sqlite3_exec (dl_store_get_handle (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
}

/* The sample business, with a leaf member who has contacts and monthly
 * figures, placed under someone and with someone placed under them. */
static DlStore *
new_business (const char *name,
              gint64     *leaf)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  DlSampleSummary summary;
  g_autofree char *sql = NULL;
  gint64 other;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 300, 7, dl_day_from_ymd (2026, 12, 4), &summary, &error));
  g_assert_no_error (error);

  *leaf = query_int (store,
                     "SELECT m.person_id FROM member m "
                     "WHERE m.person_id <> (SELECT person_id FROM profile) "
                     "AND NOT EXISTS (SELECT 1 FROM member r WHERE r.sponsor_id = m.person_id) "
                     "AND EXISTS (SELECT 1 FROM interaction i WHERE i.person_id = m.person_id) "
                     "AND EXISTS (SELECT 1 FROM period_figures f WHERE f.member_id = m.person_id) "
                     "ORDER BY m.person_id LIMIT 1");
  g_assert_cmpint (*leaf, >, 0);
  other = query_int (store, "SELECT max (person_id) FROM member");
  g_assert_cmpint (other, !=, *leaf);
  sql = g_strdup_printf ("INSERT OR REPLACE INTO placement (member_id, parent_id, side) VALUES "
                         "(%" G_GINT64_FORMAT ", (SELECT person_id FROM profile), 'left'), "
                         "(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'right')",
                         *leaf, other, *leaf);
  exec (store, sql);
  return g_steal_pointer (&store);
}

static void
test_delete_and_restore (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDeletedPerson) deleted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *count_sql = NULL;
  gint64 leaf = 0;
  g_autoptr(DlStore) store = new_business ("restore.db", &leaf);

  before = dump (store);
  deleted = dl_store_delete_person_keeping (store, leaf, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpint (dl_deleted_person_get_id (deleted), ==, leaf);
  g_assert_cmpstr (dl_deleted_person_get_name (deleted), !=, "");

  /* gone, with everything of theirs; the one placed under them is left
   * without a placement parent */
  count_sql = g_strdup_printf ("SELECT (SELECT count(*) FROM person WHERE id = %1$" G_GINT64_FORMAT ")"
                               " + (SELECT count(*) FROM interaction WHERE person_id = %1$" G_GINT64_FORMAT ")"
                               " + (SELECT count(*) FROM period_figures WHERE member_id = %1$" G_GINT64_FORMAT ")"
                               " + (SELECT count(*) FROM placement WHERE member_id = %1$" G_GINT64_FORMAT
                               "      OR parent_id = %1$" G_GINT64_FORMAT ")",
                               leaf);
  g_assert_cmpint (query_int (store, count_sql), ==, 0);
  gone = dump (store);
  g_assert_false (g_str_equal (gone, before));

  g_assert_cmpint (dl_store_restore_deleted (store, deleted, &error), ==, leaf);
  g_assert_no_error (error);
  after = dump (store);
  assert_same (before, after);

  /* an undo is done once */
  g_assert_cmpint (dl_store_restore_deleted (store, deleted, &error), ==, 0);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_clear_pointer (&after, g_free);
  after = dump (store);
  assert_same (before, after);
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDeletedPerson) deleted = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 leaf = 0;
  g_autoptr(DlStore) store = new_business ("refused.db", &leaf);
  gint64 sponsor = query_int (store,
                              "SELECT sponsor_id FROM member WHERE sponsor_id <> "
                              "(SELECT person_id FROM profile) LIMIT 1");

  before = dump (store);
  deleted = dl_store_delete_person_keeping (store, sponsor, &error);
  g_assert_null (deleted);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  deleted = dl_store_delete_person_keeping (store, dl_store_get_user_id (store), &error);
  g_assert_null (deleted);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  after = dump (store);
  assert_same (before, after);
}

/* Someone added after the delete took the free id: the member comes
 * back under another, with all of theirs. */
static void
test_id_taken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDeletedPerson) deleted = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) added = NULL;
  g_autoptr(DlPerson) back = NULL;
  g_autofree char *sql = NULL;
  gint64 leaf = 0;
  g_autoptr(DlStore) store = new_business ("taken.db", &leaf);
  gint64 last, contacts, figures, id;

  /* the newest person, who is a leaf member with contacts */
  last = query_int (store, "SELECT max (id) FROM person");
  sql = g_strdup_printf ("INSERT OR REPLACE INTO member (person_id, sponsor_id, member_number, joined_on) VALUES "
                         "(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 'Z-1', '2026-11-02');"
                         "INSERT INTO interaction (person_id, kind, at) VALUES "
                         "(%" G_GINT64_FORMAT ", 'call', '2026-11-03T10:00:00'),"
                         "(%" G_GINT64_FORMAT ", 'message', '2026-11-20T10:00:00');"
                         "INSERT INTO period_figures (member_id, period, pv) VALUES "
                         "(%" G_GINT64_FORMAT ", '2026-11', 80);",
                         last, leaf, last, last, last);
  exec (store, "DELETE FROM prospect WHERE person_id = (SELECT max (id) FROM person)");
  exec (store, sql);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM interaction WHERE person_id = %" G_GINT64_FORMAT, last);
  contacts = query_int (store, sql);
  g_assert_cmpint (contacts, >=, 2);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM period_figures WHERE member_id = %" G_GINT64_FORMAT, last);
  figures = query_int (store, sql);
  g_assert_cmpint (figures, >=, 1);

  deleted = dl_store_delete_person_keeping (store, last, &error);
  g_assert_no_error (error);
  dl_person_set_first_name (draft, "Newcomer");
  added = dl_store_add_person (store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dl_person_get_id (added), ==, last);

  id = dl_store_restore_deleted (store, deleted, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, last);
  back = dl_store_get_person (store, id);
  g_assert_cmpstr (dl_person_get_name (back), ==, dl_deleted_person_get_name (deleted));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT (SELECT count(*) FROM interaction WHERE person_id = %1$" G_GINT64_FORMAT ")"
                         " * 100 + (SELECT count(*) FROM period_figures WHERE member_id = %1$" G_GINT64_FORMAT ")"
                         " * 10 + (SELECT count(*) FROM member WHERE person_id = %1$" G_GINT64_FORMAT
                         "        AND member_number = 'Z-1')",
                         id);
  g_assert_cmpint (query_int (store, sql), ==, contacts * 100 + figures * 10 + 1);
  /* the newcomer keeps their own id and nothing of the deleted one */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM interaction WHERE person_id = %" G_GINT64_FORMAT, last);
  g_assert_cmpint (query_int (store, sql), ==, 0);
}

/* Their member number was given to someone else since: nothing comes
 * back, and the error says why. */
static void
test_number_taken (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlDeletedPerson) deleted = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 leaf = 0;
  g_autoptr(DlStore) store = new_business ("number.db", &leaf);

  sql = g_strdup_printf ("UPDATE member SET member_number = 'N-77' WHERE person_id = %" G_GINT64_FORMAT, leaf);
  exec (store, sql);
  deleted = dl_store_delete_person_keeping (store, leaf, &error);
  g_assert_no_error (error);
  exec (store, "UPDATE member SET member_number = 'N-77' WHERE person_id = "
               "(SELECT max (person_id) FROM member)");

  before = dump (store);
  g_assert_cmpint (dl_store_restore_deleted (store, deleted, &error), ==, 0);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "N-77"));
  after = dump (store);
  assert_same (before, after);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("downline-test-store-delete-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/delete/restore-whole", test_delete_and_restore);
  g_test_add_func ("/store/delete/refused", test_refused);
  g_test_add_func ("/store/delete/id-taken", test_id_taken);
  g_test_add_func ("/store/delete/number-taken", test_number_taken);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
  }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* test-migrate.c — files of every older schema version open and migrate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each version v below the current one a file is brought to v with
 * the store's own migration steps (as the release that wrote v left it),
 * given some rows, and opened.  The result must equal a fresh file's
 * schema, keep the rows, and pass the integrity and foreign key checks.
 * Version 0 is a missing file and an empty one.  A later schema version
 * adds rows for its new columns in fill_version ().
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dl-store-private.h"
#include "../dl-test-files.h"

static char *tmp_dir;

static char *
make_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
schema_of (sqlite3 *db)
{
  g_autoptr(GString) schema = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, tbl_name, sql FROM sqlite_schema "
                                       "ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s %s %s\n%s\n",
                            sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3) ? (const char *) sqlite3_column_text (stmt, 3) : "");
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&schema), FALSE);
}

static int
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
fresh_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = make_path ("fresh.db");
  g_autoptr(DlStore) store = dl_store_open (path, &error);

  g_assert_no_error (error);

  return schema_of (dl_store_get_handle (store));
}

/* Rows a user of version v would have.  Returns how many people. */
static int
fill_version (sqlite3 *db,
              int      version)
{
  if (version == 0)
    return 0;

  /* Version 1. */
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA foreign_keys = ON;"
                                 "INSERT INTO person (id, first_name, last_name, created_at, updated_at) "
                                 "VALUES (1, 'Old', 'User', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),"
                                 "(2, 'Old', 'Member', '2020-01-02T00:00:00Z', '2020-01-02T00:00:00Z');"
                                 "INSERT INTO profile (id, person_id, company) VALUES (1, 1, 'Acme');"
                                 "INSERT INTO member (person_id, sponsor_id, member_number, joined_on) "
                                 "VALUES (1, NULL, NULL, '2020-01-01'), (2, 1, '42', '2020-01-02');"
                                 "INSERT INTO interaction (person_id, kind, at, summary) "
                                 "VALUES (2, 'call', '2020-02-02T10:00:00', 'hello');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  return 2;
}

static void
check_migrated (const char *path,
                int         n_people,
                const char *expected_schema)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autofree char *schema = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;
  db = dl_store_get_handle (store);

  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, DL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, DL_STORE_APPLICATION_ID);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check "
                                  "WHERE integrity_check <> 'ok'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM person"), ==, n_people);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM stage"), ==, 7);

  schema = schema_of (db);
  g_assert_cmpstr (schema, ==, expected_schema);

  if (n_people > 0)
    {
      g_autoptr(DlMember) member = dl_store_get_member (store, 2);
      g_autoptr(DlProfile) profile = dl_store_get_profile (store);

      g_assert_nonnull (member);
      g_assert_cmpstr (dl_member_get_member_number (member), ==, "42");
      g_assert_cmpstr (dl_profile_get_company (profile), ==, "Acme");
    }
}

static void
test_from_every_version (void)
{
  g_autofree char *expected = fresh_schema ();

  for (int version = 0; version < DL_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.db", version);
      g_autofree char *path = make_path (name);
      g_autoptr(GError) error = NULL;
      sqlite3 *db = NULL;
      int n_people;

      g_test_message ("from version %d", version);

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (dl_store_migrate_db (db, version, &error));
      g_assert_no_error (error);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, version);
      n_people = fill_version (db, version);
      g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

      check_migrated (path, n_people, expected);
    }
}

static void
test_version_zero_files (void)
{
  g_autofree char *expected = fresh_schema ();
  g_autofree char *missing = make_path ("missing.db");
  g_autofree char *empty = make_path ("empty.db");
  g_autoptr(GError) error = NULL;

  check_migrated (missing, 0, expected);

  g_assert_true (g_file_set_contents (empty, "", 0, &error));
  check_migrated (empty, 0, expected);
}

static void
test_migration_is_idempotent (void)
{
  g_autofree char *expected = fresh_schema ();
  g_autofree char *path = make_path ("twice.db");

  /* Reopening a current file runs no step again. */
  check_migrated (path, 0, expected);
  check_migrated (path, 0, expected);
}

static void
test_failed_step_rolls_back (void)
{
  g_autofree char *path = make_path ("half.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  /* A table in the way makes step 0 -> 1 fail half-way: nothing of it
   * may stay, the version must stay 0. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE template (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (dl_store_migrate_db (db, DL_STORE_SCHEMA_VERSION, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'person'"), ==, 0);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* How many tables of a list's words the statement builds as it runs. */
static int
n_list_tables (sqlite3    *db,
               const char *sql)
{
  g_autofree char *explain = g_strdup_printf ("EXPLAIN %s", sql);
  sqlite3_stmt *stmt = NULL;
  int n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    /* a list's table is an index, its key "k(1,B)"; a statement's own
     * scratch tables (the rows of a VALUES for its triggers) are not */
    n += g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral") &&
         sqlite3_column_text (stmt, 5) != NULL &&
         g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 5), "k(");
  sqlite3_finalize (stmt);
  return n;
}

/* Version 8 writes the CHECKs that list three words or more as
 * comparisons: the writes a million-member import makes per row build
 * no table of the words for each row, and every rule still holds. */
static void
test_checks_as_comparisons (void)
{
  g_autofree char *path = make_path ("checks.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  sqlite3 *db;
  static const char *const refused[] = {
    "INSERT INTO member (person_id, joined_on, status) VALUES (2, '2020-01-02', 'gone')",
    "INSERT INTO member (person_id, joined_on, status) VALUES (2, '2020-01-02', 'Active')",
    "INSERT INTO period_figures (member_id, period, status) VALUES (1, '2026-01', 'retired')",
    "INSERT INTO interaction (person_id, kind, at) VALUES (1, 'fax', '2020-02-02T10:00:00')",
    ("INSERT INTO prospect (person_id, stage_id, interest, entered_stage_at) "
     "VALUES (2, (SELECT min (id) FROM stage), 'money', 'x')"),
  };

  g_assert_no_error (error);
  db = dl_store_get_handle (store);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO person (id, first_name, created_at, updated_at) "
                                 "VALUES (1, 'Ana', 'x', 'x'), (2, 'Bo', 'x', 'x');"
                                 "INSERT INTO member (person_id, joined_on, status) VALUES (1, '2020-01-01', 'dropped');"
                                 "INSERT INTO period_figures (member_id, period, status) VALUES (1, '2026-01', 'inactive');"
                                 "INSERT INTO interaction (person_id, kind, at) VALUES (1, 'note', '2020-02-02T10:00:00');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("%s", refused[i]);
      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
      g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_CONSTRAINT_CHECK);
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM member"), ==, 1);

  g_assert_cmpint (n_list_tables (db, "INSERT INTO member (person_id, joined_on, status) "
                                      "VALUES (?1, '2020-01-02', ?2), (?3, '2020-01-02', ?4)"), ==, 0);
  g_assert_cmpint (n_list_tables (db, "UPDATE member SET status = ?2 WHERE person_id = ?1"), ==, 0);
  g_assert_cmpint (n_list_tables (db, "INSERT INTO period_figures (member_id, period, status) "
                                      "VALUES (?1, ?2, ?3)"), ==, 0);
}

/* An SQLite that guards its schema (defensive mode) refuses version 8's
 * edit: the file still opens, at version 8, its rules as they were. */
static void
test_checks_kept_when_defensive (void)
{
  g_autofree char *path = make_path ("defensive.db");
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  int on = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (dl_store_migrate_db (db, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, &on), ==, SQLITE_OK);
  g_assert_cmpint (on, ==, 1);
  g_assert_true (dl_store_migrate_db (db, DL_STORE_SCHEMA_VERSION, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, DL_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema "
                                  "WHERE sql LIKE '%status IN (''active'', ''inactive'', ''dropped'')%'"), ==, 2);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO person (id, first_name, created_at, updated_at) "
                                     "VALUES (1, 'Ana', 'x', 'x')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO member (person_id, joined_on, status) "
                                     "VALUES (1, '2020-01-01', 'gone')", NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-migrate-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/migrate/from-every-version", test_from_every_version);
  g_test_add_func ("/store/migrate/version-zero-files", test_version_zero_files);
  g_test_add_func ("/store/migrate/idempotent", test_migration_is_idempotent);
  g_test_add_func ("/store/migrate/failed-step-rolls-back", test_failed_step_rolls_back);
  g_test_add_func ("/store/migrate/checks-as-comparisons", test_checks_as_comparisons);
  g_test_add_func ("/store/migrate/checks-kept-when-defensive", test_checks_kept_when_defensive);

  result = g_test_run ();

  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return result;
}

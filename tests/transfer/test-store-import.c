/* test-store-import.c — members into a real database: first import,
 * next month's, and imports that must leave no trace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dl-store-import.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-search.h"
#include "dl-store-testing.h"
#include "../dl-test-damage.h"

typedef struct
{
  char    *dir;
  DlStore *store;
  gint64   user_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();

  f->dir = g_dir_make_tmp ("downline-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);

  dl_person_set_first_name (me, "Ana");
  dl_person_set_last_name (me, "Pereira");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);
  f->user_id = dl_store_get_user_id (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* Every row of every table, as text: two equal dumps are two equal
 * databases. */
static char *
dump (DlStore *store)
{
  sqlite3 *db = dl_store_get_handle (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  /* the schema too: a big import drops and rebuilds indexes inside its
   * transaction */
  sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_type (stmt, 2) == SQLITE_NULL ? "" : (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", (char *) tables->pdata[t]);

      g_string_append_printf (out, "== %s\n", (char *) tables->pdata[t]);
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  return g_string_free (out, FALSE);
}

static char *
query_text (DlStore    *store,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (dl_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL ? "NULL" : (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
person_of (DlStore    *store,
           const char *number)
{
  g_autofree char *id = query_text (store, "SELECT person_id FROM member WHERE member_number = ?", number);

  return id != NULL ? g_ascii_strtoll (id, NULL, 10) : 0;
}

static DlImportResult *
validate_text (DlStore          *store,
               const char       *text,
               DlUnknownSponsor  policy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = dl_csv_table_new_from_data (text, strlen (text), &error);
  g_autoptr(DlCsvMapping) mapping = NULL;
  DlImportResult *result;

  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  result = dl_csv_import_validate_full (table, mapping,
                                        dl_csv_guess_date_order (table, mapping, NULL, NULL),
                                        policy, dl_store_has_member_number, store, NULL,
                                        dl_store_find_qualified_numbers, store, NULL, &error);
  g_assert_no_error (error);
  return result;
}

static DlImportResult *
validate_file (DlStore    *store,
               const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return validate_text (store, text, DL_UNKNOWN_SPONSOR_USER);
}

static void
import (DlStore        *store,
        DlImportResult *result)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_import_members (store, result, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Imports result expecting a refusal: the database, schema and rows,
 * must come out exactly as it was.  Returns the error, to look at. */
static GError *
import_refused (DlStore              *store,
                const DlImportResult *result,
                GCancellable         *cancellable,
                DlImportProgressFunc  progress,
                gpointer              progress_data)
{
  g_autofree char *before = dump (store);
  g_autofree char *after = NULL;
  GError *error = NULL;

  g_assert_false (dl_store_import_members (store, result, cancellable, progress, progress_data, NULL, NULL, &error));
  g_assert_nonnull (error);
  after = dump (store);
  g_assert_cmpstr (before, ==, after);

  return error;
}

static void
test_first_import (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DlImportResult) result = validate_file (f->store, "backoffice-en.csv");
  g_autoptr(DlImportPlan) plan = dl_store_plan_import (f->store, result, NULL);
  g_autoptr(DlTree) tree = NULL;
  g_autofree char *sponsor = NULL;
  g_autofree char *status = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_assert_cmpuint (plan->n_new, ==, 5);
  g_assert_cmpuint (plan->n_updated, ==, 0);
  g_assert_cmpuint (plan->missing->len, ==, 0);

  import (f->store, result);

  /* 10001's sponsor 90000 is not in the file: under the user */
  sponsor = query_text (f->store, "SELECT sponsor_id FROM member WHERE member_number = ?", "10001");
  g_assert_cmpint (g_ascii_strtoll (sponsor, NULL, 10), ==, f->user_id);
  g_clear_pointer (&sponsor, g_free);
  sponsor = query_text (f->store,
                        "SELECT s.member_number FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                        "WHERE m.member_number = ?", "10005");
  g_assert_cmpstr (sponsor, ==, "10003");
  status = query_text (f->store, "SELECT status || ' ' || (status_since IS NOT NULL) FROM member WHERE member_number = ?", "10005");
  g_assert_cmpstr (status, ==, "dropped 1");
  first = query_text (f->store, "SELECT first_name FROM person JOIN member ON person_id = id WHERE member_number = ?", "10002");
  g_assert_cmpstr (first, ==, "Tom \"Tommy\"");
  last = query_text (f->store, "SELECT last_activity FROM member WHERE member_number = ?", "10001");
  g_assert_cmpstr (last, ==, "2024-02-28");

  tree = dl_store_load_tree (f->store, NULL);
  g_assert_nonnull (tree);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 6);
}

static void
test_no_sponsor_policy (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DlImportResult) result =
    validate_text (f->store, "id,sponsor,name\n7,99,Ann Lee\n8,7,Bo Chan\n", DL_UNKNOWN_SPONSOR_NONE);
  g_autofree char *sponsor = NULL;

  import (f->store, result);
  sponsor = query_text (f->store, "SELECT sponsor_id FROM member WHERE member_number = ?", "7");
  g_assert_cmpstr (sponsor, ==, "NULL");
}

/* With the user's own back-office number in the profile, the export's
 * row of that number is the user: its recruits are the user's, and no
 * second "you" is filed as the user's recruit.  A number someone else
 * has is refused, naming them, and nothing changes. */
static void
test_user_number_is_root (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DlProfile) saved = dl_store_get_profile (f->store);
  /* a draft to change: its person is a copy too */
  g_autoptr(DlProfile) profile = dl_profile_copy (saved);
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sponsor = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  dl_profile_set_member_number (profile, " 5000 ");
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);
  g_assert_cmpint (person_of (f->store, "5000"), ==, f->user_id);
  {
    g_autoptr(DlProfile) read_back = dl_store_load_profile (f->store, 1);

    g_assert_cmpstr (dl_profile_get_member_number (read_back), ==, "5000");
  }

  result = validate_text (f->store,
                          "id,sponsor,name\n5000,4000,Ana Pereira\n5001,5000,Ann Lee\n5002,5001,Bo Chan\n",
                          DL_UNKNOWN_SPONSOR_USER);
  import (f->store, result);

  sponsor = query_text (f->store, "SELECT sponsor_id FROM member WHERE member_number = ?", "5001");
  g_assert_cmpint (g_ascii_strtoll (sponsor, NULL, 10), ==, f->user_id);
  g_clear_pointer (&sponsor, g_free);
  /* the user stays the root, with no sponsor of their own */
  sponsor = query_text (f->store, "SELECT sponsor_id FROM member WHERE member_number = ?", "5000");
  g_assert_cmpstr (sponsor, ==, "NULL");
  tree = dl_store_load_tree (f->store, NULL);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 3);

  /* Ann's number as the user's: refused by name, nothing written */
  before = dump (f->store);
  dl_profile_set_member_number (profile, "5001");
  g_assert_false (dl_store_save_profile (f->store, profile, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (error != NULL ? strstr (error->message, "Ann Lee") : NULL);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);

  /* the user's number edited as a member's: the profile (what
   * Preferences shows, and would save back) follows */
  {
    g_autoptr(DlProfile) shared = dl_store_get_profile (f->store);
    g_autoptr(DlMember) stored = dl_store_get_member (f->store, f->user_id);
    g_autoptr(DlMember) draft = dl_member_copy (stored);

    dl_member_set_member_number (draft, "5005");
    g_assert_true (dl_store_update_member (f->store, draft, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (dl_profile_get_member_number (shared), ==, "5005");
  }
}

/* Next month: ranks and statuses move, someone new joins, someone is
 * gone from the file; every note and contact stays. */
static void
test_reimport_keeps_history (Fixture       *f,
                             gconstpointer  data)
{
  static const char next_month[] =
    "Member ID,Sponsor ID,First Name,Last Name,Join Date,Rank,Status,Email,Phone,Last Order Date\r\n"
    "10001,90000,Grace,Okafor,2023-01-14,Gold,Active,,+1 555 0101,2024-03-28\r\n"
    "10002,10001,\"Tom \"\"Tommy\"\"\",Reyes,2023-02-03,Gold,Active,tom.reyes@example.com,+1 555 0102,2024-03-01\r\n"
    "10003,10001,Priya,\"Nair, MD\",2023-03-22,Bronze,Active,priya@example.com,,2023-11-30\r\n"
    "10004,10001,Anne,Dubois,2023-05-09,Member,Active,,,\r\n"
    "10006,10004,Kofi,Boateng,2024-03-10,Member,Active,kofi@example.com,,\r\n";
  g_autoptr(DlImportResult) first = validate_file (f->store, "backoffice-en.csv");
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlInteraction) call = NULL;
  g_autoptr(DlPerson) tom = NULL;
  g_autoptr(DlPerson) draft = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2024, 3, 2, 10, 0, 0);
  gint64 tom_id;
  g_autofree char *notes = NULL;
  g_autofree char *n_contacts = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *status = NULL;
  g_autofree char *email = NULL;
  g_autofree char *sponsor = NULL;
  g_autofree char *activity = NULL;
  g_autofree char *gone = NULL;

  import (f->store, first);
  tom_id = person_of (f->store, "10002");
  call = dl_store_add_interaction (f->store, tom_id, DL_CONTACT_CALL, when, "Talked about the spring event", &error);
  g_assert_no_error (error);
  tom = dl_store_get_person (f->store, tom_id);
  draft = dl_person_copy (tom);
  dl_person_set_notes (draft, "Prefers calls after 6 pm");
  g_assert_true (dl_store_update_person (f->store, draft, &error));
  g_assert_no_error (error);

  second = validate_text (f->store, next_month, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  plan = dl_store_plan_import (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_new, ==, 1);
  g_assert_cmpuint (plan->n_status_changes, ==, 1);
  g_assert_cmpuint (plan->n_rank_changes, ==, 1);
  g_assert_cmpuint (plan->n_sponsor_changes, ==, 1);
  g_assert_cmpuint (plan->missing->len, ==, 1);
  g_assert_cmpstr (plan->missing->pdata[0], ==, "10005 Luis Ortega");
  for (guint i = 0; i < plan->changes->len; i++)
    g_test_message ("%s", (char *) plan->changes->pdata[i]);

  import (f->store, second);

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, tom_id);

    notes = query_text (f->store, "SELECT notes FROM person WHERE id = ?", id);
    n_contacts = query_text (f->store, "SELECT count(*) FROM interaction WHERE person_id = ?", id);
  }
  g_assert_cmpstr (notes, ==, "Prefers calls after 6 pm");
  g_assert_cmpstr (n_contacts, ==, "1");
  g_assert_cmpint (person_of (f->store, "10002"), ==, tom_id);

  rank = query_text (f->store, "SELECT rank FROM member WHERE member_number = ?", "10002");
  g_assert_cmpstr (rank, ==, "Gold");
  status = query_text (f->store, "SELECT status FROM member WHERE member_number = ?", "10003");
  g_assert_cmpstr (status, ==, "active");
  /* a blank cell keeps what Downline has */
  email = query_text (f->store, "SELECT email FROM person JOIN member ON person_id = id WHERE member_number = ?", "10001");
  g_assert_cmpstr (email, ==, "grace.okafor@example.com");
  sponsor = query_text (f->store,
                        "SELECT s.member_number FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                        "WHERE m.member_number = ?", "10004");
  g_assert_cmpstr (sponsor, ==, "10001");
  activity = query_text (f->store, "SELECT last_activity FROM member WHERE member_number = ?", "10001");
  g_assert_cmpstr (activity, ==, "2024-03-28");
  /* missing from the file is not deleted */
  gone = query_text (f->store, "SELECT status FROM member WHERE member_number = ?", "10005");
  g_assert_cmpstr (gone, ==, "dropped");
}

static GString *
big_file (guint n)
{
  GString *text = g_string_new ("Member ID,Sponsor ID,First Name,Last Name,Join Date\n");

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (text, "%u,%u,First%u,Last%u,2023-%02u-%02u\n",
                            100000 + i, i > 1 ? 100000 + i / 2 : 0, i, i, i % 12 + 1, i % 28 + 1);
  return text;
}

static void
cancel_on_progress_cb (guint    done,
                       guint    total,
                       gpointer data)
{
  if (done > 0)
    g_cancellable_cancel (data);
}

static void
test_cancel_leaves_nothing (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) text = big_file (20000);
  g_autoptr(DlImportResult) result = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_assert_cmpuint (result->rows->len, ==, 20000);
  error = import_refused (f->store, result, cancellable, cancel_on_progress_cb, cancellable);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* and it still works afterwards */
  g_clear_error (&error);
  g_assert_true (dl_store_import_members (f->store, result, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  count = query_text (f->store, "SELECT count(*) FROM member", NULL);
  g_assert_cmpstr (count, ==, "20001");
}

/* A failure half-way (a move the database refuses) also undoes it all. */
static void
test_error_leaves_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DlImportResult) first =
    validate_text (f->store, "id,sponsor,name\n1,,Ann Lee\n2,1,Bo Chan\n3,2,Cy Dale\n", DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(GError) error = NULL;

  import (f->store, first);

  /* new member 4, then 1 moved under 3 (its own downline, through the
   * database's rows, which the file alone cannot see) */
  second = validate_text (f->store, "id,sponsor,name,rank\n4,,Di Eze,Gold\n1,3,Ann Lee,Gold\n", DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  error = import_refused (f->store, second, NULL, NULL, NULL);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE);
  g_assert_nonnull (error != NULL ? strstr (error->message, "Line 3") : NULL);
}

static void
on_changed_cb (DlStore       *store,
               DlStoreEntity  entity,
               gint64         id,
               gpointer       data)
{
  guint *count = data;

  if (entity == DL_STORE_ENTITY_MEMBERS)
    (*count)++;
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      data)
{
  gboolean *done = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_import_members_finish (DL_STORE (source), res, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
count_progress_cb (guint    done,
                   guint    total,
                   gpointer data)
{
  g_atomic_int_inc ((int *) data);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) text = big_file (10000);
  g_autoptr(DlImportResult) result = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  g_autofree char *count = NULL;
  gboolean done = FALSE;
  guint changed = 0;
  int progress = 0;

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &changed);
  dl_store_import_members_async (f->store, result, NULL, count_progress_cb, &progress, on_imported_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpint (g_atomic_int_get (&progress), >=, 2);
  count = query_text (f->store, "SELECT count(*) FROM member", NULL);
  g_assert_cmpstr (count, ==, "10001");
}

typedef struct
{
  gboolean      done;
  DlImportKept  kept;
} KeptImport;

static void
on_imported_kept_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      data)
{
  KeptImport *import = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_import_members_finish (DL_STORE (source), res, &import->kept, &error));
  g_assert_no_error (error);
  import->done = TRUE;
}

/* A member's join date is the newest month's word: a later export
 * changes it, an older month's or a blank cell leaves it (the writer
 * sets it apart from the member's other columns). */
static void
test_join_date_by_month (Fixture       *f,
                         gconstpointer  data)
{
  static const struct
  {
    int          month;
    const char  *ana_joined;
    const char  *expected;
  } steps[] = {
    { 10, "2024-03-05", "2024-03-05 2024-01-01" },
    { 9, "2023-01-01", "2024-03-05 2024-01-01" },   /* older: history only */
    { 11, "", "2024-03-05 2024-01-01" },            /* blank keeps */
    { 11, "2024-03-06", "2024-03-06 2024-01-01" },  /* the newest month corrects it */
    { 12, "2024-03-06", "2024-03-06 2024-01-01" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *csv = g_strdup_printf ("ID,Name,Enroller,Join Date,PV\n"
                                              "1,Root One,,2024-01-01,100\n2,Ana Ruiz,1,%s,80\n",
                                              steps[i].ana_joined);
      g_autoptr(DlImportResult) result = validate_text (f->store, csv, DL_UNKNOWN_SPONSOR_USER);
      g_autofree char *joined = NULL;

      g_test_message ("2026-%02d, Ana joined \"%s\"", steps[i].month, steps[i].ana_joined);
      result->period = dl_period_from_ym (2026, steps[i].month);
      g_assert_true (dl_store_import_members (f->store, result, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      joined = query_text (f->store,
                           "SELECT group_concat (joined_on, ' ') FROM "
                           "(SELECT joined_on FROM member WHERE member_number IN ('2', '1') ORDER BY member_number DESC)",
                           NULL);
      g_assert_cmpstr (joined, ==, steps[i].expected);
    }
}

/* The month an import carries goes in with its members, in the one
 * transaction: its figures and events are there when the import
 * returns (the assistant's threaded way too), the counts say so, and a
 * month that cannot be written takes the members with it. */
static void
test_month_with_members (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) failure = NULL;
  g_autoptr(DlImportResult) october = NULL;
  g_autoptr(DlImportResult) november = NULL;
  g_autoptr(DlImportResult) december = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *events = NULL;
  DlImportKept kept = { 99, 99 };
  KeptImport threaded = { FALSE, { 99, 99 } };

  october = validate_text (f->store,
                           "ID,Name,Enroller,PV,Autoship\n"
                           "1,Root One,,100,Y\n2,Ana Ruiz,1,80,Y\n3,Cy Mora,2,60,Y\n",
                           DL_UNKNOWN_SPONSOR_USER);
  october->period = dl_period_from_ym (2026, 10);
  g_assert_true (dl_store_import_members (f->store, october, NULL, NULL, NULL, &kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (kept.n_figures, ==, 3);
  g_assert_cmpuint (kept.n_past_months, ==, 0);
  figures = query_text (f->store,
                        "SELECT group_concat (m.member_number || '=' || f.pv || '/' || f.autoship, ' ') FROM "
                        "(SELECT * FROM period_figures WHERE period = '2026-10' ORDER BY member_id) f "
                        "JOIN member m ON m.person_id = f.member_id",
                        NULL);
  g_assert_cmpstr (figures, ==, "1=100.0/1 2=80.0/1 3=60.0/1");

  /* November: Ana stops her autoship, Di joins */
  november = validate_text (f->store,
                            "ID,Name,Enroller,PV,Autoship\n"
                            "1,Root One,,100,Y\n2,Ana Ruiz,1,80,N\n3,Cy Mora,2,60,Y\n4,Di Lund,3,20,Y\n",
                            DL_UNKNOWN_SPONSOR_USER);
  november->period = dl_period_from_ym (2026, 11);
  dl_store_import_members_async (f->store, november, NULL, NULL, NULL, on_imported_kept_cb, &threaded);
  while (!threaded.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (threaded.kept.n_figures, ==, 4);
  events = query_text (f->store,
                       "SELECT group_concat (m.member_number || ':' || e.type, ' ') FROM "
                       "(SELECT * FROM event WHERE period = '2026-11' ORDER BY member_id, type) e "
                       "JOIN member m ON m.person_id = e.member_id",
                       NULL);
  g_assert_cmpstr (events, ==, "2:autoship-cancelled 4:joined");

  /* December, into a file whose months cannot be written: Eve is not
   * added without her month */
  g_assert_true (dl_store_exec (f->store,
                                "CREATE TRIGGER no_months BEFORE INSERT ON period_figures "
                                "BEGIN SELECT RAISE (ABORT, 'no months here'); END",
                                &error));
  g_assert_no_error (error);
  december = validate_text (f->store,
                            "ID,Name,Enroller,PV,Autoship\n"
                            "1,Root One,,100,Y\n2,Ana Ruiz,1,80,N\n3,Cy Mora,2,60,Y\n4,Di Lund,3,20,Y\n"
                            "5,Eve Park,4,10,Y\n",
                            DL_UNKNOWN_SPONSOR_USER);
  december->period = dl_period_from_ym (2026, 12);
  failure = import_refused (f->store, december, NULL, NULL, NULL);
  g_assert_nonnull (strstr (failure->message, "no months here"));
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
on_import_failed_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      data)
{
  GError **error = data;

  g_assert_false (dl_store_import_members_finish (DL_STORE (source), res, NULL, error));
  g_assert_nonnull (*error);
}

/* Reopens the fixture's file as a file too large to check before it
 * shows, so its integrity check runs in the background. */
static void
reopen_checked_later (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (dl_store_get_path (f->store));

  g_clear_object (&f->store);
  dl_store_set_sync_check_limit (0);
  f->store = dl_store_open (path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

/* The import writes through a connection of its own, but like every
 * write it waits for the background check of a large file and leaves a
 * damaged one alone, whether run here or in a worker. */
static void
test_damaged_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) text = big_file (3000);
  g_autoptr(GString) more = big_file (3100);
  g_autoptr(DlImportResult) first = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (dl_store_get_path (f->store));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  import (f->store, first);
  g_clear_object (&f->store);

  damage_middle_page (path);
  before = file_checksum (path);

  dl_store_set_sync_check_limit (0);
  f->store = dl_store_open (path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
  if (f->store == NULL)
    return;

  second = validate_text (f->store, more->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_false (dl_store_import_members (f->store, second, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  dl_store_import_members_async (f->store, second, NULL, NULL, NULL, on_import_failed_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED);

  g_clear_object (&f->store);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A sound large file: the import waits for the check's verdict, then
 * writes. */
static void
test_waits_for_check (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) text = big_file (3000);
  g_autoptr(GString) more = big_file (3100);
  g_autoptr(DlImportResult) first = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  import (f->store, first);
  reopen_checked_later (f);
  if (f->store == NULL)
    return;

  second = validate_text (f->store, more->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_true (dl_store_import_members (f->store, second, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* it could only write after the check passed */
  g_assert_true (dl_store_is_verified (f->store));
  count = query_text (f->store, "SELECT count(*) FROM member", NULL);
  g_assert_cmpstr (count, ==, "3101");
}

/* A row the database itself refuses, deep in a big file (after several
 * batches were written and the indexes dropped): all of it is undone,
 * and the error names the lines. */
static void
test_insert_error_leaves_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GString) text = big_file (30000);
  g_autoptr(DlImportResult) result = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(GError) error = NULL;
  DlImportRow *row;

  g_assert_cmpuint (result->rows->len, ==, 30000);
  /* what the validator never lets through: a nameless member */
  row = &g_array_index (result->rows, DlImportRow, 20000);
  row->first_name = "";
  row->last_name = " ";

  error = import_refused (f->store, result, NULL, NULL, NULL);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CONSTRAINT);
  g_test_message ("%s", error != NULL ? error->message : "");
  /* "Lines A to B: ...", a range around the nameless row */
  {
    guint first = 0;
    guint last = 0;

    g_assert_cmpint (error != NULL ? sscanf (error->message, "Lines %u to %u:", &first, &last) : 0, ==, 2);
    g_assert_cmpuint (first, <=, row->line);
    g_assert_cmpuint (row->line, <=, last);
    g_assert_cmpuint (last - first, <, 64);
  }
}

/* The members in path's file alone, without its log: a copy of the
 * file opened on its own. */
static gint64
members_in_file_alone (const char *path)
{
  g_autofree char *copy = g_strconcat (path, "-alone.db", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  g_assert_cmpint (sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM member", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_unlink (copy);
  return n;
}

/* The import's log is folded into the file after the import, on a
 * thread of its own: the file alone holds the import without the store
 * writing again, and the store goes on as before. */
static void
test_log_folded_after (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) text = big_file (3000);
  g_autoptr(DlImportResult) result = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  const char *path = dl_store_get_path (f->store);
  g_autofree char *count = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_checkpoint (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (members_in_file_alone (path), ==, 1);

  import (f->store, result);
  dl_store_wait_checkpoints (path);
  g_assert_cmpint (members_in_file_alone (path), ==, 3001);

  count = query_text (f->store, "SELECT count(*) FROM member", NULL);
  g_assert_cmpstr (count, ==, "3001");
  g_assert_true (dl_store_exec (f->store, "UPDATE person SET city = 'Lyon' WHERE id = 2", &error));
  g_assert_no_error (error);
}

/* A member's columns as the writer keeps them, for
 * test_each_change_written (); last_activity NULL is the last order. */
typedef struct
{
  const char *status;
  const char *rank;
  const char *role;
  const char *first_order;
  const char *last_order;
  const char *autoship;
  const char *next_autoship;
  const char *renewal;
  const char *last_activity;
} MemberCells;

static void
append_member_row (GString           *text,
                   guint              number,
                   const MemberCells *c)
{
  g_string_append_printf (text, "%u,Member%u Tester,%s,2024-01-%02u,%s,%s,%s,%s,%s,%s,%s,%s,%s\n",
                          number, number, number > 1 ? "1" : "", number, c->status, c->rank, c->rank, c->role,
                          c->first_order, c->last_order, c->autoship, c->next_autoship, c->renewal);
}

static char *
member_cells_text (guint              number,
                   const MemberCells *c)
{
  g_autofree char *status = g_ascii_strdown (c->status, -1);
  g_autofree char *role = g_ascii_strdown (c->role, -1);

  return g_strdup_printf ("%u:%s,%s,%s,%s,%s,%s,%s,%s,%s,%s", number, status, c->rank, c->rank, role,
                          c->first_order, c->last_order, c->last_activity != NULL ? c->last_activity : c->last_order,
                          g_str_equal (c->autoship, "Y") ? "1" : "0", c->next_autoship, c->renewal);
}

#define N_CHANGED 14

/* Next month's export changes one thing of each member, and each change
 * is written, though a member it leaves as they are is not.  Some
 * columns change alone only against what Downline holds: a highest rank
 * or a last activity it lost (set here by hand). */
static void
test_each_change_written (Fixture       *f,
                          gconstpointer  data)
{
  static const char *const header =
    "ID,Name,Enroller,Join Date,Status,Highest Rank,Paid Rank,Customer Type,First Order,Last Order,Autoship,"
    "Next Autoship,Renewal Date\n";
  const MemberCells same = { "Active", "Silver", "Distributor", "2024-02-01", "2026-09-03", "Y",
                             "2026-10-03", "2027-01-01", NULL };
  MemberCells before[N_CHANGED + 1];
  MemberCells after[N_CHANGED + 1];
  g_autoptr(GString) september = g_string_new (header);
  g_autoptr(GString) october = g_string_new (header);
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(DlImportResult) first = NULL;
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autofree char *since = NULL;
  g_autofree char *tweaks = NULL;
  char today[16];

  for (guint n = 1; n <= N_CHANGED; n++)
    before[n] = after[n] = same;
  /* member 1 stays as they were; each other one thing */
  after[2].status = "Inactive";
  after[3].rank = "Gold";
  after[4].role = "Customer";
  after[5].first_order = "2024-01-20";
  after[6].last_order = "2026-10-05";
  after[7].autoship = "N";
  after[8].next_autoship = "2026-11-09";
  after[9].renewal = "2027-02-01";
  /* a last order put right, back in time: the last activity stays */
  before[10].last_order = "2026-09-20";
  after[10].last_order = "2026-09-15";
  after[10].last_activity = "2026-09-20";
  /* 11 lost their highest rank, 12 their last activity, in between; 13
   * became inactive and active again today, 14 reached Gold already */
  after[13].status = "Inactive";
  after[14].rank = "Gold";
  for (guint n = 1; n <= N_CHANGED; n++)
    {
      g_autofree char *line = member_cells_text (n, &after[n]);

      append_member_row (september, n, &before[n]);
      append_member_row (october, n, &after[n]);
      g_string_append_printf (want, "%s%s", n > 1 ? " " : "", line);
    }

  first = validate_text (f->store, september->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (first->rejected->len, ==, 0);
  first->period = dl_period_from_ym (2026, 9);
  import (f->store, first);
  dl_day_format_iso (dl_day_today (), today);
  tweaks = g_strdup_printf ("UPDATE member SET highest_rank = '' WHERE member_number = '11';"
                            "UPDATE member SET last_activity = NULL WHERE member_number = '12';"
                            "UPDATE member SET status_since = '%s' WHERE member_number = '13';"
                            "UPDATE member SET highest_rank = 'Gold' WHERE member_number = '14'",
                            today);
  g_assert_true (dl_store_exec (f->store, tweaks, &error));
  g_assert_no_error (error);
  second = validate_text (f->store, october->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  second->period = dl_period_from_ym (2026, 10);
  import (f->store, second);

  got = query_text (f->store,
                    "SELECT group_concat (member_number || ':' || status || ',' || rank || ',' || highest_rank || ',' || "
                    "  role || ',' || coalesce (first_order, '') || ',' || coalesce (last_order, '') || ',' || "
                    "  coalesce (last_activity, '') || ',' || coalesce (autoship, '') || ',' || "
                    "  coalesce (next_autoship, '') || ',' || coalesce (renewal_on, ''), ' ') "
                    "FROM (SELECT * FROM member WHERE member_number IS NOT NULL "
                    "      ORDER BY CAST (member_number AS INTEGER))",
                    NULL);
  g_assert_cmpstr (got, ==, want->str);
  /* the status's date only where it changed */
  since = query_text (f->store,
                      "SELECT group_concat (member_number, ' ') FROM "
                      "(SELECT * FROM member WHERE status_since IS NOT NULL ORDER BY CAST (member_number AS INTEGER))",
                      NULL);
  g_assert_cmpstr (since, ==, "2 13");
}

/* The ids of the people search finds for text, as "id,id,...". */
static char *
searched (DlStore    *store,
          const char *text)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  g_assert_true (dl_store_search_catch_up (store, -1, &error));
  g_assert_no_error (error);
  hits = dl_store_search (store, text, 10, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((DlSearchHit *) hits->pdata[i])->person_id);
  return g_string_free (ids, FALSE);
}

/* Search finds for text the person with that id alone (none for 0). */
#define assert_searched(store, text, id) \
  G_STMT_START { \
    g_autofree char *got_ = searched ((store), (text)); \
    gint64 id_ = (id); \
    g_autofree char *want_ = id_ != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id_) : g_strdup (""); \
    g_assert_cmpstr (got_, ==, want_); \
  } G_STMT_END

static gint64
count_search_triggers (DlStore *store)
{
  g_autofree char *count =
    query_text (store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'person_search_%'", NULL);

  return g_ascii_strtoll (count, NULL, 10);
}

/* A big import of new people sets the search index's triggers for new
 * people aside while it writes them: every trigger is back afterwards,
 * and the people are found.  Not when an id the index has passed is
 * given again (the newest person deleted): that person is found too. */
static void
test_big_import_searchable (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GString) first_text = big_file (1500);
  g_autoptr(GString) later_text = g_string_new ("Member ID,Sponsor ID,First Name,Last Name,Join Date\n");
  g_autoptr(DlImportResult) first = NULL;
  g_autoptr(DlImportResult) later = NULL;
  g_autoptr(GError) error = NULL;
  gint64 triggers = count_search_triggers (f->store);
  gint64 newest;
  gint64 reused;

  g_assert_cmpint (triggers, >=, 6);
  first = validate_text (f->store, first_text->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (first->rows->len, ==, 1500);
  import (f->store, first);
  g_assert_cmpint (count_search_triggers (f->store), ==, triggers);
  assert_searched (f->store, "Last1234", person_of (f->store, "101234"));

  /* the newest person (a recruit of nobody) deleted once the index has
   * them: the next new person is given their id */
  newest = person_of (f->store, "101500");
  g_assert_true (dl_store_delete_person (f->store, newest, &error));
  g_assert_no_error (error);
  assert_searched (f->store, "Last1500", 0);

  for (guint i = 1; i <= 1200; i++)
    g_string_append_printf (later_text, "%u,%u,Later%u,Newcomer,2024-01-%02u\n",
                            300000 + i, i > 1 ? 300000 + i / 2 : 0, i, i % 28 + 1);
  later = validate_text (f->store, later_text->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (later->rows->len, ==, 1200);
  import (f->store, later);
  g_assert_cmpint (count_search_triggers (f->store), ==, triggers);
  reused = person_of (f->store, "300001");
  g_assert_cmpint (reused, ==, newest);
  assert_searched (f->store, "300001", reused);
  assert_searched (f->store, "Later1199", person_of (f->store, "301199"));
}

/* Next month an existing member moves under someone new in the same
 * file: the new member is written before the move points at them. */
static void
test_move_under_new_member (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DlImportResult) first =
    validate_text (f->store, "id,sponsor,name\n1,,Ann Lee\n2,1,Bo Chan\n3,2,Cy Dale\n", DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autofree char *sponsor = NULL;

  import (f->store, first);
  second = validate_text (f->store, "id,sponsor,name\n5,1,Eve Fox\n3,5,Cy Dale\n6,5,Gus Hale\n",
                          DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  import (f->store, second);

  sponsor = query_text (f->store,
                        "SELECT s.member_number FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                        "WHERE m.member_number = ?", "3");
  g_assert_cmpstr (sponsor, ==, "5");
  g_assert_cmpint (person_of (f->store, "5"), >, person_of (f->store, "2"));
  tree = dl_store_load_tree (f->store, NULL);
  g_assert_nonnull (tree);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 6);

  /* 2 under new 7, and 7 under 3, who is under 2 in the database: a
   * loop only the database can see, through a member not yet written */
  {
    g_autoptr(DlImportResult) back =
      validate_text (f->store, "id,sponsor,name\n3,2,Cy Dale\n", DL_UNKNOWN_SPONSOR_USER);
    g_autoptr(DlImportResult) third = NULL;
    g_autoptr(GError) error = NULL;

    import (f->store, back);
    third = validate_text (f->store, "id,sponsor,name\n7,3,Ivy Jones\n2,7,Bo Chan\n", DL_UNKNOWN_SPONSOR_USER);
    g_assert_cmpuint (third->rejected->len, ==, 0);
    error = import_refused (f->store, third, NULL, NULL, NULL);
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE);
  }
}

/* Next month's file has other contact details than the ones kept: the
 * summary lists each one it will replace (a blank cell replaces
 * nothing), and counts the member as changed. */
static void
test_plan_lists_details (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DlImportResult) first =
    validate_text (f->store, "id,sponsor,first,last,email,phone\n1,,Ann,Lee,ann@a.org,555-1\n2,1,Bo,Chan,,\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *all = NULL;

  import (f->store, first);
  second = validate_text (f->store,
                          "id,sponsor,first,last,email,phone\n1,,Anne,Lee,ann@new.org,\n2,1,Bo,Chan,,555-2\n",
                          DL_UNKNOWN_SPONSOR_USER);
  plan = dl_store_plan_import (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_updated, ==, 2);
  g_assert_cmpuint (plan->n_unchanged, ==, 0);
  g_assert_cmpuint (plan->n_detail_changes, ==, 3);
  g_ptr_array_add (plan->changes, NULL);
  all = g_strjoinv ("\n", (char **) plan->changes->pdata);
  /* role is not in these files: nothing said of it */
  g_assert_null (strstr (all, "customer"));
  g_ptr_array_remove_index (plan->changes, plan->changes->len - 1);
  g_test_message ("%s", all);
  g_assert_nonnull (strstr (all, "1 Ann Lee: name → Anne Lee"));
  g_assert_nonnull (strstr (all, "1 Anne Lee: email ann@a.org → ann@new.org"));
  g_assert_nonnull (strstr (all, "2 Bo Chan: phone 555-2"));
  g_assert_null (strstr (all, "phone 555-1"));

  /* the import says what it changed, as the plan said it would, from
   * its own read of the members */
  {
    g_autoptr(DlImportPlan) done = NULL;

    g_assert_true (dl_store_import_members (f->store, second, NULL, NULL, NULL, NULL, &done, &error));
    g_assert_no_error (error);
    g_assert_nonnull (done);
    if (done != NULL)
      {
        g_assert_cmpuint (done->n_new, ==, plan->n_new);
        g_assert_cmpuint (done->n_updated, ==, plan->n_updated);
        g_assert_cmpuint (done->n_unchanged, ==, plan->n_unchanged);
        g_assert_cmpuint (done->n_detail_changes, ==, plan->n_detail_changes);
        g_assert_cmpuint (done->n_changes, ==, plan->n_changes);
        g_assert_cmpuint (done->changes->len, ==, plan->changes->len);
        for (guint i = 0; i < MIN (done->changes->len, plan->changes->len); i++)
          g_assert_cmpstr (done->changes->pdata[i], ==, plan->changes->pdata[i]);
      }
  }
  email = query_text (f->store, "SELECT email FROM person JOIN member ON person_id = id WHERE member_number = ?", "1");
  g_assert_cmpstr (email, ==, "ann@new.org");

  /* a role column: said, then written; members it does not name keep theirs */
  {
    g_autoptr(DlImportResult) third =
      validate_text (f->store, "id,sponsor,first,last,role\n2,1,Bo,Chan,Customer\n", DL_UNKNOWN_SPONSOR_USER);
    g_autoptr(DlImportPlan) role_plan = dl_store_plan_import (f->store, third, &error);
    g_autofree char *role = NULL;
    g_autofree char *other = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (role_plan->changes->len, ==, 1);
    g_assert_cmpstr (role_plan->changes->pdata[0], ==, "2 Bo Chan: a customer now, no longer a distributor");
    import (f->store, third);
    role = query_text (f->store, "SELECT role FROM member WHERE member_number = ?", "2");
    g_assert_cmpstr (role, ==, "customer");
    other = query_text (f->store, "SELECT role FROM member WHERE member_number = ?", "1");
    g_assert_cmpstr (other, ==, "distributor");
  }
}

/* Back offices pad member numbers with zeros one month and not the
 * next: "00123" in Downline and "123" in the file (or a sponsor cell)
 * are one member, by the same rule as within one file.  Each member
 * keeps the number Downline has; nobody is added twice, moved, or put
 * under the user for an "unknown" sponsor, and the month's figures
 * reach every member. */
static void
test_padded_numbers_match (Fixture       *f,
                           gconstpointer  data)
{
  static const char next_month[] =
    "id,sponsor,name,rank,pv\n"
    "123,,Ann Lee,Gold,100\n"
    "0124,123,Bo Chan,Silver,50\n"
    "0300,124,Cy Dale,,20\n"
    "200,123,Di Eames,,10\n";
  g_autoptr(DlImportResult) first =
    validate_text (f->store, "id,sponsor,name\n00123,,Ann Lee\n00124,00123,Bo Chan\n300,00124,Cy Dale\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(DlStringSet) known = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *rank = NULL;
  g_autofree char *sponsor = NULL;
  g_autofree char *n_figures = NULL;
  gint64 ann;
  guint n_saved = 0;

  import (f->store, first);
  ann = person_of (f->store, "00123");
  g_assert_cmpint (ann, >, 0);

  /* the validator asks the store whether a sponsor outside the file is
   * known, one number at a time or from the set read once */
  g_assert_true (dl_store_has_member_number ("123", f->store));
  g_assert_true (dl_store_has_member_number ("0300", f->store));
  g_assert_false (dl_store_has_member_number ("23", f->store));
  known = dl_store_get_member_numbers (f->store);
  g_assert_true (dl_import_known_in_set ("123", known));
  g_assert_true (dl_import_known_in_set ("000123", known));
  g_assert_true (dl_import_known_in_set ("0300", known));
  g_assert_false (dl_import_known_in_set ("1230", known));

  second = validate_text (f->store, next_month, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  /* Ann has no sponsor cell: she is in Downline already and keeps the
   * sponsor she has, so nothing is said; every other sponsor is known */
  g_assert_cmpuint (second->warnings->len, ==, 0);
  plan = dl_store_plan_import (f->store, second, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < plan->changes->len; i++)
    g_test_message ("%s", (char *) plan->changes->pdata[i]);
  g_assert_cmpuint (plan->n_new, ==, 1);
  g_assert_cmpuint (plan->n_updated, ==, 2);
  g_assert_cmpuint (plan->n_unchanged, ==, 1);
  g_assert_cmpuint (plan->n_rank_changes, ==, 2);
  g_assert_cmpuint (plan->n_sponsor_changes, ==, 0);
  g_assert_cmpuint (plan->missing->len, ==, 0);

  import (f->store, second);

  numbers = query_text (f->store,
                        "SELECT group_concat (member_number, ' ') FROM "
                        "(SELECT member_number FROM member WHERE member_number IS NOT NULL "
                        "ORDER BY member_number)",
                        NULL);
  g_assert_cmpstr (numbers, ==, "00123 00124 200 300");
  g_assert_cmpint (person_of (f->store, "00123"), ==, ann);
  rank = query_text (f->store, "SELECT rank FROM member WHERE member_number = ?", "00123");
  g_assert_cmpstr (rank, ==, "Gold");
  sponsor = query_text (f->store,
                        "SELECT s.member_number FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                        "WHERE m.member_number = ?", "200");
  g_assert_cmpstr (sponsor, ==, "00123");

  /* the month's figures, as --period keeps them */
  g_assert_true (dl_store_save_import_period (f->store, second, dl_period_from_ym (2024, 3), &n_saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_saved, ==, 4);
  n_figures = query_text (f->store,
                          "SELECT group_concat (m.member_number || '=' || f.pv, ' ') FROM "
                          "(SELECT * FROM period_figures ORDER BY member_id) f "
                          "JOIN member m ON m.person_id = f.member_id",
                          NULL);
  g_assert_cmpstr (n_figures, ==, "00123=100.0 00124=50.0 300=20.0 200=10.0");
}

/* An e-mail the forms would refuse does not cost the member: they come
 * in with no e-mail and the text, on one line, in their notes; a member
 * already there keeps their e-mail and notes and gets the line once,
 * however many months the file brings it again. */
static void
test_bad_email_to_notes (Fixture       *f,
                         gconstpointer  data)
{
  static const char file[] =
    "id,sponsor,first,last,email\r\n"
    "1,,Ann,Lee,ann@example.org\r\n"
    "2,1,Bo,Kim,\"bo@example.org\r\nBcc: everyone@example.org\"\r\n"
    "3,1,Cy,Ode,not an email\r\n";
  static const char next_month[] =
    "id,sponsor,first,last,email\r\n"
    "1,,Ann,Lee,ann at example dot org\r\n"
    "3,1,Cy,Ode,not an email\r\n";
  g_autoptr(DlImportResult) first = validate_text (f->store, file, DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(GError) error = NULL;
  g_autofree char *bo_email = NULL;
  g_autofree char *bo_notes = NULL;
  g_autofree char *cy_notes = NULL;
  g_autofree char *ann_email = NULL;
  g_autofree char *ann_notes = NULL;
  g_autoptr(DlPerson) ann = NULL;
  g_autoptr(DlPerson) draft = NULL;
  const char *email_sql = "SELECT email FROM person JOIN member ON person_id = id WHERE member_number = ?";
  const char *notes_sql = "SELECT notes FROM person JOIN member ON person_id = id WHERE member_number = ?";

  g_assert_cmpuint (first->rejected->len, ==, 0);
  g_assert_cmpuint (first->rows->len, ==, 3);
  g_assert_cmpuint (first->n_emails_in_notes, ==, 2);
  import (f->store, first);

  bo_email = query_text (f->store, email_sql, "2");
  g_assert_cmpstr (bo_email, ==, "");
  bo_notes = query_text (f->store, notes_sql, "2");
  g_assert_cmpstr (bo_notes, ==, "E-mail from the import, not usable: bo@example.org  Bcc: everyone@example.org");
  cy_notes = query_text (f->store, notes_sql, "3");
  g_assert_cmpstr (cy_notes, ==, "E-mail from the import, not usable: not an email");

  ann = dl_store_get_person (f->store, person_of (f->store, "1"));
  draft = dl_person_copy (ann);
  dl_person_set_notes (draft, "Prefers calls after 6 pm");
  g_assert_true (dl_store_update_person (f->store, draft, &error));
  g_assert_no_error (error);

  for (guint month = 0; month < 2; month++)
    {
      g_autoptr(DlImportResult) again = validate_text (f->store, next_month, DL_UNKNOWN_SPONSOR_USER);

      g_assert_cmpuint (again->rejected->len, ==, 0);
      g_assert_cmpuint (again->n_emails_in_notes, ==, 2);
      import (f->store, again);
    }

  ann_email = query_text (f->store, email_sql, "1");
  g_assert_cmpstr (ann_email, ==, "ann@example.org");
  ann_notes = query_text (f->store, notes_sql, "1");
  g_assert_cmpstr (ann_notes, ==, "Prefers calls after 6 pm\nE-mail from the import, not usable: ann at example dot org");
  g_clear_pointer (&cy_notes, g_free);
  cy_notes = query_text (f->store, notes_sql, "3");
  g_assert_cmpstr (cy_notes, ==, "E-mail from the import, not usable: not an email");
}

/* New members get their ids in member-number order (what keeps a big
 * import fast), whatever order the file has, and every sponsor link
 * comes out as the file says: new under new, new under existing,
 * existing under new. */
static void
test_number_order (Fixture       *f,
                   gconstpointer  data)
{
  static const char *const expected[][2] = {
    { "2", "1" }, { "3", "12" }, { "10", "9" }, { "11", "2" }, { "12", "2" }, { "9", "12" }, { "4", "3" },
  };
  g_autoptr(DlImportResult) first = validate_text (f->store, "id,sponsor,name\n1,,Ann Lee\n2,1,Bo Chan\n3,2,Cy Dale\n",
                                                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  gint64 before;

  import (f->store, first);
  before = person_of (f->store, "3");
  /* recruits before sponsors, numbers out of order; 3 moves under 12 */
  second = validate_text (f->store,
                          "id,sponsor,name\n10,9,Di Eng\n4,3,Eve Fox\n9,12,Gus Hale\n11,2,Ivy Jones\n"
                          "12,2,Kim Lo\n3,12,Cy Dale\n",
                          DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  import (f->store, second);

  g_assert_cmpint (sqlite3_prepare_v2 (dl_store_get_handle (f->store),
                                       "SELECT member_number FROM member WHERE person_id > ? ORDER BY person_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, before);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (numbers->len, ==, 5);
  /* as text, the way the member-number index orders them */
  g_assert_cmpstr (numbers->pdata[0], ==, "10");
  g_assert_cmpstr (numbers->pdata[1], ==, "11");
  g_assert_cmpstr (numbers->pdata[2], ==, "12");
  g_assert_cmpstr (numbers->pdata[3], ==, "4");
  g_assert_cmpstr (numbers->pdata[4], ==, "9");

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sponsor =
        query_text (f->store,
                    "SELECT s.member_number FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                    "WHERE m.member_number = ?", expected[i][0]);

      g_test_message ("member %s", expected[i][0]);
      g_assert_cmpstr (sponsor, ==, expected[i][1]);
    }
}

/* A file of far fewer rows than lines (a cell over many lines) takes
 * the other way to member-number order: the ids come out the same. */
static void
test_number_order_long_cells (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("id,sponsor,name,city\n");
  g_autoptr(DlImportResult) result = NULL;
  const char *numbers[] = { "30", "100", "2" };
  gint64 before = 0;

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_string_append_printf (text, "%s,,Name %s,\"Old", numbers[i], numbers[i]);
      for (guint k = 0; k < 20; k++)
        g_string_append (text, "\nTown");
      g_string_append (text, "\"\n");
    }
  result = validate_text (f->store, text->str, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (g_array_index (result->rows, DlImportRow, 2).line, >, 4 * 3);
  {
    g_autofree char *max = query_text (f->store, "SELECT max (id) FROM person", NULL);

    before = g_ascii_strtoll (max, NULL, 10);
  }
  import (f->store, result);

  /* "100" < "2" < "30" as text */
  g_assert_cmpint (person_of (f->store, "100"), ==, before + 1);
  g_assert_cmpint (person_of (f->store, "2"), ==, before + 2);
  g_assert_cmpint (person_of (f->store, "30"), ==, before + 3);
}

/* "parent side" of a member's placement row, "none" without one */
static char *
placement_of (DlStore    *store,
              const char *number)
{
  char *text = query_text (store,
                           "SELECT coalesce (pm.member_number, 'NULL') || ' ' || coalesce (pc.side, '-') "
                           "FROM member m LEFT JOIN placement pc ON pc.member_id = m.person_id "
                           "LEFT JOIN member pm ON pm.person_id = pc.parent_id "
                           "WHERE m.member_number = ? AND pc.member_id IS NOT NULL",
                           number);

  return text != NULL ? text : g_strdup ("none");
}

static char *
enroller_of (DlStore    *store,
             const char *number)
{
  char *text = query_text (store,
                           "SELECT coalesce (s.member_number, 'you') FROM member m "
                           "LEFT JOIN member s ON s.person_id = m.sponsor_id WHERE m.member_number = ?",
                           number);

  return text != NULL ? text : g_strdup ("missing");
}

#define ASSERT_PLACEMENT(store, number, expected) \
  G_STMT_START { \
    g_autofree char *got_ = placement_of (store, number); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

#define ASSERT_ENROLLER(store, number, expected) \
  G_STMT_START { \
    g_autofree char *got_ = enroller_of (store, number); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

/* doTERRA's file: enrollers into member.sponsor_id, sponsors into the
 * placement table with their side */
static void
test_placement_written (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(DlImportResult) result = validate_file (f->store, "real-world/enroller-and-sponsor.csv");
  g_autoptr(DlImportPlan) plan = dl_store_plan_import (f->store, result, NULL);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (plan->n_new, ==, 5);
  import (f->store, result);

  ASSERT_ENROLLER (f->store, "1004", "1002");
  ASSERT_PLACEMENT (f->store, "1004", "1003 left");
  ASSERT_ENROLLER (f->store, "1005", "1001");
  ASSERT_PLACEMENT (f->store, "1005", "1004 right");
  ASSERT_PLACEMENT (f->store, "1003", "1001 right");
  ASSERT_PLACEMENT (f->store, "1001", "none");
}

/* next month's file: a moved member is moved, an empty cell takes the
 * placement away, a side left out stays while the parent does; a file
 * without a placement column leaves every placement alone */
static void
test_placement_reimport (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(DlImportResult) first =
    validate_text (f->store,
                   "Member ID,Name,Enroller,Placement,Side\n"
                   "1,Ann Root,,,\n2,Bo Kim,1,1,left\n3,Cy Lee,1,1,right\n4,Di Ng,1,2,left\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportResult) third = NULL;
  g_autoptr(DlImportPlan) plan = NULL;

  import (f->store, first);
  ASSERT_PLACEMENT (f->store, "4", "2 left");

  /* validated once 1 is in Downline */
  second = validate_text (f->store,
                          "Member ID,Name,Enroller,Placement\n"
                          "2,Bo Kim,1,1\n3,Cy Lee,1,\n4,Di Ng,1,3\n",
                          DL_UNKNOWN_SPONSOR_USER);
  third = validate_text (f->store, "Member ID,Name,Enroller\n2,Bo Kim,1\n4,Di Ng,1\n", DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);

  plan = dl_store_plan_import (f->store, second, NULL);
  g_assert_nonnull (plan);
  /* 3 taken away, 4 moved; 2 the same */
  g_assert_cmpuint (plan->n_placement_changes, ==, 2);
  g_assert_cmpuint (plan->n_updated, ==, 2);
  import (f->store, second);
  ASSERT_PLACEMENT (f->store, "2", "1 left");
  ASSERT_PLACEMENT (f->store, "3", "none");
  ASSERT_PLACEMENT (f->store, "4", "3 -");

  import (f->store, third);
  ASSERT_PLACEMENT (f->store, "2", "1 left");
  ASSERT_PLACEMENT (f->store, "4", "3 -");
  ASSERT_ENROLLER (f->store, "4", "1");
}

/* A binary tree of n members: i under i / 2, the even ones on the left;
 * in the next month (month set), every seventh moves under 1, every
 * fifth changes side and member 150 is no longer placed. */
static char *
binary_tree_export (guint    n,
                    gboolean month)
{
  GString *csv = g_string_new ("Member ID,Name,Enroller,Placement,Side\n1,Ann Root,,,\n");

  for (guint i = 2; i <= n; i++)
    {
      guint parent = month && i % 7 == 0 ? 1 : i / 2;
      gboolean left = (i % 2 == 0) != (month && i % 5 == 0);

      if (month && i == 150)
        g_string_append_printf (csv, "%u,Member %u,1,,\n", i, i);
      else
        g_string_append_printf (csv, "%u,Member %u,1,%u,%s\n", i, i, parent, left ? "left" : "right");
    }
  return g_string_free (csv, FALSE);
}

static void
assert_binary_tree (DlStore *store,
                    guint    n,
                    gboolean month)
{
  for (guint i = 2; i <= n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i);
      g_autofree char *expected = NULL;
      guint parent = month && i % 7 == 0 ? 1 : i / 2;
      gboolean left = (i % 2 == 0) != (month && i % 5 == 0);

      expected = month && i == 150 ? g_strdup ("none") : g_strdup_printf ("%u %s", parent, left ? "left" : "right");
      ASSERT_PLACEMENT (store, number, expected);
    }
}

/* More members than a batch of placements holds, and a placement taken
 * away between batches: each is written as its row says, a changed
 * side alone too, and the same file again changes nothing. */
static void
test_placement_batches (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *first_csv = binary_tree_export (300, FALSE);
  g_autofree char *next_csv = binary_tree_export (300, TRUE);
  g_autoptr(DlImportResult) first = validate_text (f->store, first_csv, DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) next = NULL;
  g_autoptr(DlImportResult) again = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (first->rejected->len, ==, 0);
  import (f->store, first);
  assert_binary_tree (f->store, 300, FALSE);

  next = validate_text (f->store, next_csv, DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (next->rejected->len, ==, 0);
  import (f->store, next);
  assert_binary_tree (f->store, 300, TRUE);

  before = dump (f->store);
  again = validate_text (f->store, next_csv, DL_UNKNOWN_SPONSOR_USER);
  plan = dl_store_plan_import (f->store, again, NULL);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->n_placement_changes, ==, 0);
  import (f->store, again);
  assert_binary_tree (f->store, 300, TRUE);
  after = dump (f->store);
  g_assert_cmpstr (before, ==, after);
}

/* no enroller column: new members are enrolled by their placement
 * parent, members already there keep their enroller */
static void
test_enroller_from_placement (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DlImportResult) first =
    validate_text (f->store, "Member ID,Name,Enroller\n1,Ann Root,\n2,Bo Kim,1\n3,Cy Lee,1\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  const char *text = "Member ID,Name,Sponsor\n3,Cy Lee,2\n4,Di Ng,3\n";

  import (f->store, first);

  table = dl_csv_table_new_from_data (text, strlen (text), &error);
  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  g_assert_true (dl_csv_mapping_apply_sponsor_means (table, mapping, DL_CSV_SPONSOR_MEANS_PLACEMENT));
  second = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_DMY, DL_UNKNOWN_SPONSOR_USER,
                                   dl_store_has_member_number, f->store, &error);
  g_assert_no_error (error);
  plan = dl_store_plan_import (f->store, second, NULL);
  g_assert_cmpuint (plan->n_sponsor_changes, ==, 0);
  g_assert_cmpuint (plan->n_placement_changes, ==, 1);
  import (f->store, second);

  ASSERT_ENROLLER (f->store, "3", "1");
  ASSERT_PLACEMENT (f->store, "3", "2 -");
  ASSERT_ENROLLER (f->store, "4", "3");
  ASSERT_PLACEMENT (f->store, "4", "3 -");
}

/* a loop through a member who is not in the file is found by the store
 * and refused, leaving the database as it was */
static void
test_placement_loop_through_database (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(DlImportResult) first =
    validate_text (f->store, "Member ID,Name,Enroller,Upline\n1,Ann Root,,\n2,Bo Kim,1,1\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(GError) error = NULL;

  import (f->store, first);
  /* validated once 2 is in Downline */
  second = validate_text (f->store, "Member ID,Name,Enroller,Upline\n1,Ann Root,,2\n", DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (second->rejected->len, ==, 0);
  error = import_refused (f->store, second, NULL, NULL, NULL);
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error ? error->message : "", "Line 2"));
  ASSERT_PLACEMENT (f->store, "1", "none");
}


/* "1 2 3": the member numbers in the store, in order */
static char *
all_numbers (DlStore *store)
{
  return query_text (store,
                     "SELECT group_concat (member_number, ' ') FROM "
                     "(SELECT member_number FROM member WHERE member_number IS NOT NULL ORDER BY member_number)",
                     NULL);
}

static DlImportPlan *
plan_import (DlStore              *store,
             const DlImportResult *result)
{
  g_autoptr(GError) error = NULL;
  DlImportPlan *plan = dl_store_plan_import (store, result, &error);

  g_assert_no_error (error);
  if (plan == NULL)
    g_error ("no plan");
  for (guint i = 0; i < plan->changes->len; i++)
    g_test_message ("%s", (char *) plan->changes->pdata[i]);
  return plan;
}

static void
on_planned_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      data)
{
  DlImportPlan **plan = data;
  g_autoptr(GError) error = NULL;

  *plan = dl_store_plan_import_finish (DL_STORE (source), res, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*plan);
}

/* A month that changes everyone's PV: the plan counts every line, and
 * keeps the first DL_IMPORT_PLAN_LINES of them, in the file's order. */
static void
test_plan_keeps_first_lines (Fixture       *f,
                             gconstpointer  data)
{
  guint n = DL_IMPORT_PLAN_LINES + 50;
  g_autoptr(GString) october = g_string_new ("ID,Name,Enroller,PV\n1,Root One,,100\n");
  g_autoptr(GString) november = g_string_new ("ID,Name,Enroller,PV\n1,Root One,,100\n");
  g_autoptr(DlImportResult) first = NULL;
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 2; i <= n + 1; i++)
    {
      /* 3 moves from under 2 to under 1 as well: two lines */
      g_string_append_printf (october, "%u,Pat Lee%u,%u,%u\n", i, i, i == 3 ? 2 : 1, i);
      g_string_append_printf (november, "%u,Pat Lee%u,1,%u.5\n", i, i, i + 1);
    }
  first = validate_text (f->store, october->str, DL_UNKNOWN_SPONSOR_USER);
  first->period = dl_period_from_ym (2026, 10);
  g_assert_true (dl_store_import_members (f->store, first, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  second = validate_text (f->store, november->str, DL_UNKNOWN_SPONSOR_USER);
  second->period = dl_period_from_ym (2026, 11);
  plan = dl_store_plan_import (f->store, second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_updated, ==, n);
  g_assert_cmpuint (plan->n_figure_changes, ==, n);
  g_assert_cmpuint (plan->n_sponsor_changes, ==, 1);
  g_assert_cmpuint (plan->n_changes, ==, n + 1);
  g_assert_cmpuint (plan->changes->len, ==, DL_IMPORT_PLAN_LINES);
  g_assert_cmpstr (plan->changes->pdata[0], ==, "2 Pat Lee2: PV 2 → 3.5");
  g_assert_cmpstr (plan->changes->pdata[1], ==, "3 Pat Lee3: sponsor 2 → 1");
  g_assert_cmpstr (plan->changes->pdata[2], ==, "3 Pat Lee3: PV 3 → 4.5");
  g_assert_cmpstr (plan->changes->pdata[DL_IMPORT_PLAN_LINES - 1], ==, "200 Pat Lee200: PV 200 → 201.5");
}

/* The assistant's plan, read in a worker on a connection of its own,
 * is the plan: the same counts and the same lines, in order. */
static void
test_plan_in_worker (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DlImportResult) first = NULL;
  g_autoptr(DlImportResult) second = NULL;
  g_autoptr(DlImportPlan) here = NULL;
  DlImportPlan *there = NULL;

  first = validate_text (f->store, "ID,Name,Enroller,Rank,Status\n1,Root One,,Gold,Active\n2,Ana Ruiz,1,Silver,Active\n"
                                   "3,Cy Mora,2,Member,Active\n",
                         DL_UNKNOWN_SPONSOR_USER);
  import (f->store, first);
  second = validate_text (f->store, "ID,Name,Enroller,Rank,Status\n1,Root One,,Gold,Active\n2,Ana Ruiz,1,Gold,Active\n"
                                    "3,Cy Mora,1,Member,Inactive\n4,Di Lund,3,Member,Active\n",
                          DL_UNKNOWN_SPONSOR_USER);
  here = plan_import (f->store, second);
  g_assert_cmpuint (here->n_new, ==, 1);
  g_assert_cmpuint (here->changes->len, ==, 3);

  dl_store_plan_import_async (f->store, second, NULL, on_planned_cb, &there);
  while (there == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (there->n_new, ==, here->n_new);
  g_assert_cmpuint (there->n_updated, ==, here->n_updated);
  g_assert_cmpuint (there->n_unchanged, ==, here->n_unchanged);
  g_assert_cmpuint (there->changes->len, ==, here->changes->len);
  for (guint i = 0; i < here->changes->len; i++)
    g_assert_cmpstr (there->changes->pdata[i], ==, here->changes->pdata[i]);
  g_assert_cmpuint (there->missing->len, ==, here->missing->len);
  dl_import_plan_free (there);

  /* and the numbers the check looks up, read the same way */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlStringSet) in_store = dl_store_get_member_numbers (f->store);
    g_autoptr(DlStringSet) in_file = dl_store_read_member_numbers (dl_store_get_path (f->store), &error);
    g_autofree char *missing = g_build_filename (f->dir, "no-such.db", NULL);

    g_assert_no_error (error);
    /* 1, 2 and 3: the second file was only planned */
    g_assert_cmpuint (dl_string_set_get_size (in_file), ==, 3);
    g_assert_cmpuint (dl_string_set_get_size (in_file), ==, dl_string_set_get_size (in_store));
    for (guint i = 0; i < dl_string_set_get_size (in_store); i++)
      g_assert_true (dl_string_set_contains (in_file, dl_string_set_get (in_store, i)));

    g_assert_null (dl_store_read_member_numbers (missing, &error));
    g_assert_nonnull (error);
  }
}

/* Numbers by country, month after month: a number of one country is
 * filed bare; the month it turns up in a second country the member of
 * that name takes "57-US" and the other is new as "57-CA"; a month with
 * one of them again finds them by "57-CA"; and their months' figures
 * follow them */
static void
test_countries_month_to_month (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlImportResult) one = NULL;
  g_autoptr(DlImportResult) two = NULL;
  g_autoptr(DlImportResult) three = NULL;
  g_autoptr(DlImportResult) four = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *figures = NULL;
  gint64 ana;
  guint n_saved = 0;

  one = validate_text (f->store,
                       "ID,Name,Country,Enroller,PV\n1,Root One,US,,10\n57,Ana Ruiz,US,1,20\n60,Cy Mora,US,57,30\n",
                       DL_UNKNOWN_SPONSOR_USER);
  import (f->store, one);
  ana = person_of (f->store, "57");
  g_assert_cmpint (ana, >, 0);
  g_assert_true (dl_store_save_import_period (f->store, one, dl_period_from_ym (2026, 1), &n_saved, &error));
  g_assert_no_error (error);

  /* the Canadian 57 joins, with a recruit of his own */
  two = validate_text (f->store,
                       "ID,Name,Country,Enroller,PV\n1,Root One,US,,11\n57,Ana Ruiz,US,1,21\n"
                       "057,Ben Roy,CA,1,40\n60,Cy Mora,US,57,31\n61,Di Lund,CA,57,50\n",
                       DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (two->rejected->len, ==, 0);
  plan = plan_import (f->store, two);
  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (plan->n_updated, ==, 1);
  g_assert_cmpuint (plan->missing->len, ==, 0);
  g_assert_cmpuint (plan->changes->len, ==, 1);
  g_assert_cmpstr (plan->changes->len > 0 ? plan->changes->pdata[0] : "", ==, "57-US Ana Ruiz: number 57 → 57-US");
  import (f->store, two);
  g_assert_true (dl_store_save_import_period (f->store, two, dl_period_from_ym (2026, 2), &n_saved, &error));
  g_assert_cmpuint (n_saved, ==, 5);

  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "1 57-CA 57-US 60 61");
  g_assert_cmpint (person_of (f->store, "57-US"), ==, ana);
  ASSERT_ENROLLER (f->store, "60", "57-US");
  ASSERT_ENROLLER (f->store, "61", "57-CA");
  ASSERT_ENROLLER (f->store, "57-CA", "1");

  /* Ana is gone from the export: 57 is Canadian alone, and still Ben */
  three = validate_text (f->store,
                         "ID,Name,Country,Enroller,PV\n1,Root One,US,,12\n57,Ben Roy,CA,1,41\n61,Di Lund,CA,57,51\n",
                         DL_UNKNOWN_SPONSOR_USER);
  g_clear_pointer (&plan, dl_import_plan_free);
  plan = plan_import (f->store, three);
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_updated, ==, 0);
  g_assert_cmpuint (plan->missing->len, ==, 2);
  g_assert_cmpstr (plan->missing->len > 1 ? plan->missing->pdata[0] : "", ==, "57-US Ana Ruiz");
  import (f->store, three);
  g_assert_true (dl_store_save_import_period (f->store, three, dl_period_from_ym (2026, 3), &n_saved, &error));
  g_assert_cmpuint (n_saved, ==, 3);

  /* back in two countries: both found as they are */
  four = validate_text (f->store,
                        "ID,Name,Country,Enroller,PV\n57,Ana Ruiz,US,1,22\n57,Ben Roy,CA,1,42\n",
                        DL_UNKNOWN_SPONSOR_USER);
  g_clear_pointer (&plan, dl_import_plan_free);
  plan = plan_import (f->store, four);
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_unchanged, ==, 2);
  import (f->store, four);
  g_assert_true (dl_store_save_import_period (f->store, four, dl_period_from_ym (2026, 4), &n_saved, &error));
  g_assert_no_error (error);

  g_clear_pointer (&numbers, g_free);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "1 57-CA 57-US 60 61");
  figures = query_text (f->store,
                        "SELECT group_concat (m.member_number || '=' || f.pv, ' ') FROM "
                        "(SELECT * FROM period_figures ORDER BY period, member_id) f "
                        "JOIN member m ON m.person_id = f.member_id WHERE m.member_number LIKE '57%'",
                        NULL);
  g_assert_cmpstr (figures, ==, "57-US=20.0 57-US=21.0 57-CA=40.0 57-CA=41.0 57-US=22.0 57-CA=42.0");
}

/* The month a number turns up in a second country, no row with the
 * bare member's name: nobody takes them over, rather than the wrong
 * person; they are listed as not in the file */
static void
test_countries_no_name_no_claim (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(DlImportResult) one =
    validate_text (f->store, "ID,Name,Country\n57,Ana Ruiz,US\n", DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) two =
    validate_text (f->store, "ID,Name,Country\n57,Ana Lopez,US\n57,Ben Roy,CA\n", DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *name = NULL;

  import (f->store, one);
  plan = plan_import (f->store, two);
  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (plan->missing->len, ==, 1);
  g_assert_cmpstr (plan->missing->len > 0 ? plan->missing->pdata[0] : "", ==, "57 Ana Ruiz");
  import (f->store, two);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "57 57-CA 57-US");
  name = query_text (f->store, "SELECT last_name FROM person JOIN member ON person_id = id WHERE member_number = ?",
                     "57");
  g_assert_cmpstr (name, ==, "Ruiz");
}

/* The month a number turns up in a second country, two rows with the
 * bare member's name (one of them spelled otherwise): neither takes
 * them over, in the plan as in the import, whichever row comes first.
 * One row of a third number has its member's name and does. */
static void
test_countries_namesakes_no_claim (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(DlImportResult) one =
    validate_text (f->store, "ID,Name,Country\n57,Ana Ruiz,US\n58,Ben Roy,US\n59,Cy Mora,US\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) two =
    validate_text (f->store,
                   "ID,Name,Country\n58,Ben Roy,US\n58,BEN  ROY,CA\n57,Ana Ruiz,US\n57,ana ruiz,MX\n57,Ana Ruiz,CA\n"
                   "59,Dee Park,CA\n59,CY MORA,US\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *name = NULL;
  gint64 cy;

  import (f->store, one);
  cy = person_of (f->store, "59");
  plan = plan_import (f->store, two);
  g_assert_cmpuint (plan->n_new, ==, 6);
  g_assert_cmpuint (plan->missing->len, ==, 2);
  g_assert_cmpstr (plan->missing->pdata[0], ==, "57 Ana Ruiz");
  g_assert_cmpstr (plan->missing->pdata[1], ==, "58 Ben Roy");
  import (f->store, two);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "57 57-CA 57-MX 57-US 58 58-CA 58-US 59-CA 59-US");
  g_assert_cmpint (person_of (f->store, "59-US"), ==, cy);
  name = query_text (f->store, "SELECT first_name FROM person JOIN member ON person_id = id WHERE member_number = ?",
                     "57");
  g_assert_cmpstr (name, ==, "Ana");
}

/* The month a number turns up in a second country, the bare member is
 * the row with their name however it is written: the accents composed
 * or not, other capitals, a blank saved after the first name */
static void
test_countries_claim_by_name (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(DlImportResult) one =
    validate_text (f->store, "ID,Name,Country\n57,Jose\xcc\x81 Ruiz,US\n58,Ana Lee,US\n", DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(DlImportResult) two = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree char *numbers = NULL;
  gint64 jose, ana;

  import (f->store, one);
  jose = person_of (f->store, "57");
  ana = person_of (f->store, "58");
  sqlite3_exec (dl_store_get_handle (f->store), "UPDATE person SET first_name = 'Ana ' WHERE first_name = 'Ana'",
                NULL, NULL, NULL);

  two = validate_text (f->store,
                       "ID,Name,Country\n57,Jos\xc3\xa9 Ruiz,US\n57,Ben Roy,CA\n58,ANA LEE,US\n58,Cy Mora,MX\n",
                       DL_UNKNOWN_SPONSOR_USER);
  plan = plan_import (f->store, two);
  g_assert_cmpuint (plan->n_new, ==, 2);
  g_assert_cmpuint (plan->missing->len, ==, 0);
  import (f->store, two);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "57-CA 57-US 58-MX 58-US");
  g_assert_cmpint (person_of (f->store, "57-US"), ==, jose);
  g_assert_cmpint (person_of (f->store, "58-US"), ==, ana);
}

/* A member kept as "900057-US" comes back with the country left empty,
 * or in a report without a Country column: they are found as they are
 * when Downline has one 900057, and their row is a bad row naming the
 * countries when it has two; never a new member "900057" that their
 * recruits move to while they are "not in the file" */
static void
test_countries_bare_number (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(DlImportResult) one = NULL;
  g_autoptr(DlImportResult) blank = NULL;
  g_autoptr(DlImportResult) plain = NULL;
  g_autoptr(DlImportResult) single = NULL;
  g_autoptr(DlImportResult) later = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(DlStringSet) known = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_auto(GStrv) forms = NULL;
  g_auto(GStrv) indexed = NULL;
  g_autofree char *numbers = NULL;

  one = validate_text (f->store,
                       "Account Number\tName\tCountry\tEnroller Acct #\n"
                       "900001\tMaría Root\tUS\t\n"
                       "900057\tAna Ruiz\tUS\t900001\n"
                       "900057\tBenoît Roy\tCA\t900001\n"
                       "900060\tJosé Díaz\tCA\t900057\n"
                       "900061\tZoë Park\tUS\t900057\n"
                       "900062-US\tEva Sol\tUS\t900001\n",
                       DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (one->rejected->len, ==, 0);
  import (f->store, one);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "900001 900057-CA 900057-US 900060 900061 900062-US");

  /* what the validator is told of them, from the store or the set */
  forms = dl_store_find_qualified_numbers ("0900057", f->store);
  g_assert_nonnull (forms);
  g_assert_cmpstrv (forms, ((const char *const[]) { "900057-CA", "900057-US", NULL }));
  g_assert_null (dl_store_find_qualified_numbers ("900060", f->store));
  g_assert_null (dl_store_find_qualified_numbers ("90005", f->store));
  known = dl_store_get_member_numbers (f->store);
  index = dl_import_qualified_index (known);
  indexed = dl_import_qualified_in_index ("900057", index);
  g_assert_nonnull (indexed);
  g_assert_cmpstrv (indexed, forms);
  g_assert_null (dl_import_qualified_in_index ("900001", index));

  /* the country left empty: which 900057 is Ana is not the file's to say */
  blank = validate_text (f->store,
                         "Account Number\tName\tCountry\tEnroller Acct #\n"
                         "900001\tMaría Root\tUS\t\n"
                         "900057\tAna Ruiz\t\t900001\n"
                         "900061\tZoë Park\tUS\t900057\n",
                         DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (blank->rejected->len, ==, 1);
  g_assert_cmpuint (g_array_index (blank->rejected, DlImportProblem, 0).line, ==, 3);
  g_assert_cmpstr (g_array_index (blank->rejected, DlImportProblem, 0).reason, ==,
                   "the member number 900057 is in Downline for more than one country (CA, US), and this "
                   "row names no country: the file does not say whose it is");
  plan = plan_import (f->store, blank);
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_sponsor_changes, ==, 0);
  import (f->store, blank);
  g_clear_pointer (&numbers, g_free);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "900001 900057-CA 900057-US 900060 900061 900062-US");
  ASSERT_ENROLLER (f->store, "900061", "900057-US");

  /* the same report without a Country column */
  plain = validate_text (f->store,
                         "Account Number\tName\tEnroller Acct #\n"
                         "900001\tMaría Root\t\n"
                         "900057\tAna Ruiz\t900001\n"
                         "900061\tZoë Park\t900057\n"
                         "900062\tEva Sol\t900001\n",
                         DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (plain->rejected->len, ==, 1);
  g_clear_pointer (&plan, dl_import_plan_free);
  plan = plan_import (f->store, plain);
  /* Eva is the only 900062 */
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_unchanged, ==, 3);
  import (f->store, plain);
  g_clear_pointer (&numbers, g_free);
  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "900001 900057-CA 900057-US 900060 900061 900062-US");
  ASSERT_ENROLLER (f->store, "900061", "900057-US");
  ASSERT_ENROLLER (f->store, "900060", "900057-CA");

  /* one 900057 in Downline: Ana, and her recruits stay hers */
  single = validate_text (f->store,
                          "Account Number\tName\tEnroller Acct #\n"
                          "900062\tEva Sol\t900001\n"
                          "900063\tGil Mar\t900062\n",
                          DL_UNKNOWN_SPONSOR_USER);
  g_assert_cmpuint (single->rejected->len, ==, 0);
  import (f->store, single);
  ASSERT_ENROLLER (f->store, "900063", "900062-US");
  later = validate_text (f->store,
                         "Account Number\tName\tCountry\tEnroller Acct #\n"
                         "900062\tEva Sol\t\t900001\n"
                         "900063\tGil Mar\tUS\t900062\n",
                         DL_UNKNOWN_SPONSOR_USER);
  g_clear_pointer (&plan, dl_import_plan_free);
  plan = plan_import (f->store, later);
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_unchanged, ==, 2);
  g_assert_cmpuint (plan->missing->len, ==, 5);
}

static void
set_user_number (Fixture    *f,
                 const char *number)
{
  g_autoptr(DlProfile) saved = dl_store_get_profile (f->store);
  /* a draft to change: its person is a copy too */
  g_autoptr(DlProfile) profile = dl_profile_copy (saved);
  g_autoptr(GError) error = NULL;

  dl_profile_set_member_number (profile, number);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);
}

/* A real-world file, and who the user is in it, the way the import
 * asks: the guess goes into the profile before the rows are checked */
static DlImportResult *
validate_as_user (Fixture    *f,
                  const char *name,
                  const char *expected_user,
                  gboolean    expected_in_file)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "real-world", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = dl_csv_table_new_from_file (path, &error);
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autofree char *user = NULL;
  gboolean in_file = !expected_in_file;
  DlImportResult *result;

  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  g_assert_true (dl_store_import_needs_user (f->store));
  user = dl_csv_guess_user (table, mapping, &in_file, NULL);
  g_assert_cmpstr (user, ==, expected_user);
  g_assert_cmpint (in_file, ==, expected_in_file);
  set_user_number (f, user);
  result = dl_csv_import_validate_full (table, mapping, dl_csv_guess_date_order (table, mapping, NULL, NULL),
                                        DL_UNKNOWN_SPONSOR_USER, dl_store_has_member_number, f->store, NULL,
                                        dl_store_find_qualified_numbers, f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  return result;
}

/* Plexus: nobody in the file is the user, every member at the top names
 * them; the number-and-name cells give the names, the QV and the Y/N
 * autoship the month's figures */
static void
test_real_plexus (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DlImportResult) result = validate_as_user (f, "plexus-ambassadors.csv", "70001", FALSE);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *name = NULL;
  g_autofree char *figures = NULL;

  import (f->store, result);
  g_assert_true (dl_store_save_import_period (f->store, result, dl_period_from_ym (2024, 7), NULL, &error));
  g_assert_no_error (error);

  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "070030 70001 70012 70013 70020 70021");
  g_assert_cmpint (person_of (f->store, "70001"), ==, f->user_id);
  ASSERT_ENROLLER (f->store, "70012", "70001");
  ASSERT_ENROLLER (f->store, "70013", "70001");
  ASSERT_PLACEMENT (f->store, "70013", "70001 -");
  ASSERT_ENROLLER (f->store, "70021", "70013");
  ASSERT_PLACEMENT (f->store, "70021", "70012 -");
  ASSERT_ENROLLER (f->store, "070030", "70020");
  name = query_text (f->store,
                     "SELECT first_name || '/' || last_name || '/' || email FROM person JOIN member ON person_id = id "
                     "WHERE member_number = ?", "70012");
  g_assert_cmpstr (name, ==, "Bo/Kim/bo@example.com");
  figures = query_text (f->store,
                        "SELECT group_concat (m.member_number || '=' || f.pv || '/' || f.autoship, ' ') FROM "
                        "(SELECT * FROM period_figures ORDER BY member_id) f "
                        "JOIN member m ON m.person_id = f.member_id",
                        NULL);
  g_assert_cmpstr (figures, ==, "070030=45.0/1 70012=125.5/1 70013=100.0/0 70020=80.0/1 70021=0.0/0");
  tree = dl_store_load_tree (f->store, NULL);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 6);
}

/* Mannatech: Windows-1252, tab-separated, one account number in two
 * countries; the user is the Level 0 row */
static void
test_real_mannatech (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(DlImportResult) result = validate_as_user (f, "mannatech-countries.tsv", "900001", TRUE);
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(DlImportResult) again = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *name = NULL;

  plan = plan_import (f->store, result);
  /* the user's row updates the user; five are new */
  g_assert_cmpuint (plan->n_new, ==, 5);
  import (f->store, result);

  numbers = all_numbers (f->store);
  g_assert_cmpstr (numbers, ==, "900001 900057-CA 900057-US 900060 900061 900062");
  g_assert_cmpint (person_of (f->store, "900001"), ==, f->user_id);
  ASSERT_ENROLLER (f->store, "900057-US", "900001");
  ASSERT_ENROLLER (f->store, "900060", "900057-CA");
  ASSERT_PLACEMENT (f->store, "900060", "900057-CA -");
  ASSERT_ENROLLER (f->store, "900061", "900057-US");
  ASSERT_PLACEMENT (f->store, "900061", "900060 -");
  ASSERT_ENROLLER (f->store, "900062", "900057-CA");
  name = query_text (f->store, "SELECT first_name || ' ' || last_name FROM person JOIN member ON person_id = id "
                               "WHERE member_number = ?", "900057-CA");
  g_assert_cmpstr (name, ==, "Benoît Tremblay");
  tree = dl_store_load_tree (f->store, NULL);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 6);

  /* next month's export, the same: the same members, nothing new */
  again = validate_file (f->store, "real-world/mannatech-countries.tsv");
  g_clear_pointer (&plan, dl_import_plan_free);
  plan = plan_import (f->store, again);
  g_assert_cmpuint (plan->n_new, ==, 0);
  g_assert_cmpuint (plan->n_updated, ==, 0);
}

/* Purium: the join date from "Signup Date", the first order from
 * "Start Date"; a file with only "Start Date" gives new members it as
 * their join date, and leaves the join date of members already there */
static void
test_real_purium (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(DlImportResult) result = validate_file (f->store, "real-world/purium-start-date.csv");
  g_autoptr(DlImportResult) later = NULL;
  g_autofree char *bo = NULL;
  g_autofree char *cy = NULL;
  g_autofree char *dee = NULL;

  g_assert_cmpuint (result->rejected->len, ==, 0);
  import (f->store, result);
  bo = query_text (f->store, "SELECT joined_on || ' ' || first_order FROM member WHERE member_number = ?", "300002");
  g_assert_cmpstr (bo, ==, "2023-02-10 2023-03-01");
  cy = query_text (f->store, "SELECT joined_on || ' ' || coalesce (first_order, '-') FROM member "
                             "WHERE member_number = ?", "300003");
  g_assert_cmpstr (cy, ==, "2023-04-01 -");
  ASSERT_ENROLLER (f->store, "300003", "300002");

  later = validate_text (f->store,
                         "Customer ID,Name,Start Date\n300002,Bo Kim,2023-03-01\n300004,Dee Park,2024-05-06\n",
                         DL_UNKNOWN_SPONSOR_USER);
  import (f->store, later);
  g_clear_pointer (&bo, g_free);
  bo = query_text (f->store, "SELECT joined_on || ' ' || first_order FROM member WHERE member_number = ?", "300002");
  g_assert_cmpstr (bo, ==, "2023-02-10 2023-03-01");
  dee = query_text (f->store, "SELECT joined_on || ' ' || first_order FROM member WHERE member_number = ?", "300004");
  g_assert_cmpstr (dee, ==, "2024-05-06 2024-05-06");
}

/* doTERRA with volumes: enrollers and placements from "5001 (Ana Root)"
 * cells, OV as the group volume, LRP as the autoship */
static void
test_real_doterra (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(DlImportResult) result = validate_as_user (f, "doterra-volumes.csv", "5001", TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *figures = NULL;

  import (f->store, result);
  g_assert_true (dl_store_save_import_period (f->store, result, dl_period_from_ym (2022, 4), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (person_of (f->store, "5001"), ==, f->user_id);
  ASSERT_ENROLLER (f->store, "5002", "5001");
  ASSERT_PLACEMENT (f->store, "5002", "5001 -");
  ASSERT_ENROLLER (f->store, "5003", "5001");
  ASSERT_PLACEMENT (f->store, "5003", "5002 -");
  ASSERT_ENROLLER (f->store, "5004", "5002");
  ASSERT_PLACEMENT (f->store, "5004", "5003 -");
  figures = query_text (f->store,
                        "SELECT group_concat (m.member_number || '=' || f.pv || '/' || f.gv || '/' || f.autoship "
                        "                     || '/' || f.status, ' ') FROM "
                        "(SELECT * FROM period_figures ORDER BY member_id) f "
                        "JOIN member m ON m.person_id = f.member_id",
                        NULL);
  g_assert_cmpstr (figures, ==,
                   "5001=120.0/2400.0/1/active 5002=100.0/600.0/1/active 5003=55.5/55.5/0/active "
                   "5004=0.0/0.0/0/inactive");
}

/* The member's own columns, as the latest import left them:
 * rank/highest/autoship/next autoship/renewal/last order/first order/status */
static char *
member_state (DlStore    *store,
              const char *number)
{
  return query_text (store,
                     "SELECT rank || '/' || highest_rank || '/' || coalesce (autoship, '-') || '/' "
                     "       || coalesce (next_autoship, '-') || '/' || coalesce (renewal_on, '-') || '/' "
                     "       || coalesce (last_order, '-') || '/' || coalesce (first_order, '-') || '/' || status "
                     "FROM member WHERE member_number = ?",
                     number);
}

/* Every month's figures, by month and member number: "period number
 * status paid-rank pv gv autoship left right qualified", "-" for NULL */
static char *
all_figures (DlStore *store)
{
  return query_text (store,
                     "SELECT group_concat (line, '\n') FROM "
                     "(SELECT f.period || ' ' || m.member_number || ' ' || f.status || ' ' "
                     "        || coalesce (f.paid_rank, '-') || ' ' || coalesce (f.pv, '-') || ' ' "
                     "        || coalesce (f.gv, '-') || ' ' || coalesce (f.autoship, '-') || ' ' "
                     "        || coalesce (f.left_volume, '-') || ' ' || coalesce (f.right_volume, '-') || ' ' "
                     "        || coalesce (f.qualified, '-') AS line "
                     " FROM period_figures f JOIN member m ON m.person_id = f.member_id "
                     " ORDER BY f.period, m.member_number)",
                     NULL);
}

/* "number type" of each of the month's events, by member (person id) */
static char *
events_of (DlStore  *store,
           DlPeriod  period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = dl_store_get_events (store, period, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const DlStoreEvent *e = &g_array_index (events, DlStoreEvent, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? ", " : "", e->member_number,
                              dl_event_type_to_string (e->type));
    }
  return g_string_free (text, FALSE);
}

static DlImportResult *
validate_month (DlStore    *store,
                const char *text,
                int         year,
                int         month)
{
  DlImportResult *result = validate_text (store, text, DL_UNKNOWN_SPONSOR_USER);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  result->period = dl_period_from_ym (year, month);
  return result;
}

static void
save_month (DlStore        *store,
            DlImportResult *result)
{
  g_autoptr(GError) error = NULL;

  import (store, result);
  g_assert_true (dl_store_save_import_period (store, result, result->period, NULL, &error));
  g_assert_no_error (error);
}

/* The back office's roles month by month (#15): October's export;
 * November's, with the highest rank beside the paid one, autoship and
 * its next date, renewal, qualified, the legs' volumes and September's
 * and October's PV in columns of their own; then August's, older than
 * both, which fills its month and nothing the members are now. */
static void
test_roles_month_to_month (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(DlImportResult) october = NULL;
  g_autoptr(DlImportResult) november = NULL;
  g_autoptr(DlImportResult) august = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *ana = NULL;
  g_autofree char *bo = NULL;
  g_autofree char *cy = NULL;
  g_autofree char *events = NULL;

  october = validate_month (f->store,
                            "Member ID,Enroller ID,Name,Join Date,Highest Rank,Paid-as,PPV,GV,Autoship,"
                            "Next Autoship,Renewal Date,Qualified,Left Volume,Right Volume,Status,Last Order\n"
                            "1001,,Ana Root,2024-01-10,Gold,Gold,90,5000,Y,2026-11-05,2027-01-10,Y,1000,800,"
                            "Active,2026-10-03\n"
                            "1003,1001,Cy Lee,2025-05-02,Bronze,Bronze,50,50,N,,,,,,Active,2026-10-01\n",
                            2026, 10);
  save_month (f->store, october);

  november = validate_month (f->store,
                             "Member ID,Enroller ID,Name,Join Date,Highest Rank,Paid-as,PPV,PPV 2026-09,"
                             "PPV 2026-10,Autoship,Next Autoship,Renewal Date,Qualified,Left Volume,Right Volume,"
                             "Status,Last Order,Start Date\n"
                             "1001,,Ana Root,2024-01-10,Gold,Silver,120,100,110,Y,2026-12-05,2027-01-10,Y,"
                             "\"1,500\",900,Active,2026-11-03,2024-01-12\n"
                             "1002,1001,Bo Kim,2026-10-15,Silver,Bronze,80,0,60,N,,2027-10-15,N,300,0,Active,"
                             "2026-11-20,2026-10-16\n"
                             "1003,1001,Cy Lee,2025-05-02,Bronze,,0,40,,x,2026-12-20,,,,,Inactive,,\n",
                             2026, 11);
  plan = plan_import (f->store, november);
  g_assert_cmpuint (plan->n_status_changes, ==, 1);
  save_month (f->store, november);

  /* the highest rank is the member's; blanks keep what Downline has */
  ana = member_state (f->store, "1001");
  bo = member_state (f->store, "1002");
  cy = member_state (f->store, "1003");
  g_assert_cmpstr (ana, ==, "Gold/Gold/1/2026-12-05/2027-01-10/2026-11-03/2024-01-12/active");
  g_assert_cmpstr (bo, ==, "Silver/Silver/0/-/2027-10-15/2026-11-20/2026-10-16/active");
  g_assert_cmpstr (cy, ==, "Bronze/Bronze/1/2026-12-20/-/2026-10-01/-/inactive");

  /* September from its column alone (Bo had not joined: his 0 is no
   * month of his), with the status of the next month known; October's
   * PV from November's file, the rest of October as October said it;
   * November whole */
  figures = all_figures (f->store);
  g_assert_cmpstr (figures, ==,
                   "2026-09 1001 active - 100.0 - - - - -\n"
                   "2026-09 1003 active - 40.0 - - - - -\n"
                   "2026-10 1001 active Gold 110.0 5000.0 1 1000.0 800.0 1\n"
                   "2026-10 1002 active - 60.0 - - - - -\n"
                   "2026-10 1003 active Bronze 50.0 50.0 0 - - -\n"
                   "2026-11 1001 active Silver 120.0 - 1 1500.0 900.0 1\n"
                   "2026-11 1002 active Bronze 80.0 - 0 300.0 0.0 0\n"
                   "2026-11 1003 inactive - 0.0 - 1 - - -");
  /* Bo joined in October, now that September is known; no status
   * changed into the months filled in */
  events = events_of (f->store, dl_period_from_ym (2026, 10));
  g_assert_cmpstr (events, ==, "1002 joined");
  g_clear_pointer (&events, g_free);
  events = events_of (f->store, dl_period_from_ym (2026, 11));
  g_assert_cmpstr (events, ==, "1001 rank-down, 1003 autoship-started, 1003 became-inactive");

  /* August after November: its month, and only what Downline did not
   * know of the members (Cy's renewal) */
  august = validate_month (f->store,
                           "Member ID,Enroller ID,Name,Highest Rank,Paid-as,PPV,Autoship,Next Autoship,"
                           "Renewal Date,Status,Last Order,Start Date\n"
                           "1001,,Ana Root,Silver,Silver,70,N,2026-09-05,2026-01-10,Inactive,2026-08-02,2024-01-11\n"
                           "1003,1001,Cy Lee,Member,Member,30,N,2026-09-01,2026-09-30,Active,2026-08-01,2025-05-03\n",
                           2026, 8);
  g_clear_pointer (&plan, dl_import_plan_free);
  plan = plan_import (f->store, august);
  g_assert_cmpuint (plan->n_status_changes, ==, 0);
  g_assert_cmpuint (plan->n_rank_changes, ==, 0);
  save_month (f->store, august);

  g_clear_pointer (&ana, g_free);
  g_clear_pointer (&cy, g_free);
  ana = member_state (f->store, "1001");
  cy = member_state (f->store, "1003");
  g_assert_cmpstr (ana, ==, "Gold/Gold/1/2026-12-05/2027-01-10/2026-11-03/2024-01-12/active");
  g_assert_cmpstr (cy, ==, "Bronze/Bronze/1/2026-12-20/2026-09-30/2026-10-01/2025-05-03/inactive");
  g_clear_pointer (&figures, g_free);
  figures = query_text (f->store,
                        "SELECT group_concat (m.member_number || ' ' || f.status || ' ' || f.paid_rank || ' ' || f.pv, ', ') "
                        "FROM period_figures f JOIN member m ON m.person_id = f.member_id WHERE f.period = '2026-08'",
                        NULL);
  g_assert_cmpstr (figures, ==, "1001 inactive Silver 70.0, 1003 active Member 30.0");
}

/* A file with earlier months' PV and no month of its own: each column
 * fills its month, whatever month the import is made in */
static void
test_past_volumes_without_period (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(DlImportResult) result =
    validate_text (f->store, "ID,Name,Status,PV Sep 2026,PV Oct 2026\n1,Ann Lee,Inactive,10,\n2,Bo Kim,,,\"2,5\"\n",
                   DL_UNKNOWN_SPONSOR_USER);
  g_autoptr(GError) error = NULL;
  g_autofree char *figures = NULL;
  guint n_months = 0;
  guint n_saved = 0;

  import (f->store, result);
  g_assert_true (dl_store_save_import_period (f->store, result, DL_PERIOD_NONE, &n_months, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_months, ==, 2);
  figures = all_figures (f->store);
  g_assert_cmpstr (figures, ==,
                   "2026-09 1 inactive - 10.0 - - - - -\n"
                   "2026-10 2 active - 2.5 - - - - -");

  /* kept as October's after all: the column of its own month is its PV,
   * the file having no other */
  g_assert_true (dl_store_save_import_period (f->store, result, dl_period_from_ym (2026, 10), &n_saved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_saved, ==, 2);
  g_clear_pointer (&figures, g_free);
  figures = all_figures (f->store);
  g_assert_cmpstr (figures, ==,
                   "2026-09 1 inactive - 10.0 - - - - -\n"
                   "2026-10 1 inactive - - - - - - -\n"
                   "2026-10 2 active - 2.5 - - - - -");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store-import/first-import", test_first_import);
  ADD ("/store-import/user-number-is-root", test_user_number_is_root);
  ADD ("/store-import/no-sponsor-policy", test_no_sponsor_policy);
  ADD ("/store-import/reimport-keeps-history", test_reimport_keeps_history);
  ADD ("/store-import/cancel-leaves-nothing", test_cancel_leaves_nothing);
  ADD ("/store-import/error-leaves-nothing", test_error_leaves_nothing);
  ADD ("/store-import/insert-error-leaves-nothing", test_insert_error_leaves_nothing);
  ADD ("/store-import/big-import-searchable", test_big_import_searchable);
  ADD ("/store-import/each-change-written", test_each_change_written);
  ADD ("/store-import/log-folded-after", test_log_folded_after);
  ADD ("/store-import/move-under-new-member", test_move_under_new_member);
  ADD ("/store-import/plan-lists-details", test_plan_lists_details);
  ADD ("/store-import/padded-numbers-match", test_padded_numbers_match);
  ADD ("/store-import/bad-email-to-notes", test_bad_email_to_notes);
  ADD ("/store-import/number-order", test_number_order);
  ADD ("/store-import/number-order-long-cells", test_number_order_long_cells);
  ADD ("/store-import/async", test_async);
  ADD ("/store-import/placement-written", test_placement_written);
  ADD ("/store-import/placement-reimport", test_placement_reimport);
  ADD ("/store-import/placement-batches", test_placement_batches);
  ADD ("/store-import/enroller-from-placement", test_enroller_from_placement);
  ADD ("/store-import/placement-loop-through-database", test_placement_loop_through_database);
  ADD ("/store-import/damaged-refused", test_damaged_refused);
  ADD ("/store-import/countries-month-to-month", test_countries_month_to_month);
  ADD ("/store-import/countries-no-name-no-claim", test_countries_no_name_no_claim);
  ADD ("/store-import/countries-bare-number", test_countries_bare_number);
  ADD ("/store-import/countries-claim-by-name", test_countries_claim_by_name);
  ADD ("/store-import/countries-namesakes-no-claim", test_countries_namesakes_no_claim);
  ADD ("/store-import/real/plexus-user-not-in-file", test_real_plexus);
  ADD ("/store-import/real/mannatech-countries", test_real_mannatech);
  ADD ("/store-import/real/purium-start-date", test_real_purium);
  ADD ("/store-import/real/doterra-volumes", test_real_doterra);
  ADD ("/store-import/waits-for-check", test_waits_for_check);
  ADD ("/store-import/roles-month-to-month", test_roles_month_to_month);
  ADD ("/store-import/past-volumes-without-period", test_past_volumes_without_period);
  ADD ("/store-import/month-with-members", test_month_with_members);
  ADD ("/store-import/join-date-by-month", test_join_date_by_month);
  ADD ("/store-import/plan-in-worker", test_plan_in_worker);
  ADD ("/store-import/plan-keeps-first-lines", test_plan_keeps_first_lines);
#undef ADD

  return g_test_run ();
}

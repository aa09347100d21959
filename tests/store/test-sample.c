/* test-sample.c — the sample business: shape, dates, determinism, refusal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test writes into a real store on a temporary file and checks the
 * result with SQL, the way the app will read it.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-sample.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"

#define N_MEMBERS 300
#define SEED      20261122
#define NONE      DL_TREE_NO_PARENT

typedef struct
{
  char            *dir;
  char            *path;
  DlStore         *store;
  sqlite3         *db;
  DlDay            today;
  DlSampleSummary  summary;
} Fixture;

static char *
new_path (Fixture    *f,
          const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static DlStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  f->dir = g_dir_make_tmp ("downline-sample-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = new_path (f, "sample.downline");
  /* A fixed "today", so a failure can be reproduced on any day. */
  f->today = dl_day_from_ymd (2026, 11, 22);
  f->store = open_store (f->path);
  f->db = dl_store_get_handle (f->store);

  ok = dl_store_fill_sample (f->store, N_MEMBERS, SEED, f->today, &f->summary, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_db (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Binds today's date as ?1 so queries can compare with it. */
static gint64
query_int_today (Fixture    *f,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char today[16];
  gint64 value = -1;
  int rc;

  dl_day_format_iso (f->today, today);
  rc = sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_test_message ("%s: %s", sql, sqlite3_errmsg (f->db));
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Every table, row by row in rowid order, as one text per table.  The
 * template table's stamps are left out: the store writes the default
 * templates with the clock when the file is created, not the sample. */
static GHashTable *
dump_tables (sqlite3 *db)
{
  GHashTable *dump = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT LIKE 'sqlite_%'"
                                       /* the search index's own tables (FTS5's shadow
                                        * tables, some without rowid): the index is
                                        * compared through its virtual tables */
                                       " AND name NOT GLOB 'person_search_[cdi]*'"
                                       " AND name NOT GLOB 'person_name_search_*'"
                                       " ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", table);
      g_autofree char *by_key = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
      sqlite3_stmt *rows = NULL;
      guint n_rows = 0;

      /* a table WITHOUT ROWID (the monthly figures, the events) has no
       * rowid, and is read in the order of its key */
      if (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL) != SQLITE_OK)
        g_assert_cmpint (sqlite3_prepare_v2 (db, by_key, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (rows); c++)
            {
              const char *column = sqlite3_column_name (rows, c);
              const unsigned char *value = sqlite3_column_text (rows, c);

              if (g_str_equal (table, "template")
                  && (g_str_equal (column, "created_at") || g_str_equal (column, "updated_at")))
                continue;
              /* when the risk was fitted, not what it learned */
              if (g_str_equal (table, "risk_model") && g_str_equal (column, "fitted_at"))
                continue;
              if (value == NULL)
                g_checksum_update (sum, (const guchar *) "\1NULL", 5);
              else
                g_checksum_update (sum, value, sqlite3_column_bytes (rows, c));
              g_checksum_update (sum, (const guchar *) "\t", 1);
            }
          g_checksum_update (sum, (const guchar *) "\n", 1);
          n_rows++;
        }
      sqlite3_finalize (rows);

      g_hash_table_insert (dump, g_strdup (table),
                           g_strdup_printf ("%u rows %s", n_rows, g_checksum_get_string (sum)));
      g_checksum_free (sum);
    }
  sqlite3_finalize (tables);

  return dump;
}

static gboolean
dumps_equal (GHashTable *a,
             GHashTable *b,
             gboolean    report)
{
  GHashTableIter iter;
  gpointer table, value;
  gboolean equal = g_hash_table_size (a) == g_hash_table_size (b);

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &table, &value))
    {
      const char *other = g_hash_table_lookup (b, table);

      if (g_strcmp0 (value, other) != 0)
        {
          if (report)
            g_test_message ("table %s differs: %s / %s", (char *) table,
                            (char *) value, other ? other : "(missing)");
          equal = FALSE;
        }
    }

  return equal;
}

/* A count, with today's date as ?1 for the queries that compare with it. */
#define COUNT(sql) query_int_today (f, sql)

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  gint64 n_prospects;

  g_assert_cmpuint (f->summary.n_members, ==, N_MEMBERS);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member"), ==, N_MEMBERS + 1);

  n_prospects = COUNT ("SELECT count(*) FROM prospect");
  g_assert_cmpint (n_prospects, ==, f->summary.n_prospects);
  g_assert_cmpint (n_prospects, >=, 100);
  g_assert_cmpint (n_prospects, <=, 140);

  g_assert_cmpint (COUNT ("SELECT count(*) FROM interaction"), ==,
                   f->summary.n_interactions);
  /* A few contacts per member on average, not a flood. */
  g_assert_cmpuint (f->summary.n_interactions, >=, N_MEMBERS);
  g_assert_cmpuint (f->summary.n_interactions, <=, 20 * N_MEMBERS);

  /* Everyone is a member, a prospect or both (Joined); nobody is
   * neither. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person WHERE id NOT IN (SELECT person_id"
                              " FROM member)"
                              " AND id NOT IN (SELECT person_id FROM prospect)"), ==, 0);

  /* The profile is a named person with a company, a website and a
   * message, and it is the root of the tree. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM profile"), ==, 1);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM profile JOIN person p ON p.id ="
                              " profile.person_id"
                              " JOIN member m ON m.person_id = p.id"
                              " WHERE m.sponsor_id IS NULL AND p.first_name <> ''"
                              " AND p.last_name <> '' AND company <> '' AND website <> ''"
                              " AND message <> ''"), ==, 1);
  g_assert_false (dl_store_is_empty (f->store));
}

static void
test_tree (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  gint64 n_members = N_MEMBERS + 1;
  gint64 max_depth;
  gint64 root;

  /* One root, and it is the user. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE sponsor_id IS NULL"), ==, 1);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM member m JOIN profile p ON p.person_id ="
                              " m.person_id"
                              " WHERE m.sponsor_id IS NULL"), ==, 1);

  /* Every sponsor exists. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM member m WHERE m.sponsor_id IS NOT NULL"
                              " AND NOT EXISTS (SELECT 1 FROM member s WHERE s.person_id ="
                              " m.sponsor_id)"),
                   ==, 0);

  /* With one sponsor each, reaching everyone from the root means there
   * is no cycle. */
  g_assert_cmpint (query_int (f->db,
                              "WITH RECURSIVE down (id, depth) AS ("
                              "  SELECT person_id, 0 FROM member WHERE sponsor_id IS NULL"
                              "  UNION ALL"
                              "  SELECT m.person_id, d.depth + 1 FROM member m JOIN down d"
                              "  ON m.sponsor_id = d.id WHERE d.depth < 1000)"
                              " SELECT count(*) FROM down"), ==, n_members);
  max_depth = query_int (f->db,
                         "WITH RECURSIVE down (id, depth) AS ("
                         "  SELECT person_id, 0 FROM member WHERE sponsor_id IS NULL"
                         "  UNION ALL"
                         "  SELECT m.person_id, d.depth + 1 FROM member m JOIN down d"
                         "  ON m.sponsor_id = d.id WHERE d.depth < 1000)"
                         " SELECT max (depth) FROM down");
  g_assert_cmpint (max_depth, ==, f->summary.max_depth);
  g_assert_cmpint (max_depth, >=, 3);
  g_assert_cmpint (max_depth, <=, 25);

  /* Nobody was sponsored before their sponsor joined. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM member m JOIN member s ON s.person_id ="
                              " m.sponsor_id"
                              " WHERE m.joined_on < s.joined_on"), ==, 0);

  /* Most never recruit; a few recruit many. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM member m WHERE m.sponsor_id IS NOT NULL"
                              " AND NOT EXISTS (SELECT 1 FROM member r WHERE r.sponsor_id ="
                              " m.person_id)"),
                   >, N_MEMBERS * 6 / 10);
  g_assert_cmpint (query_int (f->db,
                              "SELECT max (n) FROM (SELECT count(*) AS n FROM member"
                              " WHERE sponsor_id <> (SELECT person_id FROM profile)"
                              " GROUP BY sponsor_id)"), >=, 8);

  /* The writer pauses foreign keys for speed: nothing may be dangling,
   * and enforcement must be back on afterwards. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (COUNT ("PRAGMA foreign_keys"), ==, 1);

  /* The store reads it back as one tree rooted at the user. */
  tree = dl_store_load_tree (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree == NULL)
    return;
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, n_members);
  root = dl_tree_get_root (tree);
  g_assert_cmpint (root, >=, 0);
  if (root >= 0)
    g_assert_cmpuint (dl_tree_get_node (tree, (guint) root)->subtree_size, ==, n_members);
}

static void
test_dates (Fixture       *f,
            gconstpointer  data)
{
  DlDay start = f->today - DL_SAMPLE_SPAN_DAYS;
  char first[16];

  dl_day_format_iso (start, first);

  /* Joined within three years, never in the future. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE joined_on > ?1"), ==, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE julianday (?1)"
                                       " - julianday (joined_on) > 1095"), ==, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE julianday (?1)"
                                       " - julianday (joined_on) > 700"), >, 0);

  /* Statuses and activity fall between joining and today. */
  g_assert_cmpint (query_int_today (f,
                                    "SELECT count(*) FROM member WHERE status <> 'active'"
                                    " AND (status_since IS NULL OR status_since > ?1"
                                    " OR status_since < joined_on)"), ==, 0);
  g_assert_cmpint (query_int_today (f,
                                    "SELECT count(*) FROM member WHERE last_activity IS NULL"
                                    " OR last_activity > ?1 OR last_activity < joined_on"), ==, 0);
  g_assert_cmpint (query_int_today (f,
                                    "SELECT count(*) FROM member WHERE snoozed_until IS NOT NULL"
                                    " AND snoozed_until <= ?1"), ==, 0);

  /* Contacts come after the person was met and before today, never on
   * a day the member had already dropped out long before. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM interaction WHERE date (at) >= ?1"), ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM interaction i JOIN person p ON p.id ="
                              " i.person_id"
                              " WHERE date (i.at) < date (p.created_at)"), ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM interaction i JOIN member m ON m.person_id ="
                              " i.person_id"
                              " WHERE m.status = 'dropped' AND date (i.at) > date"
                              " (m.status_since, '+3 days')"),
                   ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM interaction WHERE at NOT GLOB"
                              " '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                              "T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]'"),
                   ==, 0);

  /* last_contact_at agrees with what the trigger keeps. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person p WHERE p.last_contact_at IS NOT"
                              " (SELECT max (at) FROM interaction i WHERE i.person_id = p.id"
                              " AND i.kind <> 'note')"), ==, 0);

  /* Stamps are well formed UTC. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person WHERE created_at NOT GLOB '*Z'"
                              " OR updated_at < created_at OR julianday (created_at) IS"
                              " NULL"), ==, 0);
}

static void
test_status_mix (Fixture       *f,
                 gconstpointer  data)
{
  gint64 old = COUNT ("SELECT count(*) FROM member WHERE sponsor_id IS NOT NULL"
                                   " AND julianday (?1) - julianday (joined_on) > 365");
  gint64 old_gone = COUNT ("SELECT count(*) FROM member WHERE sponsor_id IS NOT NULL"
                                        " AND julianday (?1) - julianday (joined_on) > 365"
                                        " AND status IN ('inactive', 'dropped')");

  g_assert_cmpint (old, >, 0);
  /* Most of those who joined over a year ago are gone. */
  g_assert_cmpint (old_gone * 2, >, old);

  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE status = 'active'"), >, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE status = 'inactive'"), >, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE status = 'dropped'"), >, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE role = 'customer'"), >, 0);

  /* Ranks: rarer going up, and the top ranks only with a team. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE rank NOT IN"
                                     " ('', 'Member', 'Bronze', 'Silver', 'Gold', 'Platinum',"
                                     " 'Diamond')"),
                   ==, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE rank = 'Member'"), >,
                   COUNT ("SELECT count(*) FROM member WHERE rank = 'Bronze'"));
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE rank = 'Bronze'"), >,
                   COUNT ("SELECT count(*) FROM member WHERE rank = 'Gold'"));
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM member m WHERE rank IN ('Gold', 'Platinum',"
                              " 'Diamond')"
                              " AND (SELECT count(*) FROM member r WHERE r.sponsor_id ="
                              " m.person_id) < 4"),
                   ==, 0);

  /* Some members were neglected: personal recruits still active with no
   * contact for over a month. */
  g_assert_cmpint (query_int_today (f,
                                    "SELECT count(*) FROM member m JOIN person p ON p.id ="
                                    " m.person_id"
                                    " WHERE m.sponsor_id = (SELECT person_id FROM profile)"
                                    " AND m.status = 'active' AND (p.last_contact_at IS NULL"
                                    " OR julianday (?1) - julianday (p.last_contact_at) > 30)"),
                   >, 0);
}

static void
test_unique_numbers (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE member_number IS NULL"), ==, 0);
  g_assert_cmpint (COUNT ("SELECT count(DISTINCT member_number) FROM member"), ==,
                   N_MEMBERS + 1);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM member WHERE member_number NOT GLOB"
                                     " '[1-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'"), ==, 0);
}

static void
test_unique_numbers_large (void)
{
  g_autoptr(DlSample) sample = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DlSampleOptions options;

  /* Enough members to hit any collision of the number scrambling. */
  dl_sample_options_init (&options, 200000, 7, dl_day_from_ymd (2026, 11, 22));
  sample = dl_sample_new (&options);
  for (guint32 i = 0; i < sample->n_members; i++)
    {
      char number[16];

      dl_sample_member_number (sample, i, number);
      g_assert_true (g_hash_table_add (seen, g_strdup (number)));
    }
  g_assert_cmpuint (sample->max_depth, <=, DL_SAMPLE_MAX_DEPTH);
}

static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  /* Clearly fake addresses and numbers. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person WHERE email NOT GLOB '*@example.com'"
                              " AND email NOT GLOB '*@example.net' AND email NOT GLOB"
                              " '*@example.org'"),
                   ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person WHERE phone NOT GLOB"
                              " '*555[-.]01[0-9][0-9]'"),
                   ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person WHERE trim (first_name) = ''"
                              " OR trim (last_name) = '' OR city = '' OR category = ''"), ==, 0);

  /* Varied: many distinct names, some of them Spanish, several sources. */
  g_assert_cmpint (COUNT ("SELECT count(DISTINCT last_name) FROM person"), >, 80);
  g_assert_cmpint (COUNT ("SELECT count(DISTINCT first_name) FROM person"), >, 80);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person WHERE last_name IN"
                              " ('García', 'Martínez', 'Rodríguez', 'López', 'Hernández',"
                              " 'González',"
                              " 'Pérez', 'Sánchez', 'Ramírez', 'Torres', 'Flores', 'Rivera',"
                              " 'Gómez')"),
                   >, 0);
  g_assert_cmpint (COUNT ("SELECT count(DISTINCT source) FROM person"), >, 10);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM person WHERE source GLOB 'Referral from *'"),
                   >, 0);
  g_assert_cmpint (COUNT ("SELECT count(DISTINCT city) FROM person"), >, 10);

  /* People the user met personally say how. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person p JOIN member m ON m.person_id = p.id"
                              " WHERE m.sponsor_id = (SELECT person_id FROM profile) AND"
                              " p.source = ''"),
                   ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM person p JOIN prospect r ON r.person_id = p.id"
                              " WHERE p.source = ''"), ==, 0);
}

static void
test_pipeline (Fixture       *f,
               gconstpointer  data)
{
  /* Every stage kind is used, most prospects are on open stages. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(DISTINCT stage_id) FROM prospect"), ==,
                   COUNT ("SELECT count(*) FROM stage"));
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect JOIN stage s ON s.id = stage_id"
                              " WHERE s.kind = 'open'"), >=, 90);

  /* Positions run 0..n-1 within each stage. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM (SELECT stage_id, count(*) AS n, max"
                              " (position) AS top,"
                              " count(DISTINCT position) AS d FROM prospect GROUP BY stage_id)"
                              " WHERE top <> n - 1 OR d <> n"), ==, 0);

  /* Follow-ups: some overdue, some today, some later, some none. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM prospect WHERE next_follow_up < ?1"), >, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM prospect WHERE next_follow_up = ?1"), >, 0);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM prospect WHERE next_follow_up > ?1"), >, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect JOIN stage s ON s.id = stage_id"
                              " WHERE s.kind = 'open' AND next_follow_up IS NULL"), >, 0);

  /* Some are stale: quiet longer than their stage allows, nothing ahead. */
  g_assert_cmpint (query_int_today (f,
                                    "SELECT count(*) FROM prospect r JOIN stage s ON s.id ="
                                    " r.stage_id"
                                    " JOIN person p ON p.id = r.person_id WHERE s.kind = 'open'"
                                    " AND (r.next_follow_up IS NULL OR r.next_follow_up < ?1)"
                                    " AND julianday (?1) - julianday (date (p.last_contact_at))"
                                    " > s.stale_days"),
                   >, 0);
  /* Every prospect has been contacted at least once. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect r JOIN person p ON p.id = r.person_id"
                              " WHERE p.last_contact_at IS NULL"), ==, 0);

  /* Qualification checks and interest are filled in for some. */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM prospect WHERE q_self_starter + q_will_work"
                                     " + q_good_fit + q_loves_product >= 3"), >, 0);
  g_assert_cmpint (COUNT ("SELECT count(DISTINCT interest) FROM prospect"), ==, 4);

  /* Not now: a reason and a revisit date, some of them already due. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect JOIN stage s ON s.id = stage_id"
                              " WHERE s.kind = 'not-now'"), >=, 3);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect JOIN stage s ON s.id = stage_id"
                              " WHERE s.kind = 'not-now' AND (not_now_reason = '' OR revisit_on"
                              " IS NULL)"),
                   ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect JOIN stage s ON s.id = stage_id"
                              " WHERE s.kind <> 'not-now' AND (not_now_reason <> '' OR"
                              " revisit_on IS NOT NULL)"),
                   ==, 0);

  /* Joined: a few recent personal recruits who keep their history. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect JOIN stage s ON s.id = stage_id"
                              " WHERE s.kind = 'joined'"), >=, 1);
  g_assert_cmpint (query_int_today (f,
                                    "SELECT count(*) FROM prospect r JOIN stage s ON s.id ="
                                    " r.stage_id"
                                    " LEFT JOIN member m ON m.person_id = r.person_id WHERE"
                                    " s.kind = 'joined'"
                                    " AND (m.person_id IS NULL OR m.sponsor_id <> (SELECT"
                                    " person_id FROM profile)"
                                    " OR julianday (?1) - julianday (m.joined_on) > 30"
                                    " OR date (r.entered_stage_at) <> m.joined_on)"), ==, 0);
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect r JOIN stage s ON s.id = r.stage_id"
                              " JOIN member m ON m.person_id = r.person_id WHERE s.kind = 'joined'"
                              " AND NOT EXISTS (SELECT 1 FROM interaction i WHERE i.person_id ="
                              " r.person_id"
                              " AND date (i.at) < m.joined_on)"), ==, 0);
  /* Only Joined prospects are members. */
  g_assert_cmpint (query_int (f->db,
                              "SELECT count(*) FROM prospect r JOIN stage s ON s.id = r.stage_id"
                              " JOIN member m ON m.person_id = r.person_id WHERE s.kind <>"
                              " 'joined'"), ==, 0);
}

static void
test_determinism (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *same_path = new_path (f, "same.downline");
  g_autofree char *other_path = new_path (f, "other.downline");
  g_autoptr(GHashTable) dump = dump_tables (f->db);
  g_autoptr(GHashTable) same_dump = NULL;
  g_autoptr(GHashTable) other_dump = NULL;
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary;
  DlStore *store;

  store = open_store (same_path);
  g_assert_true (dl_store_fill_sample (store, N_MEMBERS, SEED, f->today, &summary, &error));
  g_assert_no_error (error);
  same_dump = dump_tables (dl_store_get_handle (store));
  g_object_unref (store);
  g_assert_true (dumps_equal (dump, same_dump, TRUE));
  g_assert_cmpuint (summary.n_interactions, ==, f->summary.n_interactions);
  g_assert_cmpuint (summary.max_depth, ==, f->summary.max_depth);

  store = open_store (other_path);
  g_assert_true (dl_store_fill_sample (store, N_MEMBERS, SEED + 1, f->today, &summary, &error));
  g_assert_no_error (error);
  other_dump = dump_tables (dl_store_get_handle (store));
  g_object_unref (store);
  g_assert_false (dumps_equal (dump, other_dump, FALSE));
  /* The shape changes too, not only names. */
  g_assert_cmpstr (g_hash_table_lookup (dump, "member"), !=,
                   g_hash_table_lookup (other_dump, "member"));
  g_assert_cmpstr (g_hash_table_lookup (dump, "interaction"), !=,
                   g_hash_table_lookup (other_dump, "interaction"));

  remove_db (same_path);
  remove_db (other_path);
}

static void
test_refuses_non_empty (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = new_path (f, "someone.downline");
  g_autoptr(GHashTable) before = dump_tables (f->db);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary = { 42, 42, 42, 42 };
  DlStore *store;

  /* A database that already holds the sample. */
  g_assert_false (dl_store_fill_sample (f->store, 10, SEED + 7, f->today, &summary, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  g_assert_nonnull (error ? strstr (error->message, "empty") : NULL);
  g_clear_error (&error);
  after = dump_tables (f->db);
  g_assert_true (dumps_equal (before, after, TRUE));
  g_assert_cmpuint (summary.n_members, ==, 42);
  g_assert_false (dl_store_in_transaction (f->store));
  g_assert_cmpint (COUNT ("PRAGMA foreign_keys"), ==, 1);

  /* One person of the user's own is enough to refuse. */
  store = open_store (path);
  g_assert_true (dl_store_is_empty (store));
  g_assert_cmpint (sqlite3_exec (dl_store_get_handle (store),
                                 "INSERT INTO person (first_name, created_at, updated_at)"
                                 " VALUES ('Ana', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_pointer (&before, g_hash_table_unref);
  before = dump_tables (dl_store_get_handle (store));
  g_assert_false (dl_store_fill_sample (store, 10, SEED, f->today, NULL, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  g_clear_pointer (&after, g_hash_table_unref);
  after = dump_tables (dl_store_get_handle (store));
  g_assert_true (dumps_equal (before, after, TRUE));
  g_assert_cmpint (query_int (dl_store_get_handle (store), "SELECT count(*) FROM member"), ==, 0);
  g_object_unref (store);
  remove_db (path);
}

static void
test_tiny (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = new_path (f, "tiny.downline");
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary;
  DlStore *store;

  /* No downline at all: just the user and a pipeline. */
  store = open_store (path);
  g_assert_true (dl_store_fill_sample (store, 0, SEED, f->today, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_members, ==, 0);
  g_assert_cmpuint (summary.max_depth, ==, 0);
  g_assert_cmpuint (summary.n_prospects, >=, 100);
  g_assert_cmpint (query_int (dl_store_get_handle (store), "SELECT count(*) FROM member"), ==, 1);
  g_object_unref (store);
  remove_db (path);
}

static void
test_too_many (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = new_path (f, "huge.downline");
  g_autoptr(GError) error = NULL;
  DlStore *store = open_store (path);

  g_assert_false (dl_store_fill_sample (store, DL_SAMPLE_MAX_MEMBERS + 1, SEED, f->today,
                                        NULL, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_assert_true (dl_store_is_empty (store));
  g_object_unref (store);
  remove_db (path);
}

static void
tree_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DlTree **tree = user_data;
  g_autoptr(GError) error = NULL;

  *tree = dl_store_load_tree_finish (DL_STORE (source), result, &error);
  g_assert_no_error (error);
}

static DlTree *
read_tree (DlStore    *store,
           DlTreeKind  kind)
{
  DlTree *tree = NULL;

  dl_store_load_tree_kind_async (store, kind, NULL, tree_read_cb, &tree);
  while (tree == NULL)
    g_main_context_iteration (NULL, TRUE);
  return tree;
}

/* The sample business is placed as a binary plan's spillover places:
 * two legs at most, each member somewhere in their enroller's own
 * placement group, and the store reads that tree back. */
static void
test_placement (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(DlTree) enrolled = read_tree (f->store, DL_TREE_KIND_ENROLLMENT);
  g_autoptr(DlTree) placed = read_tree (f->store, DL_TREE_KIND_PLACEMENT);
  guint n = dl_tree_get_n_nodes (placed);
  guint moved = 0;

  /* everyone but the user placed, on a side of their own */
  g_assert_cmpint (COUNT ("SELECT count(*) FROM placement"), ==, N_MEMBERS);
  g_assert_cmpint (COUNT ("SELECT count(*) FROM (SELECT parent_id, side FROM placement"
                          " GROUP BY parent_id, side HAVING count(*) > 1)"), ==, 0);
  g_assert_true (dl_store_has_placement (f->store));

  g_assert_cmpuint (n, ==, dl_tree_get_n_nodes (enrolled));
  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (placed, i);
      gint64 e = dl_tree_find (enrolled, node->person_id);
      const DlTreeNode *in_enrolled = dl_tree_get_node (enrolled, e);
      gint64 enroller;
      gint64 parent_id = 0;
      DlSide side = DL_SIDE_NONE;

      g_assert_cmpuint (node->n_children, <=, 2);
      if ((gint64) i == dl_tree_get_root (placed))
        {
          g_assert_false (dl_store_get_placement (f->store, node->person_id, NULL, NULL));
          continue;
        }
      g_assert_cmpuint (node->parent, !=, NONE);
      g_assert_true (dl_store_get_placement (f->store, node->person_id, &parent_id, &side));
      g_assert_cmpint (parent_id, ==, dl_tree_get_node (placed, node->parent)->person_id);
      g_assert_cmpint (side, !=, DL_SIDE_NONE);

      /* under their enroller or below them */
      enroller = dl_tree_find (placed, in_enrolled->sponsor_id);
      g_assert_cmpint (enroller, >=, 0);
      g_assert_true (dl_tree_is_ancestor (placed, (guint) enroller, node->parent));
      moved += parent_id != in_enrolled->sponsor_id;
    }
  /* and spillover happened */
  g_assert_cmpuint (moved, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(name, func) \
  g_test_add ("/sample/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("counts", test_counts);
  ADD ("tree", test_tree);
  ADD ("placement", test_placement);
  ADD ("dates", test_dates);
  ADD ("status-mix", test_status_mix);
  ADD ("unique-numbers", test_unique_numbers);
  ADD ("people", test_people);
  ADD ("pipeline", test_pipeline);
  ADD ("determinism", test_determinism);
  ADD ("refuses-non-empty", test_refuses_non_empty);
  ADD ("no-members", test_tiny);
  ADD ("too-many", test_too_many);
  g_test_add_func ("/sample/unique-numbers-large", test_unique_numbers_large);

#undef ADD

  return g_test_run ();
}

/* test-store-periods.c — monthly figures kept, events worked out and
 * stored, older months filling the history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-rules.h"

#include "dl-store-figures.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "../dl-test-files.h"

typedef struct
{
  char    *dir;
  DlStore *store;
  gint64   ids[4];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *names[] = { "Ana", "Ben", "Cai", "Dee" };

  f->dir = g_dir_make_tmp ("downline-periods-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "biz.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(DlPerson) draft = dl_person_new ();
      g_autoptr(DlMember) member = NULL;
      g_autofree char *number = g_strdup_printf ("90%u", i + 1);

      dl_person_set_first_name (draft, names[i]);
      member = dl_store_add_member (f->store, draft, 0, number, dl_day_from_ymd (2026, 1, 10),
                                    DL_ROLE_DISTRIBUTOR, &error);
      g_assert_no_error (error);
      f->ids[i] = dl_member_get_id (member);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
events_text (DlStore  *store,
             DlPeriod  period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) events = dl_store_get_events (store, period, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const DlStoreEvent *event = &g_array_index (events, DlStoreEvent, i);

      g_string_append_printf (out, "%s:%s ", event->member_number, dl_event_type_to_string (event->type));
    }
  return g_string_free (out, FALSE);
}

static void
save (Fixture           *f,
      DlPeriod           period,
      const DlPeriodRow *rows,
      guint              n_rows)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_save_period (f->store, period, rows, n_rows, &error));
  g_assert_no_error (error);
}

#define ROW(i, status, rank, pv, autoship) { f->ids[i], DL_FIGURE_ ## status, rank, pv, NAN, autoship }

static void
test_events_stored (Fixture       *f,
                    gconstpointer  data)
{
  const DlPeriod october = dl_period_from_ym (2026, 10);
  const DlPeriod november = dl_period_from_ym (2026, 11);
  const DlPeriodRow oct_rows[] = {
    ROW (0, ACTIVE, "Silver", 100, 1), ROW (1, ACTIVE, "Gold", 100, 1), ROW (2, ACTIVE, "Silver", 100, 1),
  };
  const DlPeriodRow nov_rows[] = {
    ROW (0, ACTIVE, "Silver", 100, 0), ROW (1, ACTIVE, "Silver", 100, 1), ROW (2, INACTIVE, "Silver", 100, 1),
    ROW (3, ACTIVE, NULL, NAN, -1),
  };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GError) error = NULL;

  save (f, october, oct_rows, G_N_ELEMENTS (oct_rows));
  first = events_text (f->store, october);
  g_assert_cmpstr (first, ==, "");

  save (f, november, nov_rows, G_N_ELEMENTS (nov_rows));
  second = events_text (f->store, november);
  g_assert_cmpstr (second, ==, "901:autoship-cancelled 902:rank-down 903:became-inactive 904:joined ");

  /* the same month again changes nothing */
  save (f, november, nov_rows, G_N_ELEMENTS (nov_rows));
  again = events_text (f->store, november);
  g_assert_cmpstr (again, ==, second);

  periods = dl_store_get_periods (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (periods->len, ==, 2);
  g_assert_cmpint (g_array_index (periods, DlPeriod, 0), ==, october);
  g_assert_cmpint (g_array_index (periods, DlPeriod, 1), ==, november);
}

/* The events that read more than the month before: a volume drop
 * (the three months before), a member a month old without an order
 * (when they joined), a member named twice in a new month (the last
 * row counts, as in the table); worked out as the month is saved, then
 * again from the file alone, the same. */
static void
test_events_from_older_months (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;

  /* Dee joined in October */
  g_assert_true (dl_store_exec (f->store, "UPDATE member SET joined_on = '2026-10-20' WHERE member_number = '904'",
                                &error));
  g_assert_no_error (error);
  {
    const DlPeriodRow aug[] = { ROW (0, ACTIVE, NULL, 100, 1), ROW (1, ACTIVE, NULL, 100, 1) };
    const DlPeriodRow sep[] = { ROW (0, ACTIVE, NULL, 120, 1), ROW (1, ACTIVE, NULL, 100, 1) };
    const DlPeriodRow oct[] = {
      ROW (0, ACTIVE, NULL, 110, 1), ROW (1, ACTIVE, NULL, 100, 1), ROW (3, ACTIVE, NULL, 0, 0),
    };
    /* Ana's 40 is under half her 110 average; Ben is named twice, and
     * his second row (autoship off) is the one kept */
    const DlPeriodRow nov[] = {
      ROW (1, ACTIVE, NULL, 100, 1), ROW (0, ACTIVE, NULL, 40, 1), ROW (3, ACTIVE, NULL, 0, 0),
      ROW (1, ACTIVE, NULL, 100, 0),
    };

    save (f, dl_period_from_ym (2026, 8), aug, G_N_ELEMENTS (aug));
    save (f, dl_period_from_ym (2026, 9), sep, G_N_ELEMENTS (sep));
    save (f, dl_period_from_ym (2026, 10), oct, G_N_ELEMENTS (oct));
    save (f, dl_period_from_ym (2026, 11), nov, G_N_ELEMENTS (nov));
  }
  saved = events_text (f->store, dl_period_from_ym (2026, 11));
  g_assert_cmpstr (saved, ==, "901:volume-drop 902:autoship-cancelled 904:no-first-order ");

  g_assert_true (dl_store_update_events (f->store, dl_period_from_ym (2026, 11), &error));
  g_assert_no_error (error);
  again = events_text (f->store, dl_period_from_ym (2026, 11));
  g_assert_cmpstr (again, ==, saved);
}

/* The volume drop of members missing from some of the months before:
 * an older month is looked up by member, whoever else it has, and a
 * month without a member's PV is no month of their average. */
static void
test_events_older_months_by_member (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *again = NULL;

  {
    /* Ana: not there in September, her average 100 of August and
     * October; Ben: not there in October, so new in November; Cy: his
     * September without PV, October alone known; Dee: August without
     * PV, 65 of September and October */
    const DlPeriodRow aug[] = {
      ROW (0, ACTIVE, NULL, 100, 1), ROW (1, ACTIVE, NULL, 100, 1), ROW (3, ACTIVE, NULL, NAN, 1),
    };
    const DlPeriodRow sep[] = {
      ROW (1, ACTIVE, NULL, 100, 1), ROW (2, ACTIVE, NULL, NAN, 1), ROW (3, ACTIVE, NULL, 100, 1),
    };
    const DlPeriodRow oct[] = {
      ROW (0, ACTIVE, NULL, 100, 1), ROW (2, ACTIVE, NULL, 100, 1), ROW (3, ACTIVE, NULL, 30, 1),
    };
    const DlPeriodRow nov[] = {
      ROW (0, ACTIVE, NULL, 40, 1), ROW (1, ACTIVE, NULL, 10, 1), ROW (2, ACTIVE, NULL, 10, 1),
      ROW (3, ACTIVE, NULL, 20, 1),
    };

    save (f, dl_period_from_ym (2026, 8), aug, G_N_ELEMENTS (aug));
    save (f, dl_period_from_ym (2026, 9), sep, G_N_ELEMENTS (sep));
    save (f, dl_period_from_ym (2026, 10), oct, G_N_ELEMENTS (oct));
    save (f, dl_period_from_ym (2026, 11), nov, G_N_ELEMENTS (nov));
  }
  saved = events_text (f->store, dl_period_from_ym (2026, 11));
  g_assert_cmpstr (saved, ==, "901:volume-drop 902:joined 904:volume-drop ");

  g_assert_true (dl_store_update_events (f->store, dl_period_from_ym (2026, 11), &error));
  g_assert_no_error (error);
  again = events_text (f->store, dl_period_from_ym (2026, 11));
  g_assert_cmpstr (again, ==, saved);
}

/* The events worked out again from what the file holds, as the store
 * writes it: the status words, and PV and autoship left empty where
 * the export said nothing, which are no figure (an empty PV is no drop
 * to zero, an empty autoship no cancelled one). */
static void
test_events_from_stored_words (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO period_figures (member_id, period, status, pv, autoship) VALUES "
    " (%1$" G_GINT64_FORMAT ", '2026-08', 'active', 100, 1), (%2$" G_GINT64_FORMAT ", '2026-08', 'active', 100, 1),"
    " (%3$" G_GINT64_FORMAT ", '2026-08', 'active', 100, 1), (%4$" G_GINT64_FORMAT ", '2026-08', 'inactive', 0, 0),"
    " (%1$" G_GINT64_FORMAT ", '2026-09', 'active', 100, 1), (%2$" G_GINT64_FORMAT ", '2026-09', 'active', 100, 1),"
    " (%3$" G_GINT64_FORMAT ", '2026-09', 'active', 100, 1), (%4$" G_GINT64_FORMAT ", '2026-09', 'inactive', 0, 0),"
    " (%1$" G_GINT64_FORMAT ", '2026-10', 'active', 100, 1), (%2$" G_GINT64_FORMAT ", '2026-10', 'active', 100, 1),"
    " (%3$" G_GINT64_FORMAT ", '2026-10', 'active', 100, 1), (%4$" G_GINT64_FORMAT ", '2026-10', 'inactive', 0, 0),"
    " (%1$" G_GINT64_FORMAT ", '2026-11', 'dropped', NULL, NULL), (%2$" G_GINT64_FORMAT ", '2026-11', 'inactive', 100, 0),"
    " (%3$" G_GINT64_FORMAT ", '2026-11', 'active', NULL, NULL), (%4$" G_GINT64_FORMAT ", '2026-11', 'active', 0, 1)",
    f->ids[0], f->ids[1], f->ids[2], f->ids[3]);

  g_assert_true (dl_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_update_events (f->store, dl_period_from_ym (2026, 11), &error));
  g_assert_no_error (error);
  events = events_text (f->store, dl_period_from_ym (2026, 11));
  /* Cai, with nothing known for November, has no event */
  g_assert_cmpstr (events, ==, "901:terminated 902:autoship-cancelled 902:became-inactive "
                               "904:autoship-started 904:reactivated ");
}

/* A member's months and events, and deleting a member, find their rows
 * by a seek a month in the primary key (there is no index by member,
 * which every month's save would rewrite), never a scan of every
 * month. */
static void
test_member_rows_found_by_seek (Fixture       *f,
                                gconstpointer  data)
{
  const char *const queries[] = {
    "SELECT * FROM period_figures WHERE member_id = 2",
    "DELETE FROM period_figures WHERE member_id = 2",
    "SELECT * FROM event WHERE member_id = 2",
    "DELETE FROM event WHERE member_id = 2",
  };
  sqlite3 *db = dl_store_get_handle (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", queries[i], NULL);
      g_autoptr(GString) plan = g_string_new (NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
      g_test_message ("%s: %s", queries[i], plan->str);
      g_assert_nonnull (strstr (plan->str, "ANY(period) AND member_id=?"));
      g_assert_null (strstr (plan->str, "SCAN"));
    }
}

/* November imported first, then the October before it: November's
 * events are worked out again now that it has a month before. */
static void
test_older_month_after (Fixture       *f,
                        gconstpointer  data)
{
  const DlPeriod october = dl_period_from_ym (2026, 10);
  const DlPeriod november = dl_period_from_ym (2026, 11);
  const DlPeriodRow nov_rows[] = { ROW (0, ACTIVE, "Silver", 100, 0), ROW (1, ACTIVE, "Gold", 100, 1) };
  const DlPeriodRow oct_rows[] = { ROW (0, ACTIVE, "Silver", 100, 1) };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *october_events = NULL;

  save (f, november, nov_rows, G_N_ELEMENTS (nov_rows));
  before = events_text (f->store, november);
  g_assert_cmpstr (before, ==, "");

  save (f, october, oct_rows, G_N_ELEMENTS (oct_rows));
  after = events_text (f->store, november);
  g_assert_cmpstr (after, ==, "901:autoship-cancelled 902:joined ");
  october_events = events_text (f->store, october);
  g_assert_cmpstr (october_events, ==, "");
}

/* What the details read: a member's months, oldest first, the last n;
 * their events, newest first. */
static void
test_member_months (Fixture       *f,
                    gconstpointer  data)
{
  const DlPeriodRow sep[] = { ROW (0, ACTIVE, "Gold", 100, 1) };
  const DlPeriodRow oct[] = { ROW (0, ACTIVE, "Gold", 120, 1) };
  const DlPeriodRow nov[] = { ROW (0, ACTIVE, "Silver", 30, 0), ROW (1, ACTIVE, NULL, NAN, -1) };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) none = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  save (f, dl_period_from_ym (2026, 9), sep, 1);
  save (f, dl_period_from_ym (2026, 10), oct, 1);
  save (f, dl_period_from_ym (2026, 11), nov, 2);

  months = dl_store_get_member_months_until (f->store, f->ids[0], DL_PERIOD_NONE, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 2);
  for (guint i = 0; i < months->len; i++)
    {
      const DlMemberMonth *m = &g_array_index (months, DlMemberMonth, i);
      char iso[8];

      dl_period_format (m->period, iso);
      g_string_append_printf (text, "%s %s %.0f %d|", iso, m->paid_rank, m->pv, m->autoship);
    }
  g_assert_cmpstr (text->str, ==, "2026-10 Gold 120 1|2026-11 Silver 30 0|");

  events = dl_store_get_member_events (f->store, f->ids[0], &error);
  g_assert_no_error (error);
  g_string_truncate (text, 0);
  for (guint i = 0; i < events->len; i++)
    {
      const DlMemberEvent *e = &g_array_index (events, DlMemberEvent, i);
      char iso[8];

      dl_period_format (e->period, iso);
      g_string_append_printf (text, "%s %s|", iso, dl_event_type_to_string (e->type));
    }
  /* 30 is under half of (100 + 120) / 2 */
  g_assert_cmpstr (text->str, ==, "2026-11 autoship-cancelled|2026-11 rank-down|2026-11 volume-drop|");

  none = dl_store_get_member_months_until (f->store, f->ids[2], DL_PERIOD_NONE, 12, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  /* up to October: the month drop-down's details */
  {
    g_autoptr(GArray) then = dl_store_get_member_months_until (f->store, f->ids[0], dl_period_from_ym (2026, 10),
                                                               12, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (then->len, ==, 2);
    g_assert_cmpint (g_array_index (then, DlMemberMonth, then->len - 1).period, ==, dl_period_from_ym (2026, 10));
  }
}

/* A figure for a member who is not there refuses the whole month. */
static void
test_unknown_member_refused (Fixture       *f,
                             gconstpointer  data)
{
  const DlPeriod november = dl_period_from_ym (2026, 11);
  const DlPeriodRow rows[] = { ROW (0, ACTIVE, "Silver", 100, 1), { 999999, DL_FIGURE_ACTIVE, NULL, 1, NAN, -1 } };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = NULL;

  g_assert_false (dl_store_save_period (f->store, november, rows, G_N_ELEMENTS (rows), &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  periods = dl_store_get_periods (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (periods->len, ==, 0);
}

static const DlTreeNode *
find_node (DlTree *tree,
           gint64  person_id)
{
  gint64 index = dl_tree_find (tree, person_id);

  g_assert_cmpint (index, >=, 0);
  return dl_tree_get_node (tree, MAX (index, 0));
}

/* The tree carries what "Color by" Autoship and Volume need: the PV and
 * autoship of the file's latest month (not each member's own latest
 * row), and the member's own autoship, from the latest import, before
 * that month's. */
static void
test_tree_figures (Fixture       *f,
                   gconstpointer  data)
{
  const DlPeriodRow oct_rows[] = {
    ROW (0, ACTIVE, NULL, 150, 1), ROW (1, ACTIVE, NULL, 80, 1), ROW (2, ACTIVE, NULL, 30, 0),
    ROW (3, ACTIVE, NULL, 10, 1),
  };
  /* Dee is missing from November's export */
  const DlPeriodRow nov_rows[] = {
    ROW (0, ACTIVE, NULL, 120.6, 1), ROW (1, ACTIVE, NULL, 0, 0), ROW (2, ACTIVE, NULL, NAN, -1),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) before = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTree) again = NULL;
  g_autofree char *path = g_build_filename (f->dir, "biz.db", NULL);
  g_autofree char *sql = NULL;
  const DlTreeNode *node;

  /* nothing imported yet: nobody's figures are known */
  before = dl_store_load_tree (f->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (f->ids); i++)
    {
      node = find_node (before, f->ids[i]);
      g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_UNKNOWN);
      g_assert_false (node->has_pv);
    }

  /* November saved first: the latest month is the latest period, not
   * the one saved last */
  save (f, dl_period_from_ym (2026, 11), nov_rows, G_N_ELEMENTS (nov_rows));
  save (f, dl_period_from_ym (2026, 10), oct_rows, G_N_ELEMENTS (oct_rows));
  tree = dl_store_load_tree (f->store, &error);
  g_assert_no_error (error);

  /* whole points, rounded down */
  node = find_node (tree, f->ids[0]);
  g_assert_true (node->has_pv);
  g_assert_cmpuint (node->pv, ==, 120);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_ON);
  node = find_node (tree, f->ids[1]);
  g_assert_true (node->has_pv);
  g_assert_cmpuint (node->pv, ==, 0);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_OFF);
  /* in November's export, which said neither */
  node = find_node (tree, f->ids[2]);
  g_assert_false (node->has_pv);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_UNKNOWN);
  /* only in October's: nothing known of November */
  node = find_node (tree, f->ids[3]);
  g_assert_false (node->has_pv);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_UNKNOWN);

  /* volume in November is an order in November: Ana is active by the
   * month's end, though no last order was ever given; Ben's 0 and Cai's
   * blank say nothing */
  g_assert_cmpint (find_node (tree, f->ids[0])->last_activity, ==, dl_day_from_ymd (2026, 11, 30));
  g_assert_cmpint (find_node (tree, f->ids[1])->last_activity, ==, DL_DAY_NONE);
  g_assert_cmpint (find_node (tree, f->ids[2])->last_activity, ==, DL_DAY_NONE);
  g_assert_cmpint (dl_rules_activity (find_node (tree, f->ids[0]), dl_day_from_ymd (2026, 12, 6)), ==,
                   DL_ACTIVITY_ACTIVE);
  /* an export of November that came in on the 20th: active by the 20th */
  g_assert_true (dl_store_exec (f->store,
                                "INSERT INTO snapshot (period, imported_at) VALUES ('2026-11', '2026-11-20T09:00:00Z')",
                                &error));
  g_assert_no_error (error);
  {
    g_autoptr(DlTree) imported = dl_store_read_tree (dl_store_get_handle (f->store), path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (find_node (imported, f->ids[0])->last_activity, ==, dl_day_from_ymd (2026, 11, 20));
  }

  /* the member's own autoship, as an import writes it, wins */
  sql = g_strdup_printf ("UPDATE member SET autoship = 0 WHERE person_id = %" G_GINT64_FORMAT ";"
                         "UPDATE member SET autoship = 1 WHERE person_id = %" G_GINT64_FORMAT,
                         f->ids[0], f->ids[3]);
  g_assert_cmpint (sqlite3_exec (dl_store_get_handle (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  again = dl_store_read_tree (dl_store_get_handle (f->store), path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  if (again == NULL)
    return;
  node = find_node (again, f->ids[0]);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_OFF);
  g_assert_cmpuint (node->pv, ==, 120);
  node = find_node (again, f->ids[1]);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_OFF);
  node = find_node (again, f->ids[3]);
  g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_ON);
  g_assert_false (node->has_pv);
}

/* A file from before monthly figures (a backup not migrated yet): the
 * tree is still read, everyone's figures not known. */
static void
test_tree_figures_old_schema (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE person (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, "
                                 "  last_contact_at TEXT);"
                                 "CREATE TABLE profile (id INTEGER PRIMARY KEY, person_id INTEGER);"
                                 "CREATE TABLE member (person_id INTEGER PRIMARY KEY, sponsor_id INTEGER, "
                                 "  joined_on TEXT, role TEXT, status TEXT, status_since TEXT, rank TEXT, "
                                 "  last_activity TEXT, cadence_days INTEGER, snoozed_until TEXT);"
                                 "INSERT INTO person VALUES (1, 'Ana', '', NULL), (2, 'Ben', '', NULL);"
                                 "INSERT INTO profile VALUES (1, 1);"
                                 "INSERT INTO member VALUES (1, NULL, '2026-01-10', 'distributor', 'active', NULL, '', "
                                 "  NULL, NULL, NULL), (2, 1, '2026-02-10', 'distributor', 'active', NULL, '', "
                                 "  NULL, NULL, NULL);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  tree = dl_store_read_tree (db, path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree != NULL)
    {
      g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 2);
      for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
        {
          g_assert_cmpuint (dl_tree_get_node (tree, i)->autoship, ==, DL_AUTOSHIP_UNKNOWN);
          g_assert_false (dl_tree_get_node (tree, i)->has_pv);
        }
    }
  sqlite3_close (db);
}

static void
tree_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(DlTree **) user_data = dl_store_load_tree_finish (DL_STORE (source), result, &error);
  g_assert_no_error (error);
}

/* The latest month's figures are walked beside the members: on a whole
 * sample business with gaps in the latest month, every member gets
 * exactly the figures SQL finds for them, in either tree. */
static void
test_tree_figures_walk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("downline-walk-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "walk.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  sqlite3 *db = dl_store_get_handle (store);

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 400, 5, dl_day_from_ymd (2026, 11, 22), NULL, &error));
  /* some members missing from the latest month, the first and last among them */
  g_assert_cmpint (sqlite3_exec (db,
                                 "DELETE FROM period_figures WHERE period = (SELECT max (period) FROM period_figures) "
                                 "AND (member_id % 3 = 0 OR member_id = (SELECT min (member_id) FROM period_figures) "
                                 "OR member_id = (SELECT max (member_id) FROM period_figures));"
                                 "UPDATE member SET autoship = NULL WHERE person_id % 2 = 0;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (DlTreeKind kind = DL_TREE_KIND_ENROLLMENT; kind <= DL_TREE_KIND_PLACEMENT; kind++)
    {
      g_autoptr(DlTree) tree = NULL;
      sqlite3_stmt *stmt = NULL;
      guint n_known = 0;

      if (kind == DL_TREE_KIND_ENROLLMENT)
        tree = dl_store_load_tree (store, &error);
      else
        {
          dl_store_load_tree_kind_async (store, kind, NULL, tree_loaded_cb, &tree);
          while (tree == NULL)
            g_main_context_iteration (NULL, TRUE);
        }
      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT m.person_id, f.pv, coalesce (m.autoship, f.autoship) FROM member m "
                                           "LEFT JOIN period_figures f ON f.member_id = m.person_id "
                                           "AND f.period = (SELECT max (period) FROM period_figures)",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const DlTreeNode *node = find_node (tree, sqlite3_column_int64 (stmt, 0));

          g_assert_cmpint (node->has_pv, ==, sqlite3_column_type (stmt, 1) != SQLITE_NULL);
          if (node->has_pv)
            {
              double pv = sqlite3_column_double (stmt, 1);

              /* whole PV, a small order never 0 */
              g_assert_cmpuint (node->pv, ==, pv <= 0 ? 0 : pv < 1 ? 1 : (guint) pv);
              n_known++;
            }
          g_assert_cmpuint (node->autoship, ==,
                            sqlite3_column_type (stmt, 2) == SQLITE_NULL ? DL_AUTOSHIP_UNKNOWN
                            : sqlite3_column_int (stmt, 2) ? DL_AUTOSHIP_ON : DL_AUTOSHIP_OFF);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n_known, >, 100);
    }

  /* and as of every month, that month's figures */
  {
    g_autoptr(GArray) periods = dl_store_get_periods (store, &error);

    g_assert_cmpuint (periods->len, ==, 12);
    for (guint p = 0; p < periods->len; p++)
      {
        DlPeriod period = g_array_index (periods, DlPeriod, p);
        g_autoptr(DlTree) tree = dl_store_load_tree_as_of (store, DL_TREE_KIND_ENROLLMENT, period, &error);
        sqlite3_stmt *stmt = NULL;
        char month[8];
        guint n_known = 0;

        g_assert_no_error (error);
        dl_period_format (period, month);
        g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT member_id, pv, autoship FROM period_figures WHERE period = ?",
                                             -1, &stmt, NULL), ==, SQLITE_OK);
        sqlite3_bind_text (stmt, 1, month, -1, SQLITE_STATIC);
        while (sqlite3_step (stmt) == SQLITE_ROW)
          {
            const DlTreeNode *node = find_node (tree, sqlite3_column_int64 (stmt, 0));
            double pv = sqlite3_column_double (stmt, 1);

            g_assert_cmpint (node->has_pv, ==, sqlite3_column_type (stmt, 1) != SQLITE_NULL);
            if (node->has_pv)
              g_assert_cmpuint (node->pv, ==, pv <= 0 ? 0 : pv < 1 ? 1 : (guint) pv);
            g_assert_cmpuint (node->autoship, ==,
                              sqlite3_column_type (stmt, 2) == SQLITE_NULL ? DL_AUTOSHIP_UNKNOWN
                              : sqlite3_column_int (stmt, 2) ? DL_AUTOSHIP_ON : DL_AUTOSHIP_OFF);
            n_known++;
          }
        sqlite3_finalize (stmt);
        g_assert_cmpuint (n_known, >, 50);
      }
  }

  g_clear_object (&store);
  dl_test_remove_tree (dir);
}

static void
add_contact (Fixture *f,
             gint64   person_id,
             int      month,
             int      day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_local (2026, month, day, 23, 30, 0);
  g_autoptr(DlInteraction) contact = dl_store_add_interaction (f->store, person_id, DL_CONTACT_CALL, at, "", &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);
}

static void
figures_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(DlTreeFigures **) user_data = dl_store_load_tree_figures_finish (DL_STORE (source), result, &error);
  g_assert_no_error (error);
}

static DlTree *
tree_as_of (Fixture  *f,
            DlPeriod  period,
            gboolean  threaded)
{
  g_autoptr(GError) error = NULL;
  DlTree *tree = NULL;

  if (!threaded)
    tree = dl_store_load_tree_as_of (f->store, DL_TREE_KIND_ENROLLMENT, period, &error);
  else
    {
      dl_store_load_tree_as_of_async (f->store, DL_TREE_KIND_ENROLLMENT, period, NULL,
                                      tree_loaded_cb, &tree);
      while (tree == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  return tree;
}

/* The tree as October's export had it: who had joined, their status,
 * PV and autoship that month, the contacts logged by its end; nothing
 * of November's. */
static void
test_tree_as_of (Fixture       *f,
                 gconstpointer  data)
{
  const DlPeriod october = dl_period_from_ym (2026, 10);
  const DlPeriod november = dl_period_from_ym (2026, 11);
  const DlPeriodRow oct_rows[] = {
    ROW (0, ACTIVE, "Silver", 120, 1), ROW (1, INACTIVE, "Silver", 0, 0),
  };
  const DlPeriodRow nov_rows[] = {
    ROW (0, ACTIVE, "Silver", 40, 0), ROW (1, ACTIVE, "Silver", 90, 1),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) eve = NULL;

  save (f, october, oct_rows, G_N_ELEMENTS (oct_rows));
  save (f, november, nov_rows, G_N_ELEMENTS (nov_rows));
  dl_person_set_first_name (draft, "Eve");
  eve = dl_store_add_member (f->store, draft, f->ids[0], "905", dl_day_from_ymd (2026, 11, 5),
                             DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_set_member_status (f->store, f->ids[2], DL_MEMBER_DROPPED,
                                             dl_day_from_ymd (2026, 11, 20), &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_snooze_member (f->store, f->ids[3], dl_day_from_ymd (2026, 12, 30), &error));
  g_assert_no_error (error);
  add_contact (f, f->ids[0], 10, 31);
  add_contact (f, f->ids[0], 11, 10);
  /* Ana's rank today is higher than the one she was paid as in October */
  g_assert_true (dl_store_exec (f->store, "UPDATE member SET rank = 'Diamond', last_order = '2026-11-20', "
                                "first_order = '2026-02-01'", &error));
  /* Ben in October's export, his join day written later (an import
   * without join dates writes the day of the import) */
  g_assert_true (dl_store_exec (f->store, "UPDATE member SET joined_on = '2026-11-28' WHERE member_number = '902'",
                                &error));
  g_assert_no_error (error);

  for (int threaded = 0; threaded < 2; threaded++)
    {
      g_autoptr(DlTree) then = tree_as_of (f, october, threaded);
      g_autoptr(DlTree) now = tree_as_of (f, DL_PERIOD_NONE, threaded);
      g_autoptr(DlTree) latest = tree_as_of (f, november, threaded);
      const DlTreeNode *node;

      /* Eve joined in November */
      g_assert_cmpint (dl_tree_find (then, dl_member_get_id (eve)), <, 0);
      g_assert_cmpuint (dl_tree_get_n_nodes (then), ==, 4);
      g_assert_cmpuint (dl_tree_get_n_nodes (now), ==, 5);
      g_assert_cmpuint (dl_tree_get_n_nodes (latest), ==, 5);

      /* Ana: October's volume and autoship, the call of October 31st */
      node = find_node (then, f->ids[0]);
      g_assert_true (node->has_pv);
      g_assert_cmpuint (node->pv, ==, 120);
      g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_ON);
      g_assert_cmpint (node->last_contact, ==, dl_day_from_ymd (2026, 10, 31));
      g_assert_cmpuint (node->signals, ==, 0);
      node = find_node (now, f->ids[0]);
      g_assert_cmpuint (node->pv, ==, 40);
      g_assert_cmpuint (node->autoship, ==, DL_AUTOSHIP_OFF);
      g_assert_cmpint (node->last_contact, ==, dl_day_from_ymd (2026, 11, 10));
      g_assert_cmpuint (node->signals, !=, 0);   /* November: autoship cancelled */
      g_assert_cmpuint (find_node (latest, f->ids[0])->signals, ==, node->signals);

      /* paid as Silver in October, whatever she reached since */
      g_assert_cmpstr (dl_tree_get_rank_name (then, find_node (then, f->ids[0])->rank), ==, "Silver");
      g_assert_cmpstr (dl_tree_get_rank_name (now, find_node (now, f->ids[0])->rank), ==, "Diamond");
      /* Ben was there in October, on no known day, not joining later */
      g_assert_cmpint (find_node (then, f->ids[1])->joined_on, ==, DL_DAY_NONE);
      g_assert_cmpint (find_node (now, f->ids[1])->joined_on, ==, dl_day_from_ymd (2026, 11, 28));

      /* Ben: inactive in October's export, active now */
      g_assert_cmpuint (find_node (then, f->ids[1])->status, ==, DL_MEMBER_INACTIVE);
      g_assert_cmpuint (find_node (now, f->ids[1])->status, ==, DL_MEMBER_ACTIVE);

      /* Cai dropped out on November 20th, in no export: active before */
      g_assert_cmpuint (find_node (then, f->ids[2])->status, ==, DL_MEMBER_ACTIVE);
      g_assert_false (find_node (then, f->ids[2])->has_pv);
      g_assert_cmpuint (find_node (now, f->ids[2])->status, ==, DL_MEMBER_DROPPED);

      /* the Table's figures are that month's too */
      g_assert_cmpint (dl_tree_get_as_of (then), ==, october);
      g_assert_cmpint (dl_tree_get_as_of (now), ==, DL_PERIOD_NONE);
      {
        g_autoptr(DlTreeFigures) figures = NULL;
        g_autoptr(DlTreeFigures) latest_figures = NULL;

        dl_store_load_tree_figures_async (f->store, then, DL_TREE_KIND_ENROLLMENT, NULL, figures_loaded_cb, &figures);
        dl_store_load_tree_figures_async (f->store, now, DL_TREE_KIND_ENROLLMENT, NULL, figures_loaded_cb,
                                          &latest_figures);
        while (figures == NULL || latest_figures == NULL)
          g_main_context_iteration (NULL, TRUE);
        g_assert_cmpint (figures->period, ==, october);
        g_assert_cmpint (latest_figures->period, ==, november);
        /* an order made since is not known as of October; one before is */
        g_assert_cmpint (figures->members[dl_tree_find (then, f->ids[0])].last_order, ==, DL_DAY_NONE);
        g_assert_cmpint (figures->members[dl_tree_find (then, f->ids[0])].first_order, ==, dl_day_from_ymd (2026, 2, 1));
        g_assert_cmpint (latest_figures->members[dl_tree_find (now, f->ids[0])].last_order, ==,
                         dl_day_from_ymd (2026, 11, 20));
      }

      /* a snooze is today's */
      g_assert_cmpint (find_node (then, f->ids[3])->snoozed_until, ==, DL_DAY_NONE);
      g_assert_cmpint (find_node (now, f->ids[3])->snoozed_until, ==, dl_day_from_ymd (2026, 12, 30));
    }
}

/* The summary after an import: how many of each type from one count,
 * and a type's people by name, a page at a time. */
static void
test_event_counts_and_people (Fixture       *f,
                              gconstpointer  data)
{
  const DlPeriod october = dl_period_from_ym (2026, 10);
  const DlPeriod november = dl_period_from_ym (2026, 11);
  const DlPeriodRow oct_rows[] = {
    ROW (0, ACTIVE, NULL, 100, 1), ROW (1, ACTIVE, NULL, 100, 1), ROW (2, ACTIVE, NULL, 100, 1),
    ROW (3, ACTIVE, NULL, 100, 1),
  };
  const DlPeriodRow nov_rows[] = {
    ROW (0, ACTIVE, NULL, 100, 0), ROW (1, ACTIVE, NULL, 100, 1), ROW (2, INACTIVE, NULL, 100, 0),
    ROW (3, ACTIVE, NULL, 100, 0),
  };
  g_autoptr(DlPerson) ana = dl_store_get_person (f->store, f->ids[0]);
  g_autoptr(DlPerson) draft = dl_person_copy (ana);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) page = NULL;
  g_autoptr(GArray) rest = NULL;
  g_autoptr(GArray) past = NULL;
  g_autoptr(GArray) none = NULL;
  guint counts[DL_N_EVENTS];

  /* by last name: Ana comes after Cai and Dee, who have none */
  dl_person_set_last_name (draft, "Zeller");
  g_assert_true (dl_store_update_person (f->store, draft, &error));
  g_assert_no_error (error);

  save (f, october, oct_rows, G_N_ELEMENTS (oct_rows));
  g_assert_true (dl_store_count_events (f->store, october, counts, &error));
  g_assert_no_error (error);
  for (guint t = 0; t < DL_N_EVENTS; t++)
    g_assert_cmpuint (counts[t], ==, 0);

  save (f, november, nov_rows, G_N_ELEMENTS (nov_rows));
  g_assert_true (dl_store_count_events (f->store, november, counts, &error));
  g_assert_no_error (error);
  for (guint t = 0; t < DL_N_EVENTS; t++)
    g_assert_cmpuint (counts[t], ==, t == DL_EVENT_AUTOSHIP_CANCELLED ? 3 : t == DL_EVENT_BECAME_INACTIVE ? 1 : 0);

  page = dl_store_get_event_people (f->store, november, DL_EVENT_AUTOSHIP_CANCELLED, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (g_array_index (page, DlEventPerson, 0).name, ==, "Cai");
  g_assert_cmpstr (g_array_index (page, DlEventPerson, 0).member_number, ==, "903");
  g_assert_cmpint (g_array_index (page, DlEventPerson, 0).member_id, ==, f->ids[2]);
  g_assert_cmpstr (g_array_index (page, DlEventPerson, 1).name, ==, "Dee");
  rest = dl_store_get_event_people (f->store, november, DL_EVENT_AUTOSHIP_CANCELLED, 2, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rest->len, ==, 1);
  g_assert_cmpstr (g_array_index (rest, DlEventPerson, 0).name, ==, "Ana Zeller");
  g_assert_cmpint (g_array_index (rest, DlEventPerson, 0).member_id, ==, f->ids[0]);
  past = dl_store_get_event_people (f->store, november, DL_EVENT_AUTOSHIP_CANCELLED, 3, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (past->len, ==, 0);
  none = dl_store_get_event_people (f->store, november, DL_EVENT_JOINED, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

/* One who left and cancelled autoship the same month is one person who
 * left: counted and listed under "terminated" alone, with the autoship
 * in also; a rank change comes with its ranks. */
static void
test_event_people_left_once (Fixture       *f,
                             gconstpointer  data)
{
  const DlPeriod october = dl_period_from_ym (2026, 10);
  const DlPeriod november = dl_period_from_ym (2026, 11);
  const DlPeriodRow oct_rows[] = {
    ROW (0, ACTIVE, "Silver", 100, 1), ROW (1, ACTIVE, "Bronze", 100, 1), ROW (2, ACTIVE, "Bronze", 100, 1),
    ROW (3, ACTIVE, "Bronze", 100, 1),
  };
  /* Ana is paid at Bronze; Ben leaves, paid at Member, autoship off;
   * Cai only cancels */
  const DlPeriodRow nov_rows[] = {
    ROW (0, ACTIVE, "Bronze", 100, 1), ROW (1, TERMINATED, "Member", 0, 0), ROW (2, ACTIVE, "Bronze", 100, 0),
    ROW (3, ACTIVE, "Bronze", 100, 1),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) left = NULL;
  g_autoptr(GArray) cancelled = NULL;
  g_autoptr(GArray) down = NULL;
  g_autofree char *stored = NULL;
  guint counts[DL_N_EVENTS];

  save (f, october, oct_rows, G_N_ELEMENTS (oct_rows));
  save (f, november, nov_rows, G_N_ELEMENTS (nov_rows));
  /* the stored events are as they were: the folding is the list's */
  stored = events_text (f->store, november);
  g_assert_cmpstr (stored, ==,
                   "901:rank-down 902:autoship-cancelled 902:rank-down 902:terminated 903:autoship-cancelled ");

  g_assert_true (dl_store_count_events (f->store, november, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[DL_EVENT_TERMINATED], ==, 1);
  g_assert_cmpuint (counts[DL_EVENT_AUTOSHIP_CANCELLED], ==, 1);
  g_assert_cmpuint (counts[DL_EVENT_RANK_DOWN], ==, 1);

  left = dl_store_get_event_people (f->store, november, DL_EVENT_TERMINATED, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_cmpint (g_array_index (left, DlEventPerson, 0).member_id, ==, f->ids[1]);
  g_assert_cmpuint (g_array_index (left, DlEventPerson, 0).also, ==,
                    (1u << DL_EVENT_RANK_DOWN) | (1u << DL_EVENT_AUTOSHIP_CANCELLED));
  cancelled = dl_store_get_event_people (f->store, november, DL_EVENT_AUTOSHIP_CANCELLED, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cancelled->len, ==, 1);
  g_assert_cmpint (g_array_index (cancelled, DlEventPerson, 0).member_id, ==, f->ids[2]);
  g_assert_cmpuint (g_array_index (cancelled, DlEventPerson, 0).also, ==, 0);
  down = dl_store_get_event_people (f->store, november, DL_EVENT_RANK_DOWN, 0, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (down->len, ==, 1);
  g_assert_cmpint (g_array_index (down, DlEventPerson, 0).member_id, ==, f->ids[0]);
  g_assert_cmpstr (g_array_index (down, DlEventPerson, 0).rank_before, ==, "Silver");
  g_assert_cmpstr (g_array_index (down, DlEventPerson, 0).rank_after, ==, "Bronze");
}

static DlDay
column_day (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? dl_store_parse_day (text, strlen (text)) : DL_DAY_NONE;
}

/* The table's figures, read beside either tree: on a sample business
 * with gaps in the latest month, each member gets what SQL finds for
 * them, the highest rank where the export gave one, their enroller and
 * recruits on the placement tree and their placement on the enrollment
 * tree; a member who joined after the tree was read is left out. */
static void
test_table_figures_walk (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("downline-table-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "table.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  sqlite3 *db = dl_store_get_handle (store);

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 400, 5, dl_day_from_ymd (2026, 11, 22), NULL, &error));
  g_assert_cmpint (sqlite3_exec (db,
                                 "DELETE FROM period_figures WHERE period = (SELECT max (period) FROM period_figures) "
                                 "AND (member_id % 3 = 0 OR member_id = (SELECT min (member_id) FROM period_figures) "
                                 "OR member_id = (SELECT max (member_id) FROM period_figures));"
                                 "UPDATE period_figures SET gv = member_id * 10.5 WHERE member_id % 2 = 0;"
                                 "UPDATE member SET highest_rank = 'Diamond' WHERE person_id % 7 = 0;"
                                 "UPDATE member SET first_order = joined_on, last_order = '2026-11-02', "
                                 "  next_autoship = '2026-12-12' WHERE person_id % 5 = 0;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (DlTreeKind kind = DL_TREE_KIND_ENROLLMENT; kind <= DL_TREE_KIND_PLACEMENT; kind++)
    {
      g_autoptr(DlTree) tree = NULL;
      g_autoptr(DlTreeFigures) figures = NULL;
      /* as the file is now (the store's kept tree knows nothing of
       * the rows written here behind its back) */
      g_autoptr(DlTree) enrolled = dl_store_read_tree (db, path, &error);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;
      guint n_gv = 0, n_placed = 0;

      g_assert_no_error (error);
      dl_store_load_tree_kind_async (store, kind, NULL, tree_loaded_cb, &tree);
      while (tree == NULL)
        g_main_context_iteration (NULL, TRUE);
      /* someone who joins while the figures are read */
      sql = g_strdup_printf ("INSERT INTO person (id, first_name, created_at, updated_at) "
                             "VALUES (%d, 'Late', '2026-11-22T10:00:00Z', '2026-11-22T10:00:00Z');"
                             "INSERT INTO member (person_id, sponsor_id, joined_on) VALUES (%d, 1, '2026-11-22');",
                             100000 + kind, 100000 + kind);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);

      dl_store_load_tree_figures_async (store, tree, kind, NULL, figures_loaded_cb, &figures);
      while (figures == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (figures->tree == tree);
      g_assert_cmpint (figures->period, ==, dl_period_from_ym (2026, 10));
      g_assert_true ((figures->sponsor != NULL) == (kind == DL_TREE_KIND_PLACEMENT));
      g_assert_true ((figures->recruits != NULL) == (kind == DL_TREE_KIND_PLACEMENT));
      g_assert_true ((figures->placed_under != NULL) == (kind == DL_TREE_KIND_ENROLLMENT));
      g_assert_cmpint (dl_tree_find (tree, 100000 + kind), ==, -1);

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT m.person_id, CASE m.highest_rank WHEN '' THEN m.rank ELSE m.highest_rank END, "
                                           "  f.paid_rank, f.gv, m.first_order, m.last_order, m.next_autoship, pl.parent_id "
                                           "FROM member m LEFT JOIN period_figures f ON f.member_id = m.person_id "
                                           "  AND f.period = (SELECT max (period) FROM period_figures) "
                                           "LEFT JOIN placement pl ON pl.member_id = m.person_id "
                                           "WHERE m.person_id < 100000",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          guint i = (guint) dl_tree_find (tree, id);
          const DlMemberFigures *member = &figures->members[i];
          const char *paid = (const char *) sqlite3_column_text (stmt, 2);

          g_assert_cmpstr (dl_tree_figures_get_rank_name (figures, member->rank), ==,
                           (const char *) sqlite3_column_text (stmt, 1));
          g_assert_cmpstr (dl_tree_figures_get_rank_name (figures, member->paid_rank), ==, paid != NULL ? paid : "");
          if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
            g_assert_true (isnan (member->gv));
          else
            {
              g_assert_cmpfloat_with_epsilon (member->gv, sqlite3_column_double (stmt, 3), 0.01);
              n_gv++;
            }
          g_assert_cmpint (member->first_order, ==, column_day (stmt, 4));
          g_assert_cmpint (member->last_order, ==, column_day (stmt, 5));
          g_assert_cmpint (member->next_autoship, ==, column_day (stmt, 6));

          if (kind == DL_TREE_KIND_PLACEMENT)
            {
              /* the enrollment tree's parent and children, by index here */
              const DlTreeNode *e = dl_tree_get_node (enrolled, dl_tree_find (enrolled, id));

              if (e->parent == DL_TREE_NO_PARENT)
                g_assert_cmpuint (figures->sponsor[i], ==, DL_TREE_NO_PARENT);
              else
                g_assert_cmpint (figures->sponsor[i], ==,
                                 dl_tree_find (tree, dl_tree_get_node (enrolled, e->parent)->person_id));
              g_assert_cmpuint (figures->recruits[i], ==, e->n_children);
            }
          else if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
            {
              g_assert_cmpint (figures->placed_under[i], ==, dl_tree_find (tree, sqlite3_column_int64 (stmt, 7)));
              n_placed++;
            }
          else
            g_assert_cmpuint (figures->placed_under[i], ==, DL_TREE_NO_PARENT);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n_gv, >, 50);
      if (kind == DL_TREE_KIND_ENROLLMENT)
        g_assert_cmpuint (n_placed, >, 100);
      g_assert_cmpstr (dl_tree_figures_get_rank_name (figures, figures->members[dl_tree_find (tree, 7)].rank), ==,
                       "Diamond");
    }

  g_clear_object (&store);
  dl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/periods/events-stored", test_events_stored);
  ADD ("/store/periods/older-month-after", test_older_month_after);
  ADD ("/store/periods/events-from-older-months", test_events_from_older_months);
  ADD ("/store/periods/events-older-months-by-member", test_events_older_months_by_member);
  ADD ("/store/periods/events-from-stored-words", test_events_from_stored_words);
  ADD ("/store/periods/member-rows-found-by-seek", test_member_rows_found_by_seek);
  ADD ("/store/periods/event-counts-and-people", test_event_counts_and_people);
  ADD ("/store/periods/event-people-left-once", test_event_people_left_once);
  ADD ("/store/periods/unknown-member-refused", test_unknown_member_refused);
  ADD ("/store/periods/member-months", test_member_months);
  ADD ("/store/periods/tree-figures", test_tree_figures);
  ADD ("/store/periods/tree-figures-old-schema", test_tree_figures_old_schema);
  ADD ("/store/periods/tree-as-of", test_tree_as_of);
  g_test_add_func ("/store/periods/tree-figures-walk", test_tree_figures_walk);
  g_test_add_func ("/store/periods/table-figures-walk", test_table_figures_walk);

#undef ADD

  return g_test_run ();
}

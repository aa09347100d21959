/* test-store-tree-read.c — a big downline read in two halves, and the
 * background check standing aside for tree reads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tree of many members is read in two halves on two connections (the
 * upper half on a thread of its own).  These tests lower the size at
 * which that happens to a sample business of a few thousand members and
 * hold the halves' tree against the tree read whole: now, as of an older
 * month, and as the company placed people.  A commit that lands between
 * the two halves' snapshots, or a statement left open on the store's
 * connection (its snapshot older than the second half's), must never
 * give a tree that is half before and half after it.  The check waits
 * for a tree read begun before it.  Real store, real file.
 *
 * Not covered: the check standing aside in the middle of its run (its
 * progress handler), and its waiting for a first read to begin, which
 * on a test-sized file cannot be told from its pausing at its first
 * progress call: both would be races. 
 */

#include <string.h>

#include "dl-day.h"
#include "dl-events.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "../dl-test-files.h"

#define N_MEMBERS 3000
#define SEED      20261207

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
  DlSampleSummary summary;
  gboolean ok;

  f->dir = g_dir_make_tmp ("downline-tree-read-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "business.downline", NULL);
  f->store = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  ok = dl_store_fill_sample (f->store, N_MEMBERS, SEED, dl_day_from_ymd (2026, 11, 22), &summary, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_store_set_tree_split_min (G_MAXUINT);
  dl_store_set_tree_split_hook (NULL, NULL);
  dl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Every field of every node, the names and the rank names the same. */
static void
assert_same_tree (const DlTree *a,
                  const DlTree *b)
{
  guint n = dl_tree_get_n_nodes (a);

  g_assert_cmpuint (n, ==, dl_tree_get_n_nodes (b));
  g_assert_cmpint (dl_tree_get_root (a), ==, dl_tree_get_root (b));
  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *x = dl_tree_get_node (a, i);
      const DlTreeNode *y = dl_tree_get_node (b, i);

      g_assert_cmpint (x->person_id, ==, y->person_id);
      g_assert_cmpint (x->sponsor_id, ==, y->sponsor_id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpuint (x->parent, ==, y->parent);
      g_assert_cmpuint (x->subtree_size, ==, y->subtree_size);
      g_assert_cmpuint (x->n_children, ==, y->n_children);
      g_assert_cmpuint (x->next_sibling, ==, y->next_sibling);
      g_assert_cmpuint (x->level, ==, y->level);
      g_assert_cmpuint (x->status, ==, y->status);
      g_assert_cmpuint (x->role, ==, y->role);
      g_assert_cmpuint (x->pv, ==, y->pv);
      g_assert_cmpuint (x->has_pv, ==, y->has_pv);
      g_assert_cmpuint (x->autoship, ==, y->autoship);
      g_assert_cmpint (x->joined_on, ==, y->joined_on);
      g_assert_cmpint (x->status_since, ==, y->status_since);
      g_assert_cmpint (x->last_activity, ==, y->last_activity);
      g_assert_cmpint (x->last_contact, ==, y->last_contact);
      g_assert_cmpint (x->first_recruit_on, ==, y->first_recruit_on);
      g_assert_cmpint (x->last_recruit_on, ==, y->last_recruit_on);
      g_assert_cmpuint (x->cadence_override, ==, y->cadence_override);
      g_assert_cmpuint (x->signals, ==, y->signals);
      g_assert_cmpstr (dl_tree_get_rank_name (a, x->rank), ==, dl_tree_get_rank_name (b, y->rank));
    }
}

static DlTree *
read_tree (Fixture    *f,
           DlTreeKind  kind,
           DlPeriod    period)
{
  g_autoptr(GError) error = NULL;
  DlTree *tree;

  if (kind == DL_TREE_KIND_ENROLLMENT && period == DL_PERIOD_NONE)
    tree = dl_store_read_tree (dl_store_get_handle (f->store), f->path, &error);
  else
    tree = dl_store_load_tree_as_of (f->store, kind, period, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  return tree;
}

static void
count_hook (gpointer data)
{
  guint *calls = data;

  (*calls)++;
}

static void
test_halves_match_whole (Fixture       *f,
                         gconstpointer  data)
{
  const DlTreeKind kinds[] = { DL_TREE_KIND_ENROLLMENT, DL_TREE_KIND_PLACEMENT, DL_TREE_KIND_ENROLLMENT };
  const DlPeriod periods[] = { DL_PERIOD_NONE, DL_PERIOD_NONE, dl_period_from_ym (2026, 7) };
  guint splits = 0;

  dl_store_set_tree_split_hook (count_hook, &splits);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(DlTree) whole = NULL;
      g_autoptr(DlTree) halves = NULL;
      guint before = splits;
      guint read = dl_store_get_tree_halves_read ();

      dl_store_set_tree_split_min (G_MAXUINT);
      whole = read_tree (f, kinds[k], periods[k]);
      g_assert_cmpuint (splits, ==, before);
      g_assert_cmpuint (dl_store_get_tree_halves_read (), ==, read);

      dl_store_set_tree_split_min (1);
      halves = read_tree (f, kinds[k], periods[k]);
      g_assert_cmpuint (splits, ==, before + 1);
      g_assert_cmpuint (dl_store_get_tree_halves_read (), ==, read + 1);
      g_assert_cmpuint (dl_tree_get_n_nodes (whole), >, N_MEMBERS / 2);
      assert_same_tree (whole, halves);
    }
}

/* The member with the highest person id: in the upper half. */
static gint64
last_member (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT max (person_id) FROM member", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

typedef struct
{
  const char *path;
  gint64      person_id;
  guint       calls;
} Rename;

/* Another program renames a member of the upper half between the two
 * halves' snapshots. */
static void
rename_hook (gpointer data)
{
  Rename *rename = data;
  g_autofree char *sql = g_strdup_printf ("UPDATE person SET first_name = 'Renamed' WHERE id = %" G_GINT64_FORMAT,
                                          rename->person_id);
  sqlite3 *other = NULL;

  rename->calls++;
  g_assert_cmpint (sqlite3_open (rename->path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (other), ==, 1);
  sqlite3_close (other);
}

static const char *
name_of (const DlTree *tree,
         gint64        person_id)
{
  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    if (dl_tree_get_node (tree, i)->person_id == person_id)
      return dl_tree_get_node (tree, i)->name;
  return NULL;
}

static void
test_commit_between_halves (Fixture       *f,
                            gconstpointer  data)
{
  Rename rename = { f->path, last_member (dl_store_get_handle (f->store)), 0 };
  guint halves;
  g_autoptr(DlTree) before = NULL;
  g_autoptr(DlTree) during = NULL;
  g_autoptr(DlTree) after = NULL;

  dl_store_set_tree_split_min (G_MAXUINT);
  before = read_tree (f, DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE);
  g_assert_false (g_str_has_prefix (name_of (before, rename.person_id), "Renamed"));

  dl_store_set_tree_split_min (1);
  dl_store_set_tree_split_hook (rename_hook, &rename);
  halves = dl_store_get_tree_halves_read ();
  during = read_tree (f, DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE);
  g_assert_cmpuint (rename.calls, ==, 1);
  g_assert_cmpuint (dl_store_get_tree_halves_read (), ==, halves);
  /* all of it as it was when the read began: the upper half did not see
   * the rename its own snapshot would have shown */
  assert_same_tree (before, during);

  dl_store_set_tree_split_hook (NULL, NULL);
  after = read_tree (f, DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE);
  g_assert_true (g_str_has_prefix (name_of (after, rename.person_id), "Renamed"));
}

/* A statement stepped and not reset on the store's connection keeps the
 * snapshot it began in: a read begun then is as old as that, and the
 * second half, newer, must not be mixed with it. */
static void
test_statement_left_open (Fixture       *f,
                          gconstpointer  data)
{
  sqlite3 *db = dl_store_get_handle (f->store);
  Rename rename = { f->path, last_member (db), 0 };
  sqlite3_stmt *open = NULL;
  g_autoptr(DlTree) before = NULL;
  g_autoptr(DlTree) during = NULL;
  guint halves;

  dl_store_set_tree_split_min (G_MAXUINT);
  before = read_tree (f, DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM person", -1, &open, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (open), ==, SQLITE_ROW);
  rename_hook (&rename);

  dl_store_set_tree_split_min (1);
  halves = dl_store_get_tree_halves_read ();
  during = read_tree (f, DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE);
  g_assert_cmpuint (dl_store_get_tree_halves_read (), ==, halves);
  assert_same_tree (before, during);
  sqlite3_finalize (open);
}

typedef struct
{
  DlStore  *store;
  gboolean  verified_during;
  gboolean  called;
} CheckWait;

/* Inside a tree read: the check may start now, and must not run while
 * the read is under way (given far longer than it needs). */
static void
check_wait_hook (gpointer data)
{
  CheckWait *wait = data;

  wait->called = TRUE;
  dl_store_hold_background_checks (FALSE);
  for (guint i = 0; i < 30 && !wait->verified_during; i++)
    {
      g_usleep (20 * G_TIME_SPAN_MILLISECOND);
      wait->verified_during = dl_store_is_verified (wait->store);
    }
}

/* A small business in a file of its own, opened again with its check in
 * the background, held until dl_store_hold_background_checks (FALSE). */
static DlStore *
open_held_check (char **dir,
                 char **path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  DlSampleSummary summary;

  *dir = g_dir_make_tmp ("downline-tree-read-XXXXXX", &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "business.downline", NULL);
  store = dl_store_open (*path, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 300, SEED, dl_day_from_ymd (2026, 11, 22), &summary, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  dl_store_set_sync_check_limit (0);
  dl_store_hold_background_checks (TRUE);
  store = dl_store_open (*path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
test_check_waits_for_read (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlStore) store = open_held_check (&dir, &path);
  CheckWait wait = { NULL, };
  gint64 deadline;

  g_assert_false (dl_store_is_verified (store));

  wait.store = store;
  dl_store_set_tree_split_min (1);
  dl_store_set_tree_split_hook (check_wait_hook, &wait);
  tree = dl_store_read_tree (dl_store_get_handle (store), path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  g_assert_true (wait.called);
  g_assert_false (wait.verified_during);

  /* once the read is over the check runs to the end */
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (!dl_store_is_verified (store) && g_get_monotonic_time () < deadline)
    g_usleep (10 * G_TIME_SPAN_MILLISECOND);
  g_assert_true (dl_store_is_verified (store));

  dl_store_set_tree_split_min (G_MAXUINT);
  dl_store_set_tree_split_hook (NULL, NULL);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);  /* the store's own */
  g_clear_object (&store);
  dl_test_remove_tree (dir);
}

/* A read held open on a thread of its own until the main thread says. */
typedef struct
{
  const char *path;
  GMutex      mutex;
  GCond       cond;
  gboolean    in_read;
  gboolean    release;
  gboolean    timed_out;
} HeldRead;

static void
held_read_hook (gpointer data)
{
  HeldRead *held = data;
  gint64 until = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_mutex_lock (&held->mutex);
  held->in_read = TRUE;
  g_cond_broadcast (&held->cond);
  while (!held->release && g_cond_wait_until (&held->cond, &held->mutex, until))
    ;
  held->timed_out = !held->release;
  g_mutex_unlock (&held->mutex);
}

static gpointer
held_read_thread (gpointer data)
{
  HeldRead *held = data;
  sqlite3 *db = dl_store_open_reader (held->path, NULL);
  DlTree *tree;

  g_assert_nonnull (db);
  tree = dl_store_read_tree (db, held->path, NULL);
  sqlite3_close (db);
  return tree;
}

/* The check stands aside for a tree read, but not for a write waiting
 * for it: the write goes through while the read is still under way. */
static void
test_write_ends_standing_aside (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlStore) store = open_held_check (&dir, &path);
  HeldRead held = { path, };
  GThread *thread;

  g_mutex_init (&held.mutex);
  g_cond_init (&held.cond);
  dl_store_set_tree_split_min (1);
  dl_store_set_tree_split_hook (held_read_hook, &held);
  thread = g_thread_new ("held-read", held_read_thread, &held);
  g_mutex_lock (&held.mutex);
  while (!held.in_read)
    g_cond_wait (&held.cond, &held.mutex);
  g_mutex_unlock (&held.mutex);

  /* the check starts while the read is under way; a write waits for it */
  dl_store_hold_background_checks (FALSE);
  person = dl_store_get_person (store, dl_store_get_user_id (store));
  g_assert_nonnull (person);
  dl_person_set_phone (person, "+1 555 0123");
  g_assert_true (dl_store_update_person (store, person, &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_is_verified (store));

  g_mutex_lock (&held.mutex);
  held.release = TRUE;
  g_cond_broadcast (&held.cond);
  g_mutex_unlock (&held.mutex);
  tree = g_thread_join (thread);
  g_assert_nonnull (tree);
  /* the write did not wait for the read to be let go */
  g_assert_false (held.timed_out);

  dl_store_set_tree_split_min (G_MAXUINT);
  dl_store_set_tree_split_hook (NULL, NULL);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);  /* the store's own */
  g_mutex_clear (&held.mutex);
  g_cond_clear (&held.cond);
  g_clear_object (&store);
  dl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/tree-read/halves-match-whole", Fixture, NULL,
              fixture_set_up, test_halves_match_whole, fixture_tear_down);
  g_test_add ("/store/tree-read/commit-between-halves", Fixture, NULL,
              fixture_set_up, test_commit_between_halves, fixture_tear_down);
  g_test_add ("/store/tree-read/statement-left-open", Fixture, NULL,
              fixture_set_up, test_statement_left_open, fixture_tear_down);
  g_test_add_func ("/store/tree-read/check-waits-for-read", test_check_waits_for_read);
  g_test_add_func ("/store/tree-read/write-ends-standing-aside", test_write_ends_standing_aside);

  return g_test_run ();
}

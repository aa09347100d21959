/* dl-store-figures.c — what the back office says of every member of a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The downline table's columns from the back office (ranks, volumes,
 * orders, autoship) for a million members: read once per tree, in a
 * worker thread, into one array beside the tree's nodes, never per cell.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-store-figures.h"
#include "dl-store-private.h"

#define NONE DL_TREE_NO_PARENT

/* Ranks are the back office's free text: past this many distinct ones
 * every new one shares the last index, as the tree's do. */
#define MAX_RANKS DL_TREE_MAX_RANKS

typedef struct
{
  GPtrArray  *ranks;
  GHashTable *index;   /* rank text (in ranks) → index + 1 */
  guint16     last;    /* members come in runs of one rank */
} RankTable;

static guint16
intern_rank (RankTable  *table,
             const char *rank)
{
  gpointer value;
  guint16 index;

  if (rank == NULL || *rank == '\0')
    return 0;
  if (strcmp (g_ptr_array_index (table->ranks, table->last), rank) == 0)
    return table->last;
  value = g_hash_table_lookup (table->index, rank);
  if (value != NULL)
    index = GPOINTER_TO_UINT (value) - 1;
  else if (table->ranks->len >= MAX_RANKS)
    index = MAX_RANKS - 1;
  else
    {
      char *copy = g_strdup (rank);

      index = table->ranks->len;
      g_ptr_array_add (table->ranks, copy);
      g_hash_table_insert (table->index, copy, GUINT_TO_POINTER (index + 1));
    }
  table->last = index;
  return index;
}

/* The tree's members in person-id order, to walk beside a query sorted
 * the same way.  Their ids are copied out once: the nodes lie in tree
 * order, so each read of one in id order is a cache miss, which three
 * passes would pay three times. */
typedef struct
{
  const guint32 *order;   /* node indices in person-id order */
  gint64        *ids;     /* their person ids */
  guint          n;
  guint          k;
} Walk;

/* The node of person id, asked in ascending order; NONE when the tree
 * does not have them. */
static inline guint32
walk_to (Walk   *walk,
         gint64  id)
{
  while (walk->k < walk->n && walk->ids[walk->k] < id)
    walk->k++;
  return walk->k < walk->n && walk->ids[walk->k] == id ? walk->order[walk->k] : NONE;
}

void
dl_tree_figures_free (DlTreeFigures *figures)
{
  if (figures == NULL)
    return;
  g_clear_pointer (&figures->tree, dl_tree_unref);
  g_free (figures->members);
  g_ptr_array_unref (figures->ranks);
  g_free (figures->sponsor);
  g_free (figures->recruits);
  g_free (figures->placed_under);
  g_free (figures);
}

const char *
dl_tree_figures_get_rank_name (const DlTreeFigures *figures,
                               guint                rank)
{
  g_return_val_if_fail (figures != NULL, "");
  g_return_val_if_fail (rank < figures->ranks->len, "");

  return g_ptr_array_index (figures->ranks, rank);
}

/* The members' own columns, in person-id order beside the tree.  The
 * highest rank is the export's own column where it had one, else the
 * rank it gave (a back office's "Rank" is the title reached). */
static int
read_members (sqlite3       *db,
              DlTreeFigures *figures,
              Walk          *walk,
              RankTable     *ranks)
{
  gint64 root = dl_tree_get_root (figures->tree);
  DlPeriod as_of = dl_tree_get_as_of (figures->tree);
  DlDay end = as_of != DL_PERIOD_NONE ? dl_period_last_day (as_of) : DL_DAY_NONE;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT person_id, CASE highest_rank WHEN '' THEN rank ELSE highest_rank END, "
                           "first_order, last_order, next_autoship, sponsor_id "
                           "FROM member ORDER BY person_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return rc;
    }
  walk->k = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 i = walk_to (walk, sqlite3_column_int64 (stmt, 0));
      DlMemberFigures *member;

      if (i == NONE)
        continue;   /* joined since the tree was read */
      member = &figures->members[i];
      member->first_order = dl_store_column_day (stmt, 2);
      member->last_order = dl_store_column_day (stmt, 3);
      if (end == DL_DAY_NONE)
        {
          member->rank = intern_rank (ranks, (const char *) sqlite3_column_text (stmt, 1));
          member->next_autoship = dl_store_column_day (stmt, 4);
        }
      else
        {
          /* as of an older month: what the latest export says is
           * today's; only orders already made by then are known */
          if (member->first_order > end)
            member->first_order = DL_DAY_NONE;
          if (member->last_order > end)
            member->last_order = DL_DAY_NONE;
        }
      /* the user is everyone's top, whoever enrolled them */
      if (figures->sponsor != NULL && (gint64) i != root && sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          gint64 s = dl_tree_find (figures->tree, sqlite3_column_int64 (stmt, 5));

          if (s >= 0)
            {
              figures->sponsor[i] = (guint32) s;
              figures->recruits[s]++;
            }
        }
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The latest month's figures, walked the same way, or those of the
 * month the tree was read as (dl_tree_get_as_of ()).  That month is the
 * file's, not each member's own last one: a member missing from that
 * export had no figures that month (as the tree has it). */
static int
read_month (sqlite3       *db,
            DlTreeFigures *figures,
            Walk          *walk,
            RankTable     *ranks)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  char month[8] = "9999-12";

  if (dl_tree_get_as_of (figures->tree) != DL_PERIOD_NONE)
    dl_period_format (dl_tree_get_as_of (figures->tree), month);
  rc = sqlite3_prepare_v2 (db, "SELECT max (period) FROM period_figures WHERE period <= ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      figures->period = sqlite3_column_type (stmt, 0) == SQLITE_NULL
                        ? DL_PERIOD_NONE : dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_OK || figures->period == DL_PERIOD_NONE)
    return rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT member_id, paid_rank, gv FROM period_figures "
                           "WHERE period = ? ORDER BY member_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return rc;
    }
  dl_period_format (figures->period, month);
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  walk->k = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 i = walk_to (walk, sqlite3_column_int64 (stmt, 0));
      DlMemberFigures *member;

      if (i == NONE)
        continue;
      member = &figures->members[i];
      member->paid_rank = intern_rank (ranks, (const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        member->gv = (float) sqlite3_column_double (stmt, 2);
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* For the enrollment tree: where the company placed each member, in
 * the same walk.  Nothing to keep when no export placed anyone. */
static int
read_placements (sqlite3       *db,
                 DlTreeFigures *figures,
                 Walk          *walk)
{
  guint n = dl_tree_get_n_nodes (figures->tree);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT member_id, parent_id FROM placement "
                           "WHERE parent_id IS NOT NULL ORDER BY member_id",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return rc;
    }
  walk->k = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint32 i = walk_to (walk, sqlite3_column_int64 (stmt, 0));
      gint64 parent;

      if (i == NONE)
        continue;
      parent = dl_tree_find (figures->tree, sqlite3_column_int64 (stmt, 1));
      if (parent < 0)
        continue;   /* placed under someone outside the downline */
      if (figures->placed_under == NULL)
        {
          figures->placed_under = g_new (guint32, n);
          memset (figures->placed_under, 0xff, n * sizeof (guint32));   /* NONE */
        }
      figures->placed_under[i] = (guint32) parent;
    }
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* All passes in one read transaction, so the members and the month
 * agree. */
static DlTreeFigures *
read_figures (sqlite3     *db,
              const char  *path,
              DlTree      *tree,
              DlTreeKind   kind,
              GError     **error)
{
  g_autoptr(DlTreeFigures) figures = g_new0 (DlTreeFigures, 1);
  guint n = dl_tree_get_n_nodes (tree);
  RankTable ranks;
  Walk walk;
  int rc;

  figures->tree = dl_tree_ref (tree);
  figures->period = DL_PERIOD_NONE;
  figures->ranks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (figures->ranks, g_strdup (""));
  figures->members = g_new (DlMemberFigures, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    figures->members[i] = (DlMemberFigures) { NAN, DL_DAY_NONE, DL_DAY_NONE, DL_DAY_NONE, 0, 0 };
  if (kind == DL_TREE_KIND_PLACEMENT)
    {
      figures->sponsor = g_new (guint32, MAX (n, 1));
      memset (figures->sponsor, 0xff, n * sizeof (guint32));   /* NONE */
      figures->recruits = g_new0 (guint32, MAX (n, 1));
    }

  ranks.ranks = figures->ranks;
  ranks.index = g_hash_table_new (g_str_hash, g_str_equal);
  ranks.last = 0;
  walk.order = dl_tree_get_id_order (tree);
  walk.ids = g_new (gint64, MAX (n, 1));
  walk.n = n;
  for (guint k = 0; k < n; k++)
    walk.ids[k] = dl_tree_get_node (tree, walk.order[k])->person_id;

  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      rc = read_members (db, figures, &walk, &ranks);
      if (rc == SQLITE_OK)
        rc = read_month (db, figures, &walk, &ranks);
      if (rc == SQLITE_OK && kind == DL_TREE_KIND_ENROLLMENT)
        rc = read_placements (db, figures, &walk);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DL_STORE_ERROR,
                   (rc & 0xff) == SQLITE_CORRUPT ? DL_STORE_ERROR_DAMAGED
                   : (rc & 0xff) == SQLITE_BUSY ? DL_STORE_ERROR_BUSY : DL_STORE_ERROR_FAILED,
                   _("The downline could not be read from “%s”: %s"),
                   display, sqlite3_errmsg (db));
    }
  g_hash_table_unref (ranks.index);
  g_free (walk.ids);

  return rc == SQLITE_OK ? g_steal_pointer (&figures) : NULL;
}

typedef struct
{
  char       *path;
  DlTree     *tree;
  DlTreeKind  kind;
} FiguresJob;

static void
figures_job_free (gpointer data)
{
  FiguresJob *job = data;

  g_free (job->path);
  dl_tree_unref (job->tree);
  g_free (job);
}

/* SQLite asks every so many steps: a cancelled read (the table hidden,
 * another tree drawn) stops there rather than read a million rows for
 * nothing. */
static int
cancelled_cb (void *data)
{
  return data != NULL && g_cancellable_is_cancelled (data);
}

static void
load_figures_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  FiguresJob *job = task_data;
  g_autoptr(GError) error = NULL;
  DlTreeFigures *figures;
  sqlite3 *db = NULL;

  db = dl_store_open_reader (job->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  sqlite3_progress_handler (db, 100000, cancelled_cb, cancellable);

  figures = read_figures (db, job->path, job->tree, job->kind, &error);
  sqlite3_close (db);

  if (figures == NULL && g_task_return_error_if_cancelled (task))
    return;
  if (figures == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, figures, (GDestroyNotify) dl_tree_figures_free);
}

void
dl_store_load_tree_figures_async (DlStore             *store,
                                  DlTree              *tree,
                                  DlTreeKind           kind,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FiguresJob *job;

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (tree != NULL);
  g_return_if_fail (kind == DL_TREE_KIND_ENROLLMENT || kind == DL_TREE_KIND_PLACEMENT);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_load_tree_figures_async);
  job = g_new0 (FiguresJob, 1);
  job->path = g_strdup (dl_store_get_path (store));
  job->tree = dl_tree_ref (tree);
  job->kind = kind;
  g_task_set_task_data (task, job, figures_job_free);
  g_task_run_in_thread (task, load_figures_thread);
}

DlTreeFigures *
dl_store_load_tree_figures_finish (DlStore       *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
dl_member_back_office_clear (DlMemberBackOffice *office)
{
  g_clear_pointer (&office->rank, g_free);
}

gboolean
dl_store_get_member_back_office (DlStore             *store,
                                 gint64               person_id,
                                 DlMemberBackOffice  *out,
                                 GError             **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->autoship = -1;
  /* the autoship as the tree has it: what the latest import said of
   * the member, else that month's figures */
  stmt = dl_store_prepare (store,
                           "SELECT CASE m.highest_rank WHEN '' THEN m.rank ELSE m.highest_rank END, "
                           "m.first_order, m.last_order, m.next_autoship, coalesce (m.autoship, f.autoship) "
                           "FROM member m LEFT JOIN period_figures f ON f.member_id = m.person_id "
                           "  AND f.period = (SELECT max (period) FROM period_figures) "
                           "WHERE m.person_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        dl_store_set_sqlite_error (store, error, rc, _("The monthly figures could not be read"));
      return FALSE;
    }

  out->rank = g_strdup (dl_stmt_text (stmt, 0));
  out->first_order = dl_stmt_day (stmt, 1);
  out->last_order = dl_stmt_day (stmt, 2);
  out->next_autoship = dl_stmt_day (stmt, 3);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    out->autoship = sqlite3_column_int (stmt, 4) != 0;
  return TRUE;
}

/* dl-store-history.c — the back office's months, read for the analyses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every month's status and volume, the events and the contact log, read
 * into the flat arrays of dl-history.h, indexed like the downline tree
 * (which gives sponsors and cadences).
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-risk-model.h"
#include "dl-store-history.h"
#include "dl-store-private.h"

struct _DlStoreHistory
{
  DlHistory         history;
  DlHistoryMember  *members;
  guint8           *status;
  guint8           *signals;
  guint32          *contact_start;
  DlDay            *contact_days;
};

void
dl_store_history_free (DlStoreHistory *h)
{
  if (h == NULL)
    return;

  g_free (h->members);
  g_free (h->status);
  g_free (h->signals);
  g_free (h->contact_start);
  g_free (h->contact_days);
  g_free (h);
}

const DlHistory *
dl_store_history_get (const DlStoreHistory *h)
{
  return &h->history;
}

static gboolean
sqlite_failed (sqlite3  *db,
               int       rc,
               GError  **error)
{
  g_set_error (error, DL_STORE_ERROR,
               (rc & 0xff) == SQLITE_CORRUPT ? DL_STORE_ERROR_DAMAGED
               : (rc & 0xff) == SQLITE_BUSY ? DL_STORE_ERROR_BUSY : DL_STORE_ERROR_FAILED,
               _("The monthly figures could not be read: %s"), sqlite3_errmsg (db));
  return FALSE;
}

/* The first and the last month kept.  Two queries: SQLite answers
 * min () or max () alone from the end of the table's order, and both
 * in one query by reading every row (a tenth of the read, for nothing). */
static gboolean
read_period_range (sqlite3   *db,
                   DlPeriod  *first,
                   DlPeriod  *last,
                   GError   **error)
{
  static const char *const sql[] = {
    "SELECT min (period) FROM period_figures",
    "SELECT max (period) FROM period_figures",
  };
  DlPeriod *ends[] = { first, last };

  *first = *last = DL_PERIOD_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
            *ends[i] = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        return sqlite_failed (db, rc, error);
    }
  return TRUE;
}

/* The tree's people in the order of their ids, for the reads below,
 * whose rows come by member (each month's in the table's order, the
 * contact log sorted so): each found by stepping on from the one before
 * in an array read in order, where a search of the tree for each of
 * millions of rows missed the cache (a third of the read). */
typedef struct
{
  gint64         *ids;     /* ascending */
  const guint32  *order;   /* the node of each */
  guint           n;
  guint           at;      /* where the last find ended */
} IdWalk;

static void
id_walk_init (IdWalk       *walk,
              const DlTree *tree)
{
  walk->n = dl_tree_get_n_nodes (tree);
  walk->order = dl_tree_get_id_order (tree);
  walk->ids = g_new (gint64, MAX (walk->n, 1));
  walk->at = 0;
  for (guint k = 0; k < walk->n; k++)
    walk->ids[k] = dl_tree_get_node (tree, walk->order[k])->person_id;
}

/* The node of person_id, or -1.  From where the last find ended when
 * person_id is not below it (in strides that double, then halving),
 * else from the start: rows in any order are found, those in order
 * cheaply. */
static gint64
id_walk_find (IdWalk *walk,
              gint64  person_id)
{
  const gint64 *ids = walk->ids;
  guint lo = walk->at > 0 && ids[walk->at - 1] < person_id ? walk->at : 0;
  guint step = 1;
  guint hi;

  /* every id before lo is below person_id */
  while (lo + step <= walk->n && ids[lo + step - 1] < person_id)
    {
      lo += step;
      step *= 2;
    }
  hi = MIN (lo + step, walk->n);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ids[mid] < person_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  walk->at = lo;
  return lo < walk->n && ids[lo] == person_id ? (gint64) walk->order[lo] : -1;
}

static DlStoreHistory *
read_history (sqlite3          *db,
              const DlTree     *tree,
              const DlCadence  *cadence,
              GError          **error)
{
  g_autoptr(DlStoreHistory) h = g_new0 (DlStoreHistory, 1);
  g_autofree gint64 *walk_ids = NULL;
  IdWalk walk;
  sqlite3_stmt *stmt = NULL;
  DlPeriod first, last;
  guint n = dl_tree_get_n_nodes (tree);
  gint64 root = dl_tree_get_root (tree);
  gsize cells;
  int rc;

  if (!read_period_range (db, &first, &last, error))
    return NULL;
  h->history.n_members = n;
  h->members = g_new0 (DlHistoryMember, MAX (n, 1));
  h->contact_start = g_new0 (guint32, n + 1);
  h->history.members = h->members;
  h->history.contact_start = h->contact_start;
  if (first == DL_PERIOD_NONE || last < first || n == 0)
    return g_steal_pointer (&h);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      DlHistoryMember *m = &h->members[i];

      m->member_id = node->person_id;
      m->sponsor = node->parent != DL_TREE_NO_PARENT && (gint64) node->parent != root
                   ? node->parent : G_MAXUINT32;
      m->joined_on = node->joined_on;
      m->cadence_days = (guint16) MIN (dl_rules_cadence_days (tree, i, cadence), G_MAXUINT16);
      m->distributor = node->role == DL_ROLE_DISTRIBUTOR;
    }

  id_walk_init (&walk, tree);
  walk_ids = walk.ids;
  h->history.first = first;
  h->history.n_periods = (guint) (last - first + 1);
  cells = (gsize) h->history.n_periods * n;
  h->status = g_malloc (cells);
  h->signals = g_malloc0 (cells);
  memset (h->status, DL_HISTORY_STATUS_UNKNOWN, cells);

  /* every month's status, and which months had no volume */
  rc = sqlite3_prepare_v2 (db, "SELECT member_id, period, status, pv FROM period_figures", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sqlite_failed (db, rc, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = id_walk_find (&walk, sqlite3_column_int64 (stmt, 0));
      DlPeriod period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 1));
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      gsize cell;

      if (at < 0 || period < first || period > last)
        continue;
      cell = (gsize) (period - first) * n + (gsize) at;
      h->status[cell] = g_strcmp0 (status, "inactive") == 0 ? DL_FIGURE_INACTIVE
                        : g_strcmp0 (status, "dropped") == 0 ? DL_FIGURE_TERMINATED
                        : DL_FIGURE_ACTIVE;
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL && sqlite3_column_double (stmt, 3) <= 0)
        h->signals[cell] |= DL_RISK_SIGNAL_NO_VOLUME;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error), NULL;

  /* the events that are signals */
  rc = sqlite3_prepare_v2 (db, "SELECT member_id, period, type FROM event", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sqlite_failed (db, rc, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = id_walk_find (&walk, sqlite3_column_int64 (stmt, 0));
      DlPeriod period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 1));
      int type = dl_event_type_from_string ((const char *) sqlite3_column_text (stmt, 2));

      if (at < 0 || type < 0 || period < first || period > last)
        continue;
      h->signals[(gsize) (period - first) * n + (gsize) at] |= dl_risk_signal_for_event ((DlEventType) type);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error), NULL;

  /* the contact log, grouped by member in tree order: count, then place */
  {
    g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
    g_autofree guint32 *fill = NULL;

    rc = sqlite3_prepare_v2 (db, "SELECT person_id, at FROM interaction WHERE kind <> 'note' "
                                 "ORDER BY person_id, at", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
      return sqlite_failed (db, rc, error), NULL;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 at = id_walk_find (&walk, sqlite3_column_int64 (stmt, 0));
        const char *moment = (const char *) sqlite3_column_text (stmt, 1);
        guint32 pair[2];
        DlDay day;

        if (at < 0 || moment == NULL)
          continue;
        day = dl_store_parse_day (moment, MIN (sqlite3_column_bytes (stmt, 1), 10));
        if (day == DL_DAY_NONE)
          continue;
        pair[0] = (guint32) at;
        pair[1] = (guint32) day;
        g_array_append_val (pairs, pair);
        h->contact_start[at + 1]++;
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      return sqlite_failed (db, rc, error), NULL;

    for (guint i = 0; i < n; i++)
      h->contact_start[i + 1] += h->contact_start[i];
    h->contact_days = g_new (DlDay, MAX (pairs->len, 1));
    fill = g_memdup2 (h->contact_start, sizeof (guint32) * n);
    /* each member's rows come in date order, so each run stays sorted */
    for (guint k = 0; k < pairs->len; k++)
      {
        const guint32 *pair = &g_array_index (pairs, guint32, 2 * k);

        h->contact_days[fill[pair[0]]++] = (DlDay) pair[1];
      }
  }

  h->history.status = h->status;
  h->history.signals = h->signals;
  h->history.contact_days = h->contact_days;

  return g_steal_pointer (&h);
}

DlStoreHistory *
dl_store_read_history (sqlite3          *db,
                       const DlTree     *tree,
                       const DlCadence  *cadence,
                       GError          **error)
{
  DlStoreHistory *history;
  /* one read transaction, so the months, the events and the contact
   * log agree (inside the caller's when there is one) */
  gboolean own = sqlite3_get_autocommit (db) && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

  history = read_history (db, tree, cadence, error);
  if (own)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  return history;
}

DlStoreHistory *
dl_store_load_history (DlStore          *store,
                       const DlTree     *tree,
                       const DlCadence  *cadence,
                       GError          **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (tree != NULL, NULL);

  return dl_store_read_history (dl_store_get_handle (store), tree, cadence, error);
}

DlStoreHistory *
dl_store_load_history_file (const char       *path,
                            const DlCadence  *cadence,
                            DlTree          **tree,
                            GError          **error)
{
  g_autoptr(DlTree) read = NULL;
  DlStoreHistory *history = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (tree != NULL && *tree == NULL, NULL);

  db = dl_store_open_reader (path, error);
  if (db == NULL)
    return NULL;

  /* the tree and the months from one snapshot of the file */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  read = dl_store_read_tree (db, path, error);
  if (read != NULL)
    history = dl_store_read_history (db, read, cadence, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

  if (history != NULL)
    *tree = g_steal_pointer (&read);
  return history;
}

/* Adds one to the week of each day the query returns (its first column
 * a date or a stamp) through field. */
static int
count_weeks (sqlite3       *db,
             const char    *sql,
             DlDay          first,
             guint          n,
             DlEffortWeek  *weeks,
             gsize          field)
{
  sqlite3_stmt *stmt = NULL;
  char iso[11];
  int rc;

  dl_day_format_iso (first, iso);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      DlDay day = text != NULL ? dl_store_parse_day (text, MIN (sqlite3_column_bytes (stmt, 0), 10)) : DL_DAY_NONE;
      gint64 w;

      if (day == DL_DAY_NONE || day < first)
        continue;
      w = (day - first) / 7;
      if (w < n)
        G_STRUCT_MEMBER (guint, &weeks[w], field)++;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The prospects in an open stage just before day: in one then by the
 * stage history (entered before, left after), or in one now and added
 * before it (an open stage now was open then, unless the stage history
 * says otherwise: close enough for a weekly count, as is taking UTC
 * stamps for local days). */
static int
pipeline_at (sqlite3 *db,
             DlDay    day,
             guint   *count)
{
  sqlite3_stmt *stmt = NULL;
  char iso[11];
  int rc;

  dl_day_format_iso (day, iso);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT count (DISTINCT person_id) FROM ("
                           "  SELECT x.person_id FROM stage_exit x JOIN stage s ON s.id = x.stage_id "
                           "  WHERE s.kind = 'open' AND x.entered_at < ?1 AND x.left_at >= ?1 "
                           "  UNION ALL "
                           "  SELECT r.person_id FROM prospect r JOIN stage s ON s.id = r.stage_id "
                           "  JOIN person p ON p.id = r.person_id "
                           "  WHERE s.kind = 'open' AND p.created_at < ?1)",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *count = (guint) sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc;
}

gboolean
dl_store_load_effort_file (const char    *path,
                           DlDay          first,
                           guint          n,
                           DlEffortWeek  *weeks,
                           GError       **error)
{
  sqlite3 *db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL && weeks != NULL, FALSE);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, 5000);
      sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
      /* a contact is a person who came into the pipeline: a prospect
       * now, or one who has left a stage since (joined, or let go) */
      rc = count_weeks (db,
                        "SELECT p.created_at FROM person p WHERE p.created_at >= ?1 "
                        "AND (EXISTS (SELECT 1 FROM prospect r WHERE r.person_id = p.id) "
                        "  OR EXISTS (SELECT 1 FROM stage_exit x WHERE x.person_id = p.id))",
                        first, n, weeks, G_STRUCT_OFFSET (DlEffortWeek, new_contacts));
      if (rc == SQLITE_OK)
        rc = count_weeks (db, "SELECT at FROM interaction WHERE at >= ?1 AND kind <> 'note'",
                          first, n, weeks, G_STRUCT_OFFSET (DlEffortWeek, contacts_logged));
      for (guint w = 0; w < n && rc == SQLITE_OK; w++)
        rc = pipeline_at (db, weeks[w].week_start + 7, &weeks[w].pipeline);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO, _("“%s” could not be read: %s"),
                   display, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
    }
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

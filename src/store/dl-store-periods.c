/* dl-store-periods.c — the back office's months: figures and events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-resources.h"

/* Older months read to judge a volume drop. */
#define HISTORY_MONTHS 4

/* Rows written by one statement (see dl_store_batch_sql). */
#define BATCH_ROWS 64

gboolean
dl_store_migrate_to_3 (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *sql = NULL;
  char *message = NULL;
  int rc;

  schema = g_resource_lookup_data (dl_store_get_resource (),
                                   "/io/github/downline/Downline/store/sql/schema-3.sql",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not add the monthly figures: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* The tree reads the latest month's PV and autoship of every member in
 * one pass in member order (dl-store-members.c): an index that holds
 * them answers it without touching the table, about a tenth of the time
 * (0.08 s against 1 s at a million members). */
gboolean
dl_store_migrate_to_6 (sqlite3  *db,
                       GError  **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db,
                     "CREATE INDEX period_figures_for_tree ON period_figures (period, member_id, pv, autoship);",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not index the monthly figures: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

/* A month of a million members took 5 to 20 s to save, most of it in
 * the figures' four b-trees (the table, its key, an index by member
 * every page of which each new month rewrote, and the tree's copy of
 * PV and autoship) and the events' three.  Both tables are now kept in
 * the order of their key, month then member (WITHOUT ROWID): a new
 * month is written at the end of one b-tree, and a month is read in
 * member order without a lookup for each row, which the tree's index
 * was for.  A member's rows are found by one seek a month (SQLite's
 * skip-scan), which SQLite takes when the statistics say that many rows
 * share each month: written here, and said the same by real counts
 * should anyone ANALYZE the file.  So a member's twelve months, their
 * events, and deleting a member (the foreign keys' cascade) stay a few
 * seeks.  A year of a million members is copied once, in about 30 s. */
gboolean
dl_store_migrate_to_7 (sqlite3  *db,
                       GError  **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db,
                     "CREATE TABLE period_figures_7 ("
                     "  member_id     INTEGER NOT NULL REFERENCES member (person_id) ON DELETE CASCADE,"
                     "  period        TEXT NOT NULL,"
                     "  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'dropped')),"
                     "  paid_rank     TEXT,"
                     "  pv            REAL,"
                     "  gv            REAL,"
                     "  left_volume   REAL,"
                     "  right_volume  REAL,"
                     "  autoship      INTEGER CHECK (autoship IS NULL OR autoship IN (0, 1)),"
                     "  qualified     INTEGER CHECK (qualified IS NULL OR qualified IN (0, 1)),"
                     "  PRIMARY KEY (period, member_id)"
                     ") WITHOUT ROWID;"
                     "INSERT INTO period_figures_7 "
                     "  SELECT member_id, period, status, paid_rank, pv, gv, left_volume, right_volume, autoship, qualified "
                     "  FROM period_figures ORDER BY period, member_id;"
                     "DROP TABLE period_figures;"
                     "ALTER TABLE period_figures_7 RENAME TO period_figures;"
                     "CREATE TABLE event_7 ("
                     "  period     TEXT NOT NULL,"
                     "  member_id  INTEGER NOT NULL REFERENCES member (person_id) ON DELETE CASCADE,"
                     "  type       TEXT NOT NULL,"
                     "  PRIMARY KEY (period, member_id, type)"
                     ") WITHOUT ROWID;"
                     "INSERT INTO event_7 SELECT period, member_id, type FROM event ORDER BY period, member_id, type;"
                     "DROP TABLE event;"
                     "ALTER TABLE event_7 RENAME TO event;"
                     /* makes sqlite_stat1 */
                     "ANALYZE sqlite_schema;"
                     "DELETE FROM sqlite_stat1 WHERE tbl IN ('period_figures', 'event');"
                     "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES "
                     "  ('period_figures', 'period_figures', '1000000 100000 1'),"
                     "  ('event', 'event', '200000 20000 1 1');"
                     /* read again by this connection */
                     "ANALYZE sqlite_schema;",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not reorder the monthly figures: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static const char *const status_words[] = {
  [DL_FIGURE_ACTIVE] = "active",
  [DL_FIGURE_INACTIVE] = "inactive",
  [DL_FIGURE_TERMINATED] = "dropped",
};

static DlFigureStatus
status_from_word (const char *word)
{
  if (g_strcmp0 (word, "inactive") == 0)
    return DL_FIGURE_INACTIVE;
  if (g_strcmp0 (word, "dropped") == 0)
    return DL_FIGURE_TERMINATED;
  return DL_FIGURE_ACTIVE;
}

static void
bind_flag (sqlite3_stmt *stmt,
           int           column,
           gint8         flag)
{
  if (flag < 0)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_int (stmt, column, flag != 0);
}

static void
bind_real (sqlite3_stmt *stmt,
           int           column,
           double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_double (stmt, column, value);
}

/* A column the export may not have filled: NAN or -1 for NULL. */
static double
column_real (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static gint8
column_flag (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : (gint8) (sqlite3_column_int (stmt, column) != 0);
}

/* The ladder level of a paid rank, worked out once a name: a month
 * names a handful of ranks a million times. */
static gint16
rank_level_of (GHashTable *levels,
               const char *rank)
{
  gpointer level;

  if (rank == NULL || *rank == '\0')
    return -1;
  if (!g_hash_table_lookup_extended (levels, rank, NULL, &level))
    {
      level = GINT_TO_POINTER ((int) dl_rank_level (rank));
      g_hash_table_insert (levels, g_strdup (rank), level);
    }
  return (gint16) GPOINTER_TO_INT (level);
}

typedef enum
{
  MONTH_ALL,        /* what the month looked at and the one before need */
  MONTH_VOLUME,     /* the PV alone, of the older months */
} MonthPart;

/* One month's figures, by member: a run of the table, in its order. */
static GArray *
load_month (DlStore     *store,
            DlPeriod     period,
            MonthPart    part,
            GHashTable  *levels,
            GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GArray) month = g_array_new (FALSE, FALSE, sizeof (DlFigures));
  char iso[8];
  int rc;

  stmt = dl_store_prepare (store,
                           part == MONTH_VOLUME
                           ? "SELECT member_id, pv FROM period_figures WHERE period = ?1 ORDER BY member_id"
                           : "SELECT member_id, pv, status, paid_rank, autoship FROM period_figures "
                             "WHERE period = ?1 ORDER BY member_id",
                           error);
  if (stmt == NULL)
    return NULL;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlFigures figures = {
        .member_id = sqlite3_column_int64 (stmt, 0),
        .pv = column_real (stmt, 1),
        .status = DL_FIGURE_ACTIVE,
        .rank_level = -1,
        .autoship = -1,
        .joined = DL_PERIOD_NONE,
      };

      if (part == MONTH_ALL)
        {
          figures.status = status_from_word ((const char *) sqlite3_column_text (stmt, 2));
          figures.rank_level = rank_level_of (levels, (const char *) sqlite3_column_text (stmt, 3));
          figures.autoship = column_flag (stmt, 4);
        }
      g_array_append_val (month, figures);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The monthly figures could not be read"));
      return NULL;
    }

  return g_steal_pointer (&month);
}

/* Marks in month (by member) who joined in joined: the only join month
 * the events ask about (a member a month old without an order).  The
 * few of them are found by the join date's index, not a lookup for
 * every member. */
static gboolean
mark_joined (DlStore   *store,
             GArray    *month,
             DlPeriod   joined,
             GError   **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  DlFigures *figures = (DlFigures *) (gpointer) month->data;
  char from[8], to[8];
  guint next = 0;
  int rc;

  stmt = dl_store_prepare (store,
                           "SELECT person_id FROM member WHERE joined_on >= ?1 AND joined_on < ?2 "
                           "ORDER BY person_id",
                           error);
  if (stmt == NULL)
    return FALSE;
  dl_period_format (joined, from);
  dl_period_format (joined + 1, to);
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      while (next < month->len && figures[next].member_id < id)
        next++;
      if (next < month->len && figures[next].member_id == id)
        figures[next].joined = joined;
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The members could not be read"));
      return FALSE;
    }

  return TRUE;
}

static int
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const DlFigures *) a)->member_id;
  gint64 y = ((const DlFigures *) b)->member_id;

  return x < y ? -1 : x > y;
}

/* The month just written, from the rows in hand rather than read back:
 * by member, the last row of a member who came twice (as the table
 * keeps it). */
static GArray *
month_of_rows (const DlPeriodRow *rows,
               guint              n_rows,
               GHashTable        *levels)
{
  GArray *month = g_array_sized_new (FALSE, FALSE, sizeof (DlFigures), n_rows);
  DlFigures *figures;
  guint n = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      DlFigures one = {
        .member_id = rows[i].member_id,
        .status = rows[i].status,
        .rank_level = rank_level_of (levels, rows[i].paid_rank),
        .autoship = rows[i].autoship,
        .pv = rows[i].pv,
        .joined = DL_PERIOD_NONE,
      };

      g_array_append_val (month, one);
    }
  /* stable, so of a member's rows the last stays last */
  g_array_sort (month, compare_figures);
  figures = (DlFigures *) (gpointer) month->data;
  for (guint i = 0; i < month->len; i++)
    {
      if (n > 0 && figures[n - 1].member_id == figures[i].member_id)
        n--;
      figures[n++] = figures[i];
    }
  g_array_set_size (month, n);
  return month;
}

#define EVENTS_HEAD "INSERT INTO event (period, member_id, type) VALUES "
#define EVENTS_ROW "(?, ?, ?)"

static void
bind_event (sqlite3_stmt  *stmt,
            int            column,
            const char    *iso,
            const DlEvent *event)
{
  sqlite3_bind_text (stmt, column + 1, iso, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, column + 2, event->member_id);
  sqlite3_bind_text (stmt, column + 3, dl_event_type_to_string (event->type), -1, SQLITE_STATIC);
}

/* The events of the month iso, BATCH_ROWS to a statement. */
static gboolean
write_events (DlStore      *store,
              const char   *iso,
              GArray       *events,
              GError      **error)
{
  g_autofree char *batch_sql = dl_store_batch_sql (EVENTS_HEAD, EVENTS_ROW, BATCH_ROWS);
  g_autoptr(DlStmt) batch = dl_store_prepare (store, batch_sql, error);
  g_autoptr(DlStmt) one = NULL;
  const DlEvent *all = (const DlEvent *) (gpointer) events->data;
  guint i = 0;

  if (batch == NULL)
    return FALSE;
  for (; i + BATCH_ROWS <= events->len; i += BATCH_ROWS)
    {
      sqlite3_reset (batch);
      for (guint b = 0; b < BATCH_ROWS; b++)
        bind_event (batch, 3 * (int) b, iso, &all[i + b]);
      if (!dl_store_step_done (store, batch, error))
        return FALSE;
    }

  one = dl_store_prepare (store, EVENTS_HEAD EVENTS_ROW, error);
  if (one == NULL)
    return FALSE;
  for (; i < events->len; i++)
    {
      sqlite3_reset (one);
      bind_event (one, 0, iso, &all[i]);
      if (!dl_store_step_done (store, one, error))
        return FALSE;
    }
  return TRUE;
}

/* Works out the events of period from the months before it again.
 * current, when not NULL, is period's figures as just written (by
 * member); else they are read. */
static gboolean
update_events_with (DlStore   *store,
                    DlPeriod   period,
                    GArray    *current,
                    GError   **error)
{
  GArray *months[HISTORY_MONTHS] = { NULL, };
  DlPeriodFigures history[HISTORY_MONTHS];
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (DlEvent));
  g_autoptr(DlStmt) clear = NULL;
  gboolean ok = FALSE;
  char iso[8];

  for (guint k = 0; k < HISTORY_MONTHS; k++)
    {
      if (k == 0 && current != NULL)
        months[0] = g_array_ref (current);
      else
        months[k] = load_month (store, period - (DlPeriod) k, k <= 1 ? MONTH_ALL : MONTH_VOLUME, levels, error);
      if (months[k] == NULL)
        goto out;
      history[k].period = period - (DlPeriod) k;
      history[k].figures = (const DlFigures *) (gpointer) months[k]->data;
      history[k].n_figures = months[k]->len;
      /* a month without figures has no events, and is no month before:
       * the older ones need not be read */
      if (months[k]->len == 0 && k <= 1)
        break;
    }

  /* a month without figures has no events, and is no month before */
  if (months[0]->len > 0 && months[1] != NULL && months[1]->len > 0)
    {
      if (!mark_joined (store, months[0], period - 1, error))
        goto out;
      dl_events_compute (history, HISTORY_MONTHS, events);
    }

  dl_period_format (period, iso);
  clear = dl_store_prepare (store, "DELETE FROM event WHERE period = ?1", error);
  if (clear == NULL)
    goto out;
  sqlite3_bind_text (clear, 1, iso, -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (store, clear, error))
    goto out;

  ok = write_events (store, iso, events, error);

out:
  for (guint k = 0; k < HISTORY_MONTHS; k++)
    g_clear_pointer (&months[k], g_array_unref);
  return ok;
}

static gboolean
update_events (DlStore   *store,
               DlPeriod   period,
               GError   **error)
{
  return update_events_with (store, period, NULL, error);
}

/* What an import knows of a month beyond a DlPeriodRow. */
typedef struct
{
  double  left_volume;   /* NAN unknown */
  double  right_volume;
  gint8   qualified;     /* -1 unknown */
} PeriodExtra;

typedef struct
{
  DlPeriod           period;
  const DlPeriodRow *rows;
  guint              n_rows;
  const PeriodExtra *extra;    /* one a row, or NULL: none known */
  gboolean           pv_only;  /* an earlier month's PV alone (see
                                * dl_store_save_import_past_volumes) */
} SavePeriod;

/* Whether period has no figures yet, into *empty. */
static gboolean
period_is_empty (DlStore   *store,
                    DlPeriod   period,
                    gboolean  *empty,
                    GError   **error)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (store, "SELECT 1 FROM period_figures WHERE period = ?1 LIMIT 1", error);
  char iso[8];
  int rc;

  if (stmt == NULL)
    return FALSE;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, NULL);
      return FALSE;
    }
  *empty = rc == SQLITE_DONE;
  return TRUE;
}

#define FIGURES_HEAD \
  "INSERT OR REPLACE INTO period_figures " \
  "  (member_id, period, status, paid_rank, pv, gv, autoship, left_volume, right_volume, qualified) VALUES "
#define FIGURES_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define FIGURES_COLUMNS 10

/* Row i of save into stmt's parameters from column + 1 on. */
static void
bind_figures (sqlite3_stmt     *stmt,
              int               column,
              const SavePeriod *save,
              guint             i,
              const char       *iso)
{
  const DlPeriodRow *row = &save->rows[i];

  sqlite3_bind_int64 (stmt, column + 1, row->member_id);
  sqlite3_bind_text (stmt, column + 2, iso, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, column + 3, status_words[row->status], -1, SQLITE_STATIC);
  dl_stmt_bind_text_or_null (stmt, column + 4, row->paid_rank);
  bind_real (stmt, column + 5, row->pv);
  bind_real (stmt, column + 6, row->gv);
  bind_flag (stmt, column + 7, row->autoship);
  bind_real (stmt, column + 8, save->extra != NULL ? save->extra[i].left_volume : NAN);
  bind_real (stmt, column + 9, save->extra != NULL ? save->extra[i].right_volume : NAN);
  bind_flag (stmt, column + 10, save->extra != NULL ? save->extra[i].qualified : -1);
}

/* Every row's figures, BATCH_ROWS to a statement. */
static gboolean
write_figures (DlStore           *store,
               const SavePeriod  *save,
               const char        *iso,
               GError           **error)
{
  g_autofree char *batch_sql = dl_store_batch_sql (FIGURES_HEAD, FIGURES_ROW, BATCH_ROWS);
  g_autoptr(DlStmt) batch = dl_store_prepare (store, batch_sql, error);
  g_autoptr(DlStmt) one = NULL;
  guint i = 0;

  if (batch == NULL)
    return FALSE;
  for (; i + BATCH_ROWS <= save->n_rows; i += BATCH_ROWS)
    {
      sqlite3_reset (batch);
      for (guint b = 0; b < BATCH_ROWS; b++)
        bind_figures (batch, (int) b * FIGURES_COLUMNS, save, i + b, iso);
      if (!dl_store_step_done (store, batch, error))
        return FALSE;
    }

  one = dl_store_prepare (store, FIGURES_HEAD FIGURES_ROW, error);
  if (one == NULL)
    return FALSE;
  for (; i < save->n_rows; i++)
    {
      sqlite3_reset (one);
      bind_figures (one, 0, save, i, iso);
      if (!dl_store_step_done (store, one, error))
        return FALSE;
    }
  return TRUE;
}

/* An earlier month's PV alone, for every row: a new row's status is the
 * next month's Downline has for the member, else the file's (?3). */
static gboolean
write_volumes (DlStore           *store,
               const SavePeriod  *save,
               const char        *iso,
               GError           **error)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (store,
                           "INSERT INTO period_figures (member_id, period, status, pv) "
                           "VALUES (?1, ?2, coalesce ((SELECT status FROM period_figures "
                           "                           WHERE member_id = ?1 AND period > ?2 "
                           "                           ORDER BY period LIMIT 1), ?3), ?4) "
                           "ON CONFLICT (period, member_id) DO UPDATE SET pv = excluded.pv",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < save->n_rows; i++)
    {
      const DlPeriodRow *row = &save->rows[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row->member_id);
      sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, status_words[row->status], -1, SQLITE_STATIC);
      bind_real (stmt, 4, row->pv);
      if (!dl_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_period_in_transaction (DlStore   *store,
                            gpointer   data,
                            GError   **error)
{
  SavePeriod *save = data;
  gboolean fresh = FALSE, next_empty = TRUE;
  char iso[8];

  for (guint i = 0; i < save->n_rows; i++)
    g_return_val_if_fail (save->rows[i].status <= DL_FIGURE_TERMINATED, FALSE);

  dl_period_format (save->period, iso);
  /* a new month is the rows in hand: its events need not read it back */
  if (!save->pv_only && !period_is_empty (store, save->period, &fresh, error))
    return FALSE;
  if (save->pv_only ? !write_volumes (store, save, iso, error) : !write_figures (store, save, iso, error))
    return FALSE;

  if (fresh)
    {
      g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GArray) month = month_of_rows (save->rows, save->n_rows, levels);

      if (!update_events_with (store, save->period, month, error))
        return FALSE;
    }
  else if (!update_events (store, save->period, error))
    return FALSE;
  /* the month after, when it is there already (an older export
   * imported after a newer one) */
  if (!period_is_empty (store, save->period + 1, &next_empty, error))
    return FALSE;
  if (!next_empty && !update_events (store, save->period + 1, error))
    return FALSE;

  dl_store_emit_changed (store, DL_STORE_ENTITY_MEMBERS, 0);
  return TRUE;
}

/* A month of every member touches each page of the figures' three
 * indexes: with SQLite's 2 MB cache the transaction spilled them to the
 * log again and again (2.8 s for 100,000 members, 1.1 s without).  A
 * cache that holds them while a big month is written, as the import's
 * connection has; then the usual one again. */
static gboolean
run_with_big_cache (DlStore           *store,
                    guint              n_rows,
                    DlStoreWriteFunc   func,
                    gpointer           data,
                    GError           **error)
{
  sqlite3 *db = dl_store_get_handle (store);
  gboolean big = n_rows > 10000;
  gboolean ok;

  /* and the file mapped, as the tree's reader has it: reading the
   * months before page by page with a read () each was half the time
   * of a million members' events */
  if (big)
    sqlite3_exec (db, "PRAGMA cache_size = -262144; PRAGMA cache_spill = 131072; PRAGMA mmap_size = 2147483648",
                  NULL, NULL, NULL);
  ok = dl_store_run_in_transaction (store, func, data, error);
  if (big)
    {
      sqlite3_exec (db, "PRAGMA cache_size = -2000; PRAGMA cache_spill = 1; PRAGMA mmap_size = 0", NULL, NULL, NULL);
      sqlite3_db_release_memory (db);
    }
  return ok;
}

gboolean
dl_store_save_period (DlStore            *store,
                      DlPeriod            period,
                      const DlPeriodRow  *rows,
                      guint               n_rows,
                      GError            **error)
{
  SavePeriod save = { period, rows, n_rows, NULL, FALSE };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  return run_with_big_cache (store, n_rows, save_period_in_transaction, &save, error);
}

typedef struct
{
  DlPeriod period;
} UpdateEvents;

static gboolean
update_events_in_transaction (DlStore   *store,
                              gpointer   data,
                              GError   **error)
{
  UpdateEvents *update = data;

  return update_events (store, update->period, error);
}

gboolean
dl_store_update_events (DlStore   *store,
                        DlPeriod   period,
                        GError   **error)
{
  UpdateEvents update = { period };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);

  return run_with_big_cache (store, G_MAXUINT, update_events_in_transaction, &update, error);
}

/* Member number → person id of every numbered member, matched as the
 * import matched them ("123" in the file is "00123"). */
static gboolean
read_member_ids (DlStore        *store,
                 DlNumberIndex  *ids,
                 GError        **error)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  /* every number once, not one query per row */
  stmt = dl_store_prepare (store, "SELECT member_number, person_id FROM member WHERE member_number IS NOT NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The members could not be read"));
      return FALSE;
    }
  dl_number_index_init (ids, g_steal_pointer (&numbers));
  return TRUE;
}

static DlFigureStatus
figure_status (DlMemberStatus status)
{
  return status == DL_MEMBER_DROPPED ? DL_FIGURE_TERMINATED
         : status == DL_MEMBER_INACTIVE ? DL_FIGURE_INACTIVE : DL_FIGURE_ACTIVE;
}

/* The column of an earlier month's PV for period, or -1. */
static int
past_column (const DlImportResult *result,
             DlPeriod              period)
{
  for (guint k = 0; result->past_periods != NULL && k < result->past_periods->len; k++)
    if (g_array_index (result->past_periods, DlPeriod, k) == period)
      return (int) k;
  return -1;
}

typedef struct
{
  const DlImportResult *result;
  DlPeriod              period;
  guint                 n_saved;
} SaveImport;

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  DlPeriod x = *(const DlPeriod *) a;
  DlPeriod y = *(const DlPeriod *) b;

  return x < y ? -1 : x > y;
}

/* The past months' PV, oldest first so each month's events find the
 * months before it already there. */
static gboolean
save_past_volumes (DlStore   *store,
                   gpointer   data,
                   GError   **error)
{
  SaveImport *save = data;
  const DlImportResult *result = save->result;
  g_autoptr(GArray) months = g_array_copy (result->past_periods);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (DlPeriodRow));
  DlNumberIndex ids = { NULL, NULL };
  gboolean ok = TRUE;

  if (months->len == 0)
    return TRUE;
  if (!read_member_ids (store, &ids, error))
    return FALSE;

  g_array_sort (months, compare_periods);
  for (guint m = 0; ok && m < months->len; m++)
    {
      DlPeriod period = g_array_index (months, DlPeriod, m);
      int k = past_column (result, period);
      DlDay month_end = dl_period_last_day (period);
      SavePeriod past = { period, NULL, 0, NULL, TRUE };

      if (save->period != DL_PERIOD_NONE && period >= save->period)
        continue;
      g_array_set_size (rows, 0);
      for (guint i = 0; i < result->rows->len; i++)
        {
          const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
          gint64 id = (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (&ids, row->member_number));
          DlPeriodRow figures = { 0, };

          /* a blank cell says nothing; a member who had not joined yet
           * has no month (the file's 0 for them is no volume of theirs) */
          if (id <= 0 || isnan (row->past_pv[k]) ||
              (row->joined_on != DL_DAY_NONE && row->joined_on > month_end))
            continue;
          figures.member_id = id;
          /* for a month it says nothing else of, the status of the
           * next month Downline has for them, else the one this file
           * gives: no change of status is read into the months */
          figures.status = figure_status (row->status);
          figures.pv = row->past_pv[k];
          g_array_append_val (rows, figures);
        }
      past.rows = (const DlPeriodRow *) (gpointer) rows->data;
      past.n_rows = rows->len;
      ok = save_period_in_transaction (store, &past, error);
      save->n_saved++;
    }

  dl_number_index_clear (&ids);
  return ok;
}

gboolean
dl_store_save_import_past_volumes (DlStore               *store,
                                   const DlImportResult  *result,
                                   DlPeriod               before,
                                   guint                 *n_months,
                                   GError               **error)
{
  SaveImport save = { result, before, 0 };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!run_with_big_cache (store, result->rows->len, save_past_volumes, &save, error))
    return FALSE;
  if (n_months != NULL)
    *n_months = save.n_saved;
  return TRUE;
}

static gboolean
save_import_period (DlStore   *store,
                    gpointer   data,
                    GError   **error)
{
  SaveImport *save = data;
  const DlImportResult *result = save->result;
  DlNumberIndex ids = { NULL, NULL };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (DlPeriodRow));
  g_autoptr(GArray) extra = g_array_new (FALSE, FALSE, sizeof (PeriodExtra));
  int this_month = past_column (result, save->period);
  SavePeriod month = { save->period, NULL, 0, NULL, FALSE };
  gboolean ok;

  /* the months before first: this month's events then find them */
  if (!save_past_volumes (store, save, error) || !read_member_ids (store, &ids, error))
    return FALSE;

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      gint64 id = (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (&ids, row->member_number));
      DlPeriodRow figures = { 0, };
      PeriodExtra more = { row->left_volume, row->right_volume, row->qualified };
      /* the paid rank's own column, else the one rank column (see
       * DL_CSV_FIELD_PAID_RANK) */
      const char *paid = result->has_highest_rank || *row->paid_rank != '\0' ? row->paid_rank : row->rank;

      if (id <= 0)
        continue;
      figures.member_id = id;
      figures.status = figure_status (row->status);
      figures.paid_rank = paid != NULL && *paid != '\0' ? paid : NULL;
      figures.pv = row->pv;
      /* "PPV 2026-11" in the file of November, with no PV column */
      if (isnan (figures.pv) && this_month >= 0)
        figures.pv = row->past_pv[this_month];
      figures.gv = row->gv;
      figures.autoship = row->autoship;
      g_array_append_val (rows, figures);
      g_array_append_val (extra, more);
    }
  dl_number_index_clear (&ids);

  month.rows = (const DlPeriodRow *) (gpointer) rows->data;
  month.n_rows = rows->len;
  month.extra = (const PeriodExtra *) (gpointer) extra->data;
  ok = save_period_in_transaction (store, &month, error);
  save->n_saved = rows->len;
  return ok;
}

gboolean
dl_store_save_import_period (DlStore               *store,
                             const DlImportResult  *result,
                             DlPeriod               period,
                             guint                 *n_saved,
                             GError               **error)
{
  SaveImport save = { result, period, 0 };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);

  if (!run_with_big_cache (store, result->rows->len, save_import_period, &save, error))
    return FALSE;
  if (n_saved != NULL)
    *n_saved = save.n_saved;
  return TRUE;
}

static void
store_event_clear (gpointer data)
{
  DlStoreEvent *event = data;

  g_free (event->member_number);
}

GArray *
dl_store_get_events (DlStore   *store,
                     DlPeriod   period,
                     GError   **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (DlStoreEvent));
  g_autoptr(DlStmt) stmt = NULL;
  char iso[8];
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (period != DL_PERIOD_NONE, NULL);

  g_array_set_clear_func (events, store_event_clear);
  stmt = dl_store_prepare (store,
                           "SELECT e.member_id, e.type, coalesce (m.member_number, '') "
                           "FROM event e JOIN member m ON m.person_id = e.member_id "
                           "WHERE e.period = ?1 ORDER BY e.member_id, e.type",
                           error);
  if (stmt == NULL)
    return NULL;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = dl_event_type_from_string ((const char *) sqlite3_column_text (stmt, 1));
      DlStoreEvent event;

      if (type < 0)
        continue;
      event.member_id = sqlite3_column_int64 (stmt, 0);
      event.type = (DlEventType) type;
      event.member_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_array_append_val (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The changes of the month could not be read"));
      return NULL;
    }

  return g_steal_pointer (&events);
}

gboolean
dl_store_count_events (DlStore   *store,
                       DlPeriod   period,
                       guint      counts[DL_N_EVENTS],
                       GError   **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  char iso[8];
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (guint) * DL_N_EVENTS);
  /* the primary key (period, member_id, type) holds all it reads: a
   * month of 100,000 events is counted without touching the table */
  stmt = dl_store_prepare (store, "SELECT type, count(*) FROM event WHERE period = ?1 GROUP BY type", error);
  if (stmt == NULL)
    return FALSE;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = dl_event_type_from_string ((const char *) sqlite3_column_text (stmt, 0));

      if (type >= 0)
        counts[type] = (guint) sqlite3_column_int64 (stmt, 1);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The changes of the month could not be read"));
      return FALSE;
    }

  return TRUE;
}

static void
event_person_clear (gpointer data)
{
  DlEventPerson *person = data;

  g_free (person->name);
  g_free (person->member_number);
}

GArray *
dl_store_get_event_people (DlStore      *store,
                           DlPeriod      period,
                           DlEventType   type,
                           guint         offset,
                           guint         limit,
                           GError      **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (DlEventPerson));
  g_autoptr(DlStmt) stmt = NULL;
  char iso[8];
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (period != DL_PERIOD_NONE, NULL);
  g_return_val_if_fail (type < DL_N_EVENTS, NULL);

  g_array_set_clear_func (people, event_person_clear);
  /* the member id last, so a page ends at the same place each time
   * among people of one name */
  stmt = dl_store_prepare (store,
                           "SELECT e.member_id, trim (p.first_name || ' ' || p.last_name), "
                           "       coalesce (m.member_number, '') "
                           "FROM event e JOIN member m ON m.person_id = e.member_id "
                           "JOIN person p ON p.id = e.member_id "
                           "WHERE e.period = ?1 AND e.type = ?2 "
                           "ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, e.member_id "
                           "LIMIT ?3 OFFSET ?4",
                           error);
  if (stmt == NULL)
    return NULL;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dl_event_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlEventPerson person = {
        .member_id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .member_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };

      g_array_append_val (people, person);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The changes of the month could not be read"));
      return NULL;
    }

  return g_steal_pointer (&people);
}

GArray *
dl_store_get_periods (DlStore   *store,
                      GError   **error)
{
  g_autoptr(GArray) periods = g_array_new (FALSE, FALSE, sizeof (DlPeriod));
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  /* one index seek per month, not a scan of every member's figures
   * (12 million rows for a year of a million members) */
  stmt = dl_store_prepare (store,
                           "WITH RECURSIVE months (p) AS ("
                           " SELECT min (period) FROM period_figures"
                           " UNION ALL"
                           " SELECT (SELECT min (period) FROM period_figures WHERE period > p)"
                           " FROM months WHERE p IS NOT NULL) "
                           "SELECT p FROM months WHERE p IS NOT NULL",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlPeriod period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));

      if (period != DL_PERIOD_NONE)
        g_array_append_val (periods, period);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The months could not be read"));
      return NULL;
    }

  return g_steal_pointer (&periods);
}

static void
member_month_clear (gpointer data)
{
  DlMemberMonth *month = data;

  g_free (month->paid_rank);
}

GArray *
dl_store_get_member_months (DlStore   *store,
                            gint64     member_id,
                            guint      n_months,
                            GError   **error)
{
  return dl_store_get_member_months_until (store, member_id, DL_PERIOD_NONE, n_months, error);
}

GArray *
dl_store_get_member_months_until (DlStore   *store,
                                  gint64     member_id,
                                  DlPeriod   until,
                                  guint      n_months,
                                  GError   **error)
{
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (DlMemberMonth));
  g_autoptr(DlStmt) stmt = NULL;
  char last[8] = "9999-12";
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  g_array_set_clear_func (months, member_month_clear);
  if (until != DL_PERIOD_NONE)
    dl_period_format (until, last);
  /* newest first, to take the last n; turned round below */
  stmt = dl_store_prepare (store,
                           "SELECT period, status, paid_rank, pv, gv, autoship FROM period_figures "
                           "WHERE member_id = ?1 AND period <= ?3 ORDER BY period DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int (stmt, 2, (int) MIN (n_months, G_MAXINT));
  sqlite3_bind_text (stmt, 3, last, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlMemberMonth month = {
        .period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0)),
        .status = status_from_word ((const char *) sqlite3_column_text (stmt, 1)),
        .paid_rank = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .pv = column_real (stmt, 3),
        .gv = column_real (stmt, 4),
        .autoship = column_flag (stmt, 5),
      };

      if (month.period == DL_PERIOD_NONE)
        {
          g_free (month.paid_rank);
          continue;
        }
      g_array_prepend_val (months, month);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The monthly figures could not be read"));
      return NULL;
    }

  return g_steal_pointer (&months);
}

GArray *
dl_store_get_member_events (DlStore   *store,
                            gint64     member_id,
                            GError   **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (DlMemberEvent));
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  stmt = dl_store_prepare (store,
                           "SELECT period, type FROM event WHERE member_id = ?1 ORDER BY period DESC, type",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = dl_event_type_from_string ((const char *) sqlite3_column_text (stmt, 1));
      DlMemberEvent event;

      event.period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
      if (type < 0 || event.period == DL_PERIOD_NONE)
        continue;
      event.type = (DlEventType) type;
      g_array_append_val (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The changes of the month could not be read"));
      return NULL;
    }

  return g_steal_pointer (&events);
}

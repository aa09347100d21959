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

/* One month's figures, by member. */
static GArray *
load_month (DlStore   *store,
            DlPeriod   period,
            gboolean   with_joined,
            GError   **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GArray) month = g_array_new (FALSE, FALSE, sizeof (DlFigures));
  char iso[8];
  int rc;

  /* when each member joined matters only for the month whose events
   * these are (a member a month old without an order): the months
   * before skip a lookup in member for every row */
  stmt = dl_store_prepare (store,
                           with_joined
                           ? "SELECT f.member_id, f.status, f.paid_rank, f.pv, f.autoship, m.joined_on "
                             "FROM period_figures f LEFT JOIN member m ON m.person_id = f.member_id "
                             "WHERE f.period = ?1 ORDER BY f.member_id"
                           : "SELECT f.member_id, f.status, f.paid_rank, f.pv, f.autoship, NULL "
                             "FROM period_figures f WHERE f.period = ?1 ORDER BY f.member_id",
                           error);
  if (stmt == NULL)
    return NULL;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlFigures figures = {
        .member_id = sqlite3_column_int64 (stmt, 0),
        .status = status_from_word ((const char *) sqlite3_column_text (stmt, 1)),
        .rank_level = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                      ? -1 : dl_rank_level ((const char *) sqlite3_column_text (stmt, 2)),
        .autoship = column_flag (stmt, 4),
        .pv = column_real (stmt, 3),
        .joined = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                  ? DL_PERIOD_NONE : dl_period_parse ((const char *) sqlite3_column_text (stmt, 5)),
      };

      g_array_append_val (month, figures);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The monthly figures could not be read"));
      return NULL;
    }

  return g_steal_pointer (&month);
}

/* Works out the events of period from the months before it again. */
static gboolean
update_events (DlStore   *store,
               DlPeriod   period,
               GError   **error)
{
  GArray *months[HISTORY_MONTHS] = { NULL, };
  DlPeriodFigures history[HISTORY_MONTHS];
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (DlEvent));
  g_autoptr(DlStmt) clear = NULL;
  g_autoptr(DlStmt) insert = NULL;
  gboolean ok = FALSE;
  char iso[8];

  for (guint k = 0; k < HISTORY_MONTHS; k++)
    {
      months[k] = load_month (store, period - (DlPeriod) k, k == 0, error);
      if (months[k] == NULL)
        goto out;
      history[k].period = period - (DlPeriod) k;
      history[k].figures = (const DlFigures *) (gpointer) months[k]->data;
      history[k].n_figures = months[k]->len;
    }

  /* a month without figures has no events, and is no month before */
  if (months[0]->len > 0 && months[1]->len > 0)
    dl_events_compute (history, HISTORY_MONTHS, events);

  dl_period_format (period, iso);
  clear = dl_store_prepare (store, "DELETE FROM event WHERE period = ?1", error);
  if (clear == NULL)
    goto out;
  sqlite3_bind_text (clear, 1, iso, -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (store, clear, error))
    goto out;

  insert = dl_store_prepare (store, "INSERT INTO event (period, member_id, type) VALUES (?1, ?2, ?3)", error);
  if (insert == NULL)
    goto out;
  for (guint i = 0; i < events->len; i++)
    {
      const DlEvent *event = &g_array_index (events, DlEvent, i);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, iso, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, event->member_id);
      sqlite3_bind_text (insert, 3, dl_event_type_to_string (event->type), -1, SQLITE_STATIC);
      if (!dl_store_step_done (store, insert, error))
        goto out;
    }
  ok = TRUE;

out:
  for (guint k = 0; k < HISTORY_MONTHS; k++)
    g_clear_pointer (&months[k], g_array_unref);
  return ok;
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

static gboolean
save_period_in_transaction (DlStore   *store,
                            gpointer   data,
                            GError   **error)
{
  SavePeriod *save = data;
  g_autoptr(DlStmt) stmt = NULL;
  char iso[8];

  stmt = dl_store_prepare (store,
                           save->pv_only
                           /* a new row's status is the next month's Downline has
                            * for the member, else the file's (?3) */
                           ? "INSERT INTO period_figures (member_id, period, status, pv) "
                             "VALUES (?1, ?2, coalesce ((SELECT status FROM period_figures "
                             "                           WHERE member_id = ?1 AND period > ?2 "
                             "                           ORDER BY period LIMIT 1), ?3), ?4) "
                             "ON CONFLICT (period, member_id) DO UPDATE SET pv = excluded.pv"
                           : "INSERT OR REPLACE INTO period_figures "
                             "  (member_id, period, status, paid_rank, pv, gv, autoship, "
                             "   left_volume, right_volume, qualified) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                           error);
  if (stmt == NULL)
    return FALSE;

  dl_period_format (save->period, iso);
  for (guint i = 0; i < save->n_rows; i++)
    {
      const DlPeriodRow *row = &save->rows[i];

      g_return_val_if_fail (row->status <= DL_FIGURE_TERMINATED, FALSE);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, row->member_id);
      sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, status_words[row->status], -1, SQLITE_STATIC);
      if (save->pv_only)
        bind_real (stmt, 4, row->pv);
      else
        {
          dl_stmt_bind_text_or_null (stmt, 4, row->paid_rank);
          bind_real (stmt, 5, row->pv);
          bind_real (stmt, 6, row->gv);
          bind_flag (stmt, 7, row->autoship);
          bind_real (stmt, 8, save->extra != NULL ? save->extra[i].left_volume : NAN);
          bind_real (stmt, 9, save->extra != NULL ? save->extra[i].right_volume : NAN);
          bind_flag (stmt, 10, save->extra != NULL ? save->extra[i].qualified : -1);
        }
      if (!dl_store_step_done (store, stmt, error))
        return FALSE;
    }

  if (!update_events (store, save->period, error))
    return FALSE;
  /* the month after, when it is there already (an older export
   * imported after a newer one) */
  {
    g_autoptr(DlStmt) next = dl_store_prepare (store, "SELECT 1 FROM period_figures WHERE period = ?1 LIMIT 1", error);
    char next_iso[8];
    int rc;

    if (next == NULL)
      return FALSE;
    dl_period_format (save->period + 1, next_iso);
    sqlite3_bind_text (next, 1, next_iso, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step (next);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      {
        dl_store_set_sqlite_error (store, error, rc, NULL);
        return FALSE;
      }
    if (rc == SQLITE_ROW && !update_events (store, save->period + 1, error))
      return FALSE;
  }

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

  if (big)
    sqlite3_exec (db, "PRAGMA cache_size = -262144; PRAGMA cache_spill = 131072", NULL, NULL, NULL);
  ok = dl_store_run_in_transaction (store, func, data, error);
  if (big)
    {
      sqlite3_exec (db, "PRAGMA cache_size = -2000; PRAGMA cache_spill = 1", NULL, NULL, NULL);
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

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

typedef struct
{
  DlPeriod           period;
  const DlPeriodRow *rows;
  guint              n_rows;
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
                           "INSERT OR REPLACE INTO period_figures "
                           "  (member_id, period, status, paid_rank, pv, gv, autoship) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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
      dl_stmt_bind_text_or_null (stmt, 4, row->paid_rank);
      bind_real (stmt, 5, row->pv);
      bind_real (stmt, 6, row->gv);
      if (row->autoship < 0)
        sqlite3_bind_null (stmt, 7);
      else
        sqlite3_bind_int (stmt, 7, row->autoship != 0);
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

gboolean
dl_store_save_period (DlStore            *store,
                      DlPeriod            period,
                      const DlPeriodRow  *rows,
                      guint               n_rows,
                      GError            **error)
{
  SavePeriod save = { period, rows, n_rows };
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  /* A month of every member touches each page of the figures' three
   * indexes: with SQLite's 2 MB cache the transaction spilled them to
   * the log again and again (2.8 s for 100,000 members, 0.6 s without).
   * A cache that holds them while the month is written, as the import's
   * connection has; then the usual one again. */
  db = dl_store_get_handle (store);
  if (n_rows > 10000)
    sqlite3_exec (db, "PRAGMA cache_size = -262144; PRAGMA cache_spill = 131072", NULL, NULL, NULL);
  ok = dl_store_run_in_transaction (store, save_period_in_transaction, &save, error);
  if (n_rows > 10000)
    {
      sqlite3_exec (db, "PRAGMA cache_size = -2000; PRAGMA cache_spill = 1", NULL, NULL, NULL);
      sqlite3_db_release_memory (db);
    }
  return ok;
}

static void
store_event_clear (gpointer data)
{
  DlStoreEvent *event = data;

  g_free (event->member_number);
}

gboolean
dl_store_save_import_period (DlStore               *store,
                             const DlImportResult  *result,
                             DlPeriod               period,
                             guint                 *n_saved,
                             GError               **error)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  DlNumberIndex ids = { NULL, NULL };
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (DlPeriodRow));
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);

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
  /* matched as the import matched them: "123" in the file is "00123" */
  dl_number_index_init (&ids, g_steal_pointer (&numbers));

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      gint64 id = (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (&ids, row->member_number));
      DlPeriodRow figures = { 0, };

      if (id <= 0)
        continue;
      figures.member_id = id;
      figures.status = row->status == DL_MEMBER_DROPPED ? DL_FIGURE_TERMINATED
                       : row->status == DL_MEMBER_INACTIVE ? DL_FIGURE_INACTIVE : DL_FIGURE_ACTIVE;
      figures.paid_rank = row->rank != NULL && *row->rank != '\0' ? row->rank : NULL;
      figures.pv = row->pv;
      figures.gv = row->gv;
      figures.autoship = row->autoship;
      g_array_append_val (rows, figures);
    }

  dl_number_index_clear (&ids);

  if (!dl_store_save_period (store, period, (const DlPeriodRow *) (gpointer) rows->data, rows->len, error))
    return FALSE;
  if (n_saved != NULL)
    *n_saved = rows->len;
  return TRUE;
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

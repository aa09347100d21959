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
#include "dl-store-periods-private.h"
#include "dl-store-private.h"
#include "dl-store-resources.h"


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
 * one pass in member order (dl-store-tree.c): an index that holds
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
   * month of 100,000 events is counted without touching the table; those
   * who left are read once into a set, not looked up for each event */
  stmt = dl_store_prepare (store,
                           "SELECT type, count(*) FROM event WHERE period = ?1 "
                           "AND (type = ?2 OR member_id NOT IN "
                           "     (SELECT member_id FROM event WHERE period = ?1 AND type = ?2)) "
                           "GROUP BY type",
                           error);
  if (stmt == NULL)
    return FALSE;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dl_event_type_to_string (DL_EVENT_TERMINATED), -1, SQLITE_STATIC);

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
  g_free (person->rank_before);
  g_free (person->rank_after);
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
  char iso_before[8];
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (period != DL_PERIOD_NONE, NULL);
  g_return_val_if_fail (type < DL_N_EVENTS, NULL);

  g_array_set_clear_func (people, event_person_clear);
  /* the member id last, so a page ends at the same place each time
   * among people of one name; the ranks and the other events are read
   * for the page's people only, once the page is cut (a sorter would
   * otherwise read them for every member of the type) */
  stmt = dl_store_prepare (store,
                           "WITH page AS MATERIALIZED ("
                           " SELECT e.member_id AS id, p.first_name AS first, p.last_name AS last, "
                           "        coalesce (m.member_number, '') AS number "
                           " FROM event e JOIN member m ON m.person_id = e.member_id "
                           " JOIN person p ON p.id = e.member_id "
                           " WHERE e.period = ?1 AND e.type = ?2 "
                           " AND (?2 = ?5 OR e.member_id NOT IN "
                           "      (SELECT member_id FROM event WHERE period = ?1 AND type = ?5)) "
                           " ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, e.member_id "
                           " LIMIT ?3 OFFSET ?4) "
                           "SELECT id, trim (first || ' ' || last), number, "
                           "       (SELECT paid_rank FROM period_figures WHERE period = ?6 AND member_id = id), "
                           "       (SELECT paid_rank FROM period_figures WHERE period = ?1 AND member_id = id), "
                           "       (SELECT group_concat (o.type, ' ') FROM event o "
                           "        WHERE o.period = ?1 AND o.member_id = id AND o.type <> ?2) "
                           "FROM page ORDER BY last COLLATE NOCASE, first COLLATE NOCASE, id",
                           error);
  if (stmt == NULL)
    return NULL;
  dl_period_format (period, iso);
  dl_period_format (period - 1, iso_before);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dl_event_type_to_string (type), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, limit);
  sqlite3_bind_int64 (stmt, 4, offset);
  sqlite3_bind_text (stmt, 5, dl_event_type_to_string (DL_EVENT_TERMINATED), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, iso_before, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *others = (const char *) sqlite3_column_text (stmt, 5);
      DlEventPerson person = {
        .member_id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .member_number = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .rank_before = g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        .rank_after = g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
      };

      if (others != NULL)
        {
          g_auto(GStrv) words = g_strsplit (others, " ", -1);

          for (guint i = 0; words[i] != NULL; i++)
            {
              int other = dl_event_type_from_string (words[i]);

              if (other >= 0)
                person.also |= 1u << other;
            }
        }
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
        .status = dl_figure_status_from_word ((const char *) sqlite3_column_text (stmt, 1)),
        .paid_rank = g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        .pv = dl_stmt_column_real (stmt, 3),
        .gv = dl_stmt_column_real (stmt, 4),
        .autoship = dl_stmt_column_flag (stmt, 5),
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

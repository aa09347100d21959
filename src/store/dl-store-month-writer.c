/* dl-store-month-writer.c — a month's figures written, and what changed
 * since the months before worked out and written with them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the store's own connection (dl_store_save_period () and the like),
 * or on an import's, inside the transaction that writes its members
 * (dl_store_save_import_months ()): the same code on either, through
 * DlMonths.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "dl-memory.h"
#include "dl-store-periods.h"
#include "dl-store-periods-private.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

/* Older months read to judge a volume drop. */
#define HISTORY_MONTHS 4

/* Rows written by one statement (see dl_store_batch_sql). */
#define BATCH_ROWS 64

/* Rows of a month read into memory made present at once (1 MB). */
#define ROOM_ROWS 32768

/* The connection a month is written on. */
typedef struct
{
  sqlite3   *db;
  DlStore   *store;   /* its store, or NULL: an import's own connection */
  GPtrArray *stmts;   /* on an import's connection, the statements to finalize */
} DlMonths;

/* A statement for sql: the store's cached one, else a new one the
 * context finalizes.  Release it with DlStmt's cleanup either way. */
static sqlite3_stmt *
months_prepare (DlMonths    *m,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (m->store != NULL)
    return dl_store_prepare (m->store, sql, error);

  rc = sqlite3_prepare_v2 (m->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_db_error (m->db, error, rc, _("The monthly figures could not be written"));
      return NULL;
    }
  g_ptr_array_add (m->stmts, stmt);
  return stmt;
}

static void
months_error (DlMonths    *m,
              GError     **error,
              int          rc,
              const char  *what)
{
  if (m->store != NULL)
    dl_store_set_sqlite_error (m->store, error, rc, what);
  else
    dl_store_set_db_error (m->db, error, rc, what);
}

static gboolean
months_step_done (DlMonths      *m,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  months_error (m, error, rc, NULL);
  return FALSE;
}

/* The members' figures changed: said by the store when the months are
 * written on its connection; an import says it for its own. */
static void
months_emit_changed (DlMonths *m)
{
  if (m->store != NULL)
    dl_store_emit_changed (m->store, DL_STORE_ENTITY_MEMBERS, 0);
}

typedef void (*BindRow) (sqlite3_stmt  *stmt,
                         int            column,
                         guint          i,
                         gconstpointer  data);

/* n_rows rows "INSERT ... VALUES " head, each row (of n_columns
 * parameters) bound by bind: BATCH_ROWS to a statement, then the rest
 * one by one. */
static gboolean
write_batched (DlMonths       *m,
               const char     *head,
               const char     *row,
               int             n_columns,
               guint           n_rows,
               BindRow         bind,
               gconstpointer   data,
               GError        **error)
{
  g_autofree char *batch_sql = dl_store_batch_sql (head, row, BATCH_ROWS);
  g_autofree char *one_sql = dl_store_batch_sql (head, row, 1);
  g_autoptr(DlStmt) batch = months_prepare (m, batch_sql, error);
  g_autoptr(DlStmt) one = NULL;
  guint i = 0;

  if (batch == NULL)
    return FALSE;
  for (; i + BATCH_ROWS <= n_rows; i += BATCH_ROWS)
    {
      sqlite3_reset (batch);
      for (guint b = 0; b < BATCH_ROWS; b++)
        bind (batch, (int) b * n_columns, i + b, data);
      if (!months_step_done (m, batch, error))
        return FALSE;
    }

  one = months_prepare (m, one_sql, error);
  if (one == NULL)
    return FALSE;
  for (; i < n_rows; i++)
    {
      sqlite3_reset (one);
      bind (one, 0, i, data);
      if (!months_step_done (m, one, error))
        return FALSE;
    }
  return TRUE;
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

/* ROOM_ROWS more rows at the end of month, their memory made present,
 * to be written in place; reserved is how many rows its memory has
 * room for, grown by doubling. */
static void
month_make_room (GArray *month,
                 guint  *reserved)
{
  guint len = month->len;

  if (len + ROOM_ROWS > *reserved)
    {
      *reserved = MAX (len + ROOM_ROWS, *reserved * 2);
      g_array_set_size (month, *reserved);
    }
  g_array_set_size (month, len + ROOM_ROWS);
  dl_memory_make_present (month->data + (gsize) len * sizeof (DlFigures), (gsize) ROOM_ROWS * sizeof (DlFigures));
}

/* A month being read, handed row by row to dl_read_month_row ().  */
typedef struct
{
  GArray           *month;
  guint             n;          /* rows read */
  guint             reserved;   /* rows month's memory has room for */
  gint64            last;       /* the member of the last row */
  gboolean          unordered;  /* a row came before the one before */
  GHashTable       *levels;
  /* an older month's PV alone, by the members of before (see
   * load_volumes ()); else NULL */
  const DlFigures  *before;
  guint             n_before;
  guint             next;       /* where the next member may be */
} MonthReader;

#define MONTH_READER "DlMonthReader"

static int
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const DlFigures *) a)->member_id;
  gint64 y = ((const DlFigures *) b)->member_id;

  return x < y ? -1 : x > y;
}

/* dl_read_month_row (reader, member_id, pv, status, paid_rank,
 * autoship), an aggregate: a month's rows handed to the reader inside
 * the one step of the statement that reads them.  A million rows
 * stepped through one at a time, each column asked for on its own,
 * cost a third more than the scan itself (155 ms against 102 ms a
 * month). */
static void
read_month_row_step (sqlite3_context  *context,
                     int               n_values,
                     sqlite3_value   **values)
{
  MonthReader *reader = sqlite3_value_pointer (values[0], MONTH_READER);
  gint64 id;

  /* called from SQL without a reader: nothing to read into */
  if (reader == NULL)
    return;
  id = sqlite3_value_int64 (values[1]);

  if (reader->before != NULL)
    {
      double *pv = (double *) (gpointer) reader->month->data;
      const DlFigures *before = reader->before;
      guint next = reader->next;

      /* rows come in member order, the table's; any other would be
       * looked up whole */
      if (reader->n > 0 && id <= reader->last)
        next = 0;
      while (next < reader->n_before && before[next].member_id < id)
        next++;
      if (next < reader->n_before && before[next].member_id == id)
        pv[next] = dl_value_real (values[2]);
      reader->next = next;
      reader->last = id;
      reader->n++;
      return;
    }

  if (reader->n == reader->month->len)
    month_make_room (reader->month, &reader->reserved);
  if (reader->n > 0 && id <= reader->last)
    reader->unordered = TRUE;
  reader->last = id;
  g_array_index (reader->month, DlFigures, reader->n++) = (DlFigures) {
    .member_id = id,
    .pv = dl_value_real (values[2]),
    .status = dl_figure_status_from_word ((const char *) sqlite3_value_text (values[3])),
    .rank_level = rank_level_of (reader->levels, (const char *) sqlite3_value_text (values[4])),
    .autoship = dl_value_flag (values[5]),
    .joined = DL_PERIOD_NONE,
  };
}

static void
read_month_row_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

/* The reader's function on m's connection, made the first time it is
 * needed: a function made again would make SQLite prepare every
 * statement of the connection again. */
static gboolean
months_have_reader (DlMonths  *m,
                    GError   **error)
{
  sqlite3_stmt *probe = NULL;
  int rc;

  if (sqlite3_prepare_v2 (m->db, "SELECT dl_read_month_row (NULL, NULL, NULL, NULL, NULL, NULL)", -1, &probe,
                          NULL) == SQLITE_OK)
    {
      sqlite3_finalize (probe);
      return TRUE;
    }
  rc = sqlite3_create_function_v2 (m->db, "dl_read_month_row", 6, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL,
                                   read_month_row_step, read_month_row_final, NULL);
  if (rc != SQLITE_OK)
    {
      months_error (m, error, rc, _("The monthly figures could not be read"));
      return FALSE;
    }
  return TRUE;
}

/* Reads the rows of period into reader. */
static gboolean
read_month (DlMonths     *m,
            DlPeriod      period,
            MonthReader  *reader,
            GError      **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  char iso[8];
  int rc;

  stmt = months_prepare (m,
                         reader->before != NULL
                         ? "SELECT dl_read_month_row (?2, member_id, pv, NULL, NULL, NULL) "
                           "FROM period_figures WHERE period = ?1"
                         : "SELECT dl_read_month_row (?2, member_id, pv, status, paid_rank, autoship) "
                           "FROM period_figures WHERE period = ?1",
                         error);
  if (stmt == NULL)
    return FALSE;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  sqlite3_bind_pointer (stmt, 2, reader, MONTH_READER, NULL);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  /* the reader is not left where the statement can reach it */
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      months_error (m, error, rc, _("The monthly figures could not be read"));
      return FALSE;
    }
  return TRUE;
}

/* One month's figures, by member: a run of the table, in its order,
 * in an array with room for size_hint of them. */
static GArray *
load_month (DlMonths    *m,
            DlPeriod     period,
            guint        size_hint,
            GHashTable  *levels,
            GError     **error)
{
  g_autoptr(GArray) month = g_array_sized_new (FALSE, FALSE, sizeof (DlFigures), size_hint);
  MonthReader reader = { month, 0, size_hint, 0, FALSE, levels, NULL, 0, 0 };

  if (!read_month (m, period, &reader, error))
    return NULL;
  g_array_set_size (month, reader.n);
  if (reader.unordered)
    g_array_sort (month, compare_figures);

  return g_steal_pointer (&month);
}

/* The PV of an older month, for the volume drop alone, of the members
 * of before (the month before the one looked at) and in its order:
 * one for each of them, NAN where the month has no figures or no PV
 * for them (DlPeriodFigures.pv_by_before).  dl_events_compute () looks
 * an older month up only for a member of the month before and counts
 * only a known PV, so it finds the same as in the month's own rows; the
 * array is made at its size at once, a quarter of the month's figures,
 * where they grew one at a time. */
static GArray *
load_volumes (DlMonths         *m,
              DlPeriod          period,
              const DlFigures  *before,
              guint             n_before,
              GError          **error)
{
  g_autoptr(GArray) month = g_array_sized_new (FALSE, FALSE, sizeof (double), n_before);
  MonthReader reader = { month, 0, n_before, 0, FALSE, NULL, before, n_before, 0 };
  double *pv;

  g_array_set_size (month, n_before);
  pv = (double *) (gpointer) month->data;
  dl_memory_make_present (pv, (gsize) n_before * sizeof (double));
  for (guint i = 0; i < n_before; i++)
    pv[i] = NAN;

  if (!read_month (m, period, &reader, error))
    return NULL;

  return g_steal_pointer (&month);
}

/* Marks in month (by member) who joined in joined: the only join month
 * the events ask about (a member a month old without an order).  The
 * few of them are found by the join date's index, not a lookup for
 * every member. */
static gboolean
mark_joined (DlMonths   *m,
             DlFigures  *figures,
             guint       n_figures,
             DlPeriod    joined,
             GError    **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  char from[8], to[8];
  guint next = 0;
  int rc;

  stmt = months_prepare (m,
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

      while (next < n_figures && figures[next].member_id < id)
        next++;
      if (next < n_figures && figures[next].member_id == id)
        figures[next].joined = joined;
    }
  if (rc != SQLITE_DONE)
    {
      months_error (m, error, rc, _("The members could not be read"));
      return FALSE;
    }

  return TRUE;
}

static int
compare_figures_with_data (gconstpointer a,
                           gconstpointer b,
                           gpointer      data)
{
  return compare_figures (a, b);
}

/* The month just written, from the rows in hand rather than read back:
 * by member, the last row of a member who came twice (as the table
 * keeps it).  Made in the rows' own memory, which they no longer need:
 * a second array of a million was 32 MB more at the import's peak.
 * Returns the number of figures now at the start of rows. */
G_STATIC_ASSERT (sizeof (DlFigures) <= sizeof (DlPeriodRow));

static guint
month_of_rows (DlPeriodRow *rows,
               guint        n_rows,
               GHashTable  *levels)
{
  DlFigures *figures = (DlFigures *) (gpointer) rows;
  guint n = 0;

  /* figures[i] ends before rows[i + 1] begins, and each row is read
   * before its figures are written; by memcpy (), as the first two
   * overlap their rows, so that no read or write can be moved past the
   * other as if two types could not share memory */
  for (guint i = 0; i < n_rows; i++)
    {
      DlPeriodRow row;
      DlFigures one;

      memcpy (&row, (const char *) rows + (gsize) i * sizeof (DlPeriodRow), sizeof row);
      one = (DlFigures) {
        .member_id = row.member_id,
        .status = row.status,
        .rank_level = rank_level_of (levels, row.paid_rank),
        .autoship = row.autoship,
        .pv = row.pv,
        .joined = DL_PERIOD_NONE,
      };
      memcpy ((char *) figures + (gsize) i * sizeof (DlFigures), &one, sizeof one);
    }
  /* a stable sort (a merge sort), so of a member's rows the last stays last */
  g_qsort_with_data (figures, (gint) n_rows, sizeof (DlFigures), compare_figures_with_data, NULL);
  for (guint i = 0; i < n_rows; i++)
    {
      if (n > 0 && figures[n - 1].member_id == figures[i].member_id)
        n--;
      figures[n++] = figures[i];
    }
  return n;
}

#define EVENTS_HEAD "INSERT INTO event (period, member_id, type) VALUES "
#define EVENTS_ROW "(?, ?, ?)"

typedef struct
{
  const char    *iso;
  const DlEvent *events;
} EventRows;

static void
bind_event (sqlite3_stmt  *stmt,
            int            column,
            guint          i,
            gconstpointer  data)
{
  const EventRows *rows = data;
  const DlEvent *event = &rows->events[i];

  sqlite3_bind_text (stmt, column + 1, rows->iso, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, column + 2, event->member_id);
  sqlite3_bind_text (stmt, column + 3, dl_event_type_to_string (event->type), -1, SQLITE_STATIC);
}

/* The events of the month iso. */
static gboolean
write_events (DlMonths     *m,
              const char   *iso,
              GArray       *events,
              GError      **error)
{
  EventRows rows = { iso, (const DlEvent *) (gpointer) events->data };

  return write_batched (m, "INSERT INTO event (period, member_id, type) VALUES ", "(?, ?, ?)", 3,
                        events->len, bind_event, &rows, error);
}

/* Works out the events of period from the months before it again.
 * current, when not NULL, is period's figures as just written (by
 * member); else they are read. */
static gboolean
update_events_with (DlMonths   *m,
                    DlPeriod    period,
                    DlFigures  *current,
                    guint       n_current,
                    GError    **error)
{
  GArray *months[HISTORY_MONTHS] = { NULL, };
  DlPeriodFigures history[HISTORY_MONTHS] = { { 0, }, };
  g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (DlEvent));
  g_autoptr(DlStmt) clear = NULL;
  gboolean ok = FALSE;
  guint size_hint = 0;
  char iso[8];

  if (!months_have_reader (m, error))
    return FALSE;
  for (guint k = 0; k < HISTORY_MONTHS; k++)
    {
      history[k].period = period - (DlPeriod) k;
      if (k == 0 && current != NULL)
        {
          history[0].figures = current;
          history[0].n_figures = n_current;
        }
      else if (k >= 2)
        {
          months[k] = load_volumes (m, history[k].period, history[1].figures, history[1].n_figures, error);
          if (months[k] == NULL)
            goto out;
          history[k].pv_by_before = (const double *) (gpointer) months[k]->data;
        }
      else
        {
          /* room for the members (whom a month's rows cannot
           * outnumber; a month grown a row at a time was copied at each
           * doubling), and for the month before for about as many as
           * the month looked at.  Only a size to start from. */
          if (k == 0)
            size_hint = dl_store_count_members (m->db);
          months[k] = load_month (m, history[k].period, k == 0 ? size_hint : history[0].n_figures, levels, error);
          if (months[k] == NULL)
            goto out;
          history[k].figures = (const DlFigures *) (gpointer) months[k]->data;
          history[k].n_figures = months[k]->len;
        }
      /* a month without figures has no events, and is no month before:
       * the older ones need not be read */
      if (history[k].n_figures == 0 && k <= 1)
        break;
    }

  /* a month without figures has no events, and is no month before */
  if (history[0].n_figures > 0 && months[1] != NULL && history[1].n_figures > 0)
    {
      if (!mark_joined (m, (DlFigures *) history[0].figures, history[0].n_figures, period - 1, error))
        goto out;
      dl_events_compute (history, HISTORY_MONTHS, events);
    }

  dl_period_format (period, iso);
  clear = months_prepare (m, "DELETE FROM event WHERE period = ?1", error);
  if (clear == NULL)
    goto out;
  sqlite3_bind_text (clear, 1, iso, -1, SQLITE_TRANSIENT);
  if (!months_step_done (m, clear, error))
    goto out;

  ok = write_events (m, iso, events, error);

out:
  for (guint k = 0; k < HISTORY_MONTHS; k++)
    g_clear_pointer (&months[k], g_array_unref);
  return ok;
}

static gboolean
update_events (DlMonths  *m,
               DlPeriod   period,
               GError   **error)
{
  return update_events_with (m, period, NULL, 0, error);
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
                                * save_past_volumes) */
  /* the arrays rows and extra are in, when the save may let them go
   * once the figures are written: a million members' are 72 MB, as
   * much again as the months the events then read */
  GArray            *own_rows;
  GArray            *own_extra;
} SavePeriod;

/* Whether period has no figures yet, into *empty. */
static gboolean
period_is_empty (DlMonths  *m,
                 DlPeriod   period,
                 gboolean  *empty,
                 GError   **error)
{
  g_autoptr(DlStmt) stmt = months_prepare (m, "SELECT 1 FROM period_figures WHERE period = ?1 LIMIT 1", error);
  char iso[8];
  int rc;

  if (stmt == NULL)
    return FALSE;
  dl_period_format (period, iso);
  sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      months_error (m, error, rc, NULL);
      return FALSE;
    }
  *empty = rc == SQLITE_DONE;
  return TRUE;
}

typedef struct
{
  const SavePeriod *save;
  const char       *iso;
} FigureRows;

static void
bind_figures (sqlite3_stmt  *stmt,
              int            column,
              guint          i,
              gconstpointer  data)
{
  const FigureRows *rows = data;
  const SavePeriod *save = rows->save;
  const DlPeriodRow *row = &save->rows[i];

  sqlite3_bind_int64 (stmt, column + 1, row->member_id);
  sqlite3_bind_text (stmt, column + 2, rows->iso, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, column + 3, dl_figure_status_to_word (row->status), -1, SQLITE_STATIC);
  dl_stmt_bind_text_or_null (stmt, column + 4, row->paid_rank);
  dl_stmt_bind_real (stmt, column + 5, row->pv);
  dl_stmt_bind_real (stmt, column + 6, row->gv);
  dl_stmt_bind_flag (stmt, column + 7, row->autoship);
  dl_stmt_bind_real (stmt, column + 8, save->extra != NULL ? save->extra[i].left_volume : NAN);
  dl_stmt_bind_real (stmt, column + 9, save->extra != NULL ? save->extra[i].right_volume : NAN);
  dl_stmt_bind_flag (stmt, column + 10, save->extra != NULL ? save->extra[i].qualified : -1);
}

/* Whether no two of rows are the same member's, by a bitmap of their
 * ids; FALSE too when the ids are too far apart for one. */
static gboolean
one_row_a_member (const DlPeriodRow *rows,
                  guint              n_rows)
{
  g_autofree guint8 *seen = NULL;
  gint64 most = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      if (rows[i].member_id <= 0)
        return FALSE;
      most = MAX (most, rows[i].member_id);
    }
  if (most / 64 > (gint64) n_rows + 4096)
    return FALSE;
  seen = g_new0 (guint8, most / 8 + 1);
  for (guint i = 0; i < n_rows; i++)
    {
      gint64 id = rows[i].member_id;

      if (seen[id / 8] & (1 << (id % 8)))
        return FALSE;
      seen[id / 8] |= 1 << (id % 8);
    }
  return TRUE;
}

/* Every row's figures, replacing what those members had for the month.
 * fresh: the month has none yet (see period_is_empty ()).  A new month
 * whose rows are each a different member's meets no figure it would
 * replace, and is written by statements that fail rather than abort
 * on a broken rule: they need no journal of their own (the import or
 * the save rolls the whole transaction back on any error anyway), and
 * that journal was a quarter of the month's time (2.0 against 1.5 s at
 * a million, bench-import --months).  A member on two rows still has
 * the last one's figures, as the replacing statements keep them. */
static gboolean
write_figures (DlMonths          *m,
               const SavePeriod  *save,
               const char        *iso,
               gboolean           fresh,
               GError           **error)
{
  FigureRows rows = { save, iso };
  gboolean only_new = fresh && one_row_a_member (save->rows, save->n_rows);

  return write_batched (m,
                        only_new ? "INSERT OR FAIL INTO period_figures "
                        "  (member_id, period, status, paid_rank, pv, gv, autoship, left_volume, right_volume, "
                        "   qualified) VALUES " :
                        "INSERT OR REPLACE INTO period_figures "
                        "  (member_id, period, status, paid_rank, pv, gv, autoship, left_volume, right_volume, "
                        "   qualified) VALUES ",
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 10, save->n_rows, bind_figures, &rows, error);
}

/* An earlier month's PV alone, for every row: a new row's status is the
 * next month's Downline has for the member, else the file's (?3). */
static gboolean
write_volumes (DlMonths          *m,
               const SavePeriod  *save,
               const char        *iso,
               GError           **error)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = months_prepare (m,
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
      sqlite3_bind_text (stmt, 3, dl_figure_status_to_word (row->status), -1, SQLITE_STATIC);
      dl_stmt_bind_real (stmt, 4, row->pv);
      if (!months_step_done (m, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_period_in_transaction (DlMonths  *m,
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
  if (!save->pv_only && !period_is_empty (m, save->period, &fresh, error))
    return FALSE;
  if (save->pv_only ? !write_volumes (m, save, iso, error) : !write_figures (m, save, iso, fresh, error))
    return FALSE;

  if (fresh)
    {
      g_autoptr(GHashTable) levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GArray) month = save->own_rows;
      guint n_month;

      /* rows the save does not own are copied to be made the month */
      if (month == NULL)
        {
          month = g_array_sized_new (FALSE, FALSE, sizeof (DlPeriodRow), save->n_rows);
          g_array_append_vals (month, save->rows, save->n_rows);
        }
      save->own_rows = NULL;
      g_clear_pointer (&save->own_extra, g_array_unref);
      save->rows = NULL;
      save->extra = NULL;
      n_month = month_of_rows ((DlPeriodRow *) (gpointer) month->data, month->len, levels);
#ifdef __GLIBC__
      /* The sort's scratch copy of the month (32 MB a million) is
       * freed inside the heap, where glibc keeps it resident; the month
       * before, read next, would come on top of it at the import's
       * peak. */
      malloc_trim (0);
#endif
      if (!update_events_with (m, save->period, (DlFigures *) (gpointer) month->data, n_month, error))
        return FALSE;
    }
  else if (!update_events (m, save->period, error))
    return FALSE;
  /* the month after, when it is there already (an older export
   * imported after a newer one) */
  if (!period_is_empty (m, save->period + 1, &next_empty, error))
    return FALSE;
  if (!next_empty && !update_events (m, save->period + 1, error))
    return FALSE;

  months_emit_changed (m);
  return TRUE;
}

typedef gboolean (*MonthsFunc) (DlMonths  *m,
                                gpointer   data,
                                GError   **error);

typedef struct
{
  MonthsFunc  func;
  gpointer    data;
} OnStore;

static gboolean
on_store_in_transaction (DlStore   *store,
                         gpointer   data,
                         GError   **error)
{
  OnStore *on = data;
  DlMonths m = { dl_store_get_handle (store), store, NULL };

  return on->func (&m, on->data, error);
}

/* Runs func on the store's own connection in one transaction.  A month
 * of every member touches many pages: with SQLite's 2 MB cache the
 * transaction spilled them to the log again and again (2.8 s for
 * 100,000 members, 1.1 s without).  A cache that holds them while a big
 * month is written, as the import's connection has, and the file
 * mapped (reading the months before with a read () a page was half the
 * time of a million members' events); then the usual ones again.  The
 * mapped pages count in the process's memory while the month is saved,
 * a cost the tree's readers, which run whenever a window opens, no
 * longer pay. */
static gboolean
run_on_store (DlStore     *store,
              guint        n_rows,
              MonthsFunc   func,
              gpointer     data,
              GError     **error)
{
  sqlite3 *db = dl_store_get_handle (store);
  OnStore on = { func, data };
  gboolean big = n_rows > 10000;
  gboolean ok;

  if (big)
    sqlite3_exec (db, "PRAGMA cache_size = -262144; PRAGMA cache_spill = 131072; PRAGMA mmap_size = 2147483648",
                  NULL, NULL, NULL);
  ok = dl_store_run_in_transaction (store, on_store_in_transaction, &on, error);
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
  SavePeriod save = { period, rows, n_rows, NULL, FALSE, NULL, NULL };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);

  return run_on_store (store, n_rows, save_period_in_transaction, &save, error);
}

typedef struct
{
  DlPeriod period;
} UpdateEvents;

static gboolean
update_events_in_transaction (DlMonths  *m,
                              gpointer   data,
                              GError   **error)
{
  UpdateEvents *update = data;

  return update_events (m, update->period, error);
}

gboolean
dl_store_update_events (DlStore   *store,
                        DlPeriod   period,
                        GError   **error)
{
  UpdateEvents update = { period };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != DL_PERIOD_NONE, FALSE);

  return run_on_store (store, G_MAXUINT, update_events_in_transaction, &update, error);
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
  const gint64         *person_of_row;   /* or NULL: found by number */
  guint                 n_saved;
} SaveImport;

/* The members of result's rows: each row's person (0 for none), as the
 * import wrote them or else found by number, as the import matched
 * them ("123" in the file is "00123"). */
static gint64 *
row_members (DlMonths          *m,
             const SaveImport  *save,
             GError           **error)
{
  const DlImportResult *result = save->result;
  gint64 *members = g_new0 (gint64, MAX (result->rows->len, 1));
  DlNumberIndex ids = { NULL, NULL, NULL, NULL };

  if (save->person_of_row != NULL)
    {
      memcpy (members, save->person_of_row, result->rows->len * sizeof (gint64));
      return members;
    }
  if (!dl_store_read_member_ids (m->db, &ids, error))
    {
      dl_number_index_clear (&ids);
      g_free (members);
      return NULL;
    }
  for (guint i = 0; i < result->rows->len; i++)
    members[i] = (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (&ids, g_array_index (result->rows, DlImportRow,
                                                                                           i).member_number));
  dl_number_index_clear (&ids);
  return members;
}

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
save_past_volumes (DlMonths  *m,
                   gpointer   data,
                   GError   **error)
{
  SaveImport *save = data;
  const DlImportResult *result = save->result;
  g_autoptr(GArray) months = g_array_copy (result->past_periods);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (DlPeriodRow));
  g_autofree gint64 *members = NULL;
  gboolean ok = TRUE;

  if (months->len == 0)
    return TRUE;
  members = row_members (m, save, error);
  if (members == NULL)
    return FALSE;

  g_array_sort (months, compare_periods);
  for (guint n = 0; ok && n < months->len; n++)
    {
      DlPeriod period = g_array_index (months, DlPeriod, n);
      int k = past_column (result, period);
      DlDay month_end = dl_period_last_day (period);
      SavePeriod past = { period, NULL, 0, NULL, TRUE, NULL, NULL };

      if (save->period != DL_PERIOD_NONE && period >= save->period)
        continue;
      g_array_set_size (rows, 0);
      for (guint i = 0; i < result->rows->len; i++)
        {
          const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
          gint64 id = members[i];
          DlPeriodRow figures = { 0, };

          /* a blank cell says nothing; a member who had not joined yet
           * has no month (the file's 0 for them is no volume of theirs) */
          if (id <= 0 || isnan (dl_import_row_get_past_pv (result, row)[k]) ||
              (row->joined_on != DL_DAY_NONE && row->joined_on > month_end))
            continue;
          figures.member_id = id;
          /* for a month it says nothing else of, the status of the
           * next month Downline has for them, else the one this file
           * gives: no change of status is read into the months */
          figures.status = figure_status (row->status);
          figures.pv = dl_import_row_get_past_pv (result, row)[k];
          g_array_append_val (rows, figures);
        }
      past.rows = (const DlPeriodRow *) (gpointer) rows->data;
      past.n_rows = rows->len;
      ok = save_period_in_transaction (m, &past, error);
      save->n_saved++;
    }

  return ok;
}

static gboolean
save_import_period (DlMonths  *m,
                    gpointer   data,
                    GError   **error)
{
  SaveImport *save = data;
  const DlImportResult *result = save->result;
  g_autofree gint64 *found = NULL;
  const gint64 *members = save->person_of_row;
  GArray *rows = g_array_sized_new (FALSE, FALSE, sizeof (DlPeriodRow), result->rows->len);
  GArray *extra = NULL;
  int this_month = past_column (result, save->period);
  SavePeriod month = { save->period, NULL, 0, NULL, FALSE, rows, NULL };
  guint n_rows;
  gboolean ok;

  /* The legs' volumes and the qualified flag only for a file that has
   * them: a million rows of nothing known were 24 MB at the write's
   * peak. */
  for (guint i = 0; i < result->rows->len && extra == NULL; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

      if (!isnan (row->left_volume) || !isnan (row->right_volume) || row->qualified >= 0)
        extra = g_array_sized_new (FALSE, FALSE, sizeof (PeriodExtra), result->rows->len);
    }
  month.own_extra = extra;

  /* the months before first: this month's events then find them.  The
   * people the writer gave the rows are used as they are, not copied
   * (8 MB a million). */
  if (!save_past_volumes (m, save, error) ||
      (members == NULL && (members = found = row_members (m, save, error)) == NULL))
    {
      g_array_unref (rows);
      g_clear_pointer (&extra, g_array_unref);
      return FALSE;
    }

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      gint64 id = members[i];
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
        figures.pv = dl_import_row_get_past_pv (result, row)[this_month];
      figures.gv = row->gv;
      figures.autoship = row->autoship;
      g_array_append_val (rows, figures);
      if (extra != NULL)
        g_array_append_val (extra, more);
    }
  g_clear_pointer (&found, g_free);

  month.rows = (const DlPeriodRow *) (gpointer) rows->data;
  month.n_rows = n_rows = rows->len;
  month.extra = extra != NULL ? (const PeriodExtra *) (gpointer) extra->data : NULL;
  ok = save_period_in_transaction (m, &month, error);
  g_clear_pointer (&month.own_rows, g_array_unref);
  g_clear_pointer (&month.own_extra, g_array_unref);
  save->n_saved = n_rows;
  return ok;
}

/* The one write of an import's months, on whichever connection: the
 * month's figures (with the earlier months before them), else the
 * earlier months alone. */
static gboolean
save_import_months (DlMonths  *m,
                    gpointer   data,
                    GError   **error)
{
  SaveImport *save = data;

  if (save->period != DL_PERIOD_NONE)
    return save_import_period (m, save, error);
  return save_past_volumes (m, save, error);
}

gboolean
dl_store_save_import_period (DlStore               *store,
                             const DlImportResult  *result,
                             DlPeriod               period,
                             guint                 *n_saved,
                             GError               **error)
{
  SaveImport save = { result, period, NULL, 0 };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  if (!run_on_store (store, result->rows->len, save_import_months, &save, error))
    return FALSE;
  if (n_saved != NULL)
    *n_saved = save.n_saved;
  return TRUE;
}


gboolean
dl_store_save_import_months (sqlite3               *db,
                             const DlImportResult  *result,
                             const gint64          *person_of_row,
                             guint                 *n_figures,
                             guint                 *n_past_months,
                             GError               **error)
{
  DlMonths m = { db, NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_finalize) };
  SaveImport save = { result, result->period, person_of_row, 0 };
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  ok = save_import_months (&m, &save, error);
  g_ptr_array_unref (m.stmts);
  if (!ok)
    return FALSE;
  g_debug ("import: the months of %u rows in %.2f s", result->rows->len, (g_get_monotonic_time () - start) / 1e6);

  if (n_figures != NULL)
    *n_figures = result->period != DL_PERIOD_NONE ? save.n_saved : 0;
  if (n_past_months != NULL)
    *n_past_months = result->period == DL_PERIOD_NONE ? save.n_saved : 0;
  return TRUE;
}

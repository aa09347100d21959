/* bench-events.c — the events of a month against the months before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-events [MEMBERS]
 *
 * Target of the back-office issue: the events of a 1,000,000-member
 * month against the one before ≤ 1 s.  Three parts, each as the median
 * and the slowest of its rounds:
 *
 *  - the core pass alone over MEMBERS (default a million) and four
 *    months of random figures;
 *  - on a real file of a MEMBERS-member sample business with four months
 *    of figures that change the way a business does (about 2 % join, 2 %
 *    go inactive, 1.5 % change autoship, 3 % see their volume halve each
 *    month): the save of one more month of everyone's figures with its
 *    events, until committed, as `--import-csv --period` and the
 *    assistant write it; then the events of that month alone, cleared
 *    and worked out again from the store (read the four months, compare
 *    them, write the events), until committed;
 *  - what the import's done page reads of that month: the counts by type
 *    and the first 50 names of the largest type.
 *
 * Exits non-zero when the events of the month are over the target.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "dl-day.h"
#include "dl-events.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"

#define ROUNDS 5
#define SAVE_ROUNDS 3
#define HISTORY 4
#define TARGET_SECONDS 1.0

static void
report (const char *what,
        GArray     *seconds)
{
  double median = bench_median (seconds);

  printf ("%s: median %.0f ms, max %.0f ms\n", what, median * 1e3,
          g_array_index (seconds, double, seconds->len - 1) * 1e3);
}

static void
add_seconds (GArray *seconds,
             GTimer *timer)
{
  double elapsed = g_timer_elapsed (timer, NULL);

  g_array_append_val (seconds, elapsed);
}

static const char *const ranks[] = { NULL, "Bronze", "Silver", "Gold", "Platinum" };

/* The month after before (or a first month when before is NULL): most
 * members as they were, a few changed, a few new; rows are by member
 * id, as the store hands them in. */
static guint
next_month (DlPeriodRow       *rows,
            const DlPeriodRow *before,
            guint              n_before,
            const gint64      *ids,
            guint              n_ids,
            GRand             *rand)
{
  guint n = 0;

  /* a member joins in the first month they have figures; the newest
   * 2 % of members each month */
  for (guint i = 0; i < n_ids; i++)
    {
      DlPeriodRow *row = &rows[n];

      if (i < n_before)
        {
          *row = before[i];
          if (g_rand_int_range (rand, 0, 1000) < 20 && row->status == DL_FIGURE_ACTIVE)
            row->status = DL_FIGURE_INACTIVE;
          else if (g_rand_int_range (rand, 0, 1000) < 5 && row->status == DL_FIGURE_INACTIVE)
            row->status = g_rand_boolean (rand) ? DL_FIGURE_ACTIVE : DL_FIGURE_TERMINATED;
          if (g_rand_int_range (rand, 0, 1000) < 15)
            row->autoship = !row->autoship;
          if (g_rand_int_range (rand, 0, 1000) < 10)
            row->paid_rank = ranks[g_rand_int_range (rand, 0, G_N_ELEMENTS (ranks))];
          row->pv = g_rand_int_range (rand, 0, 100) < 3 ? row->pv / 3 : row->pv * g_rand_double_range (rand, 0.9, 1.1);
        }
      else if (before == NULL ? i < n_ids - n_ids / 10 : i < n_before + n_ids / 50)
        {
          row->member_id = ids[i];
          row->status = DL_FIGURE_ACTIVE;
          row->paid_rank = ranks[g_rand_int_range (rand, 0, G_N_ELEMENTS (ranks))];
          row->pv = g_rand_double_range (rand, 50, 300);
          row->gv = NAN;
          row->autoship = (gint8) (g_rand_int_range (rand, 0, 10) < 7);
        }
      else
        break;
      n++;
    }

  return n;
}

/* The months before, written straight into the file, without events:
 * the setting for what is timed, not part of it. */
static gboolean
write_month_plain (DlStore            *store,
                   DlPeriod            period,
                   const DlPeriodRow  *rows,
                   guint               n,
                   GError            **error)
{
  sqlite3 *db = dl_store_get_handle (store);
  sqlite3_stmt *stmt = NULL;
  char iso[8];
  gboolean ok = TRUE;

  dl_period_format (period, iso);
  if (!dl_store_begin (store, error))
    return FALSE;
  sqlite3_prepare_v2 (db, "INSERT INTO period_figures (member_id, period, status, paid_rank, pv, autoship) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", -1, &stmt, NULL);
  for (guint i = 0; ok && i < n; i++)
    {
      static const char *const words[] = { "active", "inactive", "dropped" };

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rows[i].member_id);
      sqlite3_bind_text (stmt, 2, iso, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, words[rows[i].status], -1, SQLITE_STATIC);
      if (rows[i].paid_rank != NULL)
        sqlite3_bind_text (stmt, 4, rows[i].paid_rank, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_double (stmt, 5, rows[i].pv);
      sqlite3_bind_int (stmt, 6, rows[i].autoship);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      dl_store_rollback (store);
      return FALSE;
    }
  return dl_store_commit (store, error);
}

static gint64 *
read_member_ids (DlStore  *store,
                 guint    *n)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (dl_store_get_handle (store), "SELECT person_id FROM member ORDER BY person_id", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  *n = ids->len;
  return (gint64 *) (gpointer) g_array_free (g_steal_pointer (&ids), FALSE);
}

static gboolean
bench_store (guint     n_members,
             GRand    *rand,
             GTimer   *timer,
             double   *events_median,
             GError  **error)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-events-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (path, error);
  g_autoptr(GArray) save_seconds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) events_seconds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) summary_seconds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gint64 *ids = NULL;
  g_autofree DlPeriodRow *rows = NULL;
  g_autofree DlPeriodRow *before = NULL;
  DlPeriod period = dl_period_from_ym (2026, 8);
  guint n_ids = 0, n_before = 0, n_rows = 0;
  guint counts[DL_N_EVENTS];
  guint largest = 0, n_events = 0;
  gboolean ok = FALSE;

  if (store == NULL)
    goto out;
  g_timer_start (timer);
  if (!dl_store_fill_sample (store, n_members, 3, dl_day_from_ymd (2026, 12, 4), NULL, error))
    goto out;
  ids = read_member_ids (store, &n_ids);
  rows = g_new (DlPeriodRow, n_ids);
  before = g_new (DlPeriodRow, n_ids);

  /* August to November, the months before */
  for (guint k = 0; k < HISTORY; k++, period++)
    {
      n_rows = next_month (rows, k == 0 ? NULL : before, n_before, ids, n_ids, rand);
      if (!write_month_plain (store, period, rows, n_rows, error))
        goto out;
      memcpy (before, rows, n_rows * sizeof (DlPeriodRow));
      n_before = n_rows;
    }
  printf ("a sample business of %u members and %u months of figures, made in %.1f s\n",
          n_ids, HISTORY, g_timer_elapsed (timer, NULL));

  /* December, January, February: each a month of everyone's figures
   * with its events, as an import of the month writes them */
  for (guint r = 0; r < SAVE_ROUNDS; r++, period++)
    {
      n_rows = next_month (rows, before, n_before, ids, n_ids, rand);
      g_timer_start (timer);
      if (!dl_store_save_period (store, period, rows, n_rows, error))
        goto out;
      add_seconds (save_seconds, timer);
      memcpy (before, rows, n_rows * sizeof (DlPeriodRow));
      n_before = n_rows;
    }
  period--;
  printf ("%u members in the month\n", n_rows);
  report ("store: save a month's figures with its events", save_seconds);

  /* the events of the last of them, worked out again from the store
   * into a month that has none (cleared first, not timed) */
  for (guint r = 0; r < ROUNDS; r++)
    {
      char iso[8], *sql;

      dl_period_format (period, iso);
      sql = g_strdup_printf ("DELETE FROM event WHERE period = '%s'", iso);
      if (!dl_store_exec (store, sql, error))
        {
          g_free (sql);
          goto out;
        }
      g_free (sql);
      g_timer_start (timer);
      if (!dl_store_update_events (store, period, error))
        goto out;
      add_seconds (events_seconds, timer);
    }
  *events_median = bench_median (events_seconds);

  /* the import's summary of that month: one count by type, then the
   * first page of names of the largest type, as opening its row reads
   * them */
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GArray) people = NULL;

      g_timer_start (timer);
      if (!dl_store_count_events (store, period, counts, error))
        goto out;
      largest = 0;
      for (guint t = 0; t < DL_N_EVENTS; t++)
        if (counts[t] > counts[largest])
          largest = t;
      people = dl_store_get_event_people (store, period, (DlEventType) largest, 0, 50, error);
      if (people == NULL)
        goto out;
      add_seconds (summary_seconds, timer);
    }
  for (guint t = 0; t < DL_N_EVENTS; t++)
    n_events += counts[t];
  printf ("%u events in the month; the most: %s, %u\n", n_events,
          dl_event_type_to_string ((DlEventType) largest), counts[largest]);
  report ("store: the events of a month against the months before (target 1000 ms)", events_seconds);
  report ("store: a month's counts by type and 50 names of the largest", summary_seconds);
  ok = TRUE;

out:
  if (store != NULL)
    dl_store_close (store);
  bench_remove_dir (dir);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GArray) core = g_array_new (FALSE, FALSE, sizeof (double));
  DlFigures *months[HISTORY];
  DlPeriodFigures history[HISTORY];
  guint64 n = 1000000;
  guint n_events = 0;
  double events_median = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 2, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-events: %s\n", error->message);
      return 2;
    }

  for (guint k = 0; k < HISTORY; k++)
    {
      months[k] = g_new (DlFigures, n);
      history[k].period = dl_period_from_ym (2026, 11) - (DlPeriod) k;
      history[k].figures = months[k];
      history[k].n_figures = (guint) n;
      history[k].pv_by_before = NULL;
      for (guint i = 0; i < n; i++)
        {
          months[k][i].member_id = i + 1;
          months[k][i].status = g_rand_int_range (rand, 0, 20) == 0 ? DL_FIGURE_INACTIVE : DL_FIGURE_ACTIVE;
          months[k][i].rank_level = (gint16) (10 * g_rand_int_range (rand, 1, 6));
          months[k][i].autoship = (gint8) (g_rand_int_range (rand, 0, 10) < 7);
          months[k][i].pv = g_rand_double_range (rand, 0, 200);
          months[k][i].joined = DL_PERIOD_NONE;
        }
    }

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GArray) events = g_array_sized_new (FALSE, FALSE, sizeof (DlEvent), (guint) (n / 2));

      g_timer_start (timer);
      n_events = dl_events_compute (history, HISTORY, events);
      add_seconds (core, timer);
    }
  printf ("core: %" G_GUINT64_FORMAT " members of random figures, %u events\n", n, n_events);
  report ("core: events of one month against three before", core);
  for (guint k = 0; k < HISTORY; k++)
    g_free (months[k]);

  if (!bench_store ((guint) n, rand, timer, &events_median, &error))
    {
      fprintf (stderr, "bench-events: %s\n", error->message);
      return 1;
    }

  return events_median <= TARGET_SECONDS ? 0 : 1;
}

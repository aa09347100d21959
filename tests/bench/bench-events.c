/* bench-events.c — the events of a month against the months before
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three figures: the core pass alone over N members (default 1,000,000)
 * and four months; the store's whole save of one more month of a
 * 100,000-member sample business (write the month, read four months back,
 * work the events out, write them), until the transaction is committed;
 * and what the import's done page reads of such a month (the counts by
 * type, 50 names of the largest type).  Each as the median and the
 * slowest of five rounds.  Target of the back-office issue: the events
 * of a 1M-member month ≤ 1 s.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dl-day.h"
#include "dl-events.h"
#include "dl-store-periods.h"
#include "dl-store-sample.h"

#define ROUNDS 5
#define TARGET_SECONDS 1.0

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double      seconds[ROUNDS])
{
  qsort (seconds, ROUNDS, sizeof (double), compare_doubles);
  printf ("%s: median %.1f ms, max %.1f ms\n", what, seconds[ROUNDS / 2] * 1e3, seconds[ROUNDS - 1] * 1e3);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GTimer) timer = g_timer_new ();
  DlFigures *months[4];
  DlPeriodFigures history[4];
  double core[ROUNDS], store_seconds[ROUNDS];
  guint64 n = 1000000;
  guint n_events = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 2, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-events: %s\n", error->message);
      return 2;
    }

  for (guint k = 0; k < 4; k++)
    {
      months[k] = g_new (DlFigures, n);
      history[k].period = dl_period_from_ym (2026, 11) - (DlPeriod) k;
      history[k].figures = months[k];
      history[k].n_figures = (guint) n;
      for (guint i = 0; i < n; i++)
        {
          months[k][i].member_id = i + 1;
          months[k][i].status = g_rand_int_range (rand, 0, 20) == 0 ? DL_FIGURE_INACTIVE : DL_FIGURE_ACTIVE;
          months[k][i].rank_level = (gint16) (10 * g_rand_int_range (rand, 1, 6));
          months[k][i].autoship = (gint8) (g_rand_int_range (rand, 0, 10) < 7);
          months[k][i].pv = g_rand_double_range (rand, 0, 200);
        }
    }

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GArray) events = g_array_sized_new (FALSE, FALSE, sizeof (DlEvent), (guint) (n / 2));

      g_timer_start (timer);
      n_events = dl_events_compute (history, 4, events);
      core[r] = g_timer_elapsed (timer, NULL);
    }
  printf ("%" G_GUINT64_FORMAT " members, %u events\n", n, n_events);
  report ("core: events of one month against three before", core);

  {
    g_autofree char *dir = g_dir_make_tmp ("bench-events-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
    g_autoptr(DlStore) store = dl_store_open (path, &error);
    g_autofree DlPeriodRow *rows = g_new (DlPeriodRow, 100000);

    if (store == NULL ||
        !dl_store_fill_sample (store, 100000, 3, dl_day_from_ymd (2026, 12, 4), NULL, &error))
      {
        fprintf (stderr, "bench-events: %s\n", error->message);
        return 1;
      }
    /* December for everyone who had figures in November, each round a
     * new month after the last */
    for (guint r = 0; r < ROUNDS; r++)
      {
        for (guint i = 0; i < 100000; i++)
          {
            rows[i].member_id = i + 2;
            rows[i].status = g_rand_int_range (rand, 0, 20) == 0 ? DL_FIGURE_INACTIVE : DL_FIGURE_ACTIVE;
            rows[i].paid_rank = NULL;
            rows[i].pv = g_rand_double_range (rand, 0, 200);
            rows[i].gv = NAN;
            rows[i].autoship = (gint8) (g_rand_int_range (rand, 0, 10) < 7);
          }
        g_timer_start (timer);
        if (!dl_store_save_period (store, dl_period_from_ym (2026, 12) + (DlPeriod) r, rows, 100000, &error))
          {
            fprintf (stderr, "bench-events: %s\n", error->message);
            return 1;
          }
        store_seconds[r] = g_timer_elapsed (timer, NULL);
      }
    report ("store: save one month of 100,000 members with its events", store_seconds);

    /* the import's summary of the last of those months: one count by
     * type, then the first page of names of the largest type, as
     * opening its row reads them */
    {
      DlPeriod last = dl_period_from_ym (2026, 12) + (DlPeriod) (ROUNDS - 1);
      double summary[ROUNDS];
      guint counts[DL_N_EVENTS];
      guint largest = 0;

      for (guint r = 0; r < ROUNDS; r++)
        {
          g_autoptr(GArray) people = NULL;

          g_timer_start (timer);
          if (!dl_store_count_events (store, last, counts, &error))
            {
              fprintf (stderr, "bench-events: %s\n", error->message);
              return 1;
            }
          for (guint t = 0; t < DL_N_EVENTS; t++)
            if (counts[t] > counts[largest])
              largest = t;
          people = dl_store_get_event_people (store, last, (DlEventType) largest, 0, 50, &error);
          if (people == NULL)
            {
              fprintf (stderr, "bench-events: %s\n", error->message);
              return 1;
            }
          summary[r] = g_timer_elapsed (timer, NULL);
        }
      printf ("largest type: %s, %u events\n", dl_event_type_to_string ((DlEventType) largest), counts[largest]);
      report ("store: a month's counts by type and 50 names of the largest", summary);
    }
    dl_store_close (store);
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  }

  for (guint k = 0; k < 4; k++)
    g_free (months[k]);

  return core[ROUNDS / 2] <= TARGET_SECONDS ? 0 : 1;
}

/* bench-search.c — Ctrl+K's search, a keystroke at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-search [MEMBERS] [DB]   (default 1,000,000; target 50 ms)
 * A sample business of MEMBERS members on a real file (or DB, an
 * existing Downline file, used as it is), its search index built
 * (timed), then searches typed a character at a time as the search
 * window runs them (dl_store_search, 50 results): names of real people
 * in the file, a member number, an e-mail, a phone's digits, a city and
 * words of notes.  Prints the median, 95th percentile and worst
 * keystroke; the target is every keystroke within 50 ms.
 */

#include "config.h"

#include "bench-common.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-day.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-search.h"

#define TARGET_SECONDS 0.050
#define RESULTS 50

static char *
query_text (DlStore    *store,
            const char *sql)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (store, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Types text into the search one character at a time. */
static gboolean
type_out (DlStore    *store,
          const char *text,
          GArray     *times,
          double     *worst,
          char      **worst_text)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  for (const char *end = g_utf8_next_char (text); ; end = g_utf8_next_char (end))
    {
      g_autofree char *typed = g_strndup (text, end - text);
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GError) error = NULL;
      double t;

      g_timer_start (timer);
      hits = dl_store_search (store, typed, RESULTS, NULL, &error);
      t = g_timer_elapsed (timer, NULL);
      if (hits == NULL)
        {
          fprintf (stderr, "bench-search: “%s”: %s\n", typed, error->message);
          return FALSE;
        }
      g_array_append_val (times, t);
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        printf ("  %6.1f ms  %u found  “%s”\n", t * 1000, hits->len, typed);
      if (t > *worst)
        {
          *worst = t;
          g_free (*worst_text);
          *worst_text = g_strdup (typed);
        }
      if (*end == '\0')
        break;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *worst_text = NULL;
  const char *samples[] = {
    "SELECT first_name || ' ' || last_name FROM person WHERE id = (SELECT max (id) / 2 FROM person)",
    "SELECT first_name || ' ' || substr (last_name, 1, 3) FROM person WHERE id = (SELECT max (id) / 3 FROM person)",
    "SELECT last_name FROM person WHERE id = (SELECT max (id) / 5 FROM person)",
    "SELECT member_number FROM member WHERE person_id = (SELECT max (person_id) * 2 / 3 FROM member)",
    "SELECT email FROM person WHERE email <> '' AND id > (SELECT max (id) / 4 FROM person) LIMIT 1",
    "SELECT phone FROM person WHERE phone <> '' AND id > (SELECT max (id) * 3 / 4 FROM person) LIMIT 1",
    "SELECT city FROM person WHERE city <> '' AND id > (SELECT max (id) / 7 FROM person) LIMIT 1",
    "SELECT substr (notes, 1, 24) FROM person WHERE notes <> '' AND id > (SELECT max (id) / 2 FROM person) LIMIT 1",
  };
  guint64 n = 1000000;
  double build_time, median, p95, worst = 0;
  gint64 pending;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-search: %s\n", error->message);
      return 2;
    }

  if (argc > 2)
    path = g_strdup (argv[2]);
  else
    {
      DlSampleSummary summary;

      dir = g_dir_make_tmp ("bench-search-XXXXXX", &error);
      path = g_build_filename (dir, "bench.db", NULL);
      store = dl_store_open (path, &error);
      if (store == NULL || !dl_store_fill_sample (store, (guint) n, 5, dl_day_today (), &summary, &error))
        {
          fprintf (stderr, "bench-search: %s\n", error->message);
          return 1;
        }
      g_clear_object (&store);
    }

  store = dl_store_open (path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-search: %s\n", error->message);
      return 1;
    }

  pending = dl_store_search_pending (store);
  g_timer_start (timer);
  if (!dl_store_search_catch_up (store, -1, &error))
    {
      fprintf (stderr, "bench-search: %s\n", error->message);
      return 1;
    }
  build_time = g_timer_elapsed (timer, NULL);
  printf ("bench-search: indexed %" G_GINT64_FORMAT " people in %.2f s\n", pending, build_time);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      char *text = query_text (store, samples[i]);

      if (text != NULL)
        g_ptr_array_add (texts, text);
    }
  /* the one-letter start of every search is the hardest: all of them */
  g_ptr_array_add (texts, g_strdup ("a e"));

  for (guint i = 0; i < texts->len; i++)
    if (!type_out (store, texts->pdata[i], times, &worst, &worst_text))
      return 1;

  median = bench_median (times);
  p95 = g_array_index (times, double, (guint) (times->len * 95 / 100));
  printf ("bench-search: %u keystrokes over %u searches in %" G_GUINT64_FORMAT " members: "
          "median %.1f ms, p95 %.1f ms, worst %.1f ms (“%s”); target %.0f ms\n",
          times->len, texts->len, n, median * 1000, p95 * 1000, worst * 1000, worst_text,
          TARGET_SECONDS * 1000);

  g_clear_object (&store);
  if (dir != NULL)
    bench_remove_dir (dir);
  return worst <= TARGET_SECONDS ? 0 : 1;
}

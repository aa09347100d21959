/* bench-insights.c — every Insights figure of a million members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-insights [MEMBERS]   (default 1000000)
 *
 * A downline of MEMBERS members and a synthetic history of them over 18
 * months (the risk tests' generator), then dl_insights_data_new ():
 * cohorts, growth, duplication and the active count, which the view
 * works out in its worker thread before the first paint.  Target 300 ms,
 * best of three.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-day.h"
#include "dl-insights-data.h"
#include "../dl-test-risk-history.h"

#define TARGET_SECONDS 0.300

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlTestRiskHistory) history = NULL;
  g_autoptr(DlTreeBuilder) builder = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GTimer) timer = g_timer_new ();
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  guint64 n = 1000000;
  double best = G_MAXDOUBLE;
  guint n_cohorts = 0, n_lines = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 100, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-insights: %s\n", error->message);
      return 2;
    }

  history = dl_test_risk_history_new ((guint) n, 18, -3.5, 42);
  builder = dl_tree_builder_new (n + 1);
  for (guint i = 0; i <= n; i++)
    {
      DlTreeNode row = { 0, };

      row.person_id = i + 1;
      row.sponsor_id = i == 0 ? 0 : g_rand_int_range (rand, 1, MIN (i + 1, 2 + i / 50));
      row.name = "Member";
      row.status = g_rand_int_range (rand, 0, 10) < 7 ? DL_MEMBER_ACTIVE : DL_MEMBER_INACTIVE;
      row.joined_on = today - g_rand_int_range (rand, 0, 2000);
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);

  for (int run = 0; run < 3; run++)
    {
      g_autoptr(DlInsightsData) data = NULL;

      g_timer_start (timer);
      data = dl_insights_data_new (tree, &history->history);
      best = MIN (best, g_timer_elapsed (timer, NULL));
      n_cohorts = data->cohorts->len;
      n_lines = data->duplication->rows->len;
    }

  printf ("insights: %" G_GUINT64_FORMAT " members × 18 months: %.0f ms (target %.0f ms); "
          "%u join months, %u personally enrolled lines\n",
          n, best * 1000, TARGET_SECONDS * 1000, n_cohorts, n_lines);

  return best <= TARGET_SECONDS ? 0 : 1;
}

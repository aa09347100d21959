/* test-pipeline-stats.c — the numbers bar's arithmetic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-day.h"
#include "dl-pipeline-stats.h"

static void
test_follow_up_state (void)
{
  DlDay today = dl_day_from_ymd (2026, 3, 10);

  g_assert_cmpint (dl_pipeline_follow_up_state (DL_DAY_NONE, today), ==, DL_FOLLOW_UP_NONE);
  g_assert_cmpint (dl_pipeline_follow_up_state (today - 1, today), ==, DL_FOLLOW_UP_OVERDUE);
  g_assert_cmpint (dl_pipeline_follow_up_state (today, today), ==, DL_FOLLOW_UP_TODAY);
  g_assert_cmpint (dl_pipeline_follow_up_state (today + 1, today), ==, DL_FOLLOW_UP_LATER);
}

static void
test_joined_shown (void)
{
  DlDay today = dl_day_from_ymd (2026, 3, 10);

  g_assert_true (dl_pipeline_joined_shown (today, today));
  g_assert_true (dl_pipeline_joined_shown (today - 29, today));
  g_assert_false (dl_pipeline_joined_shown (today - 30, today));
  g_assert_true (dl_pipeline_joined_shown (DL_DAY_NONE, today));
}

static void
test_conversion (void)
{
  g_assert_cmpint (dl_pipeline_conversion_percent (0, 0), ==, -1);
  g_assert_cmpint (dl_pipeline_conversion_percent (0, 5), ==, 0);
  g_assert_cmpint (dl_pipeline_conversion_percent (5, 0), ==, 100);
  g_assert_cmpint (dl_pipeline_conversion_percent (1, 2), ==, 33);
  g_assert_cmpint (dl_pipeline_conversion_percent (2, 1), ==, 67);
  g_assert_cmpint (dl_pipeline_conversion_percent (1, 7), ==, 13);  /* 12.5 rounds up */
  g_assert_cmpint (dl_pipeline_conversion_percent (G_MAXUINT, G_MAXUINT), ==, 50);
}

static void
test_forecast (void)
{
  guint counts[] = { 10, 4, 2, 0 };
  guint probability[] = { 5, 25, 60, 100 };

  g_assert_cmpfloat_with_epsilon (dl_pipeline_forecast (counts, probability, 4), 0.5 + 1.0 + 1.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_pipeline_forecast (counts, probability, 0), 0.0, 1e-9);
  /* a probability past 100 % counts as certain, not more */
  probability[0] = 250;
  g_assert_cmpfloat_with_epsilon (dl_pipeline_forecast (counts, probability, 1), 10.0, 1e-9);
}

static void
test_default_revisit (void)
{
  g_assert_cmpint (dl_pipeline_default_revisit (dl_day_from_ymd (2026, 3, 10)), ==,
                   dl_day_from_ymd (2026, 6, 10));
  g_assert_cmpint (dl_pipeline_default_revisit (dl_day_from_ymd (2026, 11, 30)), ==,
                   dl_day_from_ymd (2027, 2, 28));
  g_assert_cmpint (dl_pipeline_default_revisit (dl_day_from_ymd (2026, 8, 31)), ==,
                   dl_day_from_ymd (2026, 11, 30));
  g_assert_cmpint (dl_pipeline_default_revisit (dl_day_from_ymd (2027, 11, 29)), ==,
                   dl_day_from_ymd (2028, 2, 29));
}

static void
test_days_since (void)
{
  DlDay today = dl_day_from_ymd (2026, 3, 10);

  g_assert_cmpint (dl_pipeline_days_since (DL_DAY_NONE, today), ==, -1);
  g_assert_cmpint (dl_pipeline_days_since (today, today), ==, 0);
  g_assert_cmpint (dl_pipeline_days_since (today - 12, today), ==, 12);
  g_assert_cmpint (dl_pipeline_days_since (today + 2, today), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/pipeline/stats/follow-up-state", test_follow_up_state);
  g_test_add_func ("/pipeline/stats/joined-shown", test_joined_shown);
  g_test_add_func ("/pipeline/stats/conversion", test_conversion);
  g_test_add_func ("/pipeline/stats/forecast", test_forecast);
  g_test_add_func ("/pipeline/stats/default-revisit", test_default_revisit);
  g_test_add_func ("/pipeline/stats/days-since", test_days_since);

  return g_test_run ();
}

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
test_days_left (void)
{
  static const struct { int y, m, d; guint left; } cases[] = {
    { 2026, 3, 1, 31 },
    { 2026, 3, 31, 1 },
    { 2026, 2, 15, 14 },
    { 2024, 2, 15, 15 },     /* leap year */
    { 2026, 12, 31, 1 },     /* across the year */
    { 2026, 12, 1, 31 },
    { 2026, 4, 30, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (dl_pipeline_days_left_in_month (dl_day_from_ymd (cases[i].y, cases[i].m, cases[i].d)),
                      ==, cases[i].left);
}

static void
test_forecast_month (void)
{
  static const struct
  {
    const char      *what;
    DlForecastStage  stage;
    int              y, m, d;
    double           expected;
    guint            from_history;
  } cases[] = {
    /* no history: the stage default; 30-day default time to join */
    { "default, whole month left",  { 10, 20, 0, 0, -1 }, 2026, 3, 1, 10 * 0.20, 0 },
    { "default, 15 of 30 days",     { 10, 20, 0, 0, -1 }, 2026, 4, 16, 10 * 0.20 * 15 / 30.0, 0 },
    { "default, last day",          { 10, 20, 0, 0, -1 }, 2026, 4, 30, 10 * 0.20 / 30.0, 0 },
    /* nine decided is not enough: still the default */
    { "9 decided is too few",       { 10, 20, 9, 9, 5 }, 2026, 3, 1, 10 * 0.20, 0 },
    /* ten decided, half joined, in 5 days on average: counts fully
     * while 5 days or more are left */
    { "history, fast joiners",      { 10, 20, 10, 5, 5 }, 2026, 3, 20, 10 * 0.5, 1 },
    { "history, fast, 2 days left", { 10, 20, 10, 5, 5 }, 2026, 3, 30, 10 * 0.5 * 2 / 5.0, 1 },
    /* slow joiners: 60 days on average, 31 left */
    { "history, slow joiners",      { 4, 50, 20, 5, 60 }, 2026, 3, 1, 4 * 0.25 * 31 / 60.0, 1 },
    /* history where nobody joined: no chance, whatever the default */
    { "history, none joined",       { 8, 40, 12, 0, -1 }, 2026, 3, 1, 0, 1 },
    /* enough history but no time known: the default time */
    { "history, time unknown",      { 10, 0, 10, 10, -1 }, 2026, 3, 17, 10 * 1.0 * 15 / 30.0, 1 },
    /* same-day joiners count as one day */
    { "history, same day",          { 3, 0, 10, 10, 0 }, 2026, 3, 31, 3, 1 },
    { "empty stage",                { 0, 90, 50, 50, 3 }, 2026, 3, 1, 0, 1 },
    { "probability past 100",       { 2, 250, 0, 0, -1 }, 2026, 3, 1, 2, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint from_history = 99;
      double got = dl_pipeline_forecast_month (&cases[i].stage, 1,
                                               dl_day_from_ymd (cases[i].y, cases[i].m, cases[i].d),
                                               &from_history);

      g_test_message ("%s", cases[i].what);
      g_assert_cmpfloat_with_epsilon (got, cases[i].expected, 1e-9);
      g_assert_cmpuint (from_history, ==, cases[i].from_history);
    }

  /* stages add up */
  {
    DlForecastStage stages[] = { { 10, 20, 0, 0, -1 }, { 10, 20, 10, 5, 5 } };
    guint n = 0;

    g_assert_cmpfloat_with_epsilon (dl_pipeline_forecast_month (stages, 2, dl_day_from_ymd (2026, 3, 1), &n),
                                    2.0 + 5.0, 1e-9);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpfloat_with_epsilon (dl_pipeline_forecast_month (stages, 0, dl_day_from_ymd (2026, 3, 1), NULL),
                                    0, 1e-9);
  }
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
  g_test_add_func ("/pipeline/stats/days-left", test_days_left);
  g_test_add_func ("/pipeline/stats/forecast-month", test_forecast_month);
  g_test_add_func ("/pipeline/stats/default-revisit", test_default_revisit);
  g_test_add_func ("/pipeline/stats/days-since", test_days_since);

  return g_test_run ();
}

/* test-insights.c — cohorts, growth, duplication and income, worked by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "dl-insights.h"

#define A DL_FIGURE_ACTIVE
#define I DL_FIGURE_INACTIVE
#define T DL_FIGURE_TERMINATED
#define U DL_HISTORY_STATUS_UNKNOWN

/* Six months, January to June 2026, of four members:
 *   m0 joined 10 Jan 2026: A A A A A A
 *   m1 joined 20 Jan 2026: A A I I T T
 *   m2 joined  5 Feb 2026: – A A I A A
 *   m3 joined  1 Dec 2025: A I I I I I */
static const guint8 status[6 * 4] = {
  A, A, U, A,
  A, A, A, I,
  A, I, A, I,
  A, I, I, I,
  A, T, A, I,
  A, T, A, I,
};

static DlHistoryMember members[4];
static guint32 contact_start[5];
static guint8 signals[6 * 4];

static DlHistory
history (void)
{
  DlHistory h = {
    dl_period_from_ym (2026, 1), 6, 4, members, status, signals, contact_start, NULL,
  };

  members[0] = (DlHistoryMember) { 10, G_MAXUINT32, dl_day_from_ymd (2026, 1, 10), 0, 1 };
  members[1] = (DlHistoryMember) { 11, G_MAXUINT32, dl_day_from_ymd (2026, 1, 20), 0, 1 };
  members[2] = (DlHistoryMember) { 12, G_MAXUINT32, dl_day_from_ymd (2026, 2, 5), 0, 1 };
  members[3] = (DlHistoryMember) { 13, G_MAXUINT32, dl_day_from_ymd (2025, 12, 1), 0, 1 };
  return h;
}

static void
check_cohort (const GArray *cohorts,
              guint         i,
              int           year,
              int           month,
              guint         joined,
              int           after1,
              int           after3,
              int           after6,
              int           after12)
{
  const DlCohort *c = &g_array_index (cohorts, DlCohort, i);

  g_assert_cmpint (c->joined, ==, dl_period_from_ym (year, month));
  g_assert_cmpuint (c->n_joined, ==, joined);
  g_assert_cmpint (c->active_after[0], ==, after1);
  g_assert_cmpint (c->active_after[1], ==, after3);
  g_assert_cmpint (c->active_after[2], ==, after6);
  g_assert_cmpint (c->active_after[3], ==, after12);
}

static void
test_cohorts (void)
{
  DlHistory h = history ();
  g_autoptr(GArray) cohorts = dl_insights_cohorts (&h);
  guint n = 0;

  g_assert_cmpuint (cohorts->len, ==, 3);
  /* December's one member: active in January, inactive by March and June */
  check_cohort (cohorts, 0, 2025, 12, 1, 1, 0, 0, -1);
  /* January's two: both active in February, one in April; July not known */
  check_cohort (cohorts, 1, 2026, 1, 2, 2, 1, -1, -1);
  check_cohort (cohorts, 2, 2026, 2, 1, 1, 1, -1, -1);

  /* after three months: 0 of 1, 1 of 2, 1 of 1 */
  g_assert_cmpfloat_with_epsilon (dl_insights_retention (cohorts, 1, &n), 2 / 4.0, 1e-12);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (dl_insights_retention (cohorts, 2, &n), 0.0, 1e-12);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (isnan (dl_insights_retention (cohorts, 3, &n)));
  g_assert_cmpuint (n, ==, 0);
}

static void
test_growth (void)
{
  DlHistory h = history ();
  g_autoptr(GArray) growth = dl_insights_growth (&h);
  /* joined, inactive, gone, back, active, total per month */
  static const guint expected[6][6] = {
    { 2, 0, 0, 0, 3, 3 },
    { 1, 1, 0, 0, 3, 4 },
    { 0, 1, 0, 0, 2, 4 },
    { 0, 1, 0, 0, 1, 4 },
    { 0, 0, 1, 1, 2, 3 },
    { 0, 0, 0, 0, 2, 3 },
  };
  DlIncomeProjection income;

  g_assert_cmpuint (growth->len, ==, 6);
  for (guint k = 0; k < 6; k++)
    {
      const DlGrowthMonth *g = &g_array_index (growth, DlGrowthMonth, k);

      g_assert_cmpint (g->period, ==, dl_period_from_ym (2026, 1) + (int) k);
      g_assert_cmpuint (g->joined, ==, expected[k][0]);
      g_assert_cmpuint (g->became_inactive, ==, expected[k][1]);
      g_assert_cmpuint (g->terminated, ==, expected[k][2]);
      g_assert_cmpuint (g->reactivated, ==, expected[k][3]);
      g_assert_cmpuint (g->active, ==, expected[k][4]);
      g_assert_cmpuint (g->total, ==, expected[k][5]);
    }

  /* the last three changes of the active count: 0, +100 %, -50 % */
  dl_insights_income (growth, 2, 10.0, &income);
  g_assert_cmpuint (income.growth_months, ==, 3);
  g_assert_cmpfloat_with_epsilon (income.monthly_growth, 0.5 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (income.income_now, 20.0, 1e-12);
  /* 2 × (7/6)^12 = 12.7 */
  g_assert_cmpuint (income.active_in_12, ==, 13);
  g_assert_cmpfloat_with_epsilon (income.income_in_12, 130.0, 1e-12);

  /* no months: today's count, no growth assumed */
  dl_insights_income (NULL, 300, 10.0, &income);
  g_assert_cmpuint (income.growth_months, ==, 0);
  g_assert_cmpfloat (income.income_now, ==, 3000.0);
  g_assert_cmpfloat (income.income_in_12, ==, 3000.0);
}

static void
test_duplication (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (6);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlDuplication) d = NULL;
  /* you → a, b; a → c, d; c → e */
  static const gint64 rows[][2] = { { 1, 0 }, { 2, 1 }, { 3, 1 }, { 4, 2 }, { 5, 2 }, { 6, 4 } };
  const DlDuplicationRow *first, *second;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      DlTreeNode row = { 0, };

      row.person_id = rows[i][0];
      row.sponsor_id = rows[i][1];
      row.name = "X";
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);

  d = dl_insights_duplication (tree);
  g_assert_cmpuint (d->n_members, ==, 5);
  g_assert_cmpuint (d->n_recruiting, ==, 2);
  g_assert_cmpuint (d->levels->len, ==, 3);
  g_assert_cmpuint (g_array_index (d->levels, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (d->levels, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (d->levels, guint, 2), ==, 1);

  g_assert_cmpuint (d->rows->len, ==, 2);
  first = &g_array_index (d->rows, DlDuplicationRow, 0);
  second = &g_array_index (d->rows, DlDuplicationRow, 1);
  g_assert_cmpint (dl_tree_get_node (tree, first->node)->person_id, ==, 2);
  g_assert_cmpuint (first->team_size, ==, 3);
  g_assert_cmpuint (first->generations, ==, 2);
  g_assert_cmpuint (first->n_recruits, ==, 2);
  g_assert_cmpuint (first->n_recruits_recruiting, ==, 1);
  g_assert_cmpint (dl_tree_get_node (tree, second->node)->person_id, ==, 3);
  g_assert_cmpuint (second->team_size, ==, 0);
  g_assert_cmpuint (second->generations, ==, 0);
}

/* Weeks start on Monday; a welcome counts within three days of joining. */
static void
test_welcomes (void)
{
  DlDay monday = dl_day_from_ymd (2026, 11, 30);
  DlHistoryMember people[4] = {
    { 1, G_MAXUINT32, dl_day_from_ymd (2026, 11, 30), 0, 1 },  /* contacted 3 days on */
    { 2, G_MAXUINT32, dl_day_from_ymd (2026, 12, 1), 0, 1 },   /* contacted 4 days on */
    { 3, G_MAXUINT32, dl_day_from_ymd (2026, 12, 8), 0, 1 },   /* contacted the day before joining */
    { 4, G_MAXUINT32, dl_day_from_ymd (2026, 11, 20), 0, 1 },  /* before the weeks */
  };
  guint32 starts[5] = { 0, 1, 2, 3, 4 };
  DlDay days[4] = {
    dl_day_from_ymd (2026, 12, 3), dl_day_from_ymd (2026, 12, 5),
    dl_day_from_ymd (2026, 12, 7), dl_day_from_ymd (2026, 11, 21),
  };
  DlHistory h = { dl_period_from_ym (2026, 11), 0, 4, people, NULL, NULL, starts, days };
  DlEffortWeek weeks[2];

  g_assert_cmpint (dl_insights_week_start (dl_day_from_ymd (2026, 12, 5)), ==, monday);
  g_assert_cmpint (dl_insights_week_start (monday), ==, monday);
  g_assert_cmpint (dl_insights_week_start (dl_day_from_ymd (2026, 12, 6)), ==, monday);

  dl_insights_welcomes (&h, monday, 2, weeks);
  g_assert_cmpint (weeks[1].week_start, ==, monday + 7);
  g_assert_cmpuint (weeks[0].joined, ==, 2);
  g_assert_cmpuint (weeks[0].welcomed, ==, 1);
  g_assert_cmpuint (weeks[1].joined, ==, 1);
  g_assert_cmpuint (weeks[1].welcomed, ==, 0);
}

static void
test_empty (void)
{
  DlHistory h = { 0, };
  g_autoptr(GArray) cohorts = dl_insights_cohorts (&h);
  g_autoptr(GArray) growth = dl_insights_growth (&h);

  g_assert_cmpuint (cohorts->len, ==, 0);
  g_assert_cmpuint (growth->len, ==, 0);
  g_assert_true (isnan (dl_insights_retention (cohorts, 0, NULL)));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/insights/cohorts", test_cohorts);
  g_test_add_func ("/insights/growth-and-income", test_growth);
  g_test_add_func ("/insights/duplication", test_duplication);
  g_test_add_func ("/insights/welcomes", test_welcomes);
  g_test_add_func ("/insights/empty", test_empty);

  return g_test_run ();
}

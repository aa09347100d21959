/* test-risk-model.c — the dropout risk learned from a history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "dl-risk-model.h"
#include "dl-rules.h"
#include "../dl-test-risk-history.h"

static void
test_auc (void)
{
  const double scores[] = { 1, 2, 3, 4 };
  const guint8 outcomes[] = { 0, 1, 0, 1 };
  const double tied[] = { 5, 5, 5 };
  const guint8 mixed[] = { 1, 0, 0 };
  const guint8 none[] = { 0, 0, 0 };

  /* gone {2, 4} against stayed {1, 3}: 2>1, 4>1, 4>3 of four pairs */
  g_assert_cmpfloat_with_epsilon (dl_risk_auc (scores, outcomes, 4), 0.75, 1e-12);
  /* ties count half */
  g_assert_cmpfloat_with_epsilon (dl_risk_auc (tied, mixed, 3), 0.5, 1e-12);
  g_assert_true (isnan (dl_risk_auc (tied, none, 3)));
}

static void
test_expert_score (void)
{
  DlRiskModel model;
  double x[DL_RISK_N_FACTORS] = { 0, };

  dl_risk_model_init_expert (&model, DL_RISK_FALLBACK_NO_HISTORY);
  x[DL_RISK_FACTOR_OVERDUE] = 7 / 14.0;
  /* 25 × 7/14 = 12.5, rounded up as dl-rules counts it */
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, 13);
  x[DL_RISK_FACTOR_OVERDUE] = 14 / 14.0;
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, 25);
  x[DL_RISK_FACTOR_EARLY_TENURE] = 1;
  x[DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = 1;   /* weightless for the expert */
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, 40);
  g_assert_cmpuint (dl_risk_model_points (&model, x, DL_RISK_FACTOR_EARLY_TENURE), ==, 15);
  g_assert_cmpuint (dl_risk_model_points (&model, x, DL_RISK_FACTOR_AUTOSHIP_CANCELLED), ==, 0);
  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    x[f] = 1;
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, 100);
}

static void
test_learned_score (void)
{
  DlRiskModel model;
  double x[DL_RISK_N_FACTORS] = { 0, };

  dl_risk_model_init_expert (&model, DL_RISK_FALLBACK_NONE);
  model.kind = DL_RISK_MODEL_LEARNED;
  memset (model.weights, 0, sizeof model.weights);
  model.intercept = -2;
  model.weights[DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = 2;
  model.weights[DL_RISK_FACTOR_TENURE] = -1;

  /* 100 σ(-2) = 11.9 */
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, 12);
  x[DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = 1;
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, 50);
  /* without the autoship: 12; so it brings 38 */
  g_assert_cmpuint (dl_risk_model_points (&model, x, DL_RISK_FACTOR_AUTOSHIP_CANCELLED), ==, 38);
  x[DL_RISK_FACTOR_TENURE] = 1;
  /* a fact that lowers the risk brings no points */
  g_assert_cmpuint (dl_risk_model_points (&model, x, DL_RISK_FACTOR_TENURE), ==, 0);
}

/* The history's recent months scored by tenure alone: the rule a model
 * must beat to be worth anything. */
static double
tenure_only_auc (const DlHistory *h)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GByteArray) gone = g_byte_array_new ();
  guint last = h->n_periods - DL_RISK_HORIZON_MONTHS - 1;

  for (guint k = last + 1 - DL_RISK_VALIDATION_MONTHS; k <= last; k++)
    for (guint m = 0; m < h->n_members; m++)
      {
        double x[DL_RISK_N_FACTORS], score;
        guint8 y;

        if (!dl_risk_history_features (h, m, k, x))
          continue;
        score = 1.0 - x[DL_RISK_FACTOR_TENURE];
        y = dl_risk_history_gone (h, m, k);
        g_array_append_val (scores, score);
        g_byte_array_append (gone, &y, 1);
      }
  return dl_risk_auc ((double *) (gpointer) scores->data, gone->data, scores->len);
}

/* A history of more member-months than the examples allowed is learned
 * from a sample of the members (a million members' year was 600 MB of
 * examples): no more examples than allowed, far fewer than all, and
 * the mechanism still found; within the allowance, every one. */
static void
test_learns_from_a_sample (void)
{
  g_autoptr(DlTestRiskHistory) t = dl_test_risk_history_new (6000, 18, -3.5, 7);
  DlRiskModel all, sample, again;

  dl_risk_learn (&t->history, 1.0, &all);
  dl_risk_learn_at_most (&t->history, 1.0, (guint) 6000 * 18, &again);
  g_assert_cmpuint (again.n_examples, ==, all.n_examples);

  dl_risk_learn_at_most (&t->history, 1.0, 40000, &sample);
  g_assert_cmpuint (sample.n_examples, <=, 40000);
  g_assert_cmpuint (sample.n_examples, <, all.n_examples * 2 / 3);
  g_assert_cmpuint (sample.n_examples, >, all.n_examples / 4);
  g_assert_cmpint (sample.kind, ==, DL_RISK_MODEL_LEARNED);
  g_assert_cmpfloat (sample.weights[DL_RISK_FACTOR_AUTOSHIP_CANCELLED], >, 0);
  g_assert_cmpfloat (sample.weights[DL_RISK_FACTOR_TENURE], <, 0);
  g_assert_cmpfloat (sample.auc, >, 0.6);
}

static void
test_learns_the_mechanism (void)
{
  g_autoptr(DlTestRiskHistory) t = dl_test_risk_history_new (6000, 18, -3.5, 7);
  const double *w;
  DlRiskModel model;
  double tenure_auc;

  dl_risk_learn (&t->history, 1.0, &model);
  w = model.weights;

  g_assert_cmpint (model.kind, ==, DL_RISK_MODEL_LEARNED);
  g_assert_cmpint (model.fallback, ==, DL_RISK_FALLBACK_NONE);
  g_assert_cmpuint (model.n_outcomes, >=, DL_RISK_MIN_OUTCOMES);
  g_assert_cmpuint (model.n_periods, ==, 18);

  /* the signs of the mechanism */
  g_assert_cmpfloat (w[DL_RISK_FACTOR_AUTOSHIP_CANCELLED], >, 0);
  g_assert_cmpfloat (w[DL_RISK_FACTOR_VOLUME_DROP], >, 0);
  g_assert_cmpfloat (w[DL_RISK_FACTOR_EARLY_TENURE], >, 0);
  g_assert_cmpfloat (w[DL_RISK_FACTOR_TENURE], <, 0);
  /* and their order: autoship first, then the first months, then volume */
  g_assert_cmpfloat (w[DL_RISK_FACTOR_AUTOSHIP_CANCELLED], >, w[DL_RISK_FACTOR_EARLY_TENURE]);
  g_assert_cmpfloat (w[DL_RISK_FACTOR_EARLY_TENURE], >, w[DL_RISK_FACTOR_VOLUME_DROP]);
  /* what plays no part stays small */
  g_assert_cmpfloat (fabs (w[DL_RISK_FACTOR_RANK_LOST]), <, w[DL_RISK_FACTOR_VOLUME_DROP] / 2);
  g_assert_cmpfloat (fabs (w[DL_RISK_FACTOR_NO_ACTIVITY]), <, w[DL_RISK_FACTOR_VOLUME_DROP] / 2);

  /* it predicts the months it never saw better than tenure alone and
   * than the expert points */
  tenure_auc = tenure_only_auc (&t->history);
  g_test_message ("auc %.3f, expert %.3f, tenure only %.3f", model.auc, model.expert_auc, tenure_auc);
  g_assert_cmpfloat (model.auc, >, tenure_auc);
  g_assert_cmpfloat (model.auc, >, model.expert_auc);
  g_assert_cmpfloat (model.auc, ==, model.fitted_auc);

  /* high risk means more people gone than low risk, and the deciles rise */
  g_assert_cmpuint (model.n_deciles, ==, 10);
  g_assert_cmpfloat (model.deciles[9].observed, >, model.deciles[0].observed);
  g_assert_cmpfloat (model.deciles[9].predicted, >, model.deciles[0].predicted);
  if (model.n_high > 0)
    g_assert_cmpfloat (model.high_gone, >, model.low_gone);
}

static void
test_fallbacks (void)
{
  g_autoptr(DlTestRiskHistory) few = dl_test_risk_history_new (150, 18, -6.0, 3);
  g_autoptr(DlTestRiskHistory) short_history = dl_test_risk_history_new (2000, 5, -3.5, 3);
  DlHistory empty = { 0, };
  DlRiskModel model;
  g_autofree char *words = NULL;
  double x[DL_RISK_N_FACTORS] = { 0, };

  dl_risk_learn (&empty, 1.0, &model);
  g_assert_cmpint (model.kind, ==, DL_RISK_MODEL_EXPERT);
  g_assert_cmpint (model.fallback, ==, DL_RISK_FALLBACK_NO_HISTORY);
  words = dl_risk_model_describe (&model);
  g_assert_cmpstr (words, ==, "expert (no history)");
  g_clear_pointer (&words, g_free);

  dl_risk_learn (&short_history->history, 1.0, &model);
  g_assert_cmpint (model.fallback, ==, DL_RISK_FALLBACK_FEW_MONTHS);
  words = dl_risk_model_describe (&model);
  g_assert_cmpstr (words, ==, "expert (too few months: 5 of 7)");
  g_clear_pointer (&words, g_free);

  dl_risk_learn (&few->history, 1.0, &model);
  g_assert_cmpint (model.kind, ==, DL_RISK_MODEL_EXPERT);
  g_assert_cmpint (model.fallback, ==, DL_RISK_FALLBACK_FEW_OUTCOMES);
  g_assert_cmpuint (model.n_outcomes, <, DL_RISK_MIN_OUTCOMES);
  /* the expert points are in use, and the figures are theirs */
  x[DL_RISK_FACTOR_EARLY_TENURE] = 1;
  g_assert_cmpuint (dl_risk_model_score (&model, x), ==, DL_RISK_WEIGHT_EARLY_TENURE);
  g_assert_cmpfloat (model.auc, ==, model.expert_auc);
}

static void
test_gone (void)
{
  DlHistoryMember members[3] = {
    { 1, G_MAXUINT32, 0, 0, 1 }, { 2, G_MAXUINT32, 0, 0, 1 }, { 3, G_MAXUINT32, 0, 0, 1 },
  };
  /* months 0..5 of three members: dropped in month 2; inactive from
   * month 3 and back in month 5; inactive from month 3 for good */
  const guint8 A = DL_FIGURE_ACTIVE, I = DL_FIGURE_INACTIVE, T = DL_FIGURE_TERMINATED;
  const guint8 status[6 * 3] = {
    A, A, A,
    A, A, A,
    T, A, A,
    T, I, I,
    T, I, I,
    T, A, I,
  };
  guint8 signals[6 * 3] = { 0, };
  guint32 contact_start[4] = { 0, 0, 0, 0 };
  DlHistory h = {
    dl_period_from_ym (2026, 1), 6, 3, members, status, signals, contact_start, NULL,
  };

  for (guint m = 0; m < 3; m++)
    members[m].joined_on = dl_day_from_ymd (2024, 1, 1);

  g_assert_true (dl_risk_history_gone (&h, 0, 0));
  g_assert_false (dl_risk_history_gone (&h, 1, 0));
  g_assert_true (dl_risk_history_gone (&h, 2, 0));
  g_assert_true (dl_risk_history_gone (&h, 2, 1));
  g_assert_false (dl_risk_history_gone (&h, 1, 2));
}

static void
test_text_round_trip (void)
{
  g_autoptr(DlTestRiskHistory) t = dl_test_risk_history_new (3000, 14, -3.5, 11);
  g_autofree char *text = NULL;
  DlRiskModel model, back;

  dl_risk_learn (&t->history, 1.0, &model);
  g_assert_cmpint (model.kind, ==, DL_RISK_MODEL_LEARNED);
  text = dl_risk_model_to_text (&model);
  g_assert_true (dl_risk_model_from_text (&back, text));
  g_assert_cmpint (back.kind, ==, model.kind);
  g_assert_cmpfloat (back.intercept, ==, model.intercept);
  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    g_assert_cmpfloat (back.weights[f], ==, model.weights[f]);
  g_assert_cmpfloat (back.auc, ==, model.auc);
  g_assert_cmpuint (back.n_deciles, ==, 10);
  g_assert_cmpfloat (back.deciles[4].observed, ==, model.deciles[4].observed);
  g_assert_cmpint (back.fitted_to, ==, model.fitted_to);

  /* damaged text changes nothing */
  back.intercept = 42;
  g_assert_false (dl_risk_model_from_text (&back, "kind learned\nintercept x\n"));
  g_assert_false (dl_risk_model_from_text (&back, "kind maybe\n"));
  g_assert_false (dl_risk_model_from_text (&back, "intercept 1\n"));
  /* a learned kind must not claim a fallback */
  g_assert_false (dl_risk_model_from_text (&back, "kind learned\nfallback 3\n"));
  g_assert_cmpfloat (back.intercept, ==, 42);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/risk-model/auc", test_auc);
  g_test_add_func ("/risk-model/expert-score", test_expert_score);
  g_test_add_func ("/risk-model/learned-score", test_learned_score);
  g_test_add_func ("/risk-model/gone", test_gone);
  g_test_add_func ("/risk-model/learns-the-mechanism", test_learns_the_mechanism);
  g_test_add_func ("/risk-model/learns-from-a-sample", test_learns_from_a_sample);
  g_test_add_func ("/risk-model/fallbacks", test_fallbacks);
  g_test_add_func ("/risk-model/text-round-trip", test_text_round_trip);

  return g_test_run ();
}

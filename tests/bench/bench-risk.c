/* bench-risk.c — learning the dropout risk, and scoring with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-risk [MEMBERS]   (default 100000)
 *
 * Fitting: a synthetic history of MEMBERS members over 18 months (the
 * generator of the tests, with a known mechanism), then dl_risk_learn
 * times reading it into examples, the fit and the check.  Target 5 s,
 * the "18 monthly snapshots of 100,000 members".
 *
 * Scoring: a downline of 1,000,000 members carrying the learned model
 * and back-office signals; dl_rules_risk_score over every member, as the
 * tree's colouring and the day plan do.  Target 200 ms.  Best of three
 * for each.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-day.h"
#include "dl-rules.h"
#include "../dl-test-risk-history.h"

#define FIT_TARGET_SECONDS   5.0
#define SCORE_TARGET_SECONDS 0.200
#define SCORE_MEMBERS        1000000

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
  DlCadence cadence = DL_CADENCE_INIT;
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  DlRiskModel model;
  guint64 n = 100000;
  double fit_best = G_MAXDOUBLE, score_best = G_MAXDOUBLE;
  guint64 sum = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 100, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-risk: %s\n", error->message);
      return 2;
    }

  history = dl_test_risk_history_new ((guint) n, 18, -3.5, 42);
  for (int run = 0; run < 3; run++)
    {
      g_timer_start (timer);
      dl_risk_learn (&history->history, 1.0, &model);
      fit_best = MIN (fit_best, g_timer_elapsed (timer, NULL));
    }
  printf ("fit: %" G_GUINT64_FORMAT " members × 18 months: %.0f ms (target %.0f ms); "
          "%u examples, %u gone, auc %.3f (expert %.3f), model %s\n",
          n, fit_best * 1000, FIT_TARGET_SECONDS * 1000, model.n_examples, model.n_outcomes,
          model.auc, model.expert_auc, model.kind == DL_RISK_MODEL_LEARNED ? "learned" : "expert");

  builder = dl_tree_builder_new (SCORE_MEMBERS);
  for (guint i = 1; i <= SCORE_MEMBERS; i++)
    {
      DlTreeNode row = { 0, };

      row.person_id = i;
      row.sponsor_id = i == 1 ? 0 : g_rand_int_range (rand, 1, MIN (i, 2 + i / 50));
      row.name = "Member";
      row.status = g_rand_int_range (rand, 0, 10) == 0 ? DL_MEMBER_INACTIVE : DL_MEMBER_ACTIVE;
      row.joined_on = today - g_rand_int_range (rand, 0, 2000);
      row.last_activity = today - g_rand_int_range (rand, 0, 120);
      if (g_rand_boolean (rand))
        row.last_contact = today - g_rand_int_range (rand, 0, 90);
      row.signals = g_rand_int_range (rand, 0, 8) == 0 ? DL_RISK_SIGNAL_AUTOSHIP_CANCELLED : 0;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  dl_tree_set_risk_model (tree, &model);

  for (int run = 0; run < 3; run++)
    {
      sum = 0;
      g_timer_start (timer);
      for (guint i = 0; i < SCORE_MEMBERS; i++)
        sum += dl_rules_risk_score (tree, i, &cadence, today, NULL);
      score_best = MIN (score_best, g_timer_elapsed (timer, NULL));
    }
  printf ("score: %u members: %.0f ms (target %.0f ms); mean score %.1f\n",
          SCORE_MEMBERS, score_best * 1000, SCORE_TARGET_SECONDS * 1000, sum / (double) SCORE_MEMBERS);

  return fit_best <= FIT_TARGET_SECONDS && score_best <= SCORE_TARGET_SECONDS ? 0 : 1;
}

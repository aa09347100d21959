/* dl-test-risk-history.h — synthetic business histories with a known
 * dropout mechanism, for the risk model's tests and benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Members join over the two years before the history and during it;
 * each active month they may cancel their autoship, see their volume
 * fall, lose a rank or order nothing, at fixed rates.  Whether they are
 * gone the month after follows a logistic hazard of those facts:
 *
 *   logit = base + 2.2 autoship cancelled (this month or the last)
 *                + 1.0 volume falling
 *                + 1.2 first 90 days
 *                - 1.0 tenure (years, up to three, over three)
 *                + N(0, 0.5) noise
 *
 * Rank lost and no volume play no part: a model that learns should find
 * the first three positive, tenure negative, autoship the strongest.
 */

#pragma once

#include <math.h>
#include <string.h>

#include "dl-risk-model.h"

typedef struct
{
  DlHistory  history;
  DlHistoryMember  *members;
  guint8        *status;
  guint8        *signals;
  guint32       *contact_start;
  DlDay         *contact_days;
} DlTestRiskHistory;

static inline double
dl_test_gauss (GRand *rand)
{
  double u = g_rand_double_range (rand, 1e-12, 1.0), v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2 * G_PI * v);
}

/* base sets how many leave: -3.5 loses a few per cent a month. */
static inline DlTestRiskHistory *
dl_test_risk_history_new (guint    n_members,
                          guint    n_periods,
                          double   base,
                          guint32  seed)
{
  DlTestRiskHistory *t = g_new0 (DlTestRiskHistory, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  DlPeriod first = dl_period_from_ym (2025, 1);
  gsize cells = (gsize) n_members * n_periods;
  GArray *contacts = g_array_new (FALSE, FALSE, sizeof (DlDay));

  t->members = g_new0 (DlHistoryMember, n_members);
  t->status = g_new (guint8, cells);
  t->signals = g_new0 (guint8, cells);
  t->contact_start = g_new (guint32, n_members + 1);
  memset (t->status, DL_HISTORY_STATUS_UNKNOWN, cells);

  for (guint m = 0; m < n_members; m++)
    {
      DlHistoryMember *member = &t->members[m];
      int join_period = first - 24 + g_rand_int_range (rand, 0, 24 + (gint32) n_periods);
      gboolean gone = FALSE;
      guint8 last_signals = 0;

      member->member_id = m + 2;
      member->sponsor = m > 0 && g_rand_int_range (rand, 0, 4) > 0
                        ? (guint32) g_rand_int_range (rand, 0, (gint32) m) : G_MAXUINT32;
      member->joined_on = dl_day_from_ymd (join_period / 12, join_period % 12 + 1,
                                           g_rand_int_range (rand, 1, 29));
      member->cadence_days = member->sponsor == G_MAXUINT32 ? 30 : 0;
      member->distributor = g_rand_int_range (rand, 0, 3) > 0;

      t->contact_start[m] = contacts->len;
      if (member->cadence_days > 0)
        for (DlDay d = member->joined_on + g_rand_int_range (rand, 1, 40);
             d < dl_day_from_ymd ((first + (int) n_periods) / 12, (first + (int) n_periods) % 12 + 1, 1);
             d += g_rand_int_range (rand, 10, 60))
          g_array_append_val (contacts, d);

      for (guint k = 0; k < n_periods; k++)
        {
          gsize at = (gsize) k * n_members + m;
          DlPeriod period = first + (DlPeriod) k;
          gint32 tenure;
          double logit;
          guint8 s = 0;

          if (period < join_period)
            continue;
          if (gone)
            {
              t->status[at] = t->status[at - n_members];
              continue;
            }
          t->status[at] = DL_FIGURE_ACTIVE;

          if (g_rand_double (rand) < 0.06)
            s |= DL_RISK_SIGNAL_AUTOSHIP_CANCELLED;
          if (g_rand_double (rand) < 0.08)
            s |= DL_RISK_SIGNAL_VOLUME_DROP;
          if (g_rand_double (rand) < 0.05)
            s |= DL_RISK_SIGNAL_RANK_LOST;
          if (g_rand_double (rand) < 0.2)
            s |= DL_RISK_SIGNAL_NO_VOLUME;
          t->signals[at] = s;

          tenure = dl_day_from_ymd ((period + 1) / 12, (period + 1) % 12 + 1, 1) - 1 - member->joined_on;
          logit = base
                  + 2.2 * (((s | last_signals) & DL_RISK_SIGNAL_AUTOSHIP_CANCELLED) != 0)
                  + 1.0 * ((s & DL_RISK_SIGNAL_VOLUME_DROP) != 0)
                  + 1.2 * (tenure < 90)
                  - 1.0 * dl_risk_tenure_feature (tenure)
                  + 0.5 * dl_test_gauss (rand);
          last_signals = s;
          if (g_rand_double (rand) < 1.0 / (1.0 + exp (-logit)))
            {
              gone = TRUE;
              /* gone next month: dropped, or inactive for good */
              if (k + 1 < n_periods)
                {
                  t->status[at + n_members] = g_rand_boolean (rand) ? DL_FIGURE_TERMINATED : DL_FIGURE_INACTIVE;
                  k++;
                }
            }
        }
    }
  t->contact_start[n_members] = contacts->len;
  t->contact_days = (DlDay *) (gpointer) g_array_free (contacts, FALSE);

  t->history.first = first;
  t->history.n_periods = n_periods;
  t->history.n_members = n_members;
  t->history.members = t->members;
  t->history.status = t->status;
  t->history.signals = t->signals;
  t->history.contact_start = t->contact_start;
  t->history.contact_days = t->contact_days;

  return t;
}

static inline void
dl_test_risk_history_free (DlTestRiskHistory *t)
{
  g_free (t->members);
  g_free (t->status);
  g_free (t->signals);
  g_free (t->contact_start);
  g_free (t->contact_days);
  g_free (t);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTestRiskHistory, dl_test_risk_history_free)

/* dl-insights.c — is the business growing, who duplicates, who stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-insights"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "dl-insights.h"

static const guint horizons[DL_INSIGHTS_N_HORIZONS] = { 1, 3, 6, 12 };

guint
dl_insights_horizon (guint index)
{
  g_return_val_if_fail (index < DL_INSIGHTS_N_HORIZONS, 0);

  return horizons[index];
}

/* Whether any export covers month k of the history. */
static gboolean *
known_months (const DlHistory *h)
{
  gboolean *known = g_new0 (gboolean, MAX (h->n_periods, 1));

  for (guint k = 0; k < h->n_periods; k++)
    for (guint m = 0; m < h->n_members && !known[k]; m++)
      known[k] = dl_history_status (h, m, k) != DL_HISTORY_STATUS_UNKNOWN;
  return known;
}

GArray *
dl_insights_cohorts (const DlHistory *h)
{
  GArray *cohorts = g_array_new (FALSE, TRUE, sizeof (DlCohort));
  g_autofree gboolean *known = NULL;
  g_autofree DlCohort *by_month = NULL;
  DlPeriod oldest;
  guint span;

  g_return_val_if_fail (h != NULL, cohorts);

  if (h->n_periods == 0)
    return cohorts;

  /* joined up to twelve months before the first export: their later
   * months may still be in the history */
  oldest = h->first - (DlPeriod) horizons[DL_INSIGHTS_N_HORIZONS - 1];
  span = h->n_periods + horizons[DL_INSIGHTS_N_HORIZONS - 1];
  known = known_months (h);
  by_month = g_new0 (DlCohort, span);

  for (guint m = 0; m < h->n_members; m++)
    {
      DlPeriod joined = dl_period_of_day (h->members[m].joined_on);
      DlCohort *c;

      if (joined == DL_PERIOD_NONE || joined < oldest || joined >= h->first + (DlPeriod) h->n_periods)
        continue;
      c = &by_month[joined - oldest];
      c->n_joined++;
      for (guint i = 0; i < DL_INSIGHTS_N_HORIZONS; i++)
        {
          DlPeriod at = joined + (DlPeriod) horizons[i];

          if (at >= h->first && at < h->first + (DlPeriod) h->n_periods && known[at - h->first]
              && dl_history_status (h, m, (guint) (at - h->first)) == DL_FIGURE_ACTIVE)
            c->active_after[i]++;
        }
    }

  for (guint j = 0; j < span; j++)
    {
      DlCohort *c = &by_month[j];

      c->joined = oldest + (DlPeriod) j;
      for (guint i = 0; i < DL_INSIGHTS_N_HORIZONS; i++)
        {
          DlPeriod at = c->joined + (DlPeriod) horizons[i];

          if (at < h->first || at >= h->first + (DlPeriod) h->n_periods || !known[at - h->first])
            c->active_after[i] = -1;
        }
      /* a cohort is shown once one of its months after joining is known */
      if (c->n_joined > 0
          && (c->active_after[0] >= 0 || c->active_after[1] >= 0
              || c->active_after[2] >= 0 || c->active_after[3] >= 0))
        g_array_append_val (cohorts, *c);
    }

  return cohorts;
}

double
dl_insights_retention (const GArray *cohorts,
                       guint         h,
                       guint        *n)
{
  guint64 joined = 0, active = 0;

  g_return_val_if_fail (cohorts != NULL && h < DL_INSIGHTS_N_HORIZONS, NAN);

  for (guint i = 0; i < cohorts->len; i++)
    {
      const DlCohort *c = &g_array_index (cohorts, DlCohort, i);

      if (c->active_after[h] < 0)
        continue;
      joined += c->n_joined;
      active += (guint) c->active_after[h];
    }
  if (n != NULL)
    *n = (guint) joined;
  return joined > 0 ? active / (double) joined : NAN;
}

GArray *
dl_insights_growth (const DlHistory *h)
{
  GArray *growth = g_array_new (FALSE, TRUE, sizeof (DlGrowthMonth));

  g_return_val_if_fail (h != NULL, growth);

  g_array_set_size (growth, h->n_periods);
  for (guint k = 0; k < h->n_periods; k++)
    g_array_index (growth, DlGrowthMonth, k).period = h->first + (DlPeriod) k;

  for (guint m = 0; m < h->n_members; m++)
    {
      DlPeriod joined = dl_period_of_day (h->members[m].joined_on);

      if (joined != DL_PERIOD_NONE && joined >= h->first && joined < h->first + (DlPeriod) h->n_periods)
        g_array_index (growth, DlGrowthMonth, joined - h->first).joined++;

      for (guint k = 0; k < h->n_periods; k++)
        {
          DlGrowthMonth *g = &g_array_index (growth, DlGrowthMonth, k);
          guint8 now = dl_history_status (h, m, k);
          guint8 before = k > 0 ? dl_history_status (h, m, k - 1) : DL_HISTORY_STATUS_UNKNOWN;

          if (now == DL_FIGURE_ACTIVE)
            g->active++;
          if (now == DL_FIGURE_ACTIVE || now == DL_FIGURE_INACTIVE)
            g->total++;
          if (before == DL_HISTORY_STATUS_UNKNOWN || before == now)
            continue;
          if (now == DL_FIGURE_TERMINATED)
            g->terminated++;
          else if (before == DL_FIGURE_ACTIVE && now == DL_FIGURE_INACTIVE)
            g->became_inactive++;
          else if (before == DL_FIGURE_INACTIVE && now == DL_FIGURE_ACTIVE)
            g->reactivated++;
        }
    }

  return growth;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const DlDuplicationRow *x = a, *y = b;

  if (x->team_size != y->team_size)
    return x->team_size > y->team_size ? -1 : 1;
  return (x->node > y->node) - (x->node < y->node);
}

DlDuplication *
dl_insights_duplication (const DlTree *tree)
{
  DlDuplication *d = g_new0 (DlDuplication, 1);
  guint n = dl_tree_get_n_nodes (tree);
  gint64 root = dl_tree_get_root (tree);
  g_autofree guint32 *below = NULL;
  g_autofree guint32 *recruiting = NULL;

  d->rows = g_array_new (FALSE, TRUE, sizeof (DlDuplicationRow));
  d->levels = g_array_new (FALSE, TRUE, sizeof (guint));
  if (root < 0)
    return d;

  /* in reverse pre-order every child comes before its parent: one pass
   * gives each member's generations below and their recruits who recruit */
  below = g_new0 (guint32, MAX (n, 1));
  recruiting = g_new0 (guint32, MAX (n, 1));
  for (guint i = n; i-- > 0;)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      if (node->parent == DL_TREE_NO_PARENT)
        continue;
      below[node->parent] = MAX (below[node->parent], below[i] + 1);
      if (node->n_children > 0)
        recruiting[node->parent]++;
    }

  {
    const DlTreeNode *user = dl_tree_get_node (tree, (guint) root);
    guint end = (guint) root + user->subtree_size;

    for (guint i = (guint) root + 1; i < end; i++)
      {
        const DlTreeNode *node = dl_tree_get_node (tree, i);
        guint level = node->level - user->level;

        d->n_members++;
        if (node->n_children > 0)
          d->n_recruiting++;
        if (d->levels->len < level)
          g_array_set_size (d->levels, level);
        g_array_index (d->levels, guint, level - 1)++;

        if (level == 1)
          {
            DlDuplicationRow row = {
              i, node->subtree_size - 1, below[i], node->n_children, recruiting[i],
            };

            g_array_append_val (d->rows, row);
          }
      }
  }
  g_array_sort (d->rows, compare_rows);

  return d;
}

void
dl_duplication_free (DlDuplication *d)
{
  if (d == NULL)
    return;
  g_array_unref (d->rows);
  g_array_unref (d->levels);
  g_free (d);
}

void
dl_insights_income (const GArray       *growth,
                    guint               active_now,
                    double              per_active,
                    DlIncomeProjection *out)
{
  double sum = 0;
  guint n = 0;

  g_return_if_fail (out != NULL);

  /* the last three changes of the active count, as shares */
  for (guint k = growth != NULL ? growth->len : 0; k-- > 1 && n < 3;)
    {
      const DlGrowthMonth *now = &g_array_index (growth, DlGrowthMonth, k);
      const DlGrowthMonth *before = &g_array_index (growth, DlGrowthMonth, k - 1);

      if (before->active == 0 || now->total == 0)
        continue;
      sum += (now->active - (double) before->active) / before->active;
      n++;
    }

  out->per_active = per_active;
  out->active_now = active_now;
  out->growth_months = n;
  out->monthly_growth = n > 0 ? sum / n : 0;
  out->income_now = active_now * per_active;
  out->active_in_12 = (guint) lround (active_now * pow (1 + out->monthly_growth, 12));
  out->income_in_12 = out->active_in_12 * per_active;
}

DlDay
dl_insights_week_start (DlDay day)
{
  g_autoptr(GDate) date = g_date_new ();
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  g_date_set_dmy (date, d, m, y);
  /* Monday is 1 */
  return day - (g_date_get_weekday (date) - 1);
}

void
dl_insights_welcomes (const DlHistory *h,
                      DlDay            first,
                      guint            n,
                      DlEffortWeek    *weeks)
{
  g_return_if_fail (h != NULL && weeks != NULL);

  for (guint w = 0; w < n; w++)
    {
      weeks[w].week_start = first + (DlDay) (7 * w);
      weeks[w].joined = weeks[w].welcomed = 0;
    }

  for (guint m = 0; m < h->n_members; m++)
    {
      DlDay joined = h->members[m].joined_on;
      gint64 w;

      if (joined == DL_DAY_NONE || joined < first)
        continue;
      w = (joined - first) / 7;
      if (w >= n)
        continue;
      weeks[w].joined++;
      for (guint c = h->contact_start[m]; c < h->contact_start[m + 1]; c++)
        if (h->contact_days[c] >= joined && h->contact_days[c] <= joined + DL_INSIGHTS_WELCOME_DAYS)
          {
            weeks[w].welcomed++;
            break;
          }
    }
}

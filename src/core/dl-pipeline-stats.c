/* dl-pipeline-stats.c — the arithmetic behind the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-day.h"
#include "dl-pipeline-stats.h"

DlFollowUpState
dl_pipeline_follow_up_state (DlDay follow_up,
                             DlDay today)
{
  if (follow_up == DL_DAY_NONE)
    return DL_FOLLOW_UP_NONE;
  if (follow_up < today)
    return DL_FOLLOW_UP_OVERDUE;
  if (follow_up == today)
    return DL_FOLLOW_UP_TODAY;
  return DL_FOLLOW_UP_LATER;
}

gboolean
dl_pipeline_joined_shown (DlDay entered_on,
                          DlDay today)
{
  /* an unknown entry day keeps the card: hiding someone by mistake is
   * worse than showing them a while longer */
  if (entered_on == DL_DAY_NONE)
    return TRUE;

  return today - entered_on < DL_PIPELINE_JOINED_SHOWN_DAYS;
}

int
dl_pipeline_conversion_percent (guint joined,
                                guint not_now)
{
  guint64 total = (guint64) joined + not_now;

  if (total == 0)
    return -1;

  return (int) ((joined * 200ull + total) / (2 * total));
}

double
dl_pipeline_forecast (const guint *prospects,
                      const guint *probability_percent,
                      guint        n_stages)
{
  double sum = 0;

  for (guint i = 0; i < n_stages; i++)
    sum += prospects[i] * (MIN (probability_percent[i], 100) / 100.0);

  return sum;
}

double
dl_pipeline_stage_chance (const DlForecastStage *stage,
                          gboolean              *from_history)
{
  gboolean history;

  g_return_val_if_fail (stage != NULL, 0);

  history = stage->decided >= DL_PIPELINE_HISTORY_MIN;
  if (from_history != NULL)
    *from_history = history;

  if (history)
    return (double) MIN (stage->joined, stage->decided) / stage->decided;

  return MIN (stage->default_percent, 100) / 100.0;
}

guint
dl_pipeline_days_left_in_month (DlDay today)
{
  int y, m, d;

  dl_day_to_ymd (today, &y, &m, &d);
  if (++m > 12)
    {
      m = 1;
      y++;
    }

  return (guint) (dl_day_from_ymd (y, m, 1) - today);
}

double
dl_pipeline_forecast_month (const DlForecastStage *stages,
                            guint                  n_stages,
                            DlDay                  today,
                            guint                 *n_from_history)
{
  double left = dl_pipeline_days_left_in_month (today);
  double sum = 0;
  guint n_history = 0;

  g_return_val_if_fail (stages != NULL || n_stages == 0, 0);

  for (guint i = 0; i < n_stages; i++)
    {
      const DlForecastStage *stage = &stages[i];
      gboolean history;
      double chance = dl_pipeline_stage_chance (stage, &history);
      double days = DL_PIPELINE_DAYS_TO_JOIN_DEFAULT;

      if (history)
        {
          n_history++;
          if (stage->joined > 0 && stage->days_to_join >= 0)
            days = MAX (stage->days_to_join, 1.0);
        }

      sum += stage->prospects * chance * MIN (1.0, left / days);
    }

  if (n_from_history != NULL)
    *n_from_history = n_history;

  return sum;
}

DlDay
dl_pipeline_default_revisit (DlDay today)
{
  int y, m, d;

  dl_day_to_ymd (today, &y, &m, &d);
  m += DL_PIPELINE_REVISIT_MONTHS;
  while (m > 12)
    {
      m -= 12;
      y++;
    }
  d = MIN (d, g_date_get_days_in_month (m, y));

  return dl_day_from_ymd (y, m, d);
}

int
dl_pipeline_days_since (DlDay last_contact,
                        DlDay today)
{
  if (last_contact == DL_DAY_NONE)
    return -1;

  return MAX (0, today - last_contact);
}

/* dl-pipeline-stats.h — the arithmetic behind the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions of counts and days; the caller passes today.
 */

#pragma once

#include "dl-types.h"

G_BEGIN_DECLS

/* The advice: keep at least 100 prospects in the pipeline and add one or
 * two new contacts every day. */
#define DL_PIPELINE_GOAL_DEFAULT       100
#define DL_PIPELINE_DAILY_GOAL_DEFAULT 2
/* A card stays in a joined stage this long, then leaves the board. */
#define DL_PIPELINE_JOINED_SHOWN_DAYS  30
/* The conversion rate looks back this far. */
#define DL_PIPELINE_CONVERSION_DAYS    90
/* "Not now" asks again after this many months by default. */
#define DL_PIPELINE_REVISIT_MONTHS     3

typedef enum
{
  DL_FOLLOW_UP_NONE,     /* nothing scheduled: itself a warning */
  DL_FOLLOW_UP_OVERDUE,
  DL_FOLLOW_UP_TODAY,
  DL_FOLLOW_UP_LATER,
} DlFollowUpState;

DlFollowUpState dl_pipeline_follow_up_state (DlDay follow_up,
                                             DlDay today);

/* Whether a card of a joined stage, entered on entered_on, is still on
 * the board today. */
gboolean dl_pipeline_joined_shown    (DlDay entered_on,
                                      DlDay today);

/* joined ÷ (joined + not now) in whole percent, rounded; -1 when there
 * is no outcome yet (nothing to divide). */
int      dl_pipeline_conversion_percent (guint joined,
                                         guint not_now);

/* Expected joins: the sum over stages of prospects × probability. */
double   dl_pipeline_forecast        (const guint *prospects,
                                      const guint *probability_percent,
                                      guint        n_stages);

/* A stage's own history counts once this many prospects have left it
 * with a known outcome (joined, or not now / removed). */
#define DL_PIPELINE_HISTORY_MIN        10
/* Days from entering a stage to joining, when its history cannot say. */
#define DL_PIPELINE_DAYS_TO_JOIN_DEFAULT 30

/* One open stage for the forecast of joins this month. */
typedef struct
{
  guint  prospects;          /* in the stage now */
  guint  default_percent;    /* the stage's own probability setting */
  guint  decided;            /* left the stage with a known outcome */
  guint  joined;             /* ... of whom joined */
  double days_to_join;       /* mean days from entering it to joining; < 0 unknown */
} DlForecastStage;

/* The chance of joining used for a stage: joined ÷ decided once decided
 * reaches DL_PIPELINE_HISTORY_MIN, else default_percent.  *from_history
 * (may be NULL) says which. */
double   dl_pipeline_stage_chance    (const DlForecastStage *stage,
                                      gboolean              *from_history);

/* Expected joins this month: for each stage, prospects × chance × the
 * share of the stage's typical time to join that fits in what is left
 * of the month (today included), at most all of it.  A stage whose
 * people usually join within a week counts fully until the last week;
 * one that takes two months counts for the days left over 60.  The
 * typical time is the stage's mean days_to_join when its history is
 * enough and says so, else DL_PIPELINE_DAYS_TO_JOIN_DEFAULT.
 * *n_from_history (may be NULL) gets how many stages used history. */
double   dl_pipeline_forecast_month  (const DlForecastStage *stages,
                                      guint                  n_stages,
                                      DlDay                  today,
                                      guint                 *n_from_history);

/* Days left in today's month, today included (1 on the last day). */
guint    dl_pipeline_days_left_in_month (DlDay today);

/* today plus DL_PIPELINE_REVISIT_MONTHS, on the last day of a shorter
 * month when needed (30 November for 31 August). */
DlDay    dl_pipeline_default_revisit (DlDay today);

/* Whole days since a contact, or -1 when there was none. */
int      dl_pipeline_days_since      (DlDay last_contact,
                                      DlDay today);

G_END_DECLS

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

/* today plus DL_PIPELINE_REVISIT_MONTHS, on the last day of a shorter
 * month when needed (30 November for 31 August). */
DlDay    dl_pipeline_default_revisit (DlDay today);

/* Whole days since a contact, or -1 when there was none. */
int      dl_pipeline_days_since      (DlDay last_contact,
                                      DlDay today);

G_END_DECLS

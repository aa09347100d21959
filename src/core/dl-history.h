/* dl-history.h — the back office's months, as the analyses read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every member's status in each of a run of consecutive months, the
 * signals of that month's events, and the contact log, in flat arrays
 * indexed like the downline tree.  The dropout risk learns from it
 * (dl-risk-model.h) and Insights counts with it (dl-insights.h); the
 * store fills it (dl-store-history.h).  GLib only.
 */

#pragma once

#include "dl-day.h"
#include "dl-events.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   member_id;
  guint32  sponsor;        /* index into members, or G_MAXUINT32 (the user, or unknown) */
  DlDay    joined_on;      /* DL_DAY_NONE when unknown */
  guint16  cadence_days;   /* the user's check-in interval, 0 when not theirs */
  guint8   distributor;    /* 1 for a distributor, 0 for a customer */
} DlHistoryMember;

/* Status of a member in a month, as the history holds it. */
#define DL_HISTORY_STATUS_UNKNOWN 0xff   /* not in that month's export */

/* What the back office said over n_periods consecutive months, and the
 * contact log.  Arrays of months are row-major: [k * n_members + m] for
 * month first + k. */
typedef struct
{
  DlPeriod               first;
  guint                  n_periods;
  guint                  n_members;
  const DlHistoryMember *members;
  const guint8          *status;       /* DlFigureStatus, or DL_HISTORY_STATUS_UNKNOWN */
  const guint8          *signals;      /* DlRiskSignal bits of that month's events */
  const guint32         *contact_start;/* n_members + 1 offsets into contact_days */
  const DlDay           *contact_days; /* each member's contacts, sorted */
} DlHistory;

static inline guint8
dl_history_status (const DlHistory *history,
                   guint            member,
                   guint            k)
{
  return history->status[(gsize) k * history->n_members + member];
}

G_END_DECLS

/* dl-events.h — what changed in the business between two months
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A back office's monthly export is a snapshot of one period: each
 * member's status, paid rank, autoship and personal volume (PV).
 * Comparing a period with the one before yields events — a new member,
 * an autoship cancelled, a rank lost, volume halved — which become
 * Today's tasks and the dropout risk's signals.  GLib only, no SQL: the
 * store hands in the figures, sorted by member.
 */

#pragma once

#include <glib.h>

#include "dl-day.h"

G_BEGIN_DECLS

/* A month, counted from year 0: year * 12 + (month - 1). */
typedef gint32 DlPeriod;

#define DL_PERIOD_NONE G_MININT32

DlPeriod     dl_period_from_ym    (int          year,
                                   int          month);
/* "2026-11" (also "2026-11-30" and "2026/11"); DL_PERIOD_NONE when the
 * text is no month. */
DlPeriod     dl_period_parse      (const char  *text);
/* buf receives "YYYY-MM". */
void         dl_period_format     (DlPeriod     period,
                                   char         buf[8]);
/* The last day of a month, and the month a day falls in
 * (DL_PERIOD_NONE for DL_DAY_NONE). */
DlDay        dl_period_last_day   (DlPeriod     period);
/* A month's volume as the details and the Table show it: whole points,
 * or one decimal where the back office gave one ("152.6"), thousands
 * grouped as the locale groups them ("12,480"); NULL for NAN (not
 * given).  The tree's boxes show the whole points below it. */
char        *dl_volume_to_string  (double       volume);
DlPeriod     dl_period_of_day     (DlDay        day);

typedef enum
{
  DL_EVENT_JOINED,
  DL_EVENT_BECAME_INACTIVE,
  DL_EVENT_TERMINATED,
  DL_EVENT_REACTIVATED,
  DL_EVENT_RANK_UP,
  DL_EVENT_RANK_DOWN,
  DL_EVENT_AUTOSHIP_CANCELLED,
  DL_EVENT_AUTOSHIP_STARTED,
  DL_EVENT_VOLUME_DROP,
  DL_EVENT_NO_FIRST_ORDER,     /* joined the month before, no volume yet */
  DL_N_EVENTS,
} DlEventType;

/* The stable word of the command line and the database ("rank-down"),
 * and back; -1 for an unknown word. */
const char  *dl_event_type_to_string   (DlEventType  type);
int          dl_event_type_from_string (const char  *word);

typedef enum
{
  DL_FIGURE_ACTIVE,
  DL_FIGURE_INACTIVE,
  DL_FIGURE_TERMINATED,
} DlFigureStatus;

/* One member in one period, as the export said.  Unknowns are kept as
 * unknowns, never guessed: an export without an autoship column says
 * nothing about autoship. */
typedef struct
{
  gint64          member_id;    /* the key; arrays are sorted by it */
  DlFigureStatus  status;
  gint16          rank_level;   /* paid rank on the ladder; -1 unknown */
  gint8           autoship;     /* 1 on, 0 off, -1 unknown */
  double          pv;           /* personal volume; NAN unknown */
  DlPeriod        joined;       /* the month they joined; 0 or DL_PERIOD_NONE unknown */
} DlFigures;

/* One period's figures, sorted by member_id.  An older month
 * (history[2..] of dl_events_compute ()) may be given as its PV alone,
 * pv_by_before: one for each of history[1]'s figures, in its order,
 * NAN where not known; figures and n_figures are then not read.  A
 * store reads a million members' older month into a quarter of the
 * memory so. */
typedef struct
{
  DlPeriod          period;
  const DlFigures  *figures;
  guint             n_figures;
  const double     *pv_by_before;
} DlPeriodFigures;

typedef struct
{
  gint64       member_id;
  DlEventType  type;
} DlEvent;

/* The events of history[0] (the period looked at) against history[1]
 * (the month before), appended to events (a GArray of DlEvent) in
 * member order.  history[2..] are older months, newest first, for the
 * volume drop: an active member's PV below half their own average over
 * the three months before (at least two of them known).  With no month before
 * (n_history < 2, or history[1] is not the month just before), nothing
 * is compared: the first export is the baseline, not a wave of events.
 * Returns the number of events added. */
guint        dl_events_compute    (const DlPeriodFigures *history,
                                   guint                  n_history,
                                   GArray                *events);

/* The place of a rank name on the usual ladders (Member, Bronze,
 * Silver, Gold, Platinum, Diamond … with Executive, Senior, Double and
 * Triple and the Spanish names), -1 for a name not on it. */
gint16       dl_rank_level        (const char  *rank);

/* What the event says about the person, in words for a task or a risk
 * factor ("Cancelled autoship in November"). */
char        *dl_event_describe    (DlEventType  type,
                                   DlPeriod     period);

/* A change of paid rank as a list of the month's changes shows it,
 * "Silver → Bronze"; NULL when either rank is not known. */
char        *dl_event_rank_change (const char  *before,
                                   const char  *after);

/* The other events of a member in a month (1 << DlEventType each), as
 * the row of the one that counts them says them: "Also cancelled
 * autoship and dropped a rank"; NULL for none. */
char        *dl_event_describe_also (guint     also);

G_END_DECLS

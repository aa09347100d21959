/* dl-store-periods.h — the back office's months: figures and events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-csv-import.h"
#include "dl-events.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* One member's figures for a month, as an import or the sample data
 * hands them in.  Unknowns stay unknown: NULL, NAN, -1. */
typedef struct
{
  gint64          member_id;   /* the member's person id */
  DlFigureStatus  status;
  const char     *paid_rank;   /* NULL when the export has no such column */
  double          pv;
  double          gv;
  gint8           autoship;
} DlPeriodRow;

/* Writes the rows' figures for period (replacing what those members had
 * for it), then works out again the events of period and of the month
 * after it, whose "month before" this is: importing an older month after
 * a newer one fills the history and corrects the newer month's events.
 * One transaction (nested in the caller's, if any); all or nothing. */
gboolean  dl_store_save_period    (DlStore            *store,
                                   DlPeriod            period,
                                   const DlPeriodRow  *rows,
                                   guint               n_rows,
                                   GError            **error);

/* A member's event, with the member number the command line prints. */
typedef struct
{
  gint64       member_id;
  DlEventType  type;
  char        *member_number;   /* owned by the array; "" when none */
} DlStoreEvent;

/* The events of period, by member then type; an empty array for a month
 * with none.  NULL with error when the database cannot be read. */
GArray   *dl_store_get_events     (DlStore            *store,
                                   DlPeriod            period,
                                   GError            **error);

/* How many members had each type of event in period: counts[type] for
 * every DlEventType, 0 for a type that did not happen.  A member who
 * left the business that month counts once, as having left: their
 * other events of the month (an autoship cancelled, a rank lost) are
 * part of their leaving, not more people to call.  One pass over the
 * month's events however many there are, for a summary that never
 * reads them one by one. */
gboolean  dl_store_count_events   (DlStore            *store,
                                   DlPeriod            period,
                                   guint               counts[DL_N_EVENTS],
                                   GError            **error);

/* A member with a given event, as a list of them shows them. */
typedef struct
{
  gint64   member_id;
  char    *name;            /* "First Last" */
  char    *member_number;   /* "" when none */
  char    *rank_before;     /* the paid rank of the month before, NULL when not known */
  char    *rank_after;      /* the paid rank of the month, NULL when not known */
  guint    also;            /* the member's other events of the month, 1 << DlEventType each */
} DlEventPerson;

/* The members with an event of type in period, by last then first name,
 * limit of them from the offset'th on (a GArray of DlEventPerson that
 * frees its strings): a long list is read a page at a time, when it is
 * looked at.  As dl_store_count_events () counts them: a member who
 * left that month is among those who left only (with their other
 * events in also).  NULL with error when the database cannot be read. */
GArray   *dl_store_get_event_people (DlStore          *store,
                                     DlPeriod          period,
                                     DlEventType       type,
                                     guint             offset,
                                     guint             limit,
                                     GError          **error);

/* One member's figures for one month, as the details show them. */
typedef struct
{
  DlPeriod        period;
  DlFigureStatus  status;
  char           *paid_rank;   /* NULL when the export did not say */
  double          pv;          /* NAN when the export did not say */
  double          gv;
  gint8           autoship;    /* -1 when the export did not say */
} DlMemberMonth;

/* The member's last n_months months with figures up to until
 * (DL_PERIOD_NONE: all), oldest first (a GArray of DlMemberMonth that
 * frees its strings); empty when no export named them.  NULL with error
 * when the database cannot be read. */
GArray   *dl_store_get_member_months_until (DlStore   *store,
                                            gint64     member_id,
                                            DlPeriod   until,
                                            guint      n_months,
                                            GError   **error);

/* One of a member's events. */
typedef struct
{
  DlPeriod     period;
  DlEventType  type;
} DlMemberEvent;

/* The member's events, newest month first (a GArray of DlMemberEvent). */
GArray   *dl_store_get_member_events (DlStore      *store,
                                      gint64        member_id,
                                      GError      **error);

/* The downline as the export of period had it (DL_PERIOD_NONE: as it
 * is now): only members who had joined by the month's end or were in
 * that export; their status, PV and autoship that month; the events of
 * that month and the one before; contacts logged by its end.  Snoozes
 * and later activity are left out.  Placements, names and check-in
 * rhythms are today's (no history is kept of them).  Finish with
 * dl_store_load_tree_finish(). */
void      dl_store_load_tree_as_of_async (DlStore            *store,
                                          DlTreeKind          kind,
                                          DlPeriod            period,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data);

/* The months that have figures, oldest first (a GArray of DlPeriod). */
GArray   *dl_store_get_periods    (DlStore            *store,
                                   GError            **error);

G_END_DECLS

/* dl-today-ics.h — the coming check-ins and follow-ups as iCalendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dl-today.h"
#include "dl-today-model.h"

G_BEGIN_DECLS

/* How far ahead the calendar export reaches. */
#define DL_TODAY_ICS_DAYS 30

/* One all-day event per entry of plan: what is overdue lands on today,
 * the rest on its day.  Returns the VCALENDAR text. */
char     *dl_today_ics_from_plan (const DlTodayPlan *plan,
                                  DlDay              today);
/* The next DL_TODAY_ICS_DAYS days of model into file (0600); *n_events
 * says how many events were written.  With nothing coming up, no file
 * is written and the error (G_IO_ERROR_NOT_FOUND) says so. */
gboolean  dl_today_ics_export    (DlTodayModel      *model,
                                  GFile             *file,
                                  guint             *n_events,
                                  GError           **error);

G_END_DECLS

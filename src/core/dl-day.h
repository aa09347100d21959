/* dl-day.h — local calendar dates as day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-types.h"

G_BEGIN_DECLS

/* Parses "YYYY-MM-DD" (a longer ISO 8601 date-time is accepted and its
 * time ignored).  Returns DL_DAY_NONE for NULL, "" or an invalid date. */
DlDay    dl_day_from_iso   (const char *iso);
/* "YYYY-MM-DD" into buf (at least 11 bytes); "" for DL_DAY_NONE. */
void     dl_day_format_iso (DlDay       day,
                            char       *buf);
char    *dl_day_to_iso     (DlDay       day);
DlDay    dl_day_from_ymd   (int         year,
                            int         month,
                            int         day);
void     dl_day_to_ymd     (DlDay       day,
                            int        *year,
                            int        *month,
                            int        *mday);
/* The local time zone (a reference).  Read once and kept, since reading
 * it means reading /etc/localtime; read again when TZ changes or the
 * one kept is a minute old, so a zone changed while Downline runs is
 * followed. */
GTimeZone *dl_day_local_zone (void);
/* "12 Mar 2024" in the user's language; NULL for DL_DAY_NONE. */
char    *dl_day_format_short (DlDay     day);
/* The same without the year, where the year goes without saying (a
 * follow-up this month, a chart's week): "4 Dec"; NULL for DL_DAY_NONE. */
char    *dl_day_format_day_month (DlDay day);
/* A month (1–12) of a year: "Dec 2026", never "Dec 26", which reads as
 * a day. */
char    *dl_day_format_month (int       year,
                              int       month);
/* The same in full, where there is room: "December 2026". */
char    *dl_day_format_month_long (int    year,
                                   int    month);
/* A moment in local time as the app writes it everywhere: "4 Dec 2026,
 * 14:05" (never a locale's 12/04/26). */
char    *dl_day_format_moment (GDateTime *at);
/* Today in the local time zone. */
DlDay    dl_day_today      (void);
DlDay    dl_day_from_date_time (GDateTime *dt);

G_END_DECLS

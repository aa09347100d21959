/* dl-today-row.h — one person on the Today list, with what to do about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-today-item.h"

G_BEGIN_DECLS

#define DL_TYPE_TODAY_ROW (dl_today_row_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayRow, dl_today_row, DL, TODAY_ROW, AdwPreferencesRow)

/* Signals: ::log (guint kind, const char *summary, GDateTime *at or NULL),
 * ::snooze (int until), ::show-in (const char *view: "letters", "downline"
 * or "pipeline"), ::reach (const char *way: "call", "sms", "whatsapp" or
 * "email"), ::dismiss ("done, no contact needed"). */
GtkWidget   *dl_today_row_new      (DlTodayItem *item);
DlTodayItem *dl_today_row_get_item (DlTodayRow  *self);
/* The line under the name: why they are on the list, and how to reach them. */
const char  *dl_today_row_get_subtitle (DlTodayRow *self);
/* Whether the row is narrow enough that its buttons stand under the
 * name rather than beside it (as last laid out). */
gboolean     dl_today_row_get_stacked  (DlTodayRow *self);
/* Shows the phone and e-mail and offers the ways to reach them that
 * these allow; NULL or "" for none. */
void         dl_today_row_set_contact (DlTodayRow *self,
                                       const char *phone,
                                       const char *email);

G_END_DECLS

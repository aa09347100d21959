/* dl-today-snooze-popover.h — snooze for a day, three, a week, or until a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DL_TYPE_TODAY_SNOOZE_POPOVER (dl_today_snooze_popover_get_type ())

G_DECLARE_FINAL_TYPE (DlTodaySnoozePopover, dl_today_snooze_popover, DL, TODAY_SNOOZE_POPOVER, GtkPopover)

/* ::snooze (int until) — a DlDay after today. */
GtkWidget *dl_today_snooze_popover_new (void);

G_END_DECLS

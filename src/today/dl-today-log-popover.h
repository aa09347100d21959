/* dl-today-log-popover.h — "Log Contact": kind, one line, day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DL_TYPE_TODAY_LOG_POPOVER (dl_today_log_popover_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayLogPopover, dl_today_log_popover, DL, TODAY_LOG_POPOVER, GtkPopover)

/* ::log (DlContactKind kind, const char *summary, GDateTime *at) — at is
 * NULL for "now"; the popover has checked the day is not in the future. */
GtkWidget *dl_today_log_popover_new (const char *person_name);

G_END_DECLS

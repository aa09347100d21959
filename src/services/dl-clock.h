/* dl-clock.h — the one clock of the process: today, now, day change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views, the Today model and the notifier ask this clock what day it
 * is, so they all turn the page together: "day-changed" is emitted once
 * when the local date moves on — at midnight, after a resume from
 * suspend, or when the time zone changes (the clock looks once a
 * minute, which covers all three without a system bus).  Tests set the
 * time; everything that reads the clock follows.
 */

#pragma once

#include <gio/gio.h>

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_CLOCK (dl_clock_get_type ())

G_DECLARE_FINAL_TYPE (DlClock, dl_clock, DL, CLOCK, GObject)

/* The process's one clock (a borrowed reference). */
DlClock    *dl_clock_get_default (void);
/* A new reference to the local time now. */
GDateTime  *dl_clock_get_now     (DlClock   *self);
DlDay       dl_clock_get_today   (DlClock   *self);
/* For tests: the time from now on (NULL: the real time again); emits
 * "day-changed" when that moves the date. */
void        dl_clock_set_now     (DlClock   *self,
                                  GDateTime *now);

G_END_DECLS

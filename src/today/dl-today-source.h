/* dl-today-source.h — what the day plan reads: the store and the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the Today model, the notifier and `downline --today`, so the
 * window, the reminders and the command line plan the same day.
 */

#pragma once

#include <gio/gio.h>

#include "dl-store.h"
#include "dl-today.h"

G_BEGIN_DECLS

/* Every prospect in an open or "not now" stage with something scheduled;
 * their names are kept alive in names (a GPtrArray with g_free). */
GArray   *dl_today_source_load_prospects (DlStore      *store,
                                          GPtrArray    *names);

/* The back office's events Today may still act on: those of the two
 * latest months with figures, each known from the first day of the month
 * after (or today, for the month still running).  A GArray of
 * DlPlanEvent; empty when no export was imported or it cannot be read. */
GArray   *dl_today_source_load_events    (DlStore      *store,
                                          DlDay         today);

/* Fills options from the preferences for the database at path on today:
 * the capacity (today's own if one was chosen in the view), the kinds
 * switched off, the first use, and the plan pinned earlier that day
 * (into pinned, a GArray of DlTaskKey that must outlive options).  With
 * remember, a database planned for the first time records today as its
 * first use.  settings may be NULL: the defaults. */
void      dl_today_source_read_options   (GSettings     *settings,
                                          const char    *path,
                                          DlDay          today,
                                          gboolean       remember,
                                          DlPlanOptions *options,
                                          GArray        *pinned);

/* Remembers the plan's tasks for that day, so the day stays put. */
void      dl_today_source_save_plan      (GSettings       *settings,
                                          const char      *path,
                                          DlDay            today,
                                          const DlDayPlan *plan);

/* Today's capacity: the one chosen for today in the view, else the
 * daily preference; the default without settings. */
guint     dl_today_source_get_capacity (GSettings *settings,
                                        DlDay      today);
/* The capacity for today only (the view's spin button). */
void      dl_today_source_set_capacity_for_today (GSettings *settings,
                                                  DlDay      today,
                                                  guint      capacity);

G_END_DECLS

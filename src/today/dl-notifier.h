/* dl-notifier.h — desktop notifications when check-ins fall due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One notifier per store.  It reminds at start-up of everything that fell
 * due while the app was not running (catch-up), then once a day at the
 * reminder time of the preferences (the digest, which also covers what
 * fell due overnight).  Three people or fewer get a notification each
 * (Log Contact, Snooze 1 Day, Open); more get one digest.  Nobody is
 * reminded twice in a day.  Without a notification server or a session
 * bus, "available" turns FALSE, one warning is logged, and the Today view
 * shows a banner instead.
 */

#pragma once

#include <gio/gio.h>

#include "dl-store.h"
#include "dl-today-model.h"

G_BEGIN_DECLS

#define DL_TYPE_NOTIFIER (dl_notifier_get_type ())

G_DECLARE_FINAL_TYPE (DlNotifier, dl_notifier, DL, NOTIFIER, GObject)

/* Returns a new reference to the time it is now. */
typedef GDateTime *(*DlNotifierClock) (gpointer user_data);

DlNotifier   *dl_notifier_new            (DlStore         *store);
/* The one notifier of this store (made on first use); a new reference. */
DlNotifier   *dl_notifier_get_for_store  (DlStore         *store);
DlStore      *dl_notifier_get_store      (DlNotifier      *self);
DlTodayModel *dl_notifier_get_model      (DlNotifier      *self);
/* For tests: a clock instead of the real one. */
void          dl_notifier_set_clock      (DlNotifier      *self,
                                          DlNotifierClock  clock,
                                          gpointer         user_data);
/* Catch-up after delay_seconds (the window first, then the reminders),
 * then the daily digest at the reminder time.  Calling it again does
 * nothing.  Both wait for the plan of now, worked out in a thread. */
void          dl_notifier_start          (DlNotifier      *self,
                                          guint            delay_seconds);
/* Looks at the clock now, as the timer does every half minute: sends the
 * day's digest once the reminder time has come. */
void          dl_notifier_check_now      (DlNotifier      *self);
/* Sends what is due and not yet sent today, now (the plan worked out on
 * this thread if it is not current); returns how many people were
 * included (0 when nothing new, notifications are off, or none could be
 * shown). */
guint         dl_notifier_notify_due     (DlNotifier      *self);
/* FALSE once a notification could not be shown. */
gboolean      dl_notifier_get_available  (DlNotifier      *self);
/* Keeps the application running without a window (start at login,
 * "run in the background"). */
void          dl_notifier_hold_application (DlNotifier    *self,
                                            gboolean       hold);

/* Writes or removes the XDG autostart entry that runs
 * "downline --background" at login. */
gboolean      dl_notifier_set_autostart  (gboolean         enabled,
                                          GError         **error);
char         *dl_notifier_get_autostart_path (void);

G_END_DECLS

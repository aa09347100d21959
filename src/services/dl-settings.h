/* dl-settings.h — the one settings object of the process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every view, the notifier and the command line read the preferences
 * here, through typed accessors, so a value has one default and one
 * meaning everywhere: Today, the tree's risk colours and a member's
 * details cannot disagree about a check-in interval again.  The
 * application makes it; anything that runs without the installed
 * schema (a test, the command line from the build tree) gets the
 * built-in defaults, which are the schema's (tests/app/test-services.c
 * checks that they agree).
 */

#pragma once

#include <gio/gio.h>

#include "dl-day.h"
#include "dl-pipeline-stats.h"
#include "dl-rules.h"

G_BEGIN_DECLS

#define DL_TYPE_SETTINGS (dl_settings_get_type ())

G_DECLARE_FINAL_TYPE (DlSettings, dl_settings, DL, SETTINGS, GObject)

/* The process's one instance (a borrowed reference). */
DlSettings *dl_settings_get_default   (void);
/* Where the user's usual database lives (what runs without --db opens;
 * the daily backup keeps only this one). */
char       *dl_settings_get_usual_db_path (void);
/* The GSettings behind it, for binding a preference's widget; NULL when
 * the schema is not installed. */
GSettings  *dl_settings_get_gsettings (DlSettings *self);
/* The check-in rhythm of the preferences (a member's own interval is in
 * the tree). */
void        dl_settings_get_cadence   (DlSettings *self,
                                       DlCadence  *cadence);

/* What one active member earns the user a month (the preferences'
 * earning-per-active; 10 by default, the field's example). */
#define DL_SETTINGS_EARNING_PER_ACTIVE_DEFAULT 10.0
double      dl_settings_get_earning_per_active (DlSettings *self);

/* How many new contacts a day the user means to add to the pipeline
 * (daily-contacts-goal; DL_PIPELINE_DAILY_GOAL_DEFAULT by default). */
guint       dl_settings_get_daily_contacts_goal (DlSettings *self);

/* How many prospects the user means to keep in the pipeline's open
 * stages (pipeline-goal; DL_PIPELINE_GOAL_DEFAULT by default). */
guint       dl_settings_get_pipeline_goal (DlSettings *self);

/* The day Downline was first used on the database at db_path, recorded
 * the first time with remember (today then); without a record, today.
 * Members who joined more than 72 hours before it count as welcomed:
 * Today and Letters' "not welcomed yet" ask here, so they agree. */
DlDay       dl_settings_get_first_use (DlSettings *self,
                                       const char *db_path,
                                       DlDay       today,
                                       gboolean    remember);

/* Sets that day (a person who wants the members of the last weeks
 * welcomed after all moves it back). */
void        dl_settings_set_first_use (DlSettings *self,
                                       const char *db_path,
                                       DlDay       day);

G_END_DECLS

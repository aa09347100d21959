/* dl-today-preferences.h — the Check-Ins page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DL_TYPE_TODAY_PREFERENCES (dl_today_preferences_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayPreferences, dl_today_preferences, DL, TODAY_PREFERENCES, AdwPreferencesPage)

GtkWidget *dl_today_preferences_new (void);

G_END_DECLS

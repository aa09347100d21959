/* dl-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-application.h"
#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_PREFERENCES_WINDOW (dl_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DlPreferencesWindow, dl_preferences_window, DL, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* store may be NULL (no database open): the Profile page is then hidden */
DlPreferencesWindow *dl_preferences_window_new (DlApplication *application,
                                                DlStore       *store);

G_END_DECLS

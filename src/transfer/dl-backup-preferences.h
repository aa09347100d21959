/* dl-backup-preferences.h — the automatic backups, for Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DL_TYPE_BACKUP_PREFERENCES (dl_backup_preferences_get_type ())
G_DECLARE_FINAL_TYPE (DlBackupPreferences, dl_backup_preferences, DL, BACKUP_PREFERENCES, AdwPreferencesGroup)

G_END_DECLS

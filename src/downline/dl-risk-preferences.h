/* dl-risk-preferences.h — the Dropout Risk page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_RISK_PREFERENCES (dl_risk_preferences_get_type ())

G_DECLARE_FINAL_TYPE (DlRiskPreferences, dl_risk_preferences, DL, RISK_PREFERENCES, AdwPreferencesPage)

GtkWidget *dl_risk_preferences_new       (void);
/* Shows the model kept in store, and learns it again on request. */
void       dl_risk_preferences_set_store (DlRiskPreferences *self,
                                          DlStore           *store);

G_END_DECLS

/* dl-cadence-group.h — a member's own check-in rhythm, or the default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DL_TYPE_CADENCE_GROUP (dl_cadence_group_get_type ())

G_DECLARE_FINAL_TYPE (DlCadenceGroup, dl_cadence_group, DL, CADENCE_GROUP, AdwPreferencesGroup)

GtkWidget *dl_cadence_group_new              (void);
/* The member's own interval in days; 0 means the default. */
guint      dl_cadence_group_get_days         (DlCadenceGroup *self);
void       dl_cadence_group_set_days         (DlCadenceGroup *self,
                                              guint           days);
/* What the default is for this member, as Today works it out (0: not
 * the user's to check in with), so the choice says what it means. */
guint      dl_cadence_group_get_default_days (DlCadenceGroup *self);
void       dl_cadence_group_set_default_days (DlCadenceGroup *self,
                                              guint           days);

G_END_DECLS

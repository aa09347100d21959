/* dl-profile-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_PROFILE_FORM (dl_profile_form_get_type ())

G_DECLARE_FINAL_TYPE (DlProfileForm, dl_profile_form, DL, PROFILE_FORM, GtkWidget)

void     dl_profile_form_set_store (DlProfileForm *self,
                                    DlStore       *store);
/* Checks the fields and saves them; on a problem the form shows it, and
 * FALSE is returned with nothing saved. */
gboolean dl_profile_form_save      (DlProfileForm *self);
/* Fills the fields from the store's profile again. */
void     dl_profile_form_reload    (DlProfileForm *self);
void     dl_profile_form_focus_first (DlProfileForm *self);

G_END_DECLS

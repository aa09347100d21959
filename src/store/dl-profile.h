/* dl-profile.h — the user themself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The root of the downline and the voice of every letter.
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

#include "dl-person.h"

G_BEGIN_DECLS

#define DL_TYPE_PROFILE (dl_profile_get_type ())

G_DECLARE_FINAL_TYPE (DlProfile, dl_profile, DL, PROFILE, GObject)

DlProfile  *dl_profile_new         (void);
DlProfile  *dl_profile_copy        (DlProfile *self);
DlPerson   *dl_profile_get_person  (DlProfile *self);
const char *dl_profile_get_company (DlProfile *self);
const char *dl_profile_get_website (DlProfile *self);
const char *dl_profile_get_message (DlProfile *self);
const char *dl_profile_get_member_number (DlProfile *self);
void        dl_profile_set_member_number (DlProfile  *self,
                                          const char *member_number);
void        dl_profile_set_person  (DlProfile *self,
                                    DlPerson  *person);
void        dl_profile_set_company (DlProfile  *self,
                                    const char *company);
void        dl_profile_set_website (DlProfile  *self,
                                    const char *website);
void        dl_profile_set_message (DlProfile  *self,
                                    const char *message);

G_END_DECLS

/* dl-member.h — a person in the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

#include "dl-person.h"

G_BEGIN_DECLS

#define DL_TYPE_MEMBER (dl_member_get_type ())

G_DECLARE_FINAL_TYPE (DlMember, dl_member, DL, MEMBER, GObject)

DlMember       *dl_member_new               (void);
DlMember       *dl_member_copy              (DlMember *self);
gint64          dl_member_get_id            (DlMember *self);
DlPerson       *dl_member_get_person        (DlMember *self);
gint64          dl_member_get_sponsor_id    (DlMember *self);
const char     *dl_member_get_member_number (DlMember *self);
DlDay           dl_member_get_joined_on     (DlMember *self);
DlRole          dl_member_get_role          (DlMember *self);
DlMemberStatus  dl_member_get_status        (DlMember *self);
DlDay           dl_member_get_status_since  (DlMember *self);
const char     *dl_member_get_rank          (DlMember *self);
DlDay           dl_member_get_last_activity (DlMember *self);
guint           dl_member_get_cadence_days  (DlMember *self);
DlDay           dl_member_get_snoozed_until (DlMember *self);
void            dl_member_set_member_number (DlMember   *self,
                                             const char *member_number);
void            dl_member_set_joined_on     (DlMember *self,
                                             DlDay     joined_on);
void            dl_member_set_role          (DlMember *self,
                                             DlRole    role);
void            dl_member_set_rank          (DlMember   *self,
                                             const char *rank);
void            dl_member_set_last_activity (DlMember *self,
                                             DlDay     last_activity);
/* In a draft for dl_store_save_member_edit (): who enrolled them (0 for
 * none), their status and since when, and until when they are snoozed
 * (DL_DAY_NONE: not). */
void            dl_member_set_sponsor_id    (DlMember *self,
                                             gint64    sponsor_id);
void            dl_member_set_status        (DlMember       *self,
                                             DlMemberStatus  status);
void            dl_member_set_status_since  (DlMember *self,
                                             DlDay     status_since);
void            dl_member_set_snoozed_until (DlMember *self,
                                             DlDay     snoozed_until);

G_END_DECLS

/* dl-member-list.h — every member, in the tree's order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_MEMBER_LIST (dl_member_list_get_type ())

G_DECLARE_FINAL_TYPE (DlMemberList, dl_member_list, DL, MEMBER_LIST, GObject)

DlMemberList *dl_member_list_new      (DlStore      *store);
/* The tree the list is drawn from; replaced (notify::tree) after every
 * change to members or their names, so the canvas, the due list and
 * the table share one load. */
DlTree       *dl_member_list_get_tree (DlMemberList *self);

G_END_DECLS

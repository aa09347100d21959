/* dl-store-downline.h — what the Downline view asks of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

/* The person id of the member with this back-office number, or 0 with
 * DL_STORE_ERROR_NOT_FOUND and a message naming the number. */
gint64 dl_store_find_member_by_number (DlStore     *self,
                                       const char  *member_number,
                                       GError     **error);

G_END_DECLS

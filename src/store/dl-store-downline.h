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

/* Saves a member's person fields (dl_store_update_person) and member
 * fields (dl_store_update_member) as one change: if either is refused,
 * neither is saved and the shared items show the database again.  The
 * drafts are copies of the member and of their person; to undo, save
 * copies taken before the edit. */
gboolean dl_store_save_member_edit (DlStore   *self,
                                    DlPerson  *person_draft,
                                    DlMember  *member_draft,
                                    GError   **error);

/* What tells the member apart from others of the same name, for a
 * picker's subtitle: "#10002345 · Lyon · sponsor Ana Ruiz" (the parts
 * known; translated plain text, "" when none is).  person_id need not be
 * a member: a person's city alone then. */
char  *dl_store_describe_member       (DlStore     *self,
                                       gint64       person_id);
/* The same from what is known already (the search's hits): any part may
 * be NULL or empty. */
char  *dl_describe_member             (const char  *member_number,
                                       const char  *city,
                                       const char  *sponsor_name,
                                       gboolean     sponsor_is_user);

G_END_DECLS

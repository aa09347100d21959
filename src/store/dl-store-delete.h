/* dl-store-delete.h — deleting a person so that Undo brings all of them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

/* Everything a deleted person took with them: their rows and the rows
 * that pointed at them, as they were. */
typedef struct _DlDeletedPerson DlDeletedPerson;

/* Deletes the person as dl_store_delete_person does (the same refusals:
 * the user, a member with recruits) and returns what was deleted, for
 * dl_store_restore_deleted.  NULL with error set when refused. */
DlDeletedPerson *dl_store_delete_person_keeping (DlStore          *self,
                                                 gint64            person_id,
                                                 GError          **error);
/* Puts every row back as it was, in one transaction: the person, their
 * member and prospect rows, contacts, letters, placement, monthly
 * figures and events, and the placements that pointed at them.  Returns
 * the id they are back under: their own, or a new one when someone
 * added since was given it.  Fails (0) with DL_STORE_ERROR_DUPLICATE,
 * changing nothing, when their member number was given to someone else
 * since, or they are back already. */
gint64           dl_store_restore_deleted       (DlStore          *self,
                                                 DlDeletedPerson  *deleted,
                                                 GError          **error);
#define DL_TYPE_DELETED_PERSON (dl_deleted_person_get_type ())
GType            dl_deleted_person_get_type     (void) G_GNUC_CONST;
DlDeletedPerson *dl_deleted_person_ref          (DlDeletedPerson  *deleted);
void             dl_deleted_person_unref        (DlDeletedPerson  *deleted);
/* The name, for a toast ("Deleted Ana Ruiz"). */
const char      *dl_deleted_person_get_name     (DlDeletedPerson  *deleted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlDeletedPerson, dl_deleted_person_unref)

G_END_DECLS

/* dl-store-list.h — a list model of one kind of row, kept in step with
 * the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_STORE_LIST (dl_store_list_get_type ())

G_DECLARE_FINAL_TYPE (DlStoreList, dl_store_list, DL, STORE_LIST, GObject)

/* ids_sql selects the row ids in list order; ?1, if present, is bound to
 * param.  The list reloads on "changed::<entity>" and reports the
 * difference as one items-changed. */
DlStoreList *dl_store_list_new    (DlStore       *store,
                                   DlStoreEntity  entity,
                                   const char    *ids_sql,
                                   gint64         param);
/* The row id at position, or 0 past the end; no item is made. */
gint64       dl_store_list_get_id (DlStoreList   *self,
                                   guint          position);
/* The position of id, or -1 when it is not in the list. */
int          dl_store_list_find   (DlStoreList   *self,
                                   gint64         id);
void         dl_store_list_reload (DlStoreList   *self);

G_END_DECLS

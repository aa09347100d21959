/* dl-downline-rows.h — the Table's rows: members of the tree, places of a
 * flat list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the Downline folder.
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-tree.h"

G_BEGIN_DECLS

#define DL_TYPE_DOWNLINE_ROW (dl_downline_row_get_type ())
G_DECLARE_FINAL_TYPE (DlDownlineRow, dl_downline_row, DL, DOWNLINE_ROW, GObject)

/* A flat list: tree indices in the order shown. */
#define DL_TYPE_INDEX_LIST (dl_index_list_get_type ())
G_DECLARE_FINAL_TYPE (DlIndexList, dl_index_list, DL, INDEX_LIST, GObject)

struct _DlIndexList
{
  GObject  parent_instance;
  guint32 *indices;
  guint    n;
};

/* A row of the tree, showing the member of tree index index. */
DlDownlineRow *dl_downline_row_new        (guint        index);
/* A tree row shows the member of index in another tree (the same
 * person, read again after an edit): its widgets stay, and the caller
 * says its cells again. */
void           dl_downline_row_set_member (DlDownlineRow *row,
                                           guint          index);
/* The member row shows: DL_TREE_NO_PARENT for a place that has just
 * left its list. */
guint          dl_downline_row_get_member (DlDownlineRow *row);
/* The member an item of the list view shows (a GtkTreeListRow or a
 * DlDownlineRow); DL_TREE_NO_PARENT: none any more. */
guint          dl_downline_row_index_of   (gpointer     item);

/* A list of indices (taken) in that order. */
DlIndexList   *dl_index_list_new          (guint32     *indices,
                                           guint        n);
/* Takes indices: the list shows them from now on.  Its places that stay
 * are the same rows, showing other members (the caller says the cells
 * again); only places added or gone at the end are a change GTK hears
 * of. */
void           dl_index_list_set          (DlIndexList *list,
                                           guint32     *indices,
                                           guint        n);
/* The place of index, or GTK_INVALID_LIST_POSITION. */
guint          dl_index_list_find         (DlIndexList *list,
                                           guint32      index);

G_END_DECLS

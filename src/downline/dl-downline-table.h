/* dl-downline-table.h — the downline as an accessible, sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-tree-render.h"

G_BEGIN_DECLS

#define DL_TYPE_DOWNLINE_TABLE (dl_downline_table_get_type ())

G_DECLARE_FINAL_TYPE (DlDownlineTable, dl_downline_table, DL, DOWNLINE_TABLE, GtkWidget)

/* The table shows tree with facts (both borrowed: keep them alive until
 * the next call, or NULL). */
void     dl_downline_table_set_tree     (DlDownlineTable   *self,
                                         DlTree            *tree,
                                         const DlTreeFacts *facts);
gint64   dl_downline_table_get_selected (DlDownlineTable   *self);
/* Expands the member's sponsors and selects their row; -1 clears. */
void     dl_downline_table_select       (DlDownlineTable   *self,
                                         gint64             index);

G_END_DECLS

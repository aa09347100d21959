/* dl-downline-table.h — the downline as an accessible, sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-store.h"
#include "dl-tree-render.h"

G_BEGIN_DECLS

#define DL_TYPE_DOWNLINE_TABLE (dl_downline_table_get_type ())

G_DECLARE_FINAL_TYPE (DlDownlineTable, dl_downline_table, DL, DOWNLINE_TABLE, GtkWidget)

/* The columns, in the order shown: the name first (GTK 4.8 cannot pin
 * a column, so the one a person reads a row by is where a sideways
 * scroll starts).  Those from the back office show what its latest
 * export said; the member number, GV, the next autoship, the join day,
 * the orders and the two trees' parents are hidden until chosen under
 * Columns. */
typedef enum
{
  DL_DOWNLINE_COLUMN_NAME,
  DL_DOWNLINE_COLUMN_MEMBER_NUMBER, /* the back office's, read for the rows on screen */
  DL_DOWNLINE_COLUMN_LEVEL,
  DL_DOWNLINE_COLUMN_STATUS,
  DL_DOWNLINE_COLUMN_RANK,          /* the highest rank reached */
  DL_DOWNLINE_COLUMN_PAID_RANK,     /* the latest month's */
  DL_DOWNLINE_COLUMN_PV,            /* the latest month's, in whole points */
  DL_DOWNLINE_COLUMN_GV,
  DL_DOWNLINE_COLUMN_TEAM,          /* everyone below them in the tree shown */
  DL_DOWNLINE_COLUMN_AUTOSHIP,      /* on or off, and the next one's date */
  DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP, /* the date alone, to sort on */
  DL_DOWNLINE_COLUMN_RISK,
  DL_DOWNLINE_COLUMN_LAST_CONTACT,
  DL_DOWNLINE_COLUMN_NEXT_DUE,
  DL_DOWNLINE_COLUMN_RECRUITS,      /* whom they enrolled, whichever tree is shown */
  DL_DOWNLINE_COLUMN_JOINED,
  DL_DOWNLINE_COLUMN_FIRST_ORDER,
  DL_DOWNLINE_COLUMN_LAST_ORDER,
  DL_DOWNLINE_COLUMN_SPONSOR,       /* who enrolled them */
  DL_DOWNLINE_COLUMN_PLACED_UNDER,  /* where the company placed them */
  DL_DOWNLINE_COLUMN_PHONE,
  DL_DOWNLINE_COLUMN_EMAIL,
  DL_DOWNLINE_N_COLUMNS
} DlDownlineColumn;

/* Which members the table lists: the whole downline as a tree, or a
 * flat list of everyone who matches, wherever they are in the tree.
 * The filter drop-down above the table lists these first, then one item
 * per rank, up the ladder.  Sorted by a column, the whole downline is a
 * flat ranking too: everyone but the user, whatever their level. */
typedef enum
{
  DL_DOWNLINE_FILTER_NONE,
  DL_DOWNLINE_FILTER_HIGH_RISK,     /* the tree's "High risk" highlight */
  DL_DOWNLINE_FILTER_NOT_WELCOMED,  /* Today's welcome list */
  DL_DOWNLINE_FILTER_DUE,           /* a check-in due today or overdue */
  DL_DOWNLINE_FILTER_RANK,          /* a given rank */
} DlDownlineFilter;

/* The table shows tree with facts (both borrowed: keep them alive until
 * the next call, or NULL). */
void     dl_downline_table_set_tree     (DlDownlineTable   *self,
                                         DlTree            *tree,
                                         const DlTreeFacts *facts);
/* Where the phone and e-mail columns are read from (only for the rows
 * on screen), and the back office's figures (once per tree, while the
 * table is shown); NULL leaves them empty. */
void     dl_downline_table_set_store    (DlDownlineTable   *self,
                                         DlStore           *store);
gint64   dl_downline_table_get_selected (DlDownlineTable   *self);
/* The filter chosen in the drop-down; for DL_DOWNLINE_FILTER_RANK,
 * *rank (when not NULL) is the rank's name, owned by the table. */
DlDownlineFilter dl_downline_table_get_filter (DlDownlineTable *self,
                                               const char     **rank);
/* Expands the member's sponsors (in the tree), selects their row and
 * scrolls it into view; -1 clears. */
void     dl_downline_table_select       (DlDownlineTable   *self,
                                         gint64             index);

/* As a click on the column's header does: the members listed, ranked
 * by the column as one flat list from its top; column
 * DL_DOWNLINE_N_COLUMNS for the downline's own order (the tree, under
 * "Whole downline").  A third click on a header does that too. */
void     dl_downline_table_sort_by      (DlDownlineTable   *self,
                                         DlDownlineColumn   column,
                                         GtkSortType        order);
/* TRUE once the back office's figures of the tree shown are read
 * (::notify::has-figures says when). */
gboolean dl_downline_table_has_figures  (DlDownlineTable   *self);
/* The column, to show or hide it (as its header's menu does). */
GtkColumnViewColumn *dl_downline_table_get_column (DlDownlineTable  *self,
                                                   DlDownlineColumn  column);
/* The rows as shown, or NULL before a tree: GtkTreeListRow items in
 * the tree, items of the table's own in a flat list (a filter, or a
 * sort), which dl_downline_table_get_index_at () reads. */
GListModel *dl_downline_table_get_rows  (DlDownlineTable   *self);
/* The tree index of a shown row, or -1. */
gint64   dl_downline_table_get_index_at (DlDownlineTable   *self,
                                         guint              position);
/* Moves the keyboard focus into the rows (past the filter above them),
 * as T does when it opens the table. */
gboolean dl_downline_table_focus_rows   (DlDownlineTable   *self);
/* TRUE when the rows are a flat list (a filter, or a sort), FALSE for
 * the tree. */
gboolean dl_downline_table_is_flat      (DlDownlineTable   *self);
/* Selects the row at position, as a click on it does. */
void     dl_downline_table_select_position (DlDownlineTable *self,
                                            guint            position);

G_END_DECLS

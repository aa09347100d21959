/* dl-downline-table-private.h — what the Table's files share: the
 * widget's fields, its cells and its sorting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dl-downline-table.c is the widget (its model, filter and selection),
 * dl-downline-table-cells.c what each cell says, dl-downline-table-sort.c
 * how a flat list is ranked, dl-downline-rows.c the rows themselves.
 */

#pragma once

#include "dl-downline-rows.h"
#include "dl-downline-table.h"
#include "dl-store-figures.h"

G_BEGIN_DECLS

#define NONE DL_TREE_NO_PARENT

struct _DlDownlineTable
{
  GtkWidget           parent_instance;

  GtkWidget          *filter_bar;
  GtkDropDown        *filter_dropdown;
  GtkStringList      *filter_items;
  GtkLabel           *count_label;
  GArray             *item_rank;     /* guint16: the rank of each rank item, in order */
  DlDownlineFilter    filter;
  char               *rank_name;     /* the rank filtered on */
  guint16             rank;
  gboolean            filling;       /* the drop-down's items are being replaced */
  DlStore            *store;
  /* Phone, e-mail and member number of the people whose cells were
   * said (person id → DlDownlineContact), kept until the store says
   * they changed: every cell is said again after each edit, and each
   * read two rows from the store. */
  GHashTable         *contacts;

  GtkScrolledWindow  *scrolled;
  GtkColumnView      *view;
  GtkSingleSelection *selection;
  GtkTreeListModel   *tree_model;    /* the rows of the tree, or NULL */
  /* Every list of rows the tree model holds (the roots', and the
   * recruits' of each row opened): GListStore → the person whose
   * recruits it lists, 0 for the roots.  Weak: a list the model lets go
   * of (its row closed) leaves. */
  GHashTable         *row_lists;
  DlIndexList        *flat;          /* the rows of a flat list, or NULL */

  /* The column the rows are ranked by (as the headers' sorter says),
   * or -1: the downline's own order. */
  int                 sort_column;
  GtkSortType         sort_order;
  int                 probed_column;
  gboolean            sorting_by_code;
  /* A row to scroll to once the rows have a size (the table was hidden). */
  guint               pending_scroll;
  guint               scroll_tick;
  /* Each member's place among all by name (for the name and parent
   * columns), worked out for name_order_tree on the first sort by one. */
  guint32            *name_order;
  DlTree             *name_order_tree;

  GtkColumnViewColumn *columns[DL_DOWNLINE_N_COLUMNS];
  GMenu              *columns_menu;   /* the headers' menu: one check item per column but Name */
  GtkWidget          *columns_button; /* Columns: check buttons that stay open while toggled */
  GSimpleActionGroup *actions;        /* "table": whether each column shows */

  DlTree             *tree;
  const DlTreeFacts  *facts;
  gboolean            syncing;
  GHashTable         *bound;         /* the cells bound to a row: GtkListItem */
  GPtrArray          *stale_cells;   /* bound cells off screen to say again at idle */
  guint               stale_idle;
  gboolean            cells_stale;   /* every cell, once the table is shown */

  /* The back office's figures of the tree (of another tree until the
   * new one's are read), and the read under way. */
  DlTreeFigures      *figures;
  GCancellable       *figures_cancellable;
  /* Ranks sort by their place on the ladder, then by name: each rank of
   * the tree and of the figures, its position in that order. */
  guint32            *tree_rank_order;
  guint32            *figures_rank_order;
};

/* ---- Cells (dl-downline-table-cells.c) ------------------------------ */

/* The table's store from now on (NULL for none): its contact columns
 * read it, and forget what they read when it says people changed. */
void dl_downline_table_cells_set_store (DlDownlineTable *self,
                                        DlStore         *store);

/* What each column is called and how its cells look. */
typedef struct
{
  const char *key;        /* its action: table.show-KEY */
  const char *title;
  int         width;      /* pixels */
  gboolean    numeric;
  gboolean    sortable;   /* phone, e-mail and member number are not in
                           * the tree: sorting them would read the whole
                           * downline's */
  gboolean    shown;      /* before the user chooses under Columns */
} DlDownlineColumnInfo;

extern const DlDownlineColumnInfo dl_downline_column_info[DL_DOWNLINE_N_COLUMNS];

/* Each of n ranks' position when sorted by the usual ladder (Silver
 * under Gold), then by name; no rank is first.  A few dozen ranks, so
 * sorting a million members costs one lookup a member. */
guint32 *dl_downline_table_rank_order (guint n,
                                       const char *(*name) (gconstpointer owner, guint rank),
                                       gconstpointer owner);

const char *dl_downline_table_tree_rank_name (gconstpointer tree,
                                              guint rank);

const char *dl_downline_table_figures_rank_name (gconstpointer figures,
                                                 guint rank);

guint32 dl_downline_table_rank_key (DlDownlineTable *self,
                                    guint i);

/* Every cell bound says its row again: the figures were read, the facts
 * are new (a contact), or a flat list's places show other members.  The
 * rows stay as they are, opened and scrolled.  GTK 4.8 binds some 200
 * rows around the view, 2,800 cells: those on screen say it now, the
 * others at idle, a few hundred at a time (all at once was 50-100 ms);
 * a hidden table waits until it is shown. */
void dl_downline_table_refresh_cells (DlDownlineTable *self);

void dl_downline_table_setup_cell_cb (GtkSignalListItemFactory *factory,
                                      GtkListItem *item,
                                      DlDownlineTable *self);

void dl_downline_table_bind_cell_cb (GtkSignalListItemFactory *factory,
                                     GtkListItem *item,
                                     DlDownlineTable *self);

void dl_downline_table_unbind_cell_cb (GtkSignalListItemFactory *factory,
                                       GtkListItem *item,
                                       DlDownlineTable *self);

gboolean dl_downline_table_column_needs_figures (guint column);

/* The figures of the tree shown, or NULL until they are read. */
const DlTreeFigures *dl_downline_table_tree_figures (DlDownlineTable *self);

/* The next autoship's day, while the autoship is on and the export
 * gave it; DL_DAY_NONE otherwise. */
DlDay dl_downline_table_next_autoship (DlDownlineTable *self,
                                       guint i);

DlDay dl_downline_table_due_day (DlDownlineTable *self,
                                 guint index);

/* Whom the member enrolled: the enrollment tree's children, whichever
 * tree is shown (a placement parent's children are not their
 * recruits); -1 while the placement tree's figures are being read. */
gint64 dl_downline_table_recruits (DlDownlineTable *self,
                                   guint i);

/* The member's enroller or placement parent, as an index in the tree
 * shown; NONE when not known or nobody. */
guint32 dl_downline_table_other_parent (DlDownlineTable *self,
                                        guint column,
                                        guint i);

/* ---- Sorting (dl-downline-table-sort.c) ---------------------------- */

/* Ranks the n members of indices (in the downline's order) by the sort
 * column, in place; by name, once the names' order is worked out. */
gboolean dl_downline_table_sort_members (DlDownlineTable *self,
                                         guint32 *indices,
                                         guint n);

/* The headers' sorter only says which column it sorts by, and which
 * way, from GTK 4.10: it is asked to compare two rows, and the column
 * that answers first (its primary one) is written down; its answer,
 * turned round or not, is the way. */
int dl_downline_table_probe_cb (gconstpointer a,
                                gconstpointer b,
                                gpointer user_data);

void dl_downline_table_probe_sort (DlDownlineTable *self,
                                   int *column,
                                   GtkSortType *order);

/* ---- The widget (dl-downline-table.c) ------------------------------- */

/* Another sort: the same member stays selected when listed, and a
 * ranking shows from its top (the tree goes back to the selection). */
void dl_downline_table_resort (DlDownlineTable *self,
                               gboolean to_top);


G_END_DECLS

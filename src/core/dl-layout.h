/* dl-layout.h — a compact top-down layout of the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Network-marketing trees are wide and shallow: a distributor has dozens
 * of personal recruits, most of whom never recruit.  A classic tidy tree
 * lays every leaf side by side and turns such a tree into a strip one
 * box high.  This layout keeps the tidy tree's guarantees (no overlaps,
 * each parent centred over its group, recruits in their order, linear
 * time) but packs each group as organisation charts do:
 *
 *  - recruits without recruits of their own ("leaves") stand in compact
 *    columns under their sponsor, first column top to bottom, then the
 *    next (a line down the left of each column joins them);
 *  - recruits with groups follow, left to right, wrapping into rows; a
 *    large group can take several shapes (narrow and tall to wide and
 *    short) and takes the one that fits the row it stands in, and the
 *    top group is wrapped to fit the target aspect ratio (the screen's),
 *    so the whole drawing's shape follows the screen.
 *
 * Each subtree is a rectangle; a group is a block of rows of those
 * rectangles, centred under its sponsor.  Two passes, no recursion: the
 * tree is in depth-first pre-order, so walking the indices backwards
 * measures every child before its parent, and forwards places every
 * parent before its children.  All arrays are indexed like the tree.
 *
 * Coordinates are "world" units: pixels at zoom 1.  A node's box is
 * DL_LAYOUT_NODE_W × DL_LAYOUT_NODE_H, centred on x, top at y.
 *
 * A node is hidden when an ancestor is collapsed.  A node with more than
 * the fold threshold of recruits starts collapsed ("folded"), so a huge
 * fan-out is one node until the user expands it.  Several roots (the user
 * and members whose sponsor is unknown) are laid out like the recruits of
 * one invisible sponsor, the user first.
 */

#pragma once

#include "dl-tree.h"
#include "dl-tree-edit.h"

G_BEGIN_DECLS

#define DL_LAYOUT_NODE_W        160.0
#define DL_LAYOUT_NODE_H         56.0
#define DL_LAYOUT_GAP_X           8.0   /* between neighbours in a row */
#define DL_LAYOUT_LEVEL_GAP      24.0   /* between a sponsor and its group, and between rows */
#define DL_LAYOUT_STACK_GAP       6.0   /* between boxes in a column of leaves */
#define DL_LAYOUT_INDENT         10.0   /* room for the line down a column of leaves */
#define DL_LAYOUT_GUTTER         12.0   /* room for the line down a wrapped group */
#define DL_LAYOUT_PITCH_X       (DL_LAYOUT_NODE_W + DL_LAYOUT_GAP_X)
#define DL_LAYOUT_PITCH_Y       (DL_LAYOUT_NODE_H + DL_LAYOUT_LEVEL_GAP)
#define DL_LAYOUT_STACK_PITCH   (DL_LAYOUT_NODE_H + DL_LAYOUT_STACK_GAP)
#define DL_LAYOUT_FOLD_DEFAULT  200
#define DL_LAYOUT_ASPECT_DEFAULT (16.0 / 9.0)

/* How a shown node hangs from its sponsor, for drawing the lines. */
typedef enum
{
  DL_LAYOUT_KIND_ROW,           /* in a row: a drop from the row's bus */
  DL_LAYOUT_KIND_COLUMN_HEAD,   /* top of a column of leaves: the column's line starts at the bus */
  DL_LAYOUT_KIND_COLUMN,        /* further down a column of leaves */
} DlLayoutKind;

typedef struct _DlLayout DlLayout;

DlLayout     *dl_layout_new                (DlTree       *tree);
void          dl_layout_free               (DlLayout     *layout);
DlTree       *dl_layout_get_tree           (DlLayout     *layout);

/* The subtree to lay out: DL_TREE_NO_PARENT (the default) for every root
 * side by side, or one node's index ("focus"). */
void          dl_layout_set_root           (DlLayout     *layout,
                                            guint         root);
guint         dl_layout_get_root           (DlLayout     *layout);
void          dl_layout_set_fold_threshold (DlLayout     *layout,
                                            guint         threshold);
/* The width : height the drawing should take (the screen's, or an
 * export's page); DL_LAYOUT_ASPECT_DEFAULT until set.  Takes effect at
 * the next dl_layout_run(). */
void          dl_layout_set_aspect         (DlLayout     *layout,
                                            double        aspect);
double        dl_layout_get_aspect         (DlLayout     *layout);
/* Collapsing a node hides its descendants; expanding a folded node shows
 * every recruit.  Takes effect at the next dl_layout_run(). */
void          dl_layout_set_collapsed      (DlLayout     *layout,
                                            guint         index,
                                            gboolean      collapsed);
/* Whether the node hides its recruits (collapsed by hand or folded);
 * FALSE for a node without recruits. */
gboolean      dl_layout_is_collapsed       (DlLayout     *layout,
                                            guint         index);
/* Folded by the fan-out rule rather than by the user. */
gboolean      dl_layout_is_folded          (DlLayout     *layout,
                                            guint         index);
void          dl_layout_expand_all         (DlLayout     *layout);
/* Carries what the user folded and unfolded in from over to layout (a
 * reloaded tree), matching members by person id. */
void          dl_layout_copy_fold_state    (DlLayout     *layout,
                                            DlLayout     *from);
/* Makes layout the layout of tree (the same business after an edit) in
 * the memory it has: what the user folded and unfolded stays so by
 * person, and the aspect and fold threshold stay; the root is cleared,
 * as in a new layout.  Call dl_layout_run() after.  A new layout at a
 * million members was mostly page faults, and two were held at once. */
void          dl_layout_set_tree           (DlLayout     *layout,
                                            DlTree       *tree);

/* The same for tree that is the layout's tree with one edit (found by
 * dl_tree_edit_find () against the layout's tree): the next
 * dl_layout_run () lays out again only the groups the edit changed, on
 * the way up from it, and moves the rest; a million members unfolded
 * take a few milliseconds instead of tens.  The root stays on the
 * member it was on.  An edit the layout cannot follow (one that folds
 * or unfolds a group by the fan-out rule, or shows or hides a member)
 * is taken as dl_layout_set_tree () does, but for the root; returns
 * whether it is followed.  Anything set since the last run, before
 * or after this (a root, a fold, the aspect), makes the next run a
 * whole one. */
gboolean      dl_layout_set_tree_edited    (DlLayout         *layout,
                                            DlTree           *tree,
                                            const DlTreeEdit *edit);
/* Computes positions.  Linear in the number of members in the root's
 * range: a million in a few tens of milliseconds. */
void          dl_layout_run                (DlLayout     *layout);

/* How many runs laid out everything rather than follow an edit. */
guint         dl_layout_get_whole_runs     (DlLayout     *layout);
/* The first and one-past-last index of the laid-out range. */
guint         dl_layout_get_begin          (DlLayout     *layout);
guint         dl_layout_get_end            (DlLayout     *layout);
/* Shown: in the range and no collapsed ancestor within it. */
gboolean      dl_layout_is_shown           (DlLayout     *layout,
                                            guint         index);
/* The next index after index's shown subtree (skips hidden descendants
 * of a collapsed node): for walking shown nodes in pre-order. */
guint         dl_layout_skip_subtree       (DlLayout     *layout,
                                            guint         index);
/* Shown recruits only: DL_TREE_NO_PARENT when none are shown. */
guint         dl_layout_first_child        (DlLayout     *layout,
                                            guint         index);
guint         dl_layout_last_child         (DlLayout     *layout,
                                            guint         index);
guint         dl_layout_prev_sibling       (DlLayout     *layout,
                                            guint         index);

double        dl_layout_get_x              (DlLayout     *layout,
                                            guint         index);
double        dl_layout_get_y              (DlLayout     *layout,
                                            guint         index);
guint         dl_layout_get_depth          (DlLayout     *layout,
                                            guint         index);
DlLayoutKind  dl_layout_get_kind           (DlLayout     *layout,
                                            guint         index);
/* Where the lines to index's recruits run: the y of the bus above the
 * row (or column) that holds child, and the x of the line joining the
 * rows of a wrapped group (index's own x when the group is one row). */
double        dl_layout_get_bus_y          (DlLayout     *layout,
                                            guint         child);
double        dl_layout_get_group_x        (DlLayout     *layout,
                                            guint         index);
/* The box around the shown subtree of index, in world units. */
void          dl_layout_get_subtree_bounds (DlLayout     *layout,
                                            guint         index,
                                            double       *x0,
                                            double       *y0,
                                            double       *x1,
                                            double       *y1);
/* The box around everything shown; all 0 when nothing is. */
void          dl_layout_get_bounds         (DlLayout     *layout,
                                            double       *x0,
                                            double       *y0,
                                            double       *x1,
                                            double       *y1);

/* The shown node whose box contains the world point, or -1.  Prunes by
 * subtree bounds: about depth × siblings steps, not the whole tree. */
gint64        dl_layout_hit_test           (DlLayout     *layout,
                                            double        wx,
                                            double        wy);

G_END_DECLS

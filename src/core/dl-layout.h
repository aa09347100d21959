/* dl-layout.h — a tidy top-down layout of the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Places every shown member of a DlTree with the linear-time algorithm of
 * Buchheim, Jünger and Leipert (Walker's tidy trees, improved): parents
 * centred over their children, siblings in their order, subtrees pushed
 * apart only as far as needed.  No recursion: the tree is in depth-first
 * pre-order, so walking the indices backwards visits every child before
 * its parent, and forwards every parent before its children.  All arrays
 * are indexed like the tree.
 *
 * Coordinates are "world" units: pixels at zoom 1.  A node's box is
 * DL_LAYOUT_NODE_W × DL_LAYOUT_NODE_H, centred on x, top at y.
 *
 * A node is hidden when an ancestor is collapsed.  A node with more than
 * the fold threshold of recruits starts collapsed ("folded"), so a huge
 * fan-out is one node until the user expands it.  Several roots (the user
 * and members whose sponsor is unknown) stand side by side, the user first.
 */

#pragma once

#include "dl-tree.h"

G_BEGIN_DECLS

#define DL_LAYOUT_NODE_W        160.0
#define DL_LAYOUT_NODE_H         56.0
#define DL_LAYOUT_PITCH_X       176.0   /* centre to centre of neighbours */
#define DL_LAYOUT_PITCH_Y       104.0   /* top to top of levels */
#define DL_LAYOUT_ROOT_GAP        2.0   /* extra pitches between root trees */
#define DL_LAYOUT_FOLD_DEFAULT  200

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

/* Computes positions.  Linear in the number of members in the root's
 * range: a million in a few tens of milliseconds. */
void          dl_layout_run                (DlLayout     *layout);

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

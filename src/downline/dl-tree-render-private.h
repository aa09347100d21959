/* dl-tree-render-private.h — what the tree's drawing shares with its
 * colour classes and legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dl-tree-render.c draws the tree; dl-tree-render-classes.c holds the
 * colour classes, the facts they come from and the legend.  Not
 * installed.
 */

#pragma once

#include "dl-tree-render.h"

G_BEGIN_DECLS

#define NONE DL_TREE_NO_PARENT

/* A box's outline, its corners rounded by r (square under a pixel). */
void dl_tree_render_box_path (cairo_t *cr,
                              double   x,
                              double   y,
                              double   w,
                              double   h,
                              double   r);

G_END_DECLS

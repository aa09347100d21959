/* dl-tree-canvas.h — the downline drawn as an interactive tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-tree-render.h"

G_BEGIN_DECLS

#define DL_TYPE_TREE_CANVAS (dl_tree_canvas_get_type ())

G_DECLARE_FINAL_TYPE (DlTreeCanvas, dl_tree_canvas, DL, TREE_CANVAS, GtkWidget)

GtkWidget   *dl_tree_canvas_new           (void);
/* Takes the tree and its facts (facts is consumed); lays it out. */
void         dl_tree_canvas_set_tree      (DlTreeCanvas *self,
                                           DlTree       *tree,
                                           DlTreeFacts  *facts);
/* The layout a canvas shows a tree with first: the overview, every
 * group folded.  GTK-free and safe in any thread, so that a million
 * members are laid out beside their facts rather than after them on the
 * window's thread. */
DlLayout    *dl_tree_canvas_first_layout  (DlTree       *tree);
/* Like set_tree (); layout (consumed, may be NULL) is one
 * dl_tree_canvas_first_layout () made for tree, taken when this is the
 * canvas's first tree; else the canvas lays out as set_tree () does. */
void         dl_tree_canvas_set_tree_laid_out (DlTreeCanvas *self,
                                               DlTree       *tree,
                                               DlTreeFacts  *facts,
                                               DlLayout     *layout);
/* Like set_tree () for tree that is the canvas's tree with edit (found
 * by dl_tree_edit_find () against it): the layout follows the edit
 * (dl_layout_set_tree_edited ()), and the root stays on its member. */
void         dl_tree_canvas_set_tree_edited (DlTreeCanvas     *self,
                                             DlTree           *tree,
                                             DlTreeFacts      *facts,
                                             const DlTreeEdit *edit);
DlTree      *dl_tree_canvas_get_tree      (DlTreeCanvas *self);
/* How many times the canvas has drawn a tree (0 until the first): a
 * tree loaded is not yet a tree seen, which waits for the canvas to be
 * on screen with a size.  Read after a frame clock's ::after-paint, a
 * count that moved means that frame showed the tree (bench-open). */
guint        dl_tree_canvas_get_n_draws   (DlTreeCanvas *self);
DlLayout    *dl_tree_canvas_get_layout    (DlTreeCanvas *self);
const DlTreeFacts *dl_tree_canvas_get_facts (DlTreeCanvas *self);
/* The view as drawn now: for exporting exactly what is on screen. */
void         dl_tree_canvas_get_view      (DlTreeCanvas *self,
                                           DlRenderView *view);

gint64       dl_tree_canvas_get_selected  (DlTreeCanvas *self);
/* -1 clears; scrolls the node into view when reveal is set. */
void         dl_tree_canvas_select        (DlTreeCanvas *self,
                                           gint64        index,
                                           gboolean      reveal);
void         dl_tree_canvas_set_colour_by (DlTreeCanvas *self,
                                           DlColourBy    colour_by);
void         dl_tree_canvas_set_highlight (DlTreeCanvas *self,
                                           DlHighlight   highlight);
double       dl_tree_canvas_get_zoom      (DlTreeCanvas *self);
void         dl_tree_canvas_zoom_by       (DlTreeCanvas *self,
                                           double        factor);
void         dl_tree_canvas_zoom_to_fit   (DlTreeCanvas *self);
/* Re-roots the drawing on a member (-1: everyone). */
void         dl_tree_canvas_focus         (DlTreeCanvas *self,
                                           gint64        index);
gint64       dl_tree_canvas_get_focus     (DlTreeCanvas *self);
void         dl_tree_canvas_toggle_collapsed (DlTreeCanvas *self,
                                              guint         index);
/* Search hits (one byte a node), or NULL. Borrowed until the next call. */
void         dl_tree_canvas_set_matches   (DlTreeCanvas *self,
                                           const guint8 *matches);
/* Animated pan and zoom onto a member, expanding what hides them. */
void         dl_tree_canvas_fly_to        (DlTreeCanvas *self,
                                           guint         index);
/* Widget coordinates to a member, or -1. */
gint64       dl_tree_canvas_hit_test      (DlTreeCanvas *self,
                                           double        x,
                                           double        y);

G_END_DECLS

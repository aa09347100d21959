/* dl-layout-private.h — the layout's arrays, for its two files and the drawing code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer reads positions of thousands of nodes a frame; through
 * these inline accessors that costs no function calls.  Nothing but
 * dl-layout.c (the object, the folds) and dl-layout-passes.c (the
 * positions) writes these fields.
 */

#pragma once

#include "dl-layout.h"

G_BEGIN_DECLS

enum
{
  STATE_DEFAULT,
  STATE_COLLAPSED,
  STATE_EXPANDED,
};

/* One way to arrange a group: rows about r high (leaf columns per_col
 * deep, each big recruit in its narrowest shape no taller than r),
 * wrapped at limit; w × h is the subtree it makes. */
typedef struct
{
  double w;
  double h;
  double r;
  double limit;
  guint  per_col;
} DlLayoutShape;

/* A recruit with a group, in the shape taken for the try at hand. */
typedef struct
{
  guint32 c;
  guint32 row;
  guint   pick;
  double  w;
  double  h;
} DlLayoutItem;

struct _DlLayout
{
  DlTree           *tree;
  const DlTreeNode *nodes;
  guint             n;
  guint             capacity;   /* of the per-member arrays below */

  guint             root;
  guint             fold;
  double            aspect;
  guint             begin;
  guint             end;
  gboolean          ran;

  /* The tree's links (dl_tree_get_links ()), 4 bytes a node instead of
   * a whole DlTreeNode cache line per visit: the walks are bound by
   * memory.  The tree's own arrays, not copies. */
  const guint32    *parent;
  const guint32    *next_sibling;
  const guint32    *n_children;
  const guint32    *size;

  guint8           *state;
  guint8           *shown;
  guint8           *kind;       /* DL_LAYOUT_KIND_* */
  guint32          *depth;
  guint32          *first;      /* shown children, or NONE */
  guint32          *last;
  guint32          *prev;
  guint32          *row;        /* scratch: the row of a recruit with a group */
  double           *sw;         /* subtree width and height */
  double           *sh;
  double           *ox;         /* subtree's offset in its parent's group block */
  double           *oy;
  double           *gx;         /* x of the line down the left of a wrapped group */
  double           *x;          /* box centre, world units */
  double           *y;          /* box top */
  double           *bx0;        /* the subtree's box */
  double           *bx1;
  double           *by1;
  guint32          *shape;      /* a big subtree's first Shape in shapes, or NONE */
  guint8           *n_shapes;
  guint8           *pick;       /* the one its sponsor chose */
  gpointer          rows;       /* scratch: Row, room for row_cap */
  guint             row_cap;
  guint             n_rows;
  GArray           *shapes;     /* Shape: what each big subtree can be */
  GArray           *items;      /* scratch: Item, a group's recruits with groups */
  GArray           *found;      /* scratch: Shape, a big group's tries */
  GArray           *heights;    /* scratch: double, the row heights to try */
};

static inline double
dl_layout_x_fast (const DlLayout *self, guint i)
{
  return self->x[i];
}

static inline double
dl_layout_y_fast (const DlLayout *self, guint i)
{
  return self->y[i];
}

static inline void
dl_layout_bounds_fast (const DlLayout *self, guint i,
                       double *x0, double *y0, double *x1, double *y1)
{
  *x0 = self->bx0[i];
  *x1 = self->bx1[i];
  *y0 = self->y[i];
  *y1 = self->by1[i];
}

static inline guint32
dl_layout_first_child_fast (const DlLayout *self, guint i)
{
  return self->first[i];
}

/* Whether the layout folds i by the threshold (no choice of the user's
 * either way), and whether i's recruits are hidden, folded or closed. */
static inline gboolean
dl_layout_folds_at (const DlLayout *self,
                    guint           i)
{
  return self->state[i] == STATE_DEFAULT && self->n_children[i] > self->fold;
}

static inline gboolean
dl_layout_hides_children_at (const DlLayout *self,
                             guint           i)
{
  if (self->n_children[i] == 0)
    return FALSE;

  return self->state[i] == STATE_COLLAPSED || dl_layout_folds_at (self, i);
}

G_END_DECLS

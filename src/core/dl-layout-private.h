/* dl-layout-private.h — the layout's arrays, for the drawing code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer reads positions of thousands of nodes a frame; through
 * these inline accessors that costs no function calls.  Nothing but
 * dl-layout.c writes these fields.
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

/* What the walks read and write of one node, in one cache line: the
 * contour walks of apportion() jump around the tree, and each jump then
 * costs one line instead of one per field. */
typedef struct
{
  double  prelim;
  double  mod;
  double  shift;      /* the second walk reuses it for the mod sums */
  double  change;
  guint32 first;      /* shown children */
  guint32 last;
  guint32 prev;
  guint32 number;
  guint32 thread;
  guint32 ancestor;
  guint32 pad[2];
} Walk;

struct _DlLayout
{
  DlTree           *tree;
  const DlTreeNode *nodes;
  guint             n;

  guint             root;
  guint             fold;
  guint             begin;
  guint             end;
  gboolean          ran;

  /* Copies of the tree's links, 4 bytes a node instead of a whole
   * DlTreeNode cache line per visit: the walks are bound by memory. */
  guint32          *parent;
  guint32          *next_sibling;
  guint32          *n_children;
  guint32          *size;

  guint8           *state;
  guint8           *shown;
  guint32          *depth;
  guint32          *max_depth;
  Walk             *w;
  double           *x;          /* in pitches; world = x × DL_LAYOUT_PITCH_X */
  double           *bx0;
  double           *bx1;
};

static inline double
dl_layout_x_fast (const DlLayout *self, guint i)
{
  return self->x[i] * DL_LAYOUT_PITCH_X;
}

static inline double
dl_layout_y_fast (const DlLayout *self, guint i)
{
  return self->depth[i] * DL_LAYOUT_PITCH_Y;
}

static inline void
dl_layout_bounds_fast (const DlLayout *self, guint i,
                       double *x0, double *y0, double *x1, double *y1)
{
  *x0 = self->bx0[i] * DL_LAYOUT_PITCH_X - DL_LAYOUT_NODE_W / 2;
  *x1 = self->bx1[i] * DL_LAYOUT_PITCH_X + DL_LAYOUT_NODE_W / 2;
  *y0 = self->depth[i] * DL_LAYOUT_PITCH_Y;
  *y1 = self->max_depth[i] * DL_LAYOUT_PITCH_Y + DL_LAYOUT_NODE_H;
}

static inline guint32
dl_layout_first_child_fast (const DlLayout *self, guint i)
{
  return self->w[i].first;
}

G_END_DECLS

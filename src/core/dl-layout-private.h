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

/* A shown node's size class when it was last measured: 0 for a node
 * showing no recruits; a group is small, or big (keeps shapes), and a
 * big one may be major (finer tries) or the top one (the most). */
enum
{
  CLASS_SMALL = 1 << 0,
  CLASS_BIG   = 1 << 1,
  CLASS_MAJOR = 1 << 2,
  CLASS_TOP   = 1 << 3,
};

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
  gboolean          stale;      /* a root, fold or shape set since the last run */

  /* What the last whole run measured against (see measure ()). */
  guint             total;      /* end - begin */
  guint             big;        /* a subtree this size or more is big */
  guint             shapes_live;  /* shapes->len in use */
  guint             n_shown;    /* at the last whole run */
  guint             whole_runs;
  GArray           *bigs;       /* guint32: the big groups, to check after an edit */

  /* The tree's links (dl_tree_get_links ()), 4 bytes a node instead of
   * a whole DlTreeNode cache line per visit: the walks are bound by
   * memory.  The tree's own arrays, not copies. */
  const guint32    *parent;
  const guint32    *next_sibling;
  const guint32    *n_children;
  const guint32    *size;

  /* Kept from run to run, and moved with their members when the tree
   * takes an edit (dl_layout_set_tree_edited ()). */
  guint8           *state;
  guint8           *shown;
  guint8           *kind;       /* DL_LAYOUT_KIND_* */
  guint8           *wrapped;    /* the group wraps into rows: a line down its left */
  guint8           *klass;      /* CLASS_* */
  guint8           *opens;      /* shows its recruits (the first is the next index) */
  guint32          *row;        /* the row of a recruit with a group */
  double           *sw;         /* subtree width and height */
  double           *sh;
  double           *left;       /* the subtree's left, world units */
  double           *y;          /* box top, and the subtree's */
  guint32          *shape;      /* a big subtree's first Shape in shapes, or NONE */
  guint8           *n_shapes;
  guint8           *pick;       /* the one its sponsor chose */

  /* Scratch, good for one run. */
  double           *ox;         /* subtree's offset in its parent's group block */
  double           *oy;
  guint8           *mark;       /* an edit's run: MARK_* */
  guint8           *pick_was;   /* an edit's run: a big recruit's pick before its sponsor chose again */
  gpointer          rows;       /* Row, room for row_cap */
  guint             row_cap;
  guint             n_rows;
  GArray           *shapes;     /* Shape: what each big subtree can be */
  GArray           *items;      /* Item, a group's recruits with groups */
  GArray           *found;      /* Shape, a big group's tries */
  GArray           *heights;    /* double, the row heights to try */

  /* An edit taken by dl_layout_set_tree_edited () that the next run
   * follows: the shown groups whose recruits changed, a member added. */
  gboolean          edited;
  guint32           changed[2];
  gboolean          roots_changed;
  guint32           added;
  guint32           moved;
};

/* Branch-free: the drawing reads these for every box it visits, and
 * rows and columns alternate among a sponsor's recruits. */
static inline double
dl_layout_x_fast (const DlLayout *self, guint i)
{
  double row = self->kind[i] == DL_LAYOUT_KIND_ROW;

  return self->left[i] + row * (self->sw[i] / 2)
         + (1 - row) * (DL_LAYOUT_INDENT + DL_LAYOUT_NODE_W / 2);
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
  double row = self->kind[i] == DL_LAYOUT_KIND_ROW;

  *x0 = self->left[i];
  *x1 = self->left[i] + row * self->sw[i] + (1 - row) * (DL_LAYOUT_INDENT + DL_LAYOUT_NODE_W);
  *y0 = self->y[i];
  *y1 = self->y[i] + self->sh[i];
}

/* The x of the line down the left of a wrapped group, else the box's. */
static inline double
dl_layout_group_x_fast (const DlLayout *self, guint i)
{
  return self->wrapped[i] ? self->left[i] + DL_LAYOUT_GUTTER / 2 : dl_layout_x_fast (self, i);
}

/* The first shown recruit, or NONE: in pre-order, the next index. */
static inline guint32
dl_layout_first_fast (const DlLayout *self, guint32 i)
{
  return self->opens[i] ? i + 1 : DL_TREE_NO_PARENT;
}

static inline guint32
dl_layout_first_child_fast (const DlLayout *self, guint i)
{
  return dl_layout_first_fast (self, i);
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

/* dl-layout-passes.c, for dl-layout-edit.c: one shown node measured
 * (its size, or a big one's shapes; a small group's recruits laid out
 * in it), a big one's recruits laid out in the shape its sponsor
 * picked, the roots arranged; the whole run. */
guint  dl_layout_big_threshold  (guint           total);
guint8 dl_layout_class_of       (const DlLayout *self,
                                 guint32         i);
void   dl_layout_measure_node   (DlLayout       *self,
                                 guint32         i);
void   dl_layout_lay_out_big    (DlLayout       *self,
                                 guint32         i);
void   dl_layout_arrange_roots  (DlLayout       *self);
void   dl_layout_run_whole      (DlLayout       *self);

/* dl-layout.c: room for n members in every per-member array, kept
 * contents; dl-layout-edit.c: the run after an edit. */
void   dl_layout_ensure_capacity (DlLayout      *self,
                                  guint          n);
void   dl_layout_bind_links     (DlLayout       *self,
                                 DlTree         *tree);
void   dl_layout_run_edit       (DlLayout       *self);

G_END_DECLS

/* dl-layout.c — a compact top-down layout of the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two linear passes over the pre-order array (see dl-layout.h).  measure()
 * walks backwards: each shown sponsor arranges its shown recruits into a
 * block (a column grid of leaves, then rows of subtrees) and records each
 * recruit's offset in it and its own subtree's size.  place() walks
 * forwards and turns the offsets into positions.  Each sponsor visits its
 * recruits a fixed number of times, so the whole is O(n).
 *
 * Rectangles rather than the tidy tree's contours: a group's subtrees
 * cannot interlock, which costs a little room on deep bushy trees, but
 * makes wrapping a wide group into rows simple and keeps every subtree's
 * bounds a plain box for culling and hit-testing.
 */
#define G_LOG_DOMAIN "dl-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-layout-private.h"

#define NONE DL_TREE_NO_PARENT

#define W       DL_LAYOUT_NODE_W
#define H       DL_LAYOUT_NODE_H
#define GAP     DL_LAYOUT_GAP_X
#define LEVEL   DL_LAYOUT_LEVEL_GAP
#define INDENT  DL_LAYOUT_INDENT
#define GUTTER  DL_LAYOUT_GUTTER
#define COLUMN_W      (INDENT + W)
#define COLUMN_PITCH  (COLUMN_W + GAP)
#define STACK_PITCH   DL_LAYOUT_STACK_PITCH

/* Columns of leaves are made about this much taller than wide: tall
 * narrow groups side by side fill a wide screen better than one row. */
#define LEAF_ASPECT   0.5

#ifndef SUB_ASPECT
#define SUB_ASPECT 1.4
#endif

typedef struct
{
  double width;
  double height;
  double top;
} Row;


DlLayout *
dl_layout_new (DlTree *tree)
{
  DlLayout *self;
  guint n;

  g_return_val_if_fail (tree != NULL, NULL);

  n = dl_tree_get_n_nodes (tree);
  self = g_new0 (DlLayout, 1);
  self->tree = dl_tree_ref (tree);
  self->n = n;
  self->nodes = n > 0 ? dl_tree_get_node (tree, 0) : NULL;
  g_assert (n == 0 || dl_tree_get_node (tree, n - 1) == self->nodes + (n - 1));
  self->root = NONE;
  self->fold = DL_LAYOUT_FOLD_DEFAULT;
  self->aspect = DL_LAYOUT_ASPECT_DEFAULT;

  self->parent = g_new (guint32, MAX (n, 1));
  self->next_sibling = g_new (guint32, MAX (n, 1));
  self->n_children = g_new (guint32, MAX (n, 1));
  self->size = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->parent[i] = self->nodes[i].parent;
      self->next_sibling[i] = self->nodes[i].next_sibling;
      self->n_children[i] = self->nodes[i].n_children;
      self->size[i] = self->nodes[i].subtree_size;
    }
  self->state = g_new0 (guint8, MAX (n, 1));
  self->shown = g_new0 (guint8, MAX (n, 1));
  self->kind = g_new0 (guint8, MAX (n, 1));
  self->depth = g_new (guint32, MAX (n, 1));
  self->first = g_new (guint32, MAX (n, 1));
  self->last = g_new (guint32, MAX (n, 1));
  self->prev = g_new (guint32, MAX (n, 1));
  self->row = g_new (guint32, MAX (n, 1));
  self->sw = g_new (double, MAX (n, 1));
  self->sh = g_new (double, MAX (n, 1));
  self->ox = g_new (double, MAX (n, 1));
  self->oy = g_new (double, MAX (n, 1));
  self->gx = g_new (double, MAX (n, 1));
  self->x = g_new (double, MAX (n, 1));
  self->y = g_new (double, MAX (n, 1));
  self->bx0 = g_new (double, MAX (n, 1));
  self->bx1 = g_new (double, MAX (n, 1));
  self->by1 = g_new (double, MAX (n, 1));
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));

  return self;
}

void
dl_layout_free (DlLayout *self)
{
  if (self == NULL)
    return;

  g_free (self->parent);
  g_free (self->next_sibling);
  g_free (self->n_children);
  g_free (self->size);
  g_free (self->state);
  g_free (self->shown);
  g_free (self->kind);
  g_free (self->depth);
  g_free (self->first);
  g_free (self->last);
  g_free (self->prev);
  g_free (self->row);
  g_free (self->sw);
  g_free (self->sh);
  g_free (self->ox);
  g_free (self->oy);
  g_free (self->gx);
  g_free (self->x);
  g_free (self->y);
  g_free (self->bx0);
  g_free (self->bx1);
  g_free (self->by1);
  g_array_unref (self->rows);
  dl_tree_unref (self->tree);
  g_free (self);
}

DlTree *
dl_layout_get_tree (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tree;
}

void
dl_layout_set_root (DlLayout *self,
                    guint     root)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (root == NONE || root < self->n);

  self->root = root;
}

guint
dl_layout_get_root (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, NONE);

  return self->root;
}

void
dl_layout_set_fold_threshold (DlLayout *self,
                              guint     threshold)
{
  g_return_if_fail (self != NULL);

  self->fold = threshold;
}

static inline gboolean
is_folded (const DlLayout *self,
           guint           i)
{
  return self->state[i] == STATE_DEFAULT && self->n_children[i] > self->fold;
}

static inline gboolean
hides_children (const DlLayout *self,
                guint           i)
{
  if (self->n_children[i] == 0)
    return FALSE;

  return self->state[i] == STATE_COLLAPSED || is_folded (self, i);
}

void
dl_layout_set_aspect (DlLayout *self,
                      double    aspect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (aspect > 0);

  self->aspect = aspect;
}

double
dl_layout_get_aspect (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, DL_LAYOUT_ASPECT_DEFAULT);

  return self->aspect;
}

void
dl_layout_set_collapsed (DlLayout *self,
                         guint     index,
                         gboolean  collapsed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n);

  self->state[index] = collapsed ? STATE_COLLAPSED : STATE_EXPANDED;
}

gboolean
dl_layout_is_collapsed (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return hides_children (self, index);
}

gboolean
dl_layout_is_folded (DlLayout *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return is_folded (self, index);
}

void
dl_layout_expand_all (DlLayout *self)
{
  g_return_if_fail (self != NULL);

  memset (self->state, STATE_EXPANDED, self->n);
}

void
dl_layout_copy_fold_state (DlLayout *self,
                           DlLayout *from)
{
  g_return_if_fail (self != NULL && from != NULL);

  for (guint i = 0; i < from->n; i++)
    {
      gint64 j;

      if (from->state[i] == STATE_DEFAULT)
        continue;
      j = dl_tree_find (self->tree, from->nodes[i].person_id);
      if (j >= 0)
        self->state[j] = from->state[i];
    }
}

/* ---- The passes ----------------------------------------------------- */

/* Which nodes show, their depth and shown children; resets the kinds. */
static void
prepare (DlLayout *self)
{
  for (guint32 i = self->begin; i < self->end; i++)
    {
      guint32 p = self->parent[i];
      gboolean is_root = i == self->root || p == NONE;

      self->shown[i] = 1;
      self->first[i] = self->last[i] = self->prev[i] = NONE;
      self->kind[i] = DL_LAYOUT_KIND_ROW;

      if (is_root)
        self->depth[i] = 0;
      else
        {
          self->depth[i] = self->depth[p] + 1;
          if (self->first[p] == NONE)
            self->first[p] = i;
          else
            self->prev[i] = self->last[p];
          self->last[p] = i;
        }

      if (hides_children (self, i))
        {
          guint32 skip = self->size[i] - 1;

          memset (self->shown + i + 1, 0, skip);
          i += skip;
        }
    }
}

static inline guint32
next_item (const DlLayout *self,
           guint32         c,
           gboolean        roots)
{
  if (!roots)
    return self->next_sibling[c];
  c += self->size[c];

  return c < self->end ? c : NONE;
}

/* The block's size when rows wrap at limit: the greedy filling below,
 * without writing anything. */
static void
try_limit (DlLayout *self,
           guint32   first,
           gboolean  roots,
           double    leaf_w,
           double    leaf_h,
           double    limit,
           double   *width,
           double   *height)
{
  double x = leaf_w, row_h = leaf_h, w = 0, h = 0;
  gboolean open = leaf_w > 0;

  for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
    {
      if (self->first[c] == NONE)
        continue;
      if (!open || x + GAP + self->sw[c] > limit + 1e-6)
        {
          if (open)
            {
              w = MAX (w, x);
              h += row_h + LEVEL;
            }
          open = TRUE;
          x = self->sw[c];
          row_h = self->sh[c];
        }
      else
        {
          x += GAP + self->sw[c];
          row_h = MAX (row_h, self->sh[c]);
        }
    }
  *width = MAX (w, x);
  *height = h + row_h;
}

/* Where rows wrap: of a few widths around the one that would make the
 * block self->aspect wide were the rows full, the one that lets the
 * block fit the largest in a self->aspect frame.  Rows of unequal
 * heights leave holes, so the plain estimate comes out too tall. */
static double
best_limit (DlLayout *self,
            guint32   first,
            gboolean  roots,
            double    leaf_w,
            double    leaf_h,
            double    widest,
            double    area)
{
  gboolean top = roots || self->depth[self->parent[first]] == 0;
  double a = self->aspect, base = MAX (widest, sqrt (a * area));
  double best = base, best_score = INFINITY;
  static const double factors[] = { 0.75, 1.0, 1.3, 1.75, 2.5 };

  /* The top block decides the drawing's shape, and there are few: try
   * many widths there. */
  guint n_tries = top ? 60 : G_N_ELEMENTS (factors);

  for (guint k = 0; k < n_tries; k++)
    {
      double f = top ? 0.4 + k * 0.05 : factors[k];
      double limit = MAX (widest, base * f), w, h, score;

      if (k > 0 && limit <= widest && base * (top ? f - 0.05 : factors[k - 1]) <= widest)
        continue;
      try_limit (self, first, roots, leaf_w, leaf_h, limit, &w, &h);
      score = MAX (w / a, h);
      if (score < best_score - 1e-6)
        {
          best_score = score;
          best = limit;
        }
    }

  return best;
}

/* Arranges the shown recruits from first on (or the roots) into a block:
 * the leaves in columns opening the first row, then the subtrees row by
 * row, each row centred.  Sets every item's ox, oy (from the block's
 * top-left) and kind; returns the block's size. */
static void
arrange (DlLayout *self,
         guint32   first,
         gboolean  roots,
         double   *width,
         double   *height,
         gboolean *wrapped)
{
  GArray *rows = self->rows;
  guint n_leaves = 0, n_groups = 0, n_cols = 0, per_col = 1, j = 0;
  double area = 0, widest = 0, limit, x = 0, inner = 0, top = 0;
  double leaf_w = 0, leaf_h = 0, gutter, leaf_x;

  for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
    if (self->first[c] == NONE)
      n_leaves++;
    else
      {
        n_groups++;
        area += (self->sw[c] + GAP) * (self->sh[c] + LEVEL);
        widest = MAX (widest, self->sw[c]);
      }

  g_array_set_size (rows, 0);
  if (n_leaves > 0)
    {
      Row r = { 0, 0, 0 };

      /* A group of nothing but leaves is a wide fan-out: its grid takes
       * the drawing's shape; beside subtrees, columns stay tall. */
      double shape = n_groups == 0 && n_leaves > 24 ? self->aspect : LEAF_ASPECT;

      n_cols = (guint) round (sqrt (n_leaves * STACK_PITCH / COLUMN_PITCH * shape));
      n_cols = CLAMP (n_cols, 1, n_leaves);
      per_col = (n_leaves + n_cols - 1) / n_cols;
      n_cols = (n_leaves + per_col - 1) / per_col;
      leaf_w = n_cols * COLUMN_PITCH - GAP;
      leaf_h = per_col * STACK_PITCH - DL_LAYOUT_STACK_GAP;
      area += (leaf_w + GAP) * (leaf_h + LEVEL);
      widest = MAX (widest, leaf_w);
      r.width = x = leaf_w;
      r.height = leaf_h;
      g_array_append_val (rows, r);
    }

  /* A single item (a subtree, or the leaves' columns): one row. */
  if (n_groups + (n_leaves > 0) <= 1)
    limit = widest;
  else
    limit = best_limit (self, first, roots, leaf_w, leaf_h, widest, area);
  for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
    {
      Row *r;

      if (self->first[c] == NONE)
        continue;
      if (rows->len == 0 || x + GAP + self->sw[c] > limit + 1e-6)
        {
          Row fresh = { 0, 0, 0 };

          g_array_append_val (rows, fresh);
          x = 0;
        }
      else
        x += GAP;
      r = &g_array_index (rows, Row, rows->len - 1);
      self->ox[c] = x;
      self->row[c] = rows->len - 1;
      x += self->sw[c];
      r->width = x;
      r->height = MAX (r->height, self->sh[c]);
    }

  for (guint k = 0; k < rows->len; k++)
    {
      Row *r = &g_array_index (rows, Row, k);

      r->top = top;
      top += r->height + LEVEL;
      inner = MAX (inner, r->width);
    }

  *wrapped = rows->len > 1;
  gutter = *wrapped && !roots ? GUTTER : 0;
  leaf_x = rows->len > 0 ? gutter + (inner - g_array_index (rows, Row, 0).width) / 2 : 0;
  for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
    if (self->first[c] == NONE)
      {
        guint col = j / per_col, r = j % per_col;

        self->ox[c] = leaf_x + col * COLUMN_PITCH;
        self->oy[c] = r * STACK_PITCH;
        self->kind[c] = r == 0 ? DL_LAYOUT_KIND_COLUMN_HEAD : DL_LAYOUT_KIND_COLUMN;
        j++;
      }
    else
      {
        const Row *r = &g_array_index (rows, Row, self->row[c]);

        self->ox[c] += gutter + (inner - r->width) / 2;
        self->oy[c] = r->top;
      }

  *width = inner + 2 * gutter;
  *height = rows->len > 0 ? top - LEVEL : 0;
}

/* Backwards: every subtree's size, and its recruits' offsets. */
static void
measure (DlLayout *self)
{
  for (guint32 i = self->end; i-- > self->begin;)
    {
      double bw, bh;
      gboolean wrapped;

      if (!self->shown[i])
        continue;
      if (self->first[i] == NONE)
        {
          self->sw[i] = W;
          self->sh[i] = H;
          self->gx[i] = -1;
          continue;
        }
      arrange (self, self->first[i], FALSE, &bw, &bh, &wrapped);
      /* A block is never narrower than a box (a column of leaves is
       * wider), so the block's left is the subtree's. */
      g_assert (bw >= W);
      self->sw[i] = bw;
      self->sh[i] = H + LEVEL + bh;
      self->gx[i] = wrapped ? GUTTER / 2 : -1;
    }
}

/* Forwards: positions from the offsets; the subtree bounds. */
static void
place (DlLayout *self)
{
  for (guint32 i = self->begin; i < self->end; i++)
    {
      guint32 p = self->parent[i];
      double left, top;

      if (!self->shown[i])
        {
          i += self->size[i] - 1;
          continue;
        }
      if (i == self->root || p == NONE)
        {
          left = self->ox[i];
          top = self->oy[i];
        }
      else
        {
          left = self->bx0[p] + self->ox[i];
          top = self->y[p] + H + LEVEL + self->oy[i];
        }
      self->bx0[i] = left;
      self->y[i] = top;
      self->by1[i] = top + self->sh[i];
      if (self->kind[i] == DL_LAYOUT_KIND_ROW)
        {
          self->x[i] = left + self->sw[i] / 2;
          self->bx1[i] = left + self->sw[i];
        }
      else
        {
          self->x[i] = left + INDENT + W / 2;
          self->bx1[i] = left + COLUMN_W;
        }
      self->gx[i] = self->gx[i] < 0 ? self->x[i] : left + self->gx[i];
    }
}

void
dl_layout_run (DlLayout *self)
{
  double bw, bh;
  gboolean wrapped;

  g_return_if_fail (self != NULL);

  if (self->root == NONE)
    {
      self->begin = 0;
      self->end = self->n;
    }
  else
    {
      self->begin = self->root;
      self->end = self->root + self->size[self->root];
    }
  memset (self->shown, 0, self->n);

  prepare (self);
  measure (self);
  if (self->begin < self->end)
    arrange (self, self->begin, TRUE, &bw, &bh, &wrapped);
  place (self);
  self->ran = TRUE;
}

/* ---- Reading the result ------------------------------------------- */

guint
dl_layout_get_begin (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->begin;
}

guint
dl_layout_get_end (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->end;
}

gboolean
dl_layout_is_shown (DlLayout *self,
                    guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return index < self->n && self->shown[index];
}

guint
dl_layout_skip_subtree (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return index + self->size[index];
}

guint
dl_layout_first_child (DlLayout *self,
                       guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return self->shown[index] ? self->first[index] : NONE;
}

guint
dl_layout_last_child (DlLayout *self,
                      guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return self->shown[index] ? self->last[index] : NONE;
}

guint
dl_layout_prev_sibling (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return self->shown[index] ? self->prev[index] : NONE;
}

double
dl_layout_get_x (DlLayout *self,
                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->x[index];
}

double
dl_layout_get_y (DlLayout *self,
                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->y[index];
}

guint
dl_layout_get_depth (DlLayout *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->depth[index];
}

DlLayoutKind
dl_layout_get_kind (DlLayout *self,
                    guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, DL_LAYOUT_KIND_ROW);

  return self->kind[index];
}

double
dl_layout_get_bus_y (DlLayout *self,
                     guint     child)
{
  g_return_val_if_fail (self != NULL && child < self->n, 0);

  return self->y[child] - LEVEL / 2;
}

double
dl_layout_get_group_x (DlLayout *self,
                       guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->gx[index];
}

void
dl_layout_get_subtree_bounds (DlLayout *self,
                              guint     index,
                              double   *x0,
                              double   *y0,
                              double   *x1,
                              double   *y1)
{
  g_return_if_fail (self != NULL && index < self->n);

  dl_layout_bounds_fast (self, index, x0, y0, x1, y1);
}

void
dl_layout_get_bounds (DlLayout *self,
                      double   *x0,
                      double   *y0,
                      double   *x1,
                      double   *y1)
{
  double a = INFINITY, b = -INFINITY, c = INFINITY, d = -INFINITY;

  g_return_if_fail (self != NULL);

  *x0 = *y0 = *x1 = *y1 = 0;
  if (!self->ran || self->begin >= self->end)
    return;

  for (guint32 r = self->begin; r < self->end; r += self->size[r])
    {
      a = MIN (a, self->bx0[r]);
      b = MAX (b, self->bx1[r]);
      c = MIN (c, self->y[r]);
      d = MAX (d, self->by1[r]);
    }
  *x0 = a;
  *x1 = b;
  *y0 = c;
  *y1 = d;
}

gint64
dl_layout_hit_test (DlLayout *self,
                    double    wx,
                    double    wy)
{
  g_return_val_if_fail (self != NULL, -1);

  if (!self->ran)
    return -1;

  for (guint32 i = self->begin; i < self->end;)
    {
      if (wx < self->bx0[i] || wx > self->bx1[i] || wy < self->y[i] || wy > self->by1[i])
        {
          i += self->size[i];
          continue;
        }
      if (fabs (wx - self->x[i]) <= W / 2 && wy <= self->y[i] + H)
        return i;
      if (self->first[i] == NONE)
        i += self->size[i];
      else
        i++;
    }

  return -1;
}

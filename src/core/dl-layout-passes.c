/* dl-layout-passes.c — the layout's passes: measure, then place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two linear passes over the pre-order array (see dl-layout.h).  measure()
 * walks backwards: each shown sponsor arranges its shown recruits into a
 * block (a column grid of leaves, then rows of subtrees) and records each
 * recruit's offset in it and its own subtree's size.  place() walks
 * forwards and turns the offsets into positions.
 *
 * A subtree is a rectangle, but a big one need not be one rectangle: it
 * keeps the shapes it can take (narrow and tall to wide and short, none
 * both wider and taller than another), and its sponsor tries rows of a
 * few heights, each big recruit taking its narrowest shape no taller
 * than the row, and keeps the best of those in turn.  place() lays out a
 * big subtree once its sponsor has chosen.  A fixed shape per subtree
 * left the tall and the short side by side and the rows half empty: the
 * 300-member sample fitted to 1920×1080 drew its names at 5.1 px, now
 * 6.5.  Only subtrees of 1/BIG_SHARE of the drawing or more are big, a
 * few hundred at a million members, and each tries a fixed number of
 * arrangements of its recruits, so the whole stays O(n).
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

/* Columns of leaves are made about this much taller than wide (deeper
 * still when the row they open is taller): tall narrow groups side by
 * side fill a wide screen better than one row. */
#define LEAF_ASPECT   0.5

/* A subtree holding at least 1/BIG_SHARE of what is laid out (and more
 * than one member) is "big": it keeps up to N_SHAPES shapes, from narrow
 * and tall to wide and short, and its sponsor picks the one that fits
 * the row it stands in.  Big subtrees shape the drawing; at a million
 * members there are a few hundred, so the tries cost little. */
#define BIG_SHARE     200
#define N_HEIGHTS     8     /* row heights a big group tries */
#define N_LIMITS      6     /* wrap widths it tries at each */
#define N_SHAPES      12
/* A subtree of 1/MAJOR_SHARE of everything or more decides much of the
 * drawing's shape: finer tries, more shapes kept (a few such a level). */
#define MAJOR_SHARE   16
#define MAJOR_HEIGHTS 32
#define MAJOR_LIMITS  16
#define MAJOR_SHAPES  64
/* The top group (the user's) decides it all: many tries, few groups. */
#define TOP_HEIGHTS   512
#define TOP_LIMITS    40
#define TOP_SHAPES    255

typedef struct
{
  double width;
  double height;
  double top;
  double x;         /* the next item's left, while placing */
} Row;

typedef DlLayoutShape Shape;
typedef DlLayoutItem Item;

/* ---- The passes ----------------------------------------------------- */

/* Which nodes show, and which show their recruits; resets the kinds. */
static void
prepare (DlLayout *self)
{
  self->n_shown = 0;
  for (guint32 i = self->begin; i < self->end; i++)
    {
      gboolean hides = dl_layout_hides_children_at (self, i);

      self->n_shown++;
      self->shown[i] = 1;
      self->opens[i] = self->n_children[i] > 0 && !hides;
      self->kind[i] = DL_LAYOUT_KIND_ROW;
      if (hides)
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

/* The shape a recruit takes in rows about r high: its only one, or for
 * a big subtree the narrowest no taller than r (else its shortest). */
static inline guint
choose (const DlLayout *self,
        guint32         c,
        double          r,
        double         *w,
        double         *h)
{
  const Shape *s;
  guint k = 0, n;

  if (self->shape[c] == NONE)
    {
      *w = self->sw[c];
      *h = self->sh[c];
      return 0;
    }
  s = &g_array_index (self->shapes, Shape, self->shape[c]);
  n = self->n_shapes[c];
  while (k + 1 < n && s[k].h > r + 1e-6)
    k++;
  *w = s[k].w;
  *h = s[k].h;

  return k;
}

static inline guint
leaf_depth (guint  n_leaves,
            double r)
{
  guint per_col;

  if (n_leaves == 0)
    return 1;
  per_col = (guint) floor ((r + DL_LAYOUT_STACK_GAP) / STACK_PITCH + 1e-9);

  return CLAMP (per_col, 1, n_leaves);
}

/* Greedy rows: the leaf columns (per_col deep) open the first, then
 * each item on the current row while it stays within limit. */
static void
fill_rows (DlLayout *self,
           Item     *items,
           guint     n_items,
           guint     n_leaves,
           guint     per_col,
           double    limit)
{
  Row *rows = self->rows, *r = NULL;
  guint n_rows = 0;

  g_assert (n_items + 1 <= self->row_cap);
  if (n_leaves > 0)
    {
      r = &rows[n_rows++];
      r->width = ((n_leaves + per_col - 1) / per_col) * COLUMN_PITCH - GAP;
      r->height = MIN (per_col, n_leaves) * STACK_PITCH - DL_LAYOUT_STACK_GAP;
    }
  for (guint k = 0; k < n_items; k++)
    {
      if (r == NULL || r->width + GAP + items[k].w > limit + 1e-6)
        {
          r = &rows[n_rows++];
          r->width = items[k].w;
          r->height = items[k].h;
        }
      else
        {
          r->width += GAP + items[k].w;
          r->height = MAX (r->height, items[k].h);
        }
      items[k].row = n_rows - 1;
    }
  self->n_rows = n_rows;
}

/* Rows for the shape: every big item in its narrowest shape no taller
 * than s->r, filled; then each big item as narrow as its row's height
 * allows, filled again.  Leaves self->rows and each
 * item's row and shape; returns the leaves' depth and the block's size. */
static guint
plan (DlLayout    *self,
      Item        *items,
      guint        n_items,
      guint        n_leaves,
      const Shape *s,
      gboolean     roots,
      double      *width,
      double      *height)
{
  guint per_col = s->per_col, n_big = 0;
  double w = 0, h = 0;
  const Row *rows = self->rows;

  for (guint k = 0; k < n_items; k++)
    if (self->shape[items[k].c] != NONE)
      {
        items[k].pick = choose (self, items[k].c, s->r, &items[k].w, &items[k].h);
        n_big++;
      }
  fill_rows (self, items, n_items, n_leaves, per_col, s->limit);
  if (n_big > 0)
    {
      gboolean changed = FALSE;

      for (guint k = 0; k < n_items; k++)
        {
          double rh = rows[items[k].row].height, old = items[k].w;

          if (self->shape[items[k].c] == NONE)
            continue;
          items[k].pick = choose (self, items[k].c, rh, &items[k].w, &items[k].h);
          changed |= items[k].w != old;
        }
      if (changed)
        fill_rows (self, items, n_items, n_leaves, per_col, s->limit);
    }
  if (n_leaves > 0)
    {
      guint deeper = MAX (per_col, leaf_depth (n_leaves, rows[0].height));
      guint cols = (n_leaves + deeper - 1) / deeper;

      deeper = (n_leaves + cols - 1) / cols;
      if (deeper != per_col)
        {
          per_col = deeper;
          fill_rows (self, items, n_items, n_leaves, per_col, s->limit);
        }
    }
  for (guint k = 0; k < self->n_rows; k++)
    {
      const Row *r = &rows[k];

      w = MAX (w, r->width);
      h += r->height + (k > 0 ? LEVEL : 0);
    }
  *width = w + (self->n_rows > 1 && !roots ? 2 * GUTTER : 0);
  *height = h;

  return per_col;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double p = *(const double *) a, q = *(const double *) b;

  return (p > q) - (p < q);
}

/* The recruits with groups of the group from first on (or the roots),
 * into self->items; returns how many leaves there are. */
static guint
gather (DlLayout *self,
        guint32   first,
        gboolean  roots)
{
  guint n_leaves = 0, n = 0, most = 0;
  Item *items;

  if (roots)
    for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
      most++;
  else
    most = self->n_children[self->parent[first]];
  g_array_set_size (self->items, most);
  items = (Item *) (void *) self->items->data;
  for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
    if (dl_layout_first_fast (self, c) == NONE)
      n_leaves++;
    else
      {
        items[n].c = c;
        items[n].pick = 0;
        /* a big one by its narrowest shape, as it was measured; its
         * sponsor's last choice may be wider */
        if (self->shape[c] != NONE)
          {
            const Shape *narrowest = &g_array_index (self->shapes, Shape, self->shape[c]);

            items[n].w = narrowest->w;
            items[n].h = narrowest->h;
          }
        else
          {
            items[n].w = self->sw[c];
            items[n].h = self->sh[c];
          }
        n++;
      }
  g_array_set_size (self->items, n);
  /* At most a row an item, and the leaves' */
  if (n + 1 > self->row_cap)
    {
      self->row_cap = MAX (n + 1, 2 * self->row_cap);
      self->rows = g_renew (Row, self->rows, self->row_cap);
    }

  return n_leaves;
}

/* The plain rule for small groups: leaf columns about half as wide as
 * tall (a fan-out of nothing but leaves takes the drawing's shape), rows
 * wrapped where the block best fits a frame of the drawing's shape. */
static void
small_shape (DlLayout *self,
             guint     n_leaves,
             Shape    *out)
{
  Item *items = (Item *) (void *) self->items->data;
  guint n_items = self->items->len, n_cols;
  double area = 0, widest = 0, a = self->aspect, base, best_score = INFINITY;
  double shape = n_items == 0 && n_leaves > 24 ? self->aspect : LEAF_ASPECT;
  static const double factors[] = { 0.75, 1.0, 1.3, 1.75, 2.5 };

  out->per_col = 1;
  out->r = 0;
  if (n_leaves > 0)
    {
      double leaf_w, leaf_h;

      n_cols = (guint) round (sqrt (n_leaves * STACK_PITCH / COLUMN_PITCH * shape));
      n_cols = CLAMP (n_cols, 1, n_leaves);
      out->per_col = (n_leaves + n_cols - 1) / n_cols;
      n_cols = (n_leaves + out->per_col - 1) / out->per_col;
      leaf_w = n_cols * COLUMN_PITCH - GAP;
      leaf_h = out->per_col * STACK_PITCH - DL_LAYOUT_STACK_GAP;
      area += (leaf_w + GAP) * (leaf_h + LEVEL);
      widest = leaf_w;
    }
  for (guint k = 0; k < n_items; k++)
    {
      area += (items[k].w + GAP) * (items[k].h + LEVEL);
      widest = MAX (widest, items[k].w);
    }
  out->limit = widest;
  if (n_items + (n_leaves > 0) <= 1)
    {
      plan (self, items, n_items, n_leaves, out, FALSE, &out->w, &out->h);
      return;
    }
  base = MAX (widest, sqrt (a * area));
  for (guint k = 0; k < G_N_ELEMENTS (factors); k++)
    {
      Shape t = *out;
      double w, h, score;

      t.limit = MAX (widest, base * factors[k]);
      if (k > 0 && base * factors[k - 1] <= widest)
        continue;
      plan (self, items, n_items, n_leaves, &t, FALSE, &w, &h);
      score = MAX (w / a, h);
      if (score < best_score - 1e-6)
        {
          best_score = score;
          out->limit = t.limit;
          out->w = w;
          out->h = h;
        }
    }
}

/* Every try for a big group or the roots: up to n_r row heights, spread
 * over the heights its recruits' shapes and its leaf columns can have,
 * each with n_limits wrap widths from the widest item to one row.
 * Appends them to self->found. */
static void
explore (DlLayout *self,
         guint     n_leaves,
         gboolean  roots,
         guint     n_r,
         guint     n_limits)
{
  Item *items = (Item *) (void *) self->items->data;
  guint n_items = self->items->len, n_heights;
  GArray *heights = self->heights;

  g_array_set_size (self->found, 0);
  /* The row heights worth trying: each height a recruit's shape or the
   * leaf columns can have; at most n_r of them, spread. */
  g_array_set_size (heights, 0);
  for (guint k = 0; k < n_items; k++)
    {
      guint32 c = items[k].c;

      if (self->shape[c] == NONE)
        g_array_append_val (heights, self->sh[c]);
      else
        for (guint q = 0; q < self->n_shapes[c]; q++)
          g_array_append_val (heights, g_array_index (self->shapes, Shape, self->shape[c] + q).h);
    }
  if (n_leaves > 0)
    for (guint q = 1; q <= n_leaves; q = q < 8 ? q + 1 : q + q / 4)
      {
        double lh = q * STACK_PITCH - DL_LAYOUT_STACK_GAP;

        g_array_append_val (heights, lh);
      }
  g_array_sort (heights, compare_doubles);
  n_heights = 0;
  for (guint k = 0; k < heights->len; k++)
    if (n_heights == 0 || g_array_index (heights, double, k) > g_array_index (heights, double, n_heights - 1) + 1e-6)
      g_array_index (heights, double, n_heights++) = g_array_index (heights, double, k);
  n_r = MIN (n_r, n_heights);

  for (guint j = 0; j < n_r; j++)
    {
      double r = g_array_index (heights, double, n_r > 1 ? (guint) ((double) j * (n_heights - 1) / (n_r - 1) + 0.5) : n_heights - 1);
      guint per_col = leaf_depth (n_leaves, r);
      double widest = 0, total = 0, limit, step;

      if (n_leaves > 0)
        {
          widest = ((n_leaves + per_col - 1) / per_col) * COLUMN_PITCH - GAP;
          total = widest;
        }
      for (guint k = 0; k < n_items; k++)
        {
          choose (self, items[k].c, r, &items[k].w, &items[k].h);
          widest = MAX (widest, items[k].w);
          total += (total > 0 ? GAP : 0) + items[k].w;
        }
      limit = n_limits > 1 ? widest : total;
      step = n_limits > 1 ? pow (total / widest, 1.0 / (n_limits - 1)) : 1;
      for (guint f = 0; f < n_limits; f++)
        {
          Shape s;

          s.r = r;
          s.per_col = per_col;
          s.limit = limit;
          limit *= step;
          plan (self, items, n_items, n_leaves, &s, roots, &s.w, &s.h);
          g_array_append_val (self->found, s);
          if (total <= widest + 1e-6)
            break;
        }
    }
}

static int
compare_shapes (gconstpointer a,
                gconstpointer b)
{
  const Shape *p = a, *q = b;

  if (p->w != q->w)
    return p->w < q->w ? -1 : 1;
  return (p->h > q->h) - (p->h < q->h);
}

/* Keeps the tries no other beats in both width and height, at most
 * max_keep of them spread along the front, narrowest first; stores them
 * as i's shapes. */
static void
keep_front (DlLayout *self,
            guint32   i,
            guint     max_keep)
{
  Shape *found = (Shape *) (void *) self->found->data;
  guint n = 0, m = self->found->len;

  qsort (found, m, sizeof *found, compare_shapes);
  for (guint k = 0; k < m; k++)
    if (n == 0 || found[k].h < found[n - 1].h - 1e-6)
      found[n++] = found[k];
  self->shape[i] = self->shapes->len;
  if (n <= max_keep)
    g_array_append_vals (self->shapes, found, n);
  else
    for (guint k = 0; k < max_keep; k++)
      g_array_append_val (self->shapes, found[(guint) ((double) k * (n - 1) / (max_keep - 1) + 0.5)]);
  self->n_shapes[i] = MIN (n, max_keep);
}

/* Arranges the shown recruits from first on (or the roots) as the shape
 * says: the leaves in columns per_col deep opening the first row, then
 * the subtrees row by row, each row centred; a big recruit takes its
 * narrowest shape no taller than the shape's r.  Sets every item's ox,
 * oy (from the block's top-left), kind, row, and a big one's size and
 * pick; returns the block's size. */
static void
lay_out (DlLayout    *self,
         guint32      first,
         gboolean     roots,
         guint        n_leaves,
         const Shape *shape,
         double      *width,
         double      *height,
         gboolean    *wrapped)
{
  Row *rows = self->rows;
  guint per_col, j = 0, k = 0, n_rows;
  Item *items = (Item *) (void *) self->items->data;
  double inner = 0, top = 0, gutter, bw, bh, leaf_x;

  per_col = plan (self, items, self->items->len, n_leaves, shape, roots, &bw, &bh);
  n_rows = self->n_rows;
  for (guint r = 0; r < n_rows; r++)
    {
      Row *row = &rows[r];

      row->top = top;
      top += row->height + LEVEL;
      inner = MAX (inner, row->width);
    }

  *wrapped = n_rows > 1;
  gutter = *wrapped && !roots ? GUTTER : 0;
  for (guint r = 0; r < n_rows; r++)
    {
      Row *row = &rows[r];

      row->x = gutter + (inner - row->width) / 2;
    }
  leaf_x = n_rows > 0 ? rows[0].x : 0;
  if (n_leaves > 0)
    rows[0].x += ((n_leaves + per_col - 1) / per_col) * COLUMN_PITCH;
  for (guint32 c = first; c != NONE; c = next_item (self, c, roots))
    if (dl_layout_first_fast (self, c) == NONE)
      {
        guint col = j / per_col, r = j % per_col;

        self->ox[c] = leaf_x + col * COLUMN_PITCH;
        self->oy[c] = r * STACK_PITCH;
        self->kind[c] = r == 0 ? DL_LAYOUT_KIND_COLUMN_HEAD : DL_LAYOUT_KIND_COLUMN;
        j++;
      }
    else
      {
        Item *item = &items[k++];
        Row *row = &rows[item->row];

        g_assert (item->c == c);
        self->pick[c] = item->pick;
        self->sw[c] = item->w;
        self->sh[c] = item->h;
        self->ox[c] = row->x;
        self->oy[c] = row->top;
        self->row[c] = item->row;
        self->kind[c] = DL_LAYOUT_KIND_ROW;
        row->x += item->w + GAP;
      }

  *width = inner + 2 * gutter;
  *height = n_rows > 0 ? top - LEVEL : 0;
}

/* A group of nothing but leaves: columns in the drawing's shape when
 * there are many (a wide fan-out), else about half as wide as tall; the
 * same as small_shape() and lay_out() would make, without rows. */
static void
lay_out_leaves (DlLayout *self,
                guint32   first,
                guint     n_leaves,
                double   *width,
                double   *height)
{
  double shape = n_leaves > 24 ? self->aspect : LEAF_ASPECT;
  guint n_cols, per_col, j = 0;

  n_cols = (guint) round (sqrt (n_leaves * STACK_PITCH / COLUMN_PITCH * shape));
  n_cols = CLAMP (n_cols, 1, n_leaves);
  per_col = (n_leaves + n_cols - 1) / n_cols;
  n_cols = (n_leaves + per_col - 1) / per_col;
  for (guint32 c = first; c != NONE; c = self->next_sibling[c], j++)
    {
      guint col = j / per_col, r = j % per_col;

      self->ox[c] = col * COLUMN_PITCH;
      self->oy[c] = r * STACK_PITCH;
      self->kind[c] = r == 0 ? DL_LAYOUT_KIND_COLUMN_HEAD : DL_LAYOUT_KIND_COLUMN;
    }
  *width = n_cols * COLUMN_PITCH - GAP;
  *height = per_col * STACK_PITCH - DL_LAYOUT_STACK_GAP;
}

guint
dl_layout_big_threshold (guint total)
{
  return MAX (2, total / BIG_SHARE);
}

guint8
dl_layout_class_of (const DlLayout *self,
                    guint32         i)
{
  guint8 klass;

  if (dl_layout_first_fast (self, i) == NONE)
    return 0;
  if (self->size[i] < self->big)
    return CLASS_SMALL;
  klass = CLASS_BIG;
  if (i == self->root || self->parent[i] == NONE)
    klass |= CLASS_TOP;
  if ((guint64) self->size[i] * MAJOR_SHARE >= self->total)
    klass |= CLASS_MAJOR;
  return klass;
}

void
dl_layout_measure_node (DlLayout *self,
                        guint32   i)
{
  guint8 klass = dl_layout_class_of (self, i);
  double bw, bh;
  gboolean wrapped;
  guint n_leaves;
  Shape s;

  self->klass[i] = klass;
  self->shape[i] = NONE;
  self->n_shapes[i] = 0;
  self->wrapped[i] = FALSE;
  if (klass == 0)
    {
      self->sw[i] = W;
      self->sh[i] = H;
      return;
    }
  n_leaves = gather (self, dl_layout_first_fast (self, i), FALSE);
  if (klass & CLASS_BIG)
    {
      gboolean top = (klass & CLASS_TOP) != 0;
      gboolean major = (klass & CLASS_MAJOR) != 0;

      explore (self, n_leaves, FALSE, top ? TOP_HEIGHTS : major ? MAJOR_HEIGHTS : N_HEIGHTS,
               top ? TOP_LIMITS : major ? MAJOR_LIMITS : N_LIMITS);
      for (guint k = 0; k < self->found->len; k++)
        g_array_index (self->found, Shape, k).h += H + LEVEL;
      keep_front (self, i, top ? TOP_SHAPES : major ? MAJOR_SHAPES : N_SHAPES);
      self->sw[i] = g_array_index (self->shapes, Shape, self->shape[i]).w;
      self->sh[i] = g_array_index (self->shapes, Shape, self->shape[i]).h;
      return;
    }
  if (self->items->len == 0)
    {
      /* Nothing but leaves, the commonest group: its columns. */
      lay_out_leaves (self, dl_layout_first_fast (self, i), n_leaves, &bw, &bh);
      self->sw[i] = bw;
      self->sh[i] = H + LEVEL + bh;
      return;
    }
  small_shape (self, n_leaves, &s);
  lay_out (self, dl_layout_first_fast (self, i), FALSE, n_leaves, &s, &bw, &bh, &wrapped);
  /* A block is never narrower than a box (a column of leaves is
   * wider), so the block's left is the subtree's. */
  g_assert (bw >= W);
  self->sw[i] = bw;
  self->sh[i] = H + LEVEL + bh;
  self->wrapped[i] = wrapped;
}

/* Backwards: every subtree's size, and its recruits' offsets; a big
 * subtree keeps the shapes it can take, laid out once its sponsor has
 * chosen.  What is big follows the size of the whole. */
static void
measure (DlLayout *self)
{
  self->total = self->end - self->begin;
  self->big = dl_layout_big_threshold (self->total);
  g_array_set_size (self->shapes, 0);
  g_array_set_size (self->bigs, 0);
  for (guint32 i = self->end; i-- > self->begin;)
    {
      if (!self->shown[i])
        continue;
      dl_layout_measure_node (self, i);
      if (self->klass[i] & CLASS_BIG)
        g_array_append_val (self->bigs, i);
    }
  self->shapes_live = self->shapes->len;
}

/* The roots side by side, wrapped where the whole best fits a frame of
 * the drawing's shape. */
void
dl_layout_arrange_roots (DlLayout *self)
{
  guint n_leaves = gather (self, self->begin, TRUE);
  double a = self->aspect, best_score = INFINITY, bw, bh;
  Shape best = { 0, 0, 0, 0, 1 };
  gboolean wrapped;

  explore (self, n_leaves, TRUE, TOP_HEIGHTS, TOP_LIMITS);
  for (guint k = 0; k < self->found->len; k++)
    {
      const Shape *s = &g_array_index (self->found, Shape, k);
      double score = MAX (s->w / a, s->h);

      if (score < best_score - 1e-6)
        {
          best_score = score;
          best = *s;
        }
    }
  lay_out (self, self->begin, TRUE, n_leaves, &best, &bw, &bh, &wrapped);
}

void
dl_layout_lay_out_big (DlLayout *self,
                       guint32   i)
{
  const Shape *s = &g_array_index (self->shapes, Shape, self->shape[i] + self->pick[i]);
  double bw, bh;
  gboolean wrapped;

  lay_out (self, dl_layout_first_fast (self, i), FALSE, gather (self, dl_layout_first_fast (self, i), FALSE), s, &bw, &bh, &wrapped);
  self->sw[i] = bw;
  self->sh[i] = H + LEVEL + bh;
  self->wrapped[i] = wrapped;
}

/* Forwards: positions from the offsets, a big subtree's recruits laid
 * out in the shape its sponsor picked. */
static void
place (DlLayout *self)
{
  for (guint32 i = self->begin; i < self->end; i++)
    {
      guint32 p = self->parent[i];

      if (!self->shown[i])
        {
          i += self->size[i] - 1;
          continue;
        }
      if (i == self->root || p == NONE)
        {
          self->left[i] = self->ox[i];
          self->y[i] = self->oy[i];
        }
      else
        {
          self->left[i] = self->left[p] + self->ox[i];
          self->y[i] = self->y[p] + H + LEVEL + self->oy[i];
        }
      if (self->shape[i] != NONE)
        dl_layout_lay_out_big (self, i);
    }
}

void
dl_layout_run_whole (DlLayout *self)
{
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
  memset (self->mark, 0, self->n);

  prepare (self);
  measure (self);
  if (self->begin < self->end)
    dl_layout_arrange_roots (self);
  place (self);
  self->ran = TRUE;
  self->edited = FALSE;
  self->stale = FALSE;
  self->whole_runs++;
}

void
dl_layout_run (DlLayout *self)
{
  g_return_if_fail (self != NULL);

  if (self->edited && self->ran && !self->stale)
    dl_layout_run_edit (self);
  else
    dl_layout_run_whole (self);
}

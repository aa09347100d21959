/* dl-tree-render.c — drawing the laid-out downline with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The colour classes, the facts they come from and the legend are in
 * dl-tree-render-classes.c.
 */

#define G_LOG_DOMAIN "dl-tree-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "dl-layout-private.h"
#include "dl-tree-render-private.h"

#define MAX_BUCKETS 32   /* twice the most colour classes, and some */

/* ---- Drawing -------------------------------------------------------- */

void
dl_render_view_init (DlRenderView *view)
{
  memset (view, 0, sizeof *view);
  view->selected = -1;
  view->hovered = -1;
  view->zoom = 1;
  view->mark_px = 4;
}

void
dl_render_view_zoom_to_fit (DlRenderView *view,
                            int           width,
                            int           height)
{
  double x0, y0, x1, y1, zoom;

  g_return_if_fail (view != NULL && view->layout != NULL);

  dl_layout_get_bounds (view->layout, &x0, &y0, &x1, &y1);
  zoom = MIN ((width - 48) / MAX (x1 - x0, 1), (height - 48) / MAX (y1 - y0, 1));
  zoom = CLAMP (zoom, 1e-6, 1.0);
  view->zoom = zoom;
  view->origin_x = (x0 + x1) / 2 - width / 2.0 / zoom;
  view->origin_y = (y0 + y1) / 2 - height / 2.0 / zoom;
}

void
dl_render_view_show_start (DlRenderView *view,
                           int           width,
                           int           height)
{
  double x0, y0, x1, y1;

  g_return_if_fail (view != NULL && view->layout != NULL);

  dl_layout_get_bounds (view->layout, &x0, &y0, &x1, &y1);
  /* Fitted, as long as the groups' summaries stay readable (0.7). */
  if ((x1 - x0) * 0.7 <= width - 48 && (y1 - y0) * 0.7 <= height - 48)
    {
      dl_render_view_zoom_to_fit (view, width, height);
      return;
    }
  view->zoom = 0.8;
  view->origin_x = dl_layout_get_x (view->layout, dl_layout_get_begin (view->layout)) - width / 2.0 / 0.8;
  view->origin_y = -32 / 0.8;
}

void
dl_tree_render_fold_overview (DlLayout *layout)
{
  DlTree *tree = dl_layout_get_tree (layout);
  guint n = dl_tree_get_n_nodes (tree);

  for (guint r = 0; r < n; r += dl_tree_get_node (tree, r)->subtree_size)
    for (guint c = dl_tree_get_node (tree, r)->first_child; c != NONE; c = dl_tree_get_node (tree, c)->next_sibling)
      if (dl_tree_get_node (tree, c)->n_children > 0)
        dl_layout_set_collapsed (layout, c, TRUE);
}

typedef struct
{
  const DlRenderView *view;
  DlLayout           *layout;
  const DlTreeFacts  *facts;
  DlTree             *tree;
  double              vx0, vy0, vx1, vy1;   /* the viewport in world units */
  GArray             *nodes;                /* guint32: boxes to draw */
  GArray             *marks;                /* guint32: subtrees drawn as one mark */
  GArray             *parents;              /* guint32: connectors to draw */
  GArray             *last_column;          /* guint64 by depth, or NULL */
  /* Without antialiasing, on a known pixel grid: device pixel =
   * screen × (px_ax, px_ay) + (px_bx, px_by). */
  gboolean            pixel_cull;
  double              px_ax, px_bx, px_ay, px_by;
} Frame;

static inline gboolean
dimmed (const Frame *f,
        guint        i)
{
  return f->view->highlight != DL_HIGHLIGHT_NONE
         && !dl_tree_facts_match (f->facts, i, f->view->highlight);
}

/* Boxes thinner than a pixel: a box that lands in a pixel column of its
 * pixel row where a box of the same colour is already drawn adds nothing
 * to the picture.  Rows of a group are stacked and its columns and
 * subtrees come in order, so pre-order meets each pixel row's boxes left
 * to right: one column and a set of colours per row is enough to
 * remember. */
static gboolean
same_pixel (Frame  *f,
            guint   i,
            double  x,
            double  y)
{
  guint row, klass;
  guint64 column;
  guint64 *last;

  if (f->last_column == NULL)
    return FALSE;
  /* Boxes are under a pixel tall here, and start at most one above the view. */
  row = (guint) MAX (floor ((y - f->vy0) * f->view->zoom) + 2, 0);
  klass = dl_tree_facts_class (f->facts, f->view->colour_by, i);
  /* Boxes start at most a box's width left of the view. */
  column = (guint64) MAX (floor ((x - f->vx0) * f->view->zoom) + 16, 0);
  if (row >= f->last_column->len)
    {
      guint old = f->last_column->len;

      g_array_set_size (f->last_column, row + 1);
      for (guint d = old; d <= row; d++)
        g_array_index (f->last_column, guint64, d) = G_MAXUINT64;
    }
  /* The column in the high bits, one bit per colour class in the low 16. */
  last = &g_array_index (f->last_column, guint64, row);
  if (*last != G_MAXUINT64 && (*last >> 16) == column)
    {
      if ((*last & (1u << klass)) && !dimmed (f, i) && (gint64) i != f->view->selected
          && (f->view->matches == NULL || !f->view->matches[i]))
        return TRUE;
      *last |= 1u << klass;
      return FALSE;
    }
  *last = (column << 16) | (1u << klass);
  return FALSE;
}

/* Without antialiasing a filled rectangle covers the pixels whose
 * centres it holds: a box over none draws nothing.  Far out, most boxes
 * are a fraction of a pixel (at a million members fitted to the screen,
 * a third by a ninth of one) and most of them land between the centres;
 * leaving them out leaves the same pixels and spares cairo the bulk of
 * its rectangles.  A little slack keeps every box cairo's fixed-point
 * edges could still give a pixel. */
static inline gboolean
holds_centre (double a,
              double b)
{
  return floor (b + 1.0 / 128 - 0.5) >= ceil (a - 1.0 / 128 - 0.5);
}

static gboolean
covers_no_pixel (const Frame *f,
                 guint        i,
                 double       x,
                 double       y)
{
  const DlRenderView *view = f->view;
  double sx0 = (x - DL_LAYOUT_NODE_W / 2 - view->origin_x) * view->zoom;
  double sy0 = (y - view->origin_y) * view->zoom;
  double sx1 = sx0 + DL_LAYOUT_NODE_W * view->zoom;
  double sy1 = sy0 + DL_LAYOUT_NODE_H * view->zoom;

  if (holds_centre (sx0 * f->px_ax + f->px_bx, sx1 * f->px_ax + f->px_bx)
      && holds_centre (sy0 * f->px_ay + f->px_by, sy1 * f->px_ay + f->px_by))
    return FALSE;
  /* Outlines and fold tabs are bigger than the box: keep those. */
  return (gint64) i != view->selected && (gint64) i != view->hovered
         && (view->matches == NULL || !view->matches[i])
         && !dl_layout_is_collapsed (f->layout, i);
}

/* Culling: one walk in depth-first order, jumping over every subtree
 * whose bounds miss the viewport or are too narrow to show. */
static void
cull (Frame *f)
{
  DlLayout *layout = f->layout;
  guint end = dl_layout_get_end (layout);
  double zoom = f->view->zoom;

  for (guint i = dl_layout_get_begin (layout); i < end;)
    {
      double x0, y0, x1, y1, x, y;
      guint skip = i + layout->size[i];
      gboolean has_children = dl_layout_first_child_fast (layout, i) != NONE;

      dl_layout_bounds_fast (layout, i, &x0, &y0, &x1, &y1);
      if (x1 < f->vx0 || x0 > f->vx1 || y1 < f->vy0 || y0 > f->vy1)
        {
          i = skip;
          continue;
        }
      /* One mark for a group too small to tell its members apart:
       * narrower than mark_px, or (groups are blocks now, not strips)
       * covering fewer than (4 mark_px)² pixels. */
      if (has_children &&
          ((x1 - x0) * zoom < f->view->mark_px ||
           (x1 - x0) * (y1 - y0) * zoom * zoom < 16 * f->view->mark_px * f->view->mark_px))
        {
          g_array_append_val (f->marks, i);
          i = skip;
          continue;
        }

      x = dl_layout_x_fast (layout, i);
      y = dl_layout_y_fast (layout, i);
      if (x + DL_LAYOUT_NODE_W / 2 >= f->vx0 && x - DL_LAYOUT_NODE_W / 2 <= f->vx1
          && y + DL_LAYOUT_NODE_H >= f->vy0 && y <= f->vy1
          && !(f->pixel_cull && covers_no_pixel (f, i, x, y))
          && !same_pixel (f, i, x, y))
        g_array_append_val (f->nodes, i);
      if (has_children)
        {
          g_array_append_val (f->parents, i);
          i++;
        }
      else
        i = skip;
    }
}

static void
world_to_screen (const DlRenderView *view,
                 double              wx,
                 double              wy,
                 double             *sx,
                 double             *sy)
{
  *sx = (wx - view->origin_x) * view->zoom;
  *sy = (wy - view->origin_y) * view->zoom;
}

/* Org-chart lines: the sponsor's trunk down to the bus over each row of
 * its group (down the group's left side when the group wraps), a drop
 * to each recruit in a row, and a line down the left of each column of
 * leaves with a stub into every box. */
static void
draw_connectors (cairo_t *cr,
                 Frame   *f)
{
  const DlRenderView *view = f->view;
  const DlLayout *layout = f->layout;
  double zoom = view->zoom;
  g_autoptr(GArray) spans = NULL;
  /* Lines under a pixel apart are a grey wash that costs more than the
   * boxes: far out, a column of leaves is its boxes alone, and only the
   * lines from sponsors to their rows of groups are drawn, which keep
   * the groups one tree instead of islands. */
  gboolean far = zoom * DL_LAYOUT_STACK_GAP < 1;

  /* Further still, rows stand under a pixel apart: no lines at all. */
  if (zoom * DL_LAYOUT_LEVEL_GAP < 1)
    return;
  spans = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  cairo_new_path (cr);
  for (guint k = 0; k < f->parents->len; k++)
    {
      guint p = g_array_index (f->parents, guint32, k);
      double px = (dl_layout_x_fast (layout, p) - view->origin_x) * zoom;
      double py = (layout->y[p] + DL_LAYOUT_NODE_H - view->origin_y) * zoom;
      double gx = (dl_layout_group_x_fast (layout, p) - view->origin_x) * zoom;
      double bus_first = G_MAXDOUBLE, bus_last = -G_MAXDOUBLE;

      g_array_set_size (spans, 0);
      for (guint c = dl_layout_first_child_fast (layout, p); c != NONE; c = layout->next_sibling[c])
        {
          double cx = (dl_layout_x_fast (layout, c) - view->origin_x) * zoom;
          double cy = (layout->y[c] - view->origin_y) * zoom;
          double mid = cy + DL_LAYOUT_NODE_H / 2 * zoom;
          double bus = cy - DL_LAYOUT_LEVEL_GAP / 2 * zoom;
          double left = cx - DL_LAYOUT_NODE_W / 2 * zoom;
          double spine = left - DL_LAYOUT_INDENT / 2 * zoom;
          double attach;
          guint row;
          double *span;

          if (far && layout->kind[c] != DL_LAYOUT_KIND_ROW)
            continue;
          switch ((DlLayoutKind) layout->kind[c])
            {
            case DL_LAYOUT_KIND_COLUMN:
              cairo_move_to (cr, spine, cy - DL_LAYOUT_STACK_PITCH * zoom + DL_LAYOUT_NODE_H / 2 * zoom);
              cairo_line_to (cr, spine, mid);
              cairo_line_to (cr, left, mid);
              continue;
            case DL_LAYOUT_KIND_COLUMN_HEAD:
              cairo_move_to (cr, spine, bus);
              cairo_line_to (cr, spine, mid);
              cairo_line_to (cr, left, mid);
              attach = spine;
              row = 0;
              break;
            case DL_LAYOUT_KIND_ROW:
            default:
              cairo_move_to (cr, cx, bus);
              cairo_line_to (cr, cx, cy);
              attach = cx;
              row = layout->row[c];
              break;
            }
          if (row >= spans->len)
            {
              guint old = spans->len;

              g_array_set_size (spans, row + 1);
              for (guint r = old; r <= row; r++)
                {
                  span = (double *) (void *) (spans->data + r * 3 * sizeof (double));
                  span[0] = G_MAXDOUBLE;
                  span[1] = -G_MAXDOUBLE;
                  span[2] = 0;
                }
            }
          span = (double *) (void *) (spans->data + row * 3 * sizeof (double));
          span[0] = MIN (span[0], attach);
          span[1] = MAX (span[1], attach);
          span[2] = bus;
          bus_first = MIN (bus_first, bus);
          bus_last = MAX (bus_last, bus);
        }
      if (spans->len == 0)
        continue;

      /* The trunk, and the line joining the rows of a wrapped group. */
      cairo_move_to (cr, px, py);
      cairo_line_to (cr, px, bus_first);
      if (spans->len > 1)
        {
          cairo_move_to (cr, gx, bus_first);
          cairo_line_to (cr, gx, bus_last);
        }
      for (guint r = 0; r < spans->len; r++)
        {
          double *span = (double *) (void *) (spans->data + r * 3 * sizeof (double));
          double a = span[0], b = span[1];

          if (a > b)
            continue;
          if (r == 0)
            {
              a = MIN (a, px);
              b = MAX (b, px);
            }
          if (spans->len > 1)
            a = MIN (a, gx);
          cairo_move_to (cr, MAX (a, -10), span[2]);
          cairo_line_to (cr, MIN (b, view->width + 10), span[2]);
        }
    }
  cairo_set_line_width (cr, MAX (1.0, 1.5 * MIN (zoom, 1.0)));
  if (view->dark)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_stroke (cr);
}

/* Sorts the indices of items into buckets by key (counting sort, stable):
 * order gets the items bucket by bucket, start[b] .. start[b + 1] being
 * bucket b.  One pass over the items instead of one per colour. */
static void
bucket_sort (const GArray *items,
             const guint8 *key,
             guint         n_buckets,
             guint32      *order,
             guint32      *start)
{
  memset (start, 0, (n_buckets + 1) * sizeof *start);
  for (guint k = 0; k < items->len; k++)
    start[key[k] + 1]++;
  for (guint b = 0; b < n_buckets; b++)
    start[b + 1] += start[b];
  {
    guint32 cursor[MAX_BUCKETS];

    g_assert (n_buckets <= MAX_BUCKETS);
    memcpy (cursor, start, n_buckets * sizeof *start);
    for (guint k = 0; k < items->len; k++)
      order[cursor[key[k]]++] = g_array_index (items, guint32, k);
  }
}

typedef struct
{
  double   x0, y0, x1, y1;
  gboolean used;
} MarkRect;

static void
draw_marks (cairo_t *cr,
            Frame   *f)
{
  const DlRenderView *view = f->view;
  guint n_classes = dl_colour_by_n_classes (view->colour_by);
  g_autofree guint8 *key = g_new (guint8, MAX (f->marks->len, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (f->marks->len, 1));
  guint32 start[MAX_BUCKETS + 1];
  gboolean merge = view->zoom < 0.2;   /* as dl_tree_render() turns antialiasing off */
  g_autoptr(GArray) pending = merge ? g_array_new (FALSE, TRUE, sizeof (MarkRect)) : NULL;

  g_assert (n_classes <= MAX_BUCKETS);
  for (guint k = 0; k < f->marks->len; k++)
    key[k] = dl_tree_facts_class (f->facts, view->colour_by, g_array_index (f->marks, guint32, k));
  bucket_sort (f->marks, key, n_classes, order, start);

  /* Without antialiasing (far out, where marks are many), a rectangle
   * covers the pixels whose centres it contains: snapped to those, marks
   * side by side on one level with the same bottom are one rectangle,
   * and one inside another is nothing more.  Same pixels on an image
   * surface (checked against unmerged drawing on bench-draw's frames),
   * far fewer rectangles for cairo; on a scaled or vector target the
   * edges move by under half a unit. */

  for (guint klass = 0; klass < n_classes; klass++)
    {
      double rgb[3];

      if (start[klass] == start[klass + 1])
        continue;
      for (guint k = start[klass]; k < start[klass + 1]; k++)
        {
          guint i = order[k];
          double x0, y0, x1, y1, sx0, sy0, sx1, sy1;
          MarkRect *p;
          guint depth;

          dl_layout_bounds_fast (f->layout, i, &x0, &y0, &x1, &y1);
          world_to_screen (view, x0, y0, &sx0, &sy0);
          world_to_screen (view, x1, y1, &sx1, &sy1);
          /* A tapering trunk: the subtree's extent, at least 2 px wide. */
          if (sx1 - sx0 < 2)
            {
              double c = (sx0 + sx1) / 2;

              sx0 = c - 1;
              sx1 = c + 1;
            }
          if (!merge)
            {
              cairo_rectangle (cr, sx0, sy0, sx1 - sx0, sy1 - sy0);
              continue;
            }
          sx0 = ceil (sx0 - 0.5);
          sx1 = ceil (sx1 - 0.5);
          sy0 = ceil (sy0 - 0.5);
          sy1 = ceil (sy1 - 0.5);
          /* Shorter than the gap between two pixel rows' centres: nothing. */
          if (sy1 <= sy0)
            continue;
          depth = dl_layout_get_depth (f->layout, i);
          if (depth >= pending->len)
            g_array_set_size (pending, depth + 1);
          p = &g_array_index (pending, MarkRect, depth);
          if (p->used && p->y0 == sy0 && p->y1 == sy1 && sx0 <= p->x1 && sx1 >= p->x0)
            {
              p->x0 = MIN (p->x0, sx0);
              p->x1 = MAX (p->x1, sx1);
              continue;
            }
          if (p->used && p->y0 == sy0 && sy1 <= p->y1 && sx0 >= p->x0 && sx1 <= p->x1)
            continue;
          if (p->used)
            cairo_rectangle (cr, p->x0, p->y0, p->x1 - p->x0, p->y1 - p->y0);
          *p = (MarkRect) { sx0, sy0, sx1, sy1, TRUE };
        }
      for (guint d = 0; merge && d < pending->len; d++)
        {
          MarkRect *p = &g_array_index (pending, MarkRect, d);

          if (p->used)
            cairo_rectangle (cr, p->x0, p->y0, p->x1 - p->x0, p->y1 - p->y0);
          p->used = FALSE;
        }
      dl_colour_by_class_rgb (view->colour_by, klass, rgb);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], view->highlight ? 0.2 : 0.55);
      cairo_fill (cr);
    }
}

void
dl_tree_render_box_path (cairo_t *cr,
                         double   x,
                         double   y,
                         double   w,
                         double   h,
                         double   r)
{
  if (r < 1)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
node_rect (const Frame *f,
           guint        i,
           double      *x,
           double      *y,
           double      *w,
           double      *h)
{
  world_to_screen (f->view, dl_layout_x_fast (f->layout, i) - DL_LAYOUT_NODE_W / 2,
                   dl_layout_y_fast (f->layout, i), x, y);
  *w = DL_LAYOUT_NODE_W * f->view->zoom;
  *h = DL_LAYOUT_NODE_H * f->view->zoom;
}

static void
draw_boxes (cairo_t *cr,
            Frame   *f)
{
  const DlRenderView *view = f->view;
  guint n_classes = dl_colour_by_n_classes (view->colour_by);
  double zoom = view->zoom;
  gboolean detailed = zoom >= 0.35;
  double radius = detailed ? 6 * zoom : 0;
  g_autofree guint8 *key = g_new (guint8, MAX (f->nodes->len, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (f->nodes->len, 1));
  guint32 start[MAX_BUCKETS + 1];

  /* Dimmed boxes first (pass 0), then the rest, each colour in turn. */
  g_assert (2 * n_classes <= MAX_BUCKETS);
  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);

      key[k] = (dimmed (f, i) ? 0 : n_classes) + dl_tree_facts_class (f->facts, view->colour_by, i);
    }
  bucket_sort (f->nodes, key, 2 * n_classes, order, start);

  for (int pass = 0; pass < 2; pass++)
    for (guint klass = 0; klass < n_classes; klass++)
      {
        guint bucket = pass * n_classes + klass;
        double rgb[3];

        if (start[bucket] == start[bucket + 1])
          continue;
        for (guint k = start[bucket]; k < start[bucket + 1]; k++)
          {
            double x, y, w, h;

            node_rect (f, order[k], &x, &y, &w, &h);
            dl_tree_render_box_path (cr, x, y, w, h, radius);
          }
        dl_colour_by_class_rgb (view->colour_by, klass, rgb);
        if (detailed)
          {
            /* A light tint to read dark text on, the full colour as the
             * border: the colour stays obvious, the name stays legible. */
            double t = view->dark ? 0.35 : 0.78;
            double base = view->dark ? 0.16 : 1.0;
            double a = pass == 0 ? 0.25 : 1.0;

            cairo_set_source_rgba (cr, rgb[0] * (1 - t) + base * t, rgb[1] * (1 - t) + base * t,
                                   rgb[2] * (1 - t) + base * t, a);
            cairo_fill_preserve (cr);
            cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], a);
            cairo_set_line_width (cr, MAX (1, 2.5 * zoom));
            cairo_stroke (cr);
          }
        else
          {
            cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], pass == 0 ? 0.2 : 1.0);
            cairo_fill (cr);
          }
      }
}

/* Activity as a shape, whatever the colouring: a full disc for active, a
 * half disc for cooling, an empty ring for inactive. */
static void
draw_activity (cairo_t *cr,
               Frame   *f)
{
  const DlRenderView *view = f->view;
  double zoom = view->zoom;
  double r = 7 * zoom;

  if (r < 2.5)
    return;

  cairo_set_line_width (cr, MAX (1, 1.5 * zoom));
  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h, cx, cy;
      guint activity = f->facts->activity[i];

      if (f->facts->risk_band[i] == DL_RISK_DROPPED)
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      cx = x + 14 * zoom;
      cy = y + 15 * zoom;
      cairo_set_source_rgba (cr, view->dark ? 1 : 0.1, view->dark ? 1 : 0.1,
                             view->dark ? 1 : 0.15, dimmed (f, i) ? 0.25 : 0.85);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      if (activity == DL_ACTIVITY_ACTIVE)
        {
          cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      else if (activity == DL_ACTIVITY_COOLING)
        {
          cairo_move_to (cr, cx, cy - r);
          cairo_arc_negative (cr, cx, cy, r, -G_PI / 2, G_PI / 2);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
}

/* High risk never by colour alone: a warning triangle in the corner. */
static void
draw_risk_marks (cairo_t *cr,
                 Frame   *f)
{
  double zoom = f->view->zoom;
  double s = MAX (10 * zoom, 4);
  gboolean any = FALSE;

  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h, tx, ty;

      if (f->facts->risk_band[i] != DL_RISK_HIGH || dimmed (f, i))
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      if (w < 6)
        continue;
      tx = x + w - s - 4 * zoom;
      ty = y + 4 * zoom;
      cairo_move_to (cr, tx + s / 2, ty);
      cairo_line_to (cr, tx + s, ty + s);
      cairo_line_to (cr, tx, ty + s);
      cairo_close_path (cr);
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_source_rgb (cr, 0.55, 0.12, 0.0);
  cairo_fill (cr);
}

static void
draw_outlines (cairo_t *cr,
               Frame   *f)
{
  const DlRenderView *view = f->view;
  double zoom = view->zoom;

  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h;
      gboolean selected = (gint64) i == view->selected;
      gboolean hit = view->matches != NULL && view->matches[i];
      gboolean hovered = (gint64) i == view->hovered;

      if (!selected && !hit && !hovered)
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      dl_tree_render_box_path (cr, x - 3, y - 3, w + 6, h + 6, zoom >= 0.35 ? 8 * zoom : 0);
      if (selected)
        {
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);   /* the GNOME accent */
          cairo_set_line_width (cr, 3);
        }
      else if (hit)
        {
          cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
          cairo_set_line_width (cr, 2);
          if (view->dark)
            cairo_set_source_rgb (cr, 1, 1, 1);
        }
      else
        {
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.6);
          cairo_set_line_width (cr, 2);
        }
      cairo_stroke (cr);
    }
}

/* A member's badges from the back office: rank, the latest month's PV
 * and an autoship mark ("Gold · 120 PV · ↻"; the tooltip says it in
 * words).  FALSE when the exports say none of it. */
/* A count short enough for a box, in the locale's digits: "941",
 * "4.4k", "678k", "1.2M".  A folded group of a whole business wrote
 * "+677971 · 47216 at ris…" and was cut off. */
const char *
dl_tree_render_short_count (guint  n,
                            char  *buf)
{
  if (n < 1000)
    g_snprintf (buf, 16, "%u", n);
  else if (n < 99950)
    /* Translators: a count in thousands, in a box of the tree: "4.4k" */
    g_snprintf (buf, 16, _("%.1fk"), n / 1000.0);
  else if (n < 999500)
    /* Translators: a count in thousands, in a box of the tree: "47k" */
    g_snprintf (buf, 16, _("%'.0fk"), n / 1000.0);
  else
    /* Translators: a count in millions, in a box of the tree: "1.2M" */
    g_snprintf (buf, 16, _("%.1fM"), n / 1000000.0);
  return buf;
}

static gboolean
badges_text (const DlTree     *tree,
             const DlTreeNode *node,
             char             *buf,
             gsize             size)
{
  char pv[32];

  /* drawn for every labelled box in every frame: no allocation */
  buf[0] = '\0';
  if (node->rank != 0)
    g_strlcpy (buf, dl_tree_get_rank_name (tree, node->rank), size);
  if (node->has_pv)
    {
      /* Translators: a member's personal volume this month, on their box */
      g_snprintf (pv, sizeof pv, _("%u PV"), node->pv);
      if (buf[0] != '\0')
        g_strlcat (buf, " · ", size);
      g_strlcat (buf, pv, size);
    }
  if (node->autoship == DL_AUTOSHIP_ON)
    {
      /* the mark of a member on autoship */
      if (buf[0] != '\0')
        g_strlcat (buf, " · ", size);
      g_strlcat (buf, "↻", size);
    }
  return buf[0] != '\0';
}

/* A name's em size in pixels at zoom 1: Sans Bold 10 beside the
 * details, Sans Bold 14 on its own further out. */
#define NAME_PX          (10 * 96 / 72.0)
#define OVERVIEW_NAME_PX (14 * 96 / 72.0)

double
dl_tree_render_name_px (double zoom)
{
  double px = zoom * (zoom >= DL_RENDER_DETAIL_ZOOM ? NAME_PX : OVERVIEW_NAME_PX);

  return px >= DL_RENDER_NAME_MIN_PX ? px : 0;
}

/* A summary such as "+315 · 68 at risk · 11 new" wraps between its
 * parts, never inside one: the spaces within a part become no-break
 * spaces.  line holds size bytes. */
static void
keep_parts_together (char  *line,
                     gsize  size)
{
  g_autoptr(GString) out = g_string_sized_new (size);

  for (const char *p = line; *p != '\0'; p++)
    {
      gboolean inner = *p == ' ' && p > line && !g_str_has_suffix (out->str, "·")
                       && !g_str_has_prefix (p + 1, "·");

      if (inner)
        g_string_append (out, "\u00a0");
      else
        g_string_append_c (out, *p);
    }
  g_strlcpy (line, out->str, size);
}

static void
draw_labels (cairo_t       *cr,
             Frame         *f,
             DlRenderStats *stats)
{
  const DlRenderView *view = f->view;
  double zoom = view->zoom;
  gboolean detailed = zoom >= DL_RENDER_DETAIL_ZOOM;
  /* On screen, further out, the name is the box's only text: larger, on
   * up to two lines.  A PDF or SVG keeps each name whole on one line,
   * text to search, and its reader zooms. */
  gboolean large = !detailed && !view->all_labels;
  PangoLayout *pl;
  PangoFontDescription *font, *small;

  if ((dl_tree_render_name_px (zoom) == 0 && !view->all_labels) || f->nodes->len == 0)
    return;

  pl = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_absolute_size (font, (large ? OVERVIEW_NAME_PX : NAME_PX) * PANGO_SCALE);
  small = pango_font_description_from_string ("Sans 8.5");
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);

  cairo_save (cr);
  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      const DlTreeNode *node = dl_tree_get_node (f->tree, i);
      double x, y, w, h, a = dimmed (f, i) ? 0.3 : 1.0;
      char line[160];
      guint since;

      node_rect (f, i, &x, &y, &w, &h);
      cairo_set_source_rgba (cr, view->dark ? 0.95 : 0.1, view->dark ? 0.95 : 0.1,
                             view->dark ? 0.95 : 0.12, a);

      /* Members whose sponsor is not in the downline (an import named
       * someone unknown) stand apart, under a caption. */
      if (node->parent == NONE && (gint64) i != dl_tree_get_root (f->tree))
        {
          cairo_save (cr);
          cairo_translate (cr, x, y - 22 * zoom);
          cairo_scale (cr, zoom, zoom);
          pango_layout_set_font_description (pl, small);
          pango_layout_set_width (pl, DL_LAYOUT_NODE_W * PANGO_SCALE);
          pango_layout_set_text (pl, _("No sponsor"), -1);
          pango_cairo_show_layout (cr, pl);
          cairo_restore (cr);
        }

      cairo_save (cr);
      if (large)
        {
          int text_h;

          /* in the middle of the box, clear of the activity disc and
           * the risk mark's corner */
          pango_layout_set_font_description (pl, font);
          pango_layout_set_width (pl, (DL_LAYOUT_NODE_W - 40) * PANGO_SCALE);
          pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
          pango_layout_set_height (pl, -2);
          /* Names are the user's data: plain text, never markup. */
          pango_layout_set_text (pl, node->name, -1);
          pango_layout_get_pixel_size (pl, NULL, &text_h);
          cairo_translate (cr, x + 24 * zoom, y + MAX (0, DL_LAYOUT_NODE_H - text_h) / 2 * zoom);
          cairo_scale (cr, zoom, zoom);
          pango_cairo_show_layout (cr, pl);
          cairo_restore (cr);
          if (stats != NULL)
            stats->n_labels++;
          continue;
        }

      cairo_translate (cr, x + 26 * zoom, y + 6 * zoom);
      cairo_scale (cr, zoom, zoom);
      pango_layout_set_font_description (pl, font);
      pango_layout_set_width (pl, (DL_LAYOUT_NODE_W - 48) * PANGO_SCALE);
      pango_layout_set_height (pl, -1);
      pango_layout_set_text (pl, node->name, -1);
      pango_cairo_show_layout (cr, pl);
      if (!detailed)
        {
          cairo_restore (cr);
          if (stats != NULL)
            stats->n_labels++;
          continue;
        }

      since = node->last_contact == DL_DAY_NONE ? G_MAXUINT
              : (guint) MAX (0, (gint64) f->facts->today - node->last_contact);
      cairo_translate (cr, -20, 20);
      pango_layout_set_font_description (pl, small);
      pango_layout_set_width (pl, (DL_LAYOUT_NODE_W - 12) * PANGO_SCALE);
      /* A folded group's summary may take the badges' line too. */
      pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
      pango_layout_set_height (pl, dl_layout_is_collapsed (f->layout, i) ? -2 : -1);
      if (dl_layout_is_collapsed (f->layout, i))
        {
          guint below_new = f->facts->new_members[i] -
                            (f->facts->tenure[i] == 0 && node->status != DL_MEMBER_DROPPED);
          char below[16], risky[16], fresh[16];

          if (below_new > 0)
            /* Translators: a folded group: members below, how many of them are at
             * high risk, and how many joined in the last 30 days */
            g_snprintf (line, sizeof line, _("+%s · %s at risk · %s new"),
                        dl_tree_render_short_count (node->subtree_size - 1, below),
                        dl_tree_render_short_count (f->facts->at_risk[i] - (f->facts->risk_band[i] == DL_RISK_HIGH), risky),
                        dl_tree_render_short_count (below_new, fresh));
          else
            /* Translators: a folded group: members below, and how many of them are at high risk */
            g_snprintf (line, sizeof line, _("+%s below · %s at risk"),
                        dl_tree_render_short_count (node->subtree_size - 1, below),
                        dl_tree_render_short_count (f->facts->at_risk[i] - (f->facts->risk_band[i] == DL_RISK_HIGH), risky));
          keep_parts_together (line, sizeof line);
        }
      else if (f->facts->placement && since == G_MAXUINT)
        /* Translators: level in the company's placement tree · no contact logged */
        g_snprintf (line, sizeof line, _("L%u · no contact"), node->level);
      else if (f->facts->placement)
        /* Translators: level in the company's placement tree · days since the last contact */
        g_snprintf (line, sizeof line, _("L%u · %u d ago"), node->level, since);
      else if (since == G_MAXUINT)
        /* Translators: level in the downline · personal recruits · no contact logged */
        g_snprintf (line, sizeof line, _("L%u · %u rec. · no contact"), node->level, node->n_children);
      else
        /* Translators: level · personal recruits · days since the last contact */
        g_snprintf (line, sizeof line, _("L%u · %u rec. · %u d ago"), node->level, node->n_children, since);
      pango_layout_set_text (pl, line, -1);
      pango_cairo_show_layout (cr, pl);

      /* zoomed in: what the back office says, as badges */
      if (zoom >= DL_RENDER_BADGE_ZOOM && !dl_layout_is_collapsed (f->layout, i)
          && badges_text (f->tree, node, line, sizeof line))
        {
          cairo_translate (cr, 0, 14);
          pango_layout_set_text (pl, line, -1);
          pango_cairo_show_layout (cr, pl);
        }
      cairo_restore (cr);
      if (stats != NULL)
        stats->n_labels++;
    }
  cairo_restore (cr);

  pango_font_description_free (font);
  pango_font_description_free (small);
  g_object_unref (pl);
}

/* "+N" on collapsed nodes when labels are off: a small tab under the box. */
static void
draw_fold_tabs (cairo_t *cr,
                Frame   *f)
{
  double zoom = f->view->zoom;
  gboolean any = FALSE;

  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h;

      if (!dl_layout_is_collapsed (f->layout, i))
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      cairo_rectangle (cr, x + w / 2 - 12 * zoom, y + h, 24 * zoom, MAX (2, 8 * zoom));
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_source_rgba (cr, 0.3, 0.3, 0.3, 0.8);
  cairo_fill (cr);
}

/* Where the pixels are, for covers_no_pixel(): an image surface's own
 * (its device scale and offset applied), else those the view says it is
 * shown on (a widget's recording is played back at its scale); only
 * when the drawing is axis-aligned.  Else no box is left out. */
static void
pixel_grid (cairo_t *cr,
            Frame   *f)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double ox = 0, oy = 0, ux = 1, uy = 0, vx = 0, vy = 1;
  double scale_x, scale_y, offset_x = 0, offset_y = 0;

  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE)
    {
      cairo_surface_get_device_scale (target, &scale_x, &scale_y);
      cairo_surface_get_device_offset (target, &offset_x, &offset_y);
    }
  else if (f->view->pixel_scale > 0)
    scale_x = scale_y = f->view->pixel_scale;
  else
    return;
  cairo_user_to_device (cr, &ox, &oy);
  cairo_user_to_device (cr, &ux, &uy);
  cairo_user_to_device (cr, &vx, &vy);
  ux -= ox;
  uy -= oy;
  vx -= ox;
  vy -= oy;
  if (uy != 0 || vx != 0 || ux == 0 || vy == 0)
    return;
  f->px_ax = ux * scale_x;
  f->px_bx = ox * scale_x + offset_x;
  f->px_ay = vy * scale_y;
  f->px_by = oy * scale_y + offset_y;
  f->pixel_cull = TRUE;
}

void
dl_tree_render (cairo_t            *cr,
                const DlRenderView *view,
                DlRenderStats      *stats)
{
  Frame f = { 0, };

  g_return_if_fail (cr != NULL && view != NULL && view->layout != NULL && view->facts != NULL);
  g_return_if_fail (view->zoom > 0);

  f.view = view;
  f.layout = view->layout;
  f.facts = view->facts;
  f.tree = dl_layout_get_tree (view->layout);
  f.vx0 = view->origin_x;
  f.vy0 = view->origin_y;
  f.vx1 = view->origin_x + view->width / view->zoom;
  f.vy1 = view->origin_y + view->height / view->zoom;
  f.nodes = stats != NULL && stats->drawn != NULL ? stats->drawn : g_array_new (FALSE, FALSE, sizeof (guint32));
  f.marks = stats != NULL && stats->marked != NULL ? stats->marked : g_array_new (FALSE, FALSE, sizeof (guint32));
  f.parents = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (view->mark_px > 0 && view->zoom * DL_LAYOUT_NODE_W < 1)
    f.last_column = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_set_size (f.nodes, 0);
  g_array_set_size (f.marks, 0);
  if (view->mark_px > 0 && view->zoom < 0.2 && !view->all_labels)
    pixel_grid (cr, &f);

  cull (&f);

  cairo_save (cr);
  cairo_set_antialias (cr, view->zoom < 0.2 ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
  draw_connectors (cr, &f);
  draw_marks (cr, &f);
  draw_boxes (cr, &f);
  draw_activity (cr, &f);
  draw_risk_marks (cr, &f);
  draw_fold_tabs (cr, &f);
  draw_labels (cr, &f, stats);
  draw_outlines (cr, &f);
  cairo_restore (cr);

  if (stats != NULL)
    {
      stats->n_nodes = f.nodes->len;
      stats->n_marks = f.marks->len;
    }
  if (stats == NULL || stats->drawn == NULL)
    g_array_unref (f.nodes);
  if (stats == NULL || stats->marked == NULL)
    g_array_unref (f.marks);
  g_array_unref (f.parents);
  if (f.last_column != NULL)
    g_array_unref (f.last_column);
}


/* test-layout.c — the compact layout of the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties checked on hand-made, random, sample and huge trees, by
 * brute force over the laid-out positions: no two boxes overlap; every
 * group sits below its sponsor, the sponsor centred over it; recruits
 * keep their order (leaves column by column, the others row by row);
 * subtree bounds hold their members; the result is the same every time;
 * hit-testing agrees with a scan of every box; wide trees take the
 * screen's shape, and the samples fitted to 1920×1080 meet the issue's
 * targets.
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dl-layout.h"
#include "dl-day.h"
#include "dl-sample.h"

#define NONE DL_TREE_NO_PARENT

/* sponsors[i] is the index of member i's sponsor, or -1; ids are i + 1. */
static DlTree *
build (const gint64 *sponsors,
       guint         n,
       gint64        root_id)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
  g_autoptr(GError) error = NULL;
  DlTree *tree;

  for (guint i = 0; i < n; i++)
    {
      DlTreeNode row;

      memset (&row, 0, sizeof row);
      row.person_id = i + 1;
      row.sponsor_id = sponsors[i] < 0 ? 0 : sponsors[i] + 1;
      row.name = "Member";
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, root_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);

  return tree;
}

static DlTree *
build_random (guint   n,
              guint32 seed,
              guint   orphans)
{
  g_autofree gint64 *sponsors = g_new (gint64, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  sponsors[0] = -1;
  for (guint i = 1; i < n; i++)
    {
      /* Mostly recent sponsors: deep and bushy at once. */
      if (g_rand_int_range (rand, 0, 3) == 0)
        sponsors[i] = g_rand_int_range (rand, 0, i);
      else
        sponsors[i] = g_rand_int_range (rand, MAX ((gint) i - 8, 0), i);
    }
  for (guint k = 0; k < orphans && k + 1 < n; k++)
    sponsors[g_rand_int_range (rand, 1, n)] = n + 1000;   /* unknown sponsor */

  return build (sponsors, n, 1);
}

static guint
count_shown (DlLayout *layout)
{
  guint count = 0;

  for (guint i = 0; i < dl_tree_get_n_nodes (dl_layout_get_tree (layout)); i++)
    count += dl_layout_is_shown (layout, i);

  return count;
}

typedef struct
{
  double x0, y0;
  guint  i;
} Box;

static int
compare_boxes (gconstpointer a,
               gconstpointer b)
{
  const Box *p = a, *q = b;

  if (p->x0 != q->x0)
    return p->x0 < q->x0 ? -1 : 1;
  return (p->y0 > q->y0) - (p->y0 < q->y0);
}

/* No two shown boxes overlap: sorted by left edge, only boxes starting
 * less than a box's width apart can. */
static guint
count_overlaps (DlLayout *layout)
{
  guint n = dl_tree_get_n_nodes (dl_layout_get_tree (layout)), m = 0, overlaps = 0;
  g_autofree Box *boxes = g_new (Box, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    if (dl_layout_is_shown (layout, i))
      boxes[m++] = (Box) { dl_layout_get_x (layout, i) - DL_LAYOUT_NODE_W / 2, dl_layout_get_y (layout, i), i };
  qsort (boxes, m, sizeof *boxes, compare_boxes);
  for (guint a = 0; a < m; a++)
    for (guint b = a + 1; b < m && boxes[b].x0 < boxes[a].x0 + DL_LAYOUT_NODE_W - 1e-6; b++)
      if (fabs (boxes[b].y0 - boxes[a].y0) < DL_LAYOUT_NODE_H - 1e-6 && overlaps++ < 5)
        g_test_message ("boxes of %u and %u overlap", boxes[a].i, boxes[b].i);

  return overlaps;
}

static gboolean
is_leaf (DlLayout *layout,
         guint     i)
{
  return dl_layout_first_child (layout, i) == NONE;
}

/* Every property of the drawing, by brute force over the result. */
static void
check_tidy (DlLayout *layout)
{
  DlTree *tree = dl_layout_get_tree (layout);
  guint n = dl_tree_get_n_nodes (tree);
  const double eps = 1e-6;

  g_assert_cmpuint (count_overlaps (layout), ==, 0);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      double x = dl_layout_get_x (layout, i), y = dl_layout_get_y (layout, i);
      double gx0 = INFINITY, gx1 = -INFINITY, sx0, sy0, sx1, sy1;
      guint d = dl_layout_get_depth (layout, i);
      guint first, last, prev_leaf = NONE, prev_group = NONE, first_leaf = NONE, first_group = NONE;

      if (!dl_layout_is_shown (layout, i))
        continue;

      /* The subtree's bounds hold the node and every shown descendant. */
      dl_layout_get_subtree_bounds (layout, i, &sx0, &sy0, &sx1, &sy1);
      for (guint j = i; j < i + node->subtree_size; j++)
        if (dl_layout_is_shown (layout, j))
          {
            g_assert_cmpfloat (dl_layout_get_x (layout, j) - DL_LAYOUT_NODE_W / 2, >=, sx0 - eps);
            g_assert_cmpfloat (dl_layout_get_x (layout, j) + DL_LAYOUT_NODE_W / 2, <=, sx1 + eps);
            g_assert_cmpfloat (dl_layout_get_y (layout, j), >=, sy0 - eps);
            g_assert_cmpfloat (dl_layout_get_y (layout, j) + DL_LAYOUT_NODE_H, <=, sy1 + eps);
          }

      first = dl_layout_first_child (layout, i);
      last = dl_layout_last_child (layout, i);
      if (dl_layout_is_collapsed (layout, i))
        {
          g_assert_cmpuint (first, ==, NONE);
          for (guint j = i + 1; j < i + node->subtree_size; j++)
            g_assert_false (dl_layout_is_shown (layout, j));
          continue;
        }
      if (node->n_children == 0)
        continue;

      g_assert_cmpuint (first, ==, node->first_child);
      for (guint c = node->first_child; c != NONE; c = dl_tree_get_node (tree, c)->next_sibling)
        {
          double cx = dl_layout_get_x (layout, c), cy = dl_layout_get_y (layout, c);
          double c0, c1, unused0, unused1;

          g_assert_true (dl_layout_is_shown (layout, c));
          g_assert_cmpuint (dl_layout_get_depth (layout, c), ==, d + 1);
          /* The group hangs below its sponsor. */
          g_assert_cmpfloat (cy, >=, y + DL_LAYOUT_PITCH_Y - eps);
          dl_layout_get_subtree_bounds (layout, c, &c0, &unused0, &c1, &unused1);
          gx0 = MIN (gx0, c0);
          gx1 = MAX (gx1, c1);

          /* Order: each leaf right under the one before, or at the top
           * of the next column to the right; each recruit with a group
           * right of the one before on the same row, or on a row below
           * its whole subtree. */
          if (is_leaf (layout, c))
            {
              if (prev_leaf != NONE)
                {
                  double px = dl_layout_get_x (layout, prev_leaf), py = dl_layout_get_y (layout, prev_leaf);
                  gboolean below = fabs (cx - px) < eps && fabs (cy - py - DL_LAYOUT_STACK_PITCH) < eps;
                  gboolean next_column = cx >= px + DL_LAYOUT_NODE_W - eps
                                         && dl_layout_get_kind (layout, c) == DL_LAYOUT_KIND_COLUMN_HEAD;

                  if (!below && !next_column)
                    g_test_message ("leaves %u then %u out of order", prev_leaf, c);
                  g_assert_true (below || next_column);
                }
              prev_leaf = c;
              if (first_leaf == NONE)
                first_leaf = c;
            }
          else
            {
              if (prev_group != NONE)
                {
                  double p0, p1, py1, q0, q1, qy0, qy1;

                  dl_layout_get_subtree_bounds (layout, prev_group, &p0, &unused0, &p1, &py1);
                  dl_layout_get_subtree_bounds (layout, c, &q0, &qy0, &q1, &qy1);
                  g_assert_true ((fabs (dl_layout_get_y (layout, prev_group) - cy) < eps && q0 >= p1 - eps)
                                 || qy0 >= py1 - eps);
                }
              prev_group = c;
              if (first_group == NONE)
                first_group = c;
            }
        }
      /* The leaves' columns stand at the top of the group's first row
       * (their line starts at that row's bus, and every recruit in a row
       * hangs from it): a column may run deeper than the row's other
       * recruits, never start lower. */
      if (first_leaf != NONE)
        for (guint c = node->first_child; c != NONE; c = dl_tree_get_node (tree, c)->next_sibling)
          {
            g_assert_cmpfloat (dl_layout_get_y (layout, c), >=, dl_layout_get_y (layout, first_leaf) - eps);
            if (dl_layout_get_kind (layout, c) == DL_LAYOUT_KIND_COLUMN_HEAD)
              g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, c), dl_layout_get_y (layout, first_leaf), eps);
          }
      /* The leaves' columns open the group: left of the first row's
       * other recruits. */
      if (first_leaf != NONE && first_group != NONE
          && fabs (dl_layout_get_y (layout, first_group) - dl_layout_get_y (layout, first_leaf)) < eps)
        g_assert_cmpfloat (dl_layout_get_x (layout, first_leaf), <, dl_layout_get_x (layout, first_group));
      /* The sponsor sits centred over its group. */
      g_assert_cmpfloat_with_epsilon (x, (gx0 + gx1) / 2, 1e-6 * MAX (1, fabs (x)));
      (void) last;
    }
}

/* How the drawing fits a screen: the zoom, the share of the screen it
 * covers, with the 48 px margin dl_render_view_zoom_to_fit() keeps. */
static double
fit (DlLayout *layout,
     double    width,
     double    height,
     double   *cover)
{
  double x0, y0, x1, y1, zoom;

  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  zoom = MIN ((width - 48) / (x1 - x0), (height - 48) / (y1 - y0));
  zoom = MIN (zoom, 1.0);
  if (cover != NULL)
    *cover = (x1 - x0) * zoom * (y1 - y0) * zoom / (width * height);

  return zoom;
}

static void
test_layout_small (void)
{
  /*        0
   *      / | \
   *     1  4  5
   *    / \     \
   *   2   3     6 */
  const gint64 sponsors[] = { -1, 0, 1, 1, 0, 0, 5 };
  g_autoptr(DlTree) tree = build (sponsors, G_N_ELEMENTS (sponsors), 1);
  DlLayout *layout = dl_layout_new (tree);

  dl_layout_run (layout);
  check_tidy (layout);
  g_assert_cmpuint (count_shown (layout), ==, 7);

  /* Worked out by hand: 4 has no recruits, so it stands in a column
   * under 0, left of 0's row of groups, 1 then 5; 2 and 3 are a column
   * under 1, 6 one under 5. */
  g_assert_cmpint (dl_layout_get_kind (layout, 4), ==, DL_LAYOUT_KIND_COLUMN_HEAD);
  g_assert_cmpint (dl_layout_get_kind (layout, 1), ==, DL_LAYOUT_KIND_ROW);
  g_assert_cmpint (dl_layout_get_kind (layout, 3), ==, DL_LAYOUT_KIND_COLUMN);
  g_assert_cmpfloat (dl_layout_get_x (layout, 4), <, dl_layout_get_x (layout, 1));
  g_assert_cmpfloat (dl_layout_get_x (layout, 1), <, dl_layout_get_x (layout, 5));
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 2), dl_layout_get_x (layout, 3), 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, 3) - dl_layout_get_y (layout, 2),
                                  DL_LAYOUT_STACK_PITCH, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, 1), DL_LAYOUT_PITCH_Y, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, 4), DL_LAYOUT_PITCH_Y, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, 2), 2 * DL_LAYOUT_PITCH_Y, 1e-9);

  /* Collapse 1: its recruits go, and 1 joins 4's column, above it. */
  dl_layout_set_collapsed (layout, 1, TRUE);
  dl_layout_run (layout);
  check_tidy (layout);
  g_assert_true (dl_layout_is_collapsed (layout, 1));
  g_assert_false (dl_layout_is_shown (layout, 2));
  g_assert_false (dl_layout_is_shown (layout, 3));
  g_assert_cmpuint (count_shown (layout), ==, 5);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 4), dl_layout_get_x (layout, 1), 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, 4) - dl_layout_get_y (layout, 1),
                                  DL_LAYOUT_STACK_PITCH, 1e-9);

  /* Focus on 5: a range of two, 5 at depth 0. */
  dl_layout_set_root (layout, 5);
  dl_layout_run (layout);
  g_assert_cmpuint (dl_layout_get_begin (layout), ==, 5);
  g_assert_cmpuint (dl_layout_get_end (layout), ==, 7);
  g_assert_cmpuint (count_shown (layout), ==, 2);
  g_assert_cmpuint (dl_layout_get_depth (layout, 5), ==, 0);
  g_assert_cmpuint (dl_layout_get_depth (layout, 6), ==, 1);
  check_tidy (layout);

  dl_layout_free (layout);
}

/* A sponsor with many recruits who have groups of their own: the
 * groups wrap into rows, in order, and the drawing takes the screen's
 * shape instead of a strip. */
static void
test_layout_wrap (void)
{
  const guint groups = 60;
  g_autofree gint64 *sponsors = g_new (gint64, 1 + groups * 4);
  g_autoptr(DlTree) tree = NULL;
  DlLayout *layout;
  double x0, y0, x1, y1, aspect;
  guint n = 1;

  sponsors[0] = -1;
  for (guint g = 0; g < groups; g++)
    {
      guint head = n;

      sponsors[n++] = 0;
      for (guint k = 0; k < 3; k++)
        sponsors[n++] = head;
    }
  tree = build (sponsors, n, 1);
  layout = dl_layout_new (tree);
  dl_layout_run (layout);
  check_tidy (layout);
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  aspect = (x1 - x0) / (y1 - y0);
  g_test_message ("60 groups: %g × %g", x1 - x0, y1 - y0);
  g_assert_cmpfloat (aspect, >=, DL_LAYOUT_ASPECT_DEFAULT / 1.6);
  g_assert_cmpfloat (aspect, <=, DL_LAYOUT_ASPECT_DEFAULT * 1.6);
  /* Rows: the last group is on a lower row than the first. */
  g_assert_cmpfloat (dl_layout_get_y (layout, n - 4), >, dl_layout_get_y (layout, 1));

  /* Another screen, another shape. */
  dl_layout_set_aspect (layout, 0.5);
  dl_layout_run (layout);
  check_tidy (layout);
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat ((x1 - x0) / (y1 - y0), <=, 0.5 * 1.6);
  dl_layout_free (layout);
}

static void
test_layout_random (void)
{
  for (guint32 seed = 1; seed <= 30; seed++)
    {
      guint n = 2 + seed * 37;
      g_autoptr(DlTree) tree = build_random (n, seed, seed % 4);
      DlLayout *layout = dl_layout_new (tree);
      DlLayout *again = dl_layout_new (tree);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      dl_layout_set_fold_threshold (layout, 5);
      dl_layout_set_fold_threshold (again, 5);
      for (guint k = 0; k < 3; k++)
        {
          guint c = g_rand_int_range (rand, 0, n);

          dl_layout_set_collapsed (layout, c, TRUE);
          dl_layout_set_collapsed (again, c, TRUE);
        }
      dl_layout_run (layout);
      check_tidy (layout);
      /* Nothing folded: every member shown, still tidy. */
      {
        DlLayout *all = dl_layout_new (tree);

        dl_layout_expand_all (all);
        dl_layout_run (all);
        check_tidy (all);
        dl_layout_free (all);
      }

      /* Deterministic: a second object, and a second run, agree exactly. */
      dl_layout_run (again);
      dl_layout_run (again);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpint (dl_layout_is_shown (layout, i), ==, dl_layout_is_shown (again, i));
          if (dl_layout_is_shown (layout, i))
            g_assert_true (dl_layout_get_x (layout, i) == dl_layout_get_x (again, i));
        }

      /* Subtree bounds hold every shown descendant. */
      for (guint i = 0; i < n; i++)
        {
          const DlTreeNode *node = dl_tree_get_node (tree, i);
          double x0, y0, x1, y1;

          if (!dl_layout_is_shown (layout, i))
            continue;
          dl_layout_get_subtree_bounds (layout, i, &x0, &y0, &x1, &y1);
          for (guint j = i; j < i + node->subtree_size; j++)
            if (dl_layout_is_shown (layout, j))
              {
                g_assert_cmpfloat (dl_layout_get_x (layout, j) - DL_LAYOUT_NODE_W / 2, >=, x0 - 1e-6);
                g_assert_cmpfloat (dl_layout_get_x (layout, j) + DL_LAYOUT_NODE_W / 2, <=, x1 + 1e-6);
                g_assert_cmpfloat (dl_layout_get_y (layout, j) + DL_LAYOUT_NODE_H, <=, y1 + 1e-6);
              }
        }

      dl_layout_free (layout);
      dl_layout_free (again);
    }
}

/* A brute-force hit test: every box, one by one. */
static gint64
scan_hit (DlLayout *layout,
          double    wx,
          double    wy)
{
  guint n = dl_tree_get_n_nodes (dl_layout_get_tree (layout));

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      if (!dl_layout_is_shown (layout, i))
        continue;
      x = dl_layout_get_x (layout, i);
      y = dl_layout_get_y (layout, i);
      if (fabs (wx - x) <= DL_LAYOUT_NODE_W / 2 && wy >= y && wy <= y + DL_LAYOUT_NODE_H)
        return i;
    }

  return -1;
}

static void
test_layout_hit (void)
{
  g_autoptr(DlTree) tree = build_random (800, 99, 3);
  DlLayout *layout = dl_layout_new (tree);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  double x0, y0, x1, y1;
  guint hits = 0;

  dl_layout_set_collapsed (layout, 40, TRUE);
  dl_layout_run (layout);

  /* The centre of every shown box finds that node; hidden ones are never
   * found. */
  for (guint i = 0; i < 800; i++)
    {
      gint64 hit = dl_layout_hit_test (layout,
                                       dl_layout_get_x (layout, i),
                                       dl_layout_get_y (layout, i) + DL_LAYOUT_NODE_H / 2);

      if (dl_layout_is_shown (layout, i))
        g_assert_cmpint (hit, ==, i);
      else
        g_assert_cmpint (hit, !=, i);
    }

  /* Random points agree with the scan, misses included. */
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  for (guint k = 0; k < 20000; k++)
    {
      double wx = g_rand_double_range (rand, x0 - 50, x1 + 50);
      double wy = g_rand_double_range (rand, y0 - 50, y1 + 50);
      gint64 expected = scan_hit (layout, wx, wy);

      g_assert_cmpint (dl_layout_hit_test (layout, wx, wy), ==, expected);
      hits += expected >= 0;
    }
  g_assert_cmpuint (hits, >, 0);
  g_assert_cmpint (dl_layout_hit_test (layout, x0 - 10, DL_LAYOUT_NODE_H / 2), ==, -1);
  g_assert_cmpint (dl_layout_hit_test (layout, dl_layout_get_x (layout, 0),
                                       DL_LAYOUT_NODE_H + 1), ==, -1);
  dl_layout_free (layout);
}

static void
test_layout_deep_chain (void)
{
  const guint n = 100000;
  g_autofree gint64 *sponsors = g_new (gint64, n);
  g_autoptr(DlTree) tree = NULL;
  DlLayout *layout;

  for (guint i = 0; i < n; i++)
    sponsors[i] = (gint64) i - 1;
  tree = build (sponsors, n, 1);
  layout = dl_layout_new (tree);
  dl_layout_run (layout);
  /* One line straight down; the last member, who has no recruits, in a
   * column of one (its line runs down its left). */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (dl_layout_get_depth (layout, i), ==, i);
      g_assert_cmpfloat (dl_layout_get_y (layout, i), ==, i * DL_LAYOUT_PITCH_Y);
      if (i + 1 < n)
        g_assert_cmpfloat (dl_layout_get_x (layout, i), ==, dl_layout_get_x (layout, 0));
    }
  g_assert_cmpint (dl_layout_get_kind (layout, n - 1), ==, DL_LAYOUT_KIND_COLUMN_HEAD);
  g_assert_cmpint (dl_layout_hit_test (layout, dl_layout_get_x (layout, n - 1),
                                       (n - 1) * DL_LAYOUT_PITCH_Y + 1), ==, n - 1);
  dl_layout_free (layout);
}

static void
test_layout_wide_fan (void)
{
  const guint n = 100001;
  g_autofree gint64 *sponsors = g_new (gint64, n);
  g_autoptr(DlTree) tree = NULL;
  DlLayout *layout;

  sponsors[0] = -1;
  for (guint i = 1; i < n; i++)
    sponsors[i] = 0;
  tree = build (sponsors, n, 1);
  layout = dl_layout_new (tree);

  /* Folded by default: one node stands for the fan-out. */
  dl_layout_run (layout);
  g_assert_true (dl_layout_is_folded (layout, 0));
  g_assert_true (dl_layout_is_collapsed (layout, 0));
  g_assert_cmpuint (count_shown (layout), ==, 1);

  /* Expanded: not a row of 100,000 but a grid of columns in the
   * screen's shape, the sponsor centred over it. */
  dl_layout_set_collapsed (layout, 0, FALSE);
  dl_layout_run (layout);
  g_assert_false (dl_layout_is_folded (layout, 0));
  g_assert_cmpuint (count_shown (layout), ==, n);
  check_tidy (layout);
  {
    double x0, y0, x1, y1, cover;

    dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
    g_assert_cmpfloat ((x1 - x0) / (y1 - y0), >=, DL_LAYOUT_ASPECT_DEFAULT / 1.25);
    g_assert_cmpfloat ((x1 - x0) / (y1 - y0), <=, DL_LAYOUT_ASPECT_DEFAULT * 1.25);
    fit (layout, 1920, 1080, &cover);
    g_assert_cmpfloat (cover, >=, 0.6);
  }
  g_assert_cmpint (dl_layout_hit_test (layout, dl_layout_get_x (layout, 5000),
                                       dl_layout_get_y (layout, 5000) + 1), ==, 5000);
  dl_layout_free (layout);
}

/* A reload keeps what the user folded and unfolded, by person. */
static void
test_layout_fold_state (void)
{
  const gint64 sponsors[] = { -1, 0, 1, 1, 0, 0, 5, 5, 5 };
  const gint64 more[] = { -1, 0, 1, 1, 0, 0, 5, 5, 5, 1 };   /* a new member, id 10, under id 2 */
  g_autoptr(DlTree) tree = build (sponsors, G_N_ELEMENTS (sponsors), 1);
  g_autoptr(DlTree) reloaded = build (more, G_N_ELEMENTS (more), 1);
  DlLayout *layout = dl_layout_new (tree);
  DlLayout *again = dl_layout_new (reloaded);
  gint64 one = dl_tree_find (tree, 2), five = dl_tree_find (tree, 6);

  dl_layout_set_fold_threshold (layout, 2);
  dl_layout_set_fold_threshold (again, 2);
  dl_layout_set_collapsed (layout, one, TRUE);
  dl_layout_set_collapsed (layout, five, FALSE);   /* unfold a folded fan-out */
  dl_layout_set_collapsed (layout, 0, FALSE);      /* the root's three are a fan-out too */
  dl_layout_copy_fold_state (again, layout);
  dl_layout_run (again);
  g_assert_true (dl_layout_is_collapsed (again, dl_tree_find (reloaded, 2)));
  g_assert_false (dl_layout_is_collapsed (again, dl_tree_find (reloaded, 6)));
  g_assert_true (dl_layout_is_shown (again, dl_tree_find (reloaded, 8)));
  g_assert_false (dl_layout_is_shown (again, dl_tree_find (reloaded, 3)));
  check_tidy (again);
  dl_layout_free (layout);
  dl_layout_free (again);
}

/* A layout handed the tree after an edit (one member added, one moved)
 * in its own memory is the new layout of that tree with the folds
 * copied, box for box; it keeps the shape asked for and drops the
 * root, as a new one has none. */
static void
test_layout_set_tree (void)
{
  const guint n = 3000;
  g_autofree gint64 *sponsors = g_new (gint64, n + 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTree) edited = NULL;
  DlLayout *kept, *folds, *fresh;

  sponsors[0] = -1;
  for (guint i = 1; i < n; i++)
    sponsors[i] = g_rand_int_range (rand, MAX ((gint) i - 40, 0), i);
  tree = build (sponsors, n, 1);
  sponsors[n] = 1500;          /* a new member */
  sponsors[2000] = 10;         /* a member moved */
  edited = build (sponsors, n + 1, 1);

  for (guint round = 0; round < 2; round++)
    {
      kept = dl_layout_new (tree);
      folds = dl_layout_new (tree);
      for (DlLayout *l = kept; l != NULL; l = l == kept ? folds : NULL)
        {
          dl_layout_set_aspect (l, 1.0);
          if (round == 1)
            dl_layout_expand_all (l);
          for (guint i = 7; i < n; i += 97)
            if (dl_tree_get_node (tree, i)->n_children > 0)
              dl_layout_set_collapsed (l, i, i % 2 == 0);
          /* the new member's sponsor, after which everyone shifts */
          dl_layout_set_collapsed (l, dl_tree_find (tree, 1501), TRUE);
        }
      dl_layout_set_root (kept, 3);
      dl_layout_run (kept);

      dl_layout_set_tree (kept, edited);
      g_assert_true (dl_layout_get_tree (kept) == edited);
      g_assert_cmpuint (dl_layout_get_root (kept), ==, DL_TREE_NO_PARENT);
      g_assert_cmpfloat (dl_layout_get_aspect (kept), ==, 1.0);
      dl_layout_run (kept);
      check_tidy (kept);

      fresh = dl_layout_new (edited);
      dl_layout_set_aspect (fresh, 1.0);
      dl_layout_copy_fold_state (fresh, folds);
      dl_layout_run (fresh);
      for (guint i = 0; i <= n; i++)
        {
          g_assert_cmpint (dl_layout_is_collapsed (kept, i), ==, dl_layout_is_collapsed (fresh, i));
          g_assert_cmpint (dl_layout_is_shown (kept, i), ==, dl_layout_is_shown (fresh, i));
          if (dl_layout_is_shown (fresh, i))
            {
              g_assert_cmpfloat (dl_layout_get_x (kept, i), ==, dl_layout_get_x (fresh, i));
              g_assert_cmpfloat (dl_layout_get_y (kept, i), ==, dl_layout_get_y (fresh, i));
            }
        }
      /* every fold kept by person, looked up one by one */
      for (guint i = 0; i < n; i++)
        {
          gint64 j = dl_tree_find (edited, dl_tree_get_node (tree, i)->person_id);

          g_assert_cmpint (j, >=, 0);
          if (dl_tree_get_node (edited, j)->n_children == dl_tree_get_node (tree, i)->n_children)
            g_assert_cmpint (dl_layout_is_collapsed (kept, j), ==, dl_layout_is_collapsed (folds, i));
          else
            {
              /* a sponsor the edit gave or took a recruit: folded as
               * asked (its old count could not show it) */
              const DlTreeNode *old = dl_tree_get_node (tree, i);
              gboolean asked = i >= 7 && (i - 7) % 97 == 0 && old->n_children > 0 ? i % 2 == 0 : FALSE;

              if (old->person_id == 1501)
                asked = TRUE;
              g_assert_cmpint (dl_layout_is_collapsed (kept, j), ==,
                               asked && dl_tree_get_node (edited, j)->n_children > 0);
            }
        }
      dl_layout_free (kept);
      dl_layout_free (folds);
      dl_layout_free (fresh);
    }
}

static DlTree *
build_sample (guint members)
{
  DlSampleOptions options;
  DlSample *sample;
  g_autofree gint64 *sponsors = NULL;
  DlTree *tree;

  /* The very business `downline --sample-data=N --seed=3` writes. */
  dl_sample_options_init (&options, members, 3, dl_day_from_ymd (2026, 11, 22));
  sample = dl_sample_new (&options);
  sponsors = g_new (gint64, sample->n_members);
  for (guint i = 0; i < sample->n_members; i++)
    sponsors[i] = sample->members[i].sponsor == DL_SAMPLE_NONE ? -1 : (gint64) sample->members[i].sponsor;
  tree = build (sponsors, sample->n_members, 1);
  dl_sample_free (sample);

  return tree;
}

/* The targets, fitted to 1920×1080 with nothing folded. */
static void
test_layout_sample_fit (void)
{
  g_autoptr(DlTree) small = build_sample (300);
  g_autoptr(DlTree) big = build_sample (5000);
  DlLayout *layout;
  double zoom, cover;

  layout = dl_layout_new (small);
  dl_layout_expand_all (layout);
  dl_layout_run (layout);
  check_tidy (layout);
  zoom = fit (layout, 1920, 1080, &cover);
  g_test_message ("300 members: zoom %.3f, %.0f%% of the screen", zoom, cover * 100);
  /* The issue asks names of 7 px: at this zoom the renderer draws them
   * at 9.1 (test-render's /render/names-at-fit).  The layout reached
   * 0.38 before big subtrees took the shape their row wants, under 0.08
   * as a tidy tree.  A fit much closer is not to be had: rows of unequal
   * blocks fill about 70% of the screen.  Guard what it reaches. */
  g_assert_cmpfloat (zoom, >=, 0.48);
  g_assert_cmpfloat (cover, >=, 0.6);
  dl_layout_free (layout);

  layout = dl_layout_new (big);
  dl_layout_expand_all (layout);
  dl_layout_run (layout);
  check_tidy (layout);
  zoom = fit (layout, 1920, 1080, &cover);
  g_test_message ("5000 members: zoom %.4f, %.0f%% of the screen", zoom, cover * 100);
  /* The issue: at least 40% (the tidy tree: about 3%). */
  g_assert_cmpfloat (cover, >=, 0.40);
  dl_layout_free (layout);
}

/* Wide, shallow random businesses (most recruits never recruit) of
 * several sizes keep the screen's shape. */
static void
test_layout_wide_shallow (void)
{
  for (guint32 seed = 1; seed <= 8; seed++)
    {
      guint n = 500 * seed;
      g_autofree gint64 *sponsors = g_new (gint64, n);
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(DlTree) tree = NULL;
      DlLayout *layout;
      double x0, y0, x1, y1, cover;
      guint n_sponsors = 1;
      g_autofree guint *sponsor_of = g_new (guint, n);

      /* One in six recruits, the rest sign up under an existing sponsor. */
      sponsors[0] = -1;
      sponsor_of[0] = 0;
      for (guint i = 1; i < n; i++)
        {
          sponsors[i] = sponsor_of[g_rand_int_range (rand, 0, n_sponsors)];
          if (g_rand_int_range (rand, 0, 6) == 0)
            sponsor_of[n_sponsors++] = i;
        }
      tree = build (sponsors, n, 1);
      layout = dl_layout_new (tree);
      dl_layout_expand_all (layout);
      dl_layout_run (layout);
      check_tidy (layout);
      dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
      fit (layout, 1920, 1080, &cover);
      g_test_message ("%u members: %g × %g, %.0f%%", n, x1 - x0, y1 - y0, cover * 100);
      g_assert_cmpfloat ((x1 - x0) / (y1 - y0), >=, DL_LAYOUT_ASPECT_DEFAULT / 2.5);
      g_assert_cmpfloat ((x1 - x0) / (y1 - y0), <=, DL_LAYOUT_ASPECT_DEFAULT * 2.5);
      g_assert_cmpfloat (cover, >=, 0.40);
      dl_layout_free (layout);
    }
}

static void
test_layout_empty (void)
{
  g_autoptr(DlTree) tree = build (NULL, 0, 1);
  DlLayout *layout = dl_layout_new (tree);
  double x0, y0, x1, y1;

  dl_layout_run (layout);
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x1 - x0, ==, 0);
  g_assert_cmpint (dl_layout_hit_test (layout, 0, 10), ==, -1);
  dl_layout_free (layout);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/layout/small", test_layout_small);
  g_test_add_func ("/layout/wrap", test_layout_wrap);
  g_test_add_func ("/layout/random", test_layout_random);
  g_test_add_func ("/layout/hit-test", test_layout_hit);
  g_test_add_func ("/layout/deep-chain", test_layout_deep_chain);
  g_test_add_func ("/layout/wide-fan", test_layout_wide_fan);
  g_test_add_func ("/layout/fold-state", test_layout_fold_state);
  g_test_add_func ("/layout/set-tree", test_layout_set_tree);
  g_test_add_func ("/layout/sample-fit", test_layout_sample_fit);
  g_test_add_func ("/layout/wide-shallow", test_layout_wide_shallow);
  g_test_add_func ("/layout/empty", test_layout_empty);

  return g_test_run ();
}

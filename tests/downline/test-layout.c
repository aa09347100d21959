/* test-layout.c — the tidy layout of the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties checked on hand-made, random and huge trees, by brute force
 * over the laid-out positions: no two boxes overlap, each level keeps the
 * depth-first (sibling) order from left to right, parents sit centred over
 * their shown children, the result is the same every time; hit-testing
 * agrees with a scan of every box.
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dl-layout.h"

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

/* Every property of a tidy drawing, by brute force over the result. */
static void
check_tidy (DlLayout *layout)
{
  DlTree *tree = dl_layout_get_tree (layout);
  guint n = dl_tree_get_n_nodes (tree);
  g_autoptr(GHashTable) last_at_depth = g_hash_table_new (NULL, NULL);
  guint failures = 0;

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      double x = dl_layout_get_x (layout, i);
      guint d = dl_layout_get_depth (layout, i);
      gpointer prev;
      guint first, last;

      if (!dl_layout_is_shown (layout, i))
        continue;

      /* Boxes on one level never overlap, and come in depth-first order
       * from left to right: siblings keep their order, and so do cousins. */
      if (g_hash_table_lookup_extended (last_at_depth, GUINT_TO_POINTER (d), NULL, &prev))
        {
          double px = dl_layout_get_x (layout, GPOINTER_TO_UINT (prev));

          if (x - px < DL_LAYOUT_PITCH_X - 1e-6 && failures++ < 5)
            g_test_message ("nodes %u and %u at depth %u: %g then %g",
                            GPOINTER_TO_UINT (prev), i, d, px, x);
        }
      g_hash_table_insert (last_at_depth, GUINT_TO_POINTER (d), GUINT_TO_POINTER (i));

      g_assert_cmpfloat (dl_layout_get_y (layout, i), ==, d * DL_LAYOUT_PITCH_Y);

      first = dl_layout_first_child (layout, i);
      last = dl_layout_last_child (layout, i);
      if (dl_layout_is_collapsed (layout, i))
        {
          g_assert_cmpuint (first, ==, NONE);
          for (guint j = i + 1; j < i + node->subtree_size; j++)
            g_assert_false (dl_layout_is_shown (layout, j));
        }
      else if (node->n_children > 0)
        {
          double mid = (dl_layout_get_x (layout, first) + dl_layout_get_x (layout, last)) / 2;

          g_assert_cmpuint (first, ==, node->first_child);
          g_assert_cmpfloat_with_epsilon (x, mid, 1e-6 * MAX (1, fabs (mid)));
          for (guint c = node->first_child; c != NONE; c = dl_tree_get_node (tree, c)->next_sibling)
            {
              g_assert_true (dl_layout_is_shown (layout, c));
              g_assert_cmpuint (dl_layout_get_depth (layout, c), ==, d + 1);
            }
        }
    }
  g_assert_cmpuint (failures, ==, 0);
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
  double p = DL_LAYOUT_PITCH_X;

  dl_layout_run (layout);
  check_tidy (layout);
  g_assert_cmpuint (count_shown (layout), ==, 7);

  /* Worked out by hand: 2 and 3 one pitch apart, 1 over them; 4 and 5 each
   * one pitch right of the previous sibling; 6 under 5. */
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 2), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 3), p, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 1), p / 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 4), 1.5 * p, 1e-9);
  /* 5 would sit at 2.5 p, but its child 6 must clear 3 (at p): fine. */
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 5), 2.5 * p, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 6), 2.5 * p, 1e-9);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 0), 1.5 * p, 1e-9);

  /* Collapse 1: its recruits go, the rest closes up. */
  dl_layout_set_collapsed (layout, 1, TRUE);
  dl_layout_run (layout);
  check_tidy (layout);
  g_assert_true (dl_layout_is_collapsed (layout, 1));
  g_assert_false (dl_layout_is_shown (layout, 2));
  g_assert_false (dl_layout_is_shown (layout, 3));
  g_assert_cmpuint (count_shown (layout), ==, 5);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, 4) - dl_layout_get_x (layout, 1), p, 1e-9);

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

/* The classic case Walker's algorithm exists for: small subtrees between
 * two big ones are spread evenly, not piled against one side. */
static void
test_layout_spread (void)
{
  /* 0 has children 1, 4, 5, 6; 1 and 6 have wide subtrees. */
  const gint64 sponsors[] = { -1, 0, 1, 1, 0, 0, 0, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7 };
  g_autoptr(DlTree) tree = build (sponsors, G_N_ELEMENTS (sponsors), 1);
  DlLayout *layout = dl_layout_new (tree);
  guint kids[4] = { 1, 4, 5, 6 };
  double gap1, gap2, gap3;

  dl_layout_run (layout);
  check_tidy (layout);
  gap1 = dl_layout_get_x (layout, kids[1]) - dl_layout_get_x (layout, kids[0]);
  gap2 = dl_layout_get_x (layout, kids[2]) - dl_layout_get_x (layout, kids[1]);
  gap3 = dl_layout_get_x (layout, kids[3]) - dl_layout_get_x (layout, kids[2]);
  g_assert_cmpfloat_with_epsilon (gap1, gap2, 1e-6);
  g_assert_cmpfloat (gap3, >=, gap2 - 1e-6);
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
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (dl_layout_get_depth (layout, i), ==, i);
      g_assert_cmpfloat (dl_layout_get_x (layout, i), ==, dl_layout_get_x (layout, 0));
    }
  g_assert_cmpint (dl_layout_hit_test (layout, dl_layout_get_x (layout, 0),
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

  /* Expanded: a row of 100,000, one pitch apart, the sponsor centred. */
  dl_layout_set_collapsed (layout, 0, FALSE);
  dl_layout_run (layout);
  g_assert_false (dl_layout_is_folded (layout, 0));
  g_assert_cmpuint (count_shown (layout), ==, n);
  check_tidy (layout);
  g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, n - 1) - dl_layout_get_x (layout, 1),
                                  (n - 2) * DL_LAYOUT_PITCH_X, 1e-3);
  g_assert_cmpint (dl_layout_hit_test (layout, dl_layout_get_x (layout, 5000),
                                       DL_LAYOUT_PITCH_Y + 1), ==, 5000);
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
  g_test_add_func ("/layout/spread", test_layout_spread);
  g_test_add_func ("/layout/random", test_layout_random);
  g_test_add_func ("/layout/hit-test", test_layout_hit);
  g_test_add_func ("/layout/deep-chain", test_layout_deep_chain);
  g_test_add_func ("/layout/wide-fan", test_layout_wide_fan);
  g_test_add_func ("/layout/fold-state", test_layout_fold_state);
  g_test_add_func ("/layout/empty", test_layout_empty);

  return g_test_run ();
}

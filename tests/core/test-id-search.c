/* test-id-search.c — finding a person among many by their id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-id-search.h"

static gint64
id_at (gconstpointer data,
       guint         index)
{
  return ((const gint64 *) data)[index];
}

/* Each of the n ids (ascending) is found at its own place. */
static void
assert_each_id_found (const gint64 *ids,
                      guint         n)
{
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (dl_id_search (id_at, ids, n, ids[i]), ==, i);
}

/* Ids as a store has them: dense, with gaps, and bunched (where the
 * guesses miss and halving takes over).  Every id in the array is
 * found at its own place; every id between, before and after is not. */
static void
test_shapes (void)
{
  const guint n = 5000;
  g_autofree gint64 *ids = g_new (gint64, n);

  for (guint shape = 0; shape < 3; shape++)
    {
      /* dense from 7; two ids in three gone; most at the start, then a
       * few far apart */
      for (guint i = 0; i < n; i++)
        ids[i] = shape == 0 ? 7 + (gint64) i
                 : shape == 1 ? 10 + 3 * (gint64) i
                 : i < n - 10 ? 2 * (gint64) i : (gint64) 1 << (i - (n - 10) + 30);
      assert_each_id_found (ids, n);
      /* the id after each, where it is not the next one's */
      for (guint i = 0; i + 1 < n; i++)
        if (ids[i + 1] != ids[i] + 1)
          g_assert_cmpint (dl_id_search (id_at, ids, n, ids[i] + 1), ==, -1);
      g_assert_cmpint (dl_id_search (id_at, ids, n, ids[0] - 1), ==, -1);
      g_assert_cmpint (dl_id_search (id_at, ids, n, ids[n - 1] + 1), ==, -1);
      g_assert_cmpint (dl_id_search (id_at, ids, n, G_MININT64), ==, -1);
      g_assert_cmpint (dl_id_search (id_at, ids, n, G_MAXINT64), ==, -1);
    }
}

/* Ids whose differences do not fit in a gint64, ids so big that a
 * double does not tell them apart, and arrays of none and of one. */
static void
test_edges (void)
{
  static const gint64 far[] = { G_MININT64 + 1, -1, 0, 5, G_MAXINT64 / 2, G_MAXINT64 - 1 };
  static const gint64 big[] = { (gint64) 1 << 62, ((gint64) 1 << 62) + 1, ((gint64) 1 << 62) + 2 };
  static const gint64 one[] = { 42 };

  assert_each_id_found (far, G_N_ELEMENTS (far));
  g_assert_cmpint (dl_id_search (id_at, far, G_N_ELEMENTS (far), 4), ==, -1);
  g_assert_cmpint (dl_id_search (id_at, far, G_N_ELEMENTS (far), G_MAXINT64), ==, -1);
  assert_each_id_found (big, G_N_ELEMENTS (big));

  g_assert_cmpint (dl_id_search (id_at, one, 0, 42), ==, -1);
  g_assert_cmpint (dl_id_search (id_at, one, 1, 42), ==, 0);
  g_assert_cmpint (dl_id_search (id_at, one, 1, 41), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/id-search/shapes", test_shapes);
  g_test_add_func ("/id-search/edges", test_edges);

  return g_test_run ();
}

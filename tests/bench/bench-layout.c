/* bench-layout.c — laying out a big downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-layout [MEMBERS | FILE.csv] [--out POSITIONS.csv]
 *
 * Lays out every member (nothing folded) of the sample business
 * (default a million) or of a plain "id,sponsor_id" file, seven times,
 * and reports the median and the worst.  Target: 50 ms for a million.
 * --out writes "id,x,depth" so other tools can compare.
 *
 * Then the relayout after one member is added, as the Downline view does
 * it when the store hands it the tree again (#17 asks 5 ms at a million):
 * the layout takes the tree with one more member as an edit of its own
 * (dl_layout_set_tree_edited ()) and runs; then the member is removed
 * the same way, and one member with a group is moved under someone far
 * from them and back.  Seven places spread through the tree, once with every
 * group unfolded and once on the view's first one (each personally
 * enrolled member's group folded).  The new tree itself is read in a
 * thread and not timed here, nor the edit found there (printed apart).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-tree-source.h"
#include "dl-layout.h"

#define TARGET_SECONDS 0.050
#define ROUNDS         7
#define RELAYOUT_TARGET_SECONDS 0.005

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* d3-hierarchy's tree() on the same tree in the same run, when node can
 * import d3-hierarchy (`npm install --prefix build d3-hierarchy`, run
 * from the build folder, or NODE_PATH): its median and the ratio. */
static void
compare_with_d3 (DlTree *tree,
                 double  ours)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-layout-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "tree.csv", NULL);
  g_autofree char *script = g_build_filename (BENCH_SOURCE_DIR, "d3-tree.mjs", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  const char *argv[] = { "node", script, path, NULL };
  int status = -1;
  double theirs;

  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      g_string_append_printf (csv, "%u,%u\n", i + 1, node->parent == G_MAXUINT32 ? 0 : node->parent + 1);
    }
  if (dir == NULL || !g_file_set_contents (path, csv->str, (gssize) csv->len, NULL) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    printf ("bench-layout: d3-hierarchy not compared (needs node and `npm install --prefix build d3-hierarchy`)\n");
  else if ((theirs = g_ascii_strtod (g_strstrip (strrchr (g_strstrip (out), '\n') ? strrchr (out, '\n') + 1 : out), NULL)) > 0)
    printf ("bench-layout: d3-hierarchy tree() on the same tree: median %.1f ms, %.0f× ours\n",
            theirs, theirs / (ours * 1e3));
  g_unlink (path);
  g_rmdir (dir);
}

/* tree with one more member, under the member halfway down its rows. */
static DlTree *
with_one_more (DlTree *tree,
               guint   under)
{
  guint n = dl_tree_get_n_nodes (tree);
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n + 1);
  g_autoptr(GError) error = NULL;
  gint64 top = 0;
  DlTreeNode row;
  DlTree *more;

  for (guint i = 0; i < n; i++)
    {
      row = *dl_tree_get_node (tree, i);
      top = MAX (top, row.person_id);
      dl_tree_builder_add (builder, &row);
    }
  row = *dl_tree_get_node (tree, under);
  row.sponsor_id = row.person_id;
  row.person_id = top + 1;
  dl_tree_builder_add (builder, &row);
  more = dl_tree_builder_finish (builder, dl_tree_get_node (tree, dl_tree_get_root (tree))->person_id, &error);
  g_assert_no_error (error);

  return more;
}

/* tree with the member at index moved with their group under the
 * member at sponsor. */
static DlTree *
with_moved (DlTree *tree,
            guint   index,
            guint   sponsor)
{
  guint n = dl_tree_get_n_nodes (tree);
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
  g_autoptr(GError) error = NULL;
  DlTree *moved;

  for (guint i = 0; i < n; i++)
    {
      DlTreeNode row = *dl_tree_get_node (tree, i);

      if (i == index)
        row.sponsor_id = dl_tree_get_node (tree, sponsor)->person_id;
      dl_tree_builder_add (builder, &row);
    }
  moved = dl_tree_builder_finish (builder, dl_tree_get_node (tree, dl_tree_get_root (tree))->person_id, &error);
  g_assert_no_error (error);

  return moved;
}

/* The first member with a group at or after index, and a sponsor for
 * them outside it, as far from it in the tree as from the start. */
static void
pick_move (DlTree *tree,
           guint   index,
           guint  *member,
           guint  *sponsor)
{
  guint n = dl_tree_get_n_nodes (tree);

  while (dl_tree_get_node (tree, index)->n_children == 0 || dl_tree_get_node (tree, index)->parent == DL_TREE_NO_PARENT)
    index = (index + 1) % n;
  *member = index;
  *sponsor = n - 1 - index;
  while (*sponsor >= index && *sponsor < index + dl_tree_get_node (tree, index)->subtree_size)
    *sponsor = (*sponsor + 1) % n;
}

/* The Downline view's first view: each personally enrolled member's
 * group folded (as dl_tree_render_fold_overview () does). */
static void
fold_first_view (DlLayout *layout,
                 DlTree   *tree)
{
  const DlTreeNode *root = dl_tree_get_node (tree, dl_tree_get_root (tree));

  for (guint c = root->first_child; c != DL_TREE_NO_PARENT; c = dl_tree_get_node (tree, c)->next_sibling)
    if (dl_tree_get_node (tree, c)->n_children > 0)
      dl_layout_set_collapsed (layout, c, TRUE);
}

static double
median_ms (double *times)
{
  qsort (times, ROUNDS, sizeof times[0], compare_doubles);
  return times[ROUNDS / 2] * 1e3;
}

/* Each round adds a member under another sponsor spread through the
 * tree, then takes them away: both as the view does them, the layout
 * following the edit the worker thread found (dl_tree_edit_find (),
 * timed apart: it is not the main loop's). */
static void
time_relayout (DlTree     *tree,
               gboolean    unfolded,
               const char *what)
{
  double added[ROUNDS], removed[ROUNDS], moved[ROUNDS], found[ROUNDS];
  double worst_added = 0, worst_removed = 0, worst_moved = 0;
  DlLayout *layout = dl_layout_new (tree);
  guint n = dl_tree_get_n_nodes (tree), followed = 0;

  if (unfolded)
    dl_layout_expand_all (layout);
  else
    fold_first_view (layout, tree);
  dl_layout_run (layout);
  for (guint r = 0; r < ROUNDS; r++)
    {
      guint under = (guint) ((guint64) (r + 1) * n / (ROUNDS + 1)), member, sponsor;
      g_autoptr(DlTree) more = with_one_more (tree, under);
      g_autoptr(DlTree) elsewhere = NULL;
      DlTreeEdit add, back, move, move_back;
      gint64 start = g_get_monotonic_time (), bound;

      pick_move (tree, under, &member, &sponsor);
      elsewhere = with_moved (tree, member, sponsor);
      if (!dl_tree_edit_find (tree, more, &add) || !dl_tree_edit_find (more, tree, &back)
          || !dl_tree_edit_find (tree, elsewhere, &move) || !dl_tree_edit_find (elsewhere, tree, &move_back))
        g_error ("bench-layout: an edit was not found as one");
      found[r] = (g_get_monotonic_time () - start) / 4e6;

      start = g_get_monotonic_time ();
      followed += dl_layout_set_tree_edited (layout, more, &add);
      bound = g_get_monotonic_time ();
      dl_layout_run (layout);
      added[r] = (g_get_monotonic_time () - start) / 1e6;
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        printf ("  under node %u: the new tree taken %.2f ms, run %.2f ms\n", under, (bound - start) / 1e3,
                (g_get_monotonic_time () - bound) / 1e3);

      start = g_get_monotonic_time ();
      followed += dl_layout_set_tree_edited (layout, tree, &back);
      dl_layout_run (layout);
      removed[r] = (g_get_monotonic_time () - start) / 1e6;

      start = g_get_monotonic_time ();
      followed += dl_layout_set_tree_edited (layout, elsewhere, &move);
      dl_layout_run (layout);
      moved[r] = (g_get_monotonic_time () - start) / 1e6;
      if (g_getenv ("BENCH_VERBOSE") != NULL)
        printf ("  node %u and %u below moved under node %u: %.2f ms\n", member,
                dl_tree_get_node (tree, member)->subtree_size - 1, sponsor, moved[r] * 1e3);
      /* and back, untimed */
      followed += dl_layout_set_tree_edited (layout, tree, &move_back);
      dl_layout_run (layout);

      worst_added = MAX (worst_added, added[r]);
      worst_removed = MAX (worst_removed, removed[r]);
      worst_moved = MAX (worst_moved, moved[r]);
    }
  printf ("bench-layout: relayout after one member added, %s: median %.1f ms, worst %.1f ms (target %.0f ms)\n",
          what, median_ms (added), worst_added * 1e3, RELAYOUT_TARGET_SECONDS * 1e3);
  printf ("  removed: median %.1f ms, worst %.1f ms; one moved with their group: median %.1f ms, worst %.1f ms\n",
          median_ms (removed), worst_removed * 1e3, median_ms (moved), worst_moved * 1e3);
  printf ("  %u of %u edits followed, each found in %.1f ms (median, in the worker thread)\n",
          followed, 4 * ROUNDS, median_ms (found));
  dl_layout_free (layout);
}

int
main (int   argc,
      char *argv[])
{
  const char *out = NULL;
  g_autoptr(DlTree) tree = NULL;
  DlLayout *layout;
  double times[ROUNDS];
  double x0, y0, x1, y1;
  guint n;

  if (argc > 3 && g_str_equal (argv[argc - 2], "--out"))
    {
      out = argv[argc - 1];
      argc -= 2;
    }
  tree = bench_tree_from_args (argc, argv, 1000000, dl_day_from_ymd (2026, 11, 22));
  n = dl_tree_get_n_nodes (tree);

  layout = dl_layout_new (tree);
  dl_layout_expand_all (layout);
  for (guint r = 0; r < ROUNDS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      dl_layout_run (layout);
      times[r] = (g_get_monotonic_time () - start) / 1e6;
    }
  qsort (times, ROUNDS, sizeof times[0], compare_doubles);
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);

  printf ("bench-layout: %u members, drawing %.0f × %.0f world units\n", n, x1 - x0, y1 - y0);
  printf ("bench-layout: median %.1f ms, worst %.1f ms (target %.0f ms)\n",
          times[ROUNDS / 2] * 1e3, times[ROUNDS - 1] * 1e3, TARGET_SECONDS * 1e3);

  compare_with_d3 (tree, times[ROUNDS / 2]);

  time_relayout (tree, TRUE, "every group unfolded");
  time_relayout (tree, FALSE, "the first view");

  if (out != NULL)
    {
      FILE *f = fopen (out, "w");

      if (f == NULL)
        {
          perror (out);
          return 2;
        }
      fprintf (f, "id,x,depth\n");
      for (guint i = 0; i < n; i++)
        fprintf (f, "%" G_GINT64_FORMAT ",%.3f,%u\n", dl_tree_get_node (tree, i)->person_id,
                 dl_layout_get_x (layout, i), dl_layout_get_depth (layout, i));
      fclose (f);
    }
  dl_layout_free (layout);

  return times[ROUNDS / 2] <= TARGET_SECONDS * (n / 1e6 > 1 ? n / 1e6 : 1) ? 0 : 1;
}

/* test-rank.c — colouring the downline by rank
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Ranks are free text: the tree interns them, the facts give the most
 * frequent ones a colour each (by frequency, then name) and fold the rest
 * into "Other ranks"; dropped members stay grey and members without a
 * rank have their own class.  Checked on hand-made trees, on a real store
 * against each member's own rank, and in the pixels the drawing produces.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-sample.h"
#include "dl-tree-export.h"
#include "../dl-test-files.h"

static char *tmp_dir;

static void
test_rank_intern (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (4);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTree) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Gold", "Silver", "Gold", "", NULL, "gold", "Silver" };
  guint16 index[G_N_ELEMENTS (names)];

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      DlTreeNode row;

      memset (&row, 0, sizeof row);
      row.person_id = k + 1;
      row.sponsor_id = k == 0 ? 0 : 1;
      row.name = "Someone";
      index[k] = dl_tree_builder_intern_rank (builder, names[k]);
      row.rank = index[k];
      dl_tree_builder_add (builder, &row);
    }
  /* The same text, the same index; no rank is 0; case matters. */
  g_assert_cmpuint (index[0], ==, index[2]);
  g_assert_cmpuint (index[1], ==, index[6]);
  g_assert_cmpuint (index[0], !=, index[1]);
  g_assert_cmpuint (index[3], ==, 0);
  g_assert_cmpuint (index[4], ==, 0);
  g_assert_cmpuint (index[0], !=, 0);
  g_assert_cmpuint (index[5], !=, index[0]);

  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dl_tree_get_n_ranks (tree), ==, 4);
  g_assert_cmpstr (dl_tree_get_rank_name (tree, 0), ==, "");
  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      gint64 i = dl_tree_find (tree, k + 1);
      const DlTreeNode *node;

      g_assert_cmpint (i, >=, 0);
      node = dl_tree_get_node (tree, i);
      g_assert_cmpstr (dl_tree_get_rank_name (tree, node->rank), ==, names[k] ? names[k] : "");
    }

  /* A builder refilled after finish() starts a table of its own, and an
   * index it never handed out means "no rank". */
  {
    DlTreeNode row;

    memset (&row, 0, sizeof row);
    row.person_id = 1;
    row.name = "Alone";
    row.rank = 3;
    dl_tree_builder_add (builder, &row);
    row.person_id = 2;
    row.sponsor_id = 1;
    row.rank = dl_tree_builder_intern_rank (builder, "Diamond");
    dl_tree_builder_add (builder, &row);
    second = dl_tree_builder_finish (builder, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dl_tree_get_n_ranks (second), ==, 2);
    g_assert_cmpuint (dl_tree_get_node (second, dl_tree_find (second, 1))->rank, ==, 0);
    g_assert_cmpstr (dl_tree_get_rank_name (second, dl_tree_get_node (second, dl_tree_find (second, 2))->rank),
                     ==, "Diamond");
    /* The first tree kept its own table. */
    g_assert_cmpstr (dl_tree_get_rank_name (tree, index[1]), ==, "Silver");
  }
}

typedef struct
{
  const char *rank;
  guint       count;
} RankSpec;

/* Everyone under the user (who has no rank), in the order given. */
static DlTree *
build_ranked (const RankSpec *spec,
              guint           n_spec,
              guint           n_dropped_first)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (64);
  g_autoptr(GError) error = NULL;
  DlDay today = dl_day_today ();
  DlTreeNode row;
  DlTree *tree;
  gint64 id = 1;

  memset (&row, 0, sizeof row);
  row.person_id = id++;
  row.name = "You";
  row.joined_on = today - 400;
  row.last_activity = today;
  row.status_since = row.snoozed_until = row.last_contact = DL_DAY_NONE;
  dl_tree_builder_add (builder, &row);

  for (guint s = 0; s < n_spec; s++)
    for (guint c = 0; c < spec[s].count; c++)
      {
        row.person_id = id++;
        row.sponsor_id = 1;
        row.name = spec[s].rank;
        row.rank = dl_tree_builder_intern_rank (builder, spec[s].rank);
        row.status = s == 0 && c < n_dropped_first ? DL_MEMBER_DROPPED : DL_MEMBER_ACTIVE;
        row.joined_on = today - 100;
        row.last_activity = today - 3;
        row.last_contact = today - 3;
        dl_tree_builder_add (builder, &row);
      }

  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  return tree;
}

static void
test_rank_classes (void)
{
  /* Bronze is the commonest once its 4 dropped members are left out;
   * Gold and Silver tie and go by name; four of the A ranks tie too. */
  static const RankSpec spec[] = {
    { "Bronze", 14 }, { "Silver", 5 }, { "Gold", 5 }, { "Diamond", 1 },
    { "A4", 2 }, { "A2", 2 }, { "A3", 2 }, { "A1", 2 }, { "", 3 },
  };
  static const char *expected_top[] = { "Bronze", "Gold", "Silver", "A1", "A2", "A3" };
  g_autoptr(DlTree) tree = build_ranked (spec, G_N_ELEMENTS (spec), 4);
  DlTreeFacts *facts = dl_tree_facts_new (tree, NULL, dl_day_today ());
  guint n = dl_tree_get_n_nodes (tree);
  guint32 counted[DL_RANK_CLASS_DROPPED + 1] = { 0, };
  guint n_shown = 0;

  g_assert_cmpuint (dl_colour_by_n_classes (DL_COLOUR_BY_RANK), ==, DL_RANK_CLASS_DROPPED + 1);
  g_assert_cmpuint (facts->n_top_ranks, ==, DL_RANK_COLOURS);
  for (guint k = 0; k < DL_RANK_COLOURS; k++)
    {
      g_assert_cmpstr (facts->top_rank[k], ==, expected_top[k]);
      g_assert_cmpstr (dl_tree_facts_class_name (facts, DL_COLOUR_BY_RANK, k), ==, expected_top[k]);
    }

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      const char *rank = dl_tree_get_rank_name (tree, node->rank);
      guint klass = dl_tree_facts_class (facts, DL_COLOUR_BY_RANK, i);

      counted[klass]++;
      if (node->status == DL_MEMBER_DROPPED)
        g_assert_cmpuint (klass, ==, DL_RANK_CLASS_DROPPED);
      else if (*rank == '\0')
        g_assert_cmpuint (klass, ==, DL_RANK_CLASS_NONE);
      else if (g_str_equal (rank, "Diamond") || g_str_equal (rank, "A4"))
        g_assert_cmpuint (klass, ==, DL_RANK_CLASS_OTHER);
      else
        g_assert_cmpstr (facts->top_rank[klass], ==, rank);
    }
  /* The user and the three without a rank; the dropped; the folded. */
  g_assert_cmpuint (counted[DL_RANK_CLASS_NONE], ==, 4);
  g_assert_cmpuint (counted[DL_RANK_CLASS_DROPPED], ==, 4);
  g_assert_cmpuint (counted[DL_RANK_CLASS_OTHER], ==, 3);
  g_assert_cmpuint (counted[0], ==, 10);
  for (guint k = 0; k <= DL_RANK_CLASS_DROPPED; k++)
    {
      g_assert_cmpuint (facts->rank_count[k], ==, counted[k]);
      g_assert_true (dl_tree_facts_class_shown (facts, DL_COLOUR_BY_RANK, k) == (counted[k] > 0));
      n_shown += counted[k] > 0;
    }
  g_assert_cmpstr (dl_tree_facts_class_name (facts, DL_COLOUR_BY_RANK, DL_RANK_CLASS_OTHER), !=, "");
  g_assert_cmpstr (dl_tree_facts_class_name (facts, DL_COLOUR_BY_RANK, DL_RANK_CLASS_NONE), !=, "");

  /* The legend lists the classes someone is in, nothing more. */
  {
    DlRenderView view;

    dl_render_view_init (&view);
    view.facts = facts;
    view.colour_by = DL_COLOUR_BY_RANK;
    g_assert_cmpfloat (dl_tree_render_legend_height (&view), ==, 12 + 20 * (n_shown + DL_RENDER_LEGEND_MARKS));
    view.colour_by = DL_COLOUR_BY_RISK;
    g_assert_cmpfloat (dl_tree_render_legend_height (&view), ==, 12 + 20 * (4 + DL_RENDER_LEGEND_MARKS));
  }

  /* The palette: nine different colours. */
  for (guint a = 0; a <= DL_RANK_CLASS_DROPPED; a++)
    for (guint b = a + 1; b <= DL_RANK_CLASS_DROPPED; b++)
      {
        double x[3], y[3];

        dl_colour_by_class_rgb (DL_COLOUR_BY_RANK, a, x);
        dl_colour_by_class_rgb (DL_COLOUR_BY_RANK, b, y);
        g_assert_true (x[0] != y[0] || x[1] != y[1] || x[2] != y[2]);
      }
  dl_tree_facts_free (facts);

  /* Fewer ranks than colours: each has its own, no "Other". */
  {
    static const RankSpec few[] = { { "Silver", 2 }, { "Gold", 3 } };
    g_autoptr(DlTree) small = build_ranked (few, G_N_ELEMENTS (few), 0);

    facts = dl_tree_facts_new (small, NULL, dl_day_today ());
    g_assert_cmpuint (facts->n_top_ranks, ==, 2);
    g_assert_cmpstr (facts->top_rank[0], ==, "Gold");
    g_assert_cmpstr (facts->top_rank[1], ==, "Silver");
    g_assert_cmpuint (facts->rank_count[DL_RANK_CLASS_OTHER], ==, 0);
    g_assert_false (dl_tree_facts_class_shown (facts, DL_COLOUR_BY_RANK, DL_RANK_CLASS_OTHER));
    g_assert_false (dl_tree_facts_class_shown (facts, DL_COLOUR_BY_RANK, 2));
    dl_tree_facts_free (facts);
  }
}

/* The ranks the store loads are the members' own. */
static void
test_rank_store (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "rank.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  DlTreeFacts *facts;
  guint n;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 300, 11, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  tree = dl_store_load_tree (store, &error);
  g_assert_no_error (error);
  n = dl_tree_get_n_nodes (tree);
  g_assert_cmpuint (n, ==, 301);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      g_autoptr(DlMember) member = dl_store_get_member (store, node->person_id);
      const char *rank = dl_tree_get_rank_name (tree, node->rank);

      g_assert_nonnull (member);
      g_assert_cmpstr (rank, ==, dl_member_get_rank (member) ? dl_member_get_rank (member) : "");
      g_hash_table_add (seen, (gpointer) rank);
    }
  /* The sample has several ranks: every one interned once. */
  g_assert_cmpuint (g_hash_table_size (seen), ==, dl_tree_get_n_ranks (tree));
  g_assert_cmpuint (dl_tree_get_n_ranks (tree), >=, 3);

  facts = dl_tree_facts_new (tree, NULL, dl_day_today ());
  g_assert_cmpuint (facts->n_top_ranks, ==, MIN (dl_tree_get_n_ranks (tree) - 1, DL_RANK_COLOURS));
  for (guint k = 1; k < facts->n_top_ranks; k++)
    g_assert_cmpuint (facts->rank_count[k - 1], >=, facts->rank_count[k]);
  dl_tree_facts_free (facts);
}

/* At a small zoom every box is filled with its class's full colour. */
static void
test_rank_pixels (void)
{
  static const RankSpec spec[] = { { "Gold", 3 }, { "Silver", 2 }, { "Bronze", 1 }, { "", 1 } };
  g_autoptr(DlTree) tree = build_ranked (spec, G_N_ELEMENTS (spec), 1);
  DlTreeFacts *facts = dl_tree_facts_new (tree, NULL, dl_day_today ());
  DlLayout *layout = dl_layout_new (tree);
  g_autoptr(GArray) drawn = g_array_new (FALSE, FALSE, sizeof (guint32));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, 200);
  cairo_t *cr = cairo_create (surface);
  DlRenderStats stats = { 0, };
  DlRenderView view;
  double x0, y0, x1, y1;
  guint checked = 0;

  dl_layout_run (layout);
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.colour_by = DL_COLOUR_BY_RANK;
  view.zoom = 0.3;
  view.mark_px = 0;
  view.width = 600;
  view.height = 200;
  view.origin_x = x0 - 20;
  view.origin_y = y0 - 20;
  g_assert_cmpfloat ((x1 - x0) * view.zoom, <, 560);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  stats.drawn = drawn;
  dl_tree_render (cr, &view, &stats);
  cairo_surface_flush (surface);
  g_assert_cmpuint (drawn->len, ==, dl_tree_get_n_nodes (tree));

  for (guint k = 0; k < drawn->len; k++)
    {
      guint i = g_array_index (drawn, guint32, k);
      int px = (int) ((dl_layout_get_x (layout, i) - view.origin_x) * view.zoom);
      int py = (int) ((dl_layout_get_y (layout, i) + DL_LAYOUT_NODE_H * 0.75 - view.origin_y) * view.zoom);
      guint32 pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface)
                                              + py * cairo_image_surface_get_stride (surface) + px * 4);
      double rgb[3];

      dl_colour_by_class_rgb (DL_COLOUR_BY_RANK, dl_tree_facts_class (facts, DL_COLOUR_BY_RANK, i), rgb);
      g_assert_cmpint (ABS ((int) ((pixel >> 16) & 0xff) - (int) (rgb[0] * 255 + 0.5)), <=, 2);
      g_assert_cmpint (ABS ((int) ((pixel >> 8) & 0xff) - (int) (rgb[1] * 255 + 0.5)), <=, 2);
      g_assert_cmpint (ABS ((int) (pixel & 0xff) - (int) (rgb[2] * 255 + 0.5)), <=, 2);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 8);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  dl_layout_free (layout);
  dl_tree_facts_free (facts);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  tmp_dir = g_dir_make_tmp ("downline-test-rank-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/rank/intern", test_rank_intern);
  g_test_add_func ("/rank/classes", test_rank_classes);
  g_test_add_func ("/rank/store", test_rank_store);
  g_test_add_func ("/rank/pixels", test_rank_pixels);

  status = g_test_run ();
  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* test-render.c — culling, level of detail and export of the drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Culling is checked against a brute-force scan of every box: with level
 * of detail off, the boxes drawn are exactly the shown boxes that meet the
 * viewport; with it on, every such box is drawn or lies inside a subtree
 * drawn as one mark, and nothing outside the viewport is drawn.  Exports
 * are read back: the PNG by cairo, the SVG by an XML parser, the PDF by
 * its header and trailer.
 */

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-sample.h"
#include "dl-tree-export.h"

#define NONE DL_TREE_NO_PARENT

static char *tmp_dir;

static DlTree *
build_random (guint   n,
              guint32 seed)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  DlTree *tree;
  DlDay today = dl_day_from_ymd (2026, 11, 22);

  for (guint i = 0; i < n; i++)
    {
      DlTreeNode row;

      memset (&row, 0, sizeof row);
      row.person_id = i + 1;
      row.sponsor_id = i == 0 ? 0 : g_rand_int_range (rand, MAX ((gint) i - 10, 0), i) + 1;
      row.name = "Ana Member";
      row.status = g_rand_int_range (rand, 0, 10) == 0 ? DL_MEMBER_DROPPED : DL_MEMBER_ACTIVE;
      row.joined_on = today - g_rand_int_range (rand, 0, 700);
      row.status_since = DL_DAY_NONE;
      row.last_activity = today - g_rand_int_range (rand, 0, 200);
      row.last_contact = g_rand_boolean (rand) ? DL_DAY_NONE : today - g_rand_int_range (rand, 0, 90);
      row.snoozed_until = DL_DAY_NONE;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  return tree;
}

static gboolean
box_meets (DlLayout *layout,
           guint     i,
           double    x0,
           double    y0,
           double    x1,
           double    y1)
{
  double x = dl_layout_get_x (layout, i), y = dl_layout_get_y (layout, i);

  return x + DL_LAYOUT_NODE_W / 2 >= x0 && x - DL_LAYOUT_NODE_W / 2 <= x1
         && y + DL_LAYOUT_NODE_H >= y0 && y <= y1;
}

static gboolean
contains (GArray *array,
          guint   value)
{
  for (guint k = 0; k < array->len; k++)
    if (g_array_index (array, guint32, k) == value)
      return TRUE;
  return FALSE;
}

/* Whether [a, a + w) holds a pixel's centre, with dl-tree-render.c's
 * slack. */
static gboolean
holds_centre (double a,
              double w)
{
  return floor (a + w + 1.0 / 128 - 0.5) >= ceil (a - 1.0 / 128 - 0.5);
}

/* Level, pixel column and colour class of a box, as one number. */
static gsize
pixel_key (const DlRenderView *view,
           guint               i)
{
  gint64 column = (gint64) floor ((dl_layout_get_x (view->layout, i) - view->origin_x) * view->zoom);
  /* Rows of a group stack, so boxes of one level lie at many heights:
   * the pixel row, not the level, is what they share. */
  gint64 row = (gint64) floor ((dl_layout_get_y (view->layout, i) - view->origin_y) * view->zoom);

  return ((gsize) (row + (1 << 10)) << 40)
         ^ ((gsize) (column + (1 << 20)) << 4)
         ^ dl_tree_facts_class (view->facts, view->colour_by, i);
}

static void
test_render_culling (void)
{
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  g_autoptr(DlTree) tree = build_random (3000, 5);
  DlLayout *layout = dl_layout_new (tree);
  DlTreeFacts *facts = dl_tree_facts_new (tree, NULL, today);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 400);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  DlRenderView view;
  DlRenderStats stats = { 0, };
  double bx0, by0, bx1, by1;
  guint n = dl_tree_get_n_nodes (tree), total_drawn = 0, total_marks = 0, merged = 0, empty = 0;
  g_autoptr(GHashTable) columns = g_hash_table_new (NULL, NULL);

  stats.drawn = g_array_new (FALSE, FALSE, sizeof (guint32));
  stats.marked = g_array_new (FALSE, FALSE, sizeof (guint32));
  dl_layout_set_collapsed (layout, 17, TRUE);
  dl_layout_run (layout);
  dl_layout_get_bounds (layout, &bx0, &by0, &bx1, &by1);

  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.width = 640;
  view.height = 400;

  for (guint round = 0; round < 60; round++)
    {
      double vx0, vy0, vx1, vy1;
      gboolean lod = round % 2 == 1;

      view.zoom = exp (g_rand_double_range (rand, log (0.002), log (2.0)));
      view.origin_x = g_rand_double_range (rand, bx0 - 500, bx1);
      view.origin_y = g_rand_double_range (rand, by0 - 200, by1);
      view.mark_px = lod ? 4 : 0;
      view.colour_by = round % DL_COLOUR_BY_N;
      vx0 = view.origin_x;
      vy0 = view.origin_y;
      vx1 = vx0 + view.width / view.zoom;
      vy1 = vy0 + view.height / view.zoom;

      dl_tree_render (cr, &view, &stats);
      g_assert_cmpuint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpuint (stats.n_nodes, ==, stats.drawn->len);
      total_drawn += stats.drawn->len;
      total_marks += stats.marked->len;

      /* Nothing drawn lies outside the view, and nothing hidden is drawn. */
      for (guint k = 0; k < stats.drawn->len; k++)
        {
          guint i = g_array_index (stats.drawn, guint32, k);

          g_assert_true (dl_layout_is_shown (layout, i));
          g_assert_true (box_meets (layout, i, vx0, vy0, vx1, vy1));
        }
      if (!lod)
        g_assert_cmpuint (stats.marked->len, ==, 0);
      g_hash_table_remove_all (columns);
      for (guint k = 0; k < stats.drawn->len; k++)
        g_hash_table_add (columns, GSIZE_TO_POINTER (pixel_key (&view, g_array_index (stats.drawn, guint32, k))));

      /* Everything visible is drawn: as a box, or inside a mark. */
      for (guint i = 0; i < n; i++)
        {
          gboolean visible = dl_layout_is_shown (layout, i) && box_meets (layout, i, vx0, vy0, vx1, vy1);
          gboolean drawn = contains (stats.drawn, i);

          if (!lod)
            {
              g_assert_cmpint (drawn, ==, visible);
              continue;
            }
          if (visible && !drawn)
            {
              gboolean covered = FALSE;

              for (guint a = i; a != NONE && !covered; a = dl_tree_get_node (tree, a)->parent)
                covered = contains (stats.marked, a);
              /* Or merged: a box thinner than a pixel, in the same pixel
               * column, pixel row and colour as one that is drawn. */
              if (!covered && view.zoom * DL_LAYOUT_NODE_W < 1)
                covered = g_hash_table_contains (columns, GSIZE_TO_POINTER (pixel_key (&view, i)));
              /* Or, without antialiasing, a box that holds no pixel's
               * centre: it would draw nothing. */
              if (!covered && view.zoom < 0.2)
                {
                  covered = !holds_centre ((dl_layout_get_x (layout, i) - DL_LAYOUT_NODE_W / 2 - view.origin_x) * view.zoom,
                                           DL_LAYOUT_NODE_W * view.zoom)
                            || !holds_centre ((dl_layout_get_y (layout, i) - view.origin_y) * view.zoom,
                                              DL_LAYOUT_NODE_H * view.zoom);
                  empty += covered;
                }
              g_assert_true (covered);
              merged += covered && !contains (stats.marked, i);
            }
        }
    }
  /* The rounds did draw something, and marks did happen. */
  g_assert_cmpuint (total_drawn, >, 0);
  g_assert_cmpuint (total_marks, >, 0);
  g_test_message ("%u boxes drawn, %u marks, %u boxes merged into a drawn pixel, %u over no pixel",
                  total_drawn, total_marks, merged, empty);

  g_array_unref (stats.drawn);
  g_array_unref (stats.marked);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  dl_tree_facts_free (facts);
  dl_layout_free (layout);
}

static void
test_render_facts (void)
{
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  g_autoptr(DlTree) tree = build_random (500, 9);
  DlTreeFacts *facts = dl_tree_facts_new (tree, NULL, today);

  for (guint i = 0; i < 500; i++)
    {
      DlRiskBand band;
      guint score = dl_rules_risk_score (tree, i, NULL, today, &band);
      guint at_risk = 0;
      guint joined_lately = 0;

      g_assert_cmpuint (facts->risk_score[i], ==, score);
      g_assert_cmpuint (facts->risk_band[i], ==, band);
      for (guint j = i; j < i + dl_tree_get_node (tree, i)->subtree_size; j++)
        {
          const DlTreeNode *node = dl_tree_get_node (tree, j);

          at_risk += facts->risk_band[j] == DL_RISK_HIGH;
          /* worked out here from the join date, not from the facts */
          joined_lately += node->joined_on != DL_DAY_NONE && today - node->joined_on < 30 &&
                           node->status != DL_MEMBER_DROPPED;
        }
      g_assert_cmpuint (facts->at_risk[i], ==, at_risk);
      g_assert_cmpuint (facts->new_members[i], ==, joined_lately);
      g_assert_true (dl_tree_facts_match (facts, i, DL_HIGHLIGHT_HIGH_RISK) == (band == DL_RISK_HIGH));
      g_assert_cmpuint (dl_tree_facts_class (facts, DL_COLOUR_BY_RISK, i), ==, band);
    }
  dl_tree_facts_free (facts);

  /* "not welcomed yet" is Today's welcome list, by the first use of
   * Downline: a month ago, then today */
  {
    DlDay starts[] = { today - 30, today };
    guint n_flagged[2] = { 0, 0 };

    for (guint k = 0; k < G_N_ELEMENTS (starts); k++)
      {
        facts = dl_tree_facts_new_full (tree, NULL, today, starts[k]);
        for (guint i = 0; i < 500; i++)
          {
            gboolean flagged = dl_tree_facts_match (facts, i, DL_HIGHLIGHT_NOT_WELCOMED);

            g_assert_true (flagged == dl_rules_needs_welcome (tree, i, starts[k], today));
            n_flagged[k] += flagged;
          }
        dl_tree_facts_free (facts);
      }
    /* the random tree has members who joined in the last month, never
     * contacted; fewer of them joined within 72 hours of today */
    g_assert_cmpuint (n_flagged[0], >, 0);
    g_assert_cmpuint (n_flagged[1], <, n_flagged[0]);
  }
}

/* The text of the tree drawn into a PDF at zoom, as pdftotext reads it. */
static char *
badges_in_pdf (DlLayout          *layout,
               const DlTreeFacts *facts,
               double             zoom)
{
  g_autofree char *pdf = g_build_filename (tmp_dir, "badges.pdf", NULL);
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  DlRenderView view;
  char *text = NULL;
  int status = -1;

  dl_layout_run (layout);
  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.width = 2400;
  view.height = 600;
  dl_render_view_zoom_to_fit (&view, view.width, view.height);
  view.zoom = zoom;
  surface = cairo_pdf_surface_create (pdf, view.width, view.height);
  cr = cairo_create (surface);
  dl_tree_render (cr, &view, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return text != NULL ? text : g_strdup ("");
}

/* Autoship and Volume colour from the tree's own figures: a tree built
 * by hand with known PV and autoship, each band's edges included. */
static void
test_render_figures (void)
{
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  /* each member's figures, and the classes they colour */
  static const struct
  {
    DlMemberStatus status;
    DlAutoship     autoship;
    gboolean       has_pv;
    guint16        pv;
    guint          autoship_class;
    guint          volume_class;
  } rows[] = {
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_UNKNOWN, FALSE, 0, DL_AUTOSHIP_CLASS_UNKNOWN, DL_VOLUME_CLASS_UNKNOWN },   /* the user */
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_ON, TRUE, 120, DL_AUTOSHIP_CLASS_ON, DL_VOLUME_CLASS_QUALIFIED },
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_OFF, TRUE, 0, DL_AUTOSHIP_CLASS_OFF, DL_VOLUME_CLASS_NONE },
    { DL_MEMBER_INACTIVE, DL_AUTOSHIP_UNKNOWN, TRUE, 49, DL_AUTOSHIP_CLASS_UNKNOWN, DL_VOLUME_CLASS_LOW },
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_ON, TRUE, 50, DL_AUTOSHIP_CLASS_ON, DL_VOLUME_CLASS_MID },
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_OFF, TRUE, 99, DL_AUTOSHIP_CLASS_OFF, DL_VOLUME_CLASS_MID },
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_ON, TRUE, 100, DL_AUTOSHIP_CLASS_ON, DL_VOLUME_CLASS_QUALIFIED },
    { DL_MEMBER_ACTIVE, DL_AUTOSHIP_ON, FALSE, 0, DL_AUTOSHIP_CLASS_ON, DL_VOLUME_CLASS_UNKNOWN },
    { DL_MEMBER_DROPPED, DL_AUTOSHIP_ON, TRUE, 200, DL_AUTOSHIP_CLASS_DROPPED, DL_VOLUME_CLASS_DROPPED },
  };
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (G_N_ELEMENTS (rows));
  g_autoptr(DlTreeBuilder) bare_builder = dl_tree_builder_new (G_N_ELEMENTS (rows));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTree) bare = NULL;
  DlTreeFacts *facts;
  DlRenderView view;
  DlColourBy modes[] = { DL_COLOUR_BY_AUTOSHIP, DL_COLOUR_BY_VOLUME };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      DlTreeNode row;

      memset (&row, 0, sizeof row);
      row.person_id = i + 1;
      row.sponsor_id = i == 0 ? 0 : 1;
      row.name = "Ana Member";
      row.status = rows[i].status;
      row.joined_on = today - 100;
      row.status_since = DL_DAY_NONE;
      row.last_activity = today - 10;
      row.last_contact = DL_DAY_NONE;
      row.snoozed_until = DL_DAY_NONE;
      /* the same tree without figures, as a file with none imported */
      dl_tree_builder_add (bare_builder, &row);
      row.autoship = rows[i].autoship;
      row.has_pv = rows[i].has_pv;
      row.pv = rows[i].pv;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  bare = dl_tree_builder_finish (bare_builder, 1, &error);
  g_assert_no_error (error);

  facts = dl_tree_facts_new (tree, NULL, today);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      guint index = dl_tree_find (tree, i + 1);

      g_assert_cmpuint (dl_tree_facts_class (facts, DL_COLOUR_BY_AUTOSHIP, index), ==, rows[i].autoship_class);
      g_assert_cmpuint (dl_tree_facts_class (facts, DL_COLOUR_BY_VOLUME, index), ==, rows[i].volume_class);
    }
  /* the dropped member's figures are not counted as known */
  g_assert_cmpuint (facts->n_autoship_known, ==, 6);
  g_assert_cmpuint (facts->n_pv_known, ==, 6);

  /* zoomed in, the boxes carry the figures as badges; further out, not */
  {
    DlLayout *layout = dl_layout_new (tree);
    g_autofree char *near = badges_in_pdf (layout, facts, 1.0);
    g_autofree char *far = badges_in_pdf (layout, facts, 0.7);

    g_assert_nonnull (strstr (near, "120 PV"));
    g_assert_nonnull (strstr (near, "49 PV"));
    g_assert_nonnull (strstr (near, "↻"));
    g_assert_nonnull (strstr (far, "Ana Member"));
    g_assert_null (strstr (far, "120 PV"));
    g_assert_null (strstr (far, "↻"));
    dl_layout_free (layout);
  }

  /* every class named, in a colour of its own, and listed */
  dl_render_view_init (&view);
  view.facts = facts;
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      guint n = dl_colour_by_n_classes (modes[m]);

      g_assert_cmpuint (n, ==, modes[m] == DL_COLOUR_BY_AUTOSHIP ? 4 : 6);
      for (guint a = 0; a < n; a++)
        {
          double x[3];

          g_assert_true (dl_tree_facts_class_shown (facts, modes[m], a));
          g_assert_cmpstr (dl_tree_facts_class_name (facts, modes[m], a), !=, "");
          dl_colour_by_class_rgb (modes[m], a, x);
          for (guint b = 0; b < a; b++)
            {
              double y[3];

              dl_colour_by_class_rgb (modes[m], b, y);
              g_assert_cmpstr (dl_tree_facts_class_name (facts, modes[m], a), !=,
                               dl_tree_facts_class_name (facts, modes[m], b));
              /* far enough apart to tell at a glance */
              g_assert_cmpfloat (fabs (x[0] - y[0]) + fabs (x[1] - y[1]) + fabs (x[2] - y[2]), >, 0.25);
            }
        }
      view.colour_by = modes[m];
      g_assert_cmpfloat (dl_tree_render_legend_height (&view), ==, 12 + 20 * (n + DL_RENDER_LEGEND_MARKS));
    }
  dl_tree_facts_free (facts);

  /* No figures at all: everyone "Not known" (or dropped), the legend
   * lists just those two and a line on importing figures. */
  facts = dl_tree_facts_new (bare, NULL, today);
  view.facts = facts;
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      guint unknown = modes[m] == DL_COLOUR_BY_AUTOSHIP ? DL_AUTOSHIP_CLASS_UNKNOWN : DL_VOLUME_CLASS_UNKNOWN;
      guint dropped = modes[m] == DL_COLOUR_BY_AUTOSHIP ? DL_AUTOSHIP_CLASS_DROPPED : DL_VOLUME_CLASS_DROPPED;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 300);
      cairo_t *cr = cairo_create (surface);

      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        g_assert_cmpuint (dl_tree_facts_class (facts, modes[m], dl_tree_find (bare, i + 1)), ==,
                          rows[i].status == DL_MEMBER_DROPPED ? dropped : unknown);
      for (guint k = 0; k < dl_colour_by_n_classes (modes[m]); k++)
        g_assert_true (dl_tree_facts_class_shown (facts, modes[m], k) == (k == unknown || k == dropped));
      view.colour_by = modes[m];
      /* two classes, the note, the three activity marks and the risk mark */
      g_assert_cmpfloat (dl_tree_render_legend_height (&view), ==, 12 + 20 * (2 + 1 + DL_RENDER_LEGEND_MARKS));
      dl_tree_render_legend (cr, &view, 0, 0);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpuint (facts->n_autoship_known, ==, 0);
  g_assert_cmpuint (facts->n_pv_known, ==, 0);
  dl_tree_facts_free (facts);
}

/* Binary data: strstr would stop at the first NUL. */
static gboolean
bytes_contain (const char *data,
               gsize       len,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_export (void)
{
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  g_autoptr(DlTree) tree = build_random (400, 3);
  DlLayout *layout = dl_layout_new (tree);
  DlTreeFacts *facts = dl_tree_facts_new (tree, NULL, today);
  DlRenderView view;
  const char *names[] = { "tree.png", "tree.svg", "tree.pdf", "view.PNG" };

  dl_layout_run (layout);
  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.zoom = 0.8;
  view.width = 800;
  view.height = 500;

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[k], NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (dl_tree_export_to_file (&view, k < 3, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      g_assert_cmpuint (len, >, 100);

      if (g_str_has_suffix (names[k], ".png") || g_str_has_suffix (names[k], ".PNG"))
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpuint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          g_assert_cmpint (cairo_image_surface_get_width (png), >, 0);
          if (k == 3)
            {
              /* the view, and the legend's column beside it (190 + 2 × 24) */
              g_assert_cmpint (cairo_image_surface_get_width (png), ==, 800 + 238);
              g_assert_cmpint (cairo_image_surface_get_height (png), ==, 500);
            }
          cairo_surface_destroy (png);
        }
      else if (g_str_has_suffix (names[k], ".svg"))
        {
          /* Well-formed XML whose root element is svg. */
          g_autoptr(GMarkupParseContext) ctx = NULL;
          GMarkupParser parser = { 0, };

          g_assert_nonnull (strstr (data, "<svg"));
          ctx = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, NULL, NULL);
          g_assert_true (g_markup_parse_context_parse (ctx, data, len, &error));
          g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
          g_assert_no_error (error);
        }
      else
        {
          g_assert_true (g_str_has_prefix (data, "%PDF-"));
          g_assert_true (bytes_contain (data + len - MIN (len, 32), MIN (len, 32), "%%EOF"));
          g_assert_true (bytes_contain (data, len, "/Type /Page"));
        }
    }

  /* An unknown extension: a clear message, and no file. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "tree.jpeg", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (dl_tree_export_to_file (&view, TRUE, path, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (error != NULL ? strstr (error->message, ".png") : NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  /* A folder that does not exist: an error naming it, nothing written. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "missing", "tree.pdf", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (dl_tree_export_to_file (&view, TRUE, path, &error));
    g_assert_nonnull (error);
  }

  dl_tree_facts_free (facts);
  dl_layout_free (layout);
}

/* A folded group's counts fit its box: whole below a thousand, then
 * thousands and millions, rounded; "+677971 · 47216 at risk" was cut. */
static void
test_short_count (void)
{
  char buf[16];

  g_assert_cmpstr (dl_tree_render_short_count (0, buf), ==, "0");
  g_assert_cmpstr (dl_tree_render_short_count (999, buf), ==, "999");
  g_assert_cmpstr (dl_tree_render_short_count (1032, buf), ==, "1.0k");
  g_assert_cmpstr (dl_tree_render_short_count (4383, buf), ==, "4.4k");
  g_assert_cmpstr (dl_tree_render_short_count (47216, buf), ==, "47.2k");
  g_assert_cmpstr (dl_tree_render_short_count (99949, buf), ==, "99.9k");
  g_assert_cmpstr (dl_tree_render_short_count (99950, buf), ==, "100k");
  g_assert_cmpstr (dl_tree_render_short_count (677971, buf), ==, "678k");
  g_assert_cmpstr (dl_tree_render_short_count (999499, buf), ==, "999k");
  g_assert_cmpstr (dl_tree_render_short_count (999500, buf), ==, "1.0M");
  g_assert_cmpstr (dl_tree_render_short_count (1234567, buf), ==, "1.2M");
  g_assert_cmpstr (dl_tree_render_short_count (G_MAXUINT, buf), ==, "4295.0M");
}

/* The sample business `downline --sample-data=300 --seed=3` writes, with
 * its members' names. */
static DlTree *
build_sample (guint members)
{
  DlSampleOptions options;
  DlSample *sample;
  g_autoptr(DlTreeBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  DlTree *tree;

  dl_sample_options_init (&options, members, 3, dl_day_from_ymd (2026, 11, 22));
  sample = dl_sample_new (&options);
  builder = dl_tree_builder_new (sample->n_members);
  for (guint i = 0; i < sample->n_members; i++)
    {
      const DlSampleMember *member = &sample->members[i];
      DlSamplePersonText text;
      DlTreeNode row;

      dl_sample_person_text (sample, i, &text);
      g_ptr_array_add (names, g_strdup_printf ("%s %s", text.first_name, text.last_name));
      memset (&row, 0, sizeof row);
      row.person_id = i + 1;
      row.sponsor_id = member->sponsor == DL_SAMPLE_NONE ? 0 : member->sponsor + 1;
      row.name = g_ptr_array_index (names, i);
      row.status = member->status;
      row.joined_on = member->joined_on;
      row.status_since = member->status_since;
      row.last_activity = member->last_activity;
      row.last_contact = DL_DAY_NONE;
      row.snoozed_until = DL_DAY_NONE;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  dl_sample_free (sample);

  return tree;
}

/* The target: the 300-member sample, unfolded and fitted to
 * 1920×1080, names every member at 7 px or more.  Further out than a
 * name can be read, no name is drawn, but a vector export draws them
 * all. */
static void
test_render_names_at_fit (void)
{
  g_autoptr(DlTree) tree = build_sample (300);
  DlLayout *layout = dl_layout_new (tree);
  DlTreeFacts *facts = dl_tree_facts_new (tree, NULL, dl_day_from_ymd (2026, 11, 22));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cairo_t *cr = cairo_create (surface);
  DlRenderView view;
  DlRenderStats stats = { 0, };
  guint n = dl_tree_get_n_nodes (tree);

  g_assert_cmpuint (n, ==, 301);   /* the user and 300 members */
  dl_layout_expand_all (layout);
  dl_layout_run (layout);
  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.width = 1920;
  view.height = 1080;
  dl_render_view_zoom_to_fit (&view, 1920, 1080);
  g_test_message ("300 members fitted: zoom %.3f, names %.1f px",
                  view.zoom, dl_tree_render_name_px (view.zoom));
  g_assert_cmpfloat (dl_tree_render_name_px (view.zoom), >=, 7.0);
  dl_tree_render (cr, &view, &stats);
  g_assert_cmpuint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpuint (stats.n_nodes, ==, n);
  g_assert_cmpuint (stats.n_labels, ==, n);

  /* Names grow as the details line leaves, and are left out when small. */
  g_assert_cmpfloat (dl_tree_render_name_px (DL_RENDER_DETAIL_ZOOM - 0.01), >,
                     dl_tree_render_name_px (DL_RENDER_DETAIL_ZOOM));
  view.zoom /= 2;
  g_assert_cmpfloat (dl_tree_render_name_px (view.zoom), ==, 0);
  memset (&stats, 0, sizeof stats);
  dl_tree_render (cr, &view, &stats);
  g_assert_cmpuint (stats.n_nodes, ==, n);
  g_assert_cmpuint (stats.n_labels, ==, 0);
  view.all_labels = TRUE;
  memset (&stats, 0, sizeof stats);
  dl_tree_render (cr, &view, &stats);
  g_assert_cmpuint (stats.n_labels, ==, n);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  dl_tree_facts_free (facts);
  dl_layout_free (layout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;
  const char *names[] = { "tree.png", "tree.svg", "tree.pdf", "view.PNG" };

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  tmp_dir = g_dir_make_tmp ("downline-test-render-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/render/culling", test_render_culling);
  g_test_add_func ("/render/short-count", test_short_count);
  g_test_add_func ("/render/facts", test_render_facts);
  g_test_add_func ("/render/names-at-fit", test_render_names_at_fit);
  g_test_add_func ("/render/figures", test_render_figures);
  g_test_add_func ("/render/export", test_export);

  status = g_test_run ();

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[k], NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

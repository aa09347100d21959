/* test-downline-view.c — the Downline view under Xvfb, on a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads a sample business, then does what a person does: selects a
 * member (by the point a click would hit), zooms, folds a group, focuses
 * on a member and back, searches by name, and finds the same member
 * selected in the table twin.
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-store-sample.h"
#include "downline-resources.h"

#define NONE DL_TREE_NO_PARENT

static char *tmp_dir;

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until cond(data) or ten seconds. */
static gboolean
wait_for (gboolean (*cond) (gpointer),
          gpointer data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static gboolean
loaded (gpointer data)
{
  DlDownlineView *view = data;
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);

  return !dl_downline_view_is_loading (view) && dl_tree_canvas_get_tree (canvas) != NULL
         && gtk_widget_get_width (GTK_WIDGET (canvas)) > 0;
}

static gboolean
settled (gpointer data)
{
  static int frames;

  return ++frames % 20 == 0;
}

static void
test_view_interaction (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "view.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  GtkWidget *window, *widget;
  DlDownlineView *view;
  DlTreeCanvas *canvas;
  DlTree *tree;
  DlLayout *layout;
  DlRenderView rv;
  gint64 root;
  guint c = NONE, grandchild;
  double zoom, x0, y0, x1, y1, sx, sy;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 400, 7, dl_day_today (), NULL, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  widget = dl_downline_view_new (store);
  view = DL_DOWNLINE_VIEW (widget);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (loaded, view));

  canvas = dl_downline_view_get_canvas (view);
  tree = dl_tree_canvas_get_tree (canvas);
  layout = dl_tree_canvas_get_layout (canvas);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 401);
  root = dl_tree_get_root (tree);
  g_assert_cmpint (root, >=, 0);

  /* A recruit of the user who has recruits of their own. */
  for (guint i = dl_tree_get_node (tree, root)->first_child; i != NONE;
       i = dl_tree_get_node (tree, i)->next_sibling)
    if (dl_tree_get_node (tree, i)->n_children > 0)
      {
        c = i;
        break;
      }
  g_assert_cmpuint (c, !=, NONE);
  grandchild = dl_tree_get_node (tree, c)->first_child;

  /* Select: where a click on the member's box lands, the canvas finds them. */
  dl_tree_canvas_select (canvas, c, TRUE);
  wait_for (settled, NULL);
  g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, c);
  dl_tree_canvas_get_view (canvas, &rv);
  sx = (dl_layout_get_x (layout, c) - rv.origin_x) * rv.zoom;
  sy = (dl_layout_get_y (layout, c) + DL_LAYOUT_NODE_H / 2 - rv.origin_y) * rv.zoom;
  g_assert_cmpint (dl_tree_canvas_hit_test (canvas, sx, sy), ==, c);
  g_assert_cmpint (dl_tree_canvas_hit_test (canvas, sx, sy + DL_LAYOUT_PITCH_Y * rv.zoom * 0.7), !=, c);
  g_signal_emit_by_name (canvas, "node-activated", (guint64) c);

  /* Zoom in and out by the view's actions, then fit. */
  zoom = dl_tree_canvas_get_zoom (canvas);
  g_assert_true (gtk_widget_activate_action (widget, "downline.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (dl_tree_canvas_get_zoom (canvas), MIN (zoom * 1.25, 3.0), 1e-9);
  g_assert_true (gtk_widget_activate_action (widget, "downline.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon (dl_tree_canvas_get_zoom (canvas), zoom, 1e-9);
  g_assert_true (gtk_widget_activate_action (widget, "downline.zoom-fit", NULL));
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat ((x1 - x0) * dl_tree_canvas_get_zoom (canvas), <=, gtk_widget_get_width (GTK_WIDGET (canvas)));
  g_assert_cmpfloat ((y1 - y0) * dl_tree_canvas_get_zoom (canvas), <=, gtk_widget_get_height (GTK_WIDGET (canvas)));

  /* Fold the selected member's group, then unfold it. */
  g_assert_true (dl_layout_is_shown (layout, grandchild));
  g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-collapsed", NULL));
  g_assert_true (dl_layout_is_collapsed (layout, c));
  g_assert_false (dl_layout_is_shown (layout, grandchild));
  g_assert_true (dl_layout_is_shown (layout, c));
  g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-collapsed", NULL));
  g_assert_false (dl_layout_is_collapsed (layout, c));
  g_assert_true (dl_layout_is_shown (layout, grandchild));

  /* Focus on them: only their group is laid out; then back up. */
  g_assert_true (gtk_widget_activate_action (widget, "downline.focus-selected", NULL));
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), ==, c);
  g_assert_cmpuint (dl_layout_get_begin (layout), ==, c);
  g_assert_false (dl_layout_is_shown (layout, root));
  g_assert_cmpuint (dl_layout_get_depth (layout, grandchild), ==, 1);
  g_assert_true (gtk_widget_activate_action (widget, "downline.focus-up", NULL));
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), ==, dl_tree_get_node (tree, c)->parent);
  g_assert_true (gtk_widget_activate_action (widget, "downline.focus-index", "x", (gint64) -1));
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), ==, -1);
  g_assert_true (dl_layout_is_shown (layout, root));

  /* Search by a name: at least that member; the selection is a match. */
  {
    const char *name = dl_tree_get_node (tree, grandchild)->name;
    guint hits = dl_downline_view_search (view, name);
    gint64 sel = dl_tree_canvas_get_selected (canvas);

    g_assert_cmpuint (hits, >=, 1);
    g_assert_cmpint (sel, >=, 0);
    g_assert_cmpstr (dl_tree_get_node (tree, sel)->name, ==, name);
    g_assert_cmpuint (dl_downline_view_search (view, "zzzz-nobody-zzzz"), ==, 0);
  }

  /* The table twin shares the selection, opening the sponsors above it. */
  dl_tree_canvas_select (canvas, grandchild, FALSE);
  dl_downline_view_show_table (view, TRUE);
  wait_for (settled, NULL);
  g_assert_cmpint (dl_downline_table_get_selected (dl_downline_view_get_table (view)), ==, grandchild);
  dl_tree_canvas_select (canvas, c, FALSE);
  g_assert_cmpint (dl_downline_table_get_selected (dl_downline_view_get_table (view)), ==, c);
  dl_tree_canvas_select (canvas, -1, FALSE);
  g_assert_cmpint (dl_downline_table_get_selected (dl_downline_view_get_table (view)), ==, -1);
  dl_downline_view_show_table (view, FALSE);

  /* Colour and highlight switches redraw without complaint. */
  dl_tree_canvas_set_colour_by (canvas, DL_COLOUR_BY_TENURE);
  dl_tree_canvas_set_highlight (canvas, DL_HIGHLIGHT_OVERDUE);
  wait_for (settled, NULL);

  gtk_window_destroy (GTK_WINDOW (window));
  wait_for (settled, NULL);
}

static void
test_view_empty (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  GtkWidget *window, *widget;

  g_assert_no_error (error);
  window = gtk_window_new ();
  widget = dl_downline_view_new (store);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for ((gboolean (*) (gpointer)) dl_downline_view_is_loading, widget) || TRUE);
  while (dl_downline_view_is_loading (DL_DOWNLINE_VIEW (widget)))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dl_tree_get_n_nodes (dl_tree_canvas_get_tree (dl_downline_view_get_canvas (DL_DOWNLINE_VIEW (widget)))), ==, 0);
  g_assert_true (gtk_widget_activate_action (widget, "downline.zoom-in", NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  wait_for (settled, NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();
  downline_register_resource ();
  tmp_dir = g_dir_make_tmp ("downline-test-view-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/downline-view/select-zoom-collapse-focus-search", test_view_interaction);
  g_test_add_func ("/downline-view/empty", test_view_empty);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

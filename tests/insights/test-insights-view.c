/* test-insights-view.c — the Insights view on a sample business
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DL_SCREENSHOT_DIR set, saves insights.png and insights-360.png there.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "downline-resources.h"
#include "dl-insights-chart.h"
#include "dl-insights-view.h"
#include "dl-store-sample.h"
#include "../dl-test-widgets.h"

static char *tmp_dir;

static DlStore *
open_store (const char *name,
            guint       n_members)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);

  g_assert_no_error (error);
  if (n_members > 0)
    {
      g_assert_true (dl_store_fill_sample (store, n_members, 9, dl_day_today (), NULL, &error));
      g_assert_no_error (error);
    }
  return store;
}

static gboolean
loaded (gpointer data)
{
  return !dl_insights_view_is_loading (data);
}

static GtkWidget *
show_view_at (DlStore    *store,
              int         width,
              GtkWindow **window)
{
  GtkWidget *view = dl_insights_view_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, width, 1500);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
  gtk_window_set_child (*window, overlay);
  dl_insights_view_set_store (DL_INSIGHTS_VIEW (view), store);
  gtk_window_present (*window);
  g_assert_true (dl_test_wait_for (loaded, view));
  return view;
}

static GtkWidget *
show_view (DlStore    *store,
           GtkWindow **window)
{
  return show_view_at (store, 1000, window);
}

static char *
labels_of (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  dl_test_collect_labels (widget, out);
  return g_string_free (out, FALSE);
}

static GtkWidget *
find_chart (GtkWidget           *widget,
            DlInsightsChartKind  kind)
{
  if (DL_IS_INSIGHTS_CHART (widget) && dl_insights_chart_get_kind (DL_INSIGHTS_CHART (widget)) == kind)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_chart (c, kind);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkDropDown *
find_dropdown (GtkWidget *widget)
{
  if (GTK_IS_DROP_DOWN (widget))
    return GTK_DROP_DOWN (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkDropDown *found = find_dropdown (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_height (gpointer data)
{
  return gtk_widget_get_height (data) > 0;
}

static const char *
page_of (GtkWidget *view)
{
  for (GtkWidget *c = gtk_widget_get_first_child (view); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_STACK (c))
      return gtk_stack_get_visible_child_name (GTK_STACK (c));
  return NULL;
}

static void
on_show_person_cb (GtkWidget  *view,
                   gint64      person_id,
                   const char *name,
                   gint64     *shown)
{
  g_assert_cmpstr (name, ==, "downline");
  *shown = person_id;
}

static void
test_sample (void)
{
  g_autoptr(DlStore) store = open_store ("sample.db", 3000);
  g_autofree char *labels = NULL;
  g_autofree char *six = NULL;
  GtkWindow *window = NULL;
  GtkWidget *view = show_view (store, &window);
  GtkWidget *dup = find_chart (view, DL_INSIGHTS_CHART_DUPLICATION);
  GtkWidget *risk = find_chart (view, DL_INSIGHTS_CHART_RISK);
  GListModel *controllers;
  gint64 shown = -1;

  labels = labels_of (view);
  g_test_message ("%s", labels);
  g_assert_nonnull (strstr (labels, "From 12 months of back-office figures and your downline of 3000."));
  g_assert_nonnull (strstr (labels, "Active members went from "));
  g_assert_nonnull (strstr (labels, "still active after twelve months"));
  g_assert_nonnull (strstr (labels, "of your organisation have recruited someone"));
  g_assert_nonnull (strstr (labels, "active members at 10.00 each make about"));
  g_assert_nonnull (strstr (labels, "ranked someone who left above someone who stayed"));
  g_assert_nonnull (strstr (labels, "Over the last twelve weeks you added "));
  g_assert_nonnull (strstr (labels, "(the goal is 14)"));
  g_assert_nonnull (strstr (labels, "Your pipeline holds "));
  g_assert_cmpstr (page_of (view), ==, "charts");
  g_assert_true (gtk_widget_is_visible (dup));
  g_assert_true (gtk_widget_is_visible (risk));
  g_assert_true (dl_test_wait_for (has_height, dup));

  /* six months: the growth is told from a later month */
  gtk_drop_down_set_selected (find_dropdown (view), 0);
  six = labels_of (view);
  g_assert_cmpstr (six, !=, labels);

  if (g_getenv ("DL_SCREENSHOT_DIR") != NULL)
    {
      gboolean done = FALSE;

      /* the charts fade in: the picture after */
      gtk_drop_down_set_selected (find_dropdown (view), 1);
      g_timeout_add (800, dl_test_timeout_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      dl_test_save_png (GTK_WIDGET (window), "insights.png");
    }

  /* a click on the first line's row shows that member in the tree */
  g_signal_connect (view, "show-person", G_CALLBACK (on_show_person_cb), &shown);
  controllers = gtk_widget_observe_controllers (dup);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        g_signal_emit_by_name (controller, "pressed", 1, 200.0, 14.0 + 15.0);
    }
  g_object_unref (controllers);
  g_assert_cmpint (shown, >, 0);
  {
    g_autoptr(DlTree) tree = dl_store_load_tree (store, NULL);
    gint64 at = dl_tree_find (tree, shown);

    /* a personally enrolled member */
    g_assert_cmpint (at, >=, 0);
    g_assert_cmpint (dl_tree_get_node (tree, (guint) at)->level, ==, 1);
  }

  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

/* NARROW_VIEW_LIMIT: a phone's 360 pixels less what the window puts
 * around a view. */
#define NARROW_VIEW_LIMIT 340

/* Insights fits a phone: every card of a sample business, its title,
 * sentence, chart and the income card's earning line, in 340 pixels,
 * and none of them cut off at the window's edge. */
static void
test_narrow (void)
{
  g_autoptr(DlStore) store = open_store ("narrow.db", 300);
  GtkWindow *window = NULL;
  GtkWidget *view = show_view_at (store, 360, &window);
  GtkWidget *chart;
  int min = 0;

  g_assert_cmpstr (page_of (view), ==, "charts");
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > NARROW_VIEW_LIMIT)
    dl_test_print_wide_widgets (view, NARROW_VIEW_LIMIT - 30, 0);
  g_assert_cmpint (min, <=, NARROW_VIEW_LIMIT);

  chart = find_chart (view, DL_INSIGHTS_CHART_RISK);
  g_assert_true (dl_test_wait_for (has_height, chart));
  for (guint kind = 0; kind < DL_INSIGHTS_N_CHARTS; kind++)
    {
      graphene_rect_t bounds;

      chart = find_chart (view, kind);
      if (!gtk_widget_get_visible (chart))
        continue;
      g_assert_true (gtk_widget_compute_bounds (chart, view, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (view));
    }
  dl_test_save_png (GTK_WIDGET (window), "insights-360.png");
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

/* Nothing at all: the empty state, saying what it needs. */
static void
test_empty (void)
{
  g_autoptr(DlStore) store = open_store ("empty.db", 0);
  g_autofree char *labels = NULL;
  GtkWindow *window = NULL;
  GtkWidget *view = show_view (store, &window);

  labels = labels_of (view);
  g_assert_cmpstr (page_of (view), ==, "empty");
  g_assert_nonnull (strstr (labels, "Nothing to Count Yet"));
  g_assert_null (strstr (labels, "Active members went"));
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

static void
check_file (const char *path,
            const char *start)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_nonnull (g_strstr_len (contents, MIN (length, 512), start));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* Every chart writes PNG, SVG and PDF, private to the user; a name with
 * another ending is refused and nothing is written. */
static void
test_export (void)
{
  g_autoptr(DlStore) store = open_store ("export.db", 1000);
  g_autoptr(DlInsightsData) data = dl_insights_data_load (dl_store_get_path (store), dl_day_today (), NULL);
  DlInsightsScope scope = { data, 12, 10.0, 2, 100 };
  g_autoptr(GError) error = NULL;
  static const char *const formats[][2] = { { "png", "\x89PNG" }, { "svg", "<svg" }, { "pdf", "%PDF" } };

  g_assert_nonnull (data);
  umask (022);
  for (guint kind = 0; kind < DL_INSIGHTS_N_CHARTS; kind++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *name = g_strdup_printf ("chart-%u.%s", kind, formats[f][0]);
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_assert_true (dl_insights_chart_export (kind, &scope, path, 960, &error));
        g_assert_no_error (error);
        check_file (path, formats[f][1]);
      }

  {
    g_autofree char *path = g_build_filename (tmp_dir, "chart.jpg", NULL);

    g_assert_false (dl_insights_chart_export (DL_INSIGHTS_CHART_GROWTH, &scope, path, 960, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  downline_register_resource ();

  tmp_dir = g_dir_make_tmp ("downline-insights-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/insights-view/sample", test_sample);
  g_test_add_func ("/insights-view/narrow", test_narrow);
  g_test_add_func ("/insights-view/empty", test_empty);
  g_test_add_func ("/insights-view/export", test_export);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}

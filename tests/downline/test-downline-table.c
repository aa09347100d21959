/* test-downline-table.c — the Downline page's Table, used as a distributor does
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Under Xvfb, on a sample business: clicks the column headers with the
 * real pointer (xdotool) to rank the whole team, switches from the tree
 * to the table with a member selected, reads the numbers as a locale
 * that groups thousands writes them, opens the Show menu and the
 * Columns popover.  Alone in its run (meson's is_parallel): the pointer
 * is the display's.
 */

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-events.h"
#include "dl-store-sample.h"
#include "downline-resources.h"
#include "downline-view-fixture.h"
#include "../dl-test-files.h"

static char *tmp_dir;


static gboolean
wait_for (gboolean (*cond) (gpointer),
          gpointer data)
{
  return dl_test_wait_for (cond, data);
}

/* A window showing a Downline view of a fresh sample business. */
static DlDownlineView *
open_view (const char  *name,
           guint        n_members,
           GtkWidget  **window_out,
           DlStore    **store_out)
{
  return downline_open_view (tmp_dir, name, n_members, window_out, store_out);
}

static void
close_view (GtkWidget *window,
            DlStore   *store)
{
  downline_close_view (window, store);
}

/* The first shown widget under root whose type is named type_name and
 * whose labels read text ("" for any). */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *type_name,
            const char *text)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), type_name))
    {
      g_autoptr(GString) labels = g_string_new (NULL);

      dl_test_collect_labels (root, labels);
      if (*text == '\0' || (labels->len > 0 && strncmp (labels->str, text, strlen (text)) == 0
                            && labels->str[strlen (text)] == '|'))
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, type_name, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkColumnView *
column_view (DlDownlineTable *table)
{
  return GTK_COLUMN_VIEW (dl_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW));
}

static void
on_child_exit_cb (GPid     pid,
                  int      status,
                  gpointer user_data)
{
  *(int *) user_data = status;
  g_spawn_close_pid (pid);
}

static gboolean
on_release_cb (GtkEventControllerLegacy *controller,
               GdkEvent                 *event,
               gpointer                  user_data)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE)
    *(gpointer *) user_data = NULL;
  return GDK_EVENT_PROPAGATE;
}

/* When the last click's release came through (monotonic time). */
static gint64 last_click;

/* Clicks the middle of widget with the real pointer, the main loop
 * running meanwhile, and waits until the window has handled the click;
 * FALSE when there is no xdotool. */
static gboolean
pointer_click (GtkWidget *widget)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autoptr(GError) error = NULL;
  graphene_point_t point;
  double dx, dy;
  int status = -1;
  GPid pid;
  GtkEventController *watch;
  gpointer unreleased = native;   /* NULL once the button is released */
  int double_click_ms = 400;
  char pause[G_ASCII_DTOSTR_BUF_SIZE];
  const char *argv[] = { NULL, "mousemove", "--window", NULL, NULL, NULL, "sleep", pause, "click", "1", NULL };

  if (xdotool == NULL)
    return FALSE;
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));
  x = g_strdup_printf ("%d", (int) (point.x + dx));
  y = g_strdup_printf ("%d", (int) (point.y + dy));
  argv[0] = xdotool;
  argv[3] = xid;
  argv[4] = x;
  argv[5] = y;
  /* a person's pause between moving and clicking; and a click at the
   * same place sooner after the last than the double-click time is
   * GTK's to count as a double click, not a second click */
  g_object_get (gtk_widget_get_settings (widget), "gtk-double-click-time", &double_click_ms, NULL);
  g_ascii_dtostr (pause, sizeof pause,
                  MAX (0.2, (double_click_ms + 100 - (g_get_monotonic_time () - last_click) / 1000) / 1000.0));
  /* sees the release before the widgets under the pointer handle it */
  watch = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (watch, GTK_PHASE_CAPTURE);
  g_signal_connect (watch, "event", G_CALLBACK (on_release_cb), &unreleased);
  gtk_widget_add_controller (GTK_WIDGET (native), watch);
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  if (error != NULL)
    {
      gtk_widget_remove_controller (GTK_WIDGET (native), watch);
      return FALSE;
    }
  g_child_watch_add (pid, on_child_exit_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (status, ==, 0);
  /* the click has been handled once its release has come through */
  g_assert_true (wait_for (dl_test_pointer_cleared, &unreleased));
  last_click = g_get_monotonic_time ();
  gtk_widget_remove_controller (GTK_WIDGET (native), watch);
  return TRUE;
}

/* The widget is on screen, laid out: a click on its middle lands on it. */
static gboolean
laid_out (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* The header button of the column titled title. */
static GtkWidget *
header_button (DlDownlineTable *table,
               const char      *title)
{
  GtkWidget *button = find_named (GTK_WIDGET (column_view (table)), "GtkColumnViewTitle", title);

  g_assert_nonnull (button);
  return button;
}

typedef struct
{
  float      y;
  GtkWidget *row;
} ShownRow;

static int
compare_shown_rows (gconstpointer a,
                    gconstpointer b)
{
  float x = ((const ShownRow *) a)->y, y = ((const ShownRow *) b)->y;

  return x < y ? -1 : x > y;
}

/* The row widgets inside the scrolled window's visible area, top to
 * bottom. */
static GPtrArray *
rows_on_screen (DlDownlineTable *table)
{
  GtkWidget *view = GTK_WIDGET (column_view (table));
  GtkWidget *list = dl_test_find_descendant (view, GTK_TYPE_LIST_VIEW);
  GtkWidget *scrolled = gtk_widget_get_ancestor (view, GTK_TYPE_SCROLLED_WINDOW);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (ShownRow));
  GPtrArray *out = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;
      ShownRow shown;

      /* a row not laid out yet is nowhere */
      if (!gtk_widget_get_mapped (row) || gtk_widget_get_height (row) <= 0
          || !gtk_widget_compute_bounds (row, scrolled, &bounds))
        continue;
      /* below the header, above the bottom edge */
      if (bounds.origin.y + bounds.size.height / 2 < 0
          || bounds.origin.y + bounds.size.height / 2 > gtk_widget_get_height (scrolled))
        continue;
      shown.y = bounds.origin.y;
      shown.row = row;
      g_array_append_val (placed, shown);
    }
  g_array_sort (placed, compare_shown_rows);
  for (guint k = 0; k < placed->len; k++)
    g_ptr_array_add (out, g_array_index (placed, ShownRow, k).row);
  return out;
}

/* The text of the first (the name) cell of a row widget. */
static char *
row_name (GtkWidget *row)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  char *bar;

  dl_test_collect_labels (gtk_widget_get_first_child (row), labels);
  bar = strchr (labels->str, '|');
  if (bar != NULL)
    *bar = '\0';
  return g_strdup (labels->str);
}

/* The row of probe->index is selected and on screen, under the header. */
static gboolean
selected_row_on_screen (gpointer data)
{
  RowProbe *probe = data;
  g_autoptr(GPtrArray) rows = NULL;

  if (!table_selected (probe))
    return FALSE;
  rows = rows_on_screen (probe->table);
  for (guint k = 0; k < rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (rows, k);
      g_autofree char *name = row_name (row);

      if (g_strcmp0 (name, dl_tree_get_node (probe->tree, probe->index)->name) == 0
          && (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0)
        return TRUE;
    }
  return FALSE;
}

/* The top row on screen is the list's first. */
static gboolean
first_row_on_top (gpointer data)
{
  RowProbe *probe = data;
  g_autoptr(GPtrArray) rows = rows_on_screen (probe->table);
  g_autofree char *name = rows->len > 0 ? row_name (g_ptr_array_index (rows, 0)) : NULL;
  gint64 first = dl_downline_table_get_index_at (probe->table, 0);

  return first >= 0 && g_strcmp0 (name, dl_tree_get_node (probe->tree, first)->name) == 0;
}

static gboolean
is_flat (gpointer data)
{
  return dl_downline_table_is_flat (data);
}

static gboolean
is_tree (gpointer data)
{
  return !dl_downline_table_is_flat (data);
}

/* The list shows every member but the user once, ranked by PV the way
 * wanted, members below the first level among them. */
static void
assert_ranked_by_pv (DlDownlineTable *table,
                     DlTree          *tree,
                     GtkSortType      order)
{
  GListModel *rows = dl_downline_table_get_rows (table);
  guint n = g_list_model_get_n_items (rows), deep = 0;
  g_autofree gboolean *seen = g_new0 (gboolean, dl_tree_get_n_nodes (tree));
  int previous = G_MININT;

  g_assert_cmpuint (n, ==, dl_tree_get_n_nodes (tree) - 1);
  for (guint p = 0; p < n; p++)
    {
      gint64 i = dl_downline_table_get_index_at (table, p);
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      int pv = node->has_pv ? node->pv : -1;

      g_assert_cmpint (i, !=, dl_tree_get_root (tree));
      g_assert_false (seen[i]);
      seen[i] = TRUE;
      deep += node->level >= 2;
      if (previous != G_MININT)
        {
          if (order == GTK_SORT_ASCENDING)
            g_assert_cmpint (previous, <=, pv);
          else
            g_assert_cmpint (previous, >=, pv);
        }
      previous = pv;
    }
  g_assert_cmpuint (deep, >, 0);
}

typedef struct
{
  DlDownlineTable *table;
  DlTree          *tree;
  GtkSortType      order;
} RankProbe;

/* The list is flat, ranked by PV the way wanted. */
static gboolean
ranked_by_pv (gpointer data)
{
  RankProbe *probe = data;
  guint n = g_list_model_get_n_items (dl_downline_table_get_rows (probe->table));
  int previous = G_MININT;

  if (!dl_downline_table_is_flat (probe->table))
    return FALSE;
  for (guint p = 0; p < n; p++)
    {
      const DlTreeNode *node = dl_tree_get_node (probe->tree, dl_downline_table_get_index_at (probe->table, p));
      int pv = node->has_pv ? node->pv : -1;

      if (previous != G_MININT && (probe->order == GTK_SORT_ASCENDING ? previous > pv : previous < pv))
        return FALSE;
      previous = pv;
    }
  return n > 0;
}

/* A click on the PV header ranks the whole team, flat, from the top of
 * the list; a second click turns it round, a third goes back to the
 * tree. */
static void
test_header_click_ranks (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("rank.db", 400, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 deep = -1;
  RowProbe probe = { table, tree, -1 };
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is needed to click a header with the real pointer");
      close_view (window, store);
      return;
    }

  /* a member far down the list, selected in the tree: the table opens
   * scrolled to them */
  for (guint i = dl_tree_get_n_nodes (tree); i-- > 0 && deep < 0;)
    if (dl_tree_get_node (tree, i)->level >= 3)
      deep = i;
  g_assert_cmpint (deep, >=, 0);
  dl_tree_canvas_select (canvas, deep, FALSE);
  dl_downline_view_show_table (view, TRUE);
  probe.index = deep;
  g_assert_true (wait_for (selected_row_on_screen, &probe));
  g_assert_false (first_row_on_top (&probe));

  /* PV, up: everyone, at every level, from the top */
  g_assert_true (pointer_click (header_button (table, "PV")));
  g_assert_true (wait_for (is_flat, table));
  assert_ranked_by_pv (table, tree, GTK_SORT_ASCENDING);
  g_assert_true (wait_for (first_row_on_top, &probe));
  /* the member stays selected */
  g_assert_cmpint (dl_downline_table_get_selected (table), ==, deep);

  /* again: the most PV first */
  g_assert_true (pointer_click (header_button (table, "PV")));
  {
    RankProbe down = { table, tree, GTK_SORT_DESCENDING };

    g_assert_true (wait_for (ranked_by_pv, &down));
  }
  g_assert_true (dl_downline_table_is_flat (table));
  assert_ranked_by_pv (table, tree, GTK_SORT_DESCENDING);
  g_assert_true (wait_for (first_row_on_top, &probe));
  {
    gint64 top = dl_downline_table_get_index_at (table, 0);

    for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
      if (i != dl_tree_get_root (tree) && dl_tree_get_node (tree, i)->has_pv)
        g_assert_cmpuint (dl_tree_get_node (tree, i)->pv, <=, dl_tree_get_node (tree, top)->pv);
  }

  /* a third time: the tree again, the user on top, the member shown */
  g_assert_true (pointer_click (header_button (table, "PV")));
  g_assert_true (wait_for (is_tree, table));
  g_assert_cmpint (dl_downline_table_get_index_at (table, 0), ==, dl_tree_get_root (tree));
  g_assert_true (wait_for (selected_row_on_screen, &probe));

  /* another header: ranked by it, from the top */
  g_assert_true (pointer_click (header_button (table, "Team")));
  g_assert_true (wait_for (is_flat, table));
  g_assert_true (wait_for (first_row_on_top, &probe));
  for (guint p = 1; p < g_list_model_get_n_items (dl_downline_table_get_rows (table)); p++)
    g_assert_cmpuint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p - 1))->subtree_size, <=,
                      dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p))->subtree_size);
  dl_test_save_png (window, "downline-table-ranked.png");

  close_view (window, store);
}

/* A member selected in the tree is selected and on screen when the
 * table is switched to, their sponsors opened, every time. */
static void
test_switch_shows_selected (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("switch.db", 600, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  RowProbe probe = { table, tree, -1 };
  guint picked = 0;

  /* the deepest members last: two of them, far apart */
  for (guint i = dl_tree_get_n_nodes (tree); i-- > 0 && picked < 2;)
    {
      if (dl_tree_get_node (tree, i)->level < 4 || (probe.index >= 0 && (gint64) i > probe.index - 50))
        continue;
      probe.index = i;
      picked++;
      /* as a click on the member's box does */
      dl_tree_canvas_select (canvas, i, TRUE);
      {
        RowProbe selected = { .canvas = canvas, .index = i };

        g_assert_true (wait_for (selected_is, &selected));
      }
      /* T, as a person switches */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.toggle-table", NULL));
      g_assert_true (dl_downline_view_is_table (view));
      g_assert_true (wait_for (selected_row_on_screen, &probe));
      g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, i);
      /* their sponsor's row is open */
      g_assert_false (dl_downline_table_is_flat (table));

      /* the rows scrolled to the top, then back to the tree and here
       * again: the member is shown again */
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view (table))), 0);
      g_assert_true (wait_for (first_row_on_top, &probe));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.toggle-table", NULL));
      g_assert_false (dl_downline_view_is_table (view));
      g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_mapped, canvas));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.toggle-table", NULL));
      g_assert_true (wait_for (selected_row_on_screen, &probe));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.toggle-table", NULL));
      g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_mapped, canvas));
    }
  g_assert_cmpuint (picked, ==, 2);

  close_view (window, store);
}

/* A locale that groups thousands ("en_US.UTF-8"), made with localedef
 * into dir when the system has none; FALSE when it cannot be had. */
static gboolean
use_grouping_locale (const char *dir)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *out = g_build_filename (dir, "en_US.UTF-8", NULL);
  const char *argv[] = { NULL, "-i", "en_US", "-f", "UTF-8", out, NULL };
  int status = -1;

  if (setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL)
    return TRUE;
  if (localedef == NULL)
    return FALSE;
  argv[0] = localedef;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  g_setenv ("LOCPATH", dir, TRUE);
  return setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL;
}

/* The cell label of column in the row of the member named name on
 * screen: the cell under the column's header (a column shown late has
 * its cells last among a row's children). */
static GtkLabel *
cell_label_of (DlDownlineTable  *table,
               const char       *name,
               DlDownlineColumn  column)
{
  g_autoptr(GPtrArray) rows = rows_on_screen (table);
  GtkWidget *view = GTK_WIDGET (column_view (table));
  const char *title = gtk_column_view_column_get_title (dl_downline_table_get_column (table, column));
  GtkWidget *header = find_named (view, "GtkColumnViewTitle", title);
  graphene_rect_t at;

  g_assert_nonnull (header);
  if (header == NULL || !gtk_widget_compute_bounds (header, view, &at))
    return NULL;
  for (guint k = 0; k < rows->len; k++)
    {
      GtkWidget *row = g_ptr_array_index (rows, k);
      g_autofree char *shown = row_name (row);

      if (g_strcmp0 (shown, name) != 0)
        continue;
      for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
        {
          graphene_rect_t bounds;

          if (gtk_widget_compute_bounds (cell, view, &bounds) && fabsf (bounds.origin.x - at.origin.x) < 1)
            return GTK_LABEL (dl_test_find_descendant (cell, GTK_TYPE_LABEL));
        }
    }
  return NULL;
}

typedef struct
{
  DlDownlineTable  *table;
  const char       *name;
  DlDownlineColumn  column;
  const char       *text;     /* NULL for any */
} CellLabelProbe;

/* The cell of probe->column in the row of probe->name is on screen,
 * reading probe->text. */
static gboolean
cell_label_reads (gpointer data)
{
  CellLabelProbe *probe = data;
  GtkLabel *label = cell_label_of (probe->table, probe->name, probe->column);

  return label != NULL && (probe->text == NULL || g_strcmp0 (gtk_label_get_text (label), probe->text) == 0);
}

/* The place in the list of the rows on screen (rows): the first whose
 * names match in a run; GTK_INVALID_LIST_POSITION when none. */
static guint
place_of_rows (DlDownlineTable *table,
               DlTree          *tree,
               GPtrArray       *rows)
{
  GListModel *model = dl_downline_table_get_rows (table);
  guint first = GTK_INVALID_LIST_POSITION;

  /* the place of the top row: the first whose name matches in a run */
  for (guint p = 0; p < g_list_model_get_n_items (model) && first == GTK_INVALID_LIST_POSITION; p++)
    {
      gboolean all = TRUE;

      for (guint k = 0; k < rows->len && all; k++)
        {
          g_autofree char *name = row_name (g_ptr_array_index (rows, k));
          gint64 at = dl_downline_table_get_index_at (table, p + k);

          all = at >= 0 && g_strcmp0 (name, dl_tree_get_node (tree, at)->name) == 0;
        }
      if (all)
        first = p;
    }
  return first;
}

/* Every row on screen names the member the list has at its place. */
static gboolean
rows_say_model (gpointer data)
{
  RowProbe *probe = data;
  g_autoptr(GPtrArray) rows = rows_on_screen (probe->table);

  return rows->len > 0 && place_of_rows (probe->table, probe->tree, rows) != GTK_INVALID_LIST_POSITION;
}

static void
assert_rows_say_model (DlDownlineTable *table,
                       DlTree          *tree)
{
  g_autoptr(GPtrArray) rows = rows_on_screen (table);

  g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (place_of_rows (table, tree, rows), !=, GTK_INVALID_LIST_POSITION);
}

/* Marks the row widgets on screen, once they say the list; returns
 * how many. */
static guint
mark_rows (DlDownlineTable *table,
           DlTree          *tree)
{
  RowProbe probe = { table, tree, -1 };
  g_autoptr(GPtrArray) rows = NULL;

  g_assert_true (wait_for (rows_say_model, &probe));
  rows = rows_on_screen (table);

  for (guint k = 0; k < rows->len; k++)
    g_object_set_data (g_ptr_array_index (rows, k), "marked", GINT_TO_POINTER (TRUE));
  return rows->len;
}

/* How many of the row widgets on screen were marked. */
static guint
count_marked_rows (DlDownlineTable *table)
{
  g_autoptr(GPtrArray) rows = rows_on_screen (table);
  guint n = 0;

  for (guint k = 0; k < rows->len; k++)
    n += g_object_get_data (g_ptr_array_index (rows, k), "marked") != NULL;
  return n;
}

/* A contact logged keeps the table as it is: the same row widgets,
 * opened and scrolled as they were, saying the new last contact; a list
 * ranked by last contact ranks again in place.  A header click does not
 * make the rows again either (it took 0.2 s for any size). */
static void
test_contact_keeps_rows (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("contact-rows.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 deep = -1;
  RowProbe probe = { table, tree, -1 };
  FactsProbe facts = { canvas, NULL };
  g_autofree char *today = dl_day_format_short (dl_day_today ());
  g_autoptr(GError) error = NULL;
  g_autoptr(DlInteraction) call = NULL;
  g_autoptr(DlInteraction) other = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GtkLabel *cell;
  guint marked;
  gint64 last = -1;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is needed to click a header with the real pointer");
      close_view (window, store);
      return;
    }
  for (guint i = dl_tree_get_n_nodes (tree); i-- > 0 && deep < 0;)
    if (dl_tree_get_node (tree, i)->level >= 3 && dl_tree_get_node (tree, i)->last_contact != dl_day_today ())
      deep = i;
  g_assert_cmpint (deep, >=, 0);
  dl_tree_canvas_select (canvas, deep, FALSE);
  dl_downline_view_show_table (view, TRUE);
  probe.index = deep;
  g_assert_true (wait_for (selected_row_on_screen, &probe));
  marked = mark_rows (table, tree);
  g_assert_cmpuint (marked, >, 3);

  /* the tree's rows: the same widgets, the sponsors still open */
  facts.facts = dl_tree_canvas_get_facts (canvas);
  call = dl_store_add_interaction (store, dl_tree_get_node (tree, deep)->person_id, DL_CONTACT_CALL,
                                   NULL, "Asked how the first order went", &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (facts_replaced, &facts));
  {
    CellLabelProbe called = { table, dl_tree_get_node (tree, deep)->name, DL_DOWNLINE_COLUMN_LAST_CONTACT, today };

    g_assert_true (wait_for (cell_label_reads, &called));
  }
  g_assert_true (dl_tree_canvas_get_tree (canvas) == tree);
  g_assert_false (dl_downline_table_is_flat (table));
  g_assert_true (selected_row_on_screen (&probe));
  g_assert_cmpuint (count_marked_rows (table), ==, marked);
  cell = cell_label_of (table, dl_tree_get_node (tree, deep)->name, DL_DOWNLINE_COLUMN_LAST_CONTACT);
  g_assert_nonnull (cell);
  g_assert_cmpstr (gtk_label_get_text (cell), ==, today);

  /* ranked: a header click again keeps the row widgets */
  g_assert_true (pointer_click (header_button (table, "PV")));
  g_assert_true (wait_for (is_flat, table));
  g_assert_true (wait_for (first_row_on_top, &probe));
  marked = mark_rows (table, tree);
  g_assert_true (pointer_click (header_button (table, "PV")));
  {
    RankProbe down = { table, tree, GTK_SORT_DESCENDING };

    g_assert_true (wait_for (ranked_by_pv, &down));
  }
  assert_ranked_by_pv (table, tree, GTK_SORT_DESCENDING);
  g_assert_true (wait_for (first_row_on_top, &probe));
  g_assert_cmpuint (count_marked_rows (table), ==, marked);
  assert_rows_say_model (table, tree);

  /* most recent contact first (the header is off to the right, under the
   * details): a contact with someone at the bottom brings them to the
   * top, in the same rows */
  dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_LAST_CONTACT, GTK_SORT_DESCENDING);
  g_assert_true (wait_for (first_row_on_top, &probe));
  last = dl_downline_table_get_index_at (table, g_list_model_get_n_items (dl_downline_table_get_rows (table)) - 1);
  g_assert_cmpint (last, >=, 0);
  g_assert_cmpint (dl_tree_get_node (tree, last)->last_contact, !=, dl_day_today ());
  facts.facts = dl_tree_canvas_get_facts (canvas);
  other = dl_store_add_interaction (store, dl_tree_get_node (tree, last)->person_id, DL_CONTACT_CALL,
                                    NULL, "Welcomed them", &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (facts_replaced, &facts));
  {
    RowProbe ranked = { table, tree, -1 };

    g_assert_true (wait_for (rows_say_model, &ranked));
    g_assert_true (wait_for (first_row_on_top, &probe));
  }
  g_assert_true (dl_downline_table_is_flat (table));
  for (guint p = 1; p < g_list_model_get_n_items (dl_downline_table_get_rows (table)); p++)
    {
      DlDay a = dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p - 1))->last_contact;
      DlDay b = dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p))->last_contact;

      if (a != DL_DAY_NONE && b != DL_DAY_NONE)
        g_assert_cmpint (a, >=, b);
    }
  g_assert_cmpuint (count_marked_rows (table), ==, marked);
  assert_rows_say_model (table, tree);
  g_assert_cmpint (dl_tree_get_node (tree, last)->last_contact, ==, dl_day_today ());
  /* among the first: only today's contacts (the first one's too) before them */
  for (guint p = 0; dl_downline_table_get_index_at (table, p) != last; p++)
    g_assert_cmpint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p))->last_contact, ==,
                     dl_day_today ());
  g_assert_true (first_row_on_top (&probe));

  close_view (window, store);
}

/* The table's rows hold the member at index of the tree it was given
 * last. */
static gboolean
rows_hold (gpointer data)
{
  RowProbe *probe = data;
  GListModel *rows = dl_downline_table_get_rows (probe->table);

  if (dl_tree_canvas_get_tree (probe->canvas) != probe->tree)
    return FALSE;
  for (guint p = 0; p < g_list_model_get_n_items (rows); p++)
    if (dl_downline_table_get_index_at (probe->table, p) == probe->index)
      return TRUE;
  return FALSE;
}

static gboolean
tree_replaced (gpointer data)
{
  RowProbe *probe = data;

  return dl_tree_canvas_get_tree (probe->canvas) != probe->tree;
}

/* A member added with the Table shown (the tree read again): the rows
 * stay as they were, opened where the person opened them, the same
 * widgets saying the new tree, and the newcomer shows under their
 * sponsor.  Made again, every sponsor but the user closed and every row
 * widget was built again. */
static void
test_edit_keeps_rows (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("edit-rows.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  g_autoptr(DlPerson) person = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;
  RowProbe probe = { table, tree, -1, canvas };
  gint64 deep = -1, deep_id, added;
  guint marked;

  for (guint i = dl_tree_get_n_nodes (tree); i-- > 0 && deep < 0;)
    if (dl_tree_get_node (tree, i)->level >= 3)
      deep = i;
  g_assert_cmpint (deep, >=, 0);
  deep_id = dl_tree_get_node (tree, deep)->person_id;
  dl_tree_canvas_select (canvas, deep, FALSE);
  dl_downline_view_show_table (view, TRUE);
  probe.index = deep;
  g_assert_true (wait_for (selected_row_on_screen, &probe));
  marked = mark_rows (table, tree);
  g_assert_cmpuint (marked, >, 3);

  /* a new recruit of the selected member's sponsor, who is open */
  dl_person_set_first_name (person, "Zelda");
  dl_person_set_last_name (person, "Newcomer");
  member = dl_store_add_member (store, person, dl_tree_get_node (tree, dl_tree_get_node (tree, deep)->parent)->person_id,
                                NULL, DL_DAY_NONE, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (tree_replaced, &probe));
  tree = dl_tree_canvas_get_tree (canvas);
  added = dl_tree_find (tree, dl_member_get_id (member));
  g_assert_cmpint (added, >=, 0);
  {
    RowProbe newcomer = { table, tree, added, canvas };
    RowProbe said = { table, tree, -1, canvas };

    g_assert_true (wait_for (rows_hold, &newcomer));
    g_assert_true (wait_for (rows_say_model, &said));
  }
  assert_rows_say_model (table, tree);
  /* at most the newcomer's row and the one it pushed aside are new */
  g_assert_cmpuint (count_marked_rows (table), >=, marked - 2);
  g_assert_cmpint (dl_downline_table_get_selected (table), ==, dl_tree_find (tree, deep_id));

  /* ranked by PV, a flat list: the same places, the same selection */
  dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_PV, GTK_SORT_DESCENDING);
  g_assert_true (wait_for (is_flat, table));
  marked = mark_rows (table, tree);
  probe.tree = tree;
  g_clear_object (&member);
  g_clear_object (&person);
  person = dl_person_new ();
  dl_person_set_first_name (person, "Yusuf");
  dl_person_set_last_name (person, "Recruit");
  member = dl_store_add_member (store, person, deep_id, NULL, DL_DAY_NONE, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (tree_replaced, &probe));
  tree = dl_tree_canvas_get_tree (canvas);
  {
    RowProbe said = { table, tree, -1, canvas };

    g_assert_true (wait_for (rows_say_model, &said));
  }
  g_assert_true (dl_downline_table_is_flat (table));
  g_assert_cmpuint (count_marked_rows (table), >=, marked - 2);
  g_assert_cmpint (dl_downline_table_get_selected (table), ==, dl_tree_find (tree, deep_id));

  close_view (window, store);
}

static void
count_items_changed_cb (guint *count)
{
  (*count)++;
}

/* Listed by a rank that the edit takes away (its one member promoted):
 * the table lists everyone again, the tree's rows, with the same person
 * selected.  Kept in place, it once took the list for flat after the
 * rank was gone, and crashed. */
static void
test_edit_drops_rank_filter (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("rank-gone.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  RowProbe probe = { table, tree, -1, canvas };
  g_autoptr(DlMember) draft = NULL;
  g_autoptr(GError) error = NULL;
  GtkDropDown *dropdown;
  GListModel *items;
  guint16 rank = 0;
  guint counts[DL_TREE_MAX_RANKS] = { 0, }, item = GTK_INVALID_LIST_POSITION;
  gint64 only = -1, only_id;
  const char *rank_name;
  guint items_changed = 0;

  /* a rank held by one member */
  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    counts[dl_tree_get_node (tree, i)->rank]++;
  for (guint r = 1; r < dl_tree_get_n_ranks (tree) && rank == 0; r++)
    if (counts[r] == 1)
      rank = r;
  if (rank == 0)
    {
      /* none in this sample: make one */
      g_autoptr(DlMember) one = dl_store_get_member (store, dl_tree_get_node (tree, 5)->person_id);

      dl_member_set_rank (one, "Crown Ambassador");
      g_assert_true (dl_store_update_member (store, one, &error));
      g_assert_no_error (error);
      g_assert_true (wait_for (tree_replaced, &probe));
      tree = probe.tree = dl_tree_canvas_get_tree (canvas);
      for (guint r = 1; r < dl_tree_get_n_ranks (tree); r++)
        if (g_str_equal (dl_tree_get_rank_name (tree, r), "Crown Ambassador"))
          rank = r;
    }
  g_assert_cmpuint (rank, >, 0);
  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && only < 0; i++)
    if (dl_tree_get_node (tree, i)->rank == rank && dl_tree_get_root (tree) != (gint64) i)
      only = i;
  g_assert_cmpint (only, >=, 0);
  only_id = dl_tree_get_node (tree, only)->person_id;
  rank_name = dl_tree_get_rank_name (tree, rank);

  dl_downline_view_show_table (view, TRUE);
  g_assert_true (wait_for (downline_table_shown, view));
  dropdown = GTK_DROP_DOWN (dl_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  items = gtk_drop_down_get_model (dropdown);
  for (guint k = 0; k < g_list_model_get_n_items (items); k++)
    {
      g_autofree char *want = g_strdup_printf ("Rank: %s", rank_name);

      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (items), k), want))
        item = k;
    }
  g_assert_cmpuint (item, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (dropdown, item);
  g_assert_true (wait_for (is_flat, table));
  /* selected as a click on the drawing or the row selects */
  dl_tree_canvas_select (canvas, only, FALSE);
  probe.index = only;
  g_assert_true (wait_for (table_selected, &probe));

  /* renamed: the tree is read again with the same ranks, and the
   * filter's items stay as they are, the rank still chosen */
  g_signal_connect_swapped (items, "items-changed", G_CALLBACK (count_items_changed_cb), &items_changed);
  {
    g_autoptr(DlPerson) person = dl_store_get_person (store, only_id);

    probe.tree = dl_tree_canvas_get_tree (canvas);
    dl_person_set_first_name (person, "Renamed");
    g_assert_true (dl_store_update_person (store, person, &error));
    g_assert_no_error (error);
    g_assert_true (wait_for (tree_replaced, &probe));
    probe.tree = tree = dl_tree_canvas_get_tree (canvas);
  }
  g_assert_cmpuint (items_changed, ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, item);
  g_assert_cmpint (dl_downline_table_get_filter (table, NULL), ==, DL_DOWNLINE_FILTER_RANK);

  /* promoted out of the rank: nobody holds it any more */
  draft = dl_store_get_member (store, only_id);
  dl_member_set_rank (draft, "Blue Diamond Promoted");
  g_assert_true (dl_store_update_member (store, draft, &error));
  g_assert_no_error (error);
  g_assert_true (wait_for (tree_replaced, &probe));
  tree = dl_tree_canvas_get_tree (canvas);
  g_assert_true (wait_for (is_tree, table));
  g_assert_cmpint (dl_downline_table_get_filter (table, NULL), ==, DL_DOWNLINE_FILTER_NONE);
  g_assert_cmpint (dl_downline_table_get_selected (table), ==, dl_tree_find (tree, only_id));
  /* other ranks, other items */
  g_assert_cmpuint (items_changed, >, 0);
  g_signal_handlers_disconnect_by_func (items, count_items_changed_cb, &items_changed);

  close_view (window, store);
}

/* Counts and volumes as the locale writes them, right-aligned in
 * figures of one width. */
static void
test_numbers (void)
{
  g_autofree char *locales = g_build_filename (tmp_dir, "locale", NULL);
  g_autofree char *old = g_strdup (setlocale (LC_NUMERIC, NULL));
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view;
  DlDownlineTable *table;
  DlTree *tree;
  const DlTreeNode *root;
  GtkLabel *label;
  g_autofree char *team = NULL;
  gboolean grouping;

  g_mkdir_with_parents (locales, 0700);
  /* .ci/deps installs "locales", which localedef needs */
  grouping = use_grouping_locale (locales);
  g_assert_true (grouping);
  if (!grouping)
    return;
  view = open_view ("numbers.db", 1500, &window, &store);
  table = dl_downline_view_get_table (view);
  tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  root = dl_tree_get_node (tree, dl_tree_get_root (tree));
  dl_downline_view_show_table (view, TRUE);

  /* the user's team: 1,500 */
  team = g_strdup_printf ("%u,%03u", (root->subtree_size - 1) / 1000, (root->subtree_size - 1) % 1000);
  {
    CellLabelProbe cell = { table, root->name, DL_DOWNLINE_COLUMN_TEAM, team };

    g_assert_true (wait_for (cell_label_reads, &cell));
  }
  label = cell_label_of (table, root->name, DL_DOWNLINE_COLUMN_TEAM);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, team);
  g_assert_cmpfloat (gtk_label_get_xalign (label), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "numeric"));
  label = cell_label_of (table, root->name, DL_DOWNLINE_COLUMN_PV);
  g_assert_nonnull (label);
  g_assert_cmpfloat (gtk_label_get_xalign (label), ==, 1);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "numeric"));
  /* text stays on the left */
  label = cell_label_of (table, root->name, DL_DOWNLINE_COLUMN_STATUS);
  g_assert_nonnull (label);
  g_assert_cmpfloat (gtk_label_get_xalign (label), ==, 0);
  /* a volume as the details write it too */
  {
    g_autofree char *volume = dl_volume_to_string (12480);

    g_assert_cmpstr (volume, ==, "12,480");
  }
  /* the members counted above a flat list */
  dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_PV, GTK_SORT_DESCENDING);
  {
    g_autoptr(GString) labels = g_string_new (NULL);
    g_autofree char *count = g_strdup_printf ("|%s members|", team);

    dl_test_collect_labels (GTK_WIDGET (table), labels);
    g_assert_nonnull (strstr (labels->str, count));
  }

  close_view (window, store);
  setlocale (LC_NUMERIC, old);
}

/* The Show menu lists the ranks up the ladder, not by the alphabet. */
static void
test_rank_filter_order (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("ranks.db", 600, &window, &store);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  GtkDropDown *dropdown;
  GtkWidget *popover;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_auto(GStrv) items = NULL;
  int previous = G_MININT;
  guint ranks = 0;

  dl_downline_view_show_table (view, TRUE);
  g_assert_true (wait_for (downline_table_shown, view));
  dropdown = GTK_DROP_DOWN (dl_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_DROP_DOWN));
  g_assert_nonnull (dropdown);
  /* open it as a click does, and read what it offers */
  g_assert_true (gtk_widget_activate (GTK_WIDGET (dropdown)));
  popover = dl_test_find_descendant (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  {
    DlTestLabelsProbe offered = { popover, "|Rank: " };

    g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_mapped, popover));
    g_assert_true (wait_for (dl_test_labels_contain, &offered));
  }
  g_assert_true (gtk_widget_get_visible (popover));
  dl_test_collect_labels (popover, labels);
  items = g_strsplit (labels->str, "|", -1);
  for (guint k = 0; items[k] != NULL; k++)
    {
      int level;

      if (!g_str_has_prefix (items[k], "Rank: "))
        continue;
      level = dl_rank_level (items[k] + strlen ("Rank: "));
      g_assert_cmpint (level, >=, 0);
      g_assert_cmpint (previous, <, level);
      previous = level;
      ranks++;
    }
  /* Member, Bronze, Silver, Gold, Platinum, Diamond */
  g_assert_cmpuint (ranks, >=, 4);
  gtk_popover_popdown (GTK_POPOVER (popover));

  close_view (window, store);
}

/* Columns: a popover of check buttons that stays open while the member
 * number, the next autoship and the join day are turned on; their
 * cells say what the member has. */
static void
test_columns_popover (void)
{
  static const struct
  {
    const char       *title;
    DlDownlineColumn  column;
  } added[] = {
    { "Member Number", DL_DOWNLINE_COLUMN_MEMBER_NUMBER },
    { "Next Autoship", DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP },
    { "Joined", DL_DOWNLINE_COLUMN_JOINED },
  };
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("columns.db", 200, &window, &store);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  gint64 member = dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child;
  GtkWidget *button, *popover;

  dl_downline_view_show_table (view, TRUE);
  dl_downline_table_select (table, member);
  {
    RowProbe selected = { table, tree, member };

    g_assert_true (wait_for (selected_row_on_screen, &selected));
  }
  button = GTK_WIDGET (dl_test_find_descendant (GTK_WIDGET (table), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Columns");
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (popover);
  g_assert_true (wait_for (laid_out, popover));
  g_assert_true (gtk_widget_get_visible (popover));

  for (guint k = 0; k < G_N_ELEMENTS (added); k++)
    {
      GtkWidget *check = find_named (popover, "GtkCheckButton", added[k].title);
      GtkColumnViewColumn *col = dl_downline_table_get_column (table, added[k].column);

      g_assert_nonnull (check);
      if (check == NULL)
        continue;
      g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      g_assert_false (gtk_column_view_column_get_visible (col));
      /* a click, with the real pointer where there is one */
      if (!pointer_click (check))
        gtk_widget_activate (check);
      g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_check_button_get_active, check));
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      g_assert_true (gtk_column_view_column_get_visible (col));
      /* still open for the next one */
      g_assert_true (gtk_widget_get_visible (popover));
    }
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* the cells: the member's number, the day they joined */
  {
    const DlTreeNode *node = dl_tree_get_node (tree, member);
    g_autoptr(DlMember) stored = dl_store_get_member (store, node->person_id);
    g_autofree char *joined = dl_day_format_short (node->joined_on);
    CellLabelProbe number = { table, node->name, DL_DOWNLINE_COLUMN_MEMBER_NUMBER, NULL };
    CellLabelProbe day = { table, node->name, DL_DOWNLINE_COLUMN_JOINED, joined };
    GtkLabel *label;

    g_assert_nonnull (stored);
    g_assert_nonnull (dl_member_get_member_number (stored));
    number.text = dl_member_get_member_number (stored);
    g_assert_true (wait_for (cell_label_reads, &number));
    g_assert_true (wait_for (cell_label_reads, &day));
    label = cell_label_of (table, node->name, DL_DOWNLINE_COLUMN_MEMBER_NUMBER);
    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_label_get_text (label), ==, dl_member_get_member_number (stored));
    label = cell_label_of (table, node->name, DL_DOWNLINE_COLUMN_JOINED);
    g_assert_nonnull (label);
    g_assert_cmpstr (gtk_label_get_text (label), ==, joined);
    label = cell_label_of (table, node->name, DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP);
    g_assert_nonnull (label);
  }
  /* the joined day sorts: the earliest first */
  dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_JOINED, GTK_SORT_ASCENDING);
  for (guint p = 1; p < g_list_model_get_n_items (dl_downline_table_get_rows (table)); p++)
    g_assert_cmpint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p - 1))->joined_on, <=,
                     dl_tree_get_node (tree, dl_downline_table_get_index_at (table, p))->joined_on);

  close_view (window, store);
}

/* The name comes first and wide; phone and e-mail are shown whole. */
static void
test_column_widths (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("widths.db", 200, &window, &store);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  g_autoptr(GtkColumnViewColumn) first = NULL;
  guint checked = 0;

  dl_downline_view_show_table (view, TRUE);
  {
    gint64 sixth = dl_downline_table_get_index_at (table, 5);
    CellLabelProbe cell = { table, sixth >= 0 ? dl_tree_get_node (tree, sixth)->name : NULL,
                            DL_DOWNLINE_COLUMN_EMAIL, NULL };

    g_assert_cmpint (sixth, >=, 0);
    g_assert_true (wait_for (cell_label_reads, &cell));
  }
  first = g_list_model_get_item (gtk_column_view_get_columns (column_view (table)), 0);
  g_assert_true (first == dl_downline_table_get_column (table, DL_DOWNLINE_COLUMN_NAME));
  g_assert_cmpint (gtk_column_view_column_get_fixed_width (first), >=, 240);

  for (guint k = 0; k < 6; k++)
    {
      gint64 i = dl_downline_table_get_index_at (table, k);
      const DlTreeNode *node;
      DlDownlineColumn columns[] = { DL_DOWNLINE_COLUMN_NAME, DL_DOWNLINE_COLUMN_PHONE, DL_DOWNLINE_COLUMN_EMAIL };

      if (i < 0)
        break;
      node = dl_tree_get_node (tree, i);
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          GtkLabel *label = cell_label_of (table, node->name, columns[c]);

          g_assert_nonnull (label);
          if (label == NULL)
            continue;
          g_assert_cmpstr (gtk_label_get_text (label), !=, "");
          /* the whole text, no "…" */
          g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (label)));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 9);

  close_view (window, store);
}

/* A phone or a member number edited shows in the Table: what the cells
 * read of a person is kept only until the store says they changed. */
static void
test_contact_edited (void)
{
  GtkWidget *window = NULL;
  DlStore *store = NULL;
  DlDownlineView *view = open_view ("contact.db", 60, &window, &store);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  const DlTreeNode *root = dl_tree_get_node (tree, dl_tree_get_root (tree));
  g_autofree char *name = g_strdup (root->name);
  g_autoptr(DlPerson) person = dl_store_get_person (store, root->person_id);
  const char *phones[] = { "+1 555 0100", "+1 555 0199" };

  dl_downline_view_show_table (view, TRUE);
  g_assert_nonnull (person);
  for (guint k = 0; k < G_N_ELEMENTS (phones); k++)
    {
      g_autoptr(GError) error = NULL;
      CellLabelProbe cell = { table, name, DL_DOWNLINE_COLUMN_PHONE, phones[k] };

      dl_person_set_phone (person, phones[k]);
      g_assert_true (dl_store_update_person (store, person, &error));
      g_assert_no_error (error);
      g_assert_true (wait_for (cell_label_reads, &cell));
    }
  close_view (window, store);
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
  tmp_dir = g_dir_make_tmp ("downline-test-table-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/downline-table/header-click-ranks", test_header_click_ranks);
  g_test_add_func ("/downline-table/switch-shows-selected", test_switch_shows_selected);
  g_test_add_func ("/downline-table/contact-keeps-rows", test_contact_keeps_rows);
  g_test_add_func ("/downline-table/edit-keeps-rows", test_edit_keeps_rows);
  g_test_add_func ("/downline-table/edit-drops-rank-filter", test_edit_drops_rank_filter);
  g_test_add_func ("/downline-table/numbers", test_numbers);
  g_test_add_func ("/downline-table/rank-filter-order", test_rank_filter_order);
  g_test_add_func ("/downline-table/columns-popover", test_columns_popover);
  g_test_add_func ("/downline-table/column-widths", test_column_widths);
  g_test_add_func ("/downline-table/contact-edited", test_contact_edited);

  status = g_test_run ();
  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

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
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-member-edit-dialog.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "downline-resources.h"
#include "downline-view-fixture.h"
#include "dl-undo-toasts.h"
#include "dl-cadence-group.h"
#include "dl-settings.h"
#include "../dl-test-files.h"

#define NONE DL_TREE_NO_PARENT

static char *tmp_dir;


static gboolean
wait_for (gboolean (*cond) (gpointer),
          gpointer data)
{
  return dl_test_wait_for (cond, data);
}

/* Lets the main loop run for ms milliseconds (frames, flights, idle
 * handlers), never blocking past it. */
static void
spin (guint ms)
{
  dl_test_spin (ms);
}

/* The first widget of type under root (depth first) whose tooltip is
 * tooltip (any when NULL). */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *tooltip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type)
      && (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The actionable under root bound to action_name. */
static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action_name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_actionable (c, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The breadcrumb's row: the scrolled window around the "Everyone" button. */
static GtkWidget *
everyone_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), "Everyone") == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = everyone_button (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
breadcrumb_row (GtkWidget *view)
{
  GtkWidget *button = everyone_button (view);

  g_assert_nonnull (button);
  return gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
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

typedef struct
{
  DlDownlineView *view;
  gint64          person_id;
} PersonProbe;

/* The tree, loaded, has the person selected, and the details, open,
 * name them. */
static gboolean
details_shown (gpointer data)
{
  PersonProbe *probe = data;
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (probe->view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 sel = dl_tree_canvas_get_selected (canvas);
  GtkLabel *name = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (probe->view), DL_TYPE_DOWNLINE_VIEW,
                                                             "name_label"));

  AdwFlap *flap = ADW_FLAP (gtk_widget_get_template_child (GTK_WIDGET (probe->view), DL_TYPE_DOWNLINE_VIEW, "flap"));

  return !dl_downline_view_is_loading (probe->view) && tree != NULL && sel >= 0
         && dl_tree_get_node (tree, sel)->person_id == probe->person_id
         && g_strcmp0 (gtk_label_get_text (name), dl_tree_get_node (tree, sel)->name) == 0
         && adw_flap_get_reveal_flap (flap);
}

/* Shows the person's details as a click on them in a list does, and
 * waits until they are shown. */
static void
show_person (DlDownlineView *view,
             gint64          person_id)
{
  PersonProbe probe = { view, person_id };

  dl_downline_view_show_person (view, person_id);
  g_assert_true (wait_for (details_shown, &probe));
}

/* The member is drawn inside the canvas, where a click on them lands. */
static gboolean
member_in_view (gpointer data)
{
  RowProbe *probe = data;
  DlLayout *layout = dl_tree_canvas_get_layout (probe->canvas);
  DlRenderView rv;
  double sx, sy;

  if (!dl_layout_is_shown (layout, probe->index))
    return FALSE;
  dl_tree_canvas_get_view (probe->canvas, &rv);
  sx = (dl_layout_get_x (layout, probe->index) - rv.origin_x) * rv.zoom;
  sy = (dl_layout_get_y (layout, probe->index) + DL_LAYOUT_NODE_H / 2 - rv.origin_y) * rv.zoom;
  return sx >= 0 && sx <= gtk_widget_get_width (GTK_WIDGET (probe->canvas)) && sy >= 0
         && sy <= gtk_widget_get_height (GTK_WIDGET (probe->canvas))
         && dl_tree_canvas_hit_test (probe->canvas, sx, sy) == probe->index;
}

typedef struct
{
  GtkDropDown *dropdown;
  guint        position;
} ChoiceProbe;

static gboolean
dropdown_chose (gpointer data)
{
  ChoiceProbe *probe = data;

  return gtk_drop_down_get_selected (probe->dropdown) == probe->position;
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
  g_assert_true (wait_for (downline_view_loaded, view));

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
  {
    RowProbe selected = { .canvas = canvas, .index = c };

    g_assert_true (wait_for (selected_is, &selected));
  }
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

  /* The first view shows the user's people with their groups folded;
   * unfold the selected member's group, then fold it again. */
  g_assert_true (dl_layout_is_collapsed (layout, c));
  g_assert_false (dl_layout_is_shown (layout, grandchild));
  g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-collapsed", NULL));
  g_assert_false (dl_layout_is_collapsed (layout, c));
  g_assert_true (dl_layout_is_shown (layout, grandchild));
  g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-collapsed", NULL));
  g_assert_true (dl_layout_is_collapsed (layout, c));
  g_assert_false (dl_layout_is_shown (layout, grandchild));
  g_assert_true (dl_layout_is_shown (layout, c));
  g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-collapsed", NULL));
  g_assert_true (dl_layout_is_shown (layout, grandchild));

  /* Focus on them: only their group is laid out; then back up. */
  g_assert_true (gtk_widget_activate_action (widget, "downline.focus-selected", NULL));
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), ==, c);
  g_assert_cmpuint (dl_layout_get_begin (layout), ==, c);
  /* the path reads in names, on a row that only a focused group shows */
  {
    GtkWidget *row = breadcrumb_row (widget);
    g_autoptr(GString) labels = g_string_new (NULL);
    g_autofree char *expected = g_strdup_printf ("Everyone|›|%s|›|%s|",
                                                 dl_tree_get_node (tree, dl_tree_get_node (tree, c)->parent)->name,
                                                 dl_tree_get_node (tree, c)->name);
    DlTestLabelsProbe crumbs = { row, expected };

    g_assert_nonnull (row);
    g_assert_true (wait_for (dl_test_labels_contain, &crumbs));
    g_assert_true (gtk_widget_get_visible (row));
    dl_test_collect_labels (row, labels);
    g_assert_cmpstr (labels->str, ==, expected);
  }
  g_assert_false (dl_layout_is_shown (layout, root));
  g_assert_cmpuint (dl_layout_get_depth (layout, grandchild), ==, 1);
  g_assert_true (gtk_widget_activate_action (widget, "downline.focus-up", NULL));
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), ==, dl_tree_get_node (tree, c)->parent);
  g_assert_true (gtk_widget_activate_action (widget, "downline.focus-index", "x", (gint64) -1));
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), ==, -1);
  g_assert_true (dl_layout_is_shown (layout, root));
  g_assert_false (gtk_widget_get_visible (breadcrumb_row (widget)));

  /* T, for a screen reader: the table, with the same member selected,
   * and back */
  {
    gint64 selected = dl_tree_canvas_get_selected (canvas);

    g_assert_cmpint (selected, >=, 0);
    g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-table", NULL));
    g_assert_true (dl_downline_view_is_table (view));
    g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, selected);
    g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-table", NULL));
    g_assert_false (dl_downline_view_is_table (view));
    g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, selected);
  }

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
  {
    RowProbe row = { dl_downline_view_get_table (view), tree, grandchild };

    g_assert_true (wait_for (table_selected, &row));
  }
  g_assert_cmpint (dl_downline_table_get_selected (dl_downline_view_get_table (view)), ==, grandchild);
  dl_tree_canvas_select (canvas, c, FALSE);
  g_assert_cmpint (dl_downline_table_get_selected (dl_downline_view_get_table (view)), ==, c);
  dl_tree_canvas_select (canvas, -1, FALSE);
  g_assert_cmpint (dl_downline_table_get_selected (dl_downline_view_get_table (view)), ==, -1);
  dl_downline_view_show_table (view, FALSE);

  /* Colour and highlight switches redraw without complaint; the "Color
   * by" menu offers every colouring, in the order of DlColourBy. */
  for (guint k = 0; k < DL_COLOUR_BY_N; k++)
    {
      dl_tree_canvas_set_colour_by (canvas, k);
      g_assert_true (dl_test_wait_drawn (GTK_WIDGET (canvas)));
    }
  dl_tree_canvas_set_highlight (canvas, DL_HIGHLIGHT_OVERDUE);
  g_assert_true (dl_test_wait_drawn (GTK_WIDGET (canvas)));
  {
    GtkWidget *dropdown = find_widget (widget, GTK_TYPE_DROP_DOWN, "What the fill color of each member shows");
    GListModel *items;

    g_assert_nonnull (dropdown);
    items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, DL_COLOUR_BY_N);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (items), DL_COLOUR_BY_RANK), ==, "Rank");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DL_COLOUR_BY_RANK);
    dl_tree_canvas_get_view (canvas, &rv);
    g_assert_cmpint (rv.colour_by, ==, DL_COLOUR_BY_RANK);
  }

  close_view (window, g_steal_pointer (&store));
}

/* The legend is behind the toolbar's Legend button, never drawn over the
 * tree: the popover shows every line of the current colouring. */
static void
test_legend_button (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("legend.db", 120, &window, &store);
  GtkWidget *button = find_widget (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON, "What the colours and marks mean");
  GtkPopover *popover;
  GtkWidget *area;
  DlRenderView render;

  g_assert_nonnull (button);
  if (button == NULL)
    {
      close_view (window, store);
      return;
    }
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  /* it maps in its own frame: a loaded machine takes more than 200 ms */
  g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_visible, popover));
  area = find_widget (GTK_WIDGET (popover), GTK_TYPE_DRAWING_AREA, NULL);
  g_assert_nonnull (area);
  dl_tree_canvas_get_view (dl_downline_view_get_canvas (view), &render);
  if (area != NULL)
    g_assert_cmpint (gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (area)), ==,
                     (int) ceil (dl_tree_render_legend_height (&render)));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  close_view (window, store);
}

/* The targets of action in model, its sections and submenus included,
 * as bits. */
static guint
menu_targets (GMenuModel *model,
              const char *action)
{
  guint bits = 0;

  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                                          G_VARIANT_TYPE_UINT32);
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action) && target != NULL)
        bits |= 1u << g_variant_get_uint32 (target);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          bits |= menu_targets (link, action);
        }
    }
  return bits;
}

/* "Color by" Autoship and Volume, chosen as a person does: Autoship from
 * the toolbar's drop-down, its list popped up and the row activated;
 * Volume from a narrow window's menu.  The canvas then colours by the
 * back office's figures, and the legend names their classes. */
static void
test_colour_by_figures (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("colour-by.db", 150, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "What the fill color of each member shows");
  GtkWidget *menu = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW,
                                                               "tree_tools_menu"));
  GtkWidget *list;
  GListModel *items;
  DlRenderView rv;
  guint counts[6] = { 0, };
  guint row;
  double rank_height;

  g_assert_nonnull (dropdown);
  g_assert_nonnull (menu);
  if (dropdown == NULL || menu == NULL)
    {
      close_view (window, store);
      return;
    }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DL_COLOUR_BY_RANK);
  dl_tree_canvas_get_view (canvas, &rv);
  rank_height = dl_tree_render_legend_height (&rv);

  /* the drop-down's button opens its list */
  g_assert_true (gtk_widget_activate (find_widget (dropdown, GTK_TYPE_TOGGLE_BUTTON, NULL)));
  list = find_widget (dropdown, GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (list);
  /* a click on the row that reads "Autoship": it is selected, then
   * activated */
  items = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  for (row = 0; row < g_list_model_get_n_items (items); row++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (items), row), "Autoship"))
      break;
  g_assert_cmpuint (row, <, g_list_model_get_n_items (items));
  if (list != NULL)
    {
      g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_mapped, list));
      g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", row, FALSE, FALSE));
      g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", row));
    }
  {
    ChoiceProbe chosen = { GTK_DROP_DOWN (dropdown), DL_COLOUR_BY_AUTOSHIP };

    g_assert_true (wait_for (dropdown_chose, &chosen));
  }
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, DL_COLOUR_BY_AUTOSHIP);
  dl_tree_canvas_get_view (canvas, &rv);
  g_assert_cmpint (rv.colour_by, ==, DL_COLOUR_BY_AUTOSHIP);
  g_assert_nonnull (rv.facts);
  if (rv.facts == NULL)
    {
      close_view (window, store);
      return;
    }
  /* on, off, not known and dropped: not the rank legend's lines */
  g_assert_cmpstr (dl_tree_facts_class_name (rv.facts, rv.colour_by, DL_AUTOSHIP_CLASS_ON), ==, "On autoship");
  g_assert_cmpfloat (dl_tree_render_legend_height (&rv), ==, 12 + 20 * (4 + DL_RENDER_LEGEND_MARKS));
  g_assert_cmpfloat (dl_tree_render_legend_height (&rv), !=, rank_height);
  /* the sample's members: some on autoship, some who stopped */
  for (guint i = 0; i < dl_tree_get_n_nodes (rv.facts->tree); i++)
    counts[dl_tree_facts_class (rv.facts, rv.colour_by, i)]++;
  g_assert_cmpuint (counts[DL_AUTOSHIP_CLASS_ON], >, 0);
  g_assert_cmpuint (counts[DL_AUTOSHIP_CLASS_OFF], >, 0);

  /* the narrow menu offers every colouring, and picks Volume */
  g_assert_cmpuint (menu_targets (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu)), "look.colour-by"), ==,
                    (1u << DL_COLOUR_BY_N) - 1);
  g_assert_true (gtk_widget_activate_action (menu, "look.colour-by", "u", (guint) DL_COLOUR_BY_VOLUME));
  {
    ChoiceProbe chosen = { GTK_DROP_DOWN (dropdown), DL_COLOUR_BY_VOLUME };

    g_assert_true (wait_for (dropdown_chose, &chosen));
  }
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, DL_COLOUR_BY_VOLUME);
  dl_tree_canvas_get_view (canvas, &rv);
  g_assert_cmpint (rv.colour_by, ==, DL_COLOUR_BY_VOLUME);
  memset (counts, 0, sizeof counts);
  for (guint i = 0; i < dl_tree_get_n_nodes (rv.facts->tree); i++)
    counts[dl_tree_facts_class (rv.facts, rv.colour_by, i)]++;
  g_assert_cmpuint (counts[DL_VOLUME_CLASS_QUALIFIED], >, 0);
  g_assert_cmpuint (counts[DL_VOLUME_CLASS_MID], >, 0);
  g_assert_cmpstr (dl_tree_facts_class_name (rv.facts, rv.colour_by, DL_VOLUME_CLASS_QUALIFIED), ==,
                   "100 PV or more");
  g_assert_true (dl_test_wait_drawn (GTK_WIDGET (canvas)));
  dl_test_save_png (window, "downline-volume.png");

  close_view (window, store);
}

/* The details show what the back office said: the sample's last month's
 * paid rank, volume with its line of twelve months, and autoship, for a
 * member the exports name; nothing of it for the user, whom they do not. */
static void
test_details_back_office (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("back-office.db", 150, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 member = dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child;
  g_autoptr(GArray) months = dl_store_get_member_months_until (store, dl_tree_get_node (tree, member)->person_id,
                                                               DL_PERIOD_NONE, 12, NULL);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GString) root_labels = g_string_new (NULL);

  g_assert_nonnull (months);
  g_assert_cmpuint (months->len, >, 0);

  show_person (view, dl_tree_get_node (tree, member)->person_id);
  dl_test_collect_labels (GTK_WIDGET (view), labels);
  g_assert_nonnull (strstr (labels->str, "Paid rank ("));
  g_assert_nonnull (strstr (labels->str, "Volume ("));
  g_assert_nonnull (strstr (labels->str, "|Autoship|"));
  g_assert_nonnull (dl_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_DRAWING_AREA));

  show_person (view, dl_tree_get_node (tree, dl_tree_get_root (tree))->person_id);
  dl_test_collect_labels (GTK_WIDGET (view), root_labels);
  g_assert_null (strstr (root_labels->str, "Paid rank ("));

  close_view (window, store);
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
  close_view (window, g_steal_pointer (&store));
}

/* The key a column sorts by, worked out here from the tree and the
 * facts, not by the table. */
static gint64
sort_key (DlTree            *tree,
          const DlTreeFacts *facts,
          DlDownlineColumn   column,
          guint              i)
{
  const DlTreeNode *node = dl_tree_get_node (tree, i);
  DlDueItem due;

  switch (column)
    {
    case DL_DOWNLINE_COLUMN_LEVEL:
      return node->level;
    case DL_DOWNLINE_COLUMN_STATUS:
      return node->status;
    case DL_DOWNLINE_COLUMN_RISK:
      return facts->risk_band[i] == DL_RISK_DROPPED ? -1 : facts->risk_score[i];
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      return node->last_contact;
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      return dl_rules_member_due (tree, i, NULL, facts->today, &due) ? due.due_on : DL_DAY_NONE;
    case DL_DOWNLINE_COLUMN_RECRUITS:
      return node->n_children;
    case DL_DOWNLINE_COLUMN_TEAM:
      return node->subtree_size;
    case DL_DOWNLINE_COLUMN_JOINED:
      return node->joined_on;
    case DL_DOWNLINE_COLUMN_PV:
      return node->has_pv ? node->pv : -1;
    case DL_DOWNLINE_COLUMN_NAME:
    case DL_DOWNLINE_N_COLUMNS:
    default:
      return 0;
    }
}

typedef struct
{
  DlDownlineTable *table;
  DlTree          *tree;
} NameRankProbe;

/* The table lists its rows by name (the names' order is worked out in
 * a thread). */
static gboolean
ranked_by_name (gpointer data)
{
  NameRankProbe *probe = data;
  GListModel *rows = dl_downline_table_get_rows (probe->table);
  guint n = g_list_model_get_n_items (rows);

  for (guint p = 1; p < n; p++)
    if (g_utf8_collate (dl_tree_get_node (probe->tree, dl_downline_table_get_index_at (probe->table, p - 1))->name,
                        dl_tree_get_node (probe->tree, dl_downline_table_get_index_at (probe->table, p))->name) > 0)
      return FALSE;
  return n > 0;
}

/* Sorting by a column ranks the whole downline (everyone but the user)
 * as one flat list, each way; no sort is the tree again. */
static void
test_table_sort (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("sort.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  const DlTreeFacts *facts = dl_tree_canvas_get_facts (canvas);
  gint64 root = dl_tree_get_root (tree);
  guint n_nodes = dl_tree_get_n_nodes (tree);

  dl_downline_view_show_table (view, TRUE);
  g_assert_true (wait_for (downline_table_shown, view));
  g_assert_false (dl_downline_table_is_flat (table));

  /* every sortable column up; down too for a name (its order comes
   * from a thread) and a number.  A sort lists the rows again (about
   * 0.2 s here, ten times that under the sanitizers), so not every
   * column both ways. */
  for (guint column = 0; column < DL_DOWNLINE_N_COLUMNS; column++)
    for (int order = 0; order < 2; order++)
      {
        if (order == 1 && column != DL_DOWNLINE_COLUMN_NAME && column != DL_DOWNLINE_COLUMN_PV)
          continue;
        {
        g_autofree gboolean *seen = g_new0 (gboolean, n_nodes);
        GListModel *rows;
        guint n;

        /* phone, e-mail and member number are not sortable */
        if (gtk_column_view_column_get_sorter (dl_downline_table_get_column (table, column)) == NULL)
          continue;
        dl_downline_table_sort_by (table, column, order == 0 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
        if (column == DL_DOWNLINE_COLUMN_NAME && order == 0)
          {
            NameRankProbe probe = { table, tree };

            g_assert_true (wait_for (ranked_by_name, &probe));
          }
        g_assert_true (dl_downline_table_is_flat (table));
        rows = dl_downline_table_get_rows (table);
        n = g_list_model_get_n_items (rows);
        /* everyone once, at every level, the user not */
        g_assert_cmpuint (n, ==, n_nodes - 1);
        for (guint p = 0; p < n; p++)
          {
            gint64 i = dl_downline_table_get_index_at (table, p);

            g_assert_cmpint (i, !=, root);
            g_assert_false (seen[i]);
            seen[i] = TRUE;
            if (p > 0)
              {
                gint64 previous = dl_downline_table_get_index_at (table, p - 1);
                int c;

                if (column == DL_DOWNLINE_COLUMN_NAME)
                  c = g_utf8_collate (dl_tree_get_node (tree, previous)->name, dl_tree_get_node (tree, i)->name);
                else
                  {
                    gint64 a = sort_key (tree, facts, column, previous), b = sort_key (tree, facts, column, i);

                    c = a < b ? -1 : a > b;
                  }
                if (order == 1)
                  c = -c;
                g_assert_cmpint (c, <=, 0);
              }
          }
        }
      }

  /* no sort: the tree, the user on top */
  dl_downline_table_sort_by (table, DL_DOWNLINE_N_COLUMNS, GTK_SORT_ASCENDING);
  g_assert_false (dl_downline_table_is_flat (table));
  g_assert_cmpint (dl_downline_table_get_index_at (table, 0), ==, root);

  dl_downline_view_show_table (view, FALSE);
  close_view (window, store);
}

/* A click on a row selects that member in the tree and flies to them. */
static void
test_table_selects_tree (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("table-select.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  DlLayout *layout = dl_tree_canvas_get_layout (canvas);
  gint64 deep = -1;
  guint position = G_MAXUINT;
  GListModel *rows;

  dl_downline_view_show_table (view, TRUE);
  g_assert_true (wait_for (downline_table_shown, view));

  /* A member at level 3 or more, not on screen at first. */
  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && deep < 0; i++)
    if (dl_tree_get_node (tree, i)->level >= 3)
      deep = i;
  g_assert_cmpint (deep, >=, 0);

  /* Open the rows down to them as a person would, by the expanders. */
  rows = dl_downline_table_get_rows (table);
  for (guint a = dl_tree_get_node (tree, deep)->parent, step = 0; step < 64; step++)
    {
      guint n = g_list_model_get_n_items (rows);
      gboolean opened = FALSE;

      for (guint p = 0; p < n; p++)
        {
          gint64 i = dl_downline_table_get_index_at (table, p);

          if (i == deep)
            position = p;
          else if (i >= 0 && dl_tree_is_ancestor (tree, i, a))
            {
              g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, p);

              if (!gtk_tree_list_row_get_expanded (row))
                {
                  gtk_tree_list_row_set_expanded (row, TRUE);
                  opened = TRUE;
                  break;
                }
            }
        }
      if (!opened)
        break;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  g_assert_cmpint (dl_tree_canvas_get_selected (canvas), !=, deep);

  dl_downline_table_select_position (table, position);
  g_assert_cmpint (dl_downline_table_get_selected (table), ==, deep);
  g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, deep);

  /* Back to the drawing: the member is in view once the flight lands. */
  dl_downline_view_show_table (view, FALSE);
  {
    RowProbe landed = { .canvas = canvas, .index = deep };

    g_assert_true (wait_for (member_in_view, &landed));
  }
  {
    DlRenderView rv;
    double sx, sy;

    dl_tree_canvas_get_view (canvas, &rv);
    g_assert_true (dl_layout_is_shown (layout, deep));
    sx = (dl_layout_get_x (layout, deep) - rv.origin_x) * rv.zoom;
    sy = (dl_layout_get_y (layout, deep) + DL_LAYOUT_NODE_H / 2 - rv.origin_y) * rv.zoom;
    g_assert_cmpfloat (sx, >=, 0);
    g_assert_cmpfloat (sx, <=, gtk_widget_get_width (GTK_WIDGET (canvas)));
    g_assert_cmpfloat (sy, >=, 0);
    g_assert_cmpfloat (sy, <=, gtk_widget_get_height (GTK_WIDGET (canvas)));
    g_assert_cmpint (dl_tree_canvas_hit_test (canvas, sx, sy), ==, deep);
  }

  /* Unselecting the row unselects the member. */
  dl_downline_view_show_table (view, TRUE);
  dl_downline_table_select_position (table, GTK_INVALID_LIST_POSITION);
  g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, -1);

  close_view (window, store);
}

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
assert_pdf (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, 500);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  g_assert_true (bytes_contain (data + len - MIN (len, 32), MIN (len, 32), "%%EOF"));
  /* One page, with something drawn on it. */
  g_assert_true (bytes_contain (data, len, "/Type /Page"));
}

static void
test_print_to_pdf (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("print.db", 200, &window, &store);
  g_autofree char *pdf = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dl_downline_view_print (view, GTK_PRINT_OPERATION_ACTION_EXPORT, pdf, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf (pdf);
  close_view (window, store);
}

static void
test_export_file (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("export.db", 200, &window, &store);
  const char *names[] = { "view.png", "view.svg", "view.pdf", "whole.png", "whole.svg", "whole.pdf" };
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  g_autoptr(GError) error = NULL;
  int view_width = gtk_widget_get_width (GTK_WIDGET (canvas));
  int view_height = gtk_widget_get_height (GTK_WIDGET (canvas));

  /* A zoomed-in view, so that view and whole tree differ. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.zoom-in", NULL));

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[k], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      gboolean whole = g_str_has_prefix (names[k], "whole");
      g_autofree char *data = NULL;
      gsize len = 0;

      g_assert_true (dl_downline_view_export_to_file (view, whole, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      if (g_str_has_suffix (names[k], ".png"))
        {
          cairo_surface_t *png = cairo_image_surface_create_from_png (path);

          g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
          /* The current view: the canvas's size, and the legend's
           * column beside it (190 + 2 × 24), never over the tree. */
          if (!whole)
            {
              g_assert_cmpint (cairo_image_surface_get_width (png), ==, view_width + 238);
              g_assert_cmpint (cairo_image_surface_get_height (png), ==, view_height);
            }
          cairo_surface_destroy (png);
        }
      else if (g_str_has_suffix (names[k], ".svg"))
        {
          GMarkupParser parser = { 0, };
          g_autoptr(GMarkupParseContext) ctx = NULL;

          g_assert_nonnull (strstr (data, "<svg"));
          ctx = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, NULL, NULL);
          g_assert_true (g_markup_parse_context_parse (ctx, data, len, &error));
          g_assert_true (g_markup_parse_context_end_parse (ctx, &error));
          g_assert_no_error (error);
        }
      else
        assert_pdf (path);
    }

  /* A name without a known extension: refused, nothing written. */
  {
    g_autofree char *path = g_build_filename (tmp_dir, "view.txt", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (dl_downline_view_export_to_file (view, FALSE, file, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  close_view (window, store);
}

static void
on_fake_action_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GVariant **got = user_data;

  g_clear_pointer (got, g_variant_unref);
  *got = g_variant_ref (parameter);
}

static gboolean
edit_dialog_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels); k++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, k);

      if (DL_IS_MEMBER_EDIT_DIALOG (w))
        {
          *(gpointer *) data = w;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct
{
  DlTreeCanvas *canvas;
  gint64        person_id;
  const char   *rank;
} RankProbe;

static RankProbe rank_probe;

static gboolean
rank_reloaded (gpointer data)
{
  RankProbe *probe = data;
  DlTree *tree = dl_tree_canvas_get_tree (probe->canvas);
  gint64 i = tree != NULL ? dl_tree_find (tree, probe->person_id) : -1;

  return i >= 0 && g_strcmp0 (dl_tree_get_rank_name (tree, dl_tree_get_node (tree, i)->rank), probe->rank) == 0;
}

/* The Undo button of a toast on screen. */
static gboolean
find_undo (gpointer data)
{
  GtkWidget **found = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint k = 0; k < g_list_model_get_n_items (toplevels) && *found == NULL; k++)
    {
      g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, k);
      GtkWidget *stack[256];
      guint depth = 0;

      stack[depth++] = w;
      while (depth > 0 && *found == NULL)
        {
          GtkWidget *x = stack[--depth];

          if (GTK_IS_BUTTON (x) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (x)), "_Undo") == 0
              && gtk_widget_get_mapped (x))
            *found = x;
          for (GtkWidget *c = gtk_widget_get_first_child (x); c != NULL && depth < G_N_ELEMENTS (stack);
               c = gtk_widget_get_next_sibling (c))
            stack[depth++] = c;
        }
    }
  return *found != NULL;
}

/* Puts the view in a toast overlay with an undo stack, as in the
 * window, for the Undo toasts; returns the stack. */
static DlUndoStack *
with_undo_toasts (GtkWidget      *window,
                  DlDownlineView *view)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  DlUndoStack *undo_stack = dl_undo_stack_new ();

  dl_undo_toasts_attach (undo_stack, ADW_TOAST_OVERLAY (overlay));
  g_object_set (view, "undo-stack", undo_stack, NULL);
  g_object_ref (view);
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  g_object_unref (view);
  return undo_stack;
}

/* The details panel's buttons: a letter and a vCard for this member (the
 * window's and the transfer module's actions, stood in for here), and
 * the Edit dialog. */
static void
test_detail_actions (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("actions.db", 100, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GSimpleActionGroup) transfer = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) write = g_simple_action_new ("write-welcome", G_VARIANT_TYPE_INT64);
  g_autoptr(GSimpleAction) vcard = g_simple_action_new ("export-vcard", G_VARIANT_TYPE ("ax"));
  g_autoptr(GVariant) wrote = NULL;
  g_autoptr(GVariant) exported = NULL;
  gpointer dialog = NULL;
  GtkWidget *button;
  gint64 member = dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child;
  gint64 person_id = dl_tree_get_node (tree, member)->person_id;

  g_autofree char *old_rank = g_strdup (dl_tree_get_rank_name (tree, dl_tree_get_node (tree, member)->rank));
  g_autoptr(DlUndoStack) undo_stack = NULL;
  GtkWidget *undo = NULL;

  undo_stack = with_undo_toasts (window, view);

  g_signal_connect (write, "activate", G_CALLBACK (on_fake_action_cb), &wrote);
  g_signal_connect (vcard, "activate", G_CALLBACK (on_fake_action_cb), &exported);
  g_action_map_add_action (G_ACTION_MAP (win), G_ACTION (write));
  g_action_map_add_action (G_ACTION_MAP (transfer), G_ACTION (vcard));
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (win));
  gtk_widget_insert_action_group (window, "transfer", G_ACTION_GROUP (transfer));

  show_person (view, person_id);

  button = find_actionable (GTK_WIDGET (view), "win.write-welcome");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (wrote);
  g_assert_cmpint (g_variant_get_int64 (wrote), ==, person_id);

  button = find_actionable (GTK_WIDGET (view), "transfer.export-vcard");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (exported);
  {
    gsize n = 0;
    const gint64 *ids = g_variant_get_fixed_array (exported, &n, sizeof (gint64));

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (ids[0], ==, person_id);
  }

  /* Edit: the dialog opens on this member; saving a new rank reaches the
   * tree (the view reloads on the store's change). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.edit-selected", NULL));
  g_assert_true (wait_for (edit_dialog_shown, &dialog));
  gtk_editable_set_text (dl_member_edit_dialog_get_field (dialog, "rank"), "Emerald");
  g_assert_true (dl_member_edit_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* the toast held while the tree reloads (seconds under the sanitizers) */
  g_assert_true (wait_for (find_undo, &undo));
  dl_test_hold_toast (undo);
  rank_probe.canvas = canvas;
  rank_probe.person_id = person_id;
  rank_probe.rank = "Emerald";
  g_assert_true (wait_for (rank_reloaded, &rank_probe));

  /* The toast's Undo puts the old rank back. */
  dl_test_click_toast_button (undo);
  rank_probe.rank = old_rank;
  g_assert_true (wait_for (rank_reloaded, &rank_probe));

  close_view (window, store);
}

typedef struct
{
  DlDownlineView *view;
  gint64          person_id;
  guint           cadence;        /* the override the tree should show */
  DlDay           last_contact;   /* the last contact it should show */
} TreeProbe;

/* The person's member in the tree, once loaded; NULL when not there. */
static const DlTreeNode *
loaded_node (TreeProbe *probe)
{
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (probe->view));
  gint64 i = tree != NULL && !dl_downline_view_is_loading (probe->view) ? dl_tree_find (tree, probe->person_id) : -1;

  return i >= 0 ? dl_tree_get_node (tree, i) : NULL;
}

static gboolean
person_loaded (gpointer data)
{
  const DlTreeNode *node = loaded_node (data);

  return node != NULL && node->cadence_override == ((TreeProbe *) data)->cadence;
}

/* The tree, once loaded, has the person's last contact on probe's day. */
static gboolean
last_contact_shown (gpointer data)
{
  const DlTreeNode *node = loaded_node (data);

  return node != NULL && node->last_contact == ((TreeProbe *) data)->last_contact;
}

static guint
stored_cadence (DlStore *store,
                gint64   person_id)
{
  g_autoptr(DlMember) member = dl_store_get_member (store, person_id);

  return member != NULL ? dl_member_get_cadence_days (member) : G_MAXUINT;
}

static guint
n_contacts (DlStore *store,
            gint64   person_id)
{
  g_autoptr(GListModel) log = dl_store_get_interactions (store, person_id);

  return g_list_model_get_n_items (log);
}

/* The first shown button labelled label under root. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A member who joined yesterday and has heard nothing: the details say
 * so and offer "Mark as Welcomed", which logs a contact that the toast's
 * Undo takes back; their check-in rhythm is the default Today uses (7
 * days while new) until the switch and spin button give them their own,
 * written to the store as they change. */
static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

/* The details offer "Mark as Welcomed" (once the reload a change causes
 * has shown them again). */
static gboolean
welcome_offered (gpointer data)
{
  return find_button (GTK_WIDGET (data), "Mark as _Welcomed") != NULL;
}

typedef struct
{
  GtkSwitch     *use_default;
  GtkSpinButton *every;
  int            days;
} RhythmProbe;

/* The details show the member's own rhythm of probe->days. */
static gboolean
own_rhythm_shown (gpointer data)
{
  RhythmProbe *probe = data;

  return !gtk_switch_get_active (probe->use_default)
         && gtk_spin_button_get_value_as_int (probe->every) == probe->days;
}

static gboolean
welcome_withdrawn (gpointer data)
{
  return !welcome_offered (data);
}

static void
test_details_rhythm_welcome (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("rhythm.db", 40, &window, &store);
  g_autoptr(DlUndoStack) undo_stack = with_undo_toasts (window, view);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *group, *button, *undo = NULL;
  GtkSwitch *sw;
  GtkSpinButton *every;
  TreeProbe probe = { view, 0, 0 };
  AdwFlap *flap;
  gint64 person_id;

  /* the window's undo stack, shown as toasts: Mark as Welcomed pushes on it */
  g_assert_nonnull (undo_stack);

  dl_person_set_first_name (draft, "Nell");
  dl_person_set_last_name (draft, "Newcomer");
  member = dl_store_add_member (store, draft, dl_store_get_user_id (store), NULL, dl_day_today () - 1,
                                DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  person_id = dl_member_get_id (member);
  probe.person_id = person_id;
  g_assert_true (wait_for (person_loaded, &probe));
  dl_downline_view_show_person (view, person_id);
  /* the details open, as after a click on the member */
  flap = ADW_FLAP (dl_test_find_descendant (GTK_WIDGET (view), ADW_TYPE_FLAP));
  adw_flap_set_reveal_flap (flap, TRUE);

  group = dl_test_find_descendant (GTK_WIDGET (view), DL_TYPE_CADENCE_GROUP);
  g_assert_nonnull (group);
  g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_visible, group));
  g_assert_true (gtk_widget_get_visible (group));
  dl_test_collect_labels (group, labels);
  g_assert_nonnull (strstr (labels->str, "Use the default (7 days)"));
  sw = GTK_SWITCH (dl_test_find_descendant (group, GTK_TYPE_SWITCH));
  every = GTK_SPIN_BUTTON (dl_test_find_descendant (group, GTK_TYPE_SPIN_BUTTON));
  g_assert_true (gtk_switch_get_active (sw));

  /* their own rhythm: written as it is chosen, and read back after the
   * reload the write causes */
  gtk_switch_set_active (sw, FALSE);
  g_assert_cmpuint (stored_cadence (store, person_id), ==, 7);
  gtk_spin_button_set_value (every, 10);
  g_assert_cmpuint (stored_cadence (store, person_id), ==, 10);
  probe.cadence = 10;
  g_assert_true (wait_for (person_loaded, &probe));
  {
    RhythmProbe own = { sw, every, 10 };

    g_assert_true (wait_for (own_rhythm_shown, &own));
  }
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (every), ==, 10);
  /* the reload the change caused left the details open */
  g_assert_true (adw_flap_get_reveal_flap (flap));
  gtk_switch_set_active (sw, TRUE);
  g_assert_cmpuint (stored_cadence (store, person_id), ==, 0);
  probe.cadence = 0;
  g_assert_true (wait_for (person_loaded, &probe));

  /* welcomed by hand, and undone */
  g_assert_true (wait_for (welcome_offered, view));
  button = find_button (GTK_WIDGET (view), "Mark as _Welcomed");
  g_assert_nonnull (button);
  g_assert_cmpuint (n_contacts (store, person_id), ==, 0);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (n_contacts (store, person_id), ==, 1);
  {
    g_autoptr(GListModel) log = dl_store_get_interactions (store, person_id);
    g_autoptr(DlInteraction) logged = g_list_model_get_item (log, 0);

    g_assert_cmpstr (dl_interaction_get_summary (logged), ==, "Welcomed (marked by hand)");
    g_assert_cmpint (dl_interaction_get_kind (logged), !=, DL_CONTACT_NOTE);
  }
  g_assert_true (wait_for (find_undo, &undo));
  dl_test_hold_toast (undo);
  g_assert_true (wait_for (welcome_withdrawn, view));
  g_assert_null (find_button (GTK_WIDGET (view), "Mark as _Welcomed"));
  dl_test_click_toast_button (undo);
  g_assert_cmpuint (n_contacts (store, person_id), ==, 0);
  /* back once the details are read again (slow under the sanitizers) */
  g_assert_true (wait_for (welcome_offered, view));

  /* nothing of the kind for the user (once the details show them) */
  dl_downline_view_show_person (view, dl_store_get_user_id (store));
  g_assert_true (wait_for (widget_hidden, group));
  g_assert_false (gtk_widget_get_visible (group));
  g_assert_null (find_button (GTK_WIDGET (view), "Mark as _Welcomed"));

  close_view (window, store);
}

typedef struct
{
  DlDownlineView *view;
  gint64          person_id;
  gboolean        present;
} PresenceProbe;

/* The tree, once loaded, has the person (or has not). */
static gboolean
presence_shown (gpointer data)
{
  PresenceProbe *probe = data;
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (probe->view));

  if (tree == NULL || dl_downline_view_is_loading (probe->view))
    return FALSE;
  return (dl_tree_find (tree, probe->person_id) >= 0) == probe->present;
}

static gboolean
dialog_gone (gpointer data)
{
  gpointer dialog = NULL;

  return !edit_dialog_shown (&dialog);
}

static GtkWidget *
edit_dialog_child (gpointer    dialog,
                   const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), DL_TYPE_MEMBER_EDIT_DIALOG, name));
}

static gboolean
switch_on (gpointer data)
{
  return gtk_switch_get_active (GTK_SWITCH (data));
}

/* Opens the Edit dialog on person_id as the details' Edit button does. */
static gpointer
open_edit (DlDownlineView *view,
           gint64          person_id)
{
  gpointer dialog = NULL;

  show_person (view, person_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.edit-selected", NULL));
  g_assert_true (wait_for (edit_dialog_shown, &dialog));
  return dialog;
}

/* The page can scroll: its content is taller than the window. */
static gboolean
adjustment_scrolls (gpointer data)
{
  GtkAdjustment *v = data;

  return gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) > gtk_adjustment_get_lower (v) + 1;
}

/* The edit dialog's Welcomed switch and Delete Member, and their undo
 * through the toast's real Undo button: a member deleted comes back with
 * their contacts; a sponsor is not deleted, and the dialog says why. */
static void
test_edit_welcome_delete (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("delete.db", 60, &window, &store);
  g_autoptr(DlUndoStack) undo_stack = with_undo_toasts (window, view);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  DlTree *tree;
  PresenceProbe probe = { view, 0, TRUE };
  TreeProbe contact = { view, 0, 0, DL_DAY_NONE };
  GtkWidget *undo = NULL;
  GtkSwitch *welcomed;
  gpointer dialog;
  gint64 person_id, sponsor = 0;
  guint contacts;

  /* the window's undo stack, shown as toasts */
  g_assert_nonnull (undo_stack);
  dl_person_set_first_name (draft, "Wanda");
  dl_person_set_last_name (draft, "Welcome");
  member = dl_store_add_member (store, draft, dl_store_get_user_id (store), "W-100", dl_day_today () - 2,
                                DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  person_id = dl_member_get_id (member);
  probe.person_id = person_id;
  contact.person_id = person_id;
  g_assert_true (wait_for (presence_shown, &probe));

  /* not welcomed yet: the switch is off and can be turned on; saving
   * logs the welcome, and the toast's Undo takes it back */
  dialog = open_edit (view, person_id);
  g_assert_true (gtk_widget_get_visible (edit_dialog_child (dialog, "welcome_row")));
  welcomed = GTK_SWITCH (edit_dialog_child (dialog, "welcome_switch"));
  g_assert_false (gtk_switch_get_active (welcomed));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (welcomed)));
  gtk_widget_activate (GTK_WIDGET (welcomed));
  /* the switch slides over on the frame clock: on a loaded machine its
   * frames can take longer than any fixed wait */
  g_assert_true (wait_for (switch_on, welcomed));
  g_signal_emit_by_name (edit_dialog_child (dialog, "save_button"), "clicked");
  g_assert_true (wait_for (dialog_gone, NULL));
  g_assert_cmpuint (n_contacts (store, person_id), ==, 1);
  g_assert_true (wait_for (find_undo, &undo));
  dl_test_click_toast_button (undo);
  g_assert_cmpuint (n_contacts (store, person_id), ==, 0);
  contact.last_contact = DL_DAY_NONE;
  g_assert_true (wait_for (last_contact_shown, &contact));

  /* welcomed: the switch is on and stays on */
  {
    g_autoptr(DlTodayUndo) marked = dl_today_mark_welcomed (store, person_id, &error);
    g_autoptr(DlInteraction) call = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (marked);
    call = dl_store_add_interaction (store, person_id, DL_CONTACT_CALL, NULL, "Second call", &error);
    g_assert_no_error (error);
    g_assert_nonnull (call);
  }
  contacts = n_contacts (store, person_id);
  contact.last_contact = dl_day_today ();
  g_assert_true (wait_for (last_contact_shown, &contact));
  dialog = open_edit (view, person_id);
  welcomed = GTK_SWITCH (edit_dialog_child (dialog, "welcome_switch"));
  g_assert_true (gtk_switch_get_active (welcomed));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (welcomed)));

  /* Delete Member: gone from the file and the tree, no question asked */
  g_assert_true (gtk_widget_get_visible (edit_dialog_child (dialog, "delete_group")));
  undo = NULL;
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Delete Member"), "clicked");
  g_assert_true (wait_for (dialog_gone, NULL));
  g_assert_null (dl_store_get_person (store, person_id));
  g_assert_true (wait_for (find_undo, &undo));
  dl_test_hold_toast (undo);
  probe.present = FALSE;
  g_assert_true (wait_for (presence_shown, &probe));

  /* the toast's Undo: back, with their number and contacts */
  dl_test_click_toast_button (undo);
  {
    g_autoptr(DlMember) back = dl_store_get_member (store, person_id);

    g_assert_nonnull (back);
    g_assert_cmpstr (dl_member_get_member_number (back), ==, "W-100");
  }
  g_assert_cmpuint (n_contacts (store, person_id), ==, contacts);
  probe.present = TRUE;
  g_assert_true (wait_for (presence_shown, &probe));
  /* selected again, their details open though the deletion shut them */
  {
    PersonProbe back = { view, person_id };

    g_assert_true (wait_for (details_shown, &back));
  }

  /* a sponsor: refused, with the reason in the dialog, nothing deleted */
  tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && sponsor == 0; i++)
    if ((gint64) i != dl_tree_get_root (tree) && dl_tree_get_node (tree, i)->n_children > 0)
      sponsor = dl_tree_get_node (tree, i)->person_id;
  g_assert_cmpint (sponsor, !=, 0);
  dialog = open_edit (view, sponsor);
  {
    /* clicked at the bottom of the page, the reason is scrolled into sight */
    GtkWidget *delete = find_button (GTK_WIDGET (dialog), "_Delete Member");
    GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (delete, GTK_TYPE_SCROLLED_WINDOW)));

    g_assert_true (wait_for (adjustment_scrolls, v));
    gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
    g_assert_cmpfloat (gtk_adjustment_get_value (v), >, gtk_adjustment_get_lower (v));
    g_signal_emit_by_name (delete, "clicked");
    g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, gtk_adjustment_get_lower (v));
  }
  g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
  g_assert_nonnull (strstr (dl_member_edit_dialog_get_error (dialog), "Move them to another sponsor"));
  g_assert_nonnull (dl_store_get_person (store, sponsor));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* the user: no Delete, no Welcomed */
  dialog = open_edit (view, dl_store_get_user_id (store));
  g_assert_false (gtk_widget_get_visible (edit_dialog_child (dialog, "delete_group")));
  g_assert_false (gtk_widget_get_visible (edit_dialog_child (dialog, "welcome_row")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  close_view (window, store);
}

/* The table's filter drop-down, and the item whose label is label. */
static GtkDropDown *
filter_dropdown (DlDownlineView *view)
{
  GtkWidget *table = GTK_WIDGET (dl_downline_view_get_table (view));
  GtkWidget *dropdown = find_widget (table, GTK_TYPE_DROP_DOWN, NULL);

  g_assert_nonnull (dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static guint
item_labelled (GtkDropDown *dropdown,
               const char  *label)
{
  GListModel *items = gtk_drop_down_get_model (dropdown);

  for (guint k = 0; k < g_list_model_get_n_items (items); k++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (items), k), label) == 0)
      return k;
  g_assert_not_reached ();
  return GTK_INVALID_LIST_POSITION;
}

/* Chooses the item labelled label in the drop-down. */
static void
choose_item (GtkDropDown *dropdown,
             const char  *label)
{
  guint position = item_labelled (dropdown, label);

  gtk_drop_down_set_selected (dropdown, position);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, position);
}

/* The tree indices the table lists, in order; every row a flat one
 * (no expander, no depth) unless tree_ok. */
static GArray *
shown_rows (DlDownlineTable *table,
            gboolean         tree_ok)
{
  GListModel *rows = dl_downline_table_get_rows (table);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (tree_ok || dl_downline_table_is_flat (table));

  for (guint p = 0; p < g_list_model_get_n_items (rows); p++)
    {
      gint64 i = dl_downline_table_get_index_at (table, p);

      g_array_append_val (out, i);
    }
  return out;
}

typedef gboolean (*MemberTest) (DlTree *tree, const DlTreeFacts *facts, guint i, gpointer data);

/* The table lists exactly the members test picks, in the downline's
 * order, from every level of the tree. */
static void
assert_lists (DlDownlineTable   *table,
              DlTree            *tree,
              const DlTreeFacts *facts,
              MemberTest         test,
              gpointer           data,
              guint              min_deep)
{
  g_autoptr(GArray) shown = shown_rows (table, FALSE);
  guint k = 0, deep = 0;

  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    if (test (tree, facts, i, data))
      {
        g_assert_cmpuint (k, <, shown->len);
        g_assert_cmpint (g_array_index (shown, gint64, k), ==, i);
        deep += dl_tree_get_node (tree, i)->level >= 2;
        k++;
      }
  g_assert_cmpuint (k, ==, shown->len);
  g_assert_cmpuint (k, >, 0);
  /* flat: members under other members are listed too */
  g_assert_cmpuint (deep, >=, min_deep);
}

/* The rules themselves, not the table's flags. */
static gboolean
is_high_risk (DlTree *tree, const DlTreeFacts *facts, guint i, gpointer data)
{
  DlRiskBand band = DL_RISK_LOW;

  dl_rules_risk_score (tree, i, data, facts->today, &band);
  return band == DL_RISK_HIGH;
}

static gboolean
is_due (DlTree *tree, const DlTreeFacts *facts, guint i, gpointer data)
{
  DlDueItem due;

  return dl_rules_member_due (tree, i, data, facts->today, &due)
         && due.kind == DL_DUE_CHECK_IN && due.days_overdue >= 0;
}

static gboolean
is_unwelcomed (DlTree *tree, const DlTreeFacts *facts, guint i, gpointer data)
{
  return dl_rules_needs_welcome (tree, i, *(DlDay *) data, facts->today);
}

static gboolean
has_rank (DlTree *tree, const DlTreeFacts *facts, guint i, gpointer data)
{
  return dl_tree_get_root (tree) != i
         && g_strcmp0 (dl_tree_get_rank_name (tree, dl_tree_get_node (tree, i)->rank), data) == 0;
}

typedef struct
{
  DlDownlineView    *view;
  const DlTreeFacts *old;
} ReloadProbe;

static gboolean
reloaded (gpointer data)
{
  ReloadProbe *probe = data;

  return !dl_downline_view_is_loading (probe->view)
         && dl_tree_canvas_get_facts (dl_downline_view_get_canvas (probe->view)) != probe->old;
}

/* The keyboard is in widget or one of its children. */
static gboolean
keyboard_in (gpointer data)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (data));

  return focus != NULL && (focus == data || gtk_widget_is_ancestor (focus, data));
}

/* The table lists person_id no more. */
static gboolean
unlisted (gpointer data)
{
  PersonProbe *probe = data;
  DlDownlineTable *table = dl_downline_view_get_table (probe->view);
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (probe->view));
  GListModel *rows = dl_downline_table_get_rows (table);

  for (guint p = 0; p < g_list_model_get_n_items (rows); p++)
    {
      gint64 i = dl_downline_table_get_index_at (table, p);

      if (i >= 0 && dl_tree_get_node (tree, i)->person_id == probe->person_id)
        return FALSE;
    }
  return TRUE;
}

/* The filters above the table list matching members from the whole
 * downline, by the tree's own rules; phone and e-mail are columns; the
 * drawing's controls step aside while the table shows. */
static void
test_table_filters (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("filters.db", 600, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  const DlTreeFacts *facts = dl_tree_canvas_get_facts (canvas);
  GtkDropDown *dropdown;
  GtkWidget *zoom = find_actionable (GTK_WIDGET (view), "downline.zoom-in");
  GtkWidget *colour = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, "What the fill color of each member shows");
  DlCadence cadence;
  DlDay started_on;
  const char *rank_name = NULL;
  guint rank_members = 0;
  g_autofree char *rank_item = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(DlPerson) person = NULL;
  gint64 picked, person_id;
  ReloadProbe probe = { view, NULL };

  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  started_on = dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (store),
                                          facts->today, FALSE);
  g_assert_nonnull (zoom);
  g_assert_nonnull (colour);

  /* a focused group shows its path in the tree, not over the table */
  dl_tree_canvas_focus (canvas, dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child);
  g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_visible, breadcrumb_row (GTK_WIDGET (view))));
  g_assert_true (gtk_widget_get_visible (breadcrumb_row (GTK_WIDGET (view))));
  g_assert_true (gtk_widget_is_visible (zoom));
  g_assert_true (gtk_widget_is_visible (colour));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.toggle-table", NULL));
  g_assert_true (wait_for (downline_table_shown, view));
  g_assert_true (dl_downline_view_is_table (view));
  /* T puts the keyboard in the rows, past the filter */
  {
    GtkWidget *rows = find_widget (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW, NULL);
    GtkWidget *focus;

    g_assert_true (wait_for (keyboard_in, rows));
    focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_nonnull (focus);
    g_assert_true (focus == rows || gtk_widget_is_ancestor (focus, rows));
  }
  g_assert_false (gtk_widget_is_visible (zoom));
  g_assert_false (gtk_widget_is_visible (colour));
  g_assert_false (gtk_widget_is_visible (find_actionable (GTK_WIDGET (view), "downline.focus-up")));
  g_assert_false (gtk_widget_get_visible (breadcrumb_row (GTK_WIDGET (view))));

  dropdown = filter_dropdown (view);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (dropdown)));

  choose_item (dropdown, "High risk");
  g_assert_cmpint (dl_downline_table_get_filter (table, NULL), ==, DL_DOWNLINE_FILTER_HIGH_RISK);
  assert_lists (table, tree, facts, is_high_risk, &cadence, 1);

  /* a flat list sorts as a whole: the riskiest first */
  dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_RISK, GTK_SORT_DESCENDING);
  g_clear_pointer (&shown, g_array_unref);
  shown = shown_rows (table, FALSE);
  for (guint k = 1; k < shown->len; k++)
    g_assert_cmpuint (facts->risk_score[g_array_index (shown, gint64, k - 1)], >=,
                      facts->risk_score[g_array_index (shown, gint64, k)]);
  g_clear_pointer (&shown, g_array_unref);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (find_widget (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW, NULL)),
                                  NULL, GTK_SORT_ASCENDING);

  choose_item (dropdown, "Due for a check-in");
  assert_lists (table, tree, facts, is_due, &cadence, 1);

  choose_item (dropdown, "Not welcomed yet");
  assert_lists (table, tree, facts, is_unwelcomed, &started_on, 0);

  /* the most common rank */
  for (guint r = 1; r < dl_tree_get_n_ranks (tree); r++)
    {
      guint count = 0;

      for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
        count += has_rank (tree, facts, i, (gpointer) dl_tree_get_rank_name (tree, r));
      if (count > rank_members)
        {
          rank_members = count;
          rank_name = dl_tree_get_rank_name (tree, r);
        }
    }
  g_assert_nonnull (rank_name);
  rank_item = g_strdup_printf ("Rank: %s", rank_name);
  choose_item (dropdown, rank_item);
  assert_lists (table, tree, facts, has_rank, (gpointer) rank_name, 1);

  /* phone and e-mail, read off the cells on screen */
  shown = shown_rows (table, FALSE);
  person_id = dl_tree_get_node (tree, g_array_index (shown, gint64, 0))->person_id;
  person = dl_store_get_person (store, person_id);
  g_assert_nonnull (dl_person_get_phone (person));
  g_assert_nonnull (dl_person_get_email (person));
  {
    DlTestLabelsProbe phone = { GTK_WIDGET (table), dl_person_get_phone (person) };
    DlTestLabelsProbe email = { GTK_WIDGET (table), dl_person_get_email (person) };

    g_assert_true (wait_for (dl_test_labels_contain, &phone));
    g_assert_true (wait_for (dl_test_labels_contain, &email));
  }
  dl_test_collect_labels (GTK_WIDGET (table), labels);
  g_assert_nonnull (strstr (labels->str, "|Phone|"));
  g_assert_nonnull (strstr (labels->str, "|Email|"));
  g_assert_nonnull (strstr (labels->str, dl_person_get_phone (person)));
  g_assert_nonnull (strstr (labels->str, dl_person_get_email (person)));

  /* a row of the flat list selects that member in the tree */
  dl_downline_table_select_position (table, 2);
  picked = g_array_index (shown, gint64, 2);
  g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, picked);

  /* a contact logged: the due list is worked out again, the filter kept */
  choose_item (dropdown, "Due for a check-in");
  g_clear_pointer (&shown, g_array_unref);
  shown = shown_rows (table, FALSE);
  person_id = dl_tree_get_node (tree, g_array_index (shown, gint64, 0))->person_id;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlInteraction) call = dl_store_add_interaction (store, person_id, DL_CONTACT_CALL, NULL,
                                                              "Caught up", &error);

    g_assert_no_error (error);
    g_assert_nonnull (call);
  }
  probe.old = facts;
  g_assert_true (wait_for (reloaded, &probe));
  {
    PersonProbe called = { view, person_id };

    g_assert_true (wait_for (unlisted, &called));
  }
  tree = dl_tree_canvas_get_tree (canvas);
  facts = dl_tree_canvas_get_facts (canvas);
  g_assert_cmpint (dl_downline_table_get_filter (table, NULL), ==, DL_DOWNLINE_FILTER_DUE);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                               gtk_drop_down_get_selected (dropdown)), ==, "Due for a check-in");
  assert_lists (table, tree, facts, is_due, &cadence, 1);
  g_clear_pointer (&shown, g_array_unref);
  shown = shown_rows (table, FALSE);
  for (guint k = 0; k < shown->len; k++)
    g_assert_cmpint (dl_tree_get_node (tree, g_array_index (shown, gint64, k))->person_id, !=, person_id);

  /* the whole downline again: a tree, the user's row on top */
  choose_item (dropdown, "Whole downline");
  g_clear_pointer (&shown, g_array_unref);
  shown = shown_rows (table, TRUE);
  g_assert_cmpint (g_array_index (shown, gint64, 0), ==, dl_tree_get_root (tree));

  /* back to the drawing: its controls return */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.toggle-table", NULL));
  g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_is_visible, zoom));
  g_assert_true (gtk_widget_is_visible (zoom));
  g_assert_true (gtk_widget_is_visible (colour));
  g_assert_true (gtk_widget_get_visible (breadcrumb_row (GTK_WIDGET (view))));

  close_view (window, store);
}

static gint64
add_namesake (DlStore    *store,
              const char *city,
              const char *number,
              gint64      sponsor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) p = dl_person_new ();
  g_autoptr(DlMember) m = NULL;

  dl_person_set_first_name (p, "Bao");
  dl_person_set_last_name (p, "Zuvu");
  dl_person_set_city (p, city);
  m = dl_store_add_member (store, p, sponsor, number, dl_day_today () - 20, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  return m ? dl_member_get_id (m) : 0;
}

static gboolean
view_loading (gpointer data)
{
  return dl_downline_view_is_loading (data);
}

/* A member added while the view reads the tree, as the Add Member
 * dialog adds one and asks to be shown them: the tree being read has
 * no such member yet; the one read after it shows them, selected. */
static void
test_show_added_while_loading (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("added-while-loading.db", 150, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 someone = dl_tree_get_node (tree, dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child)->person_id;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(DlInteraction) call = NULL;
  gint64 added;

  /* a contact: the view reads again (the store's kept tree) */
  call = dl_store_add_interaction (store, someone, DL_CONTACT_CALL, now, "Caught up", &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (view_loading, view));

  added = add_namesake (store, "Lyon", "10002345", dl_store_get_user_id (store));
  dl_downline_view_show_person (view, added);
  {
    PersonProbe probe = { view, added };

    g_assert_true (wait_for (details_shown, &probe));
  }
  close_view (window, store);
}

/* The Table, not on screen, holds no rows and leaves an edit to the
 * drawing; shown with the toolbar's button, it lists the tree as it is
 * now, the member added meanwhile among its rows. */
static guint
n_table_rows (DlDownlineTable *table)
{
  GListModel *rows = dl_downline_table_get_rows (table);

  return rows != NULL ? g_list_model_get_n_items (rows) : 0;
}

static void
test_table_behind (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("behind.db", 120, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  ReloadProbe probe = { view, dl_tree_canvas_get_facts (canvas) };
  /* the toolbar's switcher: drawing, then Table */
  GtkWidget *switcher = find_widget (GTK_WIDGET (view), GTK_TYPE_STACK_SWITCHER, NULL);
  GtkWidget *toggle = switcher != NULL ? gtk_widget_get_last_child (switcher) : NULL;
  gint64 added, index;

  g_assert_false (dl_downline_view_is_table (view));
  g_assert_cmpuint (n_table_rows (table), ==, 0);
  added = add_namesake (store, "Lyon", "10002345", dl_store_get_user_id (store));
  g_assert_true (wait_for (reloaded, &probe));
  index = dl_tree_find (dl_tree_canvas_get_tree (canvas), added);
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpuint (n_table_rows (table), ==, 0);

  g_assert_true (GTK_IS_TOGGLE_BUTTON (toggle));
  g_signal_emit_by_name (toggle, "clicked");
  g_assert_true (wait_for (downline_table_shown, view));
  g_assert_cmpuint (n_table_rows (table), >, 0);
  dl_downline_table_select (table, index);
  g_assert_cmpint (dl_downline_table_get_selected (table), ==, index);

  close_view (window, store);
}

/* The tree's search says which of several people of one name the
 * match it shows is: member number, city, sponsor. */
static void
test_search_namesakes (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("namesakes.db", 200, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 sponsor = dl_tree_get_node (tree, dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child)->person_id;
  g_autoptr(DlPerson) sponsor_person = dl_store_get_person (store, sponsor);
  g_autofree char *first = NULL, *second = NULL;
  ReloadProbe probe = { view, dl_tree_canvas_get_facts (canvas) };
  GtkWidget *bar, *entry;
  g_autoptr(GString) labels = g_string_new (NULL);
  gint64 lyon = add_namesake (store, "Lyon", "10002345", sponsor);
  gint64 hanoi = add_namesake (store, "Hanoi", "10007777", dl_store_get_user_id (store));

  g_assert_true (wait_for (reloaded, &probe));
  first = g_strdup_printf ("#10002345 · Lyon · sponsor %s", dl_person_get_name (sponsor_person));
  second = g_strdup ("#10007777 · Hanoi · your own recruit");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "downline.search", NULL));
  bar = find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_BAR, NULL);
  entry = find_widget (bar, GTK_TYPE_SEARCH_ENTRY, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "bao zuvu");
  {
    DlTestLabelsProbe counted = { bar, "|1 of 2|" };

    g_assert_true (wait_for (dl_test_labels_contain, &counted));
  }
  dl_test_collect_labels (bar, labels);
  g_assert_nonnull (strstr (labels->str, "|1 of 2|"));
  /* the first match is the one selected, and the label says which */
  tree = dl_tree_canvas_get_tree (canvas);
  g_assert_nonnull (strstr (labels->str,
                            dl_tree_get_node (tree, dl_tree_canvas_get_selected (canvas))->person_id == lyon
                            ? first : second));

  /* Enter: the other one */
  g_signal_emit_by_name (entry, "activate");
  {
    DlTestLabelsProbe counted = { bar, "|2 of 2|" };

    g_assert_true (wait_for (dl_test_labels_contain, &counted));
  }
  g_string_truncate (labels, 0);
  dl_test_collect_labels (bar, labels);
  g_assert_nonnull (strstr (labels->str, "|2 of 2|"));
  g_assert_nonnull (strstr (labels->str,
                            dl_tree_get_node (tree, dl_tree_canvas_get_selected (canvas))->person_id == hanoi
                            ? second : first));
  g_assert_true (strstr (labels->str, first) == NULL || strstr (labels->str, second) == NULL);

  close_view (window, store);
}

static gboolean
has_figures (gpointer data)
{
  return dl_downline_table_has_figures (data);
}

/* The position among the columns shown of column, as a person counts
 * them from the left. */
static guint
shown_position (DlDownlineTable  *table,
                DlDownlineColumn  column)
{
  GtkColumnViewColumn *wanted = dl_downline_table_get_column (table, column);
  GtkWidget *view = find_widget (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW, NULL);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  guint position = 0;

  for (guint k = 0; k < g_list_model_get_n_items (columns); k++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, k);

      if (col == wanted)
        return position;
      position += gtk_column_view_column_get_visible (col);
    }
  g_assert_not_reached ();
  return 0;
}

typedef struct
{
  float  x;
  char  *text;
} ShownCell;

static int
compare_shown_cells (gconstpointer a,
                     gconstpointer b)
{
  float x = ((const ShownCell *) a)->x, y = ((const ShownCell *) b)->x;

  return x < y ? -1 : x > y;
}

/* The texts of a row's cells shown, left to right as a person reads
 * them (a column shown late has its cells last among the row's
 * widgets), as a NULL-terminated array. */
static char **
cells_of_row (GtkWidget *row)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (ShownCell));
  GPtrArray *texts = g_ptr_array_new ();

  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      g_autoptr(GString) labels = g_string_new (NULL);
      graphene_rect_t bounds;
      ShownCell shown;

      dl_test_collect_labels (cell, labels);
      if (labels->len == 0 || !gtk_widget_compute_bounds (cell, row, &bounds))
        continue;
      g_string_truncate (labels, labels->len - 1);   /* the "|" after it */
      shown.x = bounds.origin.x;
      shown.text = g_string_free (g_steal_pointer (&labels), FALSE);
      g_array_append_val (cells, shown);
    }
  g_array_sort (cells, compare_shown_cells);
  for (guint k = 0; k < cells->len; k++)
    g_ptr_array_add (texts, g_array_index (cells, ShownCell, k).text);
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (texts, FALSE);
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

/* The rows on screen, top to bottom. */
static GPtrArray *
shown_row_widgets (DlDownlineTable *table)
{
  /* the column view's rows, not the filter drop-down's list */
  GtkWidget *view = find_widget (GTK_WIDGET (table), GTK_TYPE_COLUMN_VIEW, NULL);
  GtkWidget *rows = find_widget (view, GTK_TYPE_LIST_VIEW, NULL);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (ShownRow));
  GPtrArray *out = g_ptr_array_new ();

  g_assert_nonnull (rows);
  for (GtkWidget *row = gtk_widget_get_first_child (rows); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;
      ShownRow shown;

      /* rows kept for what is scrolled out of sight are not mapped */
      if (!gtk_widget_get_mapped (row) || !gtk_widget_compute_bounds (row, rows, &bounds))
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

/* The cells of the row on screen that shows name, or NULL. */
static char **
row_cells (DlDownlineTable *table,
           const char      *name)
{
  g_autoptr(GPtrArray) rows = shown_row_widgets (table);

  for (guint k = 0; k < rows->len; k++)
    {
      g_auto(GStrv) cells = cells_of_row (g_ptr_array_index (rows, k));

      if (cells[0] != NULL && g_strcmp0 (cells[0], name) == 0)
        return g_steal_pointer (&cells);
    }
  return NULL;
}

/* The cells of the row at position on screen (from the top), or NULL. */
static char **
row_cells_at (DlDownlineTable *table,
              guint            position)
{
  g_autoptr(GPtrArray) rows = shown_row_widgets (table);

  return position < rows->len ? cells_of_row (g_ptr_array_index (rows, position)) : NULL;
}

/* What the cell of column reads in name's row on screen. */
static char *
cell_of (DlDownlineTable  *table,
         const char       *name,
         DlDownlineColumn  column)
{
  g_auto(GStrv) cells = row_cells (table, name);
  guint position = shown_position (table, column);

  g_assert_nonnull (cells);
  if (cells == NULL || position >= g_strv_length (cells))
    return g_strdup ("(no such cell)");
  return g_strdup (cells[position]);
}

typedef struct
{
  DlDownlineTable  *table;
  const char       *name;
  DlDownlineColumn  column;
  const char       *expected;
} CellProbe;

static gboolean
cell_reads (gpointer data)
{
  CellProbe *probe = data;
  g_auto(GStrv) cells = row_cells (probe->table, probe->name);
  guint position = shown_position (probe->table, probe->column);

  return cells != NULL && position < g_strv_length (cells) && g_strcmp0 (cells[position], probe->expected) == 0;
}

/* What name's row reads in column, as a person sees it once the table
 * has drawn it: on a slow run (sanitizers) the rows and the figures
 * come some frames after the data. */
static void
assert_cell (DlDownlineTable  *table,
             const char       *name,
             DlDownlineColumn  column,
             const char       *expected)
{
  CellProbe probe = { table, name, column, expected };
  g_autofree char *text = NULL;

  if (!cell_reads (&probe))
    wait_for (cell_reads, &probe);
  text = cell_of (table, name, column);
  g_assert_cmpstr (text, ==, expected);
}

typedef struct
{
  DlDownlineTable *table;
  DlTree          *tree;
  guint            n_rows;   /* how many rows from the top; 0 for 1 */
} TopRowProbe;

/* The top rows on screen (as many of n_rows as are) show the members
 * the table has there, with a cell for every column (figures read: no
 * empty cell to skip). */
static gboolean
top_row_drawn (gpointer data)
{
  TopRowProbe *probe = data;

  if (!dl_downline_table_has_figures (probe->table))
    return FALSE;
  for (guint p = 0; p < MAX (probe->n_rows, 1); p++)
    {
      g_auto(GStrv) row = row_cells_at (probe->table, p);
      gint64 i = dl_downline_table_get_index_at (probe->table, p);

      if (p > 0 && (row == NULL || i < 0))
        break;
      if (row == NULL || i < 0
          || g_strcmp0 (row[shown_position (probe->table, DL_DOWNLINE_COLUMN_NAME)],
                        dl_tree_get_node (probe->tree, i)->name) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The Next Check-In column says what the due filter counts on: the
 * rhythm from the preferences, not the built-in one. */
static void
test_table_due_rhythm (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("due-rhythm.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.downline.Downline");
  ReloadProbe probe = { view, dl_tree_canvas_get_facts (canvas) };
  guint checked = 0, differ = 0;
  DlTree *tree;
  const DlTreeFacts *facts;
  DlCadence cadence;
  GtkDropDown *dropdown;

  g_settings_set_uint (settings, "cadence-second-level-every", 5);
  g_assert_true (wait_for (reloaded, &probe));
  tree = dl_tree_canvas_get_tree (canvas);
  facts = dl_tree_canvas_get_facts (canvas);
  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  g_assert_cmpuint (cadence.second_level_every, ==, 5);

  dl_downline_view_show_table (view, TRUE);
  dropdown = filter_dropdown (view);
  choose_item (dropdown, "Due for a check-in");
  assert_lists (table, tree, facts, is_due, &cadence, 1);
  {
    TopRowProbe top = { table, tree, 8 };

    g_assert_true (wait_for (top_row_drawn, &top));
  }

  /* the cells on screen, row by row */
  for (guint p = 0; p < 8; p++)
    {
      g_auto(GStrv) row = row_cells_at (table, p);
      gint64 i = dl_downline_table_get_index_at (table, p);
      DlDueItem due, built_in;
      g_autofree char *expected = NULL;

      if (row == NULL || i < 0)
        break;
      g_assert_cmpstr (row[shown_position (table, DL_DOWNLINE_COLUMN_NAME)], ==, dl_tree_get_node (tree, i)->name);
      g_assert_true (dl_rules_member_due (tree, i, &cadence, facts->today, &due));
      expected = dl_day_format_short (due.due_on);
      g_assert_cmpstr (row[shown_position (table, DL_DOWNLINE_COLUMN_NEXT_DUE)], ==, expected);
      if (dl_rules_member_due (tree, i, NULL, facts->today, &built_in) && built_in.due_on != due.due_on)
        differ++;
      checked++;
    }
  g_assert_cmpuint (checked, >=, 3);
  /* the preference made a difference to at least one of them */
  g_assert_cmpuint (differ, >=, 1);

  g_settings_reset (settings, "cadence-second-level-every");
  close_view (window, store);
}

static gboolean
flap_folded (gpointer data)
{
  return adw_flap_get_folded (data);
}

/* The flap is out of sight, its slide over. */
static gboolean
flap_slid_away (gpointer data)
{
  return adw_flap_get_reveal_progress (data) == 0;
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *details;
  GtkWidget *view;
  int        width;
} NarrowProbe;

/* The window is as narrow as probe->width, the details inside the view. */
static gboolean
fits_narrow (gpointer data)
{
  NarrowProbe *probe = data;

  return gtk_widget_get_width (probe->window) <= probe->width
         && gtk_widget_get_width (probe->details) <= gtk_widget_get_width (probe->view);
}

/* The view fits a phone-wide window with a member's details shown: side
 * by side with the tree when there is room, over it when there is not. */
static void
test_narrow (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("narrow.db", 300, &window, &store);
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  gint64 member = dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child;
  AdwFlap *flap = ADW_FLAP (find_widget (GTK_WIDGET (view), ADW_TYPE_FLAP, NULL));
  GtkWidget *details = adw_flap_get_flap (flap);
  int min = 0;

  /* the member's details, opened as a double click on them does */
  dl_downline_view_show_person (view, dl_tree_get_node (tree, member)->person_id);
  g_signal_emit_by_name (dl_downline_view_get_canvas (view), "node-activated", (guint64) member);
  g_assert_true (wait_for ((gboolean (*) (gpointer)) adw_flap_get_reveal_flap, flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_false (adw_flap_get_folded (flap));
  dl_test_save_png (window, "downline-wide.png");

  gtk_widget_measure (GTK_WIDGET (view), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > 340)
    dl_test_print_wide_widgets (GTK_WIDGET (view), 320, 0);
  g_assert_cmpint (min, <=, 340);

  /* a phone's width: the details over the tree, all of them on screen */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  g_assert_true (wait_for (flap_folded, flap));
  {
    NarrowProbe narrow = { window, details, GTK_WIDGET (view), 360 };

    g_assert_true (wait_for (fits_narrow, &narrow));
  }
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (details), <=, gtk_widget_get_width (GTK_WIDGET (view)));
  dl_test_save_png (window, "downline-narrow-details.png");
  adw_flap_set_reveal_flap (flap, FALSE);
  g_assert_true (wait_for (flap_slid_away, flap));
  dl_test_save_png (window, "downline-narrow.png");

  /* the toolbar's compact form, all of it inside the window: the less
   * used tools are in the menu */
  {
    GtkWidget *menu;
    graphene_rect_t bounds;

    menu = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW, "tree_tools_menu"));
    g_assert_nonnull (menu);
    g_assert_true (gtk_widget_get_mapped (menu));
    g_assert_true (gtk_widget_compute_bounds (menu, window, &bounds));
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (window));
  }

  close_view (window, store);
}

typedef struct
{
  DlDownlineView *view;
  gint64          person_id;
  gint64          parent_id;   /* the parent expected in the drawn tree */
} PlacedProbe;

static gboolean
drawn_under (gpointer data)
{
  PlacedProbe *probe = data;
  DlTree *tree;
  gint64 index;
  guint32 parent;

  if (!downline_view_loaded (probe->view))
    return FALSE;
  tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (probe->view));
  index = dl_tree_find (tree, probe->person_id);
  if (index < 0)
    return FALSE;
  parent = dl_tree_get_node (tree, index)->parent;
  return parent != NONE && dl_tree_get_node (tree, parent)->person_id == probe->parent_id;
}

/* The Tree drop-down draws where the company placed everyone, while
 * the colours, the level and the check-ins stay those of who enrolled
 * whom. */
static void
test_placement_tree (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("placement.db", 150, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  g_autoptr(DlTree) enrolled = dl_tree_ref (dl_tree_canvas_get_tree (canvas));
  const DlTreeFacts *facts = dl_tree_canvas_get_facts (canvas);
  g_autofree guint8 *band = g_memdup2 (facts->risk_band, dl_tree_get_n_nodes (enrolled));
  guint32 enrolled_at_risk = facts->at_risk[dl_tree_get_root (enrolled)];
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "Who enrolled whom, or where the company placed each member");
  PlacedProbe probe = { view, 0, 0 };
  const DlTreeNode *member = NULL;
  DlSide side = DL_SIDE_NONE;
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *expected = NULL;
  DlTree *placed;
  gint64 index;

  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_visible (dropdown));

  /* someone placed away from their enroller */
  for (guint i = 0; i < dl_tree_get_n_nodes (enrolled) && member == NULL; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (enrolled, i);
      gint64 parent_id = 0;

      if (node->level >= 2 && dl_store_get_placement (store, node->person_id, &parent_id, &side)
          && parent_id != node->sponsor_id)
        {
          member = node;
          probe.person_id = node->person_id;
          probe.parent_id = parent_id;
        }
    }
  g_assert_nonnull (member);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DL_TREE_KIND_PLACEMENT);
  g_assert_true (wait_for (drawn_under, &probe));
  placed = dl_tree_canvas_get_tree (canvas);
  g_assert_cmpuint (dl_tree_get_n_nodes (placed), ==, dl_tree_get_n_nodes (enrolled));
  /* a binary plan: two legs at most */
  for (guint i = 0; i < dl_tree_get_n_nodes (placed); i++)
    g_assert_cmpuint (dl_tree_get_node (placed, i)->n_children, <=, 2);

  /* each member keeps the colour the rules gave them */
  facts = dl_tree_canvas_get_facts (canvas);
  g_assert_true (facts->placement);
  for (guint i = 0; i < dl_tree_get_n_nodes (placed); i++)
    g_assert_cmpuint (facts->risk_band[i], ==,
                      band[dl_tree_find (enrolled, dl_tree_get_node (placed, i)->person_id)]);
  g_assert_cmpuint (facts->at_risk[dl_tree_get_root (placed)], ==, enrolled_at_risk);

  /* the details: the enroller, where they were placed, the enrollment level */
  show_person (view, probe.person_id);
  dl_test_collect_labels (GTK_WIDGET (view), labels);
  dl_test_save_png (window, "downline-placement.png");
  expected = g_strdup_printf ("|Sponsor|%s|", dl_tree_get_node (enrolled, member->parent)->name);
  g_assert_nonnull (strstr (labels->str, expected));
  g_free (expected);
  index = dl_tree_find (placed, probe.parent_id);
  expected = g_strdup_printf ("|Placed under|%s, %s leg|", dl_tree_get_node (placed, index)->name,
                              side == DL_SIDE_LEFT ? "left" : "right");
  g_assert_nonnull (strstr (labels->str, expected));
  g_free (expected);
  expected = g_strdup_printf ("|Level|%u|", member->level);
  g_assert_nonnull (strstr (labels->str, expected));
  g_assert_nonnull (strstr (labels->str, "|Placed below them|"));

  /* and back, through a narrow window's More Tools menu */
  probe.parent_id = member->sponsor_id;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "look.tree", "u", DL_TREE_KIND_ENROLLMENT));
  g_assert_true (wait_for (drawn_under, &probe));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, DL_TREE_KIND_ENROLLMENT);
  g_assert_false (dl_tree_canvas_get_facts (canvas)->placement);

  close_view (window, store);
}

typedef struct
{
  DlDownlineView *view;
  guint           n_nodes;
} SizeProbe;

static gboolean
drawn_with (gpointer data)
{
  SizeProbe *probe = data;

  return downline_view_loaded (probe->view)
         && dl_tree_get_n_nodes (dl_tree_canvas_get_tree (dl_downline_view_get_canvas (probe->view))) == probe->n_nodes;
}

/* Chooses item position of a drop-down as a person does: opens its
 * popup with its button and clicks the row (selected, then activated). */
static void
choose_in_dropdown (GtkWidget *dropdown,
                    guint      position)
{
  GtkWidget *list;

  g_assert_true (gtk_widget_activate (dl_test_find_descendant (dropdown, GTK_TYPE_TOGGLE_BUTTON)));
  list = dl_test_find_descendant (dropdown, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list);
  if (list == NULL)
    return;
  g_assert_true (wait_for ((gboolean (*) (gpointer)) gtk_widget_get_mapped, list));
  g_assert_true (gtk_widget_activate_action (list, "list.select-item", "(ubb)", position, FALSE, FALSE));
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", position));
  {
    ChoiceProbe chosen = { GTK_DROP_DOWN (dropdown), position };

    g_assert_true (wait_for (dropdown_chose, &chosen));
  }
}

/* The month drop-down draws the downline as an older month's export had
 * it: only who had joined by then, with that month's PV; "Current" and
 * a narrow window's menu bring the present back. */
static void
test_period_selector (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("periods.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  guint n_now = dl_tree_get_n_nodes (dl_tree_canvas_get_tree (canvas));
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "Show the downline and its figures as a month’s export had them");
  g_autoptr(GArray) periods = dl_store_get_periods (store, NULL);
  GListModel *months;
  DlPeriod chosen;
  char month[8];
  g_autofree char *end = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  SizeProbe probe = { view, 0 };
  DlTree *then;
  guint n_checked = 0;

  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_get_visible (dropdown));
  g_assert_cmpuint (periods->len, ==, 12);
  months = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (months), ==, 13);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (months), 0), ==, "Current");

  /* six months back, as the back office had it */
  chosen = g_array_index (periods, DlPeriod, periods->len - 7);
  dl_period_format (chosen, month);
  end = dl_day_to_iso (dl_period_last_day (chosen));
  sql = g_strdup_printf ("SELECT count(*) FROM member m WHERE m.joined_on <= '%s' "
                         "OR m.person_id = (SELECT person_id FROM profile) "
                         "OR EXISTS (SELECT 1 FROM period_figures f WHERE f.member_id = m.person_id AND f.period = '%s')",
                         end, month);
  g_assert_cmpint (sqlite3_prepare_v2 (dl_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  probe.n_nodes = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (probe.n_nodes, <, n_now);   /* the sample grew since */

  choose_in_dropdown (dropdown, 7);
  g_assert_true (wait_for (drawn_with, &probe));
  then = dl_tree_canvas_get_tree (canvas);

  /* each member's PV is that month's */
  g_free (sql);
  sql = g_strdup_printf ("SELECT member_id, pv FROM period_figures WHERE period = '%s' AND pv IS NOT NULL", month);
  g_assert_cmpint (sqlite3_prepare_v2 (dl_store_get_handle (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 index = dl_tree_find (then, sqlite3_column_int64 (stmt, 0));
      double pv = sqlite3_column_double (stmt, 1);

      g_assert_cmpint (index, >=, 0);
      if (index < 0)
        continue;
      g_assert_true (dl_tree_get_node (then, index)->has_pv);
      g_assert_cmpuint (dl_tree_get_node (then, index)->pv, ==, pv <= 0 ? 0 : pv < 1 ? 1 : (guint) pv);
      n_checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_checked, >, 50);
  dl_test_save_png (window, "downline-month.png");

  /* back to the present from a narrow window's menu */
  probe.n_nodes = n_now;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "look.period", "u", 0));
  g_assert_true (wait_for (drawn_with, &probe));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);

  /* someone who joined since, shown (from the import's list, a search)
   * while the older month is drawn: the present, with them selected */
  {
    DlTree *now = dl_tree_canvas_get_tree (canvas);
    gint64 newcomer = 0;
    g_autoptr(DlTree) older = NULL;

    older = dl_store_load_tree_as_of (store, DL_TREE_KIND_ENROLLMENT, chosen, NULL);
    for (guint i = 0; i < dl_tree_get_n_nodes (now) && newcomer == 0; i++)
      if (dl_tree_find (older, dl_tree_get_node (now, i)->person_id) < 0)
        newcomer = dl_tree_get_node (now, i)->person_id;
    g_assert_cmpint (newcomer, !=, 0);

    probe.n_nodes = dl_tree_get_n_nodes (older);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "look.period", "u", 7));
    g_assert_true (wait_for (drawn_with, &probe));
    dl_downline_view_show_person (view, newcomer);
    probe.n_nodes = n_now;
    g_assert_true (wait_for (drawn_with, &probe));
    {
      PersonProbe shown = { view, newcomer };

      g_assert_true (wait_for (details_shown, &shown));
    }
    g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
    g_assert_cmpint (dl_tree_canvas_get_selected (canvas), >=, 0);
    g_assert_cmpint (dl_tree_get_node (dl_tree_canvas_get_tree (canvas), dl_tree_canvas_get_selected (canvas))->person_id,
                     ==, newcomer);
  }

  close_view (window, store);
}

/* user 1 → 2 → 3, and 4 with no recruits */
static DlTree *
small_tree (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (4);
  const gint64 sponsors[] = { 0, 1, 2, 1 };
  g_autoptr(GError) error = NULL;
  DlTree *tree;

  for (guint k = 0; k < G_N_ELEMENTS (sponsors); k++)
    {
      DlTreeNode row;

      memset (&row, 0, sizeof row);
      row.person_id = k + 1;
      row.sponsor_id = sponsors[k];
      row.name = "Someone";
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  return tree;
}

/* The first tree's layout is made beside its facts, in the view's
 * thread: the canvas takes it, folded as the overview.  A reload's
 * tree keeps what the user folded, whatever layout comes with it. */
static void
test_canvas_first_layout (void)
{
  DlTreeCanvas *canvas = DL_TREE_CANVAS (g_object_ref_sink (dl_tree_canvas_new ()));
  g_autoptr(DlTree) tree = small_tree ();
  g_autoptr(DlTree) reloaded = small_tree ();
  DlLayout *layout = dl_tree_canvas_first_layout (tree);
  guint two = (guint) dl_tree_find (tree, 2);

  g_assert_true (dl_layout_is_collapsed (layout, two));
  g_assert_false (dl_layout_is_collapsed (layout, (guint) dl_tree_find (tree, 4)));
  dl_tree_canvas_set_tree_laid_out (canvas, tree, dl_tree_facts_new (tree, NULL, dl_day_today ()), layout);
  g_assert_true (dl_tree_canvas_get_layout (canvas) == layout);
  g_assert_true (dl_tree_canvas_get_tree (canvas) == tree);

  /* unfolded by the user, then the file changed */
  dl_layout_set_collapsed (layout, two, FALSE);
  dl_tree_canvas_set_tree_laid_out (canvas, reloaded, dl_tree_facts_new (reloaded, NULL, dl_day_today ()),
                                    dl_tree_canvas_first_layout (reloaded));
  g_assert_true (dl_tree_canvas_get_tree (canvas) == reloaded);
  g_assert_false (dl_layout_is_collapsed (dl_tree_canvas_get_layout (canvas),
                                          (guint) dl_tree_find (reloaded, 2)));

  g_object_unref (canvas);
}

/* A contact logged from the details (typed, then Log) shows in the
 * member's box and details without laying the downline out again: the
 * store's tree is patched in place, so the canvas keeps its layout, and
 * with it what was folded, and takes the new facts. */
static void
test_contact_keeps_layout (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("contact-layout.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  DlLayout *layout = dl_tree_canvas_get_layout (canvas);
  guint member = dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child;
  gint64 person = dl_tree_get_node (tree, member)->person_id;
  GtkEditable *summary = GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW,
                                                                      "summary_entry"));
  FactsProbe probe = { canvas, dl_tree_canvas_get_facts (canvas) };
  gboolean folded = dl_layout_is_collapsed (layout, member);

  show_person (view, person);
  g_signal_emit_by_name (canvas, "node-activated", (guint64) dl_tree_canvas_get_selected (canvas));
  gtk_editable_set_text (summary, "Talked about the new catalogue");
  g_signal_emit_by_name (find_button (GTK_WIDGET (view), "_Log"), "clicked");
  g_assert_true (wait_for (facts_replaced, &probe));
  {
    RowProbe kept = { .canvas = canvas, .index = member };

    g_assert_true (wait_for (selected_is, &kept));
  }

  g_assert_true (dl_tree_canvas_get_tree (canvas) == tree);
  g_assert_true (dl_tree_canvas_get_layout (canvas) == layout);
  g_assert_cmpint (dl_layout_is_collapsed (layout, member), ==, folded);
  g_assert_cmpint (dl_tree_get_node (tree, member)->last_contact, ==, dl_day_today ());
  /* still selected, the details open on them */
  g_assert_cmpint (dl_tree_canvas_get_selected (canvas), ==, member);

  close_view (window, store);
}

/* The layout shown is the one a new layout of the tree would be, with
 * the same folds, root and shape. */
static void
assert_laid_out_anew (DlTreeCanvas *canvas)
{
  DlLayout *layout = dl_tree_canvas_get_layout (canvas);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  DlLayout *whole = dl_layout_new (tree);

  dl_layout_copy_fold_state (whole, layout);
  dl_layout_set_aspect (whole, dl_layout_get_aspect (layout));
  dl_layout_set_root (whole, dl_layout_get_root (layout));
  dl_layout_run (whole);
  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    {
      g_assert_cmpint (dl_layout_is_shown (layout, i), ==, dl_layout_is_shown (whole, i));
      if (!dl_layout_is_shown (whole, i))
        continue;
      g_assert_cmpfloat_with_epsilon (dl_layout_get_x (layout, i), dl_layout_get_x (whole, i), 1e-6);
      g_assert_cmpfloat_with_epsilon (dl_layout_get_y (layout, i), dl_layout_get_y (whole, i), 1e-6);
    }
  dl_layout_free (whole);
}

/* After the edit, read in: still the same layout, followed rather than
 * laid out whole, still on the focused member, the view where it was. */
static void
assert_edit_followed (DlDownlineView     *view,
                      const DlTreeFacts  *old,
                      DlLayout           *layout,
                      guint               whole_runs,
                      gint64              focused,
                      const DlRenderView *before)
{
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  ReloadProbe probe = { view, old };
  DlRenderView now;

  g_assert_true (wait_for (reloaded, &probe));
  g_assert_true (dl_tree_canvas_get_layout (canvas) == layout);
  g_assert_cmpuint (dl_layout_get_whole_runs (layout), ==, whole_runs);
  g_assert_cmpint (dl_tree_canvas_get_focus (canvas), >=, 0);
  g_assert_cmpint (dl_tree_get_node (dl_tree_canvas_get_tree (canvas), dl_tree_canvas_get_focus (canvas))->person_id,
                   ==, focused);
  dl_tree_canvas_get_view (canvas, &now);
  g_assert_cmpfloat (now.zoom, ==, before->zoom);
  g_assert_cmpfloat (now.origin_x, ==, before->origin_x);
  g_assert_cmpfloat (now.origin_y, ==, before->origin_y);
  assert_laid_out_anew (canvas);
}

/* One member added, moved and removed while the user looks at one
 * frontline member's group, zoomed in: the drawing follows each edit
 * (at a million members a few milliseconds instead of a whole layout),
 * shows the member added and where they moved, and neither refits nor
 * leaves the group the user was looking at. */
static void
test_edits_followed (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("edits-followed.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  DlLayout *layout = dl_tree_canvas_get_layout (canvas);
  g_autoptr(GError) error = NULL;
  guint front = NONE, other = NONE;
  gint64 focused, other_id, added, index;
  guint whole_runs;
  DlRenderView before;

  /* a frontline member with a group, and a recruit of theirs with one */
  for (guint c = dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child; c != NONE && front == NONE;
       c = dl_tree_get_node (tree, c)->next_sibling)
    for (guint r = dl_tree_get_node (tree, c)->first_child; r != NONE; r = dl_tree_get_node (tree, r)->next_sibling)
      if (dl_tree_get_node (tree, r)->n_children > 0)
        {
          front = c;
          other = r;
          break;
        }
  g_assert_cmpuint (front, !=, NONE);
  focused = dl_tree_get_node (tree, front)->person_id;
  other_id = dl_tree_get_node (tree, other)->person_id;
  dl_tree_canvas_focus (canvas, front);
  dl_tree_canvas_zoom_by (canvas, 1.7);
  dl_tree_canvas_get_view (canvas, &before);
  whole_runs = dl_layout_get_whole_runs (layout);

  added = add_namesake (store, "Lyon", "10002345", focused);
  assert_edit_followed (view, dl_tree_canvas_get_facts (canvas), layout, whole_runs, focused, &before);
  index = dl_tree_find (dl_tree_canvas_get_tree (canvas), added);
  g_assert_cmpint (index, >=, 0);
  g_assert_true (dl_layout_is_shown (layout, index));

  g_assert_true (dl_store_set_member_sponsor (store, added, other_id, &error));
  g_assert_no_error (error);
  assert_edit_followed (view, dl_tree_canvas_get_facts (canvas), layout, whole_runs, focused, &before);
  tree = dl_tree_canvas_get_tree (canvas);
  index = dl_tree_find (tree, added);
  g_assert_cmpint (dl_tree_get_node (tree, dl_tree_get_node (tree, index)->parent)->person_id, ==, other_id);
  g_assert_true (dl_layout_is_shown (layout, index));

  g_assert_true (dl_store_delete_person (store, added, &error));
  g_assert_no_error (error);
  assert_edit_followed (view, dl_tree_canvas_get_facts (canvas), layout, whole_runs, focused, &before);
  g_assert_cmpint (dl_tree_find (dl_tree_canvas_get_tree (canvas), added), <, 0);

  close_view (window, store);
}

static guint
count_list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* An older month's details are a record: the contacts logged after that
 * month are not among them, and nothing can be logged or edited there;
 * "Show the Current Month" brings the present back, and with it the
 * log and every contact. */
static void
test_period_details (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("period-details.db", 300, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "Show the downline and its figures as a month’s export had them");
  g_autoptr(GArray) periods = dl_store_get_periods (store, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) older = NULL;
  GtkListBox *contacts = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW,
                                                                      "contacts_list"));
  DlPeriod chosen = g_array_index (periods, DlPeriod, periods->len - 7);
  SizeProbe probe = { view, 0 };
  gint64 person = 0;
  guint n_all, n_then = 0;
  DlDay end = dl_period_last_day (chosen);

  /* a member of that month, with a contact in it and one today */
  older = dl_store_load_tree_as_of (store, DL_TREE_KIND_ENROLLMENT, chosen, &error);
  g_assert_no_error (error);
  person = dl_tree_get_node (older, dl_tree_get_node (older, dl_tree_get_root (older))->first_child)->person_id;
  {
    int y, m, d;
    g_autoptr(GDateTime) then = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(DlInteraction) a = NULL;
    g_autoptr(DlInteraction) b = NULL;

    dl_day_to_ymd (end - 3, &y, &m, &d);
    then = g_date_time_new_local (y, m, d, 12, 0, 0);
    a = dl_store_add_interaction (store, person, DL_CONTACT_CALL, then, "Back then", &error);
    g_assert_no_error (error);
    b = dl_store_add_interaction (store, person, DL_CONTACT_CALL, now, "Today", &error);

    g_assert_no_error (error);
  }
  {
    g_autoptr(GListModel) log = dl_store_get_interactions (store, person);

    n_all = g_list_model_get_n_items (log);
    for (guint i = 0; i < n_all; i++)
      {
        g_autoptr(DlInteraction) it = g_list_model_get_item (log, i);

        if (dl_day_from_date_time (dl_interaction_get_at (it)) <= end)
          n_then++;
      }
  }
  g_assert_cmpuint (n_then, >=, 1);
  g_assert_cmpuint (n_then, <, n_all);

  probe.n_nodes = dl_tree_get_n_nodes (older);
  choose_in_dropdown (dropdown, 7);
  g_assert_true (wait_for (drawn_with, &probe));
  show_person (view, person);
  g_signal_emit_by_name (canvas, "node-activated", (guint64) dl_tree_canvas_get_selected (canvas));

  g_assert_cmpuint (count_list_rows (contacts), ==, n_then);
  g_assert_null (find_button (GTK_WIDGET (view), "_Log"));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (view), "_Edit…")));
  /* nor through the shortcut's action: no edit dialog comes */
  gtk_widget_activate_action (GTK_WIDGET (view), "downline.edit-selected", NULL);
  /* no condition: that nothing comes within this time is the point */
  spin (100);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        g_assert_false (DL_IS_MEMBER_EDIT_DIALOG (w));
      }
  }
  g_assert_null (find_button (GTK_WIDGET (view), "Mark as _Welcomed"));
  /* the drawing says which month it is, not only the drop-down */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW,
                                                                                    "month_pill"))));
  dl_test_save_png (window, "downline-month-details.png");

  /* the way back, from the details */
  {
    g_autoptr(DlTree) now = dl_store_load_tree (store, &error);

    g_assert_no_error (error);
    probe.n_nodes = dl_tree_get_n_nodes (now);
  }
  g_signal_emit_by_name (find_button (GTK_WIDGET (view), "Show the _Current Month"), "clicked");
  g_assert_true (wait_for (drawn_with, &probe));
  show_person (view, person);
  g_signal_emit_by_name (canvas, "node-activated", (guint64) dl_tree_canvas_get_selected (canvas));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);
  g_assert_cmpuint (count_list_rows (contacts), ==, n_all);
  g_assert_nonnull (find_button (GTK_WIDGET (view), "_Log"));
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (view), "_Edit…")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW,
                                                                                     "month_pill"))));

  close_view (window, store);
}

/* Without a placement, there is nothing to switch to. */
static void
test_no_placement_no_switch (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-placement.db", NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view, *dropdown;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 40, 7, dl_day_today (), NULL, &error));
  g_assert_true (dl_store_exec (store, "DELETE FROM placement", &error));
  g_assert_no_error (error);
  view = dl_downline_view_new (store);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (downline_view_loaded, view));
  dropdown = find_widget (view, GTK_TYPE_DROP_DOWN, "Who enrolled whom, or where the company placed each member");
  g_assert_nonnull (dropdown);
  g_assert_false (gtk_widget_get_visible (dropdown));
  /* nor in a narrow window's menu */
  g_assert_false (gtk_widget_activate_action (view, "look.tree", "u", DL_TREE_KIND_PLACEMENT));
  close_view (window, store);
}

static gboolean
placement_given_up (gpointer data)
{
  DlDownlineView *view = data;
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "Who enrolled whom, or where the company placed each member");

  return downline_view_loaded (view) && gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)) == DL_TREE_KIND_ENROLLMENT
         && !dl_tree_canvas_get_facts (dl_downline_view_get_canvas (view))->placement;
}

/* A placement that loops through a member no export placed (who hangs
 * under their enroller) cannot be drawn: the enrollment tree stays, and
 * the switch goes back to it, rather than an empty page. */
static void
test_placement_loop_falls_back (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("placement-loop.db", 60, &window, &store);
  DlTree *tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "Who enrolled whom, or where the company placed each member");
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  const DlTreeNode *sponsor = NULL;

  /* a sponsor and their first recruit: the sponsor placed under the
   * recruit, the recruit under nobody (so under their enroller) */
  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && sponsor == NULL; i++)
    if (dl_tree_get_node (tree, i)->level >= 1 && dl_tree_get_node (tree, i)->n_children > 0)
      sponsor = dl_tree_get_node (tree, i);
  g_assert_nonnull (sponsor);
  sql = g_strdup_printf ("DELETE FROM placement WHERE member_id = %" G_GINT64_FORMAT ";"
                         "INSERT OR REPLACE INTO placement (member_id, parent_id, side) VALUES (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ", 'left');",
                         dl_tree_get_node (tree, sponsor->first_child)->person_id, sponsor->person_id,
                         dl_tree_get_node (tree, sponsor->first_child)->person_id);
  g_assert_true (dl_store_exec (store, sql, &error));
  g_assert_no_error (error);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DL_TREE_KIND_PLACEMENT);
  g_assert_true (wait_for (placement_given_up, view));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (dl_test_find_descendant (GTK_WIDGET (view), GTK_TYPE_STACK))),
                   !=, "empty");

  close_view (window, store);
}

/* The table shows the back office's figures as an export left them: a
 * recruit with January's PV, GV and autoship (with its next date), and
 * the ranks; one on no autoship; one the month's export left out, whose
 * cells say "—".  Sorting by PV puts the user's recruits in its order. */
static void
test_table_back_office (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "table-figures.db", NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);
  g_autoptr(DlTree) stored = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *window, *widget;
  DlDownlineView *view;
  DlDownlineTable *table;
  DlTree *tree;
  const DlTreeNode *root, *a, *b, *c;
  GListModel *rows;
  DlPeriodRow figures[2] = {
    { 0, DL_FIGURE_ACTIVE, "Gold", 137, 2450, 1 },
    { 0, DL_FIGURE_ACTIVE, NULL, 12, NAN, 0 },
  };

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 60, 7, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  stored = dl_store_load_tree (store, &error);
  g_assert_no_error (error);
  root = dl_tree_get_node (stored, dl_tree_get_root (stored));
  g_assert_cmpuint (root->n_children, >=, 3);
  a = dl_tree_get_node (stored, root->first_child);
  b = dl_tree_get_node (stored, a->next_sibling);
  c = dl_tree_get_node (stored, b->next_sibling);

  /* January 2031's export: the latest month, naming a and b, not c */
  figures[0].member_id = a->person_id;
  figures[1].member_id = b->person_id;
  g_assert_true (dl_store_save_period (store, dl_period_from_ym (2031, 1), figures, 2, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE member SET highest_rank = 'Diamond', first_order = '2024-03-05', "
                         "next_autoship = '2031-01-12' WHERE person_id = %" G_GINT64_FORMAT, a->person_id);
  g_assert_true (dl_store_exec (store, sql, &error));
  g_assert_no_error (error);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  widget = dl_downline_view_new (store);
  view = DL_DOWNLINE_VIEW (widget);
  table = dl_downline_view_get_table (view);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_for (downline_view_loaded, view));
  tree = dl_tree_canvas_get_tree (dl_downline_view_get_canvas (view));

  /* the figures are read once the table shows, not for the drawing */
  g_assert_false (dl_downline_table_has_figures (table));
  g_assert_true (gtk_widget_activate_action (widget, "downline.toggle-table", NULL));
  g_assert_true (wait_for (has_figures, table));
  dl_downline_table_select (table, dl_tree_find (tree, c->person_id));
  {
    CellProbe row = { table, c->name, DL_DOWNLINE_COLUMN_NAME, c->name };

    g_assert_true (wait_for (cell_reads, &row));
  }

  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_RANK, "Diamond");
  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_PAID_RANK, "Gold");
  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_PV, "137");
  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_AUTOSHIP, "On, next 12 Jan");
  assert_cell (table, b->name, DL_DOWNLINE_COLUMN_PAID_RANK, "—");
  assert_cell (table, b->name, DL_DOWNLINE_COLUMN_PV, "12");
  assert_cell (table, b->name, DL_DOWNLINE_COLUMN_AUTOSHIP, "Off");
  assert_cell (table, c->name, DL_DOWNLINE_COLUMN_PAID_RANK, "—");
  assert_cell (table, c->name, DL_DOWNLINE_COLUMN_PV, "—");
  assert_cell (table, c->name, DL_DOWNLINE_COLUMN_AUTOSHIP, "—");

  /* GV and the first order are a choice under Columns */
  g_assert_false (gtk_column_view_column_get_visible (dl_downline_table_get_column (table, DL_DOWNLINE_COLUMN_GV)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.show-gv", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.show-first-order", NULL));
  /* (assert_cell waits for the cells of the columns shown) */
  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_GV, "2450");
  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_FIRST_ORDER, "5 Mar 2024");
  assert_cell (table, b->name, DL_DOWNLINE_COLUMN_GV, "—");
  assert_cell (table, c->name, DL_DOWNLINE_COLUMN_FIRST_ORDER, "—");

  /* by PV, each way, the whole downline ranked: a's 137 on top, then
   * b's 12, then who had none */
  rows = dl_downline_table_get_rows (table);
  for (int order = 0; order < 2; order++)
    {
      guint n;

      dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_PV, order == 0 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      rows = dl_downline_table_get_rows (table);
      n = g_list_model_get_n_items (rows);
      g_assert_cmpuint (n, ==, dl_tree_get_n_nodes (tree) - 1);
      if (order == 0)
        {
          g_assert_cmpint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, 0))->person_id, ==, a->person_id);
          g_assert_cmpint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, 1))->person_id, ==, b->person_id);
          for (guint k = 2; k < n; k++)
            g_assert_false (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, k))->has_pv);
        }
      else
        {
          g_assert_cmpint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, n - 1))->person_id, ==, a->person_id);
          g_assert_cmpint (dl_tree_get_node (tree, dl_downline_table_get_index_at (table, n - 2))->person_id, ==, b->person_id);
        }
    }
  /* and on screen: a's row on top */
  dl_downline_table_sort_by (table, DL_DOWNLINE_COLUMN_PV, GTK_SORT_DESCENDING);
  {
    TopRowProbe top = { table, tree, 1 };

    g_assert_true (wait_for (top_row_drawn, &top));
  }
  g_assert_cmpint (dl_downline_table_get_index_at (table, 0), ==, dl_tree_find (tree, a->person_id));
  assert_cell (table, a->name, DL_DOWNLINE_COLUMN_PV, "137");
  dl_test_save_png (window, "downline-table.png");

  close_view (window, store);
}

/* On the placement tree, Recruits still counts whom each member
 * enrolled (a box's children there are whom the company placed under
 * them), and Sponsor names the enroller. */
static void
test_table_placement_recruits (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("table-placement.db", 150, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlDownlineTable *table = dl_downline_view_get_table (view);
  g_autoptr(DlTree) enrolled = dl_tree_ref (dl_tree_canvas_get_tree (canvas));
  const DlTreeNode *user = dl_tree_get_node (enrolled, dl_tree_get_root (enrolled));
  GtkWidget *dropdown = find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN,
                                     "Who enrolled whom, or where the company placed each member");
  PlacedProbe probe = { view, 0, 0 };
  g_autofree char *count = g_strdup_printf ("%u", user->n_children);
  const DlTreeNode *member = NULL;
  DlTree *placed;
  gint64 index;

  /* someone placed away from their enroller, as the drawing will show */
  for (guint i = 0; i < dl_tree_get_n_nodes (enrolled) && member == NULL; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (enrolled, i);
      gint64 parent_id = 0;

      if (node->level >= 2 && dl_store_get_placement (store, node->person_id, &parent_id, NULL)
          && parent_id != node->sponsor_id)
        {
          member = node;
          probe.person_id = node->person_id;
          probe.parent_id = parent_id;
        }
    }
  g_assert_nonnull (member);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), DL_TREE_KIND_PLACEMENT);
  g_assert_true (wait_for (drawn_under, &probe));
  placed = dl_tree_canvas_get_tree (canvas);
  g_assert_cmpuint (dl_tree_get_node (placed, dl_tree_get_root (placed))->n_children, <=, 2);
  g_assert_cmpuint (user->n_children, >, 2);

  dl_downline_view_show_table (view, TRUE);
  g_assert_true (wait_for (has_figures, table));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.show-sponsor", NULL));
  index = dl_tree_find (placed, member->person_id);
  dl_downline_table_select (table, index);
  {
    CellProbe row = { table, member->name, DL_DOWNLINE_COLUMN_NAME, member->name };

    g_assert_true (wait_for (cell_reads, &row));
  }
  assert_cell (table, user->name, DL_DOWNLINE_COLUMN_RECRUITS, count);
  assert_cell (table, member->name, DL_DOWNLINE_COLUMN_SPONSOR, dl_tree_get_node (enrolled, member->parent)->name);
  /* ... and Placed Under, where the tree has put them */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (table), "table.show-placed-under", NULL));
  /* (assert_cell waits for the column's cells) */
  assert_cell (table, member->name, DL_DOWNLINE_COLUMN_PLACED_UNDER,
               dl_tree_get_node (placed, dl_tree_get_node (placed, index)->parent)->name);

  close_view (window, store);
}

/* The details' Sponsor and Placed under are links: activating the row
 * (a click, or Enter) selects that member and shows their details, with
 * the keyboard on the same link; the details also tell the highest rank
 * apart from the paid one. */
static void
test_details_member_links (void)
{
  GtkWidget *window;
  DlStore *store;
  DlDownlineView *view = open_view ("links.db", 150, &window, &store);
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  GtkWidget *name_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), DL_TYPE_DOWNLINE_VIEW,
                                                                     "name_label"));
  RowProbe probe = { .canvas = canvas, .index = -1 };
  const DlTreeNode *member = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkWidget *row, *list;
  gint64 parent_id = 0;

  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && member == NULL; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      if (node->level >= 2 && dl_store_get_placement (store, node->person_id, &parent_id, NULL)
          && parent_id != node->sponsor_id)
        member = node;
    }
  g_assert_nonnull (member);
  show_person (view, member->person_id);
  dl_test_collect_labels (GTK_WIDGET (view), labels);
  g_assert_nonnull (strstr (labels->str, "|Highest rank|"));
  g_assert_nonnull (strstr (labels->str, "|Paid rank ("));

  /* the sponsor, by the row itself */
  row = find_titled_row (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Sponsor");
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_assert_true (gtk_widget_activate (row));
  probe.index = member->parent;
  g_assert_true (wait_for (selected_is, &probe));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name_label)), ==, dl_tree_get_node (tree, member->parent)->name);
  /* Enter again would go on up: the keyboard is on their Sponsor row */
  row = find_titled_row (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Sponsor");
  g_assert_true (gtk_widget_has_focus (row));

  /* the placement parent, as the list box reports a click on it */
  show_person (view, member->person_id);
  row = find_titled_row (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Placed under");
  g_assert_nonnull (row);
  list = gtk_widget_get_parent (row);
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_signal_emit_by_name (list, "row-activated", row);
  probe.index = dl_tree_find (tree, parent_id);
  g_assert_true (wait_for (selected_is, &probe));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (name_label)), ==, dl_tree_get_node (tree, probe.index)->name);

  /* the user was enrolled by nobody here: no link */
  show_person (view, dl_tree_get_node (tree, dl_tree_get_root (tree))->person_id);
  row = find_titled_row (GTK_WIDGET (view), ADW_TYPE_ACTION_ROW, "Sponsor");
  g_assert_nonnull (row);
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));

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
  tmp_dir = g_dir_make_tmp ("downline-test-view-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/downline-view/select-zoom-collapse-focus-search", test_view_interaction);
  g_test_add_func ("/downline-view/empty", test_view_empty);
  g_test_add_func ("/downline-view/canvas-first-layout", test_canvas_first_layout);
  g_test_add_func ("/downline-view/legend-button", test_legend_button);
  g_test_add_func ("/downline-view/details-back-office", test_details_back_office);
  g_test_add_func ("/downline-view/colour-by-figures", test_colour_by_figures);
  g_test_add_func ("/downline-view/table-sort", test_table_sort);
  g_test_add_func ("/downline-view/table-selects-tree", test_table_selects_tree);
  g_test_add_func ("/downline-view/table-filters", test_table_filters);
  g_test_add_func ("/downline-view/search-namesakes", test_search_namesakes);
  g_test_add_func ("/downline-view/table-behind", test_table_behind);
  g_test_add_func ("/downline-view/show-added-while-loading", test_show_added_while_loading);
  g_test_add_func ("/downline-view/table-due-rhythm", test_table_due_rhythm);
  g_test_add_func ("/downline-view/print-to-pdf", test_print_to_pdf);
  g_test_add_func ("/downline-view/export-file", test_export_file);
  g_test_add_func ("/downline-view/detail-actions", test_detail_actions);
  g_test_add_func ("/downline-view/details-rhythm-welcome", test_details_rhythm_welcome);
  g_test_add_func ("/downline-view/edit-welcome-delete", test_edit_welcome_delete);
  g_test_add_func ("/downline-view/narrow", test_narrow);
  g_test_add_func ("/downline-view/placement-tree", test_placement_tree);
  g_test_add_func ("/downline-view/period-selector", test_period_selector);
  g_test_add_func ("/downline-view/period-details", test_period_details);
  g_test_add_func ("/downline-view/contact-keeps-layout", test_contact_keeps_layout);
  g_test_add_func ("/downline-view/edits-followed", test_edits_followed);
  g_test_add_func ("/downline-view/no-placement-no-switch", test_no_placement_no_switch);
  g_test_add_func ("/downline-view/placement-loop-falls-back", test_placement_loop_falls_back);
  g_test_add_func ("/downline-view/table-back-office", test_table_back_office);
  g_test_add_func ("/downline-view/table-placement-recruits", test_table_placement_recruits);
  g_test_add_func ("/downline-view/details-member-links", test_details_member_links);

  status = g_test_run ();
  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

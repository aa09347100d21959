/* dl-tree-canvas.c — the downline drawn as an interactive tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drag to pan, scroll or pinch to zoom at the pointer, click to select,
 * double-click to focus on a member.  Keyboard: arrows walk the tree
 * (up: sponsor, down: first recruit, left/right: siblings), Enter opens
 * the details, + and − zoom, 0 fits, space folds or unfolds.
 */

#define G_LOG_DOMAIN "dl-tree-canvas"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "dl-tree-canvas.h"

#define NONE DL_TREE_NO_PARENT
#define ZOOM_MAX 3.0
#define FLY_USEC (350 * 1000)

struct _DlTreeCanvas
{
  GtkWidget     parent_instance;

  DlTree       *tree;
  DlLayout     *layout;
  DlTreeFacts  *facts;
  DlRenderView  view;
  gboolean      fit_pending;
  guint         n_draws;        /* snapshots that drew a tree */

  double        drag_origin_x;
  double        drag_origin_y;
  double        pinch_zoom;
  double        pointer_x;
  double        pointer_y;

  guint         fly_tick;
  gint64        fly_start;
  double        fly_from[3];
  double        fly_to[3];
};

G_DEFINE_FINAL_TYPE (DlTreeCanvas, dl_tree_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
  PROP_FOCUS_ROOT,
  PROP_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  NODE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
min_zoom (DlTreeCanvas *self)
{
  double x0, y0, x1, y1, w = gtk_widget_get_width (GTK_WIDGET (self));
  double h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->layout == NULL)
    return 0.1;
  dl_layout_get_bounds (self->layout, &x0, &y0, &x1, &y1);
  return MIN (0.25, MIN (w / MAX (x1 - x0, 1), h / MAX (y1 - y0, 1)) * 0.5);
}

static void
set_zoom_at (DlTreeCanvas *self,
             double        zoom,
             double        sx,
             double        sy)
{
  double wx, wy;

  zoom = CLAMP (zoom, min_zoom (self), ZOOM_MAX);
  wx = self->view.origin_x + sx / self->view.zoom;
  wy = self->view.origin_y + sy / self->view.zoom;
  self->view.zoom = zoom;
  self->view.origin_x = wx - sx / zoom;
  self->view.origin_y = wy - sy / zoom;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (DlTreeCanvas *self)
{
  g_autofree char *label = NULL;

  if (self->tree != NULL && self->view.selected >= 0)
    {
      const DlTreeNode *node = dl_tree_get_node (self->tree, self->view.selected);

      g_autofree char *recruits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recruit", "%u recruits",
                                                                node->n_children),
                                                   node->n_children);

      /* Translators: the last %s is "N recruits", translated on its own */
      label = g_strdup_printf (_("Downline tree, %s selected: %s, level %u, %s"),
                               node->name,
                               dl_colour_by_class_name (DL_COLOUR_BY_RISK,
                                                        self->facts->risk_band[self->view.selected]),
                               node->level, recruits);
    }
  else
    label = g_strdup (_("Downline tree"));
  /* the drawing is one image to a screen reader: the table holds the
   * same members as rows it can read, one key away */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrow keys move between members. Press T to read the same members in a table."),
                                  -1);
}

static void
relayout (DlTreeCanvas *self)
{
  if (self->layout == NULL)
    return;
  dl_layout_run (self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* A whole downline fitted into a window is a thin line: start instead on
 * the first member (the user) and their recruits, readable, at the top. */
static void
show_start (DlTreeCanvas *self,
            int           w,
            int           h)
{
  dl_render_view_show_start (&self->view, w, h);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ---- Fly-to --------------------------------------------------------- */

static gboolean
fly_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  DlTreeCanvas *self = DL_TREE_CANVAS (widget);
  double t = (gdk_frame_clock_get_frame_time (clock) - self->fly_start) / (double) FLY_USEC;
  double e, z;

  t = CLAMP (t, 0, 1);
  e = 1 - pow (1 - t, 3);    /* ease out */
  z = exp (log (self->fly_from[2]) * (1 - e) + log (self->fly_to[2]) * e);
  self->view.zoom = z;
  /* Interpolate the centre, then derive the origin for this zoom. */
  self->view.origin_x = (self->fly_from[0] * (1 - e) + self->fly_to[0] * e)
                        - gtk_widget_get_width (widget) / 2.0 / z;
  self->view.origin_y = (self->fly_from[1] * (1 - e) + self->fly_to[1] * e)
                        - gtk_widget_get_height (widget) / 2.0 / z;
  gtk_widget_queue_draw (widget);
  if (t >= 1)
    {
      self->fly_tick = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
fly_to_point (DlTreeCanvas *self,
              double        wx,
              double        wy,
              double        zoom)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkSettings *settings = gtk_widget_get_settings (widget);
  gboolean animate = TRUE;
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  g_object_get (settings, "gtk-enable-animations", &animate, NULL);
  self->fly_from[0] = self->view.origin_x + w / 2.0 / self->view.zoom;
  self->fly_from[1] = self->view.origin_y + h / 2.0 / self->view.zoom;
  self->fly_from[2] = self->view.zoom;
  self->fly_to[0] = wx;
  self->fly_to[1] = wy;
  self->fly_to[2] = zoom;

  if (!animate || !gtk_widget_get_mapped (widget))
    {
      self->view.zoom = zoom;
      self->view.origin_x = wx - w / 2.0 / zoom;
      self->view.origin_y = wy - h / 2.0 / zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      gtk_widget_queue_draw (widget);
      return;
    }
  self->fly_start = g_get_monotonic_time ();
  if (gtk_widget_get_frame_clock (widget) != NULL)
    self->fly_start = gdk_frame_clock_get_frame_time (gtk_widget_get_frame_clock (widget));
  if (self->fly_tick == 0)
    self->fly_tick = gtk_widget_add_tick_callback (widget, fly_tick_cb, NULL, NULL);
}

/* ---- Callbacks ------------------------------------------------------ */

static void
on_drag_begin_cb (GtkGestureDrag *gesture,
                  double          x,
                  double          y,
                  DlTreeCanvas   *self)
{
  self->drag_origin_x = self->view.origin_x;
  self->drag_origin_y = self->view.origin_y;
}

static void
on_drag_update_cb (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   DlTreeCanvas   *self)
{
  if (fabs (dx) + fabs (dy) > 3)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  self->view.origin_x = self->drag_origin_x - dx / self->view.zoom;
  self->view.origin_y = self->drag_origin_y - dy / self->view.zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                DlTreeCanvas   *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              DlTreeCanvas             *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_SHIFT_MASK)
    {
      self->view.origin_x += dy * 40 / self->view.zoom;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return TRUE;
    }
  set_zoom_at (self, self->view.zoom * pow (1.15, -dy), self->pointer_x, self->pointer_y);
  return TRUE;
}

static void
on_pinch_begin_cb (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   DlTreeCanvas     *self)
{
  self->pinch_zoom = self->view.zoom;
}

static void
on_pinch_scale_changed_cb (GtkGestureZoom *gesture,
                           double          scale,
                           DlTreeCanvas   *self)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  set_zoom_at (self, self->pinch_zoom * scale, cx, cy);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              DlTreeCanvas             *self)
{
  gint64 hovered = dl_tree_canvas_hit_test (self, x, y);

  self->pointer_x = x;
  self->pointer_y = y;
  if (hovered != self->view.hovered)
    {
      self->view.hovered = hovered;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               DlTreeCanvas    *self)
{
  gint64 hit = dl_tree_canvas_hit_test (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2 && hit >= 0)
    {
      dl_tree_canvas_focus (self, hit);
      return;
    }
  dl_tree_canvas_select (self, hit, FALSE);
  if (hit >= 0)
    g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint64) hit);
}

/* The latest month's figures in a few words: "PV 120 · autoship on". */
static char *
format_figures (const DlTreeNode *node)
{
  if (node->has_pv && node->autoship == DL_AUTOSHIP_ON)
    /* Translators: the tooltip's line of a member's figures for the latest month */
    return g_strdup_printf (_("PV %u · autoship on"), node->pv);
  if (node->has_pv && node->autoship == DL_AUTOSHIP_OFF)
    return g_strdup_printf (_("PV %u · autoship off"), node->pv);
  if (node->has_pv)
    return g_strdup_printf (_("PV %u"), node->pv);
  return g_strdup (node->autoship == DL_AUTOSHIP_ON ? _("Autoship on") : _("Autoship off"));
}

static gboolean
on_query_tooltip_cb (GtkWidget    *widget,
                     int           x,
                     int           y,
                     gboolean      keyboard,
                     GtkTooltip   *tooltip,
                     DlTreeCanvas *self)
{
  gint64 hit = keyboard ? self->view.selected : dl_tree_canvas_hit_test (self, x, y);
  const DlTreeNode *node;
  g_autofree char *text = NULL;
  guint i;

  if (hit < 0)
    return FALSE;
  i = hit;
  node = dl_tree_get_node (self->tree, i);
  if (self->facts->risk_band[i] == DL_RISK_DROPPED)
    text = g_strdup_printf (_("%s\nDropped · level %u"), node->name, node->level);
  else
    {
      g_autofree char *recruits = self->facts->placement
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placed directly below", "%u placed directly below",
                                        node->n_children),
                           node->n_children)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u recruit", "%u recruits",
                                        node->n_children),
                           node->n_children);
      g_autofree char *below = self->facts->placement
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u placed below them", "%u placed below them",
                                        node->subtree_size - 1),
                           node->subtree_size - 1)
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u in their downline",
                                        "%u in their downline", node->subtree_size - 1),
                           node->subtree_size - 1);

      /* Translators: the tooltip of a member in the tree: name, risk (score of 100) · activity,
       * then level · "N recruits" · "N in their downline", each count translated on its own */
      text = g_strdup_printf (_("%s\n%s (%u of 100) · %s\nLevel %u · %s · %s"),
                              node->name,
                              dl_colour_by_class_name (DL_COLOUR_BY_RISK, self->facts->risk_band[i]),
                              self->facts->risk_score[i],
                              dl_colour_by_class_name (DL_COLOUR_BY_ACTIVITY, self->facts->activity[i]),
                              node->level, recruits, below);
    }
  if (node->rank != 0)
    {
      char *with_rank = g_strdup_printf (_("%s\nRank: %s"), text, dl_tree_get_rank_name (self->tree, node->rank));

      g_free (text);
      text = with_rank;
    }
  if (node->has_pv || node->autoship != DL_AUTOSHIP_UNKNOWN)
    {
      g_autofree char *figures = format_figures (node);
      char *with_figures = g_strdup_printf ("%s\n%s", text, figures);

      g_free (text);
      text = with_figures;
    }
  /* Plain text: the name is the user's data, not markup. */
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
move_selection (DlTreeCanvas *self,
                guint         keyval)
{
  guint i, target = NONE;
  const DlTreeNode *node;

  if (self->tree == NULL || dl_tree_get_n_nodes (self->tree) == 0)
    return;
  if (self->view.selected < 0)
    {
      dl_tree_canvas_select (self, dl_layout_get_begin (self->layout), TRUE);
      return;
    }
  i = self->view.selected;
  node = dl_tree_get_node (self->tree, i);
  switch (keyval)
    {
    case GDK_KEY_Up:
      if (node->parent != NONE && dl_layout_is_shown (self->layout, node->parent))
        target = node->parent;
      break;
    case GDK_KEY_Down:
      target = dl_layout_first_child (self->layout, i);
      break;
    case GDK_KEY_Left:
      target = dl_layout_prev_sibling (self->layout, i);
      break;
    case GDK_KEY_Right:
      if (dl_layout_is_shown (self->layout, node->next_sibling))
        target = node->next_sibling;
      else if (node->next_sibling == NONE && node->parent == NONE)
        target = i + node->subtree_size < dl_layout_get_end (self->layout) ? i + node->subtree_size : NONE;
      break;
    default:
      break;
    }
  if (target != NONE)
    dl_tree_canvas_select (self, target, TRUE);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   DlTreeCanvas          *self)
{
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_Left:
    case GDK_KEY_Right:
      move_selection (self, keyval);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (self->view.selected >= 0)
        g_signal_emit (self, signals[NODE_ACTIVATED], 0, (guint64) self->view.selected);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      dl_tree_canvas_zoom_by (self, 1.25);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      dl_tree_canvas_zoom_by (self, 0.8);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      dl_tree_canvas_zoom_to_fit (self);
      return TRUE;
    case GDK_KEY_space:
      if (self->view.selected >= 0)
        dl_tree_canvas_toggle_collapsed (self, self->view.selected);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- GtkWidget ------------------------------------------------------ */

static void
dl_tree_canvas_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  DlTreeCanvas *self = DL_TREE_CANVAS (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->layout == NULL || w <= 0 || h <= 0)
    return;
  if (self->fit_pending)
    {
      self->fit_pending = FALSE;
      /* The drawing takes the window's shape. */
      if (fabs (dl_layout_get_aspect (self->layout) - (double) w / h) > 0.05)
        {
          dl_layout_set_aspect (self->layout, (double) w / h);
          dl_layout_run (self->layout);
        }
      show_start (self, w, h);
    }

  self->view.width = w;
  self->view.height = h;
  self->view.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  /* The renderer plays the recording back at the widget's scale. */
  self->view.pixel_scale = gtk_widget_get_scale_factor (widget);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  dl_tree_render (cr, &self->view, NULL);
  cairo_destroy (cr);
  self->n_draws++;
}

static void
dl_tree_canvas_dispose (GObject *object)
{
  DlTreeCanvas *self = DL_TREE_CANVAS (object);

  if (self->fly_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fly_tick);
      self->fly_tick = 0;
    }
  g_clear_pointer (&self->layout, dl_layout_free);
  g_clear_pointer (&self->facts, dl_tree_facts_free);
  g_clear_pointer (&self->tree, dl_tree_unref);
  self->view.layout = NULL;
  self->view.facts = NULL;

  G_OBJECT_CLASS (dl_tree_canvas_parent_class)->dispose (object);
}

static void
dl_tree_canvas_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlTreeCanvas *self = DL_TREE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int64 (value, self->view.selected);
      break;
    case PROP_FOCUS_ROOT:
      g_value_set_int64 (value, dl_tree_canvas_get_focus (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->view.zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_tree_canvas_class_init (DlTreeCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_tree_canvas_dispose;
  object_class->get_property = dl_tree_canvas_get_property;
  widget_class->snapshot = dl_tree_canvas_snapshot;

  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_ROOT] =
    g_param_spec_int64 ("focus-root", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, ZOOM_MAX, 1,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[NODE_ACTIVATED] =
    g_signal_new ("node-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  gtk_widget_class_set_css_name (widget_class, "dltreecanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dl_tree_canvas_init (DlTreeCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag, *click, *zoom;
  GtkEventController *scroll, *motion, *key;

  dl_render_view_init (&self->view);
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_can_focus (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);

  drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_group (click, drag);

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_pinch_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_pinch_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (zoom));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (widget, scroll);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (widget, motion);

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (widget, key);

  update_accessible (self);
}

/* ---- Public API ----------------------------------------------------- */

GtkWidget *
dl_tree_canvas_new (void)
{
  return g_object_new (DL_TYPE_TREE_CANVAS, NULL);
}

DlLayout *
dl_tree_canvas_first_layout (DlTree *tree)
{
  DlLayout *layout;

  g_return_val_if_fail (tree != NULL, NULL);

  layout = dl_layout_new (tree);
  /* A first load answers "how are my people?": the user and every
   * personally enrolled member, each group folded into one node
   * ("+N below · M at risk").  Fit then fits what is unfolded. */
  dl_tree_render_fold_overview (layout);
  dl_layout_run (layout);
  return layout;
}

void
dl_tree_canvas_set_tree (DlTreeCanvas *self,
                         DlTree       *tree,
                         DlTreeFacts  *facts)
{
  dl_tree_canvas_set_tree_laid_out (self, tree, facts, NULL);
}

static void
take_tree (DlTreeCanvas     *self,
           DlTree           *tree,
           DlTreeFacts      *facts,
           DlLayout         *layout,
           const DlTreeEdit *edit)
{
  /* not this canvas's first tree: what the user folded is kept below */
  if (layout != NULL && self->layout != NULL)
    g_clear_pointer (&layout, dl_layout_free);

  /* The same tree again: the store's kept one, patched in place by a
   * contact.  Its shape, and so the layout, the folds and the view, are
   * as they were; only the facts are new.  At a million members laying
   * out again was 50-80 ms of the main loop for one logged call. */
  if (tree == self->tree && self->layout != NULL)
    {
      g_clear_pointer (&self->facts, dl_tree_facts_free);
      self->facts = facts;
      self->view.facts = self->facts;
      self->view.selected = -1;
      self->view.hovered = -1;
      self->view.matches = NULL;
      update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  g_clear_pointer (&self->facts, dl_tree_facts_free);
  self->facts = facts;
  /* A reload (after a write) keeps what the user folded, the drawing's
   * shape and the view, in the layout's own memory; a first load folds
   * as dl_tree_canvas_first_layout () does, laid out in a thread or
   * here. */
  self->fit_pending = self->layout == NULL;
  if (self->layout != NULL)
    {
      /* one member added, removed or moved: the layout follows the
       * edit, a few milliseconds where laying out again took tens */
      if (edit != NULL)
        dl_layout_set_tree_edited (self->layout, tree, edit);
      else
        dl_layout_set_tree (self->layout, tree);
      dl_layout_run (self->layout);
    }
  else if (layout != NULL)
    self->layout = g_steal_pointer (&layout);
  else
    {
      self->layout = dl_layout_new (tree);
      dl_tree_render_fold_overview (self->layout);
      dl_layout_run (self->layout);
    }
  self->view.layout = self->layout;
  self->view.facts = self->facts;
  self->view.selected = -1;
  self->view.hovered = -1;
  self->view.matches = NULL;
  g_clear_pointer (&self->tree, dl_tree_unref);
  self->tree = dl_tree_ref (tree);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_ROOT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_tree_canvas_set_tree_laid_out (DlTreeCanvas *self,
                                  DlTree       *tree,
                                  DlTreeFacts  *facts,
                                  DlLayout     *layout)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));
  g_return_if_fail (tree != NULL && facts != NULL);
  g_return_if_fail (layout == NULL || dl_layout_get_tree (layout) == tree);

  take_tree (self, tree, facts, layout, NULL);
}

void
dl_tree_canvas_set_tree_edited (DlTreeCanvas     *self,
                                DlTree           *tree,
                                DlTreeFacts      *facts,
                                const DlTreeEdit *edit)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));
  g_return_if_fail (tree != NULL && facts != NULL && edit != NULL);

  take_tree (self, tree, facts, NULL, edit);
}

DlTree *
dl_tree_canvas_get_tree (DlTreeCanvas *self)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), NULL);

  return self->tree;
}

guint
dl_tree_canvas_get_n_draws (DlTreeCanvas *self)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), 0);

  return self->n_draws;
}

DlLayout *
dl_tree_canvas_get_layout (DlTreeCanvas *self)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), NULL);

  return self->layout;
}

const DlTreeFacts *
dl_tree_canvas_get_facts (DlTreeCanvas *self)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), NULL);

  return self->facts;
}

void
dl_tree_canvas_get_view (DlTreeCanvas *self,
                         DlRenderView *view)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  *view = self->view;
  view->width = gtk_widget_get_width (GTK_WIDGET (self));
  view->height = gtk_widget_get_height (GTK_WIDGET (self));
  view->hovered = -1;
}

gint64
dl_tree_canvas_get_selected (DlTreeCanvas *self)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), -1);

  return self->view.selected;
}

static void
reveal (DlTreeCanvas *self,
        guint         index)
{
  double x = dl_layout_get_x (self->layout, index);
  double y = dl_layout_get_y (self->layout, index);
  double w = gtk_widget_get_width (GTK_WIDGET (self)) / self->view.zoom;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) / self->view.zoom;
  double m = 24 / self->view.zoom;

  if (x - DL_LAYOUT_NODE_W / 2 - m < self->view.origin_x
      || x + DL_LAYOUT_NODE_W / 2 + m > self->view.origin_x + w
      || y - m < self->view.origin_y || y + DL_LAYOUT_NODE_H + m > self->view.origin_y + h)
    fly_to_point (self, x, y + DL_LAYOUT_NODE_H / 2, MAX (self->view.zoom, 0.6));
}

void
dl_tree_canvas_select (DlTreeCanvas *self,
                       gint64        index,
                       gboolean      reveal_it)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  if (self->tree == NULL || index >= (gint64) dl_tree_get_n_nodes (self->tree))
    index = -1;
  if (index >= 0 && reveal_it)
    {
      if (!dl_layout_is_shown (self->layout, index))
        dl_tree_canvas_fly_to (self, index);
      else
        reveal (self, index);
    }
  if (self->view.selected == index)
    return;
  self->view.selected = index;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

void
dl_tree_canvas_set_colour_by (DlTreeCanvas *self,
                              DlColourBy    colour_by)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));
  g_return_if_fail (colour_by < DL_COLOUR_BY_N);

  self->view.colour_by = colour_by;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_tree_canvas_set_highlight (DlTreeCanvas *self,
                              DlHighlight   highlight)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));
  g_return_if_fail (highlight < DL_HIGHLIGHT_N);

  self->view.highlight = highlight;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
dl_tree_canvas_get_zoom (DlTreeCanvas *self)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), 1);

  return self->view.zoom;
}

void
dl_tree_canvas_zoom_by (DlTreeCanvas *self,
                        double        factor)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  set_zoom_at (self, self->view.zoom * factor,
               gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
dl_tree_canvas_zoom_to_fit (DlTreeCanvas *self)
{
  double w, h;

  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  if (self->layout == NULL)
    return;
  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  if (w <= 0 || h <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }
  self->view.layout = self->layout;
  dl_render_view_zoom_to_fit (&self->view, w, h);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_tree_canvas_focus (DlTreeCanvas *self,
                      gint64        index)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  if (self->layout == NULL)
    return;
  if (index >= (gint64) dl_tree_get_n_nodes (self->tree))
    index = -1;
  dl_layout_set_root (self->layout, index < 0 ? NONE : (guint) index);
  /* The focused member shows their group even when it was folded. */
  if (index >= 0 && dl_layout_is_collapsed (self->layout, index))
    dl_layout_set_collapsed (self->layout, index, FALSE);
  relayout (self);
  if (self->view.selected >= 0 && !dl_layout_is_shown (self->layout, self->view.selected))
    dl_tree_canvas_select (self, index, FALSE);
  else if (index >= 0 && self->view.selected < 0)
    dl_tree_canvas_select (self, index, FALSE);
  dl_tree_canvas_zoom_to_fit (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_ROOT]);
}

gint64
dl_tree_canvas_get_focus (DlTreeCanvas *self)
{
  guint root;

  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), -1);

  if (self->layout == NULL)
    return -1;
  root = dl_layout_get_root (self->layout);
  return root == NONE ? -1 : (gint64) root;
}

void
dl_tree_canvas_toggle_collapsed (DlTreeCanvas *self,
                                 guint         index)
{
  double before_x, before_y;

  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  if (self->layout == NULL || index >= dl_tree_get_n_nodes (self->tree)
      || dl_tree_get_node (self->tree, index)->n_children == 0)
    return;
  /* Keep the node under the same spot on screen. */
  before_x = dl_layout_get_x (self->layout, index);
  before_y = dl_layout_get_y (self->layout, index);
  dl_layout_set_collapsed (self->layout, index, !dl_layout_is_collapsed (self->layout, index));
  relayout (self);
  self->view.origin_x += dl_layout_get_x (self->layout, index) - before_x;
  self->view.origin_y += dl_layout_get_y (self->layout, index) - before_y;
}

void
dl_tree_canvas_set_matches (DlTreeCanvas *self,
                            const guint8 *matches)
{
  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  self->view.matches = matches;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
dl_tree_canvas_fly_to (DlTreeCanvas *self,
                       guint         index)
{
  gboolean changed = FALSE;

  g_return_if_fail (DL_IS_TREE_CANVAS (self));

  if (self->layout == NULL || index >= dl_tree_get_n_nodes (self->tree))
    return;
  if (index < dl_layout_get_begin (self->layout) || index >= dl_layout_get_end (self->layout))
    {
      dl_layout_set_root (self->layout, NONE);
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_ROOT]);
    }
  /* Unfold whatever hides them. */
  for (guint a = dl_tree_get_node (self->tree, index)->parent; a != NONE;
       a = dl_tree_get_node (self->tree, a)->parent)
    if (dl_layout_is_collapsed (self->layout, a))
      {
        dl_layout_set_collapsed (self->layout, a, FALSE);
        changed = TRUE;
      }
  if (changed)
    relayout (self);
  fly_to_point (self, dl_layout_get_x (self->layout, index),
                dl_layout_get_y (self->layout, index) + DL_LAYOUT_NODE_H / 2,
                MAX (self->view.zoom, 0.8));
}

gint64
dl_tree_canvas_hit_test (DlTreeCanvas *self,
                         double        x,
                         double        y)
{
  g_return_val_if_fail (DL_IS_TREE_CANVAS (self), -1);

  if (self->layout == NULL)
    return -1;
  return dl_layout_hit_test (self->layout, self->view.origin_x + x / self->view.zoom,
                             self->view.origin_y + y / self->view.zoom);
}

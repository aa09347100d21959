/* dl-insights-chart.c — one Insights chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws with dl_insights_chart_draw () in the theme's colours (dark
 * ones on a dark style).  The duplication chart's rows are people: a
 * click emits ::member-activated with the person's id.
 */

#define G_LOG_DOMAIN "dl-insights"

#include "config.h"

#include <adwaita.h>

#include "dl-insights-chart.h"

struct _DlInsightsChart
{
  GtkDrawingArea       parent_instance;

  DlInsightsChartKind  kind;
  DlInsightsScope      scope;   /* holds a reference on scope.data */
};

G_DEFINE_FINAL_TYPE (DlInsightsChart, dl_insights_chart, GTK_TYPE_DRAWING_AREA)

enum { PROP_0, PROP_KIND, N_PROPS };
enum { MEMBER_ACTIVATED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  DlInsightsChart *self = DL_INSIGHTS_CHART (area);
  DlInsightsColors colors;

  dl_insights_colors_init (&colors, adw_style_manager_get_dark (adw_style_manager_get_default ()));
  dl_insights_chart_draw (self->kind, &self->scope, cr, width, height, &colors);
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               DlInsightsChart *self)
{
  gint64 node;

  if (self->kind != DL_INSIGHTS_CHART_DUPLICATION || self->scope.data == NULL)
    return;
  node = dl_insights_duplication_row_at (&self->scope, y);
  if (node >= 0)
    g_signal_emit (self, signals[MEMBER_ACTIVATED], 0,
                   dl_tree_get_node (self->scope.data->tree, (guint) node)->person_id);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              DlInsightsChart          *self)
{
  gboolean on_row = self->kind == DL_INSIGHTS_CHART_DUPLICATION && self->scope.data != NULL
                    && dl_insights_duplication_row_at (&self->scope, y) >= 0;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), on_row ? "pointer" : NULL);
}

static void
on_dark_changed_cb (DlInsightsChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dl_insights_chart_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DlInsightsChart *self = DL_INSIGHTS_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_insights_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DlInsightsChart *self = DL_INSIGHTS_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_insights_chart_finalize (GObject *object)
{
  DlInsightsChart *self = DL_INSIGHTS_CHART (object);

  g_clear_pointer ((DlInsightsData **) &self->scope.data, dl_insights_data_unref);

  G_OBJECT_CLASS (dl_insights_chart_parent_class)->finalize (object);
}

static void
dl_insights_chart_class_init (DlInsightsChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = dl_insights_chart_set_property;
  object_class->get_property = dl_insights_chart_get_property;
  object_class->finalize = dl_insights_chart_finalize;

  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, DL_INSIGHTS_N_CHARTS - 1, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a personally enrolled member's row was clicked: their person id */
  signals[MEMBER_ACTIVATED] = g_signal_new ("member-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "insights-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dl_insights_chart_init (DlInsightsChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  g_signal_connect_object (click, "pressed", G_CALLBACK (on_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (motion, "motion", G_CALLBACK (on_motion_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
dl_insights_chart_new (DlInsightsChartKind kind)
{
  return g_object_new (DL_TYPE_INSIGHTS_CHART, "kind", kind, NULL);
}

DlInsightsChartKind
dl_insights_chart_get_kind (DlInsightsChart *self)
{
  g_return_val_if_fail (DL_IS_INSIGHTS_CHART (self), 0);

  return self->kind;
}

void
dl_insights_chart_set_scope (DlInsightsChart       *self,
                             const DlInsightsScope *scope)
{
  DlInsightsData *old;

  g_return_if_fail (DL_IS_INSIGHTS_CHART (self));
  g_return_if_fail (scope != NULL);

  old = (DlInsightsData *) self->scope.data;
  self->scope = *scope;
  if (scope->data != NULL)
    dl_insights_data_ref ((DlInsightsData *) scope->data);
  g_clear_pointer (&old, dl_insights_data_unref);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self),
                                       scope->data != NULL ? dl_insights_chart_height (self->kind, scope) : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

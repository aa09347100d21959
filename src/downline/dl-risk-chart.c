/* dl-risk-chart.c — predicted against observed, by tenth of the scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calibration chart of the dropout risk: the checked members sorted
 * by score and cut into ten equal groups; for each, a bar of the share
 * who were gone three months later and a dot of the share the score
 * foretold.  A score that is right has its dots on the bars' tops.
 */

#define G_LOG_DOMAIN "dl-downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-cairo.h"
#include "dl-risk-chart.h"

struct _DlRiskChart
{
  GtkDrawingArea  parent_instance;

  DlRiskModel     model;
};

G_DEFINE_FINAL_TYPE (DlRiskChart, dl_risk_chart, GTK_TYPE_DRAWING_AREA)

#define MARGIN_LEFT    44.0
#define MARGIN_RIGHT   12.0
#define MARGIN_TOP     12.0
#define MARGIN_BOTTOM  40.0

void
dl_risk_chart_draw (cairo_t           *cr,
                    int                width,
                    int                height,
                    const DlRiskModel *model,
                    const GdkRGBA     *fg,
                    const GdkRGBA     *accent)
{
  double plot_w = width - MARGIN_LEFT - MARGIN_RIGHT;
  double plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  double slot;

  if (plot_w < 40 || plot_h < 40)
    return;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);

  /* grid and axis labels: 0 %, 50 %, 100 % gone */
  cairo_set_line_width (cr, 1);
  for (int k = 0; k <= 4; k++)
    {
      double y = MARGIN_TOP + plot_h * (1 - k / 4.0);
      char label[16];

      dl_cairo_set_rgba (cr, fg, k == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, MARGIN_LEFT, (int) y + 0.5);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, (int) y + 0.5);
      cairo_stroke (cr);
      dl_cairo_set_rgba (cr, fg, 0.7);
      g_snprintf (label, sizeof label, "%d%%", k * 25);
      dl_cairo_show_text (cr, MARGIN_LEFT - 6, y + 4, label, 1);
    }

  dl_cairo_set_rgba (cr, fg, 0.7);
  dl_cairo_show_text (cr, MARGIN_LEFT + plot_w / 2, height - 6,
             _("Members by score, lowest tenth to highest"), 0.5);

  if (model == NULL || model->n_deciles == 0)
    return;

  slot = plot_w / model->n_deciles;
  for (guint d = 0; d < model->n_deciles; d++)
    {
      const DlRiskDecile *decile = &model->deciles[d];
      double x = MARGIN_LEFT + slot * d;
      double bar_h = plot_h * CLAMP (decile->observed, 0, 1);
      double dot_y = MARGIN_TOP + plot_h * (1 - CLAMP (decile->predicted, 0, 1));
      char label[8];

      /* observed: the bar */
      dl_cairo_set_rgba (cr, accent, 0.85);
      cairo_rectangle (cr, x + slot * 0.18, MARGIN_TOP + plot_h - bar_h, slot * 0.64, bar_h);
      cairo_fill (cr);

      /* foretold: a ringed dot */
      dl_cairo_set_rgba (cr, fg, 1);
      cairo_arc (cr, x + slot / 2, dot_y, 4, 0, 2 * G_PI);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      dl_cairo_set_rgba (cr, fg, 0.7);
      g_snprintf (label, sizeof label, "%u", d + 1);
      dl_cairo_show_text (cr, x + slot / 2, MARGIN_TOP + plot_h + 15, label, 0.5);
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  DlRiskChart *self = DL_RISK_CHART (area);
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (area));
  GdkRGBA fg, accent;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS

  dl_risk_chart_draw (cr, width, height, &self->model, &fg, &accent);
}

static void
dl_risk_chart_class_init (DlRiskChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "risk-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dl_risk_chart_init (DlRiskChart *self)
{
  dl_risk_model_init_expert (&self->model, DL_RISK_FALLBACK_NO_HISTORY);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self), 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
}

GtkWidget *
dl_risk_chart_new (void)
{
  return g_object_new (DL_TYPE_RISK_CHART, NULL);
}

void
dl_risk_chart_set_model (DlRiskChart       *self,
                         const DlRiskModel *model)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (DL_IS_RISK_CHART (self));
  g_return_if_fail (model != NULL);

  self->model = *model;

  /* what the picture says, for a screen reader */
  for (guint d = 0; d < model->n_deciles; d++)
    g_string_append_printf (description, _("Tenth %u: %.0f%% foretold, %.0f%% gone. "), d + 1,
                            100 * model->deciles[d].predicted, 100 * model->deciles[d].observed);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Predicted and observed dropouts"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

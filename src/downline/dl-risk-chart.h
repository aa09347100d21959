/* dl-risk-chart.h — predicted against observed, by tenth of the scores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-risk-model.h"

G_BEGIN_DECLS

#define DL_TYPE_RISK_CHART (dl_risk_chart_get_type ())

G_DECLARE_FINAL_TYPE (DlRiskChart, dl_risk_chart, DL, RISK_CHART, GtkDrawingArea)

GtkWidget *dl_risk_chart_new        (void);
/* Shows the model's deciles; a model without (n_deciles 0) draws an
 * empty frame. */
void       dl_risk_chart_set_model  (DlRiskChart       *self,
                                     const DlRiskModel *model);

/* Draws the chart of model on cr, width × height: the widget's drawing,
 * also for exporting it.  fg is the text and axis colour, accent the
 * bars'. */
void       dl_risk_chart_draw       (cairo_t           *cr,
                                     int                width,
                                     int                height,
                                     const DlRiskModel *model,
                                     const GdkRGBA     *fg,
                                     const GdkRGBA     *accent);

G_END_DECLS

/* dl-insights-chart.h — one Insights chart on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-insights-charts.h"

G_BEGIN_DECLS

#define DL_TYPE_INSIGHTS_CHART (dl_insights_chart_get_type ())

G_DECLARE_FINAL_TYPE (DlInsightsChart, dl_insights_chart, DL, INSIGHTS_CHART, GtkDrawingArea)

GtkWidget *dl_insights_chart_new       (DlInsightsChartKind    kind);
/* Draws scope (its data is referenced). */
void       dl_insights_chart_set_scope (DlInsightsChart       *self,
                                        const DlInsightsScope *scope);
DlInsightsChartKind dl_insights_chart_get_kind (DlInsightsChart *self);

G_END_DECLS

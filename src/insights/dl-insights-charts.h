/* dl-insights-charts.h — the Insights charts, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One function draws each chart on any cairo context, so the view and
 * the PNG, SVG and PDF exports draw the same picture; another says in
 * one plain sentence what it shows.
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-insights-data.h"

G_BEGIN_DECLS

typedef enum
{
  DL_INSIGHTS_CHART_RETENTION,
  DL_INSIGHTS_CHART_GROWTH,
  DL_INSIGHTS_CHART_DUPLICATION,
  DL_INSIGHTS_CHART_INCOME,
  DL_INSIGHTS_CHART_EFFORT,
  DL_INSIGHTS_CHART_PIPELINE,
  DL_INSIGHTS_CHART_RISK,
  DL_INSIGHTS_N_CHARTS,
} DlInsightsChartKind;

typedef struct
{
  GdkRGBA  fg;        /* text and axes */
  GdkRGBA  accent;    /* the main series */
  GdkRGBA  good;      /* growth: joined, back */
  GdkRGBA  warning;   /* became inactive */
  GdkRGBA  bad;       /* gone */
} DlInsightsColors;

/* Colours for light (dark FALSE) or dark backgrounds. */
void     dl_insights_colors_init  (DlInsightsColors *colors,
                                   gboolean          dark);

/* What one chart shows; months is how many of the latest months (0:
 * all), per_active what an active member earns a month, daily_goal the
 * new contacts a day and pipeline_goal the prospects aimed for. */
typedef struct
{
  const DlInsightsData *data;
  guint                 months;
  double                per_active;
  guint                 daily_goal;   /* new contacts a day the user aims for */
  guint                 pipeline_goal;/* prospects to keep in the pipeline */
} DlInsightsScope;

/* The height the chart wants at width (the duplication chart grows with
 * its rows). */
int      dl_insights_chart_height (DlInsightsChartKind     kind,
                                   const DlInsightsScope  *scope);

void     dl_insights_chart_draw   (DlInsightsChartKind     kind,
                                   const DlInsightsScope  *scope,
                                   cairo_t                *cr,
                                   int                     width,
                                   int                     height,
                                   const DlInsightsColors *colors);

/* The plain reading above the chart; NULL when the chart has nothing to
 * show (the view then says what it needs). */
char    *dl_insights_chart_reading (DlInsightsChartKind    kind,
                                    const DlInsightsScope *scope);

/* The duplication chart's row at y: the tree index of that personally
 * enrolled member, or -1. */
gint64   dl_insights_duplication_row_at (const DlInsightsScope *scope,
                                         double                 y);

/* Writes the chart to path as PNG, SVG or PDF, by its name's ending,
 * width × height (pixels or points), on a white page. */
gboolean dl_insights_chart_export (DlInsightsChartKind     kind,
                                   const DlInsightsScope  *scope,
                                   const char             *path,
                                   int                     width,
                                   GError                **error);

G_END_DECLS

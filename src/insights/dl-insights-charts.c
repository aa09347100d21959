/* dl-insights-charts.c — the Insights charts, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-insights"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "dl-cairo.h"
#include "dl-insights-charts.h"
#include "dl-risk-chart.h"

#define MARGIN_LEFT    52.0
#define MARGIN_RIGHT   16.0
#define MARGIN_TOP     14.0
#define MARGIN_BOTTOM  34.0
#define FONT_SIZE      11.0
#define CHART_HEIGHT   240
#define DUP_ROW_HEIGHT 30.0
#define DUP_MAX_ROWS   8
#define DUP_NAME_WIDTH 150.0

void
dl_insights_colors_init (DlInsightsColors *colors,
                         gboolean          dark)
{
  /* GNOME's palette; blue, green, orange and red stay apart for the
   * common colour blindnesses, and every series also differs in place */
  gdk_rgba_parse (&colors->fg, dark ? "#ffffff" : "#241f31");
  gdk_rgba_parse (&colors->accent, dark ? "#78aeed" : "#3584e4");
  gdk_rgba_parse (&colors->good, dark ? "#57e389" : "#26a269");
  gdk_rgba_parse (&colors->warning, dark ? "#ffa348" : "#e66100");
  gdk_rgba_parse (&colors->bad, dark ? "#f66151" : "#c01c28");
}

/* The key under a chart: a swatch and a word for each series, so no
 * series depends on colour alone. */
typedef struct
{
  const char    *text;
  const GdkRGBA *color;
} KeyItem;

static void
draw_key (cairo_t                *cr,
          const DlInsightsColors *colors,
          double                  x,
          double                  y,
          const KeyItem          *items,
          guint                   n)
{
  for (guint i = 0; i < n; i++)
    {
      cairo_text_extents_t extents;

      dl_cairo_set_rgba (cr, items[i].color, 0.9);
      cairo_rectangle (cr, x, y, 10, 10);
      cairo_fill (cr);
      dl_cairo_set_rgba (cr, &colors->fg, 0.8);
      cairo_move_to (cr, x + 14, y + 9);
      cairo_show_text (cr, items[i].text);
      cairo_text_extents (cr, items[i].text, &extents);
      x += 14 + extents.x_advance + 16;
    }
}

/* The months the scope shows: [*from, growth->len). */
static guint
first_month (const DlInsightsScope *scope)
{
  guint n = scope->data->growth->len;

  return scope->months > 0 && scope->months < n ? n - scope->months : 0;
}

static char *
month_label (DlPeriod period)
{
  /* "Nov 2026", as the rest of the app writes a month */
  return dl_day_format_month (period / 12, period % 12 + 1);
}

static char *
month_name (DlPeriod period)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (period / 12, period % 12 + 1, 1, 0, 0, 0);

  return g_date_time_format (dt, "%B %Y");
}

/* A horizontal grid of n steps from 0 to top, labelled by format. */
static void
draw_grid (cairo_t                *cr,
           const DlInsightsColors *colors,
           double                  x,
           double                  y,
           double                  w,
           double                  h,
           double                  top,
           gboolean                percent)
{
  cairo_set_line_width (cr, 1);
  for (int k = 0; k <= 4; k++)
    {
      double gy = (int) (y + h * (1 - k / 4.0)) + 0.5;
      char label[32];

      dl_cairo_set_rgba (cr, &colors->fg, k == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, x, gy);
      cairo_line_to (cr, x + w, gy);
      cairo_stroke (cr);
      dl_cairo_set_rgba (cr, &colors->fg, 0.7);
      if (percent)
        g_snprintf (label, sizeof label, "%.0f%%", top * k / 4.0 * 100);
      else
        g_snprintf (label, sizeof label, "%'.0f", top * k / 4.0);
      dl_cairo_show_text (cr, x - 6, gy + 4, label, 1);
    }
}

/* A round number at or above value, for an axis's top. */
static double
nice_top (double value)
{
  double magnitude, f;

  if (value <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (value)));
  f = value / magnitude;
  return (f <= 1 ? 1 : f <= 1.5 ? 1.5 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 3 ? 3
          : f <= 4 ? 4 : f <= 5 ? 5 : f <= 6 ? 6 : f <= 8 ? 8 : 10) * magnitude;
}

/* ---- Retention --------------------------------------------------------- */

/* The join months the scope shows (the latest scope->months of them). */
static GArray *
shown_cohorts (const DlInsightsScope *scope)
{
  const GArray *cohorts = scope->data->cohorts;
  guint from = scope->months > 0 && scope->months < cohorts->len ? cohorts->len - scope->months : 0;
  GArray *shown = g_array_new (FALSE, FALSE, sizeof (DlCohort));

  if (cohorts->len > from)
    g_array_append_vals (shown, &g_array_index (cohorts, DlCohort, from), cohorts->len - from);
  return shown;
}

static double
retention_x (double x,
             double w,
             guint  months_after)
{
  /* 0 … 12 months after joining, linearly */
  return x + w * months_after / 12.0;
}

static void
draw_retention (const DlInsightsScope  *scope,
                cairo_t                *cr,
                double                  x,
                double                  y,
                double                  w,
                double                  h,
                const DlInsightsColors *colors)
{
  const GArray *cohorts = scope->data->cohorts;
  guint from = scope->months > 0 && scope->months < cohorts->len ? cohorts->len - scope->months : 0;
  double field_y = y + h * (1 - DL_INSIGHTS_FIELD_RETENTION_12);

  draw_grid (cr, colors, x, y, w, h, 1.0, TRUE);

  dl_cairo_set_rgba (cr, &colors->fg, 0.7);
  for (guint i = 0; i <= DL_INSIGHTS_N_HORIZONS; i++)
    {
      guint after = i == 0 ? 0 : dl_insights_horizon (i - 1);
      char label[32];

      if (i == 0)
        g_strlcpy (label, _("joined"), sizeof label);
      else
        g_snprintf (label, sizeof label, _("%u mo"), after);
      dl_cairo_show_text (cr, retention_x (x, w, after), y + h + 15, label, i == 0 ? 0 : i == DL_INSIGHTS_N_HORIZONS ? 1 : 0.5);
    }
  dl_cairo_show_text (cr, x + w / 2, y + h + 30, _("Months after joining"), 0.5);

  /* each join month, faint */
  cairo_set_line_width (cr, 1.2);
  for (guint i = from; i < cohorts->len; i++)
    {
      const DlCohort *c = &g_array_index (cohorts, DlCohort, i);
      gboolean started = FALSE;

      dl_cairo_set_rgba (cr, &colors->accent, 0.25);
      for (guint k = 0; k < DL_INSIGHTS_N_HORIZONS; k++)
        {
          double px, py;

          if (c->active_after[k] < 0)
            continue;
          px = retention_x (x, w, dl_insights_horizon (k));
          py = y + h * (1 - c->active_after[k] / (double) c->n_joined);
          if (!started)
            cairo_move_to (cr, k == 0 ? retention_x (x, w, 0) : px, k == 0 ? y : py);
          cairo_line_to (cr, px, py);
          started = TRUE;
        }
      cairo_stroke (cr);
    }

  /* the field's figure */
  dl_cairo_set_rgba (cr, &colors->warning, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
  cairo_move_to (cr, x, field_y);
  cairo_line_to (cr, x + w, field_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  dl_cairo_show_text (cr, x + w - 4, field_y - 6, _("The field: 1 in 5 after a year"), 1);

  /* all join months together, bold, with their figures */
  {
    g_autoptr(GArray) shown = shown_cohorts (scope);
    gboolean started = FALSE;

    dl_cairo_set_rgba (cr, &colors->accent, 1);
    cairo_set_line_width (cr, 3);
    cairo_move_to (cr, retention_x (x, w, 0), y);
    started = TRUE;
    for (guint k = 0; k < DL_INSIGHTS_N_HORIZONS; k++)
      {
        double share = dl_insights_retention (shown, k, NULL);

        if (isnan (share))
          continue;
        cairo_line_to (cr, retention_x (x, w, dl_insights_horizon (k)), y + h * (1 - share));
      }
    if (started)
      cairo_stroke (cr);
    for (guint k = 0; k < DL_INSIGHTS_N_HORIZONS; k++)
      {
        double share = dl_insights_retention (shown, k, NULL);
        double px = retention_x (x, w, dl_insights_horizon (k)), py = y + h * (1 - share);
        char label[16];

        if (isnan (share))
          continue;
        dl_cairo_set_rgba (cr, &colors->accent, 1);
        cairo_arc (cr, px, py, 4.5, 0, 2 * G_PI);
        cairo_fill (cr);
        dl_cairo_set_rgba (cr, &colors->fg, 1);
        g_snprintf (label, sizeof label, "%.0f%%", 100 * share);
        /* above the dot, or below it near the top */
        dl_cairo_show_text (cr, px + (share > 0.9 ? 8 : 0), share > 0.9 ? py + 16 : py - 9, label,
                   k == DL_INSIGHTS_N_HORIZONS - 1 ? 1 : share > 0.9 ? 0 : 0.5);
      }
  }
}

/* ---- Growth ------------------------------------------------------------ */

static void
draw_growth (const DlInsightsScope  *scope,
             cairo_t                *cr,
             double                  x,
             double                  y,
             double                  w,
             double                  h,
             const DlInsightsColors *colors)
{
  const GArray *growth = scope->data->growth;
  guint from = first_month (scope), n = growth->len - from;
  double line_h = h * 0.45, gap = 18, bars_y = y + line_h + gap, bars_h = h - line_h - gap;
  double top_active = 0, top_flow = 0, slot, mid;

  for (guint k = from; k < growth->len; k++)
    {
      const DlGrowthMonth *g = &g_array_index (growth, DlGrowthMonth, k);

      top_active = MAX (top_active, g->active);
      top_flow = MAX (top_flow, MAX (g->joined + g->reactivated, g->became_inactive + g->terminated));
    }
  top_active = nice_top (top_active);
  top_flow = nice_top (top_flow);
  slot = w / n;

  /* active members, a line over the months */
  draw_grid (cr, colors, x, y, w, line_h, top_active, FALSE);
  dl_cairo_set_rgba (cr, &colors->accent, 1);
  cairo_set_line_width (cr, 2.5);
  for (guint k = from; k < growth->len; k++)
    {
      const DlGrowthMonth *g = &g_array_index (growth, DlGrowthMonth, k);
      double px = x + slot * (k - from + 0.5), py = y + line_h * (1 - g->active / top_active);

      if (k == from)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
  dl_cairo_set_rgba (cr, &colors->fg, 0.8);
  dl_cairo_show_text (cr, x + 4, y + 10, _("Active members"), 0);

  /* joined and back above the middle, inactive and gone below */
  mid = bars_y + bars_h / 2;
  dl_cairo_set_rgba (cr, &colors->fg, 0.5);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, (int) mid + 0.5);
  cairo_line_to (cr, x + w, (int) mid + 0.5);
  cairo_stroke (cr);
  /* the flows' scale: people a month, in and out */
  {
    char label[32];

    dl_cairo_set_rgba (cr, &colors->fg, 0.7);
    g_snprintf (label, sizeof label, "+%'.0f", top_flow);
    dl_cairo_show_text (cr, x - 6, bars_y + 4, label, 1);
    dl_cairo_show_text (cr, x - 6, mid + 4, "0", 1);
    g_snprintf (label, sizeof label, "−%'.0f", top_flow);
    dl_cairo_show_text (cr, x - 6, bars_y + bars_h + 4, label, 1);
  }
  for (guint k = from; k < growth->len; k++)
    {
      const DlGrowthMonth *g = &g_array_index (growth, DlGrowthMonth, k);
      double bx = x + slot * (k - from) + slot * 0.2, bw = slot * 0.6;
      double unit = (bars_h / 2) / top_flow;
      double up = 0, down = 0;
      struct { guint count; const GdkRGBA *c; int dir; } parts[] = {
        { g->joined, &colors->accent, -1 }, { g->reactivated, &colors->good, -1 },
        { g->became_inactive, &colors->warning, 1 }, { g->terminated, &colors->bad, 1 },
      };

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          double len = parts[p].count * unit;

          dl_cairo_set_rgba (cr, parts[p].c, 0.9);
          if (parts[p].dir < 0)
            {
              cairo_rectangle (cr, bx, mid - up - len, bw, len);
              up += len;
            }
          else
            {
              cairo_rectangle (cr, bx, mid + down, bw, len);
              down += len;
            }
          cairo_fill (cr);
        }

      /* a label every few months so they never collide */
      if ((k - from) % MAX (1u, (guint) ceil (64.0 / slot)) == 0 || k == growth->len - 1)
        {
          g_autofree char *label = month_label (g->period);

          dl_cairo_set_rgba (cr, &colors->fg, 0.7);
          dl_cairo_show_text (cr, x + slot * (k - from + 0.5), y + h + 15, label, 0.5);
        }
    }

  /* the key, in words beside colour */
  {
    const KeyItem key[] = {
      { _("joined"), &colors->accent }, { _("back"), &colors->good },
      { _("inactive"), &colors->warning }, { _("gone"), &colors->bad },
    };

    draw_key (cr, colors, x, y + h + 22, key, G_N_ELEMENTS (key));
  }
}

/* ---- Duplication ------------------------------------------------------- */

static guint
dup_rows (const DlInsightsScope *scope)
{
  return MIN (scope->data->duplication->rows->len, DUP_MAX_ROWS);
}

gint64
dl_insights_duplication_row_at (const DlInsightsScope *scope,
                                double                 y)
{
  int row = (int) floor ((y - MARGIN_TOP) / DUP_ROW_HEIGHT);

  if (y < MARGIN_TOP || row < 0 || (guint) row >= dup_rows (scope))
    return -1;
  return g_array_index (scope->data->duplication->rows, DlDuplicationRow, row).node;
}

static char *
dup_facts (const DlDuplicationRow *row)
{
  return g_strdup_printf (_("%'u in team · %u deep · %u of %u recruits recruit"),
                          row->team_size, row->generations, row->n_recruits_recruiting, row->n_recruits);
}

static void
draw_duplication (const DlInsightsScope  *scope,
                  cairo_t                *cr,
                  double                  width,
                  const DlInsightsColors *colors)
{
  const DlDuplication *d = scope->data->duplication;
  guint n = dup_rows (scope);
  double top = 0, bar_x = DUP_NAME_WIDTH + 8, bar_w;

  double facts_w = 0;

  /* the bars take what the widest line of facts leaves */
  for (guint i = 0; i < n; i++)
    {
      const DlDuplicationRow *row = &g_array_index (d->rows, DlDuplicationRow, i);
      g_autofree char *facts = dup_facts (row);
      cairo_text_extents_t extents;

      top = MAX (top, row->team_size);
      cairo_text_extents (cr, facts, &extents);
      facts_w = MAX (facts_w, extents.x_advance);
    }
  top = MAX (top, 1);
  bar_w = MAX (width - bar_x - MARGIN_RIGHT - facts_w - 12, 40);

  for (guint i = 0; i < n; i++)
    {
      const DlDuplicationRow *row = &g_array_index (d->rows, DlDuplicationRow, i);
      const char *name = dl_tree_get_node (scope->data->tree, row->node)->name;
      double ry = MARGIN_TOP + i * DUP_ROW_HEIGHT;
      double len = bar_w * row->team_size / top;
      g_autofree char *facts = NULL;
      g_autofree char *shown = NULL;
      cairo_text_extents_t extents;

      /* the name, cut to its column */
      shown = g_strdup (name);
      cairo_text_extents (cr, shown, &extents);
      while (extents.x_advance > DUP_NAME_WIDTH && g_utf8_strlen (shown, -1) > 2)
        {
          char *cut = g_utf8_offset_to_pointer (shown, g_utf8_strlen (shown, -1) - 2);

          strcpy (cut, "…");
          cairo_text_extents (cr, shown, &extents);
        }
      dl_cairo_set_rgba (cr, &colors->fg, 1);
      dl_cairo_show_text (cr, DUP_NAME_WIDTH, ry + DUP_ROW_HEIGHT / 2 + 4, shown, 1);

      dl_cairo_set_rgba (cr, &colors->accent, 0.85);
      cairo_rectangle (cr, bar_x, ry + 6, MAX (len, 2), DUP_ROW_HEIGHT - 12);
      cairo_fill (cr);

      facts = dup_facts (row);
      dl_cairo_set_rgba (cr, &colors->fg, 0.75);
      dl_cairo_show_text (cr, bar_x + MAX (len, 2) + 8, ry + DUP_ROW_HEIGHT / 2 + 4, facts, 0);
    }
}

/* ---- Income ------------------------------------------------------------ */

static void
income_of (const DlInsightsScope *scope,
           DlIncomeProjection    *income)
{
  dl_insights_income (scope->data->growth, scope->data->active_now, scope->per_active, income);
}

static void
draw_income (const DlInsightsScope  *scope,
             cairo_t                *cr,
             double                  x,
             double                  y,
             double                  w,
             double                  h,
             const DlInsightsColors *colors)
{
  DlIncomeProjection income;
  double top, slot;

  income_of (scope, &income);
  top = nice_top (MAX (income.income_now, income.income_in_12));
  draw_grid (cr, colors, x, y, w, h, top, FALSE);
  slot = w / 13;
  for (guint m = 0; m <= 12; m++)
    {
      double value = income.active_now * pow (1 + income.monthly_growth, m) * income.per_active;
      double bh = h * value / top;

      dl_cairo_set_rgba (cr, &colors->accent, m == 0 ? 1 : 0.55);
      cairo_rectangle (cr, x + slot * m + slot * 0.15, y + h - bh, slot * 0.7, bh);
      cairo_fill (cr);
      if (m == 0 || m == 6 || m == 12)
        {
          char label[32];

          dl_cairo_set_rgba (cr, &colors->fg, 0.7);
          if (m == 0)
            g_strlcpy (label, _("now"), sizeof label);
          else
            g_snprintf (label, sizeof label, _("in %u mo"), m);
          dl_cairo_show_text (cr, x + slot * (m + 0.5), y + h + 15, label, 0.5);
        }
    }
}

/* ---- Effort ------------------------------------------------------------ */

/* Every third week's Monday under the axis, and the last. */
static void
draw_week_labels (const DlEffortWeek     *weeks,
                  cairo_t                *cr,
                  double                  x,
                  double                  y,
                  double                  slot,
                  const DlInsightsColors *colors)
{
  for (guint i = 0; i < DL_INSIGHTS_EFFORT_WEEKS; i++)
    {
      g_autofree char *label = NULL;

      if (i % 3 != 0 && i != DL_INSIGHTS_EFFORT_WEEKS - 1)
        continue;
      /* the week's Monday: "3 Nov" */
      label = dl_day_format_day_month (weeks[i].week_start);
      if (label == NULL)
        continue;
      dl_cairo_set_rgba (cr, &colors->fg, 0.7);
      dl_cairo_show_text (cr, x + slot * (i + 0.5), y, label, 0.5);
    }
}

static void
draw_goal_line (cairo_t                *cr,
                const DlInsightsColors *colors,
                double                  x,
                double                  w,
                double                  goal_y,
                const char             *label)
{
  dl_cairo_set_rgba (cr, &colors->warning, 0.9);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, (double[]) { 5, 4 }, 2, 0);
  cairo_move_to (cr, x, goal_y);
  cairo_line_to (cr, x + w, goal_y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (label != NULL)
    dl_cairo_show_text (cr, x + w - 4, goal_y - 6, label, 1);
}

static void
draw_effort (const DlInsightsScope  *scope,
             cairo_t                *cr,
             double                  x,
             double                  y,
             double                  w,
             double                  h,
             const DlInsightsColors *colors)
{
  const DlEffortWeek *weeks = scope->data->effort;
  guint n = DL_INSIGHTS_EFFORT_WEEKS, goal = scope->daily_goal * 7;
  double top = goal, slot = w / n, goal_y;

  for (guint i = 0; i < n; i++)
    top = MAX (top, MAX (weeks[i].new_contacts, weeks[i].contacts_logged));
  top = nice_top (top);
  draw_grid (cr, colors, x, y, w, h, top, FALSE);

  /* people added to the pipeline, a bar a week */
  for (guint i = 0; i < n; i++)
    {
      double bh = h * weeks[i].new_contacts / top;

      dl_cairo_set_rgba (cr, &colors->accent, 0.85);
      cairo_rectangle (cr, x + slot * i + slot * 0.2, y + h - bh, slot * 0.6, bh);
      cairo_fill (cr);
    }
  draw_week_labels (weeks, cr, x, y + h + 15, slot, colors);

  /* contacts logged, a line */
  dl_cairo_set_rgba (cr, &colors->good, 1);
  cairo_set_line_width (cr, 2.5);
  for (guint i = 0; i < n; i++)
    {
      double px = x + slot * (i + 0.5), py = y + h * (1 - weeks[i].contacts_logged / top);

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);

  /* the week's goal */
  goal_y = y + h * (1 - goal / top);
  draw_goal_line (cr, colors, x, w, goal_y, NULL);

  {
    const KeyItem key[] = {
      { _("added to the pipeline"), &colors->accent }, { _("contacts logged"), &colors->good },
      { _("goal for new contacts"), &colors->warning },
    };

    draw_key (cr, colors, x, y + h + 22, key, G_N_ELEMENTS (key));
  }
}

static void
draw_pipeline (const DlInsightsScope  *scope,
               cairo_t                *cr,
               double                  x,
               double                  y,
               double                  w,
               double                  h,
               const DlInsightsColors *colors)
{
  const DlEffortWeek *weeks = scope->data->effort;
  double top = scope->pipeline_goal, slot = w / DL_INSIGHTS_EFFORT_WEEKS;
  g_autofree char *goal = g_strdup_printf (_("goal: %u"), scope->pipeline_goal);

  for (guint i = 0; i < DL_INSIGHTS_EFFORT_WEEKS; i++)
    top = MAX (top, weeks[i].pipeline);
  top = nice_top (top * 1.1);
  draw_grid (cr, colors, x, y, w, h, top, FALSE);

  dl_cairo_set_rgba (cr, &colors->accent, 1);
  cairo_set_line_width (cr, 3);
  for (guint i = 0; i < DL_INSIGHTS_EFFORT_WEEKS; i++)
    {
      double px = x + slot * (i + 0.5), py = y + h * (1 - weeks[i].pipeline / top);

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < DL_INSIGHTS_EFFORT_WEEKS; i++)
    {
      cairo_arc (cr, x + slot * (i + 0.5), y + h * (1 - weeks[i].pipeline / top), 3.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  draw_goal_line (cr, colors, x, w, y + h * (1 - scope->pipeline_goal / top), goal);
  draw_week_labels (weeks, cr, x, y + h + 15, slot, colors);
}

/* ---- Dispatch ---------------------------------------------------------- */

int
dl_insights_chart_height (DlInsightsChartKind    kind,
                          const DlInsightsScope *scope)
{
  if (kind == DL_INSIGHTS_CHART_DUPLICATION)
    return (int) (MARGIN_TOP * 2 + DUP_ROW_HEIGHT * MAX (dup_rows (scope), 1));
  if (kind == DL_INSIGHTS_CHART_GROWTH)
    return CHART_HEIGHT + 60;
  if (kind == DL_INSIGHTS_CHART_EFFORT)
    return CHART_HEIGHT + 20;
  return CHART_HEIGHT;
}

void
dl_insights_chart_draw (DlInsightsChartKind     kind,
                        const DlInsightsScope  *scope,
                        cairo_t                *cr,
                        int                     width,
                        int                     height,
                        const DlInsightsColors *colors)
{
  double x = MARGIN_LEFT, y = MARGIN_TOP;
  double w = width - MARGIN_LEFT - MARGIN_RIGHT, h = height - MARGIN_TOP - MARGIN_BOTTOM;

  if (scope == NULL || scope->data == NULL || w < 60 || h < 40)
    return;

  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, FONT_SIZE);

  switch (kind)
    {
    case DL_INSIGHTS_CHART_RETENTION:
      if (scope->data->cohorts->len > 0)
        draw_retention (scope, cr, x, y, w, h, colors);
      break;
    case DL_INSIGHTS_CHART_GROWTH:
      if (scope->data->growth->len > 0)
        draw_growth (scope, cr, x, y, w, h - 20, colors);
      break;
    case DL_INSIGHTS_CHART_DUPLICATION:
      draw_duplication (scope, cr, width, colors);
      break;
    case DL_INSIGHTS_CHART_INCOME:
      draw_income (scope, cr, x, y, w, h, colors);
      break;
    case DL_INSIGHTS_CHART_EFFORT:
      if (scope->data->has_effort)
        draw_effort (scope, cr, x, y, w, h - 20, colors);
      break;
    case DL_INSIGHTS_CHART_PIPELINE:
      if (scope->data->has_effort)
        draw_pipeline (scope, cr, x, y, w, h, colors);
      break;
    case DL_INSIGHTS_CHART_RISK:
      dl_risk_chart_draw (cr, width, height, &scope->data->model, &colors->fg, &colors->accent);
      break;
    case DL_INSIGHTS_N_CHARTS:
    default:
      g_return_if_reached ();
    }
}

char *
dl_insights_chart_reading (DlInsightsChartKind    kind,
                           const DlInsightsScope *scope)
{
  const DlInsightsData *data = scope->data;

  switch (kind)
    {
    case DL_INSIGHTS_CHART_RETENTION:
      {
        g_autoptr(GArray) shown = shown_cohorts (scope);
        guint n12 = 0, n6 = 0, n3 = 0;
        double r12 = dl_insights_retention (shown, 3, &n12);
        double r6 = dl_insights_retention (shown, 2, &n6);
        double r3 = dl_insights_retention (shown, 1, &n3);

        if (shown->len == 0)
          return NULL;
        if (!isnan (r12) && n12 >= 10)
          {
            double times = r12 / DL_INSIGHTS_FIELD_RETENTION_12;

            if (times >= 1.15)
              return g_strdup_printf (_("Of the members whose first year is known, %.0f%% were still active after twelve months: about %.1f times the field’s one in five."),
                                      100 * r12, times);
            if (times <= 0.85)
              return g_strdup_printf (_("Of the members whose first year is known, %.0f%% were still active after twelve months: below the field’s one in five."),
                                      100 * r12);
            return g_strdup_printf (_("Of the members whose first year is known, %.0f%% were still active after twelve months: about the field’s one in five."),
                                    100 * r12);
          }
        if (!isnan (r6))
          return g_strdup_printf (_("Of the members whose first six months are known, %.0f%% were still active six months on."), 100 * r6);
        if (!isnan (r3))
          return g_strdup_printf (_("Of the members whose first three months are known, %.0f%% were still active three months on."), 100 * r3);
        return g_strdup (_("Too few months are known yet to say who stays."));
      }

    case DL_INSIGHTS_CHART_GROWTH:
      {
        guint from = first_month (scope);
        const DlGrowthMonth *first, *last;
        guint joined = 0, left = 0;
        g_autofree char *since = NULL;

        if (data->growth->len < 2)
          return NULL;
        first = &g_array_index (data->growth, DlGrowthMonth, from);
        last = &g_array_index (data->growth, DlGrowthMonth, data->growth->len - 1);
        for (guint k = from + 1; k < data->growth->len; k++)
          {
            const DlGrowthMonth *g = &g_array_index (data->growth, DlGrowthMonth, k);

            joined += g->joined;
            left += g->terminated + g->became_inactive;
          }
        since = month_name (first->period);
        if (first->active == 0)
          return g_strdup_printf (_("%'u active members now; %'u joined and %'u left or went quiet since %s."),
                                  last->active, joined, left, since);
        return g_strdup_printf (_("Active members went from %'u to %'u since %s (%+.0f%%): %'u joined, %'u left or went quiet."),
                                first->active, last->active, since,
                                100.0 * ((double) last->active - first->active) / first->active, joined, left);
      }

    case DL_INSIGHTS_CHART_DUPLICATION:
      {
        const DlDuplication *d = data->duplication;
        guint top3 = 0;

        if (d->n_members == 0)
          return NULL;
        for (guint i = 0; i < MIN (d->rows->len, 3); i++)
          top3 += g_array_index (d->rows, DlDuplicationRow, i).team_size + 1;
        return g_strdup_printf (_("%.0f%% of your organisation have recruited someone; your three biggest lines hold %.0f%% of it."),
                                100.0 * d->n_recruiting / d->n_members, 100.0 * top3 / d->n_members);
      }

    case DL_INSIGHTS_CHART_INCOME:
      {
        DlIncomeProjection income;

        income_of (scope, &income);
        if (income.growth_months == 0)
          return g_strdup_printf (_("%'u active members at %.2f each make about %'.0f a month. With monthly figures the projection would follow your growth."),
                                  income.active_now, income.per_active, income.income_now);
        return g_strdup_printf (_("%'u active members at %.2f each make about %'.0f a month; if the last months’ %+.1f%% a month goes on, about %'.0f in a year."),
                                income.active_now, income.per_active, income.income_now,
                                100 * income.monthly_growth, income.income_in_12);
      }

    case DL_INSIGHTS_CHART_EFFORT:
      {
        guint added = 0, logged = 0, joined = 0, welcomed = 0;
        g_autofree char *habits = NULL;

        if (!data->has_effort)
          return NULL;
        for (guint i = 0; i < DL_INSIGHTS_EFFORT_WEEKS; i++)
          {
            added += data->effort[i].new_contacts;
            logged += data->effort[i].contacts_logged;
            joined += data->effort[i].joined;
            welcomed += data->effort[i].welcomed;
          }
        habits = g_strdup_printf (_("Over the last twelve weeks you added %.1f people a week to the pipeline (the goal is %u) and logged %.1f contacts a week."),
                                  added / (double) DL_INSIGHTS_EFFORT_WEEKS, scope->daily_goal * 7,
                                  logged / (double) DL_INSIGHTS_EFFORT_WEEKS);
        if (joined == 0)
          return g_steal_pointer (&habits);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s Of %u new member, %.0f%% had a welcome within 72 hours.",
                                             "%s Of %u new members, %.0f%% had a welcome within 72 hours.",
                                             joined),
                                habits, joined, 100.0 * welcomed / joined);
      }

    case DL_INSIGHTS_CHART_PIPELINE:
      {
        guint now, before;

        if (!data->has_effort)
          return NULL;
        now = data->effort[DL_INSIGHTS_EFFORT_WEEKS - 1].pipeline;
        before = data->effort[0].pipeline;
        if (now == 0 && before == 0)
          return NULL;
        if (now >= scope->pipeline_goal)
          return g_strdup_printf (_("Your pipeline holds %u prospects, at or above your goal of %u; twelve weeks ago it held %u."),
                                  now, scope->pipeline_goal, before);
        return g_strdup_printf (_("Your pipeline holds %u prospects, %u short of your goal of %u; twelve weeks ago it held %u."),
                                now, scope->pipeline_goal - now, scope->pipeline_goal, before);
      }

    case DL_INSIGHTS_CHART_RISK:
      if (isnan (data->model.auc) || data->model.n_deciles == 0)
        return NULL;
      return g_strdup_printf (_("On months it never saw, the dropout risk ranked someone who left above someone who stayed %.0f times in 100."),
                              100 * data->model.auc);

    case DL_INSIGHTS_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
dl_insights_chart_export (DlInsightsChartKind     kind,
                          const DlInsightsScope  *scope,
                          const char             *path,
                          int                     width,
                          GError                **error)
{
  int height = dl_insights_chart_height (kind, scope);
  cairo_surface_t *surface;
  cairo_status_t status;
  DlInsightsColors colors;
  cairo_t *cr;
  gboolean png = g_str_has_suffix (path, ".png");

  dl_insights_colors_init (&colors, FALSE);
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  else if (g_str_has_suffix (path, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else if (g_str_has_suffix (path, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   _("Choose a name ending in .png, .svg or .pdf."));
      return FALSE;
    }

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  dl_insights_chart_draw (kind, scope, cr, width, height, &colors);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (png)
    status = cairo_surface_write_to_png (surface, path);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” could not be written: %s"),
                   display, cairo_status_to_string (status));
      return FALSE;
    }
  /* people's names are in it */
  g_chmod (path, 0600);
  return TRUE;
}

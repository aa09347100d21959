/* bench-draw.c — drawing frames of a big downline
 *
 *   bench-draw [MEMBERS | FILE.csv]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lays out the whole sample business (default a million members, nothing
 * folded), then draws 1920×1080 frames with the real drawing code on an
 * offscreen cairo image surface along a scripted path: from fit-all,
 * zooming in towards a member deep in the tree down to a single node and
 * panning along its level, then back out.  Reports the median and the
 * 95th percentile.  Target: 8 ms at the 95th percentile.
 */

#include "config.h"

#include "bench-tree-source.h"
#include <math.h>
#include <time.h>

#include "dl-tree-render.h"

#define TARGET_MS 8.0
#define WIDTH     1920
#define HEIGHT    1080
#define FRAMES    240

/* This thread's CPU time in ms: unlike the wall clock, not stretched
 * when other processes share the cores. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db;
}

int
main (int   argc,
      char *argv[])
{
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  g_autoptr(DlTree) tree = bench_tree_from_args (argc, argv, 1000000, today);
  DlLayout *layout = dl_layout_new (tree);
  DlTreeFacts *facts;
  DlRenderView view;
  DlRenderStats stats = { 0, };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double times[FRAMES];
  double cpu_times[FRAMES];
  double x0, y0, x1, y1, fit, target_x, target_y;
  guint n = dl_tree_get_n_nodes (tree), deep = 0, labels = 0, max_nodes = 0;
  gint64 start;

  start = g_get_monotonic_time ();
  facts = dl_tree_facts_new (tree, NULL, today);
  printf ("bench-draw: %u members; colours and reasons in %.0f ms\n", n,
          (g_get_monotonic_time () - start) / 1e3);
  dl_layout_expand_all (layout);
  dl_layout_run (layout);
  dl_layout_get_bounds (layout, &x0, &y0, &x1, &y1);

  for (guint i = 0; i < n; i++)
    if (dl_tree_get_node (tree, i)->level > dl_tree_get_node (tree, deep)->level)
      deep = i;
  target_x = dl_layout_get_x (layout, deep);
  target_y = dl_layout_get_y (layout, deep);

  fit = MIN (WIDTH / (x1 - x0), HEIGHT / (y1 - y0));
  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.width = WIDTH;
  view.height = HEIGHT;

  for (guint f = 0; f < FRAMES; f++)
    {
      /* t goes 0 → 1 → 0: fit-all to 2× and back, the zoom geometric. */
      double t = f < FRAMES / 2 ? f / (FRAMES / 2.0 - 1) : (FRAMES - 1 - f) / (FRAMES / 2.0 - 1);
      double zoom = fit * pow (2.0 / fit, t);
      double cx = (x0 + x1) / 2 * (1 - t) + target_x * t;
      double cy = (y0 + y1) / 2 * (1 - t) + target_y * t;
      gint64 frame_start;
      double cpu_start;

      /* Near the member, pan sideways along its level. */
      if (t > 0.8)
        cx += sin (f * 0.3) * 3000 * (t - 0.8);
      view.zoom = zoom;
      view.colour_by = f % DL_COLOUR_BY_N;
      view.origin_x = cx - WIDTH / 2.0 / zoom;
      view.origin_y = cy - HEIGHT / 2.0 / zoom;

      frame_start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
      cairo_paint (cr);
      dl_tree_render (cr, &view, &stats);
      dl_tree_render_legend (cr, &view, 12, 12);
      cairo_surface_flush (surface);
      times[f] = (g_get_monotonic_time () - frame_start) / 1e3;
      cpu_times[f] = cpu_ms () - cpu_start;
      if (g_getenv ("BENCH_DRAW_VERBOSE") != NULL)
        fprintf (stderr, "frame %3u zoom %.5f: %.2f ms, %u boxes, %u marks, %u labels\n",
                 f, zoom, times[f], stats.n_nodes, stats.n_marks, stats.n_labels);
      labels = MAX (labels, stats.n_labels);
      max_nodes = MAX (max_nodes, stats.n_nodes + stats.n_marks);
      stats.n_labels = 0;
    }
  qsort (times, FRAMES, sizeof times[0], compare_doubles);
  qsort (cpu_times, FRAMES, sizeof cpu_times[0], compare_doubles);
  printf ("bench-draw: %d frames of %d×%d, up to %u boxes and marks and %u labels a frame\n",
          FRAMES, WIDTH, HEIGHT, max_nodes, labels);
  printf ("bench-draw: median %.2f ms, 95th percentile %.2f ms, worst %.2f ms (target %.0f ms)\n",
          times[FRAMES / 2], times[FRAMES * 95 / 100], times[FRAMES - 1], TARGET_MS);
  printf ("bench-draw: CPU time (what a busy machine does not stretch): median %.2f ms, "
          "95th percentile %.2f ms\n", cpu_times[FRAMES / 2], cpu_times[FRAMES * 95 / 100]);
  if (g_getenv ("BENCH_DRAW_PNG") != NULL)
    cairo_surface_write_to_png (surface, g_getenv ("BENCH_DRAW_PNG"));

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  dl_tree_facts_free (facts);
  dl_layout_free (layout);

  return times[FRAMES * 95 / 100] <= TARGET_MS ? 0 : 1;
}

/* bench-open-core.c — the core of opening a big downline, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-open-core [MEMBERS] [--db PATH]
 *
 * The breakdown behind bench-open, which times the real window: this
 * times only the core path, without a window or a display, so that a
 * slow open can be pinned on one step.  What the Downline view does when
 * a file opens, in order: dl_store_open, dl_store_load_tree, the rules'
 * facts (risk, activity, rank colours), the layout of the first view
 * (first-level groups folded, as the canvas does for a big downline),
 * then the first 1920×1080 frame drawn by the real drawing code, legend
 * included, on an offscreen image surface.
 *
 * The database (default a million sample members) is made once with the
 * sample generator and kept in the temporary directory for the next runs;
 * making it is not timed.  Each round runs in a fresh process, so that the
 * peak resident memory it reports (VmHWM, and getrusage's ru_maxrss) is
 * that of opening alone.  Three rounds; the median time and the largest
 * peak are judged.  Targets: 2 s and 400 MB.
 */

#include "config.h"

#include "bench-common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-tree-render.h"

#define DEFAULT_MEMBERS  1000000
#define TARGET_SECONDS   2.0
#define TARGET_MB        400.0
#define ROUNDS           3
#define SEED             1
#define WIDTH            1920
#define HEIGHT           1080

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* Peak resident set in MB: VmHWM, or ru_maxrss where /proc is missing. */
static double
peak_mb (double *maxrss_mb)
{
  g_autofree char *status = NULL;
  struct rusage usage;
  double hwm = -1;

  getrusage (RUSAGE_SELF, &usage);
  *maxrss_mb = usage.ru_maxrss / 1024.0;
  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmHWM:");

      if (line != NULL)
        hwm = g_ascii_strtod (line + 6, NULL) / 1024.0;
    }
  return hwm >= 0 ? hwm : *maxrss_mb;
}

/* One round, in this (fresh) process; prints "ROUND open load facts
 * layout frame total hwm maxrss nodes". */
static int
measure (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  DlStore *store;
  DlTreeFacts *facts;
  DlLayout *layout;
  DlRenderView view;
  DlRenderStats stats = { 0, };
  cairo_surface_t *surface;
  cairo_t *cr;
  gint64 start = g_get_monotonic_time ();
  gint64 t;
  double open_s, load_s, facts_s, layout_s, frame_s, total, hwm, maxrss;

  store = dl_store_open (path, &error);
  open_s = seconds_since (start);
  if (store == NULL)
    {
      fprintf (stderr, "bench-open-core: %s\n", error->message);
      return 2;
    }

  t = g_get_monotonic_time ();
  tree = dl_store_load_tree (store, &error);
  load_s = seconds_since (t);
  if (tree == NULL)
    {
      fprintf (stderr, "bench-open-core: %s\n", error->message);
      return 2;
    }

  t = g_get_monotonic_time ();
  facts = dl_tree_facts_new (tree, NULL, dl_day_today ());
  facts_s = seconds_since (t);

  t = g_get_monotonic_time ();
  layout = dl_layout_new (tree);
  if (dl_tree_get_n_nodes (tree) > DL_RENDER_BIG_TREE)
    dl_tree_render_fold_overview (layout);
  dl_layout_run (layout);
  layout_s = seconds_since (t);

  t = g_get_monotonic_time ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  view.width = WIDTH;
  view.height = HEIGHT;
  dl_render_view_show_start (&view, WIDTH, HEIGHT);
  cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);
  dl_tree_render (cr, &view, &stats);
  dl_tree_render_legend (cr, &view, 12, HEIGHT - 12 - dl_tree_render_legend_height (&view));
  cairo_surface_flush (surface);
  frame_s = seconds_since (t);
  total = seconds_since (start);
  hwm = peak_mb (&maxrss);

  printf ("ROUND %.3f %.3f %.3f %.3f %.3f %.3f %.1f %.1f %u %u\n",
          open_s, load_s, facts_s, layout_s, frame_s, total, hwm, maxrss,
          dl_tree_get_n_nodes (tree), stats.n_nodes + stats.n_marks);
  fflush (stdout);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  dl_layout_free (layout);
  dl_tree_facts_free (facts);
  g_object_unref (store);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = NULL;
  guint n_members = DEFAULT_MEMBERS;
  double totals[ROUNDS], sorted[ROUNDS], peak = 0, median;
  guint n_nodes = 0;

  if (argc == 3 && g_str_equal (argv[1], "--measure"))
    return measure (argv[2]);

  path = bench_open_file ("bench-open-core", argc, argv, &n_members, SEED);
  if (path == NULL)
    return 2;

  printf ("bench-open-core: %s, %d×%d first frame, offscreen\n", path, WIDTH, HEIGHT);
  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *child[] = { argv[0], "--measure", path, NULL };
      double o, l, f, y, fr, tot, hwm, maxrss;
      guint nodes, drawn;
      int status;
      const char *line;

      if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                         &out, &err, &status, &error)
          || !g_spawn_check_wait_status (status, &error)
          || (line = strstr (out, "ROUND ")) == NULL
          || sscanf (line, "ROUND %lf %lf %lf %lf %lf %lf %lf %lf %u %u",
                     &o, &l, &f, &y, &fr, &tot, &hwm, &maxrss, &nodes, &drawn) != 10)
        {
          fprintf (stderr, "bench-open-core: round %u failed: %s%s\n", r + 1,
                   error != NULL ? error->message : "", err != NULL ? err : "");
          return 2;
        }
      printf ("  round %u: open %.2f s + load_tree %.2f s + facts %.2f s + layout %.2f s"
              " + first frame %.3f s (%u boxes and marks) = %.2f s; peak %.0f MB (ru_maxrss %.0f MB)\n",
              r + 1, o, l, f, y, fr, drawn, tot, hwm, maxrss);
      totals[r] = tot;
      peak = MAX (peak, hwm);
      n_nodes = nodes;
    }

  memcpy (sorted, totals, sizeof sorted);
  qsort (sorted, ROUNDS, sizeof *sorted, compare_doubles);
  median = sorted[ROUNDS / 2];
  printf ("open to first frame, %u members: %.2f s (target %.1f s); peak resident %.0f MB (target %.0f MB)\n",
          n_nodes, median, TARGET_SECONDS, peak, TARGET_MB);

  return median <= TARGET_SECONDS && peak <= TARGET_MB ? 0 : 1;
}

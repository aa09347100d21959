/* bench-sample.c — how long `--sample-data=N` takes into a fresh file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-sample [MEMBERS] [--keep PATH]
 *
 * Times what the command line does: open a new file, fill it, close it
 * (closing checkpoints the write-ahead log into the file, part of the
 * cost).  The core generation alone is timed first, for the breakdown.
 * Target: a million members in 20 s, scaled with the size.
 */

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-sample.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"

#define DEFAULT_MEMBERS  1000000
#define TARGET_SECONDS   20.0
#define SEED             1

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlSample) sample = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *keep = NULL;
  guint n_members = DEFAULT_MEMBERS;
  DlSampleOptions options;
  DlSampleSummary summary;
  DlDay today = dl_day_today ();
  DlStore *store;
  double target;
  double t_gen, t_open, t_fill, t_close, total;
  gint64 start;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--keep") && i + 1 < argc)
        keep = argv[++i];
      else
        n_members = (guint) g_ascii_strtoull (argv[i], NULL, 10);
    }
  target = TARGET_SECONDS * MAX (n_members, 1) / DEFAULT_MEMBERS;

  /* The generation alone, with the store's default stages. */
  dl_sample_options_init (&options, n_members, SEED, today);
  options.n_open_stages = 5;
  start = g_get_monotonic_time ();
  sample = dl_sample_new (&options);
  t_gen = seconds_since (start);
  g_clear_pointer (&sample, dl_sample_free);

  if (keep != NULL)
    path = g_strdup (keep);
  else
    {
      dir = g_dir_make_tmp ("downline-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          fprintf (stderr, "bench-sample: %s\n", error->message);
          return 2;
        }
      path = g_build_filename (dir, "sample.downline", NULL);
    }
  remove_db (path);

  start = g_get_monotonic_time ();
  store = dl_store_open (path, &error);
  t_open = seconds_since (start);
  if (store == NULL)
    {
      fprintf (stderr, "bench-sample: %s\n", error->message);
      return 2;
    }

  start = g_get_monotonic_time ();
  if (!dl_store_fill_sample (store, n_members, SEED, today, &summary, &error))
    {
      fprintf (stderr, "bench-sample: %s\n", error->message);
      g_object_unref (store);
      return 2;
    }
  t_fill = seconds_since (start);

  start = g_get_monotonic_time ();
  g_object_unref (store);
  t_close = seconds_since (start);
  total = t_open + t_fill + t_close;

  printf ("generate %u members: %.1f s (target %.0f s)\n", n_members, total, target);
  printf ("  core generation alone %.2f s; open %.2f s, fill %.2f s, close %.2f s\n",
          t_gen, t_open, t_fill, t_close);
  printf ("  %u prospects, %u interactions, depth %u; file %.0f MB\n",
          summary.n_prospects, summary.n_interactions, summary.max_depth,
          file_size (path) / 1e6);

  if (keep == NULL)
    {
      remove_db (path);
      g_rmdir (dir);
    }

  return total <= target ? 0 : 1;
}

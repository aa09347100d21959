/* bench-common.h — what the benchmarks that need a store share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The median of a run of timings, the temporary folder of a real
 * database taken away afterwards, and a sample file made once.
 */

#pragma once

#include <stdio.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-store-sample.h"

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts times (a GArray of double, seconds) and gives its median. */
static inline double
bench_median (GArray *times)
{
  g_return_val_if_fail (times != NULL && times->len > 0, 0);

  g_array_sort (times, bench_compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

/* Removes dir and the files in it (a database and its side files). */
static inline void
bench_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* Fills path with a sample business of n_members (seed), for benchmarks
 * that keep it between runs (bench-open, bench-open-core): made under
 * another name and renamed when complete, so an interrupted run never
 * leaves half a database to be reused.  Prints how long it took, which
 * no benchmark counts; says why on stderr and returns FALSE on failure. */
static inline gboolean
bench_make_sample_file (const char *program,
                        const char *path,
                        guint       n_members,
                        guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (partial, suffixes[i], NULL);

      g_unlink (file);
    }
  store = dl_store_open (partial, &error);
  if (store == NULL
      || !dl_store_fill_sample (store, n_members, seed, dl_day_today (), NULL, &error))
    {
      fprintf (stderr, "%s: %s\n", program, error->message);
      return FALSE;
    }
  g_clear_object (&store);
  if (g_rename (partial, path) != 0)
    {
      fprintf (stderr, "%s: cannot rename %s\n", program, partial);
      return FALSE;
    }
  printf ("  (made %s: %u members in %.1f s, not counted)\n", path, n_members,
          (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

/* The file bench-open and bench-open-core open, from their arguments
 * ([MEMBERS] [--db PATH]): PATH, else one sample file of *n_members
 * kept in the temporary folder that both share, made once.  NULL when
 * it could not be made. */
static inline char *
bench_open_file (const char *program,
                 int         argc,
                 char       *argv[],
                 guint      *n_members,
                 guint32     seed)
{
  g_autofree char *path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        path = g_strdup (argv[++i]);
      else
        *n_members = (guint) g_ascii_strtoull (argv[i], NULL, 10);
    }
  if (path == NULL)
    {
      g_autofree char *name = g_strdup_printf ("downline-bench-open-%u-seed%u.db", *n_members, seed);

      path = g_build_filename (g_get_tmp_dir (), name, NULL);
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !bench_make_sample_file (program, path, *n_members, seed))
    return NULL;
  return g_steal_pointer (&path);
}

/* bench-common.h — what the benchmarks that need a store share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The median of a run of timings, and the temporary folder of a real
 * database taken away afterwards.
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

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

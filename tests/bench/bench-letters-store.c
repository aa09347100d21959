/* bench-letters-store.c — letters for a large group, fields read from the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-letters-store [RECIPIENTS]   (default 10000; target 100 ms)
 * A sample business of RECIPIENTS members on a real file; the welcome
 * letter made for every one of them as Letters makes it
 * (dl_letters_produce: each recipient's fields read from the store, then
 * rendered).  Median of five.  bench-letters times the engine alone.
 */

#include "config.h"

#include "bench-common.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-letter-fields.h"
#include "dl-letters-send.h"
#include "dl-store-sample.h"
#include "dl-tree.h"

#define TARGET_SECONDS 0.100

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const DlLetterDefault *welcome = dl_letter_default_lookup ("welcome");
  DlSampleSummary summary;
  guint64 n = 10000;
  double median;
  int status = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, 1000000, &n, &error))
    {
      fprintf (stderr, "bench-letters-store: %s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("bench-letters-XXXXXX", &error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = dl_store_open (path, &error);
  if (store == NULL || !dl_store_fill_sample (store, (guint) n, 5, dl_day_today (), &summary, &error))
    {
      fprintf (stderr, "bench-letters-store: %s\n", error->message);
      return 1;
    }
  tree = dl_store_load_tree (store, &error);
  for (guint i = 0; tree != NULL && i < dl_tree_get_n_nodes (tree); i++)
    if ((gint64) i != dl_tree_get_root (tree))
      g_array_append_val (ids, dl_tree_get_node (tree, i)->person_id);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GPtrArray) letters = NULL;
      double t;

      g_timer_start (timer);
      letters = dl_letters_produce (store, welcome->subject, welcome->body, ids, NULL, NULL, &error);
      t = g_timer_elapsed (timer, NULL);
      if (letters == NULL)
        {
          fprintf (stderr, "bench-letters-store: %s\n", error->message);
          return 1;
        }
      g_array_append_val (times, t);
    }
  median = bench_median (times);

  printf ("bench-letters-store: %u letters, each recipient's fields read from the store\n", ids->len);
  printf ("  made in %.1f ms, median of 5 (target %.0f ms)\n", median * 1000, TARGET_SECONDS * 1000);
  if (median > TARGET_SECONDS)
    status = 1;

  dl_store_close (store);
  g_clear_object (&store);
  bench_remove_dir (dir);
  return status;
}

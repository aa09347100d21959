/* bench-due.c — the due list of a large downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-due [MEMBERS]   (default 100000; target 50 ms)
 * Builds a bushy downline in memory with fixed randomness, then times
 * dl_rules_collect_due for a week's horizon, best of five.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-day.h"
#include "dl-rules.h"

#define TARGET_SECONDS 0.050

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlTreeBuilder) builder = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (DlDueItem));
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GTimer) timer = g_timer_new ();
  DlCadence cadence = DL_CADENCE_INIT;
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  guint64 n = 100000;
  double best = G_MAXDOUBLE;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 2, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-due: %s\n", error->message);
      return 2;
    }

  builder = dl_tree_builder_new (n);
  for (guint i = 1; i <= n; i++)
    {
      DlTreeNode row = { 0, };
      char name[32];

      g_snprintf (name, sizeof name, "Member %u", g_rand_int_range (rand, 0, n / 3 + 1));
      row.person_id = i;
      /* most members join under the early ones, as in a real downline */
      row.sponsor_id = i == 1 ? 0 : g_rand_int_range (rand, 1, MIN (i, 2 + i / 50));
      row.name = name;
      row.joined_on = today - g_rand_int_range (rand, 0, 1100);
      row.last_contact = g_rand_int_range (rand, 0, 5) == 0 ? DL_DAY_NONE
                                                            : today - g_rand_int_range (rand, 0, 90);
      row.last_activity = today - g_rand_int_range (rand, 0, 200);
      row.status = g_rand_int_range (rand, 0, 10) == 0 ? DL_MEMBER_INACTIVE : DL_MEMBER_ACTIVE;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  if (tree == NULL)
    {
      fprintf (stderr, "bench-due: %s\n", error->message);
      return 1;
    }

  for (guint round = 0; round < 5; round++)
    {
      g_timer_start (timer);
      dl_rules_collect_due (tree, &cadence, today, 7, items);
      best = MIN (best, g_timer_elapsed (timer, NULL));
    }

  printf ("due list of %" G_GUINT64_FORMAT " members (%u due within a week): %.1f ms (target %.0f ms)\n",
          n, items->len, best * 1000, TARGET_SECONDS * 1000);
  return best <= TARGET_SECONDS ? 0 : 1;
}

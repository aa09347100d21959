/* bench-today.c — the Today list of a large downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-today [MEMBERS]   (default 100000; target 50 ms)
 * Then the day plan (capacity 15, tiers and roll-ups, issue 16) at the
 * given size and at 1,000,000 members: target 50 ms each.
 * The same downline as bench-due plus 2,000 prospects; times what the
 * Today model does on every change once the tree is loaded (bench-load
 * times that): the sectioned plan, then one DlTodayItem per entry, and
 * the words and risk of the first rows a window shows.  Best of five.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-day.h"
#include "dl-today.h"
#include "dl-today-item.h"

#define TARGET_SECONDS 0.050
#define N_PROSPECTS 2000

int
main (int   argc,
      char *argv[])
{
  g_autoptr(DlTreeBuilder) builder = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree DlTodayProspect *prospects = g_new0 (DlTodayProspect, N_PROSPECTS);
  DlCadence cadence = DL_CADENCE_INIT;
  DlDay today = dl_day_from_ymd (2026, 11, 22);
  guint64 n = 100000;
  double best = G_MAXDOUBLE;
  double best_plan = G_MAXDOUBLE;
  guint64 checksum = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 2, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-today: %s\n", error->message);
      return 2;
    }

  builder = dl_tree_builder_new (n);
  for (guint i = 1; i <= n; i++)
    {
      DlTreeNode row = { 0, };
      char name[32];

      g_snprintf (name, sizeof name, "Member %u", g_rand_int_range (rand, 0, n / 3 + 1));
      row.person_id = i;
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
      fprintf (stderr, "bench-today: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < N_PROSPECTS; i++)
    {
      prospects[i].person_id = n + 1 + i;
      prospects[i].name = "Prospect";
      prospects[i].facts.stage_kind = DL_STAGE_OPEN;
      prospects[i].facts.stale_after_days = 14;
      prospects[i].facts.next_follow_up = today + g_rand_int_range (rand, -20, 40);
      prospects[i].facts.last_contact = today - g_rand_int_range (rand, 0, 60);
    }

  for (guint round = 0; round < 5; round++)
    {
      g_timer_start (timer);
      dl_today_plan_compute (plan, tree, &cadence, prospects, N_PROSPECTS, today);
      best_plan = MIN (best_plan, g_timer_elapsed (timer, NULL));
      {
        g_autoptr(GPtrArray) items = g_ptr_array_new_full (plan->entries->len, g_object_unref);

        for (guint i = 0; i < plan->entries->len; i++)
          g_ptr_array_add (items, dl_today_item_new (&g_array_index (plan->entries, DlTodayEntry, i),
                                                     today, tree, &cadence));
        /* a window shows a page of rows per section */
        for (guint i = 0; i < MIN (items->len, 250); i++)
          {
            DlTodayItem *item = g_ptr_array_index (items, i);
            guint score = 0;

            dl_today_item_get_risk (item, NULL, &score);
            checksum += score + dl_today_item_get_reason (item)[0]
                        + dl_today_item_get_last_contact (item)[0];
          }
      }
      best = MIN (best, g_timer_elapsed (timer, NULL));
    }

  {
    g_autoptr(DlDayPlan) day = dl_day_plan_new ();
    DlPlanOptions options = { 0, };
    double best_day = G_MAXDOUBLE;

    options.started_on = today - 30;
    for (guint round = 0; round < 5; round++)
      {
        g_timer_start (timer);
        dl_day_plan_build (day, tree, &cadence, prospects, N_PROSPECTS, &options, today);
        best_day = MIN (best_day, g_timer_elapsed (timer, NULL));
      }
    printf ("Day plan of %" G_GUINT64_FORMAT " members: %.1f ms (target %.0f ms), %u tasks, %u roll-ups\n",
            n, best_day * 1000, TARGET_SECONDS * 1000, day->tasks->len, day->rollups->len);
    if (best_day > TARGET_SECONDS)
      return 1;
  }

  printf ("Today list of %" G_GUINT64_FORMAT " members and %d prospects (%u entries, %u owed today): "
          "%.1f ms (target %.0f ms), of which the plan %.1f ms [%" G_GUINT64_FORMAT "]\n",
          n, N_PROSPECTS, plan->entries->len, plan->n_open, best * 1000, TARGET_SECONDS * 1000,
          best_plan * 1000, checksum);
  return best <= TARGET_SECONDS ? 0 : 1;
}

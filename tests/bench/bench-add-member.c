/* bench-add-member.c — adding a member with a large downline on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-add-member [--table | --unfolded] [MEMBERS]   (default 100000; needs a display)
 * A sample business of MEMBERS members, the Downline view on screen and
 * the Today view beside it, as in the window.  Ten members are added
 * through the store, as the Add Member dialog does, under sponsors
 * spread through the tree, each timed until the Downline view shows a
 * tree with them (read and scored in threads, then the Table and the
 * canvas take it on the main loop) and the main loop is idle again; the
 * main loop's own work is that time less painting and less the time
 * asleep in poll () while threads work.  Each is then deleted, timed the
 * same way.  --table: the Downline view shows its Table instead of the
 * drawing (the canvas still takes every tree).  --unfolded: every group
 * of the drawing unfolded, as a person who opened them all sees it (the
 * layout follows each edit rather than laying out everyone again).  Target (#21): the main loop's work after any single edit
 * ≤ 16 ms at a million members.
 */

#include "config.h"

#include "bench-views.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-store-members.h"
#include "dl-store-people.h"
#include "downline-resources.h"

#define TARGET_SECONDS 0.016
#define N_ROUNDS 10

/* Until the Downline view shows a tree other than before, then until
 * nothing is left to do. */
static gboolean
settle (DlTreeCanvas *canvas,
        DlTree       *before)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (dl_tree_canvas_get_tree (canvas) == before && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  bench_loop_drain ();
  return g_get_monotonic_time () < deadline;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  BenchViews views;
  DlStore *store;
  g_autoptr(GArray) idle = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) work = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) removed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimer) timer = g_timer_new ();
  guint64 n = 100000;
  DlTreeCanvas *canvas;
  double idle_median, work_median, write_median, removed_median;
  int status = 0;

  gboolean table = argc > 1 && g_str_equal (argv[1], "--table");
  gboolean unfolded = argc > 1 && g_str_equal (argv[1], "--unfolded");
  guint whole_runs;

  if (table || unfolded)
    {
      argv++;
      argc--;
    }
  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-add-member: %s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();
  downline_register_resource ();

  /* the tree on screen, where a member is added from */
  if (!bench_views_open (&views, (guint) n, "downline", &error))
    {
      fprintf (stderr, "bench-add-member: %s\n", error->message);
      return 1;
    }
  store = views.store;
  canvas = views.canvas;
  if (table)
    {
      dl_downline_view_show_table (DL_DOWNLINE_VIEW (gtk_widget_get_ancestor (GTK_WIDGET (canvas), DL_TYPE_DOWNLINE_VIEW)),
                                   TRUE);
      bench_loop_drain ();
    }
  if (unfolded)
    {
      dl_layout_expand_all (dl_tree_canvas_get_layout (canvas));
      dl_tree_canvas_focus (canvas, -1);
      bench_loop_drain ();
    }
  whole_runs = dl_layout_get_whole_runs (dl_tree_canvas_get_layout (canvas));
  bench_loop_watch (GTK_WIDGET (views.window));

  for (guint i = 0; i < N_ROUNDS; i++)
    {
      DlTree *tree = dl_tree_canvas_get_tree (canvas);
      /* under members spread through the tree, as a person adds them */
      const DlTreeNode *sponsor = dl_tree_get_node (tree, (guint) ((i * 2 + 1) * (guint64) dl_tree_get_n_nodes (tree) / (2 * N_ROUNDS)));
      g_autoptr(DlPerson) person = dl_person_new ();
      g_autoptr(DlMember) member = NULL;
      g_autofree char *last = g_strdup_printf ("Newmember%u", i);
      double t;

      dl_person_set_first_name (person, "Ana");
      dl_person_set_last_name (person, last);
      bench_loop_start ();
      g_timer_start (timer);
      member = dl_store_add_member (store, person, sponsor->person_id, NULL, DL_DAY_NONE,
                                    DL_ROLE_DISTRIBUTOR, &error);
      if (member == NULL)
        {
          fprintf (stderr, "bench-add-member: %s\n", error->message);
          return 1;
        }
      t = g_timer_elapsed (timer, NULL);
      g_array_append_val (writes, t);
      if (!settle (canvas, tree))
        {
          fprintf (stderr, "bench-add-member: the tree did not show the new member within 60 s\n");
          return 1;
        }
      t = g_timer_elapsed (timer, NULL);
      g_array_append_val (idle, t);
      t = bench_loop_work (t);
      g_array_append_val (work, t);
      if (dl_tree_find (dl_tree_canvas_get_tree (canvas), dl_member_get_id (member)) < 0)
        {
          fprintf (stderr, "bench-add-member: the new member is not in the tree shown\n");
          return 1;
        }

      /* and removed again, the same way */
      tree = dl_tree_canvas_get_tree (canvas);
      bench_loop_start ();
      g_timer_start (timer);
      if (!dl_store_delete_person (store, dl_member_get_id (member), &error))
        {
          fprintf (stderr, "bench-add-member: %s\n", error->message);
          return 1;
        }
      settle (canvas, tree);
      t = bench_loop_work (g_timer_elapsed (timer, NULL));
      g_array_append_val (removed, t);
    }

  idle_median = bench_median (idle);
  work_median = bench_median (work);
  write_median = bench_median (writes);
  removed_median = bench_median (removed);
  printf ("bench-add-member: %" G_GUINT64_FORMAT " members (sample written in %.1f s)%s\n", n, views.fill,
          table ? ", the Table shown" : unfolded ? ", every group unfolded" : "");
  printf ("  a member added until the tree shows them and the main loop is idle, median of %u: %.1f ms (max %.1f ms)\n",
          idle->len, idle_median * 1000, g_array_index (idle, double, idle->len - 1) * 1000);
  printf ("    of which the main loop's work, not painting, not waiting for threads: %.2f ms (max %.2f ms, "
          "target %.0f ms)\n",
          work_median * 1000, g_array_index (work, double, work->len - 1) * 1000, TARGET_SECONDS * 1000);
  printf ("    of which the write: %.2f ms\n", write_median * 1000);
  printf ("  removed again, the main loop's work: %.2f ms (max %.2f ms)\n",
          removed_median * 1000, g_array_index (removed, double, removed->len - 1) * 1000);
  printf ("  the layout ran whole %u times in these %u edits (it follows an edit when it can)\n",
          dl_layout_get_whole_runs (dl_tree_canvas_get_layout (canvas)) - whole_runs, 2 * N_ROUNDS);
  if (work_median > TARGET_SECONDS)
    status = 1;

  bench_views_close (&views);

  return status;
}

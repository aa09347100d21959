/* bench-log-contact.c — logging a contact on Today with a large downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-log-contact [MEMBERS]   (default 100000; needs a display)
 * A sample business of MEMBERS members in a window-like page stack: the
 * Today view beside the Downline view, as in the window.  Twenty
 * contacts are logged through the path a Today row takes, each timed
 * until everything it changes is shown and the main loop is idle again:
 * Today's plan redone (in a thread, then its row made again) and the
 * Downline view's colours (it reloads 150 ms after a change, the facts
 * worked out in a thread).  Also timed: when Today's row showed the
 * contact, and the main loop's own work in all that time, apart from
 * painting frames and from waiting in poll () for the threads.
 * Target: the main loop's work ≤ 16 ms (one frame).
 */

#include "config.h"

#include "bench-views.h"

#include <stdio.h>
#include <stdlib.h>

#include "dl-today-actions.h"
#include "downline-resources.h"

#define TARGET_SECONDS 0.016
#define N_LOGS 20

static guint n_refreshed;
static GTimer *row_timer;
static double row_shown;

static void
on_refreshed_cb (DlTodayModel *model,
                 gpointer      user_data)
{
  n_refreshed++;
  row_shown = g_timer_elapsed (row_timer, NULL);
}

/* Until Today planned again and the tree took its new colours, then
 * until nothing is left to do. */
static gboolean
settle (DlTreeCanvas      *canvas,
        guint              refreshed_before,
        const DlTreeFacts *facts_before)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while ((n_refreshed == refreshed_before || dl_tree_canvas_get_facts (canvas) == facts_before)
         && g_get_monotonic_time () < deadline)
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
  g_autoptr(GArray) undo = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  double write_median;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint64 n = 100000;
  DlTodayModel *model;

  DlTreeCanvas *canvas;
  double row_median, idle_median, work_median, undo_median;
  int status = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-log-contact: %s\n", error->message);
      return 2;
    }

  gtk_init ();
  adw_init ();
  downline_register_resource ();

  if (!bench_views_open (&views, (guint) n, "today", &error))
    {
      fprintf (stderr, "bench-log-contact: %s\n", error->message);
      return 1;
    }
  store = views.store;
  model = views.model;
  canvas = views.canvas;
  g_signal_connect (model, "refreshed", G_CALLBACK (on_refreshed_cb), NULL);
  row_timer = timer;

  bench_loop_watch (GTK_WIDGET (views.window));

  for (guint i = 0; i < N_LOGS; i++)
    {
      GListModel *plan = dl_today_model_get_plan (model);
      g_autoptr(GObject) item = NULL;
      g_autoptr(DlTodayUndo) done = NULL;
      gint64 person = 0;
      double t;
      guint refreshed = n_refreshed;
      const DlTreeFacts *facts = dl_tree_canvas_get_facts (canvas);

      /* the next open task of the plan, as a person works down it */
      for (guint k = 0; k < g_list_model_get_n_items (plan) && person == 0; k++)
        {
          DlTaskState state = DL_TASK_OPEN;

          g_clear_object (&item);
          item = g_list_model_get_item (plan, k);
          dl_today_item_get_task (DL_TODAY_ITEM (item), NULL, &state);
          if (state == DL_TASK_OPEN)
            person = dl_today_item_get_person_id (DL_TODAY_ITEM (item));
        }
      if (person == 0)
        break;

      bench_loop_start ();
      g_timer_start (timer);
      done = dl_today_log_contact (store, person, DL_CONTACT_CALL, NULL, "Caught up", &error);
      if (done == NULL)
        {
          fprintf (stderr, "bench-log-contact: %s\n", error->message);
          return 1;
        }
      t = g_timer_elapsed (timer, NULL);
      g_array_append_val (writes, t);
      if (!settle (canvas, refreshed, facts))
        {
          fprintf (stderr, "bench-log-contact: the views did not show the contact within 30 s\n");
          return 1;
        }
      t = g_timer_elapsed (timer, NULL);
      g_array_append_val (idle, t);
      g_array_append_val (rows, row_shown);
      t = bench_loop_work (t);
      g_array_append_val (work, t);

      /* and the Undo, the same way */
      refreshed = n_refreshed;
      facts = dl_tree_canvas_get_facts (canvas);
      bench_loop_start ();
      g_timer_start (timer);
      if (!dl_today_undo (store, done, &error))
        {
          fprintf (stderr, "bench-log-contact: %s\n", error->message);
          return 1;
        }
      settle (canvas, refreshed, facts);
      t = bench_loop_work (g_timer_elapsed (timer, NULL));
      g_array_append_val (undo, t);

      /* log it again for good, so the plan moves on */
      g_clear_pointer (&done, dl_today_undo_free);
      refreshed = n_refreshed;
      facts = dl_tree_canvas_get_facts (canvas);
      done = dl_today_log_contact (store, person, DL_CONTACT_CALL, NULL, "Caught up", &error);
      settle (canvas, refreshed, facts);
    }

  row_median = bench_median (rows);
  idle_median = bench_median (idle);
  work_median = bench_median (work);
  undo_median = bench_median (undo);
  write_median = bench_median (writes);

  printf ("bench-log-contact: %" G_GUINT64_FORMAT " members (sample written in %.1f s)\n", n, views.fill);
  printf ("  a contact logged until Today's row shows it, median of %u: %.2f ms (max %.2f ms)\n",
          rows->len, row_median * 1000, g_array_index (rows, double, rows->len - 1) * 1000);
  printf ("  until the tree's colours show it too and the main loop is idle: %.2f ms (max %.2f ms)\n",
          idle_median * 1000, g_array_index (idle, double, idle->len - 1) * 1000);
  printf ("    of which the main loop's work, not painting, not waiting for threads: %.2f ms (max %.2f ms, "
          "target %.0f ms)\n",
          work_median * 1000, g_array_index (work, double, work->len - 1) * 1000, TARGET_SECONDS * 1000);
  printf ("    of which the write and the store's own updates: %.2f ms\n", write_median * 1000);
  printf ("  its Undo, the main loop's work: %.2f ms\n", undo_median * 1000);
  if (work_median > TARGET_SECONDS)
    status = 1;

  bench_views_close (&views);

  return status;
}

/* bench-loop.h — the main loop's own work, apart from painting and sleeping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a person waits for after an action is the main loop's work until
 * it is idle again; painting a frame in software under Xvfb and sleeping
 * in poll () while threads work are not the app's code.  Once
 * bench_loop_watch () has hooked a window's frame clock and the default
 * main context's poll, bench_loop_start () zeroes both counts and
 * bench_loop_work (elapsed) is elapsed less both, in seconds.
 */

#pragma once

#include <gtk/gtk.h>

static gint64    bench_paint_started, bench_paint_us, bench_poll_us;
static GPollFunc bench_default_poll;

static inline void
bench_before_paint_cb (GdkFrameClock *clock,
                       gpointer       user_data)
{
  bench_paint_started = g_get_monotonic_time ();
}

static inline void
bench_after_paint_cb (GdkFrameClock *clock,
                      gpointer       user_data)
{
  if (bench_paint_started != 0)
    bench_paint_us += g_get_monotonic_time () - bench_paint_started;
  bench_paint_started = 0;
}

/* Time spent waiting, not working: the main loop asleep in poll (). */
static inline gint
bench_timed_poll (GPollFD *fds,
                  guint    n_fds,
                  gint     timeout)
{
  gint64 start = g_get_monotonic_time ();
  gint rc = bench_default_poll (fds, n_fds, timeout);

  bench_poll_us += g_get_monotonic_time () - start;
  return rc;
}

static inline void
bench_loop_watch (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  bench_default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, bench_timed_poll);
  g_signal_connect (clock, "before-paint", G_CALLBACK (bench_before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (bench_after_paint_cb), NULL);
}

static inline void
bench_loop_start (void)
{
  bench_paint_us = 0;
  bench_poll_us = 0;
}

static inline double
bench_loop_work (double elapsed)
{
  return elapsed - (bench_paint_us + bench_poll_us) / 1e6;
}

/* Runs what is ready until nothing is. */
static inline void
bench_loop_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

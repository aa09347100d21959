/* bench-views.h — a sample business on a real file, Today beside the
 * Downline view in a window, as the app has them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the benchmarks that time what a person waits for after an edit:
 * bench_views_open () writes a sample of n members into a fresh file in
 * a temporary folder, builds its search index (after an import the
 * store builds it in slices in the background, which would otherwise be
 * timed as the edit's), shows the two views in a window with the one
 * named shown on top, and waits until the tree is drawn and Today
 * planned.  Needs gtk_init (), adw_init () and the resources.
 */

#pragma once

#include <adwaita.h>

#include "bench-common.h"
#include "bench-loop.h"
#include "dl-clock.h"
#include "dl-downline-view.h"
#include "dl-store-sample.h"
#include "dl-store-search.h"
#include "dl-today-model.h"
#include "dl-today-view.h"
#include "dl-tree-canvas.h"

typedef struct
{
  char         *dir;
  DlStore      *store;
  GtkWindow    *window;
  DlTodayModel *model;
  DlTreeCanvas *canvas;
  double        fill;     /* seconds to write the sample */
} BenchViews;

static inline gboolean
bench_views_open (BenchViews  *views,
                  guint        n,
                  const char  *shown,
                  GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  DlSampleSummary summary;
  GtkWidget *stack, *today, *downline;

  memset (views, 0, sizeof *views);
  views->dir = g_dir_make_tmp ("bench-views-XXXXXX", error);
  if (views->dir == NULL)
    return FALSE;
  path = g_build_filename (views->dir, "bench.db", NULL);
  views->store = dl_store_open (path, error);
  if (views->store == NULL)
    return FALSE;
  g_timer_start (timer);
  if (!dl_store_fill_sample (views->store, n, 7, dl_clock_get_today (dl_clock_get_default ()), &summary, error))
    return FALSE;
  views->fill = g_timer_elapsed (timer, NULL);
  if (!dl_store_search_catch_up (views->store, -1, error))
    return FALSE;

  views->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (views->window, 1280, 800);
  stack = gtk_stack_new ();
  today = dl_today_view_new (views->store);
  downline = dl_downline_view_new (views->store);
  gtk_stack_add_named (GTK_STACK (stack), today, "today");
  gtk_stack_add_named (GTK_STACK (stack), downline, "downline");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), shown);
  gtk_window_set_child (views->window, stack);
  gtk_window_present (views->window);
  views->model = dl_today_view_get_model (DL_TODAY_VIEW (today));
  views->canvas = dl_downline_view_get_canvas (DL_DOWNLINE_VIEW (downline));
  while (dl_tree_canvas_get_tree (views->canvas) == NULL || dl_today_model_get_loading (views->model))
    g_main_context_iteration (NULL, TRUE);
  bench_loop_drain ();
  return TRUE;
}

static inline void
bench_views_close (BenchViews *views)
{
  if (views->window != NULL)
    gtk_window_destroy (views->window);
  g_clear_object (&views->store);
  if (views->dir != NULL)
    bench_remove_dir (views->dir);
  g_clear_pointer (&views->dir, g_free);
}

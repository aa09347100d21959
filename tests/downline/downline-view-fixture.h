/* downline-view-fixture.h — a Downline view of a sample business in a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the Downline view's and the Table's tests: a real store on a
 * file in dir, filled with the sample business, shown in a window the
 * size of a laptop's, and waited for until the tree is drawn.
 */

#pragma once

#include <adwaita.h>

#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-store-sample.h"
#include "../dl-test-widgets.h"

static inline gboolean
downline_view_loaded (gpointer data)
{
  DlDownlineView *view = data;
  DlTreeCanvas *canvas = dl_downline_view_get_canvas (view);

  return !dl_downline_view_is_loading (view) && dl_tree_canvas_get_tree (canvas) != NULL
         && gtk_widget_get_width (GTK_WIDGET (canvas)) > 0;
}

/* The table is the page shown, and on screen. */
static inline gboolean
downline_table_shown (gpointer data)
{
  DlDownlineView *view = data;

  return dl_downline_view_is_table (view) && gtk_widget_get_mapped (GTK_WIDGET (dl_downline_view_get_table (view)));
}

/* A member, by index, in the table's rows or on the tree's canvas. */
typedef struct
{
  DlDownlineTable *table;
  DlTree          *tree;
  gint64           index;
  DlTreeCanvas    *canvas;
} RowProbe;

/* The table has probe->index selected. */
static inline gboolean
table_selected (gpointer data)
{
  RowProbe *probe = data;

  return dl_downline_table_get_selected (probe->table) == probe->index;
}

/* The tree has probe->index selected. */
static inline gboolean
selected_is (gpointer data)
{
  RowProbe *probe = data;

  return dl_tree_canvas_get_selected (probe->canvas) == probe->index;
}

/* The facts a canvas had, to see it take others (a reload). */
typedef struct
{
  DlTreeCanvas      *canvas;
  const DlTreeFacts *facts;
} FactsProbe;

static inline gboolean
facts_replaced (gpointer data)
{
  const FactsProbe *probe = data;

  return dl_tree_canvas_get_facts (probe->canvas) != probe->facts;
}

/* A window showing a Downline view of a fresh sample business of
 * n_members in dir/name. */
static inline DlDownlineView *
downline_open_view (const char  *dir,
                    const char  *name,
                    guint        n_members,
                    GtkWidget  **window_out,
                    DlStore    **store_out)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);
  GtkWidget *window, *widget;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, n_members, 7, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  widget = dl_downline_view_new (store);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (downline_view_loaded, widget));
  *window_out = window;
  *store_out = store;
  return DL_DOWNLINE_VIEW (widget);
}

static inline void
downline_close_view (GtkWidget *window,
                     DlStore   *store)
{
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (store);
}

/* test-risk-preferences.c — the Dropout Risk page, as a person reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DL_SCREENSHOT_DIR set, saves risk.png (the page on the sample
 * business) there.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "downline-resources.h"
#include "dl-risk-preferences.h"
#include "dl-store-private.h"
#include "dl-store-risk.h"
#include "dl-store-sample.h"
#include "../dl-test-widgets.h"

static char *tmp_dir;

static DlStore *
open_store (const char *name,
            guint       n_members)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);

  g_assert_no_error (error);
  if (n_members > 0)
    {
      g_assert_true (dl_store_fill_sample (store, n_members, 5, dl_day_today (), NULL, &error));
      g_assert_no_error (error);
    }
  return store;
}

static char *
labels_of (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  dl_test_collect_labels (widget, out);
  return g_string_free (out, FALSE);
}

static GtkWidget *
show_page (DlStore    *store,
           GtkWindow **window)
{
  GtkWidget *page = dl_risk_preferences_new ();

  *window = GTK_WINDOW (adw_preferences_window_new ());
  gtk_window_set_default_size (*window, 640, 900);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (*window), ADW_PREFERENCES_PAGE (page));
  dl_risk_preferences_set_store (DL_RISK_PREFERENCES (page), store);
  gtk_window_present (*window);
  return page;
}

static char *
fitted_at (DlStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *at = NULL;

  sqlite3_prepare_v2 (dl_store_get_handle (store), "SELECT fitted_at || model FROM risk_model", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return at;
}

static gboolean
sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static gboolean
model_saved (gpointer data)
{
  g_autofree char *at = fitted_at (data);

  return at != NULL;
}

/* The sample's year of months: the learned score, its check in words,
 * the chart and what weighs most. */
static void
test_learned (void)
{
  g_autoptr(DlStore) store = open_store ("learned.db", 3000);
  g_autofree char *labels = NULL;
  GtkWindow *window = NULL;
  GtkWidget *page = show_page (store, &window);
  GtkWidget *auc_row = find_titled_row (page, ADW_TYPE_ACTION_ROW, "Leavers Ranked Above Stayers");
  GtkWidget *high_row = find_titled_row (page, ADW_TYPE_ACTION_ROW, "Marked High Risk");
  DlRiskModel model;

  g_assert_true (dl_store_get_risk_model (store, &model, NULL));
  g_assert_cmpint (model.kind, ==, DL_RISK_MODEL_LEARNED);

  labels = labels_of (page);
  g_test_message ("%s", labels);
  g_assert_nonnull (strstr (labels, "Learned from your own business"));
  g_assert_nonnull (auc_row);
  g_assert_true (gtk_widget_is_visible (auc_row));
  {
    g_autofree char *auc = g_strdup_printf ("%.0f in 100", 100 * model.auc);
    g_autofree char *high = g_strdup_printf ("%.0f%% gone", 100 * model.high_gone);

    g_assert_nonnull (strstr (labels, auc));
    g_assert_true (gtk_widget_is_visible (high_row));
    g_assert_nonnull (strstr (labels, high));
  }
  g_assert_nonnull (strstr (labels, "Raises the chance of leaving"));
  g_assert_nonnull (strstr (labels, "odds ×"));
  /* a cancelled autoship is among what weighs most in the sample */
  g_assert_nonnull (find_titled_row (page, ADW_TYPE_ACTION_ROW, "Autoship cancelled"));

  if (g_getenv ("DL_SCREENSHOT_DIR") != NULL)
    {
      gboolean shown = FALSE;

      /* the header's title fades in: let it finish before the picture */
      g_timeout_add (800, dl_test_timeout_cb, &shown);
      while (!shown)
        g_main_context_iteration (NULL, TRUE);
      dl_test_save_png (GTK_WIDGET (window), "risk.png");
    }
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

/* No months: the rules of thumb, said plainly; nothing claims a check;
 * "Learn Again" clicked keeps them and saves why. */
static void
test_expert_and_learn_again (void)
{
  g_autoptr(DlStore) store = open_store ("empty.db", 0);
  g_autofree char *labels = NULL;
  GtkWindow *window = NULL;
  GtkWidget *page = show_page (store, &window);
  GtkWidget *button = dl_test_find_labelled_button (page);
  GtkWidget *auc_row = find_titled_row (page, ADW_TYPE_ACTION_ROW, "Leavers Ranked Above Stayers");

  labels = labels_of (page);
  g_assert_nonnull (strstr (labels, "Using the field’s rules of thumb. Import"));
  g_assert_false (gtk_widget_is_visible (auc_row));
  g_assert_nonnull (strstr (labels, "+25 points"));
  g_assert_nonnull (find_titled_row (page, ADW_TYPE_ACTION_ROW, "Overdue check-in"));
  g_assert_null (fitted_at (store));

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Learn Again");
  /* as a key press does: the button shows itself pressed, then clicks */
  gtk_widget_activate (button);
  g_assert_true (dl_test_wait_for (model_saved, store));
  g_assert_true (dl_test_wait_for (sensitive, button));
  {
    g_autofree char *at = fitted_at (store);

    g_assert_nonnull (strstr (at, "kind expert"));
  }
  dl_test_assert_last_ref (window);
  dl_test_assert_last_ref (g_steal_pointer (&store));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  downline_register_resource ();

  tmp_dir = g_dir_make_tmp ("downline-risk-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/risk-preferences/learned", test_learned);
  g_test_add_func ("/risk-preferences/expert-and-learn-again", test_expert_and_learn_again);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}

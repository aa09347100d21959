/* dl-insights-data.c — everything the Insights view draws, worked out
 * in one go off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-insights"

#include "config.h"

#include "dl-clock.h"
#include "dl-insights-data.h"
#include "dl-settings.h"
#include "dl-store-history.h"
#include "dl-store-risk.h"

DlInsightsData *
dl_insights_data_ref (DlInsightsData *data)
{
  g_return_val_if_fail (data != NULL, NULL);

  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

void
dl_insights_data_unref (DlInsightsData *data)
{
  if (data == NULL || !g_atomic_ref_count_dec (&data->ref_count))
    return;

  g_clear_pointer (&data->tree, dl_tree_unref);
  g_clear_pointer (&data->cohorts, g_array_unref);
  g_clear_pointer (&data->growth, g_array_unref);
  g_clear_pointer (&data->duplication, dl_duplication_free);
  g_free (data);
}

DlInsightsData *
dl_insights_data_new (DlTree          *tree,
                      const DlHistory *history)
{
  DlInsightsData *data = g_new0 (DlInsightsData, 1);
  const DlRiskModel *model = dl_tree_get_risk_model (tree);
  gint64 root = dl_tree_get_root (tree);

  g_atomic_ref_count_init (&data->ref_count);
  data->tree = dl_tree_ref (tree);
  data->cohorts = dl_insights_cohorts (history);
  data->growth = dl_insights_growth (history);
  data->duplication = dl_insights_duplication (tree);
  data->n_periods = history->n_periods;
  if (model != NULL)
    data->model = *model;
  else
    dl_risk_model_init_expert (&data->model, DL_RISK_FALLBACK_NO_HISTORY);

  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    if ((gint64) i != root && dl_tree_get_node (tree, i)->status == DL_MEMBER_ACTIVE)
      data->active_now++;

  return data;
}

DlInsightsData *
dl_insights_data_load (const char  *path,
                       DlDay        today,
                       GError     **error)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlStoreHistory) history = NULL;
  g_autoptr(DlInsightsData) data = NULL;
  DlDay first = dl_insights_week_start (today) - 7 * (DL_INSIGHTS_EFFORT_WEEKS - 1);
  DlCadence cadence;

  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  history = dl_store_load_history_file (path, &cadence, &tree, error);
  if (history == NULL)
    return NULL;

  data = dl_insights_data_new (tree, dl_store_history_get (history));
  dl_insights_welcomes (dl_store_history_get (history), first, DL_INSIGHTS_EFFORT_WEEKS, data->effort);
  if (!dl_store_load_effort_file (path, first, DL_INSIGHTS_EFFORT_WEEKS, data->effort, error))
    return NULL;
  data->has_effort = TRUE;
  return g_steal_pointer (&data);
}

typedef struct
{
  char  *path;
  DlDay  today;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) error = NULL;
  DlInsightsData *data = dl_insights_data_load (job->path, job->today, &error);

  if (data == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, data, (GDestroyNotify) dl_insights_data_unref);
}

void
dl_insights_data_load_async (DlStore             *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (DL_IS_STORE (store));

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (dl_store_get_path (store));
  job->today = dl_clock_get_today (dl_clock_get_default ());
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_insights_data_load_async);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

DlInsightsData *
dl_insights_data_load_finish (DlStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  DlInsightsData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  data = g_task_propagate_pointer (G_TASK (result), error);
  /* the expert model's reason is kept with the database, not the tree */
  if (data != NULL && data->model.kind != DL_RISK_MODEL_LEARNED)
    dl_store_get_risk_model (store, &data->model, NULL);
  return data;
}

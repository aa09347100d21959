/* dl-store-risk.c — the dropout-risk model the business's history teaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Learns from the history dl-store-history.c reads, and keeps the
 * fitted model in the risk_model table (schema version 4), where the
 * downline's reader (dl-store-tree.c) finds it.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-store-history.h"
#include "dl-store-private.h"
#include "dl-store-risk.h"

gboolean
dl_store_migrate_to_4 (sqlite3  *db,
                       GError  **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db,
                     "-- The dropout-risk model fitted on the monthly figures (dl-risk-model.h),\n"
                     "-- as dl_risk_model_to_text () writes it.  At most one row.\n"
                     "CREATE TABLE risk_model (\n"
                     "  id         INTEGER PRIMARY KEY CHECK (id = 1),\n"
                     "  model      TEXT NOT NULL,\n"
                     "  fitted_at  TEXT NOT NULL\n"
                     ");",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not add the dropout-risk model: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* ---- Reading the model --------------------------------------------------- */

gboolean
dl_store_read_risk_model (sqlite3      *db,
                          DlRiskModel  *model)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  dl_risk_model_init_expert (model, DL_RISK_FALLBACK_NO_HISTORY);
  if (sqlite3_prepare_v2 (db, "SELECT model FROM risk_model WHERE id = 1", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);

      /* a damaged row is no model: the expert points stay */
      found = text != NULL && dl_risk_model_from_text (model, text);
      if (!found)
        g_warning ("The saved dropout-risk model could not be read; using the expert points");
    }
  sqlite3_finalize (stmt);
  return found;
}

gboolean
dl_store_get_risk_model (DlStore      *store,
                         DlRiskModel  *model,
                         GError      **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  dl_store_read_risk_model (dl_store_get_handle (store), model);
  return TRUE;
}

/* Reads and learns on db, a connection of the calling thread. */
static gboolean
learn_on (sqlite3          *db,
          const DlTree     *tree,
          const DlCadence  *cadence,
          DlRiskModel      *model,
          GError          **error)
{
  g_autoptr(DlStoreHistory) history = dl_store_read_history (db, tree, cadence, error);

  if (history == NULL)
    return FALSE;

  dl_risk_learn (dl_store_history_get (history), 1.0, model);
  return TRUE;
}

gboolean
dl_store_learn_risk_model (DlStore          *store,
                           const DlCadence  *cadence,
                           DlRiskModel      *model,
                           GError          **error)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlStmt) any = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  /* no months, nothing to learn: not worth reading a million members */
  any = dl_store_prepare (store, "SELECT 1 FROM period_figures LIMIT 1", error);
  if (any == NULL)
    return FALSE;
  if (sqlite3_step (any) != SQLITE_ROW)
    {
      dl_risk_model_init_expert (model, DL_RISK_FALLBACK_NO_HISTORY);
      return TRUE;
    }
  g_clear_pointer (&any, dl_stmt_release);

  tree = dl_store_load_tree (store, error);
  if (tree == NULL)
    return FALSE;

  return learn_on (dl_store_get_handle (store), tree, cadence, model, error);
}

static gboolean
save_model (DlStore            *store,
            const DlRiskModel  *model,
            GError            **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *text = dl_risk_model_to_text (model);
  g_autofree char *now = dl_store_now_stamp ();

  if (!dl_store_check_writable (store, error))
    return FALSE;
  stmt = dl_store_prepare (store,
                           "INSERT OR REPLACE INTO risk_model (id, model, fitted_at) VALUES (1, ?1, ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  if (!dl_store_step_done (store, stmt, error))
    return FALSE;

  /* the downline is read again, with the new scores */
  dl_store_emit_changed (store, DL_STORE_ENTITY_MEMBERS, 0);
  return TRUE;
}

gboolean
dl_store_refit_risk_model (DlStore          *store,
                           const DlCadence  *cadence,
                           DlRiskModel      *model,
                           GError          **error)
{
  DlRiskModel fitted;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  if (!dl_store_learn_risk_model (store, cadence, &fitted, error)
      || !save_model (store, &fitted, error))
    return FALSE;
  if (model != NULL)
    *model = fitted;
  return TRUE;
}

/* ---- Off the main thread ------------------------------------------------- */

typedef struct
{
  char        *path;
  DlCadence    cadence;
  DlRiskModel  model;
} RefitJob;

static void
refit_job_free (gpointer data)
{
  RefitJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
refit_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  RefitJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlStoreHistory) history = NULL;

  /* read on a connection of its own: the fit writes nothing, and the
   * one row it keeps is written on the main thread */
  history = dl_store_load_history_file (job->path, &job->cadence, &tree, &error);
  if (history != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    dl_risk_learn (dl_store_history_get (history), 1.0, &job->model);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
dl_store_refit_risk_model_async (DlStore             *store,
                                 const DlCadence     *cadence,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefitJob *job;

  g_return_if_fail (DL_IS_STORE (store));

  job = g_new0 (RefitJob, 1);
  job->path = g_strdup (dl_store_get_path (store));
  if (cadence != NULL)
    job->cadence = *cadence;
  else
    dl_cadence_init_defaults (&job->cadence);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_refit_risk_model_async);
  g_task_set_task_data (task, job, refit_job_free);
  g_task_run_in_thread (task, refit_thread);
}

gboolean
dl_store_refit_risk_model_finish (DlStore       *store,
                                  GAsyncResult  *result,
                                  DlRiskModel   *model,
                                  GError       **error)
{
  RefitJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (!save_model (store, &job->model, error))
    return FALSE;
  if (model != NULL)
    *model = job->model;
  return TRUE;
}

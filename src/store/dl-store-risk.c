/* dl-store-risk.c — the dropout-risk model the business's history teaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads what dl_risk_learn () needs — every month's status and volume,
 * the events, the contact log and the downline for sponsors and
 * cadences — into flat arrays indexed like the tree, and keeps the
 * fitted model in the risk_model table (schema version 4), where the
 * downline's reader (dl-store-members.c) finds it.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

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

/* ---- The history --------------------------------------------------------- */

typedef struct
{
  DlRiskHistory  history;
  DlRiskMember  *members;
  guint8        *status;
  guint8        *signals;
  guint32       *contact_start;
  DlDay         *contact_days;
} History;

static void
history_free (History *h)
{
  g_free (h->members);
  g_free (h->status);
  g_free (h->signals);
  g_free (h->contact_start);
  g_free (h->contact_days);
  g_free (h);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (History, history_free)

static gboolean
sqlite_failed (sqlite3  *db,
               int       rc,
               GError  **error)
{
  g_set_error (error, DL_STORE_ERROR,
               (rc & 0xff) == SQLITE_CORRUPT ? DL_STORE_ERROR_DAMAGED
               : (rc & 0xff) == SQLITE_BUSY ? DL_STORE_ERROR_BUSY : DL_STORE_ERROR_FAILED,
               _("The monthly figures could not be read: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
read_period_range (sqlite3   *db,
                   DlPeriod  *first,
                   DlPeriod  *last,
                   GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *first = *last = DL_PERIOD_NONE;
  rc = sqlite3_prepare_v2 (db, "SELECT min (period), max (period) FROM period_figures", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          *first = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
          *last = dl_period_parse ((const char *) sqlite3_column_text (stmt, 1));
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK ? TRUE : sqlite_failed (db, rc, error);
}

/* Everything in one read transaction, so the months, the events and the
 * downline agree. */
static History *
read_history (sqlite3          *db,
              const DlTree     *tree,
              const DlCadence  *cadence,
              GError          **error)
{
  g_autoptr(History) h = g_new0 (History, 1);
  sqlite3_stmt *stmt = NULL;
  DlPeriod first, last;
  guint n = dl_tree_get_n_nodes (tree);
  gint64 root = dl_tree_get_root (tree);
  gsize cells;
  int rc;

  if (!read_period_range (db, &first, &last, error))
    return NULL;
  h->history.n_members = n;
  h->members = g_new0 (DlRiskMember, MAX (n, 1));
  h->contact_start = g_new0 (guint32, n + 1);
  h->history.members = h->members;
  h->history.contact_start = h->contact_start;
  if (first == DL_PERIOD_NONE || last < first || n == 0)
    return g_steal_pointer (&h);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      DlRiskMember *m = &h->members[i];

      m->member_id = node->person_id;
      m->sponsor = node->parent != DL_TREE_NO_PARENT && (gint64) node->parent != root
                   ? node->parent : G_MAXUINT32;
      m->joined_on = node->joined_on;
      m->cadence_days = (guint16) MIN (dl_rules_cadence_days (tree, i, cadence), G_MAXUINT16);
      m->distributor = node->role == DL_ROLE_DISTRIBUTOR;
    }

  h->history.first = first;
  h->history.n_periods = (guint) (last - first + 1);
  cells = (gsize) h->history.n_periods * n;
  h->status = g_malloc (cells);
  h->signals = g_malloc0 (cells);
  memset (h->status, DL_RISK_STATUS_UNKNOWN, cells);

  /* every month's status, and which months had no volume */
  rc = sqlite3_prepare_v2 (db, "SELECT member_id, period, status, pv FROM period_figures", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sqlite_failed (db, rc, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = dl_tree_find (tree, sqlite3_column_int64 (stmt, 0));
      DlPeriod period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 1));
      const char *status = (const char *) sqlite3_column_text (stmt, 2);
      gsize cell;

      if (at < 0 || period < first || period > last)
        continue;
      cell = (gsize) (period - first) * n + (gsize) at;
      h->status[cell] = g_strcmp0 (status, "inactive") == 0 ? DL_FIGURE_INACTIVE
                        : g_strcmp0 (status, "dropped") == 0 ? DL_FIGURE_TERMINATED
                        : DL_FIGURE_ACTIVE;
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL && sqlite3_column_double (stmt, 3) <= 0)
        h->signals[cell] |= DL_RISK_SIGNAL_NO_VOLUME;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error), NULL;

  /* the events that are signals */
  rc = sqlite3_prepare_v2 (db, "SELECT member_id, period, type FROM event", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sqlite_failed (db, rc, error), NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 at = dl_tree_find (tree, sqlite3_column_int64 (stmt, 0));
      DlPeriod period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 1));
      int type = dl_event_type_from_string ((const char *) sqlite3_column_text (stmt, 2));

      if (at < 0 || type < 0 || period < first || period > last)
        continue;
      h->signals[(gsize) (period - first) * n + (gsize) at] |= dl_risk_signal_for_event ((DlEventType) type);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_failed (db, rc, error), NULL;

  /* the contact log, grouped by member in tree order: count, then place */
  {
    g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
    g_autofree guint32 *fill = NULL;

    rc = sqlite3_prepare_v2 (db, "SELECT person_id, at FROM interaction WHERE kind <> 'note' "
                                 "ORDER BY person_id, at", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
      return sqlite_failed (db, rc, error), NULL;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 at = dl_tree_find (tree, sqlite3_column_int64 (stmt, 0));
        const char *moment = (const char *) sqlite3_column_text (stmt, 1);
        guint32 pair[2];
        DlDay day;

        if (at < 0 || moment == NULL)
          continue;
        day = dl_store_parse_day (moment, MIN (sqlite3_column_bytes (stmt, 1), 10));
        if (day == DL_DAY_NONE)
          continue;
        pair[0] = (guint32) at;
        pair[1] = (guint32) day;
        g_array_append_val (pairs, pair);
        h->contact_start[at + 1]++;
      }
    sqlite3_finalize (stmt);
    if (rc != SQLITE_DONE)
      return sqlite_failed (db, rc, error), NULL;

    for (guint i = 0; i < n; i++)
      h->contact_start[i + 1] += h->contact_start[i];
    h->contact_days = g_new (DlDay, MAX (pairs->len, 1));
    fill = g_memdup2 (h->contact_start, sizeof (guint32) * n);
    /* each member's rows come in date order, so each run stays sorted */
    for (guint k = 0; k < pairs->len; k++)
      {
        const guint32 *pair = &g_array_index (pairs, guint32, 2 * k);

        h->contact_days[fill[pair[0]]++] = (DlDay) pair[1];
      }
  }

  h->history.status = h->status;
  h->history.signals = h->signals;
  h->history.contact_days = h->contact_days;

  return g_steal_pointer (&h);
}

/* Reads and learns on db, a connection of the calling thread. */
static gboolean
learn_on (sqlite3          *db,
          const DlTree     *tree,
          const DlCadence  *cadence,
          DlRiskModel      *model,
          GError          **error)
{
  g_autoptr(History) history = NULL;
  gboolean own = sqlite3_get_autocommit (db) && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;

  history = read_history (db, tree, cadence, error);
  if (own)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (history == NULL)
    return FALSE;

  dl_risk_learn (&history->history, 1.0, model);
  return TRUE;
}

gboolean
dl_store_learn_risk_model (DlStore          *store,
                           const DlCadence  *cadence,
                           DlRiskModel      *model,
                           GError          **error)
{
  g_autoptr(DlTree) tree = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

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
  sqlite3 *db = NULL;
  int rc;

  /* a connection of its own, reading only: the fit writes nothing, and
   * the one row it keeps is written on the main thread */
  rc = sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_task_return_new_error (task, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                               _("The monthly figures could not be read: %s"),
                               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return;
    }
  sqlite3_busy_timeout (db, 5000);

  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  tree = dl_store_read_tree (db, job->path, &error);
  if (tree != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    learn_on (db, tree, &job->cadence, &job->model, &error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);

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

/* dl-store-pipeline.c — the pipeline's stages, and the history of
 * prospects leaving them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stages' positions are kept dense from 0: there are a handful, and
 * every move or removal renumbers them in the same transaction.  The
 * prospects in them are in dl-store-prospects.c.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-items-private.h"
#include "dl-store-list.h"
#include "dl-store-private.h"
#include "dl-store-pipeline-private.h"

/* Stages -------------------------------------------------------------- */

DlStage *
dl_store_load_stage (DlStore *self,
                     gint64   stage_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  DlStageKind kind = DL_STAGE_OPEN;
  DlStage *stage;

  stmt = dl_store_prepare (self,
                           "SELECT name, position, kind, probability, stale_days "
                           "FROM stage WHERE id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  dl_stage_kind_from_string (dl_stmt_text (stmt, 2), &kind);

  stage = g_object_new (DL_TYPE_STAGE, "id", stage_id, NULL);
  dl_stage_set_name (stage, dl_stmt_text (stmt, 0));
  dl_stage_set_position (stage, MAX (0, sqlite3_column_int (stmt, 1)));
  dl_stage_set_kind (stage, kind);
  dl_stage_set_probability (stage, CLAMP (sqlite3_column_int (stmt, 3), 0, 100));
  dl_stage_set_stale_days (stage, CLAMP (sqlite3_column_int (stmt, 4), 1, 3650));

  return stage;
}

DlStage *
dl_store_get_stage (DlStore *self,
                    gint64   stage_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_STAGES, stage_id);
}

GListModel *
dl_store_create_stages (DlStore *self)
{
  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_STAGES,
                                          "SELECT id FROM stage ORDER BY position, id",
                                          0));
}

gboolean
dl_store_stage_missing (DlStore  *self,
                        gint64    stage_id,
                        GError  **error)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (self, "SELECT 1 FROM stage WHERE id = ?", error);

  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return FALSE;

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("This stage no longer exists."));

  return TRUE;
}

/* Trims name into *out; INVALID when empty, DUPLICATE when another stage
 * has it (letter case aside, as the unique index sees it). */
static gboolean
check_stage_name (DlStore     *self,
                  gint64       stage_id,
                  const char  *name,
                  char       **out,
                  GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autoptr(DlStmt) stmt = NULL;

  if (trimmed[0] == '\0')
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A stage needs a name."));
      return FALSE;
    }

  stmt = dl_store_prepare (self,
                           "SELECT 1 FROM stage WHERE name = ?1 COLLATE NOCASE AND id <> ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
                   _("There is already a stage named “%s”."), trimmed);
      return FALSE;
    }

  *out = g_steal_pointer (&trimmed);

  return TRUE;
}

GArray *
dl_store_read_ordered_ids (DlStore    *self,
                           const char *sql,
                           gint64      param,
                           gint64      exclude_id,
                           GError    **error)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id != exclude_id)
        g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

gboolean
dl_store_renumber_ordered (DlStore       *self,
                           const char    *update_sql,
                           DlStoreEntity  entity,
                           GArray        *ids,
                           GError       **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DlStmt) stmt = dl_store_prepare (self, update_sql, error);
      gint64 id = g_array_index (ids, gint64, i);

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;

      if (sqlite3_changes (dl_store_get_handle (self)) > 0)
        dl_store_emit_changed (self, entity, id);
    }

  return TRUE;
}

#define STAGE_IDS_SQL "SELECT id FROM stage ORDER BY position, id"
#define STAGE_RENUMBER_SQL "UPDATE stage SET position = ?1 WHERE id = ?2 AND position IS NOT ?1"

typedef struct
{
  gint64       id;
  const char  *name;
  DlStageKind  kind;
  guint        value;
} StageData;

static gboolean
add_stage_cb (DlStore  *self,
              gpointer  data,
              GError  **error)
{
  StageData *stage = data;
  g_autofree char *name = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  /* A new stage starts from a neutral guess the user then tunes. */
  int probability = stage->kind == DL_STAGE_JOINED ? 100 : stage->kind == DL_STAGE_NOT_NOW ? 5 : 20;

  if (!check_stage_name (self, 0, stage->name, &name, error))
    return FALSE;

  stmt = dl_store_prepare (self,
                           "INSERT INTO stage (name, position, kind, probability) "
                           "VALUES (?1, (SELECT count(*) FROM stage), ?2, ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dl_stage_kind_to_string (stage->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, probability);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  stage->id = sqlite3_last_insert_rowid (dl_store_get_handle (self));
  dl_store_emit_changed (self, DL_STORE_ENTITY_STAGES, stage->id);

  return TRUE;
}

DlStage *
dl_store_add_stage (DlStore      *self,
                    const char   *name,
                    DlStageKind   kind,
                    GError      **error)
{
  StageData data = { 0, name, kind, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= DL_STAGE_NOT_NOW, NULL);

  if (!dl_store_run_in_transaction (self, add_stage_cb, &data, error))
    return NULL;

  return dl_store_get_stage (self, data.id);
}

static gboolean
rename_stage_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  StageData *stage = data;
  g_autofree char *name = NULL;
  g_autoptr(DlStmt) stmt = NULL;

  if (dl_store_stage_missing (self, stage->id, error)
      || !check_stage_name (self, stage->id, stage->name, &name, error))
    return FALSE;

  stmt = dl_store_prepare (self, "UPDATE stage SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, stage->id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_STAGES, stage->id);

  return TRUE;
}

gboolean
dl_store_rename_stage (DlStore     *self,
                       gint64       stage_id,
                       const char  *name,
                       GError     **error)
{
  StageData data = { stage_id, name, 0, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, rename_stage_cb, &data, error);
}

static gboolean
move_stage_cb (DlStore  *self,
               gpointer  data,
               GError  **error)
{
  StageData *stage = data;
  g_autoptr(GArray) ids = NULL;

  if (dl_store_stage_missing (self, stage->id, error))
    return FALSE;

  ids = dl_store_read_ordered_ids (self, STAGE_IDS_SQL, 0, stage->id, error);
  if (ids == NULL)
    return FALSE;

  g_array_insert_val (ids, MIN (stage->value, ids->len), stage->id);

  return dl_store_renumber_ordered (self, STAGE_RENUMBER_SQL, DL_STORE_ENTITY_STAGES, ids, error);
}

gboolean
dl_store_move_stage (DlStore  *self,
                     gint64    stage_id,
                     guint     position,
                     GError  **error)
{
  StageData data = { stage_id, NULL, 0, position };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, move_stage_cb, &data, error);
}

typedef struct
{
  gint64      id;
  const char *sql;
  int         value;
  const char *text;
} SetData;

/* One UPDATE of one row: ?1 is the value (text when set, else int),
 * ?2 the id. */
static gboolean
set_stage_cb (DlStore  *self,
              gpointer  data,
              GError  **error)
{
  SetData *set = data;
  g_autoptr(DlStmt) stmt = NULL;

  if (dl_store_stage_missing (self, set->id, error))
    return FALSE;

  stmt = dl_store_prepare (self, set->sql, error);
  if (stmt == NULL)
    return FALSE;
  if (set->text != NULL)
    sqlite3_bind_text (stmt, 1, set->text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int (stmt, 1, set->value);
  sqlite3_bind_int64 (stmt, 2, set->id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_STAGES, set->id);

  return TRUE;
}

gboolean
dl_store_set_stage_kind (DlStore      *self,
                         gint64        stage_id,
                         DlStageKind   kind,
                         GError      **error)
{
  SetData data = { stage_id, "UPDATE stage SET kind = ?1 WHERE id = ?2", 0, NULL };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind <= DL_STAGE_NOT_NOW, FALSE);

  data.text = dl_stage_kind_to_string (kind);

  return dl_store_run_in_transaction (self, set_stage_cb, &data, error);
}

gboolean
dl_store_set_stage_probability (DlStore  *self,
                                gint64    stage_id,
                                guint     percent,
                                GError  **error)
{
  SetData data = { stage_id, "UPDATE stage SET probability = ?1 WHERE id = ?2", percent, NULL };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (percent > 100)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A probability is between 0 and 100 %%, not %u %%."), percent);
      return FALSE;
    }

  return dl_store_run_in_transaction (self, set_stage_cb, &data, error);
}

gboolean
dl_store_set_stage_stale_days (DlStore  *self,
                               gint64    stage_id,
                               guint     days,
                               GError  **error)
{
  SetData data = { stage_id, "UPDATE stage SET stale_days = ?1 WHERE id = ?2", days, NULL };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (days < 1 || days > 3650)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A prospect can go stale after 1 to 3650 days, not %u."), days);
      return FALSE;
    }

  return dl_store_run_in_transaction (self, set_stage_cb, &data, error);
}

typedef struct
{
  gint64       id;
  const char  *name;
  DlStageKind  kind;
  guint        probability;
  guint        stale_days;
  guint        position;
} StageUpdate;

/* Each setter is a transaction of its own, nested here in one. */
static gboolean
update_stage_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  StageUpdate *u = data;

  return dl_store_rename_stage (self, u->id, u->name, error)
         && dl_store_set_stage_kind (self, u->id, u->kind, error)
         && dl_store_set_stage_probability (self, u->id, u->probability, error)
         && dl_store_set_stage_stale_days (self, u->id, u->stale_days, error)
         && dl_store_move_stage (self, u->id, u->position, error);
}

gboolean
dl_store_update_stage (DlStore      *self,
                       gint64        stage_id,
                       const char   *name,
                       DlStageKind   kind,
                       guint         probability,
                       guint         stale_days,
                       guint         position,
                       GError      **error)
{
  StageUpdate data = { stage_id, name, kind, probability, stale_days, position };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (kind <= DL_STAGE_NOT_NOW, FALSE);

  return dl_store_run_in_transaction (self, update_stage_cb, &data, error);
}

/* Puts a stage back as the snapshot has it, under its own id: settings
 * and place, or the whole row when it was deleted. */
static gboolean
restore_stage_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  DlStage *snapshot = data;
  gint64 id = dl_stage_get_id (snapshot);
  g_autofree char *name = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;

  if (!check_stage_name (self, id, dl_stage_get_name (snapshot), &name, error))
    return FALSE;

  stmt = dl_store_prepare (self,
                           "INSERT INTO stage (id, name, position, kind, probability, stale_days) "
                           "VALUES (?1, ?2, (SELECT count(*) FROM stage), ?3, ?4, ?5) "
                           "ON CONFLICT (id) DO UPDATE SET name = ?2, kind = ?3, "
                           "probability = ?4, stale_days = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dl_stage_kind_to_string (dl_stage_get_kind (snapshot)), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, dl_stage_get_probability (snapshot));
  sqlite3_bind_int (stmt, 5, dl_stage_get_stale_days (snapshot));
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  dl_store_emit_changed (self, DL_STORE_ENTITY_STAGES, id);

  ids = dl_store_read_ordered_ids (self, STAGE_IDS_SQL, 0, id, error);
  if (ids == NULL)
    return FALSE;
  g_array_insert_val (ids, MIN (dl_stage_get_position (snapshot), ids->len), id);

  return dl_store_renumber_ordered (self, STAGE_RENUMBER_SQL, DL_STORE_ENTITY_STAGES, ids, error);
}

gboolean
dl_store_restore_stage (DlStore  *self,
                        DlStage  *snapshot,
                        GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_STAGE (snapshot), FALSE);
  g_return_val_if_fail (dl_stage_get_id (snapshot) > 0, FALSE);

  return dl_store_run_in_transaction (self, restore_stage_cb, snapshot, error);
}

static gboolean
delete_stage_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  gint64 stage_id = *(gint64 *) data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlStage) stage = NULL;
  g_autoptr(GArray) ids = NULL;
  int n_prospects;

  stage = dl_store_get_stage (self, stage_id);
  if (stage == NULL)
    return !dl_store_stage_missing (self, stage_id, error);

  stmt = dl_store_prepare (self, "SELECT count(*) FROM prospect WHERE stage_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return dl_store_step_done (self, stmt, error);
  n_prospects = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, dl_stmt_release);

  if (n_prospects > 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The stage “%s” still holds %d prospect. "
                                "Move them to another stage first.",
                                "The stage “%s” still holds %d prospects. "
                                "Move them to another stage first.",
                                n_prospects),
                   dl_stage_get_name (stage), n_prospects);
      return FALSE;
    }

  stmt = dl_store_prepare (self, "DELETE FROM stage WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  dl_store_emit_changed (self, DL_STORE_ENTITY_STAGES, stage_id);

  ids = dl_store_read_ordered_ids (self, STAGE_IDS_SQL, 0, 0, error);

  return ids != NULL && dl_store_renumber_ordered (self, STAGE_RENUMBER_SQL, DL_STORE_ENTITY_STAGES, ids, error);
}

gboolean
dl_store_delete_stage (DlStore  *self,
                       gint64    stage_id,
                       GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, delete_stage_cb, &stage_id, error);
}

/* History --------------------------------------------------------------- */

gboolean
dl_store_migrate_to_2 (sqlite3  *db,
                       GError  **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db,
                     "CREATE TABLE stage_exit ("
                     "  id          INTEGER PRIMARY KEY,"
                     "  person_id   INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
                     "  stage_id    INTEGER NOT NULL REFERENCES stage (id) ON DELETE CASCADE,"
                     "  entered_at  TEXT NOT NULL,"     /* UTC stamp */
                     "  left_at     TEXT NOT NULL"      /* UTC stamp */
                     ");"
                     "CREATE INDEX stage_exit_by_stage ON stage_exit (stage_id);"
                     "CREATE INDEX stage_exit_by_person ON stage_exit (person_id);",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not add the stage history: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_store_record_stage_exit (DlStore     *self,
                            gint64       person_id,
                            gint64       stage_id,
                            const char  *entered_at,
                            GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();

  stmt = dl_store_prepare (self,
                           "INSERT INTO stage_exit (person_id, stage_id, entered_at, left_at) "
                           "VALUES (?1, ?2, ?3, ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  sqlite3_bind_text (stmt, 3, entered_at && entered_at[0] ? entered_at : now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);

  return dl_store_step_done (self, stmt, error);
}

gboolean
dl_store_forget_stage_exit (DlStore     *self,
                            gint64       person_id,
                            gint64       stage_id,
                            const char  *entered_at,
                            GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (self,
                           "DELETE FROM stage_exit WHERE person_id = ?1 AND stage_id = ?2 "
                           "AND entered_at = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  sqlite3_bind_text (stmt, 3, entered_at ? entered_at : "", -1, SQLITE_TRANSIENT);

  return dl_store_step_done (self, stmt, error);
}

gboolean
dl_store_get_stage_history (DlStore         *self,
                            gint64           stage_id,
                            DlStageHistory  *history,
                            GError         **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (history != NULL, FALSE);

  history->decided = history->joined = 0;
  history->days_to_join = -1;

  stmt = dl_store_prepare (self,
                           "SELECT "
                           "  count (DISTINCT CASE WHEN m.person_id IS NOT NULL OR x.person_id IS NULL "
                           "                       OR s.kind = 'not-now' THEN e.person_id END), "
                           "  count (DISTINCT CASE WHEN m.person_id IS NOT NULL THEN e.person_id END), "
                           "  avg (CASE WHEN m.person_id IS NOT NULL "
                           "       THEN julianday (m.joined_on) - julianday (substr (e.entered_at, 1, 10)) END) "
                           "FROM stage_exit e "
                           "LEFT JOIN member m ON m.person_id = e.person_id "
                           "LEFT JOIN prospect x ON x.person_id = e.person_id "
                           "LEFT JOIN stage s ON s.id = x.stage_id "
                           "WHERE e.stage_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      return FALSE;
    }

  history->decided = sqlite3_column_int (stmt, 0);
  history->joined = sqlite3_column_int (stmt, 1);
  if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
    history->days_to_join = MAX (0, sqlite3_column_double (stmt, 2));

  return TRUE;
}

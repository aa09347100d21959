/* dl-store-pipeline.c — stages and the prospects in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Positions (of stages on the board, of prospects in a stage) are kept
 * dense from 0: every move or removal renumbers in the same transaction,
 * so a board drawn from positions never shows gaps or ties, even after
 * rows written by another tool.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-items-private.h"
#include "dl-store-list.h"
#include "dl-store-private.h"

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

static gboolean
stage_missing (DlStore  *self,
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

/* Reads the ids of a list in order, without exclude_id. */
static GArray *
read_ids (DlStore    *self,
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

/* Writes position i to the i-th id where it differs, queuing ::changed
 * for each row that moved. */
static gboolean
renumber (DlStore       *self,
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

  if (stage_missing (self, stage->id, error)
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

  if (stage_missing (self, stage->id, error))
    return FALSE;

  ids = read_ids (self, STAGE_IDS_SQL, 0, stage->id, error);
  if (ids == NULL)
    return FALSE;

  g_array_insert_val (ids, MIN (stage->value, ids->len), stage->id);

  return renumber (self, STAGE_RENUMBER_SQL, DL_STORE_ENTITY_STAGES, ids, error);
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

  if (stage_missing (self, set->id, error))
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
    return !stage_missing (self, stage_id, error);

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

  ids = read_ids (self, STAGE_IDS_SQL, 0, 0, error);

  return ids != NULL && renumber (self, STAGE_RENUMBER_SQL, DL_STORE_ENTITY_STAGES, ids, error);
}

gboolean
dl_store_delete_stage (DlStore  *self,
                       gint64    stage_id,
                       GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, delete_stage_cb, &stage_id, error);
}

/* Prospects ----------------------------------------------------------- */

#define PROSPECT_IDS_SQL \
  "SELECT person_id FROM prospect WHERE stage_id = ?1 ORDER BY position, person_id"
#define PROSPECT_RENUMBER_SQL \
  "UPDATE prospect SET position = ?1 WHERE person_id = ?2 AND position IS NOT ?1"

DlProspect *
dl_store_load_prospect (DlStore *self,
                        gint64   person_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(GDateTime) entered = NULL;
  DlInterest interest = DL_INTEREST_UNKNOWN;
  DlQualification qualification = 0;
  DlProspect *prospect;

  stmt = dl_store_prepare (self,
                           "SELECT stage_id, position, interest, q_self_starter, q_will_work, "
                           "q_good_fit, q_loves_product, next_follow_up, entered_stage_at, "
                           "not_now_reason, revisit_on FROM prospect WHERE person_id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  person = dl_store_get_person (self, person_id);
  if (person == NULL)
    return NULL;

  dl_interest_from_string (dl_stmt_text (stmt, 2), &interest);
  if (sqlite3_column_int (stmt, 3))
    qualification |= DL_QUALIFY_SELF_STARTER;
  if (sqlite3_column_int (stmt, 4))
    qualification |= DL_QUALIFY_WILL_WORK;
  if (sqlite3_column_int (stmt, 5))
    qualification |= DL_QUALIFY_GOOD_FIT;
  if (sqlite3_column_int (stmt, 6))
    qualification |= DL_QUALIFY_LOVES_PRODUCT;
  entered = dl_stmt_stamp (stmt, 8);

  prospect = g_object_new (DL_TYPE_PROSPECT, "id", person_id, NULL);
  dl_prospect_set_person (prospect, person);
  dl_prospect_set_stage_id (prospect, sqlite3_column_int64 (stmt, 0));
  dl_prospect_set_position (prospect, MAX (0, sqlite3_column_int (stmt, 1)));
  dl_prospect_set_interest (prospect, interest);
  dl_prospect_set_qualification (prospect, qualification);
  dl_prospect_set_next_follow_up (prospect, dl_stmt_day (stmt, 7));
  dl_prospect_set_entered_stage_at (prospect, entered);
  dl_prospect_set_not_now_reason (prospect, dl_stmt_text (stmt, 9));
  dl_prospect_set_revisit_on (prospect, dl_stmt_day (stmt, 10));

  return prospect;
}

DlProspect *
dl_store_get_prospect (DlStore *self,
                       gint64   person_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_PROSPECTS, person_id);
}

GListModel *
dl_store_get_prospects (DlStore *self,
                        gint64   stage_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_PROSPECTS,
                                          PROSPECT_IDS_SQL, stage_id));
}

/* The prospect's stage, or 0 with NOT_FOUND set. */
static gint64
prospect_stage (DlStore  *self,
                gint64    person_id,
                GError  **error)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (self, "SELECT stage_id FROM prospect WHERE person_id = ?", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("This person is no longer in the pipeline."));

  return 0;
}

typedef struct
{
  DlPerson *person;
  gint64    id;
  gint64    stage_id;
  guint     position;
} ProspectData;

static gboolean
add_prospect_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  ProspectData *prospect = data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  gint64 id = dl_person_get_id (prospect->person);

  if (stage_missing (self, prospect->stage_id, error))
    return FALSE;

  if (id == 0)
    {
      id = dl_store_insert_person (self, prospect->person, error);
      if (id == 0)
        return FALSE;
    }
  else
    {
      g_autoptr(DlPerson) person = dl_store_get_person (self, id);
      g_autoptr(DlStmt) check = NULL;

      if (person == NULL)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                       _("This person no longer exists; they may have been deleted."));
          return FALSE;
        }

      check = dl_store_prepare (self, "SELECT 1 FROM prospect WHERE person_id = ?", error);
      if (check == NULL)
        return FALSE;
      sqlite3_bind_int64 (check, 1, id);
      if (sqlite3_step (check) == SQLITE_ROW)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
                       _("%s is already in the pipeline."), dl_person_get_name (person));
          return FALSE;
        }
    }

  stmt = dl_store_prepare (self,
                           "INSERT INTO prospect (person_id, stage_id, position, entered_stage_at) "
                           "VALUES (?1, ?2, (SELECT count(*) FROM prospect WHERE stage_id = ?2), ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, prospect->stage_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  prospect->id = id;
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, id);

  return TRUE;
}

DlProspect *
dl_store_add_prospect (DlStore   *self,
                       DlPerson  *person,
                       gint64     stage_id,
                       GError   **error)
{
  ProspectData data = { person, 0, stage_id, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (DL_IS_PERSON (person), NULL);

  if (!dl_store_run_in_transaction (self, add_prospect_cb, &data, error))
    return NULL;

  return dl_store_get_prospect (self, data.id);
}

static gboolean
move_prospect_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  ProspectData *move = data;
  g_autoptr(GArray) target = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  gint64 from_stage;

  from_stage = prospect_stage (self, move->id, error);
  if (from_stage == 0 || stage_missing (self, move->stage_id, error))
    return FALSE;

  stmt = dl_store_prepare (self,
                           "UPDATE prospect SET stage_id = ?1, entered_stage_at = "
                           "CASE WHEN stage_id = ?1 THEN entered_stage_at ELSE ?2 END "
                           "WHERE person_id = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, move->stage_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, move->id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, move->id);

  if (from_stage != move->stage_id)
    {
      g_autoptr(GArray) source = read_ids (self, PROSPECT_IDS_SQL, from_stage, move->id, error);

      if (source == NULL
          || !renumber (self, PROSPECT_RENUMBER_SQL, DL_STORE_ENTITY_PROSPECTS, source, error))
        return FALSE;
    }

  target = read_ids (self, PROSPECT_IDS_SQL, move->stage_id, move->id, error);
  if (target == NULL)
    return FALSE;
  g_array_insert_val (target, MIN (move->position, target->len), move->id);

  return renumber (self, PROSPECT_RENUMBER_SQL, DL_STORE_ENTITY_PROSPECTS, target, error);
}

gboolean
dl_store_move_prospect (DlStore  *self,
                        gint64    person_id,
                        gint64    stage_id,
                        guint     position,
                        GError  **error)
{
  ProspectData data = { NULL, person_id, stage_id, position };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, move_prospect_cb, &data, error);
}

static gboolean
update_prospect_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  DlProspect *draft = data;
  DlQualification q = dl_prospect_get_qualification (draft);
  g_autoptr(DlStmt) stmt = NULL;
  gint64 id = dl_prospect_get_id (draft);

  if (prospect_stage (self, id, error) == 0)
    return FALSE;

  stmt = dl_store_prepare (self,
                           "UPDATE prospect SET interest = ?1, q_self_starter = ?2, "
                           "q_will_work = ?3, q_good_fit = ?4, q_loves_product = ?5, "
                           "next_follow_up = ?6, not_now_reason = ?7, revisit_on = ?8 "
                           "WHERE person_id = ?9",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dl_interest_to_string (dl_prospect_get_interest (draft)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (q & DL_QUALIFY_SELF_STARTER) != 0);
  sqlite3_bind_int (stmt, 3, (q & DL_QUALIFY_WILL_WORK) != 0);
  sqlite3_bind_int (stmt, 4, (q & DL_QUALIFY_GOOD_FIT) != 0);
  sqlite3_bind_int (stmt, 5, (q & DL_QUALIFY_LOVES_PRODUCT) != 0);
  dl_stmt_bind_day (stmt, 6, dl_prospect_get_next_follow_up (draft));
  sqlite3_bind_text (stmt, 7, dl_prospect_get_not_now_reason (draft), -1, SQLITE_TRANSIENT);
  dl_stmt_bind_day (stmt, 8, dl_prospect_get_revisit_on (draft));
  sqlite3_bind_int64 (stmt, 9, id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, id);

  return TRUE;
}

gboolean
dl_store_update_prospect (DlStore     *self,
                          DlProspect  *draft,
                          GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PROSPECT (draft), FALSE);

  return dl_store_update_row (self, update_prospect_cb, draft, DL_STORE_ENTITY_PROSPECTS,
                              dl_prospect_get_id (draft), error);
}

/* The small setters start from the stored row, so they never overwrite
 * fields the caller did not mean to touch. */
static gboolean
change_prospect (DlStore          *self,
                 gint64            person_id,
                 void            (*change) (DlProspect *draft,
                                            gconstpointer data),
                 gconstpointer     data,
                 GError          **error)
{
  g_autoptr(DlProspect) stored = NULL;
  g_autoptr(DlProspect) draft = NULL;

  if (!dl_store_begin (self, error))
    return FALSE;

  stored = dl_store_load_prospect (self, person_id);
  if (stored == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the pipeline."));
      dl_store_rollback (self);
      return FALSE;
    }

  draft = dl_prospect_copy (stored);
  change (draft, data);

  if (!update_prospect_cb (self, draft, error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  return dl_store_commit (self, error);
}

static void
change_qualification (DlProspect    *draft,
                      gconstpointer  data)
{
  dl_prospect_set_qualification (draft, *(const DlQualification *) data);
}

static void
change_follow_up (DlProspect    *draft,
                  gconstpointer  data)
{
  dl_prospect_set_next_follow_up (draft, *(const DlDay *) data);
}

typedef struct
{
  const char *reason;
  DlDay       revisit_on;
} NotNow;

static void
change_not_now (DlProspect    *draft,
                gconstpointer  data)
{
  const NotNow *not_now = data;

  dl_prospect_set_not_now_reason (draft, not_now->reason);
  dl_prospect_set_revisit_on (draft, not_now->revisit_on);
}

gboolean
dl_store_set_prospect_qualification (DlStore          *self,
                                     gint64            person_id,
                                     DlQualification   qualification,
                                     GError          **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return change_prospect (self, person_id, change_qualification, &qualification, error);
}

gboolean
dl_store_set_prospect_follow_up (DlStore  *self,
                                 gint64    person_id,
                                 DlDay     day,
                                 GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return change_prospect (self, person_id, change_follow_up, &day, error);
}

gboolean
dl_store_set_prospect_not_now (DlStore     *self,
                               gint64       person_id,
                               const char  *reason,
                               DlDay        revisit_on,
                               GError     **error)
{
  NotNow not_now = { reason ? reason : "", revisit_on };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return change_prospect (self, person_id, change_not_now, &not_now, error);
}

static gboolean
remove_prospect_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  gint64 person_id = *(gint64 *) data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GArray) rest = NULL;
  gint64 stage_id;

  stage_id = prospect_stage (self, person_id, error);
  if (stage_id == 0)
    return FALSE;

  stmt = dl_store_prepare (self, "DELETE FROM prospect WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, person_id);

  rest = read_ids (self, PROSPECT_IDS_SQL, stage_id, 0, error);

  return rest != NULL
         && renumber (self, PROSPECT_RENUMBER_SQL, DL_STORE_ENTITY_PROSPECTS, rest, error);
}

gboolean
dl_store_remove_prospect (DlStore  *self,
                          gint64    person_id,
                          GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, remove_prospect_cb, &person_id, error);
}

/* dl-store-join.c — joining, parking and restoring prospects, each in
 * one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-pipeline-stats.h"
#include "dl-items-private.h"
#include "dl-store-join.h"
#include "dl-store-private.h"
#include "dl-store-pipeline-private.h"

/* Rewrites the positions of stage_id densely from 0, with person_id (if
 * not 0) put at position. */
static gboolean
renumber_stage (DlStore  *self,
                gint64    stage_id,
                gint64    person_id,
                guint     position,
                GError  **error)
{
  g_autoptr(GArray) ids = dl_store_read_prospect_ids (self, stage_id, person_id, error);

  if (ids == NULL)
    return FALSE;
  if (person_id != 0)
    g_array_insert_val (ids, MIN (position, ids->len), person_id);

  return dl_store_renumber_prospects (self, ids, error);
}

static gboolean
check_stage_kind (DlStore      *self,
                  gint64        stage_id,
                  DlStageKind   kind,
                  GError      **error)
{
  g_autoptr(DlStage) stage = dl_store_get_stage (self, stage_id);

  if (stage == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This stage no longer exists."));
      return FALSE;
    }

  if (dl_stage_get_kind (stage) != kind)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   kind == DL_STAGE_JOINED
                   ? _("The stage “%s” is not a stage for people who joined.")
                   : _("The stage “%s” is not a stage for people who said not now."),
                   dl_stage_get_name (stage));
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_store_join_prospect (DlStore     *self,
                        gint64       person_id,
                        gint64       joined_stage_id,
                        guint        position,
                        gint64       sponsor_id,
                        DlRole       role,
                        const char  *member_number,
                        DlDay        joined_on,
                        GError     **error)
{
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlMember) member = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (role <= DL_ROLE_CUSTOMER, FALSE);

  if (joined_on != DL_DAY_NONE && joined_on > dl_day_today ())
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("The join date cannot be in the future."));
      return FALSE;
    }

  if (!dl_store_begin (self, error))
    return FALSE;

  if (!check_stage_kind (self, joined_stage_id, DL_STAGE_JOINED, error))
    goto fail;

  person = dl_store_get_person (self, person_id);
  if (person == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This person no longer exists; they may have been deleted."));
      goto fail;
    }

  if (!dl_store_move_prospect (self, person_id, joined_stage_id, position, error))
    goto fail;

  member = dl_store_add_member (self, person, sponsor_id, member_number, joined_on, role, error);
  if (member == NULL)
    goto fail;

  return dl_store_commit (self, error);

fail:
  dl_store_rollback (self);
  return FALSE;
}

gboolean
dl_store_park_prospect (DlStore     *self,
                        gint64       person_id,
                        gint64       not_now_stage_id,
                        guint        position,
                        const char  *reason,
                        DlDay        revisit_on,
                        GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (revisit_on == DL_DAY_NONE)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("Choose a date to ask again."));
      return FALSE;
    }

  if (!dl_store_begin (self, error))
    return FALSE;

  if (!check_stage_kind (self, not_now_stage_id, DL_STAGE_NOT_NOW, error)
      || !dl_store_move_prospect (self, person_id, not_now_stage_id, position, error)
      || !dl_store_set_prospect_not_now (self, person_id, reason, revisit_on, error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  return dl_store_commit (self, error);
}

static gboolean
drop_member (DlStore  *self,
             gint64    person_id,
             GError  **error)
{
  g_autoptr(DlStmt) recruits = NULL;
  g_autoptr(DlStmt) stmt = NULL;

  recruits = dl_store_prepare (self, "SELECT 1 FROM member WHERE sponsor_id = ? LIMIT 1", error);
  if (recruits == NULL)
    return FALSE;
  sqlite3_bind_int64 (recruits, 1, person_id);
  if (sqlite3_step (recruits) == SQLITE_ROW)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY,
                   _("They have recruits of their own by now, so they stay a member."));
      return FALSE;
    }

  stmt = dl_store_prepare (self, "DELETE FROM member WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (dl_store_get_handle (self)) > 0)
    dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, person_id);

  return TRUE;
}

static gboolean
restore_cb (DlStore  *self,
            gpointer  data,
            GError  **error)
{
  DlProspect *snapshot = data;
  gint64 id = dl_prospect_get_id (snapshot);
  gint64 stage_id = dl_prospect_get_stage_id (snapshot);
  DlQualification q = dl_prospect_get_qualification (snapshot);
  GDateTime *entered = dl_prospect_get_entered_stage_at (snapshot);
  g_autoptr(GDateTime) entered_utc = NULL;
  g_autofree char *stamp = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  gint64 from_stage = 0;

  if (entered != NULL)
    {
      entered_utc = g_date_time_to_utc (entered);
      stamp = g_date_time_format (entered_utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  else
    stamp = dl_store_now_stamp ();

  {
    g_autoptr(DlStmt) now = dl_store_prepare (self, "SELECT stage_id FROM prospect WHERE person_id = ?", error);

    if (now == NULL)
      return FALSE;
    sqlite3_bind_int64 (now, 1, id);
    if (sqlite3_step (now) == SQLITE_ROW)
      from_stage = sqlite3_column_int64 (now, 0);
  }

  stmt = dl_store_prepare (self,
                           "INSERT INTO prospect (person_id, stage_id, position, interest, "
                           "q_self_starter, q_will_work, q_good_fit, q_loves_product, "
                           "next_follow_up, entered_stage_at, not_now_reason, revisit_on) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                           "ON CONFLICT (person_id) DO UPDATE SET stage_id = ?2, position = ?3, "
                           "interest = ?4, q_self_starter = ?5, q_will_work = ?6, "
                           "q_good_fit = ?7, q_loves_product = ?8, next_follow_up = ?9, "
                           "entered_stage_at = ?10, not_now_reason = ?11, revisit_on = ?12",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  sqlite3_bind_int (stmt, 3, dl_prospect_get_position (snapshot));
  sqlite3_bind_text (stmt, 4, dl_interest_to_string (dl_prospect_get_interest (snapshot)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (q & DL_QUALIFY_SELF_STARTER) != 0);
  sqlite3_bind_int (stmt, 6, (q & DL_QUALIFY_WILL_WORK) != 0);
  sqlite3_bind_int (stmt, 7, (q & DL_QUALIFY_GOOD_FIT) != 0);
  sqlite3_bind_int (stmt, 8, (q & DL_QUALIFY_LOVES_PRODUCT) != 0);
  dl_stmt_bind_day (stmt, 9, dl_prospect_get_next_follow_up (snapshot));
  sqlite3_bind_text (stmt, 10, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, dl_prospect_get_not_now_reason (snapshot), -1, SQLITE_TRANSIENT);
  dl_stmt_bind_day (stmt, 12, dl_prospect_get_revisit_on (snapshot));
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, id);

  /* the exit the undone change recorded is no part of the history */
  if (!dl_store_forget_stage_exit (self, id, stage_id, stamp, error))
    return FALSE;

  if (from_stage != 0 && from_stage != stage_id
      && !renumber_stage (self, from_stage, 0, 0, error))
    return FALSE;

  return renumber_stage (self, stage_id, id, dl_prospect_get_position (snapshot), error);
}

gboolean
dl_store_restore_prospect (DlStore     *self,
                           DlProspect  *snapshot,
                           gboolean     with_member,
                           GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PROSPECT (snapshot), FALSE);

  if (!dl_store_begin (self, error))
    return FALSE;

  if ((with_member && !drop_member (self, dl_prospect_get_id (snapshot), error))
      || !restore_cb (self, snapshot, error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  return dl_store_commit (self, error);
}

static gboolean
write_fields (DlStore     *self,
              gint64       person_id,
              DlProspect  *fields,
              GError     **error)
{
  g_autoptr(DlProspect) stored = dl_store_load_prospect (self, person_id);
  g_autoptr(DlProspect) draft = NULL;

  if (stored == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the pipeline."));
      return FALSE;
    }

  draft = dl_prospect_copy (stored);
  dl_prospect_set_interest (draft, dl_prospect_get_interest (fields));
  dl_prospect_set_qualification (draft, dl_prospect_get_qualification (fields));
  dl_prospect_set_next_follow_up (draft, dl_prospect_get_next_follow_up (fields));

  return dl_store_update_prospect (self, draft, error);
}

gint64
dl_store_create_prospect (DlStore     *self,
                          DlPerson    *person,
                          DlProspect  *fields,
                          gint64       stage_id,
                          GError     **error)
{
  g_autoptr(DlProspect) prospect = NULL;
  gint64 id;

  g_return_val_if_fail (DL_IS_STORE (self), 0);
  g_return_val_if_fail (DL_IS_PERSON (person), 0);
  g_return_val_if_fail (DL_IS_PROSPECT (fields), 0);

  if (!dl_store_begin (self, error))
    return 0;

  prospect = dl_store_add_prospect (self, person, stage_id, error);
  if (prospect == NULL)
    {
      dl_store_rollback (self);
      return 0;
    }
  id = dl_prospect_get_id (prospect);

  if (!write_fields (self, id, fields, error))
    {
      dl_store_rollback (self);
      return 0;
    }

  /* a failed commit rolls back by itself */
  return dl_store_commit (self, error) ? id : 0;
}

gboolean
dl_store_save_prospect (DlStore     *self,
                        DlPerson    *person,
                        DlProspect  *fields,
                        GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PERSON (person), FALSE);
  g_return_val_if_fail (DL_IS_PROSPECT (fields), FALSE);

  if (!dl_store_begin (self, error))
    return FALSE;

  if (!dl_store_update_person (self, person, error)
      || !write_fields (self, dl_person_get_id (person), fields, error))
    {
      dl_store_rollback (self);
      dl_store_reload_item (self, DL_STORE_ENTITY_PEOPLE, dl_person_get_id (person));
      return FALSE;
    }

  return dl_store_commit (self, error);
}

/* The UTC stamp ("YYYY-MM-DDTHH:MM:SSZ") of the local midnight that
 * starts day. */
static char *
local_midnight_stamp (DlDay day)
{
  g_autoptr(GTimeZone) zone = dl_day_local_zone ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  local = g_date_time_new (zone, y, m, d, 0, 0, 0);
  if (local == NULL)
    return g_strdup ("");
  utc = g_date_time_to_utc (local);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
dl_store_get_pipeline_counts (DlStore           *self,
                              DlDay              today,
                              DlPipelineCounts  *counts,
                              GError           **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *today_start = NULL;
  g_autofree char *tomorrow_start = NULL;
  g_autofree char *week_start = NULL;
  g_autofree char *since_start = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  /* Local days as UTC stamp ranges: stamps compare as text, where
   * date (stamp, 'localtime') on every row took 10 ms for 10,000 cards,
   * after every change. */
  today_start = local_midnight_stamp (today);
  tomorrow_start = local_midnight_stamp (today + 1);
  week_start = local_midnight_stamp (today - 6);
  since_start = local_midnight_stamp (today - (DL_PIPELINE_CONVERSION_DAYS - 1));

  stmt = dl_store_prepare (self,
                           "SELECT "
                           "  sum (s.kind = 'open'), "
                           "  sum (p.created_at >= ?1 AND p.created_at < ?2), "
                           "  sum (p.created_at >= ?3 AND p.created_at < ?2), "
                           "  sum (s.kind = 'joined' AND x.entered_stage_at >= ?4), "
                           "  sum (s.kind = 'not-now' AND x.entered_stage_at >= ?4) "
                           "FROM prospect x JOIN stage s ON s.id = x.stage_id "
                           "JOIN person p ON p.id = x.person_id",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, today_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tomorrow_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, week_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, since_start, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      return FALSE;
    }

  counts->open = sqlite3_column_int (stmt, 0);
  counts->added_today = sqlite3_column_int (stmt, 1);
  counts->added_this_week = sqlite3_column_int (stmt, 2);
  counts->joined_90 = sqlite3_column_int (stmt, 3);
  counts->not_now_90 = sqlite3_column_int (stmt, 4);

  return TRUE;
}

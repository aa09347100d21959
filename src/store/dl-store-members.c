/* dl-store-members.c — the downline's members: added, edited, moved
 * under another sponsor (the tree they make is read in dl-store-tree.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-items-private.h"
#include "dl-member-list.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

DlMember *
dl_store_load_member (DlStore *self,
                      gint64   person_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlPerson) person = NULL;
  DlRole role = DL_ROLE_DISTRIBUTOR;
  DlMemberStatus status = DL_MEMBER_ACTIVE;
  DlMember *member;

  stmt = dl_store_prepare (self,
                           "SELECT sponsor_id, member_number, joined_on, role, status, "
                           "status_since, rank, last_activity, cadence_days, snoozed_until "
                           "FROM member WHERE person_id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  person = dl_store_get_person (self, person_id);
  if (person == NULL)
    return NULL;

  dl_role_from_string (dl_stmt_text (stmt, 3), &role);
  dl_member_status_from_string (dl_stmt_text (stmt, 4), &status);

  member = g_object_new (DL_TYPE_MEMBER, "id", person_id, NULL);
  dl_member_set_person (member, person);
  dl_member_set_sponsor_id (member, sqlite3_column_int64 (stmt, 0));
  dl_member_set_member_number (member, dl_stmt_text (stmt, 1));
  dl_member_set_joined_on (member, dl_stmt_day (stmt, 2));
  dl_member_set_role (member, role);
  dl_member_set_status (member, status);
  dl_member_set_status_since (member, dl_stmt_day (stmt, 5));
  dl_member_set_rank (member, dl_stmt_text (stmt, 6));
  dl_member_set_last_activity (member, dl_stmt_day (stmt, 7));
  dl_member_set_cadence_days (member, CLAMP (sqlite3_column_int (stmt, 8), 0, 365));
  dl_member_set_snoozed_until (member, dl_stmt_day (stmt, 9));

  return member;
}

DlMember *
dl_store_get_member (DlStore *self,
                     gint64   person_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_MEMBERS, person_id);
}

GListModel *
dl_store_create_members (DlStore *self)
{
  return G_LIST_MODEL (dl_member_list_new (self));
}

/* The member's display name for messages, or a neutral phrase. */
static char *
member_name (DlStore *self,
             gint64   person_id)
{
  g_autoptr(DlPerson) person = dl_store_get_person (self, person_id);

  if (person == NULL)
    return g_strdup (_("This member"));

  return g_strdup (dl_person_get_name (person));
}

static gboolean
is_member (DlStore *self,
           gint64   person_id)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (self, "SELECT 1 FROM member WHERE person_id = ?", NULL);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, person_id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

static gboolean
check_member (DlStore  *self,
              gint64    person_id,
              GError  **error)
{
  if (is_member (self, person_id))
    return TRUE;

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("This person is not a member of your downline."));

  return FALSE;
}

static gboolean
check_sponsor (DlStore  *self,
               gint64    sponsor_id,
               GError  **error)
{
  g_autoptr(DlPerson) person = NULL;

  if (sponsor_id == 0 || is_member (self, sponsor_id))
    return TRUE;

  person = dl_store_get_person (self, sponsor_id);
  if (person != NULL)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                 _("%s cannot be a sponsor: they are not a member of your downline."),
                 dl_person_get_name (person));
  else
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                 _("The chosen sponsor does not exist (any more)."));

  return FALSE;
}

/* Member numbers are the back office's keys: two members with one
 * number would mix up whose orders are whose. */
static gboolean
check_member_number (DlStore     *self,
                     gint64       person_id,
                     const char  *number,
                     GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *other = NULL;

  if (number == NULL || number[0] == '\0')
    return TRUE;

  stmt = dl_store_prepare (self,
                           "SELECT person_id FROM member WHERE member_number = ?1 AND person_id <> ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  other = member_name (self, sqlite3_column_int64 (stmt, 0));
  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
               _("The member number “%s” already belongs to %s."), number, other);

  return FALSE;
}

static gboolean
row_exists_person (DlStore *self,
                   gint64   person_id)
{
  g_autoptr(DlPerson) person = dl_store_get_person (self, person_id);

  return person != NULL;
}

typedef struct
{
  DlPerson   *person;
  gint64      sponsor_id;
  const char *number;
  DlDay       joined_on;
  DlRole      role;
  gint64      id;
} AddMember;

static gboolean
add_member_cb (DlStore  *self,
               gpointer  data,
               GError  **error)
{
  AddMember *add = data;
  g_autofree char *number = g_strstrip (g_strdup (add->number ? add->number : ""));
  g_autoptr(DlStmt) stmt = NULL;
  gint64 id = dl_person_get_id (add->person);

  if (!check_sponsor (self, add->sponsor_id, error)
      || !check_member_number (self, id, number, error))
    return FALSE;

  if (id == 0)
    {
      id = dl_store_insert_person (self, add->person, error);
      if (id == 0)
        return FALSE;
    }
  else if (!row_exists_person (self, id))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This person no longer exists; they may have been deleted."));
      return FALSE;
    }
  else if (is_member (self, id))
    {
      g_autofree char *name = member_name (self, id);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
                   _("%s is already a member of your downline."), name);
      return FALSE;
    }

  stmt = dl_store_prepare (self,
                           "INSERT INTO member (person_id, sponsor_id, member_number, joined_on, "
                           "role, status_since) VALUES (?1, ?2, ?3, ?4, ?5, ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (add->sponsor_id != 0)
    sqlite3_bind_int64 (stmt, 2, add->sponsor_id);
  dl_stmt_bind_text_or_null (stmt, 3, number);
  dl_stmt_bind_day (stmt, 4, add->joined_on != DL_DAY_NONE ? add->joined_on : dl_day_today ());
  sqlite3_bind_text (stmt, 5, dl_role_to_string (add->role), -1, SQLITE_STATIC);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  add->id = id;
  dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, id);

  return TRUE;
}

DlMember *
dl_store_add_member (DlStore     *self,
                     DlPerson    *person,
                     gint64       sponsor_id,
                     const char  *member_number,
                     DlDay        joined_on,
                     DlRole       role,
                     GError     **error)
{
  AddMember data = { person, sponsor_id, member_number, joined_on, role, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (DL_IS_PERSON (person), NULL);
  g_return_val_if_fail (role <= DL_ROLE_CUSTOMER, NULL);

  if (!dl_store_run_in_transaction (self, add_member_cb, &data, error))
    return NULL;

  return dl_store_get_member (self, data.id);
}

static gboolean
update_member_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  DlMember *draft = data;
  g_autofree char *number = g_strstrip (g_strdup (dl_member_get_member_number (draft)));
  g_autoptr(DlStmt) stmt = NULL;
  gint64 id = dl_member_get_id (draft);

  if (!check_member (self, id, error) || !check_member_number (self, id, number, error))
    return FALSE;

  if (dl_member_get_joined_on (draft) == DL_DAY_NONE)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A member needs the day they joined."));
      return FALSE;
    }

  stmt = dl_store_prepare (self,
                           "UPDATE member SET member_number = ?1, joined_on = ?2, role = ?3, "
                           "rank = ?4, last_activity = ?5 WHERE person_id = ?6",
                           error);
  if (stmt == NULL)
    return FALSE;
  dl_stmt_bind_text_or_null (stmt, 1, number);
  dl_stmt_bind_day (stmt, 2, dl_member_get_joined_on (draft));
  sqlite3_bind_text (stmt, 3, dl_role_to_string (dl_member_get_role (draft)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, dl_member_get_rank (draft), -1, SQLITE_TRANSIENT);
  dl_stmt_bind_day (stmt, 5, dl_member_get_last_activity (draft));
  sqlite3_bind_int64 (stmt, 6, id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, id);

  return TRUE;
}

gboolean
dl_store_update_member (DlStore   *self,
                        DlMember  *draft,
                        GError   **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_MEMBER (draft), FALSE);

  return dl_store_update_row (self, update_member_cb, draft, DL_STORE_ENTITY_MEMBERS,
                              dl_member_get_id (draft), error);
}

typedef struct
{
  gint64 id;
  gint64 sponsor_id;
} SetSponsor;

static gboolean
set_sponsor_cb (DlStore  *self,
                gpointer  data,
                GError  **error)
{
  SetSponsor *set = data;
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  if (!check_member (self, set->id, error) || !check_sponsor (self, set->sponsor_id, error))
    return FALSE;

  if (set->id == dl_store_get_user_id (self) && set->sponsor_id != 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("You are the root of your downline: you cannot be placed under a sponsor."));
      return FALSE;
    }

  stmt = dl_store_prepare (self, "UPDATE member SET sponsor_id = ? WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  if (set->sponsor_id != 0)
    sqlite3_bind_int64 (stmt, 1, set->sponsor_id);
  sqlite3_bind_int64 (stmt, 2, set->id);

  rc = sqlite3_step (stmt);
  /* The schema's trigger (or CHECK, for oneself) refuses a loop. */
  if (rc == SQLITE_CONSTRAINT_TRIGGER || rc == SQLITE_CONSTRAINT_CHECK)
    {
      g_autofree char *name = member_name (self, set->id);
      g_autofree char *sponsor = member_name (self, set->sponsor_id);

      if (set->id == set->sponsor_id)
        g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE,
                     _("%s cannot be their own sponsor."), name);
      else
        g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE,
                     _("%s cannot be placed under %s: %s is in %s’s own downline."),
                     name, sponsor, sponsor, name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      return FALSE;
    }

  dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, set->id);

  return TRUE;
}

gboolean
dl_store_set_member_sponsor (DlStore  *self,
                             gint64    person_id,
                             gint64    sponsor_id,
                             GError  **error)
{
  SetSponsor data = { person_id, sponsor_id };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, set_sponsor_cb, &data, error);
}

typedef struct
{
  gint64      id;
  const char *sql;
  /* ?1 is text when set, else day when != NONE (or NULL), ?2 the day
   * or int, ?3 the id. */
  const char *text;
  DlDay       day;
  int         value;
  gboolean    use_value;
} SetMember;

static gboolean
set_member_cb (DlStore  *self,
               gpointer  data,
               GError  **error)
{
  SetMember *set = data;
  g_autoptr(DlStmt) stmt = NULL;

  if (!check_member (self, set->id, error))
    return FALSE;

  stmt = dl_store_prepare (self, set->sql, error);
  if (stmt == NULL)
    return FALSE;
  if (set->text != NULL)
    sqlite3_bind_text (stmt, 1, set->text, -1, SQLITE_STATIC);
  if (set->use_value)
    {
      if (set->value != 0)
        sqlite3_bind_int (stmt, 2, set->value);
    }
  else
    {
      dl_stmt_bind_day (stmt, 2, set->day);
    }
  sqlite3_bind_int64 (stmt, 3, set->id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, set->id);

  return TRUE;
}

gboolean
dl_store_set_member_status (DlStore         *self,
                            gint64           person_id,
                            DlMemberStatus   status,
                            DlDay            since,
                            GError         **error)
{
  SetMember data = {
    person_id, "UPDATE member SET status = ?1, status_since = ?2 WHERE person_id = ?3",
    NULL, since != DL_DAY_NONE ? since : dl_day_today (), 0, FALSE
  };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (status <= DL_MEMBER_DROPPED, FALSE);

  data.text = dl_member_status_to_string (status);

  return dl_store_run_in_transaction (self, set_member_cb, &data, error);
}

gboolean
dl_store_set_member_cadence (DlStore  *self,
                             gint64    person_id,
                             guint     days,
                             GError  **error)
{
  SetMember data = {
    person_id, "UPDATE member SET cadence_days = ?2 WHERE person_id = ?3",
    NULL, DL_DAY_NONE, days, TRUE
  };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (days > 365)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A check-in interval is at most 365 days, not %u."), days);
      return FALSE;
    }

  return dl_store_run_in_transaction (self, set_member_cb, &data, error);
}

gboolean
dl_store_snooze_member (DlStore  *self,
                        gint64    person_id,
                        DlDay     until,
                        GError  **error)
{
  SetMember data = {
    person_id, "UPDATE member SET snoozed_until = ?2 WHERE person_id = ?3",
    NULL, until, 0, FALSE
  };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, set_member_cb, &data, error);
}

gboolean
dl_store_check_member_number (DlStore     *self,
                              gint64       person_id,
                              const char  *number,
                              GError     **error)
{
  return check_member_number (self, person_id, number, error);
}

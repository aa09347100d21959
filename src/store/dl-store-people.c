/* dl-store-people.c — people, the profile and the contact log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-items-private.h"
#include "dl-store-list.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"
#include "dl-validate.h"

#define PERSON_COLUMNS \
  "id, first_name, last_name, email, phone, best_time, city, source, category, notes, " \
  "last_contact_at, created_at, updated_at"

gboolean
dl_store_row_exists (DlStore    *self,
                     const char *sql,
                     gint64      id)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (self, sql, NULL);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

gboolean
dl_store_person_exists (DlStore  *self,
                        gint64    person_id,
                        GError  **error)
{
  if (person_id > 0 && dl_store_row_exists (self, "SELECT 1 FROM person WHERE id = ?", person_id))
    return TRUE;

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("This person no longer exists; they may have been deleted."));

  return FALSE;
}

/* People -------------------------------------------------------------- */

static void
fill_person (DlPerson     *person,
             sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) last_contact = dl_stmt_stamp (stmt, 10);
  g_autoptr(GDateTime) created_at = dl_stmt_stamp (stmt, 11);
  g_autoptr(GDateTime) updated_at = dl_stmt_stamp (stmt, 12);

  dl_person_set_first_name (person, dl_stmt_text (stmt, 1));
  dl_person_set_last_name (person, dl_stmt_text (stmt, 2));
  dl_person_set_email (person, dl_stmt_text (stmt, 3));
  dl_person_set_phone (person, dl_stmt_text (stmt, 4));
  dl_person_set_best_time (person, dl_stmt_text (stmt, 5));
  dl_person_set_city (person, dl_stmt_text (stmt, 6));
  dl_person_set_source (person, dl_stmt_text (stmt, 7));
  dl_person_set_category (person, dl_stmt_text (stmt, 8));
  dl_person_set_notes (person, dl_stmt_text (stmt, 9));
  dl_person_set_last_contact (person, last_contact);
  dl_person_set_created_at (person, created_at);
  dl_person_set_updated_at (person, updated_at);
}

DlPerson *
dl_store_load_person (DlStore *self,
                      gint64   person_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  DlPerson *person;

  stmt = dl_store_prepare (self, "SELECT " PERSON_COLUMNS " FROM person WHERE id = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  person = g_object_new (DL_TYPE_PERSON, "id", person_id, NULL);
  fill_person (person, stmt);

  return person;
}

static gboolean
check_person_draft (DlPerson  *draft,
                    GError   **error)
{
  g_autofree char *first = g_strstrip (g_strdup (dl_person_get_first_name (draft)));
  g_autofree char *last = g_strstrip (g_strdup (dl_person_get_last_name (draft)));

  if (first[0] == '\0' && last[0] == '\0')
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A person needs a first or a last name."));
      return FALSE;
    }

  return TRUE;
}

/* Binds the editable fields of draft to ?1..?9, names trimmed. */
static void
bind_person_fields (sqlite3_stmt *stmt,
                    DlPerson     *draft)
{
  g_autofree char *first = g_strstrip (g_strdup (dl_person_get_first_name (draft)));
  g_autofree char *last = g_strstrip (g_strdup (dl_person_get_last_name (draft)));

  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dl_person_get_email (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, dl_person_get_phone (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, dl_person_get_best_time (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, dl_person_get_city (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, dl_person_get_source (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, dl_person_get_category (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, dl_person_get_notes (draft), -1, SQLITE_TRANSIENT);
}

/* Inserts draft and returns its id, or 0.  For the store's own
 * transactions (adding a prospect or member with a new person). */
gint64
dl_store_insert_person (DlStore   *self,
                        DlPerson  *draft,
                        GError   **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = NULL;
  gint64 id;

  if (!check_person_draft (draft, error))
    return 0;

  stmt = dl_store_prepare (self,
                           "INSERT INTO person (first_name, last_name, email, phone, best_time, "
                           "city, source, category, notes, created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                           error);
  if (stmt == NULL)
    return 0;

  now = dl_store_now_stamp ();
  bind_person_fields (stmt, draft);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (dl_store_get_handle (self));
  dl_store_emit_changed (self, DL_STORE_ENTITY_PEOPLE, id);

  return id;
}

/* Saves the editable fields of draft over row draft's id. */
static gboolean
write_person (DlStore   *self,
              DlPerson  *draft,
              GError   **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = NULL;
  gint64 id = dl_person_get_id (draft);

  if (!check_person_draft (draft, error))
    return FALSE;

  stmt = dl_store_prepare (self,
                           "UPDATE person SET first_name = ?1, last_name = ?2, email = ?3, "
                           "phone = ?4, best_time = ?5, city = ?6, source = ?7, category = ?8, "
                           "notes = ?9, updated_at = ?10 WHERE id = ?11",
                           error);
  if (stmt == NULL)
    return FALSE;

  now = dl_store_now_stamp ();
  bind_person_fields (stmt, draft);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 11, id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (dl_store_get_handle (self)) == 0)
    return dl_store_person_exists (self, 0, error);

  dl_store_emit_changed (self, DL_STORE_ENTITY_PEOPLE, id);

  return TRUE;
}

static gboolean
update_person_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  return write_person (self, data, error);
}

DlPerson *
dl_store_get_person (DlStore *self,
                     gint64   person_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_PEOPLE, person_id);
}

DlPerson *
dl_store_add_person (DlStore   *self,
                     DlPerson  *draft,
                     GError   **error)
{
  gint64 id = 0;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (DL_IS_PERSON (draft), NULL);

  if (!dl_store_begin (self, error))
    return NULL;

  id = dl_store_insert_person (self, draft, error);
  if (id == 0)
    {
      dl_store_rollback (self);
      return NULL;
    }

  if (!dl_store_commit (self, error))
    return NULL;

  return dl_store_get_person (self, id);
}

gboolean
dl_store_update_person (DlStore   *self,
                        DlPerson  *draft,
                        GError   **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PERSON (draft), FALSE);

  return dl_store_update_row (self, update_person_cb, draft, DL_STORE_ENTITY_PEOPLE,
                              dl_person_get_id (draft), error);
}

static gboolean
delete_person_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  gint64 person_id = *(gint64 *) data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlPerson) person = NULL;
  gboolean is_prospect, is_member, has_log, has_letters;
  gint64 stage_id;
  int n_recruits;

  person = dl_store_get_person (self, person_id);
  if (person == NULL)
    return dl_store_person_exists (self, 0, error);

  if (person_id == dl_store_get_user_id (self))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY,
                   _("You cannot delete yourself: you are the root of your downline."));
      return FALSE;
    }

  stmt = dl_store_prepare (self,
                           "SELECT (SELECT stage_id FROM prospect WHERE person_id = ?1), "
                           "EXISTS (SELECT 1 FROM member WHERE person_id = ?1), "
                           "EXISTS (SELECT 1 FROM interaction WHERE person_id = ?1), "
                           "EXISTS (SELECT 1 FROM letter WHERE person_id = ?1), "
                           "(SELECT count(*) FROM member WHERE sponsor_id = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return dl_store_step_done (self, stmt, error);
  is_prospect = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  stage_id = sqlite3_column_int64 (stmt, 0);
  is_member = sqlite3_column_int (stmt, 1);
  has_log = sqlite3_column_int (stmt, 2);
  has_letters = sqlite3_column_int (stmt, 3);
  n_recruits = sqlite3_column_int (stmt, 4);
  g_clear_pointer (&stmt, dl_stmt_release);

  if (n_recruits > 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s cannot be deleted: %d member is in their downline. "
                                "Move them to another sponsor first.",
                                "%s cannot be deleted: %d members are in their downline. "
                                "Move them to another sponsor first.",
                                n_recruits),
                   dl_person_get_name (person), n_recruits);
      return FALSE;
    }

  stmt = dl_store_prepare (self, "DELETE FROM person WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_PEOPLE, person_id);
  if (is_prospect)
    {
      /* the cards after theirs move up one */
      dl_store_mark_stage_order (self, stage_id);
      dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, person_id);
    }
  if (is_member)
    dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, person_id);
  if (has_log)
    dl_store_emit_changed (self, DL_STORE_ENTITY_INTERACTIONS, 0);
  if (has_letters)
    dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, 0);

  return TRUE;
}

gboolean
dl_store_delete_person (DlStore  *self,
                        gint64    person_id,
                        GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, delete_person_cb, &person_id, error);
}

GListModel *
dl_store_create_people (DlStore *self)
{
  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_PEOPLE,
                                          "SELECT id FROM person "
                                          "WHERE id NOT IN (SELECT person_id FROM profile) "
                                          "ORDER BY last_name COLLATE NOCASE, "
                                          "first_name COLLATE NOCASE, id",
                                          0));
}

/* The profile --------------------------------------------------------- */

DlProfile *
dl_store_load_profile (DlStore *self,
                       gint64   unused)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlPerson) person = NULL;
  DlProfile *profile;

  stmt = dl_store_prepare (self,
                           "SELECT p.person_id, p.company, p.website, p.message, m.member_number "
                           "FROM profile p LEFT JOIN member m ON m.person_id = p.person_id "
                           "WHERE p.id = 1",
                           NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  person = dl_store_get_person (self, sqlite3_column_int64 (stmt, 0));
  profile = dl_profile_new ();
  dl_profile_set_person (profile, person);
  dl_profile_set_company (profile, dl_stmt_text (stmt, 1));
  dl_profile_set_website (profile, dl_stmt_text (stmt, 2));
  dl_profile_set_message (profile, dl_stmt_text (stmt, 3));
  dl_profile_set_member_number (profile, dl_stmt_text (stmt, 4));

  return profile;
}

DlProfile *
dl_store_get_profile (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_PROFILE, 1);
}

gint64
dl_store_get_user_id (DlStore *self)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), 0);

  stmt = dl_store_prepare (self, "SELECT person_id FROM profile WHERE id = 1", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
save_profile_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  DlProfile *draft = data;
  DlPerson *person = dl_profile_get_person (draft);
  g_autoptr(DlStmt) stmt = NULL;
  gint64 user_id;
  gboolean first_time;

  user_id = dl_store_get_user_id (self);
  first_time = user_id == 0;

  if (!first_time)
    {
      g_autoptr(DlPerson) copy = dl_person_copy (person);
      g_autoptr(DlPerson) mine = g_object_new (DL_TYPE_PERSON, "id", user_id, NULL);

      /* The draft's id may be stale or 0; the profile's row is the user. */
      dl_person_assign (mine, copy);
      if (!write_person (self, mine, error))
        return FALSE;
    }
  else if (dl_person_get_id (person) > 0)
    {
      user_id = dl_person_get_id (person);
      if (!write_person (self, person, error))
        return FALSE;
    }
  else
    {
      user_id = dl_store_insert_person (self, person, error);
      if (user_id == 0)
        return FALSE;
    }

  stmt = dl_store_prepare (self,
                           "INSERT INTO profile (id, person_id, company, website, message) "
                           "VALUES (1, ?1, ?2, ?3, ?4) "
                           "ON CONFLICT (id) DO UPDATE SET company = ?2, website = ?3, message = ?4",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, dl_profile_get_company (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, dl_profile_get_website (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, dl_profile_get_message (draft), -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, dl_stmt_release);
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROFILE, 1);

  if (first_time)
    {
      g_autoptr(DlStmt) member = NULL;
      char today[16];

      /* The user is the root of the downline from the first day. */
      member = dl_store_prepare (self,
                                 "INSERT INTO member (person_id, sponsor_id, joined_on) "
                                 "VALUES (?1, NULL, ?2) ON CONFLICT (person_id) DO NOTHING",
                                 error);
      if (member == NULL)
        return FALSE;
      dl_day_format_iso (dl_day_today (), today);
      sqlite3_bind_int64 (member, 1, user_id);
      sqlite3_bind_text (member, 2, today, -1, SQLITE_TRANSIENT);
      if (!dl_store_step_done (self, member, error))
        return FALSE;
      dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, user_id);

      /* A new business starts with the default letters. */
      if (!dl_store_install_default_templates (self, error))
        return FALSE;
    }

  /* the user's own back-office number, on their member row: an
   * imported export's row with it is the user, the root */
  {
    g_autofree char *number = g_strstrip (g_strdup (dl_profile_get_member_number (draft)));
    g_autoptr(DlStmt) member = NULL;

    if (!dl_validate_length (_("Member number"), number, error) ||
        !dl_store_check_member_number (self, user_id, number, error))
      return FALSE;
    member = dl_store_prepare (self,
                               "UPDATE member SET member_number = nullif (?2, '') "
                               "WHERE person_id = ?1 AND member_number IS NOT nullif (?2, '')",
                               error);
    if (member == NULL)
      return FALSE;
    sqlite3_bind_int64 (member, 1, user_id);
    sqlite3_bind_text (member, 2, number, -1, SQLITE_TRANSIENT);
    if (!dl_store_step_done (self, member, error))
      return FALSE;
    if (sqlite3_changes (dl_store_get_handle (self)) > 0)
      dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, user_id);
  }

  return TRUE;
}

gboolean
dl_store_save_profile (DlStore    *self,
                       DlProfile  *profile,
                       GError    **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PROFILE (profile), FALSE);

  if (dl_profile_get_person (profile) == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("Your profile needs at least your name."));
      return FALSE;
    }

  if (dl_store_run_in_transaction (self, save_profile_cb, profile, error))
    return TRUE;

  dl_store_reload_item (self, DL_STORE_ENTITY_PROFILE, 1);
  dl_store_reload_item (self, DL_STORE_ENTITY_PEOPLE, dl_store_get_user_id (self));

  return FALSE;
}

/* The contact log ----------------------------------------------------- */

DlInteraction *
dl_store_load_interaction (DlStore *self,
                           gint64   interaction_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GDateTime) at = NULL;
  DlInteraction *interaction;
  DlContactKind kind = DL_CONTACT_NOTE;

  stmt = dl_store_prepare (self,
                           "SELECT person_id, kind, at, summary FROM interaction WHERE id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, interaction_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  dl_contact_kind_from_string (dl_stmt_text (stmt, 1), &kind);
  at = dl_stmt_stamp (stmt, 2);

  interaction = g_object_new (DL_TYPE_INTERACTION, "id", interaction_id, NULL);
  dl_interaction_set_person_id (interaction, sqlite3_column_int64 (stmt, 0));
  dl_interaction_set_kind (interaction, kind);
  dl_interaction_set_at (interaction, at);
  dl_interaction_set_summary (interaction, dl_stmt_text (stmt, 3));

  return interaction;
}

/* Inserts one log entry; returns its id or 0.  Also for the store's own
 * transactions. */
gint64
dl_store_insert_interaction (DlStore        *self,
                             gint64          person_id,
                             DlContactKind   kind,
                             GDateTime      *at,
                             const char     *summary,
                             GError        **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;
  gint64 id;

  if (!dl_store_person_exists (self, person_id, error))
    return 0;

  local = at ? g_date_time_to_local (at) : g_date_time_new_now_local ();
  when = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");

  stmt = dl_store_prepare (self,
                           "INSERT INTO interaction (person_id, kind, at, summary) "
                           "VALUES (?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, dl_contact_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, summary ? summary : "", -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (dl_store_get_handle (self));
  dl_store_emit_changed (self, DL_STORE_ENTITY_INTERACTIONS, id);
  /* A trigger moved the person's last contact. */
  if (kind != DL_CONTACT_NOTE)
    dl_store_emit_contact_changed (self, person_id);

  return id;
}

DlInteraction *
dl_store_add_interaction (DlStore        *self,
                          gint64          person_id,
                          DlContactKind   kind,
                          GDateTime      *at,
                          const char     *summary,
                          GError        **error)
{
  gint64 id;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= DL_CONTACT_NOTE, NULL);

  if (!dl_store_begin (self, error))
    return NULL;

  id = dl_store_insert_interaction (self, person_id, kind, at, summary, error);
  if (id == 0)
    {
      dl_store_rollback (self);
      return NULL;
    }

  if (!dl_store_commit (self, error))
    return NULL;

  return dl_store_get_item (self, DL_STORE_ENTITY_INTERACTIONS, id);
}

static gboolean
delete_interaction_cb (DlStore  *self,
                       gpointer  data,
                       GError  **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(DlStmt) stmt = NULL;
  gint64 person_id;

  stmt = dl_store_prepare (self, "DELETE FROM interaction WHERE id = ? RETURNING person_id", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This entry of the contact log no longer exists."));
      return FALSE;
    }
  person_id = sqlite3_column_int64 (stmt, 0);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_INTERACTIONS, id);
  dl_store_emit_contact_changed (self, person_id);

  return TRUE;
}

gboolean
dl_store_delete_interaction (DlStore  *self,
                             gint64    interaction_id,
                             GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, delete_interaction_cb, &interaction_id, error);
}

GListModel *
dl_store_get_interactions (DlStore *self,
                           gint64   person_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_INTERACTIONS,
                                          "SELECT id FROM interaction WHERE person_id = ?1 "
                                          "ORDER BY at DESC, id DESC",
                                          person_id));
}

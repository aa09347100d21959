/* dl-store-downline.c — what the Downline view asks of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dl-store-downline.h"
#include "dl-store-private.h"

gint64
dl_store_find_member_by_number (DlStore     *self,
                                const char  *member_number,
                                GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *number = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), 0);
  g_return_val_if_fail (member_number != NULL, 0);

  number = g_strstrip (g_strdup (member_number));
  stmt = dl_store_prepare (self, "SELECT person_id FROM member WHERE member_number = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED, "%s",
                   sqlite3_errmsg (dl_store_get_handle (self)));
      return 0;
    }
  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("No member has the member number “%s”."), number);
  return 0;
}

typedef struct
{
  DlPerson *person;
  DlMember *member;
} MemberEdit;

static gboolean
save_member_edit_cb (DlStore  *self,
                     gpointer  data,
                     GError  **error)
{
  MemberEdit *edit = data;
  DlMember *draft = edit->member;
  gint64 id = dl_member_get_id (draft);
  g_autoptr(DlStmt) stmt = NULL;
  gint64 sponsor_id;
  const char *status;
  DlDay since, snoozed;

  if (!dl_store_update_person (self, edit->person, error) ||
      !dl_store_update_member (self, draft, error))
    return FALSE;

  /* sponsor, status and snooze have their own writers (a sponsor change
   * is checked for loops, a status keeps its day): each where it changed */
  stmt = dl_store_prepare (self,
                           "SELECT sponsor_id, status, status_since, snoozed_until FROM member WHERE person_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                           _("This member no longer exists; they may have been deleted."));
      return FALSE;
    }
  sponsor_id = sqlite3_column_int64 (stmt, 0);
  status = dl_stmt_text (stmt, 1);
  since = dl_store_parse_day (dl_stmt_text (stmt, 2), strlen (dl_stmt_text (stmt, 2)));
  snoozed = dl_store_parse_day (dl_stmt_text (stmt, 3), strlen (dl_stmt_text (stmt, 3)));
  {
    gboolean status_changed = !g_str_equal (status, dl_member_status_to_string (dl_member_get_status (draft)))
                              || since != dl_member_get_status_since (draft);

    dl_stmt_release (g_steal_pointer (&stmt));

    if (sponsor_id != dl_member_get_sponsor_id (draft) &&
        !dl_store_set_member_sponsor (self, id, dl_member_get_sponsor_id (draft), error))
      return FALSE;
    /* the day as the draft has it, none included: an undo puts back
     * exactly what was there */
    if (status_changed)
      {
        g_autoptr(DlStmt) update = dl_store_prepare (self,
                                                     "UPDATE member SET status = ?1, status_since = ?2 "
                                                     "WHERE person_id = ?3",
                                                     error);

        if (update == NULL)
          return FALSE;
        sqlite3_bind_text (update, 1, dl_member_status_to_string (dl_member_get_status (draft)), -1, SQLITE_STATIC);
        dl_stmt_bind_day (update, 2, dl_member_get_status_since (draft));
        sqlite3_bind_int64 (update, 3, id);
        if (!dl_store_step_done (self, update, error))
          return FALSE;
        dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, id);
      }
    if (snoozed != dl_member_get_snoozed_until (draft) &&
        !dl_store_snooze_member (self, id, dl_member_get_snoozed_until (draft), error))
      return FALSE;
  }
  return TRUE;
}

gboolean
dl_store_save_member_edit (DlStore   *self,
                           DlPerson  *person_draft,
                           DlMember  *member_draft,
                           GError   **error)
{
  MemberEdit edit = { person_draft, member_draft };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PERSON (person_draft), FALSE);
  g_return_val_if_fail (DL_IS_MEMBER (member_draft), FALSE);

  if (dl_person_get_id (person_draft) != dl_member_get_id (member_draft))
    {
      g_set_error_literal (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                           _("These details belong to two different people."));
      return FALSE;
    }

  if (dl_store_run_in_transaction (self, save_member_edit_cb, &edit, error))
    return TRUE;

  /* The person's row may have been written before the member's was
   * refused: both are back as they were, in memory too. */
  dl_store_reload_item (self, DL_STORE_ENTITY_PEOPLE, dl_person_get_id (person_draft));
  dl_store_reload_item (self, DL_STORE_ENTITY_MEMBERS, dl_member_get_id (member_draft));
  return FALSE;
}

char *
dl_describe_member (const char *member_number,
                    const char *city,
                    const char *sponsor_name,
                    gboolean    sponsor_is_user)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (member_number != NULL && *member_number != '\0')
    /* Translators: a back-office member number, e.g. "#10002345" */
    g_ptr_array_add (parts, g_strdup_printf (_("#%s"), member_number));
  if (city != NULL && *city != '\0')
    g_ptr_array_add (parts, g_strdup (city));
  if (sponsor_is_user)
    g_ptr_array_add (parts, g_strdup (_("your own recruit")));
  else if (sponsor_name != NULL && *sponsor_name != '\0')
    /* Translators: who sponsored the member, e.g. "sponsor Ana Ruiz" */
    g_ptr_array_add (parts, g_strdup_printf (_("sponsor %s"), sponsor_name));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

char *
dl_store_describe_member (DlStore *self,
                          gint64   person_id)
{
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlMember) member = NULL;
  g_autoptr(DlPerson) sponsor = NULL;
  gint64 sponsor_id;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  person = dl_store_get_person (self, person_id);
  member = dl_store_get_member (self, person_id);
  sponsor_id = member != NULL ? dl_member_get_sponsor_id (member) : 0;
  if (sponsor_id != 0)
    sponsor = dl_store_get_person (self, sponsor_id);
  return dl_describe_member (member != NULL ? dl_member_get_member_number (member) : NULL,
                             person != NULL ? dl_person_get_city (person) : NULL,
                             sponsor != NULL ? dl_person_get_name (sponsor) : NULL,
                             sponsor_id != 0 && sponsor_id == dl_store_get_user_id (self));
}

/* dl-store-letters-rows.c — the template and letter rows: loading,
 * adding, changing and deleting them (declared in dl-store-letters.h,
 * dl-store-private.h and dl-store-testing.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-items-private.h"
#include "dl-store-letters.h"
#include "dl-store-list.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

/* Templates ----------------------------------------------------------- */

DlTemplate *
dl_store_load_template (DlStore *self,
                        gint64   template_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  DlTemplateKind kind = DL_TEMPLATE_OTHER;
  DlTemplate *template;

  stmt = dl_store_prepare (self,
                           "SELECT name, kind, subject, body, builtin, created_at, updated_at "
                           "FROM template WHERE id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, template_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  dl_template_kind_from_string (dl_stmt_text (stmt, 1), &kind);
  created_at = dl_stmt_stamp (stmt, 5);
  updated_at = dl_stmt_stamp (stmt, 6);

  template = g_object_new (DL_TYPE_TEMPLATE, "id", template_id, NULL);
  dl_template_set_name (template, dl_stmt_text (stmt, 0));
  dl_template_set_kind (template, kind);
  dl_template_set_subject (template, dl_stmt_text (stmt, 2));
  dl_template_set_body (template, dl_stmt_text (stmt, 3));
  dl_template_set_builtin (template, dl_stmt_text (stmt, 4));
  dl_template_set_created_at (template, created_at);
  dl_template_set_updated_at (template, updated_at);

  return template;
}

static gboolean
check_template_draft (DlStore     *self,
                      DlTemplate  *draft,
                      GError     **error)
{
  g_autofree char *name = g_strstrip (g_strdup (dl_template_get_name (draft)));
  const char *builtin = dl_template_get_builtin (draft);

  if (name[0] == '\0')
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("A template needs a name."));
      return FALSE;
    }

  if (builtin[0] != '\0' && dl_template_get_id (draft) == 0)
    {
      g_autoptr(DlTemplate) other = dl_store_find_builtin_template (self, builtin);

      if (other != NULL)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
                       _("The default template “%s” is already installed as “%s”."),
                       builtin, dl_template_get_name (other));
          return FALSE;
        }
    }

  return TRUE;
}

DlTemplate *
dl_store_get_template (DlStore *self,
                       gint64   template_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_TEMPLATES, template_id);
}

DlTemplate *
dl_store_find_builtin_template (DlStore    *self,
                                const char *builtin)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (builtin != NULL, NULL);

  stmt = dl_store_prepare (self, "SELECT id FROM template WHERE builtin = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, builtin, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return dl_store_get_template (self, sqlite3_column_int64 (stmt, 0));
}

static gboolean
add_template_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  DlTemplate *draft = ((gpointer *) data)[0];
  gint64 *id = ((gpointer *) data)[1];
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  g_autofree char *name = g_strstrip (g_strdup (dl_template_get_name (draft)));

  if (!check_template_draft (self, draft, error))
    return FALSE;

  stmt = dl_store_prepare (self,
                           "INSERT INTO template (name, kind, subject, body, builtin, "
                           "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dl_template_kind_to_string (dl_template_get_kind (draft)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, dl_template_get_subject (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, dl_template_get_body (draft), -1, SQLITE_TRANSIENT);
  dl_stmt_bind_text_or_null (stmt, 5, dl_template_get_builtin (draft));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (dl_store_get_handle (self));
  dl_store_emit_changed (self, DL_STORE_ENTITY_TEMPLATES, *id);

  return TRUE;
}

DlTemplate *
dl_store_add_template (DlStore     *self,
                       DlTemplate  *draft,
                       GError     **error)
{
  gint64 id = 0;
  gpointer data[] = { draft, &id };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (DL_IS_TEMPLATE (draft), NULL);

  if (!dl_store_run_in_transaction (self, add_template_cb, data, error))
    return NULL;

  return dl_store_get_template (self, id);
}

static gboolean
update_template_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  DlTemplate *draft = data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  g_autofree char *name = g_strstrip (g_strdup (dl_template_get_name (draft)));

  if (!check_template_draft (self, draft, error))
    return FALSE;

  stmt = dl_store_prepare (self,
                           "UPDATE template SET name = ?1, kind = ?2, subject = ?3, body = ?4, "
                           "updated_at = ?5 WHERE id = ?6",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, dl_template_kind_to_string (dl_template_get_kind (draft)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, dl_template_get_subject (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, dl_template_get_body (draft), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, dl_template_get_id (draft));
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (dl_store_get_handle (self)) == 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("The template “%s” no longer exists."), name);
      return FALSE;
    }

  dl_store_emit_changed (self, DL_STORE_ENTITY_TEMPLATES, dl_template_get_id (draft));

  return TRUE;
}

gboolean
dl_store_update_template (DlStore     *self,
                          DlTemplate  *draft,
                          GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_TEMPLATE (draft), FALSE);

  return dl_store_update_row (self, update_template_cb, draft, DL_STORE_ENTITY_TEMPLATES,
                              dl_template_get_id (draft), error);
}

static gboolean
delete_template_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(DlStmt) stmt = NULL;
  gboolean used;

  /* Letters keep their text; they only forget the template. */
  used = dl_store_row_exists (self, "SELECT 1 FROM letter WHERE template_id = ?", id);

  stmt = dl_store_prepare (self, "DELETE FROM template WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (dl_store_get_handle (self)) == 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This template no longer exists."));
      return FALSE;
    }

  dl_store_emit_changed (self, DL_STORE_ENTITY_TEMPLATES, id);
  if (used)
    dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, 0);

  return TRUE;
}

gboolean
dl_store_delete_template (DlStore  *self,
                          gint64    template_id,
                          GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, delete_template_cb, &template_id, error);
}

GListModel *
dl_store_create_templates (DlStore *self)
{
  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_TEMPLATES,
                                          "SELECT id FROM template "
                                          "ORDER BY name COLLATE NOCASE, id",
                                          0));
}

/* Letters ------------------------------------------------------------- */

DlLetter *
dl_store_load_letter (DlStore *self,
                      gint64   letter_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  DlSentVia sent_via = DL_SENT_NONE;
  DlLetter *letter;

  stmt = dl_store_prepare (self,
                           "SELECT person_id, template_id, subject, body, created_at, sent_via "
                           "FROM letter WHERE id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, letter_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  dl_sent_via_from_string (dl_stmt_text (stmt, 5), &sent_via);
  created_at = dl_stmt_stamp (stmt, 4);

  letter = g_object_new (DL_TYPE_LETTER, "id", letter_id, NULL);
  dl_letter_set_person_id (letter, sqlite3_column_int64 (stmt, 0));
  dl_letter_set_template_id (letter, sqlite3_column_int64 (stmt, 1));
  dl_letter_set_subject (letter, dl_stmt_text (stmt, 2));
  dl_letter_set_body (letter, dl_stmt_text (stmt, 3));
  dl_letter_set_created_at (letter, created_at);
  dl_letter_set_sent_via (letter, sent_via);

  return letter;
}

typedef struct
{
  gint64      person_id;
  gint64      template_id;
  const char *subject;
  const char *body;
  DlSentVia   sent_via;
  gint64      id;
} LetterData;

static gboolean
add_letter_cb (DlStore  *self,
               gpointer  data,
               GError  **error)
{
  LetterData *letter = data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();

  if (!dl_store_person_exists (self, letter->person_id, error))
    return FALSE;

  if (letter->template_id != 0
      && !dl_store_row_exists (self, "SELECT 1 FROM template WHERE id = ?", letter->template_id))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("The letter’s template no longer exists."));
      return FALSE;
    }

  stmt = dl_store_prepare (self,
                           "INSERT INTO letter (person_id, template_id, subject, body, "
                           "created_at, sent_via) VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, letter->person_id);
  if (letter->template_id != 0)
    sqlite3_bind_int64 (stmt, 2, letter->template_id);
  sqlite3_bind_text (stmt, 3, letter->subject ? letter->subject : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, letter->body ? letter->body : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, dl_sent_via_to_string (letter->sent_via), -1, SQLITE_STATIC);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  letter->id = sqlite3_last_insert_rowid (dl_store_get_handle (self));
  dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, letter->id);

  return TRUE;
}

DlLetter *
dl_store_add_letter (DlStore     *self,
                     gint64       person_id,
                     gint64       template_id,
                     const char  *subject,
                     const char  *body,
                     DlSentVia    sent_via,
                     GError     **error)
{
  LetterData data = { person_id, template_id, subject, body, sent_via, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (sent_via <= DL_SENT_PRINT, NULL);

  if (!dl_store_run_in_transaction (self, add_letter_cb, &data, error))
    return NULL;

  return dl_store_get_item (self, DL_STORE_ENTITY_LETTERS, data.id);
}

static gboolean
set_sent_via_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  LetterData *letter = data;
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (self, "UPDATE letter SET sent_via = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dl_sent_via_to_string (letter->sent_via), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, letter->id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (dl_store_get_handle (self)) == 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This letter no longer exists."));
      return FALSE;
    }

  dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, letter->id);

  return TRUE;
}

gboolean
dl_store_set_letter_sent_via (DlStore    *self,
                              gint64      letter_id,
                              DlSentVia   sent_via,
                              GError    **error)
{
  LetterData data = { 0, 0, NULL, NULL, sent_via, letter_id };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (sent_via <= DL_SENT_PRINT, FALSE);

  return dl_store_run_in_transaction (self, set_sent_via_cb, &data, error);
}

GListModel *
dl_store_get_letters (DlStore *self,
                      gint64   person_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_LETTERS,
                                          "SELECT id FROM letter WHERE person_id = ?1 "
                                          "ORDER BY created_at DESC, id DESC",
                                          person_id));
}

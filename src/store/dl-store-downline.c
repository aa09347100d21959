/* dl-store-downline.c — what the Downline view asks of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

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

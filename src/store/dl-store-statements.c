/* dl-store-statements.c — the store's statement cache, its errors, and
 * the helpers that read and bind columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-object-private.h"

/* Statements ---------------------------------------------------------- */

void
dl_store_statements_free (gpointer data)
{
  g_ptr_array_unref (data);
}

char *
dl_store_batch_sql (const char *head,
                    const char *row,
                    guint       n_rows)
{
  GString *sql = g_string_new (head);

  g_return_val_if_fail (head != NULL && row != NULL, NULL);

  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        g_string_append (sql, ", ");
      g_string_append (sql, row);
    }
  return g_string_free (sql, FALSE);
}

sqlite3_stmt *
dl_store_prepare (DlStore     *self,
                  const char  *sql,
                  GError     **error)
{
  GPtrArray *stmts;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (self->db == NULL)
    {
      dl_store_set_closed_error (self, error);
      return NULL;
    }

  stmts = g_hash_table_lookup (self->statements, sql);
  if (stmts == NULL)
    {
      stmts = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_finalize);
      g_hash_table_insert (self->statements, g_strdup (sql), stmts);
    }

  for (guint i = 0; i < stmts->len; i++)
    {
      stmt = g_ptr_array_index (stmts, i);
      if (!sqlite3_stmt_busy (stmt))
        {
          sqlite3_reset (stmt);
          sqlite3_clear_bindings (stmt);
          return stmt;
        }
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_ptr_array_add (stmts, stmt);

  return stmt;
}

gboolean
dl_store_exec (DlStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return dl_store_set_closed_error (self, error);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_store_step_done (DlStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;

  dl_store_set_sqlite_error (self, error, rc, NULL);

  return FALSE;
}

static void
set_db_error (sqlite3     *db,
              const char  *path,
              GError     **error,
              int          rc,
              const char  *what)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *message = sqlite3_errmsg (db);
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_BUSY,
                   _("%s: “%s” is busy in another program. Try again in a moment."),
                   what ? what : _("The change was not saved"), display);
      return;

    case SQLITE_FULL:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                   _("%s: the disk holding “%s” is full."),
                   what ? what : _("The change was not saved"), display);
      return;

    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                   _("%s: “%s” could not be written (%s)."),
                   what ? what : _("The change was not saved"), display, message);
      return;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                   _("%s: “%s” is damaged (%s)."),
                   what ? what : _("The change was not saved"), display, message);
      return;

    case SQLITE_CONSTRAINT:
      code = DL_STORE_ERROR_CONSTRAINT;
      if (rc == SQLITE_CONSTRAINT_TRIGGER && strstr (message, "sponsor cycle") != NULL)
        code = DL_STORE_ERROR_CYCLE;
      else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        code = DL_STORE_ERROR_DUPLICATE;
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        code = DL_STORE_ERROR_NOT_FOUND;
      g_set_error (error, DL_STORE_ERROR, code, "%s (%s)",
                   what ? what : _("The change was not saved"), message);
      return;

    default:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED, "%s: %s",
                   what ? what : _("The change was not saved"), message);
      return;
    }
}

void
dl_store_set_sqlite_error (DlStore     *self,
                           GError     **error,
                           int          rc,
                           const char  *what)
{
  set_db_error (self->db, self->path, error, rc, what);
}

void
dl_store_set_db_error (sqlite3     *db,
                       GError     **error,
                       int          rc,
                       const char  *what)
{
  const char *path = sqlite3_db_filename (db, "main");

  set_db_error (db, path != NULL ? path : "", error, rc, what);
}

/* Columns ------------------------------------------------------------- */

const char *
dl_stmt_text (sqlite3_stmt *stmt,
              int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? text : "";
}

GDateTime *
dl_stmt_stamp (sqlite3_stmt *stmt,
               int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(GTimeZone) local = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;

  /* Stamps end in Z; contact moments carry no zone and are local.  The
   * zone is the one dl-day keeps: g_time_zone_new_local () reads
   * /etc/localtime on every call, which was a fifth of the time of
   * loading a board. */
  local = dl_day_local_zone ();
  return g_date_time_new_from_iso8601 (text, local);
}

DlDay
dl_stmt_day (sqlite3_stmt *stmt,
             int           column)
{
  return dl_store_parse_day ((const char *) sqlite3_column_text (stmt, column),
                             sqlite3_column_bytes (stmt, column));
}

int
dl_stmt_bind_day (sqlite3_stmt *stmt,
                  int           column,
                  DlDay         day)
{
  char buf[16];

  if (day == DL_DAY_NONE)
    return sqlite3_bind_null (stmt, column);

  dl_day_format_iso (day, buf);

  return sqlite3_bind_text (stmt, column, buf, -1, SQLITE_TRANSIENT);
}

int
dl_stmt_bind_text_or_null (sqlite3_stmt *stmt,
                           int           column,
                           const char   *text)
{
  if (text == NULL || text[0] == '\0')
    return sqlite3_bind_null (stmt, column);

  return sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

int
dl_stmt_bind_flag (sqlite3_stmt *stmt,
                   int           column,
                   gint8         flag)
{
  if (flag < 0)
    return sqlite3_bind_null (stmt, column);

  return sqlite3_bind_int (stmt, column, flag != 0);
}

int
dl_stmt_bind_real (sqlite3_stmt *stmt,
                   int           column,
                   double        value)
{
  if (isnan (value))
    return sqlite3_bind_null (stmt, column);

  return sqlite3_bind_double (stmt, column, value);
}

static inline int
digits (const char *s,
        int         n)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return -1;
      value = value * 10 + (s[i] - '0');
    }

  return value;
}

/* Days from 0001-01-01 in the proleptic Gregorian calendar, plus one:
 * the GDate Julian day that DlDay is. */
DlDay
dl_store_parse_day (const char *text,
                    gsize       len)
{
  int y, m, d;
  int era, yoe, doy, doe;
  static const guint8 days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (text == NULL || len < 10 || text[4] != '-' || text[7] != '-')
    return DL_DAY_NONE;

  y = digits (text, 4);
  m = digits (text + 5, 2);
  d = digits (text + 8, 2);
  if (y < 1 || m < 1 || m > 12 || d < 1)
    return DL_DAY_NONE;
  if (d > days_in_month[m - 1]
      && !(m == 2 && d == 29 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
    return DL_DAY_NONE;

  /* Howard Hinnant's days_from_civil, shifted so 0001-01-01 is day 1. */
  y -= m <= 2;
  era = y / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 305;
}

char *
dl_store_now_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

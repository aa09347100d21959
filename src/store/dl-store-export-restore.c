/* dl-store-export-restore.c — checking a backup and restoring one, into
 * the open store or over a closed database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dl-store-export.h"
#include "dl-store-export-private.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

/* ------------------------------------------------------------------ */
/* Restore                                                             */

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *rc)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          *rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return value;
}

static void
remove_private_dir (const char *dir)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  if (dir == NULL)
    return;
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

/* The path to read a backup from.  One with a rollback journal or a log
 * beside it (copied while it was written, or left unclean) must be
 * recovered first, and recovery writes: that happens in a private copy
 * in *tmp_dir (remove it with remove_private_dir), so the backup and its
 * folder, which may be read-only, are never changed. */
static char *
readable_backup (const char  *backup,
                 char       **tmp_dir,
                 GError     **error)
{
  const char *suffixes[] = { "", "-journal", "-wal" };
  g_autofree char *copy = NULL;
  gboolean needs_recovery = FALSE;
  sqlite3 *db = NULL;
  int rc;

  *tmp_dir = NULL;
  for (guint i = 1; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (backup, suffixes[i], NULL);

      needs_recovery |= g_file_test (side, G_FILE_TEST_IS_REGULAR);
    }
  if (!needs_recovery)
    return g_strdup (backup);

  *tmp_dir = g_dir_make_tmp ("downline-backup-XXXXXX", error);
  if (*tmp_dir == NULL)
    return NULL;
  copy = g_build_filename (*tmp_dir, "backup.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (backup, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GFile) from_file = g_file_new_for_path (from);
      g_autoptr(GFile) to_file = g_file_new_for_path (to);

      if (i > 0 && !g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_copy (from_file, to_file, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        goto fail;
    }

  /* the first read replays the journal or the log into the copy */
  rc = sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (backup);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                   _("The backup “%s” could not be recovered: %s"),
                   display, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      goto fail;
    }
  sqlite3_close (db);

  return g_steal_pointer (&copy);

fail:
  remove_private_dir (*tmp_dir);
  g_clear_pointer (tmp_dir, g_free);
  return NULL;
}

/* Checks the backup file at path (already made readable). */
static gboolean
check_readable_backup (const char  *path,
                       const char  *display,
                       GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int application_id;
  int version = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  application_id = rc == SQLITE_OK ? query_int (db, "PRAGMA application_id", &rc) : 0;
  if (rc == SQLITE_OK)
    version = query_int (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK ||
      (application_id != DL_STORE_APPLICATION_ID && application_id != DL_STORE_BACKUP_ID) ||
      version < 1)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Downline backup."), display);
      goto out;
    }
  if (version > DL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Downline. Update Downline to restore it."), display);
      goto out;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                   _("The backup “%s” is damaged and cannot be restored."), display);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

gboolean
dl_store_check_backup (const char  *backup,
                       GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *readable = NULL;
  DlStoreHeader header = { 0, };
  gboolean ok;

  g_return_val_if_fail (backup != NULL, FALSE);

  display = g_filename_display_name (backup);
  if (!g_file_test (backup, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO, _("“%s” is not a file."), display);
      return FALSE;
    }
  /* another program's database is refused before SQLite opens it */
  if (!dl_store_read_header (backup, &header, NULL) || header.empty ||
      (header.application_id != DL_STORE_APPLICATION_ID && header.application_id != DL_STORE_BACKUP_ID &&
       (header.application_id != 0 || header.user_version != 0)))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Downline backup."), display);
      return FALSE;
    }

  readable = readable_backup (backup, &tmp_dir, error);
  if (readable == NULL)
    return FALSE;
  ok = check_readable_backup (readable, display, error);
  remove_private_dir (tmp_dir);

  return ok;
}

/* Brings the copy at path up to this version's schema. */
static gboolean
migrate_copy (const char  *path,
              GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_backup_error (error, db, rc, path);
      sqlite3_close (db);
      return FALSE;
    }
  ok = dl_store_migrate_db (db, DL_STORE_SCHEMA_VERSION, error);
  sqlite3_close (db);
  return ok;
}

gboolean
dl_store_restore (DlStore     *store,
                  const char  *backup,
                  GError     **error)
{
  g_autofree char *tmp_dir = NULL;
  g_autofree char *readable = NULL;
  g_autofree char *staged = NULL;
  const char *source;
  sqlite3 *src = NULL;
  sqlite3_backup *b;
  int version;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (!dl_store_in_transaction (store), FALSE);

  /* a damaged file may be restored over; a read-only or closed one not */
  if (dl_store_is_read_only (store) || dl_store_get_handle (store) == NULL)
    {
      g_autoptr(GError) why = NULL;

      dl_store_check_writable (store, &why);
      g_set_error (error, DL_STORE_ERROR, why != NULL ? why->code : DL_STORE_ERROR_READ_ONLY,
                   _("The backup was not restored: %s"), why != NULL ? why->message : "");
      return FALSE;
    }

  if (!dl_store_check_backup (backup, error))
    return FALSE;

  readable = readable_backup (backup, &tmp_dir, error);
  if (readable == NULL)
    return FALSE;
  source = readable;

  rc = sqlite3_open_v2 (source, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  version = rc == SQLITE_OK ? query_int (src, "PRAGMA user_version", &rc) : 0;
  if (rc == SQLITE_OK && version < DL_STORE_SCHEMA_VERSION)
    {
      /* A backup from an older Downline: what is restored is a copy of
       * it brought up to date, made beside the database (its folder is
       * the user's alone); the backup itself stays as it was. */
      sqlite3_close (src);
      src = NULL;
      staged = g_strconcat (dl_store_get_path (store), ".restoring", NULL);
      g_unlink (staged);
      if (!dl_store_copy_database (source, staged, 0, error) || !migrate_copy (staged, error))
        {
          g_unlink (staged);
          remove_private_dir (tmp_dir);
          return FALSE;
        }
      source = staged;
      rc = sqlite3_open_v2 (source, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    }

  b = rc == SQLITE_OK ? sqlite3_backup_init (dl_store_get_handle (store), "main", src, "main") : NULL;
  if (b == NULL)
    {
      dl_store_set_sqlite_error (store, error, rc != SQLITE_OK ? rc : sqlite3_errcode (dl_store_get_handle (store)),
                                 _("The backup was not restored"));
      sqlite3_close (src);
      if (staged != NULL)
        g_unlink (staged);
      remove_private_dir (tmp_dir);
      return FALSE;
    }
  rc = sqlite3_backup_step (b, -1);
  sqlite3_backup_finish (b);
  sqlite3_close (src);
  if (staged != NULL)
    g_unlink (staged);
  remove_private_dir (tmp_dir);
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The backup was not restored"));
      return FALSE;
    }

  /* the live file is a database, whatever the backup's mark said */
  {
    g_autofree char *unmark = g_strdup_printf ("PRAGMA application_id = %d", DL_STORE_APPLICATION_ID);

    rc = sqlite3_exec (dl_store_get_handle (store), unmark, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
      g_warning ("The restored file keeps a backup's mark: %s", sqlite3_errstr (rc));
  }

  dl_store_emit_restored (store);
  return TRUE;
}

gboolean
dl_store_restore_file (const char  *backup,
                       const char  *db_path,
                       GError     **error)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *staged = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *readable = NULL;
  gboolean copied;

  g_return_val_if_fail (backup != NULL && db_path != NULL, FALSE);

  if (!dl_store_check_backup (backup, error))
    return FALSE;

  /* The copy first, beside the database, so the rename below swaps a
   * complete file in one step. */
  readable = readable_backup (backup, &tmp_dir, error);
  if (readable == NULL)
    return FALSE;
  staged = g_strconcat (db_path, ".restoring", NULL);
  g_unlink (staged);
  copied = dl_store_copy_database (readable, staged, 0, error);
  remove_private_dir (tmp_dir);
  if (!copied)
    return FALSE;

  /* With every connection closed the old WAL is checkpointed and gone;
   * one left by a crash must not be replayed onto the restored file. */
  wal = g_strconcat (db_path, "-wal", NULL);
  shm = g_strconcat (db_path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);

  if (g_rename (staged, db_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (db_path);

      g_unlink (staged);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not replace “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

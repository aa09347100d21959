/* dl-store-export-backup.c — backups with SQLite's online backup API,
 * in the foreground or a worker thread, and the daily backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-export.h"
#include "dl-store-export-private.h"
#include "dl-store-private.h"

#define BUSY_TIMEOUT_MS 10000

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* ------------------------------------------------------------------ */
/* Backups                                                             */

void
dl_store_set_backup_error (GError     **error,
                           sqlite3     *db,
                           int          rc,
                           const char  *dest)
{
  g_autofree char *display = g_filename_display_name (dest);

  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("The backup “%s” was not written: the disk is full."), display);
  else
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("The backup “%s” was not written: %s"), display,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* A backup goes to a new file or over an older backup Downline made
 * (marked with DL_STORE_BACKUP_ID), never over the database itself, a
 * database open in this process, or any other file that happens to
 * have the name (an older Downline's backups carry the database's own
 * mark, so they cannot be told from a database and are not replaced). */
static gboolean
check_backup_dest (const char  *source,
                   const char  *dest,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (dest);
  GStatBuf src_st, dest_st;
  DlStoreHeader header = { 0, };

  if (g_stat (dest, &dest_st) != 0)
    {
      if (g_file_test (dest, G_FILE_TEST_IS_SYMLINK))
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                       _("“%s” is a link to a file that is not there: choose another name."), display);
          return FALSE;
        }
      return TRUE;
    }

  if ((g_stat (source, &src_st) == 0 && src_st.st_dev == dest_st.st_dev && src_st.st_ino == dest_st.st_ino)
      || dl_store_file_is_open (dest))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("“%s” is a Downline database in use, not a backup: a backup must go to another file. "
                     "Nothing was written."), display);
      return FALSE;
    }
  if (!S_ISREG (dest_st.st_mode) || !dl_store_read_header (dest, &header, NULL) ||
      header.application_id != DL_STORE_BACKUP_ID)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("“%s” is already there and is not a backup Downline made: choose another name. "
                     "Nothing was written."), display);
      return FALSE;
    }

  return TRUE;
}

/* Runs PRAGMA integrity_check on a copy; FALSE with DAMAGED naming the
 * database it was made from. */
static gboolean
verify_copy (sqlite3     *db,
             const char  *source,
             const char  *dest,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (source);
  g_autofree char *dest_display = g_filename_display_name (dest);
  sqlite3_stmt *stmt = NULL;
  const char *result = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    result = (const char *) sqlite3_column_text (stmt, 0);
  ok = g_strcmp0 (result, "ok") == 0;
  if (result != NULL && g_str_has_prefix (result, "*** in database main ***\n"))
    result += strlen ("*** in database main ***\n");
  if (!ok)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                 _("“%s” is damaged (%s), so the backup “%s” was not made and no older backup "
                   "was replaced."),
                 display, result != NULL ? result : sqlite3_errstr (rc), dest_display);
  sqlite3_finalize (stmt);

  return ok;
}

/* Flushes a file or folder to the disk; rename () is only as durable as
 * the folder entry it changes. */
static gboolean
sync_path (const char  *path,
           gboolean     folder,
           GError     **error)
{
  int fd = open (path, (folder ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  int errsv;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  errsv = errno;
  if (fd >= 0)
    close (fd);
  /* some file systems cannot sync a folder; the rename still happened */
  if (folder && (errsv == EINVAL || errsv == EBADF))
    return TRUE;

  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("“%s” could not be written to the disk: %s"), display, g_strerror (errsv));
  }
  return FALSE;
}

/* Copies the database at source into dest by way of an owner-only
 * temporary file beside it, synced to the disk before it takes dest's
 * name in one rename: a crash or a full disk leaves dest as it was. */
gboolean
dl_store_copy_database (const char        *source,
                        const char        *dest,
                        DlStoreCopyFlags   flags,
                        GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *tmp = NULL;
  g_autofree char *mark = NULL;
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  if (!check_backup_dest (source, dest, error))
    return FALSE;

  /* a copy killed half-way left its temporary file: a hidden full copy
   * of people's details nobody would find to delete */
  {
    g_autofree char *prefix = g_strdup_printf (".%s.part-", base);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *entry;

    while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
      if (g_str_has_prefix (entry, prefix))
        {
          g_autofree char *stale = g_build_filename (dir, entry, NULL);

          g_unlink (stale);
        }
  }

  tmp = g_strdup_printf ("%s/.%s.part-%u", dir, base, g_random_int ());
  /* made owner-only first: SQLite would give it the umask's mode, and a
   * copy holds the same people's details as the database */
  {
    gboolean created = FALSE;

    if (!dl_store_create_private_file (tmp, &created, error))
      return FALSE;
    if (!created)
      {
        g_autofree char *display = g_filename_display_name (tmp);

        g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                     _("The backup “%s” was not written: %s"), display, g_strerror (EEXIST));
        return FALSE;
      }
  }

  rc = sqlite3_open_v2 (source, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_backup_error (error, src, rc, dest);
      goto out;
    }
  sqlite3_busy_timeout (src, BUSY_TIMEOUT_MS);

  rc = sqlite3_open_v2 (tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_backup_error (error, dst, rc, dest);
      goto out;
    }

  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      dl_store_set_backup_error (error, dst, sqlite3_errcode (dst), dest);
      goto out;
    }
  /* One step: the source is read in one read transaction, a snapshot
   * that writers on other connections (WAL) do not disturb. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      dl_store_set_backup_error (error, dst, rc, dest);
      goto out;
    }

  if ((flags & DL_STORE_COPY_VERIFIED) && !verify_copy (dst, source, dest, error))
    goto out;

  /* the mark, then a plain rollback-journal file: one file, nothing
   * beside it */
  mark = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = DELETE",
                          (flags & DL_STORE_COPY_BACKUP) ? DL_STORE_BACKUP_ID : DL_STORE_APPLICATION_ID);
  rc = sqlite3_exec (dst, mark, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_backup_error (error, dst, rc, dest);
      goto out;
    }

  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    {
      dl_store_set_backup_error (error, NULL, rc, dest);
      goto out;
    }

  if (!sync_path (tmp, FALSE, error))
    goto out;

  /* a log or journal left beside an older file of that name would be
   * replayed onto the new copy the next time it is opened */
  {
    const char *suffixes[] = { "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *side = g_strconcat (dest, suffixes[i], NULL);

        if (g_unlink (side) != 0 && errno != ENOENT)
          {
            int saved_errno = errno;
            g_autofree char *display = g_filename_display_name (side);

            g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                         _("The backup was not written: “%s” could not be removed: %s"),
                         display, g_strerror (saved_errno));
            goto out;
          }
      }
  }

  if (g_rename (tmp, dest) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dest);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The backup “%s” was not written: %s"), display, g_strerror (saved_errno));
      goto out;
    }
  ok = sync_path (dir, TRUE, error);

out:
  sqlite3_close (dst);
  sqlite3_close (src);
  if (!ok)
    g_unlink (tmp);
  return ok;
}

gboolean
dl_store_backup (DlStore     *store,
                 const char  *dest,
                 GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  return dl_store_copy_database (dl_store_get_path (store), dest,
                                 DL_STORE_COPY_BACKUP | DL_STORE_COPY_VERIFIED, error);
}

gboolean
dl_store_backup_as_is (DlStore     *store,
                       const char  *dest,
                       GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  return dl_store_copy_database (dl_store_get_path (store), dest, DL_STORE_COPY_BACKUP, error);
}

typedef struct
{
  char *source;
  char *dest;
} BackupJob;

static void
backup_job_free (gpointer data)
{
  BackupJob *job = data;

  g_free (job->source);
  g_free (job->dest);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  if (dl_store_copy_database (job->source, job->dest,
                              DL_STORE_COPY_BACKUP | DL_STORE_COPY_VERIFIED, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dl_store_backup_async (DlStore             *store,
                       const char          *dest,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (dest != NULL);

  job = g_new0 (BackupJob, 1);
  job->source = g_strdup (dl_store_get_path (store));
  job->dest = g_strdup (dest);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_backup_async);
  g_task_set_task_data (task, job, backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
dl_store_backup_finish (DlStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#define DAILY_PREFIX "downline-"
#define DAILY_SUFFIX ".db"

static gboolean
is_daily_name (const char *name)
{
  gsize len = strlen (name);
  char iso[11];

  /* downline-YYYY-MM-DD.db */
  if (len != strlen (DAILY_PREFIX) + 10 + strlen (DAILY_SUFFIX) ||
      !g_str_has_prefix (name, DAILY_PREFIX) || !g_str_has_suffix (name, DAILY_SUFFIX))
    return FALSE;
  memcpy (iso, name + strlen (DAILY_PREFIX), 10);
  iso[10] = '\0';
  return dl_day_from_iso (iso) != DL_DAY_NONE;
}

char *
dl_store_find_good_backup (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  const char *entry;

  g_return_val_if_fail (dir != NULL, NULL);

  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return NULL;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (is_daily_name (entry))
      g_ptr_array_add (names, g_strdup (entry));

  g_ptr_array_sort (names, compare_strings);
  for (guint i = names->len; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i - 1], NULL);

      if (dl_store_check_backup (path, NULL))
        return g_steal_pointer (&path);
    }

  return NULL;
}

gboolean
dl_store_backup_daily (DlStore     *store,
                       const char  *dir,
                       guint        keep,
                       DlDay        today,
                       gboolean    *made,
                       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  char iso[16];
  const char *entry;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL && keep > 0, FALSE);

  if (made != NULL)
    *made = FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  dl_day_format_iso (today, iso);
  name = g_strconcat (DAILY_PREFIX, iso, DAILY_SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);
  /* Today's copy is verified before it is kept, and the old ones are
   * only rotated away after it: a damaged database never pushes the
   * last sound backups out. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) local_error = NULL;

      if (!dl_store_backup (store, path, &local_error))
        {
          g_autofree char *good = NULL;

          if (g_error_matches (local_error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED)
              && (good = dl_store_find_good_backup (dir)) != NULL)
            {
              g_autofree char *display = g_filename_display_name (good);

              g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                           _("%s The newest sound backup is “%s”: restore it from the main menu, "
                             "Restore From Backup."),
                           local_error->message, display);
              return FALSE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (made != NULL)
        *made = TRUE;
    }

  listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (is_daily_name (entry))
      g_ptr_array_add (names, g_strdup (entry));

  /* the names sort by date; the oldest go */
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, names->pdata[i], NULL);

      if (g_unlink (old) != 0)
        g_warning ("Could not delete the old backup %s: %s", old, g_strerror (errno));
    }

  return TRUE;
}

/* dl-store-open.c — the file opened, checkpointed and closed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dl-store-object-private.h"
#include "dl-store-search.h"

/* SQLite gives -wal and -shm the mode of the database, but only when it
 * creates them; making them ourselves first keeps them owner-only
 * whatever the umask, also for a database we did not create. */
static gboolean
create_side_files (const char  *path,
                   GError     **error)
{
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      gboolean created;

      if (!dl_store_create_private_file (side, &created, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
open_read_write (DlStore  *self,
                 GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_open_error (error, rc, self->path,
                               self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!create_side_files (self->path, error))
    return FALSE;

  /* WAL: readers never block the writer and a killed process leaves a
   * consistent file.  synchronous=NORMAL syncs at checkpoints, not at
   * every commit: in WAL mode that never corrupts the file, and a crash
   * of the app loses nothing; only a power cut or OS crash may take back
   * the last few seconds of commits.  A sync per commit cost more than a
   * whole drop on the board (target 5 ms). */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      gint64 deadline = g_get_monotonic_time () + BUSY_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;

      /* Switching a new file to WAL needs it to itself; when another
       * process opens the same new file at this moment, SQLite answers
       * BUSY at once rather than risk a deadlock in its busy handler. */
      while (((rc = sqlite3_step (stmt)) & 0xff) == SQLITE_BUSY && g_get_monotonic_time () < deadline)
        {
          sqlite3_reset (stmt);
          g_usleep (g_random_int_range (5, 25) * G_TIME_SPAN_MILLISECOND);
        }
    }
  if (rc == SQLITE_ROW)
    {
      const char *mode = (const char *) sqlite3_column_text (stmt, 0);

      if (g_ascii_strcasecmp (mode, "wal") != 0)
        g_warning ("“%s” could not use write-ahead logging and stays in %s mode", display, mode);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return dl_store_set_open_error (error, rc, self->path, sqlite3_errmsg (self->db));

  return dl_store_exec_db (self->db,
                           "PRAGMA synchronous = NORMAL;"
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA trusted_schema = OFF;",
                           error);
}

/* The path SQLite is given: every symbolic link resolved (SQLite
 * refuses links, and a linked home folder is common), so a file reached
 * by several paths is named one way.  A missing file's folder is made
 * unless flags say the file must exist. */
static char *
resolve_path (const char        *path,
              DlStoreOpenFlags   flags,
              GError           **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_dir = NULL;
  GStatBuf st;
  char *real;

  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          dl_store_set_not_regular_error (error, path, &st);
          return NULL;
        }
      real = realpath (path, NULL);
      if (real == NULL)
        dl_store_set_io_error (error, errno, _("The file “%s” cannot be used"), display);
      return real;
    }

  if (errno != ENOENT)
    {
      dl_store_set_io_error (error, errno, _("The file “%s” cannot be used"), display);
      return NULL;
    }

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("“%s” is a link to a file that is not there. Nothing was created."), display);
      return NULL;
    }

  if (flags & (DL_STORE_OPEN_EXISTING | DL_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("“%s” does not exist. Nothing was created."), display);
      return NULL;
    }

  if (!dl_store_prepare_directory (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      dl_store_set_io_error (error, errno, _("The folder “%s” cannot be used"), dir_display);
      return NULL;
    }

  return g_build_filename (real_dir, base, NULL);
}

/* Why the file can only be read, in words for the end of "… is open
 * read-only (REASON)", or NULL when it can be written.  Saving needs
 * the file and its folder (SQLite makes its -wal and -shm there). */
static char *
read_only_reason (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (access (path, W_OK) != 0)
    return g_strdup (errno == EROFS ? _("it is on a disk that cannot be written to")
                                    : _("its permissions allow reading only"));
  if (access (dir, W_OK | X_OK) != 0)
    return g_strdup (errno == EROFS ? _("it is on a disk that cannot be written to")
                                    : _("its folder does not let Downline create the files it needs to save"));

  return NULL;
}

/* The -wal and -shm beside a file, as they were before we opened it. */
typedef struct
{
  gboolean wal;
  gboolean shm;
} SideFiles;

static void
side_files_note (const char *path,
                 SideFiles  *before)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  before->wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  before->shm = g_file_test (shm, G_FILE_TEST_EXISTS);
}

/* After a refusal: the file is left with what was beside it before.  A
 * log we did not find is removed only while it holds nothing; an index
 * (-shm) we made holds nothing that is not in the file and its log. */
static void
side_files_restore (const char      *path,
                    const SideFiles *before)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  GStatBuf st;

  if (!before->wal && g_lstat (wal, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 0)
    g_unlink (wal);
  if (!before->shm && !g_file_test (wal, G_FILE_TEST_EXISTS))
    g_unlink (shm);
}

/* The files open in this process, by device and inode. */
typedef struct
{
  dev_t dev;
  ino_t ino;
} FileId;

static GMutex open_files_lock;
static GArray *open_files;

static void
register_open_file (DlStore *self)
{
  FileId id = { self->dev, self->ino };

  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_array_new (FALSE, FALSE, sizeof (FileId));
  g_array_append_val (open_files, id);
  g_mutex_unlock (&open_files_lock);
}

static void
unregister_open_file (DlStore *self)
{
  g_mutex_lock (&open_files_lock);
  for (guint i = 0; open_files != NULL && i < open_files->len; i++)
    {
      const FileId *id = &g_array_index (open_files, FileId, i);

      if (id->dev == self->dev && id->ino == self->ino)
        {
          g_array_remove_index_fast (open_files, i);
          break;
        }
    }
  g_mutex_unlock (&open_files_lock);
}

gboolean
dl_store_file_is_open (const char *path)
{
  gboolean found = FALSE;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return FALSE;

  g_mutex_lock (&open_files_lock);
  for (guint i = 0; open_files != NULL && i < open_files->len && !found; i++)
    {
      const FileId *id = &g_array_index (open_files, FileId, i);

      found = id->dev == st.st_dev && id->ino == st.st_ino;
    }
  g_mutex_unlock (&open_files_lock);

  return found;
}

/* A file that cannot be written is opened as it is: no WAL switch, no
 * migration, no side files but a -shm that SQLite needs to read a log
 * left beside it (made by us, owner-only and writable, never 0400). */
static gboolean
open_read_only (DlStore  *self,
                GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  int version;
  int rc;

  if (g_file_test (wal, G_FILE_TEST_EXISTS) && !g_file_test (shm, G_FILE_TEST_EXISTS))
    {
      gboolean created;

      /* where the folder allows; SQLite says so clearly when it must */
      dl_store_create_private_file (shm, &created, NULL);
    }

  rc = dl_store_open_for_reading (self->path, &self->db);
  if (rc != SQLITE_OK)
    return dl_store_set_open_error (error, rc, self->path,
                                    self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  version = dl_store_query_int (self->db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return dl_store_set_open_error (error, rc, self->path, sqlite3_errmsg (self->db));
  if (version < DL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_READ_ONLY,
                   _("“%s” was saved by an older Downline and must be brought up to date "
                     "before it can be opened, but %s. It was left unchanged."),
                   display, self->read_only_reason);
      return FALSE;
    }

  return dl_store_exec_db (self->db,
                           "PRAGMA foreign_keys = ON;"
                           "PRAGMA trusted_schema = OFF;",
                           error);
}

/* A backup opened for writing becomes a database again: from now on it
 * changes, and a backup written later must not replace it. */
static gboolean
unmark_backup (DlStore  *self,
               GError  **error)
{
  g_autofree char *sql = NULL;
  int rc;

  if (dl_store_query_int (self->db, "PRAGMA application_id", &rc) != DL_STORE_BACKUP_ID || rc != SQLITE_OK)
    return TRUE;

  sql = g_strdup_printf ("PRAGMA application_id = %d", DL_STORE_APPLICATION_ID);
  return dl_store_exec_db (self->db, sql, error);
}

static DlStore *
open_store (const char        *path,
            DlStoreOpenFlags   flags,
            gboolean          *created,
            GError           **error)
{
  g_autoptr(DlStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;
  DlStoreHeader info = { 0, };
  gboolean deferred = FALSE;
  SideFiles before;
  GStatBuf st;

  *created = FALSE;
  if (!(flags & (DL_STORE_OPEN_EXISTING | DL_STORE_OPEN_READ_ONLY))
      && !dl_store_create_private_file (path, created, error))
    return NULL;

  if (!dl_store_read_header (path, &info, error))
    return NULL;

  reason = flags & DL_STORE_OPEN_READ_ONLY ? g_strdup (_("it was opened for reading only"))
                                           : read_only_reason (path);
  if (info.empty && (reason != NULL || (flags & DL_STORE_OPEN_EXISTING)))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("“%s” is empty: it holds no Downline business yet. Nothing was changed."), display);
      return NULL;
    }

  if (!info.empty && !dl_store_check_header (path, &info, error))
    return NULL;

  side_files_note (path, &before);
  if (!info.empty && !dl_store_validate_read_only (path, &info, &deferred, error))
    {
      side_files_restore (path, &before);
      return NULL;
    }

  self = g_object_new (DL_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (g_stat (path, &st) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      dl_store_set_io_error (error, errno, _("The file “%s” cannot be used"), display);
      return NULL;
    }
  self->dev = st.st_dev;
  self->ino = st.st_ino;
  self->read_only_reason = g_steal_pointer (&reason);

  if (self->read_only_reason != NULL)
    {
      if (!open_read_only (self, error))
        goto refused;
    }
  else
    {
      if (!open_read_write (self, error))
        goto refused;

      if (!dl_store_migrate_db (self->db, DL_STORE_SCHEMA_VERSION, &local_error)
          || !unmark_backup (self, &local_error))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, DL_STORE_ERROR,
                       local_error->domain == DL_STORE_ERROR ? local_error->code : DL_STORE_ERROR_FAILED,
                       _("“%s” could not be brought up to date: %s"),
                       display, local_error->message);
          goto refused;
        }
    }

  register_open_file (self);
  if (deferred)
    dl_store_start_background_check (self);
  /* people marked by another process (an import on the command line) */
  dl_store_schedule_search_index (self);

  return g_steal_pointer (&self);

refused:
  /* closed first: SQLite removes the log it made when it can */
  g_clear_object (&self);
  side_files_restore (path, &before);
  return NULL;
}

DlStore *
dl_store_open_full (const char        *path,
                    DlStoreOpenFlags   flags,
                    GError           **error)
{
  g_autofree char *real = NULL;
  DlStore *self;
  gboolean created = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dl_store_locks_install ();

  real = resolve_path (path, flags, error);
  if (real == NULL)
    return NULL;

  self = open_store (real, flags, &created, error);
  if (self == NULL && created)
    g_unlink (real);

  return self;
}

DlStore *
dl_store_open (const char  *path,
               GError     **error)
{
  return dl_store_open_full (path, DL_STORE_OPEN_CREATE, error);
}

gboolean
dl_store_checkpoint (DlStore  *self,
                     GError  **error)
{
  int n_log = 0;
  int n_copied = 0;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (self->db == NULL || self->read_only_reason != NULL || self->depth > 0)
    return TRUE;

  /* PASSIVE: never waits, so it may run on the main thread; it stops
   * short only where a reader still needs the older pages */
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &n_log, &n_copied);
  if (rc != SQLITE_OK)
    {
      dl_store_set_sqlite_error (self, error, rc, _("The latest changes could not be written into the file"));
      return FALSE;
    }
  if (n_copied < n_log)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_BUSY,
                   _("Another program is reading “%s”; its latest changes stay in its "
                     "log beside it for now."),
                   display);
      return FALSE;
    }

  return TRUE;
}

static gboolean
idle_checkpoint_cb (gpointer data)
{
  DlStore *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->checkpoint_source, g_source_unref);
  if (!dl_store_checkpoint (self, &error))
    g_debug ("%s", error->message);

  return G_SOURCE_REMOVE;
}

/* A few seconds after a burst of commits, at low priority: the .db file
 * alone then holds everything even while the app keeps running (in
 * background mode for days), not only after it quits. */
#define CHECKPOINT_DELAY_SECONDS 3

void
dl_store_schedule_checkpoint (DlStore *self)
{
  GSource *source;

  if (self->checkpoint_source != NULL || self->db == NULL || self->read_only_reason != NULL)
    return;

  source = g_timeout_source_new_seconds (CHECKPOINT_DELAY_SECONDS);
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, idle_checkpoint_cb, self, NULL);
  g_source_set_static_name (source, "[dl-store] checkpoint");
  g_source_attach (source, NULL);
  self->checkpoint_source = source;
}

/* TRUE when a statement of the store's is still prepared on db.  The
 * search index's FTS5 table keeps statements of its own on the
 * connection until the close disconnects it; those are no leak, and
 * FTS5 names its schema in quotes ('main'.), which the store never
 * does. */
static gboolean
has_own_statements (sqlite3 *db)
{
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (db, NULL); stmt != NULL; stmt = sqlite3_next_stmt (db, stmt))
    {
      const char *sql = sqlite3_sql (stmt);

      if (sql == NULL || strstr (sql, "'main'.") == NULL)
        return TRUE;
    }
  return FALSE;
}

/* Ends the background check and waits for its connection to close: the
 * last connection is the one that folds the log in and removes it. */
static void
stop_check (DlStore *self)
{
  if (self->check == NULL)
    return;

  g_mutex_lock (&self->check->mutex);
  self->check->abandoned = TRUE;
  if (self->check->db != NULL)
    sqlite3_interrupt (self->check->db);
  while (!self->check->done)
    g_cond_wait (&self->check->cond, &self->check->mutex);
  g_mutex_unlock (&self->check->mutex);
}

/* ---- Checkpoints on a thread of their own ------------------------------ */

static GMutex later_mutex;
static GCond later_cond;
static GHashTable *later_paths;   /* path -> how many run, as a pointer */

typedef struct
{
  sqlite3 *db;
  char    *path;
} Later;

static gpointer
checkpoint_later_thread (gpointer data)
{
  Later *later = data;
  guint n;

  if (sqlite3_wal_checkpoint_v2 (later->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL) != SQLITE_OK)
    g_debug ("The log of “%s” was not folded into it after the import: %s",
             later->path, sqlite3_errmsg (later->db));
  sqlite3_close (later->db);

  g_mutex_lock (&later_mutex);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (later_paths, later->path));
  if (n > 1)
    g_hash_table_insert (later_paths, g_strdup (later->path), GUINT_TO_POINTER (n - 1));
  else
    g_hash_table_remove (later_paths, later->path);
  g_cond_broadcast (&later_cond);
  g_mutex_unlock (&later_mutex);

  g_free (later->path);
  g_free (later);
  return NULL;
}

void
dl_store_checkpoint_and_close_later (sqlite3    *db,
                                     const char *path)
{
  Later *later;
  GThread *thread;
  guint n;

  g_return_if_fail (db != NULL && path != NULL);

  later = g_new (Later, 1);
  later->db = db;
  later->path = g_strdup (path);

  g_mutex_lock (&later_mutex);
  if (later_paths == NULL)
    later_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (later_paths, path));
  g_hash_table_insert (later_paths, g_strdup (path), GUINT_TO_POINTER (n + 1));
  g_mutex_unlock (&later_mutex);

  thread = g_thread_try_new ("dl-checkpoint", checkpoint_later_thread, later, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    checkpoint_later_thread (later);
}

void
dl_store_wait_checkpoints (const char *path)
{
  g_return_if_fail (path != NULL);

  g_mutex_lock (&later_mutex);
  while (later_paths != NULL && g_hash_table_contains (later_paths, path))
    g_cond_wait (&later_cond, &later_mutex);
  g_mutex_unlock (&later_mutex);
}

void
dl_store_close (DlStore *self)
{
  int rc;

  g_return_if_fail (DL_IS_STORE (self));

  if (self->db == NULL)
    return;

  if (self->depth > 0)
    {
      g_critical ("DlStore closed inside a transaction; it is rolled back");
      while (self->depth > 0)
        dl_store_rollback (self);
    }

  if (self->checkpoint_source != NULL)
    {
      g_source_destroy (self->checkpoint_source);
      g_clear_pointer (&self->checkpoint_source, g_source_unref);
    }
  if (self->search_source != NULL)
    {
      g_source_destroy (self->search_source);
      g_clear_pointer (&self->search_source, g_source_unref);
    }
  stop_check (self);
  g_hash_table_remove_all (self->statements);

  /* TRUNCATE: everything into the file and the log emptied, so the .db
   * is whole even if another program keeps the log alive.  Not while an
   * import's connection still folds its log in: one checkpoint at a
   * time, and this one would fail at once. */
  if (self->read_only_reason == NULL)
    {
      dl_store_wait_checkpoints (self->path);
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      if (rc != SQLITE_OK)
        g_warning ("Could not fold the log of “%s” into it on closing: %s",
                   self->path, sqlite3_errmsg (self->db));
    }

  if (has_own_statements (self->db))
    g_warning ("“%s” closed with statements still prepared; it closes when they are finalized",
               self->path);
  rc = sqlite3_close_v2 (self->db);
  if (rc != SQLITE_OK)
    g_warning ("Closing “%s” failed: %s", self->path, sqlite3_errstr (rc));
  self->db = NULL;
  self->closed = TRUE;
  unregister_open_file (self);
}

/* dl-store-check.c — a file judged before it is opened (its header,
 * permissions, integrity), and the integrity check of a large file in
 * the background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file that cannot be opened safely is left exactly as it was, with
 * nothing beside it: everything that could refuse it is checked over a
 * read-only connection.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dl-store-object-private.h"

/* Before opening ------------------------------------------------------ */

/* format names the file or folder; the system's reason is appended. */
gboolean
dl_store_set_io_error (GError     **error,
                       int          errsv,
                       const char  *format,
                       ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
               "%s: %s", what, g_strerror (errsv));

  return FALSE;
}

gboolean
dl_store_set_not_regular_error (GError          **error,
                                const char       *path,
                                const GStatBuf   *st)
{
  g_autofree char *display = g_filename_display_name (path);

  if (S_ISDIR (st->st_mode))
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("“%s” is a folder, not a database file."), display);
  else
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("“%s” is not an ordinary file (it is a pipe, a socket or a device), "
                   "so it cannot hold a Downline business. Nothing was read from it."),
                 display);
  return FALSE;
}

/* The folder is made owner-only when we create it: it holds a private
 * business file and the -wal/-shm files SQLite adds beside it. */
gboolean
dl_store_prepare_directory (const char  *path,
                            GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (dir);
  GStatBuf st;

  if (g_stat (dir, &st) != 0)
    {
      if (errno != ENOENT)
        return dl_store_set_io_error (error, errno, _("The folder “%s” cannot be used"), display);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        return dl_store_set_io_error (error, errno, _("The folder “%s” could not be created"), display);

      /* mkdir honours the umask; the mode must not depend on it. */
      if (g_chmod (dir, 0700) != 0)
        return dl_store_set_io_error (error, errno, _("The folder “%s” could not be made private"), display);

      return TRUE;
    }

  if (!S_ISDIR (st.st_mode))
    return dl_store_set_io_error (error, ENOTDIR, _("The folder “%s” cannot be used"), display);

  /* SQLite writes its -wal and -shm files next to the database. */
  if (access (dir, W_OK | X_OK) != 0)
    return dl_store_set_io_error (error, errno, _("The folder “%s” is not writable"), display);

  return TRUE;
}

/* Creates an owner-only file at path when none is there.  open() with
 * O_EXCL so we never take over a file someone else just made, and
 * fchmod() because the mode given to open() is cut by the umask. */
gboolean
dl_store_create_private_file (const char  *path,
                              gboolean    *created,
                              GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  int fd;

  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      if (errno == EEXIST)
        {
          *created = FALSE;
          return TRUE;
        }

      return dl_store_set_io_error (error, errno, _("The file “%s” could not be created"), display);
    }

  if (fchmod (fd, 0600) != 0)
    {
      int errsv = errno;

      close (fd);
      g_unlink (path);
      return dl_store_set_io_error (error, errsv, _("The file “%s” could not be made private"), display);
    }

  close (fd);
  *created = TRUE;

  return TRUE;
}

gboolean
dl_store_read_header (const char    *path,
                      DlStoreHeader *info,
                      GError       **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  guint8 header[100];
  GStatBuf st;
  gssize n;
  int fd;

  /* a FIFO or device is refused before it is opened: opening a FIFO
   * waits for a writer that never comes */
  if (g_stat (path, &st) != 0)
    return dl_store_set_io_error (error, errno, _("The file “%s” cannot be read"), display);
  if (!S_ISREG (st.st_mode))
    return dl_store_set_not_regular_error (error, path, &st);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return dl_store_set_io_error (error, errno, _("The file “%s” cannot be read"), display);

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return dl_store_set_not_regular_error (error, path, &st);
    }

  n = read (fd, header, sizeof header);
  close (fd);

  info->size = st.st_size;
  info->empty = n == 0;
  if (info->empty)
    return TRUE;

  if (n < (gssize) sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Downline file: it is not a database at all. "
                     "It was left unchanged."),
                   display);
      return FALSE;
    }

  /* File format write/read versions: 2 means WAL. */
  info->wal = header[18] == 2 && header[19] == 2;
  info->user_version = (guint32) header[60] << 24 | (guint32) header[61] << 16 |
                       (guint32) header[62] << 8 | (guint32) header[63];
  info->application_id = (guint32) header[68] << 24 | (guint32) header[69] << 16 |
                         (guint32) header[70] << 8 | (guint32) header[71];

  return TRUE;
}

static void
set_foreign_error (GError     **error,
                   const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
               _("“%s” is a database of another program, not a Downline "
                 "file. It was left unchanged."),
               display);
}

/* What the header alone proves, before SQLite opens the file (SQLite
 * may write even to a file opened read-only: a -shm beside it).  Every
 * Downline file has carried the application id since schema version 1,
 * so a versioned file without it is another program's.  A file with
 * neither may be empty, or a new Downline file whose first changes are
 * still in its log: the read-only check decides. */
gboolean
dl_store_check_header (const char           *path,
                       const DlStoreHeader  *info,
                       GError              **error)
{
  if (info->application_id == DL_STORE_APPLICATION_ID || info->application_id == DL_STORE_BACKUP_ID)
    return TRUE;

  if (info->application_id == 0 && info->user_version == 0)
    return TRUE;

  set_foreign_error (error, path);
  return FALSE;
}

gboolean
dl_store_set_open_error (GError     **error,
                         int          rc,
                         const char  *path,
                         const char  *detail)
{
  g_autofree char *display = g_filename_display_name (path);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Downline file: it is not a database. "
                     "It was left unchanged."),
                   display);
      break;

    case SQLITE_CORRUPT:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                   _("“%s” is damaged and cannot be opened safely (%s). "
                     "It was left unchanged; restore it from a backup."),
                   display, detail);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_BUSY,
                   _("“%s” is in use by another program that did not let go "
                     "of it. Close it and try again."),
                   display);
      break;

    default:
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                   _("“%s” could not be opened: %s"), display, detail);
      break;
    }

  return FALSE;
}

gboolean
dl_store_set_closed_error (DlStore  *self,
                           GError  **error)
{
  g_autofree char *display = g_filename_display_name (self->path);

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CLOSED,
               _("“%s” is closed: Downline is quitting."), display);
  return FALSE;
}

/* A read-only connection.  SQLite reads a WAL-mode file only with a
 * -shm beside it, which it must be able to create; in a folder that
 * allows no writing (a read-only disk, another user's folder) a file
 * with no log beside it has nobody writing it, and it is read as
 * immutable: no locks, no side files. */
int
dl_store_open_for_reading (const char  *path,
                           sqlite3    **db)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *uri = NULL;
  DlStoreHeader info = { 0, };

  if (access (dir, W_OK | X_OK) == 0 || g_file_test (wal, G_FILE_TEST_EXISTS) ||
      g_file_test (shm, G_FILE_TEST_EXISTS) ||
      !dl_store_read_header (path, &info, NULL) || !info.wal)
    return sqlite3_open_v2 (path, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  uri = g_strconcat ("file:", path, "?immutable=1", NULL);
  if (strpbrk (path, "?#%") != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      g_free (uri);
      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
    }
  return sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
}

/* Files up to this size get the full integrity check before anything
 * else happens: about 30 ms per MB here, so a quarter of a second at the
 * limit, which holds tens of thousands of people.  Larger files are
 * checked in a worker thread while the user looks at them; see
 * dl_store_start_background_check (). */
static goffset sync_check_limit = 8 * 1024 * 1024;

void
dl_store_set_sync_check_limit (goffset bytes)
{
  sync_check_limit = bytes;
}

/* KiB of cache a worker's connection keeps */
#define READER_CACHE_KIB 256

sqlite3 *
dl_store_open_reader (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                   _("“%s” could not be opened: %s"),
                   display, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* A worker reads its tables once, in order (the tree, a month's
   * figures, the members an import plans against): SQLite's default
   * cache, 2 MB a connection, filled on every one of them and kept
   * nothing a second read used.  The operating system keeps the file's
   * pages either way.  (bench-open at 100,000 members: peak 152.5 ->
   * 150.7 MiB.) */
  sqlite3_exec (db, "PRAGMA cache_size = -" G_STRINGIFY (READER_CACHE_KIB), NULL, NULL, NULL);
  return db;
}

/* Tests: background checks wait before they start while held. */
static GMutex hold_mutex;
static GCond hold_cond;
static gboolean hold_checks;

void
dl_store_hold_background_checks (gboolean hold)
{
  g_mutex_lock (&hold_mutex);
  hold_checks = hold;
  g_cond_broadcast (&hold_cond);
  g_mutex_unlock (&hold_mutex);
}

/* Runs PRAGMA integrity_check; on damage returns SQLITE_CORRUPT with
 * SQLite's first finding in *detail. */
static int
run_integrity_check (sqlite3  *db,
                     char    **detail)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *result = (const char *) sqlite3_column_text (stmt, 0);

      rc = SQLITE_OK;
      if (g_strcmp0 (result, "ok") != 0)
        {
          const char *prefix = "*** in database main ***\n";

          if (result != NULL && g_str_has_prefix (result, prefix))
            result += strlen (prefix);
          *detail = g_strdup (result ? result : "?");
          rc = SQLITE_CORRUPT;
        }
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_ERROR;
    }

  if (rc != SQLITE_OK && rc != SQLITE_CORRUPT)
    *detail = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return rc;
}

/* Everything that could make us refuse a file is checked over a read-only
 * connection: a refused file must be left exactly as it was, and even
 * switching to WAL writes to it.  *deferred is set when the integrity
 * check is left to a worker thread, which is only done for a large file
 * that opening will not write to (current version, already WAL). */
gboolean
dl_store_validate_read_only (const char           *path,
                             const DlStoreHeader  *info,
                             gboolean             *deferred,
                             GError              **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *detail = NULL;
  sqlite3 *db = NULL;
  /* read only when every query succeeded; set for the compiler, which
   * no longer sees inside dl_store_query_int () */
  int application_id = 0;
  int version = 0;
  int n_objects = 0;
  int rc;

  *deferred = FALSE;

  rc = dl_store_open_for_reading (path, &db);
  if (rc != SQLITE_OK)
    {
      dl_store_set_open_error (error, rc, path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* one read transaction: three separate reads could straddle another
   * opener's first migration and see its tables without its mark */
  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    application_id = dl_store_query_int (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    version = dl_store_query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    n_objects = dl_store_query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      dl_store_set_open_error (error, rc, path, sqlite3_errmsg (db));
      goto out;
    }

  if ((application_id != 0 && application_id != DL_STORE_APPLICATION_ID &&
       application_id != DL_STORE_BACKUP_ID)
      || (application_id == 0 && version != 0)
      || (version == 0 && n_objects > 0))
    {
      set_foreign_error (error, path);
      rc = SQLITE_NOTADB;
      goto out;
    }

  if (version > DL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_TOO_NEW,
                   _("“%s” was saved by a newer version of Downline "
                     "(file version %d, this version knows up to %d). "
                     "Update Downline to open it; the file was left unchanged."),
                   display, version, DL_STORE_SCHEMA_VERSION);
      rc = SQLITE_ERROR;
      goto out;
    }

  if (info->size > sync_check_limit && info->wal && version == DL_STORE_SCHEMA_VERSION)
    {
      *deferred = TRUE;
      goto out;
    }

  rc = run_integrity_check (db, &detail);
  if (rc != SQLITE_OK)
    dl_store_set_open_error (error, rc, path, detail);

out:
  sqlite3_close (db);

  return rc == SQLITE_OK;
}

/* The background check -------------------------------------------------
 *
 * Shared between the store and the worker thread, which may outlive the
 * store: the store interrupts it when finalized. */

static Check *
check_ref (Check *check)
{
  g_atomic_ref_count_inc (&check->ref_count);

  return check;
}

void
dl_store_check_unref (Check *check)
{
  if (!g_atomic_ref_count_dec (&check->ref_count))
    return;

  g_mutex_clear (&check->mutex);
  g_cond_clear (&check->cond);
  g_weak_ref_clear (&check->store);
  g_main_context_unref (check->context);
  g_free (check->path);
  g_free (check->detail);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, dl_store_check_unref)

static gboolean
report_check_cb (gpointer data)
{
  Check *check = data;
  g_autoptr(DlStore) self = g_weak_ref_get (&check->store);
  CheckState state;

  if (self == NULL)
    return G_SOURCE_REMOVE;

  g_mutex_lock (&check->mutex);
  state = check->state;
  g_mutex_unlock (&check->mutex);

  if (state == CHECK_DAMAGED)
    {
      g_autoptr(GError) error = NULL;

      dl_store_set_open_error (&error, SQLITE_CORRUPT, check->path, check->detail);
      g_signal_emit_by_name (self, "damaged", error);
    }
  else if (state == CHECK_PASSED)
    {
      g_object_notify (G_OBJECT (self), "verified");
    }

  return G_SOURCE_REMOVE;
}

/* How long the check may stand aside for tree reads in all, so that
 * reads one after another cannot hold it off (writes wait for it). */
#define CHECK_YIELD_MAX_US (10 * G_TIME_SPAN_SECOND)
/* How long after the file opened the check waits for the window's first
 * tree read to begin. */
#define CHECK_FIRST_READ_US (G_TIME_SPAN_SECOND)
/* SQLite's steps between two looks at whether a tree is being read.
 * (SQLite 3.40 looks at none while it walks the file's pages, the first
 * third of the check: that part cannot stand aside once begun.) */
#define CHECK_YIELD_STEPS  10000

typedef struct
{
  Check  *check;
  gint64  yielded;   /* µs stood aside so far */
} Yield;

/* Before the check and as it goes (its progress handler): while a tree
 * is being read (a person waits for it) the check stands aside, in
 * slices, to notice a close or a write waiting for it.  Non-zero to
 * stop. */
static int
check_yield_cb (gpointer data)
{
  Yield *yield = data;
  Check *check = yield->check;

  while (yield->yielded < CHECK_YIELD_MAX_US)
    {
      gint64 start;
      gboolean stop, hurry, none;

      /* looked at before each wait: the handler is called again and
       * again, and a write waiting must not wait a slice each time */
      g_mutex_lock (&check->mutex);
      stop = check->abandoned || check->superseded;
      hurry = check->writer_waiting;
      g_mutex_unlock (&check->mutex);
      if (stop)
        return 1;
      if (hurry)
        break;
      start = g_get_monotonic_time ();
      none = dl_store_wait_for_tree_reads (check->reads_begun, check->started + CHECK_FIRST_READ_US,
                                           start + 50 * G_TIME_SPAN_MILLISECOND);
      yield->yielded += g_get_monotonic_time () - start;
      if (none)
        break;
    }
  return 0;
}

static gpointer
check_thread (gpointer data)
{
  g_autoptr(Check) check = data;
  g_autofree char *detail = NULL;
  Yield yield = { check, 0 };
  GSource *source;
  sqlite3 *db = NULL;
  int rc;

#ifdef __linux__
  /* Seconds of reading that must not slow what the user waits for (the
   * tree loading on the main thread): on Linux a thread has its own
   * nice value. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 19);
#endif

  g_mutex_lock (&hold_mutex);
  while (hold_checks)
    g_cond_wait (&hold_cond, &hold_mutex);
  g_mutex_unlock (&hold_mutex);

  /* the file's first tree read, as the window opens, goes first; the
   * check stands aside for later ones as it goes */
  rc = check_yield_cb (&yield) != 0 ? SQLITE_INTERRUPT : dl_store_open_for_reading (check->path, &db);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

      g_mutex_lock (&check->mutex);
      check->db = db;
      if (check->abandoned || check->superseded)
        sqlite3_interrupt (db);
      g_mutex_unlock (&check->mutex);

      sqlite3_progress_handler (db, CHECK_YIELD_STEPS, check_yield_cb, &yield);
      rc = run_integrity_check (db, &detail);
      sqlite3_progress_handler (db, 0, NULL, NULL);

      g_mutex_lock (&check->mutex);
      check->db = NULL;
      g_mutex_unlock (&check->mutex);
    }
  sqlite3_close (db);

  g_mutex_lock (&check->mutex);
  /* Only proven damage stops writes: a check that could not run (busy,
   * interrupted) leaves the file as trusted as the header checks did,
   * though not verified.  After a restore the verdict is the restore's. */
  if (check->superseded)
    ;
  else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
    check->state = CHECK_DAMAGED;
  else if (rc == SQLITE_OK)
    check->state = CHECK_PASSED;
  else
    check->state = CHECK_UNFINISHED;
  check->detail = g_steal_pointer (&detail);
  check->done = TRUE;
  g_cond_broadcast (&check->cond);
  g_mutex_unlock (&check->mutex);

  if (rc != SQLITE_OK && rc != SQLITE_CORRUPT)
    g_debug ("Background check of %s did not finish: %s", check->path, sqlite3_errstr (rc));

  /* Always through the store's context, never called from here:
   * g_main_context_invoke () would run it in this thread whenever the
   * main thread does not hold its context at that moment. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_check_cb, check_ref (check), (GDestroyNotify) dl_store_check_unref);
  g_source_set_static_name (source, "[dl-store] integrity check");
  g_source_attach (source, check->context);
  g_source_unref (source);

  return NULL;
}

void
dl_store_start_background_check (DlStore *self)
{
  Check *check = g_new0 (Check, 1);

  g_atomic_ref_count_init (&check->ref_count);
  g_mutex_init (&check->mutex);
  g_cond_init (&check->cond);
  check->state = CHECK_RUNNING;
  check->reads_begun = dl_store_get_tree_reads_begun ();
  check->started = g_get_monotonic_time ();
  check->path = g_strdup (self->path);
  check->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&check->store, self);

  self->check = check;
  g_thread_unref (g_thread_new ("dl-store-check", check_thread, check_ref (check)));
}

/* Writes wait for a running check: a file found damaged must not be
 * written to.  Only a large file's first write in its first seconds
 * can wait at all; with wait FALSE, only what is known already. */
static gboolean
check_writable (DlStore   *self,
                gboolean   wait,
                GError   **error)
{
  CheckState state;

  if (self->closed)
    return dl_store_set_closed_error (self, error);

  if (self->read_only_reason != NULL)
    {
      g_autofree char *display = g_filename_display_name (self->path);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_READ_ONLY,
                   _("The change was not saved: “%s” is open read-only (%s)."),
                   display, self->read_only_reason);
      return FALSE;
    }

  if (self->check == NULL)
    return TRUE;

  g_mutex_lock (&self->check->mutex);
  if (wait)
    {
      self->check->writer_waiting = self->check->state == CHECK_RUNNING;
      while (self->check->state == CHECK_RUNNING)
        g_cond_wait (&self->check->cond, &self->check->mutex);
    }
  state = self->check->state;
  g_mutex_unlock (&self->check->mutex);

  if (state == CHECK_DAMAGED)
    return dl_store_set_open_error (error, SQLITE_CORRUPT, self->path, self->check->detail);

  return TRUE;
}

/* For writers on connections of their own (the import); safe from a
 * worker thread. */
gboolean
dl_store_check_writable (DlStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return check_writable (self, TRUE, error);
}

gboolean
dl_store_check_may_write (DlStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return check_writable (self, FALSE, error);
}

/* TRUE when the file passed its integrity check (before opening, or in
 * the background for a large file). */
gboolean
dl_store_is_verified (DlStore *self)
{
  gboolean verified;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (self->check == NULL)
    return TRUE;

  g_mutex_lock (&self->check->mutex);
  verified = self->check->state == CHECK_PASSED;
  g_mutex_unlock (&self->check->mutex);

  return verified;
}

gboolean
dl_store_is_damaged (DlStore *self)
{
  gboolean damaged;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (self->check == NULL)
    return FALSE;

  g_mutex_lock (&self->check->mutex);
  damaged = self->check->state == CHECK_DAMAGED;
  g_mutex_unlock (&self->check->mutex);

  return damaged;
}

/* dl-store.c — opening, migrating and guarding the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entity calls live in dl-store-people.c, dl-store-pipeline.c and
 * dl-store-members.c; this file holds what they share: the connection,
 * transactions, the statement cache, the shared items and ::changed.
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
#include <math.h>
#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-items-private.h"
#include "dl-store-private.h"
#include "dl-store-search.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-resources.h"
#include "dl-store-testing.h"

/* Long enough for another Downline (or the sqlite3 shell) to finish a
 * write, short enough that a stuck lock ends in a message. */
#define BUSY_TIMEOUT_MS 5000

#define N_ENTITIES (DL_STORE_ENTITY_LETTERS + 1)

typedef struct
{
  DlStoreEntity entity;
  gint64        id;
  gboolean      contact_only;   /* PEOPLE: only the last contact moved */
} DlChange;

typedef struct _Check Check;

/* One shared item; the entry lives as long as the object. */
typedef struct
{
  gint64      id;
  GObject    *object;
  GHashTable *table;
} DlLiveEntry;

struct _DlStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  dev_t       dev;           /* the file, for dl_store_file_is_open () */
  ino_t       ino;
  char       *read_only_reason;  /* non-NULL when opened read-only */
  gboolean    closed;
  /* folds the log into the file a little after the last commit */
  GSource    *checkpoint_source;
  /* brings the search index up to date after changes, in slices */
  GSource    *search_source;
  gint64      search_batch;

  /* SQL text -> GPtrArray of statements; more than one only when the
   * same SQL is used while already being stepped. */
  GHashTable *statements;

  guint       depth;
  guint       read_depth;    /* dl_store_begin_read () levels open */
  gboolean    read_began;    /* the outermost of them began a transaction */
  GArray     *pending;       /* DlChange, flushed on the outermost commit */
  GArray     *marks;         /* pending->len at each open level */

  GHashTable *live[N_ENTITIES];

  /* The integrity check of a large file, running or done; NULL when the
   * file was checked before opening. */
  Check      *check;

  /* Counts the changes a downline tree can show (dl-store-tree.c
   * keeps the last tree read while it has not moved). */
  guint64     tree_generation;
  /* Counts contacts logged or taken back, which patch the kept tree
   * instead of moving tree_generation. */
  guint64     contact_generation;

  /* When the user started with Downline on this file, for the trees it
   * reads (dl_tree_set_started_on ()). */
  DlDay       started_on;

  /* Shared models: made on first request, dropped when unused. */
  GListModel *people;
  GListModel *stages;
  GListModel *members;
  GListModel *templates;
};

G_DEFINE_FINAL_TYPE (DlStore, dl_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (dl-store-error-quark, dl_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_VERIFIED,
  N_PROPS
};

enum {
  CHANGED,
  DAMAGED,
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];
static GQuark entity_quarks [N_ENTITIES];

typedef GObject *(*DlLoadFunc) (DlStore *self,
                                gint64   id);
typedef void     (*DlAssignFunc) (gpointer self,
                                  gpointer from);

static const struct
{
  DlLoadFunc   load;
  DlAssignFunc assign;
} entity_vtable [N_ENTITIES] = {
  [DL_STORE_ENTITY_PROFILE] = { (DlLoadFunc) dl_store_load_profile, (DlAssignFunc) dl_profile_assign },
  [DL_STORE_ENTITY_PEOPLE] = { (DlLoadFunc) dl_store_load_person, (DlAssignFunc) dl_person_assign },
  [DL_STORE_ENTITY_STAGES] = { (DlLoadFunc) dl_store_load_stage, (DlAssignFunc) dl_stage_assign },
  [DL_STORE_ENTITY_PROSPECTS] = { (DlLoadFunc) dl_store_load_prospect, (DlAssignFunc) dl_prospect_assign },
  [DL_STORE_ENTITY_MEMBERS] = { (DlLoadFunc) dl_store_load_member, (DlAssignFunc) dl_member_assign },
  [DL_STORE_ENTITY_INTERACTIONS] = { (DlLoadFunc) dl_store_load_interaction, (DlAssignFunc) dl_interaction_assign },
  [DL_STORE_ENTITY_TEMPLATES] = { (DlLoadFunc) dl_store_load_template, (DlAssignFunc) dl_template_assign },
  [DL_STORE_ENTITY_LETTERS] = { (DlLoadFunc) dl_store_load_letter, (DlAssignFunc) dl_letter_assign },
};

/* Migrations ---------------------------------------------------------- */

static gboolean
exec_db (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? DL_STORE_ERROR_BUSY : DL_STORE_ERROR_FAILED,
                   _("The database “%s” could not be updated: %s"),
                   sqlite3_db_filename (db, "main"),
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc_out != NULL)
    *rc_out = rc;

  return value;
}

static gboolean
insert_default_stages (sqlite3  *db,
                       GError  **error)
{
  /* Chances and stale-after days follow the field advice: early stages
   * go cold within a week, a prospect who saw the presentation needs a
   * call within days, "not now" waits for its revisit date. */
  const struct
  {
    const char *name;
    const char *kind;
    int         probability;
    int         stale_days;
  } stages[] = {
    { N_("New contact"), "open", 5, 7 },
    { N_("Contacted"), "open", 10, 7 },
    { N_("Interested"), "open", 25, 5 },
    { N_("Qualified"), "open", 40, 7 },
    { N_("Presented"), "open", 60, 3 },
    { N_("Joined"), "joined", 100, 30 },
    { N_("Not now"), "not-now", 5, 90 },
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO stage (name, position, kind, probability, stale_days) "
                           "VALUES (?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (stages); i++)
    {
      sqlite3_bind_text (stmt, 1, _(stages[i].name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, stages[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, stages[i].probability);
      sqlite3_bind_int (stmt, 5, stages[i].stale_days);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = sqlite3_reset (stmt);
    }

  if (rc != SQLITE_OK)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                 _("The default stages could not be written to “%s”: %s"),
                 sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

static gboolean
migrate_to_1 (sqlite3  *db,
              GError  **error)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *application_id = NULL;

  schema = g_resource_lookup_data (dl_store_get_resource (),
                                   "/io/github/downline/Downline/store/sql/schema-1.sql",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;

  /* The resource is not guaranteed to be nul-terminated as a string we
   * may hand to sqlite3_exec. */
  sql = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  application_id = g_strdup_printf ("PRAGMA application_id = %d", DL_STORE_APPLICATION_ID);

  return exec_db (db, sql, error)
         && exec_db (db, application_id, error)
         && insert_default_stages (db, error);
}

typedef gboolean (*DlMigrateFunc) (sqlite3  *db,
                                   GError  **error);

/* migrations[i] takes a file from version i to i + 1.  A new schema
 * version appends a step here and never edits an old one. */
static const DlMigrateFunc migrations[] = {
  migrate_to_1,
  dl_store_migrate_to_2,     /* dl-store-pipeline.c: stage history */
  dl_store_migrate_to_3,     /* dl-store-periods.c: monthly figures and events */
  dl_store_migrate_to_4,     /* dl-store-risk.c: the dropout-risk model */
  dl_store_migrate_to_5,     /* dl-store-search.c: the search index */
  dl_store_migrate_to_6,     /* dl-store-periods.c: the latest month's figures for the tree */
  dl_store_migrate_to_7,     /* dl-store-periods.c: the months kept in key order (WITHOUT ROWID) */
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DL_STORE_SCHEMA_VERSION);

gboolean
dl_store_migrate_db (sqlite3  *db,
                     int       target,
                     GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target >= 0 && target <= DL_STORE_SCHEMA_VERSION, FALSE);

  /* The common case, a current file, takes no write lock. */
  {
    int rc;
    int version = query_int (db, "PRAGMA user_version", &rc);

    if (rc == SQLITE_OK && version >= target)
      return TRUE;
  }

  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version;
      int rc;

      /* IMMEDIATE, and user_version read inside: when two windows or
       * processes open an old file at once, one migrates and the other
       * then sees the new version and does nothing. */
      if (!exec_db (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      version = query_int (db, "PRAGMA user_version", &rc);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                       _("The version of “%s” could not be read: %s"),
                       sqlite3_db_filename (db, "main"), sqlite3_errstr (rc));
          exec_db (db, "ROLLBACK", NULL);
          return FALSE;
        }

      if (version >= target)
        return exec_db (db, "COMMIT", error);

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!migrations[version] (db, error)
          || !exec_db (db, set_version, error)
          || !exec_db (db, "COMMIT", error))
        {
          if (!sqlite3_get_autocommit (db))
            exec_db (db, "ROLLBACK", NULL);
          return FALSE;
        }

      g_debug ("Migrated %s to schema version %d", sqlite3_db_filename (db, "main"), version + 1);
    }
}

/* Opening ------------------------------------------------------------- */

static gboolean set_io_error (GError     **error,
                              int          errsv,
                              const char  *format,
                              ...) G_GNUC_PRINTF (3, 4);

/* format names the file or folder; the system's reason is appended. */
static gboolean
set_io_error (GError     **error,
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

static gboolean
set_not_regular_error (GError          **error,
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
static gboolean
prepare_directory (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (dir);
  GStatBuf st;

  if (g_stat (dir, &st) != 0)
    {
      if (errno != ENOENT)
        return set_io_error (error, errno, _("The folder “%s” cannot be used"), display);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        return set_io_error (error, errno, _("The folder “%s” could not be created"), display);

      /* mkdir honours the umask; the mode must not depend on it. */
      if (g_chmod (dir, 0700) != 0)
        return set_io_error (error, errno, _("The folder “%s” could not be made private"), display);

      return TRUE;
    }

  if (!S_ISDIR (st.st_mode))
    return set_io_error (error, ENOTDIR, _("The folder “%s” cannot be used"), display);

  /* SQLite writes its -wal and -shm files next to the database. */
  if (access (dir, W_OK | X_OK) != 0)
    return set_io_error (error, errno, _("The folder “%s” is not writable"), display);

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

      return set_io_error (error, errno, _("The file “%s” could not be created"), display);
    }

  if (fchmod (fd, 0600) != 0)
    {
      int errsv = errno;

      close (fd);
      g_unlink (path);
      return set_io_error (error, errsv, _("The file “%s” could not be made private"), display);
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
    return set_io_error (error, errno, _("The file “%s” cannot be read"), display);
  if (!S_ISREG (st.st_mode))
    return set_not_regular_error (error, path, &st);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return set_io_error (error, errno, _("The file “%s” cannot be read"), display);

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return set_not_regular_error (error, path, &st);
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
static gboolean
check_header (const char           *path,
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

static gboolean
set_open_error (GError     **error,
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

static gboolean
set_closed_error (DlStore  *self,
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
static int
open_for_reading (const char  *path,
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
 * start_background_check (). */
static goffset sync_check_limit = 8 * 1024 * 1024;

void
dl_store_set_sync_check_limit (goffset bytes)
{
  sync_check_limit = bytes;
}

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
static gboolean
validate_read_only (const char           *path,
                    const DlStoreHeader  *info,
                    gboolean             *deferred,
                    GError              **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *detail = NULL;
  sqlite3 *db = NULL;
  int application_id;
  int version;
  int n_objects;
  int rc;

  *deferred = FALSE;

  rc = open_for_reading (path, &db);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, rc, path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* one read transaction: three separate reads could straddle another
   * opener's first migration and see its tables without its mark */
  rc = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    application_id = query_int (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    version = query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    n_objects = query_int (db, "SELECT count(*) FROM sqlite_schema", &rc);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_open_error (error, rc, path, sqlite3_errmsg (db));
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
    set_open_error (error, rc, path, detail);

out:
  sqlite3_close (db);

  return rc == SQLITE_OK;
}

/* The background check -------------------------------------------------
 *
 * Shared between the store and the worker thread, which may outlive the
 * store: the store interrupts it when finalized. */

typedef enum
{
  CHECK_RUNNING,
  CHECK_PASSED,
  CHECK_DAMAGED,
  CHECK_UNFINISHED,   /* could not run to the end (busy, interrupted) */
} CheckState;

struct _Check
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GCond            cond;
  CheckState       state;
  char            *path;
  char            *detail;
  sqlite3         *db;         /* while the check runs */
  gboolean         abandoned;
  gboolean         superseded;  /* a restore put checked content in */
  gboolean         done;        /* the thread's connection is closed */
  GWeakRef         store;
  GMainContext    *context;
};

static Check *
check_ref (Check *check)
{
  g_atomic_ref_count_inc (&check->ref_count);

  return check;
}

static void
check_unref (Check *check)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Check, check_unref)

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

      set_open_error (&error, SQLITE_CORRUPT, check->path, check->detail);
      g_signal_emit (self, signals[DAMAGED], 0, error);
    }
  else if (state == CHECK_PASSED)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED]);
    }

  return G_SOURCE_REMOVE;
}

static gpointer
check_thread (gpointer data)
{
  g_autoptr(Check) check = data;
  g_autofree char *detail = NULL;
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

  rc = open_for_reading (check->path, &db);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

      g_mutex_lock (&check->mutex);
      check->db = db;
      if (check->abandoned || check->superseded)
        sqlite3_interrupt (db);
      g_mutex_unlock (&check->mutex);

      rc = run_integrity_check (db, &detail);

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
  g_source_set_callback (source, report_check_cb, check_ref (check), (GDestroyNotify) check_unref);
  g_source_set_static_name (source, "[dl-store] integrity check");
  g_source_attach (source, check->context);
  g_source_unref (source);

  return NULL;
}

static void
start_background_check (DlStore *self)
{
  Check *check = g_new0 (Check, 1);

  g_atomic_ref_count_init (&check->ref_count);
  g_mutex_init (&check->mutex);
  g_cond_init (&check->cond);
  check->state = CHECK_RUNNING;
  check->path = g_strdup (self->path);
  check->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&check->store, self);

  self->check = check;
  g_thread_unref (g_thread_new ("dl-store-check", check_thread, check_ref (check)));
}

/* Writes wait for a running check: a file found damaged must not be
 * written to.  Only a large file's first write in its first seconds
 * can wait at all. */
static gboolean
check_writable (DlStore  *self,
                GError  **error)
{
  CheckState state;

  if (self->closed)
    return set_closed_error (self, error);

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
  while (self->check->state == CHECK_RUNNING)
    g_cond_wait (&self->check->cond, &self->check->mutex);
  state = self->check->state;
  g_mutex_unlock (&self->check->mutex);

  if (state == CHECK_DAMAGED)
    return set_open_error (error, SQLITE_CORRUPT, self->path, self->check->detail);

  return TRUE;
}

/* For writers on connections of their own (the import); safe from a
 * worker thread. */
gboolean
dl_store_check_writable (DlStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return check_writable (self, error);
}

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
      set_open_error (error, rc, self->path,
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
    return set_open_error (error, rc, self->path, sqlite3_errmsg (self->db));

  return exec_db (self->db,
                  "PRAGMA synchronous = NORMAL;"
                  "PRAGMA foreign_keys = ON;"
                  "PRAGMA trusted_schema = OFF;",
                  error);
}

/* Shared items ------------------------------------------------------- */

static void
live_entry_free (gpointer data)
{
  g_free (data);
}

static void
on_live_item_finalized (gpointer  data,
                        GObject  *where_the_object_was)
{
  DlLiveEntry *entry = data;

  g_hash_table_remove (entry->table, &entry->id);
}

static void
forget_live (DlLiveEntry *entry)
{
  g_object_weak_unref (entry->object, on_live_item_finalized, entry);
  g_hash_table_remove (entry->table, &entry->id);
}

gpointer
dl_store_get_item (DlStore       *self,
                   DlStoreEntity  entity,
                   gint64         id)
{
  DlLiveEntry *entry;
  GObject *object;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < N_ENTITIES, NULL);

  entry = g_hash_table_lookup (self->live[entity], &id);
  if (entry != NULL)
    return g_object_ref (entry->object);

  object = entity_vtable[entity].load (self, id);
  if (object == NULL)
    return NULL;

  entry = g_new0 (DlLiveEntry, 1);
  entry->id = id;
  entry->object = object;
  entry->table = self->live[entity];
  g_hash_table_insert (entry->table, &entry->id, entry);
  g_object_weak_ref (object, on_live_item_finalized, entry);

  return object;
}

gpointer
dl_store_peek_item (DlStore       *self,
                    DlStoreEntity  entity,
                    gint64         id)
{
  DlLiveEntry *entry;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < N_ENTITIES, NULL);

  entry = g_hash_table_lookup (self->live[entity], &id);

  return entry ? entry->object : NULL;
}

static void
refresh_live (DlStore       *self,
              DlStoreEntity  entity,
              gint64         id)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  DlLiveEntry *entry;

  if (id != 0)
    {
      entry = g_hash_table_lookup (self->live[entity], &id);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  else
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, self->live[entity]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GObject) fresh = NULL;
      g_autoptr(GObject) object = NULL;

      entry = g_ptr_array_index (entries, i);
      object = g_object_ref (entry->object);
      fresh = entity_vtable[entity].load (self, entry->id);

      /* A deleted row's object stays valid for whoever holds it, but a
       * new row reusing the id must get an object of its own. */
      if (fresh == NULL)
        forget_live (entry);
      else
        entity_vtable[entity].assign (object, fresh);
    }
}

void
dl_store_reload_item (DlStore       *self,
                      DlStoreEntity  entity,
                      gint64         id)
{
  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (entity < N_ENTITIES);

  if (id != 0)
    refresh_live (self, entity, id);
}

/* Changes ------------------------------------------------------------- */

static void schedule_checkpoint (DlStore *self);
static void schedule_search_index (DlStore *self);

static void
flush_changes (DlStore *self)
{
  g_autoptr(GArray) changes = NULL;
  GHashTable *seen[N_ENTITIES] = { NULL, };
  gboolean all[N_ENTITIES] = { FALSE, };
  gint64 single[N_ENTITIES] = { 0, };

  if (self->pending->len == 0)
    return;

  schedule_checkpoint (self);
  schedule_search_index (self);

  /* Handlers may write again; they get a fresh queue. */
  changes = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (DlChange));

  /* the kept tree catches up first: no handler may see the old contact */
  for (guint i = 0; i < changes->len; i++)
    {
      const DlChange *change = &g_array_index (changes, DlChange, i);

      if (change->contact_only)
        dl_store_patch_kept_tree_contact (self, change->id);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const DlChange *change = &g_array_index (changes, DlChange, i);

      if (change->id == 0)
        all[change->entity] = TRUE;
      if (seen[change->entity] == NULL)
        seen[change->entity] = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_hash_table_add (seen[change->entity], (gpointer) &change->id);
    }

  /* Items first, so a handler of ::changed already sees fresh items. */
  for (guint e = 0; e < N_ENTITIES; e++)
    {
      GHashTableIter iter;
      gint64 *id;

      if (seen[e] == NULL)
        continue;

      if (all[e])
        {
          refresh_live (self, e, 0);
          continue;
        }

      g_hash_table_iter_init (&iter, seen[e]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        {
          refresh_live (self, e, *id);
          single[e] = *id;
          /* the profile shows the user's member number: an edit of the
           * user's member row is the profile's too */
          if (e == DL_STORE_ENTITY_MEMBERS && g_hash_table_size (self->live[DL_STORE_ENTITY_PROFILE]) > 0
              && *id == dl_store_get_user_id (self))
            refresh_live (self, DL_STORE_ENTITY_PROFILE, 1);
        }
    }

  /* One signal per kind and commit: several rows of a kind read as
   * "many" (id 0), which is what a model reloading its list needs. */
  for (guint e = 0; e < N_ENTITIES; e++)
    {
      if (seen[e] == NULL)
        continue;

      if (all[e] || g_hash_table_size (seen[e]) > 1)
        single[e] = 0;

      g_signal_emit (self, signals[CHANGED], entity_quarks[e], (DlStoreEntity) e, single[e]);
    }

  for (guint e = 0; e < N_ENTITIES; e++)
    g_clear_pointer (&seen[e], g_hash_table_unref);
}

void
dl_store_emit_restored (DlStore *self)
{
  g_return_if_fail (DL_IS_STORE (self));

  /* The file is the backup now, checked whole before it was copied in:
   * the verdict on what was there (damaged, or still being reached)
   * no longer holds, and writes may go on. */
  if (self->check != NULL)
    {
      CheckState was;

      g_mutex_lock (&self->check->mutex);
      self->check->superseded = TRUE;
      if (self->check->db != NULL)
        sqlite3_interrupt (self->check->db);
      was = self->check->state;
      self->check->state = CHECK_PASSED;
      g_cond_broadcast (&self->check->cond);
      g_mutex_unlock (&self->check->mutex);
      if (was != CHECK_PASSED)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED]);
    }

  self->tree_generation++;
  g_signal_emit (self, signals[RESTORED], 0);
  for (int e = 0; e < N_ENTITIES; e++)
    dl_store_emit_changed (self, (DlStoreEntity) e, 0);
}

void
dl_store_set_started_on (DlStore *self,
                         DlDay    day)
{
  g_return_if_fail (DL_IS_STORE (self));

  if (self->started_on == day)
    return;
  self->started_on = day;
  /* the kept tree was read with the day before */
  self->tree_generation++;
  dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, 0);
}

DlDay
dl_store_get_started_on (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), DL_DAY_NONE);

  return self->started_on;
}

guint64
dl_store_get_contact_generation (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), 0);

  return self->contact_generation;
}

guint64
dl_store_get_tree_generation (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), 0);

  return self->tree_generation;
}

void
dl_store_emit_contact_changed (DlStore *self,
                               gint64   person_id)
{
  DlChange change = { DL_STORE_ENTITY_PEOPLE, person_id, TRUE };

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (person_id != 0);

  self->contact_generation++;
  g_array_append_val (self->pending, change);
  if (self->depth == 0)
    flush_changes (self);
}

void
dl_store_emit_changed (DlStore       *self,
                       DlStoreEntity  entity,
                       gint64         id)
{
  DlChange change = { entity, id, FALSE };

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (entity < N_ENTITIES);

  /* before any handler runs, so none of them is handed the old tree */
  if (entity == DL_STORE_ENTITY_MEMBERS || entity == DL_STORE_ENTITY_PEOPLE ||
      entity == DL_STORE_ENTITY_PROFILE)
    self->tree_generation++;

  g_array_append_val (self->pending, change);

  if (self->depth == 0)
    flush_changes (self);
}

/* Transactions -------------------------------------------------------- */

gboolean
dl_store_begin (DlStore  *self,
                GError  **error)
{
  g_autofree char *savepoint = NULL;
  guint mark;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!check_writable (self, error) || !dl_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT dl_%u", self->depth);
      if (!dl_store_exec (self, savepoint, error))
        return FALSE;
    }

  mark = self->pending->len;
  g_array_append_val (self->marks, mark);
  self->depth++;

  return TRUE;
}

gboolean
dl_store_commit (DlStore  *self,
                 GError  **error)
{
  g_autofree char *release = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      release = g_strdup_printf ("RELEASE dl_%u", self->depth - 1);
      if (!dl_store_exec (self, release, error))
        {
          dl_store_rollback (self);
          return FALSE;
        }
      self->depth--;
      g_array_set_size (self->marks, self->depth);
      return TRUE;
    }

  if (!dl_store_exec (self, "COMMIT", error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  self->depth = 0;
  g_array_set_size (self->marks, 0);
  flush_changes (self);

  return TRUE;
}

void
dl_store_rollback (DlStore *self)
{
  guint mark;

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  mark = g_array_index (self->marks, guint, self->depth);
  g_array_set_size (self->marks, self->depth);
  g_array_set_size (self->pending, mark);

  /* Some errors (disk full, I/O) already ended the whole transaction. */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (self->depth == 0)
    {
      dl_store_exec (self, "ROLLBACK", NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO dl_%u; RELEASE dl_%u",
                                              self->depth, self->depth);

      dl_store_exec (self, sql, NULL);
    }
}

gboolean
dl_store_run_in_transaction (DlStore          *self,
                             DlStoreWriteFunc  func,
                             gpointer          data,
                             GError          **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (!dl_store_begin (self, error))
    return FALSE;

  if (!func (self, data, error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  return dl_store_commit (self, error);
}

gboolean
dl_store_update_row (DlStore          *self,
                     DlStoreWriteFunc  func,
                     gpointer          draft,
                     DlStoreEntity     entity,
                     gint64            id,
                     GError          **error)
{
  if (dl_store_run_in_transaction (self, func, draft, error))
    return TRUE;

  dl_store_reload_item (self, entity, id);
  return FALSE;
}

void
dl_store_begin_read (DlStore *self)
{
  g_return_if_fail (DL_IS_STORE (self));

  if (self->read_depth++ > 0)
    return;
  /* inside a write transaction the reads are in it already; a failed
   * BEGIN only costs them their one snapshot */
  self->read_began = self->depth == 0 && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void
dl_store_end_read (DlStore *self)
{
  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_began)
    return;
  self->read_began = FALSE;
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

gboolean
dl_store_in_transaction (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return self->depth > 0;
}

/* Statements ---------------------------------------------------------- */

static void
statements_free (gpointer data)
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
      set_closed_error (self, error);
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
    return set_closed_error (self, error);

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

/* GObject ------------------------------------------------------------- */

static void
dl_store_dispose (GObject *object)
{
  DlStore *self = (DlStore *)object;

  for (guint e = 0; e < N_ENTITIES; e++)
    {
      GHashTableIter iter;
      DlLiveEntry *entry;

      if (self->live[e] == NULL)
        continue;

      g_hash_table_iter_init (&iter, self->live[e]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        {
          g_object_weak_unref (entry->object, on_live_item_finalized, entry);
          g_hash_table_iter_remove (&iter);
        }
    }

  G_OBJECT_CLASS (dl_store_parent_class)->dispose (object);
}

static void
dl_store_finalize (GObject *object)
{
  DlStore *self = (DlStore *)object;

  if (self->depth > 0)
    g_critical ("DlStore finalized inside a transaction; it is rolled back");

  dl_store_close (self);
  g_clear_pointer (&self->check, check_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  for (guint e = 0; e < N_ENTITIES; e++)
    g_clear_pointer (&self->live[e], g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (dl_store_parent_class)->finalize (object);
}

static void
dl_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlStore *self = DL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_VERIFIED:
      g_value_set_boolean (value, dl_store_is_verified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_store_class_init (DlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GEnumClass *entities = g_type_class_ref (DL_TYPE_STORE_ENTITY);

  object_class->dispose = dl_store_dispose;
  object_class->finalize = dl_store_finalize;
  object_class->get_property = dl_store_get_property;

  /* The database file. */
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* FALSE while the integrity check of a large file still runs, or when
   * it found damage; see ::damaged. */
  properties [PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlStore::damaged:
   * @error: what is wrong, naming the file
   *
   * The integrity check of a large file, which runs after opening, found
   * damage.  The file has not been written to and every write now fails
   * with %DL_STORE_ERROR_DAMAGED; the app should say so and close it.
   */
  signals [DAMAGED] =
    g_signal_new ("damaged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * DlStore::restored:
   *
   * A backup has replaced everything in the open file.  Emitted before
   * the ::changed signals that follow, so that whoever keeps state about
   * the old contents (orders, undo steps) can drop it first.
   */
  signals [RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * DlStore::changed:
   * @entity: the kind of row that changed
   * @id: the row's id, or 0 when several rows of that kind changed
   *
   * Emitted after a commit, once per kind of row; the detail is the
   * kind's nick, so a model connects to "changed::prospects".  Shared
   * items are already refreshed when it runs.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DL_TYPE_STORE_ENTITY, G_TYPE_INT64);

  for (guint e = 0; e < N_ENTITIES; e++)
    entity_quarks[e] = g_quark_from_static_string (g_enum_get_value (entities, e)->value_nick);
  g_type_class_unref (entities);
}

static void
dl_store_init (DlStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, statements_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (DlChange));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->started_on = DL_DAY_NONE;

  for (guint e = 0; e < N_ENTITIES; e++)
    self->live[e] = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, live_entry_free);
}

/* Public API ---------------------------------------------------------- */

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
          set_not_regular_error (error, path, &st);
          return NULL;
        }
      real = realpath (path, NULL);
      if (real == NULL)
        set_io_error (error, errno, _("The file “%s” cannot be used"), display);
      return real;
    }

  if (errno != ENOENT)
    {
      set_io_error (error, errno, _("The file “%s” cannot be used"), display);
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

  if (!prepare_directory (path, error))
    return NULL;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    {
      g_autofree char *dir_display = g_filename_display_name (dir);

      set_io_error (error, errno, _("The folder “%s” cannot be used"), dir_display);
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

  rc = open_for_reading (self->path, &self->db);
  if (rc != SQLITE_OK)
    return set_open_error (error, rc, self->path,
                           self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  version = query_int (self->db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return set_open_error (error, rc, self->path, sqlite3_errmsg (self->db));
  if (version < DL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_READ_ONLY,
                   _("“%s” was saved by an older Downline and must be brought up to date "
                     "before it can be opened, but %s. It was left unchanged."),
                   display, self->read_only_reason);
      return FALSE;
    }

  return exec_db (self->db,
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

  if (query_int (self->db, "PRAGMA application_id", &rc) != DL_STORE_BACKUP_ID || rc != SQLITE_OK)
    return TRUE;

  sql = g_strdup_printf ("PRAGMA application_id = %d", DL_STORE_APPLICATION_ID);
  return exec_db (self->db, sql, error);
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

  if (!info.empty && !check_header (path, &info, error))
    return NULL;

  side_files_note (path, &before);
  if (!info.empty && !validate_read_only (path, &info, &deferred, error))
    {
      side_files_restore (path, &before);
      return NULL;
    }

  self = g_object_new (DL_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (g_stat (path, &st) != 0)
    {
      g_autofree char *display = g_filename_display_name (path);

      set_io_error (error, errno, _("The file “%s” cannot be used"), display);
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
    start_background_check (self);
  /* people marked by another process (an import on the command line) */
  schedule_search_index (self);

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
dl_store_is_read_only (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return self->read_only_reason != NULL;
}

const char *
dl_store_get_read_only_reason (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return self->read_only_reason;
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

static void
schedule_checkpoint (DlStore *self)
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

/* The search index (dl-store-search.c) after changes: a second after the
 * last one, then a slice of about SEARCH_SLICE_MS every
 * SEARCH_INTERVAL_MS until it is whole.  Timeouts rather than an idle
 * source, so the main loop is idle between slices, and the slice's size
 * follows how long the last one took. */
#define SEARCH_DELAY_MS     1000
#define SEARCH_INTERVAL_MS  25
#define SEARCH_SLICE_MS     8

static void schedule_search_slice (DlStore *self,
                                   guint    delay_ms);

static gboolean
search_index_cb (gpointer data)
{
  DlStore *self = data;
  g_autoptr(GError) error = NULL;
  gint64 started, took;

  g_clear_pointer (&self->search_source, g_source_unref);
  if (self->db == NULL)
    return G_SOURCE_REMOVE;
  /* a transaction of the caller's is open (an import between its
   * slices), or the background check still runs (a write would wait for
   * it on the main thread): come back later */
  if (self->depth > 0 || self->read_depth > 0 || !dl_store_is_verified (self))
    {
      schedule_search_slice (self, SEARCH_DELAY_MS);
      return G_SOURCE_REMOVE;
    }

  started = g_get_monotonic_time ();
  if (!dl_store_search_catch_up (self, self->search_batch, &error))
    {
      g_debug ("%s", error->message);
      return G_SOURCE_REMOVE;
    }
  took = g_get_monotonic_time () - started;
  /* not a count of all that wait: after a large import that would cost
   * as much as the slice itself */
  if (!dl_store_search_waiting (self))
    return G_SOURCE_REMOVE;

  /* aim the next slice at SEARCH_SLICE_MS, between 16 and 20,000 people */
  self->search_batch = CLAMP (self->search_batch * SEARCH_SLICE_MS * 1000 / MAX (took, 1), 16, 20000);
  schedule_search_slice (self, SEARCH_INTERVAL_MS);
  return G_SOURCE_REMOVE;
}

static void
schedule_search_slice (DlStore *self,
                       guint    delay_ms)
{
  GSource *source;

  if (self->search_source != NULL || self->db == NULL || self->read_only_reason != NULL)
    return;

  source = g_timeout_source_new (delay_ms);
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, search_index_cb, self, NULL);
  g_source_set_static_name (source, "[dl-store] search index");
  g_source_attach (source, NULL);
  self->search_source = source;
  if (self->search_batch == 0)
    self->search_batch = 256;
}

static void
schedule_search_index (DlStore *self)
{
  schedule_search_slice (self, SEARCH_DELAY_MS);
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
   * is whole even if another program keeps the log alive */
  if (self->read_only_reason == NULL)
    {
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

const char *
dl_store_get_path (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
dl_store_get_handle (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return self->db;
}

gboolean
dl_store_is_empty (DlStore *self)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  stmt = dl_store_prepare (self,
                           "SELECT NOT EXISTS (SELECT 1 FROM profile) "
                           "AND NOT EXISTS (SELECT 1 FROM person)",
                           NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

gboolean
dl_store_has_business (DlStore *self)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  stmt = dl_store_prepare (self,
                           "SELECT EXISTS (SELECT 1 FROM person "
                           "WHERE id IS NOT (SELECT person_id FROM profile))",
                           NULL);

  return stmt == NULL || (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0));
}

/* Shared models are kept only while someone uses them. */
static GListModel *
shared_model (GListModel **slot,
              GListModel  *(*create) (DlStore *self),
              DlStore      *self)
{
  GListModel *model;

  if (*slot != NULL)
    return g_object_ref (*slot);

  model = create (self);
  g_set_weak_pointer (slot, model);

  return model;
}

GListModel *
dl_store_get_people (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->people, dl_store_create_people, self);
}

GListModel *
dl_store_get_stages (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->stages, dl_store_create_stages, self);
}

GListModel *
dl_store_get_members (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->members, dl_store_create_members, self);
}

GListModel *
dl_store_get_templates (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->templates, dl_store_create_templates, self);
}

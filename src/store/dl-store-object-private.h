/* dl-store-object-private.h — the DlStore object's own fields, for the
 * files that make it up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * struct _DlStore and what its files share: dl-store.c (the object,
 * shared items, ::changed, transactions), dl-store-open.c (opening,
 * checkpointing and closing the file), dl-store-check.c (a file judged
 * before it opens, and its background integrity check),
 * dl-store-statements.c (the statement cache and column helpers) and
 * dl-store-migrate.c (the schema's migrations).  Not included anywhere
 * else: the entity files go through dl-store-private.h.
 */

#pragma once

#include <sys/types.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "dl-store-private.h"

G_BEGIN_DECLS

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
  gboolean         writer_waiting;  /* a write waits for the check: it stands aside no more */
  guint            reads_begun;     /* dl_store_get_tree_reads_begun () when it was started */
  gint64           started;         /* monotonic */
  GWeakRef         store;
  GMainContext    *context;
};

/* dl-store-migrate.c: runs sql on db; FALSE with error set (BUSY when
 * another program holds the file). */
gboolean dl_store_exec_db                (sqlite3     *db,
                                          const char  *sql,
                                          GError     **error);
/* dl-store-migrate.c: the first column of the first row of sql on db, 0
 * when none; *rc_out (may be NULL) receives SQLite's result code. */
int      dl_store_query_int              (sqlite3    *db,
                                          const char *sql,
                                          int        *rc_out);
/* dl-store-check.c: an IO error naming the file or folder (format), with
 * the system's reason (errsv) appended.  Returns FALSE. */
gboolean dl_store_set_io_error           (GError     **error,
                                          int          errsv,
                                          const char  *format,
                                          ...) G_GNUC_PRINTF (3, 4);
/* dl-store-check.c: the error for a path that is a folder, FIFO or
 * device (st).  Returns FALSE. */
gboolean dl_store_set_not_regular_error  (GError          **error,
                                          const char       *path,
                                          const GStatBuf   *st);
/* dl-store-check.c: makes the folder of path (owner-only) when it is
 * missing. */
gboolean dl_store_prepare_directory      (const char  *path,
                                          GError     **error);
/* dl-store-check.c: refuses a file whose header (info) says it is not a
 * Downline file or a newer Downline's. */
gboolean dl_store_check_header           (const char           *path,
                                          const DlStoreHeader  *info,
                                          GError              **error);
/* dl-store-check.c: the error for a file SQLite refused to open (rc),
 * with detail.  Returns FALSE. */
gboolean dl_store_set_open_error         (GError     **error,
                                          int          rc,
                                          const char  *path,
                                          const char  *detail);
/* dl-store-check.c: DL_STORE_ERROR_CLOSED, naming the file.  Returns
 * FALSE. */
gboolean dl_store_set_closed_error       (DlStore  *self,
                                          GError  **error);
/* dl-store-check.c: a read-only connection to path into *db (read as
 * immutable where nobody can be writing it); SQLite's result code. */
int      dl_store_open_for_reading       (const char  *path,
                                          sqlite3    **db);
/* dl-store-check.c: everything that could make the store refuse path,
 * checked over a read-only connection; *deferred set when the integrity
 * check is left to a worker thread. */
gboolean dl_store_validate_read_only     (const char           *path,
                                          const DlStoreHeader  *info,
                                          gboolean             *deferred,
                                          GError              **error);
/* dl-store-check.c: starts the integrity check of a large file in a
 * worker thread (self->check). */
void     dl_store_start_background_check (DlStore *self);
/* dl-store-check.c: drops a reference to a background check. */
void     dl_store_check_unref            (Check *check);
/* dl-store-statements.c: frees a GPtrArray of cached statements (the
 * statement table's values). */
void     dl_store_statements_free        (gpointer data);
/* dl-store-open.c: folds the log into the file a little after the last
 * commit. */
void     dl_store_schedule_checkpoint    (DlStore *self);
/* dl-store.c: brings the search index up to date a little after changes,
 * in slices. */
void     dl_store_schedule_search_index  (DlStore *self);

G_END_DECLS

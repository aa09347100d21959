/* dl-store-private.h — what the store's own parts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For code inside src/store/ only (the sample-data writer, the list
 * models, the tests).  Views never include this: they get items and
 * models from dl-store.h and never see SQL.
 */

#pragma once

#include <sqlite3.h>

#include "dl-string-set.h"

#include "dl-risk-model.h"
#include "dl-rules.h"
#include "dl-store.h"
#include "dl-store-list.h"

G_BEGIN_DECLS

/* The newest schema this build knows; PRAGMA user_version of a migrated
 * file. */
#define DL_STORE_SCHEMA_VERSION 8

/* PRAGMA application_id of a Downline file ("Dlne"), so another
 * program's SQLite file is never taken for ours. */
#define DL_STORE_APPLICATION_ID 0x446c6e65

/* PRAGMA application_id of a backup Downline wrote ("Dlnb"): a backup
 * opens and restores like a database, but only a file carrying this
 * mark may ever be replaced by a new backup.  Opening a backup for
 * writing makes it a database (the live id) again. */
#define DL_STORE_BACKUP_ID 0x446c6e62

/* dl-store-locks.c: makes SQLite's locks belong to the open file rather
 * than the process (see there why).  Runs before main (); every opener
 * calls it too, which costs nothing once done.  FALSE from
 * dl_store_locks_installed () when the kernel or SQLite did not allow it. */
void          dl_store_locks_install   (void);
gboolean      dl_store_locks_installed (void);

sqlite3      *dl_store_get_handle   (DlStore      *self);

/* Transactions nest: the outermost begin is BEGIN IMMEDIATE (it takes the
 * write lock at once, so a second process waits for busy_timeout instead
 * of failing half-way), inner ones are savepoints.  A rollback undoes
 * only its own level, so a caller may catch one failed write inside a
 * larger transaction and go on. */
gboolean      dl_store_begin        (DlStore      *self,
                                     GError      **error);
gboolean      dl_store_commit       (DlStore      *self,
                                     GError      **error);
void          dl_store_rollback     (DlStore      *self);
gboolean      dl_store_in_transaction (DlStore    *self);

/* A cached statement for sql, reset and with its bindings cleared.  The
 * store owns it: never finalize it.  Reset it when done (an unreset
 * SELECT keeps a read transaction open), most simply with
 *
 *   g_autoptr(DlStmt) stmt = dl_store_prepare (store, "SELECT ...", error);
 *
 * whose cleanup resets it.  If the same SQL is still being stepped
 * (a nested use), a second statement is prepared, so nesting is safe.
 * Returns NULL with error set when sql does not compile. */
typedef sqlite3_stmt DlStmt;
sqlite3_stmt *dl_store_prepare      (DlStore      *self,
                                     const char   *sql,
                                     GError      **error);

static inline void
dl_stmt_release (DlStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlStmt, dl_stmt_release)

/* "INSERT ... VALUES " head, then n_rows times row ("(?, ?)"), comma
 * separated: one statement for many rows, whose fixed cost per
 * statement (more than the row's own, about 2 µs) is then paid once. */
char         *dl_store_batch_sql    (const char   *head,
                                     const char   *row,
                                     guint         n_rows);

/* Runs func inside one transaction (nested in the caller's, if any) and
 * commits, or rolls back when func fails. */
typedef gboolean (*DlStoreWriteFunc) (DlStore  *self,
                                      gpointer  data,
                                      GError  **error);
gboolean      dl_store_run_in_transaction (DlStore          *self,
                                           DlStoreWriteFunc  func,
                                           gpointer          data,
                                           GError          **error);

/* An update of one row from a draft: on failure the shared item of that
 * row is read again, so it never shows what was not saved. */
gboolean      dl_store_update_row         (DlStore          *self,
                                           DlStoreWriteFunc  func,
                                           gpointer          draft,
                                           DlStoreEntity     entity,
                                           gint64            id,
                                           GError          **error);

/* Writers without their own transaction, for use inside one: each
 * checks its input, writes, queues ::changed and returns the new id, or
 * 0 with error set. */
gint64        dl_store_insert_person (DlStore   *self,
                                      DlPerson  *draft,
                                      GError   **error);
gint64        dl_store_insert_interaction (DlStore        *self,
                                           gint64          person_id,
                                           DlContactKind   kind,
                                           GDateTime      *at,
                                           const char     *summary,
                                           GError        **error);

/* dl-store-people.c: whether sql, with id bound to its one parameter,
 * finds a row; FALSE too when sql does not compile. */
gboolean      dl_store_row_exists    (DlStore     *self,
                                      const char  *sql,
                                      gint64       id);
/* dl-store-people.c: TRUE when person_id (> 0) is a person's row, else
 * FALSE with DL_STORE_ERROR_NOT_FOUND ("This person no longer
 * exists"); 0 just sets that error. */
gboolean      dl_store_person_exists (DlStore     *self,
                                      gint64       person_id,
                                      GError     **error);

/* dl-store-members.c: FALSE with DL_STORE_ERROR_DUPLICATE, naming the
 * member, when another member than person_id has number. */
gboolean      dl_store_check_member_number (DlStore     *self,
                                            gint64       person_id,
                                            const char  *number,
                                            GError     **error);

/* Runs one or more statements without results (no cache). */
gboolean      dl_store_exec         (DlStore      *self,
                                     const char   *sql,
                                     GError      **error);

/* Records that a row changed.  Inside a transaction the signal waits for
 * the outermost commit (and is dropped by a rollback); outside one it is
 * emitted at once.  id 0 means "many rows of this kind": items alive are
 * reloaded and models reload. */
void          dl_store_emit_changed (DlStore      *self,
                                     DlStoreEntity entity,
                                     gint64        id);
/* The same for a person whose only change a downline tree shows is
 * their last contact (a contact logged or taken back): the kept tree is
 * not thrown away but patched after the commit (one row read instead of
 * the whole downline). */
void          dl_store_emit_contact_changed (DlStore *self,
                                             gint64   person_id);
/* dl-store-tree.c: patches the kept tree's node of person_id with
 * the last contact now in the database; nothing when no tree is kept. */
void          dl_store_patch_kept_tree_contact (DlStore *self,
                                                gint64   person_id);
/* After a backup replaced the whole file: ::restored, then ::changed
 * for every kind of row. */
void          dl_store_emit_restored (DlStore     *self);
/* Moves with every change a downline tree can show (members, people,
 * contacts, the profile) and with a restore; a tree read at one value
 * is current while it stays. */
guint64       dl_store_get_tree_generation (DlStore *self);
/* Moves with every contact logged or taken back (which patches the kept
 * tree rather than moving the tree generation): a tree still being read
 * when it moves is not kept. */
guint64       dl_store_get_contact_generation (DlStore *self);

/* Sets error from the connection's last error; rc is the failing
 * result code.  what says in words what was being done ("Could not
 * save the contact"), or NULL. */
void          dl_store_set_sqlite_error (DlStore    *self,
                                         GError    **error,
                                         int         rc,
                                         const char *what);
/* The same for a connection of a worker's or an import's own. */
void          dl_store_set_db_error (sqlite3      *db,
                                     GError      **error,
                                     int           rc,
                                     const char   *what);

/* Steps a statement that returns no rows, mapping a failure to error. */
gboolean      dl_store_step_done    (DlStore      *self,
                                     sqlite3_stmt *stmt,
                                     GError      **error);

/* dl-store-import.c: members found by number as an import matches them,
 * by the rule of dl_member_number_key () ("00123" is "123").  exact
 * holds each stored member number, with its value in values by the
 * set's numbering; padded holds the key of each zero-padded stored
 * number, with the same value.  A number as stored wins over another's
 * key.  A million members are about 30 MB (their GHashTable, with the
 * numbers copied, was twice that). */
typedef struct
{
  DlStringSet *exact;
  GPtrArray   *values;
  DlStringSet *padded;
  GPtrArray   *padded_values;
} DlNumberIndex;

/* size_hint: how many numbers it will hold (0 when not known): a set
 * filled with a million is not made again at each doubling. */
void          dl_number_index_init   (DlNumberIndex       *index,
                                      guint                size_hint);
/* Files value under the stored member number (replacing the value of
 * the same number). */
void          dl_number_index_add    (DlNumberIndex       *index,
                                      const char          *number,
                                      gpointer             value);
void          dl_number_index_clear  (DlNumberIndex       *index);
/* The value of the member whose number is number by the rule, or NULL. */
gpointer      dl_number_index_lookup (const DlNumberIndex *index,
                                      const char          *number);

/* How many members db has, to size what is read of them (SQLite counts
 * an index's entries without the rows: 20 ms for a million); 0 when it
 * cannot say. */
guint         dl_store_count_members    (sqlite3             *db);
/* Member number → person id (as a pointer) of every numbered member,
 * into ids (initialised here; clear it either way). */
gboolean      dl_store_read_member_ids  (sqlite3             *db,
                                         DlNumberIndex       *ids,
                                         GError             **error);

/* Current UTC stamp in the schema's form "YYYY-MM-DDTHH:MM:SSZ". */
char         *dl_store_now_stamp    (void);

/* Parses "YYYY-MM-DD" at the start of text without allocating; the hot
 * path of dl_store_load_tree.  DL_DAY_NONE for NULL or malformed text. */
DlDay         dl_store_parse_day    (const char   *text,
                                     gsize         len);

/* A date column of a row: DL_DAY_NONE for NULL or malformed text. */
static inline DlDay
dl_store_column_day (sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text ? dl_store_parse_day (text, sqlite3_column_bytes (stmt, column)) : DL_DAY_NONE;
}

/* What the first 100 bytes of a file say, read without SQLite. */
typedef struct
{
  gboolean empty;
  gboolean wal;             /* already in WAL mode: opening it writes nothing */
  goffset  size;
  guint32  application_id;  /* DL_STORE_APPLICATION_ID for a Downline file */
  guint32  user_version;    /* as in the file itself (the log may hold a newer one) */
} DlStoreHeader;

/* Reads the header of the regular file at path; FALSE with
 * DL_STORE_ERROR_NOT_DATABASE for a non-empty file that is no SQLite
 * database, or an I/O error (a FIFO or device is refused unopened).
 * Safe on a database this process has open: SQLite's locks belong to
 * its own descriptors (dl-store-locks.c). */
gboolean      dl_store_read_header (const char    *path,
                                    DlStoreHeader *info,
                                    GError       **error);

/* Creates an owner-only (0600) file at path, whatever the umask; when a
 * file is already there, *created is FALSE and nothing is changed. */
gboolean      dl_store_create_private_file (const char  *path,
                                            gboolean    *created,
                                            GError     **error);

/* Files larger than this get their integrity check in a worker thread
 * after opening; tests lower it to exercise that path. */
void          dl_store_set_sync_check_limit (goffset bytes);
/* Trees of at least this many members are read in two halves on two
 * connections (see load_tree ()); tests lower it, or raise it to read
 * whole.  The hook, for tests, runs between the first half's snapshot
 * and the second's. */
void          dl_store_set_tree_split_min   (guint    members);
/* How many tree reads ever began in this process; and, for tests, how
 * many upper halves of a split read were read. */
guint         dl_store_get_tree_reads_begun (void);
guint         dl_store_get_tree_halves_read (void);
/* Waits, until the monotonic time first_by at most, for a tree read to
 * begin when none began since begun was read, then, until the monotonic
 * time until at most, until none runs.  TRUE when none runs and none is
 * awaited any more (one began, or first_by is past). */
gboolean      dl_store_wait_for_tree_reads  (guint    begun,
                                             gint64   first_by,
                                             gint64   until);
void          dl_store_set_tree_split_hook  (void   (*hook) (gpointer data),
                                             gpointer data);
/* A worker thread's own read-only connection to path (the main one
 * belongs to the main thread; WAL lets it read while the window writes),
 * with the store's busy timeout.  NULL with error when it cannot open. */
sqlite3      *dl_store_open_reader  (const char   *path,
                                     GError      **error);
/* dl-store-migrate.c: drops the indexes or triggers of sqlite_master
 * that where (an SQL condition on its columns) picks and returns their
 * CREATE statements, to run again later in the same transaction (a
 * rollback brings them back either way); NULL with error set when one
 * could not be read or dropped.  For a big write that would only pay
 * for them row by row. */
GPtrArray    *dl_store_set_schema_aside (sqlite3     *db,
                                         const char  *where,
                                         GError     **error);
/* dl-store-open.c: folds db's log into its file (a passive checkpoint)
 * on a thread of its own, then closes db: for a connection whose commit
 * left a long log (a big import), so that neither the person waiting
 * for it nor the window's thread, at its next commit, copies it.
 * dl_store_wait_checkpoints () waits for those of path to end; closing a
 * store does, before it folds the log itself. */
void          dl_store_checkpoint_and_close_later (sqlite3     *db,
                                                   const char  *path);
void          dl_store_wait_checkpoints (const char   *path);
/* Tests: while held, background integrity checks wait before starting. */
void          dl_store_hold_background_checks (gboolean hold);

/* What every write of the store's own does first, for a writer on a
 * connection of its own: waits for a running background integrity
 * check, then fails with DL_STORE_ERROR_DAMAGED if it found damage.
 * May be called from a worker thread. */
gboolean      dl_store_check_writable (DlStore      *self,
                                       GError      **error);
/* The same without the wait: fails for a store closed, read-only or
 * found damaged already, for a writer that reads before it writes and
 * waits (dl_store_check_writable ()) only then.  May be called from a
 * worker thread. */
gboolean      dl_store_check_may_write (DlStore     *self,
                                        GError     **error);

/* Brings a raw connection from its user_version up to target, one
 * transaction per step.  dl_store_open uses it; the migration test uses
 * it to build files of every older version. */
/* dl-store-periods.c: schema version 3, the back office's months. */
gboolean      dl_store_migrate_to_3 (sqlite3      *db,
                                     GError      **error);
/* dl-store-risk.c: schema version 4, the dropout-risk model. */
gboolean      dl_store_migrate_to_4 (sqlite3      *db,
                                     GError      **error);
/* dl-store-search.c: schema version 5, the search index. */
gboolean      dl_store_migrate_to_5 (sqlite3      *db,
                                     GError      **error);
/* dl-store-search.c: when people from first_id on are all above the
 * search index's mark, so the index will find them from the mark, drops
 * the triggers that note a new person or member for it (they would do
 * nothing but cost a trigger's run a row) and returns their CREATE
 * statements, to run again once the people are in, in the same
 * transaction.  An empty array when they stay; NULL with error set when
 * one could not be dropped. */
GPtrArray    *dl_store_search_pause_for_new_people (sqlite3  *db,
                                                    gint64    first_id,
                                                    GError  **error);
/* dl-store-periods.c: schema version 6, the figures the tree reads. */
gboolean      dl_store_migrate_to_6 (sqlite3      *db,
                                     GError      **error);
/* dl-store-periods.c: schema version 7, no index by member to rewrite each month. */
gboolean      dl_store_migrate_to_7 (sqlite3      *db,
                                     GError      **error);
/* dl-store-risk.c: the model kept with the database, on any connection;
 * FALSE (model the expert's) when there is none or it cannot be read. */
gboolean      dl_store_read_risk_model (sqlite3     *db,
                                        DlRiskModel *model);
/* dl-store-history.c: the same as dl_store_load_history () on db, a
 * connection of the calling thread. */
struct _DlStoreHistory;
struct _DlStoreHistory *dl_store_read_history (sqlite3          *db,
                                               const DlTree     *tree,
                                               const DlCadence  *cadence,
                                               GError          **error);
/* dl-store-tree.c: the downline read on db, a connection of the
 * calling thread, with its risk model and signals. */
DlTree       *dl_store_read_tree    (sqlite3      *db,
                                     const char   *path,
                                     GError      **error);

gboolean      dl_store_migrate_db   (sqlite3      *db,
                                     int           target,
                                     GError      **error);

/* For the store's own files: items are shared, one live object per row.
 * dl_store_get_item () returns the live object (a new reference),
 * loading it when nobody holds one; NULL when the row does not exist. */
gpointer      dl_store_get_item     (DlStore      *self,
                                     DlStoreEntity entity,
                                     gint64        id);

/* The live object of a row if someone holds one (no new reference),
 * else NULL; never loads. */
gpointer      dl_store_peek_item    (DlStore      *self,
                                     DlStoreEntity entity,
                                     gint64        id);

/* Reloads the shared item of a row from the database, undoing edits a
 * caller made to it in memory before a write that failed. */
void          dl_store_reload_item  (DlStore      *self,
                                     DlStoreEntity entity,
                                     gint64        id);

/* Row loaders: a fresh object from the database, bypassing the shared
 * ones; NULL when there is no such row. */
DlProfile    *dl_store_load_profile     (DlStore *self,
                                         gint64   unused);
DlPerson     *dl_store_load_person      (DlStore *self,
                                         gint64   person_id);
DlStage      *dl_store_load_stage       (DlStore *self,
                                         gint64   stage_id);
DlProspect   *dl_store_load_prospect    (DlStore *self,
                                         gint64   person_id);
DlMember     *dl_store_load_member      (DlStore *self,
                                         gint64   person_id);
DlInteraction *dl_store_load_interaction (DlStore *self,
                                          gint64   interaction_id);
DlTemplate   *dl_store_load_template    (DlStore *self,
                                         gint64   template_id);
DlLetter     *dl_store_load_letter      (DlStore *self,
                                         gint64   letter_id);

/* Makers of the shared models. */
GListModel   *dl_store_create_people    (DlStore *self);
GListModel   *dl_store_create_stages    (DlStore *self);
GListModel   *dl_store_create_members   (DlStore *self);
GListModel   *dl_store_create_templates (DlStore *self);

/* Column helpers: text as "" for NULL, stamps and days parsed. */
const char   *dl_stmt_text          (sqlite3_stmt *stmt,
                                     int           column);
GDateTime    *dl_stmt_stamp         (sqlite3_stmt *stmt,
                                     int           column);
DlDay         dl_stmt_day           (sqlite3_stmt *stmt,
                                     int           column);
/* Binds a day as "YYYY-MM-DD", or NULL for DL_DAY_NONE. */
int           dl_stmt_bind_day      (sqlite3_stmt *stmt,
                                     int           column,
                                     DlDay         day);
/* Binds "" as NULL, for optional unique text such as member numbers. */
int           dl_stmt_bind_text_or_null (sqlite3_stmt *stmt,
                                         int           column,
                                         const char   *text);
/* 1 or 0, or NULL for -1: a flag the file does not give. */
int           dl_stmt_bind_flag         (sqlite3_stmt *stmt,
                                         int           column,
                                         gint8         flag);
/* NULL for NAN: a figure the file does not give. */
int           dl_stmt_bind_real         (sqlite3_stmt *stmt,
                                         int           column,
                                         double        value);

/* A DlStoreList that is not about every row of its kind: concerns says
 * whether the change of row id (0: of many) can touch the list, which
 * reloads only then; reindex is told the positions [from, to) whose rows
 * may now sit at another index.  destroy (data) runs when the list goes.
 * Set once, right after dl_store_list_new. */
typedef gboolean (*DlStoreListConcerns) (DlStoreList *list,
                                         gint64       id,
                                         gpointer     data);
typedef void     (*DlStoreListReindex)  (DlStoreList *list,
                                         guint        from,
                                         guint        to,
                                         gpointer     data);

void          dl_store_list_set_hooks (DlStoreList         *self,
                                       DlStoreListConcerns  concerns,
                                       DlStoreListReindex   reindex,
                                       gpointer             data,
                                       GDestroyNotify       destroy);

G_END_DECLS

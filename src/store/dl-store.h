/* dl-store.h — the one object that speaks SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application opens one DlStore and hands it to windows and views as a
 * construct property.  Reads give GObject items and GListModels; writes
 * are single transactions that, once committed, emit ::changed so every
 * open view updates.  Items are shared: the store hands out one object
 * per row while anyone holds it, and refreshes it in place after a write,
 * so a view bound to an item's properties follows the database.  To edit,
 * change a copy (dl_person_copy ()) or a new draft and pass it to the
 * matching update function; a failed update puts the shared item back.
 *
 * Every getter returning an object or a list model returns a new
 * reference (transfer full): hold it in a g_autoptr () or unref it.
 *
 * A DlStore belongs to the thread that opened it (the main thread).
 *
 * This header holds the store itself: opening, closing, read-only
 * files, the integrity check and reads as one snapshot.  The calls of
 * each entity are in their own headers, included at the end so that
 * including dl-store.h gives them all: dl-store-people.h (the user,
 * people, the contact log), dl-store-pipeline.h (stages, prospects),
 * dl-store-members.h (members, the trees, placement), dl-store-join.h
 * and dl-store-letters.h (templates, letters).
 */

#pragma once

#include <gio/gio.h>

#include "dl-tree.h"
#include "dl-store-enums.h"

G_BEGIN_DECLS

#define DL_STORE_ERROR (dl_store_error_quark ())

typedef enum
{
  DL_STORE_ERROR_FAILED,
  DL_STORE_ERROR_IO,            /* the file or its folder cannot be used */
  DL_STORE_ERROR_NOT_DATABASE,  /* not a SQLite file, or another program's */
  DL_STORE_ERROR_DAMAGED,       /* fails the integrity check */
  DL_STORE_ERROR_TOO_NEW,       /* written by a newer Downline */
  DL_STORE_ERROR_BUSY,          /* another program holds the file too long */
  DL_STORE_ERROR_CONSTRAINT,
  DL_STORE_ERROR_DUPLICATE,
  DL_STORE_ERROR_CYCLE,
  DL_STORE_ERROR_NOT_FOUND,
  DL_STORE_ERROR_INVALID,
  DL_STORE_ERROR_NOT_EMPTY,
  DL_STORE_ERROR_READ_ONLY,     /* the file or its folder is not writable */
  DL_STORE_ERROR_CLOSED,        /* dl_store_close () was called */
} DlStoreError;

/* How dl_store_open_full treats a file that is not there yet. */
typedef enum
{
  DL_STORE_OPEN_CREATE   = 0,       /* a missing or empty file becomes a new database */
  DL_STORE_OPEN_EXISTING = 1 << 0,  /* a missing or 0-byte file is refused; nothing is created */
  DL_STORE_OPEN_READ_ONLY = 1 << 1, /* never write, as for a file whose permissions say so */
} DlStoreOpenFlags;

/* What a ::changed signal is about; also its detail ("changed::members"). */
typedef enum
{
  DL_STORE_ENTITY_PROFILE,
  DL_STORE_ENTITY_PEOPLE,
  DL_STORE_ENTITY_STAGES,
  DL_STORE_ENTITY_PROSPECTS,
  DL_STORE_ENTITY_MEMBERS,
  DL_STORE_ENTITY_INTERACTIONS,
  DL_STORE_ENTITY_TEMPLATES,
  DL_STORE_ENTITY_LETTERS,
} DlStoreEntity;

#define DL_TYPE_STORE (dl_store_get_type ())

G_DECLARE_FINAL_TYPE (DlStore, dl_store, DL, STORE, GObject)

GQuark      dl_store_error_quark        (void);

/* Opens (creating when missing) and migrates the database at path.  A
 * file that cannot be opened safely is left exactly as it was, with
 * nothing beside it.  Symbolic links anywhere in path are followed; a
 * folder, FIFO or device is refused at once.  A file whose permissions
 * (or folder) allow no writing opens read-only: see
 * dl_store_is_read_only (). */
DlStore    *dl_store_open               (const char     *path,
                                         GError        **error);
DlStore    *dl_store_open_full          (const char     *path,
                                         DlStoreOpenFlags flags,
                                         GError        **error);
/* The file as opened: path with every symbolic link resolved. */
const char *dl_store_get_path           (DlStore        *self);
/* The day the user started with Downline on this file
 * (dl_settings_get_first_use ()), which every tree read from now on
 * carries (dl_tree_set_started_on ()): members who joined before it are
 * not owed a welcome, and their check-ins count from it.  DL_DAY_NONE,
 * the default, counts from joining. */
void        dl_store_set_started_on     (DlStore        *self,
                                         DlDay           day);
DlDay       dl_store_get_started_on     (DlStore        *self);
/* TRUE when the file could only be opened for reading; every write then
 * fails with DL_STORE_ERROR_READ_ONLY, naming the file and why. */
gboolean    dl_store_is_read_only       (DlStore        *self);
/* Why, as a clause ("its permissions allow reading only"), or NULL. */
const char *dl_store_get_read_only_reason (DlStore      *self);
/* Folds the write-ahead log into the database file, so the .db file
 * alone holds every change (what a copy, a sync or an e-mail of "the
 * file" takes).  Cheap when little changed; does nothing inside a
 * transaction.  FALSE with error when another program holds the file. */
gboolean    dl_store_checkpoint         (DlStore        *self,
                                         GError        **error);
/* Checkpoints and closes the file: the .db is whole and no -wal is left
 * (unless another program has the file open too).  Afterwards reads
 * find nothing and writes fail with DL_STORE_ERROR_CLOSED.  Safe to
 * call more than once; finalizing the store closes it too. */
void        dl_store_close              (DlStore        *self);
/* TRUE when path is the same file (device and inode, whatever the
 * path, hard link or symbolic link) as a database open in this process. */
gboolean    dl_store_file_is_open       (const char     *path);
/* FALSE while a large file's integrity check still runs (writes wait
 * for it) or after it found damage (::damaged; writes fail). */
gboolean    dl_store_is_verified        (DlStore        *self);
/* TRUE once a large file's background integrity check found damage
 * (::damaged); FALSE while it runs, so readers need not wait for it. */
gboolean    dl_store_is_damaged         (DlStore        *self);
/* TRUE before the first run: no profile and no people. */
gboolean    dl_store_is_empty           (DlStore        *self);
/* TRUE once there is anyone besides the user: a member or a prospect. */
gboolean    dl_store_has_business       (DlStore        *self);

/* Many reads as one: they see one snapshot of the file and take the
 * file's lock once, not once each (10,000 letters' fields).  Inside a
 * write transaction they are part of it; no write may start until
 * dl_store_end_read (). */
void          dl_store_begin_read      (DlStore      *self);
void          dl_store_end_read        (DlStore      *self);

G_END_DECLS

#include "dl-store-people.h"
#include "dl-store-pipeline.h"
#include "dl-store-members.h"
#include "dl-store-join.h"
#include "dl-store-letters.h"

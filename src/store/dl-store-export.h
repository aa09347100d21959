/* dl-store-export.h — getting everything back out: CSV, backups, restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dl-rules.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* Writes members.csv, prospects.csv and contacts.csv (UTF-8, comma,
 * header row) into dir, each replaced atomically.  members.csv reads
 * back through the CSV import; its last column is each member's dropout
 * risk (0–100) on today, with cadence (NULL for the defaults). */
gboolean  dl_store_export_csv        (DlStore          *store,
                                      const char       *dir,
                                      const DlCadence  *cadence,
                                      DlDay             today,
                                      GError          **error);

/* A consistent copy of the database at dest, made with SQLite's online
 * backup API over a connection of its own, so it may run in a worker
 * thread while the app writes.  The copy passes the integrity check
 * before it is kept, is marked as a backup, synced, and takes dest's
 * name in one rename: dest appears complete or not at all.  dest must
 * be new or a backup Downline made; the database itself, a database
 * open in this process and any other file are refused unchanged
 * (DL_STORE_ERROR_INVALID); a damaged database gives
 * DL_STORE_ERROR_DAMAGED and writes nothing. */
gboolean  dl_store_backup            (DlStore      *store,
                                      const char   *dest,
                                      GError      **error);
void      dl_store_backup_async      (DlStore             *store,
                                      const char          *dest,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean  dl_store_backup_finish     (DlStore      *store,
                                      GAsyncResult *result,
                                      GError      **error);

/* As dl_store_backup, but kept whatever the integrity check says: the
 * copy of what is there taken before a restore, damaged or not. */
gboolean  dl_store_backup_as_is      (DlStore      *store,
                                      const char   *dest,
                                      GError      **error);

/* The automatic daily backup: dir/downline-YYYY-MM-DD.db for today
 * unless it exists, then deletes the oldest such files beyond keep.
 * Sets *made (may be NULL) when it wrote one.  A damaged database fails
 * with DL_STORE_ERROR_DAMAGED before any old backup is deleted, and the
 * message names the newest sound backup. */
gboolean  dl_store_backup_daily      (DlStore      *store,
                                      const char   *dir,
                                      guint         keep,
                                      DlDay         today,
                                      gboolean     *made,
                                      GError      **error);

/* Checks that backup is a sound Downline database this build can open
 * (DL_STORE_ERROR_NOT_DATABASE, _DAMAGED or _TOO_NEW otherwise).  A
 * backup with a journal or log beside it is recovered in a private
 * copy; the file and its folder are never written. */
gboolean  dl_store_check_backup      (const char   *backup,
                                      GError      **error);

/* The newest daily backup in dir that passes dl_store_check_backup (),
 * or NULL when there is none. */
char     *dl_store_find_good_backup  (const char   *dir);

/* Replaces everything in the open store by the backup's content, in one
 * step through SQLite's backup API on the store's own connection (other
 * connections see the old or the new database, never a mix), then
 * emits ::changed for everything.  The backup must have this build's
 * schema version. */
gboolean  dl_store_restore           (DlStore      *store,
                                      const char   *backup,
                                      GError      **error);

/* The people as vCard 3.0 cards in one file at path. */
gboolean  dl_store_export_vcards     (DlStore      *store,
                                      const gint64 *person_ids,
                                      guint         n_people,
                                      const char   *path,
                                      GError      **error);

G_END_DECLS

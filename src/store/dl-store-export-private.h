/* dl-store-export-private.h — what the backup and restore files share
 * (dl-store-export-backup.c, dl-store-export-restore.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed; included by those files only.
 */

#pragma once

#include <sqlite3.h>

#include "dl-store-export.h"

G_BEGIN_DECLS

typedef enum
{
  DL_STORE_COPY_BACKUP   = 1 << 0,  /* marked as a backup (else as a database) */
  DL_STORE_COPY_VERIFIED = 1 << 1,  /* only kept when it passes the integrity check */
} DlStoreCopyFlags;

/* dl-store-export-backup.c: sets error (DL_STORE_ERROR_IO) for a backup
 * to dest that was not written: a full disk, else db's last error (or
 * rc's when db is NULL). */
void          dl_store_set_backup_error (GError           **error,
                                         sqlite3           *db,
                                         int                rc,
                                         const char        *dest);

/* dl-store-export-backup.c: copies the database at source into dest by
 * way of an owner-only temporary file beside it, synced to the disk
 * before it takes dest's name in one rename: a crash or a full disk
 * leaves dest as it was.  dest must be new or a backup Downline made.
 * flags 0 makes a plain database copy (what a restore stages). */
gboolean      dl_store_copy_database    (const char        *source,
                                         const char        *dest,
                                         DlStoreCopyFlags   flags,
                                         GError           **error);

G_END_DECLS

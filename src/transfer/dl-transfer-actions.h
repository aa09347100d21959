/* dl-transfer-actions.h — the primary menu's import, export and backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-store.h"
#include "dl-undo-stack.h"

G_BEGIN_DECLS

/* Adds the "transfer" action group to window: transfer.import-csv,
 * transfer.month-changes (what the newest month's figures changed, in
 * a window beside window), transfer.import-vcard, transfer.export-csv, transfer.backup,
 * transfer.restore and transfer.export-vcard (parameter "ax": the person
 * ids of a view's selection, saved as one vCard file), working on store.  When store is the user's usual
 * database (default_db_path), also makes today's automatic backup in a
 * worker, keeping as many days as the "backups-kept" setting says.
 * What the work has to say goes to messages (the window's undo stack,
 * shown as toasts), or to the log when it is NULL. */
void      dl_transfer_actions_install      (GtkWindow           *window,
                                            DlStore             *store,
                                            DlUndoStack         *messages,
                                            const char          *default_db_path);

/* What transfer.import-vcard does with the file chosen: reads and
 * imports it in worker threads behind a dialog with a progress bar and
 * Cancel (a cancelled import adds nobody), then says in a toast how
 * many were added. */
void      dl_transfer_import_vcard_file    (GtkWindow           *window,
                                            DlStore             *store,
                                            const char          *path);

/* Where the automatic daily backups go: ~/.local/share/APP_ID/backups */
char     *dl_transfer_get_daily_backup_dir (void);

/* Today's automatic backup into dir, unless there is one, in a worker;
 * then deletes the oldest daily backups beyond the "backups-kept"
 * setting (read when called). */
void      dl_transfer_daily_backup_async   (DlStore             *store,
                                            const char          *dir,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  dl_transfer_daily_backup_finish  (DlStore             *store,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS

/* dl-stage-dialog.h — a stage's name, kind, chance, stale days and place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

/* After a stage edit was written: before is a copy of the stage from
 * before it (NULL when the stage was added), stage_id the stage now,
 * deleted TRUE when it was deleted. */
typedef void (*DlStageDone)   (gpointer        user_data,
                               DlStage        *before,
                               gint64          stage_id,
                               gboolean        deleted);

#define DL_TYPE_STAGE_DIALOG (dl_stage_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlStageDialog, dl_stage_dialog, DL, STAGE_DIALOG, AdwMessageDialog)

/* stage_id 0 adds a stage.  The dialog writes through the store itself
 * and then tells done (may be NULL), which can offer to undo it. */
DlStageDialog *dl_stage_dialog_new (GtkWindow      *parent,
                                    DlStore        *store,
                                    gint64          stage_id,
                                    DlStageDone     done,
                                    gpointer        user_data,
                                    GDestroyNotify  destroy);

G_END_DECLS

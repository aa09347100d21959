/* dl-stage-change.h — a stage edit that was written, kept to undo it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board (the column menu) and Preferences both edit stages through
 * the stage dialog.  Each keeps what the dialog reports as one of these:
 * the sentence its toast shows, and how to take the edit back.
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

typedef struct _DlStageChange DlStageChange;

/* As the stage dialog reports an edit (see DlStageDone): before is the
 * stage from before it, NULL when the stage was added. */
DlStageChange *dl_stage_change_new       (DlStore             *store,
                                          DlStage             *before,
                                          gint64               stage_id,
                                          gboolean             deleted);
/* "Stage “Qualified” changed", for a toast. */
const char    *dl_stage_change_get_title (const DlStageChange *change);
/* Puts the stage back as it was, takes an added one away again, or
 * brings a deleted one back with the same id; one transaction. */
gboolean       dl_stage_change_undo      (const DlStageChange *change,
                                          DlStore             *store,
                                          GError             **error);
void           dl_stage_change_free      (DlStageChange       *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlStageChange, dl_stage_change_free)

G_END_DECLS

/* dl-pipeline-dialogs.h — what the board asks before some writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each dialog validates inline (a specific message; the main button
 * stays off while the input is wrong) and writes nothing itself: it
 * hands the answers to done, and the view writes.
 */

#pragma once

#include <adwaita.h>

#include "dl-join-dialog.h"
#include "dl-not-now-dialog.h"
#include "dl-prospect-dialog.h"
#include "dl-stage-dialog.h"
#include "dl-store.h"

G_BEGIN_DECLS

void dl_pipeline_ask_join     (GtkWidget      *parent,
                               DlStore        *store,
                               DlPerson       *person,
                               DlJoinDone      done,
                               gpointer        user_data,
                               GDestroyNotify  destroy);
void dl_pipeline_ask_not_now  (GtkWidget      *parent,
                               DlPerson       *person,
                               DlNotNowDone    done,
                               gpointer        user_data,
                               GDestroyNotify  destroy);
/* prospect NULL: a new prospect, with a stage chooser. */
void dl_pipeline_edit_prospect (GtkWidget     *parent,
                                DlStore       *store,
                                DlProspect    *prospect,
                                DlProspectDone done,
                                gpointer       user_data,
                                GDestroyNotify destroy);
/* Name, kind, probability, stale days, position; stage_id 0 adds a
 * stage.  Writes through the store itself, then tells done (may be
 * NULL), which can offer to undo it. */
void dl_pipeline_edit_stage   (GtkWidget      *parent,
                               DlStore        *store,
                               gint64          stage_id,
                               DlStageDone     done,
                               gpointer        user_data,
                               GDestroyNotify  destroy);

G_END_DECLS

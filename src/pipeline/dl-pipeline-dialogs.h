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

#include "dl-store.h"

G_BEGIN_DECLS

typedef struct
{
  DlRole      role;
  gint64      sponsor_id;
  const char *member_number;
  DlDay       joined_on;
} DlJoinAnswers;

typedef void (*DlJoinDone)    (gpointer             user_data,
                               const DlJoinAnswers *answers);
typedef void (*DlNotNowDone)  (gpointer             user_data,
                               const char          *reason,
                               DlDay                revisit_on);
/* person and prospect are drafts holding the answers; stage_id where a
 * new prospect goes. */
typedef void (*DlProspectDone) (gpointer            user_data,
                                DlPerson           *person,
                                DlProspect         *prospect,
                                gint64              stage_id);

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
/* After a stage edit was written: before is a copy of the stage from
 * before it (NULL when the stage was added), stage_id the stage now,
 * deleted TRUE when it was deleted. */
typedef void (*DlStageDone)   (gpointer        user_data,
                               DlStage        *before,
                               gint64          stage_id,
                               gboolean        deleted);

/* Name, kind, probability, stale days, position; stage_id 0 adds a
 * stage.  Writes through the store itself, then tells done (may be
 * NULL), which can offer to undo it. */
void dl_pipeline_edit_stage   (GtkWidget      *parent,
                               DlStore        *store,
                               gint64          stage_id,
                               DlStageDone     done,
                               gpointer        user_data,
                               GDestroyNotify  destroy);

/* Parses a date typed as YYYY-MM-DD; DL_DAY_NONE with a message when it
 * is not a real date. */
DlDay dl_pipeline_parse_date  (const char     *text,
                               GError        **error);

G_END_DECLS

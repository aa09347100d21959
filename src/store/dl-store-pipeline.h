/* dl-store-pipeline.h — the pipeline: its stages and the prospects in them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A prospect is a person with a place on the board: a stage and an order
 * in it.  Writes that change more than the pipeline at once (joining,
 * parking) are in dl-store-join.h.
 */

#pragma once

#include "dl-person.h"
#include "dl-prospect.h"
#include "dl-stage.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* Pipeline stages. */
GListModel *dl_store_get_stages         (DlStore        *self);
DlStage    *dl_store_get_stage          (DlStore        *self,
                                         gint64          stage_id);
DlStage    *dl_store_add_stage          (DlStore        *self,
                                         const char     *name,
                                         DlStageKind     kind,
                                         GError        **error);
gboolean    dl_store_rename_stage       (DlStore        *self,
                                         gint64          stage_id,
                                         const char     *name,
                                         GError        **error);
gboolean    dl_store_move_stage         (DlStore        *self,
                                         gint64          stage_id,
                                         guint           position,
                                         GError        **error);
gboolean    dl_store_set_stage_kind     (DlStore        *self,
                                         gint64          stage_id,
                                         DlStageKind     kind,
                                         GError        **error);
gboolean    dl_store_set_stage_probability (DlStore     *self,
                                            gint64       stage_id,
                                            guint        percent,
                                            GError     **error);
gboolean    dl_store_set_stage_stale_days (DlStore      *self,
                                           gint64        stage_id,
                                           guint         days,
                                           GError      **error);
/* Fails with NOT_EMPTY while prospects are in the stage. */
gboolean    dl_store_delete_stage       (DlStore        *self,
                                         gint64          stage_id,
                                         GError        **error);
/* Every setting of a stage at once, in one transaction: all or nothing. */
gboolean    dl_store_update_stage       (DlStore        *self,
                                         gint64          stage_id,
                                         const char     *name,
                                         DlStageKind     kind,
                                         guint           probability,
                                         guint           stale_days,
                                         guint           position,
                                         GError        **error);
/* Undo of a stage edit or delete, in one transaction: the stage as the
 * snapshot has it (name, kind, chance, stale days, place), under its own
 * id, so earlier undo steps that name it still find it. */
gboolean    dl_store_restore_stage      (DlStore        *self,
                                         DlStage        *snapshot,
                                         GError        **error);

/* Prospects.  person is an existing person (id set) or a draft saved in
 * the same transaction; the prospect goes to the end of the stage. */
DlProspect *dl_store_add_prospect       (DlStore        *self,
                                         DlPerson       *person,
                                         gint64          stage_id,
                                         GError        **error);
DlProspect *dl_store_get_prospect       (DlStore        *self,
                                         gint64          person_id);
/* Moves to position within stage_id (clamped to its end), renumbering
 * both stages.  Entering another stage restarts entered-stage-at. */
gboolean    dl_store_move_prospect      (DlStore        *self,
                                         gint64          person_id,
                                         gint64          stage_id,
                                         guint           position,
                                         GError        **error);
/* Saves interest, qualification, next follow-up, not-now reason and
 * revisit date of draft. */
gboolean    dl_store_update_prospect    (DlStore        *self,
                                         DlProspect     *draft,
                                         GError        **error);
gboolean    dl_store_set_prospect_follow_up (DlStore    *self,
                                             gint64      person_id,
                                             DlDay       day,
                                             GError    **error);
gboolean    dl_store_set_prospect_not_now (DlStore      *self,
                                           gint64        person_id,
                                           const char   *reason,
                                           DlDay         revisit_on,
                                           GError      **error);
/* Takes the person out of the pipeline; the person and history stay. */
gboolean    dl_store_remove_prospect    (DlStore        *self,
                                         gint64          person_id,
                                         GError        **error);
/* Takes back dl_store_add_prospect: no stage history is written, and the
 * person goes too unless something refers to them by now (a contact, a
 * letter, a membership). */
gboolean    dl_store_unadd_prospect     (DlStore        *self,
                                         gint64          person_id,
                                         GError        **error);
/* The prospects of one stage in position order. */
GListModel *dl_store_get_prospects      (DlStore        *self,
                                         gint64          stage_id);

G_END_DECLS

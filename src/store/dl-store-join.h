/* dl-store-join.h — pipeline writes that must happen as one: joining,
 * parking as "not now", and putting a prospect back the way it was
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function is one transaction, so an undo can take it back as a
 * unit with its inverse.
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

/* Moves the prospect to position in joined_stage_id (a stage of kind
 * "joined") and makes the person a member under sponsor_id (a member's
 * person id; dl_store_get_user_id () for the user).  The person row and
 * its whole history stay: only a member row is added.  member_number may
 * be NULL or ""; joined_on DL_DAY_NONE means today.  Fails with INVALID
 * when the stage is not a joined stage, DUPLICATE when the person is
 * already a member or the number is taken, NOT_FOUND for a sponsor who
 * is not a member. */
gboolean    dl_store_join_prospect      (DlStore        *self,
                                         gint64          person_id,
                                         gint64          joined_stage_id,
                                         guint           position,
                                         gint64          sponsor_id,
                                         DlRole          role,
                                         const char     *member_number,
                                         DlDay           joined_on,
                                         GError        **error);

/* Moves the prospect to position in not_now_stage_id and records why
 * and when to ask again (revisit_on must be a date). */
gboolean    dl_store_park_prospect      (DlStore        *self,
                                         gint64          person_id,
                                         gint64          not_now_stage_id,
                                         guint           position,
                                         const char     *reason,
                                         DlDay           revisit_on,
                                         GError        **error);

/* Puts a prospect back exactly as snapshot (a dl_prospect_copy () taken
 * before a change): stage, position, entered-stage time and every field,
 * re-adding the pipeline row if it was removed.  With drop_member, the
 * member row the join added is removed too (NOT_EMPTY if they have
 * recruits by now).  The inverse of every write above and of
 * dl_store_move_prospect, dl_store_update_prospect and
 * dl_store_remove_prospect. */
gboolean    dl_store_restore_prospect   (DlStore        *self,
                                         DlProspect     *snapshot,
                                         gboolean        drop_member,
                                         GError        **error);

/* A new prospect from the "New prospect" dialog in one transaction:
 * person (a draft) is saved, put at the end of stage_id, and given the
 * interest, qualification and follow-up of fields.  Returns the new
 * person id, or 0 with error set. */
gint64      dl_store_create_prospect    (DlStore        *self,
                                         DlPerson       *person,
                                         DlProspect     *fields,
                                         gint64          stage_id,
                                         GError        **error);

/* Saves an edited person and their prospect fields as one: both or
 * neither. */
gboolean    dl_store_save_prospect      (DlStore        *self,
                                         DlPerson       *person,
                                         DlProspect     *fields,
                                         GError        **error);

/* What a stage's past says about joining: of the prospects that left
 * it, how many have a known outcome (decided: joined, parked as not now,
 * or removed from the pipeline), how many of those joined, and their
 * mean days from entering the stage to joining (< 0 when none). */
typedef struct
{
  guint  decided;
  guint  joined;
  double days_to_join;
} DlStageHistory;

gboolean    dl_store_get_stage_history  (DlStore         *self,
                                         gint64           stage_id,
                                         DlStageHistory  *history,
                                         GError         **error);

/* The figures the pipeline's numbers bar needs, in one read. */
typedef struct
{
  guint  open;              /* prospects in open stages */
  guint  added_today;       /* prospects whose person was created today */
  guint  added_this_week;   /* ... in the 7 days up to today */
  guint  joined_90;         /* entered a joined stage in the last 90 days */
  guint  not_now_90;        /* entered a not-now stage in the last 90 days */
} DlPipelineCounts;

gboolean    dl_store_get_pipeline_counts (DlStore          *self,
                                          DlDay             today,
                                          DlPipelineCounts *counts,
                                          GError          **error);

G_END_DECLS

/* dl-store-pipeline-private.h — the pipeline's store helpers shared by
 * its store files (dl-store-pipeline.c, dl-store-prospects.c,
 * dl-store-join.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "dl-store.h"

G_BEGIN_DECLS

/* The board order of a stage's prospects (?1 the stage): the one read
 * of it, for the board's lists and for the writes that renumber them,
 * so that both see the same order (and share one cached statement). */
#define DL_STORE_PROSPECT_IDS_SQL \
  "SELECT person_id FROM prospect WHERE stage_id = ?1 ORDER BY position, person_id"

/* dl-store-pipeline.c: TRUE, with NOT_FOUND set, when stage_id is no
 * longer there (or cannot be read). */
gboolean dl_store_stage_missing    (DlStore  *self,
                                    gint64    stage_id,
                                    GError  **error);

/* dl-store-pipeline.c: the ids sql selects (?1, if present, bound to
 * param), in its order, without exclude_id; NULL with error set. */
GArray  *dl_store_read_ordered_ids (DlStore    *self,
                                    const char *sql,
                                    gint64      param,
                                    gint64      exclude_id,
                                    GError    **error);
/* dl-store-pipeline.c: writes position i (update_sql's ?1) to the i-th
 * id (?2) where it differs, queuing ::changed of entity for each row
 * that moved. */
gboolean dl_store_renumber_ordered (DlStore       *self,
                                    const char    *update_sql,
                                    DlStoreEntity  entity,
                                    GArray        *ids,
                                    GError       **error);

/* Gives person_id (already in stage_id) the sort key that puts it at
 * index among the stage's other cards: one row written, unless the
 * neighbours leave no gap and the stage is spread out first.  Queues
 * ::changed.  For use inside a transaction. */
gboolean dl_store_place_prospect   (DlStore  *self,
                                    gint64    person_id,
                                    gint64    stage_id,
                                    guint     index,
                                    GError  **error);

/* Notes that the order of stage_id changed, so live prospects in it get
 * their index again after the commit. */
void     dl_store_mark_stage_order (DlStore  *self,
                                    gint64    stage_id);

/* The ids of the prospects of stage_id in board order, without
 * exclude_id (0: none); NULL with error set. */
GArray  *dl_store_read_prospect_ids (DlStore  *self,
                                     gint64    stage_id,
                                     gint64    exclude_id,
                                     GError  **error);
/* Gives the i-th of ids position i where it has another, queuing
 * ::changed for each prospect that moved. */
gboolean dl_store_renumber_prospects (DlStore  *self,
                                      GArray   *ids,
                                      GError  **error);

/* A prospect list (dl-prospect-list.c) of stage_id came (+1) or went
 * (-1); while one lives it keeps the indexes of the stage's live cards
 * itself. */
void     dl_store_count_prospect_list (DlStore *self,
                                       gint64   stage_id,
                                       int      delta);

/* Schema 1 -> 2: the stage_exit table, one row each time a prospect
 * leaves a stage (when it had entered it, when it left), so the
 * forecast can learn each stage's own chance of joining and time to
 * join.  Schema 1 kept only the stage a prospect is in now. */
gboolean dl_store_migrate_to_2     (sqlite3  *db,
                                    GError  **error);

/* Records that person_id leaves stage_id now, having entered it at
 * entered_at (a UTC stamp). */
gboolean dl_store_record_stage_exit (DlStore    *self,
                                     gint64      person_id,
                                     gint64      stage_id,
                                     const char *entered_at,
                                     GError    **error);

/* Forgets the exit an undo takes back: person_id leaving stage_id which
 * they had entered at entered_at. */
gboolean dl_store_forget_stage_exit (DlStore    *self,
                                     gint64      person_id,
                                     gint64      stage_id,
                                     const char *entered_at,
                                     GError    **error);

G_END_DECLS

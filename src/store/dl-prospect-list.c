/* dl-prospect-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlStoreList with two hooks.  A change of one prospect reloads only
 * the lists it concerns: the stage it is in now and the stage it was in
 * (where its id still is), so a drop between two columns of a board of
 * seven reads two lists, not seven.  After a reload, each live card of
 * the stage learns its new index.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-items-private.h"
#include "dl-prospect-list.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-private.h"

typedef struct
{
  DlStore *store;      /* not a reference: the list holds one until it goes */
  gint64   stage_id;
} Stage;

/* The stage person_id is in now, 0 when none, -1 when that cannot be
 * read. */
static gint64
stage_of (DlStore *store,
          gint64   person_id)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (store, "SELECT stage_id FROM prospect WHERE person_id = ?", NULL);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, person_id);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      return sqlite3_column_int64 (stmt, 0);
    case SQLITE_DONE:
      return 0;
    default:
      return -1;
    }
}

static gboolean
concerns (DlStoreList *list,
          gint64       id,
          gpointer     data)
{
  Stage *stage = data;
  gint64 now;

  if (id == 0 || dl_store_list_find (list, id) >= 0)
    return TRUE;

  /* cannot tell: reload to be safe */
  now = stage_of (stage->store, id);
  return now == -1 || now == stage->stage_id;
}

/* Every card may sit at another index now.  The store keeps them too,
 * but after the commit; the list has just read the stage and knows. */
static void
reindex (DlStoreList *list,
         guint        from,
         guint        to,
         gpointer     data)
{
  Stage *stage = data;

  for (guint i = from; i < to; i++)
    {
      DlProspect *live = dl_store_peek_item (stage->store, DL_STORE_ENTITY_PROSPECTS,
                                             dl_store_list_get_id (list, i));

      if (live != NULL && dl_prospect_get_stage_id (live) == stage->stage_id)
        dl_prospect_set_position (live, i);
    }
}

static void
stage_free (gpointer data)
{
  Stage *stage = data;

  dl_store_count_prospect_list (stage->store, stage->stage_id, -1);
  g_free (stage);
}

DlStoreList *
dl_prospect_list_new (DlStore *store,
                      gint64   stage_id)
{
  DlStoreList *list;
  Stage *stage;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  list = dl_store_list_new (store, DL_STORE_ENTITY_PROSPECTS, DL_STORE_PROSPECT_IDS_SQL, stage_id);
  stage = g_new0 (Stage, 1);
  stage->store = store;
  stage->stage_id = stage_id;
  dl_store_count_prospect_list (store, stage_id, 1);
  dl_store_list_set_hooks (list, concerns, reindex, stage, stage_free);

  return list;
}

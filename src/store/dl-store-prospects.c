/* dl-store-prospects.c — the prospects on the board: their place in a
 * stage, their fields, moving and removing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prospects' stored positions are sparse sort keys (ties broken by
 * person id): a card put between two others takes the midpoint of their
 * keys, so a drop writes one row.  Only when two neighbours leave no gap
 * is the stage renumbered, with gaps of PROSPECT_GAP, in the drop's own
 * transaction.  The order is all a key means: DlProspect:position is the
 * card's index in its stage (0, 1, 2...), worked out when the item loads
 * and kept up to date for live items after every move (see IndexKeeper).
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-items-private.h"
#include "dl-prospect-list.h"
#include "dl-store-private.h"
#include "dl-store-pipeline-private.h"

#define PROSPECT_KEY_SQL \
  "UPDATE prospect SET position = ?1 WHERE person_id = ?2 AND position IS NOT ?1"

GArray *
dl_store_read_prospect_ids (DlStore  *self,
                            gint64    stage_id,
                            gint64    exclude_id,
                            GError  **error)
{
  return dl_store_read_ordered_ids (self, DL_STORE_PROSPECT_IDS_SQL, stage_id, exclude_id, error);
}

gboolean
dl_store_renumber_prospects (DlStore  *self,
                             GArray   *ids,
                             GError  **error)
{
  return dl_store_renumber_ordered (self, PROSPECT_KEY_SQL, DL_STORE_ENTITY_PROSPECTS, ids, error);
}

/* Room between two cards' keys: 2^10 drops between the same two cards
 * before their stage is renumbered. */
#define PROSPECT_GAP 1024

/* The index of each card follows its stage's order.  The index of a
 * card being loaded comes from a map of its stage (id -> index) built by
 * one ordered read and kept until the next write of any kind on this
 * connection (sqlite3_total_changes), so loading a whole column reads
 * the column once.  Writes that change a stage's order mark it; when
 * the commit's ::changed arrives, the live items of marked stages take
 * their index from the map.  Marking more than was changed (after a
 * rollback) only costs a read: indexes always come from the database. */
typedef struct
{
  GHashTable *index;      /* person id (gint64 *) -> index + 1; NULL until read */
  gint64      changes;    /* sqlite3_total_changes64 when read */
  guint       misses;     /* loads since it went stale */
  guint       n_lists;    /* prospect lists of the stage alive */
} StageOrder;

typedef struct
{
  GHashTable *dirty;      /* stage ids (gint64 *) */
  GHashTable *orders;     /* stage id (gint64 *) -> StageOrder */
} IndexKeeper;

/* A single card loading after a write counts its predecessors; only a
 * run of loads (a column filling) pays for reading the whole map. */
#define ORDER_MISSES_BEFORE_READ 8

static void
stage_order_free (gpointer data)
{
  StageOrder *order = data;

  g_clear_pointer (&order->index, g_hash_table_unref);
  g_free (order);
}

static void
index_keeper_free (gpointer data)
{
  IndexKeeper *keeper = data;

  g_hash_table_unref (keeper->dirty);
  g_hash_table_unref (keeper->orders);
  g_free (keeper);
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* A backup restored into the open file does not move
 * sqlite3_total_changes: no cached order is trusted any more, and the
 * live cards of every stage seen so far get their indexes read again.
 * The count of lists alive stays: they live on across the restore. */
static void
on_restored_cb (DlStore     *self,
                IndexKeeper *keeper)
{
  GHashTableIter iter;
  gint64 *stage_id;
  StageOrder *order;

  g_hash_table_iter_init (&iter, keeper->orders);
  while (g_hash_table_iter_next (&iter, (gpointer *) &stage_id, (gpointer *) &order))
    {
      g_hash_table_add (keeper->dirty, g_memdup2 (stage_id, sizeof *stage_id));
      g_clear_pointer (&order->index, g_hash_table_unref);
      order->misses = 0;
    }
}

static void on_prospects_changed_cb (DlStore       *self,
                                     DlStoreEntity  entity,
                                     gint64         id,
                                     IndexKeeper   *keeper);

static IndexKeeper *
index_keeper (DlStore *self)
{
  IndexKeeper *keeper = g_object_get_data (G_OBJECT (self), "dl-prospect-index-keeper");

  if (keeper == NULL)
    {
      keeper = g_new0 (IndexKeeper, 1);
      keeper->dirty = new_id_set ();
      keeper->orders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              stage_order_free);
      g_object_set_data_full (G_OBJECT (self), "dl-prospect-index-keeper", keeper,
                              index_keeper_free);
      /* connected before any list of prospects (they are all made by
       * dl_store_get_prospects, which asks for the keeper first), so
       * lists reporting a change already see the new indexes */
      g_signal_connect (self, "changed::prospects", G_CALLBACK (on_prospects_changed_cb), keeper);
      g_signal_connect (self, "restored", G_CALLBACK (on_restored_cb), keeper);
    }

  return keeper;
}

static StageOrder *
get_stage_order (DlStore *self,
                 gint64   stage_id)
{
  IndexKeeper *keeper = index_keeper (self);
  StageOrder *order = g_hash_table_lookup (keeper->orders, &stage_id);

  if (order == NULL)
    {
      order = g_new0 (StageOrder, 1);
      g_hash_table_insert (keeper->orders, g_memdup2 (&stage_id, sizeof stage_id), order);
    }

  return order;
}

/* The id -> index + 1 map of stage_id as committed, or NULL: inside a
 * transaction (whose writes may yet be rolled back), and for the first
 * few loads after a write. */
static GHashTable *
stage_order (DlStore *self,
             gint64   stage_id)
{
  StageOrder *order = get_stage_order (self, stage_id);
  sqlite3 *db = dl_store_get_handle (self);
  g_autoptr(DlStmt) stmt = NULL;
  guint index = 0;

  if (dl_store_in_transaction (self))
    return NULL;

  if (order->index != NULL && order->changes == sqlite3_total_changes64 (db))
    return order->index;

  if (order->changes != sqlite3_total_changes64 (db))
    {
      g_clear_pointer (&order->index, g_hash_table_unref);
      order->changes = sqlite3_total_changes64 (db);
      order->misses = 0;
    }
  if (order->misses++ < ORDER_MISSES_BEFORE_READ)
    return NULL;

  stmt = dl_store_prepare (self, DL_STORE_PROSPECT_IDS_SQL, NULL);
  if (stmt == NULL)
    return NULL;

  order->index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_bind_int64 (stmt, 1, stage_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (order->index, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (++index));
    }

  return order->index;
}

/* Live cards of a stage with a list alive get their index from the list
 * (it reads the stage anyway); the others from one ordered read here. */
static void
reindex_stage (DlStore *self,
               gint64   stage_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  guint index = 0;

  if (get_stage_order (self, stage_id)->n_lists > 0)
    return;

  stmt = dl_store_prepare (self, DL_STORE_PROSPECT_IDS_SQL, NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      DlProspect *live = dl_store_peek_item (self, DL_STORE_ENTITY_PROSPECTS,
                                             sqlite3_column_int64 (stmt, 0));

      if (live != NULL && dl_prospect_get_stage_id (live) == stage_id)
        dl_prospect_set_position (live, index);
      index++;
    }
}

void
dl_store_count_prospect_list (DlStore *self,
                              gint64   stage_id,
                              int      delta)
{
  StageOrder *order = get_stage_order (self, stage_id);

  order->n_lists += delta;
}

static void
on_prospects_changed_cb (DlStore       *self,
                         DlStoreEntity  entity,
                         gint64         id,
                         IndexKeeper   *keeper)
{
  g_autoptr(GHashTable) dirty = NULL;
  GHashTableIter iter;
  gint64 *stage_id;

  if (g_hash_table_size (keeper->dirty) == 0)
    return;

  /* handlers below may write again and mark afresh */
  dirty = g_steal_pointer (&keeper->dirty);
  keeper->dirty = new_id_set ();

  g_hash_table_iter_init (&iter, dirty);
  while (g_hash_table_iter_next (&iter, (gpointer *) &stage_id, NULL))
    reindex_stage (self, *stage_id);
}

void
dl_store_mark_stage_order (DlStore *self,
                           gint64   stage_id)
{
  IndexKeeper *keeper = index_keeper (self);

  g_hash_table_add (keeper->dirty, g_memdup2 (&stage_id, sizeof stage_id));
}

/* The card's index in its stage: how many come before it. */
static guint
prospect_index (DlStore *self,
                gint64   person_id,
                gint64   stage_id,
                gint64   key)
{
  GHashTable *order = stage_order (self, stage_id);
  g_autoptr(DlStmt) stmt = NULL;

  if (order != NULL)
    return MAX (GPOINTER_TO_UINT (g_hash_table_lookup (order, &person_id)), 1) - 1;

  stmt = dl_store_prepare (self,
                           "SELECT count(*) FROM prospect WHERE stage_id = ?1 "
                           "AND (position < ?2 OR (position = ?2 AND person_id < ?3))",
                           NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, key);
  sqlite3_bind_int64 (stmt, 3, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint) sqlite3_column_int64 (stmt, 0);
}

DlProspect *
dl_store_load_prospect (DlStore *self,
                        gint64   person_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(GDateTime) entered = NULL;
  DlInterest interest = DL_INTEREST_UNKNOWN;
  DlQualification qualification = 0;
  DlProspect *prospect;
  gint64 stage_id, key;

  stmt = dl_store_prepare (self,
                           "SELECT stage_id, position, interest, q_self_starter, q_will_work, "
                           "q_good_fit, q_loves_product, next_follow_up, entered_stage_at, "
                           "not_now_reason, revisit_on FROM prospect WHERE person_id = ?",
                           NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  person = dl_store_get_person (self, person_id);
  if (person == NULL)
    return NULL;

  dl_interest_from_string (dl_stmt_text (stmt, 2), &interest);
  if (sqlite3_column_int (stmt, 3))
    qualification |= DL_QUALIFY_SELF_STARTER;
  if (sqlite3_column_int (stmt, 4))
    qualification |= DL_QUALIFY_WILL_WORK;
  if (sqlite3_column_int (stmt, 5))
    qualification |= DL_QUALIFY_GOOD_FIT;
  if (sqlite3_column_int (stmt, 6))
    qualification |= DL_QUALIFY_LOVES_PRODUCT;
  entered = dl_stmt_stamp (stmt, 8);
  stage_id = sqlite3_column_int64 (stmt, 0);
  key = sqlite3_column_int64 (stmt, 1);

  prospect = g_object_new (DL_TYPE_PROSPECT, "id", person_id, NULL);
  dl_prospect_set_person (prospect, person);
  dl_prospect_set_stage_id (prospect, stage_id);
  dl_prospect_set_interest (prospect, interest);
  dl_prospect_set_qualification (prospect, qualification);
  dl_prospect_set_next_follow_up (prospect, dl_stmt_day (stmt, 7));
  dl_prospect_set_entered_stage_at (prospect, entered);
  dl_prospect_set_not_now_reason (prospect, dl_stmt_text (stmt, 9));
  dl_prospect_set_revisit_on (prospect, dl_stmt_day (stmt, 10));
  g_clear_pointer (&stmt, dl_stmt_release);
  dl_prospect_set_position (prospect, prospect_index (self, person_id, stage_id, key));

  return prospect;
}

DlProspect *
dl_store_get_prospect (DlStore *self,
                       gint64   person_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return dl_store_get_item (self, DL_STORE_ENTITY_PROSPECTS, person_id);
}

GListModel *
dl_store_get_prospects (DlStore *self,
                        gint64   stage_id)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  index_keeper (self);

  return G_LIST_MODEL (dl_prospect_list_new (self, stage_id));
}

/* The prospect's stage, or 0 with NOT_FOUND set. */
static gint64
prospect_stage (DlStore  *self,
                gint64    person_id,
                GError  **error)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (self, "SELECT stage_id FROM prospect WHERE person_id = ?", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("This person is no longer in the pipeline."));

  return 0;
}

/* Rewrites the keys of stage_id (without exclude_id) as 0, GAP, 2 GAP...
 * in their order.  The order stays, so nothing is signalled. */
static gboolean
spread_keys (DlStore  *self,
             gint64    stage_id,
             gint64    exclude_id,
             GError  **error)
{
  g_autoptr(GArray) ids = dl_store_read_ordered_ids (self, DL_STORE_PROSPECT_IDS_SQL, stage_id, exclude_id, error);

  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DlStmt) stmt = dl_store_prepare (self, PROSPECT_KEY_SQL, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, (gint64) i * PROSPECT_GAP);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The keys of the cards that will sit before and after index once
 * person_id is out of the stage; has_* FALSE at an end. */
static gboolean
neighbour_keys (DlStore   *self,
                gint64     stage_id,
                gint64     person_id,
                guint      index,
                gboolean  *has_before,
                gint64    *before,
                gboolean  *has_after,
                gint64    *after,
                GError   **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  stmt = dl_store_prepare (self,
                           "SELECT position FROM prospect WHERE stage_id = ?1 AND person_id <> ?2 "
                           "ORDER BY position, person_id LIMIT 2 OFFSET ?3",
                           error);
  if (stmt == NULL)
    return FALSE;

  *has_before = *has_after = FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_int64 (stmt, 3, index > 0 ? index - 1 : 0);

  if (index > 0)
    {
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          *has_before = TRUE;
          *before = sqlite3_column_int64 (stmt, 0);
        }
      else if (rc != SQLITE_DONE)
        {
          dl_store_set_sqlite_error (self, error, rc, NULL);
          return FALSE;
        }
      else
        {
          /* past the end: after the last card */
          g_autoptr(DlStmt) last = NULL;

          g_clear_pointer (&stmt, dl_stmt_release);
          last = dl_store_prepare (self,
                                   "SELECT max (position) FROM prospect "
                                   "WHERE stage_id = ?1 AND person_id <> ?2",
                                   error);
          if (last == NULL)
            return FALSE;
          sqlite3_bind_int64 (last, 1, stage_id);
          sqlite3_bind_int64 (last, 2, person_id);
          if (sqlite3_step (last) == SQLITE_ROW && sqlite3_column_type (last, 0) != SQLITE_NULL)
            {
              *has_before = TRUE;
              *before = sqlite3_column_int64 (last, 0);
            }
          return TRUE;
        }
    }

  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *has_after = TRUE;
      *after = sqlite3_column_int64 (stmt, 0);
    }
  else if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, NULL);
      return FALSE;
    }

  return TRUE;
}

/* A key that sorts person_id at index among the others, or FALSE
 * (without error) when the neighbours leave no room. */
static gboolean
key_between (gboolean  has_before,
             gint64    before,
             gboolean  has_after,
             gint64    after,
             gint64   *key)
{
  if (!has_before && !has_after)
    *key = 0;
  else if (!has_before)
    *key = after - PROSPECT_GAP;
  else if (!has_after)
    *key = before + PROSPECT_GAP;
  else if (after - before >= 2)
    *key = before + (after - before) / 2;
  else
    return FALSE;

  return TRUE;
}

gboolean
dl_store_place_prospect (DlStore  *self,
                         gint64    person_id,
                         gint64    stage_id,
                         guint     index,
                         GError  **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  gboolean has_before, has_after;
  gint64 before = 0, after = 0, key;

  if (!neighbour_keys (self, stage_id, person_id, index,
                       &has_before, &before, &has_after, &after, error))
    return FALSE;

  if (!key_between (has_before, before, has_after, after, &key))
    {
      /* no room left between these two: spread the stage out, once */
      if (!spread_keys (self, stage_id, person_id, error)
          || !neighbour_keys (self, stage_id, person_id, index,
                              &has_before, &before, &has_after, &after, error))
        return FALSE;
      if (!key_between (has_before, before, has_after, after, &key))
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                       _("There is no room for the card at position %u."), index + 1);
          return FALSE;
        }
    }

  stmt = dl_store_prepare (self, PROSPECT_KEY_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_mark_stage_order (self, stage_id);
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, person_id);

  return TRUE;
}

typedef struct
{
  DlPerson *person;
  gint64    id;
  gint64    stage_id;
  guint     position;
} ProspectData;

static gboolean
add_prospect_cb (DlStore  *self,
                 gpointer  data,
                 GError  **error)
{
  ProspectData *prospect = data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  gint64 id = dl_person_get_id (prospect->person);

  if (dl_store_stage_missing (self, prospect->stage_id, error))
    return FALSE;

  if (id == 0)
    {
      id = dl_store_insert_person (self, prospect->person, error);
      if (id == 0)
        return FALSE;
    }
  else
    {
      g_autoptr(DlPerson) person = dl_store_get_person (self, id);
      g_autoptr(DlStmt) check = NULL;

      if (person == NULL)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                       _("This person no longer exists; they may have been deleted."));
          return FALSE;
        }

      check = dl_store_prepare (self, "SELECT 1 FROM prospect WHERE person_id = ?", error);
      if (check == NULL)
        return FALSE;
      sqlite3_bind_int64 (check, 1, id);
      if (sqlite3_step (check) == SQLITE_ROW)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
                       _("%s is already in the pipeline."), dl_person_get_name (person));
          return FALSE;
        }
    }

  /* at the end of the stage, a gap after the last card */
  stmt = dl_store_prepare (self,
                           "INSERT INTO prospect (person_id, stage_id, position, entered_stage_at) "
                           "VALUES (?1, ?2, (SELECT coalesce (max (position) + "
                           G_STRINGIFY (PROSPECT_GAP) ", 0) FROM prospect WHERE stage_id = ?2), ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, prospect->stage_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  prospect->id = id;
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, id);

  return TRUE;
}

DlProspect *
dl_store_add_prospect (DlStore   *self,
                       DlPerson  *person,
                       gint64     stage_id,
                       GError   **error)
{
  ProspectData data = { person, 0, stage_id, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (DL_IS_PERSON (person), NULL);

  if (!dl_store_run_in_transaction (self, add_prospect_cb, &data, error))
    return NULL;

  return dl_store_get_prospect (self, data.id);
}

/* The stage person_id is leaving goes into the history, with when they
 * had entered it. */
static gboolean
record_exit (DlStore  *self,
             gint64    person_id,
             gint64    stage_id,
             GError  **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *entered = NULL;

  stmt = dl_store_prepare (self, "SELECT entered_stage_at FROM prospect WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entered = g_strdup (dl_stmt_text (stmt, 0));
  g_clear_pointer (&stmt, dl_stmt_release);

  return dl_store_record_stage_exit (self, person_id, stage_id, entered, error);
}

static gboolean
move_prospect_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  ProspectData *move = data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = NULL;
  gint64 from_stage;

  from_stage = prospect_stage (self, move->id, error);
  if (from_stage == 0 || dl_store_stage_missing (self, move->stage_id, error))
    return FALSE;

  if (from_stage != move->stage_id)
    {
      if (!record_exit (self, move->id, from_stage, error))
        return FALSE;
      now = dl_store_now_stamp ();
      stmt = dl_store_prepare (self,
                               "UPDATE prospect SET stage_id = ?1, entered_stage_at = ?2 "
                               "WHERE person_id = ?3",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, move->stage_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, move->id);
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;
      dl_store_mark_stage_order (self, from_stage);
    }

  return dl_store_place_prospect (self, move->id, move->stage_id, move->position, error);
}

gboolean
dl_store_move_prospect (DlStore  *self,
                        gint64    person_id,
                        gint64    stage_id,
                        guint     position,
                        GError  **error)
{
  ProspectData data = { NULL, person_id, stage_id, position };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, move_prospect_cb, &data, error);
}

static gboolean
update_prospect_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  DlProspect *draft = data;
  DlQualification q = dl_prospect_get_qualification (draft);
  g_autoptr(DlStmt) stmt = NULL;
  gint64 id = dl_prospect_get_id (draft);

  if (prospect_stage (self, id, error) == 0)
    return FALSE;

  stmt = dl_store_prepare (self,
                           "UPDATE prospect SET interest = ?1, q_self_starter = ?2, "
                           "q_will_work = ?3, q_good_fit = ?4, q_loves_product = ?5, "
                           "next_follow_up = ?6, not_now_reason = ?7, revisit_on = ?8 "
                           "WHERE person_id = ?9",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, dl_interest_to_string (dl_prospect_get_interest (draft)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, (q & DL_QUALIFY_SELF_STARTER) != 0);
  sqlite3_bind_int (stmt, 3, (q & DL_QUALIFY_WILL_WORK) != 0);
  sqlite3_bind_int (stmt, 4, (q & DL_QUALIFY_GOOD_FIT) != 0);
  sqlite3_bind_int (stmt, 5, (q & DL_QUALIFY_LOVES_PRODUCT) != 0);
  dl_stmt_bind_day (stmt, 6, dl_prospect_get_next_follow_up (draft));
  sqlite3_bind_text (stmt, 7, dl_prospect_get_not_now_reason (draft), -1, SQLITE_TRANSIENT);
  dl_stmt_bind_day (stmt, 8, dl_prospect_get_revisit_on (draft));
  sqlite3_bind_int64 (stmt, 9, id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, id);

  return TRUE;
}

gboolean
dl_store_update_prospect (DlStore     *self,
                          DlProspect  *draft,
                          GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (DL_IS_PROSPECT (draft), FALSE);

  return dl_store_update_row (self, update_prospect_cb, draft, DL_STORE_ENTITY_PROSPECTS,
                              dl_prospect_get_id (draft), error);
}

/* The small setters start from the stored row, so they never overwrite
 * fields the caller did not mean to touch. */
static gboolean
change_prospect (DlStore          *self,
                 gint64            person_id,
                 void            (*change) (DlProspect *draft,
                                            gconstpointer data),
                 gconstpointer     data,
                 GError          **error)
{
  g_autoptr(DlProspect) stored = NULL;
  g_autoptr(DlProspect) draft = NULL;

  if (!dl_store_begin (self, error))
    return FALSE;

  stored = dl_store_load_prospect (self, person_id);
  if (stored == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the pipeline."));
      dl_store_rollback (self);
      return FALSE;
    }

  draft = dl_prospect_copy (stored);
  change (draft, data);

  if (!update_prospect_cb (self, draft, error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  return dl_store_commit (self, error);
}

static void
change_follow_up (DlProspect    *draft,
                  gconstpointer  data)
{
  dl_prospect_set_next_follow_up (draft, *(const DlDay *) data);
}

typedef struct
{
  const char *reason;
  DlDay       revisit_on;
} NotNow;

static void
change_not_now (DlProspect    *draft,
                gconstpointer  data)
{
  const NotNow *not_now = data;

  dl_prospect_set_not_now_reason (draft, not_now->reason);
  dl_prospect_set_revisit_on (draft, not_now->revisit_on);
  /* the day to ask again takes the place of the old follow-up: one
   * planned for before they said "not now" would bring them back early */
  dl_prospect_set_next_follow_up (draft, DL_DAY_NONE);
}

gboolean
dl_store_set_prospect_follow_up (DlStore  *self,
                                 gint64    person_id,
                                 DlDay     day,
                                 GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return change_prospect (self, person_id, change_follow_up, &day, error);
}

gboolean
dl_store_set_prospect_not_now (DlStore     *self,
                               gint64       person_id,
                               const char  *reason,
                               DlDay        revisit_on,
                               GError     **error)
{
  NotNow not_now = { reason ? reason : "", revisit_on };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return change_prospect (self, person_id, change_not_now, &not_now, error);
}

typedef struct
{
  gint64   person_id;
  gboolean unadd;      /* taking back an add: no history, and the person
                        * goes too when nothing else refers to them */
} RemoveData;

static gboolean
remove_prospect_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  RemoveData *remove = data;
  gint64 person_id = remove->person_id;
  g_autoptr(DlStmt) stmt = NULL;
  gint64 stage_id;

  stage_id = prospect_stage (self, person_id, error);
  if (stage_id == 0 || (!remove->unadd && !record_exit (self, person_id, stage_id, error)))
    return FALSE;

  stmt = dl_store_prepare (self, "DELETE FROM prospect WHERE person_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;
  dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, person_id);
  /* the cards below move up one: their keys stay, their indexes change */
  dl_store_mark_stage_order (self, stage_id);

  if (remove->unadd)
    {
      /* made by the add and touched by nothing since: no contact, letter,
       * membership or other stage history */
      g_clear_pointer (&stmt, dl_stmt_release);
      stmt = dl_store_prepare (self,
                               "DELETE FROM person WHERE id = ?1 "
                               "AND NOT EXISTS (SELECT 1 FROM interaction WHERE person_id = ?1) "
                               "AND NOT EXISTS (SELECT 1 FROM letter WHERE person_id = ?1) "
                               "AND NOT EXISTS (SELECT 1 FROM member WHERE person_id = ?1) "
                               "AND NOT EXISTS (SELECT 1 FROM stage_exit WHERE person_id = ?1) "
                               "AND NOT EXISTS (SELECT 1 FROM profile WHERE person_id = ?1)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, person_id);
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (dl_store_get_handle (self)) > 0)
        dl_store_emit_changed (self, DL_STORE_ENTITY_PEOPLE, person_id);
    }

  return TRUE;
}

gboolean
dl_store_remove_prospect (DlStore  *self,
                          gint64    person_id,
                          GError  **error)
{
  RemoveData remove = { person_id, FALSE };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, remove_prospect_cb, &remove, error);
}

gboolean
dl_store_unadd_prospect (DlStore  *self,
                         gint64    person_id,
                         GError  **error)
{
  RemoveData remove = { person_id, TRUE };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, remove_prospect_cb, &remove, error);
}

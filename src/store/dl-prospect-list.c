/* dl-prospect-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like DlStoreList (ids kept, items made when asked, one items-changed
 * for the range that differs), but a change of one prospect reloads only
 * the lists it concerns: the stage it is in now and the stage it was in
 * (where its id still is).  A drop between two columns of a board of
 * seven then reads two lists, not seven.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include "dl-items-private.h"
#include "dl-prospect-list.h"
#include "dl-store-private.h"
#include "dl-store-pipeline-private.h"

#define IDS_SQL \
  "SELECT person_id FROM prospect WHERE stage_id = ?1 ORDER BY position, person_id"

/* Below this many cards, a move is reported as the span replaced, as
 * DlStoreList does: cheap at that size, and what the store's tests of
 * live models expect. */
#define MOVE_MIN_SPAN 16

struct _DlProspectList
{
  GObject     parent_instance;

  DlStore    *store;
  gint64      stage_id;
  GArray     *ids;        /* gint64 */
  GPtrArray  *items;      /* same length; NULL until asked for */
};

static void dl_prospect_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlProspectList, dl_prospect_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dl_prospect_list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static GArray *
query_ids (DlProspectList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = dl_store_prepare (self->store, IDS_SQL, &error);
  if (stmt == NULL)
    {
      g_critical ("List query failed: %s", error->message);
      return ids;
    }

  sqlite3_bind_int64 (stmt, 1, self->stage_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    g_warning ("Reading a stage from “%s” stopped early: %s",
               dl_store_get_path (self->store),
               sqlite3_errmsg (dl_store_get_handle (self->store)));

  return ids;
}

/* The stage person_id is in now, 0 when none. */
static gint64
stage_of (DlProspectList *self,
          gint64          person_id)
{
  g_autoptr(DlStmt) stmt = NULL;

  stmt = dl_store_prepare (self->store, "SELECT stage_id FROM prospect WHERE person_id = ?", NULL);
  if (stmt == NULL)
    return -1;   /* cannot tell: reload to be safe */

  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  return 0;
}

static void
on_store_changed_cb (DlStore        *store,
                     DlStoreEntity   entity,
                     gint64          id,
                     DlProspectList *self)
{
  gint64 stage;

  if (id != 0 && dl_prospect_list_find (self, id) < 0)
    {
      stage = stage_of (self, id);
      if (stage != -1 && stage != self->stage_id)
        return;
    }

  dl_prospect_list_reload (self);
}

static GType
dl_prospect_list_get_item_type (GListModel *model)
{
  return DL_TYPE_PROSPECT;
}

static guint
dl_prospect_list_get_n_items (GListModel *model)
{
  return DL_PROSPECT_LIST (model)->ids->len;
}

static gpointer
dl_prospect_list_get_item (GListModel *model,
                           guint       position)
{
  DlProspectList *self = DL_PROSPECT_LIST (model);
  gpointer item;

  if (position >= self->ids->len)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = dl_store_get_item (self->store, DL_STORE_ENTITY_PROSPECTS,
                                g_array_index (self->ids, gint64, position));
      g_ptr_array_index (self->items, position) = item;
    }

  return item ? g_object_ref (item) : NULL;
}

static void
dl_prospect_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_prospect_list_get_item_type;
  iface->get_n_items = dl_prospect_list_get_n_items;
  iface->get_item = dl_prospect_list_get_item;
}

static void
dl_prospect_list_dispose (GObject *object)
{
  DlProspectList *self = (DlProspectList *)object;

  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  if (self->store != NULL)
    dl_store_count_prospect_list (self->store, self->stage_id, -1);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_prospect_list_parent_class)->dispose (object);
}

static void
dl_prospect_list_finalize (GObject *object)
{
  DlProspectList *self = (DlProspectList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_prospect_list_parent_class)->finalize (object);
}

static void
dl_prospect_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlProspectList *self = DL_PROSPECT_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, DL_TYPE_PROSPECT);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_prospect_list_class_init (DlProspectListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_prospect_list_dispose;
  object_class->finalize = dl_prospect_list_finalize;
  object_class->get_property = dl_prospect_list_get_property;

  properties [PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        G_TYPE_OBJECT,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_prospect_list_init (DlProspectList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_ptr_array_new_with_free_func (unref_if_set);
}

DlProspectList *
dl_prospect_list_new (DlStore *store,
                      gint64   stage_id)
{
  DlProspectList *self;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  self = g_object_new (DL_TYPE_PROSPECT_LIST, NULL);
  self->store = g_object_ref (store);
  self->stage_id = stage_id;
  g_signal_connect_object (store, "changed::prospects", G_CALLBACK (on_store_changed_cb), self, 0);
  dl_store_count_prospect_list (store, stage_id, 1);

  g_array_unref (self->ids);
  self->ids = query_ids (self);
  g_ptr_array_set_size (self->items, self->ids->len);

  return self;
}

gint64
dl_prospect_list_get_stage_id (DlProspectList *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT_LIST (self), 0);

  return self->stage_id;
}

gint64
dl_prospect_list_get_id (DlProspectList *self,
                         guint           position)
{
  g_return_val_if_fail (DL_IS_PROSPECT_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

int
dl_prospect_list_find (DlProspectList *self,
                       gint64          person_id)
{
  const gint64 *ids;

  g_return_val_if_fail (DL_IS_PROSPECT_LIST (self), -1);

  ids = (const gint64 *) (gpointer) self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == person_id)
      return (int) i;

  return -1;
}

static void
update_indexes (DlProspectList *self,
                guint           from,
                guint           to)
{
  const gint64 *ids = (const gint64 *) (gpointer) self->ids->data;

  for (guint i = from; i < to; i++)
    {
      DlProspect *live = dl_store_peek_item (self->store, DL_STORE_ENTITY_PROSPECTS, ids[i]);

      if (live != NULL && dl_prospect_get_stage_id (live) == self->stage_id)
        dl_prospect_set_position (live, i);
    }
}

/* A card moved within the stage reads, to a diff, as the whole span
 * between its old and new place replaced.  Said as one removal and one
 * addition, the cards in between keep their items and their widgets. */
static gboolean
moved_one (DlProspectList *self,
           const gint64   *old,
           const gint64   *new,
           guint           head,
           guint           span)
{
  guint last = head + span - 1;
  guint from, to;
  gpointer item;
  gint64 id;

  if (old[head] == new[last]
      && memcmp (&old[head + 1], &new[head], (span - 1) * sizeof (gint64)) == 0)
    {
      from = head;        /* moved down */
      to = last;
    }
  else if (old[last] == new[head]
           && memcmp (&old[head], &new[head + 1], (span - 1) * sizeof (gint64)) == 0)
    {
      from = last;        /* moved up */
      to = head;
    }
  else
    return FALSE;

  /* in between, the list is the old one without the card, which is the
   * new one without it: what a view asks for then must be there */
  id = g_array_index (self->ids, gint64, to);
  g_array_remove_index (self->ids, to);
  item = g_ptr_array_steal_index (self->items, from);
  g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);

  g_array_insert_val (self->ids, to, id);
  g_ptr_array_insert (self->items, to, item);
  update_indexes (self, head, last + 1);
  g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);

  return TRUE;
}

void
dl_prospect_list_reload (DlProspectList *self)
{
  g_autoptr(GArray) old_ids = NULL;
  const gint64 *old, *new;
  guint n_old, n_new, head = 0, tail = 0;
  guint removed, added;

  g_return_if_fail (DL_IS_PROSPECT_LIST (self));

  old_ids = g_steal_pointer (&self->ids);
  self->ids = query_ids (self);

  old = (const gint64 *) (gpointer) old_ids->data;
  new = (const gint64 *) (gpointer) self->ids->data;
  n_old = old_ids->len;
  n_new = self->ids->len;

  while (head < n_old && head < n_new && old[head] == new[head])
    head++;
  while (tail < n_old - head && tail < n_new - head
         && old[n_old - 1 - tail] == new[n_new - 1 - tail])
    tail++;

  removed = n_old - head - tail;
  added = n_new - head - tail;
  if (removed == 0 && added == 0)
    return;

  if (removed == added && removed > MOVE_MIN_SPAN && moved_one (self, old, new, head, removed))
    return;

  g_ptr_array_remove_range (self->items, head, removed);
  if (added > 0)
    {
      guint len = self->items->len;

      g_ptr_array_set_size (self->items, len + added);
      memmove (&self->items->pdata[head + added], &self->items->pdata[head],
               (len - head) * sizeof (gpointer));
      memset (&self->items->pdata[head], 0, added * sizeof (gpointer));
    }

  /* every card from head on may sit at another index now; the store
   * keeps indexes too, but not after every kind of write (a person
   * deleted takes their card with them) */
  update_indexes (self, head, n_new);

  g_list_model_items_changed (G_LIST_MODEL (self), head, removed, added);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

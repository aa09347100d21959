/* dl-store-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list keeps row ids only and asks the store for items when a view
 * does, so a list of every person stays a few bytes per row.  After a
 * change it reads the ids again and reports the one range that differs
 * (common head and tail kept), which leaves untouched rows and their
 * widgets alone; one row moved across a long span is said as that row
 * removed and put back, so the rows in between keep their widgets too.
 * Changed fields need no signal from the list: items are shared and the
 * store refreshes them in place.
 *
 * Two hooks (dl-store-private.h) let a list of one stage's cards skip
 * the changes of other stages and keep its cards' indexes.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include "dl-store-list.h"
#include "dl-store-private.h"

/* Below this span a row moved is reported as the span replaced: cheap
 * at that size, and what the store's tests of live models expect. */
#define MOVE_MIN_SPAN 16

struct _DlStoreList
{
  GObject        parent_instance;

  DlStore       *store;
  DlStoreEntity  entity;
  char          *ids_sql;
  gint64         param;

  GArray        *ids;        /* gint64 */
  GPtrArray     *items;      /* same length; NULL until asked for */

  DlStoreListConcerns  concerns;
  DlStoreListReindex   reindex;
  gpointer             hook_data;
  GDestroyNotify       hook_destroy;
};

static void dl_store_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlStoreList, dl_store_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dl_store_list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Slots stay NULL until a view asks for the item. */
static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static GType
entity_item_type (DlStoreEntity entity)
{
  switch (entity)
    {
    case DL_STORE_ENTITY_PROFILE:
      return DL_TYPE_PROFILE;
    case DL_STORE_ENTITY_PEOPLE:
      return DL_TYPE_PERSON;
    case DL_STORE_ENTITY_STAGES:
      return DL_TYPE_STAGE;
    case DL_STORE_ENTITY_PROSPECTS:
      return DL_TYPE_PROSPECT;
    case DL_STORE_ENTITY_MEMBERS:
      return DL_TYPE_MEMBER;
    case DL_STORE_ENTITY_INTERACTIONS:
      return DL_TYPE_INTERACTION;
    case DL_STORE_ENTITY_TEMPLATES:
      return DL_TYPE_TEMPLATE;
    case DL_STORE_ENTITY_LETTERS:
      return DL_TYPE_LETTER;
    default:
      g_assert_not_reached ();
    }
}

static GArray *
query_ids (DlStoreList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = dl_store_prepare (self->store, self->ids_sql, &error);
  if (stmt == NULL)
    {
      g_critical ("List query failed: %s", error->message);
      return ids;
    }

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, self->param);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  /* A read can fail when the disk does; the list then shows what it
   * could read rather than nothing. */
  if (rc != SQLITE_DONE)
    g_warning ("Reading a list from “%s” stopped early: %s",
               dl_store_get_path (self->store),
               sqlite3_errmsg (dl_store_get_handle (self->store)));

  return ids;
}

static void
on_store_changed_cb (DlStore       *store,
                     DlStoreEntity  entity,
                     gint64         id,
                     DlStoreList   *self)
{
  if (self->concerns != NULL && !self->concerns (self, id, self->hook_data))
    return;
  dl_store_list_reload (self);
}

static GType
dl_store_list_get_item_type (GListModel *model)
{
  return entity_item_type (DL_STORE_LIST (model)->entity);
}

static guint
dl_store_list_get_n_items (GListModel *model)
{
  return DL_STORE_LIST (model)->ids->len;
}

static gpointer
dl_store_list_get_item (GListModel *model,
                        guint       position)
{
  DlStoreList *self = DL_STORE_LIST (model);
  gpointer item;

  if (position >= self->ids->len)
    return NULL;

  item = g_ptr_array_index (self->items, position);
  if (item == NULL)
    {
      item = dl_store_get_item (self->store, self->entity,
                                g_array_index (self->ids, gint64, position));
      g_ptr_array_index (self->items, position) = item;
    }

  return item ? g_object_ref (item) : NULL;
}

static void
dl_store_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_store_list_get_item_type;
  iface->get_n_items = dl_store_list_get_n_items;
  iface->get_item = dl_store_list_get_item;
}

static void
dl_store_list_dispose (GObject *object)
{
  DlStoreList *self = (DlStoreList *)object;

  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  self->concerns = NULL;
  self->reindex = NULL;
  if (self->hook_destroy != NULL)
    {
      GDestroyNotify destroy = g_steal_pointer (&self->hook_destroy);

      destroy (g_steal_pointer (&self->hook_data));
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_store_list_parent_class)->dispose (object);
}

static void
dl_store_list_finalize (GObject *object)
{
  DlStoreList *self = (DlStoreList *)object;

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->ids_sql, g_free);

  G_OBJECT_CLASS (dl_store_list_parent_class)->finalize (object);
}

static void
dl_store_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlStoreList *self = DL_STORE_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, entity_item_type (self->entity));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_store_list_class_init (DlStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_store_list_dispose;
  object_class->finalize = dl_store_list_finalize;
  object_class->get_property = dl_store_list_get_property;

  /* The type of the items, as GtkBuilder and GListStore name it. */
  properties [PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        G_TYPE_OBJECT,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The number of items, for bindings ("3 prospects"). */
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_store_list_init (DlStoreList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->items = g_ptr_array_new_with_free_func (unref_if_set);
}

DlStoreList *
dl_store_list_new (DlStore       *store,
                   DlStoreEntity  entity,
                   const char    *ids_sql,
                   gint64         param)
{
  g_autofree char *detail = NULL;
  GEnumClass *entities;
  DlStoreList *self;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (ids_sql != NULL, NULL);

  self = g_object_new (DL_TYPE_STORE_LIST, NULL);
  self->store = g_object_ref (store);
  self->entity = entity;
  self->ids_sql = g_strdup (ids_sql);
  self->param = param;

  entities = g_type_class_ref (DL_TYPE_STORE_ENTITY);
  detail = g_strconcat ("changed::", g_enum_get_value (entities, entity)->value_nick, NULL);
  g_type_class_unref (entities);
  g_signal_connect_object (store, detail, G_CALLBACK (on_store_changed_cb), self, 0);

  g_array_unref (self->ids);
  self->ids = query_ids (self);
  g_ptr_array_set_size (self->items, self->ids->len);

  return self;
}

gint64
dl_store_list_get_id (DlStoreList *self,
                      guint        position)
{
  g_return_val_if_fail (DL_IS_STORE_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

int
dl_store_list_find (DlStoreList *self,
                    gint64       id)
{
  const gint64 *ids;

  g_return_val_if_fail (DL_IS_STORE_LIST (self), -1);

  ids = (const gint64 *) (gpointer) self->ids->data;
  for (guint i = 0; i < self->ids->len; i++)
    if (ids[i] == id)
      return (int) i;

  return -1;
}

void
dl_store_list_set_hooks (DlStoreList         *self,
                         DlStoreListConcerns  concerns,
                         DlStoreListReindex   reindex,
                         gpointer             data,
                         GDestroyNotify       destroy)
{
  g_return_if_fail (DL_IS_STORE_LIST (self));
  g_return_if_fail (self->hook_destroy == NULL);

  self->concerns = concerns;
  self->reindex = reindex;
  self->hook_data = data;
  self->hook_destroy = destroy;
}

static void
reindex (DlStoreList *self,
         guint        from,
         guint        to)
{
  if (self->reindex != NULL && from < to)
    self->reindex (self, from, to, self->hook_data);
}

/* One row moved within the list reads, to a diff, as the whole span
 * between its old and new place replaced.  Said as one removal and one
 * addition, the rows in between keep their items and their widgets. */
static gboolean
moved_one (DlStoreList  *self,
           const gint64 *old,
           const gint64 *new,
           guint         head,
           guint         span)
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

  /* in between, the list is the old one without the row, which is the
   * new one without it: what a view asks for then must be there */
  id = g_array_index (self->ids, gint64, to);
  g_array_remove_index (self->ids, to);
  item = g_ptr_array_steal_index (self->items, from);
  g_list_model_items_changed (G_LIST_MODEL (self), from, 1, 0);

  g_array_insert_val (self->ids, to, id);
  g_ptr_array_insert (self->items, to, item);
  reindex (self, head, last + 1);
  g_list_model_items_changed (G_LIST_MODEL (self), to, 0, 1);

  return TRUE;
}

void
dl_store_list_reload (DlStoreList *self)
{
  g_autoptr(GArray) old_ids = NULL;
  const gint64 *old, *new;
  guint n_old, n_new, head = 0, tail = 0;
  guint removed, added;

  g_return_if_fail (DL_IS_STORE_LIST (self));

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

  /* every row from head on may sit at another index now */
  reindex (self, head, n_new);

  g_list_model_items_changed (G_LIST_MODEL (self), head, removed, added);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

/* dl-member-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A million members must not mean a million GObjects: the list holds the
 * compact DlTree and makes a DlMember only when a view asks for a row
 * (the store shares it while it is in use).  Any change to the downline
 * reloads the tree and resets the list: positions are depth-first, so
 * one new recruit shifts every row after their sponsor's subtree anyway.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-member-list.h"
#include "dl-store-private.h"

struct _DlMemberList
{
  GObject  parent_instance;

  DlStore *store;
  DlTree  *tree;
};

static void dl_member_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlMemberList, dl_member_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      dl_member_list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_TREE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static guint
tree_size (DlTree *tree)
{
  return tree ? dl_tree_get_n_nodes (tree) : 0;
}

static void
reload (DlMemberList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) old = NULL;
  DlTree *tree;
  guint n_old, n_new;

  tree = dl_store_load_tree (self->store, &error);
  if (tree == NULL)
    {
      /* Keep showing the last good tree rather than an empty downline. */
      g_warning ("%s", error->message);
      return;
    }

  old = g_steal_pointer (&self->tree);
  self->tree = tree;
  n_old = tree_size (old);
  n_new = tree_size (tree);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TREE]);
  if (n_old != n_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static void
on_members_changed_cb (DlStore       *store,
                       DlStoreEntity  entity,
                       gint64         id,
                       DlMemberList  *self)
{
  reload (self);
}

/* A person's name and last contact are in the tree; other people's
 * changes (prospects) are not. */
static void
on_people_changed_cb (DlStore       *store,
                      DlStoreEntity  entity,
                      gint64         id,
                      DlMemberList  *self)
{
  if (id == 0 || self->tree == NULL || dl_tree_find (self->tree, id) >= 0)
    reload (self);
}

static GType
dl_member_list_get_item_type (GListModel *model)
{
  return DL_TYPE_MEMBER;
}

static guint
dl_member_list_get_n_items (GListModel *model)
{
  return tree_size (DL_MEMBER_LIST (model)->tree);
}

static gpointer
dl_member_list_get_item (GListModel *model,
                         guint       position)
{
  DlMemberList *self = DL_MEMBER_LIST (model);

  if (position >= tree_size (self->tree))
    return NULL;

  return dl_store_get_member (self->store, dl_tree_get_node (self->tree, position)->person_id);
}

static void
dl_member_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_member_list_get_item_type;
  iface->get_n_items = dl_member_list_get_n_items;
  iface->get_item = dl_member_list_get_item;
}

static void
dl_member_list_dispose (GObject *object)
{
  DlMemberList *self = (DlMemberList *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_member_list_parent_class)->dispose (object);
}

static void
dl_member_list_finalize (GObject *object)
{
  DlMemberList *self = (DlMemberList *)object;

  g_clear_pointer (&self->tree, dl_tree_unref);

  G_OBJECT_CLASS (dl_member_list_parent_class)->finalize (object);
}

static void
dl_member_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlMemberList *self = DL_MEMBER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TREE:
      g_value_set_pointer (value, self->tree);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, tree_size (self->tree));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_member_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlMemberList *self = DL_MEMBER_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_member_list_constructed (GObject *object)
{
  DlMemberList *self = (DlMemberList *)object;

  G_OBJECT_CLASS (dl_member_list_parent_class)->constructed (object);

  g_signal_connect_object (self->store, "changed::members",
                           G_CALLBACK (on_members_changed_cb), self, 0);
  g_signal_connect_object (self->store, "changed::people",
                           G_CALLBACK (on_people_changed_cb), self, 0);
  reload (self);
}

static void
dl_member_list_class_init (DlMemberListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dl_member_list_constructed;
  object_class->dispose = dl_member_list_dispose;
  object_class->finalize = dl_member_list_finalize;
  object_class->get_property = dl_member_list_get_property;
  object_class->set_property = dl_member_list_set_property;

  /* The store the members come from. */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The DlTree behind the list (a pointer: DlTree is not a boxed type). */
  properties [PROP_TREE] =
    g_param_spec_pointer ("tree", NULL, NULL,
                          G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The number of members. */
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_member_list_init (DlMemberList *self)
{
}

DlMemberList *
dl_member_list_new (DlStore *store)
{
  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  return g_object_new (DL_TYPE_MEMBER_LIST, "store", store, NULL);
}

DlTree *
dl_member_list_get_tree (DlMemberList *self)
{
  g_return_val_if_fail (DL_IS_MEMBER_LIST (self), NULL);

  return self->tree;
}

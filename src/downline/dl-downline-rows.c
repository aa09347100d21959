/* dl-downline-rows.c — the Table's rows: members of the tree, places of a
 * flat list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-downline-rows.h"

#define NONE DL_TREE_NO_PARENT

/* The tree's rows are members.  A flat list's rows are places in it
 * ("the third"): which member a place shows is read from the list, so a
 * new ranking or filter gives the same row objects new members, and GTK
 * keeps their widgets, where new row objects made it build every row
 * widget again (0.2 s a header click, and after every contact). */
struct _DlDownlineRow
{
  GObject      parent_instance;
  guint        index;      /* the member, for the tree's rows */
  DlIndexList *list;       /* the flat list of a place, or NULL */
  guint        position;   /* the place in list */
};

G_DEFINE_FINAL_TYPE (DlDownlineRow, dl_downline_row, G_TYPE_OBJECT)

static void
dl_downline_row_finalize (GObject *object)
{
  g_clear_object (&DL_DOWNLINE_ROW (object)->list);

  G_OBJECT_CLASS (dl_downline_row_parent_class)->finalize (object);
}

static void
dl_downline_row_class_init (DlDownlineRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_downline_row_finalize;
}

static void
dl_downline_row_init (DlDownlineRow *self)
{
}

DlDownlineRow *
dl_downline_row_new (guint index)
{
  DlDownlineRow *row = g_object_new (DL_TYPE_DOWNLINE_ROW, NULL);

  row->index = index;
  return row;
}

void
dl_downline_row_set_member (DlDownlineRow *row,
                            guint          index)
{
  g_return_if_fail (row->list == NULL);
  row->index = index;
}

guint
dl_downline_row_get_member (DlDownlineRow *row)
{
  if (row->list == NULL)
    return row->index;
  return row->position < row->list->n ? row->list->indices[row->position] : NONE;
}

static GType
dl_index_list_get_item_type (GListModel *model)
{
  return DL_TYPE_DOWNLINE_ROW;
}

static guint
dl_index_list_get_n_items (GListModel *model)
{
  return DL_INDEX_LIST (model)->n;
}

static gpointer
dl_index_list_get_item (GListModel *model,
                        guint       position)
{
  DlIndexList *self = DL_INDEX_LIST (model);
  DlDownlineRow *row;

  if (position >= self->n)
    return NULL;
  row = g_object_new (DL_TYPE_DOWNLINE_ROW, NULL);
  row->list = g_object_ref (self);
  row->position = position;
  return row;
}

static void
dl_index_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_index_list_get_item_type;
  iface->get_n_items = dl_index_list_get_n_items;
  iface->get_item = dl_index_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DlIndexList, dl_index_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dl_index_list_model_init))

static void
dl_index_list_finalize (GObject *object)
{
  g_free (DL_INDEX_LIST (object)->indices);

  G_OBJECT_CLASS (dl_index_list_parent_class)->finalize (object);
}

static void
dl_index_list_class_init (DlIndexListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_index_list_finalize;
}

static void
dl_index_list_init (DlIndexList *self)
{
}

DlIndexList *
dl_index_list_new (guint32 *indices,
                guint    n)
{
  DlIndexList *list = g_object_new (DL_TYPE_INDEX_LIST, NULL);

  list->indices = indices;
  list->n = n;
  return list;
}

void
dl_index_list_set (DlIndexList *list,
                guint32     *indices,
                guint        n)
{
  guint old_n = list->n;

  g_free (list->indices);
  list->indices = indices;
  list->n = n;
  if (n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (list), n, old_n - n, 0);
  else if (n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (list), old_n, 0, n - old_n);
}

guint
dl_index_list_find (DlIndexList *list,
                 guint32      index)
{
  for (guint p = 0; p < list->n; p++)
    if (list->indices[p] == index)
      return p;
  return GTK_INVALID_LIST_POSITION;
}


guint
dl_downline_row_index_of (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (item);

      return dl_downline_row_get_member (DL_DOWNLINE_ROW (inner));
    }
  return dl_downline_row_get_member (DL_DOWNLINE_ROW (item));
}

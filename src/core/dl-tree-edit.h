/* dl-tree-edit.h — how one tree differs from the one read before it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After an edit the store hands the views a tree read again from the
 * file.  Most edits change one member: one added, one removed, one
 * moved to another sponsor with their group, or nothing of the tree's
 * shape at all (a name, a status).  dl_tree_edit_find () says which, by
 * comparing the two trees in linear time (in a worker thread: at a
 * million members it reads both node arrays), so that what is built on
 * the tree before (a layout) can follow the one change instead of being
 * made again.  Every node index of the tree before then maps to its
 * index in the tree after.
 */

#pragma once

#include "dl-tree.h"

G_BEGIN_DECLS

typedef enum
{
  DL_TREE_EDIT_SAME,    /* the same members in the same places */
  DL_TREE_EDIT_INSERT,  /* after has count more nodes at [to, to + count): one subtree */
  DL_TREE_EDIT_REMOVE,  /* before's nodes [from, from + count), one subtree, are gone */
  DL_TREE_EDIT_MOVE,    /* before's subtree at from, count nodes, stands at to in after */
} DlTreeEditKind;

typedef struct
{
  const DlTree   *before;   /* not a reference: for telling which tree it applies to */
  DlTreeEditKind  kind;
  guint32         from;
  guint32         to;
  guint32         count;
} DlTreeEdit;

/* TRUE when after is before with one of the edits above, filled in
 * edit; FALSE for anything else (two edits at once, an import), and
 * edit then applies to no tree. */
gboolean dl_tree_edit_find (const DlTree *before,
                            const DlTree *after,
                            DlTreeEdit   *edit);

/* The index in the tree after of the node at index in the tree before;
 * DL_TREE_NO_PARENT for a removed node (and for DL_TREE_NO_PARENT). */
static inline guint32
dl_tree_edit_map (const DlTreeEdit *edit,
                  guint32           index)
{
  if (index == DL_TREE_NO_PARENT)
    return DL_TREE_NO_PARENT;
  switch (edit->kind)
    {
    case DL_TREE_EDIT_SAME:
      return index;
    case DL_TREE_EDIT_INSERT:
      return index < edit->to ? index : index + edit->count;
    case DL_TREE_EDIT_REMOVE:
      if (index < edit->from)
        return index;
      return index < edit->from + edit->count ? DL_TREE_NO_PARENT : index - edit->count;
    case DL_TREE_EDIT_MOVE:
    default:
      if (index >= edit->from && index < edit->from + edit->count)
        return edit->to + (index - edit->from);
      if (index >= edit->from)
        index -= edit->count;
      return index < edit->to ? index : index + edit->count;
    }
}

/* The other way: the index in the tree before of the node at index in
 * the tree after; DL_TREE_NO_PARENT for an inserted node. */
static inline guint32
dl_tree_edit_unmap (const DlTreeEdit *edit,
                    guint32           index)
{
  if (index == DL_TREE_NO_PARENT)
    return DL_TREE_NO_PARENT;
  switch (edit->kind)
    {
    case DL_TREE_EDIT_SAME:
      return index;
    case DL_TREE_EDIT_INSERT:
      if (index < edit->to)
        return index;
      return index < edit->to + edit->count ? DL_TREE_NO_PARENT : index - edit->count;
    case DL_TREE_EDIT_REMOVE:
      return index < edit->from ? index : index + edit->count;
    case DL_TREE_EDIT_MOVE:
    default:
      if (index >= edit->to && index < edit->to + edit->count)
        return edit->from + (index - edit->to);
      if (index >= edit->to)
        index -= edit->count;
      return index < edit->from ? index : index + edit->count;
    }
}

G_END_DECLS

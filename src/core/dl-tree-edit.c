/* dl-tree-edit.c — how one tree differs from the one read before it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both trees are in pre-order, so one member added, removed or moved
 * with their group leaves the person ids the same from the front up to
 * the change and from the back down to it; the middle tells the edit
 * (nothing, a subtree more, a subtree less, or a subtree and what stood
 * beside it in swapped places).  Every parent is then checked under the
 * index map, so two edits that look like one are never taken for it.
 */
#define G_LOG_DOMAIN "dl-tree"

#include "config.h"

#include "dl-tree-edit.h"

#define NONE DL_TREE_NO_PARENT

static inline gint64
id_at (const DlTreeNode *nodes,
       guint32           index)
{
  return nodes[index].person_id;
}

static gboolean
same_ids (const DlTreeNode *a,
          guint32           a_start,
          const DlTreeNode *b,
          guint32           b_start,
          guint32           count)
{
  for (guint32 k = 0; k < count; k++)
    if (id_at (a, a_start + k) != id_at (b, b_start + k))
      return FALSE;
  return TRUE;
}

/* Every node of before that is still there has the same parent under
 * the map, but the root of the subtree the edit moved. */
static gboolean
parents_agree (const DlTree     *before,
               const DlTree     *after,
               const DlTreeEdit *edit)
{
  const guint32 *pb = dl_tree_get_links (before)->parent;
  const guint32 *pa = dl_tree_get_links (after)->parent;
  guint32 nb = dl_tree_get_n_nodes (before);

  for (guint32 o = 0; o < nb; o++)
    {
      guint32 k = dl_tree_edit_map (edit, o);

      if (k == NONE || (edit->kind == DL_TREE_EDIT_MOVE && o == edit->from))
        continue;
      if (pa[k] != dl_tree_edit_map (edit, pb[o]))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_subtree (const DlTree *tree,
            guint32       index,
            guint32       count)
{
  return index < dl_tree_get_n_nodes (tree)
         && dl_tree_get_links (tree)->subtree_size[index] == count;
}

static gboolean
find (const DlTree *before,
      const DlTree *after,
      DlTreeEdit   *edit)
{
  guint32 nb, na, least, p = 0, s = 0, mb, ma;
  const DlTreeNode *b, *a;

  nb = dl_tree_get_n_nodes (before);
  na = dl_tree_get_n_nodes (after);
  *edit = (DlTreeEdit) { before, DL_TREE_EDIT_SAME, 0, 0, 0 };
  if (nb == 0 || na == 0)
    return nb == na;
  b = dl_tree_get_node (before, 0);
  a = dl_tree_get_node (after, 0);

  least = MIN (nb, na);
  while (p < least && id_at (b, p) == id_at (a, p))
    p++;
  while (s < least - p && id_at (b, nb - 1 - s) == id_at (a, na - 1 - s))
    s++;
  mb = nb - p - s;
  ma = na - p - s;

  if (mb == 0 && ma == 0)
    {
      const guint32 *pb = dl_tree_get_links (before)->parent;
      const guint32 *pa = dl_tree_get_links (after)->parent;
      guint32 k = 0;

      if (parents_agree (before, after, edit))
        return TRUE;
      /* The same order but one parent changed: a subtree moved to a
       * sponsor just before it (its place in pre-order is the same). */
      while (k < nb && pa[k] == pb[k])
        k++;
      *edit = (DlTreeEdit) { before, DL_TREE_EDIT_MOVE, k, k, dl_tree_get_links (before)->subtree_size[k] };
      return is_subtree (after, k, edit->count) && parents_agree (before, after, edit);
    }
  if (mb == 0)
    {
      *edit = (DlTreeEdit) { before, DL_TREE_EDIT_INSERT, 0, p, ma };
      return is_subtree (after, p, ma) && parents_agree (before, after, edit);
    }
  if (ma == 0)
    {
      *edit = (DlTreeEdit) { before, DL_TREE_EDIT_REMOVE, p, 0, mb };
      return is_subtree (before, p, mb) && parents_agree (before, after, edit);
    }
  if (mb != ma)
    return FALSE;

  /* A subtree moved later: before's middle is it then the rest, after's
   * the rest then it. */
  {
    guint32 count = dl_tree_get_links (before)->subtree_size[p];

    if (count < mb && same_ids (b, p + count, a, p, mb - count) && same_ids (b, p, a, p + mb - count, count))
      {
        *edit = (DlTreeEdit) { before, DL_TREE_EDIT_MOVE, p, p + mb - count, count };
        if (is_subtree (after, edit->to, count) && parents_agree (before, after, edit))
          return TRUE;
      }
  }
  /* Or earlier: after's middle starts with it. */
  {
    guint32 count = dl_tree_get_links (after)->subtree_size[p];

    if (count < ma && same_ids (a, p + count, b, p, ma - count) && same_ids (a, p, b, p + ma - count, count))
      {
        *edit = (DlTreeEdit) { before, DL_TREE_EDIT_MOVE, p + ma - count, p, count };
        if (is_subtree (before, edit->from, count) && parents_agree (before, after, edit))
          return TRUE;
      }
  }
  return FALSE;
}

gboolean
dl_tree_edit_find (const DlTree *before,
                   const DlTree *after,
                   DlTreeEdit   *edit)
{
  g_return_val_if_fail (before != NULL && after != NULL && edit != NULL, FALSE);

  if (find (before, after, edit))
    return TRUE;
  /* an edit no layout can take for one */
  *edit = (DlTreeEdit) { NULL, DL_TREE_EDIT_SAME, 0, 0, 0 };
  return FALSE;
}

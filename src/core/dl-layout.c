/* dl-layout.c — a compact top-down layout of the downline: the object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout's arrays, its fold state and what the drawing and the
 * canvas read back.  The passes that work the positions out are in
 * dl-layout-passes.c.
 */
#define G_LOG_DOMAIN "dl-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-layout-private.h"

#define NONE DL_TREE_NO_PARENT
#define W       DL_LAYOUT_NODE_W
#define H       DL_LAYOUT_NODE_H
#define LEVEL   DL_LAYOUT_LEVEL_GAP

void
dl_layout_ensure_capacity (DlLayout *self,
                           guint     n)
{
  gsize m, had = self->shown != NULL ? self->capacity : 0;

  if (n <= self->capacity && self->shown != NULL)
    return;
  m = self->capacity = MAX (n + n / 64, 16);
  self->state = g_renew (guint8, self->state, m);
  self->shown = g_renew (guint8, self->shown, m);
  self->kind = g_renew (guint8, self->kind, m);
  self->wrapped = g_renew (guint8, self->wrapped, m);
  self->klass = g_renew (guint8, self->klass, m);
  self->n_shapes = g_renew (guint8, self->n_shapes, m);
  self->pick = g_renew (guint8, self->pick, m);
  self->pick_was = g_renew (guint8, self->pick_was, m);
  self->mark = g_renew (guint8, self->mark, m);
  self->opens = g_renew (guint8, self->opens, m);
  self->row = g_renew (guint32, self->row, m);
  self->sw = g_renew (double, self->sw, m);
  self->sh = g_renew (double, self->sh, m);
  self->ox = g_renew (double, self->ox, m);
  self->oy = g_renew (double, self->oy, m);
  self->left = g_renew (double, self->left, m);
  self->y = g_renew (double, self->y, m);
  self->shape = g_renew (guint32, self->shape, m);
  /* an edit's run leaves every mark clear, and counts on it */
  memset (self->mark + had, 0, m - had);
}

/* Points self at tree and its links. */
void
dl_layout_bind_links (DlLayout *self,
                      DlTree   *tree)
{
  const DlTreeLinks *links;

  self->tree = dl_tree_ref (tree);
  self->n = dl_tree_get_n_nodes (tree);
  self->nodes = self->n > 0 ? dl_tree_get_node (tree, 0) : NULL;
  g_assert (self->n == 0 || dl_tree_get_node (tree, self->n - 1) == self->nodes + (self->n - 1));

  links = dl_tree_get_links (tree);
  self->parent = links->parent;
  self->next_sibling = links->next_sibling;
  self->n_children = links->n_children;
  self->size = links->subtree_size;
}

/* Points self at tree and its links, with per-member arrays for it:
 * kept as they are while the tree fits, else grown with room for some
 * more (members added one by one then move nothing).  The fold state
 * is the caller's. */
static void
bind_tree (DlLayout *self,
           DlTree   *tree)
{
  guint n = dl_tree_get_n_nodes (tree);

  dl_layout_bind_links (self, tree);
  dl_layout_ensure_capacity (self, n);
  memset (self->shown, 0, MAX (n, 1));
  memset (self->kind, 0, MAX (n, 1));
  memset (self->n_shapes, 0, MAX (n, 1));
  memset (self->pick, 0, MAX (n, 1));
  self->root = NONE;
  self->ran = FALSE;
  self->edited = FALSE;
}

DlLayout *
dl_layout_new (DlTree *tree)
{
  DlLayout *self;

  g_return_val_if_fail (tree != NULL, NULL);

  self = g_new0 (DlLayout, 1);
  self->fold = DL_LAYOUT_FOLD_DEFAULT;
  self->aspect = DL_LAYOUT_ASPECT_DEFAULT;
  bind_tree (self, tree);
  memset (self->state, 0, MAX (self->n, 1));
  self->bigs = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->shapes = g_array_new (FALSE, FALSE, sizeof (DlLayoutShape));
  self->items = g_array_new (FALSE, FALSE, sizeof (DlLayoutItem));
  self->found = g_array_new (FALSE, FALSE, sizeof (DlLayoutShape));
  self->heights = g_array_new (FALSE, FALSE, sizeof (double));

  return self;
}

/* Person by person, the folds of from_state (over from_nodes) into
 * self's state.  Trees come in pre-order and an edit moves few people,
 * so each person is looked for where the one before was found, shifted
 * as it was, before by id: a handful of lookups for a member added to a
 * million, not a million. */
static void
map_fold_state (DlLayout         *self,
                const DlTreeNode *from_nodes,
                const guint8     *from_state,
                guint             from_n)
{
  gint64 shift = 0;

  for (guint i = 0; i < from_n; i++)
    {
      gint64 j;

      if (from_state[i] == STATE_DEFAULT)
        continue;
      j = (gint64) i + shift;
      if (j < 0 || j >= (gint64) self->n || self->nodes[j].person_id != from_nodes[i].person_id)
        {
          j = dl_tree_find (self->tree, from_nodes[i].person_id);
          if (j < 0)
            continue;
          shift = j - (gint64) i;
        }
      self->state[j] = from_state[i];
    }
}

void
dl_layout_set_tree (DlLayout *self,
                    DlTree   *tree)
{
  DlTree *old_tree;
  const DlTreeNode *old_nodes;
  guint8 *old_state;
  guint old_n;

  g_return_if_fail (self != NULL && tree != NULL);

  old_tree = self->tree;
  old_nodes = self->nodes;
  old_state = self->state;
  old_n = self->n;
  /* the folds are mapped into a new state array from the old */
  self->state = g_new (guint8, MAX (self->capacity, 1));
  bind_tree (self, tree);
  memset (self->state, 0, MAX (self->n, 1));
  map_fold_state (self, old_nodes, old_state, old_n);
  g_free (old_state);
  dl_tree_unref (old_tree);
}

void
dl_layout_free (DlLayout *self)
{
  if (self == NULL)
    return;

  g_free (self->state);
  g_free (self->shown);
  g_free (self->kind);
  g_free (self->wrapped);
  g_free (self->klass);
  g_free (self->opens);
  g_free (self->row);
  g_free (self->sw);
  g_free (self->sh);
  g_free (self->ox);
  g_free (self->oy);
  g_free (self->left);
  g_free (self->y);
  g_free (self->shape);
  g_free (self->mark);
  g_free (self->pick_was);
  g_array_unref (self->bigs);
  g_free (self->n_shapes);
  g_free (self->pick);
  g_free (self->rows);
  g_array_unref (self->shapes);
  g_array_unref (self->items);
  g_array_unref (self->found);
  g_array_unref (self->heights);
  dl_tree_unref (self->tree);
  g_free (self);
}

DlTree *
dl_layout_get_tree (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->tree;
}

void
dl_layout_set_root (DlLayout *self,
                    guint     root)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (root == NONE || root < self->n);

  if (root != self->root)
    self->stale = TRUE;
  self->root = root;
}

guint
dl_layout_get_root (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, NONE);

  return self->root;
}

void
dl_layout_set_fold_threshold (DlLayout *self,
                              guint     threshold)
{
  g_return_if_fail (self != NULL);

  if (threshold != self->fold)
    self->stale = TRUE;
  self->fold = threshold;
}

void
dl_layout_set_aspect (DlLayout *self,
                      double    aspect)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (aspect > 0);

  if (aspect != self->aspect)
    self->stale = TRUE;
  self->aspect = aspect;
}

double
dl_layout_get_aspect (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, DL_LAYOUT_ASPECT_DEFAULT);

  return self->aspect;
}

void
dl_layout_set_collapsed (DlLayout *self,
                         guint     index,
                         gboolean  collapsed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n);

  self->state[index] = collapsed ? STATE_COLLAPSED : STATE_EXPANDED;
  self->stale = TRUE;
}

gboolean
dl_layout_is_collapsed (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return dl_layout_hides_children_at (self, index);
}

gboolean
dl_layout_is_folded (DlLayout *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return dl_layout_folds_at (self, index);
}

void
dl_layout_expand_all (DlLayout *self)
{
  g_return_if_fail (self != NULL);

  memset (self->state, STATE_EXPANDED, self->n);
  self->stale = TRUE;
}

void
dl_layout_copy_fold_state (DlLayout *self,
                           DlLayout *from)
{
  g_return_if_fail (self != NULL && from != NULL);

  map_fold_state (self, from->nodes, from->state, from->n);
  self->stale = TRUE;
}

/* ---- Reading the result ------------------------------------------- */

guint
dl_layout_get_whole_runs (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->whole_runs;
}

guint
dl_layout_get_begin (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->begin;
}

guint
dl_layout_get_end (DlLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->end;
}

gboolean
dl_layout_is_shown (DlLayout *self,
                    guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return index < self->n && self->shown[index];
}

guint
dl_layout_skip_subtree (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return index + self->size[index];
}

guint
dl_layout_first_child (DlLayout *self,
                       guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return self->shown[index] ? dl_layout_first_fast (self, index) : NONE;
}

guint
dl_layout_last_child (DlLayout *self,
                      guint     index)
{
  guint32 last = NONE;

  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  if (!self->shown[index])
    return NONE;
  for (guint32 c = dl_layout_first_fast (self, index); c != NONE; c = self->next_sibling[c])
    last = c;
  return last;
}

guint
dl_layout_prev_sibling (DlLayout *self,
                        guint     index)
{
  guint32 p, before = NONE;

  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  if (!self->shown[index] || index == self->root || self->parent[index] == NONE)
    return NONE;
  p = self->parent[index];
  for (guint32 c = p + 1; c != index && c != NONE; c = self->next_sibling[c])
    before = c;
  return before;
}

double
dl_layout_get_x (DlLayout *self,
                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return dl_layout_x_fast (self, index);
}

double
dl_layout_get_y (DlLayout *self,
                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->y[index];
}

guint
dl_layout_get_depth (DlLayout *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  if (self->root == NONE)
    return self->nodes[index].level;
  return self->nodes[index].level - self->nodes[self->root].level;
}

DlLayoutKind
dl_layout_get_kind (DlLayout *self,
                    guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, DL_LAYOUT_KIND_ROW);

  return self->kind[index];
}

double
dl_layout_get_bus_y (DlLayout *self,
                     guint     child)
{
  g_return_val_if_fail (self != NULL && child < self->n, 0);

  return self->y[child] - LEVEL / 2;
}

double
dl_layout_get_group_x (DlLayout *self,
                       guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return dl_layout_group_x_fast (self, index);
}

void
dl_layout_get_subtree_bounds (DlLayout *self,
                              guint     index,
                              double   *x0,
                              double   *y0,
                              double   *x1,
                              double   *y1)
{
  g_return_if_fail (self != NULL && index < self->n);

  dl_layout_bounds_fast (self, index, x0, y0, x1, y1);
}

void
dl_layout_get_bounds (DlLayout *self,
                      double   *x0,
                      double   *y0,
                      double   *x1,
                      double   *y1)
{
  double a = INFINITY, b = -INFINITY, c = INFINITY, d = -INFINITY;

  g_return_if_fail (self != NULL);

  *x0 = *y0 = *x1 = *y1 = 0;
  if (!self->ran || self->begin >= self->end)
    return;

  for (guint32 r = self->begin; r < self->end; r += self->size[r])
    {
      double l, t, r1, b1;

      dl_layout_bounds_fast (self, r, &l, &t, &r1, &b1);
      a = MIN (a, l);
      b = MAX (b, r1);
      c = MIN (c, t);
      d = MAX (d, b1);
    }
  *x0 = a;
  *x1 = b;
  *y0 = c;
  *y1 = d;
}

gint64
dl_layout_hit_test (DlLayout *self,
                    double    wx,
                    double    wy)
{
  g_return_val_if_fail (self != NULL, -1);

  if (!self->ran)
    return -1;

  for (guint32 i = self->begin; i < self->end;)
    {
      double x0, y0, x1, y1;

      dl_layout_bounds_fast (self, i, &x0, &y0, &x1, &y1);
      if (wx < x0 || wx > x1 || wy < y0 || wy > y1)
        {
          i += self->size[i];
          continue;
        }
      if (fabs (wx - dl_layout_x_fast (self, i)) <= W / 2 && wy <= self->y[i] + H)
        return i;
      if (!self->opens[i])
        i += self->size[i];
      else
        i++;
    }

  return -1;
}

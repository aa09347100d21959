/* dl-layout.c — a tidy top-down layout of the downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Buchheim, Jünger and Leipert, "Improving Walker's algorithm to run in
 * linear time" (2002), without recursion.  The first walk runs over the
 * indices backwards, which in pre-order is a valid post-order for the
 * parts that matter: a node's own subtree is finished before its parent
 * looks at it.  The paper sets a node's preliminary x from its left
 * sibling at the end of the node's own walk; here the parent does that
 * step, child by child, just before apportioning the child, which is the
 * same sequence of operations on the same data.
 */

#define G_LOG_DOMAIN "dl-layout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-layout-private.h"

#define NONE DL_TREE_NO_PARENT


DlLayout *
dl_layout_new (DlTree *tree)
{
  DlLayout *self;
  guint n;

  g_return_val_if_fail (tree != NULL, NULL);

  n = dl_tree_get_n_nodes (tree);
  self = g_new0 (DlLayout, 1);
  self->tree = dl_tree_ref (tree);
  self->n = n;
  self->nodes = n > 0 ? dl_tree_get_node (tree, 0) : NULL;
  g_assert (n == 0 || dl_tree_get_node (tree, n - 1) == self->nodes + (n - 1));
  self->root = NONE;
  self->fold = DL_LAYOUT_FOLD_DEFAULT;

  self->parent = g_new (guint32, MAX (n, 1));
  self->next_sibling = g_new (guint32, MAX (n, 1));
  self->n_children = g_new (guint32, MAX (n, 1));
  self->size = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      self->parent[i] = self->nodes[i].parent;
      self->next_sibling[i] = self->nodes[i].next_sibling;
      self->n_children[i] = self->nodes[i].n_children;
      self->size[i] = self->nodes[i].subtree_size;
    }
  self->state = g_new0 (guint8, MAX (n, 1));
  self->shown = g_new0 (guint8, MAX (n, 1));
  self->depth = g_new (guint32, MAX (n, 1));
  self->max_depth = g_new (guint32, MAX (n, 1));
  self->w = g_new (Walk, MAX (n, 1));
  self->x = g_new (double, MAX (n, 1));
  self->bx0 = g_new (double, MAX (n, 1));
  self->bx1 = g_new (double, MAX (n, 1));

  return self;
}

void
dl_layout_free (DlLayout *self)
{
  if (self == NULL)
    return;

  g_free (self->parent);
  g_free (self->next_sibling);
  g_free (self->n_children);
  g_free (self->size);
  g_free (self->state);
  g_free (self->shown);
  g_free (self->depth);
  g_free (self->max_depth);
  g_free (self->w);
  g_free (self->x);
  g_free (self->bx0);
  g_free (self->bx1);
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

  self->fold = threshold;
}

static inline gboolean
is_folded (const DlLayout *self,
           guint           i)
{
  return self->state[i] == STATE_DEFAULT && self->n_children[i] > self->fold;
}

static inline gboolean
hides_children (const DlLayout *self,
                guint           i)
{
  if (self->n_children[i] == 0)
    return FALSE;

  return self->state[i] == STATE_COLLAPSED || is_folded (self, i);
}

void
dl_layout_set_collapsed (DlLayout *self,
                         guint     index,
                         gboolean  collapsed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->n);

  self->state[index] = collapsed ? STATE_COLLAPSED : STATE_EXPANDED;
}

gboolean
dl_layout_is_collapsed (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return hides_children (self, index);
}

gboolean
dl_layout_is_folded (DlLayout *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->n, FALSE);

  return is_folded (self, index);
}

void
dl_layout_expand_all (DlLayout *self)
{
  g_return_if_fail (self != NULL);

  memset (self->state, STATE_EXPANDED, self->n);
}

void
dl_layout_copy_fold_state (DlLayout *self,
                           DlLayout *from)
{
  g_return_if_fail (self != NULL && from != NULL);

  for (guint i = 0; i < from->n; i++)
    {
      gint64 j;

      if (from->state[i] == STATE_DEFAULT)
        continue;
      j = dl_tree_find (self->tree, from->nodes[i].person_id);
      if (j >= 0)
        self->state[j] = from->state[i];
    }
}

/* ---- The walks ------------------------------------------------------ */

static inline guint32
next_left (const DlLayout *self,
           guint32         v)
{
  return self->w[v].first != NONE ? self->w[v].first : self->w[v].thread;
}

static inline guint32
next_right (const DlLayout *self,
            guint32         v)
{
  return self->w[v].last != NONE ? self->w[v].last : self->w[v].thread;
}

static inline void
move_subtree (DlLayout *self,
              guint32   wl,
              guint32   wr,
              double    shift)
{
  double subtrees = (double) self->w[wr].number - (double) self->w[wl].number;

  self->w[wr].change -= shift / subtrees;
  self->w[wr].shift += shift;
  self->w[wl].change += shift / subtrees;
  self->w[wr].prelim += shift;
  self->w[wr].mod += shift;
}

static guint32
apportion (DlLayout *self,
           guint32   v,
           guint32   default_ancestor)
{
  guint32 parent = self->parent[v];
  guint32 vir, vor, vil, vol;
  double sir, sor, sil, sol;

  if (self->w[v].prev == NONE)
    return default_ancestor;

  vir = vor = v;
  vil = self->w[v].prev;
  vol = self->w[parent].first;
  sir = self->w[vir].mod;
  sor = self->w[vor].mod;
  sil = self->w[vil].mod;
  sol = self->w[vol].mod;

  while (next_right (self, vil) != NONE && next_left (self, vir) != NONE)
    {
      double shift;

      vil = next_right (self, vil);
      vir = next_left (self, vir);
      vol = next_left (self, vol);
      vor = next_right (self, vor);
      self->w[vor].ancestor = v;
      shift = (self->w[vil].prelim + sil) - (self->w[vir].prelim + sir) + 1.0;
      if (shift > 0)
        {
          guint32 a = self->w[vil].ancestor;

          if (self->parent[a] != parent)
            a = default_ancestor;
          move_subtree (self, a, v, shift);
          sir += shift;
          sor += shift;
        }
      sil += self->w[vil].mod;
      sir += self->w[vir].mod;
      sol += self->w[vol].mod;
      sor += self->w[vor].mod;
    }

  if (next_right (self, vil) != NONE && next_right (self, vor) == NONE)
    {
      self->w[vor].thread = next_right (self, vil);
      self->w[vor].mod += sil - sor;
    }
  if (next_left (self, vir) != NONE && next_left (self, vol) == NONE)
    {
      self->w[vol].thread = next_left (self, vir);
      self->w[vol].mod += sir - sol;
      default_ancestor = v;
    }

  return default_ancestor;
}

static void
execute_shifts (DlLayout *self,
                guint32   v)
{
  double shift = 0, change = 0;

  for (guint32 w = self->w[v].last; w != NONE; w = self->w[w].prev)
    {
      self->w[w].prelim += shift;
      self->w[w].mod += shift;
      change += self->w[w].change;
      shift += self->w[w].shift + change;
    }
}

/* Which nodes show, their depth, shown children and sibling numbers;
 * resets the walk's fields. */
static void
prepare (DlLayout *self)
{
  for (guint32 i = self->begin; i < self->end; i++)
    {
      guint32 p = self->parent[i];
      gboolean is_root = i == self->root || p == NONE;

      self->shown[i] = 1;
      self->w[i].first = self->w[i].last = self->w[i].prev = NONE;
      self->w[i].thread = NONE;
      self->w[i].ancestor = i;
      self->w[i].number = 0;
      self->w[i].prelim = self->w[i].mod = self->w[i].shift = self->w[i].change = 0;

      if (is_root)
        self->depth[i] = 0;
      else
        {
          self->depth[i] = self->depth[p] + 1;
          if (self->w[p].first == NONE)
            self->w[p].first = i;
          else
            {
              self->w[i].prev = self->w[p].last;
              self->w[i].number = self->w[self->w[p].last].number + 1;
            }
          self->w[p].last = i;
        }

      if (hides_children (self, i))
        {
          guint32 skip = self->size[i] - 1;

          memset (self->shown + i + 1, 0, skip);
          i += skip;
        }
    }
}

static void
first_walk (DlLayout *self)
{
  for (guint32 i = self->end; i-- > self->begin;)
    {
      guint32 first = self->w[i].first;
      guint32 default_ancestor;

      if (!self->shown[i] || first == NONE)
        continue;

      default_ancestor = first;
      for (guint32 w = first; w != NONE; w = self->next_sibling[w])
        {
          if (w != first)
            {
              double mid = self->w[w].prelim;

              self->w[w].prelim = self->w[self->w[w].prev].prelim + 1.0;
              if (self->w[w].first != NONE)
                self->w[w].mod = self->w[w].prelim - mid;
            }
          default_ancestor = apportion (self, w, default_ancestor);
        }
      execute_shifts (self, i);
      self->w[i].prelim = (self->w[first].prelim + self->w[self->w[i].last].prelim) / 2;
    }
}

static void
second_walk (DlLayout *self)
{
  Walk *walk = self->w;

  for (guint32 i = self->begin; i < self->end; i++)
    {
      guint32 p = self->parent[i];

      if (!self->shown[i])
        continue;
      if (i == self->root || p == NONE)
        walk[i].shift = 0;
      else
        walk[i].shift = walk[p].shift + walk[p].mod;
      self->x[i] = self->bx0[i] = self->bx1[i] = walk[i].prelim + walk[i].shift;
      self->max_depth[i] = self->depth[i];
    }
}

static void
compute_bounds (DlLayout *self)
{
  for (guint32 i = self->end; i-- > self->begin;)
    {
      guint32 p = self->parent[i];

      if (!self->shown[i])
        continue;
      if (i == self->root || p == NONE)
        continue;
      self->bx0[p] = MIN (self->bx0[p], self->bx0[i]);
      self->bx1[p] = MAX (self->bx1[p], self->bx1[i]);
      self->max_depth[p] = MAX (self->max_depth[p], self->max_depth[i]);
    }
}

/* Root trees side by side, the user's first, a gap between them. */
static void
place_roots (DlLayout *self)
{
  double right = 0;
  gboolean any = FALSE;

  for (guint32 r = self->begin; r < self->end; r += self->size[r])
    {
      guint32 stop = r + self->size[r];
      double offset = any ? right + 1.0 + DL_LAYOUT_ROOT_GAP - self->bx0[r] : 0;

      if (offset != 0)
        for (guint32 i = r; i < stop; i++)
          {
            self->x[i] += offset;
            self->bx0[i] += offset;
            self->bx1[i] += offset;
          }
      right = self->bx1[r];
      any = TRUE;
    }
}

void
dl_layout_run (DlLayout *self)
{
  g_return_if_fail (self != NULL);

  if (self->root == NONE)
    {
      self->begin = 0;
      self->end = self->n;
    }
  else
    {
      self->begin = self->root;
      self->end = self->root + self->size[self->root];
    }
  memset (self->shown, 0, self->n);

  prepare (self);
  first_walk (self);
  second_walk (self);
  compute_bounds (self);
  if (self->root == NONE)
    place_roots (self);
  self->ran = TRUE;
}

/* ---- Reading the result ------------------------------------------- */

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

  return self->shown[index] ? self->w[index].first : NONE;
}

guint
dl_layout_last_child (DlLayout *self,
                      guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return self->shown[index] ? self->w[index].last : NONE;
}

guint
dl_layout_prev_sibling (DlLayout *self,
                        guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, NONE);

  return self->shown[index] ? self->w[index].prev : NONE;
}

double
dl_layout_get_x (DlLayout *self,
                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->x[index] * DL_LAYOUT_PITCH_X;
}

double
dl_layout_get_y (DlLayout *self,
                 guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->depth[index] * DL_LAYOUT_PITCH_Y;
}

guint
dl_layout_get_depth (DlLayout *self,
                     guint     index)
{
  g_return_val_if_fail (self != NULL && index < self->n, 0);

  return self->depth[index];
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

  *x0 = self->bx0[index] * DL_LAYOUT_PITCH_X - DL_LAYOUT_NODE_W / 2;
  *x1 = self->bx1[index] * DL_LAYOUT_PITCH_X + DL_LAYOUT_NODE_W / 2;
  *y0 = self->depth[index] * DL_LAYOUT_PITCH_Y;
  *y1 = self->max_depth[index] * DL_LAYOUT_PITCH_Y + DL_LAYOUT_NODE_H;
}

void
dl_layout_get_bounds (DlLayout *self,
                      double   *x0,
                      double   *y0,
                      double   *x1,
                      double   *y1)
{
  double a = INFINITY, b = -INFINITY, d = 0;

  g_return_if_fail (self != NULL);

  *x0 = *y0 = *x1 = *y1 = 0;
  if (!self->ran || self->begin >= self->end)
    return;

  for (guint32 r = self->begin; r < self->end; r += self->size[r])
    {
      a = MIN (a, self->bx0[r]);
      b = MAX (b, self->bx1[r]);
      d = MAX (d, self->max_depth[r]);
    }
  *x0 = a * DL_LAYOUT_PITCH_X - DL_LAYOUT_NODE_W / 2;
  *x1 = b * DL_LAYOUT_PITCH_X + DL_LAYOUT_NODE_W / 2;
  *y1 = d * DL_LAYOUT_PITCH_Y + DL_LAYOUT_NODE_H;
}

gint64
dl_layout_hit_test (DlLayout *self,
                    double    wx,
                    double    wy)
{
  double level;
  guint32 d;
  const double half = DL_LAYOUT_NODE_W / 2;

  g_return_val_if_fail (self != NULL, -1);

  if (!self->ran || wy < 0)
    return -1;
  level = floor (wy / DL_LAYOUT_PITCH_Y);
  if (wy - level * DL_LAYOUT_PITCH_Y > DL_LAYOUT_NODE_H || level > G_MAXUINT32)
    return -1;
  d = (guint32) level;

  for (guint32 i = self->begin; i < self->end;)
    {
      double cx = self->x[i] * DL_LAYOUT_PITCH_X;

      if (d < self->depth[i] || d > self->max_depth[i]
          || wx < self->bx0[i] * DL_LAYOUT_PITCH_X - half
          || wx > self->bx1[i] * DL_LAYOUT_PITCH_X + half)
        {
          i += self->size[i];
          continue;
        }
      if (d == self->depth[i])
        {
          if (fabs (wx - cx) <= half)
            return i;
          i += self->size[i];
          continue;
        }
      i++;
    }

  return -1;
}

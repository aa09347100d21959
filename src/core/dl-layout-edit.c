/* dl-layout-edit.c — following one edit of the tree instead of laying
 * everything out again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member added, removed or moved changes the groups on the way up
 * from where it happened, and nothing else but where the rest stands.
 * dl_layout_set_tree_edited () moves every member's kept results to its
 * index in the new tree (the arrays shift by the members added or
 * removed: a memmove, not a walk) and puts the member into or out of its
 * sponsor's shown recruits.  The run after measures again the groups
 * whose recruits changed, and their sponsors only while a group's size
 * or shapes come out different; the roots are arranged again if one of
 * them changed.  Then, from the top down, a group measured again places
 * its recruits afresh, and each recruit whose own arrangement stayed is
 * moved as a block, its members' left and top shifted (two arrays).
 * The result is the one a whole run gives: tests compare every
 * position after edits of every kind.
 */
#define G_LOG_DOMAIN "dl-layout"

#include "config.h"

#include <string.h>

#include "dl-layout-private.h"

#define NONE DL_TREE_NO_PARENT
#define W       DL_LAYOUT_NODE_W
#define H       DL_LAYOUT_NODE_H
#define LEVEL   DL_LAYOUT_LEVEL_GAP

enum
{
  MARK_QUEUED = 1 << 0,   /* waits to be measured again */
  MARK_RELAID = 1 << 1,   /* measured again: its recruits are placed afresh */
  MARK_PATH   = 1 << 2,   /* above one measured again */
  MARK_REPICK = 1 << 3,   /* a big one its sponsor chose another shape for */
};

static gboolean
hides (const DlLayout *self,
       guint8          state,
       guint32         n_children)
{
  if (n_children == 0)
    return FALSE;
  return state == STATE_COLLAPSED || (state == STATE_DEFAULT && n_children > self->fold);
}

/* What an edit does to the shown drawing, worked out before anything
 * changes: the sponsors whose recruits changed (new indices), a member
 * added and shown, a group moved and shown, and the new root. */
typedef struct
{
  guint32 changed[2];
  gboolean roots_changed;
  guint32 added;
  guint32 moved;
  guint32 root;
  guint32 begin;
  guint32 end;
} Plan;

/* Whether node index (new) of after stands shown, its sponsor being
 * parent (new; old_parent the same before): a root with no root set,
 * the root itself, or the recruit of a shown sponsor in range that
 * shows its recruits. */
static gboolean
shown_after (const DlLayout *self,
             const Plan     *plan,
             const guint32  *n_children_after,
             guint32         index,
             guint32         parent,
             guint32         old_parent)
{
  if (index == plan->root)
    return TRUE;
  if (parent == NONE)
    return plan->root == NONE;
  if (parent < plan->begin || parent >= plan->end)
    return FALSE;
  return self->shown[old_parent] && !hides (self, self->state[old_parent], n_children_after[parent]);
}

/* The fold rule must say the same of a sponsor with a recruit more or
 * less: a group that folds or unfolds by itself is a whole run. */
static gboolean
folds_alike (const DlLayout *self,
             const guint32  *n_children_after,
             guint32         old_parent,
             guint32         parent)
{
  if (parent == NONE)
    return TRUE;
  return hides (self, self->state[old_parent], self->n_children[old_parent])
         == hides (self, self->state[old_parent], n_children_after[parent]);
}

static gboolean
make_plan (DlLayout         *self,
           DlTree           *tree,
           const DlTreeEdit *edit,
           Plan             *plan)
{
  const DlTreeLinks *after = dl_tree_get_links (tree);
  guint n = dl_tree_get_n_nodes (tree);

  /* a root, fold or shape set since the last run: what the layout kept
   * is not what that run would give, and the run after is whole */
  if (!self->ran || self->edited || self->stale || edit->before != self->tree)
    return FALSE;
  /* Following an edit moves every member's kept results, shown or not
   * (about 50 bytes a member after it); a few shown among very many
   * (the first view of a big business) are laid out again sooner. */
  if ((guint64) self->n_shown * 32 < n)
    return FALSE;
  if ((edit->kind == DL_TREE_EDIT_INSERT || edit->kind == DL_TREE_EDIT_REMOVE) && edit->count != 1)
    return FALSE;

  *plan = (Plan) { { NONE, NONE }, FALSE, NONE, NONE, NONE, 0, n };
  if (self->root != NONE)
    {
      plan->root = dl_tree_edit_map (edit, self->root);
      if (plan->root == NONE)
        return FALSE;   /* dl_layout_set_tree () clears it */
      plan->begin = plan->root;
      plan->end = plan->root + after->subtree_size[plan->root];
    }

  switch (edit->kind)
    {
    case DL_TREE_EDIT_SAME:
      return TRUE;

    case DL_TREE_EDIT_INSERT:
      {
        guint32 q = edit->to, p = after->parent[q];

        if (!folds_alike (self, after->n_children, p, p))
          {
            g_debug ("Laying out whole: a recruit more folds or unfolds their sponsor's group");
            return FALSE;
          }
        plan->changed[0] = p;
        plan->roots_changed = p == NONE && plan->root == NONE;
        if (shown_after (self, plan, after->n_children, q, p, p))
          plan->added = q;
        return TRUE;
      }

    case DL_TREE_EDIT_REMOVE:
      {
        guint32 gone = edit->from, p = self->parent[gone];

        if (!folds_alike (self, after->n_children, p, p))
          {
            g_debug ("Laying out whole: a recruit less folds or unfolds their sponsor's group");
            return FALSE;
          }
        plan->changed[0] = p;
        plan->roots_changed = p == NONE && plan->root == NONE;
        return TRUE;
      }

    case DL_TREE_EDIT_MOVE:
    default:
      {
        guint32 m = edit->to, p1_old = self->parent[edit->from];
        guint32 p1 = dl_tree_edit_map (edit, p1_old), p2 = after->parent[m];
        guint32 p2_old = dl_tree_edit_unmap (edit, p2);
        gboolean was_shown = self->shown[edit->from] && edit->from >= self->begin && edit->from < self->end;
        gboolean now_shown = shown_after (self, plan, after->n_children, m, p2, p2_old);

        if (!folds_alike (self, after->n_children, p1_old, p1)
            || !folds_alike (self, after->n_children, p2_old, p2)
            || was_shown != now_shown)
          {
            g_debug ("Laying out whole: a group moved folds or unfolds a sponsor's, or shows or hides");
            return FALSE;
          }
        plan->changed[0] = p1;
        plan->changed[1] = p2;
        plan->roots_changed = (p1 == NONE || p2 == NONE) && plan->root == NONE;
        if (now_shown)
          plan->moved = m;
        return TRUE;
      }
    }
}

/* Moves one per-member array's entries to their new indices. */
static void
permute (gpointer          data,
         gsize             size,
         const DlTreeEdit *edit,
         guint             n_before,
         gpointer          spare)
{
  guint8 *a = data;

  switch (edit->kind)
    {
    case DL_TREE_EDIT_SAME:
      break;
    case DL_TREE_EDIT_INSERT:
      memmove (a + (edit->to + edit->count) * size, a + edit->to * size, (n_before - edit->to) * size);
      break;
    case DL_TREE_EDIT_REMOVE:
      memmove (a + edit->from * size, a + (edit->from + edit->count) * size,
               (n_before - edit->from - edit->count) * size);
      break;
    case DL_TREE_EDIT_MOVE:
    default:
      if (edit->to == edit->from)
        break;
      memcpy (spare, a + edit->from * size, edit->count * size);
      if (edit->to < edit->from)
        memmove (a + (edit->to + edit->count) * size, a + edit->to * size, (edit->from - edit->to) * size);
      else
        memmove (a + edit->from * size, a + (edit->from + edit->count) * size, (edit->to - edit->from) * size);
      memcpy (a + edit->to * size, spare, edit->count * size);
      break;
    }
}

gboolean
dl_layout_set_tree_edited (DlLayout         *self,
                           DlTree           *tree,
                           const DlTreeEdit *edit)
{
  guint n_before, n;
  gpointer spare;
  Plan plan;
  DlTree *old_tree;

  g_return_val_if_fail (self != NULL && tree != NULL && edit != NULL, FALSE);

  if (!make_plan (self, tree, edit, &plan))
    {
      guint root = edit->before == self->tree ? dl_tree_edit_map (edit, self->root) : NONE;

      dl_layout_set_tree (self, tree);
      if (root != NONE)
        dl_layout_set_root (self, root);
      return FALSE;
    }

  n_before = self->n;
  n = dl_tree_get_n_nodes (tree);

  /* every kept array to the new indices */
  dl_layout_ensure_capacity (self, n);
  spare = edit->kind == DL_TREE_EDIT_MOVE ? g_malloc (MAX (edit->count, 1) * sizeof (double)) : NULL;
#define PERMUTE(field) permute (self->field, sizeof *self->field, edit, n_before, spare)
  PERMUTE (state);
  PERMUTE (shown);
  PERMUTE (kind);
  PERMUTE (wrapped);
  PERMUTE (klass);
  PERMUTE (opens);
  PERMUTE (row);
  PERMUTE (sw);
  PERMUTE (sh);
  PERMUTE (left);
  PERMUTE (y);
  PERMUTE (shape);
  PERMUTE (n_shapes);
  PERMUTE (pick);
#undef PERMUTE
  g_free (spare);
  {
    guint kept = 0;

    for (guint k = 0; k < self->bigs->len; k++)
      {
        guint32 i = dl_tree_edit_map (edit, g_array_index (self->bigs, guint32, k));

        if (i != NONE)
          g_array_index (self->bigs, guint32, kept++) = i;
      }
    g_array_set_size (self->bigs, kept);
  }

  old_tree = self->tree;
  dl_layout_bind_links (self, tree);
  dl_tree_unref (old_tree);
  self->root = plan.root;
  self->begin = plan.begin;
  self->end = plan.end;

  if (edit->kind == DL_TREE_EDIT_INSERT)
    {
      guint32 q = edit->to;

      self->state[q] = STATE_DEFAULT;
      self->shown[q] = plan.added != NONE;
      self->kind[q] = DL_LAYOUT_KIND_ROW;
      self->wrapped[q] = FALSE;
      self->klass[q] = 0;
      self->opens[q] = FALSE;
      self->row[q] = 0;
      self->sw[q] = W;
      self->sh[q] = H;
      self->left[q] = self->y[q] = 0;
      self->shape[q] = NONE;
      self->n_shapes[q] = 0;
      self->pick[q] = 0;
    }
  /* a sponsor shows a first recruit, or no more */
  for (guint k = 0; k < G_N_ELEMENTS (plan.changed); k++)
    {
      guint32 p = plan.changed[k];

      if (p != NONE && p >= plan.begin && p < plan.end && self->shown[p])
        self->opens[p] = self->n_children[p] > 0 && !dl_layout_hides_children_at (self, p);
    }

  self->changed[0] = plan.changed[0];
  self->changed[1] = plan.changed[1];
  self->roots_changed = plan.roots_changed;
  self->added = plan.added;
  self->moved = plan.moved;
  self->edited = TRUE;
  return TRUE;
}

/* ---- The run after an edit ---------------------------------------- */

typedef struct
{
  DlLayout *self;
  GArray   *heap;       /* guint32: waiting to be measured, largest index on top */
  GArray   *touched;    /* guint32: every node marked, to clear after */
  GArray   *stack;      /* guint32: to place */
  GArray   *shapes;     /* Shape: a big group's shapes before it was measured again */
} Run;

static inline void
touch (Run     *run,
       guint32  i,
       guint8   mark)
{
  if (run->self->mark[i] == 0)
    g_array_append_val (run->touched, i);
  run->self->mark[i] |= mark;
}

static inline guint32
up (const DlLayout *self,
    guint32         i)
{
  if (i == self->root)
    return NONE;
  return self->parent[i];
}

static void
heap_push (Run     *run,
           guint32  i)
{
  GArray *heap = run->heap;
  guint32 *a;
  guint k;

  g_array_append_val (heap, i);
  a = (guint32 *) (gpointer) heap->data;
  for (k = heap->len - 1; k > 0 && a[(k - 1) / 2] < a[k]; k = (k - 1) / 2)
    {
      guint32 t = a[k];

      a[k] = a[(k - 1) / 2];
      a[(k - 1) / 2] = t;
    }
}

static guint32
heap_pop (Run *run)
{
  GArray *heap = run->heap;
  guint32 *a = (guint32 *) (gpointer) heap->data;
  guint32 top = a[0];
  guint n = heap->len - 1, k = 0;

  a[0] = a[n];
  g_array_set_size (heap, n);
  for (;;)
    {
      guint l = 2 * k + 1, r = l + 1, m = k;
      guint32 t;

      if (l < n && a[l] > a[m])
        m = l;
      if (r < n && a[r] > a[m])
        m = r;
      if (m == k)
        break;
      t = a[k];
      a[k] = a[m];
      a[m] = t;
      k = m;
    }
  return top;
}

/* Queues a shown group in range to be measured again. */
static void
queue (Run     *run,
       guint32  i)
{
  DlLayout *self = run->self;

  if (i == NONE || i < self->begin || i >= self->end || !self->shown[i] || (self->mark[i] & MARK_QUEUED))
    return;
  touch (run, i, MARK_QUEUED);
  heap_push (run, i);
}

/* The sizes on the way up from where the edit happened changed: a group
 * that became big (or stopped being) is measured again even where what
 * it holds did not change. */
static void
queue_new_classes (Run     *run,
                   guint32  from)
{
  DlLayout *self = run->self;

  for (guint32 a = from; a != NONE; a = up (self, a))
    if (a >= self->begin && a < self->end && self->shown[a] && self->opens[a]
        && dl_layout_class_of (self, a) != self->klass[a])
      queue (run, a);
}

static void
save_picks (DlLayout *self,
            guint32   first,
            gboolean  roots)
{
  for (guint32 c = first; c != NONE && c < self->end;
       c = roots ? c + self->size[c] : self->next_sibling[c])
    self->pick_was[c] = self->pick[c];
}

/* Measures i again; TRUE when its sponsor sees it other than before:
 * a leaf become a group or back, small become big or back, another
 * size, or a big one's shapes other. */
static gboolean
measure_again (Run     *run,
               guint32  i)
{
  DlLayout *self = run->self;
  guint8 klass = self->klass[i];
  double sw = self->sw[i], sh = self->sh[i];
  gboolean changed;

  g_array_set_size (run->shapes, 0);
  if (self->shape[i] != NONE)
    g_array_append_vals (run->shapes, &g_array_index (self->shapes, DlLayoutShape, self->shape[i]),
                         self->n_shapes[i]);
  if (self->opens[i])
    save_picks (self, dl_layout_first_fast (self, i), FALSE);
  dl_layout_measure_node (self, i);
  touch (run, i, MARK_RELAID);

  changed = klass != self->klass[i];
  if (!changed && self->shape[i] == NONE)
    changed = sw != self->sw[i] || sh != self->sh[i];
  else if (!changed)
    {
      const DlLayoutShape *now = &g_array_index (self->shapes, DlLayoutShape, self->shape[i]);

      changed = run->shapes->len != self->n_shapes[i];
      for (guint k = 0; !changed && k < run->shapes->len; k++)
        {
          const DlLayoutShape *was = &g_array_index (run->shapes, DlLayoutShape, k);

          changed = was->w != now[k].w || was->h != now[k].h;
        }
    }
  if ((self->klass[i] & CLASS_BIG) && !(klass & CLASS_BIG))
    g_array_append_val (self->bigs, i);
  return changed;
}

/* A rigid move of the subtree at i: the same arrangement elsewhere. */
static void
shift (DlLayout *self,
       guint32   i,
       double    dx,
       double    dy)
{
  guint32 end = i + self->size[i];

  if (dx == 0 && dy == 0)
    return;
  for (guint32 k = i; k < end; k++)
    {
      self->left[k] += dx;
      self->y[k] += dy;
    }
}

/* c's new left and top: kept in its ox, oy until it is placed, when
 * something in it changes; else its subtree moves there as it is. */
static void
place_at (Run     *run,
          guint32  c,
          double   left,
          double   top,
          gboolean repick)
{
  DlLayout *self = run->self;

  if (repick)
    touch (run, c, MARK_REPICK);
  if (!(self->mark[c] & (MARK_RELAID | MARK_PATH | MARK_REPICK)))
    {
      shift (self, c, left - self->left[c], top - self->y[c]);
      return;
    }
  self->ox[c] = left;
  self->oy[c] = top;
  g_array_append_val (run->stack, c);
}

static void
place_changed (Run *run)
{
  DlLayout *self = run->self;

  while (run->stack->len > 0)
    {
      guint32 i = g_array_index (run->stack, guint32, run->stack->len - 1);
      double left = self->ox[i], top = self->oy[i];
      double dx = left - self->left[i], dy = top - self->y[i];
      gboolean relay = (self->mark[i] & (MARK_RELAID | MARK_REPICK)) != 0;

      g_array_set_size (run->stack, run->stack->len - 1);
      if (self->shape[i] != NONE && relay)
        {
          save_picks (self, dl_layout_first_fast (self, i), FALSE);
          dl_layout_lay_out_big (self, i);
        }
      self->left[i] = left;
      self->y[i] = top;
      for (guint32 c = dl_layout_first_fast (self, i); c != NONE; c = self->next_sibling[c])
        if (relay)
          place_at (run, c, left + self->ox[c], top + H + LEVEL + self->oy[c],
                    self->shape[c] != NONE && self->pick[c] != self->pick_was[c]);
        else
          place_at (run, c, self->left[c] + dx, self->y[c] + dy, FALSE);
    }
}

/* The shapes of big groups measured again pile up behind the ones in
 * use: now and then the ones in use are copied into a new array. */
static void
compact_shapes (DlLayout *self)
{
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (DlLayoutShape), self->shapes_live + 256);
  guint n = 0;

  for (guint k = 0; k < self->bigs->len; k++)
    {
      guint32 i = g_array_index (self->bigs, guint32, k);

      /* once each, and only a big group measured as one */
      if (i >= self->n || self->mark[i] || self->shape[i] == NONE || !(self->klass[i] & CLASS_BIG))
        continue;
      self->mark[i] = 1;
      g_array_index (self->bigs, guint32, n++) = i;
      g_array_append_vals (kept, &g_array_index (self->shapes, DlLayoutShape, self->shape[i]), self->n_shapes[i]);
      self->shape[i] = kept->len - self->n_shapes[i];
    }
  g_array_set_size (self->bigs, n);
  for (guint k = 0; k < n; k++)
    self->mark[g_array_index (self->bigs, guint32, k)] = 0;
  g_debug ("%u shapes of big groups kept of %u", kept->len, self->shapes->len);
  g_array_unref (self->shapes);
  self->shapes = kept;
  self->shapes_live = kept->len;
}

void
dl_layout_run_edit (DlLayout *self)
{
  Run run = { self, NULL, };
  guint total = self->end - self->begin;

  if (dl_layout_big_threshold (total) != self->big)
    {
      dl_layout_run_whole (self);
      return;
    }
  self->total = total;
  self->edited = FALSE;
  if (self->shapes->len > 2 * self->shapes_live + 4096)
    compact_shapes (self);
  run.heap = g_array_new (FALSE, FALSE, sizeof (guint32));
  run.touched = g_array_new (FALSE, FALSE, sizeof (guint32));
  run.stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  run.shapes = g_array_new (FALSE, FALSE, sizeof (DlLayoutShape));

  /* what to measure again: the sponsors whose recruits changed, a
   * member added, a group moved whose class changed, and every big
   * group whose class the new total changed */
  for (guint k = 0; k < G_N_ELEMENTS (self->changed); k++)
    if (self->changed[k] != NONE)
      {
        queue (&run, self->changed[k]);
        queue_new_classes (&run, self->changed[k]);
      }
  queue (&run, self->added);
  if (self->moved != NONE && self->opens[self->moved]
      && dl_layout_class_of (self, self->moved) != self->klass[self->moved])
    queue (&run, self->moved);
  for (guint k = 0; k < self->bigs->len; k++)
    {
      guint32 i = g_array_index (self->bigs, guint32, k);

      if (i >= self->begin && i < self->end && self->shown[i] && self->opens[i]
          && dl_layout_class_of (self, i) != self->klass[i])
        queue (&run, i);
    }

  /* children before sponsors (pre-order: the larger index first); a
   * sponsor waits only while what it sees changes */
  while (run.heap->len > 0)
    {
      guint32 i = heap_pop (&run);

      if (measure_again (&run, i))
        {
          guint32 p = up (self, i);

          if (p == NONE)
            self->roots_changed = TRUE;
          else
            queue (&run, p);
        }
    }
  if (self->roots_changed && self->begin < self->end)
    {
      save_picks (self, self->begin, TRUE);
      dl_layout_arrange_roots (self);
    }

  /* everything above a group measured again is on the way down to it */
  for (guint k = 0, n = run.touched->len; k < n; k++)
    {
      guint32 i = g_array_index (run.touched, guint32, k);

      if (!(self->mark[i] & MARK_RELAID))
        continue;
      for (guint32 a = up (self, i); a != NONE && !(self->mark[a] & MARK_PATH); a = up (self, a))
        touch (&run, a, MARK_PATH);
    }

  /* from the top down: the roots where they now stand */
  for (guint32 r = self->begin; r < self->end; r += self->size[r])
    if (self->roots_changed)
      place_at (&run, r, self->ox[r], self->oy[r], self->shape[r] != NONE && self->pick[r] != self->pick_was[r]);
    else if (self->mark[r] & (MARK_RELAID | MARK_PATH))
      place_at (&run, r, self->left[r], self->y[r], FALSE);
  place_changed (&run);

  for (guint k = 0; k < run.touched->len; k++)
    self->mark[g_array_index (run.touched, guint32, k)] = 0;
  self->roots_changed = FALSE;
  g_array_unref (run.heap);
  g_array_unref (run.touched);
  g_array_unref (run.stack);
  g_array_unref (run.shapes);
}

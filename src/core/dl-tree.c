/* dl-tree.c — the downline as a compact in-memory forest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * finish() does everything with sorts and flat arrays, never with a hash
 * table or recursion: a million rows cost a few radix-sort passes and a
 * handful of linear scans, and a chain a million deep needs no more stack
 * than a bush.
 */

#define G_LOG_DOMAIN "dl-tree"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-free-later.h"
#include "dl-id-search.h"
#include "dl-memory.h"
#include "dl-tree.h"

#define NONE DL_TREE_NO_PARENT

/* A node is held a million times over: a field added must find room in
 * the padding, or say in its commit what it costs. */
G_STATIC_ASSERT (GLIB_SIZEOF_VOID_P != 8 || sizeof (DlTreeNode) == 88);

/* How many ids of a sponsor loop an error message spells out. */
#define LOOP_IDS_SHOWN 6

struct _DlTreeBuilder
{
  GArray       *rows;   /* of DlTreeNode, names already in names */
  GStringChunk *names;
  GPtrArray    *more_names;  /* GStringChunk, taken from other builders, or NULL */
  GPtrArray    *ranks;  /* char *, index 0 = "" */
  GHashTable   *rank_index;  /* rank text (in ranks) → index + 1 */
  guint16       last_rank;   /* rows come in runs of one rank: a one-entry cache */
};

struct _DlTree
{
  gatomicrefcount  ref_count;
  DlTreeNode      *nodes;
  guint            n_nodes;
  guint32         *by_id;  /* node indices in ascending person-id order */
  GStringChunk    *names;
  GPtrArray       *more_names;  /* GStringChunk, or NULL: see dl_tree_builder_take () */
  GPtrArray       *ranks;  /* char *, index 0 = "" */
  gint64           root;   /* the user's node, or -1 */
  DlRiskModel     *risk_model;
  gint32           as_of;  /* the month it shows (a DlPeriod); G_MININT32: the present */
  DlDay            started_on;  /* see dl_tree_set_started_on () */
  DlTreeLinks      links;       /* four arrays in one block, links_block */
  guint32         *links_block;
};

typedef struct
{
  guint64 key;
  guint32 row;
} SortPair;

G_DEFINE_QUARK (dl-tree-error-quark, dl_tree_error)

/* Signed ids become unsigned keys in the same order. */
static inline guint64
id_key (gint64 id)
{
  return (guint64) id ^ G_GUINT64_CONSTANT (0x8000000000000000);
}

static inline guint64
day_key (DlDay day)
{
  return (guint32) day ^ 0x80000000u;
}

/* A stable LSD radix sort on the low key_bits bits of the key, eleven
 * bits a pass (2048 counters stay in the L1 cache).  Input already in
 * order (rows read from SQLite by id) costs one scan; passes in which every
 * key has the same digit are skipped, so ids or days below four million
 * take two passes. */
#define RADIX_BITS 11
#define RADIX_SIZE (1 << RADIX_BITS)
#define RADIX_MASK (RADIX_SIZE - 1)
#define RADIX_MAX_PASSES 6

static void
radix_sort (SortPair *pairs,
            SortPair *tmp,
            gsize     n,
            guint     key_bits)
{
  g_autofree gsize *counts = NULL;
  guint n_passes = (key_bits + RADIX_BITS - 1) / RADIX_BITS;
  SortPair *src = pairs;
  SortPair *dst = tmp;
  gboolean sorted = TRUE;

  g_assert (n_passes <= RADIX_MAX_PASSES);

  for (gsize i = 1; i < n && sorted; i++)
    sorted = pairs[i - 1].key <= pairs[i].key;
  if (sorted)
    return;

  counts = g_new0 (gsize, RADIX_MAX_PASSES * RADIX_SIZE);
  for (gsize i = 0; i < n; i++)
    for (guint p = 0; p < n_passes; p++)
      counts[p * RADIX_SIZE + ((pairs[i].key >> (p * RADIX_BITS)) & RADIX_MASK)]++;

  for (guint p = 0; p < n_passes; p++)
    {
      gsize *count = counts + p * RADIX_SIZE;
      guint shift = p * RADIX_BITS;
      gsize offset = 0;
      SortPair *swap;

      if (count[(src[0].key >> shift) & RADIX_MASK] == n)
        continue;

      for (guint v = 0; v < RADIX_SIZE; v++)
        {
          gsize c = count[v];

          count[v] = offset;
          offset += c;
        }

      for (gsize i = 0; i < n; i++)
        dst[count[(src[i].key >> shift) & RADIX_MASK]++] = src[i];

      swap = src;
      src = dst;
      dst = swap;
    }

  if (src != pairs)
    memcpy (pairs, src, n * sizeof (SortPair));
}

/* An array of n guint32 (zeroed when asked), in huge pages where it
 * holds some: finish()'s arrays of a million members are 4 MB each and
 * the links 16 MB, fresh memory that took a page fault per 4 KiB, a
 * fifth of finish()'s time at a million (perf). */
static guint32 *
new_words (gsize    n,
           gboolean zeroed)
{
  guint32 *words = zeroed ? g_new0 (guint32, n) : g_new (guint32, n);

  dl_memory_ask_huge_pages (words, n * sizeof (guint32));
  return words;
}

DlTreeBuilder *
dl_tree_builder_new (guint size_hint)
{
  DlTreeBuilder *builder = g_new0 (DlTreeBuilder, 1);

  builder->rows = g_array_sized_new (FALSE, FALSE, sizeof (DlTreeNode), size_hint);
  dl_memory_ask_huge_pages (builder->rows->data, (gsize) size_hint * sizeof (DlTreeNode));
  builder->names = g_string_chunk_new (64 * 1024);
  builder->ranks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (builder->ranks, g_strdup (""));
  builder->rank_index = g_hash_table_new (g_str_hash, g_str_equal);

  return builder;
}

guint16
dl_tree_builder_intern_rank (DlTreeBuilder *builder,
                             const char    *rank)
{
  gpointer value;
  guint16 index;

  g_return_val_if_fail (builder != NULL, 0);

  if (rank == NULL || *rank == '\0')
    return 0;
  if (strcmp (g_ptr_array_index (builder->ranks, builder->last_rank), rank) == 0)
    return builder->last_rank;
  value = g_hash_table_lookup (builder->rank_index, rank);
  if (value != NULL)
    index = GPOINTER_TO_UINT (value) - 1;
  else if (builder->ranks->len >= DL_TREE_MAX_RANKS)
    index = DL_TREE_MAX_RANKS - 1;
  else
    {
      char *copy = g_strdup (rank);

      index = builder->ranks->len;
      g_ptr_array_add (builder->ranks, copy);
      g_hash_table_insert (builder->rank_index, copy, GUINT_TO_POINTER ((guint) index + 1));
    }
  builder->last_rank = index;
  return index;
}

void
dl_tree_builder_add (DlTreeBuilder    *builder,
                     const DlTreeNode *row)
{
  DlTreeNode *copy;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (row != NULL);
  /* 0 means "no sponsor", so it cannot be anyone's id. */
  g_return_if_fail (row->person_id != 0);
  g_return_if_fail (builder->rows->len < G_MAXUINT32 - 1);

  g_array_set_size (builder->rows, builder->rows->len + 1);
  copy = &g_array_index (builder->rows, DlTreeNode, builder->rows->len - 1);
  *copy = *row;
  copy->name = g_string_chunk_insert (builder->names, row->name != NULL ? row->name : "");
  /* finish() works these out in the row itself */
  copy->first_recruit_on = DL_DAY_NONE;
  copy->last_recruit_on = DL_DAY_NONE;
  /* Only indices this builder handed out mean anything. */
  if (copy->rank >= builder->ranks->len)
    copy->rank = 0;
}

void
dl_tree_builder_take (DlTreeBuilder *builder,
                      DlTreeBuilder *other)
{
  g_autofree guint16 *rank_map = NULL;
  DlTreeNode *rows;
  guint start;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (other != NULL && other != builder);
  g_return_if_fail ((guint64) builder->rows->len + other->rows->len < G_MAXUINT32 - 1);

  /* other's rank indices become builder's */
  rank_map = g_new (guint16, other->ranks->len);
  rank_map[0] = 0;
  for (guint r = 1; r < other->ranks->len; r++)
    rank_map[r] = dl_tree_builder_intern_rank (builder, g_ptr_array_index (other->ranks, r));

  start = builder->rows->len;
  g_array_append_vals (builder->rows, other->rows->data, other->rows->len);
  rows = &g_array_index (builder->rows, DlTreeNode, start);
  for (guint i = 0; i < other->rows->len; i++)
    rows[i].rank = rank_map[rows[i].rank];
  g_array_set_size (other->rows, 0);

  /* the names stay where they are: their chunks come along */
  if (builder->more_names == NULL)
    builder->more_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  g_ptr_array_add (builder->more_names, g_steal_pointer (&other->names));
  other->names = g_string_chunk_new (64 * 1024);
  if (other->more_names != NULL)
    {
      g_ptr_array_set_free_func (other->more_names, NULL);
      g_ptr_array_extend_and_steal (builder->more_names, g_steal_pointer (&other->more_names));
    }
}

void
dl_tree_builder_free (DlTreeBuilder *builder)
{
  if (builder == NULL)
    return;

  g_array_unref (builder->rows);
  g_string_chunk_free (builder->names);
  g_clear_pointer (&builder->more_names, g_ptr_array_unref);
  g_hash_table_unref (builder->rank_index);
  g_ptr_array_unref (builder->ranks);
  g_free (builder);
}

static void
set_duplicate_error (GError           **error,
                     const DlTreeNode  *a,
                     const DlTreeNode  *b)
{
  /* the id goes in as text: a G_GINT64_FORMAT macro would hide the whole
   * message from xgettext */
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, a->person_id);

  g_set_error (error, DL_TREE_ERROR, DL_TREE_ERROR_DUPLICATE_ID,
               _("Person id %s appears twice in the downline (“%s” and “%s”)"),
               id, a->name, b->name);
}

/* Every row left unvisited by the walk from the roots has a sponsor chain
 * that never reaches a root, so following it from any of them ends in a
 * loop.  Floyd's tortoise and hare finds the loop in constant memory; the
 * message then names its smallest id so the same data always gives the
 * same message. */
static void
set_cycle_error (GError           **error,
                 const DlTreeNode  *rows,
                 const guint32     *parent_row,
                 guint32            start)
{
  g_autoptr(GString) chain = g_string_new (NULL);
  guint32 slow = start;
  guint32 fast = start;
  guint32 lowest;
  guint32 r;
  guint shown = 0;

  do
    {
      slow = parent_row[slow];
      fast = parent_row[parent_row[fast]];
    }
  while (slow != fast);

  lowest = slow;
  for (r = parent_row[slow]; r != slow; r = parent_row[r])
    if (rows[r].person_id < rows[lowest].person_id)
      lowest = r;

  g_string_append_printf (chain, "%" G_GINT64_FORMAT, rows[lowest].person_id);
  for (r = parent_row[lowest]; ; r = parent_row[r])
    {
      if (++shown >= LOOP_IDS_SHOWN && r != lowest)
        {
          g_string_append (chain, " → …");
          r = lowest;
        }
      g_string_append_printf (chain, " → %" G_GINT64_FORMAT, rows[r].person_id);
      if (r == lowest)
        break;
    }

  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, rows[lowest].person_id);

    g_set_error (error, DL_TREE_ERROR, DL_TREE_ERROR_CYCLE,
                 /* Translators: of either tree, who enrolled whom or where members were placed */
                 _("The chain of uplines of “%s” (person %s) loops back on itself: %s"),
                 rows[lowest].name, id, chain->str);
  }
}

/* The working state of finish(), row-indexed unless said otherwise.
 * Every array here is held at once at the peak, beside the rows: a
 * million members' opening peaks here, so each is as small as it can be
 * (the recruits' days go straight into the rows, the id order is row
 * numbers alone, its keys read from the rows). */
typedef struct
{
  DlTreeNode *rows;
  guint32     n;
  guint32     user_row;      /* NONE when the user has no row */
  guint32    *by_id;         /* rows in person-id order; the tree's own by_id in the end */
  guint32    *parent_row;    /* the sponsor's row, or NONE */
  guint32    *child_start;   /* r's children: children[child_start[r] .. child_start[r + 1]) */
  guint32    *children;
  /* Fresh pages cost more than the work done in them (a page fault per
   * 4 KiB), so the scratch arrays below are all carved, in turn, out of
   * one block: first the sort buffers, then n-sized guint32 arrays. */
  SortPair   *sort_buf;      /* 2 × n pairs: the sort's input and its spare */
  guint32    *order;         /* slot 1: pre-order position → row */
  guint32    *new_index;     /* slot 2: row → pre-order position, or NONE if unreached */
} Build;

/* The sort buffer seen as n-sized guint32 arrays: 8 of them fit. */
static inline guint32 *
work_slot (Build *b,
           guint  slot)
{
  g_assert (slot < 8);
  return (guint32 *) (gpointer) b->sort_buf + (gsize) slot * b->n;
}

static void
build_clear (Build *b)
{
  g_clear_pointer (&b->by_id, g_free);
  g_clear_pointer (&b->parent_row, g_free);
  g_clear_pointer (&b->child_start, g_free);
  g_clear_pointer (&b->children, g_free);
  g_clear_pointer (&b->sort_buf, g_free);
}

/* Person-id order makes duplicates neighbours, lets sponsors be matched
 * by a merge, and is find()'s binary-search table. */
static gboolean
sort_by_id (Build     *b,
            SortPair  *pairs,
            SortPair  *tmp,
            GError   **error)
{
  for (guint32 i = 0; i < b->n; i++)
    pairs[i] = (SortPair) { id_key (b->rows[i].person_id), i };
  radix_sort (pairs, tmp, b->n, 64);

  for (guint32 j = 1; j < b->n; j++)
    {
      if (pairs[j].key == pairs[j - 1].key)
        {
          set_duplicate_error (error, &b->rows[pairs[j - 1].row], &b->rows[pairs[j].row]);
          return FALSE;
        }
    }

  b->by_id = new_words (b->n, FALSE);
  for (guint32 j = 0; j < b->n; j++)
    b->by_id[j] = pairs[j].row;
  return TRUE;
}

/* A sponsor id that matches no row leaves parent_row at NONE: an orphan.
 * The user heads the downline even if their row names a sponsor (their
 * own upline is not part of it). */
static void
link_sponsors (Build    *b,
               gint64    root_person_id,
               SortPair *pairs,
               SortPair *tmp)
{
  guint32 m = 0;

  b->parent_row = new_words (b->n, FALSE);
  for (guint32 i = 0; i < b->n; i++)
    {
      b->parent_row[i] = NONE;
      if (b->rows[i].person_id == root_person_id)
        b->user_row = i;
      else if (b->rows[i].sponsor_id != 0)
        pairs[m++] = (SortPair) { id_key (b->rows[i].sponsor_id), i };
    }
  radix_sort (pairs, tmp, m, 64);

  for (guint32 k = 0, j = 0; k < m; k++)
    {
      while (j < b->n && id_key (b->rows[b->by_id[j]].person_id) < pairs[k].key)
        j++;
      if (j == b->n)
        break;
      if (id_key (b->rows[b->by_id[j]].person_id) == pairs[k].key)
        b->parent_row[pairs[k].row] = b->by_id[j];
    }
}

/* Children are listed by joined_on then person id: a stable sort on the
 * day of rows already in id order gives exactly that, and the counting
 * sort on the parent keeps it.  The first dated child met is then the
 * parent's first recruit. */
static void
list_children (Build    *b,
               SortPair *pairs,
               SortPair *tmp)
{
  guint32 *cursor;

  for (guint32 j = 0; j < b->n; j++)
    pairs[j] = (SortPair) { day_key (b->rows[b->by_id[j]].joined_on), b->by_id[j] };
  radix_sort (pairs, tmp, b->n, 32);

  b->child_start = new_words ((gsize) b->n + 1, TRUE);
  for (guint32 i = 0; i < b->n; i++)
    if (b->parent_row[i] != NONE)
      b->child_start[b->parent_row[i] + 1]++;
  for (guint32 i = 0; i < b->n; i++)
    b->child_start[i + 1] += b->child_start[i];

  b->children = new_words (b->n, FALSE);
  /* The sort's spare half is free again. */
  cursor = (guint32 *) (gpointer) tmp;
  memcpy (cursor, b->child_start, b->n * sizeof (guint32));
  for (guint32 j = 0; j < b->n; j++)
    {
      guint32 r = pairs[j].row;
      guint32 p = b->parent_row[r];
      DlDay joined = b->rows[r].joined_on;

      if (p == NONE)
        continue;
      b->children[cursor[p]++] = r;
      if (b->rows[p].first_recruit_on == DL_DAY_NONE)
        b->rows[p].first_recruit_on = joined;
      /* in join order: the last one written is the latest */
      if (joined != DL_DAY_NONE)
        b->rows[p].last_recruit_on = joined;
    }
}

/* Pre-order walk with an explicit stack.  Roots go on in reverse so the
 * user comes out first, then the orphans in id order.  Returns how many
 * rows were reached: fewer than n means a loop. */
static guint32
walk_pre_order (Build *b)
{
  guint32 *stack = work_slot (b, 0);
  guint32 depth = 0;
  guint32 done = 0;

  for (guint32 j = b->n; j-- > 0;)
    {
      guint32 r = b->by_id[j];

      if (b->parent_row[r] == NONE && r != b->user_row)
        stack[depth++] = r;
    }
  if (b->user_row != NONE)
    stack[depth++] = b->user_row;

  b->order = work_slot (b, 1);
  b->new_index = work_slot (b, 2);
  for (guint32 i = 0; i < b->n; i++)
    b->new_index[i] = NONE;

  while (depth > 0)
    {
      guint32 r = stack[--depth];

      b->new_index[r] = done;
      b->order[done++] = r;
      for (guint32 c = b->child_start[r + 1]; c-- > b->child_start[r];)
        stack[depth++] = b->children[c];
    }

  return done;
}

/* How far ahead along a permutation cycle permute_rows() prefetches. */
#define PREFETCH_AHEAD 8

static inline void
prefetch_row (const DlTreeNode *row)
{
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch (row);
  __builtin_prefetch ((const char *) row + sizeof (DlTreeNode) - 1);
#endif
}

/* Moves every row to its pre-order position in place, following the
 * permutation's cycles: a million rows are 80 MB that need not be
 * allocated (and page-faulted) a second time.  The reads are scattered,
 * so the rows a few steps ahead on the cycle are prefetched. */
static void
permute_rows (Build *b)
{
  guint64 *moved = (guint64 *) (gpointer) work_slot (b, 6);  /* n bits fit in a slot */

  memset (moved, 0, (b->n + 63) / 64 * sizeof (guint64));

  for (guint32 k = 0; k < b->n; k++)
    {
      DlTreeNode saved;
      guint32 j = k;
      guint32 ahead = k;

      if (moved[k / 64] & (G_GUINT64_CONSTANT (1) << (k % 64)))
        continue;

      for (guint d = 0; d < PREFETCH_AHEAD && (d == 0 || ahead != k); d++)
        {
          ahead = b->order[ahead];
          prefetch_row (&b->rows[ahead]);
        }

      saved = b->rows[k];
      for (;;)
        {
          guint32 src = b->order[j];

          moved[j / 64] |= G_GUINT64_CONSTANT (1) << (j % 64);
          if (src == k)
            {
              b->rows[j] = saved;
              break;
            }
          b->rows[j] = b->rows[src];
          j = src;

          if (ahead != k)
            {
              ahead = b->order[ahead];
              prefetch_row (&b->rows[ahead]);
            }
        }
    }
}

/* Fills the tree's own fields.  The per-position numbers are worked out
 * in small arrays first, so that the pass over the big node array is a
 * single sequential one. */
static void
lay_out (Build  *b,
         DlTree *tree)
{
  guint32 *parent = work_slot (b, 3);
  guint32 *level = work_slot (b, 4);
  guint32 *size = work_slot (b, 5);
  guint32 *links;

  for (guint32 k = 0; k < b->n; k++)
    {
      guint32 p = b->parent_row[b->order[k]];

      parent[k] = p == NONE ? NONE : b->new_index[p];
      level[k] = p == NONE ? 0 : level[parent[k]] + 1;
      size[k] = 1;
    }

  /* Children come after their parent: one backward pass totals every
   * subtree. */
  for (guint32 k = b->n; k-- > 0;)
    if (parent[k] != NONE)
      size[parent[k]] += size[k];

  /* the rows in id order become their new indices, in place */
  for (guint32 j = 0; j < b->n; j++)
    b->by_id[j] = b->new_index[b->by_id[j]];
  tree->by_id = g_steal_pointer (&b->by_id);

  permute_rows (b);

  links = tree->links_block = new_words (4 * (gsize) b->n, FALSE);
  tree->links.parent = links;
  tree->links.next_sibling = links + b->n;
  tree->links.n_children = links + 2 * (gsize) b->n;
  tree->links.subtree_size = links + 3 * (gsize) b->n;
  for (guint32 k = 0; k < b->n; k++)
    {
      DlTreeNode *node = &b->rows[k];
      guint32 r = b->order[k];
      guint32 end = k + size[k];
      /* Roots count as siblings of one another, so next_sibling walks the
       * whole forest from node 0. */
      guint32 limit = parent[k] == NONE ? b->n : parent[k] + size[parent[k]];

      node->parent = parent[k];
      node->level = level[k];
      node->subtree_size = size[k];
      node->n_children = b->child_start[r + 1] - b->child_start[r];
      node->first_child = node->n_children > 0 ? k + 1 : NONE;
      node->next_sibling = end < limit ? end : NONE;
      links[k] = node->parent;
      links[b->n + k] = node->next_sibling;
      links[2 * (gsize) b->n + k] = node->n_children;
      links[3 * (gsize) b->n + k] = node->subtree_size;
    }
}

/* Rows are consumed: whatever finish() returns, the builder is left empty
 * and can take a new set of rows. */
DlTree *
dl_tree_builder_finish (DlTreeBuilder  *builder,
                        gint64          root_person_id,
                        GError        **error)
{
  g_autoptr(GArray) row_array = NULL;
  g_autoptr(DlTree) tree = NULL;
  Build b = { NULL, };

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  row_array = g_steal_pointer (&builder->rows);
  builder->rows = g_array_new (FALSE, FALSE, sizeof (DlTreeNode));

  tree = g_new0 (DlTree, 1);
  g_atomic_ref_count_init (&tree->ref_count);
  tree->names = g_steal_pointer (&builder->names);
  tree->more_names = g_steal_pointer (&builder->more_names);
  tree->root = -1;
  tree->as_of = G_MININT32;
  tree->started_on = DL_DAY_NONE;
  builder->names = g_string_chunk_new (64 * 1024);
  /* The rank table goes with the rows; the builder starts a fresh one. */
  tree->ranks = g_steal_pointer (&builder->ranks);
  g_hash_table_remove_all (builder->rank_index);
  builder->last_rank = 0;
  builder->ranks = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (builder->ranks, g_strdup (""));

  b.rows = (DlTreeNode *) (gpointer) row_array->data;
  b.n = row_array->len;
  b.user_row = NONE;
  if (b.n == 0)
    {
      /* one slot each, as for a node, so nothing reads through NULL */
      tree->links_block = g_new0 (guint32, 4);
      tree->links.parent = tree->links_block;
      tree->links.next_sibling = tree->links_block + 1;
      tree->links.n_children = tree->links_block + 2;
      tree->links.subtree_size = tree->links_block + 3;
      return g_steal_pointer (&tree);
    }

  b.sort_buf = g_new (SortPair, 2 * (gsize) b.n);
  dl_memory_ask_huge_pages (b.sort_buf, 2 * (gsize) b.n * sizeof (SortPair));

  if (!sort_by_id (&b, b.sort_buf, b.sort_buf + b.n, error))
    {
      build_clear (&b);
      return NULL;
    }

  link_sponsors (&b, root_person_id, b.sort_buf, b.sort_buf + b.n);
  list_children (&b, b.sort_buf, b.sort_buf + b.n);

  if (walk_pre_order (&b) < b.n)
    {
      for (guint32 j = 0; j < b.n; j++)
        {
          if (b.new_index[b.by_id[j]] == NONE)
            {
              set_cycle_error (error, b.rows, b.parent_row, b.by_id[j]);
              break;
            }
        }
      build_clear (&b);
      return NULL;
    }

  if (b.user_row != NONE)
    tree->root = b.new_index[b.user_row];
  lay_out (&b, tree);
  build_clear (&b);

  tree->n_nodes = row_array->len;
  tree->nodes = (DlTreeNode *) (gpointer) g_array_free (g_steal_pointer (&row_array), FALSE);

  return g_steal_pointer (&tree);
}

const DlTreeLinks *
dl_tree_get_links (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  return &tree->links;
}

DlTree *
dl_tree_ref (DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  g_atomic_ref_count_inc (&tree->ref_count);
  return tree;
}

static void
tree_free (gpointer data)
{
  DlTree *tree = data;

  g_free (tree->nodes);
  g_free (tree->links_block);
  g_free (tree->by_id);
  g_string_chunk_free (tree->names);
  g_clear_pointer (&tree->more_names, g_ptr_array_unref);
  g_ptr_array_unref (tree->ranks);
  g_free (tree->risk_model);
  g_free (tree);
}

void
dl_tree_unref (DlTree *tree)
{
  g_return_if_fail (tree != NULL);

  if (!g_atomic_ref_count_dec (&tree->ref_count))
    return;

  /* the old tree after an edit at a million members: 3 ms of frees */
  if (tree->n_nodes >= DL_TREE_FREE_LATER_NODES)
    dl_free_later (tree, tree_free);
  else
    tree_free (tree);
}

void
dl_tree_set_risk_model (DlTree            *tree,
                        const DlRiskModel *model)
{
  g_return_if_fail (tree != NULL);

  g_clear_pointer (&tree->risk_model, g_free);
  if (model != NULL)
    tree->risk_model = g_memdup2 (model, sizeof *model);
}

void
dl_tree_set_as_of (DlTree *tree,
                   gint32  period)
{
  g_return_if_fail (tree != NULL);

  tree->as_of = period;
}

gint32
dl_tree_get_as_of (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, G_MININT32);

  return tree->as_of;
}

void
dl_tree_set_started_on (DlTree *tree,
                        DlDay   day)
{
  g_return_if_fail (tree != NULL);

  tree->started_on = day;
}

DlDay
dl_tree_get_started_on (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, DL_DAY_NONE);

  return tree->started_on;
}

const DlRiskModel *
dl_tree_get_risk_model (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  return tree->risk_model;
}

guint
dl_tree_get_n_nodes (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);

  return tree->n_nodes;
}

const DlTreeNode *
dl_tree_get_node (const DlTree *tree,
                  guint         index)
{
  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (index < tree->n_nodes, NULL);

  return &tree->nodes[index];
}

/* the id of the person at index in the id order, for dl_id_search () */
static gint64
id_in_order (gconstpointer data,
             guint         index)
{
  const DlTree *tree = data;

  return tree->nodes[tree->by_id[index]].person_id;
}

gint64
dl_tree_find (const DlTree *tree,
              gint64        person_id)
{
  gint64 at;

  g_return_val_if_fail (tree != NULL, -1);

  at = dl_id_search (id_in_order, tree, tree->n_nodes, person_id);
  return at >= 0 ? (gint64) tree->by_id[at] : -1;
}

const guint32 *
dl_tree_get_id_order (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, NULL);

  return tree->by_id;
}

gint64
dl_tree_get_root (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, -1);

  return tree->root;
}

guint
dl_tree_get_n_ranks (const DlTree *tree)
{
  g_return_val_if_fail (tree != NULL, 0);

  return tree->ranks->len;
}

const char *
dl_tree_get_rank_name (const DlTree *tree,
                       guint         rank)
{
  g_return_val_if_fail (tree != NULL, "");
  g_return_val_if_fail (rank < tree->ranks->len, "");

  return g_ptr_array_index (tree->ranks, rank);
}

gboolean
dl_tree_is_ancestor (const DlTree *tree,
                     guint         ancestor_index,
                     guint         index)
{
  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (ancestor_index < tree->n_nodes, FALSE);
  g_return_val_if_fail (index < tree->n_nodes, FALSE);

  /* Pre-order puts a subtree in one contiguous range. */
  return index >= ancestor_index
         && index - ancestor_index < tree->nodes[ancestor_index].subtree_size;
}

void
dl_tree_set_last_contact (DlTree *tree,
                          guint   index,
                          DlDay   day)
{
  g_return_if_fail (tree != NULL);
  g_return_if_fail (index < tree->n_nodes);

  g_atomic_int_set ((gint *) &tree->nodes[index].last_contact, day);
}

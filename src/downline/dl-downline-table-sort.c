/* dl-downline-table-sort.c — how the Table ranks a flat list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A flat list is an array of tree indices sorted in C on keys read once
 * per member (a million in a fraction of a second, where a
 * GtkSortListModel calls back twenty million times).  The column view's
 * own sorter only says which header was clicked, and which way.
 */

#define G_LOG_DOMAIN "dl-downline-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dl-downline-table-private.h"

static int
compare_name_keys (const void *a,
                   const void *b)
{
  const char *const *x = a, *const *y = b;

  return strcmp (*x, *y);
}

/* Each member's place among all by name, in the user's alphabet (the
 * downline's order among namesakes): collation keys made once a
 * member, then compared as bytes, where collating pairs would take
 * twenty million calls.  Still seconds for a million (the locale's
 * collation is slow): a worker thread's job. */
static guint32 *
compute_name_order (DlTree *tree)
{
  guint n = dl_tree_get_n_nodes (tree);
  char **keys = g_new (char *, MAX (n, 1));
  guint32 *order = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_utf8_collate_key (dl_tree_get_node (tree, i)->name, -1);
      gsize len = strlen (key);

      /* the index after the key breaks ties in the downline's order */
      keys[i] = g_malloc (len + 9);
      memcpy (keys[i], key, len);
      g_snprintf (keys[i] + len, 9, "%08x", i);
    }
  qsort (keys, n, sizeof (char *), compare_name_keys);
  for (guint k = 0; k < n; k++)
    {
      const char *key = keys[k];

      order[g_ascii_strtoull (key + strlen (key) - 8, NULL, 16)] = k;
      g_free (keys[k]);
    }
  g_free (keys);
  return order;
}

static void
name_order_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, compute_name_order (task_data), g_free);
}

static gboolean sort_needs_names (DlDownlineTable *self);

static void
name_order_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (source);
  DlTree *tree = g_task_get_task_data (G_TASK (result));
  guint32 *order = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self->name_order_tree == tree && self->name_order == NULL)
    {
      self->name_order = order;
      /* the rows listed meanwhile in the downline's order take their places */
      if (self->tree == tree && self->view != NULL && sort_needs_names (self))
        dl_downline_table_resort (self, TRUE);
    }
  else
    g_free (order);
}

/* TRUE when the tree's name order is there; FALSE while a worker works
 * it out (the rows are ranked when it is done). */
static gboolean
ensure_name_order (DlDownlineTable *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->name_order_tree == self->tree)
    return self->name_order != NULL;
  g_clear_pointer (&self->name_order, g_free);
  g_clear_pointer (&self->name_order_tree, dl_tree_unref);
  self->name_order_tree = dl_tree_ref (self->tree);
  task = g_task_new (self, NULL, name_order_done_cb, NULL);
  g_task_set_source_tag (task, ensure_name_order);
  g_task_set_task_data (task, dl_tree_ref (self->tree), (GDestroyNotify) dl_tree_unref);
  g_task_run_in_thread (task, name_order_thread);
  return FALSE;
}

/* The key a column sorts by; NAN (not known) sorts last either way. */
static double
sort_key (DlDownlineTable *self,
          guint            column,
          guint            i)
{
  const DlTreeNode *node = dl_tree_get_node (self->tree, i);
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);
  const DlMemberFigures *member = figures != NULL ? &figures->members[i] : NULL;
  guint32 parent;
  DlDay day;

  switch (column)
    {
    case DL_DOWNLINE_COLUMN_NAME:
      return self->name_order[i];
    case DL_DOWNLINE_COLUMN_LEVEL:
      return node->level;
    case DL_DOWNLINE_COLUMN_STATUS:
      return node->status;
    case DL_DOWNLINE_COLUMN_RANK:
      return dl_downline_table_rank_key (self, i);
    case DL_DOWNLINE_COLUMN_PAID_RANK:
      return member != NULL ? self->figures_rank_order[member->paid_rank] : 0;
    case DL_DOWNLINE_COLUMN_PV:
      /* not known below none */
      return node->has_pv ? node->pv : -1;
    case DL_DOWNLINE_COLUMN_GV:
      return member != NULL && !isnan (member->gv) ? member->gv : -1;
    case DL_DOWNLINE_COLUMN_TEAM:
      return node->subtree_size;
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
      /* not known, off, on; on by the next date */
      return node->autoship * 1e7 + (member != NULL && node->autoship == DL_AUTOSHIP_ON ? member->next_autoship : 0);
    case DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP:
      /* the soonest first, who ships nothing after them */
      day = dl_downline_table_next_autoship (self, i);
      return day != DL_DAY_NONE ? day : NAN;
    case DL_DOWNLINE_COLUMN_RISK:
      return self->facts->risk_band[i] == DL_RISK_DROPPED ? -1 : self->facts->risk_score[i];
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      return node->last_contact;
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      return dl_downline_table_due_day (self, i);
    case DL_DOWNLINE_COLUMN_RECRUITS:
      return dl_downline_table_recruits (self, i);
    case DL_DOWNLINE_COLUMN_JOINED:
      return node->joined_on;
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
      return member != NULL ? member->first_order : DL_DAY_NONE;
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
      return member != NULL ? member->last_order : DL_DAY_NONE;
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      /* by the parent's name, nobody first */
      parent = dl_downline_table_other_parent (self, column, i);
      return parent != NONE ? self->name_order[parent] : -1;
    default:
      return 0;
    }
}

typedef struct
{
  guint64 key;
  guint32 index;
} SortEntry;

/* A key whose unsigned order is the order wanted: the double's own for
 * all but NAN, which is last either way. */
static inline guint64
ordered_key (double      key,
             GtkSortType order)
{
  guint64 bits;

  if (isnan (key))
    return G_MAXUINT64;
  memcpy (&bits, &key, sizeof bits);
  bits = (bits & G_GUINT64_CONSTANT (0x8000000000000000)) != 0 ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
  if (order == GTK_SORT_DESCENDING)
    bits = ~bits;
  /* below NAN's */
  return MIN (bits, G_MAXUINT64 - 1);
}

/* Sorts entries (in the downline's order) by key, a byte at a time from
 * the lowest: stable, so ties keep the downline's order either way, and
 * a million entries take a few passes over memory, not twenty million
 * calls of a comparison.  A byte all keys share costs no pass (most keys
 * are small numbers). */
static void
radix_sort (SortEntry *entries,
            guint      n)
{
  g_autofree guint *counts = g_new0 (guint, 8 * 256);
  g_autofree SortEntry *spare = g_new (SortEntry, MAX (n, 1));
  SortEntry *from = entries, *to = spare;

  for (guint k = 0; k < n; k++)
    for (guint b = 0; b < 8; b++)
      counts[b * 256 + ((from[k].key >> (8 * b)) & 0xff)]++;
  for (guint b = 0; b < 8; b++)
    {
      guint *count = counts + b * 256;
      guint offset = 0;
      SortEntry *swap;

      if (count[(from[0].key >> (8 * b)) & 0xff] == n)
        continue;
      for (guint v = 0; v < 256; v++)
        {
          guint c = count[v];

          count[v] = offset;
          offset += c;
        }
      for (guint k = 0; k < n; k++)
        to[count[(from[k].key >> (8 * b)) & 0xff]++] = from[k];
      swap = from;
      from = to;
      to = swap;
    }
  if (from != entries)
    memcpy (entries, from, n * sizeof (SortEntry));
}

static gboolean
sort_needs_names (DlDownlineTable *self)
{
  return self->sort_column == DL_DOWNLINE_COLUMN_NAME || self->sort_column == DL_DOWNLINE_COLUMN_SPONSOR
         || self->sort_column == DL_DOWNLINE_COLUMN_PLACED_UNDER;
}

gboolean
dl_downline_table_sort_members (DlDownlineTable *self,
              guint32         *indices,
              guint            n)
{
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (n, 1));
  gint64 started = g_get_monotonic_time ();

  if (n == 0)
    return TRUE;
  if (sort_needs_names (self) && !ensure_name_order (self))
    {
      g_debug ("%u members wait for their names' order", n);
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      entries[k].key = ordered_key (sort_key (self, self->sort_column, indices[k]), self->sort_order);
      entries[k].index = indices[k];
    }
  radix_sort (entries, n);
  for (guint k = 0; k < n; k++)
    indices[k] = entries[k].index;
  g_debug ("%u members ranked by %s in %.3f s", n, dl_downline_column_info[self->sort_column].key,
           (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

int
dl_downline_table_probe_cb (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  GtkColumnViewColumn *col = user_data;
  DlDownlineTable *self = g_object_get_data (G_OBJECT (col), "table");
  guint i = dl_downline_row_index_of ((gpointer) a), j = dl_downline_row_index_of ((gpointer) b);

  if (self != NULL && self->probed_column < 0)
    self->probed_column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (col), "column"));
  return i < j ? -1 : i > j;
}

void
dl_downline_table_probe_sort (DlDownlineTable *self,
            int             *column,
            GtkSortType     *order)
{
  g_autoptr(DlDownlineRow) first = dl_downline_row_new (0);
  g_autoptr(DlDownlineRow) second = dl_downline_row_new (1);
  GtkOrdering ordering;

  self->probed_column = -1;
  ordering = gtk_sorter_compare (gtk_column_view_get_sorter (self->view), first, second);
  *column = self->probed_column;
  *order = ordering == GTK_ORDERING_LARGER ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
}

/* test-tree.c — building the downline forest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small trees are checked against orders worked out by hand; random and
 * huge ones against a brute-force checker that only uses the rows given
 * to the builder (walks of sponsor ids, counts), never the builder's own
 * fields to derive its expectations.
 */

#include <glib.h>
#include <string.h>

#include "dl-day.h"
#include "dl-free-later.h"
#include "dl-tree.h"

#define NONE DL_TREE_NO_PARENT

typedef struct
{
  gint64      id;
  gint64      sponsor;
  const char *joined;
} Row;

static DlTreeNode
make_row (gint64      id,
          gint64      sponsor,
          DlDay       joined,
          const char *name)
{
  DlTreeNode row;

  memset (&row, 0, sizeof row);
  row.person_id = id;
  row.sponsor_id = sponsor;
  row.name = name;
  row.joined_on = joined;
  row.status = DL_MEMBER_ACTIVE;
  row.role = DL_ROLE_DISTRIBUTOR;

  /* The builder must ignore these. */
  row.parent = 12345;
  row.subtree_size = 99;
  row.n_children = 7;
  row.first_child = 3;
  row.next_sibling = 4;
  row.level = 42;
  row.first_recruit_on = 17;

  return row;
}

static DlTree *
build (const Row *rows,
       guint      n_rows,
       gint64     root_id,
       GError   **error)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n_rows);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree char *name = g_strdup_printf ("Person %" G_GINT64_FORMAT, rows[i].id);
      DlTreeNode row = make_row (rows[i].id, rows[i].sponsor,
                                 rows[i].joined != NULL ? dl_day_from_iso (rows[i].joined) : DL_DAY_NONE,
                                 name);

      dl_tree_builder_add (builder, &row);
    }

  return dl_tree_builder_finish (builder, root_id, error);
}

static gint64
id_at (const DlTree *tree,
       guint         index)
{
  return dl_tree_get_node (tree, index)->person_id;
}

/* ---- brute-force checker ------------------------------------------------ */

typedef struct
{
  gint64 id;
  gint64 sponsor;
  DlDay  joined;
} Plain;

static gboolean
plain_has_id (const Plain *rows,
              guint        n,
              gint64       id)
{
  for (guint i = 0; i < n; i++)
    if (rows[i].id == id)
      return TRUE;
  return FALSE;
}

/* Checks every field of every node against the rows; for n up to a few
 * thousand (it is quadratic in places). */
static void
check_tree (const DlTree *tree,
            const Plain  *rows,
            guint         n,
            gint64        root_id)
{
  g_autofree guint *count = g_new0 (guint, n);
  g_autofree guint *kids = g_new0 (guint, n);
  gint64 prev_orphan = G_MININT64;
  gboolean have_user = plain_has_id (rows, n, root_id);

  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, n);

  /* The links' arrays say what the nodes say. */
  {
    const DlTreeLinks *links = dl_tree_get_links (tree);

    for (guint i = 0; i < n; i++)
      {
        const DlTreeNode *node = dl_tree_get_node (tree, i);

        g_assert_cmpuint (links->parent[i], ==, node->parent);
        g_assert_cmpuint (links->next_sibling[i], ==, node->next_sibling);
        g_assert_cmpuint (links->n_children[i], ==, node->n_children);
        g_assert_cmpuint (links->subtree_size[i], ==, node->subtree_size);
      }
  }

  /* Every row is there, exactly once, with its own data. */
  for (guint i = 0; i < n; i++)
    {
      gint64 index = dl_tree_find (tree, rows[i].id);

      g_assert_cmpint (index, >=, 0);
      g_assert_cmpint (index, <, n);
      g_assert_cmpint (id_at (tree, index), ==, rows[i].id);
      g_assert_cmpint (dl_tree_get_node (tree, index)->sponsor_id, ==, rows[i].sponsor);
      g_assert_cmpint (dl_tree_get_node (tree, index)->joined_on, ==, rows[i].joined);
    }

  if (have_user)
    g_assert_cmpint (dl_tree_get_root (tree), ==, 0);
  else
    g_assert_cmpint (dl_tree_get_root (tree), ==, -1);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      if (node->person_id == root_id || !plain_has_id (rows, n, node->sponsor_id))
        {
          /* A root: the user first, then orphans in id order. */
          g_assert_cmpuint (node->parent, ==, NONE);
          g_assert_cmpuint (node->level, ==, 0);
          if (node->person_id == root_id)
            g_assert_cmpuint (i, ==, 0);
          else
            {
              g_assert_cmpint (node->person_id, >, prev_orphan);
              prev_orphan = node->person_id;
            }
        }
      else
        {
          const DlTreeNode *parent;

          g_assert_cmpuint (node->parent, <, i);
          parent = dl_tree_get_node (tree, node->parent);
          g_assert_cmpint (parent->person_id, ==, node->sponsor_id);
          g_assert_cmpuint (node->level, ==, parent->level + 1);
          kids[node->parent]++;
        }

      /* Every ancestor's subtree range holds this node. */
      count[i]++;
      for (guint32 a = node->parent; a != NONE; a = dl_tree_get_node (tree, a)->parent)
        {
          count[a]++;
          g_assert_true (dl_tree_is_ancestor (tree, a, i));
          g_assert_false (dl_tree_is_ancestor (tree, i, a));
        }
      g_assert_true (dl_tree_is_ancestor (tree, i, i));
    }

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      guint32 expected_sibling = NONE;
      DlDay first_recruit = DL_DAY_NONE;
      const DlTreeNode *prev = NULL;

      g_assert_cmpuint (node->subtree_size, ==, count[i]);
      g_assert_cmpuint (node->n_children, ==, kids[i]);
      g_assert_cmpuint (node->first_child, ==, kids[i] > 0 ? i + 1 : NONE);

      for (guint j = i + 1; j < n; j++)
        {
          if (dl_tree_get_node (tree, j)->parent == node->parent)
            {
              expected_sibling = j;
              break;
            }
        }
      g_assert_cmpuint (node->next_sibling, ==, expected_sibling);

      /* Children by joined_on, then person id. */
      for (guint j = i + 1; j < n; j++)
        {
          const DlTreeNode *c = dl_tree_get_node (tree, j);

          if (c->parent != i)
            continue;
          if (c->joined_on != DL_DAY_NONE
              && (first_recruit == DL_DAY_NONE || c->joined_on < first_recruit))
            first_recruit = c->joined_on;
          if (prev != NULL)
            g_assert_true (prev->joined_on < c->joined_on
                           || (prev->joined_on == c->joined_on && prev->person_id < c->person_id));
          prev = c;
        }
      g_assert_cmpint (node->first_recruit_on, ==, first_recruit);
      g_assert_nonnull (node->name);
    }
}

static Plain *
plain_from_rows (const Row *rows,
                 guint      n)
{
  Plain *plain = g_new (Plain, n);

  for (guint i = 0; i < n; i++)
    {
      plain[i].id = rows[i].id;
      plain[i].sponsor = rows[i].sponsor;
      plain[i].joined = rows[i].joined != NULL ? dl_day_from_iso (rows[i].joined) : DL_DAY_NONE;
    }

  return plain;
}

/* ---- hand-worked trees ---------------------------------------------- */

static void
test_empty (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = dl_tree_builder_finish (builder, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 0);
  g_assert_cmpint (dl_tree_get_root (tree), ==, -1);
  g_assert_cmpint (dl_tree_find (tree, 1), ==, -1);
  g_assert_nonnull (dl_tree_get_links (tree)->subtree_size);
}

/* The user (1) with a small downline, given in scrambled order:
 *
 *   1 ─┬─ 20 (2024-01-05) ─┬─ 40 (2024-02-01)
 *      │                   └─ 41 (2024-02-01)    same day: id order
 *      ├─ 10 (2024-01-10) ─── 30 ─── 50
 *      └─ 5  (2024-01-20)                        joined last: listed last
 *   orphans, by id: 60 (sponsor 888, absent) ─── 61
 *                   70 (sponsor 999, absent)
 */
static const Row shape_rows[] = {
  { 41, 20, "2024-02-01" },
  { 30, 10, "2024-03-01" },
  { 60, 888, "2023-05-05" },
  { 10, 1, "2024-01-10" },
  { 1, 0, "2023-01-01" },
  { 50, 30, "2024-04-01" },
  { 70, 999, "2023-01-01" },
  { 40, 20, "2024-02-01" },
  { 5, 1, "2024-01-20" },
  { 20, 1, "2024-01-05" },
  { 61, 60, "2023-06-06" },
};

static void
test_shape (void)
{
  static const gint64 expected_order[] = { 1, 20, 40, 41, 10, 30, 50, 5, 60, 61, 70 };
  static const guint expected_level[] = { 0, 1, 2, 2, 1, 2, 3, 1, 0, 1, 0 };
  static const guint expected_size[] = { 8, 3, 1, 1, 3, 2, 1, 1, 2, 1, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = build (shape_rows, G_N_ELEMENTS (shape_rows), 1, &error);
  g_autofree Plain *plain = plain_from_rows (shape_rows, G_N_ELEMENTS (shape_rows));

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (expected_order); i++)
    {
      g_test_message ("node %u", i);
      g_assert_cmpint (id_at (tree, i), ==, expected_order[i]);
      g_assert_cmpuint (dl_tree_get_node (tree, i)->level, ==, expected_level[i]);
      g_assert_cmpuint (dl_tree_get_node (tree, i)->subtree_size, ==, expected_size[i]);
    }

  /* Siblings: 20 → 10 → 5; roots 1 → 60 → 70. */
  g_assert_cmpint (id_at (tree, dl_tree_get_node (tree, 1)->next_sibling), ==, 10);
  g_assert_cmpint (id_at (tree, dl_tree_get_node (tree, 4)->next_sibling), ==, 5);
  g_assert_cmpuint (dl_tree_get_node (tree, 7)->next_sibling, ==, NONE);
  g_assert_cmpint (id_at (tree, dl_tree_get_node (tree, 0)->next_sibling), ==, 60);
  g_assert_cmpint (id_at (tree, dl_tree_get_node (tree, 8)->next_sibling), ==, 70);
  g_assert_cmpuint (dl_tree_get_node (tree, 10)->next_sibling, ==, NONE);

  /* The user's first recruit is 20, who joined first. */
  g_assert_cmpint (dl_tree_get_node (tree, 0)->first_recruit_on, ==, dl_day_from_iso ("2024-01-05"));
  g_assert_cmpint (dl_tree_get_node (tree, 6)->first_recruit_on, ==, DL_DAY_NONE);
  g_assert_cmpstr (dl_tree_get_node (tree, 0)->name, ==, "Person 1");

  /* The orphan keeps the sponsor id it was given, though no such row exists. */
  g_assert_cmpint (dl_tree_get_node (tree, 8)->sponsor_id, ==, 888);

  check_tree (tree, plain, G_N_ELEMENTS (shape_rows), 1);
}

static void
test_no_user (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = build (shape_rows, G_N_ELEMENTS (shape_rows), 4242, &error);
  g_autofree Plain *plain = plain_from_rows (shape_rows, G_N_ELEMENTS (shape_rows));

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree == NULL)
    return;

  /* Without the user's row, 1 is just the orphan with the smallest id. */
  g_assert_cmpint (dl_tree_get_root (tree), ==, -1);
  g_assert_cmpint (id_at (tree, 0), ==, 1);
  check_tree (tree, plain, G_N_ELEMENTS (shape_rows), 4242);
}

/* The user heads the tree even when their row names a sponsor, here one
 * of their own recruits (which would otherwise be a loop). */
static void
test_user_with_sponsor (void)
{
  static const Row rows[] = {
    { 2, 1, "2024-01-01" },
    { 1, 2, "2020-01-01" },
    { 3, 2, "2024-02-01" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = build (rows, G_N_ELEMENTS (rows), 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree == NULL)
    return;

  g_assert_cmpint (id_at (tree, 0), ==, 1);
  g_assert_cmpuint (dl_tree_get_node (tree, 0)->parent, ==, NONE);
  g_assert_cmpuint (dl_tree_get_node (tree, 0)->subtree_size, ==, 3);
  g_assert_cmpuint (dl_tree_get_node (tree, 2)->level, ==, 2);
}

static void
test_find (void)
{
  static const Row rows[] = {
    { -5, 0, "2024-01-01" },
    { G_MAXINT64, -5, "2024-01-02" },
    { G_MININT64 + 1, -5, "2024-01-03" },
    { 1, 0, "2024-01-04" },
    { 256, 1, "2024-01-05" },
    { 65536, 256, "2024-01-06" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = build (rows, G_N_ELEMENTS (rows), -5, &error);
  g_autofree Plain *plain = plain_from_rows (rows, G_N_ELEMENTS (rows));
  static const gint64 missing[] = { 0, 2, 255, 257, -4, -6, G_MININT64, G_MAXINT64 - 1 };

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree == NULL)
    return;

  check_tree (tree, plain, G_N_ELEMENTS (rows), -5);
  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    g_assert_cmpint (dl_tree_find (tree, missing[i]), ==, -1);

  /* every node once, by id, the extremes included */
  {
    const guint32 *order = dl_tree_get_id_order (tree);
    static const gint64 by_id[] = { G_MININT64 + 1, -5, 1, 256, 65536, G_MAXINT64 };

    for (guint k = 0; k < G_N_ELEMENTS (by_id); k++)
      g_assert_cmpint (dl_tree_get_node (tree, order[k])->person_id, ==, by_id[k]);
  }
}

static void
test_duplicate (void)
{
  static const Row rows[] = {
    { 1, 0, "2024-01-01" },
    { 7, 1, "2024-01-02" },
    { 8, 1, "2024-01-02" },
    { 7, 8, "2024-01-03" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = build (rows, G_N_ELEMENTS (rows), 1, &error);

  g_assert_null (tree);
  g_assert_error (error, DL_TREE_ERROR, DL_TREE_ERROR_DUPLICATE_ID);
  if (error != NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "7"));
    }
}

typedef struct
{
  const char *name;
  Row         rows[8];
  guint       n_rows;
  gint64      loop[4];   /* ids on the loop, 0-terminated */
} CycleCase;

static const CycleCase cycle_cases[] = {
  { "self", { { 1, 0, NULL }, { 2, 2, NULL } }, 2, { 2 } },
  { "pair", { { 1, 0, NULL }, { 2, 3, NULL }, { 3, 2, NULL } }, 3, { 2, 3 } },
  { "triangle with a tail",
    { { 1, 0, NULL }, { 4, 1, NULL }, { 9, 7, NULL }, { 7, 8, NULL }, { 8, 6, NULL },
      { 6, 7, NULL }, { 5, 9, NULL } },
    7, { 6, 7, 8 } },
  { "no root at all", { { 3, 4, NULL }, { 4, 5, NULL }, { 5, 3, NULL } }, 3, { 3, 4, 5 } },
  { "through the user", { { 1, 0, NULL }, { 2, 1, NULL }, { 10, 11, NULL }, { 11, 10, NULL } },
    4, { 10, 11 } },
};

static gboolean
message_names_person (const char *message,
                      gint64      id)
{
  g_autofree char *needle = g_strdup_printf ("(person %" G_GINT64_FORMAT ")", id);

  return strstr (message, needle) != NULL;
}

static void
test_cycles (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cycle_cases); i++)
    {
      const CycleCase *c = &cycle_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(DlTree) tree = NULL;
      gboolean named = FALSE;

      g_test_message ("%s", c->name);
      tree = build (c->rows, c->n_rows, 1, &error);
      g_assert_null (tree);
      g_assert_error (error, DL_TREE_ERROR, DL_TREE_ERROR_CYCLE);
      if (error == NULL)
        continue;

      g_test_message ("%s", error->message);
      for (guint j = 0; j < G_N_ELEMENTS (c->loop) && c->loop[j] != 0; j++)
        named |= message_names_person (error->message, c->loop[j]);
      g_assert_true (named);

      /* Nobody off the loop is named as its culprit. */
      for (guint j = 0; j < c->n_rows; j++)
        {
          gboolean on_loop = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (c->loop) && c->loop[k] != 0; k++)
            on_loop |= c->loop[k] == c->rows[j].id;
          if (!on_loop)
            g_assert_false (message_names_person (error->message, c->rows[j].id));
        }
    }
}

/* A loop as long as the tree: the message stays short. */
static void
test_long_cycle (void)
{
  const guint n = 100000;
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;

  for (guint i = 1; i <= n; i++)
    {
      DlTreeNode row = make_row (i, i == n ? 1 : i + 1, DL_DAY_NONE, "x");

      dl_tree_builder_add (builder, &row);
    }

  tree = dl_tree_builder_finish (builder, 0, &error);
  g_assert_null (tree);
  g_assert_error (error, DL_TREE_ERROR, DL_TREE_ERROR_CYCLE);
  if (error != NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_cmpuint (strlen (error->message), <, 200);
    }
}

static void
test_builder_reuse (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (4);
  g_autoptr(DlTree) first = NULL;
  g_autoptr(DlTree) second = NULL;
  g_autoptr(DlTree) third = NULL;
  g_autoptr(GError) error = NULL;
  DlTreeNode a = make_row (1, 0, DL_DAY_NONE, "Ann");
  DlTreeNode b = make_row (2, 1, DL_DAY_NONE, "Bob");
  DlTreeNode loop = make_row (3, 3, DL_DAY_NONE, "Cy");
  char name[] = "Dee";
  DlTreeNode d = make_row (4, 0, DL_DAY_NONE, name);

  dl_tree_builder_add (builder, &a);
  dl_tree_builder_add (builder, &b);
  first = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dl_tree_get_n_nodes (first), ==, 2);

  /* Finishing took the rows; a failure leaves the builder empty too. */
  dl_tree_builder_add (builder, &loop);
  second = dl_tree_builder_finish (builder, 1, &error);
  g_assert_null (second);
  g_clear_error (&error);

  /* Names are copied: the caller's buffer may change afterwards. */
  dl_tree_builder_add (builder, &d);
  name[0] = 'X';
  third = dl_tree_builder_finish (builder, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dl_tree_get_n_nodes (third), ==, 1);
  g_assert_cmpstr (dl_tree_get_node (third, 0)->name, ==, "Dee");

  /* The first tree is untouched by later use of the builder. */
  g_assert_cmpstr (dl_tree_get_node (first, 1)->name, ==, "Bob");

  /* A NULL name becomes "". */
  {
    g_autoptr(DlTree) fourth = NULL;
    DlTreeNode e = make_row (5, 0, DL_DAY_NONE, NULL);

    dl_tree_builder_add (builder, &e);
    fourth = dl_tree_builder_finish (builder, 5, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (dl_tree_get_node (fourth, 0)->name, ==, "");
  }
}

static void
test_ref (void)
{
  static const Row rows[] = { { 1, 0, NULL } };
  g_autoptr(DlTree) tree = build (rows, 1, 1, NULL);
  DlTree *extra = dl_tree_ref (tree);

  g_assert_true (extra == tree);
  dl_tree_unref (extra);
  g_assert_cmpint (id_at (tree, 0), ==, 1);
}

/* The old tree after an edit is freed on a worker thread, and
 * dl_free_later_flush () waits for it. */
static GThread *freed_on;
static guint n_freed;

static void
record_free (gpointer data)
{
  freed_on = g_thread_self ();
  n_freed++;
  g_free (data);
}

static void
test_free_later (void)
{
  n_freed = 0;
  for (guint i = 0; i < 3; i++)
    dl_free_later (g_malloc (64), record_free);
  dl_free_later (NULL, record_free);
  dl_free_later_flush ();
  g_assert_cmpuint (n_freed, ==, 3);
  g_assert_nonnull (freed_on);
  g_assert_true (freed_on != g_thread_self ());
}

/* ---- random and huge trees ------------------------------------------- */

static void
test_random (void)
{
  for (guint round = 0; round < 20; round++)
    {
      guint n = g_test_rand_int_range (1, 1500);
      g_autofree Plain *plain = g_new (Plain, n);
      g_autofree guint *shuffle = g_new (guint, n);
      g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (0);
      g_autoptr(DlTree) tree = NULL;
      g_autoptr(GError) error = NULL;
      gint64 base = g_test_rand_int_range (-1000, 1000) * G_GINT64_CONSTANT (1000000007);
      DlDay day0 = dl_day_from_iso ("2020-01-01");

      /* Ids far apart and some negative; sponsors picked among earlier
       * rows, so there is no loop; a few sponsors that never appear. */
      for (guint i = 0; i < n; i++)
        {
          plain[i].id = base + (gint64) i * 7919 + 1;
          if (plain[i].id == 0)
            plain[i].id = G_MAXINT64;
          if (i == 0)
            plain[i].sponsor = 0;
          else if (g_test_rand_int_range (0, 20) == 0)
            plain[i].sponsor = G_MININT64 + g_test_rand_int_range (1, 1000);
          else
            plain[i].sponsor = plain[g_test_rand_int_range (0, i)].id;
          /* Few distinct days, so ties on joined_on are common. */
          plain[i].joined = g_test_rand_int_range (0, 10) == 0 ? DL_DAY_NONE
                                                               : day0 + g_test_rand_int_range (0, 30);
          shuffle[i] = i;
        }
      for (guint i = n; i > 1; i--)
        {
          guint j = g_test_rand_int_range (0, i);
          guint t = shuffle[i - 1];

          shuffle[i - 1] = shuffle[j];
          shuffle[j] = t;
        }
      for (guint i = 0; i < n; i++)
        {
          const Plain *p = &plain[shuffle[i]];
          DlTreeNode row = make_row (p->id, p->sponsor, p->joined, "r");

          dl_tree_builder_add (builder, &row);
        }

      tree = dl_tree_builder_finish (builder, plain[0].id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (tree);
      if (tree == NULL)
        continue;
      check_tree (tree, plain, n, plain[0].id);
    }
}

/* A chain a million deep: no recursion anywhere may blow the stack. */
static void
test_deep_chain (void)
{
  const guint n = 1000000;
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;
  DlDay day0 = dl_day_from_iso ("2000-01-01");
  gboolean ok = TRUE;
  double elapsed;

  /* Deepest first, the worst order for a naive builder. */
  for (guint i = n; i >= 1; i--)
    {
      DlTreeNode row = make_row (i, i - 1, day0 + (DlDay) i, "link");

      dl_tree_builder_add (builder, &row);
    }

  g_test_timer_start ();
  tree = dl_tree_builder_finish (builder, 1, &error);
  elapsed = g_test_timer_elapsed ();
  g_test_message ("finish() of a %u-deep chain: %.3f s", n, elapsed);

  g_assert_no_error (error);
  g_assert_nonnull (tree);
  if (tree == NULL)
    return;

  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, n);
  for (guint i = 0; i < n && ok; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      ok = node->person_id == i + 1
           && node->level == i
           && node->subtree_size == n - i
           && node->parent == (i == 0 ? NONE : i - 1)
           && node->n_children == (i + 1 < n ? 1u : 0u)
           && node->next_sibling == NONE
           && node->first_recruit_on == (i + 1 < n ? day0 + (DlDay) (i + 2) : DL_DAY_NONE);
      if (!ok)
        g_test_message ("node %u is wrong", i);
    }
  g_assert_true (ok);
  g_assert_cmpint (dl_tree_find (tree, n), ==, n - 1);
  g_assert_true (dl_tree_is_ancestor (tree, 0, n - 1));
  g_assert_false (dl_tree_is_ancestor (tree, n - 1, 0));
}

/* A million members in a bushy random shape, and a million under one
 * sponsor: the timings are reported, and the result spot-checked. */
static void
test_large (void)
{
  const guint n = 1000000;
  DlDay day0 = dl_day_from_iso ("2015-01-01");

  for (guint shape = 0; shape < 2; shape++)
    {
      g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
      g_autoptr(DlTree) tree = NULL;
      g_autoptr(GError) error = NULL;
      guint64 total_size = 0;
      guint n_roots = 0;
      double elapsed;

      for (guint i = 1; i <= n; i++)
        {
          gint64 sponsor = i == 1 ? 0 : shape == 0 ? g_test_rand_int_range (1, i) : 1;
          DlTreeNode row = make_row (i, sponsor, day0 + g_test_rand_int_range (0, 3000), "member");

          dl_tree_builder_add (builder, &row);
        }

      g_test_timer_start ();
      tree = dl_tree_builder_finish (builder, 1, &error);
      elapsed = g_test_timer_elapsed ();
      g_test_message ("finish() of %u members, %s: %.3f s", n,
                      shape == 0 ? "random sponsors" : "all under the user", elapsed);

      g_assert_no_error (error);
      g_assert_nonnull (tree);
      if (tree == NULL)
        continue;

      g_assert_cmpuint (dl_tree_get_node (tree, 0)->subtree_size, ==, n);
      for (guint i = 0; i < n; i++)
        {
          const DlTreeNode *node = dl_tree_get_node (tree, i);

          if (node->parent == NONE)
            n_roots++;
          else
            total_size += 1;
        }
      g_assert_cmpuint (n_roots, ==, 1);
      g_assert_cmpuint (total_size, ==, n - 1);
      if (shape == 1)
        g_assert_cmpuint (dl_tree_get_node (tree, 0)->n_children, ==, n - 1);

      /* Spot checks: sponsors and sibling order. */
      for (guint k = 0; k < 1000; k++)
        {
          guint i = g_test_rand_int_range (1, n);
          const DlTreeNode *node = dl_tree_get_node (tree, i);
          const DlTreeNode *parent = dl_tree_get_node (tree, node->parent);

          g_assert_cmpint (parent->person_id, ==, node->sponsor_id);
          g_assert_cmpuint (node->level, ==, parent->level + 1);
          if (node->next_sibling != NONE)
            {
              const DlTreeNode *next = dl_tree_get_node (tree, node->next_sibling);

              g_assert_true (node->joined_on < next->joined_on
                             || (node->joined_on == next->joined_on
                                 && node->person_id < next->person_id));
            }
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/tree/empty", test_empty);
  g_test_add_func ("/tree/shape", test_shape);
  g_test_add_func ("/tree/no-user", test_no_user);
  g_test_add_func ("/tree/user-with-sponsor", test_user_with_sponsor);
  g_test_add_func ("/tree/find", test_find);
  g_test_add_func ("/tree/duplicate", test_duplicate);
  g_test_add_func ("/tree/cycles", test_cycles);
  g_test_add_func ("/tree/long-cycle", test_long_cycle);
  g_test_add_func ("/tree/builder-reuse", test_builder_reuse);
  g_test_add_func ("/tree/ref", test_ref);
  g_test_add_func ("/tree/free-later", test_free_later);
  g_test_add_func ("/tree/random", test_random);
  g_test_add_func ("/tree/deep-chain", test_deep_chain);
  g_test_add_func ("/tree/large", test_large);

  return g_test_run ();
}

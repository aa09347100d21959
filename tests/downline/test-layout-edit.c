/* test-layout-edit.c — a layout following one edit of the tree at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Random businesses take hundreds of edits in a row (a member added
 * under anyone, a member without recruits removed, a member moved with
 * their group under someone else), each read into a new tree as the
 * store does.  dl_tree_edit_find () must name each edit; the layout
 * that follows them one after another must show, after every one,
 * exactly what a new layout of that tree shows (same folds, root,
 * aspect, kept by person apart from the layout): every member's shown
 * state, position, bounds, kind, row and neighbours.  Runs with every
 * group open, with groups folded by hand and by the fan-out rule, on one
 * member's group, and with folds, roots and shapes set between edits,
 * with or without a run between.
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dl-layout-private.h"
#include "dl-tree-edit.h"

#define NONE DL_TREE_NO_PARENT

typedef struct
{
  GArray *ids;       /* gint64 */
  GArray *sponsors;  /* gint64, 0 for none */
  GArray *joined;    /* DlDay */
  gint64  next_id;
} Business;

static void
business_add (Business *b,
              gint64    sponsor,
              DlDay     joined)
{
  gint64 id = b->next_id++;

  g_array_append_val (b->ids, id);
  g_array_append_val (b->sponsors, sponsor);
  g_array_append_val (b->joined, joined);
}

static Business *
business_new (guint   n,
              GRand  *rand,
              guint   orphans)
{
  Business *b = g_new0 (Business, 1);

  b->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->sponsors = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->joined = g_array_new (FALSE, FALSE, sizeof (DlDay));
  b->next_id = 1;
  business_add (b, 0, 0);
  for (guint i = 1; i < n; i++)
    {
      /* mostly recent sponsors: deep and bushy at once */
      guint s = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, i)
                : g_rand_int_range (rand, MAX ((gint) i - 8, 0), i);

      business_add (b, g_array_index (b->ids, gint64, s), g_rand_int_range (rand, 0, 400));
    }
  for (guint k = 0; k < orphans; k++)
    g_array_index (b->sponsors, gint64, g_rand_int_range (rand, 1, n)) = 1000000 + k;
  return b;
}

static void
business_free (Business *b)
{
  g_array_unref (b->ids);
  g_array_unref (b->sponsors);
  g_array_unref (b->joined);
  g_free (b);
}

static DlTree *
business_tree (const Business *b)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (b->ids->len);
  g_autoptr(GError) error = NULL;
  DlTree *tree;

  for (guint i = 0; i < b->ids->len; i++)
    {
      DlTreeNode row;

      memset (&row, 0, sizeof row);
      row.person_id = g_array_index (b->ids, gint64, i);
      row.sponsor_id = g_array_index (b->sponsors, gint64, i);
      row.joined_on = g_array_index (b->joined, DlDay, i);
      row.name = "Member";
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  return tree;
}

static guint
business_find (const Business *b,
               gint64          id)
{
  for (guint i = 0; i < b->ids->len; i++)
    if (g_array_index (b->ids, gint64, i) == id)
      return i;
  g_assert_not_reached ();
}

/* One random edit of b (tree is b's tree now); returns the kind
 * dl_tree_edit_find () must see. */
static DlTreeEditKind
business_edit (Business *b,
               DlTree   *tree,
               GRand    *rand)
{
  guint n = dl_tree_get_n_nodes (tree);
  guint what = g_rand_int_range (rand, 0, 3);

  if (what == 0 || n < 4)
    {
      /* under anyone, now and then nobody known (an orphan) */
      gint64 sponsor = g_rand_int_range (rand, 0, 30) == 0 ? 0
                       : dl_tree_get_node (tree, g_rand_int_range (rand, 0, n))->person_id;

      business_add (b, sponsor, g_rand_int_range (rand, 0, 400));
      return DL_TREE_EDIT_INSERT;
    }
  if (what == 1)
    {
      /* a member without recruits, never the user */
      for (;;)
        {
          guint i = g_rand_int_range (rand, 1, n);
          const DlTreeNode *node = dl_tree_get_node (tree, i);
          guint k;

          if (node->n_children > 0 || node->person_id == 1)
            continue;
          k = business_find (b, node->person_id);
          g_array_remove_index (b->ids, k);
          g_array_remove_index (b->sponsors, k);
          g_array_remove_index (b->joined, k);
          return DL_TREE_EDIT_REMOVE;
        }
    }
  /* a member and their group under someone outside it */
  for (;;)
    {
      guint i = g_rand_int_range (rand, 0, n), s = g_rand_int_range (rand, 0, n);
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      gint64 sponsor = dl_tree_get_node (tree, s)->person_id;

      if (node->person_id == 1 || (s >= i && s < i + node->subtree_size))
        continue;
      if (node->parent != NONE && node->parent == s)
        continue;
      g_array_index (b->sponsors, gint64, business_find (b, node->person_id)) = sponsor;
      return DL_TREE_EDIT_MOVE;
    }
}

static gboolean
near (double a,
      double b)
{
  return fabs (a - b) <= 1e-6 * (1 + fabs (a) + fabs (b));
}

/* Everything a view reads of the layout, the same in both. */
static void
assert_same_layout (DlLayout *edited,
                    DlLayout *whole)
{
  guint n = dl_tree_get_n_nodes (dl_layout_get_tree (whole));
  double a[4], b[4];

  g_assert_cmpuint (dl_tree_get_n_nodes (dl_layout_get_tree (edited)), ==, n);
  g_assert_cmpuint (dl_layout_get_root (edited), ==, dl_layout_get_root (whole));
  g_assert_cmpuint (dl_layout_get_begin (edited), ==, dl_layout_get_begin (whole));
  g_assert_cmpuint (dl_layout_get_end (edited), ==, dl_layout_get_end (whole));
  for (guint i = 0; i < n; i++)
    {
      gboolean shown = dl_layout_is_shown (whole, i);

      g_assert_cmpint (dl_layout_is_shown (edited, i), ==, shown);
      g_assert_cmpint (dl_layout_is_collapsed (edited, i), ==, dl_layout_is_collapsed (whole, i));
      if (!shown)
        continue;
      if (!near (dl_layout_get_x (edited, i), dl_layout_get_x (whole, i))
          || !near (dl_layout_get_y (edited, i), dl_layout_get_y (whole, i)))
        g_error ("node %u: at (%g, %g) after the edit, (%g, %g) laid out anew", i,
                 dl_layout_get_x (edited, i), dl_layout_get_y (edited, i),
                 dl_layout_get_x (whole, i), dl_layout_get_y (whole, i));
      dl_layout_get_subtree_bounds (edited, i, &a[0], &a[1], &a[2], &a[3]);
      dl_layout_get_subtree_bounds (whole, i, &b[0], &b[1], &b[2], &b[3]);
      for (guint k = 0; k < 4; k++)
        g_assert_true (near (a[k], b[k]));
      g_assert_true (near (dl_layout_get_group_x (edited, i), dl_layout_get_group_x (whole, i)));
      g_assert_cmpint (dl_layout_get_kind (edited, i), ==, dl_layout_get_kind (whole, i));
      /* the row of its sponsor's group it stands in: the lines' buses */
      if (dl_layout_get_kind (whole, i) == DL_LAYOUT_KIND_ROW && i != dl_layout_get_root (whole)
          && dl_tree_get_node (dl_layout_get_tree (whole), i)->parent != NONE)
        g_assert_cmpuint (edited->row[i], ==, whole->row[i]);
      g_assert_cmpuint (dl_layout_get_depth (edited, i), ==, dl_layout_get_depth (whole, i));
      g_assert_cmpuint (dl_layout_first_child (edited, i), ==, dl_layout_first_child (whole, i));
      g_assert_cmpuint (dl_layout_last_child (edited, i), ==, dl_layout_last_child (whole, i));
      g_assert_cmpuint (dl_layout_prev_sibling (edited, i), ==, dl_layout_prev_sibling (whole, i));
    }
}

/* What the person chose, by person id, apart from the layout under
 * test: which groups they opened or closed, the member focused, the
 * fan-out rule, the drawing's shape. */
typedef struct
{
  GHashTable *states;    /* gint64 person id → 1 open, 2 closed */
  gint64      root;      /* person id, 0 for everyone */
  guint       fold;
  double      aspect;
} Choices;

static void
choices_init (Choices *c,
              guint    fold)
{
  c->states = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c->root = 0;
  c->fold = fold;
  c->aspect = 1.6;
}

/* Opens or closes node i of tree in layout, and notes it by person. */
static void
choose_fold (Choices  *c,
             DlLayout *layout,
             DlTree   *tree,
             guint     i,
             gboolean  collapsed)
{
  gint64 *id = g_new (gint64, 1);

  *id = dl_tree_get_node (tree, i)->person_id;
  g_hash_table_insert (c->states, id, GINT_TO_POINTER (collapsed ? 2 : 1));
  dl_layout_set_collapsed (layout, i, collapsed);
}

static void
choose_root (Choices  *c,
             DlLayout *layout,
             DlTree   *tree,
             guint     i)
{
  c->root = i == NONE ? 0 : dl_tree_get_node (tree, i)->person_id;
  dl_layout_set_root (layout, i);
}

/* A new layout of tree with the choices made. */
static DlLayout *
lay_out_anew (const Choices *c,
              DlTree        *tree)
{
  DlLayout *whole = dl_layout_new (tree);
  GHashTableIter iter;
  gpointer id, state;

  dl_layout_set_fold_threshold (whole, c->fold);
  dl_layout_set_aspect (whole, c->aspect);
  g_hash_table_iter_init (&iter, c->states);
  while (g_hash_table_iter_next (&iter, &id, &state))
    {
      gint64 i = dl_tree_find (tree, *(gint64 *) id);

      if (i >= 0)
        dl_layout_set_collapsed (whole, (guint) i, GPOINTER_TO_INT (state) == 2);
    }
  if (c->root != 0 && dl_tree_find (tree, c->root) >= 0)
    dl_layout_set_root (whole, (guint) dl_tree_find (tree, c->root));
  dl_layout_run (whole);
  return whole;
}

typedef struct
{
  guint    members;
  guint    orphans;
  guint    edits;
  guint    fold;        /* the fan-out rule's threshold */
  guint    collapse;    /* groups closed by hand, one in this many */
  gboolean expand_all;
  gboolean focus;       /* the layout shows one member's group */
  guint32  seed;
} Case;

static void
run_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (c->seed);
  Business *b = business_new (c->members, rand, c->orphans);
  DlTree *tree = business_tree (b);
  DlLayout *edited = dl_layout_new (tree);
  guint followed = 0, kinds[4] = { 0, };
  Choices choices;

  choices_init (&choices, c->fold);
  dl_layout_set_fold_threshold (edited, c->fold);
  dl_layout_set_aspect (edited, choices.aspect);
  for (guint i = 0; i < dl_tree_get_n_nodes (tree); i++)
    if (c->expand_all || (c->collapse > 0 && g_rand_int_range (rand, 0, c->collapse) == 0))
      choose_fold (&choices, edited, tree, i, !c->expand_all);
  if (c->focus)
    {
      /* a member with a sizeable group, not the user */
      for (guint i = 1; i < dl_tree_get_n_nodes (tree); i++)
        if (dl_tree_get_node (tree, i)->subtree_size > dl_tree_get_n_nodes (tree) / 8)
          {
            choose_root (&choices, edited, tree, i);
            choose_fold (&choices, edited, tree, i, FALSE);
          }
    }
  dl_layout_run (edited);

  for (guint e = 0; e < c->edits; e++)
    {
      DlTreeEditKind expected = business_edit (b, tree, rand);
      DlTree *next = business_tree (b);
      DlTreeEdit edit;
      DlLayout *whole;

      g_assert_true (dl_tree_edit_find (tree, next, &edit));
      g_assert_cmpint (edit.kind, ==, expected);
      g_assert_true (edit.before == tree);
      kinds[edit.kind]++;
      /* every member that stays keeps their person id, there and back */
      for (guint o = 0; o < dl_tree_get_n_nodes (tree); o++)
        {
          guint32 k = dl_tree_edit_map (&edit, o);

          if (k == NONE)
            continue;
          g_assert_cmpint (dl_tree_get_node (next, k)->person_id, ==, dl_tree_get_node (tree, o)->person_id);
          g_assert_cmpuint (dl_tree_edit_unmap (&edit, k), ==, o);
        }

      followed += dl_layout_set_tree_edited (edited, next, &edit);
      dl_layout_run (edited);

      whole = lay_out_anew (&choices, next);
      assert_same_layout (edited, whole);
      dl_layout_free (whole);

      dl_tree_unref (tree);
      tree = next;
    }
  g_test_message ("%u of %u edits followed (%u added, %u removed, %u moved)", followed, c->edits,
                  kinds[DL_TREE_EDIT_INSERT], kinds[DL_TREE_EDIT_REMOVE], kinds[DL_TREE_EDIT_MOVE]);
  /* the edits are followed, not laid out again whole: only a group
   * folding or unfolding by the fan-out rule, or a member shown or
   * hidden by a move, is a whole run */
  g_assert_cmpuint (followed, >=, c->edits * 7 / 10);
  g_assert_cmpuint (kinds[DL_TREE_EDIT_MOVE], >, 0);

  dl_layout_free (edited);
  dl_tree_unref (tree);
  g_hash_table_unref (choices.states);
  business_free (b);
}

/* Edits mixed with a person's other changes: groups opened and closed,
 * a member focused or everyone again, the window's shape; a run after
 * most steps but not all, so changes and edits pile up before one. */
static void
test_mixed (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Business *b = business_new (seed % 2 ? 1200 : 300, rand, seed % 4);
  DlTree *tree = business_tree (b);
  DlLayout *edited = dl_layout_new (tree);
  guint followed = 0, edits = 0, compared = 0;
  Choices choices;

  choices_init (&choices, seed % 2 ? 8 : DL_LAYOUT_FOLD_DEFAULT);
  dl_layout_set_fold_threshold (edited, choices.fold);
  dl_layout_set_aspect (edited, choices.aspect);
  dl_layout_run (edited);
  for (guint step = 0; step < 500; step++)
    {
      guint what = g_rand_int_range (rand, 0, 20), n = dl_tree_get_n_nodes (tree);

      if (what < 14)
        {
          DlTree *next;
          DlTreeEdit edit;

          business_edit (b, tree, rand);
          next = business_tree (b);
          g_assert_true (dl_tree_edit_find (tree, next, &edit));
          followed += dl_layout_set_tree_edited (edited, next, &edit);
          edits++;
          dl_tree_unref (tree);
          tree = next;
          /* the member focused may be gone, and the layout shows everyone */
          if (choices.root != 0 && dl_tree_find (tree, choices.root) < 0)
            choices.root = 0;
        }
      else if (what < 17)
        choose_fold (&choices, edited, tree, g_rand_int_range (rand, 0, n), g_rand_boolean (rand));
      else if (what < 19)
        choose_root (&choices, edited, tree, g_rand_boolean (rand) ? (guint) g_rand_int_range (rand, 0, n) : NONE);
      else
        {
          choices.aspect = g_rand_double_range (rand, 0.5, 3);
          dl_layout_set_aspect (edited, choices.aspect);
        }
      if (g_rand_int_range (rand, 0, 4) > 0)
        {
          DlLayout *whole;

          dl_layout_run (edited);
          whole = lay_out_anew (&choices, tree);
          assert_same_layout (edited, whole);
          dl_layout_free (whole);
          compared++;
        }
    }
  g_test_message ("%u of %u edits followed, compared %u times", followed, edits, compared);
  g_assert_cmpuint (followed, >, 0);
  dl_layout_free (edited);
  dl_tree_unref (tree);
  g_hash_table_unref (choices.states);
  business_free (b);
}

/* Opened or closed, focused, reshaped after a run and before an edit:
 * the run after the edit is whole, and shows the change. */
static void
test_changed_then_edited (gconstpointer data)
{
  guint what = GPOINTER_TO_UINT (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  Business *b = business_new (300, rand, 0);
  DlTree *tree = business_tree (b);
  DlTree *next;
  DlLayout *edited = dl_layout_new (tree), *whole;
  DlTreeEdit edit;
  guint group = NONE, runs;
  Choices choices;

  choices_init (&choices, DL_LAYOUT_FOLD_DEFAULT);
  dl_layout_set_aspect (edited, choices.aspect);
  dl_layout_run (edited);
  for (guint i = 1; i < dl_tree_get_n_nodes (tree); i++)
    if (dl_tree_get_node (tree, i)->subtree_size > 20)
      group = i;
  g_assert_cmpuint (group, !=, NONE);
  if (what == 0)
    choose_fold (&choices, edited, tree, group, TRUE);
  else if (what == 1)
    choose_root (&choices, edited, tree, group);
  else
    {
      choices.aspect = 0.5;
      dl_layout_set_aspect (edited, choices.aspect);
    }
  runs = dl_layout_get_whole_runs (edited);

  business_add (b, 1, 500);
  next = business_tree (b);
  g_assert_true (dl_tree_edit_find (tree, next, &edit));
  g_assert_false (dl_layout_set_tree_edited (edited, next, &edit));
  dl_layout_run (edited);
  g_assert_cmpuint (dl_layout_get_whole_runs (edited), ==, runs + 1);
  whole = lay_out_anew (&choices, next);
  assert_same_layout (edited, whole);

  dl_layout_free (whole);
  dl_layout_free (edited);
  dl_tree_unref (tree);
  dl_tree_unref (next);
  g_hash_table_unref (choices.states);
  business_free (b);
}

/* Rows read back the same (a name changed): the same shape.  Two
 * members added at once, or one added and another moved: no one edit,
 * and the layout is made anew. */
static void
test_find_edits (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  Business *b = business_new (200, rand, 2);
  g_autoptr(DlTree) tree = business_tree (b);
  g_autoptr(DlTree) again = business_tree (b);
  g_autoptr(DlTree) two_more = NULL;
  g_autoptr(DlTree) added_moved = NULL;
  DlTreeEdit edit;
  DlLayout *layout;

  g_assert_true (dl_tree_edit_find (tree, again, &edit));
  g_assert_cmpint (edit.kind, ==, DL_TREE_EDIT_SAME);

  business_add (b, 5, 10);
  business_add (b, 80, 10);
  two_more = business_tree (b);
  g_assert_false (dl_tree_edit_find (tree, two_more, &edit));

  g_array_set_size (b->ids, b->ids->len - 1);
  g_array_set_size (b->sponsors, b->sponsors->len - 1);
  g_array_set_size (b->joined, b->joined->len - 1);
  g_array_index (b->sponsors, gint64, 150) = 3;
  added_moved = business_tree (b);
  g_assert_false (dl_tree_edit_find (tree, added_moved, &edit));
  g_assert_null (edit.before);

  /* not followed, but laid out as a new layout of that tree would be */
  layout = dl_layout_new (tree);
  dl_layout_run (layout);
  g_assert_false (dl_layout_set_tree_edited (layout, two_more, &edit));
  dl_layout_run (layout);
  g_assert_true (dl_layout_get_tree (layout) == two_more);
  {
    DlLayout *whole = dl_layout_new (two_more);

    dl_layout_run (whole);
    assert_same_layout (layout, whole);
    dl_layout_free (whole);
  }
  dl_layout_free (layout);
  business_free (b);
}

/* A member moved under the member just before them in pre-order: the
 * order is the same, one parent differs. */
static void
test_move_in_place (void)
{
  const gint64 sponsors[] = { 0, 1, 1, 3 };
  const DlDay joined[] = { 0, 1, 2, 3 };
  Business b = { g_array_new (FALSE, FALSE, sizeof (gint64)), g_array_new (FALSE, FALSE, sizeof (gint64)),
                 g_array_new (FALSE, FALSE, sizeof (DlDay)), 1 };
  g_autoptr(DlTree) before = NULL;
  g_autoptr(DlTree) after = NULL;
  DlTreeEdit edit;
  DlLayout *layout, *whole;

  for (guint i = 0; i < G_N_ELEMENTS (sponsors); i++)
    business_add (&b, sponsors[i], joined[i]);
  before = business_tree (&b);
  /* 3 (with 4) from under 1 to under 2, which stands just before it */
  g_array_index (b.sponsors, gint64, 2) = 2;
  after = business_tree (&b);
  g_assert_true (dl_tree_edit_find (before, after, &edit));
  g_assert_cmpint (edit.kind, ==, DL_TREE_EDIT_MOVE);
  g_assert_cmpuint (edit.from, ==, 2);
  g_assert_cmpuint (edit.to, ==, 2);
  g_assert_cmpuint (edit.count, ==, 2);

  layout = dl_layout_new (before);
  dl_layout_run (layout);
  g_assert_true (dl_layout_set_tree_edited (layout, after, &edit));
  dl_layout_run (layout);
  whole = dl_layout_new (after);
  dl_layout_run (whole);
  assert_same_layout (layout, whole);
  dl_layout_free (whole);
  dl_layout_free (layout);
  g_array_unref (b.ids);
  g_array_unref (b.sponsors);
  g_array_unref (b.joined);
}

static const Case cases[] = {
  { 400, 3, 300, DL_LAYOUT_FOLD_DEFAULT, 0, TRUE, FALSE, 1 },
  { 2500, 5, 200, DL_LAYOUT_FOLD_DEFAULT, 0, TRUE, FALSE, 2 },
  { 1500, 0, 200, 6, 0, FALSE, FALSE, 3 },
  { 1500, 4, 200, DL_LAYOUT_FOLD_DEFAULT, 12, FALSE, FALSE, 4 },
  { 1500, 2, 200, DL_LAYOUT_FOLD_DEFAULT, 0, TRUE, TRUE, 5 },
  { 60, 1, 300, 4, 5, FALSE, FALSE, 6 },
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/layout-edit/open", &cases[0], run_case);
  g_test_add_data_func ("/layout-edit/open-big", &cases[1], run_case);
  g_test_add_data_func ("/layout-edit/fan-out-folds", &cases[2], run_case);
  g_test_add_data_func ("/layout-edit/closed-by-hand", &cases[3], run_case);
  g_test_add_data_func ("/layout-edit/one-group", &cases[4], run_case);
  g_test_add_data_func ("/layout-edit/small-folded", &cases[5], run_case);
  g_test_add_data_func ("/layout-edit/mixed-small", GUINT_TO_POINTER (20), test_mixed);
  g_test_add_data_func ("/layout-edit/mixed-folded", GUINT_TO_POINTER (21), test_mixed);
  g_test_add_data_func ("/layout-edit/mixed-orphans", GUINT_TO_POINTER (23), test_mixed);
  g_test_add_data_func ("/layout-edit/closed-then-edited", GUINT_TO_POINTER (0), test_changed_then_edited);
  g_test_add_data_func ("/layout-edit/focused-then-edited", GUINT_TO_POINTER (1), test_changed_then_edited);
  g_test_add_data_func ("/layout-edit/reshaped-then-edited", GUINT_TO_POINTER (2), test_changed_then_edited);
  g_test_add_func ("/layout-edit/find", test_find_edits);
  g_test_add_func ("/layout-edit/move-in-place", test_move_in_place);

  return g_test_run ();
}

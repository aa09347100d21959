/* test-pipeline-store.c — moves, reorders, undo, joining and "not now"
 * on a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-store.h"
#include "dl-store-export.h"

typedef struct
{
  char    *dir;
  DlStore *store;
  gint64   stage[7];   /* the default stages, in order */
  gint64   user_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();

  f->dir = g_dir_make_tmp ("downline-pipeline-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "downline.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);

  dl_person_set_first_name (me, "Uma");
  dl_person_set_last_name (me, "User");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);
  f->user_id = dl_store_get_user_id (f->store);
  g_assert_cmpint (f->user_id, >, 0);

  stages = dl_store_get_stages (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, 7);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (stages, i);

      f->stage[i] = dl_stage_get_id (stage);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
add (Fixture    *f,
     const char *first_name,
     guint       stage)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(GError) error = NULL;

  dl_person_set_first_name (draft, first_name);
  prospect = dl_store_add_prospect (f->store, draft, f->stage[stage], &error);
  g_assert_no_error (error);
  g_assert_nonnull (prospect);

  return prospect ? dl_prospect_get_id (prospect) : 0;
}

/* "Ann,Bob,Cy": the first names of a stage in board order. */
static char *
names_in (Fixture *f,
          guint    stage)
{
  g_autoptr(GListModel) list = dl_store_get_prospects (f->store, f->stage[stage]);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlProspect) p = g_list_model_get_item (list, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, dl_person_get_first_name (dl_prospect_get_person (p)));
      g_assert_cmpuint (dl_prospect_get_position (p), ==, i);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_names(f, stage, expected) \
  G_STMT_START { \
    g_autofree char *got_ = names_in ((f), (stage)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
test_reorder_and_move (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ann = add (f, "Ann", 0);
  gint64 bob = add (f, "Bob", 0);
  gint64 cy = add (f, "Cy", 0);

  add (f, "Dee", 1);
  assert_names (f, 0, "Ann,Bob,Cy");

  /* reorder within the column: Cy to the top */
  g_assert_true (dl_store_move_prospect (f->store, cy, f->stage[0], 0, &error));
  g_assert_no_error (error);
  assert_names (f, 0, "Cy,Ann,Bob");

  /* across columns, into the middle */
  g_assert_true (dl_store_move_prospect (f->store, ann, f->stage[1], 1, &error));
  g_assert_no_error (error);
  assert_names (f, 0, "Cy,Bob");
  assert_names (f, 1, "Dee,Ann");

  /* past the end is clamped */
  g_assert_true (dl_store_move_prospect (f->store, bob, f->stage[1], 99, &error));
  assert_names (f, 0, "Cy");
  assert_names (f, 1, "Dee,Ann,Bob");
}

/* Positions are sparse keys: moving the bottom card again and again
 * between the same two halves the gap until it runs out and the stage
 * is spread out again.  Through all of it the order is what a list of
 * names says, and every live item (held without a list, and through a
 * list) knows its index. */
static void
test_sparse_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *names[] = { "A", "B", "C", "D", "E", "F" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gint64 id = add (f, names[i], 0);

      g_ptr_array_add (expected, (gpointer) names[i]);
      g_ptr_array_add (live, dl_store_get_prospect (f->store, id));
    }

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(GString) want = g_string_new (NULL);
      const char *last = g_ptr_array_index (expected, expected->len - 1);
      DlProspect *moving = NULL;

      for (guint i = 0; i < live->len; i++)
        if (g_str_equal (dl_person_get_first_name (dl_prospect_get_person (g_ptr_array_index (live, i))), last))
          moving = g_ptr_array_index (live, i);
      g_assert_nonnull (moving);

      /* with a list alive for half of the rounds */
      {
        g_autoptr(GListModel) list = round % 2 ? dl_store_get_prospects (f->store, f->stage[0]) : NULL;

        (void) list;

        g_assert_true (dl_store_move_prospect (f->store, dl_prospect_get_id (moving), f->stage[0], 1, &error));
        g_assert_no_error (error);
      }
      g_ptr_array_remove_index (expected, expected->len - 1);
      g_ptr_array_insert (expected, 1, (gpointer) last);

      for (guint i = 0; i < expected->len; i++)
        g_string_append_printf (want, "%s%s", i ? "," : "", (const char *) g_ptr_array_index (expected, i));
      assert_names (f, 0, want->str);

      for (guint i = 0; i < live->len; i++)
        {
          DlProspect *p = g_ptr_array_index (live, i);
          const char *name = dl_person_get_first_name (dl_prospect_get_person (p));
          guint index = G_MAXUINT;

          for (guint j = 0; j < expected->len; j++)
            if (g_str_equal (g_ptr_array_index (expected, j), name))
              index = j;
          g_assert_cmpuint (dl_prospect_get_position (p), ==, index);
        }
    }

  /* a removal closes up the indexes below it */
  g_assert_true (dl_store_remove_prospect (f->store, dl_prospect_get_id (g_ptr_array_index (live, 0)), &error));
  g_assert_no_error (error);
  for (guint i = 1; i < live->len; i++)
    {
      DlProspect *p = g_ptr_array_index (live, i);
      const char *name = dl_person_get_first_name (dl_prospect_get_person (p));

      for (guint j = 0; j < expected->len; j++)
        if (g_str_equal (g_ptr_array_index (expected, j), name))
          g_assert_cmpuint (dl_prospect_get_position (p), ==, j - 1);
    }
}

typedef struct
{
  GListModel *model;
  guint       n_signals;
  guint       expected_n[2];
  gboolean    consistent;
} MoveRecord;

static void
on_move_items_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       MoveRecord *record)
{
  guint n = g_list_model_get_n_items (model);

  /* what a view sees between the signals must be a whole list */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlProspect) p = g_list_model_get_item (model, i);

      if (p == NULL)
        record->consistent = FALSE;
    }
  if (record->n_signals < 2 && n != record->expected_n[record->n_signals])
    record->consistent = FALSE;
  record->n_signals++;
}

/* A long move inside one column is one removal and one addition, so the
 * cards in between keep their rows. */
static void
test_long_move_signals (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(DlProspect) first = NULL;
  g_autoptr(DlProspect) middle = NULL;
  MoveRecord record = { NULL, 0, { 39, 40 }, TRUE };
  gint64 last = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("P%02u", i);

      last = add (f, name, 0);
    }
  list = dl_store_get_prospects (f->store, f->stage[0]);
  middle = g_list_model_get_item (list, 20);
  record.model = list;
  g_signal_connect (list, "items-changed", G_CALLBACK (on_move_items_changed), &record);

  g_assert_true (dl_store_move_prospect (f->store, last, f->stage[0], 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.n_signals, ==, 2);
  g_assert_true (record.consistent);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlProspect) p = g_list_model_get_item (list, i);

      g_assert_cmpuint (dl_prospect_get_position (p), ==, i);
    }
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (dl_prospect_get_id (first), ==, last);
  g_assert_cmpuint (dl_prospect_get_position (first), ==, 0);
  /* the same item, one further down */
  {
    g_autoptr(DlProspect) again = g_list_model_get_item (list, 21);

    g_assert_true (again == middle);
    g_assert_cmpuint (dl_prospect_get_position (middle), ==, 21);
  }
}

static void
get_history (Fixture        *f,
             guint           stage,
             DlStageHistory *history)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_get_stage_history (f->store, f->stage[stage], history, &error));
  g_assert_no_error (error);
}

/* Leaving a stage is remembered; outcomes (joined, not now, removed)
 * make the history the forecast learns from; an undo takes its exit
 * back out of it. */
static void
test_stage_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlStageHistory history;
  gint64 ids[12];
  DlDay today = dl_day_today ();

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *name = g_strdup_printf ("H%u", i);

      ids[i] = add (f, name, 0);
      g_assert_true (dl_store_move_prospect (f->store, ids[i], f->stage[1], 0, &error));
      g_assert_no_error (error);
    }

  /* left, but all still open: nothing decided yet */
  get_history (f, 0, &history);
  g_assert_cmpuint (history.decided, ==, 0);
  g_assert_cmpuint (history.joined, ==, 0);
  g_assert_cmpfloat (history.days_to_join, <, 0);

  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (dl_store_join_prospect (f->store, ids[i], f->stage[5], 0, f->user_id,
                                             DL_ROLE_DISTRIBUTOR, NULL, today, &error));
      g_assert_no_error (error);
    }
  for (guint i = 5; i < 10; i++)
    {
      g_assert_true (dl_store_park_prospect (f->store, ids[i], f->stage[6], 0, "busy",
                                             today + 30, &error));
      g_assert_no_error (error);
    }
  g_assert_true (dl_store_remove_prospect (f->store, ids[10], &error));
  g_assert_no_error (error);

  /* stage 1: 11 left it with an outcome, 5 joined, on the day they came */
  get_history (f, 1, &history);
  g_assert_cmpuint (history.decided, ==, 11);
  g_assert_cmpuint (history.joined, ==, 5);
  g_assert_cmpfloat_with_epsilon (history.days_to_join, 0, 1.0);
  /* stage 0 was on their way too */
  get_history (f, 0, &history);
  g_assert_cmpuint (history.decided, ==, 11);
  g_assert_cmpuint (history.joined, ==, 5);
  /* nobody has left "Interested" */
  get_history (f, 2, &history);
  g_assert_cmpuint (history.decided, ==, 0);

  /* the last one removed, then the removal undone: not an outcome */
  {
    g_autoptr(DlProspect) live = dl_store_get_prospect (f->store, ids[11]);
    g_autoptr(DlProspect) before = dl_prospect_copy (live);

    g_assert_true (dl_store_remove_prospect (f->store, ids[11], &error));
    get_history (f, 1, &history);
    g_assert_cmpuint (history.decided, ==, 12);
    g_assert_true (dl_store_restore_prospect (f->store, before, FALSE, &error));
    g_assert_no_error (error);
    get_history (f, 1, &history);
    g_assert_cmpuint (history.decided, ==, 11);
  }

  /* an add taken back is not an outcome either, and leaves nobody behind */
  {
    gint64 slip = add (f, "Slip", 1);
    gint64 called = add (f, "Called", 1);
    g_autoptr(DlPerson) gone = NULL;
    g_autoptr(DlPerson) kept = NULL;
    g_autoptr(DlInteraction) call = NULL;

    call = dl_store_add_interaction (f->store, called, DL_CONTACT_CALL, NULL, "Said hello", &error);
    g_assert_no_error (error);
    g_assert_true (dl_store_unadd_prospect (f->store, slip, &error));
    g_assert_no_error (error);
    g_assert_true (dl_store_unadd_prospect (f->store, called, &error));
    g_assert_no_error (error);
    get_history (f, 1, &history);
    g_assert_cmpuint (history.decided, ==, 11);
    gone = dl_store_get_person (f->store, slip);
    g_assert_null (gone);
    /* someone with a contact logged stays, with the contact */
    kept = dl_store_get_person (f->store, called);
    g_assert_nonnull (kept);
    {
      g_autoptr(DlProspect) still = dl_store_get_prospect (f->store, called);

      g_assert_null (still);
    }
  }
}

/* A stage edit is all or nothing, and a deleted stage comes back under
 * its own id. */
static void
test_stage_update_restore (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStage) stage = dl_store_get_stage (f->store, f->stage[2]);
  g_autoptr(DlStage) before = dl_stage_copy (stage);
  g_autoptr(DlStage) extra = NULL;
  g_autoptr(DlStage) snapshot = NULL;
  g_autoptr(DlStage) back = NULL;
  gint64 extra_id;

  /* the name of another stage: refused, and nothing else changes */
  g_assert_false (dl_store_update_stage (f->store, f->stage[2], "Contacted", DL_STAGE_OPEN, 77, 9, 0, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpuint (dl_stage_get_probability (stage), ==, dl_stage_get_probability (before));
  g_assert_cmpuint (dl_stage_get_stale_days (stage), ==, dl_stage_get_stale_days (before));
  g_assert_cmpuint (dl_stage_get_position (stage), ==, 2);

  g_assert_true (dl_store_update_stage (f->store, f->stage[2], "Curious", DL_STAGE_OPEN, 77, 9, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_stage_get_name (stage), ==, "Curious");
  g_assert_cmpuint (dl_stage_get_probability (stage), ==, 77);
  g_assert_cmpuint (dl_stage_get_stale_days (stage), ==, 9);
  g_assert_cmpuint (dl_stage_get_position (stage), ==, 0);
  g_assert_true (dl_store_restore_stage (f->store, before, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_stage_get_name (stage), ==, dl_stage_get_name (before));
  g_assert_cmpuint (dl_stage_get_position (stage), ==, 2);

  /* deleted, then back under the same id and in the same place */
  extra = dl_store_add_stage (f->store, "Call back", DL_STAGE_OPEN, &error);
  g_assert_no_error (error);
  extra_id = dl_stage_get_id (extra);
  g_assert_true (dl_store_move_stage (f->store, extra_id, 1, &error));
  snapshot = dl_stage_copy (extra);
  g_assert_true (dl_store_delete_stage (f->store, extra_id, &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_restore_stage (f->store, snapshot, &error));
  g_assert_no_error (error);
  back = dl_store_get_stage (f->store, extra_id);
  g_assert_nonnull (back);
  if (back != NULL)
    {
      g_assert_cmpstr (dl_stage_get_name (back), ==, "Call back");
      g_assert_cmpuint (dl_stage_get_position (back), ==, 1);
    }
  /* so a second undo (of the add) still finds it */
  g_assert_true (dl_store_delete_stage (f->store, extra_id, &error));
  g_assert_no_error (error);
}

static void
test_undo_move (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProspect) live = NULL;
  g_autoptr(DlProspect) before = NULL;
  g_autoptr(GDateTime) entered = NULL;
  gint64 ann = add (f, "Ann", 0);

  add (f, "Bob", 0);
  add (f, "Cy", 2);
  live = dl_store_get_prospect (f->store, ann);
  g_assert_true (dl_store_set_prospect_follow_up (f->store, ann, dl_day_today () + 3, &error));
  before = dl_prospect_copy (live);
  entered = g_date_time_ref (dl_prospect_get_entered_stage_at (before));

  g_assert_true (dl_store_move_prospect (f->store, ann, f->stage[2], 0, &error));
  assert_names (f, 0, "Bob");
  assert_names (f, 2, "Ann,Cy");

  g_assert_true (dl_store_restore_prospect (f->store, before, FALSE, &error));
  g_assert_no_error (error);
  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 2, "Cy");
  g_assert_cmpint (dl_prospect_get_stage_id (live), ==, f->stage[0]);
  g_assert_cmpint (dl_prospect_get_next_follow_up (live), ==, dl_day_today () + 3);
  /* undo does not count as entering the stage again */
  g_assert_true (g_date_time_equal (dl_prospect_get_entered_stage_at (live), entered));

  /* removal is undone the same way */
  g_clear_object (&before);
  before = dl_prospect_copy (live);
  g_assert_true (dl_store_remove_prospect (f->store, ann, &error));
  assert_names (f, 0, "Bob");
  g_assert_true (dl_store_restore_prospect (f->store, before, FALSE, &error));
  g_assert_no_error (error);
  assert_names (f, 0, "Ann,Bob");
}

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMember) sponsor = NULL;
  g_autoptr(DlMember) member = NULL;
  g_autoptr(DlPerson) sponsor_person = dl_person_new ();
  g_autoptr(DlProspect) before = NULL;
  g_autoptr(DlInteraction) call = NULL;
  g_autoptr(GListModel) log = NULL;
  gint64 ann = add (f, "Ann", 4);
  DlDay day = dl_day_today () - 2;

  dl_person_set_first_name (sponsor_person, "Sam");
  sponsor = dl_store_add_member (f->store, sponsor_person, f->user_id, NULL,
                                 DL_DAY_NONE, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  call = dl_store_add_interaction (f->store, ann, DL_CONTACT_CALL, NULL, "Talked about the starter kit", &error);
  g_assert_no_error (error);

  /* an open stage is not a joined stage: nothing changes */
  g_assert_false (dl_store_join_prospect (f->store, ann, f->stage[3], 0,
                                          dl_member_get_id (sponsor), DL_ROLE_DISTRIBUTOR,
                                          "A-1", day, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (dl_store_get_member (f->store, ann));
  assert_names (f, 4, "Ann");

  /* a sponsor who is not a member: refused as a whole, the move too */
  g_assert_false (dl_store_join_prospect (f->store, ann, f->stage[5], 0, add (f, "Zed", 0),
                                          DL_ROLE_DISTRIBUTOR, NULL, day, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_names (f, 4, "Ann");
  assert_names (f, 5, "");

  {
    g_autoptr(DlProspect) live = dl_store_get_prospect (f->store, ann);

    before = dl_prospect_copy (live);
  }

  g_assert_true (dl_store_join_prospect (f->store, ann, f->stage[5], 0, dl_member_get_id (sponsor),
                                         DL_ROLE_CUSTOMER, " A-1 ", day, &error));
  g_assert_no_error (error);
  assert_names (f, 4, "");
  assert_names (f, 5, "Ann");

  member = dl_store_get_member (f->store, ann);
  g_assert_nonnull (member);
  if (member != NULL)
    {
      /* the same person row, under the chosen sponsor */
      g_assert_cmpint (dl_member_get_id (member), ==, ann);
      g_assert_cmpint (dl_member_get_sponsor_id (member), ==, dl_member_get_id (sponsor));
      g_assert_cmpint (dl_member_get_joined_on (member), ==, day);
      g_assert_cmpint (dl_member_get_role (member), ==, DL_ROLE_CUSTOMER);
      g_assert_cmpstr (dl_member_get_member_number (member), ==, "A-1");
    }
  /* the history came along */
  log = dl_store_get_interactions (f->store, ann);
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);

  /* the number is taken now: a second join with it changes nothing */
  {
    gint64 bea = add (f, "Bea", 4);

    g_assert_false (dl_store_join_prospect (f->store, bea, f->stage[5], 0, f->user_id,
                                            DL_ROLE_DISTRIBUTOR, "A-1", DL_DAY_NONE, &error));
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
    g_clear_error (&error);
    assert_names (f, 4, "Bea");
    assert_names (f, 5, "Ann");
    g_assert_null (dl_store_get_member (f->store, bea));

    /* the default sponsor: the user */
    g_assert_true (dl_store_join_prospect (f->store, bea, f->stage[5], 1, f->user_id,
                                           DL_ROLE_DISTRIBUTOR, NULL, DL_DAY_NONE, &error));
    g_assert_no_error (error);
    {
      g_autoptr(DlMember) m = dl_store_get_member (f->store, bea);

      g_assert_nonnull (m);
      if (m != NULL)
        {
          g_assert_cmpint (dl_member_get_sponsor_id (m), ==, f->user_id);
          g_assert_cmpint (dl_member_get_joined_on (m), ==, dl_day_today ());
        }
    }
  }

  /* a join date in the future is impossible */
  {
    gint64 cy = add (f, "Cy", 4);

    g_assert_false (dl_store_join_prospect (f->store, cy, f->stage[5], 0, f->user_id,
                                            DL_ROLE_DISTRIBUTOR, NULL, dl_day_today () + 1, &error));
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (dl_store_get_member (f->store, cy));
  }

  /* undo: back in Presented, no member row, the person and log stay */
  g_clear_object (&member);
  g_assert_true (dl_store_restore_prospect (f->store, before, TRUE, &error));
  g_assert_no_error (error);
  member = dl_store_get_member (f->store, ann);
  g_assert_null (member);
  assert_names (f, 4, "Ann,Cy");
  assert_names (f, 5, "Bea");
  {
    g_autoptr(DlPerson) person = dl_store_get_person (f->store, ann);

    g_assert_nonnull (person);
  }
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);
}

static void
test_undo_join_with_recruits (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProspect) before = NULL;
  g_autoptr(DlMember) recruit = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  gint64 ann = add (f, "Ann", 4);

  {
    g_autoptr(DlProspect) live = dl_store_get_prospect (f->store, ann);

    before = dl_prospect_copy (live);
  }
  g_assert_true (dl_store_join_prospect (f->store, ann, f->stage[5], 0, f->user_id,
                                         DL_ROLE_DISTRIBUTOR, NULL, DL_DAY_NONE, &error));
  dl_person_set_first_name (draft, "Rita");
  recruit = dl_store_add_member (f->store, draft, ann, NULL, DL_DAY_NONE, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);

  /* she recruited someone since: the undo is refused and nothing moves */
  g_assert_false (dl_store_restore_prospect (f->store, before, TRUE, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  g_clear_error (&error);
  assert_names (f, 5, "Ann");
  {
    g_autoptr(DlMember) m = dl_store_get_member (f->store, ann);

    g_assert_nonnull (m);
  }
}

static void
test_not_now (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProspect) live = NULL;
  g_autoptr(DlProspect) before = NULL;
  gint64 ann = add (f, "Ann", 2);
  DlDay revisit = dl_day_today () + 90;

  /* a follow-up planned before they said "not now" */
  g_assert_true (dl_store_set_prospect_follow_up (f->store, ann, dl_day_today () + 15, &error));
  g_assert_no_error (error);
  live = dl_store_get_prospect (f->store, ann);
  before = dl_prospect_copy (live);

  /* no revisit date: refused, nothing moves */
  g_assert_false (dl_store_park_prospect (f->store, ann, f->stage[6], 0, "Busy", DL_DAY_NONE, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* not a not-now stage */
  g_assert_false (dl_store_park_prospect (f->store, ann, f->stage[1], 0, "Busy", revisit, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_names (f, 2, "Ann");

  g_assert_true (dl_store_park_prospect (f->store, ann, f->stage[6], 0,
                                         "New baby; ask after the summer", revisit, &error));
  g_assert_no_error (error);
  assert_names (f, 2, "");
  assert_names (f, 6, "Ann");
  g_assert_cmpstr (dl_prospect_get_not_now_reason (live), ==, "New baby; ask after the summer");
  g_assert_cmpint (dl_prospect_get_revisit_on (live), ==, revisit);
  /* the old follow-up would bring them back before the day to ask again */
  g_assert_cmpint (dl_prospect_get_next_follow_up (live), ==, DL_DAY_NONE);

  /* undo takes reason and dates back too */
  g_assert_true (dl_store_restore_prospect (f->store, before, FALSE, &error));
  g_assert_no_error (error);
  assert_names (f, 2, "Ann");
  g_assert_cmpstr (dl_prospect_get_not_now_reason (live), ==, "");
  g_assert_cmpint (dl_prospect_get_revisit_on (live), ==, DL_DAY_NONE);
  g_assert_cmpint (dl_prospect_get_next_follow_up (live), ==, dl_day_today () + 15);
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlPipelineCounts counts;
  gint64 ann = add (f, "Ann", 0);
  gint64 bob = add (f, "Bob", 1);

  add (f, "Cy", 2);
  g_assert_true (dl_store_join_prospect (f->store, ann, f->stage[5], 0, f->user_id,
                                         DL_ROLE_DISTRIBUTOR, NULL, DL_DAY_NONE, &error));
  g_assert_true (dl_store_park_prospect (f->store, bob, f->stage[6], 0, "", dl_day_today () + 5, &error));
  g_assert_no_error (error);

  g_assert_true (dl_store_get_pipeline_counts (f->store, dl_day_today (), &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.open, ==, 1);
  g_assert_cmpuint (counts.added_today, ==, 3);
  g_assert_cmpuint (counts.added_this_week, ==, 3);
  g_assert_cmpuint (counts.joined_90, ==, 1);
  g_assert_cmpuint (counts.not_now_90, ==, 1);

  /* seen from a week later, today's contacts are no longer "this week" */
  g_assert_true (dl_store_get_pipeline_counts (f->store, dl_day_today () + 7, &counts, &error));
  g_assert_cmpuint (counts.added_today, ==, 0);
  g_assert_cmpuint (counts.added_this_week, ==, 0);
}

/* The index of a card loaded on its own, as the store tells it. */
static guint
index_of (Fixture *f,
          gint64   id)
{
  g_autoptr(DlProspect) p = dl_store_get_prospect (f->store, id);

  g_assert_nonnull (p);
  return p != NULL ? dl_prospect_get_position (p) : G_MAXUINT;
}

/* A backup restored into the open file: cards loaded on their own after
 * it take their index from the restored order, not from the one the
 * store had cached (a restore moves no change counter); and a column
 * shown across the restore still counts as one, so once it goes, a move
 * gives the cards still loaded their new index. */
static void
test_restore_card_order (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "before.db", NULL);
  g_autoptr(GListModel) column = NULL;
  g_autoptr(DlProspect) kept = NULL;
  gint64 id[12];

  for (guint i = 0; i < G_N_ELEMENTS (id); i++)
    {
      g_autofree char *name = g_strdup_printf ("P%02u", i);

      id[i] = add (f, name, 0);
    }
  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);

  /* the last card to the top; then every card loaded on its own, which
   * makes the store read and keep the stage's order */
  g_assert_true (dl_store_move_prospect (f->store, id[11], f->stage[0], 0, &error));
  g_assert_no_error (error);
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (id); i++)
      g_assert_cmpuint (index_of (f, id[i]), ==, i == 11 ? 0 : i + 1);

  column = dl_store_get_prospects (f->store, f->stage[0]);
  g_assert_true (dl_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (id); i++)
    g_assert_cmpuint (index_of (f, id[i]), ==, i);

  /* the column goes; a card stays loaded while P00 goes to the end */
  kept = dl_store_get_prospect (f->store, id[5]);
  g_clear_object (&column);
  g_assert_true (dl_store_move_prospect (f->store, id[0], f->stage[0], 11, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dl_prospect_get_position (kept), ==, 4);
  assert_names (f, 0, "P01,P02,P03,P04,P05,P06,P07,P08,P09,P10,P11,P00");
}

/* A person deleted takes their card along: the cards after it that are
 * loaded (with no column alive) move up one. */
static void
test_delete_moves_cards_up (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProspect) kept = NULL;
  gint64 id[4];

  for (guint i = 0; i < G_N_ELEMENTS (id); i++)
    {
      g_autofree char *name = g_strdup_printf ("P%02u", i);

      id[i] = add (f, name, 0);
    }
  kept = dl_store_get_prospect (f->store, id[3]);
  g_assert_cmpuint (dl_prospect_get_position (kept), ==, 3);

  g_assert_true (dl_store_delete_person (f->store, id[1], &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dl_prospect_get_position (kept), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/pipeline/store/reorder-and-move", Fixture, NULL,
              fixture_set_up, test_reorder_and_move, fixture_tear_down);
  g_test_add ("/pipeline/store/sparse-keys", Fixture, NULL,
              fixture_set_up, test_sparse_keys, fixture_tear_down);
  g_test_add ("/pipeline/store/long-move-signals", Fixture, NULL,
              fixture_set_up, test_long_move_signals, fixture_tear_down);
  g_test_add ("/pipeline/store/stage-history", Fixture, NULL,
              fixture_set_up, test_stage_history, fixture_tear_down);
  g_test_add ("/pipeline/store/stage-update-restore", Fixture, NULL,
              fixture_set_up, test_stage_update_restore, fixture_tear_down);
  g_test_add ("/pipeline/store/undo-move", Fixture, NULL,
              fixture_set_up, test_undo_move, fixture_tear_down);
  g_test_add ("/pipeline/store/join", Fixture, NULL,
              fixture_set_up, test_join, fixture_tear_down);
  g_test_add ("/pipeline/store/undo-join-with-recruits", Fixture, NULL,
              fixture_set_up, test_undo_join_with_recruits, fixture_tear_down);
  g_test_add ("/pipeline/store/not-now", Fixture, NULL,
              fixture_set_up, test_not_now, fixture_tear_down);
  g_test_add ("/pipeline/store/restore-card-order", Fixture, NULL,
              fixture_set_up, test_restore_card_order, fixture_tear_down);
  g_test_add ("/pipeline/store/delete-moves-cards-up", Fixture, NULL,
              fixture_set_up, test_delete_moves_cards_up, fixture_tear_down);
  g_test_add ("/pipeline/store/counts", Fixture, NULL,
              fixture_set_up, test_counts, fixture_tear_down);

  return g_test_run ();
}

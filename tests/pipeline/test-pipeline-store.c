/* test-pipeline-store.c — moves, reorders, undo, joining and "not now"
 * on a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-store.h"

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

  /* undo takes reason and date back too */
  g_assert_true (dl_store_restore_prospect (f->store, before, FALSE, &error));
  g_assert_no_error (error);
  assert_names (f, 2, "Ann");
  g_assert_cmpstr (dl_prospect_get_not_now_reason (live), ==, "");
  g_assert_cmpint (dl_prospect_get_revisit_on (live), ==, DL_DAY_NONE);
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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/pipeline/store/reorder-and-move", Fixture, NULL,
              fixture_set_up, test_reorder_and_move, fixture_tear_down);
  g_test_add ("/pipeline/store/undo-move", Fixture, NULL,
              fixture_set_up, test_undo_move, fixture_tear_down);
  g_test_add ("/pipeline/store/join", Fixture, NULL,
              fixture_set_up, test_join, fixture_tear_down);
  g_test_add ("/pipeline/store/undo-join-with-recruits", Fixture, NULL,
              fixture_set_up, test_undo_join_with_recruits, fixture_tear_down);
  g_test_add ("/pipeline/store/not-now", Fixture, NULL,
              fixture_set_up, test_not_now, fixture_tear_down);
  g_test_add ("/pipeline/store/counts", Fixture, NULL,
              fixture_set_up, test_counts, fixture_tear_down);

  return g_test_run ();
}

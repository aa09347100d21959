/* test-store.c — round trips, constraints and live models of DlStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-member-list.h"
#include "dl-store-list.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"
#include "../dl-test-files.h"

typedef struct
{
  char    *dir;
  char    *path;
  DlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("downline-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "downline.db", NULL);
  f->store = dl_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static DlPerson *
draft_person (const char *first,
              const char *last)
{
  DlPerson *person = dl_person_new ();

  dl_person_set_first_name (person, first);
  dl_person_set_last_name (person, last);

  return person;
}

static DlPerson *
add_person (DlStore    *store,
            const char *first,
            const char *last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = draft_person (first, last);
  DlPerson *person = dl_store_add_person (store, draft, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);

  return person;
}

static gint64
make_user (DlStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = draft_person ("Ana", "Pereira");

  dl_profile_set_person (profile, me);
  dl_profile_set_company (profile, "Green Leaf");
  g_assert_true (dl_store_save_profile (store, profile, &error));
  g_assert_no_error (error);

  return dl_store_get_user_id (store);
}

static gint64
add_member (DlStore    *store,
            const char *first,
            gint64      sponsor_id,
            const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = draft_person (first, "Member");
  g_autoptr(DlMember) member = NULL;

  member = dl_store_add_member (store, draft, sponsor_id, number,
                                dl_day_from_ymd (2024, 3, 1), DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);

  return member ? dl_member_get_id (member) : 0;
}

static gint64
stage_id_at (DlStore *store,
             guint    position)
{
  g_autoptr(GListModel) stages = dl_store_get_stages (store);
  g_autoptr(DlStage) stage = g_list_model_get_item (stages, position);

  return stage ? dl_stage_get_id (stage) : 0;
}

/* Counts items-changed emissions and checks that each leaves the model
 * size consistent. */
typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->n_signals++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

typedef struct
{
  guint          n_signals;
  DlStoreEntity  entity;
  gint64         id;
} Changed;

static void
on_changed (DlStore       *store,
            DlStoreEntity  entity,
            gint64         id,
            Changed       *record)
{
  record->n_signals++;
  record->entity = entity;
  record->id = id;
}

/* ------------------------------------------------------------------- */

static void
test_new_database (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) stages = dl_store_get_stages (f->store);
  static const DlStageKind kinds[] = {
    DL_STAGE_OPEN, DL_STAGE_OPEN, DL_STAGE_OPEN, DL_STAGE_OPEN, DL_STAGE_OPEN,
    DL_STAGE_JOINED, DL_STAGE_NOT_NOW,
  };
  sqlite3_stmt *stmt;

  g_assert_true (dl_store_is_empty (f->store));
  g_assert_cmpstr (dl_store_get_path (f->store), ==, f->path);
  g_assert_null (dl_store_get_profile (f->store));
  g_assert_cmpint (dl_store_get_user_id (f->store), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (stages, i);

      g_assert_cmpuint (dl_stage_get_position (stage), ==, i);
      g_assert_cmpint (dl_stage_get_kind (stage), ==, kinds[i]);
      g_assert_cmpstr (dl_stage_get_name (stage), !=, "");
      g_assert_cmpuint (dl_stage_get_stale_days (stage), >=, 1);
    }

  /* The connection runs as the issue asks. */
  stmt = dl_store_prepare (f->store, "PRAGMA journal_mode", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_reset (stmt);
  stmt = dl_store_prepare (f->store, "PRAGMA foreign_keys", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  stmt = dl_store_prepare (f->store, "PRAGMA user_version", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, DL_STORE_SCHEMA_VERSION);
  sqlite3_reset (stmt);
}

static void
test_profile_round_trip (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProfile) profile = NULL;
  g_autoptr(DlProfile) draft = NULL;
  g_autoptr(DlMember) root = NULL;
  gint64 user_id;

  user_id = make_user (f->store);
  g_assert_cmpint (user_id, >, 0);
  g_assert_false (dl_store_is_empty (f->store));

  profile = dl_store_get_profile (f->store);
  g_assert_nonnull (profile);
  g_assert_cmpstr (dl_person_get_name (dl_profile_get_person (profile)), ==, "Ana Pereira");
  g_assert_cmpstr (dl_profile_get_company (profile), ==, "Green Leaf");

  /* The first save made the user the root member, joined today. */
  root = dl_store_get_member (f->store, user_id);
  g_assert_nonnull (root);
  g_assert_cmpint (dl_member_get_sponsor_id (root), ==, 0);
  g_assert_cmpint (dl_member_get_joined_on (root), ==, dl_day_today ());

  /* A second save edits, it does not make a second user. */
  draft = dl_profile_copy (profile);
  g_assert_true (dl_profile_get_person (draft) != dl_profile_get_person (profile));
  dl_person_set_email (dl_profile_get_person (draft), "ana@example.org");
  dl_profile_set_website (draft, "https://example.org");
  dl_profile_set_message (draft, "Call me any time.");
  g_assert_true (dl_store_save_profile (f->store, draft, &error));
  g_assert_no_error (error);

  g_assert_cmpint (dl_store_get_user_id (f->store), ==, user_id);
  g_assert_cmpstr (dl_person_get_email (dl_profile_get_person (profile)), ==, "ana@example.org");
  g_assert_cmpstr (dl_profile_get_website (profile), ==, "https://example.org");
  g_assert_cmpstr (dl_profile_get_message (profile), ==, "Call me any time.");

  /* The user is not among "people" and cannot be deleted. */
  {
    g_autoptr(GListModel) people = dl_store_get_people (f->store);

    g_assert_cmpuint (g_list_model_get_n_items (people), ==, 0);
  }
  g_assert_false (dl_store_delete_person (f->store, user_id, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
}

static void
test_person_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlPerson) again = NULL;
  g_autoptr(DlPerson) edit = NULL;
  gint64 id;

  g_object_set (draft,
                "first-name", "  Bruno ",
                "last-name", "Costa",
                "email", "bruno@example.org",
                "phone", "555-0101",
                "best-time", "evenings",
                "city", "Porto",
                "source", "gym",
                "category", "teacher",
                "notes", "Ask about the kids; <b>not markup</b>",
                NULL);

  person = dl_store_add_person (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (person);
  id = dl_person_get_id (person);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (dl_person_get_id (draft), ==, 0);

  /* Names are trimmed; everything else is kept as typed. */
  g_assert_cmpstr (dl_person_get_first_name (person), ==, "Bruno");
  g_assert_cmpstr (dl_person_get_name (person), ==, "Bruno Costa");
  g_assert_cmpstr (dl_person_get_email (person), ==, "bruno@example.org");
  g_assert_cmpstr (dl_person_get_phone (person), ==, "555-0101");
  g_assert_cmpstr (dl_person_get_best_time (person), ==, "evenings");
  g_assert_cmpstr (dl_person_get_city (person), ==, "Porto");
  g_assert_cmpstr (dl_person_get_source (person), ==, "gym");
  g_assert_cmpstr (dl_person_get_category (person), ==, "teacher");
  g_assert_cmpstr (dl_person_get_notes (person), ==, "Ask about the kids; <b>not markup</b>");
  g_assert_nonnull (dl_person_get_created_at (person));
  g_assert_nonnull (dl_person_get_updated_at (person));
  g_assert_null (dl_person_get_last_contact (person));
  g_assert_false (dl_store_is_empty (f->store));

  /* One shared object per row. */
  again = dl_store_get_person (f->store, id);
  g_assert_true (again == person);

  edit = dl_person_copy (person);
  dl_person_set_city (edit, "Lisboa");
  dl_person_set_last_name (edit, "");
  g_assert_cmpstr (dl_person_get_city (person), ==, "Porto");
  g_assert_true (dl_store_update_person (f->store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_person_get_city (person), ==, "Lisboa");
  g_assert_cmpstr (dl_person_get_name (person), ==, "Bruno");

  /* A person needs a name. */
  dl_person_set_first_name (edit, "   ");
  g_assert_false (dl_store_update_person (f->store, edit, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (dl_person_get_first_name (person), ==, "Bruno");

  {
    g_autoptr(DlPerson) nameless = dl_person_new ();
    g_autoptr(DlPerson) none = dl_store_add_person (f->store, nameless, &error);

    g_assert_null (none);
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Editing the shared item itself and failing to save puts it back. */
  dl_person_set_first_name (person, "");
  g_assert_false (dl_store_update_person (f->store, person, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (dl_person_get_first_name (person), ==, "Bruno");

  g_assert_true (dl_store_delete_person (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_null (dl_store_get_person (f->store, id));
  g_assert_false (dl_store_delete_person (f->store, id, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A deleted row's object stays usable for whoever still holds it. */
  g_assert_cmpstr (dl_person_get_name (person), ==, "Bruno");
}

static void
test_stage_crud (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) stages = dl_store_get_stages (f->store);
  g_autoptr(DlStage) stage = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlProspect) prospect = NULL;
  guint n = g_list_model_get_n_items (stages);
  gint64 id;

  stage = dl_store_add_stage (f->store, " Webinar ", DL_STAGE_OPEN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stage);
  id = dl_stage_get_id (stage);
  g_assert_cmpstr (dl_stage_get_name (stage), ==, "Webinar");
  g_assert_cmpuint (dl_stage_get_position (stage), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n + 1);

  /* Names: not empty, not taken (letter case aside). */
  g_assert_null (dl_store_add_stage (f->store, "webinar", DL_STAGE_OPEN, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "webinar"));
  g_clear_error (&error);
  g_assert_false (dl_store_rename_stage (f->store, id, " ", &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dl_store_rename_stage (f->store, id, "Online event", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_stage_get_name (stage), ==, "Online event");

  g_assert_true (dl_store_set_stage_kind (f->store, id, DL_STAGE_NOT_NOW, &error));
  g_assert_true (dl_store_set_stage_probability (f->store, id, 35, &error));
  g_assert_true (dl_store_set_stage_stale_days (f->store, id, 21, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dl_stage_get_kind (stage), ==, DL_STAGE_NOT_NOW);
  g_assert_cmpuint (dl_stage_get_probability (stage), ==, 35);
  g_assert_cmpuint (dl_stage_get_stale_days (stage), ==, 21);
  g_assert_false (dl_store_set_stage_probability (f->store, id, 101, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dl_store_set_stage_stale_days (f->store, id, 0, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Reorder: to the front, the others shift down by one. */
  g_assert_true (dl_store_move_stage (f->store, id, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dl_stage_get_position (stage), ==, 0);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(DlStage) s = g_list_model_get_item (stages, i);

      g_assert_cmpuint (dl_stage_get_position (s), ==, i);
    }
  g_assert_cmpint (stage_id_at (f->store, 0), ==, id);

  /* Only an empty stage can go. */
  person = draft_person ("Carla", "Dias");
  prospect = dl_store_add_prospect (f->store, person, id, &error);
  g_assert_no_error (error);
  g_assert_false (dl_store_delete_stage (f->store, id, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "Online event"));
  g_clear_error (&error);

  g_assert_true (dl_store_remove_prospect (f->store, dl_prospect_get_id (prospect), &error));
  g_assert_true (dl_store_delete_stage (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (stages), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlStage) s = g_list_model_get_item (stages, i);

      g_assert_cmpuint (dl_stage_get_position (s), ==, i);
    }
  g_assert_false (dl_store_rename_stage (f->store, id, "Gone", &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

static void
check_positions (DlStore *store,
                 gint64   stage_id)
{
  g_autoptr(GListModel) prospects = dl_store_get_prospects (store, stage_id);

  for (guint i = 0; i < g_list_model_get_n_items (prospects); i++)
    {
      g_autoptr(DlProspect) p = g_list_model_get_item (prospects, i);

      g_assert_cmpint (dl_prospect_get_stage_id (p), ==, stage_id);
      g_assert_cmpuint (dl_prospect_get_position (p), ==, i);
    }
}

static void
test_prospect_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) existing = NULL;
  g_autoptr(DlProspect) a = NULL;
  g_autoptr(DlProspect) b = NULL;
  g_autoptr(DlProspect) c = NULL;
  g_autoptr(DlProspect) draft = NULL;
  g_autoptr(GDateTime) entered = NULL;
  gint64 first = stage_id_at (f->store, 0);
  gint64 second = stage_id_at (f->store, 1);

  {
    g_autoptr(DlPerson) pa = draft_person ("Ana", "A");
    g_autoptr(DlPerson) pb = draft_person ("Bea", "B");

    a = dl_store_add_prospect (f->store, pa, first, &error);
    b = dl_store_add_prospect (f->store, pb, first, &error);
    g_assert_no_error (error);
  }
  existing = add_person (f->store, "Cid", "C");
  c = dl_store_add_prospect (f->store, existing, first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (c);
  g_assert_true (dl_prospect_get_person (c) == existing);

  g_assert_cmpuint (dl_prospect_get_position (a), ==, 0);
  g_assert_cmpuint (dl_prospect_get_position (b), ==, 1);
  g_assert_cmpuint (dl_prospect_get_position (c), ==, 2);
  g_assert_nonnull (dl_prospect_get_entered_stage_at (a));
  entered = g_date_time_ref (dl_prospect_get_entered_stage_at (a));

  /* Once in the pipeline is enough. */
  g_assert_null (dl_store_add_prospect (f->store, existing, second, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "Cid C"));
  g_clear_error (&error);

  /* Within the stage: C to the top. */
  g_assert_true (dl_store_move_prospect (f->store, dl_prospect_get_id (c), first, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dl_prospect_get_position (c), ==, 0);
  g_assert_cmpuint (dl_prospect_get_position (a), ==, 1);
  g_assert_cmpuint (dl_prospect_get_position (b), ==, 2);
  check_positions (f->store, first);

  /* Across stages, past the end: clamped; both stages renumbered. */
  g_assert_true (dl_store_move_prospect (f->store, dl_prospect_get_id (a), second, 99, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dl_prospect_get_stage_id (a), ==, second);
  g_assert_cmpuint (dl_prospect_get_position (a), ==, 0);
  g_assert_cmpuint (dl_prospect_get_position (b), ==, 1);
  check_positions (f->store, first);
  check_positions (f->store, second);
  g_assert_true (g_date_time_compare (dl_prospect_get_entered_stage_at (a), entered) >= 0);

  g_assert_false (dl_store_move_prospect (f->store, dl_prospect_get_id (a), 999999, 0, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Fields. */
  draft = dl_prospect_copy (a);
  dl_prospect_set_interest (draft, DL_INTEREST_BOTH);
  dl_prospect_set_qualification (draft, DL_QUALIFY_WILL_WORK | DL_QUALIFY_LOVES_PRODUCT);
  dl_prospect_set_next_follow_up (draft, dl_day_from_ymd (2025, 1, 31));
  g_assert_true (dl_store_update_prospect (f->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dl_prospect_get_interest (a), ==, DL_INTEREST_BOTH);
  g_assert_cmpint (dl_prospect_get_qualification (a), ==,
                   DL_QUALIFY_WILL_WORK | DL_QUALIFY_LOVES_PRODUCT);
  g_assert_cmpint (dl_prospect_get_next_follow_up (a), ==, dl_day_from_ymd (2025, 1, 31));

  g_clear_object (&draft);
  draft = dl_prospect_copy (a);
  dl_prospect_set_qualification (draft, DL_QUALIFY_SELF_STARTER | DL_QUALIFY_GOOD_FIT);
  g_assert_true (dl_store_update_prospect (f->store, draft, &error));
  g_assert_cmpint (dl_prospect_get_qualification (a), ==,
                   DL_QUALIFY_SELF_STARTER | DL_QUALIFY_GOOD_FIT);
  g_assert_true (dl_store_set_prospect_follow_up (f->store, dl_prospect_get_id (a),
                                                  DL_DAY_NONE, &error));
  g_assert_cmpint (dl_prospect_get_next_follow_up (a), ==, DL_DAY_NONE);
  g_assert_true (dl_store_set_prospect_not_now (f->store, dl_prospect_get_id (a),
                                                "New baby", dl_day_from_ymd (2025, 6, 1),
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_prospect_get_not_now_reason (a), ==, "New baby");
  g_assert_cmpint (dl_prospect_get_revisit_on (a), ==, dl_day_from_ymd (2025, 6, 1));
  /* The small setters leave the other fields alone. */
  g_assert_cmpint (dl_prospect_get_interest (a), ==, DL_INTEREST_BOTH);

  /* Leaving the pipeline keeps the person. */
  g_assert_true (dl_store_remove_prospect (f->store, dl_prospect_get_id (c), &error));
  g_assert_no_error (error);
  g_assert_null (dl_store_get_prospect (f->store, dl_prospect_get_id (c)));
  g_assert_nonnull (existing);
  {
    g_autoptr(DlPerson) still = dl_store_get_person (f->store, dl_person_get_id (existing));

    g_assert_nonnull (still);
  }
  check_positions (f->store, first);
  g_assert_false (dl_store_set_prospect_follow_up (f->store, dl_prospect_get_id (c),
                                                   DL_DAY_NONE, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

static void
test_member_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMember) member = NULL;
  g_autoptr(DlMember) draft = NULL;
  g_autoptr(DlPerson) prospect_person = NULL;
  g_autoptr(DlProspect) prospect = NULL;
  gint64 user_id = make_user (f->store);
  gint64 b_id, c_id;

  b_id = add_member (f->store, "Bia", user_id, "A-100");
  member = dl_store_get_member (f->store, b_id);
  g_assert_nonnull (member);
  g_assert_cmpint (dl_member_get_sponsor_id (member), ==, user_id);
  g_assert_cmpstr (dl_member_get_member_number (member), ==, "A-100");
  g_assert_cmpint (dl_member_get_joined_on (member), ==, dl_day_from_ymd (2024, 3, 1));
  g_assert_cmpint (dl_member_get_role (member), ==, DL_ROLE_DISTRIBUTOR);
  g_assert_cmpint (dl_member_get_status (member), ==, DL_MEMBER_ACTIVE);
  g_assert_cmpint (dl_member_get_status_since (member), ==, dl_day_from_ymd (2024, 3, 1));
  g_assert_cmpstr (dl_person_get_name (dl_member_get_person (member)), ==, "Bia Member");

  /* A prospect who joins keeps their person row (and history). */
  prospect_person = draft_person ("Caio", "Prospect");
  prospect = dl_store_add_prospect (f->store, prospect_person, stage_id_at (f->store, 0), &error);
  g_assert_no_error (error);
  {
    g_autoptr(DlMember) joined = NULL;

    joined = dl_store_add_member (f->store, dl_prospect_get_person (prospect), b_id, NULL,
                                  DL_DAY_NONE, DL_ROLE_CUSTOMER, &error);
    g_assert_no_error (error);
    g_assert_nonnull (joined);
    c_id = dl_member_get_id (joined);
    g_assert_cmpint (c_id, ==, dl_prospect_get_id (prospect));
    g_assert_cmpint (dl_member_get_joined_on (joined), ==, dl_day_today ());
    g_assert_cmpstr (dl_member_get_member_number (joined), ==, "");
    g_assert_cmpint (dl_member_get_role (joined), ==, DL_ROLE_CUSTOMER);

    /* A member only once. */
    g_assert_null (dl_store_add_member (f->store, dl_prospect_get_person (prospect), b_id,
                                        NULL, DL_DAY_NONE, DL_ROLE_CUSTOMER, &error));
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
    g_clear_error (&error);
  }

  draft = dl_member_copy (member);
  dl_member_set_member_number (draft, "A-101");
  dl_member_set_rank (draft, "Gold");
  dl_member_set_role (draft, DL_ROLE_CUSTOMER);
  dl_member_set_last_activity (draft, dl_day_from_ymd (2024, 5, 5));
  dl_member_set_joined_on (draft, dl_day_from_ymd (2024, 2, 29));
  g_assert_true (dl_store_update_member (f->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_member_get_member_number (member), ==, "A-101");
  g_assert_cmpstr (dl_member_get_rank (member), ==, "Gold");
  g_assert_cmpint (dl_member_get_role (member), ==, DL_ROLE_CUSTOMER);
  g_assert_cmpint (dl_member_get_last_activity (member), ==, dl_day_from_ymd (2024, 5, 5));
  g_assert_cmpint (dl_member_get_joined_on (member), ==, dl_day_from_ymd (2024, 2, 29));

  g_assert_true (dl_store_set_member_status (f->store, b_id, DL_MEMBER_INACTIVE,
                                             dl_day_from_ymd (2024, 6, 1), &error));
  g_assert_cmpint (dl_member_get_status (member), ==, DL_MEMBER_INACTIVE);
  g_assert_cmpint (dl_member_get_status_since (member), ==, dl_day_from_ymd (2024, 6, 1));
  g_assert_true (dl_store_set_member_cadence (f->store, b_id, 10, &error));
  g_assert_cmpuint (dl_member_get_cadence_days (member), ==, 10);
  g_assert_true (dl_store_set_member_cadence (f->store, b_id, 0, &error));
  g_assert_cmpuint (dl_member_get_cadence_days (member), ==, 0);
  g_assert_false (dl_store_set_member_cadence (f->store, b_id, 400, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dl_store_snooze_member (f->store, b_id, dl_day_from_ymd (2024, 7, 1), &error));
  g_assert_cmpint (dl_member_get_snoozed_until (member), ==, dl_day_from_ymd (2024, 7, 1));
  g_assert_true (dl_store_snooze_member (f->store, b_id, DL_DAY_NONE, &error));
  g_assert_cmpint (dl_member_get_snoozed_until (member), ==, DL_DAY_NONE);
  g_clear_object (&draft);
  draft = dl_member_copy (member);
  dl_member_set_last_activity (draft, dl_day_from_ymd (2024, 8, 1));
  g_assert_true (dl_store_update_member (f->store, draft, &error));
  g_assert_cmpint (dl_member_get_last_activity (member), ==, dl_day_from_ymd (2024, 8, 1));
  g_assert_no_error (error);

  /* Moving C from B to the user. */
  g_assert_true (dl_store_set_member_sponsor (f->store, c_id, user_id, &error));
  g_assert_no_error (error);
  {
    g_autoptr(DlMember) c = dl_store_get_member (f->store, c_id);

    g_assert_cmpint (dl_member_get_sponsor_id (c), ==, user_id);
  }

  /* Deleting a member's person takes the member row with it. */
  g_assert_true (dl_store_delete_person (f->store, c_id, &error));
  g_assert_no_error (error);
  g_assert_null (dl_store_get_member (f->store, c_id));
  g_assert_null (dl_store_get_prospect (f->store, c_id));
}

static void
test_member_constraints (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) someone = NULL;
  g_autoptr(DlMember) none = NULL;
  gint64 user_id = make_user (f->store);
  gint64 a, b, c;

  a = add_member (f->store, "Alfa", user_id, "100");
  b = add_member (f->store, "Bravo", a, "200");
  c = add_member (f->store, "Charlie", b, NULL);

  /* Duplicate member number: the message names the number and the owner. */
  {
    g_autoptr(DlPerson) draft = draft_person ("Delta", "Dup");

    none = dl_store_add_member (f->store, draft, user_id, " 100 ", DL_DAY_NONE,
                                DL_ROLE_DISTRIBUTOR, &error);
    g_assert_null (none);
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
    g_assert_nonnull (strstr (error->message, "100"));
    g_assert_nonnull (strstr (error->message, "Alfa Member"));
    g_clear_error (&error);
  }
  /* ... and nothing was written: no half-made person. */
  {
    g_autoptr(GListModel) people = dl_store_get_people (f->store);

    g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  }
  {
    g_autoptr(DlMember) cm = dl_store_get_member (f->store, c);
    g_autoptr(DlMember) draft = dl_member_copy (cm);

    dl_member_set_member_number (draft, "200");
    g_assert_false (dl_store_update_member (f->store, draft, &error));
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
    g_assert_nonnull (strstr (error->message, "200"));
    g_clear_error (&error);
  }

  /* Sponsor cycles: under one's own downline, or oneself. */
  g_assert_false (dl_store_set_member_sponsor (f->store, a, c, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE);
  g_assert_nonnull (strstr (error->message, "Alfa Member"));
  g_assert_nonnull (strstr (error->message, "Charlie Member"));
  g_clear_error (&error);
  g_assert_false (dl_store_set_member_sponsor (f->store, a, a, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_false (dl_store_set_member_sponsor (f->store, user_id, c, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autoptr(DlMember) am = dl_store_get_member (f->store, a);

    g_assert_cmpint (dl_member_get_sponsor_id (am), ==, user_id);
  }

  /* The trigger itself refuses a loop written past the store's checks. */
  {
    sqlite3 *db = dl_store_get_handle (f->store);
    g_autofree char *sql = g_strdup_printf ("UPDATE member SET sponsor_id = %" G_GINT64_FORMAT
                                            " WHERE person_id = %" G_GINT64_FORMAT, c, a);

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_TRIGGER);
  }

  /* Unknown sponsor: someone who is not a member, or nobody. */
  someone = add_person (f->store, "Echo", "Outsider");
  g_assert_false (dl_store_set_member_sponsor (f->store, c, dl_person_get_id (someone), &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Echo Outsider"));
  g_clear_error (&error);
  {
    g_autoptr(DlPerson) draft = draft_person ("Foxtrot", "Orphan");

    none = dl_store_add_member (f->store, draft, 987654, NULL, DL_DAY_NONE,
                                DL_ROLE_DISTRIBUTOR, &error);
    g_assert_null (none);
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A sponsor with recruits cannot be deleted. */
  g_assert_false (dl_store_delete_person (f->store, b, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY);
  g_assert_nonnull (strstr (error->message, "Bravo Member"));
  g_clear_error (&error);

  /* Unknown member. */
  g_assert_false (dl_store_set_member_status (f->store, 424242, DL_MEMBER_DROPPED,
                                              DL_DAY_NONE, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

static void
test_interaction_round_trip (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) person = add_person (f->store, "Gil", "Log");
  g_autoptr(GListModel) log = dl_store_get_interactions (f->store, dl_person_get_id (person));
  g_autoptr(DlInteraction) call = NULL;
  g_autoptr(DlInteraction) meeting = NULL;
  g_autoptr(DlInteraction) note = NULL;
  g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 4, 1, 10, 30, 0);
  g_autoptr(GDateTime) tuesday = g_date_time_new_local (2024, 4, 2, 18, 0, 0);
  g_autoptr(GDateTime) wednesday = g_date_time_new_local (2024, 4, 3, 9, 0, 0);
  ItemsChanged record = { 0, };

  g_signal_connect (log, "items-changed", G_CALLBACK (on_items_changed), &record);

  call = dl_store_add_interaction (f->store, dl_person_get_id (person), DL_CONTACT_CALL,
                                   monday, "Talked about the product", &error);
  g_assert_no_error (error);
  g_assert_nonnull (call);
  g_assert_cmpint (dl_interaction_get_kind (call), ==, DL_CONTACT_CALL);
  g_assert_cmpint (dl_interaction_get_person_id (call), ==, dl_person_get_id (person));
  g_assert_cmpstr (dl_interaction_get_summary (call), ==, "Talked about the product");
  g_assert_true (g_date_time_equal (dl_interaction_get_at (call), monday));
  g_assert_true (g_date_time_equal (dl_person_get_last_contact (person), monday));
  g_assert_cmpuint (record.n_signals, ==, 1);

  meeting = dl_store_add_interaction (f->store, dl_person_get_id (person), DL_CONTACT_MEETING,
                                      tuesday, "Coffee", &error);
  /* A note to self is not a contact. */
  note = dl_store_add_interaction (f->store, dl_person_get_id (person), DL_CONTACT_NOTE,
                                   wednesday, "Seems keen", &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (dl_person_get_last_contact (person), tuesday));

  /* Newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 3);
  {
    g_autoptr(DlInteraction) top = g_list_model_get_item (log, 0);
    g_autoptr(DlInteraction) bottom = g_list_model_get_item (log, 2);

    g_assert_true (top == note);
    g_assert_true (bottom == call);
  }

  g_assert_true (dl_store_delete_interaction (f->store, dl_interaction_get_id (meeting), &error));
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (dl_person_get_last_contact (person), monday));
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 2);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);

  g_assert_false (dl_store_delete_interaction (f->store, dl_interaction_get_id (meeting), &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (dl_store_add_interaction (f->store, 31337, DL_CONTACT_CALL, NULL, "", &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

static void
test_template_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = dl_store_get_templates (f->store);
  g_autoptr(DlTemplate) draft = dl_template_new ();
  g_autoptr(DlTemplate) welcome = NULL;
  g_autoptr(DlTemplate) found = NULL;
  g_autoptr(DlTemplate) edit = NULL;

  dl_template_set_name (draft, "Welcome aboard");
  dl_template_set_kind (draft, DL_TEMPLATE_WELCOME);
  dl_template_set_subject (draft, "Welcome, {{first_name}}!");
  dl_template_set_body (draft, "Dear {{first_name}},\n\nGlad you are here.");
  dl_template_set_builtin (draft, "welcome");

  welcome = dl_store_add_template (f->store, draft, &error);
  g_assert_no_error (error);
  g_assert_nonnull (welcome);
  g_assert_cmpstr (dl_template_get_name (welcome), ==, "Welcome aboard");
  g_assert_cmpint (dl_template_get_kind (welcome), ==, DL_TEMPLATE_WELCOME);
  g_assert_cmpstr (dl_template_get_subject (welcome), ==, "Welcome, {{first_name}}!");
  g_assert_cmpstr (dl_template_get_body (welcome), ==, "Dear {{first_name}},\n\nGlad you are here.");
  g_assert_cmpstr (dl_template_get_builtin (welcome), ==, "welcome");
  g_assert_nonnull (dl_template_get_created_at (welcome));
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 1);

  found = dl_store_find_builtin_template (f->store, "welcome");
  g_assert_true (found == welcome);
  g_assert_null (dl_store_find_builtin_template (f->store, "check-in"));

  g_assert_null (dl_store_add_template (f->store, draft, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  edit = dl_template_copy (welcome);
  dl_template_set_body (edit, "Hi {{first_name}}");
  dl_template_set_kind (edit, DL_TEMPLATE_CHECK_IN);
  g_assert_true (dl_store_update_template (f->store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_template_get_body (welcome), ==, "Hi {{first_name}}");
  g_assert_cmpint (dl_template_get_kind (welcome), ==, DL_TEMPLATE_CHECK_IN);

  dl_template_set_name (edit, "");
  g_assert_false (dl_store_update_template (f->store, edit, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (dl_store_delete_template (f->store, dl_template_get_id (welcome), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 0);
  g_assert_false (dl_store_delete_template (f->store, dl_template_get_id (welcome), &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

static void
test_letter_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) person = add_person (f->store, "Hugo", "Letter");
  g_autoptr(DlTemplate) draft = dl_template_new ();
  g_autoptr(DlTemplate) template = NULL;
  g_autoptr(DlLetter) letter = NULL;
  g_autoptr(DlLetter) other = NULL;
  g_autoptr(GListModel) letters = NULL;
  DlSentVia via;

  dl_template_set_name (draft, "Check in");
  template = dl_store_add_template (f->store, draft, &error);
  g_assert_no_error (error);

  letter = dl_store_add_letter (f->store, dl_person_get_id (person), dl_template_get_id (template),
                                "How are things?", "Hi Hugo, ...", DL_SENT_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (letter);
  g_assert_cmpint (dl_letter_get_person_id (letter), ==, dl_person_get_id (person));
  g_assert_cmpint (dl_letter_get_template_id (letter), ==, dl_template_get_id (template));
  g_assert_cmpstr (dl_letter_get_subject (letter), ==, "How are things?");
  g_assert_cmpstr (dl_letter_get_body (letter), ==, "Hi Hugo, ...");
  g_assert_nonnull (dl_letter_get_created_at (letter));
  g_assert_cmpint (dl_letter_get_sent_via (letter), ==, DL_SENT_NONE);

  other = dl_store_add_letter (f->store, dl_person_get_id (person), 0, "Note", "", DL_SENT_COPY,
                               &error);
  g_assert_no_error (error);
  letters = dl_store_get_letters (f->store, dl_person_get_id (person));
  g_assert_cmpuint (g_list_model_get_n_items (letters), ==, 2);

  g_assert_true (dl_store_set_letter_sent_via (f->store, dl_letter_get_id (letter),
                                               DL_SENT_EMAIL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dl_letter_get_sent_via (letter), ==, DL_SENT_EMAIL);

  /* A letter outlives its template. */
  g_assert_true (dl_store_delete_template (f->store, dl_template_get_id (template), &error));
  g_assert_cmpint (dl_letter_get_template_id (letter), ==, 0);
  g_assert_cmpstr (dl_letter_get_body (letter), ==, "Hi Hugo, ...");

  g_assert_null (dl_store_add_letter (f->store, dl_person_get_id (person), 555, "", "",
                                      DL_SENT_NONE, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (dl_sent_via_from_string ("print", &via));
  g_assert_cmpint (via, ==, DL_SENT_PRINT);
  g_assert_false (dl_sent_via_from_string ("fax", &via));
}

static void
test_load_tree (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2024, 9, 9, 9, 9, 9);
  g_autoptr(DlInteraction) call = NULL;
  gint64 user_id = make_user (f->store);
  gint64 a, b, c;
  const DlTreeNode *node;
  gint64 i;

  a = add_member (f->store, "Alfa", user_id, "1");
  b = add_member (f->store, "Bravo", a, "2");
  c = add_member (f->store, "Charlie", user_id, "3");
  g_assert_true (dl_store_set_member_status (f->store, b, DL_MEMBER_DROPPED,
                                             dl_day_from_ymd (2024, 8, 31), &error));
  g_assert_true (dl_store_set_member_cadence (f->store, c, 9, &error));
  g_assert_true (dl_store_snooze_member (f->store, c, dl_day_from_ymd (2024, 12, 24), &error));
  {
    g_autoptr(DlMember) alfa = dl_store_get_member (f->store, a);
    g_autoptr(DlMember) draft = dl_member_copy (alfa);

    dl_member_set_last_activity (draft, dl_day_from_ymd (2024, 2, 29));
    g_assert_true (dl_store_update_member (f->store, draft, &error));
  }
  call = dl_store_add_interaction (f->store, b, DL_CONTACT_CALL, when, "", &error);
  g_assert_no_error (error);

  tree = dl_store_load_tree (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);
  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 4);
  g_assert_cmpint (dl_tree_get_root (tree), >=, 0);
  node = dl_tree_get_node (tree, dl_tree_get_root (tree));
  g_assert_cmpint (node->person_id, ==, user_id);
  g_assert_cmpstr (node->name, ==, "Ana Pereira");
  g_assert_cmpuint (node->n_children, ==, 2);

  i = dl_tree_find (tree, b);
  g_assert_cmpint (i, >=, 0);
  node = dl_tree_get_node (tree, i);
  g_assert_cmpint (node->sponsor_id, ==, a);
  g_assert_cmpuint (node->level, ==, 2);
  g_assert_cmpint (node->status, ==, DL_MEMBER_DROPPED);
  g_assert_cmpint (node->status_since, ==, dl_day_from_ymd (2024, 8, 31));
  g_assert_cmpint (node->joined_on, ==, dl_day_from_ymd (2024, 3, 1));
  g_assert_cmpint (node->last_contact, ==, dl_day_from_ymd (2024, 9, 9));
  g_assert_cmpstr (node->name, ==, "Bravo Member");

  node = dl_tree_get_node (tree, dl_tree_find (tree, c));
  g_assert_cmpuint (node->cadence_override, ==, 9);
  g_assert_cmpint (node->snoozed_until, ==, dl_day_from_ymd (2024, 12, 24));
  g_assert_cmpint (node->last_contact, ==, DL_DAY_NONE);

  node = dl_tree_get_node (tree, dl_tree_find (tree, a));
  g_assert_cmpint (node->last_activity, ==, dl_day_from_ymd (2024, 2, 29));
  g_assert_cmpuint (node->subtree_size, ==, 2);
}

static void
on_tree_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DlTree **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = dl_store_load_tree_finish (DL_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_tree_cancelled (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = dl_store_load_tree_finish (DL_STORE (source), result, &error);

  g_assert_null (tree);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

static void
test_load_tree_async (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DlTree) tree = NULL;
  gint64 user_id = make_user (f->store);

  add_member (f->store, "Alfa", user_id, "1");

  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &tree);
  while (tree == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (dl_tree_get_n_nodes (tree), ==, 2);
}

/* Everyone who asks for the current tree while it is being read gets
 * that one read: at a million members each read is a second and its
 * own copy.  A cancelled asker gets its error, the others the tree;
 * a change made while it read starts a read of its own. */
static void
test_load_tree_shared (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) first = NULL;
  g_autoptr(DlTree) second = NULL;
  g_autoptr(DlTree) after = NULL;
  g_autoptr(DlTree) kept = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean cancelled_done = FALSE;
  gint64 user_id = make_user (f->store);
  gint64 a = add_member (f->store, "Alfa", user_id, "1");

  g_assert_null (dl_store_peek_kept_tree (f->store));
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &first);
  dl_store_load_tree_async (f->store, cancellable, on_tree_cancelled, &cancelled_done);
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &second);
  g_cancellable_cancel (cancellable);
  while (first == NULL || second == NULL || !cancelled_done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (first == second);
  kept = dl_store_peek_kept_tree (f->store);
  g_assert_true (kept == first);
  g_clear_pointer (&kept, dl_tree_unref);

  /* a change while the next read runs: the later asker reads again */
  g_clear_pointer (&first, dl_tree_unref);
  g_clear_pointer (&second, dl_tree_unref);
  g_assert_true (dl_store_set_member_status (f->store, a, DL_MEMBER_INACTIVE,
                                             dl_day_from_ymd (2024, 8, 31), &error));
  g_assert_no_error (error);
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &first);
  add_member (f->store, "Bravo", a, "2");
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &after);
  while (first == NULL || after == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (first != after);
  g_assert_cmpuint (dl_tree_get_n_nodes (after), ==, 3);
  kept = dl_store_peek_kept_tree (f->store);
  g_assert_true (kept == after);

  /* read at once on this thread while a thread reads the same: one
   * copy kept, and the thread's askers get that one */
  g_clear_pointer (&first, dl_tree_unref);
  g_clear_pointer (&after, dl_tree_unref);
  g_clear_pointer (&kept, dl_tree_unref);
  add_member (f->store, "Charlie", a, "3");
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &after);
  first = dl_store_load_tree (f->store, &error);
  g_assert_no_error (error);
  while (after == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (after == first);
  kept = dl_store_peek_kept_tree (f->store);
  g_assert_true (kept == first);
}

/* A window starts the read before its views ask: they get the tree
 * that read made, which the store then keeps; asked again while it is
 * kept, it reads nothing. */
static void
test_tree_read_ahead (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(DlTree) first = NULL;
  g_autoptr(DlTree) second = NULL;
  g_autoptr(DlTree) kept = NULL;
  gint64 user_id = make_user (f->store);

  add_member (f->store, "Alfa", user_id, "1");

  g_assert_null (dl_store_peek_kept_tree (f->store));
  dl_store_read_tree_ahead (f->store);
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &first);
  while (first == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (dl_tree_get_n_nodes (first), ==, 2);
  kept = dl_store_peek_kept_tree (f->store);
  g_assert_true (kept == first);

  dl_store_read_tree_ahead (f->store);
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &second);
  while (second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (second == first);
}

/* The tree read last is kept, and handed out again (the same tree), until
 * a change it could show: a member or a person; a contact patches it.  A
 * change on the board alone keeps it; a tree read inside a transaction,
 * or read in a thread while a change was made, is not kept. */
static void
test_tree_kept (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) first = NULL;
  g_autoptr(DlTree) again = NULL;
  g_autoptr(DlTree) async = NULL;
  g_autoptr(DlTree) after = NULL;
  g_autoptr(DlPerson) draft = draft_person ("Pia", "Prospect");
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(DlPerson) rename = NULL;
  g_autoptr(DlInteraction) call = NULL;
  gint64 user_id = make_user (f->store);
  gint64 a = add_member (f->store, "Alfa", user_id, "1");
  gint64 b = add_member (f->store, "Bravo", a, "2");

  prospect = dl_store_add_prospect (f->store, draft, stage_id_at (f->store, 0), &error);
  g_assert_no_error (error);

  first = dl_store_load_tree (f->store, &error);
  g_assert_no_error (error);
  again = dl_store_load_tree (f->store, &error);
  g_assert_true (again == first);
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &async);
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (async == first);
  g_clear_pointer (&again, dl_tree_unref);
  g_clear_pointer (&async, dl_tree_unref);

  /* the board alone */
  g_assert_true (dl_store_move_prospect (f->store, dl_prospect_get_id (prospect),
                                         stage_id_at (f->store, 1), 0, &error));
  g_assert_no_error (error);
  again = dl_store_load_tree (f->store, &error);
  g_assert_true (again == first);
  g_clear_pointer (&again, dl_tree_unref);

  /* a member */
  g_assert_true (dl_store_set_member_status (f->store, b, DL_MEMBER_INACTIVE,
                                             dl_day_from_ymd (2024, 8, 31), &error));
  after = dl_store_load_tree (f->store, &error);
  g_assert_true (after != first);
  g_assert_cmpint (dl_tree_get_node (after, dl_tree_find (after, b))->status, ==, DL_MEMBER_INACTIVE);
  g_clear_pointer (&first, dl_tree_unref);
  first = g_steal_pointer (&after);

  /* a person */
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, a);

    rename = dl_person_copy (dl_member_get_person (member));
  }
  dl_person_set_first_name (rename, "Alba");
  g_assert_true (dl_store_update_person (f->store, rename, &error));
  g_assert_no_error (error);
  after = dl_store_load_tree (f->store, &error);
  g_assert_true (after != first);
  g_assert_cmpstr (dl_tree_get_node (after, dl_tree_find (after, a))->name, ==, "Alba Member");
  g_clear_pointer (&first, dl_tree_unref);
  first = g_steal_pointer (&after);

  /* a contact: the kept tree is patched, not read again (one row, not
   * the whole downline); taking the contact back patches it back */
  {
    DlDay before = dl_tree_get_node (first, dl_tree_find (first, b))->last_contact;

    call = dl_store_add_interaction (f->store, b, DL_CONTACT_CALL, NULL, "", &error);
    g_assert_no_error (error);
    after = dl_store_load_tree (f->store, &error);
    g_assert_true (after == first);
    g_assert_cmpint (dl_tree_get_node (after, dl_tree_find (after, b))->last_contact, ==, dl_day_today ());
    g_clear_pointer (&after, dl_tree_unref);
    g_assert_true (dl_store_delete_interaction (f->store, dl_interaction_get_id (call), &error));
    g_assert_no_error (error);
    after = dl_store_load_tree (f->store, &error);
    g_assert_true (after == first);
    g_assert_cmpint (dl_tree_get_node (after, dl_tree_find (after, b))->last_contact, ==, before);
    g_clear_pointer (&after, dl_tree_unref);
    g_clear_object (&call);
    call = dl_store_add_interaction (f->store, b, DL_CONTACT_CALL, NULL, "", &error);
    g_assert_no_error (error);
  }

  /* a contact logged while a thread reads: what the thread read may
   * miss it, so it is not kept */
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &async);
  g_clear_pointer (&first, dl_tree_unref);
  {
    g_autoptr(DlInteraction) meet = dl_store_add_interaction (f->store, a, DL_CONTACT_MEETING, NULL, "", &error);

    g_assert_no_error (error);
    g_assert_nonnull (meet);
  }
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  first = dl_store_load_tree (f->store, &error);
  g_assert_cmpint (dl_tree_get_node (first, dl_tree_find (first, a))->last_contact, ==, dl_day_today ());
  g_clear_pointer (&async, dl_tree_unref);

  /* inside a transaction: its writes, then, after the rollback, none */
  g_assert_true (dl_store_begin (f->store, &error));
  g_assert_true (dl_store_set_member_status (f->store, a, DL_MEMBER_DROPPED,
                                             dl_day_from_ymd (2024, 9, 1), &error));
  after = dl_store_load_tree (f->store, &error);
  g_assert_cmpint (dl_tree_get_node (after, dl_tree_find (after, a))->status, ==, DL_MEMBER_DROPPED);
  g_clear_pointer (&after, dl_tree_unref);
  dl_store_rollback (f->store);
  after = dl_store_load_tree (f->store, &error);
  g_assert_cmpint (dl_tree_get_node (after, dl_tree_find (after, a))->status, ==, DL_MEMBER_ACTIVE);
  g_clear_pointer (&first, dl_tree_unref);
  first = g_steal_pointer (&after);

  /* a change while a thread reads: what it read is not kept */
  dl_store_load_tree_async (f->store, NULL, on_tree_loaded, &async);
  g_clear_pointer (&first, dl_tree_unref);
  g_assert_true (dl_store_set_member_status (f->store, a, DL_MEMBER_INACTIVE,
                                             dl_day_from_ymd (2024, 9, 2), &error));
  while (async == NULL)
    g_main_context_iteration (NULL, TRUE);
  after = dl_store_load_tree (f->store, &error);
  g_assert_true (after != async);
  g_assert_cmpint (dl_tree_get_node (after, dl_tree_find (after, a))->status, ==, DL_MEMBER_INACTIVE);
}

static void
test_people_model_live (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = dl_store_get_people (f->store);
  g_autoptr(GListModel) same = dl_store_get_people (f->store);
  g_autoptr(DlPerson) b = NULL;
  g_autoptr(DlPerson) d = NULL;
  g_autoptr(DlPerson) edit = NULL;
  ItemsChanged record = { 0, };

  g_assert_true (people == same);
  g_assert_true (g_list_model_get_item_type (people) == DL_TYPE_PERSON);
  g_signal_connect (people, "items-changed", G_CALLBACK (on_items_changed), &record);

  b = add_person (f->store, "Bob", "Brown");
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);

  d = add_person (f->store, "Dan", "Dunn");
  g_assert_cmpuint (record.n_signals, ==, 2);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);

  {
    g_autoptr(DlPerson) a = add_person (f->store, "Al", "Adams");

    g_assert_nonnull (a);
    g_assert_cmpuint (record.position, ==, 0);
    g_assert_cmpuint (record.added, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (people), ==, 3);
  }

  /* A rename that moves Bob after Dan: one range, counts balance. */
  record.n_signals = 0;
  edit = dl_person_copy (b);
  dl_person_set_last_name (edit, "Zane");
  g_assert_true (dl_store_update_person (f->store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 2);
  g_assert_cmpuint (record.added, ==, 2);
  {
    g_autoptr(DlPerson) last = g_list_model_get_item (people, 2);

    g_assert_true (last == b);
    g_assert_cmpstr (dl_person_get_name (last), ==, "Bob Zane");
  }

  /* A change that keeps the order: no items-changed; the shared item
   * notifies instead. */
  record.n_signals = 0;
  dl_person_set_phone (edit, "555-0199");
  g_assert_true (dl_store_update_person (f->store, edit, &error));
  g_assert_cmpuint (record.n_signals, ==, 0);
  g_assert_cmpstr (dl_person_get_phone (b), ==, "555-0199");

  g_assert_true (dl_store_delete_person (f->store, dl_person_get_id (d), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.position, ==, 1);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_pipeline_models_live (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = stage_id_at (f->store, 0);
  gint64 second = stage_id_at (f->store, 1);
  g_autoptr(GListModel) column1 = dl_store_get_prospects (f->store, first);
  g_autoptr(GListModel) column2 = dl_store_get_prospects (f->store, second);
  g_autoptr(GListModel) stages = dl_store_get_stages (f->store);
  DlProspect *p[4] = { NULL, };
  ItemsChanged r1 = { 0, }, r2 = { 0, }, rs = { 0, };
  guint n_position_notifies = 0;

  g_signal_connect (column1, "items-changed", G_CALLBACK (on_items_changed), &r1);
  g_signal_connect (column2, "items-changed", G_CALLBACK (on_items_changed), &r2);
  g_signal_connect (stages, "items-changed", G_CALLBACK (on_items_changed), &rs);

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    {
      g_autofree char *name = g_strdup_printf ("P%u", i);
      g_autoptr(DlPerson) draft = draft_person (name, "Prospect");

      p[i] = dl_store_add_prospect (f->store, draft, first, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (r1.position, ==, i);
      g_assert_cmpuint (r1.added, ==, 1);
    }
  g_assert_cmpuint (r1.n_signals, ==, 4);
  g_assert_cmpuint (r2.n_signals, ==, 0);

  g_signal_connect (p[3], "notify::position", G_CALLBACK (on_notify), &n_position_notifies);

  /* Dragging P1 to the top of column 2. */
  g_assert_true (dl_store_move_prospect (f->store, dl_prospect_get_id (p[1]), second, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r1.n_signals, ==, 5);
  g_assert_cmpuint (r1.position, ==, 1);
  g_assert_cmpuint (r1.removed, ==, 1);
  g_assert_cmpuint (r1.added, ==, 0);
  g_assert_cmpuint (r2.n_signals, ==, 1);
  g_assert_cmpuint (r2.position, ==, 0);
  g_assert_cmpuint (r2.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (column1), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (column2), ==, 1);
  g_assert_cmpuint (n_position_notifies, ==, 1);
  g_assert_cmpuint (dl_prospect_get_position (p[3]), ==, 2);

  /* Within column 1: P3 from the bottom to the top. */
  g_assert_true (dl_store_move_prospect (f->store, dl_prospect_get_id (p[3]), first, 0, &error));
  g_assert_cmpuint (r1.position, ==, 0);
  g_assert_cmpuint (r1.removed, ==, 3);
  g_assert_cmpuint (r1.added, ==, 3);
  {
    g_autoptr(DlProspect) top = g_list_model_get_item (column1, 0);

    g_assert_true (top == p[3]);
  }

  /* Stages reorder live too. */
  g_assert_true (dl_store_move_stage (f->store, second, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rs.n_signals, ==, 1);
  g_assert_cmpuint (rs.position, ==, 0);
  g_assert_cmpuint (rs.removed, ==, 2);
  g_assert_cmpuint (rs.added, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (p); i++)
    g_clear_object (&p[i]);
}

static void
test_members_model_live (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) members = NULL;
  g_autoptr(DlPerson) outsider = NULL;
  ItemsChanged record = { 0, };
  guint n_tree_notifies = 0;
  gint64 user_id = make_user (f->store);
  gint64 a, b;

  a = add_member (f->store, "Alfa", user_id, "1");
  members = dl_store_get_members (f->store);
  g_assert_true (g_list_model_get_item_type (members) == DL_TYPE_MEMBER);
  g_assert_cmpuint (g_list_model_get_n_items (members), ==, 2);
  g_signal_connect (members, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_signal_connect (members, "notify::tree", G_CALLBACK (on_notify), &n_tree_notifies);

  {
    g_autoptr(DlMember) root = g_list_model_get_item (members, 0);
    g_autoptr(DlMember) first = g_list_model_get_item (members, 1);

    g_assert_cmpint (dl_member_get_id (root), ==, user_id);
    g_assert_cmpint (dl_member_get_id (first), ==, a);
    g_assert_null (g_list_model_get_item (members, 2));
  }

  b = add_member (f->store, "Bravo", a, "2");
  g_assert_cmpuint (record.n_signals, ==, 1);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 2);
  g_assert_cmpuint (record.added, ==, 3);
  g_assert_cmpuint (n_tree_notifies, ==, 1);
  g_assert_cmpint (dl_tree_find (dl_member_list_get_tree (DL_MEMBER_LIST (members)), b), ==, 2);

  /* A member's rename is in the tree... */
  {
    g_autoptr(DlPerson) person = dl_store_get_person (f->store, b);
    g_autoptr(DlPerson) edit = dl_person_copy (person);

    dl_person_set_first_name (edit, "Beta");
    g_assert_true (dl_store_update_person (f->store, edit, &error));
    g_assert_cmpuint (record.n_signals, ==, 2);
    g_assert_cmpstr (dl_tree_get_node (dl_member_list_get_tree (DL_MEMBER_LIST (members)), 2)->name,
                     ==, "Beta Member");
  }

  /* ... a prospect's is not. */
  outsider = add_person (f->store, "Not", "Member");
  g_assert_cmpuint (record.n_signals, ==, 2);

  g_assert_true (dl_store_set_member_sponsor (f->store, b, user_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.n_signals, ==, 3);
  g_assert_cmpuint (record.removed, ==, 3);
  g_assert_cmpuint (record.added, ==, 3);
  {
    DlTree *tree = dl_member_list_get_tree (DL_MEMBER_LIST (members));

    g_assert_cmpuint (dl_tree_get_node (tree, dl_tree_find (tree, b))->level, ==, 1);
  }
}

static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Changed people = { 0, }, any = { 0, };
  gint64 id;

  g_signal_connect (f->store, "changed::people", G_CALLBACK (on_changed), &people);
  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &any);

  {
    g_autoptr(DlPerson) p = add_person (f->store, "Ivo", "Signal");

    id = dl_person_get_id (p);
  }
  g_assert_cmpuint (people.n_signals, ==, 1);
  g_assert_cmpint (people.entity, ==, DL_STORE_ENTITY_PEOPLE);
  g_assert_cmpint (people.id, ==, id);

  /* Nothing is announced before the outermost commit... */
  people.n_signals = any.n_signals = 0;
  g_assert_true (dl_store_begin (f->store, &error));
  {
    g_autoptr(DlPerson) draft = draft_person ("Jo", "Inner");
    g_autoptr(DlPerson) p = dl_store_add_person (f->store, draft, &error);

    g_assert_no_error (error);
    g_assert_nonnull (p);
  }
  g_assert_cmpuint (any.n_signals, ==, 0);

  /* ... an inner failure undoes only itself... */
  g_assert_true (dl_store_begin (f->store, &error));
  {
    g_autoptr(DlPerson) draft = draft_person ("Kai", "Undone");
    gint64 undone = dl_store_insert_person (f->store, draft, &error);

    g_assert_cmpint (undone, >, 0);
  }
  dl_store_rollback (f->store);

  {
    g_autoptr(DlPerson) draft = draft_person ("Lu", "Outer");
    g_autoptr(DlPerson) p = dl_store_add_person (f->store, draft, &error);

    g_assert_nonnull (p);
  }
  g_assert_cmpuint (any.n_signals, ==, 0);
  g_assert_true (dl_store_commit (f->store, &error));
  g_assert_no_error (error);

  /* ... and a commit of several rows of a kind says "many" once. */
  g_assert_cmpuint (people.n_signals, ==, 1);
  g_assert_cmpint (people.id, ==, 0);
  {
    g_autoptr(GListModel) list = dl_store_get_people (f->store);

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3);
  }

  /* A rolled-back transaction announces nothing. */
  people.n_signals = 0;
  g_assert_true (dl_store_begin (f->store, &error));
  {
    g_autoptr(DlPerson) draft = draft_person ("Mo", "Rolled");
    gint64 gone = dl_store_insert_person (f->store, draft, &error);

    g_assert_cmpint (gone, >, 0);
  }
  dl_store_rollback (f->store);
  g_assert_cmpuint (people.n_signals, ==, 0);
  g_assert_false (dl_store_in_transaction (f->store));
}

static void
test_statement_cache (Fixture       *f,
                      gconstpointer  data)
{
  const char *sql = "SELECT id FROM stage ORDER BY position";
  sqlite3_stmt *outer;
  sqlite3_stmt *inner;
  sqlite3_stmt *again;
  int n = 0;

  outer = dl_store_prepare (f->store, sql, NULL);
  g_assert_nonnull (outer);
  g_assert_cmpint (sqlite3_step (outer), ==, SQLITE_ROW);

  /* The same SQL while the first is mid-way gets its own statement. */
  inner = dl_store_prepare (f->store, sql, NULL);
  g_assert_true (inner != outer);
  while (sqlite3_step (inner) == SQLITE_ROW)
    n++;
  g_assert_cmpint (n, ==, 7);
  sqlite3_reset (inner);

  n = 1;
  while (sqlite3_step (outer) == SQLITE_ROW)
    n++;
  g_assert_cmpint (n, ==, 7);
  sqlite3_reset (outer);

  /* Finished statements are reused. */
  again = dl_store_prepare (f->store, sql, NULL);
  g_assert_true (again == outer || again == inner);
  sqlite3_reset (again);

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (dl_store_prepare (f->store, "SELEKT nonsense", &error));
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED);
  }
}

static void
test_parse_day (void)
{
  static const char *bad[] = {
    "", "2024", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "0000-01-01",
    "2024-1-01", "24-01-01", "2024/01/01", "abcd-ef-gh", "2024-01-00",
  };

  /* Agrees with dl_day_from_iso over four centuries, leap days included. */
  for (DlDay day = dl_day_from_ymd (1900, 1, 1); day < dl_day_from_ymd (2300, 1, 1); day += 7)
    {
      char iso[16];

      dl_day_format_iso (day, iso);
      g_assert_cmpint (dl_store_parse_day (iso, strlen (iso)), ==, day);
      g_assert_cmpint (dl_store_parse_day (iso, strlen (iso)), ==, dl_day_from_iso (iso));
    }
  g_assert_cmpint (dl_store_parse_day ("0001-01-01", 10), ==, 1);
  g_assert_cmpint (dl_store_parse_day ("2024-02-29", 10), ==, dl_day_from_ymd (2024, 2, 29));
  g_assert_cmpint (dl_store_parse_day ("2000-02-29", 10), ==, dl_day_from_ymd (2000, 2, 29));
  g_assert_cmpint (dl_store_parse_day ("2024-05-06T07:08:09", 19), ==, dl_day_from_ymd (2024, 5, 6));
  g_assert_cmpint (dl_store_parse_day (NULL, 0), ==, DL_DAY_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("bad date %s", bad[i]);
      g_assert_cmpint (dl_store_parse_day (bad[i], strlen (bad[i])), ==, DL_DAY_NONE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/new-database", test_new_database);
  ADD ("/store/profile/round-trip", test_profile_round_trip);
  ADD ("/store/person/round-trip", test_person_round_trip);
  ADD ("/store/stage/crud", test_stage_crud);
  ADD ("/store/prospect/round-trip", test_prospect_round_trip);
  ADD ("/store/member/round-trip", test_member_round_trip);
  ADD ("/store/member/constraints", test_member_constraints);
  ADD ("/store/interaction/round-trip", test_interaction_round_trip);
  ADD ("/store/template/round-trip", test_template_round_trip);
  ADD ("/store/letter/round-trip", test_letter_round_trip);
  ADD ("/store/tree/load", test_load_tree);
  ADD ("/store/tree/kept", test_tree_kept);
  ADD ("/store/tree/load-async", test_load_tree_async);
  ADD ("/store/tree/load-shared", test_load_tree_shared);
  ADD ("/store/tree/read-ahead", test_tree_read_ahead);
  ADD ("/store/models/people-live", test_people_model_live);
  ADD ("/store/models/pipeline-live", test_pipeline_models_live);
  ADD ("/store/models/members-live", test_members_model_live);
  ADD ("/store/changed/transactions", test_changed_signal);
  ADD ("/store/statement-cache", test_statement_cache);
  g_test_add_func ("/store/parse-day", test_parse_day);

#undef ADD

  return g_test_run ();
}

/* today-fixture.h — a real store on a temporary file for the Today tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "dl-clock.h"
#include "dl-store.h"
#include "../dl-test-files.h"

typedef struct
{
  char    *dir;
  char    *path;
  DlStore *store;
  gint64   user;
  DlDay    today;   /* the real day: the store stamps changes with it */
} TodayFixture;

static inline GDateTime *
today_noon_of (DlDay day)
{
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

static inline void
today_fixture_set_up (TodayFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();

  /* One day for the whole test: the clock is held at noon, so a run
   * that crosses midnight cannot see yesterday in the fixture and
   * today in the view. */
  f->today = dl_day_today ();
  {
    g_autoptr(GDateTime) noon = today_noon_of (f->today);

    dl_clock_set_now (dl_clock_get_default (), noon);
  }
  f->dir = g_dir_make_tmp ("downline-today-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "downline.db", NULL);
  f->store = dl_store_open (f->path, &error);
  g_assert_no_error (error);

  dl_person_set_first_name (me, "Uma");
  dl_person_set_last_name (me, "User");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);
  f->user = dl_store_get_user_id (f->store);
}

static inline void
today_fixture_tear_down (TodayFixture  *f,
                         gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_clock_set_now (dl_clock_get_default (), NULL);
  dl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A member joined days_ago days before today, last contacted contact_ago
 * days before today (negative: never). */
static inline gint64
today_add_member (TodayFixture *f,
                  const char   *first,
                  gint64        sponsor,
                  int           joined_ago,
                  int           contact_ago)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  gint64 id;

  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, "Test");
  member = dl_store_add_member (f->store, draft, sponsor, NULL, f->today - joined_ago,
                                DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);
  id = member != NULL ? dl_member_get_id (member) : 0;

  if (contact_ago >= 0)
    {
      g_autoptr(GDateTime) at = today_noon_of (f->today - contact_ago);
      g_autoptr(DlInteraction) done = dl_store_add_interaction (f->store, id, DL_CONTACT_CALL, at,
                                                                "Talked", &error);

      g_assert_no_error (error);
      g_assert_nonnull (done);
    }
  return id;
}

/* A prospect in the first (open) stage with a follow-up follow_in days
 * from today. */
static inline gint64
today_add_prospect (TodayFixture *f,
                    const char   *first,
                    int           follow_in)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(GListModel) stages = dl_store_get_stages (f->store);
  g_autoptr(DlStage) stage = g_list_model_get_item (stages, 0);
  g_autoptr(DlProspect) prospect = NULL;
  gint64 id;

  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, "Prospect");
  g_assert_nonnull (stage);
  g_assert_cmpint (dl_stage_get_kind (stage), ==, DL_STAGE_OPEN);
  prospect = dl_store_add_prospect (f->store, draft, dl_stage_get_id (stage), &error);
  g_assert_no_error (error);
  id = dl_person_get_id (dl_prospect_get_person (prospect));
  g_assert_true (dl_store_set_prospect_follow_up (f->store, id, f->today + follow_in, &error));
  g_assert_no_error (error);
  return id;
}

/* test-today-model.c — the Today model over a real store, with undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model's "today" is moved by hand to cross day boundaries; the
 * store's data is dated relative to the real day, as the store stamps
 * it.  Logging, snoozing and their undo go through the same functions
 * the view and the notifier use.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "dl-today-actions.h"
#include "dl-today-model.h"
#include "dl-store-private.h"
#include "today-fixture.h"

static char *
section_names (DlTodayModel   *model,
               DlTodaySection  section)
{
  GListModel *list = dl_today_model_get_section (model, section);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (list, i);

      g_string_append_printf (s, "%s%s", s->len ? " " : "", dl_today_item_get_name (item));
    }
  return g_string_free (s, FALSE);
}

#define assert_section(model, section, expected) G_STMT_START { \
  g_autofree char *got_ = section_names ((model), (section)); \
  g_assert_cmpstr (got_, ==, (expected)); \
} G_STMT_END

static void
populate (TodayFixture *f)
{
  /* Bea: personal, 14 days, last call 20 days ago → overdue
   * Cal: new (joined 10 days ago), called 7 days ago → due today
   * Dan: joined today, never contacted → not welcomed
   * Eli: called 10 days ago, every 14 → due in 4 days
   * Fae: a prospect whose follow-up was yesterday
   * Gil: a prospect whose follow-up is in 2 days */
  today_add_member (f, "Bea", f->user, 200, 20);
  today_add_member (f, "Cal", f->user, 10, 7);
  today_add_member (f, "Dan", f->user, 0, -1);
  today_add_member (f, "Eli", f->user, 300, 10);
  today_add_prospect (f, "Fae", -1);
  today_add_prospect (f, "Gil", 2);
}

static void
test_sections (TodayFixture  *f,
               gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;

  populate (f);
  model = dl_today_model_new (f->store);
  dl_today_model_set_today (model, f->today);

  assert_section (model, DL_TODAY_OVERDUE, "Bea Test");
  assert_section (model, DL_TODAY_DUE_TODAY, "Cal Test");
  assert_section (model, DL_TODAY_WELCOME, "Dan Test");
  assert_section (model, DL_TODAY_FOLLOW_UP, "Fae Prospect");
  assert_section (model, DL_TODAY_COMING_UP, "Gil Prospect Eli Test");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 6);
  g_assert_cmpuint (dl_today_model_get_n_open (model), ==, 4);
  g_assert_cmpuint (dl_today_model_get_n_done (model), ==, 0);

  /* two days on: Gil's follow-up has come, Cal is late, Eli in 2 */
  dl_today_model_set_today (model, f->today + 2);
  assert_section (model, DL_TODAY_OVERDUE, "Bea Test Cal Test");
  assert_section (model, DL_TODAY_FOLLOW_UP, "Fae Prospect Gil Prospect");
  assert_section (model, DL_TODAY_COMING_UP, "Eli Test");

  /* the items say why, in words */
  {
    g_autoptr(DlTodayItem) bea = g_list_model_get_item (dl_today_model_get_section (model, DL_TODAY_OVERDUE), 0);
    g_autoptr(GDateTime) last = today_noon_of (f->today - 20);
    g_autofree char *date = g_date_time_format (last, "%-d %b %Y");
    g_autofree char *expected = g_strdup_printf ("Last contact %s", g_strstrip (date));
    DlRiskBand band;

    g_assert_cmpstr (dl_today_item_get_reason (bea), ==,
                     "22 days since your last contact · check in every 14 days");

    g_assert_cmpstr (dl_today_item_get_last_contact (bea), ==, expected);
    g_assert_true (dl_today_item_get_risk (bea, &band, NULL));
  }
}

static void
on_refreshed_cb (DlTodayModel *model,
                 gpointer      user_data)
{
  (*(guint *) user_data)++;
}

static void
wait_for_refresh (DlTodayModel *model)
{
  guint n = 0;
  gulong id = g_signal_connect (model, "refreshed", G_CALLBACK (on_refreshed_cb), &n);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (n == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (model, id);
  g_assert_cmpuint (n, >, 0);
}

static void
test_log_and_undo (TodayFixture  *f,
                   gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(DlTodayUndo) undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTodayItem) bea = NULL;
  gint64 bea_id;

  populate (f);
  model = dl_today_model_new (f->store);
  g_assert_cmpuint (dl_today_model_get_n_open (model), ==, 4);
  bea = g_list_model_get_item (dl_today_model_get_section (model, DL_TODAY_OVERDUE), 0);
  g_assert_nonnull (bea);
  bea_id = dl_today_item_get_person_id (bea);
  g_assert_true (dl_today_model_find (model, bea_id) == bea);

  /* logging moves Bea's check-in 14 days on: off the list, one done */
  undo = dl_today_log_contact (f->store, bea_id, DL_CONTACT_CALL, NULL, "Caught up", &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_OVERDUE, "");
  g_assert_null (dl_today_model_find (model, bea_id));
  g_assert_cmpuint (dl_today_model_get_n_open (model), ==, 3);
  g_assert_cmpuint (dl_today_model_get_n_done (model), ==, 1);

  /* undo deletes the interaction: Bea is back, nothing done */
  g_assert_true (dl_today_undo (f->store, undo, &error));
  g_assert_no_error (error);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_OVERDUE, "Bea Test");
  g_assert_cmpuint (dl_today_model_get_n_done (model), ==, 0);
  {
    g_autoptr(GListModel) log = dl_store_get_interactions (f->store, bea_id);

    g_assert_cmpuint (g_list_model_get_n_items (log), ==, 1);
  }
}

static void
test_snooze_and_undo (TodayFixture  *f,
                      gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(DlTodayUndo) member_undo = NULL;
  g_autoptr(DlTodayUndo) prospect_undo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTodayItem) cal = NULL;
  g_autoptr(DlTodayItem) fae = NULL;

  populate (f);
  model = dl_today_model_new (f->store);
  cal = g_list_model_get_item (dl_today_model_get_section (model, DL_TODAY_DUE_TODAY), 0);
  fae = g_list_model_get_item (dl_today_model_get_section (model, DL_TODAY_FOLLOW_UP), 0);
  g_assert_nonnull (cal);
  g_assert_nonnull (fae);

  /* a day that is not after today is refused and changes nothing */
  g_assert_null (dl_today_snooze (f->store, dl_today_item_get_person_id (cal), f->today, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  member_undo = dl_today_snooze (f->store, dl_today_item_get_person_id (cal), f->today + 3, &error);
  g_assert_no_error (error);
  prospect_undo = dl_today_snooze (f->store, dl_today_item_get_person_id (fae), f->today + 1, &error);
  g_assert_no_error (error);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_DUE_TODAY, "");
  assert_section (model, DL_TODAY_FOLLOW_UP, "");
  assert_section (model, DL_TODAY_COMING_UP, "Fae Prospect Gil Prospect Cal Test Eli Test");

  /* the snoozed wait: on the day after, Fae is back, Cal not yet */
  dl_today_model_set_today (model, f->today + 1);
  assert_section (model, DL_TODAY_FOLLOW_UP, "Fae Prospect");
  assert_section (model, DL_TODAY_COMING_UP, "Gil Prospect Cal Test Eli Test");
  dl_today_model_set_today (model, DL_DAY_NONE);

  g_assert_true (dl_today_undo (f->store, member_undo, &error));
  g_assert_true (dl_today_undo (f->store, prospect_undo, &error));
  g_assert_no_error (error);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_DUE_TODAY, "Cal Test");
  assert_section (model, DL_TODAY_FOLLOW_UP, "Fae Prospect");
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, dl_today_item_get_person_id (cal));

    g_assert_cmpint (dl_member_get_snoozed_until (member), ==, DL_DAY_NONE);
  }
}

/* A prospect parked in "not now" is due again on their revisit day;
 * snoozing them moves that day too, and undo puts it back. */
static void
test_snooze_not_now (TodayFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(DlTodayUndo) undo = NULL;
  g_autoptr(GListModel) stages = dl_store_get_stages (f->store);
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(GError) error = NULL;
  gint64 not_now = 0;
  gint64 hal;

  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (stages, i);

      if (dl_stage_get_kind (stage) == DL_STAGE_NOT_NOW)
        not_now = dl_stage_get_id (stage);
    }
  g_assert_cmpint (not_now, >, 0);

  hal = today_add_prospect (f, "Hal", 40);
  g_assert_true (dl_store_park_prospect (f->store, hal, not_now, 0, "Busy with a new baby",
                                         f->today - 1, &error));
  g_assert_no_error (error);

  model = dl_today_model_new (f->store);
  assert_section (model, DL_TODAY_FOLLOW_UP, "Hal Prospect");

  undo = dl_today_snooze (f->store, hal, f->today + 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (undo);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_FOLLOW_UP, "");
  prospect = dl_store_get_prospect (f->store, hal);
  g_assert_cmpint (dl_prospect_get_revisit_on (prospect), ==, f->today + 3);
  /* the reason the person gave is kept */
  g_assert_cmpstr (dl_prospect_get_not_now_reason (prospect), ==, "Busy with a new baby");
  g_clear_object (&prospect);

  g_assert_true (dl_today_undo (f->store, undo, &error));
  g_assert_no_error (error);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_FOLLOW_UP, "Hal Prospect");
  prospect = dl_store_get_prospect (f->store, hal);
  g_assert_cmpint (dl_prospect_get_revisit_on (prospect), ==, f->today - 1);
  /* parking put the day to ask again in place of the old follow-up */
  g_assert_cmpint (dl_prospect_get_next_follow_up (prospect), ==, DL_DAY_NONE);
}

static void
test_cadence_settings (TodayFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  populate (f);
  model = dl_today_model_new (f->store);
  assert_section (model, DL_TODAY_COMING_UP, "Gil Prospect Eli Test");

  /* personal recruits every 10 days: Eli, called 10 days ago, is due */
  g_settings_set_uint (settings, "cadence-personal-every", 10);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_DUE_TODAY, "Cal Test Eli Test");
  g_settings_reset (settings, "cadence-personal-every");
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_DUE_TODAY, "Cal Test");
}

/* A change on the board reuses the downline already read; a change to a
 * member right after it must still be seen. */
static void
test_board_then_member (TodayFixture  *f,
                        gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTodayUndo) undo = NULL;
  gint64 gil_id, bea_id;

  today_add_member (f, "Bea", f->user, 200, 20);
  gil_id = today_add_prospect (f, "Gil", 2);
  model = dl_today_model_new (f->store);
  assert_section (model, DL_TODAY_OVERDUE, "Bea Test");
  assert_section (model, DL_TODAY_COMING_UP, "Gil Prospect");

  /* Gil's follow-up moves to yesterday: members untouched */
  g_assert_true (dl_store_set_prospect_follow_up (f->store, gil_id, f->today - 1, &error));
  g_assert_no_error (error);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_FOLLOW_UP, "Gil Prospect");
  assert_section (model, DL_TODAY_COMING_UP, "");
  assert_section (model, DL_TODAY_OVERDUE, "Bea Test");

  /* then Bea is called, and a new member joins: both show */
  {
    g_autoptr(DlTodayItem) bea = g_list_model_get_item (dl_today_model_get_section (model, DL_TODAY_OVERDUE), 0);

    bea_id = dl_today_item_get_person_id (bea);
  }
  undo = dl_today_log_contact (f->store, bea_id, DL_CONTACT_CALL, NULL, "Caught up", &error);
  g_assert_no_error (error);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_OVERDUE, "");
  today_add_member (f, "Dan", f->user, 0, -1);
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_WELCOME, "Dan Test");
  assert_section (model, DL_TODAY_FOLLOW_UP, "Gil Prospect");

  /* the prospects, kept while members come and go, are read again when
   * one of them is renamed */
  {
    g_autoptr(DlPerson) gil = dl_store_get_person (f->store, gil_id);

    dl_person_set_first_name (gil, "Gilberto");
    g_assert_true (dl_store_update_person (f->store, gil, &error));
    g_assert_no_error (error);
  }
  wait_for_refresh (model);
  assert_section (model, DL_TODAY_FOLLOW_UP, "Gilberto Prospect");
  assert_section (model, DL_TODAY_WELCOME, "Dan Test");
}

/* A large file is checked in the background after it opens, at a
 * million members for many seconds: Today is filled at once, not when
 * the check is done, and a passed check changes nothing. */
static void
test_not_waiting_for_check (TodayFixture  *f,
                            gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  populate (f);
  g_clear_object (&f->store);

  dl_store_hold_background_checks (TRUE);
  dl_store_set_sync_check_limit (0);
  f->store = dl_store_open (f->path, &error);
  dl_store_set_sync_check_limit (8 * 1024 * 1024);
  g_assert_no_error (error);
  g_assert_false (dl_store_is_verified (f->store));   /* the check waits */

  model = dl_today_model_new (f->store);
  dl_today_model_set_today (model, f->today);
  g_assert_false (dl_store_is_verified (f->store));
  assert_section (model, DL_TODAY_OVERDUE, "Bea Test");
  g_assert_cmpuint (dl_today_model_get_n_open (model), ==, 4);

  dl_store_hold_background_checks (FALSE);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!dl_store_is_verified (f->store) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (dl_store_is_verified (f->store));
  g_assert_cmpuint (dl_today_model_get_n_open (model), ==, 4);
}

static char *
plan_names (DlTodayModel *model)
{
  GListModel *plan = dl_today_model_get_plan (model);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (plan, i);

      g_string_append_printf (s, "%s%s", s->len ? " " : "", dl_today_item_get_name (item));
    }
  return g_string_free (s, FALSE);
}

static DlTodayItem *
find_in_plan (DlTodayModel *model,
              gint64        person_id)
{
  GListModel *plan = dl_today_model_get_plan (model);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (plan, i);

      if (dl_today_item_get_person_id (item) == person_id)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static DlTodayItem *
find_named (DlTodayModel *model,
            const char   *name)
{
  GListModel *plan = dl_today_model_get_plan (model);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (plan, i);

      if (g_strcmp0 (dl_today_item_get_name (item), name) == 0)
        return g_steal_pointer (&item);
    }
  return NULL;
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
wait_while_loading (DlTodayModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (dl_today_model_get_loading (model) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (dl_today_model_get_loading (model));
}

/* The downline is read in a thread, never on the window's: the model
 * says it is loading, shows nobody rather than a wrong "nobody is due",
 * and fills once the read is done.  A member added later is planned
 * without going back to "loading" (the old plan stays until the new
 * one is there), and a contact, which the kept tree takes as a patch,
 * is planned at once, with no read at all. */
static void
test_read_in_thread (TodayFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(DlTree) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *names = NULL;
  g_autoptr(DlTodayItem) bea = NULL;
  g_autoptr(DlTodayItem) dan = NULL;
  guint n_loading = 0;
  gint64 deadline;
  gint64 hal;

  populate (f);
  g_assert_null (dl_store_peek_kept_tree (f->store));

  /* the fixture holds the clock on today: the model follows it */
  model = dl_today_model_new (f->store);
  g_signal_connect (model, "notify::loading", G_CALLBACK (on_notify_count_cb), &n_loading);
  g_assert_true (dl_today_model_get_loading (model));
  g_assert_cmpuint (g_list_model_get_n_items (dl_today_model_get_plan (model)), ==, 0);
  /* nothing was read here: the store keeps no tree yet */
  g_assert_null (dl_store_peek_kept_tree (f->store));

  wait_while_loading (model);
  g_assert_cmpuint (n_loading, ==, 1);
  names = plan_names (model);
  g_assert_nonnull (strstr (names, "Bea Test"));
  g_assert_nonnull (strstr (names, "Dan Test"));
  g_assert_null (strstr (names, "Hal Test"));
  kept = dl_store_peek_kept_tree (f->store);
  g_assert_nonnull (kept);
  g_clear_pointer (&kept, dl_tree_unref);

  /* a new member: read again in the thread, the plan kept meanwhile,
   * and the rows of everyone else kept as they were (the same items),
   * though the tree they were planned from is a new one */
  bea = find_named (model, "Bea Test");
  dan = find_named (model, "Dan Test");
  g_assert_nonnull (bea);
  g_assert_nonnull (dan);
  hal = today_add_member (f, "Hal", f->user, 0, -1);
  g_assert_null (dl_store_peek_kept_tree (f->store));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&names, g_free);
      g_main_context_iteration (NULL, TRUE);
      g_assert_false (dl_today_model_get_loading (model));
      g_assert_cmpuint (g_list_model_get_n_items (dl_today_model_get_plan (model)), >, 0);
      names = plan_names (model);
    }
  while (strstr (names, "Hal Test") == NULL && g_get_monotonic_time () < deadline);
  g_assert_nonnull (strstr (names, "Hal Test"));
  g_assert_cmpuint (n_loading, ==, 1);
  {
    g_autoptr(DlTodayItem) bea_now = find_named (model, "Bea Test");
    g_autoptr(DlTodayItem) dan_now = find_named (model, "Dan Test");
    DlRiskBand band;

    g_assert_true (bea_now == bea);
    g_assert_true (dan_now == dan);
    /* and it reads its risk in the new tree */
    g_assert_true (dl_today_item_get_risk (bea_now, &band, NULL));
  }

  /* a contact: planned from the patched tree, before any idle */
  {
    g_autoptr(DlTodayItem) item = find_in_plan (model, hal);

    g_assert_nonnull (item);
  }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(DlInteraction) call = dl_store_add_interaction (f->store, hal, DL_CONTACT_CALL, now,
                                                              "Welcome", &error);

    g_assert_no_error (error);
    g_assert_nonnull (call);
  }
  kept = dl_store_peek_kept_tree (f->store);
  g_assert_nonnull (kept);
  wait_for_refresh (model);
  g_assert_false (dl_today_model_get_loading (model));
  {
    g_autoptr(DlTodayItem) item = find_in_plan (model, hal);
    DlTaskState state = DL_TASK_OPEN;

    g_assert_nonnull (item);
    dl_today_item_get_task (item, NULL, &state);
    g_assert_cmpint (state, ==, DL_TASK_DONE);
  }
}

static gboolean
no_kept_tree (DlStore *store)
{
  g_autoptr(DlTree) tree = dl_store_peek_kept_tree (store);

  return tree == NULL;
}

/* A model let go while the downline is read (the window closed, another
 * file opened) goes at once, and the read's end finds nothing to do. */
static void
test_dropped_while_reading (TodayFixture  *f,
                            gconstpointer  data)
{
  DlTodayModel *model;
  gint64 deadline;

  populate (f);
  model = dl_today_model_new (f->store);
  g_assert_true (dl_today_model_get_loading (model));
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  g_object_unref (model);
  g_assert_null (model);

  /* the read ends, kept by the store, with no model to plan */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && no_kept_tree (f->store))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (no_kept_tree (f->store));
}

/* Today's number of contacts changed and changed back before the plan
 * for the first change came from its thread: the last choice holds, in
 * the settings and in the plan. */
static void
test_capacity_back_and_forth (TodayFixture  *f,
                              gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  guint first;
  gint64 deadline;

  populate (f);
  model = dl_today_model_new (f->store);
  wait_while_loading (model);
  first = dl_today_model_get_capacity (model);
  g_assert_cmpuint (dl_today_model_get_day_plan (model)->capacity, ==, first);

  dl_today_model_set_capacity_for_today (model, first + 1);
  g_assert_cmpuint (dl_today_model_get_capacity (model), ==, first + 1);
  dl_today_model_set_capacity_for_today (model, first);
  g_assert_cmpuint (dl_today_model_get_capacity (model), ==, first);

  /* the plans for both come and go */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, g_main_context_pending (NULL));
  g_assert_cmpuint (dl_today_model_get_capacity (model), ==, first);
  g_assert_cmpuint (dl_today_model_get_day_plan (model)->capacity, ==, first);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/today/model/not-waiting-for-check", TodayFixture, NULL,
              today_fixture_set_up, test_not_waiting_for_check, today_fixture_tear_down);
  g_test_add ("/today/model/read-in-thread", TodayFixture, NULL,
              today_fixture_set_up, test_read_in_thread, today_fixture_tear_down);
  g_test_add ("/today/model/dropped-while-reading", TodayFixture, NULL,
              today_fixture_set_up, test_dropped_while_reading, today_fixture_tear_down);
  g_test_add ("/today/model/capacity-back-and-forth", TodayFixture, NULL,
              today_fixture_set_up, test_capacity_back_and_forth, today_fixture_tear_down);
  g_test_add ("/today/model/sections", TodayFixture, NULL,
              today_fixture_set_up, test_sections, today_fixture_tear_down);
  g_test_add ("/today/model/board-then-member", TodayFixture, NULL,
              today_fixture_set_up, test_board_then_member, today_fixture_tear_down);
  g_test_add ("/today/model/log-and-undo", TodayFixture, NULL,
              today_fixture_set_up, test_log_and_undo, today_fixture_tear_down);
  g_test_add ("/today/model/snooze-and-undo", TodayFixture, NULL,
              today_fixture_set_up, test_snooze_and_undo, today_fixture_tear_down);
  g_test_add ("/today/model/snooze-not-now", TodayFixture, NULL,
              today_fixture_set_up, test_snooze_not_now, today_fixture_tear_down);
  g_test_add ("/today/model/cadence-settings", TodayFixture, NULL,
              today_fixture_set_up, test_cadence_settings, today_fixture_tear_down);

  return g_test_run ();
}

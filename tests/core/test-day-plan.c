/* test-day-plan.c — Today's plan: capacity, order, reasons, roll-ups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every date is written out.  "Today" is Tuesday 2026-03-10 unless a
 * test says otherwise; the expected order follows the tiers documented
 * in dl-today.h: welcomes, first-weeks touchpoints, upline welcomes,
 * events, high-risk check-ins, ordinary check-ins (most overdue first),
 * follow-ups.
 */

#include <glib.h>
#include <string.h>

#include "dl-day.h"
#include "dl-today.h"

#define USER_ID 1

typedef struct
{
  gint64       id;
  gint64       sponsor;
  const char  *name;
  const char  *joined;
  const char  *contact;     /* NULL: never */
  const char  *activity;    /* NULL: the joining day */
  const char  *snoozed;     /* NULL: not snoozed */
} Row;

/*  You
 *   ├─ Ana  joined 2026-03-09, never contacted            → welcome
 *   ├─ Bob  joined 2026-03-03, contacted 03-04             → first-weeks, day 7
 *   │   ├─ Cid joined 2026-03-08, never contacted          → upline welcome
 *   │   └─ Fay joined 2025-01-01, contacted 02-01 (30 d)   → check-in 7 days late, low risk
 *   ├─ Dee  joined 2023-01-15, never contacted (imported)  → expired check-in: rolls up
 *   ├─ Eve  joined 2026-01-01, contacted 02-14, no orders  → check-in 10 days late, high risk
 *   ├─ Gus  joined 2024-05-01, contacted 02-22             → check-in 2 days late
 *   ├─ Hal  joined 2024-05-01, contacted 02-24             → check-in due today
 *   └─ Ivy  joined 2024-01-01, contacted 03-01             → due 03-15: the week view
 */
static const Row team[] = {
  { 2, USER_ID, "Ana", "2026-03-09", NULL,         NULL,         NULL },
  { 3, USER_ID, "Bob", "2026-03-03", "2026-03-04", NULL,         NULL },
  { 4, 3,       "Cid", "2026-03-08", NULL,         NULL,         NULL },
  { 7, 3,       "Fay", "2025-01-01", "2026-02-01", "2026-03-01", NULL },
  { 5, USER_ID, "Dee", "2023-01-15", NULL,         "2026-03-01", NULL },
  { 6, USER_ID, "Eve", "2026-01-01", "2026-02-14", NULL,         NULL },
  { 8, USER_ID, "Gus", "2024-05-01", "2026-02-22", "2026-03-01", NULL },
  { 9, USER_ID, "Hal", "2024-05-01", "2026-02-24", "2026-03-01", NULL },
  { 10, USER_ID, "Ivy", "2024-01-01", "2026-03-01", "2026-03-01", NULL },
};

static DlDay
d (const char *iso)
{
  return iso != NULL ? dl_day_from_iso (iso) : DL_DAY_NONE;
}

static DlTree *
build (const Row *rows,
       guint      n_rows)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n_rows + 1);
  g_autoptr(GError) error = NULL;
  DlTreeNode user = { 0, };
  DlTree *tree;

  user.person_id = USER_ID;
  user.name = "You";
  user.joined_on = d ("2020-01-01");
  dl_tree_builder_add (builder, &user);
  for (guint i = 0; i < n_rows; i++)
    {
      DlTreeNode row = { 0, };

      row.person_id = rows[i].id;
      row.sponsor_id = rows[i].sponsor;
      row.name = rows[i].name;
      row.joined_on = d (rows[i].joined);
      row.last_contact = d (rows[i].contact);
      row.last_activity = rows[i].activity != NULL ? d (rows[i].activity) : row.joined_on;
      row.snoozed_until = d (rows[i].snoozed);
      row.status = DL_MEMBER_ACTIVE;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, USER_ID, &error);
  g_assert_no_error (error);
  return tree;
}

static void
make_prospects (DlTodayProspect out[2])
{
  memset (out, 0, 2 * sizeof out[0]);
  out[0].person_id = 20;
  out[0].name = "Pia";
  out[0].facts.stage_kind = DL_STAGE_OPEN;
  out[0].facts.stale_after_days = 14;
  out[0].facts.next_follow_up = d ("2026-03-08");
  out[1].person_id = 21;
  out[1].name = "Quinn";
  out[1].facts.stage_kind = DL_STAGE_OPEN;
  out[1].facts.stale_after_days = 14;
  out[1].facts.next_follow_up = d ("2026-03-10");
}

/* "kind:Name" of every task, then "| kind:count/per-day" per roll-up. */
static char *
plan_string (const DlDayPlan *plan)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DlTask *t = &g_array_index (plan->tasks, DlTask, i);

      g_string_append_printf (s, "%s%s:%s%s", s->len ? " " : "", dl_task_kind_to_string (t->kind), t->name,
                              t->state == DL_TASK_DONE ? "(done)" : t->state == DL_TASK_CLEARED ? "(cleared)" : "");
    }
  for (guint i = 0; i < plan->rollups->len; i++)
    {
      const DlRollup *r = &g_array_index (plan->rollups, DlRollup, i);

      g_string_append_printf (s, " | %s:%u/%u", dl_task_kind_to_string (r->kind), r->count, r->per_day);
    }
  return g_string_free (s, FALSE);
}

#define assert_plan(plan, expected) G_STMT_START { \
  g_autofree char *got_ = plan_string (plan); \
  g_assert_cmpstr (got_, ==, (expected)); \
} G_STMT_END

/* The task of that name; a failure, and an empty task, when missing. */
static const DlTask *
find_task (const DlDayPlan *plan,
           const char      *name)
{
  static const DlTask missing = { .name = "(missing)", .kind = DL_TASK_N_KINDS };

  for (guint i = 0; i < plan->tasks->len; i++)
    if (g_str_equal (g_array_index (plan->tasks, DlTask, i).name, name))
      return &g_array_index (plan->tasks, DlTask, i);
  return &missing;
}

static gboolean
has_task (const DlDayPlan *plan,
          const char      *name)
{
  return find_task (plan, name)->kind != DL_TASK_N_KINDS;
}

static void
test_order (void)
{
  g_autoptr(DlTree) tree = build (team, G_N_ELEMENTS (team));
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  DlTodayProspect prospects[2];
  DlPlanOptions options = { 0, };

  make_prospects (prospects);
  options.started_on = d ("2026-01-01");
  dl_day_plan_build (plan, tree, NULL, prospects, 2, &options, d ("2026-03-10"));

  /* Eve's risk puts her before Fay, who is as late but low-risk; Dee,
   * imported and never contacted, is neither a welcome nor in the plan:
   * her check-in is years late and has expired into the roll-up */
  assert_plan (plan, "welcome:Ana first-weeks:Bob upline-welcome:Cid check-in:Eve "
                     "check-in:Fay check-in:Gus check-in:Hal follow-up:Pia follow-up:Quinn"
                     " | check-in:1/1");
  g_assert_cmpuint (find_task (plan, "Eve")->risk_band, ==, DL_RISK_HIGH);
  g_assert_cmpuint (find_task (plan, "Fay")->risk_band, ==, DL_RISK_LOW);
  g_assert_false (has_task (plan, "Dee"));
  g_assert_cmpuint (plan->n_done, ==, 0);
  /* the week: Ivy's check-in on 2026-03-15 (the 5th day ahead), Ana's
   * day-2 touchpoint on 03-11, Bob's next touchpoint is on day 30 */
  g_assert_cmpuint (plan->week[4], ==, 1);
  g_assert_cmpuint (plan->week_kinds[4][DL_TASK_CHECK_IN], ==, 1);
  {
    guint n = 0;
    const DlTask *rolled = dl_day_plan_get_rollup_tasks (plan, DL_TASK_CHECK_IN, &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (rolled[0].name, ==, "Dee");
  }
}

/* A snooze sets every kind aside until its day, welcomes and first-weeks
 * touchpoints too; once it has passed they are owed again. */
static void
test_snoozed (void)
{
  Row rows[G_N_ELEMENTS (team)];
  DlPlanOptions options = { 0, };

  memcpy (rows, team, sizeof rows);
  rows[0].snoozed = "2026-03-12";   /* Ana's welcome */
  rows[1].snoozed = "2026-03-12";   /* Bob's day-7 touchpoint */
  options.started_on = d ("2026-01-01");
  {
    g_autoptr(DlTree) tree = build (rows, G_N_ELEMENTS (rows));
    g_autoptr(DlDayPlan) plan = dl_day_plan_new ();

    dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
    g_assert_false (has_task (plan, "Ana"));
    g_assert_false (has_task (plan, "Bob"));
    g_assert_true (has_task (plan, "Cid"));
  }
  {
    g_autoptr(DlTree) tree = build (rows, G_N_ELEMENTS (rows));
    g_autoptr(DlDayPlan) plan = dl_day_plan_new ();

    dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-12"));
    g_assert_cmpint (find_task (plan, "Ana")->kind, ==, DL_TASK_WELCOME);
  }
}

/* A capacity of 5: the first five by the same order; the rest rolls up,
 * with a pace that clears it in six weeks. */
static void
test_capacity (void)
{
  g_autoptr(DlTree) tree = build (team, G_N_ELEMENTS (team));
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  DlTodayProspect prospects[2];
  DlPlanOptions options = { 0, };

  make_prospects (prospects);
  options.started_on = d ("2026-01-01");
  options.capacity = 5;
  dl_day_plan_build (plan, tree, NULL, prospects, 2, &options, d ("2026-03-10"));

  assert_plan (plan, "welcome:Ana first-weeks:Bob upline-welcome:Cid check-in:Eve check-in:Fay"
                     " | check-in:3/1 | follow-up:2/1");
  {
    guint n = 0;
    const DlTask *rolled = dl_day_plan_get_rollup_tasks (plan, DL_TASK_CHECK_IN, &n);

    /* the timely ones first, the expired one last */
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpstr (rolled[0].name, ==, "Gus");
    g_assert_cmpstr (rolled[1].name, ==, "Hal");
    g_assert_cmpstr (rolled[2].name, ==, "Dee");
  }
  {
    DlRollup big = { DL_TASK_CHECK_IN, 212, (212 + DL_TODAY_CATCH_UP_DAYS - 1) / DL_TODAY_CATCH_UP_DAYS };
    DlRollup one = { DL_TASK_FOLLOW_UP, 1, 1 };
    g_autofree char *text = dl_rollup_describe (&big);
    g_autofree char *text1 = dl_rollup_describe (&one);

    g_assert_cmpstr (text, ==, "212 more check-ins are overdue — catch up 6 a day");
    g_assert_cmpstr (text1, ==, "1 more follow-up is due — catch up 1 a day");
  }
  {
    g_autofree char *counts = dl_day_plan_describe_counts (plan);

    g_assert_cmpstr (counts, ==, "1 welcome, 1 first-weeks call, 1 upline welcome, 2 check-ins");
  }
}

/* Members who were in the business before the user started are not
 * "never welcomed".  Kim joined 2026-03-01 and was never contacted:
 * with Downline in use since January she is owed a (late) welcome; if
 * the user only started on 2026-03-09 she came with the import, and
 * gets her first-weeks touchpoint of day 7 instead.  Cid, who joined the
 * day before the start (within 72 hours of it), still gets his upline
 * welcome. */
static void
test_imported (void)
{
  static const Row rows[] = {
    { 3,  USER_ID, "Bob", "2024-03-03", "2026-03-04", NULL, NULL },
    { 4,  3,       "Cid", "2026-03-08", NULL,         NULL, NULL },
    { 11, USER_ID, "Kim", "2026-03-01", NULL,         NULL, NULL },
    { 12, USER_ID, "Lee", "2023-06-01", NULL,         NULL, NULL },
  };
  g_autoptr(DlTree) tree = build (rows, G_N_ELEMENTS (rows));
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  DlPlanOptions options = { 0, };

  options.started_on = d ("2026-01-01");
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
  assert_plan (plan, "welcome:Kim upline-welcome:Cid | check-in:1/1");
  {
    g_autofree char *why = dl_task_describe (find_task (plan, "Kim"), d ("2026-03-10"));

    g_assert_cmpstr (why, ==, "Joined 9 days ago and not welcomed yet — a late welcome still beats none");
  }

  options.started_on = d ("2026-03-09");
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
  assert_plan (plan, "first-weeks:Kim upline-welcome:Cid | check-in:1/1");

  /* the same on the command line's default: started today */
  options.started_on = DL_DAY_NONE;
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
  assert_plan (plan, "first-weeks:Kim upline-welcome:Cid | check-in:1/1");

  /* a welcome's 72 hours, then its last day, then late */
  {
    DlTask t = { 0, };
    g_autofree char *a = NULL, *b = NULL, *c = NULL;

    t.kind = DL_TASK_WELCOME;
    t.joined_on = d ("2026-03-10");
    a = dl_task_describe (&t, d ("2026-03-10"));
    b = dl_task_describe (&t, d ("2026-03-13"));
    c = dl_task_describe (&t, d ("2026-03-14"));
    g_assert_cmpstr (a, ==, "Joined today — welcome them within 72 hours (3 days left)");
    g_assert_cmpstr (b, ==, "Joined 3 days ago — the last day to welcome them within 72 hours");
    g_assert_cmpstr (c, ==, "Joined 4 days ago and not welcomed yet — a late welcome still beats none");
  }
  /* 31 days after joining it is no welcome any more: a check-in */
  options.started_on = d ("2026-01-01");
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-04-01"));
  g_assert_cmpuint (find_task (plan, "Kim")->kind, ==, DL_TASK_FIRST_WEEKS);
}

/* Logging a contact or snoozing does not reshuffle the day: with the
 * morning's plan pinned, Bob (contacted) and Gus (snoozed) keep their
 * places, marked; a member who joins at noon waits at the end. */
static void
test_stable (void)
{
  g_autoptr(DlTree) tree = build (team, G_N_ELEMENTS (team));
  g_autoptr(DlTree) noon = NULL;
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  g_autoptr(DlDayPlan) later = dl_day_plan_new ();
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (DlTaskKey));
  Row changed[G_N_ELEMENTS (team) + 1];
  DlTodayProspect prospects[2];
  DlPlanOptions options = { 0, };

  make_prospects (prospects);
  options.started_on = d ("2026-01-01");
  options.capacity = 6;
  dl_day_plan_build (plan, tree, NULL, prospects, 2, &options, d ("2026-03-10"));
  assert_plan (plan, "welcome:Ana first-weeks:Bob upline-welcome:Cid check-in:Eve check-in:Fay check-in:Gus"
                     " | check-in:2/1 | follow-up:2/1");
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DlTask *t = &g_array_index (plan->tasks, DlTask, i);
      DlTaskKey key = { t->person_id, t->kind };

      g_array_append_val (keys, key);
    }

  memcpy (changed, team, sizeof team);
  changed[1].contact = "2026-03-10";        /* Bob */
  changed[6].snoozed = "2026-03-12";        /* Gus */
  changed[G_N_ELEMENTS (team)] = (Row) { 30, USER_ID, "Zed", "2026-03-10", NULL, NULL, NULL };
  noon = build (changed, G_N_ELEMENTS (changed));

  /* without the morning's plan, the day would reshuffle */
  dl_day_plan_build (later, noon, NULL, prospects, 2, &options, d ("2026-03-10"));
  assert_plan (later, "welcome:Ana welcome:Zed upline-welcome:Cid check-in:Eve check-in:Fay check-in:Hal"
                      " | check-in:1/1 | follow-up:2/1");

  options.pinned = (const DlTaskKey *) (gpointer) keys->data;
  options.n_pinned = keys->len;
  dl_day_plan_build (later, noon, NULL, prospects, 2, &options, d ("2026-03-10"));
  assert_plan (later, "welcome:Ana first-weeks:Bob(done) upline-welcome:Cid check-in:Eve check-in:Fay "
                      "check-in:Gus(cleared) | welcome:1/1 | check-in:2/1 | follow-up:2/1");
  g_assert_cmpuint (later->n_done, ==, 2);

  /* check-ins switched off at noon: they leave the morning's plan */
  {
    DlPlanOptions off = options;
    g_autoptr(DlDayPlan) fewer = dl_day_plan_new ();

    off.kinds_off = 1u << DL_TASK_CHECK_IN;
    dl_day_plan_build (fewer, noon, NULL, prospects, 2, &off, d ("2026-03-10"));
    g_assert_false (has_task (fewer, "Eve"));
    g_assert_false (has_task (fewer, "Gus"));
    g_assert_true (has_task (fewer, "Ana"));
  }

  /* more room today: Zed joins the end, nothing moves */
  options.capacity = 8;
  dl_day_plan_build (later, noon, NULL, prospects, 2, &options, d ("2026-03-10"));
  assert_plan (later, "welcome:Ana first-weeks:Bob(done) upline-welcome:Cid check-in:Eve check-in:Fay "
                      "check-in:Gus(cleared) welcome:Zed check-in:Hal | check-in:1/1 | follow-up:2/1");
}

/* Back-office events (the monthly import's, dl-events.h) as the plan
 * receives them. */
static void
test_events (void)
{
  g_autoptr(DlTree) tree = build (team, G_N_ELEMENTS (team));
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  DlPlanOptions options = { 0, };
  const DlPlanEvent events[] = {
    { 8, DL_EVENT_AUTOSHIP_CANCELLED, d ("2026-03-07") },   /* Gus: a call */
    { 8, DL_EVENT_RANK_UP, d ("2026-03-08") },              /* Gus again: the cancellation weighs more */
    { 7, DL_EVENT_RANK_UP, d ("2026-03-09") },              /* Fay: switched off below */
    { 9, DL_EVENT_RANK_DOWN, d ("2026-01-02") },            /* Hal: too long ago */
    { 10, DL_EVENT_VOLUME_DROP, d ("2026-02-28") },         /* Ivy: contacted since (03-01) */
    { 99, DL_EVENT_BECAME_INACTIVE, d ("2026-03-09") },     /* nobody we know */
  };

  options.started_on = d ("2026-01-01");
  options.events = events;
  options.n_events = G_N_ELEMENTS (events);
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
  assert_plan (plan, "welcome:Ana first-weeks:Bob upline-welcome:Cid event:Gus event:Fay check-in:Eve "
                     "check-in:Hal | check-in:1/1");
  {
    g_autofree char *why = dl_task_describe (find_task (plan, "Gus"), d ("2026-03-10"));
    g_autofree char *fay = dl_task_describe (find_task (plan, "Fay"), d ("2026-03-10"));

    g_assert_cmpstr (why, ==, "Cancelled their autoship 3 days ago — a supportive call before they drift away");
    g_assert_cmpstr (fay, ==, "Reached a new rank yesterday — congratulate them");
    /* the letter that suits each: a congratulation for the rank */
    g_assert_cmpstr (dl_task_get_letter (DL_TASK_EVENT, find_task (plan, "Fay")->event_kind), ==, "congratulations");
    g_assert_cmpstr (dl_task_get_letter (DL_TASK_EVENT, find_task (plan, "Gus")->event_kind), ==, "check-in");
    g_assert_null (dl_task_get_letter (DL_TASK_FOLLOW_UP, 0));
  }

  /* rank-ups switched off in Preferences, then events altogether */
  options.events_off = 1u << DL_EVENT_RANK_UP;
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
  assert_plan (plan, "welcome:Ana first-weeks:Bob upline-welcome:Cid event:Gus check-in:Eve "
                     "check-in:Fay check-in:Hal | check-in:1/1");
  options.kinds_off = 1u << DL_TASK_EVENT | 1u << DL_TASK_UPLINE_WELCOME;
  dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
  assert_plan (plan, "welcome:Ana first-weeks:Bob check-in:Eve check-in:Fay check-in:Gus check-in:Hal"
                     " | check-in:1/1");

  /* a personal recruit's news comes before a second-level member's
   * graver one: Fay's cancelled autoship is first Bob's call */
  {
    const DlPlanEvent near_far[] = {
      { 7, DL_EVENT_AUTOSHIP_CANCELLED, d ("2026-03-09") },  /* Fay, level 2 */
      { 6, DL_EVENT_RANK_UP, d ("2026-03-09") },             /* Eve, level 1 */
    };

    memset (&options, 0, sizeof options);
    options.started_on = d ("2026-01-01");
    options.events = near_far;
    options.n_events = G_N_ELEMENTS (near_far);
    dl_day_plan_build (plan, tree, NULL, NULL, 0, &options, d ("2026-03-10"));
    assert_plan (plan, "welcome:Ana first-weeks:Bob upline-welcome:Cid event:Eve event:Fay "
                       "check-in:Gus check-in:Hal | check-in:1/1");
  }

  /* the morning's event task, answered by a call at noon: done in its
   * place, and still described (its event no longer pending) */
  {
    const DlTaskKey pinned[] = { { 7, DL_TASK_EVENT } };
    Row called[G_N_ELEMENTS (team)];
    g_autoptr(DlTree) noon = NULL;
    g_autofree char *why = NULL;

    memcpy (called, team, sizeof called);
    called[3].contact = "2026-03-10";   /* Fay */
    noon = build (called, G_N_ELEMENTS (called));
    /* the morning's events are gone from the options, as the month's
     * answered ones are (and the array above is out of scope) */
    options.events = NULL;
    options.n_events = 0;
    options.pinned = pinned;
    options.n_pinned = G_N_ELEMENTS (pinned);
    dl_day_plan_build (plan, noon, NULL, NULL, 0, &options, d ("2026-03-10"));
    g_assert_cmpint (find_task (plan, "Fay")->kind, ==, DL_TASK_EVENT);
    g_assert_cmpint (find_task (plan, "Fay")->state, ==, DL_TASK_DONE);
    why = dl_task_describe (find_task (plan, "Fay"), d ("2026-03-10"));
    g_assert_cmpstr (why, ==, "Something changed in their business — a call to hear how they are");
  }
}

static void
test_describe (void)
{
  g_autoptr(DlTree) tree = build (team, G_N_ELEMENTS (team));
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  DlTodayProspect prospects[2];
  DlPlanOptions options = { 0, };
  DlDay today = d ("2026-03-10");
  struct { const char *name; const char *text; } expected[] = {
    { "Ana", "Joined yesterday — welcome them within 72 hours (2 days left)" },
    { "Bob", "Day 7 since joining — one week in: check the first order and the next step" },
    { "Cid", "Joined 2 days ago under Bob — welcome them as their upline, so they know who stands behind their sponsor" },
    { "Fay", "Check-in 7 days late — last contact 37 days ago, every 30 days" },
    { "Hal", "Check-in due today — last contact 14 days ago, every 14 days" },
    { "Pia", "Follow-up was due 2 days ago" },
    { "Quinn", "Follow-up planned for today" },
  };

  make_prospects (prospects);
  options.started_on = d ("2026-01-01");
  dl_day_plan_build (plan, tree, NULL, prospects, 2, &options, today);
  for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
    {
      g_autofree char *text = NULL;

      g_assert_true (has_task (plan, expected[j].name));
      text = dl_task_describe (find_task (plan, expected[j].name), today);

      g_assert_cmpstr (text, ==, expected[j].text);
    }
  {
    const DlTask *eve = find_task (plan, "Eve");
    g_autofree char *text = dl_task_describe (eve, today);
    g_autofree char *expected_eve = g_strdup_printf ("High dropout risk (%u of 100), your personal recruit — "
                                                     "Check-in 10 days late, last contact 24 days ago",
                                                     (guint) eve->risk_score);

    g_assert_cmpuint (eve->risk_score, >=, 60);
    g_assert_cmpstr (text, ==, expected_eve);
  }
  /* every task of the plan has its reason */
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      g_autofree char *text = dl_task_describe (&g_array_index (plan->tasks, DlTask, i), today);

      g_assert_true (text != NULL && text[0] != '\0');
    }
}

static void
test_empty (void)
{
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();

  dl_day_plan_build (plan, NULL, NULL, NULL, 0, NULL, d ("2026-03-10"));
  g_assert_cmpuint (plan->tasks->len, ==, 0);
  g_assert_cmpuint (plan->rollups->len, ==, 0);
  g_assert_cmpuint (plan->capacity, ==, DL_TODAY_DEFAULT_CAPACITY);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/core/day-plan/order", test_order);
  g_test_add_func ("/core/day-plan/capacity", test_capacity);
  g_test_add_func ("/core/day-plan/snoozed", test_snoozed);
  g_test_add_func ("/core/day-plan/imported", test_imported);
  g_test_add_func ("/core/day-plan/stable", test_stable);
  g_test_add_func ("/core/day-plan/events", test_events);
  g_test_add_func ("/core/day-plan/describe", test_describe);
  g_test_add_func ("/core/day-plan/empty", test_empty);

  return g_test_run ();
}

/* test-today-plan.c — the Today list's sections, order and progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected sections and days are worked out by hand from the cadence
 * rules in DESIGN.md (7 days while new, 14 for personal recruits, 30 for
 * the second level and for members whose sponsor is away, overrides,
 * snoozes, welcomes), then the clock is moved across day boundaries,
 * including a month end and a leap day.
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
  int          joined;     /* days before base */
  int          contact;    /* days before base, or NO */
  int          snoozed;    /* days after base, or NO */
  guint8       status;
  guint16      override;
} Row;

#define NO G_MININT

static DlDay base;

static DlDay
rel (int days_before)
{
  return days_before == NO ? DL_DAY_NONE : base - days_before;
}

/*  You
 *   ├─ Ana     new: joined 10 days ago, contacted 7 days ago   → 7-day cadence, due today
 *   │   └─ Ben level 2: contacted 25 days ago                  → 30 days, due in 5
 *   │       └─ Cy level 3, sponsor Ben active                  → Ben's job: never listed
 *   ├─ Dee     joined 200 days ago, contacted 20 days ago      → 14 days, 6 days overdue
 *   │   └─ Eve level 2, contacted 31 days ago                  → 30 days, 1 day overdue
 *   ├─ Fay     inactive, joined 300 days ago, contacted 40 ago → 14 days, 26 overdue
 *   │   └─ Gus level 2 under Fay                               → 30 days, contacted 29 ago: due tomorrow
 *   │       └─ Hal level 3 under Gus; Gus inactive              → Hal is the user's: 30 days
 *   ├─ Ivy     joined 1 day ago, no contact                    → not welcomed yet
 *   ├─ Jon     override 3 days, contacted 3 days ago           → due today
 *   ├─ Kim     contacted 30 days ago, snoozed for 2 days       → coming up in 2
 *   ├─ Lou     dropped                                         → never listed
 *   └─ Max     contacted today, cadence 14                     → done today, due in 14
 */
static const Row rows[] = {
  { 2,  USER_ID, "Ana",  10,  7,  NO, DL_MEMBER_ACTIVE,   0 },
  { 3,  2,       "Ben", 200, 25,  NO, DL_MEMBER_ACTIVE,   0 },
  { 4,  3,       "Cy",  200, 90,  NO, DL_MEMBER_ACTIVE,   0 },
  { 5,  USER_ID, "Dee", 200, 20,  NO, DL_MEMBER_ACTIVE,   0 },
  { 6,  5,       "Eve", 200, 31,  NO, DL_MEMBER_ACTIVE,   0 },
  { 7,  USER_ID, "Fay", 300, 40,  NO, DL_MEMBER_INACTIVE, 0 },
  { 8,  7,       "Gus", 300, 29,  NO, DL_MEMBER_INACTIVE, 0 },
  { 9,  8,       "Hal", 300, 35,  NO, DL_MEMBER_ACTIVE,   0 },
  { 10, USER_ID, "Ivy",   1, NO,  NO, DL_MEMBER_ACTIVE,   0 },
  { 11, USER_ID, "Jon", 400,  3,  NO, DL_MEMBER_ACTIVE,   3 },
  { 12, USER_ID, "Kim", 400, 30,   2, DL_MEMBER_ACTIVE,   0 },
  { 13, USER_ID, "Lou", 400, 300, NO, DL_MEMBER_DROPPED,  0 },
  { 14, USER_ID, "Max", 400,  0,  NO, DL_MEMBER_ACTIVE,   0 },
};

static DlTree *
build_tree (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (G_N_ELEMENTS (rows) + 1);
  g_autoptr(GError) error = NULL;
  DlTreeNode user = { 0, };
  DlTree *tree;

  user.person_id = USER_ID;
  user.name = "You";
  user.joined_on = base - 3000;
  dl_tree_builder_add (builder, &user);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      DlTreeNode row = { 0, };

      row.person_id = rows[i].id;
      row.sponsor_id = rows[i].sponsor;
      row.name = rows[i].name;
      row.joined_on = rel (rows[i].joined);
      row.last_activity = row.joined_on;
      row.last_contact = rel (rows[i].contact);
      row.snoozed_until = rows[i].snoozed == NO ? DL_DAY_NONE : base + rows[i].snoozed;
      row.status = rows[i].status;
      row.cadence_override = rows[i].override;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, USER_ID, &error);
  g_assert_no_error (error);
  return tree;
}

/* Prospects: Pia's follow-up was yesterday; Quinn's was yesterday but she
 * was called today (done); Rae's is in 3 days; Sam's stage is "not now"
 * with a revisit day today and a later follow-up; Tom has nothing
 * scheduled; Uma joined (never listed). */
static void
make_prospects (DlTodayProspect out[6])
{
  static const struct { gint64 id; const char *name; DlStageKind kind; int follow; int revisit; int contact; } p[6] = {
    { 20, "Pia",   DL_STAGE_OPEN,    -1, NO,  5 },
    { 21, "Quinn", DL_STAGE_OPEN,    -1, NO,  0 },
    { 22, "Rae",   DL_STAGE_OPEN,     3, NO, NO },
    { 23, "Sam",   DL_STAGE_NOT_NOW, 20,  0, 40 },
    { 24, "Tom",   DL_STAGE_OPEN,    NO, NO, 10 },
    { 25, "Uma",   DL_STAGE_JOINED,  -2, NO, NO },
  };

  for (guint i = 0; i < 6; i++)
    {
      memset (&out[i], 0, sizeof out[i]);
      out[i].person_id = p[i].id;
      out[i].name = p[i].name;
      out[i].facts.stage_kind = p[i].kind;
      out[i].facts.stale_after_days = 14;
      out[i].facts.entered_stage_on = base - 50;
      out[i].facts.last_contact = rel (p[i].contact);
      out[i].facts.next_follow_up = p[i].follow == NO ? DL_DAY_NONE : base + p[i].follow;
      out[i].facts.revisit_on = p[i].revisit == NO ? DL_DAY_NONE : base + p[i].revisit;
    }
}

/* "Name:days_overdue" of one section, joined by spaces. */
static char *
section_string (const DlTodayPlan *plan,
                DlTodaySection     section)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < plan->section_count[section]; i++)
    {
      const DlTodayEntry *e = &g_array_index (plan->entries, DlTodayEntry,
                                              plan->section_start[section] + i);

      g_assert_cmpint (e->section, ==, section);
      g_string_append_printf (s, "%s%s:%d", s->len ? " " : "", e->name, e->days_overdue);
    }
  return g_string_free (s, FALSE);
}

#define assert_section(plan, section, expected) G_STMT_START { \
  g_autofree char *got_ = section_string ((plan), (section)); \
  g_assert_cmpstr (got_, ==, (expected)); \
} G_STMT_END

static void
test_sections (void)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();
  DlTodayProspect prospects[6];

  base = dl_day_from_ymd (2026, 11, 22);
  tree = build_tree ();
  make_prospects (prospects);
  dl_today_plan_compute (plan, tree, NULL, prospects, 6, base);

  assert_section (plan, DL_TODAY_OVERDUE, "Fay:26 Dee:6 Hal:5 Eve:1");
  assert_section (plan, DL_TODAY_DUE_TODAY, "Ana:0 Jon:0");
  assert_section (plan, DL_TODAY_WELCOME, "Ivy:1");
  assert_section (plan, DL_TODAY_FOLLOW_UP, "Pia:1 Sam:0");
  assert_section (plan, DL_TODAY_COMING_UP, "Gus:-1 Kim:-2 Rae:-3 Ben:-5");
  g_assert_cmpuint (plan->n_open, ==, 4 + 2 + 1 + 2);
  /* Max (a member) and Quinn (a prospect) were contacted today */
  g_assert_cmpuint (plan->n_done, ==, 2);
  g_assert_cmpuint (plan->entries->len, ==, 13);
}

/* Moving the clock: tomorrow Ana and Jon are late, Gus is due, Kim's
 * snooze has one day left; six days on, Kim's snooze is over and Ben is
 * late too, the follow-ups have all come, and nothing is left ahead. */
static void
test_day_boundaries (void)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();
  DlTodayProspect prospects[6];

  /* the last day of February in a leap year, then the leap day, then March */
  base = dl_day_from_ymd (2028, 2, 28);
  tree = build_tree ();
  make_prospects (prospects);

  dl_today_plan_compute (plan, tree, NULL, prospects, 6, base + 1);
  assert_section (plan, DL_TODAY_OVERDUE, "Fay:27 Dee:7 Hal:6 Eve:2 Ana:1 Jon:1");
  assert_section (plan, DL_TODAY_DUE_TODAY, "Gus:0");
  assert_section (plan, DL_TODAY_COMING_UP, "Kim:-1 Rae:-2 Ben:-4");
  /* Quinn and Max were contacted yesterday: not done "today" any more */
  g_assert_cmpuint (plan->n_done, ==, 0);

  dl_today_plan_compute (plan, tree, NULL, prospects, 6, base + 6);
  assert_section (plan, DL_TODAY_DUE_TODAY, "");
  assert_section (plan, DL_TODAY_FOLLOW_UP, "Pia:7 Sam:6 Rae:3");
  /* Kim's snooze ended; Max (due in 8 days) is beyond the week */
  assert_section (plan, DL_TODAY_OVERDUE, "Fay:32 Dee:12 Hal:11 Eve:7 Ana:6 Jon:6 Gus:5 Kim:4 Ben:1");
  assert_section (plan, DL_TODAY_COMING_UP, "");
  g_assert_true (dl_day_from_ymd (2028, 3, 1) == base + 2);
}

/* Preferences change the intervals: no weekly rhythm for new members,
 * personal recruits every 10 days, the second level never. */
static void
test_custom_cadence (void)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();
  DlCadence cadence = { 30, 0, 10, 0 };

  base = dl_day_from_ymd (2026, 12, 31);
  tree = build_tree ();
  dl_today_plan_compute (plan, tree, &cadence, NULL, 0, base);

  /* Dee 20 days since, every 10: 10 late; Fay 40 since: 30 late; Ana 7
   * since, every 10: in 3 days; Kim 20 late but snoozed for 2 more days;
   * Ben, Eve, Gus, Hal: nobody's */
  assert_section (plan, DL_TODAY_OVERDUE, "Fay:30 Dee:10");
  assert_section (plan, DL_TODAY_DUE_TODAY, "Jon:0");
  assert_section (plan, DL_TODAY_COMING_UP, "Kim:-2 Ana:-3");
}

static void
test_empty (void)
{
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();

  dl_today_plan_compute (plan, NULL, NULL, NULL, 0, dl_day_from_ymd (2026, 1, 1));
  g_assert_cmpuint (plan->entries->len, ==, 0);
  g_assert_cmpuint (plan->n_open, ==, 0);
  g_assert_cmpuint (plan->n_done, ==, 0);
}

static void
test_describe (void)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();
  DlTodayProspect prospects[6];
  struct { const char *name; const char *text; } expected[] = {
    { "Dee", "20 days since your last contact · check in every 14 days" },
    { "Ivy", "Joined 1 day ago, not welcomed yet" },
    { "Pia", "Follow-up was due yesterday" },
    { "Sam", "Follow-up planned for today" },
    { "Rae", "Follow-up in 3 days" },
    { "Gus", "Check-in due tomorrow" },
    { "Ben", "Check-in due in 5 days" },
  };
  guint found = 0;

  base = dl_day_from_ymd (2026, 11, 22);
  tree = build_tree ();
  make_prospects (prospects);
  dl_today_plan_compute (plan, tree, NULL, prospects, 6, base);

  for (guint i = 0; i < plan->entries->len; i++)
    {
      const DlTodayEntry *e = &g_array_index (plan->entries, DlTodayEntry, i);

      for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
        if (g_str_equal (e->name, expected[j].name))
          {
            g_autofree char *text = dl_today_entry_describe (e, base);

            g_assert_cmpstr (text, ==, expected[j].text);
            found++;
          }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));

  {
    g_autofree char *never = dl_today_describe_last_contact (DL_DAY_NONE, base);
    g_autofree char *ago = dl_today_describe_last_contact (base - 9, base);

    g_assert_cmpstr (never, ==, "Never contacted");
    g_assert_cmpstr (ago, ==, "Last contact 9 days ago");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/today/plan/sections", test_sections);
  g_test_add_func ("/today/plan/day-boundaries", test_day_boundaries);
  g_test_add_func ("/today/plan/custom-cadence", test_custom_cadence);
  g_test_add_func ("/today/plan/empty", test_empty);
  g_test_add_func ("/today/plan/describe", test_describe);

  return g_test_run ();
}

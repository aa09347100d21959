/* test-rules.c — cadence, due dates, dropout risk, activity and staleness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expectations are worked out by hand from DESIGN.md and the constants
 * dl-rules.h documents, never by calling the code under test.  Dates are
 * written as days relative to a fixed "today"; the leap-day and month-end
 * cases use calendar dates.
 */

#include <glib.h>
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-rules.h"
#include "dl-tree.h"

#define NONE DL_TREE_NO_PARENT

static DlDay today;

/* Dates in tables: 0 is "no date", DAY (n) is n days from today. */
#define DAY_BIAS 1000000
#define DAY(n) ((n) + DAY_BIAS)

static DlDay
day_of (int encoded)
{
  return encoded == 0 ? DL_DAY_NONE : today + (encoded - DAY_BIAS);
}

typedef struct
{
  gint64      id;
  gint64      sponsor;
  const char *name;
  int         joined;
  int         activity;
  int         contact;
  int         snoozed;
  guint8      status;
  guint8      role;
  guint16     override;
} Member;

#define USER_ID 1

static DlTree *
build (const Member *members,
       guint         n)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n + 1);
  g_autoptr(GError) error = NULL;
  DlTreeNode user = { 0, };
  DlTree *tree;

  user.person_id = USER_ID;
  user.name = "You";
  user.joined_on = today - 3000;
  user.status = DL_MEMBER_ACTIVE;
  dl_tree_builder_add (builder, &user);

  for (guint i = 0; i < n; i++)
    {
      const Member *m = &members[i];
      DlTreeNode row = { 0, };

      if (m->id == USER_ID)
        continue;

      row.person_id = m->id;
      row.sponsor_id = m->sponsor;
      row.name = m->name != NULL ? m->name : "Someone";
      row.joined_on = day_of (m->joined);
      row.last_activity = day_of (m->activity);
      row.last_contact = day_of (m->contact);
      row.snoozed_until = day_of (m->snoozed);
      row.status = m->status;
      row.role = m->role;
      row.cadence_override = m->override;
      dl_tree_builder_add (builder, &row);
    }

  tree = dl_tree_builder_finish (builder, USER_ID, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree);

  return tree;
}

static guint
index_of (const DlTree *tree,
          gint64        id)
{
  gint64 index = dl_tree_find (tree, id);

  g_assert_cmpint (index, >=, 0);
  return (guint) index;
}

/* ---- cadence --------------------------------------------------------- */

/* One downline covering every cadence rule (level as seen from the user):
 *
 *   1 (you) ─ 2 ─┬─ 3 ─┬─ 4                 deeper, sponsor active
 *                │     ├─ 13                deeper and new
 *                │     └─ 15 (override 21)
 *                ├─ 5 (inactive) ─┬─ 6 ─── 24
 *                │                └─ 14 (new)
 *                ├─ 7 (dropped) ─── 8
 *                └─ 17 (override 3)
 *   plus level-1 members 9–12, 16, 25–28 and two orphans, 20 and 22.
 */
static const Member cadence_members[] = {
  { 2, 1, "Level one", DAY (-400), DAY (-5), DAY (-10) },
  { 3, 2, "Level two", DAY (-400), DAY (-5), DAY (-10) },
  { 4, 3, "Level three", DAY (-400), DAY (-5), DAY (-10) },
  { 5, 2, "Inactive sponsor", DAY (-400), DAY (-5), DAY (-10), 0, DL_MEMBER_INACTIVE },
  { 6, 5, "Under inactive", DAY (-400), DAY (-5), DAY (-40) },
  { 7, 2, "Dropped sponsor", DAY (-400), DAY (-5), DAY (-10), 0, DL_MEMBER_DROPPED },
  { 8, 7, "Under dropped", DAY (-400), DAY (-5), DAY (-10) },
  { 9, 1, "New, seen", DAY (-10), DAY (-5), DAY (-2) },
  { 10, 1, "Seen on day 25", DAY (-40), DAY (-5), DAY (-15) },
  { 11, 1, "Seen on day 35", DAY (-40), DAY (-5), DAY (-5) },
  { 12, 1, "Never seen", DAY (-40), DAY (-5), 0 },
  { 13, 3, "Deep and new", DAY (-5), DAY (-5), 0 },
  { 14, 5, "New under inactive", DAY (-5), DAY (-5), DAY (-1) },
  { 15, 3, "Deep override", DAY (-400), DAY (-5), DAY (-10), 0, 0, 0, 21 },
  { 16, 1, "Dropped override", DAY (-400), DAY (-5), DAY (-10), 0, DL_MEMBER_DROPPED, 0, 10 },
  { 17, 2, "Level two override", DAY (-400), DAY (-5), DAY (-10), 0, 0, 0, 3 },
  { 20, 999, "Orphan", DAY (-400), DAY (-5), DAY (-1) },
  { 21, 20, "Under orphan", DAY (-400), DAY (-5), DAY (-1) },
  { 22, 998, "Inactive orphan", DAY (-400), DAY (-5), DAY (-1), 0, DL_MEMBER_INACTIVE },
  { 23, 22, "Under inactive orphan", DAY (-400), DAY (-5), DAY (-1) },
  { 24, 6, "Two below inactive", DAY (-400), DAY (-5), DAY (-1) },
  { 25, 1, "Contact in future", DAY (-400), DAY (-5), DAY (5) },
  { 26, 1, "Joins in future", DAY (3), 0, 0 },
  { 27, 1, "Customer", DAY (-400), DAY (-5), DAY (-3), 0, 0, DL_ROLE_CUSTOMER },
  { 28, 1, "No join date", 0, DAY (-5), DAY (-3) },
  { 29, 1, "Inactive level one", DAY (-400), DAY (-50), DAY (-3), 0, DL_MEMBER_INACTIVE },
};

static void
test_cadence_defaults (void)
{
  DlCadence cadence;
  const DlCadence init = DL_CADENCE_INIT;

  dl_cadence_init_defaults (&cadence);

  /* DESIGN.md: first 30 days every 7, personal every 14, second level 30. */
  g_assert_cmpuint (cadence.new_member_days, ==, 30);
  g_assert_cmpuint (cadence.new_member_every, ==, 7);
  g_assert_cmpuint (cadence.personal_every, ==, 14);
  g_assert_cmpuint (cadence.second_level_every, ==, 30);
  g_assert_true (memcmp (&cadence, &init, sizeof cadence) == 0);
}

static void
test_cadence (void)
{
  static const struct
  {
    gint64 id;
    guint  days;
    guint  custom_days;   /* with new 60 days / every 5, personal 10, second 20 */
  } cases[] = {
    { 1, 0, 0 },      /* the user */
    { 2, 14, 10 },
    { 3, 30, 20 },
    { 4, 0, 0 },      /* the sponsor's job */
    { 5, 30, 20 },    /* inactive, but still a second-level member */
    { 6, 30, 20 },    /* the sponsor is inactive: the user takes over */
    { 7, 0, 0 },      /* dropped: never */
    { 8, 30, 20 },    /* the sponsor dropped */
    { 9, 7, 5 },
    { 10, 7, 5 },     /* last seen 25 days after joining: still new then */
    { 11, 14, 5 },    /* last seen 35 days after joining */
    { 12, 7, 5 },     /* never seen: new as of the joining day */
    { 13, 0, 0 },     /* new, but the (active) sponsor's job */
    { 14, 7, 5 },
    { 15, 21, 21 },   /* the override wins */
    { 16, 0, 0 },     /* ... but not over dropping out */
    { 17, 3, 3 },
    { 20, 30, 20 },   /* orphan: nobody else is known to look after them */
    { 21, 0, 0 },     /* under an active orphan: the orphan's job */
    { 22, 30, 20 },
    { 23, 30, 20 },
    { 24, 0, 0 },     /* only the direct sponsor's status matters */
    { 25, 14, 10 },
    { 26, 7, 5 },
    { 27, 14, 10 },   /* customers get the same care */
    { 28, 14, 10 },   /* no join date: tenure unknown, not new */
    { 29, 14, 10 },   /* inactive members still get check-ins */
  };
  const DlCadence custom = { 60, 5, 10, 20 };
  g_autoptr(DlTree) tree = build (cadence_members, G_N_ELEMENTS (cadence_members));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint index = index_of (tree, cases[i].id);

      g_test_message ("member %" G_GINT64_FORMAT, cases[i].id);
      g_assert_cmpuint (dl_rules_cadence_days (tree, index, NULL), ==, cases[i].days);
      g_assert_cmpuint (dl_rules_cadence_days (tree, index, &custom), ==, cases[i].custom_days);
    }
}

/* ---- due --------------------------------------------------------------- */

static const Member due_members[] = {
  { 30, 1, "Snoozed past due", DAY (-400), DAY (-5), DAY (-20), DAY (2) },
  { 31, 1, "Snooze already over", DAY (-400), DAY (-5), DAY (-20), DAY (-10) },
  { 32, 1, "Snoozed welcome", DAY (-5), 0, 0, DAY (1) },
  { 33, 1, "Nothing known", 0, 0, 0 },
  { 34, 1, "Seen only before joining", DAY (-20), 0, DAY (-25) },
  { 35, 1, "Seen on joining day", DAY (-20), 0, DAY (-20) },
};

typedef struct
{
  gint64    id;
  gboolean  due;
  DlDueKind kind;
  int       due_on;    /* relative to today */
} DueCase;

static void
check_due_cases (const DlTree  *tree,
                 const DueCase *cases,
                 guint          n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      const DueCase *c = &cases[i];
      DlDueItem item = { G_MAXUINT32, 0, 0, G_MAXUINT32 };
      gboolean due;

      g_test_message ("member %" G_GINT64_FORMAT, c->id);
      due = dl_rules_member_due (tree, index_of (tree, c->id), NULL, today, &item);
      g_assert_cmpint (due, ==, c->due);
      if (!c->due)
        {
          /* Left alone. */
          g_assert_cmpuint (item.node, ==, G_MAXUINT32);
          continue;
        }

      g_assert_cmpuint (item.node, ==, index_of (tree, c->id));
      g_assert_cmpuint (item.kind, ==, c->kind);
      g_assert_cmpint (item.due_on, ==, today + c->due_on);
      g_assert_cmpint (item.days_overdue, ==, -c->due_on);
    }
}

static void
test_due (void)
{
  static const DueCase cadence_cases[] = {
    { 1, FALSE },
    { 2, TRUE, DL_DUE_CHECK_IN, -10 + 14 },
    { 3, TRUE, DL_DUE_CHECK_IN, -10 + 30 },
    { 4, FALSE },
    { 6, TRUE, DL_DUE_CHECK_IN, -40 + 30 },
    { 7, FALSE },
    { 9, TRUE, DL_DUE_CHECK_IN, -2 + 7 },
    { 10, TRUE, DL_DUE_CHECK_IN, -15 + 7 },
    { 11, TRUE, DL_DUE_CHECK_IN, -5 + 14 },
    { 12, TRUE, DL_DUE_WELCOME, -40 },        /* never contacted */
    { 13, FALSE },
    { 16, FALSE },
    { 25, TRUE, DL_DUE_CHECK_IN, 5 + 14 },    /* contact logged in the future */
    { 26, TRUE, DL_DUE_WELCOME, 3 },          /* joins in three days */
    { 28, TRUE, DL_DUE_CHECK_IN, -3 + 14 },
  };
  static const DueCase due_cases[] = {
    { 30, TRUE, DL_DUE_CHECK_IN, 2 },         /* due on -6, snoozed to +2 */
    { 31, TRUE, DL_DUE_CHECK_IN, -20 + 14 },
    { 32, TRUE, DL_DUE_WELCOME, 1 },
    { 33, TRUE, DL_DUE_WELCOME, 0 },          /* nothing known: ask today */
    { 34, TRUE, DL_DUE_WELCOME, -20 },
    { 35, TRUE, DL_DUE_CHECK_IN, -20 + 7 },   /* welcomed the day they joined */
  };
  g_autoptr(DlTree) cadence_tree = build (cadence_members, G_N_ELEMENTS (cadence_members));
  g_autoptr(DlTree) due_tree = build (due_members, G_N_ELEMENTS (due_members));

  check_due_cases (cadence_tree, cadence_cases, G_N_ELEMENTS (cadence_cases));
  check_due_cases (due_tree, due_cases, G_N_ELEMENTS (due_cases));
}

/* Calendar edges: the due day is a plain number of days later. */
static void
test_due_calendar (void)
{
  static const struct
  {
    const char *joined;
    const char *contact;
    guint16     override;
    gint64      sponsor;
    const char *due;
  } cases[] = {
    { "2023-01-01", "2024-02-15", 0, 1, "2024-02-29" },     /* into a leap day */
    { "2023-01-01", "2024-02-29", 0, 1, "2024-03-14" },     /* out of one */
    { "2023-01-01", "2024-02-29", 365, 1, "2025-02-28" },   /* no Feb 29 in 2025 */
    { "2023-01-01", "2024-02-29", 0, 100, "2024-03-30" },   /* second level: 30 */
    { "2023-01-01", "2024-01-31", 0, 100, "2024-03-01" },   /* January 31 + 30, leap year */
    { "2022-01-01", "2023-01-31", 0, 100, "2023-03-02" },   /* ... and in a common year */
    { "2023-01-01", "2024-04-30", 0, 1, "2024-05-14" },
    { "2023-01-01", "2024-12-25", 0, 1, "2025-01-08" },     /* across the new year */
    { "2024-02-26", "2024-02-26", 0, 1, "2024-03-04" },     /* new: 7 days over Feb 29 */
    { "2024-02-29", NULL, 0, 1, "2024-02-29" },             /* welcome due on joining */
  };

  today = dl_day_from_iso ("2024-03-20");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlDay joined = dl_day_from_iso (cases[i].joined);
      DlDay contact = cases[i].contact != NULL ? dl_day_from_iso (cases[i].contact) : DL_DAY_NONE;
      Member members[] = {
        { 100, 1, "Level one", DAY (-3000), DAY (-1), DAY (-1) },
        { 101, cases[i].sponsor, "Checked in", DAY (joined - today), DAY (-1),
          contact != DL_DAY_NONE ? DAY (contact - today) : 0, 0, 0, 0, cases[i].override },
      };
      g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));
      DlDueItem item;
      char buf[11];

      g_test_message ("joined %s, contact %s", cases[i].joined, cases[i].contact);
      g_assert_true (dl_rules_member_due (tree, index_of (tree, 101), NULL, today, &item));
      dl_day_format_iso (item.due_on, buf);
      g_assert_cmpstr (buf, ==, cases[i].due);
    }

  today = dl_day_from_iso ("2024-06-15");
}

static void
test_unwelcomed (void)
{
  static const Member members[] = {
    { 2, 1, "Never contacted", DAY (-10), 0, 0 },
    { 3, 1, "Contacted before joining", DAY (-10), 0, DAY (-11) },
    { 4, 1, "Contacted on joining day", DAY (-10), 0, DAY (-10) },
    { 5, 1, "Contacted since", DAY (-10), 0, DAY (-3) },
    { 6, 1, "Contact in the future", DAY (-10), 0, DAY (4) },
    { 7, 1, "Dropped, never contacted", DAY (-10), 0, 0, 0, DL_MEMBER_DROPPED },
    { 8, 2, "Deep, never contacted", DAY (-10), 0, 0 },
    { 9, 1, "Joins in the future", DAY (5), 0, 0 },
    { 10, 1, "Old and never contacted", DAY (-2000), 0, 0 },
    { 11, 1, "Inactive, never contacted", DAY (-10), 0, 0, 0, DL_MEMBER_INACTIVE },
  };
  static const struct
  {
    gint64   id;
    gboolean unwelcomed;
  } cases[] = {
    { 1, FALSE }, { 2, TRUE }, { 3, TRUE }, { 4, FALSE }, { 5, FALSE }, { 6, FALSE },
    { 7, FALSE }, { 8, TRUE }, { 9, TRUE }, { 10, TRUE }, { 11, TRUE },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("member %" G_GINT64_FORMAT, cases[i].id);
      g_assert_cmpint (dl_rules_is_unwelcomed (tree, index_of (tree, cases[i].id)), ==,
                       cases[i].unwelcomed);
    }
}

/* A business Downline came to late (dl_tree_set_started_on): members
 * who had joined before the user started are not owed a welcome and
 * were not overdue on the first day; their check-ins count from the
 * start, unless a contact was logged; members who joined since are as
 * before. */
static gboolean
has_factor (const DlRisk *risk,
            DlRiskFactor  factor)
{
  for (guint i = 0; i < risk->reasons->len; i++)
    if (g_array_index (risk->reasons, DlRiskReason, i).factor == factor)
      return TRUE;
  return FALSE;
}

static void
test_started_late (void)
{
  static const Member members[] = {
    { 2, 1, "Joined years before", DAY (-1400), 0, 0 },
    { 3, 1, "Contacted before the start", DAY (-1400), 0, DAY (-60) },
    { 4, 1, "Joined since the start", DAY (-8), 0, 0 },
    { 5, 1, "Joined two days before the start", DAY (-12), 0, 0 },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));
  DlDueItem due;

  /* before anyone says when the user started: as ever */
  g_assert_true (dl_rules_is_unwelcomed (tree, index_of (tree, 2)));
  g_assert_true (dl_rules_member_due (tree, index_of (tree, 2), NULL, today, &due));
  g_assert_cmpint (due.days_overdue, >, 1000);

  /* the user started ten days ago */
  dl_tree_set_started_on (tree, today - 10);

  g_assert_false (dl_rules_is_unwelcomed (tree, index_of (tree, 2)));
  g_assert_true (dl_rules_member_due (tree, index_of (tree, 2), NULL, today, &due));
  g_assert_cmpint (due.kind, ==, DL_DUE_CHECK_IN);
  g_assert_cmpint (due.due_on, >, today - 10);
  g_assert_cmpint (due.days_overdue, <, 1000);
  {
    g_autoptr(DlRisk) risk = dl_rules_risk (tree, index_of (tree, 2), NULL, today);

    g_assert_false (has_factor (risk, DL_RISK_FACTOR_NEVER_WELCOMED));
  }

  /* a contact logged is known, whenever it was */
  g_assert_true (dl_rules_member_due (tree, index_of (tree, 3), NULL, today, &due));
  g_assert_cmpint (due.due_on, <, today - 10);

  /* joined since, or within the 72 hours before: owed a welcome */
  g_assert_true (dl_rules_is_unwelcomed (tree, index_of (tree, 4)));
  g_assert_true (dl_rules_is_unwelcomed (tree, index_of (tree, 5)));
  g_assert_true (dl_rules_member_due (tree, index_of (tree, 4), NULL, today, &due));
  g_assert_cmpint (due.kind, ==, DL_DUE_WELCOME);
}

/* ---- the due list ------------------------------------------------------- */

static void
test_due_list (void)
{
  static const Member members[] = {
    { 2, 1, "Carol", DAY (-400), DAY (-1), DAY (-14) },          /* due today */
    { 3, 1, "alice", DAY (-400), DAY (-1), DAY (-16) },          /* 2 days overdue */
    { 4, 1, "Bob", DAY (-400), DAY (-1), DAY (-14) },            /* today */
    { 5, 1, "bob", DAY (-400), DAY (-1), DAY (-14) },            /* today */
    { 9, 1, "Bob", DAY (-400), DAY (-1), DAY (-14) },            /* today */
    { 6, 1, "Dan", DAY (-3), DAY (-1), 0 },                       /* welcome, 3 days late */
    { 7, 1, "Eve", DAY (-400), DAY (-1), DAY (-5) },             /* in 9 days */
    { 8, 1, "Fay", DAY (-400), DAY (-1), DAY (-7) },             /* in 7 days */
    { 11, 2, "Gus", DAY (-400), DAY (-1), DAY (-31) },           /* level two, 1 day late */
    { 10, 11, "Hidden", DAY (-400), DAY (-1), DAY (-100) },      /* Gus's job */
    { 12, 1, "Gone", DAY (-400), DAY (-1), DAY (-100), 0, DL_MEMBER_DROPPED },
    { 13, 1, "Hal", DAY (-400), DAY (-1), DAY (-30), DAY (8) },  /* snoozed past the horizon */
    { 14, 1, "Ian", DAY (-400), DAY (-1), DAY (-30), DAY (7) },  /* snoozed to the horizon */
    /* Names alike in their first 16 bytes, all 5 days overdue. */
    { 40, 1, "Alexandra Montgomery-Smith", DAY (-400), DAY (-1), DAY (-19) },
    { 41, 1, "alexandra montgomery-jones", DAY (-400), DAY (-1), DAY (-19) },
    { 42, 1, "Alexandra Montgo", DAY (-400), DAY (-1), DAY (-19) },
    { 39, 1, "ALEXANDRA MONTGOMERY-SMITH", DAY (-400), DAY (-1), DAY (-19) },
  };
  static const struct
  {
    gint64    id;
    int       due_on;
    DlDueKind kind;
  } expected[] = {
    { 42, -5, DL_DUE_CHECK_IN },  /* a name that is a prefix of others first */
    { 41, -5, DL_DUE_CHECK_IN },  /* "-jones" < "-smith", case folded */
    { 39, -5, DL_DUE_CHECK_IN },  /* the same name twice: by id */
    { 40, -5, DL_DUE_CHECK_IN },
    { 6, -3, DL_DUE_WELCOME },
    { 3, -2, DL_DUE_CHECK_IN },
    { 11, -1, DL_DUE_CHECK_IN },
    { 4, 0, DL_DUE_CHECK_IN },   /* Bob, bob, Bob, Carol: names case folded, */
    { 5, 0, DL_DUE_CHECK_IN },   /* equal names in id order */
    { 9, 0, DL_DUE_CHECK_IN },
    { 2, 0, DL_DUE_CHECK_IN },
    { 8, 7, DL_DUE_CHECK_IN },
    { 14, 7, DL_DUE_CHECK_IN },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));
  g_autoptr(GArray) items = g_array_new (FALSE, TRUE, sizeof (DlDueItem));

  /* Whatever was in the array goes. */
  g_array_set_size (items, 5);

  dl_rules_collect_due (tree, NULL, today, 7, items);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < MIN (items->len, G_N_ELEMENTS (expected)); i++)
    {
      const DlDueItem *item = &g_array_index (items, DlDueItem, i);

      g_test_message ("row %u", i);
      g_assert_cmpint (dl_tree_get_node (tree, item->node)->person_id, ==, expected[i].id);
      g_assert_cmpint (item->due_on, ==, today + expected[i].due_on);
      g_assert_cmpint (item->days_overdue, ==, -expected[i].due_on);
      g_assert_cmpuint (item->kind, ==, expected[i].kind);
    }

  /* Horizon 0: only what is due today or earlier. */
  dl_rules_collect_due (tree, NULL, today, 0, items);
  g_assert_cmpuint (items->len, ==, 11);

  /* Eve's check-in is nine days away. */
  dl_rules_collect_due (tree, NULL, today, 9, items);
  g_assert_cmpuint (items->len, ==, G_N_ELEMENTS (expected) + 2);
}

/* 100,000 members: the list agrees with member_due() one by one, is in
 * order, and comes fast (the Today view rebuilds it on every change). */
static void
test_due_list_large (void)
{
  const guint n = 100000;
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (n);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (DlDueItem));
  g_autoptr(GError) error = NULL;
  guint expected = 0;
  double best = G_MAXDOUBLE;
  double risk_time;
  guint bands[4] = { 0, };

  for (guint i = 1; i <= n; i++)
    {
      DlTreeNode row = { 0, };
      g_autofree char *name = g_strdup_printf ("Member %u", g_test_rand_int_range (0, n / 3));

      row.person_id = i;
      /* A bushy shape: the first members sponsor most of the others. */
      row.sponsor_id = i == 1 ? 0 : g_test_rand_int_range (1, MIN (i, 2 + i / 50));
      row.name = name;
      row.joined_on = today - g_test_rand_int_range (0, 1500);
      row.last_contact = g_test_rand_int_range (0, 5) == 0 ? DL_DAY_NONE
                                                           : today - g_test_rand_int_range (0, 90);
      row.last_activity = today - g_test_rand_int_range (0, 200);
      row.status = g_test_rand_int_range (0, 10) == 0 ? DL_MEMBER_INACTIVE
                   : g_test_rand_int_range (0, 20) == 0 ? DL_MEMBER_DROPPED
                   : DL_MEMBER_ACTIVE;
      row.snoozed_until = g_test_rand_int_range (0, 20) == 0 ? today + 3 : DL_DAY_NONE;
      dl_tree_builder_add (builder, &row);
    }
  tree = dl_tree_builder_finish (builder, 1, &error);
  g_assert_no_error (error);
  if (tree == NULL)
    return;

  for (guint round = 0; round < 5; round++)
    {
      double elapsed;

      g_test_timer_start ();
      dl_rules_collect_due (tree, NULL, today, 7, items);
      elapsed = g_test_timer_elapsed ();
      best = MIN (best, elapsed);
    }
  g_test_message ("due list of %u members (%u due): %.1f ms", n, items->len, best * 1000);
  g_test_minimized_result (best, "due list of 100k members: %.1f ms", best * 1000);
  /* the 50 ms target is checked by tests/bench/bench-due, not here */

  for (guint i = 0; i < n; i++)
    {
      DlDueItem item;

      if (dl_rules_member_due (tree, i, NULL, today, &item) && item.due_on <= today + 7)
        expected++;
    }
  g_assert_cmpuint (items->len, ==, expected);

  for (guint i = 1; i < items->len; i++)
    {
      const DlDueItem *a = &g_array_index (items, DlDueItem, i - 1);
      const DlDueItem *b = &g_array_index (items, DlDueItem, i);

      g_assert_cmpint (a->due_on, <=, b->due_on);
      if (a->due_on == b->due_on)
        g_assert_cmpint (g_ascii_strcasecmp (dl_tree_get_node (tree, a->node)->name,
                                             dl_tree_get_node (tree, b->node)->name), <=, 0);
    }

  /* The allocation-free risk path over the same tree. */
  g_test_timer_start ();
  for (guint i = 0; i < n; i++)
    {
      DlRiskBand band;

      dl_rules_risk_score (tree, i, NULL, today, &band);
      bands[band]++;
    }
  risk_time = g_test_timer_elapsed ();
  g_test_message ("risk score of %u members: %.1f ms (low %u, medium %u, high %u, dropped %u)",
                  n, risk_time * 1000, bands[DL_RISK_LOW], bands[DL_RISK_MEDIUM],
                  bands[DL_RISK_HIGH], bands[DL_RISK_DROPPED]);
}

/* ---- dropout risk ------------------------------------------------------ */

/* A member with nothing against them: long-standing, active, checked in
 * on time, with a recruit of their own.  Each case below departs from it
 * in one way. */
#define HEALTHY(id, name) { id, 1, name, DAY (-400), DAY (-5), DAY (-3) }
#define RECRUIT_OF(id, sponsor) { id, sponsor, "Recruit", DAY (-200), DAY (-5), DAY (-3) }

typedef struct
{
  const char  *what;
  Member       members[4];   /* the member scored is the first */
  DlRiskFactor factor;
  guint        points;
  const char  *sentence;
} AloneCase;

static const AloneCase alone_cases[] = {
  { "check-in 7 days late of 14: 25 × 7/14, rounded up",
    { { 2, 1, "A", DAY (-400), DAY (-5), DAY (-21) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_OVERDUE, 13, "Check-in 7 days overdue" },
  { "one day late of 14: rounded up, never nothing",
    { { 2, 1, "A", DAY (-400), DAY (-5), DAY (-15) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_OVERDUE, 2, "Check-in 1 day overdue" },
  { "a whole interval late and more: the full weight",
    { { 2, 1, "A", DAY (-400), DAY (-5), DAY (-50) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_OVERDUE, DL_RISK_WEIGHT_OVERDUE, "Check-in 36 days overdue" },
  { "early tenure",
    { { 2, 1, "A", DAY (-45), DAY (-5), DAY (-3), 0, 0, DL_ROLE_CUSTOMER } },
    DL_RISK_FACTOR_EARLY_TENURE, DL_RISK_WEIGHT_EARLY_TENURE, "New member: joined 45 days ago" },
  { "joined today",
    { { 2, 1, "A", DAY (0), 0, DAY (0) } },
    DL_RISK_FACTOR_EARLY_TENURE, DL_RISK_WEIGHT_EARLY_TENURE, "New member: joined today" },
  { "joins in the future",
    { { 2, 1, "A", DAY (3), 0, 0 } },
    DL_RISK_FACTOR_EARLY_TENURE, DL_RISK_WEIGHT_EARLY_TENURE, "New member: joins in 3 days" },
  { "no activity",
    { { 2, 1, "A", DAY (-400), DAY (-40), DAY (-3) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_NO_ACTIVITY, DL_RISK_WEIGHT_NO_ACTIVITY, "No activity reported for 40 days" },
  { "no activity since joining",
    { { 2, 1, "A", DAY (-120), 0, DAY (-3) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_NO_ACTIVITY, DL_RISK_WEIGHT_NO_ACTIVITY,
    "No activity reported since joining 120 days ago" },
  { "no recruit",
    { HEALTHY (2, "A") },
    DL_RISK_FACTOR_NO_RECRUIT, DL_RISK_WEIGHT_NO_RECRUIT, "No recruit of their own after 400 days" },
  { "a recruit who joins only next week is not one yet",
    { HEALTHY (2, "A"), { 3, 2, "Soon", DAY (7), 0, 0 } },
    DL_RISK_FACTOR_NO_RECRUIT, DL_RISK_WEIGHT_NO_RECRUIT, "No recruit of their own after 400 days" },
  { "never welcomed (snoozed, so the check-in is not late)",
    { { 2, 1, "A", DAY (-200), DAY (-5), 0, DAY (3) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_NEVER_WELCOMED, DL_RISK_WEIGHT_NEVER_WELCOMED,
    "Not welcomed: no contact logged since joining 200 days ago" },
  { "only contact before joining",
    { { 2, 1, "A", DAY (-200), DAY (-5), DAY (-201), DAY (3) }, RECRUIT_OF (3, 2) },
    DL_RISK_FACTOR_NEVER_WELCOMED, DL_RISK_WEIGHT_NEVER_WELCOMED,
    "Not welcomed: no contact logged since joining 200 days ago" },
  { "sponsor inactive",
    { { 4, 3, "A", DAY (-400), DAY (-5), DAY (-3) },
      { 2, 1, "Lee", DAY (-500), DAY (-5), DAY (-3) },
      { 3, 2, "Sam", DAY (-450), DAY (-300), DAY (-3), 0, DL_MEMBER_INACTIVE },
      RECRUIT_OF (5, 4) },
    DL_RISK_FACTOR_SPONSOR_AWAY, DL_RISK_WEIGHT_SPONSOR_AWAY, "Their sponsor, Sam, is inactive" },
  { "sponsor dropped",
    { { 4, 3, "A", DAY (-400), DAY (-5), DAY (-3) },
      { 2, 1, "Lee", DAY (-500), DAY (-5), DAY (-3) },
      { 3, 2, "Dee", DAY (-450), DAY (-300), DAY (-3), 0, DL_MEMBER_DROPPED },
      RECRUIT_OF (5, 4) },
    DL_RISK_FACTOR_SPONSOR_AWAY, DL_RISK_WEIGHT_SPONSOR_AWAY, "Their sponsor, Dee, has dropped out" },
};

static void
test_risk_alone (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (alone_cases); i++)
    {
      const AloneCase *c = &alone_cases[i];
      g_autoptr(DlTree) tree = NULL;
      g_autoptr(DlRisk) risk = NULL;
      guint n_members = 0;
      guint index;
      DlRiskBand band;

      while (n_members < G_N_ELEMENTS (c->members) && c->members[n_members].id != 0)
        n_members++;

      g_test_message ("%s", c->what);
      tree = build (c->members, n_members);
      index = index_of (tree, c->members[0].id);
      risk = dl_rules_risk (tree, index, NULL, today);

      g_assert_cmpuint (risk->score, ==, c->points);
      g_assert_cmpuint (risk->reasons->len, ==, 1);
      if (risk->reasons->len == 1)
        {
          const DlRiskReason *reason = &g_array_index (risk->reasons, DlRiskReason, 0);

          g_assert_cmpint (reason->factor, ==, c->factor);
          g_assert_cmpuint (reason->points, ==, c->points);
          g_assert_cmpstr (reason->sentence, ==, c->sentence);
        }

      g_assert_cmpuint (dl_rules_risk_score (tree, index, NULL, today, &band), ==, c->points);
      g_assert_cmpint (band, ==, risk->band);
    }
}

/* Where a factor starts to count. */
static void
test_risk_thresholds (void)
{
  static const struct
  {
    const char  *what;
    Member       member;
    DlRiskFactor factor;
    gboolean     applies;
  } cases[] = {
    { "89 days in", { 2, 1, "A", DAY (-89), DAY (-1), DAY (-1) }, DL_RISK_FACTOR_EARLY_TENURE, TRUE },
    { "90 days in", { 2, 1, "A", DAY (-90), DAY (-1), DAY (-1) }, DL_RISK_FACTOR_EARLY_TENURE, FALSE },
    { "idle 29 days", { 2, 1, "A", DAY (-400), DAY (-29), DAY (-1) }, DL_RISK_FACTOR_NO_ACTIVITY, FALSE },
    { "idle 30 days", { 2, 1, "A", DAY (-400), DAY (-30), DAY (-1) }, DL_RISK_FACTOR_NO_ACTIVITY, TRUE },
    { "joined 29 days ago, no activity", { 2, 1, "A", DAY (-29), 0, DAY (-1) },
      DL_RISK_FACTOR_NO_ACTIVITY, FALSE },
    { "activity in the future", { 2, 1, "A", DAY (-400), DAY (10), DAY (-1) },
      DL_RISK_FACTOR_NO_ACTIVITY, FALSE },
    { "59 days without a recruit", { 2, 1, "A", DAY (-59), DAY (-1), DAY (-1) },
      DL_RISK_FACTOR_NO_RECRUIT, FALSE },
    { "60 days without a recruit", { 2, 1, "A", DAY (-60), DAY (-1), DAY (-1) },
      DL_RISK_FACTOR_NO_RECRUIT, TRUE },
    { "a customer is not expected to recruit", { 2, 1, "A", DAY (-400), DAY (-1), DAY (-1), 0, 0,
      DL_ROLE_CUSTOMER }, DL_RISK_FACTOR_NO_RECRUIT, FALSE },
    { "not welcomed, 2 days in", { 2, 1, "A", DAY (-2), DAY (-1), 0 },
      DL_RISK_FACTOR_NEVER_WELCOMED, FALSE },
    { "not welcomed, 3 days in", { 2, 1, "A", DAY (-3), DAY (-1), 0 },
      DL_RISK_FACTOR_NEVER_WELCOMED, TRUE },
    { "welcomed on joining day", { 2, 1, "A", DAY (-20), DAY (-1), DAY (-20) },
      DL_RISK_FACTOR_NEVER_WELCOMED, FALSE },
    { "due today is not overdue", { 2, 1, "A", DAY (-400), DAY (-1), DAY (-14) },
      DL_RISK_FACTOR_OVERDUE, FALSE },
    { "overdue but snoozed", { 2, 1, "A", DAY (-400), DAY (-1), DAY (-30), DAY (1) },
      DL_RISK_FACTOR_OVERDUE, FALSE },
    { "contact in the future", { 2, 1, "A", DAY (-400), DAY (-1), DAY (5) },
      DL_RISK_FACTOR_OVERDUE, FALSE },
    /* Deeper members with an active sponsor are that sponsor's to contact:
     * silence in the user's log is not held against them. */
    { "deep member never contacted: not overdue", { 4, 3, "A", DAY (-200), DAY (-1), 0 },
      DL_RISK_FACTOR_OVERDUE, FALSE },
    { "deep member never contacted: not 'never welcomed'", { 4, 3, "A", DAY (-200), DAY (-1), 0 },
      DL_RISK_FACTOR_NEVER_WELCOMED, FALSE },
    /* The user's own status is no sponsor's absence. */
    { "sponsored by the user", { 2, 1, "A", DAY (-400), DAY (-1), DAY (-1) },
      DL_RISK_FACTOR_SPONSOR_AWAY, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Member members[] = {
        cases[i].member,
        { 2, 1, "Level one", DAY (-900), DAY (-1), DAY (-1) },
        { 3, 2, "Level two", DAY (-800), DAY (-1), DAY (-1) },
      };
      g_autoptr(DlTree) tree = NULL;
      g_autoptr(DlRisk) risk = NULL;
      gboolean found = FALSE;
      guint n_members = cases[i].member.id == 4 ? 3 : 1;

      g_test_message ("%s", cases[i].what);
      tree = build (members, n_members);
      risk = dl_rules_risk (tree, index_of (tree, cases[i].member.id), NULL, today);
      for (guint j = 0; j < risk->reasons->len; j++)
        found |= g_array_index (risk->reasons, DlRiskReason, j).factor == cases[i].factor;
      g_assert_cmpint (found, ==, cases[i].applies);
    }
}

static void
test_risk_combined (void)
{
  static const Member members[] = {
    /* 70 days in: no activity, no recruit, never contacted. */
    { 2, 1, "All but one", DAY (-70), 0, 0 },
    /* The same under an inactive sponsor: everything at once. */
    { 3, 1, "Lee", DAY (-900), DAY (-1), DAY (-1) },
    { 4, 3, "Sam", DAY (-800), DAY (-300), DAY (-1), 0, DL_MEMBER_INACTIVE },
    { 5, 4, "Everything", DAY (-70), 0, 0 },
    /* Idle and no recruit: exactly the medium threshold. */
    { 6, 1, "Idle", DAY (-400), DAY (-40), DAY (-3) },
    /* Ten days in, never contacted: 3 days late of 7. */
    { 7, 1, "New and forgotten", DAY (-10), DAY (-1), 0 },
  };
  static const struct
  {
    gint64       id;
    guint        score;
    DlRiskBand   band;
    guint        n_reasons;
    DlRiskFactor first;
  } cases[] = {
    { 2, DL_RISK_WEIGHT_OVERDUE + DL_RISK_WEIGHT_EARLY_TENURE + DL_RISK_WEIGHT_NO_ACTIVITY
         + DL_RISK_WEIGHT_NO_RECRUIT + DL_RISK_WEIGHT_NEVER_WELCOMED,
      DL_RISK_HIGH, 5, DL_RISK_FACTOR_OVERDUE },
    { 5, 100, DL_RISK_HIGH, 6, DL_RISK_FACTOR_OVERDUE },
    { 6, DL_RISK_WEIGHT_NO_ACTIVITY + DL_RISK_WEIGHT_NO_RECRUIT, DL_RISK_MEDIUM, 2,
      DL_RISK_FACTOR_NO_ACTIVITY },
    /* 25 × 3 / 7 = 10.7, rounded up to 11; plus new member and not welcomed. */
    { 7, 11 + DL_RISK_WEIGHT_EARLY_TENURE + DL_RISK_WEIGHT_NEVER_WELCOMED, DL_RISK_MEDIUM, 3,
      DL_RISK_FACTOR_EARLY_TENURE },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DlRisk) risk = NULL;
      guint sum = 0;

      g_test_message ("member %" G_GINT64_FORMAT, cases[i].id);
      risk = dl_rules_risk (tree, index_of (tree, cases[i].id), NULL, today);
      g_assert_cmpuint (risk->score, ==, cases[i].score);
      g_assert_cmpint (risk->band, ==, cases[i].band);
      g_assert_cmpuint (risk->reasons->len, ==, cases[i].n_reasons);
      if (risk->reasons->len == 0)
        continue;
      g_assert_cmpint (g_array_index (risk->reasons, DlRiskReason, 0).factor, ==, cases[i].first);

      /* Heaviest first, and they add up to the score. */
      for (guint j = 0; j < risk->reasons->len; j++)
        {
          const DlRiskReason *r = &g_array_index (risk->reasons, DlRiskReason, j);

          sum += r->points;
          g_assert_nonnull (r->sentence);
          g_assert_cmpuint (strlen (r->sentence), >, 0);
          if (j > 0)
            g_assert_cmpuint (g_array_index (risk->reasons, DlRiskReason, j - 1).points, >=, r->points);
        }
      g_assert_cmpuint (sum, ==, risk->score);
    }
}

static void
test_risk_bands (void)
{
  static const struct
  {
    guint      score;
    DlRiskBand band;
  } scores[] = {
    { 0, DL_RISK_LOW }, { 29, DL_RISK_LOW }, { 30, DL_RISK_MEDIUM }, { 59, DL_RISK_MEDIUM },
    { 60, DL_RISK_HIGH }, { 100, DL_RISK_HIGH },
  };
  /* Level three under an inactive sponsor: a 30-day cadence.  Late by 28
   * days: 25 × 28 / 30 = 23.3 → 24; by 29: 24.2 → 25.  Plus idle (20) and
   * the sponsor (15): 59 and 60, either side of the high band. */
  static const Member members[] = {
    { 2, 1, "Lee", DAY (-900), DAY (-1), DAY (-1) },
    { 3, 2, "Sam", DAY (-800), DAY (-300), DAY (-1), 0, DL_MEMBER_INACTIVE },
    { 4, 3, "Fifty-nine", DAY (-400), DAY (-40), DAY (-58) },
    { 5, 3, "Sixty", DAY (-400), DAY (-40), DAY (-59) },
    { 6, 4, "Recruit", DAY (-300), DAY (-1), DAY (-1) },
    { 7, 5, "Recruit", DAY (-300), DAY (-1), DAY (-1) },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));
  DlRiskBand band;

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    g_assert_cmpint (dl_risk_band_for_score (scores[i].score), ==, scores[i].band);

  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 4), NULL, today, &band), ==, 59);
  g_assert_cmpint (band, ==, DL_RISK_MEDIUM);
  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 5), NULL, today, &band), ==, 60);
  g_assert_cmpint (band, ==, DL_RISK_HIGH);
}

static void
test_risk_not_scored (void)
{
  static const Member members[] = {
    /* Dropped: grey, whatever else is true of them. */
    { 2, 1, "Gone", DAY (-70), 0, 0, 0, DL_MEMBER_DROPPED },
    /* Inactive members are still scored. */
    { 3, 1, "Quiet", DAY (-400), DAY (-40), DAY (-3), 0, DL_MEMBER_INACTIVE },
    { 4, 3, "Recruit", DAY (-300), DAY (-1), DAY (-1) },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));
  g_autoptr(DlRisk) dropped = dl_rules_risk (tree, index_of (tree, 2), NULL, today);
  g_autoptr(DlRisk) user = dl_rules_risk (tree, index_of (tree, USER_ID), NULL, today);
  g_autoptr(DlRisk) inactive = dl_rules_risk (tree, index_of (tree, 3), NULL, today);
  DlRiskBand band = DL_RISK_HIGH;

  g_assert_cmpuint (dropped->score, ==, 0);
  g_assert_cmpint (dropped->band, ==, DL_RISK_DROPPED);
  g_assert_cmpuint (dropped->reasons->len, ==, 0);
  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 2), NULL, today, &band), ==, 0);
  g_assert_cmpint (band, ==, DL_RISK_DROPPED);

  g_assert_cmpuint (user->score, ==, 0);
  g_assert_cmpint (user->band, ==, DL_RISK_LOW);
  g_assert_cmpuint (user->reasons->len, ==, 0);

  g_assert_cmpuint (inactive->score, ==, DL_RISK_WEIGHT_NO_ACTIVITY);

  /* band may be NULL. */
  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 3), NULL, today, NULL), ==,
                    DL_RISK_WEIGHT_NO_ACTIVITY);
}

static void
test_risk_factor_info (void)
{
  static const guint weights[DL_RISK_N_FACTORS] = {
    [DL_RISK_FACTOR_OVERDUE] = DL_RISK_WEIGHT_OVERDUE,
    [DL_RISK_FACTOR_EARLY_TENURE] = DL_RISK_WEIGHT_EARLY_TENURE,
    [DL_RISK_FACTOR_NO_ACTIVITY] = DL_RISK_WEIGHT_NO_ACTIVITY,
    [DL_RISK_FACTOR_NO_RECRUIT] = DL_RISK_WEIGHT_NO_RECRUIT,
    [DL_RISK_FACTOR_NEVER_WELCOMED] = DL_RISK_WEIGHT_NEVER_WELCOMED,
    [DL_RISK_FACTOR_SPONSOR_AWAY] = DL_RISK_WEIGHT_SPONSOR_AWAY,
  };
  guint sum = 0;

  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    {
      const char *title = dl_risk_factor_get_title (f);

      g_assert_cmpuint (dl_risk_factor_get_weight (f), ==, weights[f]);
      /* the expert weighs its six factors; the back office's months
       * only count once a model has learned what they are worth */
      if (f < DL_RISK_N_EXPERT_FACTORS)
        g_assert_cmpuint (weights[f], >, 0);
      else
        g_assert_cmpuint (weights[f], ==, 0);
      g_assert_nonnull (dl_risk_factor_to_string (f));
      sum += weights[f];
      g_assert_nonnull (title);
      for (guint g = 0; g < f; g++)
        g_assert_cmpstr (dl_risk_factor_get_title (g), !=, title);
    }

  /* All factors at once can reach, and not pass, 100. */
  g_assert_cmpuint (sum, ==, 100);
  g_assert_cmpuint (DL_RISK_MEDIUM_FROM, <, DL_RISK_HIGH_FROM);
}

/* ---- activity ------------------------------------------------------------ */

static void
test_activity (void)
{
  static const struct
  {
    const char *what;
    guint8      status;
    int         joined;
    int         activity;
    int         contact;
    DlActivity  expected;
  } cases[] = {
    { "ordered 10 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-10), 0, DL_ACTIVITY_ACTIVE },
    { "ordered 30 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-30), 0, DL_ACTIVITY_ACTIVE },
    { "ordered 31 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-31), 0, DL_ACTIVITY_COOLING },
    { "ordered 90 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-90), 0, DL_ACTIVITY_COOLING },
    { "ordered 91 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-91), 0, DL_ACTIVITY_INACTIVE },
    { "idle but talked 30 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-91), DAY (-30),
      DL_ACTIVITY_COOLING },
    { "idle, talked 31 days ago", DL_MEMBER_ACTIVE, DAY (-400), DAY (-91), DAY (-31),
      DL_ACTIVITY_INACTIVE },
    { "recent contact does not make active", DL_MEMBER_ACTIVE, DAY (-400), DAY (-60), DAY (0),
      DL_ACTIVITY_COOLING },
    { "joined 10 days ago", DL_MEMBER_ACTIVE, DAY (-10), 0, 0, DL_ACTIVITY_ACTIVE },
    { "joined 60 days ago, nothing since", DL_MEMBER_ACTIVE, DAY (-60), 0, 0, DL_ACTIVITY_COOLING },
    { "joined 200 days ago, nothing since", DL_MEMBER_ACTIVE, DAY (-200), 0, 0,
      DL_ACTIVITY_INACTIVE },
    { "activity dated in the future", DL_MEMBER_ACTIVE, DAY (-400), DAY (5), 0, DL_ACTIVITY_ACTIVE },
    { "joins in the future", DL_MEMBER_ACTIVE, DAY (5), 0, 0, DL_ACTIVITY_ACTIVE },
    { "nothing known", DL_MEMBER_ACTIVE, 0, 0, 0, DL_ACTIVITY_INACTIVE },
    { "marked inactive", DL_MEMBER_INACTIVE, DAY (-400), DAY (0), DAY (0), DL_ACTIVITY_INACTIVE },
    { "dropped", DL_MEMBER_DROPPED, DAY (-400), DAY (0), DAY (0), DL_ACTIVITY_INACTIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlTreeNode node = { 0, };

      g_test_message ("%s", cases[i].what);
      node.person_id = 2;
      node.name = "A";
      node.status = cases[i].status;
      node.joined_on = day_of (cases[i].joined);
      node.last_activity = day_of (cases[i].activity);
      node.last_contact = day_of (cases[i].contact);
      g_assert_cmpint (dl_rules_activity (&node, today), ==, cases[i].expected);
    }
}

/* ---- prospects --------------------------------------------------------- */

static DlProspectFacts
prospect (DlStageKind kind,
          guint       stale_days,
          int         entered,
          int         contact,
          int         follow_up,
          int         revisit)
{
  DlProspectFacts p;

  p.stage_kind = kind;
  p.stale_after_days = stale_days;
  p.entered_stage_on = day_of (entered);
  p.last_contact = day_of (contact);
  p.next_follow_up = day_of (follow_up);
  p.revisit_on = day_of (revisit);

  return p;
}

static void
test_prospect_due (void)
{
  static const struct
  {
    DlStageKind kind;
    int         follow_up;
    int         revisit;
    int         expected;
  } cases[] = {
    { DL_STAGE_OPEN, DAY (3), 0, DAY (3) },
    { DL_STAGE_OPEN, DAY (-2), 0, DAY (-2) },          /* missed: still due */
    { DL_STAGE_OPEN, DAY (3), DAY (1), DAY (3) },      /* a revisit date only counts in "not now" */
    { DL_STAGE_OPEN, 0, 0, 0 },
    { DL_STAGE_NOT_NOW, 0, DAY (30), DAY (30) },
    { DL_STAGE_NOT_NOW, DAY (5), DAY (30), DAY (5) },
    { DL_STAGE_NOT_NOW, DAY (40), DAY (30), DAY (30) },
    { DL_STAGE_NOT_NOW, DAY (40), 0, DAY (40) },
    { DL_STAGE_NOT_NOW, 0, 0, 0 },
    { DL_STAGE_JOINED, DAY (3), DAY (1), 0 },          /* a member now */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlProspectFacts p = prospect (cases[i].kind, 14, DAY (-10), DAY (-1),
                                    cases[i].follow_up, cases[i].revisit);

      g_test_message ("case %u", i);
      g_assert_cmpint (dl_rules_prospect_due_on (&p), ==, day_of (cases[i].expected));
    }
}

static void
test_prospect_stale (void)
{
  static const struct
  {
    const char *what;
    DlStageKind kind;
    guint       stale_days;
    int         entered;
    int         contact;
    int         follow_up;
    int         revisit;
    gboolean    stale;
  } cases[] = {
    { "14 days silent", DL_STAGE_OPEN, 14, DAY (-100), DAY (-14), 0, 0, TRUE },
    { "13 days silent", DL_STAGE_OPEN, 14, DAY (-100), DAY (-13), 0, 0, FALSE },
    { "silent, follow-up in 2 days", DL_STAGE_OPEN, 14, DAY (-100), DAY (-20), DAY (2), 0, FALSE },
    { "silent, follow-up today", DL_STAGE_OPEN, 14, DAY (-100), DAY (-20), DAY (0), 0, FALSE },
    { "silent, follow-up missed", DL_STAGE_OPEN, 14, DAY (-100), DAY (-20), DAY (-1), 0, TRUE },
    { "never contacted, entered 20 days ago", DL_STAGE_OPEN, 14, DAY (-20), 0, 0, 0, TRUE },
    { "never contacted, entered 5 days ago", DL_STAGE_OPEN, 14, DAY (-5), 0, 0, 0, FALSE },
    { "old contact, moved to this stage 3 days ago", DL_STAGE_OPEN, 14, DAY (-3), DAY (-30), 0, 0,
      FALSE },
    { "nothing known at all", DL_STAGE_OPEN, 14, 0, 0, 0, 0, TRUE },
    { "contact dated in the future", DL_STAGE_OPEN, 14, DAY (-100), DAY (2), 0, 0, FALSE },
    { "joined: a member, never stale", DL_STAGE_JOINED, 14, DAY (-100), DAY (-100), 0, 0, FALSE },
    { "not now, revisit scheduled", DL_STAGE_NOT_NOW, 30, DAY (-100), DAY (-60), 0, DAY (10), FALSE },
    { "not now, revisit missed", DL_STAGE_NOT_NOW, 30, DAY (-100), DAY (-60), 0, DAY (-1), TRUE },
    { "not now, no revisit", DL_STAGE_NOT_NOW, 30, DAY (-100), DAY (-60), 0, 0, TRUE },
    { "stale-after 0 means never", DL_STAGE_OPEN, 0, DAY (-100), DAY (-100), 0, 0, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlProspectFacts p = prospect (cases[i].kind, cases[i].stale_days, cases[i].entered,
                                    cases[i].contact, cases[i].follow_up, cases[i].revisit);

      g_test_message ("%s", cases[i].what);
      g_assert_cmpint (dl_rules_prospect_is_stale (&p, today), ==, cases[i].stale);
    }
}

/* ---- tree integrity ------------------------------------------------------ */

static void
test_can_move (void)
{
  /* 1 (you) ─┬─ 2 Ann ─── 3 Ben ─── 4 Cat
   *          └─ 5 Dov
   *  orphan 20 Eli ─── 21 Fay */
  static const Member members[] = {
    { 2, 1, "Ann", DAY (-400) },
    { 3, 2, "Ben", DAY (-300) },
    { 4, 3, "Cat", DAY (-200) },
    { 5, 1, "Dov", DAY (-100) },
    { 20, 999, "Eli", DAY (-100) },
    { 21, 20, "Fay", DAY (-50) },
  };
  static const struct
  {
    gint64      member;
    gint64      sponsor;
    gboolean    ok;
    DlTreeError code;
  } cases[] = {
    { 2, 2, FALSE, DL_TREE_ERROR_CYCLE },   /* under themself */
    { 2, 3, FALSE, DL_TREE_ERROR_CYCLE },   /* under a recruit */
    { 2, 4, FALSE, DL_TREE_ERROR_CYCLE },   /* under a recruit's recruit */
    { 20, 21, FALSE, DL_TREE_ERROR_CYCLE },
    { 1, 5, FALSE, DL_TREE_ERROR_ROOT },    /* the user heads the tree */
    { 1, 20, FALSE, DL_TREE_ERROR_ROOT },
    { 3, 5, TRUE },
    { 4, 1, TRUE },
    { 4, 3, TRUE },                         /* where they already are */
    { 4, 2, TRUE },                         /* up, within their upline */
    { 21, 4, TRUE },
    { 5, 20, TRUE },
    { 2, 21, TRUE },
  };
  g_autoptr(DlTree) tree = build (members, G_N_ELEMENTS (members));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint member = index_of (tree, cases[i].member);
      guint sponsor = index_of (tree, cases[i].sponsor);
      gboolean ok;

      g_test_message ("%" G_GINT64_FORMAT " under %" G_GINT64_FORMAT,
                      cases[i].member, cases[i].sponsor);
      ok = dl_tree_can_move (tree, member, sponsor, &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          continue;
        }

      g_assert_error (error, DL_TREE_ERROR, (gint) cases[i].code);
      if (error == NULL)
        continue;
      g_test_message ("%s", error->message);

      /* The message names the people involved. */
      g_assert_nonnull (strstr (error->message, dl_tree_get_node (tree, sponsor)->name));
      if (cases[i].code == DL_TREE_ERROR_CYCLE)
        g_assert_nonnull (strstr (error->message, dl_tree_get_node (tree, member)->name));
    }

  /* A NULL error is fine. */
  g_assert_false (dl_tree_can_move (tree, index_of (tree, 2), index_of (tree, 4), NULL));
}

/* A tree that carries a learned model scores with it: the back office's
 * signals count, reasons say what each brings, inactive members get the
 * share who never came back.  Without the model the expert points. */
static void
test_risk_learned (void)
{
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (4);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlRisk) risk = NULL;
  g_autoptr(DlRisk) inactive = NULL;
  DlTreeNode user = { 0, }, row = { 0, };
  const DlRiskReason *first;
  DlRiskModel model;
  double z, tenure = 400 / (3.0 * 365);

  user.person_id = USER_ID;
  user.name = "You";
  user.joined_on = today - 3000;
  dl_tree_builder_add (builder, &user);
  row.sponsor_id = USER_ID;
  row.joined_on = today - 400;
  row.last_activity = today - 5;
  row.last_contact = today - 5;
  row.role = DL_ROLE_CUSTOMER;
  row.person_id = 2;
  row.name = "Cancelled";
  row.signals = DL_RISK_SIGNAL_AUTOSHIP_CANCELLED;
  dl_tree_builder_add (builder, &row);
  row.person_id = 3;
  row.name = "Steady";
  row.signals = 0;
  dl_tree_builder_add (builder, &row);
  row.person_id = 4;
  row.name = "Asleep";
  row.status = DL_MEMBER_INACTIVE;
  dl_tree_builder_add (builder, &row);
  /* two distributors: Quiet's last recruit joined 200 days ago, Busy's
   * 30 days ago */
  row.status = DL_MEMBER_ACTIVE;
  row.role = DL_ROLE_DISTRIBUTOR;
  row.person_id = 5;
  row.name = "Quiet";
  dl_tree_builder_add (builder, &row);
  row.person_id = 6;
  row.name = "Busy";
  dl_tree_builder_add (builder, &row);
  row.role = DL_ROLE_CUSTOMER;
  row.sponsor_id = 5;
  row.person_id = 7;
  row.joined_on = today - 200;
  dl_tree_builder_add (builder, &row);
  row.sponsor_id = 6;
  row.person_id = 8;
  row.joined_on = today - 30;
  dl_tree_builder_add (builder, &row);
  tree = dl_tree_builder_finish (builder, USER_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dl_tree_get_node (tree, index_of (tree, 5))->last_recruit_on, ==, today - 200);

  /* expert points: the autoship is not theirs to weigh */
  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 2), NULL, today, NULL), ==, 0);

  dl_risk_model_init_expert (&model, DL_RISK_FALLBACK_NONE);
  model.kind = DL_RISK_MODEL_LEARNED;
  memset (model.weights, 0, sizeof model.weights);
  model.intercept = -2;
  model.weights[DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = 2;
  model.weights[DL_RISK_FACTOR_TENURE] = -1;
  model.inactive_gone = 0.8;
  dl_tree_set_risk_model (tree, &model);

  /* 100 σ(-2 + 2 - tenure) and 100 σ(-2 - tenure) */
  z = -tenure;
  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 2), NULL, today, NULL), ==,
                    (guint) lround (100 / (1 + exp (-z))));
  g_assert_cmpuint (dl_rules_risk_score (tree, index_of (tree, 3), NULL, today, NULL), ==,
                    (guint) lround (100 / (1 + exp (2 - z))));

  risk = dl_rules_risk (tree, index_of (tree, 2), NULL, today);
  g_assert_true (risk->learned);
  g_assert_cmpuint (risk->reasons->len, ==, 1);
  first = &g_array_index (risk->reasons, DlRiskReason, 0);
  g_assert_cmpint (first->factor, ==, DL_RISK_FACTOR_AUTOSHIP_CANCELLED);
  g_assert_cmpstr (first->sentence, ==, "Autoship cancelled in the last two months");
  g_assert_cmpuint (first->points, ==, (guint) lround (100 / (1 + exp (-z)) - 100 / (1 + exp (2 - z))));

  /* no recruit in six months counts once the model weighs it */
  model.weights[DL_RISK_FACTOR_NO_RECENT_RECRUIT] = 1;
  dl_tree_set_risk_model (tree, &model);
  {
    g_autoptr(DlRisk) quiet = dl_rules_risk (tree, index_of (tree, 5), NULL, today);
    g_autoptr(DlRisk) busy = dl_rules_risk (tree, index_of (tree, 6), NULL, today);

    g_assert_cmpuint (quiet->reasons->len, ==, 1);
    g_assert_cmpint (g_array_index (quiet->reasons, DlRiskReason, 0).factor, ==, DL_RISK_FACTOR_NO_RECENT_RECRUIT);
    g_assert_cmpstr (g_array_index (quiet->reasons, DlRiskReason, 0).sentence, ==,
                     "No new recruit of their own in the last six months");
    g_assert_cmpuint (busy->reasons->len, ==, 0);
    g_assert_cmpuint (quiet->score, >, busy->score);
  }

  inactive = dl_rules_risk (tree, index_of (tree, 4), NULL, today);
  g_assert_cmpuint (inactive->score, ==, 80);
  g_assert_cmpint (inactive->band, ==, DL_RISK_HIGH);
  g_assert_cmpuint (inactive->reasons->len, ==, 1);
  g_assert_cmpint (g_array_index (inactive->reasons, DlRiskReason, 0).factor, ==, DL_RISK_FACTOR_NO_ACTIVITY);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  /* A Saturday in a leap year, after Feb 29. */
  today = dl_day_from_iso ("2024-06-15");

  g_test_add_func ("/rules/cadence/defaults", test_cadence_defaults);
  g_test_add_func ("/rules/cadence", test_cadence);
  g_test_add_func ("/rules/due", test_due);
  g_test_add_func ("/rules/due/calendar", test_due_calendar);
  g_test_add_func ("/rules/due/unwelcomed", test_unwelcomed);
  g_test_add_func ("/rules/due/started-late", test_started_late);
  g_test_add_func ("/rules/due-list", test_due_list);
  g_test_add_func ("/rules/due-list/large", test_due_list_large);
  g_test_add_func ("/rules/risk/alone", test_risk_alone);
  g_test_add_func ("/rules/risk/thresholds", test_risk_thresholds);
  g_test_add_func ("/rules/risk/combined", test_risk_combined);
  g_test_add_func ("/rules/risk/bands", test_risk_bands);
  g_test_add_func ("/rules/risk/not-scored", test_risk_not_scored);
  g_test_add_func ("/rules/risk/factor-info", test_risk_factor_info);
  g_test_add_func ("/rules/risk/learned", test_risk_learned);
  g_test_add_func ("/rules/activity", test_activity);
  g_test_add_func ("/rules/prospect/due", test_prospect_due);
  g_test_add_func ("/rules/prospect/stale", test_prospect_stale);
  g_test_add_func ("/rules/can-move", test_can_move);

  return g_test_run ();
}

/* dl-today.h — the Today list: who is due, in sections, and progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds on the due rules of dl-rules.h: one pass over the members (the
 * due list of dl_rules_collect_due ()) and one over the prospects, sorted
 * into the sections the Today view shows.  GLib only; "today" is always
 * passed in, never read from the clock, so every rule can be tested on
 * any date.
 */

#pragma once

#include "dl-day.h"
#include "dl-events.h"
#include "dl-rules.h"
#include "dl-tree.h"

G_BEGIN_DECLS

/* How far ahead "Coming up" looks. */
#define DL_TODAY_HORIZON_DAYS 7

typedef enum
{
  DL_TODAY_OVERDUE,       /* member check-ins past their day */
  DL_TODAY_DUE_TODAY,     /* member check-ins due today */
  DL_TODAY_WELCOME,       /* members not welcomed yet */
  DL_TODAY_FOLLOW_UP,     /* prospects whose follow-up day has come */
  DL_TODAY_COMING_UP,     /* anything due in the next DL_TODAY_HORIZON_DAYS days */
  DL_TODAY_N_SECTIONS,
} DlTodaySection;

typedef enum
{
  DL_TODAY_KIND_CHECK_IN,
  DL_TODAY_KIND_WELCOME,
  DL_TODAY_KIND_FOLLOW_UP,
} DlTodayKind;

/* A prospect as the Today list needs it. */
typedef struct
{
  gint64           person_id;
  const char      *name;      /* borrowed, never NULL */
  DlProspectFacts  facts;
} DlTodayProspect;

typedef struct
{
  gint64       person_id;
  const char  *name;          /* borrowed from the tree or the prospects */
  guint32      index;         /* tree index, or index in the prospects */
  guint8       section;       /* DlTodaySection */
  guint8       kind;          /* DlTodayKind */
  DlDay        due_on;
  gint32       days_overdue;  /* today - due_on */
  DlDay        last_contact;  /* DL_DAY_NONE if never */
  DlDay        joined_on;     /* members; DL_DAY_NONE for prospects */
  guint        cadence_days;  /* members' check-in interval; 0 otherwise */
} DlTodayEntry;

typedef struct
{
  GArray *entries;                         /* of DlTodayEntry, by section, then day, then name */
  guint   section_start[DL_TODAY_N_SECTIONS];
  guint   section_count[DL_TODAY_N_SECTIONS];
  guint   n_done;                          /* owed contacts already logged today */
  guint   n_open;                          /* still owed today: every section but Coming up */
} DlTodayPlan;

DlTodayPlan *dl_today_plan_new     (void);
void         dl_today_plan_free    (DlTodayPlan           *plan);

/* Fills plan for today.  prospects may be NULL when n_prospects is 0;
 * tree may be NULL (no downline yet).  A prospect's follow-up counts as
 * done once a contact is logged on or after its day, so logging a
 * contact takes it off the list and undoing the log brings it back.
 * "Done" counts the members who are the user's to check in with and the
 * prospects with a follow-up that came due, contacted today. */
void         dl_today_plan_compute (DlTodayPlan           *plan,
                                    const DlTree          *tree,
                                    const DlCadence       *cadence,
                                    const DlTodayProspect *prospects,
                                    guint                  n_prospects,
                                    DlDay                  today);

/* The same with another look-ahead than DL_TODAY_HORIZON_DAYS ("Coming
 * up" then reaches today + horizon_days), for a calendar export. */
void         dl_today_plan_compute_ahead (DlTodayPlan           *plan,
                                          const DlTree          *tree,
                                          const DlCadence       *cadence,
                                          const DlTodayProspect *prospects,
                                          guint                  n_prospects,
                                          DlDay                  today,
                                          guint                  horizon_days);

/* Why the entry is on the list, in words ("14 days since your last
 * contact"); translated plain text. */
char        *dl_today_entry_describe (const DlTodayEntry  *entry,
                                      DlDay                today);
/* "Last contact 3 days ago", "Never contacted". */
char        *dl_today_describe_last_contact (DlDay        last_contact,
                                             DlDay        today);
const char  *dl_today_section_get_title (DlTodaySection section);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTodayPlan, dl_today_plan_free)

/* ---- The day plan ------------------------------------------------------
 *
 * What Today shows: at most a daily capacity of tasks, most important
 * first, each with its reason; everything else counted in roll-ups.
 *
 * Tiers, in order (one task per person, the first tier that applies):
 *   1. welcome: a member who is the user's and has no contact since
 *      joining, within DL_TODAY_FIRST_WEEKS_END days of joining, and who
 *      joined after the user started (joined on or after started_on -
 *      DL_TODAY_WELCOME_WINDOW_DAYS): imported and older members are not
 *      "never welcomed";
 *   2. first-weeks: the touchpoints on days 2, 7 and 30 after joining,
 *      each owed from its day until the next one's (day 30: for a week)
 *      unless a contact was logged on or after its day;
 *   3. upline-welcome: a new second-level member, on the same terms as a
 *      welcome;
 *   4. event: a back-office event (autoship cancelled, rank down …) with
 *      no contact since, for DL_TODAY_EVENT_DAYS;
 *   5. check-ins of high-risk members, personal recruits first;
 *   6. ordinary check-ins, most overdue first;
 *   7. prospects' follow-ups, earliest first.
 * A routine check-in more than one interval late has expired: it goes to
 * the check-in roll-up and never into the plan.  Welcomes and events do
 * not expire; what does not fit today rolls up too.
 *
 * Stability: pinned is the plan chosen earlier the same day (person and
 * kind, in order).  Those tasks keep their places; a pinned person who no
 * longer owes anything is marked done (a contact logged today) or cleared
 * (snoozed, or "done, no contact needed"), and only the capacity left
 * over is filled with new tasks. */

#define DL_TODAY_DEFAULT_CAPACITY     15
#define DL_TODAY_WELCOME_WINDOW_DAYS   3   /* 72 hours */
#define DL_TODAY_FIRST_WEEKS_END      30
#define DL_TODAY_LAST_TOUCH_DAYS       7   /* how long the day-30 touchpoint waits */
#define DL_TODAY_EVENT_DAYS           30
#define DL_TODAY_CATCH_UP_DAYS        42   /* roll-ups propose clearing in six weeks */
#define DL_TODAY_WEEK_DAYS             7

typedef enum
{
  DL_TASK_WELCOME,
  DL_TASK_FIRST_WEEKS,
  DL_TASK_UPLINE_WELCOME,
  DL_TASK_EVENT,
  DL_TASK_CHECK_IN,
  DL_TASK_FOLLOW_UP,
  DL_TASK_N_KINDS,
} DlTaskKind;

/* A back-office event (dl-events.h) as Today sees it: whose, which, and
 * the day it became known. */
typedef struct
{
  gint64  person_id;
  guint8  type;          /* DlEventType */
  DlDay   on;
} DlPlanEvent;

typedef enum
{
  DL_TASK_OPEN,
  DL_TASK_DONE,          /* a contact logged today */
  DL_TASK_CLEARED,       /* no longer owed without a contact: snoozed, dismissed */
} DlTaskState;

/* A task's identity within a day, for keeping the plan in place. */
typedef struct
{
  gint64  person_id;
  guint8  kind;          /* DlTaskKind */
} DlTaskKey;

typedef struct
{
  gint64       person_id;
  const char  *name;          /* borrowed from the tree or the prospects */
  const char  *sponsor_name;  /* borrowed; NULL for prospects and roots */
  guint32      index;         /* tree index, or index in the prospects */
  guint8       kind;          /* DlTaskKind */
  guint8       state;         /* DlTaskState */
  guint8       event_kind;    /* DlEventType, for DL_TASK_EVENT */
  guint8       risk_band;     /* DlRiskBand; members only */
  guint8       risk_score;
  guint8       touch_day;     /* 2, 7 or 30 for first-weeks */
  guint16      level;         /* 1 = personal recruit; 0 for prospects */
  DlDay        due_on;
  gint32       days_overdue;  /* today - due_on */
  DlDay        joined_on;     /* members; DL_DAY_NONE for prospects */
  DlDay        last_contact;
  DlDay        event_on;
  guint        cadence_days;
} DlTask;

typedef struct
{
  guint8  kind;          /* DlTaskKind */
  guint   count;         /* how many did not make today's plan */
  guint   per_day;       /* a pace that clears them in DL_TODAY_CATCH_UP_DAYS, at most a third of the capacity */
} DlRollup;

typedef struct
{
  guint           capacity;      /* 0: DL_TODAY_DEFAULT_CAPACITY */
  DlDay           started_on;    /* first use of Downline; DL_DAY_NONE: today */
  guint32         kinds_off;     /* 1 << DlTaskKind */
  guint32         events_off;    /* 1 << DlEventType */
  const DlPlanEvent *events;
  guint           n_events;
  const DlTaskKey *pinned;
  guint           n_pinned;
} DlPlanOptions;

typedef struct
{
  GArray  *tasks;          /* of DlTask: at most the capacity, in plan order */
  GArray  *rollups;        /* of DlRollup, by kind; only kinds with a count */
  GArray  *overflow;       /* of DlTask: what rolled up, by kind, most important first */
  guint    week[DL_TODAY_WEEK_DAYS];  /* tasks coming on each of the next days (today + 1 …) */
  guint    week_kinds[DL_TODAY_WEEK_DAYS][DL_TASK_N_KINDS];
  guint    n_done;         /* tasks of the plan done or cleared */
  guint    capacity;
} DlDayPlan;

DlDayPlan   *dl_day_plan_new        (void);
void         dl_day_plan_free       (DlDayPlan             *plan);
void         dl_day_plan_build      (DlDayPlan             *plan,
                                     const DlTree          *tree,
                                     const DlCadence       *cadence,
                                     const DlTodayProspect *prospects,
                                     guint                  n_prospects,
                                     const DlPlanOptions   *options,
                                     DlDay                  today);
/* The overflow tasks of one roll-up: a range of plan->overflow. */
const DlTask *dl_day_plan_get_rollup_tasks (const DlDayPlan *plan,
                                            DlTaskKind       kind,
                                            guint           *n_tasks);

/* "welcome", "first-weeks", … as on the command line. */
const char  *dl_task_kind_to_string (DlTaskKind             kind);
/* The built-in letter that suits a task ("welcome", "upline-welcome",
 * "check-in", "congratulations" for a rank reached); NULL for a
 * prospect's follow-up.  event is the task's DlEventType (any value for
 * other kinds). */
const char  *dl_task_get_letter     (DlTaskKind             kind,
                                     guint                  event);
/* "Welcome", "Check-In" …: translated, for a row's tag. */
const char  *dl_task_kind_get_title (DlTaskKind             kind);
/* Why this task, and why today: translated plain text. */
char        *dl_task_describe       (const DlTask          *task,
                                     DlDay                  today);
/* "212 more check-ins are overdue — catch up 5 a day". */
char        *dl_rollup_describe     (const DlRollup        *rollup);
/* "5 welcomes, 3 check-ins, 2 follow-ups": the open tasks by kind. */
char        *dl_day_plan_describe_counts (const DlDayPlan  *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlDayPlan, dl_day_plan_free)



G_END_DECLS

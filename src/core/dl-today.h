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

G_END_DECLS

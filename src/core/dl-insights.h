/* dl-insights.h — is the business growing, who duplicates, who stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures behind the Insights view and `--retention`, counted from
 * the back office's months (dl-history.h) and the downline (dl-tree.h).
 * GLib only; every function is one or two passes over its arrays, so a
 * million members and eighteen months take a fraction of a second.
 */

#pragma once

#include "dl-history.h"
#include "dl-tree.h"

G_BEGIN_DECLS

/* ---- Retention by join month ------------------------------------------ */

#define DL_INSIGHTS_N_HORIZONS 4
/* The months after joining that retention looks at: 1, 3, 6 and 12. */
guint        dl_insights_horizon          (guint index);

/* The field's figure: about one in five is still active a year on. */
#define DL_INSIGHTS_FIELD_RETENTION_12 0.20

typedef struct
{
  DlPeriod  joined;                               /* the join month */
  guint     n_joined;
  gint      active_after[DL_INSIGHTS_N_HORIZONS]; /* -1: that month not known yet */
} DlCohort;

/* One cohort per join month that has members and one of whose months
 * after joining (1, 3, 6 or 12 on) is known, oldest first (a GArray of
 * DlCohort).  A member
 * counts as active after k months when the month k after their join
 * month shows them active. */
GArray      *dl_insights_cohorts          (const DlHistory *history);

/* The share of all cohorts' members still active after horizon index h
 * (those whose month is known), NAN when none is known; n (may be NULL)
 * receives how many members it is of. */
double       dl_insights_retention        (const GArray    *cohorts,
                                           guint            h,
                                           guint           *n);

/* ---- Growth ------------------------------------------------------------ */

typedef struct
{
  DlPeriod  period;
  guint     joined;            /* joined that month */
  guint     became_inactive;   /* active the month before, inactive now */
  guint     terminated;        /* gone this month */
  guint     reactivated;       /* inactive the month before, active now */
  guint     active;
  guint     total;             /* active and inactive: everyone not gone */
} DlGrowthMonth;

/* One entry per month of the history, oldest first (a GArray of
 * DlGrowthMonth); a month no export covers has all counts 0. */
GArray      *dl_insights_growth           (const DlHistory *history);

/* ---- Duplication ------------------------------------------------------- */

typedef struct
{
  guint32  node;                 /* a personally enrolled member, index in the tree */
  guint    team_size;            /* their downline, themselves not counted */
  guint    generations;          /* levels below them */
  guint    n_recruits;
  guint    n_recruits_recruiting;/* of those, how many have a recruit */
} DlDuplicationRow;

typedef struct
{
  GArray  *rows;                 /* DlDuplicationRow, largest team first */
  guint    n_members;            /* the organisation, the user not counted */
  guint    n_recruiting;         /* members with a recruit of their own */
  GArray  *levels;               /* guint: members at level 1, 2, … */
} DlDuplication;

DlDuplication *dl_insights_duplication     (const DlTree  *tree);
void           dl_duplication_free         (DlDuplication *duplication);

/* ---- Income ------------------------------------------------------------ */

typedef struct
{
  double  per_active;       /* what one active member earns the user a month */
  guint   active_now;
  double  monthly_growth;   /* net change of the active count a month, as a share */
  guint   growth_months;    /* how many months that average is over; 0: none known */
  double  income_now;
  double  income_in_12;     /* if the growth goes on for a year */
  guint   active_in_12;
} DlIncomeProjection;

/* From the latest months (the last three changes of the active count)
 * when the history has them, else from active_now alone with no growth. */
void         dl_insights_income           (const GArray       *growth,
                                           guint               active_now,
                                           double              per_active,
                                           DlIncomeProjection *out);

/* ---- Effort ------------------------------------------------------------ */

/* The habits the field asks for, week by week. */
#define DL_INSIGHTS_EFFORT_WEEKS 12
/* A welcome counts within three days (72 hours) of joining. */
#define DL_INSIGHTS_WELCOME_DAYS 3

typedef struct
{
  DlDay  week_start;       /* a Monday */
  guint  new_contacts;     /* people added to the pipeline */
  guint  contacts_logged;  /* calls, meetings, messages… (not notes) */
  guint  pipeline;         /* prospects in the open stages at the week's end */
  guint  joined;           /* members who joined that week */
  guint  welcomed;         /* of those, contacted within 72 hours of joining */
} DlEffortWeek;

/* The Monday of the week of day. */
DlDay        dl_insights_week_start       (DlDay            day);

/* Fills weeks[i].week_start for n weeks from first (a Monday), and the
 * joined and welcomed counts from the history's members and contact
 * log; the other counts are the store's (dl_store_read_effort ()). */
void         dl_insights_welcomes         (const DlHistory *history,
                                           DlDay            first,
                                           guint            n,
                                           DlEffortWeek    *weeks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlDuplication, dl_duplication_free)

G_END_DECLS

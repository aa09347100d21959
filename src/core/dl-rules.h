/* dl-rules.h — cadence, due dates, dropout risk, activity and staleness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions of a DlTree (or of a prospect's dates) and "today".  No
 * function reads the clock: the caller passes today (dl_day_today ()), so
 * every rule can be tested on any date.  All days are local calendar days.
 *
 * The numbers below are what the UI shows when it explains a rule, so
 * they are named here rather than buried in the code.
 */

#pragma once

#include "dl-day.h"
#include "dl-risk-model.h"
#include "dl-tree.h"

G_BEGIN_DECLS

/* ---- Cadence ---------------------------------------------------------
 *
 * Who the user checks in with, and how often:
 *   - the user (the root) and dropped members: never;
 *   - a member's own cadence override, when set: that many days;
 *   - personally sponsored members (level 1): every 14 days;
 *   - second-level members: every 30 days;
 *   - deeper members: their sponsor's job (no check-in for the user),
 *     unless that sponsor is inactive or dropped, then the user's, every 30
 *     days (the second-level interval);
 *   - members with no sponsor in the tree (orphans, from an import) and
 *     everyone under them: an orphan is the user's, every 30 days, since
 *     nobody else is known to look after them; their downline counts as
 *     "deeper" (their sponsor's job, unless that sponsor is inactive or
 *     dropped);
 *   - and for anyone who is the user's: every 7 days while new, that is
 *     while the last check-in (or the joining) fell within 30 days of
 *     joining.
 *
 * Tenure is measured at the last check-in, not today, so a due date moves
 * only when something is logged, never because a day passed. */

#define DL_CADENCE_NEW_MEMBER_DAYS        30
#define DL_CADENCE_NEW_MEMBER_EVERY        7
#define DL_CADENCE_PERSONAL_EVERY         14
#define DL_CADENCE_SECOND_LEVEL_EVERY     30

/* Intervals in days, from the preferences; 0 turns that kind of check-in
 * off (for new members: no weekly rhythm, the level's interval applies). */
typedef struct
{
  guint new_member_days;      /* tenure that counts as new */
  guint new_member_every;     /* interval while new */
  guint personal_every;       /* personally sponsored members */
  guint second_level_every;   /* second level, and members the user takes over */
} DlCadence;

#define DL_CADENCE_INIT { DL_CADENCE_NEW_MEMBER_DAYS, DL_CADENCE_NEW_MEMBER_EVERY, \
                          DL_CADENCE_PERSONAL_EVERY, DL_CADENCE_SECOND_LEVEL_EVERY }

void     dl_cadence_init_defaults (DlCadence *cadence);

/* The check-in interval in days for the member at index, or 0 when the
 * member is not the user's to check in with.  cadence may be NULL for the
 * defaults. */
guint    dl_rules_cadence_days    (const DlTree    *tree,
                                   guint            index,
                                   const DlCadence *cadence);

/* The interval the member would have without their own override: what
 * "use the default" means on that member (0: not the user's to check in
 * with by default). */
guint    dl_rules_default_cadence_days (const DlTree    *tree,
                                        guint            index,
                                        const DlCadence *cadence);

/* ---- Due ------------------------------------------------------------ */

/* A member joined on day J with no contact logged on or after J.  True at
 * any age, for the Today list; the dropout-risk factor waits
 * DL_WELCOME_GRACE_DAYS (dl-risk-model.h).  Never true of the user or of
 * dropped members. */
gboolean dl_rules_is_unwelcomed   (const DlTree    *tree,
                                   guint            index);

typedef enum
{
  DL_DUE_CHECK_IN,
  DL_DUE_WELCOME,     /* not welcomed yet: due from the joining day */
} DlDueKind;

typedef struct
{
  guint32  node;          /* index in the tree */
  DlDay    due_on;
  gint32   days_overdue;  /* today - due_on: 0 due today, < 0 due later */
  guint32  kind;          /* DlDueKind */
} DlDueItem;

/* What the user owes the member at index: a welcome (due on the joining
 * day) when dl_rules_is_unwelcomed(), else a check-in due on
 * max (last_contact, joined_on) + cadence; never before snoozed_until.
 * A member with no known join date nor contact is due today.  Returns
 * FALSE, leaving *item alone, when the member is not the user's
 * (dl_rules_cadence_days() is 0). */
gboolean dl_rules_member_due      (const DlTree    *tree,
                                   guint            index,
                                   const DlCadence *cadence,
                                   DlDay            today,
                                   DlDueItem       *item);

/* Replaces the contents of items (a GArray of DlDueItem) with every member
 * due on or before today + horizon_days, sorted by due day, then name
 * (ASCII case-insensitively, as g_ascii_strcasecmp(); locale collation is
 * the views' business), then person id.  One pass over the tree, one
 * sort: about 10 ms for 100,000 members. */
void     dl_rules_collect_due     (const DlTree    *tree,
                                   const DlCadence *cadence,
                                   DlDay            today,
                                   guint            horizon_days,
                                   GArray          *items);

/* What the day plan needs of every member the user owes a contact, in
 * tree order and unsorted (the plan picks its own order, and sorting a
 * million items would cost more than the whole plan): the due item and
 * the member's interval.  Members who are not the user's are left out. */
typedef struct
{
  guint32  node;
  DlDay    due_on;        /* as dl_rules_member_due () */
  guint16  cadence_days;
  guint8   kind;          /* DlDueKind */
} DlOwedItem;

void     dl_rules_collect_owed    (const DlTree    *tree,
                                   const DlCadence *cadence,
                                   DlDay            today,
                                   GArray          *items);

/* Whether the member at index is owed a welcome today: no contact since
 * joining, not the user nor dropped, joined at most
 * DL_RULES_WELCOME_KEEP_DAYS ago, and joined after the user started
 * (on or after started_on - DL_RULES_WELCOME_WINDOW_DAYS): a member who
 * was in the business before Downline knew of them is not "never
 * welcomed", however old the import that brought them.  started_on
 * DL_DAY_NONE means today.  The one definition of "not welcomed yet" for
 * Today and for letters' segments. */
#define DL_RULES_WELCOME_WINDOW_DAYS  3    /* 72 hours */
#define DL_RULES_WELCOME_KEEP_DAYS   30    /* past the first weeks it is a check-in */

gboolean dl_rules_needs_welcome   (const DlTree    *tree,
                                   guint            index,
                                   DlDay            started_on,
                                   DlDay            today);

/* ---- Prospects ------------------------------------------------------ */

typedef struct
{
  DlStageKind stage_kind;
  guint       stale_after_days;  /* the stage's setting */
  DlDay       entered_stage_on;
  DlDay       last_contact;      /* DL_DAY_NONE if never */
  DlDay       next_follow_up;    /* DL_DAY_NONE if none scheduled */
  DlDay       revisit_on;        /* "not now" stage: when to ask again */
} DlProspectFacts;

/* When the prospect is next due: the follow-up date; in a "not now" stage
 * the earlier of follow-up and revisit date; DL_DAY_NONE in the joined
 * stage (they are a member now) or when nothing is scheduled. */
DlDay    dl_rules_prospect_due_on   (const DlProspectFacts *prospect);

/* No contact for stale_after_days (counted from the last contact, or from
 * entering the stage if later) and nothing scheduled for today or later:
 * a scheduled follow-up is not neglect, a missed one is.  Never true in
 * the joined stage. */
gboolean dl_rules_prospect_is_stale (const DlProspectFacts *prospect,
                                     DlDay                  today);

/* ---- Activity ------------------------------------------------------
 *
 *   active:   own activity (order, sale, sign-up) within 30 days; joining
 *             counts as activity, so a new member starts active;
 *   cooling:  own activity within 90 days, or a contact within 30 days
 *             (still talking, though not ordering);
 *   inactive: neither, or status inactive or dropped. */

#define DL_ACTIVITY_ACTIVE_DAYS       30
#define DL_ACTIVITY_COOLING_DAYS      90
#define DL_ACTIVITY_CONTACT_DAYS      30

DlActivity dl_rules_activity      (const DlTreeNode *node,
                                   DlDay             today);

/* ---- Dropout risk --------------------------------------------------
 *
 * When the tree carries a learned model (dl_tree_set_risk_model ()), the
 * score is that model's (dl-risk-model.h), and each reason's points are
 * what the score would lose without it.  Otherwise, the expert points:
 * the score is the sum of the factors that apply (at most 100); each
 * factor comes with its points and a sentence the UI shows as the reason.
 * The weights add up to 100.  Dropped members are not scored (band
 * DL_RISK_DROPPED, score 0); nor is the user.  Factors about contact
 * (overdue, never welcomed) only count for members who are the user's to
 * check in with: for the others the user's log is silent by design. */

/* The factors, their weights, titles and when they apply are in
 * dl-risk-model.h. */

typedef struct
{
  DlRiskFactor  factor;
  guint         points;
  char         *sentence;   /* translated plain text, not markup */
} DlRiskReason;

typedef struct
{
  guint       score;        /* 0–100 */
  DlRiskBand  band;
  GArray     *reasons;      /* of DlRiskReason, most points first */
  gboolean    learned;      /* scored by the model learned from the
                             * business's history, not the expert points */
} DlRisk;

/* The score, band and reasons of the member at index. */
DlRisk     *dl_rules_risk             (const DlTree    *tree,
                                       guint            index,
                                       const DlCadence *cadence,
                                       DlDay            today);
void        dl_risk_free              (DlRisk          *risk);

/* The same score and band, without allocating: for colouring a whole
 * tree.  band may be NULL. */
guint       dl_rules_risk_score       (const DlTree    *tree,
                                       guint            index,
                                       const DlCadence *cadence,
                                       DlDay            today,
                                       DlRiskBand      *band);


/* ---- Tree integrity ------------------------------------------------ */

/* Whether the member at member_index may be moved under the member at
 * new_sponsor_index.  Refuses, with a DL_TREE_ERROR and a message naming
 * both people, a move under themself or anyone in their own downline
 * (DL_TREE_ERROR_CYCLE), and any move of the user (DL_TREE_ERROR_ROOT). */
gboolean    dl_tree_can_move          (const DlTree    *tree,
                                       guint            member_index,
                                       guint            new_sponsor_index,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlRisk, dl_risk_free)

G_END_DECLS

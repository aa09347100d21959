/* dl-sample.h — a believable made-up business for trying the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The generator works on plain arrays and small indices into fixed word
 * tables, so a million members fit in a few tens of megabytes and the store
 * can write them without a single allocation per row.  Everything follows
 * from (seed, n_members, today): the same three give the same business.
 */

#pragma once

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_SAMPLE_DEFAULT_MEMBERS   300
#define DL_SAMPLE_DEFAULT_PROSPECTS 120
/* About 100 bytes of memory and 400 bytes of file per member. */
#define DL_SAMPLE_MAX_MEMBERS       10000000
/* Levels below the user; a member this deep never recruits. */
#define DL_SAMPLE_MAX_DEPTH         20
/* Members joined over this many days before today. */
#define DL_SAMPLE_SPAN_DAYS         (3 * 365)
#define DL_SAMPLE_MAX_OPEN_STAGES   16
#define DL_SAMPLE_NONE              G_MAXUINT32

typedef struct
{
  guint          n_members;        /* the downline, not counting the user */
  guint          n_prospects;      /* pipeline rows, Joined ones included */
  guint32        seed;
  DlDay          today;
  /* The open stages in position order, by their stale-after days; the
   * generator needs them to make some prospects stale on purpose. */
  guint          n_open_stages;
  guint          open_stale_days[DL_SAMPLE_MAX_OPEN_STAGES];
  /* Whether the board has a Joined and a Not now column to fill. */
  gboolean       with_joined;
  gboolean       with_not_now;
} DlSampleOptions;

/* Person 0 is the user; persons 1..n_members are the members in join
 * order; the pipeline's own people follow. */
typedef struct
{
  DlDay          created_on;
  guint32        referrer;         /* person named in the source, or NONE */
  guint32        created_second;   /* of the UTC day */
  guint16        first_name;
  guint16        last_name;
  guint16        city;
  guint16        category;
  guint8         source;
  guint8         best_time;
  guint8         notes;
  guint8         email_style;
  guint8         phone_digits;     /* the two last digits of 555-01xx */
  guint8         phone_style;
} DlSamplePerson;

/* Member i is person i; member 0 is the user.  A sponsor always comes
 * before its recruits, so the array is in a valid insertion order. */
typedef struct
{
  guint32        sponsor;          /* member index; NONE for the user */
  guint32        number;           /* back-office number */
  guint32        n_recruits;
  guint32        downline;         /* members below, at any depth */
  DlDay          joined_on;
  DlDay          status_since;     /* DL_DAY_NONE while active */
  DlDay          last_activity;
  DlDay          snoozed_until;    /* DL_DAY_NONE when not snoozed */
  guint16        cadence_days;     /* 0: the default rules */
  guint16        level;            /* 0 for the user */
  guint8         status;           /* DlMemberStatus */
  guint8         role;             /* DlRole */
  guint8         rank;             /* see dl_sample_rank_name() */
} DlSampleMember;

typedef struct
{
  guint32        person;
  guint32        position;         /* order within the stage */
  DlDay          next_follow_up;   /* DL_DAY_NONE: none planned */
  DlDay          entered_stage_on;
  DlDay          revisit_on;       /* Not now only */
  guint32        entered_stage_second;
  guint8         stage_kind;       /* DlStageKind */
  guint8         open_stage;       /* index among the open stages */
  guint8         interest;         /* DlInterest */
  guint8         qualification;    /* DlQualification flags */
  guint8         reason;           /* Not now only, see dl_sample_reason_text() */
} DlSampleProspect;

/* Grouped by person, in person order, each person's in time order. */
typedef struct
{
  guint32        person;
  DlDay          day;
  guint16        minute;           /* local time of day */
  guint8         kind;             /* DlContactKind */
  guint8         summary;          /* see dl_sample_summary_text() */
} DlSampleInteraction;

typedef struct
{
  DlDay                today;
  guint                n_persons;
  DlSamplePerson      *persons;
  guint                n_members;  /* the user included */
  DlSampleMember      *members;
  guint                n_prospects;
  DlSampleProspect    *prospects;
  guint                n_interactions;
  DlSampleInteraction *interactions;
  /* Per person: the latest interaction that is a contact, not a note. */
  guint32             *last_contact;  /* index into interactions, or NONE */
  guint                max_depth;
} DlSample;

/* Four open stages of 14 days, Joined and Not now columns, and the
 * default number of prospects. */
void         dl_sample_options_init     (DlSampleOptions *options,
                                         guint            n_members,
                                         guint32          seed,
                                         DlDay            today);
DlSample    *dl_sample_new              (const DlSampleOptions *options);
void         dl_sample_free             (DlSample        *sample);

/* The written-out forms, for the store.  Static strings stay valid for the
 * life of the program; the buffers belong to the caller's struct. */
typedef struct
{
  const char    *first_name;
  const char    *last_name;
  const char    *city;
  const char    *category;
  const char    *best_time;
  const char    *notes;
  char           email[96];
  char           phone[24];
  char           source[112];
} DlSamplePersonText;

void         dl_sample_person_text      (const DlSample  *sample,
                                         guint32          person,
                                         DlSamplePersonText *text);
/* The back-office number of member index i: eight digits, unique. */
void         dl_sample_member_number    (const DlSample  *sample,
                                         guint32          member,
                                         char             buf[16]);
const char  *dl_sample_rank_name        (guint            rank);

/* Where a binary plan's company would have placed each member, as its
 * "spillover" does: under their enroller, down the weaker leg (the side
 * with fewer members) to the first free spot.  parent and side hold
 * n_members entries: parent[i] a member index (DL_SAMPLE_NONE for the
 * user), side[i] 0 for the left leg, 1 for the right. */
void         dl_sample_place_binary     (const DlSample  *sample,
                                         guint32         *parent,
                                         guint8          *side);

/* What the back office would have said of member i in one month: the
 * sample's twelve months of history.  Those who left show it coming —
 * autoship cancelled a month or two before, volume falling to a third,
 * a lower paid rank the month before — among the ordinary ups and downs
 * of those who stay, so the events and the dropout risk have something
 * real to find.  FALSE when the member had not joined by the month's
 * end (or is the user, who has no figures). */
typedef struct
{
  guint8  status;     /* DlMemberStatus */
  guint8  rank;       /* paid rank, see dl_sample_rank_name() */
  gint8   autoship;   /* 1 on, 0 off */
  double  pv;
} DlSampleMonth;

gboolean     dl_sample_member_month     (const DlSample  *sample,
                                         guint32          member,
                                         int              year,
                                         int              month,
                                         DlSampleMonth   *out);
const char  *dl_sample_summary_text     (guint            summary);
const char  *dl_sample_reason_text      (guint            reason);
/* The user's company, website and personal message. */
const char  *dl_sample_profile_company  (void);
const char  *dl_sample_profile_website  (void);
const char  *dl_sample_profile_message  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlSample, dl_sample_free)

G_END_DECLS

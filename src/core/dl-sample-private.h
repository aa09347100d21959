/* dl-sample-private.h — what the parts of the sample generator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, and included only by the dl-sample*.c files.  The
 * model is told in dl-sample.c; each step has a file: the tree and the
 * ranks in dl-sample-tree.c, the people in dl-sample-people.c, the
 * pipeline in dl-sample-pipeline.c, the contact log in dl-sample-log.c.
 */

#pragma once

#include <math.h>

#include "dl-sample.h"

G_BEGIN_DECLS

/* No activity for this long makes a member inactive. */
#define INACTIVE_AFTER    60
#define STILL_GOING       G_MAXINT32

/* How the user came to know someone: the source of their person. */
typedef enum
{
  SOURCE_MET,          /* how the user met someone in person or online */
  SOURCE_TEAM,         /* how the user came across a deeper member */
  SOURCE_REFERRAL,     /* "Referral from <name>" */
} SourceKind;

typedef struct
{
  SourceKind  kind;
  const char *text;
} Source;

/* Where the ranges of dl_sample_sources begin (see dl-sample-people.c). */
#define SOURCE_NONE     0
#define SOURCE_REFER    1
#define FIRST_MET       2
#define N_MET           (20 - FIRST_MET)
#define FIRST_TEAM      20

/* Index 0 is "no source". */
extern const Source dl_sample_sources[];

/* A culture's names, and its weight in the draw. */
typedef struct
{
  guint              weight;
  const char *const *first;
  guint              n_first;
  const char *const *last;
  guint              n_last;
} Culture;

/* Names by culture (see dl-sample-people.c), and how many cultures. */
extern const Culture dl_sample_cultures[];
extern const guint   dl_sample_n_cultures;

/* Why the user got in touch; the contact log's lines go by it. */
typedef enum
{
  S_WELCOME,
  S_UPLINE_WELCOME,
  S_TAKEOVER,
  S_CHECK_IN_EARLY,   /* the first three months */
  S_CHECK_IN,
  S_QUIET,
  S_CONGRATS,
  S_FAREWELL,
  S_NOTE,
  S_P_FIRST,
  S_P_FOLLOW,
  S_P_NOT_NOW,
  S_P_JOINED,
  N_PURPOSES
} Purpose;

/* A line of the contact log, and the kind of contact it is. */
typedef struct
{
  guint8      purpose;
  guint8      kind;
  const char *text;
} Summary;

/* The contact log's lines, grouped by purpose (see dl-sample-log.c),
 * and how many there are. */
extern const Summary dl_sample_summaries[];
extern const guint   dl_sample_n_summaries;

/* The generator's working state, handed from step to step. */
typedef struct
{
  GRand                 *rng;
  const DlSampleOptions *options;
  DlSample              *sample;
  DlDay                  today;
  DlDay                  start;          /* the user's join day */
  guint8                *drive;          /* per member */
  DlDay                 *until;          /* last day of own activity */
  DlDay                 *first_recruit;  /* per member, or DL_DAY_NONE */
  DlDay                 *neglected_from; /* per member, or DL_DAY_NONE */
  guint32               *level1;         /* the user's personal recruits */
  guint                  n_level1;
  guint                  n_prospect_persons;
  DlDay                 *prospect_last;  /* per prospect: last contact */
  guint16                purpose_first[N_PURPOSES];
  guint16                purpose_n[N_PURPOSES];
  guint                  culture_total;
} Gen;

/* A uniform number in [0, n). */
static inline guint
dl_sample_rnd (GRand *rng,
               guint  n)
{
  g_assert (n > 0 && n <= G_MAXINT32);
  return (guint) g_rand_int_range (rng, 0, (gint32) n);
}

/* TRUE with probability p. */
static inline gboolean
dl_sample_chance (GRand  *rng,
                  double  p)
{
  return g_rand_double (rng) < p;
}

/* An exponentially distributed number of days. */
static inline guint
dl_sample_exp_days (GRand  *rng,
                    double  mean)
{
  double d = -mean * log (1.0 - g_rand_double (rng));

  return d > 100000 ? 100000 : (guint) d;
}

/* How the user knows a person (see dl_sample_make_person()). */
typedef enum
{
  MET_PERSONALLY,      /* level 1 and prospects */
  MET_THROUGH_TEAM,    /* deeper members */
} Acquaintance;

/* Builds the members' tree: join days, sponsors, each member's drive
 * and how long their activity lasts (steps 1 and 2). */
void    dl_sample_grow_tree            (Gen     *g);
/* Gives the members their member numbers. */
void    dl_sample_number_members       (Gen     *g);
/* Makes members who stopped inactive, and most of those later dropped
 * (step 3). */
void    dl_sample_settle_statuses      (Gen     *g);
/* Puts up to max of the newest members, made personal recruits if
 * need be, in joined for the pipeline's Joined column; returns how
 * many. */
guint   dl_sample_pick_joined          (Gen     *g,
                                        guint32 *joined,
                                        guint    max);
/* Gives the members ranks by the size of their downline (step 4). */
void    dl_sample_rank_members         (Gen     *g);
/* Draws person p: name, city, job, source, and how to reach them. */
void    dl_sample_make_person          (Gen          *g,
                                        guint32       p,
                                        Acquaintance  how,
                                        DlDay         created_on);
/* Makes the user's person and one for every member. */
void    dl_sample_make_member_persons  (Gen     *g);
/* Makes the pipeline's prospects and their persons (step 5). */
void    dl_sample_make_prospects       (Gen     *g);
/* Writes the user's contact log with members and prospects. */
void    dl_sample_make_interactions    (Gen     *g);

G_END_DECLS

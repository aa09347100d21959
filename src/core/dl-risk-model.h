/* dl-risk-model.h — dropout risk learned from the user's own history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dropout risk is a score from 0 to 100 computed from a few facts
 * about a member (the features below, each a number from 0 to 1).  Out
 * of the box the score is the expert sum of dl-rules.h: fixed points per
 * factor.  Once the back office's monthly exports give enough history,
 * dl_risk_learn () fits a regularised logistic regression on the older
 * months ("who was gone three months later?"), checks it on the most
 * recent ones, and keeps it only when it predicts better than the expert
 * points there.  GLib only: the store hands the history in.
 */

#pragma once

#include "dl-day.h"
#include "dl-events.h"
#include "dl-history.h"

G_BEGIN_DECLS

/* The facts a score is made of, each a number from 0 to 1.  The first
 * six are the expert factors of dl-rules.h; the others come from the
 * back office's months and only a learned model weighs them. */
typedef enum
{
  DL_RISK_FACTOR_OVERDUE,            /* share of an interval late, up to 1 */
  DL_RISK_FACTOR_EARLY_TENURE,       /* in the first 90 days */
  DL_RISK_FACTOR_NO_ACTIVITY,        /* no order or volume this month */
  DL_RISK_FACTOR_NO_RECRUIT,         /* a distributor without a recruit after 60 days */
  DL_RISK_FACTOR_NEVER_WELCOMED,     /* the user's, no contact since joining */
  DL_RISK_FACTOR_SPONSOR_AWAY,       /* their enroller inactive or gone */
  DL_RISK_FACTOR_NO_FIRST_ORDER,     /* a month after joining, no volume yet */
  DL_RISK_FACTOR_AUTOSHIP_CANCELLED, /* in the last two months */
  DL_RISK_FACTOR_VOLUME_DROP,        /* PV under half their own average */
  DL_RISK_FACTOR_RANK_LOST,          /* paid a lower rank than the month before */
  DL_RISK_FACTOR_NO_RECENT_RECRUIT,  /* a distributor, no recruit in six months */
  DL_RISK_FACTOR_TENURE,             /* years in the business, up to three, over three */
  DL_RISK_N_FACTORS,
} DlRiskFactor;

#define DL_RISK_N_EXPERT_FACTORS 6

/* When the expert factors apply, for both kinds of score. */
/* Still in the first months, when most dropouts happen. */
#define DL_RISK_EARLY_TENURE_DAYS       90
/* No own activity reported (or since joining) for this many days. */
#define DL_RISK_NO_ACTIVITY_DAYS        30
/* A distributor with no recruit of their own this long after joining. */
#define DL_RISK_NO_RECRUIT_DAYS         60
/* Never welcomed: no contact logged since joining, more than this many
 * days ago (Today lists a new member at once). */
#define DL_WELCOME_GRACE_DAYS            2

/* Bands: low below 30, medium from 30, high from 60. */
#define DL_RISK_MEDIUM_FROM             30
#define DL_RISK_HIGH_FROM               60

DlRiskBand   dl_risk_band_for_score     (guint         score);

/* The expert weights (points out of 100) of the first
 * DL_RISK_N_EXPERT_FACTORS factors. */
/* Check-in overdue: points grow with the days overdue as a share of the
 * cadence, reaching the full weight at one whole interval late. */
#define DL_RISK_WEIGHT_OVERDUE          25
#define DL_RISK_WEIGHT_EARLY_TENURE     15
#define DL_RISK_WEIGHT_NO_ACTIVITY      20
#define DL_RISK_WEIGHT_NO_RECRUIT       10
#define DL_RISK_WEIGHT_NEVER_WELCOMED   15
/* Their sponsor (not the user) is inactive or dropped. */
#define DL_RISK_WEIGHT_SPONSOR_AWAY     15

/* Short translated name of a factor, for a legend ("Overdue check-in"). */
const char  *dl_risk_factor_get_title   (DlRiskFactor  factor);
/* Its expert weight; 0 for the factors only the learned model has. */
guint        dl_risk_factor_get_weight  (DlRiskFactor  factor);

/* The back-office signals of the last two months, as bits of
 * DlTreeNode.signals and of the history's months. */
typedef enum
{
  DL_RISK_SIGNAL_NO_FIRST_ORDER     = 1 << 0,
  DL_RISK_SIGNAL_AUTOSHIP_CANCELLED = 1 << 1,
  DL_RISK_SIGNAL_VOLUME_DROP        = 1 << 2,
  DL_RISK_SIGNAL_RANK_LOST          = 1 << 3,
  DL_RISK_SIGNAL_NO_VOLUME          = 1 << 4,   /* history only: no PV that month */
} DlRiskSignal;

/* The signal an event raises, 0 for none. */
guint8       dl_risk_signal_for_event   (DlEventType   type);

/* The stable word of the command line ("autoship-cancelled"). */
const char  *dl_risk_factor_to_string  (DlRiskFactor feature);

/* No recent recruit: a distributor in the business this long with no
 * recruit who joined in as many days before. */
#define DL_RISK_RECENT_RECRUIT_DAYS 180

/* The tenure feature: years in the business, at most three, over three. */
double       dl_risk_tenure_feature     (gint32        tenure_days);

typedef enum
{
  DL_RISK_MODEL_EXPERT,
  DL_RISK_MODEL_LEARNED,
} DlRiskModelKind;

/* Why the expert points are in use. */
typedef enum
{
  DL_RISK_FALLBACK_NONE,            /* a learned model is in use */
  DL_RISK_FALLBACK_NO_HISTORY,      /* no monthly figures at all */
  DL_RISK_FALLBACK_FEW_MONTHS,      /* too few months to fit and check */
  DL_RISK_FALLBACK_FEW_OUTCOMES,    /* fewer than DL_RISK_MIN_OUTCOMES gone */
  DL_RISK_FALLBACK_NOT_BETTER,      /* fitted, but no better on the recent months */
} DlRiskFallback;

/* Months of figures needed: one before the first month scored, two
 * months to fit and one to check, each with three more after it. */
#define DL_RISK_MIN_PERIODS    (DL_RISK_HORIZON_MONTHS + 4)
/* People gone in the fitting months below which nothing is learned. */
#define DL_RISK_MIN_OUTCOMES   30
/* "Gone" is looked for this many months after the month scored. */
#define DL_RISK_HORIZON_MONTHS  3
/* The most recent months with known outcomes kept for the check. */
#define DL_RISK_VALIDATION_MONTHS 3

typedef struct
{
  double  predicted;   /* mean score of the decile, 0–1 */
  double  observed;    /* share gone */
  guint   n;
} DlRiskDecile;

/* A model and what is known of how well it does.  Plain data: copy it
 * by value. */
typedef struct
{
  DlRiskModelKind kind;
  DlRiskFallback  fallback;
  double          intercept;
  double          weights[DL_RISK_N_FACTORS];   /* log-odds per unit */
  /* The model scores active members.  An inactive member's score is the
   * share of inactive members who never came back within three months
   * (NAN when none was ever inactive: the expert points then). */
  double          inactive_gone;

  /* On the validation months (all NAN or 0 when there were none). */
  double          auc;             /* of the score in use */
  double          expert_auc;      /* of the expert points, for comparison */
  double          fitted_auc;      /* of the fitted model, used or not */
  guint           n_periods;       /* months of history known */
  guint           n_outcomes;      /* people gone, fitting and check months */
  guint           n_examples;
  double          high_gone;       /* share gone of those scored high */
  double          low_gone;        /* … and of those scored low */
  guint           n_high;
  guint           n_low;
  DlRiskDecile    deciles[10];
  guint           n_deciles;       /* 0 or 10 */
  DlPeriod        fitted_to;       /* the last month used; DL_PERIOD_NONE */
} DlRiskModel;

/* The expert model: no learned weights, no figures. */
void         dl_risk_model_init_expert  (DlRiskModel       *model,
                                         DlRiskFallback     fallback);

/* The score of features x (DL_RISK_N_FACTORS numbers) under the model:
 * the expert points of dl-rules.h, or 100 × the learned probability of
 * being gone within three months; 0–100 either way. */
guint        dl_risk_model_score        (const DlRiskModel *model,
                                         const double      *x);
/* How many of the score's points feature f brings (0 when it does not
 * raise the score). */
guint        dl_risk_model_points       (const DlRiskModel *model,
                                         const double      *x,
                                         DlRiskFactor      feature);

/* "learned" or "expert (too few people gone: 12)": the report's line. */
char        *dl_risk_model_describe     (const DlRiskModel *model);
/* The same in plain words for the preferences. */
char        *dl_risk_model_explain      (const DlRiskModel *model);

/* Saved with the database as text, one "key value" per line; parse
 * returns FALSE for text it cannot read, leaving model alone. */
char        *dl_risk_model_to_text      (const DlRiskModel *model);
gboolean     dl_risk_model_from_text    (DlRiskModel       *model,
                                         const char        *text);

/* ---- Learning -------------------------------------------------------- */


/* The features of member m at the end of month first + k, as the scores
 * of that month would have seen them.  FALSE when the member is not
 * scored then (not active, not joined yet). */
gboolean     dl_risk_history_features   (const DlHistory *history,
                                         guint                m,
                                         guint                k,
                                         double              *x);

/* Whether member m was gone within DL_RISK_HORIZON_MONTHS after month
 * first + k: terminated, or inactive then and never active again in the
 * months known (for a member inactive at k: never back).  Needs k + DL_RISK_HORIZON_MONTHS < n_periods. */
gboolean     dl_risk_history_gone       (const DlHistory *history,
                                         guint                m,
                                         guint                k);

/* At most this many examples (a member in a month) are learned from.
 * A longer history of more members is learned from a sample of the
 * members, the same ones every month, picked by a hash of their id: a
 * million members' year was 12 million examples and 600 MB while the
 * command line's import learned them, and a logistic regression of a
 * dozen weights is as sure of itself from two million. */
#define DL_RISK_MAX_EXAMPLES (2u << 20)

/* Fits, checks and picks the model for this history (see the top of
 * the file), from at most DL_RISK_MAX_EXAMPLES examples.  lambda is the
 * ridge penalty (1.0 is a good default). */
void         dl_risk_learn              (const DlHistory *history,
                                         double           lambda,
                                         DlRiskModel     *model);
/* The same from at most max_examples examples (the model's n_examples
 * says how many it had). */
void         dl_risk_learn_at_most      (const DlHistory *history,
                                         double           lambda,
                                         guint            max_examples,
                                         DlRiskModel     *model);

/* The area under the ROC curve of scores against outcomes: the chance
 * that someone gone scored higher than someone who stayed (ties half).
 * NAN when either group is empty. */
double       dl_risk_auc                (const double  *scores,
                                         const guint8  *outcomes,
                                         guint          n);

G_END_DECLS

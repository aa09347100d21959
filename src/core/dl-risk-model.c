/* dl-risk-model.c — dropout risk learned from the user's own history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fit is a ridge-penalised logistic regression solved by Newton's
 * method (iteratively reweighted least squares): a dozen unknowns, so
 * each step is one pass over the examples to build a 12 × 12 system and
 * a Cholesky solve.  No numerical library is needed for that, and one
 * that fits GLib's style and Debian's archive (GSL would do) would add a
 * dependency for forty lines.
 */

#define G_LOG_DOMAIN "dl-risk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-risk-model.h"

#define N_PARAMS (DL_RISK_N_FACTORS + 1)   /* the intercept last */
#define MAX_NEWTON_STEPS 25
#define TENURE_CAP_DAYS (3 * 365)

static const char *const feature_words[DL_RISK_N_FACTORS] = {
  [DL_RISK_FACTOR_OVERDUE] = "overdue",
  [DL_RISK_FACTOR_EARLY_TENURE] = "early-tenure",
  [DL_RISK_FACTOR_NO_ACTIVITY] = "no-activity",
  [DL_RISK_FACTOR_NO_RECRUIT] = "no-recruit",
  [DL_RISK_FACTOR_NEVER_WELCOMED] = "never-welcomed",
  [DL_RISK_FACTOR_SPONSOR_AWAY] = "sponsor-away",
  [DL_RISK_FACTOR_NO_FIRST_ORDER] = "no-first-order",
  [DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = "autoship-cancelled",
  [DL_RISK_FACTOR_VOLUME_DROP] = "volume-drop",
  [DL_RISK_FACTOR_RANK_LOST] = "rank-lost",
  [DL_RISK_FACTOR_NO_RECENT_RECRUIT] = "no-recent-recruit",
  [DL_RISK_FACTOR_TENURE] = "tenure",
};

guint8
dl_risk_signal_for_event (DlEventType type)
{
  switch (type)
    {
    case DL_EVENT_NO_FIRST_ORDER:
      return DL_RISK_SIGNAL_NO_FIRST_ORDER;
    case DL_EVENT_AUTOSHIP_CANCELLED:
      return DL_RISK_SIGNAL_AUTOSHIP_CANCELLED;
    case DL_EVENT_VOLUME_DROP:
      return DL_RISK_SIGNAL_VOLUME_DROP;
    case DL_EVENT_RANK_DOWN:
      return DL_RISK_SIGNAL_RANK_LOST;
    case DL_EVENT_JOINED:
    case DL_EVENT_BECAME_INACTIVE:
    case DL_EVENT_TERMINATED:
    case DL_EVENT_REACTIVATED:
    case DL_EVENT_RANK_UP:
    case DL_EVENT_AUTOSHIP_STARTED:
    case DL_N_EVENTS:
    default:
      return 0;
    }
}

const char *
dl_risk_factor_to_string (DlRiskFactor feature)
{
  g_return_val_if_fail ((guint) feature < DL_RISK_N_FACTORS, NULL);

  return feature_words[feature];
}

double
dl_risk_tenure_feature (gint32 tenure_days)
{
  return CLAMP (tenure_days, 0, TENURE_CAP_DAYS) / (double) TENURE_CAP_DAYS;
}

void
dl_risk_model_init_expert (DlRiskModel    *model,
                           DlRiskFallback  fallback)
{
  memset (model, 0, sizeof *model);
  model->kind = DL_RISK_MODEL_EXPERT;
  model->fallback = fallback;
  model->auc = NAN;
  model->expert_auc = NAN;
  model->fitted_auc = NAN;
  model->inactive_gone = NAN;
  model->high_gone = NAN;
  model->low_gone = NAN;
  model->fitted_to = DL_PERIOD_NONE;
  for (guint f = 0; f < DL_RISK_N_EXPERT_FACTORS; f++)
    model->weights[f] = dl_risk_factor_get_weight ((DlRiskFactor) f);
}

static double
sigmoid (double z)
{
  return z >= 0 ? 1.0 / (1.0 + exp (-z)) : exp (z) / (1.0 + exp (z));
}

static double
linear (const DlRiskModel *model,
        const double      *x)
{
  double z = model->intercept;

  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    z += model->weights[f] * x[f];
  return z;
}

/* The expert points of one feature, as dl-rules.c counts them: overdue
 * grows with the share of an interval late, rounded up so a day late is
 * never worth nothing; the others are all or nothing. */
static guint
expert_points (DlRiskFactor  feature,
               double         value)
{
  if (feature >= DL_RISK_N_EXPERT_FACTORS || value <= 0)
    return 0;
  if (feature == DL_RISK_FACTOR_OVERDUE)
    return (guint) ceil (dl_risk_factor_get_weight (feature) * MIN (value, 1.0) - 1e-9);
  return dl_risk_factor_get_weight (feature);
}

guint
dl_risk_model_score (const DlRiskModel *model,
                     const double      *x)
{
  guint sum = 0;

  if (model->kind == DL_RISK_MODEL_LEARNED)
    return (guint) lround (100.0 * sigmoid (linear (model, x)));

  for (guint f = 0; f < DL_RISK_N_EXPERT_FACTORS; f++)
    sum += expert_points ((DlRiskFactor) f, x[f]);
  return MIN (sum, 100);
}

guint
dl_risk_model_points (const DlRiskModel *model,
                      const double      *x,
                      DlRiskFactor      feature)
{
  double z, without;

  g_return_val_if_fail ((guint) feature < DL_RISK_N_FACTORS, 0);

  if (model->kind != DL_RISK_MODEL_LEARNED)
    return expert_points (feature, x[feature]);

  /* What the score would lose without this fact. */
  if (x[feature] == 0 || model->weights[feature] <= 0)
    return 0;
  z = linear (model, x);
  without = z - model->weights[feature] * x[feature];
  return (guint) MAX (0, lround (100.0 * (sigmoid (z) - sigmoid (without))));
}

char *
dl_risk_model_describe (const DlRiskModel *model)
{
  switch (model->fallback)
    {
    case DL_RISK_FALLBACK_NONE:
      return g_strdup ("learned");
    case DL_RISK_FALLBACK_NO_HISTORY:
      return g_strdup ("expert (no history)");
    case DL_RISK_FALLBACK_FEW_MONTHS:
      return g_strdup_printf ("expert (too few months: %u of %u)",
                              model->n_periods, DL_RISK_MIN_PERIODS);
    case DL_RISK_FALLBACK_FEW_OUTCOMES:
      return g_strdup_printf ("expert (too few people gone: %u of %u)",
                              model->n_outcomes, DL_RISK_MIN_OUTCOMES);
    case DL_RISK_FALLBACK_NOT_BETTER:
      return g_strdup_printf ("expert (the fitted model is no better: auc %.2f against %.2f)",
                              model->fitted_auc, model->expert_auc);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dl_risk_model_explain (const DlRiskModel *model)
{
  switch (model->fallback)
    {
    case DL_RISK_FALLBACK_NONE:
      return g_strdup (_("Learned from your own business: the scores weigh what came before people left in your team."));
    case DL_RISK_FALLBACK_NO_HISTORY:
      return g_strdup (_("Using the field’s rules of thumb. Import your back office’s monthly exports and the score will learn from your own business."));
    case DL_RISK_FALLBACK_FEW_MONTHS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Using the field’s rules of thumb: %u month of figures is known, %u are needed to learn and check.",
                                           "Using the field’s rules of thumb: %u months of figures are known, %u are needed to learn and check.",
                                           model->n_periods),
                              model->n_periods, DL_RISK_MIN_PERIODS);
    case DL_RISK_FALLBACK_FEW_OUTCOMES:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Using the field’s rules of thumb: only %u person left in the months known, too few to learn from (%u needed).",
                                           "Using the field’s rules of thumb: only %u people left in the months known, too few to learn from (%u needed).",
                                           model->n_outcomes),
                              model->n_outcomes, DL_RISK_MIN_OUTCOMES);
    case DL_RISK_FALLBACK_NOT_BETTER:
      return g_strdup (_("Using the field’s rules of thumb: a model learned from your months did not predict the latest months better."));
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- Saving ----------------------------------------------------------- */

char *
dl_risk_model_to_text (const DlRiskModel *model)
{
  GString *text = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

#define PUT_REAL(key, value) \
  g_string_append_printf (text, "%s %s\n", key, g_ascii_dtostr (buf, sizeof buf, value))

  g_string_append_printf (text, "kind %s\n", model->kind == DL_RISK_MODEL_LEARNED ? "learned" : "expert");
  g_string_append_printf (text, "fallback %d\n", (int) model->fallback);
  PUT_REAL ("intercept", model->intercept);
  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    {
      g_autofree char *key = g_strconcat ("weight:", feature_words[f], NULL);
      PUT_REAL (key, model->weights[f]);
    }
  PUT_REAL ("auc", model->auc);
  PUT_REAL ("expert-auc", model->expert_auc);
  PUT_REAL ("fitted-auc", model->fitted_auc);
  PUT_REAL ("inactive-gone", model->inactive_gone);
  g_string_append_printf (text, "periods %u\noutcomes %u\nexamples %u\n",
                          model->n_periods, model->n_outcomes, model->n_examples);
  PUT_REAL ("high-gone", model->high_gone);
  PUT_REAL ("low-gone", model->low_gone);
  g_string_append_printf (text, "high %u\nlow %u\nfitted-to %d\n",
                          model->n_high, model->n_low, (int) model->fitted_to);
  for (guint d = 0; d < model->n_deciles; d++)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (text, "decile %u %s %s %u\n", d,
                              g_ascii_dtostr (a, sizeof a, model->deciles[d].predicted),
                              g_ascii_dtostr (b, sizeof b, model->deciles[d].observed),
                              model->deciles[d].n);
    }
#undef PUT_REAL

  return g_string_free (text, FALSE);
}

static gboolean
parse_real (const char *text,
            double     *out)
{
  char *end = NULL;

  if (g_ascii_strcasecmp (text, "nan") == 0)
    {
      *out = NAN;
      return TRUE;
    }
  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out);
}

gboolean
dl_risk_model_from_text (DlRiskModel *model,
                         const char  *text)
{
  g_auto(GStrv) lines = NULL;
  DlRiskModel m;
  gboolean have_kind = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  dl_risk_model_init_expert (&m, DL_RISK_FALLBACK_NO_HISTORY);
  for (guint f = 0; f < DL_RISK_N_EXPERT_FACTORS; f++)
    m.weights[f] = 0;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      guint n;
      double r;
      guint64 u;
      gint64 s;

      if (lines[i][0] == '\0')
        continue;
      parts = g_strsplit (lines[i], " ", -1);
      n = g_strv_length (parts);
      if (n < 2)
        return FALSE;

      if (strcmp (parts[0], "kind") == 0)
        {
          if (strcmp (parts[1], "learned") == 0)
            m.kind = DL_RISK_MODEL_LEARNED;
          else if (strcmp (parts[1], "expert") == 0)
            m.kind = DL_RISK_MODEL_EXPERT;
          else
            return FALSE;
          have_kind = TRUE;
        }
      else if (strcmp (parts[0], "fallback") == 0)
        {
          if (!g_ascii_string_to_unsigned (parts[1], 10, 0, DL_RISK_FALLBACK_NOT_BETTER, &u, NULL))
            return FALSE;
          m.fallback = (DlRiskFallback) u;
        }
      else if (g_str_has_prefix (parts[0], "weight:"))
        {
          guint f;

          for (f = 0; f < DL_RISK_N_FACTORS; f++)
            if (strcmp (parts[0] + strlen ("weight:"), feature_words[f]) == 0)
              break;
          /* a feature of a later version: ignore it */
          if (f < DL_RISK_N_FACTORS)
            {
              if (!parse_real (parts[1], &r) || isnan (r))
                return FALSE;
              m.weights[f] = r;
            }
        }
      else if (strcmp (parts[0], "decile") == 0)
        {
          if (n != 5 || !g_ascii_string_to_unsigned (parts[1], 10, 0, 9, &u, NULL)
              || u != m.n_deciles
              || !parse_real (parts[2], &m.deciles[u].predicted)
              || !parse_real (parts[3], &m.deciles[u].observed)
              || !g_ascii_string_to_unsigned (parts[4], 10, 0, G_MAXUINT, &u, NULL))
            return FALSE;
          m.deciles[m.n_deciles++].n = (guint) u;
        }
      else if (strcmp (parts[0], "fitted-to") == 0)
        {
          if (!g_ascii_string_to_signed (parts[1], 10, G_MININT32, G_MAXINT32, &s, NULL))
            return FALSE;
          m.fitted_to = (DlPeriod) s;
        }
      else
        {
          static const struct { const char *key; gsize offset; } reals[] = {
            { "intercept", G_STRUCT_OFFSET (DlRiskModel, intercept) },
            { "auc", G_STRUCT_OFFSET (DlRiskModel, auc) },
            { "expert-auc", G_STRUCT_OFFSET (DlRiskModel, expert_auc) },
            { "fitted-auc", G_STRUCT_OFFSET (DlRiskModel, fitted_auc) },
            { "inactive-gone", G_STRUCT_OFFSET (DlRiskModel, inactive_gone) },
            { "high-gone", G_STRUCT_OFFSET (DlRiskModel, high_gone) },
            { "low-gone", G_STRUCT_OFFSET (DlRiskModel, low_gone) },
          };
          static const struct { const char *key; gsize offset; } counts[] = {
            { "periods", G_STRUCT_OFFSET (DlRiskModel, n_periods) },
            { "outcomes", G_STRUCT_OFFSET (DlRiskModel, n_outcomes) },
            { "examples", G_STRUCT_OFFSET (DlRiskModel, n_examples) },
            { "high", G_STRUCT_OFFSET (DlRiskModel, n_high) },
            { "low", G_STRUCT_OFFSET (DlRiskModel, n_low) },
          };
          gboolean known = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (reals) && !known; k++)
            if (strcmp (parts[0], reals[k].key) == 0)
              {
                if (!parse_real (parts[1], &r))
                  return FALSE;
                G_STRUCT_MEMBER (double, &m, reals[k].offset) = r;
                known = TRUE;
              }
          for (guint k = 0; k < G_N_ELEMENTS (counts) && !known; k++)
            if (strcmp (parts[0], counts[k].key) == 0)
              {
                if (!g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXUINT, &u, NULL))
                  return FALSE;
                G_STRUCT_MEMBER (guint, &m, counts[k].offset) = (guint) u;
                known = TRUE;
              }
          /* other keys: a later version's; ignored */
        }
    }

  if (!have_kind || (m.kind == DL_RISK_MODEL_LEARNED) != (m.fallback == DL_RISK_FALLBACK_NONE))
    return FALSE;
  if (m.kind == DL_RISK_MODEL_EXPERT)
    {
      DlRiskModel expert;

      /* the expert points are the program's, never the file's */
      dl_risk_model_init_expert (&expert, m.fallback);
      memcpy (m.weights, expert.weights, sizeof m.weights);
      m.intercept = 0;
    }
  *model = m;
  return TRUE;
}

/* ---- History ---------------------------------------------------------- */

static guint8
status_at (const DlHistory *h,
           guint            m,
           guint            k)
{
  return dl_history_status (h, m, k);
}

static guint8
signals_at (const DlHistory *h,
            guint                m,
            guint                k)
{
  return h->signals[(gsize) k * h->n_members + m];
}

/* The member's last contact on or before day, DL_DAY_NONE if none. */
static DlDay
contact_before (const DlHistory *h,
                guint                m,
                DlDay                day)
{
  guint lo = h->contact_start[m], hi = h->contact_start[m + 1];

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (h->contact_days[mid] <= day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > h->contact_start[m] ? h->contact_days[lo - 1] : DL_DAY_NONE;
}

gboolean
dl_risk_history_features (const DlHistory *h,
                          guint                m,
                          guint                k,
                          double              *x)
{
  const DlHistoryMember *member = &h->members[m];
  DlDay end = dl_period_last_day (h->first + (DlPeriod) k);
  guint8 signals = signals_at (h, m, k) | (k > 0 ? signals_at (h, m, k - 1) : 0);
  gint32 tenure;
  DlDay last;

  memset (x, 0, sizeof (double) * DL_RISK_N_FACTORS);
  if (status_at (h, m, k) != DL_FIGURE_ACTIVE
      || member->joined_on == DL_DAY_NONE || member->joined_on > end)
    return FALSE;

  tenure = end - member->joined_on;
  last = contact_before (h, m, end);
  if (last != DL_DAY_NONE && last < member->joined_on)
    last = DL_DAY_NONE;

  if (member->cadence_days > 0)
    {
      gint32 overdue = end - ((last != DL_DAY_NONE ? last : member->joined_on) + member->cadence_days);

      if (overdue > 0)
        x[DL_RISK_FACTOR_OVERDUE] = MIN (1.0, overdue / (double) member->cadence_days);
      if (last == DL_DAY_NONE && tenure > DL_WELCOME_GRACE_DAYS)
        x[DL_RISK_FACTOR_NEVER_WELCOMED] = 1;
    }
  x[DL_RISK_FACTOR_EARLY_TENURE] = tenure < DL_RISK_EARLY_TENURE_DAYS;
  x[DL_RISK_FACTOR_NO_ACTIVITY] = (signals_at (h, m, k) & DL_RISK_SIGNAL_NO_VOLUME) != 0
                                   && tenure >= DL_RISK_NO_ACTIVITY_DAYS;
  x[DL_RISK_FACTOR_SPONSOR_AWAY] = member->sponsor != G_MAXUINT32
                                    && status_at (h, member->sponsor, k) != DL_FIGURE_ACTIVE
                                    && status_at (h, member->sponsor, k) != DL_HISTORY_STATUS_UNKNOWN;
  x[DL_RISK_FACTOR_NO_FIRST_ORDER] = (signals & DL_RISK_SIGNAL_NO_FIRST_ORDER) != 0;
  x[DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = (signals & DL_RISK_SIGNAL_AUTOSHIP_CANCELLED) != 0;
  x[DL_RISK_FACTOR_VOLUME_DROP] = (signals & DL_RISK_SIGNAL_VOLUME_DROP) != 0;
  x[DL_RISK_FACTOR_RANK_LOST] = (signals & DL_RISK_SIGNAL_RANK_LOST) != 0;
  x[DL_RISK_FACTOR_TENURE] = dl_risk_tenure_feature (tenure);
  /* NO_RECRUIT and NO_RECENT_RECRUIT are filled by the caller, who
   * knows the recruits */

  return TRUE;
}

gboolean
dl_risk_history_gone (const DlHistory *h,
                      guint                m,
                      guint                k)
{
  g_return_val_if_fail (k + DL_RISK_HORIZON_MONTHS < h->n_periods, FALSE);

  for (guint j = k + 1; j <= k + DL_RISK_HORIZON_MONTHS; j++)
    if (status_at (h, m, j) == DL_FIGURE_TERMINATED)
      return TRUE;

  /* inactive at the horizon and never back in the months known */
  if (status_at (h, m, k + DL_RISK_HORIZON_MONTHS) != DL_FIGURE_INACTIVE)
    return FALSE;
  for (guint j = k + DL_RISK_HORIZON_MONTHS + 1; j < h->n_periods; j++)
    if (status_at (h, m, j) == DL_FIGURE_ACTIVE)
      return FALSE;
  return TRUE;
}

/* ---- Fitting ---------------------------------------------------------- */

typedef struct
{
  float   *x;          /* n × DL_RISK_N_FACTORS */
  guint8  *y;
  guint    n;
  guint    alloc;
} Examples;

static void
examples_add (Examples     *e,
              const double *x,
              gboolean      gone)
{
  if (e->n == e->alloc)
    {
      e->alloc = MAX (1024, e->alloc * 2);
      e->x = g_renew (float, e->x, (gsize) e->alloc * DL_RISK_N_FACTORS);
      e->y = g_renew (guint8, e->y, e->alloc);
    }
  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    e->x[(gsize) e->n * DL_RISK_N_FACTORS + f] = (float) x[f];
  e->y[e->n++] = gone ? 1 : 0;
}

static void
examples_clear (Examples *e)
{
  g_free (e->x);
  g_free (e->y);
}

/* Solves a x = b for a symmetric positive definite a (n × n, row-major),
 * in place by Cholesky; FALSE when a is not positive definite. */
static gboolean
cholesky_solve (double *a,
                double *b,
                guint   n)
{
  for (guint j = 0; j < n; j++)
    {
      double d = a[j * n + j];

      for (guint k = 0; k < j; k++)
        d -= a[j * n + k] * a[j * n + k];
      if (d <= 0)
        return FALSE;
      a[j * n + j] = sqrt (d);
      for (guint i = j + 1; i < n; i++)
        {
          double s = a[i * n + j];

          for (guint k = 0; k < j; k++)
            s -= a[i * n + k] * a[j * n + k];
          a[i * n + j] = s / a[j * n + j];
        }
    }
  for (guint i = 0; i < n; i++)
    {
      for (guint k = 0; k < i; k++)
        b[i] -= a[i * n + k] * b[k];
      b[i] /= a[i * n + i];
    }
  for (guint i = n; i-- > 0;)
    {
      for (guint k = i + 1; k < n; k++)
        b[i] -= a[k * n + i] * b[k];
      b[i] /= a[i * n + i];
    }
  return TRUE;
}

/* Ridge-penalised logistic regression by Newton's method; the intercept
 * is not penalised.  params[DL_RISK_N_FACTORS] is the intercept. */
static void
fit_logistic (const Examples *e,
              double          lambda,
              double         *params)
{
  memset (params, 0, sizeof (double) * N_PARAMS);

  for (guint step = 0; step < MAX_NEWTON_STEPS; step++)
    {
      double hess[N_PARAMS * N_PARAMS] = { 0, };
      double grad[N_PARAMS] = { 0, };
      double change = 0;

      for (guint i = 0; i < e->n; i++)
        {
          const float *xi = &e->x[(gsize) i * DL_RISK_N_FACTORS];
          double v[N_PARAMS], z = params[DL_RISK_N_FACTORS], p, w;

          for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
            {
              v[f] = xi[f];
              z += params[f] * v[f];
            }
          v[DL_RISK_N_FACTORS] = 1;
          p = sigmoid (z);
          w = MAX (p * (1 - p), 1e-10);
          for (guint a = 0; a < N_PARAMS; a++)
            {
              if (v[a] == 0)
                continue;
              grad[a] += (e->y[i] - p) * v[a];
              for (guint b = 0; b <= a; b++)
                hess[a * N_PARAMS + b] += w * v[a] * v[b];
            }
        }
      for (guint a = 0; a < N_PARAMS; a++)
        {
          for (guint b = 0; b < a; b++)
            hess[b * N_PARAMS + a] = hess[a * N_PARAMS + b];
          if (a < DL_RISK_N_FACTORS)
            {
              hess[a * N_PARAMS + a] += lambda;
              grad[a] -= lambda * params[a];
            }
          else
            hess[a * N_PARAMS + a] += 1e-9;
        }
      if (!cholesky_solve (hess, grad, N_PARAMS))
        break;
      for (guint a = 0; a < N_PARAMS; a++)
        {
          params[a] += grad[a];
          change = MAX (change, fabs (grad[a]));
        }
      if (change < 1e-7)
        break;
    }
}

typedef struct
{
  double  score;
  guint8  gone;
} Scored;

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  double x = ((const Scored *) a)->score, y = ((const Scored *) b)->score;

  return (x > y) - (x < y);
}

double
dl_risk_auc (const double *scores,
             const guint8 *outcomes,
             guint         n)
{
  g_autofree Scored *s = g_new (Scored, MAX (n, 1));
  double rank_sum = 0;
  guint64 n_gone = 0;

  for (guint i = 0; i < n; i++)
    {
      s[i].score = scores[i];
      s[i].gone = outcomes[i] != 0;
      n_gone += s[i].gone;
    }
  if (n_gone == 0 || n_gone == n)
    return NAN;

  qsort (s, n, sizeof *s, compare_scored);
  /* ranks from 1, ties share their mean rank */
  for (guint i = 0; i < n;)
    {
      guint j = i, gone = 0;

      while (j < n && s[j].score == s[i].score)
        gone += s[j++].gone;
      rank_sum += gone * ((i + 1 + j) / 2.0);
      i = j;
    }

  return (rank_sum - n_gone * (n_gone + 1) / 2.0) / ((double) n_gone * (double) (n - n_gone));
}

static void
model_from_params (DlRiskModel  *model,
                   const double *params)
{
  model->kind = DL_RISK_MODEL_LEARNED;
  model->fallback = DL_RISK_FALLBACK_NONE;
  memcpy (model->weights, params, sizeof model->weights);
  model->intercept = params[DL_RISK_N_FACTORS];
}

/* Scores every example with model (0–100). */
static double *
score_examples (const DlRiskModel *model,
                const Examples    *e)
{
  double *scores = g_new (double, MAX (e->n, 1));

  for (guint i = 0; i < e->n; i++)
    {
      double x[DL_RISK_N_FACTORS];

      for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
        x[f] = e->x[(gsize) i * DL_RISK_N_FACTORS + f];
      /* the learned score unrounded, so ties are real ties */
      scores[i] = model->kind == DL_RISK_MODEL_LEARNED
                  ? 100.0 * sigmoid (linear (model, x))
                  : dl_risk_model_score (model, x);
    }
  return scores;
}

/* The figures of the score in use on the check months. */
static void
describe_validation (DlRiskModel    *model,
                     const Examples *e,
                     const double   *scores)
{
  g_autofree Scored *s = g_new (Scored, MAX (e->n, 1));
  guint gone_high = 0, gone_low = 0;

  model->n_high = model->n_low = 0;
  for (guint i = 0; i < e->n; i++)
    {
      DlRiskBand band = dl_risk_band_for_score ((guint) lround (scores[i]));

      s[i].score = scores[i];
      s[i].gone = e->y[i];
      if (band == DL_RISK_HIGH)
        {
          model->n_high++;
          gone_high += e->y[i];
        }
      else if (band == DL_RISK_LOW)
        {
          model->n_low++;
          gone_low += e->y[i];
        }
    }
  model->high_gone = model->n_high > 0 ? gone_high / (double) model->n_high : NAN;
  model->low_gone = model->n_low > 0 ? gone_low / (double) model->n_low : NAN;

  model->n_deciles = 0;
  if (e->n < 10)
    return;
  qsort (s, e->n, sizeof *s, compare_scored);
  for (guint d = 0; d < 10; d++)
    {
      guint from = (guint) ((guint64) e->n * d / 10), to = (guint) ((guint64) e->n * (d + 1) / 10);
      double predicted = 0, observed = 0;

      for (guint i = from; i < to; i++)
        {
          predicted += s[i].score / 100.0;
          observed += s[i].gone;
        }
      model->deciles[d].n = to - from;
      model->deciles[d].predicted = to > from ? predicted / (to - from) : 0;
      model->deciles[d].observed = to > from ? observed / (to - from) : 0;
    }
  model->n_deciles = 10;
}

/* Each member's recruits' join days, sorted: days[start[m] .. start[m + 1]). */
typedef struct
{
  guint32 *start;
  DlDay   *days;
} Recruits;

static int
compare_days (gconstpointer a,
              gconstpointer b)
{
  DlDay x = *(const DlDay *) a, y = *(const DlDay *) b;

  return (x > y) - (x < y);
}

static void
recruits_init (Recruits        *r,
               const DlHistory *h)
{
  g_autofree guint32 *fill = NULL;

  r->start = g_new0 (guint32, h->n_members + 1);
  for (guint m = 0; m < h->n_members; m++)
    if (h->members[m].sponsor != G_MAXUINT32 && h->members[m].joined_on != DL_DAY_NONE)
      r->start[h->members[m].sponsor + 1]++;
  for (guint m = 0; m < h->n_members; m++)
    r->start[m + 1] += r->start[m];
  r->days = g_new (DlDay, MAX (r->start[h->n_members], 1));
  fill = g_memdup2 (r->start, sizeof (guint32) * MAX (h->n_members, 1));
  for (guint m = 0; m < h->n_members; m++)
    if (h->members[m].sponsor != G_MAXUINT32 && h->members[m].joined_on != DL_DAY_NONE)
      r->days[fill[h->members[m].sponsor]++] = h->members[m].joined_on;
  for (guint m = 0; m < h->n_members; m++)
    qsort (r->days + r->start[m], r->start[m + 1] - r->start[m], sizeof (DlDay), compare_days);
}

static void
recruits_clear (Recruits *r)
{
  g_free (r->start);
  g_free (r->days);
}

/* Whether member m has a recruit who joined in [from, to]. */
static gboolean
recruited_between (const Recruits *r,
                   guint           m,
                   DlDay           from,
                   DlDay           to)
{
  for (guint i = r->start[m]; i < r->start[m + 1]; i++)
    if (r->days[i] >= from && r->days[i] <= to)
      return TRUE;
  return FALSE;
}

/* Whether member m is among the examples when a share keep of the
 * members (in 2^32ths) is: by a hash of their id, so the same members
 * every month and every fit, spread through the whole tree. */
static gboolean
member_sampled (const DlHistoryMember *member,
                guint64                keep)
{
  guint64 x = (guint64) member->member_id;

  /* MurmurHash3's 64-bit finalizer */
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (x & G_MAXUINT32) < keep;
}

void
dl_risk_learn (const DlHistory *h,
               double           lambda,
               DlRiskModel     *model)
{
  dl_risk_learn_at_most (h, lambda, DL_RISK_MAX_EXAMPLES, model);
}

void
dl_risk_learn_at_most (const DlHistory *h,
                       double           lambda,
                       guint            max_examples,
                       DlRiskModel     *model)
{
  Recruits recruits = { NULL, NULL };
  g_autofree double *fit_scores = NULL, *expert_scores = NULL;
  Examples fit = { 0, }, check = { 0, };
  DlRiskModel expert, learned;
  double params[N_PARAMS], inactive_gone;
  guint n_scored, n_check_months, first_k, fit_outcomes = 0, n_outcomes = 0;
  guint64 keep;

  g_return_if_fail (h != NULL && model != NULL);

  if (h->n_periods == 0 || h->n_members == 0)
    {
      dl_risk_model_init_expert (model, DL_RISK_FALLBACK_NO_HISTORY);
      return;
    }
  if (h->n_periods < DL_RISK_MIN_PERIODS)
    {
      dl_risk_model_init_expert (model, DL_RISK_FALLBACK_FEW_MONTHS);
      model->n_periods = h->n_periods;
      return;
    }

  /* The months scored: from the second (the first has no month before,
   * so no events) to the last with three months after it; the newest of
   * them check, the others fit. */
  first_k = 1;
  n_scored = h->n_periods - DL_RISK_HORIZON_MONTHS - first_k;
  n_check_months = MIN (DL_RISK_VALIDATION_MONTHS, MAX (1, n_scored / 3));

  /* the share of the members taken as examples, in 2^32ths: all of
   * them while members × months is within max_examples */
  {
    guint64 candidates = (guint64) h->n_members * n_scored;

    keep = candidates <= max_examples ? G_GUINT64_CONSTANT (1) << 32
                                      : (guint64) ((double) max_examples / (double) candidates * 4294967296.0);
  }

  recruits_init (&recruits, h);
  for (guint k = first_k; k < first_k + n_scored; k++)
    {
      Examples *e = k >= first_k + n_scored - n_check_months ? &check : &fit;
      DlDay end = dl_period_last_day (h->first + (DlPeriod) k);

      for (guint m = 0; m < h->n_members; m++)
        {
          double x[DL_RISK_N_FACTORS];
          const DlHistoryMember *member = &h->members[m];

          if (!member_sampled (member, keep) || !dl_risk_history_features (h, m, k, x))
            continue;
          x[DL_RISK_FACTOR_NO_RECRUIT] = member->distributor
                                          && end - member->joined_on >= DL_RISK_NO_RECRUIT_DAYS
                                          && !recruited_between (&recruits, m, G_MININT32 + 1, end);
          x[DL_RISK_FACTOR_NO_RECENT_RECRUIT] = member->distributor
                                                && end - member->joined_on >= DL_RISK_RECENT_RECRUIT_DAYS
                                                && !recruited_between (&recruits, m, end - DL_RISK_RECENT_RECRUIT_DAYS + 1, end);
          examples_add (e, x, dl_risk_history_gone (h, m, k));
        }
    }

  /* Inactive members are no examples (the model asks who of the active
   * leaves); what is known of them is how many never came back. */
  {
    guint64 inactive = 0, never_back = 0;

    for (guint k = first_k; k < first_k + n_scored; k++)
      for (guint m = 0; m < h->n_members; m++)
        if (status_at (h, m, k) == DL_FIGURE_INACTIVE)
          {
            inactive++;
            never_back += dl_risk_history_gone (h, m, k);
          }
    inactive_gone = inactive > 0 ? never_back / (double) inactive : NAN;
  }

  for (guint i = 0; i < fit.n; i++)
    fit_outcomes += fit.y[i];
  for (guint i = 0; i < check.n; i++)
    n_outcomes += check.y[i];
  n_outcomes += fit_outcomes;

  dl_risk_model_init_expert (&expert, DL_RISK_FALLBACK_NONE);
  expert_scores = score_examples (&expert, &check);
  expert.expert_auc = dl_risk_auc (expert_scores, check.y, check.n);

  if (n_outcomes < DL_RISK_MIN_OUTCOMES || fit_outcomes == 0 || check.n == 0)
    {
      *model = expert;
      model->fallback = DL_RISK_FALLBACK_FEW_OUTCOMES;
      model->auc = expert.expert_auc;
    }
  else
    {
      double fitted_auc;

      fit_logistic (&fit, lambda, params);
      learned = expert;
      model_from_params (&learned, params);
      fit_scores = score_examples (&learned, &check);
      fitted_auc = dl_risk_auc (fit_scores, check.y, check.n);

      if (isnan (fitted_auc) || !(isnan (expert.expert_auc) || fitted_auc > expert.expert_auc))
        {
          *model = expert;
          model->fallback = DL_RISK_FALLBACK_NOT_BETTER;
          model->auc = expert.expert_auc;
        }
      else
        {
          *model = learned;
          model->auc = fitted_auc;
        }
      model->fitted_auc = fitted_auc;
    }

  model->n_periods = h->n_periods;
  if (model->kind == DL_RISK_MODEL_LEARNED)
    model->inactive_gone = inactive_gone;
  model->n_outcomes = n_outcomes;
  model->n_examples = fit.n + check.n;
  model->fitted_to = h->first + (DlPeriod) (h->n_periods - 1);
  describe_validation (model, &check,
                       model->kind == DL_RISK_MODEL_LEARNED ? fit_scores : expert_scores);

  examples_clear (&fit);
  examples_clear (&check);
  recruits_clear (&recruits);
}

DlRiskBand
dl_risk_band_for_score (guint score)
{
  if (score >= DL_RISK_HIGH_FROM)
    return DL_RISK_HIGH;
  if (score >= DL_RISK_MEDIUM_FROM)
    return DL_RISK_MEDIUM;

  return DL_RISK_LOW;
}

static const guint factor_weights[DL_RISK_N_FACTORS] = {
  [DL_RISK_FACTOR_OVERDUE] = DL_RISK_WEIGHT_OVERDUE,
  [DL_RISK_FACTOR_EARLY_TENURE] = DL_RISK_WEIGHT_EARLY_TENURE,
  [DL_RISK_FACTOR_NO_ACTIVITY] = DL_RISK_WEIGHT_NO_ACTIVITY,
  [DL_RISK_FACTOR_NO_RECRUIT] = DL_RISK_WEIGHT_NO_RECRUIT,
  [DL_RISK_FACTOR_NEVER_WELCOMED] = DL_RISK_WEIGHT_NEVER_WELCOMED,
  [DL_RISK_FACTOR_SPONSOR_AWAY] = DL_RISK_WEIGHT_SPONSOR_AWAY,
};

G_STATIC_ASSERT (DL_RISK_WEIGHT_OVERDUE + DL_RISK_WEIGHT_EARLY_TENURE
                 + DL_RISK_WEIGHT_NO_ACTIVITY + DL_RISK_WEIGHT_NO_RECRUIT
                 + DL_RISK_WEIGHT_NEVER_WELCOMED + DL_RISK_WEIGHT_SPONSOR_AWAY == 100);

const char *
dl_risk_factor_get_title (DlRiskFactor factor)
{
  switch (factor)
    {
    case DL_RISK_FACTOR_OVERDUE:
      return _("Overdue check-in");
    case DL_RISK_FACTOR_EARLY_TENURE:
      return _("New member");
    case DL_RISK_FACTOR_NO_ACTIVITY:
      return _("No recent activity");
    case DL_RISK_FACTOR_NO_RECRUIT:
      return _("No recruit of their own");
    case DL_RISK_FACTOR_NEVER_WELCOMED:
      return _("Never welcomed");
    case DL_RISK_FACTOR_SPONSOR_AWAY:
      return _("Sponsor inactive or dropped");
    case DL_RISK_FACTOR_NO_FIRST_ORDER:
      return _("No first order");
    case DL_RISK_FACTOR_AUTOSHIP_CANCELLED:
      return _("Autoship cancelled");
    case DL_RISK_FACTOR_VOLUME_DROP:
      return _("Volume falling");
    case DL_RISK_FACTOR_RANK_LOST:
      return _("Rank lost");
    case DL_RISK_FACTOR_NO_RECENT_RECRUIT:
      return _("No recent recruit");
    case DL_RISK_FACTOR_TENURE:
      return _("Years in the business");
    case DL_RISK_N_FACTORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

guint
dl_risk_factor_get_weight (DlRiskFactor factor)
{
  g_return_val_if_fail ((guint) factor < DL_RISK_N_FACTORS, 0);

  return factor_weights[factor];
}

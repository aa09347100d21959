/* dl-rules.c — cadence, due dates, dropout risk, activity and staleness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-rules.h"

#define NONE DL_TREE_NO_PARENT

static const DlCadence default_cadence = DL_CADENCE_INIT;

/* The rules below run once per node over whole trees, so they work on the
 * node array directly (dl-tree.h promises one contiguous array) instead of
 * paying for a checked dl_tree_get_node() per field. */
typedef struct
{
  const DlTreeNode *nodes;
  guint             n_nodes;
  guint32           user;        /* the user's node, or NONE */
  guint32           user_end;    /* one past the user's subtree */
  const DlCadence  *cadence;
  const DlRiskModel *model;      /* a learned model, or NULL for the expert */
  DlDay             started_on;  /* dl_tree_get_started_on () */
} Ctx;

static void
ctx_init (Ctx             *ctx,
          const DlTree    *tree,
          const DlCadence *cadence)
{
  gint64 root = dl_tree_get_root (tree);

  ctx->n_nodes = dl_tree_get_n_nodes (tree);
  ctx->nodes = ctx->n_nodes > 0 ? dl_tree_get_node (tree, 0) : NULL;
  ctx->cadence = cadence != NULL ? cadence : &default_cadence;
  ctx->model = dl_tree_get_risk_model (tree);
  ctx->started_on = dl_tree_get_started_on (tree);
  if (ctx->model != NULL && ctx->model->kind != DL_RISK_MODEL_LEARNED)
    ctx->model = NULL;
  ctx->user = NONE;
  ctx->user_end = 0;
  if (root >= 0)
    {
      ctx->user = (guint32) root;
      ctx->user_end = ctx->user + ctx->nodes[root].subtree_size;
    }
}

static inline DlDay
day_max (DlDay a,
         DlDay b)
{
  return a > b ? a : b;
}

static inline gboolean
is_away (const DlTreeNode *node)
{
  return node->status == DL_MEMBER_INACTIVE || node->status == DL_MEMBER_DROPPED;
}

static inline gboolean
is_user (const Ctx *ctx,
         guint32    index)
{
  return index == ctx->user;
}

/* The interval by position in the tree, before tenure and overrides;
 * 0 when the member is someone else's job. */
static guint
base_interval (const Ctx *ctx,
               guint32    index)
{
  const DlTreeNode *node = &ctx->nodes[index];
  gboolean in_user_tree = index >= ctx->user && index < ctx->user_end;

  /* An orphan's sponsor is unknown, so nobody is known to look after
   * them: treat them like a member whose sponsor dropped out. */
  if (node->parent == NONE)
    return ctx->cadence->second_level_every;

  if (in_user_tree && node->level == 1)
    return ctx->cadence->personal_every;
  if (in_user_tree && node->level == 2)
    return ctx->cadence->second_level_every;

  /* Deeper, or anywhere under an orphan: their sponsor's job, unless the
   * sponsor is not doing it (the advice: then do it for them). */
  if (is_away (&ctx->nodes[node->parent]))
    return ctx->cadence->second_level_every;

  return 0;
}

/* Tenure is taken at the last check-in, so the due date it yields does not
 * shift as days pass. */
static gboolean
was_new_at_last_check_in (const Ctx        *ctx,
                          const DlTreeNode *node)
{
  DlDay since;

  if (node->joined_on == DL_DAY_NONE)
    return FALSE;

  since = day_max (node->last_contact, node->joined_on);
  return since - node->joined_on < (gint64) ctx->cadence->new_member_days;
}

/* The interval by level and tenure, the member's own override aside. */
static guint
default_cadence_days (const Ctx *ctx,
                      guint32    index)
{
  const DlTreeNode *node = &ctx->nodes[index];
  guint base;

  if (is_user (ctx, index) || node->status == DL_MEMBER_DROPPED)
    return 0;

  base = base_interval (ctx, index);
  if (base > 0 && ctx->cadence->new_member_every > 0 && was_new_at_last_check_in (ctx, node))
    base = MIN (base, ctx->cadence->new_member_every);

  return base;
}

static guint
cadence_days (const Ctx *ctx,
              guint32    index)
{
  const DlTreeNode *node = &ctx->nodes[index];

  if (is_user (ctx, index) || node->status == DL_MEMBER_DROPPED)
    return 0;
  if (node->cadence_override > 0)
    return node->cadence_override;

  return default_cadence_days (ctx, index);
}

/* Whether the member joined before the user started with Downline on
 * this file (with the welcome's 72 hours of grace): then they were in
 * the business before Downline knew of them. */
static gboolean
joined_before_start (const Ctx        *ctx,
                     const DlTreeNode *node)
{
  return ctx->started_on != DL_DAY_NONE && node->joined_on != DL_DAY_NONE
         && (gint64) node->joined_on < (gint64) ctx->started_on - DL_RULES_WELCOME_WINDOW_DAYS;
}

static gboolean
is_unwelcomed (const Ctx *ctx,
               guint32    index)
{
  const DlTreeNode *node = &ctx->nodes[index];

  if (is_user (ctx, index) || node->status == DL_MEMBER_DROPPED || joined_before_start (ctx, node))
    return FALSE;

  return node->last_contact == DL_DAY_NONE || node->last_contact < node->joined_on;
}

/* From the last contact logged, else from joining, but a member never
 * contacted who joined before the user started with Downline counts from
 * that start: nobody was overdue on the first day. */
static DlDay
check_in_due_on (const Ctx        *ctx,
                 const DlTreeNode *node,
                 guint             days,
                 DlDay             today)
{
  DlDay since = day_max (node->last_contact, node->joined_on);
  gboolean contacted = node->last_contact != DL_DAY_NONE
                       && (node->joined_on == DL_DAY_NONE || node->last_contact >= node->joined_on);
  DlDay due;

  if (!contacted && ctx->started_on != DL_DAY_NONE && since != DL_DAY_NONE)
    since = day_max (since, ctx->started_on);
  due = since == DL_DAY_NONE ? today : since + (DlDay) days;

  return day_max (due, node->snoozed_until);
}

static gboolean
member_due (const Ctx *ctx,
            guint32    index,
            DlDay      today,
            DlDueItem *item)
{
  const DlTreeNode *node = &ctx->nodes[index];
  guint days = cadence_days (ctx, index);

  if (days == 0)
    return FALSE;

  item->node = index;
  if (is_unwelcomed (ctx, index))
    {
      item->kind = DL_DUE_WELCOME;
      item->due_on = day_max (node->joined_on != DL_DAY_NONE ? node->joined_on : today,
                              node->snoozed_until);
    }
  else
    {
      item->kind = DL_DUE_CHECK_IN;
      item->due_on = check_in_due_on (ctx, node, days, today);
    }
  item->days_overdue = today - item->due_on;

  return TRUE;
}

void
dl_cadence_init_defaults (DlCadence *cadence)
{
  g_return_if_fail (cadence != NULL);

  *cadence = default_cadence;
}

guint
dl_rules_cadence_days (const DlTree    *tree,
                       guint            index,
                       const DlCadence *cadence)
{
  Ctx ctx;

  g_return_val_if_fail (tree != NULL, 0);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), 0);

  ctx_init (&ctx, tree, cadence);
  return cadence_days (&ctx, index);
}

guint
dl_rules_default_cadence_days (const DlTree    *tree,
                               guint            index,
                               const DlCadence *cadence)
{
  Ctx ctx;

  g_return_val_if_fail (tree != NULL, 0);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), 0);

  ctx_init (&ctx, tree, cadence);
  return default_cadence_days (&ctx, index);
}

gboolean
dl_rules_is_unwelcomed (const DlTree *tree,
                        guint         index)
{
  Ctx ctx;

  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), FALSE);

  ctx_init (&ctx, tree, NULL);
  return is_unwelcomed (&ctx, index);
}

gboolean
dl_rules_member_due (const DlTree    *tree,
                     guint            index,
                     const DlCadence *cadence,
                     DlDay            today,
                     DlDueItem       *item)
{
  Ctx ctx;
  DlDueItem found;

  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), FALSE);
  g_return_val_if_fail (item != NULL, FALSE);

  ctx_init (&ctx, tree, cadence);
  if (!member_due (&ctx, index, today, &found))
    return FALSE;

  *item = found;
  return TRUE;
}

/* Sorting the items themselves would reach every name through the node
 * array at every step: cache misses all the way.  Instead each item gets
 * a key with its due day, person id and the first 16 bytes of its name,
 * folded as g_ascii_strcasecmp() folds them and packed so that integer
 * order is that function's order.  Only names that share those 16 bytes
 * are looked at again. */
#define DUE_KEY_NAME_BYTES 16

typedef struct
{
  DlDay        due_on;
  guint32      item;
  guint64      name[DUE_KEY_NAME_BYTES / 8];
  gint64       person_id;
  const char  *rest;      /* the name after the packed bytes */
} DueKey;

static void
due_key_init (DueKey           *key,
              const DlDueItem  *item,
              guint32           position,
              const DlTreeNode *node)
{
  const char *name = node->name;
  guint i;

  key->due_on = item->due_on;
  key->item = position;
  key->person_id = node->person_id;
  memset (key->name, 0, sizeof key->name);
  for (i = 0; i < DUE_KEY_NAME_BYTES && name[i] != '\0'; i++)
    key->name[i / 8] |= (guint64) (guchar) g_ascii_tolower (name[i]) << (8 * (7 - i % 8));
  key->rest = name + i;
}

static int
compare_due_keys (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const DueKey *ka = a;
  const DueKey *kb = b;
  int cmp;

  if (ka->due_on != kb->due_on)
    return ka->due_on < kb->due_on ? -1 : 1;
  for (guint i = 0; i < G_N_ELEMENTS (ka->name); i++)
    if (ka->name[i] != kb->name[i])
      return ka->name[i] < kb->name[i] ? -1 : 1;

  if (*ka->rest != '\0' || *kb->rest != '\0')
    {
      cmp = g_ascii_strcasecmp (ka->rest, kb->rest);
      if (cmp != 0)
        return cmp;
    }

  return (ka->person_id > kb->person_id) - (ka->person_id < kb->person_id);
}

static void
sort_due_items (GArray           *items,
                const DlTreeNode *nodes)
{
  g_autofree DueKey *keys = NULL;
  g_autofree DlDueItem *unsorted = NULL;

  if (items->len < 2)
    return;

  unsorted = g_memdup2 (items->data, (gsize) items->len * sizeof (DlDueItem));
  keys = g_new (DueKey, items->len);
  for (guint32 i = 0; i < items->len; i++)
    due_key_init (&keys[i], &unsorted[i], i, &nodes[unsorted[i].node]);

  g_qsort_with_data (keys, (gint) items->len, sizeof (DueKey), compare_due_keys, NULL);

  for (guint32 i = 0; i < items->len; i++)
    g_array_index (items, DlDueItem, i) = unsorted[keys[i].item];
}

void
dl_rules_collect_due (const DlTree    *tree,
                      const DlCadence *cadence,
                      DlDay            today,
                      guint            horizon_days,
                      GArray          *items)
{
  Ctx ctx;
  DlDay horizon;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (items != NULL);
  g_return_if_fail (g_array_get_element_size (items) == sizeof (DlDueItem));

  ctx_init (&ctx, tree, cadence);
  horizon = (DlDay) MIN ((gint64) today + horizon_days, G_MAXINT32);

  g_array_set_size (items, 0);
  for (guint32 i = 0; i < ctx.n_nodes; i++)
    {
      DlDueItem item;

      if (member_due (&ctx, i, today, &item) && item.due_on <= horizon)
        g_array_append_val (items, item);
    }

  sort_due_items (items, ctx.nodes);
}

void
dl_rules_collect_owed (const DlTree    *tree,
                       const DlCadence *cadence,
                       DlDay            today,
                       GArray          *items)
{
  Ctx ctx;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (items != NULL);
  g_return_if_fail (g_array_get_element_size (items) == sizeof (DlOwedItem));

  ctx_init (&ctx, tree, cadence);
  g_array_set_size (items, 0);
  for (guint32 i = 0; i < ctx.n_nodes; i++)
    {
      DlDueItem due;
      DlOwedItem owed;

      if (!member_due (&ctx, i, today, &due))
        continue;
      owed.node = i;
      owed.due_on = due.due_on;
      owed.cadence_days = (guint16) MIN (cadence_days (&ctx, i), G_MAXUINT16);
      owed.kind = (guint8) due.kind;
      g_array_append_val (items, owed);
    }
}

gboolean
dl_rules_needs_welcome (const DlTree *tree,
                        guint         index,
                        DlDay         started_on,
                        DlDay         today)
{
  Ctx ctx;
  const DlTreeNode *node;

  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), FALSE);

  ctx_init (&ctx, tree, NULL);
  node = &ctx.nodes[index];
  if (started_on == DL_DAY_NONE || started_on > today)
    started_on = today;

  return is_unwelcomed (&ctx, index)
         && node->joined_on != DL_DAY_NONE
         && node->joined_on <= today
         && (gint64) today - node->joined_on <= DL_RULES_WELCOME_KEEP_DAYS
         && (gint64) node->joined_on >= (gint64) started_on - DL_RULES_WELCOME_WINDOW_DAYS;
}

DlDay
dl_rules_prospect_due_on (const DlProspectFacts *prospect)
{
  DlDay due;

  g_return_val_if_fail (prospect != NULL, DL_DAY_NONE);

  if (prospect->stage_kind == DL_STAGE_JOINED)
    return DL_DAY_NONE;

  due = prospect->next_follow_up;
  if (prospect->stage_kind == DL_STAGE_NOT_NOW && prospect->revisit_on != DL_DAY_NONE
      && (due == DL_DAY_NONE || prospect->revisit_on < due))
    due = prospect->revisit_on;

  return due;
}

gboolean
dl_rules_prospect_is_stale (const DlProspectFacts *prospect,
                            DlDay                  today)
{
  DlDay due;
  DlDay since;

  g_return_val_if_fail (prospect != NULL, FALSE);

  /* A stale-after of 0 days would make every prospect stale at once; the
   * store forbids it, and here it means "never". */
  if (prospect->stage_kind == DL_STAGE_JOINED || prospect->stale_after_days == 0)
    return FALSE;

  due = dl_rules_prospect_due_on (prospect);
  if (due != DL_DAY_NONE && due >= today)
    return FALSE;

  /* Never contacted and no known entry date: nothing shows anyone cared. */
  since = day_max (prospect->last_contact, prospect->entered_stage_on);
  if (since == DL_DAY_NONE)
    return TRUE;

  return (gint64) today - since >= (gint64) prospect->stale_after_days;
}

DlActivity
dl_rules_activity (const DlTreeNode *node,
                   DlDay             today)
{
  DlDay own;

  g_return_val_if_fail (node != NULL, DL_ACTIVITY_INACTIVE);

  if (node->status != DL_MEMBER_ACTIVE)
    return DL_ACTIVITY_INACTIVE;

  /* Signing up is activity: a member who joined last week is active. */
  own = day_max (node->last_activity, node->joined_on);
  if (own != DL_DAY_NONE && today - own <= DL_ACTIVITY_ACTIVE_DAYS)
    return DL_ACTIVITY_ACTIVE;
  if (own != DL_DAY_NONE && today - own <= DL_ACTIVITY_COOLING_DAYS)
    return DL_ACTIVITY_COOLING;
  if (node->last_contact != DL_DAY_NONE && today - node->last_contact <= DL_ACTIVITY_CONTACT_DAYS)
    return DL_ACTIVITY_COOLING;

  return DL_ACTIVITY_INACTIVE;
}

/* What the factors were computed from, for the sentences. */
typedef struct
{
  guint             points[DL_RISK_N_FACTORS];
  gint32            overdue;
  gint32            tenure;
  gint32            idle;
  gboolean          idle_since_joining;
  const DlTreeNode *sponsor;
} RiskFacts;

/* Fills facts and returns the score; FALSE when the member is not scored
 * (the user, or dropped). */
static gboolean
compute_risk (const Ctx *ctx,
              guint32    index,
              DlDay      today,
              RiskFacts *facts,
              guint     *score)
{
  const DlTreeNode *node = &ctx->nodes[index];
  guint days;
  guint sum = 0;
  DlDay own;

  memset (facts, 0, sizeof *facts);
  *score = 0;

  if (is_user (ctx, index) || node->status == DL_MEMBER_DROPPED)
    return FALSE;

  days = cadence_days (ctx, index);
  if (node->joined_on != DL_DAY_NONE)
    facts->tenure = today - node->joined_on;

  if (days > 0)
    {
      facts->overdue = today - check_in_due_on (ctx, node, days, today);
      if (facts->overdue > 0)
        {
          guint late = MIN ((guint) facts->overdue, days);

          /* Rounded up: a day late is never worth nothing. */
          facts->points[DL_RISK_FACTOR_OVERDUE] = (DL_RISK_WEIGHT_OVERDUE * late + days - 1) / days;
        }
    }

  if (node->joined_on != DL_DAY_NONE && facts->tenure < DL_RISK_EARLY_TENURE_DAYS)
    facts->points[DL_RISK_FACTOR_EARLY_TENURE] = DL_RISK_WEIGHT_EARLY_TENURE;

  own = day_max (node->last_activity, node->joined_on);
  if (own != DL_DAY_NONE)
    {
      facts->idle = today - own;
      facts->idle_since_joining = node->last_activity == DL_DAY_NONE
                                  || node->last_activity < node->joined_on;
      if (facts->idle >= DL_RISK_NO_ACTIVITY_DAYS)
        facts->points[DL_RISK_FACTOR_NO_ACTIVITY] = DL_RISK_WEIGHT_NO_ACTIVITY;
    }

  /* Customers buy; only distributors are expected to build a team. */
  if (node->role == DL_ROLE_DISTRIBUTOR && node->joined_on != DL_DAY_NONE
      && facts->tenure >= DL_RISK_NO_RECRUIT_DAYS
      && (node->first_recruit_on == DL_DAY_NONE || node->first_recruit_on > today))
    facts->points[DL_RISK_FACTOR_NO_RECRUIT] = DL_RISK_WEIGHT_NO_RECRUIT;

  /* Only the user's own log is known: for members who are their sponsor's
   * job, no contact logged here says nothing about their welcome. */
  if (days > 0 && node->joined_on != DL_DAY_NONE && is_unwelcomed (ctx, index)
      && facts->tenure > DL_WELCOME_GRACE_DAYS)
    facts->points[DL_RISK_FACTOR_NEVER_WELCOMED] = DL_RISK_WEIGHT_NEVER_WELCOMED;

  if (node->parent != NONE && !is_user (ctx, node->parent)
      && is_away (&ctx->nodes[node->parent]))
    {
      facts->sponsor = &ctx->nodes[node->parent];
      facts->points[DL_RISK_FACTOR_SPONSOR_AWAY] = DL_RISK_WEIGHT_SPONSOR_AWAY;
    }

  if (ctx->model == NULL)
    {
      for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
        sum += facts->points[f];
      *score = MIN (sum, 100);
      return TRUE;
    }

  /* An inactive member: how many like them never came back. */
  if (node->status == DL_MEMBER_INACTIVE && !isnan (ctx->model->inactive_gone))
    {
      memset (facts->points, 0, sizeof facts->points);
      *score = (guint) CLAMP (lround (100 * ctx->model->inactive_gone), 0, 100);
      facts->points[DL_RISK_FACTOR_NO_ACTIVITY] = *score;
      return TRUE;
    }

  /* A learned model weighs the same facts, and the back office's. */
  {
    double x[DL_RISK_N_FACTORS] = { 0, };

    for (guint f = 0; f < DL_RISK_N_EXPERT_FACTORS; f++)
      x[f] = facts->points[f] > 0;
    if (facts->points[DL_RISK_FACTOR_OVERDUE] > 0)
      x[DL_RISK_FACTOR_OVERDUE] = MIN (1.0, facts->overdue / (double) days);
    x[DL_RISK_FACTOR_NO_FIRST_ORDER] = (node->signals & DL_RISK_SIGNAL_NO_FIRST_ORDER) != 0;
    x[DL_RISK_FACTOR_AUTOSHIP_CANCELLED] = (node->signals & DL_RISK_SIGNAL_AUTOSHIP_CANCELLED) != 0;
    x[DL_RISK_FACTOR_VOLUME_DROP] = (node->signals & DL_RISK_SIGNAL_VOLUME_DROP) != 0;
    x[DL_RISK_FACTOR_RANK_LOST] = (node->signals & DL_RISK_SIGNAL_RANK_LOST) != 0;
    x[DL_RISK_FACTOR_NO_RECENT_RECRUIT] = node->role == DL_ROLE_DISTRIBUTOR && node->joined_on != DL_DAY_NONE
                                          && facts->tenure >= DL_RISK_RECENT_RECRUIT_DAYS
                                          && (node->last_recruit_on == DL_DAY_NONE
                                              || node->last_recruit_on <= today - DL_RISK_RECENT_RECRUIT_DAYS);
    if (node->joined_on != DL_DAY_NONE)
      x[DL_RISK_FACTOR_TENURE] = dl_risk_tenure_feature (facts->tenure);

    *score = dl_risk_model_score (ctx->model, x);
    for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
      facts->points[f] = dl_risk_model_points (ctx->model, x, (DlRiskFactor) f);
  }

  return TRUE;
}

static char *
risk_sentence (DlRiskFactor     factor,
               const RiskFacts *facts)
{
  switch (factor)
    {
    case DL_RISK_FACTOR_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Check-in %d day overdue",
                                           "Check-in %d days overdue",
                                           facts->overdue),
                              facts->overdue);

    case DL_RISK_FACTOR_EARLY_TENURE:
      if (facts->tenure == 0)
        return g_strdup (_("New member: joined today"));
      if (facts->tenure < 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "New member: joins in %d day",
                                             "New member: joins in %d days",
                                             -facts->tenure),
                                -facts->tenure);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "New member: joined %d day ago",
                                           "New member: joined %d days ago",
                                           facts->tenure),
                              facts->tenure);

    case DL_RISK_FACTOR_NO_ACTIVITY:
      if (facts->idle_since_joining)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "No activity reported since joining %d day ago",
                                             "No activity reported since joining %d days ago",
                                             facts->idle),
                                facts->idle);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "No activity reported for %d day",
                                           "No activity reported for %d days",
                                           facts->idle),
                              facts->idle);

    case DL_RISK_FACTOR_NO_RECRUIT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "No recruit of their own after %d day",
                                           "No recruit of their own after %d days",
                                           facts->tenure),
                              facts->tenure);

    case DL_RISK_FACTOR_NEVER_WELCOMED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Not welcomed: no contact logged since joining %d day ago",
                                           "Not welcomed: no contact logged since joining %d days ago",
                                           facts->tenure),
                              facts->tenure);

    case DL_RISK_FACTOR_SPONSOR_AWAY:
      if (facts->sponsor->status == DL_MEMBER_DROPPED)
        return g_strdup_printf (_("Their sponsor, %s, has dropped out"), facts->sponsor->name);
      return g_strdup_printf (_("Their sponsor, %s, is inactive"), facts->sponsor->name);

    case DL_RISK_FACTOR_NO_FIRST_ORDER:
      return g_strdup (_("No first order a month after joining"));

    case DL_RISK_FACTOR_AUTOSHIP_CANCELLED:
      return g_strdup (_("Autoship cancelled in the last two months"));

    case DL_RISK_FACTOR_VOLUME_DROP:
      return g_strdup (_("Volume fell below half their usual"));

    case DL_RISK_FACTOR_RANK_LOST:
      return g_strdup (_("Paid a lower rank than the month before"));

    case DL_RISK_FACTOR_NO_RECENT_RECRUIT:
      return g_strdup (_("No new recruit of their own in the last six months"));

    case DL_RISK_FACTOR_TENURE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "In the business for %d day",
                                           "In the business for %d days",
                                           facts->tenure),
                              facts->tenure);

    case DL_RISK_N_FACTORS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
clear_reason (gpointer data)
{
  DlRiskReason *reason = data;

  g_clear_pointer (&reason->sentence, g_free);
}

DlRisk *
dl_rules_risk (const DlTree    *tree,
               guint            index,
               const DlCadence *cadence,
               DlDay            today)
{
  Ctx ctx;
  RiskFacts facts;
  DlRisk *risk;

  g_return_val_if_fail (tree != NULL, NULL);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), NULL);

  ctx_init (&ctx, tree, cadence);

  risk = g_new0 (DlRisk, 1);
  risk->reasons = g_array_new (FALSE, FALSE, sizeof (DlRiskReason));
  g_array_set_clear_func (risk->reasons, clear_reason);

  if (!compute_risk (&ctx, index, today, &facts, &risk->score))
    {
      risk->band = ctx.nodes[index].status == DL_MEMBER_DROPPED ? DL_RISK_DROPPED : DL_RISK_LOW;
      return risk;
    }

  risk->band = dl_risk_band_for_score (risk->score);

  /* Heaviest first, ties in factor order: an insertion keeps it simple
   * for a dozen reasons at most. */
  risk->learned = ctx.model != NULL;
  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    {
      DlRiskReason reason;
      guint at = risk->reasons->len;

      if (facts.points[f] == 0)
        continue;

      reason.factor = (DlRiskFactor) f;
      reason.points = facts.points[f];
      reason.sentence = risk_sentence ((DlRiskFactor) f, &facts);

      while (at > 0 && g_array_index (risk->reasons, DlRiskReason, at - 1).points < reason.points)
        at--;
      g_array_insert_val (risk->reasons, at, reason);
    }

  return risk;
}

void
dl_risk_free (DlRisk *risk)
{
  if (risk == NULL)
    return;

  g_array_unref (risk->reasons);
  g_free (risk);
}

guint
dl_rules_risk_score (const DlTree    *tree,
                     guint            index,
                     const DlCadence *cadence,
                     DlDay            today,
                     DlRiskBand      *band)
{
  Ctx ctx;
  RiskFacts facts;
  guint score;
  DlRiskBand b;

  g_return_val_if_fail (tree != NULL, 0);
  g_return_val_if_fail (index < dl_tree_get_n_nodes (tree), 0);

  ctx_init (&ctx, tree, cadence);
  if (compute_risk (&ctx, index, today, &facts, &score))
    b = dl_risk_band_for_score (score);
  else
    b = ctx.nodes[index].status == DL_MEMBER_DROPPED ? DL_RISK_DROPPED : DL_RISK_LOW;

  if (band != NULL)
    *band = b;

  return score;
}

gboolean
dl_tree_can_move (const DlTree  *tree,
                  guint          member_index,
                  guint          new_sponsor_index,
                  GError       **error)
{
  const DlTreeNode *member;
  const DlTreeNode *sponsor;

  g_return_val_if_fail (tree != NULL, FALSE);
  g_return_val_if_fail (member_index < dl_tree_get_n_nodes (tree), FALSE);
  g_return_val_if_fail (new_sponsor_index < dl_tree_get_n_nodes (tree), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  member = dl_tree_get_node (tree, member_index);
  sponsor = dl_tree_get_node (tree, new_sponsor_index);

  if ((gint64) member_index == dl_tree_get_root (tree))
    {
      g_set_error (error, DL_TREE_ERROR, DL_TREE_ERROR_ROOT,
                   _("You head your downline, so you cannot be moved under “%s”"),
                   sponsor->name);
      return FALSE;
    }

  if (member_index == new_sponsor_index)
    {
      g_set_error (error, DL_TREE_ERROR, DL_TREE_ERROR_CYCLE,
                   _("“%s” cannot be their own sponsor"), member->name);
      return FALSE;
    }

  if (dl_tree_is_ancestor (tree, member_index, new_sponsor_index))
    {
      g_set_error (error, DL_TREE_ERROR, DL_TREE_ERROR_CYCLE,
                   _("“%s” cannot be moved under “%s”, who is in their own downline"),
                   member->name, sponsor->name);
      return FALSE;
    }

  return TRUE;
}

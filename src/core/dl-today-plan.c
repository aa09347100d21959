/* dl-today-plan.c — the day plan: which tasks today, in tiers, and the rollup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dl-today.h"

/* Tiers, in plan order; expired check-ins come last and only roll up. */
enum
{
  TIER_WELCOME,
  TIER_FIRST_WEEKS,
  TIER_UPLINE,
  TIER_EVENT,
  TIER_RISK,
  TIER_CHECK_IN,
  TIER_FOLLOW_UP,
  TIER_EXPIRED,
};

/* Which things to say first about an event, most worrying first.
 * Joining is the welcome's business, and a terminated member is no
 * longer anyone's call: neither becomes an event task. */
#define EVENT_NO_TASK G_MAXUINT8
static const guint8 event_weight[DL_N_EVENTS] = {
  [DL_EVENT_JOINED] = EVENT_NO_TASK,
  [DL_EVENT_TERMINATED] = EVENT_NO_TASK,
  [DL_EVENT_AUTOSHIP_CANCELLED] = 0,
  [DL_EVENT_BECAME_INACTIVE] = 1,
  [DL_EVENT_RANK_DOWN] = 2,
  [DL_EVENT_NO_FIRST_ORDER] = 3,
  [DL_EVENT_VOLUME_DROP] = 4,
  [DL_EVENT_RANK_UP] = 5,
  [DL_EVENT_AUTOSHIP_STARTED] = 6,
  [DL_EVENT_REACTIVATED] = 7,
};

static const guint8 touch_days[] = { 2, 7, 30 };

/* A candidate task, kept small: a million members make half a million
 * of these.  key orders them: the tier in the top byte, then what
 * matters within it; ties go by index, so the order never depends on
 * the sort. */
typedef struct
{
  guint64  key;
  guint32  index;
  guint8   kind;
  guint8   touch_day;
  guint8   event_kind;
  guint8   risk_band;
  guint8   risk_score;
  guint8   expired;
  guint16  cadence_days;
  DlDay    due_on;
  DlDay    event_on;
} Cand;

#define KEY(tier, priority) (((guint64) (tier) << 56) | ((guint64) (priority) & G_GUINT64_CONSTANT (0x00ffffffffffffff)))

static inline int
cand_cmp (const Cand *a,
          const Cand *b)
{
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return (a->index > b->index) - (a->index < b->index);
}

static int
cand_cmp_cb (gconstpointer a,
             gconstpointer b)
{
  return cand_cmp (a, b);
}

/* The best `size` candidates seen, as a max-heap on cand_cmp: the root
 * is the worst kept, so most candidates cost one comparison. */
typedef struct
{
  Cand  *items;
  guint  len;
  guint  size;
} Best;

static void
best_init (Best  *best,
           guint  size)
{
  best->items = g_new (Cand, MAX (size, 1));
  best->len = 0;
  best->size = size;
}

static void
best_sift_down (Best  *best,
                guint  i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Cand tmp;

      if (l < best->len && cand_cmp (&best->items[l], &best->items[m]) > 0)
        m = l;
      if (r < best->len && cand_cmp (&best->items[r], &best->items[m]) > 0)
        m = r;
      if (m == i)
        return;
      tmp = best->items[i];
      best->items[i] = best->items[m];
      best->items[m] = tmp;
      i = m;
    }
}

static void
best_offer (Best       *best,
            const Cand *cand)
{
  if (best->size == 0)
    return;
  if (best->len < best->size)
    {
      guint i = best->len++;

      best->items[i] = *cand;
      while (i > 0 && cand_cmp (&best->items[(i - 1) / 2], &best->items[i]) < 0)
        {
          Cand tmp = best->items[i];

          best->items[i] = best->items[(i - 1) / 2];
          best->items[(i - 1) / 2] = tmp;
          i = (i - 1) / 2;
        }
      return;
    }
  if (cand_cmp (cand, &best->items[0]) >= 0)
    return;
  best->items[0] = *cand;
  best_sift_down (best, 0);
}

/* Sorted, best first. */
static void
best_finish (Best *best)
{
  qsort (best->items, best->len, sizeof (Cand), cand_cmp_cb);
}

typedef struct
{
  const DlTree          *tree;
  const DlTreeNode      *nodes;
  guint32                user;
  guint32                user_end;
  const DlCadence       *cadence;
  const DlTodayProspect *prospects;
  guint                  n_prospects;
  const DlPlanOptions   *options;
  DlDay                  today;
  DlDay                  started_on;
  GHashTable            *events;     /* node index + 1 → most pressing DlPlanEvent */
} Plan;

static inline gboolean
kind_on (const Plan *p,
         DlTaskKind  kind)
{
  return (p->options->kinds_off & (1u << kind)) == 0;
}

static inline gboolean
in_user_tree (const Plan *p,
              guint32     index)
{
  return index >= p->user && index < p->user_end;
}

/* The first-weeks touchpoint owed today, or 0. */
static guint8
owed_touch_day (const DlTreeNode *node,
                DlDay             today)
{
  if (node->joined_on == DL_DAY_NONE)
    return 0;
  for (guint t = 0; t < G_N_ELEMENTS (touch_days); t++)
    {
      DlDay day = node->joined_on + touch_days[t];
      DlDay until = t + 1 < G_N_ELEMENTS (touch_days) ? node->joined_on + touch_days[t + 1]
                                                      : day + DL_TODAY_LAST_TOUCH_DAYS;

      if (today >= day && today < until)
        return node->last_contact != DL_DAY_NONE && node->last_contact >= day ? 0 : touch_days[t];
    }
  return 0;
}

/* The next touchpoint after today within the week, for the week view. */
static DlDay
next_touch_on (const DlTreeNode *node,
               DlDay             today)
{
  if (node->joined_on == DL_DAY_NONE)
    return DL_DAY_NONE;
  for (guint t = 0; t < G_N_ELEMENTS (touch_days); t++)
    {
      DlDay day = node->joined_on + touch_days[t];

      if (day > today)
        return day <= today + DL_TODAY_WEEK_DAYS ? day : DL_DAY_NONE;
    }
  return DL_DAY_NONE;
}

static guint
level_rank (const Plan *p,
            guint32     index)
{
  const DlTreeNode *node = &p->nodes[index];

  if (in_user_tree (p, index) && node->level <= 2)
    return node->level;
  return 3;
}

static void
count_week (DlDayPlan  *plan,
            DlTaskKind  kind,
            DlDay       due_on,
            DlDay       today)
{
  gint64 d = (gint64) due_on - today - 1;

  if (d >= 0 && d < DL_TODAY_WEEK_DAYS)
    {
      plan->week[d]++;
      plan->week_kinds[d][kind]++;
    }
}

/* The one task a member is owed today, if any; FALSE when none (what is
 * coming this week is counted instead). */
static gboolean
member_candidate (const Plan       *p,
                  const DlOwedItem *owed,
                  DlDayPlan        *plan,
                  Cand             *c)
{
  const DlTreeNode *node = &p->nodes[owed->node];
  DlDay today = p->today;
  const DlPlanEvent *event = NULL;
  gboolean second_level = in_user_tree (p, owed->node) && node->level == 2;
  DlDay due;

  gboolean snoozed = node->snoozed_until != DL_DAY_NONE && node->snoozed_until > today;

  memset (c, 0, sizeof *c);
  c->index = owed->node;
  c->cadence_days = owed->cadence_days;

  /* a snooze (or "done, no contact needed") sets every kind aside */
  if (!snoozed && dl_rules_needs_welcome (p->tree, owed->node, p->started_on, today))
    {
      DlTaskKind kind = second_level ? DL_TASK_UPLINE_WELCOME : DL_TASK_WELCOME;

      if (kind_on (p, kind))
        {
          c->kind = kind;
          c->due_on = node->joined_on;
          c->key = KEY (second_level ? TIER_UPLINE : TIER_WELCOME, node->joined_on);
          return TRUE;
        }
    }

  if (!snoozed && !second_level && kind_on (p, DL_TASK_FIRST_WEEKS))
    {
      guint8 touch = owed_touch_day (node, today);

      if (touch > 0)
        {
          c->kind = DL_TASK_FIRST_WEEKS;
          c->touch_day = touch;
          c->due_on = node->joined_on + touch;
          c->key = KEY (TIER_FIRST_WEEKS, c->due_on);
          return TRUE;
        }
    }

  if (p->events != NULL && !snoozed)
    event = g_hash_table_lookup (p->events, GUINT_TO_POINTER (owed->node + 1));
  if (event != NULL)
    {
      c->kind = DL_TASK_EVENT;
      c->event_kind = event->type;
      c->event_on = event->on;
      c->due_on = event->on;
      /* the user's own recruits first, then their second level, then
       * the rest: a cancelled autoship five levels down is first their
       * sponsor's call */
      c->key = KEY (TIER_EVENT, ((guint64) MIN (node->level, 3) << 40)
                                | ((guint64) event_weight[event->type] << 32) | (guint32) event->on);
      return TRUE;
    }

  if (!kind_on (p, DL_TASK_CHECK_IN))
    return FALSE;

  /* a welcome that is not owed (imported, or long ago) is a check-in */
  due = owed->due_on;
  if (owed->kind == DL_DUE_WELCOME)
    due = MAX ((node->joined_on != DL_DAY_NONE ? node->joined_on + owed->cadence_days : today),
               node->snoozed_until);

  if (due > today)
    {
      DlDay touch = kind_on (p, DL_TASK_FIRST_WEEKS) && !second_level ? next_touch_on (node, today) : DL_DAY_NONE;

      if (touch != DL_DAY_NONE)
        count_week (plan, DL_TASK_FIRST_WEEKS, touch, today);
      else
        count_week (plan, DL_TASK_CHECK_IN, due, today);
      return FALSE;
    }

  c->kind = DL_TASK_CHECK_IN;
  c->due_on = due;
  /* routine check-ins expire after one more interval: they roll up */
  if ((gint64) today - due > owed->cadence_days)
    {
      c->expired = TRUE;
      c->key = KEY (TIER_EXPIRED, (guint32) due);
      return TRUE;
    }
  {
    DlRiskBand band;
    guint score = dl_rules_risk_score (p->tree, owed->node, p->cadence, today, &band);

    c->risk_band = band;
    c->risk_score = score;
    if (band == DL_RISK_HIGH)
      c->key = KEY (TIER_RISK, ((guint64) level_rank (p, owed->node) << 40)
                                | ((guint64) (100 - MIN (score, 100)) << 32) | (guint32) due);
    else
      c->key = KEY (TIER_CHECK_IN, ((guint64) (guint32) due << 4) | level_rank (p, owed->node));
  }
  return TRUE;
}

static gboolean
prospect_candidate (const Plan *p,
                    guint       i,
                    DlDayPlan  *plan,
                    Cand       *c)
{
  const DlTodayProspect *prospect = &p->prospects[i];
  DlDay due = dl_rules_prospect_due_on (&prospect->facts);

  memset (c, 0, sizeof *c);
  if (!kind_on (p, DL_TASK_FOLLOW_UP) || due == DL_DAY_NONE)
    return FALSE;
  /* a contact on or after the day answers the follow-up */
  if (prospect->facts.last_contact != DL_DAY_NONE && prospect->facts.last_contact >= due)
    return FALSE;
  if (due > p->today)
    {
      count_week (plan, DL_TASK_FOLLOW_UP, due, p->today);
      return FALSE;
    }
  c->index = i;
  c->kind = DL_TASK_FOLLOW_UP;
  c->due_on = due;
  c->key = KEY (TIER_FOLLOW_UP, (guint32) due);
  return TRUE;
}

static void
task_from_cand (const Plan *p,
                const Cand *c,
                DlTask     *task)
{
  memset (task, 0, sizeof *task);
  task->index = c->index;
  task->kind = c->kind;
  task->state = DL_TASK_OPEN;
  task->touch_day = c->touch_day;
  task->event_kind = c->event_kind;
  task->event_on = c->event_on;
  task->due_on = c->due_on;
  task->days_overdue = p->today - c->due_on;
  task->cadence_days = c->cadence_days;
  task->risk_band = c->risk_band;
  task->risk_score = c->risk_score;
  if (c->kind == DL_TASK_FOLLOW_UP)
    {
      const DlTodayProspect *prospect = &p->prospects[c->index];

      task->person_id = prospect->person_id;
      task->name = prospect->name;
      task->last_contact = prospect->facts.last_contact;
      task->joined_on = DL_DAY_NONE;
    }
  else
    {
      const DlTreeNode *node = &p->nodes[c->index];

      task->person_id = node->person_id;
      task->name = node->name;
      task->last_contact = node->last_contact;
      task->joined_on = node->joined_on;
      task->level = node->level;
      if (node->parent != DL_TREE_NO_PARENT)
        task->sponsor_name = p->nodes[node->parent].name;
      if (c->risk_band == 0 && c->risk_score == 0)
        {
          DlRiskBand band;

          task->risk_score = dl_rules_risk_score (p->tree, c->index, p->cadence, p->today, &band);
          task->risk_band = band;
        }
    }
}

/* Events that still call for a contact, the most pressing per member. */
static GHashTable *
index_events (const Plan *p)
{
  const DlPlanOptions *o = p->options;
  GHashTable *events;

  if (o->n_events == 0 || p->tree == NULL || !kind_on (p, DL_TASK_EVENT))
    return NULL;

  events = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < o->n_events; i++)
    {
      const DlPlanEvent *e = &o->events[i];
      const DlPlanEvent *had;
      gint64 index;
      const DlTreeNode *node;

      if (e->type >= DL_N_EVENTS || event_weight[e->type] == EVENT_NO_TASK
          || (o->events_off & (1u << e->type)) != 0)
        continue;
      if (e->on == DL_DAY_NONE || e->on > p->today || (gint64) p->today - e->on > DL_TODAY_EVENT_DAYS)
        continue;
      index = dl_tree_find (p->tree, e->person_id);
      if (index < 0)
        continue;
      node = &p->nodes[index];
      if (node->last_contact != DL_DAY_NONE && node->last_contact >= e->on)
        continue;
      had = g_hash_table_lookup (events, GUINT_TO_POINTER (index + 1));
      if (had == NULL || event_weight[e->type] < event_weight[had->type]
          || (event_weight[e->type] == event_weight[had->type] && e->on > had->on))
        g_hash_table_insert (events, GUINT_TO_POINTER (index + 1), (gpointer) e);
    }
  return events;
}

/* A pinned task as it stands now: still owed, done or cleared. */
static gboolean
pinned_task (const Plan      *p,
             const DlTaskKey *key,
             GArray          *owed_by_node,
             DlDayPlan       *plan,
             DlTask          *task,
             guint32         *member_index)
{
  Cand c;

  *member_index = G_MAXUINT32;
  if (key->kind == DL_TASK_FOLLOW_UP)
    {
      for (guint i = 0; i < p->n_prospects; i++)
        if (p->prospects[i].person_id == key->person_id)
          {
            if (prospect_candidate (p, i, plan, &c))
              task_from_cand (p, &c, task);
            else
              {
                c.index = i;
                c.kind = DL_TASK_FOLLOW_UP;
                c.due_on = p->today;
                task_from_cand (p, &c, task);
                task->state = task->last_contact == p->today ? DL_TASK_DONE : DL_TASK_CLEARED;
              }
            return TRUE;
          }
      return FALSE;
    }
  else
    {
      gint64 index = p->tree != NULL ? dl_tree_find (p->tree, key->person_id) : -1;
      const DlOwedItem *owed;

      if (index < 0)
        return FALSE;
      *member_index = (guint32) index;
      owed = g_array_index (owed_by_node, const DlOwedItem *, index);
      if (owed != NULL && member_candidate (p, owed, plan, &c) && !c.expired)
        {
          task_from_cand (p, &c, task);
          return TRUE;
        }
      memset (&c, 0, sizeof c);
      c.index = (guint32) index;
      c.kind = key->kind;
      c.event_kind = DL_N_EVENTS;   /* which event is no longer known: said in general words */
      c.due_on = p->today;
      c.cadence_days = owed != NULL ? owed->cadence_days : 0;
      task_from_cand (p, &c, task);
      task->state = task->last_contact == p->today ? DL_TASK_DONE : DL_TASK_CLEARED;
      return TRUE;
    }
}

DlDayPlan *
dl_day_plan_new (void)
{
  DlDayPlan *plan = g_new0 (DlDayPlan, 1);

  plan->tasks = g_array_new (FALSE, FALSE, sizeof (DlTask));
  plan->rollups = g_array_new (FALSE, FALSE, sizeof (DlRollup));
  plan->overflow = g_array_new (FALSE, FALSE, sizeof (DlTask));
  return plan;
}

void
dl_day_plan_free (DlDayPlan *plan)
{
  if (plan == NULL)
    return;
  g_array_unref (plan->tasks);
  g_array_unref (plan->rollups);
  g_array_unref (plan->overflow);
  g_free (plan);
}

/* How many of each roll-up the list that opens from it shows. */
#define ROLLUP_SHOWN 200

void
dl_day_plan_build (DlDayPlan             *plan,
                   const DlTree          *tree,
                   const DlCadence       *cadence,
                   const DlTodayProspect *prospects,
                   guint                  n_prospects,
                   const DlPlanOptions   *options,
                   DlDay                  today)
{
  static const DlPlanOptions no_options = { 0, };
  Plan p = { 0, };
  g_autoptr(GArray) owed = g_array_new (FALSE, FALSE, sizeof (DlOwedItem));
  g_autoptr(GArray) owed_by_node = NULL;
  g_autoptr(GHashTable) pinned_nodes = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) pinned_prospects = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint counts[DL_TASK_N_KINDS] = { 0, };
  Best best;
  Best rolled[DL_TASK_N_KINDS];
  guint capacity, n_pinned;
  DlCadence default_cadence;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (prospects != NULL || n_prospects == 0);
  g_return_if_fail (today != DL_DAY_NONE);

  if (options == NULL)
    options = &no_options;
  if (cadence == NULL)
    {
      dl_cadence_init_defaults (&default_cadence);
      cadence = &default_cadence;
    }

  p.tree = tree;
  p.cadence = cadence;
  p.prospects = prospects;
  p.n_prospects = n_prospects;
  p.options = options;
  p.today = today;
  p.started_on = options->started_on != DL_DAY_NONE ? options->started_on : today;
  p.user = G_MAXUINT32;
  if (tree != NULL && dl_tree_get_n_nodes (tree) > 0)
    {
      gint64 root = dl_tree_get_root (tree);

      p.nodes = dl_tree_get_node (tree, 0);
      if (root >= 0)
        {
          p.user = (guint32) root;
          p.user_end = p.user + p.nodes[root].subtree_size;
        }
      dl_rules_collect_owed (tree, cadence, today, owed);
    }
  p.events = index_events (&p);

  capacity = options->capacity > 0 ? options->capacity : DL_TODAY_DEFAULT_CAPACITY;
  g_array_set_size (plan->tasks, 0);
  g_array_set_size (plan->rollups, 0);
  g_array_set_size (plan->overflow, 0);
  memset (plan->week, 0, sizeof plan->week);
  memset (plan->week_kinds, 0, sizeof plan->week_kinds);
  plan->n_done = 0;
  plan->capacity = capacity;

  /* the plan chosen earlier today keeps its places */
  if (options->n_pinned > 0)
    {
      owed_by_node = g_array_sized_new (FALSE, TRUE, sizeof (gpointer),
                                        tree != NULL ? dl_tree_get_n_nodes (tree) : 0);
      g_array_set_size (owed_by_node, tree != NULL ? dl_tree_get_n_nodes (tree) : 0);
      for (guint i = 0; i < owed->len; i++)
        {
          const DlOwedItem *o = &g_array_index (owed, DlOwedItem, i);

          g_array_index (owed_by_node, const DlOwedItem *, o->node) = o;
        }
    }
  for (guint i = 0; i < options->n_pinned && plan->tasks->len < capacity; i++)
    {
      DlTask task;
      guint32 member;
      DlDayPlan scratch = { 0, };

      /* a kind switched off since the morning leaves the plan */
      if (options->pinned[i].kind >= DL_TASK_N_KINDS || !kind_on (&p, options->pinned[i].kind))
        continue;
      /* the week is counted in the main pass, not twice */
      if (!pinned_task (&p, &options->pinned[i], owed_by_node, &scratch, &task, &member))
        continue;
      if (member != G_MAXUINT32)
        {
          if (g_hash_table_contains (pinned_nodes, GUINT_TO_POINTER (member + 1)))
            continue;
          g_hash_table_add (pinned_nodes, GUINT_TO_POINTER (member + 1));
        }
      else
        {
          if (g_hash_table_contains (pinned_prospects, &options->pinned[i].person_id))
            continue;
          g_hash_table_add (pinned_prospects, (gpointer) &options->pinned[i].person_id);
        }
      if (task.state != DL_TASK_OPEN)
        plan->n_done++;
      g_array_append_val (plan->tasks, task);
    }
  n_pinned = plan->tasks->len;

  best_init (&best, capacity - n_pinned);
  for (guint k = 0; k < DL_TASK_N_KINDS; k++)
    best_init (&rolled[k], ROLLUP_SHOWN + capacity);

  for (guint i = 0; i < owed->len; i++)
    {
      const DlOwedItem *o = &g_array_index (owed, DlOwedItem, i);
      Cand c;

      if (!member_candidate (&p, o, plan, &c))
        continue;
      if (n_pinned > 0 && g_hash_table_contains (pinned_nodes, GUINT_TO_POINTER (o->node + 1)))
        continue;
      counts[c.kind]++;
      if (!c.expired)
        best_offer (&best, &c);
      best_offer (&rolled[c.kind], &c);
    }
  for (guint i = 0; i < n_prospects; i++)
    {
      Cand c;

      if (!prospect_candidate (&p, i, plan, &c))
        continue;
      if (n_pinned > 0 && g_hash_table_contains (pinned_prospects, &prospects[i].person_id))
        continue;
      counts[c.kind]++;
      best_offer (&best, &c);
      best_offer (&rolled[c.kind], &c);
    }

  best_finish (&best);
  for (guint i = 0; i < best.len; i++)
    {
      DlTask task;

      task_from_cand (&p, &best.items[i], &task);
      g_array_append_val (plan->tasks, task);
      counts[task.kind]--;
    }

  /* what did not make it rolls up, most important first */
  for (guint k = 0; k < DL_TASK_N_KINDS; k++)
    {
      Best *r = &rolled[k];
      guint shown = 0;

      best_finish (r);
      for (guint i = 0; i < r->len && shown < ROLLUP_SHOWN; i++)
        {
          DlTask task;

          if (best.len > 0 && !r->items[i].expired
              && bsearch (&r->items[i], best.items, best.len, sizeof (Cand), cand_cmp_cb) != NULL)
            continue;
          task_from_cand (&p, &r->items[i], &task);
          g_array_append_val (plan->overflow, task);
          shown++;
        }
      if (counts[k] > 0)
        {
          DlRollup rollup = { k, counts[k], 0 };

          /* a pace that leaves most of the day's capacity to the plan */
          rollup.per_day = (counts[k] + DL_TODAY_CATCH_UP_DAYS - 1) / DL_TODAY_CATCH_UP_DAYS;
          rollup.per_day = MIN (rollup.per_day, MAX (capacity / 3, 1));
          g_array_append_val (plan->rollups, rollup);
        }
      g_free (r->items);
    }
  g_free (best.items);
  g_clear_pointer (&p.events, g_hash_table_unref);
}

const DlTask *
dl_day_plan_get_rollup_tasks (const DlDayPlan *plan,
                              DlTaskKind       kind,
                              guint           *n_tasks)
{
  guint start = 0, n = 0;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (n_tasks != NULL, NULL);

  while (start < plan->overflow->len && g_array_index (plan->overflow, DlTask, start).kind < kind)
    start++;
  while (start + n < plan->overflow->len && g_array_index (plan->overflow, DlTask, start + n).kind == kind)
    n++;
  *n_tasks = n;
  return n > 0 ? &g_array_index (plan->overflow, DlTask, start) : NULL;
}

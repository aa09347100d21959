/* dl-today.c — the Today list: who is due, in sections, and progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "dl-today.h"

DlTodayPlan *
dl_today_plan_new (void)
{
  DlTodayPlan *plan = g_new0 (DlTodayPlan, 1);

  plan->entries = g_array_new (FALSE, FALSE, sizeof (DlTodayEntry));
  return plan;
}

void
dl_today_plan_free (DlTodayPlan *plan)
{
  if (plan == NULL)
    return;

  g_array_unref (plan->entries);
  g_free (plan);
}

static int
compare_entries (const DlTodayEntry *a,
                 const DlTodayEntry *b)
{
  int cmp;

  if (a->due_on != b->due_on)
    return a->due_on < b->due_on ? -1 : 1;
  cmp = g_ascii_strcasecmp (a->name, b->name);
  if (cmp != 0)
    return cmp;
  return (a->person_id > b->person_id) - (a->person_id < b->person_id);
}

static int
compare_entries_cb (gconstpointer a,
                    gconstpointer b)
{
  return compare_entries (a, b);
}

static DlTodaySection
member_section (const DlDueItem *item)
{
  if (item->days_overdue < 0)
    return DL_TODAY_COMING_UP;
  if (item->kind == DL_DUE_WELCOME)
    return DL_TODAY_WELCOME;
  return item->days_overdue > 0 ? DL_TODAY_OVERDUE : DL_TODAY_DUE_TODAY;
}

/* The members' due list is already in (day, name) order; each section
 * keeps that order, so only the prospects need sorting. */
static void
collect_members (const DlTree    *tree,
                 const DlCadence *cadence,
                 DlDay            today,
                 guint            horizon_days,
                 GArray          *sections[])
{
  g_autoptr(GArray) due = g_array_new (FALSE, FALSE, sizeof (DlDueItem));

  dl_rules_collect_due (tree, cadence, today, horizon_days, due);
  for (guint i = 0; i < due->len; i++)
    {
      const DlDueItem *item = &g_array_index (due, DlDueItem, i);
      const DlTreeNode *node = dl_tree_get_node (tree, item->node);
      DlTodayEntry entry = { 0, };

      entry.person_id = node->person_id;
      entry.name = node->name;
      entry.index = item->node;
      entry.section = member_section (item);
      entry.kind = item->kind == DL_DUE_WELCOME ? DL_TODAY_KIND_WELCOME : DL_TODAY_KIND_CHECK_IN;
      entry.due_on = item->due_on;
      entry.days_overdue = item->days_overdue;
      entry.last_contact = node->last_contact;
      entry.joined_on = node->joined_on;
      entry.cadence_days = dl_rules_cadence_days (tree, item->node, cadence);
      g_array_append_val (sections[entry.section], entry);
    }
}

static guint
count_members_done (const DlTree    *tree,
                    const DlCadence *cadence,
                    DlDay            today)
{
  guint n = dl_tree_get_n_nodes (tree);
  guint done = 0;

  for (guint i = 0; i < n; i++)
    if (dl_tree_get_node (tree, i)->last_contact == today
        && dl_rules_cadence_days (tree, i, cadence) > 0)
      done++;

  return done;
}

static void
collect_prospects (const DlTodayProspect *prospects,
                   guint                  n_prospects,
                   DlDay                  today,
                   guint                  horizon_days,
                   GArray                *follow_ups,
                   GArray                *coming_up,
                   guint                 *n_done)
{
  for (guint i = 0; i < n_prospects; i++)
    {
      const DlTodayProspect *p = &prospects[i];
      DlDay due = dl_rules_prospect_due_on (&p->facts);
      DlTodayEntry entry = { 0, };

      if (due == DL_DAY_NONE)
        continue;
      /* a contact on or after the day answers the follow-up */
      if (p->facts.last_contact != DL_DAY_NONE && p->facts.last_contact >= due)
        {
          if (p->facts.last_contact == today && due <= today)
            (*n_done)++;
          continue;
        }
      if ((gint64) due > (gint64) today + horizon_days)
        continue;

      entry.person_id = p->person_id;
      entry.name = p->name;
      entry.index = i;
      entry.kind = DL_TODAY_KIND_FOLLOW_UP;
      entry.due_on = due;
      entry.days_overdue = today - due;
      entry.last_contact = p->facts.last_contact;
      entry.section = due <= today ? DL_TODAY_FOLLOW_UP : DL_TODAY_COMING_UP;
      g_array_append_val (entry.section == DL_TODAY_FOLLOW_UP ? follow_ups : coming_up, entry);
    }

  g_array_sort (follow_ups, compare_entries_cb);
  g_array_sort (coming_up, compare_entries_cb);
}

/* Both inputs sorted; appends their merge to out. */
static void
append_merged (GArray *out,
               GArray *a,
               GArray *b)
{
  guint i = 0, j = 0;

  while (i < a->len || j < b->len)
    {
      const DlTodayEntry *ea = i < a->len ? &g_array_index (a, DlTodayEntry, i) : NULL;
      const DlTodayEntry *eb = j < b->len ? &g_array_index (b, DlTodayEntry, j) : NULL;

      if (eb == NULL || (ea != NULL && compare_entries (ea, eb) <= 0))
        {
          g_array_append_vals (out, ea, 1);
          i++;
        }
      else
        {
          g_array_append_vals (out, eb, 1);
          j++;
        }
    }
}

void
dl_today_plan_compute (DlTodayPlan           *plan,
                       const DlTree          *tree,
                       const DlCadence       *cadence,
                       const DlTodayProspect *prospects,
                       guint                  n_prospects,
                       DlDay                  today)
{
  dl_today_plan_compute_ahead (plan, tree, cadence, prospects, n_prospects, today,
                               DL_TODAY_HORIZON_DAYS);
}

void
dl_today_plan_compute_ahead (DlTodayPlan           *plan,
                             const DlTree          *tree,
                             const DlCadence       *cadence,
                             const DlTodayProspect *prospects,
                             guint                  n_prospects,
                             DlDay                  today,
                             guint                  horizon_days)
{
  GArray *sections[DL_TODAY_N_SECTIONS];
  g_autoptr(GArray) prospects_coming = NULL;
  guint n_done = 0;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (prospects != NULL || n_prospects == 0);
  g_return_if_fail (today != DL_DAY_NONE);

  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    sections[s] = g_array_new (FALSE, FALSE, sizeof (DlTodayEntry));
  prospects_coming = g_array_new (FALSE, FALSE, sizeof (DlTodayEntry));

  if (tree != NULL)
    {
      collect_members (tree, cadence, today, horizon_days, sections);
      n_done += count_members_done (tree, cadence, today);
    }
  collect_prospects (prospects, n_prospects, today, horizon_days,
                     sections[DL_TODAY_FOLLOW_UP], prospects_coming, &n_done);

  g_array_set_size (plan->entries, 0);
  plan->n_open = 0;
  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    {
      plan->section_start[s] = plan->entries->len;
      if (s == DL_TODAY_COMING_UP)
        append_merged (plan->entries, sections[s], prospects_coming);
      else
        g_array_append_vals (plan->entries, sections[s]->data, sections[s]->len);
      plan->section_count[s] = plan->entries->len - plan->section_start[s];
      if (s != DL_TODAY_COMING_UP)
        plan->n_open += plan->section_count[s];
      g_array_unref (sections[s]);
    }
  plan->n_done = n_done;
}

static char *
days_since (const char *never,
            DlDay       since,
            DlDay       today)
{
  gint64 days = (gint64) today - since;

  if (since == DL_DAY_NONE)
    return g_strdup (never);
  if (days <= 0)
    return g_strdup (_("Contacted today"));
  if (days == 1)
    return g_strdup (_("1 day since your last contact"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day since your last contact",
                                       "%d days since your last contact",
                                       (gulong) days),
                          (int) days);
}

static char *
describe_check_in (const DlTodayEntry *entry,
                   DlDay               today)
{
  gint64 in_days = -(gint64) entry->days_overdue;

  if (in_days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Check-in due tomorrow",
                                         "Check-in due in %d days",
                                         (gulong) in_days),
                            (int) in_days);

  if (entry->last_contact == DL_DAY_NONE || entry->last_contact < entry->joined_on)
    {
      gint64 since = (gint64) today - entry->joined_on;

      if (entry->joined_on == DL_DAY_NONE)
        return g_strdup (_("No contact logged yet"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Joined %d day ago, no check-in since",
                                           "Joined %d days ago, no check-in since",
                                           (gulong) since),
                              (int) since);
    }

  /* "every 14 days" explains why today, the count says how late */
  {
    g_autofree char *since = days_since ("", entry->last_contact, today);
    g_autofree char *every = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "check in every day",
                                                           "check in every %u days",
                                                           entry->cadence_days),
                                              entry->cadence_days);

    /* Translators: "14 days since your last contact · check in every 14 days" */
    return g_strdup_printf (_("%s · %s"), since, every);
  }
}

char *
dl_today_entry_describe (const DlTodayEntry *entry,
                         DlDay               today)
{
  g_return_val_if_fail (entry != NULL, NULL);

  switch ((DlTodayKind) entry->kind)
    {
    case DL_TODAY_KIND_WELCOME:
      {
        gint64 since = (gint64) today - entry->joined_on;

        if (entry->joined_on == DL_DAY_NONE || since < 0)
          return g_strdup (_("New member, not welcomed yet"));
        if (since == 0)
          return g_strdup (_("Joined today, not welcomed yet"));
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Joined %d day ago, not welcomed yet",
                                             "Joined %d days ago, not welcomed yet",
                                             (gulong) since),
                                (int) since);
      }

    case DL_TODAY_KIND_FOLLOW_UP:
      if (entry->days_overdue == 0)
        return g_strdup (_("Follow-up planned for today"));
      if (entry->days_overdue > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Follow-up was due yesterday",
                                             "Follow-up was due %d days ago",
                                             (gulong) entry->days_overdue),
                                entry->days_overdue);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Follow-up tomorrow",
                                           "Follow-up in %d days",
                                           (gulong) -entry->days_overdue),
                              -entry->days_overdue);

    case DL_TODAY_KIND_CHECK_IN:
      return describe_check_in (entry, today);

    default:
      g_assert_not_reached ();
    }
}

char *
dl_today_describe_last_contact (DlDay last_contact,
                                DlDay today)
{
  gint64 days = (gint64) today - last_contact;

  if (last_contact == DL_DAY_NONE)
    return g_strdup (_("Never contacted"));
  if (days <= 0)
    return g_strdup (_("Last contact today"));
  if (days == 1)
    return g_strdup (_("Last contact yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Last contact %d day ago",
                                       "Last contact %d days ago",
                                       (gulong) days),
                          (int) days);
}

const char *
dl_today_section_get_title (DlTodaySection section)
{
  switch (section)
    {
    case DL_TODAY_OVERDUE:
      return _("Overdue");
    case DL_TODAY_DUE_TODAY:
      return _("Due Today");
    case DL_TODAY_WELCOME:
      return _("Not Welcomed Yet");
    case DL_TODAY_FOLLOW_UP:
      return _("Prospect Follow-Ups");
    case DL_TODAY_COMING_UP:
      return _("Coming Up");
    case DL_TODAY_N_SECTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* ---- The day plan ------------------------------------------------------ */

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

static const char *const task_kind_names[DL_TASK_N_KINDS] = {
  [DL_TASK_WELCOME] = "welcome",
  [DL_TASK_FIRST_WEEKS] = "first-weeks",
  [DL_TASK_UPLINE_WELCOME] = "upline-welcome",
  [DL_TASK_EVENT] = "event",
  [DL_TASK_CHECK_IN] = "check-in",
  [DL_TASK_FOLLOW_UP] = "follow-up",
};

const char *
dl_task_kind_to_string (DlTaskKind kind)
{
  g_return_val_if_fail (kind < DL_TASK_N_KINDS, NULL);
  return task_kind_names[kind];
}

const char *
dl_task_get_letter (DlTaskKind kind,
                    guint      event)
{
  switch (kind)
    {
    case DL_TASK_WELCOME:
      return "welcome";
    case DL_TASK_UPLINE_WELCOME:
      return "upline-welcome";
    case DL_TASK_EVENT:
      return event == DL_EVENT_RANK_UP ? "congratulations" : "check-in";
    case DL_TASK_FIRST_WEEKS:
    case DL_TASK_CHECK_IN:
      return "check-in";
    case DL_TASK_FOLLOW_UP:
      return NULL;
    case DL_TASK_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dl_task_kind_get_title (DlTaskKind kind)
{
  switch (kind)
    {
    case DL_TASK_WELCOME:
      return _("Welcome");
    case DL_TASK_FIRST_WEEKS:
      return _("First Weeks");
    case DL_TASK_UPLINE_WELCOME:
      return _("Upline Welcome");
    case DL_TASK_EVENT:
      return _("Business Event");
    case DL_TASK_CHECK_IN:
      return _("Check-In");
    case DL_TASK_FOLLOW_UP:
      return _("Follow-Up");
    case DL_TASK_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* "today", "yesterday", "3 days ago" */
static char *
days_ago (gint64 days)
{
  if (days <= 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) days),
                          (int) days);
}

static char *
describe_welcome (const DlTask *task,
                  DlDay         today)
{
  gint64 since = (gint64) today - task->joined_on;
  g_autofree char *ago = days_ago (since);
  gint64 left = DL_RULES_WELCOME_WINDOW_DAYS - since;

  if (task->kind == DL_TASK_UPLINE_WELCOME)
    {
      if (task->sponsor_name != NULL)
        /* Translators: "Joined 2 days ago under Ana — …" */
        return g_strdup_printf (_("Joined %s under %s — welcome them as their upline, so they know who stands behind their sponsor"),
                                ago, task->sponsor_name);
      return g_strdup_printf (_("Joined %s on your second level — welcome them as their upline"), ago);
    }
  if (left > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Joined %s — welcome them within 72 hours (%d day left)",
                                         "Joined %s — welcome them within 72 hours (%d days left)",
                                         (gulong) left),
                            ago, (int) left);
  if (left == 0)
    return g_strdup_printf (_("Joined %s — the last day to welcome them within 72 hours"), ago);
  return g_strdup_printf (_("Joined %s and not welcomed yet — a late welcome still beats none"), ago);
}

static char *
describe_first_weeks (const DlTask *task,
                      DlDay         today)
{
  gint64 since = (gint64) today - task->joined_on;

  switch (task->touch_day)
    {
    case 2:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Day %d since joining — ask how the start went; most people who quit do so in their first weeks",
                                           "Day %d since joining — ask how the start went; most people who quit do so in their first weeks",
                                           (gulong) since),
                              (int) since);
    case 7:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Day %d since joining — one week in: check the first order and the next step",
                                           "Day %d since joining — one week in: check the first order and the next step",
                                           (gulong) since),
                              (int) since);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Day %d since joining — one month in: look back on the first month together",
                                           "Day %d since joining — one month in: look back on the first month together",
                                           (gulong) since),
                              (int) since);
    }
}

static char *
describe_event (const DlTask *task,
                DlDay         today)
{
  g_autofree char *ago = days_ago ((gint64) today - task->event_on);

  switch ((DlEventType) task->event_kind)
    {
    case DL_EVENT_AUTOSHIP_CANCELLED:
      return g_strdup_printf (_("Cancelled their autoship %s — a supportive call before they drift away"), ago);
    case DL_EVENT_BECAME_INACTIVE:
      return g_strdup_printf (_("Became inactive %s — ask what got in the way"), ago);
    case DL_EVENT_RANK_DOWN:
      return g_strdup_printf (_("Dropped a rank %s — a supportive call, not a reproach"), ago);
    case DL_EVENT_RANK_UP:
      return g_strdup_printf (_("Reached a new rank %s — congratulate them"), ago);
    case DL_EVENT_VOLUME_DROP:
      return g_strdup_printf (_("Volume fell well below their usual %s — ask how things are going"), ago);
    case DL_EVENT_REACTIVATED:
      return g_strdup_printf (_("Active again since %s — welcome them back"), ago);
    case DL_EVENT_AUTOSHIP_STARTED:
      return g_strdup_printf (_("Started an autoship %s — thank them and help them choose"), ago);
    case DL_EVENT_NO_FIRST_ORDER:
      return g_strdup_printf (_("No first order a month after joining (seen %s) — help them get started"), ago);
    case DL_EVENT_JOINED:
    case DL_EVENT_TERMINATED:
    case DL_N_EVENTS:
    default:
      /* a task of the morning's plan whose event has been answered */
      return g_strdup (_("Something changed in their business — a call to hear how they are"));
    }
}

static char *
describe_task_check_in (const DlTask *task,
                        DlDay         today)
{
  g_autofree char *late = NULL;
  g_autofree char *since = NULL;

  if (task->days_overdue <= 0)
    late = g_strdup (_("Check-in due today"));
  else
    late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Check-in %d day late", "Check-in %d days late",
                                         (gulong) task->days_overdue),
                            task->days_overdue);

  if (task->last_contact == DL_DAY_NONE || task->last_contact < task->joined_on)
    since = g_strdup (_("no contact since they joined"));
  else
    since = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last contact %d day ago", "last contact %d days ago",
                                          (gulong) ((gint64) today - task->last_contact)),
                             (int) ((gint64) today - task->last_contact));

  if (task->risk_band == DL_RISK_HIGH)
    {
      const char *who = task->level == 1 ? _("your personal recruit")
                        : task->level == 2 ? _("on your second level") : _("in your team");

      /* Translators: "High dropout risk (72 of 100), your personal recruit — Check-in 6 days late, last contact 20 days ago" */
      return g_strdup_printf (_("High dropout risk (%u of 100), %s — %s, %s"),
                              (guint) task->risk_score, who, late, since);
    }
  /* Translators: "Check-in 6 days late — last contact 20 days ago, every 14 days" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s, every %u day", "%s — %s, every %u days",
                                       task->cadence_days),
                          late, since, task->cadence_days);
}

char *
dl_task_describe (const DlTask *task,
                  DlDay         today)
{
  g_return_val_if_fail (task != NULL, NULL);

  switch ((DlTaskKind) task->kind)
    {
    case DL_TASK_WELCOME:
    case DL_TASK_UPLINE_WELCOME:
      return describe_welcome (task, today);
    case DL_TASK_FIRST_WEEKS:
      return describe_first_weeks (task, today);
    case DL_TASK_EVENT:
      return describe_event (task, today);
    case DL_TASK_CHECK_IN:
      if (task->state != DL_TASK_OPEN)
        return task->state == DL_TASK_DONE ? g_strdup (_("Check-in done today"))
                                           : g_strdup (_("Check-in set aside for today"));
      return describe_task_check_in (task, today);
    case DL_TASK_FOLLOW_UP:
      if (task->state != DL_TASK_OPEN)
        return task->state == DL_TASK_DONE ? g_strdup (_("Followed up today"))
                                           : g_strdup (_("Follow-up moved to a later day"));
      if (task->days_overdue <= 0)
        return g_strdup (_("Follow-up planned for today"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Follow-up was due yesterday",
                                           "Follow-up was due %d days ago",
                                           (gulong) task->days_overdue),
                              task->days_overdue);
    case DL_TASK_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dl_rollup_describe (const DlRollup *rollup)
{
  guint n, k;

  g_return_val_if_fail (rollup != NULL, NULL);

  n = rollup->count;
  k = rollup->per_day;
  switch ((DlTaskKind) rollup->kind)
    {
    case DL_TASK_WELCOME:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more welcome waits — %u a day clears it",
                                           "%u more welcomes wait — catch up %u a day", n), n, k);
    case DL_TASK_FIRST_WEEKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more first-weeks call waits — %u a day clears it",
                                           "%u more first-weeks calls wait — catch up %u a day", n), n, k);
    case DL_TASK_UPLINE_WELCOME:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more upline welcome waits — %u a day clears it",
                                           "%u more upline welcomes wait — catch up %u a day", n), n, k);
    case DL_TASK_EVENT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more business event needs a call — %u a day clears it",
                                           "%u more business events need a call — catch up %u a day", n), n, k);
    case DL_TASK_CHECK_IN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more check-in is overdue — catch up %u a day",
                                           "%u more check-ins are overdue — catch up %u a day", n), n, k);
    case DL_TASK_FOLLOW_UP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more follow-up is due — catch up %u a day",
                                           "%u more follow-ups are due — catch up %u a day", n), n, k);
    case DL_TASK_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dl_day_plan_describe_counts (const DlDayPlan *plan)
{
  guint counts[DL_TASK_N_KINDS] = { 0, };
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (plan != NULL, NULL);

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DlTask *t = &g_array_index (plan->tasks, DlTask, i);

      if (t->state == DL_TASK_OPEN)
        counts[t->kind]++;
    }
  for (guint k = 0; k < DL_TASK_N_KINDS; k++)
    {
      g_autofree char *part = NULL;
      guint n = counts[k];

      if (n == 0)
        continue;
      switch ((DlTaskKind) k)
        {
        case DL_TASK_WELCOME:
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u welcome", "%u welcomes", n), n);
          break;
        case DL_TASK_FIRST_WEEKS:
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u first-weeks call", "%u first-weeks calls", n), n);
          break;
        case DL_TASK_UPLINE_WELCOME:
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u upline welcome", "%u upline welcomes", n), n);
          break;
        case DL_TASK_EVENT:
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u business event", "%u business events", n), n);
          break;
        case DL_TASK_CHECK_IN:
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check-in", "%u check-ins", n), n);
          break;
        case DL_TASK_FOLLOW_UP:
        default:
          part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u follow-up", "%u follow-ups", n), n);
          break;
        }
      if (out->len > 0)
        /* Translators: the separator in "5 welcomes, 3 check-ins" */
        g_string_append (out, _(", "));
      g_string_append (out, part);
    }
  return g_string_free (out, FALSE);
}

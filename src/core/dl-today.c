/* dl-today.c — the Today list: who is due, in sections, and progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The day plan is in dl-today-plan.c, the words for its tasks in
 * dl-today-describe.c.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n-lib.h>

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

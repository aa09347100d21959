/* dl-today-describe.c — the day plan's tasks in words: names, titles, letters, lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-today.h"

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

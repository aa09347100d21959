/* dl-today-ics.c — the coming check-ins and follow-ups as iCalendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libical writes the calendar, so folding, escaping of commas and
 * semicolons in names, and line endings follow RFC 5545.  Each event's
 * UID is made of the person and the kind, not the day: exporting again
 * after a contact moves the event instead of adding a second one.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>

#include "dl-today-ics.h"

static struct icaltimetype
ical_date (DlDay day)
{
  struct icaltimetype t = icaltime_null_date ();
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  t.year = y;
  t.month = m;
  t.day = d;
  t.is_date = 1;
  return t;
}

static char *
event_summary (const DlTodayEntry *entry)
{
  switch ((DlTodayKind) entry->kind)
    {
    case DL_TODAY_KIND_WELCOME:
      /* Translators: a calendar event; %s is a person's name */
      return g_strdup_printf (_("Welcome %s"), entry->name);
    case DL_TODAY_KIND_FOLLOW_UP:
      /* Translators: a calendar event; %s is a person's name */
      return g_strdup_printf (_("Follow up with %s"), entry->name);
    case DL_TODAY_KIND_CHECK_IN:
    default:
      /* Translators: a calendar event; %s is a person's name */
      return g_strdup_printf (_("Check in with %s"), entry->name);
    }
}

char *
dl_today_ics_from_plan (const DlTodayPlan *plan,
                        DlDay              today)
{
  static const char *const kinds[] = { "check-in", "welcome", "follow-up" };
  icalcomponent *calendar;
  struct icaltimetype stamp;
  char *text;

  g_return_val_if_fail (plan != NULL, NULL);

  stamp = icaltime_current_time_with_zone (icaltimezone_get_utc_timezone ());
  calendar = icalcomponent_vanew (ICAL_VCALENDAR_COMPONENT,
                                  icalproperty_new_version ("2.0"),
                                  icalproperty_new_prodid ("-//Downline//Check-ins//EN"),
                                  icalproperty_new_calscale ("GREGORIAN"),
                                  (void *) 0);

  for (guint i = 0; i < plan->entries->len; i++)
    {
      const DlTodayEntry *entry = &g_array_index (plan->entries, DlTodayEntry, i);
      DlDay day = MAX (entry->due_on, today);
      g_autofree char *summary = event_summary (entry);
      g_autofree char *description = dl_today_entry_describe (entry, today);
      g_autofree char *uid = g_strdup_printf ("%s-%" G_GINT64_FORMAT "@downline.invalid",
                                              kinds[MIN (entry->kind, G_N_ELEMENTS (kinds) - 1)],
                                              entry->person_id);
      icalcomponent *event;

      event = icalcomponent_vanew (ICAL_VEVENT_COMPONENT,
                                   icalproperty_new_uid (uid),
                                   icalproperty_new_dtstamp (stamp),
                                   icalproperty_new_dtstart (ical_date (day)),
                                   icalproperty_new_dtend (ical_date (day + 1)),
                                   icalproperty_new_summary (summary),
                                   icalproperty_new_description (description),
                                   icalproperty_new_transp (ICAL_TRANSP_TRANSPARENT),
                                   (void *) 0);
      icalcomponent_add_component (calendar, event);
    }

  text = g_strdup (icalcomponent_as_ical_string (calendar));
  icalcomponent_free (calendar);
  return text;
}

gboolean
dl_today_ics_export (DlTodayModel  *model,
                     GFile         *file,
                     guint         *n_events,
                     GError       **error)
{
  g_autoptr(DlTodayPlan) plan = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DL_IS_TODAY_MODEL (model), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  plan = dl_today_model_plan_ahead (model, DL_TODAY_ICS_DAYS);
  if (n_events != NULL)
    *n_events = plan->entries->len;
  /* RFC 5545 wants at least one component in a calendar, and an empty
   * file would look like a failed export. */
  if (plan->entries->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Nothing is coming up in the next %d day, so no calendar was saved.",
                                "Nothing is coming up in the next %d days, so no calendar was saved.",
                                DL_TODAY_ICS_DAYS),
                   DL_TODAY_ICS_DAYS);
      return FALSE;
    }
  text = dl_today_ics_from_plan (plan, dl_today_model_get_today (model));

  /* names and due check-ins: private like the database */
  return g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                                  NULL, NULL, error);
}

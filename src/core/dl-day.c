/* dl-day.c — local calendar dates as day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-day"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-day.h"

/* GDate accepts years up to 65535, but "YYYY-MM-DD" has four digits: the
 * range is kept to what round-trips through the text form the store
 * writes, so a day number never formats into more than 10 characters. */
#define DL_DAY_MAX_YEAR 9999
#define DL_DAY_LAST     3652059     /* 9999-12-31 */

static gboolean
parse_digits (const char *s,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }

  *out = value;
  return TRUE;
}

DlDay
dl_day_from_ymd (int year,
                 int month,
                 int day)
{
  GDate date;

  if (year < 1 || year > DL_DAY_MAX_YEAR)
    return DL_DAY_NONE;
  if (month < 1 || month > 12 || day < 1 || day > 31)
    return DL_DAY_NONE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return DL_DAY_NONE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);

  return (DlDay) g_date_get_julian (&date);
}

static gboolean
day_is_valid (DlDay day)
{
  return day >= 1 && day <= DL_DAY_LAST;
}

void
dl_day_to_ymd (DlDay  day,
               int   *year,
               int   *month,
               int   *mday)
{
  GDate date;
  int y = 0, m = 0, d = 0;

  if (day_is_valid (day))
    {
      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) day);
      y = g_date_get_year (&date);
      m = g_date_get_month (&date);
      d = g_date_get_day (&date);
    }

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (mday != NULL)
    *mday = d;
}

DlDay
dl_day_from_iso (const char *iso)
{
  int year, month, day;

  if (iso == NULL)
    return DL_DAY_NONE;

  /* Exactly "YYYY-MM-DD": "2024-2-3", "24-02-03" or "2024-02-03x" are
   * typing mistakes, not dates to guess at. */
  if (!parse_digits (iso, 4, &year) || iso[4] != '-'
      || !parse_digits (iso + 5, 2, &month) || iso[7] != '-'
      || !parse_digits (iso + 8, 2, &day))
    return DL_DAY_NONE;

  /* A date-time keeps its date; the separator is 'T' in ISO 8601 and a
   * space in what SQLite's datetime() writes. */
  if (iso[10] != '\0' && iso[10] != 'T' && iso[10] != 't' && iso[10] != ' ')
    return DL_DAY_NONE;

  return dl_day_from_ymd (year, month, day);
}

void
dl_day_format_iso (DlDay  day,
                   char  *buf)
{
  int year, month, mday;

  g_return_if_fail (buf != NULL);

  if (!day_is_valid (day))
    {
      buf[0] = '\0';
      return;
    }

  dl_day_to_ymd (day, &year, &month, &mday);
  g_snprintf (buf, 11, "%04d-%02d-%02d", year, month, mday);
}

/* NULL for DL_DAY_NONE, so a missing date binds as SQL NULL. */
char *
dl_day_to_iso (DlDay day)
{
  char buf[16];

  if (!day_is_valid (day))
    return NULL;

  dl_day_format_iso (day, buf);
  return g_strdup (buf);
}

#define LOCAL_ZONE_KEPT_FOR (60 * G_USEC_PER_SEC)

G_LOCK_DEFINE_STATIC (local_zone);

GTimeZone *
dl_day_local_zone (void)
{
  static GTimeZone *zone = NULL;
  static char *tz = NULL;
  static gint64 read_at = 0;
  const char *tz_now = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();
  GTimeZone *result;

  G_LOCK (local_zone);
  if (zone == NULL || now - read_at > LOCAL_ZONE_KEPT_FOR || g_strcmp0 (tz, tz_now) != 0)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (tz);
      tz = g_strdup (tz_now);
      zone = g_time_zone_new_local ();
      read_at = now;
    }
  result = g_time_zone_ref (zone);
  G_UNLOCK (local_zone);

  return result;
}

/* The calendar day of dt as seen in the local time zone: a UTC stamp
 * taken late in the evening west of Greenwich is still "today" here. */
DlDay
dl_day_from_date_time (GDateTime *dt)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  int year, month, day;

  if (dt == NULL)
    return DL_DAY_NONE;

  zone = dl_day_local_zone ();
  local = g_date_time_to_timezone (dt, zone);
  if (local == NULL)
    return DL_DAY_NONE;

  g_date_time_get_ymd (local, &year, &month, &day);
  return dl_day_from_ymd (year, month, day);
}

DlDay
dl_day_today (void)
{
  g_autoptr(GTimeZone) zone = dl_day_local_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return dl_day_from_date_time (now);
}

char *
dl_day_format_short (DlDay day)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (!day_is_valid (day))
    return NULL;

  zone = dl_day_local_zone ();
  dl_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new (zone, y, m, d, 0, 0, 0);
  /* Translators: a short date, see strftime: "12 Mar 2024" */
  return dt != NULL ? g_strstrip (g_date_time_format (dt, _("%-d %b %Y"))) : NULL;
}

char *
dl_day_format_day_month (DlDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (!day_is_valid (day))
    return NULL;

  dl_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  /* Translators: a short date without its year, see strftime: "12 Mar" */
  return dt != NULL ? g_strstrip (g_date_time_format (dt, _("%-d %b"))) : NULL;
}

char *
dl_day_format_month (int year,
                     int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  g_return_val_if_fail (dt != NULL, NULL);

  /* Translators: a month of a year, see strftime: "Mar 2024" (a
   * two-digit year would read as a day) */
  return g_strstrip (g_date_time_format (dt, _("%b %Y")));
}

char *
dl_day_format_moment (GDateTime *at)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (at != NULL, NULL);

  zone = dl_day_local_zone ();
  local = g_date_time_to_timezone (at, zone);
  /* Translators: a date and time, see strftime: "12 Mar 2024, 14:05" */
  return local != NULL ? g_strstrip (g_date_time_format (local, _("%-d %b %Y, %H:%M"))) : NULL;
}

char *
dl_day_format_month_long (int year,
                          int month)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  g_return_val_if_fail (dt != NULL, NULL);

  /* Translators: a month and year in full, as in "No changes since
   * November 2026" */
  return g_strstrip (g_date_time_format (dt, _("%B %Y")));
}

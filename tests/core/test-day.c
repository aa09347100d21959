/* test-day.c — local calendar dates as day numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected day numbers come from outside GLib (proleptic Gregorian
 * ordinals, 0001-01-01 = 1, as Python's date.toordinal() gives them), and
 * calendar facts (leap years, month lengths) are written out by hand.
 */

#include <glib.h>

#include "dl-day.h"

typedef struct
{
  const char *iso;
  DlDay       ordinal;
  int         year, month, day;
} KnownDay;

static const KnownDay known_days[] = {
  { "0001-01-01", 1, 1, 1, 1 },
  { "1900-03-01", 693655, 1900, 3, 1 },
  { "1970-01-01", 719163, 1970, 1, 1 },
  { "2000-03-01", 730180, 2000, 3, 1 },
  { "2024-01-01", 738886, 2024, 1, 1 },
  { "2024-02-29", 738945, 2024, 2, 29 },
  { "9999-12-31", 3652059, 9999, 12, 31 },
};

static void
test_known_days (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_days); i++)
    {
      const KnownDay *k = &known_days[i];
      char buf[11];
      g_autofree char *iso = NULL;
      int y, m, d;

      g_test_message ("%s", k->iso);
      g_assert_cmpint (dl_day_from_iso (k->iso), ==, k->ordinal);
      g_assert_cmpint (dl_day_from_ymd (k->year, k->month, k->day), ==, k->ordinal);

      dl_day_to_ymd (k->ordinal, &y, &m, &d);
      g_assert_cmpint (y, ==, k->year);
      g_assert_cmpint (m, ==, k->month);
      g_assert_cmpint (d, ==, k->day);

      dl_day_format_iso (k->ordinal, buf);
      g_assert_cmpstr (buf, ==, k->iso);
      iso = dl_day_to_iso (k->ordinal);
      g_assert_cmpstr (iso, ==, k->iso);
    }
}

static void
test_invalid_iso (void)
{
  static const char *const invalid[] = {
    "",
    "2024-02-30",     /* February never has 30 days */
    "2023-02-29",     /* 2023 is not a leap year */
    "1900-02-29",     /* divisible by 100, not by 400 */
    "2100-02-29",
    "2024-04-31",
    "2024-06-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "2024-01-32",
    "0000-01-01",     /* there is no year 0 */
    "24-01-01",
    "2024-1-01",
    "2024-01-1",
    "2024/01/01",
    "2024-01-01x",
    "2024-01-011",
    " 2024-01-01",
    "2024-01-0",
    "abcd-ef-gh",
    "+2024-01-01",
    "-001-01-01",
    "2024-0a-01",
  };

  g_assert_cmpint (dl_day_from_iso (NULL), ==, DL_DAY_NONE);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("'%s'", invalid[i]);
      g_assert_cmpint (dl_day_from_iso (invalid[i]), ==, DL_DAY_NONE);
    }
}

static void
test_date_time_text (void)
{
  static const struct
  {
    const char *text;
    const char *date;
  } cases[] = {
    { "2024-03-10T23:59:59", "2024-03-10" },
    { "2024-03-10T00:00:00Z", "2024-03-10" },
    { "2024-03-10 08:15:00", "2024-03-10" },   /* SQLite's datetime() */
    { "2024-02-29T12:00:00+02:00", "2024-02-29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (dl_day_from_iso (cases[i].text), !=, DL_DAY_NONE);
      g_assert_cmpint (dl_day_from_iso (cases[i].text), ==, dl_day_from_iso (cases[i].date));
    }

  /* The date part must still be a real date. */
  g_assert_cmpint (dl_day_from_iso ("2024-02-30T10:00:00"), ==, DL_DAY_NONE);
}

static void
test_invalid_ymd (void)
{
  static const int invalid[][3] = {
    { 2024, 2, 30 }, { 2023, 2, 29 }, { 2024, 0, 1 }, { 2024, 13, 1 },
    { 2024, 1, 0 }, { 2024, 1, 32 }, { 0, 1, 1 }, { -5, 1, 1 },
    { 10000, 1, 1 }, { 65535, 12, 31 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_message ("%d-%d-%d", invalid[i][0], invalid[i][1], invalid[i][2]);
      g_assert_cmpint (dl_day_from_ymd (invalid[i][0], invalid[i][1], invalid[i][2]), ==, DL_DAY_NONE);
    }
}

/* Day arithmetic is integer arithmetic; these are the calendar facts it
 * has to agree with. */
static void
test_arithmetic (void)
{
  static const struct
  {
    const char *from;
    int         days;
    const char *to;
  } cases[] = {
    { "2024-02-28", 1, "2024-02-29" },
    { "2024-02-29", 1, "2024-03-01" },
    { "2023-02-28", 1, "2023-03-01" },
    { "2024-02-29", 365, "2025-02-28" },
    { "2024-02-29", 366, "2025-03-01" },
    { "2024-02-29", 7, "2024-03-07" },
    { "2024-02-29", 14, "2024-03-14" },
    { "2024-02-29", 30, "2024-03-30" },
    { "2024-01-31", 1, "2024-02-01" },
    { "2024-01-31", 30, "2024-03-01" },
    { "2023-01-31", 30, "2023-03-02" },
    { "2024-04-30", 1, "2024-05-01" },
    { "2024-12-31", 1, "2025-01-01" },
    { "2024-12-25", 7, "2025-01-01" },
    { "2000-02-28", 1, "2000-02-29" },
    { "1900-02-28", 1, "1900-03-01" },
    { "2024-03-01", -1, "2024-02-29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlDay from = dl_day_from_iso (cases[i].from);
      char buf[11];

      g_test_message ("%s %+d", cases[i].from, cases[i].days);
      g_assert_cmpint (from, !=, DL_DAY_NONE);
      g_assert_cmpint (from + cases[i].days, ==, dl_day_from_iso (cases[i].to));
      dl_day_format_iso (from + cases[i].days, buf);
      g_assert_cmpstr (buf, ==, cases[i].to);
    }
}

static void
test_none (void)
{
  char buf[11] = "garbage!!!";
  int y = -1, m = -1, d = -1;

  dl_day_format_iso (DL_DAY_NONE, buf);
  g_assert_cmpstr (buf, ==, "");
  g_assert_null (dl_day_to_iso (DL_DAY_NONE));

  dl_day_to_ymd (DL_DAY_NONE, &y, &m, &d);
  g_assert_cmpint (y, ==, 0);
  g_assert_cmpint (m, ==, 0);
  g_assert_cmpint (d, ==, 0);

  /* Out of range day numbers never overflow the 11-byte buffer. */
  dl_day_format_iso (-3, buf);
  g_assert_cmpstr (buf, ==, "");
  dl_day_format_iso (3652059 + 1, buf);
  g_assert_cmpstr (buf, ==, "");
  dl_day_format_iso (G_MAXINT32, buf);
  g_assert_cmpstr (buf, ==, "");
  g_assert_null (dl_day_to_iso (G_MAXINT32));
}

static void
test_today (void)
{
  /* Retried in case the test straddles midnight. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GDateTime) before = g_date_time_new_now_local ();
      DlDay today = dl_day_today ();
      g_autoptr(GDateTime) after = g_date_time_new_now_local ();
      int y, m, d;

      if (g_date_time_get_day_of_year (before) != g_date_time_get_day_of_year (after))
        continue;

      g_date_time_get_ymd (before, &y, &m, &d);
      g_assert_cmpint (today, ==, dl_day_from_ymd (y, m, d));
      return;
    }

  g_test_incomplete ("the day kept changing");
}

/* main() sets TZ to five hours west of UTC, without daylight saving. */
static void
test_from_date_time (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) evening_utc = g_date_time_new (utc, 2024, 3, 1, 2, 30, 0);
  g_autoptr(GDateTime) noon_utc = g_date_time_new (utc, 2024, 3, 1, 12, 0, 0);
  g_autoptr(GDateTime) late_local = g_date_time_new_local (2024, 2, 29, 23, 59, 0);

  g_assert_cmpint (dl_day_from_date_time (NULL), ==, DL_DAY_NONE);

  /* 02:30 UTC on March 1 is still February 29 five hours west. */
  g_assert_cmpint (dl_day_from_date_time (evening_utc), ==, dl_day_from_iso ("2024-02-29"));
  g_assert_cmpint (dl_day_from_date_time (noon_utc), ==, dl_day_from_iso ("2024-03-01"));
  g_assert_cmpint (dl_day_from_date_time (late_local), ==, dl_day_from_iso ("2024-02-29"));
}

/* The local zone is kept, but a change of zone while the app runs is
 * followed: the same moment falls on another day. */
static void
test_zone_change (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) noon_utc = g_date_time_new (utc, 2024, 3, 1, 12, 0, 0);

  g_setenv ("TZ", "<+14>-14", TRUE);
  g_assert_cmpint (dl_day_from_date_time (noon_utc), ==, dl_day_from_iso ("2024-03-02"));
  {
    g_autoptr(GTimeZone) zone = dl_day_local_zone ();

    g_assert_cmpint (g_time_zone_get_offset (zone, 0), ==, 14 * 3600);
  }

  g_setenv ("TZ", "<-11>11", TRUE);
  g_assert_cmpint (dl_day_from_date_time (noon_utc), ==, dl_day_from_iso ("2024-03-01"));
  {
    g_autoptr(GTimeZone) zone = dl_day_local_zone ();

    g_assert_cmpint (g_time_zone_get_offset (zone, 0), ==, -11 * 3600);
  }

  g_setenv ("TZ", "<-05>5", TRUE);
}

/* Moments read the same everywhere, in the local zone (five hours
 * west), never a locale's 12/04/26. */
static void
test_format_moment (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) at = g_date_time_new (utc, 2026, 12, 4, 19, 5, 0);
  g_autofree char *text = dl_day_format_moment (at);
  g_autofree char *day = dl_day_format_short (dl_day_from_iso ("2026-12-04"));

  g_autofree char *day_month = dl_day_format_day_month (dl_day_from_iso ("2026-12-04"));
  g_autofree char *month = dl_day_format_month (2026, 12);
  g_autofree char *early = dl_day_format_month (2026, 1);

  g_assert_cmpstr (text, ==, "4 Dec 2026, 14:05");
  g_assert_cmpstr (day, ==, "4 Dec 2026");
  /* no padding before a one-digit day, as in the full date */
  g_assert_cmpstr (day_month, ==, "4 Dec");
  g_assert_null (dl_day_format_day_month (DL_DAY_NONE));
  /* the whole year: "Dec 26" would read as the 26th */
  g_assert_cmpstr (month, ==, "Dec 2026");
  g_assert_cmpstr (early, ==, "Jan 2026");
}

int
main (int    argc,
      char **argv)
{
  /* A fixed zone, so the local-day tests mean the same everywhere.  A
   * POSIX rule needs no tzdata. */
  g_setenv ("TZ", "<-05>5", TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/day/known-days", test_known_days);
  g_test_add_func ("/day/iso/invalid", test_invalid_iso);
  g_test_add_func ("/day/iso/date-time", test_date_time_text);
  g_test_add_func ("/day/ymd/invalid", test_invalid_ymd);
  g_test_add_func ("/day/arithmetic", test_arithmetic);
  g_test_add_func ("/day/none", test_none);
  g_test_add_func ("/day/today", test_today);
  g_test_add_func ("/day/from-date-time", test_from_date_time);
  g_test_add_func ("/day/zone-change", test_zone_change);
  g_test_add_func ("/day/format-moment", test_format_moment);

  return g_test_run ();
}

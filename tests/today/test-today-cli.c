/* test-today-cli.c — `downline --today [--date]` on a real database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command's lines are the plan: one task per line with its reason,
 * then the roll-ups; and bad dates are usage errors (exit 2).
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store.h"
#include "dl-store-periods.h"
#include "today-fixture.h"

static int
run_today (const char  *path,
           const char  *date,
           char       **out)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  if (date != NULL)
    proc = g_subprocess_launcher_spawn (launcher, &error, DOWNLINE_BIN, "--db", path, "--today", "--date", date, NULL);
  else
    proc = g_subprocess_launcher_spawn (launcher, &error, DOWNLINE_BIN, "--db", path, "--today", NULL);
  g_assert_no_error (error);
  if (proc == NULL)
    return -1;
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (proc);
}

static void
test_lines (TodayFixture  *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *iso = dl_day_to_iso (f->today);
  g_autofree char *expected = NULL;
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) dan = NULL;

  dl_person_set_first_name (draft, "Dan");
  dl_person_set_last_name (draft, "Test");
  dan = dl_store_add_member (f->store, draft, f->user, "A-1001", f->today - 1, DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  today_add_member (f, "Bea", f->user, 200, 20);   /* 6 days late */
  today_add_member (f, "Cal", f->user, 200, 30);   /* 16 late on 14: expired */
  today_add_prospect (f, "Pia", -2);
  g_assert_true (dl_store_checkpoint (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (run_today (f->path, iso, &out), ==, 0);
  expected = g_strdup ("welcome\tA-1001\tDan Test\tJoined yesterday — welcome them within 72 hours (2 days left)\n"
                       "check-in\t\tBea Test\tCheck-in 6 days late — last contact 20 days ago, every 14 days\n"
                       "follow-up\t\tPia Prospect\tFollow-up was due 2 days ago\n"
                       "more\tcheck-in\t1\t1 more check-in is overdue — catch up 1 a day\n");
  g_assert_cmpstr (out, ==, expected);
  g_clear_pointer (&out, g_free);

  /* four days on, with no window ever opened on this file (so no first
   * use recorded, and the command records none): Dan joined more than
   * 72 hours before the day asked for, so he is treated as welcomed
   * and gets his first-weeks call instead; Bea is 10 days late */
  {
    g_autofree char *later = dl_day_to_iso (f->today + 4);

    g_assert_cmpint (run_today (f->path, later, &out), ==, 0);
    g_assert_cmpstr (out, ==,
                     "first-weeks\tA-1001\tDan Test\tDay 5 since joining — ask how the start went; most people who quit do so in their first weeks\n"
                     "check-in\t\tBea Test\tCheck-in 10 days late — last contact 24 days ago, every 14 days\n"
                     "follow-up\t\tPia Prospect\tFollow-up was due 6 days ago\n"
                     "more\tcheck-in\t1\t1 more check-in is overdue — catch up 1 a day\n");
    g_clear_pointer (&out, g_free);
  }

  g_assert_cmpint (run_today (f->path, "2026-02-30", &out), ==, 2);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_today (f->path, "10/03/2026", &out), ==, 2);
}

/* A month's export that shows an autoship cancelled puts a call in the
 * plan, with the reason, from the first day of the month after; a month
 * later the event has passed and it is an ordinary member again. */
static void
test_events (TodayFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *iso = dl_day_to_iso (f->today);
  int year, month, mday;
  gint64 eve;
  DlPeriod last, before;
  DlPeriodRow row = { 0, DL_FIGURE_ACTIVE, NULL, 100, 100, 1 };

  /* last contacted the day before this month began (a contact after the
   * event would have answered it), on a 60-day cadence: nothing owed */
  dl_day_to_ymd (f->today, &year, &month, &mday);
  eve = today_add_member (f, "Eve", f->user, 400, mday);
  row.member_id = eve;
  g_assert_true (dl_store_set_member_cadence (f->store, eve, 60, &error));
  g_assert_no_error (error);
  last = dl_period_from_ym (year, month) - 1;
  before = last - 1;
  g_assert_true (dl_store_save_period (f->store, before, &row, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_today (f->path, iso, &out), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);

  row.autoship = 0;
  g_assert_true (dl_store_save_period (f->store, last, &row, 1, &error));
  g_assert_no_error (error);
  g_assert_true (dl_store_checkpoint (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run_today (f->path, iso, &out), ==, 0);
  {
    g_autofree char *known = mday == 1 ? g_strdup ("today") : mday == 2 ? g_strdup ("yesterday")
                                                             : g_strdup_printf ("%d days ago", mday - 1);
    g_autofree char *expected = g_strdup_printf ("event\t\tEve Test\tCancelled their autoship %s — "
                                                 "a supportive call before they drift away\n", known);

    g_assert_cmpstr (out, ==, expected);
  }
  g_clear_pointer (&out, g_free);

  {
    g_autofree char *later = dl_day_to_iso (f->today + 70);

    g_assert_cmpint (run_today (f->path, later, &out), ==, 0);
    g_assert_null (strstr (out, "event\t"));
    g_assert_nonnull (strstr (out, "Eve Test"));   /* her check-in, by now */
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/today/cli/lines", TodayFixture, NULL,
              today_fixture_set_up, test_lines, today_fixture_tear_down);
  g_test_add ("/today/cli/events", TodayFixture, NULL,
              today_fixture_set_up, test_events, today_fixture_tear_down);

  return g_test_run ();
}

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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/today/cli/lines", TodayFixture, NULL,
              today_fixture_set_up, test_lines, today_fixture_tear_down);

  return g_test_run ();
}

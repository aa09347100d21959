/* test-periods-cli.c — --events, as a script reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../dl-test-cli.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-downline.h"
#include "dl-risk-model.h"
#include "dl-store-periods.h"

static char *tmp_dir;

static void
run_downline (Run        *run,
              const char *first,
              ...)
{
  va_list args;

  va_start (args, first);
  run_downline_in (run, tmp_dir, first, args);
  va_end (args);
}

/* Two members with numbers, October and November saved. */
static char *
make_business (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  gint64 ids[3];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(DlPerson) draft = dl_person_new ();
      g_autoptr(DlMember) member = NULL;
      g_autofree char *number = g_strdup_printf ("00%u7", i + 1);

      dl_person_set_first_name (draft, "Member");
      member = dl_store_add_member (store, draft, 0, number, dl_day_from_ymd (2026, 1, 10),
                                    DL_ROLE_DISTRIBUTOR, &error);
      g_assert_no_error (error);
      ids[i] = dl_member_get_id (member);
    }
  {
    const DlPeriodRow october[] = {
      { ids[0], DL_FIGURE_ACTIVE, "Gold", 120, NAN, 1 },
      { ids[1], DL_FIGURE_ACTIVE, "Silver", 80, NAN, 1 },
    };
    const DlPeriodRow november[] = {
      { ids[0], DL_FIGURE_ACTIVE, "Silver", 120, NAN, 0 },
      { ids[1], DL_FIGURE_TERMINATED, "Silver", 0, NAN, 1 },
      { ids[2], DL_FIGURE_ACTIVE, NULL, NAN, NAN, -1 },
    };

    g_assert_true (dl_store_save_period (store, dl_period_from_ym (2026, 10), october, 2, &error));
    g_assert_true (dl_store_save_period (store, dl_period_from_ym (2026, 11), november, 3, &error));
    g_assert_no_error (error);
  }
  dl_store_close (store);
  return g_steal_pointer (&path);
}

static void
test_events_printed (void)
{
  g_autofree char *db = make_business ("printed.db");
  g_auto(Run) november = { 0 };
  g_auto(Run) october = { 0 };

  run_downline (&november, "--db", db, "--events", "2026-11", NULL);
  g_assert_cmpint (november.status, ==, 0);
  g_assert_cmpstr (november.out, ==,
                   "autoship-cancelled\t0017\n"
                   "rank-down\t0017\n"
                   "terminated\t0027\n"
                   "joined\t0037\n");
  g_assert_cmpstr (november.err, ==, "");

  /* the first month is the baseline: nothing to print, and that is no error */
  run_downline (&october, "--db", db, "--events", "2026-10", NULL);
  g_assert_cmpint (october.status, ==, 0);
  g_assert_cmpstr (october.out, ==, "");
}

static void
test_events_errors (void)
{
  g_autofree char *db = make_business ("errors.db");
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.db", NULL);
  g_auto(Run) bad_month = { 0 };
  g_auto(Run) no_db = { 0 };
  g_auto(Run) not_there = { 0 };

  run_downline (&bad_month, "--db", db, "--events", "2026-13", NULL);
  g_assert_cmpint (bad_month.status, ==, 2);
  g_assert_nonnull (strstr (bad_month.err, "YYYY-MM"));

  run_downline (&no_db, "--events", "2026-11", NULL);
  g_assert_cmpint (no_db.status, ==, 2);

  run_downline (&not_there, "--db", missing, "--events", "2026-11", NULL);
  g_assert_cmpint (not_there.status, ==, 1);
  g_assert_nonnull (strstr (not_there.err, "does not exist"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static char *
write_file (const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Two monthly exports imported with --period: the members come in (or
 * are updated), each month's figures are kept, and what changed between
 * them is the second month's events, as --events prints them.  The
 * volumes are written as back offices write them. */
static void
test_import_months (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "months.db", NULL);
  g_autofree char *october = write_file ("october.csv",
    "Member ID,Sponsor ID,Name,Join Date,Status,Paid Rank,PV,GV,Autoship\n"
    "100,,Ana Ruiz,2025-01-10,Active,Gold,\"1,250.50\",\"12.400,00\",Yes\n"
    "101,100,Bo Kim,2025-03-02,Active,Silver,300 PV,900,yes\n"
    "102,100,Cy Lee,2025-04-09,Active,Bronze,150,150,no\n");
  g_autofree char *november = write_file ("november.csv",
    "Member ID,Sponsor ID,Name,Join Date,Status,Paid Rank,PV,GV,Autoship\n"
    "100,,Ana Ruiz,2025-01-10,Active,Gold,1300,12800,Yes\n"
    "101,100,Bo Kim,2025-03-02,Active,Silver,310,950,no\n"
    "102,100,Cy Lee,2025-04-09,Inactive,Bronze,0,0,no\n");
  g_autofree char *bad = write_file ("bad.csv",
    "Member ID,Name,PV\n"
    "200,Di Fox,lots\n");
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) events = { 0 };
  g_auto(Run) refused = { 0 };
  g_auto(Run) bad_month = { 0 };

  run_downline (&first, "--db", db, "--import-csv", october, "--period", "2026-10", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.err, "Kept 3 members’ figures for 2026-10."));
  /* they joined long before this first import: no welcome calls for them */
  g_assert_nonnull (strstr (first.err, "3 members joined more than 72 hours before you started with Downline"));
  run_downline (&second, "--db", db, "--import-csv", november, "--period", "2026-11", NULL);
  g_assert_cmpint (second.status, ==, 0);

  run_downline (&events, "--db", db, "--events", "2026-11", NULL);
  g_assert_cmpint (events.status, ==, 0);
  g_assert_cmpstr (events.out, ==,
                   "autoship-cancelled\t101\n"
                   "became-inactive\t102\n");

  /* the figures as the file wrote them */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlStore) store = dl_store_open (db, &error);
    gint64 ana = dl_store_find_member_by_number (store, "100", &error);
    g_autoptr(GArray) months = dl_store_get_member_months_until (store, ana, DL_PERIOD_NONE, 12, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (months->len, ==, 2);
    if (months->len == 2)
      {
        const DlMemberMonth *oct = &g_array_index (months, DlMemberMonth, 0);

        g_assert_cmpfloat_with_epsilon (oct->pv, 1250.5, 1e-9);
        g_assert_cmpfloat_with_epsilon (oct->gv, 12400, 1e-9);
        g_assert_cmpint (oct->autoship, ==, 1);
        g_assert_cmpstr (oct->paid_rank, ==, "Gold");
      }
    dl_store_close (store);
  }

  /* a volume that is no number refuses its row; a bad month is a usage error */
  run_downline (&refused, "--db", db, "--import-csv", bad, "--period", "2026-12", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "the personal volume “lots” is not a number"));
  run_downline (&bad_month, "--db", db, "--import-csv", november, "--period", "November", NULL);
  g_assert_cmpint (bad_month.status, ==, 2);
  g_assert_nonnull (strstr (bad_month.err, "YYYY-MM"));
}

/* A year of monthly exports, each imported with --import-csv FILE
 * --period YYYY-MM: every kind of event comes out of the month it
 * happened in, as --events prints it, and nothing else does.  The first
 * month is the baseline. */
static void
test_twelve_months (void)
{
  static const struct {
    const char *number, *sponsor, *name, *joined;
  } members[] = {
    { "101", "", "Ana Ruiz", "2024-06-01" },
    { "102", "101", "Bo Kim", "2024-07-15" },
    { "103", "101", "Cy Lee", "2024-08-20" },
    { "104", "102", "Di Fox", "2024-09-09" },
    { "105", "103", "Ed Moss", "2025-03-05" },
    { "106", "105", "Flo Nash", "2025-07-10" },
  };
#define GOLD "Active,Gold,200,Yes"
#define SILVER "Active,Silver,100,Yes"
#define ED "Active,Member,60,Yes"
#define ED_BRONZE "Active,Bronze,60,Yes"
#define GONE "Terminated,Silver,0,"
  /* each month: Status,Paid Rank,PV,Autoship of each member, NULL
   * before they join */
  static const char *const states[12][G_N_ELEMENTS (members)] = {
    { GOLD, SILVER, SILVER, SILVER, NULL, NULL },
    { GOLD, "Active,Gold,100,Yes", SILVER, SILVER, NULL, NULL },
    { GOLD, "Active,Gold,100,No", SILVER, SILVER, "Active,Member,50,Yes", NULL },
    { GOLD, "Active,Gold,100,Yes", "Active,Silver,30,Yes", SILVER, ED, NULL },
    { GOLD, SILVER, "Inactive,Silver,0,Yes", SILVER, ED, NULL },
    { GOLD, SILVER, SILVER, SILVER, ED, NULL },
    { GOLD, SILVER, SILVER, SILVER, ED, "Active,,0,No" },
    { GOLD, SILVER, SILVER, SILVER, ED, "Active,,0,No" },
    { GOLD, SILVER, SILVER, GONE, ED, "Active,,0,No" },
    { GOLD, SILVER, SILVER, GONE, ED_BRONZE, "Active,,80,Yes" },
    { GOLD, SILVER, SILVER, GONE, ED_BRONZE, "Inactive,,0,Yes" },
    { GOLD, SILVER, SILVER, GONE, ED_BRONZE, "Active,,80,Yes" },
  };
#undef GOLD
#undef SILVER
#undef ED
#undef ED_BRONZE
#undef GONE
  static const char *const expected[12] = {
    "",
    "rank-up\t102\n",
    "autoship-cancelled\t102\n"
    "joined\t105\n",
    "autoship-started\t102\n"
    "volume-drop\t103\n",
    "rank-down\t102\n"
    "became-inactive\t103\n",
    "reactivated\t103\n",
    "joined\t106\n",
    "no-first-order\t106\n",
    "terminated\t104\n",
    "rank-up\t105\n"
    "autoship-started\t106\n",
    "became-inactive\t106\n",
    "reactivated\t106\n",
  };
  g_autofree char *db = g_build_filename (tmp_dir, "year.db", NULL);

  for (guint m = 0; m < G_N_ELEMENTS (states); m++)
    {
      g_autoptr(GString) text = g_string_new ("Member ID,Sponsor ID,Name,Join Date,Status,Paid Rank,PV,Autoship\n");
      g_autofree char *name = g_strdup_printf ("2025-%02u.csv", m + 1);
      g_autofree char *period = g_strdup_printf ("2025-%02u", m + 1);
      g_autofree char *path = NULL;
      g_autofree char *kept = NULL;
      g_auto(Run) import = { 0 };
      g_auto(Run) events = { 0 };
      guint n_rows = 0;

      for (guint k = 0; k < G_N_ELEMENTS (members); k++)
        if (states[m][k] != NULL)
          {
            g_string_append_printf (text, "%s,%s,%s,%s,%s\n", members[k].number, members[k].sponsor,
                                    members[k].name, members[k].joined, states[m][k]);
            n_rows++;
          }
      path = write_file (name, text->str);

      run_downline (&import, "--db", db, "--import-csv", path, "--period", period, NULL);
      g_test_message ("%s", period);
      g_assert_cmpint (import.status, ==, 0);
      kept = g_strdup_printf ("Kept %u members’ figures for %s.", n_rows, period);
      g_assert_nonnull (strstr (import.err, kept));

      run_downline (&events, "--db", db, "--events", period, NULL);
      g_assert_cmpint (events.status, ==, 0);
      g_assert_cmpstr (events.out, ==, expected[m]);
    }
}

/* --risk-report: the expert points and why with two months; a learned
 * model, its check and its deciles on the sample's year of months; the
 * export's risk column is the score the app shows. */
static void
test_risk_report (void)
{
  g_autofree char *few = make_business ("risk-few.db");
  g_autofree char *sample = g_build_filename (tmp_dir, "risk-sample.db", NULL);
  g_autofree char *exports = g_build_filename (tmp_dir, "risk-exports", NULL);
  g_autofree char *members_csv = g_build_filename (exports, "members.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) rows = NULL;
  g_auto(Run) expert = { 0 };
  g_auto(Run) fill = { 0 };
  g_auto(Run) learned = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) no_db = { 0 };
  guint n_features = 0, n_deciles = 0, n_scores = 0, n_with_figures = 0, n_user = 0;
  double auc;

  run_downline (&expert, "--db", few, "--risk-report", NULL);
  g_assert_cmpint (expert.status, ==, 0);
  g_assert_true (g_str_has_prefix (expert.out,
                                   "model: expert (too few months: 2 of 7)\n"
                                   "auc: n/a\n"
                                   "outcomes: 0\n"
                                   "feature\toverdue\t25.000\n"
                                   "feature\tearly-tenure\t15.000\n"));
  g_assert_nonnull (strstr (expert.out, "feature\tautoship-cancelled\t0.000\n"));
  g_assert_null (strstr (expert.out, "decile"));

  run_downline (&no_db, "--risk-report", NULL);
  g_assert_cmpint (no_db.status, ==, 2);
  g_assert_nonnull (strstr (no_db.err, "--risk-report needs --db FILE"));

  run_downline (&fill, "--db", sample, "--sample-data", "3000", "--seed", "5", NULL);
  g_assert_cmpint (fill.status, ==, 0);
  run_downline (&learned, "--db", sample, "--risk-report", NULL);
  g_assert_cmpint (learned.status, ==, 0);
  lines = g_strsplit (learned.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "model: learned");
  g_assert_true (g_str_has_prefix (lines[1], "auc: 0."));
  auc = g_ascii_strtod (lines[1] + strlen ("auc: "), NULL);
  /* the sample's leavers show it coming: well above chance */
  g_assert_cmpfloat (auc, >, 0.7);
  g_assert_true (g_str_has_prefix (lines[2], "outcomes: "));
  g_assert_cmpint (atoi (lines[2] + strlen ("outcomes: ")), >=, 30);
  for (guint i = 3; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], "\t", -1);

      if (g_str_equal (cells[0], "feature"))
        {
          g_assert_cmpuint (g_strv_length (cells), ==, 3);
          g_assert_cmpuint (n_deciles, ==, 0);
          n_features++;
        }
      else
        {
          g_assert_cmpstr (cells[0], ==, "decile");
          g_assert_cmpuint (g_strv_length (cells), ==, 4);
          g_assert_cmpint (atoi (cells[1]), ==, (int) n_deciles + 1);
          n_deciles++;
        }
    }
  g_assert_cmpuint (n_features, ==, DL_RISK_N_FACTORS);
  g_assert_cmpuint (n_deciles, ==, 10);
  /* the model learned that a cancelled autoship comes before leaving */
  g_assert_nonnull (strstr (learned.out, "feature\tautoship-cancelled\t"));
  g_assert_null (strstr (learned.out, "feature\tautoship-cancelled\t-"));
  g_assert_null (strstr (learned.out, "feature\tautoship-cancelled\t0.000\n"));

  g_assert_cmpint (g_mkdir (exports, 0700), ==, 0);
  run_downline (&export, "--db", sample, "--export-csv", exports, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (members_csv, &csv, NULL, NULL));
  rows = g_strsplit (csv, "\r\n", -1);
  /* the command line's contract: these names, in this order */
  g_assert_cmpstr (rows[0], ==,
                   "member_number,first_name,last_name,email,phone,enroller_number,placement_number,"
                   "join_date,status,rank,paid_rank,pv,gv,autoship,next_autoship,first_order,last_order,"
                   "city,role,risk");
  for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
    {
      const char *last = strrchr (rows[i], ',') + 1;
      g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);
      guint64 score;

      /* the latest month's figures: a volume and a yes or no for
       * autoship wherever that month names the member (the cells up to
       * them have no commas in the sample; the city after them has) */
      if (g_strv_length (cells) >= 20 && cells[11][0] != '\0')
        {
          g_assert_true (g_str_equal (cells[13], "yes") || g_str_equal (cells[13], "no"));
          n_with_figures++;
        }

      /* the user's own row comes first, with no risk of their own */
      if (i == 1 && *last == '\0')
        {
          n_user++;
          continue;
        }
      g_assert_true (g_ascii_string_to_unsigned (last, 10, 0, 100, &score, NULL));
      n_scores++;
    }
  g_assert_cmpuint (n_user, ==, 1);
  g_assert_cmpuint (n_scores, ==, 3000);
  g_assert_cmpuint (n_with_figures, >, 1000);
}

/* --retention: a cohort is printed once one of its months on is known,
 * and a month not known yet is an empty cell. */
static void
test_retention (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "retention.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_auto(Run) run = { 0 };
  g_auto(Run) empty = { 0 };
  g_autofree char *bare = make_business ("retention-bare.db");
  /* two joined in October 2025, one in August 2026 */
  const DlDay joined[] = {
    dl_day_from_ymd (2025, 10, 5), dl_day_from_ymd (2025, 10, 20), dl_day_from_ymd (2026, 8, 1),
  };
  gint64 ids[3];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(DlPerson) draft = dl_person_new ();
      g_autoptr(DlMember) member = NULL;
      g_autofree char *number = g_strdup_printf ("R%u", i);

      dl_person_set_first_name (draft, "Member");
      member = dl_store_add_member (store, draft, 0, number, joined[i], DL_ROLE_DISTRIBUTOR, &error);
      g_assert_no_error (error);
      ids[i] = dl_member_get_id (member);
    }
  {
    const DlPeriodRow october[] = {
      { ids[0], DL_FIGURE_ACTIVE, NULL, 100, NAN, 1 },
      { ids[1], DL_FIGURE_INACTIVE, NULL, 0, NAN, 0 },
      { ids[2], DL_FIGURE_ACTIVE, NULL, 50, NAN, 1 },
    };
    const DlPeriodRow november[] = {
      { ids[0], DL_FIGURE_ACTIVE, NULL, 100, NAN, 1 },
      { ids[1], DL_FIGURE_TERMINATED, NULL, 0, NAN, 0 },
      { ids[2], DL_FIGURE_ACTIVE, NULL, 50, NAN, 1 },
    };

    g_assert_true (dl_store_save_period (store, dl_period_from_ym (2026, 10), october, 3, &error));
    g_assert_true (dl_store_save_period (store, dl_period_from_ym (2026, 11), november, 3, &error));
    g_assert_no_error (error);
  }
  dl_store_close (store);

  run_downline (&run, "--db", path, "--retention", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* October 2025: twelve months on is October 2026, one of two active;
   * August 2026: three months on is November, active; the rest unknown */
  g_assert_cmpstr (run.out, ==,
                   "2025-10\t2\t\t\t1\n"
                   "2026-08\t1\t1\t\t\n");

  /* members who joined in January 2026 and two later months: none of
   * 1, 3, 6 or 12 months on is known, so no line, and no error */
  run_downline (&empty, "--db", bare, "--retention", NULL);
  g_assert_cmpint (empty.status, ==, 0);
  g_assert_cmpstr (empty.out, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  tmp_dir = g_dir_make_tmp ("downline-periods-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/periods-cli/events-printed", test_events_printed);
  g_test_add_func ("/periods-cli/events-errors", test_events_errors);
  g_test_add_func ("/periods-cli/import-months", test_import_months);
  g_test_add_func ("/periods-cli/twelve-months", test_twelve_months);
  g_test_add_func ("/periods-cli/risk-report", test_risk_report);
  g_test_add_func ("/periods-cli/retention", test_retention);

  status = g_test_run ();
  remove_dir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

/* test-today-ics.c — the calendar export parses back with libical
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libical/ical.h>
#include <sys/stat.h>

#include "dl-today-ics.h"
#include "today-fixture.h"

typedef struct
{
  char *summary;
  DlDay day;
} Event;

static DlDay
day_of (struct icaltimetype t)
{
  return dl_day_from_ymd (t.year, t.month, t.day);
}

static void
test_export (TodayFixture  *f,
             gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  icalcomponent *calendar;
  icalcomponent *event;
  guint n_events = 0;
  guint n_parsed = 0;

  /* Bea 6 days overdue (lands today); Eli, personal, called 10 days ago:
   * in 4 days; Gus, second level, called 10 days ago: in 20; Dan to
   * welcome today; Fae's follow-up in 12 days; Hal's in 45: too far */
  today_add_member (f, "Bea; Smith, Jr.", f->user, 200, 20);
  {
    gint64 eli = today_add_member (f, "Eli", f->user, 300, 10);

    today_add_member (f, "Gus", eli, 300, 10);
  }
  today_add_member (f, "Dan", f->user, 0, -1);
  today_add_prospect (f, "Fae", 12);
  today_add_prospect (f, "Hal", 45);

  model = dl_today_model_new (f->store);
  file = g_file_new_build_filename (f->dir, "check-ins.ics", NULL);
  {
    mode_t old_mask = umask (022);
    g_autofree char *path = g_file_get_path (file);
    GStatBuf st;

    g_assert_true (dl_today_ics_export (model, file, &n_events, &error));
    umask (old_mask);
    /* names and dates of people: private like the database */
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, 5);

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, &error));
  g_assert_no_error (error);
  calendar = icalparser_parse_string (text);
  g_assert_nonnull (calendar);
  if (calendar == NULL)
    return;
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);

  for (event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       event != NULL;
       event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      struct icaltimetype start = icalcomponent_get_dtstart (event);
      struct icaltimetype end = icalcomponent_get_dtend (event);

      g_assert_true (start.is_date);
      g_assert_cmpint (day_of (end), ==, day_of (start) + 1);
      g_assert_false (g_hash_table_contains (uids, icalcomponent_get_uid (event)));
      g_hash_table_add (uids, g_strdup (icalcomponent_get_uid (event)));
      g_hash_table_insert (events, g_strdup (icalcomponent_get_summary (event)),
                           GINT_TO_POINTER (day_of (start) - f->today));
      n_parsed++;
    }
  g_assert_cmpuint (n_parsed, ==, 5);

  /* the name's comma and semicolon survive the round trip */
#define ASSERT_EVENT(summary, offset) G_STMT_START { \
  g_assert_true (g_hash_table_contains (events, summary)); \
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (events, summary)), ==, offset); \
} G_STMT_END
  ASSERT_EVENT ("Check in with Bea; Smith, Jr. Test", 0);
  ASSERT_EVENT ("Check in with Eli Test", 4);
  ASSERT_EVENT ("Check in with Gus Test", 20);
  ASSERT_EVENT ("Welcome Dan Test", 0);
  ASSERT_EVENT ("Follow up with Fae Prospect", 12);
  g_assert_false (g_hash_table_contains (events, "Follow up with Hal Prospect"));

  icalcomponent_free (calendar);
}

/* Nothing coming up: no empty calendar (RFC 5545 needs a component),
 * an error that says so, and no file. */
static void
test_export_nothing (TodayFixture  *f,
                     gconstpointer  data)
{
  g_autoptr(DlTodayModel) model = dl_today_model_new (f->store);
  g_autoptr(GFile) file = g_file_new_build_filename (f->dir, "empty.ics", NULL);
  g_autoptr(GError) error = NULL;
  guint n_events = 99;

  today_add_prospect (f, "Hal", 45);
  g_assert_false (dl_today_ics_export (model, file, &n_events, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (error ? strstr (error->message, "Nothing is coming up in the next 30 days") : NULL);
  g_assert_cmpuint (n_events, ==, 0);
  g_assert_false (g_file_query_exists (file, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/today/ics/export", TodayFixture, NULL,
              today_fixture_set_up, test_export, today_fixture_tear_down);
  g_test_add ("/today/ics/export-nothing", TodayFixture, NULL,
              today_fixture_set_up, test_export_nothing, today_fixture_tear_down);

  return g_test_run ();
}

/* test-store-history.c — the effort counts Insights reads, on a real file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "dl-store-history.h"
#include "dl-store-private.h"

static char *tmp_dir;

/* Two weeks from Monday 2 November 2026.  Ana came in week 0 and is
 * still in "Contacted"; Ben came in week 0, left "New contact" on the
 * 10th into "Not now"; Cy came in week 1; Dee came in before and joined
 * (left "Presented") on the 4th.  Contacts: two in week 0, one in week
 * 1, and a note, which is no contact. */
static void
test_effort (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "effort.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  DlDay monday = dl_day_from_ymd (2026, 11, 2);
  DlEffortWeek weeks[2] = { { monday, 0, }, { monday + 7, 0, } };
  const char *sql =
    "INSERT INTO person (id, first_name, created_at, updated_at) VALUES "
    "  (100, 'Ana', '2026-11-03T10:00:00Z', '2026-11-03T10:00:00Z'),"
    "  (101, 'Ben', '2026-11-04T10:00:00Z', '2026-11-04T10:00:00Z'),"
    "  (102, 'Cy', '2026-11-12T10:00:00Z', '2026-11-12T10:00:00Z'),"
    "  (103, 'Dee', '2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z'),"
    "  (104, 'Eve', '2026-11-05T10:00:00Z', '2026-11-05T10:00:00Z');"
    "INSERT INTO prospect (person_id, stage_id, entered_stage_at) VALUES "
    "  (100, 2, '2026-11-06T10:00:00Z'),"
    "  (101, 7, '2026-11-10T10:00:00Z'),"
    "  (102, 1, '2026-11-12T10:00:00Z');"
    "INSERT INTO stage_exit (person_id, stage_id, entered_at, left_at) VALUES "
    "  (100, 1, '2026-11-03T10:00:00Z', '2026-11-06T10:00:00Z'),"
    "  (101, 1, '2026-11-04T10:00:00Z', '2026-11-10T10:00:00Z'),"
    "  (103, 5, '2026-10-01T10:00:00Z', '2026-11-04T10:00:00Z');"
    "INSERT INTO interaction (person_id, kind, at) VALUES "
    "  (100, 'call', '2026-11-03T11:00:00'), (101, 'message', '2026-11-08T09:00:00'),"
    "  (102, 'meeting', '2026-11-13T18:00:00'), (100, 'note', '2026-11-13T19:00:00');";

  g_assert_no_error (error);
  /* Eve is no prospect: someone added to the address book only */
  g_assert_cmpint (sqlite3_exec (dl_store_get_handle (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (dl_store_load_effort_file (path, monday, 2, weeks, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (weeks[0].new_contacts, ==, 2);   /* Ana, Ben */
  g_assert_cmpuint (weeks[1].new_contacts, ==, 1);   /* Cy */
  g_assert_cmpuint (weeks[0].contacts_logged, ==, 2);
  g_assert_cmpuint (weeks[1].contacts_logged, ==, 1);
  /* at the end of week 0 (Monday the 9th): Ana and Ben (Dee joined on
   * the 4th); at the end of week 1: Ana and Cy (Ben is in Not now) */
  g_assert_cmpuint (weeks[0].pipeline, ==, 2);
  g_assert_cmpuint (weeks[1].pipeline, ==, 2);

  /* a file that is not there is an error, and nothing is made */
  {
    g_autofree char *missing = g_build_filename (tmp_dir, "missing.db", NULL);

    g_assert_false (dl_store_load_effort_file (missing, monday, 2, weeks, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("downline-history-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/store/history/effort", test_effort);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (tmp_dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}

/* test-transfer-cli.c — imports, exports and backups run headless, as a
 * script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../dl-test-cli.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "dl-store.h"

static char *tmp_dir;

/* Runs the real executable in tmp_dir with the arguments, NULL-terminated. */
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

static char *
data_file (const char *name)
{
  return g_build_filename (TEST_DATA_DIR, name, NULL);
}

static char *
fresh_db (const char *name)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  return path;
}

static int
count (const char *db_path,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* The first column of the first row of sql, or NULL */
static char *
text_of (const char *db_path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL);
  sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

#define ALL_NUMBERS \
  "SELECT group_concat (member_number, ' ') FROM " \
  "(SELECT member_number FROM member WHERE member_number IS NOT NULL ORDER BY member_number)"

static void
test_help_lists_commands (void)
{
  g_auto(Run) run = { 0 };

  run_downline (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      static const char *const words[] = { "--import-csv", "--import-vcard", "--export-csv", "--backup" };

      g_assert_nonnull (strstr (run.out, words[i]));
    }
  /* --map's fields, the back office's roles among them */
  g_assert_nonnull (strstr (run.out, "paid-rank, status, terminated"));
  g_assert_nonnull (strstr (run.out, "next-autoship, renewal"));
  g_assert_nonnull (strstr (run.out, "left-volume, right-volume, qualified"));
}

static void
test_import_csv (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *db = fresh_db ("import.db");
  g_autofree char *csv = data_file ("backoffice-es.csv");

  run_downline (&run, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* a new database: the top of the file is the user, and their row
   * fills in the profile made for them */
  g_assert_nonnull (strstr (run.err, "You are member 20001, at the top of the file (line 2)"));
  g_assert_nonnull (strstr (run.err, "3 new, 1 updated"));
  g_assert_nonnull (strstr (run.err, "semicolon"));
  /* there was no such file: said, not made quietly */
  g_assert_nonnull (strstr (run.err, "it is a new database now"));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (count (db, "SELECT count(*) FROM member"), ==, 4);

  /* the same file again changes nothing */
  run_downline (&again, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.err, "was imported for "));
  g_assert_nonnull (strstr (again.err, "already: nothing changed"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM member"), ==, 4);
}

/* unusable e-mails cost no row, and the summary says where they went */
static void
test_bad_emails_counted (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = fresh_db ("emails.db");
  g_autofree char *csv = data_file ("real-world/crlf-email.csv");

  run_downline (&run, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "2 new, 1 updated"));
  g_assert_nonnull (strstr (run.err, "2 e-mails were not usable and were kept in the members’ notes.\n"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM person WHERE notes LIKE 'E-mail from the import%'"), ==, 2);
}

static void
test_rejected_rows (void)
{
  g_auto(Run) strict = { 0 };
  g_auto(Run) skip = { 0 };
  g_autofree char *db = fresh_db ("rejected.db");
  g_autofree char *csv = data_file ("bad-rows.csv");

  run_downline (&strict, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (strict.status, ==, 1);
  g_assert_nonnull (strstr (strict.err, "line 4: Join date “2023-13-45” is not a date"));
  g_assert_nonnull (strstr (strict.err, "line 5: the member number 50001 is already on line 2"));
  g_assert_nonnull (strstr (strict.err, "nothing was imported"));
  /* nor was a database left where there was none */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  run_downline (&skip, "--db", db, "--import-csv", csv, "--skip-bad-rows", NULL);
  g_assert_cmpint (skip.status, ==, 0);
  g_assert_nonnull (strstr (skip.err, "5 new"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM member"), ==, 5);
}

static void
test_ambiguous_dates (void)
{
  g_auto(Run) ask = { 0 };
  g_auto(Run) told = { 0 };
  g_autofree char *db = fresh_db ("dates.db");
  g_autofree char *csv = data_file ("ambiguous-dates.csv");

  run_downline (&ask, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (ask.status, ==, 1);
  g_assert_nonnull (strstr (ask.err, "--date-order"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  run_downline (&told, "--db", db, "--import-csv", csv, "--date-order=mdy", "--unknown-sponsor=none", NULL);
  g_assert_cmpint (told.status, ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM member WHERE joined_on = '2023-03-04'"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM member WHERE sponsor_id IS NULL"), ==, 1);
}

static void
test_usage_errors (void)
{
  static const struct {
    const char *args[5];
    const char *message;
  } cases[] = {
    { { "--import-csv", "x.csv", NULL }, "--db" },
    { { "--db", "u.db", "--skip-bad-rows", NULL }, "--skip-bad-rows" },
    { { "--db", "u.db", "--date-order=dmy", NULL }, "--date-order" },
    { { "--db", "u.db", "--import-csv", "x.csv", "--date-order=ymd" }, "dmy" },
    { { "--db", "u.db", "--import-csv", "x.csv", "--unknown-sponsor=boss" }, "none" },
    { { "--db", "u.db", "--import-csv", "x.csv", "--backup=b.db" }, "together" },
    { { "--db", "u.db", "--backup", "b.db", "--skip-bad-rows" }, "--import-csv" },
    { { "--db", "u.db", "--import-csv", NULL }, "--import-csv" },
    { { "--db", "u.db", "--import-csv", "x.csv", "--sponsor-means=upline" }, "--sponsor-means takes “enroller”" },
    { { "--db", "u.db", "--sponsor-means=placement", NULL }, "--sponsor-means only makes sense" },
    { { "--db", "u.db", "--import-csv", "x.csv", "--map=parent=Upline" }, "placement, side" },
    { { "--db", "u.db", "--import-csv", "x.csv", "--me= " }, "--me takes your member number" },
    { { "--db", "u.db", "--me=1001", NULL }, "--me only makes sense" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *db = fresh_db ("u.db");

      run_downline (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
                    cases[i].args[4], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i].message));
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

static void
test_missing_files (void)
{
  g_auto(Run) csv = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) backup = { 0 };
  g_autofree char *db = fresh_db ("missing.db");
  g_autofree char *nowhere = fresh_db ("nowhere.db");

  run_downline (&csv, "--db", db, "--import-csv", "no-such.csv", NULL);
  g_assert_cmpint (csv.status, ==, 1);
  g_assert_nonnull (strstr (csv.err, "no-such.csv"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* a --db in a folder that is not there: no folder made either */
  {
    g_auto(Run) folder = { 0 };
    g_autofree char *dir = g_path_get_dirname (db);
    g_autofree char *missing = g_build_filename (dir, "no-such-folder", "x.db", NULL);
    g_autofree char *file = data_file ("backoffice-es.csv");

    run_downline (&folder, "--db", missing, "--import-csv", file, NULL);
    g_assert_cmpint (folder.status, ==, 1);
    g_assert_nonnull (strstr (folder.err, "does not exist"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  run_downline (&export, "--db", nowhere, "--export-csv", ".", NULL);
  g_assert_cmpint (export.status, ==, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));

  run_downline (&backup, "--db", nowhere, "--backup", "b.db", NULL);
  g_assert_cmpint (backup.status, ==, 1);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

static gboolean
exists_beside (const char *db,
               const char *suffix)
{
  g_autofree char *side = g_strconcat (db, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

static goffset
size_of (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : -1;
}

/* The commands that only read a database refuse a --db that is missing
 * or empty (a mistyped path, a file a sync has not filled yet) with the
 * store's own words, and leave no database, log or index behind. */
static void
test_read_commands_refuse_no_database (void)
{
  g_autofree char *missing = fresh_db ("not-there.db");
  g_autofree char *empty = fresh_db ("empty.db");
  g_autofree char *dest = fresh_db ("dest-backup.db");
  g_autofree char *out_dir = g_build_filename (tmp_dir, "export-nothing", NULL);
  g_autofree char *members = g_build_filename (out_dir, "members.csv", NULL);

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_mkdir_with_parents (out_dir, 0700);

  for (guint i = 0; i < 2; i++)
    {
      const char *db = i == 0 ? missing : empty;
      const char *expected = i == 0 ? "does not exist" : "is empty";
      g_autofree char *base = g_path_get_basename (db);
      g_auto(Run) export = { 0 };
      g_auto(Run) backup = { 0 };

      run_downline (&export, "--db", db, "--export-csv", out_dir, NULL);
      g_assert_cmpint (export.status, ==, 1);
      g_assert_nonnull (strstr (export.err, base));
      g_assert_nonnull (strstr (export.err, expected));
      g_assert_false (g_file_test (members, G_FILE_TEST_EXISTS));

      run_downline (&backup, "--db", db, "--backup", dest, NULL);
      g_assert_cmpint (backup.status, ==, 1);
      g_assert_nonnull (strstr (backup.err, base));
      g_assert_nonnull (strstr (backup.err, expected));
      g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));

      /* the missing file stays missing, the empty one empty */
      g_assert_cmpint (size_of (db), ==, i == 0 ? -1 : 0);
      g_assert_false (exists_beside (db, "-wal"));
      g_assert_false (exists_beside (db, "-shm"));
      g_assert_false (exists_beside (db, "-journal"));
    }
}

/* A command that wrote leaves the .db whole: no -wal with data in it. */
static void
test_commands_leave_no_log (void)
{
  g_auto(Run) sample = { 0 };
  g_auto(Run) vcard = { 0 };
  g_auto(Run) backup = { 0 };
  g_autofree char *db = fresh_db ("whole.db");
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *copy = fresh_db ("whole-copy.db");
  g_autofree char *vcf = data_file ("phone-contacts.vcf");

  run_downline (&sample, "--db", db, "--sample-data=5", NULL);
  g_assert_cmpint (sample.status, ==, 0);
  g_assert_cmpint (size_of (wal), <=, 0);

  run_downline (&vcard, "--db", db, "--import-vcard", vcf, NULL);
  g_assert_cmpint (vcard.status, ==, 0);
  g_assert_cmpint (size_of (wal), <=, 0);

  run_downline (&backup, "--db", db, "--backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_cmpint (size_of (wal), <=, 0);
  g_assert_false (exists_beside (copy, "-wal"));
}

static void
test_vcard_export_backup (void)
{
  g_auto(Run) sample = { 0 };
  g_auto(Run) vcard = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) backup = { 0 };
  g_autofree char *db = fresh_db ("full.db");
  g_autofree char *vcf = data_file ("phone-contacts.vcf");
  g_autofree char *out_dir = g_build_filename (tmp_dir, "export", NULL);
  g_autofree char *members = g_build_filename (out_dir, "members.csv", NULL);
  g_autofree char *copy = fresh_db ("copy.db");
  int prospects;

  run_downline (&sample, "--db", db, "--sample-data=50", NULL);
  g_assert_cmpint (sample.status, ==, 0);
  prospects = count (db, "SELECT count(*) FROM prospect");

  run_downline (&vcard, "--db", db, "--import-vcard", vcf, NULL);
  g_assert_cmpint (vcard.status, ==, 0);
  g_assert_nonnull (strstr (vcard.err, "4 new prospects"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM prospect"), ==, prospects + 4);

  g_mkdir_with_parents (out_dir, 0700);
  run_downline (&export, "--db", db, "--export-csv", out_dir, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_test (members, G_FILE_TEST_EXISTS));

  run_downline (&backup, "--db", db, "--backup", copy, NULL);
  g_assert_cmpint (backup.status, ==, 0);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM prospect"), ==, prospects + 4);
  g_assert_cmpint (count (copy, "SELECT count(*) FROM member"), ==, count (db, "SELECT count(*) FROM member"));
}

/* A vCard import into a database that did not exist and that adds
 * nobody (every card nameless) leaves no database behind. */
static void
test_vcard_nobody_no_database (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) some = { 0 };
  g_autofree char *db = fresh_db ("nobody.db");
  g_autofree char *vcf = g_build_filename (tmp_dir, "nameless.vcf", NULL);
  g_autofree char *real = g_build_filename (TEST_DATA_DIR, "real-world", "cr-only.vcf", NULL);

  g_assert_true (g_file_set_contents (vcf, "BEGIN:VCARD\nTEL:555 0100\nEND:VCARD\n"
                                           "BEGIN:VCARD\nORG:Acme\nEND:VCARD\n", -1, NULL));
  run_downline (&run, "--db", db, "--import-vcard", vcf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "0 new prospects"));
  g_assert_nonnull (strstr (run.err, "Nobody was imported, so no database was made"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  /* CR-only lines, an e-mail-only and a nickname-only card: three new */
  run_downline (&some, "--db", db, "--import-vcard", real, NULL);
  g_assert_cmpint (some.status, ==, 0);
  g_assert_nonnull (strstr (some.err, "3 new prospects"));
  g_assert_true (g_file_test (db, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count (db, "SELECT count(*) FROM person WHERE first_name IN "
                              "('Luca', 'only.mail@example.it', 'Nonna')"), ==, 3);
}

/* what the vCard import cut or moved to the notes is said in one line */
static void
test_vcard_says_what_moved (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = fresh_db ("moved.db");
  g_autofree char *vcf = g_build_filename (TEST_DATA_DIR, "real-world", "cut-and-moved.vcf", NULL);

  run_downline (&run, "--db", db, "--import-vcard", vcf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "4 new prospects"));
  g_assert_nonnull (strstr (run.err, "\n4 long fields were shortened, 3 extra phone numbers were kept in the notes, "
                                     "1 extra e-mail was kept in the notes, 1 phone number that is not valid was "
                                     "moved to the notes and 1 e-mail that is not valid was moved to the notes.\n"));
}

/* "Choose which column has it" can be answered on the command line. */
static void
test_map_option (void)
{
  g_auto(Run) unmapped = { 0 };
  g_auto(Run) mapped = { 0 };
  g_auto(Run) bad_field = { 0 };
  g_auto(Run) bad_column = { 0 };
  g_auto(Run) by_number = { 0 };
  g_autofree char *db = fresh_db ("mapped.db");
  g_autofree char *other = fresh_db ("mapped-by-number.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "ref.csv", NULL);

  g_assert_true (g_file_set_contents (csv, "Ref,Name,Ref of sponsor\nR1,Ann Lee,\nR2,Bo Kim,R1\n", -1, NULL));

  run_downline (&unmapped, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (unmapped.status, ==, 1);
  g_assert_nonnull (strstr (unmapped.err, "Choose which column has it"));
  g_assert_nonnull (strstr (unmapped.err, "--map member=\"Ref\""));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  run_downline (&mapped, "--db", db, "--import-csv", csv, "--map", "member=ref",
                "--map", "sponsor=Ref of sponsor", NULL);
  g_assert_cmpint (mapped.status, ==, 0);
  g_assert_nonnull (strstr (mapped.err, "“Ref” → Member number"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM member WHERE member_number IN ('R1', 'R2')"), ==, 2);
  g_assert_cmpint (count (db, "SELECT count(*) FROM member m JOIN member s ON s.person_id = m.sponsor_id "
                              "WHERE m.member_number = 'R2' AND s.member_number = 'R1'"), ==, 1);

  run_downline (&by_number, "--db", other, "--import-csv", csv, "--map", "member=1", NULL);
  g_assert_cmpint (by_number.status, ==, 0);
  g_assert_cmpint (count (other, "SELECT count(*) FROM member WHERE member_number = 'R2'"), ==, 1);

  run_downline (&bad_field, "--db", db, "--import-csv", csv, "--map", "number=Ref", NULL);
  g_assert_cmpint (bad_field.status, ==, 2);
  g_assert_nonnull (strstr (bad_field.err, "--map takes FIELD=COLUMN"));

  run_downline (&bad_column, "--db", db, "--import-csv", csv, "--map", "member=Nope", NULL);
  g_assert_cmpint (bad_column.status, ==, 2);
  g_assert_nonnull (strstr (bad_column.err, "has no column “Nope”"));
}

#define PLACED_UNDER(db, member, parent, side) \
  count (db, "SELECT count(*) FROM placement pc JOIN member m ON m.person_id = pc.member_id " \
             "JOIN member p ON p.person_id = pc.parent_id WHERE m.member_number = '" member "' " \
             "AND p.member_number = '" parent "' AND pc.side IS " side)
#define ENROLLED_BY(db, member, enroller) \
  count (db, "SELECT count(*) FROM member m JOIN member s ON s.person_id = m.sponsor_id " \
             "WHERE m.member_number = '" member "' AND s.member_number = '" enroller "'")

/* doTERRA's "Enroller ID" and "Sponsor ID" need no question, and the
 * placement comes back out of --export-csv and in again */
static void
test_placement_round_trip (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) again = { 0 };
  g_autofree char *db = fresh_db ("placed.db");
  g_autofree char *copy = fresh_db ("placed-again.db");
  g_autofree char *csv = data_file ("real-world/enroller-and-sponsor.csv");
  g_autofree char *out_dir = g_build_filename (tmp_dir, "export-placed", NULL);
  g_autofree char *members = g_build_filename (out_dir, "members.csv", NULL);
  g_autofree char *exported = NULL;

  g_mkdir_with_parents (out_dir, 0700);
  run_downline (&run, "--db", db, "--import-csv", csv, "--sponsor-means=enroller", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "“Sponsor ID” → Placement (upline) number"));
  g_assert_nonnull (strstr (run.err, "“Enroller ID” → Enroller (sponsor) number"));
  g_assert_nonnull (strstr (run.err, "--sponsor-means is not needed"));
  g_assert_cmpint (ENROLLED_BY (db, "1004", "1002"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (db, "1004", "1003", "'left'"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (db, "1005", "1004", "'right'"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM placement"), ==, 4);

  run_downline (&export, "--db", db, "--export-csv", out_dir, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (members, &exported, NULL, NULL));
  /* member_number, first_name, last_name, email, phone, enroller_number, placement_number */
  g_assert_nonnull (strstr (exported ?: "", "1004,Di,Spill,,,1002,1003,"));
  g_assert_nonnull (strstr (exported ?: "", "1005,Ed,Deep,,,1001,1004,"));

  run_downline (&again, "--db", copy, "--import-csv", members, NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpint (ENROLLED_BY (copy, "1004", "1002"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (copy, "1004", "1003", "NULL"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (copy, "1005", "1004", "NULL"), ==, 1);
}

/* a lone "Sponsor" is the enroller, and the report says how to say
 * otherwise; with --sponsor-means=placement it is the placement */
static void
test_sponsor_means (void)
{
  g_auto(Run) enroller = { 0 };
  g_auto(Run) placement = { 0 };
  g_autofree char *db = fresh_db ("sponsor-enroller.db");
  g_autofree char *other = fresh_db ("sponsor-placement.db");
  g_autofree char *csv = data_file ("real-world/sponsor-only.csv");

  run_downline (&enroller, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (enroller.status, ==, 0);
  g_assert_nonnull (strstr (enroller.err, "--sponsor-means=placement"));
  g_assert_cmpint (ENROLLED_BY (db, "2004", "2003"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM placement"), ==, 0);

  run_downline (&placement, "--db", other, "--import-csv", csv, "--sponsor-means", "placement", NULL);
  g_assert_cmpint (placement.status, ==, 0);
  g_assert_nonnull (strstr (placement.err, "“Sponsor” → Placement (upline) number"));
  g_assert_null (strstr (placement.err, "--sponsor-means=placement"));
  g_assert_cmpint (PLACED_UNDER (other, "2004", "2003", "'left'"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (other, "2002", "2001", "'left'"), ==, 1);
  /* no enroller column: new members are enrolled by their placement parent */
  g_assert_cmpint (ENROLLED_BY (other, "2004", "2003"), ==, 1);
}

/* --map places a column the names would not, and bad placement rows
 * are reported by line */
static void
test_map_placement_and_bad_rows (void)
{
  g_auto(Run) mapped = { 0 };
  g_auto(Run) bad = { 0 };
  g_autofree char *db = fresh_db ("map-placement.db");
  g_autofree char *other = fresh_db ("bad-placement.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "binary.csv", NULL);
  g_autofree char *bad_csv = g_build_filename (tmp_dir, "bad-binary.csv", NULL);

  g_assert_true (g_file_set_contents (csv, "ID,Name,Enroller,Above,Pos\n1,Ann Lee,,,\n2,Bo Kim,1,1,R\n", -1, NULL));
  g_assert_true (g_file_set_contents (bad_csv,
                                      "ID,Name,Enroller,Upline,Side\n1,Ann Lee,,,\n2,Bo Kim,1,77,left\n"
                                      "3,Cy Lee,1,4,left\n4,Di Ng,1,3,right\n5,Ed Fox,1,1,up\n", -1, NULL));

  run_downline (&mapped, "--db", db, "--import-csv", csv, "--map", "placement=Above", "--map", "side=Pos", NULL);
  g_assert_cmpint (mapped.status, ==, 0);
  g_assert_cmpint (PLACED_UNDER (db, "2", "1", "'right'"), ==, 1);

  run_downline (&bad, "--db", other, "--import-csv", bad_csv, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "line 3: the placement parent 77 is neither in the file nor in Downline"));
  g_assert_nonnull (strstr (bad.err, "line 4: the placement chain loops back on itself"));
  g_assert_nonnull (strstr (bad.err, "line 5: the placement chain loops back on itself"));
  g_assert_nonnull (strstr (bad.err, "line 6: the side “up” is neither left nor right"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* Who the user is: the top of the file on a new database, --me to say
 * otherwise, and an absent sponsor everyone at the top names. */
static void
test_me (void)
{
  g_auto(Run) top = { 0 };
  g_auto(Run) absent = { 0 };
  g_auto(Run) me = { 0 };
  g_autofree char *db = fresh_db ("me-top.db");
  g_autofree char *other = fresh_db ("me-absent.db");
  g_autofree char *third = fresh_db ("me-given.db");
  g_autofree char *csv = data_file ("real-world/enroller-and-sponsor.csv");
  g_autofree char *plexus = g_build_filename (tmp_dir, "top-names-absent.csv", NULL);

  /* one row at the top ("Level 0"): that is the user */
  run_downline (&top, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (top.status, ==, 0);
  g_assert_nonnull (strstr (top.err, "You are member 1001, at the top of the file (line 2)"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM profile f JOIN member m ON m.person_id = f.person_id "
                              "JOIN person p ON p.id = m.person_id "
                              "WHERE m.member_number = '1001' AND p.first_name = 'Ana' AND m.sponsor_id IS NULL"), ==, 1);
  /* the members they enrolled are their personal recruits */
  g_assert_cmpint (count (db, "SELECT count(*) FROM member m JOIN profile f ON m.sponsor_id = f.person_id"), ==, 3);
  g_assert_cmpint (count (db, "SELECT count(*) FROM member"), ==, 5);

  /* every member at the top names one absent number: no profile to
   * name after them, so the user is told which number to give */
  g_assert_true (g_file_set_contents (plexus, "ID,Name,Enroller ID\n2001,Ana Uno,900\n2002,Bo Dos,900\n"
                                              "2003,Cy Tres,2001\n", -1, NULL));
  run_downline (&absent, "--db", other, "--import-csv", plexus, NULL);
  g_assert_cmpint (absent.status, ==, 0);
  g_assert_nonnull (strstr (absent.err, "You seem to be member 900"));

  /* --me: someone else is the user, kept in the profile */
  run_downline (&me, "--db", third, "--import-csv", plexus, "--me", "2001", NULL);
  g_assert_cmpint (me.status, ==, 0);
  g_assert_nonnull (strstr (me.err, "You are member 2001 (--me)"));
  g_assert_cmpint (count (third, "SELECT count(*) FROM profile f JOIN member m ON m.person_id = f.person_id "
                                 "WHERE m.member_number = '2001'"), ==, 1);
  g_assert_cmpint (ENROLLED_BY (third, "2003", "2001"), ==, 1);
  g_assert_cmpint (count (third, "SELECT count(*) FROM member"), ==, 3);
}

/* Next month's export of the same layout is read as this month's was,
 * the answer about "Sponsor" included; the same file for the same month
 * changes nothing. */
static void
test_saved_mapping (void)
{
  g_auto(Run) first = { 0 };
  g_auto(Run) next = { 0 };
  g_auto(Run) same = { 0 };
  g_auto(Run) other_month = { 0 };
  g_autofree char *db = fresh_db ("saved-mapping.db");
  g_autofree char *csv = data_file ("real-world/sponsor-only.csv");
  g_autofree char *later = g_build_filename (tmp_dir, "sponsor-only-next.csv", NULL);

  run_downline (&first, "--db", db, "--import-csv", csv, "--sponsor-means", "placement", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_null (strstr (first.err, "read as in the import of"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM snapshot"), ==, 1);

  g_assert_true (g_file_set_contents (later, "Member ID,Name,Sponsor,Leg\n2001,Ana Root,,\n2002,Bo Left,2001,left\n"
                                             "2003,Cy Right,2001,right\n2004,Di Deep,2003,left\n"
                                             "2005,Ed New,2004,right\n", -1, NULL));
  run_downline (&next, "--db", db, "--import-csv", later, NULL);
  g_assert_cmpint (next.status, ==, 0);
  g_assert_nonnull (strstr (next.err, "The columns are read as in the import of"));
  g_assert_nonnull (strstr (next.err, "“Sponsor” → Placement (upline) number"));
  g_assert_null (strstr (next.err, "--sponsor-means=placement"));
  g_assert_cmpint (PLACED_UNDER (db, "2005", "2004", "'right'"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM snapshot"), ==, 2);

  /* the same file again: known by its checksum, nothing done */
  run_downline (&same, "--db", db, "--import-csv", later, NULL);
  g_assert_cmpint (same.status, ==, 0);
  g_assert_nonnull (strstr (same.err, "already: nothing changed"));
  g_assert_null (strstr (same.err, "Imported"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM snapshot"), ==, 2);

  /* as another month's figures it is another import */
  run_downline (&other_month, "--db", db, "--import-csv", later, "--period", "2026-10", NULL);
  g_assert_cmpint (other_month.status, ==, 0);
  g_assert_nonnull (strstr (other_month.err, "Imported"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM snapshot WHERE period = '2026-10'"), ==, 1);
}

/* A back office's business report as an Excel workbook: read as a CSV
 * would be, with "Sponsor ID" beside "Enroller ID" as the placement and
 * the month's figures kept. */
static void
test_import_xlsx (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = fresh_db ("xlsx.db");
  g_autofree char *xlsx = data_file ("real-world/business-report.xlsx");

  run_downline (&run, "--db", db, "--import-csv", xlsx, "--period", "2026-11", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "an Excel workbook, 4 rows"));
  g_assert_nonnull (strstr (run.err, "“Sponsor ID” → Placement (upline) number"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM member"), ==, 4);
  g_assert_cmpint (ENROLLED_BY (db, "3004", "3002"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (db, "3004", "3003", "NULL"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM period_figures f JOIN member m ON m.person_id = f.member_id "
                              "WHERE m.member_number = '3001' AND f.pv = 150 AND f.autoship = 1"), ==, 1);
}


/* Plexus: the exporting ambassador has no row, and every member at the
 * top names them: with a profile to keep it in, that number is the
 * user's, and the members naming it are their recruits; the number and
 * name cells give the names, QV and Y/N the month's figures */
static void
test_real_plexus (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *db = fresh_db ("plexus.db");
  g_autofree char *csv = data_file ("real-world/plexus-ambassadors.csv");
  g_autofree char *numbers = NULL;
  g_autofree char *figures = NULL;

  {
    g_autoptr(DlStore) store = dl_store_open (db, &error);
    g_autoptr(DlProfile) profile = dl_profile_new ();
    g_autoptr(DlPerson) me = dl_person_new ();

    g_assert_no_error (error);
    dl_person_set_first_name (me, "Ava");
    dl_profile_set_person (profile, me);
    g_assert_true (dl_store_save_profile (store, profile, &error));
    g_assert_no_error (error);
    dl_store_close (store);
  }

  run_downline (&run, "--db", db, "--import-csv", csv, "--period", "2024-07", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "You are member 70001: no row has that number"));
  g_assert_nonnull (strstr (run.err, "5 new, 0 updated"));
  g_assert_nonnull (strstr (run.err, "“Ambassador ID” → Member number"));
  g_assert_nonnull (strstr (run.err, "“QV” → Personal volume (PV)"));
  numbers = text_of (db, ALL_NUMBERS);
  g_assert_cmpstr (numbers, ==, "070030 70001 70012 70013 70020 70021");
  g_assert_cmpint (count (db, "SELECT count(*) FROM member m JOIN profile f ON m.sponsor_id = f.person_id"), ==, 2);
  g_assert_cmpint (count (db, "SELECT count(*) FROM person WHERE first_name = 'Cy' AND last_name = 'Lee'"), ==, 1);
  g_assert_cmpint (ENROLLED_BY (db, "70021", "70013"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (db, "70021", "70012", "NULL"), ==, 1);
  g_assert_cmpint (ENROLLED_BY (db, "070030", "70020"), ==, 1);
  figures = text_of (db, "SELECT group_concat (m.member_number || '=' || f.pv || '/' || f.autoship, ' ') FROM "
                         "(SELECT * FROM period_figures ORDER BY member_id) f "
                         "JOIN member m ON m.person_id = f.member_id");
  g_assert_cmpstr (figures, ==, "070030=45.0/1 70012=125.5/1 70013=100.0/0 70020=80.0/1 70021=0.0/0");
}

/* Mannatech: one account number in two countries is two members, kept
 * as "900057-US" and "900057-CA"; --export-csv writes them so, and the
 * export reads back into the same tree, as does next month's export
 * into the database made from it */
static void
test_real_mannatech_round_trip (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) copy_run = { 0 };
  g_auto(Run) back = { 0 };
  g_auto(Run) next_month = { 0 };
  g_autofree char *db = fresh_db ("mannatech.db");
  g_autofree char *copy = fresh_db ("mannatech-copy.db");
  g_autofree char *tsv = data_file ("real-world/mannatech-countries.tsv");
  g_autofree char *out_dir = g_build_filename (tmp_dir, "export-mannatech", NULL);
  g_autofree char *members = g_build_filename (out_dir, "members.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *copied = NULL;
  const char *tree_sql = "SELECT group_concat (m.member_number || '<' || coalesce (s.member_number, '-') "
                         "                     || '/' || coalesce (p.member_number, '-'), ' ') FROM "
                         "(SELECT * FROM member ORDER BY member_number) m "
                         "LEFT JOIN member s ON s.person_id = m.sponsor_id "
                         "LEFT JOIN placement pc ON pc.member_id = m.person_id "
                         "LEFT JOIN member p ON p.person_id = pc.parent_id";

  g_mkdir_with_parents (out_dir, 0700);
  run_downline (&run, "--db", db, "--import-csv", tsv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "Windows-1252, tab-separated, 6 rows"));
  g_assert_nonnull (strstr (run.err, "“Country” → Country"));
  g_assert_nonnull (strstr (run.err, "You are member 900001, at the top of the file (line 2)"));
  /* the user, made from their row, and five more */
  g_assert_nonnull (strstr (run.err, "5 new, 1 updated"));
  numbers = text_of (db, ALL_NUMBERS);
  g_assert_cmpstr (numbers, ==, "900001 900057-CA 900057-US 900060 900061 900062");
  g_assert_cmpint (count (db, "SELECT count(*) FROM person p JOIN member m ON m.person_id = p.id "
                              "WHERE m.member_number = '900057-CA' AND p.first_name = 'Benoît'"), ==, 1);
  g_assert_cmpint (ENROLLED_BY (db, "900060", "900057-CA"), ==, 1);
  g_assert_cmpint (ENROLLED_BY (db, "900061", "900057-US"), ==, 1);

  run_downline (&export, "--db", db, "--export-csv", out_dir, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (members, &exported, NULL, NULL));
  /* member_number, first_name, last_name, email, phone, enroller_number, placement_number */
  g_assert_nonnull (strstr (exported ?: "", "900057-CA,Benoît,Tremblay,,,900001,900001,"));
  g_assert_nonnull (strstr (exported ?: "", "900060,José,Núñez,,,900057-CA,900057-CA,"));

  run_downline (&copy_run, "--db", copy, "--import-csv", members, NULL);
  g_assert_cmpint (copy_run.status, ==, 0);
  g_clear_pointer (&numbers, g_free);
  numbers = text_of (db, tree_sql);
  copied = text_of (copy, tree_sql);
  g_assert_cmpstr (numbers, ==,
                   "900001<-/- 900057-CA<900001/900001 900057-US<900001/900001 900060<900057-CA/900057-CA "
                   "900061<900057-US/900060 900062<900057-CA/900061");
  g_assert_cmpstr (copied, ==, numbers);

  /* the export into the database it came from: the same members */
  run_downline (&back, "--db", db, "--import-csv", members, NULL);
  g_assert_cmpint (back.status, ==, 0);
  g_assert_nonnull (strstr (back.err, "0 new"));
  /* the back office's next export into the copy: the same members */
  run_downline (&next_month, "--db", copy, "--import-csv", tsv, "--period", "2024-02", NULL);
  g_assert_cmpint (next_month.status, ==, 0);
  g_assert_nonnull (strstr (next_month.err, "0 new"));
  g_assert_nonnull (strstr (next_month.err, "Kept 6 members’ figures for 2024-02."));
  g_assert_cmpint (count (copy, "SELECT count(*) FROM member"), ==, 6);
}

/* doTERRA with volumes and Purium's "Start Date", from the command line */
static void
test_real_doterra_and_purium (void)
{
  g_auto(Run) doterra = { 0 };
  g_auto(Run) purium = { 0 };
  g_autofree char *db = fresh_db ("doterra.db");
  g_autofree char *other = fresh_db ("purium.db");
  g_autofree char *csv = data_file ("real-world/doterra-volumes.csv");
  g_autofree char *purium_csv = data_file ("real-world/purium-start-date.csv");
  g_autofree char *figures = NULL;
  g_autofree char *dates = NULL;

  run_downline (&doterra, "--db", db, "--import-csv", csv, "--period", "2022-04", NULL);
  g_assert_cmpint (doterra.status, ==, 0);
  g_assert_nonnull (strstr (doterra.err, "“Sponsor” → Placement (upline) number"));
  g_assert_nonnull (strstr (doterra.err, "“LRP” → Autoship"));
  g_assert_nonnull (strstr (doterra.err, "You are member 5001, at the top of the file (line 2)"));
  g_assert_cmpint (ENROLLED_BY (db, "5003", "5001"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (db, "5003", "5002", "NULL"), ==, 1);
  g_assert_cmpint (PLACED_UNDER (db, "5004", "5003", "NULL"), ==, 1);
  figures = text_of (db, "SELECT group_concat (m.member_number || '=' || f.pv || '/' || f.gv || '/' || f.autoship, "
                         "                     ' ') FROM (SELECT * FROM period_figures ORDER BY member_id) f "
                         "JOIN member m ON m.person_id = f.member_id");
  g_assert_cmpstr (figures, ==, "5001=120.0/2400.0/1 5002=100.0/600.0/1 5003=55.5/55.5/0 5004=0.0/0.0/0");

  run_downline (&purium, "--db", other, "--import-csv", purium_csv, NULL);
  g_assert_cmpint (purium.status, ==, 0);
  g_assert_nonnull (strstr (purium.err, "“Start Date” → First order"));
  g_assert_nonnull (strstr (purium.err, "“Signup Date” → Join date"));
  dates = text_of (other, "SELECT group_concat (member_number || '=' || joined_on || '/' "
                          "                     || coalesce (first_order, '-'), ' ') "
                          "FROM (SELECT * FROM member ORDER BY member_number)");
  g_assert_cmpstr (dates, ==, "300001=2023-01-05/2023-01-09 300002=2023-02-10/2023-03-01 300003=2023-04-01/-");
}

/* rank/highest/autoship/next autoship/renewal/last order/first order/status */
#define MEMBER_STATE(db, number) \
  text_of (db, "SELECT rank || '/' || highest_rank || '/' || coalesce (autoship, '-') || '/' " \
               "       || coalesce (next_autoship, '-') || '/' || coalesce (renewal_on, '-') || '/' " \
               "       || coalesce (last_order, '-') || '/' || coalesce (first_order, '-') || '/' || status " \
               "FROM member WHERE member_number = '" number "'")

/* The back office's roles from the command line (#15): November's
 * export with the highest and the paid rank, autoship and its next
 * date, renewal, qualified, the legs' volumes and September's and
 * October's PV; the members' columns, three months of figures, the
 * export and back; then August's export, which leaves the members as
 * November says. */
static void
test_back_office_roles (void)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) copy_run = { 0 };
  g_auto(Run) older = { 0 };
  g_auto(Run) now = { 0 };
  g_auto(Run) export_again = { 0 };
  g_autofree char *db = fresh_db ("roles.db");
  g_autofree char *copy = fresh_db ("roles-copy.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "roles-2026-11.csv", NULL);
  g_autofree char *august = g_build_filename (tmp_dir, "roles-2026-08.csv", NULL);
  g_autofree char *out_dir = g_build_filename (tmp_dir, "export-roles", NULL);
  g_autofree char *members = g_build_filename (out_dir, "members.csv", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *ana = NULL;
  g_autofree char *bo = NULL;
  g_autofree char *cy = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *copied = NULL;
  g_auto(GStrv) lines = NULL;
  const char *autoship_sql = "SELECT group_concat (member_number || '=' || coalesce (autoship, '-') || '/' "
                             "                     || coalesce (next_autoship, '-') || '/' || rank || '/' "
                             "                     || highest_rank || '/' || coalesce (last_order, '-'), ' ') "
                             "FROM (SELECT * FROM member ORDER BY member_number)";

  g_assert_true (g_file_set_contents (csv,
    "Member ID,Enroller ID,Name,Join Date,Highest Rank,Paid-as,PPV,PPV 2026-09,PPV 2026-10,Autoship,"
    "Next Autoship,Renewal Date,Qualified,Left Volume,Right Volume,Status,Last Order,Start Date\n"
    "1001,,Ana Root,2024-01-10,Gold,Silver,120,100,110,Y,2026-12-05,2027-01-10,Y,\"1,500\",900,Active,"
    "2026-11-03,2024-01-12\n"
    "1002,1001,Bo Kim,2026-10-15,Silver,Bronze,80,0,60,N,,2027-10-15,N,300,0,Active,2026-11-20,2026-10-16\n"
    "1003,1001,Cy Lee,2025-05-02,Bronze,,0,40,,x,2026-12-20,,,,,Inactive,2026-08-01,\n", -1, NULL));
  g_assert_true (g_file_set_contents (august,
    "Member ID,Enroller ID,Name,Highest Rank,Paid-as,PPV,Autoship,Next Autoship,Renewal Date,Status,Last Order\n"
    "1001,,Ana Root,Silver,Silver,70,N,2026-09-05,2026-01-10,Inactive,2026-08-02\n"
    "1003,1001,Cy Lee,Member,Member,30,N,2026-09-01,2026-09-30,Active,2026-07-30\n", -1, NULL));

  run_downline (&run, "--db", db, "--import-csv", csv, "--period", "2026-11", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "“Highest Rank” → Rank"));
  g_assert_nonnull (strstr (run.err, "“Paid-as” → Paid rank (this month)"));
  g_assert_nonnull (strstr (run.err, "“Next Autoship” → Next autoship"));
  g_assert_nonnull (strstr (run.err, "“Renewal Date” → Renewal date"));
  g_assert_nonnull (strstr (run.err, "“Qualified” → Qualified (yes or no)"));
  g_assert_nonnull (strstr (run.err, "“Left Volume” → Left leg volume"));
  g_assert_nonnull (strstr (run.err, "“Right Volume” → Right leg volume"));
  g_assert_nonnull (strstr (run.err, "The columns “PPV 2026-09”, “PPV 2026-10” are the personal volume of earlier months"));
  g_assert_nonnull (strstr (run.err, "Kept 3 members’ figures for 2026-11."));

  ana = MEMBER_STATE (db, "1001");
  bo = MEMBER_STATE (db, "1002");
  cy = MEMBER_STATE (db, "1003");
  g_assert_cmpstr (ana, ==, "Gold/Gold/1/2026-12-05/2027-01-10/2026-11-03/2024-01-12/active");
  g_assert_cmpstr (bo, ==, "Silver/Silver/0/-/2027-10-15/2026-11-20/2026-10-16/active");
  g_assert_cmpstr (cy, ==, "Bronze/Bronze/1/2026-12-20/-/2026-08-01/-/inactive");
  figures = text_of (db, "SELECT group_concat (line, '|') FROM "
                         "(SELECT f.period || ' ' || m.member_number || ' ' || f.status || ' ' "
                         "        || coalesce (f.paid_rank, '-') || ' ' || coalesce (f.pv, '-') || ' ' "
                         "        || coalesce (f.autoship, '-') || ' ' || coalesce (f.left_volume, '-') || ' ' "
                         "        || coalesce (f.right_volume, '-') || ' ' || coalesce (f.qualified, '-') AS line "
                         " FROM period_figures f JOIN member m ON m.person_id = f.member_id "
                         " ORDER BY f.period, m.member_number)");
  g_assert_cmpstr (figures, ==,
                   "2026-09 1001 active - 100.0 - - - -|"
                   "2026-09 1003 inactive - 40.0 - - - -|"
                   "2026-10 1001 active - 110.0 - - - -|"
                   "2026-10 1002 active - 60.0 - - - -|"
                   "2026-11 1001 active Silver 120.0 1 1500.0 900.0 1|"
                   "2026-11 1002 active Bronze 80.0 0 300.0 0.0 0|"
                   "2026-11 1003 inactive - 0.0 1 - - -");

  /* the export's contract, and the roles the import wrote */
  g_mkdir_with_parents (out_dir, 0700);
  run_downline (&export, "--db", db, "--export-csv", out_dir, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (members, &exported, NULL, NULL));
  lines = g_strsplit (exported ?: "", "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0],
                                   "member_number,first_name,last_name,email,phone,enroller_number,"
                                   "placement_number,join_date,status,rank,paid_rank,pv,gv,autoship,"
                                   "next_autoship,first_order,last_order,"));
  g_assert_nonnull (strstr (exported ?: "",
                            "\r\n1001,Ana,Root,,,,,2024-01-10,active,Gold,Silver,120.0,,yes,2026-12-05,2024-01-12,"
                            "2026-11-03,"));
  g_assert_nonnull (strstr (exported ?: "",
                            "\r\n1002,Bo,Kim,,,1001,,2026-10-15,active,Silver,Bronze,80.0,,no,,2026-10-16,"
                            "2026-11-20,"));
  g_assert_nonnull (strstr (exported ?: "",
                            "\r\n1003,Cy,Lee,,,1001,,2025-05-02,inactive,Bronze,,0.0,,yes,2026-12-20,,"
                            "2026-08-01,"));

  /* and back: autoship, its next date and the ranks come through */
  run_downline (&copy_run, "--db", copy, "--import-csv", members, NULL);
  g_assert_cmpint (copy_run.status, ==, 0);
  g_assert_nonnull (strstr (copy_run.err, "“next_autoship” → Next autoship"));
  g_clear_pointer (&figures, g_free);
  figures = text_of (db, autoship_sql);
  copied = text_of (copy, autoship_sql);
  g_assert_cmpstr (figures, ==,
                   "1001=1/2026-12-05/Gold/Gold/2026-11-03 1002=0/-/Silver/Silver/2026-11-20 "
                   "1003=1/2026-12-20/Bronze/Bronze/2026-08-01");
  g_assert_cmpstr (copied, ==, figures);

  /* an older month: its figures, and the members as November says;
   * only Cy's renewal, which Downline did not know, is filled in */
  run_downline (&older, "--db", db, "--import-csv", august, "--period", "2026-08", NULL);
  g_assert_cmpint (older.status, ==, 0);
  /* the plan says nothing of changes it will not make */
  g_assert_null (strstr (older.err, ": status "));
  g_assert_null (strstr (older.err, ": rank "));
  g_assert_nonnull (strstr (older.err, "Kept 2 members’ figures for 2026-08."));
  g_clear_pointer (&ana, g_free);
  g_clear_pointer (&cy, g_free);
  ana = MEMBER_STATE (db, "1001");
  cy = MEMBER_STATE (db, "1003");
  g_assert_cmpstr (ana, ==, "Gold/Gold/1/2026-12-05/2027-01-10/2026-11-03/2024-01-12/active");
  g_assert_cmpstr (cy, ==, "Bronze/Bronze/1/2026-12-20/2026-09-30/2026-08-01/-/inactive");
  g_assert_cmpint (count (db, "SELECT count(*) FROM period_figures WHERE period = '2026-08' "
                              "AND ((paid_rank = 'Silver' AND pv = 70 AND autoship = 0 AND status = 'inactive') "
                              "  OR (paid_rank = 'Member' AND pv = 30 AND status = 'active'))"), ==, 2);

  /* a file of now, no month of its own: Ana's autoship is off, its next
   * date blank; the export says what the latest import says, not
   * November's figures, and keeps the date.  October's PV column names
   * its month. */
  g_assert_true (g_file_set_contents (csv, "Member ID,Name,Autoship,Next Autoship,PV Oct 2026\n1001,Ana Root,N,,111\n",
                                      -1, NULL));
  run_downline (&now, "--db", db, "--import-csv", csv, NULL);
  g_assert_cmpint (now.status, ==, 0);
  g_assert_nonnull (strstr (now.err, "Kept the personal volume of 1 earlier month."));
  g_assert_cmpint (count (db, "SELECT count(*) FROM period_figures f JOIN member m ON m.person_id = f.member_id "
                              "WHERE m.member_number = '1001' AND f.period = '2026-10' AND f.pv = 111"), ==, 1);
  run_downline (&export_again, "--db", db, "--export-csv", out_dir, NULL);
  g_assert_cmpint (export_again.status, ==, 0);
  g_clear_pointer (&exported, g_free);
  g_assert_true (g_file_get_contents (members, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported ?: "",
                            "\r\n1001,Ana,Root,,,,,2024-01-10,active,Gold,Silver,120.0,,no,2026-12-05,2024-01-12,"
                            "2026-11-03,"));
}

/* A bad cell in the new columns is a rejected row, by line and reason,
 * and nothing is imported */
static void
test_roles_bad_rows (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *db = fresh_db ("roles-bad.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "roles-bad.csv", NULL);

  g_assert_true (g_file_set_contents (csv,
    "Member ID,Name,Left Volume,Next Autoship,PPV 2026-10\n"
    "1,Ann Lee,100,2026-12-01,50\n"
    "2,Bo Kim,lots,2026-12-01,\n"
    "3,Cy Lee,,2026-02-31,\n"
    "4,Di Fox,,,n/a\n", -1, NULL));
  run_downline (&run, "--db", db, "--import-csv", csv, "--period", "2026-11", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "line 3: the left leg volume “lots” is not a number"));
  g_assert_nonnull (strstr (run.err, "line 4: Next autoship “2026-02-31” is not a date"));
  g_assert_nonnull (strstr (run.err, "line 5: the personal volume of 2026-10 “n/a” is not a number"));
  g_assert_nonnull (strstr (run.err, "3 rows were rejected, so nothing was imported"));
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-transfer-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/transfer-cli/help", test_help_lists_commands);
  g_test_add_func ("/transfer-cli/import-csv", test_import_csv);
  g_test_add_func ("/transfer-cli/rejected-rows", test_rejected_rows);
  g_test_add_func ("/transfer-cli/bad-emails-counted", test_bad_emails_counted);
  g_test_add_func ("/transfer-cli/vcard-says-what-moved", test_vcard_says_what_moved);
  g_test_add_func ("/transfer-cli/ambiguous-dates", test_ambiguous_dates);
  g_test_add_func ("/transfer-cli/usage-errors", test_usage_errors);
  g_test_add_func ("/transfer-cli/missing-files", test_missing_files);
  g_test_add_func ("/transfer-cli/vcard-export-backup", test_vcard_export_backup);
  g_test_add_func ("/transfer-cli/no-database-refused", test_read_commands_refuse_no_database);
  g_test_add_func ("/transfer-cli/no-log-left", test_commands_leave_no_log);
  g_test_add_func ("/transfer-cli/vcard-nobody-no-database", test_vcard_nobody_no_database);
  g_test_add_func ("/transfer-cli/map-option", test_map_option);
  g_test_add_func ("/transfer-cli/placement-round-trip", test_placement_round_trip);
  g_test_add_func ("/transfer-cli/sponsor-means", test_sponsor_means);
  g_test_add_func ("/transfer-cli/me", test_me);
  g_test_add_func ("/transfer-cli/saved-mapping", test_saved_mapping);
  g_test_add_func ("/transfer-cli/import-xlsx", test_import_xlsx);
  g_test_add_func ("/transfer-cli/map-placement-and-bad-rows", test_map_placement_and_bad_rows);
  g_test_add_func ("/transfer-cli/real/plexus-user-not-in-file", test_real_plexus);
  g_test_add_func ("/transfer-cli/real/mannatech-countries-round-trip", test_real_mannatech_round_trip);
  g_test_add_func ("/transfer-cli/real/doterra-and-purium", test_real_doterra_and_purium);
  g_test_add_func ("/transfer-cli/back-office-roles", test_back_office_roles);
  g_test_add_func ("/transfer-cli/roles-bad-rows", test_roles_bad_rows);

  status = g_test_run ();

  {
    const char *rm_argv[] = { "rm", "-rf", tmp_dir, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}

/* test-csv-import.c — reading back-office exports, and every way they go wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dl-csv-import.h"

static DlCsvTable *
load (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr(GError) error = NULL;
  DlCsvTable *table = dl_csv_table_new_from_file (path, &error);

  g_assert_no_error (error);
  return table;
}

static DlCsvTable *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  DlCsvTable *table = dl_csv_table_new_from_data (text, strlen (text), &error);

  g_assert_no_error (error);
  return table;
}

static DlImportResult *
validate (const DlCsvTable *table,
          DlDateOrder       order)
{
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(GError) error = NULL;
  DlImportResult *result;

  result = dl_csv_import_validate (table, mapping, order, DL_UNKNOWN_SPONSOR_USER, NULL, NULL, &error);
  g_assert_no_error (error);
  /* nothing after this could go on without it */
  if (result == NULL)
    g_error ("the table was not validated");
  return result;
}

static const DlImportRow missing = { .member_number = "", .sponsor_number = "" };

static const DlImportRow *
find_row (DlImportResult *result,
          const char     *number)
{
  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

      if (g_str_equal (row->member_number, number))
        return row;
    }

  /* a failure, reported; a blank row lets the test go on */
  g_test_message ("member %s not imported", number);
  g_test_fail ();
  return &missing;
}

static void
assert_day (DlDay       day,
            const char *iso)
{
  char buf[16];

  dl_day_format_iso (day, buf);
  g_assert_cmpstr (buf, ==, iso);
}

/* Four real-looking exports: each encoding, each delimiter. */
static void
test_samples (void)
{
  static const struct {
    const char    *file;
    DlCsvEncoding  encoding;
    char           delimiter;
    guint          n_rows;
    const char    *number;        /* a member to look at */
    const char    *first_name;
    const char    *last_name;
    const char    *joined;
    const char    *sponsor;
    DlMemberStatus status;
  } cases[] = {
    { "backoffice-en.csv", DL_CSV_ENCODING_UTF8, ',', 6, "10004", "Anne Marie", "Dubois", "2023-05-09", "10002", DL_MEMBER_ACTIVE },
    { "backoffice-en.csv", DL_CSV_ENCODING_UTF8, ',', 6, "10002", "Tom \"Tommy\"", "Reyes", "2023-02-03", "10001", DL_MEMBER_ACTIVE },
    { "backoffice-en.csv", DL_CSV_ENCODING_UTF8, ',', 6, "10005", "Luis", "Ortega", "2023-06-30", "10003", DL_MEMBER_DROPPED },
    { "backoffice-es.csv", DL_CSV_ENCODING_UTF8_BOM, ';', 5, "20004", "Iñaki", "Etxeberria", "2023-05-13", "20002", DL_MEMBER_DROPPED },
    { "backoffice-es.csv", DL_CSV_ENCODING_UTF8_BOM, ';', 5, "20003", "Lucía", "Fernández Ruiz", "2023-03-22", "20001", DL_MEMBER_INACTIVE },
    { "backoffice-utf16.tsv", DL_CSV_ENCODING_UTF16LE, '\t', 4, "30003", "Kwame", "Mensah", "2023-12-25", "30002", DL_MEMBER_INACTIVE },
    { "backoffice-1252.csv", DL_CSV_ENCODING_WINDOWS_1252, ',', 3, "40001", "Begoña", "Muñoz", "2023-01-15", "", DL_MEMBER_ACTIVE },
    { "backoffice-1252.csv", DL_CSV_ENCODING_WINDOWS_1252, ',', 3, "40002", "René", "Lefèvre", "2023-02-03", "40001", DL_MEMBER_ACTIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DlCsvTable) table = load (cases[i].file);
      g_autoptr(DlImportResult) result = NULL;
      g_autoptr(DlCsvMapping) mapping = NULL;
      const DlImportRow *row;
      gboolean needs_order = TRUE;
      gboolean conflict = TRUE;
      DlDateOrder order;

      g_test_message ("%s %s", cases[i].file, cases[i].number);
      g_assert_cmpint (dl_csv_table_get_encoding (table), ==, cases[i].encoding);
      g_assert_cmpint (dl_csv_table_get_delimiter (table), ==, cases[i].delimiter);
      g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, cases[i].n_rows);

      mapping = dl_csv_mapping_guess (table);
      g_assert_true (dl_csv_mapping_check (mapping, NULL));
      order = dl_csv_guess_date_order (table, mapping, &needs_order, &conflict);
      g_assert_false (needs_order);
      g_assert_false (conflict);

      result = validate (table, order);
      g_assert_cmpuint (result->rejected->len, ==, 0);
      g_assert_cmpuint (result->rows->len, ==, cases[i].n_rows - 1);
      row = find_row (result, cases[i].number);
      g_assert_cmpstr (row->first_name, ==, cases[i].first_name);
      g_assert_cmpstr (row->last_name, ==, cases[i].last_name);
      g_assert_cmpstr (row->sponsor_number, ==, cases[i].sponsor);
      assert_day (row->joined_on, cases[i].joined);
      g_assert_cmpint (row->status, ==, cases[i].status);
    }
}

/* Line numbers count the physical lines of the file, so a field with a
 * newline in it moves every later record down. */
static void
test_line_numbers (void)
{
  g_autoptr(DlCsvTable) table = load ("backoffice-en.csv");
  g_autoptr(DlCsvTable) blank = parse ("id,name\n\n1,Ann\n,,\n\n2,Bob\n");

  g_assert_cmpuint (dl_csv_table_get_line (table, 0), ==, 1);
  g_assert_cmpuint (dl_csv_table_get_line (table, 4), ==, 5);
  g_assert_cmpuint (dl_csv_table_get_line (table, 5), ==, 7);
  g_assert_cmpstr (dl_csv_table_get (table, 5, 0), ==, "10005");

  /* blank lines and ",," lines are skipped but still counted */
  g_assert_cmpuint (dl_csv_table_get_n_rows (blank), ==, 3);
  g_assert_cmpuint (dl_csv_table_get_line (blank, 1), ==, 3);
  g_assert_cmpuint (dl_csv_table_get_line (blank, 2), ==, 6);
  g_assert_cmpstr (dl_csv_table_get (blank, 2, 1), ==, "Bob");
  g_assert_cmpstr (dl_csv_table_get (blank, 2, 7), ==, "");
}

static void
test_header_names (void)
{
  static const struct { const char *header; DlCsvField field; } cases[] = {
    { "Member ID", DL_CSV_FIELD_MEMBER_NUMBER },
    { "ID", DL_CSV_FIELD_MEMBER_NUMBER },
    { "member #", DL_CSV_FIELD_MEMBER_NUMBER },
    { "Nº Socio", DL_CSV_FIELD_MEMBER_NUMBER },
    { "Distributor_ID", DL_CSV_FIELD_MEMBER_NUMBER },
    { "Sponsor ID", DL_CSV_FIELD_SPONSOR_NUMBER },
    { "ENROLLER", DL_CSV_FIELD_SPONSOR_NUMBER },
    { "Patrocinador", DL_CSV_FIELD_SPONSOR_NUMBER },
    { "ID del Patrocinador", DL_CSV_FIELD_SPONSOR_NUMBER },
    { "First Name", DL_CSV_FIELD_FIRST_NAME },
    { "Last name", DL_CSV_FIELD_LAST_NAME },
    { "Apellidos", DL_CSV_FIELD_LAST_NAME },
    { "Name", DL_CSV_FIELD_FULL_NAME },
    { "Nombre completo", DL_CSV_FIELD_FULL_NAME },
    { "Join Date", DL_CSV_FIELD_JOINED_ON },
    { "Fecha de Ingreso", DL_CSV_FIELD_JOINED_ON },
    { "fecha_de_alta", DL_CSV_FIELD_JOINED_ON },
    { "Rank", DL_CSV_FIELD_RANK },
    { "Rango", DL_CSV_FIELD_RANK },
    { "Status", DL_CSV_FIELD_STATUS },
    { "Estado", DL_CSV_FIELD_STATUS },
    { "E-mail", DL_CSV_FIELD_EMAIL },
    { "Correo electrónico", DL_CSV_FIELD_EMAIL },
    { "Phone", DL_CSV_FIELD_PHONE },
    { "Teléfono", DL_CSV_FIELD_PHONE },
    { "Last Order", DL_CSV_FIELD_LAST_ORDER },
    { "Último pedido", DL_CSV_FIELD_LAST_ORDER },
    { "City", DL_CSV_FIELD_CITY },
    { "Sponsor Name", DL_CSV_FIELD_IGNORE },
    { "Enroller ID", DL_CSV_FIELD_SPONSOR_NUMBER },
    { "Upline ID", DL_CSV_FIELD_PLACEMENT_NUMBER },
    { "Placement Sponsor", DL_CSV_FIELD_PLACEMENT_NUMBER },
    { "Patrocinador de colocación", DL_CSV_FIELD_PLACEMENT_NUMBER },
    { "Ubicación", DL_CSV_FIELD_PLACEMENT_NUMBER },
    { "Binary Side", DL_CSV_FIELD_SIDE },
    { "Pierna", DL_CSV_FIELD_SIDE },
    { "LADO", DL_CSV_FIELD_SIDE },
    { "PV", DL_CSV_FIELD_PV },
    { "Group Volume", DL_CSV_FIELD_GV },
    { "Autoship", DL_CSV_FIELD_AUTOSHIP },
    { "Volumen personal", DL_CSV_FIELD_PV },
    /* Plexus */
    { "Ambassador ID", DL_CSV_FIELD_MEMBER_NUMBER },
    { "QV", DL_CSV_FIELD_PV },
    /* Mannatech */
    { "Account Number", DL_CSV_FIELD_MEMBER_NUMBER },
    { "Enroller Acct #", DL_CSV_FIELD_SPONSOR_NUMBER },
    { "Country", DL_CSV_FIELD_COUNTRY },
    { "País", DL_CSV_FIELD_COUNTRY },
    { "Pais", DL_CSV_FIELD_COUNTRY },
    { "Country Code", DL_CSV_FIELD_COUNTRY },
    { "CTRY", DL_CSV_FIELD_COUNTRY },
    /* Purium's "Start Date" is the first order, not the join date */
    { "Start Date", DL_CSV_FIELD_FIRST_ORDER },
    { "First Order Date", DL_CSV_FIELD_FIRST_ORDER },
    { "Signup Date", DL_CSV_FIELD_JOINED_ON },
    /* doTERRA */
    { "OV", DL_CSV_FIELD_GV },
    { "LRP", DL_CSV_FIELD_AUTOSHIP },
    /* the back office's other roles (#15) */
    { "Paid-as", DL_CSV_FIELD_PAID_RANK },
    { "Paid As Rank", DL_CSV_FIELD_PAID_RANK },
    { "Paid Rank", DL_CSV_FIELD_PAID_RANK },
    { "Income Position", DL_CSV_FIELD_PAID_RANK },
    { "Rango pagado", DL_CSV_FIELD_PAID_RANK },
    { "Highest Rank", DL_CSV_FIELD_RANK },
    { "Career Rank", DL_CSV_FIELD_RANK },
    { "Title", DL_CSV_FIELD_RANK },
    { "Rango más alto", DL_CSV_FIELD_RANK },
    { "Next Autoship", DL_CSV_FIELD_NEXT_AUTOSHIP },
    { "Next LRP Date", DL_CSV_FIELD_NEXT_AUTOSHIP },
    { "Next Ship Date", DL_CSV_FIELD_NEXT_AUTOSHIP },
    { "next_autoship", DL_CSV_FIELD_NEXT_AUTOSHIP },
    { "Próximo autoenvío", DL_CSV_FIELD_NEXT_AUTOSHIP },
    { "Renewal Date", DL_CSV_FIELD_RENEWAL },
    { "Renewal", DL_CSV_FIELD_RENEWAL },
    { "Fecha de renovación", DL_CSV_FIELD_RENEWAL },
    { "Qualified", DL_CSV_FIELD_QUALIFIED },
    { "Calificado", DL_CSV_FIELD_QUALIFIED },
    { "Terminated", DL_CSV_FIELD_TERMINATED },
    { "Left Volume", DL_CSV_FIELD_LEFT_VOLUME },
    { "Left Leg", DL_CSV_FIELD_LEFT_VOLUME },
    { "Volumen izquierdo", DL_CSV_FIELD_LEFT_VOLUME },
    { "Right Volume", DL_CSV_FIELD_RIGHT_VOLUME },
    { "Right Leg", DL_CSV_FIELD_RIGHT_VOLUME },
    { "Volumen derecho", DL_CSV_FIELD_RIGHT_VOLUME },
    { "PPV", DL_CSV_FIELD_PV },
    { "PQV", DL_CSV_FIELD_PV },
    { "BV", DL_CSV_FIELD_PV },
    { "SV", DL_CSV_FIELD_PV },
    { "PGV", DL_CSV_FIELD_GV },
    { "GPV", DL_CSV_FIELD_GV },
    { "AO", DL_CSV_FIELD_AUTOSHIP },
    { "ER", DL_CSV_FIELD_AUTOSHIP },
    { "Smartship", DL_CSV_FIELD_AUTOSHIP },
    { "Customer Type", DL_CSV_FIELD_ROLE },
    /* an earlier month's PV needs no field (dl_csv_header_past_pv ()) */
    { "PPV 2026-10", DL_CSV_FIELD_IGNORE },
    { "", DL_CSV_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (dl_csv_field_from_header (cases[i].header), ==, cases[i].field);
    }
}

static void
test_mapping (void)
{
  g_autoptr(DlCsvTable) both = parse ("Nombre,Apellidos,ID\n");
  g_autoptr(DlCsvTable) alone = parse ("Nombre,ID,Member ID\n");
  g_autoptr(DlCsvMapping) m1 = dl_csv_mapping_guess (both);
  g_autoptr(DlCsvMapping) m2 = dl_csv_mapping_guess (alone);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (m1->columns[0], ==, DL_CSV_FIELD_FIRST_NAME);
  g_assert_cmpint (m1->columns[1], ==, DL_CSV_FIELD_LAST_NAME);
  g_assert_cmpint (m2->columns[0], ==, DL_CSV_FIELD_FULL_NAME);
  /* one column per field: the first wins */
  g_assert_cmpint (m2->columns[1], ==, DL_CSV_FIELD_MEMBER_NUMBER);
  g_assert_cmpint (m2->columns[2], ==, DL_CSV_FIELD_IGNORE);

  dl_csv_mapping_set (m2, 2, DL_CSV_FIELD_MEMBER_NUMBER);
  g_assert_cmpint (m2->columns[1], ==, DL_CSV_FIELD_IGNORE);
  g_assert_cmpint (dl_csv_mapping_find (m2, DL_CSV_FIELD_MEMBER_NUMBER), ==, 2);

  dl_csv_mapping_set (m2, 2, DL_CSV_FIELD_IGNORE);
  g_assert_false (dl_csv_mapping_check (m2, &error));
  g_assert_error (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "member number"));
  g_clear_error (&error);

  dl_csv_mapping_set (m2, 2, DL_CSV_FIELD_MEMBER_NUMBER);
  dl_csv_mapping_set (m2, 0, DL_CSV_FIELD_RANK);
  g_assert_false (dl_csv_mapping_check (m2, &error));
  g_assert_error (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING);
}

static void
test_dates (void)
{
  static const struct {
    const char   *text;
    DlDateOrder   order;
    DlDateResult  result;
    const char   *iso;
  } cases[] = {
    { "2024-03-05", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "2024/3/5", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "2024-03-05T08:30:00Z", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "2024-03-05 08:30", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "20240305", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "25/12/2023", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2023-12-25" },
    { "12/25/2023", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2023-12-25" },
    { "05.03.24", DL_DATE_ORDER_DMY, DL_DATE_OK, "2024-03-05" },
    { "5-3-2024", DL_DATE_ORDER_MDY, DL_DATE_OK, "2024-05-03" },
    { "3/3/99", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "1999-03-03" },
    { "5/3/2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_AMBIGUOUS, "" },
    { "25/12/2023", DL_DATE_ORDER_MDY, DL_DATE_BAD, "" },
    { "45356", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "45356.75", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "59", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "1900-02-28" },
    { "61", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "1900-03-01" },
    { "60", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "", DL_DATE_ORDER_UNKNOWN, DL_DATE_EMPTY, "" },
    { "   ", DL_DATE_ORDER_UNKNOWN, DL_DATE_EMPTY, "" },
    { "2023-02-29", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "2023-13-01", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "31/02/2023", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "yesterday", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "2023-01", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "1/2/3/4", DL_DATE_ORDER_DMY, DL_DATE_BAD, "" },
    { "99999999999", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "0", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "-45356", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    /* month names, English and Spanish: never ambiguous, whatever the order */
    { "05 Mar 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "05 Mar 2024", DL_DATE_ORDER_MDY, DL_DATE_OK, "2024-03-05" },
    { "4 March 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-04" },
    { "March 4, 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-04" },
    { "Sept 30, 2023", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2023-09-30" },
    { "5-Mar-24", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "2024 Mar 05", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "05 Mar 2024 14:30", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-05" },
    { "4 de marzo de 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-03-04" },
    { "12-ene-2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2024-01-12" },
    { "1 dic 2023", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2023-12-01" },
    { "15 agosto 2022", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2022-08-15" },
    { "3 setiembre 2021", DL_DATE_ORDER_UNKNOWN, DL_DATE_OK, "2021-09-03" },
    { "31 Feb 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "5 Mars 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "Mar 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
    { "5 Mar Apr 2024", DL_DATE_ORDER_UNKNOWN, DL_DATE_BAD, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlDay day = 0;
      DlDateResult result = dl_csv_parse_date (cases[i].text, cases[i].order, &day);

      g_test_message ("“%s”", cases[i].text);
      g_assert_cmpint (result, ==, cases[i].result);
      if (result == DL_DATE_OK)
        assert_day (day, cases[i].iso);
      else
        g_assert_cmpint (day, ==, DL_DAY_NONE);
    }
}

static void
test_status_words (void)
{
  static const struct { const char *text; gboolean ok; DlMemberStatus status; } cases[] = {
    { "Active", TRUE, DL_MEMBER_ACTIVE },
    { "ACTIVO", TRUE, DL_MEMBER_ACTIVE },
    { "Inactiva", TRUE, DL_MEMBER_INACTIVE },
    { "Suspended", TRUE, DL_MEMBER_INACTIVE },
    { "Dado de baja", TRUE, DL_MEMBER_DROPPED },
    { "Terminated", TRUE, DL_MEMBER_DROPPED },
    { "Sleeping", FALSE, DL_MEMBER_ACTIVE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlMemberStatus status = DL_MEMBER_ACTIVE;

      g_assert_cmpint (dl_csv_parse_status (cases[i].text, &status), ==, cases[i].ok);
      g_assert_cmpint (status, ==, cases[i].status);
    }
}

/* What bad-rows.csv gives: each problem's line, its reason, and the
 * line the reason names (0 for none), which follows the reason. */
typedef struct
{
  guint       line;
  const char *reason;
  guint       names;
} Problem;

static const Problem bad_rows_rejected[] = {
  { 3, "name is empty", 0 },
  { 4, "“2023-13-45” is not a date", 0 },
  { 5, "50001 is already on line", 2 },
  { 6, "no member number", 0 },
  { 7, "loops back on itself: 50006 → 50007 → 50006", 0 },
  { 8, "loops back", 0 },
  { 11, "“Sleeping”", 0 },
  { 12, "50011 → 50011", 0 },
};

static const Problem bad_rows_warnings[] = {
  { 2, "no sponsor is given", 0 },
  { 9, "50006 (line", 7 },
  { 10, "77777 is neither in the file nor in Downline", 0 },
  { 13, "50003 (line", 4 },
};

/* problems[from...] against expected, every line moved down by shift */
static void
assert_problems (GArray        *problems,
                 guint          from,
                 const Problem *expected,
                 guint          n_expected,
                 guint          shift)
{
  g_assert_cmpuint (problems->len, >=, from + n_expected);
  for (guint i = 0; i < n_expected && from + i < problems->len; i++)
    {
      DlImportProblem *p = &g_array_index (problems, DlImportProblem, from + i);
      g_autofree char *reason = expected[i].names != 0
                                ? g_strdup_printf ("%s %u", expected[i].reason, expected[i].names + shift)
                                : g_strdup (expected[i].reason);

      g_test_message ("line %u: %s", p->line, p->reason);
      g_assert_cmpuint (p->line, ==, expected[i].line + shift);
      g_assert_nonnull (strstr (p->reason, reason));
    }
}

/* Every kind of bad row, each with its line and its reason. */
static void
test_bad_rows (void)
{
  g_autoptr(DlCsvTable) table = load ("bad-rows.csv");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpuint (result->n_data_rows, ==, 13);
  g_assert_cmpuint (result->rejected->len, ==, G_N_ELEMENTS (bad_rows_rejected));
  assert_problems (result->rejected, 0, bad_rows_rejected, G_N_ELEMENTS (bad_rows_rejected), 0);
  g_assert_cmpuint (result->warnings->len, ==, G_N_ELEMENTS (bad_rows_warnings));
  assert_problems (result->warnings, 0, bad_rows_warnings, G_N_ELEMENTS (bad_rows_warnings), 0);

  g_assert_cmpuint (result->rows->len, ==, 5);
  g_assert_true (find_row (result, "50008")->sponsor_unknown);
  g_assert_cmpstr (find_row (result, "50013")->sponsor_number, ==, "50001");
  g_assert_false (find_row (result, "50013")->sponsor_unknown);
}

/* A file big enough to be read on two cores: the bad rows above at its
 * end, each still found at its own line, and a duplicate of a row in
 * the first half found in the second. */
static void
test_bad_rows_big_file (void)
{
  static const char *const status[] = { "Active", "Inactive", "Baja" };
  const guint n = 60000;
  g_autoptr(GString) text = g_string_new ("Member ID,Sponsor ID,First Name,Last Name,Join Date,Status\n");
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "bad-rows.csv", NULL);
  g_autofree char *bad = NULL;
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autofree char *last_number = g_strdup_printf ("%u", 100000 + n - 1);
  const DlImportRow *row;
  DlImportProblem *twice;

  /* line i + 2: the root, then a binary tree under it */
  g_string_append (text, "100000,,Root,Member,2023-01-01,Active\n");
  for (guint i = 1; i < n; i++)
    g_string_append_printf (text, "%u,%u,Name%u,Family %u,2023-%02u-%02u,%s\n", 100000 + i,
                            100000 + (i - 1) / 2, i, i, 1 + i % 12, 1 + i % 28, status[i % 3]);
  g_assert_true (g_file_get_contents (path, &bad, NULL, NULL));
  g_string_append (text, strchr (bad, '\n') + 1);
  g_string_append (text, "100005,100002,Again,Twice,2023-01-14,Active\n");

  table = parse (text->str);
  result = validate (table, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpuint (result->n_data_rows, ==, n + 14);
  g_assert_cmpuint (result->rejected->len, ==, G_N_ELEMENTS (bad_rows_rejected) + 1);
  assert_problems (result->rejected, 0, bad_rows_rejected, G_N_ELEMENTS (bad_rows_rejected), n);
  twice = &g_array_index (result->rejected, DlImportProblem, result->rejected->len - 1);
  g_assert_cmpuint (twice->line, ==, n + 15);
  g_assert_nonnull (strstr (twice->reason, "100005 is already on line 7"));

  /* the root's warning, then the bad rows' */
  g_assert_cmpuint (result->warnings->len, ==, 1 + G_N_ELEMENTS (bad_rows_warnings));
  g_assert_cmpuint (g_array_index (result->warnings, DlImportProblem, 0).line, ==, 2);
  assert_problems (result->warnings, 1, bad_rows_warnings, G_N_ELEMENTS (bad_rows_warnings), n);

  g_assert_cmpuint (result->rows->len, ==, n + 5);
  /* a row of each half, read whole */
  row = find_row (result, "100001");
  g_assert_cmpstr (row->first_name, ==, "Name1");
  g_assert_cmpint (row->status, ==, DL_MEMBER_INACTIVE);
  row = find_row (result, last_number);
  g_assert_cmpstr (row->last_name, ==, "Family 59999");
  g_assert_cmpint (row->status, ==, DL_MEMBER_DROPPED);  /* 59999 % 3 = 2: "Baja" */
  assert_day (row->joined_on, "2023-12-24");            /* 59999 % 12 = 11, 59999 % 28 = 23 */
  g_assert_cmpuint (row->line, ==, n + 1);
  g_assert_cmpstr (find_row (result, "100005")->first_name, ==, "Name5");
}

static gboolean
known_cb (const char *number,
          gpointer    data)
{
  return g_str_equal (number, data);
}

/* A sponsor already in the database is no warning. */
static void
test_known_sponsor (void)
{
  g_autoptr(DlCsvTable) table = parse ("id,sponsor,name\n2,77,Ann Lee\n");
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlImportResult) result = NULL;

  result = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_NONE,
                                   known_cb, (gpointer) "77", NULL);
  g_assert_cmpuint (result->warnings->len, ==, 0);
  g_assert_cmpstr (g_array_index (result->rows, DlImportRow, 0).sponsor_number, ==, "77");
  g_assert_cmpuint (g_array_index (result->rows, DlImportRow, 0).sponsor_row, ==, DL_IMPORT_NO_ROW);
  g_assert_cmpint (result->policy, ==, DL_UNKNOWN_SPONSOR_NONE);
}

static void
test_ambiguous_dates (void)
{
  g_autoptr(DlCsvTable) table = load ("ambiguous-dates.csv");
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlImportResult) unknown = NULL;
  g_autoptr(DlImportResult) dmy = NULL;
  g_autoptr(DlCsvTable) mixed = parse ("id,name,joined\n1,A B,13/01/2023\n2,C D,01/13/2023\n3,E F,14/02/2023\n");
  g_autoptr(DlCsvMapping) mixed_mapping = dl_csv_mapping_guess (mixed);
  g_autoptr(DlImportResult) mixed_result = NULL;
  gboolean needs_order = FALSE;
  gboolean conflict = TRUE;

  g_assert_cmpint (dl_csv_guess_date_order (table, mapping, &needs_order, &conflict), ==, DL_DATE_ORDER_UNKNOWN);
  g_assert_true (needs_order);
  g_assert_false (conflict);

  unknown = validate (table, DL_DATE_ORDER_UNKNOWN);
  g_assert_cmpuint (unknown->rejected->len, ==, 2);
  g_assert_nonnull (strstr (g_array_index (unknown->rejected, DlImportProblem, 0).reason, "day/month"));

  dmy = validate (table, DL_DATE_ORDER_DMY);
  g_assert_cmpuint (dmy->rejected->len, ==, 0);
  assert_day (find_row (dmy, "60001")->joined_on, "2023-04-03");

  /* two say day first, one month first: the one is wrong */
  g_assert_cmpint (dl_csv_guess_date_order (mixed, mixed_mapping, &needs_order, &conflict), ==, DL_DATE_ORDER_DMY);
  g_assert_false (needs_order);
  g_assert_true (conflict);
  mixed_result = validate (mixed, DL_DATE_ORDER_DMY);
  g_assert_cmpuint (mixed_result->rejected->len, ==, 1);
  g_assert_cmpuint (g_array_index (mixed_result->rejected, DlImportProblem, 0).line, ==, 3);
}

/* A role column: its words in English and Spanish, an unknown one
 * refused, none at all a distributor. */
static void
test_roles (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("Member ID,Name,Role\n1,Ann Lee,Customer\n2,Bo Chan,Distribuidora\n3,Cy Dale,Cliente Preferente\n"
           "4,Di Eng,Boss\n5,Ed Fox,\n");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpuint (result->rejected->len, ==, 1);
  g_assert_cmpuint (g_array_index (result->rejected, DlImportProblem, 0).line, ==, 5);
  g_assert_nonnull (strstr (g_array_index (result->rejected, DlImportProblem, 0).reason, "“Boss”"));
  g_assert_cmpint (find_row (result, "1")->role, ==, DL_ROLE_CUSTOMER);
  g_assert_true (find_row (result, "1")->has_role);
  g_assert_cmpint (find_row (result, "2")->role, ==, DL_ROLE_DISTRIBUTOR);
  g_assert_cmpint (find_row (result, "3")->role, ==, DL_ROLE_CUSTOMER);
  g_assert_cmpint (find_row (result, "5")->role, ==, DL_ROLE_DISTRIBUTOR);
  g_assert_false (find_row (result, "5")->has_role);
}

/* Recruits listed before their sponsors come out after them, each
 * pointing at its sponsor's row; a sponsor outside the file (9) or
 * rejected (6, no name) is no row. */
static void
test_sponsor_order (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("id,sponsor,name\n4,3,D D\n3,2,C C\n2,1,B B\n1,,A A\n5,1,E E\n7,9,G G\n6,1,\n8,6,H H\n");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (result->rows->len, ==, 7);
  for (guint i = 0; i < result->rows->len; i++)
    {
      DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

      if (*row->sponsor_number != '\0')
        {
          g_assert_true (g_hash_table_contains (seen, row->sponsor_number));
          g_assert_cmpuint (row->sponsor_row, <, i);
          g_assert_cmpstr (g_array_index (result->rows, DlImportRow, row->sponsor_row).member_number, ==,
                           row->sponsor_number);
        }
      else
        g_assert_cmpuint (row->sponsor_row, ==, DL_IMPORT_NO_ROW);
      g_hash_table_add (seen, (gpointer) row->member_number);
    }
  g_assert_true (find_row (result, "7")->sponsor_unknown);
  g_assert_true (find_row (result, "8")->sponsor_unknown);
  g_assert_cmpuint (find_row (result, "5")->sponsor_row, !=, DL_IMPORT_NO_ROW);
}

/* Files that are not what they claim, or barely files at all. */
/* a literal and its length, NUL bytes inside included */
#define L(s) s, sizeof (s) - 1

static void
test_bad_files (void)
{
  static const struct {
    const char *data;
    gsize       length;
    gboolean    ok;
    guint       n_rows;
  } cases[] = {
    { L (""), FALSE, 0 },
    { L ("\xEF\xBB\xBF"), FALSE, 0 },
    { L ("\n\n\r\n"), FALSE, 0 },
    { L (",,,\n,,\n"), FALSE, 0 },
    { L ("\xFF\xFE" "a\0"), TRUE, 1 },
    { L ("\xFF\xFE" "a"), FALSE, 0 },                 /* odd UTF-16 */
    { L ("\xFF\xFE\x00\xD8" "a\0"), FALSE, 0 },        /* lone surrogate */
    { L ("id,name\n1,\"never closed\n2,x\n"), FALSE, 0 },
    { L ("id,name\n1,a\0b\n"), TRUE, 2 },
    { L ("id,name\r1,Ann\r2,Bob\r"), TRUE, 3 },       /* old Mac */
    { L ("id;name\n1;\"a;b\";extra;cells\n2\n"), TRUE, 3 },
    { L ("\"\"\"\n"), FALSE, 0 },              /* a quote left open */
    { L ("id,name\n1,\"closed\"\n"), TRUE, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlCsvTable) table = dl_csv_table_new_from_data (cases[i].data, cases[i].length, &error);

      g_test_message ("case %u", i);
      if (cases[i].ok)
        {
          g_assert_no_error (error);
          g_assert_nonnull (table);
          if (table != NULL)
            {
              g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);

              g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, cases[i].n_rows);
              /* whatever the mapping, validation never crashes */
              g_clear_pointer (&mapping, dl_csv_mapping_free);
              mapping = dl_csv_mapping_new (dl_csv_table_get_n_columns (table));
              dl_csv_mapping_set (mapping, 0, DL_CSV_FIELD_MEMBER_NUMBER);
              if (mapping->n_columns > 1)
                dl_csv_mapping_set (mapping, 1, DL_CSV_FIELD_FULL_NAME);
              else
                dl_csv_mapping_set (mapping, 0, DL_CSV_FIELD_FULL_NAME);
              dl_import_result_free (dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN,
                                                             DL_UNKNOWN_SPONSOR_USER, NULL, NULL, NULL));
            }
        }
      else
        {
          g_assert_null (table);
          g_assert_nonnull (error);
          g_assert_true (error == NULL || error->domain == DL_CSV_ERROR);
        }
    }
}

/* A quote left open swallows every record after it into one cell: the
 * file is refused, naming the line where the cell opens, whether read
 * straight through or in two halves (a file of a megabyte or more). */
static void
test_quote_never_closed (void)
{
  const char *const tails[] = { "", "\n" };

  for (guint big = 0; big < 2; big++)
    for (guint t = 0; t < G_N_ELEMENTS (tails); t++)
      {
        g_autoptr(GString) text = g_string_new ("Member ID,First Name,Last Name\n");
        g_autoptr(GError) error = NULL;
        g_autoptr(DlCsvTable) table = NULL;
        g_autofree char *expected = NULL;
        guint n = big ? 60000 : 3;

        for (guint i = 0; i < n; i++)
          g_string_append_printf (text, "%u,Name,\"Family %u\"\n", 1000 + i, i);
        /* line n + 2 opens a cell that nothing closes */
        g_string_append_printf (text, "9001,\"Open quote,X\n9002,Y,Z%s", tails[t]);
        g_assert_cmpuint (text->len >= 1024 * 1024, ==, big);

        table = dl_csv_table_new_from_data (text->str, text->len, &error);
        g_assert_null (table);
        g_assert_error (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE);
        expected = g_strdup_printf ("Line %u opens a quoted cell that is never closed", n + 2);
        g_assert_nonnull (error != NULL ? strstr (error->message, expected) : NULL);
      }
}

/* A big file read from disk is read in chunks, each chunk's bytes let
 * go once read, and in two halves whose text goes into one buffer.
 * The table is the same as one read from memory straight through: the
 * same cells (a character cut by a chunk's end, a quoted cell with a
 * delimiter and a line end in it), the same lines, the checksum of all
 * the bytes; and a byte that is no UTF-8 near the end still makes the
 * whole file Windows-1252, as it does for a small one. */
#define CHUNK_BYTES (4 << 20)

static GString *
big_export (gboolean windows_1252)
{
  GString *text = g_string_new ("Member ID,Name,Note\n");
  guint i = 0;

  /* rows up to just before the first chunk's end, then a row that puts
   * the first byte of a "€" (three bytes) on that chunk's last byte */
  while (text->len < CHUNK_BYTES - 100)
    {
      g_string_append_printf (text, "%u,\"Lee, Ann %u\",\"two\nlines\"\n", 1000 + i, i);
      i++;
    }
  g_string_append_printf (text, "%u,", 1000 + i++);
  while (text->len < CHUNK_BYTES - 1)
    g_string_append_c (text, 'x');
  /* a Windows-1252 file has no UTF-8 at all */
  g_string_append (text, windows_1252 ? "\x80,y\n" : "\xE2\x82\xAC,y\n");
  g_assert_cmpuint ((guchar) text->str[CHUNK_BYTES - 1], ==, windows_1252 ? 0x80 : 0xE2);
  while (text->len < 3 * CHUNK_BYTES)
    {
      g_string_append_printf (text, "%u,%s %u,x\r\n", 1000 + i, windows_1252 ? "Zoe" : "Zoë", i);
      i++;
    }
  g_string_append_printf (text, "%u,%s,x\n", 1000 + i, windows_1252 ? "Jos\xE9" : "José");
  return text;
}

static void
test_big_file_from_disk (void)
{
  for (guint w = 0; w < 2; w++)
    {
      g_autoptr(GString) text = big_export (w);
      g_autofree char *dir = g_dir_make_tmp ("downline-csv-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
      g_autofree char *checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text->str,
                                                               text->len);
      g_autoptr(GError) error = NULL;
      g_autoptr(DlCsvTable) from_disk = NULL;
      g_autoptr(DlCsvTable) in_memory = NULL;
      guint n_rows;

      g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
      from_disk = dl_csv_table_new_from_file (path, &error);
      g_assert_no_error (error);
      in_memory = dl_csv_table_new_from_data (text->str, text->len, &error);
      g_assert_no_error (error);

      n_rows = dl_csv_table_get_n_rows (from_disk);
      g_assert_cmpuint (n_rows, >, 100000);
      g_assert_cmpuint (n_rows, ==, dl_csv_table_get_n_rows (in_memory));
      g_assert_cmpstr (dl_csv_table_get_checksum (from_disk), ==, checksum);
      g_assert_cmpstr (dl_csv_table_get_checksum (in_memory), ==, checksum);
      g_assert_cmpint (dl_csv_table_get_encoding (from_disk), ==,
                       (w ? DL_CSV_ENCODING_WINDOWS_1252 : DL_CSV_ENCODING_UTF8));
      g_assert_cmpint (dl_csv_table_get_encoding (in_memory), ==, dl_csv_table_get_encoding (from_disk));
      for (guint r = 0; r < n_rows; r++)
        {
          g_assert_cmpuint (dl_csv_table_get_line (from_disk, r), ==, dl_csv_table_get_line (in_memory, r));
          g_assert_cmpuint (dl_csv_table_get_row_length (from_disk, r), ==, 3);
          g_assert_cmpuint (dl_csv_table_get_row_length (in_memory, r), ==, 3);
          for (guint c = 0; c < 3; c++)
            if (strcmp (dl_csv_table_get (from_disk, r, c), dl_csv_table_get (in_memory, r, c)) != 0)
              g_error ("row %u, cell %u: “%s” from the file, “%s” from memory", r, c,
                       dl_csv_table_get (from_disk, r, c), dl_csv_table_get (in_memory, r, c));
        }
      /* the cells themselves */
      g_assert_cmpstr (dl_csv_table_get (from_disk, 1, 1), ==, "Lee, Ann 0");
      g_assert_cmpstr (dl_csv_table_get (from_disk, 1, 2), ==, "two\nlines");
      g_assert_cmpuint (dl_csv_table_get_line (from_disk, 2), ==, 4);
      g_assert_cmpstr (dl_csv_table_get (from_disk, n_rows - 1, 1), ==, "José");
      for (guint r = 1; r < n_rows; r++)
        if (g_str_has_suffix (dl_csv_table_get (from_disk, r, 1), "€"))
          {
            g_assert_cmpstr (dl_csv_table_get (from_disk, r, 2), ==, "y");
            break;
          }
        else
          g_assert_true (r + 1 < n_rows);

      g_unlink (path);
      g_rmdir (dir);
    }
}

/* A cell with a NUL in it (UTF-16 text keeps U+0000 as one) ends
 * there: the cells after it in the row stay where they are. */
static void
test_utf16_nul_in_cell (void)
{
  const char *lines = "member,name,enroller,email\n100,Ann,,ann@x.org\n101,B#ob,100,bob@x.org\n";
  g_autoptr(GByteArray) utf16 = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = NULL;

  g_byte_array_append (utf16, (const guint8 *) "\xFF\xFE", 2);
  for (const char *p = lines; *p != '\0'; p++)
    {
      guint8 unit[2] = { *p == '#' ? 0 : (guint8) *p, 0 };

      g_byte_array_append (utf16, unit, 2);
    }
  table = dl_csv_table_new_from_data ((const char *) utf16->data, utf16->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dl_csv_table_get_encoding (table), ==, DL_CSV_ENCODING_UTF16LE);
  g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (dl_csv_table_get_row_length (table, 2), ==, 4);
  g_assert_cmpstr (dl_csv_table_get (table, 2, 0), ==, "101");
  g_assert_cmpstr (dl_csv_table_get (table, 2, 1), ==, "B");
  g_assert_cmpstr (dl_csv_table_get (table, 2, 2), ==, "100");
  g_assert_cmpstr (dl_csv_table_get (table, 2, 3), ==, "bob@x.org");
}

/* Rows of thousands of cells, ragged and with a header over two rows:
 * every cell is found where it is, whether its row is read cell by cell
 * or at once. */
static void
test_wide_rows (void)
{
  const guint widths[] = { 3000, 3000, 3000, 200, 300, 1 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = NULL;
  g_autofree const char **cells = g_new (const char *, 3001);

  /* a group title over the first row, titles under it: one header */
  for (guint r = 0; r < G_N_ELEMENTS (widths); r++)
    {
      for (guint c = 0; c < widths[r]; c++)
        {
          if (c > 0)
            g_string_append_c (text, ',');
          if (r == 0)
            g_string_append (text, c % 10 == 0 ? "Group" : "");
          else if (r == 1)
            g_string_append_printf (text, "Title %u", c);
          else
            g_string_append_printf (text, "%u", r * 100000 + c);
        }
      g_string_append_c (text, '\n');
    }
  table = dl_csv_table_new_from_data (text->str, text->len, &error);
  g_assert_no_error (error);
  /* the two header rows are one */
  g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, G_N_ELEMENTS (widths) - 1);
  g_assert_cmpuint (dl_csv_table_get_n_columns (table), ==, 3000);
  g_assert_cmpstr (dl_csv_table_get (table, 0, 0), ==, "Group Title 0");
  g_assert_cmpstr (dl_csv_table_get (table, 0, 2999), ==, "Group Title 2999");
  for (guint r = 1; r < dl_csv_table_get_n_rows (table); r++)
    {
      guint width = widths[r + 1];

      g_assert_cmpuint (dl_csv_table_get_row_length (table, r), ==, width);
      dl_csv_table_get_row (table, r, cells, 3001);
      for (guint c = 0; c < 3001; c++)
        {
          g_autofree char *expected = c < width ? g_strdup_printf ("%u", (r + 1) * 100000 + c) : g_strdup ("");

          g_assert_cmpstr (dl_csv_table_get (table, r, c), ==, expected);
          g_assert_cmpstr (cells[c], ==, expected);
        }
    }
}

/* A file cut off inside its last record: that row is refused (its last
 * cell is a fragment), the rows before it are not; a short last row in
 * a file that ends properly is the file's own business. */
static void
test_cut_short (void)
{
  const char *header = "Member ID,Sponsor ID,First Name,Last Name,Join Date,Rank,Status\n"
                       "1001,,Ann,Lee,2023-01-05,Gold,Active\n";
  g_autofree char *cut = g_strconcat (header, "1002,1001,Bo,Chan,2023-03-05,Silv", NULL);
  g_autofree char *whole = g_strconcat (header, "1002,1001,Bo\n", NULL);
  g_autoptr(DlCsvTable) cut_table = parse (cut);
  g_autoptr(DlCsvTable) whole_table = parse (whole);
  g_autoptr(DlImportResult) cut_result = validate (cut_table, DL_DATE_ORDER_UNKNOWN);
  g_autoptr(DlImportResult) whole_result = validate (whole_table, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpuint (cut_result->rows->len, ==, 1);
  g_assert_cmpuint (cut_result->rejected->len, ==, 1);
  g_assert_cmpuint (g_array_index (cut_result->rejected, DlImportProblem, 0).line, ==, 3);
  g_assert_nonnull (strstr (g_array_index (cut_result->rejected, DlImportProblem, 0).reason, "cut short"));

  g_assert_cmpuint (whole_result->rows->len, ==, 2);
  g_assert_cmpuint (whole_result->rejected->len, ==, 0);
}

static void
test_too_long (void)
{
  g_autoptr(GString) text = g_string_new ("id,name,email\n1,Ann Lee,");
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = NULL;

  for (guint i = 0; i < 600; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "@example.com\n");
  table = parse (text->str);
  result = validate (table, DL_DATE_ORDER_UNKNOWN);
  g_assert_cmpuint (result->rejected->len, ==, 1);
  g_assert_nonnull (strstr (g_array_index (result->rejected, DlImportProblem, 0).reason, "Email"));
}

/* Real-world shapes (tests/transfer/data/real-world/) ---------------- */

static DlImportResult *
validate_real (const char  *name,
               DlCsvTable **table_out)
{
  g_autofree char *path = g_build_filename ("real-world", name, NULL);
  g_autoptr(DlCsvTable) table = load (path);
  DlImportResult *result;

  if (table == NULL)
    g_error ("%s could not be read", name);
  result = validate (table, DL_DATE_ORDER_UNKNOWN);

  if (table_out != NULL)
    *table_out = g_steal_pointer (&table);
  return result;
}

static const char *
rejected_reason (DlImportResult *result,
                 guint           line)
{
  for (guint i = 0; i < result->rejected->len; i++)
    {
      const DlImportProblem *p = &g_array_index (result->rejected, DlImportProblem, i);

      if (p->line == line)
        return p->reason;
    }
  return NULL;
}

/* A NUL and a stray byte reject their own rows; every other accented
 * name stays as written (the file is not read as Windows-1252). */
static void
test_real_nul_and_stray_byte (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real ("csv-nul-and-stray-byte.csv", &table);

  g_assert_cmpint (dl_csv_table_get_encoding (table), ==, DL_CSV_ENCODING_UTF8);
  g_assert_cmpuint (result->rows->len, ==, 3);
  g_assert_cmpstr (find_row (result, "1001")->first_name, ==, "Begoña");
  g_assert_cmpstr (find_row (result, "1001")->last_name, ==, "Muñoz");
  g_assert_cmpstr (find_row (result, "1002")->first_name, ==, "René");
  g_assert_cmpstr (find_row (result, "1002")->last_name, ==, "Lefèvre");
  g_assert_cmpstr (find_row (result, "1005")->first_name, ==, "Zoë");
  g_assert_cmpuint (result->rejected->len, ==, 2);
  g_assert_nonnull (rejected_reason (result, 4));
  g_assert_nonnull (rejected_reason (result, 5));
  g_assert_nonnull (strstr (rejected_reason (result, 4) ?: "", "not text"));
  g_assert_false (dl_csv_table_row_is_damaged (table, 1));
  g_assert_true (dl_csv_table_row_is_damaged (table, 3));
}

/* With both columns the enroller comes from "Sponsor ID" and the
 * upline is the placement; alone, an "Upline ID" still stands in for
 * the enroller. */
static void
test_real_upline_and_sponsor (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real ("upline-and-sponsor.csv", &table);
  g_autoptr(DlCsvMapping) both = dl_csv_mapping_guess (table);
  g_autoptr(DlCsvTable) only_upline = parse ("Member ID,Upline ID,Name\n1,,Ann Root\n2,1,Bo Left\n");
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (only_upline);
  g_autoptr(DlImportResult) upline_result = validate (only_upline, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpuint (result->rows->len, ==, 4);
  g_assert_cmpstr (find_row (result, "2")->sponsor_number, ==, "1");
  g_assert_cmpstr (find_row (result, "3")->sponsor_number, ==, "1");
  g_assert_cmpstr (find_row (result, "4")->sponsor_number, ==, "2");
  g_assert_true (result->has_placement);
  g_assert_cmpstr (find_row (result, "3")->placement_number, ==, "2");
  g_assert_cmpstr (find_row (result, "4")->placement_number, ==, "3");
  g_assert_cmpint (both->columns[1], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  g_assert_cmpint (both->columns[2], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_false (dl_csv_mapping_sponsor_is_ambiguous (table, both));

  g_assert_cmpint (mapping->columns[1], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_PLACEMENT_NUMBER), ==, -1);
  g_assert_false (dl_csv_mapping_sponsor_is_ambiguous (only_upline, mapping));
  g_assert_false (upline_result->has_placement);
  g_assert_cmpstr (find_row (upline_result, "2")->sponsor_number, ==, "1");
  g_assert_false (find_row (upline_result, "2")->enroller_from_placement);
}

static const DlImportRow *
row_at (DlImportResult *result,
        guint           index)
{
  g_assert_cmpuint (index, <, result->rows->len);
  if (index >= result->rows->len)
    return &missing;
  return &g_array_index (result->rows, DlImportRow, index);
}

/* doTERRA's export: "Enroller ID" is who enrolled them and "Sponsor ID"
 * where they were placed, with a side in any language and case */
static void
test_real_enroller_and_sponsor (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real ("enroller-and-sponsor.csv", &table);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  const DlImportRow *di = find_row (result, "1004");
  const DlImportRow *ed = find_row (result, "1005");

  g_assert_cmpint (dl_csv_table_get_delimiter (table), ==, ';');
  g_assert_cmpint (mapping->columns[3], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_cmpint (mapping->columns[4], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  g_assert_cmpint (mapping->columns[5], ==, DL_CSV_FIELD_SIDE);
  g_assert_false (dl_csv_mapping_sponsor_is_ambiguous (table, mapping));
  /* nothing to decide: the call changes nothing */
  g_assert_false (dl_csv_mapping_apply_sponsor_means (table, mapping, DL_CSV_SPONSOR_MEANS_ENROLLER));
  g_assert_cmpint (mapping->columns[4], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->rows->len, ==, 5);
  g_assert_true (result->has_placement);
  g_assert_true (result->has_side);
  g_assert_cmpstr (di->sponsor_number, ==, "1002");
  g_assert_cmpstr (di->placement_number, ==, "1003");
  g_assert_cmpint (di->side, ==, DL_CSV_SIDE_LEFT);
  g_assert_false (di->enroller_from_placement);
  g_assert_cmpstr (ed->sponsor_number, ==, "1001");
  g_assert_cmpstr (ed->placement_number, ==, "1004");
  g_assert_cmpint (ed->side, ==, DL_CSV_SIDE_RIGHT);
  g_assert_cmpint (find_row (result, "1003")->side, ==, DL_CSV_SIDE_RIGHT);
  g_assert_cmpstr (find_row (result, "1001")->placement_number, ==, "");
  g_assert_cmpint (find_row (result, "1001")->side, ==, DL_CSV_SIDE_NONE);
  g_assert_cmpuint (find_row (result, "1001")->placement_row, ==, DL_IMPORT_NO_ROW);
  g_assert_cmpstr (row_at (result, ed->placement_row)->member_number, ==, "1004");
  g_assert_cmpstr (row_at (result, di->placement_row)->member_number, ==, "1003");
}

/* a lone "Sponsor" is the enroller unless the person says otherwise;
 * as the placement, it gives new members their enroller too */
static void
test_real_sponsor_only (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) as_enroller = validate_real ("sponsor-only.csv", &table);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mapping->columns[2], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_cmpint (mapping->columns[3], ==, DL_CSV_FIELD_SIDE);
  g_assert_cmpint (dl_csv_mapping_find_ambiguous_sponsor (table, mapping), ==, 2);
  g_assert_true (dl_csv_mapping_sponsor_is_ambiguous (table, mapping));
  g_assert_false (as_enroller->has_placement);
  g_assert_cmpstr (find_row (as_enroller, "2004")->sponsor_number, ==, "2003");
  /* a side without a placement is not read, and the notes say so */
  g_assert_cmpuint (as_enroller->notes->len, ==, 1);

  g_assert_true (dl_csv_mapping_apply_sponsor_means (table, mapping, DL_CSV_SPONSOR_MEANS_PLACEMENT));
  g_assert_cmpint (mapping->columns[2], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_SPONSOR_NUMBER), ==, -1);
  /* still the same question, answered the other way */
  g_assert_cmpint (dl_csv_mapping_find_ambiguous_sponsor (table, mapping), ==, 2);

  result = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_USER,
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_true (result->has_placement);
  g_assert_cmpstr (find_row (result, "2004")->placement_number, ==, "2003");
  g_assert_cmpint (find_row (result, "2004")->side, ==, DL_CSV_SIDE_LEFT);
  g_assert_cmpstr (find_row (result, "2004")->sponsor_number, ==, "2003");
  g_assert_true (find_row (result, "2004")->enroller_from_placement);
  g_assert_cmpuint (find_row (result, "2004")->sponsor_row, !=, DL_IMPORT_NO_ROW);
  g_assert_cmpuint (result->notes->len, ==, 0);

  g_assert_true (dl_csv_mapping_apply_sponsor_means (table, mapping, DL_CSV_SPONSOR_MEANS_ENROLLER));
  g_assert_cmpint (mapping->columns[2], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
}

static gboolean
known_900 (const char *number,
           gpointer    data)
{
  return g_str_equal (dl_member_number_key (number), "900");
}

/* a placement parent nowhere, a loop, a member under themselves and a
 * side that is no side are bad rows; a parent in Downline is fine, and
 * numbers match as enroller numbers do ("0007" is "7") */
static void
test_placement_bad_rows (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("Member ID,Name,Enroller,Placement,Side\n"
           "1,Ann Root,,,\n"            /* line 2 */
           "2,Bo Kim,1,555,left\n"      /* 3: 555 is nowhere: a warning */
           "3,Cy Lee,1,4,right\n"       /* 4: 3 → 4 → 3 */
           "4,Di Ng,1,3,left\n"         /* 5 */
           "5,Ed Fox,1,5,\n"            /* 6: under themselves */
           "6,Flo Ray,1,1,sideways\n"   /* 7: no such side */
           "7,Gus Hill,1,0900,\n"       /* 8: a member of Downline */
           "8,Hal Moe,1,0009,L\n"       /* 9: placed under a row after it */
           "9,Ida Pol,1,0007,R\n");     /* 10 */
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlImportResult) result =
    dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_USER, known_900, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (mapping->columns[2], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_cmpint (mapping->columns[3], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  g_assert_cmpuint (result->rejected->len, ==, 4);
  /* placed under someone outside the export (an upline's spillover):
   * the member comes in, the placement as Downline has it */
  g_assert_cmpuint (result->warnings->len, ==, 2);   /* and line 2: Ann names no sponsor */
  g_assert_cmpuint (g_array_index (result->warnings, DlImportProblem, 1).line, ==, 3);
  g_assert_nonnull (strstr (g_array_index (result->warnings, DlImportProblem, 1).reason,
                            "placement parent 555 is neither in the file nor in Downline: the placement is left as it was"));
  g_assert_true (find_row (result, "2")->placement_unknown);
  g_assert_cmpstr (find_row (result, "2")->placement_number, ==, "");
  g_assert_nonnull (strstr (rejected_reason (result, 4) ?: "", "placement chain loops back on itself"));
  g_assert_nonnull (strstr (rejected_reason (result, 5) ?: "", "placement chain loops back on itself"));
  g_assert_nonnull (strstr (rejected_reason (result, 6) ?: "", "placed under themselves"));
  g_assert_nonnull (strstr (rejected_reason (result, 7) ?: "", "the side “sideways” is neither left nor right"));
  g_assert_cmpuint (result->rows->len, ==, 5);
  g_assert_cmpstr (find_row (result, "7")->placement_number, ==, "0900");
  g_assert_cmpuint (find_row (result, "7")->placement_row, ==, DL_IMPORT_NO_ROW);
  g_assert_cmpstr (find_row (result, "8")->placement_number, ==, "9");
  g_assert_cmpstr (row_at (result, find_row (result, "8")->placement_row)->member_number, ==, "9");
  g_assert_cmpstr (find_row (result, "9")->placement_number, ==, "7");
  g_assert_cmpint (find_row (result, "9")->side, ==, DL_CSV_SIDE_RIGHT);
}

/* a parent whose own row is rejected leaves the placement as it was:
 * a warning, not a second rejected row */
static void
test_placement_parent_rejected (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("Member ID,Name,Enroller,Upline\n1,Ann Root,,\n2,,1,1\n3,Cy Lee,1,2\n");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);
  const DlImportRow *cy = find_row (result, "3");

  g_assert_cmpuint (result->rejected->len, ==, 1);
  g_assert_true (cy->placement_unknown);
  g_assert_cmpstr (cy->placement_number, ==, "");
  g_assert_cmpuint (result->warnings->len, >=, 1);
}

static void
test_side_words (void)
{
  static const struct { const char *text; gboolean ok; DlCsvSide side; } cases[] = {
    { "left", TRUE, DL_CSV_SIDE_LEFT }, { "L", TRUE, DL_CSV_SIDE_LEFT }, { "Izquierda", TRUE, DL_CSV_SIDE_LEFT },
    { "IZQ", TRUE, DL_CSV_SIDE_LEFT }, { "Right", TRUE, DL_CSV_SIDE_RIGHT }, { "r", TRUE, DL_CSV_SIDE_RIGHT },
    { "derecha", TRUE, DL_CSV_SIDE_RIGHT }, { "Der", TRUE, DL_CSV_SIDE_RIGHT }, { "", FALSE, DL_CSV_SIDE_NONE },
    { "middle", FALSE, DL_CSV_SIDE_NONE }, { "2", FALSE, DL_CSV_SIDE_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlCsvSide side = DL_CSV_SIDE_NONE;

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (dl_csv_parse_side (cases[i].text, &side), ==, cases[i].ok);
      g_assert_cmpint (side, ==, cases[i].side);
    }
  g_assert_cmpstr (dl_csv_side_to_string (DL_CSV_SIDE_LEFT), ==, "left");
  g_assert_cmpstr (dl_csv_side_to_string (DL_CSV_SIDE_RIGHT), ==, "right");
  g_assert_null (dl_csv_side_to_string (DL_CSV_SIDE_NONE));
}

static void
test_field_keys (void)
{
  DlCsvField field = DL_CSV_FIELD_IGNORE;

  g_assert_true (dl_csv_field_from_key ("placement", &field));
  g_assert_cmpint (field, ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  g_assert_true (dl_csv_field_from_key ("Side", &field));
  g_assert_cmpint (field, ==, DL_CSV_FIELD_SIDE);
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_PLACEMENT_NUMBER), ==, "placement");
  /* the fields saved before keep their numbers */
  g_assert_cmpint (DL_CSV_FIELD_AUTOSHIP, ==, 16);
  g_assert_cmpint (DL_CSV_FIELD_PLACEMENT_NUMBER, ==, 17);
  g_assert_cmpint (DL_CSV_FIELD_SIDE, ==, 18);
  g_assert_cmpint (DL_CSV_FIELD_COUNTRY, ==, 19);
  g_assert_cmpint (DL_CSV_FIELD_FIRST_ORDER, ==, 20);
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_COUNTRY), ==, "country");
  g_assert_true (dl_csv_field_from_key ("first-order", &field));
  g_assert_cmpint (field, ==, DL_CSV_FIELD_FIRST_ORDER);
  /* the roles added after them, after them */
  g_assert_cmpint (DL_CSV_FIELD_PAID_RANK, ==, 21);
  g_assert_cmpint (DL_CSV_FIELD_NEXT_AUTOSHIP, ==, 22);
  g_assert_cmpint (DL_CSV_FIELD_RENEWAL, ==, 23);
  g_assert_cmpint (DL_CSV_FIELD_QUALIFIED, ==, 24);
  g_assert_cmpint (DL_CSV_FIELD_TERMINATED, ==, 25);
  g_assert_cmpint (DL_CSV_FIELD_LEFT_VOLUME, ==, 26);
  g_assert_cmpint (DL_CSV_FIELD_RIGHT_VOLUME, ==, 27);
  g_assert_cmpint (DL_CSV_N_FIELDS, ==, 28);
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_PAID_RANK), ==, "paid-rank");
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_NEXT_AUTOSHIP), ==, "next-autoship");
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_RENEWAL), ==, "renewal");
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_QUALIFIED), ==, "qualified");
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_TERMINATED), ==, "terminated");
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_LEFT_VOLUME), ==, "left-volume");
  g_assert_cmpstr (dl_csv_field_get_key (DL_CSV_FIELD_RIGHT_VOLUME), ==, "right-volume");
  g_assert_true (dl_csv_field_from_key ("Right-Volume", &field));
  g_assert_cmpint (field, ==, DL_CSV_FIELD_RIGHT_VOLUME);
  /* every field has a key, and the key reads back as it */
  for (guint f = 0; f < DL_CSV_N_FIELDS; f++)
    {
      g_assert_nonnull (dl_csv_field_get_key (f));
      g_assert_true (dl_csv_field_from_key (dl_csv_field_get_key (f), &field));
      g_assert_cmpint (field, ==, f);
    }
}

static void
test_real_month_names (void)
{
  g_autoptr(DlImportResult) result = validate_real ("month-names.csv", NULL);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->rows->len, ==, 4);
  assert_day (find_row (result, "10")->joined_on, "2024-03-05");
  assert_day (find_row (result, "10")->last_order, "2024-03-09");
  assert_day (find_row (result, "11")->joined_on, "2024-03-04");
  assert_day (find_row (result, "11")->last_order, "2024-04-12");
  assert_day (find_row (result, "12")->joined_on, "2024-03-04");
  assert_day (find_row (result, "12")->last_order, "2024-12-01");
  assert_day (find_row (result, "13")->joined_on, "2024-01-15");
  g_assert_cmpstr (find_row (result, "12")->first_name, ==, "Carmen");
}

/* "00123" and "123" are one member within a file; "A-0012" is not
 * "A-12" */
static void
test_real_zero_padded (void)
{
  g_autoptr(DlImportResult) result = validate_real ("zero-padded-numbers.csv", NULL);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->rows->len, ==, 5);
  g_assert_cmpstr (find_row (result, "00124")->sponsor_number, ==, "00123");
  g_assert_cmpuint (find_row (result, "00124")->sponsor_row, !=, DL_IMPORT_NO_ROW);
  g_assert_cmpstr (find_row (result, "125")->sponsor_number, ==, "00124");
  g_assert_true (find_row (result, "A-13")->sponsor_unknown);
  g_assert_false (find_row (result, "125")->sponsor_unknown);
  /* two roots without a sponsor, and A-12 unknown */
  g_assert_cmpuint (result->warnings->len, ==, 3);
  for (guint i = 0; i < result->warnings->len; i++)
    {
      const DlImportProblem *p = &g_array_index (result->warnings, DlImportProblem, i);

      if (p->line == 6)
        g_assert_nonnull (strstr (p->reason, "the sponsor A-12 is neither in the file nor in Downline"));
      else
        g_assert_nonnull (strstr (p->reason, "no sponsor is given"));
    }

  /* the same number twice, padded differently, is a duplicate */
  {
    g_autoptr(DlCsvTable) table = parse ("Member ID,Name\n0042,Ann Lee\n42,Bo Kim\n");
    g_autoptr(DlImportResult) twice = validate (table, DL_DATE_ORDER_UNKNOWN);

    g_assert_cmpuint (twice->rows->len, ==, 1);
    g_assert_nonnull (strstr (rejected_reason (twice, 3) ?: "", "already on line 2"));
  }
}

/* an e-mail the forms would refuse, a CR/LF one too, costs nobody their
 * row: the member comes in without it and its text, on one line, goes
 * to the notes */
static void
test_real_crlf_email (void)
{
  g_autoptr(DlImportResult) result = validate_real ("crlf-email.csv", NULL);

  g_assert_cmpuint (result->rows->len, ==, 3);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->n_emails_in_notes, ==, 2);
  g_assert_cmpstr (find_row (result, "1")->email, ==, "ann@example.org");
  g_assert_cmpstr (find_row (result, "1")->notes, ==, "");
  g_assert_cmpstr (find_row (result, "2")->email, ==, "");
  g_assert_cmpstr (find_row (result, "2")->notes, ==,
                   "E-mail from the import, not usable: bo@example.org  Bcc: everyone@example.org");
  g_assert_cmpstr (find_row (result, "3")->email, ==, "");
  g_assert_cmpstr (find_row (result, "3")->notes, ==, "E-mail from the import, not usable: not an email");
}

/* names that look like formulas are names: kept exactly as written */
static void
test_real_formula_names (void)
{
  g_autoptr(DlImportResult) result = validate_real ("formula-names.csv", NULL);

  g_assert_cmpuint (result->rows->len, ==, 2);
  g_assert_cmpstr (find_row (result, "1")->first_name, ==, "=HYPERLINK(\"http://evil.example\",\"x\")");
  g_assert_cmpstr (find_row (result, "1")->city, ==, "@SUM(A1)");
  g_assert_cmpstr (find_row (result, "2")->first_name, ==, "+Bo");
  g_assert_cmpstr (find_row (result, "2")->last_name, ==, "-Kim");
}

/* a date column the mapping does not know is reported, not replaced
 * by today without a word */
static void
test_real_unread_date_column (void)
{
  g_autoptr(DlImportResult) result = validate_real ("unread-date-column.csv", NULL);
  g_autoptr(DlImportResult) read = validate_real ("month-names.csv", NULL);

  g_assert_cmpuint (result->rows->len, ==, 2);
  g_assert_cmpuint (result->notes->len, ==, 1);
  g_assert_nonnull (strstr (result->notes->len ? result->notes->pdata[0] : "",
                            "The column “Enroll Dt” holds dates but is not read as the join date"));
  g_assert_cmpuint (read->notes->len, ==, 0);
}

/* Who the user is at the top of an export */
static void
test_guess_user (void)
{
  static const struct {
    const char *text;
    const char *user;      /* NULL: the file does not say */
    gboolean    in_file;
    guint       row;
  } cases[] = {
    /* a Level 0 row: no enroller, everyone below */
    { "id,name,enroller\n7,Ana,\n8,Bo,7\n9,Cy,8\n", "7", TRUE, 1 },
    /* its own upline outside the file is no matter */
    { "id,name,enroller\n8,Bo,7\n9,Cy,8\n10,Di,9\n", "8", TRUE, 1 },
    /* nobody is the user: everyone at the top names one absent number,
     * written with or without zeros */
    { "id,name,enroller\n8,Bo,0900\n9,Cy,900\n10,Di,9\n", "0900", FALSE, 0 },
    /* two tops with their own enrollers: cannot tell */
    { "id,name,enroller\n8,Bo,900\n9,Cy,901\n", NULL, FALSE, 0 },
    /* two rows without an enroller: cannot tell */
    { "id,name,enroller\n8,Bo,\n9,Cy,\n", NULL, FALSE, 0 },
    /* a padded number inside the file is the same member */
    { "id,name,enroller\n007,Ana,\n8,Bo,7\n", "007", TRUE, 1 },
    /* no enroller column at all */
    { "id,name\n8,Bo\n9,Cy\n", NULL, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlCsvTable) table = dl_csv_table_new_from_data (cases[i].text, strlen (cases[i].text), &error);
      g_autoptr(DlCsvMapping) mapping = NULL;
      g_autofree char *user = NULL;
      gboolean in_file = !cases[i].in_file;
      guint row = 0;

      g_assert_no_error (error);
      mapping = dl_csv_mapping_guess (table);
      user = dl_csv_guess_user (table, mapping, &in_file, &row);
      g_test_message ("case %u", i);
      g_assert_cmpstr (user, ==, cases[i].user);
      if (user == NULL)
        continue;
      g_assert_cmpint (in_file, ==, cases[i].in_file);
      if (in_file)
        g_assert_cmpuint (row, ==, cases[i].row);
    }
}

/* The columns kept for next month: the same layout has the same key,
 * and the mapping reads back; text that does not fit changes nothing. */
static void
test_mapping_text (void)
{
  g_autoptr(DlCsvTable) table = parse ("Member ID,Name,Sponsor,Leg\n1,Ana,,\n");
  g_autoptr(DlCsvTable) same = parse ("member id , NAME,sponsor,leg\n7,Bo,1,left\n");
  g_autoptr(DlCsvTable) other = parse ("Member ID,Name,Enroller,Leg\n1,Ana,,\n");
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlCsvMapping) back = dl_csv_mapping_guess (same);
  g_autofree char *key = dl_csv_table_layout_key (table);
  g_autofree char *same_key = dl_csv_table_layout_key (same);
  g_autofree char *other_key = dl_csv_table_layout_key (other);
  g_autofree char *text = NULL;

  g_assert_cmpstr (key, ==, same_key);
  g_assert_cmpstr (key, !=, other_key);
  g_assert_cmpstr (dl_csv_table_get_checksum (table), !=, dl_csv_table_get_checksum (same));
  g_assert_cmpuint (strlen (dl_csv_table_get_checksum (table)), ==, 64);

  dl_csv_mapping_apply_sponsor_means (table, mapping, DL_CSV_SPONSOR_MEANS_PLACEMENT);
  text = dl_csv_mapping_to_text (mapping);
  g_assert_cmpstr (text, ==, "member=1\nname=2\nplacement=3\nside=4\n");
  g_assert_true (dl_csv_mapping_from_text (back, text));
  for (guint c = 0; c < mapping->n_columns; c++)
    g_assert_cmpint (back->columns[c], ==, mapping->columns[c]);

  /* a column past the end, an unknown field: nothing changes */
  g_assert_false (dl_csv_mapping_from_text (back, "member=1\nname=9\n"));
  g_assert_false (dl_csv_mapping_from_text (back, "member=1\nshoe-size=2\n"));
  g_assert_cmpint (back->columns[2], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
}

/* A business report's header over two rows: group titles above, the
 * columns' own names below. */
static void
test_two_row_header (void)
{
  g_autoptr(DlCsvTable) table = parse ("Account Number,Name,Sponsor,,Volume,\n"
                                       ",,ID,Name,Left,Right\n"
                                       "900057,Ana Ruiz,900001,Bo Boss,120,80\n"
                                       "900058,Cy Cruz,900057,Ana Ruiz,0,0\n");
  g_autoptr(DlCsvTable) plain = parse ("ID,Name,Sponsor\nA-1,Ana,\nA-2,Bo,A-1\n");
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  const char *expected[] = { "Account Number", "Name", "Sponsor ID", "Sponsor Name", "Volume Left", "Volume Right" };

  g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (dl_csv_table_get_n_columns (table), ==, 6);
  for (guint c = 0; c < G_N_ELEMENTS (expected); c++)
    g_assert_cmpstr (dl_csv_table_get (table, 0, c), ==, expected[c]);
  g_assert_cmpstr (dl_csv_table_get (table, 1, 0), ==, "900057");
  g_assert_cmpstr (dl_csv_table_get (table, 2, 5), ==, "0");
  g_assert_cmpuint (dl_csv_table_get_line (table, 1), ==, 3);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER), ==, 0);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_SPONSOR_NUMBER), ==, 2);

  /* an ordinary header with member numbers that have letters: no merge */
  g_assert_cmpuint (dl_csv_table_get_n_rows (plain), ==, 3);
  g_assert_cmpstr (dl_csv_table_get (plain, 1, 0), ==, "A-1");
}


/* A real file read in the date order its dates tell */
static DlImportResult *
validate_real_in_order (const char  *name,
                        DlCsvTable **table_out)
{
  g_autofree char *path = g_build_filename ("real-world", name, NULL);
  g_autoptr(DlCsvTable) table = load (path);
  g_autoptr(DlCsvMapping) mapping = NULL;
  DlImportResult *result;

  if (table == NULL)
    g_error ("%s could not be read", name);
  mapping = dl_csv_mapping_guess (table);
  result = validate (table, dl_csv_guess_date_order (table, mapping, NULL, NULL));
  *table_out = g_steal_pointer (&table);
  return result;
}

/* Cells that write the member's name beside the number: which part is
 * the number is never a guess */
static void
test_member_cells (void)
{
  static const struct {
    const char *cell;
    gboolean    split;
    const char *number;
    const char *name;
  } cases[] = {
    { "900057 (Ana Ruiz)", TRUE, "900057", "Ana Ruiz" },
    { "900057\n(Ana Ruiz)", TRUE, "900057", "Ana Ruiz" },
    { "900057\r\n( Ana Ruiz )", TRUE, "900057", "Ana Ruiz" },
    { "0900057(Ana Ruiz)", TRUE, "0900057", "Ana Ruiz" },
    { "A-0012 (Di Alpha)", TRUE, "A-0012", "Di Alpha" },
    { "Ana Ruiz (900057)", TRUE, "900057", "Ana Ruiz" },
    { "José Peña (0042)", TRUE, "0042", "José Peña" },
    { "900057", FALSE, "900057", NULL },
    { "Ana Ruiz", FALSE, "Ana Ruiz", NULL },
    /* the whole cell without its blanks: a quoted cell keeps them */
    { "70012 (Bo Kim) ", TRUE, "70012", "Bo Kim" },
    { "70013\r\n(Cy Lee)\r\n", TRUE, "70013", "Cy Lee" },
    { "\r\n900057\r\n", FALSE, "900057", NULL },
    /* a first word with a digit is the number, whatever the brackets hold */
    { "900057 (Ana (Ruiz))", TRUE, "900057", "Ana (Ruiz)" },
    { "12345 (Ana (Annie) Ruiz)", TRUE, "12345", "Ana (Annie) Ruiz" },
    { "900057 (123)", TRUE, "900057", "123" },
    { "900057 ()", FALSE, "900057", NULL },
    { "5002 ( )", FALSE, "5002", NULL },
    /* else the last brackets, with digits alone */
    { "Ana (Annie) Root (5001)", TRUE, "5001", "Ana (Annie) Root" },
    { "Ruiz 2 (900057)", TRUE, "900057", "Ruiz 2" },
    /* brackets in neither form: the whole cell, no number */
    { "Ana (Ruiz)", FALSE, "Ana (Ruiz)", NULL },
    { "900 057 (Ana Ruiz)", FALSE, "900 057 (Ana Ruiz)", NULL },
    { "(Ana Ruiz)", FALSE, "(Ana Ruiz)", NULL },
    { "900057 (Ana) (Bo)", FALSE, "900057 (Ana) (Bo)", NULL },
    { "900057 (Ana Ruiz", FALSE, "900057 (Ana Ruiz", NULL },
    { "Ana Ruiz (900057) x", FALSE, "Ana Ruiz (900057) x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = NULL;
      g_autofree char *name = NULL;
      gboolean split = dl_csv_split_member_cell (cases[i].cell, &number, &name);

      g_test_message ("%s", cases[i].cell);
      g_assert_cmpint (split, ==, cases[i].split);
      g_assert_cmpstr (number, ==, cases[i].number);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* The same cells in an export: a number and a name are read apart, even
 * with brackets in the name; any other cell with a bracket is a bad row,
 * never a member number nobody has */
static void
test_member_cells_rows (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("Member ID,Name,Enroller,Placement\n"
           "5001,Ana Root,,\n"                                     /* line 2 */
           "5002 (),Bo Kim,5001 (Ana (Annie) Root),5001\n"          /* line 3 */
           "12345 (Ana (Annie) Ruiz),,Ana (Annie) Root (5001),5002 ()\n"
           "\"70012 (Bo Kim) \",,5002,\n"                          /* line 5 */
           "Ana (Ruiz),Di Lund,5001,\n"                            /* line 6 */
           "5010,Ed Park,5001 (Ana,\n"                             /* line 7 */
           "5011,Flo Hill,5001,(5002) x\n"                         /* line 8 */
           "\"70013\r\n(Cy Lee)\r\n\",,\"5001\r\n(Ana Root)\r\n\",\n");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);
  const DlImportRow *bo = find_row (result, "5002");
  const DlImportRow *ana = find_row (result, "12345");

  g_assert_cmpuint (result->rows->len, ==, 5);
  g_assert_cmpstr (bo->first_name, ==, "Bo");
  g_assert_cmpstr (bo->sponsor_number, ==, "5001");
  g_assert_cmpuint (bo->sponsor_row, !=, DL_IMPORT_NO_ROW);
  g_assert_false (bo->sponsor_unknown);
  g_assert_cmpstr (bo->placement_number, ==, "5001");
  g_assert_cmpstr (ana->first_name, ==, "Ana");
  g_assert_cmpstr (ana->last_name, ==, "(Annie) Ruiz");
  g_assert_cmpstr (ana->sponsor_number, ==, "5001");
  g_assert_false (ana->sponsor_unknown);
  g_assert_cmpstr (ana->placement_number, ==, "5002");
  g_assert_cmpstr (find_row (result, "70012")->last_name, ==, "Kim");
  g_assert_cmpstr (find_row (result, "70013")->last_name, ==, "Lee");
  g_assert_cmpstr (find_row (result, "70013")->sponsor_number, ==, "5001");
  /* only the enroller of the top, who has none */
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpuint (g_array_index (result->warnings, DlImportProblem, 0).line, ==, 2);

  g_assert_cmpuint (result->rejected->len, ==, 3);
  g_assert_cmpstr (rejected_reason (result, 6), ==,
                   "Member number “Ana (Ruiz)” is neither a number nor a number and a name written "
                   "“900057 (Ana Ruiz)” or “Ana Ruiz (900057)”");
  g_assert_cmpstr (rejected_reason (result, 7), ==,
                   "Enroller (sponsor) number “5001 (Ana” is neither a number nor a number and a name "
                   "written “900057 (Ana Ruiz)” or “Ana Ruiz (900057)”");
  g_assert_cmpstr (rejected_reason (result, 8), ==,
                   "Placement (upline) number “(5002) x” is neither a number nor a number and a name "
                   "written “900057 (Ana Ruiz)” or “Ana Ruiz (900057)”");
}

/* Plexus: the number and the name in one cell ("70012 (Bo Kim)"), no
 * name column, QV and a Y/N autoship; every member at the top names the
 * exporting ambassador, who has no row */
static void
test_real_names_in_number_cells (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real_in_order ("plexus-ambassadors.csv", &table);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  gboolean in_file = TRUE;
  const DlImportRow *bo = find_row (result, "70012");
  const DlImportRow *cy = find_row (result, "70013");
  const DlImportRow *ed = find_row (result, "70021");
  const DlImportRow *flo = find_row (result, "070030");

  g_assert_cmpint (mapping->columns[0], ==, DL_CSV_FIELD_MEMBER_NUMBER);
  g_assert_cmpint (mapping->names_column, ==, 0);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME), ==, -1);
  g_assert_true (dl_csv_mapping_check (mapping, &error));
  g_assert_no_error (error);
  /* with the number mapped elsewhere, the names are gone with it */
  dl_csv_mapping_set (mapping, 0, DL_CSV_FIELD_IGNORE);
  dl_csv_mapping_set (mapping, 2, DL_CSV_FIELD_MEMBER_NUMBER);
  g_assert_false (dl_csv_mapping_check (mapping, &error));
  g_assert_error (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->rows->len, ==, 5);
  g_assert_cmpstr (bo->first_name, ==, "Bo");
  g_assert_cmpstr (bo->last_name, ==, "Kim");
  g_assert_cmpstr (cy->first_name, ==, "Cy");
  g_assert_cmpstr (cy->last_name, ==, "Lee");
  g_assert_cmpuint (cy->line, ==, 3);
  g_assert_cmpuint (find_row (result, "70020")->line, ==, 5);
  g_assert_cmpstr (ed->sponsor_number, ==, "70013");
  g_assert_cmpstr (ed->placement_number, ==, "70012");
  /* "070030" is enrolled by 70020, and "70030" elsewhere would be them */
  g_assert_cmpstr (flo->sponsor_number, ==, "70020");
  g_assert_cmpstr (flo->first_name, ==, "Flo");
  /* the top names the absent ambassador: the user, for the caller */
  g_assert_true (bo->sponsor_unknown);
  g_assert_cmpfloat_with_epsilon (bo->pv, 125.5, 1e-9);
  g_assert_cmpint (bo->autoship, ==, 1);
  g_assert_cmpint (cy->autoship, ==, 0);
  assert_day (bo->joined_on, "2024-03-14");

  g_clear_pointer (&mapping, dl_csv_mapping_free);
  mapping = dl_csv_mapping_guess (table);
  user = dl_csv_guess_user (table, mapping, &in_file, NULL);
  g_assert_cmpstr (user, ==, "70001");
  g_assert_false (in_file);

  /* a row whose cell has no name, in a file with no name column */
  {
    g_autoptr(DlCsvTable) some = parse ("Member ID,Sponsor ID\n1 (Ann Lee),\n2 (Bo Kim),1\n3,1\n");
    g_autoptr(DlImportResult) checked = validate (some, DL_DATE_ORDER_UNKNOWN);

    g_assert_cmpuint (checked->rows->len, ==, 2);
    g_assert_cmpstr (rejected_reason (checked, 4), ==, "the name is empty");
    g_assert_cmpstr (find_row (checked, "2")->sponsor_number, ==, "1");
  }
  /* a name column wins; an empty name cell takes the one beside the number */
  {
    g_autoptr(DlCsvTable) named = parse ("ID,Name\n7 (Ann Lee),Ann Lee-Ray\n8 (Bo Kim),\n");
    g_autoptr(DlImportResult) checked = validate (named, DL_DATE_ORDER_UNKNOWN);

    g_assert_cmpstr (find_row (checked, "7")->last_name, ==, "Lee-Ray");
    g_assert_cmpstr (find_row (checked, "8")->last_name, ==, "Kim");
  }
}

static gboolean
known_numbers_cb (const char *number,
                  gpointer    data)
{
  return g_strv_contains (data, number);
}

/* The numbers of data that are number's in a country, as the store
 * gives them */
static char **
qualified_numbers_cb (const char *number,
                      gpointer    data)
{
  const char *const *known = data;
  const char *key = dl_member_number_key (number);
  g_autoptr(GStrvBuilder) forms = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint k = 0; known[k] != NULL; k++)
    {
      const char *country = dl_member_number_country (known[k]);

      if (country != NULL && (gsize) (country - known[k]) == strlen (key) + 1 &&
          strncmp (known[k], key, strlen (key)) == 0)
        {
          g_strv_builder_add (forms, known[k]);
          any = TRUE;
        }
    }
  return any ? g_strv_builder_end (forms) : NULL;
}

/* Validates table for a Downline that has the numbers known, sorted */
static DlImportResult *
validate_known (const DlCsvTable   *table,
                const char *const  *known)
{
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(GError) error = NULL;
  DlImportResult *result;

  result = dl_csv_import_validate_full (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_USER,
                                        known_numbers_cb, (gpointer) known, NULL,
                                        qualified_numbers_cb, (gpointer) known, NULL, &error);
  g_assert_no_error (error);
  if (result == NULL)
    g_error ("the table was not validated");
  return result;
}

/* What Downline's numbers are asked and told, in order */
typedef struct
{
  const char *const *known;
  GString           *log;
} Told;

static gboolean
told_known_cb (const char *number,
               gpointer    data)
{
  Told *told = data;

  g_string_append_printf (told->log, "known %s;", number);
  return g_strv_contains (told->known, number);
}

static void
told_known_done (gpointer data)
{
  g_string_append (((Told *) data)->log, "known done;");
}

static char **
told_qualified_cb (const char *number,
                   gpointer    data)
{
  Told *told = data;

  g_string_append_printf (told->log, "qualified %s;", number);
  return NULL;
}

static void
told_qualified_done (gpointer data)
{
  g_string_append (((Told *) data)->log, "qualified done;");
}

/* The numbers Downline has are let go once validation has looked them
 * up (a million of them are 20 MB at the import's peak): each destroy
 * notify once, the qualified first, after the last question and also
 * when the mapping cannot be used; and the answers still count */
static void
test_known_let_go (void)
{
  static const char csv[] = "ID,Enroller,Name\n"
                            "10,900,Ana Ruiz\n"
                            "11,10,Bo Lind\n"
                            "12,901,Cy Tan\n";
  static const char *const known[] = { "900", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = dl_csv_table_new_from_data (csv, strlen (csv), &error);
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  Told told = { known, log };
  const char *done;

  g_assert_no_error (error);
  mapping = dl_csv_mapping_guess (table);
  result = dl_csv_import_validate_full (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_USER,
                                        told_known_cb, &told, told_known_done,
                                        told_qualified_cb, &told, told_qualified_done, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  /* 900 is known, so only 901 is an unknown sponsor */
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_array_index (result->warnings, DlImportProblem, 0).reason, "901"));
  g_assert_nonnull (strstr (log->str, "known 900;"));
  done = strstr (log->str, "qualified done;known done;");
  g_assert_nonnull (done);
  /* told once, at the end: nothing asked after it */
  g_assert_cmpstr (done, ==, "qualified done;known done;");

  /* an unusable mapping: told all the same */
  g_string_truncate (log, 0);
  dl_csv_mapping_set (mapping, 0, DL_CSV_FIELD_IGNORE);
  g_assert_null (dl_csv_import_validate_full (table, mapping, DL_DATE_ORDER_UNKNOWN, DL_UNKNOWN_SPONSOR_USER,
                                              told_known_cb, &told, told_known_done,
                                              told_qualified_cb, &told, told_qualified_done, &error));
  g_assert_error (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING);
  g_assert_cmpstr (log->str, ==, "qualified done;known done;");
}

/* Mannatech: tab-separated Windows-1252, and "Account Number" given in
 * two countries is two members, "900057-US" and "900057-CA"; an
 * enroller or placement number is the member of the row's own country
 * first, else the only one of that number; a number in one country
 * stays as it is */
static void
test_real_countries_two_members (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real ("mannatech-countries.tsv", &table);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autofree char *user = NULL;
  gboolean in_file = FALSE;
  guint top = 0;
  const DlImportRow *ana = find_row (result, "900057-US");
  const DlImportRow *ben = find_row (result, "900057-CA");

  g_assert_cmpint (dl_csv_table_get_encoding (table), ==, DL_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpint (dl_csv_table_get_delimiter (table), ==, '\t');
  g_assert_cmpint (mapping->columns[2], ==, DL_CSV_FIELD_COUNTRY);
  g_assert_cmpint (mapping->columns[3], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_cmpint (mapping->columns[4], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->rows->len, ==, 6);
  g_assert_cmpstr (ana->first_name, ==, "Ana");
  g_assert_cmpstr (ana->plain_number, ==, "900057");
  g_assert_cmpstr (ben->first_name, ==, "Benoît");
  g_assert_cmpstr (ben->last_name, ==, "Tremblay");
  g_assert_cmpstr (ben->plain_number, ==, "900057");
  /* so the store looks for members whose number gained the country */
  g_assert_true (result->has_plain_numbers);
  g_assert_cmpstr (ben->sponsor_number, ==, "900001");
  /* a number of one country is not qualified */
  g_assert_null (find_row (result, "900060")->plain_number);
  g_assert_cmpstr (find_row (result, "900001")->first_name, ==, "María");
  /* José in Canada: enrolled and placed by the Canadian 900057 */
  g_assert_cmpstr (find_row (result, "900060")->sponsor_number, ==, "900057-CA");
  g_assert_cmpstr (find_row (result, "900060")->placement_number, ==, "900057-CA");
  g_assert_cmpstr (row_at (result, find_row (result, "900060")->sponsor_row)->first_name, ==, "Benoît");
  /* Zoë in the US: the American 900057; placed under the only 900060 */
  g_assert_cmpstr (find_row (result, "900061")->sponsor_number, ==, "900057-US");
  g_assert_cmpstr (find_row (result, "900061")->placement_number, ==, "900060");
  /* "ca" is Canada too */
  g_assert_cmpstr (find_row (result, "900062")->sponsor_number, ==, "900057-CA");

  user = dl_csv_guess_user (table, mapping, &in_file, &top);
  g_assert_cmpstr (user, ==, "900001");
  g_assert_true (in_file);
  g_assert_cmpuint (top, ==, 1);

  /* without the country column the same file has one 900057 too many */
  dl_csv_mapping_set (mapping, 2, DL_CSV_FIELD_IGNORE);
  {
    g_autoptr(DlImportResult) merged = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_UNKNOWN,
                                                               DL_UNKNOWN_SPONSOR_USER, NULL, NULL, NULL);

    g_assert_nonnull (strstr (rejected_reason (merged, 4) ?: "", "the member number 900057 is already on line 3"));
    /* and the store need not look for any */
    g_assert_false (merged->has_plain_numbers);
  }
}

/* What cannot be told apart by country is a bad row, by its line */
static void
test_countries_bad_rows (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("ID,Name,Country,Enroller,Placement\n"
           "1,Root One,US,,\n"               /* line 2 */
           "57,Ana Ruiz,US,1,\n"             /* line 3 */
           "057,Ben Roy,CA,1,\n"             /* line 4 */
           "60,Cy Mora,MX,57,\n"             /* line 5: which 57? */
           "61,Di Lund,,57,\n"               /* line 6: no country to tell */
           "57,Ed Park,,1,\n"                /* line 7: a 57 of no country */
           "62,Flo Hill,MX,1,057\n"          /* line 8: placed under which 57? */
           "57,Gus Ward,CA,1,\n"             /* line 9: a second Canadian 57 */
           "63,Hal Ives,US,0057,1\n");       /* line 10: the American one */
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpuint (result->rejected->len, ==, 5);
  g_assert_cmpstr (rejected_reason (result, 5), ==,
                   "the enroller 57 is in the file for more than one country (US, CA), none of them this "
                   "member’s (MX): the file does not say which one it is");
  g_assert_cmpstr (rejected_reason (result, 6), ==,
                   "the enroller 57 is in the file for more than one country (US, CA), and this row names "
                   "no country: the file does not say which one it is");
  g_assert_cmpstr (rejected_reason (result, 7), ==,
                   "the member number 57 is in the file for more than one country (US, CA), and this row "
                   "names no country: the file does not say whose it is");
  g_assert_cmpstr (rejected_reason (result, 8), ==,
                   "the placement parent 057 is in the file for more than one country (US, CA), none of "
                   "them this member’s (MX): the file does not say which one it is");
  g_assert_cmpstr (rejected_reason (result, 9), ==, "the member number 57-CA is already on line 4");
  g_assert_cmpstr (find_row (result, "57-CA")->first_name, ==, "Ben");
  g_assert_cmpstr (find_row (result, "57-CA")->plain_number, ==, "057");
  g_assert_cmpstr (find_row (result, "63")->sponsor_number, ==, "57-US");
  g_assert_cmpuint (result->rows->len, ==, 4);
}

/* Month to month: a number Downline has as "N-CC" stays so when the
 * file gives it in one country only; a reference reaches the member of
 * the row's country in Downline before the only one in the file, and
 * the only one in the file is no answer while Downline has the number
 * in another country */
static void
test_countries_known_qualified (void)
{
  static const char *const known[] = { "1", "57-CA", "57-US", NULL };
  g_autoptr(DlCsvTable) table =
    parse ("ID,Name,Country,Enroller,Placement\n"
           "57,Ben Roy,CA,1,\n"
           "60,Cy Mora,US,57,\n"
           "61,Di Lund,CA,57,\n"
           "62,Ed Park,MX,57,\n"          /* line 5: the Canadian 57 or the American? */
           "63,Flo Hill,MX,1,57\n");      /* line 6: placed under which 57? */
  g_autoptr(DlImportResult) result = validate_known (table, known);
  g_autoptr(DlCsvTable) no_country = parse ("ID,Name,Enroller\n57,Ben Roy,1\n60,Cy Mora,57\n");
  g_autoptr(DlImportResult) plain = validate_known (no_country, known);

  g_assert_cmpstr (find_row (result, "57-CA")->plain_number, ==, "57");
  g_assert_cmpstr (find_row (result, "60")->sponsor_number, ==, "57-US");
  g_assert_cmpuint (find_row (result, "60")->sponsor_row, ==, DL_IMPORT_NO_ROW);
  g_assert_false (find_row (result, "60")->sponsor_unknown);
  g_assert_cmpstr (find_row (result, "61")->sponsor_number, ==, "57-CA");
  g_assert_cmpuint (find_row (result, "61")->sponsor_row, !=, DL_IMPORT_NO_ROW);
  /* no 57 in Mexico: the Canadian one is the only one in the file, not
   * in Downline */
  g_assert_cmpuint (result->rejected->len, ==, 2);
  g_assert_cmpstr (rejected_reason (result, 5), ==,
                   "the enroller 57 is in the file and in Downline for more than one country (CA, US), "
                   "none of them this member’s (MX): the file does not say which one it is");
  g_assert_cmpstr (rejected_reason (result, 6), ==,
                   "the placement parent 57 is in the file and in Downline for more than one country "
                   "(CA, US), none of them this member’s (MX): the file does not say which one it is");
  g_assert_cmpuint (result->rows->len, ==, 3);

  /* a file without a country column: 57 is two members of Downline */
  g_assert_cmpstr (rejected_reason (plain, 2), ==,
                   "the member number 57 is in Downline for more than one country (CA, US), and this "
                   "row names no country: the file does not say whose it is");
  g_assert_cmpstr (find_row (plain, "60")->sponsor_number, ==, "");
  g_assert_true (find_row (plain, "60")->sponsor_unknown);
  g_assert_cmpuint (plain->rows->len, ==, 1);
}

/* A number Downline keeps as "N-CC" that comes back bare, the country
 * left empty or the file without a country column: the member of that
 * number if Downline has one, else a bad row naming the countries;
 * never a new member of the bare number */
static void
test_countries_bare_number (void)
{
  static const char *const one[] = { "900001", "900057-US", NULL };
  static const char *const two[] = { "900001", "900057-CA", "900057-US", NULL };
  static const char *const bare_too[] = { "900001", "900057", "900057-CA", NULL };
  const char *blank_country = "Account Number\tName\tCountry\tEnroller Acct #\n"
                              "900057\tAna Ruiz\t\t900001\n"
                              "900070\tEva Sol\tUS\t900057\n"
                              "900071\tGil Mar\t\t900057\n";
  const char *no_country = "Account Number\tName\tEnroller Acct #\n"
                           "900057\tAna Ruiz\t900001\n"
                           "900070\tEva Sol\t900057\n";
  g_autoptr(DlCsvTable) blank = parse (blank_country);
  g_autoptr(DlCsvTable) none = parse (no_country);

  /* one member of that number: them */
  {
    g_autoptr(DlImportResult) result = validate_known (blank, one);
    g_autoptr(DlImportResult) plain = validate_known (none, one);

    g_assert_cmpuint (result->rejected->len, ==, 0);
    g_assert_cmpstr (find_row (result, "900057-US")->first_name, ==, "Ana");
    g_assert_null (find_row (result, "900057-US")->plain_number);
    g_assert_cmpstr (find_row (result, "900070")->sponsor_number, ==, "900057-US");
    g_assert_cmpuint (find_row (result, "900070")->sponsor_row, !=, DL_IMPORT_NO_ROW);
    g_assert_cmpstr (find_row (result, "900071")->sponsor_number, ==, "900057-US");
    g_assert_cmpuint (find_row (result, "900071")->sponsor_row, !=, DL_IMPORT_NO_ROW);
    g_assert_cmpuint (plain->rejected->len, ==, 0);
    g_assert_cmpstr (find_row (plain, "900057-US")->first_name, ==, "Ana");
    g_assert_cmpstr (find_row (plain, "900070")->sponsor_number, ==, "900057-US");
    g_assert_cmpuint (find_row (plain, "900070")->sponsor_row, !=, DL_IMPORT_NO_ROW);
  }
  /* two: a bad row, and so is a recruit who cannot say which one
   * enrolled them; without countries, their enroller was not imported */
  {
    g_autoptr(DlImportResult) result = validate_known (blank, two);
    g_autoptr(DlImportResult) plain = validate_known (none, two);

    g_assert_cmpuint (result->rejected->len, ==, 2);
    g_assert_cmpstr (rejected_reason (result, 2), ==,
                     "the member number 900057 is in Downline for more than one country (CA, US), and "
                     "this row names no country: the file does not say whose it is");
    /* Eva names her country */
    g_assert_cmpstr (find_row (result, "900070")->sponsor_number, ==, "900057-US");
    g_assert_false (find_row (result, "900070")->sponsor_unknown);
    g_assert_cmpstr (rejected_reason (result, 4), ==,
                     "the enroller 900057 is in Downline for more than one country (CA, US), and this "
                     "row names no country: the file does not say which one it is");
    g_assert_cmpstr (rejected_reason (plain, 2), ==,
                     "the member number 900057 is in Downline for more than one country (CA, US), and "
                     "this row names no country: the file does not say whose it is");
    g_assert_true (find_row (plain, "900070")->sponsor_unknown);
    g_assert_cmpuint (plain->rows->len, ==, 1);
  }
  /* Downline has the bare number too: that member */
  {
    g_autoptr(DlImportResult) plain = validate_known (none, bare_too);

    g_assert_cmpuint (plain->rejected->len, ==, 0);
    g_assert_cmpstr (find_row (plain, "900057")->first_name, ==, "Ana");
  }
  /* the file gives one of Downline's countries on another row: the row
   * with none is the other one; with none left, a bad row */
  {
    g_autoptr(DlCsvTable) other =
      parse ("ID,Name,Country\n900057,Ben Roy,CA\n900057,Ana Ruiz,\n");
    g_autoptr(DlImportResult) result = validate_known (other, two);
    g_autoptr(DlImportResult) taken = validate_known (other, one + 1);
    g_autoptr(DlCsvTable) us = parse ("ID,Name,Country\n900057,Ana Ruiz,US\n900057,Eva Sol,\n");
    g_autoptr(DlImportResult) gone = validate_known (us, one);

    g_assert_cmpuint (result->rejected->len, ==, 0);
    g_assert_cmpstr (find_row (result, "900057-CA")->first_name, ==, "Ben");
    g_assert_cmpstr (find_row (result, "900057-US")->first_name, ==, "Ana");
    /* Downline's only 900057 is American, and Ben is new in Canada */
    g_assert_cmpstr (find_row (taken, "900057-US")->first_name, ==, "Ana");
    g_assert_cmpstr (find_row (taken, "900057-CA")->first_name, ==, "Ben");
    g_assert_cmpstr (rejected_reason (gone, 3), ==,
                     "the member number 900057 is in Downline for US, which other rows of the file have, "
                     "and this row names no country: the file does not say whose it is");
  }
  /* a new member in a country Downline does not have the number in is
   * a member of their own, "N-CC" like the others */
  {
    g_autoptr(DlCsvTable) mexico = parse ("ID,Name,Country\n900057,Zed Cruz,México\n");
    g_autoptr(DlImportResult) result = validate_known (mexico, two);

    g_assert_cmpstr (find_row (result, "900057-MX")->first_name, ==, "Zed");
    g_assert_cmpstr (find_row (result, "900057-MX")->plain_number, ==, "900057");
  }
  /* an enroller outside the file: the only one, or a bad row */
  {
    g_autoptr(DlCsvTable) recruit = parse ("ID,Name,Enroller\n900080,Hal Ives,0900057\n");
    g_autoptr(DlImportResult) result = validate_known (recruit, one);
    g_autoptr(DlImportResult) both = validate_known (recruit, two);

    g_assert_cmpstr (find_row (result, "900080")->sponsor_number, ==, "900057-US");
    g_assert_false (find_row (result, "900080")->sponsor_unknown);
    g_assert_cmpstr (rejected_reason (both, 2), ==,
                     "the enroller 0900057 is in Downline for more than one country (CA, US), and this "
                     "row names no country: the file does not say which one it is");
  }
}

/* One country, one code, however the file spells it: English and
 * Spanish names, three-letter codes, dots; a spelling Downline does
 * not know is its letters in capitals */
static void
test_countries_spellings (void)
{
  g_autoptr(DlCsvTable) table =
    parse ("ID,Name,Country\n"
           "57,Ana Ruiz,U.S.A.\n"          /* line 2 */
           "57,Ben Roy,Canadá\n"
           "58,Cy Mora,United States\n"    /* line 4 */
           "58,Di Lund,Estados Unidos\n"   /* line 5: the same country, the same 58 */
           "59,Ed Park,EE. UU.\n"
           "59,Flo Hill,México\n"
           "60,Gus Ward,GBR\n"
           "60,Hal Ives,uk\n"              /* line 9: Britain again */
           "61,Ivy Cole,Narnia\n"
           "61,Jo Tate,Atlantis\n");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpstr (find_row (result, "57-US")->first_name, ==, "Ana");
  g_assert_cmpstr (find_row (result, "57-CA")->first_name, ==, "Ben");
  g_assert_cmpstr (find_row (result, "58")->first_name, ==, "Cy");
  g_assert_cmpstr (rejected_reason (result, 5), ==, "the member number 58 is already on line 4");
  g_assert_cmpstr (find_row (result, "59-US")->first_name, ==, "Ed");
  g_assert_cmpstr (find_row (result, "59-MX")->first_name, ==, "Flo");
  g_assert_cmpstr (find_row (result, "60")->first_name, ==, "Gus");
  g_assert_cmpstr (rejected_reason (result, 9), ==, "the member number 60 is already on line 8");
  g_assert_cmpstr (find_row (result, "61-NARNIA")->first_name, ==, "Ivy");
  g_assert_cmpstr (find_row (result, "61-ATLANTIS")->first_name, ==, "Jo");
  g_assert_cmpuint (result->rejected->len, ==, 2);
  g_assert_cmpuint (result->rows->len, ==, 8);

  /* Downline kept numbers as the file spelled the country, before the
   * spellings were one code: next month's file finds the same members */
  {
    static const char *const known[] = { "57-USA", "57-CANADA", "1", NULL };
    g_autoptr(DlCsvTable) before =
      parse ("ID,Name,Country,Enroller\n57,Ana Ruiz,USA,1\n57,Ben Roy,Canada,1\n60,Cy Mora,USA,57\n");
    g_autoptr(DlImportResult) again = validate_known (before, known);
    g_autoptr(DlCsvTable) one = parse ("ID,Name,Country,Enroller\n57,Ben Roy,Canada,1\n61,Di Lund,USA,57\n");
    g_autoptr(DlImportResult) alone = validate_known (one, known);

    g_assert_cmpuint (again->rejected->len, ==, 0);
    g_assert_cmpstr (find_row (again, "57-USA")->first_name, ==, "Ana");
    g_assert_cmpstr (find_row (again, "57-CANADA")->first_name, ==, "Ben");
    g_assert_cmpstr (find_row (again, "60")->sponsor_number, ==, "57-USA");
    g_assert_cmpstr (find_row (alone, "57-CANADA")->first_name, ==, "Ben");
    g_assert_cmpstr (find_row (alone, "61")->sponsor_number, ==, "57-USA");
  }
}

/* Purium: "Start Date" is the first order; the join date is the
 * signup, and a referrer is written "Name (number)".  Without a join
 * date column, a member joins with their first order. */
static void
test_real_start_date (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real ("purium-start-date.csv", &table);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlCsvTable) alone = parse ("ID,Name,Start Date\n1,Ann Lee,2024-02-03\n2,Bo Kim,\n");
  g_autoptr(DlImportResult) first_orders = validate (alone, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpint (mapping->columns[4], ==, DL_CSV_FIELD_JOINED_ON);
  g_assert_cmpint (mapping->columns[5], ==, DL_CSV_FIELD_FIRST_ORDER);
  g_assert_cmpuint (result->rejected->len, ==, 0);
  assert_day (find_row (result, "300002")->joined_on, "2023-02-10");
  assert_day (find_row (result, "300002")->first_order, "2023-03-01");
  g_assert_false (find_row (result, "300002")->joined_from_first_order);
  g_assert_cmpint (find_row (result, "300003")->first_order, ==, DL_DAY_NONE);
  g_assert_cmpstr (find_row (result, "300002")->sponsor_number, ==, "300001");
  g_assert_cmpstr (find_row (result, "300003")->sponsor_number, ==, "300002");
  g_assert_cmpuint (result->notes->len, ==, 0);

  assert_day (find_row (first_orders, "1")->joined_on, "2024-02-03");
  g_assert_true (find_row (first_orders, "1")->joined_from_first_order);
  g_assert_cmpint (find_row (first_orders, "2")->joined_on, ==, DL_DAY_NONE);
  g_assert_false (find_row (first_orders, "2")->joined_from_first_order);
  /* the column is read, so nothing to say about an unread date column */
  g_assert_cmpuint (first_orders->notes->len, ==, 0);
}

/* doTERRA with volumes: semicolons, "Enroller" and "Sponsor" (the
 * placement) written "5001 (Ana Root)", a line break in some; PV, OV
 * and LRP, day-first dates and decimal commas */
static void
test_real_doterra_volumes (void)
{
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlImportResult) result = validate_real_in_order ("doterra-volumes.csv", &table);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  const DlImportRow *cy = find_row (result, "5003");
  const DlImportRow *di = find_row (result, "5004");

  g_assert_cmpint (dl_csv_table_get_delimiter (table), ==, ';');
  g_assert_cmpint (mapping->columns[2], ==, DL_CSV_FIELD_SPONSOR_NUMBER);
  g_assert_cmpint (mapping->columns[3], ==, DL_CSV_FIELD_PLACEMENT_NUMBER);
  g_assert_cmpint (mapping->columns[4], ==, DL_CSV_FIELD_PV);
  g_assert_cmpint (mapping->columns[5], ==, DL_CSV_FIELD_GV);
  g_assert_cmpint (mapping->columns[6], ==, DL_CSV_FIELD_AUTOSHIP);
  /* the names beside the numbers are the enrollers', not the members' */
  g_assert_cmpint (mapping->names_column, ==, -1);

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_cmpuint (result->rows->len, ==, 4);
  g_assert_cmpstr (cy->sponsor_number, ==, "5001");
  g_assert_cmpstr (cy->placement_number, ==, "5002");
  g_assert_cmpstr (cy->first_name, ==, "Cy");
  g_assert_cmpfloat_with_epsilon (cy->pv, 55.5, 1e-9);
  g_assert_cmpint (cy->autoship, ==, 0);
  g_assert_cmpstr (di->sponsor_number, ==, "5002");
  g_assert_cmpstr (di->placement_number, ==, "5003");
  g_assert_cmpuint (di->line, ==, 6);
  g_assert_cmpint (di->status, ==, DL_MEMBER_INACTIVE);
  g_assert_cmpfloat_with_epsilon (find_row (result, "5001")->gv, 2400, 1e-9);
  g_assert_cmpint (find_row (result, "5001")->autoship, ==, 1);
  assert_day (find_row (result, "5001")->joined_on, "2022-01-15");
}


/* The back office's roles beyond the tree (#15): the highest rank
 * beside the month's paid rank, autoship and its next date, renewal,
 * qualified, the legs' volumes, and two earlier months' PV by their
 * headers. */
#define ROLES_FILE \
  "Member ID,Enroller ID,Name,Join Date,Highest Rank,Paid-as,PPV,PPV 2026-09,PPV 2026-10,Autoship," \
  "Next Autoship,Renewal Date,Qualified,Left Volume,Right Volume,Status,Last Order,Start Date\n" \
  "1001,,Ana Root,2024-01-10,Gold,Silver,120,100,110,Y,2026-12-05,2027-01-10,Y,\"1,500\",900,Active," \
  "2026-11-03,2024-01-12\n" \
  "1002,1001,Bo Kim,2026-10-15,Silver,Bronze,80,0,60,N,,2027-10-15,N,300,0,Active,2026-11-20,2026-10-16\n" \
  "1003,1001,Cy Lee,2025-05-02,Bronze,,0,40,,x,2026-12-20,,,,,Inactive,2026-08-01,\n"

static void
test_back_office_roles (void)
{
  static const DlCsvField expected[] = {
    DL_CSV_FIELD_MEMBER_NUMBER, DL_CSV_FIELD_SPONSOR_NUMBER, DL_CSV_FIELD_FULL_NAME, DL_CSV_FIELD_JOINED_ON,
    DL_CSV_FIELD_RANK, DL_CSV_FIELD_PAID_RANK, DL_CSV_FIELD_PV, DL_CSV_FIELD_IGNORE, DL_CSV_FIELD_IGNORE,
    DL_CSV_FIELD_AUTOSHIP, DL_CSV_FIELD_NEXT_AUTOSHIP, DL_CSV_FIELD_RENEWAL, DL_CSV_FIELD_QUALIFIED,
    DL_CSV_FIELD_LEFT_VOLUME, DL_CSV_FIELD_RIGHT_VOLUME, DL_CSV_FIELD_STATUS, DL_CSV_FIELD_LAST_ORDER,
    DL_CSV_FIELD_FIRST_ORDER,
  };
  g_autoptr(DlCsvTable) table = parse (ROLES_FILE);
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_UNKNOWN);
  const DlImportRow *ana = find_row (result, "1001");
  const double *past;
  const DlImportRow *bo = find_row (result, "1002");
  const DlImportRow *cy = find_row (result, "1003");

  g_assert_cmpuint (mapping->n_columns, ==, G_N_ELEMENTS (expected));
  for (guint c = 0; c < G_N_ELEMENTS (expected) && c < mapping->n_columns; c++)
    {
      g_test_message ("column %u", c);
      g_assert_cmpint (mapping->columns[c], ==, expected[c]);
    }

  g_assert_cmpuint (result->rejected->len, ==, 0);
  g_assert_true (result->has_highest_rank);
  g_assert_cmpint (result->period, ==, DL_PERIOD_NONE);
  g_assert_cmpuint (result->past_periods->len, ==, 2);
  if (result->past_periods->len == 2)
    {
      g_assert_cmpint (g_array_index (result->past_periods, DlPeriod, 0), ==, dl_period_from_ym (2026, 9));
      g_assert_cmpint (g_array_index (result->past_periods, DlPeriod, 1), ==, dl_period_from_ym (2026, 10));
    }
  /* said, since the assistant shows them as columns not imported */
  g_assert_cmpuint (result->notes->len, ==, 1);
  g_assert_cmpstr (result->notes->len > 0 ? result->notes->pdata[0] : "", ==,
                   "The columns “PPV 2026-09”, “PPV 2026-10” are the personal volume of earlier months: "
                   "they fill those months’ figures.");

  g_assert_cmpstr (ana->rank, ==, "Gold");
  g_assert_cmpstr (ana->paid_rank, ==, "Silver");
  g_assert_cmpfloat_with_epsilon (ana->pv, 120, 1e-9);
  g_assert_cmpint (ana->autoship, ==, 1);
  assert_day (ana->next_autoship, "2026-12-05");
  assert_day (ana->renewal_on, "2027-01-10");
  assert_day (ana->last_order, "2026-11-03");
  assert_day (ana->first_order, "2024-01-12");
  g_assert_cmpint (ana->qualified, ==, 1);
  g_assert_cmpfloat_with_epsilon (ana->left_volume, 1500, 1e-9);
  g_assert_cmpfloat_with_epsilon (ana->right_volume, 900, 1e-9);
  past = dl_import_row_get_past_pv (result, ana);
  if (past == NULL)
    g_error ("member 1001 has no earlier months' PV");
  g_assert_cmpfloat_with_epsilon (past[0], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (past[1], 110, 1e-9);

  g_assert_cmpint (bo->autoship, ==, 0);
  g_assert_cmpint (bo->next_autoship, ==, DL_DAY_NONE);
  g_assert_cmpint (bo->qualified, ==, 0);
  g_assert_cmpfloat_with_epsilon (bo->right_volume, 0, 1e-9);

  /* blanks are unknowns; "x" is a yes */
  g_assert_cmpstr (cy->paid_rank, ==, "");
  g_assert_cmpint (cy->autoship, ==, 1);
  g_assert_cmpint (cy->renewal_on, ==, DL_DAY_NONE);
  g_assert_cmpint (cy->qualified, ==, -1);
  g_assert_true (isnan (cy->left_volume));
  g_assert_true (isnan (cy->right_volume));
  g_assert_cmpint (cy->status, ==, DL_MEMBER_INACTIVE);
  past = dl_import_row_get_past_pv (result, cy);
  if (past == NULL)
    g_error ("member 1003 has no earlier months' PV");
  g_assert_cmpfloat_with_epsilon (past[0], 40, 1e-9);
  g_assert_true (isnan (past[1]));
}

static void
test_past_pv_headers (void)
{
  static const struct { const char *header; int year, month; } cases[] = {
    { "PPV 2026-10", 2026, 10 },
    { "PV Oct 2026", 2026, 10 },
    { "PV 10/2026", 2026, 10 },
    { "PV 2026/9", 2026, 9 },
    { "2026-10 PV", 2026, 10 },
    { "PQV (Sept 2026)", 2026, 9 },
    { "Volumen personal octubre 2026", 2026, 10 },
    { "PV", 0, 0 },
    { "PPV 2026", 0, 0 },
    { "PV 13/2026", 0, 0 },
    { "PV Oct 26", 0, 0 },
    { "GV 2026-10", 0, 0 },
    { "Rank 2026-10", 0, 0 },
    { "Join Date 2026-10", 0, 0 },
    { "PV 2026-10-01", 0, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      DlPeriod period = DL_PERIOD_NONE;

      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (dl_csv_header_past_pv (cases[i].header, &period), ==, cases[i].year != 0);
      if (cases[i].year != 0)
        g_assert_cmpint (period, ==, dl_period_from_ym (cases[i].year, cases[i].month));
    }
}

/* One rank column, whatever it is called, is the rank, as it was
 * before the paid rank had a field; an "Active" yes/no column is the
 * status, unless the file has a status column of its own. */
static void
test_rank_and_active_alone (void)
{
  g_autoptr(DlCsvTable) paid_alone = parse ("Member ID,Name,Paid Rank,Active\n1,Ann Lee,Gold,Y\n2,Bo Kim,,N\n");
  g_autoptr(DlCsvTable) with_status = parse ("Member ID,Name,Active,Status\n1,Ann Lee,N,Active\n");
  g_autoptr(DlCsvMapping) alone = dl_csv_mapping_guess (paid_alone);
  g_autoptr(DlCsvMapping) beside = dl_csv_mapping_guess (with_status);
  g_autoptr(DlImportResult) result = validate (paid_alone, DL_DATE_ORDER_UNKNOWN);

  g_assert_cmpint (alone->columns[2], ==, DL_CSV_FIELD_RANK);
  g_assert_cmpint (alone->columns[3], ==, DL_CSV_FIELD_STATUS);
  g_assert_cmpint (beside->columns[2], ==, DL_CSV_FIELD_IGNORE);
  g_assert_cmpint (beside->columns[3], ==, DL_CSV_FIELD_STATUS);

  g_assert_false (result->has_highest_rank);
  g_assert_cmpstr (find_row (result, "1")->rank, ==, "Gold");
  g_assert_cmpstr (find_row (result, "1")->paid_rank, ==, "");
  g_assert_cmpint (find_row (result, "1")->status, ==, DL_MEMBER_ACTIVE);
  g_assert_cmpint (find_row (result, "2")->status, ==, DL_MEMBER_INACTIVE);
  g_assert_true (find_row (result, "2")->has_status);
  g_assert_null (dl_import_row_get_past_pv (result, find_row (result, "1")));
  g_assert_cmpuint (result->past_periods->len, ==, 0);
}

/* A volume that is no number, a date that is no date and a flag that
 * is neither yes nor no in the new columns reject their row, by line,
 * as the others do; a terminated yes makes the member dropped */
static void
test_roles_bad_rows (void)
{
  static const Problem expected[] = {
    { 3, "the left leg volume “lots” is not a number", 0 },
    { 4, "Next autoship “31/02/2026” is not a date", 0 },
    { 5, "Renewal date “soon” is not a date", 0 },
    { 6, "the qualified flag “maybe” is not a yes or a no", 0 },
    { 7, "the personal volume of 2026-10 “n/a” is not a number", 0 },
    { 8, "the terminated flag “perhaps” is not a yes or a no", 0 },
    { 9, "the right leg volume “-5” is not a number", 0 },
  };
  g_autoptr(DlCsvTable) table = parse ("ID,Name,Left Volume,Right Volume,Next Autoship,Renewal,Qualified,"
                                       "PV 10/2026,Terminated,Status\n"
                                       "1,Ann Lee,10,20,05/12/2026,10/01/2027,yes,5,no,Active\n"
                                       "2,Bo Kim,lots,,,,,,,\n"
                                       "3,Cy Lee,,,31/02/2026,,,,,\n"
                                       "4,Di Fox,,,,soon,,,,\n"
                                       "5,Ed Moss,,,,,maybe,,,\n"
                                       "6,Flo Nash,,,,,,n/a,,\n"
                                       "7,Gus Orr,,,,,,,perhaps,\n"
                                       "8,Hal Ito,,-5,,,,,,\n"
                                       "9,Ida Paz,,,,,,,yes,Active\n");
  g_autoptr(DlImportResult) result = validate (table, DL_DATE_ORDER_DMY);
  const DlImportRow *ann = find_row (result, "1");

  g_assert_cmpuint (result->rejected->len, ==, G_N_ELEMENTS (expected));
  assert_problems (result->rejected, 0, expected, G_N_ELEMENTS (expected), 0);
  g_assert_cmpuint (result->rows->len, ==, 2);
  assert_day (ann->next_autoship, "2026-12-05");
  assert_day (ann->renewal_on, "2027-01-10");
  g_assert_cmpint (ann->status, ==, DL_MEMBER_ACTIVE);
  g_assert_cmpint (find_row (result, "9")->status, ==, DL_MEMBER_DROPPED);
  g_assert_true (find_row (result, "9")->has_status);
}

static gboolean
known_outside (const char *number,
               gpointer    data)
{
  return g_str_equal (number, "900") || g_str_equal (number, "901");
}

/* Whether text lies in the table's cells, from its first cell to the
 * end of its last. */
static gboolean
in_table (const DlCsvTable *table,
          const char       *text)
{
  guint last_row = dl_csv_table_get_n_rows (table) - 1;
  const char *first = dl_csv_table_get (table, 0, 0);
  const char *last = dl_csv_table_get (table, last_row, dl_csv_table_get_row_length (table, last_row) - 1);

  return text >= first && text <= last + strlen (last);
}

static void
assert_row_outside_table (const DlCsvTable  *table,
                          const DlImportRow *row)
{
  const char *const texts[] = {
    row->member_number, row->sponsor_number, row->first_name, row->last_name, row->email, row->phone,
    row->rank, row->city, row->notes, row->paid_rank, row->placement_number,
  };

  for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
    if (in_table (table, texts[k]))
      {
        g_test_message ("line %u: text %u (“%s”) is the table's", row->line, k, texts[k]);
        g_test_fail ();
      }
}

/* The rows' text is the result's own, whatever it came from: the
 * numbers of enrollers and placement parents outside the file (kept
 * only once checked), names split from a full-name cell, a sponsor
 * that is the placement parent.  The caller frees the table as soon as
 * it is checked (the assistant before the write, the bench to measure
 * the peak). */
static void
test_text_outlives_table (void)
{
  g_autoptr(DlCsvTable) table = parse ("Account Number,Enroller,Placement,Name\n"
                                       "100,900,901,\"Ruiz, Ana\"\n"
                                       "101,100,100,Ben  Lee\n"
                                       "102,900,101,\"Cy\nDay\"\n");
  g_autoptr(DlCsvTable) placed = parse ("Account Number,Placement,Name\n"
                                        "200,901,Ann Bo\n"
                                        "201,200,Bo Cy\n");
  g_autoptr(DlCsvMapping) mapping = dl_csv_mapping_guess (table);
  g_autoptr(DlCsvMapping) placed_mapping = dl_csv_mapping_guess (placed);
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlImportResult) placed_result = NULL;
  g_autoptr(GError) error = NULL;
  const DlImportRow *ana, *ben, *cy, *ann, *bo;

  result = dl_csv_import_validate (table, mapping, DL_DATE_ORDER_DMY, DL_UNKNOWN_SPONSOR_USER, known_outside, NULL,
                                   &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->rows->len, ==, 3);
  for (guint i = 0; i < result->rows->len; i++)
    assert_row_outside_table (table, &g_array_index (result->rows, DlImportRow, i));

  ana = find_row (result, "100");
  ben = find_row (result, "101");
  cy = find_row (result, "102");
  g_assert_cmpstr (ana->sponsor_number, ==, "900");
  g_assert_cmpstr (ana->placement_number, ==, "901");
  g_assert_cmpstr (ana->first_name, ==, "Ana");
  g_assert_cmpstr (ana->last_name, ==, "Ruiz");
  /* an enroller in the file is their row's own number */
  g_assert_true (ben->sponsor_number == ana->member_number);
  g_assert_true (ben->placement_number == ana->member_number);
  g_assert_cmpstr (ben->first_name, ==, "Ben");
  g_assert_cmpstr (ben->last_name, ==, "Lee");
  g_assert_cmpstr (cy->sponsor_number, ==, "900");
  g_assert_true (cy->placement_number == ben->member_number);
  g_assert_cmpstr (cy->first_name, ==, "Cy");
  g_assert_cmpstr (cy->last_name, ==, "Day");

  /* no enroller column: the placement parent is the enroller too (a
   * "Placement" column alone is guessed to be the enroller: the person
   * says it is the placement) */
  dl_csv_mapping_set (placed_mapping, 1, DL_CSV_FIELD_PLACEMENT_NUMBER);
  placed_result = dl_csv_import_validate (placed, placed_mapping, DL_DATE_ORDER_DMY, DL_UNKNOWN_SPONSOR_USER,
                                          known_outside, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (placed_result);
  g_assert_cmpuint (placed_result->rows->len, ==, 2);
  for (guint i = 0; i < placed_result->rows->len; i++)
    assert_row_outside_table (placed, &g_array_index (placed_result->rows, DlImportRow, i));
  ann = find_row (placed_result, "200");
  bo = find_row (placed_result, "201");
  g_assert_true (ann->enroller_from_placement);
  g_assert_cmpstr (ann->placement_number, ==, "901");
  g_assert_cmpstr (ann->sponsor_number, ==, "901");
  g_assert_true (bo->placement_number == ann->member_number);
  g_assert_true (bo->sponsor_number == ann->member_number);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/csv-import/samples", test_samples);
  g_test_add_func ("/csv-import/line-numbers", test_line_numbers);
  g_test_add_func ("/csv-import/header-names", test_header_names);
  g_test_add_func ("/csv-import/mapping", test_mapping);
  g_test_add_func ("/csv-import/dates", test_dates);
  g_test_add_func ("/csv-import/status-words", test_status_words);
  g_test_add_func ("/csv-import/bad-rows", test_bad_rows);
  g_test_add_func ("/csv-import/bad-rows-big-file", test_bad_rows_big_file);
  g_test_add_func ("/csv-import/known-sponsor", test_known_sponsor);
  g_test_add_func ("/csv-import/ambiguous-dates", test_ambiguous_dates);
  g_test_add_func ("/csv-import/sponsor-order", test_sponsor_order);
  g_test_add_func ("/csv-import/roles", test_roles);
  g_test_add_func ("/csv-import/bad-files", test_bad_files);
  g_test_add_func ("/csv-import/too-long", test_too_long);
  g_test_add_func ("/csv-import/cut-short", test_cut_short);
  g_test_add_func ("/csv-import/quote-never-closed", test_quote_never_closed);
  g_test_add_func ("/csv-import/big-file-from-disk", test_big_file_from_disk);
  g_test_add_func ("/csv-import/utf16-nul-in-cell", test_utf16_nul_in_cell);
  g_test_add_func ("/csv-import/wide-rows", test_wide_rows);
  g_test_add_func ("/csv-import/real/nul-and-stray-byte", test_real_nul_and_stray_byte);
  g_test_add_func ("/csv-import/real/upline-and-sponsor", test_real_upline_and_sponsor);
  g_test_add_func ("/csv-import/real/enroller-and-sponsor", test_real_enroller_and_sponsor);
  g_test_add_func ("/csv-import/real/sponsor-only", test_real_sponsor_only);
  g_test_add_func ("/csv-import/placement-bad-rows", test_placement_bad_rows);
  g_test_add_func ("/csv-import/placement-parent-rejected", test_placement_parent_rejected);
  g_test_add_func ("/csv-import/side-words", test_side_words);
  g_test_add_func ("/csv-import/field-keys", test_field_keys);
  g_test_add_func ("/csv-import/real/month-names", test_real_month_names);
  g_test_add_func ("/csv-import/real/zero-padded", test_real_zero_padded);
  g_test_add_func ("/csv-import/real/crlf-email", test_real_crlf_email);
  g_test_add_func ("/csv-import/guess-user", test_guess_user);
  g_test_add_func ("/csv-import/mapping-text", test_mapping_text);
  g_test_add_func ("/csv-import/two-row-header", test_two_row_header);
  g_test_add_func ("/csv-import/real/formula-names", test_real_formula_names);
  g_test_add_func ("/csv-import/real/unread-date-column", test_real_unread_date_column);
  g_test_add_func ("/csv-import/member-cells", test_member_cells);
  g_test_add_func ("/csv-import/member-cells-rows", test_member_cells_rows);
  g_test_add_func ("/csv-import/real/names-in-number-cells", test_real_names_in_number_cells);
  g_test_add_func ("/csv-import/real/countries-two-members", test_real_countries_two_members);
  g_test_add_func ("/csv-import/countries-bad-rows", test_countries_bad_rows);
  g_test_add_func ("/csv-import/countries-known-qualified", test_countries_known_qualified);
  g_test_add_func ("/csv-import/countries-bare-number", test_countries_bare_number);
  g_test_add_func ("/csv-import/countries-spellings", test_countries_spellings);
  g_test_add_func ("/csv-import/real/start-date-is-first-order", test_real_start_date);
  g_test_add_func ("/csv-import/real/doterra-volumes", test_real_doterra_volumes);
  g_test_add_func ("/csv-import/back-office-roles", test_back_office_roles);
  g_test_add_func ("/csv-import/past-pv-headers", test_past_pv_headers);
  g_test_add_func ("/csv-import/rank-and-active-alone", test_rank_and_active_alone);
  g_test_add_func ("/csv-import/roles-bad-rows", test_roles_bad_rows);
  g_test_add_func ("/csv-import/text-outlives-table", test_text_outlives_table);
  g_test_add_func ("/csv-import/known-let-go", test_known_let_go);

  return g_test_run ();
}

/* test-xlsx.c — Excel workbooks read as rows of text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbooks are written here, part by part, with libarchive's zip
 * writer, in the shapes Excel and LibreOffice save.
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "dl-csv-import.h"
#include "dl-xlsx.h"

#define WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"" \
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<workbookPr%s/><sheets><sheet name=\"Downline\" sheetId=\"1\" r:id=\"rId3\"/>" \
  "<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId4\"/></sheets></workbook>"

#define RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet2.xml\"/>" \
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"%s\"/>" \
  "</Relationships>"

#define STYLES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<numFmts count=\"3\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>" \
  "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot; days&quot;\"/>" \
  "<numFmt numFmtId=\"166\" formatCode=\"[$-409]mmmm\\ d,\\ yyyy\"/></numFmts>" \
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" \
  "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>" \
  "<xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>"

#define STRINGS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\" uniqueCount=\"4\">" \
  "<si><t>Member ID</t></si><si><t>Sponsor ID</t></si>" \
  "<si><r><rPr><b/></rPr><t>Ana</t></r><r><t xml:space=\"preserve\"> Ruiz</t></r>" \
  "<rPh sb=\"0\" eb=\"1\"><t>アナ</t></rPh></si>" \
  "<si><t>Start Date</t></si><si/></sst>"

#define SHEET \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
  "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>" \
  "<c r=\"C1\" t=\"inlineStr\"><is><t>Name</t></is></c><c r=\"D1\" t=\"s\"><v>3</v></c>" \
  "<c r=\"E1\" t=\"inlineStr\"><is><t>Autoship</t></is></c></row>" \
  "<row r=\"2\"><c r=\"A2\"><v>900057</v></c><c r=\"B2\"><v>900001</v></c><c r=\"C2\" t=\"s\"><v>2</v></c>" \
  "<c r=\"D2\" s=\"1\"><v>45366</v></c><c r=\"E2\" t=\"b\"><v>1</v></c></row>" \
  "<row r=\"4\"><c r=\"A4\"><v>900058</v></c><c r=\"C4\" t=\"str\"><f>UPPER(\"ben\")</f><v>BEN</v></c>" \
  "<c r=\"D4\" s=\"2\"><v>45366.75</v></c><c r=\"E4\" s=\"3\"><v>3</v></c></row>" \
  "<row r=\"5\"><c r=\"C5\" t=\"inlineStr\"><is><t>Cai</t></is></c><c r=\"D5\" t=\"e\"><v>#N/A</v></c>" \
  "<c r=\"F5\" s=\"4\"><v>59</v></c><c r=\"G5\" s=\"1\"><v>61</v></c><c r=\"H5\" t=\"s\"><v>4</v></c>" \
  "<c r=\"I5\" t=\"s\"><v>99</v></c></row>" \
  "<row r=\"6\"/>" \
  "</sheetData></worksheet>"

static GBytes *
make_zip (const char *const *names_and_contents)
{
  struct archive *zip = archive_write_new ();
  gsize size = 1 << 20;
  g_autofree char *buffer = g_malloc (size);
  size_t used = 0;

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_memory (zip, buffer, size, &used), ==, ARCHIVE_OK);
  for (guint i = 0; names_and_contents[i] != NULL; i += 2)
    {
      struct archive_entry *entry = archive_entry_new ();
      const char *content = names_and_contents[i + 1];

      archive_entry_set_pathname (entry, names_and_contents[i]);
      archive_entry_set_size (entry, (la_int64_t) strlen (content));
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      g_assert_cmpint (archive_write_data (zip, content, strlen (content)), ==, (la_ssize_t) strlen (content));
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);

  return g_bytes_new (buffer, used);
}

static GBytes *
make_workbook (const char *workbook_pr,
               const char *target,
               const char *sheet_name,
               const char *sheet)
{
  g_autofree char *workbook = g_strdup_printf (WORKBOOK, workbook_pr);
  g_autofree char *rels = g_strdup_printf (RELS, target);
  const char *parts[] = {
    "[Content_Types].xml", "<Types/>",
    "xl/workbook.xml", workbook,
    "xl/_rels/workbook.xml.rels", rels,
    "xl/styles.xml", STYLES,
    "xl/sharedStrings.xml", STRINGS,
    "xl/worksheets/sheet2.xml", "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>",
    sheet_name, sheet,
    NULL,
  };

  return make_zip (parts);
}

static char *
joined (const DlXlsxSheet *sheet,
        guint              row)
{
  return g_strjoinv ("|", sheet->rows->pdata[row]);
}

static void
test_cells (void)
{
  g_autoptr(GBytes) bytes = make_workbook ("", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml", SHEET);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlXlsxSheet) sheet = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const guint lines[] = { 1, 2, 4, 5, 6 };
  const char *expected[] = {
    "Member ID|Sponsor ID|Name|Start Date|Autoship",
    /* a rich-text string's runs joined, its phonetic guide left out */
    "900057|900001|Ana Ruiz|2024-03-15|TRUE",
    /* a formula's result; a date with a time of day; "0.00 days" is no date */
    "900058||BEN|2024-03-15|3",
    /* the 1900 calendar's false 29 February; an error; a string index
     * past the table */
    "||Cai|||1900-02-28|1900-03-01||",
    "",
  };

  g_assert_true (dl_xlsx_looks_like_zip (data, length));
  sheet = dl_xlsx_read (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  if (sheet == NULL)
    return;
  g_assert_cmpstr (sheet->sheet, ==, "Downline");
  g_assert_cmpuint (sheet->rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < MIN (sheet->rows->len, G_N_ELEMENTS (expected)); i++)
    {
      g_autofree char *row = joined (sheet, i);

      g_assert_cmpstr (row, ==, expected[i]);
      g_assert_cmpuint (g_array_index (sheet->lines, guint, i), ==, lines[i]);
    }
}

/* Workbooks from a Mac used to count days from 1904; a target may be
 * absolute. */
static void
test_date1904_and_absolute_target (void)
{
  const char *sheet_xml =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43904</v></c></row></sheetData></worksheet>";
  g_autoptr(GBytes) bytes = make_workbook (" date1904=\"1\"", "/xl/worksheets/data.xml",
                                           "xl/worksheets/data.xml", sheet_xml);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlXlsxSheet) sheet = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  sheet = dl_xlsx_read (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sheet);
  if (sheet == NULL)
    return;
  g_assert_cmpuint (sheet->rows->len, ==, 1);
  g_assert_cmpstr (((char **) sheet->rows->pdata[0])[0], ==, "2024-03-15");
}

static void
test_refused (void)
{
  const char *not_workbook[] = { "word/document.xml", "<document/>", NULL };
  g_autoptr(GBytes) zip = make_zip (not_workbook);
  g_autoptr(GBytes) broken = make_workbook ("", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml",
                                            "<worksheet><sheetData><row r=\"1\"><c><v>1</v></row>");
  g_autoptr(GBytes) missing = make_workbook ("", "worksheets/gone.xml", "xl/worksheets/sheet1.xml", SHEET);
  const char csv[] = "Member ID,Sponsor ID\n1,\n";
  gsize length;
  const char *data;

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (dl_xlsx_looks_like_zip (csv, strlen (csv)));
    g_assert_null (dl_xlsx_read (csv, strlen (csv), &error));
    g_assert_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX);
  }
  {
    g_autoptr(GError) error = NULL;

    data = g_bytes_get_data (zip, &length);
    g_assert_null (dl_xlsx_read (data, length, &error));
    g_assert_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX);
    g_test_message ("%s", error != NULL ? error->message : "");
  }
  {
    g_autoptr(GError) error = NULL;

    data = g_bytes_get_data (broken, &length);
    g_assert_null (dl_xlsx_read (data, length, &error));
    g_assert_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_DAMAGED);
  }
  {
    g_autoptr(GError) error = NULL;

    data = g_bytes_get_data (missing, &length);
    g_assert_null (dl_xlsx_read (data, length, &error));
    g_assert_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX);
    g_assert_nonnull (error != NULL ? strstr (error->message, "gone.xml") : NULL);
  }
}

/* A workbook given to the import reads as a table: its rows by their
 * row numbers, blank rows left out, and the columns found by their
 * headers as a CSV's are. */
static void
test_as_table (void)
{
  g_autoptr(GBytes) bytes = make_workbook ("", "worksheets/sheet1.xml", "xl/worksheets/sheet1.xml", SHEET);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  table = dl_csv_table_new_from_data (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  if (table == NULL)
    return;
  g_assert_cmpint (dl_csv_table_get_encoding (table), ==, DL_CSV_ENCODING_XLSX);
  g_assert_cmpstr (dl_csv_encoding_to_string (dl_csv_table_get_encoding (table)), ==, "Excel workbook (.xlsx)");
  g_assert_cmpuint (dl_csv_table_get_n_rows (table), ==, 4);   /* the header, rows 2, 4 and 5 */
  g_assert_cmpuint (dl_csv_table_get_n_columns (table), ==, 5);
  g_assert_cmpstr (dl_csv_table_get (table, 1, 2), ==, "Ana Ruiz");
  g_assert_cmpstr (dl_csv_table_get (table, 2, 0), ==, "900058");
  g_assert_cmpuint (dl_csv_table_get_line (table, 2), ==, 4);
  g_assert_cmpuint (dl_csv_table_get_line (table, 3), ==, 5);
  g_assert_cmpstr (dl_csv_table_get (table, 3, 8), ==, "");
  g_assert_cmpuint (strlen (dl_csv_table_get_checksum (table)), ==, 64);

  mapping = dl_csv_mapping_guess (table);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER), ==, 0);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_SPONSOR_NUMBER), ==, 1);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME), ==, 2);
  /* "Start Date" is the first order (Purium's word), and the join day
   * where no column gives one */
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_ORDER), ==, 3);
  g_assert_cmpint (dl_csv_mapping_find (mapping, DL_CSV_FIELD_JOINED_ON), ==, -1);

  /* a zip that is no workbook is refused, in words */
  {
    const char *parts[] = { "notes.txt", "hello", NULL };
    g_autoptr(GBytes) zip = make_zip (parts);
    g_autoptr(DlCsvTable) none = NULL;
    gsize zip_length;
    const char *zip_data = g_bytes_get_data (zip, &zip_length);

    none = dl_csv_table_new_from_data (zip_data, zip_length, &error);
    g_assert_null (none);
    g_assert_error (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "The workbook could not be read"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/xlsx/cells", test_cells);
  g_test_add_func ("/xlsx/date1904-and-absolute-target", test_date1904_and_absolute_target);
  g_test_add_func ("/xlsx/refused", test_refused);
  g_test_add_func ("/xlsx/as-table", test_as_table);

  return g_test_run ();
}

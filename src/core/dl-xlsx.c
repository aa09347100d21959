/* dl-xlsx.c — the first sheet of an Excel workbook (.xlsx) as rows of text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-core"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>
#include <string.h>

#include "dl-xlsx.h"

/* Excel's own limits: 16,384 columns; rows far past anything a back
 * office exports. */
#define MAX_COLUMNS 16384
#define MAX_ROWS    20000000

G_DEFINE_QUARK (dl-xlsx-error-quark, dl_xlsx_error)

gboolean
dl_xlsx_looks_like_zip (const char *data,
                        gsize       length)
{
  return length >= 4 && memcmp (data, "PK\3\4", 4) == 0;
}

void
dl_xlsx_sheet_free (DlXlsxSheet *sheet)
{
  if (sheet == NULL)
    return;

  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_clear_pointer (&sheet->lines, g_array_unref);
  g_free (sheet->sheet);
  g_free (sheet);
}

/* The zip ------------------------------------------------------------ */

typedef struct
{
  struct archive *archive;
  gint64          read;
  gboolean        too_large;
} Part;

static void
part_close (Part *part)
{
  if (part->archive != NULL)
    archive_read_free (part->archive);
  part->archive = NULL;
}

/* Opens the zip in data at the entry named name ("xl/workbook.xml");
 * FALSE when the zip has no such entry. */
static gboolean
part_open (Part        *part,
           const char  *data,
           gsize        length,
           const char  *name,
           GError     **error)
{
  struct archive_entry *entry;
  int rc;

  memset (part, 0, sizeof *part);
  part->archive = archive_read_new ();
  archive_read_support_format_zip (part->archive);
  rc = archive_read_open_memory (part->archive, data, length);
  if (rc != ARCHIVE_OK)
    {
      g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX,
                   _("The file is not an Excel workbook (.xlsx): %s"),
                   archive_error_string (part->archive) ? archive_error_string (part->archive) : "?");
      part_close (part);
      return FALSE;
    }

  while ((rc = archive_read_next_header (part->archive, &entry)) == ARCHIVE_OK)
    {
      const char *entry_name = archive_entry_pathname (entry);

      if (entry_name != NULL && entry_name[0] == '/')
        entry_name++;
      if (g_strcmp0 (entry_name, name) == 0)
        return TRUE;
      archive_read_data_skip (part->archive);
    }

  if (rc != ARCHIVE_EOF)
    g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX,
                 _("The file is not an Excel workbook (.xlsx): %s"),
                 archive_error_string (part->archive) ? archive_error_string (part->archive) : "?");
  part_close (part);
  return FALSE;
}

static int
part_read_cb (void *context,
              char *buffer,
              int   len)
{
  Part *part = context;
  la_ssize_t n = archive_read_data (part->archive, buffer, (size_t) len);

  if (n < 0)
    return -1;
  part->read += n;
  if (part->read > DL_XLSX_MAX_PART_SIZE)
    {
      part->too_large = TRUE;
      return -1;
    }
  return (int) n;
}

static int
part_close_cb (void *context)
{
  return 0;
}

/* A streaming XML reader over the part; no network, no entities
 * expanded from outside. */
static xmlTextReaderPtr
part_reader (Part *part)
{
  return xmlReaderForIO (part_read_cb, part_close_cb, part, NULL, NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
}

static gboolean
reader_failed (Part        *part,
               int          rc,
               const char  *name,
               GError     **error)
{
  if (rc >= 0)
    return FALSE;

  if (part->too_large)
    g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_TOO_LARGE,
                 _("The workbook’s part “%s” unpacks to more than %d MB; it is not read."),
                 name, (int) (DL_XLSX_MAX_PART_SIZE >> 20));
  else
    g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_DAMAGED,
                 _("The workbook’s part “%s” is damaged and cannot be read."), name);
  return TRUE;
}

static gboolean
is_element (xmlTextReaderPtr  reader,
            const char       *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

static gboolean
is_end (xmlTextReaderPtr  reader,
        const char       *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT &&
         g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

/* An attribute by its local name, whatever its prefix (r:id). */
static char *
attribute (xmlTextReaderPtr  reader,
           const char       *local_name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (reader) != 1)
    return NULL;
  do
    {
      if (g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (reader) == 1);
  xmlTextReaderMoveToElement (reader);

  return value;
}

/* The workbook: which part is the first sheet ------------------------ */

typedef struct
{
  char     *sheet_name;
  char     *sheet_rel;      /* r:id of the first sheet */
  gboolean  date1904;
} Workbook;

static gboolean
read_workbook (const char  *data,
               gsize        length,
               Workbook    *book,
               GError     **error)
{
  xmlTextReaderPtr reader;
  Part part;
  int rc;

  if (!part_open (&part, data, length, "xl/workbook.xml", error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX,
                     _("The file is a zip archive but not an Excel workbook (.xlsx): it has no workbook."));
      return FALSE;
    }

  reader = part_reader (&part);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "workbookPr"))
        {
          g_autofree char *date1904 = attribute (reader, "date1904");

          book->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (is_element (reader, "sheet") && book->sheet_rel == NULL)
        {
          book->sheet_name = attribute (reader, "name");
          book->sheet_rel = attribute (reader, "id");
        }
    }
  xmlFreeTextReader (reader);
  part_close (&part);

  return !reader_failed (&part, rc, "xl/workbook.xml", error);
}

/* The part a relationship id points at, from xl/_rels/workbook.xml.rels;
 * the usual first sheet when the workbook does not say. */
static char *
sheet_part (const char  *data,
            gsize        length,
            const char  *rel)
{
  g_autofree char *target = NULL;
  xmlTextReaderPtr reader;
  Part part;

  if (rel == NULL || !part_open (&part, data, length, "xl/_rels/workbook.xml.rels", NULL))
    return g_strdup ("xl/worksheets/sheet1.xml");

  reader = part_reader (&part);
  while (target == NULL && xmlTextReaderRead (reader) == 1)
    if (is_element (reader, "Relationship"))
      {
        g_autofree char *id = attribute (reader, "Id");

        if (g_strcmp0 (id, rel) == 0)
          target = attribute (reader, "Target");
      }
  xmlFreeTextReader (reader);
  part_close (&part);

  if (target == NULL)
    return g_strdup ("xl/worksheets/sheet1.xml");
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

/* Shared strings ----------------------------------------------------- */

/* The table of strings cells refer to by number; rich text runs are
 * joined, phonetic guides (rPh) left out. */
static GPtrArray *
read_shared_strings (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) current = NULL;
  xmlTextReaderPtr reader;
  gboolean in_t = FALSE;
  guint in_phonetic = 0;
  Part part;
  int rc;

  if (!part_open (&part, data, length, "xl/sharedStrings.xml", error))
    return error != NULL && *error != NULL ? NULL : g_steal_pointer (&strings);

  reader = part_reader (&part);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      if (is_element (reader, "si"))
        {
          current = g_string_new (NULL);
          if (xmlTextReaderIsEmptyElement (reader))
            g_ptr_array_add (strings, g_string_free (g_steal_pointer (&current), FALSE));
        }
      else if (is_end (reader, "si") && current != NULL)
        g_ptr_array_add (strings, g_string_free (g_steal_pointer (&current), FALSE));
      else if (is_element (reader, "rPh") && !xmlTextReaderIsEmptyElement (reader))
        in_phonetic++;
      else if (is_end (reader, "rPh") && in_phonetic > 0)
        in_phonetic--;
      else if (is_element (reader, "t"))
        in_t = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "t"))
        in_t = FALSE;
      else if ((type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA) &&
               in_t && in_phonetic == 0 && current != NULL)
        g_string_append (current, (const char *) xmlTextReaderConstValue (reader));
    }
  xmlFreeTextReader (reader);
  part_close (&part);

  if (reader_failed (&part, rc, "xl/sharedStrings.xml", error))
    return NULL;

  return g_steal_pointer (&strings);
}

/* Styles: which cell formats show a date ----------------------------- */

/* Excel's built-in number formats that are dates or date-times. */
static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* A custom format code shows a date when, outside quoted text and
 * [colour] or [$-locale] brackets, it has a day or a year in it. */
static gboolean
code_is_date (const char *code)
{
  gboolean quoted = FALSE;
  guint bracket = 0;

  for (const char *p = code; p != NULL && *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted && *p == '[')
        bracket++;
      else if (!quoted && *p == ']' && bracket > 0)
        bracket--;
      else if (!quoted && bracket == 0 && strchr ("dDyY", *p) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* For each cell style index (the c element's s), whether it is a date. */
static GArray *
read_date_styles (const char  *data,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GArray) dates = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_autoptr(GHashTable) custom = g_hash_table_new (g_direct_hash, g_direct_equal);
  xmlTextReaderPtr reader;
  gboolean in_cell_xfs = FALSE;
  Part part;
  int rc;

  if (!part_open (&part, data, length, "xl/styles.xml", error))
    return error != NULL && *error != NULL ? NULL : g_steal_pointer (&dates);

  /* numFmts come before cellXfs in the part */
  reader = part_reader (&part);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      if (is_element (reader, "numFmt"))
        {
          g_autofree char *id = attribute (reader, "numFmtId");
          g_autofree char *code = attribute (reader, "formatCode");

          if (id != NULL && code_is_date (code))
            g_hash_table_add (custom, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)));
        }
      else if (is_element (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && is_element (reader, "xf"))
        {
          g_autofree char *id_text = attribute (reader, "numFmtId");
          guint id = id_text != NULL ? (guint) g_ascii_strtoull (id_text, NULL, 10) : 0;
          gboolean is_date = builtin_is_date (id) || g_hash_table_contains (custom, GUINT_TO_POINTER (id));

          g_array_append_val (dates, is_date);
        }
    }
  xmlFreeTextReader (reader);
  part_close (&part);

  if (reader_failed (&part, rc, "xl/styles.xml", error))
    return NULL;

  return g_steal_pointer (&dates);
}

/* The sheet ---------------------------------------------------------- */

/* "AB12" → column 27 (0-based), and the row in *row when asked. */
static int
column_of (const char *reference)
{
  int column = 0;
  const char *p;

  for (p = reference; p != NULL && g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return -1;
    }

  return p == reference ? -1 : column - 1;
}

/* A date serial as YYYY-MM-DD: the 1900 system counts Excel's 29
 * February 1900, which never was. */
static char *
serial_to_date (const char *text,
                gboolean    date1904)
{
  char *end = NULL;
  double serial = g_ascii_strtod (text, &end);
  g_autoptr(GDate) date = NULL;
  guint days;

  if (end == text || *end != '\0' || serial < 1 || serial > 2958465)
    return g_strdup (text);

  days = (guint) serial;
  if (date1904)
    date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  else if (days >= 61)
    date = g_date_new_dmy (30, G_DATE_DECEMBER, 1899);
  else
    date = g_date_new_dmy (31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

typedef struct
{
  GPtrArray  *strings;     /* shared strings */
  GArray     *date_styles;
  gboolean    date1904;

  GPtrArray  *cells;       /* the row being read */
  guint       row_number;
  int         column;
  char       *type;
  guint       style;
  GString    *value;
  gboolean    in_value;
} SheetState;

static char *
cell_text (SheetState *s)
{
  const char *type = s->type != NULL ? s->type : "n";

  if (g_str_equal (type, "s"))
    {
      guint64 index;

      if (g_ascii_string_to_unsigned (s->value->str, 10, 0, G_MAXUINT, &index, NULL) &&
          index < s->strings->len)
        return g_strdup (s->strings->pdata[index]);
      return g_strdup ("");
    }
  if (g_str_equal (type, "b"))
    return g_strdup (g_str_equal (s->value->str, "1") ? "TRUE" : "FALSE");
  if (g_str_equal (type, "e"))
    return g_strdup ("");
  if ((g_str_equal (type, "n") || g_str_equal (type, "d")) &&
      s->style < s->date_styles->len && g_array_index (s->date_styles, gboolean, s->style) &&
      s->value->len > 0)
    return serial_to_date (s->value->str, s->date1904);

  return g_strdup (s->value->str);
}

static void
end_cell (SheetState *s)
{
  if (s->column < 0 || s->column >= MAX_COLUMNS)
    return;
  while (s->cells->len < (guint) s->column)
    g_ptr_array_add (s->cells, g_strdup (""));
  if (s->cells->len == (guint) s->column)
    g_ptr_array_add (s->cells, cell_text (s));
  else
    {
      /* a cell named twice: the later one */
      g_free (s->cells->pdata[s->column]);
      s->cells->pdata[s->column] = cell_text (s);
    }
}

static void
end_row (SheetState  *s,
         DlXlsxSheet *sheet)
{
  g_ptr_array_add (s->cells, NULL);
  g_ptr_array_add (sheet->rows, g_ptr_array_steal (s->cells, NULL));
  g_array_append_val (sheet->lines, s->row_number);
  s->cells = g_ptr_array_new ();
}

DlXlsxSheet *
dl_xlsx_read (const char  *data,
              gsize        length,
              GError     **error)
{
  g_autoptr(DlXlsxSheet) sheet = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  g_autoptr(GArray) date_styles = NULL;
  g_autofree char *path = NULL;
  Workbook book = { NULL, };
  SheetState s = { 0, };
  xmlTextReaderPtr reader;
  gboolean in_row = FALSE;
  gboolean too_many = FALSE;
  Part part;
  int rc;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!dl_xlsx_looks_like_zip (data, length))
    {
      g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX,
                   _("The file is not an Excel workbook (.xlsx): it is not a zip archive."));
      return NULL;
    }

  if (!read_workbook (data, length, &book, error))
    goto fail_book;
  path = sheet_part (data, length, book.sheet_rel);
  strings = read_shared_strings (data, length, error);
  if (strings == NULL)
    goto fail_book;
  date_styles = read_date_styles (data, length, error);
  if (date_styles == NULL)
    goto fail_book;

  if (!part_open (&part, data, length, path, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_NOT_XLSX,
                     _("The workbook names a sheet “%s” that it does not have."), path);
      goto fail_book;
    }

  sheet = g_new0 (DlXlsxSheet, 1);
  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sheet->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  sheet->sheet = g_strdup (book.sheet_name != NULL ? book.sheet_name : "");

  s.strings = strings;
  s.date_styles = date_styles;
  s.date1904 = book.date1904;
  s.cells = g_ptr_array_new ();
  s.value = g_string_new (NULL);

  reader = part_reader (&part);
  while ((rc = xmlTextReaderRead (reader)) == 1)
    {
      int type = xmlTextReaderNodeType (reader);

      if (is_element (reader, "row"))
        {
          g_autofree char *r = attribute (reader, "r");
          guint64 number;

          s.row_number = r != NULL && g_ascii_string_to_unsigned (r, 10, 1, G_MAXUINT, &number, NULL)
                         ? (guint) number : s.row_number + 1;
          s.column = -1;
          in_row = TRUE;
          if (xmlTextReaderIsEmptyElement (reader))
            {
              end_row (&s, sheet);
              in_row = FALSE;
            }
          if (sheet->rows->len > MAX_ROWS)
            {
              too_many = TRUE;
              break;
            }
        }
      else if (is_end (reader, "row") && in_row)
        {
          end_row (&s, sheet);
          in_row = FALSE;
        }
      else if (in_row && is_element (reader, "c"))
        {
          g_autofree char *r = attribute (reader, "r");

          s.column = r != NULL ? column_of (r) : s.column + 1;
          g_free (s.type);
          s.type = attribute (reader, "t");
          {
            g_autofree char *style = attribute (reader, "s");

            s.style = style != NULL ? (guint) g_ascii_strtoull (style, NULL, 10) : 0;
          }
          g_string_truncate (s.value, 0);
          s.in_value = FALSE;
          if (xmlTextReaderIsEmptyElement (reader))
            end_cell (&s);
        }
      else if (in_row && is_end (reader, "c"))
        end_cell (&s);
      else if (in_row && (is_element (reader, "v") || is_element (reader, "t")))
        s.in_value = !xmlTextReaderIsEmptyElement (reader);
      else if (in_row && (is_end (reader, "v") || is_end (reader, "t")))
        s.in_value = FALSE;
      else if (s.in_value &&
               (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE ||
                type == XML_READER_TYPE_CDATA))
        g_string_append (s.value, (const char *) xmlTextReaderConstValue (reader));
    }
  xmlFreeTextReader (reader);
  part_close (&part);

  g_ptr_array_free (s.cells, TRUE);
  g_string_free (s.value, TRUE);
  g_free (s.type);
  g_free (book.sheet_name);
  g_free (book.sheet_rel);

  if (too_many)
    {
      g_set_error (error, DL_XLSX_ERROR, DL_XLSX_ERROR_TOO_LARGE,
                   _("The sheet has more than %d rows; it is not read."), MAX_ROWS);
      return NULL;
    }
  if (reader_failed (&part, rc, path, error))
    return NULL;

  return g_steal_pointer (&sheet);

fail_book:
  g_free (book.sheet_name);
  g_free (book.sheet_rel);
  return NULL;
}

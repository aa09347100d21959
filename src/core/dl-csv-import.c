/* dl-csv-import.c — decoding, splitting, mapping and checking CSV exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built for a million rows: the cells of the whole file live in one
 * byte buffer, NUL-separated, with an array of offsets; validation uses
 * flat arrays indexed by row and one hash table of member numbers.
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-charset.h"
#include "dl-csv-import.h"
#include "dl-xlsx.h"
#include "dl-name.h"
#include "dl-validate.h"

G_DEFINE_QUARK (dl-csv-error-quark, dl_csv_error)

struct _DlCsvTable
{
  DlCsvEncoding  encoding;
  char           delimiter;
  GByteArray    *text;        /* cells, each followed by a NUL */
  GArray        *cells;       /* gsize: offset of each cell in text */
  GArray        *row_start;   /* guint: index of the row's first cell; n_rows + 1 */
  GArray        *row_line;    /* guint: line the record starts on */
  GArray        *bad_lines;   /* guint, ascending: lines of a UTF-8 file
                               * with a NUL or bytes that are no UTF-8 */
  gboolean       unended;     /* no line end after the last record */
  char          *checksum;    /* SHA-256 of the bytes, hex */

  /* while parsing */
  guint          line;        /* the line the next record starts on */
  guint          row_newlines;
};

const char *
dl_csv_encoding_to_string (DlCsvEncoding encoding)
{
  switch (encoding)
    {
    case DL_CSV_ENCODING_UTF8_BOM:
      return "UTF-8 (BOM)";
    case DL_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case DL_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case DL_CSV_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    case DL_CSV_ENCODING_XLSX:
      return "Excel workbook (.xlsx)";
    case DL_CSV_ENCODING_UTF8:
    default:
      return "UTF-8";
    }
}

/* ------------------------------------------------------------------ */
/* Decoding                                                            */

/* Whether text that is not valid UTF-8 is still a UTF-8 file with a
 * few flaws (a NUL, a stray byte from a bad copy) rather than a file in
 * another charset: it holds more well-formed multi-byte characters than
 * bad bytes, NULs not counted (they are no evidence of any charset). */
static gboolean
is_flawed_utf8 (const char *data,
                gsize       length)
{
  const char *p = data;
  const char *end = data + length;
  gsize good = 0;
  gsize bad = 0;

  while (p < end)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          bad++;
          p++;
        }
      else
        {
          good++;
          p = g_utf8_next_char (p);
        }
    }

  return good > bad || bad == 0;
}

/* A flawed UTF-8 file's text: every NUL and bad byte becomes U+FFFD,
 * and the line it is on goes into bad_lines, so only those rows are
 * rejected (never the whole file read as Windows-1252, which garbles
 * every accented name). */
static char *
mend_utf8 (const char *data,
           gsize       length,
           gsize      *out_length,
           GArray     *bad_lines)
{
  GString *out = g_string_sized_new (length + 16);
  const char *p = data;
  const char *end = data + length;
  gboolean cr_only = memchr (data, '\n', length) == NULL;
  guint line = 1;

  while (p < end)
    {
      gunichar c = (guchar) *p < 0x80 ? (gunichar) (guchar) *p : g_utf8_get_char_validated (p, end - p);

      if (c == 0 || c == (gunichar) -1 || c == (gunichar) -2)
        {
          if (bad_lines->len == 0 || g_array_index (bad_lines, guint, bad_lines->len - 1) != line)
            g_array_append_val (bad_lines, line);
          g_string_append (out, "\xEF\xBF\xBD");
          p++;
          continue;
        }
      if (*p == '\n' || (cr_only && *p == '\r'))
        line++;
      if (c < 0x80)
        {
          g_string_append_c (out, *p);
          p++;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* The text as UTF-8 without a BOM, newly allocated.  The encoding is
 * decided for the whole file only when the whole file fails UTF-8. */
static char *
decode (const char     *data,
        gsize           length,
        DlCsvEncoding  *encoding,
        gsize          *out_length,
        GArray         *bad_lines,
        GError        **error)
{
  const guchar *u = (const guchar *) data;
  g_autoptr(GError) local_error = NULL;
  const char *from = NULL;
  char *out;
  gsize written = 0;

  if (length >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    {
      *encoding = DL_CSV_ENCODING_UTF16LE;
      from = "UTF-16LE";
    }
  else if (length >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    {
      *encoding = DL_CSV_ENCODING_UTF16BE;
      from = "UTF-16BE";
    }

  if (from != NULL)
    {
      out = g_convert (data + 2, (gssize) (length - 2), "UTF-8", from, NULL, &written, &local_error);
      if (out == NULL)
        {
          g_set_error (error, DL_CSV_ERROR, DL_CSV_ERROR_ENCODING,
                       _("The file says it is %s text, but it is not: %s"), from, local_error->message);
          return NULL;
        }
      *out_length = written;
      return out;
    }

  if (length >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
    {
      *encoding = DL_CSV_ENCODING_UTF8_BOM;
      data += 3;
      length -= 3;
    }
  else
    *encoding = DL_CSV_ENCODING_UTF8;

  if (g_utf8_validate_len (data, length, NULL))
    {
      *out_length = length;
      return g_strndup (data, length);
    }

  /* It says UTF-8, or mostly is: keep what is, reject the rows that
   * are not. */
  if (*encoding == DL_CSV_ENCODING_UTF8_BOM || is_flawed_utf8 (data, length))
    return mend_utf8 (data, length, out_length, bad_lines);

  *encoding = DL_CSV_ENCODING_WINDOWS_1252;
  return dl_charset_from_windows_1252 (data, length, out_length);
}

/* ------------------------------------------------------------------ */
/* The delimiter                                                       */

#define SNIFF_RECORDS 20

static char
sniff_delimiter (const char *text,
                 gsize       length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[SNIFF_RECORDS][G_N_ELEMENTS (candidates)];
  guint n_records = 0;
  gboolean quoted = FALSE;
  char best = ',';
  guint best_consistent = 0;
  guint best_header = 0;

  memset (counts, 0, sizeof counts);
  for (gsize i = 0; i < length && n_records < SNIFF_RECORDS; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n')
        n_records++;
      else
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[n_records][k]++;
    }
  if (n_records < SNIFF_RECORDS)
    n_records++;

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint header = counts[0][k];
      guint consistent = 0;

      if (header == 0)
        continue;
      for (guint r = 0; r < n_records; r++)
        if (counts[r][k] == header)
          consistent++;
      if (consistent > best_consistent ||
          (consistent == best_consistent && header > best_header))
        {
          best = candidates[k];
          best_consistent = consistent;
          best_header = header;
        }
    }

  return best;
}

/* ------------------------------------------------------------------ */
/* Splitting                                                           */

static int
is_space_cb (unsigned char c)
{
  return c == ' ';
}

static void
on_field_cb (void   *field,
             size_t  length,
             void   *data)
{
  DlCsvTable *t = data;
  const char *s = field;
  gsize offset = t->text->len;

  if (s == NULL)
    length = 0;
  while (length > 0 && (s[0] == ' ' || s[0] == '\t'))
    {
      s++;
      length--;
    }
  while (length > 0 && (s[length - 1] == ' ' || s[length - 1] == '\t' || s[length - 1] == '\r'))
    length--;

  for (const char *p = s; p != NULL && p < s + length; p++)
    {
      p = memchr (p, '\n', (gsize) (s + length - p));
      if (p == NULL)
        break;
      t->row_newlines++;
    }

  if (length > 0)
    g_byte_array_append (t->text, (const guint8 *) s, (guint) length);
  g_byte_array_append (t->text, (const guint8 *) "", 1);
  g_array_append_val (t->cells, offset);
}

static void
on_row_cb (int   terminator,
           void *data)
{
  DlCsvTable *t = data;
  guint n_rows = t->row_line->len;
  guint first = g_array_index (t->row_start, guint, n_rows);
  guint line;
  gboolean blank = TRUE;

  for (guint c = first; c < t->cells->len && blank; c++)
    if (t->text->data[g_array_index (t->cells, gsize, c)] != '\0')
      blank = FALSE;

  /* With CSV_REPALL_NL every line end outside a field comes here: the
   * one ending a record, then the LF of a CRLF and blank lines as empty
   * records. */
  line = t->line;
  t->line += t->row_newlines + (terminator == '\n' ? 1 : 0);
  t->row_newlines = 0;

  if (blank)
    {
      /* ",,,," lines that spreadsheets leave at the end */
      if (first < t->cells->len)
        {
          gsize offset = g_array_index (t->cells, gsize, first);

          g_array_set_size (t->cells, first);
          g_byte_array_set_size (t->text, (guint) offset);
        }
      return;
    }

  g_array_append_val (t->row_line, line);
  first = t->cells->len;
  g_array_append_val (t->row_start, first);
}

void
dl_csv_table_free (DlCsvTable *table)
{
  if (table == NULL)
    return;

  /* a table given up before it was filled has none of them */
  g_clear_pointer (&table->text, g_byte_array_unref);
  g_clear_pointer (&table->cells, g_array_unref);
  g_clear_pointer (&table->row_start, g_array_unref);
  g_clear_pointer (&table->row_line, g_array_unref);
  g_clear_pointer (&table->bad_lines, g_array_unref);
  g_free (table->checksum);
  g_free (table);
}

/* Both halves of a file, and a file read straight through, are read by
 * parsers set up alike. */
static gboolean
init_parser (struct csv_parser *parser,
             unsigned char      delimiter)
{
  if (csv_init (parser, CSV_APPEND_NULL | CSV_REPALL_NL) != 0)
    return FALSE;
  csv_set_delim (parser, delimiter);
  csv_set_space_func (parser, is_space_cb);
  return TRUE;
}

/* libcsv's state while inside a cell (libcsv.c); with quoted set, the
 * cell opened with a quote that has not been closed yet.  libcsv's own
 * check for it (CSV_STRICT_FINI) works only in strict mode, which would
 * also refuse the stray quotes real exports have inside cells. */
#define LIBCSV_FIELD_BEGUN 2

static gboolean
in_open_quote (const struct csv_parser *parser)
{
  return parser->quoted && parser->pstate == LIBCSV_FIELD_BEGUN;
}

/* A big file is split in two on two cores: the second half from the
 * first line end after the middle, on a thread, while this one splits
 * the first.  Whether that line end really ends a record (and not a
 * line inside a quoted cell) is only known once the first half is
 * read: if the parser is then between records, the second half's
 * cells go after the first's, the same as reading straight through;
 * if not, they are dropped and reading goes on from there. */
#define PARSE_IN_TWO_FROM (1 << 20)

typedef struct
{
  DlCsvTable        *t;
  struct csv_parser  parser;
  const char        *text;
  gsize              length;
  gboolean           ok;
} HalfJob;

static gpointer
parse_half (gpointer data)
{
  HalfJob *job = data;

  job->ok = csv_parse (&job->parser, job->text, job->length, on_field_cb, on_row_cb, job->t) == job->length;
  return NULL;
}

/* How much of the text is read into t: all of it, the first half (the
 * caller reads on from there), none (a small file), or G_MAXSIZE when
 * the parser failed. */
static gsize
parse_in_two (struct csv_parser *parser,
              DlCsvTable        *t,
              const char        *text,
              gsize              length)
{
  g_autoptr(DlCsvTable) second = NULL;
  const char *split;
  HalfJob job = { 0 };
  GThread *thread;
  gsize first_length;
  gsize text_offset;
  guint cell_offset;
  guint line_offset;
  gboolean between;

  if (length < PARSE_IN_TWO_FROM)
    return 0;
  split = memchr (text + length / 2, '\n', length - length / 2);
  if (split == NULL || split + 1 == text + length)
    return 0;
  first_length = (gsize) (split + 1 - text);

  second = g_new0 (DlCsvTable, 1);
  second->text = g_byte_array_sized_new ((guint) MIN ((length - first_length) * 5 / 4 + 16, G_MAXUINT));
  second->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  second->row_start = g_array_new (FALSE, FALSE, sizeof (guint));
  second->row_line = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (second->row_start, (guint) { 0 });
  second->line = 1;

  if (!init_parser (&job.parser, parser->delim_char))
    return 0;
  job.t = second;
  job.text = split + 1;
  job.length = length - first_length;

  thread = g_thread_new ("dl-csv-half", parse_half, &job);
  if (csv_parse (parser, text, first_length, on_field_cb, on_row_cb, t) != first_length)
    {
      g_thread_join (thread);
      csv_free (&job.parser);
      return G_MAXSIZE;
    }
  between = parser->pstate == 0 && parser->entry_pos == 0 && !parser->quoted && t->row_newlines == 0;
  g_thread_join (thread);

  if (!between || !job.ok)
    {
      csv_free (&job.parser);
      return first_length;
    }

  /* the end of the file is the second half's; one inside a quoted cell
   * is left for the first parser to find again, and to report */
  if (in_open_quote (&job.parser))
    {
      csv_free (&job.parser);
      return first_length;
    }
  csv_fini (&job.parser, on_field_cb, on_row_cb, second);
  csv_free (&job.parser);

  text_offset = t->text->len;
  cell_offset = t->cells->len;
  line_offset = t->line - 1;
  g_byte_array_append (t->text, second->text->data, second->text->len);
  for (guint i = 0; i < second->cells->len; i++)
    g_array_index (second->cells, gsize, i) += text_offset;
  g_array_append_vals (t->cells, second->cells->data, second->cells->len);
  for (guint i = 1; i < second->row_start->len; i++)
    g_array_index (second->row_start, guint, i) += cell_offset;
  g_array_append_vals (t->row_start, &g_array_index (second->row_start, guint, 1), second->row_start->len - 1);
  for (guint i = 0; i < second->row_line->len; i++)
    g_array_index (second->row_line, guint, i) += line_offset;
  g_array_append_vals (t->row_line, second->row_line->data, second->row_line->len);
  t->line = second->line + line_offset;
  t->row_newlines = second->row_newlines;

  return length;
}

/* Business reports put a group title over some columns, on a row of its
 * own ("Volume" over "Left" and "Right"; in a workbook the title sits in
 * the first cell of its merged range).  The second row is such a
 * header's second half when a column has a title there and none above
 * it, and none of its cells is a number or a date, as a member's row
 * would have. */
static gboolean
is_header_continuation (const DlCsvTable *t)
{
  guint n;
  gboolean spanned = FALSE;

  if (dl_csv_table_get_n_rows (t) < 3)
    return FALSE;
  n = MAX (dl_csv_table_get_row_length (t, 0), dl_csv_table_get_row_length (t, 1));
  for (guint c = 0; c < n; c++)
    {
      const char *above = dl_csv_table_get (t, 0, c);
      const char *cell = dl_csv_table_get (t, 1, c);
      gboolean letter = FALSE;

      if (*cell == '\0')
        continue;
      for (const char *p = cell; *p && !letter; p = g_utf8_next_char (p))
        letter = g_unichar_isalpha (g_utf8_get_char (p));
      if (!letter)
        return FALSE;
      if (*above == '\0')
        spanned = TRUE;
    }
  return spanned;
}

/* Makes the first two rows one header: "Volume Left", "Volume Right",
 * each group title carried over the blank cells of its span. */
static void
merge_two_row_header (DlCsvTable *t)
{
  guint n = MAX (dl_csv_table_get_row_length (t, 0), dl_csv_table_get_row_length (t, 1));
  guint n_rows = dl_csv_table_get_n_rows (t);
  guint second_end = g_array_index (t->row_start, guint, 2);
  g_autoptr(GArray) cells = g_array_sized_new (FALSE, FALSE, sizeof (gsize), t->cells->len - second_end + n);
  g_autoptr(GArray) starts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rows);
  g_autofree char *group = g_strdup ("");
  guint zero = 0;

  for (guint c = 0; c < n; c++)
    {
      const char *above = dl_csv_table_get (t, 0, c);
      const char *below = dl_csv_table_get (t, 1, c);
      g_autofree char *header = NULL;
      gsize offset = t->text->len;

      if (*above != '\0')
        {
          g_free (group);
          group = g_strdup (above);
        }
      /* a title alone keeps its name; under a span, the span's title first */
      if (*below == '\0')
        header = g_strdup (above);
      else if (*group != '\0')
        header = g_strdup_printf ("%s %s", group, below);
      else
        header = g_strdup (below);
      g_byte_array_append (t->text, (const guint8 *) header, (guint) strlen (header) + 1);
      g_array_append_val (cells, offset);
    }
  g_array_append_vals (cells, &g_array_index (t->cells, gsize, second_end), t->cells->len - second_end);

  g_array_append_val (starts, zero);
  g_array_append_val (starts, n);
  for (guint r = 2; r < n_rows; r++)
    {
      guint start = g_array_index (t->row_start, guint, r + 1) - second_end + n;

      g_array_append_val (starts, start);
    }

  g_array_unref (t->cells);
  t->cells = g_steal_pointer (&cells);
  g_array_unref (t->row_start);
  t->row_start = g_steal_pointer (&starts);
  g_array_remove_index (t->row_line, 1);
}

/* The first sheet of a workbook as a table: its rows as they are (the
 * sheet's cells are text already), each with its row number as its
 * line, blank rows left out as a CSV's blank lines are. */
static DlCsvTable *
table_from_workbook (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(DlXlsxSheet) sheet = NULL;
  g_autoptr(DlCsvTable) t = NULL;
  g_autoptr(GError) local_error = NULL;
  guint zero = 0;

  sheet = dl_xlsx_read (data, length, &local_error);
  if (sheet == NULL)
    {
      g_set_error (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE,
                   _("The workbook could not be read: %s"), local_error->message);
      return NULL;
    }

  t = g_new0 (DlCsvTable, 1);
  t->encoding = DL_CSV_ENCODING_XLSX;
  t->delimiter = ',';
  t->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  t->text = g_byte_array_new ();
  t->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  t->row_start = g_array_new (FALSE, FALSE, sizeof (guint));
  t->row_line = g_array_new (FALSE, FALSE, sizeof (guint));
  t->bad_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (t->row_start, zero);

  for (guint r = 0; r < sheet->rows->len; r++)
    {
      char **cells = sheet->rows->pdata[r];
      guint line = g_array_index (sheet->lines, guint, r);
      gboolean blank = TRUE;
      guint n;

      for (guint c = 0; cells[c] != NULL && blank; c++)
        if (*g_strstrip (cells[c]) != '\0')
          blank = FALSE;
      if (blank)
        continue;
      for (guint c = 0; cells[c] != NULL; c++)
        {
          gsize offset = t->text->len;

          g_strstrip (cells[c]);
          g_byte_array_append (t->text, (const guint8 *) cells[c], (guint) strlen (cells[c]) + 1);
          g_array_append_val (t->cells, offset);
        }
      n = t->cells->len;
      g_array_append_val (t->row_start, n);
      g_array_append_val (t->row_line, line);
    }

  if (t->row_line->len == 0)
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_EMPTY,
                           _("The workbook’s first sheet is empty: it has no header row naming its columns."));
      return NULL;
    }
  if (is_header_continuation (t))
    merge_two_row_header (t);
  return g_steal_pointer (&t);
}

DlCsvTable *
dl_csv_table_new_from_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(DlCsvTable) t = g_new0 (DlCsvTable, 1);
  g_autofree char *text = NULL;
  struct csv_parser parser;
  gsize text_length = 0;
  gsize done;
  guint zero = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (data != NULL && dl_xlsx_looks_like_zip (data, length))
    return table_from_workbook (data, length, error);

  t->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data ? data : ""), length);

  t->text = g_byte_array_sized_new ((guint) MIN (length + length / 4 + 16, G_MAXUINT));
  t->cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  t->row_start = g_array_new (FALSE, FALSE, sizeof (guint));
  t->row_line = g_array_new (FALSE, FALSE, sizeof (guint));
  t->bad_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (t->row_start, zero);

  text = decode (data != NULL ? data : "", length, &t->encoding, &text_length, t->bad_lines, error);
  if (text == NULL)
    return NULL;

  /* Old Mac files end lines with CR alone. */
  if (memchr (text, '\n', text_length) == NULL)
    for (gsize i = 0; i < text_length; i++)
      if (text[i] == '\r')
        text[i] = '\n';

  t->delimiter = sniff_delimiter (text, text_length);
  t->unended = text_length > 0 && text[text_length - 1] != '\n';

  if (!init_parser (&parser, (unsigned char) t->delimiter))
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE, _("Out of memory reading the file"));
      return NULL;
    }

  t->line = 1;
  done = parse_in_two (&parser, t, text, text_length);
  if (done == G_MAXSIZE ||
      csv_parse (&parser, text + done, text_length - done, on_field_cb, on_row_cb, t) != text_length - done)
    {
      g_set_error (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE,
                   _("Line %u could not be read: %s"), t->line, csv_strerror (csv_error (&parser)));
      csv_free (&parser);
      return NULL;
    }
  /* A file that ends inside a quoted cell is refused: a quote left open
   * (or a file cut short) would otherwise swallow every record after it
   * into one cell. */
  if (in_open_quote (&parser))
    {
      g_set_error (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE,
                   _("Line %u opens a quoted cell that is never closed: a quote is missing, "
                     "or the file was cut short."), t->line);
      csv_free (&parser);
      return NULL;
    }
  csv_fini (&parser, on_field_cb, on_row_cb, t);
  csv_free (&parser);

  if (t->row_line->len == 0)
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_EMPTY,
                           _("The file is empty: it has no header row naming its columns."));
      return NULL;
    }
  if (is_header_continuation (t))
    merge_two_row_header (t);

  return g_steal_pointer (&t);
}

DlCsvTable *
dl_csv_table_new_from_file (const char  *path,
                            GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  return dl_csv_table_new_from_data (g_mapped_file_get_contents (mapped),
                                     g_mapped_file_get_length (mapped), error);
}

DlCsvEncoding
dl_csv_table_get_encoding (const DlCsvTable *table)
{
  return table->encoding;
}

char
dl_csv_table_get_delimiter (const DlCsvTable *table)
{
  return table->delimiter;
}

guint
dl_csv_table_get_n_rows (const DlCsvTable *table)
{
  return table->row_line->len;
}

guint
dl_csv_table_get_row_length (const DlCsvTable *table,
                             guint             row)
{
  g_return_val_if_fail (row < table->row_line->len, 0);

  return g_array_index (table->row_start, guint, row + 1) - g_array_index (table->row_start, guint, row);
}

guint
dl_csv_table_get_n_columns (const DlCsvTable *table)
{
  return dl_csv_table_get_row_length (table, 0);
}

const char *
dl_csv_table_get (const DlCsvTable *table,
                  guint             row,
                  guint             column)
{
  guint first;

  g_return_val_if_fail (row < table->row_line->len, "");

  first = g_array_index (table->row_start, guint, row);
  if (first + column >= g_array_index (table->row_start, guint, row + 1))
    return "";

  return (const char *) table->text->data + g_array_index (table->cells, gsize, first + column);
}

guint
dl_csv_table_get_line (const DlCsvTable *table,
                       guint             row)
{
  g_return_val_if_fail (row < table->row_line->len, 0);

  return g_array_index (table->row_line, guint, row);
}

gboolean
dl_csv_table_row_is_damaged (const DlCsvTable *table,
                             guint             row)
{
  guint first, next;
  guint lo = 0, hi;

  g_return_val_if_fail (row < table->row_line->len, FALSE);

  if (table->bad_lines == NULL || table->bad_lines->len == 0)
    return FALSE;
  first = g_array_index (table->row_line, guint, row);
  next = row + 1 < table->row_line->len ? g_array_index (table->row_line, guint, row + 1) : G_MAXUINT;

  /* the first bad line at or after the record's first line */
  hi = table->bad_lines->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (table->bad_lines, guint, mid) < first)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < table->bad_lines->len && g_array_index (table->bad_lines, guint, lo) < MAX (next, first + 1);
}

/* ------------------------------------------------------------------ */
/* Mapping                                                             */

const char *
dl_csv_field_get_label (DlCsvField field)
{
  switch (field)
    {
    case DL_CSV_FIELD_MEMBER_NUMBER:
      return _("Member number");
    case DL_CSV_FIELD_SPONSOR_NUMBER:
      return _("Enroller (sponsor) number");
    case DL_CSV_FIELD_FIRST_NAME:
      return _("First name");
    case DL_CSV_FIELD_LAST_NAME:
      return _("Last name");
    case DL_CSV_FIELD_FULL_NAME:
      return _("Full name");
    case DL_CSV_FIELD_JOINED_ON:
      return _("Join date");
    case DL_CSV_FIELD_RANK:
      return _("Rank");
    case DL_CSV_FIELD_STATUS:
      return _("Status");
    case DL_CSV_FIELD_EMAIL:
      return _("Email");
    case DL_CSV_FIELD_PHONE:
      return _("Phone");
    case DL_CSV_FIELD_LAST_ORDER:
      return _("Last order");
    case DL_CSV_FIELD_CITY:
      return _("City");
    case DL_CSV_FIELD_ROLE:
      return _("Role");
    case DL_CSV_FIELD_PV:
      return _("Personal volume (PV)");
    case DL_CSV_FIELD_GV:
      return _("Group volume (GV)");
    case DL_CSV_FIELD_AUTOSHIP:
      return _("Autoship");
    case DL_CSV_FIELD_PLACEMENT_NUMBER:
      return _("Placement (upline) number");
    case DL_CSV_FIELD_SIDE:
      return _("Binary side (left or right)");
    case DL_CSV_FIELD_COUNTRY:
      return _("Country");
    case DL_CSV_FIELD_FIRST_ORDER:
      return _("First order");
    case DL_CSV_FIELD_PAID_RANK:
      return _("Paid rank (this month)");
    case DL_CSV_FIELD_NEXT_AUTOSHIP:
      return _("Next autoship");
    case DL_CSV_FIELD_RENEWAL:
      return _("Renewal date");
    case DL_CSV_FIELD_QUALIFIED:
      return _("Qualified (yes or no)");
    case DL_CSV_FIELD_TERMINATED:
      return _("Terminated (yes or no)");
    case DL_CSV_FIELD_LEFT_VOLUME:
      return _("Left leg volume");
    case DL_CSV_FIELD_RIGHT_VOLUME:
      return _("Right leg volume");
    case DL_CSV_FIELD_IGNORE:
    case DL_CSV_N_FIELDS:
    default:
      return _("Do not import");
    }
}

/* Header names as the back offices write them, lower case, without
 * accents or punctuation ("Fecha de Ingreso" → "fecha de ingreso",
 * "Nº Socio" → "no socio", "Member #" → "member number"). */
static const struct
{
  DlCsvField  field;
  const char *names[48];
} synonyms[] = {
  { DL_CSV_FIELD_MEMBER_NUMBER,
    { "member id", "member number", "member no", "member code", "id", "id number",
      "distributor id", "distributor number", "distributor no", "distributor code",
      "associate id", "associate number", "rep id", "rep number", "consultant id",
      "consultant number", "account id", "account number", "customer id", "number",
      "no", "numero", "numero de socio", "numero socio", "no socio", "n socio", "id socio",
      "id de socio", "codigo", "codigo de socio", "id distribuidor", "id del distribuidor",
      "numero de distribuidor", "codigo de distribuidor", "codigo distribuidor",
      "id miembro", "id de miembro", "numero de miembro", "id afiliado", "numero de afiliado",
      "ambassador id", "ambassador number", "ambassador no", "account no", "acct number",
      NULL } },
  { DL_CSV_FIELD_SPONSOR_NUMBER,
    { "sponsor id", "sponsor", "sponsor number", "sponsor no", "sponsor code",
      "enroller", "enroller id", "enroller number", "enroller no", "enroller code",
      "enrolled by", "sponsored by", "referred by", "referrer", "referrer id",
      "recruiter", "recruiter id", "patrocinador",
      "id patrocinador", "id del patrocinador", "patrocinador id", "numero de patrocinador",
      "numero patrocinador", "no patrocinador", "codigo patrocinador",
      "codigo de patrocinador", "codigo del patrocinador", "enrolador", "id enrolador",
      "inscriptor", "id inscriptor", "referido por", "enroller sponsor", "enroller sponsor id",
      "enrolling sponsor", "enrolling sponsor id", "enrollment sponsor", "enrolled by id",
      "numero de inscriptor", "numero enrolador", "patrocinador de inscripcion",
      "enroller acct number", "enroller acct", "enroller account", "enroller account number",
      "sponsor acct number", "sponsor account number", NULL } },
  { DL_CSV_FIELD_PLACEMENT_NUMBER,
    { "upline", "upline id", "upline number", "upline no", "placement", "placement id",
      "placement number", "placement no", "placement sponsor", "placement sponsor id",
      "placement sponsor number", "placement parent", "placement parent id", "placed under",
      "parent", "parent id", "parent number", "binary upline", "binary parent", "id upline",
      "colocacion", "id colocacion", "numero de colocacion", "patrocinador de colocacion",
      "id patrocinador de colocacion", "ubicacion", "id ubicacion", "upline de colocacion",
      "colocado bajo", "padre", "placement acct number", "placement account number", NULL } },
  { DL_CSV_FIELD_SIDE,
    { "side", "leg", "binary side", "binary leg", "placement side", "placement leg",
      "position side", "lado", "pierna", "lado binario", "pierna binaria", "lado de colocacion",
      "rama", NULL } },
  { DL_CSV_FIELD_FIRST_NAME,
    { "first name", "firstname", "first", "given name", "forename", "nombre", "nombres",
      "primer nombre", NULL } },
  { DL_CSV_FIELD_LAST_NAME,
    { "last name", "lastname", "last", "surname", "family name", "apellido", "apellidos",
      "primer apellido", NULL } },
  { DL_CSV_FIELD_FULL_NAME,
    { "name", "full name", "fullname", "member name", "distributor name", "associate name",
      "rep name", "consultant name", "contact name", "display name", "nombre completo",
      "nombre y apellido", "nombre y apellidos", "nombre del socio",
      "nombre del distribuidor", "nombre completo del socio", "ambassador name", NULL } },
  { DL_CSV_FIELD_JOINED_ON,
    { "join date", "joined", "joined on", "date joined", "joining date", "enrollment date",
      "enrolment date", "enroll date", "enrolled", "enrolled on", "date enrolled",
      "signup date", "sign up date", "registration date", "entry date",
      "fecha de ingreso", "fecha ingreso", "ingreso", "fecha de alta", "fecha alta", "alta",
      "fecha de inscripcion", "fecha inscripcion", "fecha de registro", "fecha registro",
      "fecha de afiliacion", "fecha de inicio", NULL } },
  /* beside a paid rank, the highest reached (see DL_CSV_FIELD_PAID_RANK) */
  { DL_CSV_FIELD_RANK,
    { "rank", "current rank", "highest rank", "highest rank achieved", "highest title", "title",
      "career title", "career rank", "career level", "level", "rango", "rango actual", "nivel", "titulo",
      "rango mas alto", "rango maximo", "titulo mas alto", "rango de carrera", NULL } },
  { DL_CSV_FIELD_PAID_RANK,
    { "paid as", "paid as rank", "paid as title", "paid rank", "paid title", "paid level", "pay rank",
      "pay title", "rank paid", "current paid rank", "income position", "rango pagado", "rango de pago",
      "pagado como", "rango pagado como", "titulo pagado", "nivel pagado", "posicion de ingresos", NULL } },
  { DL_CSV_FIELD_STATUS,
    { "status", "account status", "member status", "state", "estado", "estatus",
      "situacion", "estado de cuenta", "estado del socio", NULL } },
  { DL_CSV_FIELD_EMAIL,
    { "email", "e mail", "email address", "e mail address", "mail", "correo",
      "correo electronico", NULL } },
  { DL_CSV_FIELD_PHONE,
    { "phone", "phone number", "mobile", "mobile phone", "mobile number", "cell",
      "cell phone", "cellphone", "telephone", "tel", "home phone", "telefono",
      "telefono movil", "movil", "celular", "numero de telefono", "whatsapp", NULL } },
  { DL_CSV_FIELD_LAST_ORDER,
    { "last order", "last order date", "last order on", "last purchase",
      "last purchase date", "last autoship", "last autoship date", "ultimo pedido",
      "fecha ultimo pedido", "fecha del ultimo pedido", "fecha de ultimo pedido",
      "ultima compra", "fecha ultima compra", "fecha de ultima compra", "ultima orden", NULL } },
  /* Purium's "Start Date" is the day of the first order, which is not
   * always the day the member joined */
  { DL_CSV_FIELD_FIRST_ORDER,
    { "first order", "first order date", "first order on", "first purchase", "first purchase date",
      "start date", "primer pedido", "fecha primer pedido", "fecha del primer pedido",
      "fecha de primer pedido", "primera compra", "fecha primera compra", "fecha de primera compra",
      NULL } },
  { DL_CSV_FIELD_COUNTRY,
    { "country", "country code", "country name", "ctry", "cntry", "home country",
      "country of residence", "pais", "codigo de pais", "codigo pais", "pais de residencia", NULL } },
  { DL_CSV_FIELD_CITY,
    { "city", "town", "ciudad", "localidad", "poblacion", "municipio", NULL } },
  { DL_CSV_FIELD_ROLE,
    { "role", "member type", "account type", "customer type", "distributor type", "type",
      "rol", "tipo", "tipo de socio", "tipo de cuenta", "tipo de miembro", NULL } },
  { DL_CSV_FIELD_PV,
    { "pv", "personal volume", "personal pv", "ppv", "monthly pv", "pv this month",
      "volumen personal", "vp", "qv", "personal qv", "pqv", "bv", "personal bv", "pbv", "sv",
      "personal sales volume", "psv", NULL } },
  { DL_CSV_FIELD_GV,
    { "gv", "group volume", "ov", "organization volume", "organisation volume",
      "organizational volume", "pgv", "gpv", "group pv", "group bv", "team volume", "tv",
      "volumen de grupo", "volumen grupal", "volumen de organizacion", "vg", NULL } },
  { DL_CSV_FIELD_LEFT_VOLUME,
    { "left volume", "left leg", "left leg volume", "volume left", "left bv", "left cv", "left pv",
      "left qv", "left gv", "left team volume", "left group volume", "volumen izquierdo",
      "volumen izquierda", "volumen pierna izquierda", "pierna izquierda", "volumen izq", "vol izq",
      "volumen lado izquierdo", NULL } },
  { DL_CSV_FIELD_RIGHT_VOLUME,
    { "right volume", "right leg", "right leg volume", "volume right", "right bv", "right cv", "right pv",
      "right qv", "right gv", "right team volume", "right group volume", "volumen derecho",
      "volumen derecha", "volumen pierna derecha", "pierna derecha", "volumen der", "vol der",
      "volumen lado derecho", NULL } },
  /* doTERRA's "LRP", Young Living's "ER" (Essential Rewards), Nu Skin's
   * "ADR", the "AO" (autoorder) of many */
  { DL_CSV_FIELD_AUTOSHIP,
    { "autoship", "auto ship", "autoship active", "autoship status", "on autoship", "has autoship",
      "active autoship", "smartship", "smart ship", "subscription", "subscription active", "adr", "lrp",
      "ao", "er", "essential rewards", "loyalty rewards", "auto order", "autoorder", "on ao",
      "pedido automatico", "envio automatico", "autoenvio", "autoenvio activo", NULL } },
  { DL_CSV_FIELD_NEXT_AUTOSHIP,
    { "next autoship", "next autoship date", "next auto ship", "next auto ship date", "next lrp",
      "next lrp date", "next ship date", "next shipment", "next shipment date", "next smartship",
      "next smartship date", "next ao", "next ao date", "next autoorder date", "next er date",
      "next process date", "next order date", "proximo autoenvio", "fecha proximo autoenvio",
      "fecha del proximo autoenvio", "proximo envio", "fecha proximo envio", "fecha de proximo envio",
      "proximo pedido automatico", "fecha proximo pedido", NULL } },
  { DL_CSV_FIELD_RENEWAL,
    { "renewal", "renewal date", "renewal due", "renewal due date", "renew date", "renews on",
      "next renewal", "next renewal date", "annual renewal", "expiration date", "expiry date",
      "renovacion", "fecha de renovacion", "fecha renovacion", "proxima renovacion",
      "fecha de vencimiento", "vencimiento", NULL } },
  { DL_CSV_FIELD_QUALIFIED,
    { "qualified", "is qualified", "qualified this month", "qualified yn", "qualification",
      "calificado", "calificada", "cualificado", "cualificada", "esta calificado", "calificacion", NULL } },
  { DL_CSV_FIELD_TERMINATED,
    { "terminated", "is terminated", "terminated yn", "terminado", "terminada", "dado de baja",
      "dada de baja", NULL } },
};

static char *
normalize_header (const char *header)
{
  g_autofree char *nfkd = g_utf8_normalize (header, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  if (nfkd == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = nfkd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (c == '#')
        {
          if (!space)
            g_string_append_c (out, ' ');
          g_string_append (out, "number");
          space = FALSE;
          continue;
        }
      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, g_unichar_tolower (c));
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Enroller names that say "sponsor" and nothing more: in some back
 * offices the enroller, in others (beside an "Enroller" column) the
 * placement.  See dl-csv-import.h. */
static const char *const sponsor_names[] = {
  "sponsor id", "sponsor", "sponsor number", "sponsor no", "sponsor code", "sponsored by",
  "patrocinador", "id patrocinador", "id del patrocinador", "patrocinador id",
  "numero de patrocinador", "numero patrocinador", "no patrocinador", "codigo patrocinador",
  "codigo de patrocinador", "codigo del patrocinador", "sponsor acct number", "sponsor account number",
  NULL,
};

/* A yes/no column of whether the member is active: the status, read
 * with the status words (yes active, no inactive), when the file has no
 * status column of its own; beside one, it is left unread. */
static const char *const active_names[] = {
  "active", "is active", "active yn", "active flag", "activo", "activa", "esta activo", NULL,
};

/* How a column of the enroller or placement fields is named. */
typedef enum
{
  TREE_NAME_NONE,
  TREE_NAME_ENROLLER,     /* "Enroller ID": the enroller, always */
  TREE_NAME_SPONSOR,      /* "Sponsor ID": either */
  TREE_NAME_PLACEMENT,    /* "Upline ID": the placement, or the enroller alone */
} TreeName;

static DlCsvField
field_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    for (guint j = 0; synonyms[i].names[j] != NULL; j++)
      if (g_str_equal (name, synonyms[i].names[j]))
        return synonyms[i].field;

  return DL_CSV_FIELD_IGNORE;
}

static TreeName
tree_name_of (const DlCsvTable *table,
              guint             column)
{
  g_autofree char *name = normalize_header (dl_csv_table_get (table, 0, column));

  switch (field_from_name (name))
    {
    case DL_CSV_FIELD_SPONSOR_NUMBER:
      return g_strv_contains (sponsor_names, name) ? TREE_NAME_SPONSOR : TREE_NAME_ENROLLER;
    case DL_CSV_FIELD_PLACEMENT_NUMBER:
      return TREE_NAME_PLACEMENT;
    default:
      return TREE_NAME_NONE;
    }
}

DlCsvField
dl_csv_field_from_header (const char *header)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, DL_CSV_FIELD_IGNORE);

  name = normalize_header (header);
  return field_from_name (name);
}

/* ------------------------------------------------------------------ */
/* Cells with the member's name                                        */

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A span of a cell, its blanks on either side left out. */
typedef struct
{
  const char *start;
  gsize       length;
} Span;

static Span
trimmed_span (const char *start,
              const char *end)
{
  while (start < end && is_blank (*start))
    start++;
  while (end > start && is_blank (end[-1]))
    end--;
  return (Span) { start, (gsize) (end - start) };
}

static gboolean
span_has_any (Span        span,
              const char *chars)
{
  for (gsize i = 0; i < span.length; i++)
    if (strchr (chars, span.start[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
span_is_digits (Span span)
{
  for (gsize i = 0; i < span.length; i++)
    if (!g_ascii_isdigit (span.start[i]))
      return FALSE;
  return TRUE;
}

typedef enum
{
  CELL_NUMBER,   /* the number alone */
  CELL_NAMED,    /* the number, and a name beside it in brackets (perhaps empty) */
  CELL_BAD,      /* brackets, in neither form: which part is the number is a guess */
} CellForm;

/* The number and the name of a member, enroller or placement cell (see
 * dl_csv_split_member_cell ()), the blanks around the cell and its parts
 * left out; nothing is allocated.  A quoted cell keeps the line break
 * or the blank before its closing quote, so the whole cell is trimmed
 * before it is read. */
static CellForm
split_member_cell (const char *cell,
                   Span       *number,
                   Span       *name)
{
  const char *cell_end = cell;
  gboolean bracket = FALSE;
  Span whole;
  const char *end;
  const char *word_end;
  const char *open;
  Span inside;

  /* one pass: the common case, a plain number, has no bracket at all */
  for (; *cell_end != '\0'; cell_end++)
    bracket |= *cell_end == '(' || *cell_end == ')';
  whole = trimmed_span (cell, cell_end);
  end = whole.start + whole.length;
  word_end = whole.start;
  *number = whole;
  *name = (Span) { end, 0 };
  if (!bracket)
    return CELL_NUMBER;
  if (end[-1] != ')')
    return CELL_BAD;

  while (word_end < end && !is_blank (*word_end) && *word_end != '(' && *word_end != ')')
    word_end++;

  /* "900057 (Ana Ruiz)": a first word with a digit is the number, and
   * the brackets after it hold the name, whatever it is ("Ana (Annie)
   * Ruiz" too) */
  if (span_has_any ((Span) { whole.start, (gsize) (word_end - whole.start) }, "0123456789"))
    {
      int depth = 1;

      open = word_end;
      while (open < end && is_blank (*open))
        open++;
      if (*open != '(')
        return CELL_BAD;
      /* the bracket after the number closes at the end of the cell */
      for (const char *p = open + 1; p < end - 1; p++)
        if (*p == '(')
          depth++;
        else if (*p == ')' && --depth == 0)
          return CELL_BAD;
      *number = (Span) { whole.start, (gsize) (word_end - whole.start) };
      *name = trimmed_span (open + 1, end - 1);
      return CELL_NAMED;
    }

  /* "Ana Ruiz (900057)": digits alone in the last brackets */
  open = end - 1;
  while (open > whole.start && *open != '(')
    open--;
  if (*open != '(')
    return CELL_BAD;
  inside = trimmed_span (open + 1, end - 1);
  if (inside.length == 0 || !span_is_digits (inside))
    return CELL_BAD;
  *number = inside;
  *name = trimmed_span (whole.start, open);
  return CELL_NAMED;
}

gboolean
dl_csv_split_member_cell (const char  *cell,
                          char       **number,
                          char       **name)
{
  Span number_span, name_span;
  gboolean named;

  g_return_val_if_fail (cell != NULL, FALSE);

  named = split_member_cell (cell, &number_span, &name_span) == CELL_NAMED && name_span.length > 0;
  if (number != NULL)
    *number = g_strndup (number_span.start, number_span.length);
  if (name != NULL)
    *name = named ? g_strndup (name_span.start, name_span.length) : NULL;
  return named;
}

/* The member column writes the names too when most of its first
 * cells are "900057 (Ana Ruiz)". */
static gboolean
column_has_names (const DlCsvTable *table,
                  int               column)
{
  guint n_rows = MIN (dl_csv_table_get_n_rows (table), 201);
  guint filled = 0;
  guint named = 0;

  if (column < 0)
    return FALSE;
  for (guint r = 1; r < n_rows; r++)
    {
      const char *text = dl_csv_table_get (table, r, (guint) column);
      Span number, name;

      if (*text == '\0')
        continue;
      filled++;
      named += split_member_cell (text, &number, &name) == CELL_NAMED && name.length > 0;
    }
  return filled > 0 && named * 2 > filled;
}

static const char *const field_keys[DL_CSV_N_FIELDS] = {
  [DL_CSV_FIELD_IGNORE] = "ignore",
  [DL_CSV_FIELD_MEMBER_NUMBER] = "member",
  [DL_CSV_FIELD_SPONSOR_NUMBER] = "sponsor",
  [DL_CSV_FIELD_FIRST_NAME] = "first-name",
  [DL_CSV_FIELD_LAST_NAME] = "last-name",
  [DL_CSV_FIELD_FULL_NAME] = "name",
  [DL_CSV_FIELD_JOINED_ON] = "joined",
  [DL_CSV_FIELD_RANK] = "rank",
  [DL_CSV_FIELD_STATUS] = "status",
  [DL_CSV_FIELD_EMAIL] = "email",
  [DL_CSV_FIELD_PHONE] = "phone",
  [DL_CSV_FIELD_LAST_ORDER] = "last-order",
  [DL_CSV_FIELD_CITY] = "city",
  [DL_CSV_FIELD_ROLE] = "role",
  [DL_CSV_FIELD_PV] = "pv",
  [DL_CSV_FIELD_GV] = "gv",
  [DL_CSV_FIELD_AUTOSHIP] = "autoship",
  [DL_CSV_FIELD_PLACEMENT_NUMBER] = "placement",
  [DL_CSV_FIELD_SIDE] = "side",
  [DL_CSV_FIELD_COUNTRY] = "country",
  [DL_CSV_FIELD_FIRST_ORDER] = "first-order",
  [DL_CSV_FIELD_PAID_RANK] = "paid-rank",
  [DL_CSV_FIELD_NEXT_AUTOSHIP] = "next-autoship",
  [DL_CSV_FIELD_RENEWAL] = "renewal",
  [DL_CSV_FIELD_QUALIFIED] = "qualified",
  [DL_CSV_FIELD_TERMINATED] = "terminated",
  [DL_CSV_FIELD_LEFT_VOLUME] = "left-volume",
  [DL_CSV_FIELD_RIGHT_VOLUME] = "right-volume",
};

const char *
dl_csv_field_get_key (DlCsvField field)
{
  g_return_val_if_fail (field < DL_CSV_N_FIELDS, NULL);

  return field_keys[field];
}

gboolean
dl_csv_field_from_key (const char *key,
                       DlCsvField *field)
{
  g_return_val_if_fail (key != NULL && field != NULL, FALSE);

  for (guint f = 0; f < DL_CSV_N_FIELDS; f++)
    if (g_ascii_strcasecmp (key, field_keys[f]) == 0)
      {
        *field = (DlCsvField) f;
        return TRUE;
      }
  return FALSE;
}

int
dl_csv_table_find_column (const DlCsvTable *table,
                          const char       *column)
{
  g_autofree char *wanted = NULL;
  guint n = dl_csv_table_get_n_columns (table);
  char *end = NULL;
  guint64 number;

  g_return_val_if_fail (table != NULL && column != NULL, -1);

  wanted = g_utf8_casefold (column, -1);
  g_strstrip (wanted);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *header = g_utf8_casefold (dl_csv_table_get (table, 0, c), -1);

      if (g_str_equal (g_strstrip (header), wanted))
        return (int) c;
    }

  number = g_ascii_strtoull (column, &end, 10);
  if (end != column && *end == '\0' && number >= 1 && number <= n)
    return (int) number - 1;
  return -1;
}

DlCsvMapping *
dl_csv_mapping_new (guint n_columns)
{
  DlCsvMapping *mapping = g_new0 (DlCsvMapping, 1);

  mapping->n_columns = n_columns;
  mapping->columns = g_new0 (DlCsvField, MAX (n_columns, 1));
  mapping->names_column = -1;
  return mapping;
}

void
dl_csv_mapping_free (DlCsvMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_free (mapping->columns);
  g_free (mapping);
}

void
dl_csv_mapping_set (DlCsvMapping *mapping,
                    guint         column,
                    DlCsvField    field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column < mapping->n_columns);
  g_return_if_fail (field < DL_CSV_N_FIELDS);

  if (field != DL_CSV_FIELD_IGNORE)
    for (guint i = 0; i < mapping->n_columns; i++)
      if (mapping->columns[i] == field)
        mapping->columns[i] = DL_CSV_FIELD_IGNORE;
  mapping->columns[column] = field;
}

int
dl_csv_mapping_find (const DlCsvMapping *mapping,
                     DlCsvField          field)
{
  g_return_val_if_fail (mapping != NULL, -1);

  for (guint i = 0; i < mapping->n_columns; i++)
    if (mapping->columns[i] == field)
      return (int) i;

  return -1;
}

DlCsvMapping *
dl_csv_mapping_guess (const DlCsvTable *table)
{
  guint n = dl_csv_table_get_n_columns (table);
  DlCsvMapping *mapping = dl_csv_mapping_new (n);
  int named[TREE_NAME_PLACEMENT + 1] = { -1, -1, -1, -1 };
  int active = -1;
  int paid;
  int enroller;
  int placement;
  int first;

  /* Among columns of one field the first wins; the enroller and the
   * placement are decided together, by the rule in dl-csv-import.h. */
  for (guint c = 0; c < n; c++)
    {
      TreeName tree = tree_name_of (table, c);
      DlCsvField field;

      if (tree != TREE_NAME_NONE)
        {
          if (named[tree] < 0)
            named[tree] = (int) c;
          continue;
        }
      field = dl_csv_field_from_header (dl_csv_table_get (table, 0, c));
      if (field != DL_CSV_FIELD_IGNORE && dl_csv_mapping_find (mapping, field) < 0)
        mapping->columns[c] = field;
      else if (field == DL_CSV_FIELD_IGNORE && active < 0)
        {
          g_autofree char *name = normalize_header (dl_csv_table_get (table, 0, c));

          if (g_strv_contains (active_names, name))
            active = (int) c;
        }
    }

  if (active >= 0 && dl_csv_mapping_find (mapping, DL_CSV_FIELD_STATUS) < 0)
    mapping->columns[active] = DL_CSV_FIELD_STATUS;
  /* one rank column, even one named for the paid rank, is the rank, as
   * it was before the paid rank had a field: the member's and the
   * month's */
  paid = dl_csv_mapping_find (mapping, DL_CSV_FIELD_PAID_RANK);
  if (paid >= 0 && dl_csv_mapping_find (mapping, DL_CSV_FIELD_RANK) < 0)
    mapping->columns[paid] = DL_CSV_FIELD_RANK;

  if (named[TREE_NAME_ENROLLER] >= 0)
    {
      enroller = named[TREE_NAME_ENROLLER];
      placement = named[TREE_NAME_PLACEMENT] >= 0 ? named[TREE_NAME_PLACEMENT] : named[TREE_NAME_SPONSOR];
    }
  else if (named[TREE_NAME_SPONSOR] >= 0)
    {
      enroller = named[TREE_NAME_SPONSOR];
      placement = named[TREE_NAME_PLACEMENT];
    }
  else
    {
      /* an upline alone stands in for the enroller */
      enroller = named[TREE_NAME_PLACEMENT];
      placement = -1;
    }
  if (enroller >= 0)
    mapping->columns[enroller] = DL_CSV_FIELD_SPONSOR_NUMBER;
  if (placement >= 0)
    mapping->columns[placement] = DL_CSV_FIELD_PLACEMENT_NUMBER;

  /* Spanish "Nombre" is the first name beside an "Apellidos" column and
   * the whole name without one. */
  first = dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_NAME);
  if (first >= 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_NAME) < 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME) < 0)
    {
      g_autofree char *name = normalize_header (dl_csv_table_get (table, 0, (guint) first));

      if (g_str_equal (name, "nombre") || g_str_equal (name, "nombres"))
        mapping->columns[first] = DL_CSV_FIELD_FULL_NAME;
    }

  if (column_has_names (table, dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER)))
    mapping->names_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER);

  return mapping;
}

int
dl_csv_mapping_find_ambiguous_sponsor (const DlCsvTable   *table,
                                       const DlCsvMapping *mapping)
{
  int enroller;
  int placement;
  int column;

  g_return_val_if_fail (table != NULL && mapping != NULL, -1);
  g_return_val_if_fail (mapping->n_columns == dl_csv_table_get_n_columns (table), -1);

  enroller = dl_csv_mapping_find (mapping, DL_CSV_FIELD_SPONSOR_NUMBER);
  placement = dl_csv_mapping_find (mapping, DL_CSV_FIELD_PLACEMENT_NUMBER);
  /* one column for one of the two: with both, the file says which is which */
  if ((enroller >= 0) == (placement >= 0))
    return -1;
  column = enroller >= 0 ? enroller : placement;
  if (tree_name_of (table, (guint) column) != TREE_NAME_SPONSOR)
    return -1;

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      TreeName tree = tree_name_of (table, c);

      if ((int) c != column && (tree == TREE_NAME_ENROLLER || tree == TREE_NAME_PLACEMENT))
        return -1;
    }

  return column;
}

gboolean
dl_csv_mapping_sponsor_is_ambiguous (const DlCsvTable   *table,
                                     const DlCsvMapping *mapping)
{
  return dl_csv_mapping_find_ambiguous_sponsor (table, mapping) >= 0;
}

gboolean
dl_csv_mapping_apply_sponsor_means (const DlCsvTable  *table,
                                    DlCsvMapping      *mapping,
                                    DlCsvSponsorMeans  means)
{
  int column = dl_csv_mapping_find_ambiguous_sponsor (table, mapping);

  g_return_val_if_fail (means == DL_CSV_SPONSOR_MEANS_ENROLLER || means == DL_CSV_SPONSOR_MEANS_PLACEMENT,
                        FALSE);

  if (column < 0)
    return FALSE;
  dl_csv_mapping_set (mapping, (guint) column,
                      means == DL_CSV_SPONSOR_MEANS_PLACEMENT ? DL_CSV_FIELD_PLACEMENT_NUMBER
                                                              : DL_CSV_FIELD_SPONSOR_NUMBER);
  return TRUE;
}

gboolean
dl_csv_mapping_check (const DlCsvMapping  *mapping,
                      GError             **error)
{
  g_return_val_if_fail (mapping != NULL, FALSE);

  if (dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER) < 0)
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING,
                           _("No column holds the member number. Choose which column has it: "
                             "it is how next month’s file finds the same people."));
      return FALSE;
    }

  if (dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_NAME) < 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_NAME) < 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME) < 0 &&
      (mapping->names_column < 0 || (guint) mapping->names_column >= mapping->n_columns ||
       mapping->columns[mapping->names_column] != DL_CSV_FIELD_MEMBER_NUMBER))
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING,
                           _("No column holds the names. Choose the column with the full name, "
                             "or the ones with the first and last names."));
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Dates                                                               */

typedef struct
{
  guint n_parts;
  guint value[3];
  guint digits[3];
} DateParts;

/* Up to three runs of digits separated by '-', '/' or '.', then nothing
 * or a time ('T' or a space and anything).  FALSE for other text. */
static gboolean
split_date (const char *s,
            DateParts  *parts)
{
  memset (parts, 0, sizeof *parts);

  while (parts->n_parts < 3)
    {
      guint value = 0;
      guint digits = 0;

      while (g_ascii_isdigit (*s) && digits < 9)
        {
          value = value * 10 + (guint) (*s - '0');
          digits++;
          s++;
        }
      if (digits == 0 || g_ascii_isdigit (*s))
        return FALSE;
      parts->value[parts->n_parts] = value;
      parts->digits[parts->n_parts] = digits;
      parts->n_parts++;

      if (parts->n_parts == 3 || *s == '\0' || *s == 'T' || *s == ' ')
        break;
      if (*s != '-' && *s != '/' && *s != '.')
        return FALSE;
      s++;
    }

  return *s == '\0' || *s == 'T' || *s == ' ';
}

static gboolean
make_day (guint  year,
          guint  month,
          guint  mday,
          DlDay *day)
{
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || mday < 1 ||
      !g_date_valid_dmy ((GDateDay) mday, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  *day = dl_day_from_ymd ((int) year, (int) month, (int) mday);
  return TRUE;
}

/* A spreadsheet serial number: days since 1899-12-30, counting the
 * 29 February 1900 that never was (serial 60). */
static gboolean
parse_serial (const char *s,
              DlDay      *day)
{
  guint64 n = 0;
  guint digits = 0;

  for (; g_ascii_isdigit (*s); s++)
    {
      if (++digits > 7)
        return FALSE;
      n = n * 10 + (guint64) (*s - '0');
    }
  if (*s == '.')
    {
      s++;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (digits == 0 || *s != '\0' || n == 0 || n == 60 || n > 2958465)
    return FALSE;

  /* day 0 of the spreadsheets: 30 December 1899 (one calculation, made
   * here rather than kept, since two threads read dates at once) */
  *day = dl_day_from_ymd (1899, 12, 30) + (DlDay) n + (n < 60 ? 1 : 0);
  return TRUE;
}

/* Which order a date needs: 'd' for day first, 'm' for month first, 'a'
 * either (ambiguous), 'i' none (ISO, serial), 0 not a date at all. */
static char
date_evidence (const char *s)
{
  DateParts parts;

  if (!split_date (s, &parts) || parts.n_parts != 3)
    return parse_serial (s, &(DlDay) { 0 }) ? 'i' : 0;
  if (parts.digits[0] == 4)
    return 'i';
  if (parts.value[0] > 12 && parts.value[1] <= 12)
    return 'd';
  if (parts.value[1] > 12 && parts.value[0] <= 12)
    return 'm';
  if (parts.value[0] == parts.value[1] && parts.value[0] >= 1)
    return 'i';
  if (parts.value[0] >= 1 && parts.value[1] >= 1 && parts.value[0] <= 12 && parts.value[1] <= 12)
    return 'a';
  return 0;
}

/* English and Spanish month names; a token of three letters or more
 * that begins one names it ("Mar", "Sept", "marzo", "dic"). */
static guint
month_from_name (const char *word,
                 gsize       len)
{
  static const char *const names[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
    "septiembre", "octubre", "noviembre", "diciembre",
  };

  if (len < 3)
    return 0;
  if (len == 9 && g_ascii_strncasecmp (word, "setiembre", 9) == 0)
    return 9;
  if (len == 3 && g_ascii_strncasecmp (word, "set", 3) == 0)
    return 9;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (len <= strlen (names[i]) && g_ascii_strncasecmp (word, names[i], len) == 0)
      return i % 12 + 1;

  return 0;
}

/* "05 Mar 2024", "4 March 2024", "March 4, 2024", "5-Mar-24",
 * "4 de marzo de 2024": a day, a month name and a year, in either of
 * the usual orders; a time after them is ignored.  Never ambiguous. */
static DlDateResult
parse_month_name_date (const char *s,
                       DlDay      *day)
{
  guint numbers[2] = { 0, 0 };
  guint digits[2] = { 0, 0 };
  guint n_numbers = 0;
  guint month = 0;
  gboolean month_first = FALSE;
  guint year;

  while (*s != '\0' && (n_numbers < 2 || month == 0))
    {
      const char *start = s;

      if (g_ascii_isdigit (*s))
        {
          guint value = 0;

          while (g_ascii_isdigit (*s) && s - start < 9)
            value = value * 10 + (guint) (*s++ - '0');
          if (g_ascii_isdigit (*s) || n_numbers == 2)
            return DL_DATE_BAD;
          numbers[n_numbers] = value;
          digits[n_numbers++] = (guint) (s - start);
        }
      else if (g_ascii_isalpha (*s))
        {
          while (g_ascii_isalpha (*s))
            s++;
          /* Spanish "4 de marzo de 2024" */
          if ((s - start == 2 && g_ascii_strncasecmp (start, "de", 2) == 0) ||
              (s - start == 3 && g_ascii_strncasecmp (start, "del", 3) == 0))
            continue;
          if (month != 0 || (month = month_from_name (start, (gsize) (s - start))) == 0)
            return DL_DATE_BAD;
          month_first = n_numbers == 0;
        }
      else if (*s == ' ' || *s == '-' || *s == '/' || *s == '.' || *s == ',')
        s++;
      else
        return DL_DATE_BAD;
    }
  if (month == 0 || n_numbers != 2 || (*s != '\0' && *s != ' ' && *s != 'T'))
    return DL_DATE_BAD;

  /* the day is next to the month name ("Mar 5, 2024", "5 Mar 2024"),
   * unless the year is written first ("2024 Mar 05") */
  if (digits[0] == 4 && !month_first)
    {
      year = numbers[0];
      return make_day (year, month, numbers[1], day) ? DL_DATE_OK : DL_DATE_BAD;
    }
  if (digits[1] == 4)
    year = numbers[1];
  else if (digits[1] == 2)
    year = numbers[1] < 70 ? 2000 + numbers[1] : 1900 + numbers[1];
  else
    return DL_DATE_BAD;

  return make_day (year, month, numbers[0], day) ? DL_DATE_OK : DL_DATE_BAD;
}

/* A word of three letters or more: a month's name, not the T and Z of
 * "2024-03-05T08:30:00Z" or an AM/PM. */
static gboolean
has_word (const char *s)
{
  guint run = 0;

  for (; *s != '\0'; s++)
    if (!g_ascii_isalpha (*s))
      run = 0;
    else if (++run == 3)
      return TRUE;
  return FALSE;
}

DlDateResult
dl_csv_parse_date (const char  *text,
                   DlDateOrder  order,
                   DlDay       *day)
{
  DateParts parts;
  guint year;
  guint a;
  guint b;

  g_return_val_if_fail (day != NULL, DL_DATE_BAD);

  *day = DL_DAY_NONE;
  if (text == NULL)
    return DL_DATE_EMPTY;
  while (*text == ' ')
    text++;
  if (*text == '\0')
    return DL_DATE_EMPTY;

  if (has_word (text))
    return parse_month_name_date (text, day);

  if (!split_date (text, &parts))
    return parse_serial (text, day) ? DL_DATE_OK : DL_DATE_BAD;

  if (parts.n_parts == 1)
    {
      /* 20240305: a compact ISO date, or a serial number */
      if (parts.digits[0] == 8 &&
          make_day (parts.value[0] / 10000, parts.value[0] / 100 % 100, parts.value[0] % 100, day))
        return DL_DATE_OK;
      return parse_serial (text, day) ? DL_DATE_OK : DL_DATE_BAD;
    }
  if (parts.n_parts != 3)
    return parse_serial (text, day) ? DL_DATE_OK : DL_DATE_BAD;

  if (parts.digits[0] == 4)
    return make_day (parts.value[0], parts.value[1], parts.value[2], day) ? DL_DATE_OK : DL_DATE_BAD;

  if (parts.digits[2] == 4)
    year = parts.value[2];
  else if (parts.digits[2] == 2)
    year = parts.value[2] < 70 ? 2000 + parts.value[2] : 1900 + parts.value[2];
  else
    return DL_DATE_BAD;

  a = parts.value[0];
  b = parts.value[1];
  if (order == DL_DATE_ORDER_UNKNOWN)
    {
      if (a > 12 && b <= 12)
        order = DL_DATE_ORDER_DMY;
      else if (b > 12 && a <= 12)
        order = DL_DATE_ORDER_MDY;
      else if (a == b)
        order = DL_DATE_ORDER_DMY;
      else if (a >= 1 && b >= 1 && a <= 12 && b <= 12)
        return DL_DATE_AMBIGUOUS;
      else
        return DL_DATE_BAD;
    }

  if (order == DL_DATE_ORDER_DMY)
    return make_day (year, b, a, day) ? DL_DATE_OK : DL_DATE_BAD;
  return make_day (year, a, b, day) ? DL_DATE_OK : DL_DATE_BAD;
}

/* A month of two words of a normalised header: a four-digit year and
 * the month as a number or a name, in either order ("2026 10", "10
 * 2026", "oct 2026", "2026 octubre"). */
static gboolean
parse_header_month (const char *a,
                    const char *b,
                    DlPeriod   *period)
{
  const char *year_word = a;
  const char *month_word = b;
  guint64 year;
  guint64 month;

  if (strlen (b) == 4 && g_ascii_isdigit (b[0]))
    {
      year_word = b;
      month_word = a;
    }
  if (strlen (year_word) != 4 || !g_ascii_string_to_unsigned (year_word, 10, 1900, 2200, &year, NULL))
    return FALSE;
  if (g_ascii_isdigit (month_word[0]))
    {
      if (strlen (month_word) > 2 || !g_ascii_string_to_unsigned (month_word, 10, 1, 12, &month, NULL))
        return FALSE;
    }
  else
    {
      for (const char *p = month_word; *p != '\0'; p++)
        if (!g_ascii_isalpha (*p))
          return FALSE;
      month = month_from_name (month_word, strlen (month_word));
      if (month == 0)
        return FALSE;
    }

  *period = dl_period_from_ym ((int) year, (int) month);
  return TRUE;
}

/* The words from of words, to (not included), as one name. */
static char *
join_words (char  **words,
            guint   from,
            guint   to)
{
  GString *name = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    g_string_append_printf (name, "%s%s", i > from ? " " : "", words[i]);
  return g_string_free (name, FALSE);
}

gboolean
dl_csv_header_past_pv (const char *header,
                       DlPeriod   *period)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) words = NULL;
  guint n;

  g_return_val_if_fail (header != NULL && period != NULL, FALSE);

  name = normalize_header (header);
  words = g_strsplit (name, " ", -1);
  n = g_strv_length (words);
  if (n < 3)
    return FALSE;

  /* the month after the PV's name ("PPV 2026-10"), or before it */
  for (guint k = 0; k < 2; k++)
    {
      guint at = k == 0 ? n - 2 : 0;
      g_autofree char *rest = NULL;

      if (!parse_header_month (words[at], words[at + 1], period))
        continue;
      rest = k == 0 ? join_words (words, 0, n - 2) : join_words (words, 2, n);
      if (field_from_name (rest) == DL_CSV_FIELD_PV)
        return TRUE;
    }
  return FALSE;
}

DlDateOrder
dl_csv_guess_date_order (const DlCsvTable   *table,
                         const DlCsvMapping *mapping,
                         gboolean           *needs_order,
                         gboolean           *conflict)
{
  int columns[5];
  guint dmy = 0;
  guint mdy = 0;
  guint ambiguous = 0;
  guint n_rows;

  g_return_val_if_fail (table != NULL && mapping != NULL, DL_DATE_ORDER_UNKNOWN);

  columns[0] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_JOINED_ON);
  columns[1] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_ORDER);
  columns[2] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_ORDER);
  columns[3] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_NEXT_AUTOSHIP);
  columns[4] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_RENEWAL);
  n_rows = dl_csv_table_get_n_rows (table);

  for (guint r = 1; r < n_rows; r++)
    for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
      {
        if (columns[k] < 0)
          continue;
        switch (date_evidence (dl_csv_table_get (table, r, (guint) columns[k])))
          {
          case 'd':
            dmy++;
            break;
          case 'm':
            mdy++;
            break;
          case 'a':
            ambiguous++;
            break;
          default:
            break;
          }
      }

  if (needs_order != NULL)
    *needs_order = dmy == 0 && mdy == 0 && ambiguous > 0;
  if (conflict != NULL)
    *conflict = dmy > 0 && mdy > 0;

  if (dmy == 0 && mdy == 0)
    return DL_DATE_ORDER_UNKNOWN;
  return dmy >= mdy ? DL_DATE_ORDER_DMY : DL_DATE_ORDER_MDY;
}

/* ------------------------------------------------------------------ */
/* Status and role words                                              */

/* A word of a back office's and what it means, read as a header is
 * (lower case, without accents: "Dada de Baja" → "dada de baja"). */
typedef struct
{
  const char *word;
  int         value;
} Word;

static gboolean
find_word (const char *text,
           const Word *words,
           gsize       n_words,
           int        *value)
{
  g_autofree char *word = normalize_header (text);

  for (gsize i = 0; i < n_words; i++)
    if (g_str_equal (word, words[i].word))
      {
        *value = words[i].value;
        return TRUE;
      }

  return FALSE;
}

static const Word status_words[] = {
    { "active", DL_MEMBER_ACTIVE }, { "a", DL_MEMBER_ACTIVE }, { "activo", DL_MEMBER_ACTIVE },
    { "activa", DL_MEMBER_ACTIVE }, { "qualified", DL_MEMBER_ACTIVE }, { "yes", DL_MEMBER_ACTIVE },
    { "si", DL_MEMBER_ACTIVE }, { "alta", DL_MEMBER_ACTIVE }, { "vigente", DL_MEMBER_ACTIVE },
    { "inactive", DL_MEMBER_INACTIVE }, { "i", DL_MEMBER_INACTIVE }, { "inactivo", DL_MEMBER_INACTIVE },
    { "inactiva", DL_MEMBER_INACTIVE }, { "suspended", DL_MEMBER_INACTIVE },
    { "suspendido", DL_MEMBER_INACTIVE }, { "suspendida", DL_MEMBER_INACTIVE },
    { "on hold", DL_MEMBER_INACTIVE }, { "no", DL_MEMBER_INACTIVE }, { "pending", DL_MEMBER_INACTIVE },
    { "pendiente", DL_MEMBER_INACTIVE },
    { "dropped", DL_MEMBER_DROPPED }, { "terminated", DL_MEMBER_DROPPED },
    { "cancelled", DL_MEMBER_DROPPED }, { "canceled", DL_MEMBER_DROPPED },
    { "closed", DL_MEMBER_DROPPED }, { "resigned", DL_MEMBER_DROPPED }, { "d", DL_MEMBER_DROPPED },
    { "baja", DL_MEMBER_DROPPED }, { "dado de baja", DL_MEMBER_DROPPED },
    { "dada de baja", DL_MEMBER_DROPPED }, { "cancelado", DL_MEMBER_DROPPED },
    { "cancelada", DL_MEMBER_DROPPED }, { "terminado", DL_MEMBER_DROPPED },
    { "cerrado", DL_MEMBER_DROPPED }, { "cerrada", DL_MEMBER_DROPPED },
    { "de baja", DL_MEMBER_DROPPED },
    /* an "Active" column of yes and no (active_names) */
    { "y", DL_MEMBER_ACTIVE }, { "true", DL_MEMBER_ACTIVE }, { "x", DL_MEMBER_ACTIVE },
    { "n", DL_MEMBER_INACTIVE }, { "false", DL_MEMBER_INACTIVE },
};

static const Word role_words[] = {
    { "distributor", DL_ROLE_DISTRIBUTOR }, { "distribuidor", DL_ROLE_DISTRIBUTOR },
    { "distribuidora", DL_ROLE_DISTRIBUTOR }, { "consultant", DL_ROLE_DISTRIBUTOR },
    { "consultor", DL_ROLE_DISTRIBUTOR }, { "consultora", DL_ROLE_DISTRIBUTOR },
    { "associate", DL_ROLE_DISTRIBUTOR }, { "asociado", DL_ROLE_DISTRIBUTOR },
    { "asociada", DL_ROLE_DISTRIBUTOR }, { "affiliate", DL_ROLE_DISTRIBUTOR },
    { "afiliado", DL_ROLE_DISTRIBUTOR }, { "afiliada", DL_ROLE_DISTRIBUTOR },
    { "member", DL_ROLE_DISTRIBUTOR }, { "socio", DL_ROLE_DISTRIBUTOR }, { "socia", DL_ROLE_DISTRIBUTOR },
    { "rep", DL_ROLE_DISTRIBUTOR }, { "brand partner", DL_ROLE_DISTRIBUTOR },
    { "business partner", DL_ROLE_DISTRIBUTOR }, { "d", DL_ROLE_DISTRIBUTOR },
    { "customer", DL_ROLE_CUSTOMER }, { "cliente", DL_ROLE_CUSTOMER },
    { "preferred customer", DL_ROLE_CUSTOMER }, { "retail customer", DL_ROLE_CUSTOMER },
    { "wholesale customer", DL_ROLE_CUSTOMER }, { "cliente preferente", DL_ROLE_CUSTOMER },
    { "cliente preferido", DL_ROLE_CUSTOMER }, { "cliente vip", DL_ROLE_CUSTOMER },
    { "consumer", DL_ROLE_CUSTOMER }, { "consumidor", DL_ROLE_CUSTOMER },
    { "consumidora", DL_ROLE_CUSTOMER }, { "c", DL_ROLE_CUSTOMER },
};

static const Word yes_no_words[] = {
    { "yes", 1 }, { "y", 1 }, { "true", 1 }, { "1", 1 }, { "on", 1 }, { "active", 1 },
    { "si", 1 }, { "s", 1 }, { "activo", 1 }, { "activa", 1 }, { "x", 1 },
    { "no", 0 }, { "n", 0 }, { "false", 0 }, { "0", 0 }, { "off", 0 }, { "inactive", 0 },
    { "cancelled", 0 }, { "canceled", 0 }, { "none", 0 }, { "inactivo", 0 }, { "inactiva", 0 },
    { "cancelado", 0 }, { "cancelada", 0 },
};

static const Word side_words[] = {
    { "left", DL_CSV_SIDE_LEFT }, { "l", DL_CSV_SIDE_LEFT }, { "izquierda", DL_CSV_SIDE_LEFT },
    { "izq", DL_CSV_SIDE_LEFT }, { "izquierdo", DL_CSV_SIDE_LEFT }, { "i", DL_CSV_SIDE_LEFT },
    { "right", DL_CSV_SIDE_RIGHT }, { "r", DL_CSV_SIDE_RIGHT }, { "derecha", DL_CSV_SIDE_RIGHT },
    { "der", DL_CSV_SIDE_RIGHT }, { "derecho", DL_CSV_SIDE_RIGHT }, { "d", DL_CSV_SIDE_RIGHT },
};

/* A volume as back offices write it: "1,250.50", "1.250,50", "1 250",
 * "300 PV".  With both a dot and a comma, the last one is the decimal
 * point; a separator that comes more than once groups thousands; a lone
 * comma before exactly three digits groups thousands ("1,250"), any
 * other lone separator is the decimal point ("1.25", "12,5").  FALSE
 * for anything else, or a negative number. */
static gboolean
parse_volume (const char *text,
              double     *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *last_dot = strrchr (text, '.');
  const char *last_comma = strrchr (text, ',');
  const char *decimal = NULL;
  char *end = NULL;

  if (last_dot != NULL && last_comma != NULL)
    decimal = MAX (last_dot, last_comma);
  else if (last_dot != NULL || last_comma != NULL)
    {
      const char *sep = last_dot != NULL ? last_dot : last_comma;
      gboolean lone = strchr (text, *sep) == sep;
      gboolean thousands = *sep == ',' && strspn (sep + 1, "0123456789") == 3 && !g_ascii_isdigit (sep[4]);

      if (lone && !thousands)
        decimal = sep;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (p == decimal)
        g_string_append_c (digits, '.');
      else if (*p == '.' || *p == ',' || *p == ' ' || *p == '\'')
        continue;
      else if (g_ascii_isalpha (*p) && digits->len > 0)
        break;   /* "300 PV" */
      else
        return FALSE;
    }
  if (digits->len == 0)
    return FALSE;
  *value = g_ascii_strtod (digits->str, &end);
  return end != NULL && *end == '\0' && *value >= 0;
}

/* find_word, remembering each text in cache: a file repeats a handful of
 * words in a column on every row. */
static gboolean
find_word_cached (GHashTable *cache,
                  const char *text,
                  const Word *words,
                  gsize       n_words,
                  int        *value)
{
  gpointer known;

  if (g_hash_table_lookup_extended (cache, text, NULL, &known))
    {
      *value = GPOINTER_TO_INT (known);
      return TRUE;
    }
  if (!find_word (text, words, n_words, value))
    return FALSE;
  g_hash_table_insert (cache, (gpointer) text, GINT_TO_POINTER (*value));
  return TRUE;
}

gboolean
dl_csv_parse_status (const char     *text,
                     DlMemberStatus *status)
{
  int value;

  g_return_val_if_fail (text != NULL && status != NULL, FALSE);

  if (!find_word (text, status_words, G_N_ELEMENTS (status_words), &value))
    return FALSE;
  *status = (DlMemberStatus) value;
  return TRUE;
}

gboolean
dl_csv_parse_side (const char *text,
                   DlCsvSide  *side)
{
  int value;

  g_return_val_if_fail (text != NULL && side != NULL, FALSE);

  if (!find_word (text, side_words, G_N_ELEMENTS (side_words), &value))
    return FALSE;
  *side = (DlCsvSide) value;
  return TRUE;
}

const char *
dl_csv_side_to_string (DlCsvSide side)
{
  switch (side)
    {
    case DL_CSV_SIDE_LEFT:
      return "left";
    case DL_CSV_SIDE_RIGHT:
      return "right";
    case DL_CSV_SIDE_NONE:
    default:
      return NULL;
    }
}

gboolean
dl_csv_parse_role (const char *text,
                   DlRole     *role)
{
  int value;

  g_return_val_if_fail (text != NULL && role != NULL, FALSE);

  if (!find_word (text, role_words, G_N_ELEMENTS (role_words), &value))
    return FALSE;
  *role = (DlRole) value;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */

#define NO_ROW G_MAXUINT

/* The one place the zero-padding rule is written: the validator uses it
 * for duplicates and sponsors within a file, the store for the members
 * it already has. */
const char *
dl_member_number_key (const char *number)
{
  const char *p = number;

  g_return_val_if_fail (number != NULL, NULL);

  if (*p == '\0' || strspn (p, "0123456789") != strlen (p))
    return number;
  while (p[0] == '0' && p[1] != '\0')
    p++;
  return p;
}

/* The form a number in a country has ("900057-US"): a hyphen, then a
 * code of capitals and digits with a letter at least (numbers of their
 * own, "A-12" or "1234-5678", have none), after the number as
 * dl_member_number_key () writes it. */
const char *
dl_member_number_country (const char *number)
{
  const char *dash;
  gboolean letter = FALSE;

  g_return_val_if_fail (number != NULL, NULL);

  dash = strrchr (number, '-');
  if (dash == NULL || dash == number || dash[1] == '\0')
    return NULL;
  for (const char *p = dash + 1; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) || g_unichar_toupper (c) != c)
        return NULL;
      letter |= g_unichar_isalpha (c);
    }
  /* no zeros the key would leave off: "0057-US" is no number of the rule */
  if (!letter || (number[0] == '0' && dash - number > 1 && strspn (number, "0123456789") == (gsize) (dash - number)))
    return NULL;
  return dash + 1;
}

typedef struct
{
  const DlCsvTable *table;
  DlImportResult   *result;
  int               col[DL_CSV_N_FIELDS];
  GHashTable       *statuses;   /* status text → DlMemberStatus */
  GHashTable       *roles;      /* role text → DlRole */
  GStringChunk     *strings;    /* where the rows' text is kept; the result's */
  const int        *past_columns; /* the columns of earlier months' PV */
  guint             n_past;
} Validator;

static void
add_problem (GArray     *problems,
             guint       line,
             char       *reason)
{
  DlImportProblem problem = { line, reason };

  g_array_append_val (problems, problem);
}

static void
problem_clear (gpointer data)
{
  DlImportProblem *problem = data;

  g_free (problem->reason);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const DlImportProblem *pa = a;
  const DlImportProblem *pb = b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

void
dl_import_result_free (DlImportResult *result)
{
  if (result == NULL)
    return;

  g_array_unref (result->rows);
  g_array_unref (result->rejected);
  g_array_unref (result->warnings);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  g_clear_pointer (&result->past_periods, g_array_unref);
  g_ptr_array_unref (result->strings);
  g_free (result->past_values);
  g_free (result);
}

static const char *
cell (Validator  *v,
      guint       row,
      DlCsvField  field)
{
  const char *text;

  if (v->col[field] < 0)
    return "";
  text = dl_csv_table_get (v->table, row, (guint) v->col[field]);
  /* Downline's own export guards cells a spreadsheet would read as a
   * formula with a leading quote (OWASP); it is not part of the value. */
  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r", text[1]) != NULL)
    return text + 1;
  return text;
}

static const char *
keep (Validator  *v,
      const char *text)
{
  return *text == '\0' ? "" : g_string_chunk_insert (v->strings, text);
}

/* A member, enroller or placement cell: the number alone, and (name
 * not NULL) the name the cell writes beside it, or "".  NULL for a cell
 * with brackets in neither form: taken whole, it would be a member
 * number nobody has. */
static const char *
cell_number (Validator   *v,
             guint        row,
             DlCsvField   field,
             const char **name)
{
  const char *text = cell (v, row, field);
  Span number, beside;

  if (name != NULL)
    *name = "";
  if (split_member_cell (text, &number, &beside) == CELL_BAD)
    return NULL;
  if (name != NULL && beside.length > 0)
    *name = g_string_chunk_insert_len (v->strings, beside.start, (gssize) beside.length);
  /* a plain number as the file writes it: nothing to copy */
  if (number.start == text && number.start[number.length] == '\0')
    return text;
  return g_string_chunk_insert_len (v->strings, number.start, (gssize) number.length);
}

/* Why a member, enroller or placement cell is not read, on one line. */
static char *
member_cell_problem (Validator  *v,
                     guint       row,
                     DlCsvField  field)
{
  g_autofree char *shown = g_strstrip (g_strdelimit (g_strdup (cell (v, row, field)), "\r\n\t", ' '));

  /* Translators: a field's label and the cell */
  return g_strdup_printf (_("%s “%s” is neither a number nor a number and a name written "
                            "“900057 (Ana Ruiz)” or “Ana Ruiz (900057)”"),
                          dl_csv_field_get_label (field), shown);
}

/* Names on one line: a newline or a run of spaces inside a quoted
 * name cell is one space. */
static const char *
keep_name (Validator  *v,
           const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (strpbrk (text, "\r\n\t") == NULL && strstr (text, "  ") == NULL)
    return keep (v, text);

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return keep (v, out->str);
}

/* The row's text, copied out of the table into the result. */
static void
keep_row (Validator   *v,
          DlImportRow *row)
{
  row->member_number = keep (v, row->member_number);
  row->sponsor_number = keep (v, row->sponsor_number);
  row->placement_number = keep (v, row->placement_number);
  row->first_name = keep_name (v, row->first_name);
  row->last_name = keep_name (v, row->last_name);
  row->email = keep (v, row->email);
  /* row->notes is made in the result's strings already */
  row->phone = keep (v, row->phone);
  row->rank = keep (v, row->rank);
  row->paid_rank = keep (v, row->paid_rank);
  row->city = keep (v, row->city);
}

/* "García, Ana" or "Ana María García", by the one rule (dl-name.h). */
static void
split_full_name (Validator   *v,
                 const char  *full,
                 const char **first,
                 const char **last)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  dl_name_split (full, &a, &b);
  *first = keep (v, a);
  *last = keep (v, b);
}

static char *
date_problem (DlDateResult  result,
              DlCsvField    field,
              const char   *text)
{
  if (result == DL_DATE_AMBIGUOUS)
    return g_strdup_printf (_("%s “%s” could be day/month or month/day: choose the date order"),
                            dl_csv_field_get_label (field), text);
  return g_strdup_printf (_("%s “%s” is not a date"), dl_csv_field_get_label (field), text);
}

/* The line for the notes of a member whose e-mail cell the forms would
 * refuse.  Notes reach letters, so a line break or another control
 * character of the cell (a "\r\nBcc: …" smuggled into the file) becomes
 * a space; the line keeps within the dialogs' limit. */
static const char *
email_note (Validator  *v,
            const char *email)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *line = NULL;

  for (const char *p = email; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (shown, ' ');
      else
        g_string_append_unichar (shown, c);
    }
  g_strstrip (shown->str);

  /* Translators: the text of an e-mail cell that is not an address */
  line = g_strdup_printf (_("E-mail from the import, not usable: %s"), shown->str);
  if (g_utf8_strlen (line, -1) > DL_VALIDATE_MAX_FIELD)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, DL_VALIDATE_MAX_FIELD - 1);

      g_free (line);
      line = g_strconcat (cut, "…", NULL);
    }
  return keep (v, line);
}

/* NULL when the row is fine; otherwise the reason it is not. */
static char *
read_row (Validator   *v,
          guint        r,
          DlDateOrder  order,
          DlImportRow *row)
{
  static const DlCsvField text_fields[] = {
    DL_CSV_FIELD_MEMBER_NUMBER, DL_CSV_FIELD_SPONSOR_NUMBER, DL_CSV_FIELD_FIRST_NAME,
    DL_CSV_FIELD_LAST_NAME, DL_CSV_FIELD_FULL_NAME, DL_CSV_FIELD_RANK, DL_CSV_FIELD_EMAIL,
    DL_CSV_FIELD_PHONE, DL_CSV_FIELD_CITY, DL_CSV_FIELD_PLACEMENT_NUMBER, DL_CSV_FIELD_PAID_RANK,
  };
  const char *text;
  const char *name_beside;
  gboolean bad_member;
  DlDateResult date;
  int word;

  memset (row, 0, sizeof *row);
  row->line = dl_csv_table_get_line (v->table, r);
  row->member_number = cell_number (v, r, DL_CSV_FIELD_MEMBER_NUMBER, &name_beside);
  bad_member = row->member_number == NULL;
  if (bad_member)
    row->member_number = "";
  row->sponsor_number = row->placement_number = row->first_name = row->last_name = "";
  row->placement_row = DL_IMPORT_NO_ROW;
  row->email = row->phone = row->rank = row->paid_rank = row->city = row->notes = "";

  if (dl_csv_table_row_is_damaged (v->table, r))
    return g_strdup (_("the row holds bytes that are not text (a NUL or a stray byte): "
                       "check this line of the file"));

  /* bytes first: only a long cell needs its characters counted */
  for (guint k = 0; k < G_N_ELEMENTS (text_fields); k++)
    if (strlen (cell (v, r, text_fields[k])) > DL_VALIDATE_MAX_FIELD &&
        g_utf8_strlen (cell (v, r, text_fields[k]), -1) > DL_VALIDATE_MAX_FIELD)
      return g_strdup_printf (_("%s is longer than %d characters"),
                              dl_csv_field_get_label (text_fields[k]), DL_VALIDATE_MAX_FIELD);

  if (bad_member)
    return member_cell_problem (v, r, DL_CSV_FIELD_MEMBER_NUMBER);
  if (*row->member_number == '\0')
    return g_strdup (_("no member number"));

  row->first_name = cell (v, r, DL_CSV_FIELD_FIRST_NAME);
  row->last_name = cell (v, r, DL_CSV_FIELD_LAST_NAME);
  if (*row->first_name == '\0' && *row->last_name == '\0')
    {
      text = cell (v, r, DL_CSV_FIELD_FULL_NAME);
      /* "900057 (Ana Ruiz)" where the name cells say nothing */
      if (*text == '\0')
        text = name_beside;
      if (*text == '\0')
        return g_strdup (_("the name is empty"));
      split_full_name (v, text, &row->first_name, &row->last_name);
      if (*row->first_name == '\0' && *row->last_name == '\0')
        return g_strdup (_("the name is empty"));
    }

  text = cell (v, r, DL_CSV_FIELD_JOINED_ON);
  date = dl_csv_parse_date (text, order, &row->joined_on);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_JOINED_ON, text);

  text = cell (v, r, DL_CSV_FIELD_LAST_ORDER);
  date = dl_csv_parse_date (text, order, &row->last_order);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_LAST_ORDER, text);

  text = cell (v, r, DL_CSV_FIELD_FIRST_ORDER);
  date = dl_csv_parse_date (text, order, &row->first_order);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_FIRST_ORDER, text);

  text = cell (v, r, DL_CSV_FIELD_NEXT_AUTOSHIP);
  date = dl_csv_parse_date (text, order, &row->next_autoship);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_NEXT_AUTOSHIP, text);

  text = cell (v, r, DL_CSV_FIELD_RENEWAL);
  date = dl_csv_parse_date (text, order, &row->renewal_on);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_RENEWAL, text);
  /* no join date in the file: a member joins with their first order,
   * which is nearer the truth for a new member than today */
  if (v->col[DL_CSV_FIELD_JOINED_ON] < 0 && row->first_order != DL_DAY_NONE)
    {
      row->joined_on = row->first_order;
      row->joined_from_first_order = TRUE;
    }

  text = cell (v, r, DL_CSV_FIELD_STATUS);
  row->status = DL_MEMBER_ACTIVE;
  if (*text != '\0')
    {
      if (!find_word_cached (v->statuses, text, status_words, G_N_ELEMENTS (status_words), &word))
        return g_strdup_printf (_("the status “%s” is not one Downline knows (active, inactive or dropped)"), text);
      row->status = (DlMemberStatus) word;
      row->has_status = TRUE;
    }
  /* a terminated flag says the member is gone; its no leaves the status
   * to the status column */
  text = cell (v, r, DL_CSV_FIELD_TERMINATED);
  if (*text != '\0')
    {
      if (!find_word (text, yes_no_words, G_N_ELEMENTS (yes_no_words), &word))
        return g_strdup_printf (_("the terminated flag “%s” is not a yes or a no"), text);
      if (word == 1)
        {
          row->status = DL_MEMBER_DROPPED;
          row->has_status = TRUE;
        }
    }

  text = cell (v, r, DL_CSV_FIELD_ROLE);
  row->role = DL_ROLE_DISTRIBUTOR;
  if (*text != '\0')
    {
      if (!find_word_cached (v->roles, text, role_words, G_N_ELEMENTS (role_words), &word))
        return g_strdup_printf (_("the role “%s” is not one Downline knows (distributor or customer)"), text);
      row->role = (DlRole) word;
      row->has_role = TRUE;
    }

  /* the month's figures, kept only when a period is imported */
  row->pv = row->gv = row->left_volume = row->right_volume = NAN;
  row->autoship = row->qualified = -1;
  text = cell (v, r, DL_CSV_FIELD_PV);
  if (*text != '\0' && !parse_volume (text, &row->pv))
    return g_strdup_printf (_("the personal volume “%s” is not a number"), text);
  text = cell (v, r, DL_CSV_FIELD_GV);
  if (*text != '\0' && !parse_volume (text, &row->gv))
    return g_strdup_printf (_("the group volume “%s” is not a number"), text);
  text = cell (v, r, DL_CSV_FIELD_AUTOSHIP);
  if (*text != '\0')
    {
      if (!find_word (text, yes_no_words, G_N_ELEMENTS (yes_no_words), &word))
        return g_strdup_printf (_("the autoship “%s” is not a yes or a no"), text);
      row->autoship = (gint8) word;
    }
  text = cell (v, r, DL_CSV_FIELD_QUALIFIED);
  if (*text != '\0')
    {
      if (!find_word (text, yes_no_words, G_N_ELEMENTS (yes_no_words), &word))
        return g_strdup_printf (_("the qualified flag “%s” is not a yes or a no"), text);
      row->qualified = (gint8) word;
    }
  text = cell (v, r, DL_CSV_FIELD_LEFT_VOLUME);
  if (*text != '\0' && !parse_volume (text, &row->left_volume))
    return g_strdup_printf (_("the left leg volume “%s” is not a number"), text);
  text = cell (v, r, DL_CSV_FIELD_RIGHT_VOLUME);
  if (*text != '\0' && !parse_volume (text, &row->right_volume))
    return g_strdup_printf (_("the right leg volume “%s” is not a number"), text);
  if (v->n_past > 0)
    {
      double *past = v->result->past_values + (gsize) (r - 1) * v->n_past;

      for (guint k = 0; k < v->n_past; k++)
        {
          text = dl_csv_table_get (v->table, r, (guint) v->past_columns[k]);
          past[k] = NAN;
          if (*text != '\0' && !parse_volume (text, &past[k]))
            {
              char month[8];

              dl_period_format (g_array_index (v->result->past_periods, DlPeriod, k), month);
              /* Translators: a month as 2026-10, then the cell */
              return g_strdup_printf (_("the personal volume of %s “%s” is not a number"), month, text);
            }
        }
      row->past_pv = past;
    }

  text = cell (v, r, DL_CSV_FIELD_SIDE);
  if (*text != '\0' && !dl_csv_parse_side (text, &row->side))
    return g_strdup_printf (_("the side “%s” is neither left nor right"), text);

  row->placement_number = cell_number (v, r, DL_CSV_FIELD_PLACEMENT_NUMBER, NULL);
  if (row->placement_number == NULL)
    {
      row->placement_number = "";
      return member_cell_problem (v, r, DL_CSV_FIELD_PLACEMENT_NUMBER);
    }
  row->sponsor_number = cell_number (v, r, DL_CSV_FIELD_SPONSOR_NUMBER, NULL);
  if (row->sponsor_number == NULL)
    {
      row->sponsor_number = "";
      return member_cell_problem (v, r, DL_CSV_FIELD_SPONSOR_NUMBER);
    }
  if (v->col[DL_CSV_FIELD_SPONSOR_NUMBER] < 0 && v->col[DL_CSV_FIELD_PLACEMENT_NUMBER] >= 0)
    {
      row->sponsor_number = row->placement_number;
      row->enroller_from_placement = TRUE;
    }
  row->email = cell (v, r, DL_CSV_FIELD_EMAIL);
  /* as the forms check it: one address, no line break to carry into a
   * letter's headers.  A typo in the e-mail is no reason to lose the
   * member: the text is kept where a person can read and fix it. */
  if (!dl_validate_email (row->email, NULL))
    {
      row->notes = email_note (v, row->email);
      row->email = "";
    }
  row->phone = cell (v, r, DL_CSV_FIELD_PHONE);
  row->rank = cell (v, r, DL_CSV_FIELD_RANK);
  row->paid_rank = cell (v, r, DL_CSV_FIELD_PAID_RANK);
  row->city = cell (v, r, DL_CSV_FIELD_CITY);

  return NULL;
}

/* Marks the rows whose sponsor (or, with placement set, placement)
 * chain within the file loops; walks each chain once (state: 0 new, 1
 * on the current path, 2 done). */
static void
reject_cycles (Validator   *v,
               DlImportRow *rows,
               guint       *sponsor,
               gboolean    *ok,
               guint        n,
               gboolean     placement)
{
  g_autofree guint8 *state = g_new0 (guint8, n);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint start = 0; start < n; start++)
    {
      guint i = start;

      if (!ok[start] || state[start] != 0)
        continue;

      g_array_set_size (path, 0);
      while (i != NO_ROW && ok[i] && state[i] == 0)
        {
          state[i] = 1;
          g_array_append_val (path, i);
          i = sponsor[i];
        }

      if (i != NO_ROW && ok[i] && state[i] == 1)
        {
          /* i is on the path: from it to the end is the loop */
          guint from = 0;
          GString *chain = g_string_new (NULL);

          while (g_array_index (path, guint, from) != i)
            from++;
          for (guint k = from; k < path->len; k++)
            g_string_append_printf (chain, "%s → ", rows[g_array_index (path, guint, k)].member_number);
          g_string_append (chain, rows[i].member_number);

          for (guint k = from; k < path->len; k++)
            {
              guint j = g_array_index (path, guint, k);

              add_problem (v->result->rejected, rows[j].line,
                           placement
                           ? g_strdup_printf (_("the placement chain loops back on itself: %s"), chain->str)
                           : g_strdup_printf (_("the sponsor chain loops back on itself: %s"), chain->str));
              ok[j] = FALSE;
            }
          g_string_free (chain, TRUE);
        }

      for (guint k = 0; k < path->len; k++)
        state[g_array_index (path, guint, k)] = 2;
    }
}

/* A big file's rows are read on two cores, each half with strings and
 * status words of its own; what needs them all (duplicates, sponsors,
 * loops) comes after, on one. */
#define READ_IN_TWO_FROM 50000

typedef struct
{
  Validator     v;
  DlImportRow  *rows;
  char        **reasons;   /* NULL for a row that is fine */
  guint         from;
  guint         to;
  DlDateOrder   order;
} ReadJob;

static gpointer
read_rows (gpointer data)
{
  ReadJob *job = data;

  for (guint i = job->from; i < job->to; i++)
    {
      job->reasons[i] = read_row (&job->v, i + 1, job->order, &job->rows[i]);
      if (job->reasons[i] == NULL)
        keep_row (&job->v, &job->rows[i]);
    }
  g_clear_pointer (&job->v.statuses, g_hash_table_unref);
  g_clear_pointer (&job->v.roles, g_hash_table_unref);
  return NULL;
}

/* Reads every row into rows and reasons, keeping the text in the
 * result's strings. */
static void
read_all_rows (const Validator *v,
               guint            n,
               DlDateOrder      order,
               DlImportRow     *rows,
               char           **reasons)
{
  ReadJob jobs[2];
  guint n_jobs = n >= READ_IN_TWO_FROM ? 2 : 1;
  GThread *thread = NULL;

  for (guint k = 0; k < n_jobs; k++)
    {
      jobs[k] = (ReadJob) { *v, rows, reasons, n * k / n_jobs, n * (k + 1) / n_jobs, order };
      jobs[k].v.statuses = g_hash_table_new (g_str_hash, g_str_equal);
      jobs[k].v.roles = g_hash_table_new (g_str_hash, g_str_equal);
      jobs[k].v.strings = g_string_chunk_new (1 << 20);
      g_ptr_array_add (v->result->strings, jobs[k].v.strings);
    }

  if (n_jobs == 2)
    thread = g_thread_new ("dl-csv-validate", read_rows, &jobs[1]);
  read_rows (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);
}

/* The unmapped columns of an earlier month's PV, one a month (the
 * first), in column order; *periods gets their months. */
static int *
find_past_pv_columns (const DlCsvTable   *table,
                      const DlCsvMapping *mapping,
                      GArray            **periods)
{
  int *columns = g_new (int, MAX (mapping->n_columns, 1));
  guint n = 0;

  *periods = g_array_new (FALSE, FALSE, sizeof (DlPeriod));
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      DlPeriod period;
      gboolean seen = FALSE;

      if (mapping->columns[c] != DL_CSV_FIELD_IGNORE ||
          !dl_csv_header_past_pv (dl_csv_table_get (table, 0, c), &period))
        continue;
      for (guint k = 0; k < n && !seen; k++)
        seen = g_array_index (*periods, DlPeriod, k) == period;
      if (seen)
        continue;
      columns[n++] = (int) c;
      g_array_append_val (*periods, period);
    }
  return columns;
}

/* An unmapped column that holds dates (by its header, or most of its
 * first cells read as dates), or -1. */
static int
find_unread_date_column (const DlCsvTable   *table,
                         const DlCsvMapping *mapping)
{
  guint n_rows = MIN (dl_csv_table_get_n_rows (table), 201);

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      g_autofree char *name = NULL;
      guint dates = 0, filled = 0;

      if (mapping->columns[c] != DL_CSV_FIELD_IGNORE)
        continue;
      name = normalize_header (dl_csv_table_get (table, 0, c));
      if (strstr (name, "date") != NULL || strstr (name, "fecha") != NULL)
        return (int) c;
      for (guint r = 1; r < n_rows; r++)
        {
          const char *text = dl_csv_table_get (table, r, c);
          DlDay day;
          DlDateResult result;

          if (*text == '\0')
            continue;
          filled++;
          /* plain numbers are member numbers or amounts, not serial dates */
          if (strspn (text, "0123456789.") == strlen (text))
            continue;
          result = dl_csv_parse_date (text, DL_DATE_ORDER_UNKNOWN, &day);
          dates += result == DL_DATE_OK || result == DL_DATE_AMBIGUOUS;
        }
      if (filled > 0 && dates * 2 > filled)
        return (int) c;
    }

  return -1;
}

/* ------------------------------------------------------------------ */
/* Member numbers and countries (see dl-csv-import.h)                  */

/* How back offices write the countries of the common markets, in
 * English and Spanish and as ISO 3166 three-letter codes, by their
 * letters in capitals without accents or dots ("U.S.A." is "USA",
 * "México" is "MEXICO"), and the two-letter code each is: one country
 * must give one code, or a number in "USA" one month and "United States"
 * the next is two members.  A two-letter code is its own. */
static const struct
{
  const char *spelling;
  const char *code;
} country_aliases[] = {
  { "USA", "US" }, { "UNITEDSTATES", "US" }, { "UNITEDSTATESOFAMERICA", "US" },
  { "ESTADOSUNIDOS", "US" }, { "ESTADOSUNIDOSDEAMERICA", "US" }, { "EEUU", "US" }, { "EUA", "US" },
  { "CAN", "CA" }, { "CANADA", "CA" },
  { "MEX", "MX" }, { "MEXICO", "MX" }, { "MEJICO", "MX" },
  { "GBR", "GB" }, { "UK", "GB" }, { "UNITEDKINGDOM", "GB" }, { "GREATBRITAIN", "GB" },
  { "ENGLAND", "GB" }, { "REINOUNIDO", "GB" }, { "GRANBRETANA", "GB" }, { "INGLATERRA", "GB" },
  { "AUS", "AU" }, { "AUSTRALIA", "AU" },
  { "NZL", "NZ" }, { "NEWZEALAND", "NZ" }, { "NUEVAZELANDA", "NZ" },
  { "ESP", "ES" }, { "SPAIN", "ES" }, { "ESPANA", "ES" },
  { "COL", "CO" }, { "COLOMBIA", "CO" },
  { "PER", "PE" }, { "PERU", "PE" },
  { "CHL", "CL" }, { "CHILE", "CL" },
  { "ARG", "AR" }, { "ARGENTINA", "AR" },
  { "BRA", "BR" }, { "BRAZIL", "BR" }, { "BRASIL", "BR" },
  { "ECU", "EC" }, { "ECUADOR", "EC" },
  { "BOL", "BO" }, { "BOLIVIA", "BO" },
  { "URY", "UY" }, { "URUGUAY", "UY" },
  { "PRY", "PY" }, { "PARAGUAY", "PY" },
  { "VEN", "VE" }, { "VENEZUELA", "VE" },
  { "GTM", "GT" }, { "GUATEMALA", "GT" },
  { "SLV", "SV" }, { "ELSALVADOR", "SV" },
  { "HND", "HN" }, { "HONDURAS", "HN" },
  { "NIC", "NI" }, { "NICARAGUA", "NI" },
  { "CRI", "CR" }, { "COSTARICA", "CR" },
  { "PAN", "PA" }, { "PANAMA", "PA" },
  { "DOM", "DO" }, { "DOMINICANREPUBLIC", "DO" }, { "REPUBLICADOMINICANA", "DO" },
  { "PRI", "PR" }, { "PUERTORICO", "PR" },
  { "PHL", "PH" }, { "PHILIPPINES", "PH" }, { "FILIPINAS", "PH" },
  { "MYS", "MY" }, { "MALAYSIA", "MY" }, { "MALASIA", "MY" },
  { "SGP", "SG" }, { "SINGAPORE", "SG" }, { "SINGAPUR", "SG" },
  { "THA", "TH" }, { "THAILAND", "TH" }, { "TAILANDIA", "TH" },
  { "IDN", "ID" }, { "INDONESIA", "ID" },
  { "JPN", "JP" }, { "JAPAN", "JP" }, { "JAPON", "JP" },
  { "KOR", "KR" }, { "KOREA", "KR" }, { "SOUTHKOREA", "KR" }, { "REPUBLICOFKOREA", "KR" },
  { "COREA", "KR" }, { "COREADELSUR", "KR" },
  { "TWN", "TW" }, { "TAIWAN", "TW" },
  { "HKG", "HK" }, { "HONGKONG", "HK" },
  { "CHN", "CN" }, { "CHINA", "CN" },
  { "IND", "IN" }, { "INDIA", "IN" },
  { "DEU", "DE" }, { "GERMANY", "DE" }, { "ALEMANIA", "DE" }, { "DEUTSCHLAND", "DE" },
  { "FRA", "FR" }, { "FRANCE", "FR" }, { "FRANCIA", "FR" },
  { "ITA", "IT" }, { "ITALY", "IT" }, { "ITALIA", "IT" },
  { "NLD", "NL" }, { "NETHERLANDS", "NL" }, { "HOLLAND", "NL" }, { "PAISESBAJOS", "NL" }, { "HOLANDA", "NL" },
  { "BEL", "BE" }, { "BELGIUM", "BE" }, { "BELGICA", "BE" },
  { "CHE", "CH" }, { "SWITZERLAND", "CH" }, { "SUIZA", "CH" },
  { "AUT", "AT" }, { "AUSTRIA", "AT" },
  { "IRL", "IE" }, { "IRELAND", "IE" }, { "IRLANDA", "IE" },
  { "PRT", "PT" }, { "PORTUGAL", "PT" },
  { "SWE", "SE" }, { "SWEDEN", "SE" }, { "SUECIA", "SE" },
  { "NOR", "NO" }, { "NORWAY", "NO" }, { "NORUEGA", "NO" },
  { "DNK", "DK" }, { "DENMARK", "DK" }, { "DINAMARCA", "DK" },
  { "FIN", "FI" }, { "FINLAND", "FI" }, { "FINLANDIA", "FI" },
  { "POL", "PL" }, { "POLAND", "PL" }, { "POLONIA", "PL" },
  { "ZAF", "ZA" }, { "SOUTHAFRICA", "ZA" }, { "SUDAFRICA", "ZA" },
};

/* spelling → code, made once: validation may run in a worker thread */
static GHashTable *
country_alias_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *aliases = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (country_aliases); i++)
        g_hash_table_insert (aliases, (gpointer) country_aliases[i].spelling, (gpointer) country_aliases[i].code);
      g_once_init_leave (&table, aliases);
    }
  return table;
}

/* "us", "U.S." → "US": a country as the file spells it, the cell's
 * letters and digits in capitals, appended to out. */
static void
append_country_spelling (GString    *out,
                         const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_toupper (c));
    }
}

/* "us", "U.S.A.", "United States", "Estados Unidos" → "US": the ISO
 * code of a country country_aliases spells, else the spelling
 * ("Narnia" → "NARNIA"), appended to out. */
static void
append_country_code (GString    *out,
                     const char *text)
{
  gsize start = out->len;
  char spelling[32];
  gsize length = 0;
  const char *code;

  append_country_spelling (out, text);
  /* the spelling without its accents: "MÉXICO" is "MEXICO" */
  for (const char *p = out->str + start; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar base[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      if (c >= 0x80 && g_unichar_fully_decompose (c, FALSE, base, G_N_ELEMENTS (base)) > 0)
        c = base[0];
      if (c >= 0x80 || length == sizeof spelling - 1)
        return;
      spelling[length++] = (char) c;
    }
  spelling[length] = '\0';

  code = g_hash_table_lookup (country_alias_table (), spelling);
  if (code != NULL)
    {
      g_string_truncate (out, start);
      g_string_append (out, code);
    }
}

/* "0900057" in "US" → "900057-US": the form the rule gives a number in
 * a country, with the zeros any month may leave off already left off. */
static char *
qualified_number (const char *number,
                  const char *country)
{
  return g_strconcat (dl_member_number_key (number), "-", country, NULL);
}

typedef struct
{
  const char **country;  /* per row: the country's code, one string per code; "" for none */
  const char **spelled;  /* per row: the country as the file spells it ("USA"),
                          * the same string as country when that is its code */
  const char **number;   /* per row: the number as the file writes it */
  GHashTable  *first;    /* number key → 1 + the first row of that number;
                          * NULL when the file has no country column */
  guint       *next;     /* per row: the next row of the same number, or NO_ROW */
} Countries;

static void
countries_clear (Countries *c)
{
  g_clear_pointer (&c->country, g_free);
  g_clear_pointer (&c->spelled, g_free);
  g_clear_pointer (&c->number, g_free);
  g_clear_pointer (&c->first, g_hash_table_unref);
  g_clear_pointer (&c->next, g_free);
}

/* "US, CA": the countries of the rows of one number, from first on */
static char *
countries_of_number (const Countries *c,
                     guint            first)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *list = g_string_new (NULL);

  for (guint j = first; j != NO_ROW; j = c->next[j])
    if (*c->country[j] != '\0' && !g_ptr_array_find (seen, c->country[j], NULL))
      {
        g_ptr_array_add (seen, (gpointer) c->country[j]);
        g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", c->country[j]);
      }
  return g_string_free (list, FALSE);
}

/* What Downline has, as the caller of dl_csv_import_validate_full ()
 * tells it. */
typedef struct
{
  DlKnownNumberFunc       known;
  gpointer                known_data;
  DlQualifiedNumbersFunc  qualified;
  gpointer                qualified_data;
} Downline;

static gboolean
downline_knows (const Downline *d,
                const char     *number)
{
  return d->known != NULL && d->known (number, d->known_data);
}

/* The numbers Downline has for number with a country ("900057-US"),
 * or NULL. */
static char **
downline_forms (const Downline *d,
                const char     *number)
{
  char **forms = d->qualified != NULL ? d->qualified (number, d->qualified_data) : NULL;

  if (forms != NULL && forms[0] == NULL)
    g_clear_pointer (&forms, g_strfreev);
  return forms;
}

/* The code of the country of a number Downline has ("900057-USA" is
 * "US"), newly allocated: a country kept in an older spelling reads as
 * the file's. */
static char *
form_country (const char *form)
{
  const char *country = dl_member_number_country (form);
  GString *code = g_string_new (NULL);

  append_country_code (code, country != NULL ? country : "");
  return g_string_free (code, FALSE);
}

/* Whether a row of the number, from first on, is form's member: the
 * row of its country, or of that very number. */
static gboolean
form_in_file (const Countries   *c,
              const DlImportRow *rows,
              guint              first,
              const char        *form)
{
  g_autofree char *country = form_country (form);

  for (guint j = first; j != NO_ROW; j = c->next[j])
    if (g_str_equal (c->country[j], country) || g_str_equal (rows[j].member_number, form))
      return TRUE;
  return FALSE;
}

/* The number Downline has for number in row j's country, newly
 * allocated: "N-CC", else "N-" and the country as the file spells it
 * ("900057-USA"), as numbers were kept before the spellings of a country
 * were read as one code.  NULL when Downline has neither. */
static char *
known_in_country (const Countries *c,
                  guint            j,
                  const char      *number,
                  const Downline  *d)
{
  g_autofree char *qualified = NULL;

  if (*c->country[j] == '\0' || d->known == NULL)
    return NULL;
  qualified = qualified_number (number, c->country[j]);
  if (downline_knows (d, qualified))
    return g_steal_pointer (&qualified);
  if (c->spelled[j] == c->country[j])
    return NULL;
  g_free (qualified);
  qualified = qualified_number (number, c->spelled[j]);
  return downline_knows (d, qualified) ? g_steal_pointer (&qualified) : NULL;
}

/* Row j's number stays as the file writes it, with no country to read
 * it by (the row names none, or the file has no country column).  When
 * Downline has no member of the bare number but has it with countries,
 * that number is one of them, as last month's file had them: the one
 * whose country no other row of the number gives (those from first on;
 * NO_ROW when there are none), and row j takes it.  Returns why the row
 * cannot be read when that is not one member, else NULL. */
static char *
qualify_bare (Validator       *v,
              const Countries *c,
              const Downline  *d,
              DlImportRow     *rows,
              guint            j,
              guint            first)
{
  const char *number = rows[j].member_number;
  g_auto(GStrv) forms = NULL;
  g_autoptr(GString) all = NULL;
  g_autoptr(GString) left = NULL;
  const char *only = NULL;
  guint n_left = 0;

  /* the forms first: a lookup that finds nothing for most numbers */
  if (d->qualified == NULL || (forms = downline_forms (d, number)) == NULL || downline_knows (d, number))
    return NULL;

  all = g_string_new (NULL);
  left = g_string_new (NULL);
  for (guint k = 0; forms[k] != NULL; k++)
    {
      const char *country = dl_member_number_country (forms[k]);

      g_string_append_printf (all, "%s%s", all->len > 0 ? ", " : "", country);
      if (first != NO_ROW && form_in_file (c, rows, first, forms[k]))
        continue;
      g_string_append_printf (left, "%s%s", left->len > 0 ? ", " : "", country);
      only = forms[k];
      n_left++;
    }

  if (n_left == 1)
    {
      rows[j].member_number = g_string_chunk_insert (v->strings, only);
      return NULL;
    }
  if (n_left > 1)
    /* Translators: a member number and the countries Downline has it in */
    return g_strdup_printf (_("the member number %s is in Downline for more than one country (%s), "
                              "and this row names no country: the file does not say whose it is"),
                            number, left->str);
  /* Translators: a member number and the countries Downline has it in */
  return g_strdup_printf (_("the member number %s is in Downline for %s, which other rows of the file "
                            "have, and this row names no country: the file does not say whose it is"),
                          number, all->str);
}

/* Reads the country of every row and qualifies the numbers the rule
 * says: every row of a number the file gives in two countries or more
 * (rejecting, in reasons, those that name no country), a row whose
 * "N-CC" Downline already has, and one of a number Downline has in
 * other countries only; a row that names no country is read by
 * qualify_bare ().  Chains the rows of each number, for the
 * references. */
static void
countries_init (Countries       *c,
                Validator       *v,
                const Downline  *d,
                DlImportRow     *rows,
                char           **reasons,
                guint            n)
{
  g_autoptr(GString) code = g_string_new (NULL);
  /* cell → code, and spelling: a file repeats a handful of countries */
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) spellings = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer head;

  c->country = g_new0 (const char *, MAX (n, 1));
  c->spelled = g_new0 (const char *, MAX (n, 1));
  c->number = g_new0 (const char *, MAX (n, 1));
  c->next = g_new (guint, MAX (n, 1));
  c->first = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      const char *text = cell (v, i + 1, DL_CSV_FIELD_COUNTRY);
      gpointer known_code, spelling;

      if (!g_hash_table_lookup_extended (codes, text, NULL, &known_code))
        {
          g_string_truncate (code, 0);
          append_country_code (code, text);
          known_code = code->len == 0 ? "" : g_string_chunk_insert_const (v->strings, code->str);
          g_string_truncate (code, 0);
          append_country_spelling (code, text);
          spelling = g_str_equal (code->str, known_code)
                     ? known_code : g_string_chunk_insert_const (v->strings, code->str);
          g_hash_table_insert (codes, (gpointer) text, known_code);
          g_hash_table_insert (spellings, (gpointer) text, spelling);
        }
      c->country[i] = known_code;
      c->spelled[i] = g_hash_table_lookup (spellings, text);
      c->number[i] = rows[i].member_number;
    }
  /* backwards, so each chain runs in file order */
  for (guint i = n; i-- > 0;)
    {
      const char *key = dl_member_number_key (rows[i].member_number);

      c->next[i] = NO_ROW;
      if (*key == '\0')
        continue;
      if (g_hash_table_lookup_extended (c->first, key, NULL, &head))
        c->next[i] = GPOINTER_TO_UINT (head) - 1;
      g_hash_table_insert (c->first, (gpointer) key, GUINT_TO_POINTER (i + 1));
    }

  g_hash_table_iter_init (&iter, c->first);
  while (g_hash_table_iter_next (&iter, NULL, &head))
    {
      guint first = GPOINTER_TO_UINT (head) - 1;
      const char *one = NULL;
      gboolean several = FALSE;

      for (guint j = first; j != NO_ROW && !several; j = c->next[j])
        if (*c->country[j] != '\0')
          {
            several = one != NULL && one != c->country[j];
            one = one != NULL ? one : c->country[j];
          }

      for (guint j = first; j != NO_ROW; j = c->next[j])
        {
          g_autofree char *qualified = NULL;

          if (*c->country[j] == '\0')
            {
              if (reasons[j] != NULL)
                continue;
              if (several)
                {
                  g_autofree char *list = countries_of_number (c, first);

                  reasons[j] = g_strdup_printf (_("the member number %s is in the file for more than one "
                                                  "country (%s), and this row names no country: the file "
                                                  "does not say whose it is"),
                                                c->number[j], list);
                }
              else
                reasons[j] = qualify_bare (v, c, d, rows, j, first);
              continue;
            }
          /* one country this month, two before: the member as Downline has them */
          qualified = known_in_country (c, j, c->number[j], d);
          if (qualified == NULL && !several)
            {
              g_auto(GStrv) elsewhere = NULL;

              /* a new member of a number Downline has in other countries
               * only is one of several too */
              if ((elsewhere = downline_forms (d, c->number[j])) == NULL || downline_knows (d, c->number[j]))
                continue;
            }
          if (qualified == NULL)
            qualified = qualified_number (c->number[j], c->country[j]);
          rows[j].member_number = g_string_chunk_insert (v->strings, qualified);
          rows[j].plain_number = c->number[j];
        }
    }
}

typedef enum
{
  REF_OUTSIDE,     /* not in the file: the number to look for in Downline */
  REF_ROW,         /* a row of the file */
  REF_AMBIGUOUS,   /* in several countries, none the row's */
} Reference;

static gboolean
lookup_row (GHashTable *by_number,
            GHashTable *rejected_numbers,
            const char *number,
            guint      *row)
{
  const char *key = dl_member_number_key (number);
  gpointer p;

  if (!g_hash_table_lookup_extended (by_number, key, NULL, &p) &&
      !g_hash_table_lookup_extended (rejected_numbers, key, NULL, &p))
    return FALSE;
  *row = GPOINTER_TO_UINT (p);
  return TRUE;
}

/* Whom row i's enroller or placement number (*number) names, by the
 * rule of dl-csv-import.h: *row for a row of the file, else *number
 * (perhaps qualified with a country) for Downline to know. */
static Reference
resolve_reference (Validator         *v,
                   const Countries   *c,
                   const Downline    *d,
                   GHashTable        *by_number,
                   GHashTable        *rejected_numbers,
                   const DlImportRow *rows,
                   guint              i,
                   const char       **number,
                   guint             *row)
{
  g_autofree char *qualified = NULL;
  g_auto(GStrv) forms = NULL;
  guint found = NO_ROW;
  gpointer head = NULL;
  gboolean in_file = c->first != NULL &&
                     g_hash_table_lookup_extended (c->first, dl_member_number_key (*number), NULL, &head);

  /* the member of that number in the row's own country: in the file… */
  if (in_file && *c->country[i] != '\0')
    for (guint j = GPOINTER_TO_UINT (head) - 1; j != NO_ROW; j = c->next[j])
      if (c->country[j] == c->country[i] && lookup_row (by_number, rejected_numbers, rows[j].member_number, row))
        return REF_ROW;
  /* …then in Downline, where it may be a row of the file that names no
   * country */
  if (c->first != NULL)
    qualified = known_in_country (c, i, *number, d);
  if (qualified != NULL)
    {
      *number = g_string_chunk_insert (v->strings, qualified);
      return lookup_row (by_number, rejected_numbers, *number, row) ? REF_ROW : REF_OUTSIDE;
    }

  if (in_file)
    {
      /* else the only member of that number in the file… */
      for (guint j = GPOINTER_TO_UINT (head) - 1; j != NO_ROW; j = c->next[j])
        {
          guint k;

          if (!lookup_row (by_number, rejected_numbers, rows[j].member_number, &k))
            continue;
          if (found != NO_ROW && k != found)
            return REF_AMBIGUOUS;
          found = k;
        }
      /* …unless Downline has the number in a country the file does not
       * give: which of them it is would be a guess */
      forms = downline_forms (d, *number);
      for (guint k = 0; forms != NULL && forms[k] != NULL; k++)
        if (!form_in_file (c, rows, GPOINTER_TO_UINT (head) - 1, forms[k]))
          return REF_AMBIGUOUS;
      if (found == NO_ROW)
        return REF_OUTSIDE;
      *row = found;
      return REF_ROW;
    }

  /* a number the file has as it writes it ("900057-US", or any number
   * of a file without countries) */
  if (lookup_row (by_number, rejected_numbers, *number, row))
    return REF_ROW;
  /* a number Downline has only with its countries: the only one, in
   * the file (a row that names no country) or not */
  if ((forms = downline_forms (d, *number)) == NULL || downline_knows (d, *number))
    return REF_OUTSIDE;
  if (forms[1] != NULL)
    return REF_AMBIGUOUS;
  *number = g_string_chunk_insert (v->strings, forms[0]);
  return lookup_row (by_number, rejected_numbers, *number, row) ? REF_ROW : REF_OUTSIDE;
}

/* Why row i's enroller or placement number cannot be told apart. */
static char *
ambiguous_problem (const Countries *c,
                   const Downline  *d,
                   guint            i,
                   const char      *number,
                   gboolean         placement)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);
  g_auto(GStrv) forms = downline_forms (d, number);
  const char *country = c->first != NULL ? c->country[i] : "";
  gboolean in_file = FALSE;
  gboolean in_downline = FALSE;
  gpointer head;

  if (c->first != NULL && g_hash_table_lookup_extended (c->first, dl_member_number_key (number), NULL, &head))
    for (guint j = GPOINTER_TO_UINT (head) - 1; j != NO_ROW; j = c->next[j])
      if (*c->country[j] != '\0' && !g_ptr_array_find_with_equal_func (codes, c->country[j], g_str_equal, NULL))
        {
          g_ptr_array_add (codes, g_strdup (c->country[j]));
          in_file = TRUE;
        }
  for (guint k = 0; forms != NULL && forms[k] != NULL; k++)
    {
      char *code = form_country (forms[k]);

      if (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        g_free (code);
      else
        {
          g_ptr_array_add (codes, code);
          in_downline = TRUE;
        }
    }
  for (guint k = 0; k < codes->len; k++)
    g_string_append_printf (list, "%s%s", k > 0 ? ", " : "", (const char *) codes->pdata[k]);

  if (!in_downline && *country == '\0')
    return placement
           /* Translators: the placement parent's number and the countries it is in */
           ? g_strdup_printf (_("the placement parent %s is in the file for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str)
           /* Translators: the enroller's number and the countries it is in */
           : g_strdup_printf (_("the enroller %s is in the file for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str);
  if (!in_downline)
    return placement
           /* Translators: the placement parent's number, the countries it is in, the member's country */
           ? g_strdup_printf (_("the placement parent %s is in the file for more than one country (%s), "
                                "none of them this member’s (%s): the file does not say which one it is"),
                              number, list->str, country)
           /* Translators: the enroller's number, the countries it is in, the member's country */
           : g_strdup_printf (_("the enroller %s is in the file for more than one country (%s), "
                                "none of them this member’s (%s): the file does not say which one it is"),
                              number, list->str, country);
  if (in_file && *country == '\0')
    return placement
           /* Translators: the placement parent's number and the countries it is in */
           ? g_strdup_printf (_("the placement parent %s is in the file and in Downline for more than one "
                                "country (%s), and this row names no country: the file does not say which "
                                "one it is"),
                              number, list->str)
           /* Translators: the enroller's number and the countries it is in */
           : g_strdup_printf (_("the enroller %s is in the file and in Downline for more than one country "
                                "(%s), and this row names no country: the file does not say which one it is"),
                              number, list->str);
  if (in_file)
    return placement
           /* Translators: the placement parent's number, the countries it is in, the member's country */
           ? g_strdup_printf (_("the placement parent %s is in the file and in Downline for more than one "
                                "country (%s), none of them this member’s (%s): the file does not say "
                                "which one it is"),
                              number, list->str, country)
           /* Translators: the enroller's number, the countries it is in, the member's country */
           : g_strdup_printf (_("the enroller %s is in the file and in Downline for more than one country "
                                "(%s), none of them this member’s (%s): the file does not say which one "
                                "it is"),
                              number, list->str, country);
  if (*country == '\0')
    return placement
           /* Translators: the placement parent's number and the countries Downline has it in */
           ? g_strdup_printf (_("the placement parent %s is in Downline for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str)
           /* Translators: the enroller's number and the countries Downline has it in */
           : g_strdup_printf (_("the enroller %s is in Downline for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str);
  return placement
         /* Translators: the placement parent's number, the countries Downline has it in, the member's country */
         ? g_strdup_printf (_("the placement parent %s is in Downline for more than one country (%s), "
                              "none of them this member’s (%s): the file does not say which one it is"),
                            number, list->str, country)
         /* Translators: the enroller's number, the countries Downline has it in, the member's country */
         : g_strdup_printf (_("the enroller %s is in Downline for more than one country (%s), "
                              "none of them this member’s (%s): the file does not say which one it is"),
                            number, list->str, country);
}

/* The mapping check, for a member column whose cells write the names
 * too: the mapping may have been made without the table (copied by
 * hand) and not know it. */
static gboolean
check_mapping (const DlCsvTable   *table,
               const DlCsvMapping *mapping,
               GError            **error)
{
  DlCsvMapping named = *mapping;

  named.names_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER);
  if (!column_has_names (table, named.names_column))
    named.names_column = mapping->names_column;
  return dl_csv_mapping_check (&named, error);
}

DlImportResult *
dl_csv_import_validate (const DlCsvTable    *table,
                        const DlCsvMapping  *mapping,
                        DlDateOrder          order,
                        DlUnknownSponsor     policy,
                        DlKnownNumberFunc    known,
                        gpointer             known_data,
                        GError             **error)
{
  return dl_csv_import_validate_full (table, mapping, order, policy, known, known_data, NULL, NULL, error);
}

DlImportResult *
dl_csv_import_validate_full (const DlCsvTable        *table,
                             const DlCsvMapping      *mapping,
                             DlDateOrder              order,
                             DlUnknownSponsor         policy,
                             DlKnownNumberFunc        known,
                             gpointer                 known_data,
                             DlQualifiedNumbersFunc   qualified,
                             gpointer                 qualified_data,
                             GError                 **error)
{
  Validator v = { table, NULL, { 0 }, NULL, NULL, NULL, NULL, 0 };
  Downline downline = { known, known_data, qualified, qualified_data };
  g_autoptr(GHashTable) by_number = NULL;
  g_autoptr(GHashTable) rejected_numbers = NULL;
  g_autofree DlImportRow *rows = NULL;
  g_autofree guint *sponsor = NULL;
  g_autofree guint *parent = NULL;
  g_autofree gboolean *ok = NULL;
  g_autofree char **reasons = NULL;
  g_autofree guint *first_child = NULL;
  g_autofree guint *next_sibling = NULL;
  g_autofree guint *queue = NULL;
  g_autofree guint *position = NULL;
  g_autofree int *past_columns = NULL;
  Countries countries = { NULL, NULL, NULL, NULL, NULL };
  guint n;
  guint head = 0;
  guint tail = 0;

  g_return_val_if_fail (table != NULL && mapping != NULL, NULL);

  if (!check_mapping (table, mapping, error))
    return NULL;

  for (guint f = 0; f < DL_CSV_N_FIELDS; f++)
    v.col[f] = f == DL_CSV_FIELD_IGNORE ? -1 : dl_csv_mapping_find (mapping, f);

  v.result = g_new0 (DlImportResult, 1);
  v.result->rows = g_array_new (FALSE, FALSE, sizeof (DlImportRow));
  v.result->rejected = g_array_new (FALSE, FALSE, sizeof (DlImportProblem));
  g_array_set_clear_func (v.result->rejected, problem_clear);
  v.result->warnings = g_array_new (FALSE, FALSE, sizeof (DlImportProblem));
  g_array_set_clear_func (v.result->warnings, problem_clear);
  v.result->strings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  v.result->period = DL_PERIOD_NONE;

  n = dl_csv_table_get_n_rows (table) - 1;
  v.result->n_data_rows = n;
  past_columns = find_past_pv_columns (table, mapping, &v.result->past_periods);
  v.past_columns = past_columns;
  v.n_past = v.result->past_periods->len;
  if (v.n_past > 0)
    v.result->past_values = g_new (double, (gsize) MAX (n, 1) * v.n_past);
  rows = g_new0 (DlImportRow, MAX (n, 1));
  sponsor = g_new (guint, MAX (n, 1));
  ok = g_new0 (gboolean, MAX (n, 1));
  by_number = g_hash_table_new (g_str_hash, g_str_equal);
  rejected_numbers = g_hash_table_new (g_str_hash, g_str_equal);

  /* Each row on its own, then duplicates. */
  reasons = g_new (char *, MAX (n, 1));
  read_all_rows (&v, n, order, rows, reasons);
  /* the text made from here on, on this thread */
  v.strings = g_string_chunk_new (1 << 12);
  g_ptr_array_add (v.result->strings, v.strings);
  if (v.col[DL_CSV_FIELD_COUNTRY] >= 0)
    countries_init (&countries, &v, &downline, rows, reasons, n);
  /* no countries in the file: a number Downline has only with theirs */
  else if (qualified != NULL)
    for (guint i = 0; i < n; i++)
      if (reasons[i] == NULL)
        reasons[i] = qualify_bare (&v, &countries, &downline, rows, i, NO_ROW);
  for (guint i = 0; i < n; i++)
    {
      char *reason = reasons[i];
      gpointer first;

      if (reason == NULL &&
          g_hash_table_lookup_extended (by_number, dl_member_number_key (rows[i].member_number),
                                        NULL, &first))
        reason = g_strdup_printf (_("the member number %s is already on line %u"),
                                  rows[i].member_number, rows[GPOINTER_TO_UINT (first)].line);
      /* a file cut short in its last record: what is there of the last
       * cell read ("Silv" for Silver) is no value to keep */
      if (reason == NULL && i == n - 1 && table->unended &&
          dl_csv_table_get_row_length (table, i + 1) < dl_csv_table_get_n_columns (table))
        reason = g_strdup_printf (_("the file ends in this row, after %u of its %u columns: "
                                    "it looks cut short"),
                                  dl_csv_table_get_row_length (table, i + 1),
                                  dl_csv_table_get_n_columns (table));
      if (reason != NULL)
        {
          add_problem (v.result->rejected, rows[i].line, reason);
          if (*rows[i].member_number != '\0' &&
              !g_hash_table_contains (by_number, dl_member_number_key (rows[i].member_number)))
            g_hash_table_insert (rejected_numbers, (gpointer) dl_member_number_key (rows[i].member_number),
                                 GUINT_TO_POINTER (i));
          continue;
        }
      ok[i] = TRUE;
      g_hash_table_insert (by_number, (gpointer) dl_member_number_key (rows[i].member_number),
                           GUINT_TO_POINTER (i));
    }

  /* Placements first: a row rejected for its placement is then a
   * sponsor that was not imported, like any other. */
  parent = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    parent[i] = NO_ROW;
  if (v.col[DL_CSV_FIELD_PLACEMENT_NUMBER] >= 0)
    {
      for (guint i = 0; i < n; i++)
        {
          const char *number = rows[i].placement_number;
          guint p = NO_ROW;
          Reference reference;

          if (!ok[i] || *number == '\0')
            continue;
          reference = resolve_reference (&v, &countries, &downline, by_number, rejected_numbers, rows, i,
                                         &number, &p);
          if (reference == REF_AMBIGUOUS)
            {
              add_problem (v.result->rejected, rows[i].line,
                           ambiguous_problem (&countries, &downline, i, number, TRUE));
              ok[i] = FALSE;
            }
          else if ((reference == REF_ROW && p == i) ||
                   g_str_equal (dl_member_number_key (number), dl_member_number_key (rows[i].member_number)))
            {
              add_problem (v.result->rejected, rows[i].line,
                           g_strdup_printf (_("the member is placed under themselves (placement %s)"), number));
              ok[i] = FALSE;
            }
          else if (reference == REF_ROW)
            {
              parent[i] = p;
              /* the parent as their own row writes it */
              rows[i].placement_number = rows[parent[i]].member_number;
              if (rows[i].enroller_from_placement)
                rows[i].sponsor_number = rows[i].placement_number;
            }
          /* placed under someone outside the export (the user's own
           * upline, or an upline's spillover in a binary plan): the
           * member comes in, their placement as Downline has it */
          else if (known == NULL || !known (number, known_data))
            {
              add_problem (v.result->warnings, rows[i].line,
                           g_strdup_printf (_("the placement parent %s is neither in the file nor in Downline: "
                                              "the placement is left as it was"), number));
              rows[i].placement_number = "";
              rows[i].placement_unknown = TRUE;
              if (rows[i].enroller_from_placement)
                rows[i].sponsor_number = "";
            }
          /* a parent in Downline, perhaps as the number in this country */
          else
            {
              rows[i].placement_number = number;
              if (rows[i].enroller_from_placement)
                rows[i].sponsor_number = number;
            }
        }
      reject_cycles (&v, rows, parent, ok, n, TRUE);
    }

  /* Sponsors within the file. */
  for (guint i = 0; i < n; i++)
    {
      const char *number = rows[i].sponsor_number;
      Reference reference;
      guint s = NO_ROW;

      sponsor[i] = NO_ROW;
      if (!ok[i] || *number == '\0')
        continue;
      reference = resolve_reference (&v, &countries, &downline, by_number, rejected_numbers, rows, i,
                                     &number, &s);
      if (reference == REF_AMBIGUOUS)
        {
          add_problem (v.result->rejected, rows[i].line,
                       ambiguous_problem (&countries, &downline, i, number, FALSE));
          ok[i] = FALSE;
        }
      else if (reference == REF_ROW)
        {
          sponsor[i] = s;
          /* the sponsor as their own row writes it */
          rows[i].sponsor_number = rows[sponsor[i]].member_number;
        }
      else
        rows[i].sponsor_number = number;
    }

  reject_cycles (&v, rows, sponsor, ok, n, FALSE);

  /* Sponsors outside the file, or whose row was rejected. */
  for (guint i = 0; i < n; i++)
    {
      const char *number = rows[i].sponsor_number;
      char *why = NULL;

      if (!ok[i] || (sponsor[i] != NO_ROW && ok[sponsor[i]]))
        continue;

      if (sponsor[i] != NO_ROW)
        why = g_strdup_printf (_("the sponsor %s (line %u) was not imported"),
                               number, rows[sponsor[i]].line);
      else if (*number == '\0')
        why = g_strdup (_("no sponsor is given"));
      else if (known == NULL || !known (number, known_data))
        why = g_strdup_printf (_("the sponsor %s is neither in the file nor in Downline"), number);

      sponsor[i] = NO_ROW;
      if (why == NULL)
        continue;   /* a member already in the database */

      rows[i].sponsor_number = "";
      rows[i].sponsor_unknown = TRUE;
      /* a member already in Downline (the user at the top of their own
       * export, say) keeps the sponsor they have: nothing to say */
      if (known != NULL && known (rows[i].member_number, known_data))
        {
          g_free (why);
          continue;
        }
      add_problem (v.result->warnings, rows[i].line,
                   g_strdup_printf (policy == DL_UNKNOWN_SPONSOR_USER
                                    ? _("%s: placed directly under you")
                                    : _("%s: kept under “No sponsor”"),
                                    why));
      g_free (why);
    }

  /* A placement parent whose row was rejected leaves the placement as
   * Downline has it. */
  for (guint i = 0; i < n; i++)
    if (ok[i] && parent[i] != NO_ROW && !ok[parent[i]])
      {
        add_problem (v.result->warnings, rows[i].line,
                     g_strdup_printf (_("the placement parent %s (line %u) was not imported: "
                                        "the placement is left as it was"),
                                      rows[i].placement_number, rows[parent[i]].line));
        rows[i].placement_number = "";
        rows[i].placement_unknown = TRUE;
        parent[i] = NO_ROW;
      }

  /* Sponsors before recruits: breadth first from the rows whose sponsor
   * is outside the file. */
  first_child = g_new (guint, MAX (n, 1));
  next_sibling = g_new (guint, MAX (n, 1));
  queue = g_new (guint, MAX (n, 1));
  position = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    first_child[i] = NO_ROW;
  for (guint i = n; i-- > 0;)
    {
      if (!ok[i])
        continue;
      if (sponsor[i] == NO_ROW)
        queue[tail++] = i;
      else
        {
          next_sibling[i] = first_child[sponsor[i]];
          first_child[sponsor[i]] = i;
        }
    }
  /* roots in file order */
  for (guint a = 0, b = tail; a + 1 < b; a++, b--)
    {
      guint t = queue[a];

      queue[a] = queue[b - 1];
      queue[b - 1] = t;
    }

  g_array_set_size (v.result->rows, 0);
  while (head < tail)
    {
      guint i = queue[head++];
      /* a sponsor is always out of the queue before their recruits */
      rows[i].sponsor_row = sponsor[i] == NO_ROW ? DL_IMPORT_NO_ROW : position[sponsor[i]];
      position[i] = v.result->rows->len;
      g_array_append_val (v.result->rows, rows[i]);
      v.result->n_emails_in_notes += *rows[i].notes != '\0';
      v.result->has_plain_numbers |= rows[i].plain_number != NULL;

      for (guint c = first_child[i]; c != NO_ROW; c = next_sibling[c])
        queue[tail++] = c;
    }
  g_assert (v.result->rows->len + v.result->rejected->len == n);

  /* a parent may come after the row it places: only now are all the
   * positions known */
  for (guint i = 0; i < n; i++)
    if (ok[i] && parent[i] != NO_ROW)
      g_array_index (v.result->rows, DlImportRow, position[i]).placement_row = position[parent[i]];

  v.result->has_placement = v.col[DL_CSV_FIELD_PLACEMENT_NUMBER] >= 0;
  v.result->has_side = v.result->has_placement && v.col[DL_CSV_FIELD_SIDE] >= 0;
  v.result->has_highest_rank = v.col[DL_CSV_FIELD_RANK] >= 0 && v.col[DL_CSV_FIELD_PAID_RANK] >= 0;

  v.result->notes = g_ptr_array_new_with_free_func (g_free);
  if (v.col[DL_CSV_FIELD_SIDE] >= 0 && !v.result->has_placement)
    g_ptr_array_add (v.result->notes,
                     g_strdup_printf (_("The column “%s” holds the binary side, which is only read "
                                        "together with the placement: map a column to “%s”."),
                                      dl_csv_table_get (table, 0, (guint) v.col[DL_CSV_FIELD_SIDE]),
                                      dl_csv_field_get_label (DL_CSV_FIELD_PLACEMENT_NUMBER)));
  if (v.n_past > 0)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint k = 0; k < v.n_past; k++)
        g_string_append_printf (names, "%s“%s”", k > 0 ? ", " : "",
                                dl_csv_table_get (table, 0, (guint) past_columns[k]));
      g_ptr_array_add (v.result->notes,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "The column %s is the personal volume of an earlier "
                                                     "month: it fills that month’s figures.",
                                                     "The columns %s are the personal volume of earlier "
                                                     "months: they fill those months’ figures.",
                                                     v.n_past),
                                        names->str));
    }
  if (v.col[DL_CSV_FIELD_JOINED_ON] < 0)
    {
      int c = find_unread_date_column (table, mapping);

      if (c >= 0)
        g_ptr_array_add (v.result->notes,
                         g_strdup_printf (_("The column “%s” holds dates but is not read as the "
                                            "join date, so the new members join today. If it is "
                                            "the join date, map it to “%s”."),
                                          dl_csv_table_get (table, 0, (guint) c),
                                          dl_csv_field_get_label (DL_CSV_FIELD_JOINED_ON)));
    }

  g_array_sort (v.result->rejected, compare_problems);
  g_array_sort (v.result->warnings, compare_problems);
  v.result->policy = policy;
  countries_clear (&countries);

  return v.result;
}

/* The number a member, enroller or placement cell writes, without the
 * name beside it, newly allocated. */
static char *
number_of_cell (const char *text)
{
  g_autofree char *number = NULL;

  dl_csv_split_member_cell (text, &number, NULL);
  return g_strstrip (g_steal_pointer (&number));
}

/* The number of the user's own row, as dl_csv_import_validate () reads
 * it: qualified with its country when the file gives it in another
 * country too. */
static char *
user_row_number (const DlCsvTable   *table,
                 const DlCsvMapping *mapping,
                 guint               top)
{
  int member_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER);
  int country_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_COUNTRY);
  g_autofree char *number = number_of_cell (dl_csv_table_get (table, top, (guint) member_column));
  g_autoptr(GString) country = g_string_new (NULL);
  guint n_rows = dl_csv_table_get_n_rows (table);

  if (country_column < 0)
    return g_steal_pointer (&number);
  append_country_code (country, dl_csv_table_get (table, top, (guint) country_column));
  if (country->len == 0)
    return g_steal_pointer (&number);
  for (guint r = 1; r < n_rows; r++)
    {
      g_autofree char *other = number_of_cell (dl_csv_table_get (table, r, (guint) member_column));
      g_autoptr(GString) other_country = g_string_new (NULL);

      if (r == top || !g_str_equal (dl_member_number_key (other), dl_member_number_key (number)))
        continue;
      append_country_code (other_country, dl_csv_table_get (table, r, (guint) country_column));
      if (other_country->len > 0 && !g_str_equal (other_country->str, country->str))
        return qualified_number (number, country->str);
    }
  return g_steal_pointer (&number);
}

char *
dl_csv_guess_user (const DlCsvTable   *table,
                   const DlCsvMapping *mapping,
                   gboolean           *in_file,
                   guint              *top_row)
{
  g_autoptr(GHashTable) numbers = NULL;
  int member_column, sponsor_column;
  guint n_rows, n_tops = 0, top = 0;
  g_autofree char *absent = NULL;   /* the key every top names, while they agree */
  gboolean agree = TRUE;

  g_return_val_if_fail (table != NULL && mapping != NULL && in_file != NULL, NULL);

  member_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER);
  sponsor_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_SPONSOR_NUMBER);
  if (member_column < 0 || sponsor_column < 0)
    return NULL;

  n_rows = dl_csv_table_get_n_rows (table);
  numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 1; r < n_rows; r++)
    {
      g_autofree char *cell = number_of_cell (dl_csv_table_get (table, r, (guint) member_column));

      if (*cell != '\0')
        g_hash_table_add (numbers, g_strdup (dl_member_number_key (cell)));
    }

  for (guint r = 1; r < n_rows; r++)
    {
      g_autofree char *member = number_of_cell (dl_csv_table_get (table, r, (guint) member_column));
      g_autofree char *sponsor = number_of_cell (dl_csv_table_get (table, r, (guint) sponsor_column));
      const char *key;

      if (*member == '\0')
        continue;
      key = dl_member_number_key (sponsor);
      if (*sponsor != '\0' && g_hash_table_contains (numbers, key))
        continue;
      /* a member at the top: no enroller, or one outside the file */
      if (n_tops++ == 0)
        top = r;
      if (*sponsor == '\0' || (absent != NULL && !g_str_equal (absent, key)))
        agree = FALSE;
      else if (absent == NULL)
        absent = g_strdup (key);
    }

  if (n_tops == 1)
    {
      *in_file = TRUE;
      if (top_row != NULL)
        *top_row = top;
      return user_row_number (table, mapping, top);
    }
  if (n_tops > 1 && agree && absent != NULL)
    {
      *in_file = FALSE;
      /* the number as the first of those rows writes it */
      return number_of_cell (dl_csv_table_get (table, top, (guint) sponsor_column));
    }
  return NULL;
}

const char *
dl_csv_table_get_checksum (const DlCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->checksum;
}

char *
dl_csv_table_layout_key (const DlCsvTable *table)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (table != NULL, NULL);

  n = dl_csv_table_get_n_columns (table);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = normalize_header (dl_csv_table_get (table, 0, c));

      g_string_append (names, name);
      g_string_append_c (names, '\t');
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, names->str, names->len);
}

char *
dl_csv_mapping_to_text (const DlCsvMapping *mapping)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (mapping != NULL, NULL);

  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->columns[c] != DL_CSV_FIELD_IGNORE)
      g_string_append_printf (text, "%s=%u\n", dl_csv_field_get_key (mapping->columns[c]), c + 1);
  return g_string_free (text, FALSE);
}

gboolean
dl_csv_mapping_from_text (DlCsvMapping *mapping,
                          const char   *text)
{
  g_auto(GStrv) lines = NULL;
  g_autofree DlCsvField *columns = NULL;

  g_return_val_if_fail (mapping != NULL && text != NULL, FALSE);

  /* all or nothing: a line that does not fit leaves the mapping as it was */
  columns = g_new0 (DlCsvField, MAX (mapping->n_columns, 1));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *key = NULL;
      DlCsvField field;
      guint64 column;

      if (*lines[i] == '\0')
        continue;
      if (eq == NULL)
        return FALSE;
      key = g_strndup (lines[i], (gsize) (eq - lines[i]));
      if (!dl_csv_field_from_key (key, &field)
          || !g_ascii_string_to_unsigned (eq + 1, 10, 1, mapping->n_columns, &column, NULL))
        return FALSE;
      columns[column - 1] = field;
    }
  for (guint c = 0; c < mapping->n_columns; c++)
    mapping->columns[c] = DL_CSV_FIELD_IGNORE;
  for (guint c = 0; c < mapping->n_columns; c++)
    if (columns[c] != DL_CSV_FIELD_IGNORE)
      dl_csv_mapping_set (mapping, c, columns[c]);
  return TRUE;
}

/* dl-csv-split.c — splitting a CSV file (or a workbook's sheet) into a table of cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "dl-csv-import-private.h"
#include "dl-memory.h"
#include "dl-xlsx.h"

static int
is_space_cb (unsigned char c)
{
  return c == ' ';
}

/* A cell's text and its NUL, written where this half's text goes. */
static void
on_field_cb (void   *field,
             size_t  length,
             void   *data)
{
  DlCsvTable *t = data;
  const char *s = field;
  gsize offset = t->out_start + t->out_length;

  if (s == NULL)
    length = 0;

  for (const char *p = s; p != NULL && p < s + length; p++)
    {
      p = memchr (p, '\n', (gsize) (s + length - p));
      if (p == NULL)
        break;
      t->row_newlines++;
    }

  /* A NUL inside a cell (UTF-16 text keeps U+0000 as one) would read
   * as the end of the cell, and every cell after it in the row would
   * be taken for the next: the cell ends there, as it always read. */
  if (length > 0)
    length = strnlen (s, length);

  while (length > 0 && (s[0] == ' ' || s[0] == '\t'))
    {
      s++;
      length--;
    }
  while (length > 0 && (s[length - 1] == ' ' || s[length - 1] == '\t' || s[length - 1] == '\r'))
    length--;

  /* See text_size (): a cell's text and its NUL are never more bytes
   * than the cell and the delimiter or line end after it. */
  if (offset + length + 1 > t->out_size || offset + length + 1 > G_MAXUINT)
    {
      t->overflow = TRUE;
      return;
    }
  memcpy (t->out + offset, s, length);
  t->out[offset + length] = '\0';
  t->out_length += length + 1;
  t->row_cells++;
}

static void
on_row_cb (int   terminator,
           void *data)
{
  DlCsvTable *t = data;
  gsize end = t->out_start + t->out_length;
  DlCsvRow row;
  gboolean blank = TRUE;

  for (gsize i = t->record_start; i < end && blank; i++)
    if (t->out[i] != '\0')
      blank = FALSE;

  /* With CSV_REPALL_NL every line end outside a field comes here: the
   * one ending a record, then the LF of a CRLF and blank lines as empty
   * records. */
  row.line = t->line;
  t->line += t->row_newlines + (terminator == '\n' ? 1 : 0);
  t->row_newlines = 0;

  /* ",,,," lines that spreadsheets leave at the end are no rows */
  if (blank)
    t->out_length = t->record_start - t->out_start;
  else
    {
      row.text = (guint) t->record_start;
      row.n_cells = t->row_cells;
      g_array_append_val (t->rows, row);
      t->record_start = end;
    }
  t->row_cells = 0;
}

void
dl_csv_table_free (DlCsvTable *table)
{
  if (table == NULL)
    return;

  /* a table given up before it was filled has none of them */
  g_clear_pointer (&table->text, g_byte_array_unref);
  g_clear_pointer (&table->rows, g_array_unref);
  g_clear_pointer (&table->wide_rows, g_array_unref);
  g_clear_pointer (&table->wide, g_array_unref);
  g_clear_pointer (&table->bad_lines, g_array_unref);
  /* the text being written, when reading failed */
  g_free (table->out);
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

/* The bytes of a file are read from a mapping of it, and a million-row
 * file is 115 MB: held whole while the cells are made, it was a third
 * of the read's peak.  Each pass over the bytes gives the pages it has
 * read back to the system as it goes (the mapping is read-only and
 * private, so a page read again is the file's again); bytes that are
 * not a mapping are left alone. */
typedef struct
{
  const char *base;     /* the mapping, or NULL for bytes in memory */
  gsize       page;
} Release;

/* Bytes in memory: nothing to give back. */
static const Release in_memory = { NULL, 1 };

#define RELEASE_CHUNK (4 << 20)

/* Gives back the whole pages of the mapping in [from, to). */
static void
release_pages (const Release *release,
               const char    *from,
               const char    *to)
{
#ifdef MADV_DONTNEED
  gsize first, last;

  if (release->base == NULL || to <= from)
    return;
  first = ((gsize) (from - release->base) + release->page - 1) / release->page * release->page;
  last = (gsize) (to - release->base) / release->page * release->page;
  if (last > first)
    madvise ((void *) (release->base + first), last - first, MADV_DONTNEED);
#endif
}

/* csv_parse () over text, a chunk at a time, each chunk's pages given
 * back once it is read; FALSE when the parser failed.  The pages the
 * chunk's cells will take are made present first, in one call: faulted
 * in one by one they were a tenth of the read.  How many: as many as
 * the chunks before took for their bytes (the delimiters and quotes
 * are left out; a page too few is faulted in as ever, a page too many
 * would stay resident unused). */
static gboolean
parse_releasing (struct csv_parser *parser,
                 DlCsvTable        *t,
                 const char        *text,
                 gsize              length,
                 const Release     *release)
{
  gsize begin = t->out_start + t->out_length;

  for (gsize done = 0; done < length;)
    {
      gsize n = MIN (length - done, RELEASE_CHUNK);
      gsize out = t->out_start + t->out_length;
      gsize want = done > 0 ? (gsize) ((double) (out - begin) / (double) done * (double) n) : n / 2;

      if (out < t->out_size)
        dl_memory_make_present (t->out + out, MIN (want, t->out_size - out));
      if (csv_parse (parser, text + done, n, on_field_cb, on_row_cb, t) != n)
        return FALSE;
      release_pages (release, text + done, text + done + n);
      done += n;
    }
  return TRUE;
}

/* The checksum of the bytes, and whether they are all UTF-8 (no NUL
 * either), in one pass that gives back each chunk's pages. */
static char *
checksum_and_check (const char    *data,
                    gsize          length,
                    const Release *release,
                    gboolean      *utf8)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize checked = 0;

  *utf8 = TRUE;
  for (gsize done = 0; done < length;)
    {
      gsize n = MIN (length - done, RELEASE_CHUNK);
      gsize end = done + n;

      g_checksum_update (checksum, (const guchar *) data + done, (gssize) n);
      /* a character cut by the chunk's end is checked with the next */
      if (end < length)
        {
          gsize cut = end;

          while (cut > checked && end - cut < 3 && ((guchar) data[cut - 1] & 0xC0) == 0x80)
            cut--;
          if (cut > checked && (guchar) data[cut - 1] >= 0xC0)
            cut--;
          end = cut;
        }
      if (*utf8 && end > checked)
        *utf8 = g_utf8_validate_len (data + checked, end - checked, NULL);
      checked = MAX (checked, end);
      release_pages (release, data + done, data + done + n);
      done += n;
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* Where the cells' text goes: a cell's text and its NUL are never more
 * bytes than the cell and the delimiter or line end that ends it (a
 * quote, a blank or a CR left out only make it less), so the text of
 * length bytes fits in length and the NUL of a last cell that no line
 * end follows.  One buffer of that size is written by both halves of a
 * big file, the second from where its bytes begin: nothing is copied
 * when they are joined. */
static gsize
text_size (gsize length)
{
  return length + 2;
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
  const Release     *release;
  gboolean           ok;
} HalfJob;

static gpointer
parse_half (gpointer data)
{
  HalfJob *job = data;

  job->ok = parse_releasing (&job->parser, job->t, job->text, job->length, job->release);
  return NULL;
}

/* The second half of a big file: a table whose text goes into the
 * whole table's buffer (see text_size ()), which it does not own. */
typedef DlCsvTable HalfTable;

static void
half_table_free (HalfTable *half)
{
  if (half == NULL)
    return;
  half->out = NULL;
  dl_csv_table_free (half);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HalfTable, half_table_free)

/* How much of the text is read into t: all of it, the first half (the
 * caller reads on from there), none (a small file), or G_MAXSIZE when
 * the parser failed. */
static gsize
parse_in_two (struct csv_parser *parser,
              DlCsvTable        *t,
              const char        *text,
              gsize              length,
              const Release     *release)
{
  g_autoptr(HalfTable) second = NULL;
  const char *split;
  HalfJob job = { 0 };
  GThread *thread;
  gsize first_length;
  guint line_offset;
  gboolean between;

  if (length < PARSE_IN_TWO_FROM)
    return 0;
  split = memchr (text + length / 2, '\n', length - length / 2);
  if (split == NULL || split + 1 == text + length)
    return 0;
  first_length = (gsize) (split + 1 - text);

  second = g_new0 (DlCsvTable, 1);
  second->rows = g_array_new (FALSE, FALSE, sizeof (DlCsvRow));
  second->line = 1;
  /* the second half's text in t's buffer, after the most the first
   * half's can take (see text_size ()) */
  second->out = t->out;
  second->out_size = t->out_size;
  second->out_start = first_length + 1;
  second->record_start = second->out_start;

  if (!init_parser (&job.parser, parser->delim_char))
    return 0;
  job.t = second;
  job.text = split + 1;
  job.length = length - first_length;
  job.release = release;

  thread = g_thread_new ("dl-csv-half", parse_half, &job);
  if (!parse_releasing (parser, t, text, first_length, release))
    {
      g_thread_join (thread);
      csv_free (&job.parser);
      return G_MAXSIZE;
    }
  between = parser->pstate == 0 && parser->entry_pos == 0 && !parser->quoted && t->row_newlines == 0;
  g_thread_join (thread);

  /* the end of the file is the second half's; one inside a quoted cell
   * is left for the first parser to find again, and to report */
  if (!between || !job.ok || second->overflow || in_open_quote (&job.parser))
    {
      csv_free (&job.parser);
      return first_length;
    }
  csv_fini (&job.parser, on_field_cb, on_row_cb, second);
  csv_free (&job.parser);
  if (second->overflow)
    return first_length;

  /* the second half's cells are where its text is already; the few
   * bytes between the halves' texts are no cell's */
  memset (t->out + t->out_start + t->out_length, 0, second->out_start - t->out_start - t->out_length);
  line_offset = t->line - 1;
  t->out_length = second->out_start + second->out_length - t->out_start;
  t->record_start = second->record_start;
  for (guint i = 0; i < second->rows->len; i++)
    g_array_index (second->rows, DlCsvRow, i).line += line_offset;
  g_array_append_vals (t->rows, second->rows->data, second->rows->len);
  t->line = second->line + line_offset;
  t->row_newlines = second->row_newlines;

  return length;
}

/* The offsets of the cells of every row wider than DL_CSV_WIDE_ROW,
 * found by one walk over each: built once the rows are all read, and
 * again when they change. */
static void
index_wide_rows (DlCsvTable *t)
{
  g_clear_pointer (&t->wide_rows, g_array_unref);
  g_clear_pointer (&t->wide, g_array_unref);
  for (guint r = 0; r < t->rows->len; r++)
    {
      const DlCsvRow *row = &g_array_index (t->rows, DlCsvRow, r);
      DlCsvWideRow wide;
      guint offset = row->text;

      if (row->n_cells <= DL_CSV_WIDE_ROW)
        continue;
      if (t->wide_rows == NULL)
        {
          t->wide_rows = g_array_new (FALSE, FALSE, sizeof (DlCsvWideRow));
          t->wide = g_array_new (FALSE, FALSE, sizeof (guint));
        }
      wide = (DlCsvWideRow) { r, t->wide->len };
      g_array_append_val (t->wide_rows, wide);
      for (guint c = 0; c < row->n_cells; c++)
        {
          g_array_append_val (t->wide, offset);
          offset += (guint) strlen ((const char *) t->text->data + offset) + 1;
        }
    }
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
 * each group title carried over the blank cells of its span.  The
 * header's cells go after the last row's. */
static void
merge_two_row_header (DlCsvTable *t)
{
  guint n = MAX (dl_csv_table_get_row_length (t, 0), dl_csv_table_get_row_length (t, 1));
  g_autofree char *group = g_strdup ("");
  g_autoptr(GString) merged = g_string_new (NULL);
  DlCsvRow *header = &g_array_index (t->rows, DlCsvRow, 0);

  for (guint c = 0; c < n; c++)
    {
      const char *above = dl_csv_table_get (t, 0, c);
      const char *below = dl_csv_table_get (t, 1, c);

      if (*above != '\0')
        {
          g_free (group);
          group = g_strdup (above);
        }
      /* a title alone keeps its name; under a span, the span's title first */
      if (*below == '\0')
        g_string_append (merged, above);
      else if (*group != '\0')
        g_string_append_printf (merged, "%s %s", group, below);
      else
        g_string_append (merged, below);
      g_string_append_c (merged, '\0');
    }

  header->text = t->text->len;
  header->n_cells = n;
  g_byte_array_append (t->text, (const guint8 *) merged->str, (guint) merged->len);
  g_array_remove_index (t->rows, 1);
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
  t->rows = g_array_new (FALSE, FALSE, sizeof (DlCsvRow));
  t->bad_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint r = 0; r < sheet->rows->len; r++)
    {
      char **cells = sheet->rows->pdata[r];
      DlCsvRow row = { t->text->len, 0, g_array_index (sheet->lines, guint, r) };
      gboolean blank = TRUE;

      for (guint c = 0; cells[c] != NULL && blank; c++)
        if (*g_strstrip (cells[c]) != '\0')
          blank = FALSE;
      if (blank)
        continue;
      for (; cells[row.n_cells] != NULL; row.n_cells++)
        {
          const char *cell = g_strstrip (cells[row.n_cells]);

          g_byte_array_append (t->text, (const guint8 *) cell, (guint) strlen (cell) + 1);
        }
      g_array_append_val (t->rows, row);
    }

  if (t->rows->len == 0)
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_EMPTY,
                           _("The workbook’s first sheet is empty: it has no header row naming its columns."));
      return NULL;
    }
  index_wide_rows (t);
  if (is_header_continuation (t))
    {
      merge_two_row_header (t);
      index_wide_rows (t);
    }
  return g_steal_pointer (&t);
}

/* The table of data; release says whether data is a mapping whose
 * pages may be given back as they are read. */
static DlCsvTable *
table_from_bytes (const char     *data,
                  gsize           length,
                  const Release  *release,
                  GError        **error)
{
  g_autoptr(DlCsvTable) t = g_new0 (DlCsvTable, 1);
  g_autofree char *owned = NULL;
  const char *text;
  struct csv_parser parser;
  gsize text_length = 0;
  gsize done;
  gboolean utf8;

  if (data != NULL && dl_xlsx_looks_like_zip (data, length))
    return table_from_workbook (data, length, error);

  t->checksum = checksum_and_check (data != NULL ? data : "", length, release, &utf8);

  t->rows = g_array_new (FALSE, FALSE, sizeof (DlCsvRow));
  t->bad_lines = g_array_new (FALSE, FALSE, sizeof (guint));

  text = dl_csv_decode (data != NULL ? data : "", length, utf8, &t->encoding, &text_length, &owned,
                        t->bad_lines, error);
  if (text == NULL)
    return NULL;
  /* decoded text is a copy: the mapping is read no more */
  if (owned != NULL)
    {
      release_pages (release, data, data + length);
      release = &in_memory;
    }

  /* Old Mac files end lines with CR alone. */
  if (memchr (text, '\n', text_length) == NULL && memchr (text, '\r', text_length) != NULL)
    {
      if (owned == NULL)
        text = owned = g_memdup2 (text, text_length);
      for (gsize i = 0; i < text_length; i++)
        if (owned[i] == '\r')
          owned[i] = '\n';
      release = &in_memory;
    }

  t->delimiter = dl_csv_sniff_delimiter (text, text_length);
  t->unended = text_length > 0 && text[text_length - 1] != '\n';

  t->out_size = text_size (text_length);
  t->out = g_malloc (t->out_size);

  if (!init_parser (&parser, (unsigned char) t->delimiter))
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE, _("Out of memory reading the file"));
      return NULL;
    }

  t->line = 1;
  done = parse_in_two (&parser, t, text, text_length, release);
  if (done == G_MAXSIZE ||
      !parse_releasing (&parser, t, text + done, text_length - done, release))
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
  if (t->overflow)
    {
      g_set_error (error, DL_CSV_ERROR, DL_CSV_ERROR_PARSE,
                   _("The file is too big to be read: Downline reads files of up to 4 GB."));
      return NULL;
    }
  t->text = g_byte_array_new_take ((guint8 *) g_steal_pointer (&t->out), t->out_length);

  if (t->rows->len == 0)
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_EMPTY,
                           _("The file is empty: it has no header row naming its columns."));
      return NULL;
    }
  index_wide_rows (t);
  if (is_header_continuation (t))
    {
      merge_two_row_header (t);
      index_wide_rows (t);
    }

  return g_steal_pointer (&t);
}

DlCsvTable *
dl_csv_table_new_from_data (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  return table_from_bytes (data, length, &in_memory, error);
}

DlCsvTable *
dl_csv_table_new_from_file (const char  *path,
                            GError     **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  Release release;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;

  release.base = g_mapped_file_get_contents (mapped);
  release.page = (gsize) sysconf (_SC_PAGESIZE);
  return table_from_bytes (release.base, g_mapped_file_get_length (mapped), &release, error);
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
  return table->rows->len;
}

guint
dl_csv_table_get_row_length (const DlCsvTable *table,
                             guint             row)
{
  g_return_val_if_fail (row < table->rows->len, 0);

  return g_array_index (table->rows, DlCsvRow, row).n_cells;
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
  const DlCsvRow *r;
  const char *cell;

  g_return_val_if_fail (row < table->rows->len, "");

  r = &g_array_index (table->rows, DlCsvRow, row);
  if (column >= r->n_cells)
    return "";
  if (r->n_cells > DL_CSV_WIDE_ROW && table->wide_rows != NULL)
    {
      guint lo = 0, hi = table->wide_rows->len;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (g_array_index (table->wide_rows, DlCsvWideRow, mid).row < row)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < table->wide_rows->len && g_array_index (table->wide_rows, DlCsvWideRow, lo).row == row)
        return (const char *) table->text->data
               + g_array_index (table->wide, guint, g_array_index (table->wide_rows, DlCsvWideRow, lo).first + column);
    }
  cell = (const char *) table->text->data + r->text;
  for (guint c = 0; c < column; c++)
    cell += strlen (cell) + 1;
  return cell;
}

void
dl_csv_table_get_row (const DlCsvTable  *table,
                      guint              row,
                      const char       **cells,
                      guint              n_cells)
{
  const DlCsvRow *r;
  const char *cell;
  guint c = 0;

  g_return_if_fail (row < table->rows->len);

  r = &g_array_index (table->rows, DlCsvRow, row);
  cell = (const char *) table->text->data + r->text;
  for (; c < MIN (n_cells, r->n_cells); c++)
    {
      cells[c] = cell;
      cell += strlen (cell) + 1;
    }
  for (; c < n_cells; c++)
    cells[c] = "";
}

guint
dl_csv_table_get_line (const DlCsvTable *table,
                       guint             row)
{
  g_return_val_if_fail (row < table->rows->len, 0);

  return g_array_index (table->rows, DlCsvRow, row).line;
}

gboolean
dl_csv_table_holds (const DlCsvTable *table,
                    const char       *text)
{
  guintptr start = (guintptr) table->text->data;

  return (guintptr) text >= start && (guintptr) text < start + table->text->len;
}

gboolean
dl_csv_table_row_is_damaged (const DlCsvTable *table,
                             guint             row)
{
  guint first, next;
  guint lo = 0, hi;

  g_return_val_if_fail (row < table->rows->len, FALSE);

  if (table->bad_lines == NULL || table->bad_lines->len == 0)
    return FALSE;
  first = dl_csv_table_get_line (table, row);
  next = row + 1 < table->rows->len ? dl_csv_table_get_line (table, row + 1) : G_MAXUINT;

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

const char *
dl_csv_table_get_checksum (const DlCsvTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->checksum;
}

/* dl-csv-import-private.h — what the parts of the CSV import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, and included only by the dl-csv-*.c files; the API is
 * dl-csv-import.h.
 */

#pragma once

#include "dl-csv-import.h"
#include "dl-string-set.h"

G_BEGIN_DECLS

/* A row of the table: its cells are one after another in the text,
 * each ended by a NUL, from the first one's offset. */
typedef struct
{
  guint text;      /* offset of its first cell in the table's text */
  guint n_cells;
  guint line;      /* the line the record starts on */
} DlCsvRow;

/* A row of more than DL_CSV_WIDE_ROW cells, and where the offsets of
 * its cells begin in the table's wide. */
#define DL_CSV_WIDE_ROW 256

typedef struct
{
  guint row;
  guint first;
} DlCsvWideRow;

/* The table: the cells of the whole file in one buffer.  There is no
 * index of the cells of most rows: a million rows of sixteen were 64 MB
 * of it, more than any reading needs, as a row's cells are found by
 * walking its text (see dl_csv_table_get_row ()).  Only rows too wide
 * to walk cell by cell (a loop over the columns would take the square
 * of their width) keep their cells' offsets. */
struct _DlCsvTable
{
  DlCsvEncoding  encoding;
  char           delimiter;
  GByteArray    *text;        /* cells, each followed by a NUL */
  GArray        *rows;        /* DlCsvRow */
  GArray        *wide_rows;   /* DlCsvWideRow, by row */
  GArray        *wide;        /* guint: the offsets of the wide rows' cells */
  GArray        *bad_lines;   /* guint, ascending: lines of a UTF-8 file
                               * with a NUL or bytes that are no UTF-8 */
  gboolean       unended;     /* no line end after the last record */
  char          *checksum;    /* SHA-256 of the bytes, hex */

  /* while parsing */
  guint          line;        /* the line the next record starts on */
  guint          row_newlines;
  guint          row_cells;   /* the cells of the record so far */
  gsize          record_start;  /* where the record's text begins in out */
  char          *out;         /* the cells' text, for both halves of a big
                               * file (see parse_in_two ()); text once read */
  gsize          out_size;
  gsize          out_start;   /* where this half's text begins in out */
  gsize          out_length;  /* how much of it is written */
  gboolean       overflow;    /* out was too small: cannot happen */
};

/* No row of the file. */
#define NO_ROW G_MAXUINT

/* What reading the rows needs, and what it fills (dl-csv-validate.c). */
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
  /* the cells of the row read last (see dl_csv_column ()), as many as
   * the mapping has columns; each thread has its own */
  const char      **row_cells;
  guint             n_row_cells;
  guint             cells_row;
} Validator;

/* A span of a cell, its blanks on either side left out. */
typedef struct
{
  const char *start;
  gsize       length;
} Span;

/* The forms of a member cell (see dl_csv_split_member_span ()). */
typedef enum
{
  CELL_NUMBER,   /* the number alone */
  CELL_NAMED,    /* the number, and a name beside it in brackets (perhaps empty) */
  CELL_BAD,      /* brackets, in neither form: which part is the number is a guess */
} CellForm;

/* Rows of the file by the key of a member number each has (its own,
 * or the number as the file wrote it), the keys read from the rows
 * themselves, at base + row * stride: a million rows are 8 MB (see
 * DlSlots), where a GHashTable of them was 42 MB and as much again
 * while it grew. */
typedef struct
{
  DlSlots            slots;   /* the rows, at most half full */
  const char        *base;    /* where row 0's number (a const char *) is */
  gsize              stride;
} DlRowIndex;

/* How a file writes a country: its code, one string per code ("" for
 * none), and the country as the file spells it ("USA"), the same string
 * as code when that is its code. */
typedef struct
{
  const char *code;
  const char *spelled;
} DlCountryCell;

/* The country of each row, and the rows of each number (dl-csv-countries.c). */
typedef struct
{
  GArray      *cells;    /* of DlCountryCell: each country cell of the file once */
  guint32     *cell;     /* per row: its country cell in cells (a file writes a
                          * handful: 4 bytes a row, where two pointers were 16) */
  const char **number;   /* per row: the number as the file writes it */
  DlRowIndex   first;    /* number key → the first row of that number, by
                          * number; no slots when the file has no country
                          * column */
  guint       *next;     /* per row: the next row of the same number, or NO_ROW */
} Countries;

/* What Downline has, as the caller of dl_csv_import_validate_full ()
 * tells it. */
typedef struct
{
  DlKnownNumberFunc       known;
  gpointer                known_data;
  DlQualifiedNumbersFunc  qualified;
  gpointer                qualified_data;
} Downline;

/* Whom an enroller or placement number names (see dl_csv_resolve_reference ()). */
typedef enum
{
  REF_OUTSIDE,     /* not in the file: the number to look for in Downline */
  REF_ROW,         /* a row of the file */
  REF_AMBIGUOUS,   /* in several countries, none the row's */
} Reference;

/* dl-csv-split.c */

/* Whether text points into the table's cells (and so goes when the
 * table is freed), rather than into the result's strings. */
gboolean    dl_csv_table_holds             (const DlCsvTable    *table,
                                            const char          *text);

/* dl-csv-decode.c */

/* The text as UTF-8 without a BOM, and its encoding; the lines with
 * flaws of a UTF-8 file go in bad_lines.  utf8 says whether every byte
 * of data is UTF-8 (and none a NUL), as g_utf8_validate_len () says:
 * the caller checked it in the pass that reads the bytes anyway.  The
 * text is data itself (not NUL-terminated) when data is UTF-8 already,
 * with *owned NULL; else it is newly allocated, in *owned. */
const char *dl_csv_decode                  (const char          *data,
                                            gsize                length,
                                            gboolean             utf8,
                                            DlCsvEncoding       *encoding,
                                            gsize               *out_length,
                                            char               **owned,
                                            GArray              *bad_lines,
                                            GError             **error);
/* The delimiter of text, ',', ';' or a tab, by its first records. */
char        dl_csv_sniff_delimiter         (const char          *text,
                                            gsize                length);

/* dl-csv-mapping.c */

/* A header in lower case without accents, "#" as "number" and other
 * punctuation as single spaces; newly allocated. */
char       *dl_csv_normalize_header        (const char          *header);
/* The field of a normalized header name, or DL_CSV_FIELD_IGNORE. */
DlCsvField  dl_csv_field_from_name         (const char          *name);

/* dl-csv-names.c */

/* The number and the name of a member, enroller or placement cell,
 * trimmed, pointing into cell. */
CellForm    dl_csv_split_member_span       (const char          *cell,
                                            Span                *number,
                                            Span                *name);
/* Whether most of the first cells of column write a name beside the
 * number. */
gboolean    dl_csv_column_has_names        (const DlCsvTable    *table,
                                            int                  column);

/* dl-csv-validate.c */

/* Appends the problem (line, reason) to problems, taking reason. */
void        dl_csv_add_problem             (GArray              *problems,
                                            guint                line,
                                            char                *reason);
/* Frees a DlImportProblem's reason: the problems' clear func. */
void        dl_csv_problem_clear           (gpointer             data);
/* Orders problems by line. */
int         dl_csv_compare_problems        (gconstpointer        a,
                                            gconstpointer        b);
/* An index of up to n rows whose numbers are at numbers, one every
 * stride bytes (see DlRowIndex). */
void        dl_row_index_init              (DlRowIndex          *index,
                                            const char *const   *numbers,
                                            gsize                stride,
                                            guint                n);
void        dl_row_index_clear             (DlRowIndex          *index);
/* Files row under its number's key, in place of the row filed there. */
void        dl_row_index_set               (DlRowIndex          *index,
                                            guint                row);
/* The row filed under the member number key, if any. */
gboolean    dl_row_index_lookup            (const DlRowIndex    *index,
                                            const char          *key,
                                            guint               *row);

/* Gives v a place for a row's cells, for n_columns columns;
 * dl_csv_validator_clear_cells () takes it away. */
void        dl_csv_validator_init_cells    (Validator           *v,
                                            guint                n_columns);
void        dl_csv_validator_clear_cells   (Validator           *v);
/* The text of row's cell in column: the row's cells are found once
 * for all the cells asked of it in a row. */
const char *dl_csv_column                  (Validator           *v,
                                            guint                row,
                                            guint                column);
/* The text of row's cell of field, "" when field has no column. */
const char *dl_csv_cell                    (Validator           *v,
                                            guint                row,
                                            DlCsvField           field);
/* Marks the rows whose sponsor (or placement) chain within the file
 * loops. */
void        dl_csv_reject_cycles           (Validator           *v,
                                            DlImportRow         *rows,
                                            guint               *sponsor,
                                            gboolean            *ok,
                                            guint                n,
                                            gboolean             placement);
/* Reads every row into rows, or its reason into reasons. */
void        dl_csv_read_all_rows           (const Validator     *v,
                                            guint                n,
                                            DlDateOrder          order,
                                            DlImportRow         *rows,
                                            char               **reasons);
/* The unmapped columns of earlier months' PV; *periods gets their
 * months. */
int        *dl_csv_find_past_pv_columns    (const DlCsvTable    *table,
                                            const DlCsvMapping  *mapping,
                                            GArray             **periods);
/* An unmapped column that holds dates, or -1. */
int         dl_csv_find_unread_date_column (const DlCsvTable    *table,
                                            const DlCsvMapping  *mapping);

/* dl-csv-countries.c */

/* Appends the ISO code of the country text spells (else its spelling
 * in capitals) to out. */
void        dl_csv_append_country_code     (GString             *out,
                                            const char          *text);
/* "0900057" in "US" → "900057-US", newly allocated. */
char       *dl_csv_qualified_number        (const char          *number,
                                            const char          *country);
/* Frees what dl_csv_countries_init () allocated. */
void        dl_csv_countries_clear         (Countries           *c);
/* Row j's number when the row names no country; returns why the row
 * cannot be read, or NULL. */
char       *dl_csv_qualify_bare            (Validator           *v,
                                            const Countries     *c,
                                            const Downline      *d,
                                            DlImportRow         *rows,
                                            guint                j,
                                            guint                first);
/* Reads the country of every row and qualifies the numbers that need
 * it; chains the rows of each number. */
void        dl_csv_countries_init          (Countries           *c,
                                            Validator           *v,
                                            const Downline      *d,
                                            DlImportRow         *rows,
                                            char               **reasons,
                                            guint                n);
/* Whom row i's enroller or placement number (*number) names. */
Reference   dl_csv_resolve_reference       (Validator           *v,
                                            const Countries     *c,
                                            const Downline      *d,
                                            const DlRowIndex    *by_number,
                                            GHashTable          *rejected_numbers,
                                            const DlImportRow   *rows,
                                            guint                i,
                                            const char         **number,
                                            guint               *row);
/* Why row i's enroller or placement number cannot be told apart. */
char       *dl_csv_ambiguous_problem       (const Countries     *c,
                                            const Downline      *d,
                                            guint                i,
                                            const char          *number,
                                            gboolean             placement);

G_END_DECLS

/* dl-csv-import.h — reading a back office's CSV export of a downline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three steps, each usable on its own so the import assistant can show
 * and change what the previous one decided:
 *
 *   1. dl_csv_table_new_from_data () reads an Excel workbook's first
 *      sheet (.xlsx, through dl-xlsx.h), or decodes the bytes (UTF-8 with or
 *      without a BOM, UTF-16 with a BOM, else Windows-1252 — only when
 *      the whole file fails UTF-8: a NUL or a stray byte marks just its
 *      row as damaged), finds the
 *      delimiter (comma, semicolon or tab) and splits the records with
 *      libcsv, remembering the line each record starts on.
 *   2. dl_csv_mapping_guess () maps columns to fields from the header
 *      names, English or Spanish; dl_csv_guess_date_order () says whether
 *      the dates are day/month or month/day, or that the file cannot tell.
 *   3. dl_csv_import_validate () turns the rows into members, rejecting
 *      each bad row with its line number and the reason.  An e-mail the
 *      forms would refuse does not cost the member: it is left empty
 *      and its text goes to the member's notes.
 *
 * GLib only: no SQL, no widgets.  The store writes what step 3 accepts.
 */

#pragma once

#include <glib.h>

#include "dl-day.h"
#include "dl-events.h"
#include "dl-types.h"

G_BEGIN_DECLS

#define DL_CSV_ERROR (dl_csv_error_quark ())

typedef enum
{
  DL_CSV_ERROR_EMPTY,       /* no header row */
  DL_CSV_ERROR_ENCODING,    /* UTF-16 that does not decode */
  DL_CSV_ERROR_PARSE,       /* libcsv gave up */
  DL_CSV_ERROR_MAPPING,     /* a field the import needs has no column */
} DlCsvError;

GQuark dl_csv_error_quark (void);

typedef enum
{
  DL_CSV_ENCODING_UTF8,
  DL_CSV_ENCODING_UTF8_BOM,
  DL_CSV_ENCODING_UTF16LE,
  DL_CSV_ENCODING_UTF16BE,
  DL_CSV_ENCODING_WINDOWS_1252,
  DL_CSV_ENCODING_XLSX,          /* an Excel workbook's first sheet (dl-xlsx.h) */
} DlCsvEncoding;

const char *dl_csv_encoding_to_string (DlCsvEncoding encoding);

/* ------------------------------------------------------------------ */
/* 1. The table                                                        */

typedef struct _DlCsvTable DlCsvTable;

/* Row 0 is the header.  Never fails on odd content (a record with more
 * or fewer cells than the header is kept as it is); fails only when
 * there is no header at all or the bytes claim UTF-16 and are not. */
DlCsvTable    *dl_csv_table_new_from_data  (const char   *data,
                                            gsize         length,
                                            GError      **error);
DlCsvTable    *dl_csv_table_new_from_file  (const char   *path,
                                            GError      **error);
void           dl_csv_table_free           (DlCsvTable   *table);

DlCsvEncoding  dl_csv_table_get_encoding   (const DlCsvTable *table);
char           dl_csv_table_get_delimiter  (const DlCsvTable *table);
guint          dl_csv_table_get_n_rows     (const DlCsvTable *table);
/* The header's number of cells. */
guint          dl_csv_table_get_n_columns  (const DlCsvTable *table);
guint          dl_csv_table_get_row_length (const DlCsvTable *table,
                                            guint             row);
/* "" for a cell the row does not have.  A row keeps no index of its
 * cells (but for rows of hundreds): this walks the row to the cell. */
const char    *dl_csv_table_get            (const DlCsvTable *table,
                                            guint             row,
                                            guint             column);
/* The first n_cells cells of the row in cells, in one walk over it, ""
 * for those it does not have: what a reader of every cell of a row
 * asks rather than dl_csv_table_get () for each. */
void           dl_csv_table_get_row        (const DlCsvTable *table,
                                            guint             row,
                                            const char      **cells,
                                            guint             n_cells);
/* The 1-based line of the file where the record of row starts. */
guint          dl_csv_table_get_line       (const DlCsvTable *table,
                                            guint             row);

/* TRUE when the record of row (in a UTF-8 file with flaws) holds a NUL
 * or bytes that are not UTF-8; they read as U+FFFD and the import
 * rejects the row by its line rather than read the whole file as
 * Windows-1252. */
gboolean       dl_csv_table_row_is_damaged (const DlCsvTable *table,
                                            guint             row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlCsvTable, dl_csv_table_free)

/* ------------------------------------------------------------------ */
/* 2. Mapping and date order                                           */

typedef enum
{
  DL_CSV_FIELD_IGNORE,
  DL_CSV_FIELD_MEMBER_NUMBER,
  DL_CSV_FIELD_SPONSOR_NUMBER,
  DL_CSV_FIELD_FIRST_NAME,
  DL_CSV_FIELD_LAST_NAME,
  DL_CSV_FIELD_FULL_NAME,
  DL_CSV_FIELD_JOINED_ON,
  DL_CSV_FIELD_RANK,
  DL_CSV_FIELD_STATUS,
  DL_CSV_FIELD_EMAIL,
  DL_CSV_FIELD_PHONE,
  DL_CSV_FIELD_LAST_ORDER,
  DL_CSV_FIELD_CITY,
  DL_CSV_FIELD_ROLE,
  DL_CSV_FIELD_PV,            /* the month's personal volume */
  DL_CSV_FIELD_GV,            /* the month's group (organisation) volume */
  DL_CSV_FIELD_AUTOSHIP,      /* on an autoship (a yes or a no) */
  /* where the company placed the member: the parent's member number
   * and, in a binary plan, the leg.  Last, so field numbers saved
   * before them keep their meaning. */
  DL_CSV_FIELD_PLACEMENT_NUMBER,
  DL_CSV_FIELD_SIDE,
  /* the member's country, which tells apart members of one number in
   * different countries (see "Member numbers and countries" below) */
  DL_CSV_FIELD_COUNTRY,
  /* the day of the first order (Purium's "Start Date") */
  DL_CSV_FIELD_FIRST_ORDER,
  /* The back office's other roles, last for the same reason.  The rank
   * paid this month ("Paid-as"): beside it, the RANK column is the
   * highest rank reached; a file with only one of the two reads it as
   * RANK, both the member's rank and the month's paid rank, as before
   * the field existed. */
  DL_CSV_FIELD_PAID_RANK,
  DL_CSV_FIELD_NEXT_AUTOSHIP,   /* the day of the next autoship order */
  DL_CSV_FIELD_RENEWAL,         /* the day the membership is due for renewal */
  DL_CSV_FIELD_QUALIFIED,       /* qualified this month (a yes or a no) */
  /* terminated (a yes or a no): a yes makes the status dropped, a no
   * says nothing.  An "Active" yes/no column needs no field of its
   * own: it is read as the status (yes active, no inactive) when the
   * file has no status column. */
  DL_CSV_FIELD_TERMINATED,
  DL_CSV_FIELD_LEFT_VOLUME,     /* the month's volume of a binary plan's legs */
  DL_CSV_FIELD_RIGHT_VOLUME,
  DL_CSV_N_FIELDS
} DlCsvField;

/* DL_CSV_FIELD_SPONSOR_NUMBER is always the enroller: who recruited the
 * member (member.sponsor_id).  Back offices write "Sponsor" for either
 * tree, so dl_csv_mapping_guess () decides by the other columns:
 *
 *   - an enroller column ("Enroller ID", "Enrolled by", "Inscriptor")
 *     is the enroller; beside one, a "Sponsor" column is the placement
 *     (doTERRA's "Enroller ID" and "Sponsor ID");
 *   - an "Upline", "Placement" or "Parent ID" column is the placement,
 *     unless the file names neither an enroller nor a sponsor: then it
 *     stands in for the enroller, as it did before placements existed;
 *   - a "Sponsor" column alone is ambiguous: it is guessed to be the
 *     enroller, and dl_csv_mapping_apply_sponsor_means () lets the
 *     person (or --sponsor-means) say it is the placement.
 *
 * A file with a placement column and no enroller column: every member
 * new to Downline gets their placement parent as enroller too (the
 * nearest thing the file says; next month's file with an enroller
 * column puts it right), and members already in Downline keep the
 * enroller they have. */

/* Member numbers and countries.  Some back offices (Mannatech) number
 * members per country: one number is two people in two countries.  In
 * a file with a country column, a number that the file gives in more
 * than one country is read as the number without its leading zeros, a
 * hyphen and the country's code ("900057-US" for "0900057" in "us").
 * The code of a common market is its ISO two-letter code however the
 * file spells it ("USA", "U.S.A.", "United States", "Estados Unidos"
 * are "US"); any other country is its letters and digits in capitals
 * ("Narnia" is "NARNIA").  A number that comes with one country is
 * read so too when Downline already has it in that form (the other
 * country's member has left the file since), or in the form with the
 * country as the file spells it ("900057-USA"), as numbers were kept
 * before the spellings were one code; and when Downline has it in
 * other countries only: a member new in this country is one of several
 * too.  A row whose number the file gives in two countries and that
 * names none is rejected.
 *
 * A number that a row leaves bare, naming no country or in a file
 * without a country column, is the member Downline has of that number
 * if it has one kept bare.  Else, when Downline has the number in
 * countries ("900057-US", "900057-CA"), it is the one of those whose
 * country no other row of the number in the file gives, and the row
 * takes that number; when that leaves several, or none, the row is
 * rejected, naming the countries.  Any other number is read as it is.
 *
 * An enroller or placement cell names the member of that number in the
 * row's own country first (in the file, then in Downline as "N-CC"),
 * else the only member of that number in the file, as long as Downline
 * has it in no other country; a number the file does not have, and
 * Downline has in countries only, names the only one of them.  When the
 * file, or the file and Downline, have it in several countries, none of
 * them the row's, the row is rejected.
 *
 * The store matches "900057-US" exactly, and, when it has no such
 * member, takes over the member it has as the bare "900057" if their
 * name is the row's (dl-store-import.h): the first month the number
 * turns up in a second country the members stay who they were.
 * Downline's own export writes the qualified numbers, which read back
 * as they are. */

/* The translated label of a field ("Enroller (sponsor) number"). */
const char *dl_csv_field_get_label (DlCsvField field);

/* For each column of the header, the field it fills; at most one column
 * per field (other than IGNORE). */
typedef struct
{
  guint       n_columns;
  DlCsvField *columns;
  int         names_column;  /* the column whose cells write each member's
                              * number and name, or -1 (set by
                              * dl_csv_mapping_guess ()) */
} DlCsvMapping;

DlCsvMapping *dl_csv_mapping_new    (guint               n_columns);
DlCsvMapping *dl_csv_mapping_guess  (const DlCsvTable   *table);
void          dl_csv_mapping_free   (DlCsvMapping       *mapping);
/* Sets column to field, taking field away from any other column. */
void          dl_csv_mapping_set    (DlCsvMapping       *mapping,
                                     guint               column,
                                     DlCsvField          field);
/* The column of field, or -1. */
int           dl_csv_mapping_find   (const DlCsvMapping *mapping,
                                     DlCsvField          field);
/* The short untranslated key of a field for the command line
 * ("member", "sponsor", "first-name", "joined", …, "ignore"), and back
 * (ignoring case). */
const char   *dl_csv_field_get_key  (DlCsvField          field);
gboolean      dl_csv_field_from_key (const char         *key,
                                     DlCsvField         *field);
/* The column whose header is column (ignoring case and surrounding
 * spaces), else the 1-based column number column names, or -1. */
int           dl_csv_table_find_column (const DlCsvTable *table,
                                        const char       *column);
/* The field a header name stands for, or IGNORE. */
DlCsvField    dl_csv_field_from_header (const char      *header);
/* A column of an earlier month's personal volume, its month in the
 * header: "PPV 2026-10", "PV Oct 2026", "PV 10/2026", "2026-10 PV",
 * "Volumen personal octubre 2026" (a PV name and a month with its
 * four-digit year).  TRUE with *period its month.  Such columns need
 * no field: dl_csv_import_validate () reads every unmapped one. */
gboolean      dl_csv_header_past_pv    (const char      *header,
                                        DlPeriod        *period);
/* A member, enroller or placement cell that writes the member with
 * their name: "900057 (Ana Ruiz)", the same with a line break before
 * the bracket, or "Ana Ruiz (900057)".  The cell is read without the
 * blanks and line breaks around it.  A first word with a digit is the
 * number and the brackets after it hold the name, whatever they hold
 * ("12345 (Ana (Annie) Ruiz)"; "12345 ()" is the number alone); else
 * the digits alone in the last brackets are the number, and what comes
 * before them the name ("Ana (Annie) Ruiz (12345)").  TRUE with *number
 * and *name (either may be NULL) newly allocated; FALSE, with *number
 * the number and *name NULL, for a cell without a name.  A cell with a
 * bracket in neither form ("Ana (Ruiz)", "900 057 (Ana Ruiz)") is no
 * member number: FALSE with *number the whole cell, and
 * dl_csv_import_validate () rejects its row rather than guess. */
gboolean      dl_csv_split_member_cell (const char      *cell,
                                        char           **number,
                                        char           **name);
typedef enum
{
  DL_CSV_SPONSOR_MEANS_ENROLLER,
  DL_CSV_SPONSOR_MEANS_PLACEMENT,
} DlCsvSponsorMeans;

/* The column whose header says "Sponsor" (or "Patrocinador"), mapped to
 * the enroller or to the placement, when no other column is mapped to
 * either and no column is named for the enroller or the placement:
 * what it means is for the person to say.  -1 when there is none. */
int           dl_csv_mapping_find_ambiguous_sponsor (const DlCsvTable   *table,
                                                     const DlCsvMapping *mapping);
gboolean      dl_csv_mapping_sponsor_is_ambiguous   (const DlCsvTable   *table,
                                                     const DlCsvMapping *mapping);
/* Maps the ambiguous "Sponsor" column to the enroller or the placement.
 * FALSE (and the mapping unchanged) when the file has none. */
gboolean      dl_csv_mapping_apply_sponsor_means    (const DlCsvTable   *table,
                                                     DlCsvMapping       *mapping,
                                                     DlCsvSponsorMeans   means);

/* FALSE with DL_CSV_ERROR_MAPPING when the member number or any name
 * column is missing.  A mapping guessed from a file whose member column
 * writes the names too ("900057 (Ana Ruiz)") needs no name column, as
 * long as that column stays the member number. */
gboolean      dl_csv_mapping_check  (const DlCsvMapping *mapping,
                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlCsvMapping, dl_csv_mapping_free)

typedef enum
{
  DL_DATE_ORDER_UNKNOWN,   /* the file cannot tell: ask */
  DL_DATE_ORDER_DMY,
  DL_DATE_ORDER_MDY,
} DlDateOrder;

typedef enum
{
  DL_DATE_OK,
  DL_DATE_EMPTY,
  DL_DATE_AMBIGUOUS,       /* n/n/yyyy with both parts ≤ 12 and no order */
  DL_DATE_BAD,
} DlDateResult;

/* Reads "2024-03-05" (a time after it is ignored), "5/3/2024",
 * "05.03.24", "5-3-2024" in order, spreadsheet serial numbers
 * (45356, 45356.5), and dates with an English or Spanish month name
 * ("05 Mar 2024", "4 March 2024", "March 4, 2024", "4 de marzo de
 * 2024", "5-ene-24"), which are never ambiguous. */
DlDateResult  dl_csv_parse_date     (const char         *text,
                                     DlDateOrder         order,
                                     DlDay              *day);
/* Looks at every date cell of the mapped date columns: a first part
 * above 12 says day/month, a second part above 12 month/day.  UNKNOWN
 * when no cell tells and some are ambiguous, or when cells contradict
 * each other (then *conflict is set). */
DlDateOrder   dl_csv_guess_date_order (const DlCsvTable   *table,
                                       const DlCsvMapping *mapping,
                                       gboolean           *needs_order,
                                       gboolean           *conflict);

/* "active", "Activo", "baja", ... FALSE for a word it does not know. */
gboolean      dl_csv_parse_status   (const char         *text,
                                     DlMemberStatus     *status);
typedef enum
{
  DL_CSV_SIDE_NONE,        /* the file does not say */
  DL_CSV_SIDE_LEFT,
  DL_CSV_SIDE_RIGHT,
} DlCsvSide;

/* "left", "R", "Izquierda", "der"… (any case); FALSE for other words
 * and for "". */
gboolean      dl_csv_parse_side     (const char         *text,
                                     DlCsvSide          *side);
/* "left", "right" or NULL: the words the placement table keeps. */
const char   *dl_csv_side_to_string (DlCsvSide           side);

/* Reads a role word of a back office ("Customer", "Cliente",
 * "Distributor", "Consultora"…). */
gboolean      dl_csv_parse_role     (const char         *text,
                                     DlRole             *role);

/* ------------------------------------------------------------------ */
/* 3. Validation                                                       */

typedef enum
{
  /* a sponsor number that is neither in the file nor known to the
   * caller, an empty sponsor cell, or a sponsor whose own row was
   * rejected */
  DL_UNKNOWN_SPONSOR_USER,       /* attach to the user */
  DL_UNKNOWN_SPONSOR_NONE,       /* keep under "No sponsor" */
} DlUnknownSponsor;

/* A million of them are held at once: the fields go from the widest to
 * the narrowest, and the enumerations and flags are a byte each, so
 * that no padding comes between them (232 bytes a row, then 192, now
 * 176: 15 MiB less at a million, where the import's peak is). */
typedef struct
{
  const char     *member_number;
  const char     *sponsor_number;  /* "" for the user or none, per policy */
  const char     *first_name;
  const char     *last_name;
  const char     *email;           /* "" when the file's was not usable */
  const char     *phone;
  const char     *rank;
  const char     *city;
  const char     *notes;           /* a line for the member's notes, or "":
                                    * the unusable e-mail, on one line */
  const char     *paid_rank;       /* the month's paid rank, "" when the file
                                    * has no such column (see
                                    * DL_CSV_FIELD_PAID_RANK) */
  /* Where the company placed them, when the file has a placement
   * column: the parent's number as their own row writes it ("" for
   * none: the member's placement is taken away), its index in the
   * result's rows (before or after this one) or DL_IMPORT_NO_ROW for a
   * parent already in Downline, and the side. */
  const char     *placement_number;
  /* For a member number qualified with the country ("900057-US"), the
   * number as the file writes it ("900057"): the store looks for a
   * member of that bare number when it has none of the qualified one.
   * NULL for any other number. */
  const char     *plain_number;
  double          pv;              /* NAN when the file has none */
  double          gv;              /* NAN when the file has none */
  double          left_volume;     /* NAN when the file has none */
  double          right_volume;    /* NAN when the file has none */
  guint           line;
  DlDay           joined_on;       /* DL_DAY_NONE when the file has none; a
                                    * file with no join date column gives
                                    * the first order's day (members join
                                    * by ordering), for new members only */
  DlDay           last_order;      /* DL_DAY_NONE when the file has none */
  DlDay           first_order;     /* DL_DAY_NONE when the file has none */
  DlDay           next_autoship;   /* DL_DAY_NONE when the file has none */
  DlDay           renewal_on;      /* DL_DAY_NONE when the file has none */
  guint           sponsor_row;     /* the sponsor's index in the result's rows
                                    * (always a smaller one), or
                                    * DL_IMPORT_NO_ROW when the sponsor is
                                    * not in the file */
  guint           placement_row;   /* see placement_number */
  guint           past_row;        /* see dl_import_row_get_past_pv () */
  guint8          status;          /* DlMemberStatus */
  guint8          role;            /* DlRole: DL_ROLE_DISTRIBUTOR unless
                                    * the file says */
  guint8          side;            /* DlCsvSide: see placement_number */
  gint8           autoship;        /* 1 yes, 0 no, -1 the file does not say */
  gint8           qualified;       /* 1 yes, 0 no, -1 the file does not say */
  /* flags, TRUE or FALSE */
  guint8          has_status;
  guint8          has_role;
  guint8          sponsor_unknown; /* the policy decided its sponsor */
  guint8          placement_unknown;  /* the parent's row was rejected:
                                       * the placement is left as it is */
  guint8          enroller_from_placement; /* no enroller column: the
                                            * sponsor is the placement
                                            * parent, for new members only */
  guint8          joined_from_first_order; /* no join date column: joined_on
                                            * is the first order's day */
} DlImportRow;

G_STATIC_ASSERT (sizeof (DlImportRow) <= 176);

#define DL_IMPORT_NO_ROW G_MAXUINT

typedef struct
{
  guint  line;
  char  *reason;
} DlImportProblem;

typedef struct
{
  /* accepted rows, sponsors always before their recruits, so a writer
   * can insert them in this order */
  GArray       *rows;          /* DlImportRow */
  GArray       *rejected;      /* DlImportProblem, by line */
  GArray       *warnings;      /* DlImportProblem: unknown sponsors */
  GPtrArray    *notes;         /* char *: about the whole file ("The column
                                * “Enroll Dt” holds dates but is not read…") */
  guint         n_data_rows;   /* rows of the file, header not counted */
  guint         n_emails_in_notes; /* accepted rows whose e-mail the forms
                                    * would refuse: kept in the notes */
  DlUnknownSponsor policy;     /* what sponsor_unknown rows get */
  gboolean      has_placement; /* the file has a placement column: the
                                * rows' placements replace the stored ones */
  gboolean      has_side;      /* and a side column */
  gboolean      has_highest_rank; /* a paid-rank column beside the rank
                                   * column: the rank is the highest reached */
  GArray       *past_periods;  /* DlPeriod: the month of each column of an
                                * earlier month's PV (dl_csv_header_past_pv ()),
                                * in the order of each row's past PV */
  /* The month the file's figures are of, for the caller to set before
   * the store writes the rows (--period, the assistant's month);
   * DL_PERIOD_NONE, as validation leaves it, is "now".  A file of a
   * month older than the newest the store has figures for fills its
   * history without changing what the members are now
   * (dl-store-import.h). */
  DlPeriod      period;
  gboolean      has_plain_numbers; /* some row has a plain_number: only then
                                    * need the store look for members whose
                                    * number gained its country */
  GPtrArray    *strings;       /* GStringChunk: the rows' text */
  double       *past_values;   /* the rows' past PV, past_periods->len a
                                * row, or NULL (see below) */
} DlImportResult;

/* The PV of each of result's past_periods for row (NAN for a blank
 * cell), or NULL when the file has no such column. */
static inline const double *
dl_import_row_get_past_pv (const DlImportResult *result,
                           const DlImportRow    *row)
{
  if (result->past_values == NULL || result->past_periods == NULL || result->past_periods->len == 0)
    return NULL;
  return result->past_values + (gsize) row->past_row * result->past_periods->len;
}

/* The form of a member number that two numbers are compared in, within
 * a file and against the members already in Downline.  Back offices pad
 * member numbers with zeros inconsistently ("00123" in the member
 * column, "123" in a sponsor cell or next month's file), so an all-digit
 * number is compared without its leading zeros; a number with any other
 * character is compared exactly ("A-0012" is not "A-12").  A member
 * keeps the number first written for them.  Returns a suffix of number:
 * nothing is allocated. */
const char     *dl_member_number_key   (const char         *number);
/* For a number in the form of a number in a country ("900057-US", see
 * "Member numbers and countries"), the country ("US", a suffix of
 * number); NULL for any other number.  The country has a letter:
 * "A-12" and "1234-5678" are numbers of their own. */
const char     *dl_member_number_country (const char       *number);

/* The SHA-256 of the file's bytes, in hex: the same file imported twice
 * is known by it. */
const char     *dl_csv_table_get_checksum (const DlCsvTable *table);
/* A key for the file's layout, its header names (normalised) in order:
 * next month's export from the same back office has the same key, so the
 * columns chosen this month can be chosen again. */
char           *dl_csv_table_layout_key   (const DlCsvTable *table);
/* The mapping to keep for next time, "FIELD=COLUMN" lines (the field's
 * key, the 1-based column), and back, for a table of the same layout.
 * from_text() changes nothing and returns FALSE when a line does not
 * fit the mapping's columns. */
char           *dl_csv_mapping_to_text    (const DlCsvMapping *mapping);
gboolean        dl_csv_mapping_from_text  (DlCsvMapping       *mapping,
                                           const char         *text);

/* Who the user is in an export of their downline, for a database that
 * does not know their member number yet (dl_csv_import_validate()
 * reads the rows the same way, cells with names and countries too).  When exactly one row's enroller is
 * blank or outside the file and everyone else descends from it (a
 * "Level 0" row), that row is the user: its number, *in_file TRUE, and
 * *top_row its table row.  When no row is the exporting distributor
 * and every member at the top names the same absent enroller, that
 * number is the user (*in_file FALSE; the members naming it are their
 * personal recruits).  NULL when the file does not say, or names no
 * enroller column. */
char           *dl_csv_guess_user       (const DlCsvTable   *table,
                                         const DlCsvMapping *mapping,
                                         gboolean           *in_file,
                                         guint              *top_row);

/* Says whether a sponsor number outside the file is known (a member
 * already in the database). */
typedef gboolean (*DlKnownNumberFunc) (const char *member_number,
                                       gpointer    user_data);
/* The numbers the database has for member_number in a country, in any
 * country ("900057-US", "900057-CA" for "900057" or "0900057";
 * dl_member_number_country ()): newly allocated and NULL-terminated,
 * or NULL when it has none. */
typedef char   **(*DlQualifiedNumbersFunc) (const char *member_number,
                                            gpointer    user_data);

/* Fails (DL_CSV_ERROR_MAPPING) only for an unusable mapping; every bad
 * row is in the result's rejected list: among them a placement parent
 * neither in the file nor known, a member placed under themselves, a
 * placement chain that loops (each member of the loop), a side
 * that is not left or right, and an enroller or placement number that
 * cannot be told apart by country (see "Member numbers and countries").  order must not be UNKNOWN when
 * the file has ambiguous dates: those rows are rejected. */
DlImportResult *dl_csv_import_validate (const DlCsvTable   *table,
                                        const DlCsvMapping *mapping,
                                        DlDateOrder         order,
                                        DlUnknownSponsor    policy,
                                        DlKnownNumberFunc   known,
                                        gpointer            known_data,
                                        GError            **error);
/* The same, knowing the numbers the database has per country too, so
 * that a number the file leaves bare finds the member kept as "N-CC"
 * (see "Member numbers and countries"); qualified may be NULL.  The
 * destroy notifies (may be NULL) are called once the numbers are no
 * longer asked for, before validation ends, and whether or not it
 * succeeds: qualified_destroy (qualified_data) first, then
 * known_destroy (known_data).  A million numbers are 20 MB that need
 * not stay through the rest of validation, where the import's memory
 * peaks. */
DlImportResult *dl_csv_import_validate_full (const DlCsvTable        *table,
                                             const DlCsvMapping      *mapping,
                                             DlDateOrder              order,
                                             DlUnknownSponsor         policy,
                                             DlKnownNumberFunc        known,
                                             gpointer                 known_data,
                                             GDestroyNotify           known_destroy,
                                             DlQualifiedNumbersFunc   qualified,
                                             gpointer                 qualified_data,
                                             GDestroyNotify           qualified_destroy,
                                             GError                 **error);
void            dl_import_result_free  (DlImportResult     *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlImportResult, dl_import_result_free)

G_END_DECLS

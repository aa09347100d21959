/* dl-xlsx.h — the first sheet of an Excel workbook (.xlsx) as rows of text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Back offices hand out their reports as spreadsheets.  The workbook is
 * a zip of XML parts (ECMA-376): libarchive reads the zip, libxml2's
 * streaming reader the sheet, so a sheet of a million rows never sits
 * in memory as a tree.  Cells come out as the text a person sees in the
 * cell's place: shared and inline strings, numbers as written, TRUE and
 * FALSE, and dates (numbers with a date format) as YYYY-MM-DD.  What the
 * columns mean is the CSV import's business, as for any other table.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DL_XLSX_ERROR (dl_xlsx_error_quark ())

typedef enum
{
  DL_XLSX_ERROR_NOT_XLSX,    /* not a zip, or a zip without a workbook */
  DL_XLSX_ERROR_DAMAGED,     /* a part that does not read as XML */
  DL_XLSX_ERROR_TOO_LARGE,   /* past the limits below */
} DlXlsxError;

GQuark dl_xlsx_error_quark (void);

/* A part of the workbook larger than this once unpacked is refused: a
 * few kilobytes of zip must not become gigabytes of memory. */
#define DL_XLSX_MAX_PART_SIZE (G_GINT64_CONSTANT (1) << 30)

typedef struct
{
  GPtrArray *rows;    /* of GStrv, one per row the sheet has, in order */
  GArray    *lines;   /* guint: each row's number in the sheet (1-based) */
  char      *sheet;   /* the sheet's name, as its tab shows it */
} DlXlsxSheet;

/* TRUE when data starts as a zip file does (PK\3\4). */
gboolean     dl_xlsx_looks_like_zip  (const char  *data,
                                      gsize        length);

DlXlsxSheet *dl_xlsx_read            (const char  *data,
                                      gsize        length,
                                      GError     **error);
void         dl_xlsx_sheet_free      (DlXlsxSheet *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlXlsxSheet, dl_xlsx_sheet_free)

G_END_DECLS

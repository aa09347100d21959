/* dl-store-periods-private.h — what the months' reader and writer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include <sqlite3.h>

#include "dl-csv-import.h"
#include "dl-events.h"

G_BEGIN_DECLS

/* How period_figures.status spells each DlFigureStatus. */
static inline const char *
dl_figure_status_to_word (DlFigureStatus status)
{
  static const char *const words[] = {
    [DL_FIGURE_ACTIVE] = "active",
    [DL_FIGURE_INACTIVE] = "inactive",
    [DL_FIGURE_TERMINATED] = "dropped",
  };

  g_return_val_if_fail (status <= DL_FIGURE_TERMINATED, "active");
  return words[status];
}

/* Read for every member of a month, a million times when the events
 * are worked out: the first letter tells the three words apart, so the
 * usual "active" costs no comparison at all. */
static inline DlFigureStatus
dl_figure_status_from_word (const char *word)
{
  if (word == NULL)
    return DL_FIGURE_ACTIVE;
  switch (word[0])
    {
    case 'i':
      return strcmp (word, "inactive") == 0 ? DL_FIGURE_INACTIVE : DL_FIGURE_ACTIVE;
    case 'd':
      return strcmp (word, "dropped") == 0 ? DL_FIGURE_TERMINATED : DL_FIGURE_ACTIVE;
    default:
      return DL_FIGURE_ACTIVE;
    }
}

/* A value the export may not have filled: NAN or -1 for NULL. */
static inline double
dl_value_real (sqlite3_value *value)
{
  return sqlite3_value_type (value) == SQLITE_NULL ? NAN : sqlite3_value_double (value);
}

static inline gint8
dl_value_flag (sqlite3_value *value)
{
  return sqlite3_value_type (value) == SQLITE_NULL ? -1 : (gint8) (sqlite3_value_int (value) != 0);
}

/* The same of a column.  The column is fetched once and its type and
 * value read from it: each sqlite3_column_*() call looks the column up
 * again. */
static inline double
dl_stmt_column_real (sqlite3_stmt *stmt,
                     int           column)
{
  return dl_value_real (sqlite3_column_value (stmt, column));
}

static inline gint8
dl_stmt_column_flag (sqlite3_stmt *stmt,
                     int           column)
{
  return dl_value_flag (sqlite3_column_value (stmt, column));
}

/* The months an import's rows carry (DlImportResult.period and its
 * past_periods), on db: an import's
 * own connection, inside its transaction, so that the members and their
 * month go in together or not at all.  person_of_row, when not NULL,
 * gives the person each row was written to (else each row's member is
 * found by its number).  When the result has a period, n_figures (may
 * be NULL) receives the members whose figures were kept; else
 * n_past_months (may be NULL) the earlier months of PV kept. */
gboolean  dl_store_save_import_months (sqlite3               *db,
                                       const DlImportResult  *result,
                                       const gint64          *person_of_row,
                                       guint                 *n_figures,
                                       guint                 *n_past_months,
                                       GError               **error);

G_END_DECLS

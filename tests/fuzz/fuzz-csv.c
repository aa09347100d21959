/* fuzz-csv.c — the CSV reader, mapping and validation on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "dl-csv-import.h"
#include "dl-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static gboolean
known_cb (const char *number,
          gpointer    data)
{
  return number[0] == '7';
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DlCsvTable) table = dl_csv_table_new_from_data ((const char *) data, size, NULL);
  g_autoptr(DlCsvMapping) guessed = NULL;
  g_autoptr(DlCsvMapping) forced = NULL;
  guint n_rows;
  guint n_columns;

  if (table == NULL)
    return 0;

  n_rows = dl_csv_table_get_n_rows (table);
  n_columns = dl_csv_table_get_n_columns (table);
  for (guint r = 0; r < n_rows; r++)
    {
      guint len = dl_csv_table_get_row_length (table, r);

      g_assert (dl_csv_table_get_line (table, r) >= 1);
      /* every cell is valid UTF-8, whatever the bytes were */
      for (guint c = 0; c <= len; c++)
        g_assert (g_utf8_validate (dl_csv_table_get (table, r, c), -1, NULL));
    }

  /* the guessed mapping, and one that maps every field somewhere */
  guessed = dl_csv_mapping_guess (table);
  forced = dl_csv_mapping_new (MAX (n_columns, 1));
  for (guint c = 0; c < forced->n_columns && c + 1 < DL_CSV_N_FIELDS; c++)
    dl_csv_mapping_set (forced, c, (DlCsvField) (c + 1));

  for (guint k = 0; k < 2; k++)
    {
      DlCsvMapping *mapping = k == 0 ? guessed : forced;
      gboolean needs_order = FALSE;
      gboolean conflict = FALSE;
      DlDateOrder order = dl_csv_guess_date_order (table, mapping, &needs_order, &conflict);
      DlImportResult *result = dl_csv_import_validate (table, mapping, order,
                                                       k == 0 ? DL_UNKNOWN_SPONSOR_USER : DL_UNKNOWN_SPONSOR_NONE,
                                                       known_cb, NULL, NULL);

      if (result != NULL)
        {
          guint n_in_notes = 0;

          g_assert (result->rows->len + result->rejected->len == result->n_data_rows);
          /* what reaches a letter's headers is an address or nothing,
           * and what went to the notes is one line */
          for (guint i = 0; i < result->rows->len; i++)
            {
              const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

              g_assert (dl_validate_email (row->email, NULL));
              g_assert (strpbrk (row->notes, "\r\n") == NULL);
              n_in_notes += *row->notes != '\0';
            }
          g_assert (n_in_notes == result->n_emails_in_notes);
          dl_import_result_free (result);
        }
    }

  return 0;
}

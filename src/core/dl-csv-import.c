/* dl-csv-import.c — decoding, splitting, mapping and checking CSV exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built for a million rows: the cells of the whole file live in one
 * byte buffer, NUL-separated, with an array of offsets; validation uses
 * flat arrays indexed by row and one hash table of member numbers.
 *
 * The steps have files of their own: dl-csv-decode.c (the bytes and
 * the delimiter), dl-csv-split.c (the table), dl-csv-mapping.c (which
 * column is which field), dl-csv-names.c (member cells with names),
 * dl-csv-dates.c, dl-csv-validate.c (reading and checking the rows) and
 * dl-csv-countries.c (member numbers in several countries); this file
 * puts the validation together and guesses the user's row.
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-csv-import-private.h"
#include "dl-memory.h"

G_DEFINE_QUARK (dl-csv-error-quark, dl_csv_error)

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
  if (!dl_csv_column_has_names (table, named.names_column))
    named.names_column = mapping->names_column;
  return dl_csv_mapping_check (&named, error);
}

/* Downline's numbers let go, and never asked for again */
static void
downline_done (Downline       *downline,
               GDestroyNotify  known_destroy,
               GDestroyNotify  qualified_destroy)
{
  if (qualified_destroy != NULL && downline->qualified_data != NULL)
    qualified_destroy (downline->qualified_data);
  if (known_destroy != NULL && downline->known_data != NULL)
    known_destroy (downline->known_data);
  *downline = (Downline) { NULL, NULL, NULL, NULL };
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
  return dl_csv_import_validate_full (table, mapping, order, policy, known, known_data, NULL, NULL, NULL, NULL,
                                      error);
}

/* text, in the result's strings when it is the table's */
static const char *
kept_out_of (Validator  *v,
             const char *text)
{
  if (!dl_csv_table_holds (v->table, text))
    return text;
  return *text == '\0' ? "" : g_string_chunk_insert (v->strings, text);
}

DlImportResult *
dl_csv_import_validate_full (const DlCsvTable        *table,
                             const DlCsvMapping      *mapping,
                             DlDateOrder              order,
                             DlUnknownSponsor         policy,
                             DlKnownNumberFunc        known,
                             gpointer                 known_data,
                             GDestroyNotify           known_destroy,
                             DlQualifiedNumbersFunc   qualified,
                             gpointer                 qualified_data,
                             GDestroyNotify           qualified_destroy,
                             GError                 **error)
{
  Validator v = { table, NULL, { 0 }, NULL, NULL, NULL, NULL, 0, NULL, 0, NO_ROW };
  Downline downline = { known, known_data, qualified, qualified_data };
  DlRowIndex by_number = { { NULL, 0, 0 }, NULL, 0 };
  g_autoptr(GHashTable) rejected_numbers = NULL;
  DlImportRow *rows;
  g_autofree guint *sponsor = NULL;
  g_autofree guint *parent = NULL;
  g_autofree gboolean *ok = NULL;
  g_autofree char **reasons = NULL;
  g_autofree guint *first_child = NULL;
  g_autofree guint *next_sibling = NULL;
  g_autofree guint *queue = NULL;
  g_autofree guint *position = NULL;
  g_autofree int *past_columns = NULL;
  Countries countries = { NULL, NULL, NULL, { { NULL, 0, 0 }, NULL, 0 }, NULL };
  guint n;
  guint head = 0;
  guint tail = 0;

  g_return_val_if_fail (table != NULL && mapping != NULL, NULL);

  if (!check_mapping (table, mapping, error))
    {
      downline_done (&downline, known_destroy, qualified_destroy);
      return NULL;
    }
  dl_csv_validator_init_cells (&v, dl_csv_table_get_n_columns (table));

  for (guint f = 0; f < DL_CSV_N_FIELDS; f++)
    v.col[f] = f == DL_CSV_FIELD_IGNORE ? -1 : dl_csv_mapping_find (mapping, f);

  v.result = g_new0 (DlImportResult, 1);
  v.result->rejected = g_array_new (FALSE, FALSE, sizeof (DlImportProblem));
  g_array_set_clear_func (v.result->rejected, dl_csv_problem_clear);
  v.result->warnings = g_array_new (FALSE, FALSE, sizeof (DlImportProblem));
  g_array_set_clear_func (v.result->warnings, dl_csv_problem_clear);
  v.result->strings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  v.result->period = DL_PERIOD_NONE;

  n = dl_csv_table_get_n_rows (table) - 1;
  v.result->n_data_rows = n;
  past_columns = dl_csv_find_past_pv_columns (table, mapping, &v.result->past_periods);
  v.past_columns = past_columns;
  v.n_past = v.result->past_periods->len;
  if (v.n_past > 0)
    v.result->past_values = g_new (double, (gsize) MAX (n, 1) * v.n_past);
  /* The rows are read into the result's array and put in their order
   * there: a copy of a million rows was 230 MB more at the peak.  Each
   * row is cleared as it is read; the 200 MB of a million, zeroed
   * here a fresh page at a time, were half a second of faults, and
   * are now made present at once. */
  v.result->rows = g_array_sized_new (FALSE, FALSE, sizeof (DlImportRow), MAX (n, 1));
  g_array_set_size (v.result->rows, n);
  rows = (DlImportRow *) (gpointer) v.result->rows->data;
  dl_memory_ask_huge_pages (rows, (gsize) n * sizeof *rows);
  dl_memory_make_present (rows, (gsize) n * sizeof *rows);
  sponsor = g_new (guint, MAX (n, 1));
  ok = g_new0 (gboolean, MAX (n, 1));
  dl_row_index_init (&by_number, &rows[0].member_number, sizeof *rows, n);
  rejected_numbers = g_hash_table_new (g_str_hash, g_str_equal);

  /* Each row on its own, then duplicates. */
  reasons = g_new (char *, MAX (n, 1));
  dl_csv_read_all_rows (&v, n, order, rows, reasons);
  /* the text made from here on, on this thread */
  v.strings = g_string_chunk_new (1 << 12);
  g_ptr_array_add (v.result->strings, v.strings);
  if (v.col[DL_CSV_FIELD_COUNTRY] >= 0)
    dl_csv_countries_init (&countries, &v, &downline, rows, reasons, n);
  /* no countries in the file: a number Downline has only with theirs */
  else if (qualified != NULL)
    for (guint i = 0; i < n; i++)
      if (reasons[i] == NULL)
        reasons[i] = dl_csv_qualify_bare (&v, &countries, &downline, rows, i, NO_ROW);
  for (guint i = 0; i < n; i++)
    {
      char *reason = reasons[i];
      guint first;

      if (reason == NULL &&
          dl_row_index_lookup (&by_number, dl_member_number_key (rows[i].member_number), &first))
        reason = g_strdup_printf (_("the member number %s is already on line %u"),
                                  rows[i].member_number, rows[first].line);
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
          dl_csv_add_problem (v.result->rejected, rows[i].line, reason);
          if (*rows[i].member_number != '\0' &&
              !dl_row_index_lookup (&by_number, dl_member_number_key (rows[i].member_number), &first))
            g_hash_table_insert (rejected_numbers, (gpointer) dl_member_number_key (rows[i].member_number),
                                 GUINT_TO_POINTER (i));
          continue;
        }
      ok[i] = TRUE;
      dl_row_index_set (&by_number, i);
    }
  /* each reason is the problem's now; the array goes before the next
   * ones come */
  g_clear_pointer (&reasons, g_free);

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
          reference = dl_csv_resolve_reference (&v, &countries, &downline, &by_number, rejected_numbers, rows, i,
                                                &number, &p);
          if (reference == REF_AMBIGUOUS)
            {
              dl_csv_add_problem (v.result->rejected, rows[i].line,
                                  dl_csv_ambiguous_problem (&countries, &downline, i, number, TRUE));
              ok[i] = FALSE;
            }
          else if ((reference == REF_ROW && p == i) ||
                   g_str_equal (dl_member_number_key (number), dl_member_number_key (rows[i].member_number)))
            {
              dl_csv_add_problem (v.result->rejected, rows[i].line,
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
          else if (downline.known == NULL || !downline.known (number, downline.known_data))
            {
              dl_csv_add_problem (v.result->warnings, rows[i].line,
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
      dl_csv_reject_cycles (&v, rows, parent, ok, n, TRUE);
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
      reference = dl_csv_resolve_reference (&v, &countries, &downline, &by_number, rejected_numbers, rows, i,
                                            &number, &s);
      if (reference == REF_AMBIGUOUS)
        {
          dl_csv_add_problem (v.result->rejected, rows[i].line,
                              dl_csv_ambiguous_problem (&countries, &downline, i, number, FALSE));
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

  dl_csv_reject_cycles (&v, rows, sponsor, ok, n, FALSE);
  /* Every number is found: the index of a million (32 MB) goes before
   * the arrays that put the rows in order come, at validation's peak. */
  dl_row_index_clear (&by_number);
  g_clear_pointer (&rejected_numbers, g_hash_table_unref);

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
      else if (downline.known == NULL || !downline.known (number, downline.known_data))
        why = g_strdup_printf (_("the sponsor %s is neither in the file nor in Downline"), number);

      sponsor[i] = NO_ROW;
      if (why == NULL)
        continue;   /* a member already in the database */

      rows[i].sponsor_number = "";
      rows[i].sponsor_unknown = TRUE;
      /* a member already in Downline (the user at the top of their own
       * export, say) keeps the sponsor they have: nothing to say */
      if (downline.known != NULL && downline.known (rows[i].member_number, downline.known_data))
        {
          g_free (why);
          continue;
        }
      dl_csv_add_problem (v.result->warnings, rows[i].line,
                          g_strdup_printf (policy == DL_UNKNOWN_SPONSOR_USER
                                           ? _("%s: placed directly under you")
                                           : _("%s: kept under “No sponsor”"),
                                           why));
      g_free (why);
    }

  /* nothing more is asked of Downline's numbers */
  downline_done (&downline, known_destroy, qualified_destroy);

  /* A placement parent whose row was rejected leaves the placement as
   * Downline has it. */
  for (guint i = 0; i < n; i++)
    if (ok[i] && parent[i] != NO_ROW && !ok[parent[i]])
      {
        dl_csv_add_problem (v.result->warnings, rows[i].line,
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

  while (head < tail)
    {
      guint i = queue[head++];
      /* a sponsor is always out of the queue before their recruits */
      rows[i].sponsor_row = sponsor[i] == NO_ROW ? DL_IMPORT_NO_ROW : position[sponsor[i]];
      position[i] = head - 1;
      v.result->n_emails_in_notes += *rows[i].notes != '\0';
      v.result->has_plain_numbers |= rows[i].plain_number != NULL;

      for (guint c = first_child[i]; c != NO_ROW; c = next_sibling[c])
        queue[tail++] = c;
    }
  g_assert (tail + v.result->rejected->len == n);

  /* a parent may come after the row it places: only now are all the
   * positions known */
  for (guint i = 0; i < n; i++)
    if (ok[i] && parent[i] != NO_ROW)
      rows[i].placement_row = position[parent[i]];

  /* Each accepted row to its position, in place, following the chains
   * of the permutation: ok[k] says slot k still holds its own row, not
   * moved yet.  A rejected row's slot is free. */
  for (guint i = 0; i < n; i++)
    {
      DlImportRow moving, next;
      guint j = i;

      if (!ok[i] || position[i] == i)
        continue;
      moving = rows[i];
      ok[i] = FALSE;
      for (;;)
        {
          guint to = position[j];

          if (!ok[to])
            {
              rows[to] = moving;
              break;
            }
          next = rows[to];
          rows[to] = moving;
          ok[to] = FALSE;
          moving = next;
          j = to;
        }
    }
  g_array_set_size (v.result->rows, tail);

  /* The enrollers and placement parents that are no row of the file
   * still point into the table (see keep_row ()): copied now, before
   * the table can go; a sponsor that is the placement parent (a file
   * without an enroller column) shares the copy. */
  for (guint i = 0; i < tail; i++)
    {
      const char *placement = rows[i].placement_number;

      rows[i].placement_number = kept_out_of (&v, placement);
      if (rows[i].sponsor_number == placement)
        rows[i].sponsor_number = rows[i].placement_number;
      else
        rows[i].sponsor_number = kept_out_of (&v, rows[i].sponsor_number);
    }

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
      int c = dl_csv_find_unread_date_column (table, mapping);

      if (c >= 0)
        g_ptr_array_add (v.result->notes,
                         g_strdup_printf (_("The column “%s” holds dates but is not read as the "
                                            "join date, so the new members join today. If it is "
                                            "the join date, map it to “%s”."),
                                          dl_csv_table_get (table, 0, (guint) c),
                                          dl_csv_field_get_label (DL_CSV_FIELD_JOINED_ON)));
    }

  g_array_sort (v.result->rejected, dl_csv_compare_problems);
  g_array_sort (v.result->warnings, dl_csv_compare_problems);
  v.result->policy = policy;
  dl_csv_countries_clear (&countries);

  dl_csv_validator_clear_cells (&v);
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
  dl_csv_append_country_code (country, dl_csv_table_get (table, top, (guint) country_column));
  if (country->len == 0)
    return g_steal_pointer (&number);
  for (guint r = 1; r < n_rows; r++)
    {
      g_autofree char *other = number_of_cell (dl_csv_table_get (table, r, (guint) member_column));
      g_autoptr(GString) other_country = g_string_new (NULL);

      if (r == top || !g_str_equal (dl_member_number_key (other), dl_member_number_key (number)))
        continue;
      dl_csv_append_country_code (other_country, dl_csv_table_get (table, r, (guint) country_column));
      if (other_country->len > 0 && !g_str_equal (other_country->str, country->str))
        return dl_csv_qualified_number (number, country->str);
    }
  return g_steal_pointer (&number);
}

char *
dl_csv_guess_user (const DlCsvTable   *table,
                   const DlCsvMapping *mapping,
                   gboolean           *in_file,
                   guint              *top_row)
{
  g_autoptr(DlStringSet) numbers = NULL;
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
  /* a set of a million numbers is 20 MB, a hash table of copies was
   * 56 MB, and the command line's peak */
  numbers = dl_string_set_new_sized (n_rows);
  for (guint r = 1; r < n_rows; r++)
    {
      g_autofree char *cell = number_of_cell (dl_csv_table_get (table, r, (guint) member_column));

      if (*cell != '\0')
        dl_string_set_add (numbers, dl_member_number_key (cell), NULL);
    }

  for (guint r = 1; r < n_rows; r++)
    {
      g_autofree char *member = number_of_cell (dl_csv_table_get (table, r, (guint) member_column));
      g_autofree char *sponsor = number_of_cell (dl_csv_table_get (table, r, (guint) sponsor_column));
      const char *key;

      if (*member == '\0')
        continue;
      key = dl_member_number_key (sponsor);
      if (*sponsor != '\0' && dl_string_set_contains (numbers, key))
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

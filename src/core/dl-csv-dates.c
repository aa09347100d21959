/* dl-csv-dates.c — the dates of back offices, and the months of PV columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <string.h>

#include "dl-csv-import-private.h"

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

  name = dl_csv_normalize_header (header);
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
      if (dl_csv_field_from_name (rest) == DL_CSV_FIELD_PV)
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
  guint n_cells = 0;
  g_autofree const char **cells = NULL;

  g_return_val_if_fail (table != NULL && mapping != NULL, DL_DATE_ORDER_UNKNOWN);

  columns[0] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_JOINED_ON);
  columns[1] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_ORDER);
  columns[2] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_ORDER);
  columns[3] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_NEXT_AUTOSHIP);
  columns[4] = dl_csv_mapping_find (mapping, DL_CSV_FIELD_RENEWAL);
  n_rows = dl_csv_table_get_n_rows (table);
  for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
    n_cells = MAX (n_cells, (guint) (columns[k] + 1));
  cells = g_new (const char *, MAX (n_cells, 1));

  for (guint r = 1; r < n_rows && n_cells > 0; r++)
    {
      /* a row's cells found once for all its dates */
      dl_csv_table_get_row (table, r, cells, n_cells);
      for (guint k = 0; k < G_N_ELEMENTS (columns); k++)
        {
          if (columns[k] < 0)
            continue;
          switch (date_evidence (cells[columns[k]]))
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
    }

  if (needs_order != NULL)
    *needs_order = dmy == 0 && mdy == 0 && ambiguous > 0;
  if (conflict != NULL)
    *conflict = dmy > 0 && mdy > 0;

  if (dmy == 0 && mdy == 0)
    return DL_DATE_ORDER_UNKNOWN;
  return dmy >= mdy ? DL_DATE_ORDER_DMY : DL_DATE_ORDER_MDY;
}

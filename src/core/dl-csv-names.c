/* dl-csv-names.c — member cells that write the name beside the number
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <string.h>

#include "dl-csv-import-private.h"

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

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

/* The number and the name of a member, enroller or placement cell (see
 * dl_csv_split_member_cell ()), the blanks around the cell and its parts
 * left out; nothing is allocated.  A quoted cell keeps the line break
 * or the blank before its closing quote, so the whole cell is trimmed
 * before it is read. */
CellForm
dl_csv_split_member_span (const char *cell,
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

  named = dl_csv_split_member_span (cell, &number_span, &name_span) == CELL_NAMED && name_span.length > 0;
  if (number != NULL)
    *number = g_strndup (number_span.start, number_span.length);
  if (name != NULL)
    *name = named ? g_strndup (name_span.start, name_span.length) : NULL;
  return named;
}

/* The member column writes the names too when most of its first
 * cells are "900057 (Ana Ruiz)". */
gboolean
dl_csv_column_has_names (const DlCsvTable *table,
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
      named += dl_csv_split_member_span (text, &number, &name) == CELL_NAMED && name.length > 0;
    }
  return filled > 0 && named * 2 > filled;
}

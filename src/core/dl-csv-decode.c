/* dl-csv-decode.c — a CSV file's encoding, and its delimiter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-charset.h"
#include "dl-csv-import-private.h"

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

/* The text as UTF-8 without a BOM.  The encoding is decided for the
 * whole file only when the whole file fails UTF-8. */
const char *
dl_csv_decode (const char     *data,
               gsize           length,
               gboolean        utf8,
               DlCsvEncoding  *encoding,
               gsize          *out_length,
               char          **owned,
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
      *owned = out;
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

  /* the bytes as they are: a copy of a big file was as big again */
  if (utf8)
    {
      *out_length = length;
      *owned = NULL;
      return data;
    }

  /* It says UTF-8, or mostly is: keep what is, reject the rows that
   * are not. */
  if (*encoding == DL_CSV_ENCODING_UTF8_BOM || is_flawed_utf8 (data, length))
    return *owned = mend_utf8 (data, length, out_length, bad_lines);

  *encoding = DL_CSV_ENCODING_WINDOWS_1252;
  return *owned = dl_charset_from_windows_1252 (data, length, out_length);
}

/* ------------------------------------------------------------------ */
/* The delimiter                                                       */

#define SNIFF_RECORDS 20

char
dl_csv_sniff_delimiter (const char *text,
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

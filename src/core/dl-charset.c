/* dl-charset.c — text in the charsets old exports still use, as UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-charset.h"

/* Windows-1252 0x80–0x9F; 0 where the code page leaves a hole. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

char *
dl_charset_from_windows_1252 (const char *data,
                              gsize       length,
                              gsize      *out_length)
{
  GString *out = g_string_sized_new (length + length / 8 + 1);

  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];

      if (c == 0)
        continue;
      if (c < 0x80)
        g_string_append_c (out, (char) c);
      else if (c < 0xA0)
        g_string_append_unichar (out, cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }

  if (out_length != NULL)
    *out_length = out->len;
  return g_string_free (out, FALSE);
}

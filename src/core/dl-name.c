/* dl-name.c — one person's name split into first and last, one way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dl-name.h"

/* text with every run of spaces one ASCII space, trimmed */
static char *
tidy (const char *text,
      gsize       len)
{
  GString *out = g_string_sized_new (len);
  const char *end = text + len;
  gboolean space = FALSE;

  for (const char *p = text; p < end && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

void
dl_name_split (const char  *full,
               char       **first,
               char       **last)
{
  g_autofree char *whole = NULL;
  const char *comma;
  const char *space;

  g_return_if_fail (first != NULL);
  g_return_if_fail (last != NULL);

  whole = tidy (full != NULL ? full : "", full != NULL ? strlen (full) : 0);
  comma = strchr (whole, ',');
  if (comma != NULL)
    {
      *first = tidy (comma + 1, strlen (comma + 1));
      *last = tidy (whole, (gsize) (comma - whole));
      /* "García," alone: a last name with nothing after it is a name */
      if (**first == '\0')
        {
          g_free (*first);
          *first = g_steal_pointer (last);
          *last = g_strdup ("");
        }
      return;
    }

  space = strchr (whole, ' ');
  if (space == NULL)
    {
      *first = g_steal_pointer (&whole);
      *last = g_strdup ("");
      return;
    }
  *first = g_strndup (whole, (gsize) (space - whole));
  *last = g_strdup (space + 1);
}

char *
dl_name_join (const char *first,
              const char *last)
{
  first = first != NULL ? first : "";
  last = last != NULL ? last : "";
  if (first[0] != '\0' && last[0] != '\0')
    return g_strconcat (first, " ", last, NULL);
  return g_strconcat (first, last, NULL);
}

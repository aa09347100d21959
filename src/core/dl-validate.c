/* dl-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-validate.h"

G_DEFINE_QUARK (dl-validate-error-quark, dl_validate_error)

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;

  for (; *s; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;

  return TRUE;
}

/* A host name as people type it: labels of letters, digits and hyphens,
 * at least one dot, no empty label. */
static gboolean
is_host_name (const char *host,
              gsize       len)
{
  gsize label = 0;
  gboolean dot = FALSE;

  if (len == 0 || host[0] == '.' || host[len - 1] == '.')
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = host[i];

      if (c == '.')
        {
          if (label == 0)
            return FALSE;
          label = 0;
          dot = TRUE;
        }
      else if (g_ascii_isalnum (c) || c == '-' || c >= 0x80)
        label++;
      else
        return FALSE;
    }

  return dot;
}

gboolean
dl_validate_name (const char  *first_name,
                  const char  *last_name,
                  GError     **error)
{
  if (is_blank (first_name) && is_blank (last_name))
    {
      g_set_error_literal (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_NAME,
                           _("Enter a first or a last name."));
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_validate_email (const char  *email,
                   GError     **error)
{
  const char *at;

  if (is_blank (email))
    return TRUE;

  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL ||
      strpbrk (email, " \t\r\n<>,;\"") != NULL ||
      !is_host_name (at + 1, strlen (at + 1)))
    {
      g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_EMAIL,
                   _("“%s” is not an email address. It should look like name@example.com."),
                   email);
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_validate_website (const char  *website,
                     GError     **error)
{
  const char *host = website;
  gsize len;

  if (is_blank (website))
    return TRUE;

  if (g_ascii_strncasecmp (host, "https://", 8) == 0)
    host += 8;
  else if (g_ascii_strncasecmp (host, "http://", 7) == 0)
    host += 7;

  len = strcspn (host, "/?#");
  /* a port is fine */
  if (memchr (host, ':', len) != NULL)
    len = (const char *) memchr (host, ':', len) - host;

  if (strpbrk (website, " \t\r\n<>\"") != NULL || !is_host_name (host, len))
    {
      g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_WEBSITE,
                   _("“%s” is not a web address. It should look like example.com or https://example.com/page."),
                   website);
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_validate_length (const char  *field_name,
                    const char  *value,
                    GError     **error)
{
  if (value != NULL && g_utf8_strlen (value, -1) > DL_VALIDATE_MAX_FIELD)
    {
      g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_TOO_LONG,
                   _("“%s” is too long: use at most %d characters."),
                   field_name, DL_VALIDATE_MAX_FIELD);
      return FALSE;
    }

  return TRUE;
}

/* Digits with the usual separators, and enough digits to dial. */
/* Where an extension starts: " x123", "x 123", " ext. 123", " ext 123",
 * ";ext=123" (RFC 3966), at the end and only digits after it; NULL
 * when there is none. */
static const char *
find_extension (const char *phone)
{
  for (const char *p = phone; *p != '\0'; p++)
    {
      const char *digits;

      if (p == phone)
        continue;
      if (g_ascii_strncasecmp (p, ";ext=", 5) == 0)
        digits = p + 5;
      else if (g_ascii_strncasecmp (p, "ext", 3) == 0)
        digits = p + 3 + (p[3] == '.');
      else if (g_ascii_tolower (*p) == 'x')
        digits = p + 1;
      else
        continue;
      while (*digits == ' ')
        digits++;
      if (*digits == '\0' || strspn (digits, "0123456789") != strlen (digits))
        return NULL;
      return p;
    }

  return NULL;
}

gboolean
dl_validate_phone (const char  *phone,
                   GError     **error)
{
  guint digits = 0;
  const char *extension = find_extension (phone);
  const char *end = extension != NULL ? extension : phone + strlen (phone);

  for (const char *p = phone; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-()./", *p) == NULL)
        {
          g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_PHONE,
                       _("A phone number holds digits, spaces and + - ( ) . / only, and "
                         "maybe an extension at the end (x123)."));
          return FALSE;
        }
    }

  if (phone[0] != '\0' && digits < 3)
    {
      g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_PHONE,
                   _("This phone number has too few digits."));
      return FALSE;
    }

  return TRUE;
}

DlDay
dl_validate_date (const char  *text,
                  GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  DlDay day;

  /* dl_day_from_iso also takes a date-time; here only a date is meant */
  day = strlen (trimmed) == 10 ? dl_day_from_iso (trimmed) : DL_DAY_NONE;
  if (day == DL_DAY_NONE)
    g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_DATE,
                 _("“%s” is not a date. Write it as year-month-day, for example %s."),
                 trimmed, "2026-03-14");

  return day;
}

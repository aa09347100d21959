/* dl-vcard.c — reading and writing vCards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-vcard"

#include "config.h"

#include <string.h>

#include "dl-charset.h"
#include "dl-vcard.h"

#define FOLD_AT 75

DlVCard *
dl_vcard_new (void)
{
  DlVCard *card = g_new0 (DlVCard, 1);

  card->emails = g_ptr_array_new_with_free_func (g_free);
  card->phones = g_ptr_array_new_with_free_func (g_free);
  return card;
}

void
dl_vcard_free (DlVCard *card)
{
  if (card == NULL)
    return;

  g_free (card->first_name);
  g_free (card->last_name);
  g_free (card->full_name);
  g_ptr_array_unref (card->emails);
  g_ptr_array_unref (card->phones);
  g_free (card->city);
  g_free (card->organization);
  g_free (card->note);
  g_free (card);
}

/* "\n", "\,", "\;", "\\" as in RFC 6350 §3.4. */
static char *
unescape (const char *s,
          gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\\' && i + 1 < len)
        {
          char c = s[++i];

          g_string_append_c (out, c == 'n' || c == 'N' ? '\n' : c);
        }
      else
        g_string_append_c (out, s[i]);
    }

  return g_strstrip (g_string_free (out, FALSE));
}

/* The n-th ';'-separated component of a structured value (N, ADR). */
static char *
component (const char *value,
           guint       n)
{
  const char *start = value;
  guint k = 0;

  for (const char *p = value;; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          continue;
        }
      if (*p == ';' || *p == '\0')
        {
          if (k == n)
            return unescape (start, (gsize) (p - start));
          if (*p == '\0')
            return g_strdup ("");
          k++;
          start = p + 1;
        }
    }
}

/* TRUE when bytes (not valid UTF-8) still hold more well-formed UTF-8
 * characters beyond ASCII than stray bytes: a UTF-8 file with a flaw,
 * not a file in another charset. */
static gboolean
mostly_utf8 (const char *bytes,
             gsize       length)
{
  const char *p = bytes;
  const char *end = bytes + length;
  gsize good = 0;
  gsize bad = 0;

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          bad++;
          p++;
        }
      else
        {
          good += c >= 0x80;
          p = g_utf8_next_char (p);
        }
    }

  return good > bad;
}

/* Text in charset (NULL: unknown) as UTF-8.  Not UTF-8 and not
 * convertible from the charset named, it is taken as Windows-1252, the
 * charset old phones and Outlook write without saying so, so accented
 * names come through instead of as "�"; a UTF-8 text with a flaw loses
 * only the flaw. */
static char *
to_utf8 (const char *bytes,
         gsize       length,
         const char *charset)
{
  char *text;

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 &&
      (text = g_convert (bytes, (gssize) length, "UTF-8", charset, NULL, NULL, NULL)) != NULL)
    return text;
  if (g_utf8_validate (bytes, (gssize) length, NULL))
    return g_strndup (bytes, length);
  if (mostly_utf8 (bytes, length))
    return g_utf8_make_valid (bytes, (gssize) length);
  return dl_charset_from_windows_1252 (bytes, length, NULL);
}

/* The CHARSET= of a property's (upper-cased) parameters, or NULL. */
static char *
param_charset (const char *params)
{
  const char *start = strstr (params, "CHARSET=");
  gsize n;

  if (start == NULL)
    return NULL;
  start += strlen ("CHARSET=");
  if (*start == '"')
    start++;
  n = strcspn (start, ";:\"");
  return n > 0 ? g_strndup (start, n) : NULL;
}

static char *
decode_quoted_printable (const char *s,
                         const char *charset)
{
  GString *out = g_string_new (NULL);

  for (; *s; s++)
    {
      if (*s == '=' && g_ascii_isxdigit (s[1]) && g_ascii_isxdigit (s[2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (s[1]) * 16 + g_ascii_xdigit_value (s[2])));
          s += 2;
        }
      else if (*s == '=' && s[1] == '\0')
        break;
      else
        g_string_append_c (out, *s);
    }

  {
    char *text = to_utf8 (out->str, out->len, charset);

    g_string_free (out, TRUE);
    return text;
  }
}

static void
set_text (char       **field,
          const char  *value)
{
  if (*field != NULL && **field != '\0')
    return;   /* the first one wins */
  g_free (*field);
  *field = unescape (value, strlen (value));
}

/* One unfolded line: [group.]NAME[;params]:value */
static void
read_property (DlVCard    *card,
               const char *line)
{
  g_autofree char *name = NULL;
  g_autofree char *params = NULL;
  g_autofree char *decoded = NULL;
  const char *colon = NULL;
  const char *semi;
  const char *dot;
  const char *value;
  gboolean quoted = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        {
          colon = p;
          break;
        }
    }
  if (colon == NULL)
    return;

  semi = memchr (line, ';', (gsize) (colon - line));
  name = g_ascii_strup (line, semi != NULL ? semi - line : colon - line);
  params = semi != NULL ? g_ascii_strup (semi, colon - semi) : g_strdup ("");
  value = colon + 1;

  dot = strrchr (name, '.');
  if (dot != NULL)
    memmove (name, dot + 1, strlen (dot + 1) + 1);

  if (strstr (params, "QUOTED-PRINTABLE") != NULL)
    {
      g_autofree char *charset = param_charset (params);

      value = decoded = decode_quoted_printable (value, charset);
    }

  if (g_str_equal (name, "FN"))
    set_text (&card->full_name, value);
  else if (g_str_equal (name, "N"))
    {
      if (card->last_name == NULL && card->first_name == NULL)
        {
          card->last_name = component (value, 0);
          card->first_name = component (value, 1);
        }
    }
  else if (g_str_equal (name, "EMAIL"))
    {
      char *email = unescape (value, strlen (value));

      if (g_str_has_prefix (email, "mailto:"))
        memmove (email, email + 7, strlen (email + 7) + 1);
      if (*email != '\0')
        g_ptr_array_add (card->emails, email);
      else
        g_free (email);
    }
  else if (g_str_equal (name, "TEL"))
    {
      char *tel = unescape (value, strlen (value));

      if (g_str_has_prefix (tel, "tel:"))
        memmove (tel, tel + 4, strlen (tel + 4) + 1);
      if (*tel != '\0')
        g_ptr_array_add (card->phones, tel);
      else
        g_free (tel);
    }
  else if (g_str_equal (name, "ADR"))
    {
      g_autofree char *city = component (value, 3);

      if (*city != '\0' && (card->city == NULL || *card->city == '\0'))
        {
          g_free (card->city);
          card->city = g_steal_pointer (&city);
        }
    }
  else if (g_str_equal (name, "ORG"))
    {
      if (card->organization == NULL)
        card->organization = component (value, 0);
    }
  else if (g_str_equal (name, "NOTE"))
    set_text (&card->note, value);
}

static void
finish_card (GPtrArray *cards,
             DlVCard   *card)
{
  /* A card with FN only: the first word is the first name. */
  if ((card->first_name == NULL || *card->first_name == '\0') &&
      (card->last_name == NULL || *card->last_name == '\0') &&
      card->full_name != NULL && *card->full_name != '\0')
    {
      const char *space = strchr (card->full_name, ' ');

      g_free (card->first_name);
      g_free (card->last_name);
      if (space != NULL)
        {
          card->first_name = g_strndup (card->full_name, (gsize) (space - card->full_name));
          card->last_name = g_strstrip (g_strdup (space + 1));
        }
      else
        {
          card->first_name = g_strdup (card->full_name);
          card->last_name = g_strdup ("");
        }
    }

  if (card->first_name == NULL)
    card->first_name = g_strdup ("");
  if (card->last_name == NULL)
    card->last_name = g_strdup ("");
  if (card->full_name == NULL)
    card->full_name = g_strstrip (g_strdup_printf ("%s %s", card->first_name, card->last_name));

  g_ptr_array_add (cards, card);
}

GPtrArray *
dl_vcard_parse (const char *data,
                gsize       length)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_vcard_free);
  g_autofree char *text = NULL;
  g_autoptr(GString) logical = g_string_new (NULL);
  DlVCard *card = NULL;
  const char *p;
  const char *end;
  guint line = 0;
  guint logical_line = 0;
  gboolean qp_soft_break = FALSE;

  if (data == NULL)
    return cards;

  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    text = g_convert (data + 2, (gssize) (length - 2), "UTF-8", "UTF-16LE", NULL, &length, NULL);
  else if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    text = g_convert (data + 2, (gssize) (length - 2), "UTF-8", "UTF-16BE", NULL, &length, NULL);
  else
    {
      if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          length -= 3;
        }
      /* a file of another charset is read whole as one (see to_utf8) */
      text = to_utf8 (data, length, NULL);
      length = text != NULL ? strlen (text) : 0;
    }
  if (text == NULL)
    return cards;

  p = text;
  end = text + length;
  /* one extra turn with p == end flushes the last logical line */
  while (p <= end)
    {
      const char *nl = p < end ? memchr (p, '\n', (gsize) (end - p)) : NULL;
      const char *line_end = nl != NULL ? nl : end;
      gsize n = (gsize) (line_end - p);
      gboolean eof = p >= end;

      if (n > 0 && p[n - 1] == '\r')
        n--;
      line++;

      if (!eof && qp_soft_break)
        {
          /* quoted-printable: "=" at the end joins the next line */
          g_string_truncate (logical, logical->len - 1);
          g_string_append_len (logical, p, (gssize) n);
        }
      else if (!eof && n > 0 && (p[0] == ' ' || p[0] == '\t') && logical->len > 0)
        g_string_append_len (logical, p + 1, (gssize) n - 1);   /* folded */
      else
        {
          if (logical->len > 0)
            {
              if (g_ascii_strncasecmp (logical->str, "BEGIN:VCARD", 11) == 0)
                {
                  if (card != NULL)
                    finish_card (cards, card);
                  card = dl_vcard_new ();
                  card->line = logical_line;
                }
              else if (g_ascii_strncasecmp (logical->str, "END:VCARD", 9) == 0)
                {
                  if (card != NULL)
                    finish_card (cards, card);
                  card = NULL;
                }
              else if (card != NULL)
                read_property (card, logical->str);
            }
          g_string_truncate (logical, 0);
          if (!eof)
            g_string_append_len (logical, p, (gssize) n);
          logical_line = line;
        }

      qp_soft_break = logical->len > 0 && logical->str[logical->len - 1] == '=' &&
                      strstr (logical->str, "QUOTED-PRINTABLE") != NULL &&
                      memchr (logical->str, ':', logical->len) != NULL;
      if (eof)
        break;
      p = nl != NULL ? nl + 1 : end;
    }

  if (card != NULL)
    finish_card (cards, card);

  return cards;
}

static char *
escape (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; s != NULL && *s; s++)
    {
      switch (*s)
        {
        case '\\':
        case ',':
        case ';':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *s);
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *s);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Appends a content line folded at FOLD_AT bytes, never inside a UTF-8
 * character. */
static void
append_line (GString    *out,
             const char *line)
{
  gsize used = 0;

  for (const char *p = line; *p; p = g_utf8_next_char (p))
    {
      gsize n = (gsize) (g_utf8_next_char (p) - p);

      if (used + n > FOLD_AT)
        {
          g_string_append (out, "\r\n ");
          used = 1;
        }
      g_string_append_len (out, p, (gssize) n);
      used += n;
    }
  g_string_append (out, "\r\n");
}

char *
dl_vcard_write (const DlVCard *card)
{
  GString *out = g_string_new ("BEGIN:VCARD\r\nVERSION:3.0\r\n");
  g_autofree char *first = escape (card->first_name);
  g_autofree char *last = escape (card->last_name);
  g_autofree char *line = NULL;
  g_autofree char *full = NULL;

  g_return_val_if_fail (card != NULL, NULL);

  line = g_strdup_printf ("N:%s;%s;;;", last, first);
  append_line (out, line);
  g_clear_pointer (&line, g_free);

  full = card->full_name != NULL && *card->full_name != '\0'
         ? escape (card->full_name)
         : g_strstrip (g_strdup_printf ("%s %s", first, last));
  line = g_strdup_printf ("FN:%s", full);
  append_line (out, line);
  g_clear_pointer (&line, g_free);

  for (guint i = 0; i < card->emails->len; i++)
    {
      g_autofree char *e = escape (card->emails->pdata[i]);

      line = g_strdup_printf ("EMAIL;TYPE=INTERNET:%s", e);
      append_line (out, line);
      g_clear_pointer (&line, g_free);
    }
  for (guint i = 0; i < card->phones->len; i++)
    {
      g_autofree char *t = escape (card->phones->pdata[i]);

      line = g_strdup_printf ("TEL;TYPE=CELL:%s", t);
      append_line (out, line);
      g_clear_pointer (&line, g_free);
    }
  if (card->city != NULL && *card->city != '\0')
    {
      g_autofree char *c = escape (card->city);

      line = g_strdup_printf ("ADR;TYPE=HOME:;;;%s;;;", c);
      append_line (out, line);
      g_clear_pointer (&line, g_free);
    }
  if (card->organization != NULL && *card->organization != '\0')
    {
      g_autofree char *o = escape (card->organization);

      line = g_strdup_printf ("ORG:%s", o);
      append_line (out, line);
      g_clear_pointer (&line, g_free);
    }
  if (card->note != NULL && *card->note != '\0')
    {
      g_autofree char *n = escape (card->note);

      line = g_strdup_printf ("NOTE:%s", n);
      append_line (out, line);
      g_clear_pointer (&line, g_free);
    }

  g_string_append (out, "END:VCARD\r\n");
  return g_string_free (out, FALSE);
}

char *
dl_vcard_phone_key (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; p != NULL && *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len > 9)
    g_string_erase (digits, 0, (gssize) (digits->len - 9));
  return g_string_free (digits, FALSE);
}

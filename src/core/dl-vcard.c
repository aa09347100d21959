/* dl-vcard.c — reading and writing vCards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-vcard"

#include "config.h"

#include <string.h>

#include "dl-charset.h"
#include "dl-name.h"
#include "dl-vcard.h"

#define FOLD_AT 75

DlVCard *
dl_vcard_new (void)
{
  DlVCard *card = g_new0 (DlVCard, 1);

  card->emails = g_ptr_array_new_with_free_func (g_free);
  card->phones = g_ptr_array_new_with_free_func (g_free);
  card->phone_kinds = g_array_new (FALSE, FALSE, sizeof (guint));
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
  g_array_unref (card->phone_kinds);
  g_free (card->nickname);
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
 * characters beyond ASCII than stray bytes: a UTF-8 value with a flaw,
 * not a value in another charset. */
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

/* One value's bytes (charset: its CHARSET=, or NULL) as UTF-8.  Decided
 * for each value on its own, never once for the file: a Latin-1 card
 * among UTF-8 ones garbles nothing else.  Not UTF-8 and not convertible
 * from the charset named, it is taken as Windows-1252, the charset old
 * phones and Outlook write without saying so; a UTF-8 value with a flaw
 * loses only the flaw.  NUL bytes are dropped. */
static char *
to_utf8 (const char *bytes,
         gsize       length,
         const char *charset)
{
  char *text;

  if (memchr (bytes, '\0', length) != NULL)
    {
      g_autoptr(GString) clean = g_string_sized_new (length);

      for (gsize i = 0; i < length; i++)
        if (bytes[i] != '\0')
          g_string_append_c (clean, bytes[i]);
      return to_utf8 (clean->str, clean->len, charset);
    }

  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0 &&
      g_ascii_strcasecmp (charset, "UTF8") != 0 &&
      (text = g_convert (bytes, (gssize) length, "UTF-8", charset, NULL, NULL, NULL)) != NULL)
    return text;
  if (g_utf8_validate (bytes, (gssize) length, NULL))
    return g_strndup (bytes, length);
  if (mostly_utf8 (bytes, length))
    return g_utf8_make_valid (bytes, (gssize) length);
  return dl_charset_from_windows_1252 (bytes, length, NULL);
}

static GString *
decode_quoted_printable (const char *s,
                         gsize       len)
{
  GString *out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '=' && i + 2 < len && g_ascii_isxdigit (s[i + 1]) && g_ascii_isxdigit (s[i + 2]))
        {
          g_string_append_c (out, (char) (g_ascii_xdigit_value (s[i + 1]) * 16 +
                                          g_ascii_xdigit_value (s[i + 2])));
          i += 2;
        }
      else if (s[i] == '=' && i + 1 == len)
        break;   /* a soft break left at the very end */
      else
        g_string_append_c (out, s[i]);
    }

  return out;
}

/* What a property's parameters say, case-insensitively (RFC 6350 §3.3;
 * vCard 2.1 writes bare values: "TEL;CELL;PREF", "N;QUOTED-PRINTABLE"). */
typedef struct
{
  gboolean qp;
  gboolean base64;
  char    *charset;
  guint    pref;        /* 1 most preferred; G_MAXUINT when not said */
  gboolean mobile;
  gboolean office;      /* work, fax, pager: a number others share */
} Params;

static void
params_clear (Params *params)
{
  g_clear_pointer (&params->charset, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

static void
read_type_word (Params     *params,
                const char *word,
                gsize       len)
{
  if ((len == 4 && g_ascii_strncasecmp (word, "pref", 4) == 0))
    params->pref = MIN (params->pref, 1);
  else if ((len == 4 && g_ascii_strncasecmp (word, "cell", 4) == 0) ||
           (len == 6 && g_ascii_strncasecmp (word, "mobile", 6) == 0) ||
           (len == 6 && g_ascii_strncasecmp (word, "iphone", 6) == 0))
    params->mobile = TRUE;
  else if ((len == 4 && g_ascii_strncasecmp (word, "work", 4) == 0) ||
           (len == 3 && g_ascii_strncasecmp (word, "fax", 3) == 0) ||
           (len == 5 && g_ascii_strncasecmp (word, "pager", 5) == 0))
    params->office = TRUE;
  else if (len == 16 && g_ascii_strncasecmp (word, "QUOTED-PRINTABLE", 16) == 0)
    params->qp = TRUE;
  else if (len == 6 && g_ascii_strncasecmp (word, "BASE64", 6) == 0)
    params->base64 = TRUE;
}

/* The words of one parameter's value, quoted or not, split at commas. */
static void
read_type_words (Params     *params,
                 const char *value,
                 gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i <= len; i++)
    if (i == len || value[i] == ',' || value[i] == '"')
      {
        if (i > start)
          read_type_word (params, value + start, i - start);
        start = i + 1;
      }
}

static void
read_params (Params     *params,
             const char *s,
             gsize       len)
{
  gsize i = 0;

  params->pref = G_MAXUINT;
  while (i < len)
    {
      gsize start = i, eq = 0;
      gboolean quoted = FALSE;
      const char *value;
      gsize value_len;

      for (; i < len && (quoted || s[i] != ';'); i++)
        {
          if (s[i] == '"')
            quoted = !quoted;
          else if (s[i] == '=' && eq == 0 && !quoted)
            eq = i;
        }
      if (eq == 0)
        {
          read_type_word (params, s + start, i - start);
          i++;
          continue;
        }

      value = s + eq + 1;
      value_len = i - eq - 1;
      if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"')
        {
          value++;
          value_len -= 2;
        }

#define IS(name) (eq - start == strlen (name) && g_ascii_strncasecmp (s + start, name, eq - start) == 0)
      if (IS ("ENCODING"))
        {
          params->qp |= value_len == 16 && g_ascii_strncasecmp (value, "QUOTED-PRINTABLE", 16) == 0;
          params->base64 |= (value_len == 1 && g_ascii_toupper (value[0]) == 'B') ||
                            (value_len == 6 && g_ascii_strncasecmp (value, "BASE64", 6) == 0);
        }
      else if (IS ("CHARSET") && value_len > 0 && params->charset == NULL)
        params->charset = g_strndup (value, value_len);
      else if (IS ("TYPE"))
        read_type_words (params, value, value_len);
      else if (IS ("PREF"))
        {
          guint64 n = g_ascii_strtoull (value, NULL, 10);

          params->pref = MIN (params->pref, (guint) CLAMP (n, 1, 100));
        }
#undef IS
      i++;
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

/* A card as it is read: the phones and e-mails with how much the card
 * prefers each, so the best one comes first whatever the order. */
typedef struct
{
  DlVCard *card;
  GArray  *phone_ranks;   /* guint */
  GArray  *email_ranks;   /* guint */
} Reading;

/* PREF first (PREF=1 before PREF=2), then mobiles, then other numbers,
 * then office ones. */
static guint
rank_of (const Params *params,
         gboolean      phone)
{
  guint kind = !phone ? 0 : params->mobile ? 0 : params->office ? 2 : 1;

  return MIN (params->pref, 101) * 4 + kind;
}

/* Inserts value after every item of rank ≤ rank: stable, and a card has
 * only a few. */
static void
insert_ranked (GPtrArray *values,
               GArray    *ranks,
               char      *value,
               guint      rank,
               GArray    *kinds,
               guint      kind)
{
  guint at = ranks->len;

  while (at > 0 && g_array_index (ranks, guint, at - 1) > rank)
    at--;
  g_ptr_array_insert (values, (int) at, value);
  g_array_insert_val (ranks, at, rank);
  if (kinds != NULL)
    g_array_insert_val (kinds, at, kind);
}

/* One unfolded line, raw bytes: [group.]NAME[;params]:value */
static void
read_property (Reading    *reading,
               const char *line,
               gsize       length)
{
  DlVCard *card = reading->card;
  g_auto(Params) params = { 0 };
  g_autofree char *value = NULL;
  const char *colon = NULL;
  const char *semi;
  const char *name;
  gsize name_len;
  gboolean quoted = FALSE;

  for (const char *p = line; p < line + length; p++)
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
  name = line;
  name_len = (gsize) ((semi != NULL ? semi : colon) - line);
  for (const char *dot = memchr (name, '.', name_len); dot != NULL; dot = memchr (name, '.', name_len))
    {
      name_len -= (gsize) (dot + 1 - name);
      name = dot + 1;
    }

#define NAME_IS(n) (name_len == strlen (n) && g_ascii_strncasecmp (name, n, name_len) == 0)
  /* the rest (photos, sounds, keys) is never decoded */
  if (!NAME_IS ("FN") && !NAME_IS ("N") && !NAME_IS ("EMAIL") && !NAME_IS ("TEL") &&
      !NAME_IS ("ADR") && !NAME_IS ("ORG") && !NAME_IS ("NOTE") && !NAME_IS ("NICKNAME"))
    return;

  if (semi != NULL)
    read_params (&params, semi + 1, (gsize) (colon - semi - 1));
  else
    params.pref = G_MAXUINT;

  {
    const char *raw = colon + 1;
    gsize raw_len = length - (gsize) (raw - line);
    g_autoptr(GString) bytes = NULL;

    if (params.qp)
      bytes = decode_quoted_printable (raw, raw_len);
    else if (params.base64)
      {
        g_autofree char *b64 = g_strndup (raw, raw_len);
        gsize n = 0;
        g_autofree guchar *decoded = g_base64_decode (b64, &n);

        bytes = g_string_new_len ((const char *) decoded, (gssize) n);
      }
    else
      bytes = g_string_new_len (raw, (gssize) raw_len);
    value = to_utf8 (bytes->str, bytes->len, params.charset);
  }

  if (NAME_IS ("FN"))
    set_text (&card->full_name, value);
  else if (NAME_IS ("NICKNAME"))
    {
      g_autofree char *first = component (value, 0);
      char *comma = strchr (first, ',');

      if (comma != NULL)
        *comma = '\0';
      set_text (&card->nickname, first);
    }
  else if (NAME_IS ("N"))
    {
      if (card->last_name == NULL && card->first_name == NULL)
        {
          card->last_name = component (value, 0);
          card->first_name = component (value, 1);
        }
    }
  else if (NAME_IS ("EMAIL"))
    {
      char *email = unescape (value, strlen (value));

      while (g_ascii_strncasecmp (email, "mailto:", 7) == 0)
        g_strstrip (memmove (email, email + 7, strlen (email + 7) + 1));
      if (*email != '\0')
        insert_ranked (card->emails, reading->email_ranks, email, rank_of (&params, FALSE), NULL, 0);
      else
        g_free (email);
    }
  else if (NAME_IS ("TEL"))
    {
      char *tel = unescape (value, strlen (value));

      while (g_ascii_strncasecmp (tel, "tel:", 4) == 0)
        g_strstrip (memmove (tel, tel + 4, strlen (tel + 4) + 1));
      if (*tel != '\0')
        insert_ranked (card->phones, reading->phone_ranks, tel, rank_of (&params, TRUE),
                       card->phone_kinds,
                       params.mobile ? DL_VCARD_PHONE_MOBILE
                                     : params.office ? DL_VCARD_PHONE_OFFICE : DL_VCARD_PHONE_OTHER);
      else
        g_free (tel);
    }
  else if (NAME_IS ("ADR"))
    {
      g_autofree char *city = component (value, 3);

      if (*city != '\0' && (card->city == NULL || *card->city == '\0'))
        {
          g_free (card->city);
          card->city = g_steal_pointer (&city);
        }
    }
  else if (NAME_IS ("ORG"))
    {
      if (card->organization == NULL)
        card->organization = component (value, 0);
    }
  else if (NAME_IS ("NOTE"))
    set_text (&card->note, value);
#undef NAME_IS
}

static void
finish_card (GPtrArray *cards,
             Reading   *reading)
{
  DlVCard *card = g_steal_pointer (&reading->card);

  g_clear_pointer (&reading->phone_ranks, g_array_unref);
  g_clear_pointer (&reading->email_ranks, g_array_unref);

  /* A card with FN only: split by the one rule (dl-name.h). */
  if ((card->first_name == NULL || *card->first_name == '\0') &&
      (card->last_name == NULL || *card->last_name == '\0') &&
      card->full_name != NULL && *card->full_name != '\0')
    {
      g_free (card->first_name);
      g_free (card->last_name);
      dl_name_split (card->full_name, &card->first_name, &card->last_name);
    }

  if (card->first_name == NULL)
    card->first_name = g_strdup ("");
  if (card->last_name == NULL)
    card->last_name = g_strdup ("");

  /* No name at all: a nickname, else the (preferred) e-mail names it,
   * so a card a phone saved with only those still comes in. */
  if (*card->first_name == '\0' && *card->last_name == '\0')
    {
      if (card->nickname != NULL && *card->nickname != '\0')
        {
          g_free (card->first_name);
          card->first_name = g_strdup (card->nickname);
        }
      else if (card->emails->len > 0)
        {
          g_free (card->first_name);
          card->first_name = g_strdup (card->emails->pdata[0]);
        }
    }

  if (card->full_name == NULL)
    card->full_name = g_strstrip (g_strdup_printf ("%s %s", card->first_name, card->last_name));

  g_ptr_array_add (cards, card);
}

static void
start_card (GPtrArray *cards,
            Reading   *reading,
            guint      line)
{
  if (reading->card != NULL)
    finish_card (cards, reading);
  reading->card = dl_vcard_new ();
  reading->card->line = line;
  reading->phone_ranks = g_array_new (FALSE, FALSE, sizeof (guint));
  reading->email_ranks = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Whether the logical line is quoted-printable, from its parameters
 * only (never from its value), once the colon that ends them is in. */
typedef enum
{
  QP_UNKNOWN,
  QP_YES,
  QP_NO,
} QpState;

static QpState
line_is_qp (const GString *logical,
            gsize         *scanned,
            gboolean      *in_quote)
{
  for (gsize i = *scanned; i < logical->len; i++)
    {
      if (logical->str[i] == '"')
        *in_quote = !*in_quote;
      else if (logical->str[i] == ':' && !*in_quote)
        {
          const char *semi = memchr (logical->str, ';', i);
          g_auto(Params) params = { 0 };

          if (semi == NULL)
            return QP_NO;
          read_params (&params, semi + 1, i - (gsize) (semi - logical->str) - 1);
          return params.qp ? QP_YES : QP_NO;
        }
    }
  *scanned = logical->len;
  return QP_UNKNOWN;
}

static void
end_logical_line (GPtrArray *cards,
                  Reading   *reading,
                  GString   *logical,
                  guint      line)
{
  if (logical->len >= 11 && g_ascii_strncasecmp (logical->str, "BEGIN:VCARD", 11) == 0)
    start_card (cards, reading, line);
  else if (logical->len >= 9 && g_ascii_strncasecmp (logical->str, "END:VCARD", 9) == 0)
    {
      if (reading->card != NULL)
        finish_card (cards, reading);
    }
  else if (reading->card != NULL && logical->len > 0)
    read_property (reading, logical->str, logical->len);
}

/* One pass over the bytes, each looked at a bounded number of times:
 * lines end in CRLF, LF or a lone CR (old Macs); a line starting with a
 * space or tab continues the one before (RFC 6350 §3.2), and a
 * quoted-printable line ending in "=" continues on the next.  Folds are
 * joined as bytes and only then decoded, so a fold inside a UTF-8
 * character does no harm. */
GPtrArray *
dl_vcard_parse (const char *data,
                gsize       length)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_vcard_free);
  g_autofree char *converted = NULL;
  g_autoptr(GString) logical = g_string_new (NULL);
  Reading reading = { 0 };
  const char *p;
  const char *end;
  guint line = 0;
  guint logical_line = 0;
  QpState qp = QP_UNKNOWN;
  gsize scanned = 0;
  gboolean in_quote = FALSE;

  if (data == NULL)
    return cards;

  /* UTF-16 says so with its BOM and is read whole; everything else is
   * decoded value by value (see to_utf8). */
  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    {
      converted = g_convert (data + 2, (gssize) (length - 2), "UTF-8", "UTF-16LE", NULL, &length, NULL);
      if (converted == NULL)
        return cards;
      data = converted;
    }
  else if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    {
      converted = g_convert (data + 2, (gssize) (length - 2), "UTF-8", "UTF-16BE", NULL, &length, NULL);
      if (converted == NULL)
        return cards;
      data = converted;
    }
  else if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  p = data;
  end = data + length;
  while (p < end)
    {
      const char *eol = p;
      gsize n;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      n = (gsize) (eol - p);
      line++;

      if (qp == QP_UNKNOWN && logical->len > 0)
        qp = line_is_qp (logical, &scanned, &in_quote);

      if (logical->len > 0 && qp == QP_YES && logical->str[logical->len - 1] == '=')
        {
          /* quoted-printable: "=" at the end joins the next line */
          g_string_truncate (logical, logical->len - 1);
          g_string_append_len (logical, p, (gssize) n);
        }
      else if (n > 0 && (p[0] == ' ' || p[0] == '\t') && logical->len > 0)
        g_string_append_len (logical, p + 1, (gssize) n - 1);   /* folded */
      else
        {
          end_logical_line (cards, &reading, logical, logical_line);
          g_string_truncate (logical, 0);
          g_string_append_len (logical, p, (gssize) n);
          logical_line = line;
          qp = QP_UNKNOWN;
          scanned = 0;
          in_quote = FALSE;
        }

      p = eol;
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n' && (p == eol || p[-1] == '\r'))
        p++;
    }
  end_logical_line (cards, &reading, logical, logical_line);

  if (reading.card != NULL)
    finish_card (cards, &reading);

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

DlVCardPhoneKind
dl_vcard_get_phone_kind (const DlVCard *card,
                         guint          i)
{
  g_return_val_if_fail (card != NULL, DL_VCARD_PHONE_OTHER);

  if (i >= card->phone_kinds->len)
    return DL_VCARD_PHONE_OTHER;
  return (DlVCardPhoneKind) g_array_index (card->phone_kinds, guint, i);
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

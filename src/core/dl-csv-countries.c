/* dl-csv-countries.c — member numbers, the countries they are in, and whom a number names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rule for numbers in several countries is told in dl-csv-import.h.
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-csv-import-private.h"

/* The one place the zero-padding rule is written: the validator uses it
 * for duplicates and sponsors within a file, the store for the members
 * it already has. */
const char *
dl_member_number_key (const char *number)
{
  const char *p = number;

  g_return_val_if_fail (number != NULL, NULL);

  /* one pass: the leading zeros, then digits to the end (it is asked
   * several times a row of a million-row file) */
  if (*p == '\0')
    return number;
  while (p[0] == '0' && p[1] != '\0')
    p++;
  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return number;
  return p;
}

/* The form a number in a country has ("900057-US"): a hyphen, then a
 * code of capitals and digits with a letter at least (numbers of their
 * own, "A-12" or "1234-5678", have none), after the number as
 * dl_member_number_key () writes it. */
const char *
dl_member_number_country (const char *number)
{
  const char *dash;
  gboolean letter = FALSE;

  g_return_val_if_fail (number != NULL, NULL);

  dash = strrchr (number, '-');
  if (dash == NULL || dash == number || dash[1] == '\0')
    return NULL;
  for (const char *p = dash + 1; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) || g_unichar_toupper (c) != c)
        return NULL;
      letter |= g_unichar_isalpha (c);
    }
  /* no zeros the key would leave off: "0057-US" is no number of the rule */
  if (!letter || (number[0] == '0' && dash - number > 1 && strspn (number, "0123456789") == (gsize) (dash - number)))
    return NULL;
  return dash + 1;
}

/* How back offices write the countries of the common markets, in
 * English and Spanish and as ISO 3166 three-letter codes, by their
 * letters in capitals without accents or dots ("U.S.A." is "USA",
 * "México" is "MEXICO"), and the two-letter code each is: one country
 * must give one code, or a number in "USA" one month and "United States"
 * the next is two members.  A two-letter code is its own. */
static const struct
{
  const char *spelling;
  const char *code;
} country_aliases[] = {
  { "USA", "US" }, { "UNITEDSTATES", "US" }, { "UNITEDSTATESOFAMERICA", "US" },
  { "ESTADOSUNIDOS", "US" }, { "ESTADOSUNIDOSDEAMERICA", "US" }, { "EEUU", "US" }, { "EUA", "US" },
  { "CAN", "CA" }, { "CANADA", "CA" },
  { "MEX", "MX" }, { "MEXICO", "MX" }, { "MEJICO", "MX" },
  { "GBR", "GB" }, { "UK", "GB" }, { "UNITEDKINGDOM", "GB" }, { "GREATBRITAIN", "GB" },
  { "ENGLAND", "GB" }, { "REINOUNIDO", "GB" }, { "GRANBRETANA", "GB" }, { "INGLATERRA", "GB" },
  { "AUS", "AU" }, { "AUSTRALIA", "AU" },
  { "NZL", "NZ" }, { "NEWZEALAND", "NZ" }, { "NUEVAZELANDA", "NZ" },
  { "ESP", "ES" }, { "SPAIN", "ES" }, { "ESPANA", "ES" },
  { "COL", "CO" }, { "COLOMBIA", "CO" },
  { "PER", "PE" }, { "PERU", "PE" },
  { "CHL", "CL" }, { "CHILE", "CL" },
  { "ARG", "AR" }, { "ARGENTINA", "AR" },
  { "BRA", "BR" }, { "BRAZIL", "BR" }, { "BRASIL", "BR" },
  { "ECU", "EC" }, { "ECUADOR", "EC" },
  { "BOL", "BO" }, { "BOLIVIA", "BO" },
  { "URY", "UY" }, { "URUGUAY", "UY" },
  { "PRY", "PY" }, { "PARAGUAY", "PY" },
  { "VEN", "VE" }, { "VENEZUELA", "VE" },
  { "GTM", "GT" }, { "GUATEMALA", "GT" },
  { "SLV", "SV" }, { "ELSALVADOR", "SV" },
  { "HND", "HN" }, { "HONDURAS", "HN" },
  { "NIC", "NI" }, { "NICARAGUA", "NI" },
  { "CRI", "CR" }, { "COSTARICA", "CR" },
  { "PAN", "PA" }, { "PANAMA", "PA" },
  { "DOM", "DO" }, { "DOMINICANREPUBLIC", "DO" }, { "REPUBLICADOMINICANA", "DO" },
  { "PRI", "PR" }, { "PUERTORICO", "PR" },
  { "PHL", "PH" }, { "PHILIPPINES", "PH" }, { "FILIPINAS", "PH" },
  { "MYS", "MY" }, { "MALAYSIA", "MY" }, { "MALASIA", "MY" },
  { "SGP", "SG" }, { "SINGAPORE", "SG" }, { "SINGAPUR", "SG" },
  { "THA", "TH" }, { "THAILAND", "TH" }, { "TAILANDIA", "TH" },
  { "IDN", "ID" }, { "INDONESIA", "ID" },
  { "JPN", "JP" }, { "JAPAN", "JP" }, { "JAPON", "JP" },
  { "KOR", "KR" }, { "KOREA", "KR" }, { "SOUTHKOREA", "KR" }, { "REPUBLICOFKOREA", "KR" },
  { "COREA", "KR" }, { "COREADELSUR", "KR" },
  { "TWN", "TW" }, { "TAIWAN", "TW" },
  { "HKG", "HK" }, { "HONGKONG", "HK" },
  { "CHN", "CN" }, { "CHINA", "CN" },
  { "IND", "IN" }, { "INDIA", "IN" },
  { "DEU", "DE" }, { "GERMANY", "DE" }, { "ALEMANIA", "DE" }, { "DEUTSCHLAND", "DE" },
  { "FRA", "FR" }, { "FRANCE", "FR" }, { "FRANCIA", "FR" },
  { "ITA", "IT" }, { "ITALY", "IT" }, { "ITALIA", "IT" },
  { "NLD", "NL" }, { "NETHERLANDS", "NL" }, { "HOLLAND", "NL" }, { "PAISESBAJOS", "NL" }, { "HOLANDA", "NL" },
  { "BEL", "BE" }, { "BELGIUM", "BE" }, { "BELGICA", "BE" },
  { "CHE", "CH" }, { "SWITZERLAND", "CH" }, { "SUIZA", "CH" },
  { "AUT", "AT" }, { "AUSTRIA", "AT" },
  { "IRL", "IE" }, { "IRELAND", "IE" }, { "IRLANDA", "IE" },
  { "PRT", "PT" }, { "PORTUGAL", "PT" },
  { "SWE", "SE" }, { "SWEDEN", "SE" }, { "SUECIA", "SE" },
  { "NOR", "NO" }, { "NORWAY", "NO" }, { "NORUEGA", "NO" },
  { "DNK", "DK" }, { "DENMARK", "DK" }, { "DINAMARCA", "DK" },
  { "FIN", "FI" }, { "FINLAND", "FI" }, { "FINLANDIA", "FI" },
  { "POL", "PL" }, { "POLAND", "PL" }, { "POLONIA", "PL" },
  { "ZAF", "ZA" }, { "SOUTHAFRICA", "ZA" }, { "SUDAFRICA", "ZA" },
};

/* spelling → code, made once: validation may run in a worker thread */
static GHashTable *
country_alias_table (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *aliases = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize i = 0; i < G_N_ELEMENTS (country_aliases); i++)
        g_hash_table_insert (aliases, (gpointer) country_aliases[i].spelling, (gpointer) country_aliases[i].code);
      g_once_init_leave (&table, aliases);
    }
  return table;
}

/* "us", "U.S." → "US": a country as the file spells it, the cell's
 * letters and digits in capitals, appended to out. */
static void
append_country_spelling (GString    *out,
                         const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, g_unichar_toupper (c));
    }
}

/* "us", "U.S.A.", "United States", "Estados Unidos" → "US": the ISO
 * code of a country country_aliases spells, else the spelling
 * ("Narnia" → "NARNIA"), appended to out. */
void
dl_csv_append_country_code (GString    *out,
                            const char *text)
{
  gsize start = out->len;
  char spelling[32];
  gsize length = 0;
  const char *code;

  append_country_spelling (out, text);
  /* the spelling without its accents: "MÉXICO" is "MEXICO" */
  for (const char *p = out->str + start; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar base[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

      if (c >= 0x80 && g_unichar_fully_decompose (c, FALSE, base, G_N_ELEMENTS (base)) > 0)
        c = base[0];
      if (c >= 0x80 || length == sizeof spelling - 1)
        return;
      spelling[length++] = (char) c;
    }
  spelling[length] = '\0';

  code = g_hash_table_lookup (country_alias_table (), spelling);
  if (code != NULL)
    {
      g_string_truncate (out, start);
      g_string_append (out, code);
    }
}

/* "0900057" in "US" → "900057-US": the form the rule gives a number in
 * a country, with the zeros any month may leave off already left off. */
char *
dl_csv_qualified_number (const char *number,
                         const char *country)
{
  return g_strconcat (dl_member_number_key (number), "-", country, NULL);
}

/* Row j's country code, or "" */
static inline const char *
row_country (const Countries *c,
             guint            j)
{
  return g_array_index (c->cells, DlCountryCell, c->cell[j]).code;
}

/* Row j's country as the file spells it: the same string as its code
 * when that is how the file writes it */
static inline const char *
row_spelled (const Countries *c,
             guint            j)
{
  return g_array_index (c->cells, DlCountryCell, c->cell[j]).spelled;
}

void
dl_csv_countries_clear (Countries *c)
{
  g_clear_pointer (&c->cells, g_array_unref);
  g_clear_pointer (&c->cell, g_free);
  g_clear_pointer (&c->number, g_free);
  dl_row_index_clear (&c->first);
  g_clear_pointer (&c->next, g_free);
}

/* "US, CA": the countries of the rows of one number, from first on */
static char *
countries_of_number (const Countries *c,
                     guint            first)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  GString *list = g_string_new (NULL);

  for (guint j = first; j != NO_ROW; j = c->next[j])
    if (*row_country (c, j) != '\0' && !g_ptr_array_find (seen, row_country (c, j), NULL))
      {
        g_ptr_array_add (seen, (gpointer) row_country (c, j));
        g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", row_country (c, j));
      }
  return g_string_free (list, FALSE);
}

static gboolean
downline_knows (const Downline *d,
                const char     *number)
{
  return d->known != NULL && d->known (number, d->known_data);
}

/* The numbers Downline has for number with a country ("900057-US"),
 * or NULL. */
static char **
downline_forms (const Downline *d,
                const char     *number)
{
  char **forms = d->qualified != NULL ? d->qualified (number, d->qualified_data) : NULL;

  if (forms != NULL && forms[0] == NULL)
    g_clear_pointer (&forms, g_strfreev);
  return forms;
}

/* The code of the country of a number Downline has ("900057-USA" is
 * "US"), newly allocated: a country kept in an older spelling reads as
 * the file's. */
static char *
form_country (const char *form)
{
  const char *country = dl_member_number_country (form);
  GString *code = g_string_new (NULL);

  dl_csv_append_country_code (code, country != NULL ? country : "");
  return g_string_free (code, FALSE);
}

/* Whether a row of the number, from first on, is form's member: the
 * row of its country, or of that very number. */
static gboolean
form_in_file (const Countries   *c,
              const DlImportRow *rows,
              guint              first,
              const char        *form)
{
  g_autofree char *country = form_country (form);

  for (guint j = first; j != NO_ROW; j = c->next[j])
    if (g_str_equal (row_country (c, j), country) || g_str_equal (rows[j].member_number, form))
      return TRUE;
  return FALSE;
}

/* The number Downline has for number in row j's country, newly
 * allocated: "N-CC", else "N-" and the country as the file spells it
 * ("900057-USA"), as numbers were kept before the spellings of a country
 * were read as one code.  NULL when Downline has neither. */
static char *
known_in_country (const Countries *c,
                  guint            j,
                  const char      *number,
                  const Downline  *d)
{
  g_autofree char *qualified = NULL;

  if (*row_country (c, j) == '\0' || d->known == NULL)
    return NULL;
  qualified = dl_csv_qualified_number (number, row_country (c, j));
  if (downline_knows (d, qualified))
    return g_steal_pointer (&qualified);
  if (row_spelled (c, j) == row_country (c, j))
    return NULL;
  g_free (qualified);
  qualified = dl_csv_qualified_number (number, row_spelled (c, j));
  return downline_knows (d, qualified) ? g_steal_pointer (&qualified) : NULL;
}

/* Row j's number stays as the file writes it, with no country to read
 * it by (the row names none, or the file has no country column).  When
 * Downline has no member of the bare number but has it with countries,
 * that number is one of them, as last month's file had them: the one
 * whose country no other row of the number gives (those from first on;
 * NO_ROW when there are none), and row j takes it.  Returns why the row
 * cannot be read when that is not one member, else NULL. */
char *
dl_csv_qualify_bare (Validator       *v,
                     const Countries *c,
                     const Downline  *d,
                     DlImportRow     *rows,
                     guint            j,
                     guint            first)
{
  const char *number = rows[j].member_number;
  g_auto(GStrv) forms = NULL;
  g_autoptr(GString) all = NULL;
  g_autoptr(GString) left = NULL;
  const char *only = NULL;
  guint n_left = 0;

  /* the forms first: a lookup that finds nothing for most numbers */
  if (d->qualified == NULL || (forms = downline_forms (d, number)) == NULL || downline_knows (d, number))
    return NULL;

  all = g_string_new (NULL);
  left = g_string_new (NULL);
  for (guint k = 0; forms[k] != NULL; k++)
    {
      const char *country = dl_member_number_country (forms[k]);

      g_string_append_printf (all, "%s%s", all->len > 0 ? ", " : "", country);
      if (first != NO_ROW && form_in_file (c, rows, first, forms[k]))
        continue;
      g_string_append_printf (left, "%s%s", left->len > 0 ? ", " : "", country);
      only = forms[k];
      n_left++;
    }

  if (n_left == 1)
    {
      rows[j].member_number = g_string_chunk_insert (v->strings, only);
      return NULL;
    }
  if (n_left > 1)
    /* Translators: a member number and the countries Downline has it in */
    return g_strdup_printf (_("the member number %s is in Downline for more than one country (%s), "
                              "and this row names no country: the file does not say whose it is"),
                            number, left->str);
  /* Translators: a member number and the countries Downline has it in */
  return g_strdup_printf (_("the member number %s is in Downline for %s, which other rows of the file "
                            "have, and this row names no country: the file does not say whose it is"),
                          number, all->str);
}

/* Reads the country of every row and qualifies the numbers the rule
 * says: every row of a number the file gives in two countries or more
 * (rejecting, in reasons, those that name no country), a row whose
 * "N-CC" Downline already has, and one of a number Downline has in
 * other countries only; a row that names no country is read by
 * dl_csv_qualify_bare ().  Chains the rows of each number, for the
 * references. */
void
dl_csv_countries_init (Countries       *c,
                       Validator       *v,
                       const Downline  *d,
                       DlImportRow     *rows,
                       char           **reasons,
                       guint            n)
{
  g_autoptr(GString) code = g_string_new (NULL);
  /* cell's text → 1 + its index in c->cells: a file repeats a handful
   * of countries */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint head;

  c->cells = g_array_new (FALSE, FALSE, sizeof (DlCountryCell));
  c->cell = g_new (guint32, MAX (n, 1));
  c->number = g_new0 (const char *, MAX (n, 1));
  c->next = g_new (guint, MAX (n, 1));
  dl_row_index_init (&c->first, c->number, sizeof *c->number, n);

  for (guint i = 0; i < n; i++)
    {
      const char *text = dl_csv_cell (v, i + 1, DL_CSV_FIELD_COUNTRY);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (seen, text));

      if (index == 0)
        {
          DlCountryCell cell;

          g_string_truncate (code, 0);
          dl_csv_append_country_code (code, text);
          cell.code = code->len == 0 ? "" : g_string_chunk_insert_const (v->strings, code->str);
          g_string_truncate (code, 0);
          append_country_spelling (code, text);
          cell.spelled = g_str_equal (code->str, cell.code)
                         ? cell.code : g_string_chunk_insert_const (v->strings, code->str);
          g_array_append_val (c->cells, cell);
          index = c->cells->len;
          g_hash_table_insert (seen, (gpointer) text, GUINT_TO_POINTER (index));
        }
      c->cell[i] = index - 1;
      c->number[i] = rows[i].member_number;
    }
  /* backwards, so each chain runs in file order */
  for (guint i = n; i-- > 0;)
    {
      const char *key = dl_member_number_key (rows[i].member_number);

      c->next[i] = NO_ROW;
      if (*key == '\0')
        continue;
      if (dl_row_index_lookup (&c->first, key, &head))
        c->next[i] = head;
      dl_row_index_set (&c->first, i);
    }

  /* each number of the file once */
  for (guint32 k = 0; k <= c->first.slots.mask; k++)
    {
      guint first = dl_slots_get (&c->first.slots, k);
      const char *one = NULL;
      gboolean several = FALSE;

      if (first == NO_ROW)
        continue;

      for (guint j = first; j != NO_ROW && !several; j = c->next[j])
        if (*row_country (c, j) != '\0')
          {
            several = one != NULL && one != row_country (c, j);
            one = one != NULL ? one : row_country (c, j);
          }

      for (guint j = first; j != NO_ROW; j = c->next[j])
        {
          g_autofree char *qualified = NULL;

          if (*row_country (c, j) == '\0')
            {
              if (reasons[j] != NULL)
                continue;
              if (several)
                {
                  g_autofree char *list = countries_of_number (c, first);

                  reasons[j] = g_strdup_printf (_("the member number %s is in the file for more than one "
                                                  "country (%s), and this row names no country: the file "
                                                  "does not say whose it is"),
                                                c->number[j], list);
                }
              else
                reasons[j] = dl_csv_qualify_bare (v, c, d, rows, j, first);
              continue;
            }
          /* one country this month, two before: the member as Downline has them */
          qualified = known_in_country (c, j, c->number[j], d);
          if (qualified == NULL && !several)
            {
              g_auto(GStrv) elsewhere = NULL;

              /* a new member of a number Downline has in other countries
               * only is one of several too */
              if ((elsewhere = downline_forms (d, c->number[j])) == NULL || downline_knows (d, c->number[j]))
                continue;
            }
          if (qualified == NULL)
            qualified = dl_csv_qualified_number (c->number[j], row_country (c, j));
          rows[j].member_number = g_string_chunk_insert (v->strings, qualified);
          rows[j].plain_number = c->number[j];
        }
    }
}

static gboolean
lookup_row (const DlRowIndex *by_number,
            GHashTable       *rejected_numbers,
            const char       *number,
            guint            *row)
{
  const char *key = dl_member_number_key (number);
  gpointer p;

  if (dl_row_index_lookup (by_number, key, row))
    return TRUE;
  if (!g_hash_table_lookup_extended (rejected_numbers, key, NULL, &p))
    return FALSE;
  *row = GPOINTER_TO_UINT (p);
  return TRUE;
}

/* Whom row i's enroller or placement number (*number) names, by the
 * rule of dl-csv-import.h: *row for a row of the file, else *number
 * (perhaps qualified with a country) for Downline to know. */
Reference
dl_csv_resolve_reference (Validator         *v,
                          const Countries   *c,
                          const Downline    *d,
                          const DlRowIndex  *by_number,
                          GHashTable        *rejected_numbers,
                          const DlImportRow *rows,
                          guint              i,
                          const char       **number,
                          guint             *row)
{
  g_autofree char *qualified = NULL;
  g_auto(GStrv) forms = NULL;
  guint found = NO_ROW;
  guint head = NO_ROW;
  gboolean in_file = c->first.slots.slots != NULL && dl_row_index_lookup (&c->first, dl_member_number_key (*number), &head);

  /* the member of that number in the row's own country: in the file… */
  if (in_file && *row_country (c, i) != '\0')
    for (guint j = head; j != NO_ROW; j = c->next[j])
      if (row_country (c, j) == row_country (c, i) && lookup_row (by_number, rejected_numbers, rows[j].member_number, row))
        return REF_ROW;
  /* …then in Downline, where it may be a row of the file that names no
   * country */
  if (c->first.slots.slots != NULL)
    qualified = known_in_country (c, i, *number, d);
  if (qualified != NULL)
    {
      *number = g_string_chunk_insert (v->strings, qualified);
      return lookup_row (by_number, rejected_numbers, *number, row) ? REF_ROW : REF_OUTSIDE;
    }

  if (in_file)
    {
      /* else the only member of that number in the file… */
      for (guint j = head; j != NO_ROW; j = c->next[j])
        {
          guint k;

          if (!lookup_row (by_number, rejected_numbers, rows[j].member_number, &k))
            continue;
          if (found != NO_ROW && k != found)
            return REF_AMBIGUOUS;
          found = k;
        }
      /* …unless Downline has the number in a country the file does not
       * give: which of them it is would be a guess */
      forms = downline_forms (d, *number);
      for (guint k = 0; forms != NULL && forms[k] != NULL; k++)
        if (!form_in_file (c, rows, head, forms[k]))
          return REF_AMBIGUOUS;
      if (found == NO_ROW)
        return REF_OUTSIDE;
      *row = found;
      return REF_ROW;
    }

  /* a number the file has as it writes it ("900057-US", or any number
   * of a file without countries) */
  if (lookup_row (by_number, rejected_numbers, *number, row))
    return REF_ROW;
  /* a number Downline has only with its countries: the only one, in
   * the file (a row that names no country) or not */
  if ((forms = downline_forms (d, *number)) == NULL || downline_knows (d, *number))
    return REF_OUTSIDE;
  if (forms[1] != NULL)
    return REF_AMBIGUOUS;
  *number = g_string_chunk_insert (v->strings, forms[0]);
  return lookup_row (by_number, rejected_numbers, *number, row) ? REF_ROW : REF_OUTSIDE;
}

/* Why row i's enroller or placement number cannot be told apart. */
char *
dl_csv_ambiguous_problem (const Countries *c,
                          const Downline  *d,
                          guint            i,
                          const char      *number,
                          gboolean         placement)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) list = g_string_new (NULL);
  g_auto(GStrv) forms = downline_forms (d, number);
  const char *country = c->first.slots.slots != NULL ? row_country (c, i) : "";
  gboolean in_file = FALSE;
  gboolean in_downline = FALSE;
  guint head;

  if (c->first.slots.slots != NULL && dl_row_index_lookup (&c->first, dl_member_number_key (number), &head))
    for (guint j = head; j != NO_ROW; j = c->next[j])
      if (*row_country (c, j) != '\0' && !g_ptr_array_find_with_equal_func (codes, row_country (c, j), g_str_equal, NULL))
        {
          g_ptr_array_add (codes, g_strdup (row_country (c, j)));
          in_file = TRUE;
        }
  for (guint k = 0; forms != NULL && forms[k] != NULL; k++)
    {
      char *code = form_country (forms[k]);

      if (g_ptr_array_find_with_equal_func (codes, code, g_str_equal, NULL))
        g_free (code);
      else
        {
          g_ptr_array_add (codes, code);
          in_downline = TRUE;
        }
    }
  for (guint k = 0; k < codes->len; k++)
    g_string_append_printf (list, "%s%s", k > 0 ? ", " : "", (const char *) codes->pdata[k]);

  if (!in_downline && *country == '\0')
    return placement
           /* Translators: the placement parent's number and the countries it is in */
           ? g_strdup_printf (_("the placement parent %s is in the file for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str)
           /* Translators: the enroller's number and the countries it is in */
           : g_strdup_printf (_("the enroller %s is in the file for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str);
  if (!in_downline)
    return placement
           /* Translators: the placement parent's number, the countries it is in, the member's country */
           ? g_strdup_printf (_("the placement parent %s is in the file for more than one country (%s), "
                                "none of them this member’s (%s): the file does not say which one it is"),
                              number, list->str, country)
           /* Translators: the enroller's number, the countries it is in, the member's country */
           : g_strdup_printf (_("the enroller %s is in the file for more than one country (%s), "
                                "none of them this member’s (%s): the file does not say which one it is"),
                              number, list->str, country);
  if (in_file && *country == '\0')
    return placement
           /* Translators: the placement parent's number and the countries it is in */
           ? g_strdup_printf (_("the placement parent %s is in the file and in Downline for more than one "
                                "country (%s), and this row names no country: the file does not say which "
                                "one it is"),
                              number, list->str)
           /* Translators: the enroller's number and the countries it is in */
           : g_strdup_printf (_("the enroller %s is in the file and in Downline for more than one country "
                                "(%s), and this row names no country: the file does not say which one it is"),
                              number, list->str);
  if (in_file)
    return placement
           /* Translators: the placement parent's number, the countries it is in, the member's country */
           ? g_strdup_printf (_("the placement parent %s is in the file and in Downline for more than one "
                                "country (%s), none of them this member’s (%s): the file does not say "
                                "which one it is"),
                              number, list->str, country)
           /* Translators: the enroller's number, the countries it is in, the member's country */
           : g_strdup_printf (_("the enroller %s is in the file and in Downline for more than one country "
                                "(%s), none of them this member’s (%s): the file does not say which one "
                                "it is"),
                              number, list->str, country);
  if (*country == '\0')
    return placement
           /* Translators: the placement parent's number and the countries Downline has it in */
           ? g_strdup_printf (_("the placement parent %s is in Downline for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str)
           /* Translators: the enroller's number and the countries Downline has it in */
           : g_strdup_printf (_("the enroller %s is in Downline for more than one country (%s), "
                                "and this row names no country: the file does not say which one it is"),
                              number, list->str);
  return placement
         /* Translators: the placement parent's number, the countries Downline has it in, the member's country */
         ? g_strdup_printf (_("the placement parent %s is in Downline for more than one country (%s), "
                              "none of them this member’s (%s): the file does not say which one it is"),
                            number, list->str, country)
         /* Translators: the enroller's number, the countries Downline has it in, the member's country */
         : g_strdup_printf (_("the enroller %s is in Downline for more than one country (%s), "
                              "none of them this member’s (%s): the file does not say which one it is"),
                            number, list->str, country);
}

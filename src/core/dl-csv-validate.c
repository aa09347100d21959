/* dl-csv-validate.c — reading and checking the rows: status and role words, cells, cycles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-csv-import-private.h"
#include "dl-name.h"
#include "dl-string-set.h"
#include "dl-validate.h"

/* ------------------------------------------------------------------ */
/* Status and role words                                              */

/* A word of a back office's and what it means, read as a header is
 * (lower case, without accents: "Dada de Baja" → "dada de baja"). */
typedef struct
{
  const char *word;
  int         value;
} Word;

static gboolean
find_word (const char *text,
           const Word *words,
           gsize       n_words,
           int        *value)
{
  g_autofree char *word = dl_csv_normalize_header (text);

  for (gsize i = 0; i < n_words; i++)
    if (g_str_equal (word, words[i].word))
      {
        *value = words[i].value;
        return TRUE;
      }

  return FALSE;
}

static const Word status_words[] = {
    { "active", DL_MEMBER_ACTIVE }, { "a", DL_MEMBER_ACTIVE }, { "activo", DL_MEMBER_ACTIVE },
    { "activa", DL_MEMBER_ACTIVE }, { "qualified", DL_MEMBER_ACTIVE }, { "yes", DL_MEMBER_ACTIVE },
    { "si", DL_MEMBER_ACTIVE }, { "alta", DL_MEMBER_ACTIVE }, { "vigente", DL_MEMBER_ACTIVE },
    { "inactive", DL_MEMBER_INACTIVE }, { "i", DL_MEMBER_INACTIVE }, { "inactivo", DL_MEMBER_INACTIVE },
    { "inactiva", DL_MEMBER_INACTIVE }, { "suspended", DL_MEMBER_INACTIVE },
    { "suspendido", DL_MEMBER_INACTIVE }, { "suspendida", DL_MEMBER_INACTIVE },
    { "on hold", DL_MEMBER_INACTIVE }, { "no", DL_MEMBER_INACTIVE }, { "pending", DL_MEMBER_INACTIVE },
    { "pendiente", DL_MEMBER_INACTIVE },
    { "dropped", DL_MEMBER_DROPPED }, { "terminated", DL_MEMBER_DROPPED },
    { "cancelled", DL_MEMBER_DROPPED }, { "canceled", DL_MEMBER_DROPPED },
    { "closed", DL_MEMBER_DROPPED }, { "resigned", DL_MEMBER_DROPPED }, { "d", DL_MEMBER_DROPPED },
    { "baja", DL_MEMBER_DROPPED }, { "dado de baja", DL_MEMBER_DROPPED },
    { "dada de baja", DL_MEMBER_DROPPED }, { "cancelado", DL_MEMBER_DROPPED },
    { "cancelada", DL_MEMBER_DROPPED }, { "terminado", DL_MEMBER_DROPPED },
    { "cerrado", DL_MEMBER_DROPPED }, { "cerrada", DL_MEMBER_DROPPED },
    { "de baja", DL_MEMBER_DROPPED },
    /* an "Active" column of yes and no (active_names) */
    { "y", DL_MEMBER_ACTIVE }, { "true", DL_MEMBER_ACTIVE }, { "x", DL_MEMBER_ACTIVE },
    { "n", DL_MEMBER_INACTIVE }, { "false", DL_MEMBER_INACTIVE },
};

static const Word role_words[] = {
    { "distributor", DL_ROLE_DISTRIBUTOR }, { "distribuidor", DL_ROLE_DISTRIBUTOR },
    { "distribuidora", DL_ROLE_DISTRIBUTOR }, { "consultant", DL_ROLE_DISTRIBUTOR },
    { "consultor", DL_ROLE_DISTRIBUTOR }, { "consultora", DL_ROLE_DISTRIBUTOR },
    { "associate", DL_ROLE_DISTRIBUTOR }, { "asociado", DL_ROLE_DISTRIBUTOR },
    { "asociada", DL_ROLE_DISTRIBUTOR }, { "affiliate", DL_ROLE_DISTRIBUTOR },
    { "afiliado", DL_ROLE_DISTRIBUTOR }, { "afiliada", DL_ROLE_DISTRIBUTOR },
    { "member", DL_ROLE_DISTRIBUTOR }, { "socio", DL_ROLE_DISTRIBUTOR }, { "socia", DL_ROLE_DISTRIBUTOR },
    { "rep", DL_ROLE_DISTRIBUTOR }, { "brand partner", DL_ROLE_DISTRIBUTOR },
    { "business partner", DL_ROLE_DISTRIBUTOR }, { "d", DL_ROLE_DISTRIBUTOR },
    { "customer", DL_ROLE_CUSTOMER }, { "cliente", DL_ROLE_CUSTOMER },
    { "preferred customer", DL_ROLE_CUSTOMER }, { "retail customer", DL_ROLE_CUSTOMER },
    { "wholesale customer", DL_ROLE_CUSTOMER }, { "cliente preferente", DL_ROLE_CUSTOMER },
    { "cliente preferido", DL_ROLE_CUSTOMER }, { "cliente vip", DL_ROLE_CUSTOMER },
    { "consumer", DL_ROLE_CUSTOMER }, { "consumidor", DL_ROLE_CUSTOMER },
    { "consumidora", DL_ROLE_CUSTOMER }, { "c", DL_ROLE_CUSTOMER },
};

static const Word yes_no_words[] = {
    { "yes", 1 }, { "y", 1 }, { "true", 1 }, { "1", 1 }, { "on", 1 }, { "active", 1 },
    { "si", 1 }, { "s", 1 }, { "activo", 1 }, { "activa", 1 }, { "x", 1 },
    { "no", 0 }, { "n", 0 }, { "false", 0 }, { "0", 0 }, { "off", 0 }, { "inactive", 0 },
    { "cancelled", 0 }, { "canceled", 0 }, { "none", 0 }, { "inactivo", 0 }, { "inactiva", 0 },
    { "cancelado", 0 }, { "cancelada", 0 },
};

static const Word side_words[] = {
    { "left", DL_CSV_SIDE_LEFT }, { "l", DL_CSV_SIDE_LEFT }, { "izquierda", DL_CSV_SIDE_LEFT },
    { "izq", DL_CSV_SIDE_LEFT }, { "izquierdo", DL_CSV_SIDE_LEFT }, { "i", DL_CSV_SIDE_LEFT },
    { "right", DL_CSV_SIDE_RIGHT }, { "r", DL_CSV_SIDE_RIGHT }, { "derecha", DL_CSV_SIDE_RIGHT },
    { "der", DL_CSV_SIDE_RIGHT }, { "derecho", DL_CSV_SIDE_RIGHT }, { "d", DL_CSV_SIDE_RIGHT },
};

/* A volume as back offices write it: "1,250.50", "1.250,50", "1 250",
 * "300 PV".  With both a dot and a comma, the last one is the decimal
 * point; a separator that comes more than once groups thousands; a lone
 * comma before exactly three digits groups thousands ("1,250"), any
 * other lone separator is the decimal point ("1.25", "12,5").  FALSE
 * for anything else, or a negative number. */
static gboolean
parse_volume (const char *text,
              double     *value)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *last_dot = strrchr (text, '.');
  const char *last_comma = strrchr (text, ',');
  const char *decimal = NULL;
  char *end = NULL;

  if (last_dot != NULL && last_comma != NULL)
    decimal = MAX (last_dot, last_comma);
  else if (last_dot != NULL || last_comma != NULL)
    {
      const char *sep = last_dot != NULL ? last_dot : last_comma;
      gboolean lone = strchr (text, *sep) == sep;
      gboolean thousands = *sep == ',' && strspn (sep + 1, "0123456789") == 3 && !g_ascii_isdigit (sep[4]);

      if (lone && !thousands)
        decimal = sep;
    }

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (p == decimal)
        g_string_append_c (digits, '.');
      else if (*p == '.' || *p == ',' || *p == ' ' || *p == '\'')
        continue;
      else if (g_ascii_isalpha (*p) && digits->len > 0)
        break;   /* "300 PV" */
      else
        return FALSE;
    }
  if (digits->len == 0)
    return FALSE;
  *value = g_ascii_strtod (digits->str, &end);
  return end != NULL && *end == '\0' && *value >= 0;
}

/* find_word, remembering each text in cache: a file repeats a handful of
 * words in a column on every row. */
static gboolean
find_word_cached (GHashTable *cache,
                  const char *text,
                  const Word *words,
                  gsize       n_words,
                  int        *value)
{
  gpointer known;

  if (g_hash_table_lookup_extended (cache, text, NULL, &known))
    {
      *value = GPOINTER_TO_INT (known);
      return TRUE;
    }
  if (!find_word (text, words, n_words, value))
    return FALSE;
  g_hash_table_insert (cache, (gpointer) text, GINT_TO_POINTER (*value));
  return TRUE;
}

gboolean
dl_csv_parse_status (const char     *text,
                     DlMemberStatus *status)
{
  int value;

  g_return_val_if_fail (text != NULL && status != NULL, FALSE);

  if (!find_word (text, status_words, G_N_ELEMENTS (status_words), &value))
    return FALSE;
  *status = (DlMemberStatus) value;
  return TRUE;
}

gboolean
dl_csv_parse_side (const char *text,
                   DlCsvSide  *side)
{
  int value;

  g_return_val_if_fail (text != NULL && side != NULL, FALSE);

  if (!find_word (text, side_words, G_N_ELEMENTS (side_words), &value))
    return FALSE;
  *side = (DlCsvSide) value;
  return TRUE;
}

const char *
dl_csv_side_to_string (DlCsvSide side)
{
  switch (side)
    {
    case DL_CSV_SIDE_LEFT:
      return "left";
    case DL_CSV_SIDE_RIGHT:
      return "right";
    case DL_CSV_SIDE_NONE:
    default:
      return NULL;
    }
}

gboolean
dl_csv_parse_role (const char *text,
                   DlRole     *role)
{
  int value;

  g_return_val_if_fail (text != NULL && role != NULL, FALSE);

  if (!find_word (text, role_words, G_N_ELEMENTS (role_words), &value))
    return FALSE;
  *role = (DlRole) value;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
void
dl_csv_add_problem (GArray     *problems,
                    guint       line,
                    char       *reason)
{
  DlImportProblem problem = { line, reason };

  g_array_append_val (problems, problem);
}

void
dl_csv_problem_clear (gpointer data)
{
  DlImportProblem *problem = data;

  g_free (problem->reason);
}

int
dl_csv_compare_problems (gconstpointer a,
                         gconstpointer b)
{
  const DlImportProblem *pa = a;
  const DlImportProblem *pb = b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

void
dl_import_result_free (DlImportResult *result)
{
  if (result == NULL)
    return;

  g_array_unref (result->rows);
  g_array_unref (result->rejected);
  g_array_unref (result->warnings);
  g_clear_pointer (&result->notes, g_ptr_array_unref);
  g_clear_pointer (&result->past_periods, g_array_unref);
  g_ptr_array_unref (result->strings);
  g_free (result->past_values);
  g_free (result);
}

void
dl_row_index_init (DlRowIndex        *index,
                   const char *const *numbers,
                   gsize              stride,
                   guint              n)
{
  dl_slots_init (&index->slots, n);
  index->base = (const char *) numbers;
  index->stride = stride;
}

void
dl_row_index_clear (DlRowIndex *index)
{
  dl_slots_clear (&index->slots);
}

static const char *
row_key (guint         row,
         gconstpointer data)
{
  const DlRowIndex *index = data;

  return dl_member_number_key (*(const char *const *) (gconstpointer) (index->base + row * index->stride));
}

void
dl_row_index_set (DlRowIndex *index,
                  guint       row)
{
  const char *key = row_key (row, index);
  guint32 hash = dl_string_hash (key);

  dl_slots_set (&index->slots, dl_slots_find (&index->slots, key, hash, row_key, index), hash, row);
}

gboolean
dl_row_index_lookup (const DlRowIndex *index,
                     const char       *key,
                     guint            *row)
{
  guint found = dl_slots_get (&index->slots, dl_slots_find (&index->slots, key, dl_string_hash (key), row_key, index));

  if (found == G_MAXUINT)
    return FALSE;
  *row = found;
  return TRUE;
}

void
dl_csv_validator_init_cells (Validator *v,
                             guint      n_columns)
{
  v->n_row_cells = n_columns;
  v->row_cells = g_new (const char *, MAX (n_columns, 1));
  v->cells_row = NO_ROW;
}

void
dl_csv_validator_clear_cells (Validator *v)
{
  g_clear_pointer (&v->row_cells, g_free);
  v->n_row_cells = 0;
  v->cells_row = NO_ROW;
}

const char *
dl_csv_column (Validator *v,
               guint      row,
               guint      column)
{
  if (v->row_cells == NULL || column >= v->n_row_cells)
    return dl_csv_table_get (v->table, row, column);
  if (v->cells_row != row)
    {
      dl_csv_table_get_row (v->table, row, v->row_cells, v->n_row_cells);
      v->cells_row = row;
    }
  return v->row_cells[column];
}

const char *
dl_csv_cell (Validator  *v,
             guint       row,
             DlCsvField  field)
{
  const char *text;

  if (v->col[field] < 0)
    return "";
  text = dl_csv_column (v, row, (guint) v->col[field]);
  /* Downline's own export guards cells a spreadsheet would read as a
   * formula with a leading quote (OWASP); it is not part of the value. */
  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r", text[1]) != NULL)
    return text + 1;
  return text;
}

static const char *
keep (Validator  *v,
      const char *text)
{
  return *text == '\0' ? "" : g_string_chunk_insert (v->strings, text);
}

/* A member, enroller or placement cell: the number alone, and (name
 * not NULL) the name the cell writes beside it, or "".  NULL for a cell
 * with brackets in neither form: taken whole, it would be a member
 * number nobody has. */
static const char *
cell_number (Validator   *v,
             guint        row,
             DlCsvField   field,
             const char **name)
{
  const char *text = dl_csv_cell (v, row, field);
  Span number, beside;

  if (name != NULL)
    *name = "";
  if (dl_csv_split_member_span (text, &number, &beside) == CELL_BAD)
    return NULL;
  if (name != NULL && beside.length > 0)
    *name = g_string_chunk_insert_len (v->strings, beside.start, (gssize) beside.length);
  /* a plain number as the file writes it: nothing to copy */
  if (number.start == text && number.start[number.length] == '\0')
    return text;
  return g_string_chunk_insert_len (v->strings, number.start, (gssize) number.length);
}

/* Why a member, enroller or placement cell is not read, on one line. */
static char *
member_cell_problem (Validator  *v,
                     guint       row,
                     DlCsvField  field)
{
  g_autofree char *shown = g_strstrip (g_strdelimit (g_strdup (dl_csv_cell (v, row, field)), "\r\n\t", ' '));

  /* Translators: a field's label and the cell */
  return g_strdup_printf (_("%s “%s” is neither a number nor a number and a name written "
                            "“900057 (Ana Ruiz)” or “Ana Ruiz (900057)”"),
                          dl_csv_field_get_label (field), shown);
}

/* Names on one line: a newline or a run of spaces inside a quoted
 * name cell is one space. */
static const char *
keep_name (Validator  *v,
           const char *text)
{
  g_autoptr(GString) out = NULL;
  gboolean space = FALSE;

  if (strpbrk (text, "\r\n\t") == NULL && strstr (text, "  ") == NULL)
    return keep (v, text);

  out = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (*p == ' ' || *p == '\r' || *p == '\n' || *p == '\t')
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return keep (v, out->str);
}

/* The row's text, copied out of the table into the result.  Not the
 * enroller's and the placement parent's numbers: most of them become
 * the pointer to their row's own number once the file is checked, and
 * a million copies were 16 MB for nothing.  dl_csv_import_validate ()
 * copies the others before it returns.  A name split from a full-name
 * cell is in the result's strings already. */
static void
keep_row (Validator   *v,
          DlImportRow *row)
{
  row->member_number = keep (v, row->member_number);
  if (dl_csv_table_holds (v->table, row->first_name))
    row->first_name = keep_name (v, row->first_name);
  if (dl_csv_table_holds (v->table, row->last_name))
    row->last_name = keep_name (v, row->last_name);
  row->email = keep (v, row->email);
  /* row->notes is made in the result's strings already */
  row->phone = keep (v, row->phone);
  /* a handful of ranks a million times: each kept once */
  row->rank = *row->rank == '\0' ? "" : g_string_chunk_insert_const (v->strings, row->rank);
  row->paid_rank = *row->paid_rank == '\0' ? "" : g_string_chunk_insert_const (v->strings, row->paid_rank);
  row->city = keep (v, row->city);
}

/* "García, Ana" or "Ana María García", by the one rule (dl-name.h). */
static void
split_full_name (Validator   *v,
                 const char  *full,
                 const char **first,
                 const char **last)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  dl_name_split (full, &a, &b);
  /* kept once, on one line, as keep_row () would have kept a copy */
  *first = keep_name (v, a);
  *last = keep_name (v, b);
}

static char *
date_problem (DlDateResult  result,
              DlCsvField    field,
              const char   *text)
{
  if (result == DL_DATE_AMBIGUOUS)
    return g_strdup_printf (_("%s “%s” could be day/month or month/day: choose the date order"),
                            dl_csv_field_get_label (field), text);
  return g_strdup_printf (_("%s “%s” is not a date"), dl_csv_field_get_label (field), text);
}

/* The line for the notes of a member whose e-mail cell the forms would
 * refuse.  Notes reach letters, so a line break or another control
 * character of the cell (a "\r\nBcc: …" smuggled into the file) becomes
 * a space; the line keeps within the dialogs' limit. */
static const char *
email_note (Validator  *v,
            const char *email)
{
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *line = NULL;

  for (const char *p = email; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (shown, ' ');
      else
        g_string_append_unichar (shown, c);
    }
  g_strstrip (shown->str);

  /* Translators: the text of an e-mail cell that is not an address */
  line = g_strdup_printf (_("E-mail from the import, not usable: %s"), shown->str);
  if (g_utf8_strlen (line, -1) > DL_VALIDATE_MAX_FIELD)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, DL_VALIDATE_MAX_FIELD - 1);

      g_free (line);
      line = g_strconcat (cut, "…", NULL);
    }
  return keep (v, line);
}

/* NULL when the row is fine; otherwise the reason it is not. */
static char *
read_row (Validator   *v,
          guint        r,
          DlDateOrder  order,
          DlImportRow *row)
{
  static const DlCsvField text_fields[] = {
    DL_CSV_FIELD_MEMBER_NUMBER, DL_CSV_FIELD_SPONSOR_NUMBER, DL_CSV_FIELD_FIRST_NAME,
    DL_CSV_FIELD_LAST_NAME, DL_CSV_FIELD_FULL_NAME, DL_CSV_FIELD_RANK, DL_CSV_FIELD_EMAIL,
    DL_CSV_FIELD_PHONE, DL_CSV_FIELD_CITY, DL_CSV_FIELD_PLACEMENT_NUMBER, DL_CSV_FIELD_PAID_RANK,
  };
  const char *text;
  const char *name_beside;
  gboolean bad_member;
  DlDateResult date;
  int word;

  memset (row, 0, sizeof *row);
  row->line = dl_csv_table_get_line (v->table, r);
  row->member_number = cell_number (v, r, DL_CSV_FIELD_MEMBER_NUMBER, &name_beside);
  bad_member = row->member_number == NULL;
  if (bad_member)
    row->member_number = "";
  row->sponsor_number = row->placement_number = row->first_name = row->last_name = "";
  row->placement_row = DL_IMPORT_NO_ROW;
  row->email = row->phone = row->rank = row->paid_rank = row->city = row->notes = "";

  if (dl_csv_table_row_is_damaged (v->table, r))
    return g_strdup (_("the row holds bytes that are not text (a NUL or a stray byte): "
                       "check this line of the file"));

  /* bytes first: only a long cell needs its characters counted */
  for (guint k = 0; k < G_N_ELEMENTS (text_fields); k++)
    if (strlen (dl_csv_cell (v, r, text_fields[k])) > DL_VALIDATE_MAX_FIELD &&
        g_utf8_strlen (dl_csv_cell (v, r, text_fields[k]), -1) > DL_VALIDATE_MAX_FIELD)
      return g_strdup_printf (_("%s is longer than %d characters"),
                              dl_csv_field_get_label (text_fields[k]), DL_VALIDATE_MAX_FIELD);

  if (bad_member)
    return member_cell_problem (v, r, DL_CSV_FIELD_MEMBER_NUMBER);
  if (*row->member_number == '\0')
    return g_strdup (_("no member number"));

  row->first_name = dl_csv_cell (v, r, DL_CSV_FIELD_FIRST_NAME);
  row->last_name = dl_csv_cell (v, r, DL_CSV_FIELD_LAST_NAME);
  if (*row->first_name == '\0' && *row->last_name == '\0')
    {
      text = dl_csv_cell (v, r, DL_CSV_FIELD_FULL_NAME);
      /* "900057 (Ana Ruiz)" where the name cells say nothing */
      if (*text == '\0')
        text = name_beside;
      if (*text == '\0')
        return g_strdup (_("the name is empty"));
      split_full_name (v, text, &row->first_name, &row->last_name);
      if (*row->first_name == '\0' && *row->last_name == '\0')
        return g_strdup (_("the name is empty"));
    }

  text = dl_csv_cell (v, r, DL_CSV_FIELD_JOINED_ON);
  date = dl_csv_parse_date (text, order, &row->joined_on);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_JOINED_ON, text);

  text = dl_csv_cell (v, r, DL_CSV_FIELD_LAST_ORDER);
  date = dl_csv_parse_date (text, order, &row->last_order);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_LAST_ORDER, text);

  text = dl_csv_cell (v, r, DL_CSV_FIELD_FIRST_ORDER);
  date = dl_csv_parse_date (text, order, &row->first_order);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_FIRST_ORDER, text);

  text = dl_csv_cell (v, r, DL_CSV_FIELD_NEXT_AUTOSHIP);
  date = dl_csv_parse_date (text, order, &row->next_autoship);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_NEXT_AUTOSHIP, text);

  text = dl_csv_cell (v, r, DL_CSV_FIELD_RENEWAL);
  date = dl_csv_parse_date (text, order, &row->renewal_on);
  if (date == DL_DATE_BAD || date == DL_DATE_AMBIGUOUS)
    return date_problem (date, DL_CSV_FIELD_RENEWAL, text);
  /* no join date in the file: a member joins with their first order,
   * which is nearer the truth for a new member than today */
  if (v->col[DL_CSV_FIELD_JOINED_ON] < 0 && row->first_order != DL_DAY_NONE)
    {
      row->joined_on = row->first_order;
      row->joined_from_first_order = TRUE;
    }

  text = dl_csv_cell (v, r, DL_CSV_FIELD_STATUS);
  row->status = DL_MEMBER_ACTIVE;
  if (*text != '\0')
    {
      if (!find_word_cached (v->statuses, text, status_words, G_N_ELEMENTS (status_words), &word))
        return g_strdup_printf (_("the status “%s” is not one Downline knows (active, inactive or dropped)"), text);
      row->status = (DlMemberStatus) word;
      row->has_status = TRUE;
    }
  /* a terminated flag says the member is gone; its no leaves the status
   * to the status column */
  text = dl_csv_cell (v, r, DL_CSV_FIELD_TERMINATED);
  if (*text != '\0')
    {
      if (!find_word (text, yes_no_words, G_N_ELEMENTS (yes_no_words), &word))
        return g_strdup_printf (_("the terminated flag “%s” is not a yes or a no"), text);
      if (word == 1)
        {
          row->status = DL_MEMBER_DROPPED;
          row->has_status = TRUE;
        }
    }

  text = dl_csv_cell (v, r, DL_CSV_FIELD_ROLE);
  row->role = DL_ROLE_DISTRIBUTOR;
  if (*text != '\0')
    {
      if (!find_word_cached (v->roles, text, role_words, G_N_ELEMENTS (role_words), &word))
        return g_strdup_printf (_("the role “%s” is not one Downline knows (distributor or customer)"), text);
      row->role = (DlRole) word;
      row->has_role = TRUE;
    }

  /* the month's figures, kept only when a period is imported */
  row->pv = row->gv = row->left_volume = row->right_volume = NAN;
  row->autoship = row->qualified = -1;
  text = dl_csv_cell (v, r, DL_CSV_FIELD_PV);
  if (*text != '\0' && !parse_volume (text, &row->pv))
    return g_strdup_printf (_("the personal volume “%s” is not a number"), text);
  text = dl_csv_cell (v, r, DL_CSV_FIELD_GV);
  if (*text != '\0' && !parse_volume (text, &row->gv))
    return g_strdup_printf (_("the group volume “%s” is not a number"), text);
  text = dl_csv_cell (v, r, DL_CSV_FIELD_AUTOSHIP);
  if (*text != '\0')
    {
      if (!find_word (text, yes_no_words, G_N_ELEMENTS (yes_no_words), &word))
        return g_strdup_printf (_("the autoship “%s” is not a yes or a no"), text);
      row->autoship = (gint8) word;
    }
  text = dl_csv_cell (v, r, DL_CSV_FIELD_QUALIFIED);
  if (*text != '\0')
    {
      if (!find_word (text, yes_no_words, G_N_ELEMENTS (yes_no_words), &word))
        return g_strdup_printf (_("the qualified flag “%s” is not a yes or a no"), text);
      row->qualified = (gint8) word;
    }
  text = dl_csv_cell (v, r, DL_CSV_FIELD_LEFT_VOLUME);
  if (*text != '\0' && !parse_volume (text, &row->left_volume))
    return g_strdup_printf (_("the left leg volume “%s” is not a number"), text);
  text = dl_csv_cell (v, r, DL_CSV_FIELD_RIGHT_VOLUME);
  if (*text != '\0' && !parse_volume (text, &row->right_volume))
    return g_strdup_printf (_("the right leg volume “%s” is not a number"), text);
  if (v->n_past > 0)
    {
      double *past = v->result->past_values + (gsize) (r - 1) * v->n_past;

      for (guint k = 0; k < v->n_past; k++)
        {
          text = dl_csv_column (v, r, (guint) v->past_columns[k]);
          past[k] = NAN;
          if (*text != '\0' && !parse_volume (text, &past[k]))
            {
              char month[8];

              dl_period_format (g_array_index (v->result->past_periods, DlPeriod, k), month);
              /* Translators: a month as 2026-10, then the cell */
              return g_strdup_printf (_("the personal volume of %s “%s” is not a number"), month, text);
            }
        }
      row->past_row = r - 1;
    }

  text = dl_csv_cell (v, r, DL_CSV_FIELD_SIDE);
  if (*text != '\0')
    {
      DlCsvSide side;

      if (!dl_csv_parse_side (text, &side))
        return g_strdup_printf (_("the side “%s” is neither left nor right"), text);
      row->side = side;
    }

  row->placement_number = cell_number (v, r, DL_CSV_FIELD_PLACEMENT_NUMBER, NULL);
  if (row->placement_number == NULL)
    {
      row->placement_number = "";
      return member_cell_problem (v, r, DL_CSV_FIELD_PLACEMENT_NUMBER);
    }
  row->sponsor_number = cell_number (v, r, DL_CSV_FIELD_SPONSOR_NUMBER, NULL);
  if (row->sponsor_number == NULL)
    {
      row->sponsor_number = "";
      return member_cell_problem (v, r, DL_CSV_FIELD_SPONSOR_NUMBER);
    }
  if (v->col[DL_CSV_FIELD_SPONSOR_NUMBER] < 0 && v->col[DL_CSV_FIELD_PLACEMENT_NUMBER] >= 0)
    {
      row->sponsor_number = row->placement_number;
      row->enroller_from_placement = TRUE;
    }
  row->email = dl_csv_cell (v, r, DL_CSV_FIELD_EMAIL);
  /* as the forms check it: one address, no line break to carry into a
   * letter's headers.  A typo in the e-mail is no reason to lose the
   * member: the text is kept where a person can read and fix it. */
  if (!dl_validate_email (row->email, NULL))
    {
      row->notes = email_note (v, row->email);
      row->email = "";
    }
  row->phone = dl_csv_cell (v, r, DL_CSV_FIELD_PHONE);
  row->rank = dl_csv_cell (v, r, DL_CSV_FIELD_RANK);
  row->paid_rank = dl_csv_cell (v, r, DL_CSV_FIELD_PAID_RANK);
  row->city = dl_csv_cell (v, r, DL_CSV_FIELD_CITY);

  return NULL;
}

/* Marks the rows whose sponsor (or, with placement set, placement)
 * chain within the file loops; walks each chain once (state: 0 new, 1
 * on the current path, 2 done). */
void
dl_csv_reject_cycles (Validator   *v,
                      DlImportRow *rows,
                      guint       *sponsor,
                      gboolean    *ok,
                      guint        n,
                      gboolean     placement)
{
  g_autofree guint8 *state = g_new0 (guint8, n);
  g_autoptr(GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint start = 0; start < n; start++)
    {
      guint i = start;

      if (!ok[start] || state[start] != 0)
        continue;

      g_array_set_size (path, 0);
      while (i != NO_ROW && ok[i] && state[i] == 0)
        {
          state[i] = 1;
          g_array_append_val (path, i);
          i = sponsor[i];
        }

      if (i != NO_ROW && ok[i] && state[i] == 1)
        {
          /* i is on the path: from it to the end is the loop */
          guint from = 0;
          GString *chain = g_string_new (NULL);

          while (g_array_index (path, guint, from) != i)
            from++;
          for (guint k = from; k < path->len; k++)
            g_string_append_printf (chain, "%s → ", rows[g_array_index (path, guint, k)].member_number);
          g_string_append (chain, rows[i].member_number);

          for (guint k = from; k < path->len; k++)
            {
              guint j = g_array_index (path, guint, k);

              dl_csv_add_problem (v->result->rejected, rows[j].line,
                                  placement
                                  ? g_strdup_printf (_("the placement chain loops back on itself: %s"), chain->str)
                                  : g_strdup_printf (_("the sponsor chain loops back on itself: %s"), chain->str));
              ok[j] = FALSE;
            }
          g_string_free (chain, TRUE);
        }

      for (guint k = 0; k < path->len; k++)
        state[g_array_index (path, guint, k)] = 2;
    }
}

/* A big file's rows are read on two cores, each half with strings and
 * status words of its own; what needs them all (duplicates, sponsors,
 * loops) comes after, on one. */
#define READ_IN_TWO_FROM 50000

typedef struct
{
  Validator     v;
  DlImportRow  *rows;
  char        **reasons;   /* NULL for a row that is fine */
  guint         from;
  guint         to;
  DlDateOrder   order;
} ReadJob;

static gpointer
read_rows (gpointer data)
{
  ReadJob *job = data;

  for (guint i = job->from; i < job->to; i++)
    {
      job->reasons[i] = read_row (&job->v, i + 1, job->order, &job->rows[i]);
      if (job->reasons[i] == NULL)
        keep_row (&job->v, &job->rows[i]);
    }
  g_clear_pointer (&job->v.statuses, g_hash_table_unref);
  g_clear_pointer (&job->v.roles, g_hash_table_unref);
  dl_csv_validator_clear_cells (&job->v);
  return NULL;
}

/* Reads every row into rows and reasons, keeping the text in the
 * result's strings. */
void
dl_csv_read_all_rows (const Validator *v,
                      guint            n,
                      DlDateOrder      order,
                      DlImportRow     *rows,
                      char           **reasons)
{
  ReadJob jobs[2];
  guint n_jobs = n >= READ_IN_TWO_FROM ? 2 : 1;
  GThread *thread = NULL;

  for (guint k = 0; k < n_jobs; k++)
    {
      jobs[k] = (ReadJob) { *v, rows, reasons, n * k / n_jobs, n * (k + 1) / n_jobs, order };
      jobs[k].v.statuses = g_hash_table_new (g_str_hash, g_str_equal);
      jobs[k].v.roles = g_hash_table_new (g_str_hash, g_str_equal);
      jobs[k].v.strings = g_string_chunk_new (1 << 20);
      g_ptr_array_add (v->result->strings, jobs[k].v.strings);
      dl_csv_validator_init_cells (&jobs[k].v, dl_csv_table_get_n_columns (v->table));
    }

  if (n_jobs == 2)
    thread = g_thread_new ("dl-csv-validate", read_rows, &jobs[1]);
  read_rows (&jobs[0]);
  if (thread != NULL)
    g_thread_join (thread);
}

/* The unmapped columns of an earlier month's PV, one a month (the
 * first), in column order; *periods gets their months. */
int *
dl_csv_find_past_pv_columns (const DlCsvTable   *table,
                             const DlCsvMapping *mapping,
                             GArray            **periods)
{
  int *columns = g_new (int, MAX (mapping->n_columns, 1));
  guint n = 0;

  *periods = g_array_new (FALSE, FALSE, sizeof (DlPeriod));
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      DlPeriod period;
      gboolean seen = FALSE;

      if (mapping->columns[c] != DL_CSV_FIELD_IGNORE ||
          !dl_csv_header_past_pv (dl_csv_table_get (table, 0, c), &period))
        continue;
      for (guint k = 0; k < n && !seen; k++)
        seen = g_array_index (*periods, DlPeriod, k) == period;
      if (seen)
        continue;
      columns[n++] = (int) c;
      g_array_append_val (*periods, period);
    }
  return columns;
}

/* An unmapped column that holds dates (by its header, or most of its
 * first cells read as dates), or -1. */
int
dl_csv_find_unread_date_column (const DlCsvTable   *table,
                                const DlCsvMapping *mapping)
{
  guint n_rows = MIN (dl_csv_table_get_n_rows (table), 201);

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      g_autofree char *name = NULL;
      guint dates = 0, filled = 0;

      if (mapping->columns[c] != DL_CSV_FIELD_IGNORE)
        continue;
      name = dl_csv_normalize_header (dl_csv_table_get (table, 0, c));
      if (strstr (name, "date") != NULL || strstr (name, "fecha") != NULL)
        return (int) c;
      for (guint r = 1; r < n_rows; r++)
        {
          const char *text = dl_csv_table_get (table, r, c);
          DlDay day;
          DlDateResult result;

          if (*text == '\0')
            continue;
          filled++;
          /* plain numbers are member numbers or amounts, not serial dates */
          if (strspn (text, "0123456789.") == strlen (text))
            continue;
          result = dl_csv_parse_date (text, DL_DATE_ORDER_UNKNOWN, &day);
          dates += result == DL_DATE_OK || result == DL_DATE_AMBIGUOUS;
        }
      if (filled > 0 && dates * 2 > filled)
        return (int) c;
    }

  return -1;
}

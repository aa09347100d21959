/* dl-csv-mapping.c — which column of the table is which field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-csv-import-private.h"

const char *
dl_csv_field_get_label (DlCsvField field)
{
  switch (field)
    {
    case DL_CSV_FIELD_MEMBER_NUMBER:
      return _("Member number");
    case DL_CSV_FIELD_SPONSOR_NUMBER:
      return _("Enroller (sponsor) number");
    case DL_CSV_FIELD_FIRST_NAME:
      return _("First name");
    case DL_CSV_FIELD_LAST_NAME:
      return _("Last name");
    case DL_CSV_FIELD_FULL_NAME:
      return _("Full name");
    case DL_CSV_FIELD_JOINED_ON:
      return _("Join date");
    case DL_CSV_FIELD_RANK:
      return _("Rank");
    case DL_CSV_FIELD_STATUS:
      return _("Status");
    case DL_CSV_FIELD_EMAIL:
      return _("Email");
    case DL_CSV_FIELD_PHONE:
      return _("Phone");
    case DL_CSV_FIELD_LAST_ORDER:
      return _("Last order");
    case DL_CSV_FIELD_CITY:
      return _("City");
    case DL_CSV_FIELD_ROLE:
      return _("Role");
    case DL_CSV_FIELD_PV:
      return _("Personal volume (PV)");
    case DL_CSV_FIELD_GV:
      return _("Group volume (GV)");
    case DL_CSV_FIELD_AUTOSHIP:
      return _("Autoship");
    case DL_CSV_FIELD_PLACEMENT_NUMBER:
      return _("Placement (upline) number");
    case DL_CSV_FIELD_SIDE:
      return _("Binary side (left or right)");
    case DL_CSV_FIELD_COUNTRY:
      return _("Country");
    case DL_CSV_FIELD_FIRST_ORDER:
      return _("First order");
    case DL_CSV_FIELD_PAID_RANK:
      return _("Paid rank (this month)");
    case DL_CSV_FIELD_NEXT_AUTOSHIP:
      return _("Next autoship");
    case DL_CSV_FIELD_RENEWAL:
      return _("Renewal date");
    case DL_CSV_FIELD_QUALIFIED:
      return _("Qualified (yes or no)");
    case DL_CSV_FIELD_TERMINATED:
      return _("Terminated (yes or no)");
    case DL_CSV_FIELD_LEFT_VOLUME:
      return _("Left leg volume");
    case DL_CSV_FIELD_RIGHT_VOLUME:
      return _("Right leg volume");
    case DL_CSV_FIELD_IGNORE:
    case DL_CSV_N_FIELDS:
    default:
      return _("Do not import");
    }
}

/* Header names as the back offices write them, lower case, without
 * accents or punctuation ("Fecha de Ingreso" → "fecha de ingreso",
 * "Nº Socio" → "no socio", "Member #" → "member number"). */
static const struct
{
  DlCsvField  field;
  const char *names[48];
} synonyms[] = {
  { DL_CSV_FIELD_MEMBER_NUMBER,
    { "member id", "member number", "member no", "member code", "id", "id number",
      "distributor id", "distributor number", "distributor no", "distributor code",
      "associate id", "associate number", "rep id", "rep number", "consultant id",
      "consultant number", "account id", "account number", "customer id", "number",
      "no", "numero", "numero de socio", "numero socio", "no socio", "n socio", "id socio",
      "id de socio", "codigo", "codigo de socio", "id distribuidor", "id del distribuidor",
      "numero de distribuidor", "codigo de distribuidor", "codigo distribuidor",
      "id miembro", "id de miembro", "numero de miembro", "id afiliado", "numero de afiliado",
      "ambassador id", "ambassador number", "ambassador no", "account no", "acct number",
      NULL } },
  { DL_CSV_FIELD_SPONSOR_NUMBER,
    { "sponsor id", "sponsor", "sponsor number", "sponsor no", "sponsor code",
      "enroller", "enroller id", "enroller number", "enroller no", "enroller code",
      "enrolled by", "sponsored by", "referred by", "referrer", "referrer id",
      "recruiter", "recruiter id", "patrocinador",
      "id patrocinador", "id del patrocinador", "patrocinador id", "numero de patrocinador",
      "numero patrocinador", "no patrocinador", "codigo patrocinador",
      "codigo de patrocinador", "codigo del patrocinador", "enrolador", "id enrolador",
      "inscriptor", "id inscriptor", "referido por", "enroller sponsor", "enroller sponsor id",
      "enrolling sponsor", "enrolling sponsor id", "enrollment sponsor", "enrolled by id",
      "numero de inscriptor", "numero enrolador", "patrocinador de inscripcion",
      "enroller acct number", "enroller acct", "enroller account", "enroller account number",
      "sponsor acct number", "sponsor account number", NULL } },
  { DL_CSV_FIELD_PLACEMENT_NUMBER,
    { "upline", "upline id", "upline number", "upline no", "placement", "placement id",
      "placement number", "placement no", "placement sponsor", "placement sponsor id",
      "placement sponsor number", "placement parent", "placement parent id", "placed under",
      "parent", "parent id", "parent number", "binary upline", "binary parent", "id upline",
      "colocacion", "id colocacion", "numero de colocacion", "patrocinador de colocacion",
      "id patrocinador de colocacion", "ubicacion", "id ubicacion", "upline de colocacion",
      "colocado bajo", "padre", "placement acct number", "placement account number", NULL } },
  { DL_CSV_FIELD_SIDE,
    { "side", "leg", "binary side", "binary leg", "placement side", "placement leg",
      "position side", "lado", "pierna", "lado binario", "pierna binaria", "lado de colocacion",
      "rama", NULL } },
  { DL_CSV_FIELD_FIRST_NAME,
    { "first name", "firstname", "first", "given name", "forename", "nombre", "nombres",
      "primer nombre", NULL } },
  { DL_CSV_FIELD_LAST_NAME,
    { "last name", "lastname", "last", "surname", "family name", "apellido", "apellidos",
      "primer apellido", NULL } },
  { DL_CSV_FIELD_FULL_NAME,
    { "name", "full name", "fullname", "member name", "distributor name", "associate name",
      "rep name", "consultant name", "contact name", "display name", "nombre completo",
      "nombre y apellido", "nombre y apellidos", "nombre del socio",
      "nombre del distribuidor", "nombre completo del socio", "ambassador name", NULL } },
  { DL_CSV_FIELD_JOINED_ON,
    { "join date", "joined", "joined on", "date joined", "joining date", "enrollment date",
      "enrolment date", "enroll date", "enrolled", "enrolled on", "date enrolled",
      "signup date", "sign up date", "registration date", "entry date",
      "fecha de ingreso", "fecha ingreso", "ingreso", "fecha de alta", "fecha alta", "alta",
      "fecha de inscripcion", "fecha inscripcion", "fecha de registro", "fecha registro",
      "fecha de afiliacion", "fecha de inicio", NULL } },
  /* beside a paid rank, the highest reached (see DL_CSV_FIELD_PAID_RANK) */
  { DL_CSV_FIELD_RANK,
    { "rank", "current rank", "highest rank", "highest rank achieved", "highest title", "title",
      "career title", "career rank", "career level", "level", "rango", "rango actual", "nivel", "titulo",
      "rango mas alto", "rango maximo", "titulo mas alto", "rango de carrera", NULL } },
  { DL_CSV_FIELD_PAID_RANK,
    { "paid as", "paid as rank", "paid as title", "paid rank", "paid title", "paid level", "pay rank",
      "pay title", "rank paid", "current paid rank", "income position", "rango pagado", "rango de pago",
      "pagado como", "rango pagado como", "titulo pagado", "nivel pagado", "posicion de ingresos", NULL } },
  { DL_CSV_FIELD_STATUS,
    { "status", "account status", "member status", "state", "estado", "estatus",
      "situacion", "estado de cuenta", "estado del socio", NULL } },
  { DL_CSV_FIELD_EMAIL,
    { "email", "e mail", "email address", "e mail address", "mail", "correo",
      "correo electronico", NULL } },
  { DL_CSV_FIELD_PHONE,
    { "phone", "phone number", "mobile", "mobile phone", "mobile number", "cell",
      "cell phone", "cellphone", "telephone", "tel", "home phone", "telefono",
      "telefono movil", "movil", "celular", "numero de telefono", "whatsapp", NULL } },
  { DL_CSV_FIELD_LAST_ORDER,
    { "last order", "last order date", "last order on", "last purchase",
      "last purchase date", "last autoship", "last autoship date", "ultimo pedido",
      "fecha ultimo pedido", "fecha del ultimo pedido", "fecha de ultimo pedido",
      "ultima compra", "fecha ultima compra", "fecha de ultima compra", "ultima orden", NULL } },
  /* Purium's "Start Date" is the day of the first order, which is not
   * always the day the member joined */
  { DL_CSV_FIELD_FIRST_ORDER,
    { "first order", "first order date", "first order on", "first purchase", "first purchase date",
      "start date", "primer pedido", "fecha primer pedido", "fecha del primer pedido",
      "fecha de primer pedido", "primera compra", "fecha primera compra", "fecha de primera compra",
      NULL } },
  { DL_CSV_FIELD_COUNTRY,
    { "country", "country code", "country name", "ctry", "cntry", "home country",
      "country of residence", "pais", "codigo de pais", "codigo pais", "pais de residencia", NULL } },
  { DL_CSV_FIELD_CITY,
    { "city", "town", "ciudad", "localidad", "poblacion", "municipio", NULL } },
  { DL_CSV_FIELD_ROLE,
    { "role", "member type", "account type", "customer type", "distributor type", "type",
      "rol", "tipo", "tipo de socio", "tipo de cuenta", "tipo de miembro", NULL } },
  { DL_CSV_FIELD_PV,
    { "pv", "personal volume", "personal pv", "ppv", "monthly pv", "pv this month",
      "volumen personal", "vp", "qv", "personal qv", "pqv", "bv", "personal bv", "pbv", "sv",
      "personal sales volume", "psv", NULL } },
  { DL_CSV_FIELD_GV,
    { "gv", "group volume", "ov", "organization volume", "organisation volume",
      "organizational volume", "pgv", "gpv", "group pv", "group bv", "team volume", "tv",
      "volumen de grupo", "volumen grupal", "volumen de organizacion", "vg", NULL } },
  { DL_CSV_FIELD_LEFT_VOLUME,
    { "left volume", "left leg", "left leg volume", "volume left", "left bv", "left cv", "left pv",
      "left qv", "left gv", "left team volume", "left group volume", "volumen izquierdo",
      "volumen izquierda", "volumen pierna izquierda", "pierna izquierda", "volumen izq", "vol izq",
      "volumen lado izquierdo", NULL } },
  { DL_CSV_FIELD_RIGHT_VOLUME,
    { "right volume", "right leg", "right leg volume", "volume right", "right bv", "right cv", "right pv",
      "right qv", "right gv", "right team volume", "right group volume", "volumen derecho",
      "volumen derecha", "volumen pierna derecha", "pierna derecha", "volumen der", "vol der",
      "volumen lado derecho", NULL } },
  /* doTERRA's "LRP", Young Living's "ER" (Essential Rewards), Nu Skin's
   * "ADR", the "AO" (autoorder) of many */
  { DL_CSV_FIELD_AUTOSHIP,
    { "autoship", "auto ship", "autoship active", "autoship status", "on autoship", "has autoship",
      "active autoship", "smartship", "smart ship", "subscription", "subscription active", "adr", "lrp",
      "ao", "er", "essential rewards", "loyalty rewards", "auto order", "autoorder", "on ao",
      "pedido automatico", "envio automatico", "autoenvio", "autoenvio activo", NULL } },
  { DL_CSV_FIELD_NEXT_AUTOSHIP,
    { "next autoship", "next autoship date", "next auto ship", "next auto ship date", "next lrp",
      "next lrp date", "next ship date", "next shipment", "next shipment date", "next smartship",
      "next smartship date", "next ao", "next ao date", "next autoorder date", "next er date",
      "next process date", "next order date", "proximo autoenvio", "fecha proximo autoenvio",
      "fecha del proximo autoenvio", "proximo envio", "fecha proximo envio", "fecha de proximo envio",
      "proximo pedido automatico", "fecha proximo pedido", NULL } },
  { DL_CSV_FIELD_RENEWAL,
    { "renewal", "renewal date", "renewal due", "renewal due date", "renew date", "renews on",
      "next renewal", "next renewal date", "annual renewal", "expiration date", "expiry date",
      "renovacion", "fecha de renovacion", "fecha renovacion", "proxima renovacion",
      "fecha de vencimiento", "vencimiento", NULL } },
  { DL_CSV_FIELD_QUALIFIED,
    { "qualified", "is qualified", "qualified this month", "qualified yn", "qualification",
      "calificado", "calificada", "cualificado", "cualificada", "esta calificado", "calificacion", NULL } },
  { DL_CSV_FIELD_TERMINATED,
    { "terminated", "is terminated", "terminated yn", "terminado", "terminada", "dado de baja",
      "dada de baja", NULL } },
};

char *
dl_csv_normalize_header (const char *header)
{
  g_autofree char *nfkd = g_utf8_normalize (header, -1, G_NORMALIZE_NFKD);
  GString *out = g_string_new (NULL);
  gboolean space = TRUE;

  if (nfkd == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = nfkd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;
      if (c == '#')
        {
          if (!space)
            g_string_append_c (out, ' ');
          g_string_append (out, "number");
          space = FALSE;
          continue;
        }
      if (g_unichar_isalnum (c))
        {
          g_string_append_unichar (out, g_unichar_tolower (c));
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* Enroller names that say "sponsor" and nothing more: in some back
 * offices the enroller, in others (beside an "Enroller" column) the
 * placement.  See dl-csv-import.h. */
static const char *const sponsor_names[] = {
  "sponsor id", "sponsor", "sponsor number", "sponsor no", "sponsor code", "sponsored by",
  "patrocinador", "id patrocinador", "id del patrocinador", "patrocinador id",
  "numero de patrocinador", "numero patrocinador", "no patrocinador", "codigo patrocinador",
  "codigo de patrocinador", "codigo del patrocinador", "sponsor acct number", "sponsor account number",
  NULL,
};

/* A yes/no column of whether the member is active: the status, read
 * with the status words (yes active, no inactive), when the file has no
 * status column of its own; beside one, it is left unread. */
static const char *const active_names[] = {
  "active", "is active", "active yn", "active flag", "activo", "activa", "esta activo", NULL,
};

/* How a column of the enroller or placement fields is named. */
typedef enum
{
  TREE_NAME_NONE,
  TREE_NAME_ENROLLER,     /* "Enroller ID": the enroller, always */
  TREE_NAME_SPONSOR,      /* "Sponsor ID": either */
  TREE_NAME_PLACEMENT,    /* "Upline ID": the placement, or the enroller alone */
} TreeName;

DlCsvField
dl_csv_field_from_name (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    for (guint j = 0; synonyms[i].names[j] != NULL; j++)
      if (g_str_equal (name, synonyms[i].names[j]))
        return synonyms[i].field;

  return DL_CSV_FIELD_IGNORE;
}

static TreeName
tree_name_of (const DlCsvTable *table,
              guint             column)
{
  g_autofree char *name = dl_csv_normalize_header (dl_csv_table_get (table, 0, column));

  switch (dl_csv_field_from_name (name))
    {
    case DL_CSV_FIELD_SPONSOR_NUMBER:
      return g_strv_contains (sponsor_names, name) ? TREE_NAME_SPONSOR : TREE_NAME_ENROLLER;
    case DL_CSV_FIELD_PLACEMENT_NUMBER:
      return TREE_NAME_PLACEMENT;
    default:
      return TREE_NAME_NONE;
    }
}

DlCsvField
dl_csv_field_from_header (const char *header)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, DL_CSV_FIELD_IGNORE);

  name = dl_csv_normalize_header (header);
  return dl_csv_field_from_name (name);
}

static const char *const field_keys[DL_CSV_N_FIELDS] = {
  [DL_CSV_FIELD_IGNORE] = "ignore",
  [DL_CSV_FIELD_MEMBER_NUMBER] = "member",
  [DL_CSV_FIELD_SPONSOR_NUMBER] = "sponsor",
  [DL_CSV_FIELD_FIRST_NAME] = "first-name",
  [DL_CSV_FIELD_LAST_NAME] = "last-name",
  [DL_CSV_FIELD_FULL_NAME] = "name",
  [DL_CSV_FIELD_JOINED_ON] = "joined",
  [DL_CSV_FIELD_RANK] = "rank",
  [DL_CSV_FIELD_STATUS] = "status",
  [DL_CSV_FIELD_EMAIL] = "email",
  [DL_CSV_FIELD_PHONE] = "phone",
  [DL_CSV_FIELD_LAST_ORDER] = "last-order",
  [DL_CSV_FIELD_CITY] = "city",
  [DL_CSV_FIELD_ROLE] = "role",
  [DL_CSV_FIELD_PV] = "pv",
  [DL_CSV_FIELD_GV] = "gv",
  [DL_CSV_FIELD_AUTOSHIP] = "autoship",
  [DL_CSV_FIELD_PLACEMENT_NUMBER] = "placement",
  [DL_CSV_FIELD_SIDE] = "side",
  [DL_CSV_FIELD_COUNTRY] = "country",
  [DL_CSV_FIELD_FIRST_ORDER] = "first-order",
  [DL_CSV_FIELD_PAID_RANK] = "paid-rank",
  [DL_CSV_FIELD_NEXT_AUTOSHIP] = "next-autoship",
  [DL_CSV_FIELD_RENEWAL] = "renewal",
  [DL_CSV_FIELD_QUALIFIED] = "qualified",
  [DL_CSV_FIELD_TERMINATED] = "terminated",
  [DL_CSV_FIELD_LEFT_VOLUME] = "left-volume",
  [DL_CSV_FIELD_RIGHT_VOLUME] = "right-volume",
};

const char *
dl_csv_field_get_key (DlCsvField field)
{
  g_return_val_if_fail (field < DL_CSV_N_FIELDS, NULL);

  return field_keys[field];
}

gboolean
dl_csv_field_from_key (const char *key,
                       DlCsvField *field)
{
  g_return_val_if_fail (key != NULL && field != NULL, FALSE);

  for (guint f = 0; f < DL_CSV_N_FIELDS; f++)
    if (g_ascii_strcasecmp (key, field_keys[f]) == 0)
      {
        *field = (DlCsvField) f;
        return TRUE;
      }
  return FALSE;
}

int
dl_csv_table_find_column (const DlCsvTable *table,
                          const char       *column)
{
  g_autofree char *wanted = NULL;
  guint n = dl_csv_table_get_n_columns (table);
  char *end = NULL;
  guint64 number;

  g_return_val_if_fail (table != NULL && column != NULL, -1);

  wanted = g_utf8_casefold (column, -1);
  g_strstrip (wanted);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *header = g_utf8_casefold (dl_csv_table_get (table, 0, c), -1);

      if (g_str_equal (g_strstrip (header), wanted))
        return (int) c;
    }

  number = g_ascii_strtoull (column, &end, 10);
  if (end != column && *end == '\0' && number >= 1 && number <= n)
    return (int) number - 1;
  return -1;
}

DlCsvMapping *
dl_csv_mapping_new (guint n_columns)
{
  DlCsvMapping *mapping = g_new0 (DlCsvMapping, 1);

  mapping->n_columns = n_columns;
  mapping->columns = g_new0 (DlCsvField, MAX (n_columns, 1));
  mapping->names_column = -1;
  return mapping;
}

void
dl_csv_mapping_free (DlCsvMapping *mapping)
{
  if (mapping == NULL)
    return;

  g_free (mapping->columns);
  g_free (mapping);
}

void
dl_csv_mapping_set (DlCsvMapping *mapping,
                    guint         column,
                    DlCsvField    field)
{
  g_return_if_fail (mapping != NULL);
  g_return_if_fail (column < mapping->n_columns);
  g_return_if_fail (field < DL_CSV_N_FIELDS);

  if (field != DL_CSV_FIELD_IGNORE)
    for (guint i = 0; i < mapping->n_columns; i++)
      if (mapping->columns[i] == field)
        mapping->columns[i] = DL_CSV_FIELD_IGNORE;
  mapping->columns[column] = field;
}

int
dl_csv_mapping_find (const DlCsvMapping *mapping,
                     DlCsvField          field)
{
  g_return_val_if_fail (mapping != NULL, -1);

  for (guint i = 0; i < mapping->n_columns; i++)
    if (mapping->columns[i] == field)
      return (int) i;

  return -1;
}

DlCsvMapping *
dl_csv_mapping_guess (const DlCsvTable *table)
{
  guint n = dl_csv_table_get_n_columns (table);
  DlCsvMapping *mapping = dl_csv_mapping_new (n);
  int named[TREE_NAME_PLACEMENT + 1] = { -1, -1, -1, -1 };
  int active = -1;
  int paid;
  int enroller;
  int placement;
  int first;

  /* Among columns of one field the first wins; the enroller and the
   * placement are decided together, by the rule in dl-csv-import.h. */
  for (guint c = 0; c < n; c++)
    {
      TreeName tree = tree_name_of (table, c);
      DlCsvField field;

      if (tree != TREE_NAME_NONE)
        {
          if (named[tree] < 0)
            named[tree] = (int) c;
          continue;
        }
      field = dl_csv_field_from_header (dl_csv_table_get (table, 0, c));
      if (field != DL_CSV_FIELD_IGNORE && dl_csv_mapping_find (mapping, field) < 0)
        mapping->columns[c] = field;
      else if (field == DL_CSV_FIELD_IGNORE && active < 0)
        {
          g_autofree char *name = dl_csv_normalize_header (dl_csv_table_get (table, 0, c));

          if (g_strv_contains (active_names, name))
            active = (int) c;
        }
    }

  if (active >= 0 && dl_csv_mapping_find (mapping, DL_CSV_FIELD_STATUS) < 0)
    mapping->columns[active] = DL_CSV_FIELD_STATUS;
  /* one rank column, even one named for the paid rank, is the rank, as
   * it was before the paid rank had a field: the member's and the
   * month's */
  paid = dl_csv_mapping_find (mapping, DL_CSV_FIELD_PAID_RANK);
  if (paid >= 0 && dl_csv_mapping_find (mapping, DL_CSV_FIELD_RANK) < 0)
    mapping->columns[paid] = DL_CSV_FIELD_RANK;

  if (named[TREE_NAME_ENROLLER] >= 0)
    {
      enroller = named[TREE_NAME_ENROLLER];
      placement = named[TREE_NAME_PLACEMENT] >= 0 ? named[TREE_NAME_PLACEMENT] : named[TREE_NAME_SPONSOR];
    }
  else if (named[TREE_NAME_SPONSOR] >= 0)
    {
      enroller = named[TREE_NAME_SPONSOR];
      placement = named[TREE_NAME_PLACEMENT];
    }
  else
    {
      /* an upline alone stands in for the enroller */
      enroller = named[TREE_NAME_PLACEMENT];
      placement = -1;
    }
  if (enroller >= 0)
    mapping->columns[enroller] = DL_CSV_FIELD_SPONSOR_NUMBER;
  if (placement >= 0)
    mapping->columns[placement] = DL_CSV_FIELD_PLACEMENT_NUMBER;

  /* Spanish "Nombre" is the first name beside an "Apellidos" column and
   * the whole name without one. */
  first = dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_NAME);
  if (first >= 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_NAME) < 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME) < 0)
    {
      g_autofree char *name = dl_csv_normalize_header (dl_csv_table_get (table, 0, (guint) first));

      if (g_str_equal (name, "nombre") || g_str_equal (name, "nombres"))
        mapping->columns[first] = DL_CSV_FIELD_FULL_NAME;
    }

  if (dl_csv_column_has_names (table, dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER)))
    mapping->names_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER);

  return mapping;
}

int
dl_csv_mapping_find_ambiguous_sponsor (const DlCsvTable   *table,
                                       const DlCsvMapping *mapping)
{
  int enroller;
  int placement;
  int column;

  g_return_val_if_fail (table != NULL && mapping != NULL, -1);
  g_return_val_if_fail (mapping->n_columns == dl_csv_table_get_n_columns (table), -1);

  enroller = dl_csv_mapping_find (mapping, DL_CSV_FIELD_SPONSOR_NUMBER);
  placement = dl_csv_mapping_find (mapping, DL_CSV_FIELD_PLACEMENT_NUMBER);
  /* one column for one of the two: with both, the file says which is which */
  if ((enroller >= 0) == (placement >= 0))
    return -1;
  column = enroller >= 0 ? enroller : placement;
  if (tree_name_of (table, (guint) column) != TREE_NAME_SPONSOR)
    return -1;

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      TreeName tree = tree_name_of (table, c);

      if ((int) c != column && (tree == TREE_NAME_ENROLLER || tree == TREE_NAME_PLACEMENT))
        return -1;
    }

  return column;
}

gboolean
dl_csv_mapping_sponsor_is_ambiguous (const DlCsvTable   *table,
                                     const DlCsvMapping *mapping)
{
  return dl_csv_mapping_find_ambiguous_sponsor (table, mapping) >= 0;
}

gboolean
dl_csv_mapping_apply_sponsor_means (const DlCsvTable  *table,
                                    DlCsvMapping      *mapping,
                                    DlCsvSponsorMeans  means)
{
  int column = dl_csv_mapping_find_ambiguous_sponsor (table, mapping);

  g_return_val_if_fail (means == DL_CSV_SPONSOR_MEANS_ENROLLER || means == DL_CSV_SPONSOR_MEANS_PLACEMENT,
                        FALSE);

  if (column < 0)
    return FALSE;
  dl_csv_mapping_set (mapping, (guint) column,
                      means == DL_CSV_SPONSOR_MEANS_PLACEMENT ? DL_CSV_FIELD_PLACEMENT_NUMBER
                                                              : DL_CSV_FIELD_SPONSOR_NUMBER);
  return TRUE;
}

gboolean
dl_csv_mapping_check (const DlCsvMapping  *mapping,
                      GError             **error)
{
  g_return_val_if_fail (mapping != NULL, FALSE);

  if (dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER) < 0)
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING,
                           _("No column holds the member number. Choose which column has it: "
                             "it is how next month’s file finds the same people."));
      return FALSE;
    }

  if (dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_NAME) < 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_NAME) < 0 &&
      dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME) < 0 &&
      (mapping->names_column < 0 || (guint) mapping->names_column >= mapping->n_columns ||
       mapping->columns[mapping->names_column] != DL_CSV_FIELD_MEMBER_NUMBER))
    {
      g_set_error_literal (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING,
                           _("No column holds the names. Choose the column with the full name, "
                             "or the ones with the first and last names."));
      return FALSE;
    }

  return TRUE;
}

char *
dl_csv_table_layout_key (const DlCsvTable *table)
{
  g_autoptr(GString) names = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (table != NULL, NULL);

  n = dl_csv_table_get_n_columns (table);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *name = dl_csv_normalize_header (dl_csv_table_get (table, 0, c));

      g_string_append (names, name);
      g_string_append_c (names, '\t');
    }
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, names->str, names->len);
}

char *
dl_csv_mapping_to_text (const DlCsvMapping *mapping)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (mapping != NULL, NULL);

  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->columns[c] != DL_CSV_FIELD_IGNORE)
      g_string_append_printf (text, "%s=%u\n", dl_csv_field_get_key (mapping->columns[c]), c + 1);
  return g_string_free (text, FALSE);
}

gboolean
dl_csv_mapping_from_text (DlCsvMapping *mapping,
                          const char   *text)
{
  g_auto(GStrv) lines = NULL;
  g_autofree DlCsvField *columns = NULL;

  g_return_val_if_fail (mapping != NULL && text != NULL, FALSE);

  /* all or nothing: a line that does not fit leaves the mapping as it was */
  columns = g_new0 (DlCsvField, MAX (mapping->n_columns, 1));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');
      g_autofree char *key = NULL;
      DlCsvField field;
      guint64 column;

      if (*lines[i] == '\0')
        continue;
      if (eq == NULL)
        return FALSE;
      key = g_strndup (lines[i], (gsize) (eq - lines[i]));
      if (!dl_csv_field_from_key (key, &field)
          || !g_ascii_string_to_unsigned (eq + 1, 10, 1, mapping->n_columns, &column, NULL))
        return FALSE;
      columns[column - 1] = field;
    }
  for (guint c = 0; c < mapping->n_columns; c++)
    mapping->columns[c] = DL_CSV_FIELD_IGNORE;
  for (guint c = 0; c < mapping->n_columns; c++)
    if (columns[c] != DL_CSV_FIELD_IGNORE)
      dl_csv_mapping_set (mapping, c, columns[c]);
  return TRUE;
}

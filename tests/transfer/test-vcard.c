/* test-vcard.c — phone contacts in, selected people out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "dl-store-export.h"
#include "dl-store-import.h"
#include "dl-store-private.h"
#include "dl-vcard.h"

static GPtrArray *
parse_text (const char *text)
{
  return dl_vcard_parse (text, strlen (text));
}

static GPtrArray *
load_sample (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "phone-contacts.vcf", NULL);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  return dl_vcard_parse (text, length);
}

static void
test_parse_sample (void)
{
  g_autoptr(GPtrArray) cards = load_sample ();
  DlVCard *c;

  g_assert_cmpuint (cards->len, ==, 6);
  if (cards->len != 6)
    return;

  c = cards->pdata[0];
  g_assert_cmpuint (c->line, ==, 1);
  g_assert_cmpstr (c->first_name, ==, "Chiamaka");
  g_assert_cmpstr (c->last_name, ==, "Okonkwo");
  g_assert_cmpuint (c->emails->len, ==, 1);
  g_assert_cmpstr (c->emails->pdata[0], ==, "chiamaka@example.com");
  g_assert_cmpstr (c->phones->pdata[0], ==, "+1 (555) 010-3344");
  g_assert_cmpstr (c->city, ==, "Portland");
  g_assert_cmpstr (c->note, ==, "Met at the farmers, market\nLikes the tea line");

  c = cards->pdata[1];
  g_assert_cmpuint (c->line, ==, 10);
  g_assert_cmpstr (c->full_name, ==, "Dmitri Volkov");
  g_assert_cmpuint (c->emails->len, ==, 2);
  g_assert_cmpstr (c->phones->pdata[0], ==, "+44-20-7946-0018");
  g_assert_cmpstr (c->organization, ==, "Volkov Design");
  /* the folded line joins without its leading space */
  g_assert_nonnull (strstr (c->note, "business side"));

  c = cards->pdata[2];
  g_assert_cmpstr (c->first_name, ==, "Begoña");
  g_assert_cmpstr (c->last_name, ==, "Muñoz");

  c = cards->pdata[3];
  g_assert_cmpstr (c->first_name, ==, "Chiamaka");
  g_assert_cmpstr (c->last_name, ==, "O.");

  c = cards->pdata[4];
  g_assert_cmpstr (c->first_name, ==, "");
  g_assert_cmpstr (c->last_name, ==, "");

  c = cards->pdata[5];
  g_assert_cmpstr (c->first_name, ==, "Sam");
}

/* Broken files: whatever comes, no crash and nothing invented. */
/* A card with only FN splits as quick add and the CSV import split a
 * whole name (dl-name.h). */
static void
test_full_name_split (void)
{
  g_autoptr(GPtrArray) cards = parse_text ("BEGIN:VCARD\nFN:Ana\tMaría  Ruiz\nEND:VCARD\n"
                                           "BEGIN:VCARD\nFN:Ruiz García\\, Ana María\nEND:VCARD\n");

  g_assert_cmpuint (cards->len, ==, 2);
  if (cards->len != 2)
    return;
  g_assert_cmpstr (((DlVCard *) cards->pdata[0])->first_name, ==, "Ana");
  g_assert_cmpstr (((DlVCard *) cards->pdata[0])->last_name, ==, "María Ruiz");
  g_assert_cmpstr (((DlVCard *) cards->pdata[1])->first_name, ==, "Ana María");
  g_assert_cmpstr (((DlVCard *) cards->pdata[1])->last_name, ==, "Ruiz García");
}

static void
test_parse_odd (void)
{
  static const struct { const char *text; guint n_cards; const char *first; } cases[] = {
    { "", 0, NULL },
    { "hello\nworld\n", 0, NULL },
    { "BEGIN:VCARD\nFN:Cut Short", 1, "Cut" },
    { "BEGIN:VCARD\nN:Lee;Ann\nBEGIN:VCARD\nN:Kim;Bo\nEND:VCARD\n", 2, "Ann" },
    { "begin:vcard\nfn:lower case\nend:vcard\n", 1, "lower" },
    { "BEGIN:VCARD\nN:\\;\\\\;\\,\nEND:VCARD\n", 1, "," },
    { "BEGIN:VCARD\nNOPE\n:\n;;;\nEMAIL:\nEND:VCARD\n", 1, "" },
    { "BEGIN:VCARD\n FOLDED:AT START\nEND:VCARD\n", 1, "" },
    { "END:VCARD\nEND:VCARD\n", 0, NULL },
    { "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=4C=\nee;=41nn\nEND:VCARD\n", 1, "Ann" },
    /* bytes that are no UTF-8 are taken as Windows-1252 */
    { "BEGIN:VCARD\nN;ENCODING=QUOTED-PRINTABLE:=FF=FE;=C3\nEND:VCARD\n", 1, "\xC3\x83" },
    /* a charset said, and one not: accents either way */
    { "BEGIN:VCARD\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Ib=E1=F1ez;Bego=F1a\nEND:VCARD\n", 1, "Bego\xC3\xB1" "a" },
    { "BEGIN:VCARD\nN;CHARSET=\"UTF-8\";ENCODING=QUOTED-PRINTABLE:L=C3=B3pez;Mar=C3=ADa\nEND:VCARD\n", 1, "Mar\xC3\xAD" "a" },
    { "BEGIN:VCARD\nVERSION:2.1\nN:Pe\xF1" "a;Mar\xED" "a\nEND:VCARD\n", 1, "Mar\xC3\xAD" "a" },
    { "BEGIN:VCARD\nN;CHARSET=NO-SUCH-CHARSET;ENCODING=QUOTED-PRINTABLE:X;=E9ric\nEND:VCARD\n", 1, "\xC3\xA9ric" },
    /* a UTF-8 file with one stray byte stays UTF-8 */
    { "BEGIN:VCARD\nN:L\xC3\xB3pez;Mar\xC3\xAD" "a\nNOTE:\xFF\nEND:VCARD\n", 1, "Mar\xC3\xAD" "a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) cards = parse_text (cases[i].text);

      g_test_message ("case %u", i);
      g_assert_cmpuint (cards->len, ==, cases[i].n_cards);
      if (cases[i].first != NULL && cards->len > 0)
        g_assert_cmpstr (((DlVCard *) cards->pdata[0])->first_name, ==, cases[i].first);
    }
}

static void
test_write_round_trip (void)
{
  g_autoptr(DlVCard) card = dl_vcard_new ();
  g_autoptr(GPtrArray) back = NULL;
  g_autofree char *text = NULL;
  DlVCard *b;
  const char *p;

  card->first_name = g_strdup ("José; \"Pepe\"");
  card->last_name = g_strdup ("Martínez, Jr.");
  card->note = g_strdup ("Line one\nLine two with a comma, and a semicolon; and a backslash \\ "
                         "and enough ñññññññññññññññññññññññññññññññ text to need folding");
  card->city = g_strdup ("Jerez de la Frontera");
  g_ptr_array_add (card->emails, g_strdup ("pepe@example.es"));
  g_ptr_array_add (card->phones, g_strdup ("+34 600 111 223"));

  text = dl_vcard_write (card);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCARD\r\nVERSION:3.0\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCARD\r\n"));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* no line longer than 75 bytes */
  for (p = text; *p;)
    {
      const char *eol = strstr (p, "\r\n");

      g_assert_nonnull (eol);
      if (eol == NULL)
        break;
      g_assert_cmpint (eol - p, <=, 75);
      p = eol + 2;
    }

  back = parse_text (text);
  g_assert_cmpuint (back->len, ==, 1);
  if (back->len != 1)
    return;
  b = back->pdata[0];
  g_assert_cmpstr (b->first_name, ==, card->first_name);
  g_assert_cmpstr (b->last_name, ==, card->last_name);
  g_assert_cmpstr (b->note, ==, card->note);
  g_assert_cmpstr (b->city, ==, card->city);
  g_assert_cmpstr (b->emails->pdata[0], ==, "pepe@example.es");
  g_assert_cmpstr (b->phones->pdata[0], ==, "+34 600 111 223");
}

static void
test_phone_key (void)
{
  g_autofree char *a = dl_vcard_phone_key ("+1 (555) 010-3344");
  g_autofree char *b = dl_vcard_phone_key ("555.010.3344");
  g_autofree char *c = dl_vcard_phone_key ("");

  g_assert_cmpstr (a, ==, "550103344");
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "");
}

typedef struct
{
  char    *dir;
  DlStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("downline-vcard-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static int
count (DlStore    *store,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n = -1;

  sqlite3_prepare_v2 (dl_store_get_handle (store), sql, -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = load_sample ();
  g_autoptr(GError) error = NULL;
  DlVCardReport report = { 0 };
  gboolean found_dup = FALSE;
  gboolean found_noname = FALSE;

  g_assert_true (dl_store_import_vcards (f->store, cards, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_added, ==, 4);
  g_assert_cmpuint (report.n_duplicates, ==, 1);
  g_assert_cmpuint (report.skipped->len, ==, 2);
  for (guint i = 0; i < report.skipped->len; i++)
    {
      const char *s = report.skipped->pdata[i];

      g_test_message ("%s", s);
      found_dup |= strstr (s, "same phone number as Chiamaka Okonkwo") != NULL;
      found_noname |= strstr (s, "no name") != NULL;
    }
  g_assert_true (found_dup);
  g_assert_true (found_noname);

  /* all in the first open stage */
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM prospect WHERE stage_id = "
                          "(SELECT id FROM stage WHERE kind = 'open' ORDER BY position LIMIT 1)"), ==, 4);
  g_assert_cmpint (count (f->store,
                          "SELECT count(*) FROM person WHERE first_name = 'Dmitri' AND notes LIKE '%dima@example.net%'"), ==, 1);

  /* the same file again: everyone is a duplicate now */
  g_assert_true (dl_store_import_vcards (f->store, cards, &report, &error));
  g_assert_cmpuint (report.n_added, ==, 0);
  g_assert_cmpuint (report.n_duplicates, ==, 5);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM prospect"), ==, 4);
  dl_vcard_report_clear (&report);
}

/* Duplicates by email ignore case; by name ignore case too. */
static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = parse_text ("BEGIN:VCARD\nFN:Ann Lee\nEMAIL:ANN@example.com\nEND:VCARD\n"
                                           "BEGIN:VCARD\nFN:Annie L\nEMAIL:ann@EXAMPLE.com\nEND:VCARD\n"
                                           "BEGIN:VCARD\nFN:ann lee\nEND:VCARD\n"
                                           "BEGIN:VCARD\nFN:Bo Kim\nTEL:12\nEND:VCARD\n"
                                           "BEGIN:VCARD\nFN:Cy Kim\nTEL:12\nEMAIL:not an email\nEND:VCARD\n");
  DlVCardReport report = { 0 };

  g_assert_true (dl_store_import_vcards (f->store, cards, &report, NULL));
  /* short numbers do not count as the same phone */
  g_assert_cmpuint (report.n_added, ==, 3);
  g_assert_cmpuint (report.n_duplicates, ==, 2);
  /* an email Downline would refuse is kept in the notes */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM person WHERE first_name = 'Cy' AND email = '' "
                                    "AND notes LIKE '%not an email%'"), ==, 1);
  dl_vcard_report_clear (&report);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = load_sample ();
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out.vcf", NULL);
  g_autofree char *text = NULL;
  DlVCardReport report = { 0 };
  gint64 ids[2];
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_true (dl_store_import_vcards (f->store, cards, &report, NULL));
  dl_vcard_report_clear (&report);

  sqlite3_prepare_v2 (dl_store_get_handle (f->store),
                      "SELECT id FROM person WHERE first_name IN ('Begoña', 'Chiamaka') ORDER BY id", -1, &stmt, NULL);
  while (n < 2 && sqlite3_step (stmt) == SQLITE_ROW)
    ids[n++] = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, 2);

  g_assert_true (dl_store_export_vcards (f->store, ids, n, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  back = parse_text (text);
  g_assert_cmpuint (back->len, ==, 2);
  if (back->len == 2)
    {
      g_assert_cmpstr (((DlVCard *) back->pdata[0])->first_name, ==, "Chiamaka");
      g_assert_cmpstr (((DlVCard *) back->pdata[0])->city, ==, "Portland");
      g_assert_cmpstr (((DlVCard *) back->pdata[1])->last_name, ==, "Muñoz");
    }
}

/* Real-world shapes (tests/transfer/data/real-world/) ---------------- */

static GPtrArray *
load_real (const char *name)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "real-world", name, NULL);
  g_autofree char *text = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  return dl_vcard_parse (text, length);
}

/* Imports the fixture and compares every person stored, in order, as
 * "first|last|email|phone|notes". */
static void
assert_imported (Fixture            *f,
                 const char         *name,
                 const char * const *expected,
                 guint               n_duplicates)
{
  g_autoptr(GPtrArray) cards = load_real (name);
  g_autoptr(GError) error = NULL;
  DlVCardReport report = { 0 };
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_test_message ("%s", name);
  g_assert_true (dl_store_import_vcards (f->store, cards, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_duplicates, ==, n_duplicates);
  for (guint i = 0; report.skipped != NULL && i < report.skipped->len; i++)
    g_test_message ("skipped: %s", (char *) report.skipped->pdata[i]);

  sqlite3_prepare_v2 (dl_store_get_handle (f->store),
                      "SELECT first_name || '|' || last_name || '|' || email || '|' || phone || '|' || notes "
                      "FROM person JOIN prospect ON prospect.person_id = person.id ORDER BY person.id",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_nonnull (expected[n]);
      if (expected[n] == NULL)
        break;
      g_assert_cmpstr (row, ==, expected[n]);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_null (expected[n]);
  dl_vcard_report_clear (&report);
}

static void
test_real_shift_jis (Fixture       *f,
                     gconstpointer  data)
{
  const char *expected[] = { "太郎|山田||090-1234-5678|", "佐藤|花子||080-2222-3333|", NULL };

  assert_imported (f, "shift-jis.vcf", expected, 0);
}

static void
test_real_windows_1251 (Fixture       *f,
                        gconstpointer  data)
{
  const char *expected[] = { "Пётр|Иванов|petr@example.ru||", "Ольга|Смирнова|olga@example.ru||", NULL };

  assert_imported (f, "windows-1251.vcf", expected, 0);
}

/* one Latin-1 card garbles neither itself nor the UTF-8 ones around it */
static void
test_real_mixed_charset (Fixture       *f,
                         gconstpointer  data)
{
  const char *expected[] = { "José|Núñez|jose@example.es||", "Jürgen|Müller|juergen@example.de||",
                             "Zoë|Brontë|zoe@example.org||", NULL };

  assert_imported (f, "mixed-charset.vcf", expected, 0);
}

static void
test_real_split_fold (Fixture       *f,
                      gconstpointer  data)
{
  const char *expected[] = { "Begoña|Muñoz|begona@example.es||", "Ana|Pi|ana@example.es||", NULL };

  assert_imported (f, "split-utf8-fold.vcf", expected, 0);
}

static void
test_real_lowercase_qp (Fixture       *f,
                        gconstpointer  data)
{
  const char *expected[] = { "Begoña|Muñoz|begona@example.es||asked about QUOTED-PRINTABLE=", NULL };

  assert_imported (f, "lowercase-qp.vcf", expected, 0);
}

/* PREF, then mobile; every other number and address in the notes; a
 * phone the dialog refuses is not kept as the phone; extensions stay */
static void
test_real_pref (Fixture       *f,
                gconstpointer  data)
{
  const char *expected[] = {
    "Dora|Lind|dora@example.se|+46 70 111 22 33|Email: dora.work@example.se\nPhone: +46 8 999 000\nPhone: +46 8 123 456",
    "Bo|Berg|bo.berg@example.se|+46 8 777 000|Email: bo@example.se\nPhone: +46 70 222 00 00",
    "Cy|Ek||555 0100 x123|Email: not an address\nPhone: call after 6\nPhone: +1-555-0199;ext=102",
    NULL
  };

  assert_imported (f, "pref.vcf", expected, 0);
}

/* colleagues share the switchboard: not duplicates; a shared mobile is */
static void
test_real_shared_office (Fixture       *f,
                         gconstpointer  data)
{
  const char *expected[] = { "Grace|Okafor||+44 20 7946 0000|", "Kwame|Mensah||+44 20 7946 0000|",
                             "G.|Okafor||+44 7700 900123|", NULL };

  assert_imported (f, "shared-office-phone.vcf", expected, 1);
}

/* old-Mac CR line ends; cards with only an e-mail or a nickname */
static void
test_real_cr_only (Fixture       *f,
                   gconstpointer  data)
{
  const char *expected[] = { "Luca|Rossi|luca@example.it||", "only.mail@example.it||only.mail@example.it||",
                             "Nonna|||+39 333 123 4567|", NULL };

  assert_imported (f, "cr-only.vcf", expected, 0);
}

/* Texts past the dialogs' 500 characters are cut, and the report says
 * so; a phone with typographic dashes is normalised, not refused. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCARD\nN:Long;");
  g_autoptr(GPtrArray) cards = NULL;
  DlVCardReport report = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 600; i++)
    g_string_append (text, "ñ");
  g_string_append (text, "\nTEL:+34 600–111–222\nNOTE:");
  for (guint i = 0; i < 700; i++)
    g_string_append_c (text, 'n');
  g_string_append (text, "\nEND:VCARD\n");
  cards = parse_text (text->str);

  g_assert_true (dl_store_import_vcards (f->store, cards, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_added, ==, 1);
  g_assert_cmpint (count (f->store, "SELECT length (first_name) FROM person"), ==, 500);
  g_assert_cmpint (count (f->store, "SELECT length (notes) FROM person"), ==, 500);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM person WHERE phone = '+34 600-111-222'"), ==, 1);
  g_assert_cmpuint (report.changed->len, ==, 2);
  dl_vcard_report_clear (&report);
}

/* What the import cut or moved is counted, each kind on its own, and
 * said in one sentence; a card kept as it was adds nothing to it. */
static void
test_report_counts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = load_real ("cut-and-moved.vcf");
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  DlVCardReport report = { 0 };
  DlVCardReport two = { 0 };
  g_autofree char *two_said = NULL;

  g_assert_true (dl_store_import_vcards (f->store, cards, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_added, ==, 4);
  /* Ann's last name and company, Bo's notes, Cy's city */
  g_assert_cmpuint (report.n_shortened, ==, 4);
  g_assert_cmpuint (report.changed->len, ==, 4);
  /* Ann's home and work phones, Cy's work phone; Ann's work e-mail */
  g_assert_cmpuint (report.n_extra_phones, ==, 3);
  g_assert_cmpuint (report.n_extra_emails, ==, 1);
  /* Bo's "call after 6" and "not an address" */
  g_assert_cmpuint (report.n_refused_phones, ==, 1);
  g_assert_cmpuint (report.n_refused_emails, ==, 1);
  for (guint i = 0; i < report.changed->len; i++)
    g_test_message ("%s", (char *) report.changed->pdata[i]);
  g_assert_true (g_str_has_prefix (report.changed->pdata[0], "line 1: Ann Longname"));
  g_assert_true (g_str_has_suffix (report.changed->pdata[0], ": the last name was cut to 500 characters"));
  g_assert_cmpstr (report.changed->pdata[3], ==, "line 42: Cy Ode: the city was cut to 500 characters");

  said = dl_vcard_report_describe (&report);
  g_assert_cmpstr (said, ==,
                   "4 long fields were shortened, 3 extra phone numbers were kept in the notes, "
                   "1 extra e-mail was kept in the notes, 1 phone number that is not valid was moved "
                   "to the notes and 1 e-mail that is not valid was moved to the notes.");
  g_assert_cmpint (count (f->store, "SELECT length (notes) FROM person WHERE first_name = 'Bo'"), ==, 500);
  g_assert_cmpint (count (f->store, "SELECT length (city) FROM person WHERE first_name = 'Cy'"), ==, 500);
  dl_vcard_report_clear (&report);

  /* the same cards again are duplicates: nothing is cut or moved */
  g_assert_true (dl_store_import_vcards (f->store, cards, &report, &error));
  g_assert_cmpuint (report.n_duplicates, ==, 4);
  g_assert_null (dl_vcard_report_describe (&report));
  dl_vcard_report_clear (&report);

  two.n_shortened = 3;
  two.n_extra_phones = 5;
  two_said = dl_vcard_report_describe (&two);
  g_assert_cmpstr (two_said, ==, "3 long fields were shortened and 5 extra phone numbers were kept in the notes.");
}

/* Each value decoded on its own; parameters in any case. */
static void
test_parse_charsets (void)
{
  static const struct { const char *text; const char *first; const char *last; guint n_emails; } cases[] = {
    /* CHARSET without quoted-printable */
    { "BEGIN:VCARD\nN;CHARSET=ISO-8859-1:M\xfcller;J\xfcrgen\nEND:VCARD\n", "J\xc3\xbcrgen", "M\xc3\xbcller", 0 },
    { "BEGIN:VCARD\nN;charset=windows-1251:\xc8\xe2\xe0\xed\xee\xe2;\xcf\xb8\xf2\xf0\nEND:VCARD\n",
      "Пётр", "Иванов", 0 },
    /* a lower-case encoding with a soft break */
    { "BEGIN:VCARD\nN;encoding=quoted-printable:Lee;A=\nnn\nEND:VCARD\n", "Ann", "Lee", 0 },
    /* a value that says QUOTED-PRINTABLE and ends in "=" does not join the next line */
    { "BEGIN:VCARD\nN:Lee;Ann\nNOTE:QUOTED-PRINTABLE=\nEMAIL:ann@example.org\nEND:VCARD\n", "Ann", "Lee", 1 },
    /* a fold inside a UTF-8 character */
    { "BEGIN:VCARD\nN:Mu\xc3\n \xb1oz;Ana\nEND:VCARD\n", "Ana", "Muñoz", 0 },
    /* base64 text, CR-only lines */
    { "BEGIN:VCARD\rN;ENCODING=b:TGVlO0Fubg==\rEND:VCARD\r", "Ann", "Lee", 0 },
    { "BEGIN:VCARD\nNICKNAME:Bibi,Bea\nEND:VCARD\n", "Bibi", "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) cards = parse_text (cases[i].text);

      g_test_message ("case %u", i);
      g_assert_cmpuint (cards->len, ==, 1);
      if (cards->len != 1)
        continue;
      g_assert_cmpstr (((DlVCard *) cards->pdata[0])->first_name, ==, cases[i].first);
      g_assert_cmpstr (((DlVCard *) cards->pdata[0])->last_name, ==, cases[i].last);
      g_assert_cmpuint (((DlVCard *) cards->pdata[0])->emails->len, ==, cases[i].n_emails);
    }
}

/* 20,000 cards in one import, each at its own place in the stage.  How
 * fast is bench-vcard's to say (cards per second at 10k, 100k and 200k):
 * a timed test fails on a busy or sanitized machine, not on slow code. */
static void
test_many_cards_fast (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) cards = NULL;
  DlVCardReport report = { 0 };

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "BEGIN:VCARD\nN:Person%u;Ann\nEMAIL:ann%u@example.org\n"
                                  "TEL;TYPE=CELL:+34 600 %06u\nEND:VCARD\n", i, i, i);
  cards = parse_text (text->str);
  g_assert_true (dl_store_import_vcards (f->store, cards, &report, NULL));
  g_assert_cmpuint (report.n_added, ==, 20000);
  g_assert_cmpint (count (f->store, "SELECT count(DISTINCT position) FROM prospect"), ==, 20000);
  dl_vcard_report_clear (&report);
}

typedef struct
{
  GMainLoop     *loop;
  GAsyncResult  *result;
  GCancellable  *cancel_at_progress;
  guint          n_progress;
  guint          last_done;
  gboolean       progress_in_main_thread;
} AsyncRun;

static void
on_progress (guint    done,
             guint    total,
             gpointer data)
{
  AsyncRun *run = data;

  run->n_progress++;
  run->last_done = done;
  run->progress_in_main_thread |= g_main_context_is_owner (g_main_context_default ());
  if (run->cancel_at_progress != NULL)
    g_cancellable_cancel (run->cancel_at_progress);
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  AsyncRun *run = data;

  run->result = g_object_ref (result);
  g_main_loop_quit (run->loop);
}

static GPtrArray *
many_cards (guint n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "BEGIN:VCARD\nN:Person%u;Ann\nEMAIL:ann%u@example.org\nEND:VCARD\n", i, i);
  return parse_text (text->str);
}

/* Off the main thread, with progress; Cancel leaves nothing behind. */
static void
test_import_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) cards = many_cards (5000);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  DlVCardReport report = { 0 };
  AsyncRun run = { loop, NULL, NULL, 0, 0, FALSE };

  dl_store_import_vcards_async (f->store, cards, NULL, on_progress, &run, on_imported, &run);
  g_main_loop_run (loop);
  g_assert_true (dl_store_import_vcards_finish (f->store, run.result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_added, ==, 5000);
  g_assert_cmpuint (run.n_progress, >=, 5);
  g_assert_cmpuint (run.last_done, ==, 5000);
  g_assert_false (run.progress_in_main_thread);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM prospect"), ==, 5000);
  g_clear_object (&run.result);
  dl_vcard_report_clear (&report);

  /* cancelled while it runs: an error that says so, and not one new row */
  {
    g_autoptr(GPtrArray) more = parse_text ("BEGIN:VCARD\nN:Late;Lou\nEND:VCARD\n"
                                            "BEGIN:VCARD\nN:Later;Liv\nEND:VCARD\n");
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AsyncRun cancelled = { loop, NULL, cancellable, 0, 0, FALSE };

    dl_store_import_vcards_async (f->store, more, cancellable, on_progress, &cancelled, on_imported,
                                  &cancelled);
    g_main_loop_run (loop);
    g_assert_false (dl_store_import_vcards_finish (f->store, cancelled.result, &report, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (report.n_added, ==, 0);
    g_assert_cmpint (count (f->store, "SELECT count(*) FROM person WHERE first_name IN ('Lou', 'Liv')"), ==, 0);
    g_assert_cmpint (count (f->store, "SELECT count(*) FROM prospect"), ==, 5000);
    g_clear_object (&cancelled.result);
    dl_vcard_report_clear (&report);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/vcard/parse-sample", test_parse_sample);
  g_test_add_func ("/vcard/parse-odd", test_parse_odd);
  g_test_add_func ("/vcard/full-name-split", test_full_name_split);
  g_test_add_func ("/vcard/write-round-trip", test_write_round_trip);
  g_test_add_func ("/vcard/phone-key", test_phone_key);
  g_test_add ("/vcard/import", Fixture, NULL, fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/vcard/duplicates", Fixture, NULL, fixture_set_up, test_duplicates, fixture_tear_down);
  g_test_add ("/vcard/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/vcard/report-counts", Fixture, NULL, fixture_set_up, test_report_counts, fixture_tear_down);
  g_test_add_func ("/vcard/parse-charsets", test_parse_charsets);
#define REAL(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  REAL ("/vcard/real/shift-jis", test_real_shift_jis);
  REAL ("/vcard/real/windows-1251", test_real_windows_1251);
  REAL ("/vcard/real/mixed-charset", test_real_mixed_charset);
  REAL ("/vcard/real/split-utf8-fold", test_real_split_fold);
  REAL ("/vcard/real/lowercase-qp", test_real_lowercase_qp);
  REAL ("/vcard/real/pref", test_real_pref);
  REAL ("/vcard/real/shared-office-phone", test_real_shared_office);
  REAL ("/vcard/real/cr-only", test_real_cr_only);
  REAL ("/vcard/limits", test_limits);
  REAL ("/vcard/many-cards-fast", test_many_cards_fast);
  REAL ("/vcard/import-async", test_import_async);
#undef REAL

  return g_test_run ();
}

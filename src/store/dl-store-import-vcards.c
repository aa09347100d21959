/* dl-store-import-vcards.c — people from contact cards (vCard files),
 * with a report of those left out as duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-store-import.h"
#include "dl-store-import-private.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-private.h"
#include "dl-validate.h"

/* ------------------------------------------------------------------ */
/* vCards                                                              */

/* Puts the contact card before the message, as one sentence to translate. */
static void
prefix_error_card (GError     **error,
                   guint        line,
                   const char  *display)
{
  char *message;

  if (error == NULL || *error == NULL)
    return;
  /* Translators: the line of the contact card, its name, then what went wrong */
  message = g_strdup_printf (_("Line %u (%s): %s"), line, display, (*error)->message);
  g_free ((*error)->message);
  (*error)->message = message;
}

/* The counts alone, for a report whose lists stay. */
static void
vcard_report_zero (DlVCardReport *report)
{
  report->n_added = 0;
  report->n_duplicates = 0;
  report->n_shortened = 0;
  report->n_extra_phones = 0;
  report->n_extra_emails = 0;
  report->n_refused_phones = 0;
  report->n_refused_emails = 0;
}

void
dl_vcard_report_clear (DlVCardReport *report)
{
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->changed, g_ptr_array_unref);
  vcard_report_zero (report);
}

char *
dl_vcard_report_describe (const DlVCardReport *report)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sentence = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_shortened > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u long field was shortened",
                                                          "%u long fields were shortened",
                                                          report->n_shortened),
                                             report->n_shortened));
  if (report->n_extra_phones > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u extra phone number was kept in the notes",
                                                          "%u extra phone numbers were kept in the notes",
                                                          report->n_extra_phones),
                                             report->n_extra_phones));
  if (report->n_extra_emails > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u extra e-mail was kept in the notes",
                                                          "%u extra e-mails were kept in the notes",
                                                          report->n_extra_emails),
                                             report->n_extra_emails));
  if (report->n_refused_phones > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u phone number that is not valid was moved to the notes",
                                                          "%u phone numbers that are not valid were moved to the notes",
                                                          report->n_refused_phones),
                                             report->n_refused_phones));
  if (report->n_refused_emails > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u e-mail that is not valid was moved to the notes",
                                                          "%u e-mails that are not valid were moved to the notes",
                                                          report->n_refused_emails),
                                             report->n_refused_emails));
  if (parts->len == 0)
    return NULL;

  /* "a, b, c and d.", each join a sentence of its own to translate */
  sentence = g_strdup (parts->pdata[0]);
  for (guint i = 1; i < parts->len; i++)
    {
      g_autofree char *head = g_steal_pointer (&sentence);

      if (i + 1 < parts->len)
        /* Translators: joins the parts of a list before its last one:
         * "3 long fields were shortened, 5 extra phone numbers were…" */
        sentence = g_strdup_printf (_("%s, %s"), head, (char *) parts->pdata[i]);
      else
        /* Translators: joins the last part of a list to the others */
        sentence = g_strdup_printf (_("%s and %s"), head, (char *) parts->pdata[i]);
    }
  /* Translators: a list of what an import changed, as a sentence */
  return g_strdup_printf (_("%s."), sentence);
}

static char *
name_key (const char *first,
          const char *last)
{
  g_autofree char *full = g_strstrip (g_strdup_printf ("%s %s", first, last));

  return g_utf8_casefold (full, -1);
}

/* Between two prospects put at the end of a stage, as the pipeline's
 * own PROSPECT_GAP. */
#define VCARD_PROSPECT_GAP 1024

typedef struct
{
  GPtrArray     *cards;
  DlVCardReport *report;
  GCancellable  *cancellable;
  DlImportProgressFunc progress;
  gpointer       progress_data;
  GHashTable    *emails;   /* casefolded email → display name */
  GHashTable    *phones;   /* phone key → display name */
  GHashTable    *names;    /* casefolded full name → display name */
} VCardJob;

/* A statement of the import's own connection: finalized, not reset. */
typedef sqlite3_stmt OwnStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OwnStmt, sqlite3_finalize)

static gboolean
read_people_keys (sqlite3   *db,
                  VCardJob  *job,
                  GError   **error)
{
  g_autoptr(OwnStmt) stmt = dl_import_prepare (db, "SELECT first_name, last_name, email, phone FROM person", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = dl_stmt_text (stmt, 0);
      const char *last = dl_stmt_text (stmt, 1);
      const char *email = dl_stmt_text (stmt, 2);
      g_autofree char *phone = dl_vcard_phone_key (dl_stmt_text (stmt, 3));
      char *display = g_strstrip (g_strdup_printf ("%s %s", first, last));

      if (*email != '\0')
        g_hash_table_insert (job->emails, g_utf8_casefold (email, -1), g_strdup (display));
      if (strlen (phone) >= 6)
        g_hash_table_insert (job->phones, g_steal_pointer (&phone), g_strdup (display));
      g_hash_table_insert (job->names, name_key (first, last), display);
    }
  if (rc != SQLITE_DONE)
    {
      dl_import_set_db_error (db, error, _("The import failed"));
      return FALSE;
    }
  return TRUE;
}

static gint64
first_open_stage (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(OwnStmt) stmt = dl_import_prepare (db, "SELECT id FROM stage WHERE kind = 'open' ORDER BY position, id LIMIT 1",
                                    error);

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);

  g_set_error_literal (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                       _("The pipeline has no open stage to put the new prospects in. Add one first."));
  return 0;
}

/* The card's phones that tell a person apart: an office number (work,
 * fax, pager) is shared by colleagues, so it is not one. */
static gboolean
phone_identifies (const DlVCard *card,
                  guint          k)
{
  return dl_vcard_get_phone_kind (card, k) != DL_VCARD_PHONE_OFFICE;
}

/* Why the card duplicates someone, as a line of the report, or NULL. */
static char *
find_duplicate (VCardJob      *job,
                const DlVCard *card,
                const char    *display)
{
  g_autofree char *name = name_key (card->first_name, card->last_name);
  const char *who;

  for (guint i = 0; i < card->emails->len; i++)
    {
      g_autofree char *email = g_utf8_casefold (card->emails->pdata[i], -1);

      if ((who = g_hash_table_lookup (job->emails, email)) != NULL)
        /* Translators: a skipped contact card: its line, its name, and the person already in Downline */
        return g_strdup_printf (_("line %u: %s has the same email as %s"), card->line, display, who);
    }
  for (guint i = 0; i < card->phones->len; i++)
    {
      g_autofree char *phone = dl_vcard_phone_key (card->phones->pdata[i]);

      if (strlen (phone) >= 6 && phone_identifies (card, i) && (who = g_hash_table_lookup (job->phones, phone)) != NULL)
        /* Translators: a skipped contact card: its line, its name, and the person already in Downline */
        return g_strdup_printf (_("line %u: %s has the same phone number as %s"), card->line, display, who);
    }
  if ((who = g_hash_table_lookup (job->names, name)) != NULL)
    /* Translators: a skipped contact card: its line, its name, and the person already in Downline */
    return g_strdup_printf (_("line %u: %s has the same name as %s"), card->line, display, who);

  return NULL;
}

/* A phone the edit dialogs would refuse, made one they take: typographic
 * dashes and spaces become plain ones, brackets become parentheses, a
 * tel: URI's ";ext=" becomes " ext. ".  NULL when it still is not a
 * phone number. */
static char *
normalise_phone (const char *phone)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = phone; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return NULL;
      if (c == '[' || c == '{')
        g_string_append_c (out, '(');
      else if (c == ']' || c == '}')
        g_string_append_c (out, ')');
      else if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212)
        g_string_append_c (out, '-');
      else if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F)
        g_string_append_c (out, ' ');
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_unichar (out, c);
    }
  g_strstrip (out->str);
  out->len = strlen (out->str);

  return dl_validate_phone (out->str, NULL) ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* value cut to the edit dialogs' limit, at a character. */
static char *
limited (const char *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (value, -1) <= DL_VALIDATE_MAX_FIELD)
    return g_strdup (value);
  return g_utf8_substring (value, 0, DL_VALIDATE_MAX_FIELD);
}

static void
append_note (GString    *notes,
             const char *label,
             const char *value)
{
  if (label != NULL)
    g_string_append_printf (notes, "%s%s: %s", notes->len > 0 ? "\n" : "", label, value);
  else
    g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n" : "", value);
}

typedef enum
{
  CARD_FIRST_NAME,
  CARD_LAST_NAME,
  CARD_CITY,
  CARD_ORGANIZATION,
  CARD_NOTES,
} CardText;

/* Whether text fits the dialogs' limit; when not, report counts it as
 * shortened and lists which text of which card. */
static gboolean
fits (const char    *text,
      CardText       what,
      const DlVCard *card,
      const char    *display,
      DlVCardReport *report)
{
  const guint line = card->line;
  const int max = DL_VALIDATE_MAX_FIELD;
  char *said = NULL;

  if (text == NULL || g_utf8_strlen (text, -1) <= DL_VALIDATE_MAX_FIELD)
    return TRUE;

  switch (what)
    {
    case CARD_FIRST_NAME:
      /* Translators: the card's line, the name on it and the limit */
      said = g_strdup_printf (_("line %u: %s: the first name was cut to %d characters"), line, display, max);
      break;
    case CARD_LAST_NAME:
      /* Translators: the card's line, the name on it and the limit */
      said = g_strdup_printf (_("line %u: %s: the last name was cut to %d characters"), line, display, max);
      break;
    case CARD_CITY:
      /* Translators: the card's line, the name on it and the limit */
      said = g_strdup_printf (_("line %u: %s: the city was cut to %d characters"), line, display, max);
      break;
    case CARD_ORGANIZATION:
      /* Translators: the card's line, the name on it and the limit */
      said = g_strdup_printf (_("line %u: %s: the organization was cut to %d characters"), line, display, max);
      break;
    case CARD_NOTES:
      /* Translators: the card's line, the name on it and the limit */
      said = g_strdup_printf (_("line %u: %s: the notes were cut to %d characters"), line, display, max);
      break;
    default:
      g_assert_not_reached ();
    }
  report->n_shortened++;
  g_ptr_array_add (report->changed, said);
  return FALSE;
}

/* The person a card makes, as the edit dialogs would save it: the most
 * preferred e-mail and phone that pass the dialogs' checks, every other
 * one in the notes (never dropped), each text within 500 characters.
 * What had to change is counted and listed in report. */
static DlPerson *
person_from_card (const DlVCard *card,
                  const char    *display,
                  DlVCardReport *report)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *first = limited (card->first_name);
  g_autofree char *last = limited (card->last_name);
  g_autofree char *city = limited (card->city);
  g_autofree char *org = limited (card->organization);
  g_autofree char *phone = NULL;
  const char *email = NULL;

  for (guint k = 0; k < card->emails->len; k++)
    {
      const char *e = card->emails->pdata[k];
      gboolean usable = g_utf8_strlen (e, -1) <= DL_VALIDATE_MAX_FIELD && dl_validate_email (e, NULL);

      if (email == NULL && usable)
        {
          email = e;
          continue;
        }
      append_note (notes, _("Email"), e);
      if (usable)
        report->n_extra_emails++;
      else
        report->n_refused_emails++;
    }
  for (guint k = 0; k < card->phones->len; k++)
    {
      const char *t = card->phones->pdata[k];
      g_autofree char *normal = NULL;

      if (g_utf8_strlen (t, -1) <= DL_VALIDATE_MAX_FIELD)
        normal = normalise_phone (t);
      if (phone == NULL && normal != NULL)
        {
          phone = g_steal_pointer (&normal);
          continue;
        }
      append_note (notes, _("Phone"), t);
      if (normal != NULL)
        report->n_extra_phones++;
      else
        report->n_refused_phones++;
    }
  if (card->note != NULL && *card->note != '\0')
    append_note (notes, NULL, card->note);

  if (!fits (notes->str, CARD_NOTES, card, display, report))
    {
      g_autofree char *cut = g_utf8_substring (notes->str, 0, DL_VALIDATE_MAX_FIELD - 1);

      g_string_printf (notes, "%s…", cut);
    }
  fits (card->first_name, CARD_FIRST_NAME, card, display, report);
  fits (card->last_name, CARD_LAST_NAME, card, display, report);
  fits (card->city, CARD_CITY, card, display, report);
  fits (card->organization, CARD_ORGANIZATION, card, display, report);

  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, last);
  dl_person_set_email (draft, email != NULL ? email : "");
  dl_person_set_phone (draft, phone != NULL ? phone : "");
  dl_person_set_city (draft, city);
  dl_person_set_category (draft, org);
  /* Translators: where a prospect came from (the person's "source") */
  dl_person_set_source (draft, _("Phone contacts"));
  dl_person_set_notes (draft, notes->str);

  return g_steal_pointer (&draft);
}

/* The whole vCard import on a connection of its own, so it can run in
 * a worker thread: one transaction, rolled back on an error or when the
 * job's cancellable fires.  *stage_id says where the prospects went. */
static gboolean
import_vcards_on_connection (const char  *path,
                             VCardJob    *job,
                             gint64      *stage_id,
                             GError     **error)
{
  sqlite3 *db = dl_import_open_connection (path, error);
  sqlite3_stmt *last = NULL;
  sqlite3_stmt *person = NULL;
  sqlite3_stmt *prospect = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  gint64 position = 0;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;
  if (!dl_import_exec (db, "BEGIN IMMEDIATE", error))
    goto out;
  if (!read_people_keys (db, job, error) || (*stage_id = first_open_stage (db, error)) == 0)
    goto out;

  /* Each new prospect goes at the end of the stage, a gap after the one
   * before: the end is read once, not once a card (the store's own
   * add-prospect reloads the stage's order each time, which made the
   * import quadratic). */
  last = dl_import_prepare (db, "SELECT max (position) FROM prospect WHERE stage_id = ?", error);
  person = dl_import_prepare (db,
                              "INSERT INTO person (first_name, last_name, email, phone, best_time, city, source, "
                              "category, notes, created_at, updated_at) "
                              "VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?7, ?8, ?9, ?9)",
                              error);
  prospect = dl_import_prepare (db,
                                "INSERT INTO prospect (person_id, stage_id, position, entered_stage_at) "
                                "VALUES (?1, ?2, ?3, ?4)",
                                error);
  if (last == NULL || person == NULL || prospect == NULL)
    goto out;
  sqlite3_bind_int64 (last, 1, *stage_id);
  if (sqlite3_step (last) == SQLITE_ROW && sqlite3_column_type (last, 0) != SQLITE_NULL)
    position = sqlite3_column_int64 (last, 0) + VCARD_PROSPECT_GAP;
  sqlite3_reset (last);

  for (guint i = 0; i < job->cards->len; i++)
    {
      const DlVCard *card = job->cards->pdata[i];
      g_autoptr(DlPerson) draft = NULL;
      g_autofree char *duplicate = NULL;
      g_autofree char *display = NULL;

      if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
        goto out;
      if (job->progress != NULL && (i % 1000) == 0)
        job->progress (i, job->cards->len, job->progress_data);

      display = g_strstrip (g_strdup_printf ("%s %s", card->first_name, card->last_name));
      if (*display == '\0')
        {
          g_ptr_array_add (job->report->skipped,
                           g_strdup_printf (_("line %u: the card has no name"), card->line));
          continue;
        }
      duplicate = find_duplicate (job, card, display);
      if (duplicate != NULL)
        {
          g_ptr_array_add (job->report->skipped, g_steal_pointer (&duplicate));
          job->report->n_duplicates++;
          continue;
        }

      draft = person_from_card (card, display, job->report);
      sqlite3_reset (person);
      sqlite3_bind_text (person, 1, dl_person_get_first_name (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 2, dl_person_get_last_name (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 3, dl_person_get_email (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 4, dl_person_get_phone (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 5, dl_person_get_city (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 6, dl_person_get_source (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 7, dl_person_get_category (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 8, dl_person_get_notes (draft), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (person, 9, now, -1, SQLITE_STATIC);
      if (!dl_import_step_done (db, person, _("The import failed"), error))
        {
          prefix_error_card (error, card->line, display);
          goto out;
        }

      sqlite3_reset (prospect);
      sqlite3_bind_int64 (prospect, 1, sqlite3_last_insert_rowid (db));
      sqlite3_bind_int64 (prospect, 2, *stage_id);
      sqlite3_bind_int64 (prospect, 3, position);
      sqlite3_bind_text (prospect, 4, now, -1, SQLITE_STATIC);
      if (!dl_import_step_done (db, prospect, _("The import failed"), error))
        {
          prefix_error_card (error, card->line, display);
          goto out;
        }
      position += VCARD_PROSPECT_GAP;
      job->report->n_added++;

      for (guint k = 0; k < card->emails->len; k++)
        g_hash_table_insert (job->emails, g_utf8_casefold (card->emails->pdata[k], -1), g_strdup (display));
      for (guint k = 0; k < card->phones->len; k++)
        {
          char *key = dl_vcard_phone_key (card->phones->pdata[k]);

          if (strlen (key) >= 6 && phone_identifies (card, k))
            g_hash_table_insert (job->phones, key, g_strdup (display));
          else
            g_free (key);
        }
      g_hash_table_insert (job->names, name_key (card->first_name, card->last_name), g_strdup (display));
    }

  g_clear_pointer (&last, sqlite3_finalize);
  g_clear_pointer (&person, sqlite3_finalize);
  g_clear_pointer (&prospect, sqlite3_finalize);
  ok = dl_import_exec (db, "COMMIT", error);

out:
  g_clear_pointer (&last, sqlite3_finalize);
  g_clear_pointer (&person, sqlite3_finalize);
  g_clear_pointer (&prospect, sqlite3_finalize);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
}

static void
vcard_job_init (VCardJob             *job,
                GPtrArray            *cards,
                DlVCardReport        *report,
                GCancellable         *cancellable,
                DlImportProgressFunc  progress,
                gpointer              progress_data)
{
  job->cards = g_ptr_array_ref (cards);
  job->report = report;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->progress = progress;
  job->progress_data = progress_data;
  job->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  job->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  dl_vcard_report_clear (report);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
  report->changed = g_ptr_array_new_with_free_func (g_free);
}

static void
vcard_job_clear (VCardJob *job)
{
  g_clear_pointer (&job->cards, g_ptr_array_unref);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->emails, g_hash_table_unref);
  g_clear_pointer (&job->phones, g_hash_table_unref);
  g_clear_pointer (&job->names, g_hash_table_unref);
}

/* Runs in whichever thread; nothing was written when it fails, and the
 * report must not say otherwise. */
static gboolean
run_vcard_job (const char  *path,
               VCardJob    *job,
               gint64      *stage_id,
               GError     **error)
{
  if (!import_vcards_on_connection (path, job, stage_id, error))
    {
      vcard_report_zero (job->report);
      g_ptr_array_set_size (job->report->skipped, 0);
      g_ptr_array_set_size (job->report->changed, 0);
      return FALSE;
    }
  if (job->progress != NULL)
    job->progress (job->cards->len, job->cards->len, job->progress_data);
  return TRUE;
}

/* On the store's thread, after a vCard import: the views reload. */
static void
emit_vcards_imported (DlStore *store,
                      gint64   stage_id,
                      guint    n_added)
{
  if (n_added == 0)
    return;
  dl_store_mark_stage_order (store, stage_id);
  dl_store_emit_changed (store, DL_STORE_ENTITY_PEOPLE, 0);
  dl_store_emit_changed (store, DL_STORE_ENTITY_PROSPECTS, 0);
}

gboolean
dl_store_import_vcards_full (DlStore               *store,
                             GPtrArray             *cards,
                             GCancellable          *cancellable,
                             DlImportProgressFunc   progress,
                             gpointer               progress_data,
                             DlVCardReport         *report,
                             GError               **error)
{
  VCardJob job = { 0 };
  gint64 stage_id = 0;
  gboolean ok;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (cards != NULL && report != NULL, FALSE);
  g_return_val_if_fail (!dl_store_in_transaction (store), FALSE);

  vcard_job_init (&job, cards, report, cancellable, progress, progress_data);
  /* the store's guard, which the connection of our own would bypass */
  ok = dl_store_check_writable (store, error) &&
       run_vcard_job (dl_store_get_path (store), &job, &stage_id, error);
  vcard_job_clear (&job);
  if (ok)
    emit_vcards_imported (store, stage_id, report->n_added);
  return ok;
}

gboolean
dl_store_import_vcards (DlStore        *store,
                        GPtrArray      *cards,
                        DlVCardReport  *report,
                        GError        **error)
{
  return dl_store_import_vcards_full (store, cards, NULL, NULL, NULL, report, error);
}

typedef struct
{
  char          *path;
  VCardJob       job;
  DlVCardReport  report;
  gint64         stage_id;
} VCardTask;

static void
vcard_task_free (gpointer data)
{
  VCardTask *t = data;

  vcard_job_clear (&t->job);
  dl_vcard_report_clear (&t->report);
  g_free (t->path);
  g_free (t);
}

static void
import_vcards_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  VCardTask *t = task_data;
  GError *error = NULL;

  /* waits here, in the worker, for a running integrity check */
  if (dl_store_check_writable (source_object, &error) &&
      run_vcard_job (t->path, &t->job, &t->stage_id, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dl_store_import_vcards_async (DlStore              *store,
                              GPtrArray            *cards,
                              GCancellable         *cancellable,
                              DlImportProgressFunc  progress,
                              gpointer              progress_data,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  VCardTask *t;

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (cards != NULL);

  t = g_new0 (VCardTask, 1);
  t->path = g_strdup (dl_store_get_path (store));
  vcard_job_init (&t->job, cards, &t->report, cancellable, progress, progress_data);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_import_vcards_async);
  /* a cancelled import must still say so, not vanish */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, t, vcard_task_free);
  g_task_run_in_thread (task, import_vcards_thread);
}

gboolean
dl_store_import_vcards_finish (DlStore        *store,
                               GAsyncResult   *result,
                               DlVCardReport  *report,
                               GError        **error)
{
  VCardTask *t;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  t = g_task_get_task_data (G_TASK (result));
  dl_vcard_report_clear (report);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *report = t->report;
  memset (&t->report, 0, sizeof t->report);
  emit_vcards_imported (store, t->stage_id, report->n_added);
  return TRUE;
}


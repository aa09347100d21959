/* dl-store-export.c — the CSV exports and the people as vCards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-store-export.h"
#include "dl-rules.h"
#include "dl-store-private.h"
#include "dl-vcard.h"

/* ------------------------------------------------------------------ */
/* CSV                                                                 */

/* OWASP's rule against formula injection: a cell that a spreadsheet
 * would read as a formula (or DDE) starts with a quote, so a name like
 * "=HYPERLINK(…)" or "+1 555" shows as the text it is.  The CSV import
 * takes the quote off again, so an export reads back as it was. */
static gboolean
is_formula_start (char c)
{
  return c != '\0' && strchr ("=+-@\t\r", c) != NULL;
}

static void
append_cell (GString    *out,
             const char *text,
             gboolean    first)
{
  g_autofree char *guarded = NULL;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;
  if (is_formula_start (text[0]))
    text = guarded = g_strconcat ("'", text, NULL);

  if (strpbrk (text, ",\"\r\n") == NULL && text[0] != ' ' &&
      (text[0] == '\0' || text[strlen (text) - 1] != ' '))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* The dropout risk the app shows, as a last column of members.csv. */
typedef struct
{
  const DlTree    *tree;
  const DlCadence *cadence;
  DlDay            today;
} RiskColumn;

/* Runs sql and writes its rows under header (one name per result
 * column, translated when the names are N_() marked: translate), CRLF
 * line ends as RFC 4180 says.  With risk,
 * the query's last column is the member's person id, written as their
 * risk score under the header's last name. */
static gboolean
export_query (DlStore           *store,
              const char        *dir,
              const char        *file_name,
              const char        *const *header,
              gboolean           translate,
              const char        *sql,
              const RiskColumn  *risk,
              GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, file_name, NULL);
  g_autoptr(DlStmt) stmt = NULL;
  int n_columns;
  int rc;

  stmt = dl_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  n_columns = sqlite3_column_count (stmt) - (risk != NULL);
  for (int c = 0; c < n_columns + (risk != NULL); c++)
    append_cell (out, translate ? _(header[c]) : header[c], c == 0);
  g_string_append (out, "\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_columns; c++)
        append_cell (out, (const char *) sqlite3_column_text (stmt, c), c == 0);
      if (risk != NULL)
        {
          gint64 at = dl_tree_find (risk->tree, sqlite3_column_int64 (stmt, n_columns));
          char score[8] = "";

          /* the user's own row: no dropout risk of their own */
          if (at >= 0 && at != dl_tree_get_root (risk->tree))
            g_snprintf (score, sizeof score, "%u",
                        dl_rules_risk_score (risk->tree, (guint) at, risk->cadence, risk->today, NULL));
          append_cell (out, score, FALSE);
        }
      g_string_append (out, "\r\n");
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The export failed"));
      return FALSE;
    }

  return g_file_set_contents_full (path, out->str, (gssize) out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
dl_store_export_csv (DlStore          *store,
                     const char       *dir,
                     const DlCadence  *cadence,
                     DlDay             today,
                     GError          **error)
{
  g_autoptr(DlTree) tree = NULL;
  RiskColumn risk = { NULL, cadence, today };
  /* The members header is the command line's contract (scripts rely on
   * these exact names, so they are never translated) and reads back
   * through the import's mapping; the figures are the latest month's. */
  static const char *const members_header[] = {
    "member_number", "first_name", "last_name", "email", "phone", "enroller_number",
    "placement_number", "join_date", "status", "rank", "paid_rank", "pv", "gv", "autoship",
    "next_autoship", "first_order", "last_order", "city", "role",
    /* the dropout risk, 0–100, as the app scores it today */
    "risk",
  };
  static const char *const prospects_header[] = {
    N_("First Name"), N_("Last Name"), N_("Email"), N_("Phone"), N_("City"), N_("Stage"),
    N_("Interest"), N_("Next Follow-up"), N_("In Stage Since"), N_("Source"), N_("Notes"),
  };
  static const char *const contacts_header[] = {
    N_("Date"), N_("First Name"), N_("Last Name"), N_("Member ID"), N_("Kind"), N_("Summary"),
  };

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR,
                   _("The folder “%s” does not exist."), display);
      return FALSE;
    }

  tree = dl_store_load_tree (store, error);
  if (tree == NULL)
    return FALSE;
  risk.tree = tree;

  return export_query (store, dir, "members.csv", members_header, FALSE,
                       "WITH latest (period) AS (SELECT max (period) FROM period_figures) "
                       "SELECT m.member_number, p.first_name, p.last_name, p.email, p.phone, s.member_number, "
                       "       pl.member_number, m.joined_on, m.status, m.rank, f.paid_rank, f.pv, f.gv, "
                       /* the autoship as the tree has it: the member's own,
                        * as the latest import said, else that month's */
                       "       CASE coalesce (m.autoship, f.autoship) WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END, "
                       "       m.next_autoship, m.first_order, coalesce (m.last_order, m.last_activity), "
                       "       p.city, m.role, m.person_id "
                       "FROM member m JOIN person p ON p.id = m.person_id "
                       "LEFT JOIN member s ON s.person_id = m.sponsor_id "
                       "LEFT JOIN placement pc ON pc.member_id = m.person_id "
                       "LEFT JOIN member pl ON pl.person_id = pc.parent_id "
                       "LEFT JOIN period_figures f ON f.member_id = m.person_id "
                       "  AND f.period = (SELECT period FROM latest) "
                       /* the user too, first, once they have their number: the
                        * top row ("Level 0") a new database takes as its user */
                       "WHERE m.sponsor_id IS NOT NULL OR m.person_id <> coalesce ((SELECT person_id FROM profile), 0) "
                       "   OR coalesce (m.member_number, '') <> '' "
                       "ORDER BY m.person_id <> coalesce ((SELECT person_id FROM profile), 0), m.joined_on, m.person_id",
                       &risk, error) &&
         export_query (store, dir, "prospects.csv", prospects_header, TRUE,
                       "SELECT p.first_name, p.last_name, p.email, p.phone, p.city, st.name, "
                       "       r.interest, r.next_follow_up, substr (r.entered_stage_at, 1, 10), p.source, p.notes "
                       "FROM prospect r JOIN person p ON p.id = r.person_id JOIN stage st ON st.id = r.stage_id "
                       "ORDER BY st.position, r.position",
                       NULL, error) &&
         export_query (store, dir, "contacts.csv", contacts_header, TRUE,
                       "SELECT i.at, p.first_name, p.last_name, m.member_number, i.kind, i.summary "
                       "FROM interaction i JOIN person p ON p.id = i.person_id "
                       "LEFT JOIN member m ON m.person_id = i.person_id "
                       "ORDER BY i.at, i.id",
                       NULL, error);
}

/* ------------------------------------------------------------------ */
/* vCards                                                              */

gboolean
dl_store_export_vcards (DlStore       *store,
                        const gint64  *person_ids,
                        guint          n_people,
                        const char    *path,
                        GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (person_ids != NULL || n_people == 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(DlPerson) person = dl_store_get_person (store, person_ids[i]);
      g_autoptr(DlVCard) card = NULL;
      g_autofree char *text = NULL;

      if (person == NULL)
        continue;

      card = dl_vcard_new ();
      card->first_name = g_strdup (dl_person_get_first_name (person));
      card->last_name = g_strdup (dl_person_get_last_name (person));
      if (*dl_person_get_email (person) != '\0')
        g_ptr_array_add (card->emails, g_strdup (dl_person_get_email (person)));
      if (*dl_person_get_phone (person) != '\0')
        g_ptr_array_add (card->phones, g_strdup (dl_person_get_phone (person)));
      card->city = g_strdup (dl_person_get_city (person));
      card->organization = g_strdup (dl_person_get_category (person));
      card->note = g_strdup (dl_person_get_notes (person));

      text = dl_vcard_write (card);
      g_string_append (out, text);
    }

  return g_file_set_contents_full (path, out->str, (gssize) out->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

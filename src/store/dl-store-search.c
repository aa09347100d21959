/* dl-store-search.c — find anyone by anything the person typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index is two FTS5 tables (schema version 5) with one row per
 * person (its rowid is the person's id): person_search holds everything
 * searched, person_name_search the names and numbers alone, which are
 * searched first.  Triggers only mark a
 * changed person in person_search_pending, which costs one small insert;
 * the marked people are indexed again by dl_store_search_catch_up (),
 * which the store runs in short slices at low priority after changes
 * (dl-store.c) and which a search runs first for the few marked then.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dl-store-private.h"
#include "dl-store-search.h"

gboolean
dl_store_migrate_to_5 (sqlite3  *db,
                       GError  **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db,
                     "-- The search index (dl-store-search.c): one row per person, rowid = person.id.\n"
                     "-- prefix: a word's first one to three letters have their own index, so the\n"
                     "-- first keystrokes of a search are as quick as the later ones.\n"
                     "CREATE VIRTUAL TABLE person_search USING fts5 (\n"
                     "  name, number, contact, digits, city, notes, contacts,\n"
                     "  tokenize = 'unicode61 remove_diacritics 2',\n"
                     "  prefix = '1 2 3'\n"
                     ");\n"
                     "-- Names and member numbers alone, searched first: a word common in e-mails or\n"
                     "-- notes (\"example\", \"gmail\") costs nothing when looking for a name.\n"
                     "CREATE VIRTUAL TABLE person_name_search USING fts5 (\n"
                     "  name, number,\n"
                     "  tokenize = 'unicode61 remove_diacritics 2',\n"
                     "  prefix = '1 2 3'\n"
                     ");\n"
                     "-- People whose rows in person_search and person_name_search are out of date.\n"
                     "CREATE TABLE person_search_pending (person_id INTEGER PRIMARY KEY);\n"
                     "INSERT INTO person_search_pending SELECT id FROM person;\n"
                     "CREATE TRIGGER person_search_person_insert AFTER INSERT ON person BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (NEW.id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_person_update\n"
                     "AFTER UPDATE OF first_name, last_name, email, phone, city, notes ON person BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (NEW.id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_person_delete AFTER DELETE ON person BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (OLD.id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_member_insert AFTER INSERT ON member BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (NEW.person_id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_member_number AFTER UPDATE OF member_number ON member BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (NEW.person_id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_member_delete AFTER DELETE ON member BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (OLD.person_id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_contact_insert AFTER INSERT ON interaction\n"
                     "WHEN NEW.summary <> '' BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (NEW.person_id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_contact_update AFTER UPDATE OF summary ON interaction BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (NEW.person_id);\n"
                     "END;\n"
                     "CREATE TRIGGER person_search_contact_delete AFTER DELETE ON interaction\n"
                     "WHEN OLD.summary <> '' BEGIN\n"
                     "  INSERT OR IGNORE INTO person_search_pending VALUES (OLD.person_id);\n"
                     "END;\n",
                     NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not add the search index: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

void
dl_search_hit_free (DlSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->first_name);
  g_free (hit->last_name);
  g_free (hit->city);
  g_free (hit->member_number);
  g_free (hit->sponsor_name);
  g_free (hit->stage_name);
  g_free (hit->matched);
  g_free (hit);
}

/* ---- Indexing ------------------------------------------------------------ */

/* A phone's digits, and the endings of at least seven of them: "+1
 * 555-0100" is found as 15550100 and as 5550100, with or without the
 * country code the person leaves out when typing. */
static void
append_phone_digits (GString    *out,
                     const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  if (digits->len == 0)
    return;
  g_string_append (out, digits->str);
  for (gsize start = 1; digits->len - start >= 7; start++)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, digits->str + start);
    }
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Indexes the marked people with ids up to last, inside the caller's
 * transaction. */
static gboolean
index_up_to (DlStore  *store,
             gint64    last,
             GError  **error)
{
  g_autoptr(DlStmt) drop = NULL;
  g_autoptr(DlStmt) drop_name = NULL;
  g_autoptr(DlStmt) read = NULL;
  g_autoptr(DlStmt) write = NULL;
  g_autoptr(DlStmt) write_name = NULL;
  g_autoptr(DlStmt) done = NULL;
  int rc;

  drop = dl_store_prepare (store,
                           "DELETE FROM person_search WHERE rowid IN "
                           "(SELECT person_id FROM person_search_pending WHERE person_id <= ?1)",
                           error);
  drop_name = dl_store_prepare (store,
                                "DELETE FROM person_name_search WHERE rowid IN "
                                "(SELECT person_id FROM person_search_pending WHERE person_id <= ?1)",
                                error);
  if (drop == NULL || drop_name == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, last);
  sqlite3_bind_int64 (drop_name, 1, last);
  if (!dl_store_step_done (store, drop, error) || !dl_store_step_done (store, drop_name, error))
    return FALSE;

  read = dl_store_prepare (store,
                           "SELECT p.id, p.first_name, p.last_name, m.member_number, p.email, p.phone, "
                           "       p.city, p.notes, "
                           "       (SELECT group_concat (i.summary, ' ') FROM interaction i "
                           "        WHERE i.person_id = p.id AND i.summary <> '') "
                           "FROM person_search_pending q "
                           "JOIN person p ON p.id = q.person_id "
                           "LEFT JOIN member m ON m.person_id = p.id "
                           "WHERE q.person_id <= ?1",
                           error);
  write = dl_store_prepare (store,
                            "INSERT INTO person_search (rowid, name, number, contact, digits, city, notes, contacts) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
  write_name = dl_store_prepare (store,
                                 "INSERT INTO person_name_search (rowid, name, number) VALUES (?1, ?2, ?3)",
                                 error);
  if (read == NULL || write == NULL || write_name == NULL)
    return FALSE;

  sqlite3_bind_int64 (read, 1, last);
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      g_autofree char *name = g_strconcat (column_text (read, 1), " ", column_text (read, 2), NULL);
      g_autofree char *contact = g_strconcat (column_text (read, 4), " ", column_text (read, 5), NULL);
      g_autoptr(GString) digits = g_string_new (NULL);

      append_phone_digits (digits, column_text (read, 5));

      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (read, 0));
      sqlite3_bind_text (write, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 3, column_text (read, 3), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 4, contact, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 5, digits->str, -1, SQLITE_STATIC);
      sqlite3_bind_text (write, 6, column_text (read, 6), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 7, column_text (read, 7), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 8, column_text (read, 8), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (write_name, 1, sqlite3_column_int64 (read, 0));
      sqlite3_bind_text (write_name, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (write_name, 3, column_text (read, 3), -1, SQLITE_TRANSIENT);
      if (!dl_store_step_done (store, write, error) || !dl_store_step_done (store, write_name, error))
        return FALSE;
      sqlite3_reset (write);
      sqlite3_reset (write_name);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("Could not bring the search up to date"));
      return FALSE;
    }

  done = dl_store_prepare (store, "DELETE FROM person_search_pending WHERE person_id <= ?1", error);
  if (done == NULL)
    return FALSE;
  sqlite3_bind_int64 (done, 1, last);
  return dl_store_step_done (store, done, error);
}

gint64
dl_store_search_pending (DlStore *store)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), 0);

  stmt = dl_store_prepare (store, "SELECT count (*) FROM person_search_pending", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
dl_store_search_catch_up (DlStore  *store,
                          gint64    max_people,
                          GError  **error)
{
  g_autoptr(DlStmt) bound = NULL;
  gint64 last;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  if (dl_store_is_read_only (store))
    return TRUE;

  /* the id of the max_people-th marked person: everyone up to it is done */
  bound = dl_store_prepare (store,
                            max_people < 0
                            ? "SELECT max (person_id) FROM person_search_pending"
                            : "SELECT max (person_id) FROM (SELECT person_id FROM person_search_pending "
                              "ORDER BY person_id LIMIT ?1)",
                            error);
  if (bound == NULL)
    return FALSE;
  if (max_people >= 0)
    sqlite3_bind_int64 (bound, 1, max_people);
  if (sqlite3_step (bound) != SQLITE_ROW || sqlite3_column_type (bound, 0) == SQLITE_NULL)
    return TRUE;
  last = sqlite3_column_int64 (bound, 0);
  dl_stmt_release (bound);

  if (!dl_store_begin (store, error))
    return FALSE;
  if (!index_up_to (store, last, error))
    {
      dl_store_rollback (store);
      return FALSE;
    }
  return dl_store_commit (store, error);
}

/* ---- Searching ----------------------------------------------------------- */

/* The FTS5 query for text: every run of letters and digits becomes a
 * quoted prefix term ("ana"* "ru"*), all of which must match; NULL when
 * text has none.  Quoting every term keeps FTS5's own syntax (AND, NEAR,
 * column filters, stray quotes) out of what a person types. */
static char *
build_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p = text;

  if (!g_utf8_validate (text, -1, NULL))
    return NULL;

  for (;;)
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          if (query->len > 0)
            g_string_append_c (query, ' ');
          g_string_append_printf (query, "\"%s\"*", word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
      p = g_utf8_next_char (p);
    }

  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

static char *
dup_or_null (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* The words around a match, unless they are only the digits of a phone
 * (its digits column is for finding, not for reading). */
static char *
readable_context (sqlite3_stmt *stmt,
                  int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL || text[strspn (text, "0123456789 …")] == '\0')
    return NULL;
  return g_strdup (text);
}

static DlSearchHit *
read_hit (DlStore  *store,
          gint64    person_id,
          GError  **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  DlSearchHit *hit;
  int rc;

  stmt = dl_store_prepare (store,
                           "SELECT p.first_name, p.last_name, p.city, m.member_number, "
                           "       trim (sp.first_name || ' ' || sp.last_name), st.name, "
                           "       m.person_id IS NOT NULL, pr.person_id IS NOT NULL, "
                           "       p.id = (SELECT person_id FROM profile) "
                           "FROM person p "
                           "LEFT JOIN member m ON m.person_id = p.id "
                           "LEFT JOIN person sp ON sp.id = m.sponsor_id "
                           "LEFT JOIN prospect pr ON pr.person_id = p.id "
                           "LEFT JOIN stage st ON st.id = pr.stage_id "
                           "WHERE p.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      /* indexed, then removed in this very transaction: not an error */
      g_set_error_literal (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND, "gone");
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      dl_store_set_sqlite_error (store, error, rc, _("Could not search"));
      return NULL;
    }

  hit = g_new0 (DlSearchHit, 1);
  hit->person_id = person_id;
  hit->first_name = g_strdup (column_text (stmt, 0));
  hit->last_name = g_strdup (column_text (stmt, 1));
  hit->city = dup_or_null (stmt, 2);
  hit->member_number = dup_or_null (stmt, 3);
  hit->sponsor_name = dup_or_null (stmt, 4);
  hit->stage_name = dup_or_null (stmt, 5);
  hit->is_member = sqlite3_column_int (stmt, 6);
  hit->is_prospect = sqlite3_column_int (stmt, 7);
  hit->is_user = sqlite3_column_int (stmt, 8);
  return hit;
}

/* Adds the people matching match (up to want of them, skipping those in
 * seen) to hits; with_context keeps the words around the match. */
static gboolean
collect (DlStore     *store,
         const char  *sql,
         const char  *match,
         guint        want,
         gboolean     with_context,
         GHashTable  *seen,
         GPtrArray   *hits,
         gboolean    *more,
         GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  guint found = 0;
  int rc;

  /* rowid order lets FTS5 stop at the limit instead of ranking every
   * match of a one-letter prefix among a million people */
  stmt = dl_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (gint64) want + g_hash_table_size (seen) + 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GError) local_error = NULL;
      DlSearchHit *hit;

      if (g_hash_table_contains (seen, &id))
        continue;
      if (found == want)
        {
          *more = TRUE;
          break;
        }
      hit = read_hit (store, id, &local_error);
      if (hit == NULL)
        {
          if (g_error_matches (local_error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (with_context && sqlite3_column_count (stmt) > 1)
        hit->matched = readable_context (stmt, 1);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (hits, hit);
      found++;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("Could not search"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_hits_by_name (gconstpointer a,
                      gconstpointer b)
{
  const DlSearchHit *x = *(DlSearchHit * const *) a;
  const DlSearchHit *y = *(DlSearchHit * const *) b;
  g_autofree char *kx = g_utf8_collate_key (x->first_name, -1);
  g_autofree char *ky = g_utf8_collate_key (y->first_name, -1);
  int c = strcmp (kx, ky);

  if (c == 0)
    {
      g_autofree char *lx = g_utf8_collate_key (x->last_name, -1);
      g_autofree char *ly = g_utf8_collate_key (y->last_name, -1);

      c = strcmp (lx, ly);
    }
  return c != 0 ? c : (x->person_id > y->person_id) - (x->person_id < y->person_id);
}

/* A search first brings the marked people up to date when there are at
 * most this many (about 15 ms of work): what was typed in a moment ago
 * is found.  After a large import the rest is indexed in the
 * background, and a search answers at once from what is indexed. */
#define CATCH_UP_BEFORE_SEARCH 400

GPtrArray *
dl_store_search (DlStore     *store,
                 const char  *text,
                 guint        limit,
                 gboolean    *more,
                 GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_search_hit_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *query = NULL;
  gboolean local_more = FALSE;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (more == NULL)
    more = &local_more;
  *more = FALSE;

  query = build_query (text);
  if (query == NULL || limit == 0)
    return g_steal_pointer (&hits);

  if (dl_store_search_pending (store) <= CATCH_UP_BEFORE_SEARCH &&
      !dl_store_search_catch_up (store, -1, error))
    return NULL;

  /* people found by name or number first, in name order; then those
   * found by anything else, with the words that matched */
  if (!collect (store,
                "SELECT rowid FROM person_name_search WHERE person_name_search MATCH ?1 LIMIT ?2",
                query, limit, FALSE, seen, hits, more, error))
    return NULL;
  g_ptr_array_sort (hits, compare_hits_by_name);
  if (!*more &&
      !collect (store,
                "SELECT rowid, snippet (person_search, -1, '', '', '…', 10) "
                "FROM person_search WHERE person_search MATCH ?1 LIMIT ?2",
                query, limit - hits->len, TRUE, seen, hits, more, error))
    return NULL;

  return g_steal_pointer (&hits);
}

/* dl-store-search.c — find anyone by anything the person typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The index is two FTS5 tables (schema version 5) with one row per
 * person (its rowid is the person's id): person_search holds everything
 * searched, person_name_search the names and numbers alone, which are
 * searched first.  Nothing is indexed as it is written: people added
 * since the last indexing are those above a mark (their ids are new),
 * and triggers put a changed person below the mark in
 * person_search_pending.  dl_store_search_catch_up () indexes both; the
 * store runs it in short slices at low priority after changes
 * (dl-store.c), and a search runs it first when only a few wait.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dl-store-private.h"
#include "dl-store-search.h"

/* What changes a person's row in the index.  A person with an id above
 * person_search_state's mark was never indexed and is found by that
 * alone, so the triggers mark only people at or below it.  Still, each
 * runs for every row: a million people and members added were 2.7 s of
 * an import, so a big import of new people sets the two that note them
 * aside (dl_store_search_pause_for_new_people ()). */
static const struct
{
  const char *name;
  const char *event;
  const char *when;   /* or NULL */
  const char *who;
} search_triggers[] = {
  { "person_insert", "AFTER INSERT ON person", NULL, "NEW.id" },
  { "person_update", "AFTER UPDATE OF first_name, last_name, email, phone, city, notes ON person", NULL, "NEW.id" },
  { "person_delete", "AFTER DELETE ON person", NULL, "OLD.id" },
  { "member_insert", "AFTER INSERT ON member", NULL, "NEW.person_id" },
  { "member_number", "AFTER UPDATE OF member_number ON member", NULL, "NEW.person_id" },
  { "member_delete", "AFTER DELETE ON member", NULL, "OLD.person_id" },
  { "contact_insert", "AFTER INSERT ON interaction", "NEW.summary <> ''", "NEW.person_id" },
  { "contact_update", "AFTER UPDATE OF summary ON interaction", NULL, "NEW.person_id" },
  { "contact_delete", "AFTER DELETE ON interaction", "OLD.summary <> ''", "OLD.person_id" },
};

gboolean
dl_store_migrate_to_5 (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  char *message = NULL;
  int rc;

  g_string_append (sql,
                   "-- The search index (dl-store-search.c): one row per person, rowid = person.id.\n"
                   "-- detail=none: which people have a word, not where; the search needs no more,\n"
                   "-- and the index is a fraction of the size.  It is searched from a word's third\n"
                   "-- letter on (the first keystrokes search the names below), and the first three\n"
                   "-- letters of its words have their own index.\n"
                   "CREATE VIRTUAL TABLE person_search USING fts5 (\n"
                   "  name, number, contact, digits, city, notes, contacts,\n"
                   "  tokenize = 'unicode61 remove_diacritics 2',\n"
                   "  prefix = '3', detail = none\n"
                   ");\n"
                   "-- Names and member numbers alone, searched first, from the first letter (prefix:\n"
                   "-- a word's first one to three letters have their own index).  Its text is\n"
                   "-- person_search's own (external content), so it is not kept twice.\n"
                   "CREATE VIRTUAL TABLE person_name_search USING fts5 (\n"
                   "  c0, c1,\n"
                   "  content = 'person_search_content', content_rowid = 'id',\n"
                   "  tokenize = 'unicode61 remove_diacritics 2',\n"
                   "  prefix = '1 2 3', detail = none\n"
                   ");\n"
                   "-- People up to indexed_up_to were indexed once; those above never were.\n"
                   "CREATE TABLE person_search_state (\n"
                   "  id             INTEGER PRIMARY KEY CHECK (id = 1),\n"
                   "  indexed_up_to  INTEGER NOT NULL\n"
                   ");\n"
                   "INSERT INTO person_search_state VALUES (1, 0);\n"
                   "-- People up to the mark whose rows are out of date.\n"
                   "CREATE TABLE person_search_pending (person_id INTEGER PRIMARY KEY);\n");

  /* NOT EXISTS rather than INSERT OR IGNORE: a statement's own OR clause
   * (the import's INSERT OR ROLLBACK) overrides its triggers' */
  for (guint i = 0; i < G_N_ELEMENTS (search_triggers); i++)
    g_string_append_printf (sql,
                            "CREATE TRIGGER person_search_%s %s\n"
                            "WHEN %s <= (SELECT indexed_up_to FROM person_search_state)%s%s BEGIN\n"
                            "  INSERT INTO person_search_pending SELECT %s\n"
                            "  WHERE NOT EXISTS (SELECT 1 FROM person_search_pending WHERE person_id = %s);\n"
                            "END;\n",
                            search_triggers[i].name, search_triggers[i].event,
                            search_triggers[i].who,
                            search_triggers[i].when != NULL ? " AND " : "",
                            search_triggers[i].when != NULL ? search_triggers[i].when : "",
                            search_triggers[i].who, search_triggers[i].who);

  rc = sqlite3_exec (db, sql->str, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("Could not add the search index: %s"), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Whether search_triggers[i] notes a new person or member. */
static gboolean
notes_new_people (guint i)
{
  return g_str_equal (search_triggers[i].event, "AFTER INSERT ON person") ||
         g_str_equal (search_triggers[i].event, "AFTER INSERT ON member");
}

GPtrArray *
dl_store_search_pause_for_new_people (sqlite3  *db,
                                      gint64    first_id,
                                      GError  **error)
{
  g_autoptr(GString) names = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 mark = G_MAXINT64;

  /* a new person at or below the mark (an id freed by a delete, given
   * again) is one the triggers must note */
  if (sqlite3_prepare_v2 (db, "SELECT indexed_up_to FROM person_search_state", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    mark = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (first_id <= mark)
    return g_ptr_array_new_with_free_func (g_free);

  names = g_string_new ("type = 'trigger' AND name IN (''");
  for (guint i = 0; i < G_N_ELEMENTS (search_triggers); i++)
    if (notes_new_people (i))
      g_string_append_printf (names, ", 'person_search_%s'", search_triggers[i].name);
  g_string_append_c (names, ')');
  return dl_store_set_schema_aside (db, names->str, error);
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

/* A phone's digits run together, and for a number longer than ten
 * digits its last ten as well: "+1 (555) 010-0123" is found as
 * 15550100123 and as 5550100123, the country code left out. */
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
  if (digits->len > 10)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, digits->str + digits->len - 10);
    }
}

/* An e-mail is searched by the part before the @: its domain is shared
 * by thousands ("example.com", "gmail.com") and would only make every
 * search for an address slow.  The phone is in the digits column. */
static char *
contact_text (const char *email)
{
  const char *at = strchr (email, '@');

  return g_strndup (email, at != NULL ? (gsize) (at - email) : strlen (email));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* Writes the index rows of the people read by read (id, first name,
 * last name, member number, e-mail, phone, city, notes, contacts). */
static gboolean
write_rows (DlStore       *store,
            sqlite3_stmt  *read,
            GError       **error)
{
  g_autoptr(DlStmt) write = NULL;
  g_autoptr(DlStmt) write_name = NULL;
  int rc;

  write = dl_store_prepare (store,
                            "INSERT INTO person_search (rowid, name, number, contact, digits, city, notes, contacts) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            error);
  write_name = dl_store_prepare (store,
                                 "INSERT INTO person_name_search (rowid, c0, c1) VALUES (?1, ?2, ?3)",
                                 error);
  if (write == NULL || write_name == NULL)
    return FALSE;

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      g_autofree char *name = g_strconcat (column_text (read, 1), " ", column_text (read, 2), NULL);
      g_autofree char *contact = contact_text (column_text (read, 4));
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
  return TRUE;
}

#define READ_PERSON_COLUMNS \
  "SELECT p.id, p.first_name, p.last_name, m.member_number, p.email, p.phone, p.city, p.notes, " \
  "       (SELECT group_concat (i.summary, ' ') FROM interaction i " \
  "        WHERE i.person_id = p.id AND i.summary <> '') "

/* Indexes again the marked people with ids up to last (all below the
 * mark), inside the caller's transaction. */
static gboolean
index_marked (DlStore  *store,
              gint64    last,
              GError  **error)
{
  g_autoptr(DlStmt) drop = NULL;
  g_autoptr(DlStmt) drop_name = NULL;
  g_autoptr(DlStmt) read = NULL;
  g_autoptr(DlStmt) done = NULL;

  /* the names' index first: it finds the words to take out in
   * person_search's text, which must still be there */
  drop_name = dl_store_prepare (store,
                                "DELETE FROM person_name_search WHERE rowid IN "
                                "(SELECT person_id FROM person_search_pending WHERE person_id <= ?1)",
                                error);
  drop = dl_store_prepare (store,
                           "DELETE FROM person_search WHERE rowid IN "
                           "(SELECT person_id FROM person_search_pending WHERE person_id <= ?1)",
                           error);
  if (drop == NULL || drop_name == NULL)
    return FALSE;
  sqlite3_bind_int64 (drop, 1, last);
  sqlite3_bind_int64 (drop_name, 1, last);
  if (!dl_store_step_done (store, drop_name, error) || !dl_store_step_done (store, drop, error))
    return FALSE;

  /* the marked people first, then each one's row: SQLite would
   * otherwise walk every person up to the last id marked and look each
   * up among the marks (200 ms of the main loop at a million people,
   * for one member added) */
  read = dl_store_prepare (store,
                           READ_PERSON_COLUMNS
                           "FROM person_search_pending q "
                           "CROSS JOIN person p ON p.id = q.person_id "
                           "LEFT JOIN member m ON m.person_id = p.id "
                           "WHERE q.person_id <= ?1",
                           error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, last);
  if (!write_rows (store, read, error))
    return FALSE;

  done = dl_store_prepare (store, "DELETE FROM person_search_pending WHERE person_id <= ?1", error);
  if (done == NULL)
    return FALSE;
  sqlite3_bind_int64 (done, 1, last);
  return dl_store_step_done (store, done, error);
}

/* Indexes the people above the mark up to last for the first time and
 * moves the mark to last, inside the caller's transaction. */
static gboolean
index_new (DlStore  *store,
           gint64    mark,
           gint64    last,
           GError  **error)
{
  g_autoptr(DlStmt) read = NULL;
  g_autoptr(DlStmt) move = NULL;

  read = dl_store_prepare (store,
                           READ_PERSON_COLUMNS
                           "FROM person p "
                           "LEFT JOIN member m ON m.person_id = p.id "
                           "WHERE p.id > ?1 AND p.id <= ?2",
                           error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, mark);
  sqlite3_bind_int64 (read, 2, last);
  if (!write_rows (store, read, error))
    return FALSE;

  move = dl_store_prepare (store, "UPDATE person_search_state SET indexed_up_to = ?1 WHERE id = 1", error);
  if (move == NULL)
    return FALSE;
  sqlite3_bind_int64 (move, 1, last);
  return dl_store_step_done (store, move, error);
}

static gint64
query_int64 (DlStore    *store,
             const char *sql,
             gint64      arg1,
             gint64      arg2,
             gint64      otherwise)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (store, sql, NULL);

  if (stmt == NULL)
    return otherwise;
  sqlite3_bind_int64 (stmt, 1, arg1);
  sqlite3_bind_int64 (stmt, 2, arg2);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return otherwise;
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
get_mark (DlStore *store)
{
  return query_int64 (store, "SELECT indexed_up_to FROM person_search_state WHERE id = ?1", 1, 0, 0);
}

/* Past this many people whose details changed, the count stops: the
 * notice says "about", and counting further costs a keystroke's time. */
#define PENDING_COUNT_LIMIT 100000

/* How many people wait, counting no further than at_most (cheap for a
 * small at_most after a large import). */
static gint64
count_pending (DlStore *store,
               gint64   at_most)
{
  gint64 marked = query_int64 (store,
                               "SELECT count (*) FROM (SELECT 1 FROM person_search_pending LIMIT ?1)",
                               at_most, 0, 0);

  return marked + query_int64 (store,
                               "SELECT count (*) FROM (SELECT 1 FROM person WHERE id > ?2 LIMIT ?1)",
                               at_most - marked, get_mark (store), 0);
}

gboolean
dl_store_search_waiting (DlStore *store)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  return count_pending (store, 1) > 0;
}

gint64
dl_store_search_pending (DlStore *store)
{
  gint64 mark, last, marked;

  g_return_val_if_fail (DL_IS_STORE (store), 0);

  /* asked on every keystroke while a million people wait: the new ones
   * are the ids above the mark (ids are given in order, and the few a
   * delete left free only make it an estimate), found at both ends of
   * the index rather than counted one by one */
  mark = get_mark (store);
  last = query_int64 (store, "SELECT max (id) FROM person", 0, 0, 0);
  marked = query_int64 (store,
                        "SELECT count (*) FROM (SELECT 1 FROM person_search_pending LIMIT ?1)",
                        PENDING_COUNT_LIMIT, 0, 0);
  return marked + MAX (last - mark, 0);
}

gboolean
dl_store_search_catch_up (DlStore  *store,
                          gint64    max_people,
                          GError  **error)
{
  gint64 budget = max_people < 0 ? G_MAXINT64 / 2 : max_people;
  gint64 mark, last_marked, last_new;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  /* a read-only file is searched as its index is; a large file still
   * being checked would hold the write (and the main thread) until the
   * check ends: later */
  if (dl_store_is_read_only (store) || !dl_store_is_verified (store))
    return TRUE;

  /* the id of the budget-th marked person, and of the budget-th new
   * one: everyone up to them is done in this round */
  mark = get_mark (store);
  last_marked = query_int64 (store,
                             "SELECT max (person_id) FROM (SELECT person_id FROM person_search_pending "
                             "ORDER BY person_id LIMIT ?1)",
                             budget, 0, 0);
  last_new = query_int64 (store,
                          "SELECT max (id) FROM (SELECT id FROM person WHERE id > ?2 ORDER BY id LIMIT ?1)",
                          budget, mark, 0);
  if (last_marked == 0 && last_new == 0)
    return TRUE;

  if (!dl_store_begin (store, error))
    return FALSE;
  if ((last_marked != 0 && !index_marked (store, last_marked, error)) ||
      (last_new != 0 && !index_new (store, mark, last_new, error)))
    {
      dl_store_rollback (store);
      return FALSE;
    }
  return dl_store_commit (store, error);
}

/* ---- Searching ----------------------------------------------------------- */

/* Words shorter than this are looked for in names and member numbers
 * only. */
#define FULL_SEARCH_MIN_LETTERS 3

/* The words of what was typed: runs of letters and digits.  An
 * e-mail's domain is left out (contact_text does not index it), and
 * digit groups written as a phone number ("305.555.01", "555 010")
 * become one run of digits, as the digits column has them.  complete
 * is FALSE when the text ends inside its last word: that one is still
 * being typed. */
typedef struct
{
  GPtrArray *words;
  gboolean   complete;
} Words;

static gboolean
is_digits (const char *word)
{
  return word[strspn (word, "0123456789")] == '\0';
}

static void
split_words (const char *text,
             Words      *out)
{
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p = text;
  gboolean in_domain = FALSE;
  /* the characters between the last word and this one were a phone's */
  gboolean phone_gap = FALSE;

  out->words = g_ptr_array_new_with_free_func (g_free);
  out->complete = TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return;

  for (;;)
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c == '@')
        in_domain = TRUE;
      else if (c == 0 || g_unichar_isspace (c))
        in_domain = FALSE;

      if (c != 0 && !in_domain && g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          guint n = out->words->len;

          /* "305" "555" "0178" → "3055550178" */
          if (phone_gap && n > 0 && is_digits (word->str) && is_digits (out->words->pdata[n - 1]))
            {
              char *joined = g_strconcat (out->words->pdata[n - 1], word->str, NULL);

              g_free (out->words->pdata[n - 1]);
              out->words->pdata[n - 1] = joined;
            }
          else
            g_ptr_array_add (out->words, g_strdup (word->str));
          g_string_truncate (word, 0);
          phone_gap = TRUE;
        }
      if (c == 0)
        {
          out->complete = p == text || !g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)));
          break;
        }
      if (!g_unichar_isalnum (c) && c != ' ' && c != '.' && c != '-' && c != '(' && c != ')' && c != '/')
        phone_gap = FALSE;
      p = g_utf8_next_char (p);
    }
}

/* Quoting every word keeps FTS5's own syntax (AND, NEAR, column filters,
 * stray quotes) out of what a person types. */
static void
append_term (GString    *query,
             const char *word,
             gboolean    prefix)
{
  if (query->len > 0)
    g_string_append_c (query, ' ');
  g_string_append_printf (query, prefix ? "\"%s\"*" : "\"%s\"", word);
}

/* Names and numbers: every word is the start of a word of theirs. */
static char *
names_query (const Words *words)
{
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; i < words->words->len; i++)
    append_term (query, words->words->pdata[i], TRUE);
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

/* Everything: the words already typed in full, and the start of the one
 * still being typed.  NULL when a word has one or two letters: they
 * begin a word of nearly everyone's notes and cost the most to look
 * up, so such a search looks at names and numbers only. */
static char *
everything_query (const Words *words)
{
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; i < words->words->len; i++)
    {
      const char *word = words->words->pdata[i];
      gboolean last = i + 1 == words->words->len;

      /* a short word would match half the notes, and left out it would
       * widen the search ("bao v" finding every Bao): names only */
      if (g_utf8_strlen (word, -1) < FULL_SEARCH_MIN_LETTERS)
        return NULL;
      append_term (query, word, last && !words->complete);
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
                           "       p.id = (SELECT person_id FROM profile), "
                           "       m.sponsor_id = (SELECT person_id FROM profile) "
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
  hit->sponsor_is_user = sqlite3_column_int (stmt, 9);
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
      /* the words around the match are the name itself: nothing to add */
      if (hit->matched != NULL)
        {
          g_autofree char *name = g_utf8_casefold (hit->first_name, -1);
          g_autofree char *last_name = g_utf8_casefold (hit->last_name, -1);
          g_autofree char *words = g_utf8_casefold (hit->matched, -1);

          if (strstr (words, name) != NULL || (*last_name != '\0' && strstr (words, last_name) != NULL))
            g_clear_pointer (&hit->matched, g_free);
        }
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
  g_autofree char *by_name = NULL;
  g_autofree char *by_anything = NULL;
  g_autoptr(GPtrArray) words = NULL;
  gboolean local_more = FALSE;
  Words typed;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (more == NULL)
    more = &local_more;
  *more = FALSE;

  split_words (text, &typed);
  words = typed.words;
  by_name = names_query (&typed);
  by_anything = everything_query (&typed);
  if (by_name == NULL || limit == 0)
    return g_steal_pointer (&hits);

  if (count_pending (store, CATCH_UP_BEFORE_SEARCH + 1) <= CATCH_UP_BEFORE_SEARCH &&
      !dl_store_search_catch_up (store, -1, error))
    return NULL;

  /* people found by name or number first, in name order; then those
   * found by anything else, with the words that matched */
  if (!collect (store,
                "SELECT rowid FROM person_name_search WHERE person_name_search MATCH ?1 LIMIT ?2",
                by_name, limit, FALSE, seen, hits, more, error))
    return NULL;
  g_ptr_array_sort (hits, compare_hits_by_name);
  if (!*more && by_anything != NULL &&
      !collect (store,
                "SELECT rowid, snippet (person_search, -1, '', '', '…', 10) "
                "FROM person_search WHERE person_search MATCH ?1 LIMIT ?2",
                by_anything, limit - hits->len, TRUE, seen, hits, more, error))
    return NULL;

  return g_steal_pointer (&hits);
}

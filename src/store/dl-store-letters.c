/* dl-store-letters.c — default templates, letter fields, letters sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-name.h"
#include "dl-rules.h"
#include "dl-store-letters.h"
#include "dl-store-list.h"
#include "dl-store-private.h"

/* Default templates ---------------------------------------------------- */

static gboolean
install_defaults_cb (DlStore  *self,
                     gpointer  data,
                     GError  **error)
{
  const DlLetterDefault *defaults;
  guint n;

  defaults = dl_letter_defaults (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlTemplate) existing = dl_store_find_builtin_template (self, defaults[i].builtin);
      g_autoptr(DlStmt) stmt = NULL;
      g_autofree char *now = NULL;

      if (existing != NULL)
        continue;

      now = dl_store_now_stamp ();
      stmt = dl_store_prepare (self,
                               "INSERT INTO template (name, kind, subject, body, builtin, "
                               "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, _(defaults[i].name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, dl_template_kind_to_string (defaults[i].kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, _(defaults[i].subject), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, _(defaults[i].body), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, defaults[i].builtin, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;
      dl_store_emit_changed (self, DL_STORE_ENTITY_TEMPLATES,
                             sqlite3_last_insert_rowid (dl_store_get_handle (self)));
    }

  return TRUE;
}

gboolean
dl_store_install_default_templates (DlStore  *self,
                                    GError  **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, install_defaults_cb, NULL, error);
}

gboolean
dl_store_restore_default_template (DlStore  *self,
                                   gint64    template_id,
                                   GError  **error)
{
  g_autoptr(DlTemplate) template = NULL;
  g_autoptr(DlTemplate) draft = NULL;
  const DlLetterDefault *original;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  template = dl_store_get_template (self, template_id);
  if (template == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This template no longer exists."));
      return FALSE;
    }

  original = dl_letter_default_lookup (dl_template_get_builtin (template));
  if (original == NULL)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("“%s” is your own template; there is no default to restore."),
                   dl_template_get_name (template));
      return FALSE;
    }

  draft = dl_template_copy (template);
  dl_template_set_name (draft, _(original->name));
  dl_template_set_kind (draft, original->kind);
  dl_template_set_subject (draft, _(original->subject));
  dl_template_set_body (draft, _(original->body));

  return dl_store_update_template (self, draft, error);
}

/* Fields --------------------------------------------------------------- */

static char *
format_day (DlDay day)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (day == DL_DAY_NONE)
    return g_strdup ("");

  dl_day_to_ymd (day, &y, &m, &d);
  /* a day, not a moment: UTC needs no look at the local time zone,
   * which reads /etc/localtime each time (a third of the time of
   * 10,000 letters) */
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  if (dt == NULL)
    return g_strdup ("");

  /* TRANSLATORS: how a date reads in a letter, as in g_date_time_format ();
   * "%-d %B %Y" is "3 November 2026" */
  return g_date_time_format (dt, _("%-d %B %Y"));
}

guint
dl_store_get_member_level (DlStore *self,
                           gint64   person_id)
{
  g_autoptr(DlStmt) stmt = NULL;
  gint64 user_id;

  g_return_val_if_fail (DL_IS_STORE (self), 0);

  user_id = dl_store_get_user_id (self);
  if (user_id == 0 || person_id == user_id)
    return 0;

  /* the kept tree knows it without a walk up the chain (10,000 letters) */
  {
    g_autoptr(DlTree) tree = dl_store_peek_kept_tree (self);

    if (tree != NULL)
      {
        gint64 root = dl_tree_get_root (tree);
        gint64 index = dl_tree_find (tree, person_id);

        if (root < 0 || index < 0)
          return 0;
        if (index < root || index >= root + (gint64) dl_tree_get_node (tree, root)->subtree_size)
          return 0;   /* not in the user's downline */
        return dl_tree_get_node (tree, index)->level;
      }
  }

  /* Up the sponsor chain; the schema's trigger keeps it free of loops. */
  stmt = dl_store_prepare (self,
                           "WITH RECURSIVE up (id, depth) AS ("
                           "  SELECT ?1, 0"
                           "  UNION ALL"
                           "  SELECT m.sponsor_id, up.depth + 1 FROM member m JOIN up ON m.person_id = up.id"
                           "  WHERE m.sponsor_id IS NOT NULL AND up.id <> ?2"
                           ") SELECT depth FROM up WHERE id = ?2",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* The fields of many recipients read as one: the user's fields, the
 * kept tree (for each one's level) and one prepared statement once, then
 * a step of that statement a recipient.  Letters for a group of 10,000
 * read them in one pass rather than five reads and four objects each. */
struct _DlLetterReader
{
  DlStore *store;
  sqlite3_stmt *stmt;    /* the store's cached statement: reset, never finalized */
  sqlite3_stmt *batch;   /* the recipients expected, in one pass (see dl_letter_reader_expect) */
  gboolean batch_row;    /* batch stands on the next of them */
  DlTree  *tree;          /* the kept tree, or NULL: the level walks up */
  gint64   user_id;
  DlDay    today;
  char    *today_text;
  GHashTable *days;       /* DlDay → its text: many of a group joined on the same day */
  char    *me[9];         /* the user's fields, in me_keys order */
};

/* The recipient, their membership and the sponsor who is not the user;
 * the batch adds the recipient's id as column 15. */
#define READER_COLUMNS \
  "SELECT p.first_name, p.last_name, p.email, p.phone, p.best_time, p.city, " \
  "  m.person_id, m.member_number, m.joined_on, m.rank, " \
  "  s.first_name, s.last_name, s.email, s.phone, s.best_time, p.id " \
  "FROM person AS p LEFT JOIN member AS m ON m.person_id = p.id " \
  "LEFT JOIN person AS s ON s.id = m.sponsor_id AND m.sponsor_id IS NOT ?2 "

static const char *const me_keys[] = {
  "first_name", "last_name", "name", "email", "phone", "best_time", "company", "website", "message",
};

DlLetterReader *
dl_letter_reader_new (DlStore  *store,
                      DlDay     today,
                      GError  **error)
{
  g_autoptr(DlProfile) profile = NULL;
  DlLetterReader *reader;
  DlPerson *me;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  reader = g_new0 (DlLetterReader, 1);
  reader->store = g_object_ref (store);
  reader->today = today;
  reader->today_text = format_day (today);
  reader->days = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  reader->user_id = dl_store_get_user_id (store);
  reader->tree = dl_store_peek_kept_tree (store);
  /* the recipient, their membership and the sponsor who is not the
   * user: "your sponsor" is the user only for their own recruits, whose
   * letters speak as "me", so sponsor.* stays empty rather than repeat
   * the user */
  reader->stmt = dl_store_prepare (store, READER_COLUMNS "WHERE p.id = ?1", error);
  if (reader->stmt == NULL)
    {
      dl_letter_reader_free (reader);
      return NULL;
    }

  profile = dl_store_get_profile (store);
  me = profile != NULL ? dl_profile_get_person (profile) : NULL;
  reader->me[0] = g_strdup (me ? dl_person_get_first_name (me) : "");
  reader->me[1] = g_strdup (me ? dl_person_get_last_name (me) : "");
  reader->me[2] = g_strdup (me ? dl_person_get_name (me) : "");
  reader->me[3] = g_strdup (me ? dl_person_get_email (me) : "");
  reader->me[4] = g_strdup (me ? dl_person_get_phone (me) : "");
  reader->me[5] = g_strdup (me ? dl_person_get_best_time (me) : "");
  reader->me[6] = g_strdup (profile ? dl_profile_get_company (profile) : "");
  reader->me[7] = g_strdup (profile ? dl_profile_get_website (profile) : "");
  reader->me[8] = g_strdup (profile ? dl_profile_get_message (profile) : "");

  return reader;
}

void
dl_letter_reader_free (DlLetterReader *reader)
{
  if (reader == NULL)
    return;
  g_clear_pointer (&reader->stmt, dl_stmt_release);
  g_clear_pointer (&reader->batch, dl_stmt_release);
  g_clear_pointer (&reader->tree, dl_tree_unref);
  g_clear_object (&reader->store);
  g_free (reader->today_text);
  g_clear_pointer (&reader->days, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (reader->me); i++)
    g_free (reader->me[i]);
  g_free (reader);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* first_name … best_time from the five columns from column on. */
static void
fill_person_columns (DlMustacheValue *map,
                     sqlite3_stmt    *stmt,
                     int              column)
{
  g_autofree char *name = dl_name_join (column_text (stmt, column), column_text (stmt, column + 1));

  dl_mustache_map_set_string (map, "first_name", column_text (stmt, column));
  dl_mustache_map_set_string (map, "last_name", column_text (stmt, column + 1));
  dl_mustache_map_set_string (map, "name", name);
  dl_mustache_map_set_string (map, "email", column_text (stmt, column + 2));
  dl_mustache_map_set_string (map, "phone", column_text (stmt, column + 3));
  dl_mustache_map_set_string (map, "best_time", column_text (stmt, column + 4));
}

static DlMustacheValue *
child_map (DlMustacheValue *context,
           const char      *key)
{
  DlMustacheValue *map = dl_mustache_map_lookup (context, key);

  if (map == NULL)
    {
      map = dl_mustache_value_new_map ();
      dl_mustache_map_take (context, key, map);
    }
  return map;
}

static guint
reader_level (DlLetterReader *reader,
              gint64          person_id)
{
  gint64 root, index;

  if (reader->tree == NULL)
    return dl_store_get_member_level (reader->store, person_id);
  if (reader->user_id == 0 || person_id == reader->user_id)
    return 0;
  root = dl_tree_get_root (reader->tree);
  index = dl_tree_find (reader->tree, person_id);
  if (root < 0 || index < 0)
    return 0;
  if (index < root || index >= root + (gint64) dl_tree_get_node (reader->tree, root)->subtree_size)
    return 0;   /* not in the user's downline */
  return dl_tree_get_node (reader->tree, index)->level;
}

static void
reader_bind_user (DlLetterReader *reader,
                  sqlite3_stmt   *stmt)
{
  if (reader->user_id != 0)
    sqlite3_bind_int64 (stmt, 2, reader->user_id);
  else
    sqlite3_bind_null (stmt, 2);
}

/* Moves the batch on to the next recipient.  Should it fail, the rest
 * are read one by one, which says what went wrong for whom. */
static void
reader_batch_next (DlLetterReader *reader)
{
  reader->batch_row = sqlite3_step (reader->batch) == SQLITE_ROW;
  if (!reader->batch_row)
    sqlite3_reset (reader->batch);
}

void
dl_letter_reader_expect (DlLetterReader *reader,
                         GArray         *person_ids)
{
  g_autoptr(GString) ids = NULL;

  g_return_if_fail (reader != NULL);
  g_return_if_fail (person_ids != NULL);

  if (reader->batch == NULL)
    {
      /* json_each hands out the ids in their order, and each is a
       * lookup by id as a single read is; ORDER BY would sort them all
       * first.  Should SQLite ever take another order, each recipient
       * is read on their own (see dl_letter_reader_fill). */
      reader->batch = dl_store_prepare (reader->store,
                                        READER_COLUMNS
                                        "JOIN json_each (?1) AS j ON p.id = j.value "
                                        "WHERE j.type = 'integer'",
                                        NULL);
      if (reader->batch == NULL)
        return;
    }
  sqlite3_reset (reader->batch);
  ids = g_string_sized_new (16 + person_ids->len * 8);
  g_string_append_c (ids, '[');
  for (guint i = 0; i < person_ids->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (person_ids, gint64, i));
  g_string_append_c (ids, ']');
  sqlite3_bind_text (reader->batch, 1, ids->str, (int) ids->len, SQLITE_TRANSIENT);
  reader_bind_user (reader, reader->batch);
  reader_batch_next (reader);
}

/* A day as a letter writes it, formatted once a day for the reader:
 * the format looks up the month's name in the locale each time. */
static const char *
reader_day_text (DlLetterReader *reader,
                 DlDay           day)
{
  char *text = g_hash_table_lookup (reader->days, GINT_TO_POINTER (day));

  if (text == NULL)
    {
      text = format_day (day);
      g_hash_table_insert (reader->days, GINT_TO_POINTER (day), text);
    }
  return text;
}

gboolean
dl_letter_reader_fill (DlLetterReader   *reader,
                       gint64            person_id,
                       DlMustacheValue  *context,
                       GError          **error)
{
  sqlite3_stmt *stmt;
  DlMustacheValue *map;
  char number[32];
  int rc;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  /* the next of the expected recipients, else a read of this one (one
   * who was not expected, or is no longer there: the batch has no row
   * for them and keeps its row for the next) */
  if (reader->batch_row && sqlite3_column_int64 (reader->batch, 15) == person_id)
    stmt = reader->batch;
  else
    {
      stmt = reader->stmt;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, person_id);
      reader_bind_user (reader, stmt);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                         _("This person no longer exists; they may have been deleted."));
          else
            dl_store_set_sqlite_error (reader->store, error, rc, NULL);
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  fill_person_columns (context, stmt, 0);
  dl_mustache_map_set_string (context, "city", column_text (stmt, 5));

  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    {
      DlDay joined_on = dl_store_parse_day (column_text (stmt, 8), sqlite3_column_bytes (stmt, 8));
      const char *joined = reader_day_text (reader, joined_on);

      dl_mustache_map_set_string (context, "member_number", column_text (stmt, 7));
      dl_mustache_map_set_string (context, "joined_on", joined);
      dl_mustache_map_set_string (context, "rank", column_text (stmt, 9));
      g_snprintf (number, sizeof number, "%u", reader_level (reader, person_id));
      dl_mustache_map_set_string (context, "level", number);
      if (joined_on != DL_DAY_NONE && reader->today >= joined_on)
        g_snprintf (number, sizeof number, "%d", (int) (reader->today - joined_on));
      else
        number[0] = '\0';
      dl_mustache_map_set_string (context, "days_since_joining", number);
    }
  else
    {
      dl_mustache_map_set_string (context, "member_number", "");
      dl_mustache_map_set_string (context, "joined_on", "");
      dl_mustache_map_set_string (context, "rank", "");
      dl_mustache_map_set_string (context, "level", "");
      dl_mustache_map_set_string (context, "days_since_joining", "");
    }

  /* no sponsor, or the user: the columns are NULL and read as "" */
  fill_person_columns (child_map (context, "sponsor"), stmt, 10);

  map = child_map (context, "me");
  for (guint i = 0; i < G_N_ELEMENTS (me_keys); i++)
    dl_mustache_map_set_string (map, me_keys[i], reader->me[i]);

  dl_mustache_map_set_string (context, "today", reader->today_text);
  if (stmt == reader->batch)
    reader_batch_next (reader);
  else
    /* no read transaction left open between two recipients */
    sqlite3_reset (stmt);

  return TRUE;
}

gboolean
dl_store_fill_letter_context (DlStore          *self,
                              gint64            person_id,
                              DlDay             today,
                              DlMustacheValue  *context,
                              GError          **error)
{
  g_autoptr(DlLetterReader) reader = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (context != NULL, FALSE);

  reader = dl_letter_reader_new (self, today, error);
  return reader != NULL && dl_letter_reader_fill (reader, person_id, context, error);
}

/* Recipients ----------------------------------------------------------- */

GListModel *
dl_store_get_recipients (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return G_LIST_MODEL (dl_store_list_new (self, DL_STORE_ENTITY_PEOPLE,
                                          "SELECT person_id FROM member "
                                          "WHERE sponsor_id IS NOT NULL "
                                          "ORDER BY joined_on DESC, person_id DESC",
                                          0));
}

typedef struct
{
  gint64 person_id;
  DlDay  joined_on;
} Newcomer;

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Newcomer *x = a, *y = b;

  if (x->joined_on != y->joined_on)
    return x->joined_on > y->joined_on ? -1 : 1;
  return x->person_id > y->person_id ? -1 : x->person_id < y->person_id;
}

/* Who Today would welcome: one rule for both (dl-rules.h). */
static GArray *
find_not_welcomed (DlStore  *self,
                   DlDay     today,
                   DlDay     started_on,
                   GError  **error)
{
  g_autoptr(DlTree) tree = dl_store_load_tree (self, error);
  g_autoptr(GArray) found = NULL;
  GArray *ids;
  guint n;

  if (tree == NULL)
    return NULL;

  n = dl_tree_get_n_nodes (tree);
  found = g_array_new (FALSE, FALSE, sizeof (Newcomer));
  for (guint i = 0; i < n; i++)
    if (dl_rules_needs_welcome (tree, i, started_on, today))
      {
        Newcomer one = { dl_tree_get_node (tree, i)->person_id, dl_tree_get_node (tree, i)->joined_on };

        g_array_append_val (found, one);
      }
  g_array_sort (found, newest_first);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), found->len);
  for (guint i = 0; i < found->len; i++)
    g_array_append_val (ids, g_array_index (found, Newcomer, i).person_id);
  return ids;
}

GArray *
dl_store_find_audience (DlStore     *self,
                        DlAudience   audience,
                        DlDay        today,
                        DlDay        started_on,
                        GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlStmt) stmt = NULL;
  char month_start[16];
  const char *sql;
  int y, m, d, rc;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  dl_day_to_ymd (today, &y, &m, &d);
  dl_day_format_iso (dl_day_from_ymd (y, m, 1), month_start);

  switch (audience)
    {
    case DL_AUDIENCE_NOT_WELCOMED:
      return find_not_welcomed (self, today, started_on, error);
    case DL_AUDIENCE_SECOND_LEVEL_MONTH:
      sql = "SELECT m.person_id FROM member m "
            "WHERE m.joined_on >= ?2 AND m.status <> 'dropped' AND m.sponsor_id IN "
            "(SELECT person_id FROM member WHERE sponsor_id = ?1) "
            "ORDER BY m.joined_on DESC, m.person_id DESC";
      break;
    case DL_AUDIENCE_JOINED_THIS_MONTH:
      sql = "SELECT m.person_id FROM member m "
            "WHERE m.joined_on >= ?2 AND m.sponsor_id IS NOT NULL AND m.status <> 'dropped' "
            "ORDER BY m.joined_on DESC, m.person_id DESC";
      break;
    case DL_AUDIENCE_PERSONAL:
    default:
      sql = "SELECT m.person_id FROM member m "
            "WHERE m.sponsor_id = ?1 AND m.status <> 'dropped' "
            "ORDER BY m.joined_on DESC, m.person_id DESC";
      break;
    }

  stmt = dl_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, dl_store_get_user_id (self));
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, month_start, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, _("Could not find the recipients"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* LIKE treats % and _ as wildcards: a person typing "50%" means it. */
static char *
like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *c = word; *c; c++)
    {
      if (*c == '%' || *c == '_' || *c == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *c);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

GArray *
dl_store_find_members_matching (DlStore     *self,
                                const char  *filter,
                                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(DlStmt) stmt = NULL;
  guint n_words;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  words = g_str_tokenize_and_fold (filter ? filter : "", NULL, NULL);
  n_words = g_strv_length (words);
  if (n_words == 0)
    {
      g_set_error_literal (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                           _("Type something to look for: a name, a city, a rank…"));
      return NULL;
    }

  /* every word somewhere in the member's text; SQLite's lower () folds
   * ASCII only, so the words are folded the same way GLib folds them
   * and compared with LIKE, which ignores ASCII case */
  sql = g_string_new ("SELECT m.person_id FROM member m JOIN person p ON p.id = m.person_id "
                      "WHERE m.sponsor_id IS NOT NULL AND m.status <> 'dropped'");
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (sql, " AND (p.first_name || ' ' || p.last_name || ' ' || p.email || ' ' || "
                                 "p.phone || ' ' || p.city || ' ' || m.rank || ' ' || "
                                 "ifnull (m.member_number, '')) LIKE ?%u ESCAPE '\\'", i + 1);
  g_string_append (sql, " ORDER BY m.joined_on DESC, m.person_id DESC");

  stmt = dl_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_words; i++)
    sqlite3_bind_text (stmt, i + 1, like_pattern (words[i]), -1, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, _("Could not find the recipients"));
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Letters sent --------------------------------------------------------- */

typedef struct
{
  gint64 person_id;
  gint64 template_id;
  const char *subject;
  const char *body;
  DlSentVia sent_via;
  gint64 letter_id;
  gint64 interaction_id;
} RecordData;

static gboolean
record_letter_cb (DlStore  *self,
                  gpointer  data,
                  GError  **error)
{
  RecordData *r = data;
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  g_autofree char *summary = NULL;

  r->interaction_id = 0;
  /* The log line says which letter; the subject is the best one-liner. */
  summary = g_strdup_printf (_("Letter: %s"), r->subject[0] ? r->subject : _("(no subject)"));
  r->interaction_id = dl_store_insert_interaction (self, r->person_id, DL_CONTACT_LETTER,
                                                   NULL, summary, error);
  if (r->interaction_id == 0)
    return FALSE;

  stmt = dl_store_prepare (self,
                           "INSERT INTO letter (person_id, template_id, subject, body, created_at, sent_via) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  if (r->template_id > 0)
    sqlite3_bind_int64 (stmt, 2, r->template_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, r->subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, r->body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, dl_sent_via_to_string (r->sent_via), -1, SQLITE_STATIC);
  if (!dl_store_step_done (self, stmt, error))
    return FALSE;

  r->letter_id = sqlite3_last_insert_rowid (dl_store_get_handle (self));
  dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, r->letter_id);

  return TRUE;
}

DlLetter *
dl_store_record_letter (DlStore     *self,
                        gint64       person_id,
                        gint64       template_id,
                        const char  *subject,
                        const char  *body,
                        DlSentVia    sent_via,
                        gint64      *interaction_id,
                        GError     **error)
{
  RecordData r = { person_id, template_id, subject ? subject : "", body ? body : "", sent_via, 0, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  if (template_id > 0)
    {
      g_autoptr(DlTemplate) template = dl_store_get_template (self, template_id);

      if (template == NULL)
        r.template_id = 0;
    }

  if (!dl_store_run_in_transaction (self, record_letter_cb, &r, error))
    return NULL;

  if (interaction_id != NULL)
    *interaction_id = r.interaction_id;

  return dl_store_get_item (self, DL_STORE_ENTITY_LETTERS, r.letter_id);
}

typedef struct
{
  gint64 letter_id;
  gint64 interaction_id;
} UnrecordData;

static gboolean
unrecord_letter_cb (DlStore  *self,
                    gpointer  data,
                    GError  **error)
{
  UnrecordData *u = data;
  g_autoptr(DlStmt) who = NULL;
  g_autoptr(DlStmt) del = NULL;
  gint64 person_id = 0;

  who = dl_store_prepare (self, "SELECT person_id FROM letter WHERE id = ?", error);
  if (who == NULL)
    return FALSE;
  sqlite3_bind_int64 (who, 1, u->letter_id);
  if (sqlite3_step (who) == SQLITE_ROW)
    person_id = sqlite3_column_int64 (who, 0);
  g_clear_pointer (&who, dl_stmt_release);
  if (person_id == 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
                   _("This letter no longer exists."));
      return FALSE;
    }

  del = dl_store_prepare (self, "DELETE FROM letter WHERE id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, u->letter_id);
  if (!dl_store_step_done (self, del, error))
    return FALSE;
  g_clear_pointer (&del, dl_stmt_release);
  dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, u->letter_id);

  if (u->interaction_id > 0)
    {
      /* Only the letter's own log entry, never another of the person. */
      del = dl_store_prepare (self,
                              "DELETE FROM interaction WHERE id = ?1 AND person_id = ?2 "
                              "AND kind = 'letter'",
                              error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_int64 (del, 1, u->interaction_id);
      sqlite3_bind_int64 (del, 2, person_id);
      if (!dl_store_step_done (self, del, error))
        return FALSE;
      dl_store_emit_changed (self, DL_STORE_ENTITY_INTERACTIONS, u->interaction_id);
      dl_store_emit_changed (self, DL_STORE_ENTITY_PEOPLE, person_id);
    }

  return TRUE;
}

gboolean
dl_store_unrecord_letter (DlStore  *self,
                          gint64    letter_id,
                          gint64    interaction_id,
                          GError  **error)
{
  UnrecordData u = { letter_id, interaction_id };

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return dl_store_run_in_transaction (self, unrecord_letter_cb, &u, error);
}

/* dl-store-migrate.c — the schema brought up to this build's version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-store-object-private.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-resources.h"

/* Migrations ---------------------------------------------------------- */

gboolean
dl_store_exec_db (sqlite3     *db,
                  const char  *sql,
                  GError     **error)
{
  char *message = NULL;
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR,
                   (rc & 0xff) == SQLITE_BUSY ? DL_STORE_ERROR_BUSY : DL_STORE_ERROR_FAILED,
                   _("The database “%s” could not be updated: %s"),
                   sqlite3_db_filename (db, "main"),
                   message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

GPtrArray *
dl_store_set_schema_aside (sqlite3     *db,
                           const char  *where,
                           GError     **error)
{
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT upper (type), name, sql FROM sqlite_master "
                                          "WHERE sql IS NOT NULL AND (%s)", where);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (drops, g_strdup_printf ("DROP %s \"%s\"", sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (creates, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("The database “%s” could not be updated: %s"),
                   sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
      return NULL;
    }

  for (guint i = 0; i < drops->len; i++)
    if (!dl_store_exec_db (db, drops->pdata[i], error))
      return NULL;
  return g_steal_pointer (&creates);
}

int
dl_store_query_int (sqlite3    *db,
                    const char *sql,
                    int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc_out != NULL)
    *rc_out = rc;

  return value;
}

static gboolean
insert_default_stages (sqlite3  *db,
                       GError  **error)
{
  /* Chances and stale-after days follow the field advice: early stages
   * go cold within a week, a prospect who saw the presentation needs a
   * call within days, "not now" waits for its revisit date. */
  const struct
  {
    const char *name;
    const char *kind;
    int         probability;
    int         stale_days;
  } stages[] = {
    { N_("New contact"), "open", 5, 7 },
    { N_("Contacted"), "open", 10, 7 },
    { N_("Interested"), "open", 25, 5 },
    { N_("Qualified"), "open", 40, 7 },
    { N_("Presented"), "open", 60, 3 },
    { N_("Joined"), "joined", 100, 30 },
    { N_("Not now"), "not-now", 5, 90 },
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO stage (name, position, kind, probability, stale_days) "
                           "VALUES (?, ?, ?, ?, ?)",
                           -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < G_N_ELEMENTS (stages); i++)
    {
      sqlite3_bind_text (stmt, 1, _(stages[i].name), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      sqlite3_bind_text (stmt, 3, stages[i].kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, stages[i].probability);
      sqlite3_bind_int (stmt, 5, stages[i].stale_days);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = sqlite3_reset (stmt);
    }

  if (rc != SQLITE_OK)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                 _("The default stages could not be written to “%s”: %s"),
                 sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return rc == SQLITE_OK;
}

static gboolean
migrate_to_1 (sqlite3  *db,
              GError  **error)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *application_id = NULL;

  schema = g_resource_lookup_data (dl_store_get_resource (),
                                   "/io/github/downline/Downline/store/sql/schema-1.sql",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;

  /* The resource is not guaranteed to be nul-terminated as a string we
   * may hand to sqlite3_exec. */
  sql = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  application_id = g_strdup_printf ("PRAGMA application_id = %d", DL_STORE_APPLICATION_ID);

  return dl_store_exec_db (db, sql, error)
         && dl_store_exec_db (db, application_id, error)
         && insert_default_stages (db, error);
}

/* A CHECK listing three words or more, "status IN ('active',
 * 'inactive', 'dropped')", SQLite runs by building a little table of
 * the words for each row it writes (a b-tree and its pager opened and
 * closed: in a CHECK the list is not built once per statement).  That
 * was 0.7 µs a row, a second and more of a million-member import.  The
 * same rule written as comparisons costs next to nothing.  Writes the
 * one CHECK match found as comparisons. */
static gboolean
write_check_as_comparisons (const GMatchInfo *match,
                            GString          *out,
                            gpointer          data)
{
  g_autofree char *column = g_match_info_fetch (match, 1);
  g_autofree char *words = g_match_info_fetch (match, 2);
  g_auto(GStrv) each = g_strsplit (words, ",", -1);

  g_string_append (out, "CHECK (");
  for (guint i = 0; each[i] != NULL; i++)
    g_string_append_printf (out, "%s%s = %s", i > 0 ? " OR " : "", column, g_strstrip (each[i]));
  g_string_append (out, ")");
  return FALSE;
}

static char *
checks_as_comparisons (const char *sql)
{
  g_autoptr(GRegex) list = g_regex_new ("CHECK \\(([a-z_]+) IN \\(('[a-z-]*'(?: *, *'[a-z-]*'){2,})\\)\\)",
                                        0, 0, NULL);

  return g_regex_replace_eval (list, sql, -1, 0, 0, write_check_as_comparisons, NULL, NULL);
}

/* Version 8: lighter to write.  The indexes of people by e-mail and by
 * phone go: no query ever used them (the vCard import matches people
 * in memory, the search has its own index), and every person written
 * paid for them, a million-member import 0.5 s of index building.
 * The tables' CHECKs become comparisons (see above): only the text of
 * the rules changes, to one every row already keeps, so no table is
 * copied; the schema's own text is edited as SQLite's documentation
 * allows for such a change (writable_schema, then the schema's version
 * counted up, so every connection reads it again). */
static gboolean
migrate_to_8 (sqlite3  *db,
              GError  **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *bump = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;
  int rc;

  if (!dl_store_exec_db (db, "DROP INDEX IF EXISTS person_by_email; DROP INDEX IF EXISTS person_by_phone;", error))
    return FALSE;

  rc = sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE '%CHECK%'",
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *sql = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *text = checks_as_comparisons (sql);

      rc = SQLITE_OK;
      if (text != NULL && !g_str_equal (text, sql))
        {
          g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (texts, g_steal_pointer (&text));
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                   _("The database “%s” could not be updated: %s"),
                   sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
      return FALSE;
    }
  if (names->len == 0)
    return TRUE;
  /* an SQLite that guards its schema (SQLITE_DBCONFIG_DEFENSIVE, should
   * a build or a platform turn it on) refuses the edit: the rules stay
   * in words, as right as before and only slower, rather than every
   * file refused */
  {
    int defensive = 0;

    if (sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive) == SQLITE_OK && defensive)
      {
        g_debug ("The CHECKs of %s stay as lists: SQLite is in defensive mode", sqlite3_db_filename (db, "main"));
        return TRUE;
      }
  }

  version = dl_store_query_int (db, "PRAGMA schema_version", &rc);
  if (rc != SQLITE_OK || !dl_store_exec_db (db, "PRAGMA writable_schema = ON", error))
    {
      if (rc != SQLITE_OK)
        g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                     _("The database “%s” could not be updated: %s"),
                     sqlite3_db_filename (db, "main"), sqlite3_errstr (rc));
      return FALSE;
    }
  rc = sqlite3_prepare_v2 (db, "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1", -1, &stmt,
                           NULL);
  for (guint i = 0; rc == SQLITE_OK && i < names->len; i++)
    {
      sqlite3_bind_text (stmt, 1, names->pdata[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, texts->pdata[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = sqlite3_reset (stmt);
    }
  if (rc != SQLITE_OK)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                 _("The database “%s” could not be updated: %s"),
                 sqlite3_db_filename (db, "main"), sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  bump = g_strdup_printf ("PRAGMA schema_version = %d", version + 1);
  if (rc == SQLITE_OK && !dl_store_exec_db (db, bump, error))
    rc = SQLITE_ERROR;
  /* off again whatever happened; a failure rolls the text back */
  dl_store_exec_db (db, "PRAGMA writable_schema = OFF", NULL);
  return rc == SQLITE_OK;
}

typedef gboolean (*DlMigrateFunc) (sqlite3  *db,
                                   GError  **error);

/* migrations[i] takes a file from version i to i + 1.  A new schema
 * version appends a step here and never edits an old one. */
static const DlMigrateFunc migrations[] = {
  migrate_to_1,
  dl_store_migrate_to_2,     /* dl-store-pipeline.c: stage history */
  dl_store_migrate_to_3,     /* dl-store-periods.c: monthly figures and events */
  dl_store_migrate_to_4,     /* dl-store-risk.c: the dropout-risk model */
  dl_store_migrate_to_5,     /* dl-store-search.c: the search index */
  dl_store_migrate_to_6,     /* dl-store-periods.c: the latest month's figures for the tree */
  dl_store_migrate_to_7,     /* dl-store-periods.c: the months kept in key order (WITHOUT ROWID) */
  migrate_to_8,              /* lighter writes: two unused indexes gone, the CHECKs' lists as comparisons */
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == DL_STORE_SCHEMA_VERSION);

gboolean
dl_store_migrate_db (sqlite3  *db,
                     int       target,
                     GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target >= 0 && target <= DL_STORE_SCHEMA_VERSION, FALSE);

  /* The common case, a current file, takes no write lock. */
  {
    int rc;
    int version = dl_store_query_int (db, "PRAGMA user_version", &rc);

    if (rc == SQLITE_OK && version >= target)
      return TRUE;
  }

  for (;;)
    {
      g_autofree char *set_version = NULL;
      int version;
      int rc;

      /* IMMEDIATE, and user_version read inside: when two windows or
       * processes open an old file at once, one migrates and the other
       * then sees the new version and does nothing. */
      if (!dl_store_exec_db (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      version = dl_store_query_int (db, "PRAGMA user_version", &rc);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                       _("The version of “%s” could not be read: %s"),
                       sqlite3_db_filename (db, "main"), sqlite3_errstr (rc));
          dl_store_exec_db (db, "ROLLBACK", NULL);
          return FALSE;
        }

      if (version >= target)
        return dl_store_exec_db (db, "COMMIT", error);

      set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      if (!migrations[version] (db, error)
          || !dl_store_exec_db (db, set_version, error)
          || !dl_store_exec_db (db, "COMMIT", error))
        {
          if (!sqlite3_get_autocommit (db))
            dl_store_exec_db (db, "ROLLBACK", NULL);
          return FALSE;
        }

      g_debug ("Migrated %s to schema version %d", sqlite3_db_filename (db, "main"), version + 1);
    }
}

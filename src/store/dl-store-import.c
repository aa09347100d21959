/* dl-store-import.c — members from a back-office export, in one transaction:
 * the import's connection, what the store has already, and the import
 * run on the caller's thread or in a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer (dl-store-import-writer.c) runs on a connection of its own
 * (so a worker thread may run it while the window reads through the
 * store's), behind the store's guard for a file still being checked or
 * found damaged.  What an import would change is worked out first by
 * dl-store-import-plan.c; contact cards come in through
 * dl-store-import-vcards.c.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-id-search.h"
#include "dl-memory.h"
#include "dl-store-import.h"
#include "dl-store-import-private.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

#define BUSY_TIMEOUT_MS   10000

int
dl_import_compare_strings (gconstpointer a,
                           gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* ------------------------------------------------------------------ */
/* A connection of our own                                             */

void
dl_import_set_db_error (sqlite3     *db,
                        GError     **error,
                        const char  *what)
{
  int rc = sqlite3_extended_errcode (db);
  const char *message = sqlite3_errmsg (db);

  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_BUSY,
                 _("%s: the database is busy in another program. Try again in a moment."), what);
  else if (message != NULL && strstr (message, "sponsor cycle") != NULL)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE,
                 _("%s: a new sponsor would put a member under their own downline."), what);
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CONSTRAINT, "%s: %s", what, message);
  else if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO, _("%s: the disk is full."), what);
  else
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED, "%s: %s", what, message);
}

sqlite3 *
dl_import_open_connection (const char  *path,
                           GError     **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                   _("Could not open the database for the import: %s"),
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  /* A large import touches every index page many times: a cache keeps
   * the pages it comes back to.  64 MB of it: the cache used to be
   * 256 MB and to keep every page the transaction changed until the
   * commit (cache_spill, up to 512 MB), most of the import's peak
   * memory; spilled to the log instead, the pages cost a million-member
   * import no more processor time (12.0 s against 13.7 s, bench-import
   * --months), and they are written once at the commit either way.
   *
   * No foreign key checks on this connection: the writer only ever
   * points a member at a person it has just added, and a sponsor at a
   * member it read from the table or added before, so the checks (two
   * b-tree lookups a row) prove nothing it does not know.  The
   * sponsor-cycle trigger still runs.
   *
   * synchronous = FULL, wal_autocheckpoint = 0: the commit syncs the
   * log, so it is the durable point (a crash or a power cut leaves the
   * import whole or absent), and no checkpoint follows it in the
   * person's wait: the connection folds its log into the file on a
   * thread of its own afterwards (dl_store_checkpoint_and_close_later). */
  sqlite3_exec (db,
                "PRAGMA foreign_keys = OFF; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; "
                "PRAGMA cache_size = " DL_IMPORT_CACHE_SIZE ";",
                NULL, NULL, NULL);
  return db;
}

gboolean
dl_import_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      dl_import_set_db_error (db, error, _("The import failed"));
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
dl_import_prepare (sqlite3     *db,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      dl_import_set_db_error (db, error, _("The import failed"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

gboolean
dl_import_step_done (sqlite3      *db,
                     sqlite3_stmt *stmt,
                     const char   *what,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      dl_import_set_db_error (db, error, what);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* What is there                                                       */

void
dl_number_index_init (DlNumberIndex *index,
                      guint          size_hint)
{
  index->exact = dl_string_set_new_sized (size_hint);
  index->values = g_ptr_array_sized_new (size_hint);
  index->padded = dl_string_set_new ();
  index->padded_values = g_ptr_array_new ();
}

/* value as the index-th of values, which has index at most */
static void
set_value (GPtrArray *values,
           guint      index,
           gpointer   value)
{
  if (index == values->len)
    g_ptr_array_add (values, value);
  else
    values->pdata[index] = value;
}

void
dl_number_index_add (DlNumberIndex *index,
                     const char    *number,
                     gpointer       value)
{
  const char *key = dl_member_number_key (number);
  guint k;

  dl_string_set_add (index->exact, number, &k);
  set_value (index->values, k, value);
  /* of two stored numbers with one key ("0123", "00123"), either */
  if (key != number)
    {
      dl_string_set_add (index->padded, key, &k);
      set_value (index->padded_values, k, value);
    }
}

void
dl_number_index_clear (DlNumberIndex *index)
{
  g_clear_pointer (&index->exact, dl_string_set_free);
  g_clear_pointer (&index->values, g_ptr_array_unref);
  g_clear_pointer (&index->padded, dl_string_set_free);
  g_clear_pointer (&index->padded_values, g_ptr_array_unref);
}

guint
dl_store_count_members (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  if (sqlite3_prepare_v2 (db, "SELECT count (*) FROM member", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXINT);
  sqlite3_finalize (stmt);
  return n;
}

gboolean
dl_store_read_member_ids (sqlite3        *db,
                          DlNumberIndex  *ids,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  dl_number_index_init (ids, dl_store_count_members (db));
  stmt = dl_import_prepare (db, "SELECT member_number, person_id FROM member WHERE member_number IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    dl_number_index_add (ids, (const char *) sqlite3_column_text (stmt, 0),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dl_import_set_db_error (db, error, _("Could not read the members"));
      return FALSE;
    }
  return TRUE;
}

gpointer
dl_number_index_lookup (const DlNumberIndex *index,
                        const char          *number)
{
  const char *key;
  guint k;

  if (dl_string_set_find (index->exact, number, &k))
    return index->values->pdata[k];
  key = dl_member_number_key (number);
  if (key != number && dl_string_set_find (index->exact, key, &k))
    return index->values->pdata[k];
  if (dl_string_set_find (index->padded, key, &k))
    return index->padded_values->pdata[k];
  return NULL;
}

void
dl_import_existing_set_free (DlImportExistingSet *set)
{
  if (set == NULL)
    return;

  dl_number_index_clear (&set->by_number);
  g_clear_pointer (&set->members, g_array_unref);
  g_clear_pointer (&set->text, g_byte_array_unref);
  g_free (set);
}

/* A cell of stmt in set's text, as its offset: 0 ("") for NULL.  Words
 * that repeat (ranks, sides, first names) are kept once, through
 * interned: the text (in keys, for the read only) → its offset. */
static guint32
existing_text (DlImportExistingSet *set,
               GHashTable          *interned,
               GStringChunk        *keys,
               sqlite3_stmt        *stmt,
               int                  column,
               gboolean             repeats)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  int length = sqlite3_column_bytes (stmt, column);
  guint32 offset;
  gpointer found;

  if (text == NULL || *text == '\0')
    return 0;
  if (repeats && g_hash_table_lookup_extended (interned, text, NULL, &found))
    return GPOINTER_TO_UINT (found);
  /* past 4 GB the offsets no longer fit: never for a member table */
  g_return_val_if_fail (set->text->len <= G_MAXUINT32 - (guint) length - 1, 0);
  offset = set->text->len;
  g_byte_array_append (set->text, (const guint8 *) text, (guint) length + 1);
  if (repeats)
    g_hash_table_insert (interned, g_string_chunk_insert_len (keys, text, length), GUINT_TO_POINTER (offset));
  return offset;
}

/* a million of them: the join date came in the padding */
G_STATIC_ASSERT (sizeof (DlImportExisting) <= 64);

DlImportExistingSet *
dl_import_read_existing (sqlite3  *db,
                         GError  **error)
{
  g_autoptr(DlImportExistingSet) set = g_new0 (DlImportExistingSet, 1);
  g_autoptr(GHashTable) interned = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStringChunk) keys = g_string_chunk_new (1 << 12);
  sqlite3_stmt *stmt;
  guint n_members;
  int rc;

  stmt = dl_import_prepare (db,
                            "SELECT m.member_number, m.person_id, m.status, m.rank, "
                            "       coalesce (m.sponsor_id, 0), p.first_name, p.last_name, p.email, p.phone, "
                            "       p.city, m.role, coalesce (pc.parent_id, 0), coalesce (pc.side, ''), m.joined_on "
                            "FROM member m JOIN person p ON p.id = m.person_id "
                            "LEFT JOIN placement pc ON pc.member_id = m.person_id "
                            "WHERE m.member_number IS NOT NULL "
                            /* the table's order (free), which dl_import_existing_number () searches */
                            "ORDER BY m.person_id",
                            error);
  if (stmt == NULL)
    return NULL;

  n_members = dl_store_count_members (db);
  set->members = g_array_sized_new (FALSE, FALSE, sizeof (DlImportExisting), n_members);
  /* written whole, 64 MB a million: faulted in a page at a time it was
   * a twentieth of the plan */
  dl_memory_ask_huge_pages (set->members->data, (gsize) n_members * sizeof (DlImportExisting));
  dl_memory_make_present (set->members->data, (gsize) n_members * sizeof (DlImportExisting));
  set->text = g_byte_array_new ();
  g_byte_array_append (set->text, (const guint8 *) "", 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlImportExisting e = { 0, };
      DlMemberStatus status = DL_MEMBER_ACTIVE;
      DlRole role = DL_ROLE_DISTRIBUTOR;

      e.number = existing_text (set, interned, keys, stmt, 0, FALSE);
      e.person_id = sqlite3_column_int64 (stmt, 1);
      dl_member_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &status);
      e.status = status;
      e.rank = existing_text (set, interned, keys, stmt, 3, TRUE);
      e.sponsor_id = sqlite3_column_int64 (stmt, 4);
      e.first_name = existing_text (set, interned, keys, stmt, 5, TRUE);
      e.last_name = existing_text (set, interned, keys, stmt, 6, TRUE);
      e.email = existing_text (set, interned, keys, stmt, 7, FALSE);
      e.phone = existing_text (set, interned, keys, stmt, 8, FALSE);
      e.city = existing_text (set, interned, keys, stmt, 9, TRUE);
      dl_role_from_string ((const char *) sqlite3_column_text (stmt, 10), &role);
      e.role = role;
      e.parent_id = sqlite3_column_int64 (stmt, 11);
      e.side = existing_text (set, interned, keys, stmt, 12, TRUE);
      /* as the writer writes it, "YYYY-MM-DD" and nothing more: another
       * text is one it writes again */
      e.joined_on = sqlite3_column_bytes (stmt, 13) == 10 ? dl_day_from_iso ((const char *) sqlite3_column_text (stmt, 13))
                                                          : DL_DAY_NONE;
      g_array_append_val (set->members, e);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dl_import_set_db_error (db, error, _("Could not read the members"));
      return NULL;
    }

  /* once the array and the text have stopped moving */
  dl_number_index_init (&set->by_number, set->members->len);
  for (guint i = 0; i < set->members->len; i++)
    {
      DlImportExisting *e = &g_array_index (set->members, DlImportExisting, i);

      dl_number_index_add (&set->by_number, dl_import_existing_text (set, e->number), e);
    }

  return g_steal_pointer (&set);
}

/* the id of the member read at index, for dl_id_search () */
static gint64
existing_id_at (gconstpointer data,
                guint         index)
{
  return g_array_index ((GArray *) data, DlImportExisting, index).person_id;
}

const char *
dl_import_existing_number (const DlImportExistingSet *set,
                           gint64                     person_id)
{
  gint64 at;

  if (person_id == 0)
    return "";
  at = dl_id_search (existing_id_at, set->members, set->members->len, person_id);
  return at >= 0 ? dl_import_existing_text (set, g_array_index (set->members, DlImportExisting, at).number) : "";
}

const char *
dl_import_existing_name (const DlImportExistingSet *set,
                         const DlImportExisting    *e,
                         GString                   *name)
{
  const char *start;
  const char *end;

  /* as SQL's trim (first_name || ' ' || last_name) */
  g_string_assign (name, dl_import_existing_text (set, e->first_name));
  g_string_append_c (name, ' ');
  g_string_append (name, dl_import_existing_text (set, e->last_name));
  for (start = name->str; *start == ' '; start++)
    ;
  for (end = name->str + name->len; end > start && end[-1] == ' '; end--)
    ;
  g_string_truncate (name, (gsize) (end - name->str));
  g_string_erase (name, 0, start - name->str);
  return name->str;
}

gint64
dl_import_read_user_id (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  /* the user as a member: the only one a sponsor may fall back to */
  if (sqlite3_prepare_v2 (db,
                          "SELECT m.person_id FROM profile p JOIN member m ON m.person_id = p.person_id "
                          "WHERE p.id = 1",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* Whether a file of period is the latest import: of the newest month
 * the store has figures for, or a newer one.  A file of no stated month
 * (DL_PERIOD_NONE) is of now, and always is. */
gboolean
dl_import_is_latest_period (sqlite3  *db,
                            DlPeriod  period)
{
  sqlite3_stmt *stmt = NULL;
  DlPeriod newest = DL_PERIOD_NONE;

  if (period == DL_PERIOD_NONE)
    return TRUE;
  if (sqlite3_prepare_v2 (db, "SELECT max (period) FROM period_figures", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    newest = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return newest == DL_PERIOD_NONE || period >= newest;
}

/* The layout is kept as the mapping text's first line. */
#define LAYOUT_LINE "layout "

gboolean
dl_store_record_import (DlStore     *store,
                        const char  *period,
                        const char  *file_name,
                        const char  *checksum,
                        const char  *layout_key,
                        const char  *mapping_text,
                        GError     **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *stamp = dl_store_now_stamp ();
  g_autofree char *mapping = g_strdup_printf (LAYOUT_LINE "%s\n%s", layout_key, mapping_text);

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  stmt = dl_store_prepare (store,
                           "INSERT INTO snapshot (period, imported_at, file_name, checksum, mapping) "
                           "VALUES (?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stamp, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, checksum, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, mapping, -1, SQLITE_TRANSIENT);
  return dl_store_step_done (store, stmt, error);
}

static DlDay
stamp_day (const char *stamp)
{
  return stamp != NULL && strlen (stamp) >= 10 ? dl_store_parse_day (stamp, 10) : DL_DAY_NONE;
}

char *
dl_store_find_saved_mapping (DlStore    *store,
                             const char *layout_key,
                             DlDay      *imported_on,
                             DlPeriod   *month)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *prefix = NULL;
  const char *text;

  g_return_val_if_fail (DL_IS_STORE (store) && layout_key != NULL, NULL);

  prefix = g_strdup_printf (LAYOUT_LINE "%s\n", layout_key);
  stmt = dl_store_prepare (store,
                           "SELECT mapping, imported_at, period FROM snapshot "
                           "WHERE substr (mapping, 1, length (?1)) = ?1 ORDER BY id DESC LIMIT 1",
                           NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  text = (const char *) sqlite3_column_text (stmt, 0);
  if (imported_on != NULL)
    *imported_on = stamp_day ((const char *) sqlite3_column_text (stmt, 1));
  if (month != NULL)
    *month = dl_period_parse ((const char *) sqlite3_column_text (stmt, 2));
  return g_strdup (text + strlen (prefix));
}

gboolean
dl_store_find_imported_file (DlStore    *store,
                             const char *checksum,
                             const char *period,
                             const char *layout_key,
                             const char *mapping_text,
                             DlDay      *imported_on)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autofree char *mapping = NULL;

  g_return_val_if_fail (DL_IS_STORE (store) && checksum != NULL, FALSE);
  g_return_val_if_fail ((layout_key == NULL) == (mapping_text == NULL), FALSE);

  if (layout_key != NULL)
    mapping = g_strdup_printf (LAYOUT_LINE "%s\n%s", layout_key, mapping_text);
  stmt = dl_store_prepare (store,
                           "SELECT imported_at FROM snapshot WHERE checksum = ?1 "
                           "AND (?2 IS NULL OR period = ?2) AND (?3 IS NULL OR mapping = ?3) "
                           "ORDER BY id DESC LIMIT 1",
                           NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, checksum, -1, SQLITE_TRANSIENT);
  if (period != NULL)
    sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  if (mapping != NULL)
    sqlite3_bind_text (stmt, 3, mapping, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (imported_on != NULL)
    *imported_on = stamp_day ((const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

gboolean
dl_store_import_needs_user (DlStore *store)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(DlProfile) profile = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  profile = dl_store_get_profile (store);
  if (profile != NULL && *dl_profile_get_member_number (profile) != '\0')
    return FALSE;
  stmt = dl_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM member WHERE coalesce (member_number, '') <> '')",
                           NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
}

gboolean
dl_store_has_member_number (const char *member_number,
                            gpointer    store)
{
  g_autoptr(DlStmt) stmt = NULL;
  const char *key;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  stmt = dl_store_prepare (store, "SELECT 1 FROM member WHERE member_number = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, member_number, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return TRUE;
  g_clear_pointer (&stmt, dl_stmt_release);

  /* the same member written with more or fewer leading zeros: only a
   * stored number that ends in the key can be one */
  key = dl_member_number_key (member_number);
  stmt = dl_store_prepare (store,
                           "SELECT member_number FROM member "
                           "WHERE substr (member_number, -length (?1)) = ?1",
                           NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (strcmp (dl_member_number_key (dl_stmt_text (stmt, 0)), key) == 0)
      return TRUE;
  return FALSE;
}

static DlStringSet *
read_member_numbers (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(DlStringSet) set = dl_string_set_new_sized (dl_store_count_members (db));
  sqlite3_stmt *stmt = dl_import_prepare (db, "SELECT member_number FROM member WHERE member_number IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      const char *key = dl_member_number_key (number);

      dl_string_set_add (set, number, NULL);
      /* "00123" is known as "123" (and so as "0123") too */
      if (key != number)
        dl_string_set_add (set, key, NULL);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dl_import_set_db_error (db, error, _("Could not read the members"));
      return NULL;
    }
  return g_steal_pointer (&set);
}

DlStringSet *
dl_store_get_member_numbers (DlStore *store)
{
  DlStringSet *set;

  g_return_val_if_fail (DL_IS_STORE (store), dl_string_set_new ());

  set = read_member_numbers (dl_store_get_handle (store), NULL);
  return set != NULL ? set : dl_string_set_new ();
}

DlStringSet *
dl_store_read_member_numbers (const char  *path,
                              GError     **error)
{
  sqlite3 *db;
  DlStringSet *set;

  g_return_val_if_fail (path != NULL, NULL);

  db = dl_store_open_reader (path, error);
  if (db == NULL)
    return NULL;
  set = read_member_numbers (db, error);
  sqlite3_close (db);
  return set;
}

gboolean
dl_import_known_in_set (const char *member_number,
                        gpointer    set)
{
  const char *key = dl_member_number_key (member_number);

  /* a number with a country, or without leading zeros, is its own key:
   * asked twice, it was a quarter of validating a million rows with
   * countries */
  return dl_string_set_contains (set, member_number) ||
         (key != member_number && dl_string_set_contains (set, key));
}

/* form is member_number's key, a hyphen and a country */
static gboolean
is_form_of (const char *form,
            const char *key)
{
  const char *country = dl_member_number_country (form);
  gsize length = strlen (key);

  return country != NULL && (gsize) (country - form) == length + 1 && strncmp (form, key, length) == 0;
}

char **
dl_store_find_qualified_numbers (const char *member_number,
                                 gpointer    store)
{
  g_autoptr(DlStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) forms = g_strv_builder_new ();
  const char *key;
  gboolean any = FALSE;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  key = dl_member_number_key (member_number);
  stmt = dl_store_prepare (store,
                           "SELECT member_number FROM member "
                           "WHERE substr (member_number, 1, length (?1) + 1) = ?1 || '-' ORDER BY member_number",
                           NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (is_form_of (dl_stmt_text (stmt, 0), key))
      {
        g_strv_builder_add (forms, dl_stmt_text (stmt, 0));
        any = TRUE;
      }
  return any ? g_strv_builder_end (forms) : NULL;
}

GHashTable *
dl_import_qualified_index (const DlStringSet *numbers)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer forms;

  g_return_val_if_fail (numbers != NULL, index);

  for (guint i = 0; i < dl_string_set_get_size (numbers); i++)
    {
      const char *number = dl_string_set_get (numbers, i);
      const char *country = dl_member_number_country (number);
      g_autofree char *key = NULL;

      if (country == NULL)
        continue;
      key = g_strndup (number, (gsize) (country - 1 - number));
      forms = g_hash_table_lookup (index, key);
      if (forms == NULL)
        {
          forms = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (index, g_steal_pointer (&key), forms);
        }
      g_ptr_array_add (forms, g_strdup (number));
    }
  /* in the order the store gives them */
  g_hash_table_iter_init (&iter, index);
  while (g_hash_table_iter_next (&iter, NULL, &forms))
    g_ptr_array_sort (forms, dl_import_compare_strings);

  return index;
}

char **
dl_import_qualified_in_index (const char *member_number,
                              gpointer    index)
{
  GPtrArray *forms = g_hash_table_lookup (index, dl_member_number_key (member_number));
  char **copy;

  if (forms == NULL)
    return NULL;
  copy = g_new (char *, forms->len + 1);
  for (guint i = 0; i < forms->len; i++)
    copy[i] = g_strdup (forms->pdata[i]);
  copy[forms->len] = NULL;
  return copy;
}

/* ------------------------------------------------------------------ */
/* Numbers that gained a country                                       */

/* A name as two spellings of it compare, newly allocated: in one
 * Unicode form (an "é" typed as "e" and an accent, a full-width "Ａ"),
 * runs of blanks one space and none at the ends, case folded.  A first
 * name saved with a blank after it is "Ana  Ruiz" in the database. */
static char *
claim_name_key (const char *name)
{
  g_autofree char *normal = g_utf8_normalize (name, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) collapsed = g_string_new (NULL);
  gboolean blank = FALSE;

  /* not UTF-8: compared as it is */
  if (normal == NULL)
    return g_strdup (name);
  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        blank = collapsed->len > 0;
      else
        {
          if (blank)
            g_string_append_c (collapsed, ' ');
          blank = FALSE;
          g_string_append_unichar (collapsed, c);
        }
    }
  return g_utf8_casefold (collapsed->str, -1);
}

/* Whether row's name is name, as two spellings of a name compare */
static gboolean
claim_same_name (const DlImportRow *row,
                 const char        *name)
{
  g_autofree char *full = g_strdup_printf ("%s %s", row->first_name, row->last_name);
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;

  /* most often the very same text, which needs no normalising */
  if (g_str_equal (full, name))
    return TRUE;
  ours = claim_name_key (full);
  theirs = claim_name_key (name);
  return g_str_equal (ours, theirs);
}

/* Row i has the name of person: it takes them over, unless another row
 * does too, when neither does.  claimed: person → 1 + the row taking
 * them over, or G_MAXUINT once two would.  In any order of the rows. */
static void
claim (GHashTable *claimed,
       gint64     *claims,
       gint64      person,
       guint       i)
{
  gpointer before = g_hash_table_lookup (claimed, GSIZE_TO_POINTER ((gsize) person));

  if (before == NULL)
    {
      claims[i] = person;
      g_hash_table_insert (claimed, GSIZE_TO_POINTER ((gsize) person), GUINT_TO_POINTER (i + 1));
    }
  else if (GPOINTER_TO_UINT (before) != G_MAXUINT)
    {
      claims[GPOINTER_TO_UINT (before) - 1] = 0;
      g_hash_table_insert (claimed, GSIZE_TO_POINTER ((gsize) person), GUINT_TO_POINTER (G_MAXUINT));
    }
}

/* A row whose bare member's name is to be read */
typedef struct
{
  gint64 person;
  guint  row;
} Unread;

static int
compare_unread (gconstpointer a,
                gconstpointer b)
{
  const Unread *x = a;
  const Unread *y = b;

  return (x->person > y->person) - (x->person < y->person);
}

/* The members the file now names with their country: the month a number
 * turns up in a second country, its rows come qualified ("900057-US",
 * see dl-csv-import.h) while Downline has the member of the one country
 * before under the bare number ("900057").  Of the rows of that number
 * Downline has no qualified member for, the one with the bare member's
 * name takes them over, and their number with them.  When none has the
 * name (or several have), nobody does: a member listed as not in the
 * file is better than one merged with the wrong person.  find, with
 * find_data, maps numbers to members.  Returns, per row, the person
 * taken over or 0; NULL with error set when the names could not be
 * read.  A file without a qualified row (most) costs nothing. */
gint64 *
dl_import_read_claims (sqlite3               *db,
                       const DlImportResult  *result,
                       DlImportFindMember     find,
                       gpointer               find_data,
                       GError               **error)
{
  guint n = result->rows->len;
  g_autofree gint64 *claims = g_new0 (gint64, MAX (n, 1));
  g_autoptr(GHashTable) claimed = NULL;
  g_autoptr(GArray) unread = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!result->has_plain_numbers)
    return g_steal_pointer (&claims);

  claimed = g_hash_table_new (g_direct_hash, g_direct_equal);
  unread = g_array_new (FALSE, FALSE, sizeof (Unread));
  for (guint i = 0; i < n; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      const char *name;
      gint64 person;

      /* the row's own number first, whose member's name is not needed */
      if (row->plain_number == NULL || find (find_data, row->member_number, NULL) != 0)
        continue;
      person = find (find_data, row->plain_number, &name);
      if (person == 0)
        continue;
      if (name == NULL)
        g_array_append_val (unread, ((Unread) { person, i }));
      else if (claim_same_name (row, name))
        claim (claimed, claims, person, i);
    }
  if (unread->len == 0)
    return g_steal_pointer (&claims);

  /* the names not known, read in the order of the people's ids: each
   * page of the table read once, where in the file's order a page was
   * read again for nearly every row (0.5 s for 100,000 rows) */
  g_array_sort (unread, compare_unread);
  stmt = dl_import_prepare (db, "SELECT trim (first_name || ' ' || last_name) FROM person WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  for (guint k = 0; k < unread->len; k++)
    {
      const Unread *u = &g_array_index (unread, Unread, k);
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, u->row);
      int rc;

      sqlite3_bind_int64 (stmt, 1, u->person);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && claim_same_name (row, dl_stmt_text (stmt, 0)))
        claim (claimed, claims, u->person, u->row);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          dl_import_set_db_error (db, error, _("Could not read the members"));
          sqlite3_finalize (stmt);
          return NULL;
        }
    }
  sqlite3_finalize (stmt);

  return g_steal_pointer (&claims);
}

/* ------------------------------------------------------------------ */
/* Importing: the writer run here or in a worker                       */

typedef struct
{
  char                 *path;
  const DlImportResult *result;
  DlImportProgressFunc  progress;
  gpointer              progress_data;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
emit_imported (DlStore *store)
{
  dl_store_emit_changed (store, DL_STORE_ENTITY_PEOPLE, 0);
  dl_store_emit_changed (store, DL_STORE_ENTITY_MEMBERS, 0);
}

gboolean
dl_store_import_members (DlStore               *store,
                         const DlImportResult  *result,
                         GCancellable          *cancellable,
                         DlImportProgressFunc   progress,
                         gpointer               progress_data,
                         DlImportKept          *kept,
                         DlImportPlan         **plan,
                         GError               **error)
{
  DlImportKept none;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (!dl_store_in_transaction (store), FALSE);

  /* the store's guard, which this connection of our own would bypass
   * (the wait for a running integrity check comes before the import's
   * first write, its reads alongside) */
  if (!dl_store_check_may_write (store, error))
    return FALSE;

  if (!dl_import_on_connection (store, dl_store_get_path (store), result, cancellable,
                                progress, progress_data, kept != NULL ? kept : &none, plan, error))
    return FALSE;

  emit_imported (store);
  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  DlImportKept *kept = g_new0 (DlImportKept, 1);

  /* waits in the worker for a running integrity check, before its
   * first write */
  if (!dl_store_check_may_write (source_object, &error))
    {
      g_free (kept);
      g_task_return_error (task, error);
    }
  else if (dl_import_on_connection (source_object, job->path, job->result, cancellable, job->progress,
                                    job->progress_data, kept, NULL, &error))
    g_task_return_pointer (task, kept, g_free);
  else
    {
      g_free (kept);
      g_task_return_error (task, error);
    }
}

void
dl_store_import_members_async (DlStore              *store,
                               const DlImportResult *result,
                               GCancellable         *cancellable,
                               DlImportProgressFunc  progress,
                               gpointer              progress_data,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job;

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (result != NULL);

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (dl_store_get_path (store));
  job->result = result;
  job->progress = progress;
  job->progress_data = progress_data;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_import_members_async);
  /* a cancelled import must still say so, not vanish */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, job, import_job_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
dl_store_import_members_finish (DlStore       *store,
                                GAsyncResult  *result,
                                DlImportKept  *kept,
                                GError       **error)
{
  g_autofree DlImportKept *done = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  done = g_task_propagate_pointer (G_TASK (result), error);
  if (done == NULL)
    return FALSE;
  if (kept != NULL)
    *kept = *done;

  emit_imported (store);
  return TRUE;
}

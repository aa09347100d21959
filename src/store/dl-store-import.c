/* dl-store-import.c — members from a back-office export, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer runs on a connection of its own (so a worker thread may
 * run it while the window reads through the store's), behind the
 * store's guard for a file still being checked or found damaged.  It
 * gives new people their ids itself, in member-number order, and
 * inserts them in that order 64 rows to a statement; then it updates
 * existing ones in place, never deleting anything.  A large import into
 * a small database drops the person and member indexes and builds them
 * again at the end, all inside the one transaction.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-import.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-periods-private.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"
#include "dl-validate.h"

#define BUSY_TIMEOUT_MS   10000
#define PROGRESS_EVERY    4096

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* ------------------------------------------------------------------ */
/* A connection of our own                                             */

static void
set_db_error (sqlite3     *db,
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

/* Puts the lines of the file before the message, as one sentence to translate. */
static void
prefix_error_lines (GError **error,
                    guint    first,
                    guint    last)
{
  char *message;

  if (error == NULL || *error == NULL)
    return;
  if (first == last)
    /* Translators: a line of the imported file, then what went wrong there */
    message = g_strdup_printf (_("Line %u: %s"), first, (*error)->message);
  else
    /* Translators: lines of the imported file, then what went wrong there */
    message = g_strdup_printf (_("Lines %u to %u: %s"), first, last, (*error)->message);
  g_free ((*error)->message);
  (*error)->message = message;
}

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

static sqlite3 *
open_connection (const char  *path,
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
  /* A large import touches every index page many times: a cache big
   * enough to hold them keeps the transaction from spilling pages to
   * the WAL over and over.  cache_spill keeps the pages a transaction
   * changed in memory until the commit (up to 512 MB, about 1.7 million
   * members), even when the index builds below shrink the cache:
   * spilled, they went to the log one page at a time and the builds
   * read them back from it.
   *
   * No foreign key checks on this connection: the writer only ever
   * points a member at a person it has just added, and a sponsor at a
   * member it read from the table or added before, so the checks (two
   * b-tree lookups a row) prove nothing it does not know.  The
   * sponsor-cycle trigger still runs.
   *
   * synchronous = FULL, wal_autocheckpoint = 0: the commit syncs the
   * log, so it is the durable point (a crash or a power cut leaves the
   * import whole or absent), and no checkpoint follows it here.  Copying
   * a million-member log into the file took 0.8 s of the person's wait;
   * the store's own connection does it at its next write or when it
   * closes, as for any other change. */
  sqlite3_exec (db,
                "PRAGMA foreign_keys = OFF; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; "
                "PRAGMA cache_size = -262144; PRAGMA cache_spill = 131072;",
                NULL, NULL, NULL);
  return db;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      set_db_error (db, error, _("The import failed"));
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (db, error, _("The import failed"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

static gboolean
step_done (sqlite3      *db,
           sqlite3_stmt *stmt,
           const char   *what,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error, what);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

/* "YYYY-MM-DD" without printf: a million-row import formats two
 * million dates. */
static void
format_day (DlDay day,
            char  buf[16])
{
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  if (y < 0 || y > 9999)
    {
      dl_day_format_iso (day, buf);
      return;
    }
  buf[0] = (char) ('0' + y / 1000);
  buf[1] = (char) ('0' + y / 100 % 10);
  buf[2] = (char) ('0' + y / 10 % 10);
  buf[3] = (char) ('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char) ('0' + m / 10);
  buf[6] = (char) ('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char) ('0' + d / 10);
  buf[9] = (char) ('0' + d % 10);
  buf[10] = '\0';
}

static void
bind_day (sqlite3_stmt *stmt,
          int           column,
          DlDay         day,
          char          buf[16])
{
  if (day == DL_DAY_NONE)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }
  format_day (day, buf);
  sqlite3_bind_text (stmt, column, buf, -1, SQLITE_STATIC);
}

/* ------------------------------------------------------------------ */
/* What is there                                                       */

void
dl_number_index_init (DlNumberIndex *index,
                      GHashTable    *exact)
{
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  index->exact = exact;
  index->padded = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_iter_init (&iter, exact);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *padded_key = dl_member_number_key (key);

      /* of two stored numbers with one key ("0123", "00123"), either */
      if (padded_key != key)
        g_hash_table_insert (index->padded, (gpointer) padded_key, value);
    }
}

void
dl_number_index_clear (DlNumberIndex *index)
{
  g_clear_pointer (&index->padded, g_hash_table_unref);
  g_clear_pointer (&index->exact, g_hash_table_unref);
}

gpointer
dl_number_index_lookup (const DlNumberIndex *index,
                        const char          *number)
{
  const char *key;
  gpointer value;

  if (g_hash_table_lookup_extended (index->exact, number, NULL, &value))
    return value;
  key = dl_member_number_key (number);
  if (key != number && g_hash_table_lookup_extended (index->exact, key, NULL, &value))
    return value;
  return g_hash_table_lookup (index->padded, key);
}

typedef struct
{
  const char     *number;           /* the key it is filed under */
  gint64          person_id;
  DlMemberStatus  status;
  char           *rank;
  char           *sponsor_number;   /* "" when none */
  char           *name;
  char           *first_name;
  char           *last_name;
  char           *email;
  char           *phone;
  char           *city;
  DlRole          role;
  char           *placement_number; /* the parent's, "" for none */
  char           *side;             /* "left", "right" or "" */
  gboolean        seen;
} Existing;

static void
existing_free (gpointer data)
{
  Existing *e = data;

  g_free (e->rank);
  g_free (e->sponsor_number);
  g_free (e->name);
  g_free (e->first_name);
  g_free (e->last_name);
  g_free (e->email);
  g_free (e->phone);
  g_free (e->city);
  g_free (e->placement_number);
  g_free (e->side);
  g_free (e);
}

/* member number → Existing, for every member with a number */
static GHashTable *
read_existing (sqlite3  *db,
               gboolean  with_details,
               GError  **error)
{
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, existing_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db,
                  "SELECT m.member_number, m.person_id, m.status, m.rank, "
                  "       coalesce (s.member_number, ''), trim (p.first_name || ' ' || p.last_name), "
                  "       p.first_name, p.last_name, p.email, p.phone, p.city, m.role, "
                  "       coalesce (pm.member_number, ''), coalesce (pc.side, '') "
                  "FROM member m JOIN person p ON p.id = m.person_id "
                  "LEFT JOIN member s ON s.person_id = m.sponsor_id "
                  "LEFT JOIN placement pc ON pc.member_id = m.person_id "
                  "LEFT JOIN member pm ON pm.person_id = pc.parent_id "
                  "WHERE m.member_number IS NOT NULL",
                  error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Existing *e = g_new0 (Existing, 1);
      char *number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      e->number = number;
      e->person_id = sqlite3_column_int64 (stmt, 1);
      if (with_details)
        {
          dl_member_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &e->status);
          e->rank = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          e->sponsor_number = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          e->name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          e->first_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          e->last_name = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
          e->email = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
          e->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
          e->city = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
          dl_role_from_string ((const char *) sqlite3_column_text (stmt, 11), &e->role);
          e->placement_number = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
          e->side = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
        }
      g_hash_table_insert (existing, number, e);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error, _("Could not read the members"));
      return NULL;
    }

  return g_steal_pointer (&existing);
}

static gint64
read_user_id (sqlite3 *db)
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
static gboolean
is_latest_period (sqlite3  *db,
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

static GHashTable *
read_member_numbers (sqlite3  *db,
                     GError  **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = prepare (db, "SELECT member_number FROM member WHERE member_number IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      const char *key = dl_member_number_key (number);

      g_hash_table_add (set, g_strdup (number));
      /* "00123" is known as "123" (and so as "0123") too */
      if (key != number)
        g_hash_table_add (set, g_strdup (key));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (db, error, _("Could not read the members"));
      return NULL;
    }
  return g_steal_pointer (&set);
}

GHashTable *
dl_store_get_member_numbers (DlStore *store)
{
  GHashTable *set;

  g_return_val_if_fail (DL_IS_STORE (store), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));

  set = read_member_numbers (dl_store_get_handle (store), NULL);
  return set != NULL ? set : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GHashTable *
dl_store_read_member_numbers (const char  *path,
                              GError     **error)
{
  sqlite3 *db;
  GHashTable *set;

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
  return g_hash_table_contains (set, member_number) ||
         g_hash_table_contains (set, dl_member_number_key (member_number));
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
dl_import_qualified_index (GHashTable *numbers)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer number;
  gpointer forms;

  g_return_val_if_fail (numbers != NULL, index);

  g_hash_table_iter_init (&iter, numbers);
  while (g_hash_table_iter_next (&iter, &number, NULL))
    {
      const char *country = dl_member_number_country (number);
      g_autofree char *key = NULL;

      if (country == NULL)
        continue;
      key = g_strndup (number, (gsize) (country - 1 - (const char *) number));
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
    g_ptr_array_sort (forms, compare_strings);

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

/* How read_claims () finds the member filed under a number in index:
 * their person id (0 for none) and their full name, when the index has
 * it (else NULL: it is read). */
typedef gint64 (*FindMember) (const DlNumberIndex  *index,
                              const char           *number,
                              const char          **name);

/* in the plan's index of Existing, which has the names */
static gint64
find_existing (const DlNumberIndex  *index,
               const char           *number,
               const char          **name)
{
  Existing *e = dl_number_index_lookup (index, number);

  *name = e != NULL ? e->name : NULL;
  return e != NULL ? e->person_id : 0;
}

/* in the writer's index of person ids */
static gint64
find_person_id (const DlNumberIndex  *index,
                const char           *number,
                const char          **name)
{
  *name = NULL;
  return (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (index, number));
}

/* The members the file now names with their country: the month a number
 * turns up in a second country, its rows come qualified ("900057-US",
 * see dl-csv-import.h) while Downline has the member of the one country
 * before under the bare number ("900057").  Of the rows of that number
 * Downline has no qualified member for, the one with the bare member's
 * name takes them over, and their number with them.  When none has the
 * name (or several have), nobody does: a member listed as not in the
 * file is better than one merged with the wrong person.  index maps
 * numbers to members, found by find.  Returns, per row, the person
 * taken over or 0; NULL with error set when the names could not be
 * read.  A file without a qualified row (most) costs nothing. */
static gint64 *
read_claims (sqlite3               *db,
             const DlImportResult  *result,
             const DlNumberIndex   *index,
             FindMember             find,
             GError               **error)
{
  guint n = result->rows->len;
  g_autofree gint64 *claims = g_new0 (gint64, MAX (n, 1));
  g_autoptr(GHashTable) claimed = NULL;
  sqlite3_stmt *stmt = NULL;

  if (!result->has_plain_numbers)
    return g_steal_pointer (&claims);

  claimed = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < n; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      g_autofree char *read_name = NULL;
      const char *name;
      gboolean same_name;
      gint64 person;
      gpointer before;

      if (row->plain_number == NULL || find (index, row->member_number, &name) != 0)
        continue;
      person = find (index, row->plain_number, &name);
      if (person == 0)
        continue;

      if (name == NULL)
        {
          int rc;

          if (stmt == NULL &&
              (stmt = prepare (db, "SELECT trim (first_name || ' ' || last_name) FROM person WHERE id = ?",
                               error)) == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, person);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            read_name = g_strdup (dl_stmt_text (stmt, 0));
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              set_db_error (db, error, _("Could not read the members"));
              sqlite3_finalize (stmt);
              return NULL;
            }
          name = read_name;
        }
      if (name == NULL)
        continue;
      {
        g_autofree char *full = g_strdup_printf ("%s %s", row->first_name, row->last_name);
        g_autofree char *ours = NULL;
        g_autofree char *theirs = NULL;

        /* most often the very same text, which needs no normalising */
        same_name = g_str_equal (full, name);
        if (!same_name)
          {
            ours = claim_name_key (full);
            theirs = claim_name_key (name);
            same_name = g_str_equal (ours, theirs);
          }
      }
      if (!same_name)
        continue;

      /* 1 + the row taking them over, or G_MAXUINT once two would */
      before = g_hash_table_lookup (claimed, GSIZE_TO_POINTER ((gsize) person));
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
  sqlite3_finalize (stmt);

  return g_steal_pointer (&claims);
}

/* ------------------------------------------------------------------ */
/* The plan                                                            */

void
dl_import_plan_free (DlImportPlan *plan)
{
  if (plan == NULL)
    return;

  g_ptr_array_unref (plan->changes);
  g_ptr_array_unref (plan->missing);
  g_free (plan);
}

static char *
full_name (const DlImportRow *row)
{
  return g_strstrip (g_strdup_printf ("%s %s", row->first_name, row->last_name));
}

/* Notes a contact detail the import will replace; TRUE when it does. */
static gboolean
detail_change (DlImportPlan      *plan,
               const DlImportRow *row,
               const char        *name,
               const char        *what,
               const char        *before,
               const char        *after)
{
  if (*after == '\0' || g_strcmp0 (before, after) == 0)
    return FALSE;

  g_ptr_array_add (plan->changes,
                   *before != '\0'
                   /* Translators: member number, name, "email"/"phone"/"city", old and new value */
                   ? g_strdup_printf (_("%s %s: %s %s → %s"), row->member_number, name, what, before, after)
                   /* Translators: member number, name, "email"/"phone"/"city", the new value */
                   : g_strdup_printf (_("%s %s: %s %s"), row->member_number, name, what, after));
  plan->n_detail_changes++;
  return TRUE;
}

/* number as the import leaves it: renamed maps the numbers that gain
 * their country to the new ones */
static const char *
now_numbered (GHashTable *renamed,
              const char *number)
{
  const char *now = g_hash_table_lookup (renamed, number);

  return now != NULL ? now : number;
}

/* A member's figures of the month a plan compares with. */
typedef struct
{
  gint64       member_id;
  const char  *paid_rank;   /* NULL when not known */
  double       pv;          /* NAN when not known */
  gint8        autoship;    /* -1 when not known */
} PlanFigures;

/* The figures of the newest month before period, sorted by member (the
 * table's order), their ranks in chunk; *month gets the month, or
 * DL_PERIOD_NONE (and an empty array) when none is kept. */
static GArray *
read_figures_before (sqlite3       *db,
                     DlPeriod       period,
                     GStringChunk  *chunk,
                     DlPeriod      *month,
                     GError       **error)
{
  g_autoptr(GArray) figures = g_array_new (FALSE, FALSE, sizeof (PlanFigures));
  sqlite3_stmt *stmt = NULL;
  char iso[8];
  int rc;

  *month = DL_PERIOD_NONE;
  dl_period_format (period, iso);
  rc = sqlite3_prepare_v2 (db, "SELECT max (period) FROM period_figures WHERE period < ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        *month = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
      if (rc == SQLITE_ROW)
        rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    {
      dl_store_set_db_error (db, error, rc, _("Could not read the monthly figures"));
      return NULL;
    }
  if (*month == DL_PERIOD_NONE)
    return g_steal_pointer (&figures);

  /* the table's own order: month, then member */
  dl_period_format (*month, iso);
  rc = sqlite3_prepare_v2 (db,
                           "SELECT member_id, paid_rank, pv, autoship FROM period_figures "
                           "WHERE period = ?1 ORDER BY member_id",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *rank = (const char *) sqlite3_column_text (stmt, 1);
          PlanFigures f = {
            .member_id = sqlite3_column_int64 (stmt, 0),
            .paid_rank = rank != NULL ? g_string_chunk_insert_const (chunk, rank) : NULL,
            .pv = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 2),
            .autoship = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : (gint8) sqlite3_column_int (stmt, 3),
          };

          g_array_append_val (figures, f);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dl_store_set_db_error (db, error, rc, _("Could not read the monthly figures"));
      return NULL;
    }
  return g_steal_pointer (&figures);
}

static int
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  gint64 x = ((const PlanFigures *) a)->member_id;
  gint64 y = ((const PlanFigures *) b)->member_id;

  return x < y ? -1 : x > y;
}

static const PlanFigures *
find_figures (GArray *figures,
              gint64  member_id)
{
  PlanFigures key = { .member_id = member_id };

  if (figures == NULL || figures->len == 0)
    return NULL;
  return bsearch (&key, figures->data, figures->len, sizeof (PlanFigures), compare_figures);
}

/* Notes how the row's figures differ from the month before's, as the
 * month writer will keep them; TRUE when they do.  A figure either
 * month does not know is no change.  rank_said: the member's rank line
 * already says the same change (a file with one rank column). */
static gboolean
figure_changes (DlImportPlan          *plan,
                const DlImportResult  *result,
                const DlImportRow     *row,
                const char            *name,
                const PlanFigures     *before,
                gboolean               rank_said)
{
  /* the paid rank's own column, else the one rank column (as
   * dl-store-month-writer.c keeps it) */
  const char *paid = result->has_highest_rank || *row->paid_rank != '\0' ? row->paid_rank : row->rank;
  gboolean changed = FALSE;

  if (paid != NULL && *paid != '\0' && before->paid_rank != NULL && strcmp (paid, before->paid_rank) != 0)
    {
      if (!rank_said)
        g_ptr_array_add (plan->changes,
                         /* Translators: member number, name, the paid rank before and after */
                         g_strdup_printf (_("%s %s: paid rank %s → %s"), row->member_number, name,
                                          before->paid_rank, paid));
      changed = TRUE;
    }
  if (!isnan (row->pv) && !isnan (before->pv) && fabs (row->pv - before->pv) >= 0.005)
    {
      char was[G_ASCII_DTOSTR_BUF_SIZE];
      char now[G_ASCII_DTOSTR_BUF_SIZE];

      /* as dl_volume_to_string () writes them, without two allocations
       * a row: a month's export changes nearly everyone's PV */
      g_snprintf (was, sizeof was, before->pv == floor (before->pv) ? "%.0f" : "%.1f", before->pv);
      g_snprintf (now, sizeof now, row->pv == floor (row->pv) ? "%.0f" : "%.1f", row->pv);
      g_ptr_array_add (plan->changes,
                       /* Translators: member number, name, the personal volume before and after */
                       g_strdup_printf (_("%s %s: PV %s → %s"), row->member_number, name, was, now));
      changed = TRUE;
    }
  if (row->autoship >= 0 && before->autoship >= 0 && row->autoship != before->autoship)
    {
      g_ptr_array_add (plan->changes,
                       row->autoship == 0
                       /* Translators: member number and name */
                       ? g_strdup_printf (_("%s %s: autoship cancelled"), row->member_number, name)
                       /* Translators: member number and name */
                       : g_strdup_printf (_("%s %s: autoship started"), row->member_number, name));
      changed = TRUE;
    }
  if (changed)
    plan->n_figure_changes++;
  return changed;
}

static DlImportPlan *
plan_on_connection (sqlite3               *db,
                    const DlImportResult  *result,
                    GError               **error)
{
  g_autoptr(DlImportPlan) plan = g_new0 (DlImportPlan, 1);
  g_autoptr(GHashTable) existing = NULL;
  g_autofree gint64 *claims = NULL;
  g_autoptr(GHashTable) renamed = g_hash_table_new (g_str_hash, g_str_equal);
  DlNumberIndex by_number;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  gint64 user_id;
  gboolean latest;
  g_autoptr(GStringChunk) ranks = g_string_chunk_new (4096);
  g_autoptr(GArray) figures = NULL;

  /* an older month changes nothing the members are now, as the writer does it */
  latest = is_latest_period (db, result->period);

  plan->changes = g_ptr_array_new_with_free_func (g_free);
  plan->missing = g_ptr_array_new_with_free_func (g_free);
  plan->figures_compared = DL_PERIOD_NONE;

  /* a month's export: its figures against the month kept before it */
  if (result->period != DL_PERIOD_NONE)
    {
      figures = read_figures_before (db, result->period, ranks, &plan->figures_compared, error);
      if (figures == NULL)
        return NULL;
    }

  existing = read_existing (db, TRUE, error);
  if (existing == NULL)
    return NULL;
  user_id = read_user_id (db);
  dl_number_index_init (&by_number, g_hash_table_ref (existing));

  /* which member a number that gained its country stays, as the writer
   * decides it, found among the members read already */
  claims = read_claims (db, result, &by_number, find_existing, error);
  if (claims == NULL)
    {
      dl_number_index_clear (&by_number);
      return NULL;
    }
  /* the numbers they have now, for the enrollers and placements that
   * name them: a renumbered enroller is no change of enroller */
  for (guint i = 0; i < result->rows->len; i++)
    if (claims[i] != 0)
      {
        const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
        Existing *e = dl_number_index_lookup (&by_number, row->plain_number);

        g_hash_table_insert (renamed, (gpointer) e->number, (gpointer) row->member_number);
      }

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      Existing *e = dl_number_index_lookup (&by_number, row->member_number);
      g_autofree char *name = NULL;
      gboolean changed = FALSE;
      gboolean rank_said = FALSE;
      const PlanFigures *before;

      if (e == NULL && claims[i] != 0)
        e = dl_number_index_lookup (&by_number, row->plain_number);
      if (e == NULL)
        {
          plan->n_new++;
          continue;
        }
      e->seen = TRUE;
      name = full_name (row);

      if (claims[i] != 0)
        {
          g_ptr_array_add (plan->changes,
                           /* Translators: member number, name, the number before and after (with the country) */
                           g_strdup_printf (_("%s %s: number %s → %s"), row->member_number, name,
                                            e->number, row->member_number));
          plan->n_detail_changes++;
          changed = TRUE;
        }

      if (latest && row->has_status && row->status != e->status)
        {
          g_ptr_array_add (plan->changes,
                           g_strdup_printf (_("%s %s: status %s → %s"), row->member_number, name,
                                            dl_member_status_get_label (e->status),
                                            dl_member_status_get_label (row->status)));
          plan->n_status_changes++;
          changed = TRUE;
        }
      if (*row->rank != '\0' && g_strcmp0 (row->rank, e->rank) != 0 && (latest || *e->rank == '\0'))
        {
          g_ptr_array_add (plan->changes,
                           *e->rank != '\0'
                           ? g_strdup_printf (_("%s %s: rank %s → %s"), row->member_number, name, e->rank, row->rank)
                           : g_strdup_printf (_("%s %s: rank %s"), row->member_number, name, row->rank));
          plan->n_rank_changes++;
          changed = TRUE;
          rank_said = *e->rank != '\0';
        }
      /* a file without an enroller column says nothing of the enrollers
       * of members already there */
      if (!row->sponsor_unknown && !row->enroller_from_placement && e->person_id != user_id &&
          strcmp (dl_member_number_key (row->sponsor_number),
                  dl_member_number_key (now_numbered (renamed, e->sponsor_number))) != 0)
        {
          g_ptr_array_add (plan->changes,
                           g_strdup_printf (_("%s %s: sponsor %s → %s"), row->member_number, name,
                                            *e->sponsor_number ? e->sponsor_number : _("none"),
                                            row->sponsor_number));
          plan->n_sponsor_changes++;
          changed = TRUE;
        }

      if (result->has_placement && !row->placement_unknown)
        {
          const char *side = dl_csv_side_to_string (row->side);
          gboolean side_changed = result->has_side && g_strcmp0 (side != NULL ? side : "", e->side) != 0;

          if (strcmp (dl_member_number_key (row->placement_number),
                      dl_member_number_key (now_numbered (renamed, e->placement_number))) != 0)
            {
              g_ptr_array_add (plan->changes,
                               /* Translators: member number, name, the placement parents before and after */
                               g_strdup_printf (_("%s %s: placed under %s → %s"), row->member_number, name,
                                                *e->placement_number ? e->placement_number : _("none"),
                                                *row->placement_number ? row->placement_number : _("none")));
              plan->n_placement_changes++;
              changed = TRUE;
            }
          else if (side_changed)
            {
              g_ptr_array_add (plan->changes,
                               row->side == DL_CSV_SIDE_LEFT
                               /* Translators: member number and name */
                               ? g_strdup_printf (_("%s %s: placed on the left side"), row->member_number, name)
                               : row->side == DL_CSV_SIDE_RIGHT
                               /* Translators: member number and name */
                               ? g_strdup_printf (_("%s %s: placed on the right side"), row->member_number, name)
                               /* Translators: member number and name */
                               : g_strdup_printf (_("%s %s: side no longer given"), row->member_number, name));
              plan->n_placement_changes++;
              changed = TRUE;
            }
        }

      /* as the writer does it: a blank cell keeps what Downline has */
      if ((*row->first_name != '\0' || *row->last_name != '\0') &&
          (g_strcmp0 (row->first_name, e->first_name) != 0 || g_strcmp0 (row->last_name, e->last_name) != 0))
        {
          g_ptr_array_add (plan->changes,
                           /* Translators: member number, the name before, the name in the file */
                           g_strdup_printf (_("%s %s: name → %s"), row->member_number, e->name, name));
          plan->n_detail_changes++;
          changed = TRUE;
        }
      changed |= detail_change (plan, row, name, _("email"), e->email, row->email);
      changed |= detail_change (plan, row, name, _("phone"), e->phone, row->phone);
      changed |= detail_change (plan, row, name, _("city"), e->city, row->city);
      if (latest && row->has_role && row->role != e->role)
        {
          g_ptr_array_add (plan->changes,
                           row->role == DL_ROLE_CUSTOMER
                           /* Translators: member number and name */
                           ? g_strdup_printf (_("%s %s: a customer now, no longer a distributor"),
                                              row->member_number, name)
                           /* Translators: member number and name */
                           : g_strdup_printf (_("%s %s: a distributor now, no longer a customer"),
                                              row->member_number, name));
          plan->n_detail_changes++;
          changed = TRUE;
        }

      before = find_figures (figures, e->person_id);
      if (before != NULL)
        {
          /* the line of the rank already says it when the one rank
           * column is also the paid rank, and both say the same */
          const char *paid = result->has_highest_rank || *row->paid_rank != '\0' ? row->paid_rank : row->rank;

          changed |= figure_changes (plan, result, row, name, before,
                                     rank_said && paid == row->rank && g_strcmp0 (e->rank, before->paid_rank) == 0);
        }

      if (changed)
        plan->n_updated++;
      else
        plan->n_unchanged++;
    }
  dl_number_index_clear (&by_number);

  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Existing *e = value;

      if (!e->seen && e->person_id != user_id)
        g_ptr_array_add (plan->missing, g_strdup_printf ("%s %s", (const char *) key, e->name));
    }
  g_ptr_array_sort (plan->missing, compare_strings);

  return g_steal_pointer (&plan);
}

DlImportPlan *
dl_store_plan_import (DlStore               *store,
                      const DlImportResult  *result,
                      GError               **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  return plan_on_connection (dl_store_get_handle (store), result, error);
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const DlImportResult *result = task_data;
  GError *error = NULL;
  DlImportPlan *plan = NULL;
  sqlite3 *db = dl_store_open_reader (dl_store_get_path (source_object), &error);

  if (db != NULL)
    {
      /* one read transaction: the plan sees one state of the file */
      if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
        {
          plan = plan_on_connection (db, result, &error);
          sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
        }
      else
        dl_store_set_db_error (db, &error, sqlite3_errcode (db), _("Could not read the members"));
      sqlite3_close (db);
    }
  if (plan == NULL)
    g_task_return_error (task, error);
  else if (g_task_return_error_if_cancelled (task))
    dl_import_plan_free (plan);
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) dl_import_plan_free);
}

void
dl_store_plan_import_async (DlStore              *store,
                            const DlImportResult *result,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (result != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_plan_import_async);
  g_task_set_task_data (task, (gpointer) result, NULL);
  g_task_run_in_thread (task, plan_thread);
}

DlImportPlan *
dl_store_plan_import_finish (DlStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* The writer                                                          */

enum
{
  UPDATE_PERSON, UPDATE_MEMBER, UPDATE_SPONSOR, READ_NOTES, UPDATE_NOTES,
  SET_PLACEMENT, DELETE_PLACEMENT, READ_PLACEMENT_PARENT, RENAME_MEMBER,
  INSERT_PERSONS, INSERT_MEMBERS, INSERT_PERSON, INSERT_MEMBER, N_STMTS
};

/* New members go in batches of BATCH_ROWS rows per statement: one
 * statement per row spends most of its time starting up and finding
 * its place in each b-tree again. */
#define BATCH_ROWS 64

#define INSERT_PERSONS_SQL \
  "INSERT OR ROLLBACK INTO person (id, first_name, last_name, email, phone, city, notes, created_at, updated_at) " \
  "VALUES "
#define INSERT_PERSONS_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define INSERT_PERSONS_PARAMS 9

#define INSERT_MEMBERS_SQL \
  "INSERT OR ROLLBACK INTO member (person_id, sponsor_id, member_number, joined_on, status, status_since, rank, " \
  "last_activity, role, first_order, highest_rank, last_order, autoship, next_autoship, renewal_on) VALUES "
#define INSERT_MEMBERS_ROW "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define INSERT_MEMBERS_PARAMS 15

static const char *const writer_sql[INSERT_PERSONS] = {
  /* blanks in the file keep what Downline has */
  "UPDATE person SET "
  "  first_name = CASE WHEN ?2 = '' AND ?3 = '' THEN first_name ELSE ?2 END, "
  "  last_name  = CASE WHEN ?2 = '' AND ?3 = '' THEN last_name ELSE ?3 END, "
  "  email      = CASE WHEN ?4 = '' THEN email ELSE ?4 END, "
  "  phone      = CASE WHEN ?5 = '' THEN phone ELSE ?5 END, "
  "  city       = CASE WHEN ?6 = '' THEN city ELSE ?6 END, "
  "  updated_at = ?7 "
  "WHERE id = ?1 AND ("
  "  ((?2 <> '' OR ?3 <> '') AND (first_name IS NOT ?2 OR last_name IS NOT ?3)) OR "
  "  (?4 <> '' AND email IS NOT ?4) OR (?5 <> '' AND phone IS NOT ?5) OR "
  "  (?6 <> '' AND city IS NOT ?6))",

  /* ?9: the file is of the newest month (the latest import), whose
   * word on each member stands; an older month's only fills in what
   * Downline does not know yet.  last_activity is the latest of all. */
  "UPDATE member SET "
  "  joined_on     = CASE WHEN ?9 THEN coalesce (?2, joined_on) ELSE joined_on END, "
  "  status_since  = CASE WHEN ?9 AND ?3 IS NOT NULL AND ?3 <> status THEN ?4 ELSE status_since END, "
  "  status        = CASE WHEN ?9 THEN coalesce (?3, status) ELSE status END, "
  "  rank          = CASE WHEN ?5 = '' OR (NOT ?9 AND rank <> '') THEN rank ELSE ?5 END, "
  "  highest_rank  = CASE WHEN ?10 = '' OR (NOT ?9 AND highest_rank <> '') THEN highest_rank ELSE ?10 END, "
  "  last_activity = CASE WHEN ?6 IS NOT NULL AND (last_activity IS NULL OR ?6 > last_activity) "
  "                  THEN ?6 ELSE last_activity END, "
  "  last_order    = CASE WHEN ?9 THEN coalesce (?6, last_order) ELSE coalesce (last_order, ?6) END, "
  "  role          = CASE WHEN ?9 THEN coalesce (?7, role) ELSE role END, "
  "  first_order   = CASE WHEN ?9 THEN coalesce (?8, first_order) ELSE coalesce (first_order, ?8) END, "
  "  autoship      = CASE WHEN ?9 THEN coalesce (?11, autoship) ELSE coalesce (autoship, ?11) END, "
  "  next_autoship = CASE WHEN ?9 THEN coalesce (?12, next_autoship) ELSE coalesce (next_autoship, ?12) END, "
  "  renewal_on    = CASE WHEN ?9 THEN coalesce (?13, renewal_on) ELSE coalesce (renewal_on, ?13) END "
  "WHERE person_id = ?1",

  "UPDATE member SET sponsor_id = ?2 WHERE person_id = ?1 AND sponsor_id IS NOT ?2",

  "SELECT notes FROM person WHERE id = ?1",

  "UPDATE person SET notes = ?2, updated_at = ?3 WHERE id = ?1",

  /* ?4: the file has a side column; without one the side stays while
   * the parent does */
  "INSERT INTO placement (member_id, parent_id, side) VALUES (?1, ?2, ?3) "
  "ON CONFLICT (member_id) DO UPDATE SET "
  "  side = CASE WHEN ?4 THEN excluded.side WHEN parent_id IS excluded.parent_id THEN side END, "
  "  parent_id = excluded.parent_id",

  "DELETE FROM placement WHERE member_id = ?1",

  "SELECT parent_id FROM placement WHERE member_id = ?1",

  "UPDATE member SET member_number = ?2 WHERE person_id = ?1",
};

/* "INSERT ... VALUES (...), (...), ..." for n rows */
static sqlite3_stmt *
prepare_batch (sqlite3     *db,
               const char  *head,
               const char  *row,
               guint        n,
               GError     **error)
{
  g_autofree char *sql = dl_store_batch_sql (head, row, n);

  return prepare (db, sql, error);
}

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

/* member number → person id (as a pointer) of every numbered member,
 * into ids; the numbers live in *keys. */
static gboolean
read_ids (sqlite3        *db,
          DlNumberIndex  *ids,
          GStringChunk  **keys,
          GError        **error)
{
  g_autoptr(GHashTable) exact = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT member_number, person_id FROM member WHERE member_number IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;

  *keys = g_string_chunk_new (1 << 16);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (exact, g_string_chunk_insert (*keys, (const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_string_chunk_free (*keys);
      *keys = NULL;
      set_db_error (db, error, _("Could not read the members"));
      return FALSE;
    }

  dl_number_index_init (ids, g_steal_pointer (&exact));
  return TRUE;
}

static gint64
read_max_person_id (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  if (sqlite3_prepare_v2 (db, "SELECT coalesce (max (id), 0) FROM person", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* A new member waiting for its batch. */
typedef struct
{
  const DlImportRow *row;
  gint64             person_id;
  gint64             sponsor_id;
  char               joined[16];
  char               last[16];
  char               first[16];
  char               next[16];
  char               renewal[16];
} Pending;

typedef struct
{
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STMTS];
  Pending       pending[BATCH_ROWS];
  guint         n_pending;
  const char   *stamp;
  char          today[16];
  gboolean      has_highest_rank;
  gboolean      latest;       /* the file is of the newest month: see UPDATE_MEMBER */
  gint64       *person;       /* once the rows are written, the person of each */
} Writer;

static void
writer_clear (Writer *w)
{
  for (guint k = 0; k < N_STMTS; k++)
    g_clear_pointer (&w->stmts[k], sqlite3_finalize);
}

/* The lines a failed batch came from, before the message. */
static void
prefix_pending_lines (Writer  *w,
                      guint    from,
                      guint    to,
                      GError **error)
{
  guint first = G_MAXUINT;
  guint last = 0;

  for (guint i = from; i < to; i++)
    {
      first = MIN (first, w->pending[i].row->line);
      last = MAX (last, w->pending[i].row->line);
    }
  prefix_error_lines (error, first, last);
}

/* Inserts the pending new members: their people first, then them. */
static gboolean
writer_flush (Writer  *w,
              GError **error)
{
  sqlite3_stmt *persons = w->stmts[INSERT_PERSONS];
  sqlite3_stmt *members = w->stmts[INSERT_MEMBERS];
  guint n_rows = w->n_pending;
  gboolean ok = TRUE;
  int p = 1;
  int m = 1;

  if (w->n_pending == 0)
    return TRUE;

  /* a short batch goes row by row */
  if (n_rows < BATCH_ROWS)
    {
      persons = w->stmts[INSERT_PERSON];
      members = w->stmts[INSERT_MEMBER];
      n_rows = 1;
    }

  for (guint i = 0; ok && i < w->n_pending; i++)
    {
      Pending *n = &w->pending[i];
      const DlImportRow *row = n->row;

      sqlite3_bind_int64 (persons, p++, n->person_id);
      bind_text (persons, p++, row->first_name);
      bind_text (persons, p++, row->last_name);
      bind_text (persons, p++, row->email);
      bind_text (persons, p++, row->phone);
      bind_text (persons, p++, row->city);
      bind_text (persons, p++, row->notes);
      bind_text (persons, p++, w->stamp);
      bind_text (persons, p++, w->stamp);

      sqlite3_bind_int64 (members, m++, n->person_id);
      if (n->sponsor_id != 0)
        sqlite3_bind_int64 (members, m++, n->sponsor_id);
      else
        sqlite3_bind_null (members, m++);
      bind_text (members, m++, row->member_number);
      if (row->joined_on != DL_DAY_NONE)
        bind_day (members, m++, row->joined_on, n->joined);
      else
        bind_text (members, m++, w->today);
      bind_text (members, m++, dl_member_status_to_string (row->status));
      if (row->status != DL_MEMBER_ACTIVE)
        bind_text (members, m++, w->today);
      else
        sqlite3_bind_null (members, m++);
      bind_text (members, m++, row->rank);
      bind_day (members, m++, row->last_order, n->last);
      bind_text (members, m++, dl_role_to_string (row->role));
      bind_day (members, m++, row->first_order, n->first);
      bind_text (members, m++, w->has_highest_rank ? row->rank : "");
      bind_day (members, m++, row->last_order, n->last);
      dl_stmt_bind_flag (members, m++, row->autoship);
      bind_day (members, m++, row->next_autoship, n->next);
      bind_day (members, m++, row->renewal_on, n->renewal);

      if ((i + 1) % n_rows == 0)
        {
          /* people first: each member row points at its person */
          ok = step_done (w->db, persons, _("Could not add a member"), error) &&
               step_done (w->db, members, _("Could not add a member"), error);
          if (!ok)
            prefix_pending_lines (w, i + 1 - n_rows, i + 1, error);
          p = m = 1;
        }
    }

  w->n_pending = 0;
  return ok;
}

static int
compare_member_numbers (gconstpointer a,
                        gconstpointer b)
{
  const DlImportRow *x = *(const DlImportRow *const *) a;
  const DlImportRow *y = *(const DlImportRow *const *) b;

  return strcmp (x->member_number, y->member_number);
}

/* The rows with no person yet, in member-number order.  Back offices
 * mostly export in that order (or by join date, which follows it), so
 * the rows are put back in file order first, and sorted only when that
 * is not already it.  (Not for a file of far more lines than rows, such
 * as one with long cells on many lines: those are sorted straight.) */
static GPtrArray *
new_rows_by_number (const DlImportResult *result,
                    const gint64         *person)
{
  g_autofree DlImportRow **by_line = NULL;
  GPtrArray *fresh = g_ptr_array_sized_new (result->rows->len);
  guint max_line = 0;
  gboolean sorted = TRUE;

  for (guint i = 0; i < result->rows->len; i++)
    max_line = MAX (max_line, g_array_index (result->rows, DlImportRow, i).line);
  if (max_line / 4 > result->rows->len)
    {
      for (guint i = 0; i < result->rows->len; i++)
        if (person[i] == 0)
          g_ptr_array_add (fresh, &g_array_index (result->rows, DlImportRow, i));
      g_ptr_array_sort (fresh, compare_member_numbers);
      return fresh;
    }

  by_line = g_new0 (DlImportRow *, (gsize) max_line + 1);
  for (guint i = 0; i < result->rows->len; i++)
    if (person[i] == 0)
      {
        DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

        by_line[row->line] = row;
      }

  for (guint line = 0; line <= max_line; line++)
    if (by_line[line] != NULL)
      {
        if (fresh->len > 0 && sorted &&
            strcmp (((DlImportRow *) fresh->pdata[fresh->len - 1])->member_number,
                    by_line[line]->member_number) > 0)
          sorted = FALSE;
        g_ptr_array_add (fresh, by_line[line]);
      }
  if (!sorted)
    g_ptr_array_sort (fresh, compare_member_numbers);

  return fresh;
}

/* The person id of row's sponsor, or 0 for none. */
static gint64
sponsor_of (const DlImportRow   *row,
            const gint64        *person,
            const DlNumberIndex *ids,
            gint64               unknown_sponsor)
{
  gint64 found;

  if (row->sponsor_unknown)
    return unknown_sponsor;
  if (row->sponsor_row != DL_IMPORT_NO_ROW)
    return person[row->sponsor_row];
  if (*row->sponsor_number == '\0')
    return 0;
  /* a member already in the database */
  found = (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (ids, row->sponsor_number));
  return found != 0 ? found : unknown_sponsor;
}

/* Every PROGRESS_EVERY rows: FALSE with error set once cancelled. */
static gboolean
report_progress (guint                 done,
                 guint                 n,
                 GCancellable         *cancellable,
                 DlImportProgressFunc  progress,
                 gpointer              progress_data,
                 GError              **error)
{
  if (done % PROGRESS_EVERY != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (progress != NULL)
    progress (done, n, progress_data);
  return TRUE;
}

/* notes with line added, once (next month's file brings it again), and
 * within the dialogs' limit so an edit is never refused for them; notes
 * already over it are left as they are. */
static char *
notes_with_line (const char *notes,
                 const char *line)
{
  g_autofree char *joined = NULL;
  g_autofree char *cut = NULL;

  if (strstr (notes, line) != NULL || g_utf8_strlen (notes, -1) >= DL_VALIDATE_MAX_FIELD)
    return g_strdup (notes);
  joined = *notes == '\0' ? g_strdup (line) : g_strconcat (notes, "\n", line, NULL);
  if (g_utf8_strlen (joined, -1) <= DL_VALIDATE_MAX_FIELD)
    return g_steal_pointer (&joined);
  cut = g_utf8_substring (joined, 0, DL_VALIDATE_MAX_FIELD - 1);
  return g_strconcat (cut, "…", NULL);
}

/* Adds the row's line to the notes of a member already there. */
static gboolean
append_notes (Writer             *w,
              gint64              person_id,
              const DlImportRow  *row,
              GError            **error)
{
  sqlite3_stmt *s = w->stmts[READ_NOTES];
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean ok;
  int rc;

  sqlite3_bind_int64 (s, 1, person_id);
  rc = sqlite3_step (s);
  before = g_strdup (rc == SQLITE_ROW ? dl_stmt_text (s, 0) : "");
  sqlite3_reset (s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_db_error (w->db, error, _("Could not update a member"));
      return FALSE;
    }

  after = notes_with_line (before, row->notes);
  if (strcmp (before, after) == 0)
    return TRUE;
  s = w->stmts[UPDATE_NOTES];
  sqlite3_bind_int64 (s, 1, person_id);
  bind_text (s, 2, after);
  bind_text (s, 3, w->stamp);
  ok = step_done (w->db, s, _("Could not update a member"), error);
  sqlite3_clear_bindings (s);
  return ok;
}

/* Whether the placement chain up from start reaches target; it stops
 * at a member with no parent or one already walked. */
static gboolean
placement_reaches (Writer   *w,
                   gint64    start,
                   gint64    target,
                   GError  **error)
{
  g_autoptr(GHashTable) walked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *s = w->stmts[READ_PLACEMENT_PARENT];
  gint64 id = start;

  while (id != 0 && id != target && g_hash_table_add (walked, g_memdup2 (&id, sizeof id)))
    {
      int rc;

      sqlite3_bind_int64 (s, 1, id);
      rc = sqlite3_step (s);
      id = rc == SQLITE_ROW ? sqlite3_column_int64 (s, 0) : 0;
      sqlite3_reset (s);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          set_db_error (w->db, error, _("Could not read the placements"));
          return FALSE;
        }
    }
  return id != 0 && id == target;
}

/* The placements of the file's rows, once every row has its person. */
static gboolean
write_placements (Writer               *w,
                  const DlImportResult *result,
                  const gint64         *person,
                  const DlNumberIndex  *ids,
                  GError              **error)
{
  const DlImportRow *rows = (const DlImportRow *) (gpointer) result->rows->data;

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &rows[i];
      const char *side = dl_csv_side_to_string (row->side);
      g_autofree char *what = NULL;
      sqlite3_stmt *s;
      gint64 parent;

      if (row->placement_unknown)
        continue;
      what = g_strdup_printf (_("Line %u: could not place %s"), row->line, row->member_number);
      if (*row->placement_number == '\0')
        {
          s = w->stmts[DELETE_PLACEMENT];
          sqlite3_bind_int64 (s, 1, person[i]);
          if (!step_done (w->db, s, what, error))
            return FALSE;
          continue;
        }

      parent = row->placement_row != DL_IMPORT_NO_ROW
               ? person[row->placement_row]
               : (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (ids, row->placement_number));
      /* gone since the file was checked (deleted in the window meanwhile):
       * the placement stays as it was */
      if (parent == 0)
        continue;

      s = w->stmts[SET_PLACEMENT];
      sqlite3_bind_int64 (s, 1, person[i]);
      sqlite3_bind_int64 (s, 2, parent);
      if (side != NULL)
        sqlite3_bind_text (s, 3, side, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (s, 3);
      sqlite3_bind_int (s, 4, result->has_side);
      if (!step_done (w->db, s, what, error))
        return FALSE;
    }

  /* The validator found the loops within the file; one through members
   * that are not in it passes through a row placed under one of them. */
  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &rows[i];
      g_autoptr(GError) local_error = NULL;

      if (row->placement_unknown || *row->placement_number == '\0' || row->placement_row != DL_IMPORT_NO_ROW)
        continue;
      if (placement_reaches (w, (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (ids, row->placement_number)),
                             person[i], &local_error))
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_CYCLE,
                       _("Line %u: placing %s under %s would make the placement tree loop back on itself."),
                       row->line, row->member_number, row->placement_number);
          return FALSE;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  return TRUE;
}

/* New members first, numbered and inserted in member-number order: each
 * insert then lands at the end of the person table, the member table
 * and the member-number index, instead of somewhere inside them (a
 * million rows went in 1.6 times faster so).  Sponsors need not come
 * first, since all the ids are known before the first insert and
 * nothing on this connection checks a sponsor_id on insert.
 *
 * Then the members already there, in the validator's order (sponsors
 * before recruits): a changed sponsor is checked for loops against the
 * chain above it, which by then is the file's. */
static gboolean
write_rows (Writer                *w,
            const DlImportResult  *result,
            GCancellable          *cancellable,
            DlImportProgressFunc   progress,
            gpointer               progress_data,
            GError               **error)
{
  DlNumberIndex ids = { NULL, NULL };
  g_autoptr(GPtrArray) fresh = NULL;
  g_autofree gint64 *person = NULL;
  g_autofree gint64 *claims = NULL;
  GStringChunk *keys = NULL;
  sqlite3 *db = w->db;
  const DlImportRow *rows = (const DlImportRow *) (gpointer) result->rows->data;
  gint64 user_id = read_user_id (db);
  gint64 unknown_sponsor = result->policy == DL_UNKNOWN_SPONSOR_USER ? user_id : 0;
  gint64 first_new_id = read_max_person_id (db);
  guint n = result->rows->len;
  guint done = 0;

  if (!read_ids (db, &ids, &keys, error))
    return FALSE;

  /* the person of each row: one already there, or the next free id */
  person = g_new0 (gint64, MAX (n, 1));
  if (g_hash_table_size (ids.exact) > 0)
    for (guint i = 0; i < n; i++)
      person[i] = (gint64) GPOINTER_TO_SIZE (dl_number_index_lookup (&ids, rows[i].member_number));
  claims = read_claims (db, result, &ids, find_person_id, error);
  if (claims == NULL)
    goto fail;
  for (guint i = 0; i < n; i++)
    if (claims[i] != 0)
      person[i] = claims[i];
  fresh = new_rows_by_number (result, person);
  for (guint i = 0; i < fresh->len; i++)
    person[(const DlImportRow *) fresh->pdata[i] - rows] = first_new_id + 1 + i;

  for (guint i = 0; i < fresh->len; i++, done++)
    {
      const DlImportRow *row = fresh->pdata[i];
      Pending *pending;

      if (!report_progress (done, n, cancellable, progress, progress_data, error))
        goto fail;

      pending = &w->pending[w->n_pending++];
      pending->row = row;
      pending->person_id = first_new_id + 1 + i;
      pending->sponsor_id = sponsor_of (row, person, &ids, unknown_sponsor);
      if (w->n_pending == BATCH_ROWS && !writer_flush (w, error))
        goto fail;
    }
  if (!writer_flush (w, error))
    goto fail;

  for (guint i = 0; i < n; i++)
    {
      const DlImportRow *row = &rows[i];
      gint64 sponsor_id;
      char joined[16];
      char last[16];
      char first[16];
      char next[16];
      char renewal[16];
      sqlite3_stmt *s;

      if (person[i] > first_new_id)
        continue;
      if (!report_progress (done++, n, cancellable, progress, progress_data, error))
        goto fail;

      /* the number gained its country: the member takes it */
      if (claims[i] != 0)
        {
          g_autofree char *what = g_strdup_printf (_("Line %u: could not renumber %s"), row->line, row->member_number);

          s = w->stmts[RENAME_MEMBER];
          sqlite3_bind_int64 (s, 1, person[i]);
          bind_text (s, 2, row->member_number);
          if (!step_done (db, s, what, error))
            goto fail;
        }

      s = w->stmts[UPDATE_PERSON];
      sqlite3_bind_int64 (s, 1, person[i]);
      bind_text (s, 2, row->first_name);
      bind_text (s, 3, row->last_name);
      bind_text (s, 4, row->email);
      bind_text (s, 5, row->phone);
      bind_text (s, 6, row->city);
      bind_text (s, 7, w->stamp);
      if (!step_done (db, s, _("Could not update a member"), error))
        goto fail;
      if (*row->notes != '\0' && !append_notes (w, person[i], row, error))
        goto fail;

      s = w->stmts[UPDATE_MEMBER];
      sqlite3_bind_int64 (s, 1, person[i]);
      /* a first order standing in for the join date is for new members */
      bind_day (s, 2, row->joined_from_first_order ? DL_DAY_NONE : row->joined_on, joined);
      if (row->has_status)
        bind_text (s, 3, dl_member_status_to_string (row->status));
      else
        sqlite3_bind_null (s, 3);
      bind_text (s, 4, w->today);
      bind_text (s, 5, row->rank);
      bind_day (s, 6, row->last_order, last);
      if (row->has_role)
        bind_text (s, 7, dl_role_to_string (row->role));
      else
        sqlite3_bind_null (s, 7);
      bind_day (s, 8, row->first_order, first);
      sqlite3_bind_int (s, 9, w->latest);
      bind_text (s, 10, w->has_highest_rank ? row->rank : "");
      dl_stmt_bind_flag (s, 11, row->autoship);
      bind_day (s, 12, row->next_autoship, next);
      bind_day (s, 13, row->renewal_on, renewal);
      if (!step_done (db, s, _("Could not update a member"), error))
        goto fail;
      sqlite3_clear_bindings (s);

      /* The user stays the root; an unknown sponsor keeps the one set,
       * and so does a file with no enroller column. */
      sponsor_id = sponsor_of (row, person, &ids, unknown_sponsor);
      if (person[i] != user_id && !row->sponsor_unknown && !row->enroller_from_placement &&
          *row->sponsor_number != '\0' && sponsor_id != 0)
        {
          g_autofree char *what = g_strdup_printf (_("Line %u: could not change the sponsor of %s"),
                                                   row->line, row->member_number);

          s = w->stmts[UPDATE_SPONSOR];
          sqlite3_bind_int64 (s, 1, person[i]);
          sqlite3_bind_int64 (s, 2, sponsor_id);
          if (!step_done (db, s, what, error))
            goto fail;
        }
    }

  if (result->has_placement && !write_placements (w, result, person, &ids, error))
    goto fail;

  if (progress != NULL)
    progress (n, n, progress_data);

  dl_number_index_clear (&ids);
  g_string_chunk_free (keys);
  w->person = g_steal_pointer (&person);
  return TRUE;

fail:
  dl_number_index_clear (&ids);
  g_string_chunk_free (keys);
  return FALSE;
}

/* For a big import into a small database, building the person and
 * member indexes once at the end is several times faster than updating
 * them row by row.  Inside the transaction, so a rollback brings them
 * back as they were.  Returns the CREATE statements to run afterwards,
 * or NULL with error set. */
#define REBUILD_INDEXES_FROM 20000

static GPtrArray *
drop_indexes (sqlite3  *db,
              guint     n_rows,
              GError  **error)
{
  g_autoptr(GPtrArray) creates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 n_members = 0;

  if (n_rows < REBUILD_INDEXES_FROM)
    return g_steal_pointer (&creates);

  stmt = prepare (db, "SELECT count(*) FROM member", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_members = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if ((gint64) n_rows < 2 * n_members)
    return g_steal_pointer (&creates);

  stmt = prepare (db,
                  "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                  "AND tbl_name IN ('person', 'member') AND sql IS NOT NULL",
                  error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (creates, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);

      if (!exec (db, sql, error))
        return NULL;
    }

  return g_steal_pointer (&creates);
}

static gboolean
import_on_connection (const char            *path,
                      const DlImportResult  *result,
                      GCancellable          *cancellable,
                      DlImportProgressFunc   progress,
                      gpointer               progress_data,
                      DlImportKept          *kept,
                      GError               **error)
{
  g_autofree Writer *w = g_new0 (Writer, 1);
  g_autofree char *stamp = dl_store_now_stamp ();
  g_autoptr(GPtrArray) indexes = NULL;
  gboolean ok = FALSE;

  *kept = (DlImportKept) { 0, };
  w->db = open_connection (path, error);
  if (w->db == NULL)
    return FALSE;
  w->stamp = stamp;
  dl_day_format_iso (dl_day_today (), w->today);
  w->has_highest_rank = result->has_highest_rank;

  /* The log a previous import left, if the store has not written since:
   * copied now, so imports in a row do not pile up in it.  Cheap when
   * it is short; never waits for readers. */
  sqlite3_wal_checkpoint_v2 (w->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  /* A statement that adds many rows keeps a journal of the pages it
   * changes, to undo itself alone on an error; it is cheap in memory and
   * slow once it spills to a temporary file.  The pager decides where
   * when the transaction begins, so: in memory for the transaction, and
   * back to files before building the indexes, whose sort is faster
   * with them (and may use a helper thread). */
  exec (w->db, "PRAGMA temp_store = MEMORY", NULL);
  if (!exec (w->db, "BEGIN IMMEDIATE", error))
    goto out;
  exec (w->db, "PRAGMA temp_store = DEFAULT", NULL);
  /* read inside the transaction: no month can come in between */
  w->latest = is_latest_period (w->db, result->period);

  indexes = drop_indexes (w->db, result->rows->len, error);
  if (indexes == NULL)
    goto rollback;

  for (guint k = 0; k < INSERT_PERSONS; k++)
    if ((w->stmts[k] = prepare (w->db, writer_sql[k], error)) == NULL)
      goto rollback;
  if ((w->stmts[INSERT_PERSONS] = prepare_batch (w->db, INSERT_PERSONS_SQL, INSERT_PERSONS_ROW,
                                                 BATCH_ROWS, error)) == NULL ||
      (w->stmts[INSERT_MEMBERS] = prepare_batch (w->db, INSERT_MEMBERS_SQL, INSERT_MEMBERS_ROW,
                                                 BATCH_ROWS, error)) == NULL ||
      (w->stmts[INSERT_PERSON] = prepare_batch (w->db, INSERT_PERSONS_SQL, INSERT_PERSONS_ROW,
                                                1, error)) == NULL ||
      (w->stmts[INSERT_MEMBER] = prepare_batch (w->db, INSERT_MEMBERS_SQL, INSERT_MEMBERS_ROW,
                                                1, error)) == NULL)
    goto rollback;

  if (!write_rows (w, result, cancellable, progress, progress_data, error))
    goto rollback;

  /* The sort of each index build runs in one piece in memory when the
   * cache is big, on one core.  With a small cache it sorts 4 MB runs,
   * each on a helper thread while this one reads on, and merges them:
   * about twice as fast on two cores (3.6 s instead of 7 s for a
   * million members).  The pages the rows went to stay in memory (see
   * cache_spill in open_connection). */
  if (indexes->len > 0)
    exec (w->db, "PRAGMA threads = 1; PRAGMA cache_size = -4096;", NULL);
  for (guint i = 0; i < indexes->len; i++)
    if (!exec (w->db, indexes->pdata[i], error))
      goto rollback;

  /* the month the rows carry, with its events, in the same transaction:
   * the members and their month go in together or not at all.  With
   * the big cache again, and the file mapped for reading the months
   * before. */
  exec (w->db, "PRAGMA cache_size = -262144; PRAGMA mmap_size = 2147483648;", NULL);
  if (!dl_store_save_import_months (w->db, result, w->person, &kept->n_figures, &kept->n_past_months, error))
    goto rollback;

  /* the last chance to cancel: after this nothing is undone */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  writer_clear (w);
  ok = exec (w->db, "COMMIT", error);
  if (ok)
    goto out;

rollback:
  writer_clear (w);
  sqlite3_exec (w->db, "ROLLBACK", NULL, NULL, NULL);

out:
  g_free (w->person);
  sqlite3_close (w->db);
  return ok;
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
                         GError               **error)
{
  DlImportKept none;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (!dl_store_in_transaction (store), FALSE);

  /* the store's guard, which this connection of our own would bypass */
  if (!dl_store_check_writable (store, error))
    return FALSE;

  if (!import_on_connection (dl_store_get_path (store), result, cancellable,
                             progress, progress_data, kept != NULL ? kept : &none, error))
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

  /* waits here, in the worker, for a running integrity check */
  if (!dl_store_check_writable (source_object, &error))
    {
      g_free (kept);
      g_task_return_error (task, error);
    }
  else if (import_on_connection (job->path, job->result, cancellable, job->progress, job->progress_data,
                                 kept, &error))
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

/* ------------------------------------------------------------------ */
/* vCards                                                              */

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
  g_autoptr(OwnStmt) stmt = prepare (db, "SELECT first_name, last_name, email, phone FROM person", error);
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
      set_db_error (db, error, _("The import failed"));
      return FALSE;
    }
  return TRUE;
}

static gint64
first_open_stage (sqlite3  *db,
                  GError  **error)
{
  g_autoptr(OwnStmt) stmt = prepare (db, "SELECT id FROM stage WHERE kind = 'open' ORDER BY position, id LIMIT 1",
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
  sqlite3 *db = open_connection (path, error);
  sqlite3_stmt *last = NULL;
  sqlite3_stmt *person = NULL;
  sqlite3_stmt *prospect = NULL;
  g_autofree char *now = dl_store_now_stamp ();
  gint64 position = 0;
  gboolean ok = FALSE;

  if (db == NULL)
    return FALSE;
  if (!exec (db, "BEGIN IMMEDIATE", error))
    goto out;
  if (!read_people_keys (db, job, error) || (*stage_id = first_open_stage (db, error)) == 0)
    goto out;

  /* Each new prospect goes at the end of the stage, a gap after the one
   * before: the end is read once, not once a card (the store's own
   * add-prospect reloads the stage's order each time, which made the
   * import quadratic). */
  last = prepare (db, "SELECT max (position) FROM prospect WHERE stage_id = ?", error);
  person = prepare (db,
                    "INSERT INTO person (first_name, last_name, email, phone, best_time, city, source, "
                    "category, notes, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?7, ?8, ?9, ?9)",
                    error);
  prospect = prepare (db,
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
      if (!step_done (db, person, _("The import failed"), error))
        {
          prefix_error_card (error, card->line, display);
          goto out;
        }

      sqlite3_reset (prospect);
      sqlite3_bind_int64 (prospect, 1, sqlite3_last_insert_rowid (db));
      sqlite3_bind_int64 (prospect, 2, *stage_id);
      sqlite3_bind_int64 (prospect, 3, position);
      sqlite3_bind_text (prospect, 4, now, -1, SQLITE_STATIC);
      if (!step_done (db, prospect, _("The import failed"), error))
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
  ok = exec (db, "COMMIT", error);

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

/* dl-store-export.c — CSV exports, backups with SQLite's online backup
 * API, the daily backup and restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store-export.h"
#include "dl-rules.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"
#include "dl-vcard.h"

#define BUSY_TIMEOUT_MS 10000

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

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
/* Backups                                                             */

static void
set_backup_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *dest)
{
  g_autofree char *display = g_filename_display_name (dest);

  if ((rc & 0xff) == SQLITE_FULL)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("The backup “%s” was not written: the disk is full."), display);
  else
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("The backup “%s” was not written: %s"), display,
                 db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

/* A backup goes to a new file or over an older backup Downline made
 * (marked with DL_STORE_BACKUP_ID), never over the database itself, a
 * database open in this process, or any other file that happens to
 * have the name (an older Downline's backups carry the database's own
 * mark, so they cannot be told from a database and are not replaced). */
static gboolean
check_backup_dest (const char  *source,
                   const char  *dest,
                   GError     **error)
{
  g_autofree char *display = g_filename_display_name (dest);
  GStatBuf src_st, dest_st;
  DlStoreHeader header = { 0, };

  if (g_stat (dest, &dest_st) != 0)
    {
      if (g_file_test (dest, G_FILE_TEST_IS_SYMLINK))
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                       _("“%s” is a link to a file that is not there: choose another name."), display);
          return FALSE;
        }
      return TRUE;
    }

  if ((g_stat (source, &src_st) == 0 && src_st.st_dev == dest_st.st_dev && src_st.st_ino == dest_st.st_ino)
      || dl_store_file_is_open (dest))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("“%s” is a Downline database in use, not a backup: a backup must go to another file. "
                     "Nothing was written."), display);
      return FALSE;
    }
  if (!S_ISREG (dest_st.st_mode) || !dl_store_read_header (dest, &header, NULL) ||
      header.application_id != DL_STORE_BACKUP_ID)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("“%s” is already there and is not a backup Downline made: choose another name. "
                     "Nothing was written."), display);
      return FALSE;
    }

  return TRUE;
}

/* Runs PRAGMA integrity_check on a copy; FALSE with DAMAGED naming the
 * database it was made from. */
static gboolean
verify_copy (sqlite3     *db,
             const char  *source,
             const char  *dest,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (source);
  g_autofree char *dest_display = g_filename_display_name (dest);
  sqlite3_stmt *stmt = NULL;
  const char *result = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    result = (const char *) sqlite3_column_text (stmt, 0);
  ok = g_strcmp0 (result, "ok") == 0;
  if (result != NULL && g_str_has_prefix (result, "*** in database main ***\n"))
    result += strlen ("*** in database main ***\n");
  if (!ok)
    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                 _("“%s” is damaged (%s), so the backup “%s” was not made and no older backup "
                   "was replaced."),
                 display, result != NULL ? result : sqlite3_errstr (rc), dest_display);
  sqlite3_finalize (stmt);

  return ok;
}

/* Flushes a file or folder to the disk; rename () is only as durable as
 * the folder entry it changes. */
static gboolean
sync_path (const char  *path,
           gboolean     folder,
           GError     **error)
{
  int fd = open (path, (folder ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  int errsv;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  errsv = errno;
  if (fd >= 0)
    close (fd);
  /* some file systems cannot sync a folder; the rename still happened */
  if (folder && (errsv == EINVAL || errsv == EBADF))
    return TRUE;

  {
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                 _("“%s” could not be written to the disk: %s"), display, g_strerror (errsv));
  }
  return FALSE;
}

typedef enum
{
  COPY_BACKUP   = 1 << 0,  /* marked as a backup (else as a database) */
  COPY_VERIFIED = 1 << 1,  /* only kept when it passes the integrity check */
} CopyFlags;

/* Copies the database at source into dest by way of an owner-only
 * temporary file beside it, synced to the disk before it takes dest's
 * name in one rename: a crash or a full disk leaves dest as it was. */
static gboolean
copy_database (const char  *source,
               const char  *dest,
               CopyFlags    flags,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autofree char *base = g_path_get_basename (dest);
  g_autofree char *tmp = NULL;
  g_autofree char *mark = NULL;
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  if (!check_backup_dest (source, dest, error))
    return FALSE;

  /* a copy killed half-way left its temporary file: a hidden full copy
   * of people's details nobody would find to delete */
  {
    g_autofree char *prefix = g_strdup_printf (".%s.part-", base);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *entry;

    while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
      if (g_str_has_prefix (entry, prefix))
        {
          g_autofree char *stale = g_build_filename (dir, entry, NULL);

          g_unlink (stale);
        }
  }

  tmp = g_strdup_printf ("%s/.%s.part-%u", dir, base, g_random_int ());
  /* made owner-only first: SQLite would give it the umask's mode, and a
   * copy holds the same people's details as the database */
  {
    gboolean created = FALSE;

    if (!dl_store_create_private_file (tmp, &created, error))
      return FALSE;
    if (!created)
      {
        g_autofree char *display = g_filename_display_name (tmp);

        g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO,
                     _("The backup “%s” was not written: %s"), display, g_strerror (EEXIST));
        return FALSE;
      }
  }

  rc = sqlite3_open_v2 (source, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, src, rc, dest);
      goto out;
    }
  sqlite3_busy_timeout (src, BUSY_TIMEOUT_MS);

  rc = sqlite3_open_v2 (tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, dst, rc, dest);
      goto out;
    }

  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      set_backup_error (error, dst, sqlite3_errcode (dst), dest);
      goto out;
    }
  /* One step: the source is read in one read transaction, a snapshot
   * that writers on other connections (WAL) do not disturb. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_backup_error (error, dst, rc, dest);
      goto out;
    }

  if ((flags & COPY_VERIFIED) && !verify_copy (dst, source, dest, error))
    goto out;

  /* the mark, then a plain rollback-journal file: one file, nothing
   * beside it */
  mark = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = DELETE",
                          (flags & COPY_BACKUP) ? DL_STORE_BACKUP_ID : DL_STORE_APPLICATION_ID);
  rc = sqlite3_exec (dst, mark, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, dst, rc, dest);
      goto out;
    }

  rc = sqlite3_close (dst);
  dst = NULL;
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, NULL, rc, dest);
      goto out;
    }

  if (!sync_path (tmp, FALSE, error))
    goto out;

  /* a log or journal left beside an older file of that name would be
   * replayed onto the new copy the next time it is opened */
  {
    const char *suffixes[] = { "-wal", "-shm", "-journal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *side = g_strconcat (dest, suffixes[i], NULL);

        if (g_unlink (side) != 0 && errno != ENOENT)
          {
            int saved_errno = errno;
            g_autofree char *display = g_filename_display_name (side);

            g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                         _("The backup was not written: “%s” could not be removed: %s"),
                         display, g_strerror (saved_errno));
            goto out;
          }
      }
  }

  if (g_rename (tmp, dest) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dest);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The backup “%s” was not written: %s"), display, g_strerror (saved_errno));
      goto out;
    }
  ok = sync_path (dir, TRUE, error);

out:
  sqlite3_close (dst);
  sqlite3_close (src);
  if (!ok)
    g_unlink (tmp);
  return ok;
}

gboolean
dl_store_backup (DlStore     *store,
                 const char  *dest,
                 GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  return copy_database (dl_store_get_path (store), dest, COPY_BACKUP | COPY_VERIFIED, error);
}

gboolean
dl_store_backup_as_is (DlStore     *store,
                       const char  *dest,
                       GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dest != NULL, FALSE);

  return copy_database (dl_store_get_path (store), dest, COPY_BACKUP, error);
}

typedef struct
{
  char *source;
  char *dest;
} BackupJob;

static void
backup_job_free (gpointer data)
{
  BackupJob *job = data;

  g_free (job->source);
  g_free (job->dest);
  g_free (job);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupJob *job = task_data;
  GError *error = NULL;

  if (copy_database (job->source, job->dest, COPY_BACKUP | COPY_VERIFIED, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
dl_store_backup_async (DlStore             *store,
                       const char          *dest,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupJob *job;

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (dest != NULL);

  job = g_new0 (BackupJob, 1);
  job->source = g_strdup (dl_store_get_path (store));
  job->dest = g_strdup (dest);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_backup_async);
  g_task_set_task_data (task, job, backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

gboolean
dl_store_backup_finish (DlStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

#define DAILY_PREFIX "downline-"
#define DAILY_SUFFIX ".db"

static gboolean
is_daily_name (const char *name)
{
  gsize len = strlen (name);
  char iso[11];

  /* downline-YYYY-MM-DD.db */
  if (len != strlen (DAILY_PREFIX) + 10 + strlen (DAILY_SUFFIX) ||
      !g_str_has_prefix (name, DAILY_PREFIX) || !g_str_has_suffix (name, DAILY_SUFFIX))
    return FALSE;
  memcpy (iso, name + strlen (DAILY_PREFIX), 10);
  iso[10] = '\0';
  return dl_day_from_iso (iso) != DL_DAY_NONE;
}

gboolean
dl_store_backup_daily (DlStore     *store,
                       const char  *dir,
                       guint        keep,
                       DlDay        today,
                       gboolean    *made,
                       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  char iso[16];
  const char *entry;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (dir != NULL && keep > 0, FALSE);

  if (made != NULL)
    *made = FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  dl_day_format_iso (today, iso);
  name = g_strconcat (DAILY_PREFIX, iso, DAILY_SUFFIX, NULL);
  path = g_build_filename (dir, name, NULL);
  /* Today's copy is verified before it is kept, and the old ones are
   * only rotated away after it: a damaged database never pushes the
   * last sound backups out. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GError) local_error = NULL;

      if (!dl_store_backup (store, path, &local_error))
        {
          g_autofree char *good = NULL;

          if (g_error_matches (local_error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED)
              && (good = dl_store_find_good_backup (dir)) != NULL)
            {
              g_autofree char *display = g_filename_display_name (good);

              g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                           _("%s The newest sound backup is “%s”: restore it from the main menu, "
                             "Restore From Backup."),
                           local_error->message, display);
              return FALSE;
            }
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (made != NULL)
        *made = TRUE;
    }

  listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    return FALSE;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (is_daily_name (entry))
      g_ptr_array_add (names, g_strdup (entry));

  /* the names sort by date; the oldest go */
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i + keep < names->len; i++)
    {
      g_autofree char *old = g_build_filename (dir, names->pdata[i], NULL);

      if (g_unlink (old) != 0)
        g_warning ("Could not delete the old backup %s: %s", old, g_strerror (errno));
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Restore                                                             */

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *rc)
{
  sqlite3_stmt *stmt = NULL;
  int value = 0;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc == SQLITE_OK)
    {
      *rc = sqlite3_step (stmt);
      if (*rc == SQLITE_ROW)
        {
          value = sqlite3_column_int (stmt, 0);
          *rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return value;
}

static void
remove_private_dir (const char *dir)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  if (dir == NULL)
    return;
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      g_unlink (child);
    }
  g_rmdir (dir);
}

/* The path to read a backup from.  One with a rollback journal or a log
 * beside it (copied while it was written, or left unclean) must be
 * recovered first, and recovery writes: that happens in a private copy
 * in *tmp_dir (remove it with remove_private_dir), so the backup and its
 * folder, which may be read-only, are never changed. */
static char *
readable_backup (const char  *backup,
                 char       **tmp_dir,
                 GError     **error)
{
  const char *suffixes[] = { "", "-journal", "-wal" };
  g_autofree char *copy = NULL;
  gboolean needs_recovery = FALSE;
  sqlite3 *db = NULL;
  int rc;

  *tmp_dir = NULL;
  for (guint i = 1; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (backup, suffixes[i], NULL);

      needs_recovery |= g_file_test (side, G_FILE_TEST_IS_REGULAR);
    }
  if (!needs_recovery)
    return g_strdup (backup);

  *tmp_dir = g_dir_make_tmp ("downline-backup-XXXXXX", error);
  if (*tmp_dir == NULL)
    return NULL;
  copy = g_build_filename (*tmp_dir, "backup.db", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (backup, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (copy, suffixes[i], NULL);
      g_autoptr(GFile) from_file = g_file_new_for_path (from);
      g_autoptr(GFile) to_file = g_file_new_for_path (to);

      if (i > 0 && !g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!g_file_copy (from_file, to_file, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        goto fail;
    }

  /* the first read replays the journal or the log into the copy */
  rc = sqlite3_open_v2 (copy, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (backup);

      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                   _("The backup “%s” could not be recovered: %s"),
                   display, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      goto fail;
    }
  sqlite3_close (db);

  return g_steal_pointer (&copy);

fail:
  remove_private_dir (*tmp_dir);
  g_clear_pointer (tmp_dir, g_free);
  return NULL;
}

/* Checks the backup file at path (already made readable). */
static gboolean
check_readable_backup (const char  *path,
                       const char  *display,
                       GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int application_id;
  int version = 0;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  application_id = rc == SQLITE_OK ? query_int (db, "PRAGMA application_id", &rc) : 0;
  if (rc == SQLITE_OK)
    version = query_int (db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK ||
      (application_id != DL_STORE_APPLICATION_ID && application_id != DL_STORE_BACKUP_ID) ||
      version < 1)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Downline backup."), display);
      goto out;
    }
  if (version > DL_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Downline. Update Downline to restore it."), display);
      goto out;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check (1)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED,
                   _("The backup “%s” is damaged and cannot be restored."), display);
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ok;
}

gboolean
dl_store_check_backup (const char  *backup,
                       GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *readable = NULL;
  DlStoreHeader header = { 0, };
  gboolean ok;

  g_return_val_if_fail (backup != NULL, FALSE);

  display = g_filename_display_name (backup);
  if (!g_file_test (backup, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_IO, _("“%s” is not a file."), display);
      return FALSE;
    }
  /* another program's database is refused before SQLite opens it */
  if (!dl_store_read_header (backup, &header, NULL) || header.empty ||
      (header.application_id != DL_STORE_APPLICATION_ID && header.application_id != DL_STORE_BACKUP_ID &&
       (header.application_id != 0 || header.user_version != 0)))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Downline backup."), display);
      return FALSE;
    }

  readable = readable_backup (backup, &tmp_dir, error);
  if (readable == NULL)
    return FALSE;
  ok = check_readable_backup (readable, display, error);
  remove_private_dir (tmp_dir);

  return ok;
}

char *
dl_store_find_good_backup (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  const char *entry;

  g_return_val_if_fail (dir != NULL, NULL);

  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return NULL;
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (is_daily_name (entry))
      g_ptr_array_add (names, g_strdup (entry));

  g_ptr_array_sort (names, compare_strings);
  for (guint i = names->len; i > 0; i--)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i - 1], NULL);

      if (dl_store_check_backup (path, NULL))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* Brings the copy at path up to this version's schema. */
static gboolean
migrate_copy (const char  *path,
              GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_backup_error (error, db, rc, path);
      sqlite3_close (db);
      return FALSE;
    }
  ok = dl_store_migrate_db (db, DL_STORE_SCHEMA_VERSION, error);
  sqlite3_close (db);
  return ok;
}

gboolean
dl_store_restore (DlStore     *store,
                  const char  *backup,
                  GError     **error)
{
  g_autofree char *tmp_dir = NULL;
  g_autofree char *readable = NULL;
  g_autofree char *staged = NULL;
  const char *source;
  sqlite3 *src = NULL;
  sqlite3_backup *b;
  int version;
  int rc;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);
  g_return_val_if_fail (!dl_store_in_transaction (store), FALSE);

  /* a damaged file may be restored over; a read-only or closed one not */
  if (dl_store_is_read_only (store) || dl_store_get_handle (store) == NULL)
    {
      g_autoptr(GError) why = NULL;

      dl_store_check_writable (store, &why);
      g_set_error (error, DL_STORE_ERROR, why != NULL ? why->code : DL_STORE_ERROR_READ_ONLY,
                   _("The backup was not restored: %s"), why != NULL ? why->message : "");
      return FALSE;
    }

  if (!dl_store_check_backup (backup, error))
    return FALSE;

  readable = readable_backup (backup, &tmp_dir, error);
  if (readable == NULL)
    return FALSE;
  source = readable;

  rc = sqlite3_open_v2 (source, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  version = rc == SQLITE_OK ? query_int (src, "PRAGMA user_version", &rc) : 0;
  if (rc == SQLITE_OK && version < DL_STORE_SCHEMA_VERSION)
    {
      /* A backup from an older Downline: what is restored is a copy of
       * it brought up to date, made beside the database (its folder is
       * the user's alone); the backup itself stays as it was. */
      sqlite3_close (src);
      src = NULL;
      staged = g_strconcat (dl_store_get_path (store), ".restoring", NULL);
      g_unlink (staged);
      if (!copy_database (source, staged, 0, error) || !migrate_copy (staged, error))
        {
          g_unlink (staged);
          remove_private_dir (tmp_dir);
          return FALSE;
        }
      source = staged;
      rc = sqlite3_open_v2 (source, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    }

  b = rc == SQLITE_OK ? sqlite3_backup_init (dl_store_get_handle (store), "main", src, "main") : NULL;
  if (b == NULL)
    {
      dl_store_set_sqlite_error (store, error, rc != SQLITE_OK ? rc : sqlite3_errcode (dl_store_get_handle (store)),
                                 _("The backup was not restored"));
      sqlite3_close (src);
      if (staged != NULL)
        g_unlink (staged);
      remove_private_dir (tmp_dir);
      return FALSE;
    }
  rc = sqlite3_backup_step (b, -1);
  sqlite3_backup_finish (b);
  sqlite3_close (src);
  if (staged != NULL)
    g_unlink (staged);
  remove_private_dir (tmp_dir);
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (store, error, rc, _("The backup was not restored"));
      return FALSE;
    }

  /* the live file is a database, whatever the backup's mark said */
  {
    g_autofree char *unmark = g_strdup_printf ("PRAGMA application_id = %d", DL_STORE_APPLICATION_ID);

    rc = sqlite3_exec (dl_store_get_handle (store), unmark, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
      g_warning ("The restored file keeps a backup's mark: %s", sqlite3_errstr (rc));
  }

  dl_store_emit_restored (store);
  return TRUE;
}

gboolean
dl_store_restore_file (const char  *backup,
                       const char  *db_path,
                       GError     **error)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *staged = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree char *readable = NULL;
  gboolean copied;

  g_return_val_if_fail (backup != NULL && db_path != NULL, FALSE);

  if (!dl_store_check_backup (backup, error))
    return FALSE;

  /* The copy first, beside the database, so the rename below swaps a
   * complete file in one step. */
  readable = readable_backup (backup, &tmp_dir, error);
  if (readable == NULL)
    return FALSE;
  staged = g_strconcat (db_path, ".restoring", NULL);
  g_unlink (staged);
  copied = copy_database (readable, staged, 0, error);
  remove_private_dir (tmp_dir);
  if (!copied)
    return FALSE;

  /* With every connection closed the old WAL is checkpointed and gone;
   * one left by a crash must not be replayed onto the restored file. */
  wal = g_strconcat (db_path, "-wal", NULL);
  shm = g_strconcat (db_path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);

  if (g_rename (staged, db_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (db_path);

      g_unlink (staged);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not replace “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
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

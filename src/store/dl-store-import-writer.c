/* dl-store-import-writer.c — an export's rows written on the import's
 * own connection, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writer gives new people their ids itself, in member-number order,
 * and inserts them in that order 64 rows to a statement; then it updates
 * existing ones in place, never deleting anything.  A large import into
 * a small database drops the person and member indexes and builds them
 * again at the end, all inside the one transaction.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "dl-day.h"
#include "dl-store-import.h"
#include "dl-store-import-private.h"
#include "dl-store-periods-private.h"
#include "dl-store-private.h"
#include "dl-validate.h"

#define PROGRESS_EVERY    4096

/* ------------------------------------------------------------------ */
/* The writer                                                          */

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

enum
{
  UPDATE_PERSON, UPDATE_MEMBER, UPDATE_SPONSOR, UPDATE_JOINED, READ_NOTES, UPDATE_NOTES,
  SET_PLACEMENT, DELETE_PLACEMENT, READ_PLACEMENT_PARENT, RENAME_MEMBER,
  INSERT_PERSONS, INSERT_MEMBERS, INSERT_PERSON, INSERT_MEMBER, SET_PLACEMENTS, N_STMTS
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

/* UPDATE_MEMBER's new value of each column, from the old ones and the
 * row's (?3 status or NULL, ?4 today, ?5 rank, ?6 last order, ?7 role or
 * NULL, ?8 first order, ?9 the newest month, ?10 highest rank, ?11
 * autoship, ?12 next autoship, ?13 renewal): each written once, for its
 * SET and for the WHERE that leaves a member who would not change
 * unwritten (the WHERE names every column the SET does, though
 * status_since changes only with status).  SQLite writes a row an
 * UPDATE reaches whether it changes or not: next month's export of a
 * business whose members mostly stay as they were rewrote the whole
 * member table. */
#define NEW_STATUS_SINCE "(CASE WHEN ?9 AND ?3 IS NOT NULL AND ?3 <> status THEN ?4 ELSE status_since END)"
#define NEW_STATUS "(CASE WHEN ?9 THEN coalesce (?3, status) ELSE status END)"
#define NEW_RANK "(CASE WHEN ?5 = '' OR (NOT ?9 AND rank <> '') THEN rank ELSE ?5 END)"
#define NEW_HIGHEST_RANK "(CASE WHEN ?10 = '' OR (NOT ?9 AND highest_rank <> '') THEN highest_rank ELSE ?10 END)"
#define NEW_LAST_ACTIVITY \
  "(CASE WHEN ?6 IS NOT NULL AND (last_activity IS NULL OR ?6 > last_activity) THEN ?6 ELSE last_activity END)"
#define NEW_LAST_ORDER "(CASE WHEN ?9 THEN coalesce (?6, last_order) ELSE coalesce (last_order, ?6) END)"
#define NEW_ROLE "(CASE WHEN ?9 THEN coalesce (?7, role) ELSE role END)"
#define NEW_FIRST_ORDER "(CASE WHEN ?9 THEN coalesce (?8, first_order) ELSE coalesce (first_order, ?8) END)"
#define NEW_AUTOSHIP "(CASE WHEN ?9 THEN coalesce (?11, autoship) ELSE coalesce (autoship, ?11) END)"
#define NEW_NEXT_AUTOSHIP "(CASE WHEN ?9 THEN coalesce (?12, next_autoship) ELSE coalesce (next_autoship, ?12) END)"
#define NEW_RENEWAL_ON "(CASE WHEN ?9 THEN coalesce (?13, renewal_on) ELSE coalesce (renewal_on, ?13) END)"

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
   * Downline does not know yet.  last_activity is the latest of all.
   * A member the row would leave as they are is not written (see the
   * NEW_ macros). */
  "UPDATE member SET "
  "  status_since = " NEW_STATUS_SINCE ", status = " NEW_STATUS ", rank = " NEW_RANK ", "
  "  highest_rank = " NEW_HIGHEST_RANK ", last_activity = " NEW_LAST_ACTIVITY ", "
  "  last_order = " NEW_LAST_ORDER ", role = " NEW_ROLE ", first_order = " NEW_FIRST_ORDER ", "
  "  autoship = " NEW_AUTOSHIP ", next_autoship = " NEW_NEXT_AUTOSHIP ", renewal_on = " NEW_RENEWAL_ON " "
  "WHERE person_id = ?1 AND ("
  "  status_since IS NOT " NEW_STATUS_SINCE " OR status IS NOT " NEW_STATUS " OR rank IS NOT " NEW_RANK " OR "
  "  highest_rank IS NOT " NEW_HIGHEST_RANK " OR last_activity IS NOT " NEW_LAST_ACTIVITY " OR "
  "  last_order IS NOT " NEW_LAST_ORDER " OR role IS NOT " NEW_ROLE " OR first_order IS NOT " NEW_FIRST_ORDER " OR "
  "  autoship IS NOT " NEW_AUTOSHIP " OR next_autoship IS NOT " NEW_NEXT_AUTOSHIP " OR "
  "  renewal_on IS NOT " NEW_RENEWAL_ON ")",

  "UPDATE member SET sponsor_id = ?2 WHERE person_id = ?1 AND sponsor_id IS NOT ?2",

  /* apart, and only when it changes: the join date is indexed, and
   * setting it at all rewrites its index entry, a seek somewhere in
   * the index for each member of a monthly import (a second a million) */
  "UPDATE member SET joined_on = ?2 WHERE person_id = ?1 AND joined_on IS NOT ?2",

  "SELECT notes FROM person WHERE id = ?1",

  "UPDATE person SET notes = ?2, updated_at = ?3 WHERE id = ?1",

  /* ?4: the file has a side column; without one the side stays while
   * the parent does.  A placement that stays as it is is not written
   * again (see SET_PLACEMENTS_TAIL). */
  "INSERT INTO placement (member_id, parent_id, side) VALUES (?1, ?2, ?3) "
  "ON CONFLICT (member_id) DO UPDATE SET "
  "  side = CASE WHEN ?4 THEN excluded.side WHEN parent_id IS excluded.parent_id THEN side END, "
  "  parent_id = excluded.parent_id "
  "WHERE parent_id IS NOT excluded.parent_id OR (?4 AND side IS NOT excluded.side)",

  "DELETE FROM placement WHERE member_id = ?1",

  "SELECT parent_id FROM placement WHERE member_id = ?1",

  "UPDATE member SET member_number = ?2 WHERE person_id = ?1",
};

/* The placements of BATCH_ROWS rows in one statement, as SET_PLACEMENT
 * sets one; %d is whether the file has a side column.  The WHERE
 * leaves a placement that stays as it is alone: next month's export
 * places nearly everyone where they were, and rewriting a million
 * unchanged rows cost a second. */
#define SET_PLACEMENTS_HEAD "INSERT INTO placement (member_id, parent_id, side) VALUES "
#define SET_PLACEMENTS_ROW "(?, ?, ?)"
#define SET_PLACEMENTS_TAIL \
  " ON CONFLICT (member_id) DO UPDATE SET " \
  "  side = CASE WHEN %d THEN excluded.side WHEN parent_id IS excluded.parent_id THEN side END, " \
  "  parent_id = excluded.parent_id " \
  "WHERE parent_id IS NOT excluded.parent_id OR (%d AND side IS NOT excluded.side)"

/* "INSERT ... VALUES (...), (...), ..." for n rows */
static sqlite3_stmt *
prepare_batch (sqlite3     *db,
               const char  *head,
               const char  *row,
               guint        n,
               GError     **error)
{
  g_autofree char *sql = dl_store_batch_sql (head, row, n);

  return dl_import_prepare (db, sql, error);
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
          ok = dl_import_step_done (w->db, persons, _("Could not add a member"), error) &&
               dl_import_step_done (w->db, members, _("Could not add a member"), error);
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

/* The person id of the sponsor of the row at i, or 0 for none. */
static gint64
sponsor_of (const DlImportResult *result,
            guint                 i,
            const gint64         *person,
            GArray               *outside,
            gint64                unknown_sponsor)
{
  const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
  const DlImportOutside *o;

  if (row->sponsor_unknown)
    return unknown_sponsor;
  if (row->sponsor_row != DL_IMPORT_NO_ROW)
    return person[row->sponsor_row];
  if (*row->sponsor_number == '\0')
    return 0;
  /* a member already in the database */
  o = dl_import_outside_find (outside, i);
  return o != NULL && o->sponsor != 0 ? o->sponsor : unknown_sponsor;
}

/* The person id of the placement parent of the row at i when not a row
 * of the file, or 0 for none. */
static gint64
outside_parent (GArray *outside,
                guint   i)
{
  const DlImportOutside *o = dl_import_outside_find (outside, i);

  return o != NULL ? o->parent : 0;
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
      dl_import_set_db_error (w->db, error, _("Could not update a member"));
      return FALSE;
    }

  after = notes_with_line (before, row->notes);
  if (strcmp (before, after) == 0)
    return TRUE;
  s = w->stmts[UPDATE_NOTES];
  sqlite3_bind_int64 (s, 1, person_id);
  bind_text (s, 2, after);
  bind_text (s, 3, w->stamp);
  ok = dl_import_step_done (w->db, s, _("Could not update a member"), error);
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
          dl_import_set_db_error (w->db, error, _("Could not read the placements"));
          return FALSE;
        }
    }
  return id != 0 && id == target;
}

/* Sets the placement of row (its person) under parent, alone. */
static gboolean
set_placement (Writer             *w,
               const DlImportRow  *row,
               gint64              person,
               gint64              parent,
               gboolean            has_side,
               GError            **error)
{
  sqlite3_stmt *s = w->stmts[SET_PLACEMENT];
  const char *side = dl_csv_side_to_string (row->side);
  int rc;

  sqlite3_bind_int64 (s, 1, person);
  sqlite3_bind_int64 (s, 2, parent);
  if (side != NULL)
    sqlite3_bind_text (s, 3, side, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (s, 3);
  sqlite3_bind_int (s, 4, has_side);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  /* the message only when it is needed, as for the sponsors */
  if (rc != SQLITE_DONE)
    {
      g_autofree char *what = g_strdup_printf (_("Line %u: could not place %s"), row->line, row->member_number);

      dl_import_set_db_error (w->db, error, what);
      return FALSE;
    }
  return TRUE;
}

/* The placements waiting for their batch: rows[i], under parent[i]. */
typedef struct
{
  guint   row[BATCH_ROWS];
  gint64  parent[BATCH_ROWS];
  guint   n;
} PlacementBatch;

/* Sets the batch's placements: a full batch in one statement, else (or
 * when that statement fails, so that the error names the row) one by
 * one.  A failed statement undoes itself alone. */
static gboolean
flush_placements (Writer               *w,
                  PlacementBatch       *batch,
                  const DlImportResult *result,
                  const gint64         *person,
                  GError              **error)
{
  const DlImportRow *rows = (const DlImportRow *) (gpointer) result->rows->data;
  guint n = batch->n;

  batch->n = 0;
  if (n == BATCH_ROWS)
    {
      sqlite3_stmt *s = w->stmts[SET_PLACEMENTS];
      int rc;

      for (guint k = 0; k < n; k++)
        {
          const char *side = dl_csv_side_to_string (rows[batch->row[k]].side);

          sqlite3_bind_int64 (s, (int) (3 * k + 1), person[batch->row[k]]);
          sqlite3_bind_int64 (s, (int) (3 * k + 2), batch->parent[k]);
          if (side != NULL)
            sqlite3_bind_text (s, (int) (3 * k + 3), side, -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (s, (int) (3 * k + 3));
        }
      rc = sqlite3_step (s);
      sqlite3_reset (s);
      if (rc == SQLITE_DONE)
        return TRUE;
    }
  for (guint k = 0; k < n; k++)
    if (!set_placement (w, &rows[batch->row[k]], person[batch->row[k]], batch->parent[k], result->has_side, error))
      return FALSE;
  return TRUE;
}

/* Whether the file has no placement at all, into *none. */
static gboolean
no_placements_yet (sqlite3   *db,
                   gboolean  *none,
                   GError   **error)
{
  sqlite3_stmt *stmt = dl_import_prepare (db, "SELECT NOT EXISTS (SELECT 1 FROM placement)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *none = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      dl_import_set_db_error (db, error, _("Could not read the placements"));
      return FALSE;
    }
  return TRUE;
}

/* The placements of the file's rows, once every row has its person. */
static gboolean
write_placements (Writer               *w,
                  const DlImportResult *result,
                  const gint64         *person,
                  GArray               *outside,
                  GError              **error)
{
  const DlImportRow *rows = (const DlImportRow *) (gpointer) result->rows->data;
  g_autofree PlacementBatch *batch = g_new0 (PlacementBatch, 1);
  g_autofree char *sql = dl_store_batch_sql (SET_PLACEMENTS_HEAD, SET_PLACEMENTS_ROW, BATCH_ROWS);
  g_autofree char *upsert = NULL;
  gboolean none_yet = FALSE;

  /* Into a file with no placements yet (a first import), a batch meets
   * none to update, but for a member on two rows: plain inserts that
   * fail rather than abort, so that SQLite keeps no journal of each
   * statement (a quarter of a million placements' time).  A batch that
   * fails is set again one by one, as any failed batch is, which
   * updates the member's placement and leaves the ones it inserted as
   * they are. */
  if (!no_placements_yet (w->db, &none_yet, error))
    return FALSE;
  upsert = none_yet ? g_strdup_printf ("INSERT OR FAIL%s", sql + strlen ("INSERT"))
                    : g_strdup_printf ("%s" SET_PLACEMENTS_TAIL, sql, result->has_side, result->has_side);
  w->stmts[SET_PLACEMENTS] = dl_import_prepare (w->db, upsert, error);
  if (w->stmts[SET_PLACEMENTS] == NULL)
    return FALSE;

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &rows[i];
      gint64 parent;

      if (row->placement_unknown)
        continue;
      if (*row->placement_number == '\0')
        {
          sqlite3_stmt *s = w->stmts[DELETE_PLACEMENT];
          g_autofree char *what = NULL;

          /* in the order of the rows, should a member come twice */
          if (!flush_placements (w, batch, result, person, error))
            return FALSE;
          what = g_strdup_printf (_("Line %u: could not place %s"), row->line, row->member_number);
          sqlite3_bind_int64 (s, 1, person[i]);
          if (!dl_import_step_done (w->db, s, what, error))
            return FALSE;
          continue;
        }

      parent = row->placement_row != DL_IMPORT_NO_ROW ? person[row->placement_row] : outside_parent (outside, i);
      /* gone since the file was checked (deleted in the window meanwhile):
       * the placement stays as it was */
      if (parent == 0)
        continue;

      batch->row[batch->n] = i;
      batch->parent[batch->n] = parent;
      if (++batch->n == BATCH_ROWS && !flush_placements (w, batch, result, person, error))
        return FALSE;
    }
  if (!flush_placements (w, batch, result, person, error))
    return FALSE;

  /* The validator found the loops within the file; one through members
   * that are not in it passes through a row placed under one of them. */
  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &rows[i];
      g_autoptr(GError) local_error = NULL;

      if (row->placement_unknown || *row->placement_number == '\0' || row->placement_row != DL_IMPORT_NO_ROW)
        continue;
      if (placement_reaches (w, outside_parent (outside, i), person[i], &local_error))
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

/* The rows of members already there (person at most last_id), by
 * person id then row; *n_order gets how many. */
static int
compare_by_person (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const gint64 *person = data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  if (person[x] != person[y])
    return person[x] < person[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

static guint *
rows_by_person (const gint64 *person,
                guint         n,
                gint64        last_id,
                guint        *n_order)
{
  guint *order = g_new (guint, MAX (n, 1));
  guint k = 0;
  gboolean sorted = TRUE;

  for (guint i = 0; i < n; i++)
    if (person[i] <= last_id)
      {
        if (k > 0 && person[order[k - 1]] > person[i])
          sorted = FALSE;
        order[k++] = i;
      }
  if (!sorted)
    g_qsort_with_data (order, (gint) k, sizeof (guint), compare_by_person, (gpointer) person);
  *n_order = k;
  return order;
}

/* A member already there, as row has them now (person_id; claimed: the
 * number gained its country, and the member takes it), their sponsor
 * aside.  person_stays: their person's details are as the row has
 * them; joined_now: their join date as Downline has it, NULL when not
 * known. */
static gboolean
update_row (Writer             *w,
            const DlImportRow  *row,
            gint64              person_id,
            gboolean            claimed,
            gboolean            person_stays,
            const DlDay        *joined_now,
            GError            **error)
{
  sqlite3 *db = w->db;
  char joined[16];
  char last[16];
  char first[16];
  char next[16];
  char renewal[16];
  sqlite3_stmt *s;

  if (claimed)
    {
      g_autofree char *what = g_strdup_printf (_("Line %u: could not renumber %s"), row->line, row->member_number);

      s = w->stmts[RENAME_MEMBER];
      sqlite3_bind_int64 (s, 1, person_id);
      bind_text (s, 2, row->member_number);
      if (!dl_import_step_done (db, s, what, error))
        return FALSE;
    }

  s = w->stmts[UPDATE_PERSON];
  sqlite3_bind_int64 (s, 1, person_id);
  bind_text (s, 2, row->first_name);
  bind_text (s, 3, row->last_name);
  bind_text (s, 4, row->email);
  bind_text (s, 5, row->phone);
  bind_text (s, 6, row->city);
  bind_text (s, 7, w->stamp);
  if (!person_stays && !dl_import_step_done (db, s, _("Could not update a member"), error))
    return FALSE;
  if (*row->notes != '\0' && !append_notes (w, person_id, row, error))
    return FALSE;

  /* the newest month's word stands; a first order standing in for the
   * join date is for new members */
  if (w->latest && !row->joined_from_first_order && row->joined_on != DL_DAY_NONE)
    {
      s = w->stmts[UPDATE_JOINED];
      sqlite3_bind_int64 (s, 1, person_id);
      bind_day (s, 2, row->joined_on, joined);
      if ((joined_now == NULL || *joined_now != row->joined_on) &&
          !dl_import_step_done (db, s, _("Could not update a member"), error))
        return FALSE;
      /* joined is this call's */
      sqlite3_clear_bindings (s);
    }

  s = w->stmts[UPDATE_MEMBER];
  sqlite3_bind_int64 (s, 1, person_id);
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
  if (!dl_import_step_done (db, s, _("Could not update a member"), error))
    return FALSE;
  sqlite3_clear_bindings (s);
  return TRUE;
}

/* New people from this many on set the search index's triggers aside
 * (dropping and making them again costs a schema change) */
#define PAUSE_SEARCH_FROM 1000

/* New members first, numbered and inserted in member-number order: each
 * insert then lands at the end of the person table, the member table
 * and the member-number index, instead of somewhere inside them (a
 * million rows went in 1.6 times faster so).  Sponsors need not come
 * first, since all the ids are known before the first insert and
 * nothing on this connection checks a sponsor_id on insert.
 *
 * Then the members already there, in the order of their people; then
 * their sponsors, in the validator's order (sponsors before recruits):
 * a changed sponsor is checked for loops against the chain above it,
 * which by then is the file's. */
static gboolean
write_rows (Writer                *w,
            const DlImportResult  *result,
            DlImportFound         *found,
            GArray                *outside,
            GCancellable          *cancellable,
            DlImportProgressFunc   progress,
            gpointer               progress_data,
            GError               **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) triggers = NULL;
  g_autofree gint64 *person = NULL;
  g_autofree guint *order = NULL;
  guint n_order = 0;
  sqlite3 *db = w->db;
  const DlImportRow *rows = (const DlImportRow *) (gpointer) result->rows->data;
  gint64 user_id = dl_import_read_user_id (db);
  gint64 unknown_sponsor = result->policy == DL_UNKNOWN_SPONSOR_USER ? user_id : 0;
  gint64 first_new_id = read_max_person_id (db);
  guint n = result->rows->len;
  guint done = 0;

  /* the person of each row: one already there (as the plan found it,
   * the number it gains with its country too), or the next free id */
  person = g_new (gint64, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    person[i] = found[i].person_id;
  fresh = new_rows_by_number (result, person);
  for (guint i = 0; i < fresh->len; i++)
    person[(const DlImportRow *) fresh->pdata[i] - rows] = first_new_id + 1 + i;

  /* the search index's triggers for new people set aside while they go
   * in: a trigger's run a row, for nothing, was 2.7 s of a million */
  if (fresh->len >= PAUSE_SEARCH_FROM &&
      (triggers = dl_store_search_pause_for_new_people (db, first_new_id + 1, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < fresh->len; i++, done++)
    {
      const DlImportRow *row = fresh->pdata[i];
      Pending *pending;

      if (!report_progress (done, n, cancellable, progress, progress_data, error))
        return FALSE;

      pending = &w->pending[w->n_pending++];
      pending->row = row;
      pending->person_id = first_new_id + 1 + i;
      pending->sponsor_id = sponsor_of (result, (guint) (row - rows), person, outside, unknown_sponsor);
      if (w->n_pending == BATCH_ROWS && !writer_flush (w, error))
        return FALSE;
    }
  if (!writer_flush (w, error))
    return FALSE;
  for (guint i = 0; triggers != NULL && i < triggers->len; i++)
    if (!dl_import_exec (db, triggers->pdata[i], error))
      return FALSE;

  /* The members already there, in the order of their people: the
   * order of the person and member tables, whose pages are then read
   * and changed once each, not all over both tables in the sponsors'
   * order, coming back from the log once the cache is full. */
  order = rows_by_person (person, n, first_new_id, &n_order);
  /* A statement that would change nothing is not run: a person's
   * details, a join date and a sponsor stay for nearly everyone, month
   * to month (a statement each was two seconds of a million-member
   * re-import).  The plan found them as they are.  A member on several
   * rows is written as before, each row as it comes: their sponsor now
   * is not known (-1) once a row before may have changed it. */
  for (guint k = 0; k < n_order; k++)
    {
      guint i = order[k];
      gboolean alone = (k == 0 || person[order[k - 1]] != person[i]) &&
                       (k + 1 == n_order || person[order[k + 1]] != person[i]);

      if (!alone)
        found[i].sponsor_id = -1;
      if (!report_progress (done++, n, cancellable, progress, progress_data, error) ||
          !update_row (w, &rows[i], person[i], found[i].claimed, alone && found[i].person_stays,
                       alone ? &found[i].joined_on : NULL, error))
        return FALSE;
    }

  /* Then their sponsors, in the validator's order (sponsors before
   * recruits): a changed sponsor is checked for loops against the chain
   * above it, which by then is the file's.  The user stays the root; an
   * unknown sponsor keeps the one set, and so does a file with no
   * enroller column.  A sponsor that stays (nearly all, month to
   * month) is not written: a statement each was a second of a
   * million-member re-import. */
  for (guint i = 0; i < n; i++)
    {
      const DlImportRow *row = &rows[i];
      gint64 sponsor_id;
      sqlite3_stmt *s;
      int rc;

      if (person[i] > first_new_id || person[i] == user_id || row->sponsor_unknown ||
          row->enroller_from_placement || *row->sponsor_number == '\0')
        continue;
      sponsor_id = sponsor_of (result, i, person, outside, unknown_sponsor);
      if (sponsor_id == 0 || sponsor_id == found[i].sponsor_id)
        continue;

      s = w->stmts[UPDATE_SPONSOR];
      sqlite3_bind_int64 (s, 1, person[i]);
      sqlite3_bind_int64 (s, 2, sponsor_id);
      rc = sqlite3_step (s);
      sqlite3_reset (s);
      /* the message only when it is needed: a million rows formatted
       * a million of them */
      if (rc != SQLITE_DONE)
        {
          g_autofree char *what = g_strdup_printf (_("Line %u: could not change the sponsor of %s"),
                                                   row->line, row->member_number);

          dl_import_set_db_error (db, error, what);
          return FALSE;
        }
    }

  if (result->has_placement && !write_placements (w, result, person, outside, error))
    return FALSE;

  if (progress != NULL)
    progress (n, n, progress_data);

  w->person = g_steal_pointer (&person);
  return TRUE;
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
  sqlite3_stmt *stmt;
  gint64 n_members = 0;

  if (n_rows < REBUILD_INDEXES_FROM)
    return g_ptr_array_new_with_free_func (g_free);

  stmt = dl_import_prepare (db, "SELECT count(*) FROM member", error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n_members = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if ((gint64) n_rows < 2 * n_members)
    return g_ptr_array_new_with_free_func (g_free);

  return dl_store_set_schema_aside (db, "type = 'index' AND tbl_name IN ('person', 'member')", error);
}

gboolean
dl_import_on_connection (DlStore               *store,
                         const char            *path,
                         const DlImportResult  *result,
                         GCancellable          *cancellable,
                         DlImportProgressFunc   progress,
                         gpointer               progress_data,
                         DlImportKept          *kept,
                         DlImportPlan         **plan_out,
                         GError               **error)
{
  g_autofree Writer *w = g_new0 (Writer, 1);
  g_autoptr(DlImportPlan) plan = NULL;
  g_autofree DlImportFound *found = NULL;
  g_autoptr(GArray) outside = g_array_new (FALSE, FALSE, sizeof (DlImportOutside));
  g_autofree char *stamp = dl_store_now_stamp ();
  g_autoptr(GPtrArray) indexes = NULL;
  gboolean ok = FALSE;
  gint64 step = g_get_monotonic_time ();

  *kept = (DlImportKept) { 0, };
  w->db = dl_import_open_connection (path, error);
  if (w->db == NULL)
    return FALSE;
  w->stamp = stamp;
  dl_day_format_iso (dl_day_today (), w->today);
  w->has_highest_rank = result->has_highest_rank;

  /* The log a previous import left, if the store has not written since:
   * copied now, so imports in a row do not pile up in it.  Cheap when
   * it is short; never waits for readers.  Not while the file's
   * integrity check runs: it writes to the file, and nothing may be
   * written to one the check could yet find damaged. */
  if (dl_store_is_verified (store))
    sqlite3_wal_checkpoint_v2 (w->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  /* A statement that adds many rows keeps a journal of the pages it
   * changes, to undo itself alone on an error; it is cheap in memory and
   * slow once it spills to a temporary file.  The pager decides where
   * when the transaction begins, so: in memory for the transaction, and
   * back to files before building the indexes, whose sort is faster
   * with them (and may use a helper thread). */
  dl_import_exec (w->db, "PRAGMA temp_store = MEMORY", NULL);
  if (!dl_import_exec (w->db, "BEGIN IMMEDIATE", error))
    goto out;
  dl_import_exec (w->db, "PRAGMA temp_store = DEFAULT", NULL);
  /* read inside the transaction: no month can come in between */
  w->latest = dl_import_is_latest_period (w->db, result->period);

  /* The plan, on the members as this transaction has them: what the
   * import changes, and for the writer what each row is now (which
   * member, and whether their details, join date and sponsor stay).
   * Its read of the members is the writer's only one, with the indexes
   * still there; the members read are freed before the first row is
   * written, what it found of the rows once they are.  A plan no one
   * reads is counts alone, let go at once. */
  found = g_new (DlImportFound, MAX (result->rows->len, 1));
  dl_import_exec (w->db, "PRAGMA cache_size = " DL_IMPORT_PLAN_CACHE_SIZE ";", NULL);
  plan = dl_import_plan_on_connection (w->db, result, found, outside, plan_out != NULL, error);
  dl_import_exec (w->db, "PRAGMA cache_size = " DL_IMPORT_CACHE_SIZE ";", NULL);
  if (plan == NULL)
    goto rollback;
  if (plan_out == NULL)
    g_clear_pointer (&plan, dl_import_plan_free);
  /* a cancel pressed while it read (two seconds at a million) */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;
  g_debug ("import: planned in %.2f s", (g_get_monotonic_time () - step) / 1e6);
  step = g_get_monotonic_time ();

  /* The file's integrity check, begun as it was opened, may still run
   * for a large one (three seconds of reading at a million members):
   * the plan's reads went alongside it, the first write waits for it,
   * and nothing is written to a file it finds damaged. */
  if (!dl_store_check_writable (store, error))
    goto rollback;
  g_debug ("import: waited for the integrity check %.2f s", (g_get_monotonic_time () - step) / 1e6);
  step = g_get_monotonic_time ();

  indexes = drop_indexes (w->db, result->rows->len, error);
  if (indexes == NULL)
    goto rollback;

  for (guint k = 0; k < INSERT_PERSONS; k++)
    if ((w->stmts[k] = dl_import_prepare (w->db, writer_sql[k], error)) == NULL)
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

  if (!write_rows (w, result, found, outside, cancellable, progress, progress_data, error))
    goto rollback;
  g_clear_pointer (&found, g_free);
  /* where an import's time goes, with G_MESSAGES_DEBUG=dl-store */
  g_debug ("import: %u rows written in %.2f s", result->rows->len, (g_get_monotonic_time () - step) / 1e6);
  step = g_get_monotonic_time ();

  /* The sort of each index build runs in one piece in memory when the
   * cache is big, on one core.  With a small cache it sorts 4 MB runs,
   * each on a helper thread while this one reads on, and merges them:
   * about twice as fast on two cores (3.6 s instead of 7 s for a
   * million members). */
  if (indexes->len > 0)
    dl_import_exec (w->db, "PRAGMA threads = 1; PRAGMA cache_size = -4096;", NULL);
  for (guint i = 0; i < indexes->len; i++)
    if (!dl_import_exec (w->db, indexes->pdata[i], error))
      goto rollback;
  g_debug ("import: %u indexes built in %.2f s", indexes->len, (g_get_monotonic_time () - step) / 1e6);
  step = g_get_monotonic_time ();

  /* the month the rows carry, with its events, in the same transaction:
   * the members and their month go in together or not at all.  The
   * months are read in order and the new one is written at the end of
   * its table, so a quarter of the rows' cache serves them as well (the
   * same time at a million members, alternated): the rest, dirty pages
   * of the members, is written out to the log as the months' arrays
   * come, where it was the import's peak (380 MiB of a re-import at a
   * million, 362 MiB with it).  The file is not mapped for reading the
   * months before, as it was: the mapped pages counted in the import's
   * peak memory, for no processor time saved that the bench could
   * tell. */
  dl_import_exec (w->db, "PRAGMA cache_size = " DL_IMPORT_MONTHS_CACHE_SIZE ";", NULL);
#ifdef __GLIBC__
  /* the numbers the rows were matched by, freed in many small blocks
   * that glibc would keep under the months' arrays */
  malloc_trim (0);
#endif
  if (!dl_store_save_import_months (w->db, result, w->person, &kept->n_figures, &kept->n_past_months, error))
    goto rollback;
  g_debug ("import: the months' figures and events written in %.2f s", (g_get_monotonic_time () - step) / 1e6);
  step = g_get_monotonic_time ();

  /* the last chance to cancel: after this nothing is undone */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  writer_clear (w);
  ok = dl_import_exec (w->db, "COMMIT", error);
  g_debug ("import: committed in %.2f s", (g_get_monotonic_time () - step) / 1e6);
  if (ok)
    {
      if (plan_out != NULL)
        *plan_out = g_steal_pointer (&plan);
      goto out;
    }

rollback:
  writer_clear (w);
  sqlite3_exec (w->db, "ROLLBACK", NULL, NULL, NULL);

out:
  g_free (w->person);
  if (ok)
    {
      /* The log now holds the whole import (330 MB for a million
       * members): folded into the file here it was 0.8 s more of the
       * person's wait, and left to the store, a second on the window's
       * thread at its next commit.  So on a thread of its own, with the
       * cache's pages, all clean after the commit, given back first. */
      sqlite3_db_release_memory (w->db);
      dl_store_checkpoint_and_close_later (w->db, path);
    }
  else
    sqlite3_close (w->db);
#ifdef __GLIBC__
  /* The cache's pages and the writer's tables were many small blocks
   * among others that stay: glibc keeps such memory for the process
   * rather than give it back, and the next import's big arrays come
   * on top of it (150 MB more at the second month of a million). */
  malloc_trim (0);
#endif
  return ok;
}

/* dl-store-tree.c — the downline read whole into a DlTree: now or as a
 * month had it, on the store's connection or in a worker, and the last
 * tree read kept while nothing it shows has changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

static inline guint8
parse_status (const char *s)
{
  /* The CHECK constraint allows three words; their first letters differ. */
  switch (s ? s[0] : 'a')
    {
    case 'i':
      return DL_MEMBER_INACTIVE;
    case 'd':
      return DL_MEMBER_DROPPED;
    default:
      return DL_MEMBER_ACTIVE;
    }
}

/* The user's person id (the root) and the number of members. */
static int
read_root (sqlite3 *db,
           gint64  *root_id,
           guint   *count)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT (SELECT person_id FROM profile WHERE id = 1), "
                           "(SELECT count(*) FROM member)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *root_id = sqlite3_column_int64 (stmt, 0);
      *count = sqlite3_column_int (stmt, 1);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* The risk signals of the two latest months with figures up to period
 * (DL_PERIOD_NONE: the latest): member id → DlRiskSignal bits, only for
 * members with such an event (NULL when none has).  A database of an
 * older schema (read before migration) simply has none. */
static GHashTable *
read_signals (sqlite3  *db,
              DlPeriod  period)
{
  GHashTable *signals = NULL;
  sqlite3_stmt *stmt = NULL;
  char month[8] = "9999-12";

  if (period != DL_PERIOD_NONE)
    dl_period_format (period, month);
  if (sqlite3_prepare_v2 (db,
                          "WITH latest (p) AS (SELECT max (period) FROM period_figures WHERE period <= ?1) "
                          "SELECT e.member_id, e.type FROM event e, latest "
                          "WHERE e.period IN (latest.p, "
                          "  (SELECT max (period) FROM period_figures, latest WHERE period < latest.p))",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int type = dl_event_type_from_string ((const char *) sqlite3_column_text (stmt, 1));
      guint8 bit = type >= 0 ? dl_risk_signal_for_event ((DlEventType) type) : 0;
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gpointer old;

      if (bit == 0)
        continue;
      if (signals == NULL)
        signals = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      old = g_hash_table_lookup (signals, &id);
      if (old == NULL)
        g_hash_table_insert (signals, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (bit));
      else
        g_hash_table_insert (signals, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) | bit));
    }
  sqlite3_finalize (stmt);

  return signals;
}

/* How the tree reads as of an imported month: who had joined by its
 * end, and what was known then.  period DL_PERIOD_NONE is now. */
typedef struct
{
  DlPeriod  period;
  DlDay     end;             /* the month's last day */
  char      month[8];        /* "YYYY-MM" */
  char      end_iso[11];     /* the last day, "YYYY-MM-DD" */
  char      after_iso[11];   /* the day after: contacts stamped before it */
} AsOf;

static void
as_of_init (AsOf     *as_of,
            DlPeriod  period)
{
  g_autofree char *end = NULL;
  g_autofree char *after = NULL;

  memset (as_of, 0, sizeof *as_of);
  as_of->period = period;
  as_of->end = DL_DAY_NONE;
  if (period == DL_PERIOD_NONE)
    return;
  as_of->end = dl_period_last_day (period);
  dl_period_format (period, as_of->month);
  end = dl_day_to_iso (as_of->end);
  after = dl_day_to_iso (as_of->end + 1);
  g_strlcpy (as_of->end_iso, end, sizeof as_of->end_iso);
  g_strlcpy (as_of->after_iso, after, sizeof as_of->after_iso);
}

/* The members a query reads: person ids lo to hi, both included. */
typedef struct
{
  gint64 lo;
  gint64 hi;
} Range;

static const Range every_member = { G_MININT64, G_MAXINT64 };

/* The tree's query: every member in person-id order (member's rowid),
 * with the latest import's autoship.  As of an older month, the last
 * contact is the last one logged by that month's end, and the member's
 * own autoship (the latest export's) is left to that month's figures.
 * A file of an older schema (a backup read before migration) has no
 * figures, and reads them as not known. */
static int
prepare_members (sqlite3       *db,
                 DlTreeKind     kind,
                 const AsOf    *as_of,
                 const Range   *range,
                 sqlite3_stmt **stmt)
{
  /* The placement tree: where the company placed each member, and
   * under their enroller where no export said. */
  gboolean placement = kind == DL_TREE_KIND_PLACEMENT;
  gboolean past = as_of->period != DL_PERIOD_NONE;
  g_autofree char *current =
    g_strdup_printf ("SELECT m.person_id, %s, p.first_name, p.last_name, "
                     "m.status, m.role, m.joined_on, m.status_since, m.last_activity, "
                     "%s, m.snoozed_until, m.cadence_days, m.rank, %s "
                     "FROM member AS m JOIN person AS p ON p.id = m.person_id%s "
                     "WHERE m.person_id BETWEEN ?2 AND ?3 ORDER BY m.person_id",
                     placement ? "coalesce (pl.parent_id, m.sponsor_id)" : "m.sponsor_id",
                     /* never contacted (NULL) needs no look either */
                     past ? "CASE WHEN p.last_contact_at IS NULL OR p.last_contact_at < ?1 THEN p.last_contact_at "
                            "ELSE (SELECT max (at) FROM interaction AS i "
                            "      WHERE i.person_id = p.id AND i.kind <> 'note' AND i.at < ?1) END"
                          : "p.last_contact_at",
                     past ? "NULL" : "m.autoship",
                     placement ? " LEFT JOIN placement AS pl ON pl.member_id = m.person_id" : "");
  const char *const sql[] = {
    current,
    "SELECT m.person_id, m.sponsor_id, p.first_name, p.last_name, "
    "m.status, m.role, m.joined_on, m.status_since, m.last_activity, "
    "p.last_contact_at, m.snoozed_until, m.cadence_days, m.rank, NULL "
    "FROM member AS m JOIN person AS p ON p.id = m.person_id "
    "WHERE m.person_id BETWEEN ?2 AND ?3 ORDER BY m.person_id",
  };
  int rc = SQLITE_ERROR;

  /* only "no such table" and its kin, never a busy or damaged file */
  for (guint k = 0; k < G_N_ELEMENTS (sql) && rc == SQLITE_ERROR; k++)
    {
      sqlite3_finalize (*stmt);
      *stmt = NULL;
      rc = sqlite3_prepare_v2 (db, sql[k], -1, stmt, NULL);
    }
  /* (the older schema's query has no ?1: bound all the same, unused) */
  if (rc == SQLITE_OK && past)
    sqlite3_bind_text (*stmt, 1, as_of->after_iso, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (*stmt, 2, range->lo);
      sqlite3_bind_int64 (*stmt, 3, range->hi);
    }
  return rc;
}

/* The month's figures: the file's latest period (max (period)) or the
 * one asked for, not each member's own last row, so a member missing
 * from that export has no PV that month.  In member order, from the
 * index that holds them (schema 6), to walk beside the members.  NULL
 * for a file without figures. */
static sqlite3_stmt *
prepare_figures (sqlite3     *db,
                 const AsOf  *as_of,
                 const Range *range)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          /* the status only as of an older month: the
                           * latest month's reads from the index alone */
                          as_of->period == DL_PERIOD_NONE
                          ? "SELECT member_id, autoship, pv, NULL FROM period_figures "
                            "WHERE period = (SELECT max (period) FROM period_figures) "
                            "AND member_id BETWEEN ?2 AND ?3 ORDER BY member_id"
                          : "SELECT member_id, autoship, pv, status, paid_rank FROM period_figures "
                            "WHERE period = ?1 AND member_id BETWEEN ?2 AND ?3 ORDER BY member_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (as_of->period != DL_PERIOD_NONE)
    sqlite3_bind_text (stmt, 1, as_of->month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, range->lo);
  sqlite3_bind_int64 (stmt, 3, range->hi);
  return stmt;
}

/* The member as of the month's end, with figures the month's row
 * (NULL when that export did not list them); FALSE for someone who had
 * not joined yet.  What only the present knows goes: a status set after
 * the month (the export's status for it instead), a snooze, activity
 * reported later (the month's volume says whether they ordered). */
static gboolean
as_of_member (const AsOf    *as_of,
              DlTreeNode    *row,
              gint64         root_id,
              sqlite3_stmt  *figures,
              DlTreeBuilder *builder)
{
  gboolean listed = figures != NULL;

  if (row->person_id != root_id && !listed
      && row->joined_on != DL_DAY_NONE && row->joined_on > as_of->end)
    return FALSE;

  /* listed in a month they had not joined by: the join day is not
   * known then (an import without join dates writes the day of the
   * import), not a day after the month */
  if (row->joined_on != DL_DAY_NONE && row->joined_on > as_of->end)
    row->joined_on = DL_DAY_NONE;
  /* the rank they were paid as that month, not one reached since */
  if (listed && sqlite3_column_type (figures, 4) != SQLITE_NULL)
    row->rank = dl_tree_builder_intern_rank (builder, (const char *) sqlite3_column_text (figures, 4));
  if (listed && sqlite3_column_type (figures, 3) != SQLITE_NULL)
    {
      DlDay since = row->status_since;

      row->status = parse_status ((const char *) sqlite3_column_text (figures, 3));
      row->status_since = since != DL_DAY_NONE && since <= as_of->end ? since : DL_DAY_NONE;
    }
  else if (row->status_since != DL_DAY_NONE && row->status_since > as_of->end)
    {
      /* changed since; before, as far as anyone knows, they were active */
      row->status = DL_MEMBER_ACTIVE;
      row->status_since = DL_DAY_NONE;
    }
  if (row->last_activity != DL_DAY_NONE && row->last_activity > as_of->end)
    row->last_activity = row->has_pv && row->pv > 0 ? as_of->end : DL_DAY_NONE;
  row->snoozed_until = DL_DAY_NONE;
  return TRUE;
}

/* The day the month's volume says its members last ordered by: the
 * month's last day, or the day its export came in when that was before
 * the month was over; DL_DAY_NONE without figures.  A member with PV
 * that month was active then, whatever the file's last-order column
 * (often absent) says: without it, a whole imported business read as
 * inactive and idle since joining. */
static DlDay
month_ordered_by (sqlite3    *db,
                  const AsOf *as_of)
{
  sqlite3_stmt *stmt = NULL;
  DlDay day = DL_DAY_NONE;

  if (as_of->period != DL_PERIOD_NONE)
    return as_of->end;

  if (sqlite3_prepare_v2 (db,
                          "SELECT p, (SELECT min (substr (imported_at, 1, 10)) FROM snapshot WHERE period = p) "
                          "FROM (SELECT max (period) AS p FROM period_figures)",
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    {
      DlPeriod period = dl_period_parse ((const char *) sqlite3_column_text (stmt, 0));
      DlDay imported = dl_store_column_day (stmt, 1);

      if (period != DL_PERIOD_NONE)
        {
          day = dl_period_last_day (period);
          if (imported != DL_DAY_NONE && imported < day)
            day = imported;
        }
    }
  sqlite3_finalize (stmt);
  return day;
}

/* One pass over member JOIN person in member's rowid order, so SQLite
 * walks both tables forward.  No allocation per row: the name is joined
 * into one reused buffer that the builder copies.  (Reading on a second
 * thread while this one feeds the builder was tried: the query is the
 * slow half, so it gained nothing measurable.) */
static int
read_members (sqlite3       *db,
              DlTreeKind     kind,
              const AsOf    *as_of,
              const Range   *range,
              gint64         root_id,
              DlTreeBuilder *builder,
              GHashTable    *signals)
{
  g_autoptr(GString) name = g_string_sized_new (128);
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *figures = NULL;
  gint64 figure_id;
  DlDay ordered_by;
  int rc;

  rc = prepare_members (db, kind, as_of, range, &stmt);
  if (rc != SQLITE_OK)
    return rc;
  ordered_by = month_ordered_by (db, as_of);
  figures = prepare_figures (db, as_of, range);
  figure_id = figures != NULL && sqlite3_step (figures) == SQLITE_ROW
              ? sqlite3_column_int64 (figures, 0) : G_MAXINT64;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 2);
      int first_len = sqlite3_column_bytes (stmt, 2);
      const char *last = (const char *) sqlite3_column_text (stmt, 3);
      int last_len = sqlite3_column_bytes (stmt, 3);
      const char *role = (const char *) sqlite3_column_text (stmt, 5);
      DlTreeNode row = { 0, };

      g_string_truncate (name, 0);
      if (first_len > 0)
        g_string_append_len (name, first, first_len);
      if (first_len > 0 && last_len > 0)
        g_string_append_c (name, ' ');
      if (last_len > 0)
        g_string_append_len (name, last, last_len);

      row.person_id = sqlite3_column_int64 (stmt, 0);
      row.sponsor_id = sqlite3_column_int64 (stmt, 1);
      row.name = name->str;
      row.status = parse_status ((const char *) sqlite3_column_text (stmt, 4));
      row.role = role != NULL && role[0] == 'c' ? DL_ROLE_CUSTOMER : DL_ROLE_DISTRIBUTOR;
      row.joined_on = dl_store_column_day (stmt, 6);
      row.status_since = dl_store_column_day (stmt, 7);
      row.last_activity = dl_store_column_day (stmt, 8);
      row.last_contact = dl_store_column_day (stmt, 9);
      row.snoozed_until = dl_store_column_day (stmt, 10);
      row.cadence_override = CLAMP (sqlite3_column_int (stmt, 11), 0, G_MAXUINT16);
      row.rank = dl_tree_builder_intern_rank (builder, (const char *) sqlite3_column_text (stmt, 12));
      if (signals != NULL)
        row.signals = (guint8) GPOINTER_TO_UINT (g_hash_table_lookup (signals, &row.person_id));
      /* the latest month's figures, walked beside the members (both in
       * person-id order) */
      while (figure_id < row.person_id)
        figure_id = sqlite3_step (figures) == SQLITE_ROW ? sqlite3_column_int64 (figures, 0) : G_MAXINT64;
      /* what the latest import says of the member, else that month's figures */
      if (sqlite3_column_type (stmt, 13) != SQLITE_NULL)
        row.autoship = sqlite3_column_int (stmt, 13) ? DL_AUTOSHIP_ON : DL_AUTOSHIP_OFF;
      else if (figure_id == row.person_id && sqlite3_column_type (figures, 1) != SQLITE_NULL)
        row.autoship = sqlite3_column_int (figures, 1) ? DL_AUTOSHIP_ON : DL_AUTOSHIP_OFF;
      if (figure_id == row.person_id && sqlite3_column_type (figures, 2) != SQLITE_NULL)
        {
          double pv = sqlite3_column_double (figures, 2);

          row.has_pv = TRUE;
          row.pv = pv <= 0 ? 0 : pv < 1 ? 1 : (guint16) MIN (pv, G_MAXUINT16);
        }
      if (as_of->period != DL_PERIOD_NONE && !as_of_member (as_of, &row, root_id,
                                                            figure_id == row.person_id ? figures : NULL,
                                                            builder))
        continue;
      /* volume that month is an order that month */
      if (row.has_pv && row.pv > 0 && ordered_by != DL_DAY_NONE
          && (row.last_activity == DL_DAY_NONE || row.last_activity < ordered_by))
        row.last_activity = ordered_by;

      dl_tree_builder_add (builder, &row);
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (figures);

  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A million members are read in two halves, each on its own connection
 * and thread: SQLite's steps are most of the read, and a desktop has
 * cores to spare while the window is being built.  Smaller trees are
 * read whole: the second connection and thread cost more than they
 * save. */
static guint split_min_members = 200000;
/* The members of the last tree read (-1 before the first): a
 * file too small to split opens no second connection for each read. */
static gint last_members = -1;   /* atomic: reads run on several threads */
static gint halves_read;
static void (*split_hook) (gpointer data);
static gpointer split_hook_data;

void
dl_store_set_tree_split_min (guint members)
{
  split_min_members = members;
}

void
dl_store_set_tree_split_hook (void     (*hook) (gpointer data),
                              gpointer   data)
{
  split_hook = hook;
  split_hook_data = data;
}

guint
dl_store_get_tree_halves_read (void)
{
  return (guint) g_atomic_int_get (&halves_read);
}

/* Tree reads under way, in any thread, and how many ever began.  The
 * background integrity check waits for them (dl_store_wait_for_tree_reads
 * ()): a person waits for the tree, nobody for the check, and on two
 * cores the check's reading took the core the tree's second half
 * needed. */
static GMutex reads_mutex;
static GCond reads_cond;
static guint reads_running;
static guint reads_begun;

static void
reads_begin (void)
{
  g_mutex_lock (&reads_mutex);
  reads_running++;
  reads_begun++;
  g_cond_broadcast (&reads_cond);
  g_mutex_unlock (&reads_mutex);
}

static void
reads_end (void)
{
  g_mutex_lock (&reads_mutex);
  if (--reads_running == 0)
    g_cond_broadcast (&reads_cond);
  g_mutex_unlock (&reads_mutex);
}

guint
dl_store_get_tree_reads_begun (void)
{
  guint begun;

  g_mutex_lock (&reads_mutex);
  begun = reads_begun;
  g_mutex_unlock (&reads_mutex);
  return begun;
}

gboolean
dl_store_wait_for_tree_reads (guint  begun,
                              gint64 first_by,
                              gint64 until)
{
  gboolean none;

  g_mutex_lock (&reads_mutex);
  /* one is on its way (the window's first, as a file opens)... */
  while (reads_begun == begun && reads_running == 0
         && g_cond_wait_until (&reads_cond, &reads_mutex, MIN (first_by, until)))
    ;
  /* ...and then none may run */
  while (reads_running > 0 && g_cond_wait_until (&reads_cond, &reads_mutex, until))
    ;
  none = reads_running == 0 && (reads_begun != begun || g_get_monotonic_time () >= first_by);
  g_mutex_unlock (&reads_mutex);
  return none;
}

/* The data version of db, or -1: it moves when another connection has
 * committed since db last looked (PRAGMA data_version). */
static gint64
data_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* What tells one file (and one state of it) from another, cheaply: the
 * lowest and highest member and the number of pages. */
typedef struct
{
  gint64 lo;
  gint64 hi;
  gint64 pages;
} Extent;

static gboolean
read_extent (sqlite3 *db,
             Extent  *extent)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db,
                          /* each its own query: min () and max () together in
                           * one would scan the whole table */
                          "SELECT (SELECT min (person_id) FROM member), "
                          "(SELECT max (person_id) FROM member), "
                          "(SELECT page_count FROM pragma_page_count ())",
                          -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      extent->lo = sqlite3_column_int64 (stmt, 0);
      extent->hi = sqlite3_column_int64 (stmt, 1);
      extent->pages = sqlite3_column_int64 (stmt, 2);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* The second reader, for the upper half of the members, in the same
 * snapshot as db's read transaction, which saw extent; NULL when it
 * cannot be (the tree is then read whole).  version is what the
 * reader's data version was before db's transaction began: unchanged
 * once the reader's own has begun, nothing was committed in between,
 * and both read the same.  The extent tells a file put in the path's
 * place meanwhile (a restore) from db's. */
static sqlite3 *
begin_second_reader (sqlite3      *second,
                     gint64        version,
                     const Extent *extent)
{
  Extent seen;

  if (split_hook != NULL)
    split_hook (split_hook_data);

  if (sqlite3_exec (second, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      sqlite3_close (second);
      return NULL;
    }
  if (version < 0 || data_version (second) != version
      || !read_extent (second, &seen) || memcmp (&seen, extent, sizeof seen) != 0)
    {
      g_debug ("A commit came while the tree's read began: read whole");
      sqlite3_exec (second, "COMMIT", NULL, NULL, NULL);
      sqlite3_close (second);
      return NULL;
    }
  return second;
}

/* The upper half, read on its own thread. */
typedef struct
{
  sqlite3       *db;
  DlTreeKind     kind;
  const AsOf    *as_of;
  Range          range;
  gint64         root_id;
  GHashTable    *signals;
  DlTreeBuilder *builder;
  int            rc;
} Half;

static gpointer
read_half_thread (gpointer data)
{
  Half *half = data;

  half->rc = read_members (half->db, half->kind, half->as_of, &half->range, half->root_id,
                           half->builder, half->signals);
  g_atomic_int_inc (&halves_read);
  return NULL;
}

/* Reads the tree from db in one read transaction, so the root, the count
 * and the rows agree; inside a caller's transaction, in that one.  A big
 * tree in its own transaction is read in two halves (see
 * split_min_members), the upper one on a second connection to path in
 * the same snapshot.  Only a connection with no read open can say that
 * BEGIN takes a new snapshot: a statement left stepped keeps an older
 * one, and the halves would differ. */
static DlTree *
read_tree (sqlite3     *db,
           const char  *path,
           DlTreeKind   kind,
           DlPeriod     period,
           DlDay        started_on,
           gboolean     own_transaction,
           GError     **error)
{
  AsOf as_of;
  g_autoptr(DlTreeBuilder) builder = NULL;
  g_autoptr(GHashTable) signals = NULL;
  g_autoptr(DlTree) tree = NULL;
  sqlite3 *second = NULL;
  sqlite3 *failed = db;
  gint64 second_version = -1;
  Extent extent = { 0, };
  DlRiskModel model;
  gboolean have_model = FALSE;
  gint64 root_id = 0;
  guint count = 0;
  int rc;

  if (own_transaction && path != NULL && (guint) g_atomic_int_get (&last_members) >= split_min_members
      && sqlite3_get_autocommit (db) && sqlite3_txn_state (db, NULL) == SQLITE_TXN_NONE
      && (second = dl_store_open_reader (path, NULL)) != NULL)
    second_version = data_version (second);

  if (own_transaction && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    own_transaction = FALSE;

  rc = read_root (db, &root_id, &count);
  if (rc == SQLITE_OK)
    g_atomic_int_set (&last_members, (gint) MIN (count, (guint) G_MAXINT));
  if (second != NULL && (rc != SQLITE_OK || !own_transaction || count < split_min_members
                         || !read_extent (db, &extent) || extent.hi <= extent.lo))
    g_clear_pointer (&second, sqlite3_close);
  if (second != NULL)
    second = begin_second_reader (second, second_version, &extent);
  if (rc == SQLITE_OK)
    {
      Half half = { NULL, };
      GThread *thread = NULL;
      Range lower = every_member;

      as_of_init (&as_of, period);
      signals = read_signals (db, period);
      have_model = dl_store_read_risk_model (db, &model);
      builder = dl_tree_builder_new (count);
      if (second != NULL)
        {
          /* the middle of the members' ids (handed out in turn, so about
           * half the members are on each side) */
          lower.hi = extent.lo + (gint64) (((guint64) extent.hi - (guint64) extent.lo) / 2);
          half = (Half) {
            .db = second,
            .kind = kind,
            .as_of = &as_of,
            .range = { lower.hi + 1, G_MAXINT64 },
            .root_id = root_id,
            .signals = signals,
            .builder = dl_tree_builder_new (count / 2 + 1),
          };
          thread = g_thread_new ("dl-tree-half", read_half_thread, &half);
        }
      rc = read_members (db, kind, &as_of, &lower, root_id, builder, signals);
      if (thread != NULL)
        {
          /* the other half is of no use without this one */
          if (rc != SQLITE_OK)
            sqlite3_interrupt (second);
          g_thread_join (thread);
          if (rc == SQLITE_OK && half.rc != SQLITE_OK)
            {
              rc = half.rc;
              failed = second;
            }
          if (rc == SQLITE_OK)
            dl_tree_builder_take (builder, half.builder);
          dl_tree_builder_free (half.builder);
        }
    }

  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, DL_STORE_ERROR,
                   (rc & 0xff) == SQLITE_CORRUPT ? DL_STORE_ERROR_DAMAGED
                   : (rc & 0xff) == SQLITE_BUSY ? DL_STORE_ERROR_BUSY : DL_STORE_ERROR_FAILED,
                   _("The downline could not be read from “%s”: %s"),
                   display, sqlite3_errmsg (failed));
    }

  if (second != NULL)
    {
      sqlite3_exec (second, "COMMIT", NULL, NULL, NULL);
      sqlite3_close (second);
    }
  if (own_transaction)
    sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return NULL;

  tree = dl_tree_builder_finish (builder, root_id, error);
  if (tree != NULL && have_model && model.kind == DL_RISK_MODEL_LEARNED)
    dl_tree_set_risk_model (tree, &model);
  if (tree != NULL)
    {
      dl_tree_set_as_of (tree, period);
      dl_tree_set_started_on (tree, started_on);
    }

  return g_steal_pointer (&tree);
}

/* Every read of a tree, counted while it runs (see reads_begin ()). */
static DlTree *
load_tree (sqlite3     *db,
           const char  *path,
           DlTreeKind   kind,
           DlPeriod     period,
           DlDay        started_on,
           gboolean     own_transaction,
           GError     **error)
{
  DlTree *tree;

  reads_begin ();
  tree = read_tree (db, path, kind, period, started_on, own_transaction, error);
  reads_end ();
  return tree;
}

DlTree *
dl_store_read_tree (sqlite3     *db,
                    const char  *path,
                    GError     **error)
{
  return load_tree (db, path, DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE, DL_DAY_NONE, TRUE, error);
}

/* The last tree read, kept while no change it could show was made: the
 * Today list, the Downline view and the members list each ask for the
 * tree, and at a million members a read takes a second. */
typedef struct _TreeJob TreeJob;

typedef struct
{
  DlTree  *tree;
  guint64  generation;
  TreeJob *reading;     /* the read of the current tree in flight, or NULL */
} TreeCache;

static void
tree_cache_free (gpointer data)
{
  TreeCache *cache = data;

  g_clear_pointer (&cache->tree, dl_tree_unref);
  g_free (cache);
}

static TreeCache *
tree_cache (DlStore *self)
{
  TreeCache *cache = g_object_get_data (G_OBJECT (self), "dl-tree-cache");

  if (cache == NULL)
    {
      cache = g_new0 (TreeCache, 1);
      g_object_set_data_full (G_OBJECT (self), "dl-tree-cache", cache, tree_cache_free);
    }

  return cache;
}

/* A reference to the kept tree if it is current, else NULL (and the
 * old one goes now rather than at the next read). */
static DlTree *
cached_tree (DlStore *self)
{
  TreeCache *cache = tree_cache (self);

  if (cache->tree != NULL && cache->generation == dl_store_get_tree_generation (self))
    return dl_tree_ref (cache->tree);

  g_clear_pointer (&cache->tree, dl_tree_unref);
  return NULL;
}

/* Keeps tree, read when the generations were generation and contacts,
 * if nothing it could show has changed since: not even a contact, which
 * the kept tree takes as a patch but a tree still being read would miss. */
static void
keep_tree (DlStore *self,
           DlTree  *tree,
           guint64  generation,
           guint64  contacts)
{
  TreeCache *cache = tree_cache (self);

  if (generation != dl_store_get_tree_generation (self)
      || contacts != dl_store_get_contact_generation (self) || cache->tree == tree)
    return;
  /* a tree of the same downline is kept already (read on the main
   * thread while this one was read in a thread): one copy is enough */
  if (cache->tree != NULL && cache->generation == generation)
    return;

  g_clear_pointer (&cache->tree, dl_tree_unref);
  cache->tree = dl_tree_ref (tree);
  cache->generation = generation;
}

DlTree *
dl_store_peek_kept_tree (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  if (dl_store_in_transaction (self))
    return NULL;
  return cached_tree (self);
}

void
dl_store_patch_kept_tree_contact (DlStore *self,
                                  gint64   person_id)
{
  TreeCache *cache = tree_cache (self);
  g_autoptr(DlStmt) stmt = NULL;
  gint64 index;

  if (cache->tree == NULL || cache->generation != dl_store_get_tree_generation (self))
    return;
  index = dl_tree_find (cache->tree, person_id);
  if (index < 0)
    return;   /* a prospect: in no tree */

  stmt = dl_store_prepare (self, "SELECT last_contact_at FROM person WHERE id = ?", NULL);
  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, person_id);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      /* cannot tell: the next reader reads the whole tree again */
      g_clear_pointer (&cache->tree, dl_tree_unref);
      return;
    }
  dl_tree_set_last_contact (cache->tree, (guint) index, dl_store_column_day (stmt, 0));
}

DlTree *
dl_store_load_tree (DlStore  *self,
                    GError  **error)
{
  guint64 generation, contacts;
  DlTree *tree;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  /* inside a transaction the tree shows its writes, not yet committed */
  if (dl_store_in_transaction (self))
    return load_tree (dl_store_get_handle (self), dl_store_get_path (self), DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE,
                      dl_store_get_started_on (self), FALSE, error);

  tree = cached_tree (self);
  if (tree != NULL)
    return tree;

  generation = dl_store_get_tree_generation (self);
  contacts = dl_store_get_contact_generation (self);
  tree = load_tree (dl_store_get_handle (self), dl_store_get_path (self), DL_TREE_KIND_ENROLLMENT, DL_PERIOD_NONE,
                    dl_store_get_started_on (self), TRUE, error);
  if (tree != NULL)
    keep_tree (self, tree, generation, contacts);

  return tree;
}

struct _TreeJob
{
  char       *path;
  DlTreeKind  kind;
  DlPeriod    period;
  DlDay       started_on;
  guint64     generation;
  guint64     contacts;
  GPtrArray  *waiters;   /* of GTask: the current tree's askers, one read for all */
};

static void
tree_job_free (gpointer data)
{
  TreeJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->waiters, g_ptr_array_unref);
  g_free (job);
}

static void
load_tree_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TreeJob *job = task_data;
  const char *path = job->path;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  DlTree *tree;

  db = dl_store_open_reader (path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_debug ("Reading the %s tree%s in a thread", job->kind == DL_TREE_KIND_ENROLLMENT ? "enrollment" : "placement",
           job->period != DL_PERIOD_NONE ? " of an older month" : "");
  /* through SQLite's small cache, the file not mapped: a mapped file
   * counts in the process's memory for every page the read touches (the
   * whole 400 MB file at a million members: a peak of 530 MiB for
   * bench-load against 200 MiB), for a read only a little faster */
  tree = load_tree (db, path, job->kind, job->period, job->started_on, TRUE, &error);
  sqlite3_close (db);

  if (tree == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, tree, (GDestroyNotify) dl_tree_unref);
}

/* The one read of the current tree ended: kept, and handed to everyone
 * who asked while it ran. */
static void
current_tree_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  DlStore *self = DL_STORE (source);
  TreeCache *cache = tree_cache (self);
  TreeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&job->waiters);

  if (cache->reading == job)
    cache->reading = NULL;
  if (tree != NULL)
    {
      g_autoptr(DlTree) kept = NULL;

      keep_tree (self, tree, job->generation, job->contacts);
      /* everyone shares the kept copy, even if another read made it */
      kept = cached_tree (self);
      if (kept != NULL && kept != tree && job->generation == tree_cache (self)->generation
          && job->contacts == dl_store_get_contact_generation (self))
        {
          dl_tree_unref (tree);
          tree = g_steal_pointer (&kept);
        }
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *waiter = g_ptr_array_index (waiters, i);

      if (tree != NULL)
        g_task_return_pointer (waiter, dl_tree_ref (tree), (GDestroyNotify) dl_tree_unref);
      else
        g_task_return_error (waiter, g_error_copy (error));
    }
}

/* The Today list, the Downline view and Insights all want the current
 * tree when a file opens or its members change: at a million members
 * each read takes a second and holds its own copy, so one read serves
 * every asker of the same generation.  Takes task and job. */
static void
read_current_tree (DlStore *self,
                   GTask   *task,
                   TreeJob *job)
{
  TreeCache *cache = tree_cache (self);
  g_autoptr(GTask) reader = NULL;

  if (cache->reading != NULL && cache->reading->generation == job->generation
      && cache->reading->contacts == job->contacts)
    {
      g_ptr_array_add (cache->reading->waiters, task);
      tree_job_free (job);
      return;
    }

  job->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (job->waiters, task);
  cache->reading = job;

  reader = g_task_new (self, NULL, current_tree_read_cb, NULL);
  g_task_set_source_tag (reader, read_current_tree);
  g_task_set_task_data (reader, job, tree_job_free);
  g_task_run_in_thread (reader, load_tree_thread);
}

void
dl_store_load_tree_async (DlStore             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  dl_store_load_tree_kind_async (self, DL_TREE_KIND_ENROLLMENT, cancellable, callback, user_data);
}

void
dl_store_load_tree_kind_async (DlStore             *self,
                               DlTreeKind           kind,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  dl_store_load_tree_as_of_async (self, kind, DL_PERIOD_NONE, cancellable, callback, user_data);
}

void
dl_store_load_tree_as_of_async (DlStore             *self,
                                DlTreeKind           kind,
                                DlPeriod             period,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TreeJob *job;
  DlTree *tree;

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (kind == DL_TREE_KIND_ENROLLMENT || kind == DL_TREE_KIND_PLACEMENT);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_store_load_tree_as_of_async);

  /* the thread reads what is committed, which the kept tree shows; only
   * the enrollment tree as it is now is kept (everything else reads it) */
  tree = kind == DL_TREE_KIND_ENROLLMENT && period == DL_PERIOD_NONE ? cached_tree (self) : NULL;
  if (tree != NULL)
    {
      g_task_return_pointer (task, tree, (GDestroyNotify) dl_tree_unref);
      return;
    }

  job = g_new0 (TreeJob, 1);
  job->path = g_strdup (dl_store_get_path (self));
  job->kind = kind;
  job->period = period;
  job->started_on = dl_store_get_started_on (self);
  job->generation = dl_store_get_tree_generation (self);
  job->contacts = dl_store_get_contact_generation (self);

  if (kind == DL_TREE_KIND_ENROLLMENT && period == DL_PERIOD_NONE)
    {
      read_current_tree (self, g_steal_pointer (&task), job);
      return;
    }

  g_task_set_task_data (task, job, tree_job_free);
  g_task_run_in_thread (task, load_tree_thread);
}

static void
tree_read_ahead_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DlTree *tree = dl_store_load_tree_finish (DL_STORE (source), result, NULL);

  /* kept by the store if still current; nothing else to do with it */
  g_clear_pointer (&tree, dl_tree_unref);
}

void
dl_store_read_tree_ahead (DlStore *self)
{
  TreeCache *cache;
  g_autoptr(DlTree) kept = NULL;

  g_return_if_fail (DL_IS_STORE (self));

  cache = tree_cache (self);
  kept = cached_tree (self);
  if (kept != NULL || dl_store_in_transaction (self)
      || (cache->reading != NULL && cache->reading->generation == dl_store_get_tree_generation (self)
          && cache->reading->contacts == dl_store_get_contact_generation (self)))
    return;
  dl_store_load_tree_async (self, NULL, tree_read_ahead_cb, NULL);
}

DlTree *
dl_store_load_tree_as_of (DlStore     *self,
                          DlTreeKind   kind,
                          DlPeriod     period,
                          GError     **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  if (kind == DL_TREE_KIND_ENROLLMENT && period == DL_PERIOD_NONE)
    return dl_store_load_tree (self, error);
  return load_tree (dl_store_get_handle (self), dl_store_get_path (self), kind, period,
                    dl_store_get_started_on (self), !dl_store_in_transaction (self), error);
}

DlTree *
dl_store_load_tree_finish (DlStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  TreeJob *job;
  DlTree *tree;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  job = g_task_get_task_data (G_TASK (result));
  tree = g_task_propagate_pointer (G_TASK (result), error);
  /* read in the thread: kept if nothing changed while it read */
  if (tree != NULL && job != NULL && job->kind == DL_TREE_KIND_ENROLLMENT && job->period == DL_PERIOD_NONE)
    keep_tree (self, tree, job->generation, job->contacts);

  return tree;
}

gboolean
dl_store_has_placement (DlStore *self)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  stmt = dl_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM placement WHERE parent_id IS NOT NULL)", NULL);
  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

gboolean
dl_store_get_placement (DlStore     *self,
                        gint64       person_id,
                        gint64      *parent_id,
                        DlSide      *side)
{
  g_autoptr(DlStmt) stmt = NULL;
  const char *word;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  stmt = dl_store_prepare (self, "SELECT parent_id, side FROM placement WHERE member_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  word = (const char *) sqlite3_column_text (stmt, 1);
  if (parent_id != NULL)
    *parent_id = sqlite3_column_int64 (stmt, 0);
  if (side != NULL)
    *side = word == NULL ? DL_SIDE_NONE : g_str_equal (word, "left") ? DL_SIDE_LEFT : DL_SIDE_RIGHT;
  return TRUE;
}

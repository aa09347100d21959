/* dl-store-import-plan.c — what an import would change, worked out
 * before anything is written: new members, moves, changed details and
 * figures, members the file no longer names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-store-import.h"
#include "dl-store-import-private.h"
#include "dl-store-private.h"

/* ------------------------------------------------------------------ */
/* The plan                                                            */

/* The members read for the plan, for dl_import_read_claims () */
typedef struct
{
  const DlImportExistingSet *existing;
  GString                   *name;
} FindExisting;

static gint64
find_existing (gpointer      data,
               const char   *number,
               const char  **name)
{
  FindExisting *find = data;
  DlImportExisting *e = dl_number_index_lookup (&find->existing->by_number, number);

  /* their name was read with them */
  if (name != NULL)
    *name = e != NULL ? dl_import_existing_name (find->existing, e, find->name) : NULL;
  return e != NULL ? e->person_id : 0;
}

void
dl_import_plan_free (DlImportPlan *plan)
{
  if (plan == NULL)
    return;

  g_ptr_array_unref (plan->changes);
  g_ptr_array_unref (plan->missing);
  g_clear_pointer (&plan->strings, g_string_chunk_free);
  g_free (plan);
}

/* Counts a change, and keeps its line while the plan keeps lines
 * (DL_IMPORT_PLAN_LINES): format is untranslated (N_), translated
 * only for a line kept.  A month's export changes nearly everyone's
 * PV, and a million lines formatted for the first 200 to be read was
 * a second of the plan. */
static void G_GNUC_PRINTF (2, 3)
add_change (DlImportPlan *plan,
            const char   *format,
            ...)
{
  va_list args;
  char *line;

  plan->n_changes++;
  if (plan->changes->len >= DL_IMPORT_PLAN_LINES)
    return;
  va_start (args, format);
  line = g_strdup_vprintf (_(format), args);
  va_end (args);
  g_ptr_array_add (plan->changes, g_string_chunk_insert (plan->strings, line));
  g_free (line);
}

/* Whether the next change's line is kept (see add_change ()). */
static inline gboolean
keeps_lines (const DlImportPlan *plan)
{
  return plan->changes->len < DL_IMPORT_PLAN_LINES;
}

/* row's full name, written in name (the plan's, for every row) */
static const char *
full_name (GString           *name,
           const DlImportRow *row)
{
  /* as g_strdup_printf ("%s %s") would, without its cost a row */
  g_string_assign (name, row->first_name);
  g_string_append_c (name, ' ');
  g_string_append (name, row->last_name);
  return g_strstrip (name->str);
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

  if (*before != '\0')
    /* Translators: member number, name, "email"/"phone"/"city", old and new value */
    add_change (plan, N_("%s %s: %s %s → %s"), row->member_number, name, _(what), before, after);
  else
    /* Translators: member number, name, "email"/"phone"/"city", the new value */
    add_change (plan, N_("%s %s: %s %s"), row->member_number, name, _(what), after);
  plan->n_detail_changes++;
  return TRUE;
}

/* number as the import leaves it: renamed maps the numbers that gain
 * their country to the new ones */
static const char *
now_numbered (GHashTable *renamed,
              const char *number)
{
  const char *now;

  /* none, nearly always: no number hashed for nothing */
  if (g_hash_table_size (renamed) == 0)
    return number;
  now = g_hash_table_lookup (renamed, number);
  return now != NULL ? now : number;
}

/* A member's figures of the month a plan compares with, at the index
 * of their DlImportExisting: 16 bytes a member, where an array of its
 * own, searched by id, was 32 (the peak of a re-import is the plan's) */
typedef struct
{
  double       pv;          /* NAN when not known */
  guint32      paid_rank;   /* in the plan's rank words (see rank_word_number ()), from 1; 0 when not known */
  gint8        autoship;    /* -1 when not known */
} PlanFigures;

/* The number of a paid rank among ranks (the words of the figures a
 * plan read, each kept once), from 1; 0 for none. */
static guint32
rank_word_number (DlStringSet *ranks,
                  const char  *word)
{
  guint index;

  if (word == NULL)
    return 0;
  dl_string_set_add (ranks, word, &index);
  return index + 1;
}

/* The word of a figures' paid rank, or NULL when not known. */
static const char *
paid_rank_word (const DlStringSet *ranks,
                const PlanFigures *figures)
{
  return figures->paid_rank != 0 ? dl_string_set_get (ranks, figures->paid_rank - 1) : NULL;
}

/* The figures of the newest month before period of the members in
 * existing, each at their member's index (all not known for a member
 * with none), into *figures; their ranks in ranks.  *month gets the
 * month, or DL_PERIOD_NONE (and *figures NULL) when none is kept.
 * FALSE with error set. */
static gboolean
read_figures_before (sqlite3                    *db,
                     DlPeriod                    period,
                     const DlImportExistingSet  *existing,
                     DlStringSet                *ranks,
                     PlanFigures               **figures,
                     DlPeriod                   *month,
                     GError                    **error)
{
  const DlImportExisting *members = (const DlImportExisting *) (gpointer) existing->members->data;
  guint n = existing->members->len;
  sqlite3_stmt *stmt = NULL;
  char iso[8];
  guint j = 0;
  int rc;

  *figures = NULL;
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
      return FALSE;
    }
  if (*month == DL_PERIOD_NONE)
    return TRUE;

  *figures = g_new (PlanFigures, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    (*figures)[i] = (PlanFigures) { NAN, 0, -1 };

  /* the table's own order, month then member, beside the members' */
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
          gint64 member_id = sqlite3_column_int64 (stmt, 0);
          PlanFigures *f;

          while (j < n && members[j].person_id < member_id)
            j++;
          /* a member without a number, whom no row can be */
          if (j == n || members[j].person_id != member_id)
            continue;
          f = &(*figures)[j];
          f->paid_rank = rank_word_number (ranks, (const char *) sqlite3_column_text (stmt, 1));
          f->pv = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 2);
          f->autoship = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : (gint8) sqlite3_column_int (stmt, 3);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_clear_pointer (figures, g_free);
      dl_store_set_db_error (db, error, rc, _("Could not read the monthly figures"));
      return FALSE;
    }
  return TRUE;
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
                const char            *before_paid_rank,
                gboolean               rank_said)
{
  /* the paid rank's own column, else the one rank column (as
   * dl-store-month-writer.c keeps it) */
  const char *paid = result->has_highest_rank || *row->paid_rank != '\0' ? row->paid_rank : row->rank;
  gboolean changed = FALSE;

  if (paid != NULL && *paid != '\0' && before_paid_rank != NULL && strcmp (paid, before_paid_rank) != 0)
    {
      if (!rank_said)
        /* Translators: member number, name, the paid rank before and after */
        add_change (plan, N_("%s %s: paid rank %s → %s"), row->member_number, name, before_paid_rank, paid);
      changed = TRUE;
    }
  if (!isnan (row->pv) && !isnan (before->pv) && fabs (row->pv - before->pv) >= 0.005)
    {
      char was[G_ASCII_DTOSTR_BUF_SIZE] = "";
      char now[G_ASCII_DTOSTR_BUF_SIZE] = "";

      /* as dl_volume_to_string () writes them, for a line kept */
      if (keeps_lines (plan))
        {
          g_snprintf (was, sizeof was, before->pv == floor (before->pv) ? "%.0f" : "%.1f", before->pv);
          g_snprintf (now, sizeof now, row->pv == floor (row->pv) ? "%.0f" : "%.1f", row->pv);
        }
      /* Translators: member number, name, the personal volume before and after */
      add_change (plan, N_("%s %s: PV %s → %s"), row->member_number, name, was, now);
      changed = TRUE;
    }
  if (row->autoship >= 0 && before->autoship >= 0 && row->autoship != before->autoship)
    {
      if (row->autoship == 0)
        /* Translators: member number and name */
        add_change (plan, N_("%s %s: autoship cancelled"), row->member_number, name);
      else
        /* Translators: member number and name */
        add_change (plan, N_("%s %s: autoship started"), row->member_number, name);
      changed = TRUE;
    }
  if (changed)
    plan->n_figure_changes++;
  return changed;
}

/* What the writer needs of row (at index i) when its enroller or
 * placement parent is not a row of the file: who they are in the
 * store, into outside. */
static void
find_outside (GArray              *outside,
              guint                i,
              const DlImportRow   *row,
              const DlNumberIndex *by_number)
{
  DlImportOutside o = { .row = i };
  const DlImportExisting *e;

  if (!row->sponsor_unknown && row->sponsor_row == DL_IMPORT_NO_ROW && *row->sponsor_number != '\0' &&
      (e = dl_number_index_lookup (by_number, row->sponsor_number)) != NULL)
    o.sponsor = e->person_id;
  if (!row->placement_unknown && row->placement_row == DL_IMPORT_NO_ROW && *row->placement_number != '\0' &&
      (e = dl_number_index_lookup (by_number, row->placement_number)) != NULL)
    o.parent = e->person_id;
  if (o.sponsor != 0 || o.parent != 0)
    g_array_append_val (outside, o);
}

static int
compare_outside (gconstpointer a,
                 gconstpointer b)
{
  guint x = ((const DlImportOutside *) a)->row;
  guint y = ((const DlImportOutside *) b)->row;

  return x < y ? -1 : x > y;
}

const DlImportOutside *
dl_import_outside_find (GArray *outside,
                        guint   row)
{
  DlImportOutside key = { .row = row };

  /* no array to search (bsearch () must not be given none) */
  if (outside->len == 0)
    return NULL;
  return bsearch (&key, outside->data, outside->len, sizeof (DlImportOutside), compare_outside);
}

/* A string of the DlImportExisting e, in dl_import_plan_on_connection () */
#define TEXT(offset) dl_import_existing_text (existing, offset)
/* The member number of a person, in dl_import_plan_on_connection () */
#define NUMBER(person_id) dl_import_existing_number (existing, person_id)

DlImportPlan *
dl_import_plan_on_connection (sqlite3               *db,
                              const DlImportResult  *result,
                              DlImportFound         *found,
                              GArray                *outside,
                              gboolean               whole,
                              GError               **error)
{
  g_autoptr(DlImportPlan) plan = g_new0 (DlImportPlan, 1);
  g_autoptr(DlImportExistingSet) existing = NULL;
  const DlNumberIndex *by_number;   /* member number -> DlImportExisting */
  g_autofree gint64 *claims = NULL;
  g_autoptr(GHashTable) renamed = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 user_id;
  gboolean latest;
  g_autoptr(DlStringSet) ranks = dl_string_set_new ();
  g_autofree PlanFigures *figures = NULL;
  g_autoptr(GString) name_buffer = g_string_new (NULL);

  /* an older month changes nothing the members are now, as the writer does it */
  latest = dl_import_is_latest_period (db, result->period);

  /* a month's export changes nearly everyone's PV: a million lines,
   * kept in one chunk rather than a million allocations */
  plan->strings = g_string_chunk_new (1 << 20);
  plan->changes = g_ptr_array_new ();
  plan->missing = g_ptr_array_new_with_free_func (g_free);
  plan->figures_compared = DL_PERIOD_NONE;

  existing = dl_import_read_existing (db, error);
  if (existing == NULL)
    return NULL;
  /* a month's export: its figures against the month kept before it */
  if (whole && result->period != DL_PERIOD_NONE &&
      !read_figures_before (db, result->period, existing, ranks, &figures, &plan->figures_compared, error))
    return NULL;
  user_id = dl_import_read_user_id (db);
  by_number = &existing->by_number;

  /* which member a number that gained its country stays, as the writer
   * decides it, found among the members read already */
  claims = dl_import_read_claims (db, result, find_existing,
                                  &(FindExisting) { existing, name_buffer }, error);
  if (claims == NULL)
    return NULL;
  /* the numbers they have now, for the enrollers and placements that
   * name them: a renumbered enroller is no change of enroller */
  for (guint i = 0; i < result->rows->len; i++)
    if (claims[i] != 0)
      {
        const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
        DlImportExisting *e = dl_number_index_lookup (by_number, row->plain_number);

        g_hash_table_insert (renamed, (gpointer) TEXT (e->number), (gpointer) row->member_number);
      }

  for (guint i = 0; i < result->rows->len; i++)
    {
      const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);
      DlImportExisting *e = dl_number_index_lookup (by_number, row->member_number);
      const char *name;
      gboolean changed = FALSE;
      gboolean rank_said = FALSE;
      const PlanFigures *before;
      gboolean person_stays = TRUE;

      if (e == NULL && claims[i] != 0)
        e = dl_number_index_lookup (by_number, row->plain_number);
      if (found != NULL)
        {
          /* in the row's order, as dl_import_outside_find () looks */
          find_outside (outside, i, row, by_number);
          found[i] = (DlImportFound) { .joined_on = DL_DAY_NONE };
        }
      if (e == NULL)
        {
          plan->n_new++;
          continue;
        }
      e->seen = TRUE;
      name = full_name (name_buffer, row);

      if (claims[i] != 0)
        {
          /* Translators: member number, name, the number before and after (with the country) */
          add_change (plan, N_("%s %s: number %s → %s"), row->member_number, name, TEXT (e->number),
                      row->member_number);
          plan->n_detail_changes++;
          changed = TRUE;
        }

      if (latest && row->has_status && row->status != e->status)
        {
          /* Translators: member number, name, the status before and after */
          add_change (plan, N_("%s %s: status %s → %s"), row->member_number, name,
                      dl_member_status_get_label (e->status), dl_member_status_get_label (row->status));
          plan->n_status_changes++;
          changed = TRUE;
        }
      if (*row->rank != '\0' && g_strcmp0 (row->rank, TEXT (e->rank)) != 0 &&
          (latest || *TEXT (e->rank) == '\0'))
        {
          if (*TEXT (e->rank) != '\0')
            /* Translators: member number, name, the rank before and after */
            add_change (plan, N_("%s %s: rank %s → %s"), row->member_number, name, TEXT (e->rank), row->rank);
          else
            /* Translators: member number, name, the rank */
            add_change (plan, N_("%s %s: rank %s"), row->member_number, name, row->rank);
          plan->n_rank_changes++;
          changed = TRUE;
          rank_said = *TEXT (e->rank) != '\0';
        }
      /* a file without an enroller column says nothing of the enrollers
       * of members already there */
      if (!row->sponsor_unknown && !row->enroller_from_placement && e->person_id != user_id &&
          strcmp (dl_member_number_key (row->sponsor_number),
                  dl_member_number_key (now_numbered (renamed, NUMBER (e->sponsor_id)))) != 0)
        {
          /* Translators: member number, name, the sponsors' numbers before and after */
          add_change (plan, N_("%s %s: sponsor %s → %s"), row->member_number, name,
                      *NUMBER (e->sponsor_id) ? NUMBER (e->sponsor_id) : _("none"), row->sponsor_number);
          plan->n_sponsor_changes++;
          changed = TRUE;
        }

      if (result->has_placement && !row->placement_unknown)
        {
          const char *side = dl_csv_side_to_string (row->side);
          gboolean side_changed = result->has_side && g_strcmp0 (side != NULL ? side : "", TEXT (e->side)) != 0;

          if (strcmp (dl_member_number_key (row->placement_number),
                      dl_member_number_key (now_numbered (renamed, NUMBER (e->parent_id)))) != 0)
            {
              /* Translators: member number, name, the placement parents before and after */
              add_change (plan, N_("%s %s: placed under %s → %s"), row->member_number, name,
                          *NUMBER (e->parent_id) ? NUMBER (e->parent_id) : _("none"),
                          *row->placement_number ? row->placement_number : _("none"));
              plan->n_placement_changes++;
              changed = TRUE;
            }
          else if (side_changed)
            {
              if (row->side == DL_CSV_SIDE_LEFT)
                /* Translators: member number and name */
                add_change (plan, N_("%s %s: placed on the left side"), row->member_number, name);
              else if (row->side == DL_CSV_SIDE_RIGHT)
                /* Translators: member number and name */
                add_change (plan, N_("%s %s: placed on the right side"), row->member_number, name);
              else
                /* Translators: member number and name */
                add_change (plan, N_("%s %s: side no longer given"), row->member_number, name);
              plan->n_placement_changes++;
              changed = TRUE;
            }
        }

      /* as the writer does it: a blank cell keeps what Downline has */
      if ((*row->first_name != '\0' || *row->last_name != '\0') &&
          (g_strcmp0 (row->first_name, TEXT (e->first_name)) != 0 ||
           g_strcmp0 (row->last_name, TEXT (e->last_name)) != 0))
        {
          g_autoptr(GString) was = g_string_new (NULL);

          /* Translators: member number, the name before, the name in the file */
          add_change (plan, N_("%s %s: name → %s"), row->member_number,
                      dl_import_existing_name (existing, e, was), name);
          plan->n_detail_changes++;
          person_stays = FALSE;
        }
      if (detail_change (plan, row, name, N_("email"), TEXT (e->email), row->email))
        person_stays = FALSE;
      if (detail_change (plan, row, name, N_("phone"), TEXT (e->phone), row->phone))
        person_stays = FALSE;
      if (detail_change (plan, row, name, N_("city"), TEXT (e->city), row->city))
        person_stays = FALSE;
      changed |= !person_stays;
      if (found != NULL)
        {
          found[i].person_id = claims[i] != 0 ? claims[i] : e->person_id;
          found[i].sponsor_id = e->sponsor_id;
          found[i].joined_on = e->joined_on;
          found[i].claimed = claims[i] != 0;
          found[i].person_stays = person_stays;
        }
      if (latest && row->has_role && row->role != e->role)
        {
          if (row->role == DL_ROLE_CUSTOMER)
            /* Translators: member number and name */
            add_change (plan, N_("%s %s: a customer now, no longer a distributor"), row->member_number, name);
          else
            /* Translators: member number and name */
            add_change (plan, N_("%s %s: a distributor now, no longer a customer"), row->member_number, name);
          plan->n_detail_changes++;
          changed = TRUE;
        }

      before = figures != NULL ? &figures[e - (DlImportExisting *) (gpointer) existing->members->data] : NULL;
      if (before != NULL)
        {
          const char *before_paid_rank = paid_rank_word (ranks, before);

          /* the line of the rank already says it when the one rank
           * column is also the paid rank, and both say the same */
          gboolean paid_is_rank = !result->has_highest_rank && *row->paid_rank == '\0';

          /* by the column, not by the pointer: the rank words of a file
           * are kept once, so a paid rank of the same word is the same
           * string */
          changed |= figure_changes (plan, result, row, name, before, before_paid_rank,
                                     rank_said && paid_is_rank && g_strcmp0 (TEXT (e->rank), before_paid_rank) == 0);
        }

      if (changed)
        plan->n_updated++;
      else
        plan->n_unchanged++;
    }

  /* the members the file leaves out, listed for a plan someone reads
   * (a part of an export leaves out nearly all) */
  for (guint i = 0; whole && i < existing->members->len; i++)
    {
      const DlImportExisting *e = &g_array_index (existing->members, DlImportExisting, i);

      if (!e->seen && e->person_id != user_id)
        g_ptr_array_add (plan->missing, g_strdup_printf ("%s %s", TEXT (e->number),
                                                         dl_import_existing_name (existing, e, name_buffer)));
    }
  g_ptr_array_sort (plan->missing, dl_import_compare_strings);

  return g_steal_pointer (&plan);
}

DlImportPlan *
dl_store_plan_import (DlStore               *store,
                      const DlImportResult  *result,
                      GError               **error)
{
  sqlite3 *db;
  gboolean own_transaction;
  DlImportPlan *plan;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  /* One read transaction, as in the worker: the plan sees one state of
   * the file, and its many reads do not each take and drop the file's
   * lock (100,000 names read one by one took 1.2 s that way). */
  db = dl_store_get_handle (store);
  own_transaction = sqlite3_get_autocommit (db) && sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
  plan = dl_import_plan_on_connection (db, result, NULL, NULL, TRUE, error);
  /* a read that could not end would leave the store's handle in it */
  if (own_transaction && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return plan;
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
          plan = dl_import_plan_on_connection (db, result, NULL, NULL, TRUE, &error);
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


/* dl-store-sample.c — writing the sample business into the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dl-sample.c decides everything; this file only writes it, fast enough
 * for a million members: one transaction, one prepared statement per
 * table bound and stepped for every row, dates formatted from a table
 * made once, and no allocation per row.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-sample.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"
#include "dl-store-risk.h"
#include "dl-store-sample.h"

/* "YYYY-MM-DD" of every day the sample can name, made once: the writer
 * needs several million of them. */
typedef char DayIso[11];

typedef struct
{
  DlDay   first;
  guint   n;
  DayIso *iso;
} DayText;

#define BATCH_ROWS 64

/* Twelve months of back-office figures, the last complete ones, and
 * where the company placed everyone, for businesses up to this size (a
 * million members would add twelve million rows: minutes, not the
 * seconds the sample takes). */
#define HISTORY_MONTHS 12
#define HISTORY_MAX_MEMBERS 100000

/* Per row of a batch, the text that is made for the row. */
typedef struct
{
  DlSamplePersonText text;
  char               created[24];
  char               updated[24];
  char               moment[24];
  char               number[16];
} Scratch;

typedef struct
{
  DlStore        *store;
  sqlite3        *db;
  const DlSample *sample;
  DayText         days;
  gint64          stage_open[DL_SAMPLE_MAX_OPEN_STAGES];
  gint64          stage_joined;
  gint64          stage_not_now;
  Scratch        *scratch;          /* BATCH_ROWS of them */
  guint32        *place_parent;     /* dl_sample_place_binary (), or NULL */
  guint8         *place_side;
} Writer;

static void
day_text_init (DayText *dt,
               DlDay    first,
               DlDay    last)
{
  dt->first = first;
  dt->n = (guint) (last - first + 1);
  dt->iso = g_new (DayIso, dt->n);
  for (guint i = 0; i < dt->n; i++)
    dl_day_format_iso (first + (DlDay) i, dt->iso[i]);
}

/* The text of day, or NULL when it falls outside the table (never, for
 * what dl-sample.c makes; the caller then formats it itself). */
static inline const char *
day_text (const DayText *dt,
          DlDay          day)
{
  guint i = (guint) (day - dt->first);

  return i < dt->n ? dt->iso[i] : NULL;
}

static void
bind_day (sqlite3_stmt  *stmt,
          int            column,
          const DayText *dt,
          DlDay          day)
{
  const char *text;
  char buf[16];

  if (day == DL_DAY_NONE)
    {
      sqlite3_bind_null (stmt, column);
      return;
    }

  text = day_text (dt, day);
  if (text != NULL)
    {
      sqlite3_bind_text (stmt, column, text, 10, SQLITE_STATIC);
      return;
    }
  dl_day_format_iso (day, buf);
  sqlite3_bind_text (stmt, column, buf, -1, SQLITE_TRANSIENT);
}

/* "YYYY-MM-DDTHH:MM:SS", with a final Z for a UTC stamp. */
static void
format_moment (const DayText *dt,
               DlDay          day,
               guint          seconds,
               gboolean       utc,
               char           buf[24])
{
  const char *text = day_text (dt, day);
  guint h = seconds / 3600 % 24;
  guint m = seconds / 60 % 60;
  guint s = seconds % 60;

  if (text != NULL)
    memcpy (buf, text, 10);
  else
    dl_day_format_iso (day, buf);
  buf[10] = 'T';
  buf[11] = (char) ('0' + h / 10);
  buf[12] = (char) ('0' + h % 10);
  buf[13] = ':';
  buf[14] = (char) ('0' + m / 10);
  buf[15] = (char) ('0' + m % 10);
  buf[16] = ':';
  buf[17] = (char) ('0' + s / 10);
  buf[18] = (char) ('0' + s % 10);
  buf[19] = utc ? 'Z' : '\0';
  buf[20] = '\0';
}

static inline void
bind_static (sqlite3_stmt *stmt,
             int           column,
             const char   *text)
{
  sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
}

static inline gint64
person_id (guint32 person)
{
  /* The database is empty, so ids can follow the sample's own order. */
  return (gint64) person + 1;
}

static sqlite3_stmt *
prepare (Writer      *w,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (w->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      dl_store_set_sqlite_error (w->store, error, rc, _("The sample data could not be written"));
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

static gboolean
step_done (Writer        *w,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (w->store, error, rc, _("The sample data could not be written"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* Open stages in board order, and the first Joined and Not now ones. */
static gboolean
read_stages (Writer          *w,
             DlSampleOptions *options,
             GError         **error)
{
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  stmt = dl_store_prepare (w->store,
                           "SELECT id, kind, stale_days FROM stage ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return FALSE;

  options->n_open_stages = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      DlStageKind k;

      if (!dl_stage_kind_from_string (kind, &k))
        continue;
      switch (k)
        {
        case DL_STAGE_OPEN:
          if (options->n_open_stages < DL_SAMPLE_MAX_OPEN_STAGES)
            {
              w->stage_open[options->n_open_stages] = id;
              options->open_stale_days[options->n_open_stages++] =
                (guint) sqlite3_column_int (stmt, 2);
            }
          break;
        case DL_STAGE_JOINED:
          if (w->stage_joined == 0)
            w->stage_joined = id;
          break;
        case DL_STAGE_NOT_NOW:
        default:
          if (w->stage_not_now == 0)
            w->stage_not_now = id;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (w->store, error, rc, NULL);
      return FALSE;
    }

  options->with_joined = w->stage_joined != 0;
  options->with_not_now = w->stage_not_now != 0;

  return TRUE;
}

/* Binds the columns of one item at parameters base, base + 1, ...  Text
 * that is not static goes into scratch, which lives until the step. */
typedef void (*BindRow) (Writer       *w,
                         sqlite3_stmt *stmt,
                         int           base,
                         guint         item,
                         Scratch      *scratch);

typedef struct
{
  const char *name;
  const char *columns;
  guint       n_columns;
  guint       n_items;
  BindRow     bind;
} Table;

static void
bind_person (Writer       *w,
             sqlite3_stmt *stmt,
             int           base,
             guint         p,
             Scratch      *sc)
{
  const DlSample *s = w->sample;
  const DlSamplePerson *person = &s->persons[p];
  DlDay updated_on = person->created_on;

  dl_sample_person_text (s, p, &sc->text);
  format_moment (&w->days, person->created_on, person->created_second, TRUE, sc->created);
  /* A status change is the last edit the user made to the row. */
  if (p < s->n_members && s->members[p].status_since > updated_on)
    updated_on = s->members[p].status_since;
  format_moment (&w->days, updated_on, person->created_second, TRUE, sc->updated);

  sqlite3_bind_int64 (stmt, base, person_id (p));
  bind_static (stmt, base + 1, sc->text.first_name);
  bind_static (stmt, base + 2, sc->text.last_name);
  bind_static (stmt, base + 3, sc->text.email);
  bind_static (stmt, base + 4, sc->text.phone);
  bind_static (stmt, base + 5, sc->text.best_time);
  bind_static (stmt, base + 6, sc->text.city);
  bind_static (stmt, base + 7, sc->text.source);
  bind_static (stmt, base + 8, sc->text.category);
  bind_static (stmt, base + 9, sc->text.notes);
  /* What the interaction trigger would set: given here, the trigger
   * finds nothing to change. */
  if (s->last_contact[p] != DL_SAMPLE_NONE)
    {
      const DlSampleInteraction *x = &s->interactions[s->last_contact[p]];

      format_moment (&w->days, x->day, x->minute * 60u, FALSE, sc->moment);
      bind_static (stmt, base + 10, sc->moment);
    }
  else
    sqlite3_bind_null (stmt, base + 10);
  bind_static (stmt, base + 11, sc->created);
  bind_static (stmt, base + 12, sc->updated);
}

static void
bind_profile (Writer       *w,
              sqlite3_stmt *stmt,
              int           base,
              guint         item,
              Scratch      *sc)
{
  sqlite3_bind_int (stmt, base, 1);
  sqlite3_bind_int64 (stmt, base + 1, person_id (0));
  bind_static (stmt, base + 2, dl_sample_profile_company ());
  bind_static (stmt, base + 3, dl_sample_profile_website ());
  bind_static (stmt, base + 4, dl_sample_profile_message ());
}

static void
bind_member (Writer       *w,
             sqlite3_stmt *stmt,
             int           base,
             guint         i,
             Scratch      *sc)
{
  const DlSampleMember *m = &w->sample->members[i];

  dl_sample_member_number (w->sample, i, sc->number);
  sqlite3_bind_int64 (stmt, base, person_id (i));
  if (m->sponsor == DL_SAMPLE_NONE)
    sqlite3_bind_null (stmt, base + 1);
  else
    sqlite3_bind_int64 (stmt, base + 1, person_id (m->sponsor));
  bind_static (stmt, base + 2, sc->number);
  bind_day (stmt, base + 3, &w->days, m->joined_on);
  bind_static (stmt, base + 4, dl_role_to_string (m->role));
  bind_static (stmt, base + 5, dl_member_status_to_string (m->status));
  bind_day (stmt, base + 6, &w->days, m->status_since);
  bind_static (stmt, base + 7, dl_sample_rank_name (m->rank));
  bind_day (stmt, base + 8, &w->days, m->last_activity);
  if (m->cadence_days > 0)
    sqlite3_bind_int (stmt, base + 9, m->cadence_days);
  else
    sqlite3_bind_null (stmt, base + 9);
  bind_day (stmt, base + 10, &w->days, m->snoozed_until);
}

static void
bind_prospect (Writer       *w,
               sqlite3_stmt *stmt,
               int           base,
               guint         k,
               Scratch      *sc)
{
  const DlSampleProspect *pr = &w->sample->prospects[k];
  gboolean not_now = pr->stage_kind == DL_STAGE_NOT_NOW;
  gint64 stage;

  switch (pr->stage_kind)
    {
    case DL_STAGE_JOINED:
      stage = w->stage_joined;
      break;
    case DL_STAGE_NOT_NOW:
      stage = w->stage_not_now;
      break;
    case DL_STAGE_OPEN:
    default:
      stage = w->stage_open[pr->open_stage];
      break;
    }

  format_moment (&w->days, pr->entered_stage_on, pr->entered_stage_second, TRUE, sc->moment);
  sqlite3_bind_int64 (stmt, base, person_id (pr->person));
  sqlite3_bind_int64 (stmt, base + 1, stage);
  sqlite3_bind_int (stmt, base + 2, (int) pr->position);
  bind_static (stmt, base + 3, dl_interest_to_string (pr->interest));
  sqlite3_bind_int (stmt, base + 4, (pr->qualification & DL_QUALIFY_SELF_STARTER) != 0);
  sqlite3_bind_int (stmt, base + 5, (pr->qualification & DL_QUALIFY_WILL_WORK) != 0);
  sqlite3_bind_int (stmt, base + 6, (pr->qualification & DL_QUALIFY_GOOD_FIT) != 0);
  sqlite3_bind_int (stmt, base + 7, (pr->qualification & DL_QUALIFY_LOVES_PRODUCT) != 0);
  bind_day (stmt, base + 8, &w->days, pr->next_follow_up);
  bind_static (stmt, base + 9, sc->moment);
  bind_static (stmt, base + 10, not_now ? dl_sample_reason_text (pr->reason) : "");
  bind_day (stmt, base + 11, &w->days, not_now ? pr->revisit_on : DL_DAY_NONE);
}

static void
bind_interaction (Writer       *w,
                  sqlite3_stmt *stmt,
                  int           base,
                  guint         e,
                  Scratch      *sc)
{
  const DlSampleInteraction *x = &w->sample->interactions[e];

  format_moment (&w->days, x->day, x->minute * 60u, FALSE, sc->moment);
  sqlite3_bind_int64 (stmt, base, person_id (x->person));
  bind_static (stmt, base + 1, dl_contact_kind_to_string (x->kind));
  bind_static (stmt, base + 2, sc->moment);
  bind_static (stmt, base + 3, dl_sample_summary_text (x->summary));
}

/* INSERT INTO table (columns) VALUES (?, ...), ... for n_rows rows. */
static sqlite3_stmt *
prepare_rows (Writer       *w,
              const Table  *t,
              guint         n_rows,
              GError      **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES ", t->name, t->columns);
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(?" : ", (?");
      for (guint c = 1; c < t->n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }

  return prepare (w, sql->str, error);
}

/* Rows go in BATCH_ROWS at a time: a statement per row pays for opening
 * its cursors, finding its place from the root and a statement journal,
 * several times the cost of the row itself. */
static gboolean
write_table (Writer       *w,
             const Table  *t,
             GError      **error)
{
  sqlite3_stmt *batch = NULL;
  gboolean ok = TRUE;

  for (guint item = 0; ok && item < t->n_items;)
    {
      guint n = MIN (BATCH_ROWS, t->n_items - item);
      sqlite3_stmt *stmt;

      if (n == BATCH_ROWS && batch == NULL)
        batch = prepare_rows (w, t, n, error);
      stmt = n == BATCH_ROWS ? batch : prepare_rows (w, t, n, error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }

      for (guint r = 0; r < n; r++)
        t->bind (w, stmt, (int) (r * t->n_columns) + 1, item + r, &w->scratch[r]);
      ok = step_done (w, stmt, error);

      if (stmt != batch)
        sqlite3_finalize (stmt);
      item += n;
    }

  sqlite3_finalize (batch);
  return ok;
}

/* The secondary indexes of the tables we fill, read from the schema
 * itself so a later schema version is followed without change here.
 * Filling a million rows into an index in random key order costs a
 * B-tree descent per row; building it once afterwards is one sort. */
static GPtrArray *
drop_indexes (Writer  *w,
              GError **error)
{
  g_autoptr(GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (w,
                  "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                  " AND tbl_name IN ('person', 'member', 'prospect', 'interaction')"
                  " ORDER BY rowid",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (w->store, error, rc, NULL);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *drop = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);

      if (!dl_store_exec (w->store, drop, error))
        return NULL;
    }

  return g_steal_pointer (&sql);
}

static gboolean
create_indexes (Writer     *w,
                GPtrArray  *sql,
                GError    **error)
{
  for (guint i = 0; i < sql->len; i++)
    if (!dl_store_exec (w->store, sql->pdata[i], error))
      return FALSE;

  return TRUE;
}

/* Item p is member p + 1: the user is placed by nobody. */
static void
bind_placement (Writer       *w,
                sqlite3_stmt *stmt,
                int           base,
                guint         p,
                Scratch      *sc)
{
  guint m = p + 1;

  sqlite3_bind_int64 (stmt, base, person_id (m));
  sqlite3_bind_int64 (stmt, base + 1, person_id (w->place_parent[m]));
  bind_static (stmt, base + 2, w->place_side[m] == 0 ? "left" : "right");
}

static gboolean
write_all (Writer  *w,
           GError **error)
{
  const DlSample *s = w->sample;
  gboolean placed = s->n_members > 1 && s->n_members - 1 <= HISTORY_MAX_MEMBERS;
  const Table tables[] = {
    { "person",
      "id, first_name, last_name, email, phone, best_time, city, source, category, notes,"
      " last_contact_at, created_at, updated_at",
      13, s->n_persons, bind_person },
    { "profile", "id, person_id, company, website, message", 5, 1, bind_profile },
    /* Sponsors come first in the array, so every reference is satisfied
     * as it is written. */
    { "member",
      "person_id, sponsor_id, member_number, joined_on, role, status, status_since, rank,"
      " last_activity, cadence_days, snoozed_until",
      11, s->n_members, bind_member },
    { "placement", "member_id, parent_id, side", 3, placed ? s->n_members - 1 : 0, bind_placement },
    { "prospect",
      "person_id, stage_id, position, interest, q_self_starter, q_will_work, q_good_fit,"
      " q_loves_product, next_follow_up, entered_stage_at, not_now_reason, revisit_on",
      12, s->n_prospects, bind_prospect },
    { "interaction", "person_id, kind, at, summary", 4, s->n_interactions, bind_interaction },
  };
  g_autoptr(GPtrArray) indexes = NULL;
  gint64 start;

  indexes = drop_indexes (w, error);
  if (indexes == NULL)
    return FALSE;

  if (placed)
    {
      w->place_parent = g_new (guint32, s->n_members);
      w->place_side = g_new (guint8, s->n_members);
      dl_sample_place_binary (s, w->place_parent, w->place_side);
    }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      start = g_get_monotonic_time ();
      if (!write_table (w, &tables[i], error))
        return FALSE;
      g_debug ("sample: %u rows of %s in %.2f s", tables[i].n_items, tables[i].name,
               (g_get_monotonic_time () - start) / 1e6);
    }

  start = g_get_monotonic_time ();
  if (!create_indexes (w, indexes, error))
    return FALSE;
  g_debug ("sample: indexes in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  return TRUE;
}

static gboolean
foreign_keys_enabled (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean on = TRUE;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    on = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);

  return on;
}


static gboolean
write_history (Writer  *w,
               GError **error)
{
  const DlSample *s = w->sample;
  g_autofree DlPeriodRow *rows = NULL;
  DlPeriod now;
  int y, m, d;

  if (s->n_members - 1 > HISTORY_MAX_MEMBERS)
    return TRUE;

  dl_day_to_ymd (s->today, &y, &m, &d);
  now = dl_period_from_ym (y, m);
  rows = g_new (DlPeriodRow, s->n_members);

  /* oldest first: each month's events then find the month before */
  for (DlPeriod period = now - HISTORY_MONTHS; period < now; period++)
    {
      guint n = 0;

      for (guint32 i = 1; i < s->n_members; i++)
        {
          DlSampleMonth month;
          const char *rank;

          if (!dl_sample_member_month (s, i, period / 12, period % 12 + 1, &month))
            continue;
          rank = dl_sample_rank_name (month.rank);
          rows[n].member_id = person_id (i);
          rows[n].status = month.status == DL_MEMBER_ACTIVE ? DL_FIGURE_ACTIVE
                           : month.status == DL_MEMBER_INACTIVE ? DL_FIGURE_INACTIVE
                           : DL_FIGURE_TERMINATED;
          rows[n].paid_rank = *rank != '\0' ? rank : NULL;
          rows[n].pv = month.pv;
          rows[n].gv = NAN;
          rows[n].autoship = month.autoship;
          n++;
        }
      if (!dl_store_save_period (w->store, period, rows, n, error))
        return FALSE;
    }

  return TRUE;
}

/* Everything from the emptiness check to the commit, in one write
 * transaction so nobody can slip data in between. */
static DlSample *
fill_in_transaction (Writer  *w,
                     guint    n_members,
                     guint32  seed,
                     DlDay    today,
                     GError **error)
{
  g_autoptr(DlSample) sample = NULL;
  DlSampleOptions options;
  gint64 start;

  if (!dl_store_begin (w->store, error))
    return NULL;

  if (!dl_store_is_empty (w->store))
    {
      g_autofree char *display = g_filename_display_name (dl_store_get_path (w->store));

      dl_store_rollback (w->store);
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY,
                   _("“%s” already holds a business; sample data only goes into "
                     "an empty database. Nothing was changed."),
                   display);
      return NULL;
    }

  dl_sample_options_init (&options, n_members, seed, today);
  if (!read_stages (w, &options, error))
    {
      dl_store_rollback (w->store);
      return NULL;
    }

  start = g_get_monotonic_time ();
  sample = dl_sample_new (&options);
  w->sample = sample;
  g_debug ("sample: generated in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  if (!write_all (w, error))
    {
      dl_store_rollback (w->store);
      return NULL;
    }

  start = g_get_monotonic_time ();
  if (!write_history (w, error))
    {
      dl_store_rollback (w->store);
      return NULL;
    }
  g_debug ("sample: history in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  dl_store_emit_changed (w->store, DL_STORE_ENTITY_PROFILE, 0);
  dl_store_emit_changed (w->store, DL_STORE_ENTITY_PEOPLE, 0);
  dl_store_emit_changed (w->store, DL_STORE_ENTITY_PROSPECTS, 0);
  dl_store_emit_changed (w->store, DL_STORE_ENTITY_MEMBERS, 0);
  dl_store_emit_changed (w->store, DL_STORE_ENTITY_INTERACTIONS, 0);

  /* The sample business has the default letters, as a new one does. */
  if (!dl_store_install_default_templates (w->store, error))
    {
      dl_store_rollback (w->store);
      return NULL;
    }

  start = g_get_monotonic_time ();
  if (!dl_store_commit (w->store, error))
    return NULL;
  g_debug ("sample: commit in %.2f s", (g_get_monotonic_time () - start) / 1e6);

  return g_steal_pointer (&sample);
}

gboolean
dl_store_fill_sample (DlStore         *store,
                      guint            n_members,
                      guint32          seed,
                      DlDay            today,
                      DlSampleSummary *summary,
                      GError         **error)
{
  g_autoptr(DlSample) sample = NULL;
  Writer w = { 0 };
  gboolean paused_foreign_keys = FALSE;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (today > DL_SAMPLE_SPAN_DAYS + 1000, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_members > DL_SAMPLE_MAX_MEMBERS)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("Sample data can have at most %u members, not %u."),
                   (guint) DL_SAMPLE_MAX_MEMBERS, n_members);
      return FALSE;
    }

  w.store = store;
  w.db = dl_store_get_handle (store);
  day_text_init (&w.days, today - DL_SAMPLE_SPAN_DAYS - 400, today + 400);
  w.scratch = g_new (Scratch, BATCH_ROWS);

  /* Checking foreign keys costs a lookup of the sponsor at a random
   * place for every member row: a third of the time for a million.  The
   * sample is consistent by construction (a sponsor always comes before
   * their recruits, every person is written before the rows naming them,
   * and test-sample runs foreign_key_check), so enforcement pauses for
   * this one transaction.  The setting belongs to the connection and
   * cannot change inside a transaction: off before it, on again after,
   * whatever happened.  Inside a caller's transaction it stays on. */
  if (!dl_store_in_transaction (store) && foreign_keys_enabled (w.db))
    paused_foreign_keys = dl_store_exec (store, "PRAGMA foreign_keys = OFF", NULL);

  sample = fill_in_transaction (&w, n_members, seed, today, error);

  if (paused_foreign_keys && !dl_store_exec (store, "PRAGMA foreign_keys = ON", NULL))
    g_critical ("Foreign keys could not be enforced again on “%s”", dl_store_get_path (store));

  g_free (w.days.iso);
  g_free (w.scratch);
  g_free (w.place_parent);
  g_free (w.place_side);

  /* the sample's year of months teaches the risk model, as an import's
   * would (cadence: the defaults, which the sample's contacts follow) */
  if (sample != NULL && !dl_store_in_transaction (store)
      && !dl_store_refit_risk_model (store, NULL, NULL, error))
    return FALSE;

  if (sample != NULL && summary != NULL)
    {
      summary->n_members = sample->n_members - 1;
      summary->n_prospects = sample->n_prospects;
      summary->n_interactions = sample->n_interactions;
      summary->max_depth = sample->max_depth;
    }

  return sample != NULL;
}

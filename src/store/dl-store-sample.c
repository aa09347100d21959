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

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-sample.h"
#include "dl-store-private.h"
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

typedef struct
{
  DlStore        *store;
  sqlite3        *db;
  const DlSample *sample;
  DayText         days;
  gint64          stage_open[DL_SAMPLE_MAX_OPEN_STAGES];
  gint64          stage_joined;
  gint64          stage_not_now;
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

static gboolean
step_row (Writer        *w,
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

static gboolean
write_persons (Writer  *w,
               GError **error)
{
  const DlSample *s = w->sample;
  sqlite3_stmt *stmt;
  DlSamplePersonText text;
  gboolean ok = TRUE;

  stmt = prepare (w,
                  "INSERT INTO person (id, first_name, last_name, email, phone, best_time,"
                  " city, source, category, notes, last_contact_at, created_at, updated_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint32 p = 0; ok && p < s->n_persons; p++)
    {
      const DlSamplePerson *person = &s->persons[p];
      char created[24];
      char updated[24];
      char contact[24];
      DlDay updated_on = person->created_on;

      dl_sample_person_text (s, p, &text);
      format_moment (&w->days, person->created_on, person->created_second, TRUE, created);
      /* A status change is the last edit the user made to the row. */
      if (p < s->n_members && s->members[p].status_since > updated_on)
        updated_on = s->members[p].status_since;
      format_moment (&w->days, updated_on, person->created_second, TRUE, updated);

      sqlite3_bind_int64 (stmt, 1, person_id (p));
      bind_static (stmt, 2, text.first_name);
      bind_static (stmt, 3, text.last_name);
      bind_static (stmt, 4, text.email);
      bind_static (stmt, 5, text.phone);
      bind_static (stmt, 6, text.best_time);
      bind_static (stmt, 7, text.city);
      bind_static (stmt, 8, text.source);
      bind_static (stmt, 9, text.category);
      bind_static (stmt, 10, text.notes);
      /* What the interaction trigger would set; given here, the trigger
       * finds nothing to change and each log row costs one lookup. */
      if (s->last_contact[p] != DL_SAMPLE_NONE)
        {
          const DlSampleInteraction *x = &s->interactions[s->last_contact[p]];

          format_moment (&w->days, x->day, x->minute * 60u, FALSE, contact);
          bind_static (stmt, 11, contact);
        }
      else
        sqlite3_bind_null (stmt, 11);
      bind_static (stmt, 12, created);
      bind_static (stmt, 13, updated);
      ok = step_row (w, stmt, error);
    }

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_profile (Writer  *w,
               GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = prepare (w,
                  "INSERT INTO profile (id, person_id, company, website, message)"
                  " VALUES (1, ?1, ?2, ?3, ?4)",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, person_id (0));
  bind_static (stmt, 2, dl_sample_profile_company ());
  bind_static (stmt, 3, dl_sample_profile_website ());
  bind_static (stmt, 4, dl_sample_profile_message ());
  ok = step_row (w, stmt, error);

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_members (Writer  *w,
               GError **error)
{
  const DlSample *s = w->sample;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = prepare (w,
                  "INSERT INTO member (person_id, sponsor_id, member_number, joined_on, role,"
                  " status, status_since, rank, last_activity, cadence_days, snoozed_until)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                  error);
  if (stmt == NULL)
    return FALSE;

  /* Sponsors come first in the array, so every reference is satisfied
   * as it is written. */
  for (guint32 i = 0; ok && i < s->n_members; i++)
    {
      const DlSampleMember *m = &s->members[i];
      char number[16];

      dl_sample_member_number (s, i, number);
      sqlite3_bind_int64 (stmt, 1, person_id (i));
      if (m->sponsor == DL_SAMPLE_NONE)
        sqlite3_bind_null (stmt, 2);
      else
        sqlite3_bind_int64 (stmt, 2, person_id (m->sponsor));
      bind_static (stmt, 3, number);
      bind_day (stmt, 4, &w->days, m->joined_on);
      bind_static (stmt, 5, dl_role_to_string (m->role));
      bind_static (stmt, 6, dl_member_status_to_string (m->status));
      bind_day (stmt, 7, &w->days, m->status_since);
      bind_static (stmt, 8, dl_sample_rank_name (m->rank));
      bind_day (stmt, 9, &w->days, m->last_activity);
      if (m->cadence_days > 0)
        sqlite3_bind_int (stmt, 10, m->cadence_days);
      else
        sqlite3_bind_null (stmt, 10);
      bind_day (stmt, 11, &w->days, m->snoozed_until);
      ok = step_row (w, stmt, error);
    }

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_prospects (Writer  *w,
                 GError **error)
{
  const DlSample *s = w->sample;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = prepare (w,
                  "INSERT INTO prospect (person_id, stage_id, position, interest,"
                  " q_self_starter, q_will_work, q_good_fit, q_loves_product,"
                  " next_follow_up, entered_stage_at, not_now_reason, revisit_on)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint k = 0; ok && k < s->n_prospects; k++)
    {
      const DlSampleProspect *pr = &s->prospects[k];
      char entered[24];
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

      format_moment (&w->days, pr->entered_stage_on, pr->entered_stage_second, TRUE, entered);
      sqlite3_bind_int64 (stmt, 1, person_id (pr->person));
      sqlite3_bind_int64 (stmt, 2, stage);
      sqlite3_bind_int (stmt, 3, (int) pr->position);
      bind_static (stmt, 4, dl_interest_to_string (pr->interest));
      sqlite3_bind_int (stmt, 5, (pr->qualification & DL_QUALIFY_SELF_STARTER) != 0);
      sqlite3_bind_int (stmt, 6, (pr->qualification & DL_QUALIFY_WILL_WORK) != 0);
      sqlite3_bind_int (stmt, 7, (pr->qualification & DL_QUALIFY_GOOD_FIT) != 0);
      sqlite3_bind_int (stmt, 8, (pr->qualification & DL_QUALIFY_LOVES_PRODUCT) != 0);
      bind_day (stmt, 9, &w->days, pr->next_follow_up);
      bind_static (stmt, 10, entered);
      bind_static (stmt, 11, pr->stage_kind == DL_STAGE_NOT_NOW
                             ? dl_sample_reason_text (pr->reason) : "");
      bind_day (stmt, 12, &w->days, pr->stage_kind == DL_STAGE_NOT_NOW
                                    ? pr->revisit_on : DL_DAY_NONE);
      ok = step_row (w, stmt, error);
    }

  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
write_interactions (Writer  *w,
                    GError **error)
{
  const DlSample *s = w->sample;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = prepare (w,
                  "INSERT INTO interaction (person_id, kind, at, summary)"
                  " VALUES (?1, ?2, ?3, ?4)",
                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint e = 0; ok && e < s->n_interactions; e++)
    {
      const DlSampleInteraction *x = &s->interactions[e];
      char at[24];

      format_moment (&w->days, x->day, x->minute * 60u, FALSE, at);
      sqlite3_bind_int64 (stmt, 1, person_id (x->person));
      bind_static (stmt, 2, dl_contact_kind_to_string (x->kind));
      bind_static (stmt, 3, at);
      bind_static (stmt, 4, dl_sample_summary_text (x->summary));
      ok = step_row (w, stmt, error);
    }

  sqlite3_finalize (stmt);
  return ok;
}

typedef gboolean (*WriteFunc) (Writer  *w,
                               GError **error);

static gboolean
write_all (Writer  *w,
           GError **error)
{
  const struct
  {
    const char *table;
    WriteFunc   write;
  } steps[] = {
    { "person", write_persons },
    { "profile", write_profile },
    { "member", write_members },
    { "prospect", write_prospects },
    { "interaction", write_interactions },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!steps[i].write (w, error))
        return FALSE;
      g_debug ("sample: wrote %s in %.2f s", steps[i].table,
               (g_get_monotonic_time () - start) / 1e6);
    }

  return TRUE;
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
  DlSampleOptions options;
  Writer w = { 0 };
  gboolean ok;

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

  /* The check and the writing share one write transaction, so nobody can
   * slip data in between. */
  if (!dl_store_begin (store, error))
    return FALSE;

  if (!dl_store_is_empty (store))
    {
      g_autofree char *display = g_filename_display_name (dl_store_get_path (store));

      dl_store_rollback (store);
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_EMPTY,
                   _("“%s” already holds a business; sample data only goes into "
                     "an empty database. Nothing was changed."),
                   display);
      return FALSE;
    }

  dl_sample_options_init (&options, n_members, seed, today);
  if (!read_stages (&w, &options, error))
    {
      dl_store_rollback (store);
      return FALSE;
    }

  sample = dl_sample_new (&options);
  w.sample = sample;
  day_text_init (&w.days, today - DL_SAMPLE_SPAN_DAYS - 400, today + 400);

  ok = write_all (&w, error);
  if (ok)
    {
      gint64 start;

      dl_store_emit_changed (store, DL_STORE_ENTITY_PROFILE, 0);
      dl_store_emit_changed (store, DL_STORE_ENTITY_PEOPLE, 0);
      dl_store_emit_changed (store, DL_STORE_ENTITY_PROSPECTS, 0);
      dl_store_emit_changed (store, DL_STORE_ENTITY_MEMBERS, 0);
      dl_store_emit_changed (store, DL_STORE_ENTITY_INTERACTIONS, 0);
      start = g_get_monotonic_time ();
      ok = dl_store_commit (store, error);
      g_debug ("sample: commit in %.2f s", (g_get_monotonic_time () - start) / 1e6);
    }
  else
    dl_store_rollback (store);

  g_free (w.days.iso);

  if (ok && summary != NULL)
    {
      summary->n_members = sample->n_members - 1;
      summary->n_prospects = sample->n_prospects;
      summary->n_interactions = sample->n_interactions;
      summary->max_depth = sample->max_depth;
    }

  return ok;
}

/* dl-store.c — the store object: shared items, ::changed, transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entity calls live in dl-store-people.c, dl-store-pipeline.c,
 * dl-store-prospects.c, dl-store-members.c and the like; this file holds
 * what they share: the shared items, ::changed, transactions and the
 * shared models.  The file itself is opened and closed in
 * dl-store-open.c, judged in dl-store-check.c, migrated in
 * dl-store-migrate.c; statements are cached in dl-store-statements.c.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-day.h"
#include "dl-items-private.h"
#include "dl-store-object-private.h"
#include "dl-store-search.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-testing.h"

G_DEFINE_FINAL_TYPE (DlStore, dl_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (dl-store-error-quark, dl_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_VERIFIED,
  N_PROPS
};

enum {
  CHANGED,
  DAMAGED,
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];
static GQuark entity_quarks [N_ENTITIES];

typedef GObject *(*DlLoadFunc) (DlStore *self,
                                gint64   id);
typedef void     (*DlAssignFunc) (gpointer self,
                                  gpointer from);

static const struct
{
  DlLoadFunc   load;
  DlAssignFunc assign;
} entity_vtable [N_ENTITIES] = {
  [DL_STORE_ENTITY_PROFILE] = { (DlLoadFunc) dl_store_load_profile, (DlAssignFunc) dl_profile_assign },
  [DL_STORE_ENTITY_PEOPLE] = { (DlLoadFunc) dl_store_load_person, (DlAssignFunc) dl_person_assign },
  [DL_STORE_ENTITY_STAGES] = { (DlLoadFunc) dl_store_load_stage, (DlAssignFunc) dl_stage_assign },
  [DL_STORE_ENTITY_PROSPECTS] = { (DlLoadFunc) dl_store_load_prospect, (DlAssignFunc) dl_prospect_assign },
  [DL_STORE_ENTITY_MEMBERS] = { (DlLoadFunc) dl_store_load_member, (DlAssignFunc) dl_member_assign },
  [DL_STORE_ENTITY_INTERACTIONS] = { (DlLoadFunc) dl_store_load_interaction, (DlAssignFunc) dl_interaction_assign },
  [DL_STORE_ENTITY_TEMPLATES] = { (DlLoadFunc) dl_store_load_template, (DlAssignFunc) dl_template_assign },
  [DL_STORE_ENTITY_LETTERS] = { (DlLoadFunc) dl_store_load_letter, (DlAssignFunc) dl_letter_assign },
};

/* Shared items ------------------------------------------------------- */

static void
live_entry_free (gpointer data)
{
  g_free (data);
}

static void
on_live_item_finalized (gpointer  data,
                        GObject  *where_the_object_was)
{
  DlLiveEntry *entry = data;

  g_hash_table_remove (entry->table, &entry->id);
}

static void
forget_live (DlLiveEntry *entry)
{
  g_object_weak_unref (entry->object, on_live_item_finalized, entry);
  g_hash_table_remove (entry->table, &entry->id);
}

gpointer
dl_store_get_item (DlStore       *self,
                   DlStoreEntity  entity,
                   gint64         id)
{
  DlLiveEntry *entry;
  GObject *object;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < N_ENTITIES, NULL);

  entry = g_hash_table_lookup (self->live[entity], &id);
  if (entry != NULL)
    return g_object_ref (entry->object);

  object = entity_vtable[entity].load (self, id);
  if (object == NULL)
    return NULL;

  entry = g_new0 (DlLiveEntry, 1);
  entry->id = id;
  entry->object = object;
  entry->table = self->live[entity];
  g_hash_table_insert (entry->table, &entry->id, entry);
  g_object_weak_ref (object, on_live_item_finalized, entry);

  return object;
}

gpointer
dl_store_peek_item (DlStore       *self,
                    DlStoreEntity  entity,
                    gint64         id)
{
  DlLiveEntry *entry;

  g_return_val_if_fail (DL_IS_STORE (self), NULL);
  g_return_val_if_fail (entity < N_ENTITIES, NULL);

  entry = g_hash_table_lookup (self->live[entity], &id);

  return entry ? entry->object : NULL;
}

static void
refresh_live (DlStore       *self,
              DlStoreEntity  entity,
              gint64         id)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  DlLiveEntry *entry;

  if (id != 0)
    {
      entry = g_hash_table_lookup (self->live[entity], &id);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  else
    {
      GHashTableIter iter;

      g_hash_table_iter_init (&iter, self->live[entity]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        g_ptr_array_add (entries, entry);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      g_autoptr(GObject) fresh = NULL;
      g_autoptr(GObject) object = NULL;

      entry = g_ptr_array_index (entries, i);
      object = g_object_ref (entry->object);
      fresh = entity_vtable[entity].load (self, entry->id);

      /* A deleted row's object stays valid for whoever holds it, but a
       * new row reusing the id must get an object of its own. */
      if (fresh == NULL)
        forget_live (entry);
      else
        entity_vtable[entity].assign (object, fresh);
    }
}

void
dl_store_reload_item (DlStore       *self,
                      DlStoreEntity  entity,
                      gint64         id)
{
  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (entity < N_ENTITIES);

  if (id != 0)
    refresh_live (self, entity, id);
}

/* Changes ------------------------------------------------------------- */

static void
flush_changes (DlStore *self)
{
  g_autoptr(GArray) changes = NULL;
  GHashTable *seen[N_ENTITIES] = { NULL, };
  gboolean all[N_ENTITIES] = { FALSE, };
  gint64 single[N_ENTITIES] = { 0, };

  if (self->pending->len == 0)
    return;

  dl_store_schedule_checkpoint (self);
  dl_store_schedule_search_index (self);

  /* Handlers may write again; they get a fresh queue. */
  changes = g_steal_pointer (&self->pending);
  self->pending = g_array_new (FALSE, FALSE, sizeof (DlChange));

  /* the kept tree catches up first: no handler may see the old contact */
  for (guint i = 0; i < changes->len; i++)
    {
      const DlChange *change = &g_array_index (changes, DlChange, i);

      if (change->contact_only)
        dl_store_patch_kept_tree_contact (self, change->id);
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const DlChange *change = &g_array_index (changes, DlChange, i);

      if (change->id == 0)
        all[change->entity] = TRUE;
      if (seen[change->entity] == NULL)
        seen[change->entity] = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_hash_table_add (seen[change->entity], (gpointer) &change->id);
    }

  /* Items first, so a handler of ::changed already sees fresh items. */
  for (guint e = 0; e < N_ENTITIES; e++)
    {
      GHashTableIter iter;
      gint64 *id;

      if (seen[e] == NULL)
        continue;

      if (all[e])
        {
          refresh_live (self, e, 0);
          continue;
        }

      g_hash_table_iter_init (&iter, seen[e]);
      while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
        {
          refresh_live (self, e, *id);
          single[e] = *id;
          /* the profile shows the user's member number: an edit of the
           * user's member row is the profile's too */
          if (e == DL_STORE_ENTITY_MEMBERS && g_hash_table_size (self->live[DL_STORE_ENTITY_PROFILE]) > 0
              && *id == dl_store_get_user_id (self))
            refresh_live (self, DL_STORE_ENTITY_PROFILE, 1);
        }
    }

  /* One signal per kind and commit: several rows of a kind read as
   * "many" (id 0), which is what a model reloading its list needs. */
  for (guint e = 0; e < N_ENTITIES; e++)
    {
      if (seen[e] == NULL)
        continue;

      if (all[e] || g_hash_table_size (seen[e]) > 1)
        single[e] = 0;

      g_signal_emit (self, signals[CHANGED], entity_quarks[e], (DlStoreEntity) e, single[e]);
    }

  for (guint e = 0; e < N_ENTITIES; e++)
    g_clear_pointer (&seen[e], g_hash_table_unref);
}

void
dl_store_emit_restored (DlStore *self)
{
  g_return_if_fail (DL_IS_STORE (self));

  /* The file is the backup now, checked whole before it was copied in:
   * the verdict on what was there (damaged, or still being reached)
   * no longer holds, and writes may go on. */
  if (self->check != NULL)
    {
      CheckState was;

      g_mutex_lock (&self->check->mutex);
      self->check->superseded = TRUE;
      if (self->check->db != NULL)
        sqlite3_interrupt (self->check->db);
      was = self->check->state;
      self->check->state = CHECK_PASSED;
      g_cond_broadcast (&self->check->cond);
      g_mutex_unlock (&self->check->mutex);
      if (was != CHECK_PASSED)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFIED]);
    }

  self->tree_generation++;
  g_signal_emit (self, signals[RESTORED], 0);
  for (int e = 0; e < N_ENTITIES; e++)
    dl_store_emit_changed (self, (DlStoreEntity) e, 0);
}

void
dl_store_set_started_on (DlStore *self,
                         DlDay    day)
{
  g_return_if_fail (DL_IS_STORE (self));

  if (self->started_on == day)
    return;
  self->started_on = day;
  /* the kept tree was read with the day before */
  self->tree_generation++;
  dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, 0);
}

DlDay
dl_store_get_started_on (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), DL_DAY_NONE);

  return self->started_on;
}

guint64
dl_store_get_contact_generation (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), 0);

  return self->contact_generation;
}

guint64
dl_store_get_tree_generation (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), 0);

  return self->tree_generation;
}

void
dl_store_emit_contact_changed (DlStore *self,
                               gint64   person_id)
{
  DlChange change = { DL_STORE_ENTITY_PEOPLE, person_id, TRUE };

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (person_id != 0);

  self->contact_generation++;
  g_array_append_val (self->pending, change);
  if (self->depth == 0)
    flush_changes (self);
}

void
dl_store_emit_changed (DlStore       *self,
                       DlStoreEntity  entity,
                       gint64         id)
{
  DlChange change = { entity, id, FALSE };

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (entity < N_ENTITIES);

  /* before any handler runs, so none of them is handed the old tree */
  if (entity == DL_STORE_ENTITY_MEMBERS || entity == DL_STORE_ENTITY_PEOPLE ||
      entity == DL_STORE_ENTITY_PROFILE)
    self->tree_generation++;

  g_array_append_val (self->pending, change);

  if (self->depth == 0)
    flush_changes (self);
}

/* Transactions -------------------------------------------------------- */

gboolean
dl_store_begin (DlStore  *self,
                GError  **error)
{
  g_autofree char *savepoint = NULL;
  guint mark;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (self->depth == 0)
    {
      if (!dl_store_check_writable (self, error) || !dl_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT dl_%u", self->depth);
      if (!dl_store_exec (self, savepoint, error))
        return FALSE;
    }

  mark = self->pending->len;
  g_array_append_val (self->marks, mark);
  self->depth++;

  return TRUE;
}

gboolean
dl_store_commit (DlStore  *self,
                 GError  **error)
{
  g_autofree char *release = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      release = g_strdup_printf ("RELEASE dl_%u", self->depth - 1);
      if (!dl_store_exec (self, release, error))
        {
          dl_store_rollback (self);
          return FALSE;
        }
      self->depth--;
      g_array_set_size (self->marks, self->depth);
      return TRUE;
    }

  if (!dl_store_exec (self, "COMMIT", error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  self->depth = 0;
  g_array_set_size (self->marks, 0);
  flush_changes (self);

  return TRUE;
}

void
dl_store_rollback (DlStore *self)
{
  guint mark;

  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  self->depth--;
  mark = g_array_index (self->marks, guint, self->depth);
  g_array_set_size (self->marks, self->depth);
  g_array_set_size (self->pending, mark);

  /* Some errors (disk full, I/O) already ended the whole transaction. */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (self->depth == 0)
    {
      dl_store_exec (self, "ROLLBACK", NULL);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO dl_%u; RELEASE dl_%u",
                                              self->depth, self->depth);

      dl_store_exec (self, sql, NULL);
    }
}

gboolean
dl_store_run_in_transaction (DlStore          *self,
                             DlStoreWriteFunc  func,
                             gpointer          data,
                             GError          **error)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  if (!dl_store_begin (self, error))
    return FALSE;

  if (!func (self, data, error))
    {
      dl_store_rollback (self);
      return FALSE;
    }

  return dl_store_commit (self, error);
}

gboolean
dl_store_update_row (DlStore          *self,
                     DlStoreWriteFunc  func,
                     gpointer          draft,
                     DlStoreEntity     entity,
                     gint64            id,
                     GError          **error)
{
  if (dl_store_run_in_transaction (self, func, draft, error))
    return TRUE;

  dl_store_reload_item (self, entity, id);
  return FALSE;
}

void
dl_store_begin_read (DlStore *self)
{
  g_return_if_fail (DL_IS_STORE (self));

  if (self->read_depth++ > 0)
    return;
  /* inside a write transaction the reads are in it already; a failed
   * BEGIN only costs them their one snapshot */
  self->read_began = self->depth == 0 && sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void
dl_store_end_read (DlStore *self)
{
  g_return_if_fail (DL_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_began)
    return;
  self->read_began = FALSE;
  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
}

gboolean
dl_store_in_transaction (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return self->depth > 0;
}

/* GObject ------------------------------------------------------------- */

static void
dl_store_dispose (GObject *object)
{
  DlStore *self = (DlStore *)object;

  for (guint e = 0; e < N_ENTITIES; e++)
    {
      GHashTableIter iter;
      DlLiveEntry *entry;

      if (self->live[e] == NULL)
        continue;

      g_hash_table_iter_init (&iter, self->live[e]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        {
          g_object_weak_unref (entry->object, on_live_item_finalized, entry);
          g_hash_table_iter_remove (&iter);
        }
    }

  G_OBJECT_CLASS (dl_store_parent_class)->dispose (object);
}

static void
dl_store_finalize (GObject *object)
{
  DlStore *self = (DlStore *)object;

  if (self->depth > 0)
    g_critical ("DlStore finalized inside a transaction; it is rolled back");

  dl_store_close (self);
  g_clear_pointer (&self->check, dl_store_check_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);

  for (guint e = 0; e < N_ENTITIES; e++)
    g_clear_pointer (&self->live[e], g_hash_table_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (dl_store_parent_class)->finalize (object);
}

static void
dl_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlStore *self = DL_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_VERIFIED:
      g_value_set_boolean (value, dl_store_is_verified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_store_class_init (DlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GEnumClass *entities = g_type_class_ref (DL_TYPE_STORE_ENTITY);

  object_class->dispose = dl_store_dispose;
  object_class->finalize = dl_store_finalize;
  object_class->get_property = dl_store_get_property;

  /* The database file. */
  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* FALSE while the integrity check of a large file still runs, or when
   * it found damage; see ::damaged. */
  properties [PROP_VERIFIED] =
    g_param_spec_boolean ("verified", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlStore::damaged:
   * @error: what is wrong, naming the file
   *
   * The integrity check of a large file, which runs after opening, found
   * damage.  The file has not been written to and every write now fails
   * with %DL_STORE_ERROR_DAMAGED; the app should say so and close it.
   */
  signals [DAMAGED] =
    g_signal_new ("damaged",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * DlStore::restored:
   *
   * A backup has replaced everything in the open file.  Emitted before
   * the ::changed signals that follow, so that whoever keeps state about
   * the old contents (orders, undo steps) can drop it first.
   */
  signals [RESTORED] =
    g_signal_new ("restored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * DlStore::changed:
   * @entity: the kind of row that changed
   * @id: the row's id, or 0 when several rows of that kind changed
   *
   * Emitted after a commit, once per kind of row; the detail is the
   * kind's nick, so a model connects to "changed::prospects".  Shared
   * items are already refreshed when it runs.
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, DL_TYPE_STORE_ENTITY, G_TYPE_INT64);

  for (guint e = 0; e < N_ENTITIES; e++)
    entity_quarks[e] = g_quark_from_static_string (g_enum_get_value (entities, e)->value_nick);
  g_type_class_unref (entities);
}

static void
dl_store_init (DlStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, dl_store_statements_free);
  self->pending = g_array_new (FALSE, FALSE, sizeof (DlChange));
  self->marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->started_on = DL_DAY_NONE;

  for (guint e = 0; e < N_ENTITIES; e++)
    self->live[e] = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, live_entry_free);
}

/* Public API ---------------------------------------------------------- */

gboolean
dl_store_is_read_only (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  return self->read_only_reason != NULL;
}

const char *
dl_store_get_read_only_reason (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return self->read_only_reason;
}

/* The search index (dl-store-search.c) after changes: a second after the
 * last one, then a slice of about SEARCH_SLICE_MS every
 * SEARCH_INTERVAL_MS until it is whole.  Timeouts rather than an idle
 * source, so the main loop is idle between slices, and the slice's size
 * follows how long the last one took. */
#define SEARCH_DELAY_MS     1000
#define SEARCH_INTERVAL_MS  25
#define SEARCH_SLICE_MS     8

static void schedule_search_slice (DlStore *self,
                                   guint    delay_ms);

static gboolean
search_index_cb (gpointer data)
{
  DlStore *self = data;
  g_autoptr(GError) error = NULL;
  gint64 started, took;

  g_clear_pointer (&self->search_source, g_source_unref);
  if (self->db == NULL)
    return G_SOURCE_REMOVE;
  /* a transaction of the caller's is open (an import between its
   * slices), or the background check still runs (a write would wait for
   * it on the main thread): come back later */
  if (self->depth > 0 || self->read_depth > 0 || !dl_store_is_verified (self))
    {
      schedule_search_slice (self, SEARCH_DELAY_MS);
      return G_SOURCE_REMOVE;
    }

  started = g_get_monotonic_time ();
  if (!dl_store_search_catch_up (self, self->search_batch, &error))
    {
      g_debug ("%s", error->message);
      return G_SOURCE_REMOVE;
    }
  took = g_get_monotonic_time () - started;
  /* not a count of all that wait: after a large import that would cost
   * as much as the slice itself */
  if (!dl_store_search_waiting (self))
    return G_SOURCE_REMOVE;

  /* aim the next slice at SEARCH_SLICE_MS, between 16 and 20,000 people */
  self->search_batch = CLAMP (self->search_batch * SEARCH_SLICE_MS * 1000 / MAX (took, 1), 16, 20000);
  schedule_search_slice (self, SEARCH_INTERVAL_MS);
  return G_SOURCE_REMOVE;
}

static void
schedule_search_slice (DlStore *self,
                       guint    delay_ms)
{
  GSource *source;

  if (self->search_source != NULL || self->db == NULL || self->read_only_reason != NULL)
    return;

  source = g_timeout_source_new (delay_ms);
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, search_index_cb, self, NULL);
  g_source_set_static_name (source, "[dl-store] search index");
  g_source_attach (source, NULL);
  self->search_source = source;
  if (self->search_batch == 0)
    self->search_batch = 256;
}

void
dl_store_schedule_search_index (DlStore *self)
{
  schedule_search_slice (self, SEARCH_DELAY_MS);
}

const char *
dl_store_get_path (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return self->path;
}

sqlite3 *
dl_store_get_handle (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return self->db;
}

gboolean
dl_store_is_empty (DlStore *self)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  stmt = dl_store_prepare (self,
                           "SELECT NOT EXISTS (SELECT 1 FROM profile) "
                           "AND NOT EXISTS (SELECT 1 FROM person)",
                           NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
}

gboolean
dl_store_has_business (DlStore *self)
{
  g_autoptr(DlStmt) stmt = NULL;

  g_return_val_if_fail (DL_IS_STORE (self), FALSE);

  stmt = dl_store_prepare (self,
                           "SELECT EXISTS (SELECT 1 FROM person "
                           "WHERE id IS NOT (SELECT person_id FROM profile))",
                           NULL);

  return stmt == NULL || (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0));
}

/* Shared models are kept only while someone uses them. */
static GListModel *
shared_model (GListModel **slot,
              GListModel  *(*create) (DlStore *self),
              DlStore      *self)
{
  GListModel *model;

  if (*slot != NULL)
    return g_object_ref (*slot);

  model = create (self);
  g_set_weak_pointer (slot, model);

  return model;
}

GListModel *
dl_store_get_people (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->people, dl_store_create_people, self);
}

GListModel *
dl_store_get_stages (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->stages, dl_store_create_stages, self);
}

GListModel *
dl_store_get_members (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->members, dl_store_create_members, self);
}

GListModel *
dl_store_get_templates (DlStore *self)
{
  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  return shared_model (&self->templates, dl_store_create_templates, self);
}

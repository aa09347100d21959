/* dl-today-model.c — who is due today, as list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today-model"

#include "config.h"

#include "dl-clock.h"
#include "dl-today-model.h"
#include "dl-settings.h"
#include "dl-today-source.h"

/* How often the model looks whether the day changed. */
#define CLOCK_CHECK_SECONDS 30

struct _DlTodayModel
{
  GObject        parent_instance;

  DlStore       *store;
  GSettings     *settings;
  DlDay          fixed_today;      /* DL_DAY_NONE: the clock */
  DlDay          computed_for;
  GPtrArray     *items;            /* of DlTodayItem, all sections */
  /* what the last computation read, for plans further ahead */
  DlTree        *tree;
  GArray        *prospects;        /* of DlTodayProspect */
  GPtrArray     *names;            /* the prospects' names */
  GListStore    *sections[DL_TODAY_N_SECTIONS];
  GListStore    *plan_items;       /* of DlTodayItem: the day plan */
  DlDayPlan     *day_plan;
  gboolean       sections_wanted;  /* the older sectioned list has been asked for */
  GArray        *events;           /* of DlPlanEvent, read again only when the months may have moved */
  /* The prospects as last read from the store, shared with the plans
   * made from them, until a change may have moved one: read again for
   * every plan, they were a tenth of the main loop's work after adding
   * a member at a million members. */
  GArray        *kept_prospects;
  GPtrArray     *kept_names;
  DlDay          events_for;
  guint          n_open;
  guint          n_done;
  guint          refresh_idle;
  guint          clock_source;
  gboolean       skipped_damaged;  /* the last computation left a damaged file unread */
  GCancellable  *reading;          /* the tree being read in a thread, or NULL */
  GCancellable  *planning;         /* the plan being worked out in a thread, or NULL */
  guint          plan_serial;      /* of the last plan asked for: older ones are dropped */
  gboolean       read_again;       /* something changed while it was read or planned */
  gboolean       built;            /* a plan was made for this store */
};

static void dl_today_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlTodayModel, dl_today_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dl_today_model_list_model_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_TODAY,
  PROP_N_OPEN,
  PROP_N_DONE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static DlDay
current_today (DlTodayModel *self)
{
  return self->fixed_today != DL_DAY_NONE ? self->fixed_today : dl_clock_get_today (dl_clock_get_default ());
}

static void
read_cadence (DlTodayModel *self,
              DlCadence    *cadence)
{
  dl_settings_get_cadence (dl_settings_get_default (), cadence);
}

/* The older sectioned list (overdue, due today, welcomes, follow-ups,
 * coming up): what the GListModel interface and the sections hold.  The
 * day plan has taken its place in the window, so it is worked out only
 * once something has asked for it, then after every change. */
static void
compute_sections (DlTodayModel    *self,
                  const DlCadence *cadence)
{
  g_autoptr(DlTodayPlan) plan = dl_today_plan_new ();
  g_autoptr(GPtrArray) old = NULL;
  DlDay today = self->computed_for;
  guint n_old = self->items->len;
  gboolean open_changed, done_changed;

  dl_today_plan_compute (plan, self->tree, cadence,
                         self->prospects != NULL ? (DlTodayProspect *) (gpointer) self->prospects->data : NULL,
                         self->prospects != NULL ? self->prospects->len : 0, today);

  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (plan->entries->len, g_object_unref);
  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    {
      g_autoptr(GPtrArray) section = g_ptr_array_new ();

      for (guint i = 0; i < plan->section_count[s]; i++)
        {
          const DlTodayEntry *e = &g_array_index (plan->entries, DlTodayEntry, plan->section_start[s] + i);
          DlTodayItem *item = dl_today_item_new (e, today, self->tree, cadence);

          g_ptr_array_add (self->items, item);
          g_ptr_array_add (section, item);
        }
      g_list_store_splice (self->sections[s], 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->sections[s])),
                           section->pdata, section->len);
    }

  open_changed = self->n_open != plan->n_open;
  done_changed = self->n_done != plan->n_done;
  self->n_open = plan->n_open;
  self->n_done = plan->n_done;

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->items->len);
  if (open_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  if (done_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
}

static void recompute (DlTodayModel *self);

/* The sections are asked for: from now on they are kept up to date. */
static void
want_sections (DlTodayModel *self)
{
  DlCadence cadence;

  if (self->sections_wanted)
    return;
  self->sections_wanted = TRUE;
  /* asked for now: the read or plan in flight is not waited for */
  if (self->reading != NULL || self->planning != NULL)
    {
      recompute (self);
      return;
    }
  read_cadence (self, &cadence);
  compute_sections (self, &cadence);
}

/* Whether there is a downline to read: a file found damaged is not
 * read (the window tells the person what is wrong, and "verified", a
 * backup restored, brings us back).  One still being checked is read at
 * once: at a million members the check takes many seconds, and damage
 * found later stops the window anyway. */
static gboolean
wants_tree (DlTodayModel *self)
{
  return self->store != NULL && !dl_store_is_damaged (self->store) && dl_store_get_user_id (self->store) != 0;
}

/* What one plan is worked out from, and the plan: gathered on the main
 * thread (the store's prospects and months, the preferences), worked
 * out anywhere (dl_day_plan_build reads only these), shown on the main
 * thread.  The tree is shared: the store patches a contact into it with
 * an atomic store, so a thread reads the old day or the new one, and
 * the change's own refresh follows. */
typedef struct
{
  guint          serial;
  DlTree        *tree;        /* NULL: no downline */
  GArray        *prospects;   /* of DlTodayProspect, or NULL */
  GPtrArray     *names;       /* the prospects' names */
  GArray        *events;      /* of DlPlanEvent, or NULL */
  GArray        *pinned;      /* of DlTaskKey: the options point into it */
  DlPlanOptions  options;
  DlCadence      cadence;
  DlDay          today;
  DlDayPlan     *plan;
} PlanJob;

static void
plan_job_free (gpointer data)
{
  PlanJob *job = data;

  g_clear_pointer (&job->tree, dl_tree_unref);
  g_clear_pointer (&job->prospects, g_array_unref);
  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_clear_pointer (&job->events, g_array_unref);
  g_clear_pointer (&job->pinned, g_array_unref);
  g_clear_pointer (&job->plan, dl_day_plan_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlanJob, plan_job_free)

/* Gathers what a plan from tree (NULL: no downline, or it could not be
 * read) needs, on the main thread. */
static PlanJob *
prepare_plan (DlTodayModel *self,
              DlTree       *tree)
{
  PlanJob *job = g_new0 (PlanJob, 1);
  const char *path = self->store != NULL ? dl_store_get_path (self->store) : NULL;

  job->serial = ++self->plan_serial;
  job->today = current_today (self);
  job->pinned = g_array_new (FALSE, FALSE, sizeof (DlTaskKey));
  job->plan = dl_day_plan_new ();

  self->skipped_damaged = self->store != NULL && dl_store_is_damaged (self->store);
  if (wants_tree (self))
    {
      job->tree = tree != NULL ? dl_tree_ref (tree) : NULL;
      if (self->kept_prospects == NULL)
        {
          self->kept_names = g_ptr_array_new_with_free_func (g_free);
          self->kept_prospects = dl_today_source_load_prospects (self->store, self->kept_names);
        }
      job->prospects = g_array_ref (self->kept_prospects);
      job->names = g_ptr_array_ref (self->kept_names);
      /* the months change with an import (a change of members), or
       * with the day; a contact or a card moved leaves them */
      if (tree != NULL && (self->events == NULL || self->events_for != job->today))
        {
          g_clear_pointer (&self->events, g_array_unref);
          self->events = dl_today_source_load_events (self->store, job->today);
          self->events_for = job->today;
        }
      if (tree != NULL)
        job->events = g_array_ref (self->events);
    }

  read_cadence (self, &job->cadence);
  dl_today_source_read_options (self->settings, path, job->today, job->tree != NULL, &job->options, job->pinned);
  if (job->events != NULL)
    {
      job->options.events = (const DlPlanEvent *) (gpointer) job->events->data;
      job->options.n_events = job->events->len;
    }
  return job;
}

static void
run_plan (PlanJob *job)
{
  dl_day_plan_build (job->plan, job->tree, &job->cadence,
                     job->prospects != NULL ? (DlTodayProspect *) (gpointer) job->prospects->data : NULL,
                     job->prospects != NULL ? job->prospects->len : 0, &job->options, job->today);
}

/* Shows the plan job worked out: only the rows whose task changed are
 * made again. */
static void
apply_plan (DlTodayModel *self,
            PlanJob      *job,
            gboolean      was_loading)
{
  const char *path = self->store != NULL ? dl_store_get_path (self->store) : NULL;
  DlDay today = job->today;
  DlTree *tree = job->tree;

  {
    DlDayPlan *shown = self->day_plan;

    self->day_plan = g_steal_pointer (&job->plan);
    job->plan = shown;
  }
  /* the day keeps this order from now on, across restarts too */
  if (tree != NULL || (job->prospects != NULL && job->prospects->len > 0))
    dl_today_source_save_plan (self->settings, path, today, self->day_plan);

  /* only the rows whose task changed are made again: logging a
   * contact touches one row, not the whole list */
  {
    GListModel *shown = G_LIST_MODEL (self->plan_items);
    guint n_new = self->day_plan->tasks->len;
    guint n_cur = g_list_model_get_n_items (shown);
    guint n_min = MIN (n_new, n_cur);
    guint first = 0, tail = 0;

    while (first < n_min)
      {
        g_autoptr(DlTodayItem) item = g_list_model_get_item (shown, first);

        if (!dl_today_item_keep_for_task (item, &g_array_index (self->day_plan->tasks, DlTask, first), today, tree))
          break;
        first++;
      }
    while (tail < n_min - first)
      {
        g_autoptr(DlTodayItem) item = g_list_model_get_item (shown, n_cur - 1 - tail);

        if (!dl_today_item_keep_for_task (item, &g_array_index (self->day_plan->tasks, DlTask, n_new - 1 - tail),
                                          today, tree))
          break;
        tail++;
      }
    if (first < n_new - tail || first < n_cur - tail)
      {
        g_autoptr(GPtrArray) tasks = g_ptr_array_new_full (n_new - tail - first, g_object_unref);

        for (guint i = first; i < n_new - tail; i++)
          g_ptr_array_add (tasks, dl_today_item_new_for_task (&g_array_index (self->day_plan->tasks, DlTask, i),
                                                              today, tree, &job->cadence));
        g_list_store_splice (self->plan_items, first, n_cur - tail - first, tasks->pdata, tasks->len);
      }
  }

  self->computed_for = today;
  g_clear_pointer (&self->tree, dl_tree_unref);
  g_clear_pointer (&self->prospects, g_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  self->tree = g_steal_pointer (&job->tree);
  self->prospects = g_steal_pointer (&job->prospects);
  self->names = g_steal_pointer (&job->names);

  if (self->sections_wanted)
    compute_sections (self, &job->cadence);
  self->built = TRUE;
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[REFRESHED], 0);
}

/* The plan from tree, now, on this thread. */
static void
build (DlTodayModel *self,
       DlTree       *tree)
{
  gboolean was_loading = dl_today_model_get_loading (self);
  g_autoptr(PlanJob) job = prepare_plan (self, tree);

  run_plan (job);
  apply_plan (self, job, was_loading);
}

static void queue_refresh (DlTodayModel *self);

/* Something asked for a new plan while one was read or worked out: the
 * next one comes once this one is shown. */
static void
done_waiting (DlTodayModel *self)
{
  if (self->read_again && self->reading == NULL && self->planning == NULL)
    {
      self->read_again = FALSE;
      queue_refresh (self);
    }
}

/* A thread's work holds the model weakly: a model dropped while a
 * million members are read or planned is disposed at once, which
 * cancels that work, rather than kept alive to plan for a file that is
 * gone. */
static GWeakRef *
weak_model_new (DlTodayModel *self)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  return ref;
}

/* The model (a new reference) or NULL; frees ref. */
static DlTodayModel *
weak_model_take (GWeakRef *ref)
{
  DlTodayModel *self = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return self;
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  run_plan (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
plan_ready_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DlTodayModel) self = weak_model_take (user_data);
  PlanJob *job = g_task_get_task_data (G_TASK (result));
  gboolean was_loading;

  /* cancelled: the store changed hands, a plan was wanted at once, or
   * the model is gone */
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self == NULL)
    return;

  was_loading = dl_today_model_get_loading (self);
  g_clear_object (&self->planning);
  if (job->serial == self->plan_serial)
    apply_plan (self, job, was_loading);
  done_waiting (self);
}

/* The plan from tree, worked out in a thread: at a million members it
 * takes 30-100 ms, more than a frame, after every contact logged. */
static void
build_in_thread (DlTodayModel *self,
                 DlTree       *tree)
{
  g_autoptr(GTask) task = NULL;

  self->planning = g_cancellable_new ();
  task = g_task_new (NULL, self->planning, plan_ready_cb, weak_model_new (self));
  g_task_set_source_tag (task, build_in_thread);
  g_task_set_task_data (task, prepare_plan (self, tree), plan_job_free);
  g_task_run_in_thread (task, plan_thread);
}

static void
tree_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DlTodayModel) self = weak_model_take (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = dl_store_load_tree_finish (DL_STORE (source), result, &error);

  /* cancelled: the store changed hands, a plan was wanted at once, or
   * the model is gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
    return;

  /* a damaged file is the window's to report, once */
  if (tree == NULL)
    g_debug ("Cannot read the downline for Today: %s", error->message);
  g_clear_object (&self->reading);
  build_in_thread (self, tree);
}

/* Stops waiting for a read or a plan in flight (its result is dropped). */
static void
forget_waiting (DlTodayModel *self)
{
  gboolean was_loading = dl_today_model_get_loading (self);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  g_clear_object (&self->reading);
  g_clear_object (&self->planning);
  self->read_again = FALSE;
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* The plan again, now: the downline is read on this thread when the
 * store keeps none (a second at a million members).  For callers that
 * need the answer at once, such as the notifier. */
static void
recompute (DlTodayModel *self)
{
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  forget_waiting (self);
  if (wants_tree (self))
    {
      tree = dl_store_load_tree (self->store, &error);
      if (tree == NULL)
        g_debug ("Cannot read the downline for Today: %s", error->message);
    }
  build (self, tree);
}

/* The plan again, off the window's thread: from the tree the store
 * keeps when it is current (a contact, a card moved, the day or the
 * preferences changed), else once a thread has read it, so a window
 * never waits for a million members. */
static void
update (DlTodayModel *self)
{
  g_autoptr(DlTree) tree = NULL;
  gboolean was_loading = dl_today_model_get_loading (self);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  if (self->reading != NULL || self->planning != NULL)
    {
      self->read_again = TRUE;
      return;
    }
  if (!wants_tree (self))
    {
      build (self, NULL);
      return;
    }
  tree = dl_store_peek_kept_tree (self->store);
  if (tree != NULL)
    build_in_thread (self, tree);
  else
    {
      self->reading = g_cancellable_new ();
      dl_store_load_tree_async (self->store, self->reading, tree_read_cb, weak_model_new (self));
    }
  if (!was_loading && dl_today_model_get_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DlTodayModel *self = user_data;

  self->refresh_idle = 0;
  update (self);
  return G_SOURCE_REMOVE;
}

static void
queue_refresh (DlTodayModel *self)
{
  if (self->refresh_idle == 0)
    self->refresh_idle = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

/* The background check passed: only a list left unread for damage (a
 * backup restored since) needs reading; one read while the check ran
 * already says what the file says. */
static void
on_store_verified_cb (DlTodayModel *self)
{
  if (self->skipped_damaged)
    queue_refresh (self);
}

static void
forget_prospects (DlTodayModel *self)
{
  g_clear_pointer (&self->kept_prospects, g_array_unref);
  g_clear_pointer (&self->kept_names, g_ptr_array_unref);
}

/* Whether a change may move a prospect's due day or words: a member
 * added, moved or edited does not, nor does a person who is no prospect
 * due (a member deleted is a change of people too). */
static gboolean
prospects_may_change (DlTodayModel  *self,
                      DlStoreEntity  entity,
                      gint64         id)
{
  switch (entity)
    {
    case DL_STORE_ENTITY_MEMBERS:
    case DL_STORE_ENTITY_TEMPLATES:
    case DL_STORE_ENTITY_LETTERS:
      return FALSE;
    case DL_STORE_ENTITY_PEOPLE:
      if (id == 0 || self->kept_prospects == NULL)
        return TRUE;
      for (guint i = 0; i < self->kept_prospects->len; i++)
        if (g_array_index (self->kept_prospects, DlTodayProspect, i).person_id == id)
          return TRUE;
      return FALSE;
    case DL_STORE_ENTITY_PROFILE:
    case DL_STORE_ENTITY_STAGES:
    case DL_STORE_ENTITY_PROSPECTS:
    case DL_STORE_ENTITY_INTERACTIONS:
    default:
      return TRUE;
    }
}

static void
on_store_changed_cb (DlTodayModel  *self,
                     DlStoreEntity  entity,
                     gint64         id,
                     DlStore       *store)
{
  /* templates and letters do not move anyone's due date */
  if (entity == DL_STORE_ENTITY_TEMPLATES || entity == DL_STORE_ENTITY_LETTERS)
    return;
  /* The months' events change with a month imported (a change of all
   * members, id 0), not with one member added, edited or deleted: read
   * again, they were 12% of the main loop's work after adding a member
   * at 100,000 members.  A deleted member's events name no one in the
   * tree, and the plan passes over them. */
  if ((entity == DL_STORE_ENTITY_MEMBERS && id == 0) || entity == DL_STORE_ENTITY_PROFILE)
    g_clear_pointer (&self->events, g_array_unref);
  if (prospects_may_change (self, entity, id))
    forget_prospects (self);
  queue_refresh (self);
}

static void
on_settings_changed_cb (DlTodayModel *self,
                        const char   *key,
                        GSettings    *settings)
{
  if (g_str_has_prefix (key, "cadence-") || g_str_equal (key, "daily-capacity")
      || g_str_equal (key, "today-capacity") || g_str_equal (key, "today-kinds-off"))
    queue_refresh (self);
}

static gboolean
clock_check_cb (gpointer user_data)
{
  DlTodayModel *self = user_data;

  if (self->fixed_today == DL_DAY_NONE && dl_clock_get_today (dl_clock_get_default ()) != self->computed_for)
    update (self);
  return G_SOURCE_CONTINUE;
}

static GType
dl_today_model_get_item_type (GListModel *model)
{
  return DL_TYPE_TODAY_ITEM;
}

static guint
dl_today_model_get_n_items (GListModel *model)
{
  want_sections (DL_TODAY_MODEL (model));
  return DL_TODAY_MODEL (model)->items->len;
}

static gpointer
dl_today_model_get_item (GListModel *model,
                         guint       position)
{
  DlTodayModel *self = DL_TODAY_MODEL (model);

  want_sections (self);
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
dl_today_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_today_model_get_item_type;
  iface->get_n_items = dl_today_model_get_n_items;
  iface->get_item = dl_today_model_get_item;
}

static void
dl_today_model_dispose (GObject *object)
{
  DlTodayModel *self = DL_TODAY_MODEL (object);

  g_clear_handle_id (&self->refresh_idle, g_source_remove);
  g_clear_handle_id (&self->clock_source, g_source_remove);
  forget_waiting (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    g_clear_object (&self->sections[s]);
  g_clear_object (&self->plan_items);
  g_clear_pointer (&self->events, g_array_unref);
  forget_prospects (self);

  G_OBJECT_CLASS (dl_today_model_parent_class)->dispose (object);
}

static void
dl_today_model_finalize (GObject *object)
{
  DlTodayModel *self = DL_TODAY_MODEL (object);

  g_ptr_array_unref (self->items);
  g_clear_pointer (&self->day_plan, dl_day_plan_free);
  g_clear_pointer (&self->tree, dl_tree_unref);
  g_clear_pointer (&self->prospects, g_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_today_model_parent_class)->finalize (object);
}

static void
dl_today_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlTodayModel *self = DL_TODAY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TODAY:
      g_value_set_int (value, self->fixed_today);
      break;
    case PROP_N_OPEN:
      g_value_set_uint (value, dl_today_model_get_n_open (self));
      break;
    case PROP_N_DONE:
      g_value_set_uint (value, dl_today_model_get_n_done (self));
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, dl_today_model_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_today_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlTodayModel *self = DL_TODAY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_today_model_set_store (self, g_value_get_object (value));
      break;
    case PROP_TODAY:
      dl_today_model_set_today (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_today_model_class_init (DlTodayModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_today_model_dispose;
  object_class->finalize = dl_today_model_finalize;
  object_class->get_property = dl_today_model_get_property;
  object_class->set_property = dl_today_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_int ("today", NULL, NULL, 0, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OPEN] =
    g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The store's downline is being read for the first plan: nothing to
   * show yet, and an empty plan would say nobody is due. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every recomputation, whether or not anything moved. */
  signals[REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dl_today_model_init (DlTodayModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->plan_items = g_list_store_new (DL_TYPE_TODAY_ITEM);
  self->day_plan = dl_day_plan_new ();
  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    self->sections[s] = g_list_store_new (DL_TYPE_TODAY_ITEM);

  /* the process's one settings object: the tree reads the same */
  self->settings = dl_settings_get_gsettings (dl_settings_get_default ());
  if (self->settings != NULL)
    {
      g_object_ref (self->settings);
      g_signal_connect_object (self->settings, "changed",
                               G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
    }

  self->clock_source = g_timeout_add_seconds (CLOCK_CHECK_SECONDS, clock_check_cb, self);
}

DlTodayModel *
dl_today_model_new (DlStore *store)
{
  g_return_val_if_fail (store == NULL || DL_IS_STORE (store), NULL);

  return g_object_new (DL_TYPE_TODAY_MODEL, "store", store, NULL);
}

static void
forget_shared_model (gpointer  data,
                     GObject  *model)
{
  g_object_set_data (G_OBJECT (data), "dl-today-model", NULL);
}

DlTodayModel *
dl_today_model_get_for_store (DlStore *store)
{
  DlTodayModel *model;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  model = g_object_get_data (G_OBJECT (store), "dl-today-model");
  if (model != NULL)
    return g_object_ref (model);

  /* the model keeps the store alive, so the store outlives the mark */
  model = dl_today_model_new (store);
  g_object_set_data (G_OBJECT (store), "dl-today-model", model);
  g_object_weak_ref (G_OBJECT (model), forget_shared_model, store);
  return model;
}

DlStore *
dl_today_model_get_store (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);
  return self->store;
}

void
dl_today_model_set_store (DlTodayModel *self,
                          DlStore      *store)
{
  g_return_if_fail (DL_IS_TODAY_MODEL (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  forget_waiting (self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->events, g_array_unref);
  forget_prospects (self);
  self->built = FALSE;
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::verified", G_CALLBACK (on_store_verified_cb),
                               self, G_CONNECT_SWAPPED);
    }

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DlDay
dl_today_model_get_today (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), DL_DAY_NONE);
  return current_today (self);
}

void
dl_today_model_set_today (DlTodayModel *self,
                          DlDay         today)
{
  g_return_if_fail (DL_IS_TODAY_MODEL (self));

  if (self->fixed_today == today)
    return;

  self->fixed_today = today;
  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

GListModel *
dl_today_model_get_section (DlTodayModel   *self,
                            DlTodaySection  section)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);
  g_return_val_if_fail (section < DL_TODAY_N_SECTIONS, NULL);

  want_sections (self);
  return G_LIST_MODEL (self->sections[section]);
}

guint
dl_today_model_get_n_open (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), 0);
  want_sections (self);
  return self->n_open;
}

guint
dl_today_model_get_n_done (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), 0);
  want_sections (self);
  return self->n_done;
}

void
dl_today_model_refresh (DlTodayModel *self)
{
  g_return_if_fail (DL_IS_TODAY_MODEL (self));
  recompute (self);
}

gboolean
dl_today_model_is_current (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), FALSE);
  /* read_again: a change came while the plan shown was worked out */
  return self->built && self->reading == NULL && self->planning == NULL && self->refresh_idle == 0
         && !self->read_again && self->computed_for == current_today (self);
}

void
dl_today_model_update (DlTodayModel *self)
{
  g_return_if_fail (DL_IS_TODAY_MODEL (self));
  if (self->reading == NULL && self->planning == NULL)
    queue_refresh (self);
}

gboolean
dl_today_model_get_loading (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), FALSE);
  return (self->reading != NULL || self->planning != NULL) && !self->built;
}

DlTodayItem *
dl_today_model_find (DlTodayModel *self,
                     gint64        person_id)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      DlTodayItem *item = g_ptr_array_index (self->items, i);

      if (dl_today_item_get_person_id (item) == person_id)
        return item;
    }
  return NULL;
}

DlTodayPlan *
dl_today_model_plan_ahead (DlTodayModel *self,
                           guint         horizon_days)
{
  DlTodayPlan *plan;
  DlCadence cadence;

  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);

  if (self->refresh_idle != 0 || self->reading != NULL || self->planning != NULL)
    recompute (self);

  read_cadence (self, &cadence);
  plan = dl_today_plan_new ();
  dl_today_plan_compute_ahead (plan, self->tree, &cadence,
                               self->prospects != NULL ? (DlTodayProspect *) (gpointer) self->prospects->data : NULL,
                               self->prospects != NULL ? self->prospects->len : 0,
                               self->computed_for, horizon_days);
  return plan;
}

GListModel *
dl_today_model_get_plan (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);
  return G_LIST_MODEL (self->plan_items);
}

const DlDayPlan *
dl_today_model_get_day_plan (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);
  return self->day_plan;
}

GListModel *
dl_today_model_list_rollup (DlTodayModel *self,
                            DlTaskKind    kind)
{
  GListStore *out;
  const DlTask *tasks;
  guint n = 0;
  DlCadence cadence;

  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), NULL);

  out = g_list_store_new (DL_TYPE_TODAY_ITEM);
  read_cadence (self, &cadence);
  tasks = dl_day_plan_get_rollup_tasks (self->day_plan, kind, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlTodayItem) item = NULL;

      if (tasks[i].kind != DL_TASK_FOLLOW_UP && self->tree == NULL)
        continue;
      item = dl_today_item_new_for_task (&tasks[i], self->computed_for, self->tree, &cadence);
      g_list_store_append (out, item);
    }
  return G_LIST_MODEL (out);
}

guint
dl_today_model_get_capacity (DlTodayModel *self)
{
  g_return_val_if_fail (DL_IS_TODAY_MODEL (self), 0);
  /* what the settings say, not the plan on screen: a plan for a new
   * capacity may still be worked out in a thread */
  if (self->settings == NULL)
    return self->day_plan->capacity;
  return dl_today_source_get_capacity (self->settings, current_today (self));
}

void
dl_today_model_set_capacity_for_today (DlTodayModel *self,
                                       guint         capacity)
{
  g_return_if_fail (DL_IS_TODAY_MODEL (self));
  g_return_if_fail (capacity > 0);

  if (self->settings == NULL || capacity == dl_today_model_get_capacity (self))
    return;
  dl_today_source_set_capacity_for_today (self->settings, current_today (self), capacity);
  update (self);
}

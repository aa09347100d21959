/* dl-today-item.c — one row of the Today list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today-item"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-today-item.h"

struct _DlTodayItem
{
  GObject     parent_instance;

  DlTodayEntry entry;
  DlTask       task;
  gboolean     is_task;
  char        *name;
  DlDay        today;
  DlTree      *tree;          /* members only */
  DlCadence    cadence;
  char        *reason;        /* made on demand */
  char        *last_contact;  /* made on demand */
  gint         risk_score;    /* -1 until asked for */
  DlRiskBand   risk_band;
};

G_DEFINE_FINAL_TYPE (DlTodayItem, dl_today_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dl_today_item_finalize (GObject *object)
{
  DlTodayItem *self = DL_TODAY_ITEM (object);

  g_free (self->name);
  g_clear_pointer (&self->tree, dl_tree_unref);
  g_free (self->reason);
  g_free (self->last_contact);

  G_OBJECT_CLASS (dl_today_item_parent_class)->finalize (object);
}

static void
dl_today_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlTodayItem *self = DL_TODAY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_REASON:
      g_value_set_string (value, dl_today_item_get_reason (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_today_item_class_init (DlTodayItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_today_item_finalize;
  object_class->get_property = dl_today_item_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_today_item_init (DlTodayItem *self)
{
  self->risk_score = -1;
}

/* The reason often counts the days already; the date adds what it lacks. */
static char *
describe_last_contact (DlDay last_contact,
                       DlDay today)
{
  g_autofree char *date = NULL;

  if (last_contact == DL_DAY_NONE || last_contact >= today - 1)
    return dl_today_describe_last_contact (last_contact, today);

  date = dl_day_format_short (last_contact);
  /* Translators: %s is a short date */
  return g_strdup_printf (_("Last contact %s"), date);
}

DlTodayItem *
dl_today_item_new (const DlTodayEntry *entry,
                   DlDay               today,
                   DlTree             *tree,
                   const DlCadence    *cadence)
{
  DlTodayItem *self;

  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (entry->kind == DL_TODAY_KIND_FOLLOW_UP || tree != NULL, NULL);

  self = g_object_new (DL_TYPE_TODAY_ITEM, NULL);
  self->entry = *entry;
  self->name = g_strdup (entry->name);
  self->entry.name = self->name;
  self->today = today;
  if (entry->kind != DL_TODAY_KIND_FOLLOW_UP)
    self->tree = dl_tree_ref (tree);
  if (cadence != NULL)
    self->cadence = *cadence;
  else
    dl_cadence_init_defaults (&self->cadence);

  return self;
}

const char *
dl_today_item_get_letter (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), NULL);

  return self->is_task ? dl_task_get_letter (self->task.kind, self->task.event_kind) : NULL;
}

gboolean
dl_today_item_keep_for_task (DlTodayItem  *self,
                             const DlTask *task,
                             DlDay         today,
                             DlTree       *tree)
{
  const DlTask *mine;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), FALSE);
  g_return_val_if_fail (task != NULL, FALSE);

  mine = &self->task;
  if (!self->is_task || self->today != today)
    return FALSE;
  if (mine->person_id != task->person_id || mine->kind != task->kind
      || mine->state != task->state || mine->event_kind != task->event_kind
      || mine->risk_band != task->risk_band || mine->risk_score != task->risk_score
      || mine->touch_day != task->touch_day || mine->level != task->level
      || mine->due_on != task->due_on || mine->days_overdue != task->days_overdue
      || mine->joined_on != task->joined_on || mine->last_contact != task->last_contact
      || mine->event_on != task->event_on || mine->cadence_days != task->cadence_days
      || g_strcmp0 (self->name, task->name) != 0)
    return FALSE;

  /* the words also name the sponsor, who may have been renamed */
  reason = dl_task_describe (task, today);
  if (g_strcmp0 (reason, self->reason) != 0)
    return FALSE;

  /* The same words and figures from another tree: a member added or
   * moved elsewhere in the downline read the tree again, and shifted
   * this member's row in it.  The item reads its risk there, so it
   * takes the new tree and row; nothing it shows changes. */
  if (task->kind != DL_TASK_FOLLOW_UP && self->tree != tree)
    {
      g_clear_pointer (&self->tree, dl_tree_unref);
      self->tree = dl_tree_ref (tree);
    }
  self->task.index = task->index;
  self->entry.index = task->index;
  return TRUE;
}

DlTodayItem *
dl_today_item_new_for_task (const DlTask    *task,
                            DlDay            today,
                            DlTree          *tree,
                            const DlCadence *cadence)
{
  DlTodayItem *self;

  g_return_val_if_fail (task != NULL, NULL);
  g_return_val_if_fail (task->kind == DL_TASK_FOLLOW_UP || tree != NULL, NULL);

  self = g_object_new (DL_TYPE_TODAY_ITEM, NULL);
  self->is_task = TRUE;
  self->task = *task;
  self->name = g_strdup (task->name);
  self->task.name = self->name;
  /* the sponsor's name is only needed for the words, made here */
  self->reason = dl_task_describe (task, today);
  self->task.sponsor_name = NULL;
  self->today = today;

  self->entry.person_id = task->person_id;
  self->entry.name = self->name;
  self->entry.index = task->index;
  self->entry.kind = task->kind == DL_TASK_FOLLOW_UP ? DL_TODAY_KIND_FOLLOW_UP
                     : task->kind == DL_TASK_WELCOME || task->kind == DL_TASK_UPLINE_WELCOME ? DL_TODAY_KIND_WELCOME
                     : DL_TODAY_KIND_CHECK_IN;
  self->entry.section = task->kind == DL_TASK_FOLLOW_UP ? DL_TODAY_FOLLOW_UP
                        : self->entry.kind == DL_TODAY_KIND_WELCOME ? DL_TODAY_WELCOME
                        : task->days_overdue > 0 ? DL_TODAY_OVERDUE : DL_TODAY_DUE_TODAY;
  self->entry.due_on = task->due_on;
  self->entry.days_overdue = task->days_overdue;
  self->entry.last_contact = task->last_contact;
  self->entry.joined_on = task->joined_on;
  self->entry.cadence_days = task->cadence_days;
  if (task->kind != DL_TASK_FOLLOW_UP)
    self->tree = dl_tree_ref (tree);
  if (cadence != NULL)
    self->cadence = *cadence;
  else
    dl_cadence_init_defaults (&self->cadence);

  return self;
}

gboolean
dl_today_item_get_task (DlTodayItem *self,
                        DlTaskKind  *kind,
                        DlTaskState *state)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), FALSE);

  if (!self->is_task)
    return FALSE;
  if (kind != NULL)
    *kind = self->task.kind;
  if (state != NULL)
    *state = self->task.state;
  return TRUE;
}

gint64
dl_today_item_get_person_id (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), 0);
  return self->entry.person_id;
}

const char *
dl_today_item_get_name (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), NULL);
  return self->name;
}

DlTodaySection
dl_today_item_get_section (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), DL_TODAY_OVERDUE);
  return self->entry.section;
}

DlTodayKind
dl_today_item_get_kind (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), DL_TODAY_KIND_CHECK_IN);
  return self->entry.kind;
}

gboolean
dl_today_item_is_prospect (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), FALSE);
  return self->entry.kind == DL_TODAY_KIND_FOLLOW_UP;
}

DlDay
dl_today_item_get_due_on (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), DL_DAY_NONE);
  return self->entry.due_on;
}

gint
dl_today_item_get_days_overdue (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), 0);
  return self->entry.days_overdue;
}

const char *
dl_today_item_get_reason (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), NULL);
  if (self->reason == NULL)
    self->reason = dl_today_entry_describe (&self->entry, self->today);
  return self->reason;
}

const char *
dl_today_item_get_last_contact (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), NULL);
  if (self->last_contact == NULL)
    self->last_contact = describe_last_contact (self->entry.last_contact, self->today);
  return self->last_contact;
}

gboolean
dl_today_item_get_risk (DlTodayItem *self,
                        DlRiskBand  *band,
                        guint       *score)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), FALSE);

  if (self->tree == NULL)
    return FALSE;
  if (self->risk_score < 0)
    self->risk_score = dl_rules_risk_score (self->tree, self->entry.index, &self->cadence,
                                            self->today, &self->risk_band);
  if (band != NULL)
    *band = self->risk_band;
  if (score != NULL)
    *score = self->risk_score;
  return TRUE;
}

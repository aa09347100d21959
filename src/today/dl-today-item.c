/* dl-today-item.c — one row of the Today list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today-item"

#include "config.h"

#include "dl-today-item.h"

struct _DlTodayItem
{
  GObject     parent_instance;

  gint64      person_id;
  char       *name;
  char       *reason;
  char       *last_contact;
  DlDay       due_on;
  gint        days_overdue;
  guint8      section;
  guint8      kind;
  guint8      risk_band;
  gboolean    risk_known;
  guint       risk_score;
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
      g_value_set_string (value, self->reason);
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
}

DlTodayItem *
dl_today_item_new (const DlTodayEntry *entry,
                   DlDay               today,
                   DlRiskBand          risk_band,
                   guint               risk_score,
                   gboolean            risk_known)
{
  DlTodayItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (DL_TYPE_TODAY_ITEM, NULL);
  self->person_id = entry->person_id;
  self->name = g_strdup (entry->name);
  self->reason = dl_today_entry_describe (entry, today);
  self->last_contact = dl_today_describe_last_contact (entry->last_contact, today);
  self->due_on = entry->due_on;
  self->days_overdue = entry->days_overdue;
  self->section = entry->section;
  self->kind = entry->kind;
  self->risk_band = risk_band;
  self->risk_score = risk_score;
  self->risk_known = risk_known;

  return self;
}

gint64
dl_today_item_get_person_id (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), 0);
  return self->person_id;
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
  return self->section;
}

DlTodayKind
dl_today_item_get_kind (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), DL_TODAY_KIND_CHECK_IN);
  return self->kind;
}

gboolean
dl_today_item_is_prospect (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), FALSE);
  return self->kind == DL_TODAY_KIND_FOLLOW_UP;
}

DlDay
dl_today_item_get_due_on (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), DL_DAY_NONE);
  return self->due_on;
}

gint
dl_today_item_get_days_overdue (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), 0);
  return self->days_overdue;
}

const char *
dl_today_item_get_reason (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), NULL);
  return self->reason;
}

const char *
dl_today_item_get_last_contact (DlTodayItem *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), NULL);
  return self->last_contact;
}

gboolean
dl_today_item_get_risk (DlTodayItem *self,
                        DlRiskBand  *band,
                        guint       *score)
{
  g_return_val_if_fail (DL_IS_TODAY_ITEM (self), FALSE);

  if (band != NULL)
    *band = self->risk_band;
  if (score != NULL)
    *score = self->risk_score;
  return self->risk_known;
}

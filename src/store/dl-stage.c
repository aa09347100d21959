/* dl-stage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-stage.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlStage
{
  GObject parent_instance;

  gint64       id;
  char        *name;
  guint        position;
  DlStageKind  kind;
  guint        probability;
  guint        stale_days;
};

G_DEFINE_FINAL_TYPE (DlStage, dl_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_POSITION,
  PROP_KIND,
  PROP_PROBABILITY,
  PROP_STALE_DAYS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dl_stage_finalize (GObject *object)
{
  DlStage *self = (DlStage *)object;

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (dl_stage_parent_class)->finalize (object);
}

static void
dl_stage_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  DlStage *self = DL_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_stage_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, dl_stage_get_name (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, dl_stage_get_position (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, dl_stage_get_kind (self));
      break;

    case PROP_PROBABILITY:
      g_value_set_uint (value, dl_stage_get_probability (self));
      break;

    case PROP_STALE_DAYS:
      g_value_set_uint (value, dl_stage_get_stale_days (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_stage_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  DlStage *self = DL_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_stage_class_init (DlStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_stage_finalize;
  object_class->get_property = dl_stage_get_property;
  object_class->set_property = dl_stage_set_property;

  /* The row id. */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The column title. */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Order on the board, from 0. */
  properties [PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Open, joined or not-now. */
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       DL_TYPE_STAGE_KIND, DL_STAGE_OPEN,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Chance in percent that a prospect here joins. */
  properties [PROP_PROBABILITY] =
    g_param_spec_uint ("probability", NULL, NULL,
                       0, 100, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Days without contact after which a prospect here is stale. */
  properties [PROP_STALE_DAYS] =
    g_param_spec_uint ("stale-days", NULL, NULL,
                       1, 3650, 14,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_stage_init (DlStage *self)
{
  self->name = g_strdup ("");
  self->position = 0;
  self->probability = 0;
  self->stale_days = 14;
}

DlStage *
dl_stage_new (void)
{
  return g_object_new (DL_TYPE_STAGE, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlStage *
dl_stage_copy (DlStage *self)
{
  DlStage *copy;

  g_return_val_if_fail (DL_IS_STAGE (self), NULL);

  copy = g_object_new (DL_TYPE_STAGE, "id", self->id, NULL);
  dl_stage_assign (copy, self);

  return copy;
}

void
dl_stage_assign (DlStage *self,
                 DlStage *from)
{
  g_return_if_fail (DL_IS_STAGE (self));
  g_return_if_fail (DL_IS_STAGE (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_stage_set_name (self, from->name);
  dl_stage_set_position (self, from->position);
  dl_stage_set_kind (self, from->kind);
  dl_stage_set_probability (self, from->probability);
  dl_stage_set_stale_days (self, from->stale_days);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_stage_get_id (DlStage *self)
{
  g_return_val_if_fail (DL_IS_STAGE (self), 0);

  return self->id;
}

const char *
dl_stage_get_name (DlStage *self)
{
  g_return_val_if_fail (DL_IS_STAGE (self), NULL);

  return self->name;
}

void
dl_stage_set_name (DlStage    *self,
                   const char *name)
{
  g_return_if_fail (DL_IS_STAGE (self));

  if (dl_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

guint
dl_stage_get_position (DlStage *self)
{
  g_return_val_if_fail (DL_IS_STAGE (self), 0);

  return self->position;
}

void
dl_stage_set_position (DlStage *self,
                       guint    position)
{
  g_return_if_fail (DL_IS_STAGE (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

DlStageKind
dl_stage_get_kind (DlStage *self)
{
  g_return_val_if_fail (DL_IS_STAGE (self), 0);

  return self->kind;
}

void
dl_stage_set_kind (DlStage     *self,
                   DlStageKind  kind)
{
  g_return_if_fail (DL_IS_STAGE (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
}

guint
dl_stage_get_probability (DlStage *self)
{
  g_return_val_if_fail (DL_IS_STAGE (self), 0);

  return self->probability;
}

void
dl_stage_set_probability (DlStage *self,
                          guint    probability)
{
  g_return_if_fail (DL_IS_STAGE (self));

  if (self->probability == probability)
    return;

  self->probability = probability;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROBABILITY]);
}

guint
dl_stage_get_stale_days (DlStage *self)
{
  g_return_val_if_fail (DL_IS_STAGE (self), 0);

  return self->stale_days;
}

void
dl_stage_set_stale_days (DlStage *self,
                         guint    stale_days)
{
  g_return_if_fail (DL_IS_STAGE (self));

  if (self->stale_days == stale_days)
    return;

  self->stale_days = stale_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STALE_DAYS]);
}


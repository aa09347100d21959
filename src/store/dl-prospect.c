/* dl-prospect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-prospect.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlProspect
{
  GObject parent_instance;

  gint64           id;
  DlPerson        *person;
  gint64           stage_id;
  guint            position;
  DlInterest       interest;
  DlQualification  qualification;
  DlDay            next_follow_up;
  GDateTime       *entered_stage_at;
  char            *not_now_reason;
  DlDay            revisit_on;
};

G_DEFINE_FINAL_TYPE (DlProspect, dl_prospect, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PERSON,
  PROP_STAGE_ID,
  PROP_POSITION,
  PROP_INTEREST,
  PROP_QUALIFICATION,
  PROP_NEXT_FOLLOW_UP,
  PROP_ENTERED_STAGE_AT,
  PROP_NOT_NOW_REASON,
  PROP_REVISIT_ON,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dl_prospect_finalize (GObject *object)
{
  DlProspect *self = (DlProspect *)object;

  g_clear_pointer (&self->entered_stage_at, g_date_time_unref);
  g_clear_pointer (&self->not_now_reason, g_free);

  G_OBJECT_CLASS (dl_prospect_parent_class)->finalize (object);
}

static void
dl_prospect_dispose (GObject *object)
{
  DlProspect *self = (DlProspect *)object;

  g_clear_object (&self->person);

  G_OBJECT_CLASS (dl_prospect_parent_class)->dispose (object);
}

static void
dl_prospect_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlProspect *self = DL_PROSPECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_prospect_get_id (self));
      break;

    case PROP_PERSON:
      g_value_set_object (value, dl_prospect_get_person (self));
      break;

    case PROP_STAGE_ID:
      g_value_set_int64 (value, dl_prospect_get_stage_id (self));
      break;

    case PROP_POSITION:
      g_value_set_uint (value, dl_prospect_get_position (self));
      break;

    case PROP_INTEREST:
      g_value_set_enum (value, dl_prospect_get_interest (self));
      break;

    case PROP_QUALIFICATION:
      g_value_set_flags (value, dl_prospect_get_qualification (self));
      break;

    case PROP_NEXT_FOLLOW_UP:
      g_value_set_int (value, dl_prospect_get_next_follow_up (self));
      break;

    case PROP_ENTERED_STAGE_AT:
      g_value_set_boxed (value, dl_prospect_get_entered_stage_at (self));
      break;

    case PROP_NOT_NOW_REASON:
      g_value_set_string (value, dl_prospect_get_not_now_reason (self));
      break;

    case PROP_REVISIT_ON:
      g_value_set_int (value, dl_prospect_get_revisit_on (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_prospect_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlProspect *self = DL_PROSPECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_INTEREST:
      dl_prospect_set_interest (self, g_value_get_enum (value));
      break;

    case PROP_QUALIFICATION:
      dl_prospect_set_qualification (self, g_value_get_flags (value));
      break;

    case PROP_NEXT_FOLLOW_UP:
      dl_prospect_set_next_follow_up (self, g_value_get_int (value));
      break;

    case PROP_NOT_NOW_REASON:
      dl_prospect_set_not_now_reason (self, g_value_get_string (value));
      break;

    case PROP_REVISIT_ON:
      dl_prospect_set_revisit_on (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_prospect_class_init (DlProspectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_prospect_dispose;
  object_class->finalize = dl_prospect_finalize;
  object_class->get_property = dl_prospect_get_property;
  object_class->set_property = dl_prospect_set_property;

  /* The person id. */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The person: names and contact details, shared and kept up to date. */
  properties [PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         DL_TYPE_PERSON,
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The stage the prospect is in. */
  properties [PROP_STAGE_ID] =
    g_param_spec_int64 ("stage-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Order within the stage, from 0. */
  properties [PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Interested in the product, the business or both. */
  properties [PROP_INTEREST] =
    g_param_spec_enum ("interest", NULL, NULL,
                       DL_TYPE_INTEREST, DL_INTEREST_UNKNOWN,
                       G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The qualification checks that hold. */
  properties [PROP_QUALIFICATION] =
    g_param_spec_flags ("qualification", NULL, NULL,
                        DL_TYPE_QUALIFICATION, 0,
                        G_PARAM_READWRITE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The day of the next follow-up, or DL_DAY_NONE. */
  properties [PROP_NEXT_FOLLOW_UP] =
    g_param_spec_int ("next-follow-up", NULL, NULL,
                      DL_DAY_NONE, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READWRITE |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When the prospect entered their stage (UTC). */
  properties [PROP_ENTERED_STAGE_AT] =
    g_param_spec_boxed ("entered-stage-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Why not now, for a not-now stage. */
  properties [PROP_NOT_NOW_REASON] =
    g_param_spec_string ("not-now-reason", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When to ask again, or DL_DAY_NONE. */
  properties [PROP_REVISIT_ON] =
    g_param_spec_int ("revisit-on", NULL, NULL,
                      DL_DAY_NONE, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READWRITE |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_prospect_init (DlProspect *self)
{
  self->position = 0;
  self->not_now_reason = g_strdup ("");
}

DlProspect *
dl_prospect_new (void)
{
  return g_object_new (DL_TYPE_PROSPECT, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlProspect *
dl_prospect_copy (DlProspect *self)
{
  DlProspect *copy;

  g_return_val_if_fail (DL_IS_PROSPECT (self), NULL);

  copy = g_object_new (DL_TYPE_PROSPECT, "id", self->id, NULL);
  dl_prospect_assign (copy, self);

  return copy;
}

void
dl_prospect_assign (DlProspect *self,
                    DlProspect *from)
{
  g_return_if_fail (DL_IS_PROSPECT (self));
  g_return_if_fail (DL_IS_PROSPECT (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_prospect_set_person (self, from->person);
  dl_prospect_set_stage_id (self, from->stage_id);
  dl_prospect_set_position (self, from->position);
  dl_prospect_set_interest (self, from->interest);
  dl_prospect_set_qualification (self, from->qualification);
  dl_prospect_set_next_follow_up (self, from->next_follow_up);
  dl_prospect_set_entered_stage_at (self, from->entered_stage_at);
  dl_prospect_set_not_now_reason (self, from->not_now_reason);
  dl_prospect_set_revisit_on (self, from->revisit_on);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_prospect_get_id (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->id;
}

DlPerson *
dl_prospect_get_person (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), NULL);

  return self->person;
}

void
dl_prospect_set_person (DlProspect *self,
                        DlPerson   *person)
{
  g_return_if_fail (DL_IS_PROSPECT (self));
  g_return_if_fail (person == NULL || DL_IS_PERSON (person));

  if (g_set_object (&self->person, person))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON]);
}

gint64
dl_prospect_get_stage_id (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->stage_id;
}

void
dl_prospect_set_stage_id (DlProspect *self,
                          gint64      stage_id)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (self->stage_id == stage_id)
    return;

  self->stage_id = stage_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STAGE_ID]);
}

guint
dl_prospect_get_position (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->position;
}

void
dl_prospect_set_position (DlProspect *self,
                          guint       position)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (self->position == position)
    return;

  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POSITION]);
}

DlInterest
dl_prospect_get_interest (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->interest;
}

void
dl_prospect_set_interest (DlProspect *self,
                          DlInterest  interest)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (self->interest == interest)
    return;

  self->interest = interest;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTEREST]);
}

DlQualification
dl_prospect_get_qualification (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->qualification;
}

void
dl_prospect_set_qualification (DlProspect      *self,
                               DlQualification  qualification)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (self->qualification == qualification)
    return;

  self->qualification = qualification;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_QUALIFICATION]);
}

DlDay
dl_prospect_get_next_follow_up (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->next_follow_up;
}

void
dl_prospect_set_next_follow_up (DlProspect *self,
                                DlDay       next_follow_up)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (self->next_follow_up == next_follow_up)
    return;

  self->next_follow_up = next_follow_up;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NEXT_FOLLOW_UP]);
}

GDateTime *
dl_prospect_get_entered_stage_at (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), NULL);

  return self->entered_stage_at;
}

void
dl_prospect_set_entered_stage_at (DlProspect *self,
                                  GDateTime  *entered_stage_at)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (dl_set_date_time (&self->entered_stage_at, entered_stage_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENTERED_STAGE_AT]);
}

const char *
dl_prospect_get_not_now_reason (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), NULL);

  return self->not_now_reason;
}

void
dl_prospect_set_not_now_reason (DlProspect *self,
                                const char *not_now_reason)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (dl_set_str (&self->not_now_reason, not_now_reason ? not_now_reason : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOT_NOW_REASON]);
}

DlDay
dl_prospect_get_revisit_on (DlProspect *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT (self), 0);

  return self->revisit_on;
}

void
dl_prospect_set_revisit_on (DlProspect *self,
                            DlDay       revisit_on)
{
  g_return_if_fail (DL_IS_PROSPECT (self));

  if (self->revisit_on == revisit_on)
    return;

  self->revisit_on = revisit_on;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REVISIT_ON]);
}


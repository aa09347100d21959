/* dl-member.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-member.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlMember
{
  GObject parent_instance;

  gint64          id;
  DlPerson       *person;
  gint64          sponsor_id;
  char           *member_number;
  DlDay           joined_on;
  DlRole          role;
  DlMemberStatus  status;
  DlDay           status_since;
  char           *rank;
  DlDay           last_activity;
  guint           cadence_days;
  DlDay           snoozed_until;
};

G_DEFINE_FINAL_TYPE (DlMember, dl_member, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PERSON,
  PROP_SPONSOR_ID,
  PROP_MEMBER_NUMBER,
  PROP_JOINED_ON,
  PROP_ROLE,
  PROP_STATUS,
  PROP_STATUS_SINCE,
  PROP_RANK,
  PROP_LAST_ACTIVITY,
  PROP_CADENCE_DAYS,
  PROP_SNOOZED_UNTIL,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dl_member_finalize (GObject *object)
{
  DlMember *self = (DlMember *)object;

  g_clear_pointer (&self->member_number, g_free);
  g_clear_pointer (&self->rank, g_free);

  G_OBJECT_CLASS (dl_member_parent_class)->finalize (object);
}

static void
dl_member_dispose (GObject *object)
{
  DlMember *self = (DlMember *)object;

  g_clear_object (&self->person);

  G_OBJECT_CLASS (dl_member_parent_class)->dispose (object);
}

static void
dl_member_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlMember *self = DL_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_member_get_id (self));
      break;

    case PROP_PERSON:
      g_value_set_object (value, dl_member_get_person (self));
      break;

    case PROP_SPONSOR_ID:
      g_value_set_int64 (value, dl_member_get_sponsor_id (self));
      break;

    case PROP_MEMBER_NUMBER:
      g_value_set_string (value, dl_member_get_member_number (self));
      break;

    case PROP_JOINED_ON:
      g_value_set_int (value, dl_member_get_joined_on (self));
      break;

    case PROP_ROLE:
      g_value_set_enum (value, dl_member_get_role (self));
      break;

    case PROP_STATUS:
      g_value_set_enum (value, dl_member_get_status (self));
      break;

    case PROP_STATUS_SINCE:
      g_value_set_int (value, dl_member_get_status_since (self));
      break;

    case PROP_RANK:
      g_value_set_string (value, dl_member_get_rank (self));
      break;

    case PROP_LAST_ACTIVITY:
      g_value_set_int (value, dl_member_get_last_activity (self));
      break;

    case PROP_CADENCE_DAYS:
      g_value_set_uint (value, dl_member_get_cadence_days (self));
      break;

    case PROP_SNOOZED_UNTIL:
      g_value_set_int (value, dl_member_get_snoozed_until (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_member_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlMember *self = DL_MEMBER (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_MEMBER_NUMBER:
      dl_member_set_member_number (self, g_value_get_string (value));
      break;

    case PROP_JOINED_ON:
      dl_member_set_joined_on (self, g_value_get_int (value));
      break;

    case PROP_ROLE:
      dl_member_set_role (self, g_value_get_enum (value));
      break;

    case PROP_RANK:
      dl_member_set_rank (self, g_value_get_string (value));
      break;

    case PROP_LAST_ACTIVITY:
      dl_member_set_last_activity (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_member_class_init (DlMemberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_member_dispose;
  object_class->finalize = dl_member_finalize;
  object_class->get_property = dl_member_get_property;
  object_class->set_property = dl_member_set_property;

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

  /* The sponsoring member's person id; 0 for the user and orphans. */
  properties [PROP_SPONSOR_ID] =
    g_param_spec_int64 ("sponsor-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The back-office member number; "" when unknown. */
  properties [PROP_MEMBER_NUMBER] =
    g_param_spec_string ("member-number", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The day they joined. */
  properties [PROP_JOINED_ON] =
    g_param_spec_int ("joined-on", NULL, NULL,
                      DL_DAY_NONE, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READWRITE |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Distributor or customer. */
  properties [PROP_ROLE] =
    g_param_spec_enum ("role", NULL, NULL,
                       DL_TYPE_ROLE, DL_ROLE_DISTRIBUTOR,
                       G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Active, inactive or dropped. */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       DL_TYPE_MEMBER_STATUS, DL_MEMBER_ACTIVE,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Since when the status holds, or DL_DAY_NONE. */
  properties [PROP_STATUS_SINCE] =
    g_param_spec_int ("status-since", NULL, NULL,
                      DL_DAY_NONE, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READABLE |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Rank in the compensation plan. */
  properties [PROP_RANK] =
    g_param_spec_string ("rank", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Their own last order, sale or reported sign-up. */
  properties [PROP_LAST_ACTIVITY] =
    g_param_spec_int ("last-activity", NULL, NULL,
                      DL_DAY_NONE, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READWRITE |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Check-in interval override in days; 0 for the default rules. */
  properties [PROP_CADENCE_DAYS] =
    g_param_spec_uint ("cadence-days", NULL, NULL,
                       0, 365, 0,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Check-ins deferred until this day, or DL_DAY_NONE. */
  properties [PROP_SNOOZED_UNTIL] =
    g_param_spec_int ("snoozed-until", NULL, NULL,
                      DL_DAY_NONE, G_MAXINT32, DL_DAY_NONE,
                      G_PARAM_READABLE |
                      G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_member_init (DlMember *self)
{
  self->member_number = g_strdup ("");
  self->rank = g_strdup ("");
  self->cadence_days = 0;
}

DlMember *
dl_member_new (void)
{
  return g_object_new (DL_TYPE_MEMBER, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlMember *
dl_member_copy (DlMember *self)
{
  DlMember *copy;

  g_return_val_if_fail (DL_IS_MEMBER (self), NULL);

  copy = g_object_new (DL_TYPE_MEMBER, "id", self->id, NULL);
  dl_member_assign (copy, self);

  return copy;
}

void
dl_member_assign (DlMember *self,
                  DlMember *from)
{
  g_return_if_fail (DL_IS_MEMBER (self));
  g_return_if_fail (DL_IS_MEMBER (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_member_set_person (self, from->person);
  dl_member_set_sponsor_id (self, from->sponsor_id);
  dl_member_set_member_number (self, from->member_number);
  dl_member_set_joined_on (self, from->joined_on);
  dl_member_set_role (self, from->role);
  dl_member_set_status (self, from->status);
  dl_member_set_status_since (self, from->status_since);
  dl_member_set_rank (self, from->rank);
  dl_member_set_last_activity (self, from->last_activity);
  dl_member_set_cadence_days (self, from->cadence_days);
  dl_member_set_snoozed_until (self, from->snoozed_until);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_member_get_id (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->id;
}

DlPerson *
dl_member_get_person (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), NULL);

  return self->person;
}

void
dl_member_set_person (DlMember *self,
                      DlPerson *person)
{
  g_return_if_fail (DL_IS_MEMBER (self));
  g_return_if_fail (person == NULL || DL_IS_PERSON (person));

  if (g_set_object (&self->person, person))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON]);
}

gint64
dl_member_get_sponsor_id (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->sponsor_id;
}

void
dl_member_set_sponsor_id (DlMember *self,
                          gint64    sponsor_id)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->sponsor_id == sponsor_id)
    return;

  self->sponsor_id = sponsor_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SPONSOR_ID]);
}

const char *
dl_member_get_member_number (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), NULL);

  return self->member_number;
}

void
dl_member_set_member_number (DlMember   *self,
                             const char *member_number)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (dl_set_str (&self->member_number, member_number ? member_number : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MEMBER_NUMBER]);
}

DlDay
dl_member_get_joined_on (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->joined_on;
}

void
dl_member_set_joined_on (DlMember *self,
                         DlDay     joined_on)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->joined_on == joined_on)
    return;

  self->joined_on = joined_on;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_JOINED_ON]);
}

DlRole
dl_member_get_role (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->role;
}

void
dl_member_set_role (DlMember *self,
                    DlRole    role)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->role == role)
    return;

  self->role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ROLE]);
}

DlMemberStatus
dl_member_get_status (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->status;
}

void
dl_member_set_status (DlMember       *self,
                      DlMemberStatus  status)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

DlDay
dl_member_get_status_since (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->status_since;
}

void
dl_member_set_status_since (DlMember *self,
                            DlDay     status_since)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->status_since == status_since)
    return;

  self->status_since = status_since;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS_SINCE]);
}

const char *
dl_member_get_rank (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), NULL);

  return self->rank;
}

void
dl_member_set_rank (DlMember   *self,
                    const char *rank)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (dl_set_str (&self->rank, rank ? rank : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RANK]);
}

DlDay
dl_member_get_last_activity (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->last_activity;
}

void
dl_member_set_last_activity (DlMember *self,
                             DlDay     last_activity)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->last_activity == last_activity)
    return;

  self->last_activity = last_activity;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_ACTIVITY]);
}

guint
dl_member_get_cadence_days (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->cadence_days;
}

void
dl_member_set_cadence_days (DlMember *self,
                            guint     cadence_days)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->cadence_days == cadence_days)
    return;

  self->cadence_days = cadence_days;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CADENCE_DAYS]);
}

DlDay
dl_member_get_snoozed_until (DlMember *self)
{
  g_return_val_if_fail (DL_IS_MEMBER (self), 0);

  return self->snoozed_until;
}

void
dl_member_set_snoozed_until (DlMember *self,
                             DlDay     snoozed_until)
{
  g_return_if_fail (DL_IS_MEMBER (self));

  if (self->snoozed_until == snoozed_until)
    return;

  self->snoozed_until = snoozed_until;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SNOOZED_UNTIL]);
}


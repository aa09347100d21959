/* dl-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-profile.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlProfile
{
  GObject parent_instance;

  DlPerson *person;
  char     *company;
  char     *member_number;
  char     *website;
  char     *message;
};

G_DEFINE_FINAL_TYPE (DlProfile, dl_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PERSON,
  PROP_COMPANY,
  PROP_WEBSITE,
  PROP_MESSAGE,
  PROP_MEMBER_NUMBER,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dl_profile_finalize (GObject *object)
{
  DlProfile *self = (DlProfile *)object;

  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->member_number, g_free);
  g_clear_pointer (&self->website, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (dl_profile_parent_class)->finalize (object);
}

static void
dl_profile_dispose (GObject *object)
{
  DlProfile *self = (DlProfile *)object;

  g_clear_object (&self->person);

  G_OBJECT_CLASS (dl_profile_parent_class)->dispose (object);
}

static void
dl_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlProfile *self = DL_PROFILE (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, dl_profile_get_person (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, dl_profile_get_company (self));
      break;

    case PROP_MEMBER_NUMBER:
      g_value_set_string (value, dl_profile_get_member_number (self));
      break;

    case PROP_WEBSITE:
      g_value_set_string (value, dl_profile_get_website (self));
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, dl_profile_get_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_profile_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DlProfile *self = DL_PROFILE (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      dl_profile_set_person (self, g_value_get_object (value));
      break;

    case PROP_COMPANY:
      dl_profile_set_company (self, g_value_get_string (value));
      break;

    case PROP_MEMBER_NUMBER:
      dl_profile_set_member_number (self, g_value_get_string (value));
      break;

    case PROP_WEBSITE:
      dl_profile_set_website (self, g_value_get_string (value));
      break;

    case PROP_MESSAGE:
      dl_profile_set_message (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_profile_class_init (DlProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_profile_dispose;
  object_class->finalize = dl_profile_finalize;
  object_class->get_property = dl_profile_get_property;
  object_class->set_property = dl_profile_set_property;

  /* The user as a person: names and contact details. */
  properties [PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL,
                         DL_TYPE_PERSON,
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The user's own number in the company's back office ("" if not
   * given): an imported export's row with it is the user, the root. */
  properties [PROP_MEMBER_NUMBER] =
    g_param_spec_string ("member-number", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The company the user works with. */
  properties [PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The user's website. */
  properties [PROP_WEBSITE] =
    g_param_spec_string ("website", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A personal message used in letters. */
  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_profile_init (DlProfile *self)
{
  self->company = g_strdup ("");
  self->member_number = g_strdup ("");
  self->website = g_strdup ("");
  self->message = g_strdup ("");
}

DlProfile *
dl_profile_new (void)
{
  return g_object_new (DL_TYPE_PROFILE, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlProfile *
dl_profile_copy (DlProfile *self)
{
  DlProfile *copy;

  g_return_val_if_fail (DL_IS_PROFILE (self), NULL);

  copy = g_object_new (DL_TYPE_PROFILE, NULL);
  dl_profile_assign (copy, self);
  if (self->person != NULL)
    {
      g_autoptr(DlPerson) person = dl_person_copy (self->person);

      dl_profile_set_person (copy, person);
    }

  return copy;
}

void
dl_profile_assign (DlProfile *self,
                   DlProfile *from)
{
  g_return_if_fail (DL_IS_PROFILE (self));
  g_return_if_fail (DL_IS_PROFILE (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_profile_set_person (self, from->person);
  dl_profile_set_company (self, from->company);
  dl_profile_set_member_number (self, from->member_number);
  dl_profile_set_website (self, from->website);
  dl_profile_set_message (self, from->message);
  g_object_thaw_notify (G_OBJECT (self));
}

DlPerson *
dl_profile_get_person (DlProfile *self)
{
  g_return_val_if_fail (DL_IS_PROFILE (self), NULL);

  return self->person;
}

void
dl_profile_set_person (DlProfile *self,
                       DlPerson  *person)
{
  g_return_if_fail (DL_IS_PROFILE (self));
  g_return_if_fail (person == NULL || DL_IS_PERSON (person));

  if (g_set_object (&self->person, person))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON]);
}

const char *
dl_profile_get_member_number (DlProfile *self)
{
  g_return_val_if_fail (DL_IS_PROFILE (self), NULL);

  return self->member_number;
}

void
dl_profile_set_member_number (DlProfile  *self,
                              const char *member_number)
{
  g_return_if_fail (DL_IS_PROFILE (self));

  if (dl_set_str (&self->member_number, member_number ? member_number : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MEMBER_NUMBER]);
}

const char *
dl_profile_get_company (DlProfile *self)
{
  g_return_val_if_fail (DL_IS_PROFILE (self), NULL);

  return self->company;
}

void
dl_profile_set_company (DlProfile  *self,
                        const char *company)
{
  g_return_if_fail (DL_IS_PROFILE (self));

  if (dl_set_str (&self->company, company ? company : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_COMPANY]);
}

const char *
dl_profile_get_website (DlProfile *self)
{
  g_return_val_if_fail (DL_IS_PROFILE (self), NULL);

  return self->website;
}

void
dl_profile_set_website (DlProfile  *self,
                        const char *website)
{
  g_return_if_fail (DL_IS_PROFILE (self));

  if (dl_set_str (&self->website, website ? website : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_WEBSITE]);
}

const char *
dl_profile_get_message (DlProfile *self)
{
  g_return_val_if_fail (DL_IS_PROFILE (self), NULL);

  return self->message;
}

void
dl_profile_set_message (DlProfile  *self,
                        const char *message)
{
  g_return_if_fail (DL_IS_PROFILE (self));

  if (dl_set_str (&self->message, message ? message : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MESSAGE]);
}


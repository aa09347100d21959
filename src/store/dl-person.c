/* dl-person.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-name.h"
#include "dl-person.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlPerson
{
  GObject parent_instance;

  gint64     id;
  char      *first_name;
  char      *last_name;
  char      *email;
  char      *phone;
  char      *best_time;
  char      *city;
  char      *source;
  char      *category;
  char      *notes;
  GDateTime *last_contact;
  GDateTime *created_at;
  GDateTime *updated_at;
  char      *name;
};

G_DEFINE_FINAL_TYPE (DlPerson, dl_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_BEST_TIME,
  PROP_CITY,
  PROP_SOURCE,
  PROP_CATEGORY,
  PROP_NOTES,
  PROP_LAST_CONTACT,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
update_name (DlPerson *self)
{
  g_autofree char *name = dl_name_join (self->first_name, self->last_name);

  if (dl_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

static void
dl_person_finalize (GObject *object)
{
  DlPerson *self = (DlPerson *)object;

  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->best_time, g_free);
  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->last_contact, g_date_time_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (dl_person_parent_class)->finalize (object);
}

static void
dl_person_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlPerson *self = DL_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_person_get_id (self));
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, dl_person_get_first_name (self));
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, dl_person_get_last_name (self));
      break;

    case PROP_EMAIL:
      g_value_set_string (value, dl_person_get_email (self));
      break;

    case PROP_PHONE:
      g_value_set_string (value, dl_person_get_phone (self));
      break;

    case PROP_BEST_TIME:
      g_value_set_string (value, dl_person_get_best_time (self));
      break;

    case PROP_CITY:
      g_value_set_string (value, dl_person_get_city (self));
      break;

    case PROP_SOURCE:
      g_value_set_string (value, dl_person_get_source (self));
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, dl_person_get_category (self));
      break;

    case PROP_NOTES:
      g_value_set_string (value, dl_person_get_notes (self));
      break;

    case PROP_LAST_CONTACT:
      g_value_set_boxed (value, dl_person_get_last_contact (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, dl_person_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, dl_person_get_updated_at (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, dl_person_get_name (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_person_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlPerson *self = DL_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_FIRST_NAME:
      dl_person_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      dl_person_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      dl_person_set_email (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      dl_person_set_phone (self, g_value_get_string (value));
      break;

    case PROP_BEST_TIME:
      dl_person_set_best_time (self, g_value_get_string (value));
      break;

    case PROP_CITY:
      dl_person_set_city (self, g_value_get_string (value));
      break;

    case PROP_SOURCE:
      dl_person_set_source (self, g_value_get_string (value));
      break;

    case PROP_CATEGORY:
      dl_person_set_category (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      dl_person_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_person_class_init (DlPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_person_finalize;
  object_class->get_property = dl_person_get_property;
  object_class->set_property = dl_person_set_property;

  /* The row id; 0 for a draft not saved yet. */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Given name. */
  properties [PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Family name. */
  properties [PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* E-mail address. */
  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Phone number. */
  properties [PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When they are best reached, in the user's words. */
  properties [PROP_BEST_TIME] =
    g_param_spec_string ("best-time", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* City or town. */
  properties [PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* How the user met them. */
  properties [PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Profession or category. */
  properties [PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Free notes. */
  properties [PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The latest logged contact (local time), kept by the database; NULL
   * when never contacted. */
  properties [PROP_LAST_CONTACT] =
    g_param_spec_boxed ("last-contact", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When the row was created (UTC). */
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When the row last changed (UTC). */
  properties [PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* First and last name joined, for display. */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_person_init (DlPerson *self)
{
  self->first_name = g_strdup ("");
  self->last_name = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->best_time = g_strdup ("");
  self->city = g_strdup ("");
  self->source = g_strdup ("");
  self->category = g_strdup ("");
  self->notes = g_strdup ("");
  self->name = g_strdup ("");
}

DlPerson *
dl_person_new (void)
{
  return g_object_new (DL_TYPE_PERSON, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlPerson *
dl_person_copy (DlPerson *self)
{
  DlPerson *copy;

  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  copy = g_object_new (DL_TYPE_PERSON, "id", self->id, NULL);
  dl_person_assign (copy, self);

  return copy;
}

void
dl_person_assign (DlPerson *self,
                  DlPerson *from)
{
  g_return_if_fail (DL_IS_PERSON (self));
  g_return_if_fail (DL_IS_PERSON (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_person_set_first_name (self, from->first_name);
  dl_person_set_last_name (self, from->last_name);
  dl_person_set_email (self, from->email);
  dl_person_set_phone (self, from->phone);
  dl_person_set_best_time (self, from->best_time);
  dl_person_set_city (self, from->city);
  dl_person_set_source (self, from->source);
  dl_person_set_category (self, from->category);
  dl_person_set_notes (self, from->notes);
  dl_person_set_last_contact (self, from->last_contact);
  dl_person_set_created_at (self, from->created_at);
  dl_person_set_updated_at (self, from->updated_at);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_person_get_id (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), 0);

  return self->id;
}

/* The name to show: first and last name, or whichever is set. */
const char *
dl_person_get_name (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->name;
}

const char *
dl_person_get_first_name (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->first_name;
}

void
dl_person_set_first_name (DlPerson   *self,
                          const char *first_name)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->first_name, first_name ? first_name : ""))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FIRST_NAME]);
      update_name (self);
    }
}

const char *
dl_person_get_last_name (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->last_name;
}

void
dl_person_set_last_name (DlPerson   *self,
                         const char *last_name)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->last_name, last_name ? last_name : ""))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_NAME]);
      update_name (self);
    }
}

const char *
dl_person_get_email (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->email;
}

void
dl_person_set_email (DlPerson   *self,
                     const char *email)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->email, email ? email : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMAIL]);
}

const char *
dl_person_get_phone (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->phone;
}

void
dl_person_set_phone (DlPerson   *self,
                     const char *phone)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->phone, phone ? phone : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PHONE]);
}

const char *
dl_person_get_best_time (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->best_time;
}

void
dl_person_set_best_time (DlPerson   *self,
                         const char *best_time)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->best_time, best_time ? best_time : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BEST_TIME]);
}

const char *
dl_person_get_city (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->city;
}

void
dl_person_set_city (DlPerson   *self,
                    const char *city)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->city, city ? city : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CITY]);
}

const char *
dl_person_get_source (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->source;
}

void
dl_person_set_source (DlPerson   *self,
                      const char *source)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->source, source ? source : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SOURCE]);
}

const char *
dl_person_get_category (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->category;
}

void
dl_person_set_category (DlPerson   *self,
                        const char *category)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->category, category ? category : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CATEGORY]);
}

const char *
dl_person_get_notes (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->notes;
}

void
dl_person_set_notes (DlPerson   *self,
                     const char *notes)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_str (&self->notes, notes ? notes : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NOTES]);
}

GDateTime *
dl_person_get_last_contact (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->last_contact;
}

void
dl_person_set_last_contact (DlPerson  *self,
                            GDateTime *last_contact)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_date_time (&self->last_contact, last_contact))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_CONTACT]);
}

GDateTime *
dl_person_get_created_at (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->created_at;
}

void
dl_person_set_created_at (DlPerson  *self,
                          GDateTime *created_at)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_date_time (&self->created_at, created_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

GDateTime *
dl_person_get_updated_at (DlPerson *self)
{
  g_return_val_if_fail (DL_IS_PERSON (self), NULL);

  return self->updated_at;
}

void
dl_person_set_updated_at (DlPerson  *self,
                          GDateTime *updated_at)
{
  g_return_if_fail (DL_IS_PERSON (self));

  if (dl_set_date_time (&self->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}


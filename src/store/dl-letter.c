/* dl-letter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-letter.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

#include <string.h>

struct _DlLetter
{
  GObject parent_instance;

  gint64     id;
  gint64     person_id;
  gint64     template_id;
  char      *subject;
  char      *body;
  GDateTime *created_at;
  DlSentVia  sent_via;
};

G_DEFINE_FINAL_TYPE (DlLetter, dl_letter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PERSON_ID,
  PROP_TEMPLATE_ID,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_CREATED_AT,
  PROP_SENT_VIA,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static const char *const sent_via_words[] = { "none", "email", "copy", "file", "print" };

static void
dl_letter_finalize (GObject *object)
{
  DlLetter *self = (DlLetter *)object;

  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (dl_letter_parent_class)->finalize (object);
}

static void
dl_letter_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlLetter *self = DL_LETTER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_letter_get_id (self));
      break;

    case PROP_PERSON_ID:
      g_value_set_int64 (value, dl_letter_get_person_id (self));
      break;

    case PROP_TEMPLATE_ID:
      g_value_set_int64 (value, dl_letter_get_template_id (self));
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, dl_letter_get_subject (self));
      break;

    case PROP_BODY:
      g_value_set_string (value, dl_letter_get_body (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, dl_letter_get_created_at (self));
      break;

    case PROP_SENT_VIA:
      g_value_set_enum (value, dl_letter_get_sent_via (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_letter_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlLetter *self = DL_LETTER (object);

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
dl_letter_class_init (DlLetterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_letter_finalize;
  object_class->get_property = dl_letter_get_property;
  object_class->set_property = dl_letter_set_property;

  /* The row id. */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Who the letter is for. */
  properties [PROP_PERSON_ID] =
    g_param_spec_int64 ("person-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The template it came from; 0 when none or deleted. */
  properties [PROP_TEMPLATE_ID] =
    g_param_spec_int64 ("template-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The rendered subject. */
  properties [PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL,
                         "",
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The rendered body. */
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         "",
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When the letter was made (UTC). */
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* How it left: e-mail, clipboard, file, print or not yet. */
  properties [PROP_SENT_VIA] =
    g_param_spec_enum ("sent-via", NULL, NULL,
                       DL_TYPE_SENT_VIA, DL_SENT_NONE,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_letter_init (DlLetter *self)
{
  self->subject = g_strdup ("");
  self->body = g_strdup ("");
}

DlLetter *
dl_letter_new (void)
{
  return g_object_new (DL_TYPE_LETTER, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlLetter *
dl_letter_copy (DlLetter *self)
{
  DlLetter *copy;

  g_return_val_if_fail (DL_IS_LETTER (self), NULL);

  copy = g_object_new (DL_TYPE_LETTER, "id", self->id, NULL);
  dl_letter_assign (copy, self);

  return copy;
}

void
dl_letter_assign (DlLetter *self,
                  DlLetter *from)
{
  g_return_if_fail (DL_IS_LETTER (self));
  g_return_if_fail (DL_IS_LETTER (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_letter_set_person_id (self, from->person_id);
  dl_letter_set_template_id (self, from->template_id);
  dl_letter_set_subject (self, from->subject);
  dl_letter_set_body (self, from->body);
  dl_letter_set_created_at (self, from->created_at);
  dl_letter_set_sent_via (self, from->sent_via);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_letter_get_id (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), 0);

  return self->id;
}

gint64
dl_letter_get_person_id (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), 0);

  return self->person_id;
}

void
dl_letter_set_person_id (DlLetter *self,
                         gint64    person_id)
{
  g_return_if_fail (DL_IS_LETTER (self));

  if (self->person_id == person_id)
    return;

  self->person_id = person_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON_ID]);
}

gint64
dl_letter_get_template_id (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), 0);

  return self->template_id;
}

void
dl_letter_set_template_id (DlLetter *self,
                           gint64    template_id)
{
  g_return_if_fail (DL_IS_LETTER (self));

  if (self->template_id == template_id)
    return;

  self->template_id = template_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEMPLATE_ID]);
}

const char *
dl_letter_get_subject (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), NULL);

  return self->subject;
}

void
dl_letter_set_subject (DlLetter   *self,
                       const char *subject)
{
  g_return_if_fail (DL_IS_LETTER (self));

  if (dl_set_str (&self->subject, subject ? subject : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBJECT]);
}

const char *
dl_letter_get_body (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), NULL);

  return self->body;
}

void
dl_letter_set_body (DlLetter   *self,
                    const char *body)
{
  g_return_if_fail (DL_IS_LETTER (self));

  if (dl_set_str (&self->body, body ? body : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BODY]);
}

GDateTime *
dl_letter_get_created_at (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), NULL);

  return self->created_at;
}

void
dl_letter_set_created_at (DlLetter  *self,
                          GDateTime *created_at)
{
  g_return_if_fail (DL_IS_LETTER (self));

  if (dl_set_date_time (&self->created_at, created_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

DlSentVia
dl_letter_get_sent_via (DlLetter *self)
{
  g_return_val_if_fail (DL_IS_LETTER (self), 0);

  return self->sent_via;
}

void
dl_letter_set_sent_via (DlLetter  *self,
                        DlSentVia  sent_via)
{
  g_return_if_fail (DL_IS_LETTER (self));

  if (self->sent_via == sent_via)
    return;

  self->sent_via = sent_via;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SENT_VIA]);
}

const char *
dl_sent_via_to_string (DlSentVia via)
{
  g_return_val_if_fail ((guint) via < G_N_ELEMENTS (sent_via_words), NULL);

  return sent_via_words[via];
}

gboolean
dl_sent_via_from_string (const char *s,
                         DlSentVia  *out)
{
  if (s == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sent_via_words); i++)
    {
      if (strcmp (sent_via_words[i], s) == 0)
        {
          *out = (DlSentVia) i;
          return TRUE;
        }
    }

  return FALSE;
}

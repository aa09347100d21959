/* dl-template.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-template.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlTemplate
{
  GObject parent_instance;

  gint64          id;
  char           *name;
  DlTemplateKind  kind;
  char           *subject;
  char           *body;
  char           *builtin;
  GDateTime      *created_at;
  GDateTime      *updated_at;
};

G_DEFINE_FINAL_TYPE (DlTemplate, dl_template, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_SUBJECT,
  PROP_BODY,
  PROP_BUILTIN,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dl_template_finalize (GObject *object)
{
  DlTemplate *self = (DlTemplate *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->builtin, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (dl_template_parent_class)->finalize (object);
}

static void
dl_template_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlTemplate *self = DL_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_template_get_id (self));
      break;

    case PROP_NAME:
      g_value_set_string (value, dl_template_get_name (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, dl_template_get_kind (self));
      break;

    case PROP_SUBJECT:
      g_value_set_string (value, dl_template_get_subject (self));
      break;

    case PROP_BODY:
      g_value_set_string (value, dl_template_get_body (self));
      break;

    case PROP_BUILTIN:
      g_value_set_string (value, dl_template_get_builtin (self));
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, dl_template_get_created_at (self));
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, dl_template_get_updated_at (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_template_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlTemplate *self = DL_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      dl_template_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      dl_template_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_SUBJECT:
      dl_template_set_subject (self, g_value_get_string (value));
      break;

    case PROP_BODY:
      dl_template_set_body (self, g_value_get_string (value));
      break;

    case PROP_BUILTIN:
      dl_template_set_builtin (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_template_class_init (DlTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_template_finalize;
  object_class->get_property = dl_template_get_property;
  object_class->set_property = dl_template_set_property;

  /* The row id; 0 for a draft. */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The name shown in lists. */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* What the letter is for. */
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       DL_TYPE_TEMPLATE_KIND, DL_TEMPLATE_OTHER,
                       G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Subject line, with {{fields}}. */
  properties [PROP_SUBJECT] =
    g_param_spec_string ("subject", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Body text, with {{fields}}. */
  properties [PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Name of the default this template came from; "" for the user's own. */
  properties [PROP_BUILTIN] =
    g_param_spec_string ("builtin", NULL, NULL,
                         "",
                         G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When the template was created (UTC). */
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When the template last changed (UTC). */
  properties [PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_template_init (DlTemplate *self)
{
  self->name = g_strdup ("");
  self->kind = DL_TEMPLATE_OTHER;
  self->subject = g_strdup ("");
  self->body = g_strdup ("");
  self->builtin = g_strdup ("");
}

DlTemplate *
dl_template_new (void)
{
  return g_object_new (DL_TYPE_TEMPLATE, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlTemplate *
dl_template_copy (DlTemplate *self)
{
  DlTemplate *copy;

  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  copy = g_object_new (DL_TYPE_TEMPLATE, "id", self->id, NULL);
  dl_template_assign (copy, self);

  return copy;
}

void
dl_template_assign (DlTemplate *self,
                    DlTemplate *from)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));
  g_return_if_fail (DL_IS_TEMPLATE (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_template_set_name (self, from->name);
  dl_template_set_kind (self, from->kind);
  dl_template_set_subject (self, from->subject);
  dl_template_set_body (self, from->body);
  dl_template_set_builtin (self, from->builtin);
  dl_template_set_created_at (self, from->created_at);
  dl_template_set_updated_at (self, from->updated_at);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_template_get_id (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), 0);

  return self->id;
}

const char *
dl_template_get_name (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  return self->name;
}

void
dl_template_set_name (DlTemplate *self,
                      const char *name)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (dl_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

DlTemplateKind
dl_template_get_kind (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), 0);

  return self->kind;
}

void
dl_template_set_kind (DlTemplate     *self,
                      DlTemplateKind  kind)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
}

const char *
dl_template_get_subject (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  return self->subject;
}

void
dl_template_set_subject (DlTemplate *self,
                         const char *subject)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (dl_set_str (&self->subject, subject ? subject : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUBJECT]);
}

const char *
dl_template_get_body (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  return self->body;
}

void
dl_template_set_body (DlTemplate *self,
                      const char *body)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (dl_set_str (&self->body, body ? body : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BODY]);
}

const char *
dl_template_get_builtin (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  return self->builtin;
}

void
dl_template_set_builtin (DlTemplate *self,
                         const char *builtin)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (dl_set_str (&self->builtin, builtin ? builtin : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BUILTIN]);
}

GDateTime *
dl_template_get_created_at (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  return self->created_at;
}

void
dl_template_set_created_at (DlTemplate *self,
                            GDateTime  *created_at)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (dl_set_date_time (&self->created_at, created_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CREATED_AT]);
}

GDateTime *
dl_template_get_updated_at (DlTemplate *self)
{
  g_return_val_if_fail (DL_IS_TEMPLATE (self), NULL);

  return self->updated_at;
}

void
dl_template_set_updated_at (DlTemplate *self,
                            GDateTime  *updated_at)
{
  g_return_if_fail (DL_IS_TEMPLATE (self));

  if (dl_set_date_time (&self->updated_at, updated_at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UPDATED_AT]);
}


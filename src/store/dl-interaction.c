/* dl-interaction.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-interaction.h"
#include "dl-items-private.h"
#include "dl-store-enums.h"

struct _DlInteraction
{
  GObject parent_instance;

  gint64         id;
  gint64         person_id;
  DlContactKind  kind;
  GDateTime     *at;
  char          *summary;
};

G_DEFINE_FINAL_TYPE (DlInteraction, dl_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PERSON_ID,
  PROP_KIND,
  PROP_AT,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
dl_interaction_finalize (GObject *object)
{
  DlInteraction *self = (DlInteraction *)object;

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (dl_interaction_parent_class)->finalize (object);
}

static void
dl_interaction_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlInteraction *self = DL_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, dl_interaction_get_id (self));
      break;

    case PROP_PERSON_ID:
      g_value_set_int64 (value, dl_interaction_get_person_id (self));
      break;

    case PROP_KIND:
      g_value_set_enum (value, dl_interaction_get_kind (self));
      break;

    case PROP_AT:
      g_value_set_boxed (value, dl_interaction_get_at (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, dl_interaction_get_summary (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_interaction_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlInteraction *self = DL_INTERACTION (object);

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
dl_interaction_class_init (DlInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_interaction_finalize;
  object_class->get_property = dl_interaction_get_property;
  object_class->set_property = dl_interaction_set_property;

  /* The row id. */
  properties [PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Who the contact was with. */
  properties [PROP_PERSON_ID] =
    g_param_spec_int64 ("person-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Call, meeting, e-mail, message, letter or note. */
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       DL_TYPE_CONTACT_KIND, DL_CONTACT_CALL,
                       G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* When (local time). */
  properties [PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* One line of notes. */
  properties [PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         "",
                         G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dl_interaction_init (DlInteraction *self)
{
  self->summary = g_strdup ("");
}

DlInteraction *
dl_interaction_new (void)
{
  return g_object_new (DL_TYPE_INTERACTION, NULL);
}

/* A draft with the same values, free to edit without touching the
 * shared item. */
DlInteraction *
dl_interaction_copy (DlInteraction *self)
{
  DlInteraction *copy;

  g_return_val_if_fail (DL_IS_INTERACTION (self), NULL);

  copy = g_object_new (DL_TYPE_INTERACTION, "id", self->id, NULL);
  dl_interaction_assign (copy, self);

  return copy;
}

void
dl_interaction_assign (DlInteraction *self,
                       DlInteraction *from)
{
  g_return_if_fail (DL_IS_INTERACTION (self));
  g_return_if_fail (DL_IS_INTERACTION (from));

  g_object_freeze_notify (G_OBJECT (self));
  dl_interaction_set_person_id (self, from->person_id);
  dl_interaction_set_kind (self, from->kind);
  dl_interaction_set_at (self, from->at);
  dl_interaction_set_summary (self, from->summary);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
dl_interaction_get_id (DlInteraction *self)
{
  g_return_val_if_fail (DL_IS_INTERACTION (self), 0);

  return self->id;
}

gint64
dl_interaction_get_person_id (DlInteraction *self)
{
  g_return_val_if_fail (DL_IS_INTERACTION (self), 0);

  return self->person_id;
}

void
dl_interaction_set_person_id (DlInteraction *self,
                              gint64         person_id)
{
  g_return_if_fail (DL_IS_INTERACTION (self));

  if (self->person_id == person_id)
    return;

  self->person_id = person_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON_ID]);
}

DlContactKind
dl_interaction_get_kind (DlInteraction *self)
{
  g_return_val_if_fail (DL_IS_INTERACTION (self), 0);

  return self->kind;
}

void
dl_interaction_set_kind (DlInteraction *self,
                         DlContactKind  kind)
{
  g_return_if_fail (DL_IS_INTERACTION (self));

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_KIND]);
}

GDateTime *
dl_interaction_get_at (DlInteraction *self)
{
  g_return_val_if_fail (DL_IS_INTERACTION (self), NULL);

  return self->at;
}

void
dl_interaction_set_at (DlInteraction *self,
                       GDateTime     *at)
{
  g_return_if_fail (DL_IS_INTERACTION (self));

  if (dl_set_date_time (&self->at, at))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_AT]);
}

const char *
dl_interaction_get_summary (DlInteraction *self)
{
  g_return_val_if_fail (DL_IS_INTERACTION (self), NULL);

  return self->summary;
}

void
dl_interaction_set_summary (DlInteraction *self,
                            const char    *summary)
{
  g_return_if_fail (DL_IS_INTERACTION (self));

  if (dl_set_str (&self->summary, summary ? summary : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUMMARY]);
}


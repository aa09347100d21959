/* dl-undo-stack.c — one window's undo history and its toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-undo-stack"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-undo-stack.h"

typedef struct
{
  guint64         token;
  char           *title;
  DlUndoFunc      undo;
  gpointer        data;
  GDestroyNotify  destroy;
} Entry;

struct _DlUndoStack
{
  GObject    parent_instance;

  GPtrArray *entries;     /* of Entry, oldest first */
  guint64    last_token;
};

G_DEFINE_FINAL_TYPE (DlUndoStack, dl_undo_stack, G_TYPE_OBJECT)

enum
{
  PUSHED,
  UNDONE,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_free (entry->title);
  g_free (entry);
}

static void
notify_can_undo (DlUndoStack *self,
                 gboolean     could)
{
  if (could != dl_undo_stack_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

static void
dl_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlUndoStack *self = DL_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, dl_undo_stack_can_undo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_undo_stack_finalize (GObject *object)
{
  DlUndoStack *self = DL_UNDO_STACK (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_undo_stack_parent_class)->finalize (object);
}

static void
dl_undo_stack_class_init (DlUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = dl_undo_stack_get_property;
  object_class->finalize = dl_undo_stack_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (token, title): show a toast whose Undo undoes that token (not for
   * a quiet push) */
  signals[PUSHED] = g_signal_new ("pushed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 2, G_TYPE_UINT64, G_TYPE_STRING);
  /* (token): that entry was undone or dropped; its toast can go */
  signals[UNDONE] = g_signal_new ("undone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_UINT64);
  /* (kind, text): a toast without an Undo */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
}

static void
dl_undo_stack_init (DlUndoStack *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

DlUndoStack *
dl_undo_stack_new (void)
{
  return g_object_new (DL_TYPE_UNDO_STACK, NULL);
}

static guint64
push (DlUndoStack    *self,
      const char     *title,
      DlUndoFunc      undo,
      gpointer        data,
      GDestroyNotify  destroy,
      gboolean        toast)
{
  gboolean could;
  Entry *entry;

  g_return_val_if_fail (DL_IS_UNDO_STACK (self), 0);
  g_return_val_if_fail (title != NULL, 0);
  g_return_val_if_fail (undo != NULL, 0);

  could = dl_undo_stack_can_undo (self);
  entry = g_new0 (Entry, 1);
  entry->token = ++self->last_token;
  entry->title = g_strdup (title);
  entry->undo = undo;
  entry->data = data;
  entry->destroy = destroy;
  g_ptr_array_add (self->entries, entry);
  while (self->entries->len > DL_UNDO_STACK_DEPTH)
    {
      guint64 dropped = ((Entry *) g_ptr_array_index (self->entries, 0))->token;

      g_ptr_array_remove_index (self->entries, 0);
      g_signal_emit (self, signals[UNDONE], 0, dropped);
    }

  if (toast)
    g_signal_emit (self, signals[PUSHED], 0, entry->token, entry->title);
  notify_can_undo (self, could);

  return self->last_token;
}

guint64
dl_undo_stack_push (DlUndoStack    *self,
                    const char     *title,
                    DlUndoFunc      undo,
                    gpointer        data,
                    GDestroyNotify  destroy)
{
  return push (self, title, undo, data, destroy, TRUE);
}

guint64
dl_undo_stack_push_quiet (DlUndoStack    *self,
                          const char     *title,
                          DlUndoFunc      undo,
                          gpointer        data,
                          GDestroyNotify  destroy)
{
  return push (self, title, undo, data, destroy, FALSE);
}

gboolean
dl_undo_stack_undo (DlUndoStack  *self,
                    guint64       token,
                    GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  Entry *entry = NULL;
  gboolean could, ok;
  guint i;

  g_return_val_if_fail (DL_IS_UNDO_STACK (self), FALSE);

  for (i = 0; i < self->entries->len; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->token == token)
      {
        entry = g_ptr_array_index (self->entries, i);
        break;
      }
  if (entry == NULL)
    return FALSE;

  /* out of the stack first: an undo that pushes, or fails, must not
   * find itself still there */
  could = dl_undo_stack_can_undo (self);
  g_ptr_array_steal_index (self->entries, i);
  ok = entry->undo (entry->data, &local_error);
  entry_free (entry);
  g_signal_emit (self, signals[UNDONE], 0, token);
  notify_can_undo (self, could);

  if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("The change could not be undone: %s"),
                                               local_error != NULL ? local_error->message : "");

      dl_undo_stack_message (self, DL_UNDO_MESSAGE_ERROR, text);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
dl_undo_stack_undo_last (DlUndoStack  *self,
                         GError      **error)
{
  g_return_val_if_fail (DL_IS_UNDO_STACK (self), FALSE);

  if (self->entries->len == 0)
    return FALSE;

  return dl_undo_stack_undo (self, ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->token,
                             error);
}

void
dl_undo_stack_drop (DlUndoStack *self,
                    guint64      token)
{
  gboolean could;

  g_return_if_fail (DL_IS_UNDO_STACK (self));

  could = dl_undo_stack_can_undo (self);
  for (guint i = 0; i < self->entries->len; i++)
    if (((Entry *) g_ptr_array_index (self->entries, i))->token == token)
      {
        g_ptr_array_remove_index (self->entries, i);
        g_signal_emit (self, signals[UNDONE], 0, token);
        break;
      }
  notify_can_undo (self, could);
}

gboolean
dl_undo_stack_can_undo (DlUndoStack *self)
{
  g_return_val_if_fail (DL_IS_UNDO_STACK (self), FALSE);

  return self->entries->len > 0;
}

const char *
dl_undo_stack_peek_title (DlUndoStack *self)
{
  g_return_val_if_fail (DL_IS_UNDO_STACK (self), NULL);

  if (self->entries->len == 0)
    return NULL;
  return ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->title;
}

void
dl_undo_stack_clear (DlUndoStack *self)
{
  gboolean could;

  g_return_if_fail (DL_IS_UNDO_STACK (self));

  could = dl_undo_stack_can_undo (self);
  while (self->entries->len > 0)
    {
      guint64 token = ((Entry *) g_ptr_array_index (self->entries, self->entries->len - 1))->token;

      g_ptr_array_remove_index (self->entries, self->entries->len - 1);
      g_signal_emit (self, signals[UNDONE], 0, token);
    }
  notify_can_undo (self, could);
}

void
dl_undo_stack_message (DlUndoStack       *self,
                       DlUndoMessageKind  kind,
                       const char        *text)
{
  g_return_if_fail (DL_IS_UNDO_STACK (self));
  g_return_if_fail (text != NULL);

  g_signal_emit (self, signals[MESSAGE], 0, (int) kind, text);
}

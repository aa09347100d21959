/* dl-undo-toasts.c — an undo stack shown as toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-undo-toasts"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-toast.h"
#include "dl-undo-toasts.h"

typedef struct
{
  DlUndoStack     *stack;     /* strong */
  AdwToastOverlay *overlay;   /* weak: it owns this */
  GHashTable      *toasts;    /* token → AdwToast, not referenced: gone on "dismissed" */
} Host;

static void
host_free (gpointer data)
{
  Host *host = data;

  g_signal_handlers_disconnect_by_data (host->stack, host);
  g_object_unref (host->stack);
  g_hash_table_unref (host->toasts);
  g_free (host);
}

static void
on_toast_dismissed_cb (AdwToast *toast,
                       Host     *host)
{
  guint64 token = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "dl-undo-token"));

  /* the entry stays for Ctrl+Z; only its toast is gone */
  if (g_hash_table_lookup (host->toasts, &token) == toast)
    g_hash_table_remove (host->toasts, &token);
}

static void
on_pushed_cb (DlUndoStack *stack,
              guint64      token,
              const char  *title,
              Host        *host)
{
  AdwToast *toast = dl_toast_new (title);
  guint64 *key = g_new (guint64, 1);

  *key = token;
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "undo-toast.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_uint64 (token));
  g_object_set_data (G_OBJECT (toast), "dl-undo-token", GSIZE_TO_POINTER (token));
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), host);
  g_hash_table_replace (host->toasts, key, toast);
  /* in place of the one showing: its change stays for Ctrl+Z */
  dl_toast_show (host->overlay, toast);
}

static void
on_undone_cb (DlUndoStack *stack,
              guint64      token,
              Host        *host)
{
  AdwToast *toast = g_hash_table_lookup (host->toasts, &token);

  /* a toast whose change is gone (undone, or dropped by a restore) must
   * not offer it again: it loses its button, and stays to say so until
   * its time is up */
  if (toast != NULL)
    {
      g_hash_table_remove (host->toasts, &token);
      adw_toast_set_action_name (toast, NULL);
      adw_toast_set_button_label (toast, NULL);
    }
}

static void
on_message_cb (DlUndoStack *stack,
               int          kind,
               const char  *text,
               Host        *host)
{
  AdwToast *toast = dl_toast_new (text);

  if (kind == DL_UNDO_MESSAGE_ERROR)
    adw_toast_set_timeout (toast, 6);
  dl_toast_show (host->overlay, toast);
}

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Host *host = user_data;

  /* a failure is reported by the stack itself, as a message */
  dl_undo_stack_undo (host->stack, g_variant_get_uint64 (parameter), NULL);
}

void
dl_undo_toasts_attach (DlUndoStack     *stack,
                       AdwToastOverlay *overlay)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) undo = g_simple_action_new ("undo", G_VARIANT_TYPE_UINT64);
  Host *host;

  g_return_if_fail (DL_IS_UNDO_STACK (stack));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  host = g_new0 (Host, 1);
  host->stack = g_object_ref (stack);
  host->overlay = overlay;
  host->toasts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_object_set_data_full (G_OBJECT (overlay), "dl-undo-toasts", host, host_free);

  g_signal_connect (stack, "pushed", G_CALLBACK (on_pushed_cb), host);
  g_signal_connect (stack, "undone", G_CALLBACK (on_undone_cb), host);
  g_signal_connect (stack, "message", G_CALLBACK (on_message_cb), host);

  g_signal_connect (undo, "activate", G_CALLBACK (undo_activated), host);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (undo));
  gtk_widget_insert_action_group (GTK_WIDGET (overlay), "undo-toast", G_ACTION_GROUP (group));
}

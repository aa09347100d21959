/* dl-toast.c — one toast at a time, the newest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new toast replaces the one showing.  libadwaita 1.2 crashes when a
 * toast is dismissed while it is still sliding in (its show animation
 * is cut short and later frees what the hide animation freed), so a
 * toast that came too soon after the last waits until that one has
 * settled; if a newer one comes meanwhile, the waiting one is dropped
 * unseen (dismissed, so whoever watches it lets go).
 */

#define G_LOG_DOMAIN "dl-toast"

#include "config.h"

#include "dl-toast.h"

#define STATE_KEY "dl-toast-state"

/* Longer than libadwaita's show animation, with room for a busy frame. */
#define SETTLE_MS 600

typedef struct
{
  AdwToastOverlay *overlay;   /* owns this */
  AdwToast        *current;   /* weak: cleared on "dismissed", or when the overlay drops it */
  gint64           shown_at;
  AdwToast        *pending;   /* owned until shown */
  guint            source;
} State;

static void
drop_pending (State *state)
{
  AdwToast *pending = g_steal_pointer (&state->pending);

  /* adw_toast_dismiss () does nothing for a toast in no overlay */
  if (pending != NULL)
    {
      g_signal_emit_by_name (pending, "dismissed");
      g_object_unref (pending);
    }
}

static void
state_free (gpointer data)
{
  State *state = data;

  /* the overlay is going: whoever watched the waiting toast is going
   * with it (in no set order), so it is let go without a signal */
  g_clear_handle_id (&state->source, g_source_remove);
  g_clear_object (&state->pending);
  if (state->current != NULL)
    g_signal_handlers_disconnect_by_data (state->current, state);
  g_clear_weak_pointer (&state->current);
  g_free (state);
}

static void
on_dismissed_cb (AdwToast *toast,
                 State    *state)
{
  g_signal_handlers_disconnect_by_data (toast, state);
  if (state->current == toast)
    g_clear_weak_pointer (&state->current);
}

static void
show_now (State    *state,
          AdwToast *toast)
{
  if (state->current != NULL)
    adw_toast_dismiss (state->current);

  /* a high priority would push the one showing back into the queue, to
   * be shown again later */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_NORMAL);
  g_set_weak_pointer (&state->current, toast);
  state->shown_at = g_get_monotonic_time ();
  g_signal_connect (toast, "dismissed", G_CALLBACK (on_dismissed_cb), state);
  adw_toast_overlay_add_toast (state->overlay, toast);
}

static gboolean
show_pending_cb (gpointer data)
{
  State *state = data;

  state->source = 0;
  if (state->pending != NULL)
    show_now (state, g_steal_pointer (&state->pending));
  return G_SOURCE_REMOVE;
}

void
dl_toast_show (AdwToastOverlay *overlay,
               AdwToast        *toast)
{
  State *state;
  gint64 age_ms;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  state = g_object_get_data (G_OBJECT (overlay), STATE_KEY);
  if (state == NULL)
    {
      state = g_new0 (State, 1);
      state->overlay = overlay;
      g_object_set_data_full (G_OBJECT (overlay), STATE_KEY, state, state_free);
    }

  /* the newest wins over one still waiting */
  drop_pending (state);

  age_ms = (g_get_monotonic_time () - state->shown_at) / 1000;
  if (state->current == NULL || age_ms >= SETTLE_MS)
    {
      show_now (state, toast);
      return;
    }
  state->pending = toast;
  if (state->source == 0)
    state->source = g_timeout_add (SETTLE_MS - age_ms, show_pending_cb, state);
}

/* dl-toast.h — toasts whose text is never read as markup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 always parses a toast's title as Pango markup, and ours
 * carry names of people and stages and messages that quote them: "R&D" or
 * "Ann <Boss>" would come out empty or garbled.  Every toast is made here,
 * from plain text, and shown by dl_toast_show ().
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

static inline AdwToast *
dl_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static inline AdwToast *dl_toast_new_format (const char *format,
                                             ...) G_GNUC_PRINTF (1, 2);

static inline AdwToast *
dl_toast_new_format (const char *format,
                     ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return dl_toast_new (text);
}

/* Shows toast (taken) on overlay in place of the toast showing there, if
 * any.  No toast ever waits in the overlay's queue: libadwaita would
 * show a queued toast later, when its news is stale and its Undo may
 * belong to an older change, and 1.2 trips over dismissing a toast a
 * newer one pushed back into the queue.  Every toast of the main window
 * and its views goes through here. */
void dl_toast_show (AdwToastOverlay *overlay,
                    AdwToast        *toast);

G_END_DECLS

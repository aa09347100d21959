/* dl-undo-toasts.h — an undo stack shown as toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry pushed on the stack becomes a toast in the overlay whose
 * Undo undoes exactly that entry; an entry undone some other way (Ctrl+Z,
 * a restore) takes its toast away; messages become plain toasts.  The
 * Undo buttons' action lives on the overlay itself ("undo-toast.undo"),
 * so every toast in it reaches it, whichever view pushed the entry.
 * The window uses this, and so do tests that host a view alone.
 */

#pragma once

#include <adwaita.h>

#include "dl-undo-stack.h"

G_BEGIN_DECLS

/* Shows stack's entries and messages in overlay for as long as both
 * live. */
void  dl_undo_toasts_attach (DlUndoStack     *stack,
                             AdwToastOverlay *overlay);

G_END_DECLS

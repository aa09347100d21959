/* dl-changes-window.h — what changed in a month, again after its import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-events.h"
#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_CHANGES_WINDOW (dl_changes_window_get_type ())

G_DECLARE_FINAL_TYPE (DlChangesWindow, dl_changes_window, DL, CHANGES_WINDOW, AdwWindow)

/* The changes of the newest month with figures in store, beside
 * parent: a person chosen is shown by parent's "win.show-person"
 * action in its Downline view, and the list stays open. */
DlChangesWindow *dl_changes_window_new        (GtkWindow       *parent,
                                               DlStore         *store);
/* Reads the months again and shows the newest (after an import). */
void             dl_changes_window_reload     (DlChangesWindow *self);
/* The month shown; DL_PERIOD_NONE when the store has none. */
DlPeriod         dl_changes_window_get_period (DlChangesWindow *self);

G_END_DECLS

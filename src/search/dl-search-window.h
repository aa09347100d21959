/* dl-search-window.h — Ctrl+K: find anyone, open them where they live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_SEARCH_WINDOW (dl_search_window_get_type ())

G_DECLARE_FINAL_TYPE (DlSearchWindow, dl_search_window, DL, SEARCH_WINDOW, AdwWindow)

/* A search over store for parent.  Choosing a person activates
 * parent's "win.show-person" action with (person id, view name) and
 * closes the search. */
DlSearchWindow *dl_search_window_new      (GtkWindow      *parent,
                                           DlStore        *store);

/* The same search as a picker of a member (a sponsor, say): choosing
 * one emits ::chosen (person id, name) and closes; nobody is opened.
 * Prospects are not listed.  title says what is picked. */
DlSearchWindow *dl_search_window_new_picker (GtkWindow   *parent,
                                             DlStore     *store,
                                             const char  *title);

void            dl_search_window_set_text (DlSearchWindow *self,
                                           const char     *text);

G_END_DECLS

/* dl-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-application.h"
#include "dl-store.h"
#include "dl-undo-stack.h"

G_BEGIN_DECLS

#define DL_TYPE_WINDOW (dl_window_get_type ())

G_DECLARE_FINAL_TYPE (DlWindow, dl_window, DL, WINDOW, AdwApplicationWindow)

DlWindow   *dl_window_new            (DlApplication *application,
                                      DlStore       *store);
DlWindow   *dl_window_new_for_error  (DlApplication *application,
                                      const char    *path,
                                      const GError  *error);
DlStore    *dl_window_get_store      (DlWindow      *self);
void        dl_window_set_exploring  (DlWindow      *self,
                                      const char    *real_path);
gboolean    dl_window_is_exploring   (DlWindow      *self);
/* Today, on that person's row (0: just Today), once the plan has caught
 * up with the store. */
void        dl_window_show_today_person (DlWindow   *self,
                                         gint64      person_id);
/* The window's one undo history; its entries show as toasts. */
DlUndoStack *dl_window_get_undo_stack (DlWindow     *self);
void        dl_window_add_toast      (DlWindow      *self,
                                      AdwToast      *toast);
/* "welcome", "views" or "error" */
const char *dl_window_get_mode       (DlWindow      *self);

G_END_DECLS

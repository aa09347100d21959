/* dl-today-actions.h — logging and snoozing from Today, and their undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a Today row and a notification do, in one place: each action
 * returns an undo record holding what it changed, so the view's toast
 * (and a test) can put everything back exactly.
 */

#pragma once

#include "dl-store.h"
#include "dl-undo-stack.h"

G_BEGIN_DECLS

typedef struct _DlTodayUndo DlTodayUndo;

/* Logs a contact with the person (at NULL: now).  Returns the undo
 * record, or NULL with error set and nothing changed. */
DlTodayUndo *dl_today_log_contact  (DlStore        *store,
                                    gint64          person_id,
                                    DlContactKind   kind,
                                    GDateTime      *at,
                                    const char     *summary,
                                    GError        **error);
/* Marks a member as welcomed outside Downline (at an event, by phone):
 * logs a contact (a note to self would leave them "not welcomed") of
 * the broadest kind, saying it was marked by hand.  The one way the
 * details and the edit dialog do it. */
DlTodayUndo *dl_today_mark_welcomed (DlStore       *store,
                                     gint64         person_id,
                                     GError       **error);
/* Defers a member's check-in, or moves a prospect's follow-up, to until
 * (after today).  A person who is neither fails with NOT_FOUND. */
DlTodayUndo *dl_today_snooze       (DlStore        *store,
                                    gint64          person_id,
                                    DlDay           until,
                                    GError        **error);
/* Puts back what the action changed. */
gboolean     dl_today_undo         (DlStore        *store,
                                    DlTodayUndo    *undo,
                                    GError        **error);
void         dl_today_undo_free    (DlTodayUndo    *undo);
/* Puts the action on a window's undo stack under title, taking undo:
 * the toast's Undo (or Ctrl+Z) undoes exactly it.  Returns the token. */
guint64      dl_today_undo_push    (DlUndoStack    *stack,
                                    DlStore        *store,
                                    const char     *title,
                                    DlTodayUndo    *undo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTodayUndo, dl_today_undo_free)

G_END_DECLS

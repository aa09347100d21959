/* dl-undo-stack.h — one window's undo history and its toasts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every view that changes something the person may want back pushes an
 * entry here: a title ("Logged a call with Ana Silva") and how to put
 * the change back.  The window owns one stack, shows each entry as a
 * toast whose Undo undoes exactly that entry (its token, not "the
 * latest"), and binds Ctrl+Z to the newest one.  Messages without an
 * undo (an error, a notice) go through the same stack so every toast of
 * the window comes from one place.  GLib only: the window turns the
 * "pushed" and "message" signals into toasts.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DL_TYPE_UNDO_STACK (dl_undo_stack_get_type ())

G_DECLARE_FINAL_TYPE (DlUndoStack, dl_undo_stack, DL, UNDO_STACK, GObject)

/* Puts back what an entry changed; FALSE with error when it could not
 * (nothing else is undone then). */
typedef gboolean (*DlUndoFunc) (gpointer   data,
                                GError   **error);

typedef enum
{
  DL_UNDO_MESSAGE_NORMAL,
  DL_UNDO_MESSAGE_ERROR,    /* shown first and longer */
} DlUndoMessageKind;

/* How many entries are kept for Ctrl+Z. */
#define DL_UNDO_STACK_DEPTH 50

DlUndoStack *dl_undo_stack_new        (void);
/* Adds an entry and returns its token (never 0); "pushed" is emitted
 * with the token and the title.  data is freed with destroy when the
 * entry is undone, dropped or cleared. */
guint64      dl_undo_stack_push       (DlUndoStack      *self,
                                       const char       *title,
                                       DlUndoFunc        undo,
                                       gpointer          data,
                                       GDestroyNotify    destroy);
/* The same, for a change whose toast the caller shows itself (with
 * another button): no "pushed", so no toast of the stack's own; Ctrl+Z
 * still undoes it. */
guint64      dl_undo_stack_push_quiet (DlUndoStack      *self,
                                       const char       *title,
                                       DlUndoFunc        undo,
                                       gpointer          data,
                                       GDestroyNotify    destroy);
/* Undoes the entry of that token, if it is still there; TRUE when an
 * entry was undone.  On failure the entry is dropped (its change may be
 * half gone) and an error message is emitted as well as returned. */
gboolean     dl_undo_stack_undo       (DlUndoStack      *self,
                                       guint64           token,
                                       GError          **error);
/* Undoes the newest entry (Ctrl+Z); FALSE when there is none. */
gboolean     dl_undo_stack_undo_last  (DlUndoStack      *self,
                                       GError          **error);
/* Drops the entry of that token without undoing it (a later change made
 * it wrong to replay). */
void         dl_undo_stack_drop       (DlUndoStack      *self,
                                       guint64           token);
gboolean     dl_undo_stack_can_undo   (DlUndoStack      *self);
/* The newest entry's title, or NULL. */
const char  *dl_undo_stack_peek_title (DlUndoStack      *self);
/* Forgets every entry: after a restore they would describe another
 * database. */
void         dl_undo_stack_clear      (DlUndoStack      *self);
/* A toast without an Undo. */
void         dl_undo_stack_message    (DlUndoStack      *self,
                                       DlUndoMessageKind kind,
                                       const char       *text);

G_END_DECLS

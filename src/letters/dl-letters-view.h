/* dl-letters-view.h — letter templates, edited with a live preview for a
 * real member, and sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_LETTERS_VIEW (dl_letters_view_get_type ())

G_DECLARE_FINAL_TYPE (DlLettersView, dl_letters_view, DL, LETTERS_VIEW, GtkWidget)

GtkWidget     *dl_letters_view_new              (DlStore       *store);
DlStore       *dl_letters_view_get_store        (DlLettersView *self);
void           dl_letters_view_set_store        (DlLettersView *self,
                                                 DlStore       *store);

/* Opens the right welcome letter for a new member: Welcome for the
 * user's own recruits, Upline Welcome for deeper ones, with the member
 * as recipient. */
void           dl_letters_view_write_welcome    (DlLettersView *self,
                                                 gint64         person_id);

/* Opens the built-in letter builtin ("check-in", …) for the person, as
 * recipient; the welcome letters choose by the member's level. */
void           dl_letters_view_write            (DlLettersView *self,
                                                 gint64         person_id,
                                                 const char    *builtin);

/* The template being edited, or NULL. */
DlTemplate    *dl_letters_view_get_template     (DlLettersView *self);
void           dl_letters_view_select_template  (DlLettersView *self,
                                                 DlTemplate    *template);
/* The member the preview is for: 0 when there is none. */
gint64         dl_letters_view_get_recipient    (DlLettersView *self);
void           dl_letters_view_set_recipient    (DlLettersView *self,
                                                 gint64         person_id);

/* For tests: the body's buffer, the preview as shown, and the error
 * shown in the editor ("" when none). */
GtkTextBuffer *dl_letters_view_get_body_buffer  (DlLettersView *self);
GtkEditable   *dl_letters_view_get_subject_editable (DlLettersView *self);
const char    *dl_letters_view_get_preview_body (DlLettersView *self);
const char    *dl_letters_view_get_preview_subject (DlLettersView *self);
const char    *dl_letters_view_get_error_text   (DlLettersView *self);
/* Saves pending edits now instead of after the pause. */
void           dl_letters_view_save_now         (DlLettersView *self);

/* Chooses "Members matching…" as the recipients, with this filter. */
void           dl_letters_view_send_to_matching (DlLettersView *self,
                                                 const char    *filter);

G_END_DECLS

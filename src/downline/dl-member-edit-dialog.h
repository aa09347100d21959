/* dl-member-edit-dialog.h — editing a member from the Downline view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"
#include "dl-today-actions.h"

G_BEGIN_DECLS

#define DL_TYPE_MEMBER_EDIT_DIALOG (dl_member_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlMemberEditDialog, dl_member_edit_dialog, DL, MEMBER_EDIT_DIALOG, AdwWindow)

/* NULL when person_id is not a member.  ::saved (DlPerson *before,
 * DlMember *before) is emitted after a save, with copies of what the
 * member was, for an undo; then the dialog closes.  Delete Member
 * deletes them (refused, with the reason shown, for a member with
 * recruits), emits ::deleted (DlDeletedPerson *) for the undo and
 * closes. */
DlMemberEditDialog *dl_member_edit_dialog_new       (DlStore            *store,
                                                     gint64              person_id);
/* The same dialog for someone who signed up directly in the back office:
 * empty fields, sponsor_id as the sponsor (0: the user), "Add".  Saving
 * adds them as an active member from today and emits ::added with the
 * new member. */
DlMemberEditDialog *dl_member_edit_dialog_new_for_add (DlStore            *store,
                                                       gint64              sponsor_id);
/* Checks every field and saves: FALSE (and the dialog says why, with the
 * store unchanged) when something is refused. */
gboolean            dl_member_edit_dialog_save      (DlMemberEditDialog *self);
/* The entry row of a field, for tests: "first-name", "last-name",
 * "email", "phone", "best-time", "city", "member-number", "rank". */
GtkEditable        *dl_member_edit_dialog_get_field (DlMemberEditDialog *self,
                                                     const char         *field);
/* The member's check-in interval when they have none of their own, as
 * Today works it out: what "use the default" is shown to mean. */
void                dl_member_edit_dialog_set_default_cadence (DlMemberEditDialog *self,
                                                               guint               days);
/* Whether the member is still owed a welcome, as Today has it
 * (dl_rules_needs_welcome): the Welcomed switch is off, and turning it
 * on logs a welcome when saved.  Otherwise it is on and cannot be
 * turned off (their contacts since joining were the welcome). */
void                dl_member_edit_dialog_set_needs_welcome (DlMemberEditDialog *self,
                                                             gboolean            needs_welcome);
/* The welcome the last save logged, for the edit's undo (taken by the
 * caller), or NULL. */
DlTodayUndo        *dl_member_edit_dialog_steal_logged_welcome (DlMemberEditDialog *self);
/* The message shown, or NULL when there is none. */
const char         *dl_member_edit_dialog_get_error (DlMemberEditDialog *self);

G_END_DECLS

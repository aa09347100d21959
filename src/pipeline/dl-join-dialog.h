/* dl-join-dialog.h — a prospect joins: role, sponsor, number, date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

typedef struct
{
  DlRole      role;
  gint64      sponsor_id;
  const char *member_number;
  DlDay       joined_on;
} DlJoinAnswers;

typedef void (*DlJoinDone)    (gpointer             user_data,
                               const DlJoinAnswers *answers);

#define DL_TYPE_JOIN_DIALOG (dl_join_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlJoinDialog, dl_join_dialog, DL, JOIN_DIALOG, AdwMessageDialog)

/* Asks about person joining; writes nothing itself: valid answers go to
 * done.  The sponsor starts at the user, the date at today. */
DlJoinDialog *dl_join_dialog_new (GtkWindow      *parent,
                                  DlStore        *store,
                                  DlPerson       *person,
                                  DlJoinDone      done,
                                  gpointer        user_data,
                                  GDestroyNotify  destroy);

G_END_DECLS

/* dl-prospect-dialog.h — a prospect's details: new or edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

/* person and prospect are drafts holding the answers; stage_id where a
 * new prospect goes. */
typedef void (*DlProspectDone) (gpointer            user_data,
                                DlPerson           *person,
                                DlProspect         *prospect,
                                gint64              stage_id);

#define DL_TYPE_PROSPECT_DIALOG (dl_prospect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlProspectDialog, dl_prospect_dialog, DL, PROSPECT_DIALOG, AdwMessageDialog)

/* prospect NULL: a new prospect, with a stage chooser.  Writes nothing
 * itself: valid answers go to done as drafts. */
DlProspectDialog *dl_prospect_dialog_new (GtkWindow      *parent,
                                          DlStore        *store,
                                          DlProspect     *prospect,
                                          DlProspectDone  done,
                                          gpointer        user_data,
                                          GDestroyNotify  destroy);
/* The first field, for the focus when the dialog shows. */
GtkWidget        *dl_prospect_dialog_get_first_field (DlProspectDialog *self);

G_END_DECLS

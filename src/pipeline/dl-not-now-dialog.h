/* dl-not-now-dialog.h — why not now, and when to ask again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

typedef void (*DlNotNowDone)  (gpointer             user_data,
                               const char          *reason,
                               DlDay                revisit_on);

#define DL_TYPE_NOT_NOW_DIALOG (dl_not_now_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlNotNowDialog, dl_not_now_dialog, DL, NOT_NOW_DIALOG, AdwMessageDialog)

/* Asks about person; writes nothing itself: a valid answer goes to
 * done.  The revisit date starts at DL_PIPELINE_REVISIT_MONTHS from
 * today. */
DlNotNowDialog *dl_not_now_dialog_new (GtkWindow      *parent,
                                       DlPerson       *person,
                                       DlNotNowDone    done,
                                       gpointer        user_data,
                                       GDestroyNotify  destroy);

G_END_DECLS

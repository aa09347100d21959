/* dl-import-events.h — what changed in a month, each change a link to
 * its people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-events.h"
#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_IMPORT_EVENTS (dl_import_events_get_type ())

G_DECLARE_FINAL_TYPE (DlImportEvents, dl_import_events, DL, IMPORT_EVENTS, AdwBin)

/* ::person-activated (gint64 member_id) when a person of a change is
 * chosen; the owner decides where to show them. */
GtkWidget *dl_import_events_new        (void);
DlStore   *dl_import_events_get_store  (DlImportEvents *self);
void       dl_import_events_set_store  (DlImportEvents *self,
                                        DlStore        *store);
/* The month whose events show; DL_PERIOD_NONE shows nothing. */
DlPeriod   dl_import_events_get_period (DlImportEvents *self);
void       dl_import_events_set_period (DlImportEvents *self,
                                        DlPeriod        period);

G_END_DECLS

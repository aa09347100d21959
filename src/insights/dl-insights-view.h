/* dl-insights-view.h — is the business growing, who duplicates, who stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_INSIGHTS_VIEW (dl_insights_view_get_type ())

G_DECLARE_FINAL_TYPE (DlInsightsView, dl_insights_view, DL, INSIGHTS_VIEW, GtkWidget)

GtkWidget *dl_insights_view_new       (void);
void       dl_insights_view_set_store (DlInsightsView *self,
                                       DlStore        *store);
/* TRUE while the figures are being worked out. */
gboolean   dl_insights_view_is_loading (DlInsightsView *self);

G_END_DECLS

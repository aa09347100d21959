/* dl-today-view.h — the Today view: who to contact today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"
#include "dl-today-model.h"

G_BEGIN_DECLS

#define DL_TYPE_TODAY_VIEW (dl_today_view_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayView, dl_today_view, DL, TODAY_VIEW, GtkWidget)

/* ::show-person (gint64 person_id, const char *view) when a row asks to
 * be shown in another view; the view is switched with win.view first. */
GtkWidget    *dl_today_view_new       (DlStore     *store);
DlStore      *dl_today_view_get_store (DlTodayView *self);
void          dl_today_view_set_store (DlTodayView *self,
                                       DlStore     *store);
DlTodayModel *dl_today_view_get_model (DlTodayView *self);
/* Moves the focus to the person's row; FALSE when they are not listed. */
gboolean      dl_today_view_focus_person (DlTodayView *self,
                                          gint64       person_id);
/* Whether the banner standing in for desktop notifications shows. */
gboolean      dl_today_view_get_banner_visible (DlTodayView *self);

G_END_DECLS

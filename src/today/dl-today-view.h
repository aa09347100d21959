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
 * be shown in another view; the view is switched with win.view first.
 * "letters/BUILTIN" asks for the Letters view on that built-in letter,
 * the one that suits the task ("letters/check-in"). */
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

/* The address that reaches a person one way ("call", "sms", "whatsapp",
 * "email"), or NULL when they have no number or address for it. */
char         *dl_today_view_reach_uri      (const char  *way,
                                            const char  *phone,
                                            const char  *email,
                                            const char  *name);
/* For tests: the last address a row opened, and whether rows open
 * addresses at all (they always log the contact). */
const char   *dl_today_view_get_last_uri   (DlTodayView *self);
void          dl_today_view_set_launch_uris (DlTodayView *self,
                                             gboolean     launch);

G_END_DECLS

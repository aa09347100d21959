/* dl-today-model.h — who is due today, as list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of DlTodayItem over the store: every section of the Today
 * list in order (Overdue, Due today, Not welcomed yet, Prospect
 * follow-ups, Coming up), and one model per section for views that show
 * them apart.  It recomputes after every change in the store, when the
 * cadence preferences change, and when the day changes.
 */

#pragma once

#include <gio/gio.h>

#include "dl-store.h"
#include "dl-today.h"
#include "dl-today-item.h"

G_BEGIN_DECLS

#define DL_TYPE_TODAY_MODEL (dl_today_model_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayModel, dl_today_model, DL, TODAY_MODEL, GObject)

DlTodayModel *dl_today_model_new             (DlStore        *store);
DlStore      *dl_today_model_get_store       (DlTodayModel   *self);
void          dl_today_model_set_store       (DlTodayModel   *self,
                                              DlStore        *store);
/* The day the model counts from; DL_DAY_NONE (the default) follows the
 * clock.  Tests set a day to move the clock. */
DlDay         dl_today_model_get_today       (DlTodayModel   *self);
void          dl_today_model_set_today       (DlTodayModel   *self,
                                              DlDay           today);
GListModel   *dl_today_model_get_section     (DlTodayModel   *self,
                                              DlTodaySection  section);
/* Owed today and not done yet (every section but Coming up), and done
 * today: for "5 of 12 done today". */
guint         dl_today_model_get_n_open      (DlTodayModel   *self);
guint         dl_today_model_get_n_done      (DlTodayModel   *self);
/* Recomputes now instead of at the next idle. */
void          dl_today_model_refresh         (DlTodayModel   *self);
/* Everything due up to horizon_days ahead, from what the model last
 * read; the entries' names belong to the model and last until it next
 * recomputes (use the plan at once). */
DlTodayPlan  *dl_today_model_plan_ahead     (DlTodayModel   *self,
                                              guint           horizon_days);
DlTodayItem  *dl_today_model_find            (DlTodayModel   *self,
                                              gint64          person_id);

G_END_DECLS

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
/* The store's one model (made on first use; a new reference), shared by
 * the Today view and the notifier so a change is planned once. */
DlTodayModel *dl_today_model_get_for_store   (DlStore        *store);
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
/* The plan is worked out again after every change, at once when the
 * store keeps a current downline, else once a thread has read it.
 * TRUE while the first plan for the store waits for that read
 * (::notify::loading says when it ends). */
gboolean      dl_today_model_get_loading     (DlTodayModel   *self);
/* Recomputes now instead of at the next idle, reading the downline on
 * this thread if the store keeps none (a second at a million members:
 * for tests and callers that cannot wait; others wait for ::refreshed). */
void          dl_today_model_refresh         (DlTodayModel   *self);
/* Whether the plan shown is the plan of now: worked out for today,
 * nothing changed since, nothing being read or worked out. */
gboolean      dl_today_model_is_current      (DlTodayModel   *self);
/* Works the plan out again off this thread unless that is under way
 * already; ::refreshed says when it is shown. */
void          dl_today_model_update          (DlTodayModel   *self);
/* Everything due up to horizon_days ahead, from what the model last
 * read; the entries' names belong to the model and last until it next
 * recomputes (use the plan at once). */
DlTodayPlan  *dl_today_model_plan_ahead     (DlTodayModel   *self,
                                              guint           horizon_days);
DlTodayItem  *dl_today_model_find            (DlTodayModel   *self,
                                              gint64          person_id);

/* The day plan: at most the capacity of tasks, in order, each an item
 * made with dl_today_item_new_for_task (). */
GListModel   *dl_today_model_get_plan        (DlTodayModel   *self);
/* The plan as last built: roll-ups, the week, done counts. */
const DlDayPlan *dl_today_model_get_day_plan (DlTodayModel   *self);
/* A new list of the tasks one roll-up sums up, most important first. */
GListModel   *dl_today_model_list_rollup     (DlTodayModel   *self,
                                              DlTaskKind      kind);
guint         dl_today_model_get_capacity    (DlTodayModel   *self);
/* Today's capacity only; other days keep the preference. */
void          dl_today_model_set_capacity_for_today (DlTodayModel *self,
                                                     guint         capacity);

G_END_DECLS

/* dl-today-item.h — one row of the Today list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dl-today.h"

G_BEGIN_DECLS

#define DL_TYPE_TODAY_ITEM (dl_today_item_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayItem, dl_today_item, DL, TODAY_ITEM, GObject)

/* An immutable snapshot: the model makes new items when it recomputes.
 * The words and the risk are worked out when first asked for, so a list
 * of thousands costs only what its visible rows need; tree (NULL for a
 * prospect) is kept for that. */
DlTodayItem    *dl_today_item_new              (const DlTodayEntry *entry,
                                                DlDay               today,
                                                DlTree             *tree,
                                                const DlCadence    *cadence);
/* A task of the day plan (dl_day_plan_build ()); tree is NULL for a
 * follow-up.  Its reason is dl_task_describe (). */
DlTodayItem    *dl_today_item_new_for_task     (const DlTask       *task,
                                                DlDay               today,
                                                DlTree             *tree,
                                                const DlCadence    *cadence);
/* TRUE when self was made from a task that shows as task does on today:
 * the model keeps such items, and their rows, as they are.  An item kept
 * takes tree (and its row in it), where it reads the member's risk. */
gboolean        dl_today_item_keep_for_task    (DlTodayItem  *self,
                                                const DlTask *task,
                                                DlDay         today,
                                                DlTree       *tree);
/* The built-in letter that suits the item's task (dl_task_get_letter ());
 * NULL for a prospect or an item that is no task. */
const char     *dl_today_item_get_letter       (DlTodayItem *self);
/* For an item made from a task: its kind and state; FALSE otherwise. */
gboolean        dl_today_item_get_task         (DlTodayItem *self,
                                                DlTaskKind  *kind,
                                                DlTaskState *state);
gint64          dl_today_item_get_person_id    (DlTodayItem *self);
const char     *dl_today_item_get_name         (DlTodayItem *self);
DlTodaySection  dl_today_item_get_section      (DlTodayItem *self);
DlTodayKind     dl_today_item_get_kind         (DlTodayItem *self);
gboolean        dl_today_item_is_prospect      (DlTodayItem *self);
DlDay           dl_today_item_get_due_on       (DlTodayItem *self);
gint            dl_today_item_get_days_overdue (DlTodayItem *self);
/* Why due, in words; the last contact, in words. */
const char     *dl_today_item_get_reason       (DlTodayItem *self);
const char     *dl_today_item_get_last_contact (DlTodayItem *self);
/* FALSE for prospects, who have no dropout risk. */
gboolean        dl_today_item_get_risk         (DlTodayItem *self,
                                                DlRiskBand  *band,
                                                guint       *score);

G_END_DECLS

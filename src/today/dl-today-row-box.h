/* dl-today-row-box.h — a row's title beside its actions, or above them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DL_TYPE_TODAY_ROW_BOX (dl_today_row_box_get_type ())

G_DECLARE_FINAL_TYPE (DlTodayRowBox, dl_today_row_box, DL, TODAY_ROW_BOX, GtkWidget)

/* The first child is the row's text; the others (badges, buttons) stand
 * in one line after it when the row is wide enough to leave the text
 * room, and wrap under it otherwise, each line's children with halign
 * GTK_ALIGN_END at its end.  Children are added with <child> in a
 * template. */
GtkWidget *dl_today_row_box_new         (void);
/* Whether the children stand under the text, at the last allocation. */
gboolean   dl_today_row_box_get_stacked (DlTodayRowBox *self);

G_END_DECLS

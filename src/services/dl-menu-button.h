/* dl-menu-button.h — a menu button whose popover is made when first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gtk_menu_button_set_menu_model () builds the whole popover menu at
 * once, a widget and a shaped label for each item.  Today's rows, the
 * board's columns and the Insights cards each have one that most people
 * never open, and making them all was a tenth of filling Today: here
 * the menu is kept and the popover made the first time the button
 * opens it.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The menu button opens from now on (NULL for none); its popover is
 * made when first opened, and made again with the new menu if it was. */
void dl_menu_button_set_menu (GtkMenuButton *button,
                              GMenuModel    *menu);

G_END_DECLS

/* dl-menu-button.c — a menu button whose popover is made when first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-menu-button.h"

#define MENU_KEY "dl-menu-button-menu"

static void
create_popup_cb (GtkMenuButton *button,
                 gpointer       user_data)
{
  GMenuModel *menu = g_object_get_data (G_OBJECT (button), MENU_KEY);

  if (gtk_menu_button_get_menu_model (button) != menu)
    gtk_menu_button_set_menu_model (button, menu);
}

void
dl_menu_button_set_menu (GtkMenuButton *button,
                         GMenuModel    *menu)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (menu == NULL || G_IS_MENU_MODEL (menu));

  g_object_set_data_full (G_OBJECT (button), MENU_KEY, menu != NULL ? g_object_ref (menu) : NULL, g_object_unref);
  gtk_menu_button_set_create_popup_func (button, create_popup_cb, NULL, NULL);
  /* a popover already made shows the new menu */
  if (gtk_menu_button_get_menu_model (button) != NULL)
    gtk_menu_button_set_menu_model (button, menu);
}

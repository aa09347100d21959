/* dl-welcome-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_WELCOME_PAGE (dl_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (DlWelcomePage, dl_welcome_page, DL, WELCOME_PAGE, GtkWidget)

void dl_welcome_page_set_store (DlWelcomePage *self,
                                DlStore       *store);

G_END_DECLS

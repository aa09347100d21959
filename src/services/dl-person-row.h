/* dl-person-row.h — a picker's row that tells people of one name apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-store.h"

G_BEGIN_DECLS

/* A factory for a drop-down's list (gtk_drop_down_set_list_factory ())
 * or a list view of DlMember or DlPerson items: the name, and under it
 * what tells them apart from others of the same name
 * (dl_store_describe_member (): member number, city, sponsor).  Read
 * from store for the rows on screen only. */
GtkListItemFactory *dl_person_row_factory_new (DlStore *store);

/* The subtitle shown in a row made by that factory (for tests and
 * screen readers), or NULL. */
const char         *dl_person_row_get_subtitle (GtkWidget *row);

G_END_DECLS

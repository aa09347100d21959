/* dl-prospect-list.h — the prospects of one stage, in board order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store-list.h"

G_BEGIN_DECLS

/* A DlStoreList of the prospects of stage_id that reloads only for the
 * cards of its stage, and keeps the index of each live card. */
DlStoreList *dl_prospect_list_new (DlStore *store,
                                   gint64   stage_id);

G_END_DECLS

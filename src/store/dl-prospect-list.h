/* dl-prospect-list.h — the prospects of one stage, in board order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_PROSPECT_LIST (dl_prospect_list_get_type ())

G_DECLARE_FINAL_TYPE (DlProspectList, dl_prospect_list, DL, PROSPECT_LIST, GObject)

DlProspectList *dl_prospect_list_new      (DlStore        *store,
                                           gint64          stage_id);
gint64          dl_prospect_list_get_stage_id (DlProspectList *self);
/* The person id at position, or 0 past the end; no item is made. */
gint64          dl_prospect_list_get_id   (DlProspectList *self,
                                           guint           position);
/* The position of person_id, or -1 when it is not in the list. */
int             dl_prospect_list_find     (DlProspectList *self,
                                           gint64          person_id);
void            dl_prospect_list_reload   (DlProspectList *self);

G_END_DECLS

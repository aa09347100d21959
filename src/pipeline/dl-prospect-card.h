/* dl-prospect-card.h — one prospect on the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_PROSPECT_CARD (dl_prospect_card_get_type ())

G_DECLARE_FINAL_TYPE (DlProspectCard, dl_prospect_card, DL, PROSPECT_CARD, GtkWidget)

GtkWidget  *dl_prospect_card_new          (void);
/* Shows prospect as a card of stage (for its stale rule); NULLs clear. */
void        dl_prospect_card_bind         (DlProspectCard *self,
                                           DlProspect     *prospect,
                                           DlStage        *stage);
DlProspect *dl_prospect_card_get_prospect (DlProspectCard *self);
/* The day the card is judged on (follow-up chip, stale flag, days since
 * the last contact); DL_DAY_NONE (the default) means dl_day_today (). */
void        dl_prospect_card_set_today    (DlProspectCard *self,
                                           DlDay           today);
/* Whether the stale flag shows (for tests). */
gboolean    dl_prospect_card_is_stale     (DlProspectCard *self);
/* The drop indicator: -1 above the card, 1 below, 0 none. */
void        dl_prospect_card_set_drop_mark (DlProspectCard *self,
                                            int             where);

G_END_DECLS

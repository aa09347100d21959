/* dl-store-risk.h — the dropout-risk model the business's history teaches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-risk-model.h"
#include "dl-rules.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* Learns the model from the monthly figures, events and contact log in
 * the store (dl_risk_learn ()), with cadence (NULL for the defaults)
 * telling whose check-ins were the user's.  Reads only. */
gboolean  dl_store_learn_risk_model   (DlStore            *store,
                                       const DlCadence    *cadence,
                                       DlRiskModel        *model,
                                       GError            **error);

/* Learns, then keeps the model with the database so the downline's
 * scores use it: what an import of monthly figures does afterwards.
 * model (may be NULL) receives it. */
gboolean  dl_store_refit_risk_model   (DlStore            *store,
                                       const DlCadence    *cadence,
                                       DlRiskModel        *model,
                                       GError            **error);

/* The same in a worker thread, on a connection of its own, so the
 * window stays responsive while a large history is read and fitted. */
void      dl_store_refit_risk_model_async  (DlStore             *store,
                                            const DlCadence     *cadence,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  dl_store_refit_risk_model_finish (DlStore             *store,
                                            GAsyncResult        *result,
                                            DlRiskModel         *model,
                                            GError             **error);

/* The model kept with the database; the expert's (no history) when none
 * was ever fitted. */
gboolean  dl_store_get_risk_model     (DlStore            *store,
                                       DlRiskModel        *model,
                                       GError            **error);

G_END_DECLS

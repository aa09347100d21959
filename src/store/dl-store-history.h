/* dl-store-history.h — the back office's months, read for the analyses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-history.h"
#include "dl-insights.h"
#include "dl-rules.h"
#include "dl-store.h"

G_BEGIN_DECLS

typedef struct _DlStoreHistory DlStoreHistory;

/* The months with figures (from the first to the last, gaps unknown),
 * for the members of tree, with cadence (NULL for the defaults) telling
 * whose check-ins were the user's.  Reads only; NULL with error when the
 * database cannot be read. */
DlStoreHistory  *dl_store_load_history (DlStore              *store,
                                        const DlTree         *tree,
                                        const DlCadence      *cadence,
                                        GError              **error);
/* The same from any thread, on a read-only connection of its own to
 * the database at path, with the downline it was read against (tree
 * receives a reference).  For a worker: the window goes on writing. */
DlStoreHistory  *dl_store_load_history_file (const char        *path,
                                             const DlCadence   *cadence,
                                             DlTree           **tree,
                                             GError           **error);
const DlHistory *dl_store_history_get  (const DlStoreHistory *history);

/* Adds to weeks (n of them, week_start set, the first on first) the
 * people added to the pipeline and the contacts logged each week, and
 * the pipeline's size at each week's end, from the database at path on
 * a read-only connection of its own. */
gboolean         dl_store_load_effort_file (const char    *path,
                                            DlDay          first,
                                            guint          n,
                                            DlEffortWeek  *weeks,
                                            GError       **error);
void             dl_store_history_free (DlStoreHistory       *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlStoreHistory, dl_store_history_free)

G_END_DECLS

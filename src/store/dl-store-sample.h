/* dl-store-sample.h — filling an empty database with sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_members;       /* the downline, the user not counted */
  guint n_prospects;     /* pipeline rows, Joined ones included */
  guint n_interactions;
  guint max_depth;       /* levels below the user */
} DlSampleSummary;

/* Writes a made-up business (see dl-sample.h) into an empty store in one
 * transaction: the profile, n_members members under the user, about 120
 * prospects and the contact log.  today anchors every date; the same
 * seed, n_members and today give the same database.  Fails with
 * DL_STORE_ERROR_NOT_EMPTY, changing nothing, unless dl_store_is_empty(),
 * and with DL_STORE_ERROR_INVALID for more than DL_SAMPLE_MAX_MEMBERS. */
gboolean dl_store_fill_sample (DlStore         *store,
                               guint            n_members,
                               guint32          seed,
                               DlDay            today,
                               DlSampleSummary *summary,
                               GError         **error);

G_END_DECLS

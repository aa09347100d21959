/* dl-summary.h — the downline in a few numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-rules.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_members;                 /* everyone but the user */
  guint n_personal;                /* personally sponsored by the user */
  guint max_depth;                 /* levels below the user */
  guint by_status[3];              /* DlMemberStatus */
  guint by_activity[3];            /* DlActivity, dropped members left out */
  guint by_risk[4];                /* DlRiskBand */
  guint n_overdue;                 /* the user's check-ins due before today */
  guint n_due_today;
  guint n_unwelcomed;              /* the user's to welcome: no contact since joining */
} DlSummary;

/* One pass over the tree; the user's own node is not counted. */
void dl_summary_compute (const DlTree    *tree,
                         const DlCadence *cadence,
                         DlDay            today,
                         DlSummary       *summary);

G_END_DECLS

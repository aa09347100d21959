/* dl-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dl-summary.h"

void
dl_summary_compute (const DlTree    *tree,
                    const DlCadence *cadence,
                    DlDay            today,
                    DlSummary       *summary)
{
  gint64 root;
  guint n;

  g_return_if_fail (tree != NULL);
  g_return_if_fail (cadence != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  root = dl_tree_get_root (tree);
  n = dl_tree_get_n_nodes (tree);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      DlRiskBand band;
      DlDueItem due;

      if ((gint64) i == root)
        continue;

      summary->n_members++;
      if (node->parent != DL_TREE_NO_PARENT && (gint64) node->parent == root)
        summary->n_personal++;
      summary->max_depth = MAX (summary->max_depth, node->level);
      summary->by_status[MIN (node->status, DL_MEMBER_DROPPED)]++;

      dl_rules_risk_score (tree, i, cadence, today, &band);
      summary->by_risk[band]++;

      if (node->status == DL_MEMBER_DROPPED)
        continue;

      summary->by_activity[dl_rules_activity (node, today)]++;

      /* only what the user owes: deeper members are their sponsor's job */
      if (!dl_rules_member_due (tree, i, cadence, today, &due))
        continue;

      if (due.kind == DL_DUE_WELCOME)
        summary->n_unwelcomed++;
      else if (due.days_overdue > 0)
        summary->n_overdue++;
      else if (due.days_overdue == 0)
        summary->n_due_today++;
    }
}

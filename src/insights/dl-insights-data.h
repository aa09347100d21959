/* dl-insights-data.h — everything the Insights view draws, worked out
 * in one go off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dl-insights.h"
#include "dl-risk-model.h"
#include "dl-store.h"

G_BEGIN_DECLS

typedef struct
{
  gatomicrefcount  ref_count;
  DlTree          *tree;
  GArray          *cohorts;      /* DlCohort, oldest first */
  GArray          *growth;       /* DlGrowthMonth, oldest first */
  DlDuplication   *duplication;
  DlRiskModel      model;        /* as kept with the database */
  guint            active_now;   /* active members in the tree */
  guint            n_periods;    /* months with figures */
  DlEffortWeek     effort[DL_INSIGHTS_EFFORT_WEEKS];  /* the last twelve weeks, this one last */
  gboolean         has_effort;
} DlInsightsData;

DlInsightsData *dl_insights_data_ref   (DlInsightsData *data);
void            dl_insights_data_unref (DlInsightsData *data);

/* Reads the downline and the months of store's file on a connection of
 * its own and works out every chart's figures in a worker thread. */
void            dl_insights_data_load_async  (DlStore              *store,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
DlInsightsData *dl_insights_data_load_finish (DlStore              *store,
                                              GAsyncResult         *result,
                                              GError              **error);

/* The same in the calling thread, from a file, with the effort of the
 * twelve weeks up to today. */
DlInsightsData *dl_insights_data_load        (const char           *path,
                                              DlDay                 today,
                                              GError              **error);
/* From a tree and its history already read (model: the expert's). */
DlInsightsData *dl_insights_data_new         (DlTree               *tree,
                                              const DlHistory      *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlInsightsData, dl_insights_data_unref)

G_END_DECLS

/* dl-store-figures.h — what the back office says of every member of a tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-events.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* What the latest export said of one member, beyond what the tree
 * carries (the latest month's PV, in the whole points its badges and
 * colours use, and autoship).  20 bytes: a million members take 20 MB,
 * only while a table shows them. */
typedef struct
{
  float    gv;             /* the latest month's; NAN when it did not say */
  DlDay    first_order;    /* DL_DAY_NONE when not known */
  DlDay    last_order;
  DlDay    next_autoship;
  guint16  rank;           /* the highest rank reached: an index into ranks, 0 none */
  guint16  paid_rank;      /* the latest month's: an index into ranks, 0 not known */
} DlMemberFigures;

typedef struct
{
  DlTree          *tree;      /* the tree the arrays follow, one entry per node */
  DlMemberFigures *members;
  GPtrArray       *ranks;     /* the distinct ranks (char *); 0 is "" */
  DlPeriod         period;    /* the latest month with figures, or DL_PERIOD_NONE */
  /* Each member's parent in the other tree, as an index in tree
   * (DL_TREE_NO_PARENT for none there), 4 bytes more a member.  For a
   * placement tree, who enrolled them, and how many each enrolled (the
   * enrollment tree's parents and children say both); for the
   * enrollment tree, where the company placed them, NULL when no export
   * placed anyone. */
  guint32         *sponsor;
  guint32         *recruits;
  guint32         *placed_under;
} DlTreeFigures;

/* Reads the figures of every member of tree (of kind) in a worker
 * thread, on a connection of its own: one pass over the members, one
 * over the latest month (and one over the placements), each walked
 * beside the tree in person-id order.  Members added since the tree was read are left out; those
 * gone since have nothing known. */
void           dl_store_load_tree_figures_async  (DlStore             *store,
                                                  DlTree              *tree,
                                                  DlTreeKind           kind,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
DlTreeFigures *dl_store_load_tree_figures_finish (DlStore             *store,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void           dl_tree_figures_free              (DlTreeFigures       *figures);
const char    *dl_tree_figures_get_rank_name     (const DlTreeFigures *figures,
                                                  guint                rank);

/* What the latest export said of one member, as their details show it. */
typedef struct
{
  char   *rank;            /* the highest rank reached; "" when none */
  DlDay   first_order;     /* DL_DAY_NONE when not known */
  DlDay   last_order;
  DlDay   next_autoship;
  gint8   autoship;        /* 1 on, 0 off, -1 the export did not say */
} DlMemberBackOffice;

/* FALSE (with error when the database cannot be read) for someone who
 * is not a member. */
gboolean       dl_store_get_member_back_office   (DlStore             *store,
                                                  gint64               person_id,
                                                  DlMemberBackOffice  *out,
                                                  GError             **error);
void           dl_member_back_office_clear       (DlMemberBackOffice  *office);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTreeFigures, dl_tree_figures_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DlMemberBackOffice, dl_member_back_office_clear)

G_END_DECLS

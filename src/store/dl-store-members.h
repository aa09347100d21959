/* dl-store-members.h — the members, the trees they make and where the
 * company placed them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A member is a person with a member row: a sponsor, a number, a rank.
 * The trees are read whole, on the main thread or in a worker.
 */

#pragma once

#include "dl-member.h"
#include "dl-person.h"
#include "dl-tree.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* Members.  person is an existing person (a prospect who joined) or a
 * draft; sponsor_id is a member's person id (dl_store_get_user_id () for
 * the user) or 0 for "no sponsor"; member_number may be NULL or "" for
 * none; joined_on DL_DAY_NONE means today. */
DlMember   *dl_store_add_member         (DlStore        *self,
                                         DlPerson       *person,
                                         gint64          sponsor_id,
                                         const char     *member_number,
                                         DlDay           joined_on,
                                         DlRole          role,
                                         GError        **error);
DlMember   *dl_store_get_member         (DlStore        *self,
                                         gint64          person_id);
/* Saves member number, joined-on, role, rank and last activity. */
gboolean    dl_store_update_member      (DlStore        *self,
                                         DlMember       *draft,
                                         GError        **error);
/* CYCLE when sponsor_id is the member or in their downline. */
gboolean    dl_store_set_member_sponsor (DlStore        *self,
                                         gint64          person_id,
                                         gint64          sponsor_id,
                                         GError        **error);
/* days 0 returns the member to the default cadence. */
gboolean    dl_store_set_member_cadence (DlStore        *self,
                                         gint64          person_id,
                                         guint           days,
                                         GError        **error);
/* DL_DAY_NONE ends a snooze. */
gboolean    dl_store_snooze_member      (DlStore        *self,
                                         gint64          person_id,
                                         DlDay           until,
                                         GError        **error);
/* All members in the tree's depth-first order; items are made on demand.
 * A DlMemberList: dl_member_list_get_tree () gives the tree it shows. */
GListModel *dl_store_get_members        (DlStore        *self);
/* Reads every member into a fresh tree (one query). */
DlTree     *dl_store_load_tree          (DlStore        *self,
                                         GError        **error);
/* The same in a worker thread over its own read-only connection, so a
 * huge downline never freezes the window. */
void        dl_store_load_tree_async    (DlStore        *self,
                                         GCancellable   *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer        user_data);
DlTree     *dl_store_load_tree_finish   (DlStore        *self,
                                         GAsyncResult   *result,
                                         GError        **error);
/* Starts the one read of the current tree in a thread, unless it is
 * kept or being read: a window about to be built calls it, so that its
 * views, which ask for the tree once they have the store, join a read
 * already under way rather than start it after the window is made. */
void        dl_store_read_tree_ahead    (DlStore        *self);
/* The tree the store keeps from its last read, if nothing it shows has
 * changed since (a new reference), else NULL: an answer that costs no
 * read, for a view that would rather read in a thread than wait. */
DlTree     *dl_store_peek_kept_tree     (DlStore        *self);

/* The two trees of a business: who enrolled whom (member.sponsor_id,
 * the one the rules, Today and every count follow), and where the
 * company placed each member in its unilevel or binary plan.  Members
 * no export placed sit under their enroller in the placement tree. */
typedef enum
{
  DL_TREE_KIND_ENROLLMENT,
  DL_TREE_KIND_PLACEMENT,
} DlTreeKind;

typedef enum
{
  DL_SIDE_NONE,
  DL_SIDE_LEFT,
  DL_SIDE_RIGHT,
} DlSide;

/* Like dl_store_load_tree_async(); finish with
 * dl_store_load_tree_finish().  Only the enrollment tree is kept
 * between reads. */
void        dl_store_load_tree_kind_async (DlStore      *self,
                                           DlTreeKind    kind,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer      user_data);
/* TRUE when an import placed at least one member under someone. */
gboolean    dl_store_has_placement      (DlStore        *self);
/* Where the company placed person_id: FALSE when no export said;
 * *parent_id 0 when their placement parent is no longer in the file. */
gboolean    dl_store_get_placement      (DlStore        *self,
                                         gint64          person_id,
                                         gint64         *parent_id,
                                         DlSide         *side);

G_END_DECLS

/* dl-tree.h — the downline as a compact in-memory forest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tree view, the rules and the due list need of every member,
 * held in one array in depth-first (pre-order) order: a node's subtree is
 * the range [i, i + subtree_size).  Built without recursion, so a chain
 * a million deep is fine.
 */

#pragma once

#include "dl-risk-model.h"
#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TREE_NO_PARENT G_MAXUINT32

#define DL_TREE_ERROR (dl_tree_error_quark ())

typedef enum
{
  DL_TREE_ERROR_CYCLE,          /* a sponsor chain loops */
  DL_TREE_ERROR_DUPLICATE_ID,   /* two rows with one person id */
  DL_TREE_ERROR_ROOT,           /* the user's own node cannot be moved */
} DlTreeError;

GQuark dl_tree_error_quark (void);

typedef struct
{
  gint64          person_id;
  gint64          sponsor_id;      /* as given: 0, or an orphan's missing sponsor */
  const char     *name;            /* owned by the tree, never NULL */
  guint32         parent;          /* index, or DL_TREE_NO_PARENT */
  guint32         subtree_size;    /* this node included */
  guint32         n_children;      /* personal recruits */
  guint32         first_child;     /* index, or DL_TREE_NO_PARENT: = i + 1 when n_children > 0 */
  guint32         next_sibling;    /* index, or DL_TREE_NO_PARENT */
  guint32         level;           /* 0 for a root (the user), 1 = personally sponsored */
  guint8          status;          /* DlMemberStatus */
  guint8          role;            /* DlRole */
  /* The PV of the file's latest period, in whole points: rounded down
   * (49.9 is still under 50) but never to 0 from an order (0.5 is 1),
   * at most G_MAXUINT16.  A float would not fit the padding. */
  guint16         pv;
  DlDay           joined_on;
  DlDay           status_since;    /* DL_DAY_NONE if unknown */
  DlDay           last_activity;   /* own activity: order, sale, sign-up */
  DlDay           last_contact;    /* the user's last logged contact */
  DlDay           snoozed_until;   /* check-in deferred until this day */
  DlDay           first_recruit_on;/* earliest joined_on among children */
  DlDay           last_recruit_on; /* latest joined_on among children */
  guint16         cadence_override;/* days; 0 = the default rules */
  guint16         rank;            /* index into the tree's rank names; 0 = no rank */
  guint8          signals;         /* DlRiskSignal bits of the last two months' events */
  /* The latest month's back-office figures (with pv above), in what was
   * padding: zero, as a row starts, is "not known". */
  guint8          autoship;        /* DlAutoship */
  guint8          has_pv;          /* pv is known */
} DlTreeNode;

typedef enum
{
  DL_AUTOSHIP_UNKNOWN,
  DL_AUTOSHIP_OFF,
  DL_AUTOSHIP_ON,
} DlAutoship;

typedef struct _DlTree DlTree;
typedef struct _DlTreeBuilder DlTreeBuilder;

/* Rows may come in any order.  sponsor_id 0 (or one that never appears)
 * makes a root; the user's own member row is the root with the profile's
 * person id (whatever sponsor it names).  Rows whose sponsor chain loops,
 * or two rows with one person id, are reported by finish().  finish()
 * consumes the rows: the builder is left empty, to free or to refill. */
DlTreeBuilder *dl_tree_builder_new    (guint          size_hint);
void           dl_tree_builder_add    (DlTreeBuilder *builder,
                                       const DlTreeNode *row);
/* row->name is copied; parent/subtree/children fields of row are ignored. */
DlTree        *dl_tree_builder_finish (DlTreeBuilder *builder,
                                       gint64         root_person_id,
                                       GError       **error);
/* Moves every row of other to the end of builder, as if added there
 * (names and ranks come along); other is left empty.  For rows read in
 * parts, each part on its own thread into its own builder. */
void           dl_tree_builder_take   (DlTreeBuilder *builder,
                                       DlTreeBuilder *other);
void           dl_tree_builder_free   (DlTreeBuilder *builder);
/* Ranks are free text from the back office; each distinct one gets a
 * small index (the same text always the same index within a builder) to
 * put in DlTreeNode.rank.  "" and NULL are index 0, "no rank".  Past
 * DL_TREE_MAX_RANKS distinct ranks every new one shares the last index. */
#define DL_TREE_MAX_RANKS 4096
guint16        dl_tree_builder_intern_rank (DlTreeBuilder *builder,
                                            const char    *rank);

DlTree        *dl_tree_ref            (DlTree        *tree);
/* The last reference to a tree of DL_TREE_FREE_LATER_NODES members or
 * more frees it on a worker thread (dl_free_later ()). */
#define DL_TREE_FREE_LATER_NODES 65536
void           dl_tree_unref          (DlTree        *tree);
guint          dl_tree_get_n_nodes    (const DlTree  *tree);
const DlTreeNode *dl_tree_get_node    (const DlTree  *tree,
                                       guint          index);
/* The index of the node with this person id, or -1. */
gint64         dl_tree_find           (const DlTree  *tree,
                                       gint64         person_id);
/* The n_nodes node indices in ascending person-id order: to walk the
 * tree beside a query sorted by person id, without a search per row. */
const guint32 *dl_tree_get_id_order   (const DlTree  *tree);
/* The nodes' links as arrays of n_nodes, each a copy of one field of
 * every DlTreeNode (parent, next_sibling, n_children, subtree_size):
 * walks bound by memory read 4 bytes a node instead of a node's cache
 * line, and a layout of the tree points at them instead of copying
 * them (a million nodes' copy was most of a relayout after an edit). */
typedef struct
{
  const guint32 *parent;
  const guint32 *next_sibling;
  const guint32 *n_children;
  const guint32 *subtree_size;
} DlTreeLinks;

const DlTreeLinks *dl_tree_get_links  (const DlTree  *tree);
/* The one change a tree takes after it is built: a member's last
 * contact, when a contact is logged or taken back (the store patches the
 * tree it keeps instead of reading the whole downline again).  A plain
 * aligned 32-bit store: a reader in another thread sees the old day or
 * the new one. */
void           dl_tree_set_last_contact (DlTree       *tree,
                                         guint         index,
                                         DlDay         day);
/* The dropout-risk model the business's history taught, which the
 * rules then score with; NULL (the default) for the expert points.  Set
 * once, by whoever built the tree, before it is shared. */
void           dl_tree_set_risk_model (DlTree             *tree,
                                       const DlRiskModel  *model);
const DlRiskModel *dl_tree_get_risk_model (const DlTree   *tree);
/* The month (a DlPeriod) whose export the tree was read as, for what
 * is read beside it; G_MININT32 (DL_PERIOD_NONE), the default, for the
 * present. */
void           dl_tree_set_as_of      (DlTree             *tree,
                                       gint32              period);
gint32         dl_tree_get_as_of      (const DlTree       *tree);
/* The day the user started with Downline on this file
 * (dl_settings_get_first_use ()), or DL_DAY_NONE, the default: nothing
 * is known of before.  A member who had joined before it was in the
 * business before Downline knew of them: not "never welcomed", and
 * their check-ins count from that day, not from joining years ago.
 * Set once, by whoever built the tree, before it is shared. */
void           dl_tree_set_started_on (DlTree             *tree,
                                       DlDay               day);
DlDay          dl_tree_get_started_on (const DlTree       *tree);
/* The index of the user's node (root_person_id given to finish), or -1. */
gint64         dl_tree_get_root       (const DlTree  *tree);
/* The distinct ranks (index 0 is "", no rank) and the text of one. */
guint          dl_tree_get_n_ranks    (const DlTree  *tree);
const char    *dl_tree_get_rank_name  (const DlTree  *tree,
                                       guint          rank);
/* TRUE when ancestor_index is index or one of its ancestors. */
gboolean       dl_tree_is_ancestor    (const DlTree  *tree,
                                       guint          ancestor_index,
                                       guint          index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTree, dl_tree_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlTreeBuilder, dl_tree_builder_free)

G_END_DECLS

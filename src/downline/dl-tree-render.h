/* dl-tree-render.h — drawing the laid-out downline with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing code for the canvas, the exports, printing and the
 * benchmark.  The view walks the shown nodes in depth-first order and
 * skips every subtree whose bounds miss the viewport (culling); a subtree
 * narrower than a few pixels becomes one mark; labels appear only where
 * they fit.  Fills are grouped by colour, so a frame is a handful of cairo
 * fills however many nodes it holds.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "dl-layout.h"
#include "dl-rules.h"

G_BEGIN_DECLS

typedef enum
{
  DL_COLOUR_BY_RISK,
  DL_COLOUR_BY_ACTIVITY,
  DL_COLOUR_BY_TENURE,
  DL_COLOUR_BY_RANK,
  DL_COLOUR_BY_AUTOSHIP,   /* the latest import's autoship: on, off, not known */
  DL_COLOUR_BY_VOLUME,     /* the latest month's PV, in DL_VOLUME_CLASS_* bands */
  DL_COLOUR_BY_N,
} DlColourBy;

typedef enum
{
  DL_HIGHLIGHT_NONE,
  DL_HIGHLIGHT_HIGH_RISK,
  DL_HIGHLIGHT_NOT_WELCOMED,
  DL_HIGHLIGHT_OVERDUE,
  DL_HIGHLIGHT_NEGLECTED_GROUP,   /* sponsors of an active group the user is not contacting */
  DL_HIGHLIGHT_N,
} DlHighlight;

/* What the rules say of every member, worked out once per tree. */
typedef struct
{
  DlTree   *tree;
  gboolean  placement;     /* tree is the placement tree: its children are not recruits */
  DlDay     today;
  DlCadence cadence;       /* the rhythm the facts were worked out with */
  guint8   *risk_band;     /* DlRiskBand */
  guint8   *risk_score;
  guint8   *activity;      /* DlActivity */
  guint8   *tenure;        /* 0 first month, 1 first quarter, 2 first year, 3 longer */
  guint8   *flags;         /* DL_FACT_* */
  guint32  *at_risk;       /* high-risk members in the subtree, the node included */
  guint32  *new_members;   /* members in their first 30 days in the subtree, the node included */
  /* Colour by rank: the most frequent ranks (of members not dropped) get
   * a colour each, in order of frequency then name; the rest are
   * "Other ranks". */
  guint8   *rank_class;    /* DL_RANK_CLASS_* or 0 .. n_top_ranks - 1 */
  guint     n_top_ranks;
  const char *top_rank[6]; /* owned by the tree */
  guint32   rank_count[9]; /* members in each rank class */
  /* Members (not dropped) whose autoship, or PV, the figures tell:
   * with none, the legend says to import a month's figures. */
  guint32   n_autoship_known;
  guint32   n_pv_known;
} DlTreeFacts;

/* The rank classes: the top ranks first, then these. */
#define DL_RANK_COLOURS          6
#define DL_RANK_CLASS_OTHER      6
#define DL_RANK_CLASS_NONE       7
#define DL_RANK_CLASS_DROPPED    8

/* The autoship classes. */
#define DL_AUTOSHIP_CLASS_ON       0
#define DL_AUTOSHIP_CLASS_OFF      1
#define DL_AUTOSHIP_CLASS_UNKNOWN  2
#define DL_AUTOSHIP_CLASS_DROPPED  3

/* The volume classes: the latest month's PV in the bands a distributor
 * counts in.  100 PV a month is what many plans ask for to stay active
 * and qualified, so it is the line; half of it is the usual small order;
 * no order at all is the loudest sign. */
#define DL_VOLUME_CLASS_NONE       0   /* 0 PV: no order */
#define DL_VOLUME_CLASS_LOW        1   /* under 50 */
#define DL_VOLUME_CLASS_MID        2   /* 50 to 99 */
#define DL_VOLUME_CLASS_QUALIFIED  3   /* 100 and more */
#define DL_VOLUME_CLASS_UNKNOWN    4   /* no figures for the latest month */
#define DL_VOLUME_CLASS_DROPPED    5

#define DL_FACT_NOT_WELCOMED   (1 << 0)
#define DL_FACT_OVERDUE        (1 << 1)
#define DL_FACT_NEGLECTED      (1 << 2)
#define DL_FACT_DUE            (1 << 3)   /* a check-in due today or overdue */

DlTreeFacts *dl_tree_facts_new   (DlTree            *tree,
                                  const DlCadence   *cadence,
                                  DlDay              today);
/* The same, with the first use of Downline on the file
 * (dl_settings_get_first_use ()): "not welcomed yet" is then Today's
 * welcome list exactly (dl_rules_needs_welcome ()); without it, who
 * joined in the last 72 hours. */
DlTreeFacts *dl_tree_facts_new_full (DlTree          *tree,
                                     const DlCadence *cadence,
                                     DlDay            today,
                                     DlDay            started_on);
/* The facts of rules (worked out on the enrollment tree, which the
 * check-ins and risk follow) for the same members drawn as tree (the
 * placement tree): each member keeps their own colours and flags, and
 * the group counts are of tree's groups. */
DlTreeFacts *dl_tree_facts_new_mapped (DlTree            *tree,
                                       const DlTreeFacts *rules);
void         dl_tree_facts_free  (DlTreeFacts       *facts);
gboolean     dl_tree_facts_match (const DlTreeFacts *facts,
                                  guint              index,
                                  DlHighlight        highlight);

typedef struct
{
  DlLayout          *layout;
  const DlTreeFacts *facts;
  DlColourBy         colour_by;
  DlHighlight        highlight;
  gint64             selected;     /* index or -1 */
  gint64             hovered;      /* index or -1 */
  const guint8      *matches;      /* search hits, one byte a node, or NULL */
  /* The view: screen = (world - origin) × zoom. */
  double             origin_x;
  double             origin_y;
  double             zoom;
  int                width;
  int                height;
  /* Subtrees narrower than this many pixels are one mark; 0 never. */
  double             mark_px;
  /* Device pixels per unit of a recording cr is played back at (a
   * widget's scale factor), so that far out, with marks on, boxes that
   * cover no pixel are left out; 0 when not known.  An image surface's
   * own pixels are known. */
  double             pixel_scale;
  gboolean           dark;
  /* Every name, however small: a PDF or SVG is zoomed by its reader,
   * and its names are text to search. */
  gboolean           all_labels;
} DlRenderView;

typedef struct
{
  guint   n_nodes;     /* boxes drawn */
  guint   n_marks;     /* subtrees drawn as one mark */
  guint   n_labels;
  GArray *drawn;       /* when set: guint32 indices of the boxes drawn */
  GArray *marked;      /* when set: guint32 indices of the marked subtrees */
} DlRenderStats;

void        dl_render_view_init     (DlRenderView      *view);
/* The view.layout's bounds fitted in width × height (48 px margin), at
 * most at zoom 1. */
void        dl_render_view_zoom_to_fit (DlRenderView   *view,
                                        int             width,
                                        int             height);
/* The first view of a freshly loaded tree: all of it if it fits at
 * zoom 0.8, else its top at 0.8. */
void        dl_render_view_show_start  (DlRenderView   *view,
                                        int             width,
                                        int             height);
/* Bigger than this, a first load opens as an overview:
 * dl_tree_render_fold_overview() folds each first-level group that has
 * recruits into one node ("+N below · M at risk"). */
#define DL_RENDER_BIG_TREE 20000
void        dl_tree_render_fold_overview (DlLayout     *layout);
/* From this zoom on, a box's name is followed by a line of details
 * (level, recruits, the last contact; a folded group's summary);
 * further out the name is the only text, larger. */
#define DL_RENDER_DETAIL_ZOOM 0.7
/* Names smaller than this are not drawn (but in vector exports). */
#define DL_RENDER_NAME_MIN_PX 6.0
/* The size in pixels a name is drawn at at zoom, 0 when it is not. */
double      dl_tree_render_name_px  (double             zoom);
/* From this zoom on, boxes carry the back office's badges: rank, the
 * latest month's PV and an autoship mark, on a third line. */
#define DL_RENDER_BADGE_ZOOM 0.85
void        dl_tree_render          (cairo_t           *cr,
                                     const DlRenderView *view,
                                     DlRenderStats     *stats);
/* The legend for the current colouring, top-left at (x, y). */
void        dl_tree_render_legend   (cairo_t           *cr,
                                     const DlRenderView *view,
                                     double             x,
                                     double             y);
/* Name and swatch colour of the legend entries. */
guint       dl_colour_by_n_classes  (DlColourBy         colour_by);
const char *dl_colour_by_class_name (DlColourBy         colour_by,
                                     guint              klass);
void        dl_colour_by_class_rgb  (DlColourBy         colour_by,
                                     guint              klass,
                                     double            *rgb);
guint       dl_tree_facts_class     (const DlTreeFacts *facts,
                                     DlColourBy         colour_by,
                                     guint              index);
/* The legend's text for a class: for rank the rank's own name, which only
 * the facts know; for the others the same as dl_colour_by_class_name(). */
const char *dl_tree_facts_class_name (const DlTreeFacts *facts,
                                      DlColourBy         colour_by,
                                      guint              klass);
/* FALSE for classes the legend leaves out (ranks nobody holds; with no
 * figures imported, the bands nobody can be in). */
gboolean    dl_tree_facts_class_shown (const DlTreeFacts *facts,
                                       DlColourBy         colour_by,
                                       guint              klass);
/* The legend's rows after the classes: the three activity marks, the
 * high-risk mark and the autoship badge. */
#define DL_RENDER_LEGEND_MARKS 5
/* The height dl_tree_render_legend() draws for this view. */
double      dl_tree_render_legend_height (const DlRenderView *view);

/* A count short enough for a box, in the locale's digits: "941",
 * "4.4k", "678k", "1.2M".  buf holds 16 bytes; returns it. */
const char *dl_tree_render_short_count (guint  n,
                                        char  *buf);

G_END_DECLS

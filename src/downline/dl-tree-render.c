/* dl-tree-render.c — drawing the laid-out downline with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-tree-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "dl-layout-private.h"
#include "dl-tree-render.h"

#define NONE DL_TREE_NO_PARENT
#define MAX_BUCKETS 32   /* twice the most colour classes, and some */

/* Colour-blind-safe: Okabe and Ito's palette for categories, and a
 * sequential blue ramp (Paul Tol's) for tenure.  Colour is never the only
 * channel: high risk carries a warning mark, activity a disc. */
static const double risk_rgb[][3] = {
  { 0x00 / 255., 0x9e / 255., 0x73 / 255. },   /* low: bluish green */
  { 0xe6 / 255., 0x9f / 255., 0x00 / 255. },   /* medium: orange */
  { 0xd5 / 255., 0x5e / 255., 0x00 / 255. },   /* high: vermillion */
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. },   /* dropped: grey */
};
static const double activity_rgb[][3] = {
  { 0x00 / 255., 0x72 / 255., 0xb2 / 255. },   /* active: blue */
  { 0x56 / 255., 0xb4 / 255., 0xe9 / 255. },   /* cooling: sky blue */
  { 0xcc / 255., 0x79 / 255., 0xa7 / 255. },   /* inactive: reddish purple */
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. },
};
static const double tenure_rgb[][3] = {
  { 0xf0 / 255., 0xe4 / 255., 0x42 / 255. },   /* first month: yellow */
  { 0x9c / 255., 0xce / 255., 0xe3 / 255. },
  { 0x4a / 255., 0x98 / 255., 0xc9 / 255. },
  { 0x23 / 255., 0x50 / 255., 0x8f / 255. },
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. },
};
/* Rank: Paul Tol's muted scheme, light to dark so the commonest ranks
 * (the lower ones, usually) stay light; then "Other ranks", "No rank"
 * and "Dropped". */
static const double rank_rgb[][3] = {
  { 0x88 / 255., 0xcc / 255., 0xee / 255. },   /* cyan */
  { 0x44 / 255., 0xaa / 255., 0x99 / 255. },   /* teal */
  { 0xdd / 255., 0xcc / 255., 0x77 / 255. },   /* sand */
  { 0xcc / 255., 0x66 / 255., 0x77 / 255. },   /* rose */
  { 0x33 / 255., 0x22 / 255., 0x88 / 255. },   /* indigo */
  { 0xaa / 255., 0x44 / 255., 0x99 / 255. },   /* purple */
  { 0x99 / 255., 0x99 / 255., 0x33 / 255. },   /* other ranks: olive */
  { 0xdd / 255., 0xdd / 255., 0xdd / 255. },   /* no rank: pale grey */
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. },   /* dropped: grey */
};

/* Autoship: Okabe and Ito's bluish green and vermillion, the colours
 * risk gives "low" and "high" (an autoship stopped is a warning).  Not
 * known is a dark grey, not the pale one of "No rank": on a dark
 * background its tint stays dark enough for the light names, and its
 * border tells it from the lighter grey of "Dropped". */
static const double autoship_rgb[][3] = {
  { 0x00 / 255., 0x9e / 255., 0x73 / 255. },   /* on: bluish green */
  { 0xd5 / 255., 0x5e / 255., 0x00 / 255. },   /* off: vermillion */
  { 0x5e / 255., 0x5c / 255., 0x64 / 255. },   /* not known: dark grey */
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. },   /* dropped: grey */
};
/* Volume: no order the warning vermillion, then orange, sky blue and
 * blue as the volume climbs to the qualifying 100 PV; not known as for
 * autoship. */
static const double volume_rgb[][3] = {
  { 0xd5 / 255., 0x5e / 255., 0x00 / 255. },   /* 0 PV: vermillion */
  { 0xe6 / 255., 0x9f / 255., 0x00 / 255. },   /* under 50: orange */
  { 0x56 / 255., 0xb4 / 255., 0xe9 / 255. },   /* 50 to 99: sky blue */
  { 0x00 / 255., 0x72 / 255., 0xb2 / 255. },   /* 100 and more: blue */
  { 0x5e / 255., 0x5c / 255., 0x64 / 255. },   /* not known: dark grey */
  { 0x9a / 255., 0x99 / 255., 0x96 / 255. },   /* dropped: grey */
};

G_STATIC_ASSERT (G_N_ELEMENTS (rank_rgb) == DL_RANK_CLASS_DROPPED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (autoship_rgb) == DL_AUTOSHIP_CLASS_DROPPED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (volume_rgb) == DL_VOLUME_CLASS_DROPPED + 1);
G_STATIC_ASSERT (DL_RANK_CLASS_DROPPED < 16);   /* same_pixel()'s class bits */

guint
dl_colour_by_n_classes (DlColourBy colour_by)
{
  switch (colour_by)
    {
    case DL_COLOUR_BY_RISK:
    case DL_COLOUR_BY_ACTIVITY:
      return 4;
    case DL_COLOUR_BY_TENURE:
      return 5;
    case DL_COLOUR_BY_RANK:
      return DL_RANK_CLASS_DROPPED + 1;
    case DL_COLOUR_BY_AUTOSHIP:
      return DL_AUTOSHIP_CLASS_DROPPED + 1;
    case DL_COLOUR_BY_VOLUME:
      return DL_VOLUME_CLASS_DROPPED + 1;
    case DL_COLOUR_BY_N:
    default:
      return 0;
    }
}

const char *
dl_colour_by_class_name (DlColourBy colour_by,
                         guint      klass)
{
  static const char *risk[] = { N_("Low risk"), N_("Medium risk"), N_("High risk"), N_("Dropped") };
  static const char *activity[] = { N_("Active"), N_("Cooling"), N_("Inactive"), N_("Dropped") };
  static const char *tenure[] = { N_("First month"), N_("First 3 months"), N_("First year"),
                                  N_("Over a year"), N_("Dropped") };
  static const char *autoship[] = { N_("On autoship"), N_("Autoship off"), N_("Not known"), N_("Dropped") };
  static const char *volume[] = { N_("No order (0 PV)"), N_("Under 50 PV"), N_("50–99 PV"),
                                  N_("100 PV or more"), N_("Not known"), N_("Dropped") };

  g_return_val_if_fail (klass < dl_colour_by_n_classes (colour_by), "");

  switch (colour_by)
    {
    case DL_COLOUR_BY_RISK:
      return _(risk[klass]);
    case DL_COLOUR_BY_ACTIVITY:
      return _(activity[klass]);
    case DL_COLOUR_BY_TENURE:
      return _(tenure[klass]);
    case DL_COLOUR_BY_AUTOSHIP:
      return _(autoship[klass]);
    case DL_COLOUR_BY_VOLUME:
      return _(volume[klass]);
    case DL_COLOUR_BY_RANK:
      /* The top ranks' names are in the facts. */
      if (klass == DL_RANK_CLASS_OTHER)
        return _("Other ranks");
      if (klass == DL_RANK_CLASS_NONE)
        return _("No rank");
      if (klass == DL_RANK_CLASS_DROPPED)
        return _("Dropped");
      return "";
    case DL_COLOUR_BY_N:
    default:
      return "";
    }
}

void
dl_colour_by_class_rgb (DlColourBy  colour_by,
                        guint       klass,
                        double     *rgb)
{
  const double *c;

  g_return_if_fail (klass < dl_colour_by_n_classes (colour_by));

  if (colour_by == DL_COLOUR_BY_RISK)
    c = risk_rgb[klass];
  else if (colour_by == DL_COLOUR_BY_ACTIVITY)
    c = activity_rgb[klass];
  else if (colour_by == DL_COLOUR_BY_RANK)
    c = rank_rgb[klass];
  else if (colour_by == DL_COLOUR_BY_AUTOSHIP)
    c = autoship_rgb[klass];
  else if (colour_by == DL_COLOUR_BY_VOLUME)
    c = volume_rgb[klass];
  else
    c = tenure_rgb[klass];
  rgb[0] = c[0];
  rgb[1] = c[1];
  rgb[2] = c[2];
}

/* ---- Facts ---------------------------------------------------------- */

typedef struct
{
  guint32     count;
  guint       rank;
  const char *name;
} RankCount;

static int
compare_rank_count (gconstpointer a,
                    gconstpointer b)
{
  const RankCount *x = a;
  const RankCount *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  /* Equal counts: by name, so the same data always gets the same colours. */
  return strcmp (x->name, y->name);
}

/* The most frequent ranks get the colours; everyone else is "Other". */
static void
classify_ranks (DlTreeFacts *facts)
{
  DlTree *tree = facts->tree;
  guint n = dl_tree_get_n_nodes (tree);
  guint n_ranks = dl_tree_get_n_ranks (tree);
  g_autofree RankCount *counts = g_new0 (RankCount, n_ranks);
  guint8 class_of[DL_TREE_MAX_RANKS];

  for (guint r = 0; r < n_ranks; r++)
    {
      counts[r].rank = r;
      counts[r].name = dl_tree_get_rank_name (tree, r);
    }
  for (guint i = 0; i < n; i++)
    if (facts->risk_band[i] != DL_RISK_DROPPED)
      counts[dl_tree_get_node (tree, i)->rank].count++;

  /* "No rank" is not a rank to colour: it keeps its own class. */
  if (n_ranks > 1)
    qsort (counts + 1, n_ranks - 1, sizeof *counts, compare_rank_count);
  class_of[0] = DL_RANK_CLASS_NONE;
  for (guint k = 1; k < n_ranks; k++)
    {
      if (counts[k].count > 0 && facts->n_top_ranks < DL_RANK_COLOURS)
        {
          facts->top_rank[facts->n_top_ranks] = counts[k].name;
          class_of[counts[k].rank] = facts->n_top_ranks++;
        }
      else
        class_of[counts[k].rank] = DL_RANK_CLASS_OTHER;
    }

  for (guint i = 0; i < n; i++)
    {
      guint8 klass = facts->risk_band[i] == DL_RISK_DROPPED
        ? DL_RANK_CLASS_DROPPED : class_of[dl_tree_get_node (tree, i)->rank];

      facts->rank_class[i] = klass;
      facts->rank_count[klass]++;
    }
}

/* Facts of tree with every per-member array in place, all zero. */
static DlTreeFacts *
facts_new (DlTree *tree)
{
  DlTreeFacts *facts = g_new0 (DlTreeFacts, 1);
  guint n = dl_tree_get_n_nodes (tree);

  facts->tree = dl_tree_ref (tree);
  facts->risk_band = g_new0 (guint8, MAX (n, 1));
  facts->risk_score = g_new0 (guint8, MAX (n, 1));
  facts->activity = g_new0 (guint8, MAX (n, 1));
  facts->tenure = g_new0 (guint8, MAX (n, 1));
  facts->flags = g_new0 (guint8, MAX (n, 1));
  facts->at_risk = g_new0 (guint32, MAX (n, 1));
  facts->new_members = g_new0 (guint32, MAX (n, 1));
  facts->rank_class = g_new0 (guint8, MAX (n, 1));

  return facts;
}

/* Each box's group counts: the high-risk and new members in its subtree,
 * itself included.  Backwards: every child before its parent. */
static void
count_groups (DlTreeFacts *facts)
{
  for (guint i = dl_tree_get_n_nodes (facts->tree); i-- > 0;)
    {
      const DlTreeNode *node = dl_tree_get_node (facts->tree, i);

      facts->at_risk[i] += facts->risk_band[i] == DL_RISK_HIGH;
      facts->new_members[i] += facts->tenure[i] == 0 && node->status != DL_MEMBER_DROPPED;
      if (node->parent == NONE)
        continue;
      facts->at_risk[node->parent] += facts->at_risk[i];
      facts->new_members[node->parent] += facts->new_members[i];
    }
}

DlTreeFacts *
dl_tree_facts_new (DlTree          *tree,
                   const DlCadence *cadence,
                   DlDay            today)
{
  return dl_tree_facts_new_full (tree, cadence, today, DL_DAY_NONE);
}

DlTreeFacts *
dl_tree_facts_new_full (DlTree          *tree,
                        const DlCadence *cadence,
                        DlDay            today,
                        DlDay            started_on)
{
  DlTreeFacts *facts = facts_new (tree);
  guint n = dl_tree_get_n_nodes (tree);

  facts->today = today;
  if (cadence != NULL)
    facts->cadence = *cadence;
  else
    dl_cadence_init_defaults (&facts->cadence);

  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);
      DlRiskBand band = DL_RISK_LOW;
      DlDueItem due;
      gint64 age;

      facts->risk_score[i] = dl_rules_risk_score (tree, i, cadence, today, &band);
      facts->risk_band[i] = band;
      facts->activity[i] = node->status == DL_MEMBER_DROPPED
        ? DL_ACTIVITY_INACTIVE : dl_rules_activity (node, today);
      age = node->joined_on == DL_DAY_NONE ? G_MAXINT32 : (gint64) today - node->joined_on;
      facts->tenure[i] = age < 30 ? 0 : age < 90 ? 1 : age < 365 ? 2 : 3;
      if (band != DL_RISK_DROPPED)
        {
          facts->n_autoship_known += node->autoship != DL_AUTOSHIP_UNKNOWN;
          facts->n_pv_known += node->has_pv != 0;
        }
      /* Today's welcome list, Letters' "not welcomed yet", the details' */
      if (dl_rules_needs_welcome (tree, i, started_on, today))
        facts->flags[i] |= DL_FACT_NOT_WELCOMED;
      if (dl_rules_member_due (tree, i, cadence, today, &due))
        {
          if (due.days_overdue > 0)
            facts->flags[i] |= DL_FACT_OVERDUE;
          /* Today's "Overdue" and "Due today": check-ins, not welcomes */
          if (due.days_overdue >= 0 && due.kind == DL_DUE_CHECK_IN)
            facts->flags[i] |= DL_FACT_DUE;
        }
    }

  count_groups (facts);
  for (guint i = 0; i < n; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      /* An active recruit under a sponsor who has gone quiet: nobody is
       * looking after that group. */
      if (node->parent != NONE && facts->activity[i] == DL_ACTIVITY_ACTIVE && node->status != DL_MEMBER_DROPPED)
        {
          const DlTreeNode *sponsor = dl_tree_get_node (tree, node->parent);

          if (sponsor->level > 0 && sponsor->status != DL_MEMBER_DROPPED
              && facts->activity[node->parent] == DL_ACTIVITY_INACTIVE)
            facts->flags[node->parent] |= DL_FACT_NEGLECTED;
        }
    }

  classify_ranks (facts);

  return facts;
}

DlTreeFacts *
dl_tree_facts_new_mapped (DlTree            *tree,
                          const DlTreeFacts *rules)
{
  DlTreeFacts *facts;
  guint n = dl_tree_get_n_nodes (tree);

  g_return_val_if_fail (rules != NULL, NULL);

  facts = facts_new (tree);
  facts->placement = TRUE;
  facts->today = rules->today;
  facts->cadence = rules->cadence;

  for (guint i = 0; i < n; i++)
    {
      gint64 r = dl_tree_find (rules->tree, dl_tree_get_node (tree, i)->person_id);

      if (r < 0)
        {
          /* in one tree and not the other: read between two writes */
          facts->activity[i] = DL_ACTIVITY_INACTIVE;
          facts->tenure[i] = 3;
          continue;
        }
      facts->risk_band[i] = rules->risk_band[r];
      facts->risk_score[i] = rules->risk_score[r];
      facts->activity[i] = rules->activity[r];
      facts->tenure[i] = rules->tenure[r];
      facts->flags[i] = rules->flags[r];
    }

  /* the group counts are of the group drawn under each box */
  count_groups (facts);

  classify_ranks (facts);
  /* the same members, whichever tree draws them */
  facts->n_autoship_known = rules->n_autoship_known;
  facts->n_pv_known = rules->n_pv_known;

  return facts;
}

void
dl_tree_facts_free (DlTreeFacts *facts)
{
  if (facts == NULL)
    return;
  g_free (facts->risk_band);
  g_free (facts->risk_score);
  g_free (facts->activity);
  g_free (facts->tenure);
  g_free (facts->flags);
  g_free (facts->at_risk);
  g_free (facts->new_members);
  g_free (facts->rank_class);
  dl_tree_unref (facts->tree);
  g_free (facts);
}

gboolean
dl_tree_facts_match (const DlTreeFacts *facts,
                     guint              index,
                     DlHighlight        highlight)
{
  switch (highlight)
    {
    case DL_HIGHLIGHT_HIGH_RISK:
      return facts->risk_band[index] == DL_RISK_HIGH;
    case DL_HIGHLIGHT_NOT_WELCOMED:
      return (facts->flags[index] & DL_FACT_NOT_WELCOMED) != 0;
    case DL_HIGHLIGHT_OVERDUE:
      return (facts->flags[index] & DL_FACT_OVERDUE) != 0;
    case DL_HIGHLIGHT_NEGLECTED_GROUP:
      return (facts->flags[index] & DL_FACT_NEGLECTED) != 0;
    case DL_HIGHLIGHT_NONE:
    case DL_HIGHLIGHT_N:
    default:
      return TRUE;
    }
}

/* Read from the node itself: the figures are already there, so no
 * array of their own per tree. */
static guint
autoship_class (const DlTreeNode *node)
{
  switch (node->autoship)
    {
    case DL_AUTOSHIP_ON:
      return DL_AUTOSHIP_CLASS_ON;
    case DL_AUTOSHIP_OFF:
      return DL_AUTOSHIP_CLASS_OFF;
    default:
      return DL_AUTOSHIP_CLASS_UNKNOWN;
    }
}

static guint
volume_class (const DlTreeNode *node)
{
  if (!node->has_pv)
    return DL_VOLUME_CLASS_UNKNOWN;
  if (node->pv == 0)
    return DL_VOLUME_CLASS_NONE;
  if (node->pv < 50)
    return DL_VOLUME_CLASS_LOW;
  if (node->pv < 100)
    return DL_VOLUME_CLASS_MID;
  return DL_VOLUME_CLASS_QUALIFIED;
}

guint
dl_tree_facts_class (const DlTreeFacts *facts,
                     DlColourBy         colour_by,
                     guint              index)
{
  gboolean dropped = facts->risk_band[index] == DL_RISK_DROPPED;

  switch (colour_by)
    {
    case DL_COLOUR_BY_RISK:
      return facts->risk_band[index];
    case DL_COLOUR_BY_ACTIVITY:
      return dropped ? 3 : facts->activity[index];
    case DL_COLOUR_BY_TENURE:
      return dropped ? 4 : facts->tenure[index];
    case DL_COLOUR_BY_RANK:
      return facts->rank_class[index];
    case DL_COLOUR_BY_AUTOSHIP:
      return dropped ? DL_AUTOSHIP_CLASS_DROPPED : autoship_class (dl_tree_get_node (facts->tree, index));
    case DL_COLOUR_BY_VOLUME:
      return dropped ? DL_VOLUME_CLASS_DROPPED : volume_class (dl_tree_get_node (facts->tree, index));
    case DL_COLOUR_BY_N:
    default:
      return 0;
    }
}

const char *
dl_tree_facts_class_name (const DlTreeFacts *facts,
                          DlColourBy         colour_by,
                          guint              klass)
{
  if (colour_by == DL_COLOUR_BY_RANK && facts != NULL && klass < facts->n_top_ranks)
    /* The back office's own words: drawn as plain text, never markup. */
    return facts->top_rank[klass];
  return dl_colour_by_class_name (colour_by, klass);
}

gboolean
dl_tree_facts_class_shown (const DlTreeFacts *facts,
                           DlColourBy         colour_by,
                           guint              klass)
{
  if (colour_by == DL_COLOUR_BY_AUTOSHIP && facts != NULL && facts->n_autoship_known == 0)
    return klass == DL_AUTOSHIP_CLASS_UNKNOWN || klass == DL_AUTOSHIP_CLASS_DROPPED;
  if (colour_by == DL_COLOUR_BY_VOLUME && facts != NULL && facts->n_pv_known == 0)
    return klass == DL_VOLUME_CLASS_UNKNOWN || klass == DL_VOLUME_CLASS_DROPPED;
  if (colour_by != DL_COLOUR_BY_RANK)
    return klass < dl_colour_by_n_classes (colour_by);
  if (facts == NULL || klass >= dl_colour_by_n_classes (colour_by))
    return FALSE;
  return facts->rank_count[klass] > 0;
}

/* ---- Drawing -------------------------------------------------------- */

void
dl_render_view_init (DlRenderView *view)
{
  memset (view, 0, sizeof *view);
  view->selected = -1;
  view->hovered = -1;
  view->zoom = 1;
  view->mark_px = 4;
}

void
dl_render_view_zoom_to_fit (DlRenderView *view,
                            int           width,
                            int           height)
{
  double x0, y0, x1, y1, zoom;

  g_return_if_fail (view != NULL && view->layout != NULL);

  dl_layout_get_bounds (view->layout, &x0, &y0, &x1, &y1);
  zoom = MIN ((width - 48) / MAX (x1 - x0, 1), (height - 48) / MAX (y1 - y0, 1));
  zoom = CLAMP (zoom, 1e-6, 1.0);
  view->zoom = zoom;
  view->origin_x = (x0 + x1) / 2 - width / 2.0 / zoom;
  view->origin_y = (y0 + y1) / 2 - height / 2.0 / zoom;
}

void
dl_render_view_show_start (DlRenderView *view,
                           int           width,
                           int           height)
{
  double x0, y0, x1, y1;

  g_return_if_fail (view != NULL && view->layout != NULL);

  dl_layout_get_bounds (view->layout, &x0, &y0, &x1, &y1);
  /* Fitted, as long as the groups' summaries stay readable (0.7). */
  if ((x1 - x0) * 0.7 <= width - 48 && (y1 - y0) * 0.7 <= height - 48)
    {
      dl_render_view_zoom_to_fit (view, width, height);
      return;
    }
  view->zoom = 0.8;
  view->origin_x = dl_layout_get_x (view->layout, dl_layout_get_begin (view->layout)) - width / 2.0 / 0.8;
  view->origin_y = -32 / 0.8;
}

void
dl_tree_render_fold_overview (DlLayout *layout)
{
  DlTree *tree = dl_layout_get_tree (layout);
  guint n = dl_tree_get_n_nodes (tree);

  for (guint r = 0; r < n; r += dl_tree_get_node (tree, r)->subtree_size)
    for (guint c = dl_tree_get_node (tree, r)->first_child; c != NONE; c = dl_tree_get_node (tree, c)->next_sibling)
      if (dl_tree_get_node (tree, c)->n_children > 0)
        dl_layout_set_collapsed (layout, c, TRUE);
}

typedef struct
{
  const DlRenderView *view;
  DlLayout           *layout;
  const DlTreeFacts  *facts;
  DlTree             *tree;
  double              vx0, vy0, vx1, vy1;   /* the viewport in world units */
  GArray             *nodes;                /* guint32: boxes to draw */
  GArray             *marks;                /* guint32: subtrees drawn as one mark */
  GArray             *parents;              /* guint32: connectors to draw */
  GArray             *last_column;          /* guint64 by depth, or NULL */
} Frame;

static inline gboolean
dimmed (const Frame *f,
        guint        i)
{
  return f->view->highlight != DL_HIGHLIGHT_NONE
         && !dl_tree_facts_match (f->facts, i, f->view->highlight);
}

/* Boxes thinner than a pixel: a box that lands in a pixel column of its
 * pixel row where a box of the same colour is already drawn adds nothing
 * to the picture.  Rows of a group are stacked and its columns and
 * subtrees come in order, so pre-order meets each pixel row's boxes left
 * to right: one column and a set of colours per row is enough to
 * remember. */
static gboolean
same_pixel (Frame  *f,
            guint   i,
            double  x,
            double  y)
{
  guint row, klass;
  guint64 column;
  guint64 *last;

  if (f->last_column == NULL)
    return FALSE;
  /* Boxes are under a pixel tall here, and start at most one above the view. */
  row = (guint) MAX (floor ((y - f->vy0) * f->view->zoom) + 2, 0);
  klass = dl_tree_facts_class (f->facts, f->view->colour_by, i);
  /* Boxes start at most a box's width left of the view. */
  column = (guint64) MAX (floor ((x - f->vx0) * f->view->zoom) + 16, 0);
  if (row >= f->last_column->len)
    {
      guint old = f->last_column->len;

      g_array_set_size (f->last_column, row + 1);
      for (guint d = old; d <= row; d++)
        g_array_index (f->last_column, guint64, d) = G_MAXUINT64;
    }
  /* The column in the high bits, one bit per colour class in the low 16. */
  last = &g_array_index (f->last_column, guint64, row);
  if (*last != G_MAXUINT64 && (*last >> 16) == column)
    {
      if ((*last & (1u << klass)) && !dimmed (f, i) && (gint64) i != f->view->selected
          && (f->view->matches == NULL || !f->view->matches[i]))
        return TRUE;
      *last |= 1u << klass;
      return FALSE;
    }
  *last = (column << 16) | (1u << klass);
  return FALSE;
}

/* Culling: one walk in depth-first order, jumping over every subtree
 * whose bounds miss the viewport or are too narrow to show. */
static void
cull (Frame *f)
{
  DlLayout *layout = f->layout;
  guint end = dl_layout_get_end (layout);
  double zoom = f->view->zoom;

  for (guint i = dl_layout_get_begin (layout); i < end;)
    {
      double x0, y0, x1, y1, x, y;
      guint skip = i + layout->size[i];
      gboolean has_children = dl_layout_first_child_fast (layout, i) != NONE;

      dl_layout_bounds_fast (layout, i, &x0, &y0, &x1, &y1);
      if (x1 < f->vx0 || x0 > f->vx1 || y1 < f->vy0 || y0 > f->vy1)
        {
          i = skip;
          continue;
        }
      /* One mark for a group too small to tell its members apart:
       * narrower than mark_px, or (groups are blocks now, not strips)
       * covering fewer than (4 mark_px)² pixels. */
      if (has_children &&
          ((x1 - x0) * zoom < f->view->mark_px ||
           (x1 - x0) * (y1 - y0) * zoom * zoom < 16 * f->view->mark_px * f->view->mark_px))
        {
          g_array_append_val (f->marks, i);
          i = skip;
          continue;
        }

      x = dl_layout_x_fast (layout, i);
      y = dl_layout_y_fast (layout, i);
      if (x + DL_LAYOUT_NODE_W / 2 >= f->vx0 && x - DL_LAYOUT_NODE_W / 2 <= f->vx1
          && y + DL_LAYOUT_NODE_H >= f->vy0 && y <= f->vy1
          && !same_pixel (f, i, x, y))
        g_array_append_val (f->nodes, i);
      if (has_children)
        {
          g_array_append_val (f->parents, i);
          i++;
        }
      else
        i = skip;
    }
}

static void
world_to_screen (const DlRenderView *view,
                 double              wx,
                 double              wy,
                 double             *sx,
                 double             *sy)
{
  *sx = (wx - view->origin_x) * view->zoom;
  *sy = (wy - view->origin_y) * view->zoom;
}

/* Org-chart lines: the sponsor's trunk down to the bus over each row of
 * its group (down the group's left side when the group wraps), a drop
 * to each recruit in a row, and a line down the left of each column of
 * leaves with a stub into every box. */
static void
draw_connectors (cairo_t *cr,
                 Frame   *f)
{
  const DlRenderView *view = f->view;
  const DlLayout *layout = f->layout;
  double zoom = view->zoom;
  g_autoptr(GArray) spans = NULL;

  /* Lines under a pixel apart are a grey wash that costs more than the
   * boxes: far out, the boxes' arrangement shows the structure. */
  if (zoom * DL_LAYOUT_STACK_GAP < 1)
    return;
  spans = g_array_new (FALSE, FALSE, sizeof (double) * 3);
  cairo_new_path (cr);
  for (guint k = 0; k < f->parents->len; k++)
    {
      guint p = g_array_index (f->parents, guint32, k);
      double px = (layout->x[p] - view->origin_x) * zoom;
      double py = (layout->y[p] + DL_LAYOUT_NODE_H - view->origin_y) * zoom;
      double gx = (layout->gx[p] - view->origin_x) * zoom;
      double bus_first = G_MAXDOUBLE, bus_last = -G_MAXDOUBLE;

      g_array_set_size (spans, 0);
      for (guint c = layout->first[p]; c != NONE; c = layout->next_sibling[c])
        {
          double cx = (layout->x[c] - view->origin_x) * zoom;
          double cy = (layout->y[c] - view->origin_y) * zoom;
          double mid = cy + DL_LAYOUT_NODE_H / 2 * zoom;
          double bus = cy - DL_LAYOUT_LEVEL_GAP / 2 * zoom;
          double left = cx - DL_LAYOUT_NODE_W / 2 * zoom;
          double spine = left - DL_LAYOUT_INDENT / 2 * zoom;
          double attach;
          guint row;
          double *span;

          switch ((DlLayoutKind) layout->kind[c])
            {
            case DL_LAYOUT_KIND_COLUMN:
              cairo_move_to (cr, spine, cy - DL_LAYOUT_STACK_PITCH * zoom + DL_LAYOUT_NODE_H / 2 * zoom);
              cairo_line_to (cr, spine, mid);
              cairo_line_to (cr, left, mid);
              continue;
            case DL_LAYOUT_KIND_COLUMN_HEAD:
              cairo_move_to (cr, spine, bus);
              cairo_line_to (cr, spine, mid);
              cairo_line_to (cr, left, mid);
              attach = spine;
              row = 0;
              break;
            case DL_LAYOUT_KIND_ROW:
            default:
              cairo_move_to (cr, cx, bus);
              cairo_line_to (cr, cx, cy);
              attach = cx;
              row = layout->row[c];
              break;
            }
          if (row >= spans->len)
            {
              guint old = spans->len;

              g_array_set_size (spans, row + 1);
              for (guint r = old; r <= row; r++)
                {
                  span = (double *) (void *) (spans->data + r * 3 * sizeof (double));
                  span[0] = G_MAXDOUBLE;
                  span[1] = -G_MAXDOUBLE;
                  span[2] = 0;
                }
            }
          span = (double *) (void *) (spans->data + row * 3 * sizeof (double));
          span[0] = MIN (span[0], attach);
          span[1] = MAX (span[1], attach);
          span[2] = bus;
          bus_first = MIN (bus_first, bus);
          bus_last = MAX (bus_last, bus);
        }
      if (spans->len == 0)
        continue;

      /* The trunk, and the line joining the rows of a wrapped group. */
      cairo_move_to (cr, px, py);
      cairo_line_to (cr, px, bus_first);
      if (spans->len > 1)
        {
          cairo_move_to (cr, gx, bus_first);
          cairo_line_to (cr, gx, bus_last);
        }
      for (guint r = 0; r < spans->len; r++)
        {
          double *span = (double *) (void *) (spans->data + r * 3 * sizeof (double));
          double a = span[0], b = span[1];

          if (a > b)
            continue;
          if (r == 0)
            {
              a = MIN (a, px);
              b = MAX (b, px);
            }
          if (spans->len > 1)
            a = MIN (a, gx);
          cairo_move_to (cr, MAX (a, -10), span[2]);
          cairo_line_to (cr, MIN (b, view->width + 10), span[2]);
        }
    }
  cairo_set_line_width (cr, MAX (1.0, 1.5 * MIN (zoom, 1.0)));
  if (view->dark)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
  cairo_stroke (cr);
}

/* Sorts the indices of items into buckets by key (counting sort, stable):
 * order gets the items bucket by bucket, start[b] .. start[b + 1] being
 * bucket b.  One pass over the items instead of one per colour. */
static void
bucket_sort (const GArray *items,
             const guint8 *key,
             guint         n_buckets,
             guint32      *order,
             guint32      *start)
{
  memset (start, 0, (n_buckets + 1) * sizeof *start);
  for (guint k = 0; k < items->len; k++)
    start[key[k] + 1]++;
  for (guint b = 0; b < n_buckets; b++)
    start[b + 1] += start[b];
  {
    guint32 cursor[MAX_BUCKETS];

    g_assert (n_buckets <= MAX_BUCKETS);
    memcpy (cursor, start, n_buckets * sizeof *start);
    for (guint k = 0; k < items->len; k++)
      order[cursor[key[k]]++] = g_array_index (items, guint32, k);
  }
}

typedef struct
{
  double   x0, y0, x1, y1;
  gboolean used;
} MarkRect;

static void
draw_marks (cairo_t *cr,
            Frame   *f)
{
  const DlRenderView *view = f->view;
  guint n_classes = dl_colour_by_n_classes (view->colour_by);
  g_autofree guint8 *key = g_new (guint8, MAX (f->marks->len, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (f->marks->len, 1));
  guint32 start[MAX_BUCKETS + 1];
  gboolean merge = view->zoom < 0.2;   /* as dl_tree_render() turns antialiasing off */
  g_autoptr(GArray) pending = merge ? g_array_new (FALSE, TRUE, sizeof (MarkRect)) : NULL;

  g_assert (n_classes <= MAX_BUCKETS);
  for (guint k = 0; k < f->marks->len; k++)
    key[k] = dl_tree_facts_class (f->facts, view->colour_by, g_array_index (f->marks, guint32, k));
  bucket_sort (f->marks, key, n_classes, order, start);

  /* Without antialiasing (far out, where marks are many), a rectangle
   * covers the pixels whose centres it contains: snapped to those, marks
   * side by side on one level with the same bottom are one rectangle,
   * and one inside another is nothing more.  Same pixels on an image
   * surface (checked against unmerged drawing on bench-draw's frames),
   * far fewer rectangles for cairo; on a scaled or vector target the
   * edges move by under half a unit. */

  for (guint klass = 0; klass < n_classes; klass++)
    {
      double rgb[3];

      if (start[klass] == start[klass + 1])
        continue;
      for (guint k = start[klass]; k < start[klass + 1]; k++)
        {
          guint i = order[k];
          double x0, y0, x1, y1, sx0, sy0, sx1, sy1;
          MarkRect *p;
          guint depth;

          dl_layout_bounds_fast (f->layout, i, &x0, &y0, &x1, &y1);
          world_to_screen (view, x0, y0, &sx0, &sy0);
          world_to_screen (view, x1, y1, &sx1, &sy1);
          /* A tapering trunk: the subtree's extent, at least 2 px wide. */
          if (sx1 - sx0 < 2)
            {
              double c = (sx0 + sx1) / 2;

              sx0 = c - 1;
              sx1 = c + 1;
            }
          if (!merge)
            {
              cairo_rectangle (cr, sx0, sy0, sx1 - sx0, sy1 - sy0);
              continue;
            }
          sx0 = ceil (sx0 - 0.5);
          sx1 = ceil (sx1 - 0.5);
          sy0 = ceil (sy0 - 0.5);
          sy1 = ceil (sy1 - 0.5);
          depth = dl_layout_get_depth (f->layout, i);
          if (depth >= pending->len)
            g_array_set_size (pending, depth + 1);
          p = &g_array_index (pending, MarkRect, depth);
          if (p->used && p->y0 == sy0 && p->y1 == sy1 && sx0 <= p->x1 && sx1 >= p->x0)
            {
              p->x0 = MIN (p->x0, sx0);
              p->x1 = MAX (p->x1, sx1);
              continue;
            }
          if (p->used && p->y0 == sy0 && sy1 <= p->y1 && sx0 >= p->x0 && sx1 <= p->x1)
            continue;
          if (p->used)
            cairo_rectangle (cr, p->x0, p->y0, p->x1 - p->x0, p->y1 - p->y0);
          *p = (MarkRect) { sx0, sy0, sx1, sy1, TRUE };
        }
      for (guint d = 0; merge && d < pending->len; d++)
        {
          MarkRect *p = &g_array_index (pending, MarkRect, d);

          if (p->used)
            cairo_rectangle (cr, p->x0, p->y0, p->x1 - p->x0, p->y1 - p->y0);
          p->used = FALSE;
        }
      dl_colour_by_class_rgb (view->colour_by, klass, rgb);
      cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], view->highlight ? 0.2 : 0.55);
      cairo_fill (cr);
    }
}

static void
box_path (cairo_t *cr,
          double   x,
          double   y,
          double   w,
          double   h,
          double   r)
{
  if (r < 1)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
node_rect (const Frame *f,
           guint        i,
           double      *x,
           double      *y,
           double      *w,
           double      *h)
{
  world_to_screen (f->view, dl_layout_x_fast (f->layout, i) - DL_LAYOUT_NODE_W / 2,
                   dl_layout_y_fast (f->layout, i), x, y);
  *w = DL_LAYOUT_NODE_W * f->view->zoom;
  *h = DL_LAYOUT_NODE_H * f->view->zoom;
}

static void
draw_boxes (cairo_t *cr,
            Frame   *f)
{
  const DlRenderView *view = f->view;
  guint n_classes = dl_colour_by_n_classes (view->colour_by);
  double zoom = view->zoom;
  gboolean detailed = zoom >= 0.35;
  double radius = detailed ? 6 * zoom : 0;
  g_autofree guint8 *key = g_new (guint8, MAX (f->nodes->len, 1));
  g_autofree guint32 *order = g_new (guint32, MAX (f->nodes->len, 1));
  guint32 start[MAX_BUCKETS + 1];

  /* Dimmed boxes first (pass 0), then the rest, each colour in turn. */
  g_assert (2 * n_classes <= MAX_BUCKETS);
  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);

      key[k] = (dimmed (f, i) ? 0 : n_classes) + dl_tree_facts_class (f->facts, view->colour_by, i);
    }
  bucket_sort (f->nodes, key, 2 * n_classes, order, start);

  for (int pass = 0; pass < 2; pass++)
    for (guint klass = 0; klass < n_classes; klass++)
      {
        guint bucket = pass * n_classes + klass;
        double rgb[3];

        if (start[bucket] == start[bucket + 1])
          continue;
        for (guint k = start[bucket]; k < start[bucket + 1]; k++)
          {
            double x, y, w, h;

            node_rect (f, order[k], &x, &y, &w, &h);
            box_path (cr, x, y, w, h, radius);
          }
        dl_colour_by_class_rgb (view->colour_by, klass, rgb);
        if (detailed)
          {
            /* A light tint to read dark text on, the full colour as the
             * border: the colour stays obvious, the name stays legible. */
            double t = view->dark ? 0.35 : 0.78;
            double base = view->dark ? 0.16 : 1.0;
            double a = pass == 0 ? 0.25 : 1.0;

            cairo_set_source_rgba (cr, rgb[0] * (1 - t) + base * t, rgb[1] * (1 - t) + base * t,
                                   rgb[2] * (1 - t) + base * t, a);
            cairo_fill_preserve (cr);
            cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], a);
            cairo_set_line_width (cr, MAX (1, 2.5 * zoom));
            cairo_stroke (cr);
          }
        else
          {
            cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], pass == 0 ? 0.2 : 1.0);
            cairo_fill (cr);
          }
      }
}

/* Activity as a shape, whatever the colouring: a full disc for active, a
 * half disc for cooling, an empty ring for inactive. */
static void
draw_activity (cairo_t *cr,
               Frame   *f)
{
  const DlRenderView *view = f->view;
  double zoom = view->zoom;
  double r = 7 * zoom;

  if (r < 2.5)
    return;

  cairo_set_line_width (cr, MAX (1, 1.5 * zoom));
  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h, cx, cy;
      guint activity = f->facts->activity[i];

      if (f->facts->risk_band[i] == DL_RISK_DROPPED)
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      cx = x + 14 * zoom;
      cy = y + 15 * zoom;
      cairo_set_source_rgba (cr, view->dark ? 1 : 0.1, view->dark ? 1 : 0.1,
                             view->dark ? 1 : 0.15, dimmed (f, i) ? 0.25 : 0.85);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      if (activity == DL_ACTIVITY_ACTIVE)
        {
          cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      else if (activity == DL_ACTIVITY_COOLING)
        {
          cairo_move_to (cr, cx, cy - r);
          cairo_arc_negative (cr, cx, cy, r, -G_PI / 2, G_PI / 2);
          cairo_close_path (cr);
          cairo_fill (cr);
        }
    }
}

/* High risk never by colour alone: a warning triangle in the corner. */
static void
draw_risk_marks (cairo_t *cr,
                 Frame   *f)
{
  double zoom = f->view->zoom;
  double s = MAX (10 * zoom, 4);
  gboolean any = FALSE;

  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h, tx, ty;

      if (f->facts->risk_band[i] != DL_RISK_HIGH || dimmed (f, i))
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      if (w < 6)
        continue;
      tx = x + w - s - 4 * zoom;
      ty = y + 4 * zoom;
      cairo_move_to (cr, tx + s / 2, ty);
      cairo_line_to (cr, tx + s, ty + s);
      cairo_line_to (cr, tx, ty + s);
      cairo_close_path (cr);
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_source_rgb (cr, 0.55, 0.12, 0.0);
  cairo_fill (cr);
}

static void
draw_outlines (cairo_t *cr,
               Frame   *f)
{
  const DlRenderView *view = f->view;
  double zoom = view->zoom;

  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h;
      gboolean selected = (gint64) i == view->selected;
      gboolean hit = view->matches != NULL && view->matches[i];
      gboolean hovered = (gint64) i == view->hovered;

      if (!selected && !hit && !hovered)
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      box_path (cr, x - 3, y - 3, w + 6, h + 6, zoom >= 0.35 ? 8 * zoom : 0);
      if (selected)
        {
          cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);   /* the GNOME accent */
          cairo_set_line_width (cr, 3);
        }
      else if (hit)
        {
          cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);
          cairo_set_line_width (cr, 2);
          if (view->dark)
            cairo_set_source_rgb (cr, 1, 1, 1);
        }
      else
        {
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.6);
          cairo_set_line_width (cr, 2);
        }
      cairo_stroke (cr);
    }
}

/* A member's badges from the back office: rank, the latest month's PV
 * and an autoship mark ("Gold · 120 PV · ↻"; the tooltip says it in
 * words).  FALSE when the exports say none of it. */
/* A count short enough for a box, in the locale's digits: "941",
 * "4.4k", "678k", "1.2M".  A folded group of a whole business wrote
 * "+677971 · 47216 at ris…" and was cut off. */
const char *
dl_tree_render_short_count (guint  n,
                            char  *buf)
{
  if (n < 1000)
    g_snprintf (buf, 16, "%u", n);
  else if (n < 99950)
    /* Translators: a count in thousands, in a box of the tree: "4.4k" */
    g_snprintf (buf, 16, _("%.1fk"), n / 1000.0);
  else if (n < 999500)
    /* Translators: a count in thousands, in a box of the tree: "47k" */
    g_snprintf (buf, 16, _("%'.0fk"), n / 1000.0);
  else
    /* Translators: a count in millions, in a box of the tree: "1.2M" */
    g_snprintf (buf, 16, _("%.1fM"), n / 1000000.0);
  return buf;
}

static gboolean
badges_text (const DlTree     *tree,
             const DlTreeNode *node,
             char             *buf,
             gsize             size)
{
  char pv[32];

  /* drawn for every labelled box in every frame: no allocation */
  buf[0] = '\0';
  if (node->rank != 0)
    g_strlcpy (buf, dl_tree_get_rank_name (tree, node->rank), size);
  if (node->has_pv)
    {
      /* Translators: a member's personal volume this month, on their box */
      g_snprintf (pv, sizeof pv, _("%u PV"), node->pv);
      if (buf[0] != '\0')
        g_strlcat (buf, " · ", size);
      g_strlcat (buf, pv, size);
    }
  if (node->autoship == DL_AUTOSHIP_ON)
    {
      /* the mark of a member on autoship */
      if (buf[0] != '\0')
        g_strlcat (buf, " · ", size);
      g_strlcat (buf, "↻", size);
    }
  return buf[0] != '\0';
}

static void
draw_labels (cairo_t       *cr,
             Frame         *f,
             DlRenderStats *stats)
{
  const DlRenderView *view = f->view;
  double zoom = view->zoom;
  PangoLayout *pl;
  PangoFontDescription *font, *small;

  if ((zoom < 0.45 && !view->all_labels) || f->nodes->len == 0)
    return;

  pl = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Sans Bold 10");
  small = pango_font_description_from_string ("Sans 8.5");
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);

  cairo_save (cr);
  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      const DlTreeNode *node = dl_tree_get_node (f->tree, i);
      double x, y, w, h, a = dimmed (f, i) ? 0.3 : 1.0;
      char line[160];

      node_rect (f, i, &x, &y, &w, &h);
      cairo_set_source_rgba (cr, view->dark ? 0.95 : 0.1, view->dark ? 0.95 : 0.1,
                             view->dark ? 0.95 : 0.12, a);

      /* Members whose sponsor is not in the downline (an import named
       * someone unknown) stand apart, under a caption. */
      if (node->parent == NONE && (gint64) i != dl_tree_get_root (f->tree))
        {
          cairo_save (cr);
          cairo_translate (cr, x, y - 22 * zoom);
          cairo_scale (cr, zoom, zoom);
          pango_layout_set_font_description (pl, small);
          pango_layout_set_width (pl, DL_LAYOUT_NODE_W * PANGO_SCALE);
          pango_layout_set_text (pl, _("No sponsor"), -1);
          pango_cairo_show_layout (cr, pl);
          cairo_restore (cr);
        }

      cairo_save (cr);
      cairo_translate (cr, x + 26 * zoom, y + 6 * zoom);
      cairo_scale (cr, zoom, zoom);
      pango_layout_set_font_description (pl, font);
      pango_layout_set_width (pl, (DL_LAYOUT_NODE_W - 48) * PANGO_SCALE);
      /* Names are the user's data: plain text, never markup. */
      pango_layout_set_text (pl, node->name, -1);
      pango_cairo_show_layout (cr, pl);

      if (zoom >= 0.7)
        {
          guint since = node->last_contact == DL_DAY_NONE ? G_MAXUINT
                        : (guint) MAX (0, (gint64) f->facts->today - node->last_contact);

          cairo_translate (cr, -20, 20);
          pango_layout_set_font_description (pl, small);
          pango_layout_set_width (pl, (DL_LAYOUT_NODE_W - 12) * PANGO_SCALE);
          if (dl_layout_is_collapsed (f->layout, i))
            {
              guint below_new = f->facts->new_members[i] -
                                (f->facts->tenure[i] == 0 && node->status != DL_MEMBER_DROPPED);
              char below[16], risky[16], fresh[16];

              if (below_new > 0)
                /* Translators: a folded group: members below, how many of them are at
                 * high risk, and how many joined in the last 30 days */
                g_snprintf (line, sizeof line, _("+%s · %s at risk · %s new"),
                            dl_tree_render_short_count (node->subtree_size - 1, below),
                            dl_tree_render_short_count (f->facts->at_risk[i] - (f->facts->risk_band[i] == DL_RISK_HIGH), risky),
                            dl_tree_render_short_count (below_new, fresh));
              else
                /* Translators: a folded group: members below, and how many of them are at high risk */
                g_snprintf (line, sizeof line, _("+%s below · %s at risk"),
                            dl_tree_render_short_count (node->subtree_size - 1, below),
                            dl_tree_render_short_count (f->facts->at_risk[i] - (f->facts->risk_band[i] == DL_RISK_HIGH), risky));
            }
          else if (f->facts->placement && since == G_MAXUINT)
            /* Translators: level in the company's placement tree · no contact logged */
            g_snprintf (line, sizeof line, _("L%u · no contact"), node->level);
          else if (f->facts->placement)
            /* Translators: level in the company's placement tree · days since the last contact */
            g_snprintf (line, sizeof line, _("L%u · %u d ago"), node->level, since);
          else if (since == G_MAXUINT)
            /* Translators: level in the downline · personal recruits · no contact logged */
            g_snprintf (line, sizeof line, _("L%u · %u rec. · no contact"), node->level, node->n_children);
          else
            /* Translators: level · personal recruits · days since the last contact */
            g_snprintf (line, sizeof line, _("L%u · %u rec. · %u d ago"), node->level, node->n_children, since);
          pango_layout_set_text (pl, line, -1);
          pango_cairo_show_layout (cr, pl);

          /* zoomed in: what the back office says, as badges */
          if (zoom >= DL_RENDER_BADGE_ZOOM && !dl_layout_is_collapsed (f->layout, i)
              && badges_text (f->tree, node, line, sizeof line))
            {
              cairo_translate (cr, 0, 14);
              pango_layout_set_text (pl, line, -1);
              pango_cairo_show_layout (cr, pl);
            }
        }
      cairo_restore (cr);
      if (stats != NULL)
        stats->n_labels++;
    }
  cairo_restore (cr);

  pango_font_description_free (font);
  pango_font_description_free (small);
  g_object_unref (pl);
}

/* "+N" on collapsed nodes when labels are off: a small tab under the box. */
static void
draw_fold_tabs (cairo_t *cr,
                Frame   *f)
{
  double zoom = f->view->zoom;
  gboolean any = FALSE;

  for (guint k = 0; k < f->nodes->len; k++)
    {
      guint i = g_array_index (f->nodes, guint32, k);
      double x, y, w, h;

      if (!dl_layout_is_collapsed (f->layout, i))
        continue;
      node_rect (f, i, &x, &y, &w, &h);
      cairo_rectangle (cr, x + w / 2 - 12 * zoom, y + h, 24 * zoom, MAX (2, 8 * zoom));
      any = TRUE;
    }
  if (!any)
    return;
  cairo_set_source_rgba (cr, 0.3, 0.3, 0.3, 0.8);
  cairo_fill (cr);
}

void
dl_tree_render (cairo_t            *cr,
                const DlRenderView *view,
                DlRenderStats      *stats)
{
  Frame f = { 0, };

  g_return_if_fail (cr != NULL && view != NULL && view->layout != NULL && view->facts != NULL);
  g_return_if_fail (view->zoom > 0);

  f.view = view;
  f.layout = view->layout;
  f.facts = view->facts;
  f.tree = dl_layout_get_tree (view->layout);
  f.vx0 = view->origin_x;
  f.vy0 = view->origin_y;
  f.vx1 = view->origin_x + view->width / view->zoom;
  f.vy1 = view->origin_y + view->height / view->zoom;
  f.nodes = stats != NULL && stats->drawn != NULL ? stats->drawn : g_array_new (FALSE, FALSE, sizeof (guint32));
  f.marks = stats != NULL && stats->marked != NULL ? stats->marked : g_array_new (FALSE, FALSE, sizeof (guint32));
  f.parents = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (view->mark_px > 0 && view->zoom * DL_LAYOUT_NODE_W < 1)
    f.last_column = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_array_set_size (f.nodes, 0);
  g_array_set_size (f.marks, 0);

  cull (&f);

  cairo_save (cr);
  cairo_set_antialias (cr, view->zoom < 0.2 ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
  draw_connectors (cr, &f);
  draw_marks (cr, &f);
  draw_boxes (cr, &f);
  draw_activity (cr, &f);
  draw_risk_marks (cr, &f);
  draw_fold_tabs (cr, &f);
  draw_labels (cr, &f, stats);
  draw_outlines (cr, &f);
  cairo_restore (cr);

  if (stats != NULL)
    {
      stats->n_nodes = f.nodes->len;
      stats->n_marks = f.marks->len;
    }
  if (stats == NULL || stats->drawn == NULL)
    g_array_unref (f.nodes);
  if (stats == NULL || stats->marked == NULL)
    g_array_unref (f.marks);
  g_array_unref (f.parents);
  if (f.last_column != NULL)
    g_array_unref (f.last_column);
}

/* The classes the legend lists, in order; returns how many. */
static guint
legend_classes (const DlRenderView *view,
                guint              *shown)
{
  guint n = 0;

  for (guint k = 0; k < dl_colour_by_n_classes (view->colour_by) && n < 16; k++)
    if (dl_tree_facts_class_shown (view->facts, view->colour_by, k))
      shown[n++] = k;
  return n;
}

/* With no figures imported, the one line the legend adds to say where
 * the colours would come from; NULL otherwise. */
static const char *
legend_note (const DlRenderView *view)
{
  if (view->facts == NULL)
    return NULL;
  /* short enough for the legend's width in one line */
  if ((view->colour_by == DL_COLOUR_BY_AUTOSHIP && view->facts->n_autoship_known == 0)
      || (view->colour_by == DL_COLOUR_BY_VOLUME && view->facts->n_pv_known == 0))
    return _("Import a month’s figures");
  return NULL;
}

double
dl_tree_render_legend_height (const DlRenderView *view)
{
  guint shown[16];

  return 12 + 20 * (legend_classes (view, shown) + (legend_note (view) != NULL) + DL_RENDER_LEGEND_MARKS);
}

void
dl_tree_render_legend (cairo_t            *cr,
                       const DlRenderView *view,
                       double              x,
                       double              y)
{
  PangoLayout *pl = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
  guint shown[16];
  guint n = legend_classes (view, shown);
  const char *note = legend_note (view);
  guint skip = note != NULL;   /* the note's row, after the classes */
  double row = 20, width = 190;

  pango_layout_set_font_description (pl, font);
  pango_layout_set_width (pl, (width - 40) * PANGO_SCALE);
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  cairo_save (cr);
  box_path (cr, x, y, width, dl_tree_render_legend_height (view), 8);
  cairo_set_source_rgba (cr, view->dark ? 0.15 : 1, view->dark ? 0.15 : 1, view->dark ? 0.15 : 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  if (note != NULL)
    {
      PangoLayout *nl = pango_layout_copy (pl);

      /* the width of the swatches too: the note is a line of its own */
      pango_layout_set_width (nl, (width - 20) * PANGO_SCALE);
      pango_layout_set_text (nl, note, -1);
      cairo_set_source_rgb (cr, view->dark ? 0.8 : 0.3, view->dark ? 0.8 : 0.3, view->dark ? 0.8 : 0.3);
      cairo_move_to (cr, x + 10, y + 8 + n * row);
      pango_cairo_show_layout (cr, nl);
      g_object_unref (nl);
    }

  for (guint k = 0; k < n + 3; k++)
    {
      double ry = y + 8 + (k + (k >= n ? skip : 0)) * row, cx = x + 18, cy = ry + 8;
      const char *text;

      if (k < n)
        {
          double rgb[3];

          dl_colour_by_class_rgb (view->colour_by, shown[k], rgb);
          cairo_rectangle (cr, x + 10, ry + 2, 16, 12);
          cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
          cairo_fill (cr);
          text = dl_tree_facts_class_name (view->facts, view->colour_by, shown[k]);
        }
      else
        {
          cairo_set_source_rgb (cr, view->dark ? 0.9 : 0.15, view->dark ? 0.9 : 0.15, view->dark ? 0.9 : 0.15);
          cairo_set_line_width (cr, 1.5);
          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, 6, 0, 2 * G_PI);
          cairo_stroke (cr);
          if (k == n)
            {
              cairo_arc (cr, cx, cy, 6, 0, 2 * G_PI);
              cairo_fill (cr);
              text = _("Active (full disc)");
            }
          else if (k == n + 1)
            {
              cairo_move_to (cr, cx, cy - 6);
              cairo_arc_negative (cr, cx, cy, 6, -G_PI / 2, G_PI / 2);
              cairo_close_path (cr);
              cairo_fill (cr);
              text = _("Cooling (half disc)");
            }
          else
            text = _("Inactive (empty ring)");
        }
      cairo_set_source_rgb (cr, view->dark ? 0.95 : 0.1, view->dark ? 0.95 : 0.1, view->dark ? 0.95 : 0.1);
      cairo_move_to (cr, x + 34, ry);
      pango_layout_set_text (pl, text, -1);
      pango_cairo_show_layout (cr, pl);
    }
  {
    double ry = y + 8 + (n + 3 + skip) * row;

    cairo_move_to (cr, x + 18, ry + 1);
    cairo_line_to (cr, x + 26, ry + 15);
    cairo_line_to (cr, x + 10, ry + 15);
    cairo_close_path (cr);
    cairo_set_source_rgb (cr, 0.55, 0.12, 0.0);
    cairo_fill (cr);
    cairo_set_source_rgb (cr, view->dark ? 0.95 : 0.1, view->dark ? 0.95 : 0.1, view->dark ? 0.95 : 0.1);
    cairo_move_to (cr, x + 34, ry);
    pango_layout_set_text (pl, _("High dropout risk"), -1);
    pango_cairo_show_layout (cr, pl);

    /* the badge of a member on autoship, as the boxes write it */
    ry += row;
    cairo_move_to (cr, x + 10, ry);
    pango_layout_set_text (pl, "↻", -1);
    pango_cairo_show_layout (cr, pl);
    cairo_move_to (cr, x + 34, ry);
    pango_layout_set_text (pl, _("On autoship (zoomed in)"), -1);
    pango_cairo_show_layout (cr, pl);
  }
  cairo_restore (cr);
  pango_font_description_free (font);
  g_object_unref (pl);
}

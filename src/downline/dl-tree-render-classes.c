/* dl-tree-render-classes.c — what the tree's colours mean: the colour
 * classes with their palettes and names, the facts of every member
 * they are drawn from, and the legend that explains them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colour-blind-safe: Okabe and Ito's palette for categories, and a
 * sequential blue ramp (Paul Tol's) for tenure.  Colour is never the
 * only channel: high risk carries a warning mark, activity a disc.
 */

#define G_LOG_DOMAIN "dl-tree-render"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "dl-free-later.h"
#include "dl-layout-private.h"
#include "dl-tree-render-private.h"

/* ---- Colour classes ------------------------------------------------- */

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

static void
facts_free (gpointer data)
{
  DlTreeFacts *facts = data;

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

void
dl_tree_facts_free (DlTreeFacts *facts)
{
  if (facts == NULL)
    return;
  /* eight arrays of a million members, replaced after every edit */
  if (facts->tree != NULL && dl_tree_get_n_nodes (facts->tree) >= DL_TREE_FREE_LATER_NODES)
    dl_free_later (facts, facts_free);
  else
    facts_free (facts);
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

/* ---- Legend --------------------------------------------------------- */

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
  dl_tree_render_box_path (cr, x, y, width, dl_tree_render_legend_height (view), 8);
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

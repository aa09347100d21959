/* dl-downline-table.c — the downline as an accessible, sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree's twin for keyboards and screen readers: a GtkColumnView over a
 * GtkTreeListModel, one row object per member shown (children are made
 * when a row is expanded, so a million members cost nothing until
 * opened).
 *
 * The filter above the table turns the tree into a flat list of the
 * members who match (high risk, not welcomed, due, a rank), worked out
 * from the tree and facts already loaded: no query per choice.  A click
 * on a column's header ranks the members listed (the whole downline but
 * the user, under "Whole downline") as one flat list: "who has the most
 * PV in my organisation" is not answered by sorting each sponsor's
 * recruits among themselves.  A flat list is an array of tree indices
 * sorted in C on keys read once per member (a million in a fraction of
 * a second, where a GtkSortListModel calls back twenty million times),
 * shown through a list model that makes a row object only for the rows
 * GTK asks for.
 *
 * Phone, e-mail and member number are read from the store only for the
 * rows bound on screen.  The back office's columns come from one read of
 * the whole tree's figures in a worker thread, made when the table is
 * first shown with a tree (dl-store-figures.c), so a million members
 * sort on them in memory.
 */

#define G_LOG_DOMAIN "dl-downline-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "dl-day.h"
#include "dl-downline-table.h"
#include "dl-events.h"
#include "dl-store-figures.h"

#define NONE DL_TREE_NO_PARENT

/* About 15 ms of a busy machine's main loop. */
#define STALE_CELLS_PER_IDLE 300

/* ---- One row: a member, or a place in a flat list ------------------ */

#define DL_TYPE_DOWNLINE_ROW (dl_downline_row_get_type ())
G_DECLARE_FINAL_TYPE (DlDownlineRow, dl_downline_row, DL, DOWNLINE_ROW, GObject)

#define DL_TYPE_INDEX_LIST (dl_index_list_get_type ())
G_DECLARE_FINAL_TYPE (DlIndexList, dl_index_list, DL, INDEX_LIST, GObject)

struct _DlIndexList
{
  GObject  parent_instance;
  guint32 *indices;
  guint    n;
};

/* The tree's rows are members.  A flat list's rows are places in it
 * ("the third"): which member a place shows is read from the list, so a
 * new ranking or filter gives the same row objects new members, and GTK
 * keeps their widgets, where new row objects made it build every row
 * widget again (0.2 s a header click, and after every contact). */
struct _DlDownlineRow
{
  GObject      parent_instance;
  guint        index;      /* the member, for the tree's rows */
  DlIndexList *list;       /* the flat list of a place, or NULL */
  guint        position;   /* the place in list */
};

G_DEFINE_FINAL_TYPE (DlDownlineRow, dl_downline_row, G_TYPE_OBJECT)

static void
dl_downline_row_finalize (GObject *object)
{
  g_clear_object (&DL_DOWNLINE_ROW (object)->list);

  G_OBJECT_CLASS (dl_downline_row_parent_class)->finalize (object);
}

static void
dl_downline_row_class_init (DlDownlineRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_downline_row_finalize;
}

static void
dl_downline_row_init (DlDownlineRow *self)
{
}

static DlDownlineRow *
row_new (guint index)
{
  DlDownlineRow *row = g_object_new (DL_TYPE_DOWNLINE_ROW, NULL);

  row->index = index;
  return row;
}

/* The member row shows: NONE for a place that has just left its list. */
static guint
row_member (DlDownlineRow *row)
{
  if (row->list == NULL)
    return row->index;
  return row->position < row->list->n ? row->list->indices[row->position] : NONE;
}

/* ---- A flat list: tree indices in the order shown ------------------ */

static GType
dl_index_list_get_item_type (GListModel *model)
{
  return DL_TYPE_DOWNLINE_ROW;
}

static guint
dl_index_list_get_n_items (GListModel *model)
{
  return DL_INDEX_LIST (model)->n;
}

static gpointer
dl_index_list_get_item (GListModel *model,
                        guint       position)
{
  DlIndexList *self = DL_INDEX_LIST (model);
  DlDownlineRow *row;

  if (position >= self->n)
    return NULL;
  row = g_object_new (DL_TYPE_DOWNLINE_ROW, NULL);
  row->list = g_object_ref (self);
  row->position = position;
  return row;
}

static void
dl_index_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = dl_index_list_get_item_type;
  iface->get_n_items = dl_index_list_get_n_items;
  iface->get_item = dl_index_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (DlIndexList, dl_index_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, dl_index_list_model_init))

static void
dl_index_list_finalize (GObject *object)
{
  g_free (DL_INDEX_LIST (object)->indices);

  G_OBJECT_CLASS (dl_index_list_parent_class)->finalize (object);
}

static void
dl_index_list_class_init (DlIndexListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dl_index_list_finalize;
}

static void
dl_index_list_init (DlIndexList *self)
{
}

/* Takes indices. */
static DlIndexList *
index_list_new (guint32 *indices,
                guint    n)
{
  DlIndexList *list = g_object_new (DL_TYPE_INDEX_LIST, NULL);

  list->indices = indices;
  list->n = n;
  return list;
}

/* Takes indices: the list shows them from now on.  Its places that stay
 * are the same rows, showing other members (the caller says the cells
 * again); only places added or gone at the end are a change GTK hears
 * of. */
static void
index_list_set (DlIndexList *list,
                guint32     *indices,
                guint        n)
{
  guint old_n = list->n;

  g_free (list->indices);
  list->indices = indices;
  list->n = n;
  if (n < old_n)
    g_list_model_items_changed (G_LIST_MODEL (list), n, old_n - n, 0);
  else if (n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (list), old_n, 0, n - old_n);
}

static guint
index_list_find (DlIndexList *list,
                 guint32      index)
{
  for (guint p = 0; p < list->n; p++)
    if (list->indices[p] == index)
      return p;
  return GTK_INVALID_LIST_POSITION;
}

/* ---- The table ------------------------------------------------------ */

struct _DlDownlineTable
{
  GtkWidget           parent_instance;

  GtkWidget          *filter_bar;
  GtkDropDown        *filter_dropdown;
  GtkStringList      *filter_items;
  GtkLabel           *count_label;
  GArray             *item_rank;     /* guint16: the rank of each rank item, in order */
  DlDownlineFilter    filter;
  char               *rank_name;     /* the rank filtered on */
  guint16             rank;
  gboolean            filling;       /* the drop-down's items are being replaced */
  DlStore            *store;

  GtkScrolledWindow  *scrolled;
  GtkColumnView      *view;
  GtkSingleSelection *selection;
  GtkTreeListModel   *tree_model;    /* the rows of the tree, or NULL */
  DlIndexList        *flat;          /* the rows of a flat list, or NULL */

  /* The column the rows are ranked by (as the headers' sorter says),
   * or -1: the downline's own order. */
  int                 sort_column;
  GtkSortType         sort_order;
  int                 probed_column;
  gboolean            sorting_by_code;
  /* A row to scroll to once the rows have a size (the table was hidden). */
  guint               pending_scroll;
  guint               scroll_tick;
  /* Each member's place among all by name (for the name and parent
   * columns), worked out for name_order_tree on the first sort by one. */
  guint32            *name_order;
  DlTree             *name_order_tree;

  GtkColumnViewColumn *columns[DL_DOWNLINE_N_COLUMNS];
  GMenu              *columns_menu;   /* the headers' menu: one check item per column but Name */
  GtkWidget          *columns_button; /* Columns: check buttons that stay open while toggled */
  GSimpleActionGroup *actions;        /* "table": whether each column shows */

  DlTree             *tree;
  const DlTreeFacts  *facts;
  gboolean            syncing;
  GHashTable         *bound;         /* the cells bound to a row: GtkListItem */
  GPtrArray          *stale_cells;   /* bound cells off screen to say again at idle */
  guint               stale_idle;
  gboolean            cells_stale;   /* every cell, once the table is shown */

  /* The back office's figures of the tree (of another tree until the
   * new one's are read), and the read under way. */
  DlTreeFigures      *figures;
  GCancellable       *figures_cancellable;
  /* Ranks sort by their place on the ladder, then by name: each rank of
   * the tree and of the figures, its position in that order. */
  guint32            *tree_rank_order;
  guint32            *figures_rank_order;
};

G_DEFINE_FINAL_TYPE (DlDownlineTable, dl_downline_table, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
  PROP_HAS_FIGURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void resort (DlDownlineTable *self,
                    gboolean         to_top);

/* The list's row widget (the column view's is not where its actions are). */
static GtkWidget *
rows_widget (DlDownlineTable *self)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->view)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      return c;
  return NULL;
}

static GListModel *
children_model (DlDownlineTable *self,
                guint            parent)
{
  GListStore *store = g_list_store_new (DL_TYPE_DOWNLINE_ROW);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  if (parent == NONE)
    {
      for (guint i = 0; i < dl_tree_get_n_nodes (self->tree); i += dl_tree_get_node (self->tree, i)->subtree_size)
        g_ptr_array_add (rows, row_new (i));
    }
  else
    for (guint c = dl_tree_get_node (self->tree, parent)->first_child; c != NONE;
         c = dl_tree_get_node (self->tree, c)->next_sibling)
      g_ptr_array_add (rows, row_new (c));
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (store);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  DlDownlineTable *self = user_data;
  guint index = row_member (item);

  if (self->tree == NULL || self->filter != DL_DOWNLINE_FILTER_NONE || index == NONE
      || dl_tree_get_node (self->tree, index)->n_children == 0)
    return NULL;
  return children_model (self, index);
}

static gboolean
row_matches (DlDownlineTable *self,
             guint            i)
{
  switch (self->filter)
    {
    case DL_DOWNLINE_FILTER_HIGH_RISK:
      return dl_tree_facts_match (self->facts, i, DL_HIGHLIGHT_HIGH_RISK);
    case DL_DOWNLINE_FILTER_NOT_WELCOMED:
      return dl_tree_facts_match (self->facts, i, DL_HIGHLIGHT_NOT_WELCOMED);
    case DL_DOWNLINE_FILTER_DUE:
      return (self->facts->flags[i] & DL_FACT_DUE) != 0;
    case DL_DOWNLINE_FILTER_RANK:
      /* the user is not in their own downline */
      return dl_tree_get_node (self->tree, i)->rank == self->rank && dl_tree_get_root (self->tree) != i;
    case DL_DOWNLINE_FILTER_NONE:
    default:
      return TRUE;
    }
}

/* Everyone who matches the filter (everyone but the user, with none),
 * in the downline's order: one pass over the tree in memory. */
static guint32 *
listed_members (DlDownlineTable *self,
                guint           *n_listed)
{
  guint n = dl_tree_get_n_nodes (self->tree);
  gint64 root = dl_tree_get_root (self->tree);
  guint32 *indices = g_new (guint32, MAX (n, 1));
  guint k = 0;

  for (guint i = 0; i < n; i++)
    if (self->filter == DL_DOWNLINE_FILTER_NONE ? (gint64) i != root : row_matches (self, i))
      indices[k++] = i;
  *n_listed = k;
  return indices;
}

static DlDay
due_day (DlDownlineTable *self,
         guint            index)
{
  DlDueItem due;

  /* the rhythm the facts (and the due filter) were worked out with */
  if (!dl_rules_member_due (self->tree, index, &self->facts->cadence, self->facts->today, &due))
    return DL_DAY_NONE;
  return due.due_on;
}

static char *
day_text (DlDay day)
{
  char *text = dl_day_format_short (day);

  return text != NULL ? text : g_strdup ("—");
}

/* Phone, e-mail or member number: in the store, not in the tree. */
static char *
contact_text (DlDownlineTable *self,
              guint            column,
              guint            i)
{
  g_autoptr(DlPerson) person = NULL;
  const char *text;

  if (self->store == NULL)
    return g_strdup ("");
  if (column == DL_DOWNLINE_COLUMN_MEMBER_NUMBER)
    {
      g_autoptr(DlMember) member = dl_store_get_member (self->store, dl_tree_get_node (self->tree, i)->person_id);

      text = member != NULL ? dl_member_get_member_number (member) : NULL;
      return g_strdup (text != NULL && *text != '\0' ? text : "—");
    }
  person = dl_store_get_person (self->store, dl_tree_get_node (self->tree, i)->person_id);
  if (person == NULL)
    return g_strdup ("");
  text = column == DL_DOWNLINE_COLUMN_PHONE ? dl_person_get_phone (person) : dl_person_get_email (person);
  return g_strdup (text != NULL ? text : "");
}

/* ---- The back office's figures -------------------------------------- */

/* The figures of the tree shown, or NULL until they are read. */
static const DlTreeFigures *
tree_figures (DlDownlineTable *self)
{
  return self->figures != NULL && self->figures->tree == self->tree ? self->figures : NULL;
}

static gboolean
column_needs_figures (guint column)
{
  switch (column)
    {
    case DL_DOWNLINE_COLUMN_RANK:
    case DL_DOWNLINE_COLUMN_PAID_RANK:
    case DL_DOWNLINE_COLUMN_GV:
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
    case DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP:
    case DL_DOWNLINE_COLUMN_RECRUITS:
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  const char *name;
  gint16      level;
  guint32     rank;
} RankPlace;

static int
compare_rank_place (gconstpointer a,
                    gconstpointer b)
{
  const RankPlace *x = a, *y = b;

  if (x->level != y->level)
    return x->level < y->level ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

/* Each of n ranks' position when sorted by the usual ladder (Silver
 * under Gold), then by name; no rank is first.  A few dozen ranks, so
 * sorting a million members costs one lookup a member. */
static guint32 *
rank_order (guint         n,
            const char *(*name) (gconstpointer owner, guint rank),
            gconstpointer owner)
{
  g_autofree RankPlace *places = g_new (RankPlace, MAX (n, 1));
  guint32 *order = g_new0 (guint32, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    {
      places[r].name = name (owner, r);
      places[r].level = r == 0 ? G_MININT16 : dl_rank_level (places[r].name);
      places[r].rank = r;
    }
  qsort (places, n, sizeof (RankPlace), compare_rank_place);
  for (guint k = 0; k < n; k++)
    order[places[k].rank] = k;
  return order;
}

static const char *
tree_rank_name (gconstpointer tree,
                guint         rank)
{
  return dl_tree_get_rank_name (tree, rank);
}

static const char *
figures_rank_name (gconstpointer figures,
                   guint         rank)
{
  return dl_tree_figures_get_rank_name (figures, rank);
}

/* The highest rank: the figures' once read, the tree's rank until then
 * (the same but where an export said both). */
static const char *
rank_text (DlDownlineTable *self,
           guint            i)
{
  const DlTreeFigures *figures = tree_figures (self);

  if (figures != NULL)
    return dl_tree_figures_get_rank_name (figures, figures->members[i].rank);
  return dl_tree_get_rank_name (self->tree, dl_tree_get_node (self->tree, i)->rank);
}

static guint32
rank_key (DlDownlineTable *self,
          guint            i)
{
  const DlTreeFigures *figures = tree_figures (self);

  if (figures != NULL)
    return self->figures_rank_order[figures->members[i].rank];
  return self->tree_rank_order[dl_tree_get_node (self->tree, i)->rank];
}

/* Whom the member enrolled: the enrollment tree's children, whichever
 * tree is shown (a placement parent's children are not their
 * recruits); -1 while the placement tree's figures are being read. */
static gint64
recruits (DlDownlineTable *self,
          guint            i)
{
  const DlTreeFigures *figures = tree_figures (self);

  if (!self->facts->placement)
    return dl_tree_get_node (self->tree, i)->n_children;
  return figures != NULL && figures->recruits != NULL ? figures->recruits[i] : -1;
}

/* The member's enroller or placement parent, as an index in the tree
 * shown; NONE when not known or nobody. */
static guint32
other_parent (DlDownlineTable *self,
              guint            column,
              guint            i)
{
  const DlTreeFigures *figures = tree_figures (self);
  gboolean drawn = (column == DL_DOWNLINE_COLUMN_PLACED_UNDER) == self->facts->placement;

  if (drawn)
    return dl_tree_get_node (self->tree, i)->parent;
  if (figures == NULL)
    return NONE;
  if (column == DL_DOWNLINE_COLUMN_SPONSOR)
    return figures->sponsor != NULL ? figures->sponsor[i] : NONE;
  return figures->placed_under != NULL ? figures->placed_under[i] : NONE;
}

static const char *
other_parent_name (DlDownlineTable *self,
                   guint            column,
                   guint            i)
{
  guint32 parent = other_parent (self, column, i);

  return parent != NONE ? dl_tree_get_node (self->tree, parent)->name : NULL;
}

static char *
volume_text (double volume)
{
  char *text = dl_volume_to_string (volume);

  return text != NULL ? text : g_strdup ("—");
}

/* "On", "Off", or "On, next 12 Dec" where the export gave the date. */
static char *
autoship_text (DlDownlineTable *self,
               guint            i)
{
  const DlTreeFigures *figures = tree_figures (self);
  g_autofree char *next = NULL;

  switch (dl_tree_get_node (self->tree, i)->autoship)
    {
    case DL_AUTOSHIP_ON:
      next = figures != NULL ? dl_day_format_day_month (figures->members[i].next_autoship) : NULL;
      if (next == NULL)
        return g_strdup (_("On"));
      /* Translators: an autoship that is on, and its next date: "On, next 12 Dec" */
      return g_strdup_printf (_("On, next %s"), next);
    case DL_AUTOSHIP_OFF:
      return g_strdup (_("Off"));
    case DL_AUTOSHIP_UNKNOWN:
    default:
      return g_strdup ("—");
    }
}

/* The next autoship's day, while the autoship is on and the export
 * gave it; DL_DAY_NONE otherwise. */
static DlDay
next_autoship (DlDownlineTable *self,
               guint            i)
{
  const DlTreeFigures *figures = tree_figures (self);

  if (figures == NULL || dl_tree_get_node (self->tree, i)->autoship != DL_AUTOSHIP_ON)
    return DL_DAY_NONE;
  return figures->members[i].next_autoship;
}

/* A count in the locale's grouping: "12,480". */
static char *
count_text (guint count)
{
  return g_strdup_printf ("%'u", count);
}

static char *
cell_text (DlDownlineTable *self,
           guint            column,
           guint            i)
{
  const DlTreeNode *node = dl_tree_get_node (self->tree, i);
  const DlTreeFigures *figures = tree_figures (self);
  const char *text;
  gint64 count;

  switch (column)
    {
    case DL_DOWNLINE_COLUMN_PHONE:
    case DL_DOWNLINE_COLUMN_EMAIL:
    case DL_DOWNLINE_COLUMN_MEMBER_NUMBER:
      return contact_text (self, column, i);
    case DL_DOWNLINE_COLUMN_NAME:
      return g_strdup (node->name);
    case DL_DOWNLINE_COLUMN_LEVEL:
      return g_strdup_printf ("%u", node->level);
    case DL_DOWNLINE_COLUMN_STATUS:
      return g_strdup (dl_member_status_get_label (node->status));
    case DL_DOWNLINE_COLUMN_RANK:
      text = rank_text (self, i);
      return g_strdup (*text != '\0' ? text : "—");
    case DL_DOWNLINE_COLUMN_PAID_RANK:
      text = figures != NULL ? dl_tree_figures_get_rank_name (figures, figures->members[i].paid_rank) : "";
      return g_strdup (*text != '\0' ? text : "—");
    case DL_DOWNLINE_COLUMN_PV:
      return volume_text (node->has_pv ? node->pv : NAN);
    case DL_DOWNLINE_COLUMN_GV:
      return volume_text (figures != NULL ? figures->members[i].gv : NAN);
    case DL_DOWNLINE_COLUMN_TEAM:
      return count_text (node->subtree_size - 1);
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
      return autoship_text (self, i);
    case DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP:
      return day_text (next_autoship (self, i));
    case DL_DOWNLINE_COLUMN_JOINED:
      return day_text (node->joined_on);
    case DL_DOWNLINE_COLUMN_RISK:
      if (self->facts->risk_band[i] == DL_RISK_DROPPED)
        return g_strdup (_("Dropped"));
      return g_strdup_printf ("%s · %u", dl_colour_by_class_name (DL_COLOUR_BY_RISK, self->facts->risk_band[i]),
                              self->facts->risk_score[i]);
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      return day_text (node->last_contact);
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      return day_text (due_day (self, i));
    case DL_DOWNLINE_COLUMN_RECRUITS:
      count = recruits (self, i);
      return count >= 0 ? count_text (count) : g_strdup ("—");
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
      return day_text (figures != NULL ? figures->members[i].first_order : DL_DAY_NONE);
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
      return day_text (figures != NULL ? figures->members[i].last_order : DL_DAY_NONE);
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      text = other_parent_name (self, column, i);
      return g_strdup (text != NULL ? text : "—");
    default:
      return g_strdup ("");
    }
}

/* The member a row of the list view shows (NONE: none any more). */
static guint
row_index (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (item);

      return row_member (DL_DOWNLINE_ROW (inner));
    }
  return row_member (DL_DOWNLINE_ROW (item));
}

/* ---- Cells ---------------------------------------------------------- */

/* What each column is called and how its cells look.  Each has a width
 * of its own that the rows never change (a width measured from the
 * cells on screen would jump while scrolling), wide enough for what it
 * holds in full: a phone number, an e-mail address, a name below a few
 * levels of indentation; the table scrolls sideways rather than cutting
 * them to "…".  Numbers line up on the right, in figures of one width. */
static const struct
{
  const char *key;        /* its action: table.show-KEY */
  const char *title;
  int         width;      /* pixels */
  gboolean    numeric;
  gboolean    sortable;   /* phone, e-mail and member number are not in
                           * the tree: sorting them would read the whole
                           * downline's */
  gboolean    shown;      /* before the user chooses under Columns */
} column_info[DL_DOWNLINE_N_COLUMNS] = {
  [DL_DOWNLINE_COLUMN_NAME] = { "name", N_("Name"), 280, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_MEMBER_NUMBER] = { "member-number", N_("Member Number"), 140, FALSE, FALSE, FALSE },
  [DL_DOWNLINE_COLUMN_LEVEL] = { "level", N_("Level"), 64, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_STATUS] = { "status", N_("Status"), 104, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RANK] = { "rank", N_("Highest Rank"), 140, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_PAID_RANK] = { "paid-rank", N_("Paid Rank"), 132, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_PV] = { "pv", N_("PV"), 80, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_GV] = { "gv", N_("GV"), 96, TRUE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_TEAM] = { "team", N_("Team"), 88, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_AUTOSHIP] = { "autoship", N_("Autoship"), 150, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP] = { "next-autoship", N_("Next Autoship"), 136, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_RISK] = { "risk", N_("Dropout Risk"), 132, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_LAST_CONTACT] = { "last-contact", N_("Last Contact"), 124, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_NEXT_DUE] = { "next-check-in", N_("Next Check-In"), 132, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RECRUITS] = { "recruits", N_("Recruits"), 92, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_JOINED] = { "joined", N_("Joined"), 120, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_FIRST_ORDER] = { "first-order", N_("First Order"), 120, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_LAST_ORDER] = { "last-order", N_("Last Order"), 120, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_SPONSOR] = { "sponsor", N_("Sponsor"), 200, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_PLACED_UNDER] = { "placed-under", N_("Placed Under"), 200, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_PHONE] = { "phone", N_("Phone"), 160, FALSE, FALSE, TRUE },
  [DL_DOWNLINE_COLUMN_EMAIL] = { "email", N_("Email"), 260, FALSE, FALSE, TRUE },
};

static GtkLabel *
cell_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_TREE_EXPANDER (child))
    child = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child));
  return GTK_LABEL (child);
}

static void
update_cell (DlDownlineTable *self,
             GtkListItem     *item)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "column"));
  gpointer row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  GtkLabel *label = cell_label (item);
  guint index;

  if (self->tree == NULL || row == NULL || (index = row_index (row)) == NONE)
    return;
  text = cell_text (self, column, index);
  /* Names are the user's data: plain text. */
  gtk_label_set_text (label, text);
}

static gboolean
refresh_stale_cells_cb (gpointer user_data)
{
  DlDownlineTable *self = user_data;
  guint done = 0;

  /* a cell unbound meanwhile is no longer in bound; one bound again
   * was said by its bind */
  while (self->stale_cells->len > 0 && done++ < STALE_CELLS_PER_IDLE)
    {
      gpointer item = g_ptr_array_steal_index_fast (self->stale_cells, self->stale_cells->len - 1);

      if (g_hash_table_contains (self->bound, item))
        update_cell (self, item);
    }
  if (self->stale_cells->len > 0)
    return G_SOURCE_CONTINUE;
  self->stale_idle = 0;
  return G_SOURCE_REMOVE;
}

/* Every cell bound says its row again: the figures were read, the facts
 * are new (a contact), or a flat list's places show other members.  The
 * rows stay as they are, opened and scrolled.  GTK 4.8 binds some 200
 * rows around the view, 2,800 cells: those on screen say it now, the
 * others at idle, a few hundred at a time (all at once was 50-100 ms);
 * a hidden table waits until it is shown. */
static void
refresh_cells (DlDownlineTable *self)
{
  GHashTableIter iter;
  gpointer item;

  g_ptr_array_set_size (self->stale_cells, 0);
  g_clear_handle_id (&self->stale_idle, g_source_remove);
  self->cells_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->cells_stale)
    return;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    /* GTK 4.8 unmaps the rows it keeps outside the view */
    if (gtk_widget_get_mapped (gtk_list_item_get_child (item)))
      update_cell (self, item);
    else
      g_ptr_array_add (self->stale_cells, item);
  if (self->stale_cells->len > 0)
    self->stale_idle = g_idle_add (refresh_stale_cells_cb, self);
}

/* The whole of what a narrowed column (or a deep row) cuts short, read
 * when the pointer rests on it: setting a tooltip's text asks the X
 * server where the pointer is, a round trip for each of the 400 names
 * and addresses GTK binds (0.3 s a sort). */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *label,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (item), "column", GUINT_TO_POINTER (column));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column_info[column].numeric)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == DL_DOWNLINE_COLUMN_NAME || column == DL_DOWNLINE_COLUMN_EMAIL)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
    }
  if (column == DL_DOWNLINE_COLUMN_NAME)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (item, expander);
    }
  else
    gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  gpointer row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  if (self->tree == NULL || row == NULL)
    return;
  /* a flat list's rows have no depth: no indentation, no expander */
  if (column == DL_DOWNLINE_COLUMN_NAME)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), GTK_IS_TREE_LIST_ROW (row) ? row : NULL);
  g_hash_table_add (self->bound, item);
  update_cell (self, item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));

  g_hash_table_remove (self->bound, item);
  if (column == DL_DOWNLINE_COLUMN_NAME)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

/* ---- Sorting -------------------------------------------------------- */

static int
compare_name_keys (const void *a,
                   const void *b)
{
  const char *const *x = a, *const *y = b;

  return strcmp (*x, *y);
}

/* Each member's place among all by name, in the user's alphabet (the
 * downline's order among namesakes): collation keys made once a
 * member, then compared as bytes, where collating pairs would take
 * twenty million calls.  Still seconds for a million (the locale's
 * collation is slow): a worker thread's job. */
static guint32 *
compute_name_order (DlTree *tree)
{
  guint n = dl_tree_get_n_nodes (tree);
  char **keys = g_new (char *, MAX (n, 1));
  guint32 *order = g_new (guint32, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_utf8_collate_key (dl_tree_get_node (tree, i)->name, -1);
      gsize len = strlen (key);

      /* the index after the key breaks ties in the downline's order */
      keys[i] = g_malloc (len + 9);
      memcpy (keys[i], key, len);
      g_snprintf (keys[i] + len, 9, "%08x", i);
    }
  qsort (keys, n, sizeof (char *), compare_name_keys);
  for (guint k = 0; k < n; k++)
    {
      const char *key = keys[k];

      order[g_ascii_strtoull (key + strlen (key) - 8, NULL, 16)] = k;
      g_free (keys[k]);
    }
  g_free (keys);
  return order;
}

static void
name_order_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_task_return_pointer (task, compute_name_order (task_data), g_free);
}

static gboolean sort_needs_names (DlDownlineTable *self);

static void
name_order_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (source);
  DlTree *tree = g_task_get_task_data (G_TASK (result));
  guint32 *order = g_task_propagate_pointer (G_TASK (result), NULL);

  if (self->name_order_tree == tree && self->name_order == NULL)
    {
      self->name_order = order;
      /* the rows listed meanwhile in the downline's order take their places */
      if (self->tree == tree && self->view != NULL && sort_needs_names (self))
        resort (self, TRUE);
    }
  else
    g_free (order);
}

/* TRUE when the tree's name order is there; FALSE while a worker works
 * it out (the rows are ranked when it is done). */
static gboolean
ensure_name_order (DlDownlineTable *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->name_order_tree == self->tree)
    return self->name_order != NULL;
  g_clear_pointer (&self->name_order, g_free);
  g_clear_pointer (&self->name_order_tree, dl_tree_unref);
  self->name_order_tree = dl_tree_ref (self->tree);
  task = g_task_new (self, NULL, name_order_done_cb, NULL);
  g_task_set_source_tag (task, ensure_name_order);
  g_task_set_task_data (task, dl_tree_ref (self->tree), (GDestroyNotify) dl_tree_unref);
  g_task_run_in_thread (task, name_order_thread);
  return FALSE;
}

/* The key a column sorts by; NAN (not known) sorts last either way. */
static double
sort_key (DlDownlineTable *self,
          guint            column,
          guint            i)
{
  const DlTreeNode *node = dl_tree_get_node (self->tree, i);
  const DlTreeFigures *figures = tree_figures (self);
  const DlMemberFigures *member = figures != NULL ? &figures->members[i] : NULL;
  guint32 parent;
  DlDay day;

  switch (column)
    {
    case DL_DOWNLINE_COLUMN_NAME:
      return self->name_order[i];
    case DL_DOWNLINE_COLUMN_LEVEL:
      return node->level;
    case DL_DOWNLINE_COLUMN_STATUS:
      return node->status;
    case DL_DOWNLINE_COLUMN_RANK:
      return rank_key (self, i);
    case DL_DOWNLINE_COLUMN_PAID_RANK:
      return member != NULL ? self->figures_rank_order[member->paid_rank] : 0;
    case DL_DOWNLINE_COLUMN_PV:
      /* not known below none */
      return node->has_pv ? node->pv : -1;
    case DL_DOWNLINE_COLUMN_GV:
      return member != NULL && !isnan (member->gv) ? member->gv : -1;
    case DL_DOWNLINE_COLUMN_TEAM:
      return node->subtree_size;
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
      /* not known, off, on; on by the next date */
      return node->autoship * 1e7 + (member != NULL && node->autoship == DL_AUTOSHIP_ON ? member->next_autoship : 0);
    case DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP:
      /* the soonest first, who ships nothing after them */
      day = next_autoship (self, i);
      return day != DL_DAY_NONE ? day : NAN;
    case DL_DOWNLINE_COLUMN_RISK:
      return self->facts->risk_band[i] == DL_RISK_DROPPED ? -1 : self->facts->risk_score[i];
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      return node->last_contact;
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      return due_day (self, i);
    case DL_DOWNLINE_COLUMN_RECRUITS:
      return recruits (self, i);
    case DL_DOWNLINE_COLUMN_JOINED:
      return node->joined_on;
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
      return member != NULL ? member->first_order : DL_DAY_NONE;
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
      return member != NULL ? member->last_order : DL_DAY_NONE;
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      /* by the parent's name, nobody first */
      parent = other_parent (self, column, i);
      return parent != NONE ? self->name_order[parent] : -1;
    default:
      return 0;
    }
}

typedef struct
{
  guint64 key;
  guint32 index;
} SortEntry;

/* A key whose unsigned order is the order wanted: the double's own for
 * all but NAN, which is last either way. */
static inline guint64
ordered_key (double      key,
             GtkSortType order)
{
  guint64 bits;

  if (isnan (key))
    return G_MAXUINT64;
  memcpy (&bits, &key, sizeof bits);
  bits = (bits & G_GUINT64_CONSTANT (0x8000000000000000)) != 0 ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
  if (order == GTK_SORT_DESCENDING)
    bits = ~bits;
  /* below NAN's */
  return MIN (bits, G_MAXUINT64 - 1);
}

/* Sorts entries (in the downline's order) by key, a byte at a time from
 * the lowest: stable, so ties keep the downline's order either way, and
 * a million entries take a few passes over memory, not twenty million
 * calls of a comparison.  A byte all keys share costs no pass (most keys
 * are small numbers). */
static void
radix_sort (SortEntry *entries,
            guint      n)
{
  g_autofree guint *counts = g_new0 (guint, 8 * 256);
  g_autofree SortEntry *spare = g_new (SortEntry, MAX (n, 1));
  SortEntry *from = entries, *to = spare;

  for (guint k = 0; k < n; k++)
    for (guint b = 0; b < 8; b++)
      counts[b * 256 + ((from[k].key >> (8 * b)) & 0xff)]++;
  for (guint b = 0; b < 8; b++)
    {
      guint *count = counts + b * 256;
      guint offset = 0;
      SortEntry *swap;

      if (count[(from[0].key >> (8 * b)) & 0xff] == n)
        continue;
      for (guint v = 0; v < 256; v++)
        {
          guint c = count[v];

          count[v] = offset;
          offset += c;
        }
      for (guint k = 0; k < n; k++)
        to[count[(from[k].key >> (8 * b)) & 0xff]++] = from[k];
      swap = from;
      from = to;
      to = swap;
    }
  if (from != entries)
    memcpy (entries, from, n * sizeof (SortEntry));
}

static gboolean
sort_needs_names (DlDownlineTable *self)
{
  return self->sort_column == DL_DOWNLINE_COLUMN_NAME || self->sort_column == DL_DOWNLINE_COLUMN_SPONSOR
         || self->sort_column == DL_DOWNLINE_COLUMN_PLACED_UNDER;
}

/* Ranks the n members of indices (in the downline's order) by the sort
 * column, in place; by name, once the names' order is worked out. */
static gboolean
sort_members (DlDownlineTable *self,
              guint32         *indices,
              guint            n)
{
  g_autofree SortEntry *entries = g_new (SortEntry, MAX (n, 1));
  gint64 started = g_get_monotonic_time ();

  if (n == 0)
    return TRUE;
  if (sort_needs_names (self) && !ensure_name_order (self))
    {
      g_debug ("%u members wait for their names' order", n);
      return FALSE;
    }
  for (guint k = 0; k < n; k++)
    {
      entries[k].key = ordered_key (sort_key (self, self->sort_column, indices[k]), self->sort_order);
      entries[k].index = indices[k];
    }
  radix_sort (entries, n);
  for (guint k = 0; k < n; k++)
    indices[k] = entries[k].index;
  g_debug ("%u members ranked by %s in %.3f s", n, column_info[self->sort_column].key,
           (g_get_monotonic_time () - started) / 1e6);
  return TRUE;
}

/* The headers' sorter only says which column it sorts by, and which
 * way, from GTK 4.10: it is asked to compare two rows, and the column
 * that answers first (its primary one) is written down; its answer,
 * turned round or not, is the way. */
static int
probe_cb (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  GtkColumnViewColumn *col = user_data;
  DlDownlineTable *self = g_object_get_data (G_OBJECT (col), "table");
  guint i = row_index ((gpointer) a), j = row_index ((gpointer) b);

  if (self != NULL && self->probed_column < 0)
    self->probed_column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (col), "column"));
  return i < j ? -1 : i > j;
}

static void
probe_sort (DlDownlineTable *self,
            int             *column,
            GtkSortType     *order)
{
  g_autoptr(DlDownlineRow) first = row_new (0);
  g_autoptr(DlDownlineRow) second = row_new (1);
  GtkOrdering ordering;

  self->probed_column = -1;
  ordering = gtk_sorter_compare (gtk_column_view_get_sorter (self->view), first, second);
  *column = self->probed_column;
  *order = ordering == GTK_ORDERING_LARGER ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING;
}

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         DlDownlineTable   *self)
{
  if (!self->syncing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
add_column (DlDownlineTable *self,
            guint            column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col = gtk_column_view_column_new (_(column_info[column].title), factory);
  g_autofree char *action = g_strdup_printf ("table.show-%s", column_info[column].key);
  g_autoptr(GPropertyAction) shown = NULL;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  g_object_set_data (G_OBJECT (col), "table", self);
  g_object_set_data (G_OBJECT (col), "column", GUINT_TO_POINTER (column));
  /* the sorter makes the header a button with an arrow; the rows are
   * ranked by sort_members (), never by it */
  if (column_info[column].sortable)
    {
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_cb, col, NULL));
      gtk_column_view_column_set_sorter (col, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_column_set_fixed_width (col, column_info[column].width);
  /* the name takes what room is left: it is what a row is read by */
  gtk_column_view_column_set_expand (col, column == DL_DOWNLINE_COLUMN_NAME);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_visible (col, column_info[column].shown);
  gtk_column_view_append_column (self->view, col);
  self->columns[column] = col;
  g_object_unref (col);

  /* Columns: a check item, bound to whether the column shows; the name
   * always does */
  if (column == DL_DOWNLINE_COLUMN_NAME)
    return;
  shown = g_property_action_new (action + strlen ("table."), col, "visible");
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (shown));
  g_menu_append (self->columns_menu, _(column_info[column].title), action);
}

/* The figures of the tree shown, just read. */
static void
set_figures (DlDownlineTable *self,
             DlTreeFigures   *figures)
{
  g_clear_pointer (&self->figures, dl_tree_figures_free);
  g_clear_pointer (&self->figures_rank_order, g_free);
  self->figures = figures;
  self->figures_rank_order = rank_order (figures->ranks->len, figures_rank_name, figures);
  refresh_cells (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_FIGURES]);
}

static void
figures_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(DlDownlineTable) self = user_data;
  g_autoptr(GError) error = NULL;
  DlTreeFigures *figures = dl_store_load_tree_figures_finish (DL_STORE (source), result, &error);

  /* another tree came, or the table went, while they were read */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->figures_cancellable);
  if (figures == NULL)
    {
      /* the columns say "—"; the tree itself was read, or says why not */
      g_debug ("The back office's figures were not read: %s", error->message);
      return;
    }
  if (figures->tree != self->tree)
    {
      dl_tree_figures_free (figures);
      return;
    }

  set_figures (self, figures);
  /* rows ranked by a column of figures take their places */
  if (self->sort_column >= 0 && column_needs_figures (self->sort_column))
    resort (self, TRUE);
}

/* Reads the tree's figures, once, when the table shows it: the tree
 * alone never pays for them. */
static void
load_figures (DlDownlineTable *self)
{
  if (self->tree == NULL || self->store == NULL || tree_figures (self) != NULL
      || self->figures_cancellable != NULL || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->figures_cancellable = g_cancellable_new ();
  dl_store_load_tree_figures_async (self->store, self->tree,
                                    self->facts->placement ? DL_TREE_KIND_PLACEMENT : DL_TREE_KIND_ENROLLMENT,
                                    self->figures_cancellable, figures_loaded_cb, g_object_ref (self));
}

static void
cancel_figures (DlDownlineTable *self)
{
  g_cancellable_cancel (self->figures_cancellable);
  g_clear_object (&self->figures_cancellable);
}

static void
dl_downline_table_map (GtkWidget *widget)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (widget);

  GTK_WIDGET_CLASS (dl_downline_table_parent_class)->map (widget);

  if (self->cells_stale)
    refresh_cells (self);
  load_figures (self);
}

static void
dl_downline_table_dispose (GObject *object)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (object);

  g_clear_handle_id (&self->stale_idle, g_source_remove);
  if (self->scroll_tick != 0 && self->view != NULL)
    gtk_widget_remove_tick_callback (rows_widget (self), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->view != NULL)
    gtk_column_view_set_model (self->view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->flat);
  g_clear_pointer ((GtkWidget **) &self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->filter_bar, gtk_widget_unparent);
  self->filter_dropdown = NULL;
  self->filter_items = NULL;
  self->count_label = NULL;
  self->view = NULL;
  g_clear_object (&self->store);
  g_clear_pointer (&self->tree, dl_tree_unref);
  self->facts = NULL;
  cancel_figures (self);
  g_clear_pointer (&self->figures, dl_tree_figures_free);
  g_clear_pointer (&self->name_order_tree, dl_tree_unref);
  g_clear_object (&self->columns_menu);
  self->columns_button = NULL;
  memset (self->columns, 0, sizeof self->columns);

  G_OBJECT_CLASS (dl_downline_table_parent_class)->dispose (object);
}

static void
dl_downline_table_finalize (GObject *object)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (object);

  g_array_unref (self->item_rank);
  g_hash_table_unref (self->bound);
  g_ptr_array_unref (self->stale_cells);
  g_free (self->rank_name);
  g_free (self->tree_rank_order);
  g_free (self->figures_rank_order);
  g_free (self->name_order);

  G_OBJECT_CLASS (dl_downline_table_parent_class)->finalize (object);
}

static void
dl_downline_table_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int64 (value, dl_downline_table_get_selected (DL_DOWNLINE_TABLE (object)));
      break;
    case PROP_HAS_FIGURES:
      g_value_set_boolean (value, dl_downline_table_has_figures (DL_DOWNLINE_TABLE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_downline_table_class_init (DlDownlineTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_downline_table_dispose;
  object_class->finalize = dl_downline_table_finalize;
  object_class->get_property = dl_downline_table_get_property;
  widget_class->map = dl_downline_table_map;

  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_FIGURES] =
    g_param_spec_boolean ("has-figures", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void rebuild_model (DlDownlineTable *self);

static void
on_filter_changed_cb (GtkDropDown     *dropdown,
                      GParamSpec      *pspec,
                      DlDownlineTable *self)
{
  guint item = gtk_drop_down_get_selected (dropdown);

  if (self->filling)
    return;
  g_clear_pointer (&self->rank_name, g_free);
  if (item >= DL_DOWNLINE_FILTER_RANK && item - DL_DOWNLINE_FILTER_RANK < self->item_rank->len
      && self->tree != NULL)
    {
      self->filter = DL_DOWNLINE_FILTER_RANK;
      self->rank = g_array_index (self->item_rank, guint16, item - DL_DOWNLINE_FILTER_RANK);
      self->rank_name = g_strdup (dl_tree_get_rank_name (self->tree, self->rank));
    }
  else
    self->filter = item < DL_DOWNLINE_FILTER_RANK ? item : DL_DOWNLINE_FILTER_NONE;
  if (self->tree != NULL)
    rebuild_model (self);
}

static int
compare_rank_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const guint32 *order = user_data;
  guint32 x = order[*(const guint16 *) a], y = order[*(const guint16 *) b];

  return x < y ? -1 : x > y;
}

/* The fixed filters, then the tree's ranks up the ladder (Bronze,
 * Silver, Gold: a distributor's order, not the alphabet's), as the rank
 * columns sort them; the choice stays on the same rank (by name) when
 * the tree is loaded again. */
static void
fill_filter_items (DlDownlineTable *self)
{
  static const char *fixed[] = {
    N_("Whole downline"), N_("High risk"), N_("Not welcomed yet"), N_("Due for a check-in"),
  };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint selected = self->filter < DL_DOWNLINE_FILTER_RANK ? self->filter : DL_DOWNLINE_FILTER_NONE;

  g_array_set_size (self->item_rank, 0);
  for (guint k = 0; k < G_N_ELEMENTS (fixed); k++)
    g_ptr_array_add (items, g_strdup (_(fixed[k])));
  for (guint r = 1; self->tree != NULL && r < dl_tree_get_n_ranks (self->tree); r++)
    {
      guint16 rank = r;

      g_array_append_val (self->item_rank, rank);
    }
  if (self->tree != NULL)
    g_array_sort_with_data (self->item_rank, compare_rank_cb, self->tree_rank_order);
  for (guint k = 0; k < self->item_rank->len; k++)
    {
      const char *name = dl_tree_get_rank_name (self->tree, g_array_index (self->item_rank, guint16, k));

      /* Translators: a filter above the downline table; %s is a rank
       * from the back office, e.g. "Rank: Gold" */
      g_ptr_array_add (items, g_strdup_printf (_("Rank: %s"), name));
      if (self->filter == DL_DOWNLINE_FILTER_RANK && g_strcmp0 (name, self->rank_name) == 0)
        {
          selected = DL_DOWNLINE_FILTER_RANK + k;
          self->rank = g_array_index (self->item_rank, guint16, k);
        }
    }
  /* that rank is gone: everyone again */
  if (self->filter == DL_DOWNLINE_FILTER_RANK && selected < DL_DOWNLINE_FILTER_RANK)
    {
      self->filter = DL_DOWNLINE_FILTER_NONE;
      g_clear_pointer (&self->rank_name, g_free);
    }
  g_ptr_array_add (items, NULL);

  self->filling = TRUE;
  gtk_string_list_splice (self->filter_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->filter_items)),
                          (const char * const *) items->pdata);
  gtk_drop_down_set_selected (self->filter_dropdown, selected);
  self->filling = FALSE;
}

/* Columns: a check button a column, which the popover keeps open while
 * several are turned on or off (a menu closes on each). */
static GtkWidget *
columns_popover (DlDownlineTable *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (_("Columns"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_start (heading, 6);
  gtk_widget_set_margin_bottom (heading, 6);
  gtk_box_append (GTK_BOX (box), heading);
  for (guint column = 0; column < DL_DOWNLINE_N_COLUMNS; column++)
    {
      g_autofree char *action = g_strdup_printf ("table.show-%s", column_info[column].key);
      GtkWidget *check;

      if (column == DL_DOWNLINE_COLUMN_NAME)
        continue;
      check = gtk_check_button_new_with_label (_(column_info[column].title));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (check), action);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  /* a short window scrolls the list rather than cut it off */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 520);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  return popover;
}

/* A header was clicked (or the sort set in code): rank by it from the
 * top, or back to the downline's order. */
static void
on_sort_changed_cb (GtkSorter       *sorter,
                    GtkSorterChange  change,
                    DlDownlineTable *self)
{
  int column;
  GtkSortType order;

  probe_sort (self, &column, &order);
  /* GTK 4.8 turns a sorted header round on each click; a third click
   * (after up, then down) goes back to the tree, which it cannot */
  if (!self->sorting_by_code && column >= 0 && column == self->sort_column
      && self->sort_order == GTK_SORT_DESCENDING && order == GTK_SORT_ASCENDING)
    {
      self->sorting_by_code = TRUE;
      gtk_column_view_sort_by_column (self->view, NULL, GTK_SORT_ASCENDING);
      self->sorting_by_code = FALSE;
      return;
    }
  if (column == self->sort_column && order == self->sort_order)
    return;
  self->sort_column = column;
  self->sort_order = order;
  if (self->tree != NULL)
    resort (self, TRUE);
}

static void
dl_downline_table_init (DlDownlineTable *self)
{
  GtkWidget *label;
  GtkWidget *columns_button;

  self->item_rank = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->bound = g_hash_table_new (NULL, NULL);
  self->stale_cells = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->filter_bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (self->filter_bar, 12);
  gtk_widget_set_margin_end (self->filter_bar, 12);
  gtk_widget_set_margin_bottom (self->filter_bar, 6);
  gtk_widget_set_parent (self->filter_bar, GTK_WIDGET (self));
  label = gtk_label_new_with_mnemonic (_("_Show"));
  gtk_box_append (GTK_BOX (self->filter_bar), label);
  self->filter_items = gtk_string_list_new (NULL);
  self->filter_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->filter_items), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_dropdown),
                               _("Which members the table lists: all of them, or everyone who needs the same thing, wherever they are in the tree"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->filter_dropdown));
  gtk_box_append (GTK_BOX (self->filter_bar), GTK_WIDGET (self->filter_dropdown));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (self->filter_bar), GTK_WIDGET (self->count_label));
  fill_filter_items (self);
  g_signal_connect (self->filter_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);

  self->sort_column = -1;
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->scrolled), TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->scrolled), GTK_WIDGET (self));
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Downline table"), -1);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->view));

  self->actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "table", G_ACTION_GROUP (self->actions));
  g_object_unref (self->actions);   /* the widget holds it */
  self->columns_menu = g_menu_new ();
  for (guint column = 0; column < DL_DOWNLINE_N_COLUMNS; column++)
    add_column (self, column);
  /* which columns show: from any header's menu (a right click), and
   * from a button beside the filter for who does not know that */
  {
    g_autoptr(GMenu) header_menu = g_menu_new ();

    g_menu_append_section (header_menu, _("Columns"), G_MENU_MODEL (self->columns_menu));
    for (guint column = 0; column < DL_DOWNLINE_N_COLUMNS; column++)
      gtk_column_view_column_set_header_menu (self->columns[column], G_MENU_MODEL (header_menu));
  }
  /* an icon: a phone's width has no room for a word beside the filter */
  self->columns_button = columns_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (columns_button), "view-more-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (columns_button), columns_popover (self));
  gtk_widget_set_tooltip_text (columns_button, _("Columns"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (columns_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Columns"), -1);
  gtk_widget_set_hexpand (columns_button, TRUE);
  gtk_widget_set_halign (columns_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (columns_button, "flat");
  gtk_box_append (GTK_BOX (self->filter_bar), columns_button);

  g_signal_connect_object (gtk_column_view_get_sorter (self->view), "changed",
                           G_CALLBACK (on_sort_changed_cb), self, 0);
}

static void
clear_model (DlDownlineTable *self)
{
  gtk_column_view_set_model (self->view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->flat);
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
}

/* Under "Whole downline" in the downline's order, the rows are the
 * tree's; a flat list otherwise. */
static gboolean
shows_tree (DlDownlineTable *self)
{
  return self->filter == DL_DOWNLINE_FILTER_NONE && self->sort_column < 0;
}

/* The members a flat list shows, ranked by the sort column if any, and
 * how many above it. */
static guint32 *
flat_members (DlDownlineTable *self,
              guint           *n_listed)
{
  guint n;
  guint32 *indices = listed_members (self, &n);
  gboolean sorted = self->sort_column < 0 || sort_members (self, indices, n);
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u member", "%'u members", n), n);
  if (!sorted)
    {
      /* Translators: the members listed, while they are being sorted by name: "12,480 members, sorting…" */
      g_autofree char *sorting = g_strdup_printf (_("%s, sorting…"), text);

      g_free (text);
      text = g_steal_pointer (&sorting);
    }
  gtk_label_set_text (self->count_label, text);
  *n_listed = n;
  return indices;
}

static void
build_model (DlDownlineTable *self)
{
  GListModel *rows;

  if (shows_tree (self))
    {
      g_autoptr(GtkTreeListRow) top = NULL;

      self->tree_model = gtk_tree_list_model_new (children_model (self, NONE), FALSE, FALSE,
                                                  create_children_cb, self, NULL);
      rows = G_LIST_MODEL (self->tree_model);
      /* the user's row opens onto their recruits: a closed row alone
       * looks like an empty table */
      top = gtk_tree_list_model_get_row (self->tree_model, 0);
      if (top != NULL && g_list_model_get_n_items (rows) == 1)
        gtk_tree_list_row_set_expanded (top, TRUE);
      gtk_label_set_text (self->count_label, "");
    }
  else
    {
      guint n;
      guint32 *indices = flat_members (self, &n);

      self->flat = index_list_new (indices, n);
      rows = G_LIST_MODEL (self->flat);
    }
  self->selection = gtk_single_selection_new (g_object_ref (rows));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
}

static gboolean
scroll_when_laid_out_cb (GtkWidget     *rows,
                         GdkFrameClock *clock,
                         gpointer       user_data)
{
  DlDownlineTable *self = user_data;
  guint position = self->pending_scroll;

  if (gtk_widget_get_height (rows) == 0)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  self->pending_scroll = GTK_INVALID_LIST_POSITION;
  if (position != GTK_INVALID_LIST_POSITION
      && position < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    gtk_widget_activate_action (rows, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's list only scrolls once it has been laid out: a table shown
 * just now (switched to from the tree, the first time or again) keeps
 * its last size while it is not laid out yet, and drops a scroll asked
 * for then.  So every scroll waits for the next frame, just before its
 * layout. */
static void
scroll_to (DlDownlineTable *self,
           guint            position)
{
  GtkWidget *rows = rows_widget (self);

  if (rows == NULL || position >= g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    return;
  self->pending_scroll = position;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (rows, scroll_when_laid_out_cb, self, NULL);
}

/* The rows again, for the same tree: another filter, sort or facts.  A
 * flat list that stays flat keeps its model and rows (see
 * DlDownlineRow); the tree's rows stay when it stays the tree.  Only a
 * switch between the two makes a new model. */
static void
relist (DlDownlineTable *self)
{
  if (self->flat != NULL && !shows_tree (self))
    {
      guint n;
      guint32 *indices = flat_members (self, &n);

      /* a selected place that goes is no choice of the user's */
      self->syncing = TRUE;
      index_list_set (self->flat, indices, n);
      self->syncing = FALSE;
      refresh_cells (self);
    }
  else if (self->tree_model != NULL && shows_tree (self))
    refresh_cells (self);
  else
    {
      clear_model (self);
      build_model (self);
    }
}

/* Another filter: the same member stays selected when they are listed,
 * scrolled to; otherwise the list shows from its top. */
static void
rebuild_model (DlDownlineTable *self)
{
  gint64 keep = dl_downline_table_get_selected (self);

  relist (self);
  if (keep >= 0)
    dl_downline_table_select (self, keep);
  if (self->flat != NULL && dl_downline_table_get_selected (self) < 0)
    scroll_to (self, 0);
}

/* Another sort: the same member stays selected when listed, and a
 * ranking shows from its top (the tree goes back to the selection). */
static void
resort (DlDownlineTable *self,
        gboolean         to_top)
{
  gint64 keep = dl_downline_table_get_selected (self);
  gint64 started = g_get_monotonic_time ();

  relist (self);
  if (self->flat == NULL)
    {
      if (keep >= 0)
        dl_downline_table_select (self, keep);
    }
  else
    {
      self->syncing = TRUE;
      gtk_single_selection_set_selected (self->selection,
                                         keep >= 0 ? index_list_find (self->flat, keep) : GTK_INVALID_LIST_POSITION);
      self->syncing = FALSE;
      if (to_top)
        scroll_to (self, 0);
    }
  g_debug ("rows listed again in %.3f s", (g_get_monotonic_time () - started) / 1e6);
}

void
dl_downline_table_set_tree (DlDownlineTable   *self,
                            DlTree            *tree,
                            const DlTreeFacts *facts)
{
  gboolean had_figures;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  /* The same tree with new facts (a contact logged: the store's kept
   * tree, patched in place): the rows stay, opened and scrolled; a flat
   * list filtered or ranked by the facts lists again in place. */
  if (tree != NULL && tree == self->tree && facts != NULL)
    {
      gint64 keep = dl_downline_table_get_selected (self);

      self->facts = facts;
      relist (self);
      if (self->flat != NULL)
        {
          self->syncing = TRUE;
          gtk_single_selection_set_selected (self->selection,
                                             keep >= 0 ? index_list_find (self->flat, keep) : GTK_INVALID_LIST_POSITION);
          self->syncing = FALSE;
        }
      return;
    }

  had_figures = dl_downline_table_has_figures (self);
  clear_model (self);
  /* the names' order, a thread's 4 s at a million, stays while the
   * view lets go of the table's tree (NULL) */
  if (tree != NULL && tree != self->name_order_tree)
    {
      g_clear_pointer (&self->name_order, g_free);
      g_clear_pointer (&self->name_order_tree, dl_tree_unref);
    }
  cancel_figures (self);
  g_clear_pointer (&self->tree, dl_tree_unref);
  g_clear_pointer (&self->tree_rank_order, g_free);
  self->facts = facts;
  if (tree != NULL && facts != NULL)
    {
      self->tree = dl_tree_ref (tree);
      self->tree_rank_order = rank_order (dl_tree_get_n_ranks (tree), tree_rank_name, tree);
      /* another tree's figures go; the same tree (a contact logged)
       * keeps the ones read */
      if (self->figures != NULL && self->figures->tree != tree)
        {
          g_clear_pointer (&self->figures, dl_tree_figures_free);
          g_clear_pointer (&self->figures_rank_order, g_free);
        }
      fill_filter_items (self);
      build_model (self);
      load_figures (self);
    }
  if (had_figures != dl_downline_table_has_figures (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_FIGURES]);
}

void
dl_downline_table_set_store (DlDownlineTable *self,
                             DlStore         *store)
{
  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  cancel_figures (self);
  load_figures (self);
}

gboolean
dl_downline_table_has_figures (DlDownlineTable *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), FALSE);

  return self->tree != NULL && tree_figures (self) != NULL;
}

GtkColumnViewColumn *
dl_downline_table_get_column (DlDownlineTable  *self,
                              DlDownlineColumn  column)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), NULL);
  g_return_val_if_fail (column < DL_DOWNLINE_N_COLUMNS, NULL);

  return self->columns[column];
}

DlDownlineFilter
dl_downline_table_get_filter (DlDownlineTable  *self,
                              const char      **rank)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), DL_DOWNLINE_FILTER_NONE);

  if (rank != NULL)
    *rank = self->filter == DL_DOWNLINE_FILTER_RANK ? self->rank_name : NULL;
  return self->filter;
}

gint64
dl_downline_table_get_selected (DlDownlineTable *self)
{
  gpointer item;

  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), -1);

  if (self->selection == NULL)
    return -1;
  item = gtk_single_selection_get_selected_item (self->selection);
  return item != NULL && row_index (item) != NONE ? (gint64) row_index (item) : -1;
}

static guint
find_position (DlDownlineTable *self,
               guint            index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  if (self->flat != NULL)
    return index_list_find (self->flat, index);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, p);

      if (row_index (item) == index)
        return p;
    }
  return GTK_INVALID_LIST_POSITION;
}

void
dl_downline_table_select (DlDownlineTable *self,
                          gint64           index)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  if (self->selection == NULL)
    return;
  /* selected already (a click on their row comes back from the tree):
   * no search through the rows, only the scroll */
  if (index >= 0 && index == dl_downline_table_get_selected (self))
    {
      scroll_to (self, gtk_single_selection_get_selected (self->selection));
      return;
    }
  self->syncing = TRUE;
  if (index >= 0 && index < (gint64) dl_tree_get_n_nodes (self->tree))
    {
      /* Open every sponsor above them, from the top down. */
      if (self->tree_model != NULL)
        {
          g_autoptr(GArray) chain = g_array_new (FALSE, FALSE, sizeof (guint));

          for (guint a = dl_tree_get_node (self->tree, index)->parent; a != NONE;
               a = dl_tree_get_node (self->tree, a)->parent)
            g_array_prepend_val (chain, a);
          for (guint k = 0; k < chain->len; k++)
            {
              guint p = find_position (self, g_array_index (chain, guint, k));
              g_autoptr(GObject) item = NULL;

              if (p == GTK_INVALID_LIST_POSITION)
                break;
              item = g_list_model_get_item (G_LIST_MODEL (self->selection), p);
              gtk_tree_list_row_set_expanded (GTK_TREE_LIST_ROW (item), TRUE);
            }
        }
      position = find_position (self, index);
    }
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    scroll_to (self, position);
  self->syncing = FALSE;
}

void
dl_downline_table_sort_by (DlDownlineTable  *self,
                           DlDownlineColumn  column,
                           GtkSortType       order)
{
  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));
  g_return_if_fail (column <= DL_DOWNLINE_N_COLUMNS);

  self->sorting_by_code = TRUE;
  /* by the column itself: the user may have dragged it elsewhere */
  gtk_column_view_sort_by_column (self->view, column < DL_DOWNLINE_N_COLUMNS ? self->columns[column] : NULL, order);
  self->sorting_by_code = FALSE;
}

gboolean
dl_downline_table_is_flat (DlDownlineTable *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), FALSE);

  return self->flat != NULL;
}

GListModel *
dl_downline_table_get_rows (DlDownlineTable *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), NULL);

  return self->selection != NULL ? G_LIST_MODEL (self->selection) : NULL;
}

gint64
dl_downline_table_get_index_at (DlDownlineTable *self,
                                guint            position)
{
  g_autoptr(GObject) item = NULL;

  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), -1);

  if (self->selection == NULL)
    return -1;
  item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  return item != NULL && row_index (item) != NONE ? (gint64) row_index (item) : -1;
}

void
dl_downline_table_select_position (DlDownlineTable *self,
                                   guint            position)
{
  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, position);
}

gboolean
dl_downline_table_focus_rows (DlDownlineTable *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), FALSE);

  return gtk_widget_child_focus (GTK_WIDGET (self->scrolled), GTK_DIR_TAB_FORWARD);
}

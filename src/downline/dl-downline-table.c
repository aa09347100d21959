/* dl-downline-table.c — the downline as an accessible, sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree's twin for keyboards and screen readers: a GtkColumnView over a
 * GtkTreeListModel, one row object per member shown (children are made
 * when a row is expanded, so a million members cost nothing until
 * opened).  Sorting orders siblings under their sponsor.
 *
 * The filter above the table turns the tree into a flat list of the
 * members who match (high risk, not welcomed, due, a rank), worked out
 * from the tree and facts already loaded: no query per choice.  Phone and
 * e-mail are read from the store only for the rows bound on screen.  The
 * back office's columns come from one read of the whole tree's figures
 * in a worker thread, made when the table is first shown with a tree
 * (dl-store-figures.c), so a million members sort on them in memory.
 */

#define G_LOG_DOMAIN "dl-downline-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dl-day.h"
#include "dl-downline-table.h"
#include "dl-events.h"
#include "dl-store-figures.h"

#define NONE DL_TREE_NO_PARENT

/* ---- One row: a member's index ------------------------------------- */

#define DL_TYPE_DOWNLINE_ROW (dl_downline_row_get_type ())
G_DECLARE_FINAL_TYPE (DlDownlineRow, dl_downline_row, DL, DOWNLINE_ROW, GObject)

struct _DlDownlineRow
{
  GObject  parent_instance;
  guint    index;
};

G_DEFINE_FINAL_TYPE (DlDownlineRow, dl_downline_row, G_TYPE_OBJECT)

static void
dl_downline_row_class_init (DlDownlineRowClass *klass)
{
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
  GtkTreeListModel   *tree_model;

  GtkColumnViewColumn *columns[DL_DOWNLINE_N_COLUMNS];
  GMenu              *columns_menu;   /* Columns: one check item per column but Name */
  GSimpleActionGroup *actions;        /* "table": whether each column shows */

  DlTree             *tree;
  const DlTreeFacts  *facts;
  gboolean            syncing;

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
  DlDownlineRow *row = item;

  if (self->tree == NULL || self->filter != DL_DOWNLINE_FILTER_NONE
      || dl_tree_get_node (self->tree, row->index)->n_children == 0)
    return NULL;
  return children_model (self, row->index);
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

/* Everyone who matches the filter, in the downline's order: one pass
 * over the tree in memory. */
static GListModel *
flat_model (DlDownlineTable *self)
{
  GListStore *store = g_list_store_new (DL_TYPE_DOWNLINE_ROW);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = dl_tree_get_n_nodes (self->tree);

  for (guint i = 0; i < n; i++)
    if (row_matches (self, i))
      g_ptr_array_add (rows, row_new (i));
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (store);
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

/* Phone or e-mail: in the store, not in the tree. */
static char *
contact_text (DlDownlineTable *self,
              guint            column,
              guint            i)
{
  g_autoptr(DlPerson) person = NULL;
  const char *text;

  if (self->store == NULL)
    return g_strdup ("");
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
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
      return autoship_text (self, i);
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
      return count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup ("—");
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

static guint
row_index (gpointer item)
{
  if (GTK_IS_TREE_LIST_ROW (item))
    {
      g_autoptr(GObject) inner = gtk_tree_list_row_get_item (item);

      return DL_DOWNLINE_ROW (inner)->index;
    }
  return DL_DOWNLINE_ROW (item)->index;
}

/* ---- Cells ---------------------------------------------------------- */

/* What each column is called and how its cells look: the least width
 * keeps every column readable (the table scrolls sideways rather than
 * cutting all of them to "…"); numbers line up on the right. */
static const struct
{
  const char *key;        /* its action: table.show-KEY */
  const char *title;
  int         width_chars;
  gboolean    numeric;
  gboolean    sortable;   /* phone and e-mail are not in the tree: sorting
                           * them would read the whole downline's */
  gboolean    shown;      /* before the user chooses under Columns */
} column_info[DL_DOWNLINE_N_COLUMNS] = {
  [DL_DOWNLINE_COLUMN_NAME] = { "name", N_("Name"), 16, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_LEVEL] = { "level", N_("Level"), 3, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_STATUS] = { "status", N_("Status"), 7, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RANK] = { "rank", N_("Highest Rank"), 8, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_PAID_RANK] = { "paid-rank", N_("Paid Rank"), 8, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_PV] = { "pv", N_("PV"), 4, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_GV] = { "gv", N_("GV"), 6, TRUE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_AUTOSHIP] = { "autoship", N_("Autoship"), 14, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RISK] = { "risk", N_("Dropout Risk"), 9, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_LAST_CONTACT] = { "last-contact", N_("Last Contact"), 10, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_NEXT_DUE] = { "next-check-in", N_("Next Check-In"), 10, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RECRUITS] = { "recruits", N_("Recruits"), 3, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_FIRST_ORDER] = { "first-order", N_("First Order"), 10, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_LAST_ORDER] = { "last-order", N_("Last Order"), 10, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_SPONSOR] = { "sponsor", N_("Sponsor"), 12, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_PLACED_UNDER] = { "placed-under", N_("Placed Under"), 12, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_PHONE] = { "phone", N_("Phone"), 10, FALSE, FALSE, TRUE },
  [DL_DOWNLINE_COLUMN_EMAIL] = { "email", N_("Email"), 14, FALSE, FALSE, TRUE },
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

  if (self->tree == NULL || row == NULL)
    return;
  text = cell_text (self, column, row_index (row));
  /* Names are the user's data: plain text. */
  gtk_label_set_text (cell_label (item), text);
}

/* The figures were read after the cell was bound: it says them now
 * (the rows stay as they are, opened and scrolled). */
static void
on_has_figures_cb (DlDownlineTable *self,
                   GParamSpec      *pspec,
                   GtkListItem     *item)
{
  update_cell (self, item);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (item), "column", GUINT_TO_POINTER (column));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), column_info[column].width_chars);
  if (column_info[column].numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (column == DL_DOWNLINE_COLUMN_NAME)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (item, expander);
    }
  else
    gtk_list_item_set_child (item, label);
  /* disconnected when the cell goes */
  if (column_needs_figures (column))
    g_signal_connect_object (self, "notify::has-figures", G_CALLBACK (on_has_figures_cb), item, 0);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  if (self->tree == NULL || row == NULL)
    return;
  if (column == DL_DOWNLINE_COLUMN_NAME)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), row);
  update_cell (self, item);
}

/* Names and parents' names by the alphabet, with nobody first. */
static int
compare_names (const char *a,
               const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_utf8_collate (a, b);
}

/* The key a column sorts by, for the columns of numbers and days. */
static double
sort_key (DlDownlineTable *self,
          guint            column,
          guint            i)
{
  const DlTreeNode *node = dl_tree_get_node (self->tree, i);
  const DlTreeFigures *figures = tree_figures (self);
  const DlMemberFigures *member = figures != NULL ? &figures->members[i] : NULL;

  switch (column)
    {
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
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
      /* not known, off, on; on by the next date */
      return node->autoship * 1e7 + (member != NULL && node->autoship == DL_AUTOSHIP_ON ? member->next_autoship : 0);
    case DL_DOWNLINE_COLUMN_RISK:
      return self->facts->risk_band[i] == DL_RISK_DROPPED ? -1 : self->facts->risk_score[i];
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      return node->last_contact;
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      return due_day (self, i);
    case DL_DOWNLINE_COLUMN_RECRUITS:
      return recruits (self, i);
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
      return member != NULL ? member->first_order : DL_DAY_NONE;
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
      return member != NULL ? member->last_order : DL_DAY_NONE;
    default:
      return 0;
    }
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  GtkColumnViewColumn *col = user_data;
  DlDownlineTable *self = g_object_get_data (G_OBJECT (col), "table");
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (col), "column"));
  guint i = row_index ((gpointer) a), j = row_index ((gpointer) b);
  double va, vb;
  int c;

  if (self->tree == NULL)
    return 0;
  switch (column)
    {
    case DL_DOWNLINE_COLUMN_NAME:
      c = g_utf8_collate (dl_tree_get_node (self->tree, i)->name, dl_tree_get_node (self->tree, j)->name);
      break;
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      c = compare_names (other_parent_name (self, column, i), other_parent_name (self, column, j));
      break;
    default:
      va = sort_key (self, column, i);
      vb = sort_key (self, column, j);
      c = va < vb ? -1 : va > vb;
      break;
    }
  if (c != 0)
    return c;
  return i < j ? -1 : i > j;   /* ties keep the downline's order */
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
  g_object_set_data (G_OBJECT (col), "table", self);
  g_object_set_data (G_OBJECT (col), "column", GUINT_TO_POINTER (column));
  if (column_info[column].sortable)
    {
      sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, col, NULL));
      gtk_column_view_column_set_sorter (col, sorter);
      g_object_unref (sorter);
    }
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
  /* rows sorted by a column of figures take their places */
  for (guint column = 0; column < DL_DOWNLINE_N_COLUMNS; column++)
    {
      GtkSorter *sorter = gtk_column_view_column_get_sorter (self->columns[column]);

      if (sorter != NULL && column_needs_figures (column))
        gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
    }
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
  GTK_WIDGET_CLASS (dl_downline_table_parent_class)->map (widget);

  load_figures (DL_DOWNLINE_TABLE (widget));
}

static void
dl_downline_table_dispose (GObject *object)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (object);

  if (self->view != NULL)
    gtk_column_view_set_model (self->view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
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
  g_clear_object (&self->columns_menu);
  memset (self->columns, 0, sizeof self->columns);

  G_OBJECT_CLASS (dl_downline_table_parent_class)->dispose (object);
}

static void
dl_downline_table_finalize (GObject *object)
{
  DlDownlineTable *self = DL_DOWNLINE_TABLE (object);

  g_array_unref (self->item_rank);
  g_free (self->rank_name);
  g_free (self->tree_rank_order);
  g_free (self->figures_rank_order);

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
  DlTree *tree = user_data;

  return g_utf8_collate (dl_tree_get_rank_name (tree, *(const guint16 *) a),
                         dl_tree_get_rank_name (tree, *(const guint16 *) b));
}

/* The fixed filters, then the tree's ranks by name; the choice stays on
 * the same rank (by name) when the tree is loaded again. */
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
    g_array_sort_with_data (self->item_rank, compare_rank_cb, self->tree);
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

static void
dl_downline_table_init (DlDownlineTable *self)
{
  GtkWidget *label;
  GtkWidget *columns_button;

  self->item_rank = g_array_new (FALSE, FALSE, sizeof (guint16));
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
  columns_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (columns_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (columns_button), G_MENU_MODEL (self->columns_menu));
  gtk_widget_set_tooltip_text (columns_button, _("Columns"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (columns_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Columns"), -1);
  gtk_widget_set_hexpand (columns_button, TRUE);
  gtk_widget_set_halign (columns_button, GTK_ALIGN_END);
  gtk_widget_add_css_class (columns_button, "flat");
  gtk_box_append (GTK_BOX (self->filter_bar), columns_button);
}

static void
clear_model (DlDownlineTable *self)
{
  gtk_column_view_set_model (self->view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
}

static void
build_model (DlDownlineTable *self)
{
  GtkTreeListRowSorter *row_sorter;
  GtkSortListModel *sorted;
  GtkSorter *view_sorter;
  GListModel *top;

  top = self->filter == DL_DOWNLINE_FILTER_NONE ? children_model (self, NONE) : flat_model (self);
  if (self->filter == DL_DOWNLINE_FILTER_NONE)
    gtk_label_set_text (self->count_label, "");
  else
    {
      guint n = g_list_model_get_n_items (top);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members", n), n);

      gtk_label_set_text (self->count_label, text);
    }
  self->tree_model = gtk_tree_list_model_new (top, FALSE, FALSE, create_children_cb, self, NULL);
  view_sorter = gtk_column_view_get_sorter (self->view);
  row_sorter = gtk_tree_list_row_sorter_new (g_object_ref (view_sorter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->tree_model)), GTK_SORTER (row_sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
}

/* Another filter: the same member stays selected when they are listed. */
static void
rebuild_model (DlDownlineTable *self)
{
  gint64 keep = dl_downline_table_get_selected (self);

  clear_model (self);
  build_model (self);
  if (keep >= 0)
    dl_downline_table_select (self, keep);
}

void
dl_downline_table_set_tree (DlDownlineTable   *self,
                            DlTree            *tree,
                            const DlTreeFacts *facts)
{
  gboolean had_figures;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  had_figures = dl_downline_table_has_figures (self);
  clear_model (self);
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
  return item != NULL ? (gint64) row_index (item) : -1;
}

static guint
find_position (DlDownlineTable *self,
               guint            index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

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
  g_autoptr(GArray) chain = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  if (self->selection == NULL || index == dl_downline_table_get_selected (self))
    return;
  self->syncing = TRUE;
  if (index >= 0 && index < (gint64) dl_tree_get_n_nodes (self->tree))
    {
      /* Open every sponsor above them, from the top down. */
      chain = g_array_new (FALSE, FALSE, sizeof (guint));
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
      position = find_position (self, index);
    }
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->view), "list.scroll-to-item", "u", position);
  self->syncing = FALSE;
}

void
dl_downline_table_sort_by (DlDownlineTable  *self,
                           DlDownlineColumn  column,
                           GtkSortType       order)
{
  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));
  g_return_if_fail (column < DL_DOWNLINE_N_COLUMNS);

  /* by the column itself: the user may have dragged it elsewhere */
  gtk_column_view_sort_by_column (self->view, self->columns[column], order);
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
  return item != NULL ? (gint64) row_index (item) : -1;
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

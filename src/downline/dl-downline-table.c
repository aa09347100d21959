/* dl-downline-table.c — the downline as an accessible, sortable table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tree's twin for keyboards and screen readers: a GtkColumnView over a
 * GtkTreeListModel, one row object per member shown (children are made
 * when a row is expanded, so a million members cost nothing until
 * opened).  Sorting orders siblings under their sponsor.
 */

#define G_LOG_DOMAIN "dl-downline-table"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-downline-table.h"

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

  GtkScrolledWindow  *scrolled;
  GtkColumnView      *view;
  GtkSingleSelection *selection;
  GtkTreeListModel   *tree_model;

  DlTree             *tree;
  const DlTreeFacts  *facts;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (DlDownlineTable, dl_downline_table, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
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

  if (self->tree == NULL || dl_tree_get_node (self->tree, row->index)->n_children == 0)
    return NULL;
  return children_model (self, row->index);
}

static DlDay
due_day (DlDownlineTable *self,
         guint            index)
{
  DlDueItem due;

  if (!dl_rules_member_due (self->tree, index, NULL, self->facts->today, &due))
    return DL_DAY_NONE;
  return due.due_on;
}

static char *
day_text (DlDay day)
{
  char *text = dl_day_format_short (day);

  return text != NULL ? text : g_strdup ("—");
}

static char *
cell_text (DlDownlineTable *self,
           guint            column,
           guint            i)
{
  const DlTreeNode *node = dl_tree_get_node (self->tree, i);

  switch (column)
    {
    case DL_DOWNLINE_COLUMN_NAME:
      return g_strdup (node->name);
    case DL_DOWNLINE_COLUMN_LEVEL:
      return g_strdup_printf ("%u", node->level);
    case DL_DOWNLINE_COLUMN_STATUS:
      return g_strdup (dl_member_status_get_label (node->status));
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
      return g_strdup_printf ("%u", node->n_children);
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

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
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
  GtkTreeListRow *row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;

  if (self->tree == NULL || row == NULL)
    return;
  text = cell_text (self, column, row_index (row));
  if (column == DL_DOWNLINE_COLUMN_NAME)
    {
      gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), row);
      child = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child));
    }
  /* Names are the user's data: plain text. */
  gtk_label_set_text (GTK_LABEL (child), text);
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
  const DlTreeNode *x, *y;
  gint64 va = 0, vb = 0;

  if (self->tree == NULL)
    return 0;
  x = dl_tree_get_node (self->tree, i);
  y = dl_tree_get_node (self->tree, j);
  switch (column)
    {
    case DL_DOWNLINE_COLUMN_NAME:
      {
        int c = g_utf8_collate (x->name, y->name);

        if (c != 0)
          return c;
      }
      break;
    case DL_DOWNLINE_COLUMN_LEVEL:
      va = x->level, vb = y->level;
      break;
    case DL_DOWNLINE_COLUMN_STATUS:
      va = x->status, vb = y->status;
      break;
    case DL_DOWNLINE_COLUMN_RISK:
      va = self->facts->risk_band[i] == DL_RISK_DROPPED ? -1 : self->facts->risk_score[i];
      vb = self->facts->risk_band[j] == DL_RISK_DROPPED ? -1 : self->facts->risk_score[j];
      break;
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      va = x->last_contact, vb = y->last_contact;
      break;
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      va = due_day (self, i), vb = due_day (self, j);
      break;
    case DL_DOWNLINE_COLUMN_RECRUITS:
      va = x->n_children, vb = y->n_children;
      break;
    default:
      break;
    }
  if (va != vb)
    return va < vb ? -1 : 1;
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
            guint            column,
            const char      *title,
            gboolean         expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col = gtk_column_view_column_new (title, factory);
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_object_set_data (G_OBJECT (col), "table", self);
  g_object_set_data (G_OBJECT (col), "column", GUINT_TO_POINTER (column));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, col, NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  g_object_unref (sorter);
  gtk_column_view_column_set_expand (col, expand);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (self->view, col);
  g_object_unref (col);
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
  self->view = NULL;
  g_clear_pointer (&self->tree, dl_tree_unref);
  self->facts = NULL;

  G_OBJECT_CLASS (dl_downline_table_parent_class)->dispose (object);
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
  object_class->get_property = dl_downline_table_get_property;

  properties[PROP_SELECTED] =
    g_param_spec_int64 ("selected", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dl_downline_table_init (DlDownlineTable *self)
{
  self->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->scrolled), GTK_WIDGET (self));
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Downline table"), -1);
  gtk_scrolled_window_set_child (self->scrolled, GTK_WIDGET (self->view));

  add_column (self, DL_DOWNLINE_COLUMN_NAME, _("Name"), TRUE);
  add_column (self, DL_DOWNLINE_COLUMN_LEVEL, _("Level"), FALSE);
  add_column (self, DL_DOWNLINE_COLUMN_STATUS, _("Status"), FALSE);
  add_column (self, DL_DOWNLINE_COLUMN_RISK, _("Dropout Risk"), FALSE);
  add_column (self, DL_DOWNLINE_COLUMN_LAST_CONTACT, _("Last Contact"), FALSE);
  add_column (self, DL_DOWNLINE_COLUMN_NEXT_DUE, _("Next Check-In"), FALSE);
  add_column (self, DL_DOWNLINE_COLUMN_RECRUITS, _("Recruits"), FALSE);
}

void
dl_downline_table_set_tree (DlDownlineTable   *self,
                            DlTree            *tree,
                            const DlTreeFacts *facts)
{
  GtkTreeListRowSorter *row_sorter;
  GtkSortListModel *sorted;
  GtkSorter *view_sorter;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  gtk_column_view_set_model (self->view, NULL);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_pointer (&self->tree, dl_tree_unref);
  self->facts = facts;
  if (tree == NULL || facts == NULL)
    return;
  self->tree = dl_tree_ref (tree);

  self->tree_model = gtk_tree_list_model_new (children_model (self, NONE), FALSE, FALSE,
                                              create_children_cb, self, NULL);
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
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));
  g_return_if_fail (column < DL_DOWNLINE_N_COLUMNS);

  col = g_list_model_get_item (gtk_column_view_get_columns (self->view), column);
  gtk_column_view_sort_by_column (self->view, col, order);
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

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
 * recruits among themselves.  A flat list is ranked in C
 * (dl-downline-table-sort.c) and shown through a list model that makes
 * a row object only for the rows GTK asks for (dl-downline-rows.c); what
 * each cell says is in dl-downline-table-cells.c.
 *
 * The back office's columns come from one read of the whole tree's
 * figures in a worker thread, made when the table is first shown with a
 * tree (dl-store-figures.c), so a million members sort on them in
 * memory.
 */

#define G_LOG_DOMAIN "dl-downline-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-downline-table-private.h"

G_DEFINE_FINAL_TYPE (DlDownlineTable, dl_downline_table, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SELECTED,
  PROP_HAS_FIGURES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* The members a list of the tree's rows shows: the recruits of parent,
 * or the roots (NONE). */
static GArray *
list_children (DlTree *tree,
               guint   parent)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  if (parent == NONE)
    {
      for (guint i = 0; i < dl_tree_get_n_nodes (tree); i += dl_tree_get_node (tree, i)->subtree_size)
        g_array_append_val (out, i);
    }
  else
    for (guint c = dl_tree_get_node (tree, parent)->first_child; c != NONE; c = dl_tree_get_node (tree, c)->next_sibling)
      g_array_append_val (out, c);
  return out;
}

static void
row_list_gone_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  DlDownlineTable *self = data;

  g_hash_table_remove (self->row_lists, where_the_object_was);
}

/* Lists someone else still holds no longer tell the table they go. */
static void
forget_row_lists (DlDownlineTable *self)
{
  GHashTableIter iter;
  gpointer store;

  g_hash_table_iter_init (&iter, self->row_lists);
  while (g_hash_table_iter_next (&iter, &store, NULL))
    g_object_weak_unref (store, row_list_gone_cb, self);
  g_hash_table_remove_all (self->row_lists);
}

static GListModel *
children_model (DlDownlineTable *self,
                guint            parent)
{
  GListStore *store = g_list_store_new (DL_TYPE_DOWNLINE_ROW);
  g_autoptr(GArray) members = list_children (self->tree, parent);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_full (members->len, g_object_unref);

  for (guint k = 0; k < members->len; k++)
    g_ptr_array_add (rows, dl_downline_row_new (g_array_index (members, guint, k)));
  g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
  {
    gint64 *whose = g_new (gint64, 1);

    *whose = parent == NONE ? 0 : dl_tree_get_node (self->tree, parent)->person_id;
    g_hash_table_insert (self->row_lists, store, whose);
  }
  g_object_weak_ref (G_OBJECT (store), row_list_gone_cb, self);
  return G_LIST_MODEL (store);
}

static GListModel *
create_children_cb (gpointer item,
                    gpointer user_data)
{
  DlDownlineTable *self = user_data;
  guint index = dl_downline_row_get_member (item);

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
  GtkColumnViewColumn *col = gtk_column_view_column_new (_(dl_downline_column_info[column].title), factory);
  g_autofree char *action = g_strdup_printf ("table.show-%s", dl_downline_column_info[column].key);
  g_autoptr(GPropertyAction) shown = NULL;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (dl_downline_table_setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (dl_downline_table_bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (dl_downline_table_unbind_cell_cb), self);
  g_object_set_data (G_OBJECT (col), "table", self);
  g_object_set_data (G_OBJECT (col), "column", GUINT_TO_POINTER (column));
  /* the sorter makes the header a button with an arrow; the rows are
   * ranked by dl_downline_table_sort_members (), never by it */
  if (dl_downline_column_info[column].sortable)
    {
      sorter = GTK_SORTER (gtk_custom_sorter_new (dl_downline_table_probe_cb, col, NULL));
      gtk_column_view_column_set_sorter (col, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_column_set_fixed_width (col, dl_downline_column_info[column].width);
  /* the name takes what room is left: it is what a row is read by */
  gtk_column_view_column_set_expand (col, column == DL_DOWNLINE_COLUMN_NAME);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_visible (col, dl_downline_column_info[column].shown);
  gtk_column_view_append_column (self->view, col);
  self->columns[column] = col;
  g_object_unref (col);

  /* Columns: a check item, bound to whether the column shows; the name
   * always does */
  if (column == DL_DOWNLINE_COLUMN_NAME)
    return;
  shown = g_property_action_new (action + strlen ("table."), col, "visible");
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (shown));
  g_menu_append (self->columns_menu, _(dl_downline_column_info[column].title), action);
}

/* The figures of the tree shown, just read. */
static void
set_figures (DlDownlineTable *self,
             DlTreeFigures   *figures)
{
  g_clear_pointer (&self->figures, dl_tree_figures_free);
  g_clear_pointer (&self->figures_rank_order, g_free);
  self->figures = figures;
  self->figures_rank_order = dl_downline_table_rank_order (figures->ranks->len, dl_downline_table_figures_rank_name, figures);
  dl_downline_table_refresh_cells (self);
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
  if (self->sort_column >= 0 && dl_downline_table_column_needs_figures (self->sort_column))
    dl_downline_table_resort (self, TRUE);
}

/* Reads the tree's figures, once, when the table shows it: the tree
 * alone never pays for them. */
static void
load_figures (DlDownlineTable *self)
{
  if (self->tree == NULL || self->store == NULL || dl_downline_table_tree_figures (self) != NULL
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
    dl_downline_table_refresh_cells (self);
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
  forget_row_lists (self);
  g_clear_pointer ((GtkWidget **) &self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->filter_bar, gtk_widget_unparent);
  self->filter_dropdown = NULL;
  self->filter_items = NULL;
  self->count_label = NULL;
  self->view = NULL;
  if (self->store != NULL)
    dl_downline_table_cells_set_store (self, NULL);
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
  g_clear_pointer (&self->contacts, g_hash_table_unref);
  g_hash_table_unref (self->row_lists);
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
/* Whether list holds strings (NULL-terminated), in order. */
static gboolean
same_strings (GtkStringList     *list,
              const char *const *strings)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint k = 0; k < n; k++)
    if (strings[k] == NULL || g_strcmp0 (gtk_string_list_get_string (list, k), strings[k]) != 0)
      return FALSE;
  return strings[n] == NULL;
}

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
  /* the same items (the tree read again after an edit, its ranks the
   * same) stay: spliced, the drop-down made its rows' widgets anew,
   * a millisecond of every edit */
  if (!same_strings (self->filter_items, (const char * const *) items->pdata))
    gtk_string_list_splice (self->filter_items, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->filter_items)),
                            (const char * const *) items->pdata);
  if (gtk_drop_down_get_selected (self->filter_dropdown) != selected)
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
      g_autofree char *action = g_strdup_printf ("table.show-%s", dl_downline_column_info[column].key);
      GtkWidget *check;

      if (column == DL_DOWNLINE_COLUMN_NAME)
        continue;
      check = gtk_check_button_new_with_label (_(dl_downline_column_info[column].title));
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

  dl_downline_table_probe_sort (self, &column, &order);
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
    dl_downline_table_resort (self, TRUE);
}

static void
dl_downline_table_init (DlDownlineTable *self)
{
  GtkWidget *label;
  GtkWidget *columns_button;

  self->item_rank = g_array_new (FALSE, FALSE, sizeof (guint16));
  self->bound = g_hash_table_new (NULL, NULL);
  self->row_lists = g_hash_table_new_full (NULL, NULL, NULL, g_free);
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
  gboolean sorted = self->sort_column < 0 || dl_downline_table_sort_members (self, indices, n);
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

      self->flat = dl_index_list_new (indices, n);
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
      dl_index_list_set (self->flat, indices, n);
      self->syncing = FALSE;
      dl_downline_table_refresh_cells (self);
    }
  else if (self->tree_model != NULL && shows_tree (self))
    dl_downline_table_refresh_cells (self);
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

/* A flat list selects member index (-1: nobody) at its place, as the
 * list's own doing, not the person's. */
static void
select_in_flat (DlDownlineTable *self,
                gint64           index)
{
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, index >= 0 ? dl_index_list_find (self->flat, (guint32) index)
                                                                 : GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;
}

void
dl_downline_table_resort (DlDownlineTable *self,
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
      select_in_flat (self, keep);
      if (to_top)
        scroll_to (self, 0);
    }
  g_debug ("rows listed again in %.3f s", (g_get_monotonic_time () - started) / 1e6);
}

/* Whether row (of old) can show member index of tree in its place: the
 * same person, whose row opens (has recruits) in both or in neither. */
static gboolean
row_stays (DlDownlineRow *row,
           DlTree        *old,
           DlTree        *tree,
           guint          index)
{
  const DlTreeNode *was = dl_tree_get_node (old, dl_downline_row_get_member (row));
  const DlTreeNode *now = dl_tree_get_node (tree, index);

  return was->person_id == now->person_id && (was->n_children == 0) == (now->n_children == 0);
}

/* One list of rows, made to list the recruits of the person whose it
 * is in tree: rows that stay show their member's new place, the ones
 * between (a member added, moved or gone) are made anew. */
static void
retarget_list (GListStore *store,
               gint64      whose,
               DlTree     *old,
               DlTree     *tree)
{
  GListModel *list = G_LIST_MODEL (store);
  guint n_old = g_list_model_get_n_items (list), n_new, n_min, first = 0, tail = 0;
  g_autoptr(GArray) members = NULL;
  guint parent = NONE;

  if (whose != 0)
    {
      gint64 at = dl_tree_find (tree, whose);

      /* gone: its row goes with its sponsor's list */
      if (at < 0)
        return;
      parent = (guint) at;
    }
  members = list_children (tree, parent);
  n_new = members->len;
  n_min = MIN (n_old, n_new);
  while (first < n_min)
    {
      g_autoptr(DlDownlineRow) row = g_list_model_get_item (list, first);
      guint index = g_array_index (members, guint, first);

      if (!row_stays (row, old, tree, index))
        break;
      dl_downline_row_set_member (row, index);
      first++;
    }
  while (tail < n_min - first)
    {
      g_autoptr(DlDownlineRow) row = g_list_model_get_item (list, n_old - 1 - tail);
      guint index = g_array_index (members, guint, n_new - 1 - tail);

      if (!row_stays (row, old, tree, index))
        break;
      dl_downline_row_set_member (row, index);
      tail++;
    }
  if (first + tail < n_old || first + tail < n_new)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_new - tail - first, g_object_unref);

      for (guint k = first; k < n_new - tail; k++)
        g_ptr_array_add (rows, dl_downline_row_new (g_array_index (members, guint, k)));
      g_list_store_splice (store, first, n_old - tail - first, rows->pdata, rows->len);
    }
}

/* The tree's rows, shown for old, made to show tree (the same business
 * read again after an edit).  Made anew, every row widget was built
 * again (66 ms of the main loop's work after adding a member at 100,000
 * members) and every row the person had opened closed. */
static void
retarget_rows (DlDownlineTable *self,
               DlTree          *old)
{
  g_autoptr(GPtrArray) stores = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) whose = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer store, person;

  /* the lists as they are now: a list whose row goes while the others
   * change is let go of meanwhile, and is left alone */
  g_hash_table_iter_init (&iter, self->row_lists);
  while (g_hash_table_iter_next (&iter, &store, &person))
    {
      g_ptr_array_add (stores, g_object_ref (store));
      g_array_append_val (whose, *(gint64 *) person);
    }
  for (guint k = 0; k < stores->len; k++)
    retarget_list (g_ptr_array_index (stores, k), g_array_index (whose, gint64, k), old, self->tree);
}

void
dl_downline_table_set_tree (DlDownlineTable   *self,
                            DlTree            *tree,
                            const DlTreeFacts *facts)
{
  g_autoptr(DlTree) old = NULL;
  gboolean had_figures, in_place;
  gint64 keep, keep_id;

  g_return_if_fail (DL_IS_DOWNLINE_TABLE (self));

  keep = dl_downline_table_get_selected (self);
  /* The same tree with new facts (a contact logged: the store's kept
   * tree, patched in place): the rows stay, opened and scrolled; a flat
   * list filtered or ranked by the facts lists again in place. */
  if (tree != NULL && tree == self->tree && facts != NULL)
    {
      self->facts = facts;
      relist (self);
      if (self->flat != NULL)
        select_in_flat (self, keep);
      return;
    }

  had_figures = dl_downline_table_has_figures (self);
  /* The same business read again (a member added, moved, edited or
   * gone): the rows shown stay, and show the new tree. */
  old = self->tree != NULL ? dl_tree_ref (self->tree) : NULL;
  keep_id = keep >= 0 ? dl_tree_get_node (old, (guint) keep)->person_id : 0;
  in_place = tree != NULL && facts != NULL && old != NULL
             && ((self->tree_model != NULL && shows_tree (self)) || (self->flat != NULL && !shows_tree (self)));
  if (!in_place)
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
      self->tree_rank_order = dl_downline_table_rank_order (dl_tree_get_n_ranks (tree), dl_downline_table_tree_rank_name, tree);
      /* another tree's figures go; the same tree (a contact logged)
       * keeps the ones read */
      if (self->figures != NULL && self->figures->tree != tree)
        {
          g_clear_pointer (&self->figures, dl_tree_figures_free);
          g_clear_pointer (&self->figures_rank_order, g_free);
        }
      fill_filter_items (self);
      if (!in_place)
        build_model (self);
      else
        {
          gint64 now = keep_id != 0 ? dl_tree_find (tree, keep_id) : -1;

          self->syncing = TRUE;
          if (self->tree_model != NULL)
            {
              retarget_rows (self, old);
              dl_downline_table_refresh_cells (self);
            }
          else
            relist (self);
          self->syncing = FALSE;
          /* the rank filtered on may be gone with the new tree, and the
           * list the tree's rows again (fill_filter_items ()) */
          if (self->flat != NULL)
            select_in_flat (self, now);
          else if (self->tree_model != NULL && now >= 0 && dl_downline_table_get_selected (self) != now)
            dl_downline_table_select (self, now);
        }
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

  if (self->store == store)
    return;
  dl_downline_table_cells_set_store (self, store);
  g_set_object (&self->store, store);
  cancel_figures (self);
  load_figures (self);
}

gboolean
dl_downline_table_has_figures (DlDownlineTable *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_TABLE (self), FALSE);

  return self->tree != NULL && dl_downline_table_tree_figures (self) != NULL;
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
  return item != NULL && dl_downline_row_index_of (item) != NONE ? (gint64) dl_downline_row_index_of (item) : -1;
}

static guint
find_position (DlDownlineTable *self,
               guint            index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  if (self->flat != NULL)
    return dl_index_list_find (self->flat, index);
  for (guint p = 0; p < n; p++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, p);

      if (dl_downline_row_index_of (item) == index)
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
  return item != NULL && dl_downline_row_index_of (item) != NONE ? (gint64) dl_downline_row_index_of (item) : -1;
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

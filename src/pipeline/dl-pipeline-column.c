/* dl-pipeline-column.c — one stage of the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A virtualised list over the stage's prospects, so a column of ten
 * thousand cards costs what the visible ones cost.  It is a one-column
 * GtkGridView rather than a GtkListView: in GTK 4.8 a list view keeps up
 * to 200 rows alive whatever its height, a grid view about 30, and a
 * board has seven columns of them.  Cards are drag
 * sources; the list is the drop target, and a drop turns into a stage
 * position handed to the view's one move path.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-menu-button.h"
#include "dl-pipeline-column.h"
#include "dl-pipeline-stats.h"
#include "dl-prospect-card.h"
#include "dl-store-list.h"

struct _DlPipelineColumn
{
  GtkWidget           parent_instance;

  DlStore            *store;
  DlStage            *stage;
  GListModel         *prospects;     /* the whole stage */
  GtkFilterListModel *filtered;
  DlProspectMatch     match;
  gpointer            match_data;
  DlProspectCard     *marked;        /* the card showing the drop mark */
  gint64              focus_id;
  guint               focus_source;
  DlDay               today;

  /* template children */
  GtkLabel           *name_label;
  GtkLabel           *count_label;
  GtkMenuButton      *menu_button;
  GtkButton          *add_button;
  GtkRevealer        *quick_add_revealer;
  GtkEntry           *quick_add_entry;
  GtkLabel           *quick_add_error;
  GtkScrolledWindow  *scroller;
  GtkGridView        *list_view;
  GtkWidget          *drop_end;
};

G_DEFINE_FINAL_TYPE (DlPipelineColumn, dl_pipeline_column, GTK_TYPE_WIDGET)

/* What the column asks of whoever shows it (the board): it reads its
 * stage and writes nothing itself. */
enum
{
  MOVE_REQUESTED,
  EDIT_REQUESTED,
  MENU_REQUESTED,
  ADD_REQUESTED,
  DRAG_HOVER,
  DRAG_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
joined_shown (DlProspect *prospect,
              DlDay       today)
{
  GDateTime *entered = dl_prospect_get_entered_stage_at (prospect);

  return dl_pipeline_joined_shown (entered ? dl_day_from_date_time (entered) : DL_DAY_NONE, today);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DlPipelineColumn *self = user_data;
  DlProspect *prospect = item;

  if (dl_stage_get_kind (self->stage) == DL_STAGE_JOINED
      && !joined_shown (prospect, self->today))
    return FALSE;

  return self->match == NULL || self->match (prospect, self->stage, self->match_data);
}

static void
update_filter (DlPipelineColumn *self)
{
  g_autoptr(GtkFilter) filter = NULL;

  /* no filter at all when nothing hides a card: the list then makes
   * items only for the rows on screen */
  if (self->match != NULL || dl_stage_get_kind (self->stage) == DL_STAGE_JOINED)
    filter = GTK_FILTER (gtk_custom_filter_new (filter_func, self, NULL));

  gtk_filter_list_model_set_filter (self->filtered, filter);
}

static void
update_header (DlPipelineColumn *self)
{
  guint total = g_list_model_get_n_items (self->prospects);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = NULL;
  g_autofree char *add_tip = NULL;

  gtk_label_set_text (self->name_label, dl_stage_get_name (self->stage));
  if (self->match != NULL && shown != total)
    /* Translators: cards shown of cards in a stage, e.g. "3 of 12" */
    count = g_strdup_printf (_("%u of %u"), shown, total);
  else
    count = g_strdup_printf ("%u", shown);
  gtk_label_set_text (self->count_label, count);

  add_tip = g_strdup_printf (_("Add a Prospect to “%s”"), dl_stage_get_name (self->stage));
  {
    /* a tooltip change asks the X server where the pointer is */
    const char *old = gtk_widget_get_tooltip_text (GTK_WIDGET (self->add_button));

    if (g_strcmp0 (old, add_tip) != 0)
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), add_tip);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, dl_stage_get_name (self->stage),
                                  -1);
}

static DlProspectCard *
card_from_widget (GtkWidget *widget)
{
  GtkWidget *card;

  if (widget == NULL)
    return NULL;
  if (DL_IS_PROSPECT_CARD (widget))
    return DL_PROSPECT_CARD (widget);

  card = gtk_widget_get_ancestor (widget, DL_TYPE_PROSPECT_CARD);
  if (card != NULL)
    return DL_PROSPECT_CARD (card);

  /* a list row: its one child is the card */
  card = gtk_widget_get_first_child (widget);
  return DL_IS_PROSPECT_CARD (card) ? DL_PROSPECT_CARD (card) : NULL;
}

static void
set_mark (DlPipelineColumn *self,
          DlProspectCard   *card,
          int               where)
{
  if (self->marked != NULL && self->marked != card)
    dl_prospect_card_set_drop_mark (self->marked, 0);
  g_set_weak_pointer (&self->marked, card);
  if (card != NULL)
    dl_prospect_card_set_drop_mark (card, where);
  gtk_widget_set_visible (self->drop_end, card == NULL && where != 0);
}

/* The stage position a drop at (x, y) of the list means, marking it. */
static guint
drop_position (DlPipelineColumn *self,
               double            x,
               double            y,
               gboolean          mark)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->list_view), x, y, GTK_PICK_DEFAULT);
  DlProspectCard *card = card_from_widget (picked);
  DlProspect *prospect;
  graphene_rect_t bounds;
  gboolean below;

  if (card == NULL || (prospect = dl_prospect_card_get_prospect (card)) == NULL
      || !gtk_widget_compute_bounds (GTK_WIDGET (card), GTK_WIDGET (self->list_view), &bounds))
    {
      if (mark)
        set_mark (self, NULL, 1);
      return g_list_model_get_n_items (self->prospects);
    }

  below = y > bounds.origin.y + bounds.size.height / 2;
  if (mark)
    set_mark (self, card, below ? 1 : -1);

  return dl_prospect_get_position (prospect) + (below ? 1 : 0);
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget    *target,
                   double            x,
                   double            y,
                   DlPipelineColumn *self)
{
  drop_position (self, x, y, TRUE);
  g_signal_emit (self, signals[DRAG_HOVER], 0, GTK_WIDGET (self->list_view), x, y);

  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget    *target,
                  DlPipelineColumn *self)
{
  set_mark (self, NULL, 0);
}

static gboolean
on_drop_cb (GtkDropTarget    *target,
            const GValue     *value,
            double            x,
            double            y,
            DlPipelineColumn *self)
{
  DlProspect *prospect = g_value_get_object (value);
  guint position;

  set_mark (self, NULL, 0);
  g_signal_emit (self, signals[DRAG_FINISHED], 0);
  if (!DL_IS_PROSPECT (prospect))
    return FALSE;

  position = drop_position (self, x, y, FALSE);
  /* within the stage, the card's own slot closes up first */
  if (dl_prospect_get_stage_id (prospect) == dl_stage_get_id (self->stage)
      && dl_prospect_get_position (prospect) < position)
    position--;

  g_signal_emit (self, signals[MOVE_REQUESTED], 0, dl_prospect_get_id (prospect), position);

  return TRUE;
}

/* The card of a drag source, or NULL once the list recycled it. */
static DlProspectCard *
source_card (GtkDragSource *source)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return DL_IS_PROSPECT_CARD (widget) ? DL_PROSPECT_CARD (widget) : NULL;
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource    *source,
                    double            x,
                    double            y,
                    DlPipelineColumn *self)
{
  DlProspectCard *card = source_card (source);
  DlProspect *prospect = card ? dl_prospect_card_get_prospect (card) : NULL;

  if (prospect == NULL)
    return NULL;

  return gdk_content_provider_new_typed (DL_TYPE_PROSPECT, prospect);
}

static void
on_drag_begin_cb (GtkDragSource    *source,
                  GdkDrag          *drag,
                  DlPipelineColumn *self)
{
  DlProspectCard *card = source_card (source);
  g_autoptr(GdkPaintable) icon = NULL;

  if (card == NULL)
    return;

  icon = gtk_widget_paintable_new (GTK_WIDGET (card));
  gtk_drag_source_set_icon (source, icon, 20, 20);
  gtk_widget_add_css_class (GTK_WIDGET (card), "dragged");
}

static void
on_drag_end_cb (GtkDragSource    *source,
                GdkDrag          *drag,
                gboolean          delete_data,
                DlPipelineColumn *self)
{
  DlProspectCard *card = source_card (source);

  /* after a drop the card may show someone else by now: clear anyway */
  if (card != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (card), "dragged");
  g_signal_emit (self, signals[DRAG_FINISHED], 0);
}

static void
on_card_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    DlProspectCard  *card)
{
  GtkWidget *column = gtk_widget_get_ancestor (GTK_WIDGET (card), DL_TYPE_PIPELINE_COLUMN);

  if (column == NULL || dl_prospect_card_get_prospect (card) == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (column, signals[MENU_REQUESTED], 0, card, x, y);
}

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             DlPipelineColumn         *self)
{
  GtkWidget *card = dl_prospect_card_new ();
  GtkDragSource *source = gtk_drag_source_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (source));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_card_pressed_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (click));

  gtk_list_item_set_child (item, card);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            DlPipelineColumn         *self)
{
  dl_prospect_card_set_today (DL_PROSPECT_CARD (gtk_list_item_get_child (item)), self->today);
  dl_prospect_card_bind (DL_PROSPECT_CARD (gtk_list_item_get_child (item)),
                         gtk_list_item_get_item (item), self->stage);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DlPipelineColumn         *self)
{
  dl_prospect_card_bind (DL_PROSPECT_CARD (gtk_list_item_get_child (item)), NULL, NULL);
}

static void
on_activate_cb (GtkGridView      *list_view,
                guint             position,
                DlPipelineColumn *self)
{
  g_autoptr(DlProspect) prospect = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (prospect != NULL)
    g_signal_emit (self, signals[EDIT_REQUESTED], 0, dl_prospect_get_id (prospect));
}

static void
on_items_changed_cb (DlPipelineColumn *self)
{
  update_header (self);
}

static void
on_add_clicked_cb (DlPipelineColumn *self)
{
  dl_pipeline_column_start_quick_add (self);
}

static void
close_quick_add (DlPipelineColumn *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->quick_add_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->quick_add_error), FALSE);
  gtk_revealer_set_reveal_child (self->quick_add_revealer, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
on_quick_add_activate_cb (DlPipelineColumn *self)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->quick_add_entry)));

  /* the board answers a refused name with dl_pipeline_column_show_add_error () */
  gtk_widget_set_visible (GTK_WIDGET (self->quick_add_error), FALSE);
  g_signal_emit (self, signals[ADD_REQUESTED], 0, text);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->quick_add_error)))
    gtk_editable_set_text (GTK_EDITABLE (self->quick_add_entry), "");
}

static gboolean
on_quick_add_key_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     DlPipelineColumn      *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;

  close_quick_add (self);
  return TRUE;
}

static void
on_stage_notify_cb (DlPipelineColumn *self)
{
  update_filter (self);
  update_header (self);
}

static void
dl_pipeline_column_dispose (GObject *object)
{
  DlPipelineColumn *self = DL_PIPELINE_COLUMN (object);
  GtkWidget *child;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  g_clear_weak_pointer (&self->marked);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PIPELINE_COLUMN);
  /* the template's root is not a bound child: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filtered);
  g_clear_object (&self->prospects);
  g_clear_object (&self->stage);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_pipeline_column_parent_class)->dispose (object);
}

/* The grid makes its cards once it has the model: given when the
 * column is first shown, not when the window is made.  A window opening
 * on Today made some two hundred cards for a board nobody had looked at
 * yet, and measured them, before its first frame. */
static void
dl_pipeline_column_map (GtkWidget *widget)
{
  DlPipelineColumn *self = DL_PIPELINE_COLUMN (widget);

  GTK_WIDGET_CLASS (dl_pipeline_column_parent_class)->map (widget);
  if (gtk_grid_view_get_model (self->list_view) == NULL && self->filtered != NULL)
    {
      /* set_model takes a reference of its own */
      g_autoptr(GtkSelectionModel) selection =
        GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));

      gtk_grid_view_set_model (self->list_view, selection);
    }
}

static void
dl_pipeline_column_class_init (DlPipelineColumnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_pipeline_column_dispose;
  widget_class->map = dl_pipeline_column_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-pipeline-column.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, name_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, count_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, add_button);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, quick_add_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, quick_add_entry);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, quick_add_error);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, scroller);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, list_view);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineColumn, drop_end);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_quick_add_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pipelinecolumn");

  /**
   * DlPipelineColumn::move-requested:
   * @person_id: the prospect dropped on the column
   * @position: where in the stage, counted without the card itself
   *
   * A card was dropped on this column.  Nothing is written yet.
   */
  signals[MOVE_REQUESTED] =
    g_signal_new ("move-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
  /**
   * DlPipelineColumn::edit-requested:
   * @person_id: the prospect whose card was activated
   */
  signals[EDIT_REQUESTED] =
    g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * DlPipelineColumn::menu-requested:
   * @card: the card pressed with the secondary button
   * @x: where, in @card's coordinates
   * @y: where, in @card's coordinates
   */
  signals[MENU_REQUESTED] =
    g_signal_new ("menu-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, DL_TYPE_PROSPECT_CARD, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * DlPipelineColumn::add-requested:
   * @name: the whole name typed in the quick-add entry, as typed
   *
   * The entry is cleared afterwards unless a handler called
   * dl_pipeline_column_show_add_error().
   */
  signals[ADD_REQUESTED] =
    g_signal_new ("add-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * DlPipelineColumn::drag-hover:
   * @widget: the widget the drag is over (the card list)
   * @x: where, in @widget's coordinates
   * @y: where, in @widget's coordinates
   *
   * A card is dragged over the column: the board scrolls near its edges.
   */
  signals[DRAG_HOVER] =
    g_signal_new ("drag-hover", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, GTK_TYPE_WIDGET, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /**
   * DlPipelineColumn::drag-finished:
   *
   * A drag from or over the column ended, dropped or not.
   */
  signals[DRAG_FINISHED] =
    g_signal_new ("drag-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dl_pipeline_column_init (DlPipelineColumn *self)
{
  GtkEventController *key;

  gtk_widget_init_template (GTK_WIDGET (self));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_quick_add_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->quick_add_entry), key);
}

GtkWidget *
dl_pipeline_column_new (DlStore *store,
                        DlStage *stage)
{
  DlPipelineColumn *self;
  GtkListItemFactory *factory;
  GtkDropTarget *target;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = NULL;
  g_autoptr(GMenuItem) add = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (DL_IS_STAGE (stage), NULL);

  self = g_object_new (DL_TYPE_PIPELINE_COLUMN, NULL);
  self->store = g_object_ref (store);
  self->stage = g_object_ref (stage);
  self->today = dl_day_today ();
  self->prospects = dl_store_get_prospects (store, dl_stage_get_id (stage));
  self->filtered = gtk_filter_list_model_new (g_object_ref (self->prospects), NULL);
  update_filter (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_activate_cb), self);

  target = gtk_drop_target_new (DL_TYPE_PROSPECT, GDK_ACTION_MOVE);
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (self->prospects, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (stage, "notify", G_CALLBACK (on_stage_notify_cb), self, G_CONNECT_SWAPPED);

  edit = g_menu_item_new (_("_Edit Stage…"), NULL);
  g_menu_item_set_action_and_target (edit, "pipeline.edit-stage", "x", dl_stage_get_id (stage));
  g_menu_append_item (menu, edit);
  add = g_menu_item_new (_("_Add Prospect"), NULL);
  g_menu_item_set_action_and_target (add, "pipeline.quick-add", "x", dl_stage_get_id (stage));
  g_menu_append_item (menu, add);
  g_menu_append (menu, _("Add _Stage…"), "pipeline.add-stage");
  dl_menu_button_set_menu (self->menu_button, G_MENU_MODEL (menu));

  update_header (self);

  return GTK_WIDGET (self);
}

DlStage *
dl_pipeline_column_get_stage (DlPipelineColumn *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_COLUMN (self), NULL);

  return self->stage;
}

GListModel *
dl_pipeline_column_get_model (DlPipelineColumn *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_COLUMN (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

guint
dl_pipeline_column_get_n_total (DlPipelineColumn *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_COLUMN (self), 0);

  return g_list_model_get_n_items (self->prospects);
}

void
dl_pipeline_column_set_match (DlPipelineColumn *self,
                              DlProspectMatch   match,
                              gpointer          user_data)
{
  g_return_if_fail (DL_IS_PIPELINE_COLUMN (self));

  self->match = match;
  self->match_data = user_data;
  update_filter (self);
  update_header (self);
}

/* The row that shows the card of person_id, or NULL (off screen). */
static GtkWidget *
row_of (DlPipelineColumn *self,
        gint64            person_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DlProspectCard *card = card_from_widget (row);
      DlProspect *prospect = card ? dl_prospect_card_get_prospect (card) : NULL;

      if (prospect != NULL && dl_prospect_get_id (prospect) == person_id
          && gtk_widget_get_child_visible (row))
        return row;
    }
  return NULL;
}

/* Once the focused card is laid out where the grid scrolled it, scrolls
 * on so that a card's height shows above and below it (the cards it
 * moved past with Alt+Up or Alt+Down, or a found card's neighbours), or
 * centres it when the column is too short for that. */
static gboolean
show_neighbours_cb (gpointer user_data)
{
  DlPipelineColumn *self = user_data;
  GtkWidget *row = row_of (self, self->focus_id);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double value = gtk_adjustment_get_value (adj);
  double page = gtk_adjustment_get_page_size (adj);
  graphene_rect_t bounds;
  double top, height;

  self->focus_source = 0;
  if (row == NULL || !gtk_widget_compute_bounds (row, GTK_WIDGET (self->scroller), &bounds))
    return G_SOURCE_REMOVE;
  top = bounds.origin.y;
  height = bounds.size.height;
  if (page < 3 * height)
    value += top + height / 2 - page / 2;
  else if (top - height < 0)
    value += top - height;
  else if (top + 2 * height > page)
    value += top + 2 * height - page;
  else
    return G_SOURCE_REMOVE;
  gtk_adjustment_set_value (adj, value);
  return G_SOURCE_REMOVE;
}

static gboolean
focus_card_cb (gpointer user_data)
{
  DlPipelineColumn *self = user_data;
  GtkWidget *row = row_of (self, self->focus_id);

  self->focus_source = 0;
  if (row != NULL)
    {
      gtk_widget_grab_focus (row);
      self->focus_source = g_timeout_add (30, show_neighbours_cb, self);
    }

  return G_SOURCE_REMOVE;
}

/* Scrolling a grid to a row lays it out: done after the write that
 * asked for it has returned, not as part of it. */
static gboolean
scroll_to_focus_cb (gpointer user_data)
{
  DlPipelineColumn *self = user_data;
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  guint position = G_MAXUINT;
  gint64 person_id = self->focus_id;

  self->focus_source = 0;

  if (gtk_filter_list_model_get_filter (self->filtered) == NULL)
    {
      /* unfiltered, the list is the stage: find the row without making
       * an item for every card above it */
      int found = dl_store_list_find (DL_STORE_LIST (self->prospects), person_id);

      if (found >= 0)
        position = (guint) found;
    }
  else
    {
      for (guint i = 0; i < n && position == G_MAXUINT; i++)
        {
          g_autoptr(DlProspect) prospect = g_list_model_get_item (model, i);

          if (dl_prospect_get_id (prospect) == person_id)
            position = i;
        }
    }

  if (position == G_MAXUINT)
    return G_SOURCE_REMOVE;

  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  /* the row exists once the list has laid out */
  self->focus_source = g_timeout_add (30, focus_card_cb, self);

  return G_SOURCE_REMOVE;
}

void
dl_pipeline_column_focus_card (DlPipelineColumn *self,
                               gint64            person_id)
{
  g_return_if_fail (DL_IS_PIPELINE_COLUMN (self));

  self->focus_id = person_id;
  g_clear_handle_id (&self->focus_source, g_source_remove);
  self->focus_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, scroll_to_focus_cb, self, NULL);
}

void
dl_pipeline_column_start_quick_add (DlPipelineColumn *self)
{
  g_return_if_fail (DL_IS_PIPELINE_COLUMN (self));

  gtk_revealer_set_reveal_child (self->quick_add_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->quick_add_entry));
}

void
dl_pipeline_column_set_today (DlPipelineColumn *self,
                              DlDay             today)
{
  g_return_if_fail (DL_IS_PIPELINE_COLUMN (self));

  if (self->today == today)
    return;

  self->today = today;
  /* a new day: joined cards past their 30 days leave, and the cards on
   * screen judge their follow-ups and staleness again */
  update_filter (self);
  update_header (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      DlProspectCard *card = card_from_widget (row);

      if (card != NULL)
        dl_prospect_card_set_today (card, today);
    }
}

void
dl_pipeline_column_show_add_error (DlPipelineColumn *self,
                                   const char       *message)
{
  g_return_if_fail (DL_IS_PIPELINE_COLUMN (self));

  gtk_label_set_text (self->quick_add_error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->quick_add_error), message != NULL);
}

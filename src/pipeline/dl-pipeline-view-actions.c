/* dl-pipeline-view-actions.c — the board's actions and keys: the focused
 * card moved, edited, removed or logged from the keyboard or its menu,
 * moving across columns, and auto-scroll while a card is dragged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-pipeline-column.h"
#include "dl-pipeline-view-private.h"
#include "dl-today-actions.h"
#include "dl-today-log-popover.h"

#define EDGE 48          /* px from an edge where a drag scrolls */
#define EDGE_STEP 14     /* px per frame */

/* ---- the focused card and the keyboard ------------------------------ */

static DlProspect *
focused_prospect (DlPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  card = DL_IS_PROSPECT_CARD (focus) ? focus : gtk_widget_get_ancestor (focus, DL_TYPE_PROSPECT_CARD);
  if (card == NULL)
    card = gtk_widget_get_first_child (focus);
  if (!DL_IS_PROSPECT_CARD (card))
    return NULL;

  return dl_prospect_card_get_prospect (DL_PROSPECT_CARD (card));
}

static void
move_focused (DlPipelineView *self,
              int             columns,
              int             rows)
{
  DlProspect *prospect = focused_prospect (self);
  guint index;
  int position;

  if (prospect == NULL
      || dl_pipeline_view_column_for_stage (self, dl_prospect_get_stage_id (prospect), &index) == NULL)
    return;

  if (columns != 0)
    {
      int target = (int) index + columns;
      DlPipelineColumn *column;

      if (target < 0 || target >= (int) self->columns->len)
        return;
      column = g_ptr_array_index (self->columns, target);
      /* to the top of the next stage: the card just arrived there */
      dl_pipeline_view_request_move (self, dl_prospect_get_id (prospect),
                                     dl_stage_get_id (dl_pipeline_column_get_stage (column)), 0);
      return;
    }

  position = (int) dl_prospect_get_position (prospect) + rows;
  if (position < 0)
    return;
  dl_pipeline_view_request_move (self, dl_prospect_get_id (prospect),
                                 dl_prospect_get_stage_id (prospect), position);
}

/* Left and Right on a card: the keyboard goes to the card at about the
 * same height in the next column that shows any (Up and Down stay
 * within a column: its list's own).  FALSE, and the key goes on to
 * whoever has it, when the focus is not on a card (the search entry). */
static gboolean
focus_across (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  int step = GPOINTER_TO_INT (user_data);
  DlProspect *prospect = focused_prospect (self);
  DlPipelineColumn *column;
  GListModel *shown;
  guint index, row = 0;

  if (prospect == NULL
      || (column = dl_pipeline_view_column_for_stage (self, dl_prospect_get_stage_id (prospect), &index)) == NULL)
    return FALSE;

  shown = dl_pipeline_column_get_model (column);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(DlProspect) other = g_list_model_get_item (shown, i);

      if (dl_prospect_get_id (other) == dl_prospect_get_id (prospect))
        row = i;
    }

  for (int target = (int) index + step; target >= 0 && target < (int) self->columns->len; target += step)
    {
      DlPipelineColumn *next = g_ptr_array_index (self->columns, target);
      GListModel *cards = dl_pipeline_column_get_model (next);
      guint n = g_list_model_get_n_items (cards);
      g_autoptr(DlProspect) there = NULL;

      if (n == 0)
        continue;
      there = g_list_model_get_item (cards, MIN (row, n - 1));
      dl_pipeline_column_focus_card (next, dl_prospect_get_id (there));
      return TRUE;
    }
  /* the first or last column: the focus stays */
  return TRUE;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);

  if (g_str_equal (action_name, "pipeline.move-left"))
    move_focused (self, -1, 0);
  else if (g_str_equal (action_name, "pipeline.move-right"))
    move_focused (self, 1, 0);
  else if (g_str_equal (action_name, "pipeline.move-up"))
    move_focused (self, 0, -1);
  else
    move_focused (self, 0, 1);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gint64 person_id, stage_id;

  g_variant_get (parameter, "(xx)", &person_id, &stage_id);
  /* the top of the stage, as for the keyboard */
  dl_pipeline_view_request_move (DL_PIPELINE_VIEW (widget), person_id, stage_id, 0);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* Ctrl+Z while typing undoes the typing, not the last card moved */
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    {
      gtk_widget_activate_action (focus, "text.undo", NULL);
      return;
    }

  dl_pipeline_view_undo (DL_PIPELINE_VIEW (widget));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  dl_pipeline_view_edit_prospect (DL_PIPELINE_VIEW (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  gint64 id = parameter ? g_variant_get_int64 (parameter) : 0;

  if (id == 0)
    {
      DlProspect *prospect = focused_prospect (self);

      id = prospect ? dl_prospect_get_id (prospect) : 0;
    }
  if (id != 0)
    dl_pipeline_view_edit_prospect (self, id);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id == 0)
    {
      DlProspect *prospect = focused_prospect (self);

      id = prospect ? dl_prospect_get_id (prospect) : 0;
    }
  if (id != 0)
    dl_pipeline_view_remove_prospect (self, id);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
edit_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  dl_pipeline_view_edit_stage (DL_PIPELINE_VIEW (widget),
                               parameter ? g_variant_get_int64 (parameter) : 0);
}

static void
quick_add_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlPipelineColumn *column = dl_pipeline_view_column_for_stage (DL_PIPELINE_VIEW (widget),
                                                                g_variant_get_int64 (parameter), NULL);

  if (column != NULL)
    dl_pipeline_column_start_quick_add (column);
}

GMenuModel *
dl_pipeline_view_card_menu_model (DlPipelineView *self,
                                  DlProspect     *prospect)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) rest = g_menu_new ();
  gint64 id = dl_prospect_get_id (prospect);

  for (guint i = 0; i < self->columns->len; i++)
    {
      DlStage *stage = dl_pipeline_column_get_stage (g_ptr_array_index (self->columns, i));
      g_autoptr(GMenuItem) item = NULL;

      if (dl_stage_get_id (stage) == dl_prospect_get_stage_id (prospect))
        continue;
      item = g_menu_item_new (dl_stage_get_name (stage), NULL);
      g_menu_item_set_action_and_target (item, "pipeline.move-to", "(xx)", id, dl_stage_get_id (stage));
      g_menu_append_item (move, item);
    }
  g_menu_append_submenu (menu, _("_Move To"), G_MENU_MODEL (move));

  {
    g_autoptr(GMenuItem) log = g_menu_item_new (_("_Log Contact…"), NULL);
    g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
    g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Remove From Pipeline"), NULL);

    g_autoptr(GMenuItem) vcard = g_menu_item_new (_("E_xport as vCard…"), NULL);

    g_menu_item_set_action_and_target (log, "pipeline.log-contact", "x", id);
    g_menu_item_set_action_and_target (edit, "pipeline.edit", "x", id);
    g_menu_item_set_action_and_target (remove, "pipeline.remove", "x", id);
    /* the window's export, given the one person of this card */
    g_menu_item_set_action_and_target_value (vcard, "transfer.export-vcard",
                                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, &id, 1,
                                                                        sizeof (gint64)));
    g_menu_append_item (rest, log);
    g_menu_append_item (rest, edit);
    g_menu_append_item (rest, vcard);
    g_menu_append_item (rest, remove);
    g_menu_append_section (menu, NULL, G_MENU_MODEL (rest));
  }

  return G_MENU_MODEL (menu);
}

static gboolean
unparent_idle_cb (gpointer data)
{
  GtkWidget *popover = data;

  if (gtk_widget_get_parent (popover) != NULL)
    gtk_widget_unparent (popover);
  g_object_unref (popover);

  return G_SOURCE_REMOVE;
}

/* GTK 4.8 closes a popover menu before it activates the item clicked:
 * a popover unparented on ::closed is out of the widget tree by then,
 * its actions no longer resolve, and the click does nothing.  It goes
 * once the main loop is idle again. */
static void
on_card_menu_closed_cb (GtkPopover *popover)
{
  g_idle_add (unparent_idle_cb, g_object_ref (popover));
}

void
dl_pipeline_view_show_card_menu (DlPipelineView *self,
                                 DlProspectCard *card,
                                 double          x,
                                 double          y)
{
  g_autoptr(GMenuModel) menu = dl_pipeline_view_card_menu_model (self, dl_prospect_card_get_prospect (card));
  GtkWidget *popover;

  popover = gtk_popover_menu_new_from_model (menu);
  gtk_widget_set_parent (popover, GTK_WIDGET (card));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (on_card_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* The card of person_id on screen, or NULL. */
static GtkWidget *
find_card (GtkWidget *widget,
           gint64     person_id)
{
  if (DL_IS_PROSPECT_CARD (widget)
      && dl_prospect_get_id (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (widget))) == person_id)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_card (child, person_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_card_log_cb (GtkWidget  *popover,
                guint       kind,
                const char *summary,
                GDateTime  *at,
                gpointer    user_data)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (user_data);
  gint64 person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (popover), "dl-person-id"));
  g_autoptr(DlPerson) person = self->store != NULL ? dl_store_get_person (self->store, person_id) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DlTodayUndo *undo;

  if (person == NULL)
    return;
  undo = dl_today_log_contact (self->store, person_id, kind, at, summary, &error);
  if (undo == NULL)
    {
      dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
      return;
    }
  /* Translators: a toast; %s is a person's name */
  title = g_strdup_printf (_("Contact with %s logged"), dl_person_get_name (person));
  dl_today_undo_push (self->undo_stack, self->store, title, undo);
}

/* A contact logged from the card (its menu, or Ctrl+L on it), not only
 * once the prospect is due in Today: the same popover as Today's. */
static void
log_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  gint64 person_id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;
  g_autoptr(DlPerson) person = NULL;
  GtkWidget *card, *popover;

  if (person_id == 0)
    {
      DlProspect *focused = focused_prospect (self);

      person_id = focused != NULL ? dl_prospect_get_id (focused) : 0;
    }
  card = person_id != 0 ? find_card (widget, person_id) : NULL;
  if (card == NULL || self->store == NULL
      || (person = dl_store_get_person (self->store, person_id)) == NULL)
    return;

  popover = dl_today_log_popover_new (dl_person_get_name (person));
  g_object_set_data (G_OBJECT (popover), "dl-person-id", GSIZE_TO_POINTER (person_id));
  gtk_widget_set_parent (popover, card);
  g_signal_connect_object (popover, "log", G_CALLBACK (on_card_log_cb), self, 0);
  g_signal_connect (popover, "closed", G_CALLBACK (on_card_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card;

  if (focused_prospect (self) == NULL)
    return;

  card = gtk_widget_get_ancestor (focus, DL_TYPE_PROSPECT_CARD);
  if (card == NULL)
    card = gtk_widget_get_first_child (focus);
  dl_pipeline_view_show_card_menu (self, DL_PROSPECT_CARD (card), 20, 20);
}

/* ---- auto-scroll ----------------------------------------------------- */

static gboolean
scroll_tick_cb (gpointer user_data)
{
  DlPipelineView *self = user_data;
  double value;

  if (self->scroll_adjustment == NULL || self->scroll_delta == 0)
    {
      self->scroll_source = 0;
      return G_SOURCE_REMOVE;
    }

  value = gtk_adjustment_get_value (self->scroll_adjustment) + self->scroll_delta;
  gtk_adjustment_set_value (self->scroll_adjustment, value);
  if (self->hscroll_delta_adj != NULL)
    gtk_adjustment_set_value (self->hscroll_delta_adj, value);

  return G_SOURCE_CONTINUE;
}

static double
edge_delta (double at,
            double size)
{
  if (at < EDGE)
    return -EDGE_STEP * (1 - MAX (at, 0) / EDGE);
  if (at > size - EDGE)
    return EDGE_STEP * (1 - MAX (size - at, 0) / EDGE);
  return 0;
}

void
dl_pipeline_view_drag_at (DlPipelineView *self,
                          GtkWidget      *widget,
                          double          x,
                          double          y)
{
  GtkWidget *scroller;
  graphene_point_t in_board;
  double dy, dx;

  if (self == NULL)
    return;

  self->hscroll_delta_adj = NULL;
  scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  dy = scroller ? edge_delta (y - 0, gtk_widget_get_height (scroller)) : 0;

  if (gtk_widget_compute_point (widget, GTK_WIDGET (self->board_scroller),
                                &GRAPHENE_POINT_INIT (x, y), &in_board))
    dx = edge_delta (in_board.x, gtk_widget_get_width (GTK_WIDGET (self->board_scroller)));
  else
    dx = 0;

  if (dx != 0)
    {
      self->scroll_adjustment = gtk_scrolled_window_get_hadjustment (self->board_scroller);
      self->scroll_delta = dx;
    }
  else if (dy != 0)
    {
      self->scroll_adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      self->scroll_delta = dy;
    }
  else
    self->scroll_delta = 0;

  if (self->scroll_delta != 0 && self->scroll_source == 0)
    self->scroll_source = g_timeout_add (16, scroll_tick_cb, self);
}

void
dl_pipeline_view_drag_done (DlPipelineView *self)
{
  if (self == NULL)
    return;

  self->scroll_delta = 0;
  self->scroll_adjustment = NULL;
  g_clear_handle_id (&self->scroll_source, g_source_remove);
}

/* ---- setting up ----------------------------------------------------- */

static void
add_shortcut_full (GtkEventController *controller,
                   const char         *accel,
                   const char         *action,
                   GVariant           *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
}

static void
add_shortcut (GtkEventController *controller,
              const char         *accel,
              const char         *action)
{
  add_shortcut_full (controller, accel, action, NULL);
}

/* The board's actions: called from dl_pipeline_view_class_init (). */
void
dl_pipeline_view_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pipeline.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "pipeline.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "pipeline.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-left", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-right", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-up", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-down", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-to", "(xx)", move_to_action);
  gtk_widget_class_install_action (widget_class, "pipeline.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "pipeline.edit-focused", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "pipeline.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "pipeline.card-menu", NULL, menu_action);
  gtk_widget_class_install_action (widget_class, "pipeline.log-contact", "x", log_contact_action);
  gtk_widget_class_install_action (widget_class, "pipeline.edit-stage", "x", edit_stage_action);
  gtk_widget_class_install_action (widget_class, "pipeline.add-stage", NULL, edit_stage_action);
  gtk_widget_class_install_action (widget_class, "pipeline.quick-add", "x", quick_add_action);
}

/* The keys of the board and its cards: called from
 * dl_pipeline_view_init (). */
void
dl_pipeline_view_actions_init (DlPipelineView *self)
{
  GtkEventController *global;
  GtkEventController *local;
  GtkEventController *across;

  /* while the board shows, wherever the focus is */
  global = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (global), GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (global, "<Control>n", "pipeline.new");
  add_shortcut (global, "<Control>f", "pipeline.search");
  gtk_widget_add_controller (GTK_WIDGET (self), global);

  /* on a card */
  local = gtk_shortcut_controller_new ();
  add_shortcut (local, "<Alt>Left", "pipeline.move-left");
  add_shortcut (local, "<Alt>Right", "pipeline.move-right");
  add_shortcut (local, "<Alt>Up", "pipeline.move-up");
  add_shortcut (local, "<Alt>Down", "pipeline.move-down");
  add_shortcut_full (local, "Delete", "pipeline.remove", g_variant_new_int64 (0));
  add_shortcut (local, "<Shift>F10|Menu", "pipeline.card-menu");
  add_shortcut_full (local, "<Control>l", "pipeline.log-contact", g_variant_new_int64 (0));
  gtk_widget_add_controller (GTK_WIDGET (self), local);

  /* before the column's grid, which would take Left and Right for its
   * own (one-column) rows */
  across = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (across, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (across),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Left|KP_Left"),
                                                          gtk_callback_action_new (focus_across, GINT_TO_POINTER (-1), NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (across),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Right|KP_Right"),
                                                          gtk_callback_action_new (focus_across, GINT_TO_POINTER (1), NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), across);
}

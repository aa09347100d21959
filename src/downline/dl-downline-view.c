/* dl-downline-view.c — the Downline page: tree, search, details, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the tree in a worker thread (a million members take about a
 * second), works out every member's risk and activity there too, then
 * hands both to the canvas.  The store's ::changed reloads, keeping the
 * selection and focus by person.
 *
 * This file holds the callbacks of the tree, the table and the tools,
 * the GObject and the public API; loading is in dl-downline-view-load.c,
 * the details of a member in dl-downline-view-details.c and the actions
 * in dl-downline-view-actions.c.
 */

#define G_LOG_DOMAIN "dl-downline-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "dl-downline-view-private.h"
#include "dl-store-downline.h"
#include "dl-clock.h"
#include "dl-settings.h"
#include "dl-today-actions.h"

G_DEFINE_FINAL_TYPE (DlDownlineView, dl_downline_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Reloading ------------------------------------------------------ */

static gboolean
reload_timeout_cb (gpointer user_data)
{
  DlDownlineView *self = user_data;

  self->reload_source = 0;
  dl_downline_view_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (DlStore        *store,
                     DlStoreEntity   entity,
                     gint64          id,
                     DlDownlineView *self)
{
  if (entity != DL_STORE_ENTITY_MEMBERS && entity != DL_STORE_ENTITY_INTERACTIONS
      && entity != DL_STORE_ENTITY_PEOPLE)
    return;
  /* Several writes in a row reload once. */
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (150, reload_timeout_cb, self);
}

/* The check-in rhythm or the day changed: every colour and detail that
 * depends on being due is worked out again. */
static void
on_rhythm_changed_cb (DlDownlineView *self)
{
  if (self->store != NULL && self->reload_source == 0)
    self->reload_source = g_timeout_add (150, reload_timeout_cb, self);
}

static void
on_settings_changed_cb (DlSettings     *settings,
                        const char     *key,
                        DlDownlineView *self)
{
  if (g_str_has_prefix (key, "cadence-"))
    on_rhythm_changed_cb (self);
}

/* ---- Callbacks ------------------------------------------------------ */

gboolean
dl_downline_view_table_shown (DlDownlineView *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "table") == 0;
}

static void
on_table_selected_cb (DlDownlineTable *table,
                      GParamSpec      *pspec,
                      DlDownlineView  *self)
{
  gint64 sel = dl_downline_table_get_selected (table);

  if (sel != dl_tree_canvas_get_selected (self->canvas))
    dl_tree_canvas_select (self->canvas, sel, TRUE);
  if (sel >= 0)
    {
      dl_downline_view_show_details (self);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
}

static void
on_mode_changed_cb (GtkStack       *stack,
                    GParamSpec     *pspec,
                    DlDownlineView *self)
{
  gboolean table = dl_downline_view_table_shown (self);

  /* The table lists the tree it was not shown, and, as the selection is
   * shared, opens onto the canvas's member. */
  if (table && self->table_behind && dl_tree_canvas_get_tree (self->canvas) != NULL)
    {
      self->table_behind = FALSE;
      dl_downline_table_set_tree (self->table, dl_tree_canvas_get_tree (self->canvas),
                                  dl_tree_canvas_get_facts (self->canvas));
    }
  if (table)
    dl_downline_table_select (self->table, dl_tree_canvas_get_selected (self->canvas));
  /* zoom, focus, colours, legend, path and picture export are the
   * drawing's: they do nothing to the table */
  gtk_widget_set_visible (self->tree_tools_start, !table);
  gtk_widget_set_visible (self->tree_tools_look, !table);
  gtk_widget_set_visible (self->tree_tools_zoom, !table);
  gtk_widget_set_visible (self->tree_tools_export, !table);
  gtk_widget_set_visible (self->tree_tools_menu, !table);
  gtk_widget_set_visible (self->narrow_focus_up, !table);
  dl_downline_view_update_breadcrumb (self);
}

static void
on_selected_changed_cb (DlTreeCanvas   *canvas,
                        GParamSpec     *pspec,
                        DlDownlineView *self)
{
  gint64 sel = dl_tree_canvas_get_selected (canvas);

  if (dl_downline_view_table_shown (self))
    dl_downline_table_select (self->table, sel);

  if (sel < 0)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else if (adw_flap_get_reveal_flap (self->flap))
    dl_downline_view_show_details (self);
}

static void
on_node_activated_cb (DlTreeCanvas   *canvas,
                      guint64         index,
                      DlDownlineView *self)
{
  dl_downline_view_show_details (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
}

static void
on_focus_root_changed_cb (DlTreeCanvas   *canvas,
                          GParamSpec     *pspec,
                          DlDownlineView *self)
{
  dl_downline_view_update_breadcrumb (self);
}

static void
on_close_details_cb (GtkButton      *button,
                     DlDownlineView *self)
{
  adw_flap_set_reveal_flap (self->flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* The legend lives behind a toolbar button, so it never hides a member
 * (it used to sit over the tree's bottom-left corner). */
static void
draw_legend_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  DlDownlineView *self = data;
  DlRenderView view;

  dl_tree_canvas_get_view (self->canvas, &view);
  if (view.facts == NULL)
    return;
  dl_tree_render_legend (cr, &view, 0, 0);
}

static void
size_legend (DlDownlineView *self,
             GtkDrawingArea *area)
{
  DlRenderView view;

  dl_tree_canvas_get_view (self->canvas, &view);
  if (view.facts != NULL)
    gtk_drawing_area_set_content_height (area, (int) ceil (dl_tree_render_legend_height (&view)));
  gtk_widget_queue_draw (GTK_WIDGET (area));
}

static void
on_legend_shown_cb (DlDownlineView *self)
{
  size_legend (self, self->legend_area);
}

/* the narrow toolbar's menu: its Legend submenu draws the same */
static void
on_tools_menu_shown_cb (DlDownlineView *self)
{
  size_legend (self, self->menu_legend_area);
}

/* Enrollment or placement: the placement tree is read on demand; the
 * selection and focus stay on the same people where they are. */
static void
on_tree_changed_cb (GtkDropDown    *dropdown,
                    GParamSpec     *pspec,
                    DlDownlineView *self)
{
  gboolean placement = gtk_drop_down_get_selected (dropdown) == DL_TREE_KIND_PLACEMENT;

  if (placement == self->placement || self->store == NULL)
    return;
  dl_downline_view_reload (self);
}

/* Another month: the tree and its figures as that month's export had
 * them.  "Current" (0) is the present. */
static void
on_period_changed_cb (GtkDropDown    *dropdown,
                      GParamSpec     *pspec,
                      DlDownlineView *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  DlPeriod period = DL_PERIOD_NONE;

  if (self->filling_periods || self->periods == NULL || self->store == NULL)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= self->periods->len)
    period = g_array_index (self->periods, DlPeriod, self->periods->len - selected);
  if (period == self->period)
    return;
  self->period = period;
  dl_downline_view_reload (self);
}

static void
on_colour_by_changed_cb (GtkDropDown    *dropdown,
                         GParamSpec     *pspec,
                         DlDownlineView *self)
{
  dl_tree_canvas_set_colour_by (self->canvas, MIN (gtk_drop_down_get_selected (dropdown), DL_COLOUR_BY_N - 1));
}

static void
on_highlight_changed_cb (GtkDropDown    *dropdown,
                         GParamSpec     *pspec,
                         DlDownlineView *self)
{
  dl_tree_canvas_set_highlight (self->canvas, MIN (gtk_drop_down_get_selected (dropdown), DL_HIGHLIGHT_N - 1));
}

static void
on_log_contact_cb (GtkWidget      *widget,
                   DlDownlineView *self)
{
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlInteraction) interaction = NULL;
  g_autofree char *summary = NULL;

  if (tree == NULL || sel < 0 || self->store == NULL)
    return;
  summary = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->summary_entry))));
  if (*summary == '\0')
    {
      gtk_label_set_text (self->log_error_label, _("Write one line about the contact first, for example what you agreed."));
      gtk_widget_set_visible (GTK_WIDGET (self->log_error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->summary_entry));
      return;
    }
  interaction = dl_store_add_interaction (self->store, dl_tree_get_node (tree, sel)->person_id,
                                          gtk_drop_down_get_selected (self->kind_dropdown),
                                          NULL, summary, &error);
  if (interaction == NULL)
    {
      gtk_label_set_text (self->log_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->log_error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->log_error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->summary_entry), "");
}

static gint64
selected_person (DlDownlineView *self)
{
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);

  return tree != NULL && sel >= 0 ? dl_tree_get_node (tree, sel)->person_id : 0;
}

static void
on_cadence_changed_cb (DlDownlineView *self)
{
  g_autoptr(GError) error = NULL;
  gint64 person_id = selected_person (self);

  if (self->showing || self->store == NULL || person_id == 0)
    return;
  if (!dl_store_set_member_cadence (self->store, person_id,
                                    dl_cadence_group_get_days (self->cadence_group), &error)
      && self->undo_stack != NULL)
    dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
}

/* The welcome happened outside Downline (dl_today_mark_welcomed). */
static void
on_mark_welcomed_cb (DlDownlineView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 person_id = selected_person (self);
  DlTodayUndo *undo;

  if (self->store == NULL || person_id == 0)
    return;
  undo = dl_today_mark_welcomed (self->store, person_id, &error);
  if (undo == NULL)
    {
      if (self->undo_stack != NULL)
        dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
      return;
    }
  gtk_widget_set_visible (self->welcome_list, FALSE);
  if (self->undo_stack == NULL)
    {
      dl_today_undo_free (undo);
      return;
    }

  /* Translators: a member's name */
  title = g_strdup_printf (_("Marked %s as welcomed"),
                           dl_tree_get_node (dl_tree_canvas_get_tree (self->canvas),
                                             dl_tree_canvas_get_selected (self->canvas))->name);
  dl_today_undo_push (self->undo_stack, self->store, title, undo);
}

static void
update_match_label (DlDownlineView *self)
{
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] == '\0')
    text = g_strdup ("");
  else if (self->match_list->len == 0)
    text = g_strdup (_("No matches"));
  else
    text = g_strdup_printf (_("%u of %u"), self->match_cursor + 1, self->match_list->len);
  gtk_label_set_text (self->match_label, text);

  /* Several people of one name: which one this is (the rows the search
   * steps through are the store's few lookups, not the whole tree's). */
  if (self->match_list->len > 0 && tree != NULL && self->store != NULL)
    {
      guint index = g_array_index (self->match_list, guint32, self->match_cursor);

      detail = dl_store_describe_member (self->store, dl_tree_get_node (tree, index)->person_id);
    }
  gtk_label_set_text (self->match_detail_label, detail != NULL ? detail : "");
}

static void
go_to_match (DlDownlineView *self,
             int             step)
{
  guint index;

  if (self->match_list->len == 0)
    return;
  self->match_cursor = (self->match_cursor + self->match_list->len + step) % self->match_list->len;
  index = g_array_index (self->match_list, guint32, self->match_cursor);
  dl_tree_canvas_fly_to (self->canvas, index);
  dl_tree_canvas_select (self->canvas, index, FALSE);
  update_match_label (self);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      DlDownlineView *self)
{
  dl_downline_view_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_activate_cb (GtkSearchEntry *entry,
                       DlDownlineView *self)
{
  go_to_match (self, 1);
}

static void
on_search_next_cb (GtkWidget      *widget,
                   DlDownlineView *self)
{
  go_to_match (self, 1);
}

static void
on_search_previous_cb (GtkWidget      *widget,
                       DlDownlineView *self)
{
  go_to_match (self, -1);
}

/* ---- GObject -------------------------------------------------------- */

static void
dl_downline_view_dispose (GObject *object)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->undo_stack);
  g_clear_pointer (&self->rules_tree, dl_tree_unref);
  g_clear_pointer (&self->pending_rules, dl_tree_unref);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_DOWNLINE_VIEW);

  G_OBJECT_CLASS (dl_downline_view_parent_class)->dispose (object);
}

static void
dl_downline_view_finalize (GObject *object)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (object);

  g_free (self->matches);
  g_array_unref (self->match_list);
  g_clear_pointer (&self->periods, g_array_unref);

  G_OBJECT_CLASS (dl_downline_view_parent_class)->finalize (object);
}

static void
dl_downline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_store (DlDownlineView *self,
           DlStore        *store)
{
  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  dl_downline_table_set_store (self->table, store);
  if (store != NULL)
    {
      g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      dl_downline_view_reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
dl_downline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      set_store (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      g_set_object (&self->undo_stack, g_value_get_object (value));
      self->edit_undo = 0;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_downline_view_class_init (DlDownlineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_downline_view_dispose;
  object_class->finalize = dl_downline_view_finalize;
  object_class->get_property = dl_downline_view_get_property;
  object_class->set_property = dl_downline_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, DL_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DL_TYPE_TREE_CANVAS);
  g_type_ensure (DL_TYPE_DOWNLINE_TABLE);
  g_type_ensure (DL_TYPE_CADENCE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/downline/dl-downline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, stack);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, canvas);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, table);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, tree_tools_start);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, tree_tools_look);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, tree_tools_zoom);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, tree_tools_export);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, flap);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, tree_tools_menu);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, narrow_focus_up);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, breadcrumb);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, breadcrumb_row);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, colour_by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, tree_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, period_list);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, period_section);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, legend_area);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, highlight_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, match_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, match_detail_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, name_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, risk_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, reasons_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, facts_list);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, welcome_list);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, cadence_group);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, contacts_heading);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, past_box);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, past_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, log_heading);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, log_row);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, month_pill);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, month_pill_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, summary_entry);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, log_error_label);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, collapse_button);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, write_button);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, vcard_button);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_node_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_focus_root_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_close_details_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_colour_by_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tree_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_legend_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_highlight_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_log_contact_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mark_welcomed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cadence_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous_cb);

  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, start_offer);

  dl_downline_view_actions_class_init (widget_class);
}

static void
dl_downline_view_init (DlDownlineView *self)
{
  self->match_list = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->period = DL_PERIOD_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->legend_area, draw_legend_cb, self, NULL);

  /* A narrow window's menu of the drawing's tools: the colours and the
   * highlight as choices, bound to the drop-downs of a wide one. */
  {
    g_autoptr(GSimpleActionGroup) look = g_simple_action_group_new ();
    g_autoptr(GPropertyAction) colour_by = g_property_action_new ("colour-by", self->colour_by_dropdown, "selected");
    g_autoptr(GPropertyAction) highlight = g_property_action_new ("highlight", self->highlight_dropdown, "selected");
    g_autoptr(GPropertyAction) tree = g_property_action_new ("tree", self->tree_dropdown, "selected");
    g_autoptr(GPropertyAction) period = g_property_action_new ("period", self->period_dropdown, "selected");
    GtkPopover *menu = gtk_menu_button_get_popover (GTK_MENU_BUTTON (self->tree_tools_menu));

    g_action_map_add_action (G_ACTION_MAP (look), G_ACTION (colour_by));
    g_action_map_add_action (G_ACTION_MAP (look), G_ACTION (highlight));
    g_action_map_add_action (G_ACTION_MAP (look), G_ACTION (period));
    g_object_set_data_full (G_OBJECT (look), "tree", g_object_ref (tree), g_object_unref);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "look", G_ACTION_GROUP (look));
    self->look = look;   /* the widget holds the reference */

    self->menu_legend_area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
    gtk_drawing_area_set_content_width (self->menu_legend_area, 190);
    gtk_drawing_area_set_content_height (self->menu_legend_area, 200);
    gtk_drawing_area_set_draw_func (self->menu_legend_area, draw_legend_cb, self, NULL);
    gtk_widget_set_margin_start (GTK_WIDGET (self->menu_legend_area), 6);
    gtk_widget_set_margin_end (GTK_WIDGET (self->menu_legend_area), 6);
    gtk_widget_set_margin_bottom (GTK_WIDGET (self->menu_legend_area), 6);
    gtk_popover_menu_add_child (GTK_POPOVER_MENU (menu), GTK_WIDGET (self->menu_legend_area), "legend");
    g_signal_connect_object (menu, "show", G_CALLBACK (on_tools_menu_shown_cb), self, G_CONNECT_SWAPPED);
  }

  gtk_search_bar_set_key_capture_widget (self->search_bar, NULL);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  dl_downline_view_update_breadcrumb (self);
  g_signal_connect_object (dl_settings_get_default (), "changed",
                           G_CALLBACK (on_settings_changed_cb), self, 0);
  g_signal_connect_object (dl_clock_get_default (), "day-changed",
                           G_CALLBACK (on_rhythm_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ---- Public API ----------------------------------------------------- */

GtkWidget *
dl_downline_view_new (DlStore *store)
{
  return g_object_new (DL_TYPE_DOWNLINE_VIEW, "store", store, NULL);
}

DlStore *
dl_downline_view_get_store (DlDownlineView *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), NULL);

  return self->store;
}

DlTreeCanvas *
dl_downline_view_get_canvas (DlDownlineView *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), NULL);

  return self->canvas;
}

DlDownlineTable *
dl_downline_view_get_table (DlDownlineView *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), NULL);

  return self->table;
}

void
dl_downline_view_show_table (DlDownlineView *self,
                             gboolean        table)
{
  g_return_if_fail (DL_IS_DOWNLINE_VIEW (self));

  gtk_stack_set_visible_child_name (self->mode_stack, table ? "table" : "canvas");
}

gboolean
dl_downline_view_is_table (DlDownlineView *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), FALSE);

  return dl_downline_view_table_shown (self);
}

gboolean
dl_downline_view_is_loading (DlDownlineView *self)
{
  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), FALSE);

  return self->loading;
}

/* needle is already lower case. */
static gboolean
ascii_contains (const char *haystack,
                const char *needle)
{
  gsize n = strlen (needle);

  for (; *haystack != '\0'; haystack++)
    if (g_ascii_strncasecmp (haystack, needle, n) == 0)
      return TRUE;
  return n == 0;
}

guint
dl_downline_view_search (DlDownlineView *self,
                         const char     *text)
{
  DlTree *tree;
  g_autofree char *needle = NULL;
  guint n;

  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), 0);

  tree = dl_tree_canvas_get_tree (self->canvas);
  g_array_set_size (self->match_list, 0);
  self->match_cursor = 0;
  dl_tree_canvas_set_matches (self->canvas, NULL);
  g_clear_pointer (&self->matches, g_free);
  if (tree == NULL || text == NULL || *text == '\0')
    {
      update_match_label (self);
      return 0;
    }

  n = dl_tree_get_n_nodes (tree);
  needle = g_utf8_casefold (text, -1);
  self->matches = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const char *name = dl_tree_get_node (tree, i)->name;
      g_autofree char *folded = NULL;

      /* ASCII first: cheap, and most names are. */
      if (g_str_is_ascii (name) && g_str_is_ascii (needle))
        {
          if (!ascii_contains (name, needle))
            continue;
        }
      else
        {
          folded = g_utf8_casefold (name, -1);
          if (strstr (folded, needle) == NULL)
            continue;
        }
      self->matches[i] = 1;
      g_array_append_val (self->match_list, i);
    }
  dl_tree_canvas_set_matches (self->canvas, self->matches);
  if (self->match_list->len > 0)
    {
      guint first = g_array_index (self->match_list, guint32, 0);

      dl_tree_canvas_fly_to (self->canvas, first);
      dl_tree_canvas_select (self->canvas, first, FALSE);
    }
  update_match_label (self);
  return self->match_list->len;
}

void
dl_downline_view_show_person (DlDownlineView *self,
                              gint64          person_id)
{
  DlTree *tree;
  gint64 index;

  g_return_if_fail (DL_IS_DOWNLINE_VIEW (self));

  tree = dl_tree_canvas_get_tree (self->canvas);
  index = tree != NULL && !self->loading ? dl_tree_find (tree, person_id) : -1;
  /* someone who joined after the month drawn: the present has them */
  if (index < 0 && tree != NULL && !self->loading && self->period != DL_PERIOD_NONE)
    {
      self->keep_selected = person_id;
      self->reveal_kept = TRUE;
      gtk_drop_down_set_selected (self->period_dropdown, 0);
      return;
    }
  if (index < 0)
    {
      /* not loaded yet (or loading again): shown once the tree is there */
      self->keep_selected = person_id;
      self->reveal_kept = TRUE;
      return;
    }

  dl_tree_canvas_fly_to (self->canvas, index);
  dl_tree_canvas_select (self->canvas, index, FALSE);
  dl_downline_view_show_details (self);
  /* a member added, a deletion undone, someone shown from Today: their
   * details open, as the header promises, even when the pane was shut */
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

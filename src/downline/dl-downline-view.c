/* dl-downline-view.c — the Downline page: tree, search, details, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads the tree in a worker thread (a million members take about a
 * second), works out every member's risk and activity there too, then
 * hands both to the canvas.  The store's ::changed reloads, keeping the
 * selection and focus by person.
 */

#define G_LOG_DOMAIN "dl-downline-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "dl-cadence-group.h"
#include "dl-day.h"
#include "dl-store-periods.h"
#include "dl-store-figures.h"
#include "dl-downline-table.h"
#include "dl-downline-view.h"
#include "dl-member-edit-dialog.h"
#include "dl-store-delete.h"
#include "dl-store-downline.h"
#include "dl-tree-export.h"
#include "dl-clock.h"
#include "dl-settings.h"
#include "dl-today-actions.h"
#include "dl-undo-stack.h"

#define NONE DL_TREE_NO_PARENT

struct _DlDownlineView
{
  AdwBin        parent_instance;

  DlStore      *store;
  GCancellable *cancellable;
  DlUndoStack  *undo_stack;     /* the window's; NULL: nothing can be undone */
  guint64       edit_undo;      /* the last edit's entry there */
  gboolean      loading;
  gboolean      reload_again;
  gint64        load_started;    /* monotonic µs, for the debug log */
  GtkRevealer  *start_offer;     /* only the user: how to begin */
  gint64        keep_selected;   /* person ids to restore after a reload */
  gint64        keep_focus;
  gboolean      reveal_kept;     /* fly to keep_selected once loaded */
  guint         reload_source;
  gboolean      placement;       /* the placement tree is drawn */
  DlTree       *rules_tree;      /* the enrollment tree of the facts shown */
  DlTree       *pending_rules;   /* read, while the placement tree is read */
  GArray       *periods;         /* DlPeriod: the months with figures, oldest first */
  DlPeriod      period;          /* the month drawn; DL_PERIOD_NONE: the present */
  gboolean      filling_periods; /* update_periods sets the drop-down */

  guint8       *matches;
  GArray       *match_list;      /* guint32 */
  guint         match_cursor;

  /* template */
  GtkStack     *stack;
  GtkSpinner   *spinner;
  AdwStatusPage *empty_page;
  DlTreeCanvas *canvas;
  DlDownlineTable *table;
  GtkStack     *mode_stack;
  GtkWidget    *tree_tools_start;
  GtkWidget    *tree_tools_look;
  GtkWidget    *tree_tools_zoom;
  GtkWidget    *tree_tools_export;
  GtkWidget    *tree_tools_menu;  /* a narrow window's: zoom, colours, legend, export */
  GtkWidget    *narrow_focus_up;
  GtkDrawingArea *menu_legend_area;
  AdwFlap      *flap;
  GtkBox       *breadcrumb;
  GtkWidget    *breadcrumb_row;
  GtkDropDown  *colour_by_dropdown;
  GtkDropDown  *tree_dropdown;
  GtkDropDown  *period_dropdown;
  GtkStringList *period_list;
  GMenu        *period_section;  /* a narrow window's months */
  GSimpleActionGroup *look;      /* a narrow window's choices, bound to the drop-downs */
  GtkDrawingArea *legend_area;
  GtkDropDown  *highlight_dropdown;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel     *match_label;
  GtkLabel     *match_detail_label;
  GtkLabel     *name_label;
  GtkLabel     *risk_label;
  GtkLabel     *reasons_label;
  GtkListBox   *facts_list;
  GtkWidget    *welcome_list;
  DlCadenceGroup *cadence_group;
  gboolean      showing;         /* show_details fills the widgets in */
  GtkListBox   *contacts_list;
  GtkWidget    *contacts_heading;
  GtkWidget    *past_box;
  GtkLabel     *past_label;
  GtkWidget    *log_heading;
  GtkWidget    *log_row;
  GtkWidget    *edit_button;
  GtkWidget    *month_pill;
  GtkLabel     *month_pill_label;
  GtkDropDown  *kind_dropdown;
  GtkEntry     *summary_entry;
  GtkLabel     *log_error_label;
  GtkButton    *collapse_button;
  GtkButton    *write_button;
  GtkButton    *vcard_button;
};

G_DEFINE_FINAL_TYPE (DlDownlineView, dl_downline_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (DlDownlineView *self);
static DlDay tree_today (DlTree *tree);
static void show_toast (DlDownlineView *self,
                        const char     *text);
static gboolean table_shown (DlDownlineView *self);

/* ---- Loading -------------------------------------------------------- */

/* What the facts are worked out from, read on the main thread: the
 * check-in rhythm and the day from the app's one settings object and
 * clock, so the colours and details say what Today says. */
typedef struct
{
  DlTree    *tree;       /* the enrollment tree: the rules follow it */
  DlTree    *shown;      /* the tree drawn, when another (placement) */
  DlCadence  cadence;
  DlDay      today;
  DlDay      started_on;
} FactsJob;

static void
facts_job_free (gpointer data)
{
  FactsJob *job = data;

  dl_tree_unref (job->tree);
  g_clear_pointer (&job->shown, dl_tree_unref);
  g_free (job);
}

static void
compute_facts_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FactsJob *job = task_data;
  DlTreeFacts *facts = dl_tree_facts_new_full (job->tree, &job->cadence, job->today, job->started_on);

  if (job->shown != NULL)
    {
      DlTreeFacts *mapped = dl_tree_facts_new_mapped (job->shown, facts);

      dl_tree_facts_free (facts);
      facts = mapped;
    }
  g_task_return_pointer (task, facts, (GDestroyNotify) dl_tree_facts_free);
}

static void show_details (DlDownlineView *self);
static void show_month_state (DlDownlineView *self,
                              DlTree         *tree);

static void
restore_state (DlDownlineView *self,
               DlTree         *tree)
{
  gint64 focus = self->keep_focus > 0 ? dl_tree_find (tree, self->keep_focus) : -1;
  gint64 selected = self->keep_selected > 0 ? dl_tree_find (tree, self->keep_selected) : -1;

  if (focus >= 0)
    dl_tree_canvas_focus (self->canvas, focus);
  if (selected >= 0)
    dl_tree_canvas_select (self->canvas, selected, FALSE);
  if (selected >= 0 && self->reveal_kept)
    {
      dl_tree_canvas_fly_to (self->canvas, selected);
      show_details (self);
    }
  /* a contact logged or undone, a rhythm changed: the details say what
   * the store now says (the same member stays selected, so nothing else
   * would show them again) */
  else if (selected >= 0)
    show_details (self);
  self->reveal_kept = FALSE;
}

static void
facts_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DlDownlineView *self = user_data;
  FactsJob *job = g_task_get_task_data (G_TASK (result));
  DlTree *tree = job->shown != NULL ? job->shown : job->tree;
  DlTreeFacts *facts = g_task_propagate_pointer (G_TASK (result), NULL);
  gboolean details_open;

  if (facts == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      dl_tree_facts_free (facts);
      g_object_unref (self);
      return;
    }

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->rules_tree, dl_tree_unref);
  self->rules_tree = dl_tree_ref (job->tree);
  g_debug ("%u members loaded, scored and laid out in %.2f s", dl_tree_get_n_nodes (tree),
           (g_get_monotonic_time () - self->load_started) / 1e6);
  g_clear_pointer (&self->matches, g_free);
  g_array_set_size (self->match_list, 0);
  /* the new tree starts with nothing selected, which closes the
   * details; a change made in them (a rhythm, a welcome) must not */
  details_open = adw_flap_get_reveal_flap (self->flap);
  /* the table first: the canvas frees the facts the table reads, and a
   * same tree keeps its rows in both */
  dl_downline_table_set_tree (self->table, tree, facts);
  dl_tree_canvas_set_tree (self->canvas, tree, facts);
  restore_state (self, tree);
  show_month_state (self, tree);
  if (details_open && dl_tree_canvas_get_selected (self->canvas) >= 0)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->stack, dl_tree_get_n_nodes (tree) == 0 ? "empty" : "tree");
  gtk_revealer_set_reveal_child (self->start_offer, dl_tree_get_n_nodes (tree) == 1);
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      reload (self);
    }
  else if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    dl_downline_view_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_object_unref (self);
}

/* A tree that could not be read: the window reports a damaged file;
 * say it here too, in words, rather than show an empty tree. */
static void
show_load_error (DlDownlineView *self,
                 const GError   *error)
{
  g_autofree char *escaped = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  escaped = g_markup_escape_text (error->message, -1);
  g_debug ("Could not load the downline: %s", error->message);
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  adw_status_page_set_title (self->empty_page, _("Cannot Show Your Downline"));
  adw_status_page_set_description (self->empty_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Scores the members on rules (the enrollment tree) in a worker thread,
 * for drawing shown (the placement tree), or rules itself when NULL. */
static void
compute_facts (DlDownlineView *self,
               DlTree         *rules,
               DlTree         *shown)
{
  FactsJob *job = g_new0 (FactsJob, 1);
  GTask *task;

  job->tree = dl_tree_ref (rules);
  job->shown = shown != NULL ? dl_tree_ref (shown) : NULL;
  dl_settings_get_cadence (dl_settings_get_default (), &job->cadence);
  job->today = tree_today (rules);
  job->started_on = dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (self->store),
                                               dl_clock_get_today (dl_clock_get_default ()), FALSE);
  task = g_task_new (NULL, self->cancellable, facts_ready_cb, self);
  g_task_set_task_data (task, job, facts_job_free);
  g_task_run_in_thread (task, compute_facts_thread);
  g_object_unref (task);
}

static void
placement_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  DlDownlineView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = dl_store_load_tree_finish (DL_STORE (source), result, &error);
  g_autoptr(DlTree) rules = g_steal_pointer (&self->pending_rules);

  if (rules == NULL || (tree == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    {
      g_object_unref (self);
      return;
    }
  /* A placement tree that cannot be drawn (a loop through members no
   * export placed, who hang under their enrollers): the enrollment tree
   * instead, and why, rather than nothing. */
  if (tree == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The placement tree cannot be drawn: %s"), error->message);

      self->placement = FALSE;
      gtk_drop_down_set_selected (self->tree_dropdown, DL_TREE_KIND_ENROLLMENT);
      show_toast (self, text);
      compute_facts (self, rules, NULL);
      return;
    }
  compute_facts (self, rules, tree);   /* takes over the reference to self */
}

static void
tree_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DlDownlineView *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = dl_store_load_tree_finish (DL_STORE (source), result, &error);

  if (tree == NULL)
    {
      show_load_error (self, error);
      g_object_unref (self);
      return;
    }

  /* the placement tree, read now that the rules' tree is in hand */
  if (self->placement && !g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&self->pending_rules, dl_tree_unref);
      self->pending_rules = g_steal_pointer (&tree);
      dl_store_load_tree_as_of_async (self->store, DL_TREE_KIND_PLACEMENT, dl_tree_get_as_of (self->pending_rules),
                                      self->cancellable, placement_loaded_cb, self);
      return;
    }
  compute_facts (self, tree, NULL);   /* takes over the reference to self */
}

/* The day the colours and details of tree are worked out for: today,
 * or the last day of the month it was read as (never later than
 * today).  The tree's own month, not the drop-down's, which may have
 * moved on while it loaded. */
static DlDay
tree_today (DlTree *tree)
{
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  DlPeriod period = tree != NULL ? dl_tree_get_as_of (tree) : DL_PERIOD_NONE;

  if (period == DL_PERIOD_NONE)
    return today;
  return MIN (today, dl_period_last_day (period));
}

static char *
format_month (DlPeriod period)
{
  /* a month in the member's details and the month drop-down, e.g. "Nov 2026" */
  return dl_day_format_month (period / 12, period % 12 + 1);
}

/* The months whose exports were imported, for the month drop-down
 * (shown from the second): "Current", then the months newest first.
 * The month drawn stays chosen while it is still there. */
static void
update_periods (DlDownlineView *self)
{
  g_autoptr(GArray) periods = dl_store_get_periods (self->store, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gboolean shown = periods != NULL && periods->len >= 2;
  guint selected = 0;

  if (periods == NULL)
    periods = g_array_new (FALSE, FALSE, sizeof (DlPeriod));
  /* (an empty GArray's data may be NULL, which memcmp must not see) */
  if (self->periods != NULL && self->periods->len == periods->len
      && (periods->len == 0 || memcmp (self->periods->data, periods->data, periods->len * sizeof (DlPeriod)) == 0))
    return;

  g_menu_remove_all (self->period_section);
  if (shown)
    {
      g_autoptr(GMenu) months = g_menu_new ();

      /* Translators: the month drop-down's first choice: the downline as it is now */
      g_ptr_array_add (labels, g_strdup (C_("month", "Current")));
      g_menu_append (months, C_("month", "Current"), "look.period(uint32 0)");
      for (guint i = periods->len; i-- > 0;)
        {
          DlPeriod period = g_array_index (periods, DlPeriod, i);
          g_autofree char *action = g_strdup_printf ("look.period(uint32 %u)", labels->len);

          g_ptr_array_add (labels, format_month (period));
          g_menu_append (months, g_ptr_array_index (labels, labels->len - 1), action);
          if (period == self->period)
            selected = labels->len - 1;
        }
      g_menu_append_submenu (self->period_section, _("_Month"), G_MENU_MODEL (months));
    }
  g_ptr_array_add (labels, NULL);

  self->filling_periods = TRUE;
  gtk_string_list_splice (self->period_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->period_list)),
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->period_dropdown, selected);
  self->filling_periods = FALSE;
  if (selected == 0)
    self->period = DL_PERIOD_NONE;   /* that month's figures are gone */
  gtk_widget_set_visible (GTK_WIDGET (self->period_dropdown), shown);
  g_clear_pointer (&self->periods, g_array_unref);
  self->periods = g_steal_pointer (&periods);
}

static void
reload (DlDownlineView *self)
{
  gboolean has_placement;
  DlTree *old;

  if (self->store == NULL)
    return;
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }

  old = dl_tree_canvas_get_tree (self->canvas);
  if (old != NULL)
    {
      gint64 sel = dl_tree_canvas_get_selected (self->canvas);
      gint64 focus = dl_tree_canvas_get_focus (self->canvas);

      /* someone asked to be shown in the new tree (a member just added)
       * stays the one to select */
      if (!self->reveal_kept)
        self->keep_selected = sel >= 0 ? dl_tree_get_node (old, sel)->person_id : 0;
      self->keep_focus = focus >= 0 ? dl_tree_get_node (old, focus)->person_id : 0;
    }
  /* the switch shows once an export placed someone */
  has_placement = dl_store_has_placement (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->tree_dropdown), has_placement);
  if (!has_placement)
    g_action_map_remove_action (G_ACTION_MAP (self->look), "tree");
  else if (g_action_map_lookup_action (G_ACTION_MAP (self->look), "tree") == NULL)
    g_action_map_add_action (G_ACTION_MAP (self->look), g_object_get_data (G_OBJECT (self->look), "tree"));
  self->placement = gtk_widget_get_visible (GTK_WIDGET (self->tree_dropdown))
                    && gtk_drop_down_get_selected (self->tree_dropdown) == DL_TREE_KIND_PLACEMENT;
  update_periods (self);
  self->loading = TRUE;
  self->load_started = g_get_monotonic_time ();
  if (old == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      gtk_spinner_start (self->spinner);
    }
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  dl_store_load_tree_as_of_async (self->store, DL_TREE_KIND_ENROLLMENT, self->period,
                                  self->cancellable, tree_loaded_cb, g_object_ref (self));
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  DlDownlineView *self = user_data;

  self->reload_source = 0;
  reload (self);
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

/* ---- Details -------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_fact (GtkListBox *list,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Values come from the database: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
}

/* The fact row titled title, or NULL. */
static GtkWidget *
find_fact (GtkListBox *list,
           const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;
  return NULL;
}

/* The last twelve months' personal volume as a line, newest on the
 * right: the data is a GArray of DlMemberMonth on the drawing area. */
static void
draw_sparkline_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        data)
{
  GArray *months = data;
  GdkRGBA colour;
  double top = 0;
  gboolean started = FALSE;

  for (guint i = 0; i < months->len; i++)
    {
      double pv = g_array_index (months, DlMemberMonth, i).pv;

      if (!isnan (pv))
        top = MAX (top, pv);
    }
  if (months->len < 2 || top <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < months->len; i++)
    {
      double pv = g_array_index (months, DlMemberMonth, i).pv;
      double x = 1 + (width - 2) * (double) i / (months->len - 1);
      double y = height - 2 - (height - 4) * (isnan (pv) ? 0 : pv) / top;

      if (!started)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);
}

/* "On", "Off", or "On, next 12 Dec" when the export gave the date. */
static char *
format_autoship (const DlMemberBackOffice *office)
{
  g_autofree char *next = NULL;

  if (office->autoship < 0)
    return NULL;
  if (!office->autoship)
    return g_strdup (_("Off"));
  next = dl_day_format_day_month (office->next_autoship);
  if (next == NULL)
    return g_strdup (_("On"));
  /* Translators: an autoship that is on, and its next date: "On, next 12 Dec" */
  return g_strdup_printf (_("On, next %s"), next);
}

/* A day the back office gave, or no row when it gave none. */
static void
add_day_fact (GtkListBox *list,
              const char *title,
              DlDay       day)
{
  g_autofree char *text = dl_day_format_short (day);

  if (text != NULL)
    add_fact (list, title, text);
}

/* What the back office said of the member: the highest rank reached
 * beside the latest month's paid rank (commissions follow the paid one,
 * and the two differ in a slow month), volume with the last twelve
 * months as a line, autoship and its next date, the first and last
 * orders, and the changes of the last months in words. */
static void
add_back_office_facts (DlDownlineView *self,
                       gint64          person_id)
{
  /* the month drawn: its twelve months, and what the present knows
   * only where it was so by then */
  DlTree *drawn = dl_tree_canvas_get_tree (self->canvas);
  DlPeriod period = drawn != NULL ? dl_tree_get_as_of (drawn) : DL_PERIOD_NONE;
  g_autoptr(GArray) months = dl_store_get_member_months_until (self->store, person_id, period, 12, NULL);
  g_autoptr(GArray) events = dl_store_get_member_events (self->store, person_id, NULL);
  DlDay end = period != DL_PERIOD_NONE ? dl_period_last_day (period) : DL_DAY_NONE;
  g_auto(DlMemberBackOffice) office = { NULL, };
  const DlMemberMonth *latest = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *volume = NULL;
  g_autofree char *autoship = NULL;
  GtkWidget *row;
  GtkWidget *line;

  if (!dl_store_get_member_back_office (self->store, person_id, &office, NULL))
    return;
  add_fact (self->facts_list, _("Highest rank"), office.rank);

  if (months != NULL && months->len > 0)
    {
      latest = &g_array_index (months, DlMemberMonth, months->len - 1);
      when = format_month (latest->period);

      /* Translators: "Paid rank (Nov 2026)" */
      title = g_strdup_printf (_("Paid rank (%s)"), when);
      add_fact (self->facts_list, title, latest->paid_rank);

      {
        /* as the Table writes them */
        g_autofree char *pv = dl_volume_to_string (isnan (latest->pv) && !isnan (latest->gv) ? 0 : latest->pv);
        g_autofree char *gv = dl_volume_to_string (latest->gv);

        if (gv == NULL)
          /* Translators: personal volume, as the back office counts it */
          volume = pv != NULL ? g_strdup_printf (_("PV %s"), pv) : NULL;
        else
          /* Translators: personal and group volume */
          volume = g_strdup_printf (_("PV %s · GV %s"), pv, gv);
      }
      g_free (title);
      /* Translators: "Volume (Nov 2026)" */
      title = g_strdup_printf (_("Volume (%s)"), when);
      add_fact (self->facts_list, title, volume);
      row = gtk_widget_get_last_child (GTK_WIDGET (self->facts_list));
      line = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (line), 96);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (line), 24);
      gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (line, "dim-label");
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (line), draw_sparkline_cb,
                                      g_array_ref (months), (GDestroyNotify) g_array_unref);
      gtk_accessible_update_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Personal volume over the last twelve months"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), line);
    }

  /* the member's own autoship where the latest export gave it, else
   * the month's, as the tree has it; an older month's is that month's */
  if (end == DL_DAY_NONE)
    autoship = format_autoship (&office);
  if (autoship == NULL && latest != NULL && latest->autoship >= 0)
    autoship = g_strdup (latest->autoship ? _("On") : _("Off"));
  if (autoship != NULL || latest != NULL)
    add_fact (self->facts_list, _("Autoship"), autoship);
  if (end == DL_DAY_NONE || office.first_order <= end)
    add_day_fact (self->facts_list, _("First order"), office.first_order);
  if (end == DL_DAY_NONE || office.last_order <= end)
    add_day_fact (self->facts_list, _("Last order"), office.last_order);

  /* the changes of the last three months the exports cover, up to the
   * month drawn (newest first) */
  for (guint i = 0; latest != NULL && events != NULL && i < events->len; i++)
    {
      const DlMemberEvent *event = &g_array_index (events, DlMemberEvent, i);
      g_autofree char *text = NULL;

      if (event->period > latest->period)
        continue;
      if (event->period <= latest->period - 3)
        break;
      text = dl_event_describe (event->type, event->period);
      add_fact (self->facts_list, _("Changed"), text);
    }
}

static char *
format_day (DlDay day)
{
  char *text = dl_day_format_short (day);

  return text != NULL ? text : g_strdup (_("Never"));
}

static char *
format_days_ago (DlDay day,
                 DlDay today)
{
  g_autofree char *date = format_day (day);
  gint64 ago;

  if (day == DL_DAY_NONE)
    return g_steal_pointer (&date);
  ago = (gint64) today - day;
  if (ago == 0)
    return g_strdup_printf (_("%s (today)"), date);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", ago),
                          date, (int) ago);
}

static GtkWidget *
create_contact_row_cb (gpointer item,
                       gpointer user_data)
{
  DlInteraction *interaction = item;
  GtkWidget *row = adw_action_row_new ();
  static const char *kinds[] = { N_("Call"), N_("Meeting"), N_("Email"), N_("Message"), N_("Letter"), N_("Note") };
  DlContactKind kind = dl_interaction_get_kind (interaction);
  g_autofree char *when = dl_day_format_moment (dl_interaction_get_at (interaction));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", kind < G_N_ELEMENTS (kinds) ? _(kinds[kind]) : "", when);
  const char *summary = dl_interaction_get_summary (interaction);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary != NULL && *summary ? summary : _("(no notes)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The enrollment tree and the index there of the member at sel of the
 * tree drawn: risk, check-ins and welcomes follow who enrolled whom,
 * whichever tree is drawn. */
static DlTree *
rules_node (DlDownlineView *self,
            DlTree         *tree,
            guint           sel,
            guint          *index)
{
  gint64 r;

  *index = sel;
  if (self->rules_tree == NULL || self->rules_tree == tree)
    return tree;
  r = dl_tree_find (self->rules_tree, dl_tree_get_node (tree, sel)->person_id);
  if (r < 0)
    return tree;
  *index = (guint) r;
  return self->rules_tree;
}

/* Whether the member at sel is still owed a welcome: the same "not
 * welcomed yet" as Today's welcomes and Letters', for the details and
 * the edit dialog. */
static gboolean
needs_welcome (DlDownlineView *self,
               DlTree         *tree,
               guint           sel,
               DlDay           today)
{
  DlDay started_on = dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (self->store),
                                                today, FALSE);
  guint r;

  tree = rules_node (self, tree, sel, &r);
  return dl_rules_needs_welcome (tree, r, started_on, today);
}

/* Whether they were welcomed, and their own check-in interval; neither
 * for the user nor for someone who dropped out. */
static void
show_rhythm (DlDownlineView  *self,
             DlTree          *tree,
             guint            sel,
             const DlCadence *cadence,
             DlDay            today)
{
  const DlTreeNode *node = dl_tree_get_node (tree, sel);
  guint r;
  DlTree *rules = rules_node (self, tree, sel, &r);

  if (self->store == NULL || dl_tree_get_root (tree) == (gint64) sel || node->status == DL_MEMBER_DROPPED)
    return;

  gtk_widget_set_visible (self->welcome_list, needs_welcome (self, tree, sel, today));

  self->showing = TRUE;
  dl_cadence_group_set_default_days (self->cadence_group, dl_rules_default_cadence_days (rules, r, cadence));
  dl_cadence_group_set_days (self->cadence_group, node->cadence_override);
  self->showing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_group), TRUE);
}

/* A link row's way to its member: kept apart from the row, which goes
 * when the details show that member. */
typedef struct
{
  DlDownlineView *self;
  gint64          person_id;
  char           *title;     /* the link's, to find it again there */
} MemberLink;

static void
member_link_free (gpointer data)
{
  MemberLink *link = data;

  g_object_unref (link->self);
  g_free (link->title);
  g_free (link);
}

/* Selects the member and flies to them, as a search match is; their
 * details replace these, with the keyboard on the same link, so Enter
 * again goes one more step up. */
static gboolean
follow_member_link_cb (gpointer data)
{
  MemberLink *link = data;
  DlDownlineView *self = link->self;
  DlTree *tree = self->canvas != NULL ? dl_tree_canvas_get_tree (self->canvas) : NULL;
  gint64 index = tree != NULL ? dl_tree_find (tree, link->person_id) : -1;
  GtkWidget *row;

  if (index < 0)
    return G_SOURCE_REMOVE;
  dl_tree_canvas_fly_to (self->canvas, index);
  dl_tree_canvas_select (self->canvas, index, FALSE);
  /* the selection shows the details of an open pane by itself */
  if (!adw_flap_get_reveal_flap (self->flap))
    {
      show_details (self);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  row = find_fact (self->facts_list, link->title);
  if (row != NULL && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
    gtk_widget_grab_focus (row);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->facts_list));
  return G_SOURCE_REMOVE;
}

static void
on_member_link_activated_cb (AdwActionRow   *row,
                             DlDownlineView *self)
{
  MemberLink *link = g_new0 (MemberLink, 1);

  link->self = g_object_ref (self);
  link->person_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "person-id");
  link->title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  /* not from inside the row's own signal: showing the member's details
   * removes it */
  g_idle_add_full (G_PRIORITY_DEFAULT, follow_member_link_cb, link, member_link_free);
}

/* A fact that names another member of the tree drawn: a row to click
 * (or Enter) that goes to them.  Plain, as add_fact's, when person_id is
 * 0 or not in the tree. */
static void
add_member_link (DlDownlineView *self,
                 DlTree         *tree,
                 const char     *title,
                 const char     *text,
                 gint64          person_id)
{
  GtkWidget *row;
  g_autofree char *tooltip = NULL;

  add_fact (self->facts_list, title, text);
  if (person_id == 0 || dl_tree_find (tree, person_id) < 0)
    return;

  row = gtk_widget_get_last_child (GTK_WIDGET (self->facts_list));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  /* Translators: the tooltip of a member's sponsor or placement parent
   * in the details, e.g. "Show Ana Ruiz in your downline" */
  tooltip = g_strdup_printf (_("Show %s in your downline"), text);
  gtk_widget_set_tooltip_text (row, tooltip);
  g_object_set_data_full (G_OBJECT (row), "person-id", g_memdup2 (&person_id, sizeof person_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_member_link_activated_cb), self, 0);
}

/* Where the company placed the member, when an export said: the
 * placement parent's name and the side of a binary plan, as a link to
 * the parent. */
static void
add_placement_fact (DlDownlineView *self,
                    DlTree         *tree,
                    guint           sel,
                    DlTree         *rules)
{
  gint64 person_id = dl_tree_get_node (tree, sel)->person_id;
  g_autofree char *text = NULL;
  const char *parent_name = NULL;
  gint64 parent_id = 0;
  gint64 parent;
  DlSide side = DL_SIDE_NONE;

  if (self->store == NULL || !dl_store_get_placement (self->store, person_id, &parent_id, &side))
    return;

  parent = parent_id != 0 ? dl_tree_find (rules, parent_id) : -1;
  if (parent >= 0)
    parent_name = dl_tree_get_node (rules, parent)->name;
  if (parent_name == NULL)
    parent_name = _("Not in your downline");

  if (side == DL_SIDE_LEFT)
    /* Translators: where a member was placed: "Ana Ruiz, left leg" */
    text = g_strdup_printf (_("%s, left leg"), parent_name);
  else if (side == DL_SIDE_RIGHT)
    text = g_strdup_printf (_("%s, right leg"), parent_name);
  else
    text = g_strdup (parent_name);
  add_member_link (self, tree, _("Placed under"), text, parent >= 0 ? parent_id : 0);
}

/* An older month's details end with that month: contacts logged after
 * it were not part of it. */
static gboolean
contact_before_cb (gpointer item,
                   gpointer user_data)
{
  GDateTime *at = dl_interaction_get_at (DL_INTERACTION (item));

  return at != NULL && dl_day_from_date_time (at) <= GPOINTER_TO_INT (user_data);
}

/* An older month is a record: it is read, not changed.  Logging a
 * contact, the rhythm, a welcome and editing are the present's; the
 * details say so and offer the way back. */
static void
show_month_state (DlDownlineView *self,
                  DlTree         *tree)
{
  DlPeriod period = tree != NULL ? dl_tree_get_as_of (tree) : DL_PERIOD_NONE;
  gboolean past = period != DL_PERIOD_NONE;

  gtk_widget_set_visible (self->past_box, past);
  gtk_widget_set_visible (self->month_pill, past);
  gtk_widget_set_visible (self->log_heading, !past);
  gtk_widget_set_visible (self->log_row, !past);
  gtk_widget_set_sensitive (self->edit_button, !past);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downline.edit-selected", !past);
  if (past)
    {
      g_autofree char *month = format_month (period);
      /* Translators: %s is a month, "October 2026" */
      g_autofree char *text = g_strdup_printf (_("This is %s as your back office reported it. "
                                                 "To log a contact or change this member, show the current month."),
                                               month);
      /* Translators: %s is a month, "October 2026" */
      g_autofree char *heading = g_strdup_printf (_("Contacts Until %s"), month);

      /* Translators: over the tree while an older month is drawn; %s is "October 2026" */
      g_autofree char *pill = g_strdup_printf (_("%s, as your back office exported it"), month);

      gtk_label_set_text (self->past_label, text);
      gtk_label_set_text (self->month_pill_label, pill);
      gtk_label_set_text (GTK_LABEL (self->contacts_heading), heading);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->contacts_heading), _("Recent Contacts"));
}

static void
show_details (DlDownlineView *self)
{
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);
  const DlTreeFacts *facts = dl_tree_canvas_get_facts (self->canvas);
  const DlTreeNode *node;
  const DlTreeNode *enrolled;     /* the same member in the enrollment tree */
  DlTree *rules;
  guint rsel;
  g_autoptr(DlRisk) risk = NULL;
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autofree char *text = NULL;
  DlDay today = tree_today (tree);
  DlCadence cadence;
  DlDueItem due;

  dl_settings_get_cadence (dl_settings_get_default (), &cadence);

  clear_list (self->facts_list);
  gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->log_error_label), FALSE);
  gtk_widget_set_visible (self->welcome_list, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_group), FALSE);
  show_month_state (self, tree);
  if (tree == NULL || sel < 0)
    return;
  if (dl_tree_get_as_of (tree) == DL_PERIOD_NONE)
    show_rhythm (self, tree, sel, &cadence, today);

  node = dl_tree_get_node (tree, sel);
  rules = rules_node (self, tree, sel, &rsel);
  enrolled = dl_tree_get_node (rules, rsel);
  gtk_label_set_text (self->name_label, node->name);

  if (facts->risk_band[sel] == DL_RISK_DROPPED)
    gtk_label_set_text (self->risk_label, _("Dropped out"));
  else if (node->parent == NONE && node->level == 0 && dl_tree_get_root (tree) == sel)
    gtk_label_set_text (self->risk_label, _("You"));
  else
    {
      risk = dl_rules_risk (rules, rsel, &cadence, today);
      text = g_strdup_printf (_("%s: %u of 100"), dl_colour_by_class_name (DL_COLOUR_BY_RISK, risk->band), risk->score);
      gtk_label_set_text (self->risk_label, text);
      for (guint k = 0; k < risk->reasons->len; k++)
        {
          DlRiskReason *r = &g_array_index (risk->reasons, DlRiskReason, k);

          g_string_append_printf (reasons, "%s• %s (+%u)", k ? "\n" : "", r->sentence, r->points);
        }
      if (risk->reasons->len == 0)
        g_string_append (reasons, _("Nothing points to a dropout."));
      /* which score this is: Preferences ▸ Dropout Risk says how well it does */
      g_string_append_c (reasons, '\n');
      g_string_append (reasons, risk->learned
                       ? _("Learned from who left your team before.")
                       : _("The field’s rules of thumb, until your monthly exports teach it more."));
    }
  gtk_label_set_text (self->reasons_label, reasons->str);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_label), reasons->len > 0);

  add_fact (self->facts_list, _("Status"),
            dl_member_status_get_label (node->status));
  add_fact (self->facts_list, _("Activity"),
            dl_colour_by_class_name (DL_COLOUR_BY_ACTIVITY, facts->activity[sel]));
  /* who enrolled them, whichever tree is drawn */
  add_member_link (self, tree, _("Sponsor"),
                   enrolled->parent != NONE ? dl_tree_get_node (rules, enrolled->parent)->name
                   : (enrolled->sponsor_id != 0 ? _("Not in your downline (no sponsor)") : NULL),
                   enrolled->parent != NONE ? dl_tree_get_node (rules, enrolled->parent)->person_id : 0);
  add_placement_fact (self, tree, sel, rules);
  g_free (text);
  text = g_strdup_printf ("%u", enrolled->level);
  add_fact (self->facts_list, _("Level"), text);
  g_free (text);
  text = g_strdup_printf ("%u", enrolled->n_children);
  add_fact (self->facts_list, _("Personal recruits"), text);
  g_free (text);
  text = g_strdup_printf ("%u", enrolled->subtree_size - 1);
  add_fact (self->facts_list, _("Downline size"), text);
  if (tree != rules)
    {
      g_free (text);
      text = g_strdup_printf ("%u", node->subtree_size - 1);
      add_fact (self->facts_list, _("Placed below them"), text);
    }
  g_free (text);
  text = format_days_ago (node->last_contact, today);
  add_fact (self->facts_list, _("Last contact"), text);
  g_free (text);
  text = dl_rules_member_due (rules, rsel, &cadence, today, &due) ? format_day (due.due_on)
         : g_strdup (_("Not yours to check in with"));
  add_fact (self->facts_list, _("Next check-in"), text);
  g_free (text);
  text = format_day (node->joined_on);
  add_fact (self->facts_list, _("Joined"), text);

  member = self->store != NULL ? dl_store_get_member (self->store, node->person_id) : NULL;
  if (member != NULL)
    {
      DlPerson *person = dl_member_get_person (member);

      add_fact (self->facts_list, _("Member number"), dl_member_get_member_number (member));
      add_back_office_facts (self, node->person_id);
      if (person != NULL)
        {
          add_fact (self->facts_list, _("Email"), dl_person_get_email (person));
          add_fact (self->facts_list, _("Phone"), dl_person_get_phone (person));
          add_fact (self->facts_list, _("City"), dl_person_get_city (person));
        }
    }
  if (self->store != NULL)
    {
      g_autoptr(GListModel) log = dl_store_get_interactions (self->store, node->person_id);

      if (dl_tree_get_as_of (tree) != DL_PERIOD_NONE)
        {
          GtkCustomFilter *until = gtk_custom_filter_new (contact_before_cb,
                                                          GINT_TO_POINTER (dl_period_last_day (dl_tree_get_as_of (tree))),
                                                          NULL);

          log = G_LIST_MODEL (gtk_filter_list_model_new (g_steal_pointer (&log), GTK_FILTER (until)));
        }
      gtk_list_box_bind_model (self->contacts_list, log, create_contact_row_cb, NULL, NULL);
    }
  gtk_button_set_label (self->collapse_button,
                        dl_layout_is_collapsed (dl_tree_canvas_get_layout (self->canvas), sel)
                        ? _("_Unfold Group") : _("_Fold Group"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->collapse_button), node->n_children > 0);

  /* The actions act on this member's person id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->write_button), "x", node->person_id);
  gtk_widget_set_visible (GTK_WIDGET (self->write_button), dl_tree_get_root (tree) != sel);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->vcard_button),
                                          g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                                     &node->person_id, 1,
                                                                     sizeof (gint64)));
}

static void
update_breadcrumb (DlDownlineView *self)
{
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 focus = dl_tree_canvas_get_focus (self->canvas);
  GtkWidget *child;
  GPtrArray *chain = g_ptr_array_new ();
  GtkWidget *button;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->breadcrumb))) != NULL)
    gtk_box_remove (self->breadcrumb, child);

  button = gtk_button_new_with_label (_("Everyone"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "downline.focus-index");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64) -1);
  gtk_box_append (self->breadcrumb, button);

  if (tree != NULL && focus >= 0)
    for (guint a = focus; a != NONE; a = dl_tree_get_node (tree, a)->parent)
      g_ptr_array_add (chain, GUINT_TO_POINTER (a));
  /* the whole tree needs no path, and the table has its own */
  gtk_widget_set_visible (self->breadcrumb_row, chain->len > 0 && !table_shown (self));

  for (guint k = chain->len; k-- > 0;)
    {
      guint a = GPOINTER_TO_UINT (g_ptr_array_index (chain, k));
      GtkWidget *label;

      /* Long chains: the first two and the last four steps. */
      if (chain->len > 6 && k < chain->len - 2 && k > 3)
        {
          if (k == chain->len - 3)
            gtk_box_append (self->breadcrumb, gtk_label_new ("› …"));
          continue;
        }
      gtk_box_append (self->breadcrumb, gtk_label_new ("›"));
      label = gtk_label_new (dl_tree_get_node (tree, a)->name);
      /* shortened in the middle, and never to a bare "…": a narrow
       * toolbar used to leave "Everyone › … › …" */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_width_chars (GTK_LABEL (label),
                                 MIN ((int) g_utf8_strlen (dl_tree_get_node (tree, a)->name, -1), 8));
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "downline.focus-index");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64) a);
      gtk_box_append (self->breadcrumb, button);
    }
  g_ptr_array_unref (chain);
}

/* T: between the tree and the table, the selection kept (the table is
 * how a screen reader reads the downline). */
static void
toggle_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  gboolean table = g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "table") != 0;

  dl_downline_view_show_table (self, table);
  /* into the rows, not onto the filter above them */
  if (table)
    dl_downline_table_focus_rows (self->table);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* ---- Callbacks ------------------------------------------------------ */

static gboolean
table_shown (DlDownlineView *self)
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
      show_details (self);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
}

static void
on_mode_changed_cb (GtkStack       *stack,
                    GParamSpec     *pspec,
                    DlDownlineView *self)
{
  gboolean table = table_shown (self);

  /* The selection is shared: the table opens onto the canvas's member. */
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
  update_breadcrumb (self);
}

static void
on_selected_changed_cb (DlTreeCanvas   *canvas,
                        GParamSpec     *pspec,
                        DlDownlineView *self)
{
  gint64 sel = dl_tree_canvas_get_selected (canvas);

  if (table_shown (self))
    dl_downline_table_select (self->table, sel);

  if (sel < 0)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else if (adw_flap_get_reveal_flap (self->flap))
    show_details (self);
}

static void
on_node_activated_cb (DlTreeCanvas   *canvas,
                      guint64         index,
                      DlDownlineView *self)
{
  show_details (self);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (canvas));
}

static void
on_focus_root_changed_cb (DlTreeCanvas   *canvas,
                          GParamSpec     *pspec,
                          DlDownlineView *self)
{
  update_breadcrumb (self);
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
  reload (self);
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
  reload (self);
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

/* ---- Export and print ----------------------------------------------- */

typedef struct
{
  DlDownlineView *self;
  gboolean        whole;
} ExportJob;

/* In the window's toasts; on stderr when the view is in no window. */
static void
show_toast (DlDownlineView *self,
            const char     *text)
{
  if (self->undo_stack != NULL)
    dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_NORMAL, text);
  else
    g_message ("%s", text);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ExportJob       *job)
{
  DlDownlineView *self = job->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!dl_downline_view_export_to_file (self, job->whole, file, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          show_toast (self, text);
        }
    }
  g_object_unref (dialog);
  g_object_unref (job->self);
  g_free (job);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  ExportJob *job;

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Downline"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("downline.pdf"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF, SVG or PNG"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->whole = g_str_equal (action_name, "downline.export-tree");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 DlDownlineView    *self)
{
  DlRenderView view;

  dl_tree_canvas_get_view (self->canvas, &view);
  view.dark = FALSE;
  dl_tree_export_draw_fit (gtk_print_context_get_cairo_context (context), &view,
                           gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
}

GtkPrintOperationResult
dl_downline_view_print (DlDownlineView          *self,
                        GtkPrintOperationAction  action,
                        const char              *export_filename,
                        GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    {
      g_set_error_literal (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                           _("There is no downline to print yet."));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Downline"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    return;
  if (dl_downline_view_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_toast (self, error->message);
}

gboolean
dl_downline_view_export_to_file (DlDownlineView  *self,
                                 gboolean         whole,
                                 GFile           *file,
                                 GError         **error)
{
  g_autofree char *path = NULL;
  DlRenderView view;

  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no downline to export yet."));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a file on this computer to export to."));
      return FALSE;
    }
  dl_tree_canvas_get_view (self->canvas, &view);
  return dl_tree_export_to_file (&view, whole, path, error);
}

/* ---- Actions -------------------------------------------------------- */

typedef struct
{
  DlStore  *store;
  DlPerson *person;
  DlMember *member;
  DlTodayUndo *welcome;   /* the welcome the edit logged, or NULL */
} EditUndo;

static void
edit_undo_free (gpointer data)
{
  EditUndo *undo = data;

  g_object_unref (undo->store);
  g_object_unref (undo->person);
  g_object_unref (undo->member);
  g_clear_pointer (&undo->welcome, dl_today_undo_free);
  g_free (undo);
}

static gboolean
edit_undo_cb (gpointer   data,
              GError   **error)
{
  EditUndo *undo = data;

  /* the dialog saves the member's own interval beside the rest, and
   * may have logged their welcome */
  return dl_store_save_member_edit (undo->store, undo->person, undo->member, error)
         && dl_store_set_member_cadence (undo->store, dl_member_get_id (undo->member),
                                         dl_member_get_cadence_days (undo->member), error)
         && (undo->welcome == NULL || dl_today_undo (undo->store, undo->welcome, error));
}

static void
on_member_saved_cb (DlMemberEditDialog *dialog,
                    DlPerson           *before_person,
                    DlMember           *before_member,
                    DlDownlineView     *self)
{
  g_autofree char *text = NULL;
  EditUndo *undo;

  if (self->undo_stack == NULL || self->store == NULL)
    return;

  /* Translators: a member's name */
  text = g_strdup_printf (_("Saved the changes to %s"), dl_person_get_name (before_person));
  /* the undo of an earlier edit would write its copies over this one */
  if (self->edit_undo != 0)
    dl_undo_stack_drop (self->undo_stack, self->edit_undo);
  undo = g_new0 (EditUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->person = g_object_ref (before_person);
  undo->member = g_object_ref (before_member);
  undo->welcome = dl_member_edit_dialog_steal_logged_welcome (dialog);
  self->edit_undo = dl_undo_stack_push (self->undo_stack, text, edit_undo_cb, undo, edit_undo_free);
}

typedef struct
{
  DlStore         *store;
  DlDeletedPerson *deleted;
  DlDownlineView  *view;   /* weak */
} DeleteUndo;

static void
delete_undo_free (gpointer data)
{
  DeleteUndo *undo = data;

  g_object_unref (undo->store);
  dl_deleted_person_unref (undo->deleted);
  g_clear_weak_pointer (&undo->view);
  g_free (undo);
}

static gboolean
delete_undo_cb (gpointer   data,
                GError   **error)
{
  DeleteUndo *undo = data;
  gint64 id = dl_store_restore_deleted (undo->store, undo->deleted, error);

  /* back where they were, selected as when they were deleted */
  if (id != 0 && undo->view != NULL)
    dl_downline_view_show_person (undo->view, id);
  return id != 0;
}

static void
on_member_deleted_cb (DlMemberEditDialog *dialog,
                      DlDeletedPerson    *deleted,
                      DlDownlineView     *self)
{
  g_autofree char *text = NULL;
  DeleteUndo *undo;

  if (self->undo_stack == NULL || self->store == NULL)
    return;
  /* an earlier edit's undo would write a member who is gone */
  if (self->edit_undo != 0)
    dl_undo_stack_drop (self->undo_stack, self->edit_undo);
  self->edit_undo = 0;

  /* Translators: a member's name */
  text = g_strdup_printf (_("Deleted %s"), dl_deleted_person_get_name (deleted));
  undo = g_new0 (DeleteUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->deleted = dl_deleted_person_ref (deleted);
  g_set_weak_pointer (&undo->view, self);
  dl_undo_stack_push (self->undo_stack, text, delete_undo_cb, undo, delete_undo_free);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);
  DlMemberEditDialog *dialog;
  DlCadence cadence;
  DlTree *rules;
  guint r;

  if (tree == NULL || sel < 0 || self->store == NULL)
    return;
  rules = rules_node (self, tree, sel, &r);
  dialog = dl_member_edit_dialog_new (self->store, dl_tree_get_node (tree, sel)->person_id);
  if (dialog == NULL)
    return;
  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  dl_member_edit_dialog_set_default_cadence (dialog, dl_rules_default_cadence_days (rules, r, &cadence));
  if (dl_tree_get_root (tree) != sel)
    dl_member_edit_dialog_set_needs_welcome (dialog, needs_welcome (self, tree, sel,
                                                                    dl_clock_get_today (dl_clock_get_default ())));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_member_saved_cb), self, 0);
  g_signal_connect_object (dialog, "deleted", G_CALLBACK (on_member_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  DlStore *store;
  gint64   person_id;
} AddUndo;

static void
add_undo_free (gpointer data)
{
  AddUndo *undo = data;

  g_object_unref (undo->store);
  g_free (undo);
}

static gboolean
add_undo_cb (gpointer   data,
             GError   **error)
{
  AddUndo *undo = data;

  return dl_store_delete_person (undo->store, undo->person_id, error);
}

static void
on_member_added_cb (DlMemberEditDialog *dialog,
                    DlMember           *member,
                    DlDownlineView     *self)
{
  g_autofree char *text = NULL;
  AddUndo *undo;

  /* shown selected, with their details, once the tree has them */
  dl_downline_view_show_person (self, dl_member_get_id (member));
  if (self->undo_stack == NULL || self->store == NULL)
    return;

  /* Translators: a member's name */
  text = g_strdup_printf (_("Added %s"), dl_person_get_name (dl_member_get_person (member)));
  undo = g_new0 (AddUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->person_id = dl_member_get_id (member);
  dl_undo_stack_push (self->undo_stack, text, add_undo_cb, undo, add_undo_free);
}

/* Someone who signed up in the back office directly: under the selected
 * member, or under the user when nobody is selected. */
static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = tree != NULL ? dl_tree_canvas_get_selected (self->canvas) : -1;
  DlMemberEditDialog *dialog;

  if (self->store == NULL || dl_store_get_user_id (self->store) == 0)
    return;
  dialog = dl_member_edit_dialog_new_for_add (self->store, sel >= 0 ? dl_tree_get_node (tree, sel)->person_id : 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_member_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);

  if (g_str_equal (action_name, "downline.zoom-in"))
    dl_tree_canvas_zoom_by (self->canvas, 1.25);
  else if (g_str_equal (action_name, "downline.zoom-out"))
    dl_tree_canvas_zoom_by (self->canvas, 0.8);
  else
    dl_tree_canvas_zoom_to_fit (self->canvas);
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 focus = dl_tree_canvas_get_focus (self->canvas);

  if (tree == NULL)
    return;
  if (g_str_equal (action_name, "downline.focus-selected"))
    {
      gint64 sel = dl_tree_canvas_get_selected (self->canvas);

      if (sel >= 0)
        dl_tree_canvas_focus (self->canvas, sel);
    }
  else if (g_str_equal (action_name, "downline.focus-up"))
    {
      if (focus >= 0)
        {
          guint32 parent = dl_tree_get_node (tree, focus)->parent;

          dl_tree_canvas_focus (self->canvas, parent == NONE ? -1 : (gint64) parent);
        }
    }
  else
    dl_tree_canvas_focus (self->canvas, g_variant_get_int64 (parameter));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
toggle_collapsed_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);

  if (sel < 0)
    return;
  dl_tree_canvas_toggle_collapsed (self->canvas, sel);
  if (adw_flap_get_reveal_flap (self->flap))
    show_details (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
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
      reload (self);
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

  gtk_widget_class_install_action (widget_class, "downline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "downline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "downline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "downline.focus-up", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "downline.focus-selected", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "downline.focus-index", "x", focus_action);
  gtk_widget_class_install_action (widget_class, "downline.toggle-collapsed", NULL, toggle_collapsed_action);
  gtk_widget_class_install_action (widget_class, "downline.export-view", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "downline.export-tree", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "downline.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "downline.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "downline.edit-selected", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "downline.add-member", NULL, add_member_action);
  gtk_widget_class_bind_template_child (widget_class, DlDownlineView, start_offer);
  gtk_widget_class_install_action (widget_class, "downline.toggle-table", NULL, toggle_table_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "downline.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "downline.focus-up", NULL);
  /* as the Up button's tooltip says; a text field takes its own first */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "downline.focus-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "downline.focus-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "downline.edit-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "downline.toggle-table", NULL);
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
  update_breadcrumb (self);
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

  return table_shown (self);
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
  show_details (self);
}

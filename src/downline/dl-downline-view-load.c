/* dl-downline-view-load.c — the Downline view's loading: the tree read
 * in a worker, every member's facts worked out there too, the months
 * with figures, and reloading when the store or the rhythm changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-downline-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-day.h"
#include "dl-downline-view-private.h"
#include "dl-clock.h"
#include "dl-settings.h"

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
  gboolean   lay_out;    /* the canvas's first tree: its layout made here too */
  DlLayout  *layout;
  DlTree    *before;     /* the tree the canvas shows, or NULL */
  DlTreeEdit edit;       /* what the new one is of it, when found */
  gboolean   edited;
} FactsJob;

static void
facts_job_free (gpointer data)
{
  FactsJob *job = data;

  dl_tree_unref (job->tree);
  g_clear_pointer (&job->shown, dl_tree_unref);
  g_clear_pointer (&job->before, dl_tree_unref);
  g_clear_pointer (&job->layout, dl_layout_free);
  g_free (job);
}

static gpointer
first_layout_thread (gpointer data)
{
  return dl_tree_canvas_first_layout (data);
}

static void
compute_facts_thread (GTask        *task,
                      gpointer      source,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FactsJob *job = task_data;
  GThread *layout_thread = NULL;
  DlTreeFacts *facts;

  /* A first tree is laid out beside its facts, on the other core: at a
   * million members each takes a tenth of a second or more, which the
   * window's thread spent after the facts. */
  if (job->lay_out)
    layout_thread = g_thread_try_new ("dl-first-layout", first_layout_thread,
                                      job->shown != NULL ? job->shown : job->tree, NULL);
  facts = dl_tree_facts_new_full (job->tree, &job->cadence, job->today, job->started_on);

  if (job->shown != NULL)
    {
      DlTreeFacts *mapped = dl_tree_facts_new_mapped (job->shown, facts);

      dl_tree_facts_free (facts);
      facts = mapped;
    }
  /* one member added, removed or moved since the tree drawn: the
   * canvas's layout follows the edit instead of laying out again */
  if (job->before != NULL)
    job->edited = dl_tree_edit_find (job->before, job->shown != NULL ? job->shown : job->tree, &job->edit);
  if (layout_thread != NULL)
    job->layout = g_thread_join (layout_thread);
  else if (job->lay_out)
    job->layout = dl_tree_canvas_first_layout (job->shown != NULL ? job->shown : job->tree);
  g_task_return_pointer (task, facts, (GDestroyNotify) dl_tree_facts_free);
}

static void
restore_state (DlDownlineView *self,
               DlTree         *tree)
{
  gint64 focus = self->keep_focus > 0 ? dl_tree_find (tree, self->keep_focus) : -1;
  gint64 selected = self->keep_selected > 0 ? dl_tree_find (tree, self->keep_selected) : -1;

  /* a layout that followed an edit is still on the member focused */
  if (focus >= 0 && dl_tree_canvas_get_focus (self->canvas) != focus)
    dl_tree_canvas_focus (self->canvas, focus);
  if (selected >= 0)
    dl_tree_canvas_select (self->canvas, selected, FALSE);
  if (selected >= 0 && self->reveal_kept)
    {
      dl_tree_canvas_fly_to (self->canvas, selected);
      dl_downline_view_show_details (self);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  /* a contact logged or undone, a rhythm changed: the details say what
   * the store now says (the same member stays selected, so nothing else
   * would show them again) */
  else if (selected >= 0)
    dl_downline_view_show_details (self);
  /* someone to show who is not in this tree, with a newer one to come
   * (a member added while this one was read): shown in that */
  if (selected >= 0 || (!self->reload_again && self->reload_source == 0))
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
   * same tree keeps its rows in both.  A Table not on screen lets go of
   * its rows and lists them when it is shown: after each edit it made
   * every row's object again (35-75 ms of the main loop at 100,000
   * members, for rows nobody was looking at). */
  self->table_behind = !dl_downline_view_table_shown (self);
  dl_downline_table_set_tree (self->table, self->table_behind ? NULL : tree,
                              self->table_behind ? NULL : facts);
  if (job->edited && dl_tree_canvas_get_tree (self->canvas) == job->before)
    dl_tree_canvas_set_tree_edited (self->canvas, tree, facts, &job->edit);
  else
    dl_tree_canvas_set_tree_laid_out (self->canvas, tree, facts, g_steal_pointer (&job->layout));
  restore_state (self, tree);
  dl_downline_view_show_month_state (self, tree);
  if (details_open && dl_tree_canvas_get_selected (self->canvas) >= 0)
    adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_stack_set_visible_child_name (self->stack, dl_tree_get_n_nodes (tree) == 0 ? "empty" : "tree");
  gtk_revealer_set_reveal_child (self->start_offer, dl_tree_get_n_nodes (tree) == 1);
  if (self->reload_again)
    {
      self->reload_again = FALSE;
      dl_downline_view_reload (self);
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
  job->lay_out = dl_tree_canvas_get_tree (self->canvas) == NULL;
  if (!job->lay_out)
    job->before = dl_tree_ref (dl_tree_canvas_get_tree (self->canvas));
  dl_settings_get_cadence (dl_settings_get_default (), &job->cadence);
  job->today = dl_downline_view_tree_today (rules);
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
      dl_downline_view_show_toast (self, text);
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
DlDay
dl_downline_view_tree_today (DlTree *tree)
{
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  DlPeriod period = tree != NULL ? dl_tree_get_as_of (tree) : DL_PERIOD_NONE;

  if (period == DL_PERIOD_NONE)
    return today;
  return MIN (today, dl_period_last_day (period));
}

char *
dl_downline_view_format_month (DlPeriod period)
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

          g_ptr_array_add (labels, dl_downline_view_format_month (period));
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

void
dl_downline_view_reload (DlDownlineView *self)
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

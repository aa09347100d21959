/* dl-pipeline-view.c — the prospect pipeline: a board of stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per stage in a horizontal scroller, a numbers bar above,
 * and one path (dl_pipeline_view_request_move) for every stage change,
 * whether it began as a drag, a shortcut or the card's menu.  Each
 * change keeps a snapshot of the prospect from before, so Undo puts
 * back exactly what was there (dl_store_restore_prospect).
 *
 * This file holds the search and filters, the numbers bar, the day, the
 * columns and the GObject; the changes with their undo are in
 * dl-pipeline-view-changes.c, the actions and keys in
 * dl-pipeline-view-actions.c.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-pipeline-column.h"
#include "dl-pipeline-stats.h"
#include "dl-pipeline-view-private.h"
#include "dl-rules.h"
#include "dl-settings.h"
#include "dl-toast.h"
#include "dl-undo-toasts.h"

G_DEFINE_FINAL_TYPE (DlPipelineView, dl_pipeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
dl_pipeline_view_toast (DlPipelineView *self,
                        AdwToast       *toast)
{
  dl_toast_show (self->toast_overlay, toast);
}

void
dl_pipeline_view_toast_error (DlPipelineView *self,
                              const GError   *error)
{
  dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
}

DlPipelineColumn *
dl_pipeline_view_column_for_stage (DlPipelineView *self,
                                   gint64          stage_id,
                                   guint          *index)
{
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      DlPipelineColumn *column = g_ptr_array_index (self->columns, i);

      if (dl_stage_get_id (dl_pipeline_column_get_stage (column)) == stage_id)
        {
          if (index != NULL)
            *index = i;
          return column;
        }
    }

  return NULL;
}

/* ---- search and filters --------------------------------------------- */

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
match_cb (DlProspect *prospect,
          DlStage    *stage,
          gpointer    user_data)
{
  DlPipelineView *self = user_data;
  DlPerson *person = dl_prospect_get_person (prospect);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  DlInterest interest = dl_prospect_get_interest (prospect);
  DlDay today = self->today;

  if (text[0] != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (text, -1);

      if (!contains (dl_person_get_name (person), needle)
          && !contains (dl_person_get_notes (person), needle)
          && !contains (dl_person_get_category (person), needle)
          && !contains (dl_person_get_source (person), needle))
        return FALSE;
    }

  if (gtk_toggle_button_get_active (self->product_toggle)
      && interest != DL_INTEREST_PRODUCT && interest != DL_INTEREST_BOTH)
    return FALSE;
  if (gtk_toggle_button_get_active (self->business_toggle)
      && interest != DL_INTEREST_BUSINESS && interest != DL_INTEREST_BOTH)
    return FALSE;

  if (gtk_toggle_button_get_active (self->overdue_toggle)
      && dl_pipeline_follow_up_state (dl_prospect_get_next_follow_up (prospect), today)
         != DL_FOLLOW_UP_OVERDUE)
    return FALSE;

  if (gtk_toggle_button_get_active (self->stale_toggle))
    {
      GDateTime *entered = dl_prospect_get_entered_stage_at (prospect);
      GDateTime *contact = dl_person_get_last_contact (person);
      DlProspectFacts facts = {
        .stage_kind = dl_stage_get_kind (stage),
        .stale_after_days = dl_stage_get_stale_days (stage),
        .entered_stage_on = entered ? dl_day_from_date_time (entered) : DL_DAY_NONE,
        .last_contact = contact ? dl_day_from_date_time (contact) : DL_DAY_NONE,
        .next_follow_up = dl_prospect_get_next_follow_up (prospect),
        .revisit_on = dl_prospect_get_revisit_on (prospect),
      };

      if (!dl_rules_prospect_is_stale (&facts, today))
        return FALSE;
    }

  return TRUE;
}

static gboolean
filter_active (DlPipelineView *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0'
         || gtk_toggle_button_get_active (self->product_toggle)
         || gtk_toggle_button_get_active (self->business_toggle)
         || gtk_toggle_button_get_active (self->overdue_toggle)
         || gtk_toggle_button_get_active (self->stale_toggle);
}

/* No prospect at all: a page that says how to start.  A search or filter
 * nobody matches: a page that says so, rather than empty columns. */
static void
update_empty_state (DlPipelineView *self)
{
  guint total = 0, shown = 0;
  const char *page = "board";

  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    {
      DlPipelineColumn *column = g_ptr_array_index (self->columns, i);

      total += dl_pipeline_column_get_n_total (column);
      shown += g_list_model_get_n_items (dl_pipeline_column_get_model (column));
    }

  if (self->store != NULL && self->columns != NULL && self->columns->len > 0 && total == 0)
    page = "empty";
  else if (shown == 0 && total > 0 && filter_active (self))
    page = "no-match";

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->board_stack), page) != 0)
    gtk_stack_set_visible_child_name (self->board_stack, page);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->product_toggle, FALSE);
  gtk_toggle_button_set_active (self->business_toggle, FALSE);
  gtk_toggle_button_set_active (self->overdue_toggle, FALSE);
  gtk_toggle_button_set_active (self->stale_toggle, FALSE);
}

/* The first stage with a card left in view: a search for someone in the
 * sixth stage is not answered by five columns of "0 of …". */
static void
scroll_to_first_match (DlPipelineView *self)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (self->board_scroller);

  for (guint i = 0; i < self->columns->len; i++)
    {
      GtkWidget *column = g_ptr_array_index (self->columns, i);
      graphene_rect_t bounds;
      double value = gtk_adjustment_get_value (h);
      double page = gtk_adjustment_get_page_size (h);

      if (g_list_model_get_n_items (dl_pipeline_column_get_model (DL_PIPELINE_COLUMN (column))) == 0)
        continue;
      if (!gtk_widget_compute_bounds (column, gtk_widget_get_parent (column), &bounds))
        return;
      if (bounds.origin.x < value || bounds.origin.x + bounds.size.width > value + page)
        gtk_adjustment_set_value (h, MAX (0, bounds.origin.x - 12));
      return;
    }
}

static void
on_filter_changed_cb (DlPipelineView *self)
{
  gboolean active = filter_active (self);

  for (guint i = 0; i < self->columns->len; i++)
    dl_pipeline_column_set_match (g_ptr_array_index (self->columns, i),
                                  active ? match_cb : NULL, self);
  update_empty_state (self);
  if (active)
    scroll_to_first_match (self);
}

/* ---- the numbers bar ------------------------------------------------ */

static gboolean
update_numbers_cb (gpointer user_data)
{
  DlPipelineView *self = user_data;
  DlPipelineCounts counts;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stages = g_array_new (FALSE, TRUE, sizeof (DlForecastStage));
  g_autoptr(GString) forecast_tip = g_string_new (NULL);
  guint n_history = 0;
  double expected;
  g_autofree char *pipeline = NULL;
  g_autofree char *today = NULL;
  g_autofree char *week = NULL;
  g_autofree char *conversion = NULL;
  g_autofree char *forecast = NULL;
  /* the one settings object: Insights reads the same goals */
  guint goal = MAX (1, dl_settings_get_pipeline_goal (dl_settings_get_default ()));
  guint daily = MAX (1, dl_settings_get_daily_contacts_goal (dl_settings_get_default ()));
  int percent;

  self->numbers_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  if (!dl_store_get_pipeline_counts (self->store, self->today, &counts, &error))
    {
      g_warning ("The pipeline's numbers could not be read: %s", error->message);
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      DlPipelineColumn *column = g_ptr_array_index (self->columns, i);
      DlStage *stage = dl_pipeline_column_get_stage (column);
      DlStageHistory history = { 0, 0, -1 };
      DlForecastStage f = { 0, };
      gboolean from_history;
      double chance;
      g_autofree char *line = NULL;

      if (dl_stage_get_kind (stage) != DL_STAGE_OPEN)
        continue;
      if (!dl_store_get_stage_history (self->store, dl_stage_get_id (stage), &history, &error))
        {
          g_warning ("The history of a stage could not be read: %s", error->message);
          g_clear_error (&error);
        }
      f.prospects = dl_pipeline_column_get_n_total (column);
      f.default_percent = dl_stage_get_probability (stage);
      f.decided = history.decided;
      f.joined = history.joined;
      f.days_to_join = history.days_to_join;
      g_array_append_val (stages, f);

      /* one line per stage in the tooltip, saying where the chance came from */
      chance = dl_pipeline_stage_chance (&f, &from_history);
      if (from_history)
        /* Translators: forecast tooltip line: stage, chance, how many decided */
        line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s: %.0f %% from your last %u outcome",
                                             "%s: %.0f %% from your last %u outcomes", f.decided),
                                dl_stage_get_name (stage), chance * 100, f.decided);
      else
        /* Translators: forecast tooltip line: stage, its set chance, outcomes so far, needed */
        line = g_strdup_printf (_("%s: %u %% as set (%u of %u outcomes needed to learn from)"),
                                dl_stage_get_name (stage), MIN (f.default_percent, 100),
                                f.decided, DL_PIPELINE_HISTORY_MIN);
      g_string_append_printf (forecast_tip, "\n%s", line);
    }

  /* Translators: prospects in open stages and the user's goal */
  pipeline = g_strdup_printf (_("%u in the pipeline · goal %u"), counts.open, goal);
  gtk_label_set_text (self->pipeline_label, pipeline);
  gtk_level_bar_set_value (self->pipeline_bar, MIN (1.0, (double) counts.open / goal));

  today = g_strdup_printf (_("%u of %u new today"), counts.added_today, daily);
  gtk_label_set_text (self->today_label, today);
  if (counts.added_today >= daily)
    gtk_widget_add_css_class (GTK_WIDGET (self->today_label), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->today_label), "success");
  week = g_strdup_printf (_("%u of %u this week"), counts.added_this_week, daily * 7);
  gtk_label_set_text (self->week_label, week);

  percent = dl_pipeline_conversion_percent (counts.joined_90, counts.not_now_90);
  if (percent < 0)
    conversion = g_strdup (_("No conversions yet (90 days)"));
  else
    /* Translators: conversion rate, e.g. "33 % converted (90 days)" */
    conversion = g_strdup_printf (_("%d %% converted (90 days)"), percent);
  gtk_label_set_text (self->conversion_label, conversion);

  expected = dl_pipeline_forecast_month ((DlForecastStage *) (gpointer) stages->data, stages->len,
                                         self->today, &n_history);
  /* Translators: expected joins in the rest of this month */
  forecast = g_strdup_printf (_("Forecast: %.1f joins this month"), expected);
  gtk_label_set_text (self->forecast_label, forecast);
  {
    /* Translators: the forecast's tooltip, before one line per stage;
     * %u is how many outcomes a stage needs before its own history counts */
    g_autofree char *intro = g_strdup_printf (_("Prospects in each open stage × their chance of joining, "
                                                "counted for the part of the stage’s usual time to join "
                                                "that fits in the days left this month. A stage’s chance "
                                                "is learned from your own history once %u prospects have "
                                                "left it with a known outcome; until then it is the "
                                                "chance set for the stage."),
                                              DL_PIPELINE_HISTORY_MIN);

    g_string_prepend (forecast_tip, intro);
  }
  {
    const char *old_tip = gtk_widget_get_tooltip_text (GTK_WIDGET (self->forecast_label));

    /* setting a tooltip costs a round trip to the X server */
    if (g_strcmp0 (old_tip, forecast_tip->str) != 0)
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->forecast_label), forecast_tip->str);
  }

  return G_SOURCE_REMOVE;
}

static void
queue_numbers (DlPipelineView *self)
{
  if (self->numbers_source == 0)
    self->numbers_source = g_idle_add (update_numbers_cb, self);
}

/* ---- the day -------------------------------------------------------- */

static GDateTime *
real_now (gpointer user_data)
{
  return g_date_time_new_now_local ();
}

static GDateTime *
now (DlPipelineView *self)
{
  return self->now_func ? self->now_func (self->now_data) : real_now (NULL);
}

static void arm_midnight (DlPipelineView *self);

/* Reads the day from the clock; on a new day, every column and the
 * numbers judge again. */
static void
update_today (DlPipelineView *self)
{
  g_autoptr(GDateTime) time = now (self);
  DlDay today = dl_day_from_date_time (time);

  if (today == self->today)
    return;

  self->today = today;
  for (guint i = 0; self->columns != NULL && i < self->columns->len; i++)
    dl_pipeline_column_set_today (g_ptr_array_index (self->columns, i), today);
  on_filter_changed_cb (self);
  queue_numbers (self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  DlPipelineView *self = user_data;

  self->midnight_source = 0;
  update_today (self);
  arm_midnight (self);

  return G_SOURCE_REMOVE;
}

/* A timeout to the next local midnight, or in a minute if that is
 * sooner: timeouts run on the monotonic clock, which stops while the
 * computer sleeps, so after a night suspended the board would otherwise
 * judge by yesterday for hours.  The day is read again each time. */
static void
arm_midnight (DlPipelineView *self)
{
  g_autoptr(GDateTime) time = now (self);
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) next = NULL;
  GTimeSpan wait;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  midnight = g_date_time_new_local (g_date_time_get_year (time), g_date_time_get_month (time),
                                    g_date_time_get_day_of_month (time), 0, 0, 0);
  next = midnight ? g_date_time_add_days (midnight, 1) : NULL;
  wait = next ? g_date_time_difference (next, time) : G_TIME_SPAN_HOUR;
  /* a millisecond past midnight, so the clock then reads the new day */
  self->midnight_source = g_timeout_add (MIN (MAX (wait / 1000, 0) + 1, 60 * 1000), midnight_cb, self);
}

void
dl_pipeline_view_set_now_func (DlPipelineView    *self,
                               DlPipelineNowFunc  now_func,
                               gpointer           user_data)
{
  g_return_if_fail (DL_IS_PIPELINE_VIEW (self));

  self->now_func = now_func;
  self->now_data = user_data;
  update_today (self);
  arm_midnight (self);
}

const char *
dl_pipeline_view_get_board_page (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->board_stack);
}

DlDay
dl_pipeline_view_get_today (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), DL_DAY_NONE);

  return self->today;
}

/* ---- columns -------------------------------------------------------- */

/* What a column asks: the board answers with the one path each takes. */

static void
on_column_move_requested_cb (DlPipelineColumn *column,
                             gint64            person_id,
                             guint             position,
                             DlPipelineView   *self)
{
  dl_pipeline_view_request_move (self, person_id, dl_stage_get_id (dl_pipeline_column_get_stage (column)),
                                 position);
}

static void
on_column_edit_requested_cb (DlPipelineColumn *column,
                             gint64            person_id,
                             DlPipelineView   *self)
{
  dl_pipeline_view_edit_prospect (self, person_id);
}

static void
on_column_menu_requested_cb (DlPipelineColumn *column,
                             DlProspectCard   *card,
                             double            x,
                             double            y,
                             DlPipelineView   *self)
{
  dl_pipeline_view_show_card_menu (self, card, x, y);
}

static void
on_column_add_requested_cb (DlPipelineColumn *column,
                            const char       *name,
                            DlPipelineView   *self)
{
  g_autoptr(GError) error = NULL;

  if (!dl_pipeline_view_quick_add (self, dl_stage_get_id (dl_pipeline_column_get_stage (column)), name,
                                   &error))
    dl_pipeline_column_show_add_error (column, error->message);
}

static void
on_column_drag_hover_cb (DlPipelineColumn *column,
                         GtkWidget        *widget,
                         double            x,
                         double            y,
                         DlPipelineView   *self)
{
  dl_pipeline_view_drag_at (self, widget, x, y);
}

static void
on_column_drag_finished_cb (DlPipelineColumn *column,
                            DlPipelineView   *self)
{
  dl_pipeline_view_drag_done (self);
}

static void
rebuild_columns (DlPipelineView *self)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);
  g_ptr_array_set_size (self->columns, 0);

  if (self->stages == NULL)
    return;

  n = g_list_model_get_n_items (self->stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (self->stages, i);
      GtkWidget *column = dl_pipeline_column_new (self->store, stage);

      dl_pipeline_column_set_today (DL_PIPELINE_COLUMN (column), self->today);
      g_signal_connect_object (dl_pipeline_column_get_model (DL_PIPELINE_COLUMN (column)), "items-changed",
                               G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
      g_signal_connect (column, "move-requested", G_CALLBACK (on_column_move_requested_cb), self);
      g_signal_connect (column, "edit-requested", G_CALLBACK (on_column_edit_requested_cb), self);
      g_signal_connect (column, "menu-requested", G_CALLBACK (on_column_menu_requested_cb), self);
      g_signal_connect (column, "add-requested", G_CALLBACK (on_column_add_requested_cb), self);
      g_signal_connect (column, "drag-hover", G_CALLBACK (on_column_drag_hover_cb), self);
      g_signal_connect (column, "drag-finished", G_CALLBACK (on_column_drag_finished_cb), self);
      gtk_box_append (self->columns_box, column);
      g_ptr_array_add (self->columns, column);
    }

  on_filter_changed_cb (self);
  queue_numbers (self);
}

static void
on_store_changed_cb (DlPipelineView *self,
                     DlStoreEntity   entity,
                     gint64          id,
                     DlStore        *store)
{
  /* templates and letters count in none of the numbers (a letter sent
   * is logged as a contact, which comes as a change of its own) */
  if (entity == DL_STORE_ENTITY_TEMPLATES || entity == DL_STORE_ENTITY_LETTERS)
    return;
  queue_numbers (self);
}

/* A backup replaced everything: the undo steps describe a database that
 * is gone, and would write it back over the restored one. */
static void
on_store_restored_cb (DlPipelineView *self)
{
  dl_undo_stack_clear (self->undo_stack);
}

void
dl_pipeline_view_set_store (DlPipelineView *self,
                            DlStore        *store)
{
  g_return_if_fail (DL_IS_PIPELINE_VIEW (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->stages != NULL)
    g_signal_handlers_disconnect_by_data (self->stages, self);
  g_clear_object (&self->stages);
  g_set_object (&self->store, store);
  dl_undo_stack_clear (self->undo_stack);

  if (store != NULL)
    {
      self->stages = dl_store_get_stages (store);
      g_signal_connect_swapped (self->stages, "items-changed", G_CALLBACK (rebuild_columns), self);
      g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      g_signal_connect_swapped (store, "restored", G_CALLBACK (on_store_restored_cb), self);
    }

  rebuild_columns (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static void
on_goal_changed_cb (DlPipelineView *self)
{
  queue_numbers (self);
}

static void
dl_pipeline_view_dispose (GObject *object)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);
  GtkWidget *child;

  dl_pipeline_view_set_store (self, NULL);
  g_clear_handle_id (&self->numbers_source, g_source_remove);
  g_clear_handle_id (&self->scroll_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PIPELINE_VIEW);
  /* the template's root is not a bound child: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dl_pipeline_view_parent_class)->dispose (object);
}

static void
dl_pipeline_view_finalize (GObject *object)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->pending, dl_pipeline_view_undo_step_free);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (dl_pipeline_view_parent_class)->finalize (object);
}

static void
dl_pipeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);

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
dl_pipeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlPipelineView *self = DL_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_pipeline_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      if (g_value_get_object (value) != NULL)
        g_set_object (&self->undo_stack, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_pipeline_view_class_init (DlPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_pipeline_view_dispose;
  object_class->finalize = dl_pipeline_view_finalize;
  object_class->get_property = dl_pipeline_view_get_property;
  object_class->set_property = dl_pipeline_view_set_property;

  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, DL_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, product_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, business_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, stale_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, pipeline_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, pipeline_bar);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, today_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, week_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, conversion_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, DlPipelineView, board_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "pipeline.clear-filters", NULL, clear_filters_action);
  dl_pipeline_view_actions_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dl_pipeline_view_init (DlPipelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns = g_ptr_array_new ();
  /* alone (in a test) the view shows its own undo toasts; in the window
   * it gets the window's stack */
  self->undo_stack = dl_undo_stack_new ();
  dl_undo_toasts_attach (self->undo_stack, self->toast_overlay);
  self->today = DL_DAY_NONE;
  update_today (self);
  arm_midnight (self);

  g_signal_connect_object (dl_settings_get_default (), "changed::pipeline-goal",
                           G_CALLBACK (on_goal_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dl_settings_get_default (), "changed::daily-contacts-goal",
                           G_CALLBACK (on_goal_changed_cb), self, G_CONNECT_SWAPPED);

  dl_pipeline_view_actions_init (self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

GtkWidget *
dl_pipeline_view_new (DlStore *store)
{
  return g_object_new (DL_TYPE_PIPELINE_VIEW, "store", store, NULL);
}

DlStore *
dl_pipeline_view_get_store (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), NULL);

  return self->store;
}

guint
dl_pipeline_view_get_n_columns (DlPipelineView *self)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), 0);

  return self->columns->len;
}

GtkWidget *
dl_pipeline_view_get_column (DlPipelineView *self,
                             guint           index)
{
  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, index);
}

gboolean
dl_pipeline_view_show_prospect (DlPipelineView *self,
                                gint64          person_id)
{
  g_autoptr(DlProspect) prospect = NULL;

  g_return_val_if_fail (DL_IS_PIPELINE_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  prospect = dl_store_get_prospect (self->store, person_id);
  if (prospect == NULL || dl_pipeline_view_column_for_stage (self, dl_prospect_get_stage_id (prospect), NULL) == NULL)
    return FALSE;

  dl_pipeline_view_refocus (self, person_id, dl_prospect_get_stage_id (prospect));
  return TRUE;
}

/* dl-today-source.c — what the day plan reads: the store and the preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pinned plan and the first use live in GSettings next to "notified",
 * for the same reasons: per desktop, cheap to write, no migration of the
 * business file, and a stale day is simply ignored.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <string.h>

#include "dl-settings.h"
#include "dl-today-source.h"
#include "dl-store-periods.h"

static DlDay
day_of (GDateTime *dt)
{
  return dt != NULL ? dl_day_from_date_time (dt) : DL_DAY_NONE;
}

GArray *
dl_today_source_load_prospects (DlStore   *store,
                                GPtrArray *names)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DlTodayProspect));
  GListModel *stages = dl_store_get_stages (store);
  guint n_stages = g_list_model_get_n_items (stages);

  for (guint s = 0; s < n_stages; s++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (stages, s);
      GListModel *prospects;
      guint n;

      if (dl_stage_get_kind (stage) == DL_STAGE_JOINED)
        continue;

      prospects = dl_store_get_prospects (store, dl_stage_get_id (stage));
      n = g_list_model_get_n_items (prospects);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DlProspect) prospect = g_list_model_get_item (prospects, i);
          DlPerson *person = dl_prospect_get_person (prospect);
          DlTodayProspect p = { 0, };

          p.facts.stage_kind = dl_stage_get_kind (stage);
          p.facts.next_follow_up = dl_prospect_get_next_follow_up (prospect);
          p.facts.revisit_on = dl_prospect_get_revisit_on (prospect);
          if (dl_rules_prospect_due_on (&p.facts) == DL_DAY_NONE)
            continue;

          p.person_id = dl_person_get_id (person);
          p.name = g_strdup (dl_person_get_name (person));
          g_ptr_array_add (names, (char *) p.name);
          p.facts.stale_after_days = dl_stage_get_stale_days (stage);
          p.facts.entered_stage_on = day_of (dl_prospect_get_entered_stage_at (prospect));
          p.facts.last_contact = day_of (dl_person_get_last_contact (person));
          g_array_append_val (out, p);
        }
      g_object_unref (prospects);
    }
  g_object_unref (stages);

  return out;
}

GArray *
dl_today_source_load_events (DlStore *store,
                             DlDay    today)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (DlPlanEvent));
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), out);

  periods = dl_store_get_periods (store, &error);
  if (periods == NULL)
    {
      g_debug ("Cannot read the months for Today: %s", error->message);
      return out;
    }

  for (guint i = periods->len > 2 ? periods->len - 2 : 0; i < periods->len; i++)
    {
      DlPeriod period = g_array_index (periods, DlPeriod, i);
      DlDay known_on = dl_day_from_ymd ((period + 1) / 12, (period + 1) % 12 + 1, 1);
      g_autoptr(GArray) events = dl_store_get_events (store, period, &error);

      if (events == NULL)
        {
          g_debug ("Cannot read the month's events for Today: %s", error->message);
          g_clear_error (&error);
          continue;
        }
      if (known_on > today)
        known_on = today;
      for (guint k = 0; k < events->len; k++)
        {
          const DlStoreEvent *e = &g_array_index (events, DlStoreEvent, k);
          DlPlanEvent event = { e->member_id, (guint8) e->type, known_on };

          g_array_append_val (out, event);
        }
    }

  return out;
}

void
dl_today_source_read_options (GSettings     *settings,
                              const char    *path,
                              DlDay          today,
                              gboolean       remember,
                              DlPlanOptions *options,
                              GArray        *pinned)
{
  g_autofree char *day = dl_day_to_iso (today);
  g_auto(GStrv) off = NULL;

  g_return_if_fail (options != NULL);
  g_return_if_fail (pinned != NULL);

  memset (options, 0, sizeof *options);
  g_array_set_size (pinned, 0);
  options->capacity = DL_TODAY_DEFAULT_CAPACITY;
  options->started_on = today;
  if (settings == NULL || path == NULL)
    return;

  options->capacity = dl_today_source_get_capacity (settings, today);

  off = g_settings_get_strv (settings, "today-kinds-off");
  for (guint i = 0; off[i] != NULL; i++)
    {
      int event = dl_event_type_from_string (off[i]);

      if (event >= 0)
        options->events_off |= 1u << event;
      for (guint k = 0; k < DL_TASK_N_KINDS; k++)
        if (g_str_equal (off[i], dl_task_kind_to_string (k)))
          options->kinds_off |= 1u << k;
    }

  options->started_on = dl_settings_get_first_use (dl_settings_get_default (), path, today, remember);

  {
    g_autoptr(GVariant) value = g_settings_get_value (settings, "today-plan");
    g_autoptr(GVariant) map = NULL;
    g_autoptr(GVariant) list = NULL;
    const char *stored_day;

    g_variant_get (value, "(&s@a{sa(xy)})", &stored_day, &map);
    if (g_str_equal (stored_day, day))
      list = g_variant_lookup_value (map, path, G_VARIANT_TYPE ("a(xy)"));
    if (list != NULL)
      {
        GVariantIter it;
        gint64 id;
        guint8 kind;

        g_variant_iter_init (&it, list);
        while (g_variant_iter_next (&it, "(xy)", &id, &kind))
          if (kind < DL_TASK_N_KINDS)
            {
              DlTaskKey key = { id, kind };

              g_array_append_val (pinned, key);
            }
      }
    options->pinned = (const DlTaskKey *) (gpointer) pinned->data;
    options->n_pinned = pinned->len;
  }
}

void
dl_today_source_save_plan (GSettings       *settings,
                           const char      *path,
                           DlDay            today,
                           const DlDayPlan *plan)
{
  g_autofree char *day = dl_day_to_iso (today);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) map = NULL;
  GVariantBuilder builder, tasks;
  const char *stored_day;

  if (settings == NULL || path == NULL)
    return;

  g_variant_builder_init (&tasks, G_VARIANT_TYPE ("a(xy)"));
  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DlTask *t = &g_array_index (plan->tasks, DlTask, i);

      g_variant_builder_add (&tasks, "(xy)", t->person_id, t->kind);
    }

  value = g_settings_get_value (settings, "today-plan");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa(xy)}"));
  g_variant_get (value, "(&s@a{sa(xy)})", &stored_day, &map);
  /* other databases' plans stay, but only for the same day */
  if (g_str_equal (stored_day, day))
    {
      GVariantIter it;
      const char *other;
      GVariant *other_tasks;

      g_variant_iter_init (&it, map);
      while (g_variant_iter_next (&it, "{&s@a(xy)}", &other, &other_tasks))
        {
          if (!g_str_equal (other, path))
            g_variant_builder_add (&builder, "{s@a(xy)}", other, other_tasks);
          g_variant_unref (other_tasks);
        }
    }
  g_variant_builder_add (&builder, "{sa(xy)}", path, &tasks);
  {
    g_autoptr(GVariant) next = g_variant_ref_sink (g_variant_new ("(s@a{sa(xy)})", day,
                                                                  g_variant_builder_end (&builder)));

    if (!g_variant_equal (next, value))
      g_settings_set_value (settings, "today-plan", next);
  }
}

guint
dl_today_source_get_capacity (GSettings *settings,
                              DlDay      today)
{
  g_autofree char *day = dl_day_to_iso (today);
  g_autoptr(GVariant) value = NULL;
  const char *for_day;
  guint capacity;

  if (settings == NULL)
    return DL_TODAY_DEFAULT_CAPACITY;
  value = g_settings_get_value (settings, "today-capacity");
  g_variant_get (value, "(&su)", &for_day, &capacity);
  if (g_str_equal (for_day, day) && capacity > 0)
    return capacity;
  return g_settings_get_uint (settings, "daily-capacity");
}

void
dl_today_source_set_capacity_for_today (GSettings *settings,
                                        DlDay      today,
                                        guint      capacity)
{
  g_autofree char *day = dl_day_to_iso (today);

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_settings_set (settings, "today-capacity", "(su)", day, capacity);
}


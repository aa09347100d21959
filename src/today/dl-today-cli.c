/* dl-today-cli.c — today's plan on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the file only (it may be open in a window, or in the background
 * for reminders: a morning script must still work), and plans the day
 * exactly as the window does, pinned plan included, without remembering
 * anything itself.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dl-clock.h"
#include "dl-member.h"
#include "dl-today-cli.h"
#include "dl-settings.h"
#include "dl-today-source.h"

#define EXIT_USAGE 2

static int
usage_error (const char *message)
{
  g_printerr ("downline: %s\n", message);
  g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
  return EXIT_USAGE;
}

/* A field of a tab-separated line: no tabs nor line breaks inside. */
static void
print_field (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

int
dl_today_cli_run (GVariantDict *options,
                  const char   *default_db)
{
  const char *db = NULL, *date = NULL;
  g_autoptr(GFile) db_file = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GArray) prospects = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pinned = g_array_new (FALSE, FALSE, sizeof (DlTaskKey));
  g_autoptr(DlDayPlan) plan = dl_day_plan_new ();
  GSettings *settings = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  DlPlanOptions plan_options;
  DlCadence cadence;
  DlDay today;

  g_variant_dict_lookup (options, "date", "&s", &date);
  if (!g_variant_dict_contains (options, "today"))
    {
      if (date != NULL)
        return usage_error (_("--date only makes sense with --today."));
      return -1;
    }
  today = date != NULL ? dl_day_from_iso (date) : dl_clock_get_today (dl_clock_get_default ());
  if (today == DL_DAY_NONE || (date != NULL && strlen (date) != 10))
    return usage_error (_("--date needs a day written YYYY-MM-DD, such as 2026-03-10."));

  if (!g_variant_dict_lookup (options, "db", "^&ay", &db))
    db = default_db;
  db_file = g_file_new_for_commandline_arg (db);
  db_path = g_file_get_path (db_file);
  if (db_path == NULL)
    {
      g_printerr (_("downline: there is no database at “%s”.\n"), db);
      return EXIT_FAILURE;
    }
  store = dl_store_open_full (db_path, DL_STORE_OPEN_EXISTING | DL_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }
  dl_store_set_started_on (store, dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (store),
                                                             today, FALSE));
  if (dl_store_get_user_id (store) != 0)
    {
      tree = dl_store_load_tree (store, &error);
      if (tree == NULL)
        {
          g_printerr ("downline: %s\n", error->message);
          dl_store_close (store);
          return EXIT_FAILURE;
        }
    }
  prospects = dl_today_source_load_prospects (store, names);

  settings = dl_settings_get_gsettings (dl_settings_get_default ());
  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  dl_today_source_read_options (settings, dl_store_get_path (store), today, FALSE, &plan_options, pinned);
  if (tree != NULL)
    {
      events = dl_today_source_load_events (store, today);
      plan_options.events = (const DlPlanEvent *) (gpointer) events->data;
      plan_options.n_events = events->len;
    }
  dl_day_plan_build (plan, tree, &cadence, (const DlTodayProspect *) (gpointer) prospects->data,
                     prospects->len, &plan_options, today);

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DlTask *t = &g_array_index (plan->tasks, DlTask, i);
      g_autofree char *reason = NULL;
      g_autoptr(DlMember) member = NULL;

      if (t->state != DL_TASK_OPEN)
        continue;
      if (t->kind != DL_TASK_FOLLOW_UP)
        member = dl_store_get_member (store, t->person_id);
      reason = dl_task_describe (t, today);
      g_string_append (out, dl_task_kind_to_string (t->kind));
      g_string_append_c (out, '\t');
      print_field (out, member != NULL ? dl_member_get_member_number (member) : NULL);
      g_string_append_c (out, '\t');
      print_field (out, t->name);
      g_string_append_c (out, '\t');
      print_field (out, reason);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < plan->rollups->len; i++)
    {
      const DlRollup *r = &g_array_index (plan->rollups, DlRollup, i);
      g_autofree char *text = dl_rollup_describe (r);

      g_string_append_printf (out, "more\t%s\t%u\t", dl_task_kind_to_string (r->kind), r->count);
      print_field (out, text);
      g_string_append_c (out, '\n');
    }
  dl_store_close (store);

  fwrite (out->str, 1, out->len, stdout);
  return fflush (stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

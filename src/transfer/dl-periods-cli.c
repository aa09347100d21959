/* dl-periods-cli.c — the back office's months from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --events YYYY-MM prints "TYPE<TAB>MEMBER_NUMBER" lines: scripts and
 * other tools rely on the words of dl_event_type_to_string (), so they
 * stay as they are.
 */

#define G_LOG_DOMAIN "dl-periods-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "dl-periods-cli.h"
#include "dl-store-periods.h"

#define EXIT_USAGE 2

int
dl_periods_cli_run (GVariantDict *options)
{
  const char *month = NULL, *db = NULL;
  g_autoptr(GFile) db_file = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  DlPeriod period;

  if (!g_variant_dict_lookup (options, "events", "&s", &month))
    return -1;

  period = dl_period_parse (month);
  if (period == DL_PERIOD_NONE || month[7] != '\0')
    {
      g_printerr (_("downline: --events takes a month as YYYY-MM, such as 2026-11, not “%s”.\n"), month);
      g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
      return EXIT_USAGE;
    }
  if (!g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_printerr (_("downline: --events needs --db FILE: name the database to read.\n"));
      g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
      return EXIT_USAGE;
    }

  db_file = g_file_new_for_commandline_arg (db);
  db_path = g_file_get_path (db_file);
  store = db_path != NULL ? dl_store_open_full (db_path, DL_STORE_OPEN_EXISTING, &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("downline: %s\n", error != NULL ? error->message : _("--db must name a file on this computer."));
      return EXIT_FAILURE;
    }

  events = dl_store_get_events (store, period, &error);
  dl_store_close (store);
  if (events == NULL)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }

  for (guint i = 0; i < events->len; i++)
    {
      const DlStoreEvent *event = &g_array_index (events, DlStoreEvent, i);

      g_string_append_printf (out, "%s\t%s\n", dl_event_type_to_string (event->type), event->member_number);
    }
  fputs (out->str, stdout);

  return EXIT_SUCCESS;
}

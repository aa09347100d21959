/* dl-periods-cli.c — the back office's months from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * --events YYYY-MM prints "TYPE<TAB>MEMBER_NUMBER" lines: scripts and
 * other tools rely on the words of dl_event_type_to_string (), so they
 * stay as they are.
 *
 * --risk-report learns the dropout-risk model from the file's months
 * (as an import does) and prints, for scripts and for checking:
 *
 *   model: learned                  or  model: expert (REASON)
 *   auc: 0.NN                       or  auc: n/a
 *   outcomes: N
 *   feature<TAB>NAME<TAB>WEIGHT     one per factor: log-odds per unit for
 *                                   a learned model, points for the expert
 *   decile<TAB>K<TAB>PREDICTED<TAB>OBSERVED
 *                                   ten, when recent months could be checked
 *
 * --retention prints one line per join month, oldest first:
 * YYYY-MM<TAB>JOINED<TAB>ACTIVE_AFTER_3<TAB>ACTIVE_AFTER_6<TAB>ACTIVE_AFTER_12,
 * each count empty while that month is not known yet.
 */

#define G_LOG_DOMAIN "dl-periods-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "dl-insights.h"
#include "dl-periods-cli.h"
#include "dl-settings.h"
#include "dl-store-history.h"
#include "dl-store-risk.h"
#include "dl-store-periods.h"

#define EXIT_USAGE 2

/* The database named by --db, opened for reading what is there. */
static DlStore *
open_db (GVariantDict  *options,
         const char    *option,
         int           *status)
{
  const char *db = NULL;
  g_autoptr(GFile) db_file = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GError) error = NULL;
  DlStore *store;

  if (!g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_printerr (_("downline: %s needs --db FILE: name the database to read.\n"), option);
      g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
      *status = EXIT_USAGE;
      return NULL;
    }

  db_file = g_file_new_for_commandline_arg (db);
  db_path = g_file_get_path (db_file);
  store = db_path != NULL ? dl_store_open_full (db_path, DL_STORE_OPEN_EXISTING, &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("downline: %s\n", error != NULL ? error->message : _("--db must name a file on this computer."));
      *status = EXIT_FAILURE;
    }
  return store;
}

static int
run_risk_report (GVariantDict *options)
{
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *words = NULL;
  DlRiskModel model;
  DlCadence cadence;
  int status = EXIT_FAILURE;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  store = open_db (options, "--risk-report", &status);
  if (store == NULL)
    return status;

  /* whose check-ins were the user's, as the preferences say */
  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  if (!dl_store_learn_risk_model (store, &cadence, &model, &error))
    {
      dl_store_close (store);
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }
  dl_store_close (store);

  words = dl_risk_model_describe (&model);
  g_string_append_printf (out, "model: %s\n", words);
  if (isnan (model.auc))
    g_string_append (out, "auc: n/a\n");
  else
    g_string_append_printf (out, "auc: %s\n", g_ascii_formatd (buf, sizeof buf, "%.2f", model.auc));
  g_string_append_printf (out, "outcomes: %u\n", model.n_outcomes);
  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    g_string_append_printf (out, "feature\t%s\t%s\n", dl_risk_factor_to_string ((DlRiskFactor) f),
                            g_ascii_formatd (buf, sizeof buf, "%.3f", model.weights[f]));
  for (guint d = 0; d < model.n_deciles; d++)
    {
      char observed[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "decile\t%u\t%s\t%s\n", d + 1,
                              g_ascii_formatd (buf, sizeof buf, "%.3f", model.deciles[d].predicted),
                              g_ascii_formatd (observed, sizeof observed, "%.3f", model.deciles[d].observed));
    }
  fputs (out->str, stdout);

  return EXIT_SUCCESS;
}

static int
run_retention (GVariantDict *options)
{
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(DlStoreHistory) history = NULL;
  g_autoptr(GArray) cohorts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int status = EXIT_FAILURE;

  store = open_db (options, "--retention", &status);
  if (store == NULL)
    return status;

  tree = dl_store_load_tree (store, &error);
  if (tree != NULL)
    history = dl_store_load_history (store, tree, NULL, &error);
  dl_store_close (store);
  if (history == NULL)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }

  cohorts = dl_insights_cohorts (dl_store_history_get (history));
  for (guint i = 0; i < cohorts->len; i++)
    {
      const DlCohort *c = &g_array_index (cohorts, DlCohort, i);
      char month[8];

      dl_period_format (c->joined, month);
      g_string_append_printf (out, "%s\t%u", month, c->n_joined);
      /* the horizons after the first: 3, 6 and 12 months */
      for (guint h = 1; h < DL_INSIGHTS_N_HORIZONS; h++)
        {
          g_string_append_c (out, '\t');
          if (c->active_after[h] >= 0)
            g_string_append_printf (out, "%d", c->active_after[h]);
        }
      g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);

  return EXIT_SUCCESS;
}

int
dl_periods_cli_run (GVariantDict *options)
{
  const char *month = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  DlPeriod period;
  int status = EXIT_FAILURE;

  if (g_variant_dict_contains (options, "risk-report"))
    return run_risk_report (options);
  if (g_variant_dict_contains (options, "retention"))
    return run_retention (options);
  if (!g_variant_dict_lookup (options, "events", "&s", &month))
    return -1;

  period = dl_period_parse (month);
  if (period == DL_PERIOD_NONE || month[7] != '\0')
    {
      g_printerr (_("downline: --events takes a month as YYYY-MM, such as 2026-11, not “%s”.\n"), month);
      g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
      return EXIT_USAGE;
    }
  store = open_db (options, "--events", &status);
  if (store == NULL)
    return status;

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

/* dl-periods-cli.h — the back office's months from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DL_PERIODS_CLI_OPTION_ENTRIES \
  { "events", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("Print what changed in the month YYYY-MM of the database named by --db, one event per line, then exit"), \
    N_("YYYY-MM") }, \
  { "risk-report", 0, 0, G_OPTION_ARG_NONE, NULL, \
    N_("Print how well the dropout risk of the database named by --db predicts who leaves, then exit"), \
    NULL }, \
  { "retention", 0, 0, G_OPTION_ARG_NONE, NULL, \
    N_("Print how many members of each join month of the database named by --db were still active 3, 6 and 12 months on, then exit"), \
    NULL }

/* Runs --events, --risk-report or --retention when the options ask for it: returns
 * the exit status, or -1 when they do not. */
int dl_periods_cli_run (GVariantDict *options);

G_END_DECLS

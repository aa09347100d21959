/* dl-today-cli.h — today's plan on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   downline [--db FILE] --today [--date YYYY-MM-DD]
 *
 * One open task per line, KIND<TAB>MEMBER_NUMBER<TAB>NAME<TAB>REASON,
 * then one line per roll-up, more<TAB>KIND<TAB>COUNT<TAB>TEXT.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DL_TODAY_CLI_OPTION_ENTRIES \
  { "today", 0, 0, G_OPTION_ARG_NONE, NULL, \
    N_("Print today’s plan of the database (tab-separated), then exit"), NULL }, \
  { "date", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --today: plan this day instead of today"), N_("YYYY-MM-DD") }

/* Prints the plan when the options ask for it: returns the exit status,
 * or -1 when they do not concern Today.  default_db is used without --db. */
int dl_today_cli_run (GVariantDict *options,
                      const char   *default_db);

G_END_DECLS

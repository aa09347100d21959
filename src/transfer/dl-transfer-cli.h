/* dl-transfer-cli.h — imports, exports and backups from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The option entries DlApplication lists for these (their arg_data
 * NULL: the values arrive in the options dictionary). */
#define DL_TRANSFER_CLI_OPTION_ENTRIES \
  { "import-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL, \
    N_("Import members from a back-office CSV export into the database named by --db, then exit"), N_("FILE") }, \
  { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, NULL, \
    N_("With --import-csv: import the good rows even when some are rejected"), NULL }, \
  { "date-order", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --import-csv: read dates such as 03/04/2024 as day/month (dmy) or month/day (mdy)"), N_("ORDER") }, \
  { "unknown-sponsor", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --import-csv: put members whose sponsor is unknown under you (user, the default) or under “No sponsor” (none)"), N_("WHERE") }, \
  { "sponsor-means", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --import-csv: whether a file’s lone “Sponsor” column is who enrolled each member (enroller, the default) or where the company placed them (placement); a file with both an enroller and a sponsor column needs no answer"), N_("TREE") }, \
  { "me", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --import-csv: your own member number in the file, so you are the top of your downline and the members you enrolled are your personal recruits (kept in your profile; without it a new database takes the top of the file)"), N_("MEMBER_NUMBER") }, \
  { "period", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --import-csv: the file is the back office’s export of that month (YYYY-MM); its status, paid rank, PV, GV, left and right volume, qualified and autoship columns are kept as the month’s figures, and what changed since the month before becomes events; a month older than the newest kept fills the history and leaves the members as the newest says"), N_("YYYY-MM") }, \
  { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL, \
    N_("With --import-csv: read FIELD from COLUMN (its header or its number), e.g. --map member=\"Distributor #\"; FIELD is member, sponsor (the enroller), placement, side, first-name, last-name, name, joined, rank, paid-rank, status, terminated, email, phone, last-order, first-order, next-autoship, renewal, city, country, role, pv, gv, left-volume, right-volume, qualified, autoship or ignore"), N_("FIELD=COLUMN") }, \
  { "import-vcard", 0, 0, G_OPTION_ARG_FILENAME, NULL, \
    N_("Add the contacts of a vCard file to the pipeline of the database named by --db, then exit"), N_("FILE") }, \
  { "export-csv", 0, 0, G_OPTION_ARG_FILENAME, NULL, \
    N_("Write members.csv, prospects.csv and contacts.csv of the database named by --db into DIR, then exit"), N_("DIR") }, \
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL, \
    N_("Write a backup copy of the database named by --db to FILE, then exit"), N_("FILE") }

/* The exit status when options hold one of this module's commands
 * (0 done, 1 failed or rows rejected, 2 usage error), -1 otherwise. */
int dl_transfer_cli_run (GVariantDict *options);

G_END_DECLS

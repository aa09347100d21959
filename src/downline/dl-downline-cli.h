/* dl-downline-cli.h — exporting the tree from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   downline --db FILE --export-tree OUT.{png,svg,pdf} [--root MEMBER_NUMBER]
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DL_DOWNLINE_CLI_OPTION_ENTRIES \
  { "export-tree", 0, 0, G_OPTION_ARG_FILENAME, NULL, \
    N_("Draw the whole downline of the database named by --db into OUT (.png, .svg or .pdf), then exit"), N_("OUT") }, \
  { "root", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --export-tree: draw only this member’s group, by member number"), N_("MEMBER_NUMBER") }, \
  { "fit", 0, 0, G_OPTION_ARG_STRING, NULL, \
    N_("With --export-tree: fit the drawing into W×H, in pixels for PNG and points for SVG and PDF (e.g. 1920x1080)"), N_("WxH") }

/* Runs the export when the options ask for it: returns the exit status,
 * or -1 when they do not concern the tree export. */
int dl_downline_cli_run (GVariantDict *options);

G_END_DECLS

/* dl-import-assistant-private.h — what the import assistant's files
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's instance and the functions its parts call across files:
 * dl-import-assistant.c (choosing and reading the file, the mapping, the
 * import, the buttons, the GObject) and dl-import-assistant-report.c
 * (checking in a worker, and the report of what would change).  Not
 * installed.
 */

#pragma once

#include "dl-import-assistant.h"
#include "dl-import-events.h"
#include "dl-store-import.h"

G_BEGIN_DECLS

struct _DlImportAssistant
{
  AdwWindow        parent_instance;

  GtkButton       *cancel_button;
  GtkButton       *next_button;
  GtkButton       *back_button;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkButton       *choose_button;
  GtkSpinner      *read_spinner;
  GtkLabel        *file_label;
  GtkGrid         *preview_grid;
  AdwPreferencesGroup *mapping_group;
  AdwComboRow     *date_order_row;
  AdwComboRow     *sponsor_means_row;
  AdwComboRow     *sponsor_row;
  GtkLabel        *mapping_error_label;
  AdwComboRow     *period_row;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *problems_group;
  AdwPreferencesGroup *details_group;
  AdwStatusPage   *progress_page;
  GtkProgressBar  *progress_bar;
  AdwStatusPage   *done_page;
  DlImportEvents  *done_events;
  GtkLabel        *done_later_label;

  DlStore         *store;
  GFile           *file;
  DlCsvTable      *table;
  DlCsvMapping    *mapping;
  DlPeriod         period;       /* the month the file's figures are of, or DL_PERIOD_NONE */
  gboolean         period_chosen;   /* by the person, not guessed: kept on a new check */
  gboolean         replan;          /* the month changed while a plan was read: read it again */
  DlImportResult  *result;
  DlImportPlan    *plan;
  gboolean         planning;   /* a worker reads the plan of result: keep it */
  GPtrArray       *column_rows;     /* AdwComboRow, one per column */
  GPtrArray       *report_widgets;  /* rows added to the report groups */
  GCancellable    *cancellable;
  gboolean         needs_order;
  gboolean         updating;
  guint            progress_source;
  gint             progress_done;   /* written by the worker */
  gint             progress_total;
  DlPeriod         saved_month;     /* the import whose columns were taken again, or DL_PERIOD_NONE */
  char            *user_guess;      /* who the user seems to be (dl_csv_guess_user ()), or NULL */
  gboolean         user_guess_in_file;
  guint            user_guess_row;
};

/* dl-import-assistant.c */

/* A toast in the assistant's own overlay. */
void     dl_import_assistant_toast         (DlImportAssistant *self,
                                            const char        *text);
/* Shows step ("choose", "map", "report", "progress", "done") with the
 * buttons it has. */
void     dl_import_assistant_show_step     (DlImportAssistant *self,
                                            const char        *step);
/* Plain text in a row's title and subtitle (NULL: none): AdwActionRow
 * reads markup. */
void     dl_import_assistant_set_row_text  (AdwActionRow      *row,
                                            const char        *title,
                                            const char        *subtitle);
/* Whether the mapping can be used, saying why not under it; Next
 * follows. */
gboolean dl_import_assistant_check_mapping (DlImportAssistant *self);

/* dl-import-assistant-report.c */

/* The month row's choices; once, at init. */
void     dl_import_assistant_report_init   (DlImportAssistant *self);
/* Checks the file against the database in a worker, then shows the
 * report. */
void     dl_import_assistant_start_check   (DlImportAssistant *self);
/* The report of what the import would change, from the check's result
 * and plan. */
void     dl_import_assistant_fill_report   (DlImportAssistant *self);

G_END_DECLS

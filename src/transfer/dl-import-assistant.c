/* dl-import-assistant.c — bringing a back-office export in, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Choose a file → first rows and the guessed column mapping (editable)
 * → the report of what would change and which rows are rejected →
 * the import with a progress bar and Cancel → what it did, and what
 * the month's figures changed (dl-import-events.c).  Reading, checking
 * and writing run in worker threads, so the window never freezes, and
 * the write is one transaction: Cancel leaves the database as it was.
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-day.h"
#include "dl-import-assistant.h"
#include "dl-import-events.h"
#include "dl-rules.h"
#include "dl-settings.h"
#include "dl-store-import.h"
#include "dl-store-periods.h"
#include "dl-store-risk.h"
#include "dl-toast.h"

#define PREVIEW_ROWS  5
#define PREVIEW_CHARS 28
#define LISTED_ROWS   200

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

G_DEFINE_FINAL_TYPE (DlImportAssistant, dl_import_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (DlImportAssistant *self,
       const char        *text)
{
  dl_toast_show (self->toast_overlay, dl_toast_new (text));
}

static void
show_step (DlImportAssistant *self,
           const char        *step)
{
  gboolean done = g_str_equal (step, "done");
  gboolean busy = g_str_equal (step, "progress");

  gtk_stack_set_visible_child_name (self->stack, step);
  /* the import is over: the window below may be used beside the
   * month's changes, to look at the people they name */
  gtk_window_set_modal (GTK_WINDOW (self), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          g_str_equal (step, "map") || g_str_equal (step, "report"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !busy && !g_str_equal (step, "choose"));
  gtk_button_set_label (self->next_button, done ? _("_Done") : _("_Next"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
}

static char *
shorten (const char *text)
{
  g_autofree char *flat = g_strdelimit (g_strdup (text), "\r\n\t", ' ');

  if (g_utf8_strlen (flat, -1) <= PREVIEW_CHARS)
    return g_steal_pointer (&flat);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (flat, PREVIEW_CHARS - 1) - flat), flat);
}

/* Plain text in a row title or subtitle: AdwActionRow reads markup. */
static void
set_row_text (AdwActionRow *row,
              const char   *title,
              const char   *subtitle)
{
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *s = subtitle != NULL ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), t);
  if (s != NULL)
    adw_action_row_set_subtitle (row, s);
}

/* ------------------------------------------------------------------ */
/* Step 2: preview and mapping                                         */

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
fill_preview (DlImportAssistant *self)
{
  guint n_rows = MIN (dl_csv_table_get_n_rows (self->table), PREVIEW_ROWS + 1);
  guint n_columns = dl_csv_table_get_n_columns (self->table);

  clear_grid (self->preview_grid);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        g_autofree char *text = shorten (dl_csv_table_get (self->table, r, c));
        GtkWidget *label = gtk_label_new (text);

        gtk_label_set_xalign (GTK_LABEL (label), 0);
        gtk_label_set_selectable (GTK_LABEL (label), FALSE);
        if (r == 0)
          gtk_widget_add_css_class (label, "heading");
        gtk_grid_attach (self->preview_grid, label, (int) c, (int) r, 1, 1);
      }
}

static void
update_date_order (DlImportAssistant *self)
{
  gboolean conflict = FALSE;

  dl_csv_guess_date_order (self->table, self->mapping, &self->needs_order, &conflict);
  gtk_widget_set_visible (GTK_WIDGET (self->date_order_row), self->needs_order);
}

static gboolean
check_mapping (DlImportAssistant *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = dl_csv_mapping_check (self->mapping, &error);

  if (ok && self->needs_order && adw_combo_row_get_selected (self->date_order_row) == 0)
    {
      ok = FALSE;
      g_set_error_literal (&error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING,
                           _("Choose how the dates are written before going on."));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error_label), !ok);
  if (!ok)
    gtk_label_set_text (self->mapping_error_label, error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), ok);
  return ok;
}

/* The question about a lone "Sponsor" column shows while the file has
 * one, with the answer the mapping holds now (the column's own row may
 * have changed it). */
static void
update_sponsor_means (DlImportAssistant *self)
{
  int column = dl_csv_mapping_find_ambiguous_sponsor (self->table, self->mapping);

  gtk_widget_set_visible (GTK_WIDGET (self->sponsor_means_row), column >= 0);
  if (column < 0)
    return;

  {
    g_autofree char *title = g_strdup_printf (_("The “%s” Column"), dl_csv_table_get (self->table, 0, (guint) column));
    g_autofree char *markup = g_markup_escape_text (title, -1);
    gboolean was_updating = self->updating;

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sponsor_means_row), markup);
    self->updating = TRUE;
    adw_combo_row_set_selected (self->sponsor_means_row,
                                self->mapping->columns[column] == DL_CSV_FIELD_PLACEMENT_NUMBER ? 1 : 0);
    self->updating = was_updating;
  }
}

static void
sync_column_rows (DlImportAssistant *self)
{
  gboolean was_updating = self->updating;

  self->updating = TRUE;
  for (guint c = 0; c < self->column_rows->len; c++)
    adw_combo_row_set_selected (self->column_rows->pdata[c], self->mapping->columns[c]);
  self->updating = was_updating;
}

static void
on_sponsor_means_selected_cb (AdwComboRow       *row,
                              GParamSpec        *pspec,
                              DlImportAssistant *self)
{
  if (self->updating || self->mapping == NULL)
    return;

  dl_csv_mapping_apply_sponsor_means (self->table, self->mapping,
                                      adw_combo_row_get_selected (row) == 1 ? DL_CSV_SPONSOR_MEANS_PLACEMENT
                                                                            : DL_CSV_SPONSOR_MEANS_ENROLLER);
  sync_column_rows (self);
  check_mapping (self);
}

static void
on_column_selected_cb (AdwComboRow       *row,
                       GParamSpec        *pspec,
                       DlImportAssistant *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));

  if (self->updating)
    return;

  dl_csv_mapping_set (self->mapping, column, (DlCsvField) adw_combo_row_get_selected (row));

  /* a field lives in one column: the others show it was moved */
  sync_column_rows (self);

  update_sponsor_means (self);
  update_date_order (self);
  check_mapping (self);
}

static void
on_option_changed_cb (DlImportAssistant *self)
{
  check_mapping (self);
}

static void
fill_mapping (DlImportAssistant *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  guint n_columns = dl_csv_table_get_n_columns (self->table);
  guint n_rows = dl_csv_table_get_n_rows (self->table);
  g_autofree char *display = g_file_get_parse_name (self->file);
  g_autofree char *about = NULL;

  for (guint f = 0; f < DL_CSV_N_FIELDS; f++)
    gtk_string_list_append (fields, dl_csv_field_get_label (f));

  for (guint c = 0; c < self->column_rows->len; c++)
    adw_preferences_group_remove (self->mapping_group, self->column_rows->pdata[c]);
  g_ptr_array_set_size (self->column_rows, 0);

  self->updating = TRUE;
  for (guint c = 0; c < n_columns; c++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *header = dl_csv_table_get (self->table, 0, c);
      g_autoptr(GString) samples = g_string_new (NULL);
      g_autofree char *title = *header != '\0' ? g_strdup (header) : g_strdup_printf (_("Column %u"), c + 1);

      for (guint r = 1; r < n_rows && r <= 3; r++)
        {
          g_autofree char *value = shorten (dl_csv_table_get (self->table, r, c));

          if (*value != '\0')
            g_string_append_printf (samples, "%s%s", samples->len > 0 ? ", " : "", value);
        }

      set_row_text (ADW_ACTION_ROW (row), title, samples->str);
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, self->mapping->columns[c]);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_column_selected_cb), self, 0);
      adw_preferences_group_add (self->mapping_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
  self->updating = FALSE;

  about = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s — %s, %u row", "%s — %s, %u rows", n_rows - 1),
                           display, dl_csv_encoding_to_string (dl_csv_table_get_encoding (self->table)),
                           n_rows - 1);
  if (self->saved_month != DL_PERIOD_NONE)
    {
      g_autofree char *month = dl_day_format_month_long (self->saved_month / 12, self->saved_month % 12 + 1);
      /* Translators: a month, "The columns as in the October 2026 export, …" */
      g_autofree char *line = g_strdup_printf (_("The columns as in the %s export, a file laid out the same way"),
                                               month);
      g_autofree char *both = g_strdup_printf ("%s\n%s", about, line);

      g_free (about);
      about = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->file_label, about);

  adw_combo_row_set_selected (self->date_order_row, 0);
  fill_preview (self);
  update_sponsor_means (self);
  update_date_order (self);
}

/* ------------------------------------------------------------------ */
/* Step 1: reading the file in a worker                                */

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *path = g_file_get_path (file);
  GError *error = NULL;
  DlCsvTable *table;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only files on this computer can be imported."));
      return;
    }

  table = dl_csv_table_new_from_file (path, &error);
  if (table == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, table, (GDestroyNotify) dl_csv_table_free);
}

/* The month an import without figures is kept under: this one. */
static char *
this_month (void)
{
  char iso[8];

  dl_period_format (dl_period_of_day (dl_clock_get_today (dl_clock_get_default ())), iso);
  return g_strdup (iso);
}

static void
on_read_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (source);
  g_autoptr(GError) error = NULL;
  DlCsvTable *table = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_spinner_stop (self->read_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->read_spinner), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), TRUE);

  if (table == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->table, dl_csv_table_free);
  g_clear_pointer (&self->mapping, dl_csv_mapping_free);
  self->table = table;
  self->mapping = dl_csv_mapping_guess (table);
  {
    g_autofree char *layout = dl_csv_table_layout_key (table);
    g_autofree char *saved = NULL;
    DlDay on = DL_DAY_NONE;
    DlPeriod month = DL_PERIOD_NONE;

    /* next month's export of the same back office: the columns as chosen
     * last time; the very same file: said, and the person goes on if they
     * wish (an import of it changes nothing it has already) */
    if (dl_store_find_imported_file (self->store, dl_csv_table_get_checksum (table), NULL, NULL, NULL, &on))
      {
        g_autofree char *day = dl_day_format_short (on);
        g_autofree char *text = g_strdup_printf (_("This file was imported on %s already"), day);

        toast (self, text);
      }
    /* named by its month, as the person thinks of their exports */
    saved = dl_store_find_saved_mapping (self->store, layout, NULL, &month);
    self->saved_month = saved != NULL && dl_csv_mapping_from_text (self->mapping, saved) ? month : DL_PERIOD_NONE;
  }
  fill_mapping (self);
  show_step (self, "map");
  check_mapping (self);
}

void
dl_import_assistant_open_file (DlImportAssistant *self,
                               GFile             *file)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (DL_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->read_spinner), TRUE);
  gtk_spinner_start (self->read_spinner);

  task = g_task_new (self, self->cancellable, on_read_done_cb, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

static void
on_file_chosen_cb (GtkNativeDialog   *chooser,
                   int                response,
                   DlImportAssistant *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      dl_import_assistant_open_file (self, file);
    }
  g_object_unref (chooser);
}

static void
on_choose_clicked_cb (DlImportAssistant *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose the Back-Office Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheet files (XLSX, CSV, TSV, TXT)"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* Step 3: checking, in a worker, and the report                       */

typedef struct
{
  DlCsvTable       *table;     /* borrowed: the assistant keeps it */
  DlCsvMapping     *mapping;   /* a copy */
  DlDateOrder       order;
  DlUnknownSponsor  policy;
  char             *path;      /* the store's file: the worker reads its numbers */
  GHashTable       *known;
  gboolean          guess_user;   /* the store cannot tell who the user is */
  char             *user_guess;   /* then: who they seem to be (dl_csv_guess_user ()) */
  gboolean          user_guess_in_file;
  guint             user_guess_row;
} CheckJob;

static void
check_job_free (gpointer data)
{
  CheckJob *job = data;

  dl_csv_mapping_free (job->mapping);
  g_free (job->path);
  g_clear_pointer (&job->known, g_hash_table_unref);
  g_free (job->user_guess);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  GError *error = NULL;
  g_autoptr(GHashTable) qualified = NULL;
  DlImportResult *result;

  /* the numbers Downline has, read here: a million of them are a second */
  job->known = dl_store_read_member_numbers (job->path, &error);
  if (job->known == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the numbers kept with their country, so a file without countries finds them */
  qualified = dl_import_qualified_index (job->known);
  result = dl_csv_import_validate_full (job->table, job->mapping, job->order, job->policy,
                                        dl_import_known_in_set, job->known,
                                        dl_import_qualified_in_index, qualified, &error);
  if (job->guess_user)
    job->user_guess = dl_csv_guess_user (job->table, job->mapping, &job->user_guess_in_file, &job->user_guess_row);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) dl_import_result_free);
}

static void
clear_report (DlImportAssistant *self)
{
  for (guint i = 0; i < self->report_widgets->len; i++)
    {
      GtkWidget *row = self->report_widgets->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->report_widgets, 0);
}

static void
add_row (DlImportAssistant   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  set_row_text (ADW_ACTION_ROW (row), title, subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->report_widgets, row);
}

/* A collapsed list of lines under one title. */
static void
add_expander (DlImportAssistant   *self,
              AdwPreferencesGroup *group,
              const char          *title,
              GPtrArray           *lines)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *t = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), t);
  for (guint i = 0; i < lines->len && i < LISTED_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      set_row_text (ADW_ACTION_ROW (row), lines->pdata[i], NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (lines->len > LISTED_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more",
                                                            lines->len - LISTED_ROWS),
                                               lines->len - LISTED_ROWS);

      set_row_text (ADW_ACTION_ROW (row), more, NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_preferences_group_add (group, expander);
  g_ptr_array_add (self->report_widgets, expander);
}

static GPtrArray *
problem_lines (GArray *problems)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      DlImportProblem *p = &g_array_index (problems, DlImportProblem, i);

      g_ptr_array_add (lines, g_strdup_printf (_("Line %u: %s"), p->line, p->reason));
    }
  return lines;
}

/* "Welcome them too": members who joined in the last weeks, but before
 * Downline was first used on the file, get Today's welcome after all
 * (the first use goes back); off again, it comes back. */
static void
on_welcome_too_cb (GtkSwitch         *toggle,
                   GParamSpec        *pspec,
                   DlImportAssistant *self)
{
  DlDay started = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), "dl-started"));
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  DlDay first_use = gtk_switch_get_active (toggle) ? today - DL_RULES_WELCOME_KEEP_DAYS : started;

  dl_settings_set_first_use (dl_settings_get_default (), dl_store_get_path (self->store), first_use);
  dl_store_set_started_on (self->store, first_use);
}

/* Members of the file who joined in the last weeks (a welcome would
 * still be timely) but more than 72 hours before Downline's first use on
 * the file: Today counts them as welcomed already, and says so here. */
static void
add_welcomed_row (DlImportAssistant *self)
{
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  DlDay started = dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (self->store),
                                             today, TRUE);
  g_autofree char *title = NULL;
  GtkWidget *row, *toggle;
  guint n = 0;

  for (guint i = 0; i < self->result->rows->len; i++)
    {
      const DlImportRow *r = &g_array_index (self->result->rows, DlImportRow, i);

      if (r->joined_on != DL_DAY_NONE && r->joined_on >= today - DL_RULES_WELCOME_KEEP_DAYS
          && r->joined_on < started - DL_RULES_WELCOME_WINDOW_DAYS)
        n++;
    }
  if (n == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u member joined in the last weeks, before you started with Downline",
                                        "%u members joined in the last weeks, before you started with Downline",
                                        n), n);
  row = adw_action_row_new ();
  set_row_text (ADW_ACTION_ROW (row), title,
                _("Today counts them as welcomed already; switch on to have Today plan their welcomes"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_object_set_data (G_OBJECT (toggle), "dl-started", GINT_TO_POINTER (started));
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_welcome_too_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (self->summary_group, row);
  g_ptr_array_add (self->report_widgets, row);
}

#define PERIOD_CHOICES 13

/* The month a choice of the period row stands for: 0 is "not a monthly
 * export", 1 last month, 2 the month before… 13 this month. */
static DlPeriod
period_of_choice (guint choice)
{
  DlPeriod now = dl_period_of_day (dl_clock_get_today (dl_clock_get_default ()));

  if (choice == 0 || choice > PERIOD_CHOICES)
    return DL_PERIOD_NONE;
  return choice == PERIOD_CHOICES ? now : now - (DlPeriod) choice;
}

static void start_plan (DlImportAssistant *self);

/* The choice of the period row that stands for period. */
static guint
choice_of_period (DlPeriod period)
{
  for (guint i = 1; i <= PERIOD_CHOICES; i++)
    if (period_of_choice (i) == period)
      return i;
  return 0;
}

/* "Figures of the Month": a back office's monthly export keeps each
 * row's status, rank, volumes and autoship as that month's, which the
 * events, Insights and the dropout risk learn from, and the report
 * compares them with the month before.  Guessed for the person when the
 * file has volumes or autoship (last month, when exports are made);
 * otherwise off.  A choice of the person's stays while they go back to
 * the columns and on again. */
static void
guess_period (DlImportAssistant *self)
{
  gboolean monthly = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_PV) >= 0
                     || dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_GV) >= 0
                     || dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_AUTOSHIP) >= 0;
  gboolean was_updating = self->updating;

  if (!self->period_chosen)
    self->period = period_of_choice (monthly ? 1 : 0);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->period_row, choice_of_period (self->period));
  self->updating = was_updating;
}

/* Another month: what changes is read again, the figures compared with
 * the month before that one. */
static void
on_period_selected_cb (AdwComboRow       *row,
                       GParamSpec        *pspec,
                       DlImportAssistant *self)
{
  if (self->updating)
    return;
  self->period = period_of_choice (adw_combo_row_get_selected (row));
  self->period_chosen = TRUE;
  if (self->result != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "report"))
    start_plan (self);
}

static void
fill_period_choices (DlImportAssistant *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not a monthly export"));
  for (guint i = 1; i <= PERIOD_CHOICES; i++)
    {
      DlPeriod period = period_of_choice (i);
      g_autofree char *name = dl_day_format_month_long (period / 12, period % 12 + 1);

      gtk_string_list_append (choices, name);
    }
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (choices));
}

static void start_check (DlImportAssistant *self);

/* "That's Me": the number goes into the profile, and the file is
 * checked again, so the user's own row updates them and the members
 * they enrolled become their personal recruits. */
static void
on_user_confirmed_cb (GtkButton         *button,
                      DlImportAssistant *self)
{
  g_autoptr(DlProfile) profile = dl_store_get_profile (self->store);
  g_autoptr(GError) error = NULL;

  if (profile == NULL || self->user_guess == NULL)
    return;
  dl_profile_set_member_number (profile, self->user_guess);
  if (!dl_store_save_profile (self->store, profile, &error))
    {
      toast (self, error->message);
      return;
    }
  start_check (self);
}

/* Who the user seems to be in the file, with a button to say so. */
static void
add_user_row (DlImportAssistant *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *button;

  if (self->user_guess == NULL)
    return;

  if (self->user_guess_in_file)
    {
      int first = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_FIRST_NAME);
      int last = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_LAST_NAME);
      int full = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_FULL_NAME);
      g_autofree char *name = full >= 0
        ? g_strdup (dl_csv_table_get (self->table, self->user_guess_row, (guint) full))
        : g_strdup_printf ("%s %s", first >= 0 ? dl_csv_table_get (self->table, self->user_guess_row, (guint) first) : "",
                           last >= 0 ? dl_csv_table_get (self->table, self->user_guess_row, (guint) last) : "");
      int number = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_MEMBER_NUMBER);

      /* no name column: the name beside the number, "900057 (Ana Ruiz)" */
      g_strstrip (name);
      if (name[0] == '\0' && number >= 0)
        {
          g_autofree char *unused = NULL;
          g_autofree char *beside = NULL;

          if (dl_csv_split_member_cell (dl_csv_table_get (self->table, self->user_guess_row, (guint) number),
                                        &unused, &beside) && beside != NULL)
            {
              g_free (name);
              name = g_steal_pointer (&beside);
            }
        }

      /* Translators: a name and a member number */
      if (name[0] == '\0')
        title = g_strdup_printf (_("Are You Member %s?"), self->user_guess);
      else
        title = g_strdup_printf (_("Are You %s (%s)?"), g_strstrip (name), self->user_guess);
      subtitle = g_strdup (_("They are at the top of the file, and everyone else is in their downline. "
                             "Your profile gets their member number, and the members they enrolled "
                             "become your personal recruits."));
    }
  else
    {
      title = g_strdup_printf (_("Is %s Your Member Number?"), self->user_guess);
      subtitle = g_strdup (_("Nobody in the file has it, and every member at the top names it as their "
                             "enroller: they would become your personal recruits."));
    }

  row = adw_action_row_new ();
  set_row_text (ADW_ACTION_ROW (row), title, subtitle);
  button = gtk_button_new_with_mnemonic (_("_That’s Me"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_user_confirmed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (self->summary_group, row);
  g_ptr_array_add (self->report_widgets, row);
}

static void
fill_report (DlImportAssistant *self)
{
  DlImportResult *r = self->result;
  DlImportPlan *p = self->plan;
  g_autofree char *new_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *updated_detail = NULL;
  g_autofree char *status_changes = NULL;
  g_autofree char *rank_changes = NULL;
  g_autofree char *sponsor_changes = NULL;
  g_autofree char *unchanged_text = NULL;
  g_autofree char *button = NULL;

  clear_report (self);
  add_user_row (self);

  new_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new member", "%u new members", p->n_new), p->n_new);
  add_row (self, self->summary_group, new_text, NULL);

  updated_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member changes", "%u members change", p->n_updated),
                                  p->n_updated);
  status_changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u status change", "%u status changes",
                                                 p->n_status_changes), p->n_status_changes);
  rank_changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rank change", "%u rank changes",
                                               p->n_rank_changes), p->n_rank_changes);
  sponsor_changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sponsor change", "%u sponsor changes",
                                                  p->n_sponsor_changes), p->n_sponsor_changes);
  /* Translators: "N status changes", "N rank changes" and "N sponsor changes" */
  updated_detail = g_strdup_printf (_("%s, %s and %s; notes and contacts are kept"),
                                    status_changes, rank_changes, sponsor_changes);
  /* only what happens: a first import has nothing to update */
  if (p->changes->len > 0)
    add_expander (self, self->summary_group, updated_text, p->changes);
  else if (p->n_updated > 0)
    add_row (self, self->summary_group, updated_text, updated_detail);

  if (p->figures_compared != DL_PERIOD_NONE)
    {
      g_autofree char *month = dl_day_format_month_long (p->figures_compared / 12, p->figures_compared % 12 + 1);

      /* Translators: "7 members are the same as in the October 2026 export" */
      unchanged_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member is the same as in the %s export",
                                                     "%u members are the same as in the %s export", p->n_unchanged),
                                        p->n_unchanged, month);
    }
  else
    unchanged_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member is the same", "%u members are the same",
                                                   p->n_unchanged), p->n_unchanged);
  if (p->n_unchanged > 0)
    add_row (self, self->summary_group, unchanged_text, NULL);

  if (p->missing->len > 0)
    {
      g_autofree char *missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u member is not in the file and stays as is",
                                                               "%u members are not in the file and stay as they are",
                                                               p->missing->len), p->missing->len);

      add_expander (self, self->summary_group, missing, p->missing);
    }

  add_welcomed_row (self);

  if (r->n_emails_in_notes > 0)
    {
      g_autofree char *emails = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u e-mail is not usable",
                                                              "%u e-mails are not usable",
                                                              r->n_emails_in_notes),
                                                 r->n_emails_in_notes);

      add_row (self, self->summary_group, emails,
               _("Those members come in without an e-mail; the text of the file is kept in their notes"));
    }

  /* about the whole file: a date column nothing reads, so everyone
   * would join today */
  for (guint i = 0; r->notes != NULL && i < r->notes->len; i++)
    add_row (self, self->summary_group, _("Check the mapping"), r->notes->pdata[i]);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), r->rejected->len > 0);
  if (r->rejected->len > 0)
    {
      g_autoptr(GPtrArray) lines = problem_lines (r->rejected);

      for (guint i = 0; i < lines->len && i < LISTED_ROWS; i++)
        {
          DlImportProblem *prob = &g_array_index (r->rejected, DlImportProblem, i);
          g_autofree char *line = g_strdup_printf (_("Line %u"), prob->line);

          add_row (self, self->problems_group, line, prob->reason);
        }
      if (lines->len > LISTED_ROWS)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more",
                                                            lines->len - LISTED_ROWS),
                                               lines->len - LISTED_ROWS);

          add_row (self, self->problems_group, more, NULL);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->details_group), r->warnings->len > 0);
  if (r->warnings->len > 0)
    {
      g_autoptr(GPtrArray) lines = problem_lines (r->warnings);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u member has an unknown sponsor",
                                                             "%u members have an unknown sponsor",
                                                             lines->len), lines->len);

      add_expander (self, self->details_group, title, lines);
    }

  if (r->rejected->len > 0)
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import the Other %u", "_Import the Other %u",
                                           r->rows->len), r->rows->len);
  else
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Member", "_Import %u Members",
                                           r->rows->len), r->rows->len);
  show_step (self, "report");
  gtk_button_set_label (self->next_button, button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), r->rows->len > 0);
}

static void
on_plan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(DlImportAssistant) self = data;
  g_autoptr(GError) error = NULL;
  DlImportPlan *plan = dl_store_plan_import_finish (DL_STORE (source), result, &error);

  self->planning = FALSE;
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&plan, dl_import_plan_free);
      return;
    }
  /* the month changed meanwhile: this plan compared the wrong one */
  if (self->replan && plan != NULL)
    {
      self->replan = FALSE;
      dl_import_plan_free (plan);
      start_plan (self);
      return;
    }
  self->replan = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->plan, dl_import_plan_free);
  self->plan = plan;
  fill_report (self);
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (source);
  g_autoptr(GError) error = NULL;
  DlImportResult *checked = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  if (checked == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->result, dl_import_result_free);
  g_clear_pointer (&self->plan, dl_import_plan_free);
  self->result = checked;
  {
    CheckJob *job = g_task_get_task_data (G_TASK (result));

    g_free (self->user_guess);
    self->user_guess = g_steal_pointer (&job->user_guess);
    self->user_guess_in_file = job->user_guess_in_file;
    self->user_guess_row = job->user_guess_row;
  }
  guess_period (self);
  start_plan (self);
}

/* What would change, read in a worker too: at a million members it
 * reads every one of them; the buttons wait for it.  The month decides
 * which figures the rows are compared with. */
static void
start_plan (DlImportAssistant *self)
{
  /* the worker reads the result: the month is changed after it */
  if (self->planning)
    {
      self->replan = TRUE;
      return;
    }
  self->result->period = self->period;
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  self->planning = TRUE;
  dl_store_plan_import_async (self->store, self->result, self->cancellable, on_plan_done_cb, g_object_ref (self));
}

static void
start_check (DlImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  /* the plan's worker still reads the result a new check would replace */
  if (self->planning || !check_mapping (self))
    return;

  job = g_new0 (CheckJob, 1);
  job->table = self->table;
  job->mapping = dl_csv_mapping_new (self->mapping->n_columns);
  for (guint c = 0; c < self->mapping->n_columns; c++)
    job->mapping->columns[c] = self->mapping->columns[c];
  switch (adw_combo_row_get_selected (self->date_order_row))
    {
    case 1:
      job->order = DL_DATE_ORDER_DMY;
      break;
    case 2:
      job->order = DL_DATE_ORDER_MDY;
      break;
    default:
      job->order = dl_csv_guess_date_order (self->table, self->mapping, NULL, NULL);
      break;
    }
  job->policy = adw_combo_row_get_selected (self->sponsor_row) == 1 ? DL_UNKNOWN_SPONSOR_NONE
                                                                     : DL_UNKNOWN_SPONSOR_USER;
  job->path = g_strdup (dl_store_get_path (self->store));

  /* who the user is, while the store cannot tell (and has a profile to
   * keep the answer in): the report asks */
  {
    g_autoptr(DlProfile) profile = dl_store_get_profile (self->store);

    job->guess_user = profile != NULL && dl_store_import_needs_user (self->store);
  }

  /* the worker reads the table: nothing may replace it meanwhile */
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  task = g_task_new (self, self->cancellable, on_check_done_cb, NULL);
  g_task_set_task_data (task, job, check_job_free);
  g_task_run_in_thread (task, check_thread);
}

/* ------------------------------------------------------------------ */
/* Step 4: the import                                                  */

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer data)
{
  DlImportAssistant *self = data;

  /* the worker only stores numbers; the main loop draws them */
  g_atomic_int_set (&self->progress_total, (gint) total);
  g_atomic_int_set (&self->progress_done, (gint) done);
}

static gboolean
update_progress_cb (gpointer data)
{
  DlImportAssistant *self = data;
  int total = g_atomic_int_get (&self->progress_total);
  int done = g_atomic_int_get (&self->progress_done);
  g_autofree char *text = NULL;

  if (total > 0)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
      /* every row written: what is left is the month's figures and
       * events, when the file is a month's, and the commit */
      if (done >= total)
        text = g_strdup (self->period != DL_PERIOD_NONE
                         ? _("Keeping the month’s figures and what changed…")
                         : _("Finishing…"));
      else
        text = g_strdup_printf (_("%d of %d"), done, total);
      gtk_progress_bar_set_text (self->progress_bar, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_refit_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_autoptr(GError) error = NULL;

  /* the model in use stays; the import itself is done and said (and
   * the window may be gone, its database closed, by now) */
  if (!dl_store_refit_risk_model_finish (DL_STORE (source), result, NULL, &error))
    g_message ("The dropout risk could not learn again after the import: %s", error->message);
}

static void
on_import_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(DlImportAssistant) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *new_members = NULL;
  g_autofree char *updated = NULL;
  DlImportKept kept = { 0, };

  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (!dl_store_import_members_finish (DL_STORE (source), result, &kept, &error))
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      if (gtk_widget_in_destruction (GTK_WIDGET (self)))
        return;
      fill_report (self);
      toast (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                   ? _("Import cancelled: nothing was changed")
                   : error->message);
      return;
    }

  /* counts with the locale's thousands separators: "120,150" */
  new_members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u new member", "%'u new members",
                                              self->plan->n_new), self->plan->n_new);
  updated = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u updated", "%'u updated", self->plan->n_updated),
                             self->plan->n_updated);
  /* Translators: "N new members" and "N updated" (members) */
  description = g_strdup_printf (_("%s, %s. Every note and contact you logged is still there."),
                                 new_members, updated);
  if (self->result->n_emails_in_notes > 0)
    {
      g_autofree char *counts = g_steal_pointer (&description);
      g_autofree char *emails = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u e-mail was not usable and was kept in the member’s notes.",
                                                              "%u e-mails were not usable and were kept in the members’ notes.",
                                                              self->result->n_emails_in_notes),
                                                 self->result->n_emails_in_notes);

      /* Translators: the sentence of counts, then the one about e-mails kept in notes */
      description = g_strdup_printf (_("%s %s"), counts, emails);
    }
  /* the month's figures, kept with the members */
  if (self->period != DL_PERIOD_NONE)
    {
      g_autofree char *counts = g_steal_pointer (&description);
      g_autofree char *month = dl_day_format_month_long (self->period / 12, self->period % 12 + 1);
      /* Translators: "Kept 120,150 members’ figures for November 2026." */
      g_autofree char *kept_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Kept %'u member’s figures for %s.",
                                                                 "Kept %'u members’ figures for %s.", kept.n_figures),
                                                    kept.n_figures, month);

      description = g_strdup_printf (_("%s %s"), counts, kept_text);
      /* what the month changed, under the counts */
      dl_import_events_set_store (self->done_events, self->store);
      dl_import_events_set_period (self->done_events, self->period);
      gtk_widget_set_visible (GTK_WIDGET (self->done_later_label), TRUE);
    }

  /* kept, so the same file is known again and the next one of its
   * layout is read the same way */
  {
    g_autoptr(GError) record_error = NULL;
    g_autofree char *layout = dl_csv_table_layout_key (self->table);
    g_autofree char *text = dl_csv_mapping_to_text (self->mapping);
    g_autofree char *base = g_file_get_basename (self->file);
    g_autofree char *month = this_month ();
    char iso[8];

    if (self->period != DL_PERIOD_NONE)
      {
        dl_period_format (self->period, iso);
        g_free (month);
        month = g_strdup (iso);
      }
    if (!dl_store_record_import (self->store, month, base, dl_csv_table_get_checksum (self->table), layout, text,
                                 &record_error))
      g_message ("The import was not recorded for next time: %s", record_error->message);
  }

  adw_status_page_set_description (self->done_page, description);
  show_step (self, "done");

  /* new members, new sponsors: the risk learns again, in a worker */
  {
    DlCadence cadence;

    dl_settings_get_cadence (dl_settings_get_default (), &cadence);
    dl_store_refit_risk_model_async (DL_STORE (source), &cadence, NULL, on_refit_done_cb, NULL);
  }
}

/* A person of the month's changes: shown in the window's Downline view
 * (the window the assistant was opened over).  The list stays, open
 * where it was: a person goes through it one member after another, and
 * the window below can be used meanwhile (see show_step ()). */
static void
on_event_person_activated_cb (DlImportAssistant *self,
                              gint64             member_id,
                              DlImportEvents    *events)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-person", "(xs)", member_id, "downline");
}

static void
start_import (DlImportAssistant *self)
{
  g_atomic_int_set (&self->progress_done, 0);
  g_atomic_int_set (&self->progress_total, (gint) self->result->rows->len);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show_step (self, "progress");
  self->progress_source = g_timeout_add (100, update_progress_cb, self);
  /* a month older than the newest kept fills the history, and leaves
   * the members as the newest month says */
  self->result->period = self->period;

  dl_store_import_members_async (self->store, self->result, self->cancellable,
                                 on_progress_cb, self, on_import_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Buttons                                                             */

static void
on_next_clicked_cb (DlImportAssistant *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "map"))
    start_check (self);
  else if (g_str_equal (step, "report"))
    start_import (self);
  else if (g_str_equal (step, "done"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_back_clicked_cb (DlImportAssistant *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "report"))
    {
      show_step (self, "map");
      check_mapping (self);
    }
  else
    show_step (self, "choose");
}

static void
on_cancel_clicked_cb (DlImportAssistant *self)
{
  /* during the import Cancel rolls it back; the window stays to say so */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "progress"))
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
dl_import_assistant_close_request (GtkWindow *window)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (window);

  /* an import under way is cancelled, never left half-done */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dl_import_assistant_parent_class)->close_request (window);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

static void
dl_import_assistant_dispose (GObject *object)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_widgets, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), DL_TYPE_IMPORT_ASSISTANT);

  G_OBJECT_CLASS (dl_import_assistant_parent_class)->dispose (object);
}

static void
dl_import_assistant_finalize (GObject *object)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (object);

  g_clear_pointer (&self->plan, dl_import_plan_free);
  g_clear_pointer (&self->result, dl_import_result_free);
  g_clear_pointer (&self->mapping, dl_csv_mapping_free);
  g_clear_pointer (&self->table, dl_csv_table_free);
  g_free (self->user_guess);

  G_OBJECT_CLASS (dl_import_assistant_parent_class)->finalize (object);
}

static void
dl_import_assistant_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_import_assistant_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_import_assistant_class_init (DlImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dl_import_assistant_dispose;
  object_class->finalize = dl_import_assistant_finalize;
  object_class->get_property = dl_import_assistant_get_property;
  object_class->set_property = dl_import_assistant_set_property;
  window_class->close_request = dl_import_assistant_close_request;

  g_type_ensure (DL_TYPE_IMPORT_EVENTS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/transfer/dl-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, choose_button);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, read_spinner);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, file_label);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, date_order_row);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, sponsor_means_row);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, sponsor_row);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, mapping_error_label);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, period_row);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, summary_group);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, problems_group);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, details_group);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, progress_page);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, done_page);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, done_events);
  gtk_widget_class_bind_template_child (widget_class, DlImportAssistant, done_later_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_person_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dl_import_assistant_init (DlImportAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->column_rows = g_ptr_array_new ();
  self->report_widgets = g_ptr_array_new ();
  self->period = DL_PERIOD_NONE;

  g_signal_connect_object (self->date_order_row, "notify::selected",
                           G_CALLBACK (on_option_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sponsor_means_row, "notify::selected",
                           G_CALLBACK (on_sponsor_means_selected_cb), self, 0);
  self->saved_month = DL_PERIOD_NONE;
  fill_period_choices (self);
  g_signal_connect_object (self->period_row, "notify::selected",
                           G_CALLBACK (on_period_selected_cb), self, 0);
  show_step (self, "choose");
}

DlImportAssistant *
dl_import_assistant_new (GtkWindow *parent,
                         DlStore   *store)
{
  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  return g_object_new (DL_TYPE_IMPORT_ASSISTANT,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

const char *
dl_import_assistant_get_step (DlImportAssistant *self)
{
  g_return_val_if_fail (DL_IS_IMPORT_ASSISTANT (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

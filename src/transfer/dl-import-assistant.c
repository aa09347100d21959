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
 *
 * The check and its report (step 3) are in dl-import-assistant-report.c.
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-day.h"
#include "dl-import-assistant-private.h"
#include "dl-settings.h"
#include "dl-store-periods.h"
#include "dl-store-risk.h"
#include "dl-toast.h"

#define PREVIEW_ROWS  5
#define PREVIEW_CHARS 28

G_DEFINE_FINAL_TYPE (DlImportAssistant, dl_import_assistant, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
dl_import_assistant_toast (DlImportAssistant *self,
                           const char        *text)
{
  dl_toast_show (self->toast_overlay, dl_toast_new (text));
}

void
dl_import_assistant_show_step (DlImportAssistant *self,
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
void
dl_import_assistant_set_row_text (AdwActionRow *row,
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

gboolean
dl_import_assistant_check_mapping (DlImportAssistant *self)
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
  dl_import_assistant_check_mapping (self);
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
  dl_import_assistant_check_mapping (self);
}

static void
on_option_changed_cb (DlImportAssistant *self)
{
  dl_import_assistant_check_mapping (self);
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

      dl_import_assistant_set_row_text (ADW_ACTION_ROW (row), title, samples->str);
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
        dl_import_assistant_toast (self, error->message);
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

        dl_import_assistant_toast (self, text);
      }
    /* named by its month, as the person thinks of their exports */
    saved = dl_store_find_saved_mapping (self->store, layout, NULL, &month);
    self->saved_month = saved != NULL && dl_csv_mapping_from_text (self->mapping, saved) ? month : DL_PERIOD_NONE;
  }
  fill_mapping (self);
  dl_import_assistant_show_step (self, "map");
  dl_import_assistant_check_mapping (self);
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
      dl_import_assistant_fill_report (self);
      dl_import_assistant_toast (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
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
  dl_import_assistant_show_step (self, "done");

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
 * the window below can be used meanwhile (see
 * dl_import_assistant_show_step ()). */
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
  dl_import_assistant_show_step (self, "progress");
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
    dl_import_assistant_start_check (self);
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
      dl_import_assistant_show_step (self, "map");
      dl_import_assistant_check_mapping (self);
    }
  else
    dl_import_assistant_show_step (self, "choose");
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
  dl_import_assistant_report_init (self);
  dl_import_assistant_show_step (self, "choose");
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

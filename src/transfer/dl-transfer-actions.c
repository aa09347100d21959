/* dl-transfer-actions.c — the primary menu's import, export and backup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A "transfer" action group on the window, so the window's own code
 * only calls dl_transfer_actions_install ().  Long work (reading and
 * importing a big export, backups) runs in worker threads; the rest is
 * fast enough to run at once.
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dl-changes-window.h"
#include "dl-clock.h"
#include "dl-day.h"
#include "dl-import-assistant.h"
#include "dl-settings.h"
#include "dl-store-export.h"
#include "dl-store-import.h"
#include "dl-transfer-actions.h"
#include "dl-undo-stack.h"


static const struct
{
  const char *action;
  const char *accels[2];
} transfer_accels[] = {
  { "transfer.import-csv", { "<Control>o", NULL } },
  { "transfer.import-vcard", { "<Control><Shift>o", NULL } },
  { "transfer.export-csv", { "<Control>e", NULL } },
  { "transfer.backup", { "<Control>b", NULL } },
  { "transfer.restore", { "<Control><Shift>b", NULL } },
};

typedef struct
{
  GtkWindow   *window;    /* not owned: the group lives on the window */
  DlStore     *store;
  DlUndoStack *messages;  /* the window's toasts; NULL: the log */
  GtkWindow   *changes;   /* weak: the month's changes, while open */
} Transfer;

static void
transfer_free (gpointer data)
{
  Transfer *t = data;

  if (t->changes != NULL)
    g_object_remove_weak_pointer (G_OBJECT (t->changes), (gpointer *) &t->changes);

  g_clear_object (&t->store);
  g_clear_object (&t->messages);
  g_free (t);
}

/* In the window's toasts (the messages it installed these actions
 * with); in the log when there are none. */
static void
tell_window (GtkWindow  *window,
             const char *text)
{
  Transfer *t = g_object_get_data (G_OBJECT (window), "dl-transfer");

  if (t == NULL || t->messages == NULL)
    {
      g_message ("%s", text);
      return;
    }
  dl_undo_stack_message (t->messages, DL_UNDO_MESSAGE_NORMAL, text);
}

static void
tell (Transfer   *t,
      const char *text)
{
  tell_window (t->window, text);
}

static void
show_error_in (GtkWindow    *window,
               const char   *heading,
               const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (window, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_error (Transfer     *t,
            const char   *heading,
            const GError *error)
{
  show_error_in (t->window, heading, error);
}

/* Where a chooser opens: folder when it is there, else wherever the
 * toolkit likes. */
static void
start_chooser_in (GtkFileChooserNative *chooser,
                  const char           *folder)
{
  g_autoptr(GFile) dir = NULL;

  if (folder == NULL || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    return;
  dir = g_file_new_for_path (folder);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, NULL);
}

static GtkFileChooserNative *
chooser_new (Transfer             *t,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *folder)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, t->window, action, accept, _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "transfer", t);
  start_chooser_in (chooser, folder != NULL ? folder : g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
  return chooser;
}

static char *
chosen_path (GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  return file != NULL ? g_file_get_path (file) : NULL;
}

/* ------------------------------------------------------------------ */

static void
import_csv_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  Transfer *t = data;
  DlImportAssistant *assistant = dl_import_assistant_new (t->window, t->store);

  gtk_window_present (GTK_WINDOW (assistant));
}

/* The month's changes again, after the assistant that listed them has
 * closed: one window, brought to the front and read again when asked
 * for a second time. */
static void
month_changes_activated (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       data)
{
  Transfer *t = data;

  if (t->changes != NULL)
    dl_changes_window_reload (DL_CHANGES_WINDOW (t->changes));
  else
    {
      t->changes = GTK_WINDOW (dl_changes_window_new (t->window, t->store));
      g_object_add_weak_pointer (G_OBJECT (t->changes), (gpointer *) &t->changes);
    }
  gtk_window_present (t->changes);
}

/* A vCard import in flight: the file is read and the cards written in
 * worker threads, while a dialog shows how far it got and offers
 * Cancel.  It holds its own references: the window may close first. */
typedef struct
{
  GtkWindow        *window;
  DlStore          *store;
  GCancellable     *cancellable;
  AdwMessageDialog *dialog;
  GtkProgressBar   *bar;
  guint             pulse_id;
  gint              done;        /* atomic: written by the worker */
  gint              total;
  char             *path;
  GPtrArray        *cards;
} VCardImport;

static void
vcard_import_free (VCardImport *import)
{
  g_clear_handle_id (&import->pulse_id, g_source_remove);
  if (import->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (import->dialog));
  g_clear_object (&import->dialog);
  g_clear_object (&import->bar);
  g_clear_object (&import->window);
  g_clear_object (&import->store);
  g_clear_object (&import->cancellable);
  g_clear_pointer (&import->cards, g_ptr_array_unref);
  g_free (import->path);
  g_free (import);
}

/* In the worker: only numbers, read by the dialog's timer. */
static void
on_vcard_progress (guint    done,
                   guint    total,
                   gpointer data)
{
  VCardImport *import = data;

  g_atomic_int_set (&import->total, (gint) total);
  g_atomic_int_set (&import->done, (gint) done);
}

static gboolean
on_vcard_pulse_cb (gpointer data)
{
  VCardImport *import = data;
  gint total = g_atomic_int_get (&import->total);

  if (total > 0)
    gtk_progress_bar_set_fraction (import->bar, (double) g_atomic_int_get (&import->done) / total);
  else
    gtk_progress_bar_pulse (import->bar);
  return G_SOURCE_CONTINUE;
}

static void
on_vcard_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             VCardImport      *import)
{
  /* the dialog closes itself now; the work stops at its next card and
   * the toast says nothing was added */
  g_clear_handle_id (&import->pulse_id, g_source_remove);
  g_cancellable_cancel (import->cancellable);
}

static void
on_vcards_imported_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  VCardImport *import = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *moved = NULL;
  DlVCardReport report = { 0 };

  if (!dl_store_import_vcards_finish (import->store, result, &report, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error_in (import->window, _("The Contacts Were Not Imported"), error);
      else
        tell_window (import->window, _("The import was cancelled: no contact was added"));
      vcard_import_free (import);
      return;
    }

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u prospect to the pipeline",
                                       "Added %u prospects to the pipeline", report.n_added),
                          report.n_added);
  if (report.n_duplicates > 0)
    {
      g_autofree char *added = g_steal_pointer (&text);
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u already in Downline was skipped",
                                                               "%u already in Downline were skipped",
                                                               report.n_duplicates),
                                                  report.n_duplicates);

      /* Translators: "Added N prospects to the pipeline" and "N already in Downline were skipped" */
      text = g_strdup_printf (_("%s; %s"), added, skipped);
    }
  moved = dl_vcard_report_describe (&report);
  if (moved != NULL)
    {
      g_autofree char *counts = g_steal_pointer (&text);

      /* Translators: "Added N prospects to the pipeline", then the sentence
       * saying what was shortened or kept in the notes */
      text = g_strdup_printf (_("%s. %s"), counts, moved);
    }
  tell_window (import->window, text);
  dl_vcard_report_clear (&report);
  vcard_import_free (import);
}

static void
read_vcards_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  VCardImport *import = task_data;
  GError *error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (import->path, FALSE, &error);

  if (file == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         dl_vcard_parse (g_mapped_file_get_contents (file), g_mapped_file_get_length (file)),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
on_vcards_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  VCardImport *import = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  import->cards = g_task_propagate_pointer (G_TASK (result), &error);
  if (import->cards == NULL)
    {
      show_error_in (import->window, _("The Contacts Were Not Imported"), error);
      vcard_import_free (import);
      return;
    }
  if (import->cards->len == 0)
    {
      tell_window (import->window, _("That file holds no contact cards"));
      vcard_import_free (import);
      return;
    }
  if (g_cancellable_is_cancelled (import->cancellable))
    {
      tell_window (import->window, _("The import was cancelled: no contact was added"));
      vcard_import_free (import);
      return;
    }

  dl_store_import_vcards_async (import->store, import->cards, import->cancellable,
                                on_vcard_progress, import, on_vcards_imported_cb, import);
}

void
dl_transfer_import_vcard_file (GtkWindow  *window,
                               DlStore    *store,
                               const char *path)
{
  g_autoptr(GTask) task = NULL;
  VCardImport *import;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (path != NULL);

  import = g_new0 (VCardImport, 1);
  import->window = g_object_ref (window);
  import->store = g_object_ref (store);
  import->cancellable = g_cancellable_new ();
  import->path = g_strdup (path);

  /* referenced: the dialog closes itself on Cancel, before the work ends */
  import->dialog = g_object_ref (ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Importing Contacts…"),
                                                                             NULL)));
  import->bar = g_object_ref_sink (GTK_PROGRESS_BAR (gtk_progress_bar_new ()));
  adw_message_dialog_set_extra_child (import->dialog, GTK_WIDGET (import->bar));
  adw_message_dialog_add_response (import->dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (import->dialog, "cancel");
  g_signal_connect (import->dialog, "response", G_CALLBACK (on_vcard_dialog_response_cb), import);
  gtk_window_present (GTK_WINDOW (import->dialog));
  import->pulse_id = g_timeout_add (100, on_vcard_pulse_cb, import);

  task = g_task_new (NULL, import->cancellable, on_vcards_read_cb, NULL);
  g_task_set_source_tag (task, dl_transfer_import_vcard_file);
  g_task_set_task_data (task, import, NULL);
  g_task_run_in_thread (task, read_vcards_thread);
}

static void
on_vcard_chosen_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         data)
{
  Transfer *t = g_object_get_data (G_OBJECT (chooser), "transfer");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;

  g_object_unref (chooser);
  if (path != NULL)
    dl_transfer_import_vcard_file (t->window, t->store, path);
}

static void
import_vcard_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       data)
{
  Transfer *t = data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = chooser_new (t, _("Import Contacts"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("Contact cards (vCard)"));
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_filter_add_suffix (filter, "vcard");
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_vcard_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_export_folder_chosen_cb (GtkNativeDialog *chooser,
                            int              response,
                            gpointer         data)
{
  Transfer *t = g_object_get_data (G_OBJECT (chooser), "transfer");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  DlCadence cadence;

  g_object_unref (chooser);
  if (path == NULL)
    return;

  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  if (!dl_store_export_csv (t->store, path, &cadence,
                            dl_clock_get_today (dl_clock_get_default ()), &error))
    {
      show_error (t, _("Nothing Was Exported"), error);
      return;
    }
  display = g_filename_display_basename (path);
  text = g_strdup_printf (_("Members, prospects and contacts saved in “%s”"), display);
  tell (t, text);
}

static void
export_csv_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       data)
{
  Transfer *t = data;
  GtkFileChooserNative *chooser;

  chooser = chooser_new (t, _("Export to Spreadsheets"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Export Here"), NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_folder_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_backup_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  /* the window may have closed meanwhile: it was kept alive for this */
  g_autoptr(GtkWindow) window = data;
  g_autoptr(GError) error = NULL;

  if (!dl_store_backup_finish (DL_STORE (source), result, &error))
    show_error_in (window, _("The Backup Was Not Made"), error);
  else
    tell_window (window, _("Backup saved"));
}

static void
on_backup_file_chosen_cb (GtkNativeDialog *chooser,
                          int              response,
                          gpointer         data)
{
  Transfer *t = g_object_get_data (G_OBJECT (chooser), "transfer");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;

  g_object_unref (chooser);
  if (path == NULL)
    return;

  tell (t, _("Backing up…"));
  dl_store_backup_async (t->store, path, NULL, on_backup_done_cb, g_object_ref (t->window));
}

static void
backup_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       data)
{
  Transfer *t = data;
  GtkFileChooserNative *chooser;
  char today[16];
  g_autofree char *name = NULL;

  dl_day_format_iso (dl_day_today (), today);
  /* Translators: the suggested file name of a backup; %s is the date */
  name = g_strdup_printf (_("downline-backup-%s.db"), today);
  chooser = chooser_new (t, _("Back Up Now"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_file_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_vcard_file_chosen_cb (GtkNativeDialog *chooser,
                         int              response,
                         gpointer         data)
{
  Transfer *t = g_object_get_data (G_OBJECT (chooser), "transfer");
  GArray *ids = g_object_get_data (G_OBJECT (chooser), "ids");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (path != NULL)
    {
      if (!dl_store_export_vcards (t->store, (const gint64 *) (gpointer) ids->data, ids->len, path, &error))
        show_error (t, _("The Contacts Were Not Saved"), error);
      else
        {
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u contact card", "Saved %u contact cards",
                                               ids->len), ids->len);
          tell (t, text);
        }
    }
  g_object_unref (chooser);
}

/* transfer.export-vcard(ax): the views call it with the person ids of
 * their selection. */
static void
export_vcard_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       data)
{
  Transfer *t = data;
  GtkFileChooserNative *chooser;
  gsize n = 0;
  const gint64 *ids = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));
  GArray *copy;

  if (n == 0)
    return;

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), (guint) n);
  g_array_append_vals (copy, ids, (guint) n);
  chooser = chooser_new (t, _("Export Contacts"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  /* Translators: the suggested file name of exported contact cards */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("contacts.vcf"));
  g_object_set_data_full (G_OBJECT (chooser), "ids", copy, (GDestroyNotify) g_array_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_vcard_file_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
safety_copy_path (Transfer *t)
{
  g_autofree char *dir = dl_transfer_get_daily_backup_dir ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("before-restore-%s.db", stamp);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          data)
{
  Transfer *t = data;
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup");
  g_autofree char *safety = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "restore"))
    return;

  /* what is there now is kept, so the restore itself can be undone */
  safety = safety_copy_path (t);
  if (!dl_store_backup_as_is (t->store, safety, &error))
    {
      show_error (t, _("Nothing Was Restored"), error);
      return;
    }
  if (!dl_store_restore (t->store, backup, &error))
    {
      show_error (t, _("Nothing Was Restored"), error);
      return;
    }

  text = g_strdup_printf (_("Backup restored. Your data from before is kept in %s"), safety);
  tell (t, text);
}

static void
on_restore_file_chosen_cb (GtkNativeDialog *chooser,
                           int              response,
                           gpointer         data)
{
  Transfer *t = g_object_get_data (G_OBJECT (chooser), "transfer");
  g_autofree char *path = response == GTK_RESPONSE_ACCEPT ? chosen_path (chooser) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_object_unref (chooser);
  if (path == NULL)
    return;

  if (!dl_store_check_backup (path, &error))
    {
      show_error (t, _("This Backup Cannot Be Restored"), error);
      return;
    }

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    {
      g_autoptr(GDateTime) modified = g_file_info_get_modification_date_time (info);
      g_autoptr(GDateTime) local = modified != NULL ? g_date_time_to_local (modified) : NULL;

      when = local != NULL ? dl_day_format_moment (local) : NULL;
    }

  body = g_strdup_printf (_("Everything in Downline will be replaced by the backup from %s. "
                            "A copy of what is there now is kept first, so nothing is lost."),
                          when != NULL ? when : _("an unknown date"));
  dialog = adw_message_dialog_new (t->window, _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_steal_pointer (&path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), t);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       data)
{
  Transfer *t = data;
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *daily = dl_transfer_get_daily_backup_dir ();

  /* in the daily backups, which are there whoever made the database */
  chooser = chooser_new (t, _("Restore From Backup"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), daily);
  gtk_file_filter_set_name (filter, _("Downline backups"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_file_chosen_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */

static void
daily_backup_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *dir = task_data;
  guint keep = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (task), "keep"));
  GError *error = NULL;

  /* only the store's path is read here, never its connection */
  if (dl_store_backup_daily (DL_STORE (source), dir, keep, dl_day_today (), NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

char *
dl_transfer_get_daily_backup_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "backups", NULL);
}

void
dl_transfer_daily_backup_async (DlStore             *store,
                                const char          *dir,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GSettings) settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));
  g_autoptr(GTask) task = NULL;
  guint keep = g_settings_get_uint (settings, "backups-kept");

  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (dir != NULL);

  task = g_task_new (store, NULL, callback, user_data);
  g_task_set_source_tag (task, dl_transfer_daily_backup_async);
  g_task_set_task_data (task, g_strdup (dir), g_free);
  /* read here, on the caller's thread: the worker never touches GSettings */
  g_object_set_data (G_OBJECT (task), "keep", GUINT_TO_POINTER (MAX (keep, 1)));
  g_task_run_in_thread (task, daily_backup_thread);
}

gboolean
dl_transfer_daily_backup_finish (DlStore       *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_damaged_backup_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               GtkWidget        *window)
{
  if (g_str_equal (response, "restore"))
    gtk_widget_activate_action (window, "transfer.restore", NULL);
}

/* A damaged database makes no backup and rotates none away; the person
 * is told at once, with the newest sound backup named in the message
 * and the way to restore it one click away. */
static void
on_daily_backup_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data)
{
  g_autoptr(GtkWidget) window = data;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (dl_transfer_daily_backup_finish (DL_STORE (source), result, &error))
    return;

  if (!g_error_matches (error, DL_STORE_ERROR, DL_STORE_ERROR_DAMAGED) || !gtk_widget_get_realized (window))
    {
      g_warning ("The daily backup was not made: %s", error->message);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Your Database Is Damaged"), error->message);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "restore", _("_Restore From Backup…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_damaged_backup_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dl_transfer_actions_install (GtkWindow   *window,
                             DlStore     *store,
                             DlUndoStack *messages,
                             const char  *default_db_path)
{
  const GActionEntry entries[] = {
    { "import-csv", import_csv_activated },
    { "month-changes", month_changes_activated },
    { "import-vcard", import_vcard_activated },
    { "export-csv", export_csv_activated },
    { "backup", backup_activated },
    { "restore", restore_activated },
    { "export-vcard", export_vcard_activated, "ax" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  Transfer *t;

  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (DL_IS_STORE (store));

  t = g_new0 (Transfer, 1);
  t->window = window;
  t->store = g_object_ref (store);
  t->messages = messages != NULL ? g_object_ref (messages) : NULL;
  g_object_set_data_full (G_OBJECT (group), "transfer", t, transfer_free);
  /* for the messages of work that outlives a chooser: not owned, the
   * group (which owns it) lives on the window */
  g_object_set_data (G_OBJECT (window), "dl-transfer", t);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), t);
  gtk_widget_insert_action_group (GTK_WIDGET (window), "transfer", G_ACTION_GROUP (group));

  /* Through the application, so the menu shows them too; none of the
   * views uses these keys (see ui/gtk/help-overlay.ui). */
  if (gtk_window_get_application (window) != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (transfer_accels); i++)
      gtk_application_set_accels_for_action (gtk_window_get_application (window),
                                             transfer_accels[i].action, transfer_accels[i].accels);

  /* the store's path has its links resolved; the usual one may not */
  if (default_db_path != NULL)
    {
      g_autofree char *usual = realpath (default_db_path, NULL);

      if (g_strcmp0 (usual != NULL ? usual : default_db_path, dl_store_get_path (store)) == 0)
        {
          g_autofree char *dir = dl_transfer_get_daily_backup_dir ();

          dl_transfer_daily_backup_async (store, dir, on_daily_backup_done_cb, g_object_ref (window));
        }
    }
}

/* dl-backup-preferences.c — the automatic backups, for Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A preferences group bound straight to GSettings: how many daily
 * backups to keep (the next automatic backup prunes to it), and where
 * they are, with a button that opens the folder.
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "dl-backup-preferences.h"
#include "dl-settings.h"
#include "dl-toast.h"
#include "dl-transfer-actions.h"

struct _DlBackupPreferences
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *settings;

  /* template children */
  GtkSpinButton       *kept_spin;
  AdwActionRow        *folder_row;
};

G_DEFINE_FINAL_TYPE (DlBackupPreferences, dl_backup_preferences, ADW_TYPE_PREFERENCES_GROUP)

static void
on_open_folder_cb (DlBackupPreferences *self)
{
  g_autofree char *dir = dl_transfer_get_daily_backup_dir ();
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* before the first backup the folder may not be there yet */
  g_mkdir_with_parents (dir, 0700);
  uri = g_filename_to_uri (dir, NULL, NULL);
  if (uri == NULL ||
      !g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the backup folder: %s"),
                                                  error != NULL ? error->message : dir);

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), dl_toast_new (message));
      else
        g_warning ("%s", message);
    }
}

static void
dl_backup_preferences_dispose (GObject *object)
{
  DlBackupPreferences *self = DL_BACKUP_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_BACKUP_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_backup_preferences_parent_class)->dispose (object);
}

static void
dl_backup_preferences_class_init (DlBackupPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_backup_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/transfer/dl-backup-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, DlBackupPreferences, kept_spin);
  gtk_widget_class_bind_template_child (widget_class, DlBackupPreferences, folder_row);
  gtk_widget_class_bind_template_callback (widget_class, on_open_folder_cb);
}

static void
dl_backup_preferences_init (DlBackupPreferences *self)
{
  g_autofree char *dir = dl_transfer_get_daily_backup_dir ();
  g_autofree char *display = g_filename_display_name (dir);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* ~/.local/share/… reads better than the whole path */
  if (home_len > 1 && g_str_has_prefix (dir, home) && dir[home_len] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (dir + home_len);

      g_free (display);
      display = g_strconcat ("~", rest, NULL);
    }

  self->settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));
  g_settings_bind (self->settings, "backups-kept",
                   gtk_spin_button_get_adjustment (self->kept_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);

  /* a path is not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->folder_row), FALSE);
  adw_action_row_set_subtitle (self->folder_row, display);
}

/* dl-preferences-window.c — settings that live in GSettings, and the profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-backup-preferences.h"
#include "dl-pipeline-goals.h"
#include "dl-preferences-window.h"
#include "dl-profile-form.h"
#include "dl-risk-preferences.h"
#include "dl-settings.h"
#include "dl-today-preferences.h"
#include "dl-toast.h"

struct _DlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* template children */
  AdwComboRow          *style_row;
  AdwPreferencesPage   *profile_page;
  DlProfileForm        *profile_form;
  DlRiskPreferences    *risk_page;
};

G_DEFINE_FINAL_TYPE (DlPreferencesWindow, dl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* the combo row's positions, in the order of the .ui's string list */
static const char *const color_schemes[] = { "default", "light", "dark" };

static gboolean
scheme_to_position (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    {
      if (g_str_equal (scheme, color_schemes[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
position_to_scheme (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  if (position >= G_N_ELEMENTS (color_schemes))
    return NULL;

  return g_variant_new_string (color_schemes[position]);
}

static void
on_profile_saved_cb (DlPreferencesWindow *self)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    dl_toast_new (_("Profile saved")));
}

static void
dl_preferences_window_dispose (GObject *object)
{
  DlPreferencesWindow *self = DL_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_preferences_window_parent_class)->dispose (object);
}

static void
dl_preferences_window_class_init (DlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_preferences_window_dispose;

  g_type_ensure (DL_TYPE_PROFILE_FORM);
  g_type_ensure (DL_TYPE_BACKUP_PREFERENCES);
  g_type_ensure (DL_TYPE_PIPELINE_GOALS);
  g_type_ensure (DL_TYPE_TODAY_PREFERENCES);
  g_type_ensure (DL_TYPE_RISK_PREFERENCES);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/app/dl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, DlPreferencesWindow, profile_page);
  gtk_widget_class_bind_template_child (widget_class, DlPreferencesWindow, profile_form);
  gtk_widget_class_bind_template_child (widget_class, DlPreferencesWindow, risk_page);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_saved_cb);
}

static void
dl_preferences_window_init (DlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlPreferencesWindow *
dl_preferences_window_new (DlApplication *application,
                           DlStore       *store)
{
  DlPreferencesWindow *self;

  g_return_val_if_fail (DL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!store || DL_IS_STORE (store), NULL);

  self = g_object_new (DL_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));

  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_to_position, position_to_scheme,
                                NULL, NULL);

  /* the profile and the risk model live in the database: without one
   * there is nothing to show */
  if (store != NULL)
    {
      dl_profile_form_set_store (self->profile_form, store);
      dl_risk_preferences_set_store (self->risk_page, store);
    }
  else
    {
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), self->profile_page);
      adw_preferences_window_remove (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->risk_page));
    }

  return self;
}

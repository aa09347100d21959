/* dl-today-preferences.c — the Check-Ins page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every control is bound to GSettings; "start at login" also writes or
 * removes the autostart entry, and stays off when that fails.  The
 * switches of "What Today plans" each stand for one word of
 * today-kinds-off: on means the word is not in the list.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-notifier.h"
#include "dl-settings.h"
#include "dl-toast.h"
#include "dl-today-preferences.h"

struct _DlTodayPreferences
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  gboolean            loading_time;

  GtkSpinButton      *capacity_spin;
  AdwExpanderRow     *event_row;
  GtkSpinButton      *new_every_spin;
  GtkSpinButton      *new_days_spin;
  GtkSpinButton      *personal_spin;
  GtkSpinButton      *second_spin;
  GtkSwitch          *notifications_switch;
  GtkSpinButton      *hour_spin;
  GtkSpinButton      *minute_spin;
  GtkSwitch          *background_switch;
  GtkSwitch          *login_switch;
};

G_DEFINE_FINAL_TYPE (DlTodayPreferences, dl_today_preferences, ADW_TYPE_PREFERENCES_PAGE)

/* The switches of "What Today plans" and the word each one keeps out of
 * today-kinds-off (dl_task_kind_to_string, dl_event_type_to_string). */
static const struct
{
  const char *child;
  const char *word;
} kind_switches[] = {
  { "welcome_switch", "welcome" },
  { "first_weeks_switch", "first-weeks" },
  { "upline_welcome_switch", "upline-welcome" },
  { "check_in_switch", "check-in" },
  { "follow_up_switch", "follow-up" },
  { "autoship_cancelled_switch", "autoship-cancelled" },
  { "became_inactive_switch", "became-inactive" },
  { "rank_down_switch", "rank-down" },
  { "volume_drop_switch", "volume-drop" },
  { "rank_up_switch", "rank-up" },
  { "autoship_started_switch", "autoship-started" },
  { "reactivated_switch", "reactivated" },
};

typedef struct
{
  GSettings  *settings;   /* not owned: the page's, which outlives the binding */
  const char *word;
} KindBinding;

/* on when the word is not in the list */
static gboolean
kind_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  KindBinding *binding = user_data;
  g_autofree const char **off = g_variant_get_strv (variant, NULL);

  g_value_set_boolean (value, !g_strv_contains ((const char * const *) off, binding->word));
  return TRUE;
}

/* The list as it is, with this word added or taken out; the others
 * stay where they were. */
static GVariant *
kind_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  KindBinding *binding = user_data;
  g_auto(GStrv) off = g_settings_get_strv (binding->settings, "today-kinds-off");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; off[i] != NULL; i++)
    if (!g_str_equal (off[i], binding->word))
      g_strv_builder_add (builder, off[i]);
  if (!g_value_get_boolean (value))
    g_strv_builder_add (builder, binding->word);
  list = g_strv_builder_end (builder);
  return g_variant_new_strv ((const char * const *) list, -1);
}

static void
bind_kind (DlTodayPreferences *self,
           GObject            *widget,
           const char         *property,
           const char         *word)
{
  KindBinding *binding = g_new0 (KindBinding, 1);

  binding->settings = self->settings;
  binding->word = word;
  g_settings_bind_with_mapping (self->settings, "today-kinds-off", widget, property,
                                G_SETTINGS_BIND_DEFAULT, kind_get_mapping, kind_set_mapping,
                                binding, g_free);
}

static void
bind_kinds (DlTodayPreferences *self)
{
  GType type = G_OBJECT_TYPE (self);

  for (guint i = 0; i < G_N_ELEMENTS (kind_switches); i++)
    bind_kind (self, gtk_widget_get_template_child (GTK_WIDGET (self), type, kind_switches[i].child),
               "active", kind_switches[i].word);
  /* the row's own switch is the whole kind; its rows, one event each */
  bind_kind (self, G_OBJECT (self->event_row), "enable-expansion", "event");
}

/* two digits, as a clock shows them */
static gboolean
on_time_output_cb (GtkSpinButton *spin,
                   gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_time_changed_cb (DlTodayPreferences *self)
{
  guint minutes;

  if (self->loading_time)
    return;
  minutes = gtk_spin_button_get_value_as_int (self->hour_spin) * 60
            + gtk_spin_button_get_value_as_int (self->minute_spin);
  g_settings_set_uint (self->settings, "reminder-minutes", minutes);
}

static void
load_time (DlTodayPreferences *self)
{
  guint minutes = g_settings_get_uint (self->settings, "reminder-minutes");

  self->loading_time = TRUE;
  gtk_spin_button_set_value (self->hour_spin, minutes / 60);
  gtk_spin_button_set_value (self->minute_spin, minutes % 60);
  self->loading_time = FALSE;
}

static void
on_settings_changed_cb (DlTodayPreferences *self,
                        const char         *key,
                        GSettings          *settings)
{
  if (g_str_equal (key, "reminder-minutes"))
    load_time (self);
}

static gboolean
on_login_state_set_cb (DlTodayPreferences *self,
                       gboolean            state,
                       GtkSwitch          *sw)
{
  g_autoptr(GError) error = NULL;

  if (state == g_settings_get_boolean (self->settings, "start-at-login"))
    return FALSE;

  if (!dl_notifier_set_autostart (state, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), dl_toast_new (error->message));
      else
        g_warning ("%s", error->message);
      return TRUE;   /* the switch stays as it was */
    }

  g_settings_set_boolean (self->settings, "start-at-login", state);
  return FALSE;
}

static void
dl_today_preferences_dispose (GObject *object)
{
  DlTodayPreferences *self = DL_TODAY_PREFERENCES (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_today_preferences_parent_class)->dispose (object);
}

static void
dl_today_preferences_class_init (DlTodayPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_today_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/today/dl-today-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, event_row);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, new_every_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, new_days_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, personal_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, second_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, background_switch);
  gtk_widget_class_bind_template_child (widget_class, DlTodayPreferences, login_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_time_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_login_state_set_cb);

  for (guint i = 0; i < G_N_ELEMENTS (kind_switches); i++)
    gtk_widget_class_bind_template_child_full (widget_class, kind_switches[i].child, FALSE, 0);
}

static void
dl_today_preferences_init (DlTodayPreferences *self)
{
  g_autofree char *autostart = dl_notifier_get_autostart_path ();

  self->loading_time = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));

  g_settings_bind (self->settings, "daily-capacity", self->capacity_spin, "value", G_SETTINGS_BIND_DEFAULT);
  bind_kinds (self);
  g_settings_bind (self->settings, "cadence-new-member-every", self->new_every_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "cadence-new-member-days", self->new_days_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "cadence-personal-every", self->personal_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "cadence-second-level-every", self->second_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notifications-enabled", self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);

  /* the entry on disk is the truth: someone may have removed it by hand */
  g_settings_set_boolean (self->settings, "start-at-login", g_file_test (autostart, G_FILE_TEST_EXISTS));
  gtk_switch_set_active (self->login_switch, g_settings_get_boolean (self->settings, "start-at-login"));

  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
  load_time (self);
}

GtkWidget *
dl_today_preferences_new (void)
{
  return g_object_new (DL_TYPE_TODAY_PREFERENCES, NULL);
}

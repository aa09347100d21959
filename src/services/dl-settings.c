/* dl-settings.c — the one settings object of the process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-settings"

#include "config.h"

#include "dl-settings.h"

struct _DlSettings
{
  GObject    parent_instance;

  GSettings *settings;   /* NULL without the installed schema */
};

G_DEFINE_FINAL_TYPE (DlSettings, dl_settings, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed_cb (GSettings  *settings,
               const char *key,
               DlSettings *self)
{
  g_signal_emit (self, signals[CHANGED], g_quark_from_string (key), key);
}

static void
dl_settings_dispose (GObject *object)
{
  DlSettings *self = DL_SETTINGS (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_settings_parent_class)->dispose (object);
}

static void
dl_settings_class_init (DlSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_settings_dispose;

  /* "changed::KEY", as GSettings has it */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
dl_settings_init (DlSettings *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_changed_cb), self, 0);
}

DlSettings *
dl_settings_get_default (void)
{
  static DlSettings *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, g_object_new (DL_TYPE_SETTINGS, NULL));

  return instance;
}

char *
dl_settings_get_usual_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "downline.db", NULL);
}

GSettings *
dl_settings_get_gsettings (DlSettings *self)
{
  g_return_val_if_fail (DL_IS_SETTINGS (self), NULL);

  return self->settings;
}

void
dl_settings_get_cadence (DlSettings *self,
                         DlCadence  *cadence)
{
  g_return_if_fail (DL_IS_SETTINGS (self));
  g_return_if_fail (cadence != NULL);

  dl_cadence_init_defaults (cadence);
  if (self->settings == NULL)
    return;

  cadence->new_member_days = g_settings_get_uint (self->settings, "cadence-new-member-days");
  cadence->new_member_every = g_settings_get_uint (self->settings, "cadence-new-member-every");
  cadence->personal_every = g_settings_get_uint (self->settings, "cadence-personal-every");
  cadence->second_level_every = g_settings_get_uint (self->settings, "cadence-second-level-every");
}

double
dl_settings_get_earning_per_active (DlSettings *self)
{
  g_return_val_if_fail (DL_IS_SETTINGS (self), DL_SETTINGS_EARNING_PER_ACTIVE_DEFAULT);

  if (self->settings == NULL)
    return DL_SETTINGS_EARNING_PER_ACTIVE_DEFAULT;
  return g_settings_get_double (self->settings, "earning-per-active");
}

guint
dl_settings_get_daily_contacts_goal (DlSettings *self)
{
  g_return_val_if_fail (DL_IS_SETTINGS (self), DL_PIPELINE_DAILY_GOAL_DEFAULT);

  if (self->settings == NULL)
    return DL_PIPELINE_DAILY_GOAL_DEFAULT;
  return g_settings_get_uint (self->settings, "daily-contacts-goal");
}

guint
dl_settings_get_pipeline_goal (DlSettings *self)
{
  g_return_val_if_fail (DL_IS_SETTINGS (self), DL_PIPELINE_GOAL_DEFAULT);

  if (self->settings == NULL)
    return DL_PIPELINE_GOAL_DEFAULT;
  return g_settings_get_uint (self->settings, "pipeline-goal");
}

static void
store_first_use (DlSettings *self,
                 const char *db_path,
                 DlDay       day)
{
  g_autoptr(GVariant) map = g_settings_get_value (self->settings, "today-first-use");
  g_autofree char *iso = dl_day_to_iso (day);
  GVariantBuilder builder;
  GVariantIter it;
  const char *key, *value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&it, map);
  while (g_variant_iter_next (&it, "{&s&s}", &key, &value))
    if (!g_str_equal (key, db_path))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", db_path, iso);
  g_settings_set_value (self->settings, "today-first-use", g_variant_builder_end (&builder));
}

void
dl_settings_set_first_use (DlSettings *self,
                           const char *db_path,
                           DlDay       day)
{
  g_return_if_fail (DL_IS_SETTINGS (self));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (day != DL_DAY_NONE);

  if (self->settings != NULL)
    store_first_use (self, db_path, day);
}

DlDay
dl_settings_get_first_use (DlSettings *self,
                           const char *db_path,
                           DlDay       today,
                           gboolean    remember)
{
  g_autoptr(GVariant) map = NULL;
  const char *iso = NULL;

  g_return_val_if_fail (DL_IS_SETTINGS (self), today);

  if (self->settings == NULL || db_path == NULL)
    return today;

  map = g_settings_get_value (self->settings, "today-first-use");
  if (g_variant_lookup (map, db_path, "&s", &iso) && dl_day_from_iso (iso) != DL_DAY_NONE)
    return dl_day_from_iso (iso);
  if (!remember)
    return today;

  store_first_use (self, db_path, today);
  return today;
}

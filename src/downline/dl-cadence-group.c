/* dl-cadence-group.c — a member's own check-in rhythm, or the default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One switch, "use the default (N days)", and the member's own interval
 * under it.  Shared by the member's details and the Edit dialog, so both
 * say the same thing; the caller decides when :days is written.
 */

#define G_LOG_DOMAIN "dl-cadence-group"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-cadence-group.h"
#include "dl-rules.h"

/* The store keeps at most this many days (dl-store-members.c). */
#define MAX_DAYS 365

struct _DlCadenceGroup
{
  AdwPreferencesGroup parent_instance;

  guint               days;
  guint               default_days;
  gboolean            syncing;

  /* template */
  AdwActionRow       *default_row;
  GtkSwitch          *default_switch;
  AdwActionRow       *every_row;
  GtkSpinButton      *every_spin;
};

G_DEFINE_FINAL_TYPE (DlCadenceGroup, dl_cadence_group, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  PROP_0,
  PROP_DAYS,
  PROP_DEFAULT_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The widgets show days and default_days; nothing they emit meanwhile
 * is taken for the person's choice. */
static void
sync_widgets (DlCadenceGroup *self)
{
  g_autofree char *title = NULL;
  guint shown = self->days > 0 ? self->days
                : self->default_days > 0 ? self->default_days : DL_CADENCE_PERSONAL_EVERY;

  if (self->default_days > 0)
    /* Translators: the member's check-in interval from the preferences */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Use the _default (%u day)",
                                          "Use the _default (%u days)", self->default_days),
                             self->default_days);
  else
    title = g_strdup (_("Use the _default (no check-ins)"));

  self->syncing = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->default_row), title);
  gtk_switch_set_active (self->default_switch, self->days == 0);
  gtk_spin_button_set_value (self->every_spin, MIN (shown, MAX_DAYS));
  gtk_widget_set_sensitive (GTK_WIDGET (self->every_row), self->days > 0);
  self->syncing = FALSE;
}

static void
on_default_active_cb (DlCadenceGroup *self)
{
  if (self->syncing)
    return;
  dl_cadence_group_set_days (self, gtk_switch_get_active (self->default_switch)
                                   ? 0 : gtk_spin_button_get_value_as_int (self->every_spin));
}

static void
on_every_changed_cb (DlCadenceGroup *self)
{
  if (self->syncing || gtk_switch_get_active (self->default_switch))
    return;
  dl_cadence_group_set_days (self, gtk_spin_button_get_value_as_int (self->every_spin));
}

static void
dl_cadence_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlCadenceGroup *self = DL_CADENCE_GROUP (object);

  switch (prop_id)
    {
    case PROP_DAYS:
      g_value_set_uint (value, self->days);
      break;
    case PROP_DEFAULT_DAYS:
      g_value_set_uint (value, self->default_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_cadence_group_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlCadenceGroup *self = DL_CADENCE_GROUP (object);

  switch (prop_id)
    {
    case PROP_DAYS:
      dl_cadence_group_set_days (self, g_value_get_uint (value));
      break;
    case PROP_DEFAULT_DAYS:
      dl_cadence_group_set_default_days (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_cadence_group_class_init (DlCadenceGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dl_cadence_group_get_property;
  object_class->set_property = dl_cadence_group_set_property;

  properties[PROP_DAYS] =
    g_param_spec_uint ("days", NULL, NULL, 0, MAX_DAYS, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT_DAYS] =
    g_param_spec_uint ("default-days", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/downline/dl-cadence-group.ui");
  gtk_widget_class_bind_template_child (widget_class, DlCadenceGroup, default_row);
  gtk_widget_class_bind_template_child (widget_class, DlCadenceGroup, default_switch);
  gtk_widget_class_bind_template_child (widget_class, DlCadenceGroup, every_row);
  gtk_widget_class_bind_template_child (widget_class, DlCadenceGroup, every_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_default_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_every_changed_cb);
}

static void
dl_cadence_group_init (DlCadenceGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sync_widgets (self);
}

GtkWidget *
dl_cadence_group_new (void)
{
  return g_object_new (DL_TYPE_CADENCE_GROUP, NULL);
}

guint
dl_cadence_group_get_days (DlCadenceGroup *self)
{
  g_return_val_if_fail (DL_IS_CADENCE_GROUP (self), 0);

  return self->days;
}

void
dl_cadence_group_set_days (DlCadenceGroup *self,
                           guint           days)
{
  g_return_if_fail (DL_IS_CADENCE_GROUP (self));

  days = MIN (days, MAX_DAYS);
  if (self->days == days)
    return;
  self->days = days;
  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAYS]);
}

guint
dl_cadence_group_get_default_days (DlCadenceGroup *self)
{
  g_return_val_if_fail (DL_IS_CADENCE_GROUP (self), 0);

  return self->default_days;
}

void
dl_cadence_group_set_default_days (DlCadenceGroup *self,
                                   guint           days)
{
  g_return_if_fail (DL_IS_CADENCE_GROUP (self));

  if (self->default_days == days)
    return;
  self->default_days = days;
  sync_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_DAYS]);
}

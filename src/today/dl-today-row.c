/* dl-today-row.c — one person on the Today list, with what to do about them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-menu-button.h"
#include "dl-today-log-popover.h"
#include "dl-today-row.h"
#include "dl-today-row-box.h"
#include "dl-today-snooze-popover.h"

struct _DlTodayRow
{
  AdwPreferencesRow parent_instance;

  DlTodayItem    *item;

  DlTodayRowBox  *box;
  GtkLabel       *subtitle_label;
  GtkLabel       *last_contact_label;
  GtkLabel       *risk_label;
  GtkMenuButton  *log_button;
  GtkMenuButton  *snooze_button;
  GtkMenuButton  *more_button;
  GtkMenuButton  *reach_button;
  GtkButton      *dismiss_button;
  GtkLabel       *state_label;
  char           *reason;
};

G_DEFINE_FINAL_TYPE (DlTodayRow, dl_today_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  LOG,
  SNOOZE,
  SHOW,
  REACH,
  DISMISS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_log_cb (DlTodayRow *self,
           guint       kind,
           const char *summary,
           GDateTime  *at)
{
  g_signal_emit (self, signals[LOG], 0, kind, summary, at);
}

static void
on_snooze_cb (DlTodayRow *self,
              int         until)
{
  g_signal_emit (self, signals[SNOOZE], 0, until);
}

/* The popovers hold calendars: made when first opened, not for every row. */
static void
create_log_popover (GtkMenuButton *button,
                    gpointer       user_data)
{
  DlTodayRow *self = user_data;
  GtkWidget *popover;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = dl_today_log_popover_new (dl_today_item_get_name (self->item));
  g_signal_connect_object (popover, "log", G_CALLBACK (on_log_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, popover);
}

static void
create_snooze_popover (GtkMenuButton *button,
                       gpointer       user_data)
{
  DlTodayRow *self = user_data;
  GtkWidget *popover;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;
  popover = dl_today_snooze_popover_new ();
  g_signal_connect_object (popover, "snooze", G_CALLBACK (on_snooze_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (button, popover);
}

static void
row_log_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_menu_button_popup (DL_TODAY_ROW (widget)->log_button);
}

static void
row_snooze_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  gtk_menu_button_popup (DL_TODAY_ROW (widget)->snooze_button);
}

static void
row_show_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW], 0, g_variant_get_string (parameter, NULL));
}

static void
row_reach_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[REACH], 0, g_variant_get_string (parameter, NULL));
}

static void
row_dismiss_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[DISMISS], 0);
}

static void
set_risk (DlTodayRow *self)
{
  static const struct { const char *css; const char *text; } bands[] = {
    [DL_RISK_LOW] = { "low", N_("Low risk") },
    [DL_RISK_MEDIUM] = { "medium", N_("Medium risk") },
    [DL_RISK_HIGH] = { "high", N_("High risk") },
  };
  DlRiskBand band;
  guint score;
  g_autofree char *tooltip = NULL;

  if (!dl_today_item_get_risk (self->item, &band, &score) || band >= G_N_ELEMENTS (bands))
    return;

  gtk_label_set_text (self->risk_label, _(bands[band].text));
  gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), bands[band].css);
  /* Translators: dropout risk score, e.g. "Dropout risk 45 of 100" */
  tooltip = g_strdup_printf (_("Dropout risk %u of 100"), score);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->risk_label), tooltip);
  gtk_widget_set_visible (GTK_WIDGET (self->risk_label), TRUE);
}

static void
set_subtitle (DlTodayRow *self,
              const char *subtitle)
{
  gtk_label_set_text (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && subtitle[0] != '\0');
}

static void
dl_today_row_dispose (GObject *object)
{
  DlTodayRow *self = DL_TODAY_ROW (object);

  g_clear_object (&self->item);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (dl_today_row_parent_class)->dispose (object);
}

static void
dl_today_row_class_init (DlTodayRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_today_row_dispose;

  signals[LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                               G_TYPE_UINT, G_TYPE_STRING, G_TYPE_DATE_TIME);
  signals[SNOOZE] = g_signal_new ("snooze", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  signals[SHOW] = g_signal_new ("show-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[REACH] = g_signal_new ("reach", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DISMISS] = g_signal_new ("dismiss", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (DL_TYPE_TODAY_ROW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/today/dl-today-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, box);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, last_contact_label);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, risk_label);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, log_button);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, more_button);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, reach_button);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, dismiss_button);
  gtk_widget_class_bind_template_child (widget_class, DlTodayRow, state_label);

  gtk_widget_class_install_action (widget_class, "row.log", NULL, row_log_activated);
  gtk_widget_class_install_action (widget_class, "row.snooze", NULL, row_snooze_activated);
  gtk_widget_class_install_action (widget_class, "row.show", "s", row_show_activated);
  gtk_widget_class_install_action (widget_class, "row.reach", "s", row_reach_activated);
  gtk_widget_class_install_action (widget_class, "row.dismiss", NULL, row_dismiss_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "row.log", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "row.snooze", NULL);
}

static void
dl_today_row_init (DlTodayRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->log_button, create_log_popover, self, NULL);
  gtk_menu_button_set_create_popup_func (self->snooze_button, create_snooze_popover, self, NULL);
}

GtkWidget *
dl_today_row_new (DlTodayItem *item)
{
  DlTodayRow *self;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *log_name = NULL;
  g_autofree char *snooze_name = NULL;
  g_autofree char *more_name = NULL;
  const char *name;

  g_return_val_if_fail (DL_IS_TODAY_ITEM (item), NULL);

  self = g_object_new (DL_TYPE_TODAY_ROW, NULL);
  self->item = g_object_ref (item);
  name = dl_today_item_get_name (item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  set_subtitle (self, dl_today_item_get_reason (item));
  gtk_label_set_text (self->last_contact_label, dl_today_item_get_last_contact (item));
  set_risk (self);
  self->reason = g_strdup (dl_today_item_get_reason (item));

  {
    DlTaskKind kind;
    DlTaskState state;

    if (dl_today_item_get_task (item, &kind, &state))
      {
        gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), state == DL_TASK_OPEN);
        if (state != DL_TASK_OPEN)
          {
            gtk_label_set_text (self->state_label, state == DL_TASK_DONE ? _("Done") : _("Set Aside"));
            gtk_widget_set_visible (GTK_WIDGET (self->state_label), TRUE);
            gtk_widget_add_css_class (GTK_WIDGET (self), "dl-today-done");
            gtk_widget_set_visible (GTK_WIDGET (self->risk_label), FALSE);
            gtk_widget_set_visible (GTK_WIDGET (self->snooze_button), FALSE);
            gtk_widget_set_visible (GTK_WIDGET (self->reach_button), FALSE);
          }
      }
    else
      gtk_widget_set_visible (GTK_WIDGET (self->dismiss_button), FALSE);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->reach_button), FALSE);

  /* the letter that suits the task: a check-in letter for a check-in,
   * the upline welcome for a second-level newcomer */
  {
    const char *letter = dl_today_item_get_letter (item);
    g_autofree char *target = letter != NULL ? g_strconcat ("letters/", letter, NULL) : g_strdup ("letters");
    g_autoptr(GMenuItem) write = g_menu_item_new (_("_Write Letter"), NULL);

    g_menu_item_set_action_and_target_value (write, "row.show", g_variant_new_string (target));
    g_menu_append_item (menu, write);
  }
  if (dl_today_item_is_prospect (item))
    g_menu_append (menu, _("Show on _Board"), "row.show::pipeline");
  else
    g_menu_append (menu, _("Show in _Tree"), "row.show::downline");
  dl_menu_button_set_menu (self->more_button, G_MENU_MODEL (menu));

  /* icon buttons need names that say whose row they act on */
  log_name = g_strdup_printf (_("Log contact with %s"), name);
  snooze_name = g_strdup_printf (_("Snooze %s"), name);
  more_name = g_strdup_printf (_("More actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->log_button), GTK_ACCESSIBLE_PROPERTY_LABEL, log_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->snooze_button), GTK_ACCESSIBLE_PROPERTY_LABEL, snooze_name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->more_button), GTK_ACCESSIBLE_PROPERTY_LABEL, more_name, -1);

  return GTK_WIDGET (self);
}

DlTodayItem *
dl_today_row_get_item (DlTodayRow *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ROW (self), NULL);
  return self->item;
}

const char *
dl_today_row_get_subtitle (DlTodayRow *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ROW (self), NULL);
  return gtk_label_get_text (self->subtitle_label);
}

gboolean
dl_today_row_get_stacked (DlTodayRow *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ROW (self), FALSE);
  return dl_today_row_box_get_stacked (self->box);
}

void
dl_today_row_set_contact (DlTodayRow *self,
                          const char *phone,
                          const char *email)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GString) subtitle = NULL;
  gboolean has_phone = phone != NULL && phone[0] != '\0';
  gboolean has_email = email != NULL && email[0] != '\0';
  DlTaskState state = DL_TASK_OPEN;

  g_return_if_fail (DL_IS_TODAY_ROW (self));

  subtitle = g_string_new (self->reason);
  if (has_phone || has_email)
    {
      g_string_append_c (subtitle, '\n');
      if (has_phone)
        g_string_append (subtitle, phone);
      if (has_phone && has_email)
        g_string_append (subtitle, " · ");
      if (has_email)
        g_string_append (subtitle, email);
    }
  set_subtitle (self, subtitle->str);

  if (has_phone)
    {
      g_menu_append (menu, _("_Call"), "row.reach::call");
      g_menu_append (menu, _("_Text Message"), "row.reach::sms");
      g_menu_append (menu, _("_WhatsApp"), "row.reach::whatsapp");
    }
  if (has_email)
    g_menu_append (menu, _("_E-Mail"), "row.reach::email");
  dl_menu_button_set_menu (self->reach_button, G_MENU_MODEL (menu));
  dl_today_item_get_task (self->item, NULL, &state);
  gtk_widget_set_visible (GTK_WIDGET (self->reach_button), (has_phone || has_email) && state == DL_TASK_OPEN);
}

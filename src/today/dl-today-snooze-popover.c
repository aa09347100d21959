/* dl-today-snooze-popover.c — snooze for a day, three, a week, or until a day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-day.h"
#include "dl-today-snooze-popover.h"

struct _DlTodaySnoozePopover
{
  GtkPopover   parent_instance;

  GtkCalendar *calendar;
  GtkLabel    *error_label;
};

G_DEFINE_FINAL_TYPE (DlTodaySnoozePopover, dl_today_snooze_popover, GTK_TYPE_POPOVER)

enum {
  SNOOZE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_snooze (DlTodaySnoozePopover *self,
             DlDay                 until)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SNOOZE], 0, (int) until);
}

static void
on_pick_clicked_cb (DlTodaySnoozePopover *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  DlDay until = dl_day_from_date_time (picked);

  if (until <= dl_clock_get_today (dl_clock_get_default ()))
    {
      gtk_label_set_text (self->error_label, _("Pick a day after today."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  emit_snooze (self, until);
}

static void
snooze_days_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  emit_snooze (DL_TODAY_SNOOZE_POPOVER (widget), dl_clock_get_today (dl_clock_get_default ()) + g_variant_get_int32 (parameter));
}

static void
dl_today_snooze_popover_class_init (DlTodaySnoozePopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SNOOZE] = g_signal_new ("snooze", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/today/dl-today-snooze-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTodaySnoozePopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, DlTodaySnoozePopover, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_pick_clicked_cb);
  gtk_widget_class_install_action (widget_class, "snooze.days", "i", snooze_days_activated);
}

static void
dl_today_snooze_popover_init (DlTodaySnoozePopover *self)
{
  g_autoptr(GDateTime) now = dl_clock_get_now (dl_clock_get_default ());
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_calendar_select_day (self->calendar, tomorrow);
}

GtkWidget *
dl_today_snooze_popover_new (void)
{
  return g_object_new (DL_TYPE_TODAY_SNOOZE_POPOVER, NULL);
}

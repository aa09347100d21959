/* dl-today-log-popover.c — "Log Contact": kind, one line, day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-types.h"
#include "dl-today-log-popover.h"

struct _DlTodayLogPopover
{
  GtkPopover   parent_instance;

  GtkLabel    *heading;
  GtkDropDown *kind_dropdown;
  GtkEntry    *summary_entry;
  GtkCalendar *calendar;
  GtkLabel    *error_label;
  GtkButton   *log_button;
};

G_DEFINE_FINAL_TYPE (DlTodayLogPopover, dl_today_log_popover, GTK_TYPE_POPOVER)

enum {
  LOG,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the drop-down lists the kinds in DlContactKind order, notes excluded */
G_STATIC_ASSERT (DL_CONTACT_CALL == 0 && DL_CONTACT_LETTER == 4);

static void
show_error (DlTodayLogPopover *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
on_log_clicked_cb (DlTodayLogPopover *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) now = dl_clock_get_now (dl_clock_get_default ());
  g_autoptr(GDateTime) at = NULL;
  int y, m, d, ny, nm, nd;

  g_date_time_get_ymd (picked, &y, &m, &d);
  g_date_time_get_ymd (now, &ny, &nm, &nd);
  if (y * 10000 + m * 100 + d > ny * 10000 + nm * 100 + nd)
    {
      show_error (self, _("That day has not come yet. Log a contact once it has happened."));
      return;
    }
  /* today means now; an earlier day, at noon, since the hour is unknown */
  if (y != ny || m != nm || d != nd)
    at = g_date_time_new_local (y, m, d, 12, 0, 0);

  show_error (self, NULL);
  g_signal_emit (self, signals[LOG], 0,
                 (guint) gtk_drop_down_get_selected (self->kind_dropdown),
                 gtk_editable_get_text (GTK_EDITABLE (self->summary_entry)),
                 at);
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* most of the time only the line needs typing: start there */
static void
dl_today_log_popover_show (GtkWidget *widget)
{
  DlTodayLogPopover *self = DL_TODAY_LOG_POPOVER (widget);

  GTK_WIDGET_CLASS (dl_today_log_popover_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_entry));
}

static void
dl_today_log_popover_class_init (DlTodayLogPopoverClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->show = dl_today_log_popover_show;

  signals[LOG] = g_signal_new ("log", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                               G_TYPE_UINT, G_TYPE_STRING, G_TYPE_DATE_TIME);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/today/dl-today-log-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTodayLogPopover, heading);
  gtk_widget_class_bind_template_child (widget_class, DlTodayLogPopover, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlTodayLogPopover, summary_entry);
  gtk_widget_class_bind_template_child (widget_class, DlTodayLogPopover, calendar);
  gtk_widget_class_bind_template_child (widget_class, DlTodayLogPopover, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlTodayLogPopover, log_button);
  gtk_widget_class_bind_template_callback (widget_class, on_log_clicked_cb);
}

static void
dl_today_log_popover_init (DlTodayLogPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_popover_set_default_widget (GTK_POPOVER (self), GTK_WIDGET (self->log_button));
}

GtkWidget *
dl_today_log_popover_new (const char *person_name)
{
  DlTodayLogPopover *self = g_object_new (DL_TYPE_TODAY_LOG_POPOVER, NULL);
  g_autofree char *heading = NULL;

  /* Translators: the heading of the form; %s is a person's name */
  heading = g_strdup_printf (_("Log a Contact With %s"), person_name);
  gtk_label_set_text (self->heading, heading);
  return GTK_WIDGET (self);
}

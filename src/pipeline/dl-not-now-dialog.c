/* dl-not-now-dialog.c — why not now, and when to ask again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main response stays off while the reason is too long or the date
 * is not a real day from today on, with the first problem said under
 * the rows, so a refused answer never half-happens.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-not-now-dialog.h"
#include "dl-pipeline-stats.h"
#include "dl-validate.h"

struct _DlNotNowDialog
{
  AdwMessageDialog  parent_instance;

  gboolean          touched;      /* no red before the first keystroke */
  DlNotNowDone      done;
  gpointer          user_data;
  GDestroyNotify    destroy;

  /* template children */
  AdwEntryRow      *reason_row;
  AdwEntryRow      *date_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (DlNotNowDialog, dl_not_now_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
mark_field (gpointer field,
            gboolean wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (field), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field), "error");
}

/* The revisit day, or DL_DAY_NONE with the first problem in error. */
static DlDay
check (DlNotNowDialog  *self,
       GError         **error)
{
  DlDay day;

  if (!dl_validate_length (_("Reason"), gtk_editable_get_text (GTK_EDITABLE (self->reason_row)), error))
    {
      mark_field (self->reason_row, TRUE);
      return DL_DAY_NONE;
    }
  mark_field (self->reason_row, FALSE);

  day = dl_validate_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), error);
  if (day != DL_DAY_NONE && day < dl_day_today ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The day to ask again has already passed. Choose today or later."));
      day = DL_DAY_NONE;
    }
  mark_field (self->date_row, day == DL_DAY_NONE);

  return day;
}

static void
report (DlNotNowDialog *self)
{
  g_autoptr(GError) error = NULL;

  check (self, &error);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && self->touched);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "park", error == NULL);
}

static void
on_changed_cb (DlNotNowDialog *self)
{
  self->touched = TRUE;
  report (self);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                DlNotNowDialog   *self)
{
  g_autofree char *reason = NULL;
  DlDay day;

  if (!g_str_equal (response, "park") || self->done == NULL)
    return;

  day = check (self, NULL);
  if (day == DL_DAY_NONE)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));
  self->done (self->user_data, reason, day);
}

static void
dl_not_now_dialog_dispose (GObject *object)
{
  DlNotNowDialog *self = DL_NOT_NOW_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  self->destroy = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_NOT_NOW_DIALOG);

  G_OBJECT_CLASS (dl_not_now_dialog_parent_class)->dispose (object);
}

static void
dl_not_now_dialog_class_init (DlNotNowDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_not_now_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-not-now-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlNotNowDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, DlNotNowDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, DlNotNowDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
dl_not_now_dialog_init (DlNotNowDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlNotNowDialog *
dl_not_now_dialog_new (GtkWindow      *parent,
                       DlPerson       *person,
                       DlNotNowDone    done,
                       gpointer        user_data,
                       GDestroyNotify  destroy)
{
  g_autofree char *heading = NULL;
  g_autofree char *revisit = NULL;
  DlNotNowDialog *self;

  g_return_val_if_fail (DL_IS_PERSON (person), NULL);

  heading = g_strdup_printf (_("Not Now for %s"), dl_person_get_name (person));
  self = g_object_new (DL_TYPE_NOT_NOW_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       NULL);
  self->done = done;
  self->user_data = user_data;
  self->destroy = destroy;

  revisit = dl_day_to_iso (dl_pipeline_default_revisit (dl_day_today ()));
  g_signal_handlers_block_by_func (self->date_row, on_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), revisit);
  g_signal_handlers_unblock_by_func (self->date_row, on_changed_cb, self);
  report (self);

  return self;
}

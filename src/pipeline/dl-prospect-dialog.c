/* dl-prospect-dialog.c — a prospect's details: new or edited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Save stays off while any field is wrong, and the first problem is
 * said in words under the fields, so a refused edit never half-happens.
 * A new prospect's dialog starts quiet; an edit shows at once what is
 * wrong in it.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-prospect-dialog.h"
#include "dl-validate.h"

#define N_TEXTS 7

struct _DlProspectDialog
{
  AdwMessageDialog  parent_instance;

  DlProspect       *prospect;     /* NULL when new */
  GListModel       *stages;       /* for a new prospect */
  gboolean          touched;      /* no red before the first keystroke */
  DlProspectDone    done;
  gpointer          user_data;
  GDestroyNotify    destroy;

  /* template children */
  AdwEntryRow      *first_name_row;
  AdwEntryRow      *last_name_row;
  AdwEntryRow      *email_row;
  AdwEntryRow      *phone_row;
  AdwEntryRow      *source_row;
  AdwEntryRow      *category_row;
  AdwEntryRow      *notes_row;
  AdwComboRow      *interest_row;
  GtkCheckButton   *checks[4];    /* in DlQualification bit order */
  AdwEntryRow      *follow_up_row;
  AdwComboRow      *stage_row;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (DlProspectDialog, dl_prospect_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
mark_field (gpointer field,
            gboolean wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (field), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field), "error");
}

static const char *
text_of (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* TRUE with *follow_up set, or FALSE with the first problem in error
 * and its field marked. */
static gboolean
check (DlProspectDialog  *self,
       DlDay             *follow_up,
       GError           **error)
{
  AdwEntryRow *texts[N_TEXTS] = { self->first_name_row, self->last_name_row, self->email_row,
                                  self->phone_row, self->source_row, self->category_row,
                                  self->notes_row };
  g_autofree char *follow = g_strstrip (g_strdup (text_of (self->follow_up_row)));
  g_autofree char *email = g_strstrip (g_strdup (text_of (self->email_row)));

  for (guint i = 0; i < N_TEXTS; i++)
    mark_field (texts[i], FALSE);
  mark_field (self->follow_up_row, FALSE);

  if (!dl_validate_name (text_of (self->first_name_row), text_of (self->last_name_row), error))
    {
      mark_field (self->first_name_row, TRUE);
      return FALSE;
    }

  for (guint i = 0; i < N_TEXTS; i++)
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (texts[i]));

      if (!dl_validate_length (title, text_of (texts[i]), error))
        {
          mark_field (texts[i], TRUE);
          return FALSE;
        }
    }

  if (!dl_validate_email (email, error))
    {
      mark_field (self->email_row, TRUE);
      return FALSE;
    }

  if (!dl_validate_phone (text_of (self->phone_row), error))
    {
      mark_field (self->phone_row, TRUE);
      return FALSE;
    }

  *follow_up = DL_DAY_NONE;
  if (follow[0] != '\0')
    {
      *follow_up = dl_validate_date (follow, error);
      if (*follow_up == DL_DAY_NONE)
        {
          mark_field (self->follow_up_row, TRUE);
          return FALSE;
        }
    }

  return TRUE;
}

static void
report (DlProspectDialog *self)
{
  g_autoptr(GError) error = NULL;
  DlDay follow_up;

  check (self, &follow_up, &error);
  if (!self->touched)
    mark_field (self->first_name_row, FALSE);
  gtk_label_set_text (self->error_label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && self->touched);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", error == NULL);
}

static void
on_changed_cb (DlProspectDialog *self)
{
  self->touched = TRUE;
  report (self);
}

/* Enter in a field adds or saves, as the default button does, once
 * what is typed can be saved. */
static void
on_entry_activated_cb (DlProspectDialog *self)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "save"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "save");
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                DlProspectDialog *self)
{
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlProspect) fields = dl_prospect_new ();
  DlQualification q = 0;
  DlDay follow_up;
  gint64 stage_id = 0;

  if (!g_str_equal (response, "save") || self->done == NULL || !check (self, &follow_up, NULL))
    return;

  person = self->prospect ? dl_person_copy (dl_prospect_get_person (self->prospect)) : dl_person_new ();
  dl_person_set_first_name (person, text_of (self->first_name_row));
  dl_person_set_last_name (person, text_of (self->last_name_row));
  dl_person_set_email (person, text_of (self->email_row));
  dl_person_set_phone (person, text_of (self->phone_row));
  dl_person_set_source (person, text_of (self->source_row));
  dl_person_set_category (person, text_of (self->category_row));
  dl_person_set_notes (person, text_of (self->notes_row));

  dl_prospect_set_interest (fields, adw_combo_row_get_selected (self->interest_row));
  for (guint i = 0; i < G_N_ELEMENTS (self->checks); i++)
    if (gtk_check_button_get_active (self->checks[i]))
      q |= 1 << i;
  dl_prospect_set_qualification (fields, q);
  dl_prospect_set_next_follow_up (fields, follow_up);

  if (self->stages != NULL)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (self->stages,
                                                        adw_combo_row_get_selected (self->stage_row));

      stage_id = stage ? dl_stage_get_id (stage) : 0;
    }

  self->done (self->user_data, person, fields, stage_id);
}

static char *
stage_name_cb (DlStage  *stage,
               gpointer  user_data)
{
  return stage ? g_strdup (dl_stage_get_name (stage)) : g_strdup ("");
}

static void
dl_prospect_dialog_dispose (GObject *object)
{
  DlProspectDialog *self = DL_PROSPECT_DIALOG (object);

  if (self->destroy != NULL)
    g_clear_pointer (&self->user_data, self->destroy);
  self->destroy = NULL;
  g_clear_object (&self->prospect);
  g_clear_object (&self->stages);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PROSPECT_DIALOG);

  G_OBJECT_CLASS (dl_prospect_dialog_parent_class)->dispose (object);
}

static void
dl_prospect_dialog_class_init (DlProspectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_prospect_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-prospect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, interest_row);
  gtk_widget_class_bind_template_child_full (widget_class, "self_starter_check", FALSE,
                                             G_STRUCT_OFFSET (DlProspectDialog, checks[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "will_work_check", FALSE,
                                             G_STRUCT_OFFSET (DlProspectDialog, checks[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "good_fit_check", FALSE,
                                             G_STRUCT_OFFSET (DlProspectDialog, checks[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "loves_product_check", FALSE,
                                             G_STRUCT_OFFSET (DlProspectDialog, checks[3]));
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, stage_row);
  gtk_widget_class_bind_template_child (widget_class, DlProspectDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);
}

static void
dl_prospect_dialog_init (DlProspectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_text (DlProspectDialog *self,
          AdwEntryRow      *row,
          const char       *text)
{
  g_signal_handlers_block_by_func (row, on_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  g_signal_handlers_unblock_by_func (row, on_changed_cb, self);
}

DlProspectDialog *
dl_prospect_dialog_new (GtkWindow      *parent,
                        DlStore        *store,
                        DlProspect     *prospect,
                        DlProspectDone  done,
                        gpointer        user_data,
                        GDestroyNotify  destroy)
{
  DlPerson *person = prospect ? dl_prospect_get_person (prospect) : NULL;
  DlProspectDialog *self;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (prospect == NULL || DL_IS_PROSPECT (prospect), NULL);

  self = g_object_new (DL_TYPE_PROSPECT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", prospect ? _("Edit Prospect") : _("New Prospect"),
                       NULL);
  self->prospect = prospect ? g_object_ref (prospect) : NULL;
  self->done = done;
  self->user_data = user_data;
  self->destroy = destroy;

  if (prospect == NULL)
    adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Add"));

  if (person != NULL)
    {
      set_text (self, self->first_name_row, dl_person_get_first_name (person));
      set_text (self, self->last_name_row, dl_person_get_last_name (person));
      set_text (self, self->email_row, dl_person_get_email (person));
      set_text (self, self->phone_row, dl_person_get_phone (person));
      set_text (self, self->source_row, dl_person_get_source (person));
      set_text (self, self->category_row, dl_person_get_category (person));
      set_text (self, self->notes_row, dl_person_get_notes (person));
    }

  if (prospect != NULL)
    {
      g_autofree char *follow_up = NULL;
      DlQualification q = dl_prospect_get_qualification (prospect);

      adw_combo_row_set_selected (self->interest_row, dl_prospect_get_interest (prospect));
      for (guint i = 0; i < G_N_ELEMENTS (self->checks); i++)
        gtk_check_button_set_active (self->checks[i], (q & (1 << i)) != 0);
      if (dl_prospect_get_next_follow_up (prospect) != DL_DAY_NONE)
        follow_up = dl_day_to_iso (dl_prospect_get_next_follow_up (prospect));
      set_text (self, self->follow_up_row, follow_up);
    }
  else
    {
      GtkExpression *name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                         G_CALLBACK (stage_name_cb), NULL, NULL);

      self->stages = dl_store_get_stages (store);
      adw_combo_row_set_expression (self->stage_row, name);
      gtk_expression_unref (name);
      adw_combo_row_set_model (self->stage_row, self->stages);
      gtk_widget_set_visible (GTK_WIDGET (self->stage_row), TRUE);
    }

  /* an edit starts touched: what is wrong in it shows at once */
  self->touched = prospect != NULL;
  report (self);

  return self;
}

GtkWidget *
dl_prospect_dialog_get_first_field (DlProspectDialog *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT_DIALOG (self), NULL);

  return GTK_WIDGET (self->first_name_row);
}

/* dl-pipeline-dialogs.c — what the board asks before some writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Message dialogs with a boxed list as extra child.  The main response
 * stays disabled while any field is wrong, and the first problem is
 * said in words under the fields, so a refused edit never half-happens.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-pipeline-dialogs.h"
#include "dl-pipeline-stats.h"
#include "dl-validate.h"

DlDay
dl_pipeline_parse_date (const char  *text,
                        GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  DlDay day;

  /* dl_day_from_iso also takes a date-time; here only a date is meant */
  day = strlen (trimmed) == 10 ? dl_day_from_iso (trimmed) : DL_DAY_NONE;
  if (day == DL_DAY_NONE)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 _("“%s” is not a date. Write it as year-month-day, for example %s."),
                 trimmed, "2026-03-14");

  return day;
}

static char *
day_text (DlDay day)
{
  return day == DL_DAY_NONE ? g_strdup ("") : dl_day_to_iso (day);
}

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root = gtk_widget_get_root (parent);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A dialog of rows with an error line under them. */
typedef struct
{
  AdwMessageDialog *dialog;
  GtkListBox       *list;
  GtkLabel         *error;
  const char       *ok;
  gboolean          touched;   /* no red before the first keystroke */
} Form;

static void
form_init (Form       *form,
           GtkWidget  *parent,
           const char *heading,
           const char *body,
           const char *ok_label,
           const char *ok)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  form->dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (parent), heading, body));
  form->ok = ok;
  adw_message_dialog_add_responses (form->dialog,
                                    "cancel", _("_Cancel"),
                                    ok, ok_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (form->dialog, ok, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (form->dialog, ok);
  adw_message_dialog_set_close_response (form->dialog, "cancel");

  form->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (form->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (form->list), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->list));

  form->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->error, TRUE);
  gtk_label_set_xalign (form->error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (form->error), "error");
  gtk_widget_set_visible (GTK_WIDGET (form->error), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->error));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 460);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_set_size_request (scroller, 380, -1);
  adw_message_dialog_set_extra_child (form->dialog, scroller);
}

static GtkWidget *
form_entry (Form       *form,
            const char *title,
            const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (form->list, row);

  return row;
}

static GtkWidget *
form_combo (Form              *form,
            const char        *title,
            const char *const *choices,
            guint              selected)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (model, _(choices[i]));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_list_box_append (form->list, row);

  return row;
}

/* Shows the first problem (or none) and turns the main button on or off. */
static void
form_report (Form         *form,
             GtkWidget    *field,
             const GError *error)
{
  gtk_label_set_text (form->error, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (form->error), error != NULL && form->touched);
  adw_message_dialog_set_response_enabled (form->dialog, form->ok, error == NULL);
}

static void
mark_field (GtkWidget *field,
            gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

/* ---- joined --------------------------------------------------------- */

typedef struct
{
  Form           form;
  DlStore       *store;
  GtkWidget     *role;
  GtkDropDown   *sponsor;
  GtkWidget     *number;
  GtkWidget     *date;
  DlJoinDone     done;
  gpointer       user_data;
  GDestroyNotify destroy;
} JoinDialog;

static void
join_dialog_free (gpointer data)
{
  JoinDialog *join = data;

  if (join->destroy != NULL)
    join->destroy (join->user_data);
  g_clear_object (&join->store);
  g_free (join);
}

static DlDay
join_check (JoinDialog  *join,
            GError     **error)
{
  const char *number = gtk_editable_get_text (GTK_EDITABLE (join->number));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (join->date));
  DlDay day = DL_DAY_NONE;
  gboolean date_ok = TRUE;

  if (!dl_validate_length (_("Member number"), number, error))
    {
      mark_field (join->number, TRUE);
      return DL_DAY_NONE;
    }
  mark_field (join->number, FALSE);

  day = dl_pipeline_parse_date (date, error);
  if (day == DL_DAY_NONE)
    date_ok = FALSE;
  else if (day > dl_day_today ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The join date cannot be in the future."));
      date_ok = FALSE;
    }
  mark_field (join->date, !date_ok);

  if (!date_ok)
    return DL_DAY_NONE;

  if (gtk_drop_down_get_selected_item (join->sponsor) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Choose a sponsor."));
      return DL_DAY_NONE;
    }

  return day;
}

static void
on_join_changed_cb (JoinDialog *join)
{
  g_autoptr(GError) error = NULL;

  join->form.touched = TRUE;

  join_check (join, &error);
  form_report (&join->form, NULL, error);
}

static void
on_join_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JoinDialog       *join)
{
  g_autoptr(GError) error = NULL;
  DlJoinAnswers answers = { 0, };
  DlMember *sponsor;
  DlDay day;

  if (!g_str_equal (response, "join"))
    return;

  day = join_check (join, &error);
  sponsor = gtk_drop_down_get_selected_item (join->sponsor);
  if (day == DL_DAY_NONE || sponsor == NULL)
    return;

  answers.role = adw_combo_row_get_selected (ADW_COMBO_ROW (join->role)) == 1
                 ? DL_ROLE_CUSTOMER : DL_ROLE_DISTRIBUTOR;
  answers.sponsor_id = dl_member_get_id (sponsor);
  answers.member_number = gtk_editable_get_text (GTK_EDITABLE (join->number));
  answers.joined_on = day;
  join->done (join->user_data, &answers);
}

static char *
member_name_cb (DlMember *member,
                gpointer  user_data)
{
  return member ? g_strdup (dl_person_get_name (dl_member_get_person (member))) : g_strdup ("");
}

void
dl_pipeline_ask_join (GtkWidget      *parent,
                      DlStore        *store,
                      DlPerson       *person,
                      DlJoinDone      done,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  static const char *const roles[] = { N_("Distributor"), N_("Customer"), NULL };
  JoinDialog *join = g_new0 (JoinDialog, 1);
  g_autofree char *heading = NULL;
  g_autofree char *today = day_text (dl_day_today ());
  g_autoptr(GListModel) members = dl_store_get_members (store);
  GtkExpression *name;
  GtkWidget *sponsor_row;
  gint64 user_id = dl_store_get_user_id (store);
  guint n;

  join->store = g_object_ref (store);
  join->done = done;
  join->user_data = user_data;
  join->destroy = destroy;

  heading = g_strdup_printf (_("%s Joined"), dl_person_get_name (person));
  form_init (&join->form, parent, heading,
             _("They become a member of your downline and keep their whole history."),
             _("_Add to Downline"), "join");

  join->role = form_combo (&join->form, _("Role"), roles, 0);

  name = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                      G_CALLBACK (member_name_cb), NULL, NULL);
  join->sponsor = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (members), name));
  gtk_drop_down_set_enable_search (join->sponsor, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (join->sponsor), GTK_ALIGN_CENTER);
  n = g_list_model_get_n_items (members);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlMember) member = g_list_model_get_item (members, i);

      if (dl_member_get_id (member) == user_id)
        {
          gtk_drop_down_set_selected (join->sponsor, i);
          break;
        }
    }
  sponsor_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (sponsor_row), _("Sponsor"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (sponsor_row), GTK_WIDGET (join->sponsor));
  gtk_accessible_update_property (GTK_ACCESSIBLE (join->sponsor),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sponsor"), -1);
  gtk_list_box_append (join->form.list, sponsor_row);

  join->number = form_entry (&join->form, _("Back-office member number (optional)"), "");
  join->date = form_entry (&join->form, _("Join date (year-month-day)"), today);

  g_signal_connect_swapped (join->number, "changed", G_CALLBACK (on_join_changed_cb), join);
  g_signal_connect_swapped (join->date, "changed", G_CALLBACK (on_join_changed_cb), join);
  g_signal_connect_swapped (join->sponsor, "notify::selected", G_CALLBACK (on_join_changed_cb), join);
  g_signal_connect (join->form.dialog, "response", G_CALLBACK (on_join_response_cb), join);
  g_object_set_data_full (G_OBJECT (join->form.dialog), "dl-join", join, join_dialog_free);

  on_join_changed_cb (join);
  gtk_window_present (GTK_WINDOW (join->form.dialog));
}

/* ---- not now -------------------------------------------------------- */

typedef struct
{
  Form           form;
  GtkWidget     *reason;
  GtkWidget     *date;
  DlNotNowDone   done;
  gpointer       user_data;
  GDestroyNotify destroy;
} NotNowDialog;

static void
not_now_dialog_free (gpointer data)
{
  NotNowDialog *ask = data;

  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_free (ask);
}

static DlDay
not_now_check (NotNowDialog  *ask,
               GError       **error)
{
  DlDay day;

  if (!dl_validate_length (_("Reason"), gtk_editable_get_text (GTK_EDITABLE (ask->reason)), error))
    {
      mark_field (ask->reason, TRUE);
      return DL_DAY_NONE;
    }
  mark_field (ask->reason, FALSE);

  day = dl_pipeline_parse_date (gtk_editable_get_text (GTK_EDITABLE (ask->date)), error);
  if (day != DL_DAY_NONE && day < dl_day_today ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The day to ask again has already passed. Choose today or later."));
      day = DL_DAY_NONE;
    }
  mark_field (ask->date, day == DL_DAY_NONE);

  return day;
}

static void
on_not_now_changed_cb (NotNowDialog *ask)
{
  g_autoptr(GError) error = NULL;

  ask->form.touched = TRUE;

  not_now_check (ask, &error);
  form_report (&ask->form, NULL, error);
}

static void
on_not_now_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        NotNowDialog     *ask)
{
  DlDay day;

  if (!g_str_equal (response, "park"))
    return;

  day = not_now_check (ask, NULL);
  if (day != DL_DAY_NONE)
    {
      g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->reason))));

      ask->done (ask->user_data, reason, day);
    }
}

void
dl_pipeline_ask_not_now (GtkWidget      *parent,
                         DlPerson       *person,
                         DlNotNowDone    done,
                         gpointer        user_data,
                         GDestroyNotify  destroy)
{
  NotNowDialog *ask = g_new0 (NotNowDialog, 1);
  g_autofree char *heading = NULL;
  g_autofree char *revisit = day_text (dl_pipeline_default_revisit (dl_day_today ()));

  ask->done = done;
  ask->user_data = user_data;
  ask->destroy = destroy;

  heading = g_strdup_printf (_("Not Now for %s"), dl_person_get_name (person));
  form_init (&ask->form, parent, heading,
             _("On the day you choose, they come back as a follow-up in Today."),
             _("_Ask Again Later"), "park");
  ask->reason = form_entry (&ask->form, _("Why not now"), "");
  ask->date = form_entry (&ask->form, _("Ask again on (year-month-day)"), revisit);

  g_signal_connect_swapped (ask->reason, "changed", G_CALLBACK (on_not_now_changed_cb), ask);
  g_signal_connect_swapped (ask->date, "changed", G_CALLBACK (on_not_now_changed_cb), ask);
  g_signal_connect (ask->form.dialog, "response", G_CALLBACK (on_not_now_response_cb), ask);
  g_object_set_data_full (G_OBJECT (ask->form.dialog), "dl-not-now", ask, not_now_dialog_free);

  on_not_now_changed_cb (ask);
  gtk_window_present (GTK_WINDOW (ask->form.dialog));
}

/* ---- a prospect ----------------------------------------------------- */

typedef struct
{
  Form            form;
  DlStore        *store;
  DlProspect     *prospect;   /* NULL when new */
  GListModel     *stages;
  GtkWidget      *first_name;
  GtkWidget      *last_name;
  GtkWidget      *email;
  GtkWidget      *phone;
  GtkWidget      *source;
  GtkWidget      *category;
  GtkWidget      *notes;
  GtkWidget      *interest;
  GtkWidget      *checks[4];
  GtkWidget      *follow_up;
  GtkWidget      *stage;
  DlProspectDone  done;
  gpointer        user_data;
  GDestroyNotify  destroy;
} ProspectDialog;

static void
prospect_dialog_free (gpointer data)
{
  ProspectDialog *edit = data;

  if (edit->destroy != NULL)
    edit->destroy (edit->user_data);
  g_clear_object (&edit->store);
  g_clear_object (&edit->prospect);
  g_clear_object (&edit->stages);
  g_free (edit);
}

/* Digits with the usual separators, and enough digits to dial. */
static gboolean
validate_phone (const char  *phone,
                GError     **error)
{
  guint digits = 0;

  for (const char *p = phone; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (strchr (" +-()./", *p) == NULL)
        {
          g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_NAME,
                       _("A phone number holds digits, spaces and + - ( ) . / only."));
          return FALSE;
        }
    }

  if (phone[0] != '\0' && digits < 3)
    {
      g_set_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_NAME,
                   _("This phone number has too few digits."));
      return FALSE;
    }

  return TRUE;
}

static const char *
text_of (GtkWidget *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
prospect_check (ProspectDialog  *edit,
                DlDay           *follow_up,
                GError         **error)
{
  GtkWidget *texts[] = { edit->first_name, edit->last_name, edit->email, edit->phone,
                         edit->source, edit->category, edit->notes };
  g_autofree char *follow = g_strstrip (g_strdup (text_of (edit->follow_up)));
  g_autofree char *email = g_strstrip (g_strdup (text_of (edit->email)));
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    mark_field (texts[i], FALSE);
  mark_field (edit->follow_up, FALSE);

  if (!dl_validate_name (text_of (edit->first_name), text_of (edit->last_name), error))
    {
      mark_field (edit->first_name, TRUE);
      return FALSE;
    }

  for (guint i = 0; ok && i < G_N_ELEMENTS (texts); i++)
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
      mark_field (edit->email, TRUE);
      return FALSE;
    }

  if (!validate_phone (text_of (edit->phone), error))
    {
      mark_field (edit->phone, TRUE);
      return FALSE;
    }

  *follow_up = DL_DAY_NONE;
  if (follow[0] != '\0')
    {
      *follow_up = dl_pipeline_parse_date (follow, error);
      if (*follow_up == DL_DAY_NONE)
        {
          mark_field (edit->follow_up, TRUE);
          return FALSE;
        }
    }

  return TRUE;
}

static void
check_prospect (ProspectDialog *edit)
{
  g_autoptr(GError) error = NULL;
  DlDay follow_up;

  prospect_check (edit, &follow_up, &error);
  if (!edit->form.touched)
    mark_field (edit->first_name, FALSE);
  form_report (&edit->form, NULL, error);
}

static void
on_prospect_changed_cb (ProspectDialog *edit)
{
  edit->form.touched = TRUE;
  check_prospect (edit);
}

static void
on_prospect_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         ProspectDialog   *edit)
{
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlProspect) fields = dl_prospect_new ();
  DlQualification q = 0;
  DlDay follow_up;
  gint64 stage_id = 0;

  if (!g_str_equal (response, "save") || !prospect_check (edit, &follow_up, NULL))
    return;

  person = edit->prospect ? dl_person_copy (dl_prospect_get_person (edit->prospect)) : dl_person_new ();
  dl_person_set_first_name (person, text_of (edit->first_name));
  dl_person_set_last_name (person, text_of (edit->last_name));
  dl_person_set_email (person, text_of (edit->email));
  dl_person_set_phone (person, text_of (edit->phone));
  dl_person_set_source (person, text_of (edit->source));
  dl_person_set_category (person, text_of (edit->category));
  dl_person_set_notes (person, text_of (edit->notes));

  dl_prospect_set_interest (fields, adw_combo_row_get_selected (ADW_COMBO_ROW (edit->interest)));
  for (guint i = 0; i < 4; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (edit->checks[i])))
      q |= 1 << i;
  dl_prospect_set_qualification (fields, q);
  dl_prospect_set_next_follow_up (fields, follow_up);

  if (edit->stage != NULL)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (edit->stages,
                                                        adw_combo_row_get_selected (ADW_COMBO_ROW (edit->stage)));

      stage_id = stage ? dl_stage_get_id (stage) : 0;
    }

  edit->done (edit->user_data, person, fields, stage_id);
}

static char *
stage_name_cb (DlStage  *stage,
               gpointer  user_data)
{
  return stage ? g_strdup (dl_stage_get_name (stage)) : g_strdup ("");
}

void
dl_pipeline_edit_prospect (GtkWidget      *parent,
                           DlStore        *store,
                           DlProspect     *prospect,
                           DlProspectDone  done,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  static const char *const interests[] = {
    N_("Not known yet"), N_("The product"), N_("The business"), N_("Product and business"), NULL
  };
  static const char *const checks[] = {
    N_("Self-starter"), N_("Will put in the work"), N_("Someone you can work with"),
    N_("Loves the product"),
  };
  ProspectDialog *edit = g_new0 (ProspectDialog, 1);
  DlPerson *person = prospect ? dl_prospect_get_person (prospect) : NULL;
  g_autofree char *follow_up = day_text (prospect ? dl_prospect_get_next_follow_up (prospect) : DL_DAY_NONE);
  GtkWidget *rows[7];

  edit->store = g_object_ref (store);
  edit->prospect = prospect ? g_object_ref (prospect) : NULL;
  edit->done = done;
  edit->user_data = user_data;
  edit->destroy = destroy;

  form_init (&edit->form, parent,
             prospect ? _("Edit Prospect") : _("New Prospect"),
             NULL,
             prospect ? _("_Save") : _("_Add"), "save");

  rows[0] = edit->first_name = form_entry (&edit->form, _("First name"), person ? dl_person_get_first_name (person) : "");
  rows[1] = edit->last_name = form_entry (&edit->form, _("Last name"), person ? dl_person_get_last_name (person) : "");
  rows[2] = edit->email = form_entry (&edit->form, _("Email"), person ? dl_person_get_email (person) : "");
  rows[3] = edit->phone = form_entry (&edit->form, _("Phone"), person ? dl_person_get_phone (person) : "");
  rows[4] = edit->source = form_entry (&edit->form, _("How you met"), person ? dl_person_get_source (person) : "");
  rows[5] = edit->category = form_entry (&edit->form, _("Profession or category"), person ? dl_person_get_category (person) : "");
  rows[6] = edit->notes = form_entry (&edit->form, _("Notes"), person ? dl_person_get_notes (person) : "");
  edit->interest = form_combo (&edit->form, _("Interested in"), interests,
                               prospect ? dl_prospect_get_interest (prospect) : DL_INTEREST_UNKNOWN);

  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      edit->checks[i] = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (edit->checks[i]),
                                   prospect && (dl_prospect_get_qualification (prospect) & (1 << i)));
      gtk_widget_set_valign (edit->checks[i], GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(checks[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), edit->checks[i]);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit->checks[i]);
      gtk_list_box_append (edit->form.list, row);
    }

  edit->follow_up = form_entry (&edit->form, _("Next follow-up (year-month-day, or empty)"), follow_up);

  if (prospect == NULL)
    {
      edit->stages = dl_store_get_stages (store);
      edit->stage = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (edit->stage), _("Stage"));
      adw_combo_row_set_expression (ADW_COMBO_ROW (edit->stage),
                                    gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                                 G_CALLBACK (stage_name_cb), NULL, NULL));
      adw_combo_row_set_model (ADW_COMBO_ROW (edit->stage), edit->stages);
      gtk_list_box_append (edit->form.list, edit->stage);
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_signal_connect_swapped (rows[i], "changed", G_CALLBACK (on_prospect_changed_cb), edit);
  g_signal_connect_swapped (edit->follow_up, "changed", G_CALLBACK (on_prospect_changed_cb), edit);
  g_signal_connect (edit->form.dialog, "response", G_CALLBACK (on_prospect_response_cb), edit);
  g_object_set_data_full (G_OBJECT (edit->form.dialog), "dl-prospect", edit, prospect_dialog_free);

  /* an edit starts touched: what is wrong in it shows at once */
  edit->form.touched = prospect != NULL;
  check_prospect (edit);
  gtk_window_present (GTK_WINDOW (edit->form.dialog));
  gtk_widget_grab_focus (edit->first_name);
}

/* ---- a stage -------------------------------------------------------- */

typedef struct
{
  Form       form;
  DlStore   *store;
  gint64     stage_id;
  GtkWidget *name;
  GtkWidget *kind;
  GtkWidget *probability;
  GtkWidget *stale_days;
  GtkWidget *position;
  GtkWidget *parent;
} StageDialog;

static void
stage_dialog_free (gpointer data)
{
  StageDialog *edit = data;

  g_clear_object (&edit->store);
  g_clear_weak_pointer (&edit->parent);
  g_free (edit);
}

static void
show_error (GtkWidget    *parent,
            const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent ? parent_window (parent) : NULL,
                                              _("The Stage Was Not Changed"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_stage_changed_cb (StageDialog *edit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (text_of (edit->name)));

  edit->form.touched = TRUE;
  if (name[0] == '\0')
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("A stage needs a name."));
  else
    dl_validate_length (_("Name"), name, &error);
  mark_field (edit->name, error != NULL);
  form_report (&edit->form, NULL, error);
}

static void
on_stage_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      StageDialog      *edit)
{
  g_autoptr(GError) error = NULL;
  DlStageKind kind = adw_combo_row_get_selected (ADW_COMBO_ROW (edit->kind));
  guint probability = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (edit->probability));
  guint stale = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (edit->stale_days));
  guint position = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (edit->position)) - 1;
  gint64 id = edit->stage_id;

  if (g_str_equal (response, "delete"))
    {
      if (!dl_store_delete_stage (edit->store, id, &error))
        show_error (edit->parent, error);
      return;
    }

  if (!g_str_equal (response, "save"))
    return;

  if (id == 0)
    {
      g_autoptr(DlStage) stage = dl_store_add_stage (edit->store, text_of (edit->name), kind, &error);

      if (stage == NULL)
        {
          show_error (edit->parent, error);
          return;
        }
      id = dl_stage_get_id (stage);
    }
  else if (!dl_store_rename_stage (edit->store, id, text_of (edit->name), &error)
           || !dl_store_set_stage_kind (edit->store, id, kind, &error))
    {
      show_error (edit->parent, error);
      return;
    }

  if (!dl_store_set_stage_probability (edit->store, id, probability, &error)
      || !dl_store_set_stage_stale_days (edit->store, id, stale, &error)
      || !dl_store_move_stage (edit->store, id, position, &error))
    show_error (edit->parent, error);
}

static GtkWidget *
spin_row (Form       *form,
          const char *title,
          const char *subtitle,
          double      min,
          double      max,
          double      value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, 1);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_list_box_append (form->list, row);

  return spin;
}

void
dl_pipeline_edit_stage (GtkWidget *parent,
                        DlStore   *store,
                        gint64     stage_id)
{
  static const char *const kinds[] = { N_("Open"), N_("Joined"), N_("Not now"), NULL };
  StageDialog *edit = g_new0 (StageDialog, 1);
  g_autoptr(DlStage) stage = stage_id ? dl_store_get_stage (store, stage_id) : NULL;
  g_autoptr(GListModel) stages = dl_store_get_stages (store);
  guint n = g_list_model_get_n_items (stages);

  edit->store = g_object_ref (store);
  edit->stage_id = stage ? stage_id : 0;
  g_set_weak_pointer (&edit->parent, parent);

  form_init (&edit->form, parent, stage ? _("Edit Stage") : _("New Stage"),
             _("A stage is a column of your pipeline."),
             stage ? _("_Save") : _("_Add"), "save");
  if (stage != NULL)
    {
      adw_message_dialog_add_response (edit->form.dialog, "delete", _("_Delete Stage"));
      adw_message_dialog_set_response_appearance (edit->form.dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
    }

  edit->name = form_entry (&edit->form, _("Name"), stage ? dl_stage_get_name (stage) : "");
  edit->kind = form_combo (&edit->form, _("Kind"), kinds, stage ? dl_stage_get_kind (stage) : DL_STAGE_OPEN);
  edit->probability = spin_row (&edit->form, _("Chance of joining (%)"),
                                _("Used for the forecast"), 0, 100,
                                stage ? dl_stage_get_probability (stage) : 10);
  edit->stale_days = spin_row (&edit->form, _("Stale after (days)"),
                               _("Without contact and without a follow-up"), 1, 3650,
                               stage ? dl_stage_get_stale_days (stage) : 7);
  edit->position = spin_row (&edit->form, _("Position on the board"), NULL, 1, stage ? n : n + 1,
                             stage ? dl_stage_get_position (stage) + 1 : n + 1);

  g_signal_connect_swapped (edit->name, "changed", G_CALLBACK (on_stage_changed_cb), edit);
  g_signal_connect (edit->form.dialog, "response", G_CALLBACK (on_stage_response_cb), edit);
  g_object_set_data_full (G_OBJECT (edit->form.dialog), "dl-stage", edit, stage_dialog_free);

  on_stage_changed_cb (edit);
  gtk_window_present (GTK_WINDOW (edit->form.dialog));
}

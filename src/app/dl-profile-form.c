/* dl-profile-form.c — the user's own details, on first run and in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-profile-form.h"
#include "dl-validate.h"

struct _DlProfileForm
{
  GtkWidget      parent_instance;

  DlStore       *store;
  gboolean       show_letter_details;
  gboolean       apply_on_activate;
  gboolean       loading;

  /* template children */
  GtkWidget     *box;
  GtkWidget     *letters_group;
  AdwEntryRow   *first_name_row;
  AdwEntryRow   *last_name_row;
  AdwEntryRow   *email_row;
  AdwEntryRow   *phone_row;
  AdwEntryRow   *best_time_row;
  AdwEntryRow   *company_row;
  AdwEntryRow   *member_number_row;
  AdwEntryRow   *website_row;
  AdwEntryRow   *message_row;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (DlProfileForm, dl_profile_form, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SHOW_LETTER_DETAILS,
  PROP_APPLY_ON_ACTIVATE,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* profile property ↔ row, so loading and saving cannot drift apart */
static const struct {
  const char *property;
  gboolean    on_person;   /* a DlPerson property, else a DlProfile one */
  gsize       offset;
} fields[] = {
  { "first-name", TRUE,  G_STRUCT_OFFSET (DlProfileForm, first_name_row) },
  { "last-name",  TRUE,  G_STRUCT_OFFSET (DlProfileForm, last_name_row) },
  { "email",      TRUE,  G_STRUCT_OFFSET (DlProfileForm, email_row) },
  { "phone",      TRUE,  G_STRUCT_OFFSET (DlProfileForm, phone_row) },
  { "best-time",  TRUE,  G_STRUCT_OFFSET (DlProfileForm, best_time_row) },
  { "company",    FALSE, G_STRUCT_OFFSET (DlProfileForm, company_row) },
  { "member-number", FALSE, G_STRUCT_OFFSET (DlProfileForm, member_number_row) },
  { "website",    FALSE, G_STRUCT_OFFSET (DlProfileForm, website_row) },
  { "message",    FALSE, G_STRUCT_OFFSET (DlProfileForm, message_row) },
};

static AdwEntryRow *
field_row (DlProfileForm *self,
           guint          i)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, fields[i].offset);
}

static void
clear_error (DlProfileForm *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (field_row (self, i)), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (DlProfileForm *self,
            AdwEntryRow   *row,
            const char    *message)
{
  if (row != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* What the person typed, without the spaces around it: pasted addresses
 * often carry some, and they are never meant. */
static char *
row_value (DlProfileForm *self,
           guint          i)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field_row (self, i)))));
}

static guint
field_index (DlProfileForm *self,
             AdwEntryRow   *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (field_row (self, i) == row)
      return i;

  g_assert_not_reached ();
}

static gboolean
validate (DlProfileForm *self,
          char         **values)
{
  g_autoptr(GError) error = NULL;

  clear_error (self);

  if (!dl_validate_name (values[field_index (self, self->first_name_row)],
                         values[field_index (self, self->last_name_row)], &error))
    {
      show_error (self, self->first_name_row, error->message);
      return FALSE;
    }

  if (!dl_validate_email (values[field_index (self, self->email_row)], &error))
    {
      show_error (self, self->email_row, error->message);
      return FALSE;
    }

  if (!dl_validate_website (values[field_index (self, self->website_row)], &error))
    {
      show_error (self, self->website_row, error->message);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      AdwEntryRow *row = field_row (self, i);

      if (!dl_validate_length (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                               values[i], &error))
        {
          show_error (self, row, error->message);
          return FALSE;
        }
    }

  return TRUE;
}

static void
on_row_changed_cb (DlProfileForm *self,
                   AdwEntryRow   *row)
{
  if (!self->loading && gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    clear_error (self);
}

static void
on_row_activated_cb (DlProfileForm *self,
                     AdwEntryRow   *row)
{
  /* Enter saves, wherever the form is: in Preferences as the rows'
   * apply buttons do, on the first-run page as Set Up Your Profile */
  dl_profile_form_save (self);
}

static void
dl_profile_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlProfileForm *self = DL_PROFILE_FORM (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SHOW_LETTER_DETAILS:
      g_value_set_boolean (value, self->show_letter_details);
      break;

    case PROP_APPLY_ON_ACTIVATE:
      g_value_set_boolean (value, self->apply_on_activate);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_profile_form_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DlProfileForm *self = DL_PROFILE_FORM (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_profile_form_set_store (self, g_value_get_object (value));
      break;

    case PROP_SHOW_LETTER_DETAILS:
      if (self->show_letter_details != g_value_get_boolean (value))
        {
          self->show_letter_details = g_value_get_boolean (value);
          gtk_widget_set_visible (self->letters_group, self->show_letter_details);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_APPLY_ON_ACTIVATE:
      if (self->apply_on_activate != g_value_get_boolean (value))
        {
          self->apply_on_activate = g_value_get_boolean (value);
          /* in Preferences each row gets an apply button, as GNOME Settings does */
          for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
            adw_entry_row_set_show_apply_button (field_row (self, i), self->apply_on_activate);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_profile_form_dispose (GObject *object)
{
  DlProfileForm *self = DL_PROFILE_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PROFILE_FORM);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_profile_form_parent_class)->dispose (object);
}

static void
dl_profile_form_class_init (DlProfileFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dl_profile_form_get_property;
  object_class->set_property = dl_profile_form_set_property;
  object_class->dispose = dl_profile_form_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LETTER_DETAILS] =
    g_param_spec_boolean ("show-letter-details", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_APPLY_ON_ACTIVATE] =
    g_param_spec_boolean ("apply-on-activate", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/app/dl-profile-form.ui");
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, box);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, letters_group);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, email_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, best_time_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, company_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, member_number_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, website_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, message_row);
  gtk_widget_class_bind_template_child (widget_class, DlProfileForm, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);
}

static void
dl_profile_form_init (DlProfileForm *self)
{
  self->show_letter_details = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
dl_profile_form_set_store (DlProfileForm *self,
                           DlStore       *store)
{
  g_return_if_fail (DL_IS_PROFILE_FORM (self));
  g_return_if_fail (!store || DL_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      dl_profile_form_reload (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

void
dl_profile_form_reload (DlProfileForm *self)
{
  g_autoptr(DlProfile) profile = NULL;

  g_return_if_fail (DL_IS_PROFILE_FORM (self));

  profile = self->store ? dl_store_get_profile (self->store) : NULL;

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      if (profile != NULL)
        g_object_get (fields[i].on_person ? (gpointer) dl_profile_get_person (profile) : (gpointer) profile,
                      fields[i].property, &value, NULL);
      gtk_editable_set_text (GTK_EDITABLE (field_row (self, i)), value ? value : "");
    }
  self->loading = FALSE;
  clear_error (self);
}

gboolean
dl_profile_form_save (DlProfileForm *self)
{
  g_autoptr(DlProfile) saved = NULL;
  g_autoptr(DlProfile) profile = NULL;
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) values = g_new0 (char *, G_N_ELEMENTS (fields) + 1);

  g_return_val_if_fail (DL_IS_PROFILE_FORM (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    values[i] = row_value (self, i);

  if (!validate (self, values))
    return FALSE;

  /* edit copies: the store's shared items change only once it has saved */
  saved = dl_store_get_profile (self->store);
  profile = saved ? dl_profile_copy (saved) : dl_profile_new ();
  person = saved ? dl_person_copy (dl_profile_get_person (saved)) : dl_person_new ();
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_object_set (fields[i].on_person ? (gpointer) person : (gpointer) profile,
                  fields[i].property, values[i], NULL);
  dl_profile_set_person (profile, person);

  if (!dl_store_save_profile (self->store, profile, &error))
    {
      /* a number another member has: that row, so it can be corrected */
      show_error (self,
                  g_error_matches (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE) ? self->member_number_row : NULL,
                  error->message);
      return FALSE;
    }

  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

/* The first field takes the keyboard: a new user types their name at once. */
void
dl_profile_form_focus_first (DlProfileForm *self)
{
  g_return_if_fail (DL_IS_PROFILE_FORM (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->first_name_row));
}

/* dl-prospect-card.c — one prospect on the pipeline board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every text comes from the database, so every label is plain text
 * (gtk_label_set_text), never markup.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-pipeline-stats.h"
#include "dl-prospect-card.h"
#include "dl-rules.h"

struct _DlProspectCard
{
  GtkWidget   parent_instance;

  DlDay       today;        /* DL_DAY_NONE: the real today */

  DlProspect *prospect;
  DlStage    *stage;
  gboolean    stale;
  guint       update_source;

  /* template children */
  GtkLabel   *name_label;
  GtkImage   *stale_icon;
  GtkLabel   *met_label;
  GtkLabel   *interest_label;
  GtkImage   *q_images[4];
  GtkLabel   *follow_up_label;
  GtkLabel   *contact_label;
};

G_DEFINE_FINAL_TYPE (DlProspectCard, dl_prospect_card, GTK_TYPE_WIDGET)

static const char *const follow_up_classes[] = { "none", "overdue", "today", "later" };

static const char *
interest_text (DlInterest interest)
{
  switch (interest)
    {
    case DL_INTEREST_PRODUCT:
      return C_("interest", "Product");
    case DL_INTEREST_BUSINESS:
      return C_("interest", "Business");
    case DL_INTEREST_BOTH:
      return C_("interest", "Product and business");
    case DL_INTEREST_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
qualification_text (guint i)
{
  const char *texts[] = {
    N_("Self-starter"),
    N_("Will put in the work"),
    N_("Someone you can work with"),
    N_("Loves the product"),
  };

  return _(texts[i]);
}

static char *
follow_up_text (DlFollowUpState state,
                DlDay           day,
                DlDay           today)
{
  switch (state)
    {
    case DL_FOLLOW_UP_NONE:
      return g_strdup (_("No follow-up"));
    case DL_FOLLOW_UP_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day late",
                                           "%d days late", today - day),
                              today - day);
    case DL_FOLLOW_UP_TODAY:
      return g_strdup (_("Due today"));
    case DL_FOLLOW_UP_LATER:
    default:
      /* a follow-up date on a card, e.g. "3 Dec" */
      return dl_day_format_day_month (day);
    }
}

/* gtk_widget_set_tooltip_text () asks the X server where the pointer is,
 * a round trip per call: binding the cards of a board spent most of its
 * time there.  The text is kept on the widget and given on hover. */
static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "dl-tooltip");

  if (text == NULL || text[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
lazy_tooltip (GtkWidget *widget)
{
  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);
}

static void
set_tooltip (GtkWidget  *widget,
             const char *text)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "dl-tooltip"), text) != 0)
    g_object_set_data_full (G_OBJECT (widget), "dl-tooltip", g_strdup (text), g_free);
}

static void
update (DlProspectCard *self)
{
  DlPerson *person;
  DlDay today = self->today != DL_DAY_NONE ? self->today : dl_day_today ();
  DlDay follow_up;
  DlDay last_contact;
  DlFollowUpState state;
  DlQualification q;
  g_autofree char *follow_text = NULL;
  g_autofree char *contact_text = NULL;
  g_autofree char *met = NULL;
  g_autofree char *accessible = NULL;
  const char *interest;
  const char *source, *category;
  DlStageKind kind;
  int since;
  DlProspectFacts facts = { 0, };

  if (self->prospect == NULL)
    return;

  person = dl_prospect_get_person (self->prospect);
  gtk_label_set_text (self->name_label, dl_person_get_name (person));

  source = dl_person_get_source (person);
  category = dl_person_get_category (person);
  if (source[0] != '\0' && category[0] != '\0')
    met = g_strdup_printf ("%s · %s", source, category);
  else
    met = g_strdup (source[0] != '\0' ? source : category);
  gtk_label_set_text (self->met_label, met);
  gtk_widget_set_visible (GTK_WIDGET (self->met_label), met[0] != '\0');

  interest = interest_text (dl_prospect_get_interest (self->prospect));
  gtk_label_set_text (self->interest_label, interest ? interest : "");
  gtk_widget_set_visible (GTK_WIDGET (self->interest_label), interest != NULL);

  q = dl_prospect_get_qualification (self->prospect);
  for (guint i = 0; i < 4; i++)
    {
      gboolean yes = (q & (1 << i)) != 0;
      g_autofree char *tip = g_strdup_printf (yes ? _("%s: yes") : _("%s: not yet"),
                                              qualification_text (i));

      gtk_image_set_from_icon_name (self->q_images[i],
                                    yes ? "checkbox-checked-symbolic" : "checkbox-symbolic");
      set_tooltip (GTK_WIDGET (self->q_images[i]), tip);
      if (yes)
        gtk_widget_add_css_class (GTK_WIDGET (self->q_images[i]), "qualified");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->q_images[i]), "qualified");
    }

  kind = self->stage != NULL ? dl_stage_get_kind (self->stage) : DL_STAGE_OPEN;
  follow_up = dl_prospect_get_next_follow_up (self->prospect);
  if (kind == DL_STAGE_NOT_NOW)
    {
      const char *reason = dl_prospect_get_not_now_reason (self->prospect);

      /* a parked card says why, and when to ask again, never "No
       * follow-up": nobody forgot them */
      follow_up = dl_prospect_get_revisit_on (self->prospect);
      state = dl_pipeline_follow_up_state (follow_up, today);
      if (state == DL_FOLLOW_UP_NONE)
        follow_text = g_strdup (_("Not now"));
      else
        {
          g_autofree char *when = follow_up_text (state == DL_FOLLOW_UP_OVERDUE ? DL_FOLLOW_UP_LATER : state,
                                                  follow_up, today);

          /* Translators: on a parked card, the day to ask again, e.g. "Ask again 3 Mar" */
          follow_text = state == DL_FOLLOW_UP_TODAY ? g_strdup (_("Ask again today"))
                                                    : g_strdup_printf (_("Ask again %s"), when);
        }
      if (reason[0] != '\0')
        {
          g_autofree char *why = g_strdup_printf (_("Not now: %s"), reason);

          gtk_label_set_text (self->met_label, why);
          gtk_widget_set_visible (GTK_WIDGET (self->met_label), TRUE);
        }
    }
  else
    {
      state = dl_pipeline_follow_up_state (follow_up, today);
      follow_text = follow_up_text (state, follow_up, today);
    }
  gtk_label_set_text (self->follow_up_label, follow_text);
  /* a member now: their check-ins live in Today, not on the board */
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_label), kind != DL_STAGE_JOINED);
  for (guint i = 0; i < G_N_ELEMENTS (follow_up_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->follow_up_label), follow_up_classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), follow_up_classes[state]);

  last_contact = dl_person_get_last_contact (person)
                 ? dl_day_from_date_time (dl_person_get_last_contact (person)) : DL_DAY_NONE;
  since = dl_pipeline_days_since (last_contact, today);
  if (since < 0)
    contact_text = g_strdup (_("Never contacted"));
  else if (since == 0)
    contact_text = g_strdup (_("Contacted today"));
  else
    /* Translators: on a card, days since the last contact */
    contact_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Contacted %d day ago",
                                                 "Contacted %d days ago", since), since);
  gtk_label_set_text (self->contact_label, contact_text);
  {
    g_autofree char *tip = NULL;

    if (kind == DL_STAGE_NOT_NOW)
      tip = g_strdup (_("The day to ask them again"));
    else if (state == DL_FOLLOW_UP_NONE)
      tip = g_strdup (_("No follow-up planned: plan one so they are not forgotten"));
    else if (state == DL_FOLLOW_UP_OVERDUE)
      tip = g_strdup (_("The follow-up date has passed"));
    else
      tip = g_strdup (_("Next follow-up"));
    set_tooltip (GTK_WIDGET (self->follow_up_label), tip);
  }

  if (self->stage != NULL)
    {
      GDateTime *entered = dl_prospect_get_entered_stage_at (self->prospect);

      facts.stage_kind = dl_stage_get_kind (self->stage);
      facts.stale_after_days = dl_stage_get_stale_days (self->stage);
      facts.entered_stage_on = entered ? dl_day_from_date_time (entered) : DL_DAY_NONE;
      facts.last_contact = last_contact;
      facts.next_follow_up = follow_up;
      facts.revisit_on = dl_prospect_get_revisit_on (self->prospect);
      self->stale = dl_rules_prospect_is_stale (&facts, today);
    }
  else
    self->stale = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->stale_icon), self->stale);
  if (self->stale)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");

  if (self->stale)
    /* Translators: a card for screen readers: the name, the follow-up and the last contact,
     * then that the prospect has stayed too long in the stage */
    accessible = g_strdup_printf (_("%s. %s. %s. Stale."), dl_person_get_name (person), follow_text,
                                  contact_text);
  else
    /* Translators: a card for screen readers: the name, the follow-up and the last contact */
    accessible = g_strdup_printf (_("%s. %s. %s."), dl_person_get_name (person), follow_text, contact_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static gboolean
update_cb (gpointer user_data)
{
  DlProspectCard *self = user_data;

  self->update_source = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

/* A refreshed row notifies once per property: one update for them all. */
static void
on_changed_cb (DlProspectCard *self)
{
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, update_cb, self, NULL);
}

static void
dl_prospect_card_dispose (GObject *object)
{
  DlProspectCard *self = DL_PROSPECT_CARD (object);
  GtkWidget *child;

  dl_prospect_card_bind (self, NULL, NULL);
  g_clear_handle_id (&self->update_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_PROSPECT_CARD);
  /* the template's root is not a bound child: unparent it too */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dl_prospect_card_parent_class)->dispose (object);
}

static void
dl_prospect_card_class_init (DlProspectCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_prospect_card_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/pipeline/dl-prospect-card.ui");
  gtk_widget_class_bind_template_child (widget_class, DlProspectCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, DlProspectCard, stale_icon);
  gtk_widget_class_bind_template_child (widget_class, DlProspectCard, met_label);
  gtk_widget_class_bind_template_child (widget_class, DlProspectCard, interest_label);
  gtk_widget_class_bind_template_child_full (widget_class, "q0_image", FALSE,
                                             G_STRUCT_OFFSET (DlProspectCard, q_images[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "q1_image", FALSE,
                                             G_STRUCT_OFFSET (DlProspectCard, q_images[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "q2_image", FALSE,
                                             G_STRUCT_OFFSET (DlProspectCard, q_images[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "q3_image", FALSE,
                                             G_STRUCT_OFFSET (DlProspectCard, q_images[3]));
  gtk_widget_class_bind_template_child (widget_class, DlProspectCard, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, DlProspectCard, contact_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "prospectcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dl_prospect_card_init (DlProspectCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->today = DL_DAY_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (self->q_images); i++)
    lazy_tooltip (GTK_WIDGET (self->q_images[i]));
  lazy_tooltip (GTK_WIDGET (self->follow_up_label));
}

GtkWidget *
dl_prospect_card_new (void)
{
  return g_object_new (DL_TYPE_PROSPECT_CARD, NULL);
}

void
dl_prospect_card_bind (DlProspectCard *self,
                       DlProspect     *prospect,
                       DlStage        *stage)
{
  g_return_if_fail (DL_IS_PROSPECT_CARD (self));

  if (self->prospect != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->prospect, self);
      g_signal_handlers_disconnect_by_data (dl_prospect_get_person (self->prospect), self);
    }
  if (self->stage != NULL)
    g_signal_handlers_disconnect_by_data (self->stage, self);

  g_set_object (&self->prospect, prospect);
  g_set_object (&self->stage, stage);

  if (prospect != NULL)
    {
      g_signal_connect_swapped (prospect, "notify", G_CALLBACK (on_changed_cb), self);
      g_signal_connect_swapped (dl_prospect_get_person (prospect), "notify",
                                G_CALLBACK (on_changed_cb), self);
    }
  if (stage != NULL)
    g_signal_connect_swapped (stage, "notify", G_CALLBACK (on_changed_cb), self);

  dl_prospect_card_set_drop_mark (self, 0);
  g_clear_handle_id (&self->update_source, g_source_remove);
  update (self);
}

void
dl_prospect_card_set_today (DlProspectCard *self,
                            DlDay           today)
{
  g_return_if_fail (DL_IS_PROSPECT_CARD (self));

  if (self->today == today)
    return;

  self->today = today;
  update (self);
}

DlProspect *
dl_prospect_card_get_prospect (DlProspectCard *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT_CARD (self), NULL);

  return self->prospect;
}

gboolean
dl_prospect_card_is_stale (DlProspectCard *self)
{
  g_return_val_if_fail (DL_IS_PROSPECT_CARD (self), FALSE);

  return self->stale;
}

void
dl_prospect_card_set_drop_mark (DlProspectCard *self,
                                int             where)
{
  g_return_if_fail (DL_IS_PROSPECT_CARD (self));

  if (where < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-above");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-above");
  if (where > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "drop-below");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-below");
}

/* dl-risk-preferences.c — the Dropout Risk page of Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain words first: which score is in use and why, how often it was
 * right on the months it never saw, the calibration chart, and the few
 * facts that weigh most in this business.  "Learn Again" fits the model
 * afresh in a worker thread.
 */

#define G_LOG_DOMAIN "dl-downline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dl-risk-chart.h"
#include "dl-risk-preferences.h"
#include "dl-rules.h"
#include "dl-settings.h"
#include "dl-store-risk.h"
#include "dl-toast.h"

/* The factors listed, heaviest first. */
#define N_SHOWN_FACTORS 4

struct _DlRiskPreferences
{
  AdwPreferencesPage    parent_instance;

  DlStore              *store;
  GCancellable         *cancellable;
  GPtrArray            *factor_rows;

  /* template children */
  AdwPreferencesGroup  *model_group;
  AdwActionRow         *learn_row;
  GtkButton            *learn_button;
  AdwPreferencesGroup  *quality_group;
  GtkLabel             *auc_label;
  AdwActionRow         *auc_row;
  GtkLabel             *high_label;
  AdwActionRow         *high_row;
  GtkLabel             *low_label;
  AdwActionRow         *low_row;
  DlRiskChart          *chart;
  AdwPreferencesGroup  *factors_group;
};

G_DEFINE_FINAL_TYPE (DlRiskPreferences, dl_risk_preferences, ADW_TYPE_PREFERENCES_PAGE)

static void
set_share (GtkLabel     *label,
           AdwActionRow *row,
           double        share,
           guint         n)
{
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (GTK_WIDGET (row), !isnan (share));
  if (isnan (share))
    return;
  text = g_strdup_printf (_("%.0f%% gone"), 100 * share);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Of %u member scored so, this many had left three months later",
                                           "Of %u members scored so, this many had left three months later",
                                           n), n);
  gtk_label_set_text (label, text);
  adw_action_row_set_subtitle (row, subtitle);
}

typedef struct
{
  DlRiskFactor  factor;
  double        weight;
} Weighed;

static int
compare_weighed (gconstpointer a,
                 gconstpointer b)
{
  double x = fabs (((const Weighed *) a)->weight), y = fabs (((const Weighed *) b)->weight);

  return (x < y) - (x > y);
}

static void
show_factors (DlRiskPreferences *self,
              const DlRiskModel *model)
{
  Weighed weighed[DL_RISK_N_FACTORS];
  guint n = 0;

  for (guint i = 0; i < self->factor_rows->len; i++)
    adw_preferences_group_remove (self->factors_group, g_ptr_array_index (self->factor_rows, i));
  g_ptr_array_set_size (self->factor_rows, 0);

  for (guint f = 0; f < DL_RISK_N_FACTORS; f++)
    if (model->weights[f] != 0)
      weighed[n++] = (Weighed) { (DlRiskFactor) f, model->weights[f] };
  qsort (weighed, n, sizeof *weighed, compare_weighed);

  adw_preferences_group_set_description (self->factors_group,
                                         model->kind == DL_RISK_MODEL_LEARNED
                                         ? _("What came before people left in your team, by weight.")
                                         : _("The points the rules of thumb give, most first."));

  for (guint i = 0; i < MIN (n, N_SHOWN_FACTORS); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *suffix;
      g_autofree char *amount = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dl_risk_factor_get_title (weighed[i].factor));
      if (model->kind == DL_RISK_MODEL_LEARNED)
        {
          /* as odds: "×2.3" reads better than a log-odds weight */
          double odds = exp (fabs (weighed[i].weight));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       weighed[i].weight > 0
                                       ? _("Raises the chance of leaving")
                                       : _("Lowers the chance of leaving"));
          amount = g_strdup_printf (weighed[i].weight > 0 ? _("odds ×%.1f") : _("odds ÷%.1f"), odds);
        }
      else
        amount = g_strdup_printf (_("+%.0f points"), weighed[i].weight);
      suffix = gtk_label_new (amount);
      gtk_widget_add_css_class (suffix, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      adw_preferences_group_add (self->factors_group, row);
      g_ptr_array_add (self->factor_rows, row);
    }
}

static void
show_model (DlRiskPreferences *self,
            const DlRiskModel *model)
{
  g_autofree char *explain = dl_risk_model_explain (model);
  g_autofree char *auc = NULL;
  g_autofree char *auc_subtitle = NULL;
  g_autofree char *learn_subtitle = NULL;
  gboolean checked = !isnan (model->auc);

  adw_preferences_group_set_description (self->model_group, explain);
  if (model->n_periods > 0)
    learn_subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u month of figures known",
                                                   "%u months of figures known",
                                                   model->n_periods),
                                      model->n_periods);
  else
    learn_subtitle = g_strdup (_("No monthly figures yet: import a back-office export with its month"));
  adw_action_row_set_subtitle (self->learn_row, learn_subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->quality_group), checked);
  if (checked)
    {
      auc = g_strdup_printf (_("%.0f in 100"), 100 * model->auc);
      auc_subtitle = g_strdup_printf (_("Take one member who left and one who stayed: the score ranked the leaver higher %.0f times in 100 (50 is a coin toss)"),
                                      100 * model->auc);
      gtk_label_set_text (self->auc_label, auc);
      adw_action_row_set_subtitle (self->auc_row, auc_subtitle);
      set_share (self->high_label, self->high_row, model->high_gone, model->n_high);
      set_share (self->low_label, self->low_row, model->low_gone, model->n_low);
      dl_risk_chart_set_model (self->chart, model);
    }

  show_factors (self, model);
}

static void
reload (DlRiskPreferences *self)
{
  DlRiskModel model;

  if (self->store == NULL || !dl_store_get_risk_model (self->store, &model, NULL))
    dl_risk_model_init_expert (&model, DL_RISK_FALLBACK_NO_HISTORY);
  show_model (self, &model);
}

static void
add_toast (DlRiskPreferences *self,
           AdwToast          *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_WINDOW);

  if (window != NULL)
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
refit_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(DlRiskPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  DlRiskModel model;

  if (!dl_store_refit_risk_model_finish (DL_STORE (source), result, &model, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, dl_toast_new (error->message));
    }
  else
    {
      show_model (self, &model);
      add_toast (self, dl_toast_new (model.kind == DL_RISK_MODEL_LEARNED
                                     ? _("Learned from your months")
                                     : _("Still using the rules of thumb")));
    }
  if (!g_cancellable_is_cancelled (self->cancellable))
    gtk_widget_set_sensitive (GTK_WIDGET (self->learn_button), TRUE);
}

static void
on_learn_clicked_cb (DlRiskPreferences *self)
{
  DlCadence cadence;

  if (self->store == NULL)
    return;
  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  gtk_widget_set_sensitive (GTK_WIDGET (self->learn_button), FALSE);
  dl_store_refit_risk_model_async (self->store, &cadence, self->cancellable, refit_cb, g_object_ref (self));
}

static void
dl_risk_preferences_dispose (GObject *object)
{
  DlRiskPreferences *self = DL_RISK_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_RISK_PREFERENCES);
  g_clear_pointer (&self->factor_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dl_risk_preferences_parent_class)->dispose (object);
}

static void
dl_risk_preferences_class_init (DlRiskPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_risk_preferences_dispose;

  g_type_ensure (DL_TYPE_RISK_CHART);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/downline/dl-risk-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, model_group);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, learn_row);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, learn_button);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, quality_group);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, auc_label);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, auc_row);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, high_label);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, high_row);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, low_label);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, low_row);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, chart);
  gtk_widget_class_bind_template_child (widget_class, DlRiskPreferences, factors_group);
  gtk_widget_class_bind_template_callback (widget_class, on_learn_clicked_cb);
}

static void
dl_risk_preferences_init (DlRiskPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->factor_rows = g_ptr_array_new ();
  reload (self);
}

GtkWidget *
dl_risk_preferences_new (void)
{
  return g_object_new (DL_TYPE_RISK_PREFERENCES, NULL);
}

void
dl_risk_preferences_set_store (DlRiskPreferences *self,
                               DlStore           *store)
{
  g_return_if_fail (DL_IS_RISK_PREFERENCES (self));
  g_return_if_fail (!store || DL_IS_STORE (store));

  g_set_object (&self->store, store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->learn_button), store != NULL);
  reload (self);
}

/* dl-insights-view.c — is the business growing, who duplicates, who stays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A column of cards, each a chart with one plain sentence above it and
 * an Export menu (PNG, SVG, PDF).  The figures are worked out in a
 * worker thread (dl-insights-data.c) when the view is first shown and
 * again, once shown, after the downline changes.  A chart without what
 * it needs says what that is instead.
 */

#define G_LOG_DOMAIN "dl-insights"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-insights-chart.h"
#include "dl-insights-view.h"
#include "dl-menu-button.h"
#include "dl-settings.h"
#include "dl-toast.h"

/* Months for each position of the range drop-down (0: all). */
static const guint range_months[] = { 6, 12, 0 };

typedef struct
{
  DlInsightsChartKind  kind;
  const char          *name;       /* for the export action and file */
  const char          *title;
  const char          *needs;      /* what the chart needs, when it has nothing */
} CardInfo;

static const CardInfo cards[DL_INSIGHTS_N_CHARTS] = {
  { DL_INSIGHTS_CHART_GROWTH, "growth", N_("Growth"),
    N_("Import your back office’s monthly exports (at least two months) to see the business grow month by month.") },
  { DL_INSIGHTS_CHART_RETENTION, "retention", N_("Who Stays"),
    N_("Import your back office’s monthly exports to see how many of each month’s new members are still active 1, 3, 6 and 12 months on.") },
  { DL_INSIGHTS_CHART_DUPLICATION, "duplication", N_("Duplication"),
    N_("Add your personally enrolled members and their teams to see who duplicates.") },
  { DL_INSIGHTS_CHART_INCOME, "income", N_("Income Projection"),
    NULL },
  { DL_INSIGHTS_CHART_EFFORT, "effort", N_("Your Habits"),
    N_("Log your contacts and add prospects to see your weekly habits here.") },
  { DL_INSIGHTS_CHART_PIPELINE, "pipeline", N_("Your Pipeline"),
    N_("Add prospects to the pipeline to see it fill, week by week, against your goal.") },
  { DL_INSIGHTS_CHART_RISK, "risk", N_("How Well the Dropout Risk Predicts"),
    N_("Once seven months of figures are known, the dropout risk learns from them and is checked here on the latest months.") },
};

typedef struct
{
  GtkWidget *box;
  GtkLabel  *reading;
  GtkLabel  *needs;
  GtkWidget *chart;
  GtkWidget *export_button;
} Card;

struct _DlInsightsView
{
  GtkWidget        parent_instance;

  DlStore         *store;
  DlInsightsData  *data;
  GCancellable    *cancellable;
  gboolean         stale;
  gboolean         loading;
  Card             cards[DL_INSIGHTS_N_CHARTS];
  GtkSpinButton   *earning_spin;

  /* template children */
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkBox          *cards_box;
  GtkLabel        *months_label;
  GtkDropDown     *range_dropdown;
};

G_DEFINE_FINAL_TYPE (DlInsightsView, dl_insights_view, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, N_PROPS };
enum { SHOW_PERSON, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
scope_of (DlInsightsView  *self,
          DlInsightsScope *scope)
{
  guint selected = gtk_drop_down_get_selected (self->range_dropdown);

  scope->data = self->data;
  scope->months = range_months[MIN (selected, G_N_ELEMENTS (range_months) - 1)];
  scope->per_active = dl_settings_get_earning_per_active (dl_settings_get_default ());
  scope->daily_goal = dl_settings_get_daily_contacts_goal (dl_settings_get_default ());
  scope->pipeline_goal = dl_settings_get_pipeline_goal (dl_settings_get_default ());
}

static void
show_cards (DlInsightsView *self)
{
  DlInsightsScope scope;

  if (self->data == NULL)
    return;
  scope_of (self, &scope);

  for (guint i = 0; i < DL_INSIGHTS_N_CHARTS; i++)
    {
      Card *card = &self->cards[i];
      g_autofree char *reading = dl_insights_chart_reading (cards[i].kind, &scope);

      gtk_label_set_text (card->reading, reading != NULL ? reading : "");
      gtk_widget_set_visible (GTK_WIDGET (card->reading), reading != NULL);
      gtk_widget_set_visible (GTK_WIDGET (card->needs), reading == NULL);
      gtk_widget_set_visible (card->chart, reading != NULL);
      gtk_widget_set_sensitive (card->export_button, reading != NULL);
      dl_insights_chart_set_scope (DL_INSIGHTS_CHART (card->chart), &scope);
      gtk_accessible_update_property (GTK_ACCESSIBLE (card->chart),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(cards[i].title),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reading != NULL ? reading : "",
                                      -1);
    }

  if (self->data->n_periods > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "From %u month of back-office figures and your downline of %u.",
                                                            "From %u months of back-office figures and your downline of %u.",
                                                            self->data->n_periods),
                                               self->data->n_periods, self->data->duplication->n_members);

      gtk_label_set_text (self->months_label, text);
    }
  else
    gtk_label_set_text (self->months_label,
                        _("From your downline alone: import monthly exports for growth and retention."));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  DlInsightsView *self = user_data;
  g_autoptr(GError) error = NULL;
  DlInsightsData *data = dl_insights_data_load_finish (DL_STORE (source), result, &error);

  if (data == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading = FALSE;
      gtk_spinner_stop (self->spinner);
      g_warning ("Insights could not be worked out: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->data, dl_insights_data_unref);
  self->data = data;
  show_cards (self);
  gtk_stack_set_visible_child_name (self->stack, data->duplication->n_members == 0 && data->n_periods == 0
                                                 ? "empty" : "charts");
}

static void
reload (DlInsightsView *self)
{
  self->stale = FALSE;
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  if (self->data == NULL)
    {
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  dl_insights_data_load_async (self->store, self->cancellable, load_cb, self);
}

static void
on_store_changed_cb (DlStore        *store,
                     DlStoreEntity   entity,
                     gint64          id,
                     DlInsightsView *self)
{
  if (entity != DL_STORE_ENTITY_MEMBERS && entity != DL_STORE_ENTITY_PEOPLE)
    return;
  /* counted again when next looked at, not on every change unseen */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload (self);
  else
    self->stale = TRUE;
}

static void
on_map_cb (DlInsightsView *self)
{
  if (self->stale || (self->data == NULL && !self->loading))
    reload (self);
}

static void
on_range_changed_cb (DlInsightsView *self)
{
  show_cards (self);
}

static void
on_member_activated_cb (DlInsightsView *self,
                        gint64          person_id)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "downline");
  g_signal_emit (self, signals[SHOW_PERSON], 0, person_id, "downline");
}

/* ---- Export -------------------------------------------------------------- */

typedef struct
{
  DlInsightsView      *view;
  DlInsightsChartKind  kind;
  char                *format;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->view);
  g_free (job->format);
  g_free (job);
}

static void
add_toast (DlInsightsView *self,
           AdwToast       *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    dl_toast_show (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ExportJob       *job)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT
                          ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser)) : NULL;
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  DlInsightsScope scope;

  if (path != NULL && job->view->data != NULL)
    {
      g_autofree char *named = g_str_has_suffix (path, job->format)
                               ? g_strdup (path) : g_strconcat (path, job->format, NULL);

      scope_of (job->view, &scope);
      if (dl_insights_chart_export (job->kind, &scope, named, 960, &error))
        {
          g_autofree char *base = g_path_get_basename (named);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), base);

          add_toast (job->view, dl_toast_new (text));
        }
      else
        add_toast (job->view, dl_toast_new (error->message));
    }
  g_object_unref (chooser);
  export_job_free (job);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlInsightsView *self = DL_INSIGHTS_VIEW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  const char *dot = strrchr (target, '.');
  GtkFileChooserNative *chooser;
  ExportJob *job;
  g_autofree char *name = NULL;
  guint kind = DL_INSIGHTS_N_CHARTS;

  for (guint i = 0; i < DL_INSIGHTS_N_CHARTS && dot != NULL; i++)
    if (strncmp (target, cards[i].name, (gsize) (dot - target)) == 0 && strlen (cards[i].name) == (gsize) (dot - target))
      kind = cards[i].kind;
  if (kind == DL_INSIGHTS_N_CHARTS || self->data == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->view = g_object_ref (self);
  job->kind = kind;
  job->format = g_strdup (dot);

  chooser = gtk_file_chooser_native_new (_("Export Chart"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* "Growth.png": the chart's title, as a person would name it */
  for (guint i = 0; i < DL_INSIGHTS_N_CHARTS; i++)
    if (cards[i].kind == kind)
      name = g_strconcat (_(cards[i].title), dot, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Cards --------------------------------------------------------------- */

static GMenuModel *
export_menu (const char *name)
{
  GMenu *menu = g_menu_new ();
  static const struct { const char *label; const char *ext; } formats[] = {
    { N_("As _PNG Image"), ".png" }, { N_("As _SVG Drawing"), ".svg" }, { N_("As P_DF"), ".pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *target = g_strconcat (name, formats[i].ext, NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (_(formats[i].label), NULL);

      g_menu_item_set_action_and_target (item, "insights.export", "s", target);
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static GtkWidget *
earning_row (DlInsightsView *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("Each active member earns me, a month, about"));
  GSettings *settings = dl_settings_get_gsettings (dl_settings_get_default ());

  self->earning_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100000, 0.5));
  gtk_spin_button_set_digits (self->earning_spin, 2);
  gtk_spin_button_set_value (self->earning_spin, dl_settings_get_earning_per_active (dl_settings_get_default ()));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->earning_spin));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->earning_spin));
  if (settings != NULL)
    g_settings_bind (settings, "earning-per-active", self->earning_spin, "value", G_SETTINGS_BIND_DEFAULT);
  return row;
}

static void
on_settings_changed_cb (DlInsightsView *self)
{
  show_cards (self);
}

static void
build_cards (DlInsightsView *self)
{
  for (guint i = 0; i < DL_INSIGHTS_N_CHARTS; i++)
    {
      Card *card = &self->cards[i];
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *frame;
      GtkWidget *title = gtk_label_new (_(cards[i].title));
      g_autoptr(GMenuModel) menu = export_menu (cards[i].name);

      frame = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (frame, "card");
      card->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_widget_set_margin_top (card->box, 12);
      gtk_widget_set_margin_bottom (card->box, 18);
      gtk_widget_set_margin_start (card->box, 18);
      gtk_widget_set_margin_end (card->box, 12);
      gtk_box_append (GTK_BOX (frame), card->box);

      gtk_widget_add_css_class (title, "heading");
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      /* a long title takes two lines on a phone */
      gtk_label_set_wrap (GTK_LABEL (title), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_box_append (GTK_BOX (header), title);
      card->export_button = gtk_menu_button_new ();
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (card->export_button), "document-save-symbolic");
      dl_menu_button_set_menu (GTK_MENU_BUTTON (card->export_button), menu);
      gtk_widget_set_tooltip_text (card->export_button, _("Export Chart"));
      gtk_widget_add_css_class (card->export_button, "flat");
      gtk_box_append (GTK_BOX (header), card->export_button);
      gtk_box_append (GTK_BOX (card->box), header);

      card->reading = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_wrap (card->reading, TRUE);
      gtk_label_set_xalign (card->reading, 0);
      gtk_box_append (GTK_BOX (card->box), GTK_WIDGET (card->reading));

      card->needs = GTK_LABEL (gtk_label_new (cards[i].needs != NULL ? _(cards[i].needs) : NULL));
      gtk_label_set_wrap (card->needs, TRUE);
      gtk_label_set_xalign (card->needs, 0);
      gtk_widget_add_css_class (GTK_WIDGET (card->needs), "dim-label");
      gtk_widget_set_visible (GTK_WIDGET (card->needs), FALSE);
      gtk_box_append (GTK_BOX (card->box), GTK_WIDGET (card->needs));

      card->chart = dl_insights_chart_new (cards[i].kind);
      gtk_widget_set_hexpand (card->chart, TRUE);
      g_signal_connect_object (card->chart, "member-activated",
                               G_CALLBACK (on_member_activated_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (card->box), card->chart);

      if (cards[i].kind == DL_INSIGHTS_CHART_INCOME)
        gtk_box_append (GTK_BOX (card->box), earning_row (self));

      gtk_box_append (self->cards_box, frame);
    }
}

/* ---- GObject ------------------------------------------------------------- */

static void
dl_insights_view_dispose (GObject *object)
{
  DlInsightsView *self = DL_INSIGHTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->data, dl_insights_data_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_INSIGHTS_VIEW);

  G_OBJECT_CLASS (dl_insights_view_parent_class)->dispose (object);
}

static void
dl_insights_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlInsightsView *self = DL_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_insights_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_insights_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlInsightsView *self = DL_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_insights_view_class_init (DlInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_insights_view_dispose;
  object_class->set_property = dl_insights_view_set_property;
  object_class->get_property = dl_insights_view_get_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a person was clicked: show them in view (as Today's rows do) */
  signals[SHOW_PERSON] = g_signal_new ("show-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "insights.export", "s", export_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/insights/dl-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlInsightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, DlInsightsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlInsightsView, cards_box);
  gtk_widget_class_bind_template_child (widget_class, DlInsightsView, months_label);
  gtk_widget_class_bind_template_child (widget_class, DlInsightsView, range_dropdown);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "insights");
}

static void
dl_insights_view_init (DlInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_cards (self);
  g_signal_connect_object (self->range_dropdown, "notify::selected",
                           G_CALLBACK (on_range_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);
  g_signal_connect_object (dl_settings_get_default (), "changed",
                           G_CALLBACK (on_settings_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
dl_insights_view_new (void)
{
  return g_object_new (DL_TYPE_INSIGHTS_VIEW, NULL);
}

void
dl_insights_view_set_store (DlInsightsView *self,
                            DlStore        *store)
{
  g_return_if_fail (DL_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (!store || DL_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_clear_pointer (&self->data, dl_insights_data_unref);
  if (store != NULL)
    {
      g_signal_connect (store, "changed", G_CALLBACK (on_store_changed_cb), self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        reload (self);
      else
        self->stale = TRUE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
dl_insights_view_is_loading (DlInsightsView *self)
{
  g_return_val_if_fail (DL_IS_INSIGHTS_VIEW (self), FALSE);

  return self->loading;
}

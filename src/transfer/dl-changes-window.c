/* dl-changes-window.c — what changed in a month, again after its import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import assistant's last page lists what the month's figures
 * changed; a person works through that list over days, calling one
 * member after another.  This window brings the same list back from the
 * primary menu, for any month with figures, newest first (a month an
 * import brings meanwhile comes up by itself).  It is not
 * modal: a person chosen is shown in the main window's Downline view
 * while the list stays where it was, to go on with the next.
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-changes-window.h"
#include "dl-day.h"
#include "dl-import-events.h"
#include "dl-store-periods.h"

struct _DlChangesWindow
{
  AdwWindow       parent_instance;

  GtkStack       *stack;
  AdwComboRow    *month_row;
  GtkStringList  *month_names;
  DlImportEvents *events;

  DlStore        *store;
  GArray         *periods;   /* DlPeriod, newest first, as the month row lists them */
};

G_DEFINE_FINAL_TYPE (DlChangesWindow, dl_changes_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_month_selected_cb (DlChangesWindow *self)
{
  guint chosen = adw_combo_row_get_selected (self->month_row);

  if (self->periods == NULL || chosen >= self->periods->len)
    return;
  dl_import_events_set_period (self->events, g_array_index (self->periods, DlPeriod, chosen));
}

/* An import may have brought a month: then the newest shows.  Other
 * changes to members leave the list as the person opened it. */
static void
on_members_changed_cb (DlChangesWindow *self)
{
  g_autoptr(GArray) periods = dl_store_get_periods (self->store, NULL);
  gboolean same;

  if (periods == NULL)
    return;
  same = self->periods != NULL && periods->len == self->periods->len;
  /* self->periods is newest first */
  for (guint i = 0; same && i < periods->len; i++)
    same = g_array_index (periods, DlPeriod, i) == g_array_index (self->periods, DlPeriod, periods->len - 1 - i);
  if (!same)
    dl_changes_window_reload (self);
}

/* A person of a change: shown in the window below, the list kept. */
static void
on_person_activated_cb (DlChangesWindow *self,
                        gint64           member_id,
                        DlImportEvents  *events)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-person", "(xs)", member_id, "downline");
}

static void
dl_changes_window_dispose (GObject *object)
{
  DlChangesWindow *self = DL_CHANGES_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->periods, g_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (object), DL_TYPE_CHANGES_WINDOW);

  G_OBJECT_CLASS (dl_changes_window_parent_class)->dispose (object);
}

static void
dl_changes_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DlChangesWindow *self = DL_CHANGES_WINDOW (object);

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
dl_changes_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  DlChangesWindow *self = DL_CHANGES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_changes_window_constructed (GObject *object)
{
  DlChangesWindow *self = DL_CHANGES_WINDOW (object);

  G_OBJECT_CLASS (dl_changes_window_parent_class)->constructed (object);

  dl_import_events_set_store (self->events, self->store);
  dl_changes_window_reload (self);
  g_signal_connect_object (self->store, "changed::members", G_CALLBACK (on_members_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
dl_changes_window_class_init (DlChangesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = dl_changes_window_constructed;
  object_class->dispose = dl_changes_window_dispose;
  object_class->get_property = dl_changes_window_get_property;
  object_class->set_property = dl_changes_window_set_property;

  g_type_ensure (DL_TYPE_IMPORT_EVENTS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/transfer/dl-changes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlChangesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DlChangesWindow, month_row);
  gtk_widget_class_bind_template_child (widget_class, DlChangesWindow, month_names);
  gtk_widget_class_bind_template_child (widget_class, DlChangesWindow, events);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dl_changes_window_init (DlChangesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->month_row, "notify::selected",
                           G_CALLBACK (on_month_selected_cb), self, G_CONNECT_SWAPPED);
}

DlChangesWindow *
dl_changes_window_new (GtkWindow *parent,
                       DlStore   *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  return g_object_new (DL_TYPE_CHANGES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

void
dl_changes_window_reload (DlChangesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_old;

  g_return_if_fail (DL_IS_CHANGES_WINDOW (self));

  periods = dl_store_get_periods (self->store, &error);
  if (periods == NULL)
    {
      g_message ("The months could not be read: %s", error->message);
      periods = g_array_new (FALSE, FALSE, sizeof (DlPeriod));
    }

  /* newest first: the month just imported is the one looked for */
  g_clear_pointer (&self->periods, g_array_unref);
  self->periods = g_array_sized_new (FALSE, FALSE, sizeof (DlPeriod), periods->len);
  for (guint i = periods->len; i > 0; i--)
    {
      DlPeriod period = g_array_index (periods, DlPeriod, i - 1);

      g_array_append_val (self->periods, period);
      g_ptr_array_add (names, dl_day_format_month_long (period / 12, period % 12 + 1));
    }
  g_ptr_array_add (names, NULL);

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->month_names));
  gtk_string_list_splice (self->month_names, 0, n_old, (const char * const *) names->pdata);

  gtk_stack_set_visible_child_name (self->stack, self->periods->len > 0 ? "changes" : "empty");
  if (self->periods->len == 0)
    {
      dl_import_events_set_period (self->events, DL_PERIOD_NONE);
      return;
    }
  /* the same choice again notifies nothing: set the month here */
  adw_combo_row_set_selected (self->month_row, 0);
  dl_import_events_set_period (self->events, g_array_index (self->periods, DlPeriod, 0));
}

DlPeriod
dl_changes_window_get_period (DlChangesWindow *self)
{
  g_return_val_if_fail (DL_IS_CHANGES_WINDOW (self), DL_PERIOD_NONE);

  return dl_import_events_get_period (self->events);
}

/* dl-import-events.c — what changed in a month, each change a link to
 * its people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per type of event that happened, "3 became inactive", which
 * opens on the people it counts.  A month of a big business can hold a
 * hundred thousand events: the rows come from one count by type, and a
 * type's names are read when it is opened, a page at a time.
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-import-events.h"
#include "dl-store-periods.h"

/* Names read and shown at a time: a screenful or two, and a row that
 * brings the next ones. */
#define PAGE_SIZE 50

struct _DlImportEvents
{
  AdwBin               parent_instance;

  AdwPreferencesGroup *group;
  GtkLabel            *note_label;

  DlStore             *store;
  DlPeriod             period;

  /* by event type; NULL and 0 for a type that did not happen */
  GtkWidget           *expanders[DL_N_EVENTS];
  GtkWidget           *more_rows[DL_N_EVENTS];   /* owned: in the expander only while more are left */
  guint                counts[DL_N_EVENTS];
  guint                loaded[DL_N_EVENTS];
};

G_DEFINE_FINAL_TYPE (DlImportEvents, dl_import_events, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PERIOD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PERSON_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The row of a type: how many, and what they did, in plain words. */
static char *
describe_count (DlEventType type,
                guint       n)
{
  switch (type)
    {
    case DL_EVENT_JOINED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u joined", "%u joined", n), n);
    case DL_EVENT_BECAME_INACTIVE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u became inactive", "%u became inactive", n), n);
    case DL_EVENT_TERMINATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u left the business", "%u left the business", n), n);
    case DL_EVENT_REACTIVATED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u became active again", "%u became active again", n),
                              n);
    case DL_EVENT_RANK_UP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reached a higher rank", "%u reached a higher rank", n),
                              n);
    case DL_EVENT_RANK_DOWN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u dropped a rank", "%u dropped a rank", n), n);
    case DL_EVENT_AUTOSHIP_CANCELLED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cancelled autoship", "%u cancelled autoship", n), n);
    case DL_EVENT_AUTOSHIP_STARTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u started autoship", "%u started autoship", n), n);
    case DL_EVENT_VOLUME_DROP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ordered less than half their usual volume",
                                           "%u ordered less than half their usual volume", n), n);
    case DL_EVENT_NO_FIRST_ORDER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u has no first order a month after joining",
                                           "%u have no first order a month after joining", n), n);
    case DL_N_EVENTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
month_name (DlPeriod period)
{
  return dl_day_format_month_long (period / 12, period % 12 + 1);
}

/* Plain text in a row's title and subtitle: the rows read markup. */
static void
set_row_text (AdwPreferencesRow *row,
              const char        *title,
              const char        *subtitle)
{
  g_autofree char *t = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (row, t);
  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *s = g_markup_escape_text (subtitle, -1);

      if (ADW_IS_ACTION_ROW (row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), s);
      else
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), s);
    }
}

static gboolean
has_month (DlStore  *store,
           DlPeriod  period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) periods = dl_store_get_periods (store, &error);

  if (periods == NULL)
    {
      g_debug ("Cannot read the months: %s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < periods->len; i++)
    if (g_array_index (periods, DlPeriod, i) == period)
      return TRUE;
  return FALSE;
}

static void
on_person_activated_cb (AdwActionRow   *row,
                        DlImportEvents *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "dl-member-id");

  g_assert (id != NULL);
  /* a handler may close the window this is in */
  g_object_ref (self);
  g_signal_emit (self, signals[PERSON_ACTIVATED], 0, *id);
  g_object_unref (self);
}

/* Under the name: what changed, where a count cannot say it ("Silver →
 * Bronze"; what else one who left did), then the member number. */
static char *
person_subtitle (DlEventType          type,
                 const DlEventPerson *person)
{
  g_autofree char *detail = NULL;

  if (type == DL_EVENT_RANK_UP || type == DL_EVENT_RANK_DOWN)
    detail = dl_event_rank_change (person->rank_before, person->rank_after);
  else if (type == DL_EVENT_TERMINATED)
    detail = dl_event_describe_also (person->also);

  if (detail == NULL)
    return g_strdup (person->member_number);
  if (*person->member_number == '\0')
    return g_steal_pointer (&detail);
  /* Translators: what changed and the member number, "Silver → Bronze · 50005" */
  return g_strdup_printf (_("%s · %s"), detail, person->member_number);
}

static GtkWidget *
person_row_new (DlImportEvents      *self,
                DlEventType          type,
                const DlEventPerson *person)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autofree char *subtitle = person_subtitle (type, person);

  set_row_text (ADW_PREFERENCES_ROW (row), person->name, subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
  g_object_set_data_full (G_OBJECT (row), "dl-member-id",
                          g_memdup2 (&person->member_id, sizeof person->member_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_person_activated_cb), self, 0);
  return row;
}

static void on_more_activated_cb (AdwActionRow   *row,
                                  DlImportEvents *self);

/* The next page of a type's people, after those shown; the first row
 * added, or NULL. */
static GtkWidget *
load_page (DlImportEvents *self,
           DlEventType     type)
{
  AdwExpanderRow *expander = ADW_EXPANDER_ROW (self->expanders[type]);
  GtkWidget *more = self->more_rows[type];
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) people = NULL;
  g_autofree char *more_title = NULL;
  g_autofree char *next = NULL;
  GtkWidget *first = NULL;
  guint left;

  people = dl_store_get_event_people (self->store, self->period, type, self->loaded[type], PAGE_SIZE, &error);

  /* the names go before the row that brings more */
  if (more != NULL && gtk_widget_get_parent (more) != NULL)
    adw_expander_row_remove (expander, more);

  if (people == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      /* said once, not again at each opening */
      set_row_text (ADW_PREFERENCES_ROW (row), error->message, NULL);
      adw_expander_row_add_row (expander, row);
      self->loaded[type] = self->counts[type];
      return NULL;
    }

  for (guint i = 0; i < people->len; i++)
    {
      GtkWidget *row = person_row_new (self, type, &g_array_index (people, DlEventPerson, i));

      adw_expander_row_add_row (expander, row);
      if (first == NULL)
        first = row;
    }
  self->loaded[type] += people->len;

  /* a short page is the end, whatever the count said */
  if (people->len < PAGE_SIZE || self->loaded[type] >= self->counts[type])
    return first;

  left = self->counts[type] - self->loaded[type];
  if (more == NULL)
    {
      more = g_object_ref_sink (adw_action_row_new ());
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), TRUE);
      g_object_set_data (G_OBJECT (more), "dl-event-type", GUINT_TO_POINTER (type));
      g_signal_connect_object (more, "activated", G_CALLBACK (on_more_activated_cb), self, 0);
      self->more_rows[type] = more;
    }
  more_title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more", left), left);
  set_row_text (ADW_PREFERENCES_ROW (more), more_title, NULL);
  next = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show the next %u", "Show the next %u",
                                       MIN (left, PAGE_SIZE)), MIN (left, PAGE_SIZE));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (more), next);
  adw_expander_row_add_row (expander, more);
  return first;
}

static void
on_more_activated_cb (AdwActionRow   *row,
                      DlImportEvents *self)
{
  DlEventType type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "dl-event-type"));
  GtkWidget *first;

  /* the row leaves the list: kept by more_rows meanwhile */
  first = load_page (self, type);
  /* the keyboard goes on where it was, at the first new name */
  if (first != NULL)
    gtk_widget_grab_focus (first);
}

static void
on_expanded_cb (AdwExpanderRow *expander,
                GParamSpec     *pspec,
                DlImportEvents *self)
{
  DlEventType type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (expander), "dl-event-type"));

  /* the names are read the first time the row opens, not before */
  if (adw_expander_row_get_expanded (expander) && self->loaded[type] == 0)
    load_page (self, type);
}

static void
add_type_row (DlImportEvents *self,
              DlEventType     type)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *title = describe_count (type, self->counts[type]);

  set_row_text (ADW_PREFERENCES_ROW (expander), title, NULL);
  g_object_set_data (G_OBJECT (expander), "dl-event-type", GUINT_TO_POINTER (type));
  g_signal_connect_object (expander, "notify::expanded", G_CALLBACK (on_expanded_cb), self, 0);
  adw_preferences_group_add (self->group, expander);
  self->expanders[type] = expander;
}

static void
clear_rows (DlImportEvents *self)
{
  for (guint t = 0; t < DL_N_EVENTS; t++)
    {
      if (self->expanders[t] != NULL)
        adw_preferences_group_remove (self->group, self->expanders[t]);
      self->expanders[t] = NULL;
      g_clear_object (&self->more_rows[t]);
      self->counts[t] = 0;
      self->loaded[t] = 0;
    }
}

static void
show_note (DlImportEvents *self,
           const char     *text)
{
  gtk_label_set_text (self->note_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
}

static void
reload (DlImportEvents *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  guint total = 0;

  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->group), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
  if (self->store == NULL || self->period == DL_PERIOD_NONE)
    return;

  if (!dl_store_count_events (self->store, self->period, self->counts, &error))
    {
      show_note (self, error->message);
      return;
    }
  for (guint t = 0; t < DL_N_EVENTS; t++)
    if (self->counts[t] > 0)
      {
        add_type_row (self, (DlEventType) t);
        total += self->counts[t];
      }

  before = month_name (self->period - 1);
  if (total > 0)
    {
      g_autofree char *title = g_strdup_printf (_("Changes Since %s"), before);

      adw_preferences_group_set_title (self->group, title);
      gtk_widget_set_visible (GTK_WIDGET (self->group), TRUE);
    }
  else if (has_month (self->store, self->period - 1))
    {
      g_autofree char *text = g_strdup_printf (_("No changes since %s."), before);

      show_note (self, text);
    }
  else
    {
      /* the store compares a month only with the one before: the
       * first export is the baseline, not everyone "joined" */
      g_autofree char *text = g_strdup_printf (_("No figures of %s to compare with: "
                                                 "from next month’s import on, the changes show here."),
                                               before);

      show_note (self, text);
    }
}

static void
dl_import_events_dispose (GObject *object)
{
  DlImportEvents *self = DL_IMPORT_EVENTS (object);

  for (guint t = 0; t < DL_N_EVENTS; t++)
    {
      self->expanders[t] = NULL;
      g_clear_object (&self->more_rows[t]);
    }
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (object), DL_TYPE_IMPORT_EVENTS);

  G_OBJECT_CLASS (dl_import_events_parent_class)->dispose (object);
}

static void
dl_import_events_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlImportEvents *self = DL_IMPORT_EVENTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PERIOD:
      g_value_set_int (value, self->period);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_import_events_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlImportEvents *self = DL_IMPORT_EVENTS (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_import_events_set_store (self, g_value_get_object (value));
      break;
    case PROP_PERIOD:
      dl_import_events_set_period (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_import_events_class_init (DlImportEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_import_events_dispose;
  object_class->get_property = dl_import_events_get_property;
  object_class->set_property = dl_import_events_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD] =
    g_param_spec_int ("period", NULL, NULL, G_MININT32, G_MAXINT32, DL_PERIOD_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PERSON_ACTIVATED] = g_signal_new ("person-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/transfer/dl-import-events.ui");
  gtk_widget_class_bind_template_child (widget_class, DlImportEvents, group);
  gtk_widget_class_bind_template_child (widget_class, DlImportEvents, note_label);
}

static void
dl_import_events_init (DlImportEvents *self)
{
  self->period = DL_PERIOD_NONE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dl_import_events_new (void)
{
  return g_object_new (DL_TYPE_IMPORT_EVENTS, NULL);
}

DlStore *
dl_import_events_get_store (DlImportEvents *self)
{
  g_return_val_if_fail (DL_IS_IMPORT_EVENTS (self), NULL);

  return self->store;
}

void
dl_import_events_set_store (DlImportEvents *self,
                            DlStore        *store)
{
  g_return_if_fail (DL_IS_IMPORT_EVENTS (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DlPeriod
dl_import_events_get_period (DlImportEvents *self)
{
  g_return_val_if_fail (DL_IS_IMPORT_EVENTS (self), DL_PERIOD_NONE);

  return self->period;
}

void
dl_import_events_set_period (DlImportEvents *self,
                             DlPeriod        period)
{
  g_return_if_fail (DL_IS_IMPORT_EVENTS (self));

  if (self->period == period)
    return;
  self->period = period;
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD]);
}

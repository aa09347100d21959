/* dl-today-view.c — the Today view: who to contact today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One boxed list per section, each bound to the model's section; the
 * longer sections show their first rows and offer the rest on demand, so
 * a large downline does not build thousands of rows at once.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-notifier.h"
#include "dl-today-actions.h"
#include "dl-today-ics.h"
#include "dl-today-row.h"
#include "dl-today-view.h"
#include "dl-window.h"
#include "dl-toast.h"

/* Seconds between the window showing and the catch-up reminders: the
 * list is on screen already, the notifications can wait a moment. */
#define CATCH_UP_DELAY 10

/* Rows shown per section before "Show All". */
#define SECTION_PAGE 50

typedef struct
{
  DlTodayView        *view;
  DlTodaySection      section;
  GtkWidget          *group;
  GtkSliceListModel  *slice;
  GtkWidget          *more_button;
} Section;

struct _DlTodayView
{
  GtkWidget      parent_instance;

  DlStore       *store;
  DlTodayModel  *model;
  DlNotifier    *notifier;
  Section        sections[DL_TODAY_N_SECTIONS];
  GHashTable    *undos;          /* token → DlTodayUndo */
  guint64        next_token;
  gboolean       banner_dismissed;

  GtkRevealer   *banner_revealer;
  GtkStack      *stack;
  AdwStatusPage *empty_page;
  GtkBox        *sections_box;
  GtkLabel      *progress_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (DlTodayView, dl_today_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_toast (DlTodayView *self,
           AdwToast    *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), DL_TYPE_WINDOW);

  if (window != NULL)
    dl_window_add_toast (DL_WINDOW (window), toast);
  else
    g_object_unref (toast);   /* an AdwToast is not floating */
}

static void
on_toast_dismissed_cb (AdwToast *toast,
                       gpointer  user_data)
{
  DlTodayView *self = user_data;
  guint64 token = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "dl-undo-token"));

  g_hash_table_remove (self->undos, &token);
}

/* A toast that can put the change back. */
static void
toast_with_undo (DlTodayView *self,
                 const char  *title,
                 DlTodayUndo *undo)
{
  AdwToast *toast = dl_toast_new (title);
  guint64 *token = g_new (guint64, 1);

  *token = ++self->next_token;
  g_hash_table_insert (self->undos, token, undo);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "today.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_uint64 (*token));
  g_object_set_data (G_OBJECT (toast), "dl-undo-token", GSIZE_TO_POINTER (*token));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  add_toast (self, toast);
}

static void
toast_error (DlTodayView  *self,
             const GError *error)
{
  AdwToast *toast = dl_toast_new (error->message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  add_toast (self, toast);
}

static void
on_row_log_cb (DlTodayRow *row,
               guint       kind,
               const char *summary,
               GDateTime  *at,
               gpointer    user_data)
{
  DlTodayView *self = user_data;
  DlTodayItem *item = dl_today_row_get_item (row);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  DlTodayUndo *undo;

  undo = dl_today_log_contact (self->store, dl_today_item_get_person_id (item), kind, at,
                               summary, &error);
  if (undo == NULL)
    {
      toast_error (self, error);
      return;
    }
  /* Translators: a toast; %s is a person's name */
  title = g_strdup_printf (_("Contact with %s logged"), dl_today_item_get_name (item));
  toast_with_undo (self, title, undo);
}

static void
on_row_snooze_cb (DlTodayRow *row,
                  int         until,
                  gpointer    user_data)
{
  DlTodayView *self = user_data;
  DlTodayItem *item = dl_today_row_get_item (row);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  DlTodayUndo *undo;
  int y, m, d;

  undo = dl_today_snooze (self->store, dl_today_item_get_person_id (item), until, &error);
  if (undo == NULL)
    {
      toast_error (self, error);
      return;
    }
  dl_day_to_ymd (until, &y, &m, &d);
  day = g_date_time_new_local (y, m, d, 0, 0, 0);
  /* Translators: a date as in "Tuesday, 24 November"; see strftime */
  when = g_date_time_format (day, _("%A, %-d %B"));
  /* Translators: a toast; a person's name, then a day */
  title = g_strdup_printf (_("%s snoozed until %s"), dl_today_item_get_name (item), g_strstrip (when));
  toast_with_undo (self, title, undo);
}

static void
on_row_show_cb (DlTodayRow *row,
                const char *view,
                gpointer    user_data)
{
  DlTodayView *self = user_data;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", view);
  g_signal_emit (self, signals[SHOW_PERSON], 0,
                 dl_today_item_get_person_id (dl_today_row_get_item (row)), view);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  DlTodayView *self = user_data;
  GtkWidget *row = dl_today_row_new (item);

  g_signal_connect_object (row, "log", G_CALLBACK (on_row_log_cb), self, 0);
  g_signal_connect_object (row, "snooze", G_CALLBACK (on_row_snooze_cb), self, 0);
  g_signal_connect_object (row, "show-in", G_CALLBACK (on_row_show_cb), self, 0);
  return row;
}

static void
update_section (Section *section)
{
  GListModel *all = dl_today_model_get_section (section->view->model, section->section);
  guint n = g_list_model_get_n_items (all);
  guint shown = MIN (n, gtk_slice_list_model_get_size (section->slice));
  g_autofree char *label = NULL;

  gtk_widget_set_visible (section->group, n > 0);
  gtk_widget_set_visible (section->more_button, shown < n);
  if (shown < n)
    {
      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u", "Show All %u", n), n);
      gtk_button_set_label (GTK_BUTTON (section->more_button), label);
    }
}

static void
on_section_changed_cb (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       gpointer    user_data)
{
  update_section (user_data);
}

static void
on_more_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  Section *section = user_data;

  gtk_slice_list_model_set_size (section->slice, G_MAXUINT);
  update_section (section);
}

static void
update_progress (DlTodayView *self)
{
  guint open = dl_today_model_get_n_open (self->model);
  guint done = dl_today_model_get_n_done (self->model);
  guint total = open + done;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  if (open == 0)
    text = g_strdup (_("All caught up for today"));
  else
    /* Translators: "5 of 12 done today" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done today", "%u of %u done today", total),
                            done, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);

  if (n == 0)
    {
      g_autofree char *description = NULL;

      if (done > 0)
        description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    "You were in touch with %u person today, and nobody else is due this week.",
                                                    "You were in touch with %u people today, and nobody else is due this week.",
                                                    done),
                                       done);
      else
        description = g_strdup (_("Nobody is due today or in the coming week. New members and follow-ups will show up here when their day comes."));
      adw_status_page_set_description (self->empty_page, description);
    }
  gtk_stack_set_visible_child_name (self->stack, n == 0 ? "empty" : "list");
}

static void
on_model_refreshed_cb (DlTodayView *self)
{
  update_progress (self);
}

static void
update_banner (DlTodayView *self)
{
  gboolean show = self->notifier != NULL && !self->banner_dismissed
                  && !dl_notifier_get_available (self->notifier);

  gtk_revealer_set_reveal_child (self->banner_revealer, show);
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlTodayView *self = DL_TODAY_VIEW (widget);
  guint64 token = g_variant_get_uint64 (parameter);
  DlTodayUndo *undo = g_hash_table_lookup (self->undos, &token);
  g_autoptr(GError) error = NULL;

  if (undo == NULL || self->store == NULL)
    return;
  if (!dl_today_undo (self->store, undo, &error))
    toast_error (self, error);
  g_hash_table_remove (self->undos, &token);
}

static void
dismiss_banner_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DlTodayView *self = DL_TODAY_VIEW (widget);

  self->banner_dismissed = TRUE;
  update_banner (self);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(DlTodayView) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n = 0;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  if (file == NULL)
    return;

  if (!dl_today_ics_export (self->model, file, &n, &error))
    {
      toast_error (self, error);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check-in saved for your calendar",
                                        "%u check-ins saved for your calendar", n), n);
  add_toast (self, dl_toast_new (title));
}

static void
export_calendar_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DlTodayView *self = DL_TODAY_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export Check-Ins to Calendar"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the suggested file name of the calendar export */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("check-ins.ics"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
build_sections (DlTodayView *self)
{
  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    {
      Section *section = &self->sections[s];
      GListModel *all = dl_today_model_get_section (self->model, s);
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

      section->view = self;
      section->section = s;
      section->group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section->group),
                                       dl_today_section_get_title (s));
      section->slice = gtk_slice_list_model_new (g_object_ref (all), 0, SECTION_PAGE);

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      dl_today_section_get_title (s), -1);
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (section->slice),
                               create_row_cb, self, NULL);
      g_object_set_data (G_OBJECT (section->group), "dl-list", list);

      section->more_button = gtk_button_new_with_label ("");
      gtk_widget_set_halign (section->more_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (section->more_button, "pill");
      g_signal_connect (section->more_button, "clicked", G_CALLBACK (on_more_clicked_cb), section);

      gtk_box_append (GTK_BOX (box), list);
      gtk_box_append (GTK_BOX (box), section->more_button);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (section->group), box);
      gtk_box_append (self->sections_box, section->group);

      g_signal_connect (all, "items-changed", G_CALLBACK (on_section_changed_cb), section);
      update_section (section);
    }
}

static void
dl_today_view_dispose (GObject *object)
{
  DlTodayView *self = DL_TODAY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_TODAY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    {
      if (self->model != NULL)
        g_signal_handlers_disconnect_by_data (dl_today_model_get_section (self->model, s), &self->sections[s]);
      g_clear_object (&self->sections[s].slice);
    }
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->undos, g_hash_table_unref);

  G_OBJECT_CLASS (dl_today_view_parent_class)->dispose (object);
}

static void
dl_today_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlTodayView *self = DL_TODAY_VIEW (object);

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
dl_today_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlTodayView *self = DL_TODAY_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_today_view_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_today_view_class_init (DlTodayViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_today_view_dispose;
  object_class->get_property = dl_today_view_get_property;
  object_class->set_property = dl_today_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_PERSON] = g_signal_new ("show-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/today/dl-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, progress_bar);

  gtk_widget_class_install_action (widget_class, "today.undo", "t", undo_activated);
  gtk_widget_class_install_action (widget_class, "today.dismiss-banner", NULL, dismiss_banner_activated);
  gtk_widget_class_install_action (widget_class, "today.export-calendar", NULL, export_calendar_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dl_today_view_init (DlTodayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->undos = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) dl_today_undo_free);
  self->model = dl_today_model_new (NULL);
  g_signal_connect_object (self->model, "refreshed", G_CALLBACK (on_model_refreshed_cb),
                           self, G_CONNECT_SWAPPED);
  build_sections (self);
  update_progress (self);
}

GtkWidget *
dl_today_view_new (DlStore *store)
{
  return g_object_new (DL_TYPE_TODAY_VIEW, "store", store, NULL);
}

DlStore *
dl_today_view_get_store (DlTodayView *self)
{
  g_return_val_if_fail (DL_IS_TODAY_VIEW (self), NULL);
  return self->store;
}

void
dl_today_view_set_store (DlTodayView *self,
                         DlStore     *store)
{
  g_return_if_fail (DL_IS_TODAY_VIEW (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_hash_table_remove_all (self->undos);
  dl_today_model_set_store (self->model, store);

  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);
  g_clear_object (&self->notifier);
  if (store != NULL)
    {
      self->notifier = dl_notifier_get_for_store (store);
      g_signal_connect_object (self->notifier, "notify::available",
                               G_CALLBACK (update_banner), self, G_CONNECT_SWAPPED);
      dl_notifier_start (self->notifier, CATCH_UP_DELAY);
    }
  update_banner (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

DlTodayModel *
dl_today_view_get_model (DlTodayView *self)
{
  g_return_val_if_fail (DL_IS_TODAY_VIEW (self), NULL);
  return self->model;
}

gboolean
dl_today_view_get_banner_visible (DlTodayView *self)
{
  g_return_val_if_fail (DL_IS_TODAY_VIEW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->banner_revealer);
}

gboolean
dl_today_view_focus_person (DlTodayView *self,
                            gint64       person_id)
{
  g_return_val_if_fail (DL_IS_TODAY_VIEW (self), FALSE);

  for (guint s = 0; s < DL_TODAY_N_SECTIONS; s++)
    {
      Section *section = &self->sections[s];
      GListModel *all = dl_today_model_get_section (self->model, s);
      guint n = g_list_model_get_n_items (all);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(DlTodayItem) item = g_list_model_get_item (all, i);
          GtkWidget *list;
          GtkListBoxRow *row;

          if (dl_today_item_get_person_id (item) != person_id)
            continue;

          /* past the first page: show the whole section first */
          if (i >= gtk_slice_list_model_get_size (section->slice))
            {
              gtk_slice_list_model_set_size (section->slice, G_MAXUINT);
              update_section (section);
            }
          list = g_object_get_data (G_OBJECT (section->group), "dl-list");
          row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);
          gtk_stack_set_visible_child_name (self->stack, "list");
          return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
        }
    }
  return FALSE;
}

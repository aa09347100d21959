/* dl-window.c — the main window: header bar, view switcher, first run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-insights-view.h"
#include "dl-letters-view.h"
#include "dl-pipeline-view.h"
#include "dl-search-window.h"
#include "dl-settings.h"
#include "dl-today-view.h"
#include "dl-welcome-page.h"
#include "dl-transfer-actions.h"
#include "dl-window.h"
#include "dl-toast.h"
#include "dl-undo-toasts.h"

struct _DlWindow
{
  AdwApplicationWindow  parent_instance;

  DlStore              *store;
  char                 *error_path;
  char                 *error_message;

  /* template children */
  AdwToastOverlay      *toast_overlay;
  DlUndoStack          *undo_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *main_stack;
  AdwViewStack         *view_stack;
  DlWelcomePage        *welcome_page;
  AdwStatusPage        *error_page;
  GtkRevealer          *read_only_banner;
  GtkLabel             *read_only_title;
  GtkLabel             *read_only_detail;
  GtkRevealer          *sample_banner;
  GtkButton            *search_button;
  GtkButton            *start_for_real_button;
};

G_DEFINE_FINAL_TYPE (DlWindow, dl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ERROR_PATH,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const view_names[] = { "today", "pipeline", "downline", "letters", "insights" };

static GSettings *
get_settings (DlWindow *self)
{
  return dl_settings_get_gsettings (dl_settings_get_default ());
}

static void
set_mode (DlWindow   *self,
          const char *mode)
{
  gboolean views = g_str_equal (mode, "views");

  gtk_stack_set_visible_child_name (self->main_stack, mode);

  /* the view switcher means nothing until there is something to view,
   * nor does a search */
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, views);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), views);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), views);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", views);
}

static void
update_switcher_bar (DlWindow *self)
{
  gboolean views = g_str_equal (dl_window_get_mode (self), "views");

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    views && adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
on_title_visible_changed_cb (DlWindow   *self,
                             GParamSpec *pspec,
                             gpointer    user_data)
{
  update_switcher_bar (self);
}

/* Today's rows ask to be shown elsewhere: the view is already switched,
 * the target view selects the person. */
/* view is a view's name; "letters/BUILTIN" opens that built-in letter. */
static void
on_today_show_person_cb (DlWindow   *self,
                         gint64      person_id,
                         const char *view)
{
  GtkWidget *target;

  if (g_str_has_prefix (view, "letters/"))
    {
      target = adw_view_stack_get_child_by_name (self->view_stack, "letters");
      if (DL_IS_LETTERS_VIEW (target))
        dl_letters_view_write (DL_LETTERS_VIEW (target), person_id, view + strlen ("letters/"));
      return;
    }

  target = adw_view_stack_get_child_by_name (self->view_stack, view);

  if (DL_IS_DOWNLINE_VIEW (target))
    dl_downline_view_show_person (DL_DOWNLINE_VIEW (target), person_id);
  else if (DL_IS_PIPELINE_VIEW (target))
    dl_pipeline_view_show_prospect (DL_PIPELINE_VIEW (target), person_id);
  else if (DL_IS_LETTERS_VIEW (target))
    dl_letters_view_set_recipient (DL_LETTERS_VIEW (target), person_id);
}

static void
show_error (DlWindow   *self,
            const char *path,
            const char *message)
{
  g_autofree char *description = NULL;

  description = g_markup_printf_escaped (_("%s\n\nThe file was left exactly as it was. "
                                           "Keep a copy of it before you try anything else.\n\n"
                                           "<small>%s</small>"),
                                         message ? message : "", path ? path : "");
  adw_status_page_set_description (self->error_page, description);
  set_mode (self, "error");
  update_switcher_bar (self);
}

/* A large file is checked after it opened; damage found then stops all
 * writes in the store, and the window stops showing what may be wrong. */
static void
on_store_damaged_cb (DlWindow     *self,
                     const GError *error,
                     DlStore      *store)
{
  g_free (self->error_path);
  self->error_path = g_strdup (dl_store_get_path (store));
  show_error (self, self->error_path, error->message);
}

/* A backup restored over a file found damaged makes it sound again:
 * back to the views, which the restore has already refreshed. */
static void
on_store_verified_cb (DlWindow   *self,
                      GParamSpec *pspec,
                      DlStore    *store)
{
  if (!dl_store_is_verified (store) || !g_str_equal (dl_window_get_mode (self), "error"))
    return;

  g_clear_pointer (&self->error_path, g_free);
  set_mode (self, dl_store_is_empty (store) ? "welcome" : "views");
  update_switcher_bar (self);
}

/* A file Downline may only read (its permissions, its folder, a
 * read-only disk) is still shown, with a banner saying so up front
 * rather than a surprise at the first save. */
static void
update_read_only_banner (DlWindow *self)
{
  g_autofree char *display = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  gboolean read_only = self->store != NULL && dl_store_is_read_only (self->store);

  gtk_revealer_set_reveal_child (self->read_only_banner, read_only);
  if (!read_only)
    return;

  display = g_filename_display_basename (dl_store_get_path (self->store));
  /* Translators: the database's file name */
  title = g_strdup_printf (_("“%s” is read-only — you can look, but changes cannot be saved"), display);
  gtk_label_set_text (self->read_only_title, title);

  /* Translators: the reason is a clause such as “its permissions allow
   * reading only” */
  detail = g_strdup_printf (_("Downline cannot save to this file: %s. Open a writable copy to make changes."),
                            dl_store_get_read_only_reason (self->store));
  gtk_label_set_text (self->read_only_detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_detail), TRUE);
}

/* Every view with an "undo-stack" property gets the window's one, and
 * every view with a "store" property the window's store: a view needs
 * nothing else from the window (the undo stack first, so a view that
 * loads on getting the store already has it). */
static void
hand_services_to_views (DlWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);
      GObjectClass *klass = G_OBJECT_GET_CLASS (child);
      GParamSpec *pspec = g_object_class_find_property (klass, "undo-stack");

      if (pspec != NULL && pspec->value_type == DL_TYPE_UNDO_STACK)
        g_object_set (child, "undo-stack", self->undo_stack, NULL);
      pspec = g_object_class_find_property (klass, "store");
      if (pspec != NULL && pspec->value_type == DL_TYPE_STORE)
        g_object_set (child, "store", self->store, NULL);
    }
}

static void
undo_last_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Ctrl+Z while typing undoes the typing, not the last change made */
  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    {
      gtk_widget_activate_action (focus, "text.undo", NULL);
      return;
    }

  dl_undo_stack_undo_last (self->undo_stack, NULL);
}

static void
on_store_restored_cb (DlWindow *self)
{
  dl_undo_stack_clear (self->undo_stack);
}

static void
on_welcome_finished_cb (DlWindow *self)
{
  set_mode (self, "views");
  update_switcher_bar (self);
}

static void
view_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (!g_str_equal (dl_window_get_mode (self), "views"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (view_names); i++)
    {
      if (g_str_equal (view_names[i], name))
        {
          adw_view_stack_set_visible_child_name (self->view_stack, name);
          return;
        }
    }

  g_warning ("No view called “%s”", name);
}

/* Ctrl+K: the search over everyone, in front of the window. */
static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  DlSearchWindow *search;

  if (self->store == NULL || !g_str_equal (dl_window_get_mode (self), "views"))
    return;

  search = dl_search_window_new (GTK_WINDOW (self), self->store);
  gtk_window_present (GTK_WINDOW (search));
}

/* (person id, view): anything that names a person — the search, Today,
 * Insights — shows them where they live, in that view. */
static void
show_person_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  const char *view;
  gint64 person_id;
  g_autofree char *name = NULL;

  if (!g_str_equal (dl_window_get_mode (self), "views"))
    return;

  g_variant_get (parameter, "(x&s)", &person_id, &view);
  name = g_strndup (view, strcspn (view, "/"));
  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_warning ("No view called “%s”", name);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  on_today_show_person_cb (self, person_id, view);
}

/* From the first-run pages: the board, with its New Prospect dialog. */
static void
new_prospect_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkWidget *pipeline = adw_view_stack_get_child_by_name (self->view_stack, "pipeline");

  if (!g_str_equal (dl_window_get_mode (self), "views") || pipeline == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "pipeline");
  gtk_widget_activate_action (pipeline, "pipeline.new", NULL);
}

/* The main menu's Add Member…: the Downline view, with its dialog. */
static void
add_member_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkWidget *downline = adw_view_stack_get_child_by_name (self->view_stack, "downline");

  if (!g_str_equal (dl_window_get_mode (self), "views") || downline == NULL)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "downline");
  gtk_widget_activate_action (downline, "downline.add-member", NULL);
}

/* From anywhere a member is added: Letters, on their welcome letter. */
static void
write_welcome_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  GtkWidget *letters = adw_view_stack_get_child_by_name (self->view_stack, "letters");

  if (!g_str_equal (dl_window_get_mode (self), "views") || !DL_IS_LETTERS_VIEW (letters))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "letters");
  dl_letters_view_write_welcome (DL_LETTERS_VIEW (letters), g_variant_get_int64 (parameter));
}

static void
show_database_file_activated (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  DlWindow *self = DL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uri = NULL;

  if (self->error_path == NULL)
    return;

  /* the file manager shows the folder; the person can then copy the file away */
  dir = g_path_get_dirname (self->error_path);
  uri = g_filename_to_uri (dir, NULL, &error);
  if (uri == NULL ||
      !g_app_info_launch_default_for_uri (uri, NULL, &error))
    {
      AdwToast *toast = dl_toast_new_format (_("Could not open the folder: %s"), error->message);

      dl_window_add_toast (self, toast);
    }
}

static void
restore_window_state (DlWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *last_view = NULL;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_view = g_settings_get_string (settings, "last-view");
  adw_view_stack_set_visible_child_name (self->view_stack, last_view);
}

static gboolean
dl_window_close_request (GtkWindow *window)
{
  DlWindow *self = DL_WINDOW (window);
  GSettings *settings = get_settings (self);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  /* the unmaximized size, so un-maximizing next time lands somewhere sane */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  if (!maximized && width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized", maximized);
  if (self->store != NULL && g_str_equal (dl_window_get_mode (self), "views"))
    g_settings_set_string (settings, "last-view",
                           adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (dl_window_parent_class)->close_request (window);
}

/* After construction, not in constructed(): GtkWindow's application is
 * not a construct property, so it is set only after constructed() ran. */
static void
setup (DlWindow *self)
{
  restore_window_state (self);

  if (self->store == NULL)
    show_error (self, self->error_path, self->error_message);
  else
    {
      g_autofree char *usual_db = dl_settings_get_usual_db_path ();

      dl_welcome_page_set_store (self->welcome_page, self->store);
      hand_services_to_views (self);
      /* the daily backup is only for the usual database */
      dl_transfer_actions_install (GTK_WINDOW (self), self->store, self->undo_stack, usual_db);
      set_mode (self, dl_store_is_empty (self->store) ? "welcome" : "views");
      update_read_only_banner (self);
      g_signal_connect_object (self->store, "damaged",
                               G_CALLBACK (on_store_damaged_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "restored",
                               G_CALLBACK (on_store_restored_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->store, "notify::verified",
                               G_CALLBACK (on_store_verified_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adw_view_stack_get_child_by_name (self->view_stack, "today"),
                               "show-person", G_CALLBACK (on_today_show_person_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (adw_view_stack_get_child_by_name (self->view_stack, "insights"),
                               "show-person", G_CALLBACK (on_today_show_person_cb), self,
                               G_CONNECT_SWAPPED);
    }

  update_switcher_bar (self);
}

static void
dl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlWindow *self = DL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ERROR_PATH:
      g_value_set_string (value, self->error_path);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlWindow *self = DL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ERROR_PATH:
      self->error_path = g_value_dup_string (value);
      break;

    case PROP_ERROR_MESSAGE:
      self->error_message = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_window_dispose (GObject *object)
{
  DlWindow *self = DL_WINDOW (object);

  /* The transfer actions hold the store.  Once the search window (Ctrl+K)
   * had been open over a window, GTK 4.8 no longer let go of the action
   * group inserted here when the window was finalized, and the store
   * stayed open until quit.  Taken out here, both go with the window. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "transfer", NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_WINDOW);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_window_parent_class)->dispose (object);
}

static void
dl_window_finalize (GObject *object)
{
  DlWindow *self = DL_WINDOW (object);

  g_free (self->error_path);
  g_free (self->error_message);

  G_OBJECT_CLASS (dl_window_parent_class)->finalize (object);
}

static void
dl_window_class_init (DlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = dl_window_get_property;
  object_class->set_property = dl_window_set_property;
  object_class->dispose = dl_window_dispose;
  object_class->finalize = dl_window_finalize;

  window_class->close_request = dl_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_PATH] =
    g_param_spec_string ("error-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (DL_TYPE_WELCOME_PAGE);
  /* the views, one line each, as they land: */
  g_type_ensure (DL_TYPE_DOWNLINE_VIEW);
  g_type_ensure (DL_TYPE_PIPELINE_VIEW);
  g_type_ensure (DL_TYPE_TODAY_VIEW);
  g_type_ensure (DL_TYPE_LETTERS_VIEW);
  g_type_ensure (DL_TYPE_INSIGHTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/app/dl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, read_only_title);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, read_only_detail);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, sample_banner);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, DlWindow, start_for_real_button);
  gtk_widget_class_bind_template_callback (widget_class, on_welcome_finished_cb);

  gtk_widget_class_install_action (widget_class, "win.view", "s", view_activated);
  gtk_widget_class_install_action (widget_class, "win.write-welcome", "x", write_welcome_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.new-prospect", NULL, new_prospect_activated);
  gtk_widget_class_install_action (widget_class, "win.add-member", NULL, add_member_activated);
  gtk_widget_class_install_action (widget_class, "win.show-person", "(xs)", show_person_activated);
  gtk_widget_class_install_action (widget_class, "win.show-database-file", NULL,
                                   show_database_file_activated);
  gtk_widget_class_install_action (widget_class, "win.undo-last", NULL, undo_last_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo-last", NULL);
}

static void
dl_window_init (DlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->undo_stack = dl_undo_stack_new ();
  dl_undo_toasts_attach (self->undo_stack, self->toast_overlay);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_title_visible_changed_cb), self,
                           G_CONNECT_SWAPPED);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

DlWindow *
dl_window_new (DlApplication *application,
               DlStore       *store)
{
  DlWindow *self;

  g_return_val_if_fail (DL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  /* Today and the Downline view each ask for the whole downline once
   * they have the store, which is only once the window is built: at a
   * million members the read is the longest wait, so it starts now and
   * they join it. */
  if (!dl_store_is_damaged (store) && dl_store_get_user_id (store) != 0)
    dl_store_read_tree_ahead (store);

  self = g_object_new (DL_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
  setup (self);
  return self;
}

DlWindow *
dl_window_new_for_error (DlApplication *application,
                         const char    *path,
                         const GError  *error)
{
  DlWindow *self;

  g_return_val_if_fail (DL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  self = g_object_new (DL_TYPE_WINDOW,
                       "application", application,
                       "error-path", path,
                       "error-message", error->message,
                       NULL);
  setup (self);
  return self;
}

void
dl_window_show_today_person (DlWindow *self,
                             gint64    person_id)
{
  GtkWidget *today;

  g_return_if_fail (DL_IS_WINDOW (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "today");
  today = adw_view_stack_get_child_by_name (self->view_stack, "today");
  if (person_id == 0 || !DL_IS_TODAY_VIEW (today))
    return;
  /* the person's row as of now: a notification can outlive its plan */
  if (!dl_today_model_is_current (dl_today_view_get_model (DL_TODAY_VIEW (today))))
    dl_today_model_refresh (dl_today_view_get_model (DL_TODAY_VIEW (today)));
  dl_today_view_focus_person (DL_TODAY_VIEW (today), person_id);
}

DlUndoStack *
dl_window_get_undo_stack (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->undo_stack;
}

DlStore *
dl_window_get_store (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return self->store;
}

void
dl_window_add_toast (DlWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  dl_toast_show (self->toast_overlay, toast);
}

const char *
dl_window_get_mode (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

/* The window shows the invented business of Try With Sample Data: a
 * banner says so, and Start for Real goes to real_path, the person's own
 * database. */
void
dl_window_set_exploring (DlWindow   *self,
                         const char *real_path)
{
  g_return_if_fail (DL_IS_WINDOW (self));
  g_return_if_fail (real_path != NULL);

  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->start_for_real_button),
                                          g_variant_new_bytestring (real_path));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->start_for_real_button), "app.start-for-real");
  gtk_revealer_set_reveal_child (self->sample_banner, TRUE);
}

gboolean
dl_window_is_exploring (DlWindow *self)
{
  g_return_val_if_fail (DL_IS_WINDOW (self), FALSE);

  return gtk_revealer_get_reveal_child (self->sample_banner);
}

/* dl-notifier.c — desktop notifications when check-ins fall due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What was sent is remembered in GSettings ("notified": the day, and per
 * database file the people reminded that day) rather than in the
 * database: it is throw-away state that expires every night, it concerns
 * this desktop's notifications and not the business, and keeping it out
 * of the file spares a schema migration and a write transaction (and a
 * ::changed round through every view) for each reminder.
 */

#define G_LOG_DOMAIN "dl-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <libnotify/notify.h>

#include "dl-clock.h"
#include "dl-notifier.h"
#include "dl-settings.h"
#include "dl-today-actions.h"

#define TICK_SECONDS 30
/* More people than this get one digest instead of one notification each. */
#define MAX_SINGLE 3

struct _DlNotifier
{
  GObject          parent_instance;

  DlStore         *store;          /* not owned: the store outlives it */
  DlTodayModel    *model;
  GSettings       *settings;
  GPtrArray       *shown;          /* NotifyNotification, until closed */
  DlNotifierClock  clock;
  gpointer         clock_data;
  DlDay            digest_day;     /* the day the digest went out */
  guint            tick_source;
  gboolean         started;
  gboolean         available;
  gboolean         holding;
  gboolean         waiting;        /* for the plan of now, to notify from */
};

G_DEFINE_FINAL_TYPE (DlNotifier, dl_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDateTime *
now (DlNotifier *self)
{
  return self->clock != NULL ? self->clock (self->clock_data) : dl_clock_get_now (dl_clock_get_default ());
}

static void
set_available (DlNotifier *self,
               gboolean    available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

/* ---- who was reminded today ------------------------------------------ */

static GHashTable *
load_notified (DlNotifier *self,
               const char *day)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "notified");
  g_autoptr(GVariant) map = NULL;
  g_autoptr(GVariant) list = NULL;
  const char *stored_day;

  g_variant_get (value, "(&s@a{sax})", &stored_day, &map);
  if (!g_str_equal (stored_day, day))
    return ids;

  list = g_variant_lookup_value (map, dl_store_get_path (self->store), G_VARIANT_TYPE ("ax"));
  if (list != NULL)
    {
      gsize n;
      const gint64 *v = g_variant_get_fixed_array (list, &n, sizeof (gint64));

      for (gsize i = 0; i < n; i++)
        g_hash_table_add (ids, g_memdup2 (&v[i], sizeof (gint64)));
    }
  return ids;
}

static void
save_notified (DlNotifier *self,
               const char *day,
               GHashTable *ids)
{
  g_autoptr(GVariant) value = g_settings_get_value (self->settings, "notified");
  g_autoptr(GVariant) map = NULL;
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *path = dl_store_get_path (self->store);
  const char *stored_day;
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_vals (list, key, 1);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sax}"));
  g_variant_get (value, "(&s@a{sax})", &stored_day, &map);
  /* other databases' entries stay, but only for the same day */
  if (g_str_equal (stored_day, day))
    {
      GVariantIter it;
      const char *other;
      GVariant *other_ids;

      g_variant_iter_init (&it, map);
      while (g_variant_iter_next (&it, "{&s@ax}", &other, &other_ids))
        {
          if (!g_str_equal (other, path))
            g_variant_builder_add (&builder, "{s@ax}", other, other_ids);
          g_variant_unref (other_ids);
        }
    }
  g_variant_builder_add (&builder, "{s@ax}", path,
                         g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, list->data, list->len,
                                                    sizeof (gint64)));
  g_settings_set_value (self->settings, "notified", g_variant_new ("(sa{sax})", day, &builder));
}

/* ---- acting on a notification ---------------------------------------- */

/* The application shows Today on that person (app.show-today): the
 * notifier knows no windows. */
static void
present_today (DlNotifier *self,
               gint64      person_id)
{
  GApplication *app = g_application_get_default ();

  g_signal_emit (self, signals[OPEN_PERSON], 0, person_id);

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "show-today"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-today",
                                    g_variant_new ("(^ayx)", dl_store_get_path (self->store), person_id));
}

static void
on_action_cb (NotifyNotification *notification,
              char               *action,
              gpointer            user_data)
{
  DlNotifier *self = user_data;
  gint64 person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (notification), "dl-person-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTodayUndo) undo = NULL;

  if (g_str_equal (action, "log") && person_id != 0)
    undo = dl_today_log_contact (self->store, person_id, DL_CONTACT_CALL, NULL,
                                 _("Logged from a reminder"), &error);
  else if (g_str_equal (action, "snooze") && person_id != 0)
    undo = dl_today_snooze (self->store, person_id, dl_clock_get_today (dl_clock_get_default ()) + 1, &error);
  else
    present_today (self, person_id);

  if (error != NULL)
    g_warning ("Cannot act on the reminder: %s", error->message);
}

static void
on_closed_cb (NotifyNotification *notification,
              gpointer            user_data)
{
  DlNotifier *self = user_data;

  g_ptr_array_remove (self->shown, notification);
}

/* Reminders are routine: normal urgency.  Critical is kept for a task the
 * user marks urgent (not offered yet), never for a risk score, which
 * would pin notifications on screen every morning. */
static NotifyUrgency
urgency_for (DlTodayItem *item)
{
  return NOTIFY_URGENCY_NORMAL;
}

static gboolean
show (DlNotifier         *self,
      NotifyNotification *notification)
{
  g_autoptr(GError) error = NULL;
  static gboolean warned;

  notify_notification_set_app_name (notification, _("Downline"));
  notify_notification_set_hint_string (notification, "desktop-entry", APP_ID);
  notify_notification_set_category (notification, "x-downline.reminder");
  g_signal_connect_object (notification, "closed", G_CALLBACK (on_closed_cb), self, 0);

  if (!notify_notification_show (notification, &error))
    {
      /* one warning per run: the banner in Today says the rest */
      if (!warned)
        g_warning ("Desktop notifications are not available, reminders show in the app: %s",
                   error->message);
      warned = TRUE;
      set_available (self, FALSE);
      return FALSE;
    }

  g_ptr_array_add (self->shown, g_object_ref (notification));
  set_available (self, TRUE);
  return TRUE;
}

static gboolean
show_person (DlNotifier  *self,
             DlTodayItem *item)
{
  NotifyNotification *n;
  gboolean ok;
  /* servers that understand markup in the body would read names as markup */
  g_autofree char *body = g_markup_escape_text (dl_today_item_get_reason (item), -1);

  n = notify_notification_new (dl_today_item_get_name (item), body, APP_ID);
  g_object_set_data (G_OBJECT (n), "dl-person-id", GSIZE_TO_POINTER (dl_today_item_get_person_id (item)));
  notify_notification_set_urgency (n, urgency_for (item));
  notify_notification_add_action (n, "log", _("Log Contact"), on_action_cb, self, NULL);
  notify_notification_add_action (n, "snooze", _("Snooze 1 Day"), on_action_cb, self, NULL);
  notify_notification_add_action (n, "open", C_("notification action", "Open"), on_action_cb, self, NULL);
  notify_notification_add_action (n, "default", C_("notification action", "Open"), on_action_cb, self, NULL);
  ok = show (self, n);
  g_object_unref (n);
  return ok;
}

static gboolean
show_digest (DlNotifier *self,
             GPtrArray  *items)
{
  NotifyNotification *n;
  gboolean ok;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *escaped = NULL;
  guint more = items->len - 2;
  NotifyUrgency urgency = NOTIFY_URGENCY_NORMAL;

  {
    g_autofree char *counts = dl_day_plan_describe_counts (dl_today_model_get_day_plan (self->model));

    /* Translators: the morning digest: "Today: 5 welcomes, 3 check-ins, 2 follow-ups" */
    summary = g_strdup_printf (_("Today: %s"), counts);
  }
  /* Translators: two names, then how many others: "Ana, Ben and 5 more" */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s and %u more", "%s, %s and %u more", more),
                          dl_today_item_get_name (g_ptr_array_index (items, 0)),
                          dl_today_item_get_name (g_ptr_array_index (items, 1)), more);
  escaped = g_markup_escape_text (body, -1);

  for (guint i = 0; i < items->len; i++)
    urgency = MAX (urgency, urgency_for (g_ptr_array_index (items, i)));

  n = notify_notification_new (summary, escaped, APP_ID);
  notify_notification_set_urgency (n, urgency);
  notify_notification_add_action (n, "open", C_("notification action", "Open"), on_action_cb, self, NULL);
  notify_notification_add_action (n, "default", C_("notification action", "Open"), on_action_cb, self, NULL);
  ok = show (self, n);
  g_object_unref (n);
  return ok;
}

/* ---- when ---------------------------------------------------------- */

guint
dl_notifier_notify_due (DlNotifier *self)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GHashTable) notified = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  char day[16];
  DlDay today;
  gboolean ok = TRUE;

  g_return_val_if_fail (DL_IS_NOTIFIER (self), 0);

  if (!g_settings_get_boolean (self->settings, "notifications-enabled"))
    return 0;

  time = now (self);
  today = dl_day_from_date_time (time);
  dl_day_format_iso (today, day);
  dl_today_model_set_today (self->model, self->clock != NULL ? today : DL_DAY_NONE);
  if (!dl_today_model_is_current (self->model))
    dl_today_model_refresh (self->model);

  notified = load_notified (self, day);
  /* the day's plan, not everyone who is due: the reminder names what
   * the person can finish today */
  {
    GListModel *plan = dl_today_model_get_plan (self->model);

    for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
      {
        DlTodayItem *item = g_list_model_get_item (plan, i);
        gint64 id = dl_today_item_get_person_id (item);
        DlTaskState state = DL_TASK_OPEN;

        dl_today_item_get_task (item, NULL, &state);
        if (state != DL_TASK_OPEN || g_hash_table_contains (notified, &id))
          g_object_unref (item);
        else
          g_ptr_array_add (fresh, item);
      }
  }

  if (fresh->len == 0)
    return 0;

  if (!notify_is_initted ())
    notify_init (APP_ID);

  if (fresh->len <= MAX_SINGLE)
    for (guint i = 0; i < fresh->len && ok; i++)
      ok = show_person (self, g_ptr_array_index (fresh, i));
  else
    ok = show_digest (self, fresh);

  /* unsent reminders wait for the next round; the banner has them now */
  if (!ok)
    return 0;

  for (guint i = 0; i < fresh->len; i++)
    {
      gint64 id = dl_today_item_get_person_id (g_ptr_array_index (fresh, i));

      g_hash_table_add (notified, g_memdup2 (&id, sizeof id));
    }
  save_notified (self, day, notified);
  return fresh->len;
}

/* The reminders from the plan of now, once it is worked out: the timers
 * never read the downline on the window's thread (a second's freeze at
 * a million members, ten seconds after the window opened, and again at
 * the reminder time). */
static void
notify_when_planned (DlNotifier *self)
{
  if (dl_today_model_is_current (self->model))
    {
      self->waiting = FALSE;
      dl_notifier_notify_due (self);
      return;
    }
  self->waiting = TRUE;
  dl_today_model_update (self->model);
}

static void
on_model_refreshed_cb (DlNotifier   *self,
                       DlTodayModel *model)
{
  if (self->waiting)
    notify_when_planned (self);
}

static gboolean
reminder_time_has_come (DlNotifier *self,
                        GDateTime  *time)
{
  guint minutes = g_date_time_get_hour (time) * 60 + g_date_time_get_minute (time);

  return minutes >= g_settings_get_uint (self->settings, "reminder-minutes");
}

void
dl_notifier_check_now (DlNotifier *self)
{
  g_autoptr(GDateTime) time = NULL;
  DlDay today;

  g_return_if_fail (DL_IS_NOTIFIER (self));

  time = now (self);
  today = dl_day_from_date_time (time);
  if (self->digest_day == today || !reminder_time_has_come (self, time))
    return;

  self->digest_day = today;
  notify_when_planned (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  dl_notifier_check_now (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_settings_changed_cb (DlNotifier *self,
                        const char *key,
                        GSettings  *settings)
{
  if (g_str_equal (key, "run-in-background"))
    dl_notifier_hold_application (self, g_settings_get_boolean (settings, key));
}

/* ---- GObject ---------------------------------------------------------- */

static void
dl_notifier_dispose (GObject *object)
{
  DlNotifier *self = DL_NOTIFIER (object);

  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->shown != NULL)
    for (guint i = 0; i < self->shown->len; i++)
      g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->shown, i), self);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_notifier_parent_class)->dispose (object);
}

static void
dl_notifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlNotifier *self = DL_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_notifier_class_init (DlNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dl_notifier_dispose;
  object_class->get_property = dl_notifier_get_property;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "Open" on a notification: the person, or 0 for a digest. */
  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
dl_notifier_init (DlNotifier *self)
{
  self->available = TRUE;
  self->shown = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

DlNotifier *
dl_notifier_new (DlStore *store)
{
  DlNotifier *self;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  self = g_object_new (DL_TYPE_NOTIFIER, NULL);
  self->store = store;
  self->model = dl_today_model_get_for_store (store);
  g_signal_connect_object (self->model, "refreshed", G_CALLBACK (on_model_refreshed_cb),
                           self, G_CONNECT_SWAPPED);
  return self;
}

static GHashTable *notifiers;   /* DlStore → DlNotifier, both unowned */

static void
notifier_gone_cb (gpointer  data,
                  GObject  *where_the_object_was)
{
  g_hash_table_remove (notifiers, data);
}

DlNotifier *
dl_notifier_get_for_store (DlStore *store)
{
  DlNotifier *self;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  if (notifiers == NULL)
    notifiers = g_hash_table_new (NULL, NULL);

  self = g_hash_table_lookup (notifiers, store);
  if (self != NULL)
    return g_object_ref (self);

  self = dl_notifier_new (store);
  g_hash_table_insert (notifiers, store, self);
  g_object_weak_ref (G_OBJECT (self), notifier_gone_cb, store);
  return self;
}

DlStore *
dl_notifier_get_store (DlNotifier *self)
{
  g_return_val_if_fail (DL_IS_NOTIFIER (self), NULL);
  return self->store;
}

DlTodayModel *
dl_notifier_get_model (DlNotifier *self)
{
  g_return_val_if_fail (DL_IS_NOTIFIER (self), NULL);
  return self->model;
}

void
dl_notifier_set_clock (DlNotifier      *self,
                       DlNotifierClock  clock,
                       gpointer         user_data)
{
  g_return_if_fail (DL_IS_NOTIFIER (self));

  self->clock = clock;
  self->clock_data = user_data;
}

/* catch-up: what fell due while the app was not running */
static void
catch_up (DlNotifier *self)
{
  g_autoptr(GDateTime) time = NULL;

  notify_when_planned (self);
  time = now (self);
  if (reminder_time_has_come (self, time))
    self->digest_day = dl_day_from_date_time (time);

  self->tick_source = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
}

static gboolean
catch_up_cb (gpointer user_data)
{
  DlNotifier *self = user_data;

  self->tick_source = 0;
  catch_up (self);
  return G_SOURCE_REMOVE;
}

void
dl_notifier_start (DlNotifier *self,
                   guint       delay_seconds)
{
  g_return_if_fail (DL_IS_NOTIFIER (self));

  if (self->started)
    return;
  self->started = TRUE;

  if (delay_seconds == 0)
    catch_up (self);
  else
    self->tick_source = g_timeout_add_seconds (delay_seconds, catch_up_cb, self);

  if (g_settings_get_boolean (self->settings, "run-in-background"))
    dl_notifier_hold_application (self, TRUE);
}

gboolean
dl_notifier_get_available (DlNotifier *self)
{
  g_return_val_if_fail (DL_IS_NOTIFIER (self), FALSE);
  return self->available;
}

void
dl_notifier_hold_application (DlNotifier *self,
                              gboolean    hold)
{
  GApplication *app = g_application_get_default ();

  g_return_if_fail (DL_IS_NOTIFIER (self));

  if (app == NULL || self->holding == hold)
    return;

  /* holding keeps both the process and this notifier alive */
  self->holding = hold;
  if (hold)
    {
      g_application_hold (app);
      g_object_ref (self);
    }
  else
    {
      g_application_release (app);
      g_object_unref (self);
    }
}

/* The Desktop Entry rules for Exec: plain when nothing needs quoting,
 * else in double quotes with ", `, $ and \ escaped. */
static char *
quote_exec (const char *program)
{
  GString *out;

  if (strpbrk (program, " \t\n\"'\\><~|&;$*?#()`=%") == NULL)
    return g_strdup (program);

  out = g_string_new ("\"");
  for (const char *p = program; *p != '\0'; p++)
    {
      if (strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (out, FALSE);
}

char *
dl_notifier_get_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APP_ID ".desktop", NULL);
}

gboolean
dl_notifier_set_autostart (gboolean   enabled,
                           GError   **error)
{
  g_autofree char *path = dl_notifier_get_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *program = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *contents = NULL;

  if (!enabled)
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot remove the autostart entry %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }

  /* the installed command when there is one, else this very program */
  program = g_find_program_in_path ("downline");
  if (program == NULL)
    program = g_file_read_link ("/proc/self/exe", NULL);
  if (program == NULL)
    program = g_strdup ("downline");
  quoted = quote_exec (program);

  contents = g_strdup_printf ("[Desktop Entry]\n"
                              "Type=Application\n"
                              "Name=%s\n"
                              "Comment=%s\n"
                              "Exec=%s --background\n"
                              "Icon=" APP_ID "\n"
                              "NoDisplay=true\n"
                              "X-GNOME-Autostart-enabled=true\n",
                              _("Downline"),
                              _("Reminds you who to contact today"),
                              quoted);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents (path, contents, -1, error);
}

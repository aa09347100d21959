/* dl-application.c — the application: command line, stores, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>   /* mallopt */
#endif
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "dl-application.h"
#include "dl-day.h"
#include "dl-downline-cli.h"
#include "dl-notifier.h"
#include "dl-periods-cli.h"
#include "dl-preferences-window.h"
#include "dl-settings.h"
#include "dl-store-sample.h"
#include "dl-store.h"
#include "dl-today-cli.h"
#include "dl-clock.h"
#include "dl-transfer-cli.h"
#include "dl-window.h"
#include "downline-resources.h"

#define DEFAULT_SAMPLE_MEMBERS 300
#define MAX_SAMPLE_MEMBERS     10000000
#define EXIT_USAGE             2

struct _DlApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  guint           signal_ids[3];
  /* canonical database path → DlStore: one connection per file, however
   * many times the app is launched on it, for the life of the process */
  GHashTable     *stores;
};

G_DEFINE_FINAL_TYPE (DlApplication, dl_application, ADW_TYPE_APPLICATION)

/* GOption offers an optional value ("--sample-data" or
 * "--sample-data=N") only through a callback.  The callback runs in the
 * launching process, before handle-local-options, so a plain variable
 * carries the value over. */
static gint64 sample_data_members = -1;

static gboolean
parse_sample_data_cb (const char  *option_name,
                      const char  *value,
                      gpointer     data,
                      GError     **error)
{
  guint64 n;

  if (value == NULL)
    {
      sample_data_members = DEFAULT_SAMPLE_MEMBERS;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (value, 10, 1, MAX_SAMPLE_MEMBERS, &n, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--sample-data takes a number of members from 1 to %d, not “%s”"),
                   MAX_SAMPLE_MEMBERS, value);
      return FALSE;
    }

  sample_data_members = (gint64) n;
  return TRUE;
}

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database FILE instead of your usual one"), N_("FILE") },
  { "sample-data", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK,
    (gpointer) parse_sample_data_cb,
    N_("Fill the empty database named by --db with a sample business of N members (default 300), then exit"),
    N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Seed for --sample-data: the same seed gives the same business (default 1)"), N_("SEED") },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run without a window, to send reminders (used by Start at Login)"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  DL_TRANSFER_CLI_OPTION_ENTRIES,
  DL_DOWNLINE_CLI_OPTION_ENTRIES,
  DL_PERIODS_CLI_OPTION_ENTRIES,
  DL_TODAY_CLI_OPTION_ENTRIES,
  { NULL }
};

static void
print_usage_error (const char *message)
{
  g_printerr ("downline: %s\n", message);
  g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
}

/* GApplication answers an unknown option or a missing value with exit
 * status 1, which scripts cannot tell from a real failure.  Checking the
 * words first with the same entries lets a usage error exit with 2. */
static gboolean
command_line_is_usable (char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  GOptionEntry entries[G_N_ELEMENTS (option_entries) + 1];
  union { char *s; char **strv; gint64 i; gboolean b; } values[G_N_ELEMENTS (option_entries)];
  gboolean service = FALSE;
  gboolean ok;

  for (guint i = 0; argv[i] != NULL; i++)
    {
      if (g_str_equal (argv[i], "-h") || g_str_equal (argv[i], "-?") ||
          g_str_has_prefix (argv[i], "--help"))
        return TRUE;
      if (g_str_equal (argv[i], "--"))
        break;
    }

  memset (values, 0, sizeof values);
  memcpy (entries, option_entries, sizeof option_entries);
  for (guint i = 0; i + 1 < G_N_ELEMENTS (option_entries); i++)
    if (entries[i].arg_data == NULL)
      entries[i].arg_data = &values[i];
  /* GApplication's own, used by D-Bus activation */
  entries[G_N_ELEMENTS (option_entries) - 1] = (GOptionEntry) {
    "gapplication-service", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &service, NULL, NULL
  };
  entries[G_N_ELEMENTS (option_entries)] = (GOptionEntry) { NULL };

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  args = g_strdupv (argv);
  ok = g_option_context_parse_strv (context, &args, &error);

  for (guint i = 0; i + 1 < G_N_ELEMENTS (option_entries); i++)
    if (option_entries[i].arg == G_OPTION_ARG_FILENAME || option_entries[i].arg == G_OPTION_ARG_STRING)
      g_free (values[i].s);
    else if (option_entries[i].arg == G_OPTION_ARG_STRING_ARRAY ||
             option_entries[i].arg == G_OPTION_ARG_FILENAME_ARRAY)
      g_strfreev (values[i].strv);   /* --map, given several times */

  if (!ok)
    {
      print_usage_error (error->message);
      return FALSE;
    }

  if (args[0] != NULL && args[1] != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Unexpected argument “%s”"), args[1]);

      print_usage_error (message);
      return FALSE;
    }

  /* the callback ran during this check; GApplication's parse sets it again */
  sample_data_members = -1;
  return TRUE;
}

/* The store itself reports what is wrong with a file; this reports what
 * is wrong with the place, in words about folders rather than errno. */
static gboolean
check_folder (const char  *path,
              gboolean     create,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (create && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The folder “%s” does not exist. Create it first, or choose another place for the database."),
                   dir);
      return FALSE;
    }

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("“%s” is a folder, not a database file."), path);
      return FALSE;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && access (dir, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("You cannot create files in the folder “%s”."), dir);
      return FALSE;
    }

  return TRUE;
}

/* The files open in this instance, as the state of the app action
 * "open-databases" (on the session bus, for a command run beside it to
 * ask; see database_open_in_window). */
static void
publish_open_databases (DlApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "open-databases");
  g_autofree const char **paths = NULL;

  if (action == NULL)
    return;
  paths = (const char **) g_hash_table_get_keys_as_array (self->stores, NULL);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_strv (paths, -1));
}

/* One store per file, shared by every window on it. */
static DlStore *
dl_application_open_store (DlApplication  *self,
                           const char     *path,
                           gboolean        create_folder,
                           GError        **error)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  DlStore *store;

  store = g_hash_table_lookup (self->stores, canonical);
  if (store != NULL)
    return g_object_ref (store);

  /* the same file by another path (a link): the same store */
  if (dl_store_file_is_open (canonical))
    {
      GHashTableIter iter;
      GStatBuf asked, open_st;

      g_hash_table_iter_init (&iter, self->stores);
      while (g_stat (canonical, &asked) == 0 && g_hash_table_iter_next (&iter, NULL, (gpointer *) &store))
        if (g_stat (dl_store_get_path (store), &open_st) == 0 &&
            open_st.st_dev == asked.st_dev && open_st.st_ino == asked.st_ino)
          return g_object_ref (store);
    }

  if (!check_folder (canonical, create_folder, error))
    return NULL;

  store = dl_store_open (canonical, error);
  if (store == NULL)
    return NULL;
  /* since when Downline knows this business: every tree it reads says
   * so to the rules (welcomes, check-ins) */
  dl_store_set_started_on (store, dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (store),
                                                             dl_clock_get_today (dl_clock_get_default ()), TRUE));

  g_hash_table_insert (self->stores, g_steal_pointer (&canonical), g_object_ref (store));
  publish_open_databases (self);
  return store;
}

/* Folds every open database's log into its file and lets go of it, so
 * the .db alone holds every change once the process is gone (a copy, a
 * sync or an e-mail of the file takes only the .db).  Every way the
 * primary instance ends comes through here; a command that exits in the
 * launching process closes its own store. */
static void
close_stores (DlApplication *self)
{
  GHashTableIter iter;
  gpointer store;

  if (self->stores == NULL)
    return;

  g_hash_table_iter_init (&iter, self->stores);
  while (g_hash_table_iter_next (&iter, NULL, &store))
    dl_store_close (store);
  g_hash_table_remove_all (self->stores);
  publish_open_databases (self);
}

static DlWindow *
find_window_for_store (DlApplication *self,
                       DlStore       *store)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (DL_IS_WINDOW (l->data) && dl_window_get_store (l->data) == store)
        return l->data;
    }

  return NULL;
}

static int
run_sample_data (DlApplication *self,
                 GVariantDict  *options)
{
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *db = NULL;
  gint64 seed = 1;
  DlSampleSummary summary = { 0 };
  gboolean ok;

  if (!g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      print_usage_error (_("--sample-data needs --db FILE: it only fills a database you name."));
      return EXIT_USAGE;
    }

  if (g_variant_dict_lookup (options, "seed", "x", &seed) && (seed < 0 || seed > G_MAXUINT32))
    {
      g_autofree char *message = g_strdup_printf (_("--seed takes a number from 0 to %u"), G_MAXUINT32);

      print_usage_error (message);
      return EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (db);
  path = g_file_get_path (file);
  store = dl_application_open_store (self, path, FALSE, &error);
  if (store == NULL)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }
  ok = dl_store_fill_sample (store, (guint) sample_data_members, (guint32) seed,
                             dl_day_today (), &summary, &error);
  /* the process ends next: the .db alone holds the sample */
  close_stores (self);
  if (!ok)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }

  {
    /* one plural per number: languages agree each word with its own count */
    g_autofree char *members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member", "%u members",
                                                             summary.n_members), summary.n_members);
    g_autofree char *prospects = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u prospect", "%u prospects",
                                                               summary.n_prospects), summary.n_prospects);
    g_autofree char *contacts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact logged",
                                                              "%u contacts logged", summary.n_interactions),
                                                 summary.n_interactions);
    g_autofree char *levels = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u level deep", "%u levels deep",
                                                            summary.max_depth), summary.max_depth);

    /* Translators: the file, then members, prospects, contacts and depth */
    g_print (_("Filled %s with a sample business: %s, %s, %s, %s.\n"),
             path, members, prospects, contacts, levels);
  }
  return EXIT_SUCCESS;
}

/* TRUE when a and b are the same file, whatever the paths: a hard link,
 * a symbolic link or another spelling of the folders. */
static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* TRUE when a Downline instance running beside this process has the
 * database at path open (its "open-databases" state, asked over the
 * session bus; FALSE without a bus or a running Downline).  The
 * commands that change a file then leave it alone: the window holds its
 * items and undo steps as they were, and its next write would land on
 * top of what the command wrote, putting back or contradicting it
 * without the person seeing why. */
static gboolean
database_open_in_window (const char *path)
{
  g_autofree char *user_bus = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  /* as the commands and the window read --db: a path or a file:// URI */
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *local = g_file_get_path (file);
  g_autofree char *object_path = g_strdelimit (g_strconcat ("/", APP_ID, NULL), ".", '/');
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) states = NULL;
  g_autoptr(GVariant) boxed = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autofree const char **paths = NULL;

  /* a file that is not there is open nowhere */
  if (local == NULL || !g_file_test (local, G_FILE_TEST_EXISTS))
    return FALSE;
  /* no bus to ask (a cron job, a server): none is started for asking */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL && !g_file_test (user_bus, G_FILE_TEST_EXISTS))
    return FALSE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  reply = g_dbus_connection_call_sync (bus, APP_ID, object_path, "org.gtk.Actions", "Describe",
                                       g_variant_new ("(s)", "open-databases"),
                                       G_VARIANT_TYPE ("((bgav))"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, NULL, NULL);
  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "((bg@av))", NULL, NULL, &states);
  if (g_variant_n_children (states) == 0)
    return FALSE;
  boxed = g_variant_get_child_value (states, 0);
  state = g_variant_get_variant (boxed);
  if (!g_variant_is_of_type (state, G_VARIANT_TYPE_STRING_ARRAY))
    return FALSE;
  paths = g_variant_get_strv (state, NULL);
  /* by device and inode: a hard link or another path to the file is
   * the same database */
  for (guint i = 0; paths[i] != NULL; i++)
    if (same_file (paths[i], local))
      return TRUE;

  return FALSE;
}

/* The commands that open the database named by --db and exit. */
static gboolean
works_on_database (GVariantDict *options)
{
  static const char *const commands[] = {
    "import-csv", "import-vcard", "export-csv", "backup", "export-tree",
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_variant_dict_contains (options, commands[i]))
      return TRUE;

  return FALSE;
}

static int
dl_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  DlApplication *self = DL_APPLICATION (app);
  int status;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("downline %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  {
    const char *db = NULL;
    const char *dest = NULL;

    if ((works_on_database (options) || sample_data_members >= 0) &&
        g_variant_dict_lookup (options, "db", "^&ay", &db) &&
        database_open_in_window (db))
      {
        g_autofree char *display = g_filename_display_name (db);

        g_printerr (_("downline: “%s” is open in Downline’s window. Close the window first, "
                      "or do this from its main menu: two programs writing one database "
                      "at the same time can lose changes.\n"), display);
        return EXIT_FAILURE;
      }

    /* a backup written over a database a window has open would be
     * overwritten again, or mixed, by the window's next change */
    if (g_variant_dict_lookup (options, "backup", "^&ay", &dest) &&
        database_open_in_window (dest))
      {
        g_autofree char *display = g_filename_display_name (dest);

        g_printerr (_("downline: “%s” is open in Downline’s window, so a backup cannot be written "
                      "over it. Choose another file for the backup, or close that window first.\n"),
                    display);
        return EXIT_FAILURE;
      }
  }

  if (sample_data_members >= 0)
    return run_sample_data (self, options);

  if ((status = dl_transfer_cli_run (options)) >= 0)
    return status;

  if ((status = dl_downline_cli_run (options)) >= 0)
    return status;

  if ((status = dl_periods_cli_run (options)) >= 0)
    return status;
  {
    g_autofree char *default_db = dl_settings_get_usual_db_path ();

    if ((status = dl_today_cli_run (options, default_db)) >= 0)
      return status;
  }

  if (g_variant_dict_contains (options, "seed"))
    {
      print_usage_error (_("--seed only makes sense with --sample-data."));
      return EXIT_USAGE;
    }

  return -1;
}

static gboolean
dl_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  if (!command_line_is_usable (*arguments))
    {
      *exit_status = EXIT_USAGE;
      return TRUE;
    }

  return G_APPLICATION_CLASS (dl_application_parent_class)->local_command_line (app, arguments, exit_status);
}

static int
dl_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  DlApplication *self = DL_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *db = NULL;
  DlWindow *window;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (cmdline, db);

      path = g_file_get_path (file);
      store = dl_application_open_store (self, path, FALSE, &error);
      if (store == NULL)
        {
          /* the person named the file on the command line: answer there */
          g_application_command_line_printerr (cmdline, "downline: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }
  else
    {
      path = dl_settings_get_usual_db_path ();
      store = dl_application_open_store (self, path, TRUE, &error);
      if (store == NULL)
        {
          g_warning ("%s", error->message);
          window = dl_window_new_for_error (self, path, error);
          gtk_window_present (GTK_WINDOW (window));
          return EXIT_SUCCESS;
        }
    }

  /* start at login: the reminders, without a window */
  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr(DlNotifier) notifier = dl_notifier_get_for_store (store);

      dl_notifier_hold_application (notifier, TRUE);
      dl_notifier_start (notifier, 0);
      return EXIT_SUCCESS;
    }

  window = find_window_for_store (self, store);
  if (window == NULL)
    window = dl_window_new (self, store);

  gtk_window_present (GTK_WINDOW (window));
  return EXIT_SUCCESS;
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  DlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  DlStore *store = DL_IS_WINDOW (parent) ? dl_window_get_store (DL_WINDOW (parent)) : NULL;
  GtkWindow *preferences;

  preferences = GTK_WINDOW (dl_preferences_window_new (self, store));
  gtk_window_set_transient_for (preferences, parent);
  gtk_window_present (preferences);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  DlApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Downline developers"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Downline"),
                        "developer-name", _("The Downline developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep your prospect pipeline full, welcome every new member, "
                                      "and see at a glance who in your organization needs a call."),
                        "website", "https://github.com/downline/downline",
                        "issue-url", "https://github.com/downline/downline/issues",
                        "copyright", "© 2026 The Downline developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* Try With Sample Data: the invented business lives in a file of its
 * own, among the cache files (it is thrown away), never in the person's
 * database. */
#define SAMPLE_MEMBERS 300

static char *
sample_db_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), APP_ID, "sample-business.db", NULL);
}

static void
remove_database_files (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove “%s”: %s", file, g_strerror (errno));
    }
}

static void
show_error_in_active_window (DlApplication *self,
                             const char    *heading,
                             const GError  *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
try_sample_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DlApplication *self = user_data;
  const char *real = g_variant_get_bytestring (parameter);
  g_autofree char *path = sample_db_path ();
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DlSampleSummary summary = { 0 };
  DlStore *open;
  DlWindow *window;

  /* one invented business at a time */
  open = g_hash_table_lookup (self->stores, canonical);
  if (open != NULL && (window = find_window_for_store (self, open)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  /* made afresh each time: what was explored before is not kept */
  if (open != NULL)
    {
      dl_store_close (open);
      g_hash_table_remove (self->stores, canonical);
    }
  remove_database_files (path);
  store = dl_application_open_store (self, path, TRUE, &error);
  if (store == NULL ||
      !dl_store_fill_sample (store, SAMPLE_MEMBERS, g_random_int (), dl_day_today (), &summary, &error))
    {
      show_error_in_active_window (self, _("The Sample Business Was Not Made"), error);
      return;
    }

  window = dl_window_new (self, store);
  dl_window_set_exploring (window, real);
  gtk_window_present (GTK_WINDOW (window));

  /* the first-run window on the real file steps aside for it */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *other = l->data;

      l = l->next;
      if (DL_IS_WINDOW (other) && other != GTK_WINDOW (window) &&
          dl_window_get_store (DL_WINDOW (other)) != NULL &&
          g_strcmp0 (dl_store_get_path (dl_window_get_store (DL_WINDOW (other))), real) == 0)
        gtk_window_destroy (other);
    }
}

static void
start_for_real_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  DlApplication *self = user_data;
  const char *real = g_variant_get_bytestring (parameter);
  g_autofree char *path = sample_db_path ();
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  DlStore *sample;
  DlWindow *window;

  store = dl_application_open_store (self, real, TRUE, &error);
  if (store == NULL)
    window = dl_window_new_for_error (self, real, error);
  else if ((window = find_window_for_store (self, store)) == NULL)
    window = dl_window_new (self, store);
  gtk_window_present (GTK_WINDOW (window));

  /* the invented business goes, windows and file */
  sample = g_hash_table_lookup (self->stores, canonical);
  if (sample == NULL)
    return;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL;)
    {
      GtkWindow *other = l->data;

      l = l->next;
      if (DL_IS_WINDOW (other) && dl_window_get_store (DL_WINDOW (other)) == sample)
        gtk_window_destroy (other);
    }
  dl_store_close (sample);
  g_hash_table_remove (self->stores, canonical);
  publish_open_databases (self);
  remove_database_files (path);
}

/* A reminder's Open: the window on that file (made if none), on Today,
 * on that person's row. */
static void
show_today_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  DlApplication *self = DL_APPLICATION (user_data);
  g_autofree char *canonical = NULL;
  const char *path = NULL;
  gint64 person_id = 0;
  DlStore *store;
  DlWindow *window;

  g_variant_get (parameter, "(^&ayx)", &path, &person_id);
  canonical = g_canonicalize_filename (path, NULL);
  store = g_hash_table_lookup (self->stores, canonical);
  /* the notifier names the file as its store resolved it (links followed) */
  if (store == NULL)
    {
      GHashTableIter iter;
      DlStore *open;

      g_hash_table_iter_init (&iter, self->stores);
      while (store == NULL && g_hash_table_iter_next (&iter, NULL, (gpointer *) &open))
        if (g_strcmp0 (dl_store_get_path (open), path) == 0)
          store = open;
    }
  if (store == NULL)
    return;   /* that file is not open here any more */

  window = find_window_for_store (self, store);
  if (window == NULL)
    window = dl_window_new (self, store);
  gtk_window_present (GTK_WINDOW (window));
  dl_window_show_today_person (window, person_id);
}

static const GActionEntry app_actions[] = {
  { "show-today", show_today_activated, "(ayx)" },
  { "quit", quit_activated },
  { "try-sample", try_sample_activated, "ay" },
  { "start-for-real", start_for_real_activated, "ay" },
  { "preferences", preferences_activated },
  { "about", about_activated },
  /* state only: the files open here (publish_open_databases) */
  { "open-databases", NULL, NULL, "@as []", NULL },
};

/* The session is ending (logout, shutdown): the app may be killed
 * without a chance to quit, so the files are made whole now. */
static void
on_query_end_cb (DlApplication *self,
                 gpointer       data)
{
  GHashTableIter iter;
  gpointer path, store;

  g_hash_table_iter_init (&iter, self->stores);
  while (g_hash_table_iter_next (&iter, &path, &store))
    {
      g_autoptr(GError) error = NULL;

      if (!dl_store_is_read_only (store) && !dl_store_checkpoint (store, &error))
        g_warning ("Could not save “%s” whole before the session ends: %s",
                   (const char *) path, error->message);
    }
}

/* SIGTERM (a logout without a session manager, systemd, kill), SIGINT
 * (Ctrl+C in the terminal) and SIGHUP (the terminal closed) end the app
 * as Ctrl+Q does, so shutdown closes the databases. */
static gboolean
on_quit_signal_cb (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_CONTINUE;
}

static void
dl_application_shutdown (GApplication *app)
{
  DlApplication *self = DL_APPLICATION (app);
  GList *windows;

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);

  /* the windows first: nothing writes after its file is closed */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);

  close_stores (self);

  G_APPLICATION_CLASS (dl_application_parent_class)->shutdown (app);
}

static void
apply_color_scheme (DlApplication *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");

  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
on_color_scheme_changed_cb (DlApplication *self,
                            const char    *key,
                            GSettings     *settings)
{
  apply_color_scheme (self);
}

static void
dl_application_startup (GApplication *app)
{
  DlApplication *self = DL_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.search", { "<Control>k", NULL } },
    { "win.add-member", { "<Control><Shift>n", NULL } },
    { "win.view('today')", { "<Alt>1", NULL } },
    { "win.view('pipeline')", { "<Alt>2", NULL } },
    { "win.view('downline')", { "<Alt>3", NULL } },
    { "win.view('letters')", { "<Alt>4", NULL } },
    { "win.view('insights')", { "<Alt>5", NULL } },
  };

  G_APPLICATION_CLASS (dl_application_parent_class)->startup (app);
#ifdef M_MMAP_THRESHOLD
  /* A million members' arrays are megabytes each, and many are held
   * only a while (the tree's scratch, a plan's, a layout's).  glibc
   * raises its threshold for mapping a block on its own to the largest
   * mapped block freed, so after the tree's scratch every later big
   * block came from the heap, and stayed resident once freed: fixed,
   * every block of a megabyte or more is mapped, and given back to the
   * system as soon as it is freed (the opening of a million members
   * peaked 18 MiB higher). */
  mallopt (M_MMAP_THRESHOLD, 1024 * 1024);
#endif

  /* Only the primary instance needs settings; --version and --help work
   * even where the schema is not installed. */
  self->settings = g_object_ref (dl_settings_get_gsettings (dl_settings_get_default ()));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (on_color_scheme_changed_cb), self,
                           G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  gtk_window_set_default_icon_name (APP_ID);

  self->signal_ids[0] = g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  self->signal_ids[1] = g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
  self->signal_ids[2] = g_unix_signal_add (SIGHUP, on_quit_signal_cb, self);

  g_signal_connect (self, "query-end", G_CALLBACK (on_query_end_cb), NULL);
}

static void
dl_application_dispose (GObject *object)
{
  DlApplication *self = DL_APPLICATION (object);

  close_stores (self);
  g_clear_pointer (&self->stores, g_hash_table_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dl_application_parent_class)->dispose (object);
}

static void
dl_application_class_init (DlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dl_application_dispose;

  /* before any window: every widget template lives in the resource */
  downline_register_resource ();

  app_class->startup = dl_application_startup;
  app_class->shutdown = dl_application_shutdown;
  app_class->command_line = dl_application_command_line;
  app_class->local_command_line = dl_application_local_command_line;
  app_class->handle_local_options = dl_application_handle_local_options;
}

static void
dl_application_init (DlApplication *self)
{
  self->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Keep your network-marketing business on your own machine: "
                                              "prospects, your downline, welcome letters and check-ins."));
}

DlApplication *
dl_application_new (void)
{
  return g_object_new (DL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       /* for ::query-end: the files are made whole before a logout */
                       "register-session", TRUE,
                       NULL);
}

GSettings *
dl_application_get_settings (DlApplication *self)
{
  g_return_val_if_fail (DL_IS_APPLICATION (self), NULL);

  return self->settings;
}

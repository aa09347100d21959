/* dl-import-assistant-report.c — the import assistant's third step:
 * the file checked against the database in a worker, and the report of
 * what would change, which rows are rejected, the month the figures are
 * of and who the user is in the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-day.h"
#include "dl-import-assistant-private.h"
#include "dl-settings.h"
#include "dl-store-periods.h"

#define LISTED_ROWS 200

/* the plan keeps the lines shown */
G_STATIC_ASSERT (LISTED_ROWS <= DL_IMPORT_PLAN_LINES);

/* ------------------------------------------------------------------ */
/* Step 3: checking, in a worker, and the report                       */

typedef struct
{
  DlCsvTable       *table;     /* borrowed: the assistant keeps it */
  DlCsvMapping     *mapping;   /* a copy */
  DlDateOrder       order;
  DlUnknownSponsor  policy;
  char             *path;      /* the store's file: the worker reads its numbers */
  DlStringSet      *known;
  gboolean          guess_user;   /* the store cannot tell who the user is */
  char             *user_guess;   /* then: who they seem to be (dl_csv_guess_user ()) */
  gboolean          user_guess_in_file;
  guint             user_guess_row;
} CheckJob;

static void
check_job_free (gpointer data)
{
  CheckJob *job = data;

  dl_csv_mapping_free (job->mapping);
  g_free (job->path);
  g_clear_pointer (&job->known, dl_string_set_free);
  g_free (job->user_guess);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;
  GError *error = NULL;
  g_autoptr(GHashTable) qualified = NULL;
  DlImportResult *result;

  /* the numbers Downline has, read here: a million of them are a second */
  job->known = dl_store_read_member_numbers (job->path, &error);
  if (job->known == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* the numbers kept with their country, so a file without countries finds them */
  qualified = dl_import_qualified_index (job->known);
  /* both let go by validation once it has looked the numbers up */
  result = dl_csv_import_validate_full (job->table, job->mapping, job->order, job->policy,
                                        dl_import_known_in_set, g_steal_pointer (&job->known),
                                        (GDestroyNotify) dl_string_set_free,
                                        dl_import_qualified_in_index, g_steal_pointer (&qualified),
                                        (GDestroyNotify) g_hash_table_unref, &error);
  if (job->guess_user)
    job->user_guess = dl_csv_guess_user (job->table, job->mapping, &job->user_guess_in_file, &job->user_guess_row);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) dl_import_result_free);
}

static void
clear_report (DlImportAssistant *self)
{
  for (guint i = 0; i < self->report_widgets->len; i++)
    {
      GtkWidget *row = self->report_widgets->pdata[i];
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->report_widgets, 0);
}

static void
add_row (DlImportAssistant   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  dl_import_assistant_set_row_text (ADW_ACTION_ROW (row), title, subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->report_widgets, row);
}

/* A collapsed list under one title of n lines, of which lines has the
 * first LISTED_ROWS at least. */
static void
add_first_lines_expander (DlImportAssistant   *self,
                          AdwPreferencesGroup *group,
                          const char          *title,
                          GPtrArray           *lines,
                          guint                n)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autofree char *t = g_markup_escape_text (title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), t);
  for (guint i = 0; i < lines->len && i < LISTED_ROWS; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      dl_import_assistant_set_row_text (ADW_ACTION_ROW (row), lines->pdata[i], NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  if (n > LISTED_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more",
                                                            n - LISTED_ROWS),
                                               n - LISTED_ROWS);

      dl_import_assistant_set_row_text (ADW_ACTION_ROW (row), more, NULL);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
  adw_preferences_group_add (group, expander);
  g_ptr_array_add (self->report_widgets, expander);
}

/* A collapsed list of lines under one title. */
static void
add_expander (DlImportAssistant   *self,
              AdwPreferencesGroup *group,
              const char          *title,
              GPtrArray           *lines)
{
  add_first_lines_expander (self, group, title, lines, lines->len);
}

static GPtrArray *
problem_lines (GArray *problems)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < problems->len; i++)
    {
      DlImportProblem *p = &g_array_index (problems, DlImportProblem, i);

      g_ptr_array_add (lines, g_strdup_printf (_("Line %u: %s"), p->line, p->reason));
    }
  return lines;
}

/* "Welcome them too": members who joined in the last weeks, but before
 * Downline was first used on the file, get Today's welcome after all
 * (the first use goes back); off again, it comes back. */
static void
on_welcome_too_cb (GtkSwitch         *toggle,
                   GParamSpec        *pspec,
                   DlImportAssistant *self)
{
  DlDay started = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toggle), "dl-started"));
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  DlDay first_use = gtk_switch_get_active (toggle) ? today - DL_RULES_WELCOME_KEEP_DAYS : started;

  dl_settings_set_first_use (dl_settings_get_default (), dl_store_get_path (self->store), first_use);
  dl_store_set_started_on (self->store, first_use);
}

/* Members of the file who joined in the last weeks (a welcome would
 * still be timely) but more than 72 hours before Downline's first use on
 * the file: Today counts them as welcomed already, and says so here. */
static void
add_welcomed_row (DlImportAssistant *self)
{
  DlDay today = dl_clock_get_today (dl_clock_get_default ());
  DlDay started = dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (self->store),
                                             today, TRUE);
  g_autofree char *title = NULL;
  GtkWidget *row, *toggle;
  guint n = 0;

  for (guint i = 0; i < self->result->rows->len; i++)
    {
      const DlImportRow *r = &g_array_index (self->result->rows, DlImportRow, i);

      if (r->joined_on != DL_DAY_NONE && r->joined_on >= today - DL_RULES_WELCOME_KEEP_DAYS
          && r->joined_on < started - DL_RULES_WELCOME_WINDOW_DAYS)
        n++;
    }
  if (n == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u member joined in the last weeks, before you started with Downline",
                                        "%u members joined in the last weeks, before you started with Downline",
                                        n), n);
  row = adw_action_row_new ();
  dl_import_assistant_set_row_text (ADW_ACTION_ROW (row), title,
                                    _("Today counts them as welcomed already; switch on to have Today plan their welcomes"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_object_set_data (G_OBJECT (toggle), "dl-started", GINT_TO_POINTER (started));
  g_signal_connect_object (toggle, "notify::active", G_CALLBACK (on_welcome_too_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (self->summary_group, row);
  g_ptr_array_add (self->report_widgets, row);
}

#define PERIOD_CHOICES 13

/* The month a choice of the period row stands for: 0 is "not a monthly
 * export", 1 last month, 2 the month before… 13 this month. */
static DlPeriod
period_of_choice (guint choice)
{
  DlPeriod now = dl_period_of_day (dl_clock_get_today (dl_clock_get_default ()));

  if (choice == 0 || choice > PERIOD_CHOICES)
    return DL_PERIOD_NONE;
  return choice == PERIOD_CHOICES ? now : now - (DlPeriod) choice;
}

static void start_plan (DlImportAssistant *self);

/* The choice of the period row that stands for period. */
static guint
choice_of_period (DlPeriod period)
{
  for (guint i = 1; i <= PERIOD_CHOICES; i++)
    if (period_of_choice (i) == period)
      return i;
  return 0;
}

/* "Figures of the Month": a back office's monthly export keeps each
 * row's status, rank, volumes and autoship as that month's, which the
 * events, Insights and the dropout risk learn from, and the report
 * compares them with the month before.  Guessed for the person when the
 * file has volumes or autoship (last month, when exports are made);
 * otherwise off.  A choice of the person's stays while they go back to
 * the columns and on again. */
static void
guess_period (DlImportAssistant *self)
{
  gboolean monthly = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_PV) >= 0
                     || dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_GV) >= 0
                     || dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_AUTOSHIP) >= 0;
  gboolean was_updating = self->updating;

  if (!self->period_chosen)
    self->period = period_of_choice (monthly ? 1 : 0);
  self->updating = TRUE;
  adw_combo_row_set_selected (self->period_row, choice_of_period (self->period));
  self->updating = was_updating;
}

/* Another month: what changes is read again, the figures compared with
 * the month before that one. */
static void
on_period_selected_cb (AdwComboRow       *row,
                       GParamSpec        *pspec,
                       DlImportAssistant *self)
{
  if (self->updating)
    return;
  self->period = period_of_choice (adw_combo_row_get_selected (row));
  self->period_chosen = TRUE;
  if (self->result != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "report"))
    start_plan (self);
}

static void
fill_period_choices (DlImportAssistant *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not a monthly export"));
  for (guint i = 1; i <= PERIOD_CHOICES; i++)
    {
      DlPeriod period = period_of_choice (i);
      g_autofree char *name = dl_day_format_month_long (period / 12, period % 12 + 1);

      gtk_string_list_append (choices, name);
    }
  adw_combo_row_set_model (self->period_row, G_LIST_MODEL (choices));
}

/* "That's Me": the number goes into the profile, and the file is
 * checked again, so the user's own row updates them and the members
 * they enrolled become their personal recruits. */
static void
on_user_confirmed_cb (GtkButton         *button,
                      DlImportAssistant *self)
{
  g_autoptr(DlProfile) profile = dl_store_get_profile (self->store);
  g_autoptr(GError) error = NULL;

  if (profile == NULL || self->user_guess == NULL)
    return;
  dl_profile_set_member_number (profile, self->user_guess);
  if (!dl_store_save_profile (self->store, profile, &error))
    {
      dl_import_assistant_toast (self, error->message);
      return;
    }
  dl_import_assistant_start_check (self);
}

/* Who the user seems to be in the file, with a button to say so. */
static void
add_user_row (DlImportAssistant *self)
{
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *button;

  if (self->user_guess == NULL)
    return;

  if (self->user_guess_in_file)
    {
      int first = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_FIRST_NAME);
      int last = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_LAST_NAME);
      int full = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_FULL_NAME);
      g_autofree char *name = full >= 0
        ? g_strdup (dl_csv_table_get (self->table, self->user_guess_row, (guint) full))
        : g_strdup_printf ("%s %s", first >= 0 ? dl_csv_table_get (self->table, self->user_guess_row, (guint) first) : "",
                           last >= 0 ? dl_csv_table_get (self->table, self->user_guess_row, (guint) last) : "");
      int number = dl_csv_mapping_find (self->mapping, DL_CSV_FIELD_MEMBER_NUMBER);

      /* no name column: the name beside the number, "900057 (Ana Ruiz)" */
      g_strstrip (name);
      if (name[0] == '\0' && number >= 0)
        {
          g_autofree char *unused = NULL;
          g_autofree char *beside = NULL;

          if (dl_csv_split_member_cell (dl_csv_table_get (self->table, self->user_guess_row, (guint) number),
                                        &unused, &beside) && beside != NULL)
            {
              g_free (name);
              name = g_steal_pointer (&beside);
            }
        }

      /* Translators: a name and a member number */
      if (name[0] == '\0')
        title = g_strdup_printf (_("Are You Member %s?"), self->user_guess);
      else
        title = g_strdup_printf (_("Are You %s (%s)?"), g_strstrip (name), self->user_guess);
      subtitle = g_strdup (_("They are at the top of the file, and everyone else is in their downline. "
                             "Your profile gets their member number, and the members they enrolled "
                             "become your personal recruits."));
    }
  else
    {
      title = g_strdup_printf (_("Is %s Your Member Number?"), self->user_guess);
      subtitle = g_strdup (_("Nobody in the file has it, and every member at the top names it as their "
                             "enroller: they would become your personal recruits."));
    }

  row = adw_action_row_new ();
  dl_import_assistant_set_row_text (ADW_ACTION_ROW (row), title, subtitle);
  button = gtk_button_new_with_mnemonic (_("_That’s Me"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_user_confirmed_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (self->summary_group, row);
  g_ptr_array_add (self->report_widgets, row);
}

void
dl_import_assistant_fill_report (DlImportAssistant *self)
{
  DlImportResult *r = self->result;
  DlImportPlan *p = self->plan;
  g_autofree char *new_text = NULL;
  g_autofree char *updated_text = NULL;
  g_autofree char *updated_detail = NULL;
  g_autofree char *status_changes = NULL;
  g_autofree char *rank_changes = NULL;
  g_autofree char *sponsor_changes = NULL;
  g_autofree char *unchanged_text = NULL;
  g_autofree char *button = NULL;

  clear_report (self);
  add_user_row (self);

  new_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new member", "%u new members", p->n_new), p->n_new);
  add_row (self, self->summary_group, new_text, NULL);

  updated_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member changes", "%u members change", p->n_updated),
                                  p->n_updated);
  status_changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u status change", "%u status changes",
                                                 p->n_status_changes), p->n_status_changes);
  rank_changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rank change", "%u rank changes",
                                               p->n_rank_changes), p->n_rank_changes);
  sponsor_changes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sponsor change", "%u sponsor changes",
                                                  p->n_sponsor_changes), p->n_sponsor_changes);
  /* Translators: "N status changes", "N rank changes" and "N sponsor changes" */
  updated_detail = g_strdup_printf (_("%s, %s and %s; notes and contacts are kept"),
                                    status_changes, rank_changes, sponsor_changes);
  /* only what happens: a first import has nothing to update */
  if (p->changes->len > 0)
    add_first_lines_expander (self, self->summary_group, updated_text, p->changes, p->n_changes);
  else if (p->n_updated > 0)
    add_row (self, self->summary_group, updated_text, updated_detail);

  if (p->figures_compared != DL_PERIOD_NONE)
    {
      g_autofree char *month = dl_day_format_month_long (p->figures_compared / 12, p->figures_compared % 12 + 1);

      /* Translators: "7 members are the same as in the October 2026 export" */
      unchanged_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member is the same as in the %s export",
                                                     "%u members are the same as in the %s export", p->n_unchanged),
                                        p->n_unchanged, month);
    }
  else
    unchanged_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u member is the same", "%u members are the same",
                                                   p->n_unchanged), p->n_unchanged);
  if (p->n_unchanged > 0)
    add_row (self, self->summary_group, unchanged_text, NULL);

  if (p->missing->len > 0)
    {
      g_autofree char *missing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u member is not in the file and stays as is",
                                                               "%u members are not in the file and stay as they are",
                                                               p->missing->len), p->missing->len);

      add_expander (self, self->summary_group, missing, p->missing);
    }

  add_welcomed_row (self);

  if (r->n_emails_in_notes > 0)
    {
      g_autofree char *emails = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u e-mail is not usable",
                                                              "%u e-mails are not usable",
                                                              r->n_emails_in_notes),
                                                 r->n_emails_in_notes);

      add_row (self, self->summary_group, emails,
               _("Those members come in without an e-mail; the text of the file is kept in their notes"));
    }

  /* about the whole file: a date column nothing reads, so everyone
   * would join today */
  for (guint i = 0; r->notes != NULL && i < r->notes->len; i++)
    add_row (self, self->summary_group, _("Check the mapping"), r->notes->pdata[i]);

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), r->rejected->len > 0);
  if (r->rejected->len > 0)
    {
      g_autoptr(GPtrArray) lines = problem_lines (r->rejected);

      for (guint i = 0; i < lines->len && i < LISTED_ROWS; i++)
        {
          DlImportProblem *prob = &g_array_index (r->rejected, DlImportProblem, i);
          g_autofree char *line = g_strdup_printf (_("Line %u"), prob->line);

          add_row (self, self->problems_group, line, prob->reason);
        }
      if (lines->len > LISTED_ROWS)
        {
          g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more",
                                                            lines->len - LISTED_ROWS),
                                               lines->len - LISTED_ROWS);

          add_row (self, self->problems_group, more, NULL);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->details_group), r->warnings->len > 0);
  if (r->warnings->len > 0)
    {
      g_autoptr(GPtrArray) lines = problem_lines (r->warnings);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u member has an unknown sponsor",
                                                             "%u members have an unknown sponsor",
                                                             lines->len), lines->len);

      add_expander (self, self->details_group, title, lines);
    }

  if (r->rejected->len > 0)
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import the Other %u", "_Import the Other %u",
                                           r->rows->len), r->rows->len);
  else
    button = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Member", "_Import %u Members",
                                           r->rows->len), r->rows->len);
  dl_import_assistant_show_step (self, "report");
  gtk_button_set_label (self->next_button, button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), r->rows->len > 0);
}

static void
on_plan_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(DlImportAssistant) self = data;
  g_autoptr(GError) error = NULL;
  DlImportPlan *plan = dl_store_plan_import_finish (DL_STORE (source), result, &error);

  self->planning = FALSE;
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_clear_pointer (&plan, dl_import_plan_free);
      return;
    }
  /* the month changed meanwhile: this plan compared the wrong one */
  if (self->replan && plan != NULL)
    {
      self->replan = FALSE;
      dl_import_plan_free (plan);
      start_plan (self);
      return;
    }
  self->replan = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dl_import_assistant_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->plan, dl_import_plan_free);
  self->plan = plan;
  dl_import_assistant_fill_report (self);
}

static void
on_check_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  DlImportAssistant *self = DL_IMPORT_ASSISTANT (source);
  g_autoptr(GError) error = NULL;
  DlImportResult *checked = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), TRUE);
  if (checked == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dl_import_assistant_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->result, dl_import_result_free);
  g_clear_pointer (&self->plan, dl_import_plan_free);
  self->result = checked;
  {
    CheckJob *job = g_task_get_task_data (G_TASK (result));

    g_free (self->user_guess);
    self->user_guess = g_steal_pointer (&job->user_guess);
    self->user_guess_in_file = job->user_guess_in_file;
    self->user_guess_row = job->user_guess_row;
  }
  guess_period (self);
  start_plan (self);
}

/* What would change, read in a worker too: at a million members it
 * reads every one of them; the buttons wait for it.  The month decides
 * which figures the rows are compared with. */
static void
start_plan (DlImportAssistant *self)
{
  /* the worker reads the result: the month is changed after it */
  if (self->planning)
    {
      self->replan = TRUE;
      return;
    }
  self->result->period = self->period;
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  self->planning = TRUE;
  dl_store_plan_import_async (self->store, self->result, self->cancellable, on_plan_done_cb, g_object_ref (self));
}

void
dl_import_assistant_start_check (DlImportAssistant *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  /* the plan's worker still reads the result a new check would replace */
  if (self->planning || !dl_import_assistant_check_mapping (self))
    return;

  job = g_new0 (CheckJob, 1);
  job->table = self->table;
  job->mapping = dl_csv_mapping_new (self->mapping->n_columns);
  for (guint c = 0; c < self->mapping->n_columns; c++)
    job->mapping->columns[c] = self->mapping->columns[c];
  switch (adw_combo_row_get_selected (self->date_order_row))
    {
    case 1:
      job->order = DL_DATE_ORDER_DMY;
      break;
    case 2:
      job->order = DL_DATE_ORDER_MDY;
      break;
    default:
      job->order = dl_csv_guess_date_order (self->table, self->mapping, NULL, NULL);
      break;
    }
  job->policy = adw_combo_row_get_selected (self->sponsor_row) == 1 ? DL_UNKNOWN_SPONSOR_NONE
                                                                     : DL_UNKNOWN_SPONSOR_USER;
  job->path = g_strdup (dl_store_get_path (self->store));

  /* who the user is, while the store cannot tell (and has a profile to
   * keep the answer in): the report asks */
  {
    g_autoptr(DlProfile) profile = dl_store_get_profile (self->store);

    job->guess_user = profile != NULL && dl_store_import_needs_user (self->store);
  }

  /* the worker reads the table: nothing may replace it meanwhile */
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  task = g_task_new (self, self->cancellable, on_check_done_cb, NULL);
  g_task_set_task_data (task, job, check_job_free);
  g_task_run_in_thread (task, check_thread);
}

/* The month row's choices; once, at init. */
void
dl_import_assistant_report_init (DlImportAssistant *self)
{
  fill_period_choices (self);
  g_signal_connect_object (self->period_row, "notify::selected",
                           G_CALLBACK (on_period_selected_cb), self, 0);
}

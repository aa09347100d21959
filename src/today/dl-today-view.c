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
#include <string.h>

#include "dl-notifier.h"
#include "dl-today-actions.h"
#include "dl-today-ics.h"
#include "dl-today-row.h"
#include "dl-today-view.h"
#include "dl-undo-stack.h"

/* Seconds between the window showing and the catch-up reminders: the
 * list is on screen already, the notifications can wait a moment. */
#define CATCH_UP_DELAY 10

/* Rows a roll-up shows when opened. */
#define ROLLUP_PAGE 50

struct _DlTodayView
{
  GtkWidget      parent_instance;

  DlStore       *store;
  DlTodayModel  *model;
  DlNotifier    *notifier;
  GtkWidget     *plan_group;
  GtkWidget     *plan_list;
  GtkWidget     *rollup_group;
  GtkWidget     *week_group;
  GtkSpinButton *capacity_spin;
  /* AdwExpanderRow for each kind of task, in the plan's order, hidden
   * where nothing rolled up; AdwActionRow for each day of the coming
   * week.  Made once, in build_plan ().  Kept across refreshes
   * and given new words: made again after every edit, they were two
   * thirds of the main loop's work after adding a member. */
  GtkWidget     *rollup_rows[DL_TASK_N_KINDS];
  GtkWidget     *week_rows[DL_TODAY_WEEK_DAYS];
  DlUndoStack   *undo_stack;     /* the window's; NULL: nothing can be undone */
  char          *last_uri;       /* the last way of reaching out opened */
  gboolean       no_launch;      /* tests: build the address, open nothing */
  gboolean       banner_dismissed;

  GtkRevealer   *banner_revealer;
  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *empty_page;
  GtkBox        *sections_box;
  GtkLabel      *progress_label;
  GtkProgressBar *progress_bar;
};

G_DEFINE_FINAL_TYPE (DlTodayView, dl_today_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SHOW_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_message (DlTodayView *self,
              const char  *text)
{
  if (self->undo_stack != NULL)
    dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_NORMAL, text);
}

/* The change goes on the window's undo stack, whose toast says title
 * and undoes exactly this change (so does Ctrl+Z while it is the
 * newest). */
static void
push_undo (DlTodayView *self,
           const char  *title,
           DlTodayUndo *undo)
{
  if (self->undo_stack == NULL || self->store == NULL)
    {
      dl_today_undo_free (undo);
      return;
    }

  dl_today_undo_push (self->undo_stack, self->store, title, undo);
}

static void
toast_error (DlTodayView  *self,
             const GError *error)
{
  if (self->undo_stack != NULL)
    dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_ERROR, error->message);
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
  push_undo (self, title, undo);
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
  push_undo (self, title, undo);
}

static void
on_row_show_cb (DlTodayRow *row,
                const char *view,
                gpointer    user_data)
{
  DlTodayView *self = user_data;

  /* "letters/check-in": the Letters view, on that letter */
  {
    g_autofree char *name = g_strndup (view, strcspn (view, "/"));

    gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", name);
  }
  g_signal_emit (self, signals[SHOW_PERSON], 0,
                 dl_today_item_get_person_id (dl_today_row_get_item (row)), view);
}

static const struct { const char *way; DlContactKind kind; } reach_ways[] = {
  { "call", DL_CONTACT_CALL },
  { "sms", DL_CONTACT_MESSAGE },
  { "whatsapp", DL_CONTACT_MESSAGE },
  { "email", DL_CONTACT_EMAIL },
};

/* wa.me wants the number in international form, digits only. */
static char *
whatsapp_uri (const char *phone,
              const char *name)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *first = g_strdup (name);
  g_autofree char *greeting = NULL;
  g_autofree char *escaped = NULL;
  char *space = strchr (first, ' ');

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (space != NULL)
    *space = '\0';
  /* Translators: the short greeting a WhatsApp message starts with; %s is a first name */
  greeting = g_strdup_printf (_("Hi %s, "), first);
  escaped = g_uri_escape_string (greeting, NULL, FALSE);
  return g_strdup_printf ("https://wa.me/%s?text=%s", digits->str, escaped);
}

char *
dl_today_view_reach_uri (const char *way,
                         const char *phone,
                         const char *email,
                         const char *name)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (way != NULL, NULL);

  if (g_str_equal (way, "email"))
    {
      if (email == NULL || email[0] == '\0')
        return NULL;
      escaped = g_uri_escape_string (email, "@", FALSE);
      return g_strconcat ("mailto:", escaped, NULL);
    }
  if (phone == NULL || phone[0] == '\0')
    return NULL;
  if (g_str_equal (way, "whatsapp"))
    return whatsapp_uri (phone, name != NULL ? name : "");
  escaped = g_uri_escape_string (phone, "+", FALSE);
  return g_strconcat (g_str_equal (way, "sms") ? "sms:" : "tel:", escaped, NULL);
}

/* Reaching out opens the phone, messenger or mail app and logs the
 * contact at once: the log is the part that can be undone. */
static void
on_row_reach_cb (DlTodayRow *row,
                 const char *way,
                 gpointer    user_data)
{
  DlTodayView *self = user_data;
  DlTodayItem *item = dl_today_row_get_item (row);
  g_autoptr(DlPerson) person = dl_store_get_person (self->store, dl_today_item_get_person_id (item));
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *title = NULL;
  DlContactKind kind = DL_CONTACT_CALL;
  DlTodayUndo *undo;

  if (person == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (reach_ways); i++)
    if (g_str_equal (way, reach_ways[i].way))
      kind = reach_ways[i].kind;
  uri = dl_today_view_reach_uri (way, dl_person_get_phone (person), dl_person_get_email (person),
                                 dl_person_get_name (person));
  if (uri == NULL)
    return;
  g_free (self->last_uri);
  self->last_uri = g_steal_pointer (&uri);
  if (!self->no_launch && !g_app_info_launch_default_for_uri (self->last_uri, NULL, &error))
    {
      toast_error (self, error);
      return;
    }

  undo = dl_today_log_contact (self->store, dl_today_item_get_person_id (item), kind, NULL,
                               dl_today_item_get_reason (item), &error);
  if (undo == NULL)
    {
      toast_error (self, error);
      return;
    }
  /* Translators: a toast; %s is a person's name */
  title = g_strdup_printf (_("Contact with %s logged"), dl_today_item_get_name (item));
  push_undo (self, title, undo);
}

/* "Done, no contact needed": set aside until the next check-in would
 * come (a week for a follow-up or a member without a rhythm). */
static void
on_row_dismiss_cb (DlTodayRow *row,
                   gpointer    user_data)
{
  DlTodayView *self = user_data;
  DlTodayItem *item = dl_today_row_get_item (row);
  const DlDayPlan *plan = dl_today_model_get_day_plan (self->model);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint days = 7;
  DlTodayUndo *undo;

  for (guint i = 0; i < plan->tasks->len; i++)
    {
      const DlTask *t = &g_array_index (plan->tasks, DlTask, i);

      if (t->person_id == dl_today_item_get_person_id (item) && t->cadence_days > 0)
        days = t->cadence_days;
    }
  undo = dl_today_snooze (self->store, dl_today_item_get_person_id (item),
                          dl_today_model_get_today (self->model) + days, &error);
  if (undo == NULL)
    {
      toast_error (self, error);
      return;
    }
  /* Translators: a toast; %s is a person's name */
  title = g_strdup_printf (_("%s marked done, no contact needed"), dl_today_item_get_name (item));
  push_undo (self, title, undo);
}

/* The phone and e-mail a row says and offers, as the store has them. */
static void
row_read_contact (DlTodayView *self,
                  DlTodayRow  *row)
{
  g_autoptr(DlPerson) person = NULL;

  if (self->store == NULL)
    return;
  person = dl_store_get_person (self->store, dl_today_item_get_person_id (dl_today_row_get_item (row)));
  if (person != NULL)
    dl_today_row_set_contact (row, dl_person_get_phone (person), dl_person_get_email (person));
}

/* Every row at or below widget of person_id (0: every row) reads its
 * contact again: the plan's and the opened catch-ups'. */
static void
reread_contacts (DlTodayView *self,
                 GtkWidget   *widget,
                 gint64       person_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (DL_IS_TODAY_ROW (child))
        {
          if (person_id == 0 || dl_today_item_get_person_id (dl_today_row_get_item (DL_TODAY_ROW (child))) == person_id)
            row_read_contact (self, DL_TODAY_ROW (child));
        }
      else
        reread_contacts (self, child, person_id);
    }
}

/* A phone or an e-mail edited: the rows say and offer the new one (the
 * plan keeps its rows when only a person's details change). */
static void
on_store_changed_cb (DlTodayView   *self,
                     DlStoreEntity  entity,
                     gint64         id,
                     DlStore       *store)
{
  if (entity == DL_STORE_ENTITY_PEOPLE)
    reread_contacts (self, GTK_WIDGET (self), id);
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
  g_signal_connect_object (row, "reach", G_CALLBACK (on_row_reach_cb), self, 0);
  g_signal_connect_object (row, "dismiss", G_CALLBACK (on_row_dismiss_cb), self, 0);
  row_read_contact (self, DL_TODAY_ROW (row));
  return row;
}

/* A roll-up's tasks, made when it is first opened, and the DlRollup
 * its title says, to tell when they are out of date. */
typedef struct
{
  DlRollup   shown;
  DlDay      day;        /* the day the tasks were made for */
  GPtrArray *children;   /* of DlTodayRow; NULL until opened */
} RollupData;

static void
rollup_data_free (gpointer data)
{
  RollupData *rd = data;

  g_clear_pointer (&rd->children, g_ptr_array_unref);
  g_free (rd);
}

static RollupData *
rollup_data (AdwExpanderRow *expander)
{
  return g_object_get_data (G_OBJECT (expander), "dl-rollup");
}

static void
fill_rollup (DlTodayView    *self,
             AdwExpanderRow *expander)
{
  RollupData *rd = rollup_data (expander);
  g_autoptr(GListModel) tasks = dl_today_model_list_rollup (self->model, rd->shown.kind);
  guint n = MIN (g_list_model_get_n_items (tasks), ROLLUP_PAGE);

  rd->children = g_ptr_array_new ();
  rd->day = dl_today_model_get_today (self->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (tasks, i);
      GtkWidget *row = create_row_cb (item, self);

      adw_expander_row_add_row (expander, row);
      g_ptr_array_add (rd->children, row);
    }
}

static void
empty_rollup (AdwExpanderRow *expander)
{
  RollupData *rd = rollup_data (expander);

  if (rd->children == NULL)
    return;
  for (guint i = 0; i < rd->children->len; i++)
    adw_expander_row_remove (expander, g_ptr_array_index (rd->children, i));
  g_clear_pointer (&rd->children, g_ptr_array_unref);
}

/* A roll-up opens on its first tasks, made when first opened. */
static void
on_rollup_expanded_cb (AdwExpanderRow *expander,
                       GParamSpec     *pspec,
                       DlTodayView    *self)
{
  if (adw_expander_row_get_expanded (expander) && rollup_data (expander)->children == NULL)
    fill_rollup (self, expander);
}

/* Whether the tasks an open roll-up shows are the plan's first of its
 * kind, for the day they were made for. */
static gboolean
rollup_tasks_current (DlTodayView *self,
                      RollupData  *rd)
{
  const DlTask *tasks;
  guint n = 0;

  if (rd->children == NULL)
    return TRUE;
  if (rd->day != dl_today_model_get_today (self->model))
    return FALSE;
  tasks = dl_day_plan_get_rollup_tasks (dl_today_model_get_day_plan (self->model), rd->shown.kind, &n);
  if (MIN (n, ROLLUP_PAGE) != rd->children->len)
    return FALSE;
  for (guint i = 0; i < rd->children->len; i++)
    {
      DlTodayItem *item = dl_today_row_get_item (g_ptr_array_index (rd->children, i));

      if (dl_today_item_get_person_id (item) != tasks[i].person_id)
        return FALSE;
    }
  return TRUE;
}

/* The roll-up says r: its title, and its tasks made again if they were
 * shown (an open roll-up stays open, with the tasks of now: others of
 * its kind, or the same on a new day, which says how late each is). */
static void
set_rollup (DlTodayView    *self,
            AdwExpanderRow *expander,
            const DlRollup *r)
{
  RollupData *rd = rollup_data (expander);
  g_autofree char *text = NULL;

  if (rd->shown.count == r->count && rd->shown.per_day == r->per_day && rollup_tasks_current (self, rd))
    return;
  rd->shown = *r;
  text = dl_rollup_describe (r);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), text);
  if (rd->children != NULL)
    {
      empty_rollup (expander);
      if (adw_expander_row_get_expanded (expander))
        fill_rollup (self, expander);
    }
}

/* Nothing of its kind rolled up: the row is hidden, closed and emptied,
 * to open on the tasks of the day it comes back. */
static void
clear_rollup (AdwExpanderRow *expander)
{
  RollupData *rd = rollup_data (expander);

  gtk_widget_set_visible (GTK_WIDGET (expander), FALSE);
  if (rd->shown.count == 0)
    return;
  rd->shown.count = 0;
  rd->shown.per_day = 0;
  adw_expander_row_set_expanded (expander, FALSE);
  empty_rollup (expander);
}

static GtkWidget *
rollup_row_new (DlTodayView *self,
                DlTaskKind   kind)
{
  GtkWidget *row = adw_expander_row_new ();
  RollupData *rd = g_new0 (RollupData, 1);

  rd->shown.kind = kind;
  g_object_set_data_full (G_OBJECT (row), "dl-rollup", rd, rollup_data_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), _("Open to see who, most urgent first"));
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_rollup_expanded_cb), self, 0);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

static void
update_rollups (DlTodayView *self)
{
  const DlDayPlan *plan = dl_today_model_get_day_plan (self->model);
  gboolean shown[DL_TASK_N_KINDS] = { FALSE, };

  for (guint i = 0; i < plan->rollups->len; i++)
    {
      const DlRollup *r = &g_array_index (plan->rollups, DlRollup, i);

      g_return_if_fail (r->kind < DL_TASK_N_KINDS);
      set_rollup (self, ADW_EXPANDER_ROW (self->rollup_rows[r->kind]), r);
      gtk_widget_set_visible (self->rollup_rows[r->kind], TRUE);
      shown[r->kind] = TRUE;
    }
  for (guint k = 0; k < DL_TASK_N_KINDS; k++)
    if (!shown[k])
      clear_rollup (ADW_EXPANDER_ROW (self->rollup_rows[k]));
  gtk_widget_set_visible (self->rollup_group, plan->rollups->len > 0);
}

static void
set_row_text (AdwActionRow *row,
              const char   *title,
              const char   *subtitle)
{
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (row), subtitle) != 0)
    adw_action_row_set_subtitle (row, subtitle);
}

static void
update_week (DlTodayView *self)
{
  const DlDayPlan *plan = dl_today_model_get_day_plan (self->model);
  DlDay today = dl_today_model_get_today (self->model);
  gboolean any_week = FALSE;

  for (guint d = 0; d < DL_TODAY_WEEK_DAYS; d++)
    {
      g_autoptr(GString) what = NULL;
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *title = NULL;
      int y, m, dd;

      gtk_widget_set_visible (self->week_rows[d], plan->week[d] > 0);
      if (plan->week[d] == 0)
        continue;
      what = g_string_new (NULL);
      for (guint k = 0; k < DL_TASK_N_KINDS; k++)
        if (plan->week_kinds[d][k] > 0)
          g_string_append_printf (what, "%s%s %u", what->len ? ", " : "", dl_task_kind_get_title (k),
                                  plan->week_kinds[d][k]);
      dl_day_to_ymd (today + d + 1, &y, &m, &dd);
      date = g_date_time_new_local (y, m, dd, 0, 0, 0);
      /* Translators: a day of the coming week, as in "Tuesday, 24 November" */
      title = g_date_time_format (date, _("%A, %-d %B"));
      set_row_text (ADW_ACTION_ROW (self->week_rows[d]), title, what->str);
      any_week = TRUE;
    }
  gtk_widget_set_visible (self->week_group, any_week);
}

static void
update_progress (DlTodayView *self)
{
  const DlDayPlan *plan = dl_today_model_get_day_plan (self->model);
  guint total = plan->tasks->len;
  guint done = plan->n_done;
  g_autofree char *text = NULL;
  g_autofree char *counts = dl_day_plan_describe_counts (plan);

  if (total > 0 && done == total)
    text = g_strdup (_("All done for today"));
  else
    /* Translators: "3 of 15 done" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", total),
                            done, total);
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->plan_group),
                                         counts[0] != '\0' ? counts : NULL);
  gtk_widget_set_visible (self->plan_group, total > 0);
  /* the capacity chosen, not the plan's: a plan for the new one may
   * still be on its way, and the spin must not jump back meanwhile */
  if (gtk_spin_button_get_value_as_int (self->capacity_spin) != (int) dl_today_model_get_capacity (self->model))
    gtk_spin_button_set_value (self->capacity_spin, dl_today_model_get_capacity (self->model));

  /* the first plan waits for the downline, read in a thread: an empty
   * list now would say nobody is due */
  gtk_spinner_set_spinning (self->spinner, dl_today_model_get_loading (self->model));
  if (dl_today_model_get_loading (self->model))
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  if (total == 0 && plan->rollups->len == 0)
    {
      /* nobody yet besides the user: say how to begin, not "all caught up" */
      if (self->store != NULL && !dl_store_has_business (self->store))
        {
          gtk_stack_set_visible_child_name (self->stack, "start");
          return;
        }
      adw_status_page_set_description (self->empty_page,
                                       _("Nobody is due today. New members and follow-ups will show up here when their day comes."));
    }
  gtk_stack_set_visible_child_name (self->stack, total == 0 && plan->rollups->len == 0 ? "empty" : "list");
}

static void
on_model_refreshed_cb (DlTodayView *self)
{
  update_progress (self);
  update_rollups (self);
  update_week (self);
}

/* The view shows model's plan (the store's shared one, or an empty one
 * with no store). */
static void
use_model (DlTodayView  *self,
           DlTodayModel *model)
{
  if (self->model == model)
    return;
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  g_signal_connect_object (self->model, "refreshed", G_CALLBACK (on_model_refreshed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (on_model_refreshed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (GTK_LIST_BOX (self->plan_list), dl_today_model_get_plan (self->model),
                           create_row_cb, self, NULL);
  /* another file's roll-ups, closed: the new plan says its own */
  for (guint k = 0; k < DL_TASK_N_KINDS; k++)
    clear_rollup (ADW_EXPANDER_ROW (self->rollup_rows[k]));
  on_model_refreshed_cb (self);
}

static void
on_capacity_changed_cb (GtkSpinButton *spin,
                        DlTodayView   *self)
{
  guint capacity = (guint) gtk_spin_button_get_value_as_int (spin);

  if (capacity > 0 && capacity != dl_today_model_get_capacity (self->model))
    dl_today_model_set_capacity_for_today (self->model, capacity);
}

static void
update_banner (DlTodayView *self)
{
  gboolean show = self->notifier != NULL && !self->banner_dismissed
                  && !dl_notifier_get_available (self->notifier);

  gtk_revealer_set_reveal_child (self->banner_revealer, show);
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
  show_message (self, title);
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
build_plan (DlTodayView *self)
{
  GtkWidget *capacity_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *capacity_label = gtk_label_new_with_mnemonic (_("_Contacts today"));

  self->plan_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->plan_group), _("Today’s Plan"));
  self->capacity_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 200, 1));
  gtk_widget_set_valign (GTK_WIDGET (self->capacity_spin), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->capacity_spin),
                               _("How many contacts to plan for today; Preferences set the usual number"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (capacity_label), GTK_WIDGET (self->capacity_spin));
  gtk_widget_add_css_class (capacity_label, "dim-label");
  gtk_box_append (GTK_BOX (capacity_box), capacity_label);
  gtk_box_append (GTK_BOX (capacity_box), GTK_WIDGET (self->capacity_spin));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self->plan_group), capacity_box);
  g_signal_connect_object (self->capacity_spin, "value-changed", G_CALLBACK (on_capacity_changed_cb), self, 0);

  self->plan_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->plan_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->plan_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plan_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Today’s Plan"), -1);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->plan_group), self->plan_list);
  gtk_box_append (self->sections_box, self->plan_group);

  self->rollup_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->rollup_group), _("Catching Up"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->rollup_group),
                                         _("What did not fit today, summed up instead of piling up"));
  for (guint k = 0; k < DL_TASK_N_KINDS; k++)
    {
      self->rollup_rows[k] = rollup_row_new (self, k);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->rollup_group), self->rollup_rows[k]);
    }
  gtk_box_append (self->sections_box, self->rollup_group);

  self->week_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->week_group), _("Coming This Week"));
  for (guint d = 0; d < DL_TODAY_WEEK_DAYS; d++)
    {
      self->week_rows[d] = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->week_rows[d]), FALSE);
      gtk_widget_set_visible (self->week_rows[d], FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->week_group), self->week_rows[d]);
    }
  gtk_box_append (self->sections_box, self->week_group);
}

static void
dl_today_view_dispose (GObject *object)
{
  DlTodayView *self = DL_TODAY_VIEW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_TODAY_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->last_uri, g_free);
  if (self->notifier != NULL)
    g_signal_handlers_disconnect_by_data (self->notifier, self);
  g_clear_object (&self->notifier);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->undo_stack);

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
    case PROP_UNDO_STACK:
      g_value_set_object (value, self->undo_stack);
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
    case PROP_UNDO_STACK:
      g_set_object (&self->undo_stack, g_value_get_object (value));
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
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, DL_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_PERSON] = g_signal_new ("show-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                       G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/today/dl-today-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, stack);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, DlTodayView, progress_bar);

  gtk_widget_class_install_action (widget_class, "today.dismiss-banner", NULL, dismiss_banner_activated);
  gtk_widget_class_install_action (widget_class, "today.export-calendar", NULL, export_calendar_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dl_today_view_init (DlTodayView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  build_plan (self);
  {
    g_autoptr(DlTodayModel) empty = dl_today_model_new (NULL);

    use_model (self, empty);
  }
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

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  {
    g_autoptr(DlTodayModel) model = store != NULL ? dl_today_model_get_for_store (store)
                                                  : dl_today_model_new (NULL);

    use_model (self, model);
  }

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
  GListModel *plan;
  guint n;

  g_return_val_if_fail (DL_IS_TODAY_VIEW (self), FALSE);

  plan = dl_today_model_get_plan (self->model);
  n = g_list_model_get_n_items (plan);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (plan, i);
      GtkListBoxRow *row;

      if (dl_today_item_get_person_id (item) != person_id)
        continue;
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (self->plan_list), i);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  return FALSE;
}

const char *
dl_today_view_get_last_uri (DlTodayView *self)
{
  g_return_val_if_fail (DL_IS_TODAY_VIEW (self), NULL);
  return self->last_uri;
}

void
dl_today_view_set_launch_uris (DlTodayView *self,
                               gboolean     launch)
{
  g_return_if_fail (DL_IS_TODAY_VIEW (self));
  self->no_launch = !launch;
}

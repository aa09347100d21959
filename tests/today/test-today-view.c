/* test-today-view.c — the Today view under Xvfb: rows, log, snooze, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the real widgets: the log popover's button, the snooze
 * popover's action, the toast's Undo action; checks the store after each.
 *
 * With DL_SCREENSHOT_DIR set, saves today-1000.png and today-360.png there.
 */

#include "config.h"

#include <adwaita.h>

#include "downline-resources.h"
#include "dl-notifier.h"
#include "dl-store-sample.h"
#include "dl-today-log-popover.h"
#include "dl-today-model.h"
#include "dl-today-preferences.h"
#include "dl-today-row.h"
#include "dl-today-snooze-popover.h"
#include "dl-today-view.h"
#include "dl-undo-toasts.h"
#include "../dl-test-widgets.h"
#include "private-bus.h"
#include "today-fixture.h"

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs what is pending, then lets a quarter of a second pass as a
 * person's next click would: the toasts' animations run their course.
 * (Back to back within one frame, libadwaita 1.2's toast overlay can
 * free a toast twice and crash; no person clicks that fast, and the
 * test is about what they see.) */
static void
run_until_idle (void)
{
  gboolean done = FALSE;

  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  g_timeout_add (250, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 guint      skip)
{
  guint seen = 0;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, widget);
  while (!g_queue_is_empty (&queue))
    {
      GtkWidget *w = g_queue_pop_head (&queue);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && seen++ == skip)
        {
          g_queue_clear (&queue);
          return w;
        }
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  return NULL;
}

static guint
count_rows (GtkWidget *view)
{
  guint n = 0;

  while (find_descendant (view, DL_TYPE_TODAY_ROW, n) != NULL)
    n++;
  return n;
}

/* The roll-up row on show (one for each kind of task is kept, hidden
 * while nothing of its kind rolls up). */
static AdwExpanderRow *
shown_expander (GtkWidget *view)
{
  GtkWidget *w;

  for (guint i = 0; (w = find_descendant (view, ADW_TYPE_EXPANDER_ROW, i)) != NULL; i++)
    if (gtk_widget_get_visible (w))
      return ADW_EXPANDER_ROW (w);
  return NULL;
}

static guint
n_interactions (TodayFixture *f,
                gint64        person)
{
  g_autoptr(GListModel) log = dl_store_get_interactions (f->store, person);

  return g_list_model_get_n_items (log);
}

static DlTodayRow *
plan_row (GtkWidget *view,
          guint      n)
{
  return DL_TODAY_ROW (find_descendant (view, DL_TYPE_TODAY_ROW, n));
}

static DlTaskState
row_state (DlTodayRow *row)
{
  DlTaskState state = DL_TASK_OPEN;

  dl_today_item_get_task (dl_today_row_get_item (row), NULL, &state);
  return state;
}

/* The plan, not a list of everyone due: Dan (joined yesterday) is owed a
 * welcome and comes first; Bea's check-in is 6 days late; Cal's is 16
 * days late on a 14-day rhythm, so it expired into the catch-up line;
 * Eli is due in 4 days, in the week.  Logging keeps the row in place,
 * marked done; every action undoes from its toast, the newest with
 * Ctrl+Z. */
static void
test_view (TodayFixture  *f,
           gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *view;
  DlTodayRow *row;
  GtkWidget *popover;
  GtkLabel *progress;
  g_autoptr(DlUndoStack) undo = NULL;
  gint64 bea, cal, dan, eli;

  bea = today_add_member (f, "Bea", f->user, 200, 20);
  cal = today_add_member (f, "Cal", f->user, 200, 30);
  eli = today_add_member (f, "Eli", f->user, 300, 10);
  dan = today_add_member (f, "Dan", f->user, 1, -1);
  {
    g_autoptr(DlPerson) person = dl_store_get_person (f->store, dan);
    g_autoptr(GError) error = NULL;

    dl_person_set_phone (person, "+34 600 111 222");
    dl_person_set_email (person, "dan@example.com");
    g_assert_true (dl_store_update_person (f->store, person, &error));
    g_assert_no_error (error);
  }

  /* hosted as the window hosts it: an undo stack shown as toasts in an
   * overlay above the view */
  undo = dl_undo_stack_new ();
  view = g_object_new (DL_TYPE_TODAY_VIEW, "undo-stack", undo, "store", f->store, NULL);
  dl_today_view_set_launch_uris (DL_TODAY_VIEW (view), FALSE);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  {
    GtkWidget *overlay = adw_toast_overlay_new ();

    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), view);
    dl_undo_toasts_attach (undo, ADW_TOAST_OVERLAY (overlay));
    gtk_window_set_child (GTK_WINDOW (window), overlay);
  }
  gtk_window_present (GTK_WINDOW (window));
  /* the downline is read in a thread: until then Today says it is
   * reading, never "All Caught Up" */
  {
    GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (view, DL_TYPE_TODAY_VIEW, "stack"));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
    g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (gtk_widget_get_template_child (view, DL_TYPE_TODAY_VIEW,
                                                                                         "spinner"))));
    run_until_idle ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
    g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (gtk_widget_get_template_child (view, DL_TYPE_TODAY_VIEW,
                                                                                          "spinner"))));
  }

  g_assert_cmpuint (count_rows (view), ==, 2);
  /* one plan per store: the notifier's is the view's, so a change is
   * planned once, not once for each */
  {
    g_autoptr(DlNotifier) notifier = dl_notifier_get_for_store (f->store);

    g_assert_true (dl_notifier_get_model (notifier) == dl_today_view_get_model (DL_TODAY_VIEW (view)));
  }
  row = plan_row (view, 0);
  g_assert_cmpstr (dl_today_item_get_name (dl_today_row_get_item (row)), ==, "Dan Test");
  g_assert_cmpstr (dl_today_item_get_reason (dl_today_row_get_item (row)), ==,
                   "Joined yesterday — welcome them within 72 hours (2 days left)");
  g_assert_cmpstr (dl_today_row_get_subtitle (row), ==,
                   "Joined yesterday — welcome them within 72 hours (2 days left)\n+34 600 111 222 · dan@example.com");
  /* Reach offers what Dan can be reached by, in its popover (made when
   * first opened); once his phone is gone, only e-mail; with it back,
   * the menu made before offers Call again */
  {
    const char *phones[] = { "+34 600 111 222", NULL, "+34 600 111 222" };
    g_autoptr(DlPerson) person = dl_store_get_person (f->store, dan);

    for (guint k = 0; k < G_N_ELEMENTS (phones); k++)
      {
        g_autoptr(GError) error = NULL;
        GtkWidget *reach;
        GtkWidget *menu;

        if (k > 0)
          {
            dl_person_set_phone (person, phones[k]);
            g_assert_true (dl_store_update_person (f->store, person, &error));
            g_assert_no_error (error);
            run_until_idle ();
          }
        row = plan_row (view, 0);
        g_assert_true (g_str_has_suffix (dl_today_row_get_subtitle (row),
                                         phones[k] != NULL ? "\n+34 600 111 222 · dan@example.com"
                                                           : "\ndan@example.com"));
        reach = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), DL_TYPE_TODAY_ROW, "reach_button"));
        g_assert_true (gtk_widget_get_visible (reach));
        gtk_menu_button_popup (GTK_MENU_BUTTON (reach));
        run_until_idle ();
        menu = find_descendant (reach, GTK_TYPE_POPOVER_MENU, 0);
        g_assert_nonnull (menu);
        if (menu == NULL)
          goto out;
        g_assert_true ((dl_test_find_menu_item (menu, "Call") != NULL) == (phones[k] != NULL));
        g_assert_true ((dl_test_find_menu_item (menu, "WhatsApp") != NULL) == (phones[k] != NULL));
        g_assert_nonnull (dl_test_find_menu_item (menu, "E-Mail"));
        gtk_menu_button_popdown (GTK_MENU_BUTTON (reach));
        run_until_idle ();
      }
  }
  row = plan_row (view, 1);
  g_assert_cmpstr (dl_today_item_get_name (dl_today_row_get_item (row)), ==, "Bea Test");
  progress = GTK_LABEL (gtk_widget_get_template_child (view, DL_TYPE_TODAY_VIEW, "progress_label"));
  g_assert_cmpstr (gtk_label_get_text (progress), ==, "0 of 2 done");

  /* Ctrl+L's action opens the log popover; its button logs a call */
  gtk_widget_activate_action (GTK_WIDGET (row), "row.log", NULL);
  run_until_idle ();
  popover = find_descendant (GTK_WIDGET (row), DL_TYPE_TODAY_LOG_POPOVER, 0);
  g_assert_nonnull (popover);
  if (popover == NULL)
    goto out;
  gtk_editable_set_text (GTK_EDITABLE (find_descendant (popover, GTK_TYPE_ENTRY, 0)), "Talked about the launch");
  g_signal_emit_by_name (find_descendant (popover, GTK_TYPE_BUTTON, 0), "clicked");
  run_until_idle ();
  g_assert_cmpuint (n_interactions (f, bea), ==, 2);
  /* Bea stays in her place, done; nothing moved up */
  g_assert_cmpuint (count_rows (view), ==, 2);
  row = plan_row (view, 1);
  g_assert_cmpstr (dl_today_item_get_name (dl_today_row_get_item (row)), ==, "Bea Test");
  g_assert_cmpint (row_state (row), ==, DL_TASK_DONE);
  g_assert_cmpstr (gtk_label_get_text (progress), ==, "1 of 2 done");

  /* the toast's Undo button takes the call back out */
  {
    GtkWidget *button = dl_test_find_toast_button (window, "Contact with Bea Test logged");

    g_assert_nonnull (button);
    if (button == NULL)
      goto out;
    dl_test_click_toast_button (button);
  }
  run_until_idle ();
  g_assert_cmpuint (n_interactions (f, bea), ==, 1);
  g_assert_cmpint (row_state (plan_row (view, 1)), ==, DL_TASK_OPEN);
  g_assert_cmpstr (gtk_label_get_text (progress), ==, "0 of 2 done");

  /* WhatsApp from Dan's row: the wa.me address with a greeting, and the
   * contact logged; Ctrl+Z's action takes the log back */
  row = plan_row (view, 0);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.reach", "s", "whatsapp");
  run_until_idle ();
  g_assert_cmpstr (dl_today_view_get_last_uri (DL_TODAY_VIEW (view)), ==, "https://wa.me/34600111222?text=Hi%20Dan%2C%20");
  g_assert_cmpuint (n_interactions (f, dan), ==, 1);
  g_assert_cmpint (row_state (plan_row (view, 0)), ==, DL_TASK_DONE);
  dl_undo_stack_undo_last (undo, NULL);
  run_until_idle ();
  g_assert_cmpuint (n_interactions (f, dan), ==, 0);
  g_assert_cmpint (row_state (plan_row (view, 0)), ==, DL_TASK_OPEN);
  gtk_widget_activate_action (GTK_WIDGET (plan_row (view, 0)), "row.reach", "s", "call");
  run_until_idle ();
  g_assert_cmpstr (dl_today_view_get_last_uri (DL_TODAY_VIEW (view)), ==, "tel:+34%20600%20111%20222");
  dl_undo_stack_undo_last (undo, NULL);
  run_until_idle ();
  g_assert_cmpuint (n_interactions (f, dan), ==, 0);

  /* "done, no contact needed" on Bea: set aside for her 14 days, undone */
  row = plan_row (view, 1);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.dismiss", NULL);
  run_until_idle ();
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, bea);

    g_assert_cmpint (dl_member_get_snoozed_until (member), ==, f->today + 14);
  }
  g_assert_cmpint (row_state (plan_row (view, 1)), ==, DL_TASK_CLEARED);
  g_assert_cmpstr (gtk_label_get_text (progress), ==, "1 of 2 done");
  dl_undo_stack_undo_last (undo, NULL);
  run_until_idle ();
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, bea);

    g_assert_cmpint (dl_member_get_snoozed_until (member), ==, DL_DAY_NONE);
  }

  /* snoozing Dan for 3 days through the popover, then Undo */
  row = plan_row (view, 0);
  gtk_widget_activate_action (GTK_WIDGET (row), "row.snooze", NULL);
  run_until_idle ();
  popover = find_descendant (GTK_WIDGET (row), DL_TYPE_TODAY_SNOOZE_POPOVER, 0);
  g_assert_nonnull (popover);
  if (popover == NULL)
    goto out;
  gtk_widget_activate_action (popover, "snooze.days", "i", 3);
  run_until_idle ();
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, dan);

    g_assert_cmpint (dl_member_get_snoozed_until (member), ==, dl_day_today () + 3);
  }
  g_assert_cmpint (row_state (plan_row (view, 0)), ==, DL_TASK_CLEARED);
  dl_undo_stack_undo_last (undo, NULL);
  run_until_idle ();
  {
    g_autoptr(DlMember) member = dl_store_get_member (f->store, dan);

    g_assert_cmpint (dl_member_get_snoozed_until (member), ==, DL_DAY_NONE);
  }

  /* the catch-up line opens on Cal */
  {
    AdwExpanderRow *expander = shown_expander (view);
    gint64 fay;

    g_assert_nonnull (expander);
    if (expander == NULL)
      goto out;
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==,
                     "1 more check-in is overdue — catch up 1 a day");
    adw_expander_row_set_expanded (expander, TRUE);
    run_until_idle ();
    g_assert_cmpuint (count_rows (GTK_WIDGET (expander)), ==, 1);
    row = DL_TODAY_ROW (find_descendant (GTK_WIDGET (expander), DL_TYPE_TODAY_ROW, 0));
    g_assert_nonnull (row);
    if (row != NULL)
      g_assert_cmpint (dl_today_item_get_person_id (dl_today_row_get_item (row)), ==, cal);

    /* Fay, as late, joins the line: the same row, still open, says two
     * and shows both (made again, the rows would close under the
     * person reading them) */
    fay = today_add_member (f, "Fay", f->user, 200, 31);
    run_until_idle ();
    g_assert_true (shown_expander (view) == expander);
    g_assert_true (adw_expander_row_get_expanded (expander));
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)),
                                     "2 more check-ins are overdue"));
    g_assert_cmpuint (count_rows (GTK_WIDGET (expander)), ==, 2);
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (dl_store_delete_person (f->store, fay, &error));
      g_assert_no_error (error);
    }
    run_until_idle ();
    g_assert_true (shown_expander (view) == expander);
    g_assert_cmpuint (count_rows (GTK_WIDGET (expander)), ==, 1);

    /* Gus falls as late as Cal is called, in one refresh: still one,
     * but Gus now */
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlInteraction) call = NULL;
      gint64 gus = today_add_member (f, "Gus", f->user, 200, 31);

      call = dl_store_add_interaction (f->store, cal, DL_CONTACT_CALL, NULL, "Caught up", &error);
      g_assert_no_error (error);
      run_until_idle ();
      g_assert_true (shown_expander (view) == expander);
      g_assert_true (adw_expander_row_get_expanded (expander));
      g_assert_cmpuint (count_rows (GTK_WIDGET (expander)), ==, 1);
      row = DL_TODAY_ROW (find_descendant (GTK_WIDGET (expander), DL_TYPE_TODAY_ROW, 0));
      g_assert_nonnull (row);
      if (row != NULL)
        g_assert_cmpint (dl_today_item_get_person_id (dl_today_row_get_item (row)), ==, gus);
    }
  }

  /* "Open" on a reminder lands on the person's row; Eli is not today's */
  g_assert_true (dl_today_view_focus_person (DL_TODAY_VIEW (view), bea));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (DL_IS_TODAY_ROW (focus));
    if (DL_IS_TODAY_ROW (focus))
      g_assert_cmpint (dl_today_item_get_person_id (dl_today_row_get_item (DL_TODAY_ROW (focus))), ==, bea);
  }
  g_assert_false (dl_today_view_focus_person (DL_TODAY_VIEW (view), eli));
  g_assert_false (dl_today_view_focus_person (DL_TODAY_VIEW (view), 99999));

  /* one contact today, for today only: the plan holds one */
  {
    GtkSpinButton *spin = GTK_SPIN_BUTTON (find_descendant (view, GTK_TYPE_SPIN_BUTTON, 0));

    gtk_spin_button_set_value (spin, 1);
    run_until_idle ();
    g_assert_cmpuint (g_list_model_get_n_items (dl_today_model_get_plan (dl_today_view_get_model (DL_TODAY_VIEW (view)))),
                      ==, 1);
    g_assert_cmpstr (gtk_label_get_text (progress), ==, "0 of 1 done");
  }

out:
  dl_test_assert_last_ref (window);
}

/* Nobody at all yet: Today says how to begin.  Nobody due: the empty
 * state says so. */
static void
test_empty (TodayFixture  *f,
            gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *view;
  GtkStack *stack;

  view = dl_today_view_new (f->store);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  run_until_idle ();

  stack = GTK_STACK (gtk_widget_get_template_child (view, DL_TYPE_TODAY_VIEW, "stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "start");

  /* a member contacted yesterday, long past their welcome: nobody due */
  today_add_member (f, "Cy", f->user, 400, 1);
  run_until_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_widget_get_template_child (view, DL_TYPE_TODAY_VIEW,
                                                                                             "empty_page"))),
                   ==, "All Caught Up");

  today_add_member (f, "Bea", f->user, 200, 20);
  run_until_idle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  dl_test_assert_last_ref (window);
}

/* A view of the sample business, in a window of width. */
static GtkWidget *
show_narrow_view (DlStore    *store,
                  int         width,
                  GtkWindow **window)
{
  GtkWidget *view = dl_today_view_new (store);

  dl_today_view_set_launch_uris (DL_TODAY_VIEW (view), FALSE);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, width, 700);
  gtk_window_set_child (*window, view);
  gtk_window_present (*window);
  run_until_idle ();
  return view;
}

/* NARROW_VIEW_LIMIT: a phone's 360 pixels less what the window puts
 * around a view. */
#define NARROW_VIEW_LIMIT 340

/* Today fits a phone: with the sample business's rows, each with its
 * badges and five buttons, the view gets no wider than 340 pixels, the
 * rows' buttons going under the names; at 1000 pixels they stay beside
 * them, as AdwActionRow has them. */
static void
test_narrow (TodayFixture  *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "sample.db", NULL);
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = NULL;
  GtkWidget *view;
  DlTodayRow *row;
  int min = 0;
  guint n;

  /* the sample business, as a person trying Downline first sees it,
   * with the day's plan of the default size, not the one the view's
   * test chose */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_reset (settings, "today-capacity");
  }
  store = dl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 300, 3, f->today, NULL, &error));
  g_assert_no_error (error);

  view = show_narrow_view (store, 1000, &window);
  n = count_rows (view);
  g_assert_cmpuint (n, >=, 5);
  if (n == 0)
    goto out;
  for (guint i = 0; i < n; i++)
    g_assert_false (dl_today_row_get_stacked (plan_row (view, i)));
  /* the rows are the view's widest part: with the buttons beside the
   * names it could not be narrow */
  row = plan_row (view, 0);
  gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &min, NULL, NULL);
  g_assert_cmpint (min, >, NARROW_VIEW_LIMIT);
  dl_test_save_png (GTK_WIDGET (window), "today-1000.png");
  dl_test_assert_last_ref (window);

  view = show_narrow_view (store, 360, &window);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > NARROW_VIEW_LIMIT)
    dl_test_print_wide_widgets (view, NARROW_VIEW_LIMIT - 30, 0);
  g_assert_cmpint (min, <=, NARROW_VIEW_LIMIT);
  n = count_rows (view);
  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *more;
      graphene_rect_t bounds;

      row = plan_row (view, i);
      g_assert_true (dl_today_row_get_stacked (row));
      /* every button is inside its row, none cut off */
      more = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), DL_TYPE_TODAY_ROW, "more_button"));
      g_assert_true (gtk_widget_compute_bounds (more, GTK_WIDGET (row), &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (row)));
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (row)));
    }
  dl_test_save_png (GTK_WIDGET (window), "today-360.png");
out:
  dl_test_assert_last_ref (window);
}

/* "Start at login" on the Check-Ins page writes an XDG autostart entry
 * that runs the app in the background; off removes it. */
static void
test_autostart (void)
{
  g_autofree char *path = dl_notifier_get_autostart_path ();
  g_autofree char *expected_dir = g_build_filename (g_get_user_config_dir (), "autostart", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GKeyFile) entry = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *exec = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = dl_today_preferences_new ();
  GtkSwitch *sw;

  g_assert_cmpstr (dir, ==, expected_dir);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  run_until_idle ();
  sw = GTK_SWITCH (gtk_widget_get_template_child (page, DL_TYPE_TODAY_PREFERENCES, "login_switch"));
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  gtk_switch_set_active (sw, TRUE);
  run_until_idle ();
  g_assert_true (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_true (g_key_file_load_from_file (entry, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (entry, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (exec != NULL && g_str_has_suffix (exec, " --background"));
  g_assert_true (g_key_file_get_boolean (entry, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));

  gtk_switch_set_active (sw, FALSE);
  run_until_idle ();
  g_assert_false (g_settings_get_boolean (settings, "start-at-login"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* the cadence spin buttons write the settings the model reads */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (page, DL_TYPE_TODAY_PREFERENCES,
                                                                             "personal_spin")), 10);
  g_assert_cmpuint (g_settings_get_uint (settings, "cadence-personal-every"), ==, 10);
  g_settings_reset (settings, "cadence-personal-every");

  dl_test_assert_last_ref (window);
}

/* The state of person's welcome in the day plan, or -1 when the plan
 * holds no welcome for them. */
static int
welcome_state (DlTodayModel *model,
               gint64        person)
{
  GListModel *plan = dl_today_model_get_plan (model);

  for (guint i = 0; i < g_list_model_get_n_items (plan); i++)
    {
      g_autoptr(DlTodayItem) item = g_list_model_get_item (plan, i);
      DlTaskKind kind;
      DlTaskState state;

      if (dl_today_item_get_person_id (item) == person && dl_today_item_get_task (item, &kind, &state)
          && kind == DL_TASK_WELCOME)
        return state;
    }
  return -1;
}

/* "What Today plans": a switch row, activated as a person would, takes
 * its word in and out of today-kinds-off without touching the others,
 * and the model replans at once (the day's plan stays put, so the
 * welcome already planned is cleared, not dropped); the events' row
 * switches the whole
 * kind; "Contacts a day" writes the capacity the model plans with. */
static void
test_plan_preferences (TodayFixture  *f,
                       gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(DlTodayModel) model = NULL;
  g_auto(GStrv) off = NULL;
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = dl_today_preferences_new ();
  GtkWidget *welcome, *upline, *row;
  gint64 dan;

  /* what the view's test chose for today is not a preference */
  g_settings_reset (settings, "today-capacity");
  dan = today_add_member (f, "Dan", f->user, 1, -1);
  model = dl_today_model_new (f->store);
  dl_today_model_refresh (model);
  g_assert_cmpint (welcome_state (model, dan), ==, DL_TASK_OPEN);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (window));
  run_until_idle ();
  welcome = (GtkWidget *) gtk_widget_get_template_child (page, DL_TYPE_TODAY_PREFERENCES, "welcome_switch");
  upline = (GtkWidget *) gtk_widget_get_template_child (page, DL_TYPE_TODAY_PREFERENCES, "upline_welcome_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (welcome)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (upline)));

  /* the rows are titled for people, and each has a line saying what it is */
  row = find_titled_row (page, ADW_TYPE_ACTION_ROW, "_Upline welcomes");
  g_assert_nonnull (row);
  g_assert_true (row != NULL && gtk_widget_is_ancestor (upline, row));

  g_settings_set_strv (settings, "today-kinds-off", (const char *[]) { "rank-up", NULL });
  run_until_idle ();
  /* a switch moves at once, not at the end of its animation */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  row = gtk_widget_get_ancestor (welcome, ADW_TYPE_ACTION_ROW);
  adw_action_row_activate (ADW_ACTION_ROW (row));
  run_until_idle ();
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (welcome)));
  off = g_settings_get_strv (settings, "today-kinds-off");
  g_assert_cmpuint (g_strv_length (off), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) off, "rank-up"));
  g_assert_true (g_strv_contains ((const char * const *) off, "welcome"));
  /* the morning's welcome leaves the plan at once */
  g_assert_cmpint (welcome_state (model, dan), ==, -1);

  adw_action_row_activate (ADW_ACTION_ROW (row));
  run_until_idle ();
  g_clear_pointer (&off, g_strfreev);
  off = g_settings_get_strv (settings, "today-kinds-off");
  g_assert_cmpstrv (off, ((const char *[]) { "rank-up", NULL }));
  g_assert_cmpint (welcome_state (model, dan), ==, DL_TASK_OPEN);

  /* the sub-switch of a back-office event, and the events' own switch */
  gtk_switch_set_active (GTK_SWITCH (gtk_widget_get_template_child (page, DL_TYPE_TODAY_PREFERENCES,
                                                                    "rank_up_switch")), TRUE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (find_titled_row (page, ADW_TYPE_EXPANDER_ROW,
                                                                            "_Back-office events")), FALSE);
  g_clear_pointer (&off, g_strfreev);
  off = g_settings_get_strv (settings, "today-kinds-off");
  g_assert_cmpstrv (off, ((const char *[]) { "event", NULL }));

  /* a change made elsewhere shows on the switch */
  g_settings_set_strv (settings, "today-kinds-off", (const char *[]) { "upline-welcome", NULL });
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (upline)));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (welcome)));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (page, DL_TYPE_TODAY_PREFERENCES,
                                                                             "capacity_spin")), 4);
  run_until_idle ();
  g_assert_cmpuint (g_settings_get_uint (settings, "daily-capacity"), ==, 4);
  g_assert_cmpuint (dl_today_model_get_capacity (model), ==, 4);

  g_settings_reset (settings, "today-kinds-off");
  g_settings_reset (settings, "daily-capacity");
  dl_test_assert_last_ref (window);
}

int
main (int   argc,
      char *argv[])
{
  GSubprocess *daemon;
  g_autofree char *config = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  /* the autostart entry goes to a throw-away config folder */
  config = g_dir_make_tmp ("downline-today-config-XXXXXX", NULL);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* a bus with no notification server: the view must not mind */
  daemon = private_bus_up ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  downline_register_resource ();
  g_test_set_nonfatal_assertions ();
  /* the notifier has its own tests; here a slow run must not reach its
   * catch-up and warn that this bus has no notification server */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "notifications-enabled", FALSE);
  }

  g_test_add ("/today/view/log-snooze-undo", TodayFixture, NULL,
              today_fixture_set_up, test_view, today_fixture_tear_down);
  g_test_add ("/today/view/empty", TodayFixture, NULL,
              today_fixture_set_up, test_empty, today_fixture_tear_down);
  g_test_add ("/today/view/narrow", TodayFixture, NULL,
              today_fixture_set_up, test_narrow, today_fixture_tear_down);
  g_test_add_func ("/today/preferences/autostart", test_autostart);
  g_test_add ("/today/preferences/plan", TodayFixture, NULL,
              today_fixture_set_up, test_plan_preferences, today_fixture_tear_down);

  status = g_test_run ();
  private_bus_down (daemon);
  dl_test_remove_tree (config);
  return status;
}

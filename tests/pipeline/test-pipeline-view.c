/* test-pipeline-view.c — the board under Xvfb: a real drag with the
 * pointer, the keyboard twins, joining and "not now" through the
 * dialogs, quick add, and undo — each checked in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-pipeline-column.h"
#include "dl-pipeline-dialogs.h"
#include "dl-pipeline-stats.h"
#include "dl-pipeline-view-private.h"
#include "dl-store.h"
#include "downline-resources.h"

typedef struct
{
  char           *dir;
  DlStore        *store;
  GtkWindow      *window;
  DlPipelineView *view;
  gint64          stage[7];
  gint64          user_id;
} Fixture;

static void
run_until_idle (void)
{
  for (guint i = 0; i < 30; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
}

static gint64
add (Fixture    *f,
     const char *first_name,
     guint       stage)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(GError) error = NULL;

  dl_person_set_first_name (draft, first_name);
  prospect = dl_store_add_prospect (f->store, draft, f->stage[stage], &error);
  g_assert_no_error (error);

  return prospect ? dl_prospect_get_id (prospect) : 0;
}

static char *
names_in (Fixture *f,
          guint    stage)
{
  g_autoptr(GListModel) list = dl_store_get_prospects (f->store, f->stage[stage]);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlProspect) p = g_list_model_get_item (list, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, dl_person_get_first_name (dl_prospect_get_person (p)));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_names(f, stage, expected) \
  G_STMT_START { \
    g_autofree char *got_ = names_in ((f), (stage)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();

  f->dir = g_dir_make_tmp ("downline-pipeline-view-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "downline.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);

  dl_person_set_first_name (me, "Uma");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  f->user_id = dl_store_get_user_id (f->store);

  stages = dl_store_get_stages (f->store);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(DlStage) stage = g_list_model_get_item (stages, i);

      f->stage[i] = dl_stage_get_id (stage);
    }

  add (f, "Ann", 0);
  add (f, "Bob", 0);
  add (f, "Dee", 1);
  add (f, "Eve", 1);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (f->window, "pipeline-test");
  gtk_window_set_default_size (f->window, 1200, 700);
  f->view = DL_PIPELINE_VIEW (dl_pipeline_view_new (f->store));
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  run_until_idle ();
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, 7);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (f->window);
  run_until_idle ();
  g_clear_object (&f->store);

  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* The row widget of a card on screen, found by first name. */
static GtkWidget *
find_row (Fixture    *f,
          guint       column_index,
          const char *first_name)
{
  GtkWidget *column = dl_pipeline_view_get_column (f->view, column_index);
  GtkWidget *list = NULL;
  GQueue queue = G_QUEUE_INIT;

  /* the list inside the column, breadth first */
  g_queue_push_tail (&queue, column);
  while (list == NULL && !g_queue_is_empty (&queue))
    {
      GtkWidget *w = g_queue_pop_head (&queue);

      if (GTK_IS_GRID_VIEW (w))
        list = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  g_queue_clear (&queue);
  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);
      DlProspect *p;

      if (!DL_IS_PROSPECT_CARD (card) || (p = dl_prospect_card_get_prospect (DL_PROSPECT_CARD (card))) == NULL)
        continue;
      if (g_str_equal (dl_person_get_first_name (dl_prospect_get_person (p)), first_name))
        return row;
    }

  return NULL;
}

/* The centre of widget (plus dy) in the X window's coordinates. */
static void
window_point (Fixture   *f,
              GtkWidget *widget,
              double     dy,
              int       *x,
              int       *y)
{
  graphene_point_t p;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (f->window),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0 + dy),
                                           &p));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  *x = (int) (p.x + sx);
  *y = (int) (p.y + sy);
}

static void
on_child_exit_cb (GPid     pid,
                  int      status,
                  gpointer user_data)
{
  *(int *) user_data = status;
  g_spawn_close_pid (pid);
}

/* Drags with the real pointer through xdotool, in steps (one jump gives
 * no drop), while this main loop keeps running. */
static void
pointer_drag (Fixture *f,
              int      x1,
              int      y1,
              int      x2,
              int      y2)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (unsigned long) gdk_x11_surface_get_xid (surface));

#define ARG(...) g_ptr_array_add (argv, g_strdup_printf (__VA_ARGS__))
  ARG ("xdotool");
  ARG ("mousemove"); ARG ("--window"); ARG ("%s", xid); ARG ("%d", x1); ARG ("%d", y1);
  ARG ("sleep"); ARG ("0.3");
  ARG ("mousedown"); ARG ("1");
  for (int i = 1; i <= 20; i++)
    {
      ARG ("sleep"); ARG ("0.05");
      ARG ("mousemove"); ARG ("--window"); ARG ("%s", xid);
      ARG ("%d", x1 + (x2 - x1) * i / 20); ARG ("%d", y1 + (y2 - y1) * i / 20);
    }
  ARG ("sleep"); ARG ("0.3");
  ARG ("mouseup"); ARG ("1");
  ARG ("sleep"); ARG ("0.3");
#undef ARG
  g_ptr_array_add (argv, NULL);

  g_spawn_async (NULL, (char **) argv->pdata, NULL,
                 G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  if (error != NULL)
    return;

  g_child_watch_add (pid, on_child_exit_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (status, ==, 0);
  run_until_idle ();
}

static void
test_pointer_drag (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *ann = find_row (f, 0, "Ann");
  GtkWidget *eve = find_row (f, 1, "Eve");
  int x1, y1, x2, y2;

  g_assert_nonnull (ann);
  g_assert_nonnull (eve);
  if (ann == NULL || eve == NULL)
    return;

  window_point (f, ann, 0, &x1, &y1);
  /* the upper part of Eve's card: Ann lands just above her */
  window_point (f, eve, -gtk_widget_get_height (eve) / 4.0, &x2, &y2);
  pointer_drag (f, x1, y1, x2, y2);

  assert_names (f, 0, "Bob");
  assert_names (f, 1, "Dee,Ann,Eve");

  /* and the undo of a drop puts the card back where it was */
  g_assert_true (dl_pipeline_view_undo (f->view));
  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 1, "Dee,Eve");
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *row = find_row (f, 0, "Ann");

  g_assert_nonnull (row);
  if (row == NULL)
    return;

  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.move-down", NULL));
  run_until_idle ();
  assert_names (f, 0, "Bob,Ann");

  /* the card kept the focus, so the next move goes on with it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.move-right", NULL));
  run_until_idle ();
  assert_names (f, 0, "Bob");
  assert_names (f, 1, "Ann,Dee,Eve");

  g_assert_true (dl_pipeline_view_undo (f->view));
  g_assert_true (dl_pipeline_view_undo (f->view));
  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 1, "Dee,Eve");
  g_assert_false (dl_pipeline_view_undo (f->view));

  /* the menu's "Move to" takes the same path */
  {
    g_autoptr(DlProspect) bob = NULL;
    gint64 bob_id;

    row = find_row (f, 0, "Bob");
    g_assert_nonnull (row);
    bob = g_object_ref (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (gtk_widget_get_first_child (row))));
    bob_id = dl_prospect_get_id (bob);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.move-to", "(xx)",
                                               bob_id, f->stage[3]));
    run_until_idle ();
    assert_names (f, 3, "Bob");
  }
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static void
test_join_through_dialog (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DlProspect) ann = NULL;
  g_autoptr(DlMember) member = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row = find_row (f, 0, "Ann");

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  ann = g_object_ref (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (gtk_widget_get_first_child (row))));

  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (ann), f->stage[5], 0);
  run_until_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;

  /* nothing is written until the dialog is answered */
  assert_names (f, 0, "Ann,Bob");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "join"));
  adw_message_dialog_response (dialog, "join");
  run_until_idle ();

  assert_names (f, 0, "Bob");
  assert_names (f, 5, "Ann");
  member = dl_store_get_member (f->store, dl_prospect_get_id (ann));
  g_assert_nonnull (member);
  if (member != NULL)
    {
      /* the default sponsor is the user, the default date today */
      g_assert_cmpint (dl_member_get_sponsor_id (member), ==, f->user_id);
      g_assert_cmpint (dl_member_get_joined_on (member), ==, dl_day_today ());
      g_assert_cmpint (dl_member_get_role (member), ==, DL_ROLE_DISTRIBUTOR);
    }
  g_clear_object (&member);

  /* a member is not dragged out of Joined */
  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (ann), f->stage[2], 0);
  run_until_idle ();
  assert_names (f, 5, "Ann");

  g_assert_true (dl_pipeline_view_undo (f->view));
  assert_names (f, 0, "Ann,Bob");
  member = dl_store_get_member (f->store, dl_prospect_get_id (ann));
  g_assert_null (member);
}

static void
test_not_now_through_dialog (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DlProspect) bob = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row = find_row (f, 0, "Bob");

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  bob = g_object_ref (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (gtk_widget_get_first_child (row))));

  /* cancelled: nothing changes */
  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (bob), f->stage[6], 0);
  run_until_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, "cancel");
  run_until_idle ();
  assert_names (f, 0, "Ann,Bob");

  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (bob), f->stage[6], 0);
  run_until_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, "park");
  run_until_idle ();

  assert_names (f, 0, "Ann");
  assert_names (f, 6, "Bob");
  g_assert_cmpint (dl_prospect_get_revisit_on (bob), ==, dl_pipeline_default_revisit (dl_day_today ()));
}

static void
test_quick_add (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *error_label = gtk_label_new (NULL);

  g_object_ref_sink (error_label);
  gtk_widget_set_visible (error_label, FALSE);

  dl_pipeline_view_quick_add (f->view, f->stage[2], "   ", error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  assert_names (f, 2, "");

  dl_pipeline_view_quick_add (f->view, f->stage[2], "Ana María Ruiz", error_label);
  g_assert_false (gtk_widget_get_visible (error_label));
  assert_names (f, 2, "Ana María");
  run_until_idle ();
  g_assert_nonnull (find_row (f, 2, "Ana María"));

  /* undo of an add takes the card off the board again */
  g_assert_true (dl_pipeline_view_undo (f->view));
  assert_names (f, 2, "");

  g_object_unref (error_label);
}

/* The entry row titled title inside widget. */
static GtkEditable *
find_entry (GtkWidget  *widget,
            const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget)
      && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title))
    return GTK_EDITABLE (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkEditable *found = find_entry (c, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_edit_refuses_bad_input (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(DlProspect) ann = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *email, *follow_up, *first_name;
  GtkWidget *row = find_row (f, 0, "Ann");

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  ann = g_object_ref (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (gtk_widget_get_first_child (row))));

  dl_pipeline_view_edit_prospect (f->view, dl_prospect_get_id (ann));
  run_until_idle ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  email = find_entry (GTK_WIDGET (dialog), "Email");
  follow_up = find_entry (GTK_WIDGET (dialog), "Next follow-up (year-month-day, or empty)");
  first_name = find_entry (GTK_WIDGET (dialog), "First name");
  g_assert_nonnull (email);
  g_assert_nonnull (follow_up);
  g_assert_nonnull (first_name);
  if (email == NULL || follow_up == NULL || first_name == NULL)
    return;
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* a malformed address, an impossible date, no name: each refused */
  gtk_editable_set_text (email, "ann.example.com");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  gtk_editable_set_text (email, "ann@example.com");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));

  gtk_editable_set_text (follow_up, "2026-02-30");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (follow_up, "2026-03-01");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));

  gtk_editable_set_text (first_name, "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* a save while refused writes nothing */
  adw_message_dialog_response (dialog, "save");
  run_until_idle ();
  g_assert_cmpstr (dl_person_get_first_name (dl_prospect_get_person (ann)), ==, "Ann");
  g_assert_cmpstr (dl_person_get_email (dl_prospect_get_person (ann)), ==, "");

  /* the refused dialog stays open with what was typed: fixing the
   * name saves person and prospect together */
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpstr (gtk_editable_get_text (email), ==, "ann@example.com");
  gtk_editable_set_text (first_name, "Annie");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  run_until_idle ();
  g_assert_cmpstr (dl_person_get_first_name (dl_prospect_get_person (ann)), ==, "Annie");
  g_assert_cmpstr (dl_person_get_email (dl_prospect_get_person (ann)), ==, "ann@example.com");
  g_assert_cmpint (dl_prospect_get_next_follow_up (ann), ==, dl_day_from_ymd (2026, 3, 1));
}

static void
test_parse_date (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dl_pipeline_parse_date (" 2026-03-14 ", &error), ==, dl_day_from_ymd (2026, 3, 14));
  g_assert_no_error (error);
  g_assert_cmpint (dl_pipeline_parse_date ("2026-02-29", &error), ==, DL_DAY_NONE);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (dl_pipeline_parse_date ("14/03/2026", &error), ==, DL_DAY_NONE);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (dl_pipeline_parse_date ("2026-03-14T10:00:00", &error), ==, DL_DAY_NONE);
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_set_nonfatal_assertions ();
  downline_register_resource ();

  g_test_add ("/pipeline/view/pointer-drag", Fixture, NULL,
              fixture_set_up, test_pointer_drag, fixture_tear_down);
  g_test_add ("/pipeline/view/keyboard", Fixture, NULL,
              fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add ("/pipeline/view/join", Fixture, NULL,
              fixture_set_up, test_join_through_dialog, fixture_tear_down);
  g_test_add ("/pipeline/view/not-now", Fixture, NULL,
              fixture_set_up, test_not_now_through_dialog, fixture_tear_down);
  g_test_add ("/pipeline/view/quick-add", Fixture, NULL,
              fixture_set_up, test_quick_add, fixture_tear_down);
  g_test_add ("/pipeline/view/edit-refuses-bad-input", Fixture, NULL,
              fixture_set_up, test_edit_refuses_bad_input, fixture_tear_down);
  g_test_add_func ("/pipeline/view/parse-date", test_parse_date);

  return g_test_run ();
}

/* test-pipeline-view.c — the board under Xvfb: a real drag with the
 * pointer, the keyboard twins, joining and "not now" through the
 * dialogs, quick add, and undo — each checked in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-store-export.h"

#include <adwaita.h>
#include <string.h>
#include <gdk/x11/gdkx.h>
#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-pipeline-column.h"
#include "dl-pipeline-dialogs.h"
#include "dl-pipeline-stats.h"
#include "dl-pipeline-view-private.h"
#include "dl-today-log-popover.h"
#include "dl-store.h"
#include "downline-resources.h"

#include "../dl-test-widgets.h"
#include "dl-settings.h"
#include "dl-person-row.h"

typedef struct
{
  char           *dir;
  DlStore        *store;
  GtkWindow      *window;
  DlPipelineView *view;
  gint64          stage[7];
  gint64          user_id;
} Fixture;

static GtkWidget *find_row (Fixture    *f,
                            guint       column_index,
                            const char *first_name);

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

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* The first name on the card that has the keyboard, or "". */
static const char *
focused_name (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  GtkWidget *card = NULL;

  if (focus == NULL)
    return "";
  card = DL_IS_PROSPECT_CARD (focus) ? focus : gtk_widget_get_ancestor (focus, DL_TYPE_PROSPECT_CARD);
  if (card == NULL)
    card = dl_test_find_descendant (focus, DL_TYPE_PROSPECT_CARD);
  if (card == NULL)
    return "";
  return dl_person_get_first_name (dl_prospect_get_person (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (card))));
}

/* What the board should come to show; each field left at 0 or NULL is
 * not looked at. */
typedef struct
{
  Fixture    *f;
  const char *names[7];   /* the stage's first names, in order */
  const char *shown[7];   /* a card on screen in that column, laid out */
  guint       n_columns;
  const char *focused;    /* the first name on the card with the keyboard */
  const char *page;       /* the board's page */
  gboolean    no_dialog;
  const char *toast;      /* words in a toast on the window */
} Expect;

static gboolean
expect_holds (gpointer data)
{
  const Expect *e = data;
  Fixture *f = e->f;

  for (guint i = 0; i < 7; i++)
    {
      if (e->names[i] != NULL)
        {
          g_autofree char *got = names_in (f, i);

          if (!g_str_equal (got, e->names[i]))
            return FALSE;
        }
      if (e->shown[i] != NULL)
        {
          GtkWidget *row = find_row (f, i, e->shown[i]);

          if (row == NULL || !gtk_widget_get_mapped (row) || gtk_widget_get_height (row) <= 0)
            return FALSE;
        }
    }
  if (e->n_columns != 0 && dl_pipeline_view_get_n_columns (f->view) != e->n_columns)
    return FALSE;
  if (e->focused != NULL && !g_str_equal (focused_name (f), e->focused))
    return FALSE;
  if (e->page != NULL && g_strcmp0 (dl_pipeline_view_get_board_page (f->view), e->page) != 0)
    return FALSE;
  if (e->no_dialog && find_dialog () != NULL)
    return FALSE;
  if (e->toast != NULL)
    {
      DlTestLabelsProbe probe = { GTK_WIDGET (f->window), e->toast };

      if (!dl_test_labels_contain (&probe))
        return FALSE;
    }
  return TRUE;
}

/* Runs the main loop until the board shows what the fields say (ten
 * seconds at most), and fails the test if it never does. */
#define wait_until(...) \
  G_STMT_START { \
    const Expect expect_ = { __VA_ARGS__ }; \
    g_assert_true (dl_test_wait_for (expect_holds, (gpointer) &expect_)); \
  } G_STMT_END

/* The widget data is mapped (on screen); shown, or not. */
static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

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
  /* on screen, every card laid out: the tests find them as rows */
  wait_until (.f = f, .n_columns = 7, .shown[0] = "Bob", .shown[1] = "Eve");
  wait_until (.f = f, .shown[0] = "Ann", .shown[1] = "Dee");
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, 7);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dl_test_assert_last_ref (f->window);
  dl_test_assert_last_ref (g_steal_pointer (&f->store));

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
}

/* The window at the size it asked for, mapped, and both cards of the
 * drag laid out in it. */
static gboolean
window_settled (gpointer data)
{
  Fixture *f = data;
  GtkWidget *ann = find_row (f, 0, "Ann");
  GtkWidget *eve = find_row (f, 1, "Eve");
  graphene_rect_t a, e;

  return gtk_widget_get_mapped (GTK_WIDGET (f->window))
         && gtk_widget_get_width (GTK_WIDGET (f->window)) == 1200
         && gtk_widget_get_height (GTK_WIDGET (f->window)) == 700
         && ann != NULL && eve != NULL
         && gtk_widget_compute_bounds (ann, GTK_WIDGET (f->window), &a)
         && gtk_widget_compute_bounds (eve, GTK_WIDGET (f->window), &e)
         && a.size.height > 0 && e.size.height > 0;
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

  /* where the pointer goes is where the cards are once the window has
   * its size and has been drawn with them in place */
  g_assert_true (dl_test_wait_for (window_settled, f));
  g_assert_true (dl_test_wait_drawn (GTK_WIDGET (f->window)));
  window_point (f, ann, 0, &x1, &y1);
  /* the upper part of Eve's card: Ann lands just above her */
  window_point (f, eve, -gtk_widget_get_height (eve) / 4.0, &x2, &y2);
  pointer_drag (f, x1, y1, x2, y2);
  wait_until (.f = f, .names[0] = "Bob", .names[1] = "Dee,Ann,Eve");

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
  /* the board gives the moved card the keyboard back a moment later */
  wait_until (.f = f, .names[0] = "Bob,Ann", .focused = "Ann");
  assert_names (f, 0, "Bob,Ann");

  /* the card kept the focus, so the next move goes on with it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.move-right", NULL));
  wait_until (.f = f, .names[0] = "Bob", .names[1] = "Ann,Dee,Eve", .focused = "Ann");
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
    wait_until (.f = f, .names[3] = "Bob");
    assert_names (f, 3, "Bob");
  }
}

/* The Undo button in the title of the toast saying someone joined. */
static GtkWidget *
find_join_undo (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0)
    {
      GtkWidget *label = gtk_widget_get_prev_sibling (widget);

      if (GTK_IS_LABEL (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), "joined your downline") != NULL)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_join_undo (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
join_undo_shown (gpointer data)
{
  return find_join_undo (data) != NULL;
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
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;

  /* nothing is written until the dialog is answered */
  assert_names (f, 0, "Ann,Bob");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "join"));
  adw_message_dialog_response (dialog, "join");
  wait_until (.f = f, .names[0] = "Bob", .names[5] = "Ann");

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

  /* the join toast carries Undo beside Write Welcome Letter: its
   * button, clicked, takes the join back */
  {
    GtkWidget *undo = NULL;

    g_assert_true (dl_test_wait_for (join_undo_shown, f->window));
    undo = find_join_undo (GTK_WIDGET (f->window));
    g_assert_nonnull (undo);
    if (undo == NULL)
      return;
    g_assert_nonnull (dl_test_find_toast_button (GTK_WIDGET (f->window), "joined your downline"));
    dl_test_click_toast_button (undo);
    wait_until (.f = f, .names[0] = "Ann,Bob");
  }
  assert_names (f, 0, "Ann,Bob");
  member = dl_store_get_member (f->store, dl_prospect_get_id (ann));
  g_assert_null (member);

  /* joined again: a member is not dragged out of Joined (the toast
   * saying so takes the join toast's place, whose Undo stays on Ctrl+Z) */
  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (ann), f->stage[5], 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, "join");
  wait_until (.f = f, .names[5] = "Ann");
  assert_names (f, 5, "Ann");
  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (ann), f->stage[2], 0);
  /* refused, and the toast says so */
  wait_until (.f = f, .toast = "is a member now and stays in");
  assert_names (f, 5, "Ann");
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
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, "cancel");
  dl_test_spin (150);   /* no condition: nothing may be written within this time */
  assert_names (f, 0, "Ann,Bob");

  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (bob), f->stage[6], 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, "park");
  wait_until (.f = f, .names[0] = "Ann", .names[6] = "Bob", .shown[6] = "Bob");

  assert_names (f, 0, "Ann");
  assert_names (f, 6, "Bob");
  g_assert_cmpint (dl_prospect_get_revisit_on (bob), ==, dl_pipeline_default_revisit (dl_day_today ()));

  /* the parked card says when to ask again, never "No follow-up" */
  row = find_row (f, 6, "Bob");
  g_assert_nonnull (row);
  if (row != NULL)
    {
      g_autoptr(GString) labels = g_string_new (NULL);

      dl_test_collect_labels (row, labels);
      g_test_message ("%s", labels->str);
      g_assert_nonnull (strstr (labels->str, "Ask again "));
      g_assert_null (strstr (labels->str, "No follow-up"));
    }
}

static void
test_quick_add (Fixture       *f,
                gconstpointer  data)
{
  /* the column's own entry, answered by the view through the column's
   * ::add-requested signal */
  GtkWidget *column = GTK_WIDGET (dl_pipeline_view_column_for_stage (f->view, f->stage[2], NULL));
  GtkWidget *entry = dl_test_find_descendant (column, GTK_TYPE_ENTRY);
  GtkWidget *error_label = dl_test_find_styled (column, GTK_TYPE_LABEL, "error");
  /* Enter in the entry is the activation of its text */
  GtkWidget *text = entry ? dl_test_find_descendant (entry, GTK_TYPE_TEXT) : NULL;

  g_assert_nonnull (text);
  g_assert_nonnull (error_label);
  dl_pipeline_column_start_quick_add (DL_PIPELINE_COLUMN (column));
  g_assert_true (dl_test_wait_for (widget_mapped, entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "   ");
  g_signal_emit_by_name (text, "activate");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), !=, "");
  /* a refused name stays to be corrected */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "   ");
  assert_names (f, 2, "");

  /* split as the CSV and vCard imports split it (dl-name.h): the first
   * word is the first name */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  Ana  María Ruiz ");
  g_signal_emit_by_name (text, "activate");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  assert_names (f, 2, "Ana");
  {
    g_autoptr(GListModel) prospects = dl_store_get_prospects (f->store, f->stage[2]);
    g_autoptr(DlProspect) added = g_list_model_get_item (prospects, 0);

    g_assert_cmpstr (dl_person_get_last_name (dl_prospect_get_person (added)), ==, "María Ruiz");
  }
  wait_until (.f = f, .shown[2] = "Ana");
  g_assert_nonnull (find_row (f, 2, "Ana"));

  /* undo of an add takes the card off the board again */
  g_assert_true (dl_pipeline_view_undo (f->view));
  assert_names (f, 2, "");
}

/* The entry row titled title inside widget. */
static GtkEditable *
find_entry (GtkWidget  *widget,
            const char *title)
{
  GtkWidget *row = find_titled_row (widget, ADW_TYPE_ENTRY_ROW, title);

  return row != NULL ? GTK_EDITABLE (row) : NULL;
}

/* Ann's edit written: name, address and follow-up. */
static gboolean
prospect_saved (gpointer data)
{
  DlProspect *ann = data;

  return g_strcmp0 (dl_person_get_first_name (dl_prospect_get_person (ann)), "Annie") == 0
         && g_strcmp0 (dl_person_get_email (dl_prospect_get_person (ann)), "ann@example.com") == 0
         && dl_prospect_get_next_follow_up (ann) == dl_day_from_ymd (2026, 3, 1);
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
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
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
  dl_test_spin (150);   /* no condition: nothing may be written within this time */
  g_assert_cmpstr (dl_person_get_first_name (dl_prospect_get_person (ann)), ==, "Ann");
  g_assert_cmpstr (dl_person_get_email (dl_prospect_get_person (ann)), ==, "");

  /* the refused dialog stays open with what was typed: fixing the
   * name saves person and prospect together */
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpstr (gtk_editable_get_text (email), ==, "ann@example.com");
  gtk_editable_set_text (first_name, "Annie");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  adw_message_dialog_response (dialog, "save");
  g_assert_true (dl_test_wait_for (prospect_saved, ann));
  g_assert_cmpstr (dl_person_get_first_name (dl_prospect_get_person (ann)), ==, "Annie");
  g_assert_cmpstr (dl_person_get_email (dl_prospect_get_person (ann)), ==, "ann@example.com");
  g_assert_cmpint (dl_prospect_get_next_follow_up (ann), ==, dl_day_from_ymd (2026, 3, 1));

  /* and the edit is undone as one: person and prospect as they were */
  g_assert_true (dl_pipeline_view_undo (f->view));
  g_assert_cmpstr (dl_person_get_first_name (dl_prospect_get_person (ann)), ==, "Ann");
  g_assert_cmpstr (dl_person_get_email (dl_prospect_get_person (ann)), ==, "");
  g_assert_cmpint (dl_prospect_get_next_follow_up (ann), ==, DL_DAY_NONE);
  assert_names (f, 0, "Ann,Bob");
}

static GtkSpinButton *
first_spin (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    return GTK_SPIN_BUTTON (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkSpinButton *found = first_spin (c);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The spin button of the action row titled title inside widget. */
static GtkSpinButton *
find_spin (GtkWidget  *widget,
           const char *title)
{
  GtkWidget *row = find_titled_row (widget, ADW_TYPE_ACTION_ROW, title);

  return row != NULL ? first_spin (row) : NULL;
}

static char *
stage_name_at (Fixture *f,
               guint    index)
{
  g_autoptr(GListModel) stages = dl_store_get_stages (f->store);
  g_autoptr(DlStage) stage = g_list_model_get_item (stages, index);

  return g_strdup (stage ? dl_stage_get_name (stage) : "");
}

typedef struct
{
  Fixture    *f;
  DlStage    *stage;        /* with this name, chance and position */
  const char *name;
  guint       probability;
  guint       position;
  const char *name_at;      /* the name of the stage at index at */
  guint       at;
  guint       n_columns;    /* 0: not looked at */
} StageProbe;

static gboolean
stage_is (gpointer data)
{
  StageProbe *p = data;
  g_autofree char *name = NULL;

  if (p->stage != NULL
      && (g_strcmp0 (dl_stage_get_name (p->stage), p->name) != 0
          || dl_stage_get_probability (p->stage) != p->probability
          || dl_stage_get_position (p->stage) != p->position))
    return FALSE;
  if (p->n_columns != 0 && dl_pipeline_view_get_n_columns (p->f->view) != p->n_columns)
    return FALSE;
  if (p->name_at == NULL)
    return TRUE;
  name = stage_name_at (p->f, p->at);
  return g_str_equal (name, p->name_at);
}

/* Stage settings, their reorder, a new stage and the delete of an empty
 * one: each undone by the same Undo. */
static void
test_stage_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(DlStage) stage = dl_store_get_stage (f->store, f->stage[2]);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  GtkSpinButton *probability, *position;
  guint n;

  g_assert_cmpstr (dl_stage_get_name (stage), ==, "Interested");
  dl_pipeline_view_edit_stage (f->view, f->stage[2]);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  entry = find_entry (GTK_WIDGET (dialog), "Name");
  probability = find_spin (GTK_WIDGET (dialog), "Chance of joining (%)");
  position = find_spin (GTK_WIDGET (dialog), "Position on the board");
  g_assert_nonnull (entry);
  g_assert_nonnull (probability);
  g_assert_nonnull (position);
  if (entry == NULL || probability == NULL || position == NULL)
    return;

  gtk_editable_set_text (entry, "Curious");
  gtk_spin_button_set_value (probability, 33);
  gtk_spin_button_set_value (position, 1);
  adw_message_dialog_response (dialog, "save");
  /* as a click would: the answer given, the dialog goes */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (dl_test_wait_for (stage_is, &(StageProbe) { f, stage, "Curious", 33, 0, NULL }));
  g_assert_cmpstr (dl_stage_get_name (stage), ==, "Curious");
  g_assert_cmpuint (dl_stage_get_probability (stage), ==, 33);
  g_assert_cmpuint (dl_stage_get_position (stage), ==, 0);

  g_assert_true (dl_pipeline_view_undo (f->view));
  g_assert_true (dl_test_wait_for (stage_is, &(StageProbe) { f, stage, "Interested", 25, 2, "New contact" }));
  g_assert_cmpstr (dl_stage_get_name (stage), ==, "Interested");
  g_assert_cmpuint (dl_stage_get_probability (stage), ==, 25);
  g_assert_cmpuint (dl_stage_get_position (stage), ==, 2);
  name = stage_name_at (f, 0);
  g_assert_cmpstr (name, ==, "New contact");
  g_clear_pointer (&name, g_free);

  /* a new stage, undone, is gone again */
  n = dl_pipeline_view_get_n_columns (f->view);
  dl_pipeline_view_edit_stage (f->view, 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  entry = find_entry (GTK_WIDGET (dialog), "Name");
  g_assert_nonnull (entry);
  if (entry == NULL)
    return;
  gtk_editable_set_text (entry, "Call back");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (.f = f, .n_columns = n + 1, .no_dialog = TRUE);
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, n + 1);
  g_assert_true (dl_pipeline_view_undo (f->view));
  wait_until (.f = f, .n_columns = n);
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, n);

  /* the delete of an empty stage comes back in its place */
  dl_pipeline_view_edit_stage (f->view, f->stage[3]);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (dl_test_wait_for (stage_is, &(StageProbe) { f, NULL, NULL, 0, 0, "Presented", 3, n - 1 }));
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, n - 1);
  name = stage_name_at (f, 3);
  g_assert_cmpstr (name, ==, "Presented");
  g_clear_pointer (&name, g_free);
  g_assert_true (dl_pipeline_view_undo (f->view));
  g_assert_true (dl_test_wait_for (stage_is, &(StageProbe) { f, NULL, NULL, 0, 0, "Qualified", 3, n }));
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, n);
  name = stage_name_at (f, 3);
  g_assert_cmpstr (name, ==, "Qualified");
  /* under its own id, so what was written about it still holds */
  {
    g_autoptr(DlStage) back = dl_store_get_stage (f->store, f->stage[3]);

    g_assert_nonnull (back);
    if (back != NULL)
      {
        g_assert_cmpstr (dl_stage_get_name (back), ==, "Qualified");
        g_assert_cmpuint (dl_stage_get_position (back), ==, 3);
      }
  }
}

/* A backup restored into the open file: the board shows it, every card
 * knows its place again, and no undo step writes the old state back. */
static void
test_restore_clears_undo (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "before.db", NULL);
  g_autoptr(GListModel) first = NULL;
  gint64 ann;

  g_assert_true (dl_store_backup (f->store, backup, &error));
  g_assert_no_error (error);

  /* the cards as the board knows them, indexes cached */
  first = dl_store_get_prospects (f->store, f->stage[0]);
  {
    g_autoptr(DlProspect) p = g_list_model_get_item (first, 0);

    ann = dl_prospect_get_id (p);
  }
  dl_pipeline_view_request_move (f->view, ann, f->stage[1], 0);
  wait_until (.f = f, .names[0] = "Bob", .names[1] = "Ann,Dee,Eve");
  dl_pipeline_view_request_move (f->view, ann, f->stage[1], 2);
  wait_until (.f = f, .names[0] = "Bob", .names[1] = "Dee,Eve,Ann");
  assert_names (f, 0, "Bob");
  assert_names (f, 1, "Dee,Eve,Ann");

  g_assert_true (dl_store_restore (f->store, backup, &error));
  g_assert_no_error (error);
  wait_until (.f = f, .names[0] = "Ann,Bob", .names[1] = "Dee,Eve");
  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 1, "Dee,Eve");
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(GListModel) list = dl_store_get_prospects (f->store, f->stage[s]);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(DlProspect) p = g_list_model_get_item (list, i);

          g_assert_cmpint (dl_prospect_get_position (p), ==, i);
        }
    }
  g_assert_false (dl_pipeline_view_undo (f->view));
  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 1, "Dee,Eve");
}

/* The stage dialog (a template): Save waits for a name, and says why
 * only once something was typed. */
static void
test_stage_dialog_name (Fixture       *f,
                        gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  guint n = dl_pipeline_view_get_n_columns (f->view);

  dl_pipeline_view_edit_stage (f->view, 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Stage");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "save"), ==, "_Add");
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  entry = find_entry (GTK_WIDGET (dialog), "Name");
  g_assert_nonnull (entry);
  if (entry == NULL)
    return;
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));

  gtk_editable_set_text (entry, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  /* a save while refused writes nothing */
  adw_message_dialog_response (dialog, "save");
  dl_test_spin (150);   /* no condition: no stage may be added within this time */
  g_assert_cmpuint (dl_pipeline_view_get_n_columns (f->view), ==, n);

  gtk_editable_set_text (entry, "Follow up");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* gone, so the next dialog found is the next one */
  wait_until (.f = f, .no_dialog = TRUE);

  /* an existing stage offers Delete and shows its values */
  dl_pipeline_view_edit_stage (f->view, f->stage[1]);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Edit Stage");
  g_assert_true (adw_message_dialog_has_response (dialog, "delete"));
  entry = find_entry (GTK_WIDGET (dialog), "Name");
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "Contacted");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (find_spin (GTK_WIDGET (dialog), "Position on the board")), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The not-now dialog (a template) refuses a day that has passed or is
 * not a day, says why, and writes nothing. */
static void
test_not_now_refuses_bad_date (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GListModel) column = dl_store_get_prospects (f->store, f->stage[0]);
  g_autoptr(DlProspect) ann = g_list_model_get_item (column, 0);
  AdwMessageDialog *dialog;
  GtkEditable *date;
  g_autofree char *yesterday = dl_day_to_iso (dl_day_today () - 1);
  g_autofree char *later = dl_day_to_iso (dl_day_today () + 10);

  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (ann), f->stage[6], 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not Now for Ann");
  date = find_entry (GTK_WIDGET (dialog), "Ask again on (year-month-day)");
  g_assert_nonnull (date);
  if (date == NULL)
    return;
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "park"));

  gtk_editable_set_text (date, yesterday);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "park"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  gtk_editable_set_text (date, "2026-13-01");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "park"));
  adw_message_dialog_response (dialog, "park");
  dl_test_spin (150);   /* no condition: nothing may be written within this time */
  assert_names (f, 0, "Ann,Bob");

  gtk_editable_set_text (date, later);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "park"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  adw_message_dialog_response (dialog, "park");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (.f = f, .names[6] = "Ann");
  assert_names (f, 6, "Ann");
  g_assert_cmpint (dl_prospect_get_revisit_on (ann), ==, dl_day_today () + 10);
}

/* The join dialog (a template) refuses a join date in the future and
 * writes nothing; the sponsor starts at the user. */
static void
test_join_refuses_future (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GListModel) column = dl_store_get_prospects (f->store, f->stage[0]);
  g_autoptr(DlProspect) bob = g_list_model_get_item (column, 1);
  g_autoptr(DlMember) member = NULL;
  g_autofree char *tomorrow = dl_day_to_iso (dl_day_today () + 1);
  AdwMessageDialog *dialog;
  GtkEditable *date;

  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (bob), f->stage[5], 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Bob Joined");
  date = find_entry (GTK_WIDGET (dialog), "Join date (year-month-day)");
  g_assert_nonnull (date);
  if (date == NULL)
    return;
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "join"));

  gtk_editable_set_text (date, tomorrow);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "join"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  adw_message_dialog_response (dialog, "join");
  dl_test_spin (150);   /* no condition: nobody may join within this time */
  assert_names (f, 0, "Ann,Bob");
  member = dl_store_get_member (f->store, dl_prospect_get_id (bob));
  g_assert_null (member);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static AdwComboRow *
find_combo (GtkWidget  *widget,
            const char *title)
{
  GtkWidget *row = find_titled_row (widget, ADW_TYPE_COMBO_ROW, title);

  return row != NULL ? ADW_COMBO_ROW (row) : NULL;
}

/* The New Prospect dialog (a template, Ctrl+N): a name and a stage make
 * a card there; Undo takes it away again. */
static void
test_new_prospect_dialog (Fixture       *f,
                          gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkEditable *first, *last;
  AdwComboRow *stage;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.new", NULL));
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "New Prospect");
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "save"), ==, "_Add");
  first = find_entry (GTK_WIDGET (dialog), "First name");
  last = find_entry (GTK_WIDGET (dialog), "Last name");
  stage = find_combo (GTK_WIDGET (dialog), "Stage");
  g_assert_nonnull (first);
  g_assert_nonnull (last);
  g_assert_nonnull (stage);
  if (first == NULL || last == NULL || stage == NULL)
    return;
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (stage)));
  /* empty, refused, and quiet about it until typed in */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (first), "error"));

  gtk_editable_set_text (first, "Gil");
  gtk_editable_set_text (last, "Hart");
  adw_combo_row_set_selected (stage, 2);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  /* Enter in the name's text field adds them, as _Add does */
  {
    GtkWidget *text = dl_test_find_descendant (GTK_WIDGET (last), GTK_TYPE_TEXT);

    g_assert_nonnull (text);
    if (text != NULL)
      g_signal_emit_by_name (text, "activate");
  }
  wait_until (.f = f, .names[2] = "Gil");
  if (find_dialog () != NULL)
    gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  wait_until (.f = f, .names[2] = "Gil", .no_dialog = TRUE);
  assert_names (f, 2, "Gil");

  g_assert_true (dl_pipeline_view_undo (f->view));
  assert_names (f, 2, "");
}

/* The keyboard is in a text field of the window data. */
static gboolean
focus_editable (gpointer data)
{
  return GTK_IS_EDITABLE (gtk_root_get_focus (GTK_ROOT (data)));
}

/* Ctrl+Z (the view's undo action) in the search entry is the entry's
 * own undo; on the board it takes back the last move. */
static void
test_undo_while_typing (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *row = find_row (f, 0, "Ann");
  GtkWidget *search = NULL;

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.move-right", NULL));
  /* the board hands the moved card the keyboard back a moment later: once
   * it has, nothing takes the focus from the search field below */
  wait_until (.f = f, .names[1] = "Ann,Dee,Eve", .focused = "Ann");
  assert_names (f, 1, "Ann,Dee,Eve");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.search", NULL));
  g_assert_true (dl_test_wait_for (focus_editable, f->window));
  search = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_EDITABLE (search));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.undo", NULL));
  dl_test_spin (150);   /* no condition: the move must not be undone within this time */
  /* the move stays */
  assert_names (f, 1, "Ann,Dee,Eve");

  /* back on a card, the same key undoes the move */
  row = find_row (f, 1, "Dee");
  g_assert_nonnull (row);
  if (row == NULL)
    return;
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.undo", NULL));
  wait_until (.f = f, .names[0] = "Ann,Bob", .names[1] = "Dee,Eve");
  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 1, "Dee,Eve");
}

typedef struct
{
  GDateTime *now;
} FakeClock;

static GDateTime *
fake_now (gpointer user_data)
{
  FakeClock *clock = user_data;

  return g_date_time_ref (clock->now);
}

static void
set_fake (FakeClock *clock,
          DlDay      day,
          int        hour,
          int        minute,
          double     seconds)
{
  int y, m, d;

  dl_day_to_ymd (day, &y, &m, &d);
  g_clear_pointer (&clock->now, g_date_time_unref);
  clock->now = g_date_time_new_local (y, m, d, hour, minute, seconds);
}

static GtkWidget *
first_card (Fixture *f,
            guint    column)
{
  GtkWidget *col = dl_pipeline_view_get_column (f->view, column);

  for (GtkWidget *w = col; w != NULL; )
    {
      GtkWidget *next;

      if (DL_IS_PROSPECT_CARD (w))
        return w;
      next = gtk_widget_get_first_child (w);
      while (next == NULL && w != col)
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      if (next == NULL)
        break;
      w = next;
    }

  return NULL;
}

typedef struct
{
  Fixture    *f;
  GListModel *joined;
  DlDay       today;     /* the board's day */
  guint       n_joined;  /* the cards Joined shows */
  int         stale;     /* the first card of the second column stale: -1 not looked at */
} DayProbe;

static gboolean
board_day_is (gpointer data)
{
  DayProbe *p = data;
  GtkWidget *card;

  if (dl_pipeline_view_get_today (p->f->view) != p->today || g_list_model_get_n_items (p->joined) != p->n_joined)
    return FALSE;
  if (p->stale < 0)
    return TRUE;
  card = first_card (p->f, 1);
  return card != NULL && dl_prospect_card_is_stale (DL_PROSPECT_CARD (card)) == p->stale;
}

/* At local midnight the board looks again: a joined card's 30 days run
 * out and a quiet card turns stale, without any write to wake it. */
static void
test_midnight (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FakeClock clock = { NULL };
  GListModel *joined = dl_pipeline_column_get_model (DL_PIPELINE_COLUMN (dl_pipeline_view_get_column (f->view, 5)));
  DlDay today = dl_day_today ();
  GtkWidget *card;
  gint64 ann = 0;

  {
    g_autoptr(GListModel) column = dl_store_get_prospects (f->store, f->stage[0]);
    g_autoptr(DlProspect) first = g_list_model_get_item (column, 0);

    ann = dl_prospect_get_id (first);
  }
  g_assert_true (dl_store_join_prospect (f->store, ann, f->stage[5], 0, f->user_id,
                                         DL_ROLE_DISTRIBUTOR, NULL, today, &error));
  g_assert_no_error (error);
  g_assert_true (dl_test_wait_for (board_day_is, &(DayProbe) { f, joined, today, 1, -1 }));

  /* the last moments of day 29 of the card in Joined ("Contacted" goes
   * stale after 7 days: Dee, entered today, is 29 days quiet) */
  set_fake (&clock, today + 29, 23, 59, 59.85);
  dl_pipeline_view_set_now_func (f->view, fake_now, &clock);
  g_assert_true (dl_test_wait_for (board_day_is, &(DayProbe) { f, joined, today + 29, 1, -1 }));
  g_assert_cmpint (dl_pipeline_view_get_today (f->view), ==, today + 29);
  g_assert_cmpuint (g_list_model_get_n_items (joined), ==, 1);

  /* the clock passes midnight; nothing else happens */
  set_fake (&clock, today + 30, 0, 0, 0.01);
  g_assert_true (dl_test_wait_for (board_day_is, &(DayProbe) { f, joined, today + 30, 0, TRUE }));
  g_assert_cmpint (dl_pipeline_view_get_today (f->view), ==, today + 30);
  g_assert_cmpuint (g_list_model_get_n_items (joined), ==, 0);
  assert_names (f, 5, "Ann");   /* still in the stage, only off the board */

  /* a day judged by the fake clock makes cards stale too */
  card = first_card (f, 1);
  g_assert_nonnull (card);
  if (card != NULL)
    g_assert_true (dl_prospect_card_is_stale (DL_PROSPECT_CARD (card)));

  /* and back to the real clock: today again, the card back */
  dl_pipeline_view_set_now_func (f->view, NULL, NULL);
  g_assert_true (dl_test_wait_for (board_day_is, &(DayProbe) { f, joined, today, 1, FALSE }));
  g_assert_cmpint (dl_pipeline_view_get_today (f->view), ==, today);
  g_assert_cmpuint (g_list_model_get_n_items (joined), ==, 1);
  card = first_card (f, 1);
  g_assert_nonnull (card);
  if (card != NULL)
    g_assert_false (dl_prospect_card_is_stale (DL_PROSPECT_CARD (card)));
  g_clear_pointer (&clock.now, g_date_time_unref);
}

/* No prospect at all: the start page, not seven empty columns; a search
 * nobody matches says so; clearing it brings the board back. */
static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkEditable *search;

  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "board");

  for (guint stage = 0; stage < 2; stage++)
    {
      g_autoptr(GListModel) list = dl_store_get_prospects (f->store, f->stage[stage]);

      while (g_list_model_get_n_items (list) > 0)
        {
          g_autoptr(DlProspect) p = g_list_model_get_item (list, 0);

          g_assert_true (dl_store_remove_prospect (f->store, dl_prospect_get_id (p), &error));
          g_assert_no_error (error);
        }
    }
  wait_until (.f = f, .page = "empty");
  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "empty");

  add (f, "Fay", 2);
  wait_until (.f = f, .page = "board");
  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "board");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.search", NULL));
  search = GTK_EDITABLE (gtk_root_get_focus (GTK_ROOT (f->window)));
  g_assert_true (GTK_IS_EDITABLE (search));
  gtk_editable_set_text (search, "nobody by this name");
  wait_until (.f = f, .page = "no-match");
  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "no-match");

  gtk_editable_set_text (search, "fa");
  wait_until (.f = f, .page = "board");
  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "board");

  gtk_editable_set_text (search, "zz");
  wait_until (.f = f, .page = "no-match");
  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "no-match");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.clear-filters", NULL));
  wait_until (.f = f, .page = "board");
  g_assert_cmpstr (dl_pipeline_view_get_board_page (f->view), ==, "board");
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
}

static void
on_export_vcard_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GArray *got = user_data;
  gsize n = 0;
  const gint64 *ids = g_variant_get_fixed_array (parameter, &n, sizeof (gint64));

  g_array_append_vals (got, ids, n);
}

/* The card's menu offers the window's vCard export for that person. */
static void
test_export_vcard_item (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) transfer = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) export = g_simple_action_new ("export-vcard", G_VARIANT_TYPE ("ax"));
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GVariant) target = NULL;
  DlProspect *ann;
  GtkWidget *row = find_row (f, 0, "Ann");
  gboolean found = FALSE;

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  ann = dl_prospect_card_get_prospect (DL_PROSPECT_CARD (gtk_widget_get_first_child (row)));

  /* what the window installs (src/transfer/dl-transfer-actions.c) */
  g_signal_connect (export, "activate", G_CALLBACK (on_export_vcard_cb), got);
  g_action_map_add_action (G_ACTION_MAP (transfer), G_ACTION (export));
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "transfer", G_ACTION_GROUP (transfer));

  menu = dl_pipeline_view_card_menu_model (f->view, ann);
  for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action)
              && g_str_equal (action, "transfer.export-vcard"))
            {
              g_autofree char *label = NULL;

              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_LABEL, "s", &label);
              g_assert_cmpstr (label, ==, "E_xport as vCard…");
              target = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                              G_VARIANT_TYPE ("ax"));
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
  g_assert_nonnull (target);
  if (target == NULL)
    return;

  /* activated from the card, it reaches the window's action with her id */
  g_assert_true (gtk_widget_activate_action_variant (row, "transfer.export-vcard", target));
  g_assert_cmpuint (got->len, ==, 1);
  if (got->len == 1)
    g_assert_cmpint (g_array_index (got, gint64, 0), ==, dl_prospect_get_id (ann));
}

typedef struct
{
  GtkWidget  *row;
  const char *item;
} MenuProbe;

/* The card menu of probe->row is open and has the item probe->item. */
static gboolean
menu_item_shown (gpointer data)
{
  MenuProbe *p = data;
  GtkWidget *popover = dl_test_find_descendant (p->row, GTK_TYPE_POPOVER_MENU);

  return popover != NULL && gtk_widget_get_mapped (popover) && dl_test_find_menu_item (popover, p->item) != NULL;
}

/* The card's menu as a person uses it: Shift+F10 on the card, then a
 * click on an item of the popover.  Remove From Pipeline takes the card
 * off the board; Move To ▸ a stage moves it there. */
static void
test_card_menu_items (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *row = find_row (f, 0, "Ann");
  g_autoptr(DlStage) interested = dl_store_get_stage (f->store, f->stage[2]);
  GtkWidget *popover;
  GtkWidget *item;

  g_assert_nonnull (row);
  if (row == NULL)
    return;

  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.card-menu", NULL));
  g_assert_true (dl_test_wait_for (menu_item_shown, &(MenuProbe) { row, "Remove From Pipeline" }));
  popover = dl_test_find_descendant (row, GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (popover);
  if (popover == NULL)
    return;
  item = dl_test_find_menu_item (popover, "Remove From Pipeline");
  g_assert_nonnull (item);
  if (item == NULL)
    return;
  g_signal_emit_by_name (item, "clicked");
  wait_until (.f = f, .names[0] = "Bob", .shown[0] = "Bob");
  assert_names (f, 0, "Bob");

  row = find_row (f, 0, "Bob");
  g_assert_nonnull (row);
  if (row == NULL)
    return;
  dl_pipeline_view_show_card_menu (f->view, DL_PROSPECT_CARD (gtk_widget_get_first_child (row)), 10, 10);
  g_assert_true (dl_test_wait_for (menu_item_shown,
                                   &(MenuProbe) { row, dl_stage_get_name (interested) }));
  popover = dl_test_find_descendant (row, GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (popover);
  if (popover == NULL)
    return;
  /* the submenu's items are in the popover too, behind "Move To" */
  item = dl_test_find_menu_item (popover, dl_stage_get_name (interested));
  g_assert_nonnull (item);
  if (item == NULL)
    return;
  g_signal_emit_by_name (item, "clicked");
  wait_until (.f = f, .names[0] = "", .names[2] = "Bob");
  assert_names (f, 0, "");
  assert_names (f, 2, "Bob");
}

static gboolean
shows_goal_40 (gpointer data)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  dl_test_collect_labels (data, labels);
  return strstr (labels->str, "· goal 40") != NULL && strstr (labels->str, "of 21 this week") != NULL;
}

/* The numbers bar reads its goals from the one settings object, and
 * follows a change made in Preferences. */
static void
test_goals_from_settings (Fixture       *f,
                          gconstpointer  data)
{
  GSettings *settings = dl_settings_get_gsettings (dl_settings_get_default ());

  g_assert_nonnull (settings);
  if (settings == NULL)
    return;
  g_settings_set_uint (settings, "pipeline-goal", 40);
  g_settings_set_uint (settings, "daily-contacts-goal", 3);
  g_assert_true (dl_test_wait_for (shows_goal_40, f->view));
  g_settings_reset (settings, "pipeline-goal");
  g_settings_reset (settings, "daily-contacts-goal");
}

static gint64
add_member (Fixture    *f,
            const char *first_name,
            const char *last_name,
            const char *city,
            const char *number,
            gint64      sponsor_id)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;

  dl_person_set_first_name (draft, first_name);
  dl_person_set_last_name (draft, last_name);
  dl_person_set_city (draft, city);
  member = dl_store_add_member (f->store, draft, sponsor_id, number, dl_day_today () - 40,
                                DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  return member != NULL ? dl_member_get_id (member) : 0;
}

/* Every "name|subtitle" of the person rows shown under widget. */
static void
collect_person_rows (GtkWidget *widget,
                     GString   *out)
{
  const char *subtitle = dl_person_row_get_subtitle (widget);

  if (subtitle != NULL)
    g_string_append_printf (out, "%s|%s\n",
                            gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (widget))), subtitle);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_person_rows (c, out);
}

/* The drop-down data open, its rows made for the three members. */
static gboolean
sponsors_listed (gpointer data)
{
  GtkWidget *popover = dl_test_find_descendant (data, GTK_TYPE_POPOVER);
  g_autoptr(GString) rows = g_string_new (NULL);

  if (popover == NULL || !gtk_widget_get_visible (popover))
    return FALSE;
  collect_person_rows (popover, rows);
  return strstr (rows->str, "Bao Vu|#10002345") != NULL && strstr (rows->str, "Bao Vu|#10009999") != NULL
         && strstr (rows->str, "Ana Ruiz|#10000001") != NULL;
}

/* The popover data and its own surface are off the screen. */
static gboolean
popup_closed (gpointer data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (data));

  return !gtk_widget_get_mapped (data) && (surface == NULL || !gdk_surface_get_mapped (surface));
}

/* The sponsor picker tells two members of one name apart by number,
 * city and sponsor. */
static void
test_join_sponsor_namesakes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GListModel) column = dl_store_get_prospects (f->store, f->stage[0]);
  g_autoptr(DlProspect) bob = g_list_model_get_item (column, 1);
  g_autoptr(GString) rows = g_string_new (NULL);
  gint64 ana = add_member (f, "Ana", "Ruiz", "Madrid", "10000001", f->user_id);
  AdwMessageDialog *dialog;
  GtkWidget *sponsor, *popover;

  gint64 lyon = add_member (f, "Bao", "Vu", "Lyon", "10002345", ana);
  add_member (f, "Bao", "Vu", "Paris", "10009999", f->user_id);

  dl_pipeline_view_request_move (f->view, dl_prospect_get_id (bob), f->stage[5], 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  sponsor = dl_test_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (sponsor);
  /* open it, as a click on its button does */
  g_assert_nonnull (dl_test_find_descendant (sponsor, GTK_TYPE_TOGGLE_BUTTON));
  g_signal_emit_by_name (dl_test_find_descendant (sponsor, GTK_TYPE_TOGGLE_BUTTON), "clicked");
  g_assert_true (dl_test_wait_for (sponsors_listed, sponsor));
  popover = dl_test_find_descendant (sponsor, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  collect_person_rows (popover, rows);
  g_assert_nonnull (strstr (rows->str, "Bao Vu|#10002345 · Lyon · sponsor Ana Ruiz\n"));
  g_assert_nonnull (strstr (rows->str, "Bao Vu|#10009999 · Paris · your own recruit\n"));
  g_assert_nonnull (strstr (rows->str, "Ana Ruiz|#10000001 · Madrid · your own recruit\n"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  /* closed for good before the dialog goes: GTK asks a closing popup's
   * surface where the pointer is, once, from the main loop */
  g_assert_true (dl_test_wait_for (popup_closed, popover));

  /* the one chosen: the closed drop-down shows the name, the row says
   * which Bao Vu it is */
  {
    GListModel *members = gtk_drop_down_get_model (GTK_DROP_DOWN (sponsor));
    GtkWidget *row = gtk_widget_get_ancestor (sponsor, ADW_TYPE_ACTION_ROW);

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");
    for (guint i = 0; i < g_list_model_get_n_items (members); i++)
      {
        g_autoptr(DlMember) m = g_list_model_get_item (members, i);

        if (dl_member_get_id (m) == lyon)
          gtk_drop_down_set_selected (GTK_DROP_DOWN (sponsor), i);
      }
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "#10002345 · Lyon · sponsor Ana Ruiz");
  }
  /* the choice drawn before the dialog goes (gone sooner, something
   * keeps the store) */
  g_assert_true (dl_test_wait_drawn (GTK_WIDGET (dialog)));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
titled_window_mapped (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_window_get_title (l->data), data) == 0 && gtk_widget_get_mapped (l->data))
      return TRUE;
  return FALSE;
}

/* Runs xdotool on the window titled title: focuses it, then presses
 * key; the caller waits for what the key does.  FALSE when xdotool is missing (the test is then skipped). */
static gboolean
press_key (const char *title,
           const char *key)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { NULL, "search", "--sync", "--name", title, "windowfocus", "--sync", "key", key, NULL };

  if (xdotool == NULL)
    return FALSE;
  argv[0] = xdotool;
  /* the window on screen under its title before xdotool looks for it,
   * and what this process asked of the X server done */
  g_assert_true (dl_test_wait_for (titled_window_mapped, (gpointer) title));
  gdk_display_sync (gdk_display_get_default ());
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return TRUE;
}

/* The join dialog for the prospect, titled title, with its Role row
 * focused; the row's list of choices in *choices. */
static AdwMessageDialog *
open_join_on_role (Fixture     *f,
                   gint64       prospect_id,
                   const char  *title,
                   GtkWidget  **choices)
{
  AdwMessageDialog *dialog;
  AdwComboRow *role;

  dl_pipeline_view_request_move (f->view, prospect_id, f->stage[5], 0);
  g_assert_true (dl_test_wait_for (dialog_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_set_title (GTK_WINDOW (dialog), title);
  role = find_combo (GTK_WIDGET (dialog), "Role");
  g_assert_nonnull (role);
  /* where the dialog puts the focus when it opens */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (role)));
  *choices = dl_test_find_descendant (GTK_WIDGET (role), GTK_TYPE_POPOVER);
  g_assert_nonnull (*choices);
  return dialog;
}

typedef struct
{
  Fixture *f;
  gint64   person_id;
} MemberProbe;

/* The person is a member now. */
static gboolean
is_member (gpointer data)
{
  MemberProbe *p = data;
  g_autoptr(DlMember) member = dl_store_get_member (p->f->store, p->person_id);

  return member != NULL;
}

/* Enter on the focused Role drop-down joins with the defaults (the
 * dialog's default response); Space opens the choices and joins nobody. */
static void
test_join_enter_on_role (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListModel) column = dl_store_get_prospects (f->store, f->stage[0]);
  g_autoptr(DlProspect) ann = g_list_model_get_item (column, 0);
  g_autoptr(DlProspect) bob = g_list_model_get_item (column, 1);
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GtkWidget) choices = NULL;
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  AdwMessageDialog *dialog;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is needed to press a real key");
      return;
    }

  /* Space: the choices, nobody joins */
  dialog = open_join_on_role (f, dl_prospect_get_id (ann), "join-space-on-role", &choices);
  g_assert_true (press_key ("join-space-on-role", "space"));
  g_assert_true (dl_test_wait_for (widget_visible, choices));
  g_assert_true (gtk_widget_get_visible (choices));
  dl_test_spin (150);   /* no condition: nobody may join within this time */
  member = dl_store_get_member (f->store, dl_prospect_get_id (ann));
  g_assert_null (member);
  gtk_popover_popdown (GTK_POPOVER (choices));
  choices = NULL;
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* gone, so the next dialog found is the next one */
  wait_until (.f = f, .no_dialog = TRUE);
  assert_names (f, 0, "Ann,Bob");

  /* a role chosen with the keyboard (Space, Down, Enter in the list),
   * then Enter on the row again: joins as a customer */
  {
    g_autoptr(GListModel) column1 = dl_store_get_prospects (f->store, f->stage[1]);
    g_autoptr(DlProspect) dee = g_list_model_get_item (column1, 0);
    g_autoptr(GtkWidget) list = NULL;
    g_autoptr(DlMember) customer = NULL;

    dialog = open_join_on_role (f, dl_prospect_get_id (dee), "join-role-chosen", &list);
    g_object_ref (list);
    g_assert_true (press_key ("join-role-chosen", "space"));
    g_assert_true (dl_test_wait_for (widget_visible, list));
    g_assert_true (gtk_widget_get_visible (list));
    /* X delivers the keys in order: Return below comes after Down, whose
     * choice the role checked at the end shows */
    g_assert_true (press_key ("join-role-chosen", "Down"));
    g_assert_true (press_key ("join-role-chosen", "Return"));
    g_assert_true (dl_test_wait_for (widget_hidden, list));
    g_assert_false (gtk_widget_get_visible (list));
    dl_test_spin (150);   /* no condition: nobody may join within this time */
    g_assert_null (dl_store_get_member (f->store, dl_prospect_get_id (dee)));
    g_assert_true (press_key ("join-role-chosen", "Return"));
    g_assert_false (gtk_widget_get_visible (list));
    /* a pressed button clicks a moment later, as it shows being pressed */
    g_assert_true (dl_test_wait_for (is_member, &(MemberProbe) { f, dl_prospect_get_id (dee) }));
    customer = dl_store_get_member (f->store, dl_prospect_get_id (dee));
    g_assert_nonnull (customer);
    if (customer != NULL)
      g_assert_cmpint (dl_member_get_role (customer), ==, DL_ROLE_CUSTOMER);
  }

  /* Enter: joins at once, with what the dialog shows */
  dialog = open_join_on_role (f, dl_prospect_get_id (bob), "join-enter-on-role", &choices);
  g_object_ref (choices);
  g_assert_true (press_key ("join-enter-on-role", "Return"));
  g_assert_false (gtk_widget_get_visible (choices));
  /* a pressed button clicks a moment later, as it shows being pressed */
  g_assert_true (dl_test_wait_for (is_member, &(MemberProbe) { f, dl_prospect_get_id (bob) }));
  member = dl_store_get_member (f->store, dl_prospect_get_id (bob));
  g_assert_nonnull (member);
  if (member != NULL)
    {
      g_assert_cmpint (dl_member_get_role (member), ==, DL_ROLE_DISTRIBUTOR);
      g_assert_cmpint (dl_member_get_sponsor_id (member), ==, f->user_id);
    }
  assert_names (f, 5, "Bob,Dee");
  g_assert_null (find_dialog ());
}

/* The real arrow keys on a card: Right and Left go to the neighbouring
 * column's card at the same height (the last, when it has fewer), past
 * empty columns; at the end nothing moves.  No card is moved. */
static void
test_arrows_across_columns (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *row = find_row (f, 0, "Bob");

  /* the qualification checks say what they are in words on the card */
  {
    g_autoptr(GString) labels = g_string_new (NULL);

    dl_test_collect_labels (row, labels);
    g_assert_nonnull (strstr (labels->str, "|Starter|Worker|Fit|Product|"));
  }

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  gtk_widget_grab_focus (row);
  wait_until (.f = f, .focused = "Bob");
  g_assert_cmpstr (focused_name (f), ==, "Bob");

  g_assert_true (press_key ("pipeline-test", "Right"));
  wait_until (.f = f, .focused = "Eve");
  g_assert_cmpstr (focused_name (f), ==, "Eve");
  /* the columns after are empty: the focus stays */
  g_assert_true (press_key ("pipeline-test", "Right"));
  dl_test_spin (150);   /* no condition: the focus must not move within this time */
  g_assert_cmpstr (focused_name (f), ==, "Eve");
  g_assert_true (press_key ("pipeline-test", "Left"));
  wait_until (.f = f, .focused = "Bob");
  g_assert_cmpstr (focused_name (f), ==, "Bob");
  g_assert_true (press_key ("pipeline-test", "Up"));
  wait_until (.f = f, .focused = "Ann");
  g_assert_cmpstr (focused_name (f), ==, "Ann");
  g_assert_true (press_key ("pipeline-test", "Right"));
  wait_until (.f = f, .focused = "Dee");
  g_assert_cmpstr (focused_name (f), ==, "Dee");

  assert_names (f, 0, "Ann,Bob");
  assert_names (f, 1, "Dee,Eve");
}

static guint
n_contacts (Fixture *f,
            gint64   person_id)
{
  g_autoptr(GListModel) log = dl_store_get_interactions (f->store, person_id);

  return g_list_model_get_n_items (log);
}

typedef struct
{
  Fixture *f;
  gint64   person_id;
  guint    n;
} ContactsProbe;

static gboolean
n_contacts_is (gpointer data)
{
  ContactsProbe *p = data;

  return n_contacts (p->f, p->person_id) == p->n;
}

/* The Log Contact popover of the card row data is on screen. */
static gboolean
log_popover_shown (gpointer data)
{
  GtkWidget *log = dl_test_find_descendant (data, DL_TYPE_TODAY_LOG_POPOVER);

  return log != NULL && gtk_widget_get_mapped (log);
}

/* Log Contact… from the card's menu, through the real popover: the
 * contact is in the file with its words, and Undo on the toast takes it
 * back.  Ctrl+L on the focused card opens the same. */
static void
test_log_contact_from_card (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *row = find_row (f, 1, "Dee");
  GtkWidget *popover, *item, *log, *undo = NULL;
  DlProspect *dee;
  gint64 id;

  g_assert_nonnull (row);
  if (row == NULL)
    return;
  dee = dl_prospect_card_get_prospect (DL_PROSPECT_CARD (gtk_widget_get_first_child (row)));
  id = dl_prospect_get_id (dee);
  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.card-menu", NULL));
  g_assert_true (dl_test_wait_for (menu_item_shown, &(MenuProbe) { row, "Log Contact" }));
  popover = dl_test_find_descendant (row, GTK_TYPE_POPOVER_MENU);
  item = popover != NULL ? dl_test_find_menu_item (popover, "Log Contact") : NULL;
  g_assert_nonnull (item);
  if (item == NULL)
    return;
  g_signal_emit_by_name (item, "clicked");
  g_assert_true (dl_test_wait_for (log_popover_shown, row));

  log = dl_test_find_descendant (row, DL_TYPE_TODAY_LOG_POPOVER);
  g_assert_nonnull (log);
  if (log == NULL)
    return;
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (log, DL_TYPE_TODAY_LOG_POPOVER,
                                                                      "summary_entry")),
                         "asked about the starter kit");
  g_signal_emit_by_name (gtk_widget_get_template_child (log, DL_TYPE_TODAY_LOG_POPOVER, "log_button"),
                         "clicked");
  g_assert_true (dl_test_wait_for (n_contacts_is, &(ContactsProbe) { f, id, 1 }));
  g_assert_cmpuint (n_contacts (f, id), ==, 1);
  {
    g_autoptr(GListModel) contacts = dl_store_get_interactions (f->store, id);
    g_autoptr(DlInteraction) contact = g_list_model_get_item (contacts, 0);

    g_assert_cmpstr (dl_interaction_get_summary (contact), ==, "asked about the starter kit");
  }

  wait_until (.f = f, .toast = "Contact with Dee");
  undo = dl_test_find_toast_button (GTK_WIDGET (f->window), "Contact with Dee");
  g_assert_nonnull (undo);
  if (undo != NULL)
    {
      dl_test_click_toast_button (undo);
      g_assert_true (dl_test_wait_for (n_contacts_is, &(ContactsProbe) { f, id, 0 }));
      g_assert_cmpuint (n_contacts (f, id), ==, 0);
    }

  /* Ctrl+L on the card: the same popover */
  row = find_row (f, 1, "Eve");
  gtk_widget_grab_focus (row);
  g_assert_true (press_key ("pipeline-test", "ctrl+l"));
  g_assert_true (dl_test_wait_for (log_popover_shown, row));
  log = dl_test_find_descendant (row, DL_TYPE_TODAY_LOG_POPOVER);
  g_assert_nonnull (log);
  /* closed again, so its keyboard grab goes before the next test */
  if (log != NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (log));
      g_assert_true (dl_test_wait_for (popup_closed, log));
    }
}

typedef struct
{
  Fixture         *f;
  GtkAdjustment   *h;
  graphene_rect_t *bounds;
} ScrollProbe;

/* The board scrolled to show all of bounds, and the first column says
 * none of its two match. */
static gboolean
scrolled_to (gpointer data)
{
  ScrollProbe *p = data;
  DlTestLabelsProbe labels = { dl_pipeline_view_get_column (p->f->view, 0), "0 of 2" };

  return gtk_adjustment_get_value (p->h) <= p->bounds->origin.x
         && gtk_adjustment_get_value (p->h) + gtk_adjustment_get_page_size (p->h)
            >= p->bounds->origin.x + p->bounds->size.width
         && dl_test_labels_contain (&labels);
}

/* A search whose only match is in the last stage scrolls the board to
 * it; the columns say how many of theirs match. */
static void
test_search_scrolls_to_match (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->view), DL_TYPE_PIPELINE_VIEW,
                                                                "search_entry"));
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                                    DL_TYPE_PIPELINE_VIEW,
                                                                                    "board_scroller"));
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (scroller);
  GtkWidget *last = dl_pipeline_view_get_column (f->view, 6);
  graphene_rect_t bounds;

  add (f, "Zebedee", 6);
  wait_until (.f = f, .shown[6] = "Zebedee");
  gtk_adjustment_set_value (h, 0);
  g_assert_true (gtk_widget_compute_bounds (last, gtk_widget_get_parent (last), &bounds));
  /* off screen at first */
  g_assert_cmpfloat (bounds.origin.x, >, gtk_adjustment_get_page_size (h));

  gtk_widget_activate_action (GTK_WIDGET (f->view), "pipeline.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "zebed");
  g_assert_true (dl_test_wait_for (scrolled_to, &(ScrollProbe) { f, h, &bounds }));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), <=, bounds.origin.x);
  g_assert_cmpfloat (gtk_adjustment_get_value (h) + gtk_adjustment_get_page_size (h), >=,
                     bounds.origin.x + bounds.size.width);
  {
    g_autoptr(GString) labels = g_string_new (NULL);

    dl_test_collect_labels (dl_pipeline_view_get_column (f->view, 0), labels);
    g_assert_nonnull (strstr (labels->str, "0 of 2"));
  }
}

/* Where row is in its column's scrolled window: TRUE when all of it
 * shows. */
static gboolean
row_fully_shown (GtkWidget *column,
                 GtkWidget *row)
{
  GtkWidget *scroller = GTK_WIDGET (gtk_widget_get_template_child (column, DL_TYPE_PIPELINE_COLUMN, "scroller"));
  graphene_rect_t bounds;

  /* the grid keeps rows off screen unshown, in a sliver at the top */
  if (row == NULL || !gtk_widget_get_child_visible (row) || !gtk_widget_get_mapped (row)
      || !gtk_widget_compute_bounds (row, scroller, &bounds) || bounds.size.height < 20)
    return FALSE;
  return bounds.origin.y >= -0.5
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) + 0.5;
}

/* The first column has its 22 cards, more than it shows: the list has
 * laid out the new ones, the first cards whole on screen. */
static gboolean
column_overflows (gpointer data)
{
  Fixture *f = data;
  GtkWidget *column = dl_pipeline_view_get_column (f->view, 0);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_template_child (column, DL_TYPE_PIPELINE_COLUMN,
                                                                                    "scroller"));
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scroller);
  g_autofree char *names = names_in (f, 0);

  return g_str_has_suffix (names, ",C19")
         && gtk_adjustment_get_upper (v) > gtk_adjustment_get_page_size (v) + 1
         && row_fully_shown (column, find_row (f, 0, "Ann"))
         && row_fully_shown (column, find_row (f, 0, "Bob"));
}

typedef struct
{
  Fixture    *f;
  GtkWidget  *column;
  const char *moved;
  const char *before;   /* the order before the move */
} NeighboursProbe;

/* The card one further down, with the keyboard, whole on screen with
 * the cards either side of it. */
static gboolean
moved_with_neighbours (gpointer data)
{
  NeighboursProbe *p = data;
  g_autofree char *order = names_in (p->f, 0);
  g_auto(GStrv) names = g_strsplit (order, ",", -1);
  guint i;

  if (g_str_equal (order, p->before))
    return FALSE;
  for (i = 0; names[i] != NULL && !g_str_equal (names[i], p->moved); i++)
    ;
  return names[i] != NULL && i > 0 && names[i + 1] != NULL
         && g_str_equal (focused_name (p->f), p->moved)
         && row_fully_shown (p->column, find_row (p->f, 0, p->moved))
         && row_fully_shown (p->column, find_row (p->f, 0, names[i - 1]))
         && row_fully_shown (p->column, find_row (p->f, 0, names[i + 1]));
}

/* The real Alt+Down on the last card that shows whole: the card goes one
 * down and the column scrolls so the card now after it shows too (the
 * list alone would stop with the moved card at the edge). */
static void
test_move_keeps_neighbours (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *column = dl_pipeline_view_get_column (f->view, 0);
  g_autofree char *order = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *moved = NULL;
  GtkWidget *row;
  guint i;

  for (i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("C%02u", i);

      add (f, name, 0);
    }
  g_assert_true (dl_test_wait_for (column_overflows, f));

  /* the last card shown whole, with cards after it */
  order = names_in (f, 0);
  names = g_strsplit (order, ",", -1);
  for (i = 0; names[i] != NULL && names[i + 1] != NULL; i++)
    if (row_fully_shown (column, find_row (f, 0, names[i])))
      {
        g_free (moved);
        moved = g_strdup (names[i]);
      }
  g_assert_nonnull (moved);
  g_assert_false (row_fully_shown (column, find_row (f, 0, names[g_strv_length (names) - 1])));
  row = find_row (f, 0, moved);
  gtk_widget_grab_focus (row);
  wait_until (.f = f, .focused = moved);

  if (!press_key ("pipeline-test", "alt+Down"))
    {
      g_test_skip ("xdotool is missing");
      return;
    }
  /* moved, refocused, then scrolled to its neighbours, each a moment
   * after the last */
  g_assert_true (dl_test_wait_for (moved_with_neighbours, &(NeighboursProbe) { f, column, moved, order }));

  g_clear_pointer (&order, g_free);
  g_clear_pointer (&names, g_strfreev);
  order = names_in (f, 0);
  names = g_strsplit (order, ",", -1);
  for (i = 0; names[i] != NULL && !g_str_equal (names[i], moved); i++)
    ;
  g_assert_nonnull (names[i]);
  g_assert_nonnull (names[i + 1]);
  g_assert_cmpstr (focused_name (f), ==, moved);
  g_assert_true (row_fully_shown (column, find_row (f, 0, moved)));
  /* the card it went past, above, and the one now after it, below */
  g_assert_true (row_fully_shown (column, find_row (f, 0, names[i - 1])));
  g_assert_true (row_fully_shown (column, find_row (f, 0, names[i + 1])));
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
  g_test_add ("/pipeline/view/search-scrolls-to-match", Fixture, NULL,
              fixture_set_up, test_search_scrolls_to_match, fixture_tear_down);
  g_test_add ("/pipeline/view/log-contact-from-card", Fixture, NULL,
              fixture_set_up, test_log_contact_from_card, fixture_tear_down);
  g_test_add ("/pipeline/view/arrows-across-columns", Fixture, NULL,
              fixture_set_up, test_arrows_across_columns, fixture_tear_down);
  g_test_add ("/pipeline/view/move-keeps-neighbours", Fixture, NULL,
              fixture_set_up, test_move_keeps_neighbours, fixture_tear_down);
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
  g_test_add ("/pipeline/view/restore-clears-undo", Fixture, NULL,
              fixture_set_up, test_restore_clears_undo, fixture_tear_down);
  g_test_add ("/pipeline/view/stage-undo", Fixture, NULL,
              fixture_set_up, test_stage_undo, fixture_tear_down);
  g_test_add ("/pipeline/view/stage-dialog-name", Fixture, NULL,
              fixture_set_up, test_stage_dialog_name, fixture_tear_down);
  g_test_add ("/pipeline/view/not-now-refuses-bad-date", Fixture, NULL,
              fixture_set_up, test_not_now_refuses_bad_date, fixture_tear_down);
  g_test_add ("/pipeline/view/join-refuses-future", Fixture, NULL,
              fixture_set_up, test_join_refuses_future, fixture_tear_down);
  g_test_add ("/pipeline/view/join-sponsor-namesakes", Fixture, NULL,
              fixture_set_up, test_join_sponsor_namesakes, fixture_tear_down);
  g_test_add ("/pipeline/view/join-enter-on-role", Fixture, NULL,
              fixture_set_up, test_join_enter_on_role, fixture_tear_down);
  g_test_add ("/pipeline/view/new-prospect-dialog", Fixture, NULL,
              fixture_set_up, test_new_prospect_dialog, fixture_tear_down);
  g_test_add ("/pipeline/view/undo-while-typing", Fixture, NULL,
              fixture_set_up, test_undo_while_typing, fixture_tear_down);
  g_test_add ("/pipeline/view/midnight", Fixture, NULL,
              fixture_set_up, test_midnight, fixture_tear_down);
  g_test_add ("/pipeline/view/empty-state", Fixture, NULL,
              fixture_set_up, test_empty_state, fixture_tear_down);
  g_test_add ("/pipeline/view/export-vcard-item", Fixture, NULL,
              fixture_set_up, test_export_vcard_item, fixture_tear_down);
  g_test_add ("/pipeline/view/card-menu-items", Fixture, NULL,
              fixture_set_up, test_card_menu_items, fixture_tear_down);
  g_test_add ("/pipeline/view/goals-from-settings", Fixture, NULL,
              fixture_set_up, test_goals_from_settings, fixture_tear_down);

  return g_test_run ();
}

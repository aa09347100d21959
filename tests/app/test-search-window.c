/* test-search-window.c — Ctrl+K in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header's search button opens the search; what is typed lists
 * people told apart by number, city and sponsor; a chosen member opens
 * selected in the Downline view, a prospect focused on their card on
 * the board; nothing found says so.
 */

#include "config.h"

#include "../dl-test-files.h"

#include "../dl-test-widgets.h"

#include <glib/gstdio.h>

#include "dl-application.h"
#include "dl-day.h"
#include "dl-downline-view.h"
#include "dl-member-edit-dialog.h"
#include "dl-prospect-card.h"
#include "dl-search-window.h"
#include "dl-store.h"
#include "dl-store-search.h"
#include "dl-store-testing.h"
#include "dl-tree-canvas.h"
#include "dl-window.h"

static DlApplication *app;
static char *tmp_dir;

typedef struct
{
  DlStore  *store;
  DlWindow *window;
  gint64    bao_lyon;
  gint64    bao_oslo;
  gint64    quincy;
} Fixture;

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gint64
add_member (DlStore    *store,
            const char *first,
            const char *last,
            const char *city,
            const char *number,
            gint64      sponsor)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;

  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, last);
  dl_person_set_city (draft, city);
  member = dl_store_add_member (store, draft, sponsor, number, dl_day_today (), DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  return member != NULL ? dl_member_get_id (member) : 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(DlStage) stage = NULL;
  static guint n;
  gint64 carla;

  path = g_strdup_printf ("%s/search-%u.db", tmp_dir, n++);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);
  dl_person_set_first_name (me, "Wendy");
  dl_person_set_last_name (me, "Owner");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));

  carla = add_member (f->store, "Carla", "Mendes", "Porto", "2001", dl_store_get_user_id (f->store));
  f->bao_lyon = add_member (f->store, "Bao", "Vu", "Lyon", "2002", dl_store_get_user_id (f->store));
  f->bao_oslo = add_member (f->store, "Bao", "Vu", "Oslo", "2003", carla);

  stages = dl_store_get_stages (f->store);
  stage = g_list_model_get_item (stages, 1);
  dl_person_set_first_name (draft, "Quincy");
  dl_person_set_last_name (draft, "Adams");
  prospect = dl_store_add_prospect (f->store, draft, dl_stage_get_id (stage), &error);
  g_assert_no_error (error);
  f->quincy = dl_prospect_get_id (prospect);

  f->window = dl_window_new (app, f->store);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (dl_test_wait_for (mapped, f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  dl_test_assert_last_ref (f->window);
  dl_test_assert_last_ref (g_steal_pointer (&f->store));
}

static GtkWidget *
find_search_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.search") == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static DlSearchWindow *
find_search_window (void)
{
  return dl_test_find_window (DL_TYPE_SEARCH_WINDOW);
}

/* Opens the search through the header's button, as a click does. */
static DlSearchWindow *
open_search (Fixture *f)
{
  GtkWidget *button = find_search_button (GTK_WIDGET (f->window));

  g_assert_nonnull (button);
  if (button == NULL)
    return NULL;
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  /* a button activated by keyboard or click shows itself pressed for a
   * moment before it emits ::clicked */
  gtk_widget_activate (button);
  g_assert_true (dl_test_wait_for (dl_test_window_shown, GSIZE_TO_POINTER (DL_TYPE_SEARCH_WINDOW)));
  return find_search_window ();
}

typedef struct
{
  GtkListBox *list;
  guint       want;
} RowsWait;

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return count_rows (wait->list) == wait->want;
}

/* Whether the search has run: it shows what it found, or that it found
 * nothing, no longer the page for an empty entry. */
static gboolean
searched (gpointer search)
{
  GtkStack *stack = GTK_STACK (dl_test_find_descendant (search, GTK_TYPE_STACK));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "start") != 0;
}

/* Types text into the entry and waits for the search-changed delay. */
static void
type_text (DlSearchWindow *search,
           const char     *text)
{
  GtkWidget *entry = dl_test_find_descendant (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* GtkSearchEntry waits a moment after the last keystroke */
  g_assert_true (dl_test_wait_for (searched, search));
}

static DlTreeCanvas *
tree_canvas (Fixture *f)
{
  DlDownlineView *downline = DL_DOWNLINE_VIEW (dl_test_find_descendant (GTK_WIDGET (f->window),
                                                                          DL_TYPE_DOWNLINE_VIEW));

  return dl_downline_view_get_canvas (downline);
}

/* Whether the Downline view has read its tree (in a thread). */
static gboolean
tree_read (gpointer f)
{
  return dl_tree_canvas_get_tree (tree_canvas (f)) != NULL;
}

static gint64
selected_in_tree (Fixture *f)
{
  DlTreeCanvas *canvas = tree_canvas (f);
  DlTree *tree = dl_tree_canvas_get_tree (canvas);
  gint64 selected = dl_tree_canvas_get_selected (canvas);

  return tree != NULL && selected >= 0 ? dl_tree_get_node (tree, selected)->person_id : 0;
}

/* Whether the Downline view's tree has Selection.id selected. */
typedef struct
{
  Fixture *f;
  gint64   id;
} Selection;

static gboolean
selected_is (gpointer data)
{
  Selection *selection = data;

  return selected_in_tree (selection->f) == selection->id;
}

static const char *
visible_view (Fixture *f)
{
  AdwViewStack *stack = ADW_VIEW_STACK (dl_test_find_descendant (GTK_WIDGET (f->window), ADW_TYPE_VIEW_STACK));

  return adw_view_stack_get_visible_child_name (stack);
}

static void
test_member_opens_in_tree (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.search");
  DlSearchWindow *search;
  GtkListBox *list;
  AdwActionRow *lyon = NULL;
  RowsWait wait;

  g_assert_true (accels != NULL && g_strv_contains ((const char * const *) accels, "<Control>k"));

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.view", "s", "today");
  search = open_search (f);
  g_assert_nonnull (search);
  if (search == NULL)
    return;

  type_text (search, "bao vu");
  list = GTK_LIST_BOX (dl_test_find_descendant (GTK_WIDGET (search), GTK_TYPE_LIST_BOX));
  wait = (RowsWait) { list, 2 };
  g_assert_true (dl_test_wait_for (has_rows, &wait));

  /* the two of the same name are told apart */
  for (guint i = 0; i < 2; i++)
    {
      AdwActionRow *row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, i));
      const char *subtitle = adw_action_row_get_subtitle (row);

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Bao Vu");
      if (strstr (subtitle, "Lyon") != NULL)
        {
          g_assert_nonnull (strstr (subtitle, "#2002"));
          g_assert_nonnull (strstr (subtitle, "your own recruit"));
          lyon = row;
        }
      else
        {
          g_assert_nonnull (strstr (subtitle, "Oslo"));
          g_assert_nonnull (strstr (subtitle, "#2003"));
          g_assert_nonnull (strstr (subtitle, "Carla Mendes"));
        }
    }
  g_assert_nonnull (lyon);
  if (lyon == NULL)
    return;

  /* a click on the row: the search closes, the member is selected in
   * the Downline view */
  gtk_widget_activate (GTK_WIDGET (lyon));
  g_assert_true (dl_test_wait_for (selected_is, &(Selection) { f, f->bao_lyon }));
  g_assert_null (find_search_window ());
  g_assert_cmpstr (visible_view (f), ==, "downline");
  g_assert_cmpint (selected_in_tree (f), ==, f->bao_lyon);
}

/* The prospect card that has the focus, or holds or is inside the
 * focused widget; NULL when none. */
static GtkWidget *
focused_card (GtkWidget *focus)
{
  GtkWidget *card = NULL;

  for (GtkWidget *w = focus; w != NULL && card == NULL; w = gtk_widget_get_parent (w))
    if (DL_IS_PROSPECT_CARD (w))
      card = w;
  if (card == NULL && focus != NULL)
    card = dl_test_find_descendant (focus, DL_TYPE_PROSPECT_CARD);
  return card;
}

static gboolean
card_focused (gpointer window)
{
  return focused_card (gtk_root_get_focus (window)) != NULL;
}

/* Enter in the entry opens the first found: a prospect on the board,
 * their card focused. */
static void
test_prospect_opens_on_board (Fixture       *f,
                              gconstpointer  data)
{
  DlSearchWindow *search = open_search (f);
  GtkWidget *entry, *focus, *card;

  g_assert_nonnull (search);
  if (search == NULL)
    return;
  type_text (search, "quin");
  entry = dl_test_find_descendant (GTK_WIDGET (search), GTK_TYPE_SEARCH_ENTRY);
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (dl_test_wait_for (card_focused, f->window));

  g_assert_null (find_search_window ());
  g_assert_cmpstr (visible_view (f), ==, "pipeline");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  card = focused_card (focus);
  g_assert_nonnull (card);
  if (card != NULL)
    g_assert_cmpint (dl_prospect_get_id (dl_prospect_card_get_prospect (DL_PROSPECT_CARD (card))), ==, f->quincy);
}

static void
test_nothing_found (Fixture       *f,
                    gconstpointer  data)
{
  DlSearchWindow *search = open_search (f);
  GtkStack *stack;
  GtkWidget *page;

  g_assert_nonnull (search);
  if (search == NULL)
    return;
  type_text (search, "zebulon");

  /* the status page shown names what was typed */
  stack = GTK_STACK (dl_test_find_descendant (GTK_WIDGET (search), GTK_TYPE_STACK));
  page = gtk_stack_get_visible_child (stack);
  g_assert_true (ADW_IS_STATUS_PAGE (page));
  if (ADW_IS_STATUS_PAGE (page))
    {
      g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), ==, "No One Found");
      g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "“zebulon”"));
    }
  gtk_window_destroy (GTK_WINDOW (search));
}

static gint64
count_people (DlStore *store)
{
  g_autoptr(GListModel) people = dl_store_get_people (store);

  return g_list_model_get_n_items (people);
}

typedef struct
{
  DlStore *store;
  gint64   n;
} People;

static gboolean
people_are (gpointer data)
{
  People *people = data;

  return count_people (people->store) == people->n;
}

/* The member edit dialog on screen, or NULL. */
static DlMemberEditDialog *
find_edit_dialog (void)
{
  return dl_test_find_window (DL_TYPE_MEMBER_EDIT_DIALOG);
}

static gboolean
edit_refused (gpointer dialog)
{
  return dl_member_edit_dialog_get_error (dialog) != NULL;
}

/* A toast below widget whose text contains text, with its button. */
typedef struct
{
  GtkWidget  *widget;
  const char *text;
} Toast;

static gboolean
toast_has_button (gpointer data)
{
  Toast *toast = data;

  return dl_test_find_toast_button (toast->widget, toast->text) != NULL;
}

/* The main menu's Add Member…, through the real popover: a member who
 * signed up in the back office is added under the user, found by the
 * search, selected in the tree; the toast's Undo takes them out again. */
static void
test_add_member (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *menu_button = dl_test_find_descendant (GTK_WIDGET (f->window), GTK_TYPE_MENU_BUTTON);
  GtkWidget *item, *undo;
  DlMemberEditDialog *dialog;
  g_autoptr(GPtrArray) hits = NULL;
  gint64 before = count_people (f->store);
  gint64 added = 0;

  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_true (dl_test_wait_for (mapped, gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))));
  item = dl_test_find_menu_item (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                                 "Add Member");
  g_assert_nonnull (item);
  if (item == NULL)
    return;
  g_signal_emit_by_name (item, "clicked");
  g_assert_true (dl_test_wait_for (dl_test_window_shown, GSIZE_TO_POINTER (DL_TYPE_MEMBER_EDIT_DIALOG)));
  dialog = find_edit_dialog ();
  g_assert_nonnull (dialog);
  if (dialog == NULL)
    return;
  g_assert_cmpstr (visible_view (f), ==, "downline");
  /* the view shown reads its tree first */
  g_assert_true (dl_test_wait_for (tree_read, f));

  /* a number someone has: refused by name, nobody added */
  gtk_editable_set_text (dl_member_edit_dialog_get_field (dialog, "first-name"), "Odile");
  gtk_editable_set_text (dl_member_edit_dialog_get_field (dialog, "last-name"), "Brandt");
  gtk_editable_set_text (dl_member_edit_dialog_get_field (dialog, "member-number"), "2002");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), DL_TYPE_MEMBER_EDIT_DIALOG,
                                                        "save_button"), "clicked");
  g_assert_true (dl_test_wait_for (edit_refused, dialog));
  g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
  g_assert_nonnull (strstr (dl_member_edit_dialog_get_error (dialog), "Bao Vu"));
  g_assert_cmpint (count_people (f->store), ==, before);

  gtk_editable_set_text (dl_member_edit_dialog_get_field (dialog, "member-number"), "2099");
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), DL_TYPE_MEMBER_EDIT_DIALOG,
                                                        "save_button"), "clicked");
  g_assert_true (dl_test_wait_for (people_are, &(People) { f->store, before + 1 }));
  g_assert_cmpint (count_people (f->store), ==, before + 1);
  hits = dl_store_search (f->store, "odile brandt", 5, NULL, NULL);
  g_assert_cmpuint (hits->len, ==, 1);
  if (hits->len == 1)
    {
      DlSearchHit *hit = g_ptr_array_index (hits, 0);

      added = hit->person_id;
      g_assert_cmpstr (hit->member_number, ==, "2099");
      g_assert_cmpstr (hit->sponsor_name, ==, "Wendy Owner");
    }
  g_assert_true (dl_test_wait_for (selected_is, &(Selection) { f, added }));
  g_assert_cmpint (selected_in_tree (f), ==, added);
  /* a downline of more than the user: no "only you so far" */
  {
    GtkWidget *downline = dl_test_find_descendant (GTK_WIDGET (f->window), DL_TYPE_DOWNLINE_VIEW);

    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_template_child (downline,
                                                                                              DL_TYPE_DOWNLINE_VIEW,
                                                                                              "start_offer"))));
  }

  g_assert_true (dl_test_wait_for (toast_has_button, &(Toast) { GTK_WIDGET (f->window), "Added Odile Brandt" }));
  undo = dl_test_find_toast_button (GTK_WIDGET (f->window), "Added Odile Brandt");
  g_assert_nonnull (undo);
  if (undo == NULL)
    return;
  dl_test_click_toast_button (undo);
  g_assert_true (dl_test_wait_for (people_are, &(People) { f->store, before }));
  g_assert_cmpint (count_people (f->store), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-search-window-XXXXXX", &error);
  g_assert_no_error (error);

  app = dl_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  g_settings_set_boolean (dl_application_get_settings (app), "notifications-enabled", FALSE);

  g_test_add ("/search-window/member-opens-in-tree", Fixture, NULL,
              fixture_set_up, test_member_opens_in_tree, fixture_tear_down);
  g_test_add ("/search-window/prospect-opens-on-board", Fixture, NULL,
              fixture_set_up, test_prospect_opens_on_board, fixture_tear_down);
  g_test_add ("/search-window/add-member", Fixture, NULL,
              fixture_set_up, test_add_member, fixture_tear_down);
  g_test_add ("/search-window/nothing-found", Fixture, NULL,
              fixture_set_up, test_nothing_found, fixture_tear_down);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  dl_test_remove_tree (tmp_dir);
  return status;
}

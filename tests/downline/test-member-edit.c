/* test-member-edit.c — the Downline view's Edit dialog, on a real store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bad input is refused with a message and changes nothing (not even the
 * fields that were fine); a good edit is saved as one change and the
 * copies handed to ::saved undo it.  What is checked is read back from
 * a second connection to the file, not from the dialog.
 */

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "dl-cadence-group.h"
#include "dl-day.h"
#include "dl-member-edit-dialog.h"
#include "dl-search-window.h"
#include "dl-store-downline.h"
#include "dl-store-sample.h"
#include "dl-validate.h"
#include "downline-resources.h"
#include "../dl-test-files.h"
#include "../dl-test-widgets.h"

static char *tmp_dir;

typedef struct
{
  char     *first_name;
  char     *email;
  char     *number;
  char     *rank;
  DlRole    role;
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_free (s->first_name);
  g_free (s->email);
  g_free (s->number);
  g_free (s->rank);
}

/* What the file says, through a connection of its own. */
static Snapshot
read_back (const char *path,
           gint64      person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) other = dl_store_open (path, &error);
  g_autoptr(DlMember) member = NULL;
  Snapshot s = { 0, };

  g_assert_no_error (error);
  member = dl_store_get_member (other, person_id);
  g_assert_nonnull (member);
  s.first_name = g_strdup (dl_person_get_first_name (dl_member_get_person (member)));
  s.email = g_strdup (dl_person_get_email (dl_member_get_person (member)));
  s.number = g_strdup (dl_member_get_member_number (member));
  s.rank = g_strdup (dl_member_get_rank (member));
  s.role = dl_member_get_role (member);
  return s;
}

static void
assert_same (const Snapshot *a,
             const Snapshot *b)
{
  g_assert_cmpstr (a->first_name, ==, b->first_name);
  g_assert_cmpstr (a->email, ==, b->email);
  g_assert_cmpstr (a->number, ==, b->number);
  g_assert_cmpstr (a->rank, ==, b->rank);
  g_assert_cmpint (a->role, ==, b->role);
}

static void
set_field (DlMemberEditDialog *dialog,
           const char         *field,
           const char         *text)
{
  GtkEditable *editable = dl_member_edit_dialog_get_field (dialog, field);

  g_assert_nonnull (editable);
  gtk_editable_set_text (editable, text);
}

static void
on_saved_cb (DlMemberEditDialog *dialog,
             DlPerson           *person,
             DlMember           *member,
             gpointer            user_data)
{
  GPtrArray *saved = user_data;

  g_ptr_array_add (saved, g_object_ref (person));
  g_ptr_array_add (saved, g_object_ref (member));
}

static void
test_member_edit (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "edit.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  DlMemberEditDialog *dialog;
  gint64 person_id = 0, other_id = 0;
  g_autofree char *other_number = NULL;
  Snapshot before, now;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 60, 5, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  tree = dl_store_load_tree (store, &error);
  g_assert_no_error (error);

  /* Two members with member numbers, neither of them the user. */
  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && other_id == 0; i++)
    {
      gint64 id = dl_tree_get_node (tree, i)->person_id;
      g_autoptr(DlMember) m = NULL;

      if ((gint64) i == dl_tree_get_root (tree))
        continue;
      m = dl_store_get_member (store, id);
      if (dl_member_get_member_number (m) == NULL || *dl_member_get_member_number (m) == '\0')
        continue;
      if (person_id == 0)
        person_id = id;
      else
        {
          other_id = id;
          other_number = g_strdup (dl_member_get_member_number (m));
        }
    }
  g_assert_cmpint (other_id, !=, 0);
  g_assert_null (dl_member_edit_dialog_new (store, 987654321));

  before = read_back (path, person_id);
  dialog = dl_member_edit_dialog_new (store, person_id);
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), saved);
  g_assert_cmpstr (gtk_editable_get_text (dl_member_edit_dialog_get_field (dialog, "first-name")), ==,
                   before.first_name);
  g_assert_null (dl_member_edit_dialog_get_error (dialog));

  /* A bad email: said at once, next to the field; nothing saved. */
  set_field (dialog, "first-name", "Renamed");
  set_field (dialog, "email", "not an address");
  g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dl_member_edit_dialog_get_field (dialog, "email")), "error"));
  g_assert_false (dl_member_edit_dialog_save (dialog));
  now = read_back (path, person_id);
  assert_same (&now, &before);
  snapshot_clear (&now);

  /* A phone number with no digits to dial, as a prospect's would be refused. */
  set_field (dialog, "email", "renamed@example.org");
  set_field (dialog, "phone", "call me");
  g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (dl_member_edit_dialog_get_field (dialog, "phone")), "error"));
  g_assert_false (dl_member_edit_dialog_save (dialog));
  now = read_back (path, person_id);
  assert_same (&now, &before);
  snapshot_clear (&now);
  set_field (dialog, "phone", "+34 600 123 456");

  /* No name at all. */
  g_assert_null (dl_member_edit_dialog_get_error (dialog));
  set_field (dialog, "first-name", " ");
  set_field (dialog, "last-name", "");
  g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
  g_assert_false (dl_member_edit_dialog_save (dialog));

  /* Far too long. */
  {
    g_autofree char *longer = g_strnfill (DL_VALIDATE_MAX_FIELD + 20, 'x');

    set_field (dialog, "first-name", "Renamed");
    set_field (dialog, "city", longer);
    g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
    g_assert_false (dl_member_edit_dialog_save (dialog));
    set_field (dialog, "city", "Leeds");
  }

  /* A member number that is someone else's: the store refuses, and the
   * fields that were fine are not saved either. */
  set_field (dialog, "member-number", other_number);
  g_assert_null (dl_member_edit_dialog_get_error (dialog));
  g_assert_false (dl_member_edit_dialog_save (dialog));
  g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
  g_assert_nonnull (strstr (dl_member_edit_dialog_get_error (dialog), other_number));
  now = read_back (path, person_id);
  assert_same (&now, &before);
  snapshot_clear (&now);
  {
    /* the shared item the rest of the app shows, too */
    g_autoptr(DlPerson) shown = dl_store_get_person (store, person_id);

    g_assert_cmpstr (dl_person_get_first_name (shown), ==, before.first_name);
  }
  g_assert_cmpuint (saved->len, ==, 0);

  /* A good edit: saved, both halves. */
  set_field (dialog, "member-number", "EDIT-42");
  set_field (dialog, "rank", "  Ruby Director ");
  g_assert_true (dl_member_edit_dialog_save (dialog));
  g_assert_null (dl_member_edit_dialog_get_error (dialog));
  now = read_back (path, person_id);
  g_assert_cmpstr (now.first_name, ==, "Renamed");
  g_assert_cmpstr (now.email, ==, "renamed@example.org");
  g_assert_cmpstr (now.number, ==, "EDIT-42");
  g_assert_cmpstr (now.rank, ==, "Ruby Director");
  snapshot_clear (&now);

  /* The tree the view loads shows the new rank. */
  {
    g_autoptr(DlTree) again = dl_store_load_tree (store, &error);
    const DlTreeNode *node;

    g_assert_no_error (error);
    node = dl_tree_get_node (again, dl_tree_find (again, person_id));
    g_assert_cmpstr (dl_tree_get_rank_name (again, node->rank), ==, "Ruby Director");
    g_assert_cmpstr (node->name, ==, "Renamed");
  }

  /* ::saved handed over what was there before: saving it is the undo. */
  g_assert_cmpuint (saved->len, ==, 2);
  g_assert_true (dl_store_save_member_edit (store, g_ptr_array_index (saved, 0),
                                            g_ptr_array_index (saved, 1), &error));
  g_assert_no_error (error);
  now = read_back (path, person_id);
  assert_same (&now, &before);
  snapshot_clear (&now);

  /* Drafts of two different people are refused. */
  {
    g_autoptr(DlMember) a = dl_store_get_member (store, person_id);
    g_autoptr(DlMember) b = dl_store_get_member (store, other_id);

    g_assert_false (dl_store_save_member_edit (store, dl_member_get_person (a), b, &error));
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  snapshot_clear (&before);
}

/* The member's own interval as a second connection reads it. */
static guint
cadence_read_back (const char *path,
                   gint64      person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) other = dl_store_open (path, &error);
  g_autoptr(DlMember) member = NULL;

  g_assert_no_error (error);
  member = dl_store_get_member (other, person_id);
  g_assert_nonnull (member);
  return member != NULL ? dl_member_get_cadence_days (member) : G_MAXUINT;
}

/* The Check-In Rhythm group of a dialog: its switch, its spin button,
 * and what its labels say. */
static DlCadenceGroup *
rhythm_of (DlMemberEditDialog *dialog,
           GtkSwitch         **sw,
           GtkSpinButton     **spin,
           GString            *labels)
{
  GtkWidget *group = dl_test_find_descendant (GTK_WIDGET (dialog), DL_TYPE_CADENCE_GROUP);

  g_assert_nonnull (group);
  *sw = GTK_SWITCH (dl_test_find_descendant (group, GTK_TYPE_SWITCH));
  *spin = GTK_SPIN_BUTTON (dl_test_find_descendant (group, GTK_TYPE_SPIN_BUTTON));
  g_string_truncate (labels, 0);
  dl_test_collect_labels (group, labels);
  return DL_CADENCE_GROUP (group);
}

/* "Check in every N days" or "use the default (N days)", set with the
 * dialog's own switch and spin button, is saved with the member and
 * shown again the next time; the default the dialog names is the one it
 * is given, never one of its own. */
static void
test_member_cadence (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "cadence.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);
  DlMemberEditDialog *dialog;
  GtkSwitch *sw;
  GtkSpinButton *spin;
  gint64 person_id;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 30, 5, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  tree = dl_store_load_tree (store, &error);
  g_assert_no_error (error);
  person_id = dl_tree_get_node (tree, dl_tree_get_node (tree, dl_tree_get_root (tree))->first_child)->person_id;
  g_assert_true (dl_store_set_member_cadence (store, person_id, 0, &error));

  dialog = dl_member_edit_dialog_new (store, person_id);
  dl_member_edit_dialog_set_default_cadence (dialog, 14);
  rhythm_of (dialog, &sw, &spin, labels);
  g_assert_true (gtk_switch_get_active (sw));
  g_assert_nonnull (strstr (labels->str, "Use the default (14 days)"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (spin)));

  gtk_switch_set_active (sw, FALSE);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (spin)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 14);
  gtk_spin_button_set_value (spin, 21);
  g_assert_cmpuint (cadence_read_back (path, person_id), ==, 0);   /* not before Save */
  g_assert_true (dl_member_edit_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (cadence_read_back (path, person_id), ==, 21);

  dialog = dl_member_edit_dialog_new (store, person_id);
  dl_member_edit_dialog_set_default_cadence (dialog, 30);
  rhythm_of (dialog, &sw, &spin, labels);
  g_assert_false (gtk_switch_get_active (sw));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 21);
  g_assert_nonnull (strstr (labels->str, "Use the default (30 days)"));

  /* back to the default; Cancel saves nothing */
  gtk_switch_set_active (sw, TRUE);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (cadence_read_back (path, person_id), ==, 21);
  dialog = dl_member_edit_dialog_new (store, person_id);
  rhythm_of (dialog, &sw, &spin, labels);
  gtk_switch_set_active (sw, TRUE);
  g_assert_true (dl_member_edit_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (cadence_read_back (path, person_id), ==, 0);
}

static GtkWidget *
dialog_child (DlMemberEditDialog *dialog,
              const char         *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), DL_TYPE_MEMBER_EDIT_DIALOG, name));
}

/* The sponsor picker on screen, or NULL. */
static DlSearchWindow *
find_picker (void)
{
  return dl_test_find_window (DL_TYPE_SEARCH_WINDOW);
}

static gboolean
picker_gone (gpointer data)
{
  return find_picker () == NULL;
}

typedef struct
{
  DlSearchWindow *picker;
  DlStore        *store;
  gint64          person_id;
} SponsorSearch;

/* The picker's row for search->person_id, whose subtitle names the
 * right one (namesakes are told apart); NULL until the search shows it. */
static GtkWidget *
sponsor_row (SponsorSearch *search)
{
  GtkListBox *list = GTK_LIST_BOX (dl_test_find_descendant (GTK_WIDGET (search->picker), GTK_TYPE_LIST_BOX));
  g_autoptr(DlMember) member = dl_store_get_member (search->store, search->person_id);
  const char *number = dl_member_get_member_number (member);
  GtkWidget *row = NULL;

  for (guint i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
    {
      GtkWidget *candidate = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (candidate));

      if (number == NULL || strstr (subtitle, number) != NULL)
        row = candidate;
    }
  return row;
}

static gboolean
sponsor_row_shown (gpointer data)
{
  return sponsor_row (data) != NULL;
}

/* Clicks the dialog's Change… button, types name into the picker and
 * chooses the row of person_id. */
static void
pick_sponsor (DlMemberEditDialog *dialog,
              const char         *name,
              gint64              person_id,
              DlStore            *store)
{
  GtkWidget *button = dialog_child (dialog, "sponsor_button");
  SponsorSearch search = { NULL, store, person_id };
  GtkWidget *entry, *row;

  g_signal_emit_by_name (button, "clicked");
  g_assert_true (dl_test_wait_for (dl_test_window_shown, GSIZE_TO_POINTER (DL_TYPE_SEARCH_WINDOW)));
  search.picker = find_picker ();
  g_assert_nonnull (search.picker);
  if (search.picker == NULL)
    return;
  entry = dl_test_find_descendant (GTK_WIDGET (search.picker), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  /* the search runs after a pause in the typing */
  g_assert_true (dl_test_wait_for (sponsor_row_shown, &search));
  row = sponsor_row (&search);
  g_assert_nonnull (row);
  if (row != NULL)
    gtk_widget_activate (row);
  g_assert_true (dl_test_wait_for (picker_gone, NULL));
}

static gboolean
dialog_mapped (gpointer dialog)
{
  return gtk_widget_get_mapped (dialog);
}

typedef struct
{
  char   *status;
  char   *since;
  gint64  sponsor;
  char   *snoozed;
} MemberState;

static MemberState
state_of (const char *path,
          gint64      person_id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  MemberState state = { 0, };

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT status, coalesce (status_since, ''), coalesce (sponsor_id, 0), "
                                       "coalesce (snoozed_until, '') FROM member WHERE person_id = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, person_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  state.status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  state.since = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  state.sponsor = sqlite3_column_int64 (stmt, 2);
  state.snoozed = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

static void
state_clear (MemberState *state)
{
  g_free (state->status);
  g_free (state->since);
  g_free (state->snoozed);
}

/* Status, sponsor and snooze from the dialog: a sponsor in the member's
 * own downline is refused by name and nothing is saved; a good change is
 * saved with the rest, and the copies from ::saved put it all back. */
static void
test_status_sponsor_snooze (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "status.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(DlTree) tree = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  DlMemberEditDialog *dialog;
  gint64 member = 0, recruit = 0, user;
  MemberState before, now;
  char iso[16];

  g_assert_true (dl_store_fill_sample (store, 80, 9, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  tree = dl_store_load_tree (store, &error);
  user = dl_store_get_user_id (store);
  /* a member below the user's frontline with a recruit of their own */
  for (guint i = 0; i < dl_tree_get_n_nodes (tree) && member == 0; i++)
    {
      const DlTreeNode *node = dl_tree_get_node (tree, i);

      if (node->parent != DL_TREE_NO_PARENT && (gint64) node->parent != dl_tree_get_root (tree) && node->n_children > 0)
        {
          member = node->person_id;
          recruit = dl_tree_get_node (tree, node->first_child)->person_id;
        }
    }
  g_assert_cmpint (member, !=, 0);
  g_assert_true (dl_store_snooze_member (store, member, dl_day_today () + 6, &error));
  g_assert_no_error (error);
  before = state_of (path, member);

  dialog = dl_member_edit_dialog_new (store, member);
  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), saved);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (dl_test_wait_for (dialog_mapped, dialog));
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "snooze_row")));

  /* their own recruit as sponsor: refused, naming both; nothing saved */
  {
    g_autoptr(DlPerson) person = dl_store_get_person (store, recruit);

    pick_sponsor (dialog, dl_person_get_name (person), recruit, store);
    g_assert_false (dl_member_edit_dialog_save (dialog));
    g_assert_nonnull (dl_member_edit_dialog_get_error (dialog));
    g_assert_nonnull (strstr (dl_member_edit_dialog_get_error (dialog), dl_person_get_name (person)));
    now = state_of (path, member);
    g_assert_cmpint (now.sponsor, ==, before.sponsor);
    state_clear (&now);
  }

  /* moved under the user, made inactive from today, snooze cancelled */
  {
    g_autoptr(DlPerson) me = dl_store_get_person (store, user);
    GtkWidget *status_row = dialog_child (dialog, "status_row");
    GtkWidget *cancel = dialog_child (dialog, "cancel_snooze_button");

    pick_sponsor (dialog, dl_person_get_name (me), user, store);
    adw_combo_row_set_selected (ADW_COMBO_ROW (status_row), DL_MEMBER_INACTIVE);
    g_signal_emit_by_name (cancel, "clicked");
    g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "snooze_row")));
  }
  g_assert_true (dl_member_edit_dialog_save (dialog));
  g_assert_null (dl_member_edit_dialog_get_error (dialog));
  dl_day_format_iso (dl_day_today (), iso);
  now = state_of (path, member);
  g_assert_cmpint (now.sponsor, ==, user);
  g_assert_cmpstr (now.status, ==, "inactive");
  g_assert_cmpstr (now.since, ==, iso);
  g_assert_cmpstr (now.snoozed, ==, "");
  state_clear (&now);

  /* the copies from ::saved undo all of it */
  g_assert_cmpuint (saved->len, ==, 2);
  g_assert_true (dl_store_save_member_edit (store, g_ptr_array_index (saved, 0),
                                            g_ptr_array_index (saved, 1), &error));
  g_assert_no_error (error);
  now = state_of (path, member);
  g_assert_cmpint (now.sponsor, ==, before.sponsor);
  g_assert_cmpstr (now.status, ==, before.status);
  g_assert_cmpstr (now.since, ==, before.since);
  g_assert_cmpstr (now.snoozed, ==, before.snoozed);
  state_clear (&now);
  state_clear (&before);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  adw_init ();
  downline_register_resource ();
  tmp_dir = g_dir_make_tmp ("downline-test-edit-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/member-edit/refuse-save-undo", test_member_edit);
  g_test_add_func ("/member-edit/cadence", test_member_cadence);
  g_test_add_func ("/member-edit/status-sponsor-snooze", test_status_sponsor_snooze);

  status = g_test_run ();
  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

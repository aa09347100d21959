/* test-toasts.c — the undo stack's toasts on a real overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three changes in a row: only the newest toast shows, the older ones
 * are gone for good (none comes back once the newest is dismissed), the
 * shown toast's Undo button undoes its own change, and Ctrl+Z's path
 * still reaches the older ones.
 */

#include "config.h"

#include "dl-toast.h"
#include "dl-undo-stack.h"
#include "dl-undo-toasts.h"
#include "../dl-test-widgets.h"

static gboolean
note_undo (gpointer   data,
           GError   **error)
{
  GString *log = g_object_get_data (G_OBJECT (data), "log");

  g_string_append_printf (log, "%s;", (char *) g_object_get_data (G_OBJECT (data), "name"));
  return TRUE;
}

static guint64
push (DlUndoStack *stack,
      GString     *log,
      const char  *name)
{
  GObject *change = g_object_new (G_TYPE_OBJECT, NULL);

  g_object_set_data (change, "log", log);
  g_object_set_data_full (change, "name", g_strdup (name), g_free);
  return dl_undo_stack_push (stack, name, note_undo, change, g_object_unref);
}

/* The texts of the toasts on screen below widget, "|"-joined. */
static void
shown_toasts (GtkWidget *widget,
              GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    {
      dl_test_collect_labels (widget, out);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    shown_toasts (c, out);
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
first_change_shown (gpointer overlay)
{
  return dl_test_find_toast_button (overlay, "First change") != NULL;
}

static gboolean
only_third_change_shown (gpointer data)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  shown_toasts (data, seen);
  return strstr (seen->str, "Third change") != NULL && strstr (seen->str, "Second change") == NULL;
}

/* The hiding toasts have finished their animation: the third alone is
 * left. */
static gboolean
third_change_alone (gpointer data)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  shown_toasts (data, seen);
  return g_str_equal (seen->str, "Third change|Undo|");
}

static gboolean
third_change_gone (gpointer data)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  shown_toasts (data, seen);
  return strstr (seen->str, "Third change") == NULL;
}

static void
test_newest_toast_only (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  g_autoptr(DlUndoStack) stack = dl_undo_stack_new ();
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  GtkWidget *undo;
  guint64 first;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("content"));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  dl_undo_toasts_attach (stack, ADW_TOAST_OVERLAY (overlay));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (dl_test_wait_for (mapped, overlay));

  first = push (stack, log, "First change");
  g_assert_true (dl_test_wait_for (first_change_shown, overlay));
  push (stack, log, "Second change");
  push (stack, log, "Third change");
  g_assert_true (dl_test_wait_for (only_third_change_shown, overlay));
  /* the hiding ones finish their animation */
  g_assert_true (dl_test_wait_for (third_change_alone, overlay));
  shown_toasts (overlay, seen);
  g_assert_cmpstr (seen->str, ==, "Third change|Undo|");

  /* the shown toast's button undoes its own change */
  undo = dl_test_find_toast_button (overlay, "Third change");
  g_assert_nonnull (undo);
  dl_test_click_toast_button (undo);
  g_assert_cmpstr (log->str, ==, "Third change;");

  /* the button dismissed its toast: none of the older ones comes back
   * (one queued would show as the dismissed one starts to hide, before
   * it is gone) */
  g_assert_true (dl_test_wait_for (third_change_gone, overlay));
  g_string_truncate (seen, 0);
  shown_toasts (overlay, seen);
  g_assert_null (strstr (seen->str, "First change"));
  g_assert_null (strstr (seen->str, "Second change"));

  /* what Ctrl+Z runs: the newest still there, then the one before */
  g_assert_true (dl_undo_stack_undo_last (stack, NULL));
  g_assert_cmpstr (log->str, ==, "Third change;Second change;");
  g_assert_true (dl_undo_stack_undo (stack, first, NULL));
  g_assert_cmpstr (log->str, ==, "Third change;Second change;First change;");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/toasts/newest-only", test_newest_toast_only);

  return g_test_run ();
}

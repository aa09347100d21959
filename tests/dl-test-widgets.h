/* dl-test-widgets.h — finding widgets the way a person would, in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only helpers shared by the view tests: by a row's title, or
 * the dialog on screen.
 */

#pragma once

#include <adwaita.h>
#include <string.h>

/* The first row of type row_type titled title inside widget, depth
 * first. */
static inline GtkWidget *
find_titled_row (GtkWidget  *widget,
                 GType       row_type,
                 const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, row_type)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_titled_row (c, row_type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The message dialog on screen, if any. */
static inline AdwMessageDialog *
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

/* Every label's text below widget that is shown, joined by "|", in
 * the order a person reads them. */
static inline void
dl_test_collect_labels (GtkWidget *widget,
                        GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    dl_test_collect_labels (child, out);
}

/* The newest shown toplevel window of type, or NULL. */
static inline gpointer
dl_test_find_window (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  return found;
}

/* For dl_test_wait_for: whether a window of the GType in type
 * (GSIZE_TO_POINTER) is shown. */
static inline gboolean
dl_test_window_shown (gpointer type)
{
  return dl_test_find_window ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

/* The first widget of type at or below widget, or NULL. */
static inline GtkWidget *
dl_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dl_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first widget of type with the style class css_class at or below
 * widget, shown or not; NULL when there is none. */
static inline GtkWidget *
dl_test_find_styled (GtkWidget  *widget,
                     GType       type,
                     const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dl_test_find_styled (child, type, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first shown button with a text label at or below widget. */
static inline GtkWidget *
dl_test_find_labelled_button (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dl_test_find_labelled_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button ("Undo" and the like, not the close button) of the toast
 * shown below widget whose text contains text; NULL when there is none
 * or it has no button. */
static inline GtkWidget *
dl_test_find_toast_button (GtkWidget  *widget,
                           const char *text)
{
  if (!gtk_widget_get_visible (widget))
    return NULL;
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
    {
      g_autoptr(GString) labels = g_string_new (NULL);

      dl_test_collect_labels (widget, labels);
      return strstr (labels->str, text) != NULL ? dl_test_find_labelled_button (widget) : NULL;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = dl_test_find_toast_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The item of a popover menu whose label reads text (a GtkModelButton,
 * as GTK 4.8 builds menus), at or below widget; NULL when none. */
static inline GtkWidget *
dl_test_find_menu_item (GtkWidget  *widget,
                        const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkModelButton"))
        {
          g_autoptr(GString) labels = g_string_new (NULL);

          dl_test_collect_labels (child, labels);
          if (strstr (labels->str, text) != NULL)
            return child;
        }
      found = dl_test_find_menu_item (child, text);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* For the message of a failed width check: the shown widgets under w
 * wider than limit, as a tree, which says what keeps a view from getting
 * narrower. */
static inline void
dl_test_print_wide_widgets (GtkWidget *w,
                            int        limit,
                            int        depth)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
  int min = 0;

  if (!gtk_widget_get_visible (w))
    return;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= limit)
    return;
  g_test_message ("%*s%s %s: %d px", depth * 2, "", G_OBJECT_TYPE_NAME (w), id != NULL ? id : "", min);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    dl_test_print_wide_widgets (c, limit, depth + 1);
}

static inline gboolean
dl_test_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Keeps the toast that widget is in from timing out, as a pointer
 * resting on it does (the toast's motion controller is told the
 * pointer came in).  A toast goes after five seconds of the clock on
 * the wall, and a loaded machine running the sanitizers' build can
 * spend longer than that between a toast showing and a test clicking
 * its button: the button is then gone, and the click reaches a freed
 * widget.  Once per toast. */
static inline void
dl_test_hold_toast (GtkWidget *widget)
{
  GtkWidget *toast = gtk_widget_get_ancestor (widget, g_type_from_name ("AdwToastWidget"));
  g_autoptr(GListModel) controllers = NULL;

  g_assert_nonnull (toast);
  if (g_object_get_data (G_OBJECT (toast), "dl-test-held") != NULL)
    return;
  controllers = gtk_widget_observe_controllers (toast);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        {
          g_signal_emit_by_name (controller, "enter", 1.0, 1.0);
          g_object_set_data (G_OBJECT (toast), "dl-test-held", GINT_TO_POINTER (TRUE));
          return;
        }
    }
  g_assert_not_reached ();
}

/* Clicks a toast's button as a person would: once the toast has slid
 * in, the pointer on it.  libadwaita 1.2 crashes when a toast is
 * dismissed (a button click dismisses it) before its show animation has
 * ended, which a test that clicks as soon as the button exists does on
 * a loaded machine. */
static inline void
dl_test_click_toast_button (GtkWidget *button)
{
  gboolean settled = FALSE;

  dl_test_hold_toast (button);
  g_timeout_add (800, dl_test_timeout_cb, &settled);
  while (!settled)
    g_main_context_iteration (NULL, TRUE);
  g_signal_emit_by_name (button, "clicked");
}

/* Spins the main loop until cond (data) holds or thirty seconds pass;
 * FALSE on the timeout.  The time only counts when something is wrong,
 * and the sanitizers' builds run many times slower. */
static inline gboolean
dl_test_wait_for (gboolean (*cond) (gpointer),
                  gpointer   data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (30, dl_test_timeout_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

/* Lets the main loop run for ms milliseconds (frames, flights, idle
 * handlers), never blocking past it. */
static inline void
dl_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, dl_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline gboolean
dl_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Drops the caller's last reference to object (a window: destroys it)
 * and checks it is finalized once the main loop has run what it queued:
 * whatever still holds it (a signal handler, a task, a cache) is a leak,
 * and fails the test.  Waits at most 30 s, for threads to finish. */
static inline void
dl_test_assert_last_ref (gpointer object)
{
  gpointer watched = object;

  g_assert_true (G_IS_OBJECT (object));
  g_object_add_weak_pointer (G_OBJECT (object), &watched);
  if (GTK_IS_WINDOW (object))
    gtk_window_destroy (GTK_WINDOW (object));
  else
    g_object_unref (object);
  if (!dl_test_wait_for (dl_test_pointer_cleared, &watched))
    {
      g_test_message ("%s %p is still held by %u references", G_OBJECT_TYPE_NAME (watched), watched,
                      G_OBJECT (watched)->ref_count);
      g_object_remove_weak_pointer (G_OBJECT (watched), &watched);
      g_test_fail ();
    }
}

/* With DL_SCREENSHOT_DIR set, saves what widget (shown in a window)
 * draws as DIR/name, for the README's screenshots. */
static inline void
dl_test_save_png (GtkWidget  *widget,
                  const char *name)
{
  const char *dir = g_getenv ("DL_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = 0, height = 0;

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (widget);
  /* the paintable is empty until the widget has drawn a frame with it */
  for (guint attempt = 0; attempt < 20 && node == NULL; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      gboolean done = FALSE;

      gtk_widget_queue_draw (widget);
      g_timeout_add (100, dl_test_timeout_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      /* a window just shown has its size after its first frames */
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
  g_test_message ("wrote %s", path);
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} DlTestLabelsProbe;

/* The labels shown below probe->widget read probe->text among them. */
static inline gboolean
dl_test_labels_contain (gpointer data)
{
  DlTestLabelsProbe *probe = data;
  g_autoptr(GString) labels = g_string_new (NULL);

  dl_test_collect_labels (probe->widget, labels);
  return strstr (labels->str, probe->text) != NULL;
}

static inline void
dl_test_painted_cb (GdkFrameClock *clock,
                    gpointer       user_data)
{
  *(gpointer *) user_data = NULL;
}

/* Redraws widget (shown in a window) and runs the main loop until its
 * window has painted a frame since; FALSE on the timeout. */
static inline gboolean
dl_test_wait_drawn (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gpointer unpainted = widget;
  gboolean painted;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (dl_test_painted_cb), &unpainted);
  gtk_widget_queue_draw (widget);
  painted = dl_test_wait_for (dl_test_pointer_cleared, &unpainted);
  g_signal_handler_disconnect (clock, id);
  return painted;
}

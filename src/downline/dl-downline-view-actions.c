/* dl-downline-view-actions.c — the Downline view's actions: export and
 * print, edits, deletions and additions with their undo, zoom, focus,
 * search and the table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-downline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-downline-view-private.h"
#include "dl-member-edit-dialog.h"
#include "dl-store-delete.h"
#include "dl-store-downline.h"
#include "dl-tree-export.h"
#include "dl-clock.h"
#include "dl-settings.h"

/* ---- Export and print ----------------------------------------------- */

typedef struct
{
  DlDownlineView *self;
  gboolean        whole;
} ExportJob;

/* In the window's toasts; on stderr when the view is in no window. */
void
dl_downline_view_show_toast (DlDownlineView *self,
                             const char     *text)
{
  if (self->undo_stack != NULL)
    dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_NORMAL, text);
  else
    g_message ("%s", text);
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ExportJob       *job)
{
  DlDownlineView *self = job->self;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;

      if (!dl_downline_view_export_to_file (self, job->whole, file, &error))
        dl_downline_view_show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          dl_downline_view_show_toast (self, text);
        }
    }
  g_object_unref (dialog);
  g_object_unref (job->self);
  g_free (job);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  ExportJob *job;

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Downline"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("downline.pdf"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PDF, SVG or PNG"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  job = g_new0 (ExportJob, 1);
  job->self = g_object_ref (self);
  job->whole = g_str_equal (action_name, "downline.export-tree");
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 DlDownlineView    *self)
{
  DlRenderView view;

  dl_tree_canvas_get_view (self->canvas, &view);
  view.dark = FALSE;
  dl_tree_export_draw_fit (gtk_print_context_get_cairo_context (context), &view,
                           gtk_print_context_get_width (context),
                           gtk_print_context_get_height (context));
}

GtkPrintOperationResult
dl_downline_view_print (DlDownlineView          *self,
                        GtkPrintOperationAction  action,
                        const char              *export_filename,
                        GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  g_return_val_if_fail (action != GTK_PRINT_OPERATION_ACTION_EXPORT || export_filename != NULL,
                        GTK_PRINT_OPERATION_RESULT_ERROR);

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    {
      g_set_error_literal (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL,
                           _("There is no downline to print yet."));
      return GTK_PRINT_OPERATION_RESULT_ERROR;
    }
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Downline"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  return gtk_print_operation_run (operation, action, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, error);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    return;
  if (dl_downline_view_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    dl_downline_view_show_toast (self, error->message);
}

gboolean
dl_downline_view_export_to_file (DlDownlineView  *self,
                                 gboolean         whole,
                                 GFile           *file,
                                 GError         **error)
{
  g_autofree char *path = NULL;
  DlRenderView view;

  g_return_val_if_fail (DL_IS_DOWNLINE_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (dl_tree_canvas_get_tree (self->canvas) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is no downline to export yet."));
      return FALSE;
    }
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a file on this computer to export to."));
      return FALSE;
    }
  dl_tree_canvas_get_view (self->canvas, &view);
  return dl_tree_export_to_file (&view, whole, path, error);
}

/* ---- Actions -------------------------------------------------------- */

typedef struct
{
  DlStore  *store;
  DlPerson *person;
  DlMember *member;
  DlTodayUndo *welcome;   /* the welcome the edit logged, or NULL */
} EditUndo;

static void
edit_undo_free (gpointer data)
{
  EditUndo *undo = data;

  g_object_unref (undo->store);
  g_object_unref (undo->person);
  g_object_unref (undo->member);
  g_clear_pointer (&undo->welcome, dl_today_undo_free);
  g_free (undo);
}

static gboolean
edit_undo_cb (gpointer   data,
              GError   **error)
{
  EditUndo *undo = data;

  /* the dialog saves the member's own interval beside the rest, and
   * may have logged their welcome */
  return dl_store_save_member_edit (undo->store, undo->person, undo->member, error)
         && dl_store_set_member_cadence (undo->store, dl_member_get_id (undo->member),
                                         dl_member_get_cadence_days (undo->member), error)
         && (undo->welcome == NULL || dl_today_undo (undo->store, undo->welcome, error));
}

static void
on_member_saved_cb (DlMemberEditDialog *dialog,
                    DlPerson           *before_person,
                    DlMember           *before_member,
                    DlDownlineView     *self)
{
  g_autofree char *text = NULL;
  EditUndo *undo;

  if (self->undo_stack == NULL || self->store == NULL)
    return;

  /* Translators: a member's name */
  text = g_strdup_printf (_("Saved the changes to %s"), dl_person_get_name (before_person));
  /* the undo of an earlier edit would write its copies over this one */
  if (self->edit_undo != 0)
    dl_undo_stack_drop (self->undo_stack, self->edit_undo);
  undo = g_new0 (EditUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->person = g_object_ref (before_person);
  undo->member = g_object_ref (before_member);
  undo->welcome = dl_member_edit_dialog_steal_logged_welcome (dialog);
  self->edit_undo = dl_undo_stack_push (self->undo_stack, text, edit_undo_cb, undo, edit_undo_free);
}

typedef struct
{
  DlStore         *store;
  DlDeletedPerson *deleted;
  DlDownlineView  *view;   /* weak */
} DeleteUndo;

static void
delete_undo_free (gpointer data)
{
  DeleteUndo *undo = data;

  g_object_unref (undo->store);
  dl_deleted_person_unref (undo->deleted);
  g_clear_weak_pointer (&undo->view);
  g_free (undo);
}

static gboolean
delete_undo_cb (gpointer   data,
                GError   **error)
{
  DeleteUndo *undo = data;
  gint64 id = dl_store_restore_deleted (undo->store, undo->deleted, error);

  /* back where they were, selected as when they were deleted */
  if (id != 0 && undo->view != NULL)
    dl_downline_view_show_person (undo->view, id);
  return id != 0;
}

static void
on_member_deleted_cb (DlMemberEditDialog *dialog,
                      DlDeletedPerson    *deleted,
                      DlDownlineView     *self)
{
  g_autofree char *text = NULL;
  DeleteUndo *undo;

  if (self->undo_stack == NULL || self->store == NULL)
    return;
  /* an earlier edit's undo would write a member who is gone */
  if (self->edit_undo != 0)
    dl_undo_stack_drop (self->undo_stack, self->edit_undo);
  self->edit_undo = 0;

  /* Translators: a member's name */
  text = g_strdup_printf (_("Deleted %s"), dl_deleted_person_get_name (deleted));
  undo = g_new0 (DeleteUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->deleted = dl_deleted_person_ref (deleted);
  g_set_weak_pointer (&undo->view, self);
  dl_undo_stack_push (self->undo_stack, text, delete_undo_cb, undo, delete_undo_free);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);
  DlMemberEditDialog *dialog;
  DlCadence cadence;
  DlTree *rules;
  guint r;

  if (tree == NULL || sel < 0 || self->store == NULL)
    return;
  rules = dl_downline_view_rules_node (self, tree, sel, &r);
  dialog = dl_member_edit_dialog_new (self->store, dl_tree_get_node (tree, sel)->person_id);
  if (dialog == NULL)
    return;
  dl_settings_get_cadence (dl_settings_get_default (), &cadence);
  dl_member_edit_dialog_set_default_cadence (dialog, dl_rules_default_cadence_days (rules, r, &cadence));
  if (dl_tree_get_root (tree) != sel)
    dl_member_edit_dialog_set_needs_welcome (dialog, dl_downline_view_needs_welcome (self, tree, sel,
                                                                                     dl_clock_get_today (dl_clock_get_default ())));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_member_saved_cb), self, 0);
  g_signal_connect_object (dialog, "deleted", G_CALLBACK (on_member_deleted_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  DlStore *store;
  gint64   person_id;
} AddUndo;

static void
add_undo_free (gpointer data)
{
  AddUndo *undo = data;

  g_object_unref (undo->store);
  g_free (undo);
}

static gboolean
add_undo_cb (gpointer   data,
             GError   **error)
{
  AddUndo *undo = data;

  return dl_store_delete_person (undo->store, undo->person_id, error);
}

static void
on_member_added_cb (DlMemberEditDialog *dialog,
                    DlMember           *member,
                    DlDownlineView     *self)
{
  g_autofree char *text = NULL;
  AddUndo *undo;

  /* shown selected, with their details, once the tree has them */
  dl_downline_view_show_person (self, dl_member_get_id (member));
  if (self->undo_stack == NULL || self->store == NULL)
    return;

  /* Translators: a member's name */
  text = g_strdup_printf (_("Added %s"), dl_person_get_name (dl_member_get_person (member)));
  undo = g_new0 (AddUndo, 1);
  undo->store = g_object_ref (self->store);
  undo->person_id = dl_member_get_id (member);
  dl_undo_stack_push (self->undo_stack, text, add_undo_cb, undo, add_undo_free);
}

/* Someone who signed up in the back office directly: under the selected
 * member, or under the user when nobody is selected. */
static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = tree != NULL ? dl_tree_canvas_get_selected (self->canvas) : -1;
  DlMemberEditDialog *dialog;

  if (self->store == NULL || dl_store_get_user_id (self->store) == 0)
    return;
  dialog = dl_member_edit_dialog_new_for_add (self->store, sel >= 0 ? dl_tree_get_node (tree, sel)->person_id : 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_member_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);

  if (g_str_equal (action_name, "downline.zoom-in"))
    dl_tree_canvas_zoom_by (self->canvas, 1.25);
  else if (g_str_equal (action_name, "downline.zoom-out"))
    dl_tree_canvas_zoom_by (self->canvas, 0.8);
  else
    dl_tree_canvas_zoom_to_fit (self->canvas);
}

static void
focus_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 focus = dl_tree_canvas_get_focus (self->canvas);

  if (tree == NULL)
    return;
  if (g_str_equal (action_name, "downline.focus-selected"))
    {
      gint64 sel = dl_tree_canvas_get_selected (self->canvas);

      if (sel >= 0)
        dl_tree_canvas_focus (self->canvas, sel);
    }
  else if (g_str_equal (action_name, "downline.focus-up"))
    {
      if (focus >= 0)
        {
          guint32 parent = dl_tree_get_node (tree, focus)->parent;

          dl_tree_canvas_focus (self->canvas, parent == NONE ? -1 : (gint64) parent);
        }
    }
  else
    dl_tree_canvas_focus (self->canvas, g_variant_get_int64 (parameter));
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
toggle_collapsed_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);

  if (sel < 0)
    return;
  dl_tree_canvas_toggle_collapsed (self->canvas, sel);
  if (adw_flap_get_reveal_flap (self->flap))
    dl_downline_view_show_details (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* T: between the tree and the table, the selection kept (the table is
 * how a screen reader reads the downline). */
static void
toggle_table_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlDownlineView *self = DL_DOWNLINE_VIEW (widget);
  gboolean table = g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "table") != 0;

  dl_downline_view_show_table (self, table);
  /* into the rows, not onto the filter above them */
  if (table)
    dl_downline_table_focus_rows (self->table);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

/* The view's actions and their keys: called from
 * dl_downline_view_class_init (). */
void
dl_downline_view_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "downline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "downline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "downline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "downline.focus-up", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "downline.focus-selected", NULL, focus_action);
  gtk_widget_class_install_action (widget_class, "downline.focus-index", "x", focus_action);
  gtk_widget_class_install_action (widget_class, "downline.toggle-collapsed", NULL, toggle_collapsed_action);
  gtk_widget_class_install_action (widget_class, "downline.export-view", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "downline.export-tree", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "downline.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "downline.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "downline.edit-selected", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "downline.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "downline.toggle-table", NULL, toggle_table_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "downline.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "downline.focus-up", NULL);
  /* as the Up button's tooltip says; a text field takes its own first */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "downline.focus-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "downline.focus-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "downline.edit-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, 0, "downline.toggle-table", NULL);
}

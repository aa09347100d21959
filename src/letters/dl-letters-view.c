/* dl-letters-view.c — letter templates, edited with a live preview for a
 * real member, and sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The template is saved a moment after each edit, so closing the window
 * or a crash loses at most that moment.  The preview is rendered from the
 * same compiled template the sending uses, so what the user sees is what
 * goes out; a template that does not compile keeps the last good preview
 * and shows the error at its line in the editor.
 *
 * This file holds the list of templates, the template loaded and the
 * GObject; the editor and its preview are in dl-letters-view-editor.c,
 * the actions (with their undo) and sending in dl-letters-view-actions.c.
 */

#define G_LOG_DOMAIN "dl-letters"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-letters-view-private.h"
#include "dl-person-row.h"
#include "dl-store-downline.h"
#include "dl-store-list.h"
#include "dl-toast.h"
#include "dl-undo-stack.h"
#include "dl-undo-toasts.h"

G_DEFINE_FINAL_TYPE (DlLettersView, dl_letters_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STORE,
  PROP_UNDO_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void ensure_models (DlLettersView *self);

/* Helpers ------------------------------------------------------------ */

void
dl_letters_view_toast (DlLettersView *self,
                       const char    *title)
{
  AdwToast *t = dl_toast_new (title);

  adw_toast_set_timeout (t, 5);
  dl_toast_show (self->toast_overlay, t);
}

void
dl_letters_view_toast_error (DlLettersView *self,
                             const GError  *error)
{
  AdwToast *t = dl_toast_new (error->message);

  adw_toast_set_timeout (t, 8);
  dl_toast_show (self->toast_overlay, t);
}

char *
dl_letters_view_buffer_text (DlLettersView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

DlPerson *
dl_letters_view_selected_recipient (DlLettersView *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->recipient_dropdown);

  return DL_IS_PERSON (item) ? item : NULL;
}

static void
update_title (DlLettersView *self)
{
  gtk_label_set_text (self->editor_title, self->current ? dl_template_get_name (self->current) : "");
}

/* The template being edited ------------------------------------------ */

void
dl_letters_view_load_template (DlLettersView *self,
                               DlTemplate    *template)
{
  gboolean sensitive = template != NULL;
  gboolean builtin;

  dl_letters_view_save_edits (self);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, update_title, self);
  g_set_object (&self->current, template);
  if (template != NULL)
    g_signal_connect_object (template, "notify::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  update_title (self);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->subject_entry),
                         template ? dl_template_get_subject (template) : "");
  gtk_text_buffer_begin_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer),
                            template ? dl_template_get_body (template) : "", -1);
  gtk_text_buffer_end_irreversible_action (GTK_TEXT_BUFFER (self->buffer));
  {
    GtkTextIter start;

    gtk_text_buffer_get_start_iter (GTK_TEXT_BUFFER (self->buffer), &start);
    gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &start);
  }
  if (template != NULL)
    gtk_drop_down_set_selected (self->kind_dropdown, dl_template_get_kind (template));
  self->loading = FALSE;

  builtin = template != NULL && dl_letter_default_lookup (dl_template_get_builtin (template)) != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->subject_entry), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_view), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_dropdown), sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.duplicate", sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.rename", sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.delete", sensitive);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "letters.restore-default", builtin);

  dl_letters_view_update_preview (self);
}

static GtkListBoxRow *
row_for_template (DlLettersView *self,
                  DlTemplate    *template)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->template_list, i);

      if (row == NULL)
        return NULL;
      if (g_object_get_data (G_OBJECT (row), "template") == (gpointer) template)
        return row;
    }
}

void
dl_letters_view_select_row_of (DlLettersView *self,
                               DlTemplate    *template)
{
  GtkListBoxRow *row = template ? row_for_template (self, template) : NULL;

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->template_list, 0);
  gtk_list_box_select_row (self->template_list, row);
}

static GtkWidget *
create_template_row (gpointer item,
                     gpointer user_data)
{
  DlTemplate *template = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_bind_property (template, "name", label, "label", G_BINDING_SYNC_CREATE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "template", g_object_ref (template), g_object_unref);

  return row;
}

static void
template_header_func (GtkListBoxRow *row,
                      GtkListBoxRow *before,
                      gpointer       user_data)
{
  DlTemplate *t = g_object_get_data (G_OBJECT (row), "template");
  DlTemplate *b = before ? g_object_get_data (G_OBJECT (before), "template") : NULL;
  GtkWidget *header;

  if (b != NULL && dl_template_get_kind (b) == dl_template_get_kind (t))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_label_new (dl_template_kind_title (dl_template_get_kind (t)));
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_top (header, b ? 12 : 6);
  gtk_widget_set_margin_bottom (header, 3);
  gtk_widget_add_css_class (header, "caption-heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_list_box_row_set_header (row, header);
}

static int
compare_templates (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  DlTemplate *ta = (DlTemplate *) a;
  DlTemplate *tb = (DlTemplate *) b;
  int by_kind = (int) dl_template_get_kind (ta) - (int) dl_template_get_kind (tb);

  if (by_kind != 0)
    return by_kind;
  return g_utf8_collate (dl_template_get_name (ta), dl_template_get_name (tb));
}

/* Callbacks ---------------------------------------------------------- */

static void
on_template_selected_cb (GtkListBox    *box,
                         GtkListBoxRow *row,
                         DlLettersView *self)
{
  DlTemplate *template = row ? g_object_get_data (G_OBJECT (row), "template") : NULL;

  if (template == self->current)
    return;
  dl_letters_view_load_template (self, template);
}

/* A template chosen (a click, Enter): in a narrow window, on to the
 * editor. */
static void
on_template_activated_cb (GtkListBox    *box,
                          GtkListBoxRow *row,
                          DlLettersView *self)
{
  gtk_list_box_select_row (box, row);
  dl_letters_view_show_letter (self, FALSE);
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
on_templates_changed_cb (GListModel    *model,
                         guint          position,
                         guint          removed,
                         guint          added,
                         DlLettersView *self)
{
  guint n = g_list_model_get_n_items (model);

  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "editor" : "empty");
  /* Rows were made again: keep the template being edited selected. */
  dl_letters_view_select_row_of (self, self->current);
  if (n == 0)
    dl_letters_view_load_template (self, NULL);
}

static void
on_store_changed_cb (DlStore       *store,
                     DlStoreEntity  entity,
                     gint64         id,
                     DlLettersView *self)
{
  /* The recipient or the user's profile may have changed. */
  if (entity == DL_STORE_ENTITY_PEOPLE || entity == DL_STORE_ENTITY_MEMBERS
      || entity == DL_STORE_ENTITY_PROFILE)
    dl_letters_view_schedule_preview (self);
  if (entity == DL_STORE_ENTITY_MEMBERS && self->recipients != NULL)
    dl_store_list_reload (DL_STORE_LIST (self->recipients));

  /* Someone joined today (a prospect dropped on Joined, a member added):
   * the next time this view shows, it shows their welcome letter, so
   * "Write Welcome Letter" elsewhere only has to switch to this view. */
  if (entity == DL_STORE_ENTITY_MEMBERS && id > 0 && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_autoptr(DlMember) member = dl_store_get_member (store, id);

      if (member != NULL && dl_member_get_sponsor_id (member) != 0
          && dl_member_get_joined_on (member) == dl_day_today ())
        self->pending_welcome = id;
    }
}

/* A backup replaced everything: the undo entries describe a database
 * that is gone, and would write it back over the restored one. */
static void
on_store_restored_cb (DlLettersView *self)
{
  dl_undo_stack_clear (self->undo_stack);
}

/* GObject ------------------------------------------------------------ */

static void
dl_letters_view_dispose (GObject *object)
{
  DlLettersView *self = DL_LETTERS_VIEW (object);

  dl_letters_view_save_edits (self);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  /* Tearing the widgets down selects nothing and empties the buffer:
   * none of that is an edit. */
  if (self->template_list != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->template_list, self);
      g_signal_handlers_disconnect_by_data (self->leaflet, self);
      g_signal_handlers_disconnect_by_data (self->recipient_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->kind_dropdown, self);
      g_signal_handlers_disconnect_by_data (self->subject_entry, self);
      g_signal_handlers_disconnect_by_data (self->buffer, self);
    }
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_func (self->current, update_title, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_LETTERS_VIEW);
  g_clear_object (&self->current);
  g_clear_object (&self->search);
  g_clear_object (&self->sorted);
  g_clear_object (&self->templates);
  g_clear_object (&self->recipients);
  g_clear_object (&self->store);
  g_clear_object (&self->undo_stack);

  G_OBJECT_CLASS (dl_letters_view_parent_class)->dispose (object);
}

static void
dl_letters_view_map (GtkWidget *widget)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);

  GTK_WIDGET_CLASS (dl_letters_view_parent_class)->map (widget);
  dl_letters_view_editor_show (self);
  ensure_models (self);
  if (self->pending_welcome != 0)
    {
      gint64 id = self->pending_welcome;

      self->pending_welcome = 0;
      dl_letters_view_write_welcome (self, id);
    }
}

static void
dl_letters_view_finalize (GObject *object)
{
  DlLettersView *self = DL_LETTERS_VIEW (object);

  g_clear_pointer (&self->context, dl_mustache_value_free);

  G_OBJECT_CLASS (dl_letters_view_parent_class)->finalize (object);
}

static void
dl_letters_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlLettersView *self = DL_LETTERS_VIEW (object);

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
dl_letters_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DlLettersView *self = DL_LETTERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      dl_letters_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_UNDO_STACK:
      if (g_value_get_object (value) != NULL)
        g_set_object (&self->undo_stack, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_letters_view_class_init (DlLettersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  /* Before anything asks for a language: the manager reads its search
   * path once. */
  gtk_source_language_manager_append_search_path (gtk_source_language_manager_get_default (),
                                                  "resource:///io/github/downline/Downline/letters/");

  object_class->dispose = dl_letters_view_dispose;
  object_class->finalize = dl_letters_view_finalize;
  object_class->get_property = dl_letters_view_get_property;
  object_class->set_property = dl_letters_view_set_property;
  widget_class->map = dl_letters_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* the window's, whose toasts and Ctrl+Z undo what this view pushes */
  properties[PROP_UNDO_STACK] =
    g_param_spec_object ("undo-stack", NULL, NULL, DL_TYPE_UNDO_STACK,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/letters/dl-letters-view.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "letters-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_bind_template_child (widget_class, DlLettersView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, stack);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, letter_page);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, editor_pane);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, editor_header);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, editor_title);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, preview_pane);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, preview_header);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, template_list);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, field_list);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, subject_entry);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, search_button);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, search_count);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, source_view);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, recipient_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, preview_to);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, preview_subject);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, preview_body);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, warning_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, warning_label);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, audience_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, audience_filter_entry);
  gtk_widget_class_bind_template_child (widget_class, DlLettersView, audience_matches);

  dl_letters_view_actions_class_init (widget_class);
}

static void
dl_letters_view_init (DlLettersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* alone (in a test) the view shows its own undo toasts; in the window
   * it gets the window's stack */
  self->undo_stack = dl_undo_stack_new ();
  dl_undo_toasts_attach (self->undo_stack, self->toast_overlay);

  dl_letters_view_editor_init (self);
  dl_letters_view_actions_init (self);

  gtk_list_box_set_header_func (self->template_list, template_header_func, NULL, NULL);
  {
    /* Delete on the list deletes the template (with Undo), as the menu does. */
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                            gtk_named_action_new ("letters.delete")));
    gtk_widget_add_controller (GTK_WIDGET (self->template_list), keys);
  }
  g_signal_connect (self->template_list, "row-selected", G_CALLBACK (on_template_selected_cb), self);
  g_signal_connect (self->template_list, "row-activated", G_CALLBACK (on_template_activated_cb), self);

  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_templates, NULL, NULL));

  dl_letters_view_load_template (self, NULL);
}

/* Public API --------------------------------------------------------- */

GtkWidget *
dl_letters_view_new (DlStore *store)
{
  return g_object_new (DL_TYPE_LETTERS_VIEW, "store", store, NULL);
}

DlStore *
dl_letters_view_get_store (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return self->store;
}

void
dl_letters_view_set_store (DlLettersView *self,
                           DlStore       *store)
{
  g_return_if_fail (DL_IS_LETTERS_VIEW (self));
  g_return_if_fail (store == NULL || DL_IS_STORE (store));

  if (self->store == store)
    return;

  dl_letters_view_save_edits (self);
  dl_letters_view_load_template (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->sorted != NULL)
    g_signal_handlers_disconnect_by_data (self->sorted, self);
  gtk_list_box_bind_model (self->template_list, NULL, NULL, NULL, NULL);
  gtk_drop_down_set_model (self->recipient_dropdown, NULL);
  g_clear_object (&self->sorted);
  g_clear_object (&self->templates);
  g_clear_object (&self->recipients);
  dl_undo_stack_clear (self->undo_stack);
  g_set_object (&self->store, store);
  self->models_loaded = FALSE;
  self->pending_welcome = 0;

  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
      g_signal_connect_object (store, "restored", G_CALLBACK (on_store_restored_cb), self, G_CONNECT_SWAPPED);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    ensure_models (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* The lists are read when the view is first shown, not when the window
 * opens: a window on a large (or damaged) file should not wait for a
 * view nobody looked at. */
static void
ensure_models (DlLettersView *self)
{
  g_autoptr(DlTemplate) first = NULL;
  g_autoptr(GtkListItemFactory) rows = NULL;
  DlStore *store = self->store;

  if (self->models_loaded || store == NULL)
    return;
  self->models_loaded = TRUE;

  self->templates = dl_store_get_templates (store);
  self->sorted = gtk_sort_list_model_new (g_object_ref (self->templates),
                                          g_object_ref (self->sorter));
  gtk_list_box_bind_model (self->template_list, G_LIST_MODEL (self->sorted),
                           create_template_row, self, NULL);
  g_signal_connect_after (self->sorted, "items-changed", G_CALLBACK (on_templates_changed_cb), self);

  self->recipients = dl_store_get_recipients (store);
  /* people of one name told apart by number, city and sponsor */
  rows = dl_person_row_factory_new (store);
  gtk_drop_down_set_list_factory (self->recipient_dropdown, rows);
  gtk_drop_down_set_model (self->recipient_dropdown, self->recipients);
  gtk_drop_down_set_selected (self->recipient_dropdown, 0);

  first = dl_store_find_builtin_template (store, "welcome");
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) > 0
                                    ? "editor" : "empty");
  dl_letters_view_select_row_of (self, first);
}

void
dl_letters_view_write (DlLettersView *self,
                       gint64         person_id,
                       const char    *builtin)
{
  g_autoptr(DlTemplate) template = NULL;

  g_return_if_fail (DL_IS_LETTERS_VIEW (self));
  g_return_if_fail (builtin != NULL);

  if (self->store == NULL)
    return;

  ensure_models (self);
  if (g_str_equal (builtin, "welcome") || g_str_equal (builtin, "upline-welcome"))
    builtin = dl_store_get_member_level (self->store, person_id) > 1 ? "upline-welcome" : "welcome";
  template = dl_store_find_builtin_template (self->store, builtin);
  /* a letter added to the defaults after this file was made comes in
   * now (only the missing ones are added) */
  if (template == NULL && dl_letter_default_lookup (builtin) != NULL && !dl_store_is_read_only (self->store)
      && dl_store_install_default_templates (self->store, NULL))
    template = dl_store_find_builtin_template (self->store, builtin);
  if (template != NULL)
    dl_letters_view_select_template (self, template);
  dl_letters_view_show_letter (self, FALSE);
  dl_letters_view_set_recipient (self, person_id);
  gtk_drop_down_set_selected (self->audience_dropdown, 0);
}

void
dl_letters_view_write_welcome (DlLettersView *self,
                               gint64         person_id)
{
  dl_letters_view_write (self, person_id, "welcome");
}

DlTemplate *
dl_letters_view_get_template (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return self->current;
}

void
dl_letters_view_select_template (DlLettersView *self,
                                 DlTemplate    *template)
{
  g_return_if_fail (DL_IS_LETTERS_VIEW (self));

  ensure_models (self);
  dl_letters_view_select_row_of (self, template);
}

gint64
dl_letters_view_get_recipient (DlLettersView *self)
{
  DlPerson *person;

  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), 0);

  person = dl_letters_view_selected_recipient (self);
  return person ? dl_person_get_id (person) : 0;
}

void
dl_letters_view_set_recipient (DlLettersView *self,
                               gint64         person_id)
{
  g_return_if_fail (DL_IS_LETTERS_VIEW (self));

  ensure_models (self);
  if (self->recipients == NULL)
    return;

  dl_store_list_reload (DL_STORE_LIST (self->recipients));
  for (guint i = 0; i < g_list_model_get_n_items (self->recipients); i++)
    if (dl_store_list_get_id (DL_STORE_LIST (self->recipients), i) == person_id)
      {
        gtk_drop_down_set_selected (self->recipient_dropdown, i);
        return;
      }
}

GtkTextBuffer *
dl_letters_view_get_body_buffer (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return GTK_TEXT_BUFFER (self->buffer);
}

GtkEditable *
dl_letters_view_get_subject_editable (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return GTK_EDITABLE (self->subject_entry);
}

const char *
dl_letters_view_get_preview_body (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return gtk_label_get_text (self->preview_body);
}

const char *
dl_letters_view_get_preview_subject (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return gtk_label_get_text (self->preview_subject);
}

const char *
dl_letters_view_get_error_text (DlLettersView *self)
{
  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), NULL);

  return self->has_error ? gtk_label_get_text (self->error_label) : "";
}

void
dl_letters_view_save_now (DlLettersView *self)
{
  g_return_if_fail (DL_IS_LETTERS_VIEW (self));

  dl_letters_view_save_edits (self);
  if (self->preview_id != 0)
    dl_letters_view_update_preview (self);
}

void
dl_letters_view_send_to_matching (DlLettersView *self,
                                  const char    *filter)
{
  g_return_if_fail (DL_IS_LETTERS_VIEW (self));

  gtk_drop_down_set_selected (self->audience_dropdown, AUDIENCE_MATCHING);
  gtk_editable_set_text (GTK_EDITABLE (self->audience_filter_entry), filter ? filter : "");
}

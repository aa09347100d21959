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
 */

#define G_LOG_DOMAIN "dl-letters"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "dl-day.h"
#include "dl-letter-fields.h"
#include "dl-letters-send.h"
#include "dl-letters-view.h"
#include "dl-person-row.h"
#include "dl-store-downline.h"
#include "dl-store-list.h"
#include "dl-clock.h"
#include "dl-settings.h"
#include "dl-toast.h"
#include "dl-undo-stack.h"
#include "dl-undo-toasts.h"

#define SAVE_DELAY_MS    400
#define PREVIEW_DELAY_MS 120
#define ERROR_CATEGORY   "letters-error"

/* The letter's pane, editor and preview side by side, asks for this
 * much: a window narrower than it and the template list shows one pane
 * at a time. */
#define LETTER_PANE_WIDTH 560

struct _DlLettersView
{
  GtkWidget parent_instance;

  DlStore *store;
  DlUndoStack *undo_stack;     /* the window's, or the view's own */

  /* template children */
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwLeaflet *leaflet;
  GtkWidget *letter_page;
  GtkWidget *editor_pane;
  GtkWidget *editor_header;
  GtkLabel *editor_title;
  GtkWidget *preview_pane;
  GtkWidget *preview_header;
  GtkListBox *template_list;
  GtkListBox *field_list;
  GtkEntry *subject_entry;
  GtkDropDown *kind_dropdown;
  GtkToggleButton *search_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel *search_count;
  GtkSourceView *source_view;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkDropDown *recipient_dropdown;
  GtkLabel *preview_to;
  GtkLabel *preview_subject;
  GtkLabel *preview_body;
  GtkRevealer *warning_revealer;
  GtkLabel *warning_label;
  GtkDropDown *audience_dropdown;
  GtkSearchEntry *audience_filter_entry;
  GtkListBox *audience_matches;

  GListModel *templates;
  GtkSorter *sorter;
  GtkSortListModel *sorted;
  GListModel *recipients;
  GtkSourceBuffer *buffer;
  GtkSourceSearchContext *search;
  GtkTextTag *error_tag;

  DlTemplate *current;
  gboolean models_loaded;
  gint64 pending_welcome;      /* a member who joined while we were hidden */
  gboolean loading;
  gboolean subject_focused;
  gboolean showing_preview;    /* folded: the preview, not the editor */
  guint save_id;
  guint preview_id;

  DlMustacheValue *context;
  gboolean has_error;
  gboolean error_in_subject;
  DlMustacheLocation error_where;
};

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

static void
toast (DlLettersView *self,
       const char    *title)
{
  AdwToast *t = dl_toast_new (title);

  adw_toast_set_timeout (t, 5);
  dl_toast_show (self->toast_overlay, t);
}

static void
toast_error (DlLettersView *self,
             const GError  *error)
{
  AdwToast *t = dl_toast_new (error->message);

  adw_toast_set_timeout (t, 8);
  dl_toast_show (self->toast_overlay, t);
}

static char *
buffer_text (DlLettersView *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, TRUE);
}

static DlPerson *
selected_recipient (DlLettersView *self)
{
  gpointer item = gtk_drop_down_get_selected_item (self->recipient_dropdown);

  return DL_IS_PERSON (item) ? item : NULL;
}

/* Saving ------------------------------------------------------------- */

static void
save_now (DlLettersView *self)
{
  g_autoptr(DlTemplate) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *subject;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->current == NULL || self->store == NULL)
    return;

  body = buffer_text (self);
  subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));
  if (g_strcmp0 (body, dl_template_get_body (self->current)) == 0
      && g_strcmp0 (subject, dl_template_get_subject (self->current)) == 0)
    return;

  draft = dl_template_copy (self->current);
  dl_template_set_subject (draft, subject);
  dl_template_set_body (draft, body);
  if (!dl_store_update_template (self->store, draft, &error))
    toast_error (self, error);
}

static gboolean
save_timeout_cb (gpointer data)
{
  DlLettersView *self = data;

  self->save_id = 0;
  save_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (DlLettersView *self)
{
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* Errors in the editor ----------------------------------------------- */

static void
clear_error (DlLettersView *self)
{
  GtkTextIter start, end;

  self->has_error = FALSE;
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  gtk_text_buffer_remove_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
  gtk_source_buffer_remove_source_marks (self->buffer, &start, &end, ERROR_CATEGORY);
  gtk_widget_remove_css_class (GTK_WIDGET (self->subject_entry), "error");
  gtk_label_set_text (self->error_label, "");
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

static void
show_error (DlLettersView      *self,
            const GError       *error,
            gboolean            in_subject,
            DlMustacheLocation  where)
{
  clear_error (self);
  self->has_error = TRUE;
  self->error_in_subject = in_subject;
  self->error_where = where;

  if (in_subject)
    {
      g_autofree char *text = g_strdup_printf (_("Subject: %s"), error->message);

      gtk_widget_add_css_class (GTK_WIDGET (self->subject_entry), "error");
      gtk_label_set_text (self->error_label, text);
    }
  else
    {
      GtkTextIter start, end;

      gtk_label_set_text (self->error_label, error->message);
      if (where.line > 0)
        {
          gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (self->buffer), &start, where.line - 1);
          end = start;
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
          /* An empty line still gets its mark in the gutter. */
          gtk_text_buffer_apply_tag (GTK_TEXT_BUFFER (self->buffer), self->error_tag, &start, &end);
          gtk_source_buffer_create_source_mark (self->buffer, NULL, ERROR_CATEGORY, &start);
        }
    }
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* The preview -------------------------------------------------------- */

static void
show_warnings (DlLettersView *self,
               char         **empty,
               DlPerson      *person)
{
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  guint n = empty ? g_strv_length (empty) : 0;

  if (n == 0 || person == NULL)
    {
      gtk_revealer_set_reveal_child (self->warning_revealer, FALSE);
      return;
    }

  list = g_strjoinv (", ", empty);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Empty for %s: %s. Fill it in, or give a fallback with "
                                       "{{^field}}…{{/field}}.",
                                       "Empty for %s: %s. Fill them in, or give fallbacks with "
                                       "{{^field}}…{{/field}}.",
                                       n),
                          dl_person_get_name (person), list);
  gtk_label_set_text (self->warning_label, text);
  gtk_revealer_set_reveal_child (self->warning_revealer, TRUE);
}

static void
update_preview (DlLettersView *self)
{
  g_autoptr(DlLetterTemplate) letter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *subject_out = NULL;
  g_autofree char *body_out = NULL;
  g_auto(GStrv) empty = NULL;
  DlMustacheLocation where = { 0 };
  gboolean in_subject = FALSE;
  DlPerson *person;

  g_clear_handle_id (&self->preview_id, g_source_remove);
  if (self->current == NULL || self->store == NULL)
    return;

  body = buffer_text (self);
  letter = dl_letter_template_new (gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)),
                                   body, &in_subject, &where, &error);
  if (letter == NULL)
    {
      show_error (self, error, in_subject, where);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_body), "dim-label");
      return;
    }
  clear_error (self);
  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_body), "dim-label");

  g_clear_pointer (&self->context, dl_mustache_value_free);
  self->context = dl_letter_context_new ();
  person = selected_recipient (self);
  /* nobody to write to yet: the letter as addressed to the user, so
   * their own fields ({{me.first_name}}, the message) read as they will */
  if (!dl_store_fill_letter_context (self->store,
                                     person != NULL ? dl_person_get_id (person) : dl_store_get_user_id (self->store),
                                     dl_day_today (), self->context, &error)
      && (person != NULL || !g_error_matches (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND)))
    {
      toast_error (self, error);
      return;
    }
  g_clear_error (&error);

  if (!dl_letter_template_render (letter, self->context, &subject_out, &body_out, &error))
    {
      show_error (self, error, FALSE, where);
      return;
    }

  if (person == NULL)
    gtk_label_set_text (self->preview_to, _("No members yet: this preview is written to you, with your own details."));
  else if (dl_person_get_email (person)[0] != '\0')
    {
      g_autofree char *to = g_strdup_printf (_("To: %s <%s>"), dl_person_get_name (person),
                                             dl_person_get_email (person));

      gtk_label_set_text (self->preview_to, to);
    }
  else
    {
      g_autofree char *to = g_strdup_printf (_("To: %s (no email address)"),
                                             dl_person_get_name (person));

      gtk_label_set_text (self->preview_to, to);
    }
  /* Text, never markup: names come from the database. */
  gtk_label_set_text (self->preview_subject, subject_out[0] ? subject_out : _("(no subject)"));
  gtk_label_set_text (self->preview_body, body_out);

  empty = dl_letter_template_find_empty (letter, self->context);
  show_warnings (self, empty, person);
}

static gboolean
preview_timeout_cb (gpointer data)
{
  DlLettersView *self = data;

  self->preview_id = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (DlLettersView *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

/* One pane at a time ------------------------------------------------- */

/* The letter's page measures as its paned does, but asks for a fixed
 * natural width: the leaflet folds by natural widths, and those of the
 * preview change with every warning and member's name shown, which
 * would fold and unfold the panes as the text changes. */
static void
letter_page_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  *minimum = *natural = 0;
  if (child == NULL || !gtk_widget_should_layout (child))
    return;
  gtk_widget_measure (child, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, LETTER_PANE_WIDTH);
}

static void
letter_page_allocate (GtkWidget *widget,
                      int        width,
                      int        height,
                      int        baseline)
{
  GtkWidget *child = gtk_widget_get_first_child (widget);

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_allocate (child, width, height, baseline, NULL);
}

/* Folded, the letter's page shows the editor or the preview, each with
 * a way back; unfolded, both side by side as always. */
static void
update_panes (DlLettersView *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (!folded)
    self->showing_preview = FALSE;
  gtk_widget_set_visible (self->editor_header, folded);
  gtk_widget_set_visible (self->preview_header, folded);
  gtk_widget_set_visible (self->editor_pane, !self->showing_preview);
  gtk_widget_set_visible (self->preview_pane, !folded || self->showing_preview);
}

/* The letter's page, on the editor (or, folded, the preview). */
static void
show_letter (DlLettersView *self,
             gboolean       preview)
{
  self->showing_preview = preview && adw_leaflet_get_folded (self->leaflet);
  update_panes (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "letter");
}

static void
update_title (DlLettersView *self)
{
  gtk_label_set_text (self->editor_title, self->current ? dl_template_get_name (self->current) : "");
}

/* The template being edited ------------------------------------------ */

static void
load_template (DlLettersView *self,
               DlTemplate    *template)
{
  gboolean sensitive = template != NULL;
  gboolean builtin;

  save_now (self);
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

  update_preview (self);
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

static void
select_row_of (DlLettersView *self,
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
  load_template (self, template);
}

/* A template chosen (a click, Enter): in a narrow window, on to the
 * editor. */
static void
on_template_activated_cb (GtkListBox    *box,
                          GtkListBoxRow *row,
                          DlLettersView *self)
{
  gtk_list_box_select_row (box, row);
  show_letter (self, FALSE);
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
  select_row_of (self, self->current);
  if (n == 0)
    load_template (self, NULL);
}

static void
on_text_changed_cb (DlLettersView *self)
{
  if (self->loading || self->current == NULL)
    return;
  schedule_save (self);
  schedule_preview (self);
}

/* New text in the body, typed or loaded: have the editor laid out again
 * in the next frame.  GTK 4.8 measures a text view's changed lines in an
 * idle; when a frame comes first (the frame clock's idle has the higher
 * priority, and a busy machine lets both fall due together), the text
 * view measures them while it is drawn.  The new height then reaches the
 * scrollbar after the layout, and a scrollbar still shown for the longer
 * text is drawn with an allocation out of date ("Trying to snapshot
 * GtkGizmo … without a current allocation", a frame drawn wrong).  An
 * allocation measures the lines in the frame's layout instead, and the
 * scrollbar follows in the same frame. */
static void
on_body_changed_cb (DlLettersView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self->source_view));
}

static void
on_kind_selected_cb (GtkDropDown   *dropdown,
                     GParamSpec    *pspec,
                     DlLettersView *self)
{
  g_autoptr(DlTemplate) draft = NULL;
  g_autoptr(GError) error = NULL;
  guint kind = gtk_drop_down_get_selected (dropdown);

  if (self->loading || self->current == NULL || kind > DL_TEMPLATE_OTHER
      || kind == dl_template_get_kind (self->current))
    return;

  save_now (self);
  draft = dl_template_copy (self->current);
  dl_template_set_kind (draft, kind);
  if (!dl_store_update_template (self->store, draft, &error))
    {
      toast_error (self, error);
      return;
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  select_row_of (self, self->current);
}

static void
on_recipient_selected_cb (GtkDropDown   *dropdown,
                          GParamSpec    *pspec,
                          DlLettersView *self)
{
  update_preview (self);
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
    schedule_preview (self);
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

static void
on_field_activated_cb (GtkListBox    *box,
                       GtkListBoxRow *row,
                       DlLettersView *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "field");
  g_autofree char *tag = g_strdup_printf ("{{%s}}", name);

  if (self->current == NULL)
    return;

  /* folded, the fields are beside the list: the letter they go into shows */
  show_letter (self, FALSE);
  if (self->subject_focused)
    {
      int pos = gtk_editable_get_position (GTK_EDITABLE (self->subject_entry));

      gtk_editable_insert_text (GTK_EDITABLE (self->subject_entry), tag, -1, &pos);
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_entry));
      gtk_editable_set_position (GTK_EDITABLE (self->subject_entry), pos);
    }
  else
    {
      gtk_text_buffer_insert_at_cursor (GTK_TEXT_BUFFER (self->buffer), tag, -1);
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
    }
}

static void
on_subject_focus_cb (DlLettersView *self)
{
  self->subject_focused = TRUE;
}

static void
on_body_focus_cb (DlLettersView *self)
{
  self->subject_focused = FALSE;
}

static void
on_search_count_cb (GtkSourceSearchContext *search,
                    GParamSpec             *pspec,
                    DlLettersView          *self)
{
  int n = gtk_source_search_context_get_occurrences_count (search);
  g_autofree char *text = NULL;

  if (n >= 0 && gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d match", "%d matches", n), n);
  gtk_label_set_text (self->search_count, text ? text : "");
}

static void
find (DlLettersView *self,
      gboolean       forward)
{
  GtkTextBuffer *buffer = GTK_TEXT_BUFFER (self->buffer);
  GtkTextIter sel_start, sel_end, start, end;
  gboolean wrapped, found;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  if (forward)
    found = gtk_source_search_context_forward (self->search, &sel_end, &start, &end, &wrapped);
  else
    found = gtk_source_search_context_backward (self->search, &sel_start, &start, &end, &wrapped);
  if (!found)
    return;
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &start, 0.1, FALSE, 0, 0);
}

static void
on_search_next_cb (DlLettersView *self)
{
  find (self, TRUE);
}

static void
on_search_previous_cb (DlLettersView *self)
{
  find (self, FALSE);
}

static void
on_search_stop_cb (DlLettersView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
on_dark_changed_cb (AdwStyleManager *manager,
                    GParamSpec      *pspec,
                    DlLettersView   *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);

  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* Undo --------------------------------------------------------------- */

/* What one entry on the undo stack puts back: a template deleted or
 * overwritten by its default (a copy from before), or letters sent.
 * The view is only told, when it is still there and on that store. */
typedef struct
{
  GWeakRef    view;
  DlStore    *store;
  DlTemplate *template;
  GArray     *sent;           /* DlSentLetter */
} LettersUndo;

static LettersUndo *
letters_undo_new (DlLettersView *self)
{
  LettersUndo *undo = g_new0 (LettersUndo, 1);

  g_weak_ref_init (&undo->view, self);
  undo->store = g_object_ref (self->store);
  return undo;
}

static void
letters_undo_free (gpointer data)
{
  LettersUndo *undo = data;

  g_weak_ref_clear (&undo->view);
  g_clear_object (&undo->store);
  g_clear_object (&undo->template);
  g_clear_pointer (&undo->sent, g_array_unref);
  g_free (undo);
}

/* The view that made the entry, if it still shows the entry's store. */
static DlLettersView *
letters_undo_get_view (LettersUndo *undo)
{
  DlLettersView *view = g_weak_ref_get (&undo->view);

  if (view != NULL && view->store != undo->store)
    g_clear_object (&view);
  return view;
}

static gboolean
undo_delete_run (gpointer   data,
                 GError   **error)
{
  LettersUndo *undo = data;
  g_autoptr(DlTemplate) added = dl_store_add_template (undo->store, undo->template, error);
  g_autoptr(DlLettersView) self = NULL;

  if (added == NULL)
    return FALSE;
  self = letters_undo_get_view (undo);
  if (self != NULL)
    {
      gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
      select_row_of (self, added);
    }
  return TRUE;
}

static gboolean
undo_restore_default_run (gpointer   data,
                          GError   **error)
{
  LettersUndo *undo = data;
  g_autoptr(DlLettersView) self = NULL;

  if (!dl_store_update_template (undo->store, undo->template, error))
    return FALSE;
  self = letters_undo_get_view (undo);
  if (self != NULL && self->current != NULL
      && dl_template_get_id (self->current) == dl_template_get_id (undo->template))
    {
      g_autoptr(DlTemplate) current = g_object_ref (self->current);

      g_clear_object (&self->current);
      load_template (self, current);
    }
  return TRUE;
}

static gboolean
undo_sent_run (gpointer   data,
               GError   **error)
{
  LettersUndo *undo = data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(DlLettersView) self = NULL;
  guint undone = 0;

  for (guint i = 0; i < undo->sent->len; i++)
    {
      DlSentLetter *s = &g_array_index (undo->sent, DlSentLetter, i);

      if (dl_store_unrecord_letter (undo->store, s->letter_id, s->interaction_id,
                                    local_error ? NULL : &local_error))
        undone++;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self = letters_undo_get_view (undo);
  if (self != NULL)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u letter taken out of the history",
                                                             "%u letters taken out of the history",
                                                             undone),
                                                undone);

      dl_undo_stack_message (self->undo_stack, DL_UNDO_MESSAGE_NORMAL, title);
    }
  return TRUE;
}

/* A backup replaced everything: the undo entries describe a database
 * that is gone, and would write it back over the restored one. */
static void
on_store_restored_cb (DlLettersView *self)
{
  dl_undo_stack_clear (self->undo_stack);
}

/* Template actions --------------------------------------------------- */

static void
add_template (DlLettersView *self,
              DlTemplate    *draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTemplate) added = dl_store_add_template (self->store, draft, &error);

  if (added == NULL)
    {
      toast_error (self, error);
      return;
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  select_row_of (self, added);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) draft = dl_template_new ();

  if (self->store == NULL)
    return;
  dl_template_set_name (draft, _("New Letter"));
  dl_template_set_kind (draft, self->current ? dl_template_get_kind (self->current)
                                             : DL_TEMPLATE_OTHER);
  dl_template_set_subject (draft, "");
  /* TRANSLATORS: the start of a new letter template; keep {{first_name}} */
  dl_template_set_body (draft, _("Hi {{first_name}},\n\n"));
  add_template (self, draft);
  show_letter (self, FALSE);
  gtk_widget_activate_action (widget, "letters.rename", NULL);
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) draft = NULL;
  g_autofree char *name = NULL;

  if (self->current == NULL)
    return;
  save_now (self);
  draft = dl_template_new ();
  /* TRANSLATORS: the name of a duplicated template */
  name = g_strdup_printf (_("%s (Copy)"), dl_template_get_name (self->current));
  dl_template_set_name (draft, name);
  dl_template_set_kind (draft, dl_template_get_kind (self->current));
  dl_template_set_subject (draft, dl_template_get_subject (self->current));
  dl_template_set_body (draft, dl_template_get_body (self->current));
  add_template (self, draft);
}

static void
on_rename_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       DlLettersView    *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  DlTemplate *template = g_object_get_data (G_OBJECT (dialog), "template");
  g_autoptr(DlTemplate) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  draft = dl_template_copy (template);
  dl_template_set_name (draft, gtk_editable_get_text (entry));
  if (!dl_store_update_template (self->store, draft, &error))
    {
      toast_error (self, error);
      return;
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  select_row_of (self, self->current);
}

static void
on_rename_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", name[0] != '\0');
}

static void
on_rename_entry_activate_cb (GtkEntry         *entry,
                             AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "rename"))
    adw_message_dialog_response (dialog, "rename");
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->current == NULL)
    return;

  save_now (self);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Rename Template"), NULL));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), dl_template_get_name (self->current));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Template name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "template", g_object_ref (self->current), g_object_unref);
  g_signal_connect (entry, "changed", G_CALLBACK (on_rename_entry_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_rename_entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  LettersUndo *undo;

  if (self->current == NULL)
    return;

  save_now (self);
  copy = dl_template_copy (self->current);
  if (!dl_store_delete_template (self->store, dl_template_get_id (self->current), &error))
    {
      toast_error (self, error);
      return;
    }

  undo = letters_undo_new (self);
  undo->template = g_steal_pointer (&copy);
  title = g_strdup_printf (_("“%s” deleted"), dl_template_get_name (undo->template));
  dl_undo_stack_push (self->undo_stack, title, undo_delete_run, undo, letters_undo_free);
}

static void
restore_default_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(DlTemplate) before = NULL;
  g_autoptr(GError) error = NULL;
  LettersUndo *undo;

  if (self->current == NULL)
    return;

  save_now (self);
  before = dl_template_copy (self->current);
  if (!dl_store_restore_default_template (self->store, dl_template_get_id (self->current), &error))
    {
      toast_error (self, error);
      return;
    }

  undo = letters_undo_new (self);
  undo->template = g_steal_pointer (&before);
  /* The shared item now holds the default text: show it. */
  {
    g_autoptr(DlTemplate) current = g_object_ref (self->current);

    g_clear_object (&self->current);
    load_template (self, current);
  }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  select_row_of (self, self->current);
  dl_undo_stack_push (self->undo_stack, _("Default text restored"),
                      undo_restore_default_run, undo, letters_undo_free);
}

static void
install_defaults_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !dl_store_install_default_templates (self->store, &error))
    toast_error (self, error);
}

static void
goto_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  GtkTextIter iter;

  if (!self->has_error)
    return;
  if (self->error_in_subject)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->subject_entry));
      if (self->error_where.column > 0)
        gtk_editable_set_position (GTK_EDITABLE (self->subject_entry), self->error_where.column - 1);
      return;
    }
  gtk_text_buffer_get_iter_at_line_offset (GTK_TEXT_BUFFER (self->buffer), &iter,
                                           MAX (self->error_where.line, 1) - 1,
                                           MAX (self->error_where.column, 1) - 1);
  gtk_text_buffer_place_cursor (GTK_TEXT_BUFFER (self->buffer), &iter);
  gtk_text_view_scroll_to_iter (GTK_TEXT_VIEW (self->source_view), &iter, 0.2, FALSE, 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  find (DL_LETTERS_VIEW (widget), g_str_equal (action_name, "letters.find-next"));
}

static void
show_preview_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  show_letter (DL_LETTERS_VIEW (widget), TRUE);
}

/* Folded: from the preview to the letter, from the letter to the list. */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  GtkListBoxRow *row;

  if (self->showing_preview)
    {
      show_letter (self, FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->source_view));
      return;
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "templates");
  row = gtk_list_box_get_selected_row (self->template_list);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Sending ------------------------------------------------------------ */

static void
on_letters_sent_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(DlLettersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sent = dl_letters_send_finish (result, &error);
  g_autofree char *title = NULL;
  LettersUndo *undo;

  if (sent == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, error);
      return;
    }
  /* nothing went out, or the view went (disposed) while it did */
  if (sent->len == 0 || self->store == NULL || self->undo_stack == NULL)
    return;

  if (sent->len == 1)
    {
      g_autoptr(DlPerson) person =
        dl_store_get_person (self->store, g_array_index (sent, DlSentLetter, 0).person_id);

      title = g_strdup_printf (_("Letter to %s saved in their history"),
                               person ? dl_person_get_name (person) : "");
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u letter saved in your members’ histories",
                                          "%u letters saved in your members’ histories",
                                          sent->len),
                             sent->len);
  undo = letters_undo_new (self);
  undo->sent = g_array_ref (sent);
  dl_undo_stack_push (self->undo_stack, title, undo_sent_run, undo, letters_undo_free);
}

/* The dropdown's choices: the member shown, the DlAudience values, then
 * members matching a filter. */
#define AUDIENCE_MATCHING (1 + DL_AUDIENCE_PERSONAL + 1)

/* How many of the members a filter finds are shown under it. */
#define MATCHES_SHOWN 6

/* Who "Members matching…" would write to, each with what tells them
 * apart from others of the same name: six "Bao Vu" are six letters. */
static void
update_matches (DlLettersView *self)
{
  const char *filter = gtk_editable_get_text (GTK_EDITABLE (self->audience_filter_entry));
  g_autoptr(GArray) found = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audience_matches))) != NULL)
    gtk_list_box_remove (self->audience_matches, child);
  if (self->store == NULL || gtk_drop_down_get_selected (self->audience_dropdown) != AUDIENCE_MATCHING
      || *filter == '\0' || (found = dl_store_find_members_matching (self->store, filter, NULL)) == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->audience_matches), FALSE);
      return;
    }

  for (guint i = 0; i < MIN (found->len, MATCHES_SHOWN); i++)
    {
      gint64 id = g_array_index (found, gint64, i);
      g_autoptr(DlPerson) person = dl_store_get_person (self->store, id);
      g_autofree char *subtitle = dl_store_describe_member (self->store, id);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), person != NULL ? dl_person_get_name (person) : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->audience_matches, row);
    }
  if (found->len == 0 || found->len > MATCHES_SHOWN)
    {
      g_autofree char *text = found->len == 0 ? g_strdup (_("Nobody matches"))
        : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                        found->len - MATCHES_SHOWN),
                           found->len - MATCHES_SHOWN);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->audience_matches, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->audience_matches), TRUE);
}

static void
on_audience_changed_cb (DlLettersView *self)
{
  gboolean matching = gtk_drop_down_get_selected (self->audience_dropdown) == AUDIENCE_MATCHING;

  gtk_widget_set_visible (GTK_WIDGET (self->audience_filter_entry), matching);
  if (matching)
    gtk_widget_grab_focus (GTK_WIDGET (self->audience_filter_entry));
  update_matches (self);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  DlLettersView *self = DL_LETTERS_VIEW (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  DlSentVia via;
  guint audience;

  if (self->current == NULL || self->store == NULL)
    return;

  if (g_str_equal (action_name, "letters.email"))
    via = DL_SENT_EMAIL;
  else if (g_str_equal (action_name, "letters.copy"))
    via = DL_SENT_COPY;
  else if (g_str_equal (action_name, "letters.save"))
    via = DL_SENT_FILE;
  else
    via = DL_SENT_PRINT;

  save_now (self);
  update_preview (self);
  if (self->has_error)
    {
      AdwToast *t = dl_toast_new (_("Fix the error in the letter before sending it"));

      adw_toast_set_button_label (t, _("_Show"));
      adw_toast_set_action_name (t, "letters.goto-error");
      dl_toast_show (self->toast_overlay, t);
      return;
    }

  audience = gtk_drop_down_get_selected (self->audience_dropdown);
  if (audience == 0)
    {
      DlPerson *person = selected_recipient (self);
      gint64 id;

      if (person == NULL)
        {
          toast (self, _("Choose a member to write to first"));
          return;
        }
      id = dl_person_get_id (person);
      g_array_append_val (ids, id);
    }
  else
    {
      g_autoptr(GArray) found = NULL;

      if (audience == AUDIENCE_MATCHING)
        found = dl_store_find_members_matching (self->store,
                                                gtk_editable_get_text (GTK_EDITABLE (self->audience_filter_entry)),
                                                &error);
      else
        {
          DlDay today = dl_clock_get_today (dl_clock_get_default ());

          found = dl_store_find_audience (self->store, audience - 1, today,
                                          dl_settings_get_first_use (dl_settings_get_default (),
                                                                     dl_store_get_path (self->store),
                                                                     today, FALSE),
                                          &error);
        }

      if (found == NULL)
        {
          toast_error (self, error);
          return;
        }
      if (found->len == 0)
        {
          toast (self, _("Nobody matches this choice right now"));
          return;
        }
      g_array_append_vals (ids, found->data, found->len);
    }

  body = buffer_text (self);
  dl_letters_send_async (GTK_WIDGET (self), self->store, self->current,
                         gtk_editable_get_text (GTK_EDITABLE (self->subject_entry)), body,
                         ids, via, NULL, on_letters_sent_cb, g_object_ref (self));
}

/* GObject ------------------------------------------------------------ */

static void
dl_letters_view_dispose (GObject *object)
{
  DlLettersView *self = DL_LETTERS_VIEW (object);

  save_now (self);
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

  gtk_widget_class_install_action (widget_class, "letters.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "letters.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "letters.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "letters.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "letters.restore-default", NULL, restore_default_action);
  gtk_widget_class_install_action (widget_class, "letters.install-defaults", NULL, install_defaults_action);
  gtk_widget_class_install_action (widget_class, "letters.show-preview", NULL, show_preview_action);
  gtk_widget_class_install_action (widget_class, "letters.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "letters.goto-error", NULL, goto_error_action);
  gtk_widget_class_install_action (widget_class, "letters.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "letters.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "letters.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "letters.email", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "letters.copy", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "letters.save", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "letters.print", NULL, send_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "letters.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "letters.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "letters.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "letters.email", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "letters.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "letters.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "letters.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "letters.new", NULL);
}

static void
fill_field_list (DlLettersView *self)
{
  const DlLetterField *fields;
  guint n;
  int last_group = -1;

  fields = dl_letter_fields (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *label = gtk_label_new (_(fields[i].label));
      g_autofree char *tag = g_strdup_printf ("{{%s}}", fields[i].name);
      GtkWidget *code = gtk_label_new (tag);
      g_autofree char *a11y = g_strdup_printf (_("Insert %s: %s"),
                                               dl_letter_field_group_title (fields[i].group),
                                               _(fields[i].label));

      if ((int) fields[i].group != last_group)
        {
          GtkWidget *heading = gtk_label_new (dl_letter_field_group_title (fields[i].group));

          gtk_label_set_xalign (GTK_LABEL (heading), 0);
          gtk_widget_set_margin_start (heading, 12);
          gtk_widget_set_margin_top (heading, last_group < 0 ? 3 : 9);
          gtk_widget_add_css_class (heading, "caption-heading");
          gtk_widget_add_css_class (heading, "dim-label");
          g_object_set_data_full (G_OBJECT (row), "heading", g_object_ref_sink (heading), g_object_unref);
          last_group = fields[i].group;
        }

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_xalign (GTK_LABEL (code), 0);
      gtk_label_set_ellipsize (GTK_LABEL (code), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (code, "caption");
      gtk_widget_add_css_class (code, "monospace");
      gtk_widget_add_css_class (code, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), code);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_tooltip_text (row, tag);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data (G_OBJECT (row), "field", (gpointer) fields[i].name);
      gtk_list_box_append (self->field_list, row);
    }
}

static void
field_header_func (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer       user_data)
{
  GtkWidget *heading = g_object_get_data (G_OBJECT (row), "heading");

  if (gtk_list_box_row_get_header (row) != heading)
    gtk_list_box_row_set_header (row, heading);
}

static void
dl_letters_view_init (DlLettersView *self)
{
  GtkSourceLanguageManager *languages;
  GtkSourceLanguage *language;
  GtkSourceSearchSettings *settings;
  g_autoptr(GtkSourceMarkAttributes) error_mark = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) audiences = gtk_string_list_new (NULL);
  GtkEventController *focus;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* alone (in a test) the view shows its own undo toasts; in the window
   * it gets the window's stack */
  self->undo_stack = dl_undo_stack_new ();
  dl_undo_toasts_attach (self->undo_stack, self->toast_overlay);

  /* The body: a source buffer with our placeholder language. */
  languages = gtk_source_language_manager_get_default ();
  language = gtk_source_language_manager_get_language (languages, "downline-letter");
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  if (language != NULL)
    gtk_source_buffer_set_language (self->buffer, language);
  else
    g_warning ("The letter language definition is missing from the resources");
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "letters-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  error_mark = gtk_source_mark_attributes_new ();
  gtk_source_mark_attributes_set_icon_name (error_mark, "dialog-error-symbolic");
  gtk_source_view_set_mark_attributes (self->source_view, ERROR_CATEGORY, error_mark, 10);
  gtk_source_view_set_show_line_marks (self->source_view, TRUE);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_dark_changed_cb), self, 0);
  on_dark_changed_cb (style, NULL, self);

  settings = gtk_source_search_settings_new ();
  gtk_source_search_settings_set_wrap_around (settings, TRUE);
  g_object_bind_property (self->search_entry, "text", settings, "search-text", G_BINDING_DEFAULT);
  self->search = gtk_source_search_context_new (self->buffer, settings);
  g_object_unref (settings);
  g_signal_connect_object (self->search, "notify::occurrences-count",
                           G_CALLBACK (on_search_count_cb), self, 0);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_next_cb), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (on_search_next_cb), self);
  g_signal_connect_swapped (self->search_entry, "previous-match", G_CALLBACK (on_search_previous_cb), self);
  g_signal_connect_swapped (self->search_entry, "stop-search", G_CALLBACK (on_search_stop_cb), self);

  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_text_changed_cb), self);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (on_body_changed_cb), self);
  g_signal_connect_swapped (self->subject_entry, "changed", G_CALLBACK (on_text_changed_cb), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_subject_focus_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->subject_entry), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_body_focus_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), focus);

  for (DlTemplateKind k = DL_TEMPLATE_WELCOME; k <= DL_TEMPLATE_OTHER; k++)
    gtk_string_list_append (kinds, dl_template_kind_title (k));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  g_signal_connect (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);

  /* The order matches DlAudience, after "the member shown". */
  gtk_string_list_append (audiences, _("The member shown"));
  gtk_string_list_append (audiences, _("Everyone not welcomed yet"));
  gtk_string_list_append (audiences, _("Second level, joined this month"));
  gtk_string_list_append (audiences, _("Everyone who joined this month"));
  gtk_string_list_append (audiences, _("Your personal recruits"));
  /* the last choice: any members, found by what is typed */
  gtk_string_list_append (audiences, _("Members matching…"));
  gtk_drop_down_set_model (self->audience_dropdown, G_LIST_MODEL (audiences));
  g_signal_connect_object (self->audience_dropdown, "notify::selected",
                           G_CALLBACK (on_audience_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->audience_filter_entry, "search-changed",
                           G_CALLBACK (update_matches), self, G_CONNECT_SWAPPED);

  gtk_drop_down_set_expression (self->recipient_dropdown,
                                gtk_property_expression_new (DL_TYPE_PERSON, NULL, "name"));
  g_signal_connect (self->recipient_dropdown, "notify::selected",
                    G_CALLBACK (on_recipient_selected_cb), self);

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

  gtk_widget_set_layout_manager (self->letter_page,
                                 gtk_custom_layout_new (NULL, letter_page_measure, letter_page_allocate));
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_panes), self);
  update_panes (self);

  fill_field_list (self);
  gtk_list_box_set_header_func (self->field_list, field_header_func, NULL, NULL);
  g_signal_connect (self->field_list, "row-activated", G_CALLBACK (on_field_activated_cb), self);

  self->sorter = GTK_SORTER (gtk_custom_sorter_new (compare_templates, NULL, NULL));

  load_template (self, NULL);
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

  save_now (self);
  load_template (self, NULL);
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
  select_row_of (self, first);
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
  show_letter (self, FALSE);
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
  select_row_of (self, template);
}

gint64
dl_letters_view_get_recipient (DlLettersView *self)
{
  DlPerson *person;

  g_return_val_if_fail (DL_IS_LETTERS_VIEW (self), 0);

  person = selected_recipient (self);
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

  save_now (self);
  if (self->preview_id != 0)
    update_preview (self);
}

void
dl_letters_view_send_to_matching (DlLettersView *self,
                                  const char    *filter)
{
  g_return_if_fail (DL_IS_LETTERS_VIEW (self));

  gtk_drop_down_set_selected (self->audience_dropdown, AUDIENCE_MATCHING);
  gtk_editable_set_text (GTK_EDITABLE (self->audience_filter_entry), filter ? filter : "");
}

/* dl-letters-view-editor.c — the Letters view's editor and preview:
 * saving as you type, errors at their line, the live preview, one pane
 * at a time in a narrow window, and what the editor's widgets react to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-letters"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-letters-view-private.h"

/* Saving ------------------------------------------------------------- */

void
dl_letters_view_save_edits (DlLettersView *self)
{
  g_autoptr(DlTemplate) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *subject;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->current == NULL || self->store == NULL)
    return;

  body = dl_letters_view_buffer_text (self);
  subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_entry));
  if (g_strcmp0 (body, dl_template_get_body (self->current)) == 0
      && g_strcmp0 (subject, dl_template_get_subject (self->current)) == 0)
    return;

  draft = dl_template_copy (self->current);
  dl_template_set_subject (draft, subject);
  dl_template_set_body (draft, body);
  if (!dl_store_update_template (self->store, draft, &error))
    dl_letters_view_toast_error (self, error);
}

static gboolean
save_timeout_cb (gpointer data)
{
  DlLettersView *self = data;

  self->save_id = 0;
  dl_letters_view_save_edits (self);
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

void
dl_letters_view_update_preview (DlLettersView *self)
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

  body = dl_letters_view_buffer_text (self);
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
  person = dl_letters_view_selected_recipient (self);
  /* nobody to write to yet: the letter as addressed to the user, so
   * their own fields ({{me.first_name}}, the message) read as they will */
  if (!dl_store_fill_letter_context (self->store,
                                     person != NULL ? dl_person_get_id (person) : dl_store_get_user_id (self->store),
                                     dl_day_today (), self->context, &error)
      && (person != NULL || !g_error_matches (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND)))
    {
      dl_letters_view_toast_error (self, error);
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
  dl_letters_view_update_preview (self);
  return G_SOURCE_REMOVE;
}

void
dl_letters_view_schedule_preview (DlLettersView *self)
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
void
dl_letters_view_show_letter (DlLettersView *self,
                             gboolean       preview)
{
  self->showing_preview = preview && adw_leaflet_get_folded (self->leaflet);
  update_panes (self);
  adw_leaflet_set_visible_child_name (self->leaflet, "letter");
}

/* The editor's callbacks --------------------------------------------- */

static void
on_text_changed_cb (DlLettersView *self)
{
  if (self->loading || self->current == NULL)
    return;
  schedule_save (self);
  dl_letters_view_schedule_preview (self);
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

  dl_letters_view_save_edits (self);
  draft = dl_template_copy (self->current);
  dl_template_set_kind (draft, kind);
  if (!dl_store_update_template (self->store, draft, &error))
    {
      dl_letters_view_toast_error (self, error);
      return;
    }
  gtk_sorter_changed (self->sorter, GTK_SORTER_CHANGE_DIFFERENT);
  dl_letters_view_select_row_of (self, self->current);
}

static void
on_recipient_selected_cb (GtkDropDown   *dropdown,
                          GParamSpec    *pspec,
                          DlLettersView *self)
{
  dl_letters_view_update_preview (self);
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
  dl_letters_view_show_letter (self, FALSE);
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

void
dl_letters_view_find (DlLettersView *self,
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
  dl_letters_view_find (self, TRUE);
}

static void
on_search_previous_cb (DlLettersView *self)
{
  dl_letters_view_find (self, FALSE);
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
  GtkSourceStyleSchemeManager *schemes;
  const char *id = adw_style_manager_get_dark (manager) ? "Adwaita-dark" : "Adwaita";
  GtkSourceStyleScheme *scheme;

  if (!self->editor_shown)
    return;
  schemes = gtk_source_style_scheme_manager_get_default ();
  scheme = gtk_source_style_scheme_manager_get_scheme (schemes, id);
  if (scheme != NULL)
    gtk_source_buffer_set_style_scheme (self->buffer, scheme);
}

/* Setting up --------------------------------------------------------- */

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

/* Sets up the editor, its preview and the panes: called once, from
 * dl_letters_view_init (). */
/* What only the screen needs, set up when the view is first shown
 * rather than when the window opens: the letter language (read and
 * parsed from the resources), its highlighting in the colour scheme
 * (every scheme on the system is read to find one) and the gutter's
 * marks.  Tens of milliseconds of the window's making, before its first
 * frame, for a view nobody had opened. */
void
dl_letters_view_editor_show (DlLettersView *self)
{
  GtkSourceLanguageManager *languages;
  GtkSourceLanguage *language;

  if (self->editor_shown)
    return;
  self->editor_shown = TRUE;
  languages = gtk_source_language_manager_get_default ();
  language = gtk_source_language_manager_get_language (languages, "downline-letter");
  if (language != NULL)
    gtk_source_buffer_set_language (self->buffer, language);
  else
    g_warning ("The letter language definition is missing from the resources");
  gtk_source_buffer_set_highlight_syntax (self->buffer, TRUE);
  gtk_source_view_set_show_line_marks (self->source_view, TRUE);
  on_dark_changed_cb (adw_style_manager_get_default (), NULL, self);
}

void
dl_letters_view_editor_init (DlLettersView *self)
{
  GtkSourceSearchSettings *settings;
  g_autoptr(GtkSourceMarkAttributes) error_mark = NULL;
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkEventController *focus;
  AdwStyleManager *style = adw_style_manager_get_default ();

  /* The body: a source buffer, its placeholder language set when the
   * view is first shown (dl_letters_view_editor_show ()). */
  self->buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->source_view)));
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (self->buffer), TRUE);
  self->error_tag = gtk_text_buffer_create_tag (GTK_TEXT_BUFFER (self->buffer), "letters-error",
                                                "underline", PANGO_UNDERLINE_ERROR,
                                                NULL);
  error_mark = gtk_source_mark_attributes_new ();
  gtk_source_mark_attributes_set_icon_name (error_mark, "dialog-error-symbolic");
  gtk_source_view_set_mark_attributes (self->source_view, ERROR_CATEGORY, error_mark, 10);
  g_signal_connect_object (style, "notify::dark", G_CALLBACK (on_dark_changed_cb), self, 0);

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

  gtk_drop_down_set_expression (self->recipient_dropdown,
                                gtk_property_expression_new (DL_TYPE_PERSON, NULL, "name"));
  g_signal_connect (self->recipient_dropdown, "notify::selected",
                    G_CALLBACK (on_recipient_selected_cb), self);

  gtk_widget_set_layout_manager (self->letter_page,
                                 gtk_custom_layout_new (NULL, letter_page_measure, letter_page_allocate));
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (update_panes), self);
  update_panes (self);

  fill_field_list (self);
  gtk_list_box_set_header_func (self->field_list, field_header_func, NULL, NULL);
  g_signal_connect (self->field_list, "row-activated", G_CALLBACK (on_field_activated_cb), self);
}

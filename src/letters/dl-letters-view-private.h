/* dl-letters-view-private.h — what the Letters view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view's instance and the helpers its parts call across files:
 * dl-letters-view.c (the list of templates, the template loaded, the
 * GObject), dl-letters-view-editor.c (saving, errors, the preview, the
 * panes and the callbacks of the editor) and dl-letters-view-actions.c
 * (the template actions, their undo, sending).  Not installed.
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "dl-letter-fields.h"
#include "dl-letters-view.h"
#include "dl-store-letters.h"
#include "dl-undo-stack.h"

G_BEGIN_DECLS

#define SAVE_DELAY_MS    400
#define PREVIEW_DELAY_MS 120
#define ERROR_CATEGORY   "letters-error"

/* The letter's pane, editor and preview side by side, asks for this
 * much: a window narrower than it and the template list shows one pane
 * at a time. */
#define LETTER_PANE_WIDTH 560

/* The audience dropdown's choices: the member shown, the DlAudience
 * values, then members matching a filter. */
#define AUDIENCE_MATCHING (1 + DL_AUDIENCE_PERSONAL + 1)

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
  gboolean editor_shown;      /* its highlighting and colours set up */
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

/* dl-letters-view.c */

/* A toast in the view's overlay, and one for an error (longer). */
void      dl_letters_view_toast              (DlLettersView  *self,
                                              const char     *title);
void      dl_letters_view_toast_error        (DlLettersView  *self,
                                              const GError   *error);
/* The body as typed (a new string). */
char     *dl_letters_view_buffer_text        (DlLettersView  *self);
/* The member the preview is for, or NULL. */
DlPerson *dl_letters_view_selected_recipient (DlLettersView  *self);
/* Saves what was typed, then shows template (NULL: none) in the editor. */
void      dl_letters_view_load_template      (DlLettersView  *self,
                                              DlTemplate     *template);
/* Selects template's row in the list, or the first row. */
void      dl_letters_view_select_row_of      (DlLettersView  *self,
                                              DlTemplate     *template);

/* dl-letters-view-editor.c */

/* Sets up the editor, its preview and the panes; once, at init. */
void      dl_letters_view_editor_init        (DlLettersView  *self);
void      dl_letters_view_editor_show        (DlLettersView  *self);
/* Writes what was typed to the store now, not after the pause. */
void      dl_letters_view_save_edits         (DlLettersView  *self);
/* Renders the preview now; or a moment after the last change. */
void      dl_letters_view_update_preview     (DlLettersView  *self);
void      dl_letters_view_schedule_preview   (DlLettersView  *self);
/* The letter's page, on the editor (or, folded, the preview). */
void      dl_letters_view_show_letter        (DlLettersView  *self,
                                              gboolean        preview);
/* The next (or previous) match of the search bar's text. */
void      dl_letters_view_find               (DlLettersView  *self,
                                              gboolean        forward);

/* dl-letters-view-actions.c */

/* Installs the view's actions and their keys; once, at class init. */
void      dl_letters_view_actions_class_init (GtkWidgetClass *widget_class);
/* Sets up the audience dropdown; once, at init. */
void      dl_letters_view_actions_init       (DlLettersView  *self);

G_END_DECLS

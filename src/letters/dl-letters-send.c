/* dl-letters-send.c — letters out of the app: email, copy, file, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every way out ends the same: the letters that actually left are
 * stored and logged as a letter contact, so the member's history (and
 * the Today list) knows they were written to.  A letter the user backed
 * out of (a cancelled file dialog or print) is not logged.
 */

#define G_LOG_DOMAIN "dl-letters"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-letter-fields.h"
#include "dl-clock.h"
#include "dl-letters-send.h"

/* More than this many letters are listed as "and N more". */
#define MAX_LISTED 8

static void
produced_free (DlProducedLetter *p)
{
  g_free (p->name);
  g_free (p->email);
  g_free (p->subject);
  g_free (p->body);
  g_strfreev (p->empty);
  g_free (p);
}

static GPtrArray *produce_all (DlStore           *store,
                               DlLetterTemplate  *letter,
                               DlMustacheValue   *context,
                               GArray            *person_ids,
                               DlDay              today,
                               GError           **error);

GPtrArray *
dl_letters_produce (DlStore             *store,
                    const char          *subject,
                    const char          *body,
                    GArray              *person_ids,
                    gboolean            *in_subject,
                    DlMustacheLocation  *where,
                    GError             **error)
{
  g_autoptr(DlLetterTemplate) letter = NULL;
  g_autoptr(DlMustacheValue) context = dl_letter_context_new ();
  g_autoptr(GPtrArray) out = NULL;
  DlDay today = dl_clock_get_today (dl_clock_get_default ());

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (person_ids != NULL, NULL);

  letter = dl_letter_template_new (subject, body, in_subject, where, error);
  if (letter == NULL)
    return NULL;

  /* every recipient's fields read in one snapshot, not one each */
  dl_store_begin_read (store);
  out = produce_all (store, letter, context, person_ids, today, error);
  dl_store_end_read (store);

  return g_steal_pointer (&out);
}

static GPtrArray *
produce_all (DlStore           *store,
             DlLetterTemplate  *letter,
             DlMustacheValue   *context,
             GArray            *person_ids,
             DlDay              today,
             GError           **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) produced_free);
  g_autoptr(DlLetterReader) reader = dl_letter_reader_new (store, today, error);

  if (reader == NULL)
    return NULL;
  dl_letter_reader_expect (reader, person_ids);

  for (guint i = 0; i < person_ids->len; i++)
    {
      gint64 id = g_array_index (person_ids, gint64, i);
      DlProducedLetter *p;

      if (!dl_letter_reader_fill (reader, id, context, error))
        return NULL;

      p = g_new0 (DlProducedLetter, 1);
      p->person_id = id;
      /* the recipient's name and address, as the context now holds them */
      p->name = g_strdup (dl_mustache_value_get_string (dl_mustache_map_lookup (context, "name")));
      p->email = g_strdup (dl_mustache_value_get_string (dl_mustache_map_lookup (context, "email")));
      g_ptr_array_add (out, p);
      if (!dl_letter_template_render (letter, context, &p->subject, &p->body, error))
        return NULL;
      p->empty = dl_letter_template_find_empty (letter, context);
    }

  return g_steal_pointer (&out);
}

/* The job ------------------------------------------------------------ */

typedef struct
{
  GtkWidget *parent;
  DlStore *store;
  gint64 template_id;
  DlSentVia via;
  GPtrArray *letters;      /* DlProducedLetter */
  GArray *delivered;       /* indexes into letters */
  GArray *pages;           /* PrintPage, when printing */
} Job;

/* A printed page: some lines of one letter.  Each letter starts on a
 * page of its own and goes on over as many pages as it needs. */
typedef struct
{
  guint letter;
  int   first_line;
  int   n_lines;
} PrintPage;

static void
job_free (Job *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_clear_pointer (&job->letters, g_ptr_array_unref);
  g_clear_pointer (&job->delivered, g_array_unref);
  g_clear_pointer (&job->pages, g_array_unref);
  g_free (job);
}

static GtkWindow *
parent_window (Job *job)
{
  GtkRoot *root = gtk_widget_get_root (job->parent);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static DlProducedLetter *
letter_at (Job  *job,
           guint i)
{
  return job->letters->pdata[i];
}

static void
deliver_all (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  g_array_set_size (job->delivered, 0);
  for (guint i = 0; i < job->letters->len; i++)
    g_array_append_val (job->delivered, i);
}

/* Stores and logs what went out, then finishes the task. */
static void
record_and_finish (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GArray) sent = g_array_new (FALSE, FALSE, sizeof (DlSentLetter));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < job->delivered->len; i++)
    {
      DlProducedLetter *p = letter_at (job, g_array_index (job->delivered, guint, i));
      g_autoptr(DlLetter) letter = NULL;
      DlSentLetter s = { p->person_id, 0, 0 };

      letter = dl_store_record_letter (job->store, p->person_id, job->template_id, p->subject,
                                       p->body, job->via, &s.interaction_id, &error);
      if (letter == NULL)
        break;
      s.letter_id = dl_letter_get_id (letter);
      g_array_append_val (sent, s);
    }

  if (error != NULL && sent->len == 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    g_warning ("Only %u of %u letters could be logged: %s", sent->len, job->delivered->len,
               error->message);
  g_task_return_pointer (task, g_steal_pointer (&sent), (GDestroyNotify) g_array_unref);
}

static char *
letter_as_text (DlProducedLetter *p)
{
  /* TRANSLATORS: the first line of a copied or saved letter */
  return g_strdup_printf (_("Subject: %s\n\n%s"), p->subject, p->body);
}

/* Email -------------------------------------------------------------- */

static void
send_email (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GdkAppLaunchContext) context = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  guint n_missing = 0;

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (job->parent));
  for (guint i = 0; i < job->letters->len; i++)
    {
      DlProducedLetter *p = letter_at (job, i);
      g_autofree char *uri = NULL;
      g_autoptr(GError) error = NULL;

      if (p->email == NULL || p->email[0] == '\0')
        {
          if (n_missing++ < MAX_LISTED)
            g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", p->name);
          continue;
        }

      uri = dl_letter_mailto_uri (p->email, p->subject, p->body);
      if (!g_app_info_launch_default_for_uri (uri, G_APP_LAUNCH_CONTEXT (context), &error))
        {
          if (job->delivered->len == 0)
            {
              g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                       _("No email app could open the letter (%s). Copy it "
                                         "or save it as a file instead."),
                                       error->message);
              return;
            }
          break;
        }
      g_array_append_val (job->delivered, i);
    }

  if (job->delivered->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("No email address for %s: copy the letter or print it instead."),
                               missing->str);
      return;
    }

  record_and_finish (task);
}

/* Copy --------------------------------------------------------------- */

static void
send_copy (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < job->letters->len; i++)
    {
      DlProducedLetter *p = letter_at (job, i);
      g_autofree char *one = letter_as_text (p);

      if (job->letters->len > 1)
        {
          if (i > 0)
            g_string_append (text, "\n\n");
          /* TRANSLATORS: separates the letters when several are copied at once */
          g_string_append_printf (text, _("——— To: %s ———"), p->name);
          g_string_append (text, "\n");
        }
      g_string_append (text, one);
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (job->parent), text->str);
  deliver_all (task);
  record_and_finish (task);
}

/* Files -------------------------------------------------------------- */

static char *
letter_contents (DlStore          *store,
                 DlProducedLetter *p,
                 gboolean          eml)
{
  g_autoptr(DlProfile) profile = NULL;
  DlPerson *me;

  if (!eml)
    return letter_as_text (p);

  profile = dl_store_get_profile (store);
  me = profile ? dl_profile_get_person (profile) : NULL;
  return dl_letter_format_eml (me ? dl_person_get_name (me) : "",
                               me ? dl_person_get_email (me) : "",
                               p->name, p->email, p->subject, p->body, NULL);
}


static char *
safe_file_name (const char *name,
                guint       n,
                const char *extension)
{
  g_autofree char *clean = g_strdup (name[0] ? name : _("Letter"));

  /* Characters that no file system likes. */
  g_strdelimit (clean, "/\\:*?\"<>|\n\r\t", '-');
  /* a name of dots would be this folder or its parent */
  if (strspn (clean, ".") == strlen (clean))
    g_strdelimit (clean, ".", '-');
  if (n > 1)
    return g_strdup_printf ("%s (%u)%s", clean, n, extension);
  return g_strconcat (clean, extension, NULL);
}

/* Creates (never replaces) folder/NAME.eml, or NAME (2).eml and on when
 * that exists: two members called the same, or a file left from an
 * earlier run, keep their own letters. */
static GFile *
create_letter_file (GFile              *folder,
                    DlProducedLetter   *p,
                    const char         *contents,
                    GError            **error)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = safe_file_name (p->name, n, ".eml");
      g_autoptr(GFile) child = g_file_get_child (folder, name);
      g_autoptr(GFileOutputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;

      stream = g_file_create (child, G_FILE_CREATE_PRIVATE, NULL, &local_error);
      if (stream == NULL)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) && n < G_MAXUINT)
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), contents, strlen (contents), NULL,
                                      NULL, error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
        {
          g_file_delete (child, NULL, NULL);
          return NULL;
        }
      return g_steal_pointer (&child);
    }
}

gboolean
dl_letters_save_one (DlStore           *store,
                     DlProducedLetter  *letter,
                     GFile             *file,
                     GError           **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (letter != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  basename = g_file_get_basename (file);
  contents = letter_contents (store, letter, g_str_has_suffix (basename, ".eml"));
  /* Both flags are needed: without REPLACE_DESTINATION an existing file
   * is written in place and keeps its mode (0644 stays 0644); with it a
   * new file is renamed over the old one, and PRIVATE makes that 0600. */
  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION | G_FILE_CREATE_PRIVATE,
                                  NULL, NULL, error);
}

gboolean
dl_letters_save_in_folder (DlStore    *store,
                           GPtrArray  *letters,
                           GFile      *folder,
                           GArray     *written,
                           GPtrArray  *file_names,
                           GError    **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (letters != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);
  g_return_val_if_fail (written != NULL, FALSE);

  for (guint i = 0; i < letters->len; i++)
    {
      DlProducedLetter *p = letters->pdata[i];
      g_autofree char *contents = letter_contents (store, p, TRUE);
      g_autoptr(GFile) file = create_letter_file (folder, p, contents, error);

      if (file == NULL)
        return FALSE;
      g_array_append_val (written, i);
      if (file_names != NULL)
        g_ptr_array_add (file_names, g_file_get_basename (file));
    }

  return TRUE;
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     GTask           *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      g_object_unref (task);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (job->letters->len == 1)
    {
      if (!dl_letters_save_one (job->store, letter_at (job, 0), file, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      deliver_all (task);
    }
  else
    {
      /* A folder: one message file per member; only the letters
       * written are logged. */
      dl_letters_save_in_folder (job->store, job->letters, file, job->delivered, NULL, &error);
      if (error != NULL && job->delivered->len == 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
    }

  record_and_finish (task);
  g_object_unref (task);
}

static void
send_file (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  GtkFileChooserNative *chooser;
  gboolean one = job->letters->len == 1;

  chooser = gtk_file_chooser_native_new (one ? _("Save Letter") : _("Save Letters in a Folder"),
                                         parent_window (job),
                                         one ? GTK_FILE_CHOOSER_ACTION_SAVE
                                             : GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         one ? _("_Save") : _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (one)
    {
      g_autoptr(GtkFileFilter) eml = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) txt = gtk_file_filter_new ();
      g_autofree char *name = safe_file_name (letter_at (job, 0)->name, 1, ".eml");

      gtk_file_filter_set_name (eml, _("Email message (.eml)"));
      gtk_file_filter_add_pattern (eml, "*.eml");
      gtk_file_filter_set_name (txt, _("Plain text (.txt)"));
      gtk_file_filter_add_pattern (txt, "*.txt");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), eml);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), txt);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), g_object_ref (task));
  /* The dialog frees itself with the task's last use. */
  g_object_set_data_full (G_OBJECT (task), "chooser", chooser, g_object_unref);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print -------------------------------------------------------------- */

#define PRINT_FONT_SIZE 11

/* Subject in bold, then the body, at a size that reads on paper.  Plain
 * text with attributes, never markup: it holds people's data. */
static PangoLayout *
letter_layout (GtkPrintContext  *context,
               DlProducedLetter *p)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  g_autofree char *text = g_strconcat (p->subject, "\n\n", p->body, NULL);
  PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);

  bold->start_index = 0;
  bold->end_index = strlen (p->subject);
  pango_attr_list_insert (attrs, bold);
  pango_layout_set_attributes (layout, attrs);
  pango_font_description_set_size (font, PRINT_FONT_SIZE * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static double
line_height (PangoLayoutLine *line,
             double          *ascent)
{
  PangoRectangle logical;

  pango_layout_line_get_extents (line, NULL, &logical);
  if (ascent != NULL)
    *ascent = -logical.y / (double) PANGO_SCALE;
  return logical.height / (double) PANGO_SCALE;
}

/* Cuts every letter into pages of whole lines. */
static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   Job               *job)
{
  double height = gtk_print_context_get_height (context);

  if (job->pages == NULL)
    job->pages = g_array_new (FALSE, FALSE, sizeof (PrintPage));
  g_array_set_size (job->pages, 0);

  for (guint i = 0; i < job->letters->len; i++)
    {
      g_autoptr(PangoLayout) layout = letter_layout (context, letter_at (job, i));
      int n_lines = pango_layout_get_line_count (layout);
      PrintPage page = { i, 0, 0 };
      double used = 0;

      for (int l = 0; l < n_lines; l++)
        {
          double h = line_height (pango_layout_get_line_readonly (layout, l), NULL);

          if (page.n_lines > 0 && used + h > height)
            {
              g_array_append_val (job->pages, page);
              page.first_line = l;
              page.n_lines = 0;
              used = 0;
            }
          page.n_lines++;
          used += h;
        }
      g_array_append_val (job->pages, page);
    }

  gtk_print_operation_set_n_pages (operation, job->pages->len);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 Job               *job)
{
  const PrintPage *page = &g_array_index (job->pages, PrintPage, page_nr);
  g_autoptr(PangoLayout) layout = letter_layout (context, letter_at (job, page->letter));
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double y = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int l = page->first_line; l < page->first_line + page->n_lines; l++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, l);
      double ascent;
      double h = line_height (line, &ascent);

      cairo_move_to (cr, 0, y + ascent);
      pango_cairo_show_layout_line (cr, line);
      y += h;
    }
}

static void
send_print (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  gtk_print_operation_set_job_name (operation, _("Letters"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    parent_window (job), &error);
  switch (result)
    {
    case GTK_PRINT_OPERATION_RESULT_ERROR:
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    case GTK_PRINT_OPERATION_RESULT_APPLY:
    case GTK_PRINT_OPERATION_RESULT_IN_PROGRESS:
      deliver_all (task);
      record_and_finish (task);
      return;
    case GTK_PRINT_OPERATION_RESULT_CANCEL:
    default:
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
      return;
    }
}

static void
deliver (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  switch (job->via)
    {
    case DL_SENT_EMAIL:
      send_email (task);
      break;
    case DL_SENT_COPY:
      send_copy (task);
      break;
    case DL_SENT_FILE:
      send_file (task);
      break;
    case DL_SENT_PRINT:
      send_print (task);
      break;
    case DL_SENT_NONE:
    default:
      deliver_all (task);
      record_and_finish (task);
      break;
    }
}

/* The pre-send check ------------------------------------------------- */

static void
on_confirm_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GTask            *task)
{
  if (g_strcmp0 (response, "send") == 0)
    deliver (task);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
  g_object_unref (task);
}

static const char *
via_verb (DlSentVia via)
{
  switch (via)
    {
    case DL_SENT_EMAIL:
      return _("_Open in Email App");
    case DL_SENT_COPY:
      return _("_Copy");
    case DL_SENT_FILE:
      return _("_Save");
    case DL_SENT_PRINT:
      return _("_Print");
    case DL_SENT_NONE:
    default:
      return _("_Send");
    }
}

static void
confirm (GTask *task)
{
  Job *job = g_task_get_task_data (task);
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  guint n = job->letters->len, n_warned = 0, n_no_email = 0;
  g_autofree char *heading = NULL;

  for (guint i = 0; i < n; i++)
    {
      DlProducedLetter *p = letter_at (job, i);

      if (job->via == DL_SENT_EMAIL && (p->email == NULL || p->email[0] == '\0'))
        n_no_email++;
      if (p->empty == NULL || p->empty[0] == NULL)
        continue;
      if (n_warned++ < MAX_LISTED)
        {
          g_autofree char *fields = g_strjoinv (", ", p->empty);

          g_string_append_printf (body, "• %s: %s\n", p->name, fields);
        }
    }
  if (n_warned > MAX_LISTED)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "…and %u more\n", "…and %u more\n",
                                               n_warned - MAX_LISTED),
                            n_warned - MAX_LISTED);
  if (n_warned > 0)
    g_string_prepend (body, _("These fields are empty and the letter has no fallback text for "
                              "them, so the sentences around them may read oddly:\n\n"));
  if (n_no_email > 0)
    {
      if (body->len > 0)
        g_string_append (body, "\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u member has no email address and is skipped.",
                                                 "%u members have no email address and are skipped.",
                                                 n_no_email),
                              n_no_email);
    }

  if (n_warned == 0 && n_no_email == 0 && n == 1)
    {
      deliver (task);
      return;
    }

  if (n_warned > 0)
    heading = g_strdup (_("Some Fields Are Empty"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Send %u Letter?", "Send %u Letters?", n),
                               n);
  if (body->len == 0)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                               "%u personal letter will be made and saved in the "
                                               "member’s history.",
                                               "%u personal letters will be made and each saved in "
                                               "the member’s history.",
                                               n),
                            n);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (job), heading, NULL));
  /* Plain text: the body lists people's names. */
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "send", n_warned > 0 ? _("Send _Anyway") : via_verb (job->via),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, n_warned > 0 ? "cancel" : "send");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), g_object_ref (task));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
dl_letters_send_async (GtkWidget           *parent,
                       DlStore             *store,
                       DlTemplate          *template,
                       const char          *subject,
                       const char          *body,
                       GArray              *person_ids,
                       DlSentVia            via,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (DL_IS_STORE (store));
  g_return_if_fail (person_ids != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dl_letters_send_async);
  job = g_new0 (Job, 1);
  job->parent = g_object_ref (parent);
  job->store = g_object_ref (store);
  job->template_id = template ? dl_template_get_id (template) : 0;
  job->via = via;
  job->delivered = g_array_new (FALSE, FALSE, sizeof (guint));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  job->letters = dl_letters_produce (store, subject, body, person_ids, NULL, NULL, &error);
  if (job->letters == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  confirm (task);
}

GArray *
dl_letters_send_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

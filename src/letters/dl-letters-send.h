/* dl-letters-send.h — letters out of the app: email, copy, file, print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dl-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 person_id;
  gint64 letter_id;
  gint64 interaction_id;
} DlSentLetter;

/* Produces the template's letter for each person in person_ids, runs
 * the pre-send check (an error blocks; empty fields without a fallback
 * ask first), sends them the chosen way from parent's window, and
 * stores every letter that went out in the person's history.  Finishes
 * with the DlSentLetter array (empty when nothing went out), or an error
 * (G_IO_ERROR_CANCELLED when the user said no). */
void    dl_letters_send_async  (GtkWidget           *parent,
                                DlStore             *store,
                                DlTemplate          *template,
                                const char          *subject,
                                const char          *body,
                                GArray              *person_ids,
                                DlSentVia            via,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GArray *dl_letters_send_finish (GAsyncResult        *result,
                                GError             **error);

/* One produced letter, for the pre-send check. */
typedef struct
{
  gint64 person_id;
  char *name;
  char *email;
  char *subject;
  char *body;
  char **empty;       /* fields empty without fallback */
} DlProducedLetter;

/* Renders the letter for each person; NULL with the template's error
 * (line and column in *where, part in *in_subject) when it cannot be
 * sent at all.  Items are DlProducedLetter; free with g_ptr_array_unref. */
GPtrArray *dl_letters_produce  (DlStore             *store,
                                const char          *subject,
                                const char          *body,
                                GArray              *person_ids,
                                gboolean            *in_subject,
                                DlMustacheLocation  *where,
                                GError             **error);

/* Writes letter to file, as an e-mail message when the name ends in
 * ".eml", else as plain text; the file chosen in the save dialog.  A
 * letter holds a person's details, so the file is private to the user
 * like the database (0600), whatever the umask, also when it replaces
 * a file that was not. */
gboolean   dl_letters_save_one       (DlStore           *store,
                                      DlProducedLetter  *letter,
                                      GFile             *file,
                                      GError           **error);

/* Writes one .eml per letter (DlProducedLetter) into folder, each a new
 * file only the user can read: "Name.eml", then "Name (2).eml" and on,
 * never over an existing file.  Appends the index of every letter
 * written to written (guint) and, when file_names is not NULL, its file
 * name; stops at the first failure. */
gboolean   dl_letters_save_in_folder (DlStore    *store,
                                      GPtrArray  *letters,
                                      GFile      *folder,
                                      GArray     *written,
                                      GPtrArray  *file_names,
                                      GError    **error);

G_END_DECLS

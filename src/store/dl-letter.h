/* dl-letter.h — a letter made from a template for one person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

G_BEGIN_DECLS

/* How a letter left the app; stored as "none", "email", "copy", "file",
 * "print". */
typedef enum
{
  DL_SENT_NONE,
  DL_SENT_EMAIL,
  DL_SENT_COPY,
  DL_SENT_FILE,
  DL_SENT_PRINT,
} DlSentVia;

const char *dl_sent_via_to_string   (DlSentVia   via);
gboolean    dl_sent_via_from_string (const char *s,
                                     DlSentVia  *out);

#define DL_TYPE_LETTER (dl_letter_get_type ())

G_DECLARE_FINAL_TYPE (DlLetter, dl_letter, DL, LETTER, GObject)

DlLetter   *dl_letter_new             (void);
DlLetter   *dl_letter_copy            (DlLetter *self);
gint64      dl_letter_get_id          (DlLetter *self);
gint64      dl_letter_get_person_id   (DlLetter *self);
gint64      dl_letter_get_template_id (DlLetter *self);
const char *dl_letter_get_subject     (DlLetter *self);
const char *dl_letter_get_body        (DlLetter *self);
GDateTime  *dl_letter_get_created_at  (DlLetter *self);
DlSentVia   dl_letter_get_sent_via    (DlLetter *self);

G_END_DECLS

/* dl-letter-fields.h — the placeholders a letter can use, and the
 * default letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-mustache.h"
#include "dl-types.h"

G_BEGIN_DECLS

typedef enum
{
  DL_LETTER_FIELD_RECIPIENT,
  DL_LETTER_FIELD_SPONSOR,
  DL_LETTER_FIELD_ME,
  DL_LETTER_FIELD_OTHER,
} DlLetterFieldGroup;

typedef struct
{
  const char *name;          /* as written in a template: "sponsor.email" */
  DlLetterFieldGroup group;
  const char *label;         /* untranslated; show with _() */
} DlLetterField;

/* Every field, in the order the editor lists them. */
const DlLetterField *dl_letter_fields      (guint *n_fields);
/* Translated title of a group ("The member", "Their sponsor", …). */
const char          *dl_letter_field_group_title (DlLetterFieldGroup group);

/* A context holding every field, all empty: the shape the store fills
 * for a recipient, and the list of known names for
 * dl_mustache_check_names (). */
DlMustacheValue     *dl_letter_context_new (void);

/* The default letters, written for Downline. */
typedef struct
{
  const char     *builtin;   /* the template.builtin key */
  DlTemplateKind  kind;
  const char     *name;      /* untranslated; use _() */
  const char     *subject;   /* untranslated */
  const char     *body;      /* untranslated */
} DlLetterDefault;

const DlLetterDefault *dl_letter_defaults       (guint       *n_defaults);
const DlLetterDefault *dl_letter_default_lookup (const char  *builtin);

/* A letter template compiled for sending: subject and body parsed and
 * every name checked against the letter fields.  It renders into a
 * buffer of its own: one thread at a time. */
typedef struct _DlLetterTemplate DlLetterTemplate;

/* Compiles and checks.  On failure, *in_subject says which part holds
 * the fault and where its location.  Both may be NULL. */
DlLetterTemplate *dl_letter_template_new   (const char          *subject,
                                            const char          *body,
                                            gboolean            *in_subject,
                                            DlMustacheLocation  *where,
                                            GError             **error);
void              dl_letter_template_free  (DlLetterTemplate    *self);
/* Plain text; the subject comes out on one line. */
gboolean          dl_letter_template_render (DlLetterTemplate       *self,
                                             const DlMustacheValue  *context,
                                             char                  **subject,
                                             char                  **body,
                                             GError                **error);
/* The pre-send warning: fields used in subject or body that are empty
 * for this recipient and have no fallback.  NULL-terminated. */
char            **dl_letter_template_find_empty (DlLetterTemplate      *self,
                                                 const DlMustacheValue *context);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlLetterTemplate, dl_letter_template_free)

/* A mailto: URI that opens the letter in the user's email app. */
char            *dl_letter_mailto_uri     (const char *to_email,
                                           const char *subject,
                                           const char *body);
/* The letter as an RFC 5322 message (.eml) with UTF-8 plain text;
 * names and emails may be empty. */
char            *dl_letter_format_eml     (const char *from_name,
                                           const char *from_email,
                                           const char *to_name,
                                           const char *to_email,
                                           const char *subject,
                                           const char *body,
                                           GDateTime  *date);

/* Translated name of a template kind, for group headings. */
const char          *dl_template_kind_title    (DlTemplateKind kind);

G_END_DECLS

/* dl-store-letters.h — letter templates, the letters sent and what the
 * Letters view needs to write them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-letter.h"
#include "dl-letter-fields.h"
#include "dl-template.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* Letter templates. */
GListModel *dl_store_get_templates      (DlStore        *self);
DlTemplate *dl_store_get_template       (DlStore        *self,
                                         gint64          template_id);
/* The template installed under a builtin name, or NULL. */
DlTemplate *dl_store_find_builtin_template (DlStore     *self,
                                            const char  *builtin);
DlTemplate *dl_store_add_template       (DlStore        *self,
                                         DlTemplate     *draft,
                                         GError        **error);
/* Saves name, kind, subject and body. */
gboolean    dl_store_update_template    (DlStore        *self,
                                         DlTemplate     *draft,
                                         GError        **error);
gboolean    dl_store_delete_template    (DlStore        *self,
                                         gint64          template_id,
                                         GError        **error);

/* Adds every default letter whose builtin key is not installed yet, in
 * the current language.  Runs inside the caller's transaction if any;
 * the store calls it when the profile is first saved and when sample
 * data fills a new file. */
gboolean    dl_store_install_default_templates (DlStore     *self,
                                                GError     **error);

/* Puts a default template's original name, subject and body back. */
gboolean    dl_store_restore_default_template  (DlStore     *self,
                                                gint64       template_id,
                                                GError     **error);

/* Fills context (from dl_letter_context_new ()) with the fields of
 * person_id as recipient: their own, their sponsor's (empty when the
 * sponsor is the user or none), the user's (me.*) and today. */
gboolean    dl_store_fill_letter_context       (DlStore          *self,
                                                gint64            person_id,
                                                DlDay             today,
                                                DlMustacheValue  *context,
                                                GError          **error);

/* The same for many recipients: what all share (the user, the day, the
 * kept tree) read once, then one read a recipient.  Use inside
 * dl_store_begin_read () for one snapshot of them all. */
typedef struct _DlLetterReader DlLetterReader;

DlLetterReader *dl_letter_reader_new           (DlStore          *store,
                                                DlDay             today,
                                                GError          **error);
/* FALSE with DL_STORE_ERROR_NOT_FOUND for someone no longer there. */
gboolean    dl_letter_reader_fill              (DlLetterReader   *reader,
                                                gint64            person_id,
                                                DlMustacheValue  *context,
                                                GError          **error);
/* The recipients about to be filled, in this order: read in one pass
 * rather than a query each (starting and ending a query for each of
 * 10,000 letters was a sixth of the work of making them).  Filling someone else, or in
 * another order, still works, read on its own.  The read stays open
 * until the last of them is filled or the reader is freed. */
void        dl_letter_reader_expect            (DlLetterReader   *reader,
                                                GArray           *person_ids);
void        dl_letter_reader_free              (DlLetterReader   *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlLetterReader, dl_letter_reader_free)

/* How many levels below the user person_id is: 1 for a personal
 * recruit, 0 for the user and for anyone outside the downline. */
guint       dl_store_get_member_level          (DlStore     *self,
                                                gint64       person_id);

/* Members other than the user, newest first (by joined-on, then id):
 * the choice of recipients.  Items are DlPerson. */
GListModel *dl_store_get_recipients            (DlStore     *self);

/* Who a letter can go to in one batch. */
typedef enum
{
  DL_AUDIENCE_NOT_WELCOMED,        /* owed a welcome, as Today has it (dl_rules_needs_welcome) */
  DL_AUDIENCE_SECOND_LEVEL_MONTH,  /* level 2, joined this calendar month */
  DL_AUDIENCE_JOINED_THIS_MONTH,   /* any level, joined this month */
  DL_AUDIENCE_PERSONAL,            /* the user's own recruits */
} DlAudience;

/* Person ids of the audience, newest member first.  started_on is the
 * first use of Downline on this file (dl_settings_get_first_use ()):
 * who joined well before it counts as welcomed, as in Today. */
GArray     *dl_store_find_audience             (DlStore     *self,
                                                DlAudience   audience,
                                                DlDay        today,
                                                DlDay        started_on,
                                                GError     **error);

/* Members (not the user, not dropped out) any of whose name, email,
 * phone, city, rank or member number contains each word of filter, in
 * any case; newest member first.  An empty filter is refused. */
GArray     *dl_store_find_members_matching     (DlStore     *self,
                                                const char  *filter,
                                                GError     **error);

/* Stores a produced letter and logs it as a letter contact in the
 * person's history, in one transaction.  Returns the letter; the
 * interaction's id goes to *interaction_id for undo. */
DlLetter   *dl_store_record_letter             (DlStore     *self,
                                                gint64       person_id,
                                                gint64       template_id,
                                                const char  *subject,
                                                const char  *body,
                                                DlSentVia    sent_via,
                                                gint64      *interaction_id,
                                                GError     **error);

/* Undoes dl_store_record_letter: removes the letter and its log entry. */
gboolean    dl_store_unrecord_letter           (DlStore     *self,
                                                gint64       letter_id,
                                                gint64       interaction_id,
                                                GError     **error);

G_END_DECLS

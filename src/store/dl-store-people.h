/* dl-store-people.h — the user, the people and their contact log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everyone in the file is a person; the user is the one with a profile.
 * Prospects and members are people with a row more: see
 * dl-store-pipeline.h and dl-store-members.h.
 */

#pragma once

#include "dl-interaction.h"
#include "dl-person.h"
#include "dl-profile.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* The profile: the user.  NULL before the first run. */
DlProfile  *dl_store_get_profile        (DlStore        *self);
/* Saves the user's person fields and company, website and message.  The
 * first save also makes the user the root member, joined today. */
gboolean    dl_store_save_profile       (DlStore        *self,
                                         DlProfile      *profile,
                                         GError        **error);
/* The user's person id, or 0 before the first run. */
gint64      dl_store_get_user_id        (DlStore        *self);

/* People. */
DlPerson   *dl_store_get_person         (DlStore        *self,
                                         gint64          person_id);
gboolean    dl_store_update_person      (DlStore        *self,
                                         DlPerson       *draft,
                                         GError        **error);
/* Fails with NOT_EMPTY for the user or a member with recruits. */
gboolean    dl_store_delete_person      (DlStore        *self,
                                         gint64          person_id,
                                         GError        **error);

/* The contact log.  at NULL means now.  Moves the person's
 * last-contact (notes to self aside). */
DlInteraction *dl_store_add_interaction (DlStore        *self,
                                         gint64          person_id,
                                         DlContactKind   kind,
                                         GDateTime      *at,
                                         const char     *summary,
                                         GError        **error);
gboolean    dl_store_delete_interaction (DlStore        *self,
                                         gint64          interaction_id,
                                         GError        **error);
/* One person's log, newest first. */
GListModel *dl_store_get_interactions   (DlStore        *self,
                                         gint64          person_id);

G_END_DECLS

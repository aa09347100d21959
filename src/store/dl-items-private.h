/* dl-items-private.h — setters the store keeps for itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties that only the database may change (ids, positions, stamps,
 * fields with their own store call) are read-only outside src/store/.
 * The store fills items through these and refreshes a shared item in
 * place with _assign(), which notifies only what changed.
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

/* Like g_set_str() of GLib 2.76, which is newer than our floor. */
static inline gboolean
dl_set_str (char       **ptr,
            const char  *value)
{
  char *copy;

  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*ptr);
  *ptr = copy;

  return TRUE;
}

/* The same for a moment: equal moments (not only the same object) are no
 * change, so a refresh notifies only what really moved. */
static inline gboolean
dl_set_date_time (GDateTime **ptr,
                  GDateTime  *value)
{
  if (*ptr == value || (*ptr != NULL && value != NULL && g_date_time_equal (*ptr, value)))
    return FALSE;

  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (ptr, g_date_time_unref);
  *ptr = value;

  return TRUE;
}

void  dl_person_set_last_contact (DlPerson  *self,
                                  GDateTime *last_contact);
void  dl_person_set_created_at   (DlPerson  *self,
                                  GDateTime *created_at);
void  dl_person_set_updated_at   (DlPerson  *self,
                                  GDateTime *updated_at);
void  dl_person_assign           (DlPerson *self,
                                  DlPerson *from);

void  dl_profile_assign (DlProfile *self,
                         DlProfile *from);

void  dl_stage_set_name        (DlStage    *self,
                                const char *name);
void  dl_stage_set_position    (DlStage *self,
                                guint    position);
void  dl_stage_set_kind        (DlStage     *self,
                                DlStageKind  kind);
void  dl_stage_set_probability (DlStage *self,
                                guint    probability);
void  dl_stage_set_stale_days  (DlStage *self,
                                guint    stale_days);
void  dl_stage_assign          (DlStage *self,
                                DlStage *from);

void  dl_prospect_set_person           (DlProspect *self,
                                        DlPerson   *person);
void  dl_prospect_set_stage_id         (DlProspect *self,
                                        gint64      stage_id);
void  dl_prospect_set_position         (DlProspect *self,
                                        guint       position);
void  dl_prospect_set_entered_stage_at (DlProspect *self,
                                        GDateTime  *entered_stage_at);
void  dl_prospect_assign               (DlProspect *self,
                                        DlProspect *from);

void  dl_member_set_person        (DlMember *self,
                                   DlPerson *person);
void  dl_member_set_cadence_days  (DlMember *self,
                                   guint     cadence_days);
void  dl_member_assign            (DlMember *self,
                                   DlMember *from);

void  dl_interaction_set_person_id (DlInteraction *self,
                                    gint64         person_id);
void  dl_interaction_set_kind      (DlInteraction *self,
                                    DlContactKind  kind);
void  dl_interaction_set_at        (DlInteraction *self,
                                    GDateTime     *at);
void  dl_interaction_set_summary   (DlInteraction *self,
                                    const char    *summary);
void  dl_interaction_assign        (DlInteraction *self,
                                    DlInteraction *from);

void  dl_template_set_created_at (DlTemplate *self,
                                  GDateTime  *created_at);
void  dl_template_set_updated_at (DlTemplate *self,
                                  GDateTime  *updated_at);
void  dl_template_assign         (DlTemplate *self,
                                  DlTemplate *from);

void  dl_letter_set_person_id   (DlLetter *self,
                                 gint64    person_id);
void  dl_letter_set_template_id (DlLetter *self,
                                 gint64    template_id);
void  dl_letter_set_subject     (DlLetter   *self,
                                 const char *subject);
void  dl_letter_set_body        (DlLetter   *self,
                                 const char *body);
void  dl_letter_set_created_at  (DlLetter  *self,
                                 GDateTime *created_at);
void  dl_letter_set_sent_via    (DlLetter  *self,
                                 DlSentVia  sent_via);
void  dl_letter_assign          (DlLetter *self,
                                 DlLetter *from);

G_END_DECLS

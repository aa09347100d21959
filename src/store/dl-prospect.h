/* dl-prospect.h — a person in the pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

#include "dl-person.h"

G_BEGIN_DECLS

#define DL_TYPE_PROSPECT (dl_prospect_get_type ())

G_DECLARE_FINAL_TYPE (DlProspect, dl_prospect, DL, PROSPECT, GObject)

DlProspect      *dl_prospect_new                  (void);
DlProspect      *dl_prospect_copy                 (DlProspect *self);
gint64           dl_prospect_get_id               (DlProspect *self);
DlPerson        *dl_prospect_get_person           (DlProspect *self);
gint64           dl_prospect_get_stage_id         (DlProspect *self);
guint            dl_prospect_get_position         (DlProspect *self);
DlInterest       dl_prospect_get_interest         (DlProspect *self);
DlQualification  dl_prospect_get_qualification    (DlProspect *self);
DlDay            dl_prospect_get_next_follow_up   (DlProspect *self);
GDateTime       *dl_prospect_get_entered_stage_at (DlProspect *self);
const char      *dl_prospect_get_not_now_reason   (DlProspect *self);
DlDay            dl_prospect_get_revisit_on       (DlProspect *self);
void             dl_prospect_set_interest         (DlProspect *self,
                                                   DlInterest  interest);
void             dl_prospect_set_qualification    (DlProspect      *self,
                                                   DlQualification  qualification);
void             dl_prospect_set_next_follow_up   (DlProspect *self,
                                                   DlDay       next_follow_up);
void             dl_prospect_set_not_now_reason   (DlProspect *self,
                                                   const char *not_now_reason);
void             dl_prospect_set_revisit_on       (DlProspect *self,
                                                   DlDay       revisit_on);

G_END_DECLS

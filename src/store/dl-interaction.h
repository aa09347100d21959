/* dl-interaction.h — one entry of the contact log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_INTERACTION (dl_interaction_get_type ())

G_DECLARE_FINAL_TYPE (DlInteraction, dl_interaction, DL, INTERACTION, GObject)

DlInteraction *dl_interaction_new           (void);
DlInteraction *dl_interaction_copy          (DlInteraction *self);
gint64         dl_interaction_get_id        (DlInteraction *self);
gint64         dl_interaction_get_person_id (DlInteraction *self);
DlContactKind  dl_interaction_get_kind      (DlInteraction *self);
GDateTime     *dl_interaction_get_at        (DlInteraction *self);
const char    *dl_interaction_get_summary   (DlInteraction *self);

G_END_DECLS

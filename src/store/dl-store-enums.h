/* dl-store-enums.h — GTypes for the domain's enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Item properties carry enums as GEnum/GFlags so views can bind them and
 * GtkBuilder can name their values.  Core stays free of GObject types;
 * the store, where items live, registers them.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define DL_TYPE_MEMBER_STATUS (dl_member_status_get_type ())
#define DL_TYPE_ROLE          (dl_role_get_type ())
#define DL_TYPE_STAGE_KIND    (dl_stage_kind_get_type ())
#define DL_TYPE_INTEREST      (dl_interest_get_type ())
#define DL_TYPE_QUALIFICATION (dl_qualification_get_type ())
#define DL_TYPE_CONTACT_KIND  (dl_contact_kind_get_type ())
#define DL_TYPE_TEMPLATE_KIND (dl_template_kind_get_type ())
#define DL_TYPE_RISK_BAND     (dl_risk_band_get_type ())
#define DL_TYPE_ACTIVITY      (dl_activity_get_type ())
#define DL_TYPE_SENT_VIA      (dl_sent_via_get_type ())
#define DL_TYPE_STORE_ENTITY  (dl_store_entity_get_type ())

GType dl_member_status_get_type (void) G_GNUC_CONST;
GType dl_role_get_type          (void) G_GNUC_CONST;
GType dl_stage_kind_get_type    (void) G_GNUC_CONST;
GType dl_interest_get_type      (void) G_GNUC_CONST;
GType dl_qualification_get_type (void) G_GNUC_CONST;
GType dl_contact_kind_get_type  (void) G_GNUC_CONST;
GType dl_template_kind_get_type (void) G_GNUC_CONST;
GType dl_risk_band_get_type     (void) G_GNUC_CONST;
GType dl_activity_get_type      (void) G_GNUC_CONST;
GType dl_sent_via_get_type      (void) G_GNUC_CONST;
GType dl_store_entity_get_type  (void) G_GNUC_CONST;

G_END_DECLS

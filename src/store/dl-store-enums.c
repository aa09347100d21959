/* dl-store-enums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written out by hand rather than with glib-mkenums: the nicks must be the
 * words stored in SQLite (dl-types.c), which mkenums would not derive
 * ("not-now", "upline-welcome").
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include "dl-store-enums.h"
#include "dl-store.h"

#define DEFINE_ENUM_TYPE(func, Name, ...)                                  \
  GType                                                                    \
  func (void)                                                              \
  {                                                                        \
    static gsize type_id = 0;                                              \
    static const GEnumValue values[] = { __VA_ARGS__, { 0, NULL, NULL } }; \
                                                                           \
    if (g_once_init_enter (&type_id))                                      \
      g_once_init_leave (&type_id, g_enum_register_static (Name, values)); \
                                                                           \
    return type_id;                                                        \
  }

DEFINE_ENUM_TYPE (dl_member_status_get_type, "DlMemberStatus",
                  { DL_MEMBER_ACTIVE, "DL_MEMBER_ACTIVE", "active" },
                  { DL_MEMBER_INACTIVE, "DL_MEMBER_INACTIVE", "inactive" },
                  { DL_MEMBER_DROPPED, "DL_MEMBER_DROPPED", "dropped" })

DEFINE_ENUM_TYPE (dl_role_get_type, "DlRole",
                  { DL_ROLE_DISTRIBUTOR, "DL_ROLE_DISTRIBUTOR", "distributor" },
                  { DL_ROLE_CUSTOMER, "DL_ROLE_CUSTOMER", "customer" })

DEFINE_ENUM_TYPE (dl_stage_kind_get_type, "DlStageKind",
                  { DL_STAGE_OPEN, "DL_STAGE_OPEN", "open" },
                  { DL_STAGE_JOINED, "DL_STAGE_JOINED", "joined" },
                  { DL_STAGE_NOT_NOW, "DL_STAGE_NOT_NOW", "not-now" })

DEFINE_ENUM_TYPE (dl_interest_get_type, "DlInterest",
                  { DL_INTEREST_UNKNOWN, "DL_INTEREST_UNKNOWN", "unknown" },
                  { DL_INTEREST_PRODUCT, "DL_INTEREST_PRODUCT", "product" },
                  { DL_INTEREST_BUSINESS, "DL_INTEREST_BUSINESS", "business" },
                  { DL_INTEREST_BOTH, "DL_INTEREST_BOTH", "both" })

DEFINE_ENUM_TYPE (dl_contact_kind_get_type, "DlContactKind",
                  { DL_CONTACT_CALL, "DL_CONTACT_CALL", "call" },
                  { DL_CONTACT_MEETING, "DL_CONTACT_MEETING", "meeting" },
                  { DL_CONTACT_EMAIL, "DL_CONTACT_EMAIL", "email" },
                  { DL_CONTACT_MESSAGE, "DL_CONTACT_MESSAGE", "message" },
                  { DL_CONTACT_LETTER, "DL_CONTACT_LETTER", "letter" },
                  { DL_CONTACT_NOTE, "DL_CONTACT_NOTE", "note" })

DEFINE_ENUM_TYPE (dl_template_kind_get_type, "DlTemplateKind",
                  { DL_TEMPLATE_WELCOME, "DL_TEMPLATE_WELCOME", "welcome" },
                  { DL_TEMPLATE_UPLINE_WELCOME, "DL_TEMPLATE_UPLINE_WELCOME", "upline-welcome" },
                  { DL_TEMPLATE_CHECK_IN, "DL_TEMPLATE_CHECK_IN", "check-in" },
                  { DL_TEMPLATE_NEWSLETTER, "DL_TEMPLATE_NEWSLETTER", "newsletter" },
                  { DL_TEMPLATE_OTHER, "DL_TEMPLATE_OTHER", "other" })

DEFINE_ENUM_TYPE (dl_risk_band_get_type, "DlRiskBand",
                  { DL_RISK_LOW, "DL_RISK_LOW", "low" },
                  { DL_RISK_MEDIUM, "DL_RISK_MEDIUM", "medium" },
                  { DL_RISK_HIGH, "DL_RISK_HIGH", "high" },
                  { DL_RISK_DROPPED, "DL_RISK_DROPPED", "dropped" })

DEFINE_ENUM_TYPE (dl_activity_get_type, "DlActivity",
                  { DL_ACTIVITY_ACTIVE, "DL_ACTIVITY_ACTIVE", "active" },
                  { DL_ACTIVITY_COOLING, "DL_ACTIVITY_COOLING", "cooling" },
                  { DL_ACTIVITY_INACTIVE, "DL_ACTIVITY_INACTIVE", "inactive" })

DEFINE_ENUM_TYPE (dl_sent_via_get_type, "DlSentVia",
                  { DL_SENT_NONE, "DL_SENT_NONE", "none" },
                  { DL_SENT_EMAIL, "DL_SENT_EMAIL", "email" },
                  { DL_SENT_COPY, "DL_SENT_COPY", "copy" },
                  { DL_SENT_FILE, "DL_SENT_FILE", "file" },
                  { DL_SENT_PRINT, "DL_SENT_PRINT", "print" })

DEFINE_ENUM_TYPE (dl_store_entity_get_type, "DlStoreEntity",
                  { DL_STORE_ENTITY_PROFILE, "DL_STORE_ENTITY_PROFILE", "profile" },
                  { DL_STORE_ENTITY_PEOPLE, "DL_STORE_ENTITY_PEOPLE", "people" },
                  { DL_STORE_ENTITY_STAGES, "DL_STORE_ENTITY_STAGES", "stages" },
                  { DL_STORE_ENTITY_PROSPECTS, "DL_STORE_ENTITY_PROSPECTS", "prospects" },
                  { DL_STORE_ENTITY_MEMBERS, "DL_STORE_ENTITY_MEMBERS", "members" },
                  { DL_STORE_ENTITY_INTERACTIONS, "DL_STORE_ENTITY_INTERACTIONS", "interactions" },
                  { DL_STORE_ENTITY_TEMPLATES, "DL_STORE_ENTITY_TEMPLATES", "templates" },
                  { DL_STORE_ENTITY_LETTERS, "DL_STORE_ENTITY_LETTERS", "letters" })

GType
dl_qualification_get_type (void)
{
  static gsize type_id = 0;
  static const GFlagsValue values[] = {
    { DL_QUALIFY_SELF_STARTER, "DL_QUALIFY_SELF_STARTER", "self-starter" },
    { DL_QUALIFY_WILL_WORK, "DL_QUALIFY_WILL_WORK", "will-work" },
    { DL_QUALIFY_GOOD_FIT, "DL_QUALIFY_GOOD_FIT", "good-fit" },
    { DL_QUALIFY_LOVES_PRODUCT, "DL_QUALIFY_LOVES_PRODUCT", "loves-product" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_flags_register_static ("DlQualification", values));

  return type_id;
}

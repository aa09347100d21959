/* dl-types.h — the domain's enumerations, shared by core, store and views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A local calendar date as a GDate Julian day number (day 1 is
 * 0001-01-01).  Plain integers keep a million-member tree compact and make
 * "days between" a subtraction.  DL_DAY_NONE means "no date". */
typedef gint32 DlDay;
#define DL_DAY_NONE 0

typedef enum
{
  DL_MEMBER_ACTIVE,
  DL_MEMBER_INACTIVE,
  DL_MEMBER_DROPPED,
} DlMemberStatus;

typedef enum
{
  DL_ROLE_DISTRIBUTOR,
  DL_ROLE_CUSTOMER,
} DlRole;

typedef enum
{
  DL_STAGE_OPEN,
  DL_STAGE_JOINED,
  DL_STAGE_NOT_NOW,
} DlStageKind;

typedef enum
{
  DL_INTEREST_UNKNOWN,
  DL_INTEREST_PRODUCT,
  DL_INTEREST_BUSINESS,
  DL_INTEREST_BOTH,
} DlInterest;

/* Qualification checks of a prospect, as bit flags. */
typedef enum
{
  DL_QUALIFY_SELF_STARTER  = 1 << 0,
  DL_QUALIFY_WILL_WORK     = 1 << 1,
  DL_QUALIFY_GOOD_FIT      = 1 << 2,
  DL_QUALIFY_LOVES_PRODUCT = 1 << 3,
} DlQualification;

typedef enum
{
  DL_CONTACT_CALL,
  DL_CONTACT_MEETING,
  DL_CONTACT_EMAIL,
  DL_CONTACT_MESSAGE,
  DL_CONTACT_LETTER,
  DL_CONTACT_NOTE,     /* a note to self: not a contact with the person */
} DlContactKind;

typedef enum
{
  DL_TEMPLATE_WELCOME,
  DL_TEMPLATE_UPLINE_WELCOME,
  DL_TEMPLATE_CHECK_IN,
  DL_TEMPLATE_NEWSLETTER,
  DL_TEMPLATE_OTHER,
} DlTemplateKind;

typedef enum
{
  DL_RISK_LOW,
  DL_RISK_MEDIUM,
  DL_RISK_HIGH,
  DL_RISK_DROPPED,     /* dropped members are shown grey, not scored */
} DlRiskBand;

typedef enum
{
  DL_ACTIVITY_ACTIVE,
  DL_ACTIVITY_COOLING,
  DL_ACTIVITY_INACTIVE,
} DlActivity;

/* The text forms stored in SQLite and used on the command line.  Each
 * _from_string returns FALSE for an unknown word and leaves *out alone. */
const char *dl_member_status_to_string (DlMemberStatus status);
gboolean    dl_member_status_from_string (const char     *s,
                                          DlMemberStatus *out);
const char *dl_role_to_string           (DlRole role);
gboolean    dl_role_from_string         (const char *s,
                                         DlRole     *out);
const char *dl_stage_kind_to_string     (DlStageKind kind);
gboolean    dl_stage_kind_from_string   (const char  *s,
                                         DlStageKind *out);
const char *dl_interest_to_string       (DlInterest interest);
gboolean    dl_interest_from_string     (const char *s,
                                         DlInterest *out);
const char *dl_contact_kind_to_string   (DlContactKind kind);
gboolean    dl_contact_kind_from_string (const char    *s,
                                         DlContactKind *out);
const char *dl_template_kind_to_string  (DlTemplateKind kind);
gboolean    dl_template_kind_from_string (const char     *s,
                                          DlTemplateKind *out);

/* The translated word for people ("Active"), not the stored one. */
const char *dl_member_status_get_label  (DlMemberStatus status);

G_END_DECLS

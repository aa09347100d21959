/* dl-validate.h — checks of what people type, with messages that say why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dl-day.h"

G_BEGIN_DECLS

#define DL_VALIDATE_ERROR (dl_validate_error_quark ())

typedef enum
{
  DL_VALIDATE_ERROR_NAME,
  DL_VALIDATE_ERROR_EMAIL,
  DL_VALIDATE_ERROR_WEBSITE,
  DL_VALIDATE_ERROR_TOO_LONG,
  DL_VALIDATE_ERROR_PHONE,
  DL_VALIDATE_ERROR_DATE,
} DlValidateError;

#define DL_VALIDATE_MAX_FIELD 500

GQuark   dl_validate_error_quark (void);
/* A person needs a first or a last name. */
gboolean dl_validate_name        (const char  *first_name,
                                  const char  *last_name,
                                  GError     **error);
/* Empty is fine (not everyone has one); otherwise local@domain.tld. */
gboolean dl_validate_email       (const char  *email,
                                  GError     **error);
/* Empty is fine; otherwise an http(s) address or a bare host name. */
gboolean dl_validate_website     (const char  *website,
                                  GError     **error);
/* Empty is fine; otherwise digits with the usual separators, and
 * enough digits to dial, then maybe an extension: "x123", "ext. 123",
 * ";ext=123". */
gboolean dl_validate_phone       (const char  *phone,
                                  GError     **error);
/* A date typed as YYYY-MM-DD (spaces around it are fine); DL_DAY_NONE
 * with a message when it is not a real date in that form. */
DlDay    dl_validate_date        (const char  *text,
                                  GError     **error);
/* field_name is the translated label, used in the message. */
gboolean dl_validate_length      (const char  *field_name,
                                  const char  *value,
                                  GError     **error);

G_END_DECLS

/* dl-types.c — text forms of the domain's enumerations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-types.h"

static gboolean
lookup (const char *const *words,
        guint              n_words,
        const char        *s,
        guint             *out)
{
  if (s == NULL)
    return FALSE;

  for (guint i = 0; i < n_words; i++)
    {
      if (strcmp (words[i], s) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_WORDS(type, prefix, ...)                                      \
  static const char *const prefix##_words[] = { __VA_ARGS__ };               \
                                                                             \
  const char *                                                               \
  prefix##_to_string (type value)                                            \
  {                                                                          \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (prefix##_words),     \
                          NULL);                                             \
    return prefix##_words[value];                                            \
  }                                                                          \
                                                                             \
  gboolean                                                                   \
  prefix##_from_string (const char *s,                                       \
                        type       *out)                                     \
  {                                                                          \
    guint i;                                                                 \
                                                                             \
    if (!lookup (prefix##_words, G_N_ELEMENTS (prefix##_words), s, &i))      \
      return FALSE;                                                          \
    *out = (type) i;                                                         \
    return TRUE;                                                             \
  }

DEFINE_WORDS (DlMemberStatus, dl_member_status, "active", "inactive", "dropped")
DEFINE_WORDS (DlRole, dl_role, "distributor", "customer")
DEFINE_WORDS (DlStageKind, dl_stage_kind, "open", "joined", "not-now")
DEFINE_WORDS (DlInterest, dl_interest, "unknown", "product", "business", "both")
DEFINE_WORDS (DlContactKind, dl_contact_kind,
              "call", "meeting", "email", "message", "letter", "note")
DEFINE_WORDS (DlTemplateKind, dl_template_kind,
              "welcome", "upline-welcome", "check-in", "newsletter", "other")

const char *
dl_member_status_get_label (DlMemberStatus status)
{
  static const char *const labels[] = { N_("Active"), N_("Inactive"), N_("Dropped") };

  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (labels), "");

  return _(labels[status]);
}

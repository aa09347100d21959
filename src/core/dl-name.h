/* dl-name.h — one person's name split into first and last, one way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quick add, the CSV import and the vCard import all meet a whole name
 * in one text.  They split it by this one rule, so "Ana María Ruiz"
 * comes in the same way from everywhere:
 *
 *  - "Ruiz, Ana María" (a comma): the last name comes first;
 *  - otherwise the first word is the first name and the rest the last
 *    name ("Ana" + "María Ruiz").  Of the two simple rules this is the
 *    one whose mistakes are harmless: a letter that says "Dear Ana" to
 *    Ana María is still polite, one that says "Dear Ana María Ruiz" to
 *    Ana María Ruiz García is not.  A person can correct the fields.
 *
 * Runs of spaces (any Unicode space) become one; the ends are trimmed.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The whole name from its parts, the other way round: "first last",
 * or the one that is there.  Newly allocated. */
char *dl_name_join  (const char  *first,
                     const char  *last);

/* first and last receive new strings ("" when there is none). */
void  dl_name_split (const char  *full,
                     char       **first,
                     char       **last);

G_END_DECLS

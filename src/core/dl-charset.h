/* dl-charset.h — text in the charsets old exports still use, as UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes in Windows-1252 (a superset of Latin-1's letters) as UTF-8,
 * newly allocated; the code page's five holes become U+FFFD and NUL
 * bytes are dropped.  Never fails. */
char *dl_charset_from_windows_1252 (const char *data,
                                    gsize       length,
                                    gsize      *out_length);

G_END_DECLS

/* dl-string-set.h — a compact set of short strings, such as member numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The strings one after another in one buffer, and a table of their
 * offsets open to probing, at most half full: a million member numbers
 * are about 16 MB, where a GHashTable of copies was 56 MB.  Read-only
 * once filled, it may be read from any thread. */
typedef struct _DlStringSet DlStringSet;

DlStringSet *dl_string_set_new      (void);
void         dl_string_set_free     (DlStringSet       *set);
/* TRUE when text was not in the set yet. */
gboolean     dl_string_set_add      (DlStringSet       *set,
                                     const char        *text);
gboolean     dl_string_set_contains (const DlStringSet *set,
                                     const char        *text);
guint        dl_string_set_get_size (const DlStringSet *set);

/* Every string of the set, in the order they were added:
 *
 *   for (const char *s = dl_string_set_first (set); s; s = dl_string_set_next (set, s))
 */
const char  *dl_string_set_first    (const DlStringSet *set);
const char  *dl_string_set_next     (const DlStringSet *set,
                                     const char        *text);

/* The hash of the set's table, for other tables of strings: g_str_hash ()
 * with its bits mixed (MurmurHash3's finalizer), as numbers one apart
 * hash one apart by g_str_hash (), in runs that would fill neighbouring
 * slots. */
guint32      dl_string_hash         (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlStringSet, dl_string_set_free)

G_END_DECLS

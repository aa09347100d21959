/* dl-string-set.h — a compact set of short strings, such as member numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The strings one after another in one buffer, and a table of their
 * numbers open to probing, at most half full: a million member numbers
 * are about 20 MB, where a GHashTable of copies was 56 MB.  Each string
 * is numbered from 0 in the order it was added, so that a caller keeps
 * what goes with it in an array of its own (see DlNumberIndex).
 * Read-only once filled, it may be read from any thread. */
typedef struct _DlStringSet DlStringSet;

DlStringSet *dl_string_set_new      (void);
/* With room for n strings from the start: a set filled with a million
 * is not made again at each doubling on the way. */
DlStringSet *dl_string_set_new_sized (guint            n);
void         dl_string_set_free     (DlStringSet       *set);
/* TRUE when text was not in the set yet; *index (may be NULL) is its
 * number either way. */
gboolean     dl_string_set_add      (DlStringSet       *set,
                                     const char        *text,
                                     guint             *index);
gboolean     dl_string_set_contains (const DlStringSet *set,
                                     const char        *text);
/* Whether text is in the set, and its number. */
gboolean     dl_string_set_find     (const DlStringSet *set,
                                     const char        *text,
                                     guint             *index);
guint        dl_string_set_get_size (const DlStringSet *set);
/* The string numbered index (< the size). */
const char  *dl_string_set_get      (const DlStringSet *set,
                                     guint              index);

/* The table under a DlStringSet, for other tables of strings whose
 * keys live elsewhere (the rows of a file, see DlRowIndex): numbers
 * 0, 1, 2… filed by their key's hash, open to probing.  The bits of a
 * slot that the number does not need hold bits of the hash, so that a
 * probe reads a key only when they match (1 in 4,096 times for another
 * key, at a million numbers). */
typedef struct
{
  guint32 *slots;       /* tag << index_bits | (1 + a number), or 0 */
  guint32  mask;
  guint    index_bits;
} DlSlots;

/* The key of number index, for dl_slots_find (). */
typedef const char *(*DlSlotKeyFunc) (guint         index,
                                      gconstpointer data);

/* Room for max numbers, the table at most half full. */
void         dl_slots_init          (DlSlots           *slots,
                                     guint              max);
void         dl_slots_clear         (DlSlots           *slots);
/* The slot of key (of hash dl_string_hash (key)), or the empty slot
 * where it would go. */
guint32      dl_slots_find          (const DlSlots     *slots,
                                     const char        *key,
                                     guint32            hash,
                                     DlSlotKeyFunc      key_of,
                                     gconstpointer      data);
/* The number in slot k, or G_MAXUINT when it is empty. */
guint        dl_slots_get           (const DlSlots     *slots,
                                     guint32            k);
/* Files index (of a key of hash hash) in slot k. */
void         dl_slots_set           (DlSlots           *slots,
                                     guint32            k,
                                     guint32            hash,
                                     guint              index);

/* The hash of the set's table, for other tables of strings: g_str_hash ()
 * with its bits mixed (MurmurHash3's finalizer), as numbers one apart
 * hash one apart by g_str_hash (), in runs that would fill neighbouring
 * slots. */
guint32      dl_string_hash         (const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlStringSet, dl_string_set_free)

G_END_DECLS

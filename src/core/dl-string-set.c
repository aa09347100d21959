/* dl-string-set.c — a compact set of short strings, such as member numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dl-string-set.h"

struct _DlStringSet
{
  char    *text;      /* the strings, each ended by its NUL */
  gsize    length;
  gsize    allocated;
  guint32 *slots;     /* 1 + a string's offset in text, or 0 */
  guint32  mask;
  guint    size;
};

guint32
dl_string_hash (const char *text)
{
  guint32 h = g_str_hash (text);

  h ^= h >> 16;
  h *= 0x85ebca6b;
  h ^= h >> 13;
  h *= 0xc2b2ae35;
  h ^= h >> 16;
  return h;
}

DlStringSet *
dl_string_set_new (void)
{
  DlStringSet *set = g_new0 (DlStringSet, 1);

  set->mask = 15;
  set->slots = g_new0 (guint32, set->mask + 1);
  return set;
}

void
dl_string_set_free (DlStringSet *set)
{
  if (set == NULL)
    return;
  g_free (set->text);
  g_free (set->slots);
  g_free (set);
}

/* The slot of text, or the empty slot where it would go. */
static guint32
find_slot (const DlStringSet *set,
           const char        *text)
{
  guint32 i = dl_string_hash (text) & set->mask;

  while (set->slots[i] != 0 && strcmp (set->text + set->slots[i] - 1, text) != 0)
    i = (i + 1) & set->mask;
  return i;
}

static void
grow_slots (DlStringSet *set)
{
  g_autofree guint32 *old = set->slots;
  guint32 old_size = set->mask + 1;

  set->mask = old_size * 2 - 1;
  set->slots = g_new0 (guint32, old_size * 2);
  for (guint32 k = 0; k < old_size; k++)
    if (old[k] != 0)
      set->slots[find_slot (set, set->text + old[k] - 1)] = old[k];
}

gboolean
dl_string_set_add (DlStringSet *set,
                   const char  *text)
{
  gsize length;
  guint32 slot;

  g_return_val_if_fail (set != NULL && text != NULL, FALSE);

  slot = find_slot (set, text);
  if (set->slots[slot] != 0)
    return FALSE;

  length = strlen (text) + 1;
  /* offsets are 32 bits (with one for "none") */
  g_return_val_if_fail (set->length + length < G_MAXUINT32, FALSE);
  if (set->length + length > set->allocated)
    {
      set->allocated = MAX (MAX (set->allocated * 2, 4096), set->length + length);
      set->text = g_realloc (set->text, set->allocated);
    }
  memcpy (set->text + set->length, text, length);
  set->slots[slot] = (guint32) set->length + 1;
  set->length += length;
  set->size++;

  if (set->size * 2 > set->mask + 1)
    grow_slots (set);
  return TRUE;
}

gboolean
dl_string_set_contains (const DlStringSet *set,
                        const char        *text)
{
  g_return_val_if_fail (set != NULL && text != NULL, FALSE);

  return set->slots[find_slot (set, text)] != 0;
}

guint
dl_string_set_get_size (const DlStringSet *set)
{
  g_return_val_if_fail (set != NULL, 0);

  return set->size;
}

const char *
dl_string_set_first (const DlStringSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);

  return set->length > 0 ? set->text : NULL;
}

const char *
dl_string_set_next (const DlStringSet *set,
                    const char        *text)
{
  const char *next;

  g_return_val_if_fail (set != NULL && text != NULL, NULL);

  next = text + strlen (text) + 1;
  return next < set->text + set->length ? next : NULL;
}

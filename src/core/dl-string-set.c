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
  GArray  *offsets;   /* guint32: each string's offset in text, by number */
  guint32 *slots;     /* 1 + a string's number, or 0 */
  guint32  mask;
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

  set->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
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
  g_array_unref (set->offsets);
  g_free (set->slots);
  g_free (set);
}

const char *
dl_string_set_get (const DlStringSet *set,
                   guint              index)
{
  g_return_val_if_fail (set != NULL && index < set->offsets->len, NULL);

  return set->text + g_array_index (set->offsets, guint32, index);
}

/* The slot of text, or the empty slot where it would go. */
static guint32
find_slot (const DlStringSet *set,
           const char        *text)
{
  guint32 i = dl_string_hash (text) & set->mask;

  while (set->slots[i] != 0 && strcmp (dl_string_set_get (set, set->slots[i] - 1), text) != 0)
    i = (i + 1) & set->mask;
  return i;
}

static void
grow_slots (DlStringSet *set)
{
  guint32 size = (set->mask + 1) * 2;

  g_free (set->slots);
  set->mask = size - 1;
  set->slots = g_new0 (guint32, size);
  for (guint k = 0; k < set->offsets->len; k++)
    set->slots[find_slot (set, dl_string_set_get (set, k))] = k + 1;
}

gboolean
dl_string_set_add (DlStringSet *set,
                   const char  *text,
                   guint       *index)
{
  gsize length;
  guint32 slot;
  guint32 offset;

  g_return_val_if_fail (set != NULL && text != NULL, FALSE);

  slot = find_slot (set, text);
  if (set->slots[slot] != 0)
    {
      if (index != NULL)
        *index = set->slots[slot] - 1;
      return FALSE;
    }

  length = strlen (text) + 1;
  /* offsets are 32 bits */
  g_return_val_if_fail (set->length + length <= G_MAXUINT32, FALSE);
  if (set->length + length > set->allocated)
    {
      set->allocated = MAX (MAX (set->allocated * 2, 4096), set->length + length);
      set->text = g_realloc (set->text, set->allocated);
    }
  memcpy (set->text + set->length, text, length);
  offset = (guint32) set->length;
  set->length += length;
  g_array_append_val (set->offsets, offset);
  set->slots[slot] = set->offsets->len;
  if (index != NULL)
    *index = set->offsets->len - 1;

  if (set->offsets->len * 2 > set->mask + 1)
    grow_slots (set);
  return TRUE;
}

gboolean
dl_string_set_find (const DlStringSet *set,
                    const char        *text,
                    guint             *index)
{
  guint32 slot;

  g_return_val_if_fail (set != NULL && text != NULL, FALSE);

  slot = set->slots[find_slot (set, text)];
  if (slot == 0)
    return FALSE;
  if (index != NULL)
    *index = slot - 1;
  return TRUE;
}

gboolean
dl_string_set_contains (const DlStringSet *set,
                        const char        *text)
{
  return dl_string_set_find (set, text, NULL);
}

guint
dl_string_set_get_size (const DlStringSet *set)
{
  g_return_val_if_fail (set != NULL, 0);

  return set->offsets->len;
}

/* dl-string-set.c — a compact set of short strings, such as member numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dl-string-set.h"

struct _DlStringSet
{
  GByteArray *text;   /* the strings, each ended by its NUL */
  GArray  *offsets;   /* guint32: each string's offset in text, by number */
  DlSlots  slots;     /* the strings' numbers */
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

const char *
dl_string_set_get (const DlStringSet *set,
                   guint              index)
{
  g_return_val_if_fail (set != NULL && index < set->offsets->len, NULL);

  return (const char *) set->text->data + g_array_index (set->offsets, guint32, index);
}

void
dl_slots_init (DlSlots *slots,
               guint    max)
{
  guint32 size = 16;

  while (size < 2 * (guint64) max)
    size *= 2;
  slots->slots = g_new0 (guint32, size);
  slots->mask = size - 1;
  /* bits enough for 1 + the last number */
  slots->index_bits = g_bit_storage ((gulong) max);
}

void
dl_slots_clear (DlSlots *slots)
{
  g_clear_pointer (&slots->slots, g_free);
  slots->mask = 0;
}

/* The bits of a slot that hold hash's tag. */
static guint32
slot_tag (const DlSlots *slots,
          guint32        hash)
{
  return slots->index_bits >= 32 ? 0 : hash >> slots->index_bits << slots->index_bits;
}

guint
dl_slots_get (const DlSlots *slots,
              guint32        k)
{
  guint32 index_mask = slots->index_bits >= 32 ? G_MAXUINT32 : (1u << slots->index_bits) - 1;

  return slots->slots[k] == 0 ? G_MAXUINT : (slots->slots[k] & index_mask) - 1;
}

/* The position from the hash's low bits, the tag from its high ones. */
guint32
dl_slots_find (const DlSlots  *slots,
               const char     *key,
               guint32         hash,
               DlSlotKeyFunc   key_of,
               gconstpointer   data)
{
  guint32 tag = slot_tag (slots, hash);
  guint32 tag_mask = slot_tag (slots, G_MAXUINT32);
  guint32 i = hash & slots->mask;

  while (slots->slots[i] != 0 &&
         ((slots->slots[i] & tag_mask) != tag || strcmp (key_of (dl_slots_get (slots, i), data), key) != 0))
    i = (i + 1) & slots->mask;
  return i;
}

void
dl_slots_set (DlSlots *slots,
              guint32  k,
              guint32  hash,
              guint    index)
{
  slots->slots[k] = slot_tag (slots, hash) | (index + 1);
}

static const char *
set_key (guint         index,
         gconstpointer data)
{
  return dl_string_set_get (data, index);
}

/* A table with room for max strings. */
static void
make_slots (DlStringSet *set,
            guint        max)
{
  dl_slots_clear (&set->slots);
  dl_slots_init (&set->slots, max);
  for (guint k = 0; k < set->offsets->len; k++)
    {
      const char *text = dl_string_set_get (set, k);
      guint32 hash = dl_string_hash (text);

      dl_slots_set (&set->slots, dl_slots_find (&set->slots, text, hash, set_key, set), hash, k);
    }
}

DlStringSet *
dl_string_set_new (void)
{
  return dl_string_set_new_sized (0);
}

DlStringSet *
dl_string_set_new_sized (guint n)
{
  DlStringSet *set = g_new0 (DlStringSet, 1);

  set->text = g_byte_array_new ();
  set->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n);
  make_slots (set, MAX (n, 8));
  return set;
}

void
dl_string_set_free (DlStringSet *set)
{
  if (set == NULL)
    return;
  g_byte_array_unref (set->text);
  g_array_unref (set->offsets);
  dl_slots_clear (&set->slots);
  g_free (set);
}

gboolean
dl_string_set_add (DlStringSet *set,
                   const char  *text,
                   guint       *index)
{
  gsize length;
  guint32 hash;
  guint32 slot;
  guint32 offset;

  g_return_val_if_fail (set != NULL && text != NULL, FALSE);

  hash = dl_string_hash (text);
  slot = dl_slots_find (&set->slots, text, hash, set_key, set);
  if (dl_slots_get (&set->slots, slot) != G_MAXUINT)
    {
      if (index != NULL)
        *index = dl_slots_get (&set->slots, slot);
      return FALSE;
    }

  length = strlen (text) + 1;
  /* offsets are 32 bits, as a GByteArray's length is */
  g_return_val_if_fail ((guint64) set->text->len + length <= G_MAXUINT32, FALSE);
  offset = set->text->len;
  g_byte_array_append (set->text, (const guint8 *) text, (guint) length);
  g_array_append_val (set->offsets, offset);
  dl_slots_set (&set->slots, slot, hash, set->offsets->len - 1);
  if (index != NULL)
    *index = set->offsets->len - 1;

  if (set->offsets->len * 2 > set->slots.mask + 1)
    make_slots (set, set->slots.mask + 1);
  return TRUE;
}

gboolean
dl_string_set_find (const DlStringSet *set,
                    const char        *text,
                    guint             *index)
{
  guint32 slot;

  g_return_val_if_fail (set != NULL && text != NULL, FALSE);

  slot = dl_slots_find (&set->slots, text, dl_string_hash (text), set_key, set);
  if (dl_slots_get (&set->slots, slot) == G_MAXUINT)
    return FALSE;
  if (index != NULL)
    *index = dl_slots_get (&set->slots, slot);
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

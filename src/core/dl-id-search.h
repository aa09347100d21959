/* dl-id-search.h — finding a person among millions by their id
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The id of the element at index, for dl_id_search (). */
typedef gint64 (*DlIdAt) (gconstpointer data,
                          guint         index);

/* The index in [0, n) of the element whose id is id, the ids ascending
 * with the index (id_at), or -1 when none has it.
 *
 * People's ids are nearly dense (numbered as they came, a few gone): a
 * guess from the ids at either end of the range finds most in one
 * look, where halving a million took twenty, each a miss of the cache
 * (two, where the ids are reached through an order).  After three
 * guesses that miss, the range is halved as usual, so bunched ids cost
 * no more than a binary search.  Inline, so that id_at is too. */
static inline gint64
dl_id_search (DlIdAt        id_at,
              gconstpointer data,
              guint         n,
              gint64        id)
{
  guint lo = 0;
  guint hi = n;   /* the element is in [lo, hi) if anywhere */
  guint guesses = 0;

  while (lo < hi)
    {
      gint64 first = id_at (data, lo);
      gint64 last = id_at (data, hi - 1);
      gint64 at;
      guint mid;

      if (id < first || id > last)
        return -1;
      if (guesses < 3 && last > first)
        {
          /* where id would be were the ids evenly spread; the
           * distances unsigned, where any two ids' fit, and exact, so
           * that the share is in [0, 1] */
          guint64 offset = (guint64) id - (guint64) first;
          guint64 span = (guint64) last - (guint64) first;

          mid = lo + (guint) ((double) offset / (double) span * (double) (hi - 1 - lo));
          guesses++;
        }
      else
        mid = lo + (hi - lo) / 2;
      at = id_at (data, mid);
      if (at == id)
        return mid;
      if (at < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

G_END_DECLS

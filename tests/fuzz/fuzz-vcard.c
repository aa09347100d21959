/* fuzz-vcard.c — the vCard reader and writer on any bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdint.h>
#include <string.h>

#include "dl-vcard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) cards = dl_vcard_parse ((const char *) data, size);

  for (guint i = 0; i < cards->len; i++)
    {
      DlVCard *card = cards->pdata[i];
      g_autofree char *text = dl_vcard_write (card);
      g_autoptr(GPtrArray) again = dl_vcard_parse (text, strlen (text));

      /* whatever was read is written as one valid card that reads back */
      g_assert (g_utf8_validate (text, -1, NULL));
      g_assert (again->len == 1);
      g_assert (((DlVCard *) again->pdata[0])->emails->len == card->emails->len);
      /* and what it reads back is written the same: a value that ends
       * in "=" or mentions QUOTED-PRINTABLE cannot swallow the next line */
      {
        g_autofree char *twice = dl_vcard_write (again->pdata[0]);

        g_assert (strcmp (text, twice) == 0);
      }
      for (guint k = 0; k < card->phones->len; k++)
        g_free (dl_vcard_phone_key (card->phones->pdata[k]));
    }

  return 0;
}

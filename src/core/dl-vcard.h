/* dl-vcard.h — contacts as phones export them, and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads vCard 2.1, 3.0 and 4.0 (many cards per file, folded lines,
 * escaped characters, quoted-printable or base64 values, a CHARSET= on
 * any value, CRLF, LF or old-Mac CR line ends) in one linear pass;
 * writes vCard 3.0, which every address book reads.  GLib only.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DL_VCARD_PHONE_OTHER,
  DL_VCARD_PHONE_MOBILE,
  DL_VCARD_PHONE_OFFICE,   /* work, fax or pager: shared by colleagues */
} DlVCardPhoneKind;

/* Text is UTF-8 whatever the file's charset: each value is decoded on
 * its own (its CHARSET=, else UTF-8, else Windows-1252). */
typedef struct
{
  guint      line;         /* the BEGIN:VCARD line, 1-based */
  char      *first_name;   /* without N or FN: the nickname, else the e-mail */
  char      *last_name;
  char      *full_name;    /* FN as written */
  GPtrArray *emails;       /* char *, the preferred (PREF) first */
  GPtrArray *phones;       /* char *, PREF first, then mobiles, office last */
  char      *city;
  char      *organization;
  char      *note;
  char      *nickname;
  GArray    *phone_kinds;  /* guint DlVCardPhoneKind of phones[i]; may be
                            * shorter: use dl_vcard_get_phone_kind () */
} DlVCard;

DlVCard   *dl_vcard_new    (void);
void       dl_vcard_free   (DlVCard    *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlVCard, dl_vcard_free)

/* Every card of the text, in order (a GPtrArray of DlVCard *, which
 * frees them).  Never fails: lines it cannot read are skipped, a card
 * cut short at the end of the file is kept. */
GPtrArray *dl_vcard_parse  (const char *data,
                            gsize       length);

/* One card as vCard 3.0 text, CRLF line ends, lines folded at 75
 * bytes. */
char      *dl_vcard_write  (const DlVCard *card);

DlVCardPhoneKind dl_vcard_get_phone_kind (const DlVCard *card,
                                          guint          i);

/* A phone number reduced to its digits for comparing ("+1 (555)
 * 010-2" → "15550102"); the last nine digits are enough to tell two
 * numbers apart whatever the country prefix. */
char      *dl_vcard_phone_key (const char *phone);

G_END_DECLS

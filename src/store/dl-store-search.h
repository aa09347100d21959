/* dl-store-search.h — find anyone by anything the person typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One search over everyone in the file, members and prospects: name,
 * member number, e-mail, phone, city, notes and the summaries of the
 * contacts logged with them.  It reads a full-text index (SQLite FTS5)
 * that the store keeps up to date by itself: new and changed people are
 * indexed a little later, in slices of a few milliseconds at low
 * priority, so no write waits for the index and a million-row import is
 * not slowed by it.  A search first brings a handful of waiting people
 * up to date, so what was just typed in is found.
 */

#pragma once

#include "dl-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    person_id;
  char     *first_name;
  char     *last_name;
  char     *city;
  char     *member_number;  /* NULL for someone who is not a member */
  char     *sponsor_name;   /* a member's sponsor, or NULL */
  char     *stage_name;     /* a prospect's pipeline stage, or NULL */
  char     *matched;        /* the words around the match when it is not in
                             * the name or number ("…asked about the
                             * starter kit…"), or NULL */
  gboolean  is_member;
  gboolean  is_prospect;
  gboolean  is_user;        /* the person whose business this is */
  gboolean  sponsor_is_user; /* a member the user enrolled */
} DlSearchHit;

void          dl_search_hit_free    (DlSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlSearchHit, dl_search_hit_free)

/* Up to limit people matching every word of text (each word as the
 * start of a word in the person's details: "ana ru" finds Ana Ruiz),
 * people whose name or member number matches first.  *more is TRUE when
 * there are more than limit.  An empty text (or one without letters or
 * digits) finds nobody.  An array of DlSearchHit, or NULL with error. */
GPtrArray    *dl_store_search       (DlStore     *store,
                                     const char  *text,
                                     guint        limit,
                                     gboolean    *more,
                                     GError     **error);

/* Whether anyone waits to be indexed: one row looked at, where
 * dl_store_search_pending () counts them all. */
gboolean      dl_store_search_waiting (DlStore   *store);

/* About how many people wait to be indexed (cheap: ids above the
 * indexed mark, and up to 100,000 others whose details changed). */
gint64        dl_store_search_pending (DlStore   *store);

/* Indexes up to max_people of the people waiting (all of them for
 * max_people < 0); FALSE with error when the file refused the write.
 * Does nothing (TRUE) for a read-only file, or while a large file's
 * background check runs: a write would wait for the check. */
gboolean      dl_store_search_catch_up (DlStore  *store,
                                        gint64    max_people,
                                        GError  **error);

G_END_DECLS

/* dl-store-import-private.h — what the import's files share
 * (dl-store-import.c, dl-store-import-plan.c, dl-store-import-writer.c,
 * dl-store-import-vcards.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed; included by those files only.  Everything here runs on
 * an import's own connection (a sqlite3 *), never the store's.
 */

#pragma once

#include <sqlite3.h>

#include "dl-store-import.h"
#include "dl-store-private.h"

G_BEGIN_DECLS

/* dl-store-import.c: g_strcmp0 of two char * array elements, for sorting. */
int           dl_import_compare_strings   (gconstpointer a,
                                           gconstpointer b);

/* dl-store-import.c: the error of db's last call, as the store's domain
 * says it (busy, a sponsor loop, a full disk...), after what. */
void          dl_import_set_db_error      (sqlite3     *db,
                                           GError     **error,
                                           const char  *what);
/* The cache of the import's connection, as PRAGMA cache_size says it
 * (KiB when negative). */
#define DL_IMPORT_CACHE_SIZE "-65536"
/* and while the months' figures of the import are written */
#define DL_IMPORT_MONTHS_CACHE_SIZE "-16384"
/* and while its plan reads every member, once: the pages are read in
 * order and not again, and a full cache beside the members read was
 * 64 MiB more of the import's peak */
#define DL_IMPORT_PLAN_CACHE_SIZE "-2048"

/* dl-store-import.c: a read-write connection of the import's own to
 * path, set up for one large transaction (a cache of its own, no
 * foreign key checks, the commit its durable point); NULL with error set. */
sqlite3      *dl_import_open_connection   (const char  *path,
                                           GError     **error);
/* dl-store-import.c: runs sql on db; FALSE with error set. */
gboolean      dl_import_exec              (sqlite3     *db,
                                           const char  *sql,
                                           GError     **error);
/* dl-store-import.c: a statement of db (finalized by the caller, not
 * cached); NULL with error set. */
sqlite3_stmt *dl_import_prepare           (sqlite3     *db,
                                           const char  *sql,
                                           GError     **error);
/* dl-store-import.c: steps stmt to its end and resets it; FALSE with
 * error set, after what. */
gboolean      dl_import_step_done         (sqlite3      *db,
                                           sqlite3_stmt *stmt,
                                           const char   *what,
                                           GError      **error);

/* A member already in the store, as the plan compares a row with it.
 * Its text lives in the DlImportExistingSet's text, and each string is
 * its offset there (dl_import_existing_text ()): a million members with
 * ten strings each were 11 million allocations, half a gigabyte, and
 * then 104 MB of pointers in a chunk; as offsets they are 56 MB.  The
 * sponsor and the placement parent are people, whose numbers
 * dl_import_existing_number () finds in the set: joined in SQL, their
 * two seeks a member were a quarter of the read. */
typedef struct
{
  gint64          person_id;
  gint64          sponsor_id;       /* 0 when none */
  gint64          parent_id;        /* the placement parent, 0 for none */
  guint32         number;           /* the key it is filed under */
  guint32         rank;
  guint32         first_name;
  guint32         last_name;
  guint32         email;
  guint32         phone;
  guint32         city;
  guint32         side;             /* "left", "right" or "" */
  DlDay           joined_on;        /* DL_DAY_NONE when not known */
  guint8          status;           /* DlMemberStatus */
  guint8          role;             /* DlRole */
  guint8          seen;
} DlImportExisting;

/* Every member with a number, as dl_import_read_existing () reads them. */
typedef struct
{
  DlNumberIndex by_number; /* member number → DlImportExisting (in members) */
  GArray       *members;    /* DlImportExisting, by person id */
  GByteArray   *text;       /* their strings, each ended by a NUL; offset 0 is "" */
} DlImportExistingSet;

/* The string of a DlImportExisting at offset in set. */
#define dl_import_existing_text(set, offset) ((const char *) (set)->text->data + (offset))

void          dl_import_existing_set_free (DlImportExistingSet *set);
/* dl-store-import.c: the member number of person_id in set, or "" (not
 * in it: no member, or one with no number) */
const char   *dl_import_existing_number   (const DlImportExistingSet *set,
                                           gint64                     person_id);
/* dl-store-import.c: the full name of e, written in name */
const char   *dl_import_existing_name     (const DlImportExistingSet *set,
                                           const DlImportExisting    *e,
                                           GString                   *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlImportExistingSet, dl_import_existing_set_free)

/* How dl_import_read_claims () finds the member filed under a number,
 * with the data it was given: their person id (0 for none) and their
 * full name as trim (first_name || ' ' || last_name) has it, when the
 * finder knows it (else NULL: it is read), when name is not NULL.  The
 * name need only last until the next call. */
typedef gint64 (*DlImportFindMember) (gpointer              data,
                                      const char           *number,
                                      const char          **name);

/* dl-store-import.c: every member with a number, with their details
 * (names, contact, sponsor, placement); NULL with error set. */
DlImportExistingSet *dl_import_read_existing (sqlite3  *db,
                                              GError  **error);
/* dl-store-import.c: the user's person id as a member, or 0. */
gint64        dl_import_read_user_id      (sqlite3 *db);
/* dl-store-import.c: whether a file of period is the latest import: of
 * the newest month the store has figures for, or a newer one.  A file
 * of no stated month (DL_PERIOD_NONE) is of now, and always is. */
gboolean      dl_import_is_latest_period  (sqlite3  *db,
                                           DlPeriod  period);
/* dl-store-import.c: the members the file now names with their country
 * (see the function): per row, the person taken over or 0; NULL with
 * error set. */
gint64       *dl_import_read_claims       (sqlite3               *db,
                                           const DlImportResult  *result,
                                           DlImportFindMember     find,
                                           gpointer               find_data,
                                           GError               **error);

/* What the plan found in the store of each row, for the writer, which
 * works the plan out in its own transaction before it writes: the
 * members read once for both, where the writer read them again, twice
 * (their numbers, then beside its updates), and freed before the
 * writing starts. */
typedef struct
{
  gint64   person_id;        /* the member the row is; 0 for a new one */
  gint64   sponsor_id;       /* their enroller now; 0 for none (the writer
                              * makes it -1, not known, for a member on
                              * several rows) */
  DlDay    joined_on;        /* their join date now, DL_DAY_NONE when not known */
  guint8   claimed : 1;      /* the member takes the row's number, with its country */
  guint8   person_stays : 1; /* names, email, phone and city stay as they are */
} DlImportFound;

/* A row's enroller or placement parent that is not a row of the file
 * but a member in the store (a few rows of a whole export; every row
 * of a part of one): their people, 0 for none. */
typedef struct
{
  guint    row;
  gint64   sponsor;
  gint64   parent;
} DlImportOutside;

/* dl-store-import-plan.c: what importing result would change, on db in
 * the transaction it is in.  found (may be NULL; else an element a row)
 * receives what was found of each row, and outside (NULL with found,
 * else an empty array of DlImportOutside) the members outside the file
 * that rows name, by row.  whole: a plan someone reads, with the
 * month's figures compared with the month before's (a read of a million
 * figures) and the members the file leaves out listed; else the
 * members' changes alone (for found).  NULL with error set. */
DlImportPlan *dl_import_plan_on_connection (sqlite3               *db,
                                            const DlImportResult  *result,
                                            DlImportFound         *found,
                                            GArray                *outside,
                                            gboolean               whole,
                                            GError               **error);
/* dl-store-import-plan.c: what outside has of row, or NULL */
const DlImportOutside *dl_import_outside_find (GArray *outside,
                                               guint   row);

/* dl-store-import-writer.c: the import of result into the file at path
 * (store's), on a connection of its own, in one transaction (see
 * dl_store_import_members ()); plan (may be NULL) receives what it
 * changed.  It waits for store's running integrity check before its
 * first write, not before its reads. */
gboolean      dl_import_on_connection     (DlStore               *store,
                                           const char            *path,
                                           const DlImportResult  *result,
                                           GCancellable          *cancellable,
                                           DlImportProgressFunc   progress,
                                           gpointer               progress_data,
                                           DlImportKept          *kept,
                                           DlImportPlan         **plan,
                                           GError               **error);

G_END_DECLS

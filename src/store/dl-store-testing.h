/* dl-store-testing.h — store calls for tests and benchmarks only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests and benchmarks only: the application never calls these.
 * They set a file up, or look at it, more directly than the
 * application's own paths do (a plain person with no pipeline or member
 * row, a member's status without an import, a month's figures without
 * the import around them).
 */

#pragma once

#include "dl-csv-import.h"
#include "dl-store.h"
#include "dl-store-delete.h"
#include "dl-store-periods.h"

G_BEGIN_DECLS

/* A person with no other row: neither prospect nor member. */
DlPerson   *dl_store_add_person         (DlStore        *self,
                                         DlPerson       *draft,
                                         GError        **error);
/* Everyone but the user, by last then first name. */
GListModel *dl_store_get_people         (DlStore        *self);

/* since DL_DAY_NONE means today. */
gboolean    dl_store_set_member_status  (DlStore        *self,
                                         gint64          person_id,
                                         DlMemberStatus  status,
                                         DlDay           since,
                                         GError        **error);

/* A letter alone, with no entry in the contact log (what
 * dl_store_record_letter () adds with it).  template_id 0 for none;
 * fails with NOT_FOUND for a template that is not there. */
DlLetter   *dl_store_add_letter         (DlStore        *self,
                                         gint64          person_id,
                                         gint64          template_id,
                                         const char     *subject,
                                         const char     *body,
                                         DlSentVia       sent_via,
                                         GError        **error);
gboolean    dl_store_set_letter_sent_via (DlStore       *self,
                                          gint64         letter_id,
                                          DlSentVia      sent_via,
                                          GError       **error);
/* One person's letters, newest first. */
GListModel *dl_store_get_letters        (DlStore        *self,
                                         gint64          person_id);

/* The person a deletion took away. */
gint64      dl_deleted_person_get_id    (DlDeletedPerson *deleted);

/* A DlKnownNumberFunc for dl_csv_import_validate () that asks the store
 * (user_data) each time: whether a member with that number (by
 * dl_member_number_key ()) is already in it.  The application reads the
 * numbers once (dl_store_get_member_numbers ()). */
gboolean    dl_store_has_member_number  (const char     *member_number,
                                         gpointer        store);
/* A DlQualifiedNumbersFunc for dl_csv_import_validate_full () that asks
 * the store (user_data) each time: the numbers it has for that number
 * in a country ("900057-US", "900057-CA"), in order.  The application
 * reads them once (dl_import_qualified_index ()). */
char      **dl_store_find_qualified_numbers (const char *member_number,
                                             gpointer    store);

/* Replaces the database file at db_path by a copy of backup, atomically
 * (a copy beside it, then a rename).  Every connection to db_path must
 * be closed first: the caller drops its DlStore and opens a new one. */
gboolean    dl_store_restore_file       (const char     *backup,
                                         const char     *db_path,
                                         GError        **error);

/* Works out again the events of period from its figures and the three
 * months before it, replacing the ones it had.  One transaction (nested
 * in the caller's, if any). */
gboolean    dl_store_update_events      (DlStore        *store,
                                         DlPeriod        period,
                                         GError        **error);

/* The months of an imported export (its rows already imported as
 * members), written on the store's own connection as an import writes
 * them on its own: for every row whose member is in the store, first
 * the earlier months' PV of its columns ("PPV 2026-10":
 * DlImportResult.past_periods) before period, oldest first, where the
 * cell has a volume (the month's other figures as they were; a member
 * with none that month gets the status of the next month Downline has
 * for them, else the file's; a member who joined after a month's end
 * gets nothing for it).  Then, unless period is DL_PERIOD_NONE, the
 * month's figures: status, rank paid (the paid-rank column, else the
 * one rank column), PV (a column of the period itself when the file has
 * no PV column), GV, autoship, the legs' volumes and whether qualified.
 * Each month with its events and the next month's worked out again, in
 * one transaction.  n_saved (may be NULL) receives the rows saved for
 * period, or with DL_PERIOD_NONE the earlier months saved. */
gboolean    dl_store_save_import_period (DlStore               *store,
                                         const DlImportResult  *result,
                                         DlPeriod               period,
                                         guint                 *n_saved,
                                         GError               **error);

/* dl_store_load_tree_as_of_async () read now on the store's own
 * connection. */
DlTree     *dl_store_load_tree_as_of    (DlStore        *store,
                                         DlTreeKind      kind,
                                         DlPeriod        period,
                                         GError        **error);

G_END_DECLS

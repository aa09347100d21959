/* dl-store-import.h — writing what an import accepted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A members import is one transaction on a connection of its own, so it
 * can run in a worker thread while the window keeps reading: Cancel or
 * any error rolls it back and the file is exactly as it was.  Members
 * are matched by member number, by the rule of dl_member_number_key ()
 * ("00123" in Downline is "123" in the file), and keep the number they
 * have; a person already in Downline keeps their notes, contact log,
 * letters and anything the file leaves blank.  The one change of number
 * is a number that gained its country ("900057" to "900057-US", the
 * month it turns up in a second country; dl-csv-import.h): the member of
 * the bare number goes to the row of that number with their name, if
 * exactly one has it, and takes its number.  Names are compared in one
 * Unicode form (NFKC), in any case, with runs of blanks as one.
 */

#pragma once

#include <gio/gio.h>

#include "dl-csv-import.h"
#include "dl-string-set.h"
#include "dl-vcard.h"
#include "dl-store.h"

G_BEGIN_DECLS

/* How many lines of its changes a plan keeps, the first ones: a person
 * reads that many, and the rest are counted (n_changes). */
#define DL_IMPORT_PLAN_LINES 200

/* What applying an import would change, for the person to read first. */
typedef struct
{
  guint      n_new;
  guint      n_updated;          /* existing members with any change */
  guint      n_unchanged;
  guint      n_status_changes;
  guint      n_rank_changes;
  guint      n_sponsor_changes;
  guint      n_detail_changes;   /* name, email, phone, city, role */
  guint      n_placement_changes; /* placement parent or side */
  GPtrArray *changes;            /* char * (in strings): "10002 Tom Reyes: rank Silver → Gold",
                                  * the first DL_IMPORT_PLAN_LINES */
  guint      n_changes;          /* the lines there would be in all */
  GPtrArray *missing;            /* char *: "10009 Ann Lee", members not in the file */
  /* For an export of a month (DlImportResult.period): the newest
   * earlier month with figures, whose paid rank, PV and autoship each
   * member's row is compared with ("PV 120 → 40"), or DL_PERIOD_NONE
   * when none is kept (or the file is no month's). */
  DlPeriod   figures_compared;
  guint      n_figure_changes;
  GStringChunk *strings;         /* the text of changes */
} DlImportPlan;

void          dl_import_plan_free      (DlImportPlan  *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlImportPlan, dl_import_plan_free)

/* Every member number in the store, as a set that a worker thread may
 * read, with dl_import_known_in_set () as the DlKnownNumberFunc.  A
 * number written with zeros before it ("00123") is in it as its key
 * ("123") too. */
DlStringSet  *dl_store_get_member_numbers (DlStore    *store);
/* The same from the file at path, on a connection of its own: for a
 * worker thread (a million numbers are a second's read).  NULL with
 * error when the file cannot be read. */
DlStringSet  *dl_store_read_member_numbers (const char  *path,
                                            GError     **error);
gboolean      dl_import_known_in_set   (const char  *member_number,
                                        gpointer     set);

/* From the set of dl_store_get_member_numbers (), read once: the
 * numbers the store has for a number in a country ("900057-US",
 * "900057-CA"), in order, by the number's key; a table that a worker
 * thread may read, with dl_import_qualified_in_index () as the
 * DlQualifiedNumbersFunc for dl_csv_import_validate_full (). */
GHashTable   *dl_import_qualified_index    (const DlStringSet *numbers);
char        **dl_import_qualified_in_index (const char  *member_number,
                                            gpointer     index);

/* TRUE while the store cannot tell who the user is in an export: a
 * profile without a member number, and no numbered member yet (a new
 * database or a first import).  Then dl_csv_guess_user () may say. */
gboolean      dl_store_import_needs_user (DlStore             *store);

/* What an import leaves behind, in the snapshot table: its month (the
 * month of the figures, else of the import), the file's name and
 * checksum, and its columns with the layout they fit, so the next file
 * of the same layout is read the same way. */
gboolean      dl_store_record_import   (DlStore              *store,
                                        const char           *period,
                                        const char           *file_name,
                                        const char           *checksum,
                                        const char           *layout_key,
                                        const char           *mapping_text,
                                        GError              **error);
/* The columns of the last import of a file with this layout, or NULL;
 * *imported_on (may be NULL) gets the day of that import, *month (may
 * be NULL) the month it was kept as (its figures', else the import's;
 * DL_PERIOD_NONE when not known). */
char         *dl_store_find_saved_mapping (DlStore           *store,
                                           const char        *layout_key,
                                           DlDay             *imported_on,
                                           DlPeriod          *month);
/* TRUE when a file with this checksum was imported already: for period
 * (any, when NULL), with these columns (any, when layout_key and
 * mapping_text are NULL); *imported_on (may be NULL) gets the day. */
gboolean      dl_store_find_imported_file (DlStore           *store,
                                           const char        *checksum,
                                           const char        *period,
                                           const char        *layout_key,
                                           const char        *mapping_text,
                                           DlDay             *imported_on);

/* What applying result would change: the members as Downline has them
 * against the rows, and for an export of a month the figures of the
 * month before it (DlImportPlan.figures_compared): a member whose paid
 * rank, PV or autoship changed is not "the same". */
DlImportPlan *dl_store_plan_import     (DlStore              *store,
                                        const DlImportResult *result,
                                        GError              **error);
/* The same in a worker, on a connection of its own (a million members'
 * plan reads every member: seconds the window must not wait); result
 * must live until callback runs. */
void          dl_store_plan_import_async  (DlStore              *store,
                                           const DlImportResult *result,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
DlImportPlan *dl_store_plan_import_finish (DlStore              *store,
                                           GAsyncResult         *result,
                                           GError              **error);

/* Called from the thread doing the import every few thousand rows. */
typedef void (*DlImportProgressFunc) (guint    done,
                                      guint    total,
                                      gpointer user_data);

/* What an import kept of the months its rows carry. */
typedef struct
{
  guint  n_figures;       /* members whose figures for the result's period were kept */
  guint  n_past_months;   /* without a period: earlier months whose PV was kept */
} DlImportKept;

/* Writes result's rows in one transaction.  What the file says of a
 * member now (join date, status, rank and, beside a paid rank, the
 * highest rank, role, first and last order, autoship and its next date,
 * renewal date) is the latest import's: a result whose period is older
 * than the newest month with figures fills in only what Downline does
 * not know of its members yet (and every new member); a blank cell
 * keeps what Downline has.  When the file has a
 * placement column, each row's placement replaces the stored one (an
 * empty cell takes it away; without a side column the side is kept
 * while the parent stays the same); a file without one leaves every
 * placement as it is.  A new member whose enroller came from the
 * placement (no enroller column) gets it; a member already there
 * keeps theirs.  A placement that would close a loop through members
 * that are not in the file fails the import, naming the line.
 *
 * The months the rows carry go in the same transaction: for
 * result->period the month's figures and events, else the earlier
 * months' PV of its columns (see dl_store_save_import_months ()); so the
 * members and their month are kept together or not at all.  kept (may
 * be NULL) receives how much of them was kept.  plan (may be NULL)
 * receives what the import changed, as dl_store_plan_import () would
 * have said it just before: worked out in the import's transaction,
 * from the members it reads anyway (a command that prints the changes
 * and then imports reads a million members once, not twice).  Fails with
 * G_IO_ERROR_CANCELLED when cancellable fires, leaving the database
 * untouched.  Like every write of the store, it waits for the
 * background integrity check of a large file before its first write
 * (its reads go alongside) and fails with DL_STORE_ERROR_DAMAGED on a
 * damaged one, writing nothing (the async version waits in its
 * worker).  Emits ::changed; call on the store's thread. */
gboolean      dl_store_import_members  (DlStore              *store,
                                        const DlImportResult *result,
                                        GCancellable         *cancellable,
                                        DlImportProgressFunc  progress,
                                        gpointer              progress_data,
                                        DlImportKept         *kept,
                                        DlImportPlan        **plan,
                                        GError              **error);

/* The same in a worker thread; result must live until callback runs.
 * progress runs in the worker. */
void          dl_store_import_members_async  (DlStore              *store,
                                              const DlImportResult *result,
                                              GCancellable         *cancellable,
                                              DlImportProgressFunc  progress,
                                              gpointer              progress_data,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      dl_store_import_members_finish (DlStore              *store,
                                              GAsyncResult         *result,
                                              DlImportKept         *kept,
                                              GError              **error);

/* Prospects from vCards, into the pipeline's first open stage, in one
 * transaction and in time linear in the cards.  A card whose email,
 * mobile or other personal phone, or full name matches a person already
 * in Downline (or an earlier card) is skipped as a duplicate; an office
 * number (work, fax, pager) alone is not a match, colleagues share it.
 * A card without any name is skipped too.  Each skipped card is listed
 * in report.skipped with its line and why.
 *
 * Each person is saved as the edit dialogs would accept it: the
 * preferred (PREF, then mobile) e-mail and phone that pass the dialogs'
 * checks are kept, every other one goes into the notes; a phone is
 * normalised first (typographic dashes, brackets); texts are cut to 500
 * characters, and what was cut is listed in report.changed.  The
 * report counts both, for the summary. */
typedef struct
{
  guint      n_added;
  guint      n_duplicates;
  guint      n_shortened;        /* texts cut to 500 characters (name, city, notes…) */
  guint      n_extra_phones;     /* valid phones beyond the one kept, in the notes */
  guint      n_extra_emails;     /* valid e-mails beyond the one kept, in the notes */
  guint      n_refused_phones;   /* phones the dialogs would refuse, in the notes */
  guint      n_refused_emails;   /* e-mails the dialogs would refuse, in the notes */
  GPtrArray *skipped;            /* char *: "line 12: Ann Lee has the same email as Ann Lee" */
  GPtrArray *changed;            /* char *: "line 40: Bo Kim: the notes were cut to 500 characters" */
} DlVCardReport;

void          dl_vcard_report_clear    (DlVCardReport *report);
/* What the import cut or moved to the notes, as one translated
 * sentence ("3 long fields were shortened and 5 extra phone numbers
 * were kept in the notes."), or NULL when it kept every card as it was. */
char         *dl_vcard_report_describe (const DlVCardReport *report);

gboolean      dl_store_import_vcards   (DlStore        *store,
                                        GPtrArray      *cards,
                                        DlVCardReport  *report,
                                        GError        **error);
/* The same with progress (every thousand cards) and a cancellable: a
 * cancelled import fails with G_IO_ERROR_CANCELLED and writes nothing.
 * Like the members import it writes on a connection of its own after
 * the store's writable check; emits ::changed.  Not inside a store
 * transaction. */
gboolean      dl_store_import_vcards_full (DlStore               *store,
                                           GPtrArray             *cards,
                                           GCancellable          *cancellable,
                                           DlImportProgressFunc   progress,
                                           gpointer               progress_data,
                                           DlVCardReport         *report,
                                           GError               **error);

/* The same in a worker thread (cards must not change until callback
 * runs; progress runs in the worker).  finish fills report. */
void          dl_store_import_vcards_async  (DlStore              *store,
                                             GPtrArray            *cards,
                                             GCancellable         *cancellable,
                                             DlImportProgressFunc  progress,
                                             gpointer              progress_data,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      dl_store_import_vcards_finish (DlStore              *store,
                                             GAsyncResult         *result,
                                             DlVCardReport        *report,
                                             GError              **error);

G_END_DECLS

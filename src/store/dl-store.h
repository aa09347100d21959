/* dl-store.h — the one object that speaks SQL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application opens one DlStore and hands it to windows and views as a
 * construct property.  Reads give GObject items and GListModels; writes
 * are single transactions that, once committed, emit ::changed so every
 * open view updates.  Items are shared: the store hands out one object
 * per row while anyone holds it, and refreshes it in place after a write,
 * so a view bound to an item's properties follows the database.  To edit,
 * change a copy (dl_person_copy ()) or a new draft and pass it to the
 * matching update function; a failed update puts the shared item back.
 *
 * Every getter returning an object or a list model returns a new
 * reference (transfer full): hold it in a g_autoptr () or unref it.
 *
 * A DlStore belongs to the thread that opened it (the main thread).
 */

#pragma once

#include <gio/gio.h>

#include "dl-tree.h"
#include "dl-store-enums.h"
#include "dl-person.h"
#include "dl-profile.h"
#include "dl-stage.h"
#include "dl-prospect.h"
#include "dl-member.h"
#include "dl-interaction.h"
#include "dl-template.h"
#include "dl-letter.h"

G_BEGIN_DECLS

#define DL_STORE_ERROR (dl_store_error_quark ())

typedef enum
{
  DL_STORE_ERROR_FAILED,
  DL_STORE_ERROR_IO,            /* the file or its folder cannot be used */
  DL_STORE_ERROR_NOT_DATABASE,  /* not a SQLite file, or another program's */
  DL_STORE_ERROR_DAMAGED,       /* fails the integrity check */
  DL_STORE_ERROR_TOO_NEW,       /* written by a newer Downline */
  DL_STORE_ERROR_BUSY,          /* another program holds the file too long */
  DL_STORE_ERROR_CONSTRAINT,
  DL_STORE_ERROR_DUPLICATE,
  DL_STORE_ERROR_CYCLE,
  DL_STORE_ERROR_NOT_FOUND,
  DL_STORE_ERROR_INVALID,
  DL_STORE_ERROR_NOT_EMPTY,
  DL_STORE_ERROR_READ_ONLY,     /* the file or its folder is not writable */
  DL_STORE_ERROR_CLOSED,        /* dl_store_close () was called */
} DlStoreError;

/* How dl_store_open_full treats a file that is not there yet. */
typedef enum
{
  DL_STORE_OPEN_CREATE   = 0,       /* a missing or empty file becomes a new database */
  DL_STORE_OPEN_EXISTING = 1 << 0,  /* a missing or 0-byte file is refused; nothing is created */
  DL_STORE_OPEN_READ_ONLY = 1 << 1, /* never write, as for a file whose permissions say so */
} DlStoreOpenFlags;

/* What a ::changed signal is about; also its detail ("changed::members"). */
typedef enum
{
  DL_STORE_ENTITY_PROFILE,
  DL_STORE_ENTITY_PEOPLE,
  DL_STORE_ENTITY_STAGES,
  DL_STORE_ENTITY_PROSPECTS,
  DL_STORE_ENTITY_MEMBERS,
  DL_STORE_ENTITY_INTERACTIONS,
  DL_STORE_ENTITY_TEMPLATES,
  DL_STORE_ENTITY_LETTERS,
} DlStoreEntity;

#define DL_TYPE_STORE (dl_store_get_type ())

G_DECLARE_FINAL_TYPE (DlStore, dl_store, DL, STORE, GObject)

GQuark      dl_store_error_quark        (void);

/* Opens (creating when missing) and migrates the database at path.  A
 * file that cannot be opened safely is left exactly as it was, with
 * nothing beside it.  Symbolic links anywhere in path are followed; a
 * folder, FIFO or device is refused at once.  A file whose permissions
 * (or folder) allow no writing opens read-only: see
 * dl_store_is_read_only (). */
DlStore    *dl_store_open               (const char     *path,
                                         GError        **error);
DlStore    *dl_store_open_full          (const char     *path,
                                         DlStoreOpenFlags flags,
                                         GError        **error);
/* The file as opened: path with every symbolic link resolved. */
const char *dl_store_get_path           (DlStore        *self);
/* The day the user started with Downline on this file
 * (dl_settings_get_first_use ()), which every tree read from now on
 * carries (dl_tree_set_started_on ()): members who joined before it are
 * not owed a welcome, and their check-ins count from it.  DL_DAY_NONE,
 * the default, counts from joining. */
void        dl_store_set_started_on     (DlStore        *self,
                                         DlDay           day);
DlDay       dl_store_get_started_on     (DlStore        *self);
/* TRUE when the file could only be opened for reading; every write then
 * fails with DL_STORE_ERROR_READ_ONLY, naming the file and why. */
gboolean    dl_store_is_read_only       (DlStore        *self);
/* Why, as a clause ("its permissions allow reading only"), or NULL. */
const char *dl_store_get_read_only_reason (DlStore      *self);
/* Folds the write-ahead log into the database file, so the .db file
 * alone holds every change (what a copy, a sync or an e-mail of "the
 * file" takes).  Cheap when little changed; does nothing inside a
 * transaction.  FALSE with error when another program holds the file. */
gboolean    dl_store_checkpoint         (DlStore        *self,
                                         GError        **error);
/* Checkpoints and closes the file: the .db is whole and no -wal is left
 * (unless another program has the file open too).  Afterwards reads
 * find nothing and writes fail with DL_STORE_ERROR_CLOSED.  Safe to
 * call more than once; finalizing the store closes it too. */
void        dl_store_close              (DlStore        *self);
/* TRUE when path is the same file (device and inode, whatever the
 * path, hard link or symbolic link) as a database open in this process. */
gboolean    dl_store_file_is_open       (const char     *path);
/* FALSE while a large file's integrity check still runs (writes wait
 * for it) or after it found damage (::damaged; writes fail). */
gboolean    dl_store_is_verified        (DlStore        *self);
/* TRUE once a large file's background integrity check found damage
 * (::damaged); FALSE while it runs, so readers need not wait for it. */
gboolean    dl_store_is_damaged         (DlStore        *self);
/* TRUE before the first run: no profile and no people. */
gboolean    dl_store_is_empty           (DlStore        *self);
/* TRUE once there is anyone besides the user: a member or a prospect. */
gboolean    dl_store_has_business       (DlStore        *self);

/* The profile: the user.  NULL before the first run. */
DlProfile  *dl_store_get_profile        (DlStore        *self);
/* Saves the user's person fields and company, website and message.  The
 * first save also makes the user the root member, joined today. */
gboolean    dl_store_save_profile       (DlStore        *self,
                                         DlProfile      *profile,
                                         GError        **error);
/* The user's person id, or 0 before the first run. */
gint64      dl_store_get_user_id        (DlStore        *self);

/* People. */
DlPerson   *dl_store_get_person         (DlStore        *self,
                                         gint64          person_id);
DlPerson   *dl_store_add_person         (DlStore        *self,
                                         DlPerson       *draft,
                                         GError        **error);
gboolean    dl_store_update_person      (DlStore        *self,
                                         DlPerson       *draft,
                                         GError        **error);
/* Fails with NOT_EMPTY for the user or a member with recruits. */
gboolean    dl_store_delete_person      (DlStore        *self,
                                         gint64          person_id,
                                         GError        **error);
/* Everyone but the user, by last then first name. */
GListModel *dl_store_get_people         (DlStore        *self);

/* Pipeline stages. */
GListModel *dl_store_get_stages         (DlStore        *self);
DlStage    *dl_store_get_stage          (DlStore        *self,
                                         gint64          stage_id);
DlStage    *dl_store_add_stage          (DlStore        *self,
                                         const char     *name,
                                         DlStageKind     kind,
                                         GError        **error);
gboolean    dl_store_rename_stage       (DlStore        *self,
                                         gint64          stage_id,
                                         const char     *name,
                                         GError        **error);
gboolean    dl_store_move_stage         (DlStore        *self,
                                         gint64          stage_id,
                                         guint           position,
                                         GError        **error);
gboolean    dl_store_set_stage_kind     (DlStore        *self,
                                         gint64          stage_id,
                                         DlStageKind     kind,
                                         GError        **error);
gboolean    dl_store_set_stage_probability (DlStore     *self,
                                            gint64       stage_id,
                                            guint        percent,
                                            GError     **error);
gboolean    dl_store_set_stage_stale_days (DlStore      *self,
                                           gint64        stage_id,
                                           guint         days,
                                           GError      **error);
/* Fails with NOT_EMPTY while prospects are in the stage. */
gboolean    dl_store_delete_stage       (DlStore        *self,
                                         gint64          stage_id,
                                         GError        **error);
/* Every setting of a stage at once, in one transaction: all or nothing. */
gboolean    dl_store_update_stage       (DlStore        *self,
                                         gint64          stage_id,
                                         const char     *name,
                                         DlStageKind     kind,
                                         guint           probability,
                                         guint           stale_days,
                                         guint           position,
                                         GError        **error);
/* Undo of a stage edit or delete, in one transaction: the stage as the
 * snapshot has it (name, kind, chance, stale days, place), under its own
 * id, so earlier undo steps that name it still find it. */
gboolean    dl_store_restore_stage      (DlStore        *self,
                                         DlStage        *snapshot,
                                         GError        **error);

/* Prospects.  person is an existing person (id set) or a draft saved in
 * the same transaction; the prospect goes to the end of the stage. */
DlProspect *dl_store_add_prospect       (DlStore        *self,
                                         DlPerson       *person,
                                         gint64          stage_id,
                                         GError        **error);
DlProspect *dl_store_get_prospect       (DlStore        *self,
                                         gint64          person_id);
/* Moves to position within stage_id (clamped to its end), renumbering
 * both stages.  Entering another stage restarts entered-stage-at. */
gboolean    dl_store_move_prospect      (DlStore        *self,
                                         gint64          person_id,
                                         gint64          stage_id,
                                         guint           position,
                                         GError        **error);
/* Saves interest, qualification, next follow-up, not-now reason and
 * revisit date of draft. */
gboolean    dl_store_update_prospect    (DlStore        *self,
                                         DlProspect     *draft,
                                         GError        **error);
gboolean    dl_store_set_prospect_qualification (DlStore        *self,
                                                 gint64          person_id,
                                                 DlQualification qualification,
                                                 GError        **error);
gboolean    dl_store_set_prospect_follow_up (DlStore    *self,
                                             gint64      person_id,
                                             DlDay       day,
                                             GError    **error);
gboolean    dl_store_set_prospect_not_now (DlStore      *self,
                                           gint64        person_id,
                                           const char   *reason,
                                           DlDay         revisit_on,
                                           GError      **error);
/* Takes the person out of the pipeline; the person and history stay. */
gboolean    dl_store_remove_prospect    (DlStore        *self,
                                         gint64          person_id,
                                         GError        **error);
/* Takes back dl_store_add_prospect: no stage history is written, and the
 * person goes too unless something refers to them by now (a contact, a
 * letter, a membership). */
gboolean    dl_store_unadd_prospect     (DlStore        *self,
                                         gint64          person_id,
                                         GError        **error);
/* The prospects of one stage in position order. */
GListModel *dl_store_get_prospects      (DlStore        *self,
                                         gint64          stage_id);

/* Members.  person is an existing person (a prospect who joined) or a
 * draft; sponsor_id is a member's person id (dl_store_get_user_id () for
 * the user) or 0 for "no sponsor"; member_number may be NULL or "" for
 * none; joined_on DL_DAY_NONE means today. */
DlMember   *dl_store_add_member         (DlStore        *self,
                                         DlPerson       *person,
                                         gint64          sponsor_id,
                                         const char     *member_number,
                                         DlDay           joined_on,
                                         DlRole          role,
                                         GError        **error);
DlMember   *dl_store_get_member         (DlStore        *self,
                                         gint64          person_id);
/* Saves member number, joined-on, role, rank and last activity. */
gboolean    dl_store_update_member      (DlStore        *self,
                                         DlMember       *draft,
                                         GError        **error);
/* CYCLE when sponsor_id is the member or in their downline. */
gboolean    dl_store_set_member_sponsor (DlStore        *self,
                                         gint64          person_id,
                                         gint64          sponsor_id,
                                         GError        **error);
/* since DL_DAY_NONE means today. */
gboolean    dl_store_set_member_status  (DlStore        *self,
                                         gint64          person_id,
                                         DlMemberStatus  status,
                                         DlDay           since,
                                         GError        **error);
/* days 0 returns the member to the default cadence. */
gboolean    dl_store_set_member_cadence (DlStore        *self,
                                         gint64          person_id,
                                         guint           days,
                                         GError        **error);
/* DL_DAY_NONE ends a snooze. */
gboolean    dl_store_snooze_member      (DlStore        *self,
                                         gint64          person_id,
                                         DlDay           until,
                                         GError        **error);
gboolean    dl_store_set_member_last_activity (DlStore  *self,
                                               gint64    person_id,
                                               DlDay     day,
                                               GError  **error);
/* All members in the tree's depth-first order; items are made on demand.
 * A DlMemberList: dl_member_list_get_tree () gives the tree it shows. */
GListModel *dl_store_get_members        (DlStore        *self);
/* Reads every member into a fresh tree (one query). */
DlTree     *dl_store_load_tree          (DlStore        *self,
                                         GError        **error);
/* The same in a worker thread over its own read-only connection, so a
 * huge downline never freezes the window. */
void        dl_store_load_tree_async    (DlStore        *self,
                                         GCancellable   *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer        user_data);
DlTree     *dl_store_load_tree_finish   (DlStore        *self,
                                         GAsyncResult   *result,
                                         GError        **error);
/* The tree the store keeps from its last read, if nothing it shows has
 * changed since (a new reference), else NULL: an answer that costs no
 * read, for a view that would rather read in a thread than wait. */
DlTree     *dl_store_peek_kept_tree     (DlStore        *self);

/* The two trees of a business: who enrolled whom (member.sponsor_id,
 * the one the rules, Today and every count follow), and where the
 * company placed each member in its unilevel or binary plan.  Members
 * no export placed sit under their enroller in the placement tree. */
typedef enum
{
  DL_TREE_KIND_ENROLLMENT,
  DL_TREE_KIND_PLACEMENT,
} DlTreeKind;

typedef enum
{
  DL_SIDE_NONE,
  DL_SIDE_LEFT,
  DL_SIDE_RIGHT,
} DlSide;

/* Like dl_store_load_tree_async(); finish with
 * dl_store_load_tree_finish().  Only the enrollment tree is kept
 * between reads. */
void        dl_store_load_tree_kind_async (DlStore      *self,
                                           DlTreeKind    kind,
                                           GCancellable *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer      user_data);
/* TRUE when an import placed at least one member under someone. */
gboolean    dl_store_has_placement      (DlStore        *self);
/* Where the company placed person_id: FALSE when no export said;
 * *parent_id 0 when their placement parent is no longer in the file. */
gboolean    dl_store_get_placement      (DlStore        *self,
                                         gint64          person_id,
                                         gint64         *parent_id,
                                         DlSide         *side);

/* The contact log.  at NULL means now.  Moves the person's
 * last-contact (notes to self aside). */
DlInteraction *dl_store_add_interaction (DlStore        *self,
                                         gint64          person_id,
                                         DlContactKind   kind,
                                         GDateTime      *at,
                                         const char     *summary,
                                         GError        **error);
gboolean    dl_store_delete_interaction (DlStore        *self,
                                         gint64          interaction_id,
                                         GError        **error);
/* One person's log, newest first. */
GListModel *dl_store_get_interactions   (DlStore        *self,
                                         gint64          person_id);

/* Letter templates. */
GListModel *dl_store_get_templates      (DlStore        *self);
DlTemplate *dl_store_get_template       (DlStore        *self,
                                         gint64          template_id);
/* The template installed under a builtin name, or NULL. */
DlTemplate *dl_store_find_builtin_template (DlStore     *self,
                                            const char  *builtin);
DlTemplate *dl_store_add_template       (DlStore        *self,
                                         DlTemplate     *draft,
                                         GError        **error);
/* Saves name, kind, subject and body. */
gboolean    dl_store_update_template    (DlStore        *self,
                                         DlTemplate     *draft,
                                         GError        **error);
gboolean    dl_store_delete_template    (DlStore        *self,
                                         gint64          template_id,
                                         GError        **error);

/* Letters. template_id 0 for none. */
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

/* Many reads as one: they see one snapshot of the file and take the
 * file's lock once, not once each (10,000 letters' fields).  Inside a
 * write transaction they are part of it; no write may start until
 * dl_store_end_read (). */
void          dl_store_begin_read      (DlStore      *self);
void          dl_store_end_read        (DlStore      *self);

G_END_DECLS

#include "dl-store-join.h"
#include "dl-store-letters.h"

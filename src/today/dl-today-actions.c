/* dl-today-actions.c — logging and snoozing from Today, and their undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-clock.h"
#include "dl-day.h"
#include "dl-today-actions.h"

typedef enum
{
  UNDO_DELETE_INTERACTION,
  UNDO_MEMBER_SNOOZE,
  UNDO_PROSPECT_FOLLOW_UP,
  UNDO_PROSPECT_REVISIT,
} UndoKind;

struct _DlTodayUndo
{
  UndoKind kind;
  gint64   person_id;
  gint64   interaction_id;
  DlDay    previous;
  /* a "not now" prospect: the revisit date that made them due */
  DlDay    previous_revisit;
  char    *not_now_reason;
};

void
dl_today_undo_free (DlTodayUndo *undo)
{
  if (undo == NULL)
    return;

  g_free (undo->not_now_reason);
  g_free (undo);
}

DlTodayUndo *
dl_today_log_contact (DlStore        *store,
                      gint64          person_id,
                      DlContactKind   kind,
                      GDateTime      *at,
                      const char     *summary,
                      GError        **error)
{
  g_autoptr(DlInteraction) interaction = NULL;
  DlTodayUndo *undo;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  interaction = dl_store_add_interaction (store, person_id, kind, at, summary, error);
  if (interaction == NULL)
    return NULL;

  undo = g_new0 (DlTodayUndo, 1);
  undo->kind = UNDO_DELETE_INTERACTION;
  undo->person_id = person_id;
  undo->interaction_id = dl_interaction_get_id (interaction);
  return undo;
}

DlTodayUndo *
dl_today_mark_welcomed (DlStore  *store,
                        gint64    person_id,
                        GError  **error)
{
  return dl_today_log_contact (store, person_id, DL_CONTACT_MESSAGE, NULL,
                               _("Welcomed (marked by hand)"), error);
}

DlTodayUndo *
dl_today_snooze (DlStore  *store,
                 gint64    person_id,
                 DlDay     until,
                 GError  **error)
{
  g_autoptr(DlMember) member = NULL;
  g_autoptr(DlProspect) prospect = NULL;
  DlTodayUndo *undo;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (until == DL_DAY_NONE || until <= dl_clock_get_today (dl_clock_get_default ()))
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID,
                   _("Choose a day after today to snooze until."));
      return NULL;
    }

  undo = g_new0 (DlTodayUndo, 1);
  undo->person_id = person_id;

  member = dl_store_get_member (store, person_id);
  if (member != NULL && person_id != dl_store_get_user_id (store))
    {
      undo->kind = UNDO_MEMBER_SNOOZE;
      undo->previous = dl_member_get_snoozed_until (member);
      if (!dl_store_snooze_member (store, person_id, until, error))
        return (dl_today_undo_free (undo), NULL);
      return undo;
    }

  prospect = dl_store_get_prospect (store, person_id);
  if (prospect != NULL)
    {
      g_autoptr(DlStage) stage = dl_store_get_stage (store, dl_prospect_get_stage_id (prospect));
      DlDay revisit = dl_prospect_get_revisit_on (prospect);

      undo->kind = UNDO_PROSPECT_FOLLOW_UP;
      undo->previous = dl_prospect_get_next_follow_up (prospect);
      if (!dl_store_set_prospect_follow_up (store, person_id, until, error))
        return (dl_today_undo_free (undo), NULL);

      /* a parked prospect is due on their revisit day too: snoozing
       * moves that as well, or they would stay on the list */
      if (stage != NULL && dl_stage_get_kind (stage) == DL_STAGE_NOT_NOW &&
          revisit != DL_DAY_NONE && revisit < until)
        {
          undo->kind = UNDO_PROSPECT_REVISIT;
          undo->previous_revisit = revisit;
          undo->not_now_reason = g_strdup (dl_prospect_get_not_now_reason (prospect));
          if (!dl_store_set_prospect_not_now (store, person_id, undo->not_now_reason, until, error))
            {
              dl_store_set_prospect_follow_up (store, person_id, undo->previous, NULL);
              return (dl_today_undo_free (undo), NULL);
            }
        }
      return undo;
    }

  dl_today_undo_free (undo);
  g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND,
               _("This person is no longer a member or a prospect."));
  return NULL;
}

gboolean
dl_today_undo (DlStore      *store,
               DlTodayUndo  *undo,
               GError      **error)
{
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);
  g_return_val_if_fail (undo != NULL, FALSE);

  switch (undo->kind)
    {
    case UNDO_DELETE_INTERACTION:
      return dl_store_delete_interaction (store, undo->interaction_id, error);
    case UNDO_MEMBER_SNOOZE:
      return dl_store_snooze_member (store, undo->person_id, undo->previous, error);
    case UNDO_PROSPECT_FOLLOW_UP:
      return dl_store_set_prospect_follow_up (store, undo->person_id, undo->previous, error);
    case UNDO_PROSPECT_REVISIT:
      return dl_store_set_prospect_not_now (store, undo->person_id, undo->not_now_reason,
                                            undo->previous_revisit, error) &&
             dl_store_set_prospect_follow_up (store, undo->person_id, undo->previous, error);
    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  DlStore     *store;
  DlTodayUndo *undo;
} StackEntry;

static gboolean
stack_entry_undo_cb (gpointer   data,
                     GError   **error)
{
  StackEntry *entry = data;

  return dl_today_undo (entry->store, entry->undo, error);
}

static void
stack_entry_free (gpointer data)
{
  StackEntry *entry = data;

  g_object_unref (entry->store);
  dl_today_undo_free (entry->undo);
  g_free (entry);
}

guint64
dl_today_undo_push (DlUndoStack *stack,
                    DlStore     *store,
                    const char  *title,
                    DlTodayUndo *undo)
{
  StackEntry *entry;

  g_return_val_if_fail (DL_IS_UNDO_STACK (stack), 0);
  g_return_val_if_fail (DL_IS_STORE (store), 0);
  g_return_val_if_fail (undo != NULL, 0);

  entry = g_new0 (StackEntry, 1);
  entry->store = g_object_ref (store);
  entry->undo = undo;
  return dl_undo_stack_push (stack, title, stack_entry_undo_cb, entry, stack_entry_free);
}

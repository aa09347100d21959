/* dl-stage-change.c — a stage edit that was written, kept to undo it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-stage-change.h"

struct _DlStageChange
{
  DlStage *before;    /* NULL: the stage was added */
  gint64   stage_id;
  char    *title;
};

DlStageChange *
dl_stage_change_new (DlStore  *store,
                     DlStage  *before,
                     gint64    stage_id,
                     gboolean  deleted)
{
  DlStageChange *change = g_new0 (DlStageChange, 1);
  g_autoptr(DlStage) now = NULL;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);
  g_return_val_if_fail (before != NULL || !deleted, NULL);

  change->before = before ? g_object_ref (before) : NULL;
  change->stage_id = stage_id;

  if (deleted)
    change->title = g_strdup_printf (_("Stage “%s” deleted"), dl_stage_get_name (before));
  else
    {
      now = dl_store_get_stage (store, stage_id);
      change->title = g_strdup_printf (before == NULL ? _("Stage “%s” added") : _("Stage “%s” changed"),
                                       now ? dl_stage_get_name (now) : "");
    }

  return change;
}

const char *
dl_stage_change_get_title (const DlStageChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);

  return change->title;
}

gboolean
dl_stage_change_undo (const DlStageChange  *change,
                      DlStore              *store,
                      GError              **error)
{
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (DL_IS_STORE (store), FALSE);

  if (change->before == NULL)
    return dl_store_delete_stage (store, change->stage_id, error);
  return dl_store_restore_stage (store, change->before, error);
}

void
dl_stage_change_free (DlStageChange *change)
{
  if (change == NULL)
    return;

  g_clear_object (&change->before);
  g_free (change->title);
  g_free (change);
}

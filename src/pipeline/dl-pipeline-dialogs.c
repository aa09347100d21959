/* dl-pipeline-dialogs.c — what the board asks before some writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each dialog is a class of its own with a template in ui/pipeline/
 * (dl-join-dialog, dl-not-now-dialog, dl-prospect-dialog,
 * dl-stage-dialog); here are the entry points the board calls and the
 * date parsing they share.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include "dl-join-dialog.h"
#include "dl-not-now-dialog.h"
#include "dl-pipeline-dialogs.h"
#include "dl-prospect-dialog.h"
#include "dl-stage-dialog.h"

static GtkWindow *
parent_window (GtkWidget *parent)
{
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- joined --------------------------------------------------------- */

void
dl_pipeline_ask_join (GtkWidget      *parent,
                      DlStore        *store,
                      DlPerson       *person,
                      DlJoinDone      done,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  DlJoinDialog *dialog = dl_join_dialog_new (parent_window (parent), store, person,
                                             done, user_data, destroy);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- not now -------------------------------------------------------- */

void
dl_pipeline_ask_not_now (GtkWidget      *parent,
                         DlPerson       *person,
                         DlNotNowDone    done,
                         gpointer        user_data,
                         GDestroyNotify  destroy)
{
  DlNotNowDialog *dialog = dl_not_now_dialog_new (parent_window (parent), person,
                                                  done, user_data, destroy);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a prospect ----------------------------------------------------- */

void
dl_pipeline_edit_prospect (GtkWidget      *parent,
                           DlStore        *store,
                           DlProspect     *prospect,
                           DlProspectDone  done,
                           gpointer        user_data,
                           GDestroyNotify  destroy)
{
  DlProspectDialog *dialog = dl_prospect_dialog_new (parent_window (parent), store,
                                                     prospect, done, user_data, destroy);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (dl_prospect_dialog_get_first_field (dialog));
}

/* ---- a stage -------------------------------------------------------- */

void
dl_pipeline_edit_stage (GtkWidget      *parent,
                        DlStore        *store,
                        gint64          stage_id,
                        DlStageDone     done,
                        gpointer        user_data,
                        GDestroyNotify  destroy)
{
  DlStageDialog *dialog = dl_stage_dialog_new (parent_window (parent), store,
                                               stage_id, done, user_data, destroy);

  gtk_window_present (GTK_WINDOW (dialog));
}

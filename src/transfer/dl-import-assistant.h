/* dl-import-assistant.h — bringing a back-office export in, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"

G_BEGIN_DECLS

#define DL_TYPE_IMPORT_ASSISTANT (dl_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (DlImportAssistant, dl_import_assistant, DL, IMPORT_ASSISTANT, AdwWindow)

DlImportAssistant *dl_import_assistant_new       (GtkWindow         *parent,
                                                  DlStore           *store);
/* Skips the file chooser (tests, drag and drop). */
void               dl_import_assistant_open_file (DlImportAssistant *self,
                                                  GFile             *file);
/* The visible step: "choose", "map", "report", "progress" or "done". */
const char        *dl_import_assistant_get_step  (DlImportAssistant *self);

G_END_DECLS

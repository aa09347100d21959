/* dl-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DL_TYPE_APPLICATION (dl_application_get_type ())

G_DECLARE_FINAL_TYPE (DlApplication, dl_application, DL, APPLICATION, AdwApplication)

DlApplication *dl_application_new                (void);
/* The GSettings of dl_settings_get_default (), for tests that set a key. */
GSettings     *dl_application_get_settings       (DlApplication *self);

G_END_DECLS

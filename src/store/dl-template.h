/* dl-template.h — a letter template
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_TEMPLATE (dl_template_get_type ())

G_DECLARE_FINAL_TYPE (DlTemplate, dl_template, DL, TEMPLATE, GObject)

DlTemplate     *dl_template_new            (void);
DlTemplate     *dl_template_copy           (DlTemplate *self);
gint64          dl_template_get_id         (DlTemplate *self);
const char     *dl_template_get_name       (DlTemplate *self);
DlTemplateKind  dl_template_get_kind       (DlTemplate *self);
const char     *dl_template_get_subject    (DlTemplate *self);
const char     *dl_template_get_body       (DlTemplate *self);
const char     *dl_template_get_builtin    (DlTemplate *self);
GDateTime      *dl_template_get_created_at (DlTemplate *self);
GDateTime      *dl_template_get_updated_at (DlTemplate *self);
void            dl_template_set_name       (DlTemplate *self,
                                            const char *name);
void            dl_template_set_kind       (DlTemplate     *self,
                                            DlTemplateKind  kind);
void            dl_template_set_subject    (DlTemplate *self,
                                            const char *subject);
void            dl_template_set_body       (DlTemplate *self,
                                            const char *body);
void            dl_template_set_builtin    (DlTemplate *self,
                                            const char *builtin);

G_END_DECLS

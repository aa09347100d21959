/* dl-person.h — anyone the user deals with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person row as a GObject.  The store hands out one shared object per
 * row; dl_person_copy() gives an editable draft.
 */

#pragma once

#include <glib-object.h>

#include "dl-types.h"

G_BEGIN_DECLS

#define DL_TYPE_PERSON (dl_person_get_type ())

G_DECLARE_FINAL_TYPE (DlPerson, dl_person, DL, PERSON, GObject)

DlPerson   *dl_person_new              (void);
DlPerson   *dl_person_copy             (DlPerson *self);
gint64      dl_person_get_id           (DlPerson *self);
const char *dl_person_get_first_name   (DlPerson *self);
const char *dl_person_get_last_name    (DlPerson *self);
const char *dl_person_get_email        (DlPerson *self);
const char *dl_person_get_phone        (DlPerson *self);
const char *dl_person_get_best_time    (DlPerson *self);
const char *dl_person_get_city         (DlPerson *self);
const char *dl_person_get_source       (DlPerson *self);
const char *dl_person_get_category     (DlPerson *self);
const char *dl_person_get_notes        (DlPerson *self);
GDateTime  *dl_person_get_last_contact (DlPerson *self);
GDateTime  *dl_person_get_created_at   (DlPerson *self);
GDateTime  *dl_person_get_updated_at   (DlPerson *self);
const char *dl_person_get_name         (DlPerson *self);
void        dl_person_set_first_name   (DlPerson   *self,
                                        const char *first_name);
void        dl_person_set_last_name    (DlPerson   *self,
                                        const char *last_name);
void        dl_person_set_email        (DlPerson   *self,
                                        const char *email);
void        dl_person_set_phone        (DlPerson   *self,
                                        const char *phone);
void        dl_person_set_best_time    (DlPerson   *self,
                                        const char *best_time);
void        dl_person_set_city         (DlPerson   *self,
                                        const char *city);
void        dl_person_set_source       (DlPerson   *self,
                                        const char *source);
void        dl_person_set_category     (DlPerson   *self,
                                        const char *category);
void        dl_person_set_notes        (DlPerson   *self,
                                        const char *notes);

G_END_DECLS

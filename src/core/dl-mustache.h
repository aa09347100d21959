/* dl-mustache.h — the template language of letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A subset of Mustache (https://mustache.github.io/mustache.5.html):
 * variables {{name}}, {{{name}}} and {{&name}}, sections {{#name}}…{{/name}},
 * inverted sections {{^name}}…{{/name}}, comments {{! … }}, dotted names
 * and the standalone-line rules.  Partials and delimiter changes are
 * refused with a clear error: letters do not need them.
 *
 * Neither the parser nor the renderer recurses, so no template can blow
 * the stack; nesting is limited to DL_MUSTACHE_MAX_DEPTH and one render
 * to DL_MUSTACHE_MAX_OUTPUT bytes, so no template can hang the app.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DL_MUSTACHE_ERROR (dl_mustache_error_quark ())

typedef enum
{
  DL_MUSTACHE_ERROR_INVALID_UTF8,
  DL_MUSTACHE_ERROR_MALFORMED_TAG,
  DL_MUSTACHE_ERROR_UNCLOSED_SECTION,
  DL_MUSTACHE_ERROR_MISMATCHED_SECTION,
  DL_MUSTACHE_ERROR_UNSUPPORTED,
  DL_MUSTACHE_ERROR_TOO_DEEP,
  DL_MUSTACHE_ERROR_TOO_LARGE,
  DL_MUSTACHE_ERROR_UNKNOWN_FIELD,
} DlMustacheError;

#define DL_MUSTACHE_MAX_DEPTH  100
#define DL_MUSTACHE_MAX_INPUT  (4 * 1024 * 1024)
#define DL_MUSTACHE_MAX_OUTPUT (16 * 1024 * 1024)

/* Where an error is: 1-based line and column (in characters). */
typedef struct
{
  guint line;
  guint column;
} DlMustacheLocation;

typedef enum
{
  DL_MUSTACHE_PLAIN, /* letters: values go in as they are */
  DL_MUSTACHE_HTML,  /* {{name}} escapes & " < > ' */
} DlMustacheMode;

/* Values: what a template is rendered with. ------------------------- */

typedef enum
{
  DL_MUSTACHE_VALUE_NULL,
  DL_MUSTACHE_VALUE_BOOLEAN,
  DL_MUSTACHE_VALUE_NUMBER,
  DL_MUSTACHE_VALUE_STRING,
  DL_MUSTACHE_VALUE_LIST,
  DL_MUSTACHE_VALUE_MAP,
} DlMustacheValueType;

typedef struct _DlMustacheValue DlMustacheValue;

DlMustacheValue    *dl_mustache_value_new_null    (void);
DlMustacheValue    *dl_mustache_value_new_boolean (gboolean     value);
DlMustacheValue    *dl_mustache_value_new_number  (double       value);
DlMustacheValue    *dl_mustache_value_new_string  (const char  *value);
DlMustacheValue    *dl_mustache_value_new_list    (void);
DlMustacheValue    *dl_mustache_value_new_map     (void);
void                dl_mustache_value_free        (DlMustacheValue *value);
DlMustacheValueType dl_mustache_value_get_type_   (const DlMustacheValue *value);
/* The text of a string, or NULL for other types. */
const char         *dl_mustache_value_get_string  (const DlMustacheValue *value);
/* FALSE for null, false, "" and the empty list. */
gboolean            dl_mustache_value_is_truthy   (const DlMustacheValue *value);

/* Lists take ownership of items. */
void                dl_mustache_list_append       (DlMustacheValue *list,
                                                   DlMustacheValue *item);
/* Maps take ownership of values and replace what key held. */
void                dl_mustache_map_take          (DlMustacheValue *map,
                                                   const char      *key,
                                                   DlMustacheValue *value);
/* Sets key to a string (NULL is ""), reusing the value already there:
 * cheap enough to refill one context for thousands of recipients. */
void                dl_mustache_map_set_string    (DlMustacheValue *map,
                                                   const char      *key,
                                                   const char      *value);
DlMustacheValue    *dl_mustache_map_lookup        (const DlMustacheValue *map,
                                                   const char            *key);
/* Follows a dotted name ("sponsor.email") from map; NULL when missing. */
DlMustacheValue    *dl_mustache_map_lookup_path   (const DlMustacheValue *map,
                                                   const char            *dotted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlMustacheValue, dl_mustache_value_free)

/* Templates. -------------------------------------------------------- */

typedef struct _DlMustache DlMustache;

GQuark      dl_mustache_error_quark (void);

/* Compiles text (len -1 for NUL-terminated).  On failure returns NULL,
 * sets error (its message names line and column) and, when where is not
 * NULL, the location of the fault. */
DlMustache *dl_mustache_parse       (const char          *text,
                                     gssize               len,
                                     DlMustacheLocation  *where,
                                     GError             **error);
void        dl_mustache_free        (DlMustache          *self);

/* Renders with context onto out.  strict makes a name that resolves
 * nowhere an UNKNOWN_FIELD error (the spec renders it empty).  On error
 * out holds the partial text and where the faulty tag. */
gboolean    dl_mustache_render      (DlMustache             *self,
                                     const DlMustacheValue  *context,
                                     DlMustacheMode          mode,
                                     gboolean                strict,
                                     GString                *out,
                                     DlMustacheLocation     *where,
                                     GError                **error);
char       *dl_mustache_render_to_string (DlMustache            *self,
                                          const DlMustacheValue *context,
                                          DlMustacheMode         mode,
                                          gboolean               strict,
                                          DlMustacheLocation    *where,
                                          GError               **error);

/* Checks every name in the template, rendered or not, against the
 * top-level names of known (a map, dotted names followed); "." is
 * allowed inside a section.  The first unknown one is an
 * UNKNOWN_FIELD error at its location. */
gboolean    dl_mustache_check_names (DlMustache             *self,
                                     const DlMustacheValue  *known,
                                     DlMustacheLocation     *where,
                                     GError                **error);

/* The distinct names of variables that would print empty for context
 * and have no fallback: not inside a section on a value that is empty
 * anyway, and no inverted section {{^name}} for the same name anywhere
 * in the template.  NULL-terminated; free with g_strfreev. */
char      **dl_mustache_find_unguarded_empty (DlMustache            *self,
                                              const DlMustacheValue *context);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlMustache, dl_mustache_free)

G_END_DECLS

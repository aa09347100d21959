/* dl-mustache-private.h — what the parser, the values and the renderer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed, and included only by the dl-mustache*.c files.
 */

#pragma once

#include "dl-mustache.h"

G_BEGIN_DECLS

/* A value of a context: its type says which member holds it. */
struct _DlMustacheValue
{
  DlMustacheValueType type;
  union
  {
    gboolean boolean;
    double number;
    struct
    {
      char *text;
      gsize len;
    } str;
    GPtrArray *list;
    GHashTable *map;
  };
};

/* The template's parts, in document order (see dl-mustache.c). */
typedef enum
{
  NODE_TEXT,
  NODE_VARIABLE,     /* {{name}}: escaped in HTML mode */
  NODE_RAW,          /* {{{name}}} and {{&name}} */
  NODE_SECTION,
  NODE_INVERTED,
  NODE_END,
} NodeType;

typedef struct
{
  NodeType type;
  guint line;
  guint column;
  gsize start;       /* text: its bytes in the template's copy */
  gsize len;
  guint other;       /* section: index of its end; end: of its section */
  char *name;        /* the whole dotted name; NULL for text */
  char **path;       /* its parts; NULL for "." */
} Node;

struct _DlMustache
{
  char *text;
  gsize len;
  GArray *nodes;     /* of Node */
};

/* Sets *where, when there is one, to line and column. */
void dl_mustache_set_location (DlMustacheLocation *where,
                               guint               line,
                               guint               column);

/* Sets *error to code with "Line L, column C: " before the message,
 * and *where to the same place. */
G_GNUC_PRINTF (6, 7)
void dl_mustache_fail         (GError             **error,
                               DlMustacheLocation  *where,
                               DlMustacheError      code,
                               guint                line,
                               guint                column,
                               const char          *format,
                               ...);

G_END_DECLS

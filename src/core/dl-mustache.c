/* dl-mustache.c — the template language of letters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser turns the text into a flat array of nodes in document order;
 * each section knows the index of its end and each end the index of its
 * section, so both rendering and checking are loops with explicit
 * stacks: a template nested a thousand deep costs memory, never stack.
 */

#define G_LOG_DOMAIN "downline-mustache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "dl-mustache.h"

G_DEFINE_QUARK (dl-mustache-error-quark, dl_mustache_error)

/* One render may take this many steps beyond what the context itself
 * asks for (a node visited per list item: a long flat list is fine):
 * nested sections over lists multiply, and a short template must not be
 * able to keep the app busy for minutes. */
#define MAX_STEPS (200 * 1000)

/* Values ------------------------------------------------------------- */

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

static DlMustacheValue *
value_new (DlMustacheValueType type)
{
  DlMustacheValue *v = g_new0 (DlMustacheValue, 1);

  v->type = type;
  return v;
}

DlMustacheValue *
dl_mustache_value_new_null (void)
{
  return value_new (DL_MUSTACHE_VALUE_NULL);
}

DlMustacheValue *
dl_mustache_value_new_boolean (gboolean value)
{
  DlMustacheValue *v = value_new (DL_MUSTACHE_VALUE_BOOLEAN);

  v->boolean = !!value;
  return v;
}

DlMustacheValue *
dl_mustache_value_new_number (double value)
{
  DlMustacheValue *v = value_new (DL_MUSTACHE_VALUE_NUMBER);

  v->number = value;
  return v;
}

DlMustacheValue *
dl_mustache_value_new_string (const char *value)
{
  DlMustacheValue *v = value_new (DL_MUSTACHE_VALUE_STRING);

  v->str.text = g_strdup (value != NULL ? value : "");
  v->str.len = strlen (v->str.text);
  return v;
}

DlMustacheValue *
dl_mustache_value_new_list (void)
{
  DlMustacheValue *v = value_new (DL_MUSTACHE_VALUE_LIST);

  v->list = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_mustache_value_free);
  return v;
}

DlMustacheValue *
dl_mustache_value_new_map (void)
{
  DlMustacheValue *v = value_new (DL_MUSTACHE_VALUE_MAP);

  v->map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) dl_mustache_value_free);
  return v;
}

void
dl_mustache_value_free (DlMustacheValue *value)
{
  if (value == NULL)
    return;

  switch (value->type)
    {
    case DL_MUSTACHE_VALUE_STRING:
      g_free (value->str.text);
      break;
    case DL_MUSTACHE_VALUE_LIST:
      g_ptr_array_unref (value->list);
      break;
    case DL_MUSTACHE_VALUE_MAP:
      g_hash_table_unref (value->map);
      break;
    case DL_MUSTACHE_VALUE_NULL:
    case DL_MUSTACHE_VALUE_BOOLEAN:
    case DL_MUSTACHE_VALUE_NUMBER:
    default:
      break;
    }
  g_free (value);
}

DlMustacheValueType
dl_mustache_value_get_type_ (const DlMustacheValue *value)
{
  g_return_val_if_fail (value != NULL, DL_MUSTACHE_VALUE_NULL);

  return value->type;
}

const char *
dl_mustache_value_get_string (const DlMustacheValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  return value->type == DL_MUSTACHE_VALUE_STRING ? value->str.text : NULL;
}

gboolean
dl_mustache_value_is_truthy (const DlMustacheValue *value)
{
  if (value == NULL)
    return FALSE;

  switch (value->type)
    {
    case DL_MUSTACHE_VALUE_NULL:
      return FALSE;
    case DL_MUSTACHE_VALUE_BOOLEAN:
      return value->boolean;
    case DL_MUSTACHE_VALUE_STRING:
      return value->str.len > 0;
    case DL_MUSTACHE_VALUE_LIST:
      return value->list->len > 0;
    case DL_MUSTACHE_VALUE_NUMBER:
    case DL_MUSTACHE_VALUE_MAP:
    default:
      return TRUE;
    }
}

void
dl_mustache_list_append (DlMustacheValue *list,
                         DlMustacheValue *item)
{
  g_return_if_fail (list != NULL && list->type == DL_MUSTACHE_VALUE_LIST);
  g_return_if_fail (item != NULL);

  g_ptr_array_add (list->list, item);
}

void
dl_mustache_map_take (DlMustacheValue *map,
                      const char      *key,
                      DlMustacheValue *value)
{
  g_return_if_fail (map != NULL && map->type == DL_MUSTACHE_VALUE_MAP);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  g_hash_table_replace (map->map, g_strdup (key), value);
}

void
dl_mustache_map_set_string (DlMustacheValue *map,
                            const char      *key,
                            const char      *value)
{
  DlMustacheValue *old;

  g_return_if_fail (map != NULL && map->type == DL_MUSTACHE_VALUE_MAP);
  g_return_if_fail (key != NULL);

  old = g_hash_table_lookup (map->map, key);
  if (old == NULL || old->type != DL_MUSTACHE_VALUE_STRING)
    {
      dl_mustache_map_take (map, key, dl_mustache_value_new_string (value));
      return;
    }

  if (value == NULL)
    value = "";
  if (strcmp (old->str.text, value) != 0)
    {
      g_free (old->str.text);
      old->str.text = g_strdup (value);
      old->str.len = strlen (value);
    }
}

DlMustacheValue *
dl_mustache_map_lookup (const DlMustacheValue *map,
                        const char            *key)
{
  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (map->type != DL_MUSTACHE_VALUE_MAP)
    return NULL;
  return g_hash_table_lookup (map->map, key);
}

DlMustacheValue *
dl_mustache_map_lookup_path (const DlMustacheValue *map,
                             const char            *dotted)
{
  g_auto(GStrv) parts = NULL;
  const DlMustacheValue *v = map;

  g_return_val_if_fail (map != NULL, NULL);
  g_return_val_if_fail (dotted != NULL, NULL);

  parts = g_strsplit (dotted, ".", -1);
  for (guint i = 0; parts[i] != NULL && v != NULL; i++)
    v = dl_mustache_map_lookup (v, parts[i]);

  return (DlMustacheValue *) v;
}

/* Templates ---------------------------------------------------------- */

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

static void
node_clear (Node *node)
{
  g_free (node->name);
  g_strfreev (node->path);
}

void
dl_mustache_free (DlMustache *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_array_unref (self->nodes);
  g_free (self);
}

/* Line and column of byte offsets that only move forward, so locating
 * every tag of a megabyte template stays linear. */
typedef struct
{
  const char *text;
  gsize pos;
  guint line;
  guint column;
} Cursor;

static void
cursor_advance (Cursor *c,
                gsize   pos)
{
  for (; c->pos < pos; c->pos++)
    {
      guchar b = (guchar) c->text[c->pos];

      if (b == '\n')
        {
          c->line++;
          c->column = 1;
        }
      else if ((b & 0xC0) != 0x80)
        c->column++;
    }
}

static void
set_location (DlMustacheLocation *where,
              guint               line,
              guint               column)
{
  if (where != NULL)
    {
      where->line = line;
      where->column = column;
    }
}

G_GNUC_PRINTF (6, 7)
static void
fail (GError             **error,
      DlMustacheLocation  *where,
      DlMustacheError      code,
      guint                line,
      guint                column,
      const char          *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  set_location (where, line, column);
  /* TRANSLATORS: the first two are numbers, the last is a whole sentence */
  g_set_error (error, DL_MUSTACHE_ERROR, code, _("Line %u, column %u: %s"),
               line, column, message);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A name is "." or dot-separated non-empty parts without spaces or
 * braces. */
static gboolean
name_is_valid (const char *name)
{
  gboolean part_empty = TRUE;

  if (strcmp (name, ".") == 0)
    return TRUE;
  if (name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (part_empty)
            return FALSE;
          part_empty = TRUE;
        }
      else if (is_space (*p) || *p == '{' || *p == '}')
        return FALSE;
      else
        part_empty = FALSE;
    }

  return !part_empty;
}

static void
add_text (GArray *nodes,
          gsize   start,
          gsize   end)
{
  Node node = { 0 };

  if (end <= start)
    return;
  node.type = NODE_TEXT;
  node.start = start;
  node.len = end - start;
  g_array_append_val (nodes, node);
}

/* The text of a tag as the user wrote it, shortened for messages. */
static char *
tag_excerpt (const char *text,
             gsize       start,
             gsize       end)
{
  g_autofree char *raw = NULL;

  if (end - start > 40)
    {
      g_autofree char *valid = NULL;

      raw = g_strndup (text + start, 37);
      /* Do not cut a character in half. */
      valid = g_utf8_make_valid (raw, -1);
      return g_strconcat (valid, "…", NULL);
    }
  raw = g_strndup (text + start, end - start);
  return g_utf8_make_valid (raw, -1);
}

DlMustache *
dl_mustache_parse (const char          *text,
                   gssize               len,
                   DlMustacheLocation  *where,
                   GError             **error)
{
  g_autoptr(DlMustache) self = NULL;
  g_autoptr(GArray) open = NULL;     /* indexes of open sections */
  Cursor cursor = { 0 };
  const char *bad = NULL;
  gsize pos = 0, text_start = 0;
  gboolean text_at_line_start = TRUE;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len < 0)
    len = strlen (text);

  set_location (where, 0, 0);
  if ((gsize) len > DL_MUSTACHE_MAX_INPUT)
    {
      fail (error, where, DL_MUSTACHE_ERROR_TOO_LARGE, 1, 1,
            _("The template is longer than %u MB; letters this long cannot be written here."),
            (guint) (DL_MUSTACHE_MAX_INPUT / (1024 * 1024)));
      return NULL;
    }

  cursor.text = text;
  cursor.line = 1;
  cursor.column = 1;

  if (!g_utf8_validate_len (text, len, &bad))
    {
      cursor_advance (&cursor, bad - text);
      fail (error, where, DL_MUSTACHE_ERROR_INVALID_UTF8, cursor.line, cursor.column,
            _("The text has a byte that is not valid UTF-8 (or a NUL byte); "
              "it may have come from a file in another encoding."));
      return NULL;
    }

  self = g_new0 (DlMustache, 1);
  self->text = g_strndup (text, len);
  self->len = len;
  self->nodes = g_array_new (FALSE, TRUE, sizeof (Node));
  g_array_set_clear_func (self->nodes, (GDestroyNotify) node_clear);
  open = g_array_new (FALSE, FALSE, sizeof (guint));
  text = self->text;

  while (pos < (gsize) len)
    {
      const char *found = g_strstr_len (text + pos, len - pos, "{{");
      gsize tag_start, content_start, content_end, tag_end, close;
      g_autofree char *name = NULL;
      gboolean standalone_kind, standalone = FALSE;
      gsize line_start = 0, after = 0;
      Node node = { 0 };
      char sigil;

      if (found == NULL)
        break;

      tag_start = found - text;
      cursor_advance (&cursor, tag_start);
      content_start = tag_start + 2;
      sigil = content_start < (gsize) len ? text[content_start] : '\0';

      found = g_strstr_len (text + content_start, len - content_start, "}}");
      if (found == NULL)
        {
          fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
                _("This “{{” is never closed with “}}”."));
          return NULL;
        }
      close = found - text;
      tag_end = close + 2;
      content_end = close;

      if (sigil == '{')
        {
          if (tag_end >= (gsize) len || text[tag_end] != '}')
            {
              g_autofree char *excerpt = tag_excerpt (text, tag_start, tag_end);

              fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
                    _("“%s” opens with three braces but does not close with three."), excerpt);
              return NULL;
            }
          tag_end++;
        }

      switch (sigil)
        {
        case '#':
          node.type = NODE_SECTION;
          content_start++;
          break;
        case '^':
          node.type = NODE_INVERTED;
          content_start++;
          break;
        case '/':
          node.type = NODE_END;
          content_start++;
          break;
        case '&':
        case '{':
          node.type = NODE_RAW;
          content_start++;
          break;
        case '!':
          node.type = NODE_TEXT; /* a comment: nothing to keep */
          break;
        case '>':
          fail (error, where, DL_MUSTACHE_ERROR_UNSUPPORTED, cursor.line, cursor.column,
                _("Partials (“{{>”) are not supported in letters."));
          return NULL;
        case '=':
          fail (error, where, DL_MUSTACHE_ERROR_UNSUPPORTED, cursor.line, cursor.column,
                _("Changing the delimiters (“{{=”) is not supported in letters."));
          return NULL;
        case '$':
        case '<':
          /* template inheritance (blocks and parents), not field names */
          fail (error, where, DL_MUSTACHE_ERROR_UNSUPPORTED, cursor.line, cursor.column,
                _("Template inheritance (“{{%c”) is not supported in letters."), sigil);
          return NULL;
        default:
          node.type = NODE_VARIABLE;
          break;
        }

      if (sigil != '!')
        {
          name = g_strstrip (g_strndup (text + content_start, content_end - content_start));
          if (!name_is_valid (name))
            {
              g_autofree char *excerpt = tag_excerpt (text, tag_start, tag_end);

              if (name[0] == '\0')
                fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
                      _("“%s” has no field name."), excerpt);
              else
                fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
                      _("“%s” is not a valid placeholder: a field name has no spaces or braces, "
                        "and its parts are joined by single dots."), excerpt);
              return NULL;
            }
        }

      /* A section, end or comment tag alone on its line takes the whole
       * line with it, so templates can be laid out readably. */
      standalone_kind = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';
      if (standalone_kind)
        {
          gsize i = tag_start;
          gboolean blank_before = TRUE;

          while (i > text_start && is_blank (text[i - 1]))
            i--;
          if (i > text_start)
            {
              if (text[i - 1] == '\n')
                line_start = i;
              else
                blank_before = FALSE;
            }
          else if (text_at_line_start)
            line_start = i;
          else
            blank_before = FALSE;

          if (blank_before)
            {
              gsize j = tag_end;

              while (j < (gsize) len && is_blank (text[j]))
                j++;
              if (j == (gsize) len)
                {
                  standalone = TRUE;
                  after = j;
                }
              else if (text[j] == '\n')
                {
                  standalone = TRUE;
                  after = j + 1;
                }
              else if (text[j] == '\r' && j + 1 < (gsize) len && text[j + 1] == '\n')
                {
                  standalone = TRUE;
                  after = j + 2;
                }
            }
        }

      if (standalone)
        {
          add_text (self->nodes, text_start, line_start);
          text_start = after;
          text_at_line_start = TRUE;
        }
      else
        {
          add_text (self->nodes, text_start, tag_start);
          text_start = tag_end;
          text_at_line_start = FALSE;
        }
      pos = tag_end;

      if (sigil == '!')
        continue;

      node.line = cursor.line;
      node.column = cursor.column;

      if (node.type == NODE_END)
        {
          Node *section;
          guint section_index, end_index;

          if (open->len == 0)
            {
              fail (error, where, DL_MUSTACHE_ERROR_MISMATCHED_SECTION, cursor.line, cursor.column,
                    _("“{{/%s}}” closes a section that was never opened."), name);
              return NULL;
            }
          section_index = g_array_index (open, guint, open->len - 1);
          section = &g_array_index (self->nodes, Node, section_index);
          if (strcmp (section->name, name) != 0)
            {
              fail (error, where, DL_MUSTACHE_ERROR_MISMATCHED_SECTION, cursor.line, cursor.column,
                    _("“{{/%s}}” does not match the open section “%s” (line %u); "
                      "close “%s” first."),
                    name, section->name, section->line, section->name);
              return NULL;
            }
          end_index = self->nodes->len;
          section->other = end_index;
          node.other = section_index;
          g_array_set_size (open, open->len - 1);
        }
      else if (node.type == NODE_SECTION || node.type == NODE_INVERTED)
        {
          guint index = self->nodes->len;

          if (open->len >= DL_MUSTACHE_MAX_DEPTH)
            {
              fail (error, where, DL_MUSTACHE_ERROR_TOO_DEEP, cursor.line, cursor.column,
                    _("Sections are nested more than %u deep here; "
                      "a letter never needs that many."),
                    (guint) DL_MUSTACHE_MAX_DEPTH);
              return NULL;
            }
          g_array_append_val (open, index);
        }

      node.name = g_steal_pointer (&name);
      if (strcmp (node.name, ".") != 0)
        node.path = g_strsplit (node.name, ".", -1);
      g_array_append_val (self->nodes, node);
    }

  add_text (self->nodes, text_start, len);

  if (open->len > 0)
    {
      Node *section = &g_array_index (self->nodes, Node, g_array_index (open, guint, open->len - 1));

      fail (error, where, DL_MUSTACHE_ERROR_UNCLOSED_SECTION, section->line, section->column,
            _("The section “%s” is never closed: add “{{/%s}}” where it ends."),
            section->name, section->name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

/* Rendering ---------------------------------------------------------- */

static const DlMustacheValue *
resolve (const Node       *node,
         GPtrArray        *stack)
{
  const DlMustacheValue *v = NULL;

  if (node->path == NULL)
    return stack->len > 0 ? stack->pdata[stack->len - 1] : NULL;

  /* The first part is looked up from the innermost context outwards;
   * the rest only inside what it found (the spec's rule). */
  for (guint i = stack->len; i > 0 && v == NULL; i--)
    v = dl_mustache_map_lookup (stack->pdata[i - 1], node->path[0]);

  for (guint i = 1; node->path[i] != NULL && v != NULL; i++)
    v = dl_mustache_map_lookup (v, node->path[i]);

  return v;
}

static void
append_escaped (GString    *out,
                const char *s,
                gsize       len)
{
  const char *run = s;

  for (gsize i = 0; i < len; i++)
    {
      const char *entity;

      switch (s[i])
        {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
      g_string_append_len (out, run, s + i - run);
      g_string_append (out, entity);
      run = s + i + 1;
    }
  g_string_append_len (out, run, s + len - run);
}

static void
append_value (GString               *out,
              const DlMustacheValue *v,
              gboolean               escape)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *s = NULL;
  gsize len = 0;

  if (v == NULL)
    return;

  switch (v->type)
    {
    case DL_MUSTACHE_VALUE_STRING:
      s = v->str.text;
      len = v->str.len;
      break;
    case DL_MUSTACHE_VALUE_BOOLEAN:
      s = v->boolean ? "true" : "false";
      len = strlen (s);
      break;
    case DL_MUSTACHE_VALUE_NUMBER:
      /* The shortest text that reads back as the same number: 1.21,
       * not 1.2099999999999999645. */
      /* g_ascii_formatd, not printf: "1.5" in every locale, never "1,5" */
      g_ascii_formatd (buf, sizeof buf, "%.15g", v->number);
      if (g_ascii_strtod (buf, NULL) != v->number)
        g_ascii_formatd (buf, sizeof buf, "%.17g", v->number);
      s = buf;
      len = strlen (s);
      break;
    case DL_MUSTACHE_VALUE_NULL:
    case DL_MUSTACHE_VALUE_LIST:
    case DL_MUSTACHE_VALUE_MAP:
    default:
      return;
    }

  if (escape)
    append_escaped (out, s, len);
  else
    g_string_append_len (out, s, len);
}

/* How many list items the value holds, at any depth (a walk with a
 * stack of our own, no recursion). */
static guint64
count_list_items (const DlMustacheValue *value)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  guint64 n = 0;

  if (value != NULL)
    g_ptr_array_add (todo, (gpointer) value);
  while (todo->len > 0)
    {
      const DlMustacheValue *v = g_ptr_array_steal_index_fast (todo, todo->len - 1);

      if (v->type == DL_MUSTACHE_VALUE_LIST)
        {
          n += v->list->len;
          for (guint i = 0; i < v->list->len; i++)
            g_ptr_array_add (todo, v->list->pdata[i]);
        }
      else if (v->type == DL_MUSTACHE_VALUE_MAP)
        {
          GHashTableIter iter;
          gpointer item;

          g_hash_table_iter_init (&iter, v->map);
          while (g_hash_table_iter_next (&iter, NULL, &item))
            g_ptr_array_add (todo, item);
        }
    }

  return n;
}

typedef struct
{
  guint section;             /* index of the section node */
  const DlMustacheValue *list;
  guint item;
  gboolean pushed;           /* a context was pushed for this frame */
} Frame;

gboolean
dl_mustache_render (DlMustache             *self,
                    const DlMustacheValue  *context,
                    DlMustacheMode          mode,
                    gboolean                strict,
                    GString                *out,
                    DlMustacheLocation     *where,
                    GError                **error)
{
  g_autoptr(GPtrArray) stack = NULL;
  g_autoptr(GArray) frames = NULL;
  const Node *nodes;
  guint n, i = 0;
  gsize out_start;
  guint64 steps = 0;
  guint64 max_steps;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_location (where, 0, 0);
  stack = g_ptr_array_sized_new (8);
  frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 8);
  if (context != NULL)
    g_ptr_array_add (stack, (gpointer) context);

  nodes = (const Node *) (gpointer) self->nodes->data;
  n = self->nodes->len;
  out_start = out->len;
  /* every node once per list item of the context is linear work; only
   * lists inside lists multiply past it */
  max_steps = MAX_STEPS + (guint64) n * (1 + count_list_items (context));

  while (i < n)
    {
      const Node *node = &nodes[i];
      const DlMustacheValue *v;

      if (out->len - out_start > DL_MUSTACHE_MAX_OUTPUT)
        {
          fail (error, where, DL_MUSTACHE_ERROR_TOO_LARGE, node->line ? node->line : 1,
                node->column ? node->column : 1,
                _("The letter would be far too long: more than %u MB."),
                (guint) (DL_MUSTACHE_MAX_OUTPUT / (1024 * 1024)));
          return FALSE;
        }
      if (++steps > max_steps)
        {
          fail (error, where, DL_MUSTACHE_ERROR_TOO_LARGE, node->line ? node->line : 1,
                node->column ? node->column : 1,
                _("The letter would be far too long: sections repeat inside each other "
                  "too many times."));
          return FALSE;
        }

      switch (node->type)
        {
        case NODE_TEXT:
          g_string_append_len (out, self->text + node->start, node->len);
          i++;
          break;

        case NODE_VARIABLE:
        case NODE_RAW:
          v = resolve (node, stack);
          if (v == NULL && strict)
            goto unknown;
          append_value (out, v, mode == DL_MUSTACHE_HTML && node->type == NODE_VARIABLE);
          i++;
          break;

        case NODE_SECTION:
          v = resolve (node, stack);
          if (v == NULL && strict)
            goto unknown;
          if (!dl_mustache_value_is_truthy (v))
            {
              i = node->other + 1;
              break;
            }
          {
            Frame frame = { i, NULL, 0, TRUE };

            if (v->type == DL_MUSTACHE_VALUE_LIST)
              {
                frame.list = v;
                g_ptr_array_add (stack, v->list->pdata[0]);
              }
            else
              g_ptr_array_add (stack, (gpointer) v);
            g_array_append_val (frames, frame);
          }
          i++;
          break;

        case NODE_INVERTED:
          v = resolve (node, stack);
          if (v == NULL && strict)
            goto unknown;
          if (dl_mustache_value_is_truthy (v))
            {
              i = node->other + 1;
              break;
            }
          {
            Frame frame = { i, NULL, 0, FALSE };

            g_array_append_val (frames, frame);
          }
          i++;
          break;

        case NODE_END:
          {
            Frame *frame = &g_array_index (frames, Frame, frames->len - 1);

            g_assert (frame->section == node->other);
            if (frame->list != NULL && ++frame->item < frame->list->list->len)
              {
                stack->pdata[stack->len - 1] = frame->list->list->pdata[frame->item];
                i = frame->section + 1;
                break;
              }
            if (frame->pushed)
              g_ptr_array_set_size (stack, stack->len - 1);
            g_array_set_size (frames, frames->len - 1);
            i++;
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;

unknown:
  fail (error, where, DL_MUSTACHE_ERROR_UNKNOWN_FIELD, nodes[i].line, nodes[i].column,
        _("There is no field “%s”."), nodes[i].name);
  return FALSE;
}

char *
dl_mustache_render_to_string (DlMustache            *self,
                              const DlMustacheValue *context,
                              DlMustacheMode         mode,
                              gboolean               strict,
                              DlMustacheLocation    *where,
                              GError               **error)
{
  g_autoptr(GString) out = g_string_sized_new (self != NULL ? self->len + 64 : 64);

  if (!dl_mustache_render (self, context, mode, strict, out, where, error))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Checking ----------------------------------------------------------- */

static const DlMustacheValue *
resolve_from_root (const Node            *node,
                   const DlMustacheValue *root)
{
  const DlMustacheValue *v = root;

  if (node->path == NULL || root == NULL)
    return NULL;
  for (guint i = 0; node->path[i] != NULL && v != NULL; i++)
    v = dl_mustache_map_lookup (v, node->path[i]);

  return v;
}

gboolean
dl_mustache_check_names (DlMustache             *self,
                         const DlMustacheValue  *known,
                         DlMustacheLocation     *where,
                         GError                **error)
{
  guint depth = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (known != NULL, FALSE);

  set_location (where, 0, 0);
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);

      if (node->type == NODE_TEXT)
        continue;
      if (node->type == NODE_END)
        {
          depth--;
          continue;
        }

      if (node->path == NULL)
        {
          if (depth == 0)
            {
              fail (error, where, DL_MUSTACHE_ERROR_UNKNOWN_FIELD, node->line, node->column,
                    _("“{{.}}” means “the current item” and only works inside a section."));
              return FALSE;
            }
        }
      else if (resolve_from_root (node, known) == NULL)
        {
          fail (error, where, DL_MUSTACHE_ERROR_UNKNOWN_FIELD, node->line, node->column,
                _("There is no field “%s”."), node->name);
          return FALSE;
        }

      if (node->type == NODE_SECTION || node->type == NODE_INVERTED)
        depth++;
    }

  return TRUE;
}

static gboolean
value_is_empty (const DlMustacheValue *v)
{
  return v->type == DL_MUSTACHE_VALUE_NULL
         || (v->type == DL_MUSTACHE_VALUE_STRING && v->str.len == 0);
}

/* An open section while looking for empty fields: the map its names
 * are looked up in first (NULL: none, names go to the outer ones) and
 * that map's full dotted name ("sponsor"). */
typedef struct
{
  const DlMustacheValue *map;
  char                  *qualified;
} Scope;

static void
scope_clear (gpointer data)
{
  g_free (((Scope *) data)->qualified);
}

/* node's value by the spec's rule (the first part from the innermost
 * section outwards), with its full dotted name from the root in
 * *qualified ("name" inside {{#sponsor}} is "sponsor.name"). */
static const DlMustacheValue *
resolve_scoped (const Node  *node,
                GArray      *scopes,
                char       **qualified)
{
  const DlMustacheValue *v = NULL;
  const char *prefix = NULL;

  *qualified = NULL;
  if (node->path == NULL)
    return NULL;
  for (guint i = scopes->len; i > 0 && v == NULL; i--)
    {
      const Scope *scope = &g_array_index (scopes, Scope, i - 1);

      if (scope->map != NULL && (v = dl_mustache_map_lookup (scope->map, node->path[0])) != NULL)
        prefix = scope->qualified;
    }
  for (guint i = 1; node->path[i] != NULL && v != NULL; i++)
    v = dl_mustache_map_lookup (v, node->path[i]);

  if (v != NULL)
    *qualified = prefix != NULL ? g_strconcat (prefix, ".", node->name, NULL) : g_strdup (node->name);
  return v;
}

char **
dl_mustache_find_unguarded_empty (DlMustache            *self,
                                  const DlMustacheValue *context)
{
  g_autoptr(GHashTable) inverted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);  /* qualified names of enclosing sections */
  g_autoptr(GArray) scopes = g_array_new (FALSE, TRUE, sizeof (Scope));
  guint dead_depth = 0;                             /* > 0: inside a section not shown */
  Scope root = { context, NULL };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  g_array_set_clear_func (scopes, scope_clear);
  g_array_append_val (scopes, root);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);

      if (node->type == NODE_INVERTED)
        g_hash_table_add (inverted, node->name);
    }

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);
      const DlMustacheValue *v;
      g_autofree char *qualified = NULL;
      gboolean guarded = FALSE;

      switch (node->type)
        {
        case NODE_SECTION:
        case NODE_INVERTED:
          {
            Scope scope = { NULL, NULL };

            v = resolve_scoped (node, scopes, &qualified);
            g_ptr_array_add (open, g_strdup (qualified != NULL ? qualified : node->name));
            if (dead_depth > 0
                || (node->path != NULL
                    && (node->type == NODE_SECTION) != dl_mustache_value_is_truthy (v)))
              dead_depth++;
            /* inside {{#sponsor}}, names are the sponsor's first */
            if (dead_depth == 0 && node->type == NODE_SECTION && v != NULL &&
                v->type == DL_MUSTACHE_VALUE_MAP)
              {
                scope.map = v;
                scope.qualified = g_steal_pointer (&qualified);
              }
            g_array_append_val (scopes, scope);
          }
          break;

        case NODE_END:
          g_ptr_array_set_size (open, open->len - 1);
          g_array_set_size (scopes, scopes->len - 1);
          if (dead_depth > 0)
            dead_depth--;
          break;

        case NODE_VARIABLE:
        case NODE_RAW:
          if (dead_depth > 0 || node->path == NULL)
            break;
          v = resolve_scoped (node, scopes, &qualified);
          if (v == NULL || !value_is_empty (v))
            break;
          if (g_hash_table_contains (inverted, node->name) || g_hash_table_contains (inverted, qualified))
            break;
          for (guint j = 0; j < open->len && !guarded; j++)
            guarded = strcmp (open->pdata[j], node->name) == 0 || strcmp (open->pdata[j], qualified) == 0;
          if (guarded)
            break;
          if (!g_ptr_array_find_with_equal_func (found, qualified, g_str_equal, NULL))
            g_ptr_array_add (found, g_steal_pointer (&qualified));
          break;

        case NODE_TEXT:
        default:
          break;
        }
    }

  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

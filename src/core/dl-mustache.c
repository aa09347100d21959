/* dl-mustache.c — the template language of letters: parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parser turns the text into a flat array of nodes in document order;
 * each section knows the index of its end and each end the index of its
 * section, so both rendering and checking are loops with explicit
 * stacks: a template nested a thousand deep costs memory, never stack.
 * The values are in dl-mustache-value.c, rendering and checking in
 * dl-mustache-render.c.
 */

#define G_LOG_DOMAIN "downline-mustache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-mustache-private.h"

G_DEFINE_QUARK (dl-mustache-error-quark, dl_mustache_error)

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

void
dl_mustache_set_location (DlMustacheLocation *where,
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
void
dl_mustache_fail (GError             **error,
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

  dl_mustache_set_location (where, line, column);
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

  dl_mustache_set_location (where, 0, 0);
  if ((gsize) len > DL_MUSTACHE_MAX_INPUT)
    {
      dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_TOO_LARGE, 1, 1,
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
      dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_INVALID_UTF8, cursor.line, cursor.column,
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
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
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

              dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
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
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNSUPPORTED, cursor.line, cursor.column,
                            _("Partials (“{{>”) are not supported in letters."));
          return NULL;
        case '=':
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNSUPPORTED, cursor.line, cursor.column,
                            _("Changing the delimiters (“{{=”) is not supported in letters."));
          return NULL;
        case '$':
        case '<':
          /* template inheritance (blocks and parents), not field names */
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNSUPPORTED, cursor.line, cursor.column,
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
                dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
                                  _("“%s” has no field name."), excerpt);
              else
                dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_MALFORMED_TAG, cursor.line, cursor.column,
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
              dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_MISMATCHED_SECTION, cursor.line, cursor.column,
                                _("“{{/%s}}” closes a section that was never opened."), name);
              return NULL;
            }
          section_index = g_array_index (open, guint, open->len - 1);
          section = &g_array_index (self->nodes, Node, section_index);
          if (strcmp (section->name, name) != 0)
            {
              dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_MISMATCHED_SECTION, cursor.line, cursor.column,
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
              dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_TOO_DEEP, cursor.line, cursor.column,
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

      dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNCLOSED_SECTION, section->line, section->column,
                        _("The section “%s” is never closed: add “{{/%s}}” where it ends."),
                        section->name, section->name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

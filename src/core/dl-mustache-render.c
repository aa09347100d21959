/* dl-mustache-render.c — rendering a template, and checking one against the fields
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline-mustache"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dl-mustache-private.h"

/* One render may take this many steps beyond what the context itself
 * asks for (a node visited per list item: a long flat list is fine):
 * nested sections over lists multiply, and a short template must not be
 * able to keep the app busy for minutes. */
#define MAX_STEPS (200 * 1000)

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
  gboolean counted = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  dl_mustache_set_location (where, 0, 0);
  stack = g_ptr_array_sized_new (8);
  frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 8);
  if (context != NULL)
    g_ptr_array_add (stack, (gpointer) context);

  nodes = (const Node *) (gpointer) self->nodes->data;
  n = self->nodes->len;
  out_start = out->len;
  /* every node once per list item of the context is linear work; only
   * lists inside lists multiply past it.  The items are counted only
   * once a render has taken more steps than a context without lists
   * would allow: counting walks every value of the context, and a
   * letter, rendered ten thousand times for a group, never gets there. */
  max_steps = MAX_STEPS + (guint64) n;

  while (i < n)
    {
      const Node *node = &nodes[i];
      const DlMustacheValue *v;

      if (out->len - out_start > DL_MUSTACHE_MAX_OUTPUT)
        {
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_TOO_LARGE, node->line ? node->line : 1,
                            node->column ? node->column : 1,
                            _("The letter would be far too long: more than %u MB."),
                            (guint) (DL_MUSTACHE_MAX_OUTPUT / (1024 * 1024)));
          return FALSE;
        }
      if (++steps > max_steps && !counted)
        {
          max_steps = MAX_STEPS + (guint64) n * (1 + count_list_items (context));
          counted = TRUE;
        }
      if (steps > max_steps)
        {
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_TOO_LARGE, node->line ? node->line : 1,
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
  dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNKNOWN_FIELD, nodes[i].line, nodes[i].column,
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

  dl_mustache_set_location (where, 0, 0);
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
              dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNKNOWN_FIELD, node->line, node->column,
                                _("“{{.}}” means “the current item” and only works inside a section."));
              return FALSE;
            }
        }
      else if (resolve_from_root (node, known) == NULL)
        {
          dl_mustache_fail (error, where, DL_MUSTACHE_ERROR_UNKNOWN_FIELD, node->line, node->column,
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
  const char            *qualified;
} Scope;

/* node's value by the spec's rule (the first part from the innermost
 * section outwards); *prefix receives the full dotted name of the
 * section it was found in, NULL when found from the root.  The full
 * name of node is put together only where it is needed (see qualify):
 * this runs for every field of every letter of a group. */
static const DlMustacheValue *
resolve_scoped (const Node   *node,
                GArray       *scopes,
                const char  **prefix)
{
  const DlMustacheValue *v = NULL;

  *prefix = NULL;
  if (node->path == NULL)
    return NULL;
  for (guint i = scopes->len; i > 0 && v == NULL; i--)
    {
      const Scope *scope = &g_array_index (scopes, Scope, i - 1);

      if (scope->map != NULL && (v = dl_mustache_map_lookup (scope->map, node->path[0])) != NULL)
        *prefix = scope->qualified;
    }
  for (guint i = 1; node->path[i] != NULL && v != NULL; i++)
    v = dl_mustache_map_lookup (v, node->path[i]);

  if (v == NULL)
    *prefix = NULL;
  return v;
}

/* node's full dotted name from the root ("name" inside {{#sponsor}} is
 * "sponsor.name"): its own name when found from the root, else a new
 * string kept in keep until the search ends. */
static const char *
qualify (const Node  *node,
         const char  *prefix,
         GPtrArray   *keep)
{
  char *qualified;

  if (prefix == NULL)
    return node->name;
  qualified = g_strconcat (prefix, ".", node->name, NULL);
  g_ptr_array_add (keep, qualified);
  return qualified;
}

static gboolean
has_inverted (DlMustache *self,
              const char *name)
{
  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);

      if (node->type == NODE_INVERTED && strcmp (node->name, name) == 0)
        return TRUE;
    }
  return FALSE;
}

char **
dl_mustache_find_unguarded_empty (DlMustache            *self,
                                  const DlMustacheValue *context)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);  /* names made by qualify () */
  g_autoptr(GPtrArray) open = g_ptr_array_new ();   /* qualified names of enclosing sections */
  g_autoptr(GArray) scopes = g_array_new (FALSE, TRUE, sizeof (Scope));
  guint dead_depth = 0;                             /* > 0: inside a section not shown */
  Scope root = { context, NULL };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (context != NULL, NULL);

  g_array_append_val (scopes, root);

  for (guint i = 0; i < self->nodes->len; i++)
    {
      const Node *node = &g_array_index (self->nodes, Node, i);
      const DlMustacheValue *v;
      const char *prefix = NULL;
      const char *qualified;
      gboolean guarded = FALSE;

      switch (node->type)
        {
        case NODE_SECTION:
        case NODE_INVERTED:
          {
            Scope scope = { NULL, NULL };

            v = resolve_scoped (node, scopes, &prefix);
            qualified = qualify (node, prefix, keep);
            g_ptr_array_add (open, (gpointer) qualified);
            if (dead_depth > 0
                || (node->path != NULL
                    && (node->type == NODE_SECTION) != dl_mustache_value_is_truthy (v)))
              dead_depth++;
            /* inside {{#sponsor}}, names are the sponsor's first */
            if (dead_depth == 0 && node->type == NODE_SECTION && v != NULL &&
                v->type == DL_MUSTACHE_VALUE_MAP)
              {
                scope.map = v;
                scope.qualified = qualified;
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
          v = resolve_scoped (node, scopes, &prefix);
          if (v == NULL || !value_is_empty (v))
            break;
          qualified = qualify (node, prefix, keep);
          if (has_inverted (self, node->name) || has_inverted (self, qualified))
            break;
          for (guint j = 0; j < open->len && !guarded; j++)
            guarded = strcmp (open->pdata[j], node->name) == 0 || strcmp (open->pdata[j], qualified) == 0;
          if (guarded)
            break;
          if (!g_ptr_array_find_with_equal_func (found, qualified, g_str_equal, NULL))
            g_ptr_array_add (found, g_strdup (qualified));
          break;

        case NODE_TEXT:
        default:
          break;
        }
    }

  g_ptr_array_add (found, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}

/* dl-mustache-value.c — the values a template is rendered with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline-mustache"

#include "config.h"

#include <string.h>

#include "dl-mustache-private.h"

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

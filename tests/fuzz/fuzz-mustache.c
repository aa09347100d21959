/* fuzz-mustache.c — the letter template engine against arbitrary input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built two ways.  With clang and -fsanitize=fuzzer (see
 * run-fuzz-mustache.sh) libFuzzer drives LLVMFuzzerTestOneInput.  Built
 * plainly (the meson test "fuzz-mustache-replay") a small main() replays
 * every file of the corpus folders given on the command line, so each
 * case found once stays a regression test.
 *
 * Each input is a template: parsed, checked and rendered in both modes,
 * strict and lenient, against the letter fields plus a list, so
 * sections, inverted sections and the implicit iterator all run.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dl-letter-fields.h"

static DlMustacheValue *
make_context (void)
{
  DlMustacheValue *ctx = dl_letter_context_new ();
  DlMustacheValue *list = dl_mustache_value_new_list ();

  dl_mustache_map_set_string (ctx, "first_name", "Ann <&> \"Bo\"");
  dl_mustache_map_set_string (ctx, "name", "Ann Example");
  dl_mustache_map_set_string (dl_mustache_map_lookup (ctx, "me"), "phone", "555-0100");
  for (int i = 0; i < 3; i++)
    {
      DlMustacheValue *item = dl_mustache_value_new_map ();

      dl_mustache_map_take (item, "n", dl_mustache_value_new_number (i));
      dl_mustache_map_take (item, "ok", dl_mustache_value_new_boolean (i % 2));
      dl_mustache_list_append (list, item);
    }
  dl_mustache_map_take (ctx, "list", list);
  dl_mustache_map_take (ctx, "a", dl_mustache_value_new_list ());
  dl_mustache_map_take (ctx, "nothing", dl_mustache_value_new_null ());
  return ctx;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static DlMustacheValue *ctx;
  g_autoptr(DlMustache) tmpl = NULL;
  g_autoptr(GError) error = NULL;
  DlMustacheLocation where = { 0 };

  if (ctx == NULL)
    ctx = make_context ();

  tmpl = dl_mustache_parse ((const char *) data, size, &where, &error);
  if (tmpl == NULL)
    {
      /* Every refusal says where, inside the text. */
      g_assert (error != NULL && error->domain == DL_MUSTACHE_ERROR);
      g_assert (where.line >= 1 && where.column >= 1);
      return 0;
    }

  for (int mode = DL_MUSTACHE_PLAIN; mode <= DL_MUSTACHE_HTML; mode++)
    for (int strict = 0; strict <= 1; strict++)
      {
        g_autofree char *out = NULL;

        g_clear_error (&error);
        out = dl_mustache_render_to_string (tmpl, ctx, mode, strict, &where, &error);
        g_assert ((out == NULL) == (error != NULL));
        if (out != NULL)
          g_assert (g_utf8_validate (out, -1, NULL));
      }

  g_clear_error (&error);
  if (!dl_mustache_check_names (tmpl, ctx, &where, &error))
    g_assert (where.line >= 1);
  g_strfreev (dl_mustache_find_unguarded_empty (tmpl, ctx));

  /* The letter path as the app uses it, the input as both parts. */
  if (size < 64 * 1024)
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autoptr(DlLetterTemplate) letter = NULL;

      g_clear_error (&error);
      letter = dl_letter_template_new (text, text, NULL, NULL, &error);
      if (letter != NULL)
        {
          g_autofree char *s = NULL, *b = NULL;

          if (dl_letter_template_render (letter, ctx, &s, &b, NULL))
            g_assert (strchr (s, '\n') == NULL);
        }
    }

  return 0;
}

#ifndef DL_FUZZ_LIBFUZZER
static guint
replay_path (const char *path)
{
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        n += replay_path (names->pdata[i]);
      return n;
    }

  {
    g_autofree char *contents = NULL;
    gsize len = 0;
    g_autoptr(GError) error = NULL;

    if (!g_file_get_contents (path, &contents, &len, &error))
      g_error ("%s", error->message);
    LLVMFuzzerTestOneInput ((const uint8_t *) contents, len);
  }
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  /* TAP, so meson shows it as one test. */
  printf ("1..1\n");
  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);
  if (n == 0)
    {
      printf ("not ok 1 - no corpus files found\n");
      return 1;
    }
  printf ("ok 1 - replayed %u inputs\n", n);
  return 0;
}
#endif

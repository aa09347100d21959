/* bench-letters.c — one letter for every member of a large group
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * usage: bench-letters [RECIPIENTS]   (default 10000; target 100 ms)
 * Renders the default welcome letter, padded to 2 KB, for each recipient
 * with their own fields, best of five.  Filling a context is timed
 * separately: it is the store's reading, not the engine.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dl-letter-fields.h"

#define TARGET_SECONDS 0.100

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contexts = g_ptr_array_new_with_free_func ((GDestroyNotify) dl_mustache_value_free);
  g_autoptr(GString) body = NULL;
  g_autoptr(DlLetterTemplate) letter = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const DlLetterDefault *welcome = dl_letter_default_lookup ("welcome");
  guint64 n = 10000;
  double best = G_MAXDOUBLE, fill;
  gsize total = 0;

  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, 10000000, &n, &error))
    {
      fprintf (stderr, "bench-letters: %s\n", error->message);
      return 2;
    }

  body = g_string_new (welcome->body);
  while (body->len < 2048)
    g_string_append (body, "P.S. {{#me.phone}}Call {{me.phone}}.{{/me.phone}} "
                           "Say hi to {{sponsor.first_name}}{{^sponsor.first_name}}everyone{{/sponsor.first_name}}.\n");
  g_string_truncate (body, 2048);
  /* Cut at a line end so no tag is broken. */
  g_string_truncate (body, strrchr (body->str, '\n') - body->str + 1);

  letter = dl_letter_template_new (welcome->subject, body->str, NULL, NULL, &error);
  if (letter == NULL)
    {
      fprintf (stderr, "bench-letters: %s\n", error->message);
      return 1;
    }

  g_timer_start (timer);
  for (guint i = 0; i < n; i++)
    {
      DlMustacheValue *ctx = dl_letter_context_new ();
      DlMustacheValue *me = dl_mustache_map_lookup (ctx, "me");
      DlMustacheValue *sponsor = dl_mustache_map_lookup (ctx, "sponsor");
      char buf[64];

      g_snprintf (buf, sizeof buf, "Member%u", i);
      dl_mustache_map_set_string (ctx, "first_name", buf);
      dl_mustache_map_set_string (ctx, "name", buf);
      g_snprintf (buf, sizeof buf, "M-%06u", i);
      dl_mustache_map_set_string (ctx, "member_number", i % 3 ? buf : "");
      dl_mustache_map_set_string (sponsor, "first_name", i % 2 ? "Bea" : "");
      dl_mustache_map_set_string (me, "name", "Ana Pereira");
      dl_mustache_map_set_string (me, "email", "ana@example.org");
      dl_mustache_map_set_string (me, "phone", "+34 600 111 222");
      dl_mustache_map_set_string (me, "company", "Green Leaf");
      g_ptr_array_add (contexts, ctx);
    }
  fill = g_timer_elapsed (timer, NULL);

  for (int round = 0; round < 5; round++)
    {
      double t;

      total = 0;
      g_timer_start (timer);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *subject = NULL;
          g_autofree char *text = NULL;

          if (!dl_letter_template_render (letter, contexts->pdata[i], &subject, &text, &error))
            {
              fprintf (stderr, "bench-letters: %s\n", error->message);
              return 1;
            }
          total += strlen (subject) + strlen (text);
        }
      t = g_timer_elapsed (timer, NULL);
      best = MIN (best, t);
    }

  printf ("bench-letters: %zu-byte template, %" G_GUINT64_FORMAT " recipients: "
          "render %.1f ms (best of 5; target %.0f ms), %.1f MB of letters; "
          "filling the contexts %.1f ms\n",
          body->len, n, best * 1000, TARGET_SECONDS * 1000, total / 1e6, fill * 1000);

  return best <= TARGET_SECONDS * n / 10000.0 ? 0 : 1;
}

/* test-string-set.c — the compact set of member numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-string-set.h"

/* Numbers in, each once, found again after the table has grown many
 * times; numbers never added are not found, whatever their hash. */
static void
test_add_and_find (void)
{
  g_autoptr(DlStringSet) set = dl_string_set_new ();
  const guint n = 50000;

  g_assert_cmpuint (dl_string_set_get_size (set), ==, 0);
  g_assert_false (dl_string_set_contains (set, "1"));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", 1000000 + 2 * i);

      guint index = G_MAXUINT;

      g_assert_true (dl_string_set_add (set, number, &index));
      g_assert_cmpuint (index, ==, i);
    }
  g_assert_cmpuint (dl_string_set_get_size (set), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *even = g_strdup_printf ("%u", 1000000 + 2 * i);
      g_autofree char *odd = g_strdup_printf ("%u", 1000000 + 2 * i + 1);
      guint index = G_MAXUINT;

      g_assert_true (dl_string_set_find (set, even, &index));
      g_assert_cmpuint (index, ==, i);
      g_assert_cmpstr (dl_string_set_get (set, index), ==, even);
      g_assert_false (dl_string_set_contains (set, odd));
      /* a second time: not added again, and its number said */
      index = G_MAXUINT;
      g_assert_false (dl_string_set_add (set, even, &index));
      g_assert_cmpuint (index, ==, i);
    }
  g_assert_cmpuint (dl_string_set_get_size (set), ==, n);
  g_assert_false (dl_string_set_contains (set, ""));
  g_assert_false (dl_string_set_contains (set, "01000000"));
}

/* Every string comes back by its number, in the order it went in, the
 * empty string and other texts among them. */
static void
test_every_string (void)
{
  const char *const texts[] = { "900057-US", "", "900057-CA", "A-12", "0300", "300", "Zoë" };
  g_autoptr(DlStringSet) set = dl_string_set_new ();

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_true (dl_string_set_add (set, texts[i], NULL));
  g_assert_false (dl_string_set_add (set, "300", NULL));
  g_assert_true (dl_string_set_contains (set, ""));

  g_assert_cmpuint (dl_string_set_get_size (set), ==, G_N_ELEMENTS (texts));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    g_assert_cmpstr (dl_string_set_get (set, i), ==, texts[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/string-set/add-and-find", test_add_and_find);
  g_test_add_func ("/string-set/every-string", test_every_string);

  return g_test_run ();
}

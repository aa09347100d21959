/* test-validate.c — what people type: names, email and web addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dl-name.h"
#include "dl-validate.h"

static void
test_name (void)
{
  static const struct { const char *first, *last; gboolean ok; } cases[] = {
    { "Ana", "", TRUE },
    { "", "Okafor", TRUE },
    { NULL, "Okafor", TRUE },
    { "Ana", NULL, TRUE },
    { "", "", FALSE },
    { NULL, NULL, FALSE },
    { "   ", "\t", FALSE },
    { "\u00a0", "", FALSE },     /* a no-break space is still blank */
    { "Zoë", "", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = dl_validate_name (cases[i].first, cases[i].last, &error);

      g_test_message ("case %u: “%s” “%s”", i, cases[i].first, cases[i].last);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_NAME);
    }
}

static void
test_email (void)
{
  static const struct { const char *email; gboolean ok; } cases[] = {
    { "", TRUE },
    { NULL, TRUE },
    { "ana@example.com", TRUE },
    { "ana.b+team@mail.example.co.uk", TRUE },
    { "josé@correo.example.es", TRUE },
    { "ana", FALSE },
    { "ana@", FALSE },
    { "@example.com", FALSE },
    { "ana@example", FALSE },
    { "ana@@example.com", FALSE },
    { "ana@exa mple.com", FALSE },
    { "ana@example..com", FALSE },
    { "ana@.example.com", FALSE },
    { "Ana <ana@example.com>", FALSE },
    { "ana@example.com,ben@example.com", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = dl_validate_email (cases[i].email, &error);

      g_test_message ("case %u: “%s”", i, cases[i].email);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_EMAIL);
          /* the message quotes what was typed, so the person sees which field */
          g_assert_nonnull (strstr (error->message, cases[i].email));
        }
    }
}

static void
test_website (void)
{
  static const struct { const char *website; gboolean ok; } cases[] = {
    { "", TRUE },
    { "example.com", TRUE },
    { "www.example.com/join", TRUE },
    { "https://example.com", TRUE },
    { "HTTP://example.com:8080/a?b#c", TRUE },
    { "https://", FALSE },
    { "example", FALSE },
    { "not a website", FALSE },
    { "ftp//example.com", FALSE },
    { "https://exa mple.com", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = dl_validate_website (cases[i].website, &error);

      g_test_message ("case %u: “%s”", i, cases[i].website);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_WEBSITE);
    }
}

static void
test_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fits = g_strnfill (DL_VALIDATE_MAX_FIELD, 'a');
  g_autofree char *too_long = g_strnfill (DL_VALIDATE_MAX_FIELD + 1, 'a');
  GString *accents = g_string_new (NULL);

  /* the limit counts characters, not bytes */
  for (guint i = 0; i < DL_VALIDATE_MAX_FIELD; i++)
    g_string_append (accents, "é");

  g_assert_true (dl_validate_length ("Notes", NULL, &error));
  g_assert_true (dl_validate_length ("Notes", fits, &error));
  g_assert_true (dl_validate_length ("Notes", accents->str, &error));
  g_assert_no_error (error);
  g_assert_false (dl_validate_length ("Notes", too_long, &error));
  g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "Notes"));
  g_string_free (accents, TRUE);
}

static void
test_phone (void)
{
  static const struct { const char *phone; gboolean ok; } cases[] = {
    { "", TRUE }, { "+34 600 123 456", TRUE }, { "(555) 010-2030", TRUE }, { "555.0101", TRUE },
    { "call me", FALSE }, { "555-12ab", FALSE }, { "12", FALSE }, { "+ -", FALSE },
    /* extensions are part of the number */
    { "+1-555-0100;ext=102", TRUE }, { "555 0100 x123", TRUE }, { "555 0100x 12", TRUE },
    { "(555) 010-2030 ext. 7", TRUE }, { "555 0100 ext 7", TRUE },
    { "555 0100 x", FALSE }, { "555 0100 x12a", FALSE }, { "x123", FALSE }, { "12 x345", FALSE },
    { "555 0100 exit", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = dl_validate_phone (cases[i].phone, &error);

      g_test_message ("“%s”", cases[i].phone);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_PHONE);
    }
}

/* One rule for a whole name, wherever it comes from (dl-name.h). */
static void
test_name_split (void)
{
  static const struct { const char *full, *first, *last; } cases[] = {
    { "Ana María Ruiz", "Ana", "María Ruiz" },
    { "  Ana \t María\u00a0 Ruiz  ", "Ana", "María Ruiz" },   /* tabs, a no-break space */
    { "Ruiz García, Ana María", "Ana María", "Ruiz García" },
    { "Ruiz,Ana", "Ana", "Ruiz" },
    { "García,", "García", "" },
    { "Zoë", "Zoë", "" },
    { "", "", "" },
    { "   ", "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;

      dl_name_split (cases[i].full, &first, &last);
      g_assert_cmpstr (first, ==, cases[i].first);
      g_assert_cmpstr (last, ==, cases[i].last);
    }
}

/* A date typed as year-month-day, and nothing else. */
static void
test_date (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dl_validate_date (" 2026-03-14 ", &error), ==, dl_day_from_ymd (2026, 3, 14));
  g_assert_no_error (error);
  g_assert_cmpint (dl_validate_date ("2026-02-29", &error), ==, DL_DAY_NONE);
  g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_DATE);
  g_clear_error (&error);
  g_assert_cmpint (dl_validate_date ("14/03/2026", &error), ==, DL_DAY_NONE);
  g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_DATE);
  g_clear_error (&error);
  g_assert_cmpint (dl_validate_date ("2026-03-14T10:00:00", &error), ==, DL_DAY_NONE);
  g_assert_error (error, DL_VALIDATE_ERROR, DL_VALIDATE_ERROR_DATE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/validate/name", test_name);
  g_test_add_func ("/validate/email", test_email);
  g_test_add_func ("/validate/website", test_website);
  g_test_add_func ("/validate/length", test_length);
  g_test_add_func ("/validate/phone", test_phone);
  g_test_add_func ("/validate/name-split", test_name_split);
  g_test_add_func ("/validate/date", test_date);

  return g_test_run ();
}

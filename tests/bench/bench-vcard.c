/* bench-vcard.c — phone contacts in bulk: parsing and the import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-vcard [CARDS...]
 *
 * For each count (default 10,000, 100,000 and 200,000) writes a .vcf of
 * that many cards the way phones export them (folded lines, a
 * quoted-printable name with a soft break, a few phones and e-mails,
 * a Latin-1 card now and then), then times the parse and the import
 * into a fresh database and prints cards per second.  The cost per card
 * must stay flat: exits non-zero when the largest count runs at less
 * than 1/1.5 of the smallest count's rate.
 */

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "dl-store-import.h"
#include "dl-vcard.h"

#define MAX_SLOWDOWN 1.5

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static GString *
make_file (guint n)
{
  static const char *const first[] = { "María", "José", "Ana", "Luis", "Grace", "Tom", "Priya", "Chen" };
  static const char *const last[] = { "García", "Okafor", "Nair", "Dubois", "Martínez López", "Rossi" };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      const char *f = first[i % G_N_ELEMENTS (first)];
      const char *l = last[(i / G_N_ELEMENTS (first)) % G_N_ELEMENTS (last)];

      g_string_append (out, "BEGIN:VCARD\r\nVERSION:2.1\r\n");
      if (i % 10 == 3)
        /* a quoted-printable name with a soft line break */
        g_string_append_printf (out, "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:%s%u;=\r\nJos=C3=A9\r\n", l, i);
      else if (i % 10 == 7)
        /* a Latin-1 card in a UTF-8 file */
        g_string_append_printf (out, "N;CHARSET=ISO-8859-1:M\xfcller%u;J\xfcrgen\r\n", i);
      else
        g_string_append_printf (out, "N:%s%u;%s;;;\r\n", l, i, f);
      g_string_append_printf (out, "FN:%s %s%u\r\n", f, l, i);
      g_string_append_printf (out, "TEL;TYPE=CELL,PREF:+34 600 %06u\r\n", i);
      g_string_append_printf (out, "TEL;TYPE=WORK:+34 910 %06u;ext=12\r\n", i);
      g_string_append_printf (out, "EMAIL;TYPE=INTERNET:person%u@example.org\r\n", i);
      g_string_append (out, "NOTE:Met at the spring fair\\, asked about the starter kit and would like a \r\n"
                            " call back in the evening after the children are in bed\\, not on weekend\r\n"
                            " s please.\r\n");
      g_string_append (out, "END:VCARD\r\n");
    }
  return out;
}

int
main (int   argc,
      char *argv[])
{
  guint defaults[] = { 10000, 100000, 200000 };
  guint n_counts = argc > 1 ? (guint) argc - 1 : G_N_ELEMENTS (defaults);
  g_autofree double *rates = g_new0 (double, n_counts);
  g_autofree char *dir = g_dir_make_tmp ("downline-bench-vcard-XXXXXX", NULL);
  int status = 0;

  g_assert (dir != NULL);
  for (guint c = 0; c < n_counts; c++)
    {
      guint n = argc > 1 ? (guint) atoi (argv[c + 1]) : defaults[c];
      g_autoptr(GString) file = make_file (n);
      g_autofree char *db = g_strdup_printf ("%s/bench-%u.db", dir, n);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) cards = NULL;
      g_autoptr(DlStore) store = NULL;
      DlVCardReport report = { 0 };
      gint64 start;
      double parse, import;

      start = g_get_monotonic_time ();
      cards = dl_vcard_parse (file->str, file->len);
      parse = seconds_since (start);
      if (cards->len != n)
        {
          fprintf (stderr, "%u cards read of %u\n", cards->len, n);
          status = 1;
        }

      store = dl_store_open (db, &error);
      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      if (!dl_store_import_vcards (store, cards, &report, &error))
        {
          fprintf (stderr, "import failed: %s\n", error->message);
          status = 1;
        }
      import = seconds_since (start);
      rates[c] = n / (parse + import);
      printf ("%7u cards (%5.1f MB): parse %6.2f s, import %6.2f s, %8.0f cards/s (%u added)\n",
              n, file->len / 1e6, parse, import, rates[c], report.n_added);
      dl_vcard_report_clear (&report);
      g_clear_object (&store);
      g_unlink (db);
      {
        g_autofree char *wal = g_strconcat (db, "-wal", NULL);
        g_autofree char *shm = g_strconcat (db, "-shm", NULL);

        g_unlink (wal);
        g_unlink (shm);
      }
    }
  g_rmdir (dir);

  if (n_counts > 1 && rates[n_counts - 1] * MAX_SLOWDOWN < rates[0])
    {
      printf ("FAIL: %.0f cards/s at the largest count, %.0f at the smallest (more than %.1f× slower)\n",
              rates[n_counts - 1], rates[0], MAX_SLOWDOWN);
      status = 1;
    }
  return status;
}

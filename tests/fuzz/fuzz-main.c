/* fuzz-main.c — a driver for the fuzz targets without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   fuzz-X [--seconds N] [--seed S] CORPUS_DIR_OR_FILE...
 *
 * Runs every corpus file through LLVMFuzzerTestOneInput, then mutates
 * them (bit flips, byte insertions and deletions, spliced halves,
 * interesting bytes such as quotes, delimiters, newlines and BOMs) until
 * N seconds (default 10) have passed.  Built with ASan and UBSan, a
 * crash, a failed assertion or a report ends the run with a non-zero
 * status and the input that caused it in crash-<pid>.bin in the current
 * folder.  The same
 * target files also link with clang -fsanitize=fuzzer for a real
 * coverage-guided run.
 */

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static GPtrArray *corpus;
static GByteArray *current;

static void
save_current (void)
{
  g_autofree char *name = g_strdup_printf ("crash-%d.bin", (int) getpid ());

  if (current != NULL)
    g_file_set_contents (name, (const char *) current->data, current->len, NULL);
}

/* A failed g_assert or an ASan report with abort_on_error ends in
 * abort (), which runs no atexit handler: the input is written from the
 * signal handler, with async-signal-safe calls only, before the signal
 * takes its course. */
static char crash_name[64];

static void
on_crash_signal (int signum)
{
  if (current != NULL)
    {
      int fd = open (crash_name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

      if (fd >= 0)
        {
          gsize done = 0;

          while (done < current->len)
            {
              ssize_t n = write (fd, current->data + done, current->len - done);

              if (n <= 0)
                break;
              done += (gsize) n;
            }
          close (fd);
        }
      current = NULL;
    }
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
add_path (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          add_path (child);
        }
      return;
    }

  {
    char *contents = NULL;
    gsize length = 0;

    if (g_file_get_contents (path, &contents, &length, NULL))
      g_ptr_array_add (corpus, g_bytes_new_take (contents, length));
  }
}

static void
mutate (GRand      *rand,
        GByteArray *buf)
{
  static const char *const tokens[] = {
    "\"", ",", ";", "\t", "\n", "\r\n", "\r", "\"\"", "\xEF\xBB\xBF", "\xFF\xFE", "\xFE\xFF",
    "\\", "\\n", "\\,", ":", "=", "=C3", "BEGIN:VCARD\r\n", "END:VCARD\r\n", " ", "\0",
    "31/12/2023", "45356", "2024-02-30", "\xC3", "\xE2\x82", "\x80",
  };
  guint n = (guint) g_rand_int_range (rand, 1, 8);

  for (guint i = 0; i < n; i++)
    {
      guint len = buf->len;
      guint pos = len > 0 ? (guint) g_rand_int_range (rand, 0, (gint32) len) : 0;

      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:
          if (len > 0)
            buf->data[pos] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
          break;
        case 1:
          if (len > 0)
            buf->data[pos] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 2:
          {
            const char *t = tokens[g_rand_int_range (rand, 0, G_N_ELEMENTS (tokens))];
            gsize tl = t[0] == '\0' ? 1 : strlen (t);

            g_byte_array_set_size (buf, len + (guint) tl);
            memmove (buf->data + pos + tl, buf->data + pos, len - pos);
            memcpy (buf->data + pos, t, tl);
          }
          break;
        case 3:
          if (len > 0)
            {
              guint cut = (guint) g_rand_int_range (rand, 1, (gint32) MIN (len - pos, 64) + 1);

              g_byte_array_remove_range (buf, pos, cut);
            }
          break;
        case 4:
          if (len > 0)
            {
              /* repeat a slice */
              guint cut = (guint) g_rand_int_range (rand, 1, (gint32) MIN (len - pos, 256) + 1);
              g_autofree guint8 *slice = g_memdup2 (buf->data + pos, cut);

              g_byte_array_append (buf, slice, cut);
            }
          break;
        default:
          if (corpus->len > 0)
            {
              GBytes *other = corpus->pdata[g_rand_int_range (rand, 0, (gint32) corpus->len)];
              gsize olen = 0;
              const guint8 *odata = g_bytes_get_data (other, &olen);

              g_byte_array_set_size (buf, pos);
              g_byte_array_append (buf, odata + olen / 2, (guint) (olen - olen / 2));
            }
          break;
        }
    }

  /* keep inputs small: the readers are linear, size finds nothing new */
  if (buf->len > 65536)
    g_byte_array_set_size (buf, 65536);
}

int
main (int   argc,
      char *argv[])
{
  double seconds = 10;
  guint32 seed = (guint32) g_get_real_time ();
  g_autoptr(GRand) rand = NULL;
  gint64 end;
  guint64 runs = 0;

  corpus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--seconds") && i + 1 < argc)
        seconds = g_ascii_strtod (argv[++i], NULL);
      else if (g_str_equal (argv[i], "--seed") && i + 1 < argc)
        seed = (guint32) g_ascii_strtoull (argv[++i], NULL, 10);
      else
        add_path (argv[i]);
    }
  if (corpus->len == 0)
    g_ptr_array_add (corpus, g_bytes_new_static ("", 0));

  atexit (save_current);
  g_snprintf (crash_name, sizeof crash_name, "crash-%d.bin", (int) getpid ());
  signal (SIGABRT, on_crash_signal);
  signal (SIGSEGV, on_crash_signal);
  signal (SIGBUS, on_crash_signal);
  signal (SIGFPE, on_crash_signal);
  signal (SIGILL, on_crash_signal);
  rand = g_rand_new_with_seed (seed);
  current = g_byte_array_new ();

  for (guint i = 0; i < corpus->len; i++)
    {
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (corpus->pdata[i], &len);

      g_byte_array_set_size (current, 0);
      g_byte_array_append (current, data, (guint) len);
      LLVMFuzzerTestOneInput (current->data, current->len);
      runs++;
    }

  end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  while (g_get_monotonic_time () < end)
    {
      GBytes *base = corpus->pdata[g_rand_int_range (rand, 0, (gint32) corpus->len)];
      gsize len = 0;
      const guint8 *data = g_bytes_get_data (base, &len);

      g_byte_array_set_size (current, 0);
      g_byte_array_append (current, data, (guint) len);
      for (guint k = 0; k < 16; k++)
        {
          mutate (rand, current);
          LLVMFuzzerTestOneInput (current->data, current->len);
          runs++;
        }
    }

  g_byte_array_unref (current);
  current = NULL;
  fprintf (stderr, "%s: %" G_GUINT64_FORMAT " inputs, seed %u, no crash\n", argv[0], runs, seed);
  return 0;
}

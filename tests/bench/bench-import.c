/* bench-import.c — a million-row back-office export, read, checked and
 * written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-import [--countries | --months] [ROWS]
 *
 * Writes a CSV export of ROWS members (default a million) the way a back
 * office does (semicolons, day/month/year dates, quoted names, a BOM),
 * then times each step of a full import into a fresh database: reading
 * and splitting, the column mapping and date order, validation (numbers,
 * names, dates, statuses, duplicates, sponsors, cycles), and the
 * one-transaction write, which works out the plan of changes first as
 * the command line has it (the assistant shows a plan of its own
 * before the person chooses to import, and then waits for the write).  Target: 10 s in all for a
 * million rows; exits non-zero when over it.  Then, not in the total,
 * the store's next commit, as a change made in the window right after
 * the import (SQLite may fold the import's log into the file inside
 * it).
 *
 * With --countries, two months of an export that numbers members per
 * country (Mannatech's): a Country column written "US", "us" or "U.S.",
 * and 1 number in 20 turning up in a second country in
 * the second month, when its member gains the country ("57-US") by
 * their name.  The first month goes into a fresh database, the second
 * is the re-import, where every member already there is matched; each
 * is timed, and each has the target.
 *
 * With --months, the issue's own case: two months of an export with
 * every column a back office gives (enroller and placement, join date,
 * rank and paid rank, status, PV, GV, autoship and its next date,
 * first and last order), each imported as its month (--period), so the
 * write includes the month's figures and its events against the month
 * before, in the import's one transaction.  Also prints the peak
 * resident memory (target 400 MB, which is 381 MiB).
 *
 * Then the same files through the program itself, a process a file
 * (downline --db DB --import-csv FILE, with --period for the months),
 * into a database of its own: the time from its start to its exit and
 * its peak memory, as a person or a script gets them.  The command
 * does more than the steps above (it opens the file, learns the
 * dropout risk again from the months after the import, records the
 * file, and folds the import's log into the file as it closes), so its
 * time is printed beside the target, not held to it; its memory is.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "dl-store-import.h"
#include "dl-store-periods.h"
#include "dl-store-private.h"

#define DEFAULT_ROWS   1000000
#define TARGET_SECONDS 10.0
#define TARGET_MB      400.0

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

/* Processor seconds this process used so far: on a busy machine the
 * wall-clock figures include waiting for a CPU, these do not. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/* The peak resident memory so far, in MiB (VmHWM; 0 where /proc has
 * none): printed after each step, it says which step the peak is in. */
static double
peak_mb (void)
{
  g_autofree char *status = NULL;
  const char *hwm;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (hwm = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtod (hwm + strlen ("VmHWM:"), NULL) / 1024.0;
}

static void
write_export (const char *path,
              guint       n)
{
  static const char *const first[] = { "María", "José", "Ana", "Luis", "Grace", "Tom", "Priya", "Chen", "Sofía", "Kwame" };
  static const char *const last[] = { "García", "Okafor", "Nair", "Dubois", "Martínez López", "Rossi", "Mensah", "Wei" };
  static const char *const ranks[] = { "Socio", "Bronce", "Plata", "Oro", "Diamante" };
  static const char *const status[] = { "Activo", "Activo", "Activo", "Inactivo", "Baja" };
  FILE *f = fopen (path, "wb");
  GRand *rand = g_rand_new_with_seed (7);

  g_assert (f != NULL);
  fputs ("\xEF\xBB\xBFNº Socio;Patrocinador;Nombre;Apellidos;Fecha de ingreso;Rango;Estado;"
         "Correo electrónico;Teléfono;Último pedido\r\n", f);
  for (guint i = 1; i <= n; i++)
    {
      /* preferential-ish attachment: most sponsors are recent */
      guint sponsor = i == 1 ? 0 : (guint) g_rand_int_range (rand, (gint32) MAX (1, (gint) i - 5000), (gint32) i);
      guint d = (guint) g_rand_int_range (rand, 1, 29);
      guint m = (guint) g_rand_int_range (rand, 1, 13);
      const char *fn = first[g_rand_int_range (rand, 0, G_N_ELEMENTS (first))];
      const char *ln = last[g_rand_int_range (rand, 0, G_N_ELEMENTS (last))];

      fprintf (f, "%u;%s%u;%s;\"%s\";%02u/%02u/20%02u;%s;%s;m%u@example.com;600 %03u %03u;%02u/%02u/2024\r\n",
               1000000 + i, sponsor ? "" : "9", sponsor ? 1000000 + sponsor : 99999, fn, ln,
               d, m, 10 + i % 14, ranks[i % G_N_ELEMENTS (ranks)], status[i % G_N_ELEMENTS (status)],
               i, i / 1000 % 1000, i % 1000, (d + 3) % 28 + 1, m);
    }
  fclose (f);
  g_rand_free (rand);
}

/* The export of a back office that numbers members per country, ROWS
 * members; with second_countries, every 20th number is in Canada too
 * (a member of their own, enrolled by the first).  Everything else is
 * a function of the member, so both months agree on it. */
static void
write_country_export (const char *path,
                      guint       n,
                      gboolean    second_countries)
{
  static const char *const first[] = { "María", "José", "Ana", "Luis", "Grace", "Tom", "Priya", "Chen", "Sofía", "Kwame" };
  static const char *const last[] = { "García", "Okafor", "Nair", "Dubois", "Martínez López", "Rossi", "Mensah", "Wei" };
  static const char *const us[] = { "US", "us", "U.S." };
  static const char *const ranks[] = { "Member", "Bronze", "Silver", "Gold", "Diamond" };
  FILE *f = fopen (path, "wb");

  g_assert (f != NULL);
  fputs ("Account Number,Name,Country,Enroller Acct #,Rank,Status,Join Date,PV\r\n", f);
  for (guint i = 1; i <= n; i++)
    {
      /* most enrollers are recent */
      guint sponsor = i == 1 ? 0 : i - 1 - (guint) ((guint64) i * 7919 % MIN (i - 1, 5000));

      fprintf (f, "%u,\"%s %s\",%s,%s%u,%s,%s,2024-%02u-%02u,%u\r\n",
               1000000 + i, first[i % G_N_ELEMENTS (first)], last[i / 10 % G_N_ELEMENTS (last)],
               us[i % G_N_ELEMENTS (us)], sponsor ? "" : "9", sponsor ? 1000000 + sponsor : 99999,
               ranks[i % G_N_ELEMENTS (ranks)], i % 7 == 0 ? "Inactive" : "Active",
               i % 12 + 1, i % 28 + 1, i % 300);
      if (second_countries && i % 20 == 0)
        fprintf (f, "%u,\"%s %s\",Canada,1000001,Member,Active,2024-06-01,%u\r\n",
                 1000000 + i, last[i % G_N_ELEMENTS (last)], first[i / 10 % G_N_ELEMENTS (first)], i % 50);
    }
  fclose (f);
}

/* A month of an export with every back-office column, ROWS members:
 * month 0 and 1 agree on who is who; the month moves their volume, one
 * in 30 changes paid rank, one in 40 stops their autoship and one in 50
 * becomes inactive. */
static void
write_month_export (const char *path,
                    guint       n,
                    guint       month)
{
  static const char *const first[] = { "María", "José", "Ana", "Luis", "Grace", "Tom", "Priya", "Chen", "Sofía", "Kwame" };
  static const char *const last[] = { "García", "Okafor", "Nair", "Dubois", "Martínez López", "Rossi", "Mensah", "Wei" };
  static const char *const ranks[] = { "Member", "Bronze", "Silver", "Gold", "Diamond" };
  FILE *f = fopen (path, "wb");

  g_assert (f != NULL);
  fputs ("Account Number,Enroller,Placement,Name,Join Date,Rank,Paid Rank,Status,PV,GV,Autoship,"
         "Next Autoship,First Order,Last Order\r\n", f);
  for (guint i = 1; i <= n; i++)
    {
      guint sponsor = i == 1 ? 0 : i - 1 - (guint) ((guint64) i * 7919 % MIN (i - 1, 5000));
      guint placed = i == 1 ? 0 : i - 1 - (guint) ((guint64) i * 104729 % MIN (i - 1, 300));
      gboolean autoship = i % 10 < 7 && !(month > 0 && i % 40 == 0);
      gboolean inactive = i % 9 == 0 || (month > 0 && i % 50 == 0);
      guint pv = (i * 37 + month * 13) % 300;

      fprintf (f, "%u,%s%u,%s%u,\"%s %s\",2024-%02u-%02u,%s,%s,%s,%u,%u,%s,2026-%02u-%02u,2024-%02u-%02u,2026-%02u-%02u\r\n",
               1000000 + i, sponsor ? "" : "9", sponsor ? 1000000 + sponsor : 99999,
               placed ? "" : "9", placed ? 1000000 + placed : 99999,
               first[i % G_N_ELEMENTS (first)], last[i / 10 % G_N_ELEMENTS (last)],
               i % 12 + 1, i % 28 + 1, ranks[i % G_N_ELEMENTS (ranks)], ranks[(i + (month > 0 && i % 30 == 0)) % 3],
               inactive ? "Inactive" : "Active", pv, pv * 4, autoship ? "Y" : "N",
               11 + month, i % 28 + 1, i % 12 + 1, i % 28 + 1, 9 + month, i % 28 + 1);
    }
  fclose (f);
}

typedef struct
{
  double  read, map, validate, write;
  double  m_read, m_validate, m_write;   /* peak MiB after each */
  double  c_read, c_validate, c_write;
  double  next_commit;   /* the store's first commit after the import */
  guint   accepted, rejected, warnings, n_new, n_updated;
  guint   n_figures, n_events;
  char    delimiter;
  DlDateOrder order;
} Figures;

/* Reads, checks, plans and writes the export at csv into store, as the
 * command line does, timing each step. */
static void
import_export (DlStore    *store,
               const char *csv,
               DlPeriod    period,
               Figures    *fig)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(DlStringSet) known = NULL;
  g_autoptr(GHashTable) qualified = NULL;
  DlImportKept kept = { 0, };
  double cpu_step;
  gint64 start;

  cpu_step = cpu_seconds ();
  start = g_get_monotonic_time ();
  table = dl_csv_table_new_from_file (csv, &error);
  g_assert_no_error (error);
  fig->read = seconds_since (start);
  fig->c_read = cpu_seconds () - cpu_step;
  fig->m_read = peak_mb ();
  fig->delimiter = dl_csv_table_get_delimiter (table);

  start = g_get_monotonic_time ();
  mapping = dl_csv_mapping_guess (table);
  fig->order = dl_csv_guess_date_order (table, mapping, NULL, NULL);
  fig->map = seconds_since (start);

  cpu_step = cpu_seconds ();
  start = g_get_monotonic_time ();
  /* as the assistant and the command line do: the numbers already in
   * the database as a set, read once, and those with a country */
  known = dl_store_get_member_numbers (store);
  qualified = dl_import_qualified_index (known);
  result = dl_csv_import_validate_full (table, mapping, fig->order, DL_UNKNOWN_SPONSOR_USER,
                                        dl_import_known_in_set, g_steal_pointer (&known),
                                        (GDestroyNotify) dl_string_set_free,
                                        dl_import_qualified_in_index, g_steal_pointer (&qualified),
                                        (GDestroyNotify) g_hash_table_unref, &error);
  g_assert_no_error (error);
  /* --period, as the command line sets it */
  result->period = period;
  fig->validate = seconds_since (start);
  fig->c_validate = cpu_seconds () - cpu_step;
  fig->m_validate = peak_mb ();
  g_clear_pointer (&table, dl_csv_table_free);

  cpu_step = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!dl_store_import_members (store, result, NULL, NULL, NULL, &kept, &plan, &error))
    g_error ("%s", error->message);
  fig->write = seconds_since (start);
  fig->c_write = cpu_seconds () - cpu_step;
  fig->m_write = peak_mb ();

  /* what the window's next change waits for: a one-row commit on the
   * store's own connection, inside which SQLite may fold the import's
   * log into the file */
  start = g_get_monotonic_time ();
  if (!dl_store_exec (store, "UPDATE person SET city = city WHERE id = (SELECT min (id) FROM person)", &error))
    g_error ("%s", error->message);
  fig->next_commit = seconds_since (start);

  fig->accepted = result->rows->len;
  fig->rejected = result->rejected->len;
  fig->warnings = result->warnings->len;
  fig->n_new = plan->n_new;
  fig->n_updated = plan->n_updated;
  fig->n_figures = kept.n_figures;
  if (period != DL_PERIOD_NONE)
    {
      guint counts[DL_N_EVENTS];

      g_assert_true (dl_store_count_events (store, period, counts, &error));
      fig->n_events = 0;
      for (guint t = 0; t < DL_N_EVENTS; t++)
        fig->n_events += counts[t];
    }
  for (guint i = 0; i < MIN (result->rejected->len, 3); i++)
    printf ("bench-import: rejected line %u: %s\n", g_array_index (result->rejected, DlImportProblem, i).line,
            g_array_index (result->rejected, DlImportProblem, i).reason);
}

/* Prints the figures of one import; TRUE when it is within the target. */
static gboolean
print_figures (const Figures *fig,
               const char    *encoding,
               guint          n,
               double         target)
{
  double total = fig->read + fig->map + fig->validate + fig->write;

  printf ("bench-import: read and split  %6.2f s  (%s, '%c'; %.2f s processor; peak so far %.0f MiB)\n", fig->read,
          encoding, fig->delimiter, fig->c_read, fig->m_read);
  printf ("bench-import: map, date order %6.2f s  (%s)\n", fig->map,
          fig->order == DL_DATE_ORDER_DMY ? "d/m/y" : "other");
  printf ("bench-import: validate        %6.2f s  (%u accepted, %u rejected, %u warnings; %.2f s processor; "
          "peak so far %.0f MiB)\n",
          fig->validate, fig->accepted, fig->rejected, fig->warnings, fig->c_validate, fig->m_validate);
  printf ("bench-import: plan and write %6.2f s  (one transaction; %u new, %u updated; %.2f s processor; "
          "peak so far %.0f MiB)\n",
          fig->write, fig->n_new, fig->n_updated, fig->c_write, fig->m_write);
  if (fig->n_figures > 0)
    printf ("bench-import:   of which the month: %u members' figures and %u events, in the same transaction\n",
            fig->n_figures, fig->n_events);
  printf ("bench-import: total           %6.2f s  (wall clock, as every figure above) for %u rows, target %.1f s: %s\n",
          total, n, target, total <= target ? "OK" : "OVER");
  printf ("bench-import: then the store's next commit %.0f ms (a change in the window right after the import; "
          "not in the total)\n", fig->next_commit * 1000);
  return total <= target && fig->rejected == 0;
}

/* Prints a peak memory in MiB and MB against the target, 400 MB;
 * TRUE when it is within it. */
static gboolean
print_peak (const char *what,
            double      mib)
{
  double mb = mib * 1024 * 1024 / 1e6;

  printf ("%s %.0f MiB (%.0f MB; target %.0f MB): %s\n", what, mib, mb, TARGET_MB, mb <= TARGET_MB ? "OK" : "OVER");
  return mb <= TARGET_MB;
}

/* The program itself on csv into db, as a person or a script runs it:
 * a fresh process, timed from its start to its exit, with its peak
 * memory as the kernel counted it (wait4 ()).  FALSE when it could not
 * run or failed (its messages are not shown: run the command by hand). */
static gboolean
run_program (const char *db,
             const char *csv,
             const char *period,
             double     *seconds,
             double     *peak_mib)
{
  const char *argv[] = { BENCH_PROGRAM, "--db", db, "--import-csv", csv, "--period", period, NULL };
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  gint64 start;
  GPid pid;
  int status;

  if (period == NULL)
    argv[5] = NULL;
  /* the settings as the build tree has them, as the Quick start runs it */
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", FALSE);
  start = g_get_monotonic_time ();
  if (!g_spawn_async (NULL, (char **) argv, env,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &pid, &error))
    {
      printf ("bench-import: could not run %s: %s\n", BENCH_PROGRAM, error->message);
      return FALSE;
    }
  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  *seconds = seconds_since (start);
  *peak_mib = usage.ru_maxrss / 1024.0;
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      printf ("bench-import: %s --db %s --import-csv %s failed (status %d)\n", BENCH_PROGRAM, db, csv, status);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("downline-bench-import-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *csv2 = g_build_filename (dir, "export-2.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(DlStore) store = NULL;
  gboolean countries = argc > 1 && g_str_equal (argv[1], "--countries");
  gboolean months = argc > 1 && g_str_equal (argv[1], "--months");
  const char *rows = argc > 1 + (countries || months) ? argv[1 + (countries || months)] : NULL;
  guint n = rows != NULL ? (guint) strtoul (rows, NULL, 10) : DEFAULT_ROWS;
  double target;
  double cpu_start;
  gboolean ok;
  Figures fig = { 0 };
  gint64 start;
  struct stat st;

  if (n == 0)
    n = DEFAULT_ROWS;
  target = TARGET_SECONDS * n / DEFAULT_ROWS;

  start = g_get_monotonic_time ();
  if (countries)
    {
      write_country_export (csv, n, FALSE);
      write_country_export (csv2, n, TRUE);
    }
  else if (months)
    {
      write_month_export (csv, n, 0);
      write_month_export (csv2, n, 1);
    }
  else
    write_export (csv, n);
  g_stat (csv, &st);
  printf ("bench-import: made a %u-row export%s (%.0f MB) in %.2f s (not counted)\n",
          n, countries ? " with countries, and next month's" : months ? " of every column, and next month's" : "",
          st.st_size / 1e6, seconds_since (start));

  store = dl_store_open (db, &error);
  g_assert_no_error (error);

  cpu_start = cpu_seconds ();
  if (countries)
    printf ("bench-import: month 1, every number in one country, into a fresh database\n");
  if (months)
    printf ("bench-import: October 2026, into a fresh database\n");
  import_export (store, csv, months ? dl_period_from_ym (2026, 10) : DL_PERIOD_NONE, &fig);
  ok = print_figures (&fig, countries || months ? "UTF-8" : "UTF-8 (BOM)", n, target);
  if (countries)
    {
      printf ("bench-import: month 2, the re-import: %u numbers in Canada too, their members gain the country\n",
              n / 20);
      import_export (store, csv2, DL_PERIOD_NONE, &fig);
      ok &= print_figures (&fig, "UTF-8", n, target);
    }
  if (months)
    {
      printf ("bench-import: November 2026, the re-import, with its events against October\n");
      import_export (store, csv2, dl_period_from_ym (2026, 11), &fig);
      ok &= print_figures (&fig, "UTF-8", n, target);
    }
  printf ("bench-import: processor time  %6.2f s  (all steps, all threads: above the total when two cores work, "
          "below it when the process waits)\n",
          cpu_seconds () - cpu_start);
  {
    struct rusage usage;

    getrusage (RUSAGE_SELF, &usage);
    ok &= print_peak ("bench-import: peak resident memory", usage.ru_maxrss / 1024.0);
  }

  /* the program itself, on the same files */
  {
    g_autofree char *db2 = g_build_filename (dir, "program.db", NULL);
    const char *periods[] = { months ? "2026-10" : NULL, months ? "2026-11" : NULL };
    const char *files[] = { csv, csv2 };
    guint n_files = countries || months ? 2 : 1;

    printf ("bench-import: the program itself, a process a file (%s --import-csv):\n", BENCH_PROGRAM);
    for (guint k = 0; k < n_files; k++)
      {
        double seconds, peak;
        g_autofree char *what = NULL;

        if (!run_program (db2, files[k], periods[k], &seconds, &peak))
          {
            ok = FALSE;
            continue;
          }
        what = g_strdup_printf ("bench-import:   %s %6.2f s (from its start to its exit; target %.1f s for the "
                                "import alone), peak", k == 0 ? "first " : "second", seconds, target);
        ok &= print_peak (what, peak);
      }
  }

  g_clear_object (&store);
  {
    const char *rm_argv[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* bench-import.c — a million-row back-office export, read, checked and
 * written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-import [ROWS]
 *
 * Writes a CSV export of ROWS members (default a million) the way a back
 * office does (semicolons, day/month/year dates, quoted names, a BOM),
 * then times each step of a full import into a fresh database: reading
 * and splitting, the column mapping and date order, validation (numbers,
 * names, dates, statuses, duplicates, sponsors, cycles), the plan of
 * changes and the one-transaction write.  Target: 10 s in all for a
 * million rows; exits non-zero when over it.
 */

#include <stdio.h>
#include <stdlib.h>

#include <sys/resource.h>

#include <glib/gstdio.h>

#include "dl-store-import.h"
#include "dl-store-private.h"

#define DEFAULT_ROWS   1000000
#define TARGET_SECONDS 10.0

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("downline-bench-import-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(DlCsvTable) table = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GHashTable) known = NULL;
  guint n = argc > 1 ? (guint) strtoul (argv[1], NULL, 10) : DEFAULT_ROWS;
  double t_read, t_map, t_validate, t_plan, t_write, total;
  double c_read, c_validate, c_write;
  double cpu_start, cpu_step;
  double target = TARGET_SECONDS * n / DEFAULT_ROWS;
  DlDateOrder order;
  gint64 start;
  struct stat st;

  if (n == 0)
    n = DEFAULT_ROWS;

  start = g_get_monotonic_time ();
  write_export (csv, n);
  g_stat (csv, &st);
  printf ("bench-import: made a %u-row export (%.0f MB) in %.2f s (not counted)\n",
          n, st.st_size / 1e6, seconds_since (start));

  store = dl_store_open (db, &error);
  g_assert_no_error (error);

  cpu_start = cpu_step = cpu_seconds ();
  start = g_get_monotonic_time ();
  table = dl_csv_table_new_from_file (csv, &error);
  g_assert_no_error (error);
  t_read = seconds_since (start);
  c_read = cpu_seconds () - cpu_step;

  start = g_get_monotonic_time ();
  mapping = dl_csv_mapping_guess (table);
  order = dl_csv_guess_date_order (table, mapping, NULL, NULL);
  t_map = seconds_since (start);

  cpu_step = cpu_seconds ();
  start = g_get_monotonic_time ();
  /* as the assistant and the command line do: the numbers already in
   * the database as a set, read once */
  known = dl_store_get_member_numbers (store);
  result = dl_csv_import_validate (table, mapping, order, DL_UNKNOWN_SPONSOR_USER,
                                   dl_import_known_in_set, known, &error);
  g_assert_no_error (error);
  t_validate = seconds_since (start);
  c_validate = cpu_seconds () - cpu_step;
  g_clear_pointer (&table, dl_csv_table_free);

  start = g_get_monotonic_time ();
  plan = dl_store_plan_import (store, result, &error);
  g_assert_no_error (error);
  t_plan = seconds_since (start);

  cpu_step = cpu_seconds ();
  start = g_get_monotonic_time ();
  if (!dl_store_import_members (store, result, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  t_write = seconds_since (start);
  c_write = cpu_seconds () - cpu_step;

  total = t_read + t_map + t_validate + t_plan + t_write;
  printf ("bench-import: read and split  %6.2f s  (%s, '%c'; %.2f s processor)\n", t_read,
          "UTF-8 (BOM)", ';', c_read);
  printf ("bench-import: map, date order %6.2f s  (%s)\n", t_map, order == DL_DATE_ORDER_DMY ? "d/m/y" : "other");
  printf ("bench-import: validate        %6.2f s  (%u accepted, %u rejected, %u warnings; %.2f s processor)\n",
          t_validate, result->rows->len, result->rejected->len, result->warnings->len, c_validate);
  printf ("bench-import: plan            %6.2f s  (%u new)\n", t_plan, plan->n_new);
  printf ("bench-import: write           %6.2f s  (one transaction; %.2f s processor)\n", t_write, c_write);
  printf ("bench-import: total           %6.2f s  (wall clock, as every figure above) for %u rows, target %.1f s: %s\n",
          total, n, target, total <= target ? "OK" : "OVER");
  printf ("bench-import: processor time  %6.2f s  (all steps, all threads: above the total when two cores work, "
          "below it when the process waits)\n",
          cpu_seconds () - cpu_start);

  g_clear_object (&store);
  {
    const char *rm_argv[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return total <= target && result->rejected->len == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

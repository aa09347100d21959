/* bench-figures.c — how long the downline table's back-office columns take
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-figures [MEMBERS] [--db PATH]
 *
 * Times dl_store_load_tree_figures_async () (the read the table makes
 * once per tree when it is shown) on a database of MEMBERS sample
 * members, three times, and judges the median.  Without --db, or when
 * PATH does not exist yet, the database is made first; a file without
 * monthly figures (the sample keeps none past 100,000 members) is given
 * a month of them for every member, and first orders and autoship dates
 * for a third, so every pass reads a full month.  Target: 1 s for a
 * million members, and no more than 24 bytes a member.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-store-figures.h"
#include "dl-store-private.h"
#include "dl-store-sample.h"

#define DEFAULT_MEMBERS  1000000
#define TARGET_SECONDS   1.0
#define ROUNDS           3
#define SEED             1

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static void
remove_db (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

/* A month of figures for everyone, when the file has none. */
static gboolean
add_figures (DlStore  *store,
             GError  **error)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (store, "SELECT EXISTS (SELECT 1 FROM period_figures)", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0))
    return TRUE;
  sqlite3_reset (stmt);
  return dl_store_exec (store,
                        "INSERT INTO period_figures (member_id, period, paid_rank, pv, gv, autoship) "
                        "SELECT person_id, '2026-11', nullif (rank, ''), abs (random () % 300), "
                        "       abs (random () % 5000), abs (random () % 2) FROM member;"
                        "UPDATE member SET first_order = joined_on, last_order = date (joined_on, '+40 days'), "
                        "       next_autoship = '2026-12-12' WHERE person_id % 3 = 0;",
                        error);
}

typedef struct
{
  DlTreeFigures *figures;
  GError        *error;
  gboolean       done;
} Result;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->figures = dl_store_load_tree_figures_finish (DL_STORE (source), result, &r->error);
  r->done = TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTree) tree = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_members = DEFAULT_MEMBERS;
  gboolean own_file = FALSE;
  double times[ROUNDS];
  double median;
  gsize bytes = 0;
  DlStore *store;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        path = g_strdup (argv[++i]);
      else
        n_members = (guint) g_ascii_strtoull (argv[i], NULL, 10);
    }

  if (path == NULL)
    {
      dir = g_dir_make_tmp ("downline-bench-XXXXXX", &error);
      if (dir == NULL)
        {
          fprintf (stderr, "bench-figures: %s\n", error->message);
          return 2;
        }
      path = g_build_filename (dir, "figures.downline", NULL);
      own_file = TRUE;
    }

  store = dl_store_open (path, &error);
  if (store != NULL && dl_store_is_empty (store))
    dl_store_fill_sample (store, n_members, SEED, dl_day_today (), NULL, &error);
  if (store == NULL || error != NULL || !add_figures (store, &error)
      || (tree = dl_store_load_tree (store, &error)) == NULL)
    {
      fprintf (stderr, "bench-figures: %s\n", error->message);
      g_clear_object (&store);
      return 2;
    }
  n_members = dl_tree_get_n_nodes (tree);

  for (guint r = 0; r < ROUNDS; r++)
    {
      Result result = { NULL, NULL, FALSE };
      gint64 start = g_get_monotonic_time ();

      dl_store_load_tree_figures_async (store, tree, DL_TREE_KIND_ENROLLMENT, NULL, loaded_cb, &result);
      while (!result.done)
        g_main_context_iteration (NULL, TRUE);
      times[r] = seconds_since (start);
      if (result.figures == NULL)
        {
          fprintf (stderr, "bench-figures: %s\n", result.error->message);
          g_error_free (result.error);
          g_object_unref (store);
          return 2;
        }
      bytes = sizeof (DlMemberFigures) + (result.figures->placed_under != NULL ? sizeof (guint32) : 0);
      dl_tree_figures_free (result.figures);
    }
  g_object_unref (store);

  {
    double sorted[ROUNDS];

    memcpy (sorted, times, sizeof sorted);
    qsort (sorted, ROUNDS, sizeof *sorted, compare_doubles);
    median = sorted[ROUNDS / 2];
  }

  printf ("the table's figures of %u members: %.2f s (target %.1f s), %" G_GSIZE_FORMAT " bytes a member\n",
          n_members, median, TARGET_SECONDS, bytes);
  for (guint r = 0; r < ROUNDS; r++)
    printf ("  round %u: %.2f s\n", r + 1, times[r]);

  if (own_file)
    {
      remove_db (path);
      g_rmdir (dir);
    }

  return median <= TARGET_SECONDS && bytes <= 24 ? 0 : 1;
}

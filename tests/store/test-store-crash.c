/* test-store-crash.c — a writer killed mid-burst loses nothing it
 * reported as committed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process writes transactions as fast as it can and, after each
 * commit returns, writes the new id to a pipe.  The parent kills it with
 * SIGKILL while it is still writing (no chance to clean up), then opens
 * the file as the app would: the integrity check must pass and every id
 * the child reported must be there, with all of its transaction.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dl-store-private.h"
#include "../dl-test-files.h"

/* Rows per transaction: one person and this many log entries, so a kill
 * lands inside a transaction more often than between two. */
#define LOG_PER_PERSON 8

static gboolean
write_all (int         fd,
           const void *data,
           gsize       len)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = write (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      len -= n;
    }

  return TRUE;
}

/* The child: never returns. */
G_GNUC_NORETURN static void
run_writer (const char *path,
            int         fd)
{
  g_autoptr(GError) error = NULL;
  DlStore *store = dl_store_open (path, &error);

  if (store == NULL)
    _exit (2);

  for (guint i = 0; ; i++)
    {
      g_autoptr(DlPerson) draft = dl_person_new ();
      g_autofree char *name = g_strdup_printf ("Burst %u", i);
      gint64 id;

      dl_person_set_first_name (draft, name);
      dl_person_set_notes (draft, "A line of notes long enough to fill pages quickly, "
                                  "so that checkpoints happen during the burst too.");

      if (!dl_store_begin (store, &error))
        _exit (3);
      id = dl_store_insert_person (store, draft, &error);
      for (guint j = 0; id != 0 && j < LOG_PER_PERSON; j++)
        if (dl_store_insert_interaction (store, id, DL_CONTACT_CALL, NULL, name, &error) == 0)
          id = 0;
      if (id == 0 || !dl_store_commit (store, &error))
        _exit (4);

      /* Only now is it promised. */
      if (!write_all (fd, &id, sizeof id))
        _exit (5);
    }
}

/* One burst, killed; then the checks.  Rounds run on the same file, so
 * later rounds start from a file recovered from a kill. */
static void
kill_one_burst (const char *path,
                GArray     *reported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  guint first = reported->len;
  int fds[2];
  pid_t pid;
  int status;
  gint64 id;
  gssize n;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      run_writer (path, fds[1]);
    }
  close (fds[1]);

  /* Let it get well into the burst, then kill it without warning. */
  while (reported->len < first + 100 && (n = read (fds[0], &id, sizeof id)) == sizeof id)
    g_array_append_val (reported, id);
  g_usleep (g_test_rand_int_range (0, 20000));
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);

  /* Whatever it reported before dying was committed. */
  while ((n = read (fds[0], &id, sizeof id)) == sizeof id)
    g_array_append_val (reported, id);
  close (fds[0]);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
  g_test_message ("%u transactions reported committed before the kill",
                  reported->len - first);
  g_assert_cmpuint (reported->len, >=, first + 100);

  store = dl_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  if (store == NULL)
    return;

  {
    sqlite3_stmt *check = dl_store_prepare (store, "PRAGMA integrity_check", NULL);

    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
    sqlite3_reset (check);
  }

  for (guint i = 0; i < reported->len; i++)
    {
      gint64 person_id = g_array_index (reported, gint64, i);
      g_autoptr(DlPerson) person = dl_store_get_person (store, person_id);
      g_autoptr(GListModel) log = dl_store_get_interactions (store, person_id);

      g_assert_nonnull (person);
      g_assert_cmpuint (g_list_model_get_n_items (log), ==, LOG_PER_PERSON);
    }

  /* And no half transaction: every person has the whole log. */
  {
    sqlite3_stmt *partial = dl_store_prepare (store,
                                              "SELECT count(*) FROM person p WHERE "
                                              "(SELECT count(*) FROM interaction i "
                                              "WHERE i.person_id = p.id) <> ?",
                                              NULL);

    sqlite3_bind_int (partial, 1, LOG_PER_PERSON);
    g_assert_cmpint (sqlite3_step (partial), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (partial, 0), ==, 0);
    sqlite3_reset (partial);
  }

}

static void
test_killed_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) reported = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  dir = g_dir_make_tmp ("downline-crash-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "downline.db", NULL);

  /* Created and migrated before the burst, as after a first run. */
  store = dl_store_open (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint round = 0; round < 3; round++)
    kill_one_burst (path, reported);

  dl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/store/crash/killed-writer", test_killed_writer);

  return g_test_run ();
}

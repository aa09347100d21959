/* test-export-cli.c — `downline --export-tree` run as a user would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real executable, headless: a sample database, then the whole tree
 * and one member's group drawn into PNG, SVG and PDF, each read back;
 * and the mistakes a user makes, each with a message and no file.
 */

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-store-private.h"

static char *tmp_dir;

static int
run (const char  *const *args,
     char       **out,
     char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  int status = -1;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (char *) DOWNLINE_BIN);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  /* what is not kept must not reach this test's stdout, which is TAP */
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                               NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
check_png (const char *path,
           int         min_width)
{
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);

  g_assert_cmpuint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), >=, min_width);
  cairo_surface_destroy (png);
}

static void
check_starts (const char *path,
              const char *prefix)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >, strlen (prefix));
  g_assert_true (g_str_has_prefix (data, prefix));
}

static void
test_export_cli (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "shop.db", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "tree.png", NULL);
  g_autofree char *svg = g_build_filename (tmp_dir, "tree.svg", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "tree.pdf", NULL);
  g_autofree char *sub = g_build_filename (tmp_dir, "group.png", NULL);
  g_autofree char *gif = g_build_filename (tmp_dir, "tree.gif", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.db", NULL);
  g_autofree char *number = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL, *err = NULL;

  {
    const char *args[] = { "--db", db, "--sample-data=200", "--seed=4", NULL };

    g_assert_cmpint (run (args, &out, &err), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* A member number with a group of their own, from the database itself. */
  {
    g_autoptr(DlStore) store = dl_store_open (db, &error);
    g_autoptr(DlStmt) stmt = NULL;

    g_assert_no_error (error);
    stmt = dl_store_prepare (store,
                             "SELECT m.member_number FROM member m WHERE m.sponsor_id IS NOT NULL"
                             " AND EXISTS (SELECT 1 FROM member c WHERE c.sponsor_id = m.person_id)"
                             " ORDER BY m.person_id LIMIT 1", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }

  {
    const char *args_png[] = { "--db", db, "--export-tree", png, NULL };
    const char *args_svg[] = { "--db", db, "--export-tree", svg, NULL };
    const char *args_pdf[] = { "--db", db, "--export-tree", pdf, NULL };
    const char *args_sub[] = { "--db", db, "--export-tree", sub, "--root", number, NULL };

    g_assert_cmpint (run (args_png, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "201"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    check_png (png, 320);
    g_assert_cmpint (run (args_svg, NULL, NULL), ==, 0);
    check_starts (svg, "<?xml");
    g_assert_cmpint (run (args_pdf, NULL, NULL), ==, 0);
    check_starts (pdf, "%PDF-");
    g_assert_cmpint (run (args_sub, &out, &err), ==, 0);
    g_assert_null (strstr (out, "201 "));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    check_png (sub, 320);
  }

  /* Mistakes: a clear message, the right status, nothing written. */
  {
    const char *bad_ext[] = { "--db", db, "--export-tree", gif, NULL };
    const char *no_db[] = { "--export-tree", png, NULL };
    const char *missing_db[] = { "--db", missing, "--export-tree", gif, NULL };
    const char *missing_db2[] = { "--db", missing, "--export-tree", png, NULL };
    const char *bad_root[] = { "--db", db, "--export-tree", sub, "--root", "no-such-number", NULL };
    const char *root_alone[] = { "--db", db, "--root", number, NULL };

    g_assert_cmpint (run (bad_ext, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, ".png"));
    g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (no_db, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--db"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (missing_db, NULL, NULL), ==, 2);
    g_assert_cmpint (run (missing_db2, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "missing.db"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* an empty file (a sync not done yet) is not made a database */
    {
      g_autofree char *empty = g_build_filename (tmp_dir, "empty.db", NULL);
      g_autofree char *empty_wal = g_strconcat (empty, "-wal", NULL);
      g_autofree char *empty_shm = g_strconcat (empty, "-shm", NULL);
      const char *empty_db[] = { "--db", empty, "--export-tree", png, NULL };
      g_autofree char *contents = NULL;
      gsize length = 1;

      g_unlink (png);
      g_assert_true (g_file_set_contents (empty, "", 0, NULL));
      g_assert_cmpint (run (empty_db, &out, &err), ==, 1);
      g_assert_nonnull (strstr (err, "empty.db"));
      g_assert_nonnull (strstr (err, "is empty"));
      g_assert_true (g_file_get_contents (empty, &contents, &length, NULL));
      g_assert_cmpuint (length, ==, 0);
      g_assert_false (g_file_test (empty_wal, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (empty_shm, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

    g_unlink (sub);
    g_assert_cmpint (run (bad_root, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "no-such-number"));
    g_assert_false (g_file_test (sub, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run (root_alone, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--export-tree"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
}

/* --fit: the whole tree in the size asked, the legend beside it, and in
 * a PDF every member's name as text (pdftotext reads it back). */
static void
test_export_fit (void)
{
  g_autofree char *db = g_build_filename (tmp_dir, "fit.db", NULL);
  g_autofree char *png = g_build_filename (tmp_dir, "fit.png", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "fit.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  char *out = NULL, *err = NULL;

  {
    const char *args[] = { "--db", db, "--sample-data=300", "--seed=3", NULL };

    g_assert_cmpint (run (args, NULL, NULL), ==, 0);
  }
  {
    g_autoptr(DlStore) store = dl_store_open_full (db, DL_STORE_OPEN_EXISTING, &error);
    g_autoptr(DlStmt) stmt = NULL;

    g_assert_no_error (error);
    stmt = dl_store_prepare (store,
                             "SELECT p.first_name FROM member m JOIN person p ON p.id = m.person_id",
                             &error);
    g_assert_no_error (error);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  }
  g_assert_cmpuint (names->len, ==, 301);

  {
    const char *args_png[] = { "--db", db, "--export-tree", png, "--fit", "800x600", NULL };
    /* ASCII x: under a C locale GOption refuses a non-ASCII value (×) */
    const char *args_pdf[] = { "--db", db, "--export-tree", pdf, "--fit", "1920x1080", NULL };
    cairo_surface_t *surface;

    g_assert_cmpint (run (args_png, &out, &err), ==, 0);
    g_test_message ("%s%s", out, err);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* a picture of the downline holds people's names: owner-only */
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (png, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
    cairo_surface_destroy (surface);

    g_assert_cmpint (run (args_pdf, NULL, NULL), ==, 0);
    check_starts (pdf, "%PDF-");
  }

  /* sizes that are not WxH, or out of 64…20000, are usage errors */
  {
    const char *bad[] = { "63x600", "800x20001", "800x", "x600", "800x600x2", "800 x 600", "-800x600", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        const char *args[] = { "--db", db, "--export-tree", png, "--fit", bad[i], NULL };

        g_test_message ("--fit “%s”", bad[i]);
        g_assert_cmpint (run (args, NULL, NULL), ==, 2);
      }
  }

  /* every first name is in the PDF's text (ellipsized long names keep
   * their first name whole) */
  {
    const char *argv[] = { "pdftotext", pdf, "-", NULL };
    int status = -1;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_cmpint (status, ==, 0);
    for (guint i = 0; text != NULL && i < names->len; i++)
      if (strstr (text, names->pdata[i]) == NULL)
        g_test_fail_printf ("%s is not in the PDF's text", (char *) names->pdata[i]);
  }

  {
    const char *tiny[] = { "--db", db, "--export-tree", png, "--fit", "10x10", NULL };
    const char *words[] = { "--db", db, "--export-tree", png, "--fit", "large", NULL };
    const char *alone[] = { "--db", db, "--fit", "800x600", NULL };

    g_assert_cmpint (run (tiny, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "WxH"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (words, NULL, NULL), ==, 2);
    g_assert_cmpint (run (alone, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--export-tree"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();
  tmp_dir = g_dir_make_tmp ("downline-test-export-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/export-cli/png-svg-pdf-root-and-mistakes", test_export_cli);
  g_test_add_func ("/export-cli/fit", test_export_fit);
  status = g_test_run ();

  dir = g_dir_open (tmp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}

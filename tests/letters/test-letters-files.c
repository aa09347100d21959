/* test-letters-files.c — letters saved to a folder: one file per
 * letter even when names repeat, private to the user
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dl-day.h"
#include "dl-letters-send.h"
#include "dl-store.h"
#include "../dl-test-files.h"

typedef struct
{
  char *dir;
  char *out;
  DlStore *store;
  GArray *ids;
} Fixture;

static gint64
add_member (Fixture    *f,
            const char *first,
            const char *last,
            const char *email,
            const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) p = dl_person_new ();
  g_autoptr(DlMember) m = NULL;
  gint64 id;

  dl_person_set_first_name (p, first);
  dl_person_set_last_name (p, last);
  dl_person_set_email (p, email);
  m = dl_store_add_member (f->store, p, 0, number, dl_day_today (), DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  id = m ? dl_member_get_id (m) : 0;
  g_array_append_val (f->ids, id);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("downline-letters-files-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "downline.db", NULL);
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_test_remove_tree (f->dir);
  g_array_unref (f->ids);
  g_free (f->dir);
  g_free (f->out);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* Three Ana Silvas and a file left from last month: four new files, one
 * per letter, each logged, none over another. */
static void
test_same_names (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) folder = g_file_new_for_path (f->out);
  g_autofree char *old = g_build_filename (f->out, "Ana Silva.eml", NULL);
  g_autofree char *old_text = NULL;
  const char *expected[] = { "Ana Silva (2).eml", "Ana Silva (3).eml", "Bo Berg.eml",
                             "Ana Silva (4).eml" };
  mode_t old_mask = umask (022);

  add_member (f, "Ana", "Silva", "ana1@example.org", "A-1");
  add_member (f, "Ana", "Silva", "ana2@example.org", "A-2");
  add_member (f, "Bo", "Berg", "bo@example.org", "B-1");
  add_member (f, "Ana", "Silva", "ana3@example.org", "A-3");
  g_assert_true (g_file_set_contents (old, "last month", -1, NULL));

  letters = dl_letters_produce (f->store, "Hi {{first_name}}", "Number {{member_number}}",
                                f->ids, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (letters);
  if (letters == NULL)
    return;

  g_assert_true (dl_letters_save_in_folder (f->store, letters, folder, written, names, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 4);
  g_assert_cmpuint (names->len, ==, 4);
  g_assert_cmpuint (count_files (f->out), ==, 5);
  g_assert_true (g_file_get_contents (old, &old_text, NULL, NULL));
  g_assert_cmpstr (old_text, ==, "last month");

  for (guint i = 0; i < names->len && i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_build_filename (f->out, names->pdata[i], NULL);
      g_autofree char *text = NULL;
      const char *number[] = { "A-1", "A-2", "B-1", "A-3" };
      g_autofree char *want = g_strdup_printf ("Number %s", number[i]);
      GStatBuf st;

      g_assert_cmpstr (names->pdata[i], ==, expected[i]);
      g_assert_cmpuint (g_array_index (written, guint, i), ==, i);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_nonnull (text != NULL ? strstr (text, want) : NULL);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  umask (old_mask);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_mode & 0777;
}

/* One letter saved where the save dialog says: owner-only under the
 * usual umask, a new file or one that was readable by everyone. */
static void
test_save_one_private (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autofree char *eml = g_build_filename (f->out, "Ana Silva.eml", NULL);
  g_autofree char *txt = g_build_filename (f->out, "Ana Silva.txt", NULL);
  mode_t old_mask = umask (022);

  add_member (f, "Ana", "Silva", "ana@example.org", "A-1");
  letters = dl_letters_produce (f->store, "Hi {{first_name}}", "Number {{member_number}}",
                                f->ids, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (letters);
  if (letters == NULL)
    {
      umask (old_mask);
      return;
    }

  for (guint k = 0; k < 2; k++)
    {
      const char *path = k == 0 ? eml : txt;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *text = NULL;

      /* a new file */
      g_assert_true (dl_letters_save_one (f->store, letters->pdata[0], file, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (path), ==, 0600);

      /* over a file everyone could read */
      g_assert_true (g_file_set_contents (path, "an old letter", -1, NULL));
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      g_assert_cmpuint (file_mode (path), ==, 0644);
      g_assert_true (dl_letters_save_one (f->store, letters->pdata[0], file, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (file_mode (path), ==, 0600);
      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      g_assert_nonnull (text != NULL ? strstr (text, "Number A-1") : NULL);
      /* an .eml is a message with headers, a .txt the letter alone */
      g_assert_cmpint (text != NULL && strstr (text, "MIME-Version: 1.0") != NULL, ==, k == 0);
    }
  umask (old_mask);
}

/* A name of dots, slashes or nothing still gives a file in the folder. */
static void
test_odd_names (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) letters = NULL;
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFile) folder = g_file_new_for_path (f->out);

  add_member (f, "..", "", "", "D-1");
  add_member (f, "../x", "", "", "D-2");

  letters = dl_letters_produce (f->store, "Hi", "Body", f->ids, NULL, NULL, &error);
  g_assert_no_error (error);
  if (letters == NULL)
    return;
  g_assert_true (dl_letters_save_in_folder (f->store, letters, folder, written, names, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 2);
  if (names->len == 2)
    {
      g_assert_cmpstr (names->pdata[0], ==, "--.eml");
      g_assert_cmpstr (names->pdata[1], ==, "..-x.eml");
    }
  g_assert_cmpuint (count_files (f->out), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add ("/letters/files/same-names", Fixture, NULL, fixture_set_up, test_same_names,
              fixture_tear_down);
  g_test_add ("/letters/files/save-one-private", Fixture, NULL, fixture_set_up, test_save_one_private,
              fixture_tear_down);
  g_test_add ("/letters/files/odd-names", Fixture, NULL, fixture_set_up, test_odd_names,
              fixture_tear_down);

  return g_test_run ();
}

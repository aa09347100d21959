/* dl-test-files.h — temporary folders and file fingerprints for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Removes path and everything below it, making folders writable first
 * (a test may have taken the write bit away); links are removed, never
 * followed. */
static inline void
dl_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  g_chmod (path, 0700);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        dl_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* SHA-256 of the file's bytes: "left byte for byte as it was". */
static inline char *
dl_test_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

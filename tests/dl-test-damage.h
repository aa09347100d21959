/* dl-test-damage.h — damaging a database file the way a disk can
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>
#include <glib/gstdio.h>

/* Junk in the middle of a page deep in the (closed) file at path: the
 * header still reads as SQLite, only the integrity check can tell. */
static inline void
damage_middle_page (const char *path)
{
  GStatBuf st;
  FILE *file;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size / 4096, >, 8);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseeko (file, (st.st_size / 4096 / 2) * 4096 + 16, SEEK_SET), ==, 0);
  for (guint i = 0; i < 512; i++)
    fputc (0x5a ^ (i * 7), file);
  g_assert_cmpint (fclose (file), ==, 0);
}

/* dl-memory.c — fresh blocks of millions of rows, made present at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dl-memory.h"

#ifdef G_OS_UNIX
#include <sys/mman.h>
#include <unistd.h>
#endif

void
dl_memory_ask_huge_pages (gpointer data,
                          gsize    size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const guintptr huge = 2u << 20;
  guintptr start = ((guintptr) data + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) data + size) & ~(huge - 1);

  if (end > start)
    madvise ((gpointer) start, end - start, MADV_HUGEPAGE);
#endif
}

void
dl_memory_make_present (gpointer data,
                        gsize    size)
{
#if defined(G_OS_UNIX) && defined(MADV_POPULATE_WRITE)
  guintptr page = (guintptr) sysconf (_SC_PAGESIZE);
  guintptr from = ((guintptr) data + page - 1) & ~(page - 1);
  guintptr to = ((guintptr) data + size) & ~(page - 1);

  /* the whole pages inside the block alone; an older kernel says
   * EINVAL, and the pages come as they are written */
  if (to > from)
    madvise ((gpointer) from, to - from, MADV_POPULATE_WRITE);
#endif
}

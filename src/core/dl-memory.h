/* dl-memory.h — fresh blocks of millions of rows, made present at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Asks for the whole 2 MiB extents inside [data, data + size) in huge
 * pages, where the system lends them (Linux's transparent huge pages,
 * when set to "madvise"): a block that will be written whole then
 * costs a fault per 2 MiB rather than per 4 KiB.  Only a hint. */
void dl_memory_ask_huge_pages (gpointer data,
                               gsize    size);

/* Makes the pages of [data, data + size) present in one call where the
 * system has one (MADV_POPULATE_WRITE): faulting fresh memory in a
 * page at a time cost more than filling it (115 ms for 32 MB on a
 * virtual machine, 7 ms made present at once).  Only for memory about
 * to be written whole: the pages count as resident from now on.  Only
 * a hint; a page it leaves out is faulted in as ever. */
void dl_memory_make_present (gpointer data,
                             gsize    size);

G_END_DECLS

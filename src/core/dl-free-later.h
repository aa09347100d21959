/* dl-free-later.h — large structures freed off the window's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Calls destroy (data) on a worker thread, soon.  For the last
 * reference to something of a million members: handing its pages back
 * to the system takes milliseconds that the caller, the window's
 * thread, need not wait.  destroy must not touch anything but data. */
void dl_free_later (gpointer       data,
                    GDestroyNotify destroy);

/* Returns once everything handed over so far has been freed (tests,
 * and before measuring memory). */
void dl_free_later_flush (void);

G_END_DECLS

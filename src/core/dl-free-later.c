/* dl-free-later.c — large structures freed off the window's thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One worker, shared: frees come in one at a time (a tree read again
 * after an edit), and a second thread would only compete with the
 * readers for the memory bus.
 */

#include "config.h"

#include "dl-free-later.h"

typedef struct
{
  gpointer       data;
  GDestroyNotify destroy;
} Later;

static GMutex lock;
static GCond done_cond;
static guint pending;
static GThreadPool *pool;

static void
free_cb (gpointer item,
         gpointer user_data)
{
  Later *later = item;

  later->destroy (later->data);
  g_free (later);

  g_mutex_lock (&lock);
  pending--;
  g_cond_broadcast (&done_cond);
  g_mutex_unlock (&lock);
}

void
dl_free_later (gpointer       data,
               GDestroyNotify destroy)
{
  Later *later;

  g_return_if_fail (destroy != NULL);

  if (data == NULL)
    return;

  later = g_new (Later, 1);
  later->data = data;
  later->destroy = destroy;

  g_mutex_lock (&lock);
  if (pool == NULL)
    pool = g_thread_pool_new (free_cb, NULL, 1, FALSE, NULL);
  pending++;
  g_mutex_unlock (&lock);

  /* a non-exclusive pool makes its thread when it is needed; should
   * that fail, the caller frees it, as it would have anyway */
  if (!g_thread_pool_push (pool, later, NULL))
    {
      g_mutex_lock (&lock);
      pending--;
      g_mutex_unlock (&lock);
      destroy (data);
      g_free (later);
    }
}

void
dl_free_later_flush (void)
{
  g_mutex_lock (&lock);
  while (pending > 0)
    g_cond_wait (&done_cond, &lock);
  g_mutex_unlock (&lock);
}

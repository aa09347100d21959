/* dl-store-locks.c — SQLite's file locks, owned by the open file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's unix VFS locks the database and its -shm file with POSIX
 * advisory locks (fcntl F_SETLK).  Those belong to the *process*, and a
 * close() of any descriptor of the file drops every one of them, even a
 * descriptor SQLite never saw: a GTK file chooser that sniffs the
 * database's content type, a thumbnailer, a GIO query.  Another program
 * (the sqlite3 shell) then believes nobody has the file open, checkpoints
 * it and deletes the write-ahead log that Downline is still writing to:
 * the later changes are lost.
 *
 * Linux's open file description locks (F_OFD_SETLK, since 3.15) lock the
 * same byte ranges, conflict with other processes' POSIX locks exactly as
 * POSIX locks do, but belong to the descriptor that took them and are
 * dropped only when that descriptor closes.  SQLite lets an application
 * replace the system calls of its unix VFS (xSetSystemCall), so every
 * lock it takes goes through ofd_fcntl () below, before the first
 * connection opens.
 *
 * Why this and not another way:
 * - the "unix-flock" VFS uses flock(), which does not conflict with the
 *   fcntl() locks every other SQLite program takes: the sqlite3 shell
 *   would see no lock at all and delete the log every time;
 * - PRAGMA locking_mode=EXCLUSIVE keeps every other connection out,
 *   including Downline's own background check, import and backups.
 *
 * Inside the process SQLite shares one lock state per file between all
 * connections and keeps a descriptor open while any connection holds a
 * lock, so the lock taken through one connection's descriptor lives as
 * long as the process uses the file.  The -shm locks all go through one
 * descriptor per process.  Where the kernel knows no OFD locks (EINVAL),
 * the call falls back to the plain POSIX lock, as before.
 */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>

#include <sqlite3.h>
#include <glib.h>

#include "dl-store-private.h"

static int
ofd_fcntl (int fd,
           int cmd,
           ...)
{
  va_list args;
  int ofd_cmd;
  int rc;

  va_start (args, cmd);

  switch (cmd)
    {
    case F_GETLK:
      ofd_cmd = F_OFD_GETLK;
      break;
    case F_SETLK:
      ofd_cmd = F_OFD_SETLK;
      break;
    case F_SETLKW:
      ofd_cmd = F_OFD_SETLKW;
      break;
    default:
      {
        /* SQLite's other fcntl() calls (F_GETFD, F_SETFD) take an int */
        int arg = va_arg (args, int);

        va_end (args);
        return fcntl (fd, cmd, arg);
      }
    }

  {
    struct flock *lock = va_arg (args, struct flock *);

    va_end (args);

    /* OFD requests must say l_pid 0; SQLite leaves it unset */
    lock->l_pid = 0;
    rc = fcntl (fd, ofd_cmd, lock);
    if (rc < 0 && errno == EINVAL)
      rc = fcntl (fd, cmd, lock);
  }

  return rc;
}

static gsize installed;
static gboolean ofd_locks;

void
dl_store_locks_install (void)
{
  if (g_once_init_enter (&installed))
    {
      sqlite3_vfs *vfs;
      int rc = SQLITE_ERROR;

      sqlite3_initialize ();
      vfs = sqlite3_vfs_find ("unix");
      if (vfs != NULL && vfs->iVersion >= 3 && vfs->xSetSystemCall != NULL)
        rc = vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) ofd_fcntl);
      if (rc != SQLITE_OK)
        g_warning ("SQLite's locks could not be tied to the open file (%s); "
                   "a file dialog may drop them", sqlite3_errstr (rc));

      ofd_locks = rc == SQLITE_OK;
      g_once_init_leave (&installed, 1);
    }
}

gboolean
dl_store_locks_installed (void)
{
  dl_store_locks_install ();

  return ofd_locks;
}

/* Before main (): no connection may exist with the old locks, and
 * xSetSystemCall is not safe while another thread opens a file. */
__attribute__((constructor)) static void
install_at_load (void)
{
  dl_store_locks_install ();
}

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
 * connections and counts on every lock of the process being one owner's
 * (a connection may release a lock another one took).  So the locks of
 * one file all go through one descriptor of our own, opened on the first
 * lock of that file and closed when SQLite closes its last descriptor of
 * it: exactly the POSIX semantics SQLite is written for, except that a
 * close () SQLite did not make drops nothing.  The open and close calls
 * of SQLite's VFS are replaced too, to count its descriptors.  Where the
 * kernel knows no OFD locks (EINVAL), the call falls back to the plain
 * POSIX lock, as before.
 */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <glib.h>

#include "dl-store-private.h"

/* A file SQLite has open: its descriptors and the one all its locks
 * go through. */
typedef struct
{
  dev_t dev;
  ino_t ino;
  guint n_open;    /* SQLite's own descriptors of the file */
  int   lock_fd;   /* -1 until the first lock */
} LockedFile;

static GMutex files_lock;
static GArray *files;   /* LockedFile; a handful, searched in order */

static LockedFile *
find_file (dev_t dev,
           ino_t ino,
           guint *index)
{
  for (guint i = 0; files != NULL && i < files->len; i++)
    {
      LockedFile *file = &g_array_index (files, LockedFile, i);

      if (file->dev == dev && file->ino == ino)
        {
          if (index != NULL)
            *index = i;
          return file;
        }
    }

  return NULL;
}

static int
counted_open (const char *path,
              int         flags,
              int         mode)
{
  int fd = open (path, flags, mode);
  struct stat st;

  if (fd < 0 || fstat (fd, &st) != 0)
    return fd;

  g_mutex_lock (&files_lock);
  {
    LockedFile *file = find_file (st.st_dev, st.st_ino, NULL);

    if (file == NULL)
      {
        LockedFile fresh = { st.st_dev, st.st_ino, 0, -1 };

        if (files == NULL)
          files = g_array_new (FALSE, FALSE, sizeof (LockedFile));
        g_array_append_val (files, fresh);
        file = &g_array_index (files, LockedFile, files->len - 1);
      }
    file->n_open++;
  }
  g_mutex_unlock (&files_lock);

  return fd;
}

static int
counted_close (int fd)
{
  struct stat st;
  int lock_fd = -1;

  if (fstat (fd, &st) == 0)
    {
      LockedFile *file;
      guint index;

      g_mutex_lock (&files_lock);
      file = find_file (st.st_dev, st.st_ino, &index);
      if (file != NULL && --file->n_open == 0)
        {
          /* SQLite's last descriptor: as with POSIX locks, the file's
           * locks go with it */
          lock_fd = file->lock_fd;
          g_array_remove_index_fast (files, index);
        }
      g_mutex_unlock (&files_lock);
    }

  if (lock_fd >= 0)
    close (lock_fd);

  return close (fd);
}

/* The descriptor every lock on fd's file goes through: a description of
 * our own, opened for writing where the file allows (a write lock needs
 * it), else shared with fd.  fd itself for a file SQLite did not open. */
static int
lock_fd_for (int fd)
{
  struct stat st;
  LockedFile *file;
  int lock_fd = fd;

  if (fstat (fd, &st) != 0)
    return fd;

  g_mutex_lock (&files_lock);
  file = find_file (st.st_dev, st.st_ino, NULL);
  if (file != NULL)
    {
      if (file->lock_fd < 0)
        {
          char self_path[64];
          struct stat own;

          g_snprintf (self_path, sizeof self_path, "/proc/self/fd/%d", fd);
          file->lock_fd = open (self_path, O_RDWR | O_CLOEXEC | O_NOCTTY);
          if (file->lock_fd >= 0 &&
              (fstat (file->lock_fd, &own) != 0 || own.st_dev != st.st_dev || own.st_ino != st.st_ino))
            {
              close (file->lock_fd);
              file->lock_fd = -1;
            }
          if (file->lock_fd < 0)
            file->lock_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
        }
      if (file->lock_fd >= 0)
        lock_fd = file->lock_fd;
    }
  g_mutex_unlock (&files_lock);

  return lock_fd;
}

static int
ofd_fcntl (int fd,
           int cmd,
           ...)
{
  va_list args;
  int ofd_cmd;
  int lock_fd;
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
    lock_fd = lock_fd_for (fd);
    rc = fcntl (lock_fd, ofd_cmd, lock);
    if (rc < 0 && errno == EINVAL)
      rc = fcntl (fd, cmd, lock);
  }

  return rc;
}

/* A child made by fork () shares our descriptions, so locks through
 * them would be its parent's: it starts with none of its own (the
 * descriptors are close-on-exec; an exec'd child never sees them). */
static void
forget_files_in_child (void)
{
  g_mutex_init (&files_lock);
  if (files == NULL)
    return;
  for (guint i = 0; i < files->len; i++)
    if (g_array_index (files, LockedFile, i).lock_fd >= 0)
      close (g_array_index (files, LockedFile, i).lock_fd);
  g_array_set_size (files, 0);
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

      pthread_atfork (NULL, NULL, forget_files_in_child);
      /* No count of SQLite's memory (nothing reads it): keeping it took
       * a lock shared by every thread on each of SQLite's allocations,
       * a tenth of an import's time on a statement a row (perf).  Only
       * before SQLite starts, so here. */
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      sqlite3_initialize ();
      vfs = sqlite3_vfs_find ("unix");
      if (vfs != NULL && vfs->iVersion >= 3 && vfs->xSetSystemCall != NULL)
        {
          /* all three or none: the locks need the count of descriptors */
          rc = vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) counted_open);
          if (rc == SQLITE_OK)
            rc = vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) counted_close);
          if (rc == SQLITE_OK)
            rc = vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) ofd_fcntl);
          if (rc != SQLITE_OK)
            for (const char *name = vfs->xNextSystemCall (vfs, NULL); name != NULL;
                 name = vfs->xNextSystemCall (vfs, name))
              vfs->xSetSystemCall (vfs, name, NULL);
        }
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

/* dl-clock.c — the one clock of the process: today, now, day change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-clock"

#include "config.h"

#include "dl-clock.h"
#include "dl-day.h"

struct _DlClock
{
  GObject    parent_instance;

  GDateTime *fixed;      /* tests: the time it is; NULL: the real time */
  DlDay      day;        /* the day last seen, for "day-changed" */
  guint      tick;
};

G_DEFINE_FINAL_TYPE (DlClock, dl_clock, G_TYPE_OBJECT)

enum
{
  DAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
look (DlClock *self)
{
  DlDay today = dl_clock_get_today (self);

  if (today == self->day)
    return;
  self->day = today;
  g_signal_emit (self, signals[DAY_CHANGED], 0);
}

static gboolean
tick_cb (gpointer user_data)
{
  look (DL_CLOCK (user_data));
  return G_SOURCE_CONTINUE;
}

static void
dl_clock_finalize (GObject *object)
{
  DlClock *self = DL_CLOCK (object);

  g_clear_handle_id (&self->tick, g_source_remove);
  g_clear_pointer (&self->fixed, g_date_time_unref);

  G_OBJECT_CLASS (dl_clock_parent_class)->finalize (object);
}

static void
dl_clock_class_init (DlClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dl_clock_finalize;

  signals[DAY_CHANGED] = g_signal_new ("day-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
dl_clock_init (DlClock *self)
{
  self->day = dl_day_today ();
  self->tick = g_timeout_add_seconds (60, tick_cb, self);
}

DlClock *
dl_clock_get_default (void)
{
  static DlClock *instance;

  if (g_once_init_enter (&instance))
    g_once_init_leave (&instance, g_object_new (DL_TYPE_CLOCK, NULL));

  return instance;
}

GDateTime *
dl_clock_get_now (DlClock *self)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (DL_IS_CLOCK (self), NULL);

  if (self->fixed != NULL)
    return g_date_time_ref (self->fixed);

  zone = dl_day_local_zone ();
  return g_date_time_new_now (zone);
}

DlDay
dl_clock_get_today (DlClock *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (DL_IS_CLOCK (self), DL_DAY_NONE);

  if (self->fixed == NULL)
    return dl_day_today ();

  now = dl_clock_get_now (self);
  return dl_day_from_date_time (now);
}

void
dl_clock_set_now (DlClock   *self,
                  GDateTime *now)
{
  g_return_if_fail (DL_IS_CLOCK (self));

  g_clear_pointer (&self->fixed, g_date_time_unref);
  if (now != NULL)
    {
      g_autoptr(GTimeZone) zone = dl_day_local_zone ();

      self->fixed = g_date_time_to_timezone (now, zone);
    }
  look (self);
}

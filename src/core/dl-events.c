/* dl-events.c — what changed in the business between two months
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl-events.h"

/* At most this many older months feed the volume average. */
#define VOLUME_MONTHS 3

DlPeriod
dl_period_from_ym (int year,
                   int month)
{
  g_return_val_if_fail (year >= 1 && year <= 9999, DL_PERIOD_NONE);
  g_return_val_if_fail (month >= 1 && month <= 12, DL_PERIOD_NONE);

  return (DlPeriod) (year * 12 + (month - 1));
}

DlPeriod
dl_period_parse (const char *text)
{
  guint64 year, month;
  char *end = NULL;

  if (text == NULL)
    return DL_PERIOD_NONE;

  year = g_ascii_strtoull (text, &end, 10);
  if (end != text + 4 || (*end != '-' && *end != '/'))
    return DL_PERIOD_NONE;
  text = end + 1;
  month = g_ascii_strtoull (text, &end, 10);
  if (end != text + 2 || (*end != '\0' && *end != '-'))
    return DL_PERIOD_NONE;
  if (year < 1 || month < 1 || month > 12)
    return DL_PERIOD_NONE;

  return dl_period_from_ym ((int) year, (int) month);
}

void
dl_period_format (DlPeriod period,
                  char     buf[8])
{
  g_return_if_fail (period != DL_PERIOD_NONE && period >= 12);

  g_snprintf (buf, 8, "%04d-%02d", period / 12, period % 12 + 1);
}

char *
dl_volume_to_string (double volume)
{
  if (isnan (volume))
    return NULL;
  /* in the user's locale: "152,6" where that is how decimals are
   * written, "12,480" where thousands are grouped so */
  return volume == floor (volume) ? g_strdup_printf ("%'.0f", volume) : g_strdup_printf ("%'.1f", volume);
}

static const char *const type_words[DL_N_EVENTS] = {
  [DL_EVENT_JOINED] = "joined",
  [DL_EVENT_BECAME_INACTIVE] = "became-inactive",
  [DL_EVENT_TERMINATED] = "terminated",
  [DL_EVENT_REACTIVATED] = "reactivated",
  [DL_EVENT_RANK_UP] = "rank-up",
  [DL_EVENT_RANK_DOWN] = "rank-down",
  [DL_EVENT_AUTOSHIP_CANCELLED] = "autoship-cancelled",
  [DL_EVENT_AUTOSHIP_STARTED] = "autoship-started",
  [DL_EVENT_VOLUME_DROP] = "volume-drop",
  [DL_EVENT_NO_FIRST_ORDER] = "no-first-order",
};

const char *
dl_event_type_to_string (DlEventType type)
{
  g_return_val_if_fail (type < DL_N_EVENTS, NULL);

  return type_words[type];
}

int
dl_event_type_from_string (const char *word)
{
  for (int i = 0; word != NULL && i < DL_N_EVENTS; i++)
    if (g_str_equal (word, type_words[i]))
      return i;

  return -1;
}

/* Cursor over one sorted month: the figures of member_id, or NULL. */
typedef struct
{
  const DlPeriodFigures *month;
  guint                  next;
} Cursor;

static const DlFigures *
cursor_find (Cursor *cursor,
             gint64  member_id)
{
  const DlPeriodFigures *month = cursor->month;

  while (cursor->next < month->n_figures && month->figures[cursor->next].member_id < member_id)
    cursor->next++;
  if (cursor->next < month->n_figures && month->figures[cursor->next].member_id == member_id)
    return &month->figures[cursor->next];

  return NULL;
}

static void
add (GArray      *events,
     gint64       member_id,
     DlEventType  type,
     guint       *n)
{
  DlEvent event = { member_id, type };

  g_array_append_val (events, event);
  (*n)++;
}

guint
dl_events_compute (const DlPeriodFigures *history,
                   guint                  n_history,
                   GArray                *events)
{
  Cursor cursors[1 + VOLUME_MONTHS];
  guint n_cursors = 0;
  guint n = 0;

  g_return_val_if_fail (history != NULL || n_history == 0, 0);
  g_return_val_if_fail (events != NULL, 0);

  /* only months that follow each other: a gap is not "the month before" */
  for (guint k = 1; k < n_history && n_cursors < G_N_ELEMENTS (cursors); k++)
    {
      if (history[k].period != history[0].period - (DlPeriod) k)
        break;
      cursors[n_cursors].month = &history[k];
      cursors[n_cursors].next = 0;
      n_cursors++;
    }
  if (n_cursors == 0)
    return 0;

  for (guint i = 0; i < history[0].n_figures; i++)
    {
      const DlFigures *now = &history[0].figures[i];
      const DlFigures *before = cursor_find (&cursors[0], now->member_id);
      guint before_index = cursors[0].next;
      double sum = 0;
      guint known = 0;

      g_warn_if_fail (i == 0 || history[0].figures[i - 1].member_id < now->member_id);

      if (before == NULL)
        {
          add (events, now->member_id, DL_EVENT_JOINED, &n);
          continue;
        }

      if (now->status == DL_FIGURE_TERMINATED && before->status != DL_FIGURE_TERMINATED)
        add (events, now->member_id, DL_EVENT_TERMINATED, &n);
      else if (now->status == DL_FIGURE_INACTIVE && before->status == DL_FIGURE_ACTIVE)
        add (events, now->member_id, DL_EVENT_BECAME_INACTIVE, &n);
      else if (now->status == DL_FIGURE_ACTIVE && before->status != DL_FIGURE_ACTIVE)
        add (events, now->member_id, DL_EVENT_REACTIVATED, &n);

      if (now->rank_level >= 0 && before->rank_level >= 0)
        {
          if (now->rank_level > before->rank_level)
            add (events, now->member_id, DL_EVENT_RANK_UP, &n);
          else if (now->rank_level < before->rank_level)
            add (events, now->member_id, DL_EVENT_RANK_DOWN, &n);
        }

      if (now->autoship == 0 && before->autoship == 1)
        add (events, now->member_id, DL_EVENT_AUTOSHIP_CANCELLED, &n);
      else if (now->autoship == 1 && before->autoship == 0)
        add (events, now->member_id, DL_EVENT_AUTOSHIP_STARTED, &n);

      /* the member's own average over the months before; two known
       * months at least, so one odd month is no trend */
      for (guint k = 0; k < n_cursors; k++)
        {
          const DlFigures *old;
          double pv;

          if (k > 0 && cursors[k].month->pv_by_before != NULL)
            pv = cursors[k].month->pv_by_before[before_index];
          else
            {
              old = k == 0 ? before : cursor_find (&cursors[k], now->member_id);
              pv = old != NULL ? old->pv : NAN;
            }
          if (!isnan (pv))
            {
              sum += pv;
              known++;
            }
        }
      /* one who stopped altogether has their own event */
      if (now->status == DL_FIGURE_ACTIVE && !isnan (now->pv) && known >= 2 &&
          sum > 0 && now->pv < sum / known / 2)
        add (events, now->member_id, DL_EVENT_VOLUME_DROP, &n);

      /* joined last month, and a month on still no order of their own:
       * most who never order in their first weeks are gone soon after */
      if (now->status == DL_FIGURE_ACTIVE && now->joined != DL_PERIOD_NONE
          && now->joined == history[0].period - 1
          && !isnan (now->pv) && now->pv <= 0 && (isnan (before->pv) || before->pv <= 0))
        add (events, now->member_id, DL_EVENT_NO_FIRST_ORDER, &n);
    }

  return n;
}

/* Rank ladders differ by company, but most are built from the same
 * words.  Levels leave room between the metals for the modifiers. */
static const struct
{
  const char *word;
  gint16      level;
} rank_words[] = {
  { "member", 10 }, { "miembro", 10 }, { "associate", 10 }, { "asociado", 10 }, { "asociada", 10 },
  { "distributor", 10 }, { "distribuidor", 10 }, { "distribuidora", 10 },
  { "consultant", 10 }, { "consultor", 10 }, { "consultora", 10 }, { "builder", 15 },
  { "bronze", 20 }, { "bronce", 20 },
  { "silver", 30 }, { "plata", 30 },
  { "gold", 40 }, { "oro", 40 },
  { "platinum", 50 }, { "platino", 50 },
  { "ruby", 55 }, { "rubi", 55 }, { "rubí", 55 },
  { "sapphire", 57 }, { "zafiro", 57 },
  { "emerald", 58 }, { "esmeralda", 58 },
  { "diamond", 60 }, { "diamante", 60 },
  { "presidential", 80 }, { "presidencial", 80 },
  { "crown", 85 }, { "corona", 85 },
  { "ambassador", 90 }, { "embajador", 90 },
};

static const struct
{
  const char *word;
  gint16      step;
} rank_modifiers[] = {
  { "senior", 2 }, { "executive", 3 }, { "ejecutivo", 3 }, { "elite", 4 }, { "élite", 4 },
  { "premier", 4 }, { "blue", 5 }, { "azul", 5 }, { "double", 6 }, { "doble", 6 },
  { "triple", 8 },
};

gint16
dl_rank_level (const char *rank)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  gint16 level = -1;
  gint16 extra = 0;

  if (rank == NULL || *rank == '\0')
    return -1;

  folded = g_utf8_strdown (rank, -1);
  g_strdelimit (folded, "-_/.,()", ' ');
  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      for (guint w = 0; w < G_N_ELEMENTS (rank_words); w++)
        if (g_str_equal (words[i], rank_words[w].word))
          level = MAX (level, rank_words[w].level);
      for (guint m = 0; m < G_N_ELEMENTS (rank_modifiers); m++)
        if (g_str_equal (words[i], rank_modifiers[m].word))
          extra += rank_modifiers[m].step;
    }

  return level < 0 ? -1 : level + MIN (extra, 9);
}

char *
dl_event_describe (DlEventType type,
                   DlPeriod    period)
{
  g_autoptr(GDateTime) month = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (type < DL_N_EVENTS, NULL);
  g_return_val_if_fail (period != DL_PERIOD_NONE, NULL);

  month = g_date_time_new_utc (period / 12, period % 12 + 1, 1, 0, 0, 0);
  /* Translators: a month and year, as in "Cancelled autoship in November 2026" */
  name = g_date_time_format (month, _("%B %Y"));

  switch (type)
    {
    case DL_EVENT_JOINED:
      return g_strdup_printf (_("Joined in %s"), name);
    case DL_EVENT_BECAME_INACTIVE:
      return g_strdup_printf (_("Became inactive in %s"), name);
    case DL_EVENT_TERMINATED:
      return g_strdup_printf (_("Left the business in %s"), name);
    case DL_EVENT_REACTIVATED:
      return g_strdup_printf (_("Active again in %s"), name);
    case DL_EVENT_RANK_UP:
      return g_strdup_printf (_("Reached a higher rank in %s"), name);
    case DL_EVENT_RANK_DOWN:
      return g_strdup_printf (_("Was paid at a lower rank in %s"), name);
    case DL_EVENT_AUTOSHIP_CANCELLED:
      return g_strdup_printf (_("Cancelled autoship in %s"), name);
    case DL_EVENT_AUTOSHIP_STARTED:
      return g_strdup_printf (_("Started autoship in %s"), name);
    case DL_EVENT_VOLUME_DROP:
      return g_strdup_printf (_("Volume fell below half of their usual in %s"), name);
    case DL_EVENT_NO_FIRST_ORDER:
      return g_strdup_printf (_("No first order by the end of %s, a month after joining"), name);
    case DL_N_EVENTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dl_event_rank_change (const char *before,
                      const char *after)
{
  if (before == NULL || *before == '\0' || after == NULL || *after == '\0')
    return NULL;
  /* Translators: a paid rank before and after, "Silver → Bronze" */
  return g_strdup_printf (_("%s → %s"), before, after);
}

/* What a member also did, as the end of "Also …". */
static const char *
also_words (DlEventType type)
{
  switch (type)
    {
    case DL_EVENT_JOINED:
      return _("joined this month");
    case DL_EVENT_BECAME_INACTIVE:
      return _("became inactive");
    case DL_EVENT_TERMINATED:
      return _("left the business");
    case DL_EVENT_REACTIVATED:
      return _("became active again");
    case DL_EVENT_RANK_UP:
      return _("reached a higher rank");
    case DL_EVENT_RANK_DOWN:
      return _("dropped a rank");
    case DL_EVENT_AUTOSHIP_CANCELLED:
      return _("cancelled autoship");
    case DL_EVENT_AUTOSHIP_STARTED:
      return _("started autoship");
    case DL_EVENT_VOLUME_DROP:
      return _("ordered less than half their usual volume");
    case DL_EVENT_NO_FIRST_ORDER:
      return _("has no first order yet");
    case DL_N_EVENTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
dl_event_describe_also (guint also)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint t = 0; t < DL_N_EVENTS; t++)
    if (also & (1u << t))
      g_ptr_array_add (words, (gpointer) also_words ((DlEventType) t));
  if (words->len == 0)
    return NULL;

  list = g_strdup (words->pdata[0]);
  for (guint i = 1; i < words->len; i++)
    {
      g_autofree char *longer = i + 1 < words->len
        /* Translators: a list of what a member did, "cancelled autoship, dropped a rank" */
        ? g_strdup_printf (_("%s, %s"), list, (const char *) words->pdata[i])
        /* Translators: the last of a list of what a member did, "… and dropped a rank" */
        : g_strdup_printf (_("%s and %s"), list, (const char *) words->pdata[i]);

      g_free (list);
      list = g_steal_pointer (&longer);
    }
  /* Translators: what a member did besides the change they are listed under, "Also cancelled autoship" */
  return g_strdup_printf (_("Also %s"), list);
}

DlDay
dl_period_last_day (DlPeriod period)
{
  return dl_day_from_ymd ((period + 1) / 12, (period + 1) % 12 + 1, 1) - 1;
}

DlPeriod
dl_period_of_day (DlDay day)
{
  int y, m, d;

  if (day == DL_DAY_NONE)
    return DL_PERIOD_NONE;
  dl_day_to_ymd (day, &y, &m, &d);
  return dl_period_from_ym (y, m);
}

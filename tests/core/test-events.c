/* test-events.c — months, rank ladders and the events between two months
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "dl-events.h"

static void
test_periods (void)
{
  char buf[8];

  g_assert_cmpint (dl_period_parse ("2026-11"), ==, dl_period_from_ym (2026, 11));
  g_assert_cmpint (dl_period_parse ("2026/11"), ==, dl_period_from_ym (2026, 11));
  g_assert_cmpint (dl_period_parse ("2026-11-30"), ==, dl_period_from_ym (2026, 11));
  g_assert_cmpint (dl_period_from_ym (2027, 1) - dl_period_from_ym (2026, 12), ==, 1);

  g_assert_cmpint (dl_period_parse ("2026-13"), ==, DL_PERIOD_NONE);
  g_assert_cmpint (dl_period_parse ("2026-00"), ==, DL_PERIOD_NONE);
  g_assert_cmpint (dl_period_parse ("26-11"), ==, DL_PERIOD_NONE);
  g_assert_cmpint (dl_period_parse ("2026-1"), ==, DL_PERIOD_NONE);
  g_assert_cmpint (dl_period_parse ("2026-11x"), ==, DL_PERIOD_NONE);
  g_assert_cmpint (dl_period_parse ("November"), ==, DL_PERIOD_NONE);
  g_assert_cmpint (dl_period_parse (NULL), ==, DL_PERIOD_NONE);

  dl_period_format (dl_period_from_ym (2027, 1), buf);
  g_assert_cmpstr (buf, ==, "2027-01");
  dl_period_format (dl_period_parse ("2026-11") - 11, buf);
  g_assert_cmpstr (buf, ==, "2025-12");
}

static void
test_type_words (void)
{
  g_assert_cmpstr (dl_event_type_to_string (DL_EVENT_AUTOSHIP_CANCELLED), ==, "autoship-cancelled");
  g_assert_cmpstr (dl_event_type_to_string (DL_EVENT_VOLUME_DROP), ==, "volume-drop");
  for (int t = 0; t < DL_N_EVENTS; t++)
    g_assert_cmpint (dl_event_type_from_string (dl_event_type_to_string (t)), ==, t);
  g_assert_cmpint (dl_event_type_from_string ("rank_down"), ==, -1);
  g_assert_cmpint (dl_event_type_from_string (NULL), ==, -1);
}

static void
test_rank_levels (void)
{
  const char *ladder[] = {
    "Member", "Bronze", "Silver", "Senior Silver", "Gold", "Executive Gold",
    "Platinum", "Diamond", "Blue Diamond", "Double Diamond", "Triple Diamond", "Crown Ambassador",
  };

  for (guint i = 0; i + 1 < G_N_ELEMENTS (ladder); i++)
    {
      g_test_message ("%s < %s", ladder[i], ladder[i + 1]);
      g_assert_cmpint (dl_rank_level (ladder[i]), <, dl_rank_level (ladder[i + 1]));
    }

  g_assert_cmpint (dl_rank_level ("Oro"), ==, dl_rank_level ("Gold"));
  g_assert_cmpint (dl_rank_level ("DIAMANTE"), ==, dl_rank_level ("diamond"));
  g_assert_cmpint (dl_rank_level ("Gold-Executive"), ==, dl_rank_level ("Executive Gold"));
  g_assert_cmpint (dl_rank_level ("Banana"), ==, -1);
  g_assert_cmpint (dl_rank_level (""), ==, -1);
  g_assert_cmpint (dl_rank_level (NULL), ==, -1);
}

#define F(id, status, rank, autoship, pv) { id, DL_FIGURE_ ## status, rank, autoship, pv }

static GArray *
compute (const DlPeriodFigures *history,
         guint                  n_history)
{
  GArray *events = g_array_new (FALSE, FALSE, sizeof (DlEvent));
  guint n = dl_events_compute (history, n_history, events);

  g_assert_cmpuint (n, ==, events->len);
  return events;
}

static char *
events_text (GArray *events)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < events->len; i++)
    {
      const DlEvent *event = &g_array_index (events, DlEvent, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ":%s ", event->member_id,
                              dl_event_type_to_string (event->type));
    }
  return g_string_free (out, FALSE);
}

static void
test_events_between_months (void)
{
  const gint16 silver = dl_rank_level ("Silver");
  const gint16 gold = dl_rank_level ("Gold");
  const DlFigures october[] = {
    F (1, ACTIVE, silver, 1, 100), F (2, ACTIVE, silver, 1, 100), F (3, INACTIVE, silver, 0, 0),
    F (4, ACTIVE, silver, 1, 100), F (5, ACTIVE, gold, 1, 100), F (6, ACTIVE, silver, 1, 100),
    F (7, ACTIVE, silver, 0, 100), F (8, ACTIVE, silver, 1, 100), F (10, ACTIVE, silver, 1, 100),
  };
  const DlFigures november[] = {
    F (1, INACTIVE, silver, 1, 100), F (2, TERMINATED, silver, 1, 100), F (3, ACTIVE, silver, 0, 100),
    F (4, ACTIVE, gold, 1, 100), F (5, ACTIVE, silver, 1, 100), F (6, ACTIVE, silver, 0, 100),
    F (7, ACTIVE, silver, 1, 100), F (8, ACTIVE, silver, 1, 100), F (9, ACTIVE, -1, -1, NAN),
  };
  DlPeriodFigures history[] = {
    { dl_period_from_ym (2026, 11), november, G_N_ELEMENTS (november) },
    { dl_period_from_ym (2026, 10), october, G_N_ELEMENTS (october) },
  };
  g_autoptr(GArray) events = compute (history, 2);
  g_autofree char *text = events_text (events);

  /* member 10 is missing from November: an export says nothing about
   * whom it leaves out, so no event */
  g_assert_cmpstr (text, ==,
                   "1:became-inactive 2:terminated 3:reactivated 4:rank-up 5:rank-down "
                   "6:autoship-cancelled 7:autoship-started 9:joined ");
}

/* The first export is a baseline; a month missing in between is no
 * "month before". */
static void
test_no_month_before (void)
{
  const DlFigures september[] = { F (1, ACTIVE, 30, 1, 100) };
  const DlFigures november[] = { F (1, INACTIVE, 20, 0, 0), F (2, ACTIVE, 20, 1, 10) };
  DlPeriodFigures history[] = {
    { dl_period_from_ym (2026, 11), november, G_N_ELEMENTS (november) },
    { dl_period_from_ym (2026, 9), september, G_N_ELEMENTS (september) },
  };
  g_autoptr(GArray) alone = compute (history, 1);
  g_autoptr(GArray) gap = compute (history, 2);

  g_assert_cmpuint (alone->len, ==, 0);
  g_assert_cmpuint (gap->len, ==, 0);
}

/* Unknown ranks and autoship say nothing. */
static void
test_unknowns_are_silent (void)
{
  const DlFigures october[] = { F (1, ACTIVE, -1, -1, NAN), F (2, ACTIVE, 40, 1, 100) };
  const DlFigures november[] = { F (1, ACTIVE, 30, 0, 100), F (2, ACTIVE, -1, -1, NAN) };
  DlPeriodFigures history[] = {
    { dl_period_from_ym (2026, 11), november, G_N_ELEMENTS (november) },
    { dl_period_from_ym (2026, 10), october, G_N_ELEMENTS (october) },
  };
  g_autoptr(GArray) events = compute (history, 2);

  g_assert_cmpuint (events->len, ==, 0);
}

/* Volume below half the member's own average of the months before,
 * with two known months at least. */
static void
test_volume_drop (void)
{
  const DlFigures august[] = {
    F (1, ACTIVE, -1, -1, 100), F (2, ACTIVE, -1, -1, 100), F (3, ACTIVE, -1, -1, NAN),
    F (4, ACTIVE, -1, -1, 0), F (5, ACTIVE, -1, -1, 100), F (6, ACTIVE, -1, -1, 300),
    F (7, ACTIVE, -1, -1, 100),
  };
  const DlFigures september[] = {
    F (1, ACTIVE, -1, -1, 100), F (2, ACTIVE, -1, -1, 100), F (3, ACTIVE, -1, -1, NAN),
    F (4, ACTIVE, -1, -1, 0), F (5, ACTIVE, -1, -1, 100), F (6, ACTIVE, -1, -1, 0),
  };
  const DlFigures october[] = {
    F (1, ACTIVE, -1, -1, 100), F (2, ACTIVE, -1, -1, 100), F (3, ACTIVE, -1, -1, 100),
    F (4, ACTIVE, -1, -1, 0), F (5, ACTIVE, -1, -1, 100), F (6, ACTIVE, -1, -1, 0),
    F (7, ACTIVE, -1, -1, 100),
  };
  const DlFigures november[] = {
    F (1, ACTIVE, -1, -1, 40), F (2, ACTIVE, -1, -1, 60), F (3, ACTIVE, -1, -1, 10),
    F (4, ACTIVE, -1, -1, 0), F (5, TERMINATED, -1, -1, 0), F (6, ACTIVE, -1, -1, 49),
    F (7, INACTIVE, -1, -1, 0),
  };
  DlPeriodFigures history[] = {
    { dl_period_from_ym (2026, 11), november, G_N_ELEMENTS (november) },
    { dl_period_from_ym (2026, 10), october, G_N_ELEMENTS (october) },
    { dl_period_from_ym (2026, 9), september, G_N_ELEMENTS (september) },
    { dl_period_from_ym (2026, 8), august, G_N_ELEMENTS (august) },
  };
  g_autoptr(GArray) events = compute (history, 4);
  g_autofree char *text = events_text (events);

  /* 1: 40 < 100/2; 2: 60 is not; 3: one month known; 4: nothing to
   * fall from; 5: gone, not a drop; 6: 49 < (0 + 0 + 300)/3/2 = 50;
   * 7: stopped, which is its own event */
  g_assert_cmpstr (text, ==, "1:volume-drop 5:terminated 6:volume-drop 7:became-inactive ");
}

/* An older month given as its PV by the members of the month before
 * finds the same events as the month's own figures: random months in
 * which members come, go, come back and leave their PV empty. */
static void
test_volume_by_before (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  GArray *months[4] = { NULL, };
  double *pv[4] = { NULL, };
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  DlPeriodFigures history[4];
  guint n_drops = 0;

  for (guint k = 0; k < 4; k++)
    {
      months[k] = g_array_new (FALSE, FALSE, sizeof (DlFigures));
      for (gint64 id = 1; id <= 2000; id++)
        {
          DlFigures figures = F (id, ACTIVE, -1, -1, g_rand_double_range (rand, 0, 200));

          if (g_rand_int_range (rand, 0, 10) == 0)
            continue;
          if (g_rand_int_range (rand, 0, 10) == 0)
            figures.pv = NAN;
          g_array_append_val (months[k], figures);
        }
      history[k] = (DlPeriodFigures) {
        dl_period_from_ym (2026, 11) - (DlPeriod) k,
        (const DlFigures *) (gpointer) months[k]->data,
        months[k]->len,
        NULL,
      };
    }
  events = compute (history, 4);

  for (guint k = 2; k < 4; k++)
    {
      guint next = 0;

      pv[k] = g_new (double, months[1]->len);
      for (guint i = 0; i < months[1]->len; i++)
        {
          gint64 id = g_array_index (months[1], DlFigures, i).member_id;

          while (next < months[k]->len && g_array_index (months[k], DlFigures, next).member_id < id)
            next++;
          pv[k][i] = next < months[k]->len && g_array_index (months[k], DlFigures, next).member_id == id
                     ? g_array_index (months[k], DlFigures, next).pv : NAN;
        }
      history[k] = (DlPeriodFigures) { history[k].period, NULL, 0, pv[k] };
    }
  again = compute (history, 4);

  text = events_text (events);
  text_again = events_text (again);
  g_assert_cmpstr (text_again, ==, text);
  for (guint i = 0; i < events->len; i++)
    n_drops += g_array_index (events, DlEvent, i).type == DL_EVENT_VOLUME_DROP;
  g_assert_cmpuint (n_drops, >, 10);

  for (guint k = 0; k < 4; k++)
    {
      g_array_unref (months[k]);
      g_free (pv[k]);
    }
}

/* Joined the month before and still no volume of their own a month
 * on: no first order.  Not when they ordered, nor when the export says
 * nothing of volume, nor for someone who joined longer ago. */
static void
test_no_first_order (void)
{
  const DlPeriod october_p = dl_period_from_ym (2026, 10);
  DlFigures october[] = {
    F (1, ACTIVE, -1, -1, 0), F (2, ACTIVE, -1, -1, 0), F (3, ACTIVE, -1, -1, NAN),
    F (4, ACTIVE, -1, -1, 0), F (5, ACTIVE, -1, -1, 0),
  };
  DlFigures november[] = {
    F (1, ACTIVE, -1, -1, 0), F (2, ACTIVE, -1, -1, 80), F (3, ACTIVE, -1, -1, NAN),
    F (4, ACTIVE, -1, -1, 0), F (5, INACTIVE, -1, -1, 0),
  };
  DlPeriodFigures history[] = {
    { dl_period_from_ym (2026, 11), november, G_N_ELEMENTS (november) },
    { october_p, october, G_N_ELEMENTS (october) },
  };
  g_autoptr(GArray) events = NULL;
  g_autofree char *text = NULL;
  g_autofree char *words = NULL;

  /* 1, 2, 3 and 5 joined in October; 4 in September */
  for (guint i = 0; i < G_N_ELEMENTS (november); i++)
    november[i].joined = october[i].joined = i == 3 ? october_p - 1 : october_p;
  events = compute (history, 2);
  text = events_text (events);
  /* 1: nothing ordered; 2: ordered; 3: the export has no volume; 4:
   * joined earlier; 5: inactive, its own event */
  g_assert_cmpstr (text, ==, "1:no-first-order 5:became-inactive ");

  words = dl_event_describe (DL_EVENT_NO_FIRST_ORDER, dl_period_from_ym (2026, 11));
  g_assert_cmpstr (words, ==, "No first order by the end of November 2026, a month after joining");
}

static void
test_describe (void)
{
  g_autofree char *cancelled = dl_event_describe (DL_EVENT_AUTOSHIP_CANCELLED, dl_period_from_ym (2026, 11));
  g_autofree char *down = dl_event_describe (DL_EVENT_RANK_DOWN, dl_period_from_ym (2027, 1));

  g_assert_cmpstr (cancelled, ==, "Cancelled autoship in November 2026");
  g_assert_cmpstr (down, ==, "Was paid at a lower rank in January 2027");
}

/* One way to write a month's volume for the details and the Table:
 * whole points, one decimal where the export gave one, nothing for a
 * volume not given (the box's whole points are its floor). */
static void
test_volume_text (void)
{
  g_autofree char *whole = dl_volume_to_string (150);
  g_autofree char *decimal = dl_volume_to_string (152.64);
  g_autofree char *zero = dl_volume_to_string (0);

  g_assert_cmpstr (whole, ==, "150");
  g_assert_cmpstr (decimal, ==, "152.6");
  g_assert_cmpstr (zero, ==, "0");
  g_assert_null (dl_volume_to_string (NAN));
}

/* The words of a month's list of changes beside a name. */
static void
test_person_words (void)
{
  g_autofree char *rank = dl_event_rank_change ("Silver", "Bronze");
  g_autofree char *none = dl_event_rank_change (NULL, "Bronze");
  g_autofree char *one = dl_event_describe_also (1u << DL_EVENT_AUTOSHIP_CANCELLED);
  g_autofree char *three = dl_event_describe_also ((1u << DL_EVENT_AUTOSHIP_CANCELLED) | (1u << DL_EVENT_RANK_DOWN)
                                                   | (1u << DL_EVENT_BECAME_INACTIVE));

  g_assert_cmpstr (rank, ==, "Silver → Bronze");
  g_assert_null (none);
  g_assert_null (dl_event_describe_also (0));
  g_assert_cmpstr (one, ==, "Also cancelled autoship");
  g_assert_cmpstr (three, ==, "Also became inactive, dropped a rank and cancelled autoship");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/events/periods", test_periods);
  g_test_add_func ("/events/type-words", test_type_words);
  g_test_add_func ("/events/rank-levels", test_rank_levels);
  g_test_add_func ("/events/between-months", test_events_between_months);
  g_test_add_func ("/events/no-month-before", test_no_month_before);
  g_test_add_func ("/events/unknowns-are-silent", test_unknowns_are_silent);
  g_test_add_func ("/events/volume-drop", test_volume_drop);
  g_test_add_func ("/events/volume-by-before", test_volume_by_before);
  g_test_add_func ("/events/no-first-order", test_no_first_order);
  g_test_add_func ("/events/describe", test_describe);
  g_test_add_func ("/events/person-words", test_person_words);
  g_test_add_func ("/events/volume-text", test_volume_text);

  return g_test_run ();
}

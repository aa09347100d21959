/* dl-sample-log.c — the sample business's contact log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-sample"

#include "dl-sample-private.h"

#include <string.h>

/* Grouped by purpose; each interaction picks a line of its purpose, and
 * the line decides the kind of contact. */
#define L(purpose, kind, text) { S_##purpose, DL_CONTACT_##kind, text }

const Summary dl_sample_summaries[] = {
  L (WELCOME, CALL, "Welcome call: walked through the back office and the first order"),
  L (WELCOME, CALL, "Welcome call; set a time for our first check-in"),
  L (WELCOME, LETTER, "Sent the welcome letter with my number and the getting-started guide"),
  L (WELCOME, MESSAGE, "Texted a warm welcome and the link to the new-member call"),
  L (WELCOME, MEETING, "Coffee to celebrate joining and plan the first 30 days"),
  L (WELCOME, EMAIL, "Emailed the welcome pack and the training calendar"),

  L (UPLINE_WELCOME, LETTER, "Sent the upline welcome letter"),
  L (UPLINE_WELCOME, EMAIL, "Emailed hello as their upline; pointed them to their sponsor first"),
  L (UPLINE_WELCOME, MESSAGE, "Texted a welcome to the team and the Thursday call details"),

  L (TAKEOVER, CALL, "Their sponsor has gone quiet; called to introduce myself and offer help"),
  L (TAKEOVER, EMAIL, "Emailed to say I'm their contact now while their sponsor is away"),
  L (TAKEOVER, MESSAGE, "Texted to check they have everything they need from the team"),

  L (CHECK_IN_EARLY, CALL, "Checked in; the first order arrived and they love it"),
  L (CHECK_IN_EARLY, CALL, "Helped them write out their contact list"),
  L (CHECK_IN_EARLY, CALL, "Went over the compensation plan again"),
  L (CHECK_IN_EARLY, CALL, "Talked through a no from a friend; encouraged them to keep going"),
  L (CHECK_IN_EARLY, MEETING, "Lunch; planned their first product night"),
  L (CHECK_IN_EARLY, MEETING, "Sat in on their first home presentation"),
  L (CHECK_IN_EARLY, EMAIL, "Emailed the getting-started checklist again"),
  L (CHECK_IN_EARLY, MESSAGE, "Texted to ask how the first week went"),
  L (CHECK_IN_EARLY, MESSAGE, "Sent the link to the product demo video"),

  L (CHECK_IN, CALL, "Quick call; busy month, planning a product night soon"),
  L (CHECK_IN, CALL, "Called about the monthly order; switching to autoship"),
  L (CHECK_IN, CALL, "Three-way call with one of their prospects"),
  L (CHECK_IN, CALL, "Caught up; they want to reach the next rank this quarter"),
  L (CHECK_IN, CALL, "Talked about how to help their newest recruit"),
  L (CHECK_IN, CALL, "Checked in; sales slow this month but still keen"),
  L (CHECK_IN, MEETING, "Saw them at the team training night"),
  L (CHECK_IN, MEETING, "Coffee; set goals for the next three months"),
  L (CHECK_IN, EMAIL, "Emailed the recording of this week's training call"),
  L (CHECK_IN, EMAIL, "Sent the new catalogue and price list"),
  L (CHECK_IN, EMAIL, "Emailed tips for following up with prospects"),
  L (CHECK_IN, MESSAGE, "Texted to ask how things are going"),
  L (CHECK_IN, MESSAGE, "Reminder about Thursday's team call"),
  L (CHECK_IN, LETTER, "Mailed a handwritten thank-you card"),
  L (CHECK_IN, LETTER, "Sent a check-in letter with this month's specials"),

  L (QUIET, CALL, "Left a voicemail; no reply yet"),
  L (QUIET, MESSAGE, "Texted that we miss them on the team calls"),
  L (QUIET, EMAIL, "Emailed to ask if anything is holding them back"),

  L (CONGRATS, MESSAGE, "Congratulated them on their first recruit"),
  L (CONGRATS, CALL, "Called to congratulate them on a new team member; offered a three-way call"),

  L (FAREWELL, CALL, "They're stepping away from the business; parted on good terms"),
  L (FAREWELL, MESSAGE, "Heard they've decided to stop; wished them well and left the door open"),

  L (NOTE, NOTE, "Mentioned they might move in the spring"),
  L (NOTE, NOTE, "Prefers calls after the kids are in bed"),
  L (NOTE, NOTE, "Wants to focus on the products, not recruiting, for now"),
  L (NOTE, NOTE, "Birthday is coming up; send a card"),
  L (NOTE, NOTE, "Asked about the travel incentive"),

  L (P_FIRST, MEETING, "First chat; curious about the skin care line"),
  L (P_FIRST, MEETING, "Swapped numbers after the event"),
  L (P_FIRST, MESSAGE, "Replied to my post; asked about the products"),
  L (P_FIRST, CALL, "Introduced by a friend; short phone call"),

  L (P_FOLLOW, MESSAGE, "Sent the sample pack"),
  L (P_FOLLOW, MESSAGE, "Invited them to Thursday's online presentation"),
  L (P_FOLLOW, CALL, "Watched the overview video; had questions about cost"),
  L (P_FOLLOW, CALL, "Wants to talk it over with their partner"),
  L (P_FOLLOW, CALL, "Went through the starter kits"),
  L (P_FOLLOW, MEETING, "Coffee; shared why I started and answered questions"),
  L (P_FOLLOW, CALL, "Asked how much time it really takes each week"),
  L (P_FOLLOW, MESSAGE, "Texted to set a time to talk"),
  L (P_FOLLOW, CALL, "Left a voicemail"),
  L (P_FOLLOW, EMAIL, "Emailed the product guide they asked for"),

  L (P_NOT_NOW, CALL, "Said now isn't the right time; agreed I'd check back later"),
  L (P_NOT_NOW, MEETING, "Not for now; still happy to hear about new products"),

  L (P_JOINED, MEETING, "Signed up! Helped place their first order"),
  L (P_JOINED, CALL, "Decided to join; walked through the sign-up together"),
};

#undef L

const guint dl_sample_n_summaries = G_N_ELEMENTS (dl_sample_summaries);

typedef struct
{
  DlSampleInteraction *v;
  guint                len;
  guint                cap;
} Events;

static inline guint16
random_minute (GRand *rng)
{
  /* Between half past eight and half past eight in the evening. */
  return (guint16) (8 * 60 + 30 + dl_sample_rnd (rng, 12 * 60));
}

/* ---- the contact log ---------------------------------------------------- */

static void
events_add (Gen     *g,
            Events  *ev,
            DlDay    day,
            Purpose  purpose)
{
  const Summary *row;
  guint16 index;

  if (ev->len == ev->cap)
    {
      ev->cap = MAX (64, ev->cap * 2);
      ev->v = g_renew (DlSampleInteraction, ev->v, ev->cap);
    }
  index = g->purpose_first[purpose] + (guint16) dl_sample_rnd (g->rng, g->purpose_n[purpose]);
  row = &dl_sample_summaries[index];
  ev->v[ev->len].person = 0;
  ev->v[ev->len].day = day;
  ev->v[ev->len].minute = row->kind == DL_CONTACT_NOTE
                          ? (guint16) (7 * 60 + dl_sample_rnd (g->rng, 15 * 60))
                          : random_minute (g->rng);
  ev->v[ev->len].kind = row->kind;
  ev->v[ev->len].summary = (guint8) index;
  ev->len++;
}

typedef enum
{
  REL_PERSONAL,       /* the user's own recruit */
  REL_SECOND,         /* a recruit's recruit */
  REL_TAKEOVER,       /* deeper, their sponsor went quiet */
  REL_DEEP,           /* their sponsor's job */
} Relation;

static void
member_events (Gen    *g,
               guint32 i,
               Events *ev)
{
  const DlSample *s = g->sample;
  const DlSampleMember *m = &s->members[i];
  const DlSampleMember *sponsor = &s->members[m->sponsor];
  DlDay last_day = g->today - 1;
  DlDay end = last_day;
  DlDay stop = STILL_GOING;
  DlDay t;
  double care;
  Relation rel;
  guint r;

  if (m->level == 1)
    rel = REL_PERSONAL;
  else if (m->level == 2)
    rel = REL_SECOND;
  else if (sponsor->status != DL_MEMBER_ACTIVE)
    rel = REL_TAKEOVER;
  else
    rel = REL_DEEP;

  if (m->status == DL_MEMBER_DROPPED)
    end = MIN (end, m->status_since + 3);
  if (end < m->joined_on)
    return;

  if (rel == REL_DEEP)
    {
      /* Now and then the user welcomes someone far down too. */
      if (dl_sample_chance (g->rng, 0.1))
        {
          t = m->joined_on + 1 + (DlDay) dl_sample_rnd (g->rng, 14);
          if (t <= end)
            events_add (g, ev, t, S_UPLINE_WELCOME);
        }
      return;
    }

  if (rel == REL_TAKEOVER)
    {
      double p = m->level <= 4 ? 0.6 : 0.3;

      if (!dl_sample_chance (g->rng, p))
        return;
      t = MAX (m->joined_on, sponsor->status_since) + (DlDay) dl_sample_rnd (g->rng, 21);
      if (t > end)
        return;
      events_add (g, ev, t, S_TAKEOVER);
    }
  else
    {
      /* The newest members are the ones most likely not welcomed yet. */
      double p = g->today - m->joined_on <= 10 ? 0.6 : 0.93;

      t = m->joined_on;
      if (rel == REL_SECOND)
        p -= 0.25;
      if (dl_sample_chance (g->rng, p))
        {
          t = m->joined_on + (DlDay) dl_sample_rnd (g->rng, rel == REL_PERSONAL ? 3 : 7);
          if (t <= end)
            events_add (g, ev, t, rel == REL_PERSONAL ? S_WELCOME : S_UPLINE_WELCOME);
        }
    }

  r = dl_sample_rnd (g->rng, 100);
  if (g->neglected_from[i] != DL_DAY_NONE)
    {
      care = 1.0;
      stop = g->neglected_from[i];
    }
  else if (r < 55)
    care = 1.0;
  else if (r < 85)
    care = 1.8;
  else
    {
      /* Neglected: the contacts stop at some point and never resume. */
      care = 1.3;
      stop = m->joined_on + (DlDay) dl_sample_rnd (g->rng, g->today - m->joined_on + 1);
    }

  for (;;)
    {
      guint cadence = m->cadence_days;
      gboolean quiet;
      double step;

      if (cadence == 0)
        cadence = rel == REL_PERSONAL ? (t - m->joined_on < 30 ? 7 : 14) : 30;
      quiet = t > m->last_activity + INACTIVE_AFTER / 2;
      if (quiet)
        cadence *= 2;
      step = cadence * care * (0.7 + 0.8 * g_rand_double (g->rng));
      t += MAX (1, (DlDay) step);
      if (t > end || t >= stop)
        break;
      if (t > m->last_activity + INACTIVE_AFTER / 2)
        events_add (g, ev, t, S_QUIET);
      else
        events_add (g, ev, t, t - m->joined_on < 90 ? S_CHECK_IN_EARLY : S_CHECK_IN);
    }

  if (rel != REL_TAKEOVER && g->first_recruit[i] != DL_DAY_NONE && dl_sample_chance (g->rng, 0.8))
    {
      t = g->first_recruit[i] + (DlDay) dl_sample_rnd (g->rng, 4);
      if (t <= end && t < stop)
        events_add (g, ev, t, S_CONGRATS);
    }
  if (m->status == DL_MEMBER_DROPPED && rel != REL_TAKEOVER && dl_sample_chance (g->rng, 0.5))
    {
      t = m->status_since + (DlDay) dl_sample_rnd (g->rng, 3);
      if (t <= last_day)
        events_add (g, ev, t, S_FAREWELL);
    }
  if (dl_sample_chance (g->rng, 0.12))
    events_add (g, ev, m->joined_on + (DlDay) dl_sample_rnd (g->rng, end - m->joined_on + 1), S_NOTE);
}

static void
prospect_events (Gen    *g,
                 guint   k,
                 Events *ev)
{
  const DlSample *s = g->sample;
  const DlSampleProspect *pr = &s->prospects[k];
  DlDay created = s->persons[pr->person].created_on;
  DlDay last = g->prospect_last[k];
  guint n_follow;

  events_add (g, ev, created, S_P_FIRST);

  n_follow = pr->stage_kind == DL_STAGE_OPEN ? pr->open_stage : 1;
  n_follow += dl_sample_rnd (g->rng, 3);
  if (last > created)
    n_follow = MIN (n_follow, (guint) (last - created));
  else
    n_follow = 0;

  /* The last contact is last itself, in its stage's words. */
  for (guint f = 1; f < n_follow; f++)
    events_add (g, ev, created + 1 + (DlDay) dl_sample_rnd (g->rng, last - created), S_P_FOLLOW);
  if (last > created)
    {
      switch (pr->stage_kind)
        {
        case DL_STAGE_NOT_NOW:
          events_add (g, ev, last, S_P_NOT_NOW);
          break;
        case DL_STAGE_JOINED:
          events_add (g, ev, last, S_P_JOINED);
          break;
        case DL_STAGE_OPEN:
        default:
          events_add (g, ev, last, S_P_FOLLOW);
          break;
        }
    }
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DlSampleInteraction *ea = a;
  const DlSampleInteraction *eb = b;

  if (ea->day != eb->day)
    return ea->day < eb->day ? -1 : 1;
  if (ea->minute != eb->minute)
    return ea->minute < eb->minute ? -1 : 1;
  return (int) ea->summary - (int) eb->summary;
}

/* Neglect left to chance can miss the few people who matter most; make
 * sure about one in six of the user's own established recruits still
 * active has gone a month or more without a word. */
static void
neglect_some (Gen *g)
{
  const DlSample *s = g->sample;
  g_autofree guint32 *candidates = g_new (guint32, s->n_members);
  guint n = 0;
  guint k;

  for (guint32 i = 1; i < s->n_members; i++)
    {
      const DlSampleMember *m = &s->members[i];

      if (m->level == 1 && m->status == DL_MEMBER_ACTIVE && g->today - m->joined_on > 90)
        candidates[n++] = i;
    }

  for (k = (n + 5) / 6; k > 0; k--, n--)
    {
      guint pick = dl_sample_rnd (g->rng, n);
      guint32 i = candidates[pick];
      guint quiet = 31 + dl_sample_rnd (g->rng, MIN (150, (guint) (g->today - s->members[i].joined_on) - 60));

      g->neglected_from[i] = g->today - (DlDay) quiet;
      candidates[pick] = candidates[n - 1];
    }
}

void
dl_sample_make_interactions (Gen *g)
{
  DlSample *s = g->sample;
  Events ev = { NULL, 0, 0 };
  guint cap = s->n_members * 2 + 1024;
  guint n_open_not_now = g->n_prospect_persons;
  guint first_joined = n_open_not_now;

  g->neglected_from = g_new0 (DlDay, s->n_members);
  neglect_some (g);

  s->interactions = g_new (DlSampleInteraction, cap);
  s->n_interactions = 0;
  s->last_contact = g_new (guint32, s->n_persons);

  for (guint32 p = 0; p < s->n_persons; p++)
    {
      ev.len = 0;
      s->last_contact[p] = DL_SAMPLE_NONE;

      if (p >= 1 && p < s->n_members)
        {
          for (guint k = first_joined; k < s->n_prospects; k++)
            if (s->prospects[k].person == p)
              prospect_events (g, k, &ev);
          member_events (g, p, &ev);
        }
      else if (p >= s->n_members)
        prospect_events (g, p - s->n_members, &ev);

      if (ev.len == 0)
        continue;

      /* A member of three years can gather a long log; keep the first
       * weeks and the most recent ones, which is what the views show. */
      qsort (ev.v, ev.len, sizeof *ev.v, compare_events);
      if (ev.len > 40)
        {
          memmove (&ev.v[4], &ev.v[ev.len - 36], 36 * sizeof *ev.v);
          ev.len = 40;
        }

      if (s->n_interactions + ev.len > cap)
        {
          cap = MAX (cap * 3 / 2, s->n_interactions + ev.len);
          s->interactions = g_renew (DlSampleInteraction, s->interactions, cap);
        }
      for (guint e = 0; e < ev.len; e++)
        {
          ev.v[e].person = p;
          if (ev.v[e].kind != DL_CONTACT_NOTE)
            s->last_contact[p] = s->n_interactions + e;
        }
      memcpy (&s->interactions[s->n_interactions], ev.v, ev.len * sizeof *ev.v);
      s->n_interactions += ev.len;
    }

  g_free (ev.v);
}

const char *
dl_sample_summary_text (guint summary)
{
  g_return_val_if_fail (summary < G_N_ELEMENTS (dl_sample_summaries), "");
  return dl_sample_summaries[summary].text;
}

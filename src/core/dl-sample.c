/* dl-sample.c — a believable made-up business for trying the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model, in the order it is built:
 *
 * 1. Join days over three years, the business growing (more joins lately).
 * 2. Each newcomer picks a sponsor by preferential attachment: weight =
 *    drive × 80 (1 + k) / (10 + k) for k recruits so far (growing with
 *    success up to the pace one person can keep), six times that in a
 *    member's first two months; the user recruits at a steady pace.  Most
 *    members have no drive at all (customers, people who only wanted the
 *    products), a few have a lot, and a member recruits only until their
 *    own activity stops.  So most never recruit, a few recruit many, and
 *    fresh enthusiasm makes the deep chains (capped at
 *    DL_SAMPLE_MAX_DEPTH).
 * 3. Each member's activity lasts a drawn lifetime, long for the driven
 *    ones; months after it stops they become inactive, later most drop.
 *    As the field advice says, most who joined over a year ago are gone.
 * 4. Ranks follow downline size.  The user's contact log follows the
 *    cadence rules loosely: personal recruits and second level get
 *    welcomes and check-ins, deeper members only when their own sponsor
 *    went quiet; some members are neglected.
 * 5. A pipeline of prospects across the stages, a few recently joined.
 *
 * The steps have files of their own: dl-sample-tree.c (1–4),
 * dl-sample-people.c, dl-sample-pipeline.c (5) and dl-sample-log.c.
 */

#define G_LOG_DOMAIN "dl-sample"

#include "dl-day.h"
#include "dl-sample-private.h"

#include <string.h>

void
dl_sample_options_init (DlSampleOptions *options,
                        guint            n_members,
                        guint32          seed,
                        DlDay            today)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->n_members = n_members;
  options->n_prospects = DL_SAMPLE_DEFAULT_PROSPECTS;
  options->seed = seed;
  options->today = today;
  options->n_open_stages = 4;
  for (guint i = 0; i < options->n_open_stages; i++)
    options->open_stale_days[i] = 14;
  options->with_joined = TRUE;
  options->with_not_now = TRUE;
}

DlSample *
dl_sample_new (const DlSampleOptions *options)
{
  DlSample *s;
  Gen g = { 0 };

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->n_members <= DL_SAMPLE_MAX_MEMBERS, NULL);
  g_return_val_if_fail (options->n_open_stages <= DL_SAMPLE_MAX_OPEN_STAGES, NULL);
  g_return_val_if_fail (options->today > DL_SAMPLE_SPAN_DAYS + 1000, NULL);

  /* The source table's ranges are fixed by index; keep them honest. */
  g_assert (dl_sample_sources[FIRST_TEAM - 1].kind == SOURCE_MET && dl_sample_sources[FIRST_TEAM].kind == SOURCE_TEAM);

  s = g_new0 (DlSample, 1);
  s->today = options->today;
  s->n_members = options->n_members + 1;
  s->members = g_new0 (DlSampleMember, s->n_members);

  g.rng = g_rand_new_with_seed (options->seed);
  g.options = options;
  g.sample = s;
  g.today = options->today;
  g.start = options->today - DL_SAMPLE_SPAN_DAYS;
  g.drive = g_new0 (guint8, s->n_members);
  g.until = g_new0 (DlDay, s->n_members);
  g.first_recruit = g_new0 (DlDay, s->n_members);
  for (guint c = 0; c < dl_sample_n_cultures; c++)
    g.culture_total += dl_sample_cultures[c].weight;
  for (guint k = dl_sample_n_summaries; k-- > 0;)
    {
      g.purpose_first[dl_sample_summaries[k].purpose] = (guint16) k;
      g.purpose_n[dl_sample_summaries[k].purpose]++;
    }


  dl_sample_grow_tree (&g);
  dl_sample_number_members (&g);
  dl_sample_settle_statuses (&g);
  /* Persons before prospects: a prospect's source may name a member. */
  s->n_persons = s->n_members + options->n_prospects;
  s->persons = g_new0 (DlSamplePerson, s->n_persons);
  dl_sample_make_member_persons (&g);
  dl_sample_make_prospects (&g);
  s->n_persons = s->n_members + g.n_prospect_persons;
  dl_sample_rank_members (&g);
  dl_sample_make_interactions (&g);

  g_free (g.drive);
  g_free (g.until);
  g_free (g.first_recruit);
  g_free (g.neglected_from);
  g_free (g.level1);
  g_free (g.prospect_last);
  g_rand_free (g.rng);

  return s;
}

void
dl_sample_free (DlSample *sample)
{
  if (sample == NULL)
    return;

  g_free (sample->persons);
  g_free (sample->members);
  g_free (sample->prospects);
  g_free (sample->interactions);
  g_free (sample->last_contact);
  g_free (sample);
}

void
dl_sample_member_number (const DlSample *sample,
                         guint32         member,
                         char            buf[16])
{
  g_return_if_fail (sample != NULL && buf != NULL);
  g_return_if_fail (member < sample->n_members);

  g_snprintf (buf, 16, "%08u", sample->members[member].number);
}

/* A stable pseudo-random number for (member, month, what): the same
 * business gives the same history however it is read. */
static guint32
month_hash (guint32 number,
            gint32  month_index,
            guint32 what)
{
  guint64 x = ((guint64) number << 32) ^ ((guint64) (guint32) month_index << 8) ^ what;

  /* splitmix64's finaliser */
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return (guint32) ((x ^ (x >> 31)) >> 16);
}

gboolean
dl_sample_member_month (const DlSample *sample,
                        guint32         member,
                        int             year,
                        int             month,
                        DlSampleMonth  *out)
{
  const DlSampleMember *m;
  DlDay month_end;
  gint32 index, left_index = G_MAXINT32;
  int y, mo, d;
  guint32 base;

  g_return_val_if_fail (sample != NULL && out != NULL, FALSE);
  g_return_val_if_fail (member < sample->n_members, FALSE);
  g_return_val_if_fail (month >= 1 && month <= 12, FALSE);

  m = &sample->members[member];
  month_end = dl_day_from_ymd (month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;
  if (member == 0 || m->joined_on > month_end)
    return FALSE;

  index = year * 12 + (month - 1);
  if (m->status != DL_MEMBER_ACTIVE && m->status_since != DL_DAY_NONE)
    {
      dl_day_to_ymd (m->status_since, &y, &mo, &d);
      left_index = y * 12 + (mo - 1);
    }

  /* each member's own level of ordering, and whether they use autoship */
  base = 40 + month_hash (m->number, 0, 1) % 160;
  out->rank = m->rank;
  out->status = DL_MEMBER_ACTIVE;
  out->autoship = month_hash (m->number, 0, 2) % 10 < 7;
  out->pv = base * (0.8 + (month_hash (m->number, index, 3) % 40) / 100.0);

  /* the ordinary ups and downs of those who stay */
  if (month_hash (m->number, index, 4) % 100 < 3)
    out->pv *= 0.35;
  if (out->autoship && month_hash (m->number, index, 5) % 100 < 2)
    out->autoship = 0;

  if (index >= left_index)
    {
      out->status = m->status;
      out->autoship = 0;
      out->pv = 0;
      if (out->rank > 1)
        out->rank--;
    }
  else if (left_index - index <= 2)
    {
      /* the signs before someone leaves */
      out->pv *= 0.3;
      if (month_hash (m->number, 0, 6) % 10 < 8)
        out->autoship = 0;
      if (left_index - index == 1 && out->rank > 1)
        out->rank--;
    }

  return TRUE;
}

void
dl_sample_place_binary (const DlSample *sample,
                        guint32        *parent,
                        guint8         *side)
{
  guint32 n = sample->n_members;
  g_autofree guint32 *child = g_new (guint32, 2 * (gsize) MAX (n, 1));
  g_autofree guint32 *size = g_new0 (guint32, MAX (n, 1));

  if (n == 0)
    return;
  memset (child, 0xff, 2 * (gsize) n * sizeof (guint32));   /* DL_SAMPLE_NONE */
  parent[0] = DL_SAMPLE_NONE;
  side[0] = 0;
  size[0] = 1;

  /* sponsors come first: every enroller is placed before their recruits */
  for (guint32 i = 1; i < n; i++)
    {
      guint32 at = sample->members[i].sponsor == DL_SAMPLE_NONE ? 0 : sample->members[i].sponsor;
      guint s;

      while (child[2 * at] != DL_SAMPLE_NONE && child[2 * at + 1] != DL_SAMPLE_NONE)
        at = size[child[2 * at + 1]] < size[child[2 * at]] ? child[2 * at + 1] : child[2 * at];
      s = child[2 * at] == DL_SAMPLE_NONE ? 0 : 1;
      child[2 * at + s] = i;
      parent[i] = at;
      side[i] = (guint8) s;
      size[i] = 1;
      for (guint32 a = at; a != DL_SAMPLE_NONE; a = parent[a])
        size[a]++;
    }
}

const char *
dl_sample_profile_company (void)
{
  return "Evergreen Wellness";
}

const char *
dl_sample_profile_website (void)
{
  return "https://jordan-ellis.example.com";
}

const char *
dl_sample_profile_message (void)
{
  return "I joined Evergreen Wellness as a tired teacher looking for a little "
         "extra each month, and it grew into work I love: helping people feel "
         "better and build something of their own.  Whenever you are stuck, "
         "call or text me and we will work it out together.";
}

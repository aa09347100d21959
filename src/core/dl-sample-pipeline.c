/* dl-sample-pipeline.c — the sample business's prospects (step 5)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-sample"

#include "dl-sample-private.h"

#include <string.h>

static const char *const not_now_reasons[] = {
  "Just had a baby; wants to wait until things settle",
  "Started a new job and has no spare time yet",
  "Money is tight until after the holidays",
  "Wants to see how her sister gets on with it first",
  "Busy with the kids' sports season; try again in the fall",
  "Caring for a parent at the moment",
  "Finishing a nursing degree this spring",
  "Not ready to sell to friends; open to trying the products",
  "Moving house this summer",
  "Partner is unsure; they want to talk it over at home",
};

/* ---- 5: the pipeline ---------------------------------------------------- */

static guint
pick_open_stage (Gen *g)
{
  /* A funnel: each stage holds fewer than the one before. */
  guint n = g->options->n_open_stages;
  guint total = n * (n + 1) / 2;
  guint r = dl_sample_rnd (g->rng, total);

  for (guint stage = 0; stage < n; stage++)
    {
      if (r < n - stage)
        return stage;
      r -= n - stage;
    }

  return n - 1;
}

static guint8
random_interest (Gen   *g,
                 double unknown)
{
  if (dl_sample_chance (g->rng, unknown))
    return DL_INTEREST_UNKNOWN;
  return (guint8) (DL_INTEREST_PRODUCT + dl_sample_rnd (g->rng, 3));
}

static guint8
random_qualification (Gen   *g,
                      double p)
{
  guint8 q = 0;

  for (guint bit = 0; bit < 4; bit++)
    if (dl_sample_chance (g->rng, p))
      q |= 1 << bit;

  return q;
}

static void
make_open_prospect (Gen              *g,
                    DlSampleProspect *pr,
                    guint32           person)
{
  guint stage = pick_open_stage (g);
  guint n_stages = g->options->n_open_stages;
  guint stale_days = MAX (1, g->options->open_stale_days[stage]);
  double progress = n_stages > 1 ? (double) stage / (n_stages - 1) : 0.5;
  DlDay today = g->today;
  guint age = 6 * stage + dl_sample_exp_days (g->rng, 30);
  DlDay created = today - 2 - (DlDay) MIN (365, age);
  DlDay last;
  guint r;

  pr->stage_kind = DL_STAGE_OPEN;
  pr->open_stage = (guint8) stage;
  pr->interest = random_interest (g, stage == 0 ? 0.55 : 0.1);
  pr->qualification = random_qualification (g, 0.2 + 0.5 * progress);

  /* Some prospects are left to go stale: no contact for longer than the
   * stage allows and nothing planned. */
  if (dl_sample_chance (g->rng, 0.2))
    {
      DlDay met;

      last = today - (DlDay) (stale_days + 1 + dl_sample_rnd (g->rng, 30));
      met = last - (DlDay) dl_sample_rnd (g->rng, 20);
      created = MIN (created, met);
      if (dl_sample_chance (g->rng, 0.6) || last >= today - 1)
        pr->next_follow_up = DL_DAY_NONE;
      else
        pr->next_follow_up = last + 1 + (DlDay) dl_sample_rnd (g->rng, today - 1 - last);
    }
  else
    {
      guint window = MAX (1, stale_days * 2 / 3);

      last = today - 1 - (DlDay) dl_sample_rnd (g->rng, window);
      created = MIN (created, last);
      r = dl_sample_rnd (g->rng, 100);
      if (r < 25 && last <= today - 2)
        pr->next_follow_up = last + 1 + (DlDay) dl_sample_rnd (g->rng, today - 1 - last);
      else if (r < 37)
        pr->next_follow_up = today;
      else if (r < 80)
        pr->next_follow_up = today + 1 + (DlDay) dl_sample_rnd (g->rng, 21);
      else
        pr->next_follow_up = DL_DAY_NONE;
    }

  pr->entered_stage_on = stage == 0 ? created : created + (DlDay) dl_sample_rnd (g->rng, last - created + 1);
  dl_sample_make_person (g, person, MET_PERSONALLY, created);
  g->prospect_last[pr - g->sample->prospects] = last;
}

static void
make_not_now_prospect (Gen              *g,
                       DlSampleProspect *pr,
                       guint32           person)
{
  DlDay entered = g->today - 5 - (DlDay) dl_sample_rnd (g->rng, 200);
  DlDay created = entered - 7 - (DlDay) dl_sample_rnd (g->rng, 60);

  pr->stage_kind = DL_STAGE_NOT_NOW;
  pr->interest = random_interest (g, 0.2);
  pr->qualification = random_qualification (g, 0.4);
  pr->entered_stage_on = entered;
  pr->next_follow_up = DL_DAY_NONE;
  pr->reason = (guint8) dl_sample_rnd (g->rng, G_N_ELEMENTS (not_now_reasons));
  /* Some revisits have come due already. */
  pr->revisit_on = entered + 30 + (DlDay) dl_sample_rnd (g->rng, 150);
  dl_sample_make_person (g, person, MET_PERSONALLY, created);
  g->prospect_last[pr - g->sample->prospects] = entered;
}

static void
make_joined_prospect (Gen              *g,
                      DlSampleProspect *pr,
                      guint32           member)
{
  DlSamplePerson *person = &g->sample->persons[member];
  DlDay joined_on = g->sample->members[member].joined_on;

  pr->stage_kind = DL_STAGE_JOINED;
  pr->interest = dl_sample_chance (g->rng, 0.5) ? DL_INTEREST_BUSINESS : DL_INTEREST_BOTH;
  pr->qualification = random_qualification (g, 0.8);
  pr->entered_stage_on = joined_on;
  pr->next_follow_up = DL_DAY_NONE;
  /* They were in the pipeline for a while before joining. */
  person->created_on = joined_on - 5 - (DlDay) dl_sample_rnd (g->rng, 50);
  if (person->source == SOURCE_NONE || dl_sample_sources[person->source].kind == SOURCE_TEAM)
    person->source = (guint8) (FIRST_MET + dl_sample_rnd (g->rng, N_MET));
  g->prospect_last[pr - g->sample->prospects] = joined_on;
}

void
dl_sample_make_prospects (Gen *g)
{
  DlSample *s = g->sample;
  const DlSampleOptions *o = g->options;
  guint n = o->n_prospects;
  guint32 joined[5];
  guint n_joined = 0;
  guint n_not_now = 0;
  guint n_open;
  guint32 person = s->n_members;
  guint counts[DL_SAMPLE_MAX_OPEN_STAGES] = { 0 };

  if (o->with_joined && n >= 10)
    n_joined = dl_sample_pick_joined (g, joined, MIN (G_N_ELEMENTS (joined), n / 20));
  if (o->with_not_now)
    n_not_now = (n * 7 + 50) / 100;
  if (o->n_open_stages == 0)
    n_not_now = o->with_not_now ? n - n_joined : 0;
  n_open = o->n_open_stages == 0 ? 0 : n - n_joined - n_not_now;
  n = n_open + n_not_now + n_joined;

  s->n_prospects = n;
  s->prospects = g_new0 (DlSampleProspect, n);
  g->prospect_last = g_new0 (DlDay, n);
  g->n_prospect_persons = n_open + n_not_now;

  for (guint k = 0; k < n_open; k++)
    make_open_prospect (g, &s->prospects[k], person + k);
  for (guint k = n_open; k < n_open + n_not_now; k++)
    make_not_now_prospect (g, &s->prospects[k], person + k);
  for (guint k = 0; k < n_joined; k++)
    make_joined_prospect (g, &s->prospects[n_open + n_not_now + k], joined[k]);

  /* Persons in stage order, so the board reads like the file.  A stable
   * sort: qsort is not, so do it by counting. */
  {
    g_autofree DlSampleProspect *sorted = g_new (DlSampleProspect, n_open);
    g_autofree DlDay *sorted_last = g_new (DlDay, n_open);
    g_autofree DlSamplePerson *sorted_persons = g_new (DlSamplePerson, n_open);
    guint offsets[DL_SAMPLE_MAX_OPEN_STAGES] = { 0 };

    for (guint k = 0; k < n_open; k++)
      counts[s->prospects[k].open_stage]++;
    for (guint st = 1; st < o->n_open_stages; st++)
      offsets[st] = offsets[st - 1] + counts[st - 1];
    for (guint k = 0; k < n_open; k++)
      {
        guint to = offsets[s->prospects[k].open_stage]++;

        sorted[to] = s->prospects[k];
        sorted[to].person = person + to;
        sorted_last[to] = g->prospect_last[k];
        sorted_persons[to] = s->persons[person + k];
      }
    memcpy (s->prospects, sorted, n_open * sizeof *sorted);
    memcpy (g->prospect_last, sorted_last, n_open * sizeof *sorted_last);
    memcpy (&s->persons[person], sorted_persons, n_open * sizeof *sorted_persons);
  }

  memset (counts, 0, sizeof counts);
  for (guint k = 0; k < n; k++)
    {
      DlSampleProspect *pr = &s->prospects[k];

      if (k >= n_open && k < n_open + n_not_now)
        pr->person = person + k;
      else if (k >= n_open + n_not_now)
        pr->person = joined[k - n_open - n_not_now];
      pr->entered_stage_second = 8 * 3600 + dl_sample_rnd (g->rng, 14 * 3600);
      switch (pr->stage_kind)
        {
        case DL_STAGE_OPEN:
          pr->position = counts[pr->open_stage]++;
          break;
        case DL_STAGE_JOINED:
        case DL_STAGE_NOT_NOW:
        default:
          pr->position = k - (pr->stage_kind == DL_STAGE_JOINED ? n_open + n_not_now : n_open);
          break;
        }
    }
}

const char *
dl_sample_reason_text (guint reason)
{
  g_return_val_if_fail (reason < G_N_ELEMENTS (not_now_reasons), "");
  return not_now_reasons[reason];
}

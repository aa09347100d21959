/* dl-sample-tree.c — the sample business's tree, statuses and ranks (steps 1–4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-sample"

#include "dl-sample-private.h"

#include <math.h>

/* Days in which a newcomer's enthusiasm multiplies their weight. */
#define FRESH_DAYS        60
#define FRESH_BOOST       6
#define USER_DRIVE        150

typedef struct
{
  guint64 *tree;
  guint    n;
  guint    top;      /* highest power of two <= n */
} Fenwick;

typedef struct
{
  guint64 *keys;     /* day << 32 | member, a min-heap */
  guint    len;
} Heap;

static void
fenwick_init (Fenwick *f,
              guint    n)
{
  f->n = n;
  f->tree = g_new0 (guint64, n + 1);
  f->top = 1;
  while (f->top * 2 <= n)
    f->top *= 2;
}

static void
fenwick_add (Fenwick *f,
             guint    i,
             guint64  delta)
{
  /* delta may be a negative number cast to unsigned: it wraps back. */
  for (i++; i <= f->n; i += i & -i)
    f->tree[i] += delta;
}

/* The index whose weight range holds target (0 <= target < total). */
static guint
fenwick_find (const Fenwick *f,
              guint64        target)
{
  guint pos = 0;

  for (guint step = f->top; step > 0; step >>= 1)
    {
      if (pos + step <= f->n && f->tree[pos + step] <= target)
        {
          pos += step;
          target -= f->tree[pos];
        }
    }

  return pos;
}

static void
heap_push (Heap    *h,
           guint64  key)
{
  guint i = h->len++;

  while (i > 0 && h->keys[(i - 1) / 2] > key)
    {
      h->keys[i] = h->keys[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h->keys[i] = key;
}

static guint64
heap_pop (Heap *h)
{
  guint64 top = h->keys[0];
  guint64 last = h->keys[--h->len];
  guint i = 0;

  for (;;)
    {
      guint child = 2 * i + 1;

      if (child >= h->len)
        break;
      if (child + 1 < h->len && h->keys[child + 1] < h->keys[child])
        child++;
      if (h->keys[child] >= last)
        break;
      h->keys[i] = h->keys[child];
      i = child;
    }
  if (h->len > 0)
    h->keys[i] = last;

  return top;
}

typedef struct
{
  const char *name;
  guint       min_downline;
  guint       min_recruits;
} Rank;

/* Index 0 is a customer's (no rank).  Higher ranks need a bigger team. */
static const Rank ranks[] = {
  { "", 0, 0 },
  { "Member", 0, 0 },
  { "Bronze", 2, 1 },
  { "Silver", 10, 3 },
  { "Gold", 40, 4 },
  { "Platinum", 150, 6 },
  { "Diamond", 600, 8 },
};

/* ---- 1–2: the tree ------------------------------------------------------ */

static DlDay *
make_join_days (Gen   *g,
                guint  n)
{
  /* The business grows: the join rate ends about three times what it
   * started at.  A counting sort puts the days in order. */
  const double growth = 1.1;
  const guint span = DL_SAMPLE_SPAN_DAYS;
  guint *count = g_new0 (guint, span + 1);
  DlDay *days = g_new (DlDay, n);
  guint k = 0;

  for (guint i = 0; i < n; i++)
    {
      double u = g_rand_double (g->rng);
      double x = log (1.0 + u * (exp (growth) - 1.0)) / growth;
      guint offset = 1 + (guint) (x * span);

      count[MIN (offset, span)]++;
    }
  for (guint offset = 1; offset <= span; offset++)
    for (guint c = 0; c < count[offset]; c++)
      days[k++] = g->start + (DlDay) offset;

  g_free (count);
  return days;
}

/* How much a member wants to recruit, and for how long they stay. */
static void
draw_member_nature (Gen     *g,
                    guint32  i)
{
  DlSampleMember *m = &g->sample->members[i];
  guint r = dl_sample_rnd (g->rng, 100);
  guint lifetime;
  guint short_pct, medium_pct;

  if (dl_sample_chance (g->rng, 0.22))
    {
      m->role = DL_ROLE_CUSTOMER;
      g->drive[i] = 0;
      short_pct = 45;
      medium_pct = 30;
    }
  else if (r < 55)
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 0;
      short_pct = 60;
      medium_pct = 25;
    }
  else if (r < 85)
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 1;
      short_pct = 40;
      medium_pct = 35;
    }
  else if (r < 97)
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 3;
      short_pct = 20;
      medium_pct = 40;
    }
  else
    {
      m->role = DL_ROLE_DISTRIBUTOR;
      g->drive[i] = 6;
      short_pct = 5;
      medium_pct = 25;
    }

  r = dl_sample_rnd (g->rng, 100);
  if (r < short_pct)
    lifetime = dl_sample_exp_days (g->rng, 75);
  else if (r < short_pct + medium_pct)
    lifetime = dl_sample_exp_days (g->rng, 300);
  else
    lifetime = 700 + dl_sample_rnd (g->rng, 2500);

  g->until[i] = m->joined_on + (DlDay) lifetime;
  if (g->until[i] >= g->today)
    g->until[i] = STILL_GOING;
}

typedef struct
{
  Fenwick  weights;
  guint64  total;
  guint32 *current;   /* each member's weight now in the Fenwick tree */
  guint8  *in_pool;
} Pool;

static guint32
pool_weight (Gen     *g,
             Pool    *pool,
             guint32  i,
             DlDay    day)
{
  const DlSampleMember *m = &g->sample->members[i];
  guint64 w;

  if (!pool->in_pool[i])
    return 0;
  /* The user recruits at a steady pace; their share falls as the team's
   * own recruiting takes over, as it does in a growing business. */
  if (i == 0)
    return USER_DRIVE;
  /* Success breeds success, up to the pace one person can keep: with a
   * linear weight one strong recruiter ends up sponsoring most of the
   * tree.  8 for a first-timer, tenfold at most. */
  w = (guint64) g->drive[i] * 80 * (1 + m->n_recruits) / (10 + m->n_recruits);
  if (day - m->joined_on < FRESH_DAYS)
    w *= FRESH_BOOST;

  return (guint32) MIN (w, G_MAXUINT32 / 4);
}

static void
pool_reweigh (Gen     *g,
              Pool    *pool,
              guint32  i,
              DlDay    day)
{
  guint32 w = pool_weight (g, pool, i, day);

  if (w != pool->current[i])
    {
      fenwick_add (&pool->weights, i, (guint64) w - (guint64) pool->current[i]);
      pool->total += (guint64) w - (guint64) pool->current[i];
      pool->current[i] = w;
    }
}

void
dl_sample_grow_tree (Gen *g)
{
  DlSample *s = g->sample;
  guint n = s->n_members;
  g_autofree DlDay *join_days = make_join_days (g, n - 1);
  Pool pool;
  Heap ends = { g_new (guint64, n), 0 };
  guint32 fresh_next = 1;

  fenwick_init (&pool.weights, n);
  pool.total = 0;
  pool.current = g_new0 (guint32, n);
  pool.in_pool = g_new0 (guint8, n);

  s->members[0].sponsor = DL_SAMPLE_NONE;
  s->members[0].joined_on = g->start;
  s->members[0].role = DL_ROLE_DISTRIBUTOR;
  g->drive[0] = USER_DRIVE;
  g->until[0] = STILL_GOING;
  pool.in_pool[0] = TRUE;
  pool_reweigh (g, &pool, 0, g->start);

  for (guint32 i = 1; i < n; i++)
    {
      DlSampleMember *m = &s->members[i];
      DlDay day = join_days[i - 1];
      guint64 target;
      guint32 sponsor;

      m->joined_on = day;
      draw_member_nature (g, i);

      /* Enthusiasm cools, and nobody recruits once they have gone quiet. */
      while (fresh_next < i && s->members[fresh_next].joined_on + FRESH_DAYS <= day)
        pool_reweigh (g, &pool, fresh_next++, day);
      while (ends.len > 0 && (DlDay) (ends.keys[0] >> 32) < day)
        {
          guint32 gone = (guint32) (heap_pop (&ends) & G_MAXUINT32);

          pool.in_pool[gone] = FALSE;
          pool_reweigh (g, &pool, gone, day);
        }

      /* The user never leaves the pool, so the total is never zero. */
      target = ((guint64) g_rand_int (g->rng) << 32) | g_rand_int (g->rng);
      sponsor = fenwick_find (&pool.weights, target % pool.total);
      g_assert (sponsor < i && pool.in_pool[sponsor]);

      m->sponsor = sponsor;
      m->level = s->members[sponsor].level + 1;
      s->members[sponsor].n_recruits++;
      if (g->first_recruit[sponsor] == DL_DAY_NONE)
        g->first_recruit[sponsor] = day;
      pool_reweigh (g, &pool, sponsor, day);

      if (g->drive[i] > 0 && m->level < DL_SAMPLE_MAX_DEPTH)
        {
          pool.in_pool[i] = TRUE;
          pool_reweigh (g, &pool, i, day);
          if (g->until[i] != STILL_GOING)
            heap_push (&ends, ((guint64) g->until[i] << 32) | i);
        }
    }

  g_free (pool.weights.tree);
  g_free (pool.current);
  g_free (pool.in_pool);
  g_free (ends.keys);
}

/* The company hands out numbers in sign-up order, with the sign-ups of
 * other teams in between: increasing, unique, eight digits.  (Being in
 * insertion order also keeps the UNIQUE index on them cheap to fill.) */
void
dl_sample_number_members (Gen *g)
{
  DlSample *s = g->sample;
  guint max_gap = (guint) MIN (60, 80000000u / MAX (s->n_members, 1));
  guint32 number = 10000000 + dl_sample_rnd (g->rng, 9000000);

  for (guint32 i = 0; i < s->n_members; i++)
    {
      s->members[i].number = number;
      number += 1 + dl_sample_rnd (g->rng, MAX (max_gap, 1));
    }
}

/* ---- 3–4: statuses and ranks -------------------------------------------- */

void
dl_sample_settle_statuses (Gen *g)
{
  DlSample *s = g->sample;
  DlSampleMember *user = &s->members[0];

  user->status = DL_MEMBER_ACTIVE;
  user->last_activity = g->today - 1 - (DlDay) dl_sample_rnd (g->rng, 3);

  for (guint32 i = 1; i < s->n_members; i++)
    {
      DlSampleMember *m = &s->members[i];
      DlDay until = g->until[i];

      if (until == STILL_GOING)
        {
          DlDay recent = g->today - (DlDay) dl_sample_exp_days (g->rng, 10);

          m->status = DL_MEMBER_ACTIVE;
          m->last_activity = MAX (m->joined_on, recent);
        }
      else if (g->today - until < INACTIVE_AFTER)
        {
          /* Still active on paper, but cooling. */
          m->status = DL_MEMBER_ACTIVE;
          m->last_activity = until;
        }
      else
        {
          DlDay inactive_on = until + INACTIVE_AFTER;
          DlDay dropped_on = DL_DAY_NONE;

          /* Some never say they quit; they just stay inactive. */
          if (dl_sample_chance (g->rng, 0.8))
            dropped_on = inactive_on + 30 + (DlDay) dl_sample_rnd (g->rng, 270);

          m->last_activity = until;
          if (dropped_on != DL_DAY_NONE && dropped_on <= g->today)
            {
              m->status = DL_MEMBER_DROPPED;
              m->status_since = dropped_on;
            }
          else
            {
              m->status = DL_MEMBER_INACTIVE;
              m->status_since = inactive_on;
            }
        }

      if (m->status == DL_MEMBER_ACTIVE && m->level <= 2 && dl_sample_chance (g->rng, 0.02))
        m->snoozed_until = g->today + 1 + (DlDay) dl_sample_rnd (g->rng, 21);
      if (m->status == DL_MEMBER_ACTIVE && m->level == 1 && dl_sample_chance (g->rng, 0.04))
        {
          static const guint16 overrides[] = { 7, 21, 30, 60 };

          m->cadence_days = overrides[dl_sample_rnd (g->rng, G_N_ELEMENTS (overrides))];
        }
    }
}

/* A few of the newest members were the user's own prospects a few weeks
 * ago: they are personal recruits, and stay on the pipeline's Joined
 * column.  A newest member who is nobody's sponsor yet may be moved under
 * the user to make up the number; nothing below them changes. */
guint
dl_sample_pick_joined (Gen     *g,
                       guint32 *joined,
                       guint    max)
{
  DlSample *s = g->sample;
  guint n = 0;

  for (guint32 i = s->n_members - 1; i >= 1 && n < max; i--)
    {
      DlSampleMember *m = &s->members[i];

      if (g->today - m->joined_on > 30)
        break;
      /* Their sign-up is logged, and the log never reaches today. */
      if (m->joined_on >= g->today)
        continue;
      if (m->status != DL_MEMBER_ACTIVE || m->role != DL_ROLE_DISTRIBUTOR)
        continue;
      if (m->level != 1)
        {
          if (m->n_recruits > 0)
            continue;
          s->members[m->sponsor].n_recruits--;
          m->sponsor = 0;
          m->level = 1;
          s->members[0].n_recruits++;
        }
      joined[n++] = i;
    }

  return n;
}

void
dl_sample_rank_members (Gen *g)
{
  DlSample *s = g->sample;

  for (guint32 i = s->n_members - 1; i >= 1; i--)
    s->members[s->members[i].sponsor].downline += s->members[i].downline + 1;

  /* First recruits again: dl_sample_pick_joined may have moved a member. */
  for (guint32 i = 0; i < s->n_members; i++)
    g->first_recruit[i] = DL_DAY_NONE;

  for (guint32 i = 0; i < s->n_members; i++)
    {
      DlSampleMember *m = &s->members[i];

      if (i > 0 && g->first_recruit[m->sponsor] == DL_DAY_NONE)
        g->first_recruit[m->sponsor] = m->joined_on;
      s->max_depth = MAX (s->max_depth, m->level);
      if (m->role == DL_ROLE_CUSTOMER)
        {
          m->rank = 0;
          continue;
        }
      m->rank = 1;
      for (guint r = G_N_ELEMENTS (ranks) - 1; r > 1; r--)
        if (m->downline >= ranks[r].min_downline && m->n_recruits >= ranks[r].min_recruits)
          {
            m->rank = r;
            break;
          }
    }
}

const char *
dl_sample_rank_name (guint rank)
{
  g_return_val_if_fail (rank < G_N_ELEMENTS (ranks), "");
  return ranks[rank].name;
}

/* bench-tree-source.h — the tree the downline benchmarks lay out and draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Either a plain "id,sponsor_id" file (one member a line, a header line
 * allowed, sponsor 0 or empty for the root; the first row is the user), so
 * other tools can lay out the very same tree, or the sample generator's
 * business of N members, made in memory without a database.
 */

#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "dl-day.h"
#include "dl-sample.h"
#include "dl-tree.h"

static inline DlTree *
bench_tree_from_csv (const char  *path,
                     GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(DlTreeBuilder) builder = dl_tree_builder_new (1024);
  gint64 root = -1;
  guint line_no = 0;
  char *line, *next;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;

  for (line = text; line != NULL && *line != '\0'; line = next)
    {
      DlTreeNode row;
      char *end;
      gint64 id, sponsor = 0;

      next = strchr (line, '\n');
      if (next != NULL)
        *next++ = '\0';
      line_no++;
      g_strstrip (line);
      if (*line == '\0' || *line == '#' || (line_no == 1 && !g_ascii_isdigit (*line)))
        continue;

      id = g_ascii_strtoll (line, &end, 10);
      if (end == line || (*end != ',' && *end != '\0'))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: expected “id,sponsor_id”", path, line_no);
          return NULL;
        }
      if (*end == ',' && end[1] != '\0')
        sponsor = g_ascii_strtoll (end + 1, NULL, 10);

      memset (&row, 0, sizeof row);
      row.person_id = id;
      row.sponsor_id = sponsor;
      row.name = "Member";
      row.joined_on = DL_DAY_NONE;
      row.status_since = DL_DAY_NONE;
      row.last_activity = DL_DAY_NONE;
      row.last_contact = DL_DAY_NONE;
      row.snoozed_until = DL_DAY_NONE;
      dl_tree_builder_add (builder, &row);
      if (root < 0)
        root = id;
    }

  return dl_tree_builder_finish (builder, root, error);
}

/* The sample business of n_members, with the dates the colours need. */
static inline DlTree *
bench_tree_from_sample (guint n_members,
                        DlDay today)
{
  DlSampleOptions options;
  DlSample *sample;
  g_autoptr(DlTreeBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  DlTree *tree;

  dl_sample_options_init (&options, n_members, 1, today);
  sample = dl_sample_new (&options);
  builder = dl_tree_builder_new (sample->n_members);
  for (guint i = 0; i < sample->n_members; i++)
    {
      const DlSampleMember *m = &sample->members[i];
      DlTreeNode row;
      guint32 last = sample->last_contact[i];

      memset (&row, 0, sizeof row);
      row.person_id = i + 1;
      row.sponsor_id = m->sponsor == DL_SAMPLE_NONE ? 0 : m->sponsor + 1;
      row.name = "Alex Member";
      row.status = m->status;
      row.role = m->role;
      row.joined_on = m->joined_on;
      row.status_since = m->status_since;
      row.last_activity = m->last_activity;
      row.snoozed_until = m->snoozed_until;
      row.cadence_override = m->cadence_days;
      row.last_contact = last == DL_SAMPLE_NONE ? DL_DAY_NONE : sample->interactions[last].day;
      row.rank = dl_tree_builder_intern_rank (builder, dl_sample_rank_name (m->rank));
      dl_tree_builder_add (builder, &row);
    }
  dl_sample_free (sample);
  tree = dl_tree_builder_finish (builder, 1, &error);
  if (tree == NULL)
    g_error ("bench: %s", error->message);

  return tree;
}

/* argv[1]: a number of members or a path to an id,sponsor_id file. */
static inline DlTree *
bench_tree_from_args (int         argc,
                      char      **argv,
                      guint       default_members,
                      DlDay       today)
{
  g_autoptr(GError) error = NULL;
  guint64 n = default_members;

  if (argc > 1 && !g_ascii_isdigit (argv[1][0]))
    {
      DlTree *tree = bench_tree_from_csv (argv[1], &error);

      if (tree == NULL)
        {
          fprintf (stderr, "%s: %s\n", argv[0], error->message);
          exit (2);
        }
      return tree;
    }
  if (argc > 1 && !g_ascii_string_to_unsigned (argv[1], 10, 1, DL_SAMPLE_MAX_MEMBERS, &n, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      exit (2);
    }

  return bench_tree_from_sample ((guint) n, today);
}

/* dl-downline-cli.c — exporting the tree from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing as the window, without one: no display is needed.
 */

#define G_LOG_DOMAIN "dl-downline-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "dl-day.h"
#include "dl-downline-cli.h"
#include "dl-clock.h"
#include "dl-settings.h"
#include "dl-store-downline.h"
#include "dl-tree-export.h"

#define EXIT_USAGE 2

static int
usage_error (const char *message)
{
  g_printerr ("downline: %s\n", message);
  g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
  return EXIT_USAGE;
}

/* digits at *p, at most six, into *value; FALSE when there are none */
static gboolean
read_size (const char **p,
           guint64     *value)
{
  guint n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p) && n < 6)
    {
      *value = *value * 10 + (guint64) (**p - '0');
      (*p)++;
      n++;
    }
  return n > 0;
}

/* "1920x1080" (or 1920×1080), each side from 64 to 20000.  Read by hand:
 * the suite saw this refuse "800x600" now and then through GString and
 * g_ascii_string_to_unsigned, and a size needs neither. */
static gboolean
parse_fit (const char *text,
           guint64    *width,
           guint64    *height)
{
  const char *p = text;
  guint64 w, h;

  if (!read_size (&p, &w))
    return FALSE;
  if (*p == 'x' || *p == 'X')
    p++;
  else if (g_str_has_prefix (p, "×"))
    p += strlen ("×");
  else
    return FALSE;
  if (!read_size (&p, &h) || *p != '\0')
    return FALSE;
  if (w < 64 || w > 20000 || h < 64 || h > 20000)
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}

int
dl_downline_cli_run (GVariantDict *options)
{
  const char *db = NULL, *out = NULL, *root_number = NULL, *fit = NULL;
  guint64 fit_width = 0, fit_height = 0;
  g_autoptr(GFile) db_file = NULL;
  g_autoptr(GFile) out_file = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *out_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) store = NULL;
  g_autoptr(DlTree) tree = NULL;
  DlExportFormat format;
  DlLayout *layout;
  DlTreeFacts *facts;
  DlRenderView view;
  gint64 root = -1;
  gboolean ok;

  g_variant_dict_lookup (options, "root", "&s", &root_number);
  g_variant_dict_lookup (options, "fit", "&s", &fit);
  if (!g_variant_dict_lookup (options, "export-tree", "^&ay", &out))
    {
      if (root_number != NULL)
        return usage_error (_("--root only makes sense with --export-tree."));
      if (fit != NULL)
        return usage_error (_("--fit only makes sense with --export-tree."));
      return -1;
    }
  if (fit != NULL && !parse_fit (fit, &fit_width, &fit_height))
    {
      g_autofree char *message = g_strdup_printf (_("--fit takes a size as WxH, from 64 to 20000 each way, such as 1920x1080, not “%s”."), fit);

      return usage_error (message);
    }
  if (!g_variant_dict_lookup (options, "db", "^&ay", &db))
    return usage_error (_("--export-tree needs --db FILE: name the database to draw."));

  out_file = g_file_new_for_commandline_arg (out);
  out_path = g_file_get_path (out_file);
  if (out_path == NULL || !dl_tree_export_format_for_path (out_path, &format, &error))
    return usage_error (error != NULL ? error->message : _("--export-tree needs a file on this computer."));

  db_file = g_file_new_for_commandline_arg (db);
  db_path = g_file_get_path (db_file);
  if (db_path == NULL)
    {
      g_printerr (_("downline: there is no database at “%s”.\n"), db);
      return EXIT_FAILURE;
    }
  /* Drawing must never create a database as a side effect: a missing or
   * empty file is refused by the store, which says which. */
  store = dl_store_open_full (db_path, DL_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }
  dl_store_set_started_on (store, dl_settings_get_first_use (dl_settings_get_default (), db_path,
                                                             dl_clock_get_today (dl_clock_get_default ()), FALSE));
  tree = dl_store_load_tree (store, &error);
  if (tree == NULL)
    {
      g_printerr ("downline: %s\n", error->message);
      dl_store_close (store);
      return EXIT_FAILURE;
    }
  if (dl_tree_get_n_nodes (tree) == 0)
    {
      g_printerr (_("downline: “%s” has no members to draw yet.\n"), db_path);
      dl_store_close (store);
      return EXIT_FAILURE;
    }
  if (root_number != NULL)
    {
      gint64 person = dl_store_find_member_by_number (store, root_number, &error);

      if (person == 0 || (root = dl_tree_find (tree, person)) < 0)
        {
          g_printerr ("downline: %s\n", error != NULL ? error->message : _("That member is not in the downline."));
          dl_store_close (store);
          return EXIT_FAILURE;
        }
    }
  /* everything needed is in the tree: the file is let go before drawing */
  dl_store_close (store);

  layout = dl_layout_new (tree);
  dl_layout_expand_all (layout);
  if (root >= 0)
    dl_layout_set_root (layout, root);
  /* the drawing takes the page's shape, less the legend's column */
  if (fit != NULL)
    dl_layout_set_aspect (layout, MAX ((double) fit_width - 238, 64) / fit_height);
  dl_layout_run (layout);
  {
    DlCadence cadence;
    DlDay today = dl_clock_get_today (dl_clock_get_default ());

    dl_settings_get_cadence (dl_settings_get_default (), &cadence);
    facts = dl_tree_facts_new_full (tree, &cadence, today,
                                    dl_settings_get_first_use (dl_settings_get_default (), db_path, today, FALSE));
  }

  dl_render_view_init (&view);
  view.layout = layout;
  view.facts = facts;
  if (fit != NULL)
    ok = dl_tree_export_fit_to_file (&view, fit_width, fit_height, out_path, &error);
  else
    ok = dl_tree_export_to_file (&view, TRUE, out_path, &error);
  dl_tree_facts_free (facts);
  dl_layout_free (layout);
  if (!ok)
    {
      g_printerr ("downline: %s\n", error->message);
      return EXIT_FAILURE;
    }
  {
    guint drawn = root >= 0 ? dl_tree_get_node (tree, root)->subtree_size : dl_tree_get_n_nodes (tree);

    g_print (g_dngettext (GETTEXT_PACKAGE, "Drew %u member into %s.\n", "Drew %u members into %s.\n", drawn),
             drawn, out_path);
  }
  return EXIT_SUCCESS;
}

/* dl-transfer-cli.c — imports, exports and backups from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For scripts: no window opens, the report goes to stderr, and the exit
 * status says what happened (0 done, 1 failed or rows rejected, 2 the
 * command line itself is wrong).
 */

#define G_LOG_DOMAIN "dl-transfer"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "dl-clock.h"
#include "dl-name.h"
#include "dl-rules.h"
#include "dl-settings.h"
#include "dl-store-export.h"
#include "dl-store-import.h"
#include "dl-store-periods.h"
#include "dl-store-risk.h"
#include "dl-transfer-cli.h"

#define EXIT_USAGE 2

/* How many rejected rows or changes the report lists before "…and N more". */
#define REPORT_LINES 50

/* the plan keeps the lines printed */
G_STATIC_ASSERT (REPORT_LINES <= DL_IMPORT_PLAN_LINES);

static int
usage_error (const char *message)
{
  g_printerr ("downline: %s\n", message);
  g_printerr (_("Run “%s --help” to see the options.\n"), "downline");
  return EXIT_USAGE;
}

static int
failure (const GError *error)
{
  g_printerr ("downline: %s\n", error->message);
  return EXIT_FAILURE;
}

static void
print_problems (GArray     *problems,
                const char *title)
{
  if (problems->len == 0)
    return;

  g_printerr ("%s\n", title);
  for (guint i = 0; i < problems->len && i < REPORT_LINES; i++)
    {
      DlImportProblem *p = &g_array_index (problems, DlImportProblem, i);

      g_printerr (_("  line %u: %s\n"), p->line, p->reason);
    }
  if (problems->len > REPORT_LINES)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  …and %u more\n", "  …and %u more\n", problems->len - REPORT_LINES),
                problems->len - REPORT_LINES);
}

/* The first of n lines, of which lines has the first ones at least. */
static void
print_first_lines (GPtrArray  *lines,
                   guint       n,
                   const char *title)
{
  if (n == 0)
    return;

  g_printerr ("%s\n", title);
  for (guint i = 0; i < lines->len && i < REPORT_LINES; i++)
    g_printerr ("  %s\n", (char *) lines->pdata[i]);
  if (n > REPORT_LINES)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "  …and %u more\n", "  …and %u more\n", n - REPORT_LINES),
                n - REPORT_LINES);
}

static void
print_lines (GPtrArray  *lines,
             const char *title)
{
  print_first_lines (lines, lines->len, title);
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ';':
      return _("semicolon-separated");
    case '\t':
      return _("tab-separated");
    default:
      return _("comma-separated");
    }
}

/* Usage errors are found before anything is opened or created. */
static int
check_import_options (GVariantDict *options)
{
  const char *word = NULL;

  if (g_variant_dict_lookup (options, "unknown-sponsor", "&s", &word) &&
      !g_str_equal (word, "none") && !g_str_equal (word, "user"))
    return usage_error (_("--unknown-sponsor takes “user” or “none”"));
  if (g_variant_dict_lookup (options, "me", "&s", &word) && word[strspn (word, " \t")] == '\0')
    return usage_error (_("--me takes your member number as the back office writes it, e.g. --me 1001"));
  if (g_variant_dict_lookup (options, "sponsor-means", "&s", &word) &&
      !g_str_equal (word, "enroller") && !g_str_equal (word, "placement"))
    {
      g_autofree char *message =
        g_strdup_printf (_("--sponsor-means takes “enroller” (the sponsor column says who enrolled each member) "
                           "or “placement” (where the company placed them), not “%s”"), word);

      return usage_error (message);
    }
  if (g_variant_dict_lookup (options, "date-order", "&s", &word) &&
      !g_str_equal (word, "dmy") && !g_str_equal (word, "mdy"))
    return usage_error (_("--date-order takes “dmy” (day/month/year) or “mdy” (month/day/year)"));
  if (g_variant_dict_lookup (options, "period", "&s", &word) && dl_period_parse (word) == DL_PERIOD_NONE)
    {
      g_autofree char *message = g_strdup_printf (_("--period takes a month as YYYY-MM, such as 2026-11 (not “%s”)"), word);

      return usage_error (message);
    }
  {
    g_autofree const char **maps = NULL;

    if (g_variant_dict_lookup (options, "map", "^a&s", &maps))
      for (guint i = 0; maps[i] != NULL; i++)
        {
          const char *eq = strchr (maps[i], '=');
          g_autofree char *key = eq != NULL ? g_strndup (maps[i], (gsize) (eq - maps[i])) : NULL;
          DlCsvField field;

          if (key == NULL || eq[1] == '\0' || !dl_csv_field_from_key (g_strstrip (key), &field))
            {
              g_autofree char *message =
                g_strdup_printf (_("--map takes FIELD=COLUMN, FIELD one of member, sponsor (the enroller), "
                                   "placement, side, first-name, last-name, name, joined, rank, paid-rank, "
                                   "status, terminated, email, phone, last-order, first-order, next-autoship, "
                                   "renewal, city, country, role, pv, gv, left-volume, right-volume, "
                                   "qualified, autoship, ignore (not “%s”)"), maps[i]);
              return usage_error (message);
            }
        }
  }

  return -1;
}

/* Who the user is in the file: --me, or for a database that does not
 * know their member number yet, the top of the file
 * (dl_csv_guess_user()).  The number goes into the profile, so the
 * user's own row updates them and the members they enrolled become
 * their personal recruits.  A database with no profile yet gets one
 * from the user's row. */
static gboolean
choose_user (DlStore            *store,
             const DlCsvTable   *table,
             const DlCsvMapping *mapping,
             const char         *me,
             GError            **error)
{
  g_autoptr(DlProfile) profile = dl_store_get_profile (store);
  g_autofree char *number = NULL;
  gboolean in_file = TRUE;
  guint top = 0;
  int row = -1;
  int member_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_MEMBER_NUMBER);

  if (me != NULL)
    number = g_strstrip (g_strdup (me));
  else if (!dl_store_import_needs_user (store))
    return TRUE;   /* the user is known, or the business is: nothing to guess */
  else
    number = dl_csv_guess_user (table, mapping, &in_file, &top);
  if (number == NULL)
    return TRUE;

  /* the user's row, if the file has one */
  if (me == NULL && in_file)
    row = (int) top;
  else if (member_column >= 0)
    for (guint r = 1; r < dl_csv_table_get_n_rows (table) && row < 0; r++)
      {
        g_autofree char *cell = NULL;

        /* "900057 (Ana Ruiz)" is member 900057 */
        dl_csv_split_member_cell (dl_csv_table_get (table, r, (guint) member_column), &cell, NULL);
        if (g_str_equal (dl_member_number_key (g_strstrip (cell)), dl_member_number_key (number)))
          row = (int) r;
      }

  if (profile == NULL)
    {
      g_autoptr(DlPerson) person = dl_person_new ();
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      int first_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_FIRST_NAME);
      int last_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_LAST_NAME);
      int full_column = dl_csv_mapping_find (mapping, DL_CSV_FIELD_FULL_NAME);

      /* nobody to name the profile after: the app asks when it opens */
      if (row < 0)
        {
          g_printerr (_("You seem to be member %s: every member at the top of the file names that "
                        "number as their enroller. Give it as your member number in your profile when "
                        "Downline first opens.\n"), number);
          return TRUE;
        }
      if (full_column >= 0)
        dl_name_split (dl_csv_table_get (table, (guint) row, (guint) full_column), &first, &last);
      else
        {
          first = g_strdup (first_column >= 0 ? dl_csv_table_get (table, (guint) row, (guint) first_column) : "");
          last = g_strdup (last_column >= 0 ? dl_csv_table_get (table, (guint) row, (guint) last_column) : "");
        }
      /* no name cells: the name beside the number ("900057 (Ana Ruiz)") */
      if (*g_strstrip (first) == '\0' && *g_strstrip (last) == '\0' && member_column >= 0)
        {
          g_autofree char *beside = NULL;

          dl_csv_split_member_cell (dl_csv_table_get (table, (guint) row, (guint) member_column), NULL, &beside);
          if (beside != NULL)
            {
              g_free (first);
              g_free (last);
              dl_name_split (beside, &first, &last);
            }
        }
      dl_person_set_first_name (person, g_strstrip (first));
      dl_person_set_last_name (person, g_strstrip (last));
      profile = dl_profile_new ();
      dl_profile_set_person (profile, person);
    }
  else if (g_str_equal (dl_member_number_key (dl_profile_get_member_number (profile)), dl_member_number_key (number)))
    return TRUE;

  dl_profile_set_member_number (profile, number);
  if (!dl_store_save_profile (store, profile, error))
    return FALSE;

  if (me != NULL)
    g_printerr (_("You are member %s (--me).\n"), number);
  else if (in_file)
    /* Translators: member number and the line of the file */
    g_printerr (_("You are member %s, at the top of the file (line %u); if you are someone else, "
                  "use --me with your member number.\n"),
                number, dl_csv_table_get_line (table, top));
  else
    g_printerr (_("You are member %s: no row has that number, and every member at the top of the file "
                  "names it as their enroller, so they are your personal recruits. If you are someone "
                  "else, use --me with your member number.\n"), number);
  return TRUE;
}

static int
run_import_csv (DlStore      *store,
                const char   *path,
                GVariantDict *options,
                guint        *n_imported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlCsvTable) table = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(DlCsvMapping) mapping = NULL;
  g_autoptr(DlImportResult) result = NULL;
  g_autoptr(DlImportPlan) plan = NULL;
  DlImportKept kept = { 0, };
  g_autoptr(DlStringSet) known = NULL;
  g_autoptr(GHashTable) qualified = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(GString) columns = g_string_new (NULL);
  const char *order_word = NULL;
  const char *sponsor_word = NULL;
  const char *means_word = NULL;
  const char *record_period = NULL;
  gboolean saved_mapping = FALSE;
  char this_month[8];
  g_autofree char *layout = NULL;
  gboolean skip_bad = g_variant_dict_contains (options, "skip-bad-rows");
  gboolean needs_order = FALSE;
  gboolean conflict = FALSE;
  DlUnknownSponsor policy = DL_UNKNOWN_SPONSOR_USER;
  DlDateOrder order;
  DlPeriod period;

  /* the words were checked before the database was opened */
  if (g_variant_dict_lookup (options, "unknown-sponsor", "&s", &sponsor_word) &&
      g_str_equal (sponsor_word, "none"))
    policy = DL_UNKNOWN_SPONSOR_NONE;
  g_variant_dict_lookup (options, "date-order", "&s", &order_word);

  table = dl_csv_table_new_from_file (path, &error);
  if (table == NULL)
    return failure (error);

  /* the month the import is of: its figures' month, else this one */
  if (!g_variant_dict_lookup (options, "period", "&s", &record_period))
    {
      dl_period_format (dl_period_of_day (dl_clock_get_today (dl_clock_get_default ())), this_month);
      record_period = this_month;
    }
  mapping = dl_csv_mapping_guess (table);
  layout = dl_csv_table_layout_key (table);
  {
    DlDay on = DL_DAY_NONE;
    g_autofree char *saved = dl_store_find_saved_mapping (store, layout, &on, NULL);

    /* next month's export of the same back office: the columns as chosen last time */
    saved_mapping = saved != NULL && dl_csv_mapping_from_text (mapping, saved);
    if (saved_mapping)
      {
        g_autofree char *day = dl_day_format_short (on);

        g_printerr (_("The columns are read as in the import of %s, a file laid out the same way.\n"), day);
      }
  }
  {
    g_autofree const char **maps = NULL;

    /* the words were checked before the database was opened; the
     * columns can only be looked up now */
    if (g_variant_dict_lookup (options, "map", "^a&s", &maps))
      for (guint i = 0; maps[i] != NULL; i++)
        {
          const char *eq = strchr (maps[i], '=');
          g_autofree char *key = g_strstrip (g_strndup (maps[i], (gsize) (eq - maps[i])));
          DlCsvField field = DL_CSV_FIELD_IGNORE;
          int column = dl_csv_table_find_column (table, eq + 1);

          dl_csv_field_from_key (key, &field);
          if (column < 0)
            {
              g_printerr (_("downline: --map %s: %s has no column “%s”.\n"), maps[i], display, eq + 1);
              return EXIT_USAGE;
            }
          dl_csv_mapping_set (mapping, (guint) column, field);
        }
  }
  /* after --map: a column mapped by hand can still be the lone sponsor */
  {
    int sponsor = dl_csv_mapping_find_ambiguous_sponsor (table, mapping);

    if (g_variant_dict_lookup (options, "sponsor-means", "&s", &means_word))
      {
        if (sponsor >= 0)
          dl_csv_mapping_apply_sponsor_means (table, mapping,
                                              g_str_equal (means_word, "placement")
                                              ? DL_CSV_SPONSOR_MEANS_PLACEMENT : DL_CSV_SPONSOR_MEANS_ENROLLER);
        else
          g_printerr (_("--sponsor-means is not needed for %s: its columns say which is the enroller "
                        "and which the placement, so it is ignored.\n"), display);
      }
    /* answered last time, for a file of this layout */
    else if (sponsor >= 0 && !saved_mapping)
      g_printerr (_("The column “%s” is read as each member’s enroller (who enrolled them). If it is "
                    "where the company placed them, use --sponsor-means=placement.\n"),
                  dl_csv_table_get (table, 0, (guint) sponsor));
  }
  {
    DlDay on = DL_DAY_NONE;

    g_autofree char *text = dl_csv_mapping_to_text (mapping);

    /* the same file for the same month, read the same way: nothing to
     * do (--me says who the user is: worth another look) */
    if (!g_variant_dict_contains (options, "me")
        && dl_store_find_imported_file (store, dl_csv_table_get_checksum (table), record_period, layout, text, &on))
      {
        g_autofree char *day = dl_day_format_short (on);

        g_printerr (_("%s was imported for %s on %s already: nothing changed.\n"), display, record_period, day);
        return EXIT_SUCCESS;
      }
  }

  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->columns[c] != DL_CSV_FIELD_IGNORE)
      g_string_append_printf (columns, "%s“%s” → %s", columns->len > 0 ? ", " : "",
                              dl_csv_table_get (table, 0, c), dl_csv_field_get_label (mapping->columns[c]));
  if (dl_csv_table_get_encoding (table) == DL_CSV_ENCODING_XLSX)
    /* Translators: the file name and the number of rows of its first sheet */
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Read %s: an Excel workbook, %u row.\n",
                             "Read %s: an Excel workbook, %u rows.\n", dl_csv_table_get_n_rows (table) - 1),
                display, dl_csv_table_get_n_rows (table) - 1);
  else
    /* Translators: the file name, its encoding, its delimiter and the number of rows */
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Read %s: %s, %s, %u row.\n", "Read %s: %s, %s, %u rows.\n",
                             dl_csv_table_get_n_rows (table) - 1),
                display,
                dl_csv_encoding_to_string (dl_csv_table_get_encoding (table)),
                delimiter_name (dl_csv_table_get_delimiter (table)),
                dl_csv_table_get_n_rows (table) - 1);
  g_printerr (_("Columns: %s\n"), columns->str);

  order = dl_csv_guess_date_order (table, mapping, &needs_order, &conflict);
  if (order_word != NULL)
    order = g_str_equal (order_word, "dmy") ? DL_DATE_ORDER_DMY : DL_DATE_ORDER_MDY;
  else if (needs_order)
    g_printerr (_("The dates could be day/month or month/day; say which with --date-order=dmy or --date-order=mdy.\n"));
  else if (conflict)
    g_printerr (_("Most dates are %s; the others are rejected.\n"),
                order == DL_DATE_ORDER_DMY ? _("day/month/year") : _("month/day/year"));

  /* the numbers already there, read once rather than asked row by row,
   * and those kept with their country, so a file without countries
   * finds them */
  known = dl_store_get_member_numbers (store);
  qualified = dl_import_qualified_index (known);
  /* a million numbers are tens of megabytes that validation lets go
   * as soon as it has looked them up */
  result = dl_csv_import_validate_full (table, mapping, order, policy,
                                        dl_import_known_in_set, g_steal_pointer (&known),
                                        (GDestroyNotify) dl_string_set_free,
                                        dl_import_qualified_in_index, g_steal_pointer (&qualified),
                                        (GDestroyNotify) g_hash_table_unref, &error);
  if (result == NULL && g_error_matches (error, DL_CSV_ERROR, DL_CSV_ERROR_MAPPING))
    {
      failure (error);
      /* Translators: how to choose a column on the command line */
      g_printerr (_("Choose it with --map FIELD=COLUMN, e.g. --map member=\"%s\" (fields: member, "
                    "sponsor, placement, side, first-name, last-name, name, joined, rank, paid-rank, "
                    "status, terminated, email, phone, last-order, first-order, next-autoship, renewal, "
                    "city, country, role, pv, gv, left-volume, right-volume, qualified, autoship).\n"),
                  dl_csv_table_get (table, 0, 0));
      return EXIT_FAILURE;
    }
  if (result == NULL)
    return failure (error);

  print_problems (result->rejected, _("Rejected rows:"));
  print_problems (result->warnings, _("Unknown sponsors and placements:"));
  print_lines (result->notes, _("Note:"));

  if (result->rejected->len > 0 && !skip_bad)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u row was rejected, so nothing was imported. Fix the file, or use --skip-bad-rows to import the other %u.\n",
                               "%u rows were rejected, so nothing was imported. Fix the file, or use --skip-bad-rows to import the other %u.\n",
                               result->rejected->len),
                  result->rejected->len, result->rows->len);
      return EXIT_FAILURE;
    }

  /* who the user is, kept only now that the file is known to be good */
  {
    const char *me = NULL;

    g_variant_dict_lookup (options, "me", "&s", &me);
    if (!choose_user (store, table, mapping, me, &error))
      return failure (error);
  }
  /* The rows hold their own text: the file's cells (115 MB for a
   * million members) are not needed by the plan and the write, and
   * were held through them, over the import's 400 MB. */
  checksum = g_strdup (dl_csv_table_get_checksum (table));
  g_clear_pointer (&table, dl_csv_table_free);

  /* a month older than the newest kept fills the history, and leaves
   * the members as the newest month says */
  {
    const char *month = NULL;

    if (g_variant_dict_lookup (options, "period", "&s", &month))
      result->period = dl_period_parse (month);
  }
  /* the changes as the import made them, worked out in its transaction
   * from the members it reads anyway: a plan of its own before it read
   * a million members once more (two seconds) */
  if (!dl_store_import_members (store, result, NULL, NULL, NULL, &kept, &plan, &error))
    return failure (error);
  print_first_lines (plan->changes, plan->n_changes, _("Changes:"));
  print_lines (plan->missing, _("In Downline but not in the file (kept as they are):"));

  g_printerr (_("Imported %s: %u new, %u updated, %u unchanged, %u rejected.\n"),
              display, plan->n_new, plan->n_updated, plan->n_unchanged, result->rejected->len);
  if (result->n_emails_in_notes > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "%u e-mail was not usable and was kept in the member’s notes.",
                               "%u e-mails were not usable and were kept in the members’ notes.",
                               result->n_emails_in_notes),
                  result->n_emails_in_notes);
      g_printerr ("\n");
    }

  /* who Today will not ask to welcome: they joined before Downline
   * was first used on this file (the first import is usually that day) */
  {
    DlSettings *settings = dl_settings_get_default ();
    DlDay today = dl_clock_get_today (dl_clock_get_default ());
    DlDay started = dl_settings_get_first_use (settings, dl_store_get_path (store), today, TRUE);
    guint n_welcomed = 0;

    for (guint i = 0; i < result->rows->len; i++)
      {
        const DlImportRow *row = &g_array_index (result->rows, DlImportRow, i);

        if (row->joined_on != DL_DAY_NONE && row->joined_on < started - DL_RULES_WELCOME_WINDOW_DAYS)
          n_welcomed++;
      }
    if (n_welcomed > 0)
      {
        g_autofree char *day = dl_day_format_short (started);

        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%u member joined more than 72 hours before you started with Downline on this file (%s): Today counts them as welcomed already.\n",
                                 "%u members joined more than 72 hours before you started with Downline on this file (%s): Today counts them as welcomed already.\n",
                                 n_welcomed),
                    n_welcomed, day);
      }
  }

  /* The rows are written: their 250 MB (a million members) go before
   * the months are read again for the risk, where they were the
   * command's peak. */
  period = result->period;
  *n_imported = plan->n_new + plan->n_updated;
  g_clear_pointer (&result, dl_import_result_free);
  g_clear_pointer (&plan, dl_import_plan_free);

  /* the month's figures and what changed since the month before, kept
   * with the members */
  if (period != DL_PERIOD_NONE)
    {
      char iso[8];

      dl_period_format (period, iso);
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "Kept %u member’s figures for %s.\n",
                               "Kept %u members’ figures for %s.\n", kept.n_figures),
                  kept.n_figures, iso);

      /* what the months teach about who leaves, learned again */
      {
        DlRiskModel model;
        DlCadence cadence;

        dl_settings_get_cadence (dl_settings_get_default (), &cadence);
        if (!dl_store_refit_risk_model (store, &cadence, &model, &error))
          return failure (error);
        if (model.kind == DL_RISK_MODEL_LEARNED)
          g_printerr (_("The dropout risk now learns from your months: it tells leavers from stayers %.0f%% of the time.\n"),
                      100 * model.auc);
      }
    }
  /* no month of its own, but columns of earlier months' PV: each
   * names its month */
  else if (kept.n_past_months > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "Kept the personal volume of %u earlier month.\n",
                             "Kept the personal volume of %u earlier months.\n", kept.n_past_months),
                kept.n_past_months);
  /* kept, so the same file is known again and the next one of its
   * layout is read the same way */
  {
    g_autofree char *text = dl_csv_mapping_to_text (mapping);
    g_autofree char *base = g_path_get_basename (path);

    if (!dl_store_record_import (store, record_period, base, checksum, layout, text,
                                 &error))
      return failure (error);
  }
  return EXIT_SUCCESS;
}

static int
run_import_vcard (DlStore    *store,
                  const char *path,
                  guint      *n_imported)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GPtrArray) cards = NULL;
  g_autofree char *display = g_filename_display_name (path);
  DlVCardReport report = { 0 };
  int status = EXIT_SUCCESS;

  if (file == NULL)
    return failure (error);

  cards = dl_vcard_parse (g_mapped_file_get_contents (file), g_mapped_file_get_length (file));
  if (cards->len == 0)
    {
      g_printerr (_("downline: “%s” holds no contact cards (BEGIN:VCARD … END:VCARD).\n"), display);
      return EXIT_FAILURE;
    }

  if (!dl_store_import_vcards (store, cards, &report, &error))
    status = failure (error);
  else
    {
      g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new prospect", "%u new prospects",
                                                             report.n_added),
                                                report.n_added);
      g_autofree char *duplicates = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u duplicate skipped",
                                                                  "%u duplicates skipped", report.n_duplicates),
                                                     report.n_duplicates);

      g_autofree char *moved = dl_vcard_report_describe (&report);

      print_lines (report.skipped, _("Skipped:"));
      print_lines (report.changed, _("Changed to fit Downline’s limits:"));
      /* Translators: the file name, "N new prospects" and "N duplicates skipped" */
      g_printerr (_("Imported %s: %s, %s.\n"), display, added, duplicates);
      if (moved != NULL)
        g_printerr ("%s\n", moved);
      *n_imported = report.n_added;
    }

  dl_vcard_report_clear (&report);
  return status;
}

/* Opens the database at db_path and imports arg_path into it; the store
 * is closed again before returning. */
static int
run_import (const char   *db_path,
            const char   *command,
            const char   *arg_path,
            GVariantDict *options,
            guint        *n_imported)
{
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;

  int status;

  store = dl_store_open (db_path, &error);
  if (store == NULL)
    return failure (error);
  if (g_str_equal (command, "import-csv"))
    status = run_import_csv (store, arg_path, options, n_imported);
  else
    status = run_import_vcard (store, arg_path, n_imported);
  /* the process ends next: the .db alone holds what was imported */
  dl_store_close (store);
  return status;
}

/* Takes away a database made for an import that imported nothing, and
 * the files beside it. */
static void
remove_database (const char *db_path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (db_path, suffixes[i], NULL);

      g_unlink (side);
    }
}

int
dl_transfer_cli_run (GVariantDict *options)
{
  static const char *const commands[] = { "import-csv", "import-vcard", "export-csv", "backup" };
  static const char *const modifiers[] = { "skip-bad-rows", "date-order", "unknown-sponsor", "sponsor-means",
                                           "map", "period", "me" };
  g_autoptr(DlStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) db_file = NULL;
  g_autoptr(GFile) arg_file = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *arg_path = NULL;
  const char *command = NULL;
  const char *db = NULL;
  const char *arg = NULL;
  guint n_imported = 0;
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_variant_dict_contains (options, commands[i]))
      {
        if (command != NULL)
          {
            g_autofree char *message = g_strdup_printf (_("--%s and --%s cannot be used together: run one at a time"),
                                                        command, commands[i]);
            return usage_error (message);
          }
        command = commands[i];
      }

  if (command == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
        if (g_variant_dict_contains (options, modifiers[i]))
          {
            g_autofree char *message = g_strdup_printf (_("--%s only makes sense with --import-csv"), modifiers[i]);
            return usage_error (message);
          }
      return -1;
    }

  if (!g_str_equal (command, "import-csv"))
    for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
      if (g_variant_dict_contains (options, modifiers[i]))
        {
          g_autofree char *message = g_strdup_printf (_("--%s only makes sense with --import-csv"), modifiers[i]);
          return usage_error (message);
        }

  if (!g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autofree char *message = g_strdup_printf (_("--%s needs --db FILE: name the database to work on"), command);
      return usage_error (message);
    }
  g_variant_dict_lookup (options, command, "^&ay", &arg);
  if (g_str_equal (command, "import-csv"))
    {
      status = check_import_options (options);
      if (status >= 0)
        return status;
    }

  db_file = g_file_new_for_commandline_arg (db);
  db_path = g_file_get_path (db_file);
  arg_file = g_file_new_for_commandline_arg (arg);
  arg_path = g_file_get_path (arg_file);

  /* An import into a file that is not there makes a new database: say
   * so (a --db mistyped would otherwise send the data somewhere no one
   * looks), never in a folder that is not there either, and take it
   * away again when nothing was imported. */
  if (g_str_has_prefix (command, "import-") && !g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (db_path);
      g_autofree char *display = g_filename_display_name (dir);

      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_printerr (_("downline: the folder “%s” does not exist: check the path given with --db.\n"), display);
          return EXIT_FAILURE;
        }

      status = run_import (db_path, command, arg_path, options, &n_imported);
      if (status == EXIT_SUCCESS && n_imported > 0)
        {
          g_autofree char *file = g_filename_display_name (db_path);

          g_printerr (_("“%s” did not exist: it is a new database now.\n"), file);
        }
      else
        {
          g_autofree char *file = g_filename_display_name (db_path);

          remove_database (db_path);
          if (status == EXIT_SUCCESS)
            g_printerr (_("Nobody was imported, so no database was made at “%s”.\n"), file);
        }
      return status;
    }

  if (g_str_has_prefix (command, "import-"))
    return run_import (db_path, command, arg_path, options, &n_imported);

  /* Reading or backing up a file that is not there, or is empty, must
   * not create a database in its place: the store refuses and says so. */
  store = dl_store_open_full (db_path, DL_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    return failure (error);

  if (g_str_equal (command, "export-csv"))
    {
      DlCadence cadence;

      dl_settings_get_cadence (dl_settings_get_default (), &cadence);
      if (!dl_store_export_csv (store, arg_path, &cadence,
                                dl_clock_get_today (dl_clock_get_default ()), &error))
        status = failure (error);
      else
        {
          g_printerr (_("Wrote members.csv, prospects.csv and contacts.csv to %s.\n"), arg_path);
          status = EXIT_SUCCESS;
        }
    }
  else if (!dl_store_backup (store, arg_path, &error))
    status = failure (error);
  else
    {
      g_printerr (_("Backed up %s to %s.\n"), db_path, arg_path);
      status = EXIT_SUCCESS;
    }

  /* nothing of this run is left in a -wal once the process is gone */
  dl_store_close (store);
  return status;
}

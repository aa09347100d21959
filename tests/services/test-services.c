/* test-services.c — the undo stack, the settings and the clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No display: these are the services every view shares, checked on
 * their own.
 */

#include "config.h"

#include "dl-clock.h"
#include "dl-day.h"
#include "dl-settings.h"
#include "dl-undo-stack.h"

typedef struct
{
  GString *log;       /* what was undone, in order */
  gboolean fail;      /* the next undo fails */
} Book;

typedef struct
{
  Book *book;
  char *name;
} Change;

static gboolean
change_undo (gpointer   data,
             GError   **error)
{
  Change *change = data;

  if (change->book->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s cannot be put back", change->name);
      return FALSE;
    }
  g_string_append_printf (change->book->log, "%s;", change->name);
  return TRUE;
}

static void
change_free (gpointer data)
{
  Change *change = data;

  g_free (change->name);
  g_free (change);
}

static guint64
push (DlUndoStack *stack,
      Book        *book,
      const char  *name)
{
  Change *change = g_new0 (Change, 1);

  change->book = book;
  change->name = g_strdup (name);
  return dl_undo_stack_push (stack, name, change_undo, change, change_free);
}

static void
on_pushed_cb (DlUndoStack *stack,
              guint64      token,
              const char  *title,
              GString     *seen)
{
  g_string_append_printf (seen, "%s=%" G_GUINT64_FORMAT ";", title, token);
}

static void
on_message_cb (DlUndoStack *stack,
               int          kind,
               const char  *text,
               GString     *seen)
{
  g_string_append_printf (seen, "%d:%s;", kind, text);
}

/* A toast's Undo undoes exactly its own change, not the newest; Ctrl+Z
 * the newest still there; a failed undo is dropped and said; a restore
 * clears everything; a quiet push has no toast but undoes. */
static void
test_undo_stack (void)
{
  g_autoptr(DlUndoStack) stack = dl_undo_stack_new ();
  g_autoptr(GString) pushed = g_string_new (NULL);
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  Book book = { g_string_new (NULL), FALSE };
  guint64 ana, bo;

  g_signal_connect (stack, "pushed", G_CALLBACK (on_pushed_cb), pushed);
  g_signal_connect (stack, "message", G_CALLBACK (on_message_cb), messages);

  g_assert_false (dl_undo_stack_can_undo (stack));
  ana = push (stack, &book, "ana");
  bo = push (stack, &book, "bo");
  push (stack, &book, "cy");
  g_assert_cmpstr (pushed->str, ==, "ana=1;bo=2;cy=3;");
  g_assert_cmpstr (dl_undo_stack_peek_title (stack), ==, "cy");

  /* the older toast's Undo: Bo, not Cy */
  g_assert_true (dl_undo_stack_undo (stack, bo, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (book.log->str, ==, "bo;");
  /* twice is nothing */
  g_assert_false (dl_undo_stack_undo (stack, bo, &error));
  g_assert_no_error (error);
  /* Ctrl+Z: the newest left */
  g_assert_true (dl_undo_stack_undo_last (stack, &error));
  g_assert_cmpstr (book.log->str, ==, "bo;cy;");
  g_assert_cmpstr (dl_undo_stack_peek_title (stack), ==, "ana");

  /* a failure: reported once, dropped, nothing else undone */
  book.fail = TRUE;
  g_assert_false (dl_undo_stack_undo (stack, ana, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpstr (messages->str, ==, "1:The change could not be undone: ana cannot be put back;");
  g_assert_false (dl_undo_stack_can_undo (stack));
  book.fail = FALSE;

  /* quiet: no toast, still Ctrl+Z's */
  {
    Change *change = g_new0 (Change, 1);

    change->book = &book;
    change->name = g_strdup ("dee");
    g_string_truncate (pushed, 0);
    dl_undo_stack_push_quiet (stack, "dee", change_undo, change, change_free);
    g_assert_cmpstr (pushed->str, ==, "");
    g_assert_true (dl_undo_stack_undo_last (stack, NULL));
    g_assert_cmpstr (book.log->str, ==, "bo;cy;dee;");
  }

  /* a restore: nothing to undo any more */
  push (stack, &book, "eve");
  dl_undo_stack_clear (stack);
  g_assert_false (dl_undo_stack_undo_last (stack, NULL));
  g_assert_cmpstr (book.log->str, ==, "bo;cy;dee;");

  /* the depth is bounded: the oldest go first */
  for (guint i = 0; i < DL_UNDO_STACK_DEPTH + 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%u", i);

      push (stack, &book, name);
    }
  g_string_truncate (book.log, 0);
  while (dl_undo_stack_undo_last (stack, NULL))
    ;
  g_assert_true (g_str_has_prefix (book.log->str, "n54;n53;"));
  g_assert_true (g_str_has_suffix (book.log->str, ";n6;n5;"));

  g_string_free (book.log, TRUE);
}

/* The built-in check-in rhythm is the schema's: a tool run without the
 * installed schema plans as the app does. */
static void
test_settings_defaults (void)
{
  GSettings *settings = dl_settings_get_gsettings (dl_settings_get_default ());
  DlCadence core, read;
  const struct { const char *key; guint *value; } keys[] = {
    { "cadence-new-member-days", &core.new_member_days },
    { "cadence-new-member-every", &core.new_member_every },
    { "cadence-personal-every", &core.personal_every },
    { "cadence-second-level-every", &core.second_level_every },
  };

  g_assert_nonnull (settings);
  if (settings == NULL)
    return;
  dl_cadence_init_defaults (&core);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GVariant) value = g_settings_get_default_value (settings, keys[i].key);

      g_assert_cmpuint (g_variant_get_uint32 (value), ==, *keys[i].value);
    }

  {
    g_autoptr(GVariant) value = g_settings_get_default_value (settings, "earning-per-active");
    g_autoptr(GVariant) goal = g_settings_get_default_value (settings, "daily-contacts-goal");
    g_autoptr(GVariant) pipeline = g_settings_get_default_value (settings, "pipeline-goal");

    g_assert_cmpfloat (g_variant_get_double (value), ==, DL_SETTINGS_EARNING_PER_ACTIVE_DEFAULT);
    g_assert_cmpuint (g_variant_get_uint32 (goal), ==, DL_PIPELINE_DAILY_GOAL_DEFAULT);
    g_assert_cmpuint (g_variant_get_uint32 (pipeline), ==, DL_PIPELINE_GOAL_DEFAULT);
  }

  /* and a change reaches every reader */
  g_settings_set_double (settings, "earning-per-active", 12.5);
  g_assert_cmpfloat (dl_settings_get_earning_per_active (dl_settings_get_default ()), ==, 12.5);
  g_settings_reset (settings, "earning-per-active");
  g_settings_set_uint (settings, "cadence-personal-every", 10);
  dl_settings_get_cadence (dl_settings_get_default (), &read);
  g_assert_cmpuint (read.personal_every, ==, 10);
  g_settings_reset (settings, "cadence-personal-every");
}

static void
on_day_changed_cb (DlClock *clock,
                   guint   *n)
{
  (*n)++;
}

/* A test sets the time; "day-changed" comes once per new date. */
static void
test_clock (void)
{
  DlClock *clock = dl_clock_get_default ();
  g_autoptr(GTimeZone) zone = dl_day_local_zone ();
  g_autoptr(GDateTime) morning = g_date_time_new (zone, 2026, 3, 10, 8, 0, 0);
  g_autoptr(GDateTime) evening = g_date_time_new (zone, 2026, 3, 10, 22, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_new (zone, 2026, 3, 11, 0, 5, 0);
  guint n = 0;

  g_signal_connect (clock, "day-changed", G_CALLBACK (on_day_changed_cb), &n);
  dl_clock_set_now (clock, morning);
  g_assert_cmpint (dl_clock_get_today (clock), ==, dl_day_from_iso ("2026-03-10"));
  g_assert_cmpuint (n, ==, 1);
  dl_clock_set_now (clock, evening);
  g_assert_cmpuint (n, ==, 1);
  dl_clock_set_now (clock, next);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (dl_clock_get_today (clock), ==, dl_day_from_iso ("2026-03-11"));
  dl_clock_set_now (clock, NULL);
  g_assert_cmpint (dl_clock_get_today (clock), ==, dl_day_today ());
  g_signal_handlers_disconnect_by_data (clock, &n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/services/undo-stack", test_undo_stack);
  g_test_add_func ("/services/settings-defaults", test_settings_defaults);
  g_test_add_func ("/services/clock", test_clock);

  return g_test_run ();
}

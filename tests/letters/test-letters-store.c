/* test-letters-store.c — letter fields from the store, default
 * templates, the pre-send check, letters stored and logged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "dl-day.h"
#include "dl-store.h"
#include "dl-store-sample.h"
#include "dl-store-testing.h"
#include "../dl-test-files.h"

typedef struct
{
  char *dir;
  DlStore *store;
  DlDay today;
  gint64 user, bea, carl, dora;
} Fixture;

static DlPerson *
draft (const char *first,
       const char *last,
       const char *email,
       const char *phone)
{
  DlPerson *p = dl_person_new ();

  dl_person_set_first_name (p, first);
  dl_person_set_last_name (p, last);
  dl_person_set_email (p, email);
  dl_person_set_phone (p, phone);
  return p;
}

static gint64
add_member (Fixture    *f,
            DlPerson   *person,
            gint64      sponsor,
            const char *number,
            DlDay       joined)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMember) m = dl_store_add_member (f->store, person, sponsor, number, joined,
                                               DL_ROLE_DISTRIBUTOR, &error);

  g_assert_no_error (error);
  g_assert_nonnull (m);
  return m ? dl_member_get_id (m) : 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = draft ("Ana", "Pereira", "ana@example.org", "+34 600 111 222");
  g_autoptr(DlPerson) bea = draft ("Bea", "Ortiz", "bea@example.org", "555-0101");
  g_autoptr(DlPerson) carl = draft ("Carl", "Nyström", "carl@example.org", "");
  g_autoptr(DlPerson) dora = draft ("Dora", "Lind", "", "");

  f->dir = g_dir_make_tmp ("downline-letters-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "downline.db", NULL);
  f->store = dl_store_open (path, &error);
  g_assert_no_error (error);
  f->today = dl_day_today ();

  dl_person_set_best_time (me, "weekday evenings");
  dl_profile_set_person (profile, me);
  dl_profile_set_company (profile, "Green Leaf");
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);
  f->user = dl_store_get_user_id (f->store);

  dl_person_set_city (carl, "Malmö");
  f->bea = add_member (f, bea, f->user, "B-1", f->today - 40);
  f->carl = add_member (f, carl, f->bea, "C-77", f->today - 10);
  f->dora = add_member (f, dora, f->carl, NULL, f->today);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  dl_test_remove_tree (f->dir);
  g_free (f->dir);
}

static const char *
field (const DlMustacheValue *context,
       const char            *name)
{
  DlMustacheValue *v = dl_mustache_map_lookup_path (context, name);

  g_assert_nonnull (v);
  return v ? dl_mustache_value_get_string (v) : NULL;
}

static void
test_defaults_installed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GListModel) templates = dl_store_get_templates (f->store);
  const char *builtins[] = { "welcome", "upline-welcome", "check-in", "congratulations", "newsletter" };
  const DlTemplateKind kinds[] = { DL_TEMPLATE_WELCOME, DL_TEMPLATE_UPLINE_WELCOME,
                                   DL_TEMPLATE_CHECK_IN, DL_TEMPLATE_OTHER, DL_TEMPLATE_NEWSLETTER };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProfile) again = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, G_N_ELEMENTS (builtins));
  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(DlTemplate) t = dl_store_find_builtin_template (f->store, builtins[i]);
      g_autoptr(DlLetterTemplate) compiled = NULL;

      g_assert_nonnull (t);
      if (t == NULL)
        continue;
      g_assert_cmpint (dl_template_get_kind (t), ==, kinds[i]);
      /* Every default compiles and uses only known fields. */
      compiled = dl_letter_template_new (dl_template_get_subject (t), dl_template_get_body (t),
                                         NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (compiled);
    }

  /* Saving the profile again installs nothing twice. */
  again = dl_profile_new ();
  {
    g_autoptr(DlPerson) me = draft ("Ana", "Pereira-Soto", "ana@example.org", "");

    dl_profile_set_person (again, me);
    g_assert_true (dl_store_save_profile (f->store, again, &error));
  }
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, G_N_ELEMENTS (builtins));
}

static void
test_defaults_with_sample_data (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("downline-letters-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(DlStore) store = dl_store_open (path, &error);
  g_autoptr(GListModel) templates = NULL;
  g_autoptr(DlTemplate) welcome = NULL;

  g_assert_no_error (error);
  g_assert_true (dl_store_fill_sample (store, 50, 3, dl_day_today (), NULL, &error));
  g_assert_no_error (error);
  templates = dl_store_get_templates (store);
  g_assert_cmpuint (g_list_model_get_n_items (templates), ==, 5);
  welcome = dl_store_find_builtin_template (store, "welcome");
  g_assert_nonnull (welcome);

  g_clear_object (&store);
  dl_test_remove_tree (dir);
}

static void
test_restore_default (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTemplate) welcome = dl_store_find_builtin_template (f->store, "welcome");
  g_autoptr(DlTemplate) edit = dl_template_copy (welcome);
  g_autoptr(DlTemplate) mine = NULL;
  g_autofree char *original = g_strdup (dl_template_get_body (welcome));

  dl_template_set_body (edit, "Hi {{first_name}}");
  dl_template_set_name (edit, "My welcome");
  g_assert_true (dl_store_update_template (f->store, edit, &error));
  g_assert_cmpstr (dl_template_get_body (welcome), ==, "Hi {{first_name}}");

  g_assert_true (dl_store_restore_default_template (f->store, dl_template_get_id (welcome), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (dl_template_get_body (welcome), ==, original);
  g_assert_cmpstr (dl_template_get_name (welcome), ==, "New Member Welcome");

  g_clear_object (&edit);
  edit = dl_template_new ();
  dl_template_set_name (edit, "Birthday");
  mine = dl_store_add_template (f->store, edit, &error);
  g_assert_no_error (error);
  g_assert_false (dl_store_restore_default_template (f->store, dl_template_get_id (mine), &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
}

static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustacheValue) ctx = dl_letter_context_new ();

  g_assert_true (dl_store_fill_letter_context (f->store, f->carl, f->today, ctx, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (field (ctx, "first_name"), ==, "Carl");
  g_assert_cmpstr (field (ctx, "last_name"), ==, "Nyström");
  g_assert_cmpstr (field (ctx, "name"), ==, "Carl Nyström");
  g_assert_cmpstr (field (ctx, "email"), ==, "carl@example.org");
  g_assert_cmpstr (field (ctx, "phone"), ==, "");
  g_assert_cmpstr (field (ctx, "city"), ==, "Malmö");
  g_assert_cmpstr (field (ctx, "member_number"), ==, "C-77");
  g_assert_cmpstr (field (ctx, "level"), ==, "2");
  g_assert_cmpstr (field (ctx, "days_since_joining"), ==, "10");
  g_assert_cmpstr (field (ctx, "joined_on"), !=, "");
  g_assert_cmpstr (field (ctx, "today"), !=, "");
  g_assert_cmpstr (field (ctx, "sponsor.first_name"), ==, "Bea");
  g_assert_cmpstr (field (ctx, "sponsor.email"), ==, "bea@example.org");
  g_assert_cmpstr (field (ctx, "sponsor.phone"), ==, "555-0101");
  g_assert_cmpstr (field (ctx, "me.name"), ==, "Ana Pereira");
  g_assert_cmpstr (field (ctx, "me.company"), ==, "Green Leaf");
  g_assert_cmpstr (field (ctx, "me.best_time"), ==, "weekday evenings");
  g_assert_cmpstr (field (ctx, "me.website"), ==, "");

  /* The same context refilled for a personal recruit: no stale values. */
  g_assert_true (dl_store_fill_letter_context (f->store, f->bea, f->today, ctx, &error));
  g_assert_cmpstr (field (ctx, "first_name"), ==, "Bea");
  g_assert_cmpstr (field (ctx, "level"), ==, "1");
  g_assert_cmpstr (field (ctx, "days_since_joining"), ==, "40");
  g_assert_cmpstr (field (ctx, "sponsor.first_name"), ==, "");
  g_assert_cmpstr (field (ctx, "city"), ==, "");

  g_assert_true (dl_store_fill_letter_context (f->store, f->dora, f->today, ctx, &error));
  g_assert_cmpstr (field (ctx, "level"), ==, "3");
  g_assert_cmpstr (field (ctx, "days_since_joining"), ==, "0");
  g_assert_cmpstr (field (ctx, "member_number"), ==, "");

  g_assert_false (dl_store_fill_letter_context (f->store, 987654, f->today, ctx, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

/* All the fields of a recipient, as a single read gives them. */
static const char *const all_fields[] = {
  "first_name", "last_name", "name", "email", "phone", "city", "member_number", "joined_on",
  "rank", "level", "days_since_joining", "today", "sponsor.first_name", "sponsor.name",
  "sponsor.email", "sponsor.phone", "me.name", "me.company",
};

static void
assert_same_fields (Fixture                *f,
                    gint64                  person_id,
                    const DlMustacheValue  *filled)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustacheValue) alone = dl_letter_context_new ();

  g_assert_true (dl_store_fill_letter_context (f->store, person_id, f->today, alone, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (all_fields); i++)
    g_assert_cmpstr (field (filled, all_fields[i]), ==, field (alone, all_fields[i]));
}

/* Recipients announced to the reader are read in one pass; one who is
 * gone, one filled twice, one out of turn still get their own fields,
 * and one template renders each letter afresh. */
static void
test_reader_expected (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustacheValue) ctx = dl_letter_context_new ();
  g_autoptr(DlLetterReader) reader = NULL;
  g_autoptr(DlLetterTemplate) letter = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 order[] = { f->carl, 987654, f->bea, f->dora, f->dora, f->carl };
  g_autofree char *carl_joined = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_array_append_vals (ids, order, G_N_ELEMENTS (order));
  dl_store_begin_read (f->store);
  reader = dl_letter_reader_new (f->store, f->today, &error);
  g_assert_no_error (error);
  dl_letter_reader_expect (reader, ids);
  letter = dl_letter_template_new ("To {{name}}", "{{first_name}} of {{city}}, {{member_number}}; "
                                   "sponsor {{sponsor.name}}", NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (dl_letter_reader_fill (reader, f->carl, ctx, &error));
  g_assert_no_error (error);
  assert_same_fields (f, f->carl, ctx);
  g_assert_cmpstr (field (ctx, "sponsor.first_name"), ==, "Bea");
  carl_joined = g_strdup (field (ctx, "joined_on"));
  g_assert_true (dl_letter_template_render (letter, ctx, &subject, &body, &error));
  g_assert_cmpstr (subject, ==, "To Carl Nyström");
  g_assert_cmpstr (body, ==, "Carl of Malmö, C-77; sponsor Bea Ortiz");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  g_assert_false (dl_letter_reader_fill (reader, 987654, ctx, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (dl_letter_reader_fill (reader, f->bea, ctx, &error));
  assert_same_fields (f, f->bea, ctx);
  g_assert_cmpstr (field (ctx, "level"), ==, "1");
  g_assert_cmpstr (field (ctx, "sponsor.first_name"), ==, "");
  /* another day, formatted as such */
  g_assert_cmpstr (field (ctx, "joined_on"), !=, carl_joined);
  /* a shorter letter after a longer one: nothing of the first left */
  g_assert_true (dl_letter_template_render (letter, ctx, &subject, &body, &error));
  g_assert_cmpstr (subject, ==, "To Bea Ortiz");
  g_assert_cmpstr (body, ==, "Bea of , B-1; sponsor ");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (dl_letter_reader_fill (reader, f->dora, ctx, &error));
      assert_same_fields (f, f->dora, ctx);
      g_assert_cmpstr (field (ctx, "first_name"), ==, "Dora");
      g_assert_cmpstr (field (ctx, "sponsor.first_name"), ==, "Carl");
    }

  /* out of turn, then the one expected */
  g_assert_true (dl_letter_reader_fill (reader, f->bea, ctx, &error));
  g_assert_cmpstr (field (ctx, "first_name"), ==, "Bea");
  g_assert_true (dl_letter_reader_fill (reader, f->carl, ctx, &error));
  assert_same_fields (f, f->carl, ctx);
  g_assert_cmpstr (field (ctx, "joined_on"), ==, carl_joined);
  g_assert_no_error (error);

  g_clear_pointer (&reader, dl_letter_reader_free);
  dl_store_end_read (f->store);
}

static void
test_default_letter_renders (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustacheValue) ctx = dl_letter_context_new ();
  g_autoptr(DlTemplate) upline = dl_store_find_builtin_template (f->store, "upline-welcome");
  g_autoptr(DlTemplate) welcome = dl_store_find_builtin_template (f->store, "welcome");
  g_autoptr(DlLetterTemplate) compiled = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  g_assert_true (dl_store_fill_letter_context (f->store, f->carl, f->today, ctx, &error));
  compiled = dl_letter_template_new (dl_template_get_subject (upline), dl_template_get_body (upline),
                                     NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dl_letter_template_render (compiled, ctx, &subject, &body, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (subject, "Carl"));
  /* The upline letter points to the sponsor first, with their contacts. */
  g_assert_nonnull (strstr (body, "Bea Ortiz"));
  g_assert_nonnull (strstr (body, "bea@example.org"));
  g_assert_nonnull (strstr (body, "ana@example.org"));
  g_assert_null (strstr (body, "{{"));

  g_clear_pointer (&compiled, dl_letter_template_free);
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);
  g_assert_true (dl_store_fill_letter_context (f->store, f->bea, f->today, ctx, &error));
  compiled = dl_letter_template_new (dl_template_get_subject (welcome), dl_template_get_body (welcome),
                                     NULL, NULL, &error);
  g_assert_true (dl_letter_template_render (compiled, ctx, &subject, &body, &error));
  g_assert_nonnull (strstr (body, "Hi Bea,"));
  g_assert_nonnull (strstr (body, "+34 600 111 222"));
  g_assert_nonnull (strstr (body, "weekday evenings"));
  g_assert_nonnull (strstr (body, "B-1"));
  /* No website in the profile: the fallback sentence, not a hole. */
  g_assert_null (strstr (body, " at .\n"));
  g_assert_nonnull (strstr (body, "I will send you the training notes"));
}

static void
test_pre_send_check (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlMustacheValue) ctx = dl_letter_context_new ();
  g_autoptr(DlLetterTemplate) t = NULL;
  g_auto(GStrv) empty = NULL;
  DlMustacheLocation where = { 0 };
  gboolean in_subject = FALSE;

  g_assert_true (dl_store_fill_letter_context (f->store, f->carl, f->today, ctx, &error));

  /* Blocks: an unknown field, in the body, at its place. */
  t = dl_letter_template_new ("Hi {{first_name}}", "Dear {{first_name}},\nyour {{fax}}", &in_subject,
                              &where, &error);
  g_assert_null (t);
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_UNKNOWN_FIELD);
  g_assert_false (in_subject);
  g_assert_cmpuint (where.line, ==, 2);
  g_assert_cmpuint (where.column, ==, 6);
  g_clear_error (&error);

  /* Blocks: a section left open in the subject. */
  t = dl_letter_template_new ("Hi {{#first_name}}x", "Body", &in_subject, &where, &error);
  g_assert_null (t);
  g_assert_error (error, DL_MUSTACHE_ERROR, DL_MUSTACHE_ERROR_UNCLOSED_SECTION);
  g_assert_true (in_subject);
  g_clear_error (&error);

  /* Warns: Carl has no phone; the city is guarded by a fallback. */
  t = dl_letter_template_new ("Hi {{first_name}}",
                              "Call {{phone}}.\n{{city}}{{^city}}wherever you are{{/city}}\n"
                              "{{#sponsor.phone}}{{sponsor.phone}}{{/sponsor.phone}}",
                              &in_subject, &where, &error);
  g_assert_no_error (error);
  empty = dl_letter_template_find_empty (t, ctx);
  g_assert_cmpuint (g_strv_length (empty), ==, 1);
  g_assert_cmpstr (empty[0], ==, "phone");
  g_clear_pointer (&empty, g_strfreev);

  /* Bea has a phone: nothing to warn about. */
  g_assert_true (dl_store_fill_letter_context (f->store, f->bea, f->today, ctx, &error));
  empty = dl_letter_template_find_empty (t, ctx);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
}

static gboolean
has_letter_contact (DlStore *store,
                    gint64   person_id,
                    gint64   interaction_id)
{
  g_autoptr(GListModel) log = dl_store_get_interactions (store, person_id);

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(DlInteraction) it = g_list_model_get_item (log, i);

      if (dl_interaction_get_id (it) == interaction_id)
        return dl_interaction_get_kind (it) == DL_CONTACT_LETTER;
    }
  return FALSE;
}

static gboolean
array_has (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
test_letter_stored_and_logged (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlTemplate) welcome = dl_store_find_builtin_template (f->store, "welcome");
  g_autoptr(GListModel) letters = dl_store_get_letters (f->store, f->carl);
  g_autoptr(DlLetter) letter = NULL;
  g_autoptr(DlPerson) carl = dl_store_get_person (f->store, f->carl);
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) undone = NULL;
  gint64 interaction = 0;

  before = dl_store_find_audience (f->store, DL_AUDIENCE_NOT_WELCOMED, f->today, f->today - 30, &error);
  g_assert_no_error (error);
  g_assert_true (array_has (before, f->carl));
  /* Today's rule: Bea joined 40 days ago, too long for a welcome now */
  g_assert_false (array_has (before, f->bea));
  /* and with Downline first used today, Carl (joined 10 days before)
   * counts as welcomed; Dora, who joined today, does not */
  {
    g_autoptr(GArray) new_user = dl_store_find_audience (f->store, DL_AUDIENCE_NOT_WELCOMED, f->today, f->today,
                                                         &error);

    g_assert_no_error (error);
    g_assert_false (array_has (new_user, f->carl));
    g_assert_true (array_has (new_user, f->dora));
  }
  g_assert_null (dl_person_get_last_contact (carl));

  letter = dl_store_record_letter (f->store, f->carl, dl_template_get_id (welcome),
                                   "Welcome, Carl", "Hi Carl, ...", DL_SENT_EMAIL, &interaction, &error);
  g_assert_no_error (error);
  g_assert_nonnull (letter);
  g_assert_cmpint (interaction, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (letters), ==, 1);
  g_assert_cmpstr (dl_letter_get_body (letter), ==, "Hi Carl, ...");
  g_assert_cmpint (dl_letter_get_sent_via (letter), ==, DL_SENT_EMAIL);
  g_assert_cmpint (dl_letter_get_template_id (letter), ==, dl_template_get_id (welcome));
  g_assert_true (has_letter_contact (f->store, f->carl, interaction));
  /* It counts as contact: Carl is welcomed now. */
  g_assert_nonnull (dl_person_get_last_contact (carl));
  after = dl_store_find_audience (f->store, DL_AUDIENCE_NOT_WELCOMED, f->today, f->today - 30, &error);
  g_assert_false (array_has (after, f->carl));
  g_assert_true (array_has (after, f->dora));

  /* Undo takes both back. */
  g_assert_true (dl_store_unrecord_letter (f->store, dl_letter_get_id (letter), interaction, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (letters), ==, 0);
  g_assert_false (has_letter_contact (f->store, f->carl, interaction));
  g_assert_null (dl_person_get_last_contact (carl));
  undone = dl_store_find_audience (f->store, DL_AUDIENCE_NOT_WELCOMED, f->today, f->today - 30, &error);
  g_assert_true (array_has (undone, f->carl));

  g_assert_false (dl_store_unrecord_letter (f->store, dl_letter_get_id (letter), interaction, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A letter for someone who does not exist changes nothing. */
  g_assert_null (dl_store_record_letter (f->store, 424242, 0, "x", "y", DL_SENT_COPY, NULL, &error));
  g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_NOT_FOUND);
}

static void
test_audiences (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) second = dl_store_find_audience (f->store, DL_AUDIENCE_SECOND_LEVEL_MONTH,
                                                     f->today, f->today, &error);
  g_autoptr(GArray) personal = dl_store_find_audience (f->store, DL_AUDIENCE_PERSONAL, f->today, f->today, &error);
  g_autoptr(GListModel) recipients = dl_store_get_recipients (f->store);
  g_autoptr(DlPerson) newest = NULL;
  int y, m, d;

  g_assert_no_error (error);
  dl_day_to_ymd (f->today, &y, &m, &d);
  /* Carl joined ten days ago: in this month only from the 11th on. */
  g_assert_cmpint (array_has (second, f->carl), ==, d > 10);
  g_assert_false (array_has (second, f->dora));
  g_assert_false (array_has (second, f->bea));
  g_assert_cmpuint (personal->len, ==, 1);
  g_assert_true (array_has (personal, f->bea));

  g_assert_cmpuint (g_list_model_get_n_items (recipients), ==, 3);
  newest = g_list_model_get_item (recipients, 0);
  g_assert_cmpint (dl_person_get_id (newest), ==, f->dora);
}

/* "Members matching…": every word must be found somewhere in the member */
static void
test_members_matching (Fixture       *f,
                       gconstpointer  data)
{
  static const struct { const char *filter; gboolean bea, carl, dora; } cases[] = {
    { "carl", FALSE, TRUE, FALSE },
    { "CARL nyström", FALSE, TRUE, FALSE },
    { "malmö", FALSE, TRUE, FALSE },
    { "c-77", FALSE, TRUE, FALSE },
    { "example.org", TRUE, TRUE, FALSE },
    { "555-0101", TRUE, FALSE, FALSE },
    { "a", TRUE, TRUE, TRUE },              /* Bea, Carl, Dora all have an a */
    { "carl bea", FALSE, FALSE, FALSE },    /* both words in one member */
    { "100%", FALSE, FALSE, FALSE },        /* % is a character, not a wildcard */
    { "Ana", FALSE, FALSE, FALSE },         /* the user is not a recipient */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) found = dl_store_find_members_matching (f->store, cases[i].filter, &error);

      g_test_message ("filter “%s”", cases[i].filter);
      g_assert_no_error (error);
      g_assert_nonnull (found);
      if (found == NULL)
        continue;
      g_assert_cmpint (array_has (found, f->bea), ==, cases[i].bea);
      g_assert_cmpint (array_has (found, f->carl), ==, cases[i].carl);
      g_assert_cmpint (array_has (found, f->dora), ==, cases[i].dora);
    }

  /* nothing typed: a clear refusal, not everyone */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) found = dl_store_find_members_matching (f->store, "  ", &error);

    g_assert_null (found);
    g_assert_error (error, DL_STORE_ERROR, DL_STORE_ERROR_INVALID);
  }
}

static void
test_outgoing_formats (void)
{
  g_autofree char *uri = dl_letter_mailto_uri ("carl@example.org", "Hi & welcome?",
                                               "Line one\nLine two: 100%");
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 9, 5, 0);
  g_autofree char *eml = dl_letter_format_eml ("Ana Pereira", "ana@example.org", "Carl Nyström",
                                               "carl@example.org", "Välkommen, Carl", "Hej!\nBye",
                                               date);

  g_assert_cmpstr (uri, ==, "mailto:carl@example.org?subject=Hi%20%26%20welcome%3F"
                            "&body=Line%20one%0D%0ALine%20two%3A%20100%25");
  g_assert_true (g_str_has_prefix (eml, "From: Ana Pereira <ana@example.org>\r\n"
                                        "To: =?UTF-8?B?"));
  g_assert_nonnull (strstr (eml, " <carl@example.org>\r\nSubject: =?UTF-8?B?"));
  g_assert_nonnull (strstr (eml, "Date: Sun, 22 Nov 2026 09:05:00 +0000\r\n"));
  g_assert_nonnull (strstr (eml, "Content-Type: text/plain; charset=UTF-8\r\n"));
  g_assert_true (g_str_has_suffix (eml, "\r\n\r\nHej!\r\nBye\r\n"));
}

/* A CR or LF in any header value (a CSV e-mail "x@y.z\r\nBcc: …") never
 * starts a header of its own. */
static void
test_eml_no_header_injection (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (2026, 11, 22, 9, 5, 0);
  g_autofree char *eml = dl_letter_format_eml ("Ana\r\nBcc: boss@example.org", "ana@example.org",
                                               "Carl", "carl@example.org\r\nBcc: all@example.org",
                                               "Hi\r\nX-Evil: 1", "Body", date);
  g_autofree char *bare = dl_letter_format_eml ("", "ana@example.org\nCc: x@example.org", "",
                                                "carl@example.org", "Hi", "Body", date);
  g_autofree char *headers = NULL;
  const char *end = strstr (eml, "\r\n\r\n");

  g_assert_nonnull (end);
  headers = g_strndup (eml, end ? (gsize) (end - eml) : strlen (eml));
  g_assert_null (strstr (headers, "\nBcc:"));
  g_assert_null (strstr (headers, "\nX-Evil:"));
  g_assert_null (strstr (headers, "all@example.org"));
  /* the bad address is left out, the name stays */
  g_assert_nonnull (strstr (headers, "\r\nTo: Carl\r\n"));
  g_assert_true (g_str_has_prefix (headers, "From: =?UTF-8?B?"));
  g_assert_nonnull (strstr (headers, "\r\nSubject: =?UTF-8?B?"));
  /* every header line is a header: "Name: value" */
  {
    g_auto(GStrv) lines = g_strsplit (headers, "\r\n", -1);
    const char *const allowed[] = { "From", "To", "Subject", "Date", "MIME-Version",
                                    "Content-Type", "Content-Transfer-Encoding", "X-Unsent", NULL };

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *name = g_strndup (lines[i], strcspn (lines[i], ":"));

        g_assert_null (strpbrk (lines[i], "\r\n"));
        g_assert_true (g_strv_contains (allowed, name));
      }
  }

  g_assert_true (g_str_has_prefix (bare, "To: carl@example.org\r\nSubject: Hi\r\n"));
  g_assert_null (strstr (bare, "Cc:"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/letters/store/defaults-installed", test_defaults_installed);
  g_test_add_func ("/letters/store/defaults-with-sample-data", test_defaults_with_sample_data);
  ADD ("/letters/store/restore-default", test_restore_default);
  ADD ("/letters/store/fields", test_fields);
  ADD ("/letters/store/reader-expected", test_reader_expected);
  ADD ("/letters/store/default-letter-renders", test_default_letter_renders);
  ADD ("/letters/store/pre-send-check", test_pre_send_check);
  ADD ("/letters/store/stored-and-logged", test_letter_stored_and_logged);
  ADD ("/letters/store/audiences", test_audiences);
  g_test_add_func ("/letters/outgoing-formats", test_outgoing_formats);
  g_test_add_func ("/letters/eml-no-header-injection", test_eml_no_header_injection);
  ADD ("/letters/store/members-matching", test_members_matching);

  return g_test_run ();
}

/* test-store-search.c — finding anyone by anything typed (dl-store-search.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a real file: people found by each thing the search promises, the
 * index following changes made through the store, text that would be
 * FTS5 syntax taken as words, names before other matches, the limit.
 */

#include "config.h"

#include "../dl-test-files.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dl-day.h"
#include "dl-store-private.h"
#include "dl-store-search.h"

static char *tmp_dir;

typedef struct
{
  DlStore *store;
  char    *path;
  gint64   ana;      /* member, the user's recruit */
  gint64   ana2;     /* another Ana Ruiz, in another city */
  gint64   bob;      /* prospect */
  gint64   stage;
} Fixture;

static gint64
add_member (Fixture    *f,
            const char *first,
            const char *last,
            const char *number,
            const char *city,
            const char *email,
            const char *phone,
            const char *notes)
{
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GError) error = NULL;

  dl_person_set_first_name (draft, first);
  dl_person_set_last_name (draft, last);
  dl_person_set_city (draft, city);
  dl_person_set_email (draft, email);
  dl_person_set_phone (draft, phone);
  dl_person_set_notes (draft, notes);
  member = dl_store_add_member (f->store, draft, dl_store_get_user_id (f->store), number,
                                dl_day_today (), DL_ROLE_DISTRIBUTOR, &error);
  g_assert_no_error (error);
  g_assert_nonnull (member);
  return member != NULL ? dl_member_get_id (member) : 0;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlProfile) profile = dl_profile_new ();
  g_autoptr(DlPerson) me = dl_person_new ();
  g_autoptr(DlPerson) draft = dl_person_new ();
  g_autoptr(DlProspect) prospect = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(DlStage) first = NULL;
  static guint n;

  f->path = g_strdup_printf ("%s/search-%u.db", tmp_dir, n++);
  f->store = dl_store_open (f->path, &error);
  g_assert_no_error (error);

  dl_person_set_first_name (me, "Wendy");
  dl_person_set_last_name (me, "Owner");
  dl_profile_set_person (profile, me);
  g_assert_true (dl_store_save_profile (f->store, profile, &error));
  g_assert_no_error (error);

  f->ana = add_member (f, "Ana María", "Ruiz", "10002345", "Lyon", "ana.ruiz@example.com",
                       "+1 (555) 010-0123", "Loves the lavender oil; ask about the starter kit");
  f->ana2 = add_member (f, "Ana", "Ruiz", "00777", "Valencia", "bluebird@example.net", "", "");

  stages = dl_store_get_stages (f->store);
  first = g_list_model_get_item (stages, 0);
  f->stage = dl_stage_get_id (first);
  dl_person_set_first_name (draft, "Bob");
  dl_person_set_last_name (draft, "Quimby");
  dl_person_set_city (draft, "Zaragoza");
  prospect = dl_store_add_prospect (f->store, draft, f->stage, &error);
  g_assert_no_error (error);
  f->bob = prospect != NULL ? dl_prospect_get_id (prospect) : 0;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_free (f->path);
}

/* The ids found for text, in order, as "id,id,…". */
static char *
found (Fixture    *f,
       const char *text)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) ids = g_string_new (NULL);

  hits = dl_store_search (f->store, text, 20, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  for (guint i = 0; hits != NULL && i < hits->len; i++)
    {
      DlSearchHit *hit = g_ptr_array_index (hits, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? "," : "", hit->person_id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static char *
ids (gint64 a,
     gint64 b)
{
  if (a == 0)
    return g_strdup ("");
  return b != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, a, b)
                : g_strdup_printf ("%" G_GINT64_FORMAT, a);
}

#define assert_found(f, text, a, b) \
  G_STMT_START { \
    g_autofree char *got_ = found ((f), (text)); \
    g_autofree char *want_ = ids ((a), (b)); \
    g_assert_cmpstr (got_, ==, want_); \
  } G_STMT_END

static void
test_every_field (Fixture       *f,
                  gconstpointer  data)
{
  /* names: a word's start, without accents, in any case, any order;
   * in name order ("Ana" before "Ana María") */
  assert_found (f, "ana ru", f->ana2, f->ana);
  assert_found (f, "ruiz ana", f->ana2, f->ana);
  assert_found (f, "MARIA", f->ana, 0);
  assert_found (f, "maría ruiz", f->ana, 0);
  /* a member number, and its start */
  assert_found (f, "10002345", f->ana, 0);
  assert_found (f, "100023", f->ana, 0);
  /* an e-mail, a phone with or without its country code, a city */
  assert_found (f, "bluebird@example.net", f->ana2, 0);
  assert_found (f, "bluebird@exam", f->ana2, 0);
  /* by the part before the @: the domain is everybody's */
  assert_found (f, "ana.ruiz@example.com", f->ana2, f->ana);
  assert_found (f, "example", 0, 0);
  assert_found (f, "5550100123", f->ana, 0);
  assert_found (f, "15550100123", f->ana, 0);
  assert_found (f, "555 010", f->ana, 0);
  assert_found (f, "valencia", f->ana2, 0);
  assert_found (f, "ana lyon", f->ana, 0);
  /* prospects too */
  assert_found (f, "quim", f->bob, 0);
  assert_found (f, "zaragoza", f->bob, 0);
  /* notes, with the words around the match to read */
  {
    g_autoptr(GPtrArray) hits = dl_store_search (f->store, "lavender", 20, NULL, NULL);

    g_assert_nonnull (hits);
    g_assert_cmpuint (hits->len, ==, 1);
    if (hits->len == 1)
      {
        DlSearchHit *hit = g_ptr_array_index (hits, 0);

        g_assert_cmpint (hit->person_id, ==, f->ana);
        g_assert_nonnull (hit->matched);
        g_assert_nonnull (strstr (hit->matched, "lavender oil"));
        g_assert_cmpstr (hit->member_number, ==, "10002345");
        g_assert_cmpstr (hit->city, ==, "Lyon");
        g_assert_cmpstr (hit->sponsor_name, ==, "Wendy Owner");
        g_assert_true (hit->is_member);
        g_assert_false (hit->is_prospect);
      }
  }
  /* a prospect's stage comes with them */
  {
    g_autoptr(GPtrArray) hits = dl_store_search (f->store, "bob", 20, NULL, NULL);
    g_autoptr(DlStage) stage = dl_store_get_stage (f->store, f->stage);

    g_assert_cmpuint (hits->len, ==, 1);
    if (hits->len == 1)
      {
        DlSearchHit *hit = g_ptr_array_index (hits, 0);

        g_assert_true (hit->is_prospect);
        g_assert_false (hit->is_member);
        g_assert_null (hit->member_number);
        g_assert_cmpstr (hit->stage_name, ==, dl_stage_get_name (stage));
      }
  }
  /* nothing matches */
  assert_found (f, "xylophone", 0, 0);
  /* one or two letters look at names and numbers only */
  assert_found (f, "ly", 0, 0);
  assert_found (f, "lyo", f->ana, 0);
}

/* What a person types is words, never FTS5's syntax: quotes, operators,
 * column filters and stars neither fail nor widen the search. */
static void
test_syntax_is_text (Fixture       *f,
                     gconstpointer  data)
{
  const char *texts[] = {
    "\"", "ana\"", "ana AND", "NOT ruiz", "ruiz OR bob", "name:ana", "{name}: ana",
    "ana*", "^ana", "NEAR(ana ruiz)", "-", "(", "ana) OR (bob", "''", "\\", "*",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GError) error = NULL;

      hits = dl_store_search (f->store, texts[i], 20, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (hits);
    }

  /* "OR" is a word like any other: Bob has no word starting with it */
  assert_found (f, "ruiz OR bob", 0, 0);
  assert_found (f, "ana*", f->ana2, f->ana);
  /* nothing to look for: nobody, not everybody */
  assert_found (f, "", 0, 0);
  assert_found (f, " - * \" ", 0, 0);
  /* text that is not UTF-8 finds nobody and does not fail */
  assert_found (f, "an\xff", 0, 0);
}

/* FTS5's own check: both indexes hold exactly the words of the text
 * they index (the names' index reads person_search's). */
static void
assert_index_whole (DlStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_exec (store,
                                "INSERT INTO person_search (person_search) VALUES ('integrity-check');"
                                "INSERT INTO person_name_search (person_name_search) VALUES ('integrity-check')",
                                &error));
  g_assert_no_error (error);
}

/* Every way a person changes makes the search follow. */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlPerson) bob = dl_store_get_person (f->store, f->bob);
  g_autoptr(DlInteraction) contact = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* renamed: found by the new name, no longer by the old */
  dl_person_set_last_name (bob, "Quartermaine");
  g_assert_true (dl_store_update_person (f->store, bob, &error));
  g_assert_no_error (error);
  assert_found (f, "quartermaine", f->bob, 0);
  assert_found (f, "quimby", 0, 0);

  /* what was said in a contact, and no longer once it is taken back */
  contact = dl_store_add_interaction (f->store, f->bob, DL_CONTACT_CALL, now,
                                      "wants the trampoline bundle", &error);
  g_assert_no_error (error);
  assert_found (f, "trampoline", f->bob, 0);
  g_assert_true (dl_store_delete_interaction (f->store, dl_interaction_get_id (contact), &error));
  g_assert_no_error (error);
  assert_found (f, "trampoline", 0, 0);

  /* deleted: gone from the search */
  g_assert_true (dl_store_delete_person (f->store, f->ana2, &error));
  g_assert_no_error (error);
  assert_found (f, "valencia", 0, 0);
  assert_found (f, "ana ruiz", f->ana, 0);

  g_assert_cmpint (dl_store_search_pending (f->store), ==, 0);

  /* the newest person deleted, and their id given to someone new (SQLite
   * reuses the largest id): the index holds the new one only */
  {
    g_autoptr(DlPerson) draft = dl_person_new ();
    g_autoptr(DlProspect) zelda = NULL;

    g_assert_true (dl_store_delete_person (f->store, f->bob, &error));
    g_assert_no_error (error);
    dl_person_set_first_name (draft, "Zelda");
    zelda = dl_store_add_prospect (f->store, draft, f->stage, &error);
    g_assert_no_error (error);
    /* an id that was indexed before (Ana's or Bob's) */
    g_assert_cmpint (dl_prospect_get_id (zelda), <=, f->bob);
    assert_found (f, "zelda", dl_prospect_get_id (zelda), 0);
    assert_found (f, "quartermaine", 0, 0);
  }
  assert_index_whole (f->store);
}

/* The import writes with INSERT OR ROLLBACK, whose OR clause overrides
 * any in a trigger: marking a person twice (the person, then the
 * member) must not conflict, and they are found afterwards. */
static void
test_import_statements (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dl_store_exec (f->store,
                                "BEGIN;"
                                "INSERT OR ROLLBACK INTO person (id, first_name, last_name, created_at, updated_at) "
                                "VALUES (9001, 'Imported', 'Isabeau', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
                                "INSERT OR ROLLBACK INTO member (person_id, sponsor_id, member_number, joined_on) "
                                "VALUES (9001, NULL, '77123', '2026-01-01');"
                                "UPDATE OR ROLLBACK person SET city = 'Nantes' WHERE id = 9001;"
                                "COMMIT",
                                &error));
  g_assert_no_error (error);
  assert_found (f, "isabeau", 9001, 0);
  assert_found (f, "77123", 9001, 0);
  assert_found (f, "nantes", 9001, 0);
}

/* Names and numbers come first; the limit holds and says there is more. */
static void
test_names_first_and_limit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gboolean more = TRUE;
  gint64 note_first;

  /* added before Lyle, but only their notes mention lyle */
  note_first = add_member (f, "Zed", "Zimmer", NULL, "", "", "", "met through lyle at the fair");
  add_member (f, "Lyle", "Alvarez", NULL, "", "", "", "");

  hits = dl_store_search (f->store, "lyle", 20, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_false (more);
  if (hits->len == 2)
    {
      g_assert_cmpstr (((DlSearchHit *) hits->pdata[0])->first_name, ==, "Lyle");
      g_assert_null (((DlSearchHit *) hits->pdata[0])->matched);
      g_assert_cmpint (((DlSearchHit *) hits->pdata[1])->person_id, ==, note_first);
      g_assert_nonnull (((DlSearchHit *) hits->pdata[1])->matched);
    }

  /* a short word narrows to names, never widens: Zed's notes say lyle,
   * but nothing of his starts with "a" */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = dl_store_search (f->store, "lyle a", 20, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  if (hits->len == 1)
    g_assert_cmpstr (((DlSearchHit *) hits->pdata[0])->last_name, ==, "Alvarez");

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *last = g_strdup_printf ("Many%02u", i);

      add_member (f, "Mani", last, NULL, "", "", "", "");
    }
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = dl_store_search (f->store, "mani", 5, &more, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 5);
  g_assert_true (more);

  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = dl_store_search (f->store, "mani", 12, &more, &error);
  g_assert_cmpuint (hits->len, ==, 12);
  g_assert_false (more);
}

/* A file of an older version gets everyone already in it indexed; a
 * read-only file is searched as it is, without writing. */
static void
test_old_file_and_read_only (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlStore) reader = NULL;

  /* as a version-4 file is when migrated: no index at all, the mark at 0 */
  g_assert_true (dl_store_exec (f->store,
                                "DELETE FROM person_name_search; DELETE FROM person_search; "
                                "UPDATE person_search_state SET indexed_up_to = 0",
                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (dl_store_search_pending (f->store), >=, 4);
  assert_found (f, "zaragoza", f->bob, 0);
  g_assert_cmpint (dl_store_search_pending (f->store), ==, 0);
  assert_index_whole (f->store);

  /* a change marks Bob; the read-only file finds what its index has
   * and writes nothing */
  g_assert_true (dl_store_exec (f->store, "UPDATE person SET city = 'Huesca' WHERE first_name = 'Bob'", &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);
  reader = dl_store_open_full (f->path, DL_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);
  if (reader == NULL)
    return;
  g_assert_true (dl_store_is_read_only (reader));
  {
    g_autoptr(GPtrArray) hits = dl_store_search (reader, "lyon", 20, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (hits);
    g_assert_cmpuint (hits->len, ==, 1);
  }
  g_assert_cmpint (dl_store_search_pending (reader), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  tmp_dir = g_dir_make_tmp ("downline-test-search-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add ("/store/search/every-field", Fixture, NULL, fixture_set_up, test_every_field, fixture_tear_down);
  g_test_add ("/store/search/syntax-is-text", Fixture, NULL, fixture_set_up, test_syntax_is_text, fixture_tear_down);
  g_test_add ("/store/search/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);
  g_test_add ("/store/search/import-statements", Fixture, NULL, fixture_set_up, test_import_statements, fixture_tear_down);
  g_test_add ("/store/search/names-first-and-limit", Fixture, NULL, fixture_set_up, test_names_first_and_limit, fixture_tear_down);
  g_test_add ("/store/search/old-file-and-read-only", Fixture, NULL, fixture_set_up, test_old_file_and_read_only, fixture_tear_down);

  status = g_test_run ();
  dl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

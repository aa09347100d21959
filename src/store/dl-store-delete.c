/* dl-store-delete.c — deleting a person so that Undo brings all of them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the person row goes, every row that goes with it is read and
 * kept: the rows that point at it with ON DELETE CASCADE (member,
 * prospect, contacts, letters…), then, the same way, the rows that
 * point at those (placement, monthly figures, events…), found from the
 * schema's own foreign keys so that a table added later is kept too.
 * Rows that point at it with ON DELETE SET NULL (others' placement
 * under them) are remembered by rowid.  A restore inserts the rows in
 * the order they were read, parents first, and points the remembered
 * rows back.
 */

#define G_LOG_DOMAIN "dl-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dl-store-delete.h"
#include "dl-store-pipeline-private.h"
#include "dl-store-private.h"
#include "dl-store-testing.h"

/* How deep rows pointing at rows pointing at the person are followed;
 * the schema has two levels (person ← member ← placement). */
#define MAX_DEPTH 6

typedef struct
{
  char      *table;
  char      *column;      /* pointing column */
  char      *parent;      /* the table it points at */
  char      *parent_key;  /* the column there */
  gboolean   set_null;    /* ON DELETE SET NULL, else followed as a cascade */
} Reference;

static void
reference_clear (Reference *ref)
{
  g_free (ref->table);
  g_free (ref->column);
  g_free (ref->parent);
  g_free (ref->parent_key);
}

typedef struct
{
  char      *table;
  GStrv      columns;
  int        key;         /* the column that points at the deleted person (or is its id) */
  GPtrArray *rows;        /* of GPtrArray of sqlite3_value */
} KeptRows;

static void
kept_rows_free (KeptRows *kept)
{
  g_free (kept->table);
  g_strfreev (kept->columns);
  g_ptr_array_unref (kept->rows);
  g_free (kept);
}

typedef struct
{
  char   *table;
  char   *column;
  gint64  rowid;
} KeptLink;

static void
kept_link_free (KeptLink *link)
{
  g_free (link->table);
  g_free (link->column);
  g_free (link);
}

struct _DlDeletedPerson
{
  gint64     id;
  gboolean   restored;
  char      *name;
  GPtrArray *kept;        /* KeptRows, parents first */
  GPtrArray *links;       /* KeptLink */
};

static void
deleted_person_clear (DlDeletedPerson *deleted)
{
  g_free (deleted->name);
  g_clear_pointer (&deleted->kept, g_ptr_array_unref);
  g_clear_pointer (&deleted->links, g_ptr_array_unref);
}

DlDeletedPerson *
dl_deleted_person_ref (DlDeletedPerson *deleted)
{
  return g_rc_box_acquire (deleted);
}

void
dl_deleted_person_unref (DlDeletedPerson *deleted)
{
  g_rc_box_release_full (deleted, (GDestroyNotify) deleted_person_clear);
}

G_DEFINE_BOXED_TYPE (DlDeletedPerson, dl_deleted_person, dl_deleted_person_ref, dl_deleted_person_unref)

gint64
dl_deleted_person_get_id (DlDeletedPerson *deleted)
{
  g_return_val_if_fail (deleted != NULL, 0);

  return deleted->id;
}

const char *
dl_deleted_person_get_name (DlDeletedPerson *deleted)
{
  g_return_val_if_fail (deleted != NULL, NULL);

  return deleted->name;
}

/* "name" as an SQL identifier */
static char *
quote (const char *name)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every foreign key of the schema. */
static GArray *
read_references (DlStore  *self,
                 GError  **error)
{
  g_autoptr(GArray) refs = g_array_new (FALSE, TRUE, sizeof (Reference));
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (refs, (GDestroyNotify) reference_clear);
  stmt = dl_store_prepare (self,
                           "SELECT m.name, f.\"from\", f.\"table\", f.\"to\", f.on_delete "
                           "FROM sqlite_schema m, pragma_foreign_key_list (m.name) f "
                           "WHERE m.type = 'table'",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Reference ref = { 0 };
      const char *on_delete = (const char *) sqlite3_column_text (stmt, 4);

      ref.table = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      ref.column = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      ref.parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      /* a key naming no column points at the parent's primary key */
      ref.parent_key = g_strdup (sqlite3_column_type (stmt, 3) == SQLITE_NULL
                                 ? "rowid" : (const char *) sqlite3_column_text (stmt, 3));
      ref.set_null = g_strcmp0 (on_delete, "SET NULL") == 0;
      if (g_strcmp0 (on_delete, "CASCADE") != 0 && !ref.set_null)
        {
          /* RESTRICT and NO ACTION refuse the delete itself */
          reference_clear (&ref);
          continue;
        }
      g_array_append_val (refs, ref);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, _("Could not read the database’s structure"));
      return NULL;
    }
  return g_steal_pointer (&refs);
}

/* The columns an INSERT can set (not generated, not hidden). */
static GStrv
insertable_columns (DlStore     *self,
                    const char  *table,
                    GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(DlStmt) stmt = NULL;
  int rc;

  stmt = dl_store_prepare (self, "SELECT name FROM pragma_table_xinfo (?) WHERE hidden = 0", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, _("Could not read the database’s structure"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

static void
value_array_free (gpointer data)
{
  g_ptr_array_unref (data);
}

/* Reads the rows of table whose column is value into a new KeptRows
 * appended to deleted, and returns it; NULL with error set. */
static KeptRows *
keep_rows (DlStore          *self,
           DlDeletedPerson  *deleted,
           const char       *table,
           const char       *column,
           gint64            value,
           GError          **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *quoted_table = quote (table);
  g_autofree char *quoted_column = quote (column);
  g_autoptr(DlStmt) stmt = NULL;
  KeptRows *kept;
  GStrv columns;
  int rc;

  columns = insertable_columns (self, table, error);
  if (columns == NULL)
    return NULL;
  kept = g_new0 (KeptRows, 1);
  kept->table = g_strdup (table);
  kept->columns = columns;
  kept->key = -1;
  kept->rows = g_ptr_array_new_with_free_func (value_array_free);
  g_ptr_array_add (deleted->kept, kept);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *quoted = quote (columns[i]);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", quoted);
      if (g_str_equal (columns[i], column))
        kept->key = i;
    }
  g_string_append_printf (sql, " FROM %s WHERE %s = ?", quoted_table, quoted_column);

  stmt = dl_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) sqlite3_value_free);

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_ptr_array_add (row, sqlite3_value_dup (sqlite3_column_value (stmt, i)));
      g_ptr_array_add (kept->rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, _("Could not read what is to be deleted"));
      return NULL;
    }
  return kept;
}

static gboolean
keep_links (DlStore          *self,
            DlDeletedPerson  *deleted,
            const Reference  *ref,
            gint64            value,
            GError          **error)
{
  g_autofree char *quoted_table = quote (ref->table);
  g_autofree char *quoted_column = quote (ref->column);
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s WHERE %s = ?", quoted_table, quoted_column);
  g_autoptr(DlStmt) stmt = dl_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, value);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KeptLink *link = g_new0 (KeptLink, 1);

      link->table = g_strdup (ref->table);
      link->column = g_strdup (ref->column);
      link->rowid = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (deleted->links, link);
    }
  if (rc != SQLITE_DONE)
    {
      dl_store_set_sqlite_error (self, error, rc, _("Could not read what is to be deleted"));
      return FALSE;
    }
  return TRUE;
}

/* Keeps the rows that point at the kept rows of parent, whose column
 * parent_key holds the deleted person's id (person.id, member.person_id,
 * placement.member_id…: in this schema every kept row carries it). */
static gboolean
keep_dependents (DlStore          *self,
                 DlDeletedPerson  *deleted,
                 GArray           *refs,
                 const char       *parent,
                 const char       *parent_key,
                 guint             depth,
                 GError          **error)
{
  if (depth > MAX_DEPTH)
    return TRUE;

  for (guint i = 0; i < refs->len; i++)
    {
      const Reference *ref = &g_array_index (refs, Reference, i);
      KeptRows *kept;

      if (!g_str_equal (ref->parent, parent))
        continue;
      /* a row that points at another column of a kept row would need
       * that column's values: none does, and a schema change that adds
       * one is refused here rather than half restored later */
      if (!g_str_equal (ref->parent_key, parent_key))
        {
          g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_FAILED,
                       _("Deleting with Undo does not know how to keep the rows of “%s”"), ref->table);
          return FALSE;
        }
      if (ref->set_null)
        {
          if (!keep_links (self, deleted, ref, deleted->id, error))
            return FALSE;
          continue;
        }
      kept = keep_rows (self, deleted, ref->table, ref->column, deleted->id, error);
      if (kept == NULL)
        return FALSE;
      if (kept->rows->len > 0
          && !keep_dependents (self, deleted, refs, ref->table, ref->column, depth + 1, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64           person_id;
  DlDeletedPerson *deleted;
} DeleteData;

static gboolean
delete_keeping_cb (DlStore  *self,
                   gpointer  data,
                   GError  **error)
{
  DeleteData *d = data;
  g_autoptr(DlDeletedPerson) deleted = g_rc_box_new0 (DlDeletedPerson);
  g_autoptr(GArray) refs = NULL;
  g_autoptr(DlPerson) person = dl_store_get_person (self, d->person_id);

  deleted->id = d->person_id;
  deleted->name = g_strdup (person != NULL ? dl_person_get_name (person) : "");
  deleted->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_rows_free);
  deleted->links = g_ptr_array_new_with_free_func ((GDestroyNotify) kept_link_free);

  refs = read_references (self, error);
  if (refs == NULL)
    return FALSE;
  if (keep_rows (self, deleted, "person", "id", d->person_id, error) == NULL
      || !keep_dependents (self, deleted, refs, "person", "id", 1, error))
    return FALSE;
  /* the refusals (the user, recruits) and the signals are the plain
   * delete's */
  if (!dl_store_delete_person (self, d->person_id, error))
    return FALSE;

  d->deleted = g_steal_pointer (&deleted);
  return TRUE;
}

DlDeletedPerson *
dl_store_delete_person_keeping (DlStore  *self,
                                gint64    person_id,
                                GError  **error)
{
  DeleteData d = { person_id, NULL };

  g_return_val_if_fail (DL_IS_STORE (self), NULL);

  if (!dl_store_run_in_transaction (self, delete_keeping_cb, &d, error))
    {
      g_clear_pointer (&d.deleted, dl_deleted_person_unref);
      return NULL;
    }
  return d.deleted;
}

static const KeptRows *
find_kept (DlDeletedPerson *deleted,
           const char      *table)
{
  for (guint i = 0; i < deleted->kept->len; i++)
    {
      const KeptRows *kept = g_ptr_array_index (deleted->kept, i);

      if (g_str_equal (kept->table, table) && kept->rows->len > 0)
        return kept;
    }
  return NULL;
}

static sqlite3_value *
kept_value (const KeptRows *kept,
            guint           row,
            const char     *column)
{
  for (guint i = 0; kept->columns[i] != NULL; i++)
    if (g_str_equal (kept->columns[i], column))
      return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (kept->rows, row), i);
  return NULL;
}

static gboolean
row_taken (DlStore *self,
           gint64   id)
{
  g_autoptr(DlStmt) stmt = dl_store_prepare (self, "SELECT 1 FROM person WHERE id = ?", NULL);

  if (stmt == NULL)
    return TRUE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

typedef struct
{
  DlDeletedPerson *deleted;
  gint64           id;      /* the id they came back under */
} RestoreData;

static gboolean
restore_cb (DlStore  *self,
            gpointer  data,
            GError  **error)
{
  RestoreData *restore = data;
  DlDeletedPerson *deleted = restore->deleted;
  const KeptRows *member = find_kept (deleted, "member");
  const KeptRows *prospect = find_kept (deleted, "prospect");
  gint64 id = deleted->id;

  if (deleted->restored)
    {
      g_set_error (error, DL_STORE_ERROR, DL_STORE_ERROR_DUPLICATE,
                   _("%s is already back."), deleted->name);
      return FALSE;
    }
  /* someone added since may have been given the free id: the person
   * comes back under a new one, everything of theirs with them */
  if (row_taken (self, id))
    {
      g_autoptr(DlStmt) stmt = dl_store_prepare (self, "SELECT max (id) + 1 FROM person", error);

      int rc;

      if (stmt == NULL)
        return FALSE;
      if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
        {
          dl_store_set_sqlite_error (self, error, rc, _("Could not bring them back"));
          return FALSE;
        }
      id = sqlite3_column_int64 (stmt, 0);
    }
  if (member != NULL)
    {
      sqlite3_value *number = kept_value (member, 0, "member_number");

      if (number != NULL && sqlite3_value_type (number) == SQLITE_TEXT
          && !dl_store_check_member_number (self, id,
                                            (const char *) sqlite3_value_text (number), error))
        return FALSE;
    }

  for (guint i = 0; i < deleted->kept->len; i++)
    {
      const KeptRows *kept = g_ptr_array_index (deleted->kept, i);
      g_autofree char *quoted_table = quote (kept->table);
      g_autoptr(GString) sql = NULL;
      g_autoptr(GString) marks = g_string_new (NULL);
      g_autoptr(DlStmt) stmt = NULL;

      if (kept->rows->len == 0)
        continue;
      sql = g_string_new (NULL);
      g_string_printf (sql, "INSERT INTO %s (", quoted_table);
      for (guint c = 0; kept->columns[c] != NULL; c++)
        {
          g_autofree char *quoted = quote (kept->columns[c]);

          g_string_append_printf (sql, "%s%s", c > 0 ? ", " : "", quoted);
          g_string_append (marks, c > 0 ? ", ?" : "?");
        }
      g_string_append_printf (sql, ") VALUES (%s)", marks->str);

      stmt = dl_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint r = 0; r < kept->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (kept->rows, r);

          sqlite3_reset (stmt);
          for (guint c = 0; c < row->len; c++)
            {
              sqlite3_value *value = g_ptr_array_index (row, c);

              if ((int) c == kept->key && id != deleted->id)
                sqlite3_bind_int64 (stmt, c + 1, id);
              else
                sqlite3_bind_value (stmt, c + 1, value);
            }
          if (!dl_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < deleted->links->len; i++)
    {
      const KeptLink *link = g_ptr_array_index (deleted->links, i);
      g_autofree char *quoted_table = quote (link->table);
      g_autofree char *quoted_column = quote (link->column);
      /* only where nobody has placed them elsewhere since */
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE rowid = ?2 AND %s IS NULL",
                                              quoted_table, quoted_column, quoted_column);
      g_autoptr(DlStmt) stmt = dl_store_prepare (self, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, link->rowid);
      if (!dl_store_step_done (self, stmt, error))
        return FALSE;
    }

  dl_store_emit_changed (self, DL_STORE_ENTITY_PEOPLE, id);
  if (member != NULL)
    dl_store_emit_changed (self, DL_STORE_ENTITY_MEMBERS, id);
  if (prospect != NULL)
    {
      sqlite3_value *stage = kept_value (prospect, 0, "stage_id");

      if (stage != NULL)
        dl_store_mark_stage_order (self, sqlite3_value_int64 (stage));
      dl_store_emit_changed (self, DL_STORE_ENTITY_PROSPECTS, id);
    }
  if (find_kept (deleted, "interaction") != NULL)
    dl_store_emit_changed (self, DL_STORE_ENTITY_INTERACTIONS, 0);
  if (find_kept (deleted, "letter") != NULL)
    dl_store_emit_changed (self, DL_STORE_ENTITY_LETTERS, 0);
  restore->id = id;
  return TRUE;
}

gint64
dl_store_restore_deleted (DlStore          *self,
                          DlDeletedPerson  *deleted,
                          GError          **error)
{
  RestoreData restore = { deleted, 0 };

  g_return_val_if_fail (DL_IS_STORE (self), 0);
  g_return_val_if_fail (deleted != NULL, 0);

  if (!dl_store_run_in_transaction (self, restore_cb, &restore, error))
    return 0;
  deleted->restored = TRUE;
  return restore.id;
}

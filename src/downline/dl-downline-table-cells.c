/* dl-downline-table-cells.c — what each of the Table's cells says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phone, e-mail and member number are read from the store only for the
 * rows bound; everything else from the tree, its facts and the back
 * office's figures in memory.
 */

#define G_LOG_DOMAIN "dl-downline-table"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dl-day.h"
#include "dl-downline-table-private.h"
#include "dl-events.h"

/* About 15 ms of a busy machine's main loop. */
#define STALE_CELLS_PER_IDLE 300

DlDay
dl_downline_table_due_day (DlDownlineTable *self,
         guint            index)
{
  DlDueItem due;

  /* the rhythm the facts (and the due filter) were worked out with */
  if (!dl_rules_member_due (self->tree, index, &self->facts->cadence, self->facts->today, &due))
    return DL_DAY_NONE;
  return due.due_on;
}

static char *
day_text (DlDay day)
{
  char *text = dl_day_format_short (day);

  return text != NULL ? text : g_strdup ("—");
}

/* Phone, e-mail or member number: in the store, not in the tree. */
typedef struct
{
  char *phone;
  char *email;
  char *number;
} DlDownlineContact;

/* At most this many people's contacts are kept: GTK binds some 200 rows,
 * and a flat list scrolled end to end would keep everyone's. */
#define CONTACTS_KEPT 4096

static void
contact_free (gpointer data)
{
  DlDownlineContact *contact = data;

  g_free (contact->phone);
  g_free (contact->email);
  g_free (contact->number);
  g_free (contact);
}

static void
on_store_changed_cb (DlDownlineTable *self,
                     DlStoreEntity    entity,
                     gint64           id,
                     DlStore         *store)
{
  if (entity != DL_STORE_ENTITY_PEOPLE && entity != DL_STORE_ENTITY_MEMBERS)
    return;
  if (id == 0)
    g_hash_table_remove_all (self->contacts);
  else
    g_hash_table_remove (self->contacts, &id);
}

static void
on_store_restored_cb (DlDownlineTable *self)
{
  g_hash_table_remove_all (self->contacts);
}

void
dl_downline_table_cells_set_store (DlDownlineTable *self,
                                   DlStore         *store)
{
  if (self->contacts == NULL)
    self->contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, contact_free);
  g_hash_table_remove_all (self->contacts);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->store, on_store_restored_cb, self);
    }
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "restored", G_CALLBACK (on_store_restored_cb), self, G_CONNECT_SWAPPED);
    }
}

static const DlDownlineContact *
contact_of (DlDownlineTable *self,
            gint64           person_id)
{
  DlDownlineContact *contact = g_hash_table_lookup (self->contacts, &person_id);
  g_autoptr(DlPerson) person = NULL;
  g_autoptr(DlMember) member = NULL;
  const char *number;

  if (contact != NULL)
    return contact;
  person = dl_store_get_person (self->store, person_id);
  member = dl_store_get_member (self->store, person_id);
  number = member != NULL ? dl_member_get_member_number (member) : NULL;
  contact = g_new0 (DlDownlineContact, 1);
  contact->phone = g_strdup (person != NULL && dl_person_get_phone (person) != NULL ? dl_person_get_phone (person) : "");
  contact->email = g_strdup (person != NULL && dl_person_get_email (person) != NULL ? dl_person_get_email (person) : "");
  contact->number = g_strdup (number != NULL && *number != '\0' ? number : "—");
  if (g_hash_table_size (self->contacts) >= CONTACTS_KEPT)
    g_hash_table_remove_all (self->contacts);
  g_hash_table_insert (self->contacts, g_memdup2 (&person_id, sizeof person_id), contact);
  return contact;
}

static char *
contact_text (DlDownlineTable *self,
              guint            column,
              guint            i)
{
  const DlDownlineContact *contact;

  if (self->store == NULL)
    return g_strdup ("");
  contact = contact_of (self, dl_tree_get_node (self->tree, i)->person_id);
  switch (column)
    {
    case DL_DOWNLINE_COLUMN_MEMBER_NUMBER:
      return g_strdup (contact->number);
    case DL_DOWNLINE_COLUMN_PHONE:
      return g_strdup (contact->phone);
    default:
      return g_strdup (contact->email);
    }
}

const DlTreeFigures *
dl_downline_table_tree_figures (DlDownlineTable *self)
{
  return self->figures != NULL && self->figures->tree == self->tree ? self->figures : NULL;
}

gboolean
dl_downline_table_column_needs_figures (guint column)
{
  switch (column)
    {
    case DL_DOWNLINE_COLUMN_RANK:
    case DL_DOWNLINE_COLUMN_PAID_RANK:
    case DL_DOWNLINE_COLUMN_GV:
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
    case DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP:
    case DL_DOWNLINE_COLUMN_RECRUITS:
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  const char *name;
  gint16      level;
  guint32     rank;
} RankPlace;

static int
compare_rank_place (gconstpointer a,
                    gconstpointer b)
{
  const RankPlace *x = a, *y = b;

  if (x->level != y->level)
    return x->level < y->level ? -1 : 1;
  return g_utf8_collate (x->name, y->name);
}

guint32 *
dl_downline_table_rank_order (guint         n,
            const char *(*name) (gconstpointer owner, guint rank),
            gconstpointer owner)
{
  g_autofree RankPlace *places = g_new (RankPlace, MAX (n, 1));
  guint32 *order = g_new0 (guint32, MAX (n, 1));

  for (guint r = 0; r < n; r++)
    {
      places[r].name = name (owner, r);
      places[r].level = r == 0 ? G_MININT16 : dl_rank_level (places[r].name);
      places[r].rank = r;
    }
  qsort (places, n, sizeof (RankPlace), compare_rank_place);
  for (guint k = 0; k < n; k++)
    order[places[k].rank] = k;
  return order;
}

const char *
dl_downline_table_tree_rank_name (gconstpointer tree,
                guint         rank)
{
  return dl_tree_get_rank_name (tree, rank);
}

const char *
dl_downline_table_figures_rank_name (gconstpointer figures,
                   guint         rank)
{
  return dl_tree_figures_get_rank_name (figures, rank);
}

/* The highest rank: the figures' once read, the tree's rank until then
 * (the same but where an export said both). */
static const char *
rank_text (DlDownlineTable *self,
           guint            i)
{
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);

  if (figures != NULL)
    return dl_tree_figures_get_rank_name (figures, figures->members[i].rank);
  return dl_tree_get_rank_name (self->tree, dl_tree_get_node (self->tree, i)->rank);
}

guint32
dl_downline_table_rank_key (DlDownlineTable *self,
          guint            i)
{
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);

  if (figures != NULL)
    return self->figures_rank_order[figures->members[i].rank];
  return self->tree_rank_order[dl_tree_get_node (self->tree, i)->rank];
}

gint64
dl_downline_table_recruits (DlDownlineTable *self,
          guint            i)
{
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);

  if (!self->facts->placement)
    return dl_tree_get_node (self->tree, i)->n_children;
  return figures != NULL && figures->recruits != NULL ? figures->recruits[i] : -1;
}

guint32
dl_downline_table_other_parent (DlDownlineTable *self,
              guint            column,
              guint            i)
{
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);
  gboolean drawn = (column == DL_DOWNLINE_COLUMN_PLACED_UNDER) == self->facts->placement;

  if (drawn)
    return dl_tree_get_node (self->tree, i)->parent;
  if (figures == NULL)
    return NONE;
  if (column == DL_DOWNLINE_COLUMN_SPONSOR)
    return figures->sponsor != NULL ? figures->sponsor[i] : NONE;
  return figures->placed_under != NULL ? figures->placed_under[i] : NONE;
}

static const char *
other_parent_name (DlDownlineTable *self,
                   guint            column,
                   guint            i)
{
  guint32 parent = dl_downline_table_other_parent (self, column, i);

  return parent != NONE ? dl_tree_get_node (self->tree, parent)->name : NULL;
}

static char *
volume_text (double volume)
{
  char *text = dl_volume_to_string (volume);

  return text != NULL ? text : g_strdup ("—");
}

/* "On", "Off", or "On, next 12 Dec" where the export gave the date. */
static char *
autoship_text (DlDownlineTable *self,
               guint            i)
{
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);
  g_autofree char *next = NULL;

  switch (dl_tree_get_node (self->tree, i)->autoship)
    {
    case DL_AUTOSHIP_ON:
      next = figures != NULL ? dl_day_format_day_month (figures->members[i].next_autoship) : NULL;
      if (next == NULL)
        return g_strdup (_("On"));
      /* Translators: an autoship that is on, and its next date: "On, next 12 Dec" */
      return g_strdup_printf (_("On, next %s"), next);
    case DL_AUTOSHIP_OFF:
      return g_strdup (_("Off"));
    case DL_AUTOSHIP_UNKNOWN:
    default:
      return g_strdup ("—");
    }
}

DlDay
dl_downline_table_next_autoship (DlDownlineTable *self,
               guint            i)
{
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);

  if (figures == NULL || dl_tree_get_node (self->tree, i)->autoship != DL_AUTOSHIP_ON)
    return DL_DAY_NONE;
  return figures->members[i].next_autoship;
}

/* A count in the locale's grouping: "12,480". */
static char *
count_text (guint count)
{
  return g_strdup_printf ("%'u", count);
}

static char *
cell_text (DlDownlineTable *self,
           guint            column,
           guint            i)
{
  const DlTreeNode *node = dl_tree_get_node (self->tree, i);
  const DlTreeFigures *figures = dl_downline_table_tree_figures (self);
  const char *text;
  gint64 count;

  switch (column)
    {
    case DL_DOWNLINE_COLUMN_PHONE:
    case DL_DOWNLINE_COLUMN_EMAIL:
    case DL_DOWNLINE_COLUMN_MEMBER_NUMBER:
      return contact_text (self, column, i);
    case DL_DOWNLINE_COLUMN_NAME:
      return g_strdup (node->name);
    case DL_DOWNLINE_COLUMN_LEVEL:
      return g_strdup_printf ("%u", node->level);
    case DL_DOWNLINE_COLUMN_STATUS:
      return g_strdup (dl_member_status_get_label (node->status));
    case DL_DOWNLINE_COLUMN_RANK:
      text = rank_text (self, i);
      return g_strdup (*text != '\0' ? text : "—");
    case DL_DOWNLINE_COLUMN_PAID_RANK:
      text = figures != NULL ? dl_tree_figures_get_rank_name (figures, figures->members[i].paid_rank) : "";
      return g_strdup (*text != '\0' ? text : "—");
    case DL_DOWNLINE_COLUMN_PV:
      return volume_text (node->has_pv ? node->pv : NAN);
    case DL_DOWNLINE_COLUMN_GV:
      return volume_text (figures != NULL ? figures->members[i].gv : NAN);
    case DL_DOWNLINE_COLUMN_TEAM:
      return count_text (node->subtree_size - 1);
    case DL_DOWNLINE_COLUMN_AUTOSHIP:
      return autoship_text (self, i);
    case DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP:
      return day_text (dl_downline_table_next_autoship (self, i));
    case DL_DOWNLINE_COLUMN_JOINED:
      return day_text (node->joined_on);
    case DL_DOWNLINE_COLUMN_RISK:
      if (self->facts->risk_band[i] == DL_RISK_DROPPED)
        return g_strdup (_("Dropped"));
      return g_strdup_printf ("%s · %u", dl_colour_by_class_name (DL_COLOUR_BY_RISK, self->facts->risk_band[i]),
                              self->facts->risk_score[i]);
    case DL_DOWNLINE_COLUMN_LAST_CONTACT:
      return day_text (node->last_contact);
    case DL_DOWNLINE_COLUMN_NEXT_DUE:
      return day_text (dl_downline_table_due_day (self, i));
    case DL_DOWNLINE_COLUMN_RECRUITS:
      count = dl_downline_table_recruits (self, i);
      return count >= 0 ? count_text (count) : g_strdup ("—");
    case DL_DOWNLINE_COLUMN_FIRST_ORDER:
      return day_text (figures != NULL ? figures->members[i].first_order : DL_DAY_NONE);
    case DL_DOWNLINE_COLUMN_LAST_ORDER:
      return day_text (figures != NULL ? figures->members[i].last_order : DL_DAY_NONE);
    case DL_DOWNLINE_COLUMN_SPONSOR:
    case DL_DOWNLINE_COLUMN_PLACED_UNDER:
      text = other_parent_name (self, column, i);
      return g_strdup (text != NULL ? text : "—");
    default:
      return g_strdup ("");
    }
}

/* What each column is called and how its cells look.  Each has a width
 * of its own that the rows never change (a width measured from the
 * cells on screen would jump while scrolling), wide enough for what it
 * holds in full: a phone number, an e-mail address, a name below a few
 * levels of indentation; the table scrolls sideways rather than cutting
 * them to "…".  Numbers line up on the right, in figures of one width. */
const DlDownlineColumnInfo dl_downline_column_info[DL_DOWNLINE_N_COLUMNS] = {
  [DL_DOWNLINE_COLUMN_NAME] = { "name", N_("Name"), 280, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_MEMBER_NUMBER] = { "member-number", N_("Member Number"), 140, FALSE, FALSE, FALSE },
  [DL_DOWNLINE_COLUMN_LEVEL] = { "level", N_("Level"), 64, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_STATUS] = { "status", N_("Status"), 104, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RANK] = { "rank", N_("Highest Rank"), 140, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_PAID_RANK] = { "paid-rank", N_("Paid Rank"), 132, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_PV] = { "pv", N_("PV"), 80, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_GV] = { "gv", N_("GV"), 96, TRUE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_TEAM] = { "team", N_("Team"), 88, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_AUTOSHIP] = { "autoship", N_("Autoship"), 150, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_NEXT_AUTOSHIP] = { "next-autoship", N_("Next Autoship"), 136, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_RISK] = { "risk", N_("Dropout Risk"), 132, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_LAST_CONTACT] = { "last-contact", N_("Last Contact"), 124, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_NEXT_DUE] = { "next-check-in", N_("Next Check-In"), 132, FALSE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_RECRUITS] = { "dl_downline_table_recruits", N_("Recruits"), 92, TRUE, TRUE, TRUE },
  [DL_DOWNLINE_COLUMN_JOINED] = { "joined", N_("Joined"), 120, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_FIRST_ORDER] = { "first-order", N_("First Order"), 120, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_LAST_ORDER] = { "last-order", N_("Last Order"), 120, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_SPONSOR] = { "sponsor", N_("Sponsor"), 200, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_PLACED_UNDER] = { "placed-under", N_("Placed Under"), 200, FALSE, TRUE, FALSE },
  [DL_DOWNLINE_COLUMN_PHONE] = { "phone", N_("Phone"), 160, FALSE, FALSE, TRUE },
  [DL_DOWNLINE_COLUMN_EMAIL] = { "email", N_("Email"), 260, FALSE, FALSE, TRUE },
};

static GtkLabel *
cell_label (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_TREE_EXPANDER (child))
    child = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (child));
  return GTK_LABEL (child);
}

static void
update_cell (DlDownlineTable *self,
             GtkListItem     *item)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "column"));
  gpointer row = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  GtkLabel *label = cell_label (item);
  guint index;

  if (self->tree == NULL || row == NULL || (index = dl_downline_row_index_of (row)) == NONE)
    return;
  text = cell_text (self, column, index);
  /* Names are the user's data: plain text.  The same words are left
   * alone: a label given its text again is measured again, and after an
   * edit every cell on screen is said again. */
  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

static gboolean
refresh_stale_cells_cb (gpointer user_data)
{
  DlDownlineTable *self = user_data;
  guint done = 0;

  /* a cell unbound meanwhile is no longer in bound; one bound again
   * was said by its bind */
  while (self->stale_cells->len > 0 && done++ < STALE_CELLS_PER_IDLE)
    {
      gpointer item = g_ptr_array_steal_index_fast (self->stale_cells, self->stale_cells->len - 1);

      if (g_hash_table_contains (self->bound, item))
        update_cell (self, item);
    }
  if (self->stale_cells->len > 0)
    return G_SOURCE_CONTINUE;
  self->stale_idle = 0;
  return G_SOURCE_REMOVE;
}

void
dl_downline_table_refresh_cells (DlDownlineTable *self)
{
  GHashTableIter iter;
  gpointer item;

  g_ptr_array_set_size (self->stale_cells, 0);
  g_clear_handle_id (&self->stale_idle, g_source_remove);
  self->cells_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  if (self->cells_stale)
    return;
  g_hash_table_iter_init (&iter, self->bound);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    /* GTK 4.8 unmaps the rows it keeps outside the view */
    if (gtk_widget_get_mapped (gtk_list_item_get_child (item)))
      update_cell (self, item);
    else
      g_ptr_array_add (self->stale_cells, item);
  if (self->stale_cells->len > 0)
    self->stale_idle = g_idle_add (refresh_stale_cells_cb, self);
}

/* The whole of what a narrowed column (or a deep row) cuts short, read
 * when the pointer rests on it: setting a tooltip's text asks the X
 * server where the pointer is, a round trip for each of the 400 names
 * and addresses GTK binds (0.3 s a sort). */
static gboolean
on_cell_query_tooltip_cb (GtkWidget  *label,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
dl_downline_table_setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  g_object_set_data (G_OBJECT (item), "column", GUINT_TO_POINTER (column));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (dl_downline_column_info[column].numeric)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (column == DL_DOWNLINE_COLUMN_NAME || column == DL_DOWNLINE_COLUMN_EMAIL)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (on_cell_query_tooltip_cb), NULL);
    }
  if (column == DL_DOWNLINE_COLUMN_NAME)
    {
      GtkWidget *expander = gtk_tree_expander_new ();

      gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
      gtk_list_item_set_child (item, expander);
    }
  else
    gtk_list_item_set_child (item, label);
}

void
dl_downline_table_bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  gpointer row = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  if (self->tree == NULL || row == NULL)
    return;
  /* a flat list's rows have no depth: no indentation, no expander */
  if (column == DL_DOWNLINE_COLUMN_NAME)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (child), GTK_IS_TREE_LIST_ROW (row) ? row : NULL);
  g_hash_table_add (self->bound, item);
  update_cell (self, item);
}

void
dl_downline_table_unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                DlDownlineTable          *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));

  g_hash_table_remove (self->bound, item);
  if (column == DL_DOWNLINE_COLUMN_NAME)
    gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (item)), NULL);
}

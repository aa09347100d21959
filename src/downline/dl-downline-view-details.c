/* dl-downline-view-details.c — the Downline view's details of the
 * member selected: facts, back-office figures, rhythm, placement,
 * contacts, and the breadcrumb of sponsors above
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dl-downline-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dl-day.h"
#include "dl-downline-view-private.h"
#include "dl-store-figures.h"
#include "dl-settings.h"

/* ---- Details -------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_fact (GtkListBox *list,
          const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  /* Values come from the database: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value ? value : "—");
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (list, row);
}

/* The fact row titled title, or NULL. */
static GtkWidget *
find_fact (GtkListBox *list,
           const char *title)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row)
        && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return row;
  return NULL;
}

/* The last twelve months' personal volume as a line, newest on the
 * right: the data is a GArray of DlMemberMonth on the drawing area. */
static void
draw_sparkline_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        data)
{
  GArray *months = data;
  GdkRGBA colour;
  double top = 0;
  gboolean started = FALSE;

  for (guint i = 0; i < months->len; i++)
    {
      double pv = g_array_index (months, DlMemberMonth, i).pv;

      if (!isnan (pv))
        top = MAX (top, pv);
    }
  if (months->len < 2 || top <= 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &colour);
  gdk_cairo_set_source_rgba (cr, &colour);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < months->len; i++)
    {
      double pv = g_array_index (months, DlMemberMonth, i).pv;
      double x = 1 + (width - 2) * (double) i / (months->len - 1);
      double y = height - 2 - (height - 4) * (isnan (pv) ? 0 : pv) / top;

      if (!started)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
      started = TRUE;
    }
  cairo_stroke (cr);
}

/* "On", "Off", or "On, next 12 Dec" when the export gave the date. */
static char *
format_autoship (const DlMemberBackOffice *office)
{
  g_autofree char *next = NULL;

  if (office->autoship < 0)
    return NULL;
  if (!office->autoship)
    return g_strdup (_("Off"));
  next = dl_day_format_day_month (office->next_autoship);
  if (next == NULL)
    return g_strdup (_("On"));
  /* Translators: an autoship that is on, and its next date: "On, next 12 Dec" */
  return g_strdup_printf (_("On, next %s"), next);
}

/* A day the back office gave, or no row when it gave none. */
static void
add_day_fact (GtkListBox *list,
              const char *title,
              DlDay       day)
{
  g_autofree char *text = dl_day_format_short (day);

  if (text != NULL)
    add_fact (list, title, text);
}

/* What the back office said of the member: the highest rank reached
 * beside the latest month's paid rank (commissions follow the paid one,
 * and the two differ in a slow month), volume with the last twelve
 * months as a line, autoship and its next date, the first and last
 * orders, and the changes of the last months in words. */
static void
add_back_office_facts (DlDownlineView *self,
                       gint64          person_id)
{
  /* the month drawn: its twelve months, and what the present knows
   * only where it was so by then */
  DlTree *drawn = dl_tree_canvas_get_tree (self->canvas);
  DlPeriod period = drawn != NULL ? dl_tree_get_as_of (drawn) : DL_PERIOD_NONE;
  g_autoptr(GArray) months = dl_store_get_member_months_until (self->store, person_id, period, 12, NULL);
  g_autoptr(GArray) events = dl_store_get_member_events (self->store, person_id, NULL);
  DlDay end = period != DL_PERIOD_NONE ? dl_period_last_day (period) : DL_DAY_NONE;
  g_auto(DlMemberBackOffice) office = { NULL, };
  const DlMemberMonth *latest = NULL;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *volume = NULL;
  g_autofree char *autoship = NULL;
  GtkWidget *row;
  GtkWidget *line;

  if (!dl_store_get_member_back_office (self->store, person_id, &office, NULL))
    return;
  add_fact (self->facts_list, _("Highest rank"), office.rank);

  if (months != NULL && months->len > 0)
    {
      latest = &g_array_index (months, DlMemberMonth, months->len - 1);
      when = dl_downline_view_format_month (latest->period);

      /* Translators: "Paid rank (Nov 2026)" */
      title = g_strdup_printf (_("Paid rank (%s)"), when);
      add_fact (self->facts_list, title, latest->paid_rank);

      {
        /* as the Table writes them */
        g_autofree char *pv = dl_volume_to_string (isnan (latest->pv) && !isnan (latest->gv) ? 0 : latest->pv);
        g_autofree char *gv = dl_volume_to_string (latest->gv);

        if (gv == NULL)
          /* Translators: personal volume, as the back office counts it */
          volume = pv != NULL ? g_strdup_printf (_("PV %s"), pv) : NULL;
        else
          /* Translators: personal and group volume */
          volume = g_strdup_printf (_("PV %s · GV %s"), pv, gv);
      }
      g_free (title);
      /* Translators: "Volume (Nov 2026)" */
      title = g_strdup_printf (_("Volume (%s)"), when);
      add_fact (self->facts_list, title, volume);
      row = gtk_widget_get_last_child (GTK_WIDGET (self->facts_list));
      line = gtk_drawing_area_new ();
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (line), 96);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (line), 24);
      gtk_widget_set_valign (line, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (line, "dim-label");
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (line), draw_sparkline_cb,
                                      g_array_ref (months), (GDestroyNotify) g_array_unref);
      gtk_accessible_update_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Personal volume over the last twelve months"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), line);
    }

  /* the member's own autoship where the latest export gave it, else
   * the month's, as the tree has it; an older month's is that month's */
  if (end == DL_DAY_NONE)
    autoship = format_autoship (&office);
  if (autoship == NULL && latest != NULL && latest->autoship >= 0)
    autoship = g_strdup (latest->autoship ? _("On") : _("Off"));
  if (autoship != NULL || latest != NULL)
    add_fact (self->facts_list, _("Autoship"), autoship);
  if (end == DL_DAY_NONE || office.first_order <= end)
    add_day_fact (self->facts_list, _("First order"), office.first_order);
  if (end == DL_DAY_NONE || office.last_order <= end)
    add_day_fact (self->facts_list, _("Last order"), office.last_order);

  /* the changes of the last three months the exports cover, up to the
   * month drawn (newest first) */
  for (guint i = 0; latest != NULL && events != NULL && i < events->len; i++)
    {
      const DlMemberEvent *event = &g_array_index (events, DlMemberEvent, i);
      g_autofree char *text = NULL;

      if (event->period > latest->period)
        continue;
      if (event->period <= latest->period - 3)
        break;
      text = dl_event_describe (event->type, event->period);
      add_fact (self->facts_list, _("Changed"), text);
    }
}

static char *
format_day (DlDay day)
{
  char *text = dl_day_format_short (day);

  return text != NULL ? text : g_strdup (_("Never"));
}

static char *
format_days_ago (DlDay day,
                 DlDay today)
{
  g_autofree char *date = format_day (day);
  gint64 ago;

  if (day == DL_DAY_NONE)
    return g_steal_pointer (&date);
  ago = (gint64) today - day;
  if (ago == 0)
    return g_strdup_printf (_("%s (today)"), date);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", ago),
                          date, (int) ago);
}

static GtkWidget *
create_contact_row_cb (gpointer item,
                       gpointer user_data)
{
  DlInteraction *interaction = item;
  GtkWidget *row = adw_action_row_new ();
  static const char *kinds[] = { N_("Call"), N_("Meeting"), N_("Email"), N_("Message"), N_("Letter"), N_("Note") };
  DlContactKind kind = dl_interaction_get_kind (interaction);
  g_autofree char *when = dl_day_format_moment (dl_interaction_get_at (interaction));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", kind < G_N_ELEMENTS (kinds) ? _(kinds[kind]) : "", when);
  const char *summary = dl_interaction_get_summary (interaction);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary != NULL && *summary ? summary : _("(no notes)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* The enrollment tree and the index there of the member at sel of the
 * tree drawn: risk, check-ins and welcomes follow who enrolled whom,
 * whichever tree is drawn. */
DlTree *
dl_downline_view_rules_node (DlDownlineView *self,
                             DlTree         *tree,
                             guint           sel,
                             guint          *index)
{
  gint64 r;

  *index = sel;
  if (self->rules_tree == NULL || self->rules_tree == tree)
    return tree;
  r = dl_tree_find (self->rules_tree, dl_tree_get_node (tree, sel)->person_id);
  if (r < 0)
    return tree;
  *index = (guint) r;
  return self->rules_tree;
}

/* Whether the member at sel is still owed a welcome: the same "not
 * welcomed yet" as Today's welcomes and Letters', for the details and
 * the edit dialog. */
gboolean
dl_downline_view_needs_welcome (DlDownlineView *self,
                                DlTree         *tree,
                                guint           sel,
                                DlDay           today)
{
  DlDay started_on = dl_settings_get_first_use (dl_settings_get_default (), dl_store_get_path (self->store),
                                                today, FALSE);
  guint r;

  tree = dl_downline_view_rules_node (self, tree, sel, &r);
  return dl_rules_needs_welcome (tree, r, started_on, today);
}

/* Whether they were welcomed, and their own check-in interval; neither
 * for the user nor for someone who dropped out. */
static void
show_rhythm (DlDownlineView  *self,
             DlTree          *tree,
             guint            sel,
             const DlCadence *cadence,
             DlDay            today)
{
  const DlTreeNode *node = dl_tree_get_node (tree, sel);
  guint r;
  DlTree *rules = dl_downline_view_rules_node (self, tree, sel, &r);

  if (self->store == NULL || dl_tree_get_root (tree) == (gint64) sel || node->status == DL_MEMBER_DROPPED)
    return;

  gtk_widget_set_visible (self->welcome_list, dl_downline_view_needs_welcome (self, tree, sel, today));

  self->showing = TRUE;
  dl_cadence_group_set_default_days (self->cadence_group, dl_rules_default_cadence_days (rules, r, cadence));
  dl_cadence_group_set_days (self->cadence_group, node->cadence_override);
  self->showing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_group), TRUE);
}

/* A link row's way to its member: kept apart from the row, which goes
 * when the details show that member. */
typedef struct
{
  DlDownlineView *self;
  gint64          person_id;
  char           *title;     /* the link's, to find it again there */
} MemberLink;

static void
member_link_free (gpointer data)
{
  MemberLink *link = data;

  g_object_unref (link->self);
  g_free (link->title);
  g_free (link);
}

/* Selects the member and flies to them, as a search match is; their
 * details replace these, with the keyboard on the same link, so Enter
 * again goes one more step up. */
static gboolean
follow_member_link_cb (gpointer data)
{
  MemberLink *link = data;
  DlDownlineView *self = link->self;
  DlTree *tree = self->canvas != NULL ? dl_tree_canvas_get_tree (self->canvas) : NULL;
  gint64 index = tree != NULL ? dl_tree_find (tree, link->person_id) : -1;
  GtkWidget *row;

  if (index < 0)
    return G_SOURCE_REMOVE;
  dl_tree_canvas_fly_to (self->canvas, index);
  dl_tree_canvas_select (self->canvas, index, FALSE);
  /* the selection shows the details of an open pane by itself */
  if (!adw_flap_get_reveal_flap (self->flap))
    {
      dl_downline_view_show_details (self);
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  row = find_fact (self->facts_list, link->title);
  if (row != NULL && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
    gtk_widget_grab_focus (row);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->facts_list));
  return G_SOURCE_REMOVE;
}

static void
on_member_link_activated_cb (AdwActionRow   *row,
                             DlDownlineView *self)
{
  MemberLink *link = g_new0 (MemberLink, 1);

  link->self = g_object_ref (self);
  link->person_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "person-id");
  link->title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  /* not from inside the row's own signal: showing the member's details
   * removes it */
  g_idle_add_full (G_PRIORITY_DEFAULT, follow_member_link_cb, link, member_link_free);
}

/* A fact that names another member of the tree drawn: a row to click
 * (or Enter) that goes to them.  Plain, as add_fact's, when person_id is
 * 0 or not in the tree. */
static void
add_member_link (DlDownlineView *self,
                 DlTree         *tree,
                 const char     *title,
                 const char     *text,
                 gint64          person_id)
{
  GtkWidget *row;
  g_autofree char *tooltip = NULL;

  add_fact (self->facts_list, title, text);
  if (person_id == 0 || dl_tree_find (tree, person_id) < 0)
    return;

  row = gtk_widget_get_last_child (GTK_WIDGET (self->facts_list));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  /* Translators: the tooltip of a member's sponsor or placement parent
   * in the details, e.g. "Show Ana Ruiz in your downline" */
  tooltip = g_strdup_printf (_("Show %s in your downline"), text);
  gtk_widget_set_tooltip_text (row, tooltip);
  g_object_set_data_full (G_OBJECT (row), "person-id", g_memdup2 (&person_id, sizeof person_id), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_member_link_activated_cb), self, 0);
}

/* Where the company placed the member, when an export said: the
 * placement parent's name and the side of a binary plan, as a link to
 * the parent. */
static void
add_placement_fact (DlDownlineView *self,
                    DlTree         *tree,
                    guint           sel,
                    DlTree         *rules)
{
  gint64 person_id = dl_tree_get_node (tree, sel)->person_id;
  g_autofree char *text = NULL;
  const char *parent_name = NULL;
  gint64 parent_id = 0;
  gint64 parent;
  DlSide side = DL_SIDE_NONE;

  if (self->store == NULL || !dl_store_get_placement (self->store, person_id, &parent_id, &side))
    return;

  parent = parent_id != 0 ? dl_tree_find (rules, parent_id) : -1;
  if (parent >= 0)
    parent_name = dl_tree_get_node (rules, parent)->name;
  if (parent_name == NULL)
    parent_name = _("Not in your downline");

  if (side == DL_SIDE_LEFT)
    /* Translators: where a member was placed: "Ana Ruiz, left leg" */
    text = g_strdup_printf (_("%s, left leg"), parent_name);
  else if (side == DL_SIDE_RIGHT)
    text = g_strdup_printf (_("%s, right leg"), parent_name);
  else
    text = g_strdup (parent_name);
  add_member_link (self, tree, _("Placed under"), text, parent >= 0 ? parent_id : 0);
}

/* An older month's details end with that month: contacts logged after
 * it were not part of it. */
static gboolean
contact_before_cb (gpointer item,
                   gpointer user_data)
{
  GDateTime *at = dl_interaction_get_at (DL_INTERACTION (item));

  return at != NULL && dl_day_from_date_time (at) <= GPOINTER_TO_INT (user_data);
}

/* An older month is a record: it is read, not changed.  Logging a
 * contact, the rhythm, a welcome and editing are the present's; the
 * details say so and offer the way back. */
void
dl_downline_view_show_month_state (DlDownlineView *self,
                                   DlTree         *tree)
{
  DlPeriod period = tree != NULL ? dl_tree_get_as_of (tree) : DL_PERIOD_NONE;
  gboolean past = period != DL_PERIOD_NONE;

  gtk_widget_set_visible (self->past_box, past);
  gtk_widget_set_visible (self->month_pill, past);
  gtk_widget_set_visible (self->log_heading, !past);
  gtk_widget_set_visible (self->log_row, !past);
  gtk_widget_set_sensitive (self->edit_button, !past);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "downline.edit-selected", !past);
  if (past)
    {
      g_autofree char *month = dl_downline_view_format_month (period);
      /* Translators: %s is a month, "October 2026" */
      g_autofree char *text = g_strdup_printf (_("This is %s as your back office reported it. "
                                                 "To log a contact or change this member, show the current month."),
                                               month);
      /* Translators: %s is a month, "October 2026" */
      g_autofree char *heading = g_strdup_printf (_("Contacts Until %s"), month);

      /* Translators: over the tree while an older month is drawn; %s is "October 2026" */
      g_autofree char *pill = g_strdup_printf (_("%s, as your back office exported it"), month);

      gtk_label_set_text (self->past_label, text);
      gtk_label_set_text (self->month_pill_label, pill);
      gtk_label_set_text (GTK_LABEL (self->contacts_heading), heading);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->contacts_heading), _("Recent Contacts"));
}

void
dl_downline_view_show_details (DlDownlineView *self)
{
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 sel = dl_tree_canvas_get_selected (self->canvas);
  const DlTreeFacts *facts = dl_tree_canvas_get_facts (self->canvas);
  const DlTreeNode *node;
  const DlTreeNode *enrolled;     /* the same member in the enrollment tree */
  DlTree *rules;
  guint rsel;
  g_autoptr(DlRisk) risk = NULL;
  g_autoptr(DlMember) member = NULL;
  g_autoptr(GString) reasons = g_string_new (NULL);
  g_autofree char *text = NULL;
  DlDay today = dl_downline_view_tree_today (tree);
  DlCadence cadence;
  DlDueItem due;

  dl_settings_get_cadence (dl_settings_get_default (), &cadence);

  clear_list (self->facts_list);
  gtk_list_box_bind_model (self->contacts_list, NULL, NULL, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->log_error_label), FALSE);
  gtk_widget_set_visible (self->welcome_list, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cadence_group), FALSE);
  dl_downline_view_show_month_state (self, tree);
  if (tree == NULL || sel < 0)
    return;
  if (dl_tree_get_as_of (tree) == DL_PERIOD_NONE)
    show_rhythm (self, tree, sel, &cadence, today);

  node = dl_tree_get_node (tree, sel);
  rules = dl_downline_view_rules_node (self, tree, sel, &rsel);
  enrolled = dl_tree_get_node (rules, rsel);
  gtk_label_set_text (self->name_label, node->name);

  if (facts->risk_band[sel] == DL_RISK_DROPPED)
    gtk_label_set_text (self->risk_label, _("Dropped out"));
  else if (node->parent == NONE && node->level == 0 && dl_tree_get_root (tree) == sel)
    gtk_label_set_text (self->risk_label, _("You"));
  else
    {
      risk = dl_rules_risk (rules, rsel, &cadence, today);
      text = g_strdup_printf (_("%s: %u of 100"), dl_colour_by_class_name (DL_COLOUR_BY_RISK, risk->band), risk->score);
      gtk_label_set_text (self->risk_label, text);
      for (guint k = 0; k < risk->reasons->len; k++)
        {
          DlRiskReason *r = &g_array_index (risk->reasons, DlRiskReason, k);

          g_string_append_printf (reasons, "%s• %s (+%u)", k ? "\n" : "", r->sentence, r->points);
        }
      if (risk->reasons->len == 0)
        g_string_append (reasons, _("Nothing points to a dropout."));
      /* which score this is: Preferences ▸ Dropout Risk says how well it does */
      g_string_append_c (reasons, '\n');
      g_string_append (reasons, risk->learned
                       ? _("Learned from who left your team before.")
                       : _("The field’s rules of thumb, until your monthly exports teach it more."));
    }
  gtk_label_set_text (self->reasons_label, reasons->str);
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_label), reasons->len > 0);

  add_fact (self->facts_list, _("Status"),
            dl_member_status_get_label (node->status));
  add_fact (self->facts_list, _("Activity"),
            dl_colour_by_class_name (DL_COLOUR_BY_ACTIVITY, facts->activity[sel]));
  /* who enrolled them, whichever tree is drawn */
  add_member_link (self, tree, _("Sponsor"),
                   enrolled->parent != NONE ? dl_tree_get_node (rules, enrolled->parent)->name
                   : (enrolled->sponsor_id != 0 ? _("Not in your downline (no sponsor)") : NULL),
                   enrolled->parent != NONE ? dl_tree_get_node (rules, enrolled->parent)->person_id : 0);
  add_placement_fact (self, tree, sel, rules);
  g_free (text);
  text = g_strdup_printf ("%u", enrolled->level);
  add_fact (self->facts_list, _("Level"), text);
  g_free (text);
  text = g_strdup_printf ("%u", enrolled->n_children);
  add_fact (self->facts_list, _("Personal recruits"), text);
  g_free (text);
  text = g_strdup_printf ("%u", enrolled->subtree_size - 1);
  add_fact (self->facts_list, _("Downline size"), text);
  if (tree != rules)
    {
      g_free (text);
      text = g_strdup_printf ("%u", node->subtree_size - 1);
      add_fact (self->facts_list, _("Placed below them"), text);
    }
  g_free (text);
  text = format_days_ago (node->last_contact, today);
  add_fact (self->facts_list, _("Last contact"), text);
  g_free (text);
  text = dl_rules_member_due (rules, rsel, &cadence, today, &due) ? format_day (due.due_on)
         : g_strdup (_("Not yours to check in with"));
  add_fact (self->facts_list, _("Next check-in"), text);
  g_free (text);
  text = format_day (node->joined_on);
  add_fact (self->facts_list, _("Joined"), text);

  member = self->store != NULL ? dl_store_get_member (self->store, node->person_id) : NULL;
  if (member != NULL)
    {
      DlPerson *person = dl_member_get_person (member);

      add_fact (self->facts_list, _("Member number"), dl_member_get_member_number (member));
      add_back_office_facts (self, node->person_id);
      if (person != NULL)
        {
          add_fact (self->facts_list, _("Email"), dl_person_get_email (person));
          add_fact (self->facts_list, _("Phone"), dl_person_get_phone (person));
          add_fact (self->facts_list, _("City"), dl_person_get_city (person));
        }
    }
  if (self->store != NULL)
    {
      g_autoptr(GListModel) log = dl_store_get_interactions (self->store, node->person_id);

      if (dl_tree_get_as_of (tree) != DL_PERIOD_NONE)
        {
          GtkCustomFilter *until = gtk_custom_filter_new (contact_before_cb,
                                                          GINT_TO_POINTER (dl_period_last_day (dl_tree_get_as_of (tree))),
                                                          NULL);

          log = G_LIST_MODEL (gtk_filter_list_model_new (g_steal_pointer (&log), GTK_FILTER (until)));
        }
      gtk_list_box_bind_model (self->contacts_list, log, create_contact_row_cb, NULL, NULL);
    }
  gtk_button_set_label (self->collapse_button,
                        dl_layout_is_collapsed (dl_tree_canvas_get_layout (self->canvas), sel)
                        ? _("_Unfold Group") : _("_Fold Group"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->collapse_button), node->n_children > 0);

  /* The actions act on this member's person id. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->write_button), "x", node->person_id);
  gtk_widget_set_visible (GTK_WIDGET (self->write_button), dl_tree_get_root (tree) != sel);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->vcard_button),
                                          g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                                     &node->person_id, 1,
                                                                     sizeof (gint64)));
}

void
dl_downline_view_update_breadcrumb (DlDownlineView *self)
{
  DlTree *tree = dl_tree_canvas_get_tree (self->canvas);
  gint64 focus = dl_tree_canvas_get_focus (self->canvas);
  GtkWidget *child;
  GPtrArray *chain = g_ptr_array_new ();
  GtkWidget *button;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->breadcrumb))) != NULL)
    gtk_box_remove (self->breadcrumb, child);

  button = gtk_button_new_with_label (_("Everyone"));
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "downline.focus-index");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64) -1);
  gtk_box_append (self->breadcrumb, button);

  if (tree != NULL && focus >= 0)
    for (guint a = focus; a != NONE; a = dl_tree_get_node (tree, a)->parent)
      g_ptr_array_add (chain, GUINT_TO_POINTER (a));
  /* the whole tree needs no path, and the table has its own */
  gtk_widget_set_visible (self->breadcrumb_row, chain->len > 0 && !dl_downline_view_table_shown (self));

  for (guint k = chain->len; k-- > 0;)
    {
      guint a = GPOINTER_TO_UINT (g_ptr_array_index (chain, k));
      GtkWidget *label;

      /* Long chains: the first two and the last four steps. */
      if (chain->len > 6 && k < chain->len - 2 && k > 3)
        {
          if (k == chain->len - 3)
            gtk_box_append (self->breadcrumb, gtk_label_new ("› …"));
          continue;
        }
      gtk_box_append (self->breadcrumb, gtk_label_new ("›"));
      label = gtk_label_new (dl_tree_get_node (tree, a)->name);
      /* shortened in the middle, and never to a bare "…": a narrow
       * toolbar used to leave "Everyone › … › …" */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_width_chars (GTK_LABEL (label),
                                 MIN ((int) g_utf8_strlen (dl_tree_get_node (tree, a)->name, -1), 8));
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "downline.focus-index");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", (gint64) a);
      gtk_box_append (self->breadcrumb, button);
    }
  g_ptr_array_unref (chain);
}

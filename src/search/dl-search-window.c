/* dl-search-window.c — Ctrl+K: find anyone, open them where they live
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry over everyone in the file (dl-store-search.h): each person
 * found is a row saying who they are — member or prospect, number,
 * city, sponsor or stage — so two people of the same name are told
 * apart, and, when the words typed were found in their notes or
 * contacts, the words around them.  Enter opens the first; the arrows
 * move down the list.  A member opens in the Downline view with their
 * details, a prospect on their card on the board.
 */

#define G_LOG_DOMAIN "dl-search"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-search-window.h"
#include "dl-store-downline.h"
#include "dl-store-search.h"

/* more than a person reads; typing another letter narrows it down */
#define MAX_RESULTS 50
/* with this many people still to index, say that some are not found yet */
#define PENDING_NOTICE 400

struct _DlSearchWindow
{
  AdwWindow       parent_instance;

  DlStore        *store;
  GtkWindow      *parent;

  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkListBox     *results;
  GtkLabel       *footer;
  AdwStatusPage  *none_page;

  /* searches again while the index is still being filled */
  guint           refresh_id;
  /* a picker: members only, ::chosen instead of opening */
  gboolean        picker;
};

enum {
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (DlSearchWindow, dl_search_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where a person lives: a member in the tree, a prospect on the board. */
static const char *
view_for (const DlSearchHit *hit)
{
  if (hit->is_member)
    return "downline";
  if (hit->is_prospect)
    return "pipeline";
  return "letters";
}

/* What the person is and what tells them apart from namesakes: "Member ·
 * #10002345 · Lyon · sponsor Ana Ruiz", "Prospect · in Contacted". */
static char *
describe (const DlSearchHit *hit)
{
  g_autofree char *apart = NULL;
  g_autofree char *where = NULL;
  const char *kind;

  if (hit->is_user)
    kind = _("You");
  else if (hit->is_member)
    kind = _("Member");
  else
    kind = _("Prospect");

  if (hit->is_member)
    apart = dl_describe_member (hit->member_number, hit->city, hit->sponsor_name, hit->sponsor_is_user);
  else
    {
      /* Translators: the prospect's pipeline stage, as in “in Contacted” */
      where = hit->stage_name != NULL ? g_strdup_printf (_("in %s"), hit->stage_name) : NULL;
      apart = dl_describe_member (NULL, hit->city, NULL, FALSE);
      if (where != NULL)
        {
          char *joined = *apart != '\0' ? g_strconcat (where, " · ", apart, NULL) : g_strdup (where);

          g_free (apart);
          apart = joined;
        }
    }
  return *apart != '\0' ? g_strconcat (kind, " · ", apart, NULL) : g_strdup (kind);
}

static GtkWidget *
make_row (const DlSearchHit *hit)
{
  g_autofree char *name = g_strstrip (g_strconcat (hit->first_name, " ", hit->last_name, NULL));
  g_autofree char *about = describe (hit);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *icon;

  if (hit->matched != NULL)
    {
      g_autofree char *matched = g_strdelimit (g_strdup (hit->matched), "\r\n\t", ' ');

      /* Translators: %s is what the person is, %s the words of their
       * notes or contacts that matched the search */
      subtitle = g_strdup_printf (_("%s\n“%s”"), about, matched);
    }
  else
    subtitle = g_steal_pointer (&about);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_set_subtitle_lines (row, 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  icon = gtk_image_new_from_icon_name (hit->is_member ? "dl-downline-symbolic" : "dl-pipeline-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  hit->is_member ? _("Member") : _("Prospect"),
                                  -1);
  adw_action_row_add_prefix (row, icon);
  adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data_full (G_OBJECT (row), "dl-person-id",
                          g_memdup2 (&hit->person_id, sizeof hit->person_id), g_free);
  g_object_set_data (G_OBJECT (row), "dl-view", (gpointer) view_for (hit));

  return GTK_WIDGET (row);
}

static void
clear_results (DlSearchWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
}

static void
show_footer (DlSearchWindow *self,
             const char     *text)
{
  gtk_label_set_text (self->footer, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->footer), text != NULL);
}

static void run_search (DlSearchWindow *self);

static gboolean
refresh_cb (gpointer data)
{
  DlSearchWindow *self = data;

  self->refresh_id = 0;
  run_search (self);
  return G_SOURCE_REMOVE;
}

static void
run_search (DlSearchWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  gboolean more = FALSE;
  gint64 pending;

  clear_results (self);
  if (self->store == NULL)
    return;

  hits = dl_store_search (self->store, text, MAX_RESULTS, &more, &error);
  pending = dl_store_search_pending (self->store);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (pending > PENDING_NOTICE)
    self->refresh_id = g_timeout_add_seconds (1, refresh_cb, self);

  if (hits == NULL)
    {
      adw_status_page_set_title (self->none_page, _("Search Failed"));
      adw_status_page_set_description (self->none_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  if (hits->len == 0)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      g_autofree char *description = NULL;

      if (*stripped == '\0')
        {
          gtk_stack_set_visible_child_name (self->stack, "start");
          return;
        }
      if (pending > PENDING_NOTICE)
        {
          g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, pending);

          /* Translators: %s is a number of people, as in “12,000” */
          description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "Downline is still adding %s person to the search. "
                                                      "This page searches again by itself.",
                                                      "Downline is still adding %s people to the search. "
                                                      "This page searches again by itself.",
                                                      (gulong) MIN (pending, G_MAXLONG)),
                                         count);
          adw_status_page_set_title (self->none_page, _("Search Is Getting Ready"));
          adw_status_page_set_description (self->none_page, description);
          gtk_stack_set_visible_child_name (self->stack, "none");
          return;
        }
      /* Translators: %s is what the person typed */
      description = g_strdup_printf (_("No member or prospect matches “%s”. Check the spelling, or type fewer words."),
                                     stripped);
      adw_status_page_set_title (self->none_page, _("No One Found"));
      adw_status_page_set_description (self->none_page, description);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      DlSearchHit *hit = g_ptr_array_index (hits, i);

      if (!self->picker || hit->is_member)
        gtk_list_box_append (self->results, make_row (hit));
    }

  if (pending > PENDING_NOTICE)
    {
      g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, pending);

      /* Translators: %s is a number of people, as in “12,000” */
      notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%s person is not searched yet; "
                                             "Downline is adding them in the background.",
                                             "%s people are not searched yet; "
                                             "Downline is adding them in the background.",
                                             (gulong) MIN (pending, G_MAXLONG)),
                                count);
    }
  else if (more)
    /* Translators: %u is the number of people shown */
    notice = g_strdup_printf (_("The first %u people found. Type more to narrow it down."), hits->len);
  show_footer (self, notice);
  gtk_stack_set_visible_child_name (self->stack, "results");
}

static void
on_search_changed_cb (DlSearchWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (*stripped == '\0')
    {
      clear_results (self);
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  run_search (self);
}

static void
open_row (DlSearchWindow *self,
          GtkListBoxRow  *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "dl-person-id");
  const char *view = g_object_get_data (G_OBJECT (row), "dl-view");

  if (id == NULL || view == NULL)
    return;

  if (self->picker)
    {
      /* a handler may close the window it came from */
      g_object_ref (self);
      g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, *id,
                     adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
      gtk_window_destroy (GTK_WINDOW (self));
      g_object_unref (self);
      return;
    }

  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.show-person", "(xs)", *id, view);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_row_activated_cb (DlSearchWindow *self,
                     GtkListBoxRow  *row)
{
  open_row (self, row);
}

static void
on_entry_activate_cb (DlSearchWindow *self)
{
  GtkListBoxRow *first;

  /* the search-changed delay may not have run yet: search now */
  run_search (self);
  first = gtk_list_box_get_row_at_index (self->results, 0);
  if (first != NULL && g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    open_row (self, first);
}

static void
on_stop_search_cb (DlSearchWindow *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Down from the entry goes into the list, as in GNOME Settings' search. */
static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         DlSearchWindow        *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return GDK_EVENT_PROPAGATE;

  first = gtk_list_box_get_row_at_index (self->results, 0);
  if (first == NULL)
    return GDK_EVENT_PROPAGATE;
  gtk_widget_grab_focus (GTK_WIDGET (first));
  return GDK_EVENT_STOP;
}

static void
dl_search_window_dispose (GObject *object)
{
  DlSearchWindow *self = DL_SEARCH_WINDOW (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->parent);

  G_OBJECT_CLASS (dl_search_window_parent_class)->dispose (object);
}

static void
dl_search_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlSearchWindow *self = DL_SEARCH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_search_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlSearchWindow *self = DL_SEARCH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dl_search_window_class_init (DlSearchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_search_window_dispose;
  object_class->get_property = dl_search_window_get_property;
  object_class->set_property = dl_search_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DL_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a picker's choice: the person's id and name */
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/downline/Downline/search/dl-search-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlSearchWindow, entry);
  gtk_widget_class_bind_template_child (widget_class, DlSearchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, DlSearchWindow, results);
  gtk_widget_class_bind_template_child (widget_class, DlSearchWindow, footer);
  gtk_widget_class_bind_template_child (widget_class, DlSearchWindow, none_page);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dl_search_window_init (DlSearchWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* typing anywhere in the window goes to the entry */
  gtk_search_entry_set_key_capture_widget (self->entry, GTK_WIDGET (self));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

DlSearchWindow *
dl_search_window_new (GtkWindow *parent,
                      DlStore   *store)
{
  DlSearchWindow *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  self = g_object_new (DL_TYPE_SEARCH_WINDOW,
                       "store", store,
                       "transient-for", parent,
                       NULL);
  g_set_weak_pointer (&self->parent, parent);
  return self;
}

DlSearchWindow *
dl_search_window_new_picker (GtkWindow  *parent,
                             DlStore    *store,
                             const char *title)
{
  DlSearchWindow *self = dl_search_window_new (parent, store);

  self->picker = TRUE;
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_object_set (self->entry, "placeholder-text", _("Name or member number"), NULL);
  return self;
}

void
dl_search_window_set_text (DlSearchWindow *self,
                           const char     *text)
{
  g_return_if_fail (DL_IS_SEARCH_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  run_search (self);
}

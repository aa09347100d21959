/* dl-person-row.c — a picker's row that tells people of one name apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 5,000-member sample has 916 names worn by more than one person:
 * wherever someone is picked by name, the member number, city and
 * sponsor go under it, so the right "Bao Vu" is the one chosen.
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include "dl-person-row.h"
#include "dl-store-downline.h"

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), subtitle);
  g_object_set_data (G_OBJECT (box), "dl-subtitle", subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         DlStore                  *store)
{
  gpointer object = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = g_object_get_data (G_OBJECT (box), "dl-subtitle");
  DlPerson *person = NULL;
  g_autofree char *text = NULL;

  if (DL_IS_MEMBER (object))
    person = dl_member_get_person (object);
  else if (DL_IS_PERSON (object))
    person = object;
  if (person == NULL)
    {
      gtk_label_set_text (GTK_LABEL (name), "");
      gtk_widget_set_visible (subtitle, FALSE);
      return;
    }
  /* names and places are the user's data: plain text */
  gtk_label_set_text (GTK_LABEL (name), dl_person_get_name (person));
  text = dl_store_describe_member (store, dl_person_get_id (person));
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  gtk_widget_set_visible (subtitle, *text != '\0');
}

GtkListItemFactory *
dl_person_row_factory_new (DlStore *store)
{
  GtkListItemFactory *factory;

  g_return_val_if_fail (DL_IS_STORE (store), NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_cb), g_object_ref (store),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  return factory;
}

const char *
dl_person_row_get_subtitle (GtkWidget *row)
{
  GtkWidget *subtitle;

  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  subtitle = g_object_get_data (G_OBJECT (row), "dl-subtitle");
  return subtitle != NULL ? gtk_label_get_text (GTK_LABEL (subtitle)) : NULL;
}

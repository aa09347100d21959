/* dl-welcome-page.c — the first run: set up a profile or try sample data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "downline"

#include "config.h"

#include <glib/gi18n.h>

#include "dl-profile-form.h"
#include "dl-welcome-page.h"

struct _DlWelcomePage
{
  GtkWidget      parent_instance;

  DlStore       *store;

  /* template children */
  GtkWidget     *scroller;
  DlProfileForm *profile_form;
  GtkButton     *start_button;
  GtkButton     *sample_button;
};

G_DEFINE_FINAL_TYPE (DlWelcomePage, dl_welcome_page, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_profile_saved_cb (DlWelcomePage *self)
{
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
on_start_clicked_cb (DlWelcomePage *self)
{
  /* the form shows what is wrong, if anything; saving emits ::saved */
  dl_profile_form_save (self->profile_form);
}

/* The invented business opens in a file of its own, in a window of its
 * own: the person's real database stays empty until they start for real. */
static void
on_sample_clicked_cb (DlWelcomePage *self)
{
  g_return_if_fail (self->store != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "app.try-sample", "^ay", dl_store_get_path (self->store));
}

static void
dl_welcome_page_dispose (GObject *object)
{
  DlWelcomePage *self = DL_WELCOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DL_TYPE_WELCOME_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dl_welcome_page_parent_class)->dispose (object);
}

static void
dl_welcome_page_map (GtkWidget *widget)
{
  DlWelcomePage *self = DL_WELCOME_PAGE (widget);

  GTK_WIDGET_CLASS (dl_welcome_page_parent_class)->map (widget);
  dl_profile_form_focus_first (self->profile_form);
}

static void
dl_welcome_page_class_init (DlWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_welcome_page_dispose;
  widget_class->map = dl_welcome_page_map;

  /* the profile was saved: the window moves on */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  g_type_ensure (DL_TYPE_PROFILE_FORM);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/app/dl-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlWelcomePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DlWelcomePage, profile_form);
  gtk_widget_class_bind_template_child (widget_class, DlWelcomePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, DlWelcomePage, sample_button);
  gtk_widget_class_bind_template_callback (widget_class, on_profile_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sample_clicked_cb);
}

static void
dl_welcome_page_init (DlWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
dl_welcome_page_set_store (DlWelcomePage *self,
                           DlStore       *store)
{
  g_return_if_fail (DL_IS_WELCOME_PAGE (self));
  g_return_if_fail (DL_IS_STORE (store));

  g_set_object (&self->store, store);
  dl_profile_form_set_store (self->profile_form, store);
}

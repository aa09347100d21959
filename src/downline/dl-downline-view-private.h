/* dl-downline-view-private.h — what the Downline view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view's instance and the functions its parts call across files:
 * dl-downline-view.c (the callbacks, the GObject, the public API),
 * dl-downline-view-load.c (reading the tree and its facts in a worker),
 * dl-downline-view-details.c (the member's details beside the tree) and
 * dl-downline-view-actions.c (export, print, edits with their undo, and
 * the other actions).  Not installed.
 */

#pragma once

#include "dl-cadence-group.h"
#include "dl-downline-table.h"
#include "dl-downline-view.h"
#include "dl-store-periods.h"
#include "dl-undo-stack.h"

G_BEGIN_DECLS

#define NONE DL_TREE_NO_PARENT

struct _DlDownlineView
{
  AdwBin        parent_instance;

  DlStore      *store;
  GCancellable *cancellable;
  DlUndoStack  *undo_stack;     /* the window's; NULL: nothing can be undone */
  guint64       edit_undo;      /* the last edit's entry there */
  gboolean      loading;
  gboolean      reload_again;
  /* the Table, not on screen, has not taken the canvas's tree yet */
  gboolean      table_behind;
  gint64        load_started;    /* monotonic µs, for the debug log */
  GtkRevealer  *start_offer;     /* only the user: how to begin */
  gint64        keep_selected;   /* person ids to restore after a reload */
  gint64        keep_focus;
  gboolean      reveal_kept;     /* fly to keep_selected once loaded */
  guint         reload_source;
  gboolean      placement;       /* the placement tree is drawn */
  DlTree       *rules_tree;      /* the enrollment tree of the facts shown */
  DlTree       *pending_rules;   /* read, while the placement tree is read */
  GArray       *periods;         /* DlPeriod: the months with figures, oldest first */
  DlPeriod      period;          /* the month drawn; DL_PERIOD_NONE: the present */
  gboolean      filling_periods; /* update_periods sets the drop-down */

  guint8       *matches;
  GArray       *match_list;      /* guint32 */
  guint         match_cursor;

  /* template */
  GtkStack     *stack;
  GtkSpinner   *spinner;
  AdwStatusPage *empty_page;
  DlTreeCanvas *canvas;
  DlDownlineTable *table;
  GtkStack     *mode_stack;
  GtkWidget    *tree_tools_start;
  GtkWidget    *tree_tools_look;
  GtkWidget    *tree_tools_zoom;
  GtkWidget    *tree_tools_export;
  GtkWidget    *tree_tools_menu;  /* a narrow window's: zoom, colours, legend, export */
  GtkWidget    *narrow_focus_up;
  GtkDrawingArea *menu_legend_area;
  AdwFlap      *flap;
  GtkBox       *breadcrumb;
  GtkWidget    *breadcrumb_row;
  GtkDropDown  *colour_by_dropdown;
  GtkDropDown  *tree_dropdown;
  GtkDropDown  *period_dropdown;
  GtkStringList *period_list;
  GMenu        *period_section;  /* a narrow window's months */
  GSimpleActionGroup *look;      /* a narrow window's choices, bound to the drop-downs */
  GtkDrawingArea *legend_area;
  GtkDropDown  *highlight_dropdown;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel     *match_label;
  GtkLabel     *match_detail_label;
  GtkLabel     *name_label;
  GtkLabel     *risk_label;
  GtkLabel     *reasons_label;
  GtkListBox   *facts_list;
  GtkWidget    *welcome_list;
  DlCadenceGroup *cadence_group;
  gboolean      showing;         /* show_details fills the widgets in */
  GtkListBox   *contacts_list;
  GtkWidget    *contacts_heading;
  GtkWidget    *past_box;
  GtkLabel     *past_label;
  GtkWidget    *log_heading;
  GtkWidget    *log_row;
  GtkWidget    *edit_button;
  GtkWidget    *month_pill;
  GtkLabel     *month_pill_label;
  GtkDropDown  *kind_dropdown;
  GtkEntry     *summary_entry;
  GtkLabel     *log_error_label;
  GtkButton    *collapse_button;
  GtkButton    *write_button;
  GtkButton    *vcard_button;
};

/* dl-downline-view.c */

/* Whether the table shows, not the tree. */
gboolean  dl_downline_view_table_shown        (DlDownlineView *self);

/* dl-downline-view-load.c */

/* Reads the tree drawn (and the enrollment tree's facts) again, in a
 * worker, keeping the selection and focus by person. */
void      dl_downline_view_reload             (DlDownlineView *self);
/* The day the colours and details of tree are worked out for: today,
 * or the last day of the month it was read as (never later than
 * today). */
DlDay     dl_downline_view_tree_today         (DlTree         *tree);
/* A month as the details and the month drop-down show it: "Nov 2026". */
char     *dl_downline_view_format_month       (DlPeriod        period);

/* dl-downline-view-details.c */

/* Fills the details in for the member selected (none: empties them). */
void      dl_downline_view_show_details       (DlDownlineView *self);
/* The path of buttons from Everyone down to the focused member. */
void      dl_downline_view_update_breadcrumb  (DlDownlineView *self);
/* An older month is a record: the details say so, and offer the way
 * back. */
void      dl_downline_view_show_month_state   (DlDownlineView *self,
                                               DlTree         *tree);
/* The enrollment tree and the index there (in *index) of the member at
 * sel of the tree drawn: risk, check-ins and welcomes follow who
 * enrolled whom, whichever tree is drawn. */
DlTree   *dl_downline_view_rules_node         (DlDownlineView *self,
                                               DlTree         *tree,
                                               guint           sel,
                                               guint          *index);
/* Whether the member at sel is still owed a welcome, as Today and
 * Letters say it. */
gboolean  dl_downline_view_needs_welcome      (DlDownlineView *self,
                                               DlTree         *tree,
                                               guint           sel,
                                               DlDay           today);

/* dl-downline-view-actions.c */

/* In the window's toasts; on stderr when the view is in no window. */
void      dl_downline_view_show_toast         (DlDownlineView *self,
                                               const char     *text);
/* Installs the view's actions and their keys; once, at class init. */
void      dl_downline_view_actions_class_init (GtkWidgetClass *widget_class);

G_END_DECLS

/* dl-downline-view.h — the Downline page: tree, search, details, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dl-store.h"
#include "dl-downline-table.h"
#include "dl-tree-canvas.h"

G_BEGIN_DECLS

#define DL_TYPE_DOWNLINE_VIEW (dl_downline_view_get_type ())

G_DECLARE_FINAL_TYPE (DlDownlineView, dl_downline_view, DL, DOWNLINE_VIEW, AdwBin)

GtkWidget    *dl_downline_view_new        (DlStore        *store);
DlStore      *dl_downline_view_get_store  (DlDownlineView *self);
DlTreeCanvas *dl_downline_view_get_canvas (DlDownlineView *self);
DlDownlineTable *dl_downline_view_get_table (DlDownlineView *self);
/* The table twin instead of the drawing, or back. */
void          dl_downline_view_show_table (DlDownlineView *self,
                                           gboolean        table);
gboolean      dl_downline_view_is_table   (DlDownlineView *self);
/* TRUE while the tree loads. */
gboolean      dl_downline_view_is_loading (DlDownlineView *self);
/* Searches names; returns the number of matches and flies to the first. */
guint         dl_downline_view_search     (DlDownlineView *self,
                                           const char     *text);

/* What the Export dialog does with the file chosen: the current view
 * (or, whole, the whole tree) as PNG, SVG or PDF by the file's extension. */
gboolean      dl_downline_view_export_to_file (DlDownlineView *self,
                                               gboolean        whole,
                                               GFile          *file,
                                               GError        **error);
/* Prints the tree, one page, fitted: action PRINT_DIALOG as the Print
 * button does, or EXPORT with export_filename (a PDF) without a dialog. */
GtkPrintOperationResult dl_downline_view_print (DlDownlineView          *self,
                                                GtkPrintOperationAction  action,
                                                const char              *export_filename,
                                                GError                 **error);

/* Flies to the member, selects them and opens their details, now or as
 * soon as the tree has loaded. */
void          dl_downline_view_show_person (DlDownlineView *self,
                                            gint64          person_id);

G_END_DECLS

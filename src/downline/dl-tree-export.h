/* dl-tree-export.h — the downline drawing as PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dl-tree-render.h"

G_BEGIN_DECLS

typedef enum
{
  DL_EXPORT_PNG,
  DL_EXPORT_SVG,
  DL_EXPORT_PDF,
} DlExportFormat;

/* From the file name's extension; FALSE with a message for any other. */
gboolean dl_tree_export_format_for_path (const char      *path,
                                         DlExportFormat  *format,
                                         GError         **error);

/* Draws what the layout shows, scaled to fit width × height with a
 * margin, legend included: for printing and whole-tree exports. */
void     dl_tree_export_draw_fit        (cairo_t            *cr,
                                         const DlRenderView *style,
                                         double              width,
                                         double              height);

/* Writes a file.  view NULL-origin semantics: when whole is TRUE the
 * whole laid-out tree is drawn (scaled down to at most a poster's size),
 * otherwise exactly view's window onto it. */
gboolean dl_tree_export_to_file         (const DlRenderView *view,
                                         gboolean            whole,
                                         const char         *path,
                                         GError            **error);

/* The whole laid-out tree fitted into width × height units (pixels for
 * PNG, points for SVG and PDF), the legend in a column beside it. */
gboolean dl_tree_export_fit_to_file     (const DlRenderView *view,
                                         double              width,
                                         double              height,
                                         const char         *path,
                                         GError            **error);

G_END_DECLS

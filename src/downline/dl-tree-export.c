/* dl-tree-export.c — the downline drawing as PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same drawing code as the canvas, on cairo's image, SVG and PDF
 * surfaces, so an export looks like the screen and works headless.
 */

#define G_LOG_DOMAIN "dl-tree-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <math.h>

#include "dl-tree-export.h"

#define MARGIN 24.0
/* The legend's column beside the tree (it is drawn 190 units wide): it
 * never covers a member on paper either. */
#define LEGEND_COLUMN (190.0 + 2 * MARGIN)
/* An image of at most this many pixels a side; vector pages of at most
 * PDF's 200 inches. */
#define MAX_PNG_SIDE 8000.0
#define MAX_PAGE_SIDE 14400.0

gboolean
dl_tree_export_format_for_path (const char      *path,
                                DlExportFormat  *format,
                                GError         **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = DL_EXPORT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = DL_EXPORT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = DL_EXPORT_PDF;
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Cannot tell the format of “%s”: name the file .png, .svg or .pdf"), path);
      return FALSE;
    }

  return TRUE;
}

void
dl_tree_export_draw_fit (cairo_t            *cr,
                         const DlRenderView *style,
                         double              width,
                         double              height)
{
  DlRenderView view = *style;
  double x0, y0, x1, y1, zoom;
  double tree_width = MAX (width - LEGEND_COLUMN, 2 * MARGIN + 1);

  dl_layout_get_bounds (view.layout, &x0, &y0, &x1, &y1);
  zoom = MIN ((tree_width - 2 * MARGIN) / MAX (x1 - x0, 1), (height - 2 * MARGIN) / MAX (y1 - y0, 1));
  zoom = CLAMP (zoom, 1e-9, 1.0);
  view.zoom = zoom;
  view.width = ceil (tree_width);
  view.height = ceil (height);
  view.origin_x = (x0 + x1) / 2 - tree_width / 2 / zoom;
  view.origin_y = y0 - MARGIN / zoom;
  view.hovered = -1;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, tree_width, height);
  cairo_clip (cr);
  dl_tree_render (cr, &view, NULL);
  cairo_restore (cr);
  dl_tree_render_legend (cr, &view, tree_width + MARGIN, MARGIN);
}

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *out = closure;

  return g_output_stream_write_all (out, data, length, NULL, NULL, NULL)
    ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
export_to_file (const DlRenderView *view,
                gboolean            whole,
                double              fit_width,
                double              fit_height,
                const char         *path,
                GError            **error)
{
  DlRenderView vector_view;
  DlExportFormat format;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;
  double x0, y0, x1, y1;

  g_return_val_if_fail (view != NULL && view->layout != NULL && view->facts != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!dl_tree_export_format_for_path (path, &format, error))
    return FALSE;

  if (fit_width > 0 && fit_height > 0)
    {
      width = fit_width;
      height = fit_height;
    }
  else if (whole)
    {
      double side = format == DL_EXPORT_PNG ? MAX_PNG_SIDE : MAX_PAGE_SIDE;
      double scale;

      dl_layout_get_bounds (view->layout, &x0, &y0, &x1, &y1);
      width = x1 - x0 + 2 * MARGIN;
      height = y1 - y0 + 2 * MARGIN;
      scale = MIN (1.0, MIN ((side - LEGEND_COLUMN) / width, side / height));
      width = MAX (ceil (width * scale), 320) + LEGEND_COLUMN;
      height = MAX (ceil (height * scale), dl_tree_render_legend_height (view) + 2 * MARGIN);
    }
  else
    {
      width = MAX (view->width, 1) + LEGEND_COLUMN;
      height = MAX (view->height, dl_tree_render_legend_height (view) + 2 * MARGIN);
    }

  /* Written through GIO so a failure names the file in words. */
  file = g_file_new_for_path (path);
  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
  if (out == NULL)
    return FALSE;

  switch (format)
    {
    case DL_EXPORT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_stream, out, width, height);
      break;
    case DL_EXPORT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_stream, out, width, height);
      break;
    case DL_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
      break;
    }

  cr = cairo_create (surface);
  /* names stay text in a PDF or SVG, whatever their size on the page */
  if (format != DL_EXPORT_PNG)
    {
      vector_view = *view;
      vector_view.all_labels = TRUE;
      view = &vector_view;
    }
  if (view->dark)
    cairo_set_source_rgb (cr, 0.14, 0.14, 0.14);
  else
    cairo_set_source_rgb (cr, 0.98, 0.98, 0.98);
  cairo_paint (cr);
  if (whole || fit_width > 0)
    dl_tree_export_draw_fit (cr, view, width, height);
  else
    {
      dl_tree_render (cr, view, NULL);
      dl_tree_render_legend (cr, view, view->width + MARGIN, MARGIN);
    }
  cairo_destroy (cr);

  if (format == DL_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream, out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

gboolean
dl_tree_export_to_file (const DlRenderView *view,
                        gboolean            whole,
                        const char         *path,
                        GError            **error)
{
  return export_to_file (view, whole, 0, 0, path, error);
}

gboolean
dl_tree_export_fit_to_file (const DlRenderView *view,
                            double              width,
                            double              height,
                            const char         *path,
                            GError            **error)
{
  g_return_val_if_fail (width >= 1 && height >= 1, FALSE);

  return export_to_file (view, TRUE, width, height, path, error);
}

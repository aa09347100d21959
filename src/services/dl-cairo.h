/* dl-cairo.h — the few drawing helpers every cairo chart shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Header-only, like dl-toast.h: the risk's calibration chart and the
 * Insights charts draw their text and colours the same way.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* c, with its alpha times alpha. */
static inline void
dl_cairo_set_rgba (cairo_t       *cr,
                   const GdkRGBA *c,
                   double         alpha)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha * alpha);
}

/* text on its baseline at y, its left edge (align 0), centre (0.5) or
 * right edge (1) at x. */
static inline void
dl_cairo_show_text (cairo_t    *cr,
                    double      x,
                    double      y,
                    const char *text,
                    double      align)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  cairo_move_to (cr, x - extents.x_advance * align, y);
  cairo_show_text (cr, text);
}

G_END_DECLS

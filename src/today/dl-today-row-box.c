/* dl-today-row-box.c — a row's title beside its actions, or above them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AdwActionRow keeps its suffixes beside the title at any width, so a
 * row with a handful of buttons cannot get narrower than all of them
 * plus the title; on a phone that is wider than the screen.  This box
 * lays a Today row out as AdwActionRow does while there is room, and
 * moves the badges and buttons under the title when there is not,
 * wrapping them onto as many lines as the width needs.
 *
 * Its CSS node is "box" so that libadwaita's row > box.header and
 * row > box.header > box.title rules give it the action row's margins,
 * height and spacing.
 */

#define G_LOG_DOMAIN "dl-today"

#include "config.h"

#include "dl-today-row-box.h"

/* between the children in a line, and between lines */
#define SPACING 6
/* the title keeps at least this much beside the buttons, or they go
 * under it: narrower, a name wraps after every word */
#define TEXT_MIN_WIDTH 200
/* under the last line of buttons, when they are under the title (the
 * title has its own margins from the theme) */
#define STACKED_BOTTOM 6
/* children in one line under the title, at most */
#define MAX_LINE 16

struct _DlTodayRowBox
{
  GtkWidget parent_instance;

  gboolean  stacked;
};

G_DEFINE_FINAL_TYPE (DlTodayRowBox, dl_today_row_box, GTK_TYPE_WIDGET)

static int
nat_width (GtkWidget *child)
{
  int nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  return nat;
}

static int
nat_height (GtkWidget *child,
            int        width)
{
  int nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &nat, NULL, NULL);
  return nat;
}

/* The children after the text, with the spacing before each, as they
 * stand in one line beside it. */
static int
extras_width (GtkWidget *text)
{
  int width = 0;

  for (GtkWidget *c = gtk_widget_get_next_sibling (text); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (gtk_widget_should_layout (c))
      width += SPACING + nat_width (c);
  return width;
}

static gboolean
fits_beside (GtkWidget *text,
             int        width,
             int        extras)
{
  int text_min = 0;

  if (extras == 0)
    return TRUE;
  gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, NULL, NULL, NULL);
  return width - extras >= MAX (text_min, TEXT_MIN_WIDTH);
}

static void
place (DlTodayRowBox *self,
       GtkWidget     *child,
       int            x,
       int            y,
       int            width,
       int            height,
       int            box_width)
{
  GtkAllocation allocation = { x, y, width, height };

  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    allocation.x = box_width - x - width;
  gtk_widget_size_allocate (child, &allocation, -1);
}

/* One line under the text: the children at its start, those that align
 * to the end at its end.  Returns the line's height. */
static int
lay_line (DlTodayRowBox *self,
          GtkWidget    **line,
          guint          n_line,
          int            y,
          int            width,
          gboolean       allocate)
{
  int widths[MAX_LINE];
  int height = 0;
  int start = 0;
  int end = width;

  for (guint i = 0; i < n_line; i++)
    {
      widths[i] = MIN (nat_width (line[i]), width);
      height = MAX (height, nat_height (line[i], widths[i]));
    }
  if (!allocate)
    return height;
  for (guint i = 0; i < n_line; i++)
    if (gtk_widget_get_halign (line[i]) != GTK_ALIGN_END)
      {
        place (self, line[i], start, y, widths[i], height, width);
        start += widths[i] + SPACING;
      }
  for (guint i = n_line; i-- > 0;)
    if (gtk_widget_get_halign (line[i]) == GTK_ALIGN_END)
      {
        end -= widths[i];
        place (self, line[i], end, y, widths[i], height, width);
        end -= SPACING;
      }
  return height;
}

/* Lays the children out in width (and height, when allocating);
 * returns the height they need. */
static int
arrange (DlTodayRowBox *self,
         int            width,
         int            height,
         gboolean       allocate)
{
  GtkWidget *text = gtk_widget_get_first_child (GTK_WIDGET (self));
  GtkWidget *line[MAX_LINE];
  guint n_line = 0;
  int line_width = 0;
  int extras;
  int y;

  if (text == NULL)
    return 0;
  extras = extras_width (text);

  if (fits_beside (text, width, extras))
    {
      int text_width = width - extras;
      int needed = nat_height (text, text_width);
      int x = text_width;

      for (GtkWidget *c = gtk_widget_get_next_sibling (text); c != NULL; c = gtk_widget_get_next_sibling (c))
        if (gtk_widget_should_layout (c))
          needed = MAX (needed, nat_height (c, nat_width (c)));
      if (!allocate)
        return needed;

      /* each child as tall as the row; its valign centres it */
      self->stacked = FALSE;
      place (self, text, 0, 0, text_width, height, width);
      for (GtkWidget *c = gtk_widget_get_next_sibling (text); c != NULL; c = gtk_widget_get_next_sibling (c))
        if (gtk_widget_should_layout (c))
          {
            int w = nat_width (c);

            x += SPACING;
            place (self, c, x, 0, w, height, width);
            x += w;
          }
      return needed;
    }

  y = nat_height (text, width);
  if (allocate)
    {
      self->stacked = TRUE;
      place (self, text, 0, 0, width, y, width);
    }
  for (GtkWidget *c = gtk_widget_get_next_sibling (text); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      int w;

      if (!gtk_widget_should_layout (c))
        continue;
      w = MIN (nat_width (c), width);
      if (n_line > 0 && (line_width + SPACING + w > width || n_line == MAX_LINE))
        {
          y += lay_line (self, line, n_line, y, width, allocate) + SPACING;
          n_line = 0;
          line_width = 0;
        }
      line_width += (n_line > 0 ? SPACING : 0) + w;
      line[n_line++] = c;
    }
  if (n_line > 0)
    y += lay_line (self, line, n_line, y, width, allocate) + STACKED_BOTTOM;
  return y;
}

static GtkSizeRequestMode
dl_today_row_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
dl_today_row_box_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  DlTodayRowBox *self = DL_TODAY_ROW_BOX (widget);
  GtkWidget *text = gtk_widget_get_first_child (widget);
  int min = 0, nat = 0;

  if (text != NULL && orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int extras = extras_width (text);

      /* narrowest: everything under the text, each child on a line of
       * its own if need be; natural: all in one line */
      gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      for (GtkWidget *c = gtk_widget_get_next_sibling (text); c != NULL; c = gtk_widget_get_next_sibling (c))
        if (gtk_widget_should_layout (c))
          {
            int child_min = 0;

            gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, NULL, NULL, NULL);
            min = MAX (min, child_min);
          }
      if (extras > 0)
        nat = MAX (nat, TEXT_MIN_WIDTH) + extras;
      nat = MAX (nat, min);
    }
  else if (text != NULL)
    {
      int width = for_size;

      if (width < 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      min = nat = arrange (self, width, -1, FALSE);
    }

  *minimum = min;
  *natural = nat;
  *minimum_baseline = -1;
  *natural_baseline = -1;
}

static void
dl_today_row_box_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  arrange (DL_TODAY_ROW_BOX (widget), width, height, TRUE);
}

static void
dl_today_row_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dl_today_row_box_parent_class)->dispose (object);
}

static void
dl_today_row_box_class_init (DlTodayRowBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dl_today_row_box_dispose;
  widget_class->get_request_mode = dl_today_row_box_get_request_mode;
  widget_class->measure = dl_today_row_box_measure;
  widget_class->size_allocate = dl_today_row_box_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "box");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
dl_today_row_box_init (DlTodayRowBox *self)
{
}

GtkWidget *
dl_today_row_box_new (void)
{
  return g_object_new (DL_TYPE_TODAY_ROW_BOX, NULL);
}

gboolean
dl_today_row_box_get_stacked (DlTodayRowBox *self)
{
  g_return_val_if_fail (DL_IS_TODAY_ROW_BOX (self), FALSE);
  return self->stacked;
}

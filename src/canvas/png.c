/* The complete decode of a PNG file; see png.h. */
#include "canvas/png.h"

#include <cairo.h>

int lr_png_decodes(const char *path, int width, int height)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    int ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS &&
             cairo_image_surface_get_width(s) == width &&
             cairo_image_surface_get_height(s) == height;
    cairo_surface_destroy(s);
    return ok;
}

/* Decoding a PNG file completely, with cairo (whose PNG reader turns libpng's errors into a
 * status instead of an abort): the check the PDF writer makes before libharu reads a file. */
#ifndef LR_CANVAS_PNG_H
#define LR_CANVAS_PNG_H

/* 1 when path is a PNG file that decodes completely to width x height pixels, else 0. */
int lr_png_decodes(const char *path, int width, int height);

#endif

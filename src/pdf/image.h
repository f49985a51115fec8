/*
 * image.h - which PNG files the PDF report can embed.
 *
 * libharu reads PNG files with libpng but installs no recovery point for libpng's errors, so a
 * damaged file aborts the process inside HPDF_LoadPngImageFromFile(). Nothing goes to libharu
 * before it has been decoded completely here (with cairo, whose PNG reader recovers from
 * errors), and the layout uses the same check in both of its passes, so a damaged image
 * becomes its alt text the same way every time.
 */
#ifndef LR_PDF_IMAGE_H
#define LR_PDF_IMAGE_H

/* Returns 0 and the size in pixels when path is a PNG file that decodes completely and has at
 * most 40 million pixels, else -1. */
int lr_pdf_png_check(const char *path, double *width, double *height);

#endif

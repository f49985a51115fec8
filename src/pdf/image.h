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

#include <stddef.h>

/* Where an image the Markdown names may be read from. A template comes from strangers as its
 * report folder does, so its images follow the rule of templates (core/confine.h): a relative
 * path without "..", found in one of the folders dirs (the first that has it), that does not
 * lead out of that folder through a symlink, and a regular file (a FIFO would block the
 * build). */
typedef enum lr_pdf_image_where {
    LR_PDF_IMAGE_FOUND = 0, /* real (size bytes) holds the resolved path to read */
    LR_PDF_IMAGE_MISSING,   /* in none of the folders: its alt text, as for a broken file */
    LR_PDF_IMAGE_REFUSED    /* *why says why (static text) */
} lr_pdf_image_where;

lr_pdf_image_where lr_pdf_image_locate(const char *path, const char *const *dirs, size_t n,
                                       char *real, size_t size, const char **why);

/* Returns 0 and the size in pixels when path is a PNG file that decodes completely and has at
 * most 40 million pixels, else -1. */
int lr_pdf_png_check(const char *path, double *width, double *height);

#endif

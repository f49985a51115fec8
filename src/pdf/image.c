/* Which image files the PDF may read (confined as templates are, core/confine.h), and checking
 * PNG files before libharu reads them: the header for the size, then a complete decode
 * (canvas/png.c, with cairo, which turns libpng's errors into a status instead of an abort). */
#include "pdf/image.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "canvas/png.h"
#include "core/confine.h"

lr_pdf_image_where lr_pdf_image_locate(const char *path, const char *const *dirs, size_t n,
                                       char *real, size_t size, const char **why)
{
    *why = NULL;
    if (!lr_path_is_plain(path)) {
        *why = "images are read by relative paths without \"..\" inside the output folder, the "
               "report folder and the template's folder";
        return LR_PDF_IMAGE_REFUSED;
    }
    for (size_t i = 0; i < n; i++) {
        char file[4400];
        if (!dirs[i] || snprintf(file, sizeof file, "%s/%s", dirs[i], path) >= (int)sizeof file)
            continue;
        switch (lr_path_confine(file, &dirs[i], 1, real, size)) {
        case LR_CONFINE_MISSING:
            continue;
        case LR_CONFINE_OUTSIDE:
            *why = "it leads out of the output folder, the report folder and the template's "
                   "folder";
            return LR_PDF_IMAGE_REFUSED;
        case LR_CONFINE_INSIDE:
            break;
        }
        struct stat st;
        if (stat(real, &st) || !S_ISREG(st.st_mode)) {
            *why = "not a regular file";
            return LR_PDF_IMAGE_REFUSED;
        }
        return LR_PDF_IMAGE_FOUND;
    }
    return LR_PDF_IMAGE_MISSING;
}

#define MAX_PIXELS 40e6

/* The size in the IHDR chunk, which a PNG file starts with. */
static int header_size(const char *path, double *width, double *height)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char h[24];
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t n = fread(h, 1, sizeof h, f);
    fclose(f);
    if (n != sizeof h || memcmp(h, sig, 8) || memcmp(h + 12, "IHDR", 4))
        return -1;
    uint32_t w = (uint32_t)h[16] << 24 | (uint32_t)h[17] << 16 | (uint32_t)h[18] << 8 | h[19];
    uint32_t ht = (uint32_t)h[20] << 24 | (uint32_t)h[21] << 16 | (uint32_t)h[22] << 8 | h[23];
    if (!w || !ht || (double)w * (double)ht > MAX_PIXELS)
        return -1;
    *width = w;
    *height = ht;
    return 0;
}

int lr_pdf_png_check(const char *path, double *width, double *height)
{
    double w, h;
    if (!path || header_size(path, &w, &h))
        return -1;
    if (!lr_png_decodes(path, (int)w, (int)h))
        return -1;
    *width = w;
    *height = h;
    return 0;
}

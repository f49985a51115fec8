/* The Markdown -> PDF writer: small documents of any bytes, typeset into a memory sink. The
 * first byte picks page size, language and whether a chart is offered for images. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "canvas/fonts.h"
#include "core/buf.h"
#include "fuzz.h"
#include "pdf/pdf.h"

static lr_fonts *fonts;

static int discard(void *user, const char *data, size_t len)
{
    size_t *total = user;
    (void)data;
    *total += len;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!fonts) {
        char dir[4096];
        lr_error err;
        snprintf(dir, sizeof dir, "%s/fonts", lr_fuzz_source_dir());
        if (lr_fonts_load(dir, &fonts, &err))
            abort();
    }
    if (size < 1 || size > 8192)
        return 0;
    unsigned flags = data[0];
    lr_pdf_options opt;
    memset(&opt, 0, sizeof opt);
    opt.fonts = fonts;
    opt.page = flags & 1 ? "Letter" : "A4";
    opt.language = flags & 2 ? "ko" : "en";
    opt.date = flags & 4 ? "2024-01-02" : NULL;
    opt.author = flags & 8 ? "Fuzz <author>" : NULL;
    opt.base_dir = "/nonexistent-llmreport-fuzz";
    size_t total = 0;
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_status st = lr_pdf_render((const char *)data + 1, size - 1, &opt, discard, &total, &err);
    if (st != LR_OK && st != LR_ENOMEM)
        abort(); /* fonts and options are fine: any Markdown makes a PDF */
    if (st == LR_OK && total < 100)
        abort();
    return 0;
}

/*
 * pdf.h - the PDF report: the report's Markdown, typeset.
 *
 * The PDF is not described a second time: lr_pdf_render() parses the same GitHub-flavoured
 * Markdown that report.md holds (cmark-gfm with the table, strikethrough and autolink
 * extensions and footnotes) and lays its syntax tree out on A4 or Letter pages with libharu:
 *
 *  - a title block (the first level-1 heading and the paragraphs right under it), then a table
 *    of contents when the document has more than four level-2 sections;
 *  - headings with PDF bookmarks nested by level, kept with what follows them;
 *  - paragraphs with emphasis (slanted), strong, code spans, strike-through and clickable links;
 *    lists (nested, bullets and numbers), block quotes, thematic breaks and code blocks;
 *  - tables with column widths from their content (cell text wraps; a table too wide for the
 *    page gets a smaller type size as a last resort), columns aligned as the Markdown says, the
 *    header row repeated on every page, and rows never split across pages;
 *  - footnote markers as superscripts linking to their notes, which follow at the end as on
 *    GitHub, each with a link back;
 *  - images: a chart of this run (opt->images) as vector graphics, a PNG file as an image, and
 *    anything that cannot be read as its alt text (never a failure);
 *  - page numbers in the footer, document information (title, author, subject, creator).
 *
 * Text is UTF-8 throughout, in the fonts of lr_fonts, embedded (subset) in the PDF, with
 * per-character fallback to Nanum Gothic for Hangul, measured with the same widths as charts.
 * Lines break at spaces, and between Hangul syllables where a line has no space to break at; a
 * word wider than its line breaks inside rather than leaving the page. Nothing is drawn outside
 * the margins.
 *
 * The output is deterministic: the same Markdown and options give the same bytes (no clock is
 * read; dates come only from opt->date, and the file has no time-based ID).
 */
#ifndef LR_PDF_H
#define LR_PDF_H

#include <stddef.h>

#include "llmreport.h"
#include "canvas/fonts.h"
#include "core/buf.h"
#include "core/diag.h"
#include "chart/chart.h"

/* A chart of this run, by the URL the Markdown names it with. */
typedef struct lr_pdf_image {
    const char *url;       /* as written in the Markdown, e.g. "charts/overview.svg" */
    const lr_chart *chart; /* drawn as vector graphics; NULL: treated as any other image */
} lr_pdf_image;

typedef struct lr_pdf_options {
    const lr_fonts *fonts; /* required; borrowed */
    const char *page;      /* "A4" (default when NULL) or "Letter" */
    const char *title;     /* document information; NULL: the title is the first level-1 */
    const char *author;    /* heading, and author and subject are left out. The creator */
    const char *subject;   /* is always "llmreport <version>". */
    const char *date;      /* "YYYY-MM-DD": CreationDate and ModDate; NULL: no date */
    const char *base_dir;  /* where relative image paths are found; NULL: the current folder */
    const lr_pdf_image *images;
    size_t n_images;
    const char *language;  /* "en" (default) or "ko": the words the PDF adds itself
                            * ("Contents", "Page") */
    lr_buf *chart_traces;  /* NULL, or gets the trace of every chart drawn, in page order
                            * (lr_canvas_trace_to: each starts with "canvas pdf"); for tests */
    lr_buf *layout_record; /* NULL, or gets a line per thing placed (text runs with their face
                            * and slant, rules, headings, paragraph and cell lines, table rows;
                            * lr_pdfdoc_record_to in doc.h): tests check the layout from it */
    /* the folders images are looked for in, in order (pdf/image.h: no "..", no absolute path,
     * no symlink out of them); none: base_dir alone */
    const char *const *image_dirs;
    size_t n_image_dirs;
    lr_diag *diag; /* gets a warning for each image refused; NULL: none */
} lr_pdf_options;

/*
 * Renders markdown (len bytes of UTF-8; need not be NUL-terminated) as a PDF written to
 * write(user, ...) in pieces. Returns LR_OK, or on failure (err filled, and nothing or only
 * part of a document written):
 *   LR_EUSAGE   opt or opt->fonts missing, an unknown page size, a date not "YYYY-MM-DD";
 *   LR_EIO      "cannot load font FILE" (err->file = FILE) when a font file that the document
 *               needs cannot be read, or "cannot write the PDF" when write returns nonzero;
 *   LR_ENOMEM   out of memory;
 *   LR_ERENDER  libharu failed ("pdf: libharu error 0x...") or a chart could not be drawn.
 * Never aborts: libharu's errors arrive through its error handler and stop the rendering.
 */
lr_status lr_pdf_render(const char *markdown, size_t len, const lr_pdf_options *opt,
                        lr_write_fn write, void *user, lr_error *err);

/*
 * Lays markdown out exactly as lr_pdf_render() does, without producing a PDF, and stores the
 * number of pages in *pages. Fails as lr_pdf_render() does, except that fonts are only measured
 * (a font file missing since lr_fonts_load() is not noticed).
 */
lr_status lr_pdf_count_pages(const char *markdown, size_t len, const lr_pdf_options *opt,
                             size_t *pages, lr_error *err);

#endif

/*
 * The PDF report: checks the options, parses the Markdown with cmark-gfm (GitHub's parser and
 * extensions), runs the layout once, draws the page numbers of the table of contents and the
 * footers, and writes the document.
 */
#include "pdf/pdf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "core/error.h"
#include "pdf/doc.h"
#include "pdf/layout.h"
#include "pdf/style.h"

static const struct {
    const char *name;
    double width, height;
} page_sizes[] = {
    {"A4", 595.276, 841.89},
    {"Letter", 612, 792},
};

static int valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static lr_status check_options(const lr_pdf_options *opt, double *w, double *h, lr_error *err)
{
    if (!opt || !opt->fonts)
        return lr_error_set(err, LR_EUSAGE, NULL, "pdf: fonts are required");
    const char *page = opt->page ? opt->page : "A4";
    size_t i;
    for (i = 0; i < sizeof page_sizes / sizeof page_sizes[0]; i++)
        if (!strcasecmp(page, page_sizes[i].name))
            break;
    if (i == sizeof page_sizes / sizeof page_sizes[0])
        return lr_error_set(err, LR_EUSAGE, NULL, "pdf: unknown page size \"%s\" (A4, Letter)",
                            page);
    *w = page_sizes[i].width;
    *h = page_sizes[i].height;
    if (opt->date && !valid_date(opt->date))
        return lr_error_set(err, LR_EUSAGE, NULL, "pdf: date \"%s\" is not YYYY-MM-DD", opt->date);
    return LR_OK;
}

static cmark_node *parse(const char *markdown, size_t len)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p =
        cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8);
    if (!p)
        return NULL;
    static const char *const extensions[] = {"table", "strikethrough", "autolink"};
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, markdown ? markdown : "", markdown ? len : 0);
    cmark_node *root = cmark_parser_finish(p);
    cmark_parser_free(p);
    return root;
}

static void layout_init(lr_layout *L, const lr_pdf_options *opt, lr_pdfdoc *doc, double w, double h)
{
    memset(L, 0, sizeof(*L));
    L->fonts = opt->fonts;
    L->doc = doc;
    L->opt = opt;
    L->page_w = w;
    L->page_h = h;
    L->margin_x = LR_PDF_MARGIN_X;
    L->top = LR_PDF_MARGIN_TOP;
    L->bottom = h - LR_PDF_MARGIN_BOTTOM;
    L->title = opt->title;
    L->status = LR_OK;
}

static void layout_free(lr_layout *L)
{
    for (size_t i = 0; i < L->n_headings; i++)
        free(L->headings[i].text);
    free(L->headings);
    free(L->toc_numbers);
    free(L->table_header);
    free(L->table_widths);
    for (size_t i = 0; i < L->n_pending; i++) {
        lr_flow_free(&L->pending[i].flow);
        lr_flow_lines_free(&L->pending[i].lines);
    }
}

/* Runs the layout against no document: the number of pages. */
static lr_status measure(cmark_node *root, const lr_pdf_options *opt, double w, double h,
                         size_t *count, lr_error *err)
{
    lr_layout L;
    layout_init(&L, opt, NULL, w, h);
    lr_layout_document(&L, root);
    lr_status st = L.status;
    if (st != LR_OK && err)
        *err = L.error;
    if (st == LR_OK && count)
        *count = L.pages;
    layout_free(&L);
    return st;
}

lr_status lr_pdf_count_pages(const char *markdown, size_t len, const lr_pdf_options *opt,
                             size_t *pages, lr_error *err)
{
    double w, h;
    lr_status st = check_options(opt, &w, &h, err);
    if (st != LR_OK)
        return st;
    cmark_node *root = parse(markdown, len);
    if (!root)
        return lr_error_set(err, LR_ENOMEM, NULL, "pdf: out of memory parsing the Markdown");
    st = measure(root, opt, w, h, pages, err);
    cmark_node_free(root);
    return st;
}

lr_status lr_pdf_render(const char *markdown, size_t len, const lr_pdf_options *opt,
                        lr_write_fn write, void *user, lr_error *err)
{
    double w, h;
    lr_status st = check_options(opt, &w, &h, err);
    if (st != LR_OK)
        return st;
    if (!write)
        return lr_error_set(err, LR_EUSAGE, NULL, "pdf: a writer is required");
    cmark_node *root = parse(markdown, len);
    if (!root)
        return lr_error_set(err, LR_ENOMEM, NULL, "pdf: out of memory parsing the Markdown");
    lr_pdfdoc *doc = NULL;
    st = lr_pdfdoc_new(opt->fonts, w, h, &doc, err);
    if (st == LR_OK) {
        lr_pdfdoc_record_to(doc, opt->layout_record);
        lr_layout L;
        layout_init(&L, opt, doc, w, h);
        lr_layout_document(&L, root);
        lr_layout_toc_pages(&L);
        lr_layout_footers(&L);
        lr_pdfdoc_info(doc, L.title, opt->author, opt->subject, "llmreport " LR_VERSION, opt->date);
        st = L.status;
        if (st != LR_OK && err)
            *err = L.error;
        if (st == LR_OK)
            st = lr_pdfdoc_save(doc, write, user, err);
        layout_free(&L);
    }
    lr_pdfdoc_free(doc);
    cmark_node_free(root);
    return st;
}

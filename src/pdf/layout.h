/*
 * layout.h - block layout of the PDF report: the cursor down the pages and what moves it.
 *
 * The layout walks the cmark-gfm tree once, top to bottom, and places blocks in the current
 * content box (narrowed by lists and quotes) at the cursor, starting a page when a block's
 * first part does not fit. Headings wait ("pending") until the block after them is placed, so
 * that a heading is never the last thing on a page. The walk runs once: the table of contents
 * is laid out where it stands (its lines do not depend on the page numbers, which sit in a
 * column of fixed width), and its page numbers are drawn when every heading has been placed.
 *
 * For table.c, which lays out tables with these calls.
 */
#ifndef LR_PDF_LAYOUT_H
#define LR_PDF_LAYOUT_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "pdf/doc.h"
#include "pdf/flow.h"
#include "pdf/pdf.h"

/* Where the table of contents shows the page of a heading: right-aligned at right, on the
 * baseline base of page index page (0-based). */
typedef struct lr_layout_toc_number {
    size_t heading;
    size_t page;
    double right, base;
} lr_layout_toc_number;

/* A heading of the document, in document order. */
typedef struct lr_layout_heading {
    int level;
    char *text;  /* plain text */
    size_t page; /* 1-based page it was placed on; 0 until placed */
} lr_layout_heading;

/* What waits to be placed with the block after it: a heading, a table's caption, or a short
 * paragraph that leads into a table. */
typedef enum lr_layout_kept { LR_KEPT_HEADING = 0, LR_KEPT_CAPTION, LR_KEPT_LEAD } lr_layout_kept;

typedef struct lr_layout_pending {
    lr_flow flow;
    lr_flow_lines lines;
    lr_layout_kept kind;
    int level;
    long ordinal; /* index in headings, or -1 for a heading the PDF adds ("Contents") */
    double before, after;
    double x, w;      /* the content box when it was met */
    int takes_marker; /* the first block of a list item: draws its marker */
} lr_layout_pending;

#define LR_LAYOUT_MAX_PENDING 8
#define LR_LAYOUT_MAX_QUOTES 32

typedef struct lr_layout {
    const lr_fonts *fonts;
    lr_pdfdoc *doc; /* NULL: measuring only */
    const lr_pdf_options *opt;
    double page_w, page_h;
    double top, bottom; /* the cursor stays within [top, bottom] */
    double margin_x;
    double x, w; /* the current content box */
    double y;    /* the cursor, from the top of the page */
    double gap;  /* space owed after the last block, collapsed with the next one's */
    size_t pages;
    /* text of the current container */
    double size, leading, para_gap;
    lr_color color;
    /* headings */
    lr_layout_heading *headings;
    size_t n_headings, next_heading;
    int toc; /* the document gets a table of contents */
    /* its page numbers, drawn by lr_layout_toc_pages once the headings are placed */
    lr_layout_toc_number *toc_numbers;
    size_t n_toc_numbers;
    lr_layout_pending pending[LR_LAYOUT_MAX_PENDING];
    size_t n_pending;
    /* open block quotes: the bar of each is drawn page by page */
    double quote_x[LR_LAYOUT_MAX_QUOTES], quote_top[LR_LAYOUT_MAX_QUOTES];
    size_t n_quotes;
    /* a list marker (or footnote number) waiting for the first line of its item */
    int marker;
    char marker_text[32];
    double marker_right, marker_size;
    char marker_anchor[32];
    int list_depth;
    cmark_node *backlink_para; /* the paragraph that ends a footnote: gets a link back */
    int backlink_number;
    const char *title; /* for the footer */
    /* the last table's header and column widths: the next table with the same header keeps
     * its columns where they were */
    char *table_header;
    double *table_widths;
    size_t table_cols;
    double table_size;
    lr_status status;
    lr_error error;
} lr_layout;

/* Records a failure (the first one wins). */
void lr_layout_fail(lr_layout *L, lr_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Ends the page and starts the next. */
void lr_layout_new_page(lr_layout *L);
/* Whether the cursor is at the top of a page (nothing placed on it yet). */
int lr_layout_at_top(const lr_layout *L);
/* Starts a block: places pending headings, adds the space before (collapsed with the space
 * owed), and starts a page unless first_height (the part that must stay with the headings)
 * fits. */
void lr_layout_block_start(lr_layout *L, double before, double first_height);
/* Ends a block, owing after. */
void lr_layout_block_end(lr_layout *L, double after);
/* Draws the pending list marker (and sets the pending anchor) for a first line whose top and
 * baseline are given. */
void lr_layout_marker(lr_layout *L, double top, double baseline);

/* Records a line of text placed at (x, top), w wide, in the document's record (doc.h):
 * "KIND PAGE X TOP W TAG |TEXT". */
void lr_layout_record_line(lr_layout *L, const char *kind, const char *tag, const lr_flow *f,
                           const lr_flow_line *line, double x, double top);

/* The height the note under table (its "Note." paragraph) needs on the page of the table's last
 * rows: its first lines as the note will keep them together, and the space before it; 0 when
 * the table has no note. */
double lr_layout_note_height(lr_layout *L, cmark_node *table);

/* Lays out a GFM table node (table.c). */
void lr_table_layout(lr_layout *L, cmark_node *table);

/* Lays out the whole document (layout.c). L holds the fonts, doc, options and geometry. */
void lr_layout_document(lr_layout *L, cmark_node *root);
/* Draws the page numbers of the table of contents (known once the document is laid out). */
void lr_layout_toc_pages(lr_layout *L);
/* Draws the footers of every page (the page count is known only then). */
void lr_layout_footers(lr_layout *L);

#endif

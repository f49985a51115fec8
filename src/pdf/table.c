/*
 * Tables of the PDF report. Column widths come from the cells: every column gets its widest
 * line when the table fits, else at least its widest word and a share of the rest in
 * proportion to how much more it could use (the automatic table layout of browsers). A table
 * whose words alone are too wide gets a smaller type size, down to LR_PDF_TABLE_MIN_SIZE; past
 * that, words break inside. The header row is repeated on every page; a row moves to the next
 * page whole, unless it is taller than a page, when its lines continue there.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "pdf/layout.h"
#include "pdf/style.h"

#define EPS 0.01
#define MIN_PAD_X 2.5
#define LONG_WORD 0.18 /* of the table width: a longer word may break at "/", "-" */
#define HUGE_WORD 0.4  /* of the table width: a longer word breaks anywhere */

typedef struct cell {
    lr_flow flow;
    lr_flow_lines lines;
} cell;

typedef struct table {
    size_t rows, cols;
    cell *cells; /* rows * cols */
    lr_flow_align *align;
    double *width;  /* of each column, padding included */
    double *height; /* of each row, padding included */
    double size, pad_x, pad_y, lh;
} table;

static void free_cells(table *t)
{
    if (t->cells)
        for (size_t i = 0; i < t->rows * t->cols; i++) {
            lr_flow_free(&t->cells[i].flow);
            lr_flow_lines_free(&t->cells[i].lines);
        }
    free(t->cells);
    t->cells = NULL;
}

/* Fills the cells' flows at type size size. Returns 0, or -1 when out of memory. */
static int build(lr_layout *L, cmark_node *node, table *t, double size)
{
    t->size = size;
    t->pad_x = LR_PDF_CELL_PAD_X * fmin(1, size / LR_PDF_TABLE_SIZE);
    t->pad_y = LR_PDF_CELL_PAD_Y * fmin(1, size / LR_PDF_TABLE_SIZE);
    t->cells = calloc(t->rows * t->cols, sizeof(*t->cells));
    if (!t->cells)
        return -1;
    size_t r = 0;
    for (cmark_node *row = cmark_node_first_child(node); row && r < t->rows;
         row = cmark_node_next(row), r++) {
        int header = r == 0 || cmark_gfm_extensions_get_table_row_is_header(row);
        lr_flow_style st =
            lr_flow_plain_style(header ? LR_FONT_BOLD : LR_FONT_REGULAR, size, LR_PDF_TEXT);
        cmark_node *c = cmark_node_first_child(row);
        for (size_t k = 0; k < t->cols; k++) {
            cell *cl = &t->cells[r * t->cols + k];
            lr_flow_init(&cl->flow, L->fonts, size, LR_PDF_TABLE_LEADING);
            if (c) {
                lr_flow_add_inlines(&cl->flow, c, &st);
                c = cmark_node_next(c);
            }
            if (cl->flow.failed)
                return -1;
        }
    }
    t->lh = size * LR_PDF_TABLE_LEADING;
    return 0;
}

/* Narrowest (widest word) and widest (widest line) content of each column. */
static void measure(const table *t, double avail, double *least, double *most, double *sum_least,
                    double *sum_most)
{
    *sum_least = *sum_most = 0;
    for (size_t k = 0; k < t->cols; k++) {
        least[k] = most[k] = 0;
        for (size_t r = 0; r < t->rows; r++) {
            const lr_flow *f = &t->cells[r * t->cols + k].flow;
            least[k] = fmax(least[k], lr_flow_min_width(f, LONG_WORD * avail));
            /* a word this long breaks anyway: it gets no say in the type size */
            least[k] = fmin(least[k], HUGE_WORD * avail);
            most[k] = fmax(most[k], lr_flow_natural_width(f));
        }
        *sum_least += least[k];
        *sum_most += most[k];
    }
}

/*
 * Widths: the widest line of every column when the table fits. Else every column gets its
 * widest word; a column that needs no more than its fair share of what is left to keep its
 * lines whole, or little compared with its width, gets that (smallest need first: a numeric
 * column is not wrapped to save two points), and the rest
 * goes to the others in proportion to what they could still use. When even the widest words do
 * not fit, the columns share the width in proportion to them and words break.
 */
static void choose_widths(table *t, const double *least, const double *most, double sum_least,
                          double sum_most, double avail)
{
    double pad = 2 * t->pad_x, pads = pad * (double)t->cols;
    if (sum_most + pads > avail && sum_most + 2 * MIN_PAD_X * (double)t->cols <= avail) {
        /* a little too wide: narrower padding rather than wrapped cells */
        t->pad_x = (avail - sum_most) / (2 * (double)t->cols);
        pad = 2 * t->pad_x;
        pads = pad * (double)t->cols;
    }
    if (sum_most + pads <= avail || sum_least + pads > avail) {
        for (size_t k = 0; k < t->cols; k++)
            t->width[k] = sum_most + pads <= avail ? most[k] + pad
                                                   : (least[k] + pad) * avail / (sum_least + pads);
        return;
    }
    double rest = avail - sum_least - pads;
    for (size_t k = 0; k < t->cols; k++)
        t->width[k] = least[k] + pad;
    for (;;) {
        size_t open = 0, pick = t->cols;
        for (size_t k = 0; k < t->cols; k++)
            open += t->width[k] < most[k] + pad;
        for (size_t k = 0; k < t->cols; k++) {
            double need = most[k] + pad - t->width[k];
            if (need <= 0 || need > rest ||
                (need > rest / (double)open && need > 0.25 * t->width[k]))
                continue;
            if (pick == t->cols || need < most[pick] + pad - t->width[pick])
                pick = k;
        }
        if (pick == t->cols)
            break;
        rest -= most[pick] + pad - t->width[pick];
        t->width[pick] = most[pick] + pad;
    }
    double want = 0;
    for (size_t k = 0; k < t->cols; k++)
        want += fmax(0, most[k] + pad - t->width[k]);
    for (size_t k = 0; k < t->cols && want > 0; k++)
        t->width[k] += rest * fmax(0, most[k] + pad - t->width[k]) / want;
}

static lr_status break_cells(table *t)
{
    for (size_t r = 0; r < t->rows; r++) {
        double lines = 1;
        for (size_t k = 0; k < t->cols; k++) {
            cell *c = &t->cells[r * t->cols + k];
            if (lr_flow_break(&c->flow, t->width[k] - 2 * t->pad_x, &c->lines) != LR_OK)
                return LR_ENOMEM;
            lines = fmax(lines, (double)c->lines.n);
        }
        t->height[r] = lines * t->lh + 2 * t->pad_y;
    }
    return LR_OK;
}

/* Draws lines [from, from + count) of every cell of row r, the row's top at y. */
static void draw_lines(lr_layout *L, const table *t, size_t r, const size_t *from, size_t count,
                       double y)
{
    double x = L->x;
    for (size_t k = 0; k < t->cols; k++) {
        const cell *c = &t->cells[r * t->cols + k];
        for (size_t i = from ? from[k] : 0, j = 0; i < c->lines.n && j < count; i++, j++) {
            double top = y + t->pad_y + (double)j * t->lh;
            double base = lr_flow_draw(&c->flow, &c->lines.v[i], L->doc, x + t->pad_x, top,
                                       t->width[k] - 2 * t->pad_x, t->align[k]);
            if (k == 0 && i == 0)
                lr_layout_marker(L, top, base);
        }
        x += t->width[k];
    }
}

static double table_width(const table *t)
{
    double w = 0;
    for (size_t k = 0; k < t->cols; k++)
        w += t->width[k];
    return w;
}

static void rule(lr_layout *L, const table *t, double y, double width, lr_color color)
{
    lr_pdfdoc_line(L->doc, L->x, y, L->x + table_width(t), y, width, color);
}

static void header(lr_layout *L, const table *t)
{
    rule(L, t, L->y, 0.8, LR_PDF_DARK_RULE);
    draw_lines(L, t, 0, NULL, (size_t)-1, L->y);
    L->y += t->height[0];
    rule(L, t, L->y, 0.5, LR_PDF_DARK_RULE);
}

/* A row taller than a page: its lines continue on the next pages, under the header. */
static void split_row(lr_layout *L, const table *t, size_t r)
{
    size_t *next = calloc(t->cols, sizeof(*next));
    if (!next) {
        lr_layout_fail(L, LR_ENOMEM, "pdf: out of memory");
        return;
    }
    for (;;) {
        double avail = L->bottom - L->y - 2 * t->pad_y;
        size_t fit = avail > t->lh ? (size_t)floor((avail + EPS) / t->lh) : 1;
        size_t most = 0;
        int left = 0;
        draw_lines(L, t, r, next, fit, L->y);
        for (size_t k = 0; k < t->cols; k++) {
            size_t n = t->cells[r * t->cols + k].lines.n;
            size_t drawn = n - next[k] < fit ? n - next[k] : fit;
            next[k] += drawn;
            most = drawn > most ? drawn : most;
            left |= next[k] < n;
        }
        L->y += (double)most * t->lh + 2 * t->pad_y;
        if (!left || L->status != LR_OK)
            break;
        rule(L, t, L->y, 0.8, LR_PDF_DARK_RULE);
        lr_layout_new_page(L);
        header(L, t);
    }
    free(next);
}

void lr_table_layout(lr_layout *L, cmark_node *node)
{
    table t;
    memset(&t, 0, sizeof t);
    t.cols = cmark_gfm_extensions_get_table_columns(node);
    for (cmark_node *row = cmark_node_first_child(node); row; row = cmark_node_next(row))
        t.rows++;
    if (!t.cols || !t.rows)
        return;
    t.align = calloc(t.cols, sizeof(*t.align));
    t.width = calloc(t.cols, sizeof(*t.width));
    t.height = calloc(t.rows, sizeof(*t.height));
    double *least = calloc(t.cols, sizeof(*least)), *most = calloc(t.cols, sizeof(*most));
    lr_status st = t.align && t.width && t.height && least && most ? LR_OK : LR_ENOMEM;
    if (st == LR_OK) {
        const uint8_t *al = cmark_gfm_extensions_get_table_alignments(node);
        for (size_t k = 0; k < t.cols; k++)
            t.align[k] = !al            ? LR_FLOW_LEFT
                         : al[k] == 'r' ? LR_FLOW_RIGHT
                         : al[k] == 'c' ? LR_FLOW_CENTER
                                        : LR_FLOW_LEFT;
        /* Smaller type until the widest words fit (a few rounds: padding shrinks too). */
        double size = LR_PDF_TABLE_SIZE, sum_least = 0, sum_most = 0;
        for (int round = 0; round < 8; round++) {
            if (build(L, node, &t, size)) {
                st = LR_ENOMEM;
                break;
            }
            measure(&t, L->w, least, most, &sum_least, &sum_most);
            double need = sum_least + 2 * t.pad_x * (double)t.cols;
            if (need <= L->w + EPS || size <= LR_PDF_TABLE_MIN_SIZE || round == 7)
                break;
            double next = floor(size * L->w / need * 4) / 4;
            next = fmax(LR_PDF_TABLE_MIN_SIZE, fmin(next, size - 0.25));
            free_cells(&t);
            size = next;
        }
        if (st == LR_OK) {
            choose_widths(&t, least, most, sum_least, sum_most, L->w);
            st = break_cells(&t);
        }
    }
    if (st != LR_OK) {
        lr_layout_fail(L, st, "pdf: out of memory");
    } else {
        double page = L->bottom - L->top;
        lr_layout_block_start(L, 4, t.height[0] + (t.rows > 1 ? fmin(t.height[1], page / 2) : 0));
        header(L, &t);
        size_t on_page = 0;
        for (size_t r = 1; r < t.rows && L->status == LR_OK; r++, on_page++) {
            /* no last row alone on a page: the one before goes with it */
            int widow = r + 2 == t.rows && on_page >= 3 &&
                        L->y + t.height[r] + t.height[r + 1] > L->bottom + EPS &&
                        t.height[0] + t.height[r] + t.height[r + 1] <= page;
            if (L->y + t.height[r] > L->bottom + EPS || widow) {
                on_page = 0;
                if (t.height[0] + t.height[r] <= page + EPS || L->y - L->top > page / 2) {
                    rule(L, &t, L->y, 0.8, LR_PDF_DARK_RULE);
                    lr_layout_new_page(L);
                    header(L, &t);
                }
                if (L->y + t.height[r] > L->bottom + EPS) {
                    split_row(L, &t, r);
                    continue;
                }
            }
            if (on_page > 0)
                rule(L, &t, L->y, 0.3, LR_PDF_HAIRLINE);
            draw_lines(L, &t, r, NULL, (size_t)-1, L->y);
            L->y += t.height[r];
        }
        rule(L, &t, L->y, 0.8, LR_PDF_DARK_RULE);
        L->y += 0.8;
        lr_layout_block_end(L, 12);
    }
    free_cells(&t);
    free(t.align);
    free(t.width);
    free(t.height);
    free(least);
    free(most);
}

/*
 * Tables of the PDF report, in the style of a paper's (booktabs): a top rule, a mid rule under
 * the header and a bottom rule, and no rule between rows. A group header row (see group_row)
 * spans the table under a light rule of its own. Column widths come from the cells: every
 * column gets its widest line when the table fits, else at least its widest word and a share
 * of the rest in proportion to how much more it could use (the automatic table layout of
 * browsers); what is left over goes to the text columns, so that a table spans the text block.
 * A table whose words alone are too wide gets a smaller type size, down to
 * LR_PDF_TABLE_MIN_SIZE; past that, words break inside. A table right after one with the same
 * header keeps its column positions when its cells fit them. In a right-aligned (numeric)
 * column the numbers line up on the decimal point, and what follows a number (a marker †, ‡,
 * ≈, a footnote number, "± x") sits in a sub-column of its own after it. The header row is
 * repeated on every page; a row moves to the next page whole, unless it is taller than a page,
 * when its lines continue there.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "pdf/layout.h"
#include "pdf/style.h"

#define EPS 0.01
#define SHORT_TABLE 8 /* rows, the header's included: a table this short is kept whole */
#define MIN_PAD_X 2.5
#define LONG_WORD 0.18 /* of the table width: a longer word may break at "/", "-" */
#define HUGE_WORD 0.4  /* of the table width: a longer word breaks anywhere */

typedef struct cell {
    lr_flow flow;
    lr_flow_lines lines;
    /* a number in a right-aligned column: [0, point) before its decimal point, [point, split)
     * from the point on, [split, n) what follows it (a marker, "± x"); split 0: not aligned */
    size_t point, split;
    int numeric; /* the part before split has a digit (else: "–", "n/a", centred) */
    double int_w, frac_w, suffix_w;
} cell;

typedef struct table {
    size_t rows, cols;
    cell *cells; /* rows * cols */
    lr_flow_align *align;
    double *width;        /* of each column, padding included */
    double *height;       /* of each row, padding included */
    unsigned char *group; /* of each row: a group header row */
    /* of each right-aligned column: the widest parts of its numbers before the decimal point,
     * and from the point on (what follows included) */
    double *int_w, *frac_w, *tail_w;
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

static cell *at(const table *t, size_t r, size_t k)
{
    return &t->cells[r * t->cols + k];
}

/*
 * A group header row: a body row whose first cell has text and whose other cells are all
 * empty, e.g. "| **5-shot · acc** | | | |". The templates mark the start of a group of rows
 * measured at one setting this way (a strong first cell reads best on GitHub too); the PDF
 * draws its text across the table, set apart by a light rule.
 */
static int group_row(const table *t, size_t r)
{
    if (r == 0 || t->cols < 2 || lr_flow_is_blank(&at(t, r, 0)->flow))
        return 0;
    for (size_t k = 1; k < t->cols; k++)
        if (!lr_flow_is_blank(&at(t, r, k)->flow))
            return 0;
    return 1;
}

static int is_digit_char(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* What follows a number: a space, a marker, a superscript. */
static int ends_number(const lr_flow *f, size_t i)
{
    const lr_flow_char *c = &f->chars[i];
    return c->kind != 0 || c->cp == 0x2020 || c->cp == 0x2021 || c->cp == 0x2248 || c->cp == 0xb1 ||
           c->cp == '*' || (f->styles[c->style].flags & LR_FLOW_SUPER);
}

/* Splits the cell of a right-aligned column into the parts that line up (see cell). */
static void split_number(cell *c)
{
    const lr_flow *f = &c->flow;
    c->point = c->split = 0;
    c->int_w = c->frac_w = c->suffix_w = 0;
    if (!f->n || f->chars[0].kind != 0)
        return;
    size_t s = 1;
    while (s < f->n && !ends_number(f, s))
        s++;
    size_t p = s;
    for (size_t i = 0; i < s; i++)
        if (f->chars[i].cp == '.' && i + 1 < s && is_digit_char(f->chars[i + 1].cp)) {
            p = i;
            break;
        }
    c->numeric = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (f->chars[i].kind == 2) /* a hard break: not a number */
            return;
        c->numeric |= i < s && is_digit_char(f->chars[i].cp);
        double w = f->chars[i].width;
        if (i < p)
            c->int_w += w;
        else if (i < s)
            c->frac_w += w;
        else
            c->suffix_w += w;
    }
    /* trailing spaces take no room */
    for (size_t i = f->n; i > s && f->chars[i - 1].kind != 0; i--)
        c->suffix_w -= f->chars[i - 1].width;
    c->point = p;
    c->split = s;
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
            cell *cl = at(t, r, k);
            lr_flow_init(&cl->flow, L->fonts, size, LR_PDF_TABLE_LEADING);
            cl->flow.phrases = 1;
            if (c) {
                lr_flow_add_inlines(&cl->flow, c, &st);
                c = cmark_node_next(c);
            }
            if (cl->flow.failed)
                return -1;
        }
    }
    for (r = 0; r < t->rows; r++)
        t->group[r] = (unsigned char)group_row(t, r);
    for (size_t k = 0; k < t->cols; k++) {
        t->int_w[k] = t->frac_w[k] = t->tail_w[k] = 0;
        if (t->align[k] != LR_FLOW_RIGHT)
            continue;
        for (r = 1; r < t->rows; r++) {
            cell *cl = at(t, r, k);
            if (t->group[r])
                continue;
            split_number(cl);
            if (!cl->numeric)
                continue;
            t->int_w[k] = fmax(t->int_w[k], cl->int_w);
            t->frac_w[k] = fmax(t->frac_w[k], cl->frac_w);
            t->tail_w[k] = fmax(t->tail_w[k], cl->frac_w + cl->suffix_w);
        }
    }
    t->lh = size * LR_PDF_TABLE_LEADING;
    return 0;
}

/* Narrowest (widest word) and widest (widest line) content of each column. Group header rows
 * span the table and have no say. */
static void measure(const table *t, double avail, double *least, double *most, double *sum_least,
                    double *sum_most)
{
    *sum_least = *sum_most = 0;
    for (size_t k = 0; k < t->cols; k++) {
        least[k] = most[k] = 0;
        for (size_t r = 0; r < t->rows; r++) {
            if (t->group[r])
                continue;
            const lr_flow *f = &at(t, r, k)->flow;
            least[k] = fmax(least[k], lr_flow_min_width(f, LONG_WORD * avail));
            /* a word this long breaks anyway: it gets no say in the type size */
            least[k] = fmin(least[k], HUGE_WORD * avail);
            most[k] = fmax(most[k], lr_flow_natural_width(f));
        }
        if (t->align[k] == LR_FLOW_RIGHT) {
            /* numbers are never wrapped: their parts line up */
            double aligned = t->int_w[k] + t->tail_w[k];
            for (size_t r = 1; r < t->rows; r++) /* "–" and the like, centred */
                if (!t->group[r] && at(t, r, k)->split && !at(t, r, k)->numeric)
                    aligned = fmax(aligned, lr_flow_natural_width(&at(t, r, k)->flow));
            most[k] = fmax(most[k], aligned);
            least[k] = fmax(least[k], fmin(aligned, HUGE_WORD * avail));
        }
        *sum_least += least[k];
        *sum_most += most[k];
    }
}

/*
 * Widths: the widest line of every column when the table fits, and what is left to the text
 * (left-aligned) columns in proportion to their width, so that the table spans the text block.
 * Else every column gets its widest word; a column that needs no more than its fair share of
 * what is left to keep its lines whole, or little compared with its width, gets that (smallest
 * need first: a numeric column is not wrapped to save two points), and the rest goes to the
 * others in proportion to what they could still use. When even the widest words do not fit,
 * the columns share the width in proportion to them and words break.
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
    if (sum_most + pads <= avail) {
        double text = 0;
        for (size_t k = 0; k < t->cols; k++)
            text += t->align[k] == LR_FLOW_RIGHT ? 0 : most[k] + pad;
        double extra = avail - sum_most - pads;
        for (size_t k = 0; k < t->cols; k++) {
            double share = text > 0 ? (t->align[k] == LR_FLOW_RIGHT ? 0 : (most[k] + pad) / text)
                                    : 1.0 / (double)t->cols;
            t->width[k] = most[k] + pad + extra * share;
        }
        return;
    }
    if (sum_least + pads > avail) {
        for (size_t k = 0; k < t->cols; k++)
            t->width[k] = (least[k] + pad) * avail / (sum_least + pads);
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

static double table_width(const table *t)
{
    double w = 0;
    for (size_t k = 0; k < t->cols; k++)
        w += t->width[k];
    return w;
}

/* Breaks every cell at the column widths; returns the most lines of any cell, or 0 when out of
 * memory. */
static size_t break_cells(table *t)
{
    size_t most = 1;
    for (size_t r = 0; r < t->rows; r++) {
        size_t lines = 1;
        for (size_t k = 0; k < t->cols; k++) {
            cell *c = at(t, r, k);
            double w = t->group[r] ? (k ? 0 : table_width(t)) : t->width[k];
            if (t->group[r] && k) {
                c->lines.n = 0;
                continue;
            }
            if (lr_flow_break(&c->flow, w - 2 * t->pad_x, &c->lines) != LR_OK)
                return 0;
            lines = c->lines.n > lines ? c->lines.n : lines;
        }
        most = lines > most ? lines : most;
        t->height[r] = (double)lines * t->lh + 2 * t->pad_y + (t->group[r] ? LR_PDF_GROUP_GAP : 0);
    }
    return most;
}

/* The lines of each body cell of column k at width w (padding included), into lines[r]. */
static int column_lines(const table *t, size_t k, double w, size_t *lines, lr_flow_lines *scratch)
{
    for (size_t r = 0; r < t->rows; r++) {
        lines[r] = 0;
        if (t->group[r])
            continue;
        if (lr_flow_break(&at(t, r, k)->flow, w - 2 * t->pad_x, scratch) != LR_OK)
            return -1;
        lines[r] = scratch->n;
    }
    return 0;
}

/* How tall the table is, in lines: the sum over rows of the most lines of a cell, four times,
 * and the lines of every cell (so that of two tables as tall the one with fewer broken cells
 * wins). */
static size_t table_lines(const table *t, const size_t *lines)
{
    size_t sum = 0;
    for (size_t r = 0; r < t->rows; r++) {
        size_t most = 1;
        for (size_t k = 0; k < t->cols; k++) {
            most = lines[k * t->rows + r] > most ? lines[k * t->rows + r] : most;
            sum += lines[k * t->rows + r];
        }
        sum += 4 * most;
    }
    return sum;
}

#define BALANCE_ROUNDS 40

/*
 * The widths share the space by what each column could use, which leaves a column of short
 * phrases ("0, 1, 3, 5, 8, not stated", a setting) on four lines beside a column of long titles
 * on three. Width moves, 6 to 48 points at a time, from one column to another, the move that saves
 * the most lines (table_lines) per point first, while one does and no word breaks: a setting takes
 * two lines where it took four. Returns 0, or -1 when out of memory.
 */
static int balance(table *t, const double *least)
{
    size_t n = t->rows * t->cols;
    size_t *lines = malloc(2 * n * sizeof(*lines));
    lr_flow_lines scratch = {NULL, 0, 0};
    if (!lines)
        return -1;
    size_t *trial = lines + n;
    int st = 0;
    for (size_t k = 0; k < t->cols && !st; k++)
        st = column_lines(t, k, t->width[k], lines + k * t->rows, &scratch);
    static const double steps[] = {6, 12, 24, 48};
    for (int round = 0; round < BALANCE_ROUNDS && !st; round++) {
        size_t before = table_lines(t, lines), to = t->cols, from = t->cols;
        double best = 0, step = 0; /* lines saved per point moved */
        for (size_t i = 0; i < t->cols && !st; i++) {
            int broken = 0;
            for (size_t r = 1; r < t->rows; r++)
                broken |= lines[i * t->rows + r] > 1;
            for (size_t s = 0; broken && s < sizeof steps / sizeof steps[0] && !st; s++) {
                memcpy(trial, lines, n * sizeof(*lines));
                st = column_lines(t, i, t->width[i] + steps[s], trial + i * t->rows, &scratch);
                for (size_t j = 0; j < t->cols && !st; j++) {
                    if (j == i || t->width[j] - steps[s] < least[j] + 2 * t->pad_x)
                        continue;
                    st = column_lines(t, j, t->width[j] - steps[s], trial + j * t->rows, &scratch);
                    size_t after = st ? before : table_lines(t, trial);
                    double gain = after < before ? (double)(before - after) / steps[s] : 0;
                    if (gain > best + 1e-9)
                        best = gain, to = i, from = j, step = steps[s];
                    memcpy(trial + j * t->rows, lines + j * t->rows, t->rows * sizeof(*lines));
                }
            }
        }
        if (to == t->cols)
            break;
        t->width[to] += step;
        t->width[from] -= step;
        st = column_lines(t, to, t->width[to], lines + to * t->rows, &scratch);
        if (!st)
            st = column_lines(t, from, t->width[from], lines + from * t->rows, &scratch);
    }
    lr_flow_lines_free(&scratch);
    free(lines);
    return st;
}

/* The header of a table, for keeping the columns of the next table with the same one. */
static char *header_key(const table *t)
{
    lr_buf b = LR_BUF_INIT;
    for (size_t k = 0; k < t->cols; k++) {
        const lr_flow *f = &at(t, 0, k)->flow;
        lr_buf_append(&b, f->text.data ? f->text.data : "", f->text.len);
        lr_buf_putc(&b, '\t');
    }
    lr_buf_puts(&b, "");
    if (lr_buf_failed(&b)) {
        lr_buf_free(&b);
        return NULL;
    }
    return lr_buf_detach(&b);
}

/*
 * The column widths of the table before, when this table has the same header and type size and
 * its cells fit them as well (no word broken, no cell on more lines than it takes at its own
 * widths, or two). Returns 1 when they are taken (and the cells broken at them).
 */
static int keep_columns(lr_layout *L, table *t, const char *key, const double *least,
                        size_t own_lines, lr_status *st)
{
    if (!key || !L->table_header || strcmp(key, L->table_header) || L->table_cols != t->cols ||
        L->table_size != t->size)
        return 0;
    double *own = malloc(t->cols * sizeof(*own));
    if (!own) {
        *st = LR_ENOMEM;
        return 0;
    }
    memcpy(own, t->width, t->cols * sizeof(*own));
    int fits = 1;
    for (size_t k = 0; k < t->cols && fits; k++)
        fits = least[k] + 2 * t->pad_x <= L->table_widths[k] + EPS;
    if (fits) {
        memcpy(t->width, L->table_widths, t->cols * sizeof(*own));
        size_t lines = break_cells(t);
        if (!lines)
            *st = LR_ENOMEM;
        else if (lines > (own_lines > 2 ? own_lines : 2)) {
            memcpy(t->width, own, t->cols * sizeof(*own));
            if (!break_cells(t))
                *st = LR_ENOMEM;
            fits = 0;
        }
    }
    free(own);
    return fits;
}

static void remember_columns(lr_layout *L, const table *t, char *key)
{
    double *w = realloc(L->table_widths, t->cols * sizeof(*w));
    if (!w || !key) {
        free(key);
        if (w)
            L->table_widths = w;
        free(L->table_header);
        L->table_header = NULL;
        return;
    }
    memcpy(w, t->width, t->cols * sizeof(*w));
    L->table_widths = w;
    free(L->table_header);
    L->table_header = key;
    L->table_cols = t->cols;
    L->table_size = t->size;
}

static const char *row_kind(const table *t, size_t r)
{
    return r == 0 ? "header" : t->group[r] ? "group" : "body";
}

/* Draws line i of cell (r, k) in the column box at x of width w, top at top. */
static void draw_cell_line(lr_layout *L, const table *t, size_t r, size_t k, size_t i, double x,
                           double w, double top)
{
    const cell *c = at(t, r, k);
    const lr_flow_line *line = &c->lines.v[i];
    double cx = x + t->pad_x, cw = w - 2 * t->pad_x;
    char tag[64];
    snprintf(tag, sizeof tag, "%zu,%zu,%s", r, k, row_kind(t, r));
    double base;
    int aligned = t->align[k] == LR_FLOW_RIGHT && t->int_w[k] + t->tail_w[k] > 0;
    if (r > 0 && !t->group[r] && aligned && c->split && c->lines.n == 1) {
        /* the decimal point on the column's, what follows right after the number; what is not
         * a number ("–") centred on the numbers */
        double point = cx + cw - t->tail_w[k];
        double left =
            c->numeric ? point - c->int_w : point + (t->tail_w[k] - t->int_w[k] - line->width) / 2;
        if (c->numeric) {
            lr_flow_line num = {0, c->split, c->int_w + c->frac_w};
            base = lr_flow_draw(&c->flow, &num, L->doc, left, top, num.width, LR_FLOW_LEFT);
            lr_flow_line suffix = {c->split, line->end, c->suffix_w};
            if (c->split < line->end)
                lr_flow_draw(&c->flow, &suffix, L->doc, point + c->frac_w, top, c->suffix_w,
                             LR_FLOW_LEFT);
        } else {
            base = lr_flow_draw(&c->flow, line, L->doc, left, top, line->width, LR_FLOW_LEFT);
        }
        lr_layout_record_line(L, "cell", tag, &c->flow, line, left, top);
    } else {
        /* the header of a column of numbers is centred over it, as in a paper */
        lr_flow_align align = t->group[r]         ? LR_FLOW_LEFT
                              : r == 0 && aligned ? LR_FLOW_CENTER
                                                  : t->align[k];
        base = lr_flow_draw(&c->flow, line, L->doc, cx, top, cw, align);
        double left = align == LR_FLOW_RIGHT    ? cx + fmax(0, cw - line->width)
                      : align == LR_FLOW_CENTER ? cx + fmax(0, cw - line->width) / 2
                                                : cx;
        lr_layout_record_line(L, "cell", tag, &c->flow, line, left, top);
    }
    if (k == 0 && i == 0)
        lr_layout_marker(L, top, base);
}

/* Draws lines [from, from + count) of every cell of row r, the row's top at y. */
static void draw_lines(lr_layout *L, const table *t, size_t r, const size_t *from, size_t count,
                       double y)
{
    double x = L->x;
    if (t->group[r])
        y += LR_PDF_GROUP_GAP;
    lr_pdfdoc_record(L->doc, "row", "%.2f %.2f %zu %s", y, t->height[r], r, row_kind(t, r));
    for (size_t k = 0; k < t->cols; k++) {
        const cell *c = at(t, r, k);
        double w = t->group[r] ? table_width(t) : t->width[k];
        for (size_t i = from ? from[k] : 0, j = 0; i < c->lines.n && j < count; i++, j++)
            draw_cell_line(L, t, r, k, i, x, w, y + t->pad_y + (double)j * t->lh);
        x += t->width[k];
    }
}

static void rule(lr_layout *L, const table *t, double y, double width, const char *kind)
{
    lr_pdfdoc_record(L->doc, "rule", "%.2f %s", y, kind);
    lr_pdfdoc_line(L->doc, L->x, y, L->x + table_width(t), y, width, LR_PDF_DARK_RULE);
}

static void header(lr_layout *L, const table *t)
{
    rule(L, t, L->y, LR_PDF_TOP_RULE, "top");
    draw_lines(L, t, 0, NULL, (size_t)-1, L->y);
    L->y += t->height[0];
    rule(L, t, L->y, LR_PDF_MID_RULE, "mid");
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
            size_t n = at(t, r, k)->lines.n;
            size_t drawn = n - next[k] < fit ? n - next[k] : fit;
            next[k] += drawn;
            most = drawn > most ? drawn : most;
            left |= next[k] < n;
        }
        L->y += (double)most * t->lh + 2 * t->pad_y;
        if (!left || L->status != LR_OK)
            break;
        rule(L, t, L->y, LR_PDF_TOP_RULE, "bottom");
        lr_layout_new_page(L);
        header(L, t);
    }
    free(next);
}

/* Lays out the cells: type size, widths, lines. */
static lr_status set_cells(lr_layout *L, cmark_node *node, table *t, double *least, double *most)
{
    /* Smaller type until the widest words fit (a few rounds: padding shrinks too). */
    double size = LR_PDF_TABLE_SIZE, sum_least = 0, sum_most = 0;
    for (int round = 0; round < 8; round++) {
        if (build(L, node, t, size))
            return LR_ENOMEM;
        measure(t, L->w, least, most, &sum_least, &sum_most);
        double need = sum_least + 2 * t->pad_x * (double)t->cols;
        if (need <= L->w + EPS || size <= LR_PDF_TABLE_MIN_SIZE || round == 7)
            break;
        double next = floor(size * L->w / need * 4) / 4;
        next = fmax(LR_PDF_TABLE_MIN_SIZE, fmin(next, size - 0.25));
        free_cells(t);
        size = next;
    }
    choose_widths(t, least, most, sum_least, sum_most, L->w);
    if (balance(t, least))
        return LR_ENOMEM;
    size_t lines = break_cells(t);
    if (!lines)
        return LR_ENOMEM;
    lr_status st = LR_OK;
    char *key = header_key(t);
    keep_columns(L, t, key, least, lines, &st);
    remember_columns(L, t, key);
    return st;
}

static void place(lr_layout *L, table *t, double note)
{
    double page = L->bottom - L->top;
    /* the header and two rows stay with what is kept before the table (heading, caption); a
     * short table stays whole, with its note */
    double first = t->height[0], whole = note;
    for (size_t r = 0; r < t->rows; r++)
        whole += t->height[r];
    for (size_t r = 1; r < t->rows && r <= 2; r++)
        first += t->height[r];
    if (t->rows <= SHORT_TABLE && whole <= page / 2)
        first = whole;
    lr_layout_block_start(L, 4, fmin(first, t->height[0] + page / 2));
    lr_pdfdoc_record(L->doc, "table", "%.2f %.2f %zu %zu", L->x, L->y, t->rows, t->cols);
    header(L, t);
    size_t on_page = 0;
    for (size_t r = 1; r < t->rows && L->status == LR_OK; r++, on_page++) {
        /* no last row alone on a page, nor a note apart from the last rows: the two last rows
         * go together with the note's first lines; no group header row last on a page: its
         * first row goes with it */
        int widow = r + 2 == t->rows && on_page >= 3 &&
                    L->y + t->height[r] + t->height[r + 1] + note > L->bottom + EPS &&
                    t->height[0] + t->height[r] + t->height[r + 1] + note <= page;
        int lonely_group = t->group[r] && r + 1 < t->rows && on_page >= 1 &&
                           L->y + t->height[r] + t->height[r + 1] > L->bottom + EPS;
        if (L->y + t->height[r] > L->bottom + EPS || widow || lonely_group) {
            on_page = 0;
            if (t->height[0] + t->height[r] <= page + EPS || L->y - L->top > page / 2) {
                rule(L, t, L->y, LR_PDF_TOP_RULE, "bottom");
                lr_layout_new_page(L);
                header(L, t);
            }
            if (L->y + t->height[r] > L->bottom + EPS) {
                split_row(L, t, r);
                continue;
            }
        }
        if (t->group[r] && on_page > 0)
            rule(L, t, L->y + LR_PDF_GROUP_GAP / 2, LR_PDF_GROUP_RULE, "group");
        draw_lines(L, t, r, NULL, (size_t)-1, L->y);
        L->y += t->height[r];
    }
    rule(L, t, L->y, LR_PDF_TOP_RULE, "bottom");
    L->y += LR_PDF_TOP_RULE;
    lr_pdfdoc_record(L->doc, "table-end", "%.2f", L->y);
    lr_layout_block_end(L, 12);
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
    t.group = calloc(t.rows, sizeof(*t.group));
    t.int_w = calloc(t.cols, sizeof(*t.int_w));
    t.frac_w = calloc(t.cols, sizeof(*t.frac_w));
    t.tail_w = calloc(t.cols, sizeof(*t.tail_w));
    double *least = calloc(t.cols, sizeof(*least)), *most = calloc(t.cols, sizeof(*most));
    lr_status st = t.align && t.width && t.height && t.group && t.int_w && t.frac_w && t.tail_w &&
                           least && most
                       ? LR_OK
                       : LR_ENOMEM;
    if (st == LR_OK) {
        const uint8_t *al = cmark_gfm_extensions_get_table_alignments(node);
        for (size_t k = 0; k < t.cols; k++)
            t.align[k] = !al            ? LR_FLOW_LEFT
                         : al[k] == 'r' ? LR_FLOW_RIGHT
                         : al[k] == 'c' ? LR_FLOW_CENTER
                                        : LR_FLOW_LEFT;
        st = set_cells(L, node, &t, least, most);
    }
    if (st != LR_OK)
        lr_layout_fail(L, st, "pdf: out of memory");
    else
        place(L, &t, lr_layout_note_height(L, node));
    free_cells(&t);
    free(t.align);
    free(t.width);
    free(t.height);
    free(t.group);
    free(t.int_w);
    free(t.frac_w);
    free(t.tail_w);
    free(least);
    free(most);
}

/*
 * Inline text of the PDF report: cmark-gfm inlines to styled characters, measured with
 * lr_fonts exactly as they will be drawn, greedy line breaking, and drawing a line as pieces of
 * one style each (with code backgrounds, strike-through, links and footnote markers).
 */
#include "pdf/flow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/url.h"
#include "core/utf8.h"
#include "pdf/style.h"

enum { CH_TEXT = 0, CH_SPACE, CH_BREAK };
enum { BREAK_LAST = 1, BREAK_SLASH, BREAK_GOOD };
#define PHRASE_FILL 0.6 /* how full a line ending a phrase must be to be preferred */

void lr_flow_init(lr_flow *f, const lr_fonts *fonts, double size, double leading)
{
    memset(f, 0, sizeof(*f));
    f->fonts = fonts;
    f->size = size;
    f->leading = leading;
}

void lr_flow_free(lr_flow *f)
{
    lr_buf_free(&f->text);
    free(f->chars);
    free(f->styles);
    for (size_t i = 0; i < f->n_targets; i++)
        free(f->targets[i]);
    free(f->targets);
    memset(f, 0, sizeof(*f));
}

lr_flow_style lr_flow_plain_style(lr_font_role role, double size, lr_color color)
{
    lr_flow_style s = {role, size, color, 0, -1};
    return s;
}

static int grow(lr_flow *f, void **array, size_t *cap, size_t n, size_t size)
{
    if (f->failed)
        return -1;
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 32;
    void *p = realloc(*array, c * size);
    if (!p) {
        f->failed = 1;
        return -1;
    }
    *array = p;
    *cap = c;
    return 0;
}

static int style_index(lr_flow *f, const lr_flow_style *s)
{
    for (size_t i = 0; i < f->n_styles; i++) {
        const lr_flow_style *t = &f->styles[i];
        if (t->role == s->role && t->size == s->size && t->color == s->color &&
            t->flags == s->flags && t->link == s->link)
            return (int)i;
    }
    if (f->n_styles >= 65535 ||
        grow(f, (void **)&f->styles, &f->cap_styles, f->n_styles, sizeof(*f->styles)))
        return -1;
    f->styles[f->n_styles] = *s;
    return (int)f->n_styles++;
}

int lr_flow_target(lr_flow *f, const char *target)
{
    for (size_t i = 0; i < f->n_targets; i++)
        if (!strcmp(f->targets[i], target))
            return (int)i;
    if (grow(f, (void **)&f->targets, &f->cap_targets, f->n_targets, sizeof(*f->targets)))
        return -1;
    size_t n = strlen(target);
    char *copy = malloc(n + 1);
    if (!copy) {
        f->failed = 1;
        return -1;
    }
    memcpy(copy, target, n + 1);
    f->targets[f->n_targets] = copy;
    return (int)f->n_targets++;
}

/* One character, measured as lr_fonts_split would draw it within its piece. */
static void push_char(lr_flow *f, uint32_t cp, int style, int kind)
{
    if (grow(f, (void **)&f->chars, &f->cap, f->n, sizeof(*f->chars)))
        return;
    const lr_flow_style *s = &f->styles[style];
    lr_flow_char *c = &f->chars[f->n];
    memset(c, 0, sizeof(*c));
    c->cp = cp;
    c->style = (uint16_t)style;
    c->kind = (uint8_t)kind;
    c->off = (uint32_t)f->text.len;
    if (kind == CH_BREAK) {
        c->face = LR_FACE_SANS;
        f->n++;
        f->column = 0;
        return;
    }
    char bytes[LR_UTF8_MAX];
    size_t len = lr_utf8_encode(cp, bytes);
    lr_buf_append(&f->text, bytes, len);
    if (lr_buf_failed(&f->text)) {
        f->failed = 1;
        return;
    }
    c->len = (uint8_t)len;
    lr_face face = lr_fonts_face_for(f->fonts, s->role, cp);
    const lr_flow_char *prev = f->n ? &f->chars[f->n - 1] : NULL;
    if (kind == CH_SPACE && prev && prev->kind != CH_BREAK && prev->style == style &&
        lr_fonts_glyph(f->fonts, (lr_face)prev->face, cp))
        face = (lr_face)prev->face;
    c->face = (uint8_t)face;
    c->width = lr_fonts_advance(f->fonts, face, lr_fonts_glyph(f->fonts, face, cp)) * s->size;
    f->n++;
    f->column++;
}

void lr_flow_add(lr_flow *f, const char *utf8, size_t len, const lr_flow_style *style)
{
    int st = style_index(f, style);
    if (st < 0)
        return;
    int mono = style->role == LR_FONT_MONO;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        if (!utf8[i]) { /* an embedded NUL */
            i++;
            continue;
        }
        i += lr_utf8_decode(utf8 + i, len - i, &cp);
        if (cp == '\n') {
            push_char(f, '\n', st, CH_BREAK);
        } else if (cp == '\t') {
            size_t n = mono ? 4 - f->column % 4 : 1;
            while (n--)
                push_char(f, ' ', st, CH_SPACE);
        } else if (cp == ' ' || cp == 0xa0) {
            push_char(f, cp, st, CH_SPACE);
        } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xad ||
                   (cp >= 0x200b && cp <= 0x200f) || cp == 0xfeff) {
            continue; /* controls, soft hyphen, zero-width marks: nothing to draw */
        } else {
            push_char(f, cp > 0xffff ? 0xfffd : cp, st, CH_TEXT);
        }
    }
}

/* ---- From cmark-gfm inlines ---------------------------------------------------------------- */

static int is_br(const char *html)
{
    if (!html || strncmp(html, "<br", 3))
        return 0;
    const char *p = html + 3;
    while (*p == ' ' || *p == '/')
        p++;
    return *p == '>';
}

static void add_node(lr_flow *f, cmark_node *n, lr_flow_style s)
{
    const char *lit;
    cmark_node_type t = cmark_node_get_type(n);
    switch (t) {
    case CMARK_NODE_TEXT:
        lit = cmark_node_get_literal(n);
        if (lit)
            lr_flow_add(f, lit, strlen(lit), &s);
        return;
    case CMARK_NODE_SOFTBREAK:
        lr_flow_add(f, " ", 1, &s);
        return;
    case CMARK_NODE_LINEBREAK:
        lr_flow_add(f, "\n", 1, &s);
        return;
    case CMARK_NODE_CODE:
        lit = cmark_node_get_literal(n);
        s.role = LR_FONT_MONO;
        s.size *= LR_PDF_CODE_SCALE;
        s.flags |= LR_FLOW_CODE;
        if (lit)
            lr_flow_add(f, lit, strlen(lit), &s);
        return;
    case CMARK_NODE_HTML_INLINE:
        if (is_br(cmark_node_get_literal(n)))
            lr_flow_add(f, "\n", 1, &s);
        return;
    case CMARK_NODE_EMPH:
        s.flags |= LR_FLOW_ITALIC;
        break;
    case CMARK_NODE_STRONG:
        if (s.role != LR_FONT_MONO)
            s.role = LR_FONT_BOLD;
        break;
    case CMARK_NODE_LINK: {
        const char *url = cmark_node_get_url(n);
        /* a heading of this document, or a web or mail address: never a javascript:, data:
         * or other action the reader's PDF viewer would run */
        if (url && (url[0] == '#' || lr_url_is_linkable(url))) {
            lr_buf target = LR_BUF_INIT;
            if (url[0] == '#') {
                lr_buf_puts(&target, "#h:");
                lr_buf_puts(&target, url + 1);
            } else {
                lr_buf_puts(&target, "uri:");
                lr_buf_puts(&target, url);
            }
            if (lr_buf_failed(&target))
                f->failed = 1;
            else
                s.link = lr_flow_target(f, target.data);
            lr_buf_free(&target);
            s.color = LR_PDF_LINK;
        }
        break;
    }
    case CMARK_NODE_IMAGE:
        s.flags |= LR_FLOW_ITALIC;
        s.color = LR_PDF_MUTED;
        break;
    case CMARK_NODE_FOOTNOTE_REFERENCE: {
        /* cmark-gfm has replaced the label by the footnote's number */
        lit = cmark_node_get_literal(n);
        if (!lit)
            return;
        char target[64];
        snprintf(target, sizeof target, "#fn:%s", lit);
        s.link = lr_flow_target(f, target);
        s.flags |= LR_FLOW_SUPER;
        s.flags &= ~(unsigned)LR_FLOW_ITALIC;
        s.size *= LR_PDF_SUPER_SCALE;
        s.color = LR_PDF_LINK;
        if (s.role == LR_FONT_MONO)
            s.role = LR_FONT_REGULAR;
        lr_flow_add(f, lit, strlen(lit), &s);
        return;
    }
    default:
        if (!strcmp(cmark_node_get_type_string(n), "strikethrough"))
            s.flags |= LR_FLOW_STRIKE;
        break;
    }
    for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
        add_node(f, c, s);
}

void lr_flow_add_inlines(lr_flow *f, cmark_node *node, const lr_flow_style *style)
{
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
        add_node(f, c, *style);
}

void lr_flow_plain_text(cmark_node *node, lr_buf *out)
{
    cmark_iter *it = cmark_iter_new(node);
    if (!it) {
        out->failed = 1;
        return;
    }
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(cur)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            lr_buf_puts(out, cmark_node_get_literal(cur));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            lr_buf_putc(out, ' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(it);
}

void lr_flow_slug(const char *text, lr_buf *out)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        unsigned char c = *p;
        if (c >= 'A' && c <= 'Z')
            lr_buf_putc(out, (char)(c - 'A' + 'a'));
        else if (c == ' ')
            lr_buf_putc(out, '-');
        else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                 c >= 0x80)
            lr_buf_putc(out, (char)c);
    }
    lr_buf_puts(out, ""); /* a string even when nothing was kept */
}

/* ---- Measuring and breaking ---------------------------------------------------------------- */

static int is_hangul(uint32_t cp)
{
    return (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0x1100 && cp <= 0x11ff) ||
           (cp >= 0x3130 && cp <= 0x318f);
}

/* Chinese and Japanese, written without spaces */
static int is_han_kana(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff);
}

/* A note marker: it belongs to the text before it and never starts a line. */
static int is_marker(const lr_flow *f, const lr_flow_char *c)
{
    return c->cp == 0x2020 || c->cp == 0x2021 || c->cp == 0x2248 || c->cp == 0xa7 ||
           c->cp == 0xb6 || c->cp == '*' || (f->styles[c->style].flags & LR_FLOW_SUPER);
}

/*
 * May a line break after character i? BREAK_GOOD: yes (a space, between Chinese or Japanese
 * characters); BREAK_SLASH: where a line is full and has no such place (after '/' or '·');
 * BREAK_LAST: where it has neither (between Hangul syllables, before '-', '_' or '.', after
 * ',', ':' and the like); 0: no. Korean is written with spaces between words, and breaking
 * there first keeps a word like "있습니다" whole unless it alone is too long. An identifier
 * breaks before its '-' or '_', never after, so that "falcon-40b-instruct" never reads as a
 * hyphenated word; a space before a note marker (†, ‡, ≈, a footnote number) or around '±'
 * breaks only where nothing else is left (a number never breaks), so that a marker or "± x"
 * does not start a line alone.
 */
static int break_after(const lr_flow *f, size_t i)
{
    const lr_flow_char *c = &f->chars[i];
    if (i + 1 >= f->n)
        return 0;
    const lr_flow_char *next = &f->chars[i + 1];
    if (next->kind != CH_TEXT)
        return 0;
    if (c->kind == CH_SPACE) {
        if (c->cp == 0xa0)
            return 0;
        if (next->cp == 0xb7) /* "exam score ·" / "RLHF model": after the dot, not before */
            return BREAK_LAST;
        if (is_marker(f, next) || next->cp == 0xb1 || (i > 0 && f->chars[i - 1].cp == 0xb1))
            return BREAK_LAST; /* only where nothing else is left, never in the number */
        return BREAK_GOOD;
    }
    if (c->kind != CH_TEXT)
        return 0;
    if (is_marker(f, next))
        return 0;
    if (is_han_kana(c->cp) && is_han_kana(next->cp))
        return BREAK_GOOD;
    if (is_hangul(c->cp) && is_hangul(next->cp))
        return BREAK_LAST;
    if (i == 0 || f->chars[i - 1].kind != CH_TEXT)
        return 0;
    if (c->cp == '/' || c->cp == 0xb7)
        return BREAK_SLASH;
    if (next->cp < 0x80 && strchr("-_.", (int)next->cp) && c->cp < 0x80 &&
        !strchr("-_./", (int)c->cp) && i + 2 < f->n && f->chars[i + 2].kind == CH_TEXT &&
        !(next->cp == '.' && c->cp >= '0' && c->cp <= '9')) /* never in 118.8 */
        return BREAK_LAST;
    if (c->cp < 0x80 && strchr(",:;=&?\\|+)]}", (int)c->cp))
        return BREAK_LAST;
    return 0;
}

int lr_flow_is_blank(const lr_flow *f)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->chars[i].kind == CH_TEXT)
            return 0;
    return 1;
}

double lr_flow_natural_width(const lr_flow *f)
{
    double best = 0, w = 0, visible = 0;
    for (size_t i = 0; i < f->n; i++) {
        const lr_flow_char *c = &f->chars[i];
        if (c->kind == CH_BREAK) {
            w = visible = 0;
            continue;
        }
        w += c->width;
        if (c->kind == CH_TEXT)
            visible = w;
        best = fmax(best, visible);
    }
    return best;
}

double lr_flow_min_width(const lr_flow *f, double long_word)
{
    double best = 0, word = 0, piece = 0, widest_piece = 0;
    for (size_t i = 0; i <= f->n; i++) {
        const lr_flow_char *c = i < f->n ? &f->chars[i] : NULL;
        if (c && c->kind == CH_TEXT) {
            word += c->width;
            piece += c->width;
            widest_piece = fmax(widest_piece, piece);
        }
        int b = c && c->kind == CH_TEXT ? break_after(f, i) : BREAK_GOOD;
        if (b == BREAK_LAST || b == BREAK_SLASH)
            piece = 0;
        if (b == BREAK_GOOD) { /* the end of a word */
            best = fmax(best, word > long_word ? widest_piece : word);
            word = piece = widest_piece = 0;
        }
    }
    return best;
}

double lr_flow_line_height(const lr_flow *f)
{
    return f->size * f->leading;
}

/* Whether the space at i ends a phrase: it follows ';', ',' or '·'. */
static int ends_phrase(const lr_flow *f, size_t i)
{
    uint32_t before = i ? f->chars[i - 1].cp : 0;
    return f->chars[i].kind == CH_SPACE && (before == ';' || before == ',' || before == 0xb7);
}

void lr_flow_lines_free(lr_flow_lines *lines)
{
    free(lines->v);
    memset(lines, 0, sizeof(*lines));
}

static int push_line(lr_flow_lines *lines, const lr_flow *f, size_t start, size_t end)
{
    if (lines->n == lines->cap) {
        size_t c = lines->cap ? lines->cap * 2 : 8;
        lr_flow_line *v = realloc(lines->v, c * sizeof(*v));
        if (!v)
            return -1;
        lines->v = v;
        lines->cap = c;
    }
    double w = 0, visible = 0;
    for (size_t i = start; i < end; i++) {
        w += f->chars[i].width;
        if (f->chars[i].kind == CH_TEXT)
            visible = w;
    }
    lr_flow_line *l = &lines->v[lines->n++];
    l->start = start;
    l->end = end;
    l->width = visible;
    return 0;
}

lr_status lr_flow_break(const lr_flow *f, double width, lr_flow_lines *lines)
{
    lines->n = 0;
    if (f->failed)
        return LR_ENOMEM;
    size_t i = 0;
    const double eps = 1e-6;
    while (i < f->n) {
        double w = 0;
        size_t best = i, slash = i, fallback = i, phrase = i, j = i, next;
        double phrase_w = 0;
        for (;;) {
            if (j >= f->n) {
                if (push_line(lines, f, i, j))
                    return LR_ENOMEM;
                return LR_OK;
            }
            const lr_flow_char *c = &f->chars[j];
            if (c->kind == CH_BREAK) {
                if (push_line(lines, f, i, j))
                    return LR_ENOMEM;
                next = j + 1;
                break;
            }
            if (c->kind == CH_TEXT && j > i && w + c->width > width + eps) {
                size_t end = best > i ? best : slash > i ? slash : fallback > i ? fallback : j;
                /* in a cell, the end of a phrase ("GPT-4 298.0;", "exam score ·") rather than a
                 * fuller line that parts a name from its value */
                if (f->phrases && phrase > i && phrase < end && phrase_w >= PHRASE_FILL * width)
                    end = phrase;
                if (push_line(lines, f, i, end))
                    return LR_ENOMEM;
                next = end;
                /* a soft break swallows the spaces it happened at */
                while (next < f->n && f->chars[next].kind == CH_SPACE)
                    next++;
                break;
            }
            w += c->width;
            int b = break_after(f, j);
            if (b == BREAK_GOOD)
                best = j + 1;
            if (b == BREAK_GOOD && j > i && ends_phrase(f, j))
                phrase = j + 1, phrase_w = w;
            if (b == BREAK_SLASH)
                slash = j + 1;
            else if (b == BREAK_LAST)
                fallback = j + 1;
            j++;
        }
        i = next;
    }
    return LR_OK;
}

void lr_flow_line_text(const lr_flow *f, const lr_flow_line *line, lr_buf *out)
{
    size_t end = line->end;
    while (end > line->start && f->chars[end - 1].kind != CH_TEXT)
        end--;
    int super = 0;
    for (size_t i = line->start; i < end; i++) {
        const lr_flow_char *c = &f->chars[i];
        int s = (f->styles[c->style].flags & LR_FLOW_SUPER) != 0;
        if (s != super)
            lr_buf_puts(out, s ? "^{" : "}");
        super = s;
        if (c->kind == CH_TEXT || c->kind == CH_SPACE)
            lr_buf_append(out, f->text.data + c->off, c->len);
    }
    if (super)
        lr_buf_putc(out, '}');
}

/* ---- Drawing ------------------------------------------------------------------------------- */

double lr_flow_baseline(const lr_flow *f, double top)
{
    double asc = lr_fonts_ascent(f->fonts, LR_FONT_REGULAR) * f->size;
    double desc = lr_fonts_descent(f->fonts, LR_FONT_REGULAR) * f->size;
    return top + (lr_flow_line_height(f) - (asc + desc)) / 2 + asc;
}

double lr_flow_draw(const lr_flow *f, const lr_flow_line *line, lr_pdfdoc *doc, double x,
                    double top, double w, lr_flow_align align)
{
    double base = lr_flow_baseline(f, top);
    if (!doc)
        return base;
    size_t end = line->end;
    while (end > line->start && f->chars[end - 1].kind != CH_TEXT)
        end--;
    double pen = x;
    if (align == LR_FLOW_RIGHT)
        pen = x + fmax(0, w - line->width);
    else if (align == LR_FLOW_CENTER)
        pen = x + fmax(0, w - line->width) / 2;
    double lh = lr_flow_line_height(f);
    for (size_t a = line->start; a < end;) {
        size_t b = a;
        double pw = 0;
        while (b < end && f->chars[b].style == f->chars[a].style)
            pw += f->chars[b++].width;
        const lr_flow_style *s = &f->styles[f->chars[a].style];
        double y = base - ((s->flags & LR_FLOW_SUPER) ? LR_PDF_SUPER_RISE * f->size : 0);
        if (s->flags & LR_FLOW_CODE) {
            double x0 = fmax(x, pen - 1.5), x1 = fmin(x + w, pen + pw + 1.5);
            lr_pdfdoc_rect(doc, x0, base - s->size * 0.95, x1 - x0, s->size * 1.28, LR_PDF_CODE_BG);
        }
        const char *bytes = f->text.data + f->chars[a].off;
        size_t len = f->chars[b - 1].off + f->chars[b - 1].len - f->chars[a].off;
        lr_pdfdoc_text(doc, pen, y, bytes, len, s->role, s->size, s->color,
                       (s->flags & LR_FLOW_ITALIC) != 0);
        if (s->flags & LR_FLOW_STRIKE)
            lr_pdfdoc_line(doc, pen, y - s->size * 0.3, pen + pw, y - s->size * 0.3, s->size * 0.06,
                           s->color);
        if (s->link >= 0) {
            const char *t = f->targets[s->link];
            if (!strncmp(t, "uri:", 4)) {
                lr_pdfdoc_link_uri(doc, pen, top, pw, lh, t + 4);
            } else if (t[0] == '#') {
                lr_pdfdoc_link_anchor(doc, pen - 1, top, pw + 2, lh, t + 1);
                if (!strncmp(t, "#fn:", 4)) {
                    char ref[64];
                    snprintf(ref, sizeof ref, "fnref:%s", t + 4);
                    lr_pdfdoc_anchor(doc, ref, top);
                }
            }
        }
        pen += pw;
        a = b;
    }
    return base;
}

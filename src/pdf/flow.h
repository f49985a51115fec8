/*
 * flow.h - inline text of the PDF report: styled characters, measured, broken into lines and
 * drawn.
 *
 * A flow is the inline content of one paragraph, heading or table cell, built from cmark-gfm
 * inline nodes (emphasis, strong, code spans, links, footnote references, strikethrough) or
 * from plain text. Every character is measured once through lr_fonts, with the same face
 * choice lr_fonts_split makes when the text is drawn (per-character fallback to Nanum Gothic;
 * a space takes the face of the character before it), so widths here are the widths drawn.
 *
 * Lines break at spaces (and between Chinese or Japanese characters); a line with no such place
 * breaks after '/' or '·', then between Hangul syllables, before '-', '_' or '.' (never after
 * them, which would read as hyphenation) and after ',' and the like, and as a last resort
 * anywhere. A note marker (†, ‡, ≈, a footnote number) and "± x" stay with the text before. Nothing
 * is hyphenated and no line is ever wider than asked for, unless a single character is.
 */
#ifndef LR_PDF_FLOW_H
#define LR_PDF_FLOW_H

#include <stddef.h>
#include <stdint.h>

#include <cmark-gfm.h>

#include "canvas/canvas.h"
#include "canvas/fonts.h"
#include "core/buf.h"
#include "pdf/doc.h"

enum { LR_FLOW_ITALIC = 1, LR_FLOW_STRIKE = 2, LR_FLOW_SUPER = 4, LR_FLOW_CODE = 8 };

typedef struct lr_flow_style {
    lr_font_role role;
    double size; /* of this text; a footnote marker has its own smaller size */
    lr_color color;
    unsigned flags; /* LR_FLOW_* */
    int link;       /* -1: none; else a target of the flow (lr_flow_target) */
} lr_flow_style;

typedef struct lr_flow_char {
    uint32_t cp;
    uint32_t off; /* of its bytes in the flow's text */
    uint16_t style;
    uint8_t len;  /* bytes; 0 for a hard break */
    uint8_t kind; /* text, space or hard break */
    uint8_t face; /* lr_face */
    double width;
} lr_flow_char;

typedef struct lr_flow {
    const lr_fonts *fonts;
    double size, leading; /* line height is size * leading, whatever the styles */
    lr_buf text;          /* the characters' bytes, in order */
    lr_flow_char *chars;
    size_t n, cap;
    lr_flow_style *styles;
    size_t n_styles, cap_styles;
    char **targets; /* "uri:..." or "#anchor" */
    size_t n_targets, cap_targets;
    size_t column; /* characters since the last hard break (tab expansion in code) */
    int phrases;   /* lines prefer to end with a phrase (after "; ", ", ", "· "): table cells */
    int failed;    /* out of memory: the flow is incomplete */
} lr_flow;

typedef struct lr_flow_line {
    size_t start, end; /* characters [start, end), trailing spaces included */
    double width;      /* without trailing spaces */
} lr_flow_line;

typedef struct lr_flow_lines {
    lr_flow_line *v;
    size_t n, cap;
} lr_flow_lines;

typedef enum lr_flow_align { LR_FLOW_LEFT = 0, LR_FLOW_CENTER, LR_FLOW_RIGHT } lr_flow_align;

void lr_flow_init(lr_flow *f, const lr_fonts *fonts, double size, double leading);
void lr_flow_free(lr_flow *f);
/* A style with no flags and no link. */
lr_flow_style lr_flow_plain_style(lr_font_role role, double size, lr_color color);

/* Appends len bytes of UTF-8 ("\n" is a hard break, a tab goes to the next multiple of four
 * columns in mono text and is a space elsewhere; other control characters are dropped,
 * characters beyond U+FFFF become U+FFFD). */
void lr_flow_add(lr_flow *f, const char *utf8, size_t len, const lr_flow_style *style);
/* The index of target ("uri:https://..." or "#anchor") in the flow, added when new; -1 when
 * out of memory. */
int lr_flow_target(lr_flow *f, const char *target);
/* Appends the inline children of node in style. Links get LR_PDF_LINK and a "uri:" target
 * (or "#h:slug" for "#slug"), footnote references become superscript numbers linking to
 * "#fn:N", images their alt text in italics, "<br>" a hard break; other raw HTML is dropped. */
void lr_flow_add_inlines(lr_flow *f, cmark_node *node, const lr_flow_style *style);

/* Whether the flow has no visible character. */
int lr_flow_is_blank(const lr_flow *f);
/* Width of the widest line when breaking only at hard breaks. */
double lr_flow_natural_width(const lr_flow *f);
/* Width of the widest word (between places where a line may break: spaces, between Chinese or
 * Japanese characters), the narrowest width that breaks no word; a word wider than long_word
 * counts with its widest piece between Hangul syllables, '/', '-' and the like, where it may
 * break too. */
double lr_flow_min_width(const lr_flow *f, double long_word);
double lr_flow_line_height(const lr_flow *f);

/* Breaks the flow into lines at most width wide. Returns LR_OK or LR_ENOMEM. lines is cleared
 * first; free it with lr_flow_lines_free(). A flow with no characters gives no line. */
lr_status lr_flow_break(const lr_flow *f, double width, lr_flow_lines *lines);
void lr_flow_lines_free(lr_flow_lines *lines);

/* Draws a line in the box of width w whose top-left corner is (x, top), with links and the
 * anchors of footnote references ("fnref:N", first one wins). Returns the baseline. */
double lr_flow_draw(const lr_flow *f, const lr_flow_line *line, lr_pdfdoc *doc, double x,
                    double top, double w, lr_flow_align align);
/* The baseline of a line drawn at top. */
double lr_flow_baseline(const lr_flow *f, double top);

/* The text of a line as drawn (trailing spaces left out), superscripts as "^{...}". Appended
 * to out. For the layout's record. */
void lr_flow_line_text(const lr_flow *f, const lr_flow_line *line, lr_buf *out);

/* The plain text of node: text, code and the numbers of footnote references, breaks as spaces.
 * Appended to out. */
void lr_flow_plain_text(cmark_node *node, lr_buf *out);
/* GitHub's anchor for a heading text: lower case, spaces to '-', punctuation dropped. */
void lr_flow_slug(const char *text, lr_buf *out);

#endif

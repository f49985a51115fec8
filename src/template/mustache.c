/* The Mustache engine. A template is parsed once into a flat array of nodes (a section node
 * knows where its content ends); rendering is a loop over an explicit stack of frames. Neither
 * step recurses in C, so the depth of the input only costs heap, bounded by the section and
 * partial limits. Partials are loaded, parsed and cached on first use within one render. */
#include "mustache.h"

#include <float.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/json.h"

enum { MAX_DELIMITER = 32, MAX_NAME_IN_MESSAGE = 100 };

/* ---- Parsed templates ---------------------------------------------------------------------- */

enum node_kind {
    N_TEXT,     /* literal text */
    N_INDENT,   /* a line of a partial starts: emit the partial's indentation */
    N_ESCAPED,  /* {{name}} */
    N_RAW,      /* {{{name}}}, {{&name}} */
    N_SECTION,  /* {{#name}} */
    N_INVERTED, /* {{^name}} */
    N_PARTIAL   /* {{>name}} */
};

typedef struct node {
    unsigned char kind;
    unsigned char standalone;      /* partials: the tag stood alone on its line */
    size_t off, len;               /* the text, or the tag's trimmed name */
    size_t at;                     /* where the tag starts, for errors */
    size_t end;                    /* sections: index of the first node after the content */
    size_t indent_off, indent_len; /* standalone partials: the whitespace before the tag */
} node;

typedef struct program {
    const char *src; /* the caller's text (top level) or owned (a partial) */
    size_t len;
    char *owned;
    char *name;          /* owned; the file name in errors */
    const char *display; /* name, or the caller's template name */
    node *nodes;
    size_t count, cap;
} program;

static void program_free(program *p)
{
    if (!p)
        return;
    free(p->owned);
    free(p->name);
    free(p->nodes);
    free(p);
}

static int clip(size_t len)
{
    return len > MAX_NAME_IN_MESSAGE ? MAX_NAME_IN_MESSAGE : (int)len;
}

/* Fills err with a message located at offset off of the program's text. */
static lr_status fail_at(lr_error *err, lr_status status, const program *p, size_t off,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static lr_status fail_at(lr_error *err, lr_status status, const program *p, size_t off,
                         const char *fmt, ...)
{
    char message[sizeof(err->message)];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    lr_error_set(err, status, p->display, "%s", message);
    int line, column;
    lr_text_position(p->src, off, &line, &column);
    lr_error_at(err, line, column);
    return status;
}

/* ---- Parsing ------------------------------------------------------------------------------- */

/* A piece of the current line: text (type 0, containing at most one '\n', at its end) or a tag
 * (type is its sigil, 'v' for a plain variable). */
typedef struct token {
    char type;
    size_t off, len; /* text, or the trimmed name */
    size_t at;       /* where the tag starts */
} token;

typedef struct parser {
    program *prog;
    int indent; /* mark line starts with N_INDENT (partials) */
    token *line;
    size_t nline, capline;
    size_t line_start;
    size_t open[LR_TEMPLATE_MAX_SECTION_DEPTH]; /* node indexes of the open sections */
    size_t nopen;
    lr_error *err;
} parser;

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Offset of the first pat (m > 0 bytes) in s[from, n), or n. */
static size_t find(const char *s, size_t n, size_t from, const char *pat, size_t m)
{
    while (from < n && n - from >= m) {
        const char *hit = memchr(s + from, (unsigned char)pat[0], n - from - m + 1);
        if (!hit)
            return n;
        if (!memcmp(hit, pat, m))
            return (size_t)(hit - s);
        from = (size_t)(hit - s) + 1;
    }
    return n;
}

/* Offset of the first byte c followed by pat in s[from, n), or n. */
static size_t find_after(const char *s, size_t n, size_t from, char c, const char *pat, size_t m)
{
    size_t t = from;
    while ((t = find(s, n, t, pat, m)) < n) {
        if (t > from && s[t - 1] == c)
            return t - 1;
        t++;
    }
    return n;
}

static lr_status add_node(parser *ps, const node *nd)
{
    program *p = ps->prog;
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        node *nodes =
            cap < ((size_t)-1) / sizeof(node) ? realloc(p->nodes, cap * sizeof(node)) : NULL;
        if (!nodes)
            return lr_error_set(ps->err, LR_ENOMEM, p->display, "out of memory parsing template");
        p->nodes = nodes;
        p->cap = cap;
    }
    p->nodes[p->count++] = *nd;
    return LR_OK;
}

static lr_status add_text(parser *ps, size_t off, size_t len)
{
    program *p = ps->prog;
    if (!len)
        return LR_OK;
    node *last = p->count ? &p->nodes[p->count - 1] : NULL;
    /* Text that continues the previous text node in the source joins it: nothing (no tag, no
     * section end) can lie between them. */
    if (last && last->kind == N_TEXT && last->off + last->len == off) {
        last->len += len;
        return LR_OK;
    }
    node nd = {N_TEXT, 0, off, len, off, 0, 0, 0};
    return add_node(ps, &nd);
}

static lr_status add_tag(parser *ps, const token *t, int standalone)
{
    program *p = ps->prog;
    node nd = {0, 0, t->off, t->len, t->at, 0, 0, 0};
    switch (t->type) {
    case '!':
    case '=':
        return LR_OK;
    case 'v':
        nd.kind = N_ESCAPED;
        return add_node(ps, &nd);
    case '&':
    case '{':
        nd.kind = N_RAW;
        return add_node(ps, &nd);
    case '>':
        nd.kind = N_PARTIAL;
        if (standalone) {
            nd.standalone = 1;
            nd.indent_off = ps->line_start;
            nd.indent_len = t->at - ps->line_start;
        }
        return add_node(ps, &nd);
    case '#':
    case '^':
        if (ps->nopen == LR_TEMPLATE_MAX_SECTION_DEPTH)
            return fail_at(ps->err, LR_ETEMPLATE, p, t->at, "sections nested deeper than %d",
                           LR_TEMPLATE_MAX_SECTION_DEPTH);
        nd.kind = t->type == '#' ? N_SECTION : N_INVERTED;
        ps->open[ps->nopen++] = p->count;
        return add_node(ps, &nd);
    case '/': {
        if (!ps->nopen)
            return fail_at(ps->err, LR_ETEMPLATE, p, t->at,
                           "closing tag \"%.*s\" without an open section", clip(t->len),
                           p->src + t->off);
        node *open = &p->nodes[ps->open[ps->nopen - 1]];
        if (open->len != t->len || memcmp(p->src + open->off, p->src + t->off, t->len))
            return fail_at(ps->err, LR_ETEMPLATE, p, t->at,
                           "closing tag \"%.*s\" does not match open section \"%.*s\"",
                           clip(t->len), p->src + t->off, clip(open->len), p->src + open->off);
        open->end = p->count;
        ps->nopen--;
        return LR_OK;
    }
    }
    return LR_OK;
}

/* Text made only of spaces and tabs, ending in "\n", "\r\n" or nothing. */
static int blank_line_text(const char *s, size_t len)
{
    if (len && s[len - 1] == '\n') {
        len--;
        if (len && s[len - 1] == '\r')
            len--;
    }
    for (size_t i = 0; i < len; i++)
        if (!is_blank(s[i]))
            return 0;
    return 1;
}

/* Emits the tokens of one finished line. A line holding one section, inverted, closing,
 * comment, partial or set-delimiter tag and otherwise only blanks is "standalone": only the tag
 * remains, the blanks and the line ending go. */
static lr_status flush_line(parser *ps)
{
    const char *s = ps->prog->src;
    size_t ntags = 0, tag = 0;
    int blank = 1;
    lr_status st = LR_OK;
    if (!ps->nline)
        return LR_OK;
    for (size_t i = 0; i < ps->nline; i++) {
        const token *t = &ps->line[i];
        if (!t->type) {
            if (!blank_line_text(s + t->off, t->len))
                blank = 0;
        } else {
            ntags++;
            tag = i;
        }
    }
    if (blank && ntags == 1 && strchr("#^/>!=", ps->line[tag].type)) {
        st = add_tag(ps, &ps->line[tag], 1);
    } else {
        if (ps->indent) {
            node nd = {N_INDENT, 0, ps->line_start, 0, ps->line_start, 0, 0, 0};
            st = add_node(ps, &nd);
        }
        for (size_t i = 0; i < ps->nline && st == LR_OK; i++) {
            const token *t = &ps->line[i];
            st = t->type ? add_tag(ps, t, 0) : add_text(ps, t->off, t->len);
        }
    }
    ps->nline = 0;
    return st;
}

static lr_status add_token(parser *ps, char type, size_t off, size_t len, size_t at)
{
    if (ps->nline == ps->capline) {
        size_t cap = ps->capline ? ps->capline * 2 : 16;
        token *line =
            cap < ((size_t)-1) / sizeof(token) ? realloc(ps->line, cap * sizeof(token)) : NULL;
        if (!line)
            return lr_error_set(ps->err, LR_ENOMEM, ps->prog->display,
                                "out of memory parsing template");
        ps->line = line;
        ps->capline = cap;
    }
    token t = {type, off, len, at};
    ps->line[ps->nline++] = t;
    return LR_OK;
}

/* Reads the content of {{=<% %>=}}: two delimiters without blanks or '='. */
static int parse_delimiters(const char *s, size_t from, size_t to, size_t *open, size_t *open_len,
                            size_t *close, size_t *close_len)
{
    while (from < to && is_space(s[from]))
        from++;
    while (to > from && is_space(s[to - 1]))
        to--;
    size_t a = from;
    while (a < to && !is_space(s[a]))
        a++;
    size_t b = a;
    while (b < to && is_space(s[b]))
        b++;
    *open = from;
    *open_len = a - from;
    *close = b;
    *close_len = to - b;
    if (!*open_len || !*close_len || *open_len > MAX_DELIMITER || *close_len > MAX_DELIMITER)
        return 0;
    for (size_t i = b; i < to; i++)
        if (is_space(s[i]))
            return 0;
    if (memchr(s + *open, '=', *open_len) || memchr(s + *close, '=', *close_len))
        return 0;
    return 1;
}

/* Parses p->src into p->nodes. indent: mark line starts (for partials). */
static lr_status parse(program *p, int indent, lr_error *err)
{
    parser *ps = calloc(1, sizeof *ps);
    if (!ps)
        return lr_error_set(err, LR_ENOMEM, p->display, "out of memory parsing template");
    ps->prog = p;
    ps->indent = indent;
    ps->err = err;
    const char *s = p->src;
    size_t n = p->len, pos = 0;
    const char *otag = "{{", *ctag = "}}";
    size_t olen = 2, clen = 2;
    lr_status st = LR_OK;

    while (pos < n && st == LR_OK) {
        size_t at = find(s, n, pos, otag, olen);
        /* text up to the tag, one token per line */
        while (pos < at && st == LR_OK) {
            const char *nl = memchr(s + pos, '\n', at - pos);
            size_t e = nl ? (size_t)(nl - s) + 1 : at;
            st = add_token(ps, 0, pos, e - pos, pos);
            pos = e;
            if (nl && st == LR_OK) {
                st = flush_line(ps);
                ps->line_start = pos;
            }
        }
        if (at == n || st != LR_OK)
            break;

        size_t q = at + olen;
        char type = q < n ? s[q] : 0;
        if (type && strchr("#^/>!=&{", type))
            q++;
        else
            type = 'v';
        /* {{{name}}} ends at "}}}", {{=a b=}} at "=}}" */
        char closer = type == '{' ? '}' : type == '=' ? '=' : 0;
        size_t c = closer ? find_after(s, n, q, closer, ctag, clen) : find(s, n, q, ctag, clen);
        if (c == n) {
            char expected[MAX_DELIMITER + 2] = {closer};
            memcpy(expected + (closer != 0), ctag, clen);
            st = fail_at(err, LR_ETEMPLATE, p, at, "unclosed tag: expected \"%s\"", expected);
            break;
        }
        pos = c + (closer != 0) + clen;
        if (type == '!') {
            st = add_token(ps, type, q, c - q, at);
        } else if (type == '=') {
            size_t o, ol, k, kl;
            if (!parse_delimiters(s, q, c, &o, &ol, &k, &kl)) {
                st = fail_at(err, LR_ETEMPLATE, p, at, "invalid set-delimiter tag");
                break;
            }
            otag = s + o;
            olen = ol;
            ctag = s + k;
            clen = kl;
            st = add_token(ps, type, q, c - q, at);
        } else {
            while (q < c && is_space(s[q]))
                q++;
            while (c > q && is_space(s[c - 1]))
                c--;
            if (q == c) {
                st = fail_at(err, LR_ETEMPLATE, p, at, "empty tag name");
                break;
            }
            st = add_token(ps, type, q, c - q, at);
        }
    }
    if (st == LR_OK)
        st = flush_line(ps);
    if (st == LR_OK && ps->nopen) {
        const node *open = &p->nodes[ps->open[ps->nopen - 1]];
        st = fail_at(err, LR_ETEMPLATE, p, open->at, "unclosed section \"%.*s\"", clip(open->len),
                     s + open->off);
    }
    free(ps->line);
    free(ps);
    return st;
}

/* ---- Partials, loaded once per render ------------------------------------------------------ */

typedef struct partial_slot {
    char *name; /* NULL: free slot */
    size_t len;
    program *prog; /* NULL: there is no such partial */
} partial_slot;

typedef struct partial_cache {
    partial_slot *slots;
    size_t cap, count; /* cap is 0 or a power of two */
} partial_cache;

static size_t hash_name(const char *s, size_t len)
{
    size_t h = (size_t)2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * (size_t)16777619u;
    return h;
}

static partial_slot *cache_slot(partial_cache *c, const char *name, size_t len)
{
    size_t i = hash_name(name, len) & (c->cap - 1);
    while (c->slots[i].name && (c->slots[i].len != len || memcmp(c->slots[i].name, name, len) != 0))
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

static int cache_grow(partial_cache *c)
{
    size_t cap = c->cap ? c->cap * 2 : 16;
    partial_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    partial_cache bigger = {slots, cap, c->count};
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i].name)
            *cache_slot(&bigger, c->slots[i].name, c->slots[i].len) = c->slots[i];
    free(c->slots);
    *c = bigger;
    return 0;
}

static void cache_free(partial_cache *c)
{
    for (size_t i = 0; i < c->cap; i++) {
        free(c->slots[i].name);
        program_free(c->slots[i].prog);
    }
    free(c->slots);
}

/* ---- Rendering ----------------------------------------------------------------------------- */

enum frame_kind { F_BLOCK, F_LIST, F_PARTIAL };

typedef struct frame {
    const program *prog;
    size_t pc, begin, end; /* running nodes [begin, end) of prog, next is pc */
    const cJSON *item;     /* F_LIST: the element being rendered */
    unsigned char kind;
    unsigned char pushed;          /* pushed one entry on the context stack */
    size_t indent_off, indent_len; /* the indentation of this frame's lines, in r->indents */
} frame;

typedef struct renderer {
    const lr_template_options *opt;
    lr_buf *out;
    size_t out_start;
    frame *frames;
    size_t nframes, capframes;
    const cJSON **ctx;
    size_t nctx, capctx;
    lr_buf indents;
    partial_cache partials;
    int depth; /* partial frames on the stack */
    lr_error *err;
} renderer;

static lr_status out_of_memory(renderer *r)
{
    return lr_error_set(r->err, LR_ENOMEM, r->opt->name, "out of memory rendering template");
}

static lr_status push_frame(renderer *r, const frame *f)
{
    if (r->nframes == r->capframes) {
        size_t cap = r->capframes ? r->capframes * 2 : 32;
        frame *frames =
            cap < ((size_t)-1) / sizeof(frame) ? realloc(r->frames, cap * sizeof(frame)) : NULL;
        if (!frames)
            return out_of_memory(r);
        r->frames = frames;
        r->capframes = cap;
    }
    r->frames[r->nframes++] = *f;
    return LR_OK;
}

static lr_status push_context(renderer *r, const cJSON *value)
{
    if (r->nctx == r->capctx) {
        size_t cap = r->capctx ? r->capctx * 2 : 32;
        const cJSON **ctx =
            cap < ((size_t)-1) / sizeof(*ctx) ? realloc((void *)r->ctx, cap * sizeof(*ctx)) : NULL;
        if (!ctx)
            return out_of_memory(r);
        r->ctx = ctx;
        r->capctx = cap;
    }
    r->ctx[r->nctx++] = value;
    return LR_OK;
}

/* Whether the NUL-terminated key equals name[0, len), which may hold any bytes. */
static int key_is(const char *key, const char *name, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!key[i] || key[i] != name[i])
            return 0;
    return key[len] == '\0';
}

static const cJSON *member(const cJSON *object, const char *name, size_t len)
{
    if (!cJSON_IsObject(object))
        return NULL;
    for (const cJSON *c = object->child; c; c = c->next)
        if (c->string && key_is(c->string, name, len))
            return c;
    return NULL;
}

/* The spec's name resolution: "." is the top of the stack; otherwise the first part of a dotted
 * name is searched down the stack, and the other parts only inside what it found. */
static const cJSON *lookup(const renderer *r, const char *name, size_t len)
{
    if (len == 1 && name[0] == '.')
        return r->nctx ? r->ctx[r->nctx - 1] : NULL;
    const char *dot = memchr(name, '.', len);
    size_t first = dot ? (size_t)(dot - name) : len;
    const cJSON *v = NULL;
    for (size_t i = r->nctx; i-- > 0 && !v;)
        v = member(r->ctx[i], name, first);
    while (v && dot) {
        const char *part = dot + 1;
        size_t rest = len - (size_t)(part - name);
        dot = memchr(part, '.', rest);
        v = member(v, part, dot ? (size_t)(dot - part) : rest);
    }
    return v;
}

static int truthy(const cJSON *v)
{
    if (!v || cJSON_IsFalse(v) || cJSON_IsNull(v) || cJSON_IsInvalid(v))
        return 0;
    if (cJSON_IsArray(v))
        return v->child != NULL;
    return 1;
}

static void put_escaped(lr_buf *out, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        const char *entity;
        switch (s[i]) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            entity = "&quot;";
            break;
        default:
            continue;
        }
        lr_buf_append(out, s + from, i - from);
        lr_buf_puts(out, entity);
        from = i + 1;
    }
    lr_buf_append(out, s + from, len - from);
}

/* The shortest "%.*g" that reads back as v; integers come out without a fraction. */
static void format_number(double v, char *s, size_t size)
{
    if (v != v) {
        snprintf(s, size, "NaN");
        return;
    }
    if (v > DBL_MAX || v < -DBL_MAX) {
        snprintf(s, size, "%s", v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(s, size, "%.*g", precision, v);
        if (precision == 17 || strtod(s, NULL) == v)
            break;
    }
    /* a locale with a decimal comma must not leak into the report */
    for (char *c = s; *c; c++)
        if (*c == ',')
            *c = '.';
}

static lr_status put_value(renderer *r, const cJSON *v, int escape)
{
    const char *s = NULL;
    char number[40];
    if (!v || cJSON_IsNull(v) || cJSON_IsInvalid(v))
        return LR_OK;
    if (cJSON_IsString(v) || cJSON_IsRaw(v)) {
        s = v->valuestring ? v->valuestring : "";
    } else if (cJSON_IsNumber(v)) {
        format_number(v->valuedouble, number, sizeof number);
        s = number;
    } else if (cJSON_IsBool(v)) {
        s = cJSON_IsTrue(v) ? "true" : "false";
    } else {
        char *json = cJSON_PrintUnformatted(v);
        if (!json)
            return out_of_memory(r);
        if (escape)
            put_escaped(r->out, json, strlen(json));
        else
            lr_buf_puts(r->out, json);
        cJSON_free(json);
        return LR_OK;
    }
    if (escape)
        put_escaped(r->out, s, strlen(s));
    else
        lr_buf_puts(r->out, s);
    return LR_OK;
}

/* The parsed partial named by node nd of prog, loading it on first use; NULL when none. */
static lr_status get_partial(renderer *r, const program *prog, const node *nd, program **found)
{
    const char *name = prog->src + nd->off;
    *found = NULL;
    if (!r->opt->partial)
        return LR_OK;
    if (r->partials.cap) {
        partial_slot *slot = cache_slot(&r->partials, name, nd->len);
        if (slot->name) {
            *found = slot->prog;
            return LR_OK;
        }
    }
    if ((r->partials.count + 1) * 2 > r->partials.cap && cache_grow(&r->partials))
        return out_of_memory(r);
    partial_slot *slot = cache_slot(&r->partials, name, nd->len);
    slot->name = malloc(nd->len + 1);
    if (!slot->name)
        return out_of_memory(r);
    memcpy(slot->name, name, nd->len);
    slot->name[nd->len] = '\0';
    slot->len = nd->len;
    r->partials.count++;

    char *text = NULL;
    lr_status st = r->opt->partial(r->opt->partial_user, slot->name, &text);
    if (st == LR_ENOTFOUND) {
        free(text);
        return LR_OK;
    }
    if (st != LR_OK) {
        free(text);
        return fail_at(r->err, st, prog, nd->at, "cannot load partial \"%.*s\": %s", clip(nd->len),
                       name, lr_strerror(st));
    }
    program *p = calloc(1, sizeof *p);
    if (!p) {
        free(text);
        return out_of_memory(r);
    }
    p->owned = text ? text : calloc(1, 1);
    p->name = malloc(nd->len + 1);
    if (!p->owned || !p->name) {
        program_free(p);
        return out_of_memory(r);
    }
    memcpy(p->name, slot->name, nd->len + 1);
    p->display = p->name;
    p->src = p->owned;
    p->len = strlen(p->owned);
    st = parse(p, 1, r->err);
    if (st != LR_OK) {
        program_free(p);
        return st;
    }
    slot->prog = p;
    *found = p;
    return LR_OK;
}

/* Runs one node of the top frame. */
static lr_status step(renderer *r)
{
    frame *f = &r->frames[r->nframes - 1];
    const program *prog = f->prog;
    const node *nd = &prog->nodes[f->pc++];
    const char *src = prog->src;
    int escape = r->opt->escape_html;
    lr_status st;

    switch (nd->kind) {
    case N_TEXT:
        lr_buf_append(r->out, src + nd->off, nd->len);
        return LR_OK;
    case N_INDENT:
        if (f->indent_len)
            lr_buf_append(r->out, r->indents.data + f->indent_off, f->indent_len);
        return LR_OK;
    case N_ESCAPED:
    case N_RAW:
        return put_value(r, lookup(r, src + nd->off, nd->len), nd->kind == N_ESCAPED && escape);
    case N_SECTION:
    case N_INVERTED: {
        const cJSON *v = lookup(r, src + nd->off, nd->len);
        frame body = {prog, f->pc, f->pc, nd->end, NULL, F_BLOCK, 0, f->indent_off, f->indent_len};
        f->pc = nd->end;
        if (nd->kind == N_INVERTED)
            return truthy(v) ? LR_OK : push_frame(r, &body);
        if (!truthy(v))
            return LR_OK;
        if (cJSON_IsArray(v)) {
            body.kind = F_LIST;
            body.item = v->child;
            v = v->child;
        }
        body.pushed = 1;
        st = push_context(r, v);
        return st ? st : push_frame(r, &body);
    }
    case N_PARTIAL: {
        program *partial;
        st = get_partial(r, prog, nd, &partial);
        if (st != LR_OK || !partial)
            return st;
        if (r->depth >= LR_TEMPLATE_MAX_PARTIAL_DEPTH)
            return fail_at(r->err, LR_ETEMPLATE, prog, nd->at, "partial nesting deeper than %d",
                           LR_TEMPLATE_MAX_PARTIAL_DEPTH);
        /* A standalone partial's lines are indented by the tag's own indentation, which in a
         * partial includes the indentation of the partial's lines. */
        frame body = {partial, 0, 0, partial->count, NULL, F_PARTIAL, 0, r->indents.len, 0};
        if (nd->standalone) {
            body.indent_len = f->indent_len + nd->indent_len;
            if (lr_buf_reserve(&r->indents, body.indent_len))
                return out_of_memory(r);
            /* no reallocation from here on: the source may be the buffer itself */
            lr_buf_append(&r->indents, r->indents.data + f->indent_off, f->indent_len);
            lr_buf_append(&r->indents, src + nd->indent_off, nd->indent_len);
        }
        r->depth++;
        return push_frame(r, &body);
    }
    }
    return LR_OK;
}

/* Leaves the top frame, or starts its next list element. */
static void finish_frame(renderer *r)
{
    frame *f = &r->frames[r->nframes - 1];
    if (f->kind == F_LIST && f->item->next) {
        f->item = f->item->next;
        r->ctx[r->nctx - 1] = f->item;
        f->pc = f->begin;
        return;
    }
    if (f->pushed)
        r->nctx--;
    if (f->kind == F_PARTIAL) {
        r->depth--;
        r->indents.len = f->indent_off;
        if (r->indents.data)
            r->indents.data[r->indents.len] = '\0';
    }
    r->nframes--;
}

static lr_status run(renderer *r, const program *top, const cJSON *context)
{
    frame root = {top, 0, 0, top->count, NULL, F_BLOCK, context != NULL, 0, 0};
    lr_status st = LR_OK;
    if (context)
        st = push_context(r, context);
    if (st == LR_OK)
        st = push_frame(r, &root);
    for (unsigned long steps = 0; st == LR_OK && r->nframes; steps++) {
        if (lr_buf_failed(r->out))
            return out_of_memory(r);
        if (r->out->len - r->out_start > (size_t)LR_TEMPLATE_MAX_OUTPUT)
            return lr_error_set(r->err, LR_ELIMIT, r->opt->name,
                                "template output larger than %d bytes", LR_TEMPLATE_MAX_OUTPUT);
        if (steps >= (unsigned long)LR_TEMPLATE_MAX_STEPS)
            return lr_error_set(r->err, LR_ELIMIT, r->opt->name,
                                "template rendering takes more than %d steps",
                                LR_TEMPLATE_MAX_STEPS);
        frame *f = &r->frames[r->nframes - 1];
        if (f->pc == f->end)
            finish_frame(r);
        else
            st = step(r);
    }
    if (st == LR_OK && lr_buf_failed(r->out))
        return out_of_memory(r);
    return st;
}

lr_status lr_template_render(const char *tmpl, size_t len, const cJSON *context,
                             const lr_template_options *opt, lr_buf *out, lr_error *err)
{
    static const lr_template_options defaults = {NULL, NULL, 1, NULL};
    if (!opt)
        opt = &defaults;
    if (lr_buf_failed(out))
        return lr_error_set(err, LR_ENOMEM, opt->name, "out of memory");
    if (!tmpl) {
        tmpl = "";
        len = 0;
    }
    program top = {tmpl, len, NULL, NULL, opt->name, NULL, 0, 0};
    renderer r = {0};
    r.opt = opt;
    r.out = out;
    r.out_start = out->len;
    r.err = err;

    lr_status st = parse(&top, 0, err);
    if (st == LR_OK)
        st = run(&r, &top, context);
    if (st != LR_OK && !lr_buf_failed(out) && out->data) {
        out->len = r.out_start;
        out->data[out->len] = '\0';
    }
    free(top.nodes);
    free(r.frames);
    free((void *)r.ctx);
    lr_buf_free(&r.indents);
    cache_free(&r.partials);
    return st;
}

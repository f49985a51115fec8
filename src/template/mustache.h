/*
 * Mustache templates rendered over a cJSON context: the engine behind the Markdown report.
 *
 * Implements the Mustache spec (https://github.com/mustache/spec) without the optional modules
 * (lambdas, inheritance, dynamic names):
 *  - {{name}} interpolates, HTML-escaped when escape_html is set; {{{name}}} and {{&name}} never
 *    escape. Names may be dotted ({{a.b.c}}); {{.}} is the top of the context stack.
 *  - Name lookup walks the context stack from the top to the first object that has the first
 *    part of the name as a key; the remaining parts are looked up in that value only. A name
 *    that cannot be resolved is empty (for interpolation) or falsey (for sections).
 *  - {{#name}}...{{/name}} renders once per element of a non-empty array (pushing the element),
 *    once for any other truthy value (pushing the value), and not at all for a falsey one.
 *    Falsey: missing, false, null and the empty array. Everything else is truthy, including
 *    0, "" and {} (JSON values, as in the spec's data).
 *    {{^name}}...{{/name}} renders once, pushing nothing, exactly when name is falsey.
 *  - {{! comment }}, {{=<% %>=}} (set delimiters) and {{>partial}}. A partial is parsed with
 *    the default delimiters and rendered against the current context stack; when its tag
 *    stands alone on its line, the tag's indentation is prepended to every line of the partial.
 *  - Section, inverted, closing, comment, partial and set-delimiter tags that stand alone on a
 *    line (only spaces and tabs besides them) remove that whole line, line ending included.
 *
 * Values interpolate as: strings as they are; numbers in the shortest form that reads back as
 * the same double (85, 1.21, 1e+21; "%.17g" at worst); true/false; null as nothing; NaN and
 * infinities as NaN, Infinity, -Infinity; arrays and objects as compact JSON.
 */
#ifndef LR_MUSTACHE_H
#define LR_MUSTACHE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "core/buf.h"
#include "llmreport.h"

enum {
    LR_TEMPLATE_MAX_SECTION_DEPTH = 256, /* sections open inside one another, per template */
    LR_TEMPLATE_MAX_PARTIAL_DEPTH = 64,  /* partials included inside one another */
    LR_TEMPLATE_MAX_OUTPUT = 64 << 20,   /* bytes appended by one render */
    LR_TEMPLATE_MAX_STEPS = 1 << 25      /* template elements executed by one render */
};

/*
 * Loads the partial called name (the trimmed content of a {{>name}} tag). Returns LR_OK with a
 * malloc'ed, NUL-terminated text in *text, which the engine frees; LR_ENOTFOUND when there is no
 * such partial (it then renders as nothing, as the spec asks). Any other status stops the render
 * with that status. Each partial is loaded at most once per render, when first needed.
 */
typedef lr_status (*lr_partial_fn)(void *user, const char *name, char **text);

typedef struct lr_template_options {
    lr_partial_fn partial; /* NULL: no partials, every {{>name}} renders as nothing */
    void *partial_user;    /* passed to partial */
    int escape_html;       /* 1 = spec behaviour ({{x}} HTML-escaped); 0 = no escaping */
    const char *name;      /* template file name for errors; may be NULL */
} lr_template_options;

/*
 * Renders the template tmpl (len bytes, need not be NUL-terminated) over context and appends
 * the result to out. context may be NULL (every name is then missing). opt may be NULL: no
 * partials, HTML escaping on, no name. Nothing is kept between calls; the context is only read.
 *
 * Returns LR_OK, or on failure leaves out as it was on entry and fills err (which may be NULL):
 *  - LR_ETEMPLATE with line and column for a malformed template: "unclosed tag: expected \"}}\"",
 *    "empty tag name", "invalid set-delimiter tag", "unclosed section \"rows\"",
 *    "closing tag \"b\" does not match open section \"a\"",
 *    "closing tag \"b\" without an open section", "sections nested deeper than 256",
 *    "partial nesting deeper than 64". The error's file is opt->name, or the partial's name when
 *    the fault is inside a partial (positions are then within the partial's text).
 *  - LR_ELIMIT when the output would exceed LR_TEMPLATE_MAX_OUTPUT bytes or the render
 *    LR_TEMPLATE_MAX_STEPS steps (templates whose sections multiply without bound).
 *  - the loader's status when opt->partial fails with other than LR_ENOTFOUND;
 *  - LR_ENOMEM when memory runs out (also when out had already failed).
 */
lr_status lr_template_render(const char *tmpl, size_t len, const cJSON *context,
                             const lr_template_options *opt, lr_buf *out, lr_error *err);

#endif

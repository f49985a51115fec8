/* The Mustache engine: the input is a template, then partials, separated by NUL bytes. A
 * {{>name}} tag loads the segment chosen by the name's first byte, so partials include one
 * another (and themselves) and the depth limit is reached. Rendered over a fixed context with
 * every kind of value, once with HTML escaping and once without. */
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "fuzz.h"
#include "template/mustache.h"

static const char context_json[] =
    "{\"title\": \"Report <&>\", \"n\": 3, \"pi\": 3.14159, \"big\": 1e300, \"neg\": -0.0,"
    " \"t\": true, \"f\": false, \"none\": null, \"empty\": [], \"obj\": {},"
    " \"s\": \"\", \"zero\": 0,"
    " \"rows\": [{\"model\": \"A|B\", \"v\": 1, \"cells\": [1, 2, {\"x\": \"y\"}]},"
    "            {\"model\": \"<script>\", \"v\": 2, \"cells\": []},"
    "            {\"model\": \"\\u00ea\\u4e2d\", \"v\": null, \"rows\": [[1], [2, [3]]]}],"
    " \"a\": {\"b\": {\"c\": {\"d\": \"deep\", \"rows\": [1, 2, 3]}}},"
    " \"list\": [\"x\", \"y\", \"z\", true, false, null, 1.5, [], {}]}";

typedef struct segments {
    const char *start[16];
    size_t len[16];
    size_t n;
} segments;

static lr_status load_partial(void *user, const char *name, char **text)
{
    const segments *s = user;
    if (s->n < 2 || !name[0])
        return LR_ENOTFOUND;
    if (name[0] == '!')
        return LR_EIO; /* a loader failure stops the render */
    size_t k = 1 + (unsigned char)name[0] % (s->n - 1);
    *text = malloc(s->len[k] + 1);
    if (!*text)
        return LR_ENOMEM;
    memcpy(*text, s->start[k], s->len[k]);
    (*text)[s->len[k]] = '\0';
    return LR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cJSON *context;
    if (!context && !(context = cJSON_Parse(context_json)))
        abort();
    if (size > 64 * 1024)
        return 0;
    segments s;
    s.n = 0;
    const char *p = (const char *)data, *end = p + size;
    while (s.n < 16) {
        const char *nul = memchr(p, '\0', (size_t)(end - p));
        s.start[s.n] = p;
        s.len[s.n] = nul ? (size_t)(nul - p) : (size_t)(end - p);
        s.n++;
        if (!nul)
            break;
        p = nul + 1;
    }
    for (int escape = 0; escape < 2; escape++) {
        lr_template_options opt = {load_partial, &s, escape, "fuzz.md"};
        lr_buf out = LR_BUF_INIT;
        lr_buf_puts(&out, "kept");
        lr_error err;
        memset(&err, 0, sizeof err);
        lr_status st = lr_template_render(s.start[0], s.len[0], context, &opt, &out, &err);
        if (st != LR_OK && (out.len != 4 || memcmp(out.data, "kept", 4)))
            abort(); /* a failed render leaves the output as it was */
        if (st == LR_ETEMPLATE && (err.line < 1 || err.column < 1 || !err.message[0]))
            abort(); /* a template error says where and what */
        lr_buf_free(&out);
    }
    return 0;
}

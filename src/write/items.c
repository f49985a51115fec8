/* items.jsonl; see items.h. Hashes are written as 16 hex digits, values with as many digits as
 * they need to read back exactly. */
#include "items.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdtext.h"

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

static int by_key(const void *x, const void *y)
{
    const lr_item_key *a = &(*(lr_item_set *const *)x)->key, *b = &(*(lr_item_set *const *)y)->key;
    int c;
    if ((c = cmp_str(a->model, b->model)) || (c = cmp_str(a->benchmark, b->benchmark)) ||
        (c = cmp_str(a->metric, b->metric)) || (c = cmp_str(a->variant, b->variant)) ||
        (c = cmp_str(a->method, b->method)))
        return c;
    return a->shots < b->shots ? -1 : a->shots > b->shots;
}

static void member(lr_buf *out, const char *key, const char *value)
{
    lr_buf_printf(out, ",\"%s\":", key);
    if (value)
        lr_json_quote(out, value);
    else
        lr_buf_puts(out, "null");
}

void lr_items_export(const lr_items *items, lr_buf *out)
{
    if (!items->n)
        return;
    lr_item_set **sets = malloc(items->n * sizeof *sets);
    if (!sets) {
        out->failed = 1;
        return;
    }
    memcpy(sets, items->sets, items->n * sizeof *sets);
    qsort(sets, items->n, sizeof *sets, by_key);
    for (size_t i = 0; i < items->n; i++) {
        const lr_item_set *s = sets[i];
        lr_buf_puts(out, "{\"model\":");
        lr_json_quote(out, s->key.model);
        member(out, "benchmark", s->key.benchmark);
        member(out, "metric", s->key.metric);
        member(out, "variant", s->key.variant);
        member(out, "method", s->key.method);
        lr_buf_printf(out, ",\"shots\":%d", s->key.shots);
        member(out, "task", s->task);
        member(out, "filter", s->filter);
        lr_buf_puts(out, ",\"items\":[");
        for (size_t k = 0; k < s->n; k++) {
            const lr_item *it = &s->items[k];
            if (k)
                lr_buf_putc(out, ',');
            lr_buf_putc(out, '[');
            lr_json_quote(out, it->id);
            char v[40];
            /* the shortest of 15 or 17 digits that reads back as the same double */
            snprintf(v, sizeof v, "%.15g", it->value);
            if (strtod(v, NULL) != it->value)
                snprintf(v, sizeof v, "%.17g", it->value);
            lr_buf_printf(out, ",\"%016" PRIx64 "\",\"%016" PRIx64 "\",\"%016" PRIx64 "\",%s]",
                          it->doc_hash, it->prompt_hash, it->target_hash, v);
        }
        lr_buf_puts(out, "]}\n");
        lr_buf_spill(out, 0);
    }
    free(sets);
}

/* Helpers shared by the unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *shared_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", LR_SHARED_DATA, rel);
    return buf;
}

const char *source_path(const char *rel)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", LR_SOURCE_DIR, rel);
    return buf;
}

char *read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 >= cap) {
            cap *= 2;
            char *p = realloc(buf, cap);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void make_parents(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(tmp, 0777);
            *p = '/';
        }
    }
}

int write_text(const char *path, const char *data)
{
    make_parents(path);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = strlen(data);
    int ok = fwrite(data, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

int check_golden(const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/golden/%s", LR_SOURCE_DIR, name);
    const char *update = getenv("UPDATE_GOLDEN");
    if (update && !strcmp(update, "1"))
        return write_text(path, text);
    char *want = read_text(path, NULL);
    if (!want) {
        fprintf(stderr, "golden %s missing (run with UPDATE_GOLDEN=1)\n", path);
        return -1;
    }
    int rc = strcmp(want, text) != 0;
    if (rc) {
        char got[4096];
        snprintf(got, sizeof got, "%s/golden-actual/%s", LR_BINARY_DIR, name);
        write_text(got, text);
        fprintf(stderr, "golden %s differs; actual output in %s\n", path, got);
    }
    free(want);
    return rc;
}

const char *temp_dir(const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/test-tmp/%s", LR_BINARY_DIR, name);
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", buf, buf);
    if (system(cmd) != 0)
        return NULL;
    return buf;
}

/* ---- Markdown checks through cmark-gfm ---- */

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

static void push_str(char ***arr, size_t *n, const char *s)
{
    *arr = realloc(*arr, (*n + 1) * sizeof **arr);
    (*arr)[(*n)++] = strdup(s ? s : "");
}

/* Plain text of a node: text, code and footnote references. */
static void plain(cmark_node *node, char *buf, size_t size)
{
    cmark_iter *it = cmark_iter_new(node);
    cmark_event_type ev;
    size_t n = strlen(buf);
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *cur = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(cur);
        const char *lit = NULL;
        char ref[64];
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
            lit = cmark_node_get_literal(cur);
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            lit = " ";
        else if (t == CMARK_NODE_FOOTNOTE_REFERENCE) {
            snprintf(ref, sizeof ref, "[^%s]", cmark_node_get_literal(cur));
            lit = ref;
        }
        if (lit) {
            size_t l = strlen(lit);
            if (n + l + 1 < size) {
                memcpy(buf + n, lit, l + 1);
                n += l;
            }
        }
    }
    cmark_iter_free(it);
}

int md_parse(const char *text, md_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("autolink"));
    cmark_parser_feed(p, text, strlen(text));
    cmark_node *root = cmark_parser_finish(p);
    if (!root)
        return -1;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    static char buf[65536];
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *cur = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(cur);
        const char *ts = cmark_node_get_type_string(cur);
        if (!strcmp(ts, "table")) {
            doc->tables = realloc(doc->tables, (doc->n_tables + 1) * sizeof *doc->tables);
            md_table *tb = &doc->tables[doc->n_tables++];
            memset(tb, 0, sizeof *tb);
            tb->n_cols = cmark_gfm_extensions_get_table_columns(cur);
            for (cmark_node *row = cmark_node_first_child(cur); row; row = cmark_node_next(row)) {
                tb->cells = realloc(tb->cells, (tb->n_rows + 1) * tb->n_cols * sizeof(char *));
                size_t c = 0;
                for (cmark_node *cell = cmark_node_first_child(row); cell && c < tb->n_cols;
                     cell = cmark_node_next(cell), c++) {
                    buf[0] = '\0';
                    plain(cell, buf, sizeof buf);
                    tb->cells[tb->n_rows * tb->n_cols + c] = strdup(buf);
                }
                for (; c < tb->n_cols; c++)
                    tb->cells[tb->n_rows * tb->n_cols + c] = strdup("");
                tb->n_rows++;
            }
        } else if (t == CMARK_NODE_FOOTNOTE_DEFINITION) {
            buf[0] = '\0';
            plain(cur, buf, sizeof buf);
            /* cmark-gfm numbers references 1, 2, ... in order of first use and puts the
             * definitions in that order: the label of the i-th definition is i */
            char label[32];
            snprintf(label, sizeof label, "%zu", doc->n_footnotes + 1);
            push_str(&doc->footnote_labels, &doc->n_footnotes, label);
            doc->n_footnotes--;
            push_str(&doc->footnote_texts, &doc->n_footnotes, buf);
        } else if (t == CMARK_NODE_FOOTNOTE_REFERENCE) {
            doc->n_footnote_refs++;
        } else if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
            doc->n_html++;
        } else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
            push_str(&doc->links, &doc->n_links, cmark_node_get_url(cur));
        } else if (t == CMARK_NODE_HEADING) {
            buf[0] = '\0';
            plain(cur, buf, sizeof buf);
            push_str(&doc->headings, &doc->n_headings, buf);
        }
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    cmark_parser_free(p);
    return 0;
}

static void free_strs(char **arr, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(arr[i]);
    free(arr);
}

void md_free(md_doc *doc)
{
    for (size_t t = 0; t < doc->n_tables; t++)
        free_strs(doc->tables[t].cells, doc->tables[t].n_rows * doc->tables[t].n_cols);
    free(doc->tables);
    free_strs(doc->footnote_labels, doc->n_footnotes);
    free_strs(doc->footnote_texts, doc->n_footnotes);
    free_strs(doc->links, doc->n_links);
    free_strs(doc->headings, doc->n_headings);
    memset(doc, 0, sizeof *doc);
}

const char *md_cell(const md_doc *doc, size_t t, size_t r, size_t c)
{
    if (t >= doc->n_tables || r >= doc->tables[t].n_rows || c >= doc->tables[t].n_cols)
        return "";
    return doc->tables[t].cells[r * doc->tables[t].n_cols + c];
}

long md_find_table(const md_doc *doc, const char *const *header)
{
    for (size_t t = 0; t < doc->n_tables; t++) {
        size_t c = 0;
        while (header[c] && !strcmp(md_cell(doc, t, 0, c), header[c]))
            c++;
        if (!header[c])
            return (long)t;
    }
    return -1;
}

const char *md_footnote(const md_doc *doc, const char *label)
{
    for (size_t i = 0; i < doc->n_footnotes; i++)
        if (!strcmp(doc->footnote_labels[i], label))
            return doc->footnote_texts[i];
    return NULL;
}

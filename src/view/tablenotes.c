/* The notes under a table, said once each, and a source's note as a table can print it; see
 * tablenotes.h. */
#include "tablenotes.h"

#include <stdlib.h>
#include <string.h>

#include "core/index.h"
#include "core/mdtext.h"

typedef struct cell {
    char *row, *col;
} cell;

typedef struct table_note {
    char *text;
    cell *cells;
    size_t n_cells, cap_cells;
} table_note;

struct lr_table_notes {
    table_note *notes;
    size_t n, cap;
    lr_index by_text; /* text -> note position */
    int failed;
};

lr_table_notes *lr_table_notes_new(void)
{
    return calloc(1, sizeof(lr_table_notes));
}

void lr_table_notes_free(lr_table_notes *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        for (size_t c = 0; c < t->notes[i].n_cells; c++) {
            free(t->notes[i].cells[c].row);
            free(t->notes[i].cells[c].col);
        }
        free(t->notes[i].cells);
        free(t->notes[i].text);
    }
    free(t->notes);
    lr_index_free(&t->by_text);
    free(t);
}

static char *copy(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s ? s : "", n);
    return d;
}

static int add_cell(table_note *nt, const char *row, const char *col)
{
    for (size_t c = 0; c < nt->n_cells; c++)
        if (!strcmp(nt->cells[c].row, row) && !strcmp(nt->cells[c].col, col))
            return 0;
    if (nt->n_cells == nt->cap_cells) {
        size_t cap = nt->cap_cells ? nt->cap_cells * 2 : 4;
        cell *p = realloc(nt->cells, cap * sizeof *p);
        if (!p)
            return -1;
        nt->cells = p;
        nt->cap_cells = cap;
    }
    cell *c = &nt->cells[nt->n_cells];
    c->row = copy(row);
    c->col = copy(col);
    if (!c->row || !c->col) {
        free(c->row);
        free(c->col);
        return -1;
    }
    nt->n_cells++;
    return 0;
}

int lr_table_notes_add(lr_table_notes *t, const char *text, const char *row, const char *col)
{
    if (!t || t->failed)
        return 0;
    text = text ? text : "";
    size_t hits;
    const size_t *at = lr_index_get(&t->by_text, text, NULL, &hits);
    size_t i;
    if (hits) {
        i = at[0];
    } else {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 8;
            table_note *p = realloc(t->notes, cap * sizeof *p);
            if (!p)
                goto fail;
            t->notes = p;
            t->cap = cap;
        }
        table_note *nt = &t->notes[t->n];
        memset(nt, 0, sizeof *nt);
        nt->text = copy(text);
        if (!nt->text)
            goto fail;
        if (lr_index_add(&t->by_text, text, NULL, t->n)) {
            free(nt->text);
            goto fail;
        }
        i = t->n++;
    }
    if (add_cell(&t->notes[i], row ? row : "", col ? col : ""))
        goto fail;
    return (int)i + 1;
fail:
    t->failed = 1;
    return 0;
}

size_t lr_table_notes_count(const lr_table_notes *t)
{
    return t ? t->n : 0;
}

const char *lr_table_notes_text(const lr_table_notes *t, size_t i)
{
    return t && i < t->n ? t->notes[i].text : NULL;
}

size_t lr_table_notes_cells_count(const lr_table_notes *t, size_t i)
{
    return t && i < t->n ? t->notes[i].n_cells : 0;
}

/* The columns of row r of note nt, ", "-joined, in order of first use. */
static void row_columns(const table_note *nt, const char *row, lr_buf *out)
{
    for (size_t c = 0; c < nt->n_cells; c++) {
        if (strcmp(nt->cells[c].row, row))
            continue;
        if (out->len)
            lr_buf_puts(out, ", ");
        lr_buf_puts(out, nt->cells[c].col);
    }
}

/* Whether cell c is the first of its row in nt. */
static int first_of_row(const table_note *nt, size_t c)
{
    for (size_t k = 0; k < c; k++)
        if (!strcmp(nt->cells[k].row, nt->cells[c].row))
            return 0;
    return 1;
}

void lr_table_notes_cells(const lr_table_notes *t, size_t i, const char *on, lr_buf *out)
{
    if (!t || i >= t->n)
        return;
    const table_note *nt = &t->notes[i];
    /* each row once, with its columns; a row whose columns an earlier row had is said with it */
    char *said = calloc(nt->n_cells + 1, 1);
    lr_buf cols = LR_BUF_INIT, other = LR_BUF_INIT, rows = LR_BUF_INIT;
    if (!said) {
        out->failed = 1;
        return;
    }
    int groups = 0;
    for (size_t c = 0; c < nt->n_cells; c++) {
        if (said[c] || !first_of_row(nt, c))
            continue;
        lr_buf_clear(&cols);
        row_columns(nt, nt->cells[c].row, &cols);
        lr_buf_clear(&rows);
        lr_buf_puts(&rows, nt->cells[c].row);
        for (size_t k = c + 1; k < nt->n_cells; k++) {
            if (said[k] || !first_of_row(nt, k))
                continue;
            lr_buf_clear(&other);
            row_columns(nt, nt->cells[k].row, &other);
            if (other.len == cols.len && (!cols.len || !memcmp(other.data, cols.data, cols.len))) {
                said[k] = 1;
                lr_buf_puts(&rows, ", ");
                lr_buf_puts(&rows, nt->cells[k].row);
            }
        }
        if (groups++)
            lr_buf_puts(out, "; ");
        lr_buf_printf(out, on, rows.data ? rows.data : "", cols.data ? cols.data : "");
        out->failed |= lr_buf_failed(&cols) || lr_buf_failed(&rows) || lr_buf_failed(&other);
    }
    free(said);
    lr_buf_free(&cols);
    lr_buf_free(&other);
    lr_buf_free(&rows);
}

/* ---- a source's note ---- */

#define MAX_PREFIXES 16

typedef struct keys {
    char prefix[MAX_PREFIXES][4];
    size_t n;
} keys;

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}
static int is_alnum(char c)
{
    return is_upper(c) || is_digit(c) || (c >= 'a' && c <= 'z');
}

/* Whether s[0..n) is a key: 1-3 capitals, 1-3 digits, an optional lower-case letter; its
 * capitals one of k's prefixes when k is given. */
static int is_key(const char *s, size_t n, const keys *k)
{
    size_t caps = 0, digits = 0;
    while (caps < n && is_upper(s[caps]))
        caps++;
    while (caps + digits < n && is_digit(s[caps + digits]))
        digits++;
    size_t rest = n - caps - digits;
    if (caps < 1 || caps > 3 || digits < 1 || digits > 3 || rest > 1)
        return 0;
    if (rest && !(s[n - 1] >= 'a' && s[n - 1] <= 'z'))
        return 0;
    if (!k)
        return 1;
    for (size_t i = 0; i < k->n; i++)
        if (strlen(k->prefix[i]) == caps && !memcmp(k->prefix[i], s, caps))
            return 1;
    return 0;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' '))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' '))
        (*n)--;
}

/* Whether s[0..n) is a ", "-separated list of keys (k: any key when NULL); the prefixes of its
 * keys are added to add when given. */
static int key_list(const char *s, size_t n, const keys *k, keys *add)
{
    size_t i = 0, count = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',')
            j++;
        const char *w = s + i;
        size_t len = j - i;
        trim(&w, &len);
        if (!len || !is_key(w, len, k))
            return 0;
        if (add) {
            size_t caps = 0;
            while (caps < len && is_upper(w[caps]))
                caps++;
            int known = 0;
            for (size_t p = 0; p < add->n; p++)
                known |= strlen(add->prefix[p]) == caps && !memcmp(add->prefix[p], w, caps);
            if (!known && add->n < MAX_PREFIXES) {
                memcpy(add->prefix[add->n], w, caps);
                add->prefix[add->n++][caps] = '\0';
            }
        }
        count++;
        i = j + 1;
    }
    return count > 0;
}

static int starts(const char *s, size_t n, const char *prefix)
{
    size_t m = strlen(prefix);
    return n >= m && !memcmp(s, prefix, m);
}

/* The list of a "sources:" clause, or NULL. */
static const char *sources_list(const char *s, size_t n, size_t *len)
{
    static const char *const heads[] = {"sources:", "source:"};
    for (size_t h = 0; h < sizeof heads / sizeof *heads; h++) {
        if (starts(s, n, heads[h])) {
            size_t m = strlen(heads[h]);
            *len = n - m;
            return s + m;
        }
    }
    return NULL;
}

/* One clause, less its key parentheses and its "- see ..." tail, into out; 0 when the clause
 * goes altogether. */
static int clean_clause(const char *s, size_t n, const keys *k, const char *table, lr_buf *out)
{
    trim(&s, &n);
    size_t len;
    const char *list = sources_list(s, n, &len);
    if (list && key_list(list, len, NULL, NULL))
        return 0;
    /* the transcription's bookkeeping of its keys: how many agree, and how sure it is */
    if (k->n && (starts(s, n, "cross-check:") || starts(s, n, "confidence:")))
        return 0;
    if (starts(s, n, "see "))
        return 0;
    lr_buf c = LR_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '(' && k->n) {
            const char *close = memchr(s + i, ')', n - i);
            if (close && key_list(s + i + 1, (size_t)(close - s) - i - 1, k, NULL)) {
                while (c.len && c.data[c.len - 1] == ' ')
                    c.len--;
                i = (size_t)(close - s);
                continue;
            }
        }
        if (starts(s + i, n - i, " - see ")) {
            break;
        }
        lr_buf_putc(&c, s[i]);
    }
    int keep = !lr_buf_failed(&c) && c.len > 0;
    const char *t = c.data;
    size_t tn = c.len;
    if (keep)
        trim(&t, &tn);
    keep = keep && tn > 0;
    if (keep && table && strlen(table) == tn && !memcmp(table, t, tn))
        keep = 0;
    /* a key left in the running text: the clause cannot be read without the key's source */
    for (size_t i = 0; keep && k->n && i < tn;) {
        size_t j = i;
        while (j < tn && is_alnum(t[j]))
            j++;
        if (j > i && is_key(t + i, j - i, k))
            keep = 0;
        i = j > i ? j : i + 1;
    }
    if (keep) {
        char *plain = malloc(tn + 1);
        if (plain) {
            memcpy(plain, t, tn);
            plain[tn] = '\0';
            lr_md_escape(out, plain);
            free(plain);
        } else {
            out->failed = 1;
        }
    }
    out->failed |= lr_buf_failed(&c);
    lr_buf_free(&c);
    return keep;
}

void lr_note_clean(const char *note, const char *table, lr_buf *out)
{
    if (!note)
        return;
    keys k;
    memset(&k, 0, sizeof k);
    size_t n = strlen(note);
    /* the keys: what the "sources:" clause lists */
    for (size_t i = 0; i <= n;) {
        const char *end = strstr(note + i, "; ");
        size_t j = end ? (size_t)(end - note) : n;
        const char *s = note + i;
        size_t len = j - i, list_len;
        trim(&s, &len);
        const char *list = sources_list(s, len, &list_len);
        if (list && key_list(list, list_len, NULL, NULL))
            key_list(list, list_len, NULL, &k);
        i = j + 2;
    }
    size_t kept = 0;
    for (size_t i = 0; i <= n;) {
        const char *end = strstr(note + i, "; ");
        size_t j = end ? (size_t)(end - note) : n;
        size_t mark = out->len;
        if (kept)
            lr_buf_puts(out, "; ");
        if (clean_clause(note + i, j - i, &k, table, out))
            kept++;
        else if (!lr_buf_failed(out))
            out->len = mark;
        i = j + 2;
    }
    if (!lr_buf_failed(out) && out->data)
        out->data[out->len] = '\0';
}

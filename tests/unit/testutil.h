/* Helpers shared by the unit tests: paths to data and reading files. */
#ifndef LR_TESTUTIL_H
#define LR_TESTUTIL_H

#include <stddef.h>

/* LR_SHARED_DATA "/" rel, in a static buffer (one at a time). */
const char *shared_path(const char *rel);
/* LR_SOURCE_DIR "/" rel, in a static buffer. */
const char *source_path(const char *rel);
/* Reads a file; NULL when missing. Caller frees. */
char *read_text(const char *path, size_t *len);
/* Writes data to path, creating parent folders; 0 on success. */
int write_text(const char *path, const char *data);
/* Compares text with the golden file tests/golden/NAME; with UPDATE_GOLDEN=1 in the environment
 * rewrites the golden instead. Returns 0 when equal (or updated), prints a diff hint otherwise. */
int check_golden(const char *name, const char *text);
/* A fresh empty folder under the build tree for a test; returns its path (static buffer). */
const char *temp_dir(const char *name);

#endif

/* A Markdown document parsed with cmark-gfm (GitHub's parser, table and footnotes extensions),
 * reduced to what tests check: the tables with their cells' plain text, the footnote
 * definitions, and how much raw HTML and which link targets it holds. */
typedef struct md_table {
    size_t n_cols, n_rows; /* rows include the header row */
    char **cells;          /* n_rows * n_cols, plain text; footnote references as "[^N]", N counting
                            * references in order of first use, as GitHub numbers them */
} md_table;

typedef struct md_doc {
    md_table *tables;
    size_t n_tables;
    char **footnote_labels;
    char **footnote_texts;
    size_t n_footnotes;
    size_t n_footnote_refs;
    size_t n_html; /* raw HTML blocks and inlines */
    char **links;  /* link and image destinations */
    size_t n_links;
    char **headings;
    size_t n_headings;
} md_doc;

int md_parse(const char *text, md_doc *doc);
void md_free(md_doc *doc);
/* The cell at row r, column c of table t ("" when out of range). */
const char *md_cell(const md_doc *doc, size_t t, size_t r, size_t c);
/* The index of the first table whose header row starts with the given cells (NULL-terminated),
 * or -1. */
long md_find_table(const md_doc *doc, const char *const *header);
/* The text of footnote definition with this label, or NULL. */
const char *md_footnote(const md_doc *doc, const char *label);

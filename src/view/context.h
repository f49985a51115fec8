/* The template context: everything the report template can show, as a cJSON tree. Every string
 * in it is Markdown-safe (escaped) text, ready to be placed in the document; numbers are kept as
 * numbers alongside for template authors who want them. */
#ifndef LR_CONTEXT_H
#define LR_CONTEXT_H

#include <cjson/cJSON.h>

#include "core/buf.h"
#include "core/phrases.h"

#include "model/store.h"
#include "model/config.h"
#include "view/findings.h"
#include "view/overview.h"

typedef struct lr_chart_link {
    const char *id;    /* file-name-safe id */
    const char *title; /* plain text */
    const char *file;  /* relative path, "charts/overview.svg" */
    long flip_set;     /* a slope chart of the findings: its flip set's index, else -1 */
} lr_chart_link;

typedef struct lr_context_input {
    const lr_store *store;
    const lr_config *config;
    const lr_overview *overview;
    const char *date; /* report date (config or SOURCE_DATE_EPOCH), or NULL */
    const lr_chart_link *charts;
    size_t n_charts;
    size_t files_read;
    cJSON *changes; /* the "changes" object from the baseline comparison, or NULL (taken) */
    const lr_store *baseline;     /* for the Δ marks in the overview, or NULL */
    const struct lr_night *night; /* the comparisons with the baseline, or NULL */
    size_t overview_limit;        /* overview rows shown (0: all) */
    size_t table_limit;           /* rows per source or benchmark table (0: all) */
    int overview_only;            /* only the title, overview and footnotes (overview.md) */
    const lr_findings *findings;  /* the findings, placed first; NULL: none */
} lr_context_input;

/* Builds the context. Returns NULL when out of memory. The caller cJSON_Delete()s it. */
cJSON *lr_context_build(const lr_context_input *in);

/* Citation of a source as Markdown-safe text: "GPT-4 Technical Report, arXiv:2303.08774, Table 2".
 */
void lr_source_cite(const lr_source *s, const char *table, lr_buf *out);
/* The same in lang: the table or figure named in its words ("표 2" in Korean). */
void lr_source_cite_in(const lr_source *s, const char *table, lr_lang lang, lr_buf *out);

#endif

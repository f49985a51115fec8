/* A small CSV reader for the leaderboard table snapshots: RFC 4180 quoting ("a ""b"", c"),
 * CRLF or LF line ends, an optional UTF-8 BOM, and errors with line and column. The whole text
 * is split at once into rows of NUL-terminated fields. */
#ifndef LR_CSV_H
#define LR_CSV_H

#include <stddef.h>

#include "llmreport.h"

typedef struct lr_csv_row {
    char **fields; /* n fields, unquoted, NUL-terminated; owned by the lr_csv */
    size_t n;
    int line; /* 1-based line where the row starts */
} lr_csv_row;

typedef struct lr_csv {
    lr_csv_row *rows; /* blank lines are not rows */
    size_t n;
    char *buf_; /* private: the unquoted text and the field table */
    char **fields_;
} lr_csv;

/*
 * Splits text (len bytes; NUL bytes are an error) into rows. file names the input in errors.
 * On success the caller owns *csv and frees it with lr_csv_free(). On failure (LR_EPARSE:
 * unterminated quote, text after a closing quote, a quote inside an unquoted field) err holds
 * the message and the line and column of the offending byte, and *csv is empty.
 */
lr_status lr_csv_parse(const char *text, size_t len, const char *file, lr_csv *csv, lr_error *err);
void lr_csv_free(lr_csv *csv);

#endif

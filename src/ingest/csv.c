/* CSV reading (RFC 4180) for table snapshots. One pass over a private copy of the text: fields
 * are unquoted in place (the output never runs ahead of the input) and cut with NULs; rows
 * record where their fields start in one shared table, which is turned into pointers at the
 * end (so growing the table never leaves dangling pointers). */
#include "csv.h"

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#include "core/error.h"
#include "core/json.h"

typedef struct row_ref {
    size_t first, n;
    int line;
} row_ref;

typedef struct parser {
    size_t *offsets; /* start of each field in buf */
    size_t n_fields, cap_fields;
    row_ref *rows;
    size_t n_rows, cap_rows;
} parser;

static lr_status fail_at(lr_error *err, const char *file, const char *text, size_t off,
                         const char *msg)
{
    int line, col;
    lr_text_position(text, off, &line, &col);
    lr_error_set(err, LR_EPARSE, file, "%s", msg);
    lr_error_at(err, line, col);
    return LR_EPARSE;
}

void lr_csv_free(lr_csv *csv)
{
    if (!csv)
        return;
    free(csv->rows);
    free(csv->fields_);
    free(csv->buf_);
    memset(csv, 0, sizeof *csv);
}

lr_status lr_csv_parse(const char *text, size_t len, const char *file, lr_csv *csv, lr_error *err)
{
    memset(csv, 0, sizeof *csv);
    char *buf = malloc(len + 1);
    if (!buf)
        return lr_error_set(err, LR_ENOMEM, file, "out of memory reading CSV");
    parser p = {NULL, 0, 0, NULL, 0, 0};
    lr_status st = LR_OK;
    size_t i = 0, o = 0;
    int line = 1;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        i = 3;

    while (i < len && !st) {
        /* one row */
        row_ref row = {p.n_fields, 0, line};
        int quoted = 0;
        for (;;) {
            /* one field, starting at i */
            if (lr_grow((void **)&p.offsets, &p.cap_fields, p.n_fields, sizeof(size_t))) {
                st = lr_error_set(err, LR_ENOMEM, file, "out of memory reading CSV");
                break;
            }
            p.offsets[p.n_fields++] = o;
            row.n++;
            if (i < len && text[i] == '"') {
                size_t open = i++;
                quoted = 1;
                for (;;) {
                    if (i >= len) {
                        st = fail_at(err, file, text, open, "unterminated quoted field");
                        break;
                    }
                    if (text[i] == '"') {
                        if (i + 1 < len && text[i + 1] == '"') {
                            buf[o++] = '"';
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (text[i] == '\0') {
                        st = fail_at(err, file, text, i, "unexpected NUL byte");
                        break;
                    }
                    if (text[i] == '\n')
                        line++;
                    buf[o++] = text[i++];
                }
                if (st)
                    break;
                if (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    st = fail_at(err, file, text, i,
                                 "expected ',' or the end of the line after a quoted field");
                    break;
                }
            } else {
                while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
                    if (text[i] == '"') {
                        st = fail_at(err, file, text, i,
                                     "'\"' inside an unquoted field (quote the whole field)");
                        break;
                    }
                    if (text[i] == '\0') {
                        st = fail_at(err, file, text, i, "unexpected NUL byte");
                        break;
                    }
                    buf[o++] = text[i++];
                }
                if (st)
                    break;
            }
            buf[o++] = '\0';
            if (i < len && text[i] == ',') {
                i++;
                continue;
            }
            /* end of the row: CRLF, LF, a lone CR, or the end of the text */
            if (i < len && text[i] == '\r')
                i++;
            if (i < len && text[i] == '\n')
                i++;
            line++;
            break;
        }
        if (st)
            break;
        /* a blank line is one empty unquoted field: not a row */
        if (row.n == 1 && !quoted && buf[p.offsets[row.first]] == '\0') {
            p.n_fields = row.first;
            continue;
        }
        if (lr_grow((void **)&p.rows, &p.cap_rows, p.n_rows, sizeof(row_ref))) {
            st = lr_error_set(err, LR_ENOMEM, file, "out of memory reading CSV");
            break;
        }
        p.rows[p.n_rows++] = row;
    }

    if (!st && p.n_rows) {
        csv->rows = malloc(p.n_rows * sizeof *csv->rows);
        csv->fields_ = malloc(p.n_fields * sizeof *csv->fields_);
        if (!csv->rows || !csv->fields_)
            st = lr_error_set(err, LR_ENOMEM, file, "out of memory reading CSV");
    }
    if (st) {
        free(p.offsets);
        free(p.rows);
        free(buf);
        lr_csv_free(csv);
        return st;
    }
    for (size_t f = 0; f < p.n_fields; f++)
        csv->fields_[f] = buf + p.offsets[f];
    for (size_t r = 0; r < p.n_rows; r++) {
        csv->rows[r].fields = csv->fields_ + p.rows[r].first;
        csv->rows[r].n = p.rows[r].n;
        csv->rows[r].line = p.rows[r].line;
    }
    csv->n = p.n_rows;
    csv->buf_ = buf;
    free(p.offsets);
    free(p.rows);
    return LR_OK;
}

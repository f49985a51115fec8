/* The one-pass JSON parser behind lr_json_load (json.h), private to src/core and its tests.
 * It builds the tree cJSON 1.7.15 would build, from an arena, for the documents the old path
 * (lr_utf8_repair + lr_json_parse) accepts, and declines the rest without saying why. */
#ifndef LR_JPARSE_H
#define LR_JPARSE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "arena.h"

typedef enum lr_jparse_result {
    LR_JPARSE_OK = 0,
    LR_JPARSE_DECLINED, /* a syntax error, nesting beyond LR_JSON_MAX_DEPTH, or a rare form
                         * (text after a NUL that ends the document, a \u escape with
                         * non-hex digits) left to the old path */
    LR_JPARSE_BAD_UTF8, /* an invalid UTF-8 byte inside a string */
    LR_JPARSE_NOMEM
} lr_jparse_result;

typedef struct lr_jparse_stats {
    int nonfinite;      /* NaN/Infinity tokens read */
    int maybe_repeated; /* some object may repeat a key (0: certainly none; 1: check with
                         * lr_json_duplicates, which may still find none) */
} lr_jparse_stats;

/*
 * Parses text (len bytes, text[len] == '\0'), which must be valid UTF-8 for LR_JPARSE_OK.
 * The text is modified in place (strings are NUL-terminated and unescaped where they stand,
 * NaN/Infinity become marker strings) whatever the result; the caller keeps a copy when it
 * needs the original after a result other than LR_JPARSE_OK. On LR_JPARSE_OK *root is the
 * document, its nodes in arena and its strings in text or arena; otherwise *root is NULL and
 * the arena may hold unused nodes.
 */
lr_jparse_result lr_jparse(char *text, size_t len, lr_arena *arena, cJSON **root,
                           lr_jparse_stats *stats);

#endif

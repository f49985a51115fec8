/* The JSON parser behind lr_json_load (json.h), private to src/core and its tests: one pass
 * that builds the tree cJSON 1.7.15 would build, from an arena, and says what is wrong and where
 * when it cannot. */
#ifndef LR_JPARSE_H
#define LR_JPARSE_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "arena.h"

typedef enum lr_jparse_result {
    LR_JPARSE_OK = 0,
    LR_JPARSE_SYNTAX,   /* not JSON (or an empty text): message and error_at say why, where */
    LR_JPARSE_DEEP,     /* nesting beyond LR_JSON_MAX_DEPTH; error_at is the bracket */
    LR_JPARSE_BAD_UTF8, /* an invalid UTF-8 byte inside a string, at error_at */
    LR_JPARSE_NOMEM
} lr_jparse_result;

typedef struct lr_jparse_outcome {
    int nonfinite;      /* NaN/Infinity tokens read */
    int maybe_repeated; /* some object may repeat a key (0: certainly none; 1: check with
                         * lr_json_duplicates, which may still find none) */
    size_t error_at;    /* offset in the text of the first error */
    char message[64];   /* what it is (one line, no position) */
    /* when the error is at the first token after a string, that string: the offsets of its
     * opening quote and of the byte after its closing quote (else both 0). A missing '"'
     * makes a string swallow what follows it; a line break inside it shows where. */
    size_t string_at, string_end;
} lr_jparse_outcome;

/*
 * Parses text (len bytes, text[len] == '\0'), which must be valid UTF-8 for LR_JPARSE_OK.
 * The text is modified in place (strings are NUL-terminated and unescaped where they stand,
 * NaN/Infinity become marker strings) whatever the result, but no line break moves: offsets of
 * lines stay true, and a caller that needs the original bytes keeps a copy. On LR_JPARSE_OK
 * *root is the document, its nodes in arena and its strings in text or arena; otherwise *root
 * is NULL, out says why, and the arena may hold unused nodes.
 */
lr_jparse_result lr_jparse(char *text, size_t len, lr_arena *arena, cJSON **root,
                           lr_jparse_outcome *out);

#endif

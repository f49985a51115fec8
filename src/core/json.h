/* Reading JSON files into cJSON trees, the way real result files need it: one parser
 * (jparse.c) into an arena; a UTF-8 BOM is skipped, invalid UTF-8 is repaired, the bare tokens
 * NaN, Infinity and -Infinity that Python's json module writes are accepted (each becomes a
 * marker string that lr_json_number() reports as non-finite), and an error is reported with
 * line and column. */
#ifndef LR_JSON_H
#define LR_JSON_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "arena.h"
#include "llmreport.h"

enum { LR_JSON_MAX_DEPTH = 512 };

/* Reads a whole file into memory (NUL-terminated). Files larger than max bytes are refused with
 * LR_ELIMIT. The caller frees *data. */
lr_status lr_file_read(const char *path, size_t max, char **data, size_t *len, lr_error *err);

/* What lr_json_load met on the way, besides the tree. */
typedef struct lr_json_info {
    int nonfinite;                /* NaN/Infinity tokens read (as marker strings) */
    size_t bad_utf8, bad_utf8_at; /* invalid UTF-8 bytes replaced with U+FFFD; the first one's
                                   * offset (in the original text) */
    size_t duplicates;            /* keys repeating an earlier key of the same object */
    char duplicate_at[256];       /* JSON pointer of one of them, as lr_json_duplicates gives */
} lr_json_info;

/*
 * Loads a document in one pass: parses *text (*len bytes, NUL-terminated) and, when it holds
 * invalid UTF-8, repairs it (*text may be reallocated, as lr_utf8_repair does, and stays the
 * caller's) and parses again. The nodes, and strings that are not left in place in *text, come
 * from arena: the tree must not be cJSON_Delete'd; it lives until lr_arena_free/lr_arena_reset,
 * and *text must outlive it too. *text is modified in place (strings are NUL-terminated and
 * unescaped where they stand); lr_text_position still gives true positions in it. On failure
 * *root is NULL, *text is as read (repaired), err says why with line and column (LR_EPARSE,
 * LR_ELIMIT for nesting deeper than LR_JSON_MAX_DEPTH, LR_ENOMEM) and info->bad_utf8 is filled.
 */
lr_status lr_json_load(char **text, size_t *len, const char *file, lr_arena *arena, cJSON **root,
                       lr_json_info *info, lr_error *err);

/* The kind of a value met where a number is expected. */
typedef enum lr_num_kind {
    LR_NUM_OK = 0,    /* a finite number, in *out */
    LR_NUM_NONFINITE, /* NaN or +-Infinity */
    LR_NUM_NA,        /* null, "N/A", "NA", "" */
    LR_NUM_NOT_NUMBER /* anything else */
} lr_num_kind;

lr_num_kind lr_json_number(const cJSON *item, double *out);
/* "NaN", "Infinity" or "-Infinity" for an item lr_json_number() calls non-finite. */
const char *lr_json_nonfinite_name(const cJSON *item);
/* The string value of a member, or NULL when missing or not a string. */
const char *lr_json_string(const cJSON *object, const char *key);

/*
 * Walking a value as its kind allows, so that a file of an unexpected shape cannot crash a
 * reader: lr_json_for_members visits the members of an object (each with its key in ->string,
 * never NULL) and nothing at all when the value is anything else (an array, a string, a number,
 * null, missing); lr_json_for_items visits the elements of an array (->string NULL) and nothing
 * else. Readers of input files use these, never cJSON_ArrayForEach, which walks the children of
 * any value: over an array where an object was expected it hands out members without keys.
 */
static inline const cJSON *lr_json_first_member(const cJSON *object)
{
    return cJSON_IsObject(object) ? object->child : NULL;
}
static inline const cJSON *lr_json_first_item(const cJSON *array)
{
    return cJSON_IsArray(array) ? array->child : NULL;
}
#define lr_json_for_members(member, object)                                                        \
    for ((member) = lr_json_first_member(object); (member); (member) = (member)->next)
#define lr_json_for_items(item, array)                                                             \
    for ((item) = lr_json_first_item(array); (item); (item) = (item)->next)
/* Appends "/" + key (escaped per RFC 6901) to a JSON pointer held in a fixed buffer. */
void lr_json_pointer_push(char *ptr, size_t size, const char *key);
void lr_json_pointer_push_index(char *ptr, size_t size, int index);

/* Counts the keys that repeat an earlier key of the same object, anywhere in the document
 * (cJSON keeps both; lookups see the first). The JSON pointer of one of them (the same for the
 * same document) goes to pointer (size bytes, "" when none). */
size_t lr_json_duplicates(const cJSON *root, char *pointer, size_t size);

/* Line and column (1-based, column in bytes) of offset in text, counting every byte before
 * it (NULs included: the text may have been parsed in place). */
void lr_text_position(const char *text, size_t offset, int *line, int *column);

#endif

/* UTF-8 checking for text read from files: input files are UTF-8, and what is not (Latin-1
 * exports, truncated multibyte characters) is replaced so that no invalid byte reaches an
 * output. */
#ifndef LR_UTF8_H
#define LR_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 character at s (at most avail bytes), or 0 when the byte at s does
 * not start one (overlong forms, surrogates, beyond U+10FFFF, truncated sequences). */
size_t lr_utf8_char_len(const unsigned char *s, size_t avail);

/*
 * Replaces every byte of *text (*len bytes, NUL-terminated) that is not part of a valid UTF-8
 * character with U+FFFD, reallocating *text when needed (the caller's malloc'ed buffer; it stays
 * the caller's). Returns the number of bytes replaced (0: the text is unchanged) and stores the
 * offset of the first in *first; (size_t)-1 when out of memory (the text is then unchanged).
 */
size_t lr_utf8_repair(char **text, size_t *len, size_t *first);

#endif

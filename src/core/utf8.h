/* UTF-8, the one module for it: checking and repairing text read from files (input files are
 * UTF-8, and what is not - Latin-1 exports, truncated multibyte characters - is replaced so
 * that no invalid byte reaches an output), decoding characters for the text measures and the
 * writers, and encoding codepoints. */
#ifndef LR_UTF8_H
#define LR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The longest UTF-8 character, in bytes. */
#define LR_UTF8_MAX 4

/* Length of the valid UTF-8 character at s (at most avail bytes), or 0 when the byte at s does
 * not start one (overlong forms, surrogates, beyond U+10FFFF, truncated sequences). */
size_t lr_utf8_char_len(const unsigned char *s, size_t avail);

/*
 * Decodes one character at s (at most avail >= 1 bytes), storing its codepoint and returning
 * its length (1..4). What lr_utf8_char_len rejects decodes one byte at a time as U+FFFD, so
 * every walk over a string sees the same characters. A NUL byte ends any sequence, so a
 * NUL-terminated string may be walked with avail = LR_UTF8_MAX (nothing past its NUL is read).
 */
size_t lr_utf8_decode(const char *s, size_t avail, uint32_t *cp);

/* Writes the UTF-8 of cp (<= U+10FFFF, not a surrogate; others are written as U+FFFD) to out,
 * which holds LR_UTF8_MAX bytes, and returns its length. */
size_t lr_utf8_encode(uint32_t cp, char *out);

/*
 * Replaces every byte of *text (*len bytes, NUL-terminated) that is not part of a valid UTF-8
 * character with U+FFFD, reallocating *text when needed (the caller's malloc'ed buffer; it stays
 * the caller's). Returns the number of bytes replaced (0: the text is unchanged) and stores the
 * offset of the first in *first; (size_t)-1 when out of memory (the text is then unchanged).
 */
size_t lr_utf8_repair(char **text, size_t *len, size_t *first);

#endif

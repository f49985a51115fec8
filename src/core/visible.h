/* Names from inputs, shown as they are: a name is printed in tables, headings, chart titles and
 * messages, and must look like what it is. Bytes that are not UTF-8 (a file name in Latin-1)
 * become U+FFFD; characters that change how the text around them reads while being unseen
 * themselves (bidi controls such as U+202E, which shows "\u202Egnp.exe" as "exe.png";
 * zero-width and other invisible characters; C1 controls; line and paragraph separators)
 * become their code as text, "<U+202E>". ASCII, including its control characters, is left to
 * each writer. */
#ifndef LR_VISIBLE_H
#define LR_VISIBLE_H

#include <stddef.h>

#include "core/arena.h"

/* 1 when lr_visible() would change the n bytes at s, else 0. */
int lr_visible_needed(const char *s, size_t n);

/* Writes the n bytes at s, made visible, to out (size bytes, NUL-terminated, cut at a character
 * boundary when too small). Returns the length the whole text needs (as snprintf does). */
size_t lr_visible(char *out, size_t size, const char *s, size_t n);

/* s made visible, in a copy in arena; NULL when s is NULL or out of memory. */
char *lr_visible_copy(lr_arena *arena, const char *s);

#endif

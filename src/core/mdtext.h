/* Text for the outputs, shared by the views and the writers: escaping names and notes for
 * Markdown so that no input can break a table or inject HTML or links, JSON string literals, and
 * formatting numbers the same way everywhere. */
#ifndef LR_MDTEXT_H
#define LR_MDTEXT_H

#include <stddef.h>

#include "core/buf.h"

/* Appends text escaped for inline Markdown (GFM): ASCII punctuation with a meaning is
 * backslash-escaped, '|' too (table cells), newlines and tabs become spaces, other control
 * characters are dropped, invalid UTF-8 becomes U+FFFD. */
void lr_md_escape(lr_buf *out, const char *text);
/* Same, into a new malloc'ed string (NULL when out of memory). */
char *lr_md_escaped(const char *text);

/* Appends s as a JSON string literal (with quotes). */
void lr_json_quote(lr_buf *out, const char *s);

/* A value as shown in tables: at most two decimals, at least one ("86.4", "67.0", "46.84"). */
void lr_format_value(double v, char *buf, size_t size);
/* A number with the shortest text that reads back to the same double ("86.4", "0.1"): below 1e6
 * with at most 9 decimals always in plain notation ("0.00001"), otherwise what the first of
 * printf's "%.15g", "%.16g", "%.17g" that reads back writes ("1.5e-10", "1e+300"). */
void lr_format_double(double v, char *buf, size_t size);

#endif

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

/* The length of date as shown: an ISO 8601 timestamp ("2023-06-10T00:00:00",
 * "2024-04-19T10:35:26Z", "2025-01-25 05:46:20.123+09:00") is shown as its date, the first 10
 * bytes; anything else whole. */
size_t lr_date_shown(const char *date);
/* Appends date escaped like lr_md_escape, an ISO timestamp as its date (lr_date_shown). */
void lr_md_date(lr_buf *out, const char *date);
/* Whether two dates show the same (lr_date_shown); NULL equals only NULL. */
int lr_date_same(const char *a, const char *b);

/* Appends the Markdown md (len bytes) with the non-breaking joins GitHub's table cells need,
 * so that a browser does not wrap a number away from its marker or a header at its hyphen:
 * in table rows, outside code spans, the space between a number and its marker (†, ‡, ≈, ±,
 * a tier's superscript, a footnote reference "[^") or after "±", and between "Table", "Figure",
 * "표", "그림" and their number, becomes U+00A0; in a table's header row a hyphen between two
 * letters or digits becomes U+2011 (not inside a link's target). Everything else is copied as it
 * is. For the GitHub Markdown only: the PDF breaks lines by its own rules. */
void lr_md_github_joins(const char *md, size_t len, lr_buf *out);

/* Appends s as a JSON string literal (with quotes). */
void lr_json_quote(lr_buf *out, const char *s);

/* The one number formatter of the reports: every value, spread, delta and interval a report
 * prints goes through lr_format_fixed, so that all round alike (halves away from zero, as tables
 * are rounded by hand: 74.25 -> 74.3, 0.125 -> 0.13) and none prints "-0.0". */
/* v with decimals decimals (0 .. 6: "64.5", "298", "-0.12"), never "-0.0". */
void lr_format_fixed(double v, int decimals, char *buf, size_t size);

/* " ²", " ¹²": a space and n (>= 0) in superscript digits, as tier marks are written; buf always
 * NUL-terminated. */
void lr_format_superscript(int n, char *buf, size_t size);
/* A value as shown where no column sets the precision: two decimals, one when the second is 0
 * ("86.4", "67.0", "46.84"). */
void lr_format_value(double v, char *buf, size_t size);
/* A change as lr_format_value shows its size, with its sign: "−2.0" (U+2212), "+3.0", and "±0.0"
 * for one that rounds to zero. */
void lr_format_delta(double d, char *buf, size_t size);
/* A number with the shortest text that reads back to the same double ("86.4", "0.1"): below 1e6
 * with at most 9 decimals always in plain notation ("0.00001"), otherwise what the first of
 * printf's "%.15g", "%.16g", "%.17g" that reads back writes ("1.5e-10", "1e+300"). */
void lr_format_double(double v, char *buf, size_t size);

#endif

/* SHA-256 of a string, as the harnesses hash their prompts. */
#ifndef LR_SHA256_H
#define LR_SHA256_H

/* The first 8 hex digits (lower case) of sha256 of the bytes of s, into out (NUL-terminated). */
void lr_sha256_hex8(const char *s, char out[9]);

#endif

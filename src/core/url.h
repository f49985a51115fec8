/* Which URLs may become links in an output. A source's "url" comes from the input files, that
 * is from strangers: only web and mail addresses become links (Markdown autolinks, PDF /URI
 * actions); anything else (javascript:, data:, vbscript:, file:, ...) is shown as text. */
#ifndef LR_URL_H
#define LR_URL_H

/* 1 when url, read as a browser reads it (ASCII whitespace and control characters dropped,
 * the scheme in any case), starts with http://, https:// or mailto:; else 0 (NULL too). */
int lr_url_is_linkable(const char *url);

#endif

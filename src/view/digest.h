/* What a CI job shows of a night's comparisons: a short Markdown digest (for
 * $GITHUB_STEP_SUMMARY or a pull-request comment), GitHub workflow annotations, and
 * changes.json, the machine-readable form of the Changes section. All three are made from the
 * lr_night that the Changes section reads, so they cannot disagree with it. */
#ifndef LR_DIGEST_H
#define LR_DIGEST_H

#include "core/buf.h"
#include "view/baseline.h"

/*
 * The digest: a heading with the count of regressions that fail the gate, one table row per
 * regression, held-back regression and improvement (▼, ▽, ▲), the items that flipped under each
 * paired regression, one line on the gate, and a link to the full report (link may be NULL:
 * none). since: the baseline's date or NULL.
 */
void lr_digest_summary(const lr_night *night, const char *since, const char *link, lr_buf *out);

/* "- Full report: [report.md](link)" with the link made safe for a Markdown destination;
 * nothing for NULL. */
void lr_digest_link(const char *link, lr_buf *out);

/* GitHub workflow commands: "::error file=F,title=T::message" for each regression that fails
 * the gate, "::warning" for each one held back; values escaped as GitHub reads them. */
void lr_digest_annotations(const lr_night *night, lr_buf *out);

/* changes.json: {"format": "llmreport-changes/1", "since", "date", "gate", "regressions",
 * "changes": [...], "changepoints": [...]}, plain values (not Markdown), deterministic. */
void lr_digest_json(const lr_night *night, const char *since, const char *date, lr_buf *out);

#endif

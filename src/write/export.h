/* Writing the normalized observations: the llmreport/2 snapshot (which is also results.json;
 * docs/snapshot.md), CSV and EEE. Reading an export back and exporting again gives the same
 * bytes. */
#ifndef LR_EXPORT_H
#define LR_EXPORT_H

#include "core/buf.h"
#include "model/store.h"

/* date: the snapshot's date (build date), or NULL. */
void lr_export_json(const lr_store *store, const char *date, lr_buf *out);
void lr_export_csv(const lr_store *store, lr_buf *out);
/* Every Eval Ever (schema 0.3.0): a JSON list with one record per model and source, each result
 * carrying its setting in generation_config.additional_details (strings, as the schema asks) so
 * nothing of it is lost; what the inputs do not state (deployment, availability, a library's
 * version, an unbounded metric's range) is "unknown" or null. */
void lr_export_eee(const lr_store *store, lr_buf *out);

#endif

/* Writing per-item results as items.jsonl beside results.json: one line per item set (the
 * observation's model and setting, then [id, doc hash, prompt hash, target hash, value] per
 * item), so that the next night's build can pair its items with these. */
#ifndef LR_WRITE_ITEMS_H
#define LR_WRITE_ITEMS_H

#include "core/buf.h"
#include "model/items.h"

/* Sets in the order of their keys (model, benchmark, metric, variant, method, shots), items in
 * id order: the same sets give the same bytes. Nothing is written for no sets. */
void lr_items_export(const lr_items *items, lr_buf *out);

#endif

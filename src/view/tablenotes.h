/* The notes under a table (booktabs style): a marked cell points to a numbered note, cells
 * whose note says the same share one number, and the note names every cell it applies to. Also
 * the text of a source's own note as a table can print it: without the transcription keys it
 * cites ("sources: G1, G2") and the sections of its own document it points to ("see
 * inconsistencies"), which the report does not have. */
#ifndef LR_TABLENOTES_H
#define LR_TABLENOTES_H

#include <stddef.h>

#include "core/buf.h"

typedef struct lr_table_notes lr_table_notes;

/* NULL when out of memory. _free(NULL) is a no-op. */
lr_table_notes *lr_table_notes_new(void);
void lr_table_notes_free(lr_table_notes *notes);

/* The number (1, 2, ... in order of first use) of the note whose text is text, added when new;
 * the cell (row, col: Markdown, copied) joins the note's cells unless it is there already.
 * Returns 0 when out of memory (and every later call fails too). */
int lr_table_notes_add(lr_table_notes *notes, const char *text, const char *row, const char *col);

size_t lr_table_notes_count(const lr_table_notes *notes);
/* Note i (0-based) as given; NULL when i is out of range. */
const char *lr_table_notes_text(const lr_table_notes *notes, size_t i);
/* How many cells note i applies to. */
size_t lr_table_notes_cells_count(const lr_table_notes *notes, size_t i);

/* Appends the cells of note i: the rows in order of first use, rows with the same columns said
 * together, each group as printf(on, rows, cols) with ", "-joined lists, groups joined by "; ".
 * on has exactly two %s: "%s on %s" gives "GPT-4, GPT-3.5 on HellaSwag; PaLM 2-L on ARC". */
void lr_table_notes_cells(const lr_table_notes *notes, size_t i, const char *on, lr_buf *out);

/* Appends a source's note (plain text) escaped for Markdown, less what the report cannot
 * resolve: the clause that lists its transcription keys ("sources: G1, G2, F4b"), the clauses
 * that count them and grade them ("cross-check: 2 independent sources", "confidence: high"), the
 * keys cited in parentheses or in a clause of their own, pointers into the transcription's own
 * document ("- see inconsistencies", "see re-evaluated values"), and a clause that only repeats the
 * locator the citation already gives (table, e.g. "Table 2"; may be NULL). Clauses are the parts
 * between "; ". A key is a word of one to three capitals, digits and an optional lower-case
 * letter whose capitals are those of a key the "sources:" clause lists; without that clause
 * nothing counts as a key. Appends nothing when nothing is left. */
void lr_note_clean(const char *note, const char *table, lr_buf *out);

#endif

/* One precision per table column. A column's numbers are printed with the decimals its sources
 * share, else with one: 64.51 from a harness run beside a paper's 63.5 becomes 64.5, so no
 * column mixes 64.51 with 63.5, nor 72.0 with its ± 4.51. A source's decimals are the most any
 * of its values of one kind (percentages, or numbers on a scale of their own) needs, at most
 * two, and at least one for percentages (54 % read from 0.54 is "54.0"); a source that writes
 * integers on a scale of its own (exam scores, a Codeforces rating) prints integers. The exact
 * values stay in results.json. */
#ifndef LR_PRECISION_H
#define LR_PRECISION_H

#include <stddef.h>

#include "core/buf.h"
#include "core/mdtext.h" /* lr_format_fixed, the one number formatter */
#include "model/store.h"

enum { LR_PRECISION_MAX = 2, LR_PRECISION_MIXED = 1 };

/* The decimals v needs, 0 .. LR_PRECISION_MAX (more are cut to the maximum): 62 -> 0,
 * 63.5 -> 1, 64.51 and 64.505119 -> 2. */
int lr_precision_of_value(double v);
/* The precision a column of values from sources of these decimals shares: theirs when they
 * agree, else LR_PRECISION_MIXED; LR_PRECISION_MIXED for none. */
int lr_precision_shared(const int *decimals, size_t n);

typedef struct lr_precision lr_precision;

/* Each source's decimals, from one pass over the store. NULL when out of memory. */
lr_precision *lr_precision_new(const lr_store *store);
void lr_precision_free(lr_precision *p);
/* The decimals of o's source for values of o's kind (percentage or not); LR_PRECISION_MIXED for
 * a NULL p. */
int lr_precision_source(const lr_precision *p, const lr_observation *o);
/* The precision of a column of n observations (NULL entries are empty cells). */
int lr_precision_column(const lr_precision *p, const lr_observation *const *obs, size_t n);

/* The same for the two kinds of value a column can hold: decimals[1] for its percentages,
 * decimals[0] for its numbers on scales of their own (exam scores beside accuracies), each kind
 * at the precision its own sources share. */
void lr_precision_column_kinds(const lr_precision *p, const lr_observation *const *obs, size_t n,
                               int decimals[2]);

/* o's value in a column of decimals, and its "± stderr" at the same decimals when known; with
 * with_unit, an integer on a scale of its own carries its unit (the metric: "298 exam score"),
 * so that it does not read as a percentage. */
void lr_precision_value_md(const lr_observation *o, int decimals, int with_stderr, int with_unit,
                           lr_buf *out);

#endif

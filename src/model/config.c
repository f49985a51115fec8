/* The report config as the views read it: defaults, and the lookups of a column's reference
 * setting and a model's metadata. Reading it from a file is ingest/config.c. */
#include "model/config.h"

#include <string.h>

void lr_config_init(lr_config *c)
{
    memset(c, 0, sizeof *c);
    c->average = 1;
    c->overview_top = 50;
    c->table_top = 200;
    c->threshold_points = 1.0;
    c->threshold_stderr = 2.0;
    c->gate_q = 0.05;
    c->gate_nights = 1;
    c->flips_listed = 10;
    c->bootstrap_resamples = 10000;
    c->bootstrap_seed = 20261120;
    c->findings_spread_points = 2.0; /* the findings' defaults (view/findings.h) */
    c->findings_limit = 10;
}

void lr_config_free(lr_config *c)
{
    lr_arena_free(&c->arena);
    lr_config_init(c);
}

const lr_ref_setting *lr_config_ref(const lr_config *c, const char *benchmark)
{
    for (size_t i = 0; i < c->n_refs; i++)
        if (!strcmp(c->refs[i].benchmark, benchmark))
            return &c->refs[i];
    return NULL;
}

const lr_model_info *lr_config_info(const lr_config *c, const char *model)
{
    for (size_t i = 0; i < c->n_infos; i++)
        if (!strcmp(c->infos[i].name, model))
            return &c->infos[i];
    return NULL;
}

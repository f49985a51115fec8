/* Stanford HELM output is not read: its numbers need the suite schema (which metric is the
 * headline, which direction, which split and perturbation) that the run files do not carry.
 * This adapter only recognises HELM files so that they are refused with a message that says
 * what to do, instead of "format not recognised". See FORMATS.md §5. */
#include <string.h>

#include "core/error.h"
#include "core/json.h"
#include "ingest/ingest.h"

static const cJSON *get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Which HELM file this is, or NULL. */
static const char *helm_kind(const cJSON *json)
{
    if (cJSON_IsArray(json)) {
        const cJSON *first = cJSON_GetArrayItem(json, 0);
        const cJSON *name = get(first, "name");
        /* stats.json: [{"name": {"name": "exact_match", "split": "test"}, "count": 1, ...}] */
        if (cJSON_IsObject(name) && cJSON_IsString(get(name, "name")) && get(first, "count"))
            return "stats.json / summary.json";
        /* per_instance_stats.json: [{"instance_id": "id1", "stats": [...]}] */
        if (cJSON_IsString(get(first, "instance_id")) && cJSON_IsArray(get(first, "stats")))
            return "per_instance_stats.json";
        return NULL;
    }
    if (!cJSON_IsObject(json))
        return NULL;
    /* summary.json: {"suites": ["v3"], "suite": "v3", "date": "2024-06-28"} */
    if (cJSON_IsArray(get(json, "suites")) && cJSON_IsString(get(json, "suite")))
        return "stats.json / summary.json";
    if (cJSON_IsObject(get(json, "adapter_spec")) && cJSON_IsArray(get(json, "metric_specs")))
        return "run_spec.json";
    /* groups/json/<table>.json */
    if (cJSON_IsString(get(json, "title")) && cJSON_IsArray(get(json, "header")) &&
        cJSON_IsArray(get(json, "rows")))
        return "groups table";
    return NULL;
}

static int sniff(const lr_input *in)
{
    return in->json && helm_kind(in->json) ? 95 : 0;
}

static lr_status read_helm(const lr_input *in)
{
    const char *kind = in->json ? helm_kind(in->json) : NULL;
    return lr_error_set(in->err, LR_EFORMAT, in->path,
                        "HELM output is not supported (%s); export it to Every Eval Ever first",
                        kind ? kind : "stats.json / summary.json");
}

const lr_adapter lr_adapter_helm = {
    "helm",
    "Stanford HELM output (recognised only to be refused: export it to Every Eval Ever)",
    sniff,
    read_helm,
};

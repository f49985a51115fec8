/* One input adapter, forced (compiled once per adapter with LR_FUZZ_ADAPTER set to its name):
 * bytes -> parse -> adapter -> normalize -> the three export formats. The adapter must never
 * crash, leak or read out of bounds, whatever it is given; errors are fine. */
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/diag.h"
#include "fuzz.h"
#include "ingest/ingest.h"
#include "model/store.h"
#include "write/export.h"

#ifndef LR_FUZZ_ADAPTER
#error "LR_FUZZ_ADAPTER names the adapter"
#endif
#ifndef LR_FUZZ_NAME
#define LR_FUZZ_NAME "results_2024-01-02T03-04-05.000000.json"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    const lr_adapter *adapter = lr_adapter_find(LR_FUZZ_ADAPTER);
    if (!adapter)
        abort();
    lr_diag diag;
    memset(&diag, 0, sizeof diag);
    lr_store *store = lr_store_new(&diag);
    if (!store)
        return 0;
    lr_error err;
    memset(&err, 0, sizeof err);
    int is_config;
    lr_status st = lr_ingest_bytes(store, "fuzz/" LR_FUZZ_NAME, (const char *)data, size, adapter,
                                   &is_config, &err);
    if (st == LR_OK && lr_store_count(store)) {
        lr_buf out = LR_BUF_INIT;
        lr_export_json(store, "2024-01-02", &out);
        lr_export_csv(store, &out);
        lr_export_eee(store, &out);
        lr_buf_free(&out);
    }
    lr_store_free(store);
    return 0;
}

/* The CSV reader alone: any bytes split into rows, or refused with a position inside the text. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ingest/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lr_csv csv;
    lr_error err;
    memset(&err, 0, sizeof err);
    lr_status st = lr_csv_parse((const char *)data, size, "fuzz.csv", &csv, &err);
    if (st == LR_OK) {
        size_t total = 0;
        for (size_t r = 0; r < csv.n; r++) {
            if (csv.rows[r].line < 1)
                abort();
            for (size_t f = 0; f < csv.rows[r].n; f++)
                total += strlen(csv.rows[r].fields[f]);
        }
        if (total > size)
            abort(); /* unquoting only ever removes bytes */
        lr_csv_free(&csv);
    } else if (err.line < 1 || err.column < 1) {
        abort(); /* a parse error always says where */
    }
    return 0;
}

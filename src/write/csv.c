/* results.csv: every observation as one row (the columns of `llmreport export --format csv`),
 * for spreadsheets and data frames. */
#include "core/error.h"
#include "write/export.h"
#include "write/writers.h"

lr_status lr_write_csv(lr_build *b, lr_error *err)
{
    lr_buf text = LR_BUF_INIT;
    lr_export_csv(b->store, &text);
    lr_status st = lr_buf_failed(&text) ? lr_error_set(err, LR_ENOMEM, NULL, "out of memory")
                                        : lr_output_add(b->out, "results.csv",
                                                        text.data ? text.data : "", text.len, err);
    lr_buf_free(&text);
    return st;
}

/* changes.json: the night's comparisons with the baseline in machine-readable form (the same
 * lr_night the Changes section shows). Without a baseline there is nothing to write. */
#include "core/error.h"
#include "view/digest.h"
#include "write/writers.h"

lr_status lr_write_changes(lr_build *b, lr_error *err)
{
    if (!b->night)
        return LR_OK;
    lr_buf text = LR_BUF_INIT;
    lr_digest_json(b->night, b->baseline_date, b->date, &text);
    lr_status st = lr_buf_failed(&text)
                       ? lr_error_set(err, LR_ENOMEM, NULL, "out of memory")
                       : lr_output_add(b->out, "changes.json", text.data, text.len, err);
    lr_buf_free(&text);
    return st;
}

/* The CI outputs of a nightly build: the digest and the workflow annotations, both made from the
 * night's comparisons that the Changes section shows (src/view/digest.c). */
#include <stdlib.h>

#include "core/error.h"
#include "report/report.h"
#include "view/digest.h"

static lr_status emit(lr_buf *text, lr_write_fn write, void *user, lr_error *err)
{
    lr_status st = LR_OK;
    if (lr_buf_failed(text))
        st = lr_error_set(err, LR_ENOMEM, NULL, "out of memory");
    else if (text->len && write(user, text->data, text->len))
        st = lr_error_set(err, LR_EIO, NULL, "cannot write");
    lr_buf_free(text);
    return st;
}

lr_status lr_report_write_digest(lr_report *r, const char *link, lr_write_fn write, void *user,
                                 lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_buf text = LR_BUF_INIT;
    if (r->baseline) {
        lr_digest_summary(&r->night, r->baseline_date, link, &text);
    } else {
        lr_buf_puts(&text, "### llmreport: no baseline to compare with\n\n");
        lr_digest_link(link, &text);
    }
    return emit(&text, write, user, err);
}

lr_status lr_report_write_annotations(lr_report *r, lr_write_fn write, void *user, lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st || !r->baseline)
        return st;
    lr_buf text = LR_BUF_INIT;
    lr_digest_annotations(&r->night, &text);
    return emit(&text, write, user, err);
}

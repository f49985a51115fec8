/* lr_report_export: the normalized observations, streamed to the caller's writer. */
#include "core/error.h"
#include "report/report.h"
#include "write/export.h"

lr_status lr_report_export(lr_report *r, lr_export_format format, lr_write_fn write, void *user,
                           lr_error *err)
{
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_buf out = LR_BUF_INIT;
    out.sink = write; /* streamed: an export is as large as the inputs */
    out.sink_user = user;
    if (format == LR_EXPORT_CSV)
        lr_export_csv(r->store, &out);
    else if (format == LR_EXPORT_JSON)
        lr_export_json(r->store, NULL, &out);
    else
        lr_export_eee(r->store, &out);
    int failed = lr_buf_failed(&out);
    lr_buf_free(&out);
    return failed ? lr_error_set(err, LR_EIO, NULL, "cannot write the export") : LR_OK;
}

/* lr_report_export: the normalized observations, streamed to the caller's writer by the writer
 * of the export table. The table also gives the export formats their names. */
#include <stdio.h>
#include <string.h>

#include "core/error.h"
#include "report/names.h"
#include "report/report.h"
#include "write/export.h"

static void export_json(const lr_store *store, lr_buf *out)
{
    lr_export_json(store, NULL, out); /* no date: an export is the same on any day */
}

static const struct {
    const char *name;
    lr_export_format format;
    void (*write)(const lr_store *store, lr_buf *out);
} exporters[] = {
    {"json", LR_EXPORT_JSON, export_json},
    {"csv", LR_EXPORT_CSV, lr_export_csv},
    {"eee", LR_EXPORT_EEE, lr_export_eee},
};
enum { N_EXPORTERS = sizeof exporters / sizeof exporters[0] };

const char *lr_export_format_name(size_t i, lr_export_format *format)
{
    if (i >= N_EXPORTERS)
        return NULL;
    if (format)
        *format = exporters[i].format;
    return exporters[i].name;
}

lr_status lr_export_format_parse(const char *name, lr_export_format *out, lr_error *err)
{
    size_t k = lr_names_find(exporters, N_EXPORTERS, sizeof *exporters, name, strlen(name));
    if (k < N_EXPORTERS) {
        *out = exporters[k].format;
        return LR_OK;
    }
    char names[128];
    lr_names_join(exporters, N_EXPORTERS, sizeof *exporters, ", ", " or ", names, sizeof names);
    return lr_error_set(err, LR_EUSAGE, NULL, "export format must be %s, not \"%s\"", names, name);
}

lr_status lr_report_export(lr_report *r, lr_export_format format, lr_write_fn write, void *user,
                           lr_error *err)
{
    size_t k;
    for (k = 0; k < N_EXPORTERS && exporters[k].format != format; k++)
        ;
    if (k == N_EXPORTERS)
        return lr_error_set(err, LR_EUSAGE, NULL, "unknown export format %d", (int)format);
    lr_status st = lr_report_load(r, err);
    if (st)
        return st;
    lr_buf out = LR_BUF_INIT;
    out.sink = write; /* streamed: an export is as large as the inputs */
    out.sink_user = user;
    exporters[k].write(r->store, &out);
    int failed = lr_buf_failed(&out);
    lr_buf_free(&out);
    return failed ? lr_error_set(err, LR_EIO, NULL, "cannot write the export") : LR_OK;
}

/* charts/<id>.png: one file per chart of the report, drawn at twice its size. */
#include "write/writers.h"

lr_status lr_write_png(lr_build *b, lr_error *err)
{
    return lr_build_chart_files(b, "png", lr_chart_render_png, err);
}

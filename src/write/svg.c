/* charts/<id>.svg: one file per chart of the report. */
#include "write/writers.h"

lr_status lr_write_svg(lr_build *b, lr_error *err)
{
    return lr_build_chart_files(b, "svg", lr_chart_render_svg, err);
}

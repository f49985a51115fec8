/* The writer table: one line per output format of a build, in the order --formats, --help and
 * lr_format_name() list them. X(name, bit, write, pass): the name --formats takes, its LR_OUT_*
 * bit (a format added without a public constant takes the next free bit: 1u << 6, ...), its
 * writer in this folder, and the pass of the build it runs in (writer.h). Adding an output
 * format is its writer's file and one line here. */
#ifndef LR_WRITERS_H
#define LR_WRITERS_H

#include "write/writer.h"

#define LR_WRITERS(X)                                                                              \
    X("md", LR_OUT_MD, lr_write_md, LR_PASS_DOCUMENTS)                                             \
    X("json", LR_OUT_JSON, lr_write_json, LR_PASS_BACKGROUND)                                      \
    X("svg", LR_OUT_SVG, lr_write_svg, LR_PASS_CHARTS)                                             \
    X("png", LR_OUT_PNG, lr_write_png, LR_PASS_CHARTS)                                             \
    X("pdf", LR_OUT_PDF, lr_write_pdf, LR_PASS_DOCUMENTS)                                          \
    X("changes", 1u << 5, lr_write_changes, LR_PASS_DOCUMENTS)                                     \
    X("csv", 1u << 6, lr_write_csv, LR_PASS_DOCUMENTS)                                             \
    /* the end of the table: every line above ends in a backslash, so a new one is one line */

/* the writers' prototypes */
#define LR_WRITER_DECLARE(name, bit, write, pass) lr_status write(lr_build *b, lr_error *err);
LR_WRITERS(LR_WRITER_DECLARE)
#undef LR_WRITER_DECLARE

#endif

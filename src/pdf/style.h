/*
 * style.h - the typography of the PDF report in one place: sizes, leading, spacing, colours.
 * Sizes and lengths are points.
 */
#ifndef LR_PDF_STYLE_H
#define LR_PDF_STYLE_H

#include "canvas/canvas.h"

/* Page */
#define LR_PDF_MARGIN_X 54.0
#define LR_PDF_MARGIN_TOP 50.0
#define LR_PDF_MARGIN_BOTTOM 58.0
#define LR_PDF_FOOTER_BASELINE 36.0 /* from the bottom edge */
#define LR_PDF_FOOTER_SIZE 7.5

/* Body text */
#define LR_PDF_BODY_SIZE 9.0
#define LR_PDF_BODY_LEADING 1.45 /* line height / size */
#define LR_PDF_PARA_GAP 7.0
#define LR_PDF_TIGHT_GAP 2.0 /* between paragraphs of a tight list */

/* Title block */
#define LR_PDF_TITLE_SIZE 24.0
#define LR_PDF_SUBTITLE_SIZE 12.5
#define LR_PDF_META_SIZE 8.5

/* Inline */
#define LR_PDF_CODE_SCALE 0.88  /* inline code size / text size */
#define LR_PDF_SUPER_SCALE 0.66 /* footnote marker size / text size */
#define LR_PDF_SUPER_RISE 0.36  /* marker baseline shift, in text sizes */

/* Blocks */
#define LR_PDF_LIST_INDENT 15.0
#define LR_PDF_QUOTE_INDENT 12.0
#define LR_PDF_QUOTE_BAR 2.5
#define LR_PDF_CODE_SIZE 8.0
#define LR_PDF_CODE_LEADING 1.38
#define LR_PDF_CODE_PAD 6.0
#define LR_PDF_NOTE_SIZE 7.0 /* footnote definitions */
#define LR_PDF_NOTE_LEADING 1.3

/* Charts */
#define LR_PDF_CHART_MAX_H 0.30 /* of the text block's height */

/* Tables */
#define LR_PDF_TABLE_SIZE 8.0
#define LR_PDF_TABLE_MIN_SIZE 5.0 /* the last resort for very wide tables */
#define LR_PDF_TABLE_LEADING 1.25
#define LR_PDF_CELL_PAD_X 4.0
#define LR_PDF_CELL_PAD_Y 1.7

#define LR_PDF_CAPTION_SIZE 8.5 /* "Table N. ..." above its table */
#define LR_PDF_CAPTION_LEADING 1.35
#define LR_PDF_CAPTION_BEFORE 6.0
#define LR_PDF_CAPTION_AFTER 4.0
#define LR_PDF_TABLE_NOTE_SIZE 7.5 /* "Note. ..." right under its table */
#define LR_PDF_TABLE_NOTE_BEFORE 4.0
#define LR_PDF_TOP_RULE 0.8 /* booktabs: top and bottom rules heavier than the mid rule */
#define LR_PDF_MID_RULE 0.5
#define LR_PDF_GROUP_RULE 0.35 /* above a group header row */
#define LR_PDF_GROUP_GAP 3.0   /* extra space above a group header row */

/* Colours */
#define LR_PDF_TEXT LR_RGB(0x1f2328)
#define LR_PDF_MUTED LR_RGB(0x59636e)
#define LR_PDF_LINK LR_RGB(0x0550ae)
#define LR_PDF_RULE LR_RGB(0xd1d9e0)
#define LR_PDF_HAIRLINE LR_RGB(0xe3e8ed)
#define LR_PDF_DARK_RULE LR_RGB(0x3d444d)
#define LR_PDF_CODE_BG LR_RGB(0xf3f5f8)
#define LR_PDF_QUOTE_BAR_COLOR LR_RGB(0xd1d9e0)

#endif

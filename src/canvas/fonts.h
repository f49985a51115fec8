/*
 * fonts.h - the fonts charts and PDF pages are drawn with, loaded once with FreeType.
 *
 * Three roles (regular, bold, mono) over five faces: DejaVu Sans / Sans Bold / Sans Mono for
 * Latin, Greek and symbols, Nanum Gothic / Gothic Bold for Hangul. A character the role's DejaVu
 * face lacks is drawn with the Nanum face of the same weight (per-character fallback).
 *
 * Text is measured here and only here: widths are FreeType advances in font units scaled to the
 * size (no hinting, no kerning), so SVG, PNG, PDF and the trace all place text identically.
 * Backends draw text run by run (lr_fonts_split), each run with one face, glyph by glyph at the
 * advances given by lr_fonts_advance().
 */
#ifndef LR_FONTS_H
#define LR_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "llmreport.h"

typedef enum lr_font_role { LR_FONT_REGULAR = 0, LR_FONT_BOLD, LR_FONT_MONO } lr_font_role;

typedef enum lr_face {
    LR_FACE_SANS = 0,    /* DejaVuSans.ttf */
    LR_FACE_SANS_BOLD,   /* DejaVuSans-Bold.ttf */
    LR_FACE_MONO,        /* DejaVuSansMono.ttf */
    LR_FACE_HANGUL,      /* NanumGothic.ttf */
    LR_FACE_HANGUL_BOLD, /* NanumGothicBold.ttf */
    LR_FACE_COUNT
} lr_face;

typedef struct lr_fonts lr_fonts;

/* Loads the five faces from dir (e.g. "fonts"). On failure *out is NULL and the status is
 * LR_EIO with "cannot load font FILE" (err->file = FILE), or LR_ENOMEM. */
lr_status lr_fonts_load(const char *dir, lr_fonts **out, lr_error *err);
/* NULL is a no-op. */
void lr_fonts_free(lr_fonts *fonts);

/* Path of a face's font file (for backends that embed it, e.g. HPDF_LoadTTFontFromFile), and
 * its family name as the font names it. Borrowed. */
const char *lr_fonts_face_path(const lr_fonts *fonts, lr_face face);
const char *lr_fonts_face_family(const lr_fonts *fonts, lr_face face);

/* Ascender and descender (positive, below the baseline) of the role's primary face, in em
 * (multiply by the size). */
double lr_fonts_ascent(const lr_fonts *fonts, lr_font_role role);
double lr_fonts_descent(const lr_fonts *fonts, lr_font_role role);

/* The face that draws codepoint cp in role: the primary face when it has a glyph for cp, else
 * the Hangul face of the same weight when that has one, else the primary (its .notdef box). */
lr_face lr_fonts_face_for(const lr_fonts *fonts, lr_font_role role, uint32_t cp);
/* Glyph index of cp in face (0 = .notdef) and advance of a glyph in em. */
unsigned lr_fonts_glyph(const lr_fonts *fonts, lr_face face, uint32_t cp);
double lr_fonts_advance(const lr_fonts *fonts, lr_face face, unsigned glyph);

/* Width of utf8 in points at size, with fallback. 0 for NULL or "". */
double lr_fonts_text_width(const lr_fonts *fonts, lr_font_role role, double size, const char *utf8);

/* A maximal run of characters drawn with one face. */
typedef struct lr_text_run {
    size_t offset; /* byte offset in the string */
    size_t length; /* bytes */
    lr_face face;
    double width; /* advance width at the size given, points */
} lr_text_run;

/*
 * Splits utf8 into runs by face. Writes at most max runs to runs (which may be NULL when max is
 * 0) and returns how many there are, so `n = lr_fonts_split(f, r, s, t, NULL, 0)` sizes the
 * array. A character goes to lr_fonts_face_for(), except that a space continues the run
 * before it when that run's face has it, so "모델 이름" is one Nanum run, and
 * "GPT-4 모델 ±Δ▲" is "GPT-4 " (DejaVu), "모델 " (Nanum), "±Δ▲" (DejaVu).
 */
size_t lr_fonts_split(const lr_fonts *fonts, lr_font_role role, double size, const char *utf8,
                      lr_text_run *runs, size_t max);

/*
 * For backends that draw through FreeType themselves (cairo): opens a new FT_Face of face that
 * holds its own reference on the FreeType library (FT_Reference_Library), so it may outlive
 * fonts, as cairo's font caches require. Release it with lr_fonts_close_ft_face(). NULL on
 * failure.
 */
struct FT_FaceRec_;
struct FT_FaceRec_ *lr_fonts_open_ft_face(const lr_fonts *fonts, lr_face face);
void lr_fonts_close_ft_face(struct FT_FaceRec_ *ft_face);

#endif

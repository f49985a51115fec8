/* Fonts: loading the shipped TTF files with FreeType, per-character fallback to Nanum Gothic,
 * and the one text measure every backend uses (unhinted advances in font units, scaled). */
#include "canvas/fonts.h"

#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_MODULE_H

#include "core/error.h"
#include "core/utf8.h"

static const char *const face_files[LR_FACE_COUNT] = {
    [LR_FACE_SANS] = "DejaVuSans.ttf",
    [LR_FACE_SANS_BOLD] = "DejaVuSans-Bold.ttf",
    [LR_FACE_MONO] = "DejaVuSansMono.ttf",
    [LR_FACE_HANGUL] = "NanumGothic.ttf",
    [LR_FACE_HANGUL_BOLD] = "NanumGothicBold.ttf",
};

/* Primary face and fallback face of each role. */
static const lr_face role_faces[][2] = {
    [LR_FONT_REGULAR] = {LR_FACE_SANS, LR_FACE_HANGUL},
    [LR_FONT_BOLD] = {LR_FACE_SANS_BOLD, LR_FACE_HANGUL_BOLD},
    [LR_FONT_MONO] = {LR_FACE_MONO, LR_FACE_HANGUL},
};

/* Advances of ASCII glyphs are cached: they are almost all that is measured. */
#define ASCII_CACHE 128

struct lr_fonts {
    FT_Library library;
    FT_Face face[LR_FACE_COUNT];
    char *path[LR_FACE_COUNT];
    double ascii_advance[LR_FACE_COUNT][ASCII_CACHE]; /* em; < 0 when the face lacks it */
    double *advance[LR_FACE_COUNT]; /* per glyph, em; filled on first use (NAN: not yet) */
};

/* FreeType's allocator. FT_Init_FreeType would allocate one that only FT_Done_FreeType frees,
 * and FT_Done_FreeType frees it even while faces opened for cairo still hold references on the
 * library; a static allocator lets the library live exactly as long as its last reference. */
static void *ft_alloc(FT_Memory memory, long size)
{
    (void)memory;
    return malloc((size_t)size);
}

static void ft_free(FT_Memory memory, void *block)
{
    (void)memory;
    free(block);
}

static void *ft_realloc(FT_Memory memory, long cur_size, long new_size, void *block)
{
    (void)memory, (void)cur_size;
    return realloc(block, (size_t)new_size);
}

static struct FT_MemoryRec_ ft_memory = {NULL, ft_alloc, ft_free, ft_realloc};

static lr_font_role checked_role(lr_font_role role)
{
    return (unsigned)role <= LR_FONT_MONO ? role : LR_FONT_REGULAR;
}

static double glyph_advance(FT_Face face, unsigned glyph)
{
    FT_Fixed adv = 0;
    if (FT_Get_Advance(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING, &adv))
        return 0;
    return (double)adv / (double)face->units_per_EM;
}

lr_status lr_fonts_load(const char *dir, lr_fonts **out, lr_error *err)
{
    *out = NULL;
    lr_fonts *f = calloc(1, sizeof(*f));
    if (!f)
        return lr_error_set(err, LR_ENOMEM, dir, "out of memory loading fonts");
    /* No FT_Set_Default_Properties: FREETYPE_PROPERTIES in the environment must not change
     * the numbers. */
    if (FT_New_Library(&ft_memory, &f->library)) {
        free(f);
        return lr_error_set(err, LR_ENOMEM, dir, "cannot initialise FreeType");
    }
    FT_Add_Default_Modules(f->library);
    for (int i = 0; i < LR_FACE_COUNT; i++) {
        size_t n = strlen(dir) + strlen(face_files[i]) + 2;
        f->path[i] = malloc(n);
        if (!f->path[i]) {
            lr_fonts_free(f);
            return lr_error_set(err, LR_ENOMEM, dir, "out of memory loading fonts");
        }
        snprintf(f->path[i], n, "%s/%s", dir, face_files[i]);
        if (FT_New_Face(f->library, f->path[i], 0, &f->face[i]) || !f->face[i]->units_per_EM) {
            lr_error_set(err, LR_EIO, f->path[i], "cannot load font %s", f->path[i]);
            f->face[i] = NULL;
            lr_fonts_free(f);
            return LR_EIO;
        }
        for (unsigned c = 0; c < ASCII_CACHE; c++) {
            unsigned g = FT_Get_Char_Index(f->face[i], c);
            f->ascii_advance[i][c] = g ? glyph_advance(f->face[i], g) : -1;
        }
    }
    *out = f;
    return LR_OK;
}

void lr_fonts_free(lr_fonts *fonts)
{
    if (!fonts)
        return;
    for (int i = 0; i < LR_FACE_COUNT; i++) {
        if (fonts->face[i])
            FT_Done_Face(fonts->face[i]);
        free(fonts->path[i]);
        free(fonts->advance[i]);
    }
    /* Faces opened for cairo hold their own references; the library lives until the last. */
    FT_Done_Library(fonts->library);
    free(fonts);
}

const char *lr_fonts_face_path(const lr_fonts *fonts, lr_face face)
{
    return (unsigned)face < LR_FACE_COUNT ? fonts->path[face] : NULL;
}

const char *lr_fonts_face_family(const lr_fonts *fonts, lr_face face)
{
    if ((unsigned)face >= LR_FACE_COUNT)
        return NULL;
    const char *name = fonts->face[face]->family_name;
    return name ? name : "";
}

double lr_fonts_ascent(const lr_fonts *fonts, lr_font_role role)
{
    FT_Face f = fonts->face[role_faces[checked_role(role)][0]];
    return (double)f->ascender / (double)f->units_per_EM;
}

double lr_fonts_descent(const lr_fonts *fonts, lr_font_role role)
{
    FT_Face f = fonts->face[role_faces[checked_role(role)][0]];
    return -(double)f->descender / (double)f->units_per_EM;
}

static int face_has(const lr_fonts *fonts, lr_face face, uint32_t cp)
{
    if (cp < ASCII_CACHE)
        return fonts->ascii_advance[face][cp] >= 0;
    return FT_Get_Char_Index(fonts->face[face], cp) != 0;
}

lr_face lr_fonts_face_for(const lr_fonts *fonts, lr_font_role role, uint32_t cp)
{
    const lr_face *faces = role_faces[checked_role(role)];
    if (face_has(fonts, faces[0], cp))
        return faces[0];
    if (face_has(fonts, faces[1], cp))
        return faces[1];
    return faces[0];
}

unsigned lr_fonts_glyph(const lr_fonts *fonts, lr_face face, uint32_t cp)
{
    if ((unsigned)face >= LR_FACE_COUNT)
        return 0;
    return FT_Get_Char_Index(fonts->face[face], cp);
}

double lr_fonts_advance(const lr_fonts *fonts, lr_face face, unsigned glyph)
{
    if ((unsigned)face >= LR_FACE_COUNT)
        return 0;
    FT_Face ft = fonts->face[face];
    if (glyph >= (unsigned)ft->num_glyphs)
        return glyph_advance(ft, glyph);
    /* a cache: measuring does not change the fonts, hence the cast; fonts are used by one
     * thread at a time */
    lr_fonts *f = (lr_fonts *)fonts;
    if (!f->advance[face]) {
        f->advance[face] = malloc((size_t)ft->num_glyphs * sizeof(double));
        if (!f->advance[face])
            return glyph_advance(ft, glyph);
        for (long g = 0; g < ft->num_glyphs; g++)
            f->advance[face][g] = NAN;
    }
    double *slot = &f->advance[face][glyph];
    if (isnan(*slot))
        *slot = glyph_advance(ft, glyph);
    return *slot;
}

/* Advance of codepoint cp in face, em. */
static double char_advance(const lr_fonts *fonts, lr_face face, uint32_t cp)
{
    if (cp < ASCII_CACHE && fonts->ascii_advance[face][cp] >= 0)
        return fonts->ascii_advance[face][cp];
    return glyph_advance(fonts->face[face], FT_Get_Char_Index(fonts->face[face], cp));
}

/* The one walk over a string that both splitting and measuring use. Stores at most max runs,
 * adds the total width to *total, returns the number of runs. */
static size_t walk_runs(const lr_fonts *fonts, lr_font_role role, double size, const char *utf8,
                        lr_text_run *runs, size_t max, double *total)
{
    size_t count = 0;
    lr_text_run cur = {0, 0, LR_FACE_SANS, 0};
    if (!utf8)
        return 0;
    role = checked_role(role);
    for (size_t i = 0; utf8[i];) {
        uint32_t cp;
        size_t n = lr_utf8_decode(utf8 + i, LR_UTF8_MAX, &cp);
        lr_face face;
        if (cur.length && (cp == ' ' || cp == 0xa0) && face_has(fonts, cur.face, cp))
            face = cur.face;
        else
            face = lr_fonts_face_for(fonts, role, cp);
        if (cur.length && face != cur.face) {
            if (count < max)
                runs[count] = cur;
            count++;
            cur.length = 0;
            cur.width = 0;
        }
        if (!cur.length) {
            cur.offset = i;
            cur.face = face;
        }
        double w = char_advance(fonts, face, cp) * size;
        cur.length += n;
        cur.width += w;
        *total += w;
        i += n;
    }
    if (cur.length) {
        if (count < max)
            runs[count] = cur;
        count++;
    }
    return count;
}

size_t lr_fonts_split(const lr_fonts *fonts, lr_font_role role, double size, const char *utf8,
                      lr_text_run *runs, size_t max)
{
    double total = 0;
    return walk_runs(fonts, role, size, utf8, runs, runs ? max : 0, &total);
}

double lr_fonts_text_width(const lr_fonts *fonts, lr_font_role role, double size, const char *utf8)
{
    double total = 0;
    walk_runs(fonts, role, size, utf8, NULL, 0, &total);
    return total;
}

struct FT_FaceRec_ *lr_fonts_open_ft_face(const lr_fonts *fonts, lr_face face)
{
    FT_Face ft = NULL;
    if ((unsigned)face >= LR_FACE_COUNT)
        return NULL;
    if (FT_New_Face(fonts->library, fonts->path[face], 0, &ft))
        return NULL;
    FT_Reference_Library(fonts->library);
    return ft;
}

void lr_fonts_close_ft_face(struct FT_FaceRec_ *ft_face)
{
    if (!ft_face)
        return;
    FT_Library library = ft_face->glyph->library;
    FT_Done_Face(ft_face);
    FT_Done_Library(library);
}

/* PNG and PDF through cairo. Fonts: the toy text API with "DejaVu Sans" and
   fixed font options (grey antialiasing, no hinting, unhinted metrics), so
   glyph shapes and advances do not depend on the machine's fontconfig
   defaults; PDF metadata is fixed so equal figures are equal files. */
#include "util/file.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include "plot/canvas.h"
#include "plot/render.h"

static void
_text(cairo_t * cr, const plot_op * op)
{
    cairo_text_extents_t e;
    cairo_set_font_size(cr, op->size);
    cairo_text_extents(cr, op->text, &e);
    cairo_save(cr);
    cairo_translate(cr, op->xy[0], op->xy[1]);
    if (op->vertical)
        cairo_rotate(cr, -M_PI / 2);
    cairo_move_to(cr, -(op->align + 1) * 0.5 * e.x_advance, 0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_show_text(cr, op->text);
    cairo_restore(cr);
}

/* The text font must be DejaVu Sans itself: fontconfig silently substitutes another font
   for a missing one, and the figure's bytes would then depend on the machine. */
static int
_font_check(cairo_t * cr, const plot_canvas_t C, rc_error_t err)
{
    slong texts = 0;
    for (slong i = 0; i < C->n; i++)
        texts += C->ops[i].kind == PLOT_OP_TEXT;
    if (texts == 0)
        return RELU_OK;
    cairo_scaled_font_t * sf = cairo_get_scaled_font(cr);
    char family[128] = "no font";
    if (cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS && cairo_scaled_font_get_type(sf) == CAIRO_FONT_TYPE_FT)
    {
        FT_Face face = cairo_ft_scaled_font_lock_face(sf);
        if (face != NULL && face->family_name != NULL)
            snprintf(family, sizeof family, "%s", face->family_name);
        cairo_ft_scaled_font_unlock_face(sf);
    }
    if (strcmp(family, "DejaVu Sans") != 0)
        return rc_error_set(err, RELU_E_UNSUPPORTED, "the text font DejaVu Sans is not installed (Debian: apt-get "
                            "install fonts-dejavu-core); fontconfig offers %s instead, whose PNG/PDF would differ "
                            "between machines (SVG and TeX output need no font)", family);
    return RELU_OK;
}

static int
_draw(cairo_t * cr, const plot_canvas_t C, rc_error_t err)
{
    cairo_font_options_t * fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_subpixel_order(fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    if (_font_check(cr, C, err) != RELU_OK)
        return err->code;
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    for (slong i = 0; i < C->n; i++)
    {
        const plot_op * op = C->ops + i;
        cairo_new_path(cr);
        if (op->kind == PLOT_OP_TEXT)
        {
            _text(cr, op);
            continue;
        }
        if (op->kind == PLOT_OP_DOT)
            cairo_arc(cr, op->xy[0], op->xy[1], op->width, 0, 2 * M_PI);
        else
        {
            for (slong k = 0; k < op->n; k++)
                (k ? cairo_line_to : cairo_move_to)(cr, op->xy[2 * k], op->xy[2 * k + 1]);
            if (op->closed)
                cairo_close_path(cr);
        }
        if (op->filled)
        {
            cairo_set_source_rgb(cr, op->fill[0], op->fill[1], op->fill[2]);
            cairo_fill_preserve(cr);
        }
        if (op->stroked)
        {
            cairo_set_source_rgb(cr, op->line[0], op->line[1], op->line[2]);
            cairo_set_line_width(cr, op->kind == PLOT_OP_DOT ? 0.8 : op->width);
            cairo_stroke(cr);
        }
    }
    return RELU_OK;
}

/* cairo writes through this callback into a checked, atomically renamed file. */
static cairo_status_t
_write_fp(void * fp, const unsigned char * data, unsigned int len)
{
    return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int
plot_render_cairo(const char * path, const plot_canvas_t C, int pdf, rc_error_t err)
{
    int w = (int) ceil(C->width), h = (int) ceil(C->height);
    util_file F;
    if (util_file_open(&F, path, err) == NULL)
        return err->code;
    cairo_surface_t * s = pdf ? cairo_pdf_surface_create_for_stream(_write_fp, F.fp, C->width, C->height)
                              : cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    int status = RELU_OK;
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
    {
        cairo_surface_destroy(s);
        return util_file_close(&F, rc_error_set(err, RELU_E_IO, "cannot write %s", path), err);
    }
    if (pdf)
    {
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "relucert");
    }
    cairo_t * cr = cairo_create(s);
    status = _draw(cr, C, err);
    if (status == RELU_OK && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        status = rc_error_set(err, RELU_E_IO, "cannot draw %s: %s", path, cairo_status_to_string(cairo_status(cr)));
    cairo_destroy(cr);
    if (status == RELU_OK && !pdf && cairo_surface_write_to_png_stream(s, _write_fp, F.fp) != CAIRO_STATUS_SUCCESS)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    cairo_surface_finish(s);
    if (status == RELU_OK && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        status = rc_error_set(err, RELU_E_IO, "cannot write %s", path);
    cairo_surface_destroy(s);
    return util_file_close(&F, status, err);
}

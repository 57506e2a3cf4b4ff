#include <string.h>
#include "plot/canvas.h"
#include "plot/render.h"
#include "util/file.h"
#include "util/module.h"

void
plot_canvas_init(plot_canvas_t C, double width, double height)
{
    C->n = C->alloc = 0;
    C->ops = NULL;
    C->width = width;
    C->height = height;
}

void
plot_canvas_clear(plot_canvas_t C)
{
    for (slong i = 0; i < C->n; i++)
    {
        flint_free(C->ops[i].xy);
        flint_free(C->ops[i].text);
    }
    flint_free(C->ops);
}

static plot_op *
_push(plot_canvas_t C, plot_op_kind kind, slong n)
{
    if (C->n == C->alloc)
    {
        C->alloc = FLINT_MAX(16, 2 * C->alloc);
        C->ops = flint_realloc(C->ops, C->alloc * sizeof(plot_op));
    }
    plot_op * op = C->ops + C->n++;
    memset(op, 0, sizeof(plot_op));
    op->kind = kind;
    op->n = n;
    op->xy = flint_malloc(2 * FLINT_MAX(n, 1) * sizeof(double));
    return op;
}

static void
_rgb(double * dst, const double * src)
{
    for (int i = 0; i < 3; i++)
        dst[i] = src[i];
}

void
plot_canvas_path(plot_canvas_t C, const double * xy, slong n, int closed,
                 const double * fill, const double * line, double width)
{
    plot_op * op = _push(C, PLOT_OP_PATH, n);
    memcpy(op->xy, xy, 2 * n * sizeof(double));
    op->closed = closed;
    if ((op->filled = fill != NULL)) _rgb(op->fill, fill);
    if ((op->stroked = line != NULL)) _rgb(op->line, line);
    op->width = width;
}

void
plot_canvas_line(plot_canvas_t C, double x0, double y0, double x1, double y1, const double * rgb, double width)
{
    double xy[4] = { x0, y0, x1, y1 };
    plot_canvas_path(C, xy, 2, 0, NULL, rgb, width);
}

void
plot_canvas_rect(plot_canvas_t C, double x, double y, double w, double h,
                 const double * fill, const double * line, double width)
{
    double xy[8] = { x, y, x + w, y, x + w, y + h, x, y + h };
    plot_canvas_path(C, xy, 4, 1, fill, line, width);
}

void
plot_canvas_dot(plot_canvas_t C, double x, double y, double r, const double * fill, const double * line)
{
    plot_op * op = _push(C, PLOT_OP_DOT, 1);
    op->xy[0] = x;
    op->xy[1] = y;
    op->width = r;
    if ((op->filled = fill != NULL)) _rgb(op->fill, fill);
    if ((op->stroked = line != NULL)) _rgb(op->line, line);
}

void
plot_canvas_text(plot_canvas_t C, double x, double y, const char * text, double size, int align, int vertical)
{
    plot_op * op = _push(C, PLOT_OP_TEXT, 1);
    op->xy[0] = x;
    op->xy[1] = y;
    op->text = flint_malloc(strlen(text) + 1);
    strcpy(op->text, text);
    op->size = size;
    op->align = align;
    op->vertical = vertical;
}

static int
_ends_with(const char * s, const char * suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

int
plot_canvas_format_ok(const char * path)
{
    return _ends_with(path, ".png") || _ends_with(path, ".pdf") || _ends_with(path, ".svg")
        || _ends_with(path, ".tex");
}

/* PNG and PDF come from the module relucert-cairo.so (render_cairo.c), so that only a
   process writing one of them maps cairo, fontconfig and X11 (issue 19: start-up cost). */
static int
_render_cairo(const char * path, const plot_canvas_t C, int pdf, rc_error_t err)
{
    void * h = util_module_open("relucert-cairo.so", err);
    int (*render)(const char *, const plot_canvas_t, int, rc_error_t) = NULL;
    if (h == NULL)
        return err->code;
    *(void **) &render = util_module_symbol(h, "relucert-cairo.so", "plot_render_cairo", err);
    return render != NULL ? render(path, C, pdf, err) : err->code;
}

int
plot_canvas_write(const char * path, const plot_canvas_t C, rc_error_t err)
{
    if (_ends_with(path, ".svg"))
        return util_file_write(path, plot_render_svg, (void *) C, err);
    if (_ends_with(path, ".tex"))
        return util_file_write(path, plot_render_tikz, (void *) C, err);
    if (_ends_with(path, ".png") || _ends_with(path, ".pdf"))
        return _render_cairo(path, C, _ends_with(path, ".pdf"), err);
    return rc_error_set(err, RELU_E_INPUT, "--out: the file name must end in .svg, .pdf, .png or .tex");
}

/* SVG and TikZ written as text. Coordinates are printed with %.2f (a drawing
   resolution of 1/100 point), so equal figures are equal files. In SVG the
   labels are <text> elements in DejaVu Sans; in TikZ they are set by the
   document's own font (what an author wants when typesetting a figure). */
#include <string.h>
#include "plot/render.h"
#include "plot/canvas.h"
#include "util/file.h"

static void
_svg_rgb(FILE * fp, const char * what, const double * c)
{
    fprintf(fp, " %s=\"#%02x%02x%02x\"", what, (int) (255 * c[0] + 0.5), (int) (255 * c[1] + 0.5),
            (int) (255 * c[2] + 0.5));
}

static void
_svg_escaped(FILE * fp, const char * s)
{
    for (; *s; s++)
        if (*s == '<') fputs("&lt;", fp);
        else if (*s == '>') fputs("&gt;", fp);
        else if (*s == '&') fputs("&amp;", fp);
        else fputc(*s, fp);
}

int
plot_render_svg(FILE * fp, void * canvas, rc_error_t err)
{
    const plot_canvas_struct * C = canvas;
    (void) err;
    fprintf(fp, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
            "width=\"%.2fpt\" height=\"%.2fpt\" viewBox=\"0 0 %.2f %.2f\">\n", C->width, C->height, C->width, C->height);
    fprintf(fp, "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n");
    fprintf(fp, "<g stroke-linejoin=\"round\" font-family=\"DejaVu Sans\">\n");
    for (slong i = 0; i < C->n; i++)
    {
        const plot_op * op = C->ops + i;
        if (op->kind == PLOT_OP_TEXT)
        {
            fprintf(fp, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" text-anchor=\"%s\"", op->xy[0], op->xy[1],
                    op->size, op->align < 0 ? "start" : op->align > 0 ? "end" : "middle");
            if (op->vertical)
                fprintf(fp, " transform=\"rotate(-90 %.2f %.2f)\"", op->xy[0], op->xy[1]);
            fputc('>', fp);
            _svg_escaped(fp, op->text);
            fputs("</text>\n", fp);
            continue;
        }
        if (op->kind == PLOT_OP_DOT)
            fprintf(fp, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\"", op->xy[0], op->xy[1], op->width);
        else
        {
            fprintf(fp, "<%s points=\"", op->closed ? "polygon" : "polyline");
            for (slong k = 0; k < op->n; k++)
                fprintf(fp, "%s%.2f,%.2f", k ? " " : "", op->xy[2 * k], op->xy[2 * k + 1]);
            fputc('"', fp);
        }
        if (op->filled) _svg_rgb(fp, "fill", op->fill); else fputs(" fill=\"none\"", fp);
        if (op->stroked)
        {
            _svg_rgb(fp, "stroke", op->line);
            fprintf(fp, " stroke-width=\"%.2f\"", op->kind == PLOT_OP_DOT ? 0.8 : op->width);
        }
        fputs("/>\n", fp);
    }
    fputs("</g>\n</svg>\n", fp);
    return RELU_OK;
}

/* TeX's special characters, and the few non-ASCII signs the figures use */
static void
_tex_escaped(FILE * fp, const char * s)
{
    for (; *s; s++)
    {
        if (!strncmp(s, "\xe2\x89\x88", 3)) { fputs("$\\approx$", fp); s += 2; }
        else if (!strncmp(s, "\xe2\x88\x92", 3)) { fputs("$-$", fp); s += 2; }
        else if (*s == '-' && s[1] >= '0' && s[1] <= '9') fputs("$-$", fp);
        else if (strchr("#$%&_{}", *s)) fprintf(fp, "\\%c", *s);
        else if (*s == '\\') fputs("\\textbackslash{}", fp);
        else if (*s == '^' || *s == '~') fprintf(fp, "\\%c{}", *s);
        else fputc(*s, fp);
    }
}

static void
_tikz_colour(FILE * fp, const char * name, const double * c)
{
    fprintf(fp, "\\definecolor{%s}{rgb}{%.4f,%.4f,%.4f}", name, c[0], c[1], c[2]);
}

static void
_tikz_op(FILE * fp, const plot_op * op, double H)
{
    if (op->kind == PLOT_OP_TEXT)
    {
        fprintf(fp, "\\node[inner sep=0pt,anchor=%s,font=\\fontsize{%.1f}{%.1f}\\selectfont%s] at (%.2f,%.2f) {",
                op->align < 0 ? "base west" : op->align > 0 ? "base east" : "base", op->size, 1.2 * op->size,
                op->vertical ? ",rotate=90" : "", op->xy[0], H - op->xy[1]);
        _tex_escaped(fp, op->text);
        fputs("};\n", fp);
        return;
    }
    if (op->filled) _tikz_colour(fp, "rcf", op->fill);
    if (op->stroked) _tikz_colour(fp, "rcl", op->line);
    fprintf(fp, "\\path[%s%s", op->filled ? "fill=rcf" : "", op->filled && op->stroked ? "," : "");
    if (op->stroked)
        fprintf(fp, "draw=rcl,line width=%.2fbp", op->kind == PLOT_OP_DOT ? 0.8 : op->width);
    fputs("] ", fp);
    if (op->kind == PLOT_OP_DOT)
        fprintf(fp, "(%.2f,%.2f) circle[radius=%.2f]", op->xy[0], H - op->xy[1], op->width);
    else
        for (slong k = 0; k < op->n; k++)
            fprintf(fp, "%s(%.2f,%.2f)", k ? " -- " : "", op->xy[2 * k], H - op->xy[2 * k + 1]);
    fputs(op->closed ? " -- cycle;\n" : ";\n", fp);
}

/* A tikzpicture in big points. Alone, the file is a document of exactly the
   figure's size (pdflatex FILE.tex); \input inside a document that loads tikz,
   it is just the picture. */
int
plot_render_tikz(FILE * fp, void * canvas, rc_error_t err)
{
    const plot_canvas_struct * C = canvas;
    (void) err;
    fputs("% relucert plot: \\input this file in a document with \\usepackage{tikz}, or run pdflatex on it\n", fp);
    fputs("\\expandafter\\ifx\\csname tikzpicture\\endcsname\\relax\\def\\relucertalone{}\\fi\n", fp);
    fprintf(fp, "\\ifdefined\\relucertalone\\documentclass{article}\\usepackage{tikz}\\pagestyle{empty}"
            "\\paperwidth=%.2fbp\\paperheight=%.2fbp\\pdfpagewidth=\\paperwidth\\pdfpageheight=\\paperheight\\hoffset=-1in\\voffset=-1in\\oddsidemargin=0pt"
            "\\topmargin=0pt\\headheight=0pt\\headsep=0pt\\parindent=0pt\\textwidth=%.2fbp\\textheight=%.2fbp"
            "\\begin{document}\\fi\n", C->width, C->height, C->width + 10, C->height + 10);
    fprintf(fp, "\\begin{tikzpicture}[x=1bp,y=1bp,line join=round]\n");
    fprintf(fp, "\\useasboundingbox (0,0) rectangle (%.2f,%.2f);\n", C->width, C->height);
    for (slong i = 0; i < C->n; i++)
        _tikz_op(fp, C->ops + i, C->height);
    fputs("\\end{tikzpicture}\n\\ifdefined\\relucertalone\\end{document}\\fi\n", fp);
    return RELU_OK;
}

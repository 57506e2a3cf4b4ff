/* relucert faces: the face lattice of a polyhedron (or of one activation
   region of a network: levelset_region_faces, src/levelset/region.c), as one
   result with one JSON and one text writer. */
#include <string.h>
#include "polytope/report.h"

void
polytope_faces_init(polytope_faces_t S)
{
    polytope_init(S->Q, 0);
    polytope_lattice_init(S->F);
    S->pattern = S->source = NULL;
    S->region = -1;
}

void
polytope_faces_clear(polytope_faces_t S)
{
    polytope_lattice_clear(S->F);
    polytope_clear(S->Q);
}

void
polytope_faces_compute(polytope_faces_t S, polytope_t Q)
{
    polytope_swap(S->Q, Q);
    polytope_lattice_compute(S->F, S->Q);
}

void
polytope_faces_write_json(jout_t out, const polytope_faces_t S)
{
    jout_begin_object(out);
    if (S->pattern)
    {
        jout_key(out, "pattern");
        jout_string(out, S->pattern);
        jout_key(out, "region");
        jout_int(out, S->region);
    }
    polytope_write_json(out, S->Q);
    polytope_write_type_json(out, "type", S->Q);
    polytope_lattice_write_json(out, S->Q, S->F);
    jout_end_object(out);
}

/* "{0,2,5}": the members of bit set s in [from, to), shifted down by from */
static void
_write_set(FILE * fp, const char * label, const bword * s, slong from, slong to)
{
    int first = 1;
    fprintf(fp, "%s{", label);
    for (slong g = from; g < to; g++)
        if (bs_test(s, g))
            fprintf(fp, "%s%ld", first ? "" : ",", (long) (g - from)), first = 0;
    fputc('}', fp);
}

void
polytope_faces_write_text(FILE * fp, const polytope_faces_t S)
{
    const polytope_struct * Q = S->Q;
    const polytope_lattice_struct * F = S->F;
    if (S->pattern)
        fprintf(fp, "region %ld of %s, pattern %s\n", (long) S->region, S->source, S->pattern);
    polytope_write_text(fp, Q);
    fprintf(fp, "faces (%ld, the empty face included):\n", (long) F->num);
    for (slong i = 0; i < F->num; i++)
    {
        fprintf(fp, "  %ld: dim %ld", (long) i, (long) F->dim[i]);
        _write_set(fp, "  vertices ", polytope_lattice_gens(F, i), 0, Q->nv);
        if (Q->nr)
            _write_set(fp, "  rays ", polytope_lattice_gens(F, i), Q->nv, Q->nv + Q->nr);
        _write_set(fp, "  facets ", polytope_lattice_facets(F, i), 0, F->nf);
        fputs("  covers {", fp);
        for (slong p = F->down_start[i]; p < F->down_start[i + 1]; p++)
            fprintf(fp, "%s%ld", p > F->down_start[i] ? "," : "", (long) F->down[p]);
        fputs("}\n", fp);
    }
    fmpz_t flags;
    fmpz_init(flags);
    polytope_lattice_flags(flags, F);
    char * s = fmpz_get_str(NULL, 10, flags);
    fprintf(fp, "covering relations: %ld\ncomplete flags: %s\n", (long) F->down_start[F->num], s);
    flint_free(s);
    fmpz_clear(flags);
}

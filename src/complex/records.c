/* Region records as text lines (regions --list without --json), from a region
   or from a record read back from a parallel worker. */
#include "complex/summary.h"

void
complex_region_text(FILE * fp, const region_struct * R, slong index)
{
    char * pat = flint_malloc(R->N + 1);
    region_pattern_str(pat, R);
    fprintf(fp, "  region %ld  pattern %s  facets %ld  vertices %ld  %s\n", (long) index, pat,
            (long) poly_num_facets(R->P), (long) poly_num_vertices(R->P),
            poly_is_bounded(R->P) ? "bounded" : "unbounded");
    flint_free(pat);
}

void
complex_region_text_of_record(FILE * fp, const jnode * rec, slong index)
{
    const jnode * pat = jnode_get(rec, "pattern"), * fa = jnode_get(rec, "facets"),
                * ve = jnode_get(rec, "vertices"), * bo = jnode_get(rec, "bounded");
    fprintf(fp, "  region %ld  pattern %s  facets %s  vertices %ld  %s\n", (long) index, pat->text, fa->text,
            (long) ve->nitems, bo->type == JNODE_TRUE ? "bounded" : "unbounded");
}

/* relucert sphere-fit as one result with one JSON and one text writer
   (spherefit.h). */
#include <string.h>
#include "train/spherefit.h"
#include "num/num.h"
#include "util/file.h"

void
train_spherefit_init(train_spherefit_t S)
{
    memset(&S->p, 0, sizeof(S->p));
    S->loss = 0;
    net_init(S->net);
    fmpq_init(S->T);
    levelset_init(S->L);
    S->have_poly = 0;
    S->note = NULL;
    S->simple = S->simplicial = S->dual_simple = S->dual_simplicial = 0;
    fmpq_init(S->r2min);
    fmpq_init(S->r2max);
    polytope_polar_report_init(S->polar);
    S->applies = 0;
    S->reason[0] = '\0';
    polytope_init(S->Z, 0);
    S->zv = S->zf = NULL;
    S->zk = 0;
    S->zgens = NULL;
    fmpq_init(S->slope);
    S->graph = NULL;
    S->have_float = 0;
    train_float_levelset_init(&S->FL);
}

void
train_spherefit_clear(train_spherefit_t S)
{
    if (S->zgens)
        _fmpq_vec_clear(S->zgens, S->zk * S->p.dim);
    flint_free(S->zv);
    flint_free(S->zf);
    polytope_clear(S->Z);
    polytope_polar_report_clear(S->polar);
    fmpq_clear(S->r2min);
    fmpq_clear(S->r2max);
    levelset_clear(S->L);
    fmpq_clear(S->T);
    net_clear(S->net);
    fmpq_clear(S->slope);
    jnode_free(S->graph);
    if (S->have_float)
        train_net_clear(S->F);
    train_float_levelset_clear(&S->FL);
}

/* --convex keeps N convex only for convex nondecreasing units (and for abs in
   one hidden layer: a nonnegative combination of |w_i . x|) */
static int
_check_params(const train_spherefit_params * p, const fmpq_t slope, rc_error_t err)
{
    int monotone = p->act == TRAIN_ACT_RELU || p->act == TRAIN_ACT_SOFTPLUS
                   || (p->act == TRAIN_ACT_LEAKY && fmpq_sgn(slope) >= 0 && fmpq_cmp_si(slope, 1) <= 0);
    if (p->convex && !monotone && !(p->act == TRAIN_ACT_ABS && p->layers == 1))
        return rc_error_set(err, RELU_E_INPUT, "--convex: %s units do not keep N convex (relu, leaky with slope in "
                            "[0, 1], softplus, and abs with one hidden layer do)", train_act_name(p->act));
    if (!train_act_is_pl(p->act) && p->dim != 2)
        return rc_error_set(err, RELU_E_INPUT, "a smooth activation (%s) has no exact level set; its float level "
                            "set is sampled in 2 dimensions only (--dim 2)", train_act_name(p->act));
    return RELU_OK;
}

int
train_spherefit_fit(train_spherefit_t S, const train_spherefit_params * p, const fmpq_t slope, rc_error_t err)
{
    if (_check_params(p, slope, err))
        return err->code;
    S->p = *p;
    fmpq_set(S->slope, slope);
    slong * widths = flint_malloc(p->layers * sizeof(slong));
    for (slong j = 0; j < p->layers; j++)
        widths[j] = p->units;
    train_regdata_t D;
    train_sphere_data(D, p->dim, p->samples, p->seed);
    /* hardtanh, sigmoid and tanh are odd up to a constant: without first-layer biases N - c0 would be
       odd and could not fit |x| */
    int odd = p->act == TRAIN_ACT_HARDTANH || p->act == TRAIN_ACT_SIGMOID || p->act == TRAIN_ACT_TANH;
    train_net_init_dim(S->F, p->dim, p->layers, widths, p->seed, odd);
    S->have_float = 1;
    S->F->act = p->act;
    S->F->slope = fmpq_get_d(slope);
    S->loss = train_net_fit_mse(S->F, D, p->epochs, p->lr, (p->convex ? TRAIN_CONVEX : 0) | (odd ? TRAIN_FIRST_BIAS : 0));
    int status = RELU_OK;
    if (p->act == TRAIN_ACT_RELU)
        train_net_rationalise(S->net, S->F, p->max_den);
    else if (train_act_is_pl(p->act))
        status = train_net_rationalise_graph(&S->graph, S->net, S->F, slope, p->max_den, err);
    if (train_act_is_pl(p->act))    /* the exact network is all that is analysed */
    {
        train_net_clear(S->F);
        S->have_float = 0;
    }
    train_regdata_clear(D);
    flint_free(widths);
    return status;
}

/* the polytope {N <= T}, its type data and its polar (S->have_poly) */
static int
_spherefit_polytope(train_spherefit_t S, rc_error_t err)
{
    const polytope_struct * H = S->L->hull;
    int status = polytope_verify_cdd(H, err);
    if (status == RELU_OK)
        status = polytope_polar_report_compute(S->polar, H, NULL, 1, "center", err);
    if (status != RELU_OK)
        return status;
    polytope_incidence_flags(&S->simple, &S->simplicial, H);
    polytope_incidence_flags(&S->dual_simple, &S->dual_simplicial, S->polar->R->dual);
    polytope_radius2_range(S->r2min, S->r2max, H);
    return RELU_OK;
}

int
train_spherefit_analyse(train_spherefit_t S, const fmpq_t T, rc_error_t err)
{
    slong dim = S->p.dim;
    const levelset_struct * L = S->L;
    fmpq_set(S->T, T);
    if (!train_act_is_pl(S->p.act))     /* smooth: the float level set on [-2, 2]^2 (the data's radius) */
    {
        train_float_levelset_compute(&S->FL, S->F, fmpq_get_d(T), 200, 2.0);
        return RELU_OK;
    }
    poly_t domain;
    poly_init(domain, dim);
    poly_set_whole(domain);
    int status = levelset_compute(S->L, S->net, 0, T, LEVELSET_SUB, domain, err);
    poly_clear(domain);
    if (status != RELU_OK)
        return status;
    S->have_poly = !L->empty && L->convex && L->hull->dim == dim && polytope_is_bounded(L->hull);
    if (!S->have_poly)
        S->note = L->empty ? "the set is empty" : !L->convex ? "the set is not convex" :
                  L->hull->dim < dim ? "the set is not full-dimensional" : "the set is unbounded";
    else
        status = _spherefit_polytope(S, err);
    /* one hidden layer of relu units: the zonotope duality, computed independently */
    if (status == RELU_OK && S->p.layers == 1 && S->p.act != TRAIN_ACT_RELU)
        snprintf(S->reason, sizeof(S->reason), "it is stated for relu units, not %s", train_act_name(S->p.act));
    else if (status == RELU_OK && S->p.layers == 1)
        status = levelset_zonotope_duality(&S->applies, S->reason, sizeof(S->reason), S->Z, &S->zv, &S->zf,
                                           S->net, 0, T, S->L, err);
    if (status == RELU_OK && S->applies)
        status = polytope_verify_cdd(S->Z, err);
    if (status == RELU_OK && S->applies)
        S->zk = polytope_zonotope_generators(&S->zgens, S->Z);
    return status;
}

int
train_spherefit_compute(train_spherefit_t S, const train_spherefit_params * p, const fmpq_t slope, const fmpq_t T,
                        rc_error_t err)
{
    if (train_spherefit_fit(S, p, slope, err))
        return err->code;
    return train_spherefit_analyse(S, T, err);
}

static void
_write_fvec(jout_t out, const polytope_t Q)
{
    slong * f = flint_malloc((Q->dim + 1) * sizeof(slong));
    polytope_fvector(f, Q);
    jout_begin_array(out);
    for (slong k = 0; k <= Q->dim; k++)
        jout_int(out, f[k]);
    jout_end_array(out);
    flint_free(f);
}

static void
_write_polytopes_json(jout_t out, const train_spherefit_t S)
{
    const polytope_struct * H = S->L->hull, * D = S->polar->R->dual;
    jout_key(out, "polytope");
    jout_begin_object(out);
    jout_key(out, "fvector"); _write_fvec(out, H);
    polytope_write_type_json(out, "type", H);
    jout_key(out, "simple"); jout_bool(out, S->simple);
    jout_key(out, "simplicial"); jout_bool(out, S->simplicial);
    jout_key(out, "vertices"); jout_int(out, H->nv);
    jout_key(out, "facets"); jout_int(out, H->m);
    jout_key(out, "radius2_min"); jout_fmpq_str(out, S->r2min);
    jout_key(out, "radius2_max"); jout_fmpq_str(out, S->r2max);
    jout_key(out, "verified"); jout_bool(out, 1);
    jout_end_object(out);
    jout_key(out, "polar");
    jout_begin_object(out);
    jout_key(out, "center"); jout_fmpq_vec(out, S->polar->center, S->p.dim);
    jout_key(out, "center_source"); jout_string(out, S->polar->source);
    jout_key(out, "fvector"); _write_fvec(out, D);
    polytope_write_type_json(out, "type", D);
    jout_key(out, "simple"); jout_bool(out, S->dual_simple);
    jout_key(out, "simplicial"); jout_bool(out, S->dual_simplicial);
    jout_key(out, "verified"); jout_bool(out, 1);
    jout_end_object(out);
}

/* a smooth activation: the float network and its float level set, nothing exact */
static void
_write_smooth_json(jout_t out, const train_spherefit_t S)
{
    const train_net_struct * F = S->F;
    char buf[64];
    jout_key(out, "float_network");
    jout_begin_object(out);
    jout_key(out, "activation"); jout_string(out, train_act_name(F->act));
    jout_key(out, "layers");
    jout_begin_array(out);
    for (slong j = 0; j < F->nlayers; j++)
    {
        slong r = F->widths[j + 1], c = F->widths[j];
        jout_begin_object(out);
        jout_key(out, "weights");
        jout_begin_array(out);
        for (slong i = 0; i < r; i++)
        {
            jout_begin_array(out);
            for (slong k = 0; k < c; k++)
            {
                snprintf(buf, sizeof(buf), "%.17g", F->W[j][i * c + k]);
                jout_string(out, buf);
            }
            jout_end_array(out);
        }
        jout_end_array(out);
        jout_key(out, "biases");
        jout_begin_array(out);
        for (slong i = 0; i < r; i++)
        {
            snprintf(buf, sizeof(buf), "%.17g", F->b[j][i]);
            jout_string(out, buf);
        }
        jout_end_array(out);
        jout_end_object(out);
    }
    jout_end_array(out);
    jout_end_object(out);
    jout_key(out, "threshold"); jout_fmpq_str(out, S->T);
    jout_key(out, "exact"); jout_bool(out, 0);
    jout_key(out, "float_levelset"); train_float_levelset_write_json(out, &S->FL);
}

void
train_spherefit_write_json(jout_t out, const train_spherefit_t S)
{
    const train_spherefit_params * p = &S->p;
    const levelset_struct * L = S->L;
    char fbuf[64];
    jout_begin_object(out);
    jout_key(out, "dim"); jout_int(out, p->dim);
    jout_key(out, "units"); jout_int(out, p->units);
    jout_key(out, "layers"); jout_int(out, p->layers);
    jout_key(out, "seed"); jout_int(out, (long) p->seed);
    jout_key(out, "convex_training"); jout_bool(out, p->convex);
    jout_key(out, "samples"); jout_int(out, p->samples);
    jout_key(out, "epochs"); jout_int(out, p->epochs);
    snprintf(fbuf, sizeof(fbuf), "%.6g", p->lr);
    jout_key(out, "lr"); jout_string(out, fbuf);
    jout_key(out, "max_denominator"); jout_int(out, p->max_den);
    snprintf(fbuf, sizeof(fbuf), "%.6e", S->loss);
    jout_key(out, "loss"); jout_string(out, fbuf);
    if (p->act != TRAIN_ACT_RELU)
    {
        jout_key(out, "activation"); jout_string(out, train_act_name(p->act));
    }
    if (p->act == TRAIN_ACT_LEAKY)
    {
        jout_key(out, "slope"); jout_fmpq_str(out, S->slope);
    }
    jout_key(out, "network");
    if (!train_act_is_pl(p->act))
    {
        jout_null(out);
        _write_smooth_json(out, S);
        jout_end_object(out);
        return;
    }
    S->graph != NULL ? jout_node(out, S->graph) : net_write_jout(out, S->net);
    jout_key(out, "threshold"); jout_fmpq_str(out, S->T);
    jout_key(out, "regions"); jout_int(out, L->regions);
    jout_key(out, "pieces"); jout_int(out, L->num);
    jout_key(out, "empty"); jout_bool(out, L->empty);
    jout_key(out, "convex"); jout_bool(out, L->convex);
    jout_key(out, "bounded"); jout_bool(out, L->empty || polytope_is_bounded(L->hull));
    if (S->have_poly)
        _write_polytopes_json(out, S);
    else
    {
        jout_key(out, "polytope"); jout_null(out);
        jout_key(out, "polar"); jout_null(out);
    }
    if (p->layers == 1)
    {
        jout_key(out, "zonotope");
        jout_begin_object(out);
        jout_key(out, "applies"); jout_bool(out, S->applies);
        if (!S->applies)
        {
            jout_key(out, "reason"); jout_string(out, S->reason);
        }
        else
        {
            jout_key(out, "generators");
            if (S->zk > 0) jout_int(out, S->zk); else jout_null(out);
            jout_key(out, "verified"); jout_bool(out, 1);
        }
        jout_end_object(out);
    }
    if (S->note)
    {
        jout_key(out, "note"); jout_string(out, S->note);
    }
    jout_end_object(out);
}

/* "f-vector (8,8,1), type octagon, simple, simplicial" */
static void
_write_polytope_text(FILE * fp, const polytope_t Q, int simple, int simplicial)
{
    char buf[128];
    const char * t = polytope_type_name(buf, sizeof(buf), Q);
    slong * f = flint_malloc((Q->dim + 1) * sizeof(slong));
    polytope_fvector(f, Q);
    fputs("f-vector ", fp);
    for (slong k = 0; k <= Q->dim; k++)
        fprintf(fp, "%s%ld", k ? "," : "(", (long) f[k]);
    fprintf(fp, "), type %s%s%s", t ? t : "(not a named type)", simple ? ", simple" : "", simplicial ? ", simplicial" : "");
    flint_free(f);
}

void
train_spherefit_write_text(FILE * fp, const train_spherefit_t S)
{
    const train_spherefit_params * p = &S->p;
    char * ts = num_get_str(S->T);
    char act[96] = "";
    if (p->act != TRAIN_ACT_RELU)
    {
        char * a = num_get_str(S->slope);
        snprintf(act, sizeof(act), " %s%s%s", train_act_name(p->act), p->act == TRAIN_ACT_LEAKY ? " (slope " : "",
                 p->act == TRAIN_ACT_LEAKY ? a : "");
        if (p->act == TRAIN_ACT_LEAKY)
            strncat(act, ")", sizeof(act) - strlen(act) - 1);
        flint_free(a);
    }
    fprintf(fp, "sphere-fit: D = %ld, %ld hidden layer%s of %ld%s units, seed %lu: float MSE %.4e after %ld %sAdam steps\n",
            (long) p->dim, (long) p->layers, p->layers == 1 ? "" : "s", (long) p->units, act, (unsigned long) p->seed,
            S->loss, (long) p->epochs, p->convex ? "projected " : "");
    if (!train_act_is_pl(p->act))
    {
        const train_float_levelset * F = &S->FL;
        fprintf(fp, "%s units are smooth: nothing below is exact. FLOATING POINT: {N <= %s} sampled on %ldx%ld "
                "points of [-%g, %g]^2:\n  area %.4g, boundary radius %.4g..%.4g (%ld marching-squares segments)%s\n",
                train_act_name(p->act), ts, (long) F->grid, (long) F->grid, F->box, F->box, F->area, F->rmin, F->rmax,
                (long) F->nseg, F->touches ? "; it reaches the sampled box (may be unbounded)" : "");
        flint_free(ts);
        return;
    }
    fprintf(fp, "weights rationalised with denominators <= %ld; {N <= %s} over R^%ld: %ld regions, %ld pieces\n",
            (long) p->max_den, ts, (long) p->dim, (long) S->L->regions, (long) S->L->num);
    flint_free(ts);
    if (!S->have_poly)
        fprintf(fp, "no polytope: %s\n", S->note);
    else
    {
        char lo[64], hi[64];
        num_get_decimal(lo, sizeof(lo), S->r2min, 4);
        num_get_decimal(hi, sizeof(hi), S->r2max, 4);
        fputs("polytope: ", fp);
        _write_polytope_text(fp, S->L->hull, S->simple, S->simplicial);
        fprintf(fp, "; |v|^2 in [%s..., %s...]\n", lo, hi);
        fprintf(fp, "polar dual (about the %s): ", S->polar->source);
        _write_polytope_text(fp, S->polar->R->dual, S->dual_simple, S->dual_simplicial);
        fputs("; face lattices anti-isomorphic (verified)\n", fp);
    }
    if (p->layers != 1)
        return;
    if (S->applies && S->zk > 0)
        fprintf(fp, "zonotope duality verified: {N <= T} is the polar of a zonotope with %ld generator%s\n",
                (long) S->zk, S->zk == 1 ? "" : "s");
    else if (S->applies)
        fputs("zonotope duality verified: {N <= T} is the polar of a zonotope (its generators\n"
              "  were not recognised: more than 12 classes)\n", fp);
    else
        fprintf(fp, "zonotope duality does not apply: %s\n", S->reason);
}

static int
_graph_write_fp(FILE * fp, void * graph, rc_error_t err)
{
    jout_t out;
    jout_init(out, fp, 0, 0);
    jout_node(out, graph);
    jout_clear(out);
    return RELU_OK;
}

int
train_spherefit_write_network(const char * path, const train_spherefit_t S, rc_error_t err)
{
    if (!train_act_is_pl(S->p.act))
        return rc_error_set(err, RELU_E_INPUT, "%s: a smooth activation (%s) has no exact network to write", path,
                            train_act_name(S->p.act));
    if (S->graph != NULL)
        return util_file_write(path, _graph_write_fp, S->graph, err);
    return net_write_file(path, S->net, err);
}

/* Memory, set-up and queries of polyhedra in double description. */
#include <flint/fmpz_vec.h>
#include <flint/ulong_extras.h>
#include "poly/poly.h"
#include "poly/poly-impl.h"

/* Grows an array of rows of d fmpz to hold num rows (new entries initialised). */
static void
_fit_rows(fmpz ** rows, slong * alloc, slong num, slong d)
{
    if (num > *alloc)
    {
        slong a = FLINT_MAX(num, 2 * *alloc);
        *rows = flint_realloc(*rows, a * d * sizeof(fmpz));
        for (slong k = *alloc * d; k < a * d; k++)
            fmpz_init(*rows + k);
        *alloc = a;
    }
}

static void
poly_fit_gens(poly_t P, slong num)
{
    if (num > P->alloc_gens)
    {
        _fit_rows(&P->gens, &P->alloc_gens, num, P->n + 1);
        P->inc = flint_realloc(P->inc, P->alloc_gens * P->cw * sizeof(bword));
    }
}

static void
poly_fit_cons(poly_t P, slong num)
{
    if (num > P->alloc_cons)
    {
        _fit_rows(&P->cons, &P->alloc_cons, num, P->n + 1);
        P->src = flint_realloc(P->src, P->alloc_cons * sizeof(slong));
    }
}

/* Resizes storage for given counts; incidence rows get cw = BS_WORDS(ncons). */
void
_poly_reshape(poly_t P, slong ngens, slong nlin, slong ncons)
{
    slong cw = BS_WORDS(ncons);
    if (cw != P->cw)
    {
        P->cw = cw;
        P->inc = flint_realloc(P->inc, FLINT_MAX(P->alloc_gens, 1) * cw * sizeof(bword));
    }
    poly_fit_gens(P, ngens);
    _fit_rows(&P->lin, &P->alloc_lin, nlin, P->n + 1);
    poly_fit_cons(P, ncons);
    P->ngens = ngens;
    P->nlin = nlin;
    P->ncons = ncons;
}

void
poly_init(poly_t P, slong n)
{
    P->n = n;
    P->gens = NULL; P->lin = NULL; P->cons = NULL; P->src = NULL; P->inc = NULL;
    P->alloc_gens = P->alloc_lin = P->alloc_cons = 0;
    P->ngens = P->nlin = P->ncons = 0;
    P->cw = 0;
    poly_set_whole(P);
}

void
poly_clear(poly_t P)
{
    slong d = P->n + 1;
    _fmpz_vec_clear(P->gens, P->alloc_gens * d);
    _fmpz_vec_clear(P->lin, P->alloc_lin * d);
    _fmpz_vec_clear(P->cons, P->alloc_cons * d);
    flint_free(P->src);
    flint_free(P->inc);
}

void
poly_set(poly_t P, const poly_t Q)
{
    slong d = Q->n + 1;
    if (P == Q)
        return;
    if (P->n != Q->n)
    {
        poly_clear(P);
        poly_init(P, Q->n);
    }
    _poly_reshape(P, Q->ngens, Q->nlin, Q->ncons);
    _fmpz_vec_set(P->gens, Q->gens, Q->ngens * d);
    _fmpz_vec_set(P->lin, Q->lin, Q->nlin * d);
    _fmpz_vec_set(P->cons, Q->cons, Q->ncons * d);
    for (slong j = 0; j < Q->ncons; j++)
        P->src[j] = Q->src[j];
    bs_copy(P->inc, Q->inc, Q->ngens * Q->cw);
}

void
poly_swap(poly_t P, poly_t Q)
{
    poly_struct t = *P;
    *P = *Q;
    *Q = t;
}

/* R^n: lineality = all of the x-space, one generator (1, 0), the far constraint. */
void
poly_set_whole(poly_t P)
{
    slong n = P->n, d = n + 1;
    if (n > POLY_MAX_DIM)
    {
        /* (n + 1)^2 numbers would not fit: nothing is allocated and poly_domain_set
           refuses P; P is the empty set meanwhile (no generators) */
        P->ngens = P->nlin = P->ncons = 0;
        return;
    }
    _poly_reshape(P, 1, n, 1);
    _fmpz_vec_zero(P->gens, d);
    fmpz_one(P->gens);
    _fmpz_vec_zero(P->lin, n * d);
    for (slong i = 0; i < n; i++)
        fmpz_one(P->lin + i * d + 1 + i);
    _fmpz_vec_zero(P->cons, d);
    fmpz_one(P->cons);
    P->src[0] = POLY_SRC_FAR;
    bs_zero(P->inc, P->cw);
}

slong
poly_num_vertices(const poly_t P)
{
    slong c = 0;
    for (slong i = 0; i < P->ngens; i++)
        c += poly_gen_is_vertex(P, i);
    return c;
}

slong
poly_num_rays(const poly_t P)
{
    return P->ngens - poly_num_vertices(P);
}

int
poly_is_bounded(const poly_t P)
{
    return P->nlin == 0 && poly_num_rays(P) == 0;
}

int
poly_is_relatively_bounded(const poly_t P)
{
    return poly_num_rays(P) == 0;
}

void
poly_interior_point_homog(fmpz * v, const poly_t P)
{
    /* sum_v (1/nv) v + sum_r r, homogeneous: v_i = (t_i, x_i) scaled to a
       common t = T: point = (1/nv) sum x_i/t_i + sum r. Multiply through by
       nv * lcm(t_i). */
    slong d = P->n + 1, nv = poly_num_vertices(P);
    fmpz_t T, s;
    fmpz_init_set_ui(T, 1);
    fmpz_init(s);
    for (slong i = 0; i < P->ngens; i++)
        if (poly_gen_is_vertex(P, i))
            fmpz_lcm(T, T, poly_gen(P, i));
    _fmpz_vec_zero(v, d);
    for (slong i = 0; i < P->ngens; i++)
    {
        const fmpz * g = poly_gen(P, i);
        if (poly_gen_is_vertex(P, i))
        {
            fmpz_divexact(s, T, g);              /* T / t_i */
            for (slong k = 1; k < d; k++)
                fmpz_addmul(v + k, s, g + k);
        }
        else
        {
            fmpz_mul_si(s, T, nv);
            for (slong k = 1; k < d; k++)
                fmpz_addmul(v + k, s, g + k);
        }
    }
    fmpz_mul_si(v, T, nv);
    poly_vec_make_primitive(v, d);
    fmpz_clear(T);
    fmpz_clear(s);
}

void
poly_interior_point(fmpq * x, const poly_t P)
{
    slong d = P->n + 1;
    fmpz * v = _fmpz_vec_init(d);
    poly_interior_point_homog(v, P);
    for (slong k = 1; k < d; k++)
        fmpq_set_fmpz_frac(x + k - 1, v + k, v);
    _fmpz_vec_clear(v, d);
}

void
poly_gen_get_fmpq(fmpq * x, const poly_t P, slong i)
{
    const fmpz * g = poly_gen(P, i);
    for (slong k = 1; k <= P->n; k++)
    {
        if (fmpz_is_zero(g))
        {
            fmpz_set(fmpq_numref(x + k - 1), g + k);
            fmpz_one(fmpq_denref(x + k - 1));
        }
        else
            fmpq_set_fmpz_frac(x + k - 1, g + k, g);
    }
}

/* ---- integer vectors ----------------------------------------------------- */
void
_poly_vec_dot_big(fmpz_t r, const fmpz * u, const fmpz * v, slong len)
{
    fmpz_mul(r, u, v);
    for (slong k = 1; k < len; k++)
        fmpz_addmul(r, u + k, v + k);
}

/* gcd of two nonzero words (binary: no division, no library call) */
static inline ulong
_word_gcd(ulong a, ulong b)
{
    int s = __builtin_ctzll(a | b);
    a >>= __builtin_ctzll(a);
    do
    {
        b >>= __builtin_ctzll(b);
        if (a > b)
        {
            ulong t = a;
            a = b;
            b = t;
        }
        b -= a;
    }
    while (b != 0);
    return a << s;
}

void
poly_vec_combine(fmpz * o, const fmpz * a, const fmpz_t x, const fmpz * b, const fmpz_t y, slong len)
{
    /* Fast path, exact: all inline (|.| < 2^62), the two products and their
       difference in 128 bits, kept when the result fits inline again. */
    if (!COEFF_IS_MPZ(*x) && !COEFF_IS_MPZ(*y))
    {
        slong k;
        for (k = 0; k < len; k++)
        {
            if (COEFF_IS_MPZ(a[k]) || COEFF_IS_MPZ(b[k]))
                break;
            __int128 r = (__int128) a[k] * *x - (__int128) b[k] * *y;
            if (r > COEFF_MAX || r < COEFF_MIN)
                break;
            _fmpz_demote(o + k);
            o[k] = (slong) r;
        }
        if (k == len)
            return;
    }
    /* o may share no entry with a or b */
    _fmpz_vec_scalar_mul_fmpz(o, a, len, x);
    _fmpz_vec_scalar_submul_fmpz(o, b, len, y);
}

/* |r| of a 128-bit value, unsigned (r > -2^127 here: |products| < 2^124) */
static inline unsigned __int128
_abs128(__int128 r)
{
    return r < 0 ? (unsigned __int128) -r : (unsigned __int128) r;
}

/* n = q d + rem for a 128-bit n and a nonzero word d, by two word divisions
   (x86-64's divq: libgcc's 128-bit division is a general loop) */
static inline unsigned __int128
_udivrem128(ulong * rem, unsigned __int128 n, ulong d)
{
    ulong hi = (ulong) (n >> 64), lo = (ulong) n, q1 = hi / d, r1 = hi % d, q0;
#if defined(__x86_64__)
    __asm__ ("divq %4" : "=a" (q0), "=d" (*rem) : "0" (lo), "1" (r1), "rm" (d));
#else
    unsigned __int128 m = ((unsigned __int128) r1 << 64) | lo;
    q0 = (ulong) (m / d);
    *rem = (ulong) (m % d);
#endif
    return ((unsigned __int128) q1 << 64) | q0;
}

/* gcd of two nonzero 128-bit values: Euclid's remainders (libgcc's 128-bit
   modulo) until both fit a word, then the binary gcd of words */
static unsigned __int128
_gcd128(unsigned __int128 a, unsigned __int128 b)
{
    while ((a >> 64) != 0 || (b >> 64) != 0)
    {
        unsigned __int128 t = a % b;
        if (t == 0)
            return b;
        a = b;
        b = t;
    }
    return _word_gcd((ulong) a, (ulong) b);
}

/* q = |r| / g for g dividing r: two word divisions when g fits a word */
static inline unsigned __int128
_divexact128(unsigned __int128 r, unsigned __int128 g)
{
    ulong m;
    if ((g >> 64) == 0)
        return _udivrem128(&m, r, (ulong) g);
    return r / g;
}

void
poly_vec_combine_primitive(fmpz * o, const fmpz * a, const fmpz_t x, const fmpz * b, const fmpz_t y, slong len)
{
    /* Fast path, exact: all inline (|.| < 2^62), so every entry r_k = x a_k -
       y b_k is below 2^125 in 128 bits, and so is their content g (a divisor
       of the smallest nonzero |r_k|). While g fits a word every step is a
       128-by-64 remainder and a word gcd (the usual new vertex: entries of two
       words, a content of one); else 128-bit remainders (_gcd128). Anything
       else goes the generic way. */
    enum { MAXLEN = 16 };
    __int128 r[MAXLEN];
    slong k, kmin = -1;
    if (len > MAXLEN || COEFF_IS_MPZ(*x) || COEFF_IS_MPZ(*y))
        goto generic;
    for (k = 0; k < len; k++)
    {
        if (COEFF_IS_MPZ(a[k]) || COEFF_IS_MPZ(b[k]))
            goto generic;
        r[k] = (__int128) a[k] * *x - (__int128) b[k] * *y;
        if (r[k] != 0 && (kmin < 0 || _abs128(r[k]) < _abs128(r[kmin])))
            kmin = k;
    }
    if (kmin < 0)
    {
        _fmpz_vec_zero(o, len);
        return;
    }
    unsigned __int128 g = _abs128(r[kmin]);
    for (k = 0; k < len && g > 1; k++)
    {
        unsigned __int128 u = _abs128(r[k]);
        if ((g >> 64) == 0)
        {
            ulong m;
            _udivrem128(&m, u, (ulong) g);
            if (m != 0)
                g = _word_gcd((ulong) g, m);
        }
        else if (u % g != 0)
            g = _gcd128(g, u % g);
    }
    for (k = 0; k < len; k++)
    {
        __int128 q = r[k];
        if (g > 1)
        {
            unsigned __int128 u = _divexact128(_abs128(r[k]), g);
            q = r[k] < 0 ? -(__int128) u : (__int128) u;
        }
        if (q >= COEFF_MIN && q <= COEFF_MAX)
        {
            _fmpz_demote(o + k);
            o[k] = (slong) q;
        }
        else
            fmpz_set_signed_uiui(o + k, (ulong) ((unsigned __int128) q >> 64), (ulong) q);
    }
    return;
generic:
    poly_vec_combine(o, a, x, b, y, len);
    poly_vec_make_primitive(o, len);
}

int
poly_vec_combine_divexact(fmpz * o, const fmpz * a, const fmpz_t x, const fmpz * b, const fmpz_t y,
                          const fmpz_t D, slong len)
{
    /* Fast path, exact: all inline, so each r_k = x a_k - y b_k fits 128 bits
       (as in poly_vec_combine_primitive) and |D| a word: two word divisions
       per entry, their remainders checked before anything is written. */
    enum { MAXLEN = 16 };
    if (len <= MAXLEN && !COEFF_IS_MPZ(*x) && !COEFF_IS_MPZ(*y) && !COEFF_IS_MPZ(*D) && *D != 0)
    {
        __int128 r[MAXLEN];
        ulong g = (ulong) FLINT_ABS(*D), m = 0;
        slong k;
        for (k = 0; k < len; k++)
        {
            if (COEFF_IS_MPZ(a[k]) || COEFF_IS_MPZ(b[k]))
                break;
            r[k] = (__int128) a[k] * *x - (__int128) b[k] * *y;
            unsigned __int128 q = _udivrem128(&m, _abs128(r[k]), g);
            if (m != 0)
                break;
            r[k] = r[k] < 0 ? -(__int128) q : (__int128) q;
        }
        if (m != 0)
        {
            poly_vec_combine_primitive(o, a, x, b, y, len);
            return 0;
        }
        if (k == len)
        {
            for (k = 0; k < len; k++)
            {
                if (r[k] >= COEFF_MIN && r[k] <= COEFF_MAX)
                {
                    _fmpz_demote(o + k);
                    o[k] = (slong) r[k];
                }
                else
                    fmpz_set_signed_uiui(o + k, (ulong) ((unsigned __int128) r[k] >> 64), (ulong) r[k]);
            }
            return 1;
        }
    }
    /* generic: the combination o, then its quotients q by |D|, each
       remainder checked (o untouched until all divide) */
    fmpz_t ad, rem;
    fmpz_init(ad);
    fmpz_init(rem);
    fmpz_abs(ad, D);
    fmpz * q = _fmpz_vec_init(len);
    int exact = !fmpz_is_zero(ad);
    poly_vec_combine(o, a, x, b, y, len);
    for (slong k = 0; k < len && exact; k++)
        exact = _poly_fmpz_divexact_checked(q + k, o + k, ad, rem);
    if (exact)
        _fmpz_vec_swap(o, q, len);
    else
        poly_vec_make_primitive(o, len);
    _fmpz_vec_clear(q, len);
    fmpz_clear(ad);
    fmpz_clear(rem);
    return exact;
}

void
poly_vec_make_primitive(fmpz * v, slong len)
{
    /* Fast path, exact: entries stored inline are gcd'ed as words, stopping
       at a gcd of 1 (then v is primitive already), and divided as words. */
    ulong g = 0;
    slong k;
    for (k = 0; k < len; k++)
    {
        if (COEFF_IS_MPZ(v[k]))
            break;
        if (v[k] != 0)
        {
            ulong a = (ulong) FLINT_ABS(v[k]);
            g = (g == 0) ? a : _word_gcd(g, a);
            if (g == 1)
                return;
        }
    }
    if (k == len)
    {
        if (g > 1)
            for (k = 0; k < len; k++)
                v[k] /= (slong) g;      /* inline stays inline */
        return;
    }
    fmpz_t c;
    fmpz_init(c);
    _fmpz_vec_content(c, v, len);
    if (!fmpz_is_zero(c) && !fmpz_is_one(c))
        _fmpz_vec_scalar_divexact_fmpz(v, v, len, c);
    fmpz_clear(c);
}

void
poly_vec_from_fmpq(fmpz * v, const fmpq * q, slong len)
{
    fmpz_t L, s;
    fmpz_init_set_ui(L, 1);
    fmpz_init(s);
    for (slong k = 0; k < len; k++)
        fmpz_lcm(L, L, fmpq_denref(q + k));
    for (slong k = 0; k < len; k++)
    {
        fmpz_divexact(s, L, fmpq_denref(q + k));
        fmpz_mul(v + k, s, fmpq_numref(q + k));
    }
    poly_vec_make_primitive(v, len);
    fmpz_clear(L);
    fmpz_clear(s);
}

int
poly_vec_lex_sign(const fmpz * v, slong len)
{
    for (slong k = 0; k < len; k++)
        if (!fmpz_is_zero(v + k))
            return fmpz_sgn(v + k);
    return 0;
}

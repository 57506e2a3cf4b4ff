/* Exact division with its remainder checked on GMP limbs (no temporary
   integers): the proof step of poly_vec_combine_divexact. A file of its own
   because it reads fmpz's representation (the double twin of bench/twin
   replaces it). */
#include <gmp.h>
#include <flint/fmpz.h>
#include "poly/poly-impl.h"

/* The limbs of |x| (x inline: one limb in *buf) */
static const mp_limb_t *
_fmpz_limbs(mp_size_t * n, const fmpz_t x, mp_limb_t * buf)
{
    if (!COEFF_IS_MPZ(*x))
    {
        *buf = (mp_limb_t) FLINT_ABS(*x);
        *n = (*buf != 0);
        return buf;
    }
    __mpz_struct * m = COEFF_TO_PTR(*x);
    *n = FLINT_ABS(m->_mp_size);
    return m->_mp_d;
}

/* q = a / d (d > 0) when d divides a: returns 1; else 0 (q unspecified).
   mpn_tdiv_qr on the limbs, no temporary integers, up to 64 limbs; rem is
   scratch for larger ones. */
int
_poly_fmpz_divexact_checked(fmpz_t q, const fmpz_t a, const fmpz_t d, fmpz_t rem)
{
    enum { LMAX = 64 };
    mp_limb_t ab, db, qp[LMAX + 1], rp[LMAX];
    mp_size_t an, dn;
    const mp_limb_t * ap = _fmpz_limbs(&an, a, &ab), * dp = _fmpz_limbs(&dn, d, &db);
    if (an == 0)
    {
        fmpz_zero(q);
        return 1;
    }
    if (an < dn)
        return 0;
    if (an > LMAX)
    {
        fmpz_tdiv_qr(q, rem, a, d);
        return fmpz_is_zero(rem);
    }
    mpn_tdiv_qr(qp, rp, 0, ap, an, dp, dn);
    for (mp_size_t k = 0; k < dn; k++)
        if (rp[k] != 0)
            return 0;
    fmpz_set_ui_array(q, qp, an - dn + 1);
    if (fmpz_sgn(a) < 0)
        fmpz_neg(q, q);
    return 1;
}


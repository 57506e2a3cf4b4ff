/* Fixed-width bitsets over 64-bit words, for incidence (which constraints are
   tight at a generator, which generators lie on a face). Widths are small
   (tens to a few hundred bits), so everything is inline and word-wise. */
#ifndef RELUCERT_UTIL_BITSET_H
#define RELUCERT_UTIL_BITSET_H

#include <stdint.h>
#include <string.h>
#include <flint/flint.h>

typedef uint64_t bword;

#define BS_WORDS(nbits) (((nbits) + 63) / 64)

static inline void bs_zero(bword * s, slong w) { memset(s, 0, w * sizeof(bword)); }
static inline void bs_copy(bword * d, const bword * s, slong w) { memcpy(d, s, w * sizeof(bword)); }
static inline void bs_set(bword * s, slong i) { s[i >> 6] |= (UWORD(1) << (i & 63)); }
static inline int bs_test(const bword * s, slong i) { return (s[i >> 6] >> (i & 63)) & 1; }
static inline void bs_unset(bword * s, slong i) { s[i >> 6] &= ~(UWORD(1) << (i & 63)); }

static inline void
bs_fill(bword * s, slong nbits)
{
    slong w = BS_WORDS(nbits);
    memset(s, 0xff, w * sizeof(bword));
    if (nbits & 63)
        s[w - 1] = (UWORD(1) << (nbits & 63)) - 1;
}

static inline void
bs_and(bword * d, const bword * a, const bword * b, slong w)
{
    for (slong i = 0; i < w; i++)
        d[i] = a[i] & b[i];
}

/* (a word loop: memcmp's call costs more than the compare at these widths) */
static inline int
bs_equal(const bword * a, const bword * b, slong w)
{
    for (slong i = 0; i < w; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* a subset of b */
static inline int
bs_subset(const bword * a, const bword * b, slong w)
{
    for (slong i = 0; i < w; i++)
        if (a[i] & ~b[i])
            return 0;
    return 1;
}

static inline int
bs_is_zero(const bword * a, slong w)
{
    for (slong i = 0; i < w; i++)
        if (a[i])
            return 0;
    return 1;
}

/* a and b intersect */
static inline int
bs_meets(const bword * a, const bword * b, slong w)
{
    for (slong i = 0; i < w; i++)
        if (a[i] & b[i])
            return 1;
    return 0;
}

/* min(|a|, cap), one step per element up to cap (incidence sets are sparse and
   the callers compare with small thresholds: cheaper than a full count) */
static inline slong
bs_count_cap(const bword * a, slong w, slong cap)
{
    slong c = 0;
    for (slong i = 0; i < w; i++)
        for (bword x = a[i]; x != 0; x &= x - 1)
            if (++c >= cap)
                return cap;
    return c;
}

/* SWAR popcount: without -mpopcnt __builtin_popcountll is a libgcc call,
   which the adjacency filter of poly_split pays once per candidate pair */
static inline slong
bs_count(const bword * a, slong w)
{
    slong c = 0;
    for (slong i = 0; i < w; i++)
    {
        bword x = a[i];
        x = x - ((x >> 1) & UWORD(0x5555555555555555));
        x = (x & UWORD(0x3333333333333333)) + ((x >> 2) & UWORD(0x3333333333333333));
        x = (x + (x >> 4)) & UWORD(0x0f0f0f0f0f0f0f0f);
        c += (slong) ((x * UWORD(0x0101010101010101)) >> 56);
    }
    return c;
}

static inline ulong
bs_hash(const bword * a, slong w)
{
    ulong h = UWORD(1469598103934665603);
    for (slong i = 0; i < w; i++)
    {
        h ^= a[i];
        h *= UWORD(1099511628211);
        h ^= h >> 29;
    }
    /* MurmurHash3's fmix64: the table index is the low bits, and without
       this the low bits of one-word keys (small masks) collide in long runs */
    h ^= h >> 33;
    h *= UWORD(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UWORD(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}

/* A hash set of bitsets of one width; members are stored contiguously in
   insertion order, so iteration is deterministic. */
typedef struct
{
    slong w;          /* words per member */
    slong num, alloc;
    bword * keys;     /* num * w words */
    slong * table;    /* open addressing, two words a slot: member index or -1,
                         and the member's first word (compared before the member,
                         so a probe reads one cache line; all of a one-word key) */
    slong tsize;      /* power of two */
}
bsset_struct;

typedef bsset_struct bsset_t[1];

void bsset_init(bsset_t S, slong w);
void bsset_clear(bsset_t S);
void bsset_reset(bsset_t S);          /* empty, keeps memory */
/* Index of a (inserted if new); *is_new tells which. */
slong bsset_insert(bsset_t S, const bword * a, int * is_new);
static inline const bword * bsset_get(const bsset_t S, slong i) { return S->keys + i * S->w; }

#endif

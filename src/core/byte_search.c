/* Literal folded search on UTF-8 bytes (see byte_search.h).
 *
 * The pattern is a list of code points, each standing for its fold class
 * (the BMP characters the table maps to it; a character outside the BMP
 * stands for itself, as the table leaves surrogates alone). One position,
 * the anchor, is scanned for: the last one to three bytes of the UTF-8
 * form of each member of its class are compared with 32 (AVX2) or 16
 * (SSE2) byte positions at once. Where one agrees, the character ending
 * there is decoded and folded, then the characters before it (decoded
 * backwards) and after it, so the scan touches every byte once and
 * decodes only candidates. The anchor is the position whose class is
 * cheapest to look for: few members, and members of three or four bytes
 * rather than ASCII letters, whose bytes are everywhere. */
#include "yuedu/byte_search.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/utf16.h>

#include "utf8_sequence.h"

#if defined(__x86_64__)
#include <immintrin.h>
#define HAVE_X86 1
#endif

/* Keys: the bytes an anchor member ends with. A class has at most 16
 * members today (the spaces); more keys than this and the query is left
 * to the decoded text. */
#define MAX_KEYS 24

typedef struct key {
    unsigned char len;      /* 1 to 3 */
    unsigned char bytes[3]; /* aligned to the end: bytes[3 - len .. 3) */
} key;

struct yd_byte_query {
    const UChar *table;
    UChar32 *cps; /* folded pattern as code points */
    int count;
    int anchor;
    int disjoint;
    int nkeys;
    key keys[MAX_KEYS];
};

/* ---- UTF-8 ---- */

static UChar32 decode_sequence(const unsigned char *p, size_t len)
{
    switch (len) {
    case 1:
        return p[0];
    case 2:
        return (UChar32)((p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu));
    case 3:
        return (UChar32)((p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu));
    default:
        return (UChar32)((p[0] & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu));
    }
}

static size_t encode(UChar32 c, unsigned char *out)
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xC0 | (c >> 6));
        out[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (c >> 12));
        out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (c >> 18));
    out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* The character the loader decodes ending exactly at text[end): its
 * length, or 0 when the bytes there are not the end of a well-formed
 * sequence (then the loader wrote U+FFFD, which no query matches). A
 * well-formed sequence starting at a lead byte is decoded as such
 * whatever comes before: an ill-formed subpart never takes a lead byte. */
static size_t char_before(const unsigned char *text, size_t n, size_t end, UChar32 *c)
{
    for (size_t len = 1; len <= 4 && len <= end; len++) {
        unsigned char b = text[end - len];
        if ((b & 0xC0) == 0x80)
            continue;
        size_t bad;
        if (yd_utf8_sequence(text + end - len, n - (end - len), &bad) != len)
            return 0;
        *c = decode_sequence(text + end - len, len);
        return len;
    }
    return 0;
}

static int folds_to(const yd_byte_query *q, UChar32 c, int position)
{
    UChar32 want = q->cps[position];
    return c <= 0xFFFF ? (UChar32)q->table[c] == want : c == want;
}

/* Is there a hit whose anchor character ends at text[end)? Its bounds. */
static int verify(const yd_byte_query *q, const unsigned char *text, size_t n, size_t end, size_t *start,
                  size_t *stop)
{
    UChar32 c;
    size_t len = char_before(text, n, end, &c);
    if (!len || !folds_to(q, c, q->anchor))
        return 0;
    size_t s = end - len;
    for (int i = q->anchor - 1; i >= 0; i--) {
        len = char_before(text, n, s, &c);
        if (!len || !folds_to(q, c, i))
            return 0;
        s -= len;
    }
    size_t e = end;
    for (int i = q->anchor + 1; i < q->count; i++) {
        if (e >= n)
            return 0;
        size_t bad;
        len = yd_utf8_sequence(text + e, n - e, &bad);
        if (!len || !folds_to(q, decode_sequence(text + e, len), i))
            return 0;
        e += len;
    }
    *start = s;
    *stop = e;
    return 1;
}

/* Does a key end at text[end)? */
static int key_at(const yd_byte_query *q, const unsigned char *text, size_t end)
{
    for (int k = 0; k < q->nkeys; k++) {
        const key *y = &q->keys[k];
        if (end < y->len)
            continue;
        if (memcmp(text + end - y->len, y->bytes + 3 - y->len, y->len) == 0)
            return 1;
    }
    return 0;
}

/* ---- the scan ---- */

/* A candidate found: verify it; 1 to stop with the hit (its start at or
 * after from). */
static int try_end(const yd_byte_query *q, const unsigned char *text, size_t n, size_t end, size_t from,
                   size_t *start, size_t *stop)
{
    size_t s, e;
    if (verify(q, text, n, end, &s, &e) && s >= from) {
        *start = s;
        *stop = e;
        return 1;
    }
    return 0;
}

/* The candidates of the block at j, bit i of mask an anchor ending at
 * j + i + 3: 1 with the first hit (as try_end), -1 when the next
 * candidate ends past last (no hit in the range), 0 when none is a hit. */
static inline int try_block(const yd_byte_query *q, const unsigned char *text, size_t n, size_t j, unsigned mask,
                            size_t last, size_t from, size_t *start, size_t *stop)
{
    for (; mask; mask &= mask - 1) {
        size_t e = j + (size_t)__builtin_ctz(mask) + 3;
        if (e > last)
            return -1;
        if (try_end(q, text, n, e, from, start, stop))
            return 1;
    }
    return 0;
}

static int scan_scalar(const yd_byte_query *q, const unsigned char *text, size_t n, size_t end, size_t last,
                       size_t from, size_t *start, size_t *stop)
{
    for (; end <= last; end++)
        if (key_at(q, text, end) && try_end(q, text, n, end, from, start, stop))
            return 1;
    return 0;
}

#ifdef HAVE_X86
/* Candidate ends in block j..j+16: bit i is an end at j + i + 3. */
static unsigned keys_sse2(const yd_byte_query *q, const unsigned char *p)
{
    __m128i v0 = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i v1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i v2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    __m128i any = _mm_setzero_si128();
    for (int k = 0; k < q->nkeys; k++) {
        const key *y = &q->keys[k];
        __m128i t = _mm_cmpeq_epi8(v2, _mm_set1_epi8((char)y->bytes[2]));
        if (y->len >= 2)
            t = _mm_and_si128(t, _mm_cmpeq_epi8(v1, _mm_set1_epi8((char)y->bytes[1])));
        if (y->len == 3)
            t = _mm_and_si128(t, _mm_cmpeq_epi8(v0, _mm_set1_epi8((char)y->bytes[0])));
        any = _mm_or_si128(any, t);
    }
    return (unsigned)_mm_movemask_epi8(any);
}

/* The AVX2 scan of blocks from *end on, whole: one call for the range,
 * not one a block, and each key's bytes broadcast once (a function for
 * another target is never inlined into its caller, and its broadcasts
 * were redone at every block: 62 % of a count's time went to a block's
 * call). Returns as try_end; *end is left where the blocks stopped.
 *
 * fixed: 0 for any keys; 1 to 3 when the keys are exactly that many and
 * all three bytes long (a Chinese character and its variants: the common
 * case), so that the compiler unrolls the keys, keeps their bytes in
 * registers and drops the tests of their lengths. */
__attribute__((target("avx2"), always_inline)) static inline int
scan_avx2_keys(const yd_byte_query *q, const unsigned char *text, size_t n, size_t *end, size_t last, size_t from,
               size_t *start, size_t *stop, const int fixed)
{
    __m256i b0[MAX_KEYS], b1[MAX_KEYS], b2[MAX_KEYS];
    const int nkeys = fixed ? fixed : q->nkeys;
    for (int k = 0; k < nkeys; k++) {
        b0[k] = _mm256_set1_epi8((char)q->keys[k].bytes[0]);
        b1[k] = _mm256_set1_epi8((char)q->keys[k].bytes[1]);
        b2[k] = _mm256_set1_epi8((char)q->keys[k].bytes[2]);
    }
    /* Block j covers ends j+3 .. j+34 and reads text[j .. j+34). */
    size_t j = *end - 3;
    for (; j + 34 <= n && j + 3 <= last; j += 32) {
        const unsigned char *p = text + j;
        __m256i v0 = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i v1 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 1));
        __m256i v2 = _mm256_loadu_si256((const __m256i *)(const void *)(p + 2));
        __m256i any = _mm256_setzero_si256();
#pragma GCC unroll 3
        for (int k = 0; k < nkeys; k++) {
            unsigned char len = fixed ? 3 : q->keys[k].len;
            __m256i t = _mm256_cmpeq_epi8(v2, b2[k]);
            if (len >= 2)
                t = _mm256_and_si256(t, _mm256_cmpeq_epi8(v1, b1[k]));
            if (len == 3)
                t = _mm256_and_si256(t, _mm256_cmpeq_epi8(v0, b0[k]));
            any = _mm256_or_si256(any, t);
        }
        int found = try_block(q, text, n, j, (unsigned)_mm256_movemask_epi8(any), last, from, start, stop);
        if (found) {
            *end = last + 1; /* a hit, or past the range: no more blocks */
            return found > 0;
        }
    }
    *end = j + 3;
    return 0;
}

__attribute__((target("avx2"))) static int scan_avx2(const yd_byte_query *q, const unsigned char *text, size_t n,
                                                     size_t *end, size_t last, size_t from, size_t *start,
                                                     size_t *stop)
{
    int all_three_bytes = 1;
    for (int k = 0; k < q->nkeys; k++)
        all_three_bytes &= q->keys[k].len == 3;
    switch (all_three_bytes ? q->nkeys : 0) {
    case 1:
        return scan_avx2_keys(q, text, n, end, last, from, start, stop, 1);
    case 2:
        return scan_avx2_keys(q, text, n, end, last, from, start, stop, 2);
    case 3:
        return scan_avx2_keys(q, text, n, end, last, from, start, stop, 3);
    default:
        return scan_avx2_keys(q, text, n, end, last, from, start, stop, 0);
    }
}

/* libgcc fills the CPU model in a constructor; this only reads it. */
static int have_avx2(void) { return __builtin_cpu_supports("avx2"); }
#endif

/* The first hit starting at or after from whose anchor ends in
 * [first, last]. */
static int scan(const yd_byte_query *q, const unsigned char *text, size_t n, size_t first, size_t last, size_t from,
                size_t *start, size_t *stop)
{
    if (last > n)
        last = n;
    size_t end = first;
    if (end < 3) {
        size_t head = last < 2 ? last : 2;
        if (scan_scalar(q, text, n, end, head, from, start, stop))
            return 1;
        end = 3;
    }
#ifdef HAVE_X86
    if (have_avx2()) {
        if (scan_avx2(q, text, n, &end, last, from, start, stop))
            return 1;
    } else {
        /* Block j covers ends j+3 .. j+18 and reads text[j .. j+18). */
        for (size_t j = end - 3; j + 18 <= n && j + 3 <= last; j += 16) {
            int found = try_block(q, text, n, j, keys_sse2(q, text + j), last, from, start, stop);
            if (found)
                return found > 0;
            end = j + 19;
        }
    }
#endif
    return scan_scalar(q, text, n, end, last, from, start, stop);
}

/* Bytes from a hit's start to the end of its anchor, at most. */
static size_t anchor_reach(const yd_byte_query *q) { return 4 * ((size_t)q->anchor + 1); }

int yd_byte_find(const yd_byte_query *q, const unsigned char *text, size_t n, size_t from, size_t *start,
                 size_t *end)
{
    return scan(q, text, n, from + 1, n, from, start, end);
}

size_t yd_byte_count(const yd_byte_query *q, const unsigned char *text, size_t n, size_t from, size_t to)
{
    size_t count = 0, s, e;
    /* No hit starting before `to` has its anchor end past this. */
    size_t last = to + anchor_reach(q);
    while (scan(q, text, n, from + 1, last, from, &s, &e) && s < to) {
        count++;
        from = e;
    }
    return count;
}

size_t yd_utf8_text_start(const unsigned char *bytes, size_t length, size_t bom_length)
{
    size_t at = bom_length <= length ? bom_length : length;
    if (length - at >= 3 && bytes[at] == 0xEF && bytes[at + 1] == 0xBB && bytes[at + 2] == 0xBF)
        at += 3;
    return at;
}

/* ---- building ---- */

/* What scanning for a member costs, roughly: ASCII bytes match
 * everywhere, two-byte forms often, three and four rarely. */
static unsigned member_cost(int32_t c) { return c < 0x80 ? 8 : c < 0x800 ? 3 : 1; }

static int add_key(yd_byte_query *q, UChar32 c)
{
    unsigned char b[4];
    size_t len = encode(c, b);
    key y = {0};
    y.len = (unsigned char)(len < 3 ? len : 3);
    memcpy(y.bytes + 3 - y.len, b + len - y.len, y.len);
    for (int k = 0; k < q->nkeys; k++)
        if (memcmp(&q->keys[k], &y, sizeof y) == 0)
            return 1;
    if (q->nkeys == MAX_KEYS)
        return 0;
    q->keys[q->nkeys++] = y;
    return 1;
}

static int overlaps_itself(const UChar32 *cps, int count)
{
    for (int shift = 1; shift < count; shift++) {
        int same = 1;
        for (int i = shift; i < count && same; i++)
            same = cps[i] == cps[i - shift];
        if (same)
            return 1;
    }
    return 0;
}

yd_status yd_byte_query_new(yd_byte_query **out, const yd_query *query, yd_error *err)
{
    *out = NULL;
    int32_t m;
    const UChar *p = yd_query_literal(query, &m);
    const UChar *table = yd_query_table(query);
    if (!p || m <= 0)
        return YD_OK;
    yd_byte_query *q = calloc(1, sizeof *q);
    uint32_t *cost = calloc(65536, sizeof *cost); /* of each class, by representative */
    if (q)
        q->cps = malloc((size_t)m * sizeof *q->cps);
    if (!q || !cost || !q->cps) {
        free(cost);
        yd_byte_query_free(q);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    q->table = table;
    for (int32_t i = 0; i < m;) {
        UChar32 c;
        U16_NEXT(p, i, m, c);
        if (U_IS_SURROGATE(c))
            goto refuse;
        q->cps[q->count++] = c;
    }
    /* The loader turns CR into LF and ill-formed bytes into U+FFFD: the
     * bytes of a text holding those are not its characters. */
    for (int i = 0; i < q->count; i++) {
        UChar32 c = q->cps[i];
        if (c <= 0xFFFF && (c == table['\n'] || c == table['\r'] || c == table[0xFFFD]))
            goto refuse;
    }
    for (int32_t c = 0; c < 65536; c++)
        if (!U_IS_SURROGATE(c))
            cost[table[c]] += member_cost(c);
    uint32_t best = 0;
    for (int i = 0; i < q->count; i++) {
        uint32_t here = q->cps[i] > 0xFFFF ? 1 : cost[q->cps[i]];
        if (i == 0 || here < best) {
            best = here;
            q->anchor = i;
        }
    }
    UChar32 a = q->cps[q->anchor];
    if (a > 0xFFFF) {
        add_key(q, a);
    } else {
        for (int32_t c = 0; c < 65536; c++)
            if (!U_IS_SURROGATE(c) && table[c] == a && !add_key(q, c))
                goto refuse;
    }
    q->disjoint = !overlaps_itself(q->cps, q->count);
    free(cost);
    *out = q;
    return YD_OK;
refuse:
    free(cost);
    yd_byte_query_free(q);
    return YD_OK;
}

void yd_byte_query_free(yd_byte_query *q)
{
    if (!q)
        return;
    free(q->cps);
    free(q);
}

int yd_byte_query_disjoint(const yd_byte_query *q) { return q->disjoint; }

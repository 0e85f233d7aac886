/* The UTF-8 fast path of loading a document (document_internal.h).
 *
 * Most corpora are UTF-8, and loading them is what a whole-corpus search
 * waits for: decoding with ICU and then a second pass to normalise line
 * ends and index lines wrote and re-read every UTF-16 unit. Here each byte
 * is looked at once. Ill-formed sequences become one U+FFFD per maximal
 * subpart, as ICU's u_strFromUTF8WithSub does (a differential unit test and
 * the decode fuzz target hold the two to the same output). */
#include <string.h>

#include "document_internal.h"
#include "utf8_sequence.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define HAVE_X86 1
#endif

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Bytes 0-5 of a little-endian load as two three-byte sequences:
 * 1110xxxx 10xxxxxx 10xxxxxx, twice. */
#define TWO_THREES_MASK 0x0000C0C0F0C0C0F0ull
#define TWO_THREES 0x00008080E08080E0ull

/* Eight ASCII bytes none of which is a control that the loop must look at
 * (every byte <= '\r' is checked one by one: LF and CR end lines). */
static inline bool plain_ascii8(uint64_t w)
{
    return ((w & HIGHS) | ((w - ONES * 0x0E) & ~w & HIGHS)) == 0;
}

static inline void widen8(UChar *dst, const unsigned char *src)
{
#if defined(__SSE2__)
    __m128i bytes = _mm_loadl_epi64((const __m128i *)(const void *)src);
    _mm_storeu_si128((__m128i *)(void *)dst, _mm_unpacklo_epi8(bytes, _mm_setzero_si128()));
#else
    for (int k = 0; k < 8; k++)
        dst[k] = src[k];
#endif
}

#if HAVE_X86
/* Sixteen bytes at a time while they start with five three-byte sequences:
 * shuffle each sequence's bytes into a 16-bit lane, check the shape and the
 * value (not overlong, not a surrogate) of all five at once, and store five
 * units. Stops at the first block that is anything else, leaving it to the
 * general loop, so the result is the same as without it. *dst must have
 * room for eight units past what is written. */
__attribute__((target("ssse3"))) static void threes_ssse3(const unsigned char **src, const unsigned char *end,
                                                          UChar **dst, size_t *chars)
{
    const __m128i shape_mask = _mm_setr_epi8((char)0xF0, (char)0xC0, (char)0xC0, (char)0xF0, (char)0xC0, (char)0xC0,
                                             (char)0xF0, (char)0xC0, (char)0xC0, (char)0xF0, (char)0xC0, (char)0xC0,
                                             (char)0xF0, (char)0xC0, (char)0xC0, 0);
    const __m128i shape = _mm_setr_epi8((char)0xE0, (char)0x80, (char)0x80, (char)0xE0, (char)0x80, (char)0x80,
                                        (char)0xE0, (char)0x80, (char)0x80, (char)0xE0, (char)0x80, (char)0x80,
                                        (char)0xE0, (char)0x80, (char)0x80, 0);
    /* Lane i: lead byte high, first continuation low; second continuation. */
    const __m128i lead_mid = _mm_setr_epi8(1, 0, 4, 3, 7, 6, 10, 9, 13, 12, -1, -1, -1, -1, -1, -1);
    const __m128i last = _mm_setr_epi8(2, -1, 5, -1, 8, -1, 11, -1, 14, -1, -1, -1, -1, -1, -1, -1);
    const __m128i five_lanes = _mm_setr_epi16(-1, -1, -1, -1, -1, 0, 0, 0);
    const unsigned char *p = *src;
    UChar *w = *dst;
    while (end - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, shape_mask), shape)) != 0xFFFF)
            break;
        __m128i a = _mm_shuffle_epi8(v, lead_mid), b = _mm_shuffle_epi8(v, last);
        __m128i c = _mm_or_si128(_mm_or_si128(_mm_slli_epi16(_mm_and_si128(a, _mm_set1_epi16(0x0F00)), 4),
                                              _mm_slli_epi16(_mm_and_si128(a, _mm_set1_epi16(0x003F)), 6)),
                                 _mm_and_si128(b, _mm_set1_epi16(0x003F)));
        __m128i top = _mm_and_si128(c, _mm_set1_epi16((short)0xF800));
        __m128i bad = _mm_or_si128(_mm_cmpeq_epi16(top, _mm_setzero_si128()),
                                   _mm_cmpeq_epi16(top, _mm_set1_epi16((short)0xD800)));
        if (_mm_movemask_epi8(_mm_and_si128(bad, five_lanes)) != 0)
            break;
        _mm_storeu_si128((__m128i *)(void *)w, c);
        w += 5;
        p += 15;
        *chars += 5;
    }
    *src = p;
    *dst = w;
}

static bool have_ssse3(void) { return __builtin_cpu_supports("ssse3"); }
#endif

/* Chinese text is mostly runs of three-byte sequences: sixteen bytes at a
 * time where SSSE3 is there, then two sequences from one eight-byte load
 * while the bytes have their shape. Leaves *src at the first byte that is
 * anything else, for the general loop. */
static void three_byte_runs(const unsigned char **src, const unsigned char *end, UChar **dst, size_t *chars,
                            bool ssse3)
{
#if HAVE_X86
    if (ssse3)
        threes_ssse3(src, end, dst, chars);
#else
    (void)ssse3;
#endif
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const unsigned char *p = *src;
    UChar *w = *dst;
    uint64_t word;
    while (end - p >= 8 && (memcpy(&word, p, 8), (word & TWO_THREES_MASK) == TWO_THREES)) {
        unsigned c1 = (unsigned)((word & 0x0F) << 12 | (word >> 2 & 0xFC0) | (word >> 16 & 0x3F));
        unsigned c2 = (unsigned)((word >> 12 & 0xF000) | (word >> 26 & 0xFC0) | (word >> 40 & 0x3F));
        if (!yd_utf8_three_value_ok(c1) || !yd_utf8_three_value_ok(c2))
            break;
        w[0] = (UChar)c1;
        w[1] = (UChar)c2;
        w += 2;
        p += 6;
        *chars += 2;
    }
    *src = p;
    *dst = w;
#endif
}

/* Decode bytes[0..length) onto the end of the text. A piece that is not
 * the last ends just after a line feed, so no sequence, ill-formed subpart
 * or CRLF is ever cut: the result is the same as decoding everything at
 * once. */
static yd_status decode_piece(yd_utf8_decoder *d, const unsigned char *bytes, size_t length, yd_error *err)
{
    const unsigned char *p = bytes, *end = bytes + length;
    if (!d->started) {
        d->started = true;
        /* A U+FEFF first is a byte order mark, not text (as in document.c). */
        if (length >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
            p += 3;
    }
    if (p == end)
        return YD_OK;
    size_t used = (size_t)(d->w - d->units);
    /* UTF-8 never needs more UTF-16 units than bytes; the fast loops write
     * up to eight units ahead. */
    if (used + (size_t)(end - p) + 9 > d->cap) {
        size_t cap = used + (size_t)(end - p) + 9;
        UChar *bigger = realloc(d->units, cap * sizeof *bigger);
        if (!bigger)
            return yd_error_set(err, YD_ENOMEM, "out of memory decoding %zu bytes", cap);
        d->units = bigger;
        d->w = bigger + used;
        d->cap = cap;
    }
    UChar *w = d->w;
    size_t chars = d->chars, subs = d->subs;
    unsigned eols = d->eols;
    if (d->line_pending) {
        d->line_pending = false;
        if (!yd_line_index_add(&d->ix, (int32_t)(w - d->units)))
            goto nomem;
    }
#if HAVE_X86
    bool ssse3 = have_ssse3();
#else
    bool ssse3 = false;
#endif
    while (p < end) {
        unsigned b = *p;
        if (b >= 0x80) {
            three_byte_runs(&p, end, &w, &chars, ssse3);
            if (p == end || *p < 0x80)
                continue;
            b = *p;
            unsigned c;
            if (yd_utf8_three(p, (size_t)(end - p), &c)) {
                *w++ = (UChar)c;
                p += 3;
                chars++;
                continue;
            }
            size_t bad = 0, len = yd_utf8_sequence(p, (size_t)(end - p), &bad);
            if (len == 2) {
                *w++ = (UChar)((b & 0x1Fu) << 6 | (p[1] & 0x3Fu));
            } else if (len == 4) {
                uint32_t cp = (b & 0x07u) << 18 | (p[1] & 0x3Fu) << 12 | (p[2] & 0x3Fu) << 6 | (p[3] & 0x3Fu);
                *w++ = (UChar)(0xD7C0 + (cp >> 10));
                *w++ = (UChar)(0xDC00 | (cp & 0x3FF));
            } else {
                *w++ = 0xFFFD;
                subs++;
                len = bad;
            }
            p += len;
            chars++;
            continue;
        }
        if (end - p >= 8) {
            uint64_t word;
            memcpy(&word, p, 8);
            if (plain_ascii8(word)) {
                widen8(w, p);
                w += 8;
                p += 8;
                chars += 8;
                continue;
            }
        }
        p++;
        chars++;
        if (b > '\r') {
            *w++ = (UChar)b;
            continue;
        }
        if (b == '\r') {
            if (p < end && *p == '\n') {
                p++;
                eols |= YD_EOL_CRLF;
            } else {
                eols |= YD_EOL_CR;
            }
            b = '\n';
        } else if (b == '\n') {
            eols |= YD_EOL_LF;
        }
        *w++ = (UChar)b;
        if (b == '\n') {
            if (p == end)
                d->line_pending = true; /* the next piece, if any, starts a line */
            else if (!yd_line_index_add(&d->ix, (int32_t)(w - d->units)))
                goto nomem;
        }
    }
    d->w = w;
    d->chars = chars;
    d->subs = subs;
    d->eols = eols;
    return YD_OK;
nomem:
    d->w = w;
    return yd_error_set(err, YD_ENOMEM, "out of memory indexing lines");
}

yd_status yd_utf8_decoder_init(yd_utf8_decoder *d, size_t expected, yd_error *err)
{
    memset(d, 0, sizeof *d);
    d->cap = expected + 9;
    d->units = malloc(d->cap * sizeof *d->units);
    if (!d->units || !yd_line_index_init(&d->ix, expected)) {
        free(d->units);
        memset(d, 0, sizeof *d);
        return yd_error_set(err, YD_ENOMEM, "out of memory decoding %zu bytes", expected);
    }
    d->w = d->units;
    d->line_pending = true; /* the first line starts with the first unit */
    return YD_OK;
}

yd_status yd_utf8_decoder_feed(yd_utf8_decoder *d, const unsigned char *bytes, size_t length, yd_error *err)
{
    return decode_piece(d, bytes, length, err);
}

void yd_utf8_decoder_finish(yd_utf8_decoder *d, yd_document *doc)
{
    *d->w = 0;
    doc->text = d->units;
    doc->length = (int32_t)(d->w - d->units);
    doc->line_starts = d->ix.starts;
    doc->line_count = (int32_t)d->ix.count;
    doc->chars = d->chars;
    doc->replacements = d->subs;
    doc->line_ends = d->eols;
    memset(d, 0, sizeof *d);
}

void yd_utf8_decoder_free(yd_utf8_decoder *d)
{
    free(d->units);
    free(d->ix.starts);
    memset(d, 0, sizeof *d);
}

yd_status yd_document_decode_utf8(yd_document *doc, const unsigned char *bytes, size_t length, yd_error *err)
{
    yd_utf8_decoder d;
    yd_status st = yd_utf8_decoder_init(&d, length, err);
    if (st == YD_OK)
        st = yd_utf8_decoder_feed(&d, bytes, length, err);
    if (st != YD_OK) {
        yd_utf8_decoder_free(&d);
        return st;
    }
    yd_utf8_decoder_finish(&d, doc);
    return YD_OK;
}

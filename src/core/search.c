/* Search over folded shadows (see search.h).
 *
 * Literal queries: the pattern is folded with the table, then found in the
 * shadow by comparing its first and last units against 8 (SSE2) or 16
 * (AVX2) text positions at once and checking the middle only where both
 * agree; this runs at memory speed on Chinese text, where the first unit
 * alone would match too often.
 *
 * Regex queries: the pattern is rewritten with its literal characters
 * folded (and escaped where folding produced an ASCII metacharacter, e.g.
 * （ → \( ), its syntax kept as written, then compiled by ICU and run on the
 * shadow with UREGEX_MULTILINE (^ and $ at line ends). */
#include "yuedu/search.h"
#include "yuedu/number_fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define HAVE_X86 1
#endif

#define YD_CLASS_MAX 16 /* the largest class today: 16 kinds of space */

struct yd_query {
    unsigned folds;      /* resolved */
    const UChar *table;  /* the fold table for folds */
    UChar *literal;      /* folded literal pattern, or NULL for a regex */
    int32_t length;
    URegularExpression *re;
    /* Literal: the units that fold to the pattern's first and last units,
     * to find candidates in the original text without a shadow; n 0 when
     * a class is too large (then the shadow is searched). */
    UChar first[YD_CLASS_MAX], last[YD_CLASS_MAX];
    int first_n, last_n;
    yd_search_cancel_fn cancelled; /* yd_query_set_cancel; NULL: never */
    void *cancel_context;
    unsigned progress_calls;       /* the regex's find progress, counted */
};

/* ---- literal matching ---- */

/* Does the whole pattern match at s (first and last units already do)? */
static int middle_matches(const UChar *s, const UChar *p, int32_t m)
{
    return m <= 2 || memcmp(s + 1, p + 1, (size_t)(m - 2) * sizeof *p) == 0;
}

static int32_t find_scalar(const UChar *s, int32_t n, const UChar *p, int32_t m, int32_t from)
{
    UChar first = p[0], last = p[m - 1];
    for (int32_t i = from; i + m <= n; i++)
        if (s[i] == first && s[i + m - 1] == last && middle_matches(s + i, p, m))
            return i;
    return -1;
}

#ifdef HAVE_X86
static int32_t find_sse2(const UChar *s, int32_t n, const UChar *p, int32_t m, int32_t from)
{
    const __m128i first = _mm_set1_epi16((short)p[0]);
    const __m128i last = _mm_set1_epi16((short)p[m - 1]);
    int32_t i = from;
    for (; i + m - 1 + 8 <= n; i += 8) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + m - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi16(a, first), _mm_cmpeq_epi16(b, last)));
        while (mask) {
            int bit = __builtin_ctz(mask);
            if (middle_matches(s + i + bit / 2, p, m))
                return i + bit / 2;
            mask &= ~(3u << bit);
        }
    }
    return find_scalar(s, n, p, m, i);
}

__attribute__((target("avx2"))) static int32_t find_avx2(const UChar *s, int32_t n, const UChar *p, int32_t m,
                                                         int32_t from)
{
    const __m256i first = _mm256_set1_epi16((short)p[0]);
    const __m256i last = _mm256_set1_epi16((short)p[m - 1]);
    int32_t i = from;
    for (; i + m - 1 + 16 <= n; i += 16) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + m - 1));
        unsigned mask =
            (unsigned)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi16(a, first), _mm256_cmpeq_epi16(b, last)));
        while (mask) {
            int bit = __builtin_ctz(mask);
            if (middle_matches(s + i + bit / 2, p, m))
                return i + bit / 2;
            mask &= ~(3u << bit);
        }
    }
    return find_sse2(s, n, p, m, i);
}

/* libgcc fills the CPU model in a constructor; this only reads it. */
static int have_avx2(void) { return __builtin_cpu_supports("avx2"); }
#endif

/* Class scanning: candidates are positions whose first and last units are
 * in the classes of the pattern's first and last units; the candidate is
 * then folded unit by unit and compared. Same hits as the shadow, no
 * shadow needed. */
static int folded_matches(const UChar *s, const UChar *table, const UChar *p, int32_t m)
{
    for (int32_t j = 0; j < m; j++)
        if (table[s[j]] != p[j])
            return 0;
    return 1;
}

static int32_t class_scalar(const yd_query *q, const UChar *s, int32_t n, int32_t from)
{
    int32_t m = q->length;
    UChar first = q->literal[0], last = q->literal[m - 1];
    for (int32_t i = from; i + m <= n; i++)
        if (q->table[s[i]] == first && q->table[s[i + m - 1]] == last && folded_matches(s + i, q->table, q->literal, m))
            return i;
    return -1;
}

#ifdef HAVE_X86
static int32_t class_sse2(const yd_query *q, const UChar *s, int32_t n, int32_t from)
{
    __m128i first[YD_CLASS_MAX], last[YD_CLASS_MAX];
    for (int k = 0; k < q->first_n; k++)
        first[k] = _mm_set1_epi16((short)q->first[k]);
    for (int k = 0; k < q->last_n; k++)
        last[k] = _mm_set1_epi16((short)q->last[k]);
    int32_t m = q->length, i = from;
    for (; i + m - 1 + 8 <= n; i += 8) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + m - 1));
        __m128i ea = _mm_cmpeq_epi16(a, first[0]), eb = _mm_cmpeq_epi16(b, last[0]);
        for (int k = 1; k < q->first_n; k++)
            ea = _mm_or_si128(ea, _mm_cmpeq_epi16(a, first[k]));
        for (int k = 1; k < q->last_n; k++)
            eb = _mm_or_si128(eb, _mm_cmpeq_epi16(b, last[k]));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(ea, eb));
        while (mask) {
            int bit = __builtin_ctz(mask);
            if (folded_matches(s + i + bit / 2, q->table, q->literal, m))
                return i + bit / 2;
            mask &= ~(3u << bit);
        }
    }
    return class_scalar(q, s, n, i);
}

__attribute__((target("avx2"))) static int32_t class_avx2(const yd_query *q, const UChar *s, int32_t n, int32_t from)
{
    __m256i first[YD_CLASS_MAX], last[YD_CLASS_MAX];
    for (int k = 0; k < q->first_n; k++)
        first[k] = _mm256_set1_epi16((short)q->first[k]);
    for (int k = 0; k < q->last_n; k++)
        last[k] = _mm256_set1_epi16((short)q->last[k]);
    int32_t m = q->length, i = from;
    for (; i + m - 1 + 16 <= n; i += 16) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(s + i));
        __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(s + i + m - 1));
        __m256i ea = _mm256_cmpeq_epi16(a, first[0]), eb = _mm256_cmpeq_epi16(b, last[0]);
        for (int k = 1; k < q->first_n; k++)
            ea = _mm256_or_si256(ea, _mm256_cmpeq_epi16(a, first[k]));
        for (int k = 1; k < q->last_n; k++)
            eb = _mm256_or_si256(eb, _mm256_cmpeq_epi16(b, last[k]));
        unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_and_si256(ea, eb));
        while (mask) {
            int bit = __builtin_ctz(mask);
            if (folded_matches(s + i + bit / 2, q->table, q->literal, m))
                return i + bit / 2;
            mask &= ~(3u << bit);
        }
    }
    return class_sse2(q, s, n, i);
}
#endif

/* First folded match of the literal query in the original text s[from..n). */
static int32_t find_in_original(const yd_query *q, const UChar *s, int32_t n, int32_t from)
{
    if (from < 0)
        from = 0;
    if (q->length > n - from)
        return -1;
#ifdef HAVE_X86
    return have_avx2() ? class_avx2(q, s, n, from) : class_sse2(q, s, n, from);
#else
    return class_scalar(q, s, n, from);
#endif
}

/* The units that fold to target, up to YD_CLASS_MAX; 0 when more. */
static int class_of(const UChar *table, UChar target, UChar *out)
{
    int n = 0;
    for (int32_t c = 0; c < 65536; c++)
        if (table[c] == target) {
            if (n == YD_CLASS_MAX)
                return 0;
            out[n++] = (UChar)c;
        }
    return n;
}

/* First match of p (m >= 1 units) in s[from..n), or -1. */
static int32_t find_literal(const UChar *s, int32_t n, const UChar *p, int32_t m, int32_t from)
{
    if (from < 0)
        from = 0;
    if (m > n - from)
        return -1;
#ifdef HAVE_X86
    return have_avx2() ? find_avx2(s, n, p, m, from) : find_sse2(s, n, p, m, from);
#else
    return find_scalar(s, n, p, m, from);
#endif
}

/* ---- regex pattern rewriting ---- */

/* A growable UTF-16 buffer. */
typedef struct ubuf {
    UChar *s;
    int32_t n, cap;
    int failed;
} ubuf;

static void put(ubuf *b, UChar c)
{
    if (b->failed)
        return;
    if (b->n + 1 >= b->cap) {
        int32_t cap = b->cap ? b->cap * 2 : 64;
        UChar *s = realloc(b->s, (size_t)cap * sizeof *s);
        if (!s) {
            b->failed = 1;
            return;
        }
        b->s = s;
        b->cap = cap;
    }
    b->s[b->n++] = c;
    b->s[b->n] = 0;
}

static int is_ascii_alnum(UChar c) { return c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }
static int is_digit(UChar c) { return c >= '0' && c <= '9'; }
static int is_word(UChar c) { return is_ascii_alnum(c) || is_digit(c); }

/* A literal character, folded (when table is set) and escaped when the
 * result is ASCII punctuation, which could be syntax. literals collects the
 * literal characters as written (for smart case). */
static void literal(ubuf *out, ubuf *literals, const UChar *table, UChar c)
{
    if (literals)
        put(literals, c);
    UChar f = table ? table[c] : c;
    if (f < 0x80 && !is_word(f))
        put(out, '\\');
    put(out, f);
}

/* Copy p[i..end) as written. */
static int32_t copy(ubuf *out, const UChar *p, int32_t i, int32_t end)
{
    for (; i < end; i++)
        put(out, p[i]);
    return end;
}

/* End of the group p[i] .. close (inclusive), or n when unterminated. */
static int32_t through(const UChar *p, int32_t n, int32_t i, UChar close)
{
    while (i < n && p[i] != close)
        i++;
    return i < n ? i + 1 : n;
}

/* Length of the escape starting at p[i] == '\\' whose letter or digit is p[i+1]. */
static int32_t escape_end(const UChar *p, int32_t n, int32_t i)
{
    UChar d = p[i + 1];
    int32_t j = i + 2;
    switch (d) {
    case 'x':
        if (j < n && p[j] == '{')
            return through(p, n, j, '}');
        return j + 2 <= n ? j + 2 : n;
    case 'u': return j + 4 <= n ? j + 4 : n;
    case 'U': return j + 8 <= n ? j + 8 : n;
    case 'N':
    case 'p':
    case 'P':
        if (j < n && p[j] == '{')
            return through(p, n, j, '}');
        return d == 'N' ? j : (j < n ? j + 1 : n);
    case 'k':
        if (j < n && p[j] == '<')
            return through(p, n, j, '>');
        return j;
    case 'c': return j < n ? j + 1 : n;
    case '0':
        for (int k = 0; k < 3 && j < n && p[j] >= '0' && p[j] <= '7'; k++)
            j++;
        return j;
    default:
        if (is_digit(d))
            while (j < n && is_digit(p[j]))
                j++;
        return j;
    }
}

/* The character of a \xhh, \x{h...}, \uhhhh or \Uhhhhhhhh escape at
 * p[i..end) when it is a BMP character other than a surrogate, else -1. */
static int32_t hex_escape_value(const UChar *p, int32_t i, int32_t end)
{
    UChar kind = p[i + 1];
    if (kind != 'x' && kind != 'u' && kind != 'U')
        return -1;
    int32_t j = i + 2, stop = end;
    if (kind == 'x' && j < end && p[j] == '{') {
        j++;
        stop = end - 1;
        if (stop < j || p[stop] != '}')
            return -1;
    }
    if (j >= stop)
        return -1;
    int32_t v = 0;
    for (; j < stop; j++) {
        UChar c = p[j];
        int d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (d < 0 || v > 0x10FFFF)
            return -1;
        v = v * 16 + d;
    }
    return v <= 0xFFFF && !(v >= 0xD800 && v <= 0xDFFF) ? v : -1;
}

static void put_hex_escape(ubuf *out, UChar c)
{
    static const char hex[] = "0123456789ABCDEF";
    put(out, '\\');
    put(out, 'x');
    put(out, '{');
    for (int shift = 12; shift >= 0; shift -= 4)
        put(out, (UChar)hex[(c >> shift) & 0xF]);
    put(out, '}');
}

/* Is p[i..) a quantifier {n}, {n,} or {n,m}? Returns its end or -1. */
static int32_t interval_end(const UChar *p, int32_t n, int32_t i)
{
    int32_t j = i + 1;
    if (j >= n || !is_digit(p[j]))
        return -1;
    while (j < n && is_digit(p[j]))
        j++;
    if (j < n && p[j] == ',') {
        j++;
        while (j < n && is_digit(p[j]))
            j++;
    }
    return j < n && p[j] == '}' ? j + 1 : -1;
}

/* Rewrite a regex with its literal characters folded by table (NULL: only
 * collect the literals). Syntax is copied as written. */
static void rewrite_regex(const UChar *p, int32_t n, const UChar *table, ubuf *out, ubuf *literals)
{
    int depth = 0, quoted = 0;
    int32_t i = 0;
    while (i < n) {
        UChar c = p[i];
        if (quoted) { /* \Q ... \E */
            if (c == '\\' && i + 1 < n && p[i + 1] == 'E') {
                i = copy(out, p, i, i + 2);
                quoted = 0;
                continue;
            }
            if (literals)
                put(literals, c);
            UChar f = table ? table[c] : c;
            if (f == '\\') { /* a folded backslash must not start \E */
                static const UChar esc[] = u"\\E\\\\\\Q";
                for (const UChar *e = esc; *e; e++)
                    put(out, *e);
            } else {
                put(out, f);
            }
            i++;
            continue;
        }
        if (c == '\\') {
            if (i + 1 >= n) {
                put(out, c); /* let ICU report it */
                i++;
            } else if (p[i + 1] == 'Q') {
                quoted = 1;
                i = copy(out, p, i, i + 2);
            } else if (is_word(p[i + 1])) {
                int32_t end = escape_end(p, n, i);
                int32_t v = hex_escape_value(p, i, end);
                if (v >= 0) { /* \x{9EE8} is a literal too: fold it */
                    if (literals)
                        put(literals, (UChar)v);
                    put_hex_escape(out, table ? table[v] : (UChar)v);
                    i = end;
                } else {
                    i = copy(out, p, i, end);
                }
            } else {
                /* An escaped literal: fold it; keep it escaped unless it
                 * became a letter or digit (\a, \1 would be syntax). */
                literal(out, literals, table, p[i + 1]);
                i += 2;
            }
            continue;
        }
        if (depth > 0) {
            if (c == '[') {
                if (i + 1 < n && p[i + 1] == ':') { /* [:alpha:] */
                    int32_t end = i + 2;
                    while (end + 1 < n && !(p[end] == ':' && p[end + 1] == ']'))
                        end++;
                    i = copy(out, p, i, end + 1 < n ? end + 2 : n);
                } else {
                    depth++;
                    i = copy(out, p, i, i + 1);
                    if (i < n && p[i] == '^')
                        i = copy(out, p, i, i + 1);
                }
            } else if (c == ']') {
                depth--;
                i = copy(out, p, i, i + 1);
            } else if (c == '-' || c == '&') {
                i = copy(out, p, i, i + 1);
            } else if (i + 2 < n && p[i + 1] == '-' && p[i + 2] != ']' && p[i + 2] != '[' && p[i + 2] != '\\') {
                /* A range: fold both ends if they stay in order, else keep
                 * them as written. */
                UChar lo = table ? table[c] : c, hi = table ? table[p[i + 2]] : p[i + 2];
                const UChar *t = lo <= hi ? table : NULL;
                literal(out, literals, t, c);
                put(out, '-');
                literal(out, literals, t, p[i + 2]);
                i += 3;
            } else {
                literal(out, literals, table, c);
                i++;
            }
            continue;
        }
        switch (c) {
        case '[':
            depth = 1;
            i = copy(out, p, i, i + 1);
            if (i < n && p[i] == '^')
                i = copy(out, p, i, i + 1);
            break;
        case '(':
            if (i + 1 < n && p[i + 1] == '?') {
                int32_t j = i + 2;
                if (j < n && p[j] == '#')
                    j = through(p, n, j, ')');
                else if (j < n && p[j] == '<' && j + 1 < n && p[j + 1] != '=' && p[j + 1] != '!')
                    j = through(p, n, j, '>'); /* (?<name> */
                else if (j < n && (p[j] == ':' || p[j] == '=' || p[j] == '!' || p[j] == '>'))
                    j++;
                else if (j + 1 < n && p[j] == '<')
                    j += 2; /* (?<= (?<! */
                else { /* (?ismwx-ismwx) or (?ismwx-ismwx: */
                    while (j < n && p[j] != ')' && p[j] != ':')
                        j++;
                    if (j < n)
                        j++;
                }
                i = copy(out, p, i, j);
            } else {
                i = copy(out, p, i, i + 1);
            }
            break;
        case '{': {
            int32_t end = interval_end(p, n, i);
            if (end > 0) {
                i = copy(out, p, i, end);
            } else {
                literal(out, literals, table, c);
                i++;
            }
            break;
        }
        case '.':
        case '^':
        case '$':
        case '|':
        case ')':
        case '*':
        case '+':
        case '?':
            i = copy(out, p, i, i + 1);
            break;
        default:
            literal(out, literals, table, c);
            i++;
        }
    }
}

/* ---- queries ---- */

/* ICU's regular expression errors in words, in the reader's language;
 * the rarer ones by ICU's own name. */
static const char *regex_problem(UErrorCode st)
{
    switch (st) {
    case U_REGEX_MISMATCHED_PAREN: return yd_translate(YD_N_("unbalanced parenthesis"));
    case U_REGEX_MISSING_CLOSE_BRACKET: return yd_translate(YD_N_("missing closing ]"));
    case U_REGEX_RULE_SYNTAX: return yd_translate(YD_N_("syntax error"));
    case U_REGEX_BAD_ESCAPE_SEQUENCE: return yd_translate(YD_N_("bad escape sequence"));
    case U_REGEX_BAD_INTERVAL: return yd_translate(YD_N_("bad {n,m} repetition"));
    case U_REGEX_MAX_LT_MIN: return yd_translate(YD_N_("{n,m} with m smaller than n"));
    case U_REGEX_INVALID_RANGE: return yd_translate(YD_N_("range out of order in [ ]"));
    case U_REGEX_PROPERTY_SYNTAX: return yd_translate(YD_N_("bad \\p{...} property"));
    case U_REGEX_INVALID_FLAG: return yd_translate(YD_N_("unknown (?flag)"));
    case U_REGEX_LOOK_BEHIND_LIMIT: return yd_translate(YD_N_("look-behind without a bounded length"));
    case U_REGEX_NUMBER_TOO_BIG: return yd_translate(YD_N_("number too big"));
    case U_REGEX_SET_CONTAINS_STRING: return yd_translate(YD_N_("[ ] contains a string"));
    case U_REGEX_INVALID_BACK_REF: return yd_translate(YD_N_("reference to a group that does not exist"));
    case U_REGEX_INVALID_CAPTURE_GROUP_NAME: return yd_translate(YD_N_("bad group name"));
    default: break;
    }
    return u_errorName(st);
}

static URegularExpression *compile_regex(const UChar *p, int32_t n, yd_error *err, const UChar *user, int32_t user_n)
{
    UParseError pe;
    UErrorCode st = U_ZERO_ERROR;
    URegularExpression *re = uregex_open(p, n, UREGEX_MULTILINE, &pe, &st);
    if (U_SUCCESS(st))
        return re;
    if (user) { /* report where in what the user typed */
        yd_error_set(err, YD_EINVAL, "bad regular expression: %s", regex_problem(st));
        UErrorCode st2 = U_ZERO_ERROR;
        URegularExpression *plain = uregex_open(user, user_n, UREGEX_MULTILINE, &pe, &st2);
        if (plain)
            uregex_close(plain);
        if (U_FAILURE(st2) && pe.offset >= 0 && pe.offset <= user_n)
            yd_error_set(err, YD_EINVAL, "bad regular expression: %s at character %d", regex_problem(st2),
                         (int)u_countChar32(user, pe.offset) + 1);
    }
    return NULL;
}

yd_status yd_query_compile(yd_query **out, const yd_fold *fold, const UChar *pattern, int32_t length,
                           const yd_query_options *options, yd_error *err)
{
    *out = NULL;
    if (length < 0)
        length = u_strlen(pattern);
    if (length == 0)
        return yd_error_set(err, YD_EINVAL, "empty pattern");
    yd_query *q = calloc(1, sizeof *q);
    if (!q)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    unsigned folds = options ? options->folds : YD_FOLD_DEFAULT;
    if ((folds & YD_FOLD_NUMBERS) && !(options && options->regex)) {
        /* 第12条 finds 第十二条: the literal becomes a regex (number_fold.h) */
        UChar *re = NULL;
        int32_t re_length = 0;
        int rewritten = yd_number_fold_pattern(pattern, length, &re, &re_length);
        if (rewritten != 0) {
            free(q);
            if (rewritten < 0)
                return yd_error_set(err, YD_ENOMEM, "out of memory");
            yd_query_options o = {.folds = folds & ~(unsigned)YD_FOLD_NUMBERS, .regex = 1,
                                  .time_limit = options ? options->time_limit : 0};
            yd_status st = yd_query_compile(out, fold, re, re_length, &o, err);
            free(re);
            return st;
        }
    }
    if (options && options->regex) {
        ubuf literals = {0}, rewritten = {0};
        /* First pass: the literal characters, for smart case. */
        ubuf scratch = {0};
        rewrite_regex(pattern, length, NULL, &scratch, &literals);
        free(scratch.s);
        q->folds = yd_fold_resolve(folds, literals.s, literals.n);
        q->table = yd_fold_table(fold, q->folds);
        rewrite_regex(pattern, length, q->table, &rewritten, NULL);
        int failed = literals.failed || rewritten.failed;
        free(literals.s);
        if (failed) {
            free(rewritten.s);
            free(q);
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        }
        q->re = compile_regex(rewritten.s, rewritten.n, err, pattern, length);
        free(rewritten.s);
        if (!q->re) {
            free(q);
            return err ? err->code : YD_EINVAL;
        }
        if (options->time_limit > 0) {
            UErrorCode st = U_ZERO_ERROR;
            uregex_setTimeLimit(q->re, options->time_limit, &st);
        }
    } else {
        q->folds = yd_fold_resolve(folds, pattern, length);
        q->table = yd_fold_table(fold, q->folds);
        q->literal = malloc((size_t)length * sizeof *q->literal);
        if (!q->literal) {
            free(q);
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        }
        yd_fold_apply(q->table, pattern, q->literal, length);
        q->length = length;
        q->first_n = class_of(q->table, q->literal[0], q->first);
        q->last_n = class_of(q->table, q->literal[length - 1], q->last);
        if (!q->first_n || !q->last_n)
            q->first_n = q->last_n = 0;
    }
    *out = q;
    return YD_OK;
}

yd_status yd_query_compile_utf8(yd_query **out, const yd_fold *fold, const char *pattern,
                                const yd_query_options *options, yd_error *err)
{
    *out = NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8WithSub(NULL, 0, &n, pattern, -1, 0xFFFD, NULL, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "pattern is not UTF-8");
    UChar *u = malloc(((size_t)n + 1) * sizeof *u);
    if (!u)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    st = U_ZERO_ERROR;
    u_strFromUTF8WithSub(u, n + 1, NULL, pattern, -1, 0xFFFD, NULL, &st);
    yd_status s = U_FAILURE(st) ? yd_error_set(err, YD_EINVAL, "pattern is not UTF-8")
                                : yd_query_compile(out, fold, u, n, options, err);
    free(u);
    return s;
}

yd_status yd_query_clone(yd_query **out, const yd_query *query, yd_error *err)
{
    *out = NULL;
    yd_query *q = calloc(1, sizeof *q);
    if (!q)
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    *q = *query;
    q->literal = NULL;
    q->re = NULL;
    q->cancelled = NULL; /* the other thread has its own reasons to stop */
    q->cancel_context = NULL;
    UErrorCode st = U_ZERO_ERROR;
    if (query->literal) {
        q->literal = malloc((size_t)query->length * sizeof *q->literal);
        if (q->literal)
            memcpy(q->literal, query->literal, (size_t)query->length * sizeof *q->literal);
    } else {
        q->re = uregex_clone(query->re, &st);
        /* A clone is a new matcher: ICU does not carry the time limit over. */
        if (q->re && U_SUCCESS(st)) {
            int32_t limit = uregex_getTimeLimit(query->re, &st);
            if (U_SUCCESS(st) && limit > 0)
                uregex_setTimeLimit(q->re, limit, &st);
        }
    }
    if (!q->literal && !q->re) {
        free(q);
        return yd_error_set(err, YD_ENOMEM, "out of memory");
    }
    *out = q;
    return YD_OK;
}

void yd_query_free(yd_query *query)
{
    if (!query)
        return;
    free(query->literal);
    if (query->re)
        uregex_close(query->re);
    free(query);
}

unsigned yd_query_folds(const yd_query *query) { return query->folds; }

const UChar *yd_query_literal(const yd_query *query, int32_t *length)
{
    *length = query->literal ? query->length : 0;
    return query->literal;
}

const UChar *yd_query_table(const yd_query *query) { return query->table; }

/* ---- shadows ---- */

static const UChar *build_shadow(yd_shadow *shadow, const UChar *table, unsigned folds, const yd_document *doc,
                                 yd_error *err)
{
    if (shadow->folded[folds])
        return shadow->folded[folds];
    UChar *s = malloc(((size_t)doc->length + 1) * sizeof *s);
    if (!s) {
        yd_error_set(err, YD_ENOMEM, "out of memory");
        return NULL;
    }
    yd_fold_apply(table, doc->text, s, doc->length);
    s[doc->length] = 0;
    shadow->folded[folds] = s;
    return s;
}

const UChar *yd_shadow_get(yd_shadow *shadow, const yd_fold *fold, const yd_document *doc, unsigned folds,
                           yd_error *err)
{
    folds &= YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT;
    return build_shadow(shadow, yd_fold_table(fold, folds), folds, doc, err);
}

void yd_shadow_trim(yd_shadow *shadow, unsigned keep_folds)
{
    for (unsigned k = 0; k < YD_FOLD_TABLES; k++)
        if (keep_folds == ~0u || k != (keep_folds & (YD_FOLD_TABLES - 1))) {
            free(shadow->folded[k]);
            shadow->folded[k] = NULL;
        }
}

void yd_shadow_free(yd_shadow *shadow) { yd_shadow_trim(shadow, ~0u); }

/* ---- searching ---- */

/* The shadow of doc that the query's folds need. */
static const UChar *shadow_for(yd_query *q, const yd_document *doc, yd_shadow *shadow, yd_error *err)
{
    return build_shadow(shadow, q->table, q->folds, doc, err);
}

/* ---- stopping early ---- */

enum { CANCEL_EVERY_HITS = 4096, CANCEL_EVERY_POSITIONS = 65536 };

static int cancel_asked(const yd_query *q) { return q->cancelled && q->cancelled(q->cancel_context); }

/* ICU calls this inside a long match (every so many steps of its engine)
 * and this after each start position a find tries: asking on each would
 * cost a call per character, so every CANCEL_EVERY_POSITIONS. */
static UBool U_CALLCONV match_goes_on(const void *context, int32_t steps)
{
    (void)steps;
    return !cancel_asked(context);
}

static UBool U_CALLCONV find_goes_on(const void *context, int64_t index)
{
    (void)index;
    yd_query *q = (yd_query *)(uintptr_t)context; /* ICU passes our own pointer back as const */
    return ++q->progress_calls % CANCEL_EVERY_POSITIONS != 0 || !cancel_asked(q);
}

yd_status yd_query_set_cancel(yd_query *query, yd_search_cancel_fn cancelled, void *context, yd_error *err)
{
    query->cancelled = cancelled;
    query->cancel_context = context;
    if (!query->re)
        return YD_OK;
    UErrorCode st = U_ZERO_ERROR;
    uregex_setMatchCallback(query->re, cancelled ? match_goes_on : NULL, query, &st);
    uregex_setFindProgressCallback(query->re, cancelled ? find_goes_on : NULL, query, &st);
    if (U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "regular expression: %s", u_errorName(st));
    return YD_OK;
}

static yd_status cancelled_search(yd_error *err) { return yd_error_set(err, YD_ECANCELED, "search cancelled"); }

/* After each hit pushed: time to ask whether to stop? */
static int cancel_due(const yd_query *q, const yd_hits *hits)
{
    return hits->count % CANCEL_EVERY_HITS == 0 && cancel_asked(q);
}

static yd_status push(yd_hits *hits, int32_t offset, int32_t length, yd_error *err)
{
    if (hits->count == hits->capacity) {
        size_t cap = hits->capacity ? hits->capacity * 2 : 16;
        yd_hit *items = realloc(hits->items, cap * sizeof *items);
        if (!items)
            return yd_error_set(err, YD_ENOMEM, "out of memory");
        hits->items = items;
        hits->capacity = cap;
    }
    hits->items[hits->count++] = (yd_hit){offset, length};
    return YD_OK;
}

/* Next regex hit at or after from in text (the shadow, of n units); 0 when
 * none, -1 on error. */
static int regex_next(yd_query *q, const UChar *text, int32_t *from, int32_t n, yd_hit *hit, yd_error *err)
{
    while (*from <= n) {
        UErrorCode st = U_ZERO_ERROR;
        if (!uregex_find(q->re, *from, &st)) {
            if (st == U_REGEX_STOPPED_BY_CALLER) {
                cancelled_search(err);
                return -1;
            }
            if (st == U_REGEX_TIME_OUT || st == U_REGEX_STACK_OVERFLOW) {
                yd_error_set(err, YD_EINVAL, "regular expression too slow on this text: gave up");
                return -1;
            }
            if (U_FAILURE(st)) {
                yd_error_set(err, YD_EINVAL, "regular expression failed: %s", u_errorName(st));
                return -1;
            }
            return 0;
        }
        int32_t start = uregex_start(q->re, 0, &st), end = uregex_end(q->re, 0, &st);
        if (U_FAILURE(st)) {
            yd_error_set(err, YD_EINVAL, "regular expression failed: %s", u_errorName(st));
            return -1;
        }
        if (end > start) {
            *hit = (yd_hit){start, end - start};
            *from = end;
            return 1;
        }
        /* An empty match highlights nothing: look again one character on. */
        *from = start + 1;
        if (*from < n && U16_IS_TRAIL(text[*from]))
            (*from)++;
    }
    return 0;
}

static yd_status regex_start(yd_query *q, const UChar *text, int32_t n, yd_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    uregex_setText(q->re, text, n, &st);
    if (U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "regular expression failed: %s", u_errorName(st));
    return YD_OK;
}

yd_status yd_search_document(yd_query *query, const yd_document *doc, yd_shadow *shadow, yd_hits *hits,
                             yd_error *err)
{
    hits->count = 0;
    int32_t n = doc->length;
    /* No shadow yet: scan the original rather than build one (the shadow
     * is faster once it exists, when a class is large). */
    if (query->first_n && !shadow->folded[query->folds]) {
        int32_t m = query->length;
        for (int32_t at = find_in_original(query, doc->text, n, 0); at >= 0;
             at = find_in_original(query, doc->text, n, at + m)) {
            if (push(hits, at, m, err) != YD_OK)
                return YD_ENOMEM;
            if (cancel_due(query, hits))
                return cancelled_search(err);
        }
        return YD_OK;
    }
    const UChar *s = shadow_for(query, doc, shadow, err);
    if (!s)
        return YD_ENOMEM;
    if (query->literal) {
        const UChar *p = query->literal;
        int32_t m = query->length;
        for (int32_t at = find_literal(s, n, p, m, 0); at >= 0; at = find_literal(s, n, p, m, at + m)) {
            if (push(hits, at, m, err) != YD_OK)
                return YD_ENOMEM;
            if (cancel_due(query, hits))
                return cancelled_search(err);
        }
        return YD_OK;
    }
    yd_status st = regex_start(query, s, n, err);
    if (st != YD_OK)
        return st;
    int32_t from = 0;
    yd_hit hit;
    int r;
    yd_status result = YD_OK;
    while ((r = regex_next(query, s, &from, n, &hit, err)) > 0)
        if ((result = push(hits, hit.offset, hit.length, err)) != YD_OK)
            break;
    if (r < 0)
        result = err ? err->code : YD_EINVAL;
    /* Leave no pointer to the shadow behind in the matcher. */
    UErrorCode ignored = U_ZERO_ERROR;
    uregex_setText(query->re, u"", 0, &ignored);
    return result;
}

yd_status yd_search_from(yd_query *query, const yd_document *doc, yd_shadow *shadow, int32_t offset, yd_hit *hit,
                         int *found, yd_error *err)
{
    *found = 0;
    int32_t n = doc->length;
    if (offset < 0)
        offset = 0;
    if (offset > n)
        return YD_OK;
    if (query->first_n && !shadow->folded[query->folds]) {
        int32_t at = find_in_original(query, doc->text, n, offset);
        if (at >= 0) {
            *hit = (yd_hit){at, query->length};
            *found = 1;
        }
        return YD_OK;
    }
    const UChar *s = shadow_for(query, doc, shadow, err);
    if (!s)
        return YD_ENOMEM;
    if (query->literal) {
        int32_t at = find_literal(s, n, query->literal, query->length, offset);
        if (at >= 0) {
            *hit = (yd_hit){at, query->length};
            *found = 1;
        }
        return YD_OK;
    }
    yd_status st = regex_start(query, s, n, err);
    if (st != YD_OK)
        return st;
    int r = regex_next(query, s, &offset, n, hit, err);
    UErrorCode ignored = U_ZERO_ERROR;
    uregex_setText(query->re, u"", 0, &ignored);
    if (r < 0)
        return err ? err->code : YD_EINVAL;
    *found = r;
    return YD_OK;
}

ssize_t yd_hits_next(const yd_hits *hits, int32_t offset)
{
    size_t lo = 0, hi = hits->count; /* first index with items[i].offset >= offset */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hits->items[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < hits->count ? (ssize_t)lo : -1;
}

ssize_t yd_hits_prev(const yd_hits *hits, int32_t offset)
{
    size_t lo = 0, hi = hits->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (hits->items[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (ssize_t)lo - 1;
}

int yd_hits_step(const yd_hits *per_doc, size_t ndocs, int forward, size_t *doc, int32_t offset, size_t *index,
                 int *wrapped)
{
    *wrapped = 0;
    if (ndocs == 0)
        return 0;
    size_t d = *doc < ndocs ? *doc : ndocs - 1;
    /* In the current document first. */
    ssize_t k = forward ? (offset == INT32_MAX ? -1 : yd_hits_next(&per_doc[d], offset + 1))
                        : yd_hits_prev(&per_doc[d], offset);
    if (k >= 0) {
        *index = (size_t)k;
        return 1;
    }
    /* Then the following (or preceding) documents, around the corpus and
     * back to the start of this one. */
    for (size_t step = 1; step <= ndocs; step++) {
        size_t e;
        if (forward) {
            e = (d + step) % ndocs;
            if (d + step >= ndocs)
                *wrapped = 1;
        } else {
            e = (d + ndocs - step % ndocs) % ndocs;
            if (step > d)
                *wrapped = 1;
        }
        if (per_doc[e].count > 0) {
            *doc = e;
            *index = forward ? 0 : per_doc[e].count - 1;
            return 1;
        }
    }
    *wrapped = 0;
    return 0;
}

size_t yd_hits_rank(const yd_hits *per_doc, size_t ndocs, size_t doc, size_t index, size_t *total,
                    size_t *documents)
{
    size_t rank = 0, all = 0, docs = 0;
    for (size_t k = 0; k < ndocs; k++) {
        if (k < doc)
            rank += per_doc[k].count;
        all += per_doc[k].count;
        docs += per_doc[k].count > 0;
    }
    if (total)
        *total = all;
    if (documents)
        *documents = docs;
    return rank + index + 1;
}

void yd_hits_free(yd_hits *hits)
{
    free(hits->items);
    *hits = (yd_hits){0};
}


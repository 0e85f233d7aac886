/* Search folding tables (see fold.h).
 *
 * Building: gather the one-to-one BMP mappings of each fold from ICU
 * (simple case folding, NFKC, NFKC_Casefold, the two Han transliterators),
 * then for every combination of folds join each character with its images
 * (union-find) and give every member of a class the class's
 * representative. The representative is a member that no enabled fold maps
 * further (a "fixed point": lower case, half width, Simplified); when a
 * class has several, the one most mappings lead to, then the lowest. This
 * keeps ASCII ranges and \d meaningful in a regex run on the folded text. */
#include "yuedu/fold.h"
#include "fold_internal.h"
#include "han_map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uset.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#define UNITS 65536

/* The raw mappings, identity where a fold leaves a unit alone. */
typedef struct fold_maps {
    UChar case_map[UNITS];  /* simple case folding */
    UChar width[UNITS];     /* NFKC */
    UChar casewidth[UNITS]; /* NFKC_Casefold */
    UChar punct[UNITS];     /* curly to straight quotes, dashes, dots */
    UChar t2s[UNITS];       /* Traditional-Simplified, Han to Han */
    UChar s2t[UNITS];       /* Simplified-Traditional, Han to Han */
} fold_maps;

static int is_surrogate(int32_t c) { return c >= 0xD800 && c <= 0xDFFF; }

/* n2 applied to the single BMP character c, when the result is one BMP
 * character; else c. */
static UChar normalize_one(const UNormalizer2 *n2, UChar c)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar out[8];
    /* Characters without a mapping are the vast majority: skip them fast. */
    if (unorm2_isNormalized(n2, &c, 1, &st) && U_SUCCESS(st))
        return c;
    st = U_ZERO_ERROR;
    int32_t n = unorm2_normalize(n2, &c, 1, out, 8, &st);
    if (U_FAILURE(st) || n != 1 || is_surrogate(out[0]))
        return c;
    return out[0];
}

static int is_han(UChar32 c)
{
    UErrorCode st = U_ZERO_ERROR;
    return uscript_getScript(c, &st) == USCRIPT_HAN && U_SUCCESS(st);
}

/* Fill map (already identity) from the transliterator named id: every BMP
 * Han character it changes into exactly one other BMP Han character. Also
 * used by script display (script.c, han_map.h). */
yd_status yd_han_translit_map(const UChar *id, UChar *map, yd_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "cannot open ICU's Han transliterator: %s", u_errorName(st));
    USet *set = uset_openEmpty();
    utrans_getSourceSet(t, 0, set, &st);
    if (U_FAILURE(st)) {
        uset_close(set);
        utrans_close(t);
        return yd_error_set(err, YD_EINVAL, "cannot read ICU's Han transliterator: %s", u_errorName(st));
    }
    int32_t items = uset_getItemCount(set);
    for (int32_t i = 0; i < items; i++) {
        UChar32 lo, hi;
        UChar str[4];
        st = U_ZERO_ERROR;
        if (uset_getItem(set, i, &lo, &hi, str, 4, &st) != 0)
            continue; /* a string item: a many-to-something rule */
        if (hi > 0xFFFF)
            hi = 0xFFFF;
        for (UChar32 c = lo; c <= hi; c++) {
            if (is_surrogate(c) || !is_han(c))
                continue;
            UChar buf[8] = {(UChar)c};
            int32_t len = 1, limit = 1;
            st = U_ZERO_ERROR;
            utrans_transUChars(t, buf, &len, 8, 0, &limit, &st);
            if (U_SUCCESS(st) && len == 1 && buf[0] != c && !is_surrogate(buf[0]) && is_han(buf[0]))
                map[c] = buf[0];
        }
    }
    uset_close(set);
    utrans_close(t);
    return YD_OK;
}

/* Punctuation that people type one way and documents write another, which
 * NFKC leaves apart because the marks are not compatibility forms of each
 * other: "中文引号" should find “中文引号”, -- should find ——, and the
 * middle dot of a transliterated name has three spellings. Part of the
 * width fold. Each maps to the ASCII (or Latin-1) mark, which is then the
 * class's representative. Corner brackets 「」 stay apart from “”: they
 * are a convention of Traditional texts, not another width of a mark. */
static const struct {
    UChar from, to;
} punctuation_pairs[] = {
    {0x201C, '"'},    {0x201D, '"'},    {0x201E, '"'},    {0x201F, '"'},    {0x2033, '"'},
    {0x301D, '"'},    {0x301E, '"'},    {0x301F, '"'},    /* “ ” „ ‟ ″ 〝 〞 〟 */
    {0x2018, '\''},   {0x2019, '\''},   {0x201A, '\''},   {0x201B, '\''},   {0x2032, '\''}, /* ‘ ’ ‚ ‛ ′ */
    {0x2010, '-'},    {0x2012, '-'},    {0x2013, '-'},    {0x2014, '-'},    {0x2015, '-'},
    {0x2212, '-'},    /* ‐ ‒ – — ― − */
    {0x30FB, 0x00B7}, {0x2027, 0x00B7}, /* ・ ‧ to · */
    {0x301C, '~'},    /* 〜 wave dash (～ is NFKC's already) */
};

static yd_status gather(fold_maps *m, yd_error *err)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&st);
    const UNormalizer2 *nfkc_cf = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st))
        return yd_error_set(err, YD_EINVAL, "cannot load ICU's normalization data: %s", u_errorName(st));
    for (int32_t c = 0; c < UNITS; c++) {
        UChar u = (UChar)c;
        m->case_map[c] = m->width[c] = m->casewidth[c] = m->punct[c] = m->t2s[c] = m->s2t[c] = u;
        if (is_surrogate(c))
            continue;
        UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
        if (f <= 0xFFFF && !is_surrogate(f))
            m->case_map[c] = (UChar)f;
        m->width[c] = normalize_one(nfkc, u);
        m->casewidth[c] = normalize_one(nfkc_cf, u);
    }
    for (size_t i = 0; i < sizeof punctuation_pairs / sizeof punctuation_pairs[0]; i++)
        m->punct[punctuation_pairs[i].from] = punctuation_pairs[i].to;
    static const UChar t2s_id[] = u"Traditional-Simplified";
    static const UChar s2t_id[] = u"Simplified-Traditional";
    yd_status s = yd_han_translit_map(t2s_id, m->t2s, err);
    if (s == YD_OK)
        s = yd_han_translit_map(s2t_id, m->s2t, err);
    return s;
}

/* Scratch space for one table's build. */
typedef struct classes {
    int32_t parent[UNITS];
    int32_t best[UNITS];     /* per root: the representative so far, or -1 */
    uint16_t indegree[UNITS];
    unsigned char mapped[UNITS]; /* an enabled fold maps this unit further */
} classes;

static int32_t find(classes *k, int32_t x)
{
    while (k->parent[x] != x) {
        k->parent[x] = k->parent[k->parent[x]];
        x = k->parent[x];
    }
    return x;
}

static void join(classes *k, int32_t a, int32_t b)
{
    a = find(k, a);
    b = find(k, b);
    if (a != b)
        k->parent[a < b ? b : a] = a < b ? a : b;
}

static void directed(classes *k, const UChar *map)
{
    for (int32_t c = 0; c < UNITS; c++)
        if (map[c] != c) {
            join(k, c, map[c]);
            k->mapped[c] = 1;
            if (k->indegree[map[c]] < UINT16_MAX)
                k->indegree[map[c]]++;
        }
}

/* Is a a better representative than b? */
static int better(const classes *k, int32_t a, int32_t b)
{
    if (k->mapped[a] != k->mapped[b])
        return !k->mapped[a];
    if (k->indegree[a] != k->indegree[b])
        return k->indegree[a] > k->indegree[b];
    return a < b;
}

static void build_table(const fold_maps *m, unsigned folds, classes *k, UChar *table)
{
    for (int32_t c = 0; c < UNITS; c++) {
        k->parent[c] = c;
        k->best[c] = -1;
    }
    memset(k->indegree, 0, sizeof k->indegree);
    memset(k->mapped, 0, sizeof k->mapped);
    if (folds & YD_FOLD_CASE)
        directed(k, m->case_map);
    if (folds & YD_FOLD_WIDTH) {
        directed(k, m->width);
        directed(k, m->punct);
    }
    if ((folds & YD_FOLD_CASE) && (folds & YD_FOLD_WIDTH))
        directed(k, m->casewidth);
    if (folds & YD_FOLD_SCRIPT) {
        directed(k, m->t2s);
        /* Simplified → Traditional is one-to-many in meaning (发 → 發, 髮);
         * its edges only join classes, they never choose the representative. */
        for (int32_t c = 0; c < UNITS; c++)
            if (m->s2t[c] != c)
                join(k, c, m->s2t[c]);
    }
    for (int32_t c = 0; c < UNITS; c++) {
        int32_t r = find(k, c);
        if (k->best[r] < 0 || better(k, c, k->best[r]))
            k->best[r] = c;
    }
    for (int32_t c = 0; c < UNITS; c++)
        table[c] = (UChar)k->best[find(k, c)];
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

yd_status yd_fold_new(yd_fold **out, double *build_ms, yd_error *err)
{
    double t0 = now_ms();
    *out = NULL;
    yd_fold *f = malloc(sizeof *f);
    fold_maps *m = malloc(sizeof *m);
    classes *k = malloc(sizeof *k);
    yd_status s = YD_OK;
    if (!f || !m || !k) {
        s = yd_error_set(err, YD_ENOMEM, "out of memory");
        goto fail;
    }
    s = gather(m, err);
    if (s != YD_OK)
        goto fail;
    for (unsigned folds = 0; folds < YD_FOLD_TABLES; folds++)
        build_table(m, folds, k, f->tables[folds]);
    free(m);
    free(k);
    *out = f;
    if (build_ms)
        *build_ms = now_ms() - t0;
    return YD_OK;
fail:
    free(f);
    free(m);
    free(k);
    return s;
}

void yd_fold_free(yd_fold *fold) { free(fold); }

const UChar *yd_fold_table(const yd_fold *fold, unsigned folds)
{
    return fold->tables[folds & (YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT)];
}

void yd_fold_apply(const UChar *table, const UChar *src, UChar *dst, int32_t n)
{
    for (int32_t i = 0; i < n; i++)
        dst[i] = table[src[i]];
}

unsigned yd_fold_resolve(unsigned folds, const UChar *chars, int32_t n)
{
    unsigned out = folds & (YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT);
    if ((folds & YD_FOLD_SMART_CASE) && !(folds & YD_FOLD_CASE)) {
        int upper = 0;
        for (int32_t i = 0; i < n && !upper;) {
            UChar32 c;
            U16_NEXT(chars, i, n, c);
            upper = u_isUUppercase(c) || u_charType(c) == U_TITLECASE_LETTER;
        }
        if (!upper)
            out |= YD_FOLD_CASE;
    }
    return out;
}

yd_status yd_fold_parse(const char *list, unsigned *folds, yd_error *err)
{
    unsigned f = 0;
    const char *p = list;
    int words = 0, none = 0;
    while (*p) {
        size_t n = strcspn(p, ",");
        if (n == 0) {
            p++;
            continue;
        }
        words++;
        if (n == 4 && strncasecmp(p, "case", n) == 0)
            f |= YD_FOLD_CASE;
        else if ((n == 10 && strncasecmp(p, "smart-case", n) == 0) ||
                 (n == 9 && strncasecmp(p, "smartcase", n) == 0))
            f |= YD_FOLD_SMART_CASE;
        else if (n == 5 && strncasecmp(p, "width", n) == 0)
            f |= YD_FOLD_WIDTH;
        else if (n == 6 && strncasecmp(p, "script", n) == 0)
            f |= YD_FOLD_SCRIPT;
        else if (n == 7 && strncasecmp(p, "numbers", n) == 0)
            f |= YD_FOLD_NUMBERS;
        else if (n == 4 && strncasecmp(p, "none", n) == 0)
            none = 1;
        else if (n == 7 && strncasecmp(p, "default", n) == 0)
            f |= YD_FOLD_DEFAULT;
        else
            return yd_error_set(err, YD_EINVAL,
                                "unknown fold '%.*s' (case, smart-case, width, script, numbers, none, default)", (int)n, p);
        p += n;
    }
    if (words == 0)
        return yd_error_set(err, YD_EINVAL, "empty fold list (case, smart-case, width, script, numbers, none, default)");
    if (none && words > 1)
        return yd_error_set(err, YD_EINVAL, "'none' cannot be combined with other folds");
    if (f & YD_FOLD_CASE)
        f &= ~(unsigned)YD_FOLD_SMART_CASE;
    *folds = f;
    return YD_OK;
}

const char *yd_fold_describe(unsigned folds, char *buf, size_t size)
{
    if (size == 0)
        return buf;
    buf[0] = 0;
    size_t used = 0;
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{YD_FOLD_CASE, "case"},
                 {YD_FOLD_SMART_CASE, "smart-case"},
                 {YD_FOLD_WIDTH, "width"},
                 {YD_FOLD_SCRIPT, "script"},
                 {YD_FOLD_NUMBERS, "numbers"}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (folds & names[i].bit) {
            int n = snprintf(buf + used, size - used, "%s%s", used ? "," : "", names[i].name);
            if (n < 0 || (size_t)n >= size - used)
                return buf;
            used += (size_t)n;
        }
    if (used == 0)
        snprintf(buf, size, "none");
    return buf;
}

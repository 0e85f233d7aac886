/* Search on UTF-8 bytes against search on the loaded document: the same
 * hits, at the same places, for every fold pair and on random text full of
 * what the loader rewrites (CR, CRLF, ill-formed bytes, a byte order mark,
 * characters outside the BMP); queries the bytes cannot answer refused;
 * counting in ranges adds up to counting the whole. */
#include "test_util.h"
#include "yuedu/byte_search.h"

static yd_fold *fold;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    if (yd_fold_new(&fold, NULL, &err) != YD_OK) {
        fprintf(stderr, "fold tables: %s\n", err.message);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    yd_fold_free(fold);
    return 0;
}

static const yd_load_options as_utf8 = {.encoding = "utf-8"};

/* UTF-16 offset in the loaded document of byte `at` of bytes: the length
 * of the document loaded from the bytes before it. */
static int32_t unit_offset(const unsigned char *bytes, size_t at)
{
    if (at == 0)
        return 0;
    yd_document d;
    yd_error err = {0};
    if (yd_document_from_bytes(&d, "prefix", bytes, at, &as_utf8, &err) != YD_OK)
        fail_msg("load prefix: %s", err.message);
    int32_t n = d.length;
    yd_document_free(&d);
    return n;
}

typedef struct compared {
    size_t hits;   /* found by both */
    int refused;   /* the byte matcher declined the query */
} compared;

/* Search pattern (UTF-16) in bytes both ways and check every hit. */
static compared compare_u16(const unsigned char *bytes, size_t n, const UChar *pattern, int32_t m, unsigned folds)
{
    compared out = {0};
    yd_error err = {0};
    yd_document d;
    if (yd_document_from_bytes(&d, "mem", bytes, n, &as_utf8, &err) != YD_OK)
        fail_msg("load: %s", err.message);
    yd_query *q;
    yd_query_options o = {.folds = folds};
    if (yd_query_compile(&q, fold, pattern, m, &o, &err) != YD_OK)
        fail_msg("compile: %s", err.message);
    yd_byte_query *b;
    assert_int_equal(yd_byte_query_new(&b, q, &err), YD_OK);
    yd_shadow shadow = {0};
    yd_hits hits = {0};
    assert_int_equal(yd_search_document(q, &d, &shadow, &hits, &err), YD_OK);
    if (!b) {
        out.refused = 1;
    } else {
        size_t start = yd_utf8_text_start(bytes, n, 0), at = 0, s, e, k = 0;
        const unsigned char *text = bytes + start;
        size_t len = n - start;
        while (yd_byte_find(b, text, len, at, &s, &e)) {
            if (k >= hits.count)
                fail_msg("bytes found a hit at byte %zu that the document has not (%zu hits)", s, hits.count);
            int32_t us = unit_offset(bytes, start + s), ue = unit_offset(bytes, start + e);
            if (us != hits.items[k].offset || ue - us != hits.items[k].length)
                fail_msg("hit %zu: bytes %zu..%zu are units %d+%d, the document has %d+%d", k, s, e, (int)us,
                         (int)(ue - us), (int)hits.items[k].offset, (int)hits.items[k].length);
            k++;
            at = e;
        }
        if (k != hits.count)
            fail_msg("bytes found %zu hits, the document %zu", k, hits.count);
        assert_int_equal(yd_byte_count(b, text, len, 0, len), hits.count);
        out.hits = hits.count;
    }
    yd_hits_free(&hits);
    yd_shadow_free(&shadow);
    yd_byte_query_free(b);
    yd_query_free(q);
    yd_document_free(&d);
    return out;
}

static compared compare(const char *text, const char *pattern, unsigned folds)
{
    UChar u[256];
    int32_t m = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 256, &m, pattern, -1, &st);
    assert_true(U_SUCCESS(st));
    return compare_u16((const unsigned char *)text, strlen(text), u, m, folds);
}

static void test_examples(void **state)
{
    (void)state;
    assert_int_equal(compare("人民法院和人民法院，黨建与党建", "人民法院", YD_FOLD_DEFAULT).hits, 2);
    assert_int_equal(compare("黨建与党建，党建", "党建", YD_FOLD_DEFAULT).hits, 3);
    assert_int_equal(compare("黨建与党建", "党建", YD_FOLD_NONE).hits, 1);
    assert_int_equal(compare("Search ＳＥＡＲＣＨ search", "search", YD_FOLD_DEFAULT).hits, 3);
    assert_int_equal(compare("Search ＳＥＡＲＣＨ search", "Search", YD_FOLD_DEFAULT).hits, 1);
    /* Overlapping candidates: taken left to right, as the document does. */
    assert_int_equal(compare("哈哈哈哈哈", "哈哈", YD_FOLD_DEFAULT).hits, 2);
    assert_int_equal(compare("aaaa", "aa", YD_FOLD_DEFAULT).hits, 2);
    /* A hit at the very start and at the very end, and after a BOM. */
    assert_int_equal(compare("中文", "中", YD_FOLD_DEFAULT).hits, 1);
    assert_int_equal(compare("\xEF\xBB\xBF中文中", "中", YD_FOLD_DEFAULT).hits, 2);
    /* Outside the BMP: the character itself. */
    assert_int_equal(compare("𠀀a𠀀", "𠀀", YD_FOLD_DEFAULT).hits, 2);
    /* Ill-formed bytes next to a hit and inside what looks like one. */
    assert_int_equal(compare("\xE4\xB8\xE4\xB8\xAD\x80\xE4\xB8\xAD", "中", YD_FOLD_DEFAULT).hits, 2);
    assert_int_equal(compare("\xE4\xB8\xAD\xAD\xE6\x96\x87", "中文", YD_FOLD_DEFAULT).hits, 0);
    /* Overlong forms of A (C1 81, E0 81 81) before a hit are not A. */
    assert_int_equal(compare("\xC1\x81中 \xE0\x81\x81中 A中", "A中", YD_FOLD_DEFAULT).hits, 1);
    /* Line ends inside a text around hits. */
    assert_int_equal(compare("中\r\n文\r中\n文", "文", YD_FOLD_DEFAULT).hits, 2);
}

/* Queries the bytes cannot answer go to the document. */
static void test_refused(void **state)
{
    (void)state;
    assert_true(compare("a\r\nb", "a\nb", YD_FOLD_DEFAULT).refused);
    assert_true(compare("a\xFF" "b", "a\xEF\xBF\xBD" "b", YD_FOLD_DEFAULT).refused);
    assert_false(compare("ab", "ab", YD_FOLD_DEFAULT).refused);
    /* A lone surrogate in a UTF-16 pattern. */
    UChar lone[] = {0xD800, 'a'};
    assert_true(compare_u16((const unsigned char *)"ab", 2, lone, 2, YD_FOLD_DEFAULT).refused);
    /* A regex. */
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT, .regex = 1};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "a+", &o, &err), YD_OK);
    yd_byte_query *b = (yd_byte_query *)1;
    assert_int_equal(yd_byte_query_new(&b, q, &err), YD_OK);
    assert_null(b);
    yd_query_free(q);
}

static size_t put_utf8(unsigned char *out, UChar32 c)
{
    UBool bad = 0;
    int32_t i = 0;
    U8_APPEND((uint8_t *)out, i, 4, c, bad);
    return bad ? 0 : (size_t)i;
}

/* Every character that some fold maps to another (each table), found by
 * its class's representative and by itself, between neighbours that fold
 * to nothing like it. */
static void test_every_fold_pair(void **state)
{
    (void)state;
    static const unsigned folds_of[] = {YD_FOLD_CASE, YD_FOLD_WIDTH, YD_FOLD_SCRIPT,
                                        YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT};
    size_t pairs = 0;
    for (size_t f = 0; f < sizeof folds_of / sizeof folds_of[0]; f++) {
        const UChar *table = yd_fold_table(fold, folds_of[f]);
        /* Every member of a class in one text, then one query per class
         * with a member as the anchor: its keys are what is at stake. */
        unsigned char *text = malloc(65536 * 12);
        int32_t *first = malloc(65536 * sizeof *first), *chain = malloc(65536 * sizeof *chain);
        assert_true(text && first && chain);
        /* The members of each class, as a list from its representative. */
        for (int32_t c = 0; c < 65536; c++)
            first[c] = chain[c] = -1;
        for (int32_t c = 65535; c >= 0; c--)
            if (!U_IS_SURROGATE(c) && table[c] != c) {
                chain[c] = first[table[c]];
                first[table[c]] = c;
            }
        for (int32_t rep = 0; rep < 65536; rep++) {
            if (first[rep] < 0)
                continue;
            size_t n = 0, members = 0;
            UChar32 other = -1;
            /* Separators of other classes than this one. */
            UChar32 sep = table['#'] == rep ? '@' : '#';
            UChar32 next = table[0x4E00] == rep ? 0x4E8C : 0x4E00; /* 一, or 二 */
            for (int32_t c = first[rep]; c >= 0; c = chain[c]) {
                n += put_utf8(text + n, sep);
                n += put_utf8(text + n, c);
                n += put_utf8(text + n, next);
                members++;
                other = c;
            }
            if (members == 0)
                continue;
            n += put_utf8(text + n, rep);
            UChar p[2] = {(UChar)rep, (UChar)next};
            compared r = compare_u16(text, n, p, 1, folds_of[f]);
            if (r.refused)
                continue; /* a class of line ends or of U+FFFD */
            if (r.hits != members + 1)
                fail_msg("folds %u, class of U+%04X: %zu hits for %zu members", folds_of[f], (unsigned)rep, r.hits,
                         members + 1);
            /* Two characters: the member then its neighbour. */
            p[0] = (UChar)other;
            compare_u16(text, n, p, 2, folds_of[f]);
            pairs += members;
        }
        free(text);
        free(first);
        free(chain);
    }
    printf("# %zu fold pairs\n", pairs);
    assert_true(pairs > 1000);
}

/* Pieces of text the generator strings together. */
static const char *const pieces[] = {
    "中", "文", "黨", "党", "建", "里", "裡", "裏", "发", "發", "髮", "人民", "法院", "a", "A", "ａ", "Ａ", "b",
    "B", " ", "\xE3\x80\x80", "\n", "\r", "\r\n", "\xEF\xBF\xBD", "\x80", "\xE4\xB8", "\xC0", "\xF5",
    "\xE0\x80\x80", "\xED\xA0\x80", "\xC1\x81", "\xE0\x81\x81", "𠀀", "𠀁", "\xEF\xBB\xBF", "“", "\"", "—", "-", "·", "・", "Σ", "σ", "ς",
};

static size_t generate(unsigned char *out, size_t cap, size_t pieces_n, unsigned *seed)
{
    size_t n = 0;
    for (size_t k = 0; k < pieces_n; k++) {
        const char *p = pieces[(size_t)rand_r(seed) % (sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(p);
        if (n + len > cap)
            break;
        memcpy(out + n, p, len);
        n += len;
    }
    return n;
}

/* Random texts and random patterns (pieces strung together, and slices of
 * the text itself), every combination of folds. */
static void test_random_against_document(void **state)
{
    (void)state;
    unsigned seed = test_seed();
    unsigned char text[1200], pat[40];
    size_t compared_queries = 0, total_hits = 0;
    for (int round = 0; round < 6000; round++) {
        size_t n = generate(text, sizeof text, 20 + (size_t)rand_r(&seed) % 300, &seed);
        size_t m;
        if (rand_r(&seed) % 2 && n > 8) {
            size_t at = (size_t)rand_r(&seed) % (n - 4), len = 1 + (size_t)rand_r(&seed) % 12;
            m = at + len > n ? n - at : len;
            memcpy(pat, text + at, m);
        } else {
            m = generate(pat, sizeof pat - 1, 1 + (size_t)rand_r(&seed) % 4, &seed);
        }
        pat[m] = 0;
        UChar u[64];
        int32_t um = 0;
        UErrorCode st = U_ZERO_ERROR;
        u_strFromUTF8WithSub(u, 64, &um, (const char *)pat, (int32_t)m, 0xFFFD, NULL, &st);
        if (U_FAILURE(st) || um == 0)
            continue;
        unsigned folds = (unsigned)rand_r(&seed) % 16;
        compared r = compare_u16(text, n, u, um, folds);
        compared_queries += !r.refused;
        total_hits += r.hits;
    }
    printf("# %zu queries compared, %zu hits\n", compared_queries, total_hits);
    assert_true(compared_queries > 1000 && total_hits > 1000);
}

/* Counting hits that start in consecutive ranges adds up to the whole,
 * for a query whose hits cannot overlap, wherever the ranges are cut. */
static void test_ranges_add_up(void **state)
{
    (void)state;
    unsigned seed = test_seed();
    unsigned char text[4000];
    size_t n = generate(text, sizeof text, 1500, &seed);
    static const char *const patterns[] = {"党建", "中文", "a", "人民法院", "𠀀"};
    for (size_t k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
        yd_query *q;
        yd_error err = {0};
        yd_query_options o = {.folds = YD_FOLD_DEFAULT};
        assert_int_equal(yd_query_compile_utf8(&q, fold, patterns[k], &o, &err), YD_OK);
        yd_byte_query *b;
        assert_int_equal(yd_byte_query_new(&b, q, &err), YD_OK);
        assert_non_null(b);
        assert_true(yd_byte_query_disjoint(b));
        size_t whole = yd_byte_count(b, text, n, 0, n);
        for (size_t range = 1; range < 64; range += 3) {
            size_t sum = 0;
            for (size_t from = 0; from < n; from += range)
                sum += yd_byte_count(b, text, n, from, from + range < n ? from + range : n);
            assert_int_equal(sum, whole);
        }
        yd_byte_query_free(b);
        yd_query_free(q);
    }
    /* Hits that can overlap: not to be split. */
    yd_query *q;
    yd_error err = {0};
    yd_query_options o = {.folds = YD_FOLD_DEFAULT};
    assert_int_equal(yd_query_compile_utf8(&q, fold, "哈哈", &o, &err), YD_OK);
    yd_byte_query *b;
    assert_int_equal(yd_byte_query_new(&b, q, &err), YD_OK);
    assert_false(yd_byte_query_disjoint(b));
    yd_byte_query_free(b);
    yd_query_free(q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples),        cmocka_unit_test(test_refused),
        cmocka_unit_test(test_every_fold_pair), cmocka_unit_test(test_random_against_document),
        cmocka_unit_test(test_ranges_add_up),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

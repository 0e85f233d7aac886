/* Fold tables: case, width and script folding, each switchable; classes
 * closed so every member folds alike; smart case; --fold lists. */
#include "test_util.h"
#include "yuedu/fold.h"

#include <unicode/uscript.h>
#include <unicode/utrans.h>

static yd_fold *fold;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    double ms = 0;
    if (yd_fold_new(&fold, &ms, &err) != YD_OK) {
        fprintf(stderr, "fold tables: %s\n", err.message);
        return -1;
    }
    /* A sanity bound, far above what it takes (30-60 ms; more under ASan). */
    if (ms > 5000) {
        fprintf(stderr, "fold tables took %.0f ms\n", ms);
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

/* The first character of a UTF-8 string, as one BMP unit. */
static UChar unit(const char *s)
{
    UChar u[4];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 4, &n, s, -1, &st);
    assert_false(U_FAILURE(st));
    assert_int_equal(n, 1);
    return u[0];
}

static int same(unsigned folds, const char *a, const char *b)
{
    const UChar *t = yd_fold_table(fold, folds);
    return t[unit(a)] == t[unit(b)];
}

enum { ALL = YD_FOLD_CASE | YD_FOLD_WIDTH | YD_FOLD_SCRIPT };

static void test_script(void **state)
{
    (void)state;
    assert_true(same(ALL, "党", "黨"));
    assert_true(same(ALL, "会", "會"));
    assert_true(same(ALL, "议", "議"));
    assert_true(same(YD_FOLD_SCRIPT, "里", "裡"));
    assert_true(same(YD_FOLD_SCRIPT, "里", "裏"));
    assert_true(same(YD_FOLD_SCRIPT, "裡", "裏"));
    assert_true(same(YD_FOLD_SCRIPT, "台", "臺"));
    assert_true(same(YD_FOLD_SCRIPT, "台", "颱"));
    /* The representative is the Simplified form. */
    const UChar *t = yd_fold_table(fold, YD_FOLD_SCRIPT);
    assert_int_equal(t[unit("黨")], unit("党"));
    assert_int_equal(t[unit("裏")], unit("里"));
    /* Off: no script folding. */
    assert_false(same(YD_FOLD_CASE | YD_FOLD_WIDTH, "党", "黨"));
    assert_false(same(YD_FOLD_NONE, "裡", "里"));
    /* Script folding stays within Han: 「 is not turned into “. */
    assert_false(same(YD_FOLD_SCRIPT, "「", "“"));
    /* Unrelated characters stay apart. */
    assert_false(same(ALL, "党", "建"));
}

static void test_width(void **state)
{
    (void)state;
    assert_true(same(YD_FOLD_WIDTH, "，", ","));
    assert_true(same(YD_FOLD_WIDTH, "Ａ", "A"));
    assert_true(same(YD_FOLD_WIDTH, "２", "2"));
    assert_true(same(YD_FOLD_WIDTH, "（", "("));
    assert_true(same(YD_FOLD_WIDTH, "\u3000", " "));
    assert_true(same(YD_FOLD_WIDTH, "ｶ", "カ")); /* half-width katakana */
    assert_true(same(YD_FOLD_WIDTH, "⼀", "一")); /* Kangxi radical */
    assert_false(same(YD_FOLD_WIDTH, "Ａ", "a")); /* that is case */
    /* A character whose NFKC is several (⑵ is "(2)") folds to none of them. */
    assert_false(same(YD_FOLD_WIDTH, "⑵", "("));
    assert_false(same(YD_FOLD_CASE | YD_FOLD_SCRIPT, "，", ","));
    /* 。 and . are different marks, not widths of one. */
    assert_false(same(ALL, "。", "."));
    const UChar *t = yd_fold_table(fold, YD_FOLD_WIDTH);
    assert_int_equal(t[unit("，")], ',');
}

/* Quotation marks, dashes and dots as people type them: part of width. */
static void test_punctuation(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"“", "\""}, {"”", "\""}, {"〝", "\""}, {"＂", "\""}, {"‘", "'"}, {"’", "'"}, {"＇", "'"},
        {"—", "-"},  {"–", "-"},  {"―", "-"},  {"－", "-"},  {"・", "·"}, {"‧", "·"}, {"〜", "~"},
        {"～", "~"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        if (!same(YD_FOLD_WIDTH, pairs[i][0], pairs[i][1]))
            fail_msg("%s and %s differ under width", pairs[i][0], pairs[i][1]);
        if (!same(ALL, pairs[i][0], pairs[i][1]))
            fail_msg("%s and %s differ under every fold", pairs[i][0], pairs[i][1]);
        if (same(YD_FOLD_CASE | YD_FOLD_SCRIPT, pairs[i][0], pairs[i][1]))
            fail_msg("%s and %s are equal without width", pairs[i][0], pairs[i][1]);
    }
    /* Opening and closing quotes become one mark, the ASCII one. */
    assert_true(same(YD_FOLD_WIDTH, "“", "”"));
    assert_int_equal(yd_fold_table(fold, ALL)[unit("“")], '"');
    assert_int_equal(yd_fold_table(fold, YD_FOLD_WIDTH)[unit("‧")], unit("·"));
    /* Marks of another meaning stay apart. */
    assert_false(same(ALL, "“", "'"));
    assert_false(same(ALL, "「", "\""));
    assert_false(same(ALL, "、", ","));
    assert_false(same(ALL, "…", "."));
}

static void test_case(void **state)
{
    (void)state;
    assert_true(same(YD_FOLD_CASE, "A", "a"));
    assert_true(same(YD_FOLD_CASE, "Σ", "σ"));
    assert_true(same(YD_FOLD_CASE, "Ａ", "ａ"));
    assert_false(same(YD_FOLD_WIDTH | YD_FOLD_SCRIPT, "A", "a"));
    /* Case and width together: Ａ ⇄ a, and a is the representative. */
    assert_true(same(ALL, "Ａ", "a"));
    assert_true(same(ALL, "ａ", "A"));
    assert_int_equal(yd_fold_table(fold, ALL)[unit("Ａ")], 'a');
}

static void test_none_is_identity(void **state)
{
    (void)state;
    const UChar *t = yd_fold_table(fold, YD_FOLD_NONE);
    for (int32_t c = 0; c < 65536; c++)
        if (t[c] != c)
            fail_msg("U+%04X folds to U+%04X with no folds", (unsigned)c, (unsigned)t[c]);
}

/* Closed classes: folding is idempotent and every member of a class has
 * the same image, in every table; surrogates and newlines never move. */
static void test_tables_closed(void **state)
{
    (void)state;
    for (unsigned f = 0; f < YD_FOLD_TABLES; f++) {
        const UChar *t = yd_fold_table(fold, f);
        for (int32_t c = 0; c < 65536; c++) {
            if (t[t[c]] != t[c])
                fail_msg("table %u: U+%04X -> U+%04X -> U+%04X", f, (unsigned)c, (unsigned)t[c],
                         (unsigned)t[t[c]]);
            if (c >= 0xD800 && c <= 0xDFFF && t[c] != c)
                fail_msg("table %u: surrogate U+%04X moved", f, (unsigned)c);
        }
        assert_int_equal(t['\n'], '\n');
        assert_int_equal(t[0], 0);
    }
}

static void test_apply(void **state)
{
    (void)state;
    UChar src[16], dst[16];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(src, 16, &n, "黨建，ＡＢ裡", -1, &st);
    yd_fold_apply(yd_fold_table(fold, ALL), src, dst, n);
    char *got = utf8_of(dst, n);
    assert_string_equal(got, "党建,ab里");
    free(got);
    /* In place. */
    yd_fold_apply(yd_fold_table(fold, YD_FOLD_WIDTH), src, src, n);
    got = utf8_of(src, n);
    assert_string_equal(got, "黨建,AB裡");
    free(got);
}

static unsigned resolve(unsigned folds, const char *pattern)
{
    UChar u[64];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 64, &n, pattern, -1, &st);
    return yd_fold_resolve(folds, u, n);
}

static void test_smart_case(void **state)
{
    (void)state;
    assert_int_equal(resolve(YD_FOLD_DEFAULT, "reading"), ALL);
    assert_int_equal(resolve(YD_FOLD_DEFAULT, "党建"), ALL);
    assert_int_equal(resolve(YD_FOLD_DEFAULT, "Reading"), YD_FOLD_WIDTH | YD_FOLD_SCRIPT);
    assert_int_equal(resolve(YD_FOLD_DEFAULT, "Ａ"), YD_FOLD_WIDTH | YD_FOLD_SCRIPT); /* full-width capital */
    assert_int_equal(resolve(YD_FOLD_DEFAULT, "ǅ"), YD_FOLD_WIDTH | YD_FOLD_SCRIPT);  /* title case */
    /* Forced case folding ignores capitals; no case folding stays off. */
    assert_int_equal(resolve(YD_FOLD_CASE, "Reading"), YD_FOLD_CASE);
    assert_int_equal(resolve(YD_FOLD_WIDTH, "reading"), YD_FOLD_WIDTH);
}

static void test_parse(void **state)
{
    (void)state;
    unsigned f = 99;
    yd_error err = {0};
    assert_int_equal(yd_fold_parse("case,width", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_CASE | YD_FOLD_WIDTH);
    assert_int_equal(yd_fold_parse("none", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_NONE);
    assert_int_equal(yd_fold_parse("script", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_SCRIPT);
    assert_int_equal(yd_fold_parse("smart-case,Script", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_SMART_CASE | YD_FOLD_SCRIPT);
    assert_int_equal(yd_fold_parse("default", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_DEFAULT);
    assert_int_equal(yd_fold_parse("case,smartcase", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_CASE); /* forced wins */
    assert_int_equal(yd_fold_parse("width,colour", &f, &err), YD_EINVAL);
    assert_non_null(strstr(err.message, "colour"));
    assert_int_equal(yd_fold_parse("none,case", &f, &err), YD_EINVAL);
    assert_int_equal(yd_fold_parse("", &f, &err), YD_EINVAL);
    assert_int_equal(yd_fold_parse(",", &f, &err), YD_EINVAL);

    char buf[64];
    assert_string_equal(yd_fold_describe(YD_FOLD_DEFAULT, buf, sizeof buf), "smart-case,width,script,numbers");
    assert_int_equal(yd_fold_parse("numbers", &f, &err), YD_OK);
    assert_int_equal(f, YD_FOLD_NUMBERS);
    assert_string_equal(yd_fold_describe(YD_FOLD_NONE, buf, sizeof buf), "none");
    assert_int_equal(yd_fold_parse(yd_fold_describe(YD_FOLD_CASE | YD_FOLD_SCRIPT, buf, sizeof buf), &f, &err),
                     YD_OK);
    assert_int_equal(f, YD_FOLD_CASE | YD_FOLD_SCRIPT);
}

/* c through ICU's transliterator t, when the result is one other BMP Han
 * character; else 0. The test asks ICU itself, one character at a time,
 * rather than trusting the table's own reading of it. */
static UChar transliterate_one(UTransliterator *t, UChar c)
{
    UChar buf[8] = {c};
    int32_t length = 1, limit = 1;
    UErrorCode st = U_ZERO_ERROR;
    utrans_transUChars(t, buf, &length, 8, 0, &limit, &st);
    if (U_FAILURE(st) || length != 1 || buf[0] == c || U16_IS_SURROGATE(buf[0]))
        return 0;
    UErrorCode sst = U_ZERO_ERROR;
    return uscript_getScript(buf[0], &sst) == USCRIPT_HAN ? buf[0] : 0;
}

/* Every Han character ICU's transliterators map one to one (both ways,
 * about 2,700 pairs) folds together with its image: the whole table, not
 * a sample, so a single pair dropped (說/说) is found. */
static void test_script_every_pair(void **state)
{
    (void)state;
    static const char *const ids[] = {"Traditional-Simplified", "Simplified-Traditional"};
    static const UChar *const uids[] = {u"Traditional-Simplified", u"Simplified-Traditional"};
    const UChar *t = yd_fold_table(fold, YD_FOLD_SCRIPT);
    for (int k = 0; k < 2; k++) {
        UErrorCode st = U_ZERO_ERROR;
        UTransliterator *tr = utrans_openU(uids[k], -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        assert_false(U_FAILURE(st));
        int pairs = 0, wrong = 0;
        for (UChar32 c = 0; c < 0x10000; c++) {
            UErrorCode sst = U_ZERO_ERROR;
            if (U_IS_SURROGATE(c) || uscript_getScript(c, &sst) != USCRIPT_HAN)
                continue;
            UChar image = transliterate_one(tr, (UChar)c);
            if (!image)
                continue;
            pairs++;
            if (t[c] != t[image] && wrong++ < 10)
                printf("# %s: U+%04X -> U+%04X, but they fold to U+%04X and U+%04X\n", ids[k], (unsigned)c,
                       (unsigned)image, (unsigned)t[c], (unsigned)t[image]);
        }
        utrans_close(tr);
        printf("# %s: %d pairs, %d not folded together\n", ids[k], pairs, wrong);
        assert_true(pairs > 1000);
        assert_int_equal(wrong, 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_script),         cmocka_unit_test(test_width),
        cmocka_unit_test(test_case),           cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_none_is_identity),
        cmocka_unit_test(test_tables_closed),  cmocka_unit_test(test_apply),
        cmocka_unit_test(test_smart_case),     cmocka_unit_test(test_parse),
        cmocka_unit_test(test_script_every_pair),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

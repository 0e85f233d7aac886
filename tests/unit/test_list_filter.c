/* The filter of every list (src/tui/list_view.c): a row's words match the
 * typed text literally, through a fold table, or by pinyin (full, initials,
 * mixed with Han, every reading of a polyphone); each distinct text is
 * prepared once in the cache, keyed by the text, whatever list it is in. */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <locale.h>

#include "test_util.h"
#include "../../src/tui/list_view.c"

#include "list_view_stubs.h"

static yd_pinyin *py;

static int setup(void **state)
{
    (void)state;
    yd_error err = {0};
    return yd_pinyin_new(&py, &err) == YD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    yd_pinyin_free(py);
    return 0;
}

static int match(list_words *cache, const wchar_t *words, const wchar_t *typed)
{
    list_filter f = {.typed = typed, .pinyin = py};
    return list_filter_match(&f, cache, words);
}

static void literal(void **state)
{
    (void)state;
    list_filter f = {.typed = L"ABC"};
    assert_int_equal(list_filter_match(&f, NULL, L"xabcx"), 1); /* no table: Latin case only */
    f.typed = L"民法";
    assert_int_equal(list_filter_match(&f, NULL, L"中华人民共和国民法典"), 1);
    f.typed = L"宪法";
    assert_int_equal(list_filter_match(&f, NULL, L"中华人民共和国民法典"), 0);
    f.typed = L"";
    assert_int_equal(list_filter_match(&f, NULL, L"任何"), 1);
    /* without a transliterator: letters never find Han characters */
    f.typed = L"xf";
    assert_int_equal(list_filter_match(&f, NULL, L"宪法修正案"), 0);
}

static void by_pinyin(void **state)
{
    (void)state;
    list_words cache = {0};
    assert_int_equal(match(&cache, L"宪法修正案", L"xf"), 1);         /* initials */
    assert_int_equal(match(&cache, L"宪法修正案", L"xianfa"), 1);     /* full */
    assert_int_equal(match(&cache, L"宪法修正案", L"XFxzA"), 1);      /* any case, the last one begun */
    assert_int_equal(match(&cache, L"人民法院组织法", L"人mf"), 1);   /* mixed with Han */
    assert_int_equal(match(&cache, L"中国银行的账户", L"yinhang"), 1); /* 行: every reading */
    assert_int_equal(match(&cache, L"行政复议", L"xingzheng"), 1);
    assert_int_equal(match(&cache, L"中华书局", L"zhonghua"), 1);
    assert_int_equal(match(&cache, L"宪法修正案", L"xfz"), 0);
    assert_int_equal(match(&cache, L"宪法修正案", L"rm"), 0);
    /* no cache: prepared for the call alone, the same answers */
    assert_int_equal(match(NULL, L"人民法院", L"rmfy"), 1);
    assert_int_equal(match(NULL, L"人民法院", L"rmfx"), 0);
    list_words_free(&cache);
    assert_int_equal(cache.used, 0);
}

/* Once per text: keystrokes and lists made again prepare nothing new. */
static void prepared_once(void **state)
{
    (void)state;
    list_words cache = {0};
    const wchar_t *typed[] = {L"r", L"rm", L"rmf", L"rmfy"};
    for (int pass = 0; pass < 3; pass++)
        for (size_t k = 0; k < 4; k++) {
            assert_int_equal(match(&cache, L"人民法院", typed[k]), 1);
            assert_int_equal(match(&cache, L"宪法", typed[k]), 0);
        }
    assert_int_equal(cache.used, 2);
    /* a literal match needs no pinyin */
    assert_int_equal(match(&cache, L"第一条 readme", L"readme"), 1);
    assert_int_equal(cache.used, 2);
    /* many texts: the table grows and finds every one again */
    wchar_t w[32];
    for (int k = 0; k < 3000; k++) {
        swprintf(w, 32, L"法院%d号", k);
        assert_int_equal(match(&cache, w, L"fy"), 1);
    }
    assert_int_equal(cache.used, 3002);
    for (int k = 0; k < 3000; k += 7) {
        swprintf(w, 32, L"法院%d号", k);
        assert_int_equal(match(&cache, w, L"fayuan"), 1);
    }
    assert_int_equal(cache.used, 3002);
    list_words_free(&cache);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literal),
        cmocka_unit_test(by_pinyin),
        cmocka_unit_test(prepared_once),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

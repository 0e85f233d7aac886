/* Pinyin matching of titles: full readings, initials, mixed with Han
 * characters, every reading of a polyphonic character, and nothing else. */
#include "test_util.h"
#include "yuedu/pinyin.h"

#include <unicode/ustring.h>

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

static int matches(const char *title, const char *typed)
{
    UChar t[256], q[64];
    int32_t tn = 0, qn = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(t, 256, &tn, title, -1, &st);
    u_strFromUTF8(q, 64, &qn, typed, -1, &st);
    assert_true(U_SUCCESS(st));
    yd_pinyin_title pt;
    yd_error err = {0};
    assert_int_equal(yd_pinyin_prepare(py, t, tn, &pt, &err), YD_OK);
    int m = yd_pinyin_match(py, &pt, q, qn, NULL);
    yd_pinyin_title_free(&pt);
    return m;
}

static void initials_and_full(void **state)
{
    (void)state;
    assert_true(matches("中华人民共和国宪法", "xf"));
    assert_true(matches("中华人民共和国宪法", "xianfa"));
    assert_true(matches("最高人民法院关于适用的解释", "rmfy"));
    assert_true(matches("中华人民共和国民法典", "zhonghua"));
    assert_true(matches("中华人民共和国民法典", "zhhua"));   /* zh, then hua */
    assert_true(matches("中华人民共和国民法典", "ZHONGHUA")); /* case does not matter */
    assert_true(matches("中华人民共和国民法典", "民fd"));     /* Han and pinyin mixed */
    assert_true(matches("第一章 总则", "zongze"));
    assert_true(matches("第一章 总则", "第一章 zz"));
    assert_false(matches("中华人民共和国宪法", "xx"));
    assert_false(matches("中华人民共和国宪法", "fx"));        /* order counts */
    assert_false(matches("中华人民共和国宪法", "zhonghuaxx"));
    assert_false(matches("总则", "zongzea"));
}

static void polyphones(void **state)
{
    (void)state;
    /* 行: xing and hang; 长: chang and zhang; 重: zhong and chong */
    assert_true(matches("银行业监督管理法", "yinhang"));
    assert_true(matches("行政诉讼法", "xingzheng"));
    assert_true(matches("行政诉讼法", "hz"));
    assert_true(matches("校长", "xiaozhang"));
    assert_true(matches("长城", "changcheng"));
    assert_true(matches("重庆市", "chongqing"));
    assert_true(matches("重要", "zhongyao"));
    char buf[64];
    assert_string_equal(yd_pinyin_readings(py, 0x884C /* 行 */, buf, sizeof buf), "xing hang");
    assert_string_equal(yd_pinyin_readings(py, 'a', buf, sizeof buf), "");
}

static void latin_titles(void **state)
{
    (void)state;
    /* letters of a Latin title still match as letters */
    assert_true(matches("README 说明", "readme"));
    assert_true(matches("README 说明", "me s"));
    assert_true(matches("ABC法", "abcf"));
    UChar q[] = u"xf";
    assert_true(yd_pinyin_wanted(q, 2));
    UChar h[] = u"宪法";
    assert_false(yd_pinyin_wanted(h, 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(initials_and_full),
        cmocka_unit_test(polyphones),
        cmocka_unit_test(latin_titles),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}

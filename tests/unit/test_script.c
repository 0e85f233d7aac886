/* Script display: one character for one character, Traditional ⇄
 * Simplified through ICU, the original untouched, names. */
#include "test_util.h"
#include "yuedu/script.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* The first character of a UTF-8 string. */
static uint32_t cp(const char *s)
{
    UChar32 c;
    int32_t i = 0, n = (int32_t)strlen(s);
    U8_NEXT((const uint8_t *)s, i, n, c);
    return (uint32_t)c;
}

static uint32_t show(const char *s, yd_script_display to) { return yd_script_char(cp(s), to); }

static void test_before_prepare(void **state)
{
    (void)state;
    /* Nothing is built until asked: characters show as written. */
    assert_int_equal(show("書", YD_SCRIPT_SIMPLIFIED), cp("書"));
    assert_int_equal(show("书", YD_SCRIPT_TRADITIONAL), cp("书"));
}

static void test_simplified(void **state)
{
    (void)state;
    yd_error err = {0};
    assert_int_equal(yd_script_prepare(YD_SCRIPT_SIMPLIFIED, &err), YD_OK);
    assert_int_equal(yd_script_prepare(YD_SCRIPT_SIMPLIFIED, &err), YD_OK); /* again: cheap */
    assert_int_equal(show("書", YD_SCRIPT_SIMPLIFIED), cp("书"));
    assert_int_equal(show("閱", YD_SCRIPT_SIMPLIFIED), cp("阅"));
    assert_int_equal(show("讀", YD_SCRIPT_SIMPLIFIED), cp("读"));
    assert_int_equal(show("黨", YD_SCRIPT_SIMPLIFIED), cp("党"));
    assert_int_equal(show("裡", YD_SCRIPT_SIMPLIFIED), cp("里"));
    /* Simplified text, punctuation, Latin and astral characters stay. */
    assert_int_equal(show("书", YD_SCRIPT_SIMPLIFIED), cp("书"));
    assert_int_equal(show("「", YD_SCRIPT_SIMPLIFIED), cp("「"));
    assert_int_equal(show("A", YD_SCRIPT_SIMPLIFIED), 'A');
    assert_int_equal(yd_script_char(0x20000, YD_SCRIPT_SIMPLIFIED), 0x20000);
    /* Original: as written. */
    assert_int_equal(show("書", YD_SCRIPT_ORIGINAL), cp("書"));
}

static void test_traditional(void **state)
{
    (void)state;
    yd_error err = {0};
    assert_int_equal(yd_script_prepare(YD_SCRIPT_TRADITIONAL, &err), YD_OK);
    assert_int_equal(show("书", YD_SCRIPT_TRADITIONAL), cp("書"));
    assert_int_equal(show("读", YD_SCRIPT_TRADITIONAL), cp("讀"));
    assert_int_equal(show("会", YD_SCRIPT_TRADITIONAL), cp("會"));
    assert_int_equal(show("書", YD_SCRIPT_TRADITIONAL), cp("書"));
}

/* Every mapped character is one BMP Han character for another: widths and
 * offsets cannot change. */
static void test_one_to_one(void **state)
{
    (void)state;
    yd_error err = {0};
    assert_int_equal(yd_script_prepare(YD_SCRIPT_SIMPLIFIED, &err), YD_OK);
    assert_int_equal(yd_script_prepare(YD_SCRIPT_TRADITIONAL, &err), YD_OK);
    size_t changed = 0;
    for (uint32_t c = 0; c < 0x10000; c++)
        for (int to = YD_SCRIPT_SIMPLIFIED; to <= YD_SCRIPT_TRADITIONAL; to++) {
            uint32_t d = yd_script_char(c, (yd_script_display)to);
            if (d == c)
                continue;
            changed++;
            assert_true(d < 0x10000 && (d < 0xD800 || d > 0xDFFF));
            UErrorCode st = U_ZERO_ERROR;
            assert_int_equal(uscript_getScript((UChar32)d, &st), USCRIPT_HAN);
            assert_int_equal(u_getIntPropertyValue((UChar32)d, UCHAR_EAST_ASIAN_WIDTH),
                             u_getIntPropertyValue((UChar32)c, UCHAR_EAST_ASIAN_WIDTH));
        }
    assert_true(changed > 2000); /* thousands of characters either way */
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(yd_script_name(YD_SCRIPT_ORIGINAL), "original");
    assert_string_equal(yd_script_name(YD_SCRIPT_SIMPLIFIED), "simplified");
    assert_string_equal(yd_script_name(YD_SCRIPT_TRADITIONAL), "traditional");
    assert_null(yd_script_name((yd_script_display)7));
    assert_int_equal(yd_script_from_name("traditional"), YD_SCRIPT_TRADITIONAL);
    assert_int_equal(yd_script_from_name("Simplified"), -1);
    assert_int_equal(yd_script_from_name(NULL), -1);
    yd_error err = {0};
    assert_int_equal(yd_script_prepare(YD_SCRIPT_ORIGINAL, &err), YD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_prepare), cmocka_unit_test(test_simplified),
        cmocka_unit_test(test_traditional),    cmocka_unit_test(test_one_to_one),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

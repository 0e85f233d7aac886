/* The number parser: every number from 1 to 9999 written in each form that
 * headings and articles use is read back to its value, and malformed runs
 * are refused. The writers below are independent of the parser: they
 * follow the rules of writing Chinese numbers, not the parser's code. */
#include "test_util.h"
#include "yuedu/numeral.h"

static const UChar PLAIN[10] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
static const UChar MONEY[10] = {0x96F6, 0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646, 0x67D2, 0x634C, 0x7396};
static const UChar UNITS_PLAIN[4] = {0, 0x5341, 0x767E, 0x5343};  /* 十 百 千 */
static const UChar UNITS_MONEY[4] = {0, 0x62FE, 0x4F70, 0x4EDF};  /* 拾 佰 仟 */

enum {
    FORM_COMMON,    /* 十一, 二百零三 */
    FORM_FULL_TEN,  /* 一十一, 一百一十一 */
    FORM_LING_O,    /* 二百〇三: 〇 for the zero */
    FORM_LIANG,     /* 两百, 两千: 两 for a leading two before 百 and 千 */
    FORM_MONEY,     /* 壹仟贰佰零叁 */
    FORM_DIGITS,    /* 一二〇三: digit by digit */
    FORM_ARABIC,    /* 1203 */
    FORM_WIDE,      /* １２０３ */
    FORM_COUNT
};

/* Write n (1..9999) in form into out; returns the length. */
static int write_number(int n, int form, UChar *out)
{
    int len = 0;
    if (form == FORM_ARABIC || form == FORM_WIDE || form == FORM_DIGITS) {
        char d[8];
        int k = snprintf(d, sizeof d, "%d", n);
        for (int i = 0; i < k; i++) {
            int v = d[i] - '0';
            out[len++] = form == FORM_ARABIC ? (UChar)d[i]
                         : form == FORM_WIDE ? (UChar)(0xFF10 + v)
                         : v == 0           ? (UChar)0x3007
                                            : PLAIN[v];
        }
        return len;
    }
    const UChar *digits = form == FORM_MONEY ? MONEY : PLAIN;
    const UChar *units = form == FORM_MONEY ? UNITS_MONEY : UNITS_PLAIN;
    int place[4] = {n / 1000, n / 100 % 10, n / 10 % 10, n % 10}; /* 千 百 十 个 */
    int started = 0, pending_zero = 0;
    for (int p = 0; p < 4; p++) {
        int v = place[p], unit = 3 - p;
        if (v == 0) {
            pending_zero = started;
            continue;
        }
        if (pending_zero)
            out[len++] = form == FORM_LING_O ? 0x3007 : digits[0];
        pending_zero = 0;
        int elide_one = unit == 1 && v == 1 && !started && form != FORM_FULL_TEN && form != FORM_MONEY;
        if (!elide_one)
            out[len++] = form == FORM_LIANG && v == 2 && unit >= 2 ? 0x4E24 : digits[v];
        if (unit > 0)
            out[len++] = units[unit];
        started = 1;
    }
    return len;
}

static int32_t parse_all(const UChar *s, int len, unsigned flags)
{
    int32_t v = -1;
    int32_t e = yd_numeral_parse(s, 0, len, flags, &v);
    return e == len ? v : -1;
}

static void test_every_number_in_every_form(void **state)
{
    (void)state;
    UChar buf[32];
    for (int form = 0; form < FORM_COUNT; form++)
        for (int n = 1; n <= 9999; n++) {
            int len = write_number(n, form, buf);
            int32_t v = parse_all(buf, len, YD_NUMERAL_ANY);
            if (v != n) {
                char *s = utf8_of(buf, len);
                fail_msg("form %d: %s read as %d, want %d", form, s, v, n);
            }
        }
}

static void test_twenty_and_thirty_as_one_character(void **state)
{
    (void)state;
    /* 廿 卅 卌 replace 二十 三十 四十: 廿 = 20, 廿三 = 23, 卅九 = 39. */
    static const UChar tens[3] = {0x5EFF, 0x5345, 0x534C};
    for (int n = 20; n < 50; n++) {
        UChar buf[2] = {tens[n / 10 - 2], PLAIN[n % 10]};
        assert_int_equal(parse_all(buf, n % 10 ? 2 : 1, YD_NUMERAL_CHINESE), n);
    }
}

static UChar *u16(const char *utf8, int32_t *len)
{
    static UChar buf[64];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(buf, 64, len, utf8, -1, &st);
    assert_false(U_FAILURE(st));
    return buf;
}

static int32_t parse_utf8(const char *s, unsigned flags, int32_t *consumed)
{
    int32_t len, v = -1;
    UChar *b = u16(s, &len);
    *consumed = yd_numeral_parse(b, 0, len, flags, &v);
    return v;
}

static void test_elisions_and_large_numbers(void **state)
{
    (void)state;
    int32_t used;
    assert_int_equal(parse_utf8("一百二", YD_NUMERAL_CHINESE, &used), 120);    /* elided tens */
    assert_int_equal(parse_utf8("两千三", YD_NUMERAL_CHINESE, &used), 2300);
    assert_int_equal(parse_utf8("一万二千零五", YD_NUMERAL_CHINESE, &used), 12005);
    assert_int_equal(parse_utf8("兩百", YD_NUMERAL_CHINESE, &used), 200);
    assert_int_equal(parse_utf8("〇", YD_NUMERAL_CHINESE, &used), 0);
    assert_int_equal(parse_utf8("一〇", YD_NUMERAL_CHINESE, &used), 10);       /* digit by digit */
    assert_int_equal(parse_utf8("十条", YD_NUMERAL_CHINESE, &used), 10);
    assert_int_equal(used, 1); /* stops at the first character that is no numeral */
}

static void test_spaces_inside_only_when_asked(void **state)
{
    (void)state;
    int32_t used;
    assert_int_equal(parse_utf8("1 2", YD_NUMERAL_ARABIC | YD_NUMERAL_SPACES, &used), 12);
    assert_int_equal(used, 3);
    assert_int_equal(parse_utf8("1 2", YD_NUMERAL_ARABIC, &used), 1);
    assert_int_equal(used, 1);
    assert_int_equal(parse_utf8("一百 二十", YD_NUMERAL_CHINESE | YD_NUMERAL_SPACES, &used), 120);
    assert_int_equal(parse_utf8("一百\u3000二十", YD_NUMERAL_CHINESE | YD_NUMERAL_SPACES, &used), 120);
    assert_int_equal(used, 5); /* an ideographic space is a blank too */
    assert_int_equal(parse_utf8("十一 ", YD_NUMERAL_CHINESE | YD_NUMERAL_SPACES, &used), 11);
    assert_int_equal(used, 2); /* a trailing blank is not part of the number */
}

static void test_malformed_runs_are_refused(void **state)
{
    (void)state;
    static const char *bad[] = {"十百", "一二十", "百", "千五", "三零五十", "一万二万", "123456789",
                                "一百二百", "三十二十"}; /* a unit no larger than the one before */
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        int32_t used;
        parse_utf8(bad[k], YD_NUMERAL_ANY, &used);
        if (used != 0)
            fail_msg("%s was read as a number", bad[k]);
    }
    int32_t used;
    parse_utf8("一二三", YD_NUMERAL_ARABIC, &used); /* the form was not asked for */
    assert_int_equal(used, 0);
    parse_utf8("12", YD_NUMERAL_CHINESE, &used);
    assert_int_equal(used, 0);
}

static void test_inserted_marks(void **state)
{
    (void)state;
    int32_t len, sub = -1;
    UChar *b = u16("之一 旅遊", &len);
    assert_int_equal(yd_numeral_insert(b, 0, len, &sub), 2);
    assert_int_equal(sub, 1);
    b = u16("-12 條", &len);
    assert_int_equal(yd_numeral_insert(b, 0, len, &sub), 3);
    assert_int_equal(sub, 12);
    b = u16("의2 (정의)", &len);
    assert_int_equal(yd_numeral_insert(b, 0, len, &sub), 2);
    assert_int_equal(sub, 2);
    b = u16("之規定", &len); /* 之 followed by a word: no insertion */
    assert_int_equal(yd_numeral_insert(b, 0, len, &sub), 0);
    b = u16("-", &len);
    assert_int_equal(yd_numeral_insert(b, 0, len, &sub), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_number_in_every_form),
        cmocka_unit_test(test_twenty_and_thirty_as_one_character),
        cmocka_unit_test(test_elisions_and_large_numbers),
        cmocka_unit_test(test_spaces_inside_only_when_asked),
        cmocka_unit_test(test_malformed_runs_are_refused),
        cmocka_unit_test(test_inserted_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

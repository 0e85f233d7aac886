/* OSC 52 sequences (base64, the limit) and citation templates. */
#include "test_util.h"
#include "yuedu/clipboard.h"

static void test_base64_padding(void **state)
{
    (void)state;
    /* RFC 4648's test vectors: every padding case. */
    const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *want[] = {"", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
    for (size_t i = 0; i < 7; i++) {
        char *s;
        size_t n;
        assert_int_equal(yd_base64_encode((const unsigned char *)in[i], strlen(in[i]), &s, &n, NULL), YD_OK);
        assert_string_equal(s, want[i]);
        assert_int_equal(n, strlen(want[i]));
        free(s);
    }
}

static void test_osc52_encodes_everything(void **state)
{
    (void)state;
    /* An escape in the text must not reach the terminal as one. */
    const char text[] = "第一条\033]0;x\a";
    char *s;
    size_t n;
    assert_int_equal(yd_osc52_sequence(text, sizeof text - 1, 1000, &s, &n, NULL), YD_OK);
    assert_int_equal(n, strlen(s));
    assert_memory_equal(s, "\033]52;c;", 7);
    assert_int_equal(s[n - 1], '\a');
    for (size_t i = 7; i < n - 1; i++)
        assert_true(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", s[i]) != NULL);
    free(s);
}

static void test_osc52_limit_refuses(void **state)
{
    (void)state;
    char *s = (char *)1;
    yd_error err = {0};
    /* 6 bytes are 8 of base64: a limit of 8 takes them, 7 refuses them. */
    assert_int_equal(yd_osc52_sequence("abcdef", 6, 8, &s, NULL, &err), YD_OK);
    free(s);
    assert_int_equal(yd_osc52_sequence("abcdef", 6, 7, &s, NULL, &err), YD_ETOOBIG);
    assert_null(s);
    assert_non_null(strstr(err.message, "clipboard.limit"));
}

static void test_citation_default(void **state)
{
    (void)state;
    yd_citation_fields f = {"民法典", "第二编 › 第三章", "民法典.txt", 57};
    char *s;
    assert_int_equal(yd_citation_format(YD_CITATION_DEFAULT, &f, &s, NULL), YD_OK);
    assert_string_equal(s, "——《民法典》第二编 › 第三章（民法典.txt:57）");
    free(s);
}

static void test_citation_braces(void **state)
{
    (void)state;
    yd_citation_fields f = {NULL, NULL, "a.txt", 3};
    char *s;
    assert_int_equal(yd_citation_format("{{x}} {other} {title}|{file}:{line} {", &f, &s, NULL), YD_OK);
    assert_string_equal(s, "{x} {other} |a.txt:3 {");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_base64_padding),
        cmocka_unit_test(test_osc52_encodes_everything),
        cmocka_unit_test(test_osc52_limit_refuses),
        cmocka_unit_test(test_citation_default),
        cmocka_unit_test(test_citation_braces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

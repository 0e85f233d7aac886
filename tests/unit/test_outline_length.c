/* A node's length: the characters that are not white space of its whole
 * subtree; minutes at the reading rate. */
#include "test_util.h"
#include "yuedu/outline_length.h"

static void lengths(void **state)
{
    (void)state;
    static const char text[] = "第一章 甲乙\n第一条 丙　丁\n\n第二章 戊\n";
    yd_document d;
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "t.txt", (const unsigned char *)text, strlen(text), NULL, &err), YD_OK);
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_int_equal(o.count, 3);
    assert_int_equal(yd_outline_node_chars(&d, &o, 0), 5 + 5); /* 第一章甲乙, 第一条丙丁: blanks not counted */
    assert_int_equal(yd_outline_node_chars(&d, &o, 1), 5);
    assert_int_equal(yd_outline_node_chars(&d, &o, 2), 4);
    assert_int_equal(yd_outline_node_chars(&d, &o, -1), 14);
    assert_true(yd_reading_minutes(600, 0) == 2.0);
    assert_true(yd_reading_minutes(600, 200) == 3.0);
    yd_outline_free(&o);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(lengths)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

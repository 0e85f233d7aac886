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

/* Every node's length in one pass is each node's length alone, on a text
 * with words before the first node, nesting three deep and a node that
 * ends the text. */
static void all_lengths(void **state)
{
    (void)state;
    static const char text[] = "序言 一段话。\n"
                               "第一编 总则\n第一章 甲\n第一条 甲乙。\n第二条 丙。\n"
                               "第二章 乙\n第三条 丁 戊。\n"
                               "第二编 分则\n第四条 己。\n第三编 附则\n";
    yd_document d;
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "t.txt", (const unsigned char *)text, strlen(text), NULL, &err), YD_OK);
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_true(o.count >= 8);
    size_t *all = NULL;
    assert_int_equal(yd_outline_lengths(&d, &o, &all), YD_OK);
    for (int32_t i = 0; i < o.count; i++)
        assert_int_equal(all[i], yd_outline_node_chars(&d, &o, i));
    assert_int_equal(all[o.count], yd_outline_node_chars(&d, &o, -1));
    assert_true(all[0] > all[1] && all[1] > all[2]); /* 编 > 章 > 条 */
    free(all);
    yd_outline_free(&o);
    /* No node: the document alone. */
    yd_document_free(&d);
    assert_int_equal(yd_document_from_bytes(&d, "t.txt", (const unsigned char *)"一 二\n", 7, NULL, &err), YD_OK);
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_int_equal(yd_outline_lengths(&d, &o, &all), YD_OK);
    assert_int_equal(all[o.count], 2);
    free(all);
    yd_outline_free(&o);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(lengths), cmocka_unit_test(all_lengths)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Hits per outline node: a node counts the hits of its whole subtree, from
 * its line to the next node outside it; a hit on the next node's line is
 * not its. */
#include "test_util.h"
#include "yuedu/outline_hits.h"

static const char TEXT[] = "第一章 甲\n"   /* 1 */
                           "第一条 甲甲\n" /* 2 */
                           "第二条 乙\n"   /* 3 */
                           "第二章 甲\n"   /* 4 */
                           "第三条 丙\n";  /* 5 */

static void counts(void **state)
{
    (void)state;
    yd_document d;
    yd_outline o;
    yd_error err = {0};
    assert_int_equal(yd_document_from_bytes(&d, "t.txt", (const unsigned char *)TEXT, strlen(TEXT), NULL, &err), YD_OK);
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    assert_int_equal(o.count, 5);
    /* hits on every 甲: line 1, twice on line 2, line 4 */
    yd_hits hits = {0};
    yd_hit items[8];
    for (int32_t i = 0; i < d.length; i++)
        if (d.text[i] == 0x7532 /* 甲 */)
            items[hits.count++] = (yd_hit){i, 1};
    hits.items = items;
    assert_int_equal(hits.count, 4);
    assert_int_equal(yd_outline_node_hits(&o, d.length, -1, &hits), 4); /* the document */
    assert_int_equal(yd_outline_node_hits(&o, d.length, 0, &hits), 3);  /* 第一章 and its articles */
    assert_int_equal(yd_outline_node_hits(&o, d.length, 1, &hits), 2);  /* 第一条 */
    assert_int_equal(yd_outline_node_hits(&o, d.length, 2, &hits), 0);  /* 第二条 */
    assert_int_equal(yd_outline_node_hits(&o, d.length, 3, &hits), 1);  /* 第二章 */
    assert_int_equal(yd_outline_node_hits(&o, d.length, 4, &hits), 0);  /* 第三条, the last node */
    assert_int_equal(yd_outline_node_hits(&o, d.length, 0, NULL), 0);
    int32_t lo, hi;
    yd_outline_subtree_span(&o, d.length, 4, &lo, &hi);
    assert_int_equal(lo, d.line_starts[4]);
    assert_int_equal(hi, d.length);
    assert_int_equal(yd_hits_between(&hits, 0, 0), 0);
    assert_int_equal(yd_hits_between(&hits, 0, d.length), 4);
    assert_int_equal(yd_hits_between(&hits, items[3].offset, d.length), 1);
    assert_int_equal(yd_hits_between(&hits, items[3].offset + 1, d.length), 0);
    yd_outline_free(&o);
    yd_document_free(&d);
}

/* Only the hits inside the ranges are kept, in order. */
static void keep_within(void **state)
{
    (void)state;
    yd_hit items[] = {{1, 1}, {5, 2}, {9, 1}, {10, 1}, {20, 1}, {31, 1}};
    yd_hits hits = {.items = items, .count = 6};
    yd_text_range ranges[] = {{5, 10}, {20, 21}, {30, 40}};
    yd_hits_keep_within(&hits, ranges, 3);
    assert_int_equal(hits.count, 4);
    assert_int_equal(items[0].offset, 5);
    assert_int_equal(items[1].offset, 9);
    assert_int_equal(items[2].offset, 20);
    assert_int_equal(items[3].offset, 31);
    yd_hits_keep_within(&hits, NULL, 0);
    assert_int_equal(hits.count, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(counts), cmocka_unit_test(keep_within)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Web furniture (furniture.c): the lines of tests/fixtures/formats/
 * webpage.txt that a site glued around its text are found, the text's
 * own lines (a heading about 订阅, a sentence about a 公众号) are not; the
 * outline never takes furniture for a heading. */
#include "test_util.h"
#include "yuedu/document.h"
#include "yuedu/furniture.h"
#include "yuedu/outline.h"

static void load(yd_document *d, const char *name, const char *text)
{
    yd_error err = {0};
    if (yd_document_from_bytes(d, name, (const unsigned char *)text, strlen(text), NULL, &err) != YD_OK)
        fail_msg("load: %s", err.message);
}

static void test_webpage(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    assert_int_equal(yd_document_load(&d, fixture("formats/webpage.txt"), NULL, &err), YD_OK);
    uint8_t *m;
    int32_t found;
    assert_int_equal(yd_furniture_find(&d, &m, &found, &err), YD_OK);
    assert_non_null(m);
    /* 1-based source lines: furniture, the blank lines after it, the text. */
    static const uint8_t want[] = {1, 1, 1, 1, 2, 1, 1, 2, 2, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 1};
    assert_int_equal(d.line_count, (int32_t)sizeof want);
    for (int32_t k = 0; k < d.line_count; k++)
        if (m[k] != want[k])
            fail_msg("line %d: mark %d, want %d", k + 1, m[k], want[k]);
    assert_int_equal(found, 8);
    free(m);
    /* The outline: the text's headings, none of the furniture. */
    yd_outline o;
    assert_int_equal(yd_outline_build(&o, &d, &err), YD_OK);
    for (int32_t i = 0; i < o.count; i++)
        assert_true(o.nodes[i].line >= 12);
    assert_true(o.count >= 2);
    yd_outline_free(&o);
    yd_document_free(&d);
}

static void test_signals(void **state)
{
    (void)state;
    struct {
        const char *line;
        int edge, want;
    } cases[] = {
        {"http://example.net/", 0, 1},
        {"　　欢迎访问 www.example.net 获取更多", 0, 1},
        {"仅供参考", 0, 1},
        {"转载请注明出处", 0, 1},
        {"（三）做好报刊订阅工作", 0, 0},       /* 订阅 alone is the text's */
        {"第一章 下载与安装", 0, 0},
        {"", 0, 0},
        {"小编为大家整理了范文，希望有所帮助。", 1, 1},
        {"小编为大家整理了范文，希望有所帮助。", 0, 0}, /* a blurb only near an end */
        /* A long sentence that mentions a notice is the text's own. */
        {"他说这份材料仅供参考，但大家读完以后都觉得很有用，于是又印了很多份分给各个村的干部，让他们带回去认真学习讨论。", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        yd_document d;
        load(&d, "x.txt", cases[i].line);
        int32_t s = 0, e = d.length;
        if (yd_furniture_signal(d.text, s, e, cases[i].edge) != cases[i].want)
            fail_msg("case %zu (%s): want %d", i, cases[i].line, cases[i].want);
        yd_document_free(&d);
    }
}

/* A block goes with its sign only when short; plain text has no marks. */
static void test_blocks(void **state)
{
    (void)state;
    yd_document d;
    yd_error err = {0};
    uint8_t *m;
    int32_t found;
    load(&d, "a.txt", "第一章 总则\n\n正文一段，写得很长很长，一直写到这里才算完整的一句话，没有任何网站的痕迹。\n");
    assert_int_equal(yd_furniture_find(&d, &m, &found, &err), YD_OK);
    assert_null(m);
    assert_int_equal(found, 0);
    yd_document_free(&d);
    /* The sign's block has a long line: only the sign is furniture. */
    load(&d, "b.txt", "扫码关注\n这一行是正文，它比四十个字长得多，所以它不会因为和上面那一行在同一块里就被当成网站的装饰而藏起来。\n");
    assert_int_equal(yd_furniture_find(&d, &m, &found, &err), YD_OK);
    assert_non_null(m);
    assert_int_equal(m[0], YD_FURNITURE_LINE);
    assert_int_equal(m[1], 0);
    free(m);
    yd_document_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_webpage),
        cmocka_unit_test(test_signals),
        cmocka_unit_test(test_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
